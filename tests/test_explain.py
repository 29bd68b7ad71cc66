"""`faultline explain`: the parse, candidate triggers, frames, actors, and named drop reasons."""

from __future__ import annotations

from pathlib import Path

import pytest

from faultline.cli import main
from faultline.explain import explain_text, render
from faultline.extract.events.filters import REASONS


@pytest.fixture(scope="module")
def claim() -> str:
    return render(explain_text("The Kremlin dismissed Washington's claims that Russia is "
                               "preparing to invade."))


def test_explain_shows_parse_actors_frame_and_codes(claim: str) -> None:
    assert "parse: 0:The/DET/det>1" in claim
    assert "'Kremlin' RUSGOV" in claim
    assert "frame word: frames.yaml:" in claim and "gives alleged" in claim
    assert "coded: 112 (asserted, reported by RUSGOV)" in claim
    assert "alleged reported_by USAGOV" in claim


def test_every_drop_has_a_named_reason(claim: str) -> None:
    ex = explain_text("Russia threatened to invade Ukraine. Officials met in Geneva after "
                      "the army withdrew.")
    dropped = [n for n in ex.notes if n.reason is not None]
    assert dropped and all(n.reason in REASONS for n in dropped)
    assert any(n.reason == "absorbed" and n.token.text == "invade" for n in ex.notes)
    assert "dropped: absorbed (" in claim


def test_a_sentence_without_candidates_says_so() -> None:
    out = render(explain_text("The weather was mild on Tuesday."))
    assert "candidates: none" in out and "events: 0" in out


def test_cli_explains_a_sentence_and_a_stored_article(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "Poland", "expelled", "two", "Russian", "diplomats."]) == 0
    assert "coded: 166" in capsys.readouterr().out
    src = tmp_path / "a.txt"
    src.write_text("Estonia expelled a Russian diplomat on Monday.\n", encoding="utf-8")
    assert main(["analyze", str(src), "--out", str(tmp_path / "out"), "--no-report"]) == 0
    capsys.readouterr()
    db = str(tmp_path / "out" / "faultline.duckdb")
    import duckdb

    with duckdb.connect(db, read_only=True) as con:
        row = con.execute("SELECT id FROM articles").fetchone()
    assert row is not None
    assert main(["explain", "--article", row[0][:8], db]) == 0
    out = capsys.readouterr().out
    assert f"article {row[0]}" in out and "coded: 166" in out
    assert main(["explain", "--article", "nope", db]) == 2
    assert main(["explain", "--article", "x", str(tmp_path / "missing.duckdb")]) == 2


def test_explain_names_the_sense_that_silenced_a_word() -> None:
    out = render(explain_text("Washington delivered a written response to Moscow."))
    assert "'delivered' is no event with this object (senses.yaml:" in out
