"""The "events" stage: reads each sentence and turns coded triggers into Events."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token

from faultline.codebook import codebook
from faultline.extract import doc_text, stage
from faultline.extract.eventdate import article_precision, event_date, place_timexes
from faultline.extract.events.arguments import (
    _arguments,
    _default_targets,
    _forces_subject,
    _noun_actors,
    _pairs,
    _sentence_subject,
    _within,
    same_actor,
)
from faultline.extract.events.context import (
    EXPLAIN_KEY,
    Note,
    _children,
    _Context,
    _hyphen_words,
    _mentions_index,
)
from faultline.extract.events.filters import _unseen, drop_reason
from faultline.extract.events.frames import _code_token
from faultline.extract.events.lexicon import lexicon
from faultline.extract.events.reading import _reading
from faultline.extract.events.speech import (
    _choose_speaker,
    _coded,
    _quote_speaker,
    _reporter,
    _speaker_actor,
    _voiced,
)
from faultline.extract.modality import modality_of
from faultline.model import ActorMention, Annotations, Event, Span
from faultline.options import Options

_WEAK = frozenset({"unknown", "location"})  # mentions an actor code was guessed for


@stage("events", requires=("actors", "time", "quotes"), assigns=("events",))
def extract_events(doc: Doc, ann: Annotations, options: Options) -> None:
    lex = lexicon()
    book = codebook()
    ctx = _Context(doc, ann, lex, _mentions_index(ann), [m.token_start for m in ann.actors],
                   hyphens=_hyphen_words(doc))
    placed = place_timexes(doc, ann.timexes)
    quote_starts = [q.span.start for q in ann.quotes]
    published = ann.article.published_date or options.default_published
    article_id = ann.article.id
    previous_subject: list[ActorMention] = []
    seen: set[tuple[int, str, str, str]] = set()
    notes: list[Note] | None = doc.user_data.get(EXPLAIN_KEY)
    for sent in doc.sents:
        for tok in sent:
            _code_token(tok, ctx)
        sent_subject = _sentence_subject(sent, ctx)
        for tok in sent:
            trig = ctx.triggers.get(tok.i)
            if trig is None:
                continue
            note = Note(tok, trig.code, trig.pattern.code, trig.pattern.frame,
                        trig.inner.token if trig.inner is not None else None)
            if notes is not None:
                notes.append(note)
            if trig.code is None:
                note.reason = "no-code"
                continue
            unseen = trig.is_noun and _unseen(tok, ctx)
            note.reason = drop_reason(tok, trig, ctx, unseen)
            if note.reason is not None:
                continue
            speaker = _choose_speaker(
                _coded(_quote_speaker(ann, tok.idx, quote_starts) if ann.quotes else None, ctx),
                _reporter(trig, ctx))
            if unseen:
                # "NATO saw no sign of a pull-back": the pull-back's own actors, or none (the
                # perceiver is not the source); the speaker stands behind the negation
                sources, targets = _noun_actors(trig, ctx)
                if (speaker is None or not speaker.code) and not sources and not targets:
                    note.reason = "unseen-unvoiced"  # negated by no actor in particular
                    continue
                code, modality, confidence = trig.code or "", "negated", 0.75
            else:
                sources, targets, confidence = _arguments(trig, ctx,
                                                          sent_subject or previous_subject)
                modality = modality_of(tok, lex.words, reported=speaker is not None)
                if trig.extra_modality and modality in ("asserted", "future"):
                    modality = trig.extra_modality
                code, modality, sources, targets = _reading(trig, modality, sources, targets,
                                                            speaker, confidence, ctx)
            if not targets and sources:
                targets = _default_targets(code, sources[0], lex,
                                           trig.inner.code if trig.inner is not None
                                           else (trig.code if trig.code != code else None),
                                           tok=tok)
            if sources and all(m.via == "unknown" and not m.actor.country for m in sources) \
                    and speaker is not None and _forces_subject(tok, lex):
                # forces of no named country that the speaker announces moves of are its own
                owner = _speaker_actor(speaker, ctx)
                if owner is not None and owner.actor.country:
                    sources, confidence = [owner], 0.5
            if not sources and not targets and not _voiced(unseen, speaker):
                # "the ministry said some of those soldiers would return": forces with no
                # country of their own belong to the actor announcing their moves
                owner = _speaker_actor(speaker, ctx) if speaker is not None else None
                if owner is None or not _forces_subject(tok, lex):
                    note.reason = "no-actors"
                    continue
                sources = [owner]
                confidence = 0.5
            span = _evidence(doc, sent, tok, article_id)
            dated = event_date(doc, tok, placed, (span.start, span.end))
            date: str | None = published
            precision = article_precision(published)
            date_source = "article"
            if dated is not None:
                date, precision, date_source = dated[0], dated[1], "text"
            info = book[code]
            if span.start != sent.start_char or span.end != sent.end_char:
                # the parser glued paragraphs together: actors from the others do not count
                sources = _within(sources, sent, span)
                targets = _within(targets, sent, span)
                if speaker is not None and speaker.span is not None and \
                        sent.start_char <= speaker.span.start < sent.end_char and \
                        not span.start <= speaker.span.start < span.end:
                    speaker = None
                if not sources and not targets and not _voiced(unseen, speaker):
                    note.reason = "other-paragraph"
                    continue
            note.modality, note.sources, note.targets = modality, sources, targets
            note.speaker = speaker.code or speaker.name if speaker is not None else None
            t_start, t_end = tok.idx, tok.idx + len(tok.text)
            if tok.i in ctx.hyphens:
                first, last = ctx.hyphens[tok.i]
                t_start = min(t_start, doc[first].idx)
                t_end = max(t_end, doc[last].idx + len(doc[last].text))
            for prt in _children(tok, "prt"):
                t_end = max(t_end, prt.idx + len(prt.text))
            trigger_span = Span(article_id, t_start, t_end)
            for s, t in _pairs(code, sources, targets, trig.code):
                if s is not None and t is not None and same_actor(s, t):
                    # an unknown or place mention read as the doer's own code ("Tigrayan
                    # forces" -> ETHMIL next to "Ethiopian troops") is not a target worth a
                    # drop: the event stands without it
                    s, t = (s, None) if t.via in _WEAK else (None, t) if s.via in _WEAK \
                        else (s, t)
                src = s.actor if s is not None else None
                tgt = t.actor if t is not None else None
                if s is not None and t is not None and same_actor(s, t):
                    if not note.events:
                        note.reason = "same-actor"
                    continue
                key = (tok.i, code, src.code if src else "", tgt.code if tgt else "")
                if key in seen:
                    continue
                seen.add(key)
                note.reason = None
                note.events += 1
                implied = t is not None and t.via == "implied"
                ann.events.append(Event(
                    span=span, trigger_span=trigger_span,
                    trigger_text=doc_text(doc)[trigger_span.start:trigger_span.end],
                    code=code, source=src, target=tgt, root=code[:2], plover=info.plover,
                    goldstein=info.goldstein, quad_class=info.quad_class, modality=modality,
                    reported_by=speaker, date=date, date_precision=precision,
                    date_source=date_source,
                    confidence=min(confidence, 0.5) if implied else confidence,
                    source_span=s.span if s is not None else None,
                    source_text=s.text if s is not None else None,
                    target_span=t.span if t is not None else None,
                    target_text=t.text if t is not None else None))
        if sent_subject:
            previous_subject = sent_subject


def _evidence(doc: Doc, sent: Any, tok: Token, article_id: str) -> Span:
    """The sentence behind an event, cut at paragraph breaks the parser ran across (a
    headline or byline glued to the first sentence)."""
    start, end = sent.start_char, sent.end_char
    text = doc_text(doc)
    cut = text.rfind("\n\n", start, tok.idx)
    if cut != -1:
        start = cut + 2
        while start < tok.idx and text[start].isspace():
            start += 1
    after = text.find("\n\n", tok.idx, end)
    if after != -1:
        end = after
    return Span(article_id, start, end)
