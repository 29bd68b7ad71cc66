"""Filters: candidate triggers that are not events of their own (background, purpose, parts)."""

from __future__ import annotations

from spacy.tokens import Token

from faultline.extract.events.context import Trigger, _children, _Context
from faultline.extract.events.lexicon import Lexicon
from faultline.extract.modality import is_negated


def _unseen(tok: Token, ctx: _Context) -> bool:
    """A nominal event nobody saw: the object of a negated verb of perception ("had not
    seen any pull-back", "saw no withdrawal"), or the event after an evidence noun that is
    negated or sits under a negated verb ("saw no sign of a departure", "there is no
    evidence of a drawdown", "did not find any indication of a retreat")."""
    lex = ctx.lex
    words = lex.words
    node = tok
    for _ in range(3):  # "no sign of a pull-back or a withdrawal"
        if node.dep_ != "conj" or node.head.pos_ not in ("NOUN", "PROPN"):
            break
        node = node.head
    if node.i != tok.i:
        return _unseen(node, ctx)
    if tok.i in ctx.hyphens:  # "no de-escalation": the parser may hang "no" on any part
        first, last = ctx.hyphens[tok.i]
        if any(c.dep_ == "det" and c.lower_ in words.negation_dets
               for k in range(first, last + 1) for c in tok.doc[k].children):
            negated_noun = True
        else:
            negated_noun = is_negated(tok, words)
    else:
        negated_noun = is_negated(tok, words)
    if node.dep_ == "pobj" and node.head.lower_ == "of" and \
            node.head.head.lemma_.lower() in lex.evidence_nouns:
        evidence = node.head.head
        if is_negated(evidence, words):
            return True
        verb = evidence.head
        return evidence.dep_ in ("dobj", "attr", "nsubj", "nsubjpass") and \
            verb.pos_ in ("VERB", "AUX") and is_negated(verb, words)
    if node.dep_ in ("dobj", "nsubjpass") and node.head.lemma_.lower() in lex.perception_verbs:
        return negated_noun or is_negated(node.head, words)
    return False


def _is_purpose(tok: Token) -> bool:
    """ "... to help defend X": an infinitive of purpose under another action."""
    node = tok
    for _ in range(3):
        if node.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to"
                                        for c in node.children):
            return True
        if node.dep_ == "acl" and node.head.lower_ == "order" and node.head.head.lower_ == "in":
            return True  # "in order to extract concessions"
        if node.dep_ in ("xcomp", "conj") and node.head.pos_ == "VERB":
            node = node.head
            continue
        return False
    return False


_BACKGROUND_MARKS = frozenset({"when", "after", "before", "since", "as", "while", "until",
                               "because", "though", "although", "whereas", "once"})


_BACKGROUND_PREPS = frozenset({"after", "following", "since", "before", "despite", "amid",
                               "because"})


def _background(tok: Token, lex: Lexicon) -> bool:
    """Events told as background to the sentence's own event: in a relative clause, a
    participle describing a noun ("the curfew imposed after the coup"), a temporal or causal
    clause ("when Amin expelled them"), or a noun after "since", "following", "amid" ..."""
    node = tok
    for _ in range(8):
        dep = node.dep_
        if dep == "relcl" and not _content_clause(node, lex):
            return True
        if dep == "acl" and node.tag_ in ("VBN", "VBG") and node.head.pos_ in ("NOUN", "PROPN") \
                and not any(c.dep_ == "aux" for c in node.children) \
                and not _saying_noun(node.head, lex):
            return True
        if dep == "advcl" and any(c.dep_ == "mark" and c.lower_ in _BACKGROUND_MARKS
                                  for c in node.children):
            return True
        if dep == "pobj" and node.head.lower_ in _BACKGROUND_PREPS and node.i == tok.i:
            return True
        # an infinitive belongs to its verb's clause: "a team trying to broker a pact"
        if dep in ("ccomp", "ROOT", "parataxis") or node.head.i == node.i:
            return False
        node = node.head
    return False


def _content_clause(clause: Token, lex: Lexicon) -> bool:
    """A "that"-clause the parser took for a relative one but which says what a frame noun
    holds ("information that Russia intended to attack"): it has its subject, so no gap."""
    frame = lex.words.frames.lookup(clause.head, "relcl")
    if frame is None:
        return False
    subj = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    if not subj or subj[0].lower_ in ("that", "which", "who"):
        return False
    first = clause.doc[subj[0].left_edge.i - 1] if subj[0].left_edge.i > 0 else None
    return first is not None and first.lower_ == "that" and first.i == clause.head.i + 1


def _cited(tok: Token, lex: Lexicon) -> bool:
    """A nominal event as the subject of a verb that weighs or cites it (``referring_verbs``):
    the sentence looks back at a known event instead of reporting one."""
    return tok.dep_ == "nsubj" and tok.head.lemma_.lower() in lex.referring_verbs


def _saying_noun(noun: Token, lex: Lexicon) -> bool:
    """ "a declaration demanding that ...": the participle is what the statement says."""
    if any(p.frame == "say" for p in lex.nouns.get(noun.lemma_.lower(), ())):
        return True
    lemma = noun.lemma_.lower()
    if any(lemma in lex.senses.kinds.get(kind, ()) for kind in lex.words.frames.content_kinds):
        return True  # "decrees recognising the republics", "a letter calling for talks"
    frame = lex.words.frames.lookup(noun)
    return frame is not None and frame.reports


def _motion_head(tok: Token, ctx: _Context) -> bool:
    """ "sent a team to investigate": the purpose is what the sending is for, and the
    sending itself codes nothing more specific."""
    head = tok.head
    htrig = ctx.triggers.get(head.i)
    return head.lemma_.lower() in ctx.lex.motion_verbs and (htrig is None or htrig.code is None)


def _is_result(tok: Token, ctx: _Context) -> bool:
    """ "opened fire on the crowd, killing one": a participle spelling out the result of a
    coded event is part of it."""
    if tok.dep_ != "advcl" or tok.tag_ != "VBG" or _children(tok, "nsubj"):
        return False
    htrig = ctx.triggers.get(tok.head.i)
    return htrig is not None and htrig.code is not None and tok.head.i not in ctx.absorbed


def _dominated(tok: Token, ctx: _Context) -> bool:
    """A nominal event inside the arguments of a coded verb event ("lifted the blockade",
    "defended Iraq against criticism") is part of that event, not one of its own. A claim
    is not: "dismissed Washington's claims that ..." is the claimant's accusation too."""
    frame = ctx.lex.words.frames.lookup(tok)
    if frame is not None and frame.reports:
        return False
    for anc in tok.ancestors:
        if anc.pos_ not in ("VERB", "AUX", "ADJ"):
            continue
        trig = ctx.triggers.get(anc.i)
        if trig is not None and trig.code is not None:
            return True  # absorbed too: "must reach an agreement" is part of the demand
        if anc.dep_ in ("ccomp", "advcl", "relcl", "ROOT", "conj", "parataxis"):
            return False  # a clause boundary: what lies above does not govern this noun
    return False


def _topic(tok: Token, ctx: _Context) -> bool:
    """A nominal event that is what talks or demands are about ("negotiations on a troop
    pullback"): the subject of another event, not one of its own."""
    if tok.dep_ != "pobj" or tok.head.lower_ not in ("on", "over", "about", "into"):
        return False
    roots = ("09",) if tok.head.lower_ == "into" else ("02", "04", "10")  # "a probe into"
    head = tok.head.head
    # "renewed negotiations today on ...": the parser may hang the topic on the verb
    nouns = [head] + (_children(head, "dobj") if head.pos_ in ("VERB", "AUX") else [])
    for n in nouns:
        trig = ctx.triggers.get(n.i)
        if trig is not None and trig.is_noun and (trig.code or "")[:2] in roots:
            return True
    return False


def _inside_absorbed(tok: Token, ctx: _Context) -> bool:
    """A verb coordinated with, or under, an event another one absorbed ("refused to allow
    planes to land and evacuate", "threatened to invade and annex"): part of that event."""
    node = tok
    for _ in range(4):
        if node.dep_ not in ("conj", "xcomp", "ccomp") or node.head.i == node.i:
            return False
        node = node.head
        if node.i in ctx.absorbed:
            return True
    return False


def _clause_of_argument(tok: Token, ctx: _Context) -> bool:
    """A verb event that only describes the object of another coded event ("vetoed a
    resolution censuring X", "cancel plans to sell arms"): part of that event."""
    if tok.dep_ != "acl" or not (tok.tag_ == "VBG" or any(
            c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)):
        return False
    noun = tok.head
    if noun.dep_ not in ("dobj", "nsubjpass") or noun.head.pos_ not in ("VERB", "AUX"):
        return False
    frame = ctx.lex.words.frames.lookup(noun, "acl")
    if frame is not None and frame.reports:
        return False  # "dismissed claims accusing X of ...": what the claim says is its own
    trig = ctx.triggers.get(noun.head.i)
    return trig is not None and trig.code is not None


# Every reason a candidate trigger gives no event, by name (what `faultline explain` prints).
REASONS: dict[str, str] = {
    "no-code": "the word's pattern codes nothing by itself (a saying, a weak intent)",
    "absorbed": "part of the frame event that took it in ('threatened to invade')",
    "purpose": "an infinitive of purpose under another action ('sent troops to fight')",
    "result": "a participle spelling out the result of a coded event ('..., killing one')",
    "background": "told as background: a relative clause, a when/after clause, 'since ...'",
    "cited": "a nominal event that a referring verb weighs or cites ('the seizure showed')",
    "dominated": "a nominal event inside the arguments of a coded verb ('lifted the blockade')",
    "topic": "what talks or demands are about ('negotiations on a pullback')",
    "argument-clause": "a clause describing the object of a coded event ('a resolution "
                       "censuring X')",
    "inside-absorbed": "coordinated with or under an absorbed event ('to invade and annex')",
    "no-actors": "no source and no target among the known or unknown actors",
    "unseen-unvoiced": "an unseen event with no actor of its own and no coded speaker",
    "other-paragraph": "its actors sit in a paragraph the parser glued to the sentence",
    "same-actor": "source and target are the same actor",
}


def drop_reason(tok: Token, trig: Trigger, ctx: _Context, unseen: bool) -> str | None:
    """The first filter that takes a coded trigger out of the record, by its REASONS name."""
    if tok.i in ctx.absorbed:
        return "absorbed"
    clause = tok if not trig.is_noun else (_governing_verb(tok) or tok)
    if _is_purpose(clause) and not _motion_head(clause, ctx):
        return "purpose"
    if _is_result(tok, ctx):
        return "result"
    if _background(tok, ctx.lex):
        return "background"
    if trig.is_noun and not unseen:
        if _cited(tok, ctx.lex):
            return "cited"
        if _dominated(tok, ctx):
            return "dominated"
        if _topic(tok, ctx):
            return "topic"
    if not trig.is_noun:
        if _clause_of_argument(tok, ctx):
            return "argument-clause"
        if _inside_absorbed(tok, ctx):
            return "inside-absorbed"
    return None


def _governing_verb(tok: Token) -> Token | None:
    """The verb a nominal event is the object of ("imposed sanctions", "a list of demands")."""
    node = tok
    for _ in range(3):
        if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.pos_ == "NOUN":
            node = node.head.head
            continue
        break
    if node.dep_ in ("dobj", "attr") and node.head.pos_ in ("VERB", "AUX"):
        return node.head
    return None
