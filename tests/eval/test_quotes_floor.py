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


def _brat(spans: list[tuple[str, int, int]], text: str) -> str:
    """A brat file with one attribution per (Source, Cue, Content) triple of spans."""
    lines, t = [], 0
    for i in range(0, len(spans), 3):
        ids = []
        for label, a, b in spans[i:i + 3]:
            t += 1
            lines.append(f"T{t}\t{label} {a} {b}\t{text[a:b]}")
            ids.append(f"{label}:T{t}")
        lines.append(f"E{i // 3 + 1}\tAttribution:T0 {' '.join(ids)}")
    return "\n".join(lines) + "\n"


def test_agreement_scores_annotators_against_each_other(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    text = ("The harbour master said the port would stay shut until Friday. "
            "Fishermen hope the ban ends soon.")

    def at(label: str, phrase: str) -> tuple[str, int, int]:
        start = text.index(phrase)
        return (label, start, start + len(phrase))

    first = [at("Source", "The harbour master"), at("Cue", "said"),
             at("Content", "the port would stay shut until Friday")]
    second = first + [at("Source", "Fishermen"), at("Cue", "hope"),
                      at("Content", "the ban ends soon")]
    base = tmp_path / "eval" / "quotes"
    for split in quotes.SPLITS:
        (base / f"polnear-{split}" / "attributions").mkdir(parents=True)
        (base / f"polnear-{split}" / "text").mkdir(parents=True)
    dev = base / "polnear-dev"
    (dev / "text" / "port.txt").write_text(text, encoding="utf-8")
    (dev / "attributions" / "port_aaaa.ann").write_text(_brat(first, text), encoding="utf-8")
    (dev / "attributions" / "port_bbbb.ann").write_text(_brat(second, text), encoding="utf-8")
    (dev / "text" / "alone.txt").write_text("Nobody spoke.", encoding="utf-8")
    (dev / "attributions" / "alone_aaaa.ann").write_text("", encoding="utf-8")
    monkeypatch.setenv("FAULTLINE_EVAL_DIR", str(tmp_path))

    result = quotes.agreement()
    assert (result["articles"], result["annotation_files"], result["pairs"]) == (1, 2, 1)
    humans = result["annotators"]
    assert (humans.tp, humans.fp, humans.fn) == (1, 1, 0)  # the second saw one more
    assert result["annotator_speaker"] == 1.0 and result["annotator_speaker_n"] == 1
    system = result["faultline"]
    assert system.tp >= 2  # the said clause, against each of the two files
    assert system.tp + system.fn == 3  # one content in the first file, two in the second
