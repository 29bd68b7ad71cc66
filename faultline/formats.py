"""Event exports in the shapes other tools read: GDELT 2.0-style CSV and PLOVER-style JSON.

GDELT 2.0 column mapping (one row per event mention; GDELT has one row per event per day,
so NumMentions / NumSources / NumArticles come from faultline's cross-article cluster):

    GLOBALEVENTID        running number of the row
    SQLDATE, MonthYear,  the event's date (from the text where it gives one, else the
    Year, FractionDate   article's; `FaultlineDateSource` says which)
    Actor1*/Actor2*      source / target: Code (e.g. RUSMIL), Name, CountryCode (ISO alpha-3,
                         empty for IGOs), KnownGroupCode (IGO code for IGOs), Type1Code
                         (the sector, e.g. MIL); ethnic/religion/Type2/Type3 left empty
    IsRootEvent          1 when the evidence sentence lies in the article's first paragraph
    EventCode            CAMEO code; EventBaseCode its first three digits; EventRootCode root
    QuadClass, GoldsteinScale   from the codebook (ICEWS Goldstein table)
    NumMentions, NumSources, NumArticles   the cluster's counts (faultline.link.events)
    AvgTone              empty (faultline does not score tone)
    *Geo_*               empty except ActionGeo_FullName when the event has a location
    DATEADDED            the article's ingest time as YYYYMMDDHHMMSS
    SOURCEURL            the article URL, else its id
Extra columns after GDELT's 61: FaultlineModality, FaultlineReportedBy,
FaultlineReportedByCode, FaultlineDateSource, FaultlineClusterId, FaultlineArticleId,
FaultlineStart, FaultlineEnd (the evidence offsets), FaultlineTrigger.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from faultline.errors import OutputError
from faultline.link import LinkResult

# -- row formats: one registry for the API's downloads (and any flat list of rows) ----------


@dataclass(frozen=True)
class RowFormat:
    name: str
    extension: str
    media_type: str
    render: Callable[[list[dict[str, Any]]], str]


def _csv_text(rows: list[dict[str, Any]]) -> str:
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(list(columns))
    for row in rows:
        writer.writerow(["" if row.get(c) is None else row.get(c) for c in columns])
    return buf.getvalue()


def _jsonl_text(rows: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in rows)


def _json_text(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, default=str)


ROW_FORMATS: dict[str, RowFormat] = {f.name: f for f in (
    RowFormat("csv", "csv", "text/csv; charset=utf-8", _csv_text),
    RowFormat("jsonl", "jsonl", "application/x-ndjson", _jsonl_text),
    RowFormat("json", "json", "application/json", _json_text),
)}


def render_rows(name: str, rows: list[dict[str, Any]]) -> str:
    """Flat rows in a registered format (see ROW_FORMATS)."""
    try:
        return ROW_FORMATS[name].render(rows)
    except KeyError as e:
        raise OutputError(f"unknown format {name!r} (choose from {', '.join(ROW_FORMATS)})"
                          ) from e

_ACTOR_COLS = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
               "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code"]
_GEO_COLS = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long",
             "FeatureID"]
GDELT_COLUMNS = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{c}" for c in _ACTOR_COLS] + [f"Actor2{c}" for c in _ACTOR_COLS]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
       "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1Geo_{c}" for c in _GEO_COLS] + [f"Actor2Geo_{c}" for c in _GEO_COLS]
    + [f"ActionGeo_{c}" for c in _GEO_COLS] + ["DATEADDED", "SOURCEURL"]
)
EXTRA_COLUMNS = ["FaultlineModality", "FaultlineReportedBy", "FaultlineReportedByCode",
                 "FaultlineDateSource", "FaultlineClusterId", "FaultlineArticleId",
                 "FaultlineStart", "FaultlineEnd", "FaultlineTrigger"]


def _actor_fields(prefix: str, m: dict[str, Any]) -> dict[str, Any]:
    code = m.get(f"{prefix}_code")
    if not code:
        return {}
    is_igo = code.startswith("IGO")
    return {"Code": code, "Name": m.get(f"{prefix}_name") or "",
            "CountryCode": "" if is_igo else (m.get(f"{prefix}_country") or code[:3]),
            "KnownGroupCode": code if is_igo else "",
            "Type1Code": m.get(f"{prefix}_sector") or ""}


def _dates(value: str | None) -> dict[str, Any]:
    if not value or len(value) < 4 or not value[:4].isdigit():
        return {}
    year = int(value[:4])
    month = int(value[5:7]) if len(value) >= 7 and value[5:7].isdigit() else 1
    day = int(value[8:10]) if len(value) >= 10 and value[8:10].isdigit() else 1
    try:
        d = date(year, month, day)
    except ValueError:
        return {}
    fraction = year + (d.timetuple().tm_yday / 365.0)
    return {"SQLDATE": d.strftime("%Y%m%d"), "MonthYear": d.strftime("%Y%m"), "Year": year,
            "FractionDate": f"{fraction:.4f}"}


def gdelt_rows(links: LinkResult, extra: dict[str, dict[str, Any]]) -> Iterable[list[Any]]:
    """Rows of the GDELT-style table; `extra` maps article id -> url/added/lead_end."""
    n = 0
    for cluster in links.clusters:
        # the cluster's counts are properties over all its mentions: once per cluster
        counts = {"NumMentions": cluster.n_mentions, "NumSources": cluster.n_sources,
                  "NumArticles": cluster.n_articles}
        for m in cluster.mentions:
            n += 1
            art = extra.get(m["article_id"], {})
            code = m.get("code") or ""
            row: dict[str, Any] = {
                "GLOBALEVENTID": n, **_dates(m.get("date")),
                "IsRootEvent": int((m.get("start") or 0) < art.get("lead_end", 0)),
                "EventCode": code, "EventBaseCode": code[:3], "EventRootCode": code[:2],
                "QuadClass": m.get("quad_class"), "GoldsteinScale": m.get("goldstein"),
                **counts, "ActionGeo_FullName": m.get("location"),
                "DATEADDED": art.get("added", ""),
                "SOURCEURL": art.get("url") or m["article_id"],
                "FaultlineModality": m.get("modality"),
                "FaultlineReportedBy": m.get("reported_by_name"),
                "FaultlineReportedByCode": m.get("reported_by_code"),
                "FaultlineDateSource": m.get("date_source"),
                "FaultlineClusterId": cluster.id, "FaultlineArticleId": m["article_id"],
                "FaultlineStart": m.get("start"), "FaultlineEnd": m.get("end"),
                "FaultlineTrigger": m.get("trigger_text"),
            }
            for prefix, actor in (("Actor1", "source"), ("Actor2", "target")):
                for key, value in _actor_fields(actor, m).items():
                    row[f"{prefix}{key}"] = value
            yield [("" if row.get(c) is None else row.get(c, ""))
                   for c in GDELT_COLUMNS + EXTRA_COLUMNS]


def write_gdelt_csv(path: Path, links: LinkResult, extra: dict[str, dict[str, Any]]) -> int:
    tmp = path.with_name(path.name + ".tmp")
    n = 0
    try:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(GDELT_COLUMNS + EXTRA_COLUMNS)
            for row in gdelt_rows(links, extra):
                writer.writerow(row)
                n += 1
        os.replace(tmp, path)
    except OSError as e:
        raise OutputError(f"cannot write {path}: {e}") from e
    return n


def plover_records(links: LinkResult) -> Iterable[dict[str, Any]]:
    """PLOVER-style event records, one per mention, with faultline's evidence fields."""
    for cluster in links.clusters:
        for m in cluster.mentions:
            yield {
                "id": f"{m['article_id']}-{m.get('start')}-{m.get('trigger_start')}",
                "date": m.get("date"), "source": _plover_actor(m, "source"),
                "target": _plover_actor(m, "target"),
                "event": m.get("plover"), "cameo": m.get("code"),
                "mode": None, "modality": m.get("modality"),
                "eventText": m.get("trigger_text"), "text": m.get("evidence"),
                "reportedBy": m.get("reported_by_name"), "articleId": m["article_id"],
                "start": m.get("start"), "end": m.get("end"), "cluster": cluster.id,
                "publication": m.get("publisher"), "language": "en",
            }


def _plover_actor(m: dict[str, Any], prefix: str) -> list[dict[str, Any]]:
    code = m.get(f"{prefix}_code")
    if not code:
        return []
    return [{"actorText": m.get(f"{prefix}_name"), "code": code,
             "country": m.get(f"{prefix}_country"), "sector": m.get(f"{prefix}_sector")}]


def write_plover_json(path: Path, links: LinkResult) -> int:
    records = list(plover_records(links))
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(json.dumps(records, ensure_ascii=False, indent=1, default=str),
                       encoding="utf-8")
        os.replace(tmp, path)
    except OSError as e:
        raise OutputError(f"cannot write {path}: {e}") from e
    return len(records)
