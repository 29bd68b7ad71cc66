"""Arguments: source and target actors of a trigger, read from the parse and ann.actors."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import Any

from spacy.tokens import Token

from faultline.codebook import code_is_violence, code_root, has_trait
from faultline.extract.actors import actor_dictionary
from faultline.extract.events.context import _RELATIVE, _SUBJ, Trigger, _children, _Context
from faultline.extract.events.filters import _governing_verb, _is_purpose, _motion_head
from faultline.extract.events.lexicon import Lexicon
from faultline.model import Actor, ActorMention, Span

# Dependency labels an actor search may follow inside one noun phrase.
_NP_DEPS = frozenset({"compound", "amod", "nmod", "poss", "appos", "conj", "det", "nummod",
                      "npadvmod", "pobj", "prep", "case", "quantmod", "advmod"})


_NP_PREPS = frozenset({"of", "from", "in", "throughout", "across", "at", "inside"})
# ... and, under a role noun the dictionaries do not know, whom it serves ("a spokesman for
# the Kremlin", "an official with the ministry")
_ROLE_PREPS = frozenset({"for", "with"})

# Verbs that only say that a nominal event takes place: its actors may sit on them.
_LIGHT = frozenset({"happen", "take", "continue", "begin", "start", "resume", "be", "go", "end",
                    "proceed", "occur", "remain", "get", "stop", "come"})


_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY", None})


_GOAL_PREPS = frozenset({"for", "toward", "towards"})


_TOPIC_PREPS = frozenset({"on", "over", "about", "of", "from"})


_MAX_ACTORS = 4

# Prepositions before a gerund whose doer is the verb's object: "accused X of shelling",
# "blamed X for ...", "stopped X from ..." (not "after/before/by/without" + gerund).
_OBJECT_DOER_PREPS = frozenset({"of", "for", "from"})

# Codes whose target is a party to the act, never the place it happens in: statements,
# meetings and talks (a visit, 042, is to a place: "arrived in Amman on a visit").
_PARTY_CODES = frozenset({"01", "04"})
_PLACE_TARGET_CODES = frozenset({"042"})
# Roots of acts only a state's authorities do (releasing, arresting, expelling): with no
# agent named, the state of the place they happened in did them.
_STATE_ACTS = frozenset({"08", "17"})



def _np_actors(tok: Token, ctx: _Context, depth: int = 4) -> list[ActorMention]:
    """Actor mentions naming the noun phrase headed by `tok`, one per coordinated member."""
    own = ctx.mentions.get(tok.i)
    if own is None or own.via == "unknown":
        sided = _allegiance(tok, ctx)
        if sided:
            return sided
    if own is not None and own.via == "unknown":
        # "troops of the Eastern military district": a known actor inside the phrase says
        # more than the unknown head does
        known = [m for m in _np_search(tok, ctx, depth, own, _ROLE_PREPS)
                 if m.via not in ("unknown", "location")]
        if known:
            known += [m for c in tok.children if c.dep_ == "conj"
                      for m in _np_actors(c, ctx, depth) if m not in known]
            return known[:_MAX_ACTORS]
    if own is not None:
        members = [own]
        for c in tok.children:
            if c.dep_ == "conj":
                members += [m for m in _np_actors(c, ctx, depth) if m not in members]
            elif c.dep_ in ("amod", "compound", "nmod", "poss") and not (
                    own.token_start <= c.i < own.token_end) and any(
                    x.dep_ == "conj" for x in c.children):
                # "Hungarian and Romanian officials": the mention took one modifier
                for g in [c, *(x for x in c.children if x.dep_ == "conj")]:
                    m = ctx.mentions.get(g.i)
                    if m is not None and m not in members:
                        members.append(m)
            elif c.dep_ in ("amod", "compound", "poss") and \
                    own.token_start <= c.i < own.token_end:  # "Russia and Turkey's ministers"
                for g in c.children:
                    m = ctx.mentions.get(g.i)
                    if g.dep_ == "conj" and m is not None and m not in members:
                        members.append(m)
        return members[:_MAX_ACTORS]
    if tok.lower_ in _RELATIVE and tok.head.dep_ == "relcl":
        return _np_actors(tok.head.head, ctx, depth)
    if tok.pos_ == "PRON" and (tok.lower_ in _THIRD_PERSON or tok.lower_ in _PERSONAL):
        found_pron = _antecedent(tok, ctx)
        return [found_pron] if found_pron is not None else []
    found = _np_search(tok, ctx, depth)
    if found:
        if tok.dep_ != "conj":
            for c in tok.children:
                if c.dep_ == "conj":
                    found += [m for m in _np_actors(c, ctx, depth) if m not in found]
        return found[:_MAX_ACTORS]
    if tok.dep_ != "conj":
        found = []
        for c in tok.children:
            if c.dep_ == "conj":
                found += [m for m in _np_actors(c, ctx, depth) if m not in found]
        return found[:_MAX_ACTORS]
    return []


def _allegiance(tok: Token, ctx: _Context) -> list[ActorMention]:
    """The known actor a group is loyal or allied to ("fighters loyal to Ouattara")."""
    words = actor_dictionary().context.allegiance_words
    for a in tok.children:
        if a.dep_ in ("amod", "acl") and a.lemma_.lower() in words:
            for p in _children(a, "prep"):
                if p.lower_ in ("to", "with"):
                    found = [m for o in _children(p, "pobj") for m in _np_actors(o, ctx)
                             if m.via not in ("unknown", "location")]
                    if found:
                        return found
    return []


def _np_search(tok: Token, ctx: _Context, depth: int, skip: ActorMention | None = None,
               preps: frozenset[str] = frozenset()) -> list[ActorMention]:
    """The nearest actor mentions below `tok` inside its noun phrase (level by level)."""
    level = [tok]
    seen = {tok.i}
    for _ in range(depth):
        nxt: list[Token] = []
        found: list[ActorMention] = []
        for node in level:
            for c in node.children:
                if c.i in seen or c.dep_ not in _NP_DEPS:
                    continue
                if c.dep_ == "prep" and c.lower_ not in _NP_PREPS and c.lower_ not in preps:
                    continue
                seen.add(c.i)
                m = ctx.mentions.get(c.i)
                if m is None and c.dep_ == "poss" and node is tok and \
                        tok.dep_ in ("nsubj", "nsubjpass") and \
                        tok.lemma_.lower() in ctx.lex.owned_bodies:
                    m = _antecedent(c, ctx)  # "his country had sent", "its coast guard"
                if m is not None and m is not skip and m not in found:
                    found.append(m)
                    for g in c.children:
                        if g.dep_ == "conj" and ctx.mentions.get(g.i) not in (None, skip, *found):
                            found.append(ctx.mentions[g.i])
                            seen.add(g.i)
                nxt.append(c)
        if found:
            return found
        level = nxt
    return []


_THIRD_PERSON = frozenset({"it", "its", "they", "them", "their"})
_PERSONAL = frozenset({"he", "him", "his", "she", "her"})  # they name a person


def _antecedent(tok: Token, ctx: _Context) -> ActorMention | None:
    """A non-person actor named shortly before "it"/"they" (a person before "he"/"she"):
    the nearest one that was a subject in this or the previous sentence, else the nearest."""
    person = tok.lower_ in _PERSONAL
    speaker = _reporting_subject(tok)
    if speaker is not None:  # "fishermen said they had been turned back": the speakers
        own = ctx.mentions.get(speaker.i)
        if own is not None:
            return own
        inside = _np_actors(speaker, ctx)  # "rivals of the government said they ..."
        return inside[0] if inside else None
    sent = tok.sent
    floor = sent.start
    if floor > 0:
        floor = tok.doc[floor - 1].sent.start
    k = bisect.bisect_left(ctx.starts, tok.i) - 1
    nearest: ActorMention | None = None
    while k >= 0:
        m = ctx.ann.actors[k]
        if m.token_start < floor:
            break
        fits = (m.actor.kind == "person" or m.actor.sector is not None) if person \
            else m.actor.kind not in ("person", "place", "region")  # "the minister ... he"
        if fits and m.via not in ("coref", "location") and m.token_end <= tok.i:
            head = tok.doc[m.token_end - 1]
            if head.dep_ in ("nsubj", "nsubjpass"):
                return m
            if nearest is None:
                nearest = m
        k -= 1
    return nearest


def _reporting_subject(tok: Token) -> Token | None:
    """For "they" as the subject of a finite clause that a verb reports, that verb's own
    plural noun subject: "the farmers said they ..." speak of themselves, whoever was named
    in the sentence before. None when the verb has no such subject."""
    if tok.lower_ != "they" or tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    clause = tok.head
    if clause.dep_ != "ccomp" or any(c.dep_ == "aux" and c.lower_ == "to"
                                     for c in clause.children):
        return None
    subj = [c for c in clause.head.children if c.dep_ == "nsubj"]
    if not subj or subj[0].tag_ not in ("NNS", "NNPS") or subj[0].i > tok.i:
        return None
    return subj[0]


def _subject(verb: Token, ctx: _Context, hops: int = 0) -> tuple[list[ActorMention], Token | None]:
    """Actors of the (possibly inherited) subject of a verb, and the subject token."""
    if hops > 4:
        return [], None
    subj = _children(verb, *_SUBJ)
    if subj:
        if subj[0].lower_ in _RELATIVE and verb.dep_ == "relcl":
            return _np_actors(verb.head, ctx), verb.head
        # "KYIV, Ukraine - The United States ordered": the dateline may be parsed as a
        # second subject; the one that names an actor (not a place) is the subject
        for s in subj:
            found = [m for m in _np_actors(s, ctx) if m.via != "location"]
            if found:
                return found, s
        first = _np_actors(subj[0], ctx)
        if not first and subj[0].pos_ == "NOUN":
            # "a car bombing by the Islamic State killed", "missiles fired by the Israeli
            # military struck": the act's or the weapon's owner did it
            first = _owner(subj[0], ctx)
        return first, subj[0]
    head = verb.head
    if head.i == verb.i:
        return [], None
    dep = verb.dep_
    if dep == "xcomp":
        if head.lemma_.lower() in ctx.lex.object_control:
            objs = _children(head, "dobj")
            if objs:
                return _np_actors(objs[0], ctx), objs[0]
            for p in _children(head, "prep"):
                if p.lower_ in ("on", "upon"):
                    for o in _children(p, "pobj"):
                        return _np_actors(o, ctx), o
        return _subject(head, ctx, hops + 1)
    if dep == "conj" and head.pos_ in ("VERB", "AUX") and not _passive(verb) and \
            any(c.dep_ == "aux" for c in verb.children) and not _children(head, *_SUBJ):
        # "has been indicted ... and will resign": the passive subject acts in the second verb
        found = [m for c in _children(head, "nsubjpass") for m in _np_actors(c, ctx)]
        if found:
            return found, _children(head, "nsubjpass")[0]
    if dep in ("conj", "advcl") and head.pos_ in ("VERB", "AUX"):
        return _subject(head, ctx, hops + 1)
    if dep == "acl" and head.dep_ in ("dobj", "attr") and head.head.pos_ in ("VERB", "AUX") \
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return _subject(head.head, ctx, hops + 1)  # "has no intention to invade"
    if dep == "pcomp" and head.lower_ == "of" and head.head.pos_ in ("NOUN", "PROPN") and \
            head.head.dep_ in ("dobj", "attr") and head.head.head.pos_ in ("VERB", "AUX"):
        noun, governor = head.head, head.head.head
        frames = ctx.lex.words.frames
        own = frames.lookup(noun, "prep")
        if own is not None and own.holder == "none":
            return _subject(governor, ctx, hops + 1)  # "has no intention of attacking"
        accusing = frames.lookup(governor, "dobj")
        if accusing is not None and accusing.reports:
            return _np_actors(noun, ctx), noun  # "accused the rebels of shelling"
    if dep in ("acomp", "amod") and head.pos_ in ("VERB", "AUX"):
        return _subject(head, ctx, hops + 1)
    if dep in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
        if verb.tag_ == "VBN":
            return [], None
        found = _np_actors(head, ctx)
        if not found and dep == "acl" and verb.tag_ == "VBG" and head.dep_ == "dobj" and \
                head.head.pos_ in ("VERB", "AUX"):
            # "issued a statement demanding ...", "passed a law banning ...": the issuer
            return _subject(head.head, ctx, hops + 1)
        return found, head
    if dep == "pcomp" and head.head.pos_ == "ADJ" and head.head.head.i != head.head.i:
        return _subject(head.head, ctx, hops + 1)  # "are guilty of violating the truce"
    if dep == "pcomp" and head.head.pos_ in ("VERB", "AUX"):
        # "accused the US of violating ...", "Iran was accused of supplying ...": the gerund's
        # doer is the accused (object or passive subject), otherwise the verb's subject
        # ("stormed the base after striking it": the stormer strikes)
        verb_head = head.head
        for c in verb_head.children if head.lower_ in _OBJECT_DOER_PREPS else ():
            if c.dep_ in ("dobj", "nsubjpass"):
                found = _np_actors(c, ctx)
                if found:
                    return found, c
        return _subject(verb_head, ctx, hops + 1)
    if dep in ("xcomp", "advcl") or head.pos_ == "ADJ":
        if head.pos_ == "ADJ" and head.head is not head:  # "is able to use"
            return _subject(head.head, ctx, hops + 1)
    return [], None


def _stative(verb: Token, lex: Lexicon) -> bool:
    """A participle after "be" that the dictionary also knows as a predicate adjective
    ("is opposed to", "is committed to"), with no "by" agent: its subject is the actor."""
    return verb.tag_ == "VBN" and verb.lower_ in lex.adjectives and \
        any(c.dep_ == "nsubjpass" for c in verb.children) and \
        not any(c.dep_ == "agent" for c in verb.children)


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN")


def _prep_objects(tok: Token, preps: Iterable[str]) -> list[Token]:
    wanted = list(preps)
    out: list[tuple[int, Token]] = []
    for p in tok.children:
        if p.dep_ in ("prep", "dative") and p.lower_ in wanted:
            for o in _children(p, "pobj"):
                out.append((wanted.index(p.lower_), o))
    return [o for _, o in sorted(out, key=lambda x: x[0])]


def _target_preps(trig: Trigger, ctx: _Context) -> list[str]:
    preps = list(trig.pattern.targets) + [p for p in ctx.lex.target_preps
                                          if p not in trig.pattern.targets]
    root = (trig.code or "")[:2]
    preps += [p for p, roots in ctx.lex.place_preps.items() if root in roots and p not in preps]
    if root in ("03", "05", "07"):
        preps.append("for")  # "aid for Bosnia", "support for the government"
    if trig.is_noun:
        # "talks on security", "negotiations over the border": for talk-like nouns these
        # prepositions give the topic, not the other party
        if root < "09":
            preps = [p for p in preps if p not in _TOPIC_PREPS]
        return preps
    return [p for p in preps if p != "of"]


def _verb_targets(trig: Trigger, ctx: _Context) -> list[ActorMention]:
    tok = trig.token
    moves = has_trait(trig.code, "moves")
    owners: list[ActorMention] = []
    vague: list[ActorMention] = []
    for c in _children(tok, "dobj", "dative", "iobj"):
        if moves and c.lemma_.lower() in ctx.lex.theme_nouns:
            continue  # "deployed Russian troops": what moves, not whom it is aimed at
        found = _np_actors(c, ctx)
        if found and all(_vague(m) for m in found):
            # "withdrew peacekeepers from the Golan Heights": an object of no one's, of no
            # country, says less than a named actor after the verb's preposition
            vague = vague or found
            continue
        if found:
            return found
        # "condemned a protest by farmers": whose the thing acted on is, when nothing
        # else names a target ("lifted its embargo": its own, no target)
        owners = owners or _owner(c, ctx, pronouns=False)
    for c in _children(tok, "ccomp", "xcomp"):
        if c.pos_ == "ADJ":  # "found Syria liable": the small clause's subject
            found = [m for subj in _children(c, "nsubj") for m in _np_actors(subj, ctx)]
            if found:
                return found
    if tok.lemma_.lower() in ctx.lex.object_control:
        # "allowed Egyptian mediators to enter": the parser may make the one allowed the
        # subject of the infinitive
        for c in _children(tok, "ccomp", "xcomp"):
            if not any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
                continue  # "warned that Japan would respond": a clause, not the one warned
            for subj in _children(c, "nsubj"):
                found = _np_actors(subj, ctx)
                if found:
                    return found
    for o in _prep_objects(tok, _target_preps(trig, ctx)):
        found = _np_actors(o, ctx)
        if found:
            return found
    dobj_preps = ["on", "against", "with", "to", "toward", "towards", "at", "into", "between"]
    if (trig.code or "")[:2] in ("03", "06", "07"):
        dobj_preps.append("for")  # "aid for Romania"
    for c in _children(tok, "dobj", "attr"):  # "imposed sanctions on X", "signed a deal with X"
        # ... also under an "of" inside the object: "returned dozens of artifacts to X"
        nested = [q for q in c.subtree if q.i != c.i and q.dep_ in ("pobj", "dobj", "acl")
                  and abs(q.i - c.i) <= 12]
        for node, preps in [(c, dobj_preps), *((q, _NESTED_PREPS) for q in nested)]:
            for o in _prep_objects(node, preps):
                found = _np_actors(o, ctx)
                if found:
                    return found
    return vague or owners


def _noun_actors(trig: Trigger, ctx: _Context) -> tuple[list[ActorMention], list[ActorMention]]:
    """(sources, targets) from a nominal event's own dependents."""
    tok = trig.token
    sources: list[ActorMention] = []
    targets: list[ActorMention] = []
    root = (trig.code or "")[:2]
    for c in tok.children:
        if c.dep_ in ("poss", "compound", "amod", "nmod"):
            for m in _np_actors(c, ctx, depth=1):
                if m not in sources:
                    sources.append(m)
    preps = _children(tok, "prep", "agent")
    if tok.dep_ == "compound":  # "a mediation effort between X and Y"
        preps += _children(tok.head, "prep", "agent")
        for c in tok.head.children:
            if c.dep_ == "poss":
                sources += [m for m in _np_actors(c, ctx, depth=1) if m not in sources]
    for p in preps:
        objs = _children(p, "pobj")
        low = p.lower_
        if low == "between":
            members: list[ActorMention] = []
            for o in objs:
                members += _np_actors(o, ctx)
            # the parser often hangs the second member on the noun itself
            for c in _children(tok, "conj"):
                members += [m for m in _np_actors(c, ctx) if m not in members]
            if "between" in trig.pattern.targets:  # "mediation between X and Y": both parties
                targets += members
            elif len(members) >= 2:
                return [members[0]], [members[1]]
            else:
                sources += members
        elif low == "from" and "from" in trig.pattern.targets:  # "withdrawal from Panama"
            for o in objs:
                targets += _np_actors(o, ctx)
        elif low in ("by", "from"):
            for o in objs:
                sources += _np_actors(o, ctx)
        elif low == "of":
            for o in objs:
                found = _np_actors(o, ctx)
                if "from" in trig.pattern.targets:
                    # "the withdrawal of Russian troops from Syria": where they leave is the
                    # target, not part of who leaves
                    away = [m for q in _prep_objects(o, ("from",)) for m in _np_actors(q, ctx)]
                    targets += [m for m in away if m not in targets]
                    found = [m for m in found if m not in away]
                (targets if has_trait(trig.code or root, "of_target") else sources).extend(found)
        elif low in _target_preps(trig, ctx):
            for o in objs:
                targets += _np_actors(o, ctx)
    if not targets:  # "a suspension of air links with Serbia"
        for p in preps:
            if p.lower_ == "of":
                for o in _children(p, "pobj"):
                    for q in _prep_objects(o, ("with", "to", "against", "for")):
                        targets += [m for m in _np_actors(q, ctx) if m not in targets]
    # "the exercises are happening on Ukraine's borders": arguments on a light verb
    head = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in _LIGHT:
        for o in _prep_objects(head, _target_preps(trig, ctx)):
            found = [m for m in _np_actors(o, ctx) if m not in targets]
            if found:
                targets += found
                break
    return sources[:_MAX_ACTORS], targets[:_MAX_ACTORS]


def _governing_subject(tok: Token, ctx: _Context) -> list[ActorMention]:
    """For a nominal event that is the object of a verb that codes nothing itself
    ("held talks", "issued a list of demands", "imposed sanctions"), that verb's subject."""
    node = tok.head if tok.dep_ == "compound" else tok
    for _ in range(3):
        if node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.head.pos_ == "NOUN" \
                and node.head.lower_ == "of":
            node = node.head.head  # "a list of demands"
            continue
        break
    own = ctx.triggers.get(tok.i)
    if node.dep_ == "pobj" and node.head.lower_ in ("for", "in", "on", "into") and \
            node.head.head.pos_ in ("VERB", "AUX") and own is not None and \
            (own.code or "")[:2] in ("04", "14"):
        # "thousands converged for a rally", "workers went on strike", "took part in talks"
        verb = node.head.head
        vtrig = ctx.triggers.get(verb.i)
        if (vtrig is None or vtrig.code is None) and not _passive(verb):
            return _subject(verb, ctx)[0]
        return []
    if node.dep_ not in ("dobj", "attr", "nsubjpass") or node.head.pos_ not in ("VERB", "AUX"):
        return []
    verb = node.head
    vtrig = ctx.triggers.get(verb.i)
    if vtrig is not None and vtrig.code is not None and vtrig.inner is None:
        return []
    if node.dep_ == "nsubjpass":
        return [m for o in _prep_objects(verb, ("by",)) for m in _np_actors(o, ctx)]
    return _subject(verb, ctx)[0]


def _receipt(tok: Token, ctx: _Context) -> tuple[list[ActorMention], list[ActorMention]] | None:
    """(givers, receivers) when a nominal event is the object of a verb of receiving that
    codes nothing itself (verbs.yaml receipt_verbs): its subject received the act, and
    whoever it came 'from' did it. None when the noun is not such an object."""
    node = tok.head if tok.dep_ == "compound" else tok
    verb = node.head
    if node.dep_ != "dobj" or verb.lemma_.lower() not in ctx.lex.receipt_verbs:
        return None
    vtrig = ctx.triggers.get(verb.i)
    if vtrig is not None and vtrig.code is not None:
        return None
    receivers = _subject(verb, ctx)[0]
    givers = [m for o in _prep_objects(verb, ("from",)) for m in _np_actors(o, ctx)]
    return givers, receivers


def _sentence_subject(sent: Any, ctx: _Context) -> list[ActorMention]:
    root = sent.root
    found, _ = _subject(root, ctx)
    if found:
        return found
    for c in root.children:
        if c.dep_ == "ccomp":
            found, _ = _subject(c, ctx)
            if found:
                return found
    return []


def _within(mentions: list[ActorMention], sent: Any, span: Span) -> list[ActorMention]:
    """Mentions outside `sent`, or inside `span`: drops those in a glued-on paragraph."""
    return [m for m in mentions if not sent.start_char <= m.span.start < sent.end_char
            or span.start <= m.span.start < span.end]


def same_actor(a: ActorMention, b: ActorMention) -> bool:
    """Do two mentions name one actor? The same code, except where the code is too coarse
    to tell: two actors the dictionaries do not know ("---", "---JUD": a court and the
    lawyers before it) are one only when their words are, and two people only when their
    names are ("Mbeki released Zuma": both ZAFGOV, two people)."""
    if a.actor.code != b.actor.code:
        return False
    if a.actor.code.startswith(actor_dictionary().context.unknown_prefix) or (
            "unknown" in (a.via, b.via) and b.via != "implied" and a.via != "implied"):
        # "Romania's president refused a request from the justice minister": a phrase the
        # dictionaries do not know is its own actor, whatever country it was given
        return a.text.casefold() == b.text.casefold()
    if a.actor.kind == "person" and b.actor.kind == "person" and a.via != "coref" \
            and b.via != "coref":
        return a.actor.name == b.actor.name
    return True


def _pairs(code: str, sources: list[ActorMention], targets: list[ActorMention],
           read_as: str | None = None) -> list[tuple[ActorMention | None, ActorMention | None]]:
    """(source, target) pairs: every source with every target; coordinated parties of a
    symmetric act ("Russia and Belarus held talks", also when it is read as their failure to
    agree: `read_as`, the trigger's own code) are each other's partner."""
    if not targets and len(sources) > 1 and (has_trait(code, "reciprocal")
                                             or has_trait(read_as, "reciprocal")):
        return [(s, t) for s in sources for t in sources if s is not t
                and not same_actor(s, t)]
    srcs: list[ActorMention | None] = list(sources) or [None]
    tgts: list[ActorMention | None] = list(targets) or [None]
    return [(s, t) for s in srcs for t in tgts]


def _arguments(trig: Trigger, ctx: _Context, topic: list[ActorMention]
               ) -> tuple[list[ActorMention], list[ActorMention], float]:
    """Source and target actors of a coded trigger, and how sure the coder is of them."""
    tok = trig.token
    lex = ctx.lex
    code = trig.code or ""
    confidence = 0.9 if not trig.is_noun else 0.75
    if trig.is_noun:
        sources, targets = _noun_actors(trig, ctx)
        received = _receipt(tok, ctx)
        if received is not None:
            givers, receivers = received
            sources = [m for m in [*sources, *givers] if m not in receivers][:_MAX_ACTORS]
            targets = [*receivers, *(m for m in targets if m not in receivers)][:_MAX_ACTORS]
        if not sources and received is None:
            sources = _governing_subject(tok, ctx)
        if not sources and targets:
            # "Flows of military aid to Ukraine would continue": the sentence's (or the
            # previous sentence's) subject is the likeliest provider
            sources = [m for m in topic if m.actor.code not in
                       {t.actor.code for t in targets}][:1]
            confidence = 0.5
    elif _stative(tok, lex):
        # "Israel is opposed to ...": a participle read as an adjective; its subject acts
        sources = [m for c in _children(tok, "nsubjpass") for m in _np_actors(c, ctx)]
        targets = _verb_targets(trig, ctx)
    elif _passive(tok) and has_trait(code, "moves") and any(
            c.lemma_.lower() in lex.theme_nouns or any(
                m.actor.sector == "MIL" for m in _np_actors(c, ctx))
            for c in _children(tok, "nsubjpass")) and not _children(tok, "agent"):
        # "2,000 Russian soldiers were deployed along the corridor": the forces moved are
        # the ones acting; where they went is the target
        sources = [m for c in _children(tok, "nsubjpass") for m in _np_actors(c, ctx)]
        targets = [m for o in _prep_objects(tok, _target_preps(trig, ctx))
                   for m in _np_actors(o, ctx) if m not in sources][:1]
    elif _passive(tok):
        targets = [m for c in _children(tok, "nsubjpass") for m in _np_actors(c, ctx)]
        if tok.dep_ == "acl" and not targets:
            targets = _np_actors(tok.head, ctx)
        sources = [m for o in _prep_objects(tok, ("by",)) for m in _np_actors(o, ctx)]
        sources += [m for a in _children(tok, "agent") for o in _children(a, "pobj")
                    for m in _np_actors(o, ctx)]
        if not sources and code_root(code) in _STATE_ACTS:
            sources = _state_of_place(tok, ctx)
    else:
        sources = _subject(tok, ctx)[0]
        targets = _verb_targets(trig, ctx)
        if not sources and has_trait(code, "moves"):
            for c in _children(tok, "dobj"):  # "deploying Russian troops into ..."
                if c.lemma_.lower() in lex.theme_nouns:
                    sources = _np_actors(c, ctx)
    targets = _parties(targets, trig)
    if not targets:
        targets = _parties(_fallback_targets(trig, sources, ctx), trig)
    if code_is_violence(trig.code) and _military_source(tok, sources, lex):
        trig.code = "190"  # killing or wounding by armed forces is fighting (CAMEO 19)
    if not targets and not _party_code(trig.code):
        targets = _place_targets(tok, ctx, sources)
        if targets and not sources and code_root(trig.code) == "14":
            # "thousands blocked streets in Hong Kong": protesters of that place
            sources, targets = targets, []
    if (sources or targets) and all(_bare_name(m) for m in [*sources, *targets]):
        # only names no dictionary knows, nothing that says whose side they are on: too
        # little to code (PETRARCH codes no event without one known actor)
        return [], [], confidence
    return sources, targets, confidence


def _state_of_place(tok: Token, ctx: _Context) -> list[ActorMention]:
    """The state of the place an agentless act of state happened in ("was arrested in
    Niger", "were released from captivity in Libya"): that country, read from the place."""
    for o in _prep_objects(tok, ("in", "from", "at")):
        for node in [o, *(q for p in _children(o, "prep") if p.lower_ in ("in", "of")
                          for q in _children(p, "pobj"))]:
            m = ctx.mentions.get(node.i)
            if m is None or m.via != "location" or not m.actor.country:
                continue
            home = Actor(code=m.actor.country, name=m.actor.country, country=m.actor.country,
                         kind="country")
            return [ActorMention(span=m.span, text=m.text, actor=home,
                                 token_start=m.token_start, token_end=m.token_end,
                                 via="implied")]
    return []


def _parties(targets: list[ActorMention], trig: Trigger) -> list[ActorMention]:
    """Targets less the places named only as where a talk or a deal happened ("met in
    Vienna", "held talks in Jordan with the king"): only what is done to a place has it
    as its target."""
    if not _party_code(trig.code):
        return targets
    return [m for m in targets if m.via != "location"]


def _party_code(code: str | None) -> bool:
    return code_root(code) in _PARTY_CODES and (code or "")[:3] not in _PLACE_TARGET_CODES


def _vague(m: ActorMention) -> bool:
    """An actor the dictionaries do not know, of no country, read from a common noun
    ("peacekeepers", "two captives")."""
    return m.via == "unknown" and m.actor.kind == "group" and not m.actor.country


def _bare_name(m: ActorMention) -> bool:
    """A name the dictionaries do not know ("Flynn", "the Ministry of Magic"), with no
    country read for it."""
    return m.via == "unknown" and m.actor.kind in ("person", "org") and \
        m.actor.code.startswith(actor_dictionary().context.unknown_prefix)


def _fallback_targets(trig: Trigger, sources: list[ActorMention], ctx: _Context
                      ) -> list[ActorMention]:
    """Targets a trigger's own arguments do not give, read from its frame and context."""
    tok = trig.token
    frame = trig.pattern.frame
    code = trig.code or ""
    inner = trig.inner
    targets: list[ActorMention] = []
    asked = frame in ("demand", "appeal", "order") and any(
        c.pos_ in ("VERB", "AUX") and _children(c, "nsubj") for c in _children(tok, "ccomp"))
    if inner is not None and not asked:  # "demanded that the US match X's support for Y"
        if inner.is_noun:
            # a claim's target is the one it says did the deed; an act's, its target
            targets = _noun_actors(inner, ctx)[0 if frame == "say" else 1]
        else:
            if frame in ("demand", "appeal", "judge", "say", "desire", "order"):
                # "demanded that China drop ...": the one asked is the target
                own = {m.actor.code for m in sources}
                targets = [m for m in _subject(inner.token, ctx)[0] if m.actor.code not in own]
            if not targets:
                targets = _verb_targets(inner, ctx)
    if not targets and frame in ("demand", "appeal", "threat", "say", "judge", "order",
                                          "refuse"):
        # a threatener's own side is not the target: "warned that Russia would answer"
        own_side = {m.actor.country or m.actor.code for m in sources} if frame == "threat" \
            else set()
        for c in _children(tok, "ccomp", "acl", "xcomp"):  # "demanded that the US cancel"
            if c.pos_ in ("VERB", "AUX") and _children(c, "nsubj", "nsubjpass"):
                targets = _subject(c, ctx)[0] if not _passive(c) else [
                    m for x in _children(c, "nsubjpass") for m in _np_actors(x, ctx)]
                targets = [m for m in targets
                           if (m.actor.country or m.actor.code) not in own_side]
                if targets:
                    break
    if not targets and has_trait(code, "answers"):
        targets = _requester(tok, ctx)
    if not targets and frame in ("demand", "appeal", "order") and not trig.is_noun:
        for c in _children(tok, "dobj"):  # "demanded Moscow's admission", "... by Moscow"
            targets = _owner(c, ctx)
            if targets:
                break
    if not targets and frame == "refuse" and not trig.is_noun:
        targets = _requester(tok, ctx)
    if not targets and (frame == "threat" or code[:2] == "13"):
        targets = _conditional_actors(tok, ctx)
        if not targets and tok.pos_ in ("NOUN", "PROPN") and tok.head.pos_ in ("AUX", "VERB"):
            targets = _conditional_actors(tok.head, ctx)
    if not targets:
        # "issued demands, calling on NATO to ...": a participle naming the addressee
        gov = tok if not trig.is_noun else _governing_verb(tok)
        for c in _children(gov, "advcl") if gov is not None else []:
            ctrig = ctx.triggers.get(c.i)
            if ctrig is not None and not _children(c, "nsubj") and c.tag_ == "VBG":
                targets = _verb_targets(ctrig, ctx)
                if targets:
                    break
    if not targets and not trig.is_noun and _is_purpose(tok) and _motion_head(tok, ctx):
        # "sent experts to Bosnia to investigate": where they were sent
        for o in _prep_objects(tok.head, ("to", "into", "in")):
            targets = _np_actors(o, ctx)
            if targets:
                break
    if not targets and not trig.is_noun:
        # "welcomed the chance for talks with Putin", "mobilized for a war against Iraq"
        for c in [*_children(tok, "dobj"),
                  *(o for p in _children(tok, "prep") if p.lower_ in _GOAL_PREPS
                    for o in _children(p, "pobj"))]:
            targets = _nested_event_target(c, ctx)
            if targets:
                break
    if not targets and trig.is_noun and tok.dep_ in ("dobj", "attr") and \
            tok.head.pos_ in ("VERB", "AUX"):
        vtrig = ctx.triggers.get(tok.head.i)
        if vtrig is None or vtrig.code is None:  # "held talks in Geneva with ..."
            for o in _prep_objects(tok.head, _target_preps(trig, ctx)):
                targets = _np_actors(o, ctx)
                if targets:
                    break
    if not targets:
        targets = _complement_targets(tok, ctx, sources)
    return targets


# Prepositions that give a target from deeper inside an object ("returned dozens of
# artifacts to X"; not "a stronghold on the border": a place).
_NESTED_PREPS = ("to", "into", "against", "toward", "towards")

# Prepositions whose object, in an infinitive that spells out an act, is whom it is for.
_COMPLEMENT_PREPS = ("to", "into", "with", "for", "against", "toward", "towards", "at")


def _complement_targets(tok: Token, ctx: _Context, sources: list[ActorMention]
                        ) -> list[ActorMention]:
    """Whom an act is for, read from the infinitive that spells it out: "offered to send
    troops to Uganda", "agreed to work with China", "donated ventilators to assist
    Ethiopia", "assistance to help people in Somalia". The doer's own actors and what
    moves (troops, aid) are not the target."""
    if len(sources) != 1:
        # whom it is for is read against who does it; "Trump and Putin agreed to share
        # information": coordinated doers are each other's partners
        return []
    own = {m.actor.code for m in sources} | {m.actor.country for m in sources
                                             if m.actor.country}
    level = [tok, *_children(tok, "dobj")]  # "donated a shipment ... to assist X"
    for _ in range(2):
        nxt = [c for v in level for c in v.children
               if c.pos_ in ("VERB", "AUX") and (c.dep_ == "xcomp" or (
                   c.dep_ in ("advcl", "acl", "relcl") and any(
                       g.dep_ == "aux" and g.lower_ == "to" for g in c.children)))]
        for verb in nxt:
            objects = [c for c in _children(verb, "dobj", "dative")
                       if c.lemma_.lower() not in ctx.lex.theme_nouns]
            objects += _prep_objects(verb, _COMPLEMENT_PREPS)
            objects += [o for c in _children(verb, "dobj") for o in
                        _prep_objects(c, _COMPLEMENT_PREPS)]
            for o in objects:  # not the doer's own country ("promised to reform Serbia")
                found = [m for m in _np_actors(o, ctx) if m.actor.code not in own
                         and (m.actor.country or m.actor.code) not in own]
                if found:
                    return found
        level = nxt
    return []


def _default_targets(code: str, source: ActorMention, lex: Lexicon,
                     inner: str | None = None, tok: Token | None = None
                     ) -> list[ActorMention]:
    """CAMEO's default target of an act with none named: protesters' own government, a
    domestic actor's own country. With the trigger `tok`, the mention is the object the
    act fell on ("arrested the captain of a rescue ship"), when it names no actor."""
    if code[:2] == "14":
        found = _government_of(source)
        if found:
            return found
    found = _own_default(code, source, lex, inner)
    phrase = _object_phrase(tok) if tok is not None and found else None
    if phrase is None:
        return found
    return [ActorMention(span=Span(source.span.article_id, phrase.start_char, phrase.end_char),
                         text=phrase.text, actor=m.actor, token_start=phrase.start,
                         token_end=phrase.end, via="implied") for m in found]


def _object_phrase(tok: Token) -> Any:
    """The noun phrase an act fell on: the verb's object (the passive subject), or what
    a nominal act is "of"; None when there is none or it is a pronoun."""
    if tok.pos_ in ("NOUN", "PROPN"):
        objs = [o for p in _children(tok, "prep") if p.lower_ == "of"
                for o in _children(p, "pobj")]
    elif _passive(tok):
        objs = _children(tok, "nsubjpass")
    else:
        objs = _children(tok, "dobj")
    for o in objs:
        if o.pos_ in ("NOUN", "PROPN"):
            return tok.doc[o.left_edge.i:o.right_edge.i + 1]
    return None


def _own_default(code: str, source: ActorMention, lex: Lexicon,
                 inner: str | None) -> list[ActorMention]:
    who = lex.domestic_roots.get(code[:3]) or lex.domestic_roots.get(code[:2])
    if code[:2] in ("13", "03") and inner and inner[:2] not in ("13", "03"):
        # a threat (or a promise) is domestic as the act is: martial law, not war; lifting
        # a ban at home
        who = lex.domestic_roots.get(inner[:3]) or lex.domestic_roots.get(inner[:2]) or who
    # police act at home: "police opened fire" with no target named fires on their own people
    if who == "any" or (who == "nonstate" and (source.actor.sector == "COP" or (
            source.actor.sector not in _STATE_SECTORS
            and source.actor.code != source.actor.country))):
        return _own_country(source)
    return []


def _government_of(m: ActorMention) -> list[ActorMention]:
    """Protesters with no named target protest to their own government (CAMEO's default)."""
    actor = m.actor
    if not actor.country or actor.sector in ("GOV", "MIL", "COP") or actor.kind == "igo":
        return []
    gov = Actor(code=f"{actor.country}GOV", name=f"government ({actor.country})",
                country=actor.country, sector="GOV", kind="country")
    return [ActorMention(span=m.span, text=m.text, actor=gov, token_start=m.token_start,
                         token_end=m.token_end, via="implied")]


def _own_country(m: ActorMention) -> list[ActorMention]:
    """A domestic actor acting with no named target acts upon its own country: a curfew,
    a crackdown, a rebel attack, a threat of martial law (CAMEO's domestic coding)."""
    actor = m.actor
    if not actor.country or actor.kind == "igo" or actor.code == actor.country:
        return []
    home = Actor(code=actor.country, name=actor.country, country=actor.country, kind="country")
    return [ActorMention(span=m.span, text=m.text, actor=home, token_start=m.token_start,
                         token_end=m.token_end, via="implied")]


def _military_source(tok: Token, sources: list[ActorMention], lex: Lexicon) -> bool:
    if any(m.actor.sector == "MIL" for m in sources):
        return True
    for c in tok.children:
        if c.dep_ in ("nsubj", "agent"):
            heads = [c] + [o for o in c.children if o.dep_ == "pobj"]
            if any(h.lemma_.lower() in lex.military_agents for h in heads):
                return True
    return False


def _place_targets(tok: Token, ctx: _Context, sources: list[ActorMention]) -> list[ActorMention]:
    """Last resort: the place an event happens in ("lifted the curfew in Montenegro")."""
    own = {m.actor.code for m in sources}
    node = tok
    if tok.pos_ in ("NOUN", "PROPN") and tok.head.pos_ in ("VERB", "AUX"):
        node = tok.head
    xcomps = _children(tok, "xcomp")
    for anchor in (tok, node, *_children(tok, "dobj"), *xcomps,
                   *(d for x in xcomps for d in _children(x, "dobj"))):
        for o in _prep_objects(anchor, ("in", "inside", "throughout", "across", "near")):
            found = [m for m in _np_actors(o, ctx) if m.actor.code not in own]
            if found:
                return found[:1]
    return []


def _owner(noun: Token, ctx: _Context, modifiers: bool = False,
           pronouns: bool = True) -> list[ActorMention]:
    """Whose the thing named by `noun` is: its possessor or its by/from phrase, and with
    `modifiers` also an actor word modifying it ("Western demands"); without `pronouns`,
    not a pronoun's antecedent ("its ban", "held by them": the doer's own)."""
    for g in noun.children:
        if not pronouns and (g.pos_ == "PRON" or any(
                x.dep_ == "pobj" and x.pos_ == "PRON" for x in g.children)):
            continue
        if g.dep_ == "poss":
            found = _np_actors(g, ctx)
        elif g.dep_ in ("prep", "agent") and g.lower_ in ("by", "from"):
            found = [m for o in _children(g, "pobj") for m in _np_actors(o, ctx)]
        elif g.dep_ == "acl" and g.tag_ == "VBN":
            # "every offer made by the Taliban", "an appeal filed by his lawyers"
            found = [m for a in g.children if a.dep_ == "agent" or (
                a.dep_ == "prep" and a.lower_ == "by")
                for o in _children(a, "pobj") if pronouns or o.pos_ != "PRON"
                for m in _np_actors(o, ctx)]
        elif modifiers and g.dep_ in ("amod", "compound"):
            found = _np_actors(g, ctx, depth=1)
        else:
            continue
        if found:
            return found
    return []


def _answered(noun: Token, ctx: _Context) -> bool:
    """A request or a claim someone answers ("rejected calls by ...", "dismissed claims")."""
    if noun.lemma_.lower() in ctx.lex.request_nouns:
        return True
    frame = ctx.lex.words.frames.lookup(noun)
    return frame is not None and frame.pos == "noun" and frame.reports


def _requester(tok: Token, ctx: _Context) -> list[ActorMention]:
    """Whoever made the request a rejection turns down ("rejected calls by Belarus's
    rulers", "refused a demand from the US President")."""
    for node in tok.subtree:
        if node.i == tok.i or abs(node.i - tok.i) > 12 or not _answered(node, ctx):
            continue
        found = _owner(node, ctx, modifiers=True)
        if found:
            return found
    return []


def _forces_subject(tok: Token, lex: Lexicon) -> bool:
    """The event's doer is a body of forces: the verb's subject, or what a nominal event is
    "of" ("the return of units to their bases")."""
    node = tok
    for _ in range(3):  # "had finished their exercises and would return": the shared subject
        if node.dep_ in ("conj", "xcomp") and node.head.pos_ in ("VERB", "AUX") and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
            node = node.head
        else:
            break
    for c in node.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            for g in c.subtree:
                if g.lemma_.lower() in lex.theme_nouns:
                    return True
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of" and tok.pos_ in ("NOUN", "PROPN"):
            if any(o.lemma_.lower() in lex.theme_nouns for o in _children(c, "pobj")):
                return True
    return False


def _conditional_actors(tok: Token, ctx: _Context) -> list[ActorMention]:
    """Actors in the condition of a threat ("unless X ...", "without a promise that X ...")."""
    clauses = [tok] + [c for c in tok.children if c.dep_ in ("xcomp", "ccomp")]
    for clause in clauses:
        found = _conditions_of(clause, ctx)
        if found:
            return found
    return []


def _conditions_of(tok: Token, ctx: _Context) -> list[ActorMention]:
    for c in tok.children:
        if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless")
                                     for g in c.children):
            found, _ = _subject(c, ctx)
            if found:
                return found
        if c.dep_ == "prep" and c.lower_ in ("without", "unless", "absent"):
            for o in _children(c, "pobj"):
                for g in o.subtree:
                    if g.dep_ in _SUBJ and g.i in ctx.mentions:
                        return _np_actors(g, ctx)
                found = _np_actors(o, ctx)
                if found:
                    return found
    return []


def _nested_event_target(tok: Token, ctx: _Context) -> list[ActorMention]:
    for node in tok.subtree:
        if abs(node.i - tok.i) > 8:
            continue
        trig = ctx.triggers.get(node.i)
        if trig is not None and trig.is_noun and trig.code:
            targets = _noun_actors(trig, ctx)[1]
            if targets:
                return targets
    return []
