"""Triggers: which tokens the pattern dictionary codes, and with which pattern."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from faultline.extract.events.context import _children, _hyphen_head
from faultline.extract.events.lexicon import Lexicon, Pattern, Sense, lexicon

_PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})

# Entity types whose proper nouns name a body or a place, not an event ("the Warsaw Pact").
_NAME_ENTITIES = frozenset({"ORG", "NORP", "GPE", "FAC", "PERSON", "LOC"})


def _named_of(tok: Token) -> bool:
    """A proper noun after "of" in a name ("the Government of National Accord",
    "the Organisation of Islamic Cooperation")."""
    return tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "PROPN"


def _obj_lemmas(tok: Token) -> set[str]:
    """Lemmas of the objects a pattern's `obj` condition may test."""
    out: set[str] = set()
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "dative"):
            out.add(c.lemma_.lower())
            out.add(c.lower_)
            if c.dep_ == "dobj" and c.ent_type_ == "PERSON":  # "called Putin": a person
                out.add("ent:person")
            out.update(g.lemma_.lower() for g in c.children if g.dep_ == "conj")
            # "ended mediation efforts", "violated the ceasefire agreement"; not "war" in
            # "war games", which the noun's own pattern reads as one event
            own = lexicon().nouns.get(c.lemma_.lower(), ())
            out.update(g.lemma_.lower() for g in c.children if g.dep_ == "compound"
                       and not any(g.lower_ in p.mod for p in own))
            for p in _children(c, "prep"):  # "a list of demands", "a number of troops"
                if p.lower_ == "of":
                    out.update(o.lemma_.lower() for o in _children(p, "pobj"))
        elif c.dep_ in ("prep", "agent"):
            out.update(o.lemma_.lower() for o in _children(c, "pobj"))
            out.update(o.lower_ for o in _children(c, "pobj"))
        elif c.dep_ in ("ccomp", "xcomp") and c.pos_ == "ADJ":
            out.add(c.lemma_.lower())  # "found Nielsen guilty": a small clause's predicate
        elif c.dep_ == "advmod" and c.lower_ in ("back", "home", "away"):
            for p in _children(c, "prep"):  # "going back to their bases"
                out.update(o.lemma_.lower() for o in _children(p, "pobj"))
                out.update(o.lower_ for o in _children(p, "pobj"))
    if tok.dep_ == "acl" and tok.tag_ == "VBN":  # "troops deployed to ..."
        out.add(tok.head.lemma_.lower())
    return out


def _mod_lemmas(tok: Token) -> set[str]:
    out = {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound", "nmod")}
    if tok.dep_ in ("nsubj", "nsubjpass"):
        out.update(c.lower_ for c in tok.head.children if c.dep_ in ("acomp", "attr"))
    return out


def _matches(p: Pattern, tok: Token) -> bool:
    if p.bare and any(c.dep_ in ("dobj", "nsubjpass", "ccomp", "xcomp") for c in tok.children):
        return False
    if not p.predicate and tok.dep_ == "attr" and tok.head.lemma_ == "be":
        return False
    # the parser takes "back" in "going back to their bases" for an adverb, "out" in "pull
    # forces out of" for a preposition
    if p.prt and not any(c.dep_ in ("prt", "advmod", "prep") and c.lower_ in p.prt
                         for c in tok.children):
        return False
    if p.prep and not any(c.dep_ in ("prep", "agent", "dative", "prt") and c.lower_ in p.prep
                          and not _dated(c) for c in tok.children):
        return False
    if p.obj and not (_obj_lemmas(tok) & p.obj):
        return False
    if p.mod and not (_mod_lemmas(tok) & p.mod):
        return False
    return True


def _dated(prep: Token) -> bool:
    """A preposition that only dates the act ("called Erdogan on Saturday")."""
    objects = _children(prep, "pobj")
    return bool(objects) and all(o.ent_type_ in ("DATE", "TIME") for o in objects)


def _best_pattern(patterns: Iterable[Pattern], tok: Token) -> Pattern | None:
    best: Pattern | None = None
    for p in patterns:
        if _matches(p, tok) and (best is None or p.specificity > best.specificity):
            best = p
    return best


def _hyphen_candidate(tok: Token, lex: Lexicon, span: tuple[int, int]
                      ) -> tuple[Pattern, bool] | None | bool:
    """A hyphenated word looked up whole at the token standing for it; False when the
    word is not in the dictionary (its parts are then read on their own)."""
    doc = tok.doc
    first, last = span
    words = [doc[k].lower_ for k in range(first, last + 1)]
    lemma = "".join(words[:-1]) + doc[last].lemma_.lower()
    whole = "".join(words)
    for section, is_noun in ((lex.nouns, True), (lex.verbs, False)):
        patterns = section.get(whole) or section.get(lemma)
        if patterns:
            if tok.i != _hyphen_head(doc, first, last):
                return None  # one word: coded once, at its head
            p = _best_pattern(patterns, tok)
            return (p, is_noun) if p else None
    return False


def _candidate(tok: Token, lex: Lexicon,
               hyphen: tuple[int, int] | None = None) -> tuple[Pattern, bool] | None:
    if hyphen is not None:
        found = _hyphen_candidate(tok, lex, hyphen)
        if found is not False:
            return found  # type: ignore[return-value]
    if tok.pos_ in ("VERB",) or (tok.pos_ == "AUX" and tok.dep_ != "aux" and tok.lemma_ != "be"):
        if tok.tag_ in ("VBN", "VBD") and tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass") \
                and any(c.dep_ == "det" for c in tok.children):
            return None  # "evacuated the wounded": people, not an act of wounding
        applies, sensed = _sense(tok, lex, "verb")
        if applies:
            return (sensed, False) if sensed is not None else None
        patterns = lex.verbs.get(tok.lemma_.lower())
        if patterns:
            p = _best_pattern(patterns, tok)
            return (p, False) if p else None
    elif tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "ROOT", "conj", "xcomp", "amod"):
        patterns = lex.adjectives.get(tok.lemma_.lower()) or lex.adjectives.get(tok.lower_)
        if patterns:
            p = _best_pattern(patterns, tok)
            return (p, False) if p else None
    elif tok.pos_ in ("NOUN", "PROPN") and tok.ent_type_ not in ("DATE", "TIME") and (
            tok.dep_ != "compound" or (
            tok.head.lemma_.lower() in lex.container_nouns)) and not (
            tok.pos_ == "PROPN" and (tok.ent_type_ in _NAME_ENTITIES or tok.dep_ == "nmod"
                                     or _named_of(tok))):
        # "the Warsaw Pact", "a Warsaw Pact minister": part of a name
        applies, sensed = _sense(tok, lex, "noun")
        if applies:
            return (sensed, True) if sensed is not None else None
        patterns = lex.nouns.get(tok.lemma_.lower()) or lex.nouns.get(tok.lower_)
        if patterns:
            p = _best_pattern(patterns, tok)
            return (p, True) if p else None
    return None


def _with_modifiers(heads: Iterable[Token]) -> set[str]:
    """Head lemmas with their noun modifiers and "of"-objects ("peacekeeping troops",
    "contingents of troops")."""
    out: set[str] = set()
    for h in heads:
        nested = [h] + [o for p in _children(h, "prep") if p.lower_ == "of"
                        for o in _children(p, "pobj")]
        for n in nested:
            out.add(n.lemma_.lower())
            if n.ent_type_ in _PLACE_ENTITIES:  # a named place: kind lists name it "ent:gpe"
                out.add(f"ent:{n.ent_type_.lower()}")
            out.update(g.lemma_.lower() for g in n.children
                       if g.dep_ in ("compound", "amod", "conj"))
    return out


def sense_objects(tok: Token) -> set[str]:
    """What a sense's object kind is tested on: the direct object when there is one (not
    "suspended aid because of the fighting"), else the objects of attached prepositions."""
    direct = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd")]
    if tok.dep_ == "acl" and tok.tag_ == "VBN":  # "troops deployed to ..."
        direct.append(tok.head)
    if direct:  # with where the object goes, or as what ("troops sent to the UN force")
        return _with_modifiers(direct + [o for c in tok.children if c.dep_ == "prep" and
                                         c.lower_ in ("to", "as", "into")
                                         for o in _children(c, "pobj")])
    return _with_modifiers(o for c in tok.children if c.dep_ in ("prep", "agent", "dative")
                           and not _dated(c) for o in _children(c, "pobj")) | _obj_lemmas(tok)


def sense_subjects(tok: Token) -> set[str]:
    """What a sense's subject kind is tested on: the active subject, with its modifiers."""
    heads = [c for c in tok.children if c.dep_ == "nsubj"]
    if not heads and tok.dep_ in ("xcomp", "conj", "advcl"):  # "peacekeepers began deploying"
        heads = [c for c in tok.head.children if c.dep_ == "nsubj"]
    return _with_modifiers(heads)


def sense_of(tok: Token, lex: Lexicon, pos: str) -> Sense | None:
    """The entry of the senses table (data/senses.yaml) that reads `tok`, if any."""
    if tok.lemma_.lower() not in lex.senses.words:
        return None
    return lex.senses.find(tok.lemma_.lower(), pos, sense_objects(tok),
                           {c.lower_ for c in tok.children if c.dep_ in ("prt", "advmod")},
                           subjects=sense_subjects(tok))


def _sense(tok: Token, lex: Lexicon, pos: str) -> tuple[bool, Pattern | None]:
    """Whether the senses table (data/senses.yaml) reads `tok` by the kind of its object,
    and the pattern it gives (None: no event)."""
    found = sense_of(tok, lex, pos)
    if found is None:
        return False, None
    return True, Pattern(found.code) if found.code is not None else None
