"""Normalization of recognized temporal expressions to TimeML types and ISO 8601 values.

:func:`resolve` turns one :class:`~faultline.extract.timex_rules.Candidate` into a TimeML
``(type, value)`` pair given a :class:`Context`: the document date (the publication date), the
tense of the verb that governs the expression, and the anchor (the last day-precise date
mentioned before it, for "the next day"). Without a document date, relative values stay
underspecified the TimeML way (``XXXX-07``, ``XXXX-WXX-2``, ``PAST_REF``).

A weekday with a part of the day ("Tuesday night") keeps TimeML's part-of-day code,
``2022-02-15TNI`` (type DATE), as the guidelines write it, where the AQUAINT gold is split
(lexicon: ``weekday_parts_of_day``); "this morning" is ``2022-02-16TMO`` (type TIME). Decades
and centuries use the TIMEX3 units: ``P7DE``, decade ``199``, century ``19``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from faultline.extract.timex_rules import Candidate, Lexicon, load_lexicon

Date = dt.date

TENSE_REACH_DAYS = 270
# a past tense is trusted further back: "a letter she sent on January 20" written in late
# November is last January, not two months ahead
PAST_TENSE_REACH_DAYS = 330
PRESENT_LOOKS_BACK = False
# a month alone (no day): the future tense reaches eleven months ahead; any other tense keeps
# a shorter reach back, as a bare participle on a noun reads as past ("a summit set for April")
MONTH_TENSE_REACH_DAYS = 340
MONTH_REACH_DAYS = 310


@dataclass
class Context:
    dct: Date | None  # the article's publication date
    tense: str | None  # past | present | future | near (either side) | None (no verb found)
    anchor: Date | None  # the reference date for anchored expressions ("the next day")
    anchor_year: int | None = None  # the last year mentioned, for "later that year"
    # the last date mentioned when it named only a month ("in October ... that day"): a day
    # counted from it is a day of that month, unknown which (1998-10-XX)
    anchor_month: str | None = None
    # the value of the last calendar date in the text ("2013-01", "2012-Q3", "2013-03-04")
    last_date: str | None = None
    # the last reporting quarter named ("2012-Q4"), not one counted back for a comparison
    # ("the year-ago quarter"): what "the quarter" and "the previous quarter" count from
    quarter: str | None = None
    # a signal before the expression puts it behind the time of writing whatever the reach
    # of the tense ("has risen since April", written in March: last April)
    behind: bool = False


class Unresolvable(ValueError):
    """The candidate is not a temporal expression after all (e.g. "February 31")."""


# ------------------------------------------------------------------------- small helpers


def day_value(d: Date) -> str:
    return d.isoformat()


def week_value(d: Date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def add_months(d: Date, n: int) -> tuple[int, int]:
    """(year, month) n months after d's month."""
    index = d.year * 12 + d.month - 1 + n
    return index // 12, index % 12 + 1


def safe_date(year: int, month: int, day: int) -> Date:
    try:
        return Date(year, month, day)
    except ValueError as e:
        raise Unresolvable(f"no such date {year}-{month}-{day}") from e


def parse_number(text: str, lex: Lexicon) -> float | str:
    """A quantity word or figure -> its value, or "X" for vague ones ("several")."""
    t = " ".join(text.lower().replace("-", " ").split())
    if t.endswith(" and a half"):  # "two and a half"
        whole = parse_number(t[: -len(" and a half")], lex)
        return whole if whole == "X" else float(whole) + 0.5
    if t in lex.numbers:
        return lex.numbers[t]
    half = 0.5 if t.endswith(("1/2", "½")) else 0.0
    t = t.replace("1/2", "").replace("½", "").strip()
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", t):
        return float(t.replace(",", "")) + half
    parts = t.split()
    if len(parts) == 2 and parts[0] in lex.numbers and parts[1] in lex.numbers:
        a, b = lex.numbers[parts[0]], lex.numbers[parts[1]]
        if isinstance(a, (int, float)) and isinstance(b, (int, float)):
            return a + b
    raise Unresolvable(f"not a number: {text!r}")


def unit_of(word: str, lex: Lexicon) -> tuple[str, bool, int]:
    w = word.lower()
    w = lex.unit_plurals.get(w, w)
    if w not in lex.units and w.endswith("s"):
        w = w[:-1]
    if w not in lex.units:
        raise Unresolvable(f"not a unit: {word!r}")
    return lex.units[w]


def _fmt_number(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def duration_value(n: float | str, designator: str, is_time: bool, factor: int = 1) -> str:
    """ISO 8601 / TimeML duration: P3Y, PT5H30M, P7DE, PXM."""
    if designator == "Q":  # quarters are counted in months
        designator, factor = "M", factor * 3
    prefix = "PT" if is_time else "P"
    if n == "X":
        # an unsaid number of decades or centuries is an unsaid number of years, as the
        # TempEval-3 gold writes it ("decades-long": PXY)
        return f"{prefix}X{'Y' if designator in _YEARS_PER else designator}"
    assert isinstance(n, (int, float))
    n = n * factor
    if not float(n).is_integer():
        split = _split_fraction(n, designator, is_time)
        if split:
            return split
    return f"{prefix}{_fmt_number(n)}{designator}"


# a fraction of a unit written in the next smaller one, as TimeML writes "5 1/2 hours"
# (PT5H30M): unit -> (its whole part's designator, the smaller unit's, how many per unit)
_SMALLER = {("H", True): ("H", "M", 60), ("M", True): ("M", "S", 60),
            ("D", False): ("D", "TH", 24), ("Y", False): ("Y", "M", 12)}


def _split_fraction(n: float, designator: str, is_time: bool) -> str | None:
    """P2Y6M for two and a half years, P50Y for half a century; None when no exact split."""
    if designator in _YEARS_PER and designator != "Y":
        n, designator = n * _YEARS_PER[designator], "Y"
        if float(n).is_integer():
            return f"P{_fmt_number(n)}Y"
    if (designator, is_time) not in _SMALLER:
        return None
    big, small, per = _SMALLER[(designator, is_time)]
    whole, rest = int(n), (n - int(n)) * per
    if not float(round(rest, 6)).is_integer():
        return None
    head = "PT" if is_time else "P"
    whole_part = f"{whole}{big}" if whole else ""
    if small == "TH":  # days and hours: P2DT12H
        return f"P{whole_part}T{round(rest)}H"
    return f"{head}{whole_part}{round(rest)}{small}"


# ------------------------------------------------------------------- choosing the year


def nearest_year(dct: Date, month: int, day: int | None, tense: str | None,
                 behind: bool = False) -> int:
    """The year of a month (and day) named without one, seen from the document date.

    Past tense: the latest such date not after the document date; future: the first one
    not before it; otherwise the nearest one.
    """
    options = []
    for year in (dct.year - 1, dct.year, dct.year + 1):
        try:
            options.append(Date(year, month, day or 1))
        except ValueError:
            continue
    if not options:
        raise Unresolvable(f"no such day {month}-{day}")
    ref = dct if day else dct.replace(day=1)
    if behind and any(o <= ref for o in options):
        return max(o for o in options if o <= ref).year
    # the tense picks the direction only within about nine months (a month named alone:
    # ten): beyond that the date on the other side of the document date is the likelier
    # reading ("by Jan. 14" in an article of January 15 that was written the week before).
    # News narrates the past, so with no tense the past is preferred the same way (read
    # on real news, a month with no tense to place it, "an op-ed in May", was behind more
    # often than ahead, "November's election").
    if day:
        reach = PAST_TENSE_REACH_DAYS if tense == "past" else TENSE_REACH_DAYS
    else:
        # a month told in the future tense may lie eleven months ahead ("will vote in
        # December", written in January); a past tense keeps the shorter reach, as a bare
        # participle on a noun is read as past ("a summit set for April")
        reach = MONTH_TENSE_REACH_DAYS if tense == "future" else MONTH_REACH_DAYS
    if tense in ("past", None) or (tense == "present" and PRESENT_LOOKS_BACK):
        past = [o for o in options if o <= ref and (ref - o).days <= reach]
        if past:
            return max(past).year
    elif tense == "future":
        future = [o for o in options if o >= ref and (o - ref).days <= reach]
        if future:
            return min(future).year
    if not day:
        # the nearer month: its middle against the day of writing ("Congress returns in
        # September", written on March 20, is the coming one)
        return min(options, key=lambda o: (abs((o.replace(day=15) - dct).days), o > dct)).year
    return min(options, key=lambda o: (abs((o - ref).days), o > ref)).year


def weekday_date(dct: Date, weekday: int, rel: str | None, tense: str | None) -> Date:
    """The day a weekday name refers to, from the document date and the verb's tense."""
    back = (dct.isoweekday() - weekday) % 7
    forward = (weekday - dct.isoweekday()) % 7
    if rel in ("last", "this past"):
        return dct - dt.timedelta(days=back or 7)
    if rel in ("next", "this coming"):
        return dct + dt.timedelta(days=forward or 7)
    if rel == "this":
        return dct + dt.timedelta(days=weekday - dct.isoweekday())
    if tense in ("future", "present"):  # "the council meets Friday": scheduled, ahead
        return dct + dt.timedelta(days=forward)
    if tense == "near":  # "planned a march on Saturday": the nearer of the two
        return dct + dt.timedelta(days=forward) if forward < back else dct - dt.timedelta(
            days=back)
    return dct - dt.timedelta(days=back)


_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def season_year(dct: Date, code: str, rel: str | None, tense: str | None) -> int:
    first, last = _SEASON_MONTHS[code]
    month = dct.month if not (code == "WI" and dct.month <= 3) else dct.month + 12
    year = dct.year if not (code == "WI" and dct.month <= 3) else dct.year - 1
    if rel in ("last", "past", "this past"):
        return year if month > last else year - 1
    if rel in ("next", "coming", "this coming"):
        return year if month < first else year + 1
    if rel in ("this", "current") or tense is None:
        return year
    if tense == "present" and month <= last:
        return year  # now or still ahead this year: "talks are due in the spring", in March
    if tense == "past":
        return year if month >= first else year - 1
    # ahead; a season gone this year told in the present is the next one ("elections are
    # due in the spring", written in July)
    return year if month <= last else year + 1


# --------------------------------------------------------------------------- resolution

Result = tuple[str, str]  # (TimeML type, value)


def resolve(cand: Candidate, ctx: Context) -> Result:
    """The TimeML type and value of one candidate; raises Unresolvable for false alarms."""
    handler = _HANDLERS[cand.kind]
    return handler(cand.groups, ctx, load_lexicon())


def _month_number(name: str, lex: Lexicon) -> int:
    key = name.lower().rstrip(".")
    if key not in lex.months:
        raise Unresolvable(f"not a month: {name!r}")
    return lex.months[key]


def _weekday_number(name: str, lex: Lexicon) -> int:
    key = name.lower().rstrip(".")
    if key not in lex.weekdays:
        raise Unresolvable(f"not a weekday: {name!r}")
    return lex.weekdays[key]


def _date(g: dict[str, str], ctx: Context, lex: Lexicon) -> Result:
    month = _month_number(g["mon"], lex)
    day = int(g["day"])
    if not 1 <= day <= 31:
        raise Unresolvable("day out of range")
    if "year" in g:
        return "DATE", day_value(safe_date(int(g["year"]), month, day))
    if ctx.dct is None:
        safe_date(2000, month, day)
        return "DATE", f"XXXX-{month:02d}-{day:02d}"
    year = nearest_year(ctx.dct, month, day, ctx.tense, ctx.behind)
    return "DATE", day_value(safe_date(year, month, day))


def _month_week(g: dict[str, str], ctx: Context, lex: Lexicon) -> Result:
    """"the first week of March": the ISO week of its first day (the last: of its last day)."""
    month = _month_number(g["mon"], lex)
    n = lex.week_ordinals[" ".join(g["ord"].lower().split())]
    if "year" in g:
        year = int(g["year"])
    elif ctx.dct is None:
        return "DATE", f"XXXX-{month:02d}"
    else:
        year = nearest_year(ctx.dct, month, None, ctx.tense)
    if n > 0:
        return "DATE", week_value(safe_date(year, month, 1) + dt.timedelta(weeks=n - 1))
    nxt_year, nxt_month = add_months(safe_date(year, month, 1), 1)
    return "DATE", week_value(safe_date(nxt_year, nxt_month, 1) - dt.timedelta(days=1))


def _month_day(g: dict[str, str], ctx: Context, lex: Lexicon) -> Result:
    """"the 24th": that day of the month of the last date named, else of the publication
    month, or of the month before or after it when the tense puts the day on that side."""
    day = int(g["day"])
    if ctx.last_date and re.match(r"^\d{4}-\d\d(?:-\d\d)?$", ctx.last_date):
        year, month = int(ctx.last_date[:4]), int(ctx.last_date[5:7])
        return "DATE", day_value(safe_date(year, month, day))
    if ctx.dct is None:
        return "DATE", f"XXXX-XX-{day:02d}"
    shift = -1 if ctx.tense == "past" and day > ctx.dct.day else (
        1 if ctx.tense == "future" and day < ctx.dct.day else 0)
    year, month = add_months(ctx.dct, shift)
    return "DATE", day_value(safe_date(year, month, day))


def _week_of(g: dict[str, str], ctx: Context, lex: Lexicon) -> Result:
    _, value = _date(g, ctx, lex)
    if value.startswith("X"):
        return "DATE", "XXXX-WXX"
    return "DATE", week_value(Date.fromisoformat(value))


def _iso(g: dict[str, str], ctx: Context, lex: Lexicon) -> Result:
    return "DATE", day_value(safe_date(int(g["year"]), int(g["month"]), int(g["day"])))


def _numeric(g: dict[str, str], ctx: Context, lex: Lexicon) -> Result:
    year = int(g["year"])
    if year < 100:
        pivot = (ctx.dct.year % 100) if ctx.dct else 30
        year += 2000 if year <= pivot + 1 else 1900
    month, day = int(g["month"]), int(g["day"])
    if month > 12 >= day:  # "15/03/2013": written day first
        month, day = day, month
    return "DATE", day_value(safe_date(year, month, day))


def _year_of(yrel: str, ctx: Context, dct: Date) -> int:
    """The year of "this / last / next year" (from the publication date) and of "that year",
    "the same year" (the last year the text named, else the publication year's)."""
    word = " ".join(yrel.lower().split())
    if word in ("that", "the same"):
        return ctx.anchor_year if ctx.anchor_year is not None else dct.year
    return dct.year + {"last": -1, "this": 0, "next": 1}[word]


def _month(g: dict[str, str], ctx: Context, lex: Lexicon) -> Result:
    month = _month_number(g["mon"], lex)
    if "year" in g:
        return "DATE", month_value(int(g["year"]), month)
    if ctx.dct is None:
        return "DATE", f"XXXX-{month:02d}"
    rel = " ".join(g.get("rel", "").lower().split()) or None
    dct = ctx.dct
    if "yrel" in g:  # "February this year", "November of that year"
        year = _year_of(g["yrel"], ctx, dct)
    elif rel in ("last", "this past"):
        year = dct.year if month < dct.month else dct.year - 1
    elif rel in ("next", "this coming"):
        year = dct.year if month > dct.month else dct.year + 1
    elif rel == "this":
        year = dct.year
    else:
        year = nearest_year(dct, month, None, ctx.tense, ctx.behind)
    return "DATE", month_value(year, month)


def _year(g: dict[str, str], ctx: Context, lex: Lexicon) -> Result:
    if "fiscal" in g:  # TIMEX3 marks a fiscal year apart from the calendar year
        year = _two_digit_year(g["yy"]) if "yy" in g else int(g["year"])
        return "DATE", f"FY{year:04d}"
    return "DATE", f"{int(g['year']):04d}"


_FISCAL_SHIFT = {"last": -1, "the previous": -1, "the past": -1, "this": 0, "the current": 0,
                 "the": 0, "next": 1, "the next": 1, "the coming": 1}


def _fiscal_rel(g: dict[str, str], ctx: Context, lex: Lexicon) -> Result:
    """"the fiscal year" (the one the publication date falls in, named by its calendar
    year: TimeML FY2013), "last fiscal year" (FY2012)."""
    rel = " ".join(g.get("rel", "the").lower().split())
    if ctx.dct is None:
        return "DATE", "FYXXXX"
    return "DATE", f"FY{ctx.dct.year + _FISCAL_SHIFT[rel]:04d}"


def _year_tail(g: dict[str, str], ctx: Context, lex: Lexicon) -> Result:
    """"88" of "1980-88": the first year's century, or the next one's ("1998-02")."""
    first = int(g["first"])
    year = first // 100 * 100 + int(g["yy"])
    if year <= first:
        year += 100
    if year - first > 30:
        raise Unresolvable("not the end of a span of years")
    return "DATE", f"{year:04d}"


def _decade(g: dict[str, str], ctx: Context, lex: Lexicon) -> Result:
    if "dec" in g:
        return "DATE", g["dec"]
    digit = int(g["dec2"])
    if ctx.dct is None:
        return "DATE", f"19{digit}"
    options = [c + digit for c in (ctx.dct.year // 100 * 10 - 10, ctx.dct.year // 100 * 10)]
    past = [o for o in options if o * 10 <= ctx.dct.year]
    return "DATE", str(max(past) if past else min(options))


def _century(g: dict[str, str], ctx: Context, lex: Lexicon) -> Result:
    n = int(g["ord"])
    if not 1 <= n <= 30:
        raise Unresolvable("century out of range")
    return "DATE", f"{n - 1:02d}"


def _weekday(g: dict[str, str], ctx: Context, lex: Lexicon) -> Result:
    weekday = _weekday_number(g["wd"], lex)
    rel = " ".join(g.get("rel", "").lower().split()) or None
    pod = g.get("pod", "").lower()
    # "Friday night": the day with TimeML's part-of-day code (2022-02-18TNI); the type
    # stays DATE, as no clock time is given
    part = f"T{lex.parts_of_day[pod]}" if pod in lex.weekday_parts_of_day else ""
    if ctx.dct is None:
        return "DATE", f"XXXX-WXX-{weekday}{part}"
    week = g.get("wkrel", "").lower()
    if week and rel is None:
        # "Wednesday next week": that weekday in the ISO week named, whatever the tense
        monday = ctx.dct - dt.timedelta(days=ctx.dct.isoweekday() - 1)
        monday += dt.timedelta(days=7 * {"next": 1, "last": -1, "this": 0}[week])
        return "DATE", day_value(monday + dt.timedelta(days=weekday - 1)) + part
    return "DATE", day_value(weekday_date(ctx.dct, weekday, rel, ctx.tense)) + part


def _relday_date(word: str, ctx: Context) -> Date | None:
    if ctx.dct is None:
        return None
    shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word.lower()]
    return ctx.dct + dt.timedelta(days=shift)


_REF_OF_SHIFT = {0: "PRESENT_REF", -1: "PAST_REF", 1: "FUTURE_REF", -2: "PAST_REF",
                 2: "FUTURE_REF"}


def _clock_day(g: dict[str, str], ctx: Context, lex: Lexicon) -> str:
    if ctx.dct is None:
        return "XXXX-XX-XX"
    if "wd" in g:
        return day_value(weekday_date(ctx.dct, _weekday_number(g["wd"], lex), None, ctx.tense))
    if "relday" in g:
        d = _relday_date(g["relday"], ctx)
        assert d is not None
        return day_value(d)
    day = ctx.anchor or ctx.dct
    if ctx.anchor and (ctx.tense == "past" and ctx.anchor > ctx.dct or (
            ctx.tense == "future" and ctx.anchor < ctx.dct)):
        # the last date named lies on the wrong side for the tense ("the deadline is
        # Monday. ... told reporters at 11 a.m."): not this time's day, the publication's
        day = ctx.dct
    return day_value(day)


def _clock(g: dict[str, str], ctx: Context, lex: Lexicon) -> Result:
    hour_text = g["h"]
    hour_n = parse_number(hour_text, lex) if not hour_text.isdigit() else int(hour_text)
    if not isinstance(hour_n, (int, float)) or not 0 <= hour_n <= 24:
        raise Unresolvable("hour out of range")
    hour = int(hour_n)
    minute = int(g.get("min", "0"))
    ampm = g.get("ampm", "").lower().replace(".", "")
    pod = g.get("pod", "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            raise Unresolvable("a.m./p.m. hour out of range")
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    elif pod in ("afternoon", "evening", "night") and hour < 12:
        hour += 12
    return "TIME", f"{_clock_day(g, ctx, lex)}T{hour:02d}:{minute:02d}"


def _named_time(g: dict[str, str], ctx: Context, lex: Lexicon) -> Result:
    if "moment" in g:  # "at dawn": the day's part of the day
        return "TIME", f"{_clock_day(g, ctx, lex)}T{lex.moments_of_day[g['moment'].lower()]}"
    clock = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}[g["named"].lower()]
    return "TIME", f"{_clock_day(g, ctx, lex)}T{clock}"


def _relday(g: dict[str, str], ctx: Context, lex: Lexicon) -> Result:
    pod = g.get("pod", "").lower()
    if "twoday" in g:
        shift = -2 if "before" in g["twoday"].lower() else 2
        if ctx.dct is None:
            return "DATE", _REF_OF_SHIFT[shift]
        return "DATE", day_value(ctx.dct + dt.timedelta(days=shift))
    if "thisday" in g:
        this = g["thisday"].lower() == "this"
        if ctx.dct is None:
            return ("TIME", "PRESENT_REF") if this else ("DATE", "PAST_REF")
        # "this morning", "last night": the day with its part of the day (TimeML TIME)
        day = ctx.dct if this else ctx.dct - dt.timedelta(days=1)
        return "TIME", f"{day_value(day)}T{lex.parts_of_day[pod]}"
    word = g["relday"].lower()
    d = _relday_date(word, ctx)
    if d is None:
        shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
        return "DATE", _REF_OF_SHIFT[shift]
    if pod:  # "yesterday morning", "tomorrow night"
        return "TIME", f"{day_value(d)}T{lex.parts_of_day[pod]}"
    if word == "tonight":  # this night, as "this evening" is this evening
        return "TIME", f"{day_value(d)}T{lex.parts_of_day['night']}"
    return "DATE", day_value(d)


def _shift_unit(d: Date, unit: str, n: int) -> str:
    """The value of the calendar unit n units away from d, at that unit's precision."""
    if unit in ("day", "morning", "afternoon", "evening", "night"):
        return day_value(d + dt.timedelta(days=n))
    if unit == "week":
        return week_value(d + dt.timedelta(weeks=n))
    if unit == "weekend":
        return week_value(d + dt.timedelta(weeks=n)) + "-WE"
    if unit == "month":
        return month_value(*add_months(d, n))
    if unit == "quarter":
        index = d.year * 4 + (d.month - 1) // 3 + n
        return f"{index // 4:04d}-Q{index % 4 + 1}"
    if unit == "year":
        return f"{d.year + n:04d}"
    if unit == "decade":
        return f"{d.year // 10 + n:03d}"
    if unit == "century":
        return f"{d.year // 100 + n:02d}"
    raise Unresolvable(f"unit {unit!r}")


_REL_SHIFT = {"last": -1, "this past": -1, "previous": -1, "prior": -1, "preceding": -1,
              "this": 0, "current": 0, "same": 0, "that": 0,
              "next": 1, "coming": 1, "this coming": 1, "following": 1}


def _relunit(g: dict[str, str], ctx: Context, lex: Lexicon) -> Result:
    rel = " ".join(g["rel"].lower().split())
    if "season" in g:
        code = lex.seasons[g["season"].lower()]
        if ctx.dct is None:
            return "DATE", f"XXXX-{code}"
        return "DATE", f"{season_year(ctx.dct, code, rel, ctx.tense):04d}-{code}"
    unit = g["unit"].lower()
    if unit == "weekend" and rel in ("this", "last", "next", "this past", "this coming") and (
            "pre" not in g):
        return _weekend({"the": rel}, ctx, lex)  # placed by the tense like "the weekend"
    # "the past week", "spent the last year": the stretch up to now; "last year" the year
    if rel == "past" or (rel == "last" and (unit in ("decade", "century") or "the" in g) and (
            unit != "quarter")):  # "in the last quarter" is the one before this (2015-Q4)
        designator, is_time, factor = unit_of(unit, lex)
        return "DURATION", duration_value(1, designator, is_time, factor)
    shift = _REL_SHIFT[rel]
    if ctx.dct is None:
        return "DATE", _REF_OF_SHIFT[max(-1, min(1, shift))]
    return "DATE", _shift_unit(ctx.dct, unit, shift)


_DAY_UNITS = frozenset({"day", "morning", "afternoon", "evening", "night"})
_YEAR_ONLY = re.compile(r"^\d{4}$")


def _anchored(g: dict[str, str], ctx: Context, lex: Lexicon) -> Result:
    anchor = ctx.anchor or ctx.dct
    if "dir" in g:
        unit, shift = "day", (-1 if g["dir"].lower() == "before" else 1)
    else:
        unit = g["unit"].lower()
        shift = _REL_SHIFT[g["rel"].lower()]
    if unit == "year" and ctx.anchor_year is not None:
        return "DATE", f"{ctx.anchor_year + shift:04d}"
    if unit == "month" and ctx.anchor_month:  # "In August ... that month"
        year, month = (int(x) for x in ctx.anchor_month.split("-"))
        return "DATE", month_value(*add_months(Date(year, month, 1), shift))
    if unit == "quarter":
        # "the previous quarter": before the quarter the text is about (named, or the last
        # one ended); "the following quarter" with none named: after the current one
        if shift < 0 or ctx.dct is None or ctx.quarter:
            view = quarter_in_view(ctx, latest=True)
        else:
            view = ctx.dct.year, (ctx.dct.month - 1) // 3 + 1
        if view is None:
            return "DATE", "XXXX-QX"
        index = view[0] * 4 + view[1] - 1 + shift
        return "DATE", f"{index // 4:04d}-Q{index % 4 + 1}"
    if ctx.anchor_month and unit in _DAY_UNITS:
        return "DATE", f"{ctx.anchor_month}-XX"
    if ctx.anchor_month and unit in ("week", "weekend"):  # "in December ... the next week"
        return "DATE", f"{ctx.anchor_month[:4]}-WXX"
    year_only = ctx.last_date if ctx.last_date and _YEAR_ONLY.match(ctx.last_date) else None
    if year_only and (anchor is None or anchor.year != int(year_only)):
        # the last date named was a year, after any day ("On March 3, 2008 ... In 2011 he
        # was held and freed the following week"): a unit of that year, unknown which
        return "DATE", f"{year_only}-" + {"week": "WXX", "weekend": "WXX-WE",
                                          "month": "XX"}.get(unit, "XX-XX")
    if anchor is None:
        return "DATE", "XXXX-XX-XX"
    return "DATE", _shift_unit(anchor, unit, shift)


def _season(g: dict[str, str], ctx: Context, lex: Lexicon) -> Result:
    code = lex.seasons[g["season"].lower()]
    if "year" in g:
        return "DATE", f"{int(g['year']):04d}-{code}"
    if ctx.dct is None:
        return "DATE", f"XXXX-{code}"
    return "DATE", f"{season_year(ctx.dct, code, None, ctx.tense):04d}-{code}"


def _unit_edge(g: dict[str, str], ctx: Context, lex: Lexicon) -> Result:
    """"the end of the year", "year-end": the unit itself (TimeML puts the edge in mod)."""
    rel = g.get("rel", "this").lower()
    if ctx.dct is None:
        return "DATE", _REF_OF_SHIFT[_REL_SHIFT[rel]]
    shift = _REL_SHIFT[rel]
    unit = g["unit"].lower()
    if "rel" not in g and g["edge"].lower() == "end" and ctx.tense in ("past", "past perfect") and (
            not _near_its_end(ctx.dct, unit)):
        shift = -1  # "by the end of the year, the army had left", written in March: last year's
    return "DATE", _shift_unit(ctx.dct, unit, shift)


def _near_its_end(d: Date, unit: str) -> bool:
    """Whether d lies in the last stretch of its year / quarter / month (or the unit is
    shorter): an end told in the past may be this one's."""
    if unit == "year":
        return d.month >= 11
    if unit == "quarter":
        return d.month % 3 == 0
    if unit == "month":
        return d.day >= 24
    return True


_GRANULARITY = {"S": "day", "M": "month", "H": "day", "D": "day", "W": "week", "WE": "week",
                "Q": "quarter", "Y": "year", "DE": "year", "CE": "year", "ML": "year"}
_YEARS_PER = {"Y": 1, "DE": 10, "CE": 100, "ML": 1000}


def _moved(anchor: Date, n: float, designator: str, is_time: bool, factor: int) -> str:
    """anchor moved by n units (negative: back), at the unit's precision."""
    k = int(round(n * factor))
    if is_time:
        return day_value(anchor)
    if designator == "D":
        return day_value(anchor + dt.timedelta(days=k))
    if designator in ("W", "WE"):
        return week_value(anchor + dt.timedelta(weeks=k))
    if designator == "M":
        return month_value(*add_months(anchor, k))
    if designator == "Q":
        return month_value(*add_months(anchor, 3 * k))
    return f"{anchor.year + k * _YEARS_PER[designator]:04d}"


def _ago(g: dict[str, str], ctx: Context, lex: Lexicon) -> Result:
    ahead = "fromnow" in g  # "two weeks from now"
    vague = "FUTURE_REF" if ahead else "PAST_REF"
    if "vunit" in g:
        return "DATE", vague
    n = parse_number(g["num"], lex)
    designator, is_time, factor = unit_of(g["unit"], lex)
    if n == "X" or ctx.dct is None:
        return "DATE", vague
    assert isinstance(n, (int, float))
    if "andhalf" in g:  # "a year and a half ago"
        n += 0.5
    if designator == "Y" and not float(n).is_integer():
        n, designator = n * 12, "M"  # eighteen months back, at the month
    return "DATE", _moved(ctx.dct, n if ahead else -n, designator, is_time, factor)


_MONTH_OR_QUARTER = re.compile(r"^\d{4}-(?:\d\d|Q[1-4]|H[12])$")


def _offset(g: dict[str, str], ctx: Context, lex: Lexicon) -> Result:
    n = parse_number(g["num"], lex)
    designator, is_time, factor = unit_of(g["unit"], lex)
    anchor = ctx.anchor or ctx.dct
    if n == "X" or anchor is None:
        return "DATE", "XXXX-XX-XX"
    assert isinstance(n, (int, float))
    sign = -1 if g["dir"].lower() in ("earlier", "before") else 1
    if is_time:  # "an hour later": no clock time to count from, only the stretch (PT1H)
        return "DURATION", duration_value(n, designator, is_time, factor)
    # counted from the last date in the text at that date's precision: "in 2005 ... four
    # years later" is 2009 even if the story has a day-precise date from another year
    k = int(round(sign * n * factor))
    if designator == "Y" and ctx.last_date and _MONTH_OR_QUARTER.match(ctx.last_date):
        # "in January, up from 10 percent a year earlier": the same month (quarter) of the
        # year before, at the precision of the date it counts from
        year, rest = int(ctx.last_date[:4]), ctx.last_date[4:]
        return "DATE", f"{year + k:04d}{rest}"
    if designator in _YEARS_PER and ctx.anchor_year is not None:
        return "DATE", f"{ctx.anchor_year + k * _YEARS_PER[designator]:04d}"
    if ctx.anchor_month and designator == "M" and not is_time:
        year, month = (int(x) for x in ctx.anchor_month.split("-"))
        return "DATE", month_value(*add_months(Date(year, month, 1), int(round(sign * n))))
    if ctx.anchor_month and designator == "D" and not is_time:
        return "DATE", f"{ctx.anchor_month}-XX"
    return "DATE", _moved(anchor, sign * n, designator, is_time, factor)


def _duration(g: dict[str, str], ctx: Context, lex: Lexicon) -> Result:
    num = g["num"]
    unit_word = g["unit"].lower()
    if num.lower() in ("a", "an") and unit_word == "second":
        raise Unresolvable("'a second' is an ordinal")
    n = parse_number(num, lex)
    if "andhalf" in g and n != "X":  # "a year and a half"
        n = float(n) + 0.5
    designator, is_time, factor = unit_of(unit_word, lex)
    return "DURATION", duration_value(n, designator, is_time, factor)


def _duration_bare(g: dict[str, str], ctx: Context, lex: Lexicon) -> Result:
    unit = g["vunit"].lower()
    designator, is_time, factor = unit_of(unit, lex)
    n: float | str = "X" if unit.endswith("s") else 1  # "decades-long" vs "day-long"
    return "DURATION", duration_value(n, designator, is_time, 1 if n == "X" else factor)


def _weekend(g: dict[str, str], ctx: Context, lex: Lexicon) -> Result:
    """"the weekend": the last one in past narration, the coming one otherwise."""
    rel = " ".join(g["the"].lower().split())
    if ctx.dct is None:
        return "DATE", "XXXX-WXX-WE"
    saturday = ctx.dct + dt.timedelta(days=6 - ctx.dct.isoweekday())
    # "the weekend" in past narration, and "this weekend" told in the past tense early in
    # the week ("they met this weekend", written on Monday), are the one just gone
    if rel in ("last", "this past") or (rel == "the" and ctx.tense in ("past", None)) or (
            rel == "this" and ctx.tense == "past"):
        if saturday >= ctx.dct:  # the weekend of this week has not come yet
            saturday -= dt.timedelta(weeks=1)
    elif rel == "next":
        saturday += dt.timedelta(weeks=1)
    return "DATE", week_value(saturday) + "-WE"


def _set(g: dict[str, str], ctx: Context, lex: Lexicon) -> Result:
    if "adv" in g:
        return "SET", lex.sets[g["adv"].lower()]
    if "wd" in g:
        pod = lex.parts_of_day.get(g.get("pods", "")[:-1].lower())
        return "SET", f"XXXX-WXX-{_weekday_number(g['wd'], lex)}" + (f"T{pod}" if pod else "")
    if "wkends" in g:
        return "SET", "XXXX-WXX-WE"
    if "season" in g:  # "each summer"
        return "SET", f"XXXX-{lex.seasons[g['season'].lower()]}"
    if "mon" in g:  # "each January"
        return "SET", f"XXXX-{_month_number(g['mon'], lex):02d}"
    if "pod" in g and "unit" not in g:
        return "SET", f"TXX{lex.parts_of_day[g['pod'].lower()]}"
    n: float | str = 2 if "other" in g else 1  # "every other day": every second one
    if "num" in g and "every" in g:
        n = parse_number(g["num"], lex)
    designator, is_time, factor = unit_of(g["unit"], lex)
    return "SET", duration_value(n, designator, is_time, factor)


_QUARTER = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4,
            "1": 1, "2": 2, "3": 3, "4": 4}


def _two_digit_year(yy: str) -> int:
    """"13" in "FY13", "4Q12": this century's year, or the last one's for a high number."""
    n = int(yy)
    return 2000 + n if n < 70 else 1900 + n


def _quarter(g: dict[str, str], ctx: Context, lex: Lexicon) -> Result:
    ordinal = g["ord"].lower()
    if ordinal == "last" and ("year" in g or "yrel" in g):
        ordinal = "final"  # "the last quarter of 2012": its fourth
    if ordinal == "last":
        if ctx.dct is None:
            return "DATE", "PAST_REF"
        return "DATE", _shift_unit(ctx.dct, "quarter", -1)
    q = _QUARTER[ordinal]
    if "year" in g:
        return "DATE", f"{g['year']}-Q{q}"
    if "yy" in g:
        return "DATE", f"{_two_digit_year(g['yy']):04d}-Q{q}"
    if ctx.dct is None:
        return "DATE", f"XXXX-Q{q}"
    if "yrel" in g and g["yrel"].lower() != "the":  # "of the year": as if none were named
        year = _year_of(g["yrel"], ctx, ctx.dct)
        return "DATE", f"{year:04d}-Q{q}"
    current = (ctx.dct.month - 1) // 3 + 1
    # a quarter still ahead this year is last year's one in narration of the past, and
    # with no tense at all ("the loss in the fourth quarter"): results are reported after
    behind = ctx.tense in ("past", None)
    year = ctx.dct.year - 1 if (behind and q > current) else ctx.dct.year
    return "DATE", f"{year:04d}-Q{q}"


_QUARTER_VALUE = re.compile(r"^(\d{4})-Q([1-4])$")


def quarter_in_view(ctx: Context, latest: bool = False) -> tuple[int, int] | None:
    """(year, quarter) of the reporting quarter the text is about: the last quarter it named,
    else the last one ended before the publication date (in narration of the past, and
    for "the latest quarter") or the current one (a forecast: "sales in the quarter will")."""
    m = _QUARTER_VALUE.match(ctx.quarter or "")
    if m:
        return int(m.group(1)), int(m.group(2))
    if ctx.dct is None:
        return None
    index = ctx.dct.year * 4 + (ctx.dct.month - 1) // 3
    if latest or ctx.tense in ("past", "past perfect", None):
        index -= 1
    return index // 4, index % 4 + 1


def _quarter_ref(g: dict[str, str], ctx: Context, lex: Lexicon) -> Result:
    """"the quarter", "the latest quarter", "the year-ago quarter"."""
    word = " ".join(g.get("qword", "").lower().split())
    view = quarter_in_view(ctx, latest=bool(word))
    if view is None:
        return "DATE", "XXXX-QX"
    index = view[0] * 4 + view[1] - 1 + lex.quarter_words.get(word, 0)
    return "DATE", f"{index // 4:04d}-Q{index % 4 + 1}"


def _half(g: dict[str, str], ctx: Context, lex: Lexicon) -> Result:
    h = 1 if g["ord"].lower() in ("first", "1") else 2
    if "year" in g:
        return "DATE", f"{g['year']}-H{h}"
    if ctx.dct is None:
        return "DATE", f"XXXX-H{h}"
    yrel = g.get("yrel", "the").lower()  # "of the year": as if no year were named
    year = ctx.dct.year if yrel == "the" else _year_of(yrel, ctx, ctx.dct)
    if yrel == "the" and ctx.tense == "past" and ctx.dct.month <= 6:
        # "sales rose in the second half", "reported first-half profit", written in spring:
        # this year's half is not over yet, so the last one told in the past is last year's
        year -= 1
    return "DATE", f"{year:04d}-H{h}"


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> Date:
    if nth > 0:
        first = Date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    last = Date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


def easter_sunday(year: int) -> Date:
    """Western (Gregorian) Easter Sunday: the computus in its anonymous Gregorian form."""
    golden = year % 19
    century, rest = divmod(year, 100)
    leap_c, c_rest = divmod(century, 4)
    moon_fix = (century + 8) // 25
    moon_c = (century - moon_fix + 1) // 3
    epact = (19 * golden + century - leap_c - moon_c + 15) % 30
    leap_r, r_rest = divmod(rest, 4)
    weekday = (32 + 2 * c_rest + 2 * leap_r - epact - r_rest) % 7
    shift = (golden + 11 * epact + 22 * weekday) // 451
    month, day = divmod(epact + weekday - 7 * shift + 114, 31)
    return Date(year, month, day + 1)


def _holiday(g: dict[str, str], ctx: Context, lex: Lexicon) -> Result:
    name = " ".join(g["hol"].lower().split())
    easter = lex.easter_holidays.get(name)
    as_week = easter == "week"

    def on(year: int) -> Date:
        if name in lex.holidays:
            month, day = lex.holidays[name]
            return safe_date(year, month, day)
        if easter is not None:  # a week counts from its Monday, for "Holy Week began"
            return easter_sunday(year) + dt.timedelta(days=-6 if as_week else int(easter))
        month, weekday, nth, plus = lex.floating_holidays[name]
        return _nth_weekday(year, month, weekday, nth) + dt.timedelta(days=plus)

    def value(d: Date) -> str:
        return week_value(d) if as_week else day_value(d)

    if "year" in g:
        return "DATE", value(on(int(g["year"])))
    if ctx.dct is None:
        if easter is not None:
            return "DATE", "XXXX-WXX" if as_week else "XXXX-XX-XX"
        d = on(2000)
        return "DATE", f"XXXX-{d.month:02d}-{d.day:02d}"
    dct = ctx.dct
    rel = g.get("rel", "").lower()
    options = [on(y) for y in (dct.year - 1, dct.year, dct.year + 1)]
    # as for a date without a year, the tense picks the side only within its reach: a
    # story of December 23 whose "the Saturday before Christmas" is past speaks of the
    # Christmas two days ahead, not of last year's
    past = [o for o in options if o <= dct and (dct - o).days <= TENSE_REACH_DAYS]
    ahead = [o for o in options if o >= dct and (o - dct).days <= TENSE_REACH_DAYS]
    if rel == "last":
        chosen = max(o for o in options if o < dct)
    elif rel == "next":
        chosen = min(o for o in options if o > dct)
    elif ctx.tense == "past" and past:
        chosen = max(past)
    elif ctx.tense == "future" and ahead:
        chosen = min(ahead)
    else:
        chosen = min(options, key=lambda o: abs((o - dct).days))
    return "DATE", value(chosen)


_PERIOD_VALUE = re.compile(r"^(\d{4})(-(?:Q[1-4]|H[12]|\d\d))$")


def _same_period(g: dict[str, str], ctx: Context, lex: Lexicon) -> Result:
    """"the same period last year", "the year-earlier period": the period in view a year
    back (the year itself when the text named none finer)."""
    m = _PERIOD_VALUE.match(ctx.last_date or "")
    if g.get("unit", "").lower() == "quarter" and not (m and "Q" in m.group(2)):
        view = quarter_in_view(ctx)
        m = _PERIOD_VALUE.match(f"{view[0]:04d}-Q{view[1]}") if view else None
    if "year" in g:
        year = int(g["year"])
    elif m:
        year = int(m.group(1)) - 1
    elif ctx.dct is not None:
        year = ctx.dct.year - 1
    else:
        return "DATE", "PAST_REF"
    return "DATE", f"{year:04d}{m.group(2) if m else ''}"


def _in_view(g: dict[str, str], ctx: Context, lex: Lexicon) -> Result:
    """"for the week", "for the year", "earlier in the day": the unit the text is at."""
    unit = g["unit"].lower()
    if unit == "year" and ctx.anchor_year is not None:
        return "DATE", f"{ctx.anchor_year:04d}"
    if unit == "month" and ctx.anchor_month is not None:
        return "DATE", ctx.anchor_month
    base = ctx.anchor or ctx.dct
    if base is None:
        raise Unresolvable("no date in view")
    return "DATE", _moved(base, 0, *unit_of(unit, lex))


def _ref(g: dict[str, str], ctx: Context, lex: Lexicon) -> Result:
    phrase = " ".join((g.get("lead", "") + " " + g["ref"]).lower().split())
    if phrase not in lex.references:
        raise Unresolvable(f"no reference {phrase!r}")
    return "DATE", lex.references[phrase]


_HANDLERS = {
    "date": _date, "month_day": _month_day, "month_week": _month_week, "week_of": _week_of,
    "iso": _iso,
    "numeric": _numeric, "month": _month,
    "year": _year, "decade": _decade, "century": _century, "weekday": _weekday,
    "clock": _clock, "named_time": _named_time, "relday": _relday, "relunit": _relunit,
    "anchored": _anchored, "season": _season, "unit_edge": _unit_edge, "ago": _ago,
    "offset": _offset, "duration": _duration, "duration_bare": _duration_bare,
    "duration_vague": _duration, "set": _set, "set_month": _set, "weekend": _weekend,
    "quarter": _quarter, "quarter_ref": _quarter_ref, "quarter_code": _quarter,
    "fiscal_code": _year, "fiscal_rel": _fiscal_rel, "year_tail": _year_tail, "half": _half,
    "half_code": _half,
    "holiday": _holiday,
    "ref": _ref, "in_view": _in_view,
    "same_period": _same_period,
}
