"""Modality of an event trigger: asserted, negated, denied, alleged, hypothetical, intended or
future.

Reads only the dependency parse around the trigger (its own clause, the noun or verb that
governs it, and the chain of clauses above it), the word lists in verbs.yaml and the frames
table (data/frames.yaml: claims, denials, fears, plans ... and the reading each gives).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from faultline.extract.frame_table import Frame, FrameTable, frame_table

# Strongest first: a denial outranks a negation, which outranks a conditional, and so on.
PRECEDENCE = ("denied", "negated", "alleged", "hypothetical", "intended", "future", "asserted")

_CLAUSE_UP = frozenset({"ccomp", "xcomp", "advcl", "conj", "acl", "relcl", "pcomp", "parataxis",
                        "dobj", "pobj", "prep", "nsubj", "nsubjpass", "attr", "oprd", "csubj",
                        "appos", "npadvmod"})
_GOVERNED = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "oprd", "pobj", "appos", "conj",
                       "compound", "prep"})


@dataclass(frozen=True)
class ModalityWords:
    future_aux: frozenset[str]
    hypothetical_aux: frozenset[str]
    conditional_marks: frozenset[str]
    conditional_preps: frozenset[str]
    negation_dets: frozenset[str]
    negated_subject_words: frozenset[str]
    hypothetical_adjs: frozenset[str]
    future_adjs: frozenset[str]
    occurrence_verbs: frozenset[str] = frozenset()
    frames: FrameTable = field(default_factory=frame_table)

    @classmethod
    def from_dict(cls, data: dict[str, list[str]],
                  frames: FrameTable | None = None) -> ModalityWords:
        lists = {name: frozenset(w.lower() for w in data.get(name, []))
                 for name in cls.__dataclass_fields__ if name != "frames"}
        return cls(**lists, frames=frames or frame_table())


def _is_negated(tok: Token, words: ModalityWords) -> bool:
    """The clause or noun phrase headed by `tok` is negated on its own."""
    for child in tok.children:
        dep = child.dep_
        if dep == "neg":
            return True
        if dep == "det" and child.lower_ in words.negation_dets:
            return True
        if dep in ("amod", "advmod") and child.lower_ in words.frames.negation_mods:
            return True  # "little evidence that ..."
        if dep in ("nsubj", "nsubjpass", "expl"):
            if child.lower_ in words.negated_subject_words:
                return True
            if any(g.dep_ in ("det", "preconj") and g.lower_ in words.negation_dets
                   for g in child.children):
                return True
    return False


is_negated = _is_negated  # public: the events stage tests evidence nouns with it


# A condition ("if", "unless", "should X attack", "in the event of") makes an event
# hypothetical even inside someone's claim or warning: "X warned that if Russia attacked, ..."
# reads the attack as a supposition, not as X's allegation. Internal flag, read as hypothetical.
_CONDITIONAL = "conditional"
_ORDER = ("denied", "negated", _CONDITIONAL, "alleged", "hypothetical", "intended", "future")


def _clause_marks(verb: Token, words: ModalityWords, reported: bool,
                  own_conditions: bool = True) -> set[str]:
    """Modal auxiliaries, conditional marks and prepositions on one clause
    (`own_conditions`: False leaves out the if-clauses hanging on it)."""
    found: set[str] = set()
    for child in verb.children:
        dep, low = child.dep_, child.lower_
        if dep in ("aux", "auxpass"):
            if low in words.future_aux:
                found.add("future")
            elif low in ("would", "'d"):
                found.add("future")  # a condition nearby makes it hypothetical (checked below)
            elif low in words.hypothetical_aux:
                found.add("hypothetical")
        elif dep == "mark" and low in words.conditional_marks:
            found.add(_CONDITIONAL)
        elif dep == "prep" and low in words.conditional_preps:
            found.add("hypothetical")
        elif dep == "prep" and _conditional_phrase(child, words) and own_conditions:
            found.add(_CONDITIONAL)  # "in the event of an invasion, the EU would ..."
        elif dep == "advcl" and own_conditions and (
                any(g.dep_ == "mark" and g.lower_ in words.conditional_marks
                    for g in child.children) or _inverted(child)):
            # "if a war begins, it will ...", "should Moscow attack, ...": the main clause is
            # contingent on the advcl
            found.add(_CONDITIONAL)
        elif dep == "advcl" and own_conditions and _only_when(child):
            found.add(_CONDITIONAL)  # "would believe it only when it saw the troops leave"
    # "is going to <verb>"
    if verb.dep_ == "xcomp" and verb.head.lemma_ == "go" and verb.head.tag_ == "VBG":
        found.add("future")
    return found


_WHEN = frozenset({"when", "once", "after", "if"})

# Auxiliaries that open a condition when put before the subject: "should Moscow attack",
# "were Russia to invade", "had the talks failed"
_INVERTING = frozenset({"should", "were", "had"})


def _inverted(clause: Token) -> bool:
    """An adverbial clause that is a condition by inversion: its first word is an
    auxiliary put before its subject ("Should Moscow attack, ...", "Were Russia to
    invade, ...")."""
    first = clause.doc[clause.left_edge.i]
    if first.lower_ not in _INVERTING:
        return False
    if first.i == clause.i:  # "were Russia to invade": the auxiliary heads the clause
        return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children)
    if first.head.i != clause.i or first.dep_ not in ("aux", "auxpass"):
        return False
    # the parser may take the inverted subject for a compound ("Should Moscow attack")
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl", "compound") and first.i < c.i < clause.i
               for c in clause.children)


def _conditional_phrase(prep: Token, words: ModalityWords) -> bool:
    """ "in the event of ...", "in case of ...": a preposition opening a condition."""
    pairs = words.frames.conditional_phrases
    return any((prep.lower_, o.lemma_.lower()) in pairs for o in prep.children
               if o.dep_ == "pobj")


def _hedged(node: Token, words: ModalityWords, through_object: bool = False) -> set[str]:
    """Readings of frame words that modify the event itself ("allegedly shelled", "the
    reported pull-back", "a staged attack"); `through_object`: only those that also hedge a
    verb through its object."""
    found: set[str] = set()
    for child in node.children:
        frame = words.frames.modifier(child)
        if frame is not None and frame.reading and (frame.on_object or not through_object):
            found.add(frame.reading)
        elif child.dep_ in ("compound", "amod") and child.i > child.left_edge.i:
            # a hyphenated modifier the tokenizer split: "false - flag"
            joined = "".join(t.text for t in child.doc[child.left_edge.i:child.i + 1]).lower()
            found |= {f.reading for f in words.frames.modifiers(joined)
                      if f.reading and (f.on_object or not through_object)}
    return found


_WH = frozenset({"why", "how", "who", "what", "when", "where", "which", "whom", "whose"})
_MODAL_AUX = frozenset({"will", "would", "could", "can", "might", "may", "should", "shall",
                        "must", "'ll", "'d", "wo", "ca"})


def _questioned(trigger: Token, clause: Token) -> bool:
    """The event is what a question asks about: a yes-no question ("Will Russia invade?",
    "Is Moscow about to attack?"), or a wh-question with a modal ("Why would Moscow
    attack?"). A wh-question takes its event as given ("Why did Russia invade?", "Who
    shelled the school?")."""
    sent = trigger.sent
    last = next((t for t in reversed(sent) if not (t.is_space or t.is_quote)), None)
    if last is None or last.text != "?":
        return False
    first = next((t for t in sent if not (t.is_space or t.is_punct)), None)
    if first is not None and first.lower_ in _WH:
        return any(c.dep_ in ("aux", "auxpass") and c.lower_ in _MODAL_AUX
                   for node in (trigger, clause) for c in node.children) or (
            clause.dep_ == "xcomp" and clause.head.lemma_ == "go")
    return True


def _only_when(clause: Token) -> bool:
    """ "only when ...", "only once ...": the clause is a condition, not a time."""
    for c in clause.children:
        if c.dep_ in ("advmod", "mark") and c.lower_ in _WHEN:
            if any(g.lower_ == "only" for g in c.children) or (
                    c.i > 0 and c.doc[c.i - 1].lower_ == "only"):
                return True
    return False


def _noun_marks(noun: Token, words: ModalityWords) -> set[str]:
    found: set[str] = set()
    for child in noun.children:
        low = child.lower_
        if child.dep_ in ("amod", "compound", "nmod", "advmod"):
            if low in words.hypothetical_adjs:
                found.add("hypothetical")
            elif low in words.future_adjs:
                found.add("future")
    # "negotiations were possible": the predicate of the copula the noun is subject of
    if noun.dep_ in ("nsubj", "nsubjpass"):
        for sib in noun.head.children:
            if sib.dep_ in ("acomp", "attr") and sib.lower_ in words.hypothetical_adjs:
                found.add("hypothetical")
    return found


class _Flags(dict[str, str]):
    """The readings found for an event, each with the first reason found for it."""

    def add(self, flag: str, why: str) -> None:
        self.setdefault(flag, why)

    def merge(self, found: set[str], why: str) -> None:
        for flag in sorted(found):
            self.setdefault(flag, why)


# Doc.user_data key: when present (a dict), modality_of records for each trigger index the
# modality it gave and why (`faultline explain` prints it)
REASONS_KEY = "faultline_modality_reasons"


def _w(tok: Token) -> str:
    return repr(tok.text)


def _fw(frame: Frame, tok: Token) -> str:
    return f"{tok.text!r} (frames.yaml:{frame.line})"


_CLAIM_LABELS = "faultline_claim_labels"


def _labelled_a_claim(trigger: Token, clause: Token, words: ModalityWords) -> bool:
    """The clause is labelled a claim by an apposition after it ("..., a claim that could
    not be verified"; the parser hangs it on the nearest noun)."""
    doc = trigger.doc
    labels = doc.user_data.get(_CLAIM_LABELS)
    if labels is None:  # once per Doc: the claim nouns standing in apposition
        claims = words.frames.claim_nouns
        # (or, misparsed, the subject of the clause that rejects it: ", an allegation Kyiv
        # rejected")
        labels = doc.user_data[_CLAIM_LABELS] = [
            t.i for t in doc if t.lemma_.lower() in claims and (
                t.dep_ in ("appos", "npadvmod") or t.dep_ in ("nsubj", "nsubjpass", "dobj")
                and t.head.dep_ in ("ccomp", "conj", "parataxis") and t.head.i > t.i)]
    end = trigger.sent.end
    for i in labels:
        if not trigger.i < i < end:
            continue
        t = doc[i]
        k = t.i - 1
        while k > trigger.i and doc[k].dep_ in ("det", "amod"):
            k -= 1
        if doc[k].text != ",":
            continue
        head = t.head
        if head.i == clause.i or head in trigger.ancestors or clause in head.ancestors:
            return True
        if t.dep_ not in ("appos", "npadvmod") and head.head.i in {a.i for a in trigger.ancestors}:
            return True  # ", an allegation Kyiv rejected": the rejecting clause is a sibling
    return False


def frame_negated(word: Token, words: ModalityWords) -> bool:
    """A frame word is negated by its own negation or, for a noun, by that of the verb it is
    the object or subject of ("does not have any intention of", "saw no sign that")."""
    if _is_negated(word, words):
        return True
    return word.pos_ in ("NOUN", "PROPN") and word.dep_ in ("dobj", "attr", "nsubj", "nsubjpass") \
        and word.head.pos_ in ("VERB", "AUX") and _is_negated(word.head, words)


def _is_claim(noun: Token, words: ModalityWords) -> bool:
    frame = words.frames.lookup(noun)
    return frame is not None and frame.reading == "alleged"


def frame_of(word: Token, rel: str | None = None, words: ModalityWords | None = None
             ) -> Frame | None:
    """The frames-table entry `word` is (for an event hanging on it by `rel`), if any."""
    return (words or _default_words()).frames.lookup(word, rel)


def _default_words() -> ModalityWords:
    from faultline.extract.events.lexicon import lexicon

    return lexicon().words


def modality_of(trigger: Token, words: ModalityWords | None = None, *,
                reported: bool = False, own_conditions: bool = True) -> str:
    """The modality of the event whose trigger is `trigger` (`reported`: it sits in
    reported speech, where "would" is the future of the reported past; `own_conditions`
    False: an if-clause hanging on the trigger is what it says, not a condition on it, as
    for a threat). Stable API: the learned stage calls it on a sentence root."""
    words = words or _default_words()
    flags = _Flags()
    is_noun = trigger.pos_ in ("NOUN", "PROPN")
    # The clause that carries the event: the trigger itself, or the verb governing a noun.
    clause = trigger
    if is_noun:
        flags.merge(_noun_marks(trigger, words), f"a modifier of {_w(trigger)}")
        if _is_negated(trigger, words):
            flags.add("negated", f"{_w(trigger)} is negated")
        node = trigger
        while node.dep_ in _GOVERNED and node.head.i != node.i and node.head.pos_ in (
                "NOUN", "PROPN", "ADP", "VERB", "AUX"):
            node = node.head
            if node.pos_ in ("VERB", "AUX"):
                break
        clause = node if node.pos_ in ("VERB", "AUX") else trigger
    elif trigger.pos_ == "ADJ" and trigger.dep_ == "acomp" and trigger.head.pos_ in (
            "VERB", "AUX"):
        clause = trigger.head  # "may be getting ready to strike": the verb carries the modal
    if clause.i != trigger.i or not is_noun:
        # "the video call did not change that": a negated predicate about an event that
        # happened; only a verb of occurrence ("the talks did not take place") negates it
        if _is_negated(clause, words) and not (
                is_noun and words.occurrence_verbs and trigger.dep_ == "nsubj"
                and clause.lemma_.lower() not in words.occurrence_verbs):
            flags.add("negated", f"its clause {_w(clause)} is negated")
        flags.merge(_clause_marks(clause, words, reported,
                                  own_conditions or clause.i != trigger.i),
                    f"a modal, condition or mark on its clause {_w(clause)}")
    if _labelled_a_claim(trigger, clause, words):
        flags.add("alleged", "labelled a claim by an apposition")
    flags.merge(_hedged(trigger, words), f"a hedge on {_w(trigger)} (frames.yaml)")
    if clause.i != trigger.i:
        flags.merge(_hedged(clause, words), f"a hedge on {_w(clause)} (frames.yaml)")
    if not is_noun:  # "carried out a staged attack", "fabricated an incident"
        for obj in trigger.children:
            if obj.dep_ == "dobj":
                flags.merge(_hedged(obj, words, through_object=True),
                            f"a hedge on its object {_w(obj)} (frames.yaml)")
    if _questioned(trigger, clause):
        flags.add("hypothetical", "the sentence asks about it")
    if trigger.tag_ == "VBG" and trigger.dep_ in ("csubj", "nsubj", "csubjpass") or (
            trigger.dep_ == "conj" and trigger.head.tag_ == "VBG"
            and trigger.head.dep_ in ("csubj", "nsubj")):
        # "sending arms is unpopular": a kind of act, not an act
        flags.add("hypothetical", "a gerund subject: a kind of act")

    # Walk up the chain of clauses and nouns above the trigger.
    node = trigger
    steps = 0
    while node.head.i != node.i and steps < 12:
        rel = node.dep_
        parent = node.head
        steps += 1
        if rel not in _CLAUSE_UP:
            node = parent
            continue
        if rel in ("pcomp", "pobj") and parent.dep_ == "prep" and \
                parent.lower_ in words.conditional_preps:
            # "resigned without returning", "without a withdrawal"
            flags.add("hypothetical", f"under {_w(parent)}")
        frame = words.frames.lookup(parent, rel)
        if frame is not None and frame.reading == "denied" and _is_claim(node, words):
            # "dismissed Washington's claims that ...": the claims were made all the same, and
            # what they say stays theirs (alleged)
            frame = None
        if frame is not None:
            reading = frame.reading_for(frame_negated(parent, words))
            if reading:
                flags.add(reading, f"the frame word {_fw(frame, parent)} above it")
        if parent.pos_ in ("VERB", "AUX"):
            if rel in ("ccomp", "xcomp", "conj", "advcl", "relcl", "acl", "pcomp"):
                marks = {c.lower_ for c in node.children if c.dep_ == "mark"}
                if marks & words.conditional_marks or rel == "advcl" and (
                        _inverted(node) or _only_when(node)):
                    flags.add(_CONDITIONAL, f"in a condition ({_w(node)})")
            if rel == "conj" and parent.pos_ in ("VERB", "AUX") and not any(
                    c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in node.children) \
                    and not any(c.dep_ == "cc" and c.lower_ not in ("and", "or", "nor")
                                for c in (*parent.children, *node.children)):
                # "should train or equip the rebels": a second verb with no auxiliary or
                # subject of its own shares the first one's modal (and, after "or" /
                # "nor", its negation)
                flags.merge({f for f in _clause_marks(parent, words, reported)
                             if f in ("future", "hypothetical", _CONDITIONAL)},
                            f"shares the modal of {_w(parent)}")
                if any(c.dep_ == "cc" and c.lower_ in ("or", "nor") for c in parent.children) \
                        and _is_negated(parent, words):
                    flags.add("negated", f"shares the negation of {_w(parent)}")
            if rel == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
                # "sent forces to fight": the purpose is not a fact
                flags.add("intended", f"a purpose of {_w(parent)}")
            if parent.i != clause.i and rel in ("xcomp",):
                # "would continue to send": modals of a controlling verb carry down, and
                # so do hedges ("is reportedly preparing to strike")
                flags.merge({f for f in _clause_marks(parent, words, reported)
                             if f in ("future", "hypothetical", _CONDITIONAL)},
                            f"a modal of the verb {_w(parent)} it depends on")
                flags.merge(_hedged(parent, words), f"a hedge on {_w(parent)} (frames.yaml)")
                if _is_negated(parent, words):
                    flags.add("negated", f"the verb {_w(parent)} it depends on is negated")
            elif parent.i != clause.i and (
                    (rel == "prep" and node.lower_ == "by")
                    or (rel == "ccomp" and (frame is None or frame.reading is not None))):
                # "could show it was serious by pulling back": the means, or what a possible
                # act would show, is no more certain than the act
                if any(c.dep_ == "aux" and c.lower_ in words.hypothetical_aux
                       for c in parent.children):
                    flags.add("hypothetical", f"a modal on {_w(parent)}")
        if rel == "acl" and parent.pos_ in ("NOUN", "PROPN") and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
            # "a campaign to justify an invasion", "a bid to seize the port": what a noun is
            # for is not done
            flags.add("intended", f"what {_w(parent)} is for")
        node = parent
    for name in _ORDER:
        if name in flags:
            result = "hypothetical" if name == _CONDITIONAL else name
            _record(trigger, result, flags[name])
            return result
    _record(trigger, "asserted", "")
    return "asserted"


def _record(trigger: Token, modality: str, why: str) -> None:
    reasons = trigger.doc.user_data.get(REASONS_KEY)
    if isinstance(reasons, dict):
        reasons[trigger.i] = (modality, why)


def modality_reason(trigger: Token) -> tuple[str, str] | None:
    """The modality last given to `trigger` and why, when the Doc records reasons
    (``REASONS_KEY`` in its user_data)."""
    reasons = trigger.doc.user_data.get(REASONS_KEY)
    found = reasons.get(trigger.i) if isinstance(reasons, dict) else None
    return found if isinstance(found, tuple) else None
