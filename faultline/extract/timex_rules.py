"""Recognition of temporal expressions: a pattern grammar compiled once from the time lexicon.

The grammar is a list of named regular expressions over the article text, built from
``faultline/data/time/lexicon.yaml``. Scanning yields :class:`Candidate` spans (leftmost
longest wins among overlapping ones); what a candidate means is worked out in
:mod:`faultline.extract.timex_resolve`. Span conventions follow TimeML (TempEval-3): the
preposition before a timex ("on", "in", "at", "for") stays outside it, while modifiers such as
"last", "early", "more than" or "the past" belong to it.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from faultline.datafiles import read_yaml_mapping
from faultline.errors import DataFileError

LEXICON_PATH = Path(__file__).resolve().parent.parent / "data" / "time" / "lexicon.yaml"

_REQUIRED = ("months", "weekdays", "numbers", "units", "parts_of_day", "seasons", "sets",
             "references", "holidays", "floating_holidays", "time_zones", "dotted_only")


@dataclass(frozen=True)
class Lexicon:
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, float | str]
    units: dict[str, tuple[str, bool, int]]  # word -> (designator, is time unit, factor)
    unit_plurals: dict[str, str]
    parts_of_day: dict[str, str]
    seasons: dict[str, str]
    sets: dict[str, str]
    references: dict[str, str]
    holidays: dict[str, tuple[int, int]]
    floating_holidays: dict[str, tuple[int, int, int, int]]
    time_zones: tuple[str, ...]
    dotted_only: frozenset[str]
    looks_ahead: frozenset[str] = frozenset()  # verb lemmas placing what they govern ahead
    # words right before an expression that place it ahead of / behind the time of writing
    # whatever the verb's tense ("until Friday", "as early as Tuesday"; "since Monday")
    future_signals: tuple[tuple[str, ...], ...] = ()
    past_signals: tuple[tuple[str, ...], ...] = ()
    # feasts that move with Easter -> days from Easter Sunday, or "week": its ISO week
    easter_holidays: dict[str, int | str] = dataclasses.field(default_factory=dict)
    idioms: tuple[str, ...] = ()  # phrases that look like times but are not ("high noon")
    # verb lemmas whose "to" infinitive happens when they do ("forced her to resign Sunday")
    same_time_verbs: frozenset[str] = frozenset()
    # adjectives whose "to" infinitive happens at the clause's time ("was quick to deny")
    same_time_adjectives: frozenset[str] = frozenset()
    future_clause_marks: frozenset[str] = frozenset()  # "if he wins in November"
    supposing_marks: frozenset[str] = frozenset()  # "if he won on Nov. 8": not a report
    # nouns of events held on a set date ("Tuesday's primary"): dated the nearer way
    scheduled_events: frozenset[str] = frozenset()
    # words a rate's quantity ends in ("2 percent a year", "ten dollars a day")
    rate_words: frozenset[str] = frozenset()
    # parts of the day whose code a weekday's value carries ("Friday night": ...-18TNI)
    weekday_parts_of_day: frozenset[str] = frozenset()
    # future signals a past tense overrides ("By Sunday, the rebels had taken the town")
    deadline_signals: tuple[tuple[str, ...], ...] = ()
    # words naming the time of day something happened at ("at dawn") -> part-of-day code
    moments_of_day: dict[str, str] = dataclasses.field(default_factory=dict)
    # ordinals that pick a week of a month ("the first week of March") -> N (-1: the last)
    week_ordinals: dict[str, int] = dataclasses.field(default_factory=dict)
    # verbs that fix a day to come ("set for Thursday") and the prepositions naming it
    sets_a_date: frozenset[str] = frozenset()
    date_setting_prepositions: frozenset[str] = frozenset()
    # words naming a reporting quarter ("the latest quarter") -> quarters from the one in view
    quarter_words: dict[str, int] = dataclasses.field(default_factory=dict)
    # nouns that make a month and day before them a name ("the April 6 movement")
    date_name_heads: frozenset[str] = frozenset()
    # holidays each country keeps on its own day ("Ukraine's Independence Day")
    owned_holidays: frozenset[str] = frozenset()


def _fail(msg: str) -> DataFileError:
    return DataFileError(f"{LEXICON_PATH}: {msg}")


@functools.lru_cache(maxsize=1)
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """Read and validate the time lexicon (once per process)."""
    raw = read_yaml_mapping(path, "time lexicon")
    missing = [k for k in _REQUIRED if k not in raw]
    if missing:
        raise _fail(f"missing sections: {', '.join(missing)}")

    def table(name: str, check: Any) -> dict[str, Any]:
        section = raw[name]
        if not isinstance(section, dict):
            raise _fail(f"section {name!r} must be a mapping")
        out = {}
        for key, value in section.items():
            if not isinstance(key, str) or key != key.lower() or not check(value):
                raise _fail(f"bad entry in {name!r}: {key!r}: {value!r}")
            out[key] = value
        return out

    months = table("months", lambda v: isinstance(v, int) and 1 <= v <= 12)
    weekdays = table("weekdays", lambda v: isinstance(v, int) and 1 <= v <= 7)
    numbers = table("numbers", lambda v: v == "X" or isinstance(v, (int, float)))
    units_raw = table("units", lambda v: isinstance(v, dict) and isinstance(
        v.get("designator"), str))
    units = {k: (v["designator"], bool(v.get("time", False)), int(v.get("factor", 1)))
             for k, v in units_raw.items()}
    plurals = table("unit_plurals", lambda v: v in units) if "unit_plurals" in raw else {}
    code = re.compile(r"^[A-Z]{2}$")
    parts = table("parts_of_day", lambda v: isinstance(v, str) and bool(code.match(v)))
    moments = table("moments_of_day", lambda v: isinstance(v, str) and bool(code.match(v))) if (
        "moments_of_day" in raw) else {}
    ordinals = table("week_ordinals", lambda v: isinstance(v, int) and not isinstance(
        v, bool) and v in (-1, 1, 2, 3, 4, 5)) if "week_ordinals" in raw else {}
    quarter_words = table("quarter_words", lambda v: isinstance(v, int) and not isinstance(
        v, bool) and -8 <= v <= 0) if "quarter_words" in raw else {}
    seasons = table("seasons", lambda v: isinstance(v, str) and bool(code.match(v)))
    sets = table("sets", lambda v: isinstance(v, str) and v.startswith("P"))
    refs = table("references",
                 lambda v: v in ("PRESENT_REF", "PAST_REF", "FUTURE_REF"))
    mmdd = re.compile(r"^(\d\d)-(\d\d)$")
    holidays_raw = table("holidays", lambda v: isinstance(v, str) and bool(mmdd.match(v)))
    holidays = {}
    for k, v in holidays_raw.items():
        m = mmdd.match(v)
        assert m is not None
        holidays[k] = (int(m.group(1)), int(m.group(2)))
    floating_raw = table("floating_holidays", lambda v: isinstance(v, list) and len(v) in (3, 4)
                         and all(isinstance(x, int) for x in v))
    floating = {k: (v[0], v[1], v[2], v[3] if len(v) == 4 else 0)
                for k, v in floating_raw.items()}
    zones = raw["time_zones"]
    dotted = raw["dotted_only"]
    if not isinstance(zones, list) or not all(isinstance(z, str) for z in zones):
        raise _fail("time_zones must be a list of names")
    if not isinstance(dotted, list) or not all(d in months or d in weekdays for d in dotted):
        raise _fail("dotted_only must list month or weekday abbreviations")
    lemma_lists = {}
    for name in ("looks_ahead", "same_time_verbs", "same_time_adjectives", "future_clause_marks",
                 "supposing_marks", "scheduled_events", "rate_words", "weekday_parts_of_day",
                 "sets_a_date", "date_setting_prepositions", "date_name_heads",
                 "owned_holidays"):
        lemmas = raw.get(name, [])
        if not isinstance(lemmas, list) or not all(isinstance(w, str) and w == w.lower() and w
                                                   for w in lemmas):
            raise _fail(f"{name} must be a list of lowercase words")
        lemma_lists[name] = frozenset(lemmas)
    unknown = sorted(lemma_lists["weekday_parts_of_day"] - set(parts))
    if unknown:
        raise _fail(f"weekday_parts_of_day not in parts_of_day: {', '.join(unknown)}")
    ahead = lemma_lists["looks_ahead"]
    signals = {}
    for name in ("future_signals", "past_signals", "deadline_signals"):
        phrases = raw.get(name, [])
        if not isinstance(phrases, list) or not all(isinstance(w, str) and w == w.lower()
                                                    and w.strip() for w in phrases):
            raise _fail(f"{name} must be a list of lowercase phrases")
        # longest first, so "as early as" is tried before a shorter phrase ending the same way
        signals[name] = tuple(sorted((tuple(w.split()) for w in phrases), key=len,
                                     reverse=True))
    easter = table("easter_holidays", lambda v: v == "week" or (
        isinstance(v, int) and not isinstance(v, bool) and -70 <= v <= 70)) if (
        "easter_holidays" in raw) else {}
    idioms = raw.get("idioms", [])
    if not isinstance(idioms, list) or not all(isinstance(w, str) and w == w.lower() and w
                                               for w in idioms):
        raise _fail("idioms must be a list of lowercase phrases")
    return Lexicon(months, weekdays, numbers, units, plurals, parts, seasons, sets, refs,
                   holidays, floating, tuple(zones), frozenset(dotted), frozenset(ahead),
                   signals["future_signals"], signals["past_signals"], easter, tuple(idioms),
                   deadline_signals=signals["deadline_signals"],
                   same_time_verbs=lemma_lists["same_time_verbs"],
                   same_time_adjectives=lemma_lists["same_time_adjectives"],
                   future_clause_marks=lemma_lists["future_clause_marks"],
                   supposing_marks=lemma_lists["supposing_marks"],
                   scheduled_events=lemma_lists["scheduled_events"],
                   rate_words=lemma_lists["rate_words"],
                   weekday_parts_of_day=lemma_lists["weekday_parts_of_day"],
                   moments_of_day=moments, week_ordinals=ordinals,
                   sets_a_date=lemma_lists["sets_a_date"],
                   date_setting_prepositions=lemma_lists["date_setting_prepositions"],
                   quarter_words=quarter_words,
                   date_name_heads=lemma_lists["date_name_heads"],
                   owned_holidays=lemma_lists["owned_holidays"])


# --------------------------------------------------------------------------- the grammar


def _alt(words: Any) -> str:
    """Regex alternation of phrases, longest first, spaces matching any whitespace run."""
    items = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace(" ", r"\s+") for w in items)


def _names(table: dict[str, int], dotted: frozenset[str]) -> str:
    """Case-sensitive month/weekday names: Title or UPPER case; short forms may take a dot."""
    full = [w for w in table if len(w) > 4 or w in ("may", "june", "july")]
    short = [w for w in table if w not in full]
    forms: list[str] = []
    for w in sorted(full, key=len, reverse=True):
        forms += [w.capitalize(), w.upper()]
    for w in sorted(short, key=len, reverse=True):
        dot = r"\." if w in dotted else r"\.?"
        forms += [w.capitalize() + dot, w.upper() + dot]
    return "(?-i:" + "|".join(forms) + r")(?![A-Za-z])"


@dataclass(frozen=True)
class Grammar:
    patterns: tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...]  # kind, rx, families
    triggers: dict[str, frozenset[str]]  # word -> the trigger families it belongs to
    idioms: re.Pattern[str] | None = None  # phrases no candidate may overlap


# Every match of a pattern holds a word of one of its trigger families (or a digit), so a
# pattern only runs on the stretches of text around such words: the scan stays far
# cheaper than the parse. Families: month and weekday names, digits, unit words, and the
# other time words (today, noon, seasons, parts of the day, holidays, references). A
# pattern may name its own families, narrower than its kind's ("Sundays": weekday only).
FAMILIES: dict[str, tuple[str, ...]] = {
    "week_of": ("month",), "month_week": ("month",), "date": ("month",), "month": ("month",),
    "iso": ("digit",),
    "numeric": ("digit",), "month_day": ("digit",), "year": ("digit",), "decade": ("digit",),
    "century": ("digit",),
    "weekday": ("weekday",), "clock": ("digit", "word"), "named_time": ("word",),
    "relday": ("word",), "relunit": ("unit", "word"), "anchored": ("unit", "word"),
    "in_view": ("unit",),
    "season": ("word",), "ago": ("unit",), "offset": ("unit",), "duration": ("unit",),
    "duration_bare": ("unit",), "duration_vague": ("unit",),
    "set": ("unit", "weekday", "word"), "set_month": ("month",), "weekend": ("unit",),
    "unit_edge": ("unit",),
    "quarter": ("unit",), "quarter_ref": ("unit",), "quarter_code": ("digit",),
    "fiscal_code": ("digit",), "fiscal_rel": ("unit",), "year_tail": ("digit",),
    "half": ("word",), "half_code": ("digit",), "same_period": ("unit",), "holiday": ("word",),
    "ref": ("word", "unit"),
}
_FIXED_TRIGGERS = ("today", "tonight", "yesterday", "tomorrow", "noon", "midnight", "midday",
                   "clock", "half")
_FILLER = frozenset({"the", "at", "a", "of", "these", "s", "day"})
BEFORE, AFTER = 48, 40  # characters searched around a trigger: more than a timex spans


YEAR = r"(?:1[0-9]|20)\d\d"
# Quantity modifiers kept inside a duration (TimeML puts "more than", "at least", "almost"
# in the timex; the gold leaves "about", "nearly" and "only" out, and so do we).
QMOD = (r"(?:more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|almost|"
        r"over(?!\s+the\b)|up\s+to|a\s+full|the\s+better\s+part\s+of)")
EDGE = r"(?<![\w$#.,/-])"  # no number or word glued on the left
END = r"(?![\w])"
_NOT_IN_VIEW = (r"(?!\s*(?:before|after|ahead|leading|since|that|when|which|to|of|in|"
                r"following|ended|ending|earlier|ago|\d))")
_LEAD_PREPOSITIONS = frozenset({"at", "in", "for"})  # a reference's preposition: outside


@functools.lru_cache(maxsize=1)
def grammar() -> Grammar:
    """All patterns, compiled once per process from the lexicon."""
    lex = load_lexicon()
    mon = _names(lex.months, lex.dotted_only)
    # next to a day number a short month needs no dot ("Mar 20, 2013", "20 Jun 2012")
    mon_by_day = _names(lex.months, frozenset())
    plural_weekdays = "|".join(w.capitalize() for w in lex.weekdays if w.endswith("day"))
    wd = _names(lex.weekdays, lex.dotted_only)
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    ones = "one|two|three|four|five|six|seven|eight|nine"
    numword = rf"(?:(?:{tens})[-\s](?:{ones})|{_alt(lex.numbers)})"
    digits = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:\s+1/2|\s*½)?)"
    # "two and a half years": the half belongs to the number
    num = rf"(?P<num>(?:{digits}|{numword})(?:[\s-]+and[\s-]+a[\s-]+half(?![\w]))?)"
    unit_words = list(lex.units) + list(lex.unit_plurals)
    unit = rf"(?P<unit>{_alt(unit_words)})(?P<plural>s)?"
    pod = rf"(?P<pod>{_alt(lex.parts_of_day)})"
    season = rf"(?P<season>{_alt(lex.seasons)})"
    zones = rf"(?:{_alt(lex.time_zones)}|local\s+time|(?-i:[A-Z][a-z]+)\s+time)"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|:\d)"
    year = rf"(?P<year>{YEAR})(?![\d,]\d|\d|\s*(?:%|percent))"
    mmod = r"(?P<mmod>early|late|mid|the\s+end\s+of|the\s+middle\s+of|the\s+beginning\s+of)"
    relday = r"(?P<relday>today|tonight|yesterday|tomorrow)"
    # a clock time's weekday, unless it opens a full date ("10:41 GMT, Wednesday, 20 March
    # 2013": the date is its own timex and the time takes its day)
    wd_alone = rf"(?!,?\s+(?:[0-3]?\d(?!\d|:)|{mon_by_day}))"
    lead_refs = [r for r in lex.references if r.split()[0] in _LEAD_PREPOSITIONS]
    plain_refs = [r for r in lex.references if r not in lead_refs]

    p: list[tuple[str, str] | tuple[str, str, tuple[str, ...]]] = [
        *([("month_week", rf"the\s+(?P<ord>{_alt(lex.week_ordinals)})\s+week\s+of\s+"
                          rf"(?P<mon>{mon})(?:,?\s+{year})?(?!\.?\s+[0-3]?\d(?!\d))")]
          if lex.week_ordinals else []),
        ("week_of", rf"(?:the\s+)?week\s+of\s+(?P<mon>{mon})\s+{day}(?:,?\s+{year})?"),
        ("date", rf"(?:(?P<wd>{wd}),?\s+)?(?P<mon>{mon_by_day})(?:\s+|(?<=\.)){day}"
                 rf"(?:(?:,\s*|\s+){year})?"),
        ("date", rf"(?:(?P<wd>{wd}),?\s+)?{day}\s+(?:of\s+)?(?P<mon>{mon_by_day})"
                 rf"(?:,?\s+{year})?"),
        ("date", rf"(?P<mon>{mon})\s+[0-3]?\d(?:st|nd|rd|th)?(?:\s+(?:and|or|to|through)\s+|"
                 rf"\s*[-–]\s*)(?P<t>{day})"),  # the second day of "April 24 and 25", "3-5"
        # "on the 24th": a day of the month the text is in; the next word may only be a
        # preposition or conjunction ("the 24th Infantry", "the 5th graf" are no dates)
        ("month_day", r"(?:on|by|until|till|since|from|before|after|of)\s+"
                      r"(?P<t>the\s+(?P<day>[12]?\d|3[01])(?:st|nd|rd|th))(?![\w-])"
                      r"(?!\s+(?!(?:at|in|when|as|after|before|to|with)\b)[A-Za-z])"),
        ("iso", rf"{EDGE}(?P<year>{YEAR})-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\d-])"),
        ("iso", rf"{EDGE}(?P<year>{YEAR})/(?P<month>[01]\d)/(?P<day>[0-3]\d)(?![\d/])"),
        ("numeric", rf"{EDGE}(?P<month>[0-3]?\d)/(?P<day>[0-3]?\d)/(?P<year>\d{{4}}|\d\d)"
                    rf"(?![\d/])"),
        ("month", rf"(?:{mmod}[\s-]*)?(?:(?P<rel>last|next|this|this\s+past|this\s+coming)\s+)?"
                  rf"(?P<mon>{mon})(?:,?\s+(?:of\s+)?(?:{year}|(?P<yrel>this|last|next|that|the\s+same)\s+year))?"
                  r"(?!\.?\s+[0-3]?\d(?!\d))"),
        ("year", rf"{EDGE}(?:{mmod}[\s-]+|(?P<prepost>pre|post|mid)-)?"
                 rf"(?:(?P<fiscal>fiscal)\s+(?:year\s+)?)?{year}"),
        ("year", rf"{EDGE}{YEAR}\s*[-–]\s*(?P<t>{year})"),  # the second year of "2001-2005"
        # the second year of "1980-88", "the 2012-13 season" (its century from the first)
        ("year_tail", rf"{EDGE}(?P<first>{YEAR})[-–](?P<t>(?P<yy>\d\d))"
                      r"(?![\d%,.-]|\s*percent)"),
        ("decade", rf"{EDGE}(?:{mmod}[\s-]+)?(?:(?P<dec>(?:1\d|20)\d)0|'(?P<dec2>\d)0)'?s{END}"),
        ("century", r"(?:the\s+)?(?P<ord>\d{1,2})(?:st|nd|rd|th)\s+century"),
        ("weekday", rf"(?:(?P<rel>last|next|this|this\s+past|this\s+coming|early|late)\s+)?"
                    rf"(?P<wd>{wd})(?:\s+{pod})?"
                    # "Wednesday next week", "on Monday of last week": the day in that week
                    r"(?:,?\s+(?:of\s+)?(?P<wkrel>next|last|this)\s+week(?![\w-]))?"),
        ("clock", rf"{EDGE}(?P<h>[012]?\d)(?:[:.](?P<min>[0-5]\d))?\s*"
                  r"(?P<ampm>[ap]\.m\.|[ap]\.m(?![\w.])|[ap]m(?!\w)|(?-i:[AP]M)(?!\w))"
                  rf"(?:\s+{zones})?(?:,?\s+(?:(?P<wd>{wd}){wd_alone}|{relday}))?", ("digit",)),
        ("clock", rf"{EDGE}(?P<h>[012]?\d):(?P<min>[0-5]\d)\s+{zones}"
                  rf"(?:,?\s+(?:(?P<wd>{wd}){wd_alone}|{relday}))?", ("digit",)),
        ("clock", rf"{EDGE}(?P<h>[01]\d|2[0-3])(?P<min>[0-5]\d)\s+{zones}"  # "0900 GMT"
                  rf"(?:,?\s+(?:(?P<wd>{wd}){wd_alone}|{relday}))?", ("digit",)),
        ("clock", rf"(?P<h>{numword}|[01]?\d)(?:[:.](?P<min>[0-5]\d))?\s+"
                  rf"(?:o'clock|in\s+the\s+{pod})"),
        ("named_time", rf"(?P<named>noon|midnight|midday)(?:\s+{zones})?"
                       rf"(?:,?\s+(?:(?P<wd>{wd}){wd_alone}|{relday}))?"),
        *([("named_time", rf"(?-i:(?P<moment>{_alt(lex.moments_of_day)}))(?!\s+of\b)"
                          rf"(?:,?\s+(?:(?P<wd>{wd}){wd_alone}|{relday}))?")]
          if lex.moments_of_day else []),
        ("relday", rf"{relday}(?:\s+{pod})?"),
        ("relday", rf"(?P<thisday>this|last)\s+{pod}"),
        ("relday", r"(?P<twoday>the\s+day\s+(?:before\s+yesterday|after\s+tomorrow))"),
        ("relunit", rf"(?:(?P<pre>early|late)\s+|(?P<the>the)\s+(?=(?:last|past)\s)|"
                    r"the\s+(?=(?:current|coming)\s))?"
                    r"(?P<rel>last|next|this|past|current|coming|this\s+past|this\s+coming)\s+"
                    rf"(?:(?P<unit>week|weekend|month|year|quarter|decade|century)|{season})"
                    r"(?![\w-])"),
        ("anchored", r"(?:(?P<pre>earlier|later)\s+)?(?:(?:the|that)\s+)?"
                     r"(?P<rel>next|following|previous|prior|preceding|same)\s+"
                     r"(?P<unit>day|morning|afternoon|evening|night|week|weekend|month|quarter|"
                     r"year)"),
        ("anchored", r"(?:(?P<pre>earlier|later)\s+)?(?P<rel>that)\s+(?:same\s+)?"
                     r"(?P<unit>day|morning|afternoon|evening|night|week|month|quarter|year)"),
        ("anchored", r"the\s+day\s+(?P<dir>before|after)(?!\s+(?:yesterday|tomorrow))"),
        # "rose 2 percent for the week", "for the year, profit ...": the unit the text is at
        # (the month or year last named, else the publication's); not one before, after or
        # since something ("in the week before the vote"). "earlier in the day" is left out:
        # the AQUAINT gold leaves it unmarked
        ("in_view", r"(?:for|during|throughout|(?:earlier|later)\s+in|in)\s+"
                    r"(?P<t>the\s+(?P<unit>week|month|year))(?![\w-])" + _NOT_IN_VIEW),
        ("unit_edge", r"(?:the\s+)?(?P<edge>end|beginning|start|middle|rest|remainder)\s+of\s+"
                      r"(?:the\s+)?"
                      r"(?:(?P<rel>this|last|next|current)\s+)?"
                      r"(?P<unit>year|month|week|quarter|decade|century)"),
        ("unit_edge", r"(?P<unit>year|month|quarter)-(?P<edge>end)"),
        ("season", rf"(?:in|until|by|since|during|through|before|after|this|next|last)\s+"
                   rf"(?:the\s+)?(?P<t>{season})(?![\w-])(?!\s+(?:of\s+)?\d)"),
        ("weekend", r"(?P<the>the|this|last|next|this\s+past|this\s+coming)\s+weekend"),
        ("season", rf"(?:the\s+(?=\S+\s+of\s))?(?:{mmod}[\s-]+)?{season}\s+(?:of\s+)?{year}"),
        ("ago", rf"(?:{QMOD}\s+)?(?:{num}[\s-]+{unit}(?P<andhalf>\s+and\s+a\s+half)?|"
                r"(?P<vunit>years|months|weeks|days|decades|hours|minutes))\s+ago"),
        ("ago", rf"(?:{QMOD}\s+)?(?:{num}[\s-]+{unit}|"  # "two weeks from now": ahead
                r"(?P<vunit>years|months|weeks|days|decades|hours|minutes))\s+"
                r"(?P<fromnow>from\s+(?:now|today))"),
        ("offset", rf"(?:{QMOD}\s+)?{num}[\s-]+{unit}\s+"
                   r"(?P<dir>later|earlier|afterwards?|before(?=\s*[,.;]))"),
        ("duration", rf"{EDGE}(?:{QMOD}\s+)?(?:(?P<dpre>past|last|next|first|previous|"
                     r"coming|following|final|another|additional|further|other)\s+)?"
                     rf"{num}(?:[\s-]+(?:more|additional|full|straight|consecutive|long))?"
                     rf"[\s-]+{unit}(?:(?P<andhalf>\s+and\s+a\s+half)|(?P<suffix>-long))?"
                     r"(?![\w-])(?!\s+old\b)"),
        ("duration_bare", rf"(?:for|in|over|within|after|(?:take|takes|took|taken|taking)|"
                          r"(?:spend|spends|spent|spending|wait|waits|waited|waiting)|"
                          rf"over\s+the)\s+(?P<t>(?:{QMOD}\s+)?"
                          r"(?P<vunit>years|decades|months|weeks|days|hours|minutes|centuries))"
                          r"(?!\s+ago)\b"),
        ("duration_bare", r"(?P<t>(?P<vunit>(?:year|decade|month|week|day|hour)s?)-long)"),
        # "in the years that followed", "the months since": a stretch after some event
        ("duration_bare", r"the\s+(?P<t>(?P<vunit>years|decades|months|weeks))"
                          r"(?=\s+(?:(?:that|which)\s+followed\b|since\b))"),
        # "in recent years", "the coming months": a stretch of unsaid length (TimeML PXY)
        ("duration_bare", r"(?P<t>(?:recent|coming)\s+"
                          r"(?P<vunit>years|decades|months|weeks|days|hours))\b"),
        ("duration_vague", rf"(?P<dpre>past|last|next|first|coming)\s+"
                           rf"(?P<num>few|several|many)\s+{unit}"),
        ("set", rf"(?P<every>every|each)\s+(?:(?P<other>other)\s+)?(?:{num}\s+)?"
                rf"(?:{unit}|(?P<wd>{wd})|{pod}|{season})"),
        ("set_month", rf"(?P<every>every|each)\s+(?P<mon>{mon})"),  # "each January"
        # "closed on Sundays": a weekday in the plural recurs
        ("set", rf"(?-i:(?P<wd>{plural_weekdays})s)(?![A-Za-z])", ("weekday",)),
        ("set", rf"(?-i:(?P<wd>{plural_weekdays}))\s+(?P<pods>mornings|afternoons|evenings|"
                r"nights)\b", ("weekday",)),  # "on Saturday nights"
        ("set", r"(?P<wkends>weekends)\b", ("unit",)),  # "closed on weekends"
        ("set", rf"(?P<adv>{_alt(lex.sets)}){END}", ("word",)),
        ("set", rf"per\s+(?P<unit>{_alt(lex.units)})(?![\w-])", ("unit",)),  # "$40 per day"
        ("set", rf"(?P<freq>once|twice|{numword}\s+times|\d+\s+times)\s+(?:a|an|per)\s+{unit}",
         ("unit",)),
        # the article of "the fourth-quarter results" is its noun's, outside the timex
        ("quarter", r"(?:the\s+(?![a-z]+-quarter))?(?P<ord>first|second|third|fourth|final|last)"
                    r"(?:\s+(?P<fiscal>fiscal))?[\s-]+quarter"
                    rf"(?:\s+of\s+(?:{year}|(?P<yrel>this|last|next|the|that|the\s+same)\s+year))?"),
        # the business shorthand: "Q4", "Q4 2012", "4Q12" (after a preposition or with a
        # year: "the Audi Q3" is a car), "FY2013", "FY13"
        ("quarter_code", rf"(?:(?<=in\s)|(?<=for\s)|(?<=of\s)|(?<=during\s)|(?<=from\s)|"
                         rf"(?=Q[1-4]\s+{YEAR}))(?-i:Q(?P<ord>[1-4]))(?:\s+{year})?(?![\w-])"),
        ("quarter_code", r"(?P<ord>[1-4])(?-i:Q)(?P<yy>\d\d)(?![\w-])"),
        ("fiscal_code", rf"(?P<fiscal>(?-i:FY))\s?(?:{year}|(?P<yy>\d\d)(?![\w-]))"),
        # "the fiscal year", "last fiscal year", "the current fiscal year" ("its fiscal year":
        # the possessive stays outside)
        ("fiscal_rel", r"(?:(?P<rel>this|last|next|the\s+current|the\s+previous|the\s+next|"
                       r"the\s+coming|the\s+past|the)\s+)?fiscal\s+year(?![\w-])"
                       r"(?!\s+(?:\d|'\d))"),
        # "the quarter", "the latest quarter": the reporting quarter the text is about
        ("quarter_ref", r"the\s+(?:(?P<qword>" + _alt(lex.quarter_words) + r")\s+)?"
                        r"quarter(?![\w-])(?!\s+(?:of|century|mile)\b)"),
        # "from the same period last year", "the year-earlier period", "the same quarter of
        # 2012": the period the text is about (the last one it named), a year before
        ("same_period", r"the\s+(?:same\s+(?P<unit>period|quarter|month|week)\s+"
                        rf"(?:last\s+year|a\s+year\s+(?:earlier|ago|before)|of\s+(?:last\s+year|{year}))|"
                        r"(?:" + _alt(w for w, v in lex.quarter_words.items() if v == -4) + r")"
                        r"\s+(?:period|month))(?![\w-])"),
        # the business shorthand "H1 2013", "H2" after a preposition (as for "Q4")
        ("half_code", rf"(?:(?<=in\s)|(?<=for\s)|(?<=of\s)|(?<=during\s)|(?<=from\s)|"
                 rf"(?=H[12]\s+{YEAR}))(?-i:H(?P<ord>[12]))(?:\s+{year})?(?![\w-])"),
        ("half", r"(?:the\s+(?![a-z]+-half))?(?P<ord>first|second|latter)[\s-]+half"
                 rf"(?:\s+of\s+(?:{year}|(?P<yrel>this|last|next|the|that|the\s+same)\s+year))?"),
        ("holiday", rf"(?:(?P<rel>last|next|this)\s+)?(?P<hol>{_alt(lex.holidays)}|"
                    rf"{_alt(list(lex.floating_holidays) + list(lex.easter_holidays))})"
                    rf"(?:,?\s+{year})?{END}"),
        ("ref", rf"(?P<ref>{_alt(plain_refs)}){END}"),
        # "at present": the preposition stays outside the timex (TimeML), the phrase is the
        # lexicon's
        *([("ref", rf"(?P<lead>{_alt(r.split()[0] for r in lead_refs)})\s+"
                   rf"(?P<t>(?P<ref>{_alt(r.split(None, 1)[1] for r in lead_refs)})){END}")]
          if lead_refs else []),
    ]
    compiled = []
    for kind, rx, *own in p:
        try:
            compiled.append((kind, re.compile(r"(?<![\w])" + rx + r"(?![\w])", re.IGNORECASE),
                             own[0] if own else FAMILIES.get(kind, ())))
        except re.error as e:  # a lexicon entry that breaks the grammar
            raise _fail(f"pattern {kind!r} does not compile: {e}") from e
    missing = {kind for kind, _, families in compiled if not families}
    if missing:
        raise _fail(f"patterns without trigger families: {sorted(missing)}")
    triggers: dict[str, set[str]] = {}

    def add(words: Any, family: str) -> None:
        for w in words:
            triggers.setdefault(w, set()).add(family)

    add(lex.months, "month")
    add(lex.weekdays, "weekday")
    add(list(lex.units) + list(lex.unit_plurals), "unit")
    add(list(_FIXED_TRIGGERS) + list(lex.seasons) + list(lex.parts_of_day) + list(lex.sets)
        + list(lex.moments_of_day),
        "word")
    single = frozenset(triggers)  # the one-word triggers, before any phrase adds its own
    for phrase in (list(lex.holidays) + list(lex.floating_holidays) + list(lex.references)
                   + list(lex.easter_holidays)):
        add(_phrase_triggers(phrase, single), "word")
    idioms = re.compile(r"(?<![\w])(?:" + _alt(lex.idioms) + r")(?![\w])",
                        re.IGNORECASE) if lex.idioms else None
    return Grammar(tuple(compiled), {w: frozenset(f) for w, f in triggers.items()}, idioms)


def _phrase_triggers(phrase: str, single: frozenset[str]) -> list[str]:
    """The words of a many-word phrase that open a search window for it: one word is
    enough, so the common ones are left out - function words ("to" in "the weeks to come")
    and words that already open windows of their own family ("wednesday" in "Ash
    Wednesday") - unless nothing else is left. Each common word kept would open a window
    for every word-family pattern wherever it occurs."""
    words = [w for w in re.findall(r"[a-z]+", phrase) if w not in _FILLER]
    rare = [w for w in words if w not in STOP_WORDS and w not in single]
    return rare or words


_WORD = re.compile(r"\d+|[A-Za-z]+")  # "Wednesday's" -> Wednesday; "o'clock" -> o, clock
_SPACE = re.compile(r"\s")


def trigger_hits(text: str, triggers: dict[str, frozenset[str]]) -> dict[str, list[int]]:
    """Start offsets of trigger words (and digit runs) per family.

    Every word is looked up in a dict: 3.5 times faster than one regex alternation of all
    the trigger words (Python's ``re`` tries the alternatives one by one at each position)."""
    hits: dict[str, list[int]] = {"digit": [], "month": [], "weekday": [], "unit": [],
                                  "word": []}
    for m in _WORD.finditer(text):
        w = m.group()
        if w[0].isdigit():
            hits["digit"].append(m.start())
            continue
        key = w.lower()
        families = triggers.get(key, frozenset())
        if key.endswith("s"):
            families = families | triggers.get(key[:-1], frozenset())
        if families:
            for family in families:
                hits[family].append(m.start())
    return hits


def windows(text: str, starts: list[int]) -> list[tuple[int, int]]:
    """Disjoint stretches of text around the given trigger offsets, cut at whitespace."""
    out: list[tuple[int, int]] = []
    n = len(text)
    for pos in sorted(starts):
        start = max(0, pos - BEFORE)
        if out and start <= out[-1][1]:
            start = out[-1][0]
            out.pop()
        space = _SPACE.search(text, min(n, pos + AFTER))
        out.append((start, space.start() if space else n))
    return out


@dataclass
class Candidate:
    """A stretch of text the grammar recognized, before its meaning is resolved."""

    start: int
    end: int
    kind: str
    groups: dict[str, str]
    order: int  # pattern index: lower wins ties

    @property
    def length(self) -> int:
        return self.end - self.start


def _add(found: list[Candidate], m: re.Match[str], kind: str, order: int, text: str) -> None:
    groups = {k: v for k, v in m.groupdict().items() if v is not None}
    start, end = m.span("t") if "t" in groups else m.span()
    while end > start and text[end - 1] in " \t\n":
        end -= 1
    if end > start:
        found.append(Candidate(start, end, kind, groups, order))


def scan(text: str) -> list[Candidate]:
    """Every pattern over the text; overlaps resolved leftmost-longest (then pattern order)."""
    found: list[Candidate] = []
    gram = grammar()
    hits = trigger_hits(text, gram.triggers)
    spans_of: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for order, (kind, rx, families) in enumerate(gram.patterns):
        if families not in spans_of:
            spans_of[families] = windows(text, [p for f in families for p in hits[f]])
        for w_start, w_end in spans_of[families]:
            for m in rx.finditer(text, w_start, w_end):
                _add(found, m, kind, order, text)
    # longest first; a bisect over the kept (disjoint, sorted) spans finds any overlap
    chosen: list[Candidate] = []
    starts: list[int] = []
    if found and gram.idioms is not None:
        for m in gram.idioms.finditer(text):  # taken first, then dropped: "high noon"
            chosen.append(Candidate(m.start(), m.end(), "idiom", {}, -1))
            starts.append(m.start())
    for cand in sorted(found, key=lambda c: (-c.length, c.order, c.start)):
        i = bisect.bisect_left(starts, cand.start)
        if i < len(chosen) and chosen[i].start < cand.end:
            continue
        if i > 0 and chosen[i - 1].end > cand.start:
            continue
        chosen.insert(i, cand)
        starts.insert(i, cand.start)
    return [c for c in chosen if c.kind != "idiom"]
