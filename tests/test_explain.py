"""`faultline explain`: the parse, candidate triggers, frames, actors, and named drop reasons."""

from __future__ import annotations

from pathlib import Path

import pytest

from faultline.cli import main
from faultline.explain import explain_text, render
from faultline.extract.events.filters import REASONS
from faultline.extract.events_learned import REASONS as LEARNED_REASONS
from faultline.extract.events_learned import LearnedEvent
from faultline.options import Options


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
    src.write_text("Estonia expelled a Russian diplomat on Monday. Italy and Libya looked at "
                   "ways to stop migrant boats.\n", encoding="utf-8")
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
    assert "learned fallback: did not fire, rules_coded" in out
    assert "learned fallback: COOPERATE p=" in out
    assert main(["explain", "--article", "nope", db]) == 2
    assert main(["explain", "--article", "x", str(tmp_path / "missing.duckdb")]) == 2


def test_explain_names_the_sense_that_silenced_a_word() -> None:
    out = render(explain_text("Washington delivered a written response to Moscow."))
    assert "'delivered' is no event with this object (senses.yaml:" in out


LEARNED = ("Italy and Libya looked at ways to stop migrant boats. "
           "Pakistan's police took a hard line with Afghan migrants in Karachi. "
           "Greek coastguards chased a Turkish boat near Lesbos. "
           "Senior officials gave ground to the smugglers. "
           "He said Kenya would pay the teachers. "
           "Estonia expelled a Russian diplomat on Monday. "
           "The weather was mild on Tuesday. "
           "Peru's courts are slow.")


@pytest.fixture(scope="module")
def learned() -> str:
    return render(explain_text(LEARNED))


def _line(out: str, sentence_start: str) -> str:
    """The learned-fallback line of the sentence that begins with `sentence_start`."""
    block = out.split(f": {sentence_start}", 1)[1].split("\nsentence ", 1)[0]
    return next(ln.strip() for ln in block.splitlines() if "learned fallback:" in ln)


def test_explain_shows_what_the_learned_fallback_coded(learned: str) -> None:
    line = _line(learned, "Italy and Libya")
    assert line.startswith("learned fallback: COOPERATE p=0.5")
    assert "-> code 060, source 'Italy' ITA [0:5], target 'Libya' LBY [10:15]" in line
    assert "060 ITA -> LBY asserted ['looked' 16:22] (learned fallback: COOPERATE p=" in learned


@pytest.mark.parametrize(("start", "reason", "top"), [
    ("Pakistan's police", "below_threshold", "top COERCE p="),
    ("Greek coastguards", "blocked", "top ASSAULT p="),
    ("Senior officials", "unknown_actors", "top YIELD p="),
    ("He said", "reported_speech", None),
    ("Estonia expelled", "rules_coded", None),
    ("The weather", "no_actor", None),
    ("Peru's courts", "none", "top NONE p="),
])
def test_explain_names_why_the_learned_fallback_did_not_fire(
        learned: str, start: str, reason: str, top: str | None) -> None:
    line = _line(learned, start)
    assert line.startswith(f"learned fallback: did not fire, {reason}: "
                           f"{LEARNED_REASONS[reason]}")
    if top is None:
        assert "top " not in line
    else:
        assert top in line


def test_the_verdicts_are_the_stage_own_decisions() -> None:
    ex = explain_text(LEARNED)
    sents = [s for s in ex.doc.sents if s.text.strip()]
    assert [v.sent.start for v in ex.learned] == [s.start for s in sents]
    assert all(v.reason is None or v.reason in LEARNED_REASONS for v in ex.learned)
    fired = {(v.sent.start_char, v.sent.end_char) for v in ex.learned if v.reason is None}
    coded = {(e.span.start, e.span.end) for e in ex.ann.events if isinstance(e, LearnedEvent)}
    assert fired == coded and len(fired) == 1


def test_explain_says_when_the_learned_fallback_is_off() -> None:
    out = render(explain_text("Italy and Libya looked at ways to stop migrant boats.",
                              Options(extra={"events_learned": "off"})))
    assert "learned fallback: not run" in out and "events: 0" in out


def test_explain_says_why_an_event_is_not_asserted() -> None:
    out = render(explain_text("The alliance warned that Russia could attack Ukraine. "
                              "Rebel gunners from Donetsk allegedly shelled the market."))
    # the warning is about another actor's act: 130, not a threat to commit the attack
    assert "reading: a warning about 'attack', another actor's act" in out
    assert "modality alleged: the frame word 'warned' (frames.yaml:" in out
    assert "modality alleged: a hedge on 'shelled' (frames.yaml)" in out


def test_explain_shows_the_code_the_reading_step_gave() -> None:
    out = render(explain_text("Russia is preparing to invade Ukraine, the US secretary of "
                              "state said."))
    assert "coded: 192 (intended, reported by USAGOV)" in out
    assert "reading: a readiness or plan reported by another actor" in out


def test_explain_names_one_side_s_account_of_an_attack() -> None:
    out = render(explain_text("Ukrainian officials said Russian-backed separatists had shelled "
                              "the village of Stanytsia Luhanska."))
    assert "reading: one side's account of what the other side did to it" in out
    assert "(alleged, reported by UKRGOV)" in out
