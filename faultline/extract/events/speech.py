"""Speech and reporting: who reports an event (quotes first, then "X said (that) ...")."""

from __future__ import annotations

import bisect

from spacy.tokens import Token

from faultline.extract.events.arguments import _np_actors, _passive, _prep_objects, _subject
from faultline.extract.events.context import Trigger, _children, _Context
from faultline.extract.events.frames import _code_token
from faultline.extract.events.lexicon import _SAYING
from faultline.model import ActorMention, Annotations, Quote, Span, Speaker


def _quote_speaker(ann: Annotations, char: int, starts: list[int]) -> Speaker | None:
    k = bisect.bisect_right(starts, char) - 1
    while k >= 0:
        q: Quote = ann.quotes[k]
        if q.span.start <= char < q.span.end:
            return q.speaker
        if q.span.end <= char and k < len(starts) - 1:
            break
        k -= 1
    return None


def _speaker_for(tok: Token, ctx: _Context) -> Speaker | None:
    """The speaker of a saying verb or noun: its subject, or the noun's source."""
    actors: list[ActorMention] = []
    who: Token | None = None
    if tok.pos_ in ("NOUN", "PROPN"):
        noun = tok
    elif tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN") and not _children(tok, "nsubj"):
        noun = tok.head  # "an announcement from the ministry saying that ..."
    else:
        noun = None
        actors, who = _subject(tok, ctx)
    if noun is not None:
        for c in noun.children:
            if c.dep_ == "poss":
                actors, who = _np_actors(c, ctx), c
            elif c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by", "of"):
                for o in _children(c, "pobj"):
                    actors, who = _np_actors(o, ctx), o
            elif c.dep_ in ("amod", "compound", "nmod") and c.i in ctx.mentions:
                actors, who = [ctx.mentions[c.i]], c  # "Polish claims", "US allegations"
            if actors:
                break
    if who is None:
        return None
    doc = tok.doc
    if actors:
        m = actors[0]
        # "his No. 2 diplomat, Sergey Ryabkov": the name is in the apposition
        return Speaker(name=m.text, span=m.span, code=m.actor.code)
    for c in who.children:
        if c.dep_ == "appos" and c.pos_ == "PROPN":
            who = c
            break
    start = min([who.i] + [c.i for c in who.children if c.dep_ == "compound" and c.i < who.i])
    span = doc[start:who.i + 1]
    return Speaker(name=span.text, span=Span(ctx.ann.article.id, span.start_char, span.end_char))


def _reporter(trig: Trigger, ctx: _Context) -> Speaker | None:
    """The speaker of the saying verb whose complement holds the trigger."""
    node = trig.token
    for _ in range(10):
        parent = node.head
        if parent is node:
            return None
        frame = ctx.lex.words.frames.lookup(parent, node.dep_)
        if frame is not None and frame.reports and parent.i != trig.token.i:
            # "Washington's claims that Moscow ...", "Kyiv accused the rebels of ...": the
            # claim, accusation or denial is its holder's
            found = _speaker_for(parent, ctx)
            if found is not None:
                return found
        if node.dep_ in ("ccomp", "xcomp", "parataxis", "dobj", "conj", "advcl", "acl", "relcl",
                         "pobj", "prep", "nsubj", "attr", "pcomp"):
            ptrig = ctx.triggers.get(parent.i) or _code_token(parent, ctx)
            if ptrig is not None and ptrig.pattern.frame in _SAYING and node.dep_ in (
                    "ccomp", "parataxis", "xcomp") and ptrig is not trig:
                return _speaker_for(parent, ctx)
            if ptrig is not None and ptrig.pattern.frame == "say" and ptrig.is_noun and \
                    node.dep_ in ("acl", "ccomp"):
                return _speaker_for(parent, ctx)
            if ptrig is not None and ptrig.pattern.frame == "say" and not ptrig.is_noun and \
                    node is trig.token and trig.is_noun and node.dep_ == "dobj" and \
                    parent.lemma_.lower() in ctx.lex.report_verbs:
                # "Russia announced a partial pull-back": the announcer reports it (unless
                # it is a pronoun no actor resolves: then whoever reports the clause)
                found = _speaker_for(parent, ctx)
                if found is not None and found.code:
                    return found
            if ptrig is not None and ptrig is not trig and (ptrig.code or "")[:2] == "11" \
                    and node.dep_ == "prep" and not ptrig.is_noun:
                # "X was accused by Y of supplying ...": the accusation is Y's claim
                return _accuser(parent, ctx)
        node = parent
    return None


def _accuser(verb: Token, ctx: _Context) -> Speaker | None:
    if _passive(verb):
        for o in _prep_objects(verb, ("by",)) + [o for a in _children(verb, "agent")
                                                 for o in _children(a, "pobj")]:
            found = _np_actors(o, ctx)
            if found:
                m = found[0]
                return Speaker(name=m.text, span=m.span, code=m.actor.code)
        return None
    return _speaker_for(verb, ctx)


def _voiced(unseen: bool, speaker: Speaker | None) -> bool:
    """An unseen event with no actor of its own stands on the (coded) speaker saying so."""
    return bool(unseen and speaker is not None and speaker.code)


def _coded(speaker: Speaker | None, ctx: _Context) -> Speaker | None:
    """A speaker from the quotes stage, with the code of the actor its span names."""
    if speaker is None:
        return speaker
    m = _speaker_actor(speaker, ctx)
    if m is None or (speaker.code and (m.via == "unknown" or m.actor.code == speaker.code)):
        return speaker
    return Speaker(name=speaker.name, span=speaker.span, code=m.actor.code)


def _choose_speaker(quoted: Speaker | None, parsed: Speaker | None) -> Speaker | None:
    """The quotes stage's speaker first, unless only the parse found a coded one."""
    if quoted is not None and quoted.code:
        return quoted
    if parsed is not None and parsed.code:
        return parsed
    return quoted or parsed


def _speaker_actor(speaker: Speaker, ctx: _Context) -> ActorMention | None:
    """The actor mention that names a speaker: one overlapping the speaker's span, the one
    with the speaker's code first."""
    if speaker.span is None:
        return None
    overlapping = [m for m in ctx.ann.actors
                   if m.span.start < speaker.span.end and speaker.span.start < m.span.end]
    # "a spokesman for the Kremlin": the actor the phrase names, not its unknown head; but
    # "separatist leaders in Donetsk" are the leaders, not the place they are in
    known = [m for m in overlapping if m.via not in ("unknown", "location")]
    unknown = [m for m in overlapping if m.via == "unknown"]
    found = known or unknown or overlapping
    for m in found:
        if speaker.code and m.actor.code == speaker.code:
            return m
    return found[0] if found else None
