"""The learned fallback: a category for sentences with actors where the rules coded nothing.

Registered as the stage ``events_learned`` after ``events``. For each sentence that has no
rule event and names at least ``MIN_ACTORS`` actors, the sentence classifier
(:mod:`faultline.extract.event_classifier`) proposes a PLOVER category; when its probability
reaches the model's threshold (tuned on the project's own held-out sentences, never on the
evaluation sets), or the category's own higher ``min_p`` in ``categories.tsv``, the stage
emits one :class:`LearnedEvent`. Weaker evidence needs more: a sentence whose actors are all
unknown to the dictionaries ("a senior official") needs ``UNKNOWN_MIN_P``; reported speech
(the root verb is a quote's cue and a mere verb of saying, not an event verb or frame of
``verbs.yaml`` such as "agreed to", "refused") is coded only for a speaker the dictionaries
know, at ``SPEECH_MIN_P``.

* code: the category's CAMEO code from ``data/classifier/categories.tsv``;
* source: the actor on the subject side of the sentence's root verb (the ``by``-agent of a
  passive), else the first actor named; target: the first other actor, the passive subject
  first;
* evidence: the sentence, the root verb as trigger, the two actor mentions
  (``source_span``/``source_text``, ``target_span``/``target_text``);
* modality: :func:`faultline.extract.modality.modality_of` on the root verb;
* confidence: the classifier's probability; ``coder`` is ``"learned"``.

``options.extra["events_learned"]``: ``"fallback"`` (default), ``"off"`` (the stage does
nothing) or ``"alone"`` (for measuring: the rules' events are dropped and every sentence
with actors is classified).

The gates live in :func:`assess`, which returns a :class:`Verdict` per sentence: the code and
actors when the stage codes it, else the first gate that stopped it, named in ``REASONS``.
When ``doc.user_data[EXPLAIN_KEY]`` holds a list, the stage appends each Verdict to it
(``faultline explain``).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from faultline.codebook import codebook
from faultline.extract import doc_text, stage
from faultline.extract.event_classifier import (
    NONE,
    categories,
    features,
    model,
    token_hints,
)
from faultline.extract.eventdate import article_precision, event_date, place_timexes
from faultline.extract.modality import modality_of
from faultline.model import ActorMention, Annotations, Event, Quote, Span
from faultline.options import Options

MIN_ACTORS = 1
# Weaker evidence needs a surer classifier: a sentence whose actors are all unknown to the
# dictionaries ("a senior official", "the company"), and reported speech ("X said ..."), where
# the words around the cue may describe no event the speaker names. Reported speech is coded
# only when the speaker is a known actor: the source side of what is reported.
UNKNOWN_MIN_P = 0.5
SPEECH_MIN_P = 0.8
CODER = "learned"
_SUBJECTS = ("nsubj", "csubj", "expl")
_NOT_ACTORS = frozenset({"location"})  # ActorMention.via values that name no actor


@dataclass
class LearnedEvent(Event):
    """An event the learned fallback coded: the category's probability is its confidence."""

    coder: str = CODER
    category: str | None = None  # the PLOVER category the classifier proposed

    def explain(self) -> str:
        return f"learned fallback: {self.category} p={self.confidence:.2f}"


def _inside(m: ActorMention, tok: Token) -> bool:
    return tok.left_edge.i <= m.token_start and m.token_end - 1 <= tok.right_edge.i


def _roles(root: Token, mentions: list[ActorMention]
           ) -> tuple[ActorMention | None, ActorMention | None]:
    """(source, target) among the sentence's mentions, read off the root verb."""
    subject = [c for c in root.children if c.dep_ in _SUBJECTS]
    passive = [c for c in root.children if c.dep_ in ("nsubjpass", "csubjpass")]
    agents = [g for c in root.children if c.dep_ == "agent" for g in c.children
              if g.dep_ == "pobj"]
    source = next((m for s in subject for m in mentions if _inside(m, s)), None)
    target = None
    if passive:
        target = next((m for s in passive for m in mentions if _inside(m, s)), None)
        source = source or next((m for a in agents for m in mentions if _inside(m, a)), None)
    if source is None and target is None and mentions and not subject:
        source = mentions[0]  # no subject to read: the first actor named
    if target is None:
        after = [m for m in mentions if m.token_start > root.i] + mentions
        target = next((m for m in after if source is None or
                       (m is not source and m.actor.code != source.actor.code)), None)
    if source is not None and target is not None and source.actor.code == target.actor.code:
        target = None
    return source, target


def _pronoun_subject(root: Token) -> bool:
    """The root's subject is a pronoun ("They issued ..."): who acted is in another sentence."""
    return any(c.dep_ in _SUBJECTS and c.pos_ == "PRON" for c in root.children)


def _no_event_sense(root: Token) -> bool:
    """The senses table (data/senses.yaml) reads the root verb, with its object, as no event
    ("released a video", "delivered a response")."""
    from faultline.extract.events.lexicon import lexicon
    from faultline.extract.events.triggers import sense_of

    pos = "noun" if root.pos_ in ("NOUN", "PROPN") else "verb"
    found = sense_of(root, lexicon(), pos)
    return found is not None and found.code is None


def _known(m: ActorMention) -> bool:
    """An actor the dictionaries know (not "a senior official", code ---GOV)."""
    return m.via != "unknown" and not m.actor.code.startswith("---")


def _sentence_mentions(sent: SpacySpan, ann: Annotations) -> list[ActorMention]:
    """The sentence's actor mentions; a place named as a location ("in Geneva") is none."""
    return sorted((m for m in ann.actors
                   if sent.start_char <= m.span.start and m.span.end <= sent.end_char
                   and m.via not in _NOT_ACTORS),
                  key=lambda m: m.span.start)


# Why the fallback coded a sentence or left it (``Verdict.reason``), for `faultline explain`.
REASONS = {
    "rules_coded": "the rules already coded an event in this sentence",
    "no_actor": "no actor named in the sentence (a place named as a location is none)",
    "unknown_actors": "every actor is unknown to the dictionaries (e.g. 'a senior official') "
                      f"and the probability is below {UNKNOWN_MIN_P}",
    "reported_speech": "the root verb is the cue of a quote whose speaker is not a known actor, "
                       f"or the probability is below {SPEECH_MIN_P}",
    "sense": "senses.yaml reads the root verb with its object as no event ('released a video')",
    "none": "the classifier's most probable class is NONE (no event)",
    "no_category": "the category has no line in categories.tsv",
    "blocked": "the category's min_p in categories.tsv is 1: never coded from words alone",
    "below_threshold": "the probability is below the model's threshold",
    "below_min_p": "the probability is below the category's min_p in categories.tsv",
    "no_roles": "no source or target could be read off the root verb, or no source and the "
                "subject is a pronoun (who acted is named in another sentence)",
}
EXPLAIN_KEY = "faultline_explain_learned"  # Doc.user_data: a list the stage appends Verdicts to


@dataclass
class Verdict:
    """What the fallback decided for one sentence: ``reason`` is None when it coded one."""

    sent: SpacySpan
    reason: str | None
    label: str | None = None
    p: float = 0.0
    need: float = 0.0  # the probability the category needed
    code: str | None = None
    source: ActorMention | None = None
    target: ActorMention | None = None


def _known_speaker(q: Quote) -> bool:
    code = q.speaker.code if q.speaker is not None else None
    return bool(code) and not str(code).startswith("---")


def assess(sent: SpacySpan, ann: Annotations, covered: list[tuple[int, int]],
           cues: list[Quote]) -> Verdict:
    """The stage's gates for one sentence, in order; the first that fails names the reason.
    ``cues``: the quotes that have a cue span."""
    if any(lo < sent.end_char and sent.start_char < hi for lo, hi in covered):
        return Verdict(sent, "rules_coded")
    mentions = _sentence_mentions(sent, ann)
    if len({m.actor.code for m in mentions}) < MIN_ACTORS:
        return Verdict(sent, "no_actor")
    root = sent.root
    speech = [q for q in cues if q.cue_span is not None
              and q.cue_span.start <= root.idx < q.cue_span.end]
    hinted, frames = token_hints(root)
    if speech and (hinted or set(frames) - {"say"}):
        speech = []  # the cue is itself an event verb ("agreed to", "refused"): no report
    if speech and not any(_known_speaker(q) for q in speech):
        return Verdict(sent, "reported_speech")
    if _no_event_sense(root):
        return Verdict(sent, "sense")
    clf = model()
    cats = categories()
    label, p = clf.predict(features(sent))
    if speech and label != NONE and p < SPEECH_MIN_P:
        return Verdict(sent, "reported_speech", label, p, SPEECH_MIN_P)
    if not any(_known(m) for m in mentions) and label != NONE and p < UNKNOWN_MIN_P:
        return Verdict(sent, "unknown_actors", label, p, UNKNOWN_MIN_P)
    if label == NONE:
        return Verdict(sent, "none", label, p)
    if label not in cats:
        return Verdict(sent, "no_category", label, p)
    code, min_p = cats[label]
    need = max(clf.threshold, min_p)
    if min_p >= 1.0:
        return Verdict(sent, "blocked", label, p, need, code)
    if p < clf.threshold:
        return Verdict(sent, "below_threshold", label, p, need, code)
    if p < min_p:
        return Verdict(sent, "below_min_p", label, p, need, code)
    source, target = _roles(sent.root, mentions)
    if source is None and (target is None or _pronoun_subject(sent.root)):
        return Verdict(sent, "no_roles", label, p, need, code)
    return Verdict(sent, None, label, p, need, code, source, target)


@stage("events_learned", requires=("events",), assigns=("events",))
def learned_events(doc: Doc, ann: Annotations, options: Options) -> None:
    mode = str(options.extra.get("events_learned", "fallback"))
    if mode == "off":
        return
    if mode == "alone":
        ann.events.clear()
    book = codebook()
    covered = [(e.span.start, e.span.end) for e in ann.events]
    cues = [q for q in ann.quotes if q.cue_span is not None]
    verdicts: list[Verdict] | None = doc.user_data.get(EXPLAIN_KEY)
    placed = None
    published = ann.article.published_date or options.default_published
    text = doc_text(doc)
    for sent in doc.sents:
        verdict = assess(sent, ann, covered, cues)
        if verdicts is not None:
            verdicts.append(verdict)
        if verdict.reason is not None or verdict.code is None:
            continue
        root = sent.root
        source, target, code, label, p = (verdict.source, verdict.target, verdict.code,
                                          verdict.label, verdict.p)
        info = book[code]
        if placed is None:
            placed = place_timexes(doc, ann.timexes)
        span = Span(ann.article.id, sent.start_char, sent.end_char)
        dated = event_date(doc, root, placed, (span.start, span.end))
        date, precision, date_source = published, article_precision(published), "article"
        if dated is not None:
            date, precision, date_source = dated[0], dated[1], "text"
        trigger = Span(ann.article.id, root.idx, root.idx + len(root.text))
        ann.events.append(LearnedEvent(
            span=span, trigger_span=trigger, trigger_text=text[trigger.start:trigger.end],
            code=code, source=source.actor if source else None,
            target=target.actor if target else None, root=code[:2], plover=info.plover,
            goldstein=info.goldstein, quad_class=info.quad_class,
            modality=modality_of(root), date=date, date_precision=precision,
            date_source=date_source, confidence=round(p, 4), category=label,
            source_span=source.span if source else None,
            source_text=source.text if source else None,
            target_span=target.span if target else None,
            target_text=target.text if target else None))
