"""Frames: a frame word combined with the event in its complement ("threatened to invade")."""

from __future__ import annotations

from spacy.tokens import Token

from faultline.codebook import codebook, has_trait
from faultline.extract.events.arguments import _np_actors, _subject
from faultline.extract.events.context import Trigger, _children, _Context
from faultline.extract.events.lexicon import _COMBINING, _SAYING, Pattern
from faultline.extract.events.triggers import _candidate
from faultline.extract.modality import is_negated
from faultline.model import ActorMention


def _complement(tok: Token, ctx: _Context) -> Trigger | None:
    """The coded event in the complement of a frame word, if any."""
    order: list[Token] = []
    order += _children(tok, "xcomp")
    order += _children(tok, "ccomp")
    # "have sworn to fight": the parser may hang the infinitive on as a clause of purpose
    order += [c for c in _children(tok, "advcl")
              if any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)]
    # "concluded, over and over, that Russia ...": a that-clause the parser hung on as conj
    order += [c for c in _children(tok, "conj")
              if any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)]
    for acl in _children(tok, "acl"):  # "a promise to help", "a threat to invade"
        order.append(acl)
    # "a consensus to share intelligence": an infinitive the parser takes for a relative
    order += [c for c in _children(tok, "relcl")
              if any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)]
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "attr"):
        # "reiterated its demand that Israel ease ...": the parser hangs the noun's clause
        # on the verb
        order += [c for c in _children(tok.head, "ccomp")
                  if c.i > tok.i and any(g.dep_ == "mark" and g.lower_ == "that"
                                         for g in c.children)]
    for c in _children(tok, "dobj", "attr"):
        order.append(c)
        order += [g for g in _children(c, "acl", "relcl") if g.tag_ in ("VB", "VBG")]
        for p in _children(c, "prep"):
            if p.lower_ in ("of", "for", "on"):
                order += _children(p, "pobj")
    for p in _children(tok, "prep"):
        if p.lower_ in ("of", "for", "on", "with", "to", "upon", "about", "against"):
            for o in _children(p, "pobj", "pcomp"):
                order.append(o)
                order += _children(o, "dobj")
    for c in order:
        trig = _code_token(c, ctx)
        if trig is not None and trig.code is not None:
            return trig
        if trig is None and c.pos_ in ("VERB", "AUX") and \
                c.lemma_.lower() not in ctx.lex.verbs:
            # "has attempted to sow", "continues to insist": look through to the infinitive
            for x in _children(c, "xcomp", "dobj", "acomp"):  # "to resume talks": the talks
                inner = _code_token(x, ctx)
                if inner is not None and inner.code is not None:
                    return inner
    return None


def _code_token(tok: Token, ctx: _Context) -> Trigger | None:
    """The Trigger for `tok` (memoized), combining frames with their complements."""
    if tok.i in ctx.triggers:
        return ctx.triggers[tok.i]
    found = _candidate(tok, ctx.lex, ctx.hyphens.get(tok.i))
    table_frame = ctx.lex.words.frames.lookup(tok)
    if found is None and table_frame is not None and table_frame.code is not None:
        # a frame word the dictionary does not code ("Washington's claims that ..."): a
        # saying whose own code the frames table gives
        found = Pattern(None, frame="say"), table_frame.pos == "noun"
    if found is None:
        return None
    pattern, is_noun = found
    trig = Trigger(tok, pattern, pattern.code, is_noun=is_noun)
    ctx.triggers[tok.i] = trig  # before recursing: guards against cycles
    frame = pattern.frame
    if frame is None or pattern.specificity > 0 and pattern.code and frame in _SAYING:
        return trig
    inner = _complement(tok, ctx)
    if inner is not None and _anticipated(tok, inner, ctx):
        # "Kyiv is preparing for an assault": what one prepares for is no act of one's own
        # (frames.yaml gives it hypothetical); it stays an event of its own
        trig.code = None if frame in ("intent", "intent_weak") else trig.code
        return trig
    if frame == "threat" and inner is not None and inner.code is not None \
            and _done_by_another(tok, inner, ctx):
        # "the US warned that Russia could attack": a warning about another actor's act is
        # no threat to commit it; the act stays an event of its own (not asserted)
        trig.code = pattern.code or ctx.lex.combine(frame, None)
        trig.warned = inner
    elif frame in _COMBINING:
        if inner is not None and inner.code is not None:
            combined = ctx.lex.combine(frame, inner.code)
            if combined is not None:
                trig.code = combined
                trig.inner = inner
                ctx.absorbed.add(inner.token.i)
            elif frame in ("intent_weak", "intent") and inner.code[:2] >= "14" \
                    and inner.code[:2] != "15":
                # "is prepared to impose martial law": announcing force is threatening it
                # (reading.py undoes it when another actor reports the preparation)
                trig.code = ctx.lex.combine("threat", inner.code) or ctx.lex.combine("threat", None)
                trig.inner = inner
                trig.threat_of_intent = True
                ctx.absorbed.add(inner.token.i)
            elif frame == "intent_weak" or frame == "intent":
                # "plans to investigate": the inner event stays, only intended
                inner.extra_modality = "intended"
                trig.code = None if frame == "intent_weak" else pattern.code
            elif frame in ("threat", "refuse", "demand", "appeal"):
                trig.code = pattern.code or ctx.lex.combine(frame, None)
                trig.inner = inner
                ctx.absorbed.add(inner.token.i)
        elif frame == "intent_weak":
            trig.code = None
        else:
            trig.code = pattern.code or ctx.lex.combine(frame, None)
    elif frame == "desire" and inner is not None and inner.code and not inner.is_noun \
            and _wanted_of_another(tok, inner, ctx):
        # "Moscow wants NATO to pull its forces out": wanting another's act demands it
        trig.code = ctx.lex.combine("demand", inner.code) or ctx.lex.combine("demand", None)
        trig.inner = inner
        ctx.absorbed.add(inner.token.i)
    elif frame == "desire":
        if inner is not None:
            inner.extra_modality = "intended"
        trig.code = pattern.code if inner is None else None
    elif frame in ("say", "judge") and (clause := _deontic_clause(tok, ctx)) is not None:
        # "X said (that) Y must withdraw" is a demand on Y
        inner = _code_token(clause, ctx)
        if inner is None or inner.code is None:
            # "the US must be ready to mediate": the event sits under the copula
            for c in _children(clause, "acomp", "xcomp", "attr"):
                nested = _code_token(c, ctx)
                if nested is not None and nested.code is not None:
                    inner, clause = nested, c
                    break
        if inner is not None and inner.code is not None:
            trig.code = ctx.lex.combine("demand", inner.code) or ctx.lex.combine("demand", None)
            trig.inner = inner
            ctx.absorbed.add(clause.i)
        else:
            trig.code = ctx.lex.combine("demand", None)
            trig.inner = Trigger(clause, Pattern(None), None)
    elif frame == "say":
        trig.code = None  # a saying codes nothing itself; what it reports is coded
    elif frame == "judge":
        trig.code = None
        if inner is not None and inner.code and int(inner.code[:2]) >= 9:
            trig.code = pattern.code or "112"
            trig.inner = inner
    elif frame == "deny":
        trig.code = pattern.code if pattern.specificity else None
    elif frame == "accuse":
        # "accused Gondor of violating the truce": the deed stays an event of its own, alleged
        # (the frames table) and reported by the accuser
        trig.inner = inner
    elif frame == "endorse":
        trig.inner = inner
        if inner is not None:
            ctx.absorbed.add(inner.token.i)
    if trig.code is None and table_frame is not None and table_frame.code is not None \
            and inner is not None and inner.code and inner.token.i not in ctx.absorbed \
            and (table_frame.code_when == "any" or codebook()[inner.code].quad_class >= 3) \
            and not _own_denial(tok, inner, ctx):
        # "claimed that separatists had shelled a school": the claim is an accusation
        trig.code = table_frame.code
        trig.inner = inner
    return trig


def _own_denial(tok: Token, inner: Trigger, ctx: _Context) -> bool:
    """A claim that an act did not happen, or about the claimant's own side ("insisted that
    its troops had not fired a shot"), accuses nobody."""
    if is_negated(inner.token, ctx.lex.words):
        return True
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    own = _countries(_subject(tok, ctx)[0])
    doers = [m for c in _children(inner.token, "nsubj", "nsubjpass") for m in _np_actors(c, ctx)]
    return bool(own and doers and _countries(doers) <= own)


def _anticipated(tok: Token, inner: Trigger, ctx: _Context) -> bool:
    """The complement hangs on the frame word by a relation the frames table reads as
    anticipation, not intent ("prepare for", "brace for")."""
    node = inner.token
    rel = node.dep_
    if node.head.i != tok.i and node.head.head.i == tok.i and node.head.dep_ == "prep":
        rel = "prep"  # "preparing for an assault": the noun hangs on "for"
    elif node.head.i != tok.i:
        return False
    frame = ctx.lex.words.frames.lookup(tok, rel)
    return frame is not None and frame.reading == "hypothetical" and rel == "prep"


def _countries(mentions: list[ActorMention]) -> set[str]:
    return {m.actor.country or m.actor.code[:3] for m in mentions if m.actor.code}


def _done_by_another(tok: Token, inner: Trigger, ctx: _Context) -> bool:
    """The complement's act has a doer of its own, of another country than the frame's
    holder ("Britain warned that Russian commandos were preparing ...")."""
    if tok.pos_ in ("VERB", "AUX"):
        holders = _subject(tok, ctx)[0]
    else:  # "Moscow's warning that ...", "Russian warnings of ..."
        holders = [m for c in tok.children if c.dep_ in ("poss", "amod", "compound")
                   for m in _np_actors(c, ctx)]
    doers = [m for c in _children(inner.token, "nsubj", "nsubjpass") for m in _np_actors(c, ctx)]
    frame = ctx.lex.words.frames.lookup(tok)
    if frame is not None and frame.reading == "alleged":
        # a warning (frames.yaml) of an attack nobody is named for is about another's act
        # ("warned of an invasion" is no threat to invade); of sanctions or costs it is the
        # warner's side's ("warned that Russia would face sanctions"); with a doer named,
        # it is the warner's own act only when the doer is of the warner's side
        if not doers:
            return has_trait(inner.code, "violent")
        own = _countries(holders)
        return not (own and own & _countries(doers))
    if not doers:
        return False
    own = _countries(holders)
    return not own or not own & _countries(doers)


def _wanted_of_another(tok: Token, inner: Trigger, ctx: _Context) -> bool:
    """The wanted act has its own doer, another actor than the one who wants it."""
    own = {m.actor.code for m in _subject(tok, ctx)[0]}
    doers = [m for c in _children(inner.token, "nsubj") for m in _np_actors(c, ctx)]
    if not doers and inner.token.dep_ == "xcomp":
        doers = [m for c in _children(tok, "dobj") for m in _np_actors(c, ctx)]
    return bool(own and doers and not own & {m.actor.code for m in doers})


def _deontic_clause(tok: Token, ctx: _Context) -> Token | None:
    """The complement clause of a saying verb that says another actor must act."""
    said_by = _subject(tok, ctx)[0]
    if not said_by:
        return None
    for c in tok.children:
        if c.dep_ in ("ccomp", "conj") and _deontic(c, ctx):
            if c.dep_ == "conj" and not any(g.dep_ == "mark" for g in c.children):
                continue
            who = _subject(c, ctx)[0]
            if who and {m.actor.code for m in who} != {m.actor.code for m in said_by}:
                return c
    return None


def _deontic(verb: Token, ctx: _Context) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in verb.children)
