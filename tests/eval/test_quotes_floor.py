"""The quotes stage stays at or above its pinned PolNeAR scores (floors_quotes.toml)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from faultline.eval import quotes
from tests.evaldata import require_eval_data

FLOORS = tomllib.loads((Path(__file__).parent / "floors_quotes.toml").read_text("utf-8"))


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    require_eval_data()
    return quotes.score()


def metrics(result: dict[str, Any]) -> dict[str, float]:
    return {
        "content_overlap_f1": result["overlap"]["f1"],
        "content_overlap_precision": result["overlap"]["precision"],
        "content_overlap_recall": result["overlap"]["recall"],
        "content_exact_f1": result["exact"]["f1"],
        "content_overlap_of_gold_f1": result["overlap_of_gold"]["f1"],
        "direct_overlap_f1": result["direct"]["f1"],
        "indirect_overlap_f1": result["indirect"]["f1"],
        "speaker_accuracy": result["speaker_accuracy"],
    }


def test_scored_every_article(result: dict[str, Any]) -> None:
    assert result["documents"] == 84
    assert result["gold"] > 2000
    assert not result["failures"], result["failures"][:3]


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_floor(result: dict[str, Any], name: str) -> None:
    value = metrics(result)[name]
    assert value >= FLOORS[name], f"{name} = {value:.3f} fell below its floor {FLOORS[name]}"


def test_every_floor_is_measured() -> None:
    assert set(FLOORS) == set(metrics({
        "overlap": {"f1": 0, "precision": 0, "recall": 0}, "exact": {"f1": 0},
        "overlap_of_gold": {"f1": 0}, "direct": {"f1": 0}, "indirect": {"f1": 0},
        "speaker_accuracy": 0,
    }))


def test_the_train_split_is_read_in_place() -> None:
    require_eval_data()
    gold = quotes.load_gold(limit=2, split="train")
    assert len(gold) == 2 and all(g.attributions for g in gold)
    assert quotes.polnear_dir("train").name == "polnear-train"


def test_an_unknown_split_is_a_usage_error() -> None:
    from faultline.errors import UsageError

    with pytest.raises(UsageError, match="split"):
        quotes.polnear_dir("test")
