"""The learned event fallback: shipped weights load, predict sanely, and the stage codes only
sentences the rules left empty, with evidence and a named coder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from faultline.errors import DataFileError
from faultline.extract import event_classifier as ec
from faultline.extract.events_learned import LearnedEvent
from faultline.nlp import load_nlp
from faultline.options import DEFAULT_MODEL, Options
from faultline.pipeline import annotate_text

STAGES = ("entities", "actors", "time", "quotes", "events", "events_learned")

# Held out: written for this test, not in training/sentences/.
HELD_OUT = [
    ("PROTEST", "Thousands of nurses marched through Lisbon on Saturday to demand better pay."),
    ("AID", "Norway will send 40 tonnes of medical supplies to flood-hit Pakistan."),
    ("CONSULT", "The Bolivian president held talks with his Chilean counterpart in Santiago."),
    ("SANCTION", "Lithuania expelled two Belarusian diplomats and closed a consulate."),
    ("ASSAULT", "Gunmen killed eight villagers in an overnight raid in Benue state."),
    ("THREATEN", "Moscow warned that it would retaliate if the missiles were deployed."),
    ("REQUEST", "The Kenyan bishops urged the government to drop the new tax."),
    ("NONE", "The river port handles about two million tonnes of grain a year."),
]


def test_weights_load_and_match_the_categories() -> None:
    model = ec.model()
    assert ec.NONE in model.labels
    assert set(model.labels) - {ec.NONE} == set(ec.categories())
    assert 0.0 < model.threshold < 1.0
    assert len(model.weights) > 500


def test_held_out_predictions_are_sane() -> None:
    nlp = load_nlp(DEFAULT_MODEL)
    got = [ec.model().predict(ec.features(nlp(text)[:]))[0] for _, text in HELD_OUT]
    right = sum(g == label for g, (label, _) in zip(got, HELD_OUT, strict=True))
    assert right >= 6, list(zip(got, [lb for lb, _ in HELD_OUT], strict=True))


def test_probabilities_sum_to_one() -> None:
    nlp = load_nlp(DEFAULT_MODEL)
    probs = ec.model().probabilities(ec.features(nlp("Police arrested the mayor.")[:]))
    assert abs(sum(probs) - 1.0) < 1e-9
    assert all(0.0 <= p <= 1.0 for p in probs)


def test_features_carry_the_event_dictionary_hints() -> None:
    nlp = load_nlp(DEFAULT_MODEL)
    feats = ec.features(nlp("The opposition condemned the verdict against its leader.")[:])
    assert "lexroot=ACCUSE" in feats  # 'condemn' is a disapproval verb in verbs.yaml
    background = ec.features(nlp("The river is about 300 kilometres long.")[:])
    assert not [f for f in background if f.startswith("lex")]


def test_dictionary_hints_honour_the_pattern_conditions() -> None:
    # verbs.yaml codes 'go' only with the particle 'back' and an object like 'base'
    nlp = load_nlp(DEFAULT_MODEL)
    back = ec.features(nlp("The troops went back to their bases.")[:])
    after = ec.features(nlp("The troops went after the smugglers.")[:])
    assert "lexroot=YIELD" in back
    assert "lexroot=YIELD" not in after


def test_malformed_weights_are_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "w.json"
    bad.write_text(json.dumps({"labels": ["A", "B"], "bias": [0.0], "features": [],
                               "weights": [], "threshold": 0.5}), encoding="utf-8")
    with pytest.raises(DataFileError, match="do not match"):
        ec.load_model(bad)


def test_categories_table_rejects_unknown_codes(tmp_path: Path) -> None:
    table = tmp_path / "c.tsv"
    table.write_text("category\tcode\nAID\t999\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="line 2"):
        ec.load_categories(table)
    table.write_text("category\tcode\tmin_p\nAID\t070\t1.5\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="line 2: min_p"):
        ec.load_categories(table)
    table.write_text("AID\t070\t0.4\nYIELD\t080\n", encoding="utf-8")
    assert ec.load_categories(table) == {"AID": ("070", 0.4), "YIELD": ("080", 0.0)}


def _learned(text: str, mode: str = "fallback") -> list[LearnedEvent]:
    ann = annotate_text(text, published="2023-05-02",
                        options=Options(stages=STAGES, extra={"events_learned": mode}))
    return [e for e in ann.events if isinstance(e, LearnedEvent)]


def test_fallback_codes_an_empty_sentence_with_evidence() -> None:
    text = "Germany airlifted tents and generators to Libya after the floods."
    events = _learned(text)
    if not events:  # the rules may come to code this one: then "alone" must
        events = _learned(text, "alone")
    assert len(events) == 1
    e = events[0]
    assert e.coder == "learned" and e.category == "AID" and e.code == "070"
    assert e.source is not None and e.source.code.startswith("DEU")
    assert e.target is not None and e.target.code.startswith("LBY")
    assert text[e.trigger_span.start:e.trigger_span.end] == e.trigger_text == "airlifted"
    assert e.source_span is not None and e.source_text == "Germany" and \
        text[e.source_span.start:e.source_span.end] == "Germany"
    assert e.target_text == "Libya"
    assert (e.span.start, e.span.end) == (0, len(text))
    assert e.confidence >= ec.model().threshold
    assert e.explain().startswith("learned fallback: AID p=")


def test_fallback_leaves_rule_sentences_and_off_mode_alone() -> None:
    ruled = "Russia accused Ukraine of shelling the town."
    ann = annotate_text(ruled, options=Options(stages=STAGES))
    assert ann.events and not any(isinstance(e, LearnedEvent) for e in ann.events)
    assert _learned("Germany airlifted tents and generators to Libya after the floods.",
                    "off") == []


def test_no_actor_no_learned_event() -> None:
    assert _learned("Thousands marched through the streets on Saturday.") == []


def test_shipped_fallback_never_asserts_violence() -> None:
    from faultline.codebook import codebook

    book = codebook()
    for category, (code, min_p) in ec.categories().items():
        if code[:2] in ("18", "19", "20"):
            assert min_p >= 1.0, f"{category} ({code}) may be coded by the fallback"
    assert _learned("At least 100,000 Russian soldiers wait near Ukraine's borders.") == []
    assert book["180"].root == "18"


def test_no_learned_event_on_reported_speech_or_unknown_actors_only() -> None:
    assert _learned("Talks with Kenya will resume next month, a senior official said on "
                    "Saturday.") == []
    assert _learned("A senior official visited the refugee camp near the border.") == []


def test_a_cue_that_is_itself_an_event_verb_is_no_report() -> None:
    # the quotes stage reads 'agreed' as the cue of indirect speech; for the fallback it is
    # the event itself, so the gate for reported speech does not stop it
    got = _learned("Mayor Tom Birch agreed to step down from the council as part of a "
                   "settlement.")
    assert [e.category for e in got] == ["AGREE"]
    assert got[0].source_text is not None and "Birch" in got[0].source_text


def test_reported_speech_of_a_known_speaker_still_needs_an_event() -> None:
    assert _learned("The Chilean foreign ministry said the economy would grow by three "
                    "percent next year.") == []


def test_a_root_verb_the_senses_table_reads_as_no_event_is_left_alone() -> None:
    # senses.yaml: 'release' with a document or recording as object is no event
    assert _learned("On Tuesday, Ukraine's defence ministry released video of tanks leaving "
                    "the border area.") == []
