"""What the case suites (crisis events, quotes, dates) share: a YAML loader that keeps line
numbers, one batch through the real pipeline for all cases, and open cases as strict xfails."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

import pytest
import yaml

from faultline.model import Annotations, Article, article_id_for
from faultline.options import Options
from faultline.pipeline import process_batch


class SuiteCase(Protocol):
    id: str
    text: str
    date: str
    open: str | None


class SuiteError(ValueError):
    """A malformed suite file; the message starts with file:line."""


class LineLoader(yaml.SafeLoader):
    """Records the line of every mapping under '__line__'."""


def _mapping(loader: LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def annotate_cases(cases: Sequence[SuiteCase], stages: Iterable[str]) -> dict[str, Annotations]:
    """All cases in one batch (one model load, one pipe), by case id."""
    articles = [Article(id=f"{c.id}-{article_id_for(c.text)}", text=c.text, published=c.date)
                for c in cases]
    results = process_batch(articles, Options(stages=tuple(stages)))
    return {c.id: ann for c, ann in zip(cases, results, strict=True)}


def case_param(case: SuiteCase) -> object:
    """A pytest parameter for the case; an `open:` case is a strict xfail with its reason."""
    marks = [pytest.mark.xfail(strict=True, reason=case.open)] if case.open else []
    return pytest.param(case, id=case.id, marks=marks)


def case_records(path: Path, keys: frozenset[str] | set[str]
                 ) -> Iterator[tuple[str, dict[str, Any]]]:
    """The suite file's cases, each with its "file:line" for messages; a file that is no
    mapping with a 'cases' list, a case that is no mapping or has keys outside `keys` raise
    SuiteError."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=LineLoader)  # noqa: S506
    except yaml.YAMLError as e:
        raise SuiteError(f"{path}: not valid YAML: {e}") from e
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
        raise SuiteError(f"{path.name}:1: expected a mapping with a 'cases' list")
    for raw in data["cases"]:
        where = f"{path.name}:{raw.get('__line__', '?') if isinstance(raw, dict) else '?'}"
        if not isinstance(raw, dict):
            raise SuiteError(f"{where}: a case is a mapping")
        extra = set(raw) - keys - {"__line__"}
        if extra:
            raise SuiteError(f"{where}: unknown case keys {sorted(extra)}")
        yield where, raw
