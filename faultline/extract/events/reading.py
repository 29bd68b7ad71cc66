"""Reading: the code an event gets once its modality is known (intent, threat, rejection)."""

from __future__ import annotations

from spacy.tokens import Token

from faultline.codebook import has_trait
from faultline.extract.events.arguments import _forces_subject
from faultline.extract.events.context import Trigger, _Context
from faultline.extract.events.lexicon import Lexicon
from faultline.extract.events.speech import _speaker_actor
from faultline.model import ActorMention, Speaker


def _reading(trig: Trigger, modality: str, sources: list[ActorMention],
             speaker: Speaker | None, confidence: float, ctx: _Context
             ) -> tuple[str, str, list[ActorMention]]:
    """The code an event is read as once its modality is known: an actor's own announced
    step is an intent (cooperative) or a threat (conflictual)."""
    lex = ctx.lex
    tok = trig.token
    code = trig.code or ""
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
            and not _conditioned(tok, lex)):
        # "Putin said more talks were possible": cooperation a speaker holds out is an intent
        combined = lex.combine("intent", code)
        if combined:
            speaker_actor = _speaker_actor(speaker, ctx)
            return combined, "asserted", [speaker_actor] if speaker_actor is not None else sources
    return code, modality, sources


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
    return any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless")
                                         for g in c.children) for c in tok.children)


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
