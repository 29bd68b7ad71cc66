"""The time stage stays at or above its pinned TempEval-3 Task A scores (floors_time.toml)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from faultline.eval import time as time_eval
from faultline.eval.time import canonical_value, read_tml
from tests.evaldata import require_eval_data

FLOORS = tomllib.loads((Path(__file__).parent / "floors_time.toml").read_text("utf-8"))


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    require_eval_data()
    return time_eval.score()


def test_scored_the_whole_corpus(result: dict[str, Any]) -> None:
    assert result["n_docs"] == 73
    assert result["n_gold"] == 579  # 652 TIMEX3 minus the 73 creation times


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_floor(result: dict[str, Any], name: str) -> None:
    value = result[name]
    assert value >= FLOORS[name], f"{name} = {value:.3f} fell below its floor {FLOORS[name]}"


@pytest.mark.eval_data
def test_gold_offsets_point_at_the_timex_text() -> None:
    doc = read_tml(time_eval.corpus_dir() / "APW19980807.0261.tml")
    assert doc.dct == "1998-08-07"
    assert [(g.text, g.type, g.value) for g in doc.timexes] == [("Friday", "DATE", "1998-08-07")]
    g = doc.timexes[0]
    assert doc.text[g.start:g.end] == "Friday"


def test_canonical_value_folds_spellings_only() -> None:
    assert canonical_value("2000-W7") == canonical_value("2000-W07")
    assert canonical_value("199X") == canonical_value("199")
    assert canonical_value("1949-XX") == canonical_value("1949")
    assert canonical_value("P4DE") == canonical_value("P40Y")
    assert canonical_value("PXDE") != canonical_value("P4DE")
    assert canonical_value("2000-W7") != canonical_value("2000-W17")
    assert canonical_value("1998-10") != canonical_value("1998-10-23")


def test_error_classes_sort_expressions_by_kind() -> None:
    from faultline.eval.time import error_class

    assert error_class("Tuesday night", "DATE", "2022-02-15") == "weekday"
    assert error_class("last year", "DATE", "2021") == "relative unit"
    assert error_class("two weeks", "DURATION", "P2W") == "duration"
    assert error_class("every year", "SET", "P1Y") == "set"
    assert error_class("now", "DATE", "PRESENT_REF") == "now/reference"
    assert error_class("fiscal 2021", "DATE", "2021") == "fiscal year"
    assert error_class("the third quarter", "DATE", "2021-Q3") == "quarter/season"
    assert error_class("9 a.m.", "TIME", "2022-02-16T09:00") == "time of day"
