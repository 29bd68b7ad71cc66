"""Numeric, check-worthy statements: a figure, what it counts, its hedge, and who states it.

The stage walks the tokens of the parsed Doc once. Where a figure starts (digits, number
words, "a million", a vague plural such as "thousands" or "tens of thousands") it reads:

* the figure itself, normalized to a float ("44 million" -> 44000000.0, "1.5bn" -> 1.5e9);
  a vague plural becomes a range: ``quantity`` is its low end and ``quantity_max`` its high
  end ("thousands" -> 2000 .. 9999; the table and its convention are in
  ``faultline/data/claims/numbers.yaml``); "between 5 and 10" and "100,000 to 130,000" are
  ranges too;
* the hedge written right before it ("at least", "more than", "up to" ...) or right after it
  ("$200 or less", "100,000-plus") -> ``approximate`` (phrases and their direction, lower /
  upper / around, in ``approximation.yaml``); "a quarter of a million" is 250,000;
* the unit: "percent", a currency (ISO code, "USD"), a unit of measure ("km"), or else the
  counted noun the number modifies in the parse (nummod/quantmod/compound head, or the
  object of "of" after a vague plural: "thousands of deaths"); a plural demonym counts
  people ("3,245 Russians" -> unit "people");
* the subject: the counted noun with the modifiers between it and the figure ("Russian
  troops"), a possessor right before the figure ("Russia's 130,000 troops" -> "Russia's
  troops"), a place right after it ("44 million people in Ukraine" -> "people in Ukraine"),
  or what a percentage or sum is "of"/"in" ("8 percent of voters", "$1.5 billion in aid").

Figures that are dates, years, times, ages, durations, ordinals or parts of a name
("2.30 pm", "1997", "December 7", "No. 2", "Article 5", "seven decades") are not claims:
they are skipped when they fall inside a timex of the time stage, inside a DATE/TIME entity
of the model (unless they count a noun from the ``counted`` list), or when the stage's own
checks (year-shaped integers, time and age words, "No."/"#", a proper noun right before,
a hyphen gluing the figure into a modifier: "5-4 decision", "10-year plan") say so. A number
written in small words ("two countries", "one of them") is a claim only when it counts a
noun from the ``counted`` list ("two battalions") and is not a reference back ("the two
armies"). A figure that counts nothing ("the toll rose to 300") is kept when written in
digits and at least 100, with no unit and no subject.

``attributed_to`` is the speaker of the innermost quote whose content contains the claim
(the ``quotes`` stage), "unnamed source" for a quote without a speaker, else the article's
authors, else its publisher, else "author".

The claim's span runs from the hedge (or currency sign, or possessor) to the end of what is
counted, so ``text[span.start:span.end]`` reads "at least 130,000 Russian troops".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token

from faultline.claims_lexicon import (  # marker_direction, _marker_table: re-exported
    Lexicon,
    _marker_table,  # noqa: F401
    load_lexicon,
    marker_direction,  # noqa: F401
)
from faultline.extract import stage
from faultline.extract.actors import actor_dictionary, mention_at
from faultline.model import Annotations, Claim, Quote, Span
from faultline.options import Options

# Dependency labels that keep a word inside the counted noun's phrase ("Russian troops",
# "government forces", "U.S.-made missiles").
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod", "punct", "advmod"})
_RANGE_LINKS = frozenset({"to", "-", "–", "—", "and", "or"})
_NAME_PREFIX = frozenset({"no", "no.", "nos", "nos.", "number", "#", "nr", "nr."})
_AGE_WORDS = frozenset({"aged", "age", "ages"})
_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_PRONOUN_POS = frozenset({"PRON", "DET"})
_NAME_ENTITIES = frozenset({"PERSON", "ORG", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_DIGITS_SCALED = re.compile(r"^(\d+(?:\.\d+)?)(k|m|mn|mln|bn|tn)$", re.IGNORECASE)
_YEAR = re.compile(r"^(?:1[5-9]|20)\d\d$")


# --------------------------------------------------------------------------- numbers


@dataclass
class _Figure:
    """A figure read at token positions [start, end): value, optional range, digits or not."""

    start: int
    end: int
    value: float
    high: float | None = None
    has_digits: bool = False


def _word_value(lower: str, lex: Lexicon, currency: bool) -> tuple[str, float] | None:
    """('num', v) for a number word or digits, ('scale', v) for a multiplier, else None."""
    if _DIGITS.match(lower):
        return "num", float(lower.replace(",", ""))
    if lower in lex.units:
        return "num", lex.units[lower]
    if lower in lex.scales and (currency or len(lower) > 2 or lower == "k"):
        # "m"/"bn" alone multiply only sums of money ("€300m"); "12 m" is more often metres.
        return "scale", lex.scales[lower]
    scaled = _DIGITS_SCALED.match(lower)
    if scaled and (currency or scaled.group(2).lower() in ("k", "bn", "mn", "mln", "tn")):
        return "num", float(scaled.group(1)) * lex.scales[scaled.group(2).lower()]
    return None


def _read_figure(doc: Doc, i: int, lex: Lexicon, currency: bool) -> _Figure | None:
    """The number that starts at token i, if one does ("44 million", "a dozen", "1.5bn")."""
    n = len(doc)
    lower = doc[i].lower_
    if lower in lex.vague_first:
        for size in range(min(lex.vague_max_len, n - i), 0, -1):
            words = tuple(doc[k].lower_ for k in range(i, i + size))
            if words in lex.vague:
                low, high = lex.vague[words]
                return _Figure(i, i + size, low, high)
    total = 0.0
    current: float | None = None
    has_digits = False
    last_kind = ""
    k = i
    if lower in ("a", "an"):
        # "a million", "a dozen", "a hundred": the article stands for one.
        if i + 1 < n and doc[i + 1].lower_ in lex.scales and len(doc[i + 1].lower_) > 2:
            current, k, last_kind = 1.0, i + 1, "num"
        else:
            return None
    while k < n:
        word = doc[k].lower_
        kind = _word_value(word, lex, currency)
        if kind is None:
            # "two hundred and fifty", "twenty-five", "half a million": glue words.
            nxt = _word_value(doc[k + 1].lower_, lex, currency) if k + 1 < n else None
            if (word == "and" and last_kind == "scale" and nxt and nxt[0] == "num"
                    and not _DIGITS.match(doc[k + 1].lower_)):
                k += 1
                continue
            if (word == "-" and last_kind == "num" and nxt and nxt[0] == "num"
                    and current is not None and current % 10 == 0 and 20 <= current <= 90
                    and not has_digits and nxt[1] < 10):
                k += 1
                continue
            if word in ("a", "an") and last_kind == "num" and nxt and nxt[0] == "scale":
                k += 1
                continue
            if (word == "-" and last_kind == "num" and nxt and nxt[0] == "scale"
                    and not doc[k - 1].whitespace_ and not doc[k].whitespace_):
                k += 1  # "$400-million"
                continue
            break
        what, value = kind
        is_digits = doc[k].text[:1].isdigit()
        if what == "num":
            if last_kind == "num" and (is_digits or has_digits or value >= 10 or
                                       (current is not None and current % 10 != 0)):
                break  # two figures side by side ("February 16 2022", "5 10")
            current = (current or 0.0) + value
            has_digits = has_digits or is_digits
        else:
            if current is None and total == 0.0:
                break  # a bare "million" is not a figure
            if value < 1000:
                current = (current or 1.0) * value
            else:
                total += (current if current is not None else 1.0) * value
                current = None
        last_kind = what
        k += 1
    if k == i or (current is None and total == 0.0):
        return None
    return _Figure(i, k, total + (current or 0.0), None, has_digits)


def _match_before(doc: Doc, end: int, table: Mapping[tuple[str, ...], Any],
                  max_len: int) -> tuple[int, Any] | None:
    """The longest phrase of ``table`` that ends right before token ``end``."""
    for size in range(min(max_len, end), 0, -1):
        words = tuple(doc[k].lower_ for k in range(end - size, end))
        if words in table:
            return end - size, table[words]
    return None


def _match_after(doc: Doc, start: int, table: Iterable[tuple[str, ...]] | Mapping[Any, Any],
                 max_len: int = 2) -> tuple[int, tuple[str, ...]] | None:
    """The longest phrase of ``table`` that starts at token ``start``; returns (end, words)."""
    n = len(doc)
    for size in range(min(max_len, n - start), 0, -1):
        words = tuple(doc[k].lower_ for k in range(start, start + size))
        if words in table:
            return start + size, words
    return None


# --------------------------------------------------------------------------- phrases


def _phrase_start(doc: Doc, head: Token, floor: int) -> int:
    """Leftmost token of the contiguous modifiers of ``head`` ("Ukrainian refugees")."""
    start = head.i
    k = head.i - 1
    while k >= floor:
        tok = doc[k]
        if tok.dep_ not in _MODIFIER_DEPS or not (k < tok.head.i <= head.i):
            break
        if tok.like_num or tok.dep_ == "poss":
            break
        start = k
        k -= 1
    while start < head.i and doc[start].is_punct:
        start += 1  # "12 first-graders": not "-graders"
    return start


def _of_object(tok: Token, preps: frozenset[str] = frozenset({"of"})) -> Token | None:
    """The noun after "of" (or another of ``preps``) hanging on ``tok``: "thousands of deaths"."""
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ in preps:
            for obj in child.rights:
                if obj.dep_ == "pobj" and obj.pos_ in ("NOUN", "PROPN"):
                    return obj
    return None


_MONEY_PREPS = frozenset({"of", "in", "for"})


_NUMBER_DEPS = frozenset({"nummod", "quantmod", "compound", "amod", "nmod", "npadvmod"})


def _counted_head(doc: Doc, fig: _Figure, after: int) -> Token | None:
    """The noun the figure counts: the head it modifies, to its right and close by."""
    for k in range(fig.end - 1, fig.start - 1, -1):
        tok = doc[k]
        if fig.start <= tok.head.i < fig.end:
            continue  # a link inside the number ("44" -> "million")
        if tok.dep_ not in _NUMBER_DEPS:
            return None
        head = tok.head
        if after <= head.i <= after + 4 and head.pos_ in ("NOUN", "PROPN"):
            return head
        return None
    return None


@dataclass
class _Reading:
    unit: str | None
    subject_tokens: tuple[int, int] | None  # token range of the subject phrase
    counted: Token | None
    end: int  # token end of the claim phrase
    partitive: bool = False  # the counted noun came from "N of the X"
    subject: str | None = None  # a subject not written next to the figure ("killed")
    start: int | None = None  # token start when the phrase begins before the figure


def _read_unit(doc: Doc, fig: _Figure, lex: Lexicon, currency_code: str | None) -> _Reading:
    """What the figure counts or measures, and how far the claim phrase runs."""
    j = fig.end
    n = len(doc)
    if _hyphen_compound(doc, fig) and j + 2 < n and doc[j + 1].lower_ == "strong":
        noun = doc[j + 1].head  # "a 2,500-strong force"
        if noun.i > j + 1 and noun.pos_ in ("NOUN", "PROPN"):
            return _Reading(_unit_of(noun, lex), (_phrase_start(doc, noun, j + 2), noun.i + 1),
                            noun, noun.i + 1)
    unit: str | None = currency_code
    unit_end = j
    found = _match_after(doc, j, lex.percent)
    if found:
        unit, unit_end = "percent", found[0]
    else:
        found = _match_after(doc, j, lex.currency_words, 1)
        if found:
            unit, unit_end = lex.currency[found[1][0]], found[0]
        else:
            found = _match_after(doc, j, lex.measures)
            if found:
                unit, unit_end = lex.measures[found[1]], found[0]
    if unit is not None:
        # "8 percent of voters", "$1.5 billion in aid", "$2bn aid package"
        anchor = doc[unit_end - 1] if unit_end > j else doc[fig.end - 1]
        preps = _MONEY_PREPS if unit in lex.currency_codes else frozenset({"of"})
        obj = _of_object(anchor, preps) or _of_object(doc[fig.end - 1], preps)
        if obj is not None and obj.i >= unit_end and obj.pos_ not in _PRONOUN_POS:
            return _Reading(unit, (_phrase_start(doc, obj, unit_end), obj.i + 1), obj, obj.i + 1)
        head = _counted_head(doc, fig, unit_end) if unit_end == j else None
        worth = _of_object(head) if head is not None and head.lower_ == "worth" else None
        if worth is not None:  # "$250 billion worth of goods"
            return _Reading(unit, (_phrase_start(doc, worth, worth.i), worth.i + 1), worth,
                            worth.i + 1)
        if head is not None:
            return _Reading(unit, (_phrase_start(doc, head, unit_end), head.i + 1), head,
                            head.i + 1)
        return _Reading(unit, None, None, unit_end)

    if fig.high is not None and doc[fig.end - 1].lower_ in lex.vague_last:
        # a vague plural is itself the noun: "thousands of deaths"
        obj = _of_object(doc[fig.end - 1])
        if obj is not None and obj.i >= j and obj.pos_ not in _PRONOUN_POS:
            return _Reading(_unit_of(obj, lex), (_phrase_start(doc, obj, j + 1), obj.i + 1),
                            obj, obj.i + 1)
    head = _counted_head(doc, fig, j)
    if head is not None:
        return _Reading(_unit_of(head, lex), (_phrase_start(doc, head, j), head.i + 1), head,
                        head.i + 1)
    # "some 100,000 of them", "3 of the 10 tanks": what is counted follows "of"
    obj = _of_object(doc[fig.end - 1])
    if obj is not None and obj.i < min(n, j + 6) and obj.pos_ not in _PRONOUN_POS:
        return _Reading(_unit_of(obj, lex), (_phrase_start(doc, obj, j + 1), obj.i + 1), obj,
                        obj.i + 1, partitive=True)
    return _Reading(None, None, None, j)


def _people_verb(doc: Doc, fig: _Figure, reading: _Reading, lex: Lexicon,
                 start_tok: int) -> _Reading:
    """A bare figure that is who a casualty verb happened to: "82 were killed" -> killed."""
    last = doc[fig.end - 1]
    verb = last.head
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in lex.people_verbs:
        return reading
    dep = last.dep_
    if not (dep in ("nsubjpass", "dobj") or (dep == "nsubj" and verb.tag_ == "VBN")):
        return reading
    subject = lex.people_verbs[verb.lemma_.lower()]
    if fig.end <= verb.i <= fig.end + 2:  # "1,700 injured", "82 were killed"
        return _Reading(lex.people_unit, None, None, verb.i + 1, subject=subject)
    if verb.i == start_tok - 1:  # "killed 224", "wounded nearly 5,000"
        return _Reading(lex.people_unit, None, None, reading.end, subject=subject,
                        start=verb.i)
    return _Reading(lex.people_unit, None, None, reading.end, subject=subject)


def _with_place(doc: Doc, reading: _Reading) -> _Reading:
    """Take in a place right after the counted noun: "44 million people in Ukraine".

    Who is counted where is part of what the figure is about; two articles counting
    "people in Ukraine" and "people in Poland" are not reporting the same quantity.
    """
    counted = reading.counted
    if counted is None or reading.subject_tokens is None or reading.end != counted.i + 1:
        return reading
    for prep in counted.rights:
        if prep.i != counted.i + 1 or prep.dep_ != "prep" or prep.lower_ != "in":
            continue
        for place in prep.rights:
            if (place.dep_ == "pobj" and place.ent_type_ in ("GPE", "LOC")
                    and place.left_edge.i == prep.i + 1):
                end = place.i + 1
                while end < len(doc) and doc[end].ent_iob_ == "I":
                    end += 1  # "in South Korea" ends after the whole name
                return _Reading(reading.unit, (reading.subject_tokens[0], end), counted, end)
    return reading


def _hyphen_compound(doc: Doc, fig: _Figure) -> bool:
    """The figure is glued by a hyphen to the word after it: "5-4 decision", "10-year"."""
    j = fig.end
    return (j + 1 < len(doc) and doc[j].text in ("-", "–") and not doc[j - 1].whitespace_
            and not doc[j].whitespace_)


def _unit_of(noun: Token, lex: Lexicon) -> str:
    if noun.ent_type_ == "NORP":
        return lex.people_unit  # "3,245 Russians"
    return lex.currency.get(noun.lower_) or noun.lower_  # "millions of dollars" -> USD


def _money_noun(reading: _Reading, lex: Lexicon) -> _Reading:
    """"a billion dollars", "millions of dollars": the noun is the currency, not a subject."""
    if reading.counted is not None and reading.counted.lower_ in lex.currency:
        return _Reading(lex.currency[reading.counted.lower_], None, None, reading.end)
    return reading


# --------------------------------------------------------------------------- skipping


def _timex_tokens(doc: Doc, ann: Annotations) -> frozenset[int]:
    covered: set[int] = set()
    for timex in getattr(ann, "timexes", None) or ():
        span = doc.char_span(timex.span.start, timex.span.end, alignment_mode="expand")
        if span is not None:
            covered.update(range(span.start, span.end))
    return frozenset(covered)


def _not_a_quantity(doc: Doc, fig: _Figure, reading: _Reading, lex: Lexicon,
                    has_marker: bool) -> bool:
    """A year, date, time, age, duration, or part of a name, rather than a quantity."""
    counted = reading.counted
    counted_lemma = counted.lemma_.lower() if counted is not None else ""
    if counted_lemma in lex.time_nouns or (counted is not None and
                                            counted.lower_ in lex.time_nouns):
        return True
    nxt = doc[fig.end].lower_ if fig.end < len(doc) else ""
    if nxt in lex.time_nouns and reading.unit is None:
        return True  # "2.30 pm", "10 o'clock"
    if (any(doc[k].ent_type_ in _NAME_ENTITIES for k in range(fig.start, fig.end))
            and (counted is not None or reading.unit is None)):
        return True  # "Article 5", "Nord Stream 2", "the 10 Most Wanted list"
    if any(doc[k].ent_type_ in ("DATE", "TIME") for k in range(fig.start, fig.end)):
        if counted_lemma not in lex.counted:
            return True
    first = doc[fig.start]
    prev = doc[fig.start - 1] if fig.start > 0 else None
    if (fig.end - fig.start == 1 and _YEAR.match(first.text) and not has_marker
            and reading.unit in (None,) + ((counted.lower_,) if counted is not None else ())
            and not (counted is not None and counted.tag_ in ("NNS", "NNPS")
                     and counted_lemma in lex.counted)):
        return True  # "since 1997", "in 2014", "1995 tax filings" (but "2000 troops")
    if prev is not None:
        prev_lower = prev.lower_
        if prev_lower in _NAME_PREFIX or prev_lower in _AGE_WORDS or prev_lower in _MONTHS:
            return True
        if prev_lower == "." and fig.start > 1 and doc[fig.start - 2].lower_ in _NAME_PREFIX:
            return True  # "No. 2" tokenized as "No", ".", "2"
        if prev.pos_ == "PROPN" and not has_marker and prev.ent_type_ not in ("NORP",) \
                and reading.unit is None:
            return True  # "Article 5", "Nord Stream 2"
    if counted is not None and counted.lower_ in _MONTHS:
        return True
    return False


# --------------------------------------------------------------------------- attribution


def _attribution(start: int, end: int, quotes: list[Quote], fallback: str) -> str:
    """Who states the figure: the speaker of the quote around it, else ``fallback``.

    Among nested quotes the innermost direct quotation wins: the words in quotation marks
    are what the article says that speaker stated, and a source cited inside them
    ("according to our survey, 8 percent ...") is that speaker's evidence. With no direct
    quotation around the figure, the innermost reported speech wins ("officials said
    Moscow claimed 10,000 troops had left" -> Moscow).
    """
    best: Quote | None = None
    for quote in quotes:
        if not (quote.span.start <= start and end <= quote.span.end):
            continue
        if best is None or _closer(quote, best):
            best = quote
    if best is None:
        return fallback
    if best.speaker is not None and best.speaker.name:
        return best.speaker.name
    return "unnamed source"


def _closer(quote: Quote, best: Quote) -> bool:
    direct, best_direct = quote.kind == "direct", best.kind == "direct"
    if direct != best_direct:
        return direct
    return quote.span.end - quote.span.start < best.span.end - best.span.start


def _article_voice(ann: Annotations) -> str:
    article = ann.article
    if article.authors:
        return ", ".join(article.authors)
    return article.publisher or "author"


# --------------------------------------------------------------------------- the stage


def find_claims(doc: Doc, ann: Annotations) -> list[Claim]:
    """Every numeric claim in ``doc``, in text order (the stage without the side effect)."""
    lex = load_lexicon()
    article_id = ann.article.id
    skip = _timex_tokens(doc, ann)
    quotes = list(getattr(ann, "quotes", None) or ())
    voice = _article_voice(ann)
    claims: list[Claim] = []
    n = len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        lower = tok.lower_
        if not (tok.like_num or lower in lex.vague_first or lower in ("a", "an", "half")
                or _DIGITS_SCALED.match(lower)):
            i += 1
            continue
        prev_lower = doc[i - 1].lower_ if i > 0 else ""
        currency_code = lex.currency_before.get(prev_lower)
        fig = _read_figure(doc, i, lex, currency_code is not None)
        if fig is None:
            i += 1
            continue
        lead = i - 1 if currency_code else i
        lead = _fraction(doc, fig, lead, lex)
        marker = _match_before(doc, lead, lex.markers, lex.marker_max_len)
        between = lead > 0 and doc[lead - 1].lower_ == "between"
        fig = _read_range(doc, fig, lex, currency_code is not None, between)
        if fig.high is not None and between:
            lead, marker = lead - 1, None
        after = _suffix_marker(doc, fig, lex)  # "100,000-plus"
        if _hyphen_compound(doc, fig) and not (fig.end + 1 < n and
                                               doc[fig.end + 1].lower_ == "strong"):
            i = fig.end  # "5-4 decision", "10-year", "52-count complaint"
            continue
        reading = _with_place(doc, _money_noun(_read_unit(doc, fig, lex, currency_code), lex))
        if reading.end > fig.end and "\n" in doc[fig.end - 1 : reading.end].text:
            # a table row or a heading ("Total dead: 192\nAmericans: 12"), not a phrase
            reading = _Reading(currency_code, None, None, fig.end)
        if reading.unit is None and reading.counted is None:
            reading = _people_verb(doc, fig, reading, lex, marker[0] if marker else lead)
        if (any(k in skip for k in range(fig.start, fig.end))
                or _not_a_quantity(doc, fig, reading, lex, marker is not None)
                or not _check_worthy(doc, fig, reading, lex)):
            i = fig.end
            continue
        end_tok = reading.end
        if after is None:
            found = _match_after(doc, end_tok, lex.after_markers)
            if found:  # "$200 or less", "6,000 troops or more"
                end_tok, after = found[0], lex.after_markers[found[1]][0]
        start_tok = marker[0] if marker else lead
        if reading.start is not None:
            start_tok = min(start_tok, reading.start)
        start_tok, possessor = _possessor(doc, reading, start_tok)
        possessor = possessor or _owner(reading, ann)
        start_char = doc[start_tok].idx
        end_char = doc[end_tok - 1].idx + len(doc[end_tok - 1].text)
        claims.append(
            Claim(
                span=Span(article_id, start_char, end_char),
                quantity=fig.value,
                unit=reading.unit,
                subject=_subject_text(doc, reading, possessor),
                approximate=marker[1][0] if marker else after,
                attributed_to=_attribution(start_char, end_char, quotes, voice),
                quantity_max=fig.high,
            )
        )
        i = max(end_tok, fig.end)
    return claims


def _fraction(doc: Doc, fig: _Figure, lead: int, lex: Lexicon) -> int:
    """Scale "a quarter of a million" to 250000; returns the new first token of the claim."""
    if doc[fig.start].lower_ not in ("a", "an") or lead < 2 or doc[lead - 1].lower_ != "of":
        return lead
    part = doc[lead - 2].lower_
    if part not in lex.fractions:
        return lead
    count, first = 1.0, lead - 2
    if first > 0:
        before = _word_value(doc[first - 1].lower_, lex, False)
        if before is not None and before[0] == "num":
            count, first = before[1], first - 1
        elif doc[first - 1].lower_ in ("a", "an", "one"):
            first -= 1
    fig.value *= count * lex.fractions[part]
    return first


def _suffix_marker(doc: Doc, fig: _Figure, lex: Lexicon) -> str | None:
    """A hedge glued after the figure ("100,000-plus", "40-odd"); extends ``fig`` over it."""
    j = fig.end
    if j + 1 < len(doc) and _hyphen_compound(doc, fig):
        found = lex.after_markers.get((doc[j + 1].lower_,))
        if found:
            fig.end = j + 2
            return found[0]
    return None


def _read_range(doc: Doc, fig: _Figure, lex: Lexicon, currency: bool,
                between: bool) -> _Figure:
    """Extend "100,000 to 130,000" / "5-10" / "between 5 and 10" into one ranged figure."""
    j = fig.end
    if fig.high is not None or j + 1 >= len(doc) or doc[j].lower_ not in _RANGE_LINKS:
        return fig
    if doc[j].lower_ in ("and", "or") and not between:
        return fig
    start = j + 1
    if currency and doc[start].lower_ in lex.currency_before and start + 1 < len(doc):
        start += 1
    other = _read_figure(doc, start, lex, currency)
    if other is None or other.high is not None or not other.value > fig.value:
        return fig
    return _Figure(fig.start, other.end, fig.value, other.value,
                   fig.has_digits or other.has_digits)


_DEFINITE = frozenset({"the", "these", "those", "both", "its", "their", "his", "her", "our",
                       "my", "your", "all"})


def _check_worthy(doc: Doc, fig: _Figure, reading: _Reading, lex: Lexicon) -> bool:
    if reading.unit is not None and reading.counted is None:
        return True  # percent, money, measure
    if reading.counted is None:
        # A bare figure ("the toll rose to 300") is kept when written in digits and large
        # enough not to be an age, a rank or a label; "the 411" is a name.
        return (fig.has_digits and fig.value >= 100 and fig.high is None
                and not (fig.start > 0 and doc[fig.start - 1].lower_ in _DEFINITE))
    if fig.has_digits or fig.high is not None or fig.value >= lex.min_spelled_value:
        return True
    if fig.value <= 1 or reading.partitive:
        return False  # "one of the companies", "more than one child"
    if fig.start > 0 and doc[fig.start - 1].lower_ in _DEFINITE:
        return False  # "the two countries": a reference back, not a figure
    lemma = reading.counted.lemma_.lower()
    return lemma in lex.counted or reading.counted.lower_ in lex.counted


def _possessor(doc: Doc, reading: _Reading, start_tok: int) -> tuple[int, str | None]:
    """Take in "Russia's" when it stands right before the figure: "Russia's 130,000 troops"."""
    counted = reading.counted
    if counted is None or start_tok < 1:
        return start_tok, None
    for child in counted.lefts:
        if child.dep_ == "poss" and child.i < start_tok and \
                child.right_edge.i == start_tok - 1 and child.pos_ in ("PROPN", "NOUN"):
            first = child.left_edge.i
            while first < child.i and doc[first].pos_ == "DET":
                first += 1  # "the FBI's" -> "FBI's"
            return first, doc[first:start_tok].text
    return start_tok, None


_OWNER_VERB_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd"})


def _owner(reading: _Reading, ann: Annotations) -> str | None:
    """Whose a bare count is: "Russia has massed 100,000 troops near Ukraine" -> "Russia's".

    Only for a one-word subject with no owner written beside it, when the counted noun is
    the object of a holding verb (`owner_verbs` in units.yaml) whose subject the actors
    stage coded with a country."""
    counted = reading.counted
    if counted is None or reading.subject_tokens is None or not ann.actors:
        return None
    s, e = reading.subject_tokens
    if e - s != 1 or counted.dep_ not in _OWNER_VERB_DEPS or \
            counted.head.lemma_.lower() not in load_lexicon().owner_verbs:
        return None
    for child in counted.head.children:
        if child.dep_ in ("nsubj", "agent"):
            token = child if child.dep_ == "nsubj" else next(
                (c for c in child.children if c.dep_ == "pobj"), child)
            mention = mention_at(ann, token.i)
            country = mention.actor.country if mention else None
            name = actor_dictionary().countries.get(country or "")
            return f"{name}'s" if name else None
    return None


def _subject_text(doc: Doc, reading: _Reading, possessor: str | None) -> str | None:
    if reading.subject_tokens is None:
        return reading.subject
    s, e = reading.subject_tokens
    words = doc[s:e].text
    return f"{possessor} {words}" if possessor else words


@stage("claims", requires=("quotes",), assigns=("claims",))
def extract_claims(doc: Doc, ann: Annotations, options: Options) -> None:
    ann.claims.extend(find_claims(doc, ann))
