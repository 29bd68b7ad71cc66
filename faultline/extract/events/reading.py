"""Reading: the code an event gets once its modality is known (intent, threat, rejection)."""

from __future__ import annotations

from spacy.tokens import Token

from faultline.codebook import has_trait
from faultline.extract.events.arguments import _forces_subject, _np_actors
from faultline.extract.events.context import Trigger, _Context, note_reading
from faultline.extract.events.lexicon import Lexicon
from faultline.extract.events.speech import _speaker_actor
from faultline.extract.modality import _inverted, _noun_marks, modality_of
from faultline.model import ActorMention, Speaker


def _reading(trig: Trigger, modality: str, sources: list[ActorMention],
             targets: list[ActorMention], speaker: Speaker | None, confidence: float,
             ctx: _Context) -> tuple[str, str, list[ActorMention], list[ActorMention]]:
    """The code, modality and actors an event is read with once its modality is known: an
    actor's own announced step is an intent (cooperative) or a threat (conflictual); a
    warning is about the actor whose act it warns of; a conditional threat is aimed at the
    doer of the condition."""
    if trig.warned is not None:
        note_reading(trig.token, f"a warning about {trig.warned.token.text!r}, another actor's "
                                 "act: aimed at its doer, not a threat to commit it")
        if not targets:
            # "the US warned that Russia could attack": the warning is about Russia
            targets = _doers(trig.warned.token, ctx)
    if (trig.code or "")[:2] == "13" and modality == "hypothetical" and \
            _condition(trig.token, ctx.lex) is not None and not _modal(trig.token, ctx.lex):
        # "Biden warned Putin of sanctions if Russia invaded": the condition is what the
        # warning says; the warning itself was made
        modality = modality_of(trig.token, ctx.lex.words, reported=speaker is not None,
                               own_conditions=False)
        note_reading(trig.token, f"the threat's condition is what it says: {modality}")
    code, modality, sources = _read(trig, modality, sources, speaker, confidence, ctx)
    if code[:2] == "13" and modality == "asserted":
        condition = _condition(trig.token, ctx.lex)
        own = {m.actor.code[:3] for m in sources}
        if condition is not None and all(m.actor.code[:3] in own for m in targets):
            # "should Moscow attack, we will impose sanctions": aimed at Moscow
            aimed = [m for m in _doers(condition, ctx) if m.actor.code[:3] not in own]
            if aimed:
                note_reading(trig.token, f"a conditional threat aimed at the doer of "
                                         f"{condition.text!r}")
            targets = aimed or targets
    violent = has_trait(code, "violent")
    if modality == "asserted" and (violent or code[:2] == "17" and targets) and \
            _adversary_report(sources, targets, speaker) and \
            not _vouched(speaker, sources, targets, ctx):
        # "the separatists said Ukrainian forces had opened fire": one side's account of the
        # other's attack is an allegation, not a fact the outlet asserts
        modality = "alleged"
        note_reading(trig.token, "one side's account of what the other side did to it "
                                 "(an attack, a seizure): alleged")
    return code, modality, sources, targets


def _modal(tok: Token, lex: Lexicon) -> bool:
    """The verb carries a modal of its own ("would warn", "could threaten")."""
    modals = lex.words.hypothetical_aux | {"would", "'d"}
    return any(c.dep_ == "aux" and c.lower_ in modals for c in tok.children)


def _side(code: str) -> tuple[str, bool]:
    """A country and whether the actor fights its state (rebels, separatists)."""
    return ("" if code.startswith("---") else code[:3]), code[3:6] in _INSURGENT


_INSURGENT = frozenset({"REB", "INS", "SEP", "UAF"})
_STATE = frozenset({"", "GOV", "MIL"})


def _adversary_report(sources: list[ActorMention], targets: list[ActorMention],
                      speaker: Speaker | None) -> bool:
    """One side's account of what the other side did to it: the speaker is on the side of
    the event's target and the doer is not ("Kyiv said Russian shells hit its positions"),
    or, with no target named, the two are the state and the insurgents of one country
    ("the separatists said Ukrainian forces opened fire"). A third party's report (a
    neighbour, monitors, diplomats) stays asserted."""
    if speaker is None or not speaker.code or speaker.code.startswith(("IGO", "NGO")):
        return False
    doers = [m.actor.code for m in sources if _party(m.actor.code)]
    if not doers and speaker.code[3:6] in _STATE and not speaker.code.startswith("---"):
        # "Ukraine's military said Russian-backed separatists shelled ...": insurgents of no
        # country we know, in a state's account
        doers = [m.actor.code for m in sources
                 if (m.actor.code or "").startswith("---") and m.actor.code[3:6] in _INSURGENT]
    if not doers:
        return False
    if speaker.code.startswith("---") and speaker.code[3:6] not in _INSURGENT:
        return False  # "officials said": of no side we know
    said_by = _side(speaker.code)
    sides = {_side(c) for c in doers}
    if said_by in sides:
        return False
    hit = [_side(m.actor.code) for m in targets if _party(m.actor.code)]
    if hit:
        return said_by in hit
    # no target named: the state and the insurgents of one country (or of none we know); a
    # state telling of another state's forces may be a neighbour looking on
    return all((side[0] == said_by[0] or not side[0] or not said_by[0]) and side[1] != said_by[1]
               for side in sides)


def _vouched(speaker: Speaker | None, sources: list[ActorMention],
             targets: list[ActorMention], ctx: _Context) -> bool:
    """A third party speaks along with the side that was hit ("Palestinian officials and US
    witnesses said"): the account is not one side's alone."""
    if speaker is None or speaker.span is None or not speaker.code:
        return False
    involved = {_side(m.actor.code) for m in [*sources, *targets] if _party(m.actor.code)}
    involved.add(_side(speaker.code))
    return any(m.actor.code and not m.actor.code.startswith("---")  # monitors count
               and _side(m.actor.code) not in involved and m.actor.country != speaker.code[:3]
               for m in ctx.ann.actors
               if m.span.start < speaker.span.end and speaker.span.start < m.span.end)


def _party(code: str | None) -> bool:
    return bool(code) and not code.startswith(("IGO", "NGO", "---"))  # type: ignore[union-attr]


def _doers(verb: Token, ctx: _Context) -> list[ActorMention]:
    """The subject actors of a clause; for an inverted condition the parser may take the
    subject for a compound ("Should Moscow attack")."""
    found = [m for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
             for m in _np_actors(c, ctx)]
    if not found:
        found = [ctx.mentions[c.i] for c in verb.children
                 if c.dep_ == "compound" and c.i < verb.i and c.i in ctx.mentions]
    return found


def _condition(tok: Token, lex: Lexicon) -> Token | None:
    """The verb of the if/unless (or inverted) clause the event is contingent on."""
    marks = lex.words.conditional_marks
    for c in tok.children:
        if c.dep_ == "advcl" and (any(g.dep_ == "mark" and g.lower_ in marks
                                      for g in c.children) or _inverted(c)):
            return c
    return None


def _read(trig: Trigger, modality: str, sources: list[ActorMention],
          speaker: Speaker | None, confidence: float, ctx: _Context
          ) -> tuple[str, str, list[ActorMention]]:
    lex = ctx.lex
    tok = trig.token
    code = trig.code or ""
    if trig.threat_of_intent and trig.inner is not None and trig.inner.code and \
            _attributed_state(tok, lex) and (_reported_by_another(sources, speaker) or
                                             modality in ("denied", "negated", "alleged")):
        # "Russia is preparing to invade, the US secretary of state said": a preparation
        # another actor reports is no threat its doer made; the act stays intended. A
        # denied or alleged plan ("denied that it planned to invade") is a denied or
        # alleged act.
        note_reading(tok, f"a readiness or plan reported by another actor or not asserted: "
                          f"the act {trig.inner.code}, not a threat")
        return trig.inner.code, modality if modality not in ("asserted", "future") \
            else "intended", sources
    # forces do not announce intentions: "the units would return to their bases" is a
    # future move (087), not an intent to de-escalate (0356)
    own_future = bool(not trig.is_noun and sources and trig.inner is None
                      and confidence >= 0.9 and _future_own(tok, lex)
                      and not _forces_subject(tok, lex))
    if own_future and modality in ("future", "intended") and has_trait(code, "cooperative"):
        # "Portugal will support Turkey", "Syria is willing to withdraw" (CAMEO 03)
        combined = lex.combine("intent", code)
        if combined:
            return combined, "asserted", sources
    elif own_future and ((modality in ("future", "intended") and (
            code[:2] >= "14" and code[:2] not in ("15", "16") or code[:2] == "12")) or (
            modality == "hypothetical" and _unless(tok))):
        # "they would boycott", "will withdraw unless ...": a threat (CAMEO 13). A force
        # posture announced (root 15: "will deploy troops to Poland") stays a future
        # posture: its destination is often an ally, not the one threatened.
        combined = lex.combine("threat", code) or lex.combine("threat", None)
        if combined:
            return combined, "asserted", sources
    if modality == "hypothetical" and not trig.is_noun and sources and trig.inner is None \
            and confidence >= 0.9 and _conditional_own(tok, lex) \
            and not _forces_subject(tok, lex):
        # "would meet the mediator if he ...": a conditional offer (CAMEO 03); "may halt
        # its mediation if ...": a conditional threat (CAMEO 13)
        if has_trait(code, "cooperative"):
            combined = lex.combine("intent", code)
        elif code[:2] >= "12" and code[:2] != "15":
            combined = lex.combine("threat", code) or lex.combine("threat", None)
        else:
            combined = None
        if combined:
            return combined, "asserted", sources
    if modality == "negated" and not trig.is_noun and sources and confidence >= 0.9 \
            and trig.inner is None and (_future_own(tok, lex) and _negated_here(tok)
                                        or _failed(tok, lex)) \
            and (has_trait(code, "cooperative") or code[:2] == "03"):
        # "Syria will not accept more refugees", "would not meet the demands": an actor
        # announcing it will not cooperate rejects (CAMEO 12); so do parties that "failed to
        # reach agreement"
        combined = lex.combine("refuse", code) or lex.combine("refuse", None)
        if combined:
            return combined, "asserted", sources
    if (speaker is not None and speaker.code and modality == "hypothetical" and trig.is_noun
            and has_trait(code, "cooperative") and trig.inner is None and not sources
            and not _conditioned(tok, lex) and "hypothetical" in _noun_marks(tok, lex.words)):
        # "Putin said more talks were possible": cooperation a speaker holds out is an intent
        # (the noun's own "possible", "potential": not talks someone else is urged to hold)
        combined = lex.combine("intent", code)
        if combined:
            speaker_actor = _speaker_actor(speaker, ctx)
            return combined, "asserted", [speaker_actor] if speaker_actor is not None else sources
    return code, modality, sources


def _attributed_state(tok: Token, lex: Lexicon) -> bool:
    """A readiness or plan others can see in an actor (frames.yaml: "preparing", "ready",
    "poised"), not a vow it makes itself ("swore to fight" is its own threat)."""
    frame = lex.words.frames.lookup(tok)
    return frame is not None and frame.reading in ("intended", "future")


def _reported_by_another(sources: list[ActorMention], speaker: Speaker | None) -> bool:
    if speaker is None or not speaker.code or not sources:
        return False
    return all(m.actor.code[:3] != speaker.code[:3] for m in sources if m.actor.code)


def _future_own(tok: Token, lex: Lexicon) -> bool:
    """The clause announces its subject's own future step ("will", "would", "is to")."""
    auxes = {c.lower_ for c in tok.children if c.dep_ == "aux"}
    if auxes & (lex.words.future_aux | {"would", "'d"}):
        return True
    head = tok.head
    return tok.dep_ == "xcomp" and head.lemma_.lower() in ("go", "plan", "intend", "prepare")


def _conditioned(tok: Token, lex: Lexicon) -> bool:
    """The event sits in a condition ("unless he arranged a ceasefire"), not a prospect."""
    marks = lex.words.conditional_marks
    for node in (tok, *tok.ancestors):
        if any(c.dep_ == "mark" and c.lower_ in marks for c in node.children):
            return True
    return False


def _conditional_own(tok: Token, lex: Lexicon) -> bool:
    """The verb announces its subject's own step ("will", "would", "may") under an "if" or
    "unless" clause of its own."""
    auxes = {c.lower_ for c in tok.children if c.dep_ == "aux"}
    if not auxes & (lex.words.future_aux | {"would", "'d", "may"}):
        return False
    return any(c.dep_ == "advcl" and (any(g.dep_ == "mark" and g.lower_ in ("if", "unless")
                                          for g in c.children) or _inverted(c))
               for c in tok.children)


def _failed(tok: Token, lex: Lexicon) -> bool:
    """The verb is the complement of a failure frame ("failed to reach", frames.yaml)."""
    if tok.dep_ != "xcomp":
        return False
    frame = lex.words.frames.lookup(tok.head, "xcomp")
    return frame is not None and frame.reading == "negated" and frame.holder == "none"


def _negated_here(tok: Token) -> bool:
    """The verb itself carries the negation ("will not accept"), not a clause above it."""
    return any(c.dep_ == "neg" for c in tok.children)


def _unless(tok: Token) -> bool:
    return any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "unless"
                                         for g in c.children) for c in tok.children)
