"""The events stage stays at or above its pinned CAMEO/PLOVER scores (floors_events.toml)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from faultline.eval import events
from tests.evaldata import require_eval_data

ALL_FLOORS = tomllib.loads((Path(__file__).parent / "floors_events.toml").read_text("utf-8"))
FLOORS = {k: v for k, v in ALL_FLOORS.items() if not isinstance(v, dict)}
PLV_FLOORS: dict[str, float] = ALL_FLOORS.get("plv", {})
PLV_CEILINGS = frozenset({"no_event_rate"})


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


@pytest.fixture(scope="module")
def plv() -> dict[str, Any]:
    require_eval_data()
    return events.score_plv()


def test_plv_scored_every_sentence(plv: dict[str, Any]) -> None:
    assert plv["n"] == 1050
    assert sum(p.tp + p.fn for p in plv["per_category"].values()) == 1050
    assert plv["learned_first"] > 0  # the learned fallback is among the scored stages


@pytest.mark.parametrize("name", sorted(PLV_FLOORS))
def test_plv_floor(plv: dict[str, Any], name: str) -> None:
    value, floor = plv[name], PLV_FLOORS[name]
    if name in PLV_CEILINGS:
        assert value <= floor, f"plv {name} = {value:.3f} rose above {floor}"
    else:
        assert value >= floor, f"plv {name} = {value:.3f} fell below its floor {floor}"


def test_plv_category_mapping() -> None:
    from faultline.model import Event, Span

    def event(code: str, plover: str | None) -> Event:
        s = Span("x", 0, 1)
        return Event(span=s, trigger_span=s, trigger_text="x", code=code, plover=plover)

    assert events.plv_category(event("0841", "RETREAT")) == "YIELD"
    assert events.plv_category(event("081", "CONCEDE")) == "YIELD"
    assert events.plv_category(event("021", None)) == "REQUEST"
    assert events.plv_category(event("010", None)) is None
    assert events.plv_category(event("112", "ACCUSE")) == "ACCUSE"


def test_plv_actor_match() -> None:
    from faultline.model import Actor, ActorMention, Span

    text = "Iranian officials condemned the decision of the U.S. Supreme Court on Monday."
    usa = Actor("USAJUD", "United States judiciary", "USA")
    at = text.index("U.S. Supreme Court")
    m = ActorMention(Span("x", at, at + 18), "U.S. Supreme Court", usa, 0, 1)
    iran = Actor("IRN", "Iran", "IRN")
    assert events.actor_right(usa, [m], text, "U.S. Supreme Court")
    assert not events.actor_right(iran, [m], text, "U.S. Supreme Court")
    assert not events.actor_right(iran, [], text, "Iranian officials")  # no shared word
    assert events.actor_right(Actor("IRNGOV", "Iranian officials", "IRN"), [], text,
                              "Iranian officials")
    assert not events.actor_right(None, [m], text, "U.S. Supreme Court")
