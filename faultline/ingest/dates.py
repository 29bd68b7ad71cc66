"""Publication dates at ingest: recognise date lines and turn date strings into ISO 8601.

Regexes do the work; dateparser (slow to call) is a fallback with a per-file budget.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH_WORDS = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
                r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_MONTH = rf"(?P<month>{_MONTH_WORDS})\.?"
_WEEKDAY = r"(?:(?:mon|tue(?:s)?|wed(?:nes)?|thu(?:r(?:s)?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_TIME = (r"(?:(?:\s*,\s*|\s+at\s+|\s*[-–—|·]\s*|T|\s+)"
         r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?"
         r"\s*(?P<ampm>[ap]\.?\s?m\.?)?"
         r"(?:\s*\(?(?P<tz>z|utc|gmt|[+-]\d{2}:?\d{2}|(?:utc|gmt)\s*[+-]\d{1,2}(?::?\d{2})?"
         r"|[a-z]{2,5})\)?)?)?")
# Words that may introduce a date line ("Published: 17 Dec 2021", "Updated on ...").
_LEAD = (r"(?:(?:first\s+|last\s+)?(?:published|posted|updated|modified|date[d]?|created|issued)"
         r"(?:\s+(?:on|at))?\s*[:\-–—]?\s*)?")

_FORMS = [
    # 2022-02-16, 2022-02-16T14:30:00Z, 2022/02/16 14:30
    _LEAD + r"(?P<year>\d{4})[-/](?P<month>\d{1,2})[-/](?P<day>\d{1,2})" + _TIME,
    # December 17, 2021 / Fri, Dec. 17 2021 10:30 am
    _LEAD + _WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + _TIME,
    # 17 December 2021 / Friday 17th of Dec, 2021
    _LEAD + _WEEKDAY + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + _TIME,
    # 17.12.2021 (day first, as in European usage)
    _LEAD + r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})" + _TIME,
    # 12/17/2021 (month first, as in US usage; a first part over 12 means day first)
    _LEAD + r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})" + _TIME,
]
_DATE_RES = [re.compile(form, re.IGNORECASE) for form in _FORMS]
# Trailing noise a date line may carry: "| 5 min read", "(updated)".
_TRAILER = re.compile(r"\s*(?:[|·•]\s*[^|·•]{0,40})?\s*$")
# A second timestamp after the first: the first one is the publication date.
_UPDATE_NOTE = re.compile(r"\s*(?:[|·•,;–—-]\s*)?(?:last\s+)?(?:updated|modified|edited)\b.{0,40}",
                          re.IGNORECASE)
# A place before the date, as in signatures: "Moscow, 30 January 2022".
_PLACE_PREFIX = re.compile(r"^[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}\s*,\s+")
_TZ_OFFSETS = {"z": "+00:00", "utc": "+00:00", "gmt": "+00:00"}
_DATEISH = re.compile(rf"\d|\b(?:{_MONTH_WORDS})\b", re.IGNORECASE)
_MAX_DATE_LINE = 80


@dataclass
class DateBudget:
    """How many more dateparser calls this file may make (each costs ~1 ms, the first ~100)."""

    left: int = 2


def _iso_from_match(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    year = int(groups["year"])
    if groups.get("a") is not None:
        a, b = int(groups["a"]), int(groups["b"])
        month, day = (b, a) if a > 12 else (a, b)
    else:
        raw_month = groups["month"]
        month = int(raw_month) if raw_month.isdigit() else _MONTHS[raw_month[:3].lower()]
        day = int(groups["day"])
    try:
        day_value = date(year, month, day)
    except ValueError:
        return None
    if groups.get("hour") is None:
        return day_value.isoformat()
    hour, minute = int(groups["hour"]), int(groups["minute"])
    ampm = (groups.get("ampm") or "").replace(".", "").replace(" ", "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return day_value.isoformat()
    second = int(groups["second"]) if groups.get("second") else 0
    if second > 59:
        return day_value.isoformat()
    return f"{day_value.isoformat()}T{hour:02d}:{minute:02d}:{second:02d}" + _tz_suffix(
        groups.get("tz"))


def _tz_suffix(tz: str | None) -> str:
    """A numeric offset for Z/UTC/GMT/+hh:mm; named zones (EST, MSK) are dropped, not guessed."""
    if not tz:
        return ""
    key = tz.lower().replace(" ", "")
    if key in _TZ_OFFSETS:
        return _TZ_OFFSETS[key]
    m = re.fullmatch(r"(?:utc|gmt)?([+-])(\d{1,2}):?(\d{2})?", key)
    if m:
        return f"{m.group(1)}{int(m.group(2)):02d}:{m.group(3) or '00'}"
    return ""


def match_date(text: str) -> str | None:
    """ISO date (or datetime) if `text` is, in its entirety, one date; else None. Regex only."""
    text = text.strip().rstrip(".")
    if not text or len(text) > _MAX_DATE_LINE:
        return None
    for candidate in (text, _TRAILER.sub("", text, count=1)):
        for pattern in _DATE_RES:
            m = pattern.fullmatch(candidate)
            if m:
                return _iso_from_match(m)
    for pattern in _DATE_RES:  # "Feb 15, 2022 10:42 AM GMT Updated 2 hours ago"
        m = pattern.match(text)
        if m and _UPDATE_NOTE.fullmatch(text[m.end():]):
            return _iso_from_match(m)
    return None


def match_date_line(line: str, budget: DateBudget | None = None,
                    allow_place: bool = False) -> str | None:
    """ISO value if a header/footer line is a date; dateparser is tried within `budget`."""
    line = line.strip()
    found = match_date(line)
    if found is None and allow_place:
        m = _PLACE_PREFIX.match(line)
        if m:
            found = match_date(line[m.end():])
    if found is None and budget is not None and budget.left > 0 and _looks_dateish(line):
        budget.left -= 1
        found = _dateparser_iso(line)
    return found


def _looks_dateish(line: str) -> bool:
    return len(line) <= 40 and len(line.split()) <= 6 and bool(_DATEISH.search(line))


def parse_published(value: object) -> str | None:
    """ISO date or datetime from a metadata value (record field, HTML meta); None if no date."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    iso = _from_isoformat(text)
    if iso is not None:
        return iso
    found = match_date(text)
    if found is not None:
        return found
    return _dateparser_iso(text)


def _from_isoformat(text: str) -> str | None:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            return None
    if not re.match(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", text):
        return None
    try:
        stamp = datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        return None
    return stamp.isoformat(timespec="seconds")


_YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")


def _dateparser_iso(text: str) -> str | None:
    if not _YEAR_RE.search(text):
        return None  # "yesterday" or "3 days ago" would resolve against today's clock
    import dateparser  # noqa: PLC0415 - slow import, needed only for odd date strings

    try:
        parsed = dateparser.parse(
            text, languages=["en"],
            settings={"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first",
                      "RETURN_AS_TIMEZONE_AWARE": False},
        )
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed is None:
        return None
    if parsed.hour or parsed.minute or parsed.second:
        return parsed.isoformat(timespec="seconds")
    return parsed.date().isoformat()
