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
