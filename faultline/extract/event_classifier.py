"""A sentence classifier that proposes a PLOVER category, for sentences the rules leave empty.

A multinomial logistic regression over features read from the already-parsed sentence (no
second model, no download): lemma unigrams and bigrams with named entities folded into
their type (``<GPE>``, ``<ORG>`` ...), the root verb's lemma and its object, particle,
prepositions and open complement; and the event dictionary's hints: for each verb or noun
that ``verbs.yaml`` lists, the PLOVER categories of its patterns and its frame (``lex=ACCUSE``,
``lexroot=AGREE`` for the root verb, ``lex_frame=say``), so a trigger word the rules know but
could not code (no actor pair, a dropped reading) still points the classifier its way. The
weights are plain numbers in ``data/classifier/event_classifier.json`` (no pickle), written by
``training/train_event_classifier.py`` from sentences the project wrote itself
(``training/sentences/``); ``data/classifier/categories.tsv`` gives each category the CAMEO
code an event of it takes, and optionally a higher probability it needs. The class ``NONE``
means "no event here".
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from faultline.errors import DataFileError

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "classifier"
WEIGHTS = DATA_DIR / "event_classifier.json"
CATEGORIES = DATA_DIR / "categories.tsv"
NONE = "NONE"
_ENTITY_TYPES = frozenset({"GPE", "ORG", "PERSON", "NORP", "LOC", "FAC", "EVENT", "LAW"})
_OBJ_DEPS = frozenset({"dobj", "attr", "oprd", "nsubjpass"})
_SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})  # a passive subject is the object


def _norm(tok: Token) -> str | None:
    if tok.is_punct or tok.is_space:
        return None
    if tok.like_num or tok.pos_ == "NUM":
        return "<NUM>"
    if tok.ent_type_ in _ENTITY_TYPES:
        return f"<{tok.ent_type_}>"
    return tok.lemma_.lower()


def _plv_category(code: str | None) -> str | None:
    """The category the classifier's labels use for a CAMEO code (CONCEDE and RETREAT are
    YIELD, root 02 is REQUEST), or None."""
    from faultline.codebook import codebook

    if not code:
        return None
    if code[:2] == "02":
        return "REQUEST"
    info = codebook().get(code)
    if info is None or not info.plover:
        return None
    return "YIELD" if info.plover in ("CONCEDE", "RETREAT") else info.plover


@functools.lru_cache(maxsize=16384)
def dictionary_hints(lemma: str, verb: bool, around: frozenset[str] = frozenset()
                     ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(categories, frames) the event dictionary gives a verb or noun lemma: the patterns
    whose particle, preposition, object and modifier conditions the words ``around`` it (its
    dependents' lemmas) meet; with no ``around`` given, only patterns with no conditions."""
    from faultline.extract.events.lexicon import lexicon

    lex = lexicon()
    patterns = [p for p in (lex.verbs if verb else lex.nouns).get(lemma) or ()
                if all(not cond or cond & around for cond in (p.prt, p.prep, p.obj, p.mod))]
    cats = sorted({c for c in (_plv_category(p.code) for p in patterns) if c})
    frames = sorted({p.frame for p in patterns if p.frame})
    return tuple(cats), tuple(frames)


def token_hints(tok: Token) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """:func:`dictionary_hints` for a parsed verb or noun, read with the words it governs
    (a looser test than the rule coder's: "went back to their bases" parses 'back' as an
    adverb and 'bases' under it)."""
    around: set[str] = set()
    for c in tok.children:
        if c.dep_ in _SUBJECT_DEPS:
            continue
        for g in c.subtree:
            around.add(g.lower_)
            around.add(g.lemma_.lower())
    return dictionary_hints(tok.lemma_.lower(), tok.pos_ in ("VERB", "AUX"), frozenset(around))


def lexicon_features(sent: SpacySpan) -> list[str]:
    """The event dictionary's categories and frames for the sentence's verbs and nouns."""
    out: list[str] = []
    root = sent.root
    for tok in sent:
        if tok.pos_ not in ("VERB", "AUX", "NOUN", "PROPN"):
            continue
        cats, frames = token_hints(tok)
        tag = "lexroot" if tok.i == root.i else "lex"
        out += [f"{tag}={c}" for c in cats]
        out += [f"{tag}_frame={f}" for f in frames]
    return out


def features(sent: SpacySpan) -> list[str]:
    """The feature strings of one parsed sentence (a spaCy Span)."""
    words: list[str] = []
    for tok in sent:
        w = _norm(tok)
        if w is None:
            continue
        if w.startswith("<") and words and words[-1] == w and tok.ent_iob_ == "I":
            continue  # one entity, one word
        words.append(w)
    feats = [f"w={w}" for w in words]
    feats += [f"b={a}_{b}" for a, b in zip(words, words[1:], strict=False)]
    root = sent.root
    verbs = [root] + [c for c in root.children if c.dep_ in ("xcomp", "ccomp", "conj")
                      and c.pos_ in ("VERB", "AUX")]
    for k, verb in enumerate(verbs):
        tag = "root" if k == 0 else "verb2"
        lemma = verb.lemma_.lower()
        feats.append(f"{tag}={lemma}")
        if k == 0 and any(c.dep_ == "auxpass" for c in verb.children):
            feats.append("root_passive")
        for child in verb.children:
            dep = child.dep_
            if dep in _OBJ_DEPS:
                feats.append(f"{tag}_obj={lemma}_{_norm(child) or ''}")
                feats.append(f"obj={_norm(child) or ''}")
            elif dep == "prt":
                feats.append(f"{tag}_prt={lemma}_{child.lower_}")
            elif dep == "prep":
                feats.append(f"{tag}_prep={lemma}_{child.lower_}")
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        feats.append(f"prep_obj={child.lower_}_{_norm(pobj) or ''}")
            elif dep == "xcomp":
                feats.append(f"{tag}_x={lemma}_{child.lemma_.lower()}")
            elif dep == "neg":
                feats.append(f"{tag}_neg")
    return feats + lexicon_features(sent)


@dataclass(frozen=True)
class Model:
    labels: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    threshold: float
    info: dict[str, object]

    def probabilities(self, feats: Iterable[str]) -> list[float]:
        scores = list(self.bias)
        for f in set(feats):
            row = self.weights.get(f)
            if row is not None:
                for k, w in enumerate(row):
                    scores[k] += w
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def predict(self, feats: Iterable[str]) -> tuple[str, float]:
        """The most probable label and its probability."""
        probs = self.probabilities(feats)
        best = max(range(len(probs)), key=probs.__getitem__)
        return self.labels[best], probs[best]


def load_model(path: Path | str | None = None) -> Model:
    """Read and check the weights file."""
    file = Path(path) if path else WEIGHTS
    try:
        raw = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise DataFileError(f"cannot read the event classifier {file}: {e}") from e
    try:
        labels = tuple(str(x) for x in raw["labels"])
        bias = tuple(float(x) for x in raw["bias"])
        vocab: Sequence[str] = raw["features"]
        matrix: Sequence[Sequence[float]] = raw["weights"]
        threshold = float(raw["threshold"])
    except (KeyError, TypeError, ValueError) as e:
        raise DataFileError(f"{file}: malformed event classifier ({e})") from e
    if len(bias) != len(labels) or len(vocab) != len(matrix) or \
            any(len(row) != len(labels) for row in matrix):
        raise DataFileError(f"{file}: weights do not match the {len(labels)} labels")
    weights = {str(f): tuple(float(w) for w in row) for f, row in zip(vocab, matrix, strict=True)}
    return Model(labels, bias, weights, threshold, dict(raw.get("info") or {}))


@functools.lru_cache(maxsize=1)
def model() -> Model:
    return load_model()


def load_categories(path: Path | str | None = None) -> dict[str, tuple[str, float]]:
    """category -> (the CAMEO code an event of that category takes, the least probability
    at which the fallback codes it: 0 means the model's own threshold, 1 never) from
    categories.tsv."""
    file = Path(path) if path else CATEGORIES
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise DataFileError(f"cannot read {file}: {e}") from e
    from faultline.codebook import codebook

    book = codebook()
    out: dict[str, tuple[str, float]] = {}
    for n, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if cells[0] == "category":
            continue
        if len(cells) not in (2, 3):
            raise DataFileError(f"{file}: line {n}: expected 'category<TAB>code[<TAB>min_p]'")
        category, code = cells[0], cells[1]
        if code not in book:
            raise DataFileError(f"{file}: line {n}: {code!r} is not a CAMEO code")
        if category in out:
            raise DataFileError(f"{file}: line {n}: {category} given twice")
        try:
            min_p = float(cells[2]) if len(cells) == 3 and cells[2] else 0.0
        except ValueError:
            min_p = -1.0
        if not 0.0 <= min_p <= 1.0:
            raise DataFileError(f"{file}: line {n}: min_p must be a number in [0, 1]")
        out[category] = (code, min_p)
    return out


@functools.lru_cache(maxsize=1)
def categories() -> dict[str, tuple[str, float]]:
    return load_categories()


def classify(sent: SpacySpan) -> tuple[str, float]:
    """(label, probability) for one parsed sentence; label may be NONE."""
    return model().predict(features(sent))
