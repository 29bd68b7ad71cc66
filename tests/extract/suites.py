"""What the case suites (crisis events, quotes, dates) share: a YAML loader that keeps line
numbers, one batch through the real pipeline for all cases, and open cases as strict xfails."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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
