"""The extractor registry: named stages that read a parsed Doc and add annotations.

A stage is a plain function ``func(doc, ann, options) -> None`` registered with
``@stage(name, requires=..., assigns=...)``. It reads what earlier stages put on
``ann`` (an :class:`~faultline.model.Annotations`) and appends its own, each
annotation carrying a :class:`~faultline.model.Span` into ``ann.article.text``.
A new extractor is a new module here plus one line in ``BUILTIN``.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from faultline.errors import UsageError
from faultline.model import Annotations, Failure
from faultline.options import Options

StageFunc = Callable[[Doc, Annotations, Options], None]

# name -> module that registers it; imported only when a run asks for the stage.
BUILTIN: dict[str, str] = {
    "entities": "faultline.extract.entities",
    "actors": "faultline.extract.actors",
    "time": "faultline.extract.time",
    "quotes": "faultline.extract.quotes",
    "events": "faultline.extract.events",
    "events_learned": "faultline.extract.events_learned",
    "claims": "faultline.extract.claims",
}


@dataclass(frozen=True)
class Stage:
    name: str
    func: StageFunc
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()

    def __call__(self, doc: Doc, ann: Annotations, options: Options) -> None:
        self.func(doc, ann, options)


_REGISTRY: dict[str, Stage] = {}


def stage(
    name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = ()
) -> Callable[[StageFunc], StageFunc]:
    """Register ``func`` as the extractor stage ``name``."""

    def register(func: StageFunc) -> StageFunc:
        _REGISTRY[name] = Stage(name, func, tuple(requires), tuple(assigns))
        return func

    return register


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once: spaCy's `doc.text` joins every token on each access."""
    text = doc.user_data.get("faultline_text")
    if text is None:
        text = doc.user_data["faultline_text"] = doc.text
    return str(text)


def available() -> list[str]:
    """Built-in stages whose module is present, in pipeline order."""
    return [n for n, mod in BUILTIN.items() if importlib.util.find_spec(mod) is not None]


def get_stage(name: str) -> Stage:
    if name not in _REGISTRY and name in BUILTIN:
        importlib.import_module(BUILTIN[name])
    if name not in _REGISTRY:
        known = ", ".join(sorted(set(_REGISTRY) | set(available())))
        raise UsageError(f"unknown extractor stage {name!r} (known: {known})")
    return _REGISTRY[name]


def resolve(names: Sequence[str]) -> list[Stage]:
    """The stages asked for plus what they require, each after its requirements."""
    ordered: list[Stage] = []
    seen: set[str] = set()

    def visit(name: str, chain: tuple[str, ...]) -> None:
        if name in seen:
            return
        if name in chain:
            raise UsageError(f"stage requirements form a cycle: {' -> '.join(chain + (name,))}")
        current = get_stage(name)
        for req in current.requires:
            visit(req, chain + (name,))
        seen.add(name)
        ordered.append(current)

    for name in names:
        visit(name, ())
    return ordered


def run_stages(doc: Doc, ann: Annotations, stages: Sequence[Stage], options: Options) -> None:
    """Run each stage; a stage that raises is recorded as a failure and the rest go on."""
    broken: set[str] = set()
    for current in stages:
        missing = [r for r in current.requires if r in broken]
        if missing:
            broken.add(current.name)
            continue
        try:
            current(doc, ann, options)
        except Exception as e:  # noqa: BLE001 - one bad article must not stop the run
            broken.add(current.name)
            ann.failures.append(
                Failure(
                    source=ann.article.source or ann.article.id,
                    reason=f"{type(e).__name__}: {e}",
                    stage=current.name,
                    article_id=ann.article.id,
                )
            )
