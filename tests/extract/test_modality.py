"""Modality of event triggers, on real parses of sentences written here."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Token

from faultline.extract.events import lexicon
from faultline.extract.modality import PRECEDENCE, modality_of
from faultline.model import MODALITIES
from faultline.nlp import load_nlp
from faultline.options import DEFAULT_MODEL


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp(DEFAULT_MODEL)


def trigger(nlp: Language, text: str, word: str) -> Token:
    doc = nlp(text)
    for tok in doc:
        if tok.text == word:
            return tok
    raise AssertionError(f"{word!r} not in {text!r}")


CASES = [
    ("Russia invaded Ukraine in 2014.", "invaded", "asserted"),
    ("Putin has not recalled his troops.", "recalled", "negated"),
    ("The army never withdrew its tanks.", "withdrew", "negated"),
    ("No American soldiers will fight in Ukraine.", "fight", "negated"),
    ("Russia insists it has no intention to invade Ukraine.", "invade", "denied"),
    ("Moscow denied that its jets bombed the town.", "bombed", "denied"),
    ("If a war begins, the alliance will respond.", "war", "hypothetical"),
    ("Without a written promise, the response will be military.", "response", "hypothetical"),
    ("Readers ask whether Russia will invade Ukraine.", "invade", "hypothetical"),
    ("Russia could attack within days.", "attack", "hypothetical"),
    ("Experts warn of an imminent invasion.", "invasion", "hypothetical"),
    ("Deliveries of military aid to Ukraine would continue.", "aid", "future"),
    ("The ministry will send more troops next week.", "send", "future"),
    ("Russia plans to invade in the spring.", "invade", "intended"),
    ("The bloc wants to expand its mission.", "expand", "intended"),
    # a rejected claim stays the claimant's allegation (issue 8); Moscow's rejection is its
    # own event
    ("Moscow rejected claims that its troops shelled the village.", "shelled", "alleged"),
    ("Washington's claims that Moscow will invade were dismissed.", "invade", "alleged"),
    ("Kyiv accused the rebels of shelling the town.", "shelling", "alleged"),
    ("Western capitals saw little evidence that the troops were leaving.", "leaving",
     "negated"),
    ("Russia does not have any intention of attacking Ukraine.", "attacking", "denied"),
    ("Officials fear Moscow could stage an incident.", "stage", "hypothetical"),
    ("The ministry claimed that Ukrainian units had shelled a school.", "shelled", "alleged"),
    ("Russian troops are expected to attack the city.", "attack", "future"),
    ("The offensive failed to capture the airport.", "capture", "negated"),
    ("Did the army attack the convoy?", "attack", "hypothetical"),
    ("Ukraine may join the alliance.", "join", "hypothetical"),
    ("The summit in Geneva did not ease the tension.", "summit", "asserted"),
    ("The planned talks did not take place.", "talks", "negated"),
    ("The attack never happened.", "attack", "negated"),
    ("The sanctions were not imposed.", "sanctions", "negated"),
    ("Kyiv would trust the ceasefire only when the guns fell silent.", "ceasefire",
     "hypothetical"),
    ("The army will withdraw only once the talks succeed.", "withdraw", "hypothetical"),
    ("The army withdrew when the talks succeeded.", "withdrew", "asserted"),
    ("The general resigned without returning to the capital.", "returning", "hypothetical"),
    ("The rebels left the town without a ceasefire.", "ceasefire", "hypothetical"),
    # hedges modifying the event itself (frames.yaml: adv via advmod, adj/verb via amod)
    ("Rebel gunners allegedly shelled the market.", "shelled", "alleged"),
    ("The militia is reportedly preparing to storm the port.", "storm", "alleged"),
    ("The reported withdrawal began on Tuesday.", "withdrawal", "alleged"),
    ("Saboteurs carried out a staged attack on the depot.", "carried", "alleged"),
    ("Spies planned a false-flag bombing in the city.", "bombing", "alleged"),
    ("The colonel is said to have ordered the shelling of the bridge.", "ordered", "alleged"),
    ("Rebel gunners shelled the market.", "shelled", "asserted"),
    # capability is not the act
    ("The army is capable of seizing the capital within days.", "seizing", "hypothetical"),
    # conditions by inversion or by a phrase
    ("Should the rebels attack, the army will strike back.", "strike", "hypothetical"),
    ("Had the talks failed, the army would have invaded.", "invaded", "hypothetical"),
    ("In the event of an incursion, the bloc will impose sanctions.", "impose",
     "hypothetical"),
    ("In the capital, the bloc imposed sanctions.", "imposed", "asserted"),
    # a question asks about its events; "why" with a past verb takes the event as given
    ("Is the army about to attack the town?", "attack", "hypothetical"),
    ("Why did the army attack the town?", "attack", "asserted"),
    ("Who shelled the school?", "shelled", "asserted"),
    ("Why would the army attack the town?", "attack", "hypothetical"),
]


@pytest.mark.parametrize(("text", "word", "expected"), CASES)
def test_modality(nlp: Language, text: str, word: str, expected: str) -> None:
    assert modality_of(trigger(nlp, text, word), lexicon().words) == expected


def test_precedence_names_every_modality() -> None:
    assert set(PRECEDENCE) == set(MODALITIES)


def test_frames_table_names_only_known_sense_kinds_and_phrases() -> None:
    frames = lexicon().words.frames
    assert frames.content_kinds and frames.content_kinds <= set(lexicon().senses.kinds)
    assert ("in", "event") in frames.conditional_phrases


def test_a_hedge_word_is_found_as_a_modifier_only(nlp: Language) -> None:
    frames = lexicon().words.frames
    doc = nlp("Rebel gunners allegedly shelled the market.")
    assert frames.modifier(doc[2]) is not None and frames.modifier(doc[3]) is None
