"""The time stage: TimeML temporal expressions (TIMEX3) resolved against the publication date.

Recognition is a pattern grammar over the text (:mod:`faultline.extract.timex_rules`), the
meaning is worked out in :mod:`faultline.extract.timex_resolve`; this module glues them to the
parse: it reads the tense of the verb governing an expression (so "on Friday" is last Friday in
a past-tense sentence and next Friday after "will"), keeps the anchor for "the next day", and
drops number-like false alarms ("2000 troops") using the tagger and the entity recognizer.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from faultline.errors import FaultlineError
from faultline.extract import doc_text, stage
from faultline.extract.timex_resolve import Context, Unresolvable, duration_value, resolve, unit_of
from faultline.extract.timex_rules import Candidate, load_lexicon, scan
from faultline.model import Annotations, Span, Timex
from faultline.options import Options

# kinds whose value depends on the governing verb's tense
_TENSED = frozenset({"date", "month_day", "month_week", "month", "weekday", "clock",
                     "named_time", "holiday", "quarter", "quarter_ref", "quarter_code",
                     "relunit", "weekend",
                     "half", "half_code", "season",
                     "unit_edge"})
# kinds resolved against the previous date in the text rather than the publication date
_ANCHORED = frozenset({"anchored", "offset", "in_view"})
# kinds whose value does not depend on any reference date
_ABSOLUTE = frozenset({"iso", "numeric", "year", "year_tail", "fiscal_code", "decade", "century",
                       "duration",
                       "duration_bare", "duration_vague", "set", "set_month", "ref"})

# an infinitive hanging on a past verb this way happens when it does ("to mark", "to accede")
_SAME_TIME_DEPS = frozenset({"advcl", "csubj", "acl"})
_GERUND_DEPS = frozenset({"xcomp", "pcomp", "advcl", "conj"})
_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "ll"})
_MAY_START_WITH_VERB = frozenset({"duration", "duration_vague"})
_YEAR_PREPOSITIONS = frozenset({"in", "since", "from", "until", "by", "of", "to", "and",
                                "before", "after", "around", "circa", "c."})
_CLIMB_POS = frozenset({"ADP", "ADV", "SCONJ", "PART"})
INFINITIVE_LOOKS_AHEAD = True
_FULL_MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july",
                          "august", "september", "october", "november", "december"})
_NAME_ENTS = frozenset({"PERSON", "ORG", "EVENT", "WORK_OF_ART", "FAC", "GPE", "LAW", "NORP",
                        "PRODUCT", "LOC"})
_NUMBERISH_ENTS = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"})
_HOLIDAY_TIME_NOUNS = frozenset({"holiday", "weekend", "season", "break", "vacation", "festivity",
                                 "celebration", "day", "week"})
_OF_AFTER = re.compile(r"\s+of\b")
_NAME_ON_AFTER = re.compile(r"\s+on\s+[A-Z][a-z]")
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_ORDINAL_WEEKDAY = re.compile(r"\b(?:one|another|the\s+first|the\s+second)\s+$",
                              re.IGNORECASE)
_IN_OR_OF_AFTER = re.compile(r"\s+(?:in|of)\b")
_TITLE_AFTER = re.compile(r"\s+(?:for|of)\s+(?:the\s+)?[A-Z][a-z]")
_YEAR_VALUE = re.compile(r"^\d{4}(?:$|-)")
_MONTH_VALUE = re.compile(r"^\d{4}-\d\d$")
_PART_OF_DAY = re.compile(r"^\d{4}-\d\d-\d\dT[A-Z]{2}$")  # "last night": 2022-02-15TNI
_DAY_VALUE = re.compile(r"^(\d{4}-\d\d-\d\d)(T[\w:]+)?$")
_GAP_BEFORE_DATE = re.compile(r"^\s*,?\s*(?:on\s+)?$", re.IGNORECASE)
_SAME_CLAUSE_GAP = re.compile(r"^[^.!?;:\n\"“”]{0,80}$")
_CLOCK_JOIN = re.compile(r"^\s*(?:[(,]|to|and|or|until|till|[-–])?\s*$", re.IGNORECASE)
_GAP_AFTER_DATE = re.compile(r"^\s*,?\s*(?:at|around|about|by|before|after|until)?\s*$",
                             re.IGNORECASE)


class TimeStageError(FaultlineError):
    """The article's publication date cannot be read."""


def _publication_date(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError as e:
        raise TimeStageError(f"publication date {published!r} is not an ISO date") from e


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def verb_tense(verb: Token) -> str | None:
    """past | present | future for a verb, from its tag and auxiliaries; None if unclear."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if not aux and verb.tag_ == "VB" and verb.dep_ == "conj" and verb.head != verb and (
            verb.head.pos_ in ("VERB", "AUX")):
        return verb_tense(verb.head)  # "will meet him and sign the deal Friday": as "meet"
    lowers = {a.lower_ for a in aux}
    if lowers & _FUTURE_AUX or "going" in lowers:
        return "future"
    if "could" in lowers and "have" not in lowers:
        # "could come Monday" is ahead; "could not be located", "nor could he be
        # reached" (negated or passive: a failed attempt) behind or either side
        failed = any(c.dep_ in ("neg", "auxpass") or c.lower_ in ("nor", "neither") or any(
            d.dep_ == "det" and d.lower_ == "no" for d in c.children) for c in verb.children)
        return None if failed else "future"  # ("could give no reason Monday": behind too)
    if any(a.tag_ == "MD" for a in aux):  # "would meet", "may come": not yet happened
        return "past" if "have" in lowers else "future"
    if verb.tag_ == "VBN" and "had" in lowers:
        return "past perfect"  # "until Thursday they had not called": before, not after
    if verb.tag_ == "VBG" and "been" in lowers and lowers & {"has", "have", "'ve", "'s"}:
        return "past"  # "has been holding talks since Monday": begun before now
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in aux):
        return "past"
    if verb.tag_ == "VBN" and (not aux or lowers & {"has", "have", "'ve", "'s"}):
        return "past"  # "the injunction issued Thursday", "has said"
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in aux):
        return "present"
    if verb.tag_ == "VB" and not aux and verb.dep_ in ("ROOT", "relcl", "advcl") and any(
            c.dep_ == "nsubj" for c in verb.children):
        # "the figures come out Friday": a present the tagger took for VB (not "made them
        # leave on Monday", a complement of a causative)
        return "present"
    if verb.tag_ == "VB" and "to" in lowers and INFINITIVE_LOOKS_AHEAD:
        head = verb.head
        if verb.dep_ in _SAME_TIME_DEPS and head != verb and head.pos_ in (
                "VERB", "AUX") and (head.tag_ == "VBD" or verb_tense(head) in (
                "past", "past perfect")):
            # "staged celebrations to mark the entry on Friday", "had queued for hours to
            # vote on Sunday": its purpose, at its time
            return "past"
        lex = load_lexicon()
        if verb.dep_ == "xcomp" and head != verb and head.lemma_.lower() in (
                lex.same_time_verbs) and verb_tense(head) == "past":
            return "past"  # "forced her to resign Sunday", "failed to vote Tuesday"
        if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and (head.lemma_.lower() in (
                lex.same_time_adjectives) or any(c.lower_ == "enough" for c in head.children)) and (
                _clause_verb_tense(head) in ("past", "past perfect")):
            return "past"  # "was quick to deny it on Monday", "was bold enough to say in May"
        if verb.dep_ == "xcomp" and head != verb and head.lemma_.lower() in (
                lex.looks_ahead) and verb_tense(head) in ("past", "past perfect"):
            return "near"  # "was planning to hold a rally Thursday": held or still ahead
        if verb.dep_ in ("acl", "relcl") and head.pos_ not in ("VERB", "AUX") and (
                _clause_verb_tense(head) in ("past", "past perfect")):
            return "near"  # "she was the first to speak on Tuesday": either side, nearer
        return "future"  # "plans to meet Friday", "to remove him on Thursday"
    return None


def _clause_verb_tense(token: Token) -> str | None:
    """The tense of the verb a noun or adjective hangs on (a few steps up), if any."""
    for _ in range(3):
        up = token.head
        if up == token:
            return None
        if up.pos_ in ("VERB", "AUX"):
            return verb_tense(up)
        token = up
    return None


def _gerund_tense(verb: Token) -> str | None:
    """A bare -ing verb has the time of the verb it depends on ("expects him to keep
    campaigning in June", "spoke on Sunday, saying ..."): that verb's tense, if any."""
    for _ in range(3):
        up = verb.head
        if up == verb or up.pos_ not in ("VERB", "AUX", "ADP"):
            return None
        if up.pos_ != "ADP":
            tense = verb_tense(up)
            if tense is not None or up.tag_ != "VBG":
                return tense
        verb = up
    return None


def governing_tense(doc: Doc, start: int, end: int, within_week: bool = False) -> str | None:
    """The tense that places the expression: a signal word before it, else its verb's.

    The climb from the expression goes through prepositions only: an expression that
    modifies a noun ("Wednesday's ruling", "the Oct. 23 shooting") dates that thing, and
    the tense of the verb further up says nothing about it.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tense = None
    token = span.root
    while token.dep_ == "conj" and token.head != token and token.head.i < token.i:
        token = token.head  # "as soon as Tuesday or Wednesday": placed as the first one is
    first = doc[min(token.left_edge.i, span.start)] if token != span.root else span[0]
    via_noun = False
    event: Token | None = None  # the noun the expression dates, when it names an event
    event_tense: str | None = None  # the tense of the clause that noun is in
    steps_left = 5
    prep: Token | None = None  # the expression's own preposition ("set for Thursday")
    while steps_left > 0:
        steps_left -= 1
        head = token.head
        if head == token:
            break
        if prep is None and head.pos_ == "ADP":
            prep = head
        if via_noun and head.pos_ not in ("ADP", "VERB", "AUX"):
            break  # "because of the slaying on Friday": no preposition to the verb
        if head.pos_ in ("VERB", "AUX"):
            head = _reporting_verb_over(head, token, span.end)
            tense = _clause_tense(head, verb_tense(head))
            if tense is None and head.tag_ == "VBG" and head.dep_ in _GERUND_DEPS:
                tense = _gerund_tense(head)
            lex = load_lexicon()
            if prep is not None and prep.lower_ in lex.date_setting_prepositions and (
                    head.lemma_.lower() in lex.sets_a_date) and prep.i > head.i and (
                    tense != "past perfect") and head.dep_ != "acl":
                # "the hearing was set for Thursday": the day fixed is ahead; a participle
                # on a noun ("a service planned for Saturday was cancelled") takes the time
                # of the clause around it
                return "future"
            if head.lemma_.lower() in lex.looks_ahead and tense in ("past", None) and (
                    tense is None or token.i > head.i):
                # "planned a march on Saturday": the plan may be past or ahead; a date put
                # before the plan verb ("On Friday, the council planned ...") is when the
                # plan was made, behind
                tense = "near"
            elif head.lemma_.lower() in lex.looks_ahead and tense == "present":
                tense = "future"  # "the vote is scheduled for Sunday": still ahead
            if via_noun and tense not in ("future", "near"):
                event_tense = tense
                tense = None  # "said ... in an interview on Sunday": the noun's own time
            break
        if head.pos_ not in _CLIMB_POS and head.dep_ not in ("prep", "agent", "advmod") and not (
                head.pos_ == "ADJ" and head.dep_ == "acomp") and not (
                token.dep_ == "prep" and head.pos_ in ("NOUN", "PROPN")):
            # a predicative adjective passes the verb's tense on ("is due in May"), and a
            # future verb over the noun the expression's preposition hangs on places it
            # ahead ("will attend the summit in April"); a possessive or compound date
            # names its noun's day and stops here
            if head.pos_ in ("NOUN", "PROPN"):
                event = head
                event_tense = _clause_verb_tense(head)
            break
        if head.pos_ in ("NOUN", "PROPN") and not via_noun:
            event = head
            via_noun = True
            steps_left = min(steps_left, 2)  # the noun's preposition, then its verb
        token = head
    if first.i > 0 and tense != "past perfect":
        lex = load_lexicon()
        if _preceded_by(doc, first.i, lex.deadline_signals) and tense == "past":
            return "past"  # "By 9 a.m. Sunday, the phones had begun ringing"
        if _preceded_by(doc, first.i, lex.future_signals):
            return "future"
        if _preceded_by(doc, first.i, lex.past_signals):
            return "past"
    if tense is None and event is not None and event_tense not in ("past", "past perfect") and (
            event.lemma_.lower() in load_lexicon().scheduled_events):
        # an event held on a set date, named from a clause that is not past: ahead when the
        # clause looks ahead ("can win the November election"), else the nearer one ("faces
        # him in November's election"); a weekday's event is the nearer one whatever the
        # clause ("ahead of Saturday's caucus", "the meaning of Thursday's debate")
        return "future" if event_tense == "future" and not within_week else "near"
    return "past" if tense == "past perfect" else tense


def _reporting_verb_over(verb: Token, child: Token, end: int) -> Token:
    """The verb a date phrase belongs to when the parser hung it on a complement clause.

    "said on Tuesday it would respond": the phrase lies between the reporting verb and
    the clause it reports (everything else of that clause comes after it), so it dates
    the saying, not the responding.
    """
    up = verb.head
    if verb.dep_ not in ("ccomp", "parataxis") or up == verb or up.pos_ not in (
            "VERB", "AUX") or not up.i < child.i < verb.i:
        return verb
    rest = [c for c in verb.children if c != child and c.dep_ != "punct"]
    if rest and all(c.left_edge.i >= end for c in rest):
        return up
    return verb


def _clause_tense(verb: Token, tense: str | None) -> str | None:
    """The tense as the clause's conjunction bends it: "if he wins in November" is ahead,
    "if he won on Nov. 8" a supposition (either side, the nearer date)."""
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    if not marks:
        return tense
    lex = load_lexicon()
    if tense == "present" and marks & lex.future_clause_marks:
        return "future"
    if tense == "past" and marks & lex.supposing_marks:
        return "near"
    return tense


def _preceded_by(doc: Doc, i: int, phrases: tuple[tuple[str, ...], ...]) -> bool:
    """Whether one of the phrases ends right before token i."""
    last = doc[i - 1].lower_
    for phrase in phrases:
        n = len(phrase)
        if phrase[-1] == last and i >= n and all(
                doc[i - n + k].lower_ == word for k, word in enumerate(phrase[:-1])):
            return True
    return False


_SINCE_KINDS = frozenset({"date", "month"})


def _after_past_signal(doc: Doc, cand: Candidate) -> bool:
    """Whether a past signal ("since") stands right before the expression."""
    tokens = _tokens(doc, cand.start, cand.end)
    return bool(tokens) and tokens[0].i > 0 and _preceded_by(
        doc, tokens[0].i, load_lexicon().past_signals)


def _plausible(cand: Candidate, doc: Doc, text: str) -> bool:
    """Cheap checks on the parse that weed out numbers and verbs that look like dates."""
    g = cand.groups
    if cand.kind == "month" and len(g) == 1:
        name = g["mon"]
        if not name.endswith(".") and name.lower() not in _FULL_MONTHS:
            return False  # a bare "Jan" is a first name far more often than a month
        tokens = _tokens(doc, cand.start, cand.end)
        if not tokens or tokens[0].tag_ not in ("NNP", "NNPS") or tokens[0].ent_type_ in (
                _NAME_ENTS):
            return False  # "may" the verb, "Jan Kavan"
        if _TITLE_AFTER.match(text, cand.end) or _NAME_ON_AFTER.match(text, cand.end) and (
                _THE_BEFORE.search(text, max(0, cand.start - 8), cand.start)):
            return False  # "the March for Peace", "the March on Rome": a name
        if _title_case(tokens[0].sent) and not (tokens[0].i > 0 and doc[tokens[0].i - 1].pos_ in (
                "ADP", "DET")):
            return False  # a headline's "Thousands March on Parliament": the verb
    if cand.kind == "date" and "year" not in g and _names_a_group(text, cand.end):
        return False  # "the April 6 movement": a group named after a day
    if cand.kind == "weekday" and (_ORDINAL_WEEKDAY.search(text, max(0, cand.start - 16),
                                                          cand.start) or "rel" in g and (
            g["rel"].lower() == "last" and _THE_BEFORE.search(
                text, max(0, cand.start - 8), cand.start)) and _IN_OR_OF_AFTER.match(
                    text, cand.end)):
        return False  # "one Sunday in late 2001", "the last Friday in August": not this week's
    if cand.kind == "weekday" and "rel" not in g:
        tokens = _tokens(doc, cand.start, cand.end)
        day = [t for t in tokens if t.text.startswith(g["wd"][:3])]
        if day and day[0].ent_type_ in _NAME_ENTS:
            return False  # "The Sunday Times", "Black Monday", "the Friday Mosque"
    if cand.kind == "named_time" and "moment" in g:
        tokens = _tokens(doc, cand.start, cand.end)
        word = tokens[0] if tokens else None
        if word is None or text[cand.start - 1:cand.start] == "-" or not (
                word.pos_ == "ADV" or word.i > 0 and doc[word.i - 1].pos_ == "ADP"):
            return False  # "a pre-dawn raid", "as dawn broke": a thing, not the time
    if cand.kind == "holiday" and g["hol"][0].islower():
        return False  # "it may day by day ...": a holiday's name is written capitalized
    if cand.kind == "holiday" and " ".join(g["hol"].lower().split()) in (
            load_lexicon().owned_holidays):
        tokens = _tokens(doc, cand.start, cand.end)
        before = doc[tokens[0].i - 1] if tokens and tokens[0].i > 0 else None
        if before is not None and (before.tag_ in ("POS", "PRP$") or before.ent_type_ in (
                "GPE", "NORP") or before.pos_ in ("ADJ", "PROPN") and before.is_title):
            return False  # "Ukraine's Independence Day": that country's day, not known here
    if cand.kind == "holiday" and "year" not in g:
        tokens = _tokens(doc, cand.start, cand.end)
        last = tokens[-1] if tokens else None
        if last is not None and last.dep_ == "compound" and last.head.tag_ in (
                "NNS", "NNPS") and last.head.lemma_.lower() not in _HOLIDAY_TIME_NOUNS:
            return False  # "Christmas trees", "Easter eggs": things, not the day
        if last is not None and last.dep_ == "compound" and last.head.pos_ == "PROPN" and (
                last.ent_type_ in _NAME_ENTS):
            return False  # "Easter Island", "Christmas Island": a place's name
    if cand.kind == "ref" and text[cand.start].isupper() and g["ref"].lower() == "now":
        tokens = _tokens(doc, cand.start, cand.end)
        if tokens and not (tokens[0].is_sent_start and text[cand.start + 1].isupper()):
            # sentence-opening "Now, ..." is a discourse marker; "Larry King Now" a title
            return False
    if cand.kind == "ref" and any(c.isupper() for c in text[cand.start:cand.end]):
        tokens = _tokens(doc, cand.start, cand.end)
        if any(t.is_title and not t.is_sent_start and t.pos_ != "DET" for t in tokens):
            return False  # "the Future Movement", "America's Renewable Future": a name
    if cand.kind in ("relday", "relunit") and text[cand.start].isupper():
        tokens = _tokens(doc, cand.start, cand.end)
        if tokens and not tokens[0].is_sent_start and tokens[0].i > 0 and (
                doc[tokens[0].i - 1].is_title or doc[tokens[0].i - 1].is_upper) and (
                doc[tokens[0].i - 1].is_alpha) and all(t.is_title for t in tokens):
            return False  # "CBS This Morning", "Last Week Tonight": a show's name
    if cand.kind == "ref" and g["ref"].lower() == "current":
        tokens = _tokens(doc, cand.start, cand.end)
        if not tokens or tokens[0].pos_ != "ADJ":
            return False  # "the current swept them away", "against the current"
    if cand.kind == "relunit" and g["rel"].lower() == "last" and _OF_AFTER.match(
            text, cand.end) and ("the" in g or _THE_BEFORE.search(
            text, max(0, cand.start - 8), cand.start)):
        return False  # "the last week of the campaign": its final week, not last week
    if g.get("unit", "").lower() == "quarter" and _OF_AFTER.match(text, cand.end):
        return False  # "a quarter of the cost": a fraction
    if cand.kind == "half" and _OF_AFTER.match(text, cand.end):
        return False  # "the second half of the match", "... of the 20th century"
    if cand.kind == "set" and "wd" in g and "every" not in g:
        tokens = _tokens(doc, cand.start, cand.end)
        if not tokens or tokens[0].ent_type_ in _NAME_ENTS:
            return False  # "the Happy Mondays": a name
    if cand.kind == "set" and "adv" in g:
        tokens = _tokens(doc, cand.start, cand.end)
        if tokens and tokens[0].pos_ in ("NOUN", "PROPN"):
            return False  # "the party daily Granma": a newspaper
        if tokens and tokens[-1].i + 1 < len(doc) and tokens[0].i > 0:
            paper, left = doc[tokens[-1].i + 1], doc[tokens[0].i - 1]
            if paper.pos_ == "PROPN" and paper.is_title and left.pos_ not in (
                    "VERB", "AUX", "ADV", "PUNCT"):
                return False  # "the business daily Vedomosti": a paper named after it
    if "unit" in g and g["unit"][0].isupper() and not g["unit"].isupper():
        tokens = _tokens(doc, cand.start, cand.end)
        unit_token = [t for t in tokens if t.text.startswith(g["unit"])]
        if unit_token and not unit_token[0].is_sent_start:
            return False  # "60 Minutes": a title, not a duration
    if cand.kind == "century" and "Century" in text[cand.start:cand.end]:
        tokens = _tokens(doc, cand.start, cand.end)
        if tokens and not tokens[0].is_sent_start and tokens[-1].i + 1 < len(doc) and (
                doc[tokens[-1].i + 1].is_title):
            return False  # "21st Century Fox": a name
    if cand.kind == "year" and set(g) == {"year"}:
        tokens = _tokens(doc, cand.start, cand.end)
        if not tokens:
            return False
        token = tokens[-1]
        if token.ent_type_ in _NUMBERISH_ENTS or token.ent_type_ in _NAME_ENTS and not (
                token.ent_type_ == "EVENT" and token.dep_ in ("nummod", "compound", "amod")
                and token.head.i > token.i and int(g["year"]) >= 1800):
            # "1600 Pennsylvania Avenue", "Flight 1549"; but an event named by its year
            # ("the 1967 war", "the 2008 crisis") is dated by it
            return False
        before = doc[token.i - 1] if token.i > 0 else None
        if int(g["year"]) < 1800 and not (before is not None and before.lower_ in
                                          _YEAR_PREPOSITIONS):
            return False  # an old year needs "in 1648"; a bare 1500 is a count
        if token.dep_ == "nummod" and token.head.tag_ in ("NNS", "NNPS") and not (
                before is not None and before.pos_ in ("DET", "PRON")):
            return False  # "sent 2000 troops" (but "the 1990 elections" is a year)
    return True


_WORDS_AFTER = re.compile(r"(?:\s+[A-Za-z]+){1,3}")


def _names_a_group(text: str, end: int) -> bool:
    """Whether the noun after a date (past up to two capitalized words) is one that makes
    the date part of a group's name ("the March 14 alliance", "the April 6 Youth
    Movement")."""
    m = _WORDS_AFTER.match(text, end)
    heads = load_lexicon().date_name_heads
    for word in m.group().split() if m else ():
        if word.lower() in heads:
            return True
        if not word[0].isupper():
            return False
    return False


def _title_case(sent: SpacySpan) -> bool:
    """Whether a sentence is written in title case, as headlines are (every word of four
    letters or more capitalized, and at least three such words)."""
    words = [t for t in sent if t.is_alpha and len(t) >= 4]
    return len(words) >= 3 and all(t.text[0].isupper() for t in words)


def _article_before_plural(cand: Candidate, text: str) -> None:
    """"a decades-long feud": the "a" is the feud's article, the duration a vague one; so
    is the "a" of "a week-long blackout" (one week: the value stays)."""
    g = cand.groups
    if cand.kind == "duration" and g.get("num", "").lower() in ("a", "an") and (
            "suffix" in g and "plural" not in g):
        m = re.match(r"\S+\s+", text[cand.start:cand.end])
        if m is not None:
            cand.start += m.end()
        return
    if cand.kind != "duration" or g.get("num", "").lower() not in ("a", "an") or (
            "plural" not in g):
        return
    m = re.search(r"[\s-]+", text[cand.start:cand.end])
    if m is None:
        return
    cand.start += m.end()
    cand.kind = "duration_bare"
    cand.groups = {"vunit": g["unit"] + g["plural"]}


def _trim_leading_verb(cand: Candidate, doc: Doc) -> None:
    """Drop a verb the grammar took for a modifier: "will last two weeks"."""
    if cand.kind not in _MAY_START_WITH_VERB:
        return
    tokens = _tokens(doc, cand.start, cand.end)
    if len(tokens) > 1 and tokens[0].pos_ in ("VERB", "AUX") and tokens[0].lower_ in (
            "last", "past", "mid", "early", "late"):
        cand.start = tokens[1].idx
        cand.groups.pop("dpre", None)
        cand.groups.pop("rel", None)


# "NAIROBI, August 7 (Xinhua) --": a wire story's dateline, the day it was written
_DATELINE = re.compile(r"\s*[A-Z][\w.'-]*(?:[ .-]+[A-Z][\w.'-]*){0,3},(?:\s+[A-Z][\w.]*,)?\s+"
                       r"(?P<date>[A-Z][a-z]{2,8}\.?\s+[0-3]?\d)\s*(?:\(|--|_)")
DATELINE_DAYS = 3  # how far a dateline may lie before the publication date to count


def _dateline_date(text: str, published: dt.date | None) -> dt.date | None:
    """The day written in the story's dateline when it lies just before the publication
    date (wire copy filed the evening before): relative dates count from it."""
    m = _DATELINE.match(text)
    if published is None or m is None:
        return published
    cand = next(iter(scan(m.group("date"))), None)
    if cand is None or cand.kind != "date":
        return published
    try:
        _, value = resolve(cand, Context(dct=published, tense="past", anchor=published))
    except Unresolvable:
        return published
    day = _day_of(value)
    if day is None or not 0 <= (published - day).days <= DATELINE_DAYS:
        return published
    return day


_EACH_OF_THE = re.compile(r"\beach\s+of\s+the\s+$", re.IGNORECASE)
_QUANTITY_ENTS = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL"})
_NOT_RATE_AFTER = re.compile(r"\s+(?:after|before|later|earlier|ago|or|and|from|since|of)\b",
                             re.IGNORECASE)


def _recurs(cand: Candidate, doc: Doc, text: str) -> bool:
    """A duration read as a recurrence (TimeML SET): "each of the last three years" (each
    year), "2 percent a year", "24 hours a day", "$1 billion a year" (a rate per unit)."""
    g = cand.groups
    if cand.kind != "duration" or {"andhalf", "suffix"} & set(g):
        return False
    if _EACH_OF_THE.search(text, max(0, cand.start - 16), cand.start):
        return "dpre" in g
    if g["num"].lower() not in ("a", "an") or "dpre" in g or "plural" in g or (
            _NOT_RATE_AFTER.match(text, cand.end)) or cand.groups.get("unit", "").lower() in (
            "second",):
        return False
    tokens = _tokens(doc, cand.start, cand.end)
    if not tokens or tokens[0].i == 0 or tokens[0].lower_ not in ("a", "an"):
        return False  # a quantity modifier ("more than a year") is no rate
    before = doc[tokens[0].i - 1]
    return before.like_num or before.lower_ in load_lexicon().rate_words or (
        before.ent_type_ in _QUANTITY_ENTS) or before.tag_ == "NNS"


_STRETCH_BEFORE = re.compile(r"\b(?:over|for|during|within|throughout)\s+(the\s+)?$",
                             re.IGNORECASE)
_STRETCH_RELS = frozenset({"next", "coming", "following", "past", "last", "previous"})


def _stretch(cand: Candidate, text: str) -> bool:
    """"over the next decade", "for the following week": the stretch of one unit from now
    or from the anchor (a DURATION), not the calendar unit after it."""
    g = cand.groups
    if cand.kind not in ("relunit", "anchored") or "unit" not in g or "pre" in g or (
            g.get("rel", "").lower() not in _STRETCH_RELS):
        return False
    m = _STRETCH_BEFORE.search(text, max(0, cand.start - 24), cand.start)
    return m is not None and (m.group(1) is not None or text[cand.start:cand.start + 4].lower()
                              in ("the ", "the\n"))


def _each(cand: Candidate) -> tuple[str, str]:
    designator, is_time, factor = unit_of(cand.groups["unit"], load_lexicon())
    return "SET", duration_value(1, designator, is_time, factor)


_RANGE_GAP = re.compile(r"^\s*(?:and|to|through|until|till|[-–])\s*$")
_DAY_ONLY = re.compile(r"^\d{4}-\d\d-\d\d$")
_HAS_YEAR = re.compile(r"\d{4}")
_PAIR_GAP = re.compile(r"^\s*(?:,\s*)?(?:and|or|to|through|until|till|into|[-–])?\s*$")


def _month_after(first: str, second: str) -> str:
    """The second month of "December and January", "from November to March": the first
    such month not before the first one (it is named in order)."""
    year, month = int(first[:4]), int(first[5:7])
    later = int(second[5:7])
    return f"{year + (1 if later < month else 0):04d}-{later:02d}"


_WORD_AFTER = re.compile(r"\s+[\w$]")
_LAST_WORD = re.compile(r"\s+\w+$")  # the direction word of "an hour later"


def _counts_from_what_follows(cand: Candidate, text: str) -> bool:
    """"the day before" followed by a word counts from what that word starts, not from the
    last date: a date ("the day before last Tuesday") or an event ("before returning")."""
    return cand.kind == "anchored" and "dir" in cand.groups and bool(
        _WORD_AFTER.match(text, cand.end))


def _same_sentence(doc: Doc, a: int, b: int) -> bool:
    """Whether the characters a and b lie in one sentence of the parse."""
    first, second = _tokens(doc, a, a + 1), _tokens(doc, b, b + 1)
    if not first or not second or not doc.has_annotation("SENT_START"):
        return False
    return first[0].sent.start == second[0].sent.start


_QUOTE_MARKS = re.compile("[\"\u201c\u201d]")


def _in_quote(doc: Doc, text: str, char: int) -> bool:
    """Whether character `char` lies inside a quotation of its sentence (an odd number of
    quotation marks between the sentence's start and it)."""
    tokens = _tokens(doc, char, char + 1)
    if not tokens or not doc.has_annotation("SENT_START"):
        return False
    return len(_QUOTE_MARKS.findall(text, tokens[0].sent.start_char, char)) % 2 == 1


def _date_quotes_from_saying(doc: Doc, text: str, out: list[Timex], said: list[int],
                             dct: dt.date | None) -> None:
    """'"Today we have won," he said Sunday': a today, yesterday or tomorrow inside a quote
    counts from the day of the saying named outside it in the same sentence."""
    if dct is None:
        return
    for i in said:
        timex = out[i]
        day = _day_of(timex.value)
        if day is None or not _in_quote(doc, text, timex.span.start):
            continue
        saying = next((t for t in out if t is not timex and t.type == "DATE" and (
            _DAY_ONLY.match(t.value)) and _same_sentence(doc, t.span.start, timex.span.start)
            and not _in_quote(doc, text, t.span.start)), None)
        spoken = _day_of(saying.value) if saying is not None else None
        if spoken is None or spoken == dct:
            continue
        timex.value = (spoken + (day - dct)).isoformat() + timex.value[10:]
        timex.anchor = spoken.isoformat()


_QUARTER_VALUE = re.compile(r"^\d{4}-Q[1-4]$")
_MONEY_ENTS = frozenset({"MONEY", "PERCENT"})


def _under_would(doc: Doc, cand: Candidate) -> bool:
    """Whether the verb the expression hangs on (through its preposition) is told with
    "would": a future seen from a past time ("said he would travel on Monday")."""
    tokens = _tokens(doc, cand.start, cand.end)
    if not tokens:
        return False
    token = tokens[-1]
    for _ in range(3):
        head = token.head
        if head == token:
            return False
        if head.pos_ in ("VERB", "AUX"):
            return any(c.dep_ == "aux" and c.lower_ in ("would", "'d") for c in head.children)
        token = head
    return False


def _names_quarter_in_view(cand: Candidate, kind: str, value: str) -> bool:
    """Whether the expression names the reporting quarter the text is about: any quarter
    but one counted back for a comparison ("the year-ago quarter")."""
    if kind != "DATE" or not _QUARTER_VALUE.match(value):
        return False
    if cand.kind == "quarter_ref":
        word = " ".join(cand.groups.get("qword", "").lower().split())
        return load_lexicon().quarter_words.get(word, 0) == 0
    return cand.kind in ("quarter", "quarter_code", "relunit", "anchored")


def _speaks_of_money(doc: Doc, char: int) -> bool:
    """Whether the sentence holding character `char` names a sum or a percentage."""
    tokens = _tokens(doc, char, char + 1)
    if not tokens:
        return False
    return any(t.ent_type_ in _MONEY_ENTS for t in tokens[0].sent)


def _day_of(value: str) -> dt.date | None:
    m = _DAY_VALUE.match(value)
    if not m:
        return None
    try:
        return dt.date.fromisoformat(m.group(1))
    except ValueError:
        return None


def find_timexes(doc: Doc, article_id: str, published: str | None,
                 text: str | None = None) -> list[Timex]:
    """All temporal expressions of a parsed article, in text order, with resolved values.

    ``text`` is the article text (the same as ``doc.text``, which spaCy rebuilds on every
    access, so callers that have it pass it).
    """
    text = doc_text(doc) if text is None else text
    dct = _dateline_date(text, _publication_date(published))
    anchor = dct
    anchor_year = dct.year if dct else None
    anchor_month: str | None = None
    last_date: str | None = None  # the value of the last calendar date
    quarter: str | None = None  # the last reporting quarter named
    out: list[Timex] = []
    clocks_without_day: list[int] = []  # indexes in out of times that took the anchor day
    held: Candidate | None = None  # "the day before" + a word: waits for a date right after
    said_days: list[int] = []  # indexes in out of today, yesterday, tomorrow (and tonight)
    for cand in scan(text):
        _trim_leading_verb(cand, doc)
        _article_before_plural(cand, text)
        if not _plausible(cand, doc, text):
            continue
        around: Candidate | None = None
        if held is not None and text[held.end:cand.start].isspace():
            around = held
        held = None  # else "the day before authorities issued": an undated event's eve
        if _counts_from_what_follows(cand, text):
            held = cand
            continue
        tense = governing_tense(doc, cand.start, cand.end, cand.kind == "weekday") if (
            cand.kind in _TENSED) else None
        ctx = Context(dct=dct, tense=tense, anchor=anchor, anchor_year=anchor_year,
                      anchor_month=anchor_month, last_date=last_date, quarter=quarter,
                      behind=cand.kind in _SINCE_KINDS and _after_past_signal(doc, cand))
        try:
            kind, value = resolve(cand, ctx)
        except Unresolvable:
            continue
        if cand.kind == "weekday" and tense == "future" and "rel" not in cand.groups and (
                dct is not None and anchor is not None and anchor < dct and out) and (
                _day_of(out[-1].value) == anchor and _same_sentence(
                    doc, out[-1].span.start, cand.start) and _under_would(doc, cand)):
            # "said on Sunday that he would travel on Monday", written on Tuesday: the
            # first such day after the day of the saying, not after the day of writing
            weekday = load_lexicon().weekdays[cand.groups["wd"].lower().rstrip(".")]
            ahead = (weekday - anchor.isoweekday()) % 7 or 7
            value = (anchor + dt.timedelta(days=ahead)).isoformat() + value[10:]
        if cand.kind == "quarter_ref" and "qword" not in cand.groups and quarter is None and (
                not _speaks_of_money(doc, cand.start)):
            continue  # "police sealed off the quarter": a part of a town
        if kind == "DURATION" and _recurs(cand, doc, text):
            kind, value = _each(cand)
            if out and out[-1].type == "DURATION" and text[out[-1].span.end:cand.start].isspace():
                # "24 hours a day", "three days a week": one recurrence (TimeML SET), the
                # stretch before the rate is its frequency, not a duration of its own
                cand.start = out.pop().span.start
        elif kind == "DATE" and _stretch(cand, text):
            kind, value = "DURATION", _each(cand)[1]
        if cand.kind == "month" and set(cand.groups) == {"mon"} and out and (
                _MONTH_VALUE.match(out[-1].value)) and _PAIR_GAP.match(
                text[out[-1].span.end:cand.start]):
            value = _month_after(out[-1].value, value)
        if cand.kind == "date" and "year" not in cand.groups and out and (
                _DAY_ONLY.match(value) and _DAY_ONLY.match(out[-1].value)) and (
                out[-1].value > value) and not (
                _HAS_YEAR.search(out[-1].text)) and _RANGE_GAP.match(
                text[out[-1].span.end:cand.start]):
            # "from February 2 to October 9": a range's first day is not after its
            # last; it is the same day a year before
            first = dt.date.fromisoformat(out[-1].value)
            try:
                earlier = first.replace(year=first.year - 1)
            except ValueError:
                earlier = first
            if earlier.isoformat() <= value:
                out[-1].value = earlier.isoformat()
        if cand.kind == "offset" and kind == "DURATION":
            cand.end = cand.start + len(_LAST_WORD.sub("", text[cand.start:cand.end]))
        named = _day_of(value) if around is not None and kind == "DATE" else None
        if around is not None and named is not None:
            # "the day before last Tuesday": one timex, a day from the date it names, and
            # that date stays the anchor of what follows
            step = -1 if around.groups["dir"].lower() == "before" else 1
            value = (named + dt.timedelta(days=step)).isoformat()
            cand = Candidate(around.start, cand.end, "anchored", around.groups, around.order)
        if cand.kind in _ANCHORED:
            used = anchor
        elif cand.kind in _ABSOLUTE or cand.kind in ("date", "month") and "year" in cand.groups:
            used = None
        else:
            used = dct
        timex = Timex(span=Span(article_id, cand.start, cand.end),
                      text=text[cand.start:cand.end], type=kind, value=value,
                      anchor=used.isoformat() if used else None)
        day = _day_of(value) if kind in ("DATE", "TIME") else None
        if kind == "TIME" and cand.kind in ("clock", "named_time") and not (
                {"wd", "relday"} & set(cand.groups)):
            # "2.30 pm on February 16": the time takes the day written next to it
            prev = out[-1] if out else None
            prev_day = _day_of(prev.value) if prev and (
                prev.type == "DATE" or _PART_OF_DAY.match(prev.value)) else None
            if prev and prev_day and _GAP_AFTER_DATE.match(text[prev.span.end:cand.start]):
                timex.value = prev_day.isoformat() + value[value.index("T"):]
            else:
                clocks_without_day.append(len(out))
        elif day is not None and (kind == "DATE" or _PART_OF_DAY.match(value)) and (
                clocks_without_day):
            last = out[clocks_without_day[-1]]
            gap = text[last.span.end:cand.start]
            if _GAP_BEFORE_DATE.match(gap) or (anchor == dct and _SAME_CLAUSE_GAP.match(gap) and (
                    _same_sentence(doc, last.span.start, cand.start))):
                # "at 2 a.m., officials said Wednesday": with no date before it, a time
                # takes the day named later in its sentence rather than the publication day
                last.value = day.isoformat() + last.value[last.value.index("T"):]
                for i in reversed(clocks_without_day[:-1]):
                    # "at 11:50 a.m. (0850 GMT) on Sunday", "from 10 p.m. to 5 a.m. Sunday":
                    # a time joined to the next one is on its day
                    first_clock, next_clock = out[i], out[i + 1]
                    if i + 1 not in clocks_without_day or not _CLOCK_JOIN.match(
                            text[first_clock.span.end:next_clock.span.start]):
                        break
                    first_clock.value = day.isoformat() + first_clock.value[
                        first_clock.value.index("T"):]
            clocks_without_day.clear()
        if day is not None and (kind == "DATE" or _PART_OF_DAY.match(value) or (
                kind == "TIME" and {"wd", "relday"} & set(cand.groups))):
            # a clock time with its own day ("6 a.m. Tuesday") dates what follows too
            anchor = named or day
            anchor_month = None
        elif kind == "DATE" and _MONTH_VALUE.match(value):
            anchor_month = value
        if kind == "DATE" and _YEAR_VALUE.match(value):
            anchor_year = int(value[:4])
            last_date = value
        if _names_quarter_in_view(cand, kind, value):
            quarter = value
        if cand.kind == "relday" and "relday" in cand.groups:
            said_days.append(len(out))
        out.append(timex)
    if said_days:
        _date_quotes_from_saying(doc, text, out, said_days, dct)
    return out


@stage("time", assigns=("timexes",))
def extract_timexes(doc: Doc, ann: Annotations, options: Options) -> None:
    published = ann.article.published_date or options.default_published
    ann.timexes.extend(find_timexes(doc, ann.article.id, published, ann.article.text))
