"""The cross-source layer end to end, over a corpus written for it (tests/link/corpus.py):
copies are one report, contests are true, numbers are a series, alerts show their events,
and the CLI and the report tell the same counts."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from faultline.cli import main
from faultline.link import LinkResult, link_all
from faultline.link.copies import find_copies, shingles
from faultline.link.events import EventCluster
from faultline.store import Store
from tests.link.corpus import HOMOGLYPH, LEDGER, SPUN, WIRE, disguise, write_corpus

NEGATIONS = ("not authorized to speak", "will not be discussed without Kyiv",
             "has not changed", "did not take part", "Nobody asked Kyiv")


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("corpus")
    out = folder / "out"
    path = write_corpus(folder)
    import contextlib
    import io

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        main(["analyze", str(path), "--out", str(out)])
    with Store.open(out / "faultline.duckdb") as store:
        links = link_all(store)
        events = store.rows("SELECT * FROM events ORDER BY article_id, start, trigger_start")
    return {"out": out, "stdout": buffer.getvalue(), "links": links, "events": events}


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_wire_story_and_three_copies_are_one_family(run: dict[str, Any]) -> None:
    articles = {a["id"]: a for a in _jsonl(run["out"] / "articles.jsonl")}
    copies = {a: r["copy_of"] for a, r in articles.items() if r["copy_of"]}
    assert copies == {"edited": "wire", "spun": "wire", "homoglyph": "wire"}


def test_a_family_is_one_source(run: dict[str, Any]) -> None:
    links: LinkResult = run["links"]
    only_wire = [c for c in links.clusters
                 if {m["article_id"] for m in c.mentions} == {"wire", "edited", "spun",
                                                              "homoglyph"}]
    assert only_wire, "the wire story's own events should form clusters of the family"
    assert all(c.n_articles == 4 and c.n_sources == 1 for c in only_wire)
    pullback = _contest(links, "087")
    # the family, the Eastern Ledger and the Atlantic Review: three origins, six articles
    assert pullback.n_articles == 6 and pullback.n_sources == 3


def test_homoglyph_copy_codes_the_same_events_as_its_twin(run: dict[str, Any]) -> None:
    def coded(article: str) -> list[tuple[Any, ...]]:
        return sorted((e["start"], e["end"], e["trigger_text"], e["code"], e["modality"],
                       str(e["source_code"]), str(e["target_code"]),
                       str(e["reported_by_code"]))
                      for e in run["events"] if e["article_id"] == article)
    assert coded("wire") and coded("homoglyph") == coded("wire")


def _contest(links: LinkResult, code: str) -> EventCluster:
    found = [c for c in links.contested if any(m["code"].startswith(code) for m in c.mentions)]
    assert len(found) == 1, [c.label for c in links.contested]
    return found[0]


def test_allegation_and_denial_make_one_contest_with_the_sides_right(run: dict[str, Any]
                                                                     ) -> None:
    # a plan to invade reported by others is the invasion itself, alleged or denied (192)
    invasion = _contest(run["links"], "19")
    assert invasion.sides == {"affirms": {"USA"}, "disputes": {"RUS"}}
    assert (invasion.source, invasion.target) == ("RUS", "UKR")


def test_pullback_is_contested_by_the_alliance(run: dict[str, Any]) -> None:
    pullback = _contest(run["links"], "087")
    assert "RUS" in pullback.sides["affirms"]
    assert {"IGOWSTNAT", "WST"} <= pullback.sides["disputes"]
    assert "---" not in pullback.sides["affirms"] | pullback.sides["disputes"]


def test_negations_that_are_no_dispute_never_contest(run: dict[str, Any]) -> None:
    assert len(LEDGER.split("NATO's position")) == 2  # the sentences are in the corpus
    links: LinkResult = run["links"]
    assert len(links.contested) == 2, [c.label for c in links.contested]
    for c in links.contested:
        for side in c.sides.values():
            assert all(not re.search(r"^article |^(he|she|they|officials)$", p, re.I)
                       for p in side)
        for _a, d in c.contest_pairs():
            assert not any(n in (d.get("evidence") or "") for n in NEGATIONS)


def test_numbers_form_a_series_and_disagree_only_within_a_week(run: dict[str, Any]) -> None:
    links: LinkResult = run["links"]
    (group,) = links.disagreeing_numbers
    assert group.key == "russian troops" and group.kind == "total"
    clashing = {(group.reports[i].article_id, group.reports[j].article_id)
                for i, j in group.conflicts}
    assert ("ledger", "review") in clashing or ("review", "ledger") in clashing
    assert not any("december" in pair for pair in clashing)  # a series, not a contradiction
    totals = {r.article_id for r in group.reports}
    assert "december" in totals  # still in the series
    moved = [g for g in links.numbers if g.kind == "movement"]
    assert all(not g.disagree for g in moved)
    assert all(r.claim.quantity not in (7_000, 30_000) for r in group.reports)


def test_italian_article_is_stored_but_not_analysed(run: dict[str, Any]) -> None:
    articles = {a["id"]: a for a in _jsonl(run["out"] / "articles.jsonl")}
    assert articles["italian"]["language"] == "it"
    failures = _jsonl(run["out"] / "failures.jsonl")
    assert [(f["article_id"], f["stage"]) for f in failures] == [("italian", "language")]
    assert not [e for e in run["events"] if e["article_id"] == "italian"]
    assert "not analysed: " in run["stdout"] and "'it' is not analysed" in run["stdout"]


def test_the_alert_shows_the_shelling_it_rests_on(run: dict[str, Any], capsys) -> None:
    main(["timeline", str(run["out"] / "faultline.duckdb"), "--alerts"])
    printed = capsys.readouterr().out
    assert re.search(r"^[1-9]\d* escalation alerts", printed)
    assert "ALERT RUS-UKR 2022-02-0" in printed
    assert "shelling-0" in printed and "'shelled'" in printed
    assert "talks-" not in printed.split("ALERT")[1].split("\n")[1]  # shelling listed first
    report = (run["out"] / "report.html").read_text(encoding="utf-8")
    assert "rests on" in report and "shelling-01" in report


def test_cli_and_report_agree_on_every_count(run: dict[str, Any]) -> None:
    line = next(x for x in run["stdout"].splitlines() if x.startswith("event clusters:"))
    cli = dict(re.findall(r"([a-z ]+): (\d+)", line))
    cli = {k.strip(): int(v) for k, v in cli.items()}
    report = (run["out"] / "report.html").read_text(encoding="utf-8")
    summary = json.loads(report.split('id="faultline-summary">')[1].split("</script>")[0])
    assert cli["event clusters"] == summary["clusters"]
    assert cli["contested"] == summary["contested"] == 2
    assert cli["numbers that disagree"] == summary["number_groups"] == 1
    assert cli["escalation alerts"] == summary["alerts"] >= 1
    contest_lines = [x for x in run["stdout"].splitlines() if x.startswith("contested ")]
    assert len(contest_lines) == 2 and all(len(x) < 300 for x in contest_lines)


def test_spun_and_homoglyph_copies_found_without_the_pipeline() -> None:
    from faultline.ingest.normalize import normalize_text

    texts = [("wire", "2022-02-15", WIRE), ("spun", "2022-02-16", SPUN),
             ("glyph", "2022-02-16", normalize_text(HOMOGLYPH)),
             ("ledger", "2022-02-15", LEDGER)]
    assert find_copies(texts) == {"spun": "wire", "glyph": "wire"}
    assert shingles(disguise(WIRE)) != shingles(WIRE)  # it is the folding that unmasks it


def test_the_report_shows_the_family(run: dict[str, Any]) -> None:
    report = (run["out"] / "report.html").read_text(encoding="utf-8")
    block = report[report.index('id="families"'):]
    block = block[:block.index("</ul>")]
    assert "Northwind Wire" in block
    assert all(p in block for p in ("Harbor Daily", "Valley Gazette", "Metro Post"))
