"""Linking across articles, over everything in the database: events, contests, numbers."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from typing import Any

from faultline.link.events import (
    EventCluster,
    cluster_mentions,
    contested,
    party_of,
    stance_of,
)
from faultline.store import Store

WINDOW_DAYS = 3


@dataclass
class LinkResult:
    clusters: list[EventCluster] = field(default_factory=list)
    contested: list[EventCluster] = field(default_factory=list)
    numbers: list[Any] = field(default_factory=list)  # faultline.link.numbers.NumberGroup

    @property
    def disagreeing_numbers(self) -> list[Any]:
        """Groups whose figures disagree (`faultline.link.numbers.disagreeing_groups`: the
        one test the CLI, the report and the query layer share)."""
        from faultline.link.numbers import disagreeing_groups

        return disagreeing_groups(self.numbers)


def copy_of_sql(store: Store, alias: str = "a") -> str:
    """`alias.copy_of`, or NULL in a database from before migration 0004 opened read-only."""
    return f"{alias}.copy_of" if "copy_of" in store.columns("articles") else "CAST(NULL AS VARCHAR)"


def load_mentions(store: Store) -> list[dict[str, Any]]:
    """Event rows with their article's publisher, date, title and evidence sentence, and
    the article's origin (itself, or the article it copies): its id, its publisher and the
    source it counts as (`origin_source`: the publisher, else the URL's host, else the
    input file, as `faultline.query.SOURCE_SQL` counts sources)."""
    from faultline.query import SOURCE_SQL

    origin_source = SOURCE_SQL.replace("a.", "o.")
    copy_of = copy_of_sql(store)
    rows = store.rows(
        f"SELECT e.*, a.publisher, a.published, a.title, {copy_of} AS copy_of, "
        f"coalesce({copy_of}, a.id) AS origin_id, o.publisher AS origin_publisher, "
        f"{origin_source} AS origin_source, "
        "substr(a.text, e.start + 1, e.\"end\" - e.start) AS evidence "
        "FROM events e JOIN articles a ON a.id = e.article_id "
        f"LEFT JOIN articles o ON o.id = coalesce({copy_of}, a.id) "
        "ORDER BY e.article_id, e.start, e.trigger_start")
    return rows


def load_number_reports(store: Store) -> list[Any]:
    """Stored claims as NumberReports, each with its sentence and the source its article
    counts as (`origin`: that of the article it copies, or its own; see load_mentions)."""
    from faultline.link.numbers import NumberReport, sentence_around
    from faultline.model import Claim, Span
    from faultline.query import SOURCE_SQL

    reach = 400  # characters either side of the figure: enough for its sentence
    copy_of = copy_of_sql(store)
    rows = store.rows(
        f"SELECT c.*, a.publisher, a.published, {copy_of} AS copy_of, "
        f"{SOURCE_SQL.replace('a.', 'o.')} AS origin_source, "
        f"greatest(c.start - {reach}, 0) AS window_start, "
        f"substr(a.text, greatest(c.start - {reach}, 0) + 1, "
        f"c.\"end\" - greatest(c.start - {reach}, 0) + {reach}) AS window "
        "FROM claims c JOIN articles a ON a.id = c.article_id "
        f"LEFT JOIN articles o ON o.id = coalesce({copy_of}, a.id) "
        "ORDER BY c.article_id, c.start")
    reports = []
    for r in rows:
        claim = Claim(span=Span(r["article_id"], r["start"], r["end"]), quantity=r["quantity"],
                      unit=r["unit"], subject=r["subject"], approximate=r["approximate"],
                      attributed_to=r["attributed_to"], quantity_max=r["quantity_max"])
        window, offset = r["window"] or "", r["window_start"]
        start, end = r["start"] - offset, r["end"] - offset
        origin = r["origin_source"] or r["copy_of"]
        reports.append(NumberReport(article_id=r["article_id"], publisher=r["publisher"],
                                    published=r["published"], claim=claim,
                                    evidence=sentence_around(window, start, end),
                                    origin=origin, figure_text=window[start:end]))
    return reports


def link_all(store: Store, *, window_days: int = WINDOW_DAYS) -> LinkResult:
    """Cluster event mentions, find contested events, group disagreeing numbers."""
    clusters = cluster_mentions(load_mentions(store), window_days=window_days)
    result = LinkResult(clusters=clusters, contested=contested(clusters))
    if importlib.util.find_spec("faultline.link.numbers") is not None:
        from faultline.link.numbers import group_numbers

        result.numbers = group_numbers(load_number_reports(store))
    return result


def link_rows(result: LinkResult) -> dict[str, list[dict[str, Any]]]:
    """The link result as rows of the event_clusters, ..._mentions and number_groups tables."""
    clusters, mentions, numbers = [], [], []
    for c in result.clusters:
        clusters.append({"id": c.id, "source": c.source, "target": c.target, "root": c.root,
                         "date_start": c.date_start, "date_end": c.date_end,
                         "num_mentions": c.n_mentions, "num_articles": c.n_articles,
                         "num_sources": c.n_sources, "contested": c.contested})
        for m in c.mentions:
            mentions.append({"cluster_id": c.id, "article_id": m["article_id"],
                             "start": m.get("start"), "trigger_start": m.get("trigger_start"),
                             "code": m.get("code"), "source_start": m.get("source_start"),
                             "target_start": m.get("target_start"),
                             "modality": m.get("modality"),
                             "stance": stance_of(m), "party": party_of(m)})
    for g in result.numbers:
        for r in g.reports:
            c = r.claim
            numbers.append({"key": g.key, "label": g.label, "disagree": g.disagree,
                            "article_id": r.article_id, "start": c.span.start,
                            "end": c.span.end, "quantity": c.quantity,
                            "quantity_max": c.quantity_max, "unit": c.unit,
                            "approximate": c.approximate, "attributed_to": c.attributed_to,
                            "publisher": r.publisher, "published": r.published})
    return {"event_clusters": clusters, "event_cluster_mentions": mentions,
            "number_groups": numbers}
