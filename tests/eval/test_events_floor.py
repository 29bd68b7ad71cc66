"""The events stage stays at or above its pinned CAMEO/PLOVER scores (floors_events.toml)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from faultline.eval import events
from tests.evaldata import require_eval_data

FLOORS = tomllib.loads((Path(__file__).parent / "floors_events.toml").read_text("utf-8"))


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    require_eval_data()
    return events.score()


def test_scored_every_record(result: dict[str, Any]) -> None:
    assert result["n_plover"] == 322
    assert result["n_petr"] >= 10
    assert result["n_noevent"] >= 15


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_floor(result: dict[str, Any], name: str) -> None:
    if name == "false_event_rate":  # a ceiling: lower is better
        value = result[name]
        assert value <= FLOORS[name], f"{name} = {value:.3f} rose above {FLOORS[name]}"
        return
    value = result[name]
    assert value >= FLOORS[name], f"{name} = {value:.3f} fell below its floor {FLOORS[name]}"


def test_old_plover_labels() -> None:
    assert events.old_plover("100", "REQUEST") == "DEMAND"
    assert events.old_plover("021", None) == "DEMAND"
    assert events.old_plover("112", "ACCUSE") == "DISAPPROVE"
    assert events.old_plover("091", "ACCUSE") == "INVESTIGATE"
    assert events.old_plover("193", "ASSAULT") == "FIGHT"
    assert events.old_plover("182", "ASSAULT") == "ASSAULT"
    assert events.old_plover("010", None) is None
    assert events.old_plover("0841", "RETREAT") == "RETREAT"
