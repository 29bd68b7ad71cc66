"""The events stage on the real pipeline: seed articles and short sentences written here."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from faultline.model import Annotations, Event
from faultline.pipeline import annotate_text
from tests.evaldata import seed_text

STAGES = ("entities", "actors", "time", "quotes", "events")


def _seed(prefix: str) -> str:
    return seed_text(prefix)


def _annotate(text: str, published: str) -> Annotations:
    ann = annotate_text(text, published=published, stages=STAGES)
    assert not ann.failures, [f.describe() for f in ann.failures]
    return ann


@pytest.fixture(scope="module")
def seed0() -> Annotations:
    return _annotate(_seed("000"), "2022-02-16")


@pytest.fixture(scope="module")
def seed1() -> Annotations:
    return _annotate(_seed("001"), "2021-12-17")


def country(actor: object) -> str | None:
    return getattr(actor, "country", None) or (getattr(actor, "code", None) or "")[:3] or None


def sentence(ann: Annotations, event: Event) -> str:
    return ann.article.text[event.span.start:event.span.end]


def find(ann: Annotations, pred: Callable[[Event], bool]) -> list[Event]:
    return [e for e in ann.events if pred(e)]


def describe(ann: Annotations) -> str:
    return "\n".join(
        f"{e.code} {e.source and e.source.code}->{e.target and e.target.code} {e.modality} "
        f"{e.trigger_text!r} rep={e.reported_by and e.reported_by.code} {e.date}"
        for e in ann.events)


# ----------------------------------------------------------------------------- seed 000


def test_return_to_bases_reported_by_the_defence_ministry(seed0: Annotations) -> None:
    hits = find(seed0, lambda e: e.root == "08" and e.reported_by is not None
                and e.reported_by.code == "RUSMIL" and "return" in e.trigger_text.lower())
    assert hits, describe(seed0)


def test_putin_says_more_negotiations_possible(seed0: Annotations) -> None:
    hits = find(seed0, lambda e: e.root == "03" and country(e.source) == "RUS"
                and "negotiations were possible" in sentence(seed0, e))
    assert hits, describe(seed0)


def test_nato_offers_to_talk(seed0: Annotations) -> None:
    hits = find(seed0, lambda e: e.root == "03" and e.source is not None
                and e.source.code == "IGOWSTNAT" and e.trigger_text == "offered")
    assert hits, describe(seed0)


def test_military_aid_to_ukraine_continues(seed0: Annotations) -> None:
    hits = find(seed0, lambda e: e.root == "07" and country(e.source) == "USA"
                and country(e.target) == "UKR" and "Flows of military aid" in sentence(seed0, e))
    assert hits, describe(seed0)
    assert all(e.modality in ("future", "intended") for e in hits)


def test_biden_welcomes_talks_through_a_pronoun(seed0: Annotations) -> None:
    hits = find(seed0, lambda e: country(e.source) == "USA" and country(e.target) == "RUS"
                and e.quad_class == 1 and "welcomed the chance" in sentence(seed0, e))
    assert hits, describe(seed0)


def test_exercises_are_russian_force_posture(seed0: Annotations) -> None:
    hits = find(seed0, lambda e: e.root == "15" and country(e.source) == "RUS"
                and "exercises are happening right on" in sentence(seed0, e))
    assert hits, describe(seed0)
    assert hits[0].modality == "asserted" and country(hits[0].target) == "UKR"


def test_intelligence_community_accuses_russia(seed0: Annotations) -> None:
    hits = find(seed0, lambda e: e.root == "11" and country(e.source) == "USA"
                and country(e.target) == "RUS" and "sow discord" in sentence(seed0, e))
    assert hits, describe(seed0)


def test_denied_invasion_is_denied_not_asserted(seed0: Annotations) -> None:
    hits = find(seed0, lambda e: e.root == "19" and "no intention to invade" in sentence(seed0, e))
    assert hits, describe(seed0)
    assert all(e.modality == "denied" for e in hits)


# ----------------------------------------------------------------------------- seed 001


def test_december_7_summit_between_russia_and_the_us(seed1: Annotations) -> None:
    hits = find(seed1, lambda e: e.root == "04"
                and {country(e.source), country(e.target)} == {"RUS", "USA"}
                and "summit" in e.trigger_text)
    assert hits, describe(seed1)
    assert hits[0].date == "2021-12-07"
    assert hits[0].date_source == "text"
    assert hits[0].date_precision == "day"


def test_putin_insists_on_guarantees(seed1: Annotations) -> None:
    hits = find(seed1, lambda e: e.root == "10" and country(e.source) == "RUS"
                and e.trigger_text.startswith("insist"))
    assert hits, describe(seed1)


def test_ryabkov_conditional_military_response(seed1: Annotations) -> None:
    hits = find(seed1, lambda e: e.root == "13" and country(e.source) == "RUS"
                and e.target is not None and e.target.code == "IGOWSTNAT")
    assert hits, describe(seed1)
    event = hits[0]
    assert event.reported_by is not None and "Ryabkov" in event.reported_by.name
    assert event.modality == "hypothetical"


def test_new_list_of_demands_dated_today(seed1: Annotations) -> None:
    hits = find(seed1, lambda e: e.root == "10" and e.trigger_text == "demands")
    assert hits, describe(seed1)
    assert hits[0].date == "2021-12-17"
    assert hits[0].target is not None and hits[0].target.code == "IGOWSTNAT"


# ----------------------------------------------------------------------------- what did not happen


@pytest.mark.parametrize("which", ["seed0", "seed1"])
def test_no_asserted_invasion_of_ukraine(which: str, request: pytest.FixtureRequest) -> None:
    ann: Annotations = request.getfixturevalue(which)
    bad = find(ann, lambda e: e.root in ("19", "20") and country(e.source) == "RUS"
               and country(e.target) == "UKR" and e.modality == "asserted")
    assert not bad, describe(ann)
    assert not find(ann, lambda e: e.trigger_text.lower().startswith("inva")
                    and e.modality == "asserted")


def test_no_asserted_us_soldiers_fighting(seed0: Annotations) -> None:
    bad = find(seed0, lambda e: e.root in ("18", "19", "20") and country(e.source) == "USA"
               and e.modality == "asserted")
    assert not bad, describe(seed0)
    negated = find(seed0, lambda e: e.trigger_text == "fighting" and country(e.source) == "USA")
    assert negated and all(e.modality == "negated" for e in negated)
    # "On Tuesday night, ... Biden said": the night before the article of 2022-02-16
    assert negated[0].date == "2022-02-15" and negated[0].date_source == "text"


def test_putin_has_not_recalled_troops(seed1: Annotations) -> None:
    recalls = find(seed1, lambda e: e.trigger_text == "recalled")
    assert recalls, describe(seed1)
    assert all(e.modality == "negated" for e in recalls)


def test_every_event_carries_its_evidence(seed0: Annotations, seed1: Annotations) -> None:
    for ann in (seed0, seed1):
        text = ann.article.text
        for e in ann.events:
            assert text[e.trigger_span.start:e.trigger_span.end] == e.trigger_text
            assert e.span.start <= e.trigger_span.start < e.trigger_span.end <= e.span.end
            assert e.code.startswith(e.root) and e.quad_class in (1, 2, 3, 4)
            assert e.goldstein is not None and e.date is not None
            assert e.date_source in ("text", "article")
            # an actor, or (an event someone says they saw no sign of) a speaker
            assert e.source is not None or e.target is not None or (
                e.modality == "negated" and e.reported_by is not None)


# ----------------------------------------------------------------------------- short sentences


def events_of(text: str, published: str = "2022-02-16") -> list[Event]:
    return _annotate(text, published).events


def test_plain_verb_with_subject_and_object() -> None:
    events = events_of("Russian forces attacked Ukrainian positions near Kharkiv.")
    hits = [e for e in events if e.root == "19"]
    assert hits and country(hits[0].source) == "RUS" and country(hits[0].target) == "UKR"
    assert hits[0].modality == "asserted"


def test_passive_voice_swaps_roles() -> None:
    events = events_of("Ukrainian villages were shelled by Russian artillery on Monday.")
    hits = [e for e in events if e.root == "19"]
    assert hits, events
    assert country(hits[0].source) == "RUS" and country(hits[0].target) == "UKR"
    assert hits[0].date == "2022-02-14" and hits[0].date_source == "text"


def test_compound_subject_gives_one_event_each() -> None:
    events = events_of("Russia and Belarus held joint military drills on Thursday.")
    sources = {country(e.source) for e in events if e.root == "15"}
    assert {"RUS", "BLR"} <= sources


def test_agreed_to_resume_talks_is_intent_to_negotiate() -> None:
    events = events_of("Russia agreed to resume talks with Ukraine.")
    hits = [e for e in events if e.code == "036"]
    assert hits and country(hits[0].source) == "RUS" and country(hits[0].target) == "UKR"
    assert not [e for e in events if e.root == "04"]  # absorbed into the intent


def test_threatened_to_impose_sanctions() -> None:
    events = events_of("Germany threatened to impose sanctions on Russia.")
    hits = [e for e in events if e.root == "13"]
    assert hits and hits[0].code == "1312"
    assert country(hits[0].source) == "DEU" and country(hits[0].target) == "RUS"


def test_nominal_deployments_to_two_countries() -> None:
    events = events_of("NATO deployments to Poland and Romania have grown.")
    targets = {country(e.target) for e in events if e.root == "15"
               and e.source is not None and e.source.code == "IGOWSTNAT"}
    assert {"POL", "ROU"} <= targets


def test_reported_speech_names_the_speaker() -> None:
    events = events_of("The Kremlin said that Ukrainian forces shelled Russian territory.")
    hits = [e for e in events if e.root == "19"]
    assert hits and hits[0].reported_by is not None
    assert hits[0].reported_by.code is not None and hits[0].reported_by.code.startswith("RUS")


def test_conditional_invasion_is_hypothetical() -> None:
    events = events_of("If Russia invades Ukraine, the United States will respond.")
    hits = [e for e in events if e.root == "19"]
    assert hits and all(e.modality == "hypothetical" for e in hits)


def test_negated_action_is_negated() -> None:
    events = events_of("France did not send weapons to Ukraine.")
    hits = [e for e in events if e.root == "07"]
    assert hits and all(e.modality == "negated" for e in hits)


def test_article_date_when_the_text_gives_none() -> None:
    events = events_of("Turkey criticized Russia.", published="2022-03-01")
    hits = [e for e in events if e.root == "11"]
    assert hits and hits[0].date == "2022-03-01" and hits[0].date_source == "article"


@pytest.mark.parametrize("text", ["", "   ", "Talks.", "The weather in Kyiv was cold on Tuesday."])
def test_texts_without_events(text: str) -> None:
    assert events_of(text) == []


def test_mediation_between_two_parties() -> None:
    events = events_of("Qatar launched a mediation effort between Iran and Saudi Arabia.")
    hits = [e for e in events if e.code == "045"]
    assert hits and all(country(e.source) == "QAT" for e in hits)
    assert {country(e.target) for e in hits} == {"IRN", "SAU"}


def test_rejection_targets_who_asked() -> None:
    events = events_of("Poland rejected a proposal from Belarus for new border talks.")
    hits = [e for e in events if e.root == "12"]
    assert hits and country(hits[0].source) == "POL" and country(hits[0].target) == "BLR"


def test_announced_conflict_step_is_a_threat() -> None:
    events = events_of("Lithuania said it would close its border with Belarus.")
    hits = [e for e in events if e.root == "13"]
    assert hits and country(hits[0].source) == "LTU" and country(hits[0].target) == "BLR"
    assert hits[0].modality == "asserted"


def test_demand_that_another_actor_act() -> None:
    events = events_of("Britain demanded that Iran release the detained sailors.")
    hits = [e for e in events if e.root == "10"]
    assert hits and hits[0].code == "1053"
    assert country(hits[0].source) == "GBR" and country(hits[0].target) == "IRN"


def test_evidence_stops_at_paragraph_breaks(seed1: Annotations) -> None:
    """The parser glues the headline and byline of seed 001 to its first sentence; the
    evidence, actors and date of an event come from the event's own paragraph only."""
    hits = find(seed1, lambda e: e.trigger_text == "invade")
    assert hits, describe(seed1)
    event = hits[0]
    assert sentence(seed1, event).startswith("Several readers")
    assert "\n\n" not in sentence(seed1, event)
    assert event.modality == "hypothetical"
    # who asks, if anyone, is found in the same sentence ("readers ... ask whether"), never in
    # the headline or byline above it
    reporter = event.reported_by
    assert reporter is None or (reporter.span is not None
                                and event.span.start <= reporter.span.start < event.span.end)


# ------------------------------------------------------- seeing no event, pull-backs, districts


def _one(events: list[Event], trigger: str) -> Event:
    hits = [e for e in events if e.trigger_text == trigger]
    assert len(hits) == 1, [(e.code, e.trigger_text, e.modality) for e in events]
    return hits[0]


def test_no_sign_of_a_nominal_event_is_negated_and_not_the_perceivers() -> None:
    text = "The Pentagon said on Monday that it had seen no sign of a Russian withdrawal."
    e = _one(events_of(text), "withdrawal")
    assert e.code == "087" and e.modality == "negated"
    assert e.source is not None and e.source.code == "RUS"  # the withdrawal's own actor
    assert e.reported_by is not None and e.reported_by.code == "USAMIL"
    assert e.date == "2022-02-14" and e.date_source == "text"


def test_could_not_confirm_a_hyphenated_event_leaves_the_source_open() -> None:
    text = "Polish officials said they could not confirm any draw-down."
    events = events_of(text)
    e = _one(events, "draw-down")
    assert e.code == "087" and e.modality == "negated" and e.source is None
    assert e.reported_by is not None and e.reported_by.code is not None
    assert text[e.trigger_span.start:e.trigger_span.end] == "draw-down"
    assert not [x for x in events if x.trigger_text in ("draw", "down")]


def test_saw_no_pullback_of_named_forces() -> None:
    e = _one(events_of("NATO's secretary general said that the alliance had seen no "
                       "pull-back of Russian forces."), "pull-back")
    assert e.modality == "negated" and e.source is not None and e.source.code == "RUSMIL"
    assert e.reported_by is not None and e.reported_by.code == "IGOWSTNAT"


def test_existential_no_evidence_of() -> None:
    e = _one(events_of("Germany said there was no evidence of a de-escalation."),
              "de-escalation")
    assert e.modality == "negated" and e.reported_by is not None
    assert e.reported_by.code == "DEU"


def test_seeing_an_event_is_not_negated() -> None:
    e = _one(events_of("Poland said it had noticed a Russian pullback."), "pullback")
    assert e.modality == "asserted" and e.source is not None and e.source.code == "RUS"


def test_military_districts_are_russian_military() -> None:
    text = ("Moscow said troops of the Eastern and Central military districts would return "
            "to their barracks.")
    e = _one(events_of(text), "return")
    assert e.code == "087" and e.modality == "future"  # a move of forces, not an intent
    assert e.source is not None and e.source.code == "RUSMIL"


def test_going_back_to_bases_and_the_return_of_units() -> None:
    events = events_of("The Russian defence ministry said its battalions were going back to their "
                       "garrisons. A spokesman for the Kremlin said the return of the "
                       "troops to their bases had begun.")
    going = _one(events, "going")
    assert going.code == "087" and going.source is not None
    ret = _one(events, "return")
    # the troops are Russia's: the announcer's (RUSGOV) or, read as an unknown actor in a
    # Russian context, RUSMIL
    assert ret.code == "087" and ret.source is not None and ret.source.country == "RUS"


def test_departure_as_a_predicate_is_no_event() -> None:
    assert not [e for e in events_of("The new French policy is a departure from Paris's "
                                     "old line on Russia.") if e.root == "08"]


def test_not_a_threat_is_no_threat_event() -> None:
    assert not [e for e in events_of("Lithuania is not a threat to Belarus.")
                if e.root == "13"]


def test_threat_target_is_not_the_threateners_own_side() -> None:
    events = events_of("Japan's foreign minister warned that Japan would respond "
                       "firmly if China blocked the strait.")
    hits = [e for e in events if e.root == "13"]
    assert hits and all(country(e.target) != "JPN" for e in hits)
    assert any(country(e.target) == "CHN" for e in hits)


def test_state_threat_of_attack_has_no_domestic_target() -> None:
    # a denied intention is the act denied (issue 8), and it is aimed at nobody at home
    events = events_of("Iran said it had never intended to attack anyone.")
    hits = [e for e in events if e.root in ("13", "19")]
    assert hits and all(e.target is None for e in hits)
    assert all(e.modality != "asserted" for e in hits if e.root == "19")


def test_announced_event_is_reported_by_the_announcer() -> None:
    e = _one(events_of("Belarus announced a partial withdrawal from the border."), "withdrawal")
    assert e.modality == "asserted" and e.reported_by is not None
    assert e.reported_by.code == "BLR" and e.source is not None and e.source.code == "BLR"
    hits = [e for e in events_of("If the bloc wants calm, it should answer Belarus's demands.")
            if e.root == "10"]
    assert hits and all(e.reported_by is None for e in hits)


def test_means_of_a_possible_act_is_hypothetical() -> None:
    e = _one(events_of("An aide said that Serbia could prove its goodwill by pulling its "
                       "troops back."), "pulling")
    assert e.code == "087" and e.modality == "hypothetical"


def test_no_sign_in_the_outlets_own_voice() -> None:
    events = events_of("Satellite images showed no sign of a Russian withdrawal.")
    e = _one(events, "withdrawal")
    assert e.modality == "negated" and e.source is not None and e.source.code == "RUS"
    assert e.reported_by is None or not e.reported_by.code
    # with no actor of its own and nobody saying it, there is nothing to code
    assert not [x for x in events_of("Satellite images showed no sign of a withdrawal.")
                if x.root == "08"]


def test_no_sign_of_coordinated_events() -> None:
    events = events_of("Lithuania said it saw no sign of a Russian pullback or a withdrawal "
                       "of Russian troops.")
    hits = [e for e in events if e.root == "08"]
    assert {e.trigger_text for e in hits} == {"pullback", "withdrawal"}
    assert all(e.modality == "negated" and e.reported_by is not None
               and e.reported_by.code == "LTU" for e in hits)
    assert {e.source.code for e in hits if e.source} == {"RUS", "RUSMIL"}


def test_accused_deed_is_alleged_and_reported_by_the_accuser() -> None:
    # contract change (issue 8): the deed is kept as the accuser's allegation, not dropped
    events = events_of("Chile accused Peru of violating the fishing treaty.")
    assert [(e.code, country(e.source), country(e.target)) for e in events
            if e.root == "11"] == [("112", "CHL", "PER")]
    deeds = [e for e in events if e.trigger_text == "violating"]
    assert deeds and all(e.modality == "alleged" and country(e.source) == "PER"
                         and e.reported_by is not None and e.reported_by.code == "CHL"
                         for e in deeds)


def test_stative_participle_keeps_its_subject_as_source() -> None:
    e = _one(events_of("Kenya is opposed to Ugandan mediation."), "opposed")
    assert e.code == "110" and country(e.source) == "KEN" and country(e.target) == "UGA"


def test_vowing_to_fight_is_a_threat() -> None:
    events = events_of("Chadian rebels have sworn to fight until the capital falls.")
    assert [e.root for e in events if e.trigger_text == "sworn"] == ["13"]


def test_announcing_non_cooperation_is_a_rejection() -> None:
    e = _one(events_of("Lebanon says it will not accept any new refugees."), "accept")
    assert e.root == "12" and e.modality == "asserted" and country(e.source) == "LBN"
    # a past non-event is only negated, not a rejection
    e = _one(events_of("Jordan did not accept the refugees."), "accept")
    assert e.root != "12"


def test_demand_noun_takes_the_that_clause_hung_on_its_verb() -> None:
    events = events_of("The Arab League renewed its demand that Israel lift the blockade.")
    hits = [e for e in events if e.trigger_text == "demand"]
    assert hits and hits[0].root == "10" and country(hits[0].target) == "ISR"
    assert not [e for e in events if e.trigger_text == "lift"]


def test_deontic_copula_clause_is_part_of_the_demand() -> None:
    events = events_of("Egypt said that the United States must be ready to mediate.")
    assert [e.root for e in events] == ["10"]


def test_condition_is_not_a_held_out_prospect() -> None:
    events = events_of("Ghana said it will withdraw its troops from Mali unless the junta "
                       "arranges a ceasefire.")
    assert not [e for e in events if e.trigger_text == "ceasefire"]
    assert [e.root for e in events if e.trigger_text == "withdraw"] == ["13"]


def test_passive_subject_acts_in_a_later_active_conjunct() -> None:
    events = events_of("Serbia's prime minister has been indicted by the court and will "
                       "resign.")
    e = _one(events, "resign")
    assert country(e.source) == "SRB"


def test_topic_of_talks_is_no_event() -> None:
    events = events_of("Syria and Lebanon resumed negotiations on a Syrian troop withdrawal.")
    assert {e.root for e in events} == {"04"}


def test_clause_describing_a_vetoed_resolution_is_no_event() -> None:
    events = events_of("Russia vetoed a resolution condemning Syria.")
    assert [e.code for e in events] == ["129"]


def test_participle_with_a_determiner_is_not_a_verb_event() -> None:
    events = events_of("Kenyan helicopters evacuated the wounded from the town.")
    assert [e.root for e in events] == ["07"]


def test_return_to_a_place_is_not_a_release() -> None:
    e = _one(events_of("Iranian negotiators returned to Vienna on Monday."), "returned")
    assert e.root == "04"


def test_gathering_for_a_rally_takes_the_verbs_subject() -> None:
    e = _one(events_of("Thousands of Kenyans gathered for a rally on Sunday."), "rally")
    assert e.root == "14" and country(e.source) == "KEN"


def test_opening_a_border_and_deny_permission() -> None:
    e = _one(events_of("Turkey reopened its border with Armenia."), "reopened")
    assert e.root == "08"
    e = _one(events_of("Egypt denied entry to Libyan officials."), "denied")
    assert e.root == "12"


def test_withdrawal_of_troops_from_a_place_targets_the_place() -> None:
    e = _one(events_of("Armenia sped up the withdrawal of its troops from Azerbaijan."),
             "withdrawal")
    assert country(e.source) == "ARM" and country(e.target) == "AZE"


def test_committed_to_reads_as_the_subjects_intent() -> None:
    e = _one(events_of("Vietnam is committed to opening its markets."), "committed")
    assert e.root == "03" and country(e.source) == "VNM"


def test_name_of_a_body_is_no_nominal_event() -> None:
    events = events_of("Hungary hosted the first Warsaw Pact defence minister to visit since "
                       "the war.")
    assert not [e for e in events if e.trigger_text == "Pact"]


def test_what_a_probe_looks_into_is_no_event() -> None:
    events = events_of("Kenya opened an investigation into allegations by Somalia.")
    assert {e.root for e in events} == {"09"}


def test_conditional_own_step_is_an_offer_or_a_threat() -> None:
    e = _one(events_of("Kenya would meet the Somali envoy if he dropped his demands."), "meet")
    assert e.root == "03" and e.modality == "asserted" and country(e.source) == "KEN"
    e = _one(events_of("Ghana may halt its aid to Togo if the fighting continues."), "halt")
    assert e.root == "13" and country(e.source) == "GHA"
    # a hedged prospect with no condition stays hypothetical
    e = _one(events_of("Ghana might halt its aid to Togo."), "halt")
    assert e.modality == "hypothetical"


def test_guilty_of_a_deed_makes_the_subject_its_doer() -> None:
    events = events_of("Both Chad and Sudan are guilty of violating the ceasefire.")
    assert {country(e.source) for e in events if e.trigger_text == "violating"} >= {"TCD"}


def test_statement_demanding_is_the_issuers_demand() -> None:
    e = _one(events_of("The Kenyan government issued a statement demanding that Somalia "
                       "withdraw its troops."), "demanding")
    assert e.root == "10" and country(e.source) == "KEN" and country(e.target) == "SOM"


def test_promise_to_ease_at_home_targets_the_own_country() -> None:
    e = _one(events_of("The Algerian government will lift the curfew."), "lift")
    assert e.root == "03" and country(e.target) == "DZA"


def test_infinitive_in_a_describing_clause_is_background() -> None:
    events = events_of("Kenya backed a resolution that aims to impose a blockade on Somalia.")
    assert not [e for e in events if e.trigger_text == "impose"]
    assert [e.root for e in events if e.trigger_text == "backed"] == ["05"]


def test_war_games_are_not_a_war() -> None:
    events = events_of("French and Egyptian warships launched war games in the Mediterranean.")
    assert {e.root for e in events} == {"15"}


def test_object_compound_names_the_object() -> None:
    e = _one(events_of("Sudanese troops violated the ceasefire agreement."), "violated")
    assert e.code == "196"
    e = _one(events_of("Syrian officers ended mediation efforts between the militias."), "ended")
    assert e.code == "165"


def test_police_firing_with_no_target_fire_at_home() -> None:
    e = _one(events_of("Kenyan police opened fire on Monday night."), "opened")
    assert e.root == "19" and country(e.target) == "KEN"


def test_the_one_allowed_is_the_target_of_a_refusal_to_allow() -> None:
    e = _one(events_of("Hamas refused to allow Egyptian mediators to enter."), "refused")
    assert e.root == "12" and country(e.target) == "EGY"


def test_consensus_to_act_is_an_intent() -> None:
    events = events_of("Kenya and Somalia reached a consensus to share intelligence.")
    assert {e.code for e in events} == {"0314"}


def test_coordinated_part_of_an_absorbed_event_is_no_event_of_its_own() -> None:
    events = events_of("Sudan threatened to invade and annex the disputed region of Chad.")
    assert not [e for e in events if e.trigger_text == "annex"]
    assert [e.root for e in events if e.trigger_text == "threatened"] == ["13"]


def test_announced_deployment_to_an_ally_is_a_future_posture_not_a_threat() -> None:
    from faultline.pipeline import annotate_text

    ann = annotate_text("The United States will deploy 3,000 troops to Poland.",
                        published="2022-02-01")
    assert [(e.root, e.modality) for e in ann.events] == [("15", "future")]


def test_every_actor_keeps_the_mention_it_was_read_from(seed0: Annotations) -> None:
    text = seed0.article.text
    sided = [(e.source, e.source_span, e.source_text) for e in seed0.events] + \
        [(e.target, e.target_span, e.target_text) for e in seed0.events]
    assert any(actor is not None for actor, _, _ in sided)
    for actor, span, mention in sided:
        assert (actor is None) == (span is None) == (mention is None)
        if span is not None:
            assert text[span.start:span.end] == mention


def test_mention_span_names_the_actor_in_the_sentence() -> None:
    ann = _annotate("Poland expelled two Russian diplomats on Tuesday.", "2022-02-16")
    [e] = [e for e in ann.events if e.code == "166"]
    assert (e.source_text, e.target_text) == ("Poland", "Russian diplomats")
    assert e.source_span is not None and e.source_span.start == 0


@pytest.mark.parametrize(("text", "not_root"), [
    ("Washington delivered a written response to Moscow's proposals.", "07"),
    ("The rebels released a video of the captured soldiers.", "08"),
    ("Speaking to reporters in Paris, the German minister praised the talks.", "04"),
    ("Macron said the visit was aimed at easing tensions with Russia.", "08"),
])
def test_a_verb_sense_follows_the_kind_of_its_object(text: str, not_root: str) -> None:
    events = events_of(text)
    assert not [e for e in events if e.root == not_root], describe_events(events)


def test_ending_exercises_and_ordering_units_back_are_pullbacks() -> None:
    for text in ("Russian units completed their drills near the border.",
                 "The general ordered his units back to their barracks."):
        events = events_of(text)
        assert [e for e in events if e.root == "08"], describe_events(events)
        assert not [e for e in events if e.root == "15" and e.modality == "asserted"]


def test_a_clause_labelled_a_claim_is_alleged() -> None:
    events = events_of("Russian agencies reported that a car bomb had killed a local commander, "
                       "a claim that could not be verified.")
    assert events and all(e.modality == "alleged" for e in events if e.root >= "18")


def describe_events(events: list[Event]) -> str:
    return "; ".join(f"{e.code} {e.source and e.source.code}->{e.target and e.target.code} "
                     f"{e.modality} {e.trigger_text!r}" for e in events)


def test_wanting_another_actor_to_act_demands_it() -> None:
    events = events_of("Washington wants Moscow to withdraw its troops from the border.")
    assert [(e.root, country(e.source), country(e.target)) for e in events
            if e.root == "10"] == [("10", "USA", "RUS")], describe_events(events)
    own = events_of("Russia wants to expand its influence in the region.")
    assert not [e for e in own if e.root == "10"]


def test_an_event_cited_as_a_verbs_subject_is_background() -> None:
    cited = events_of("The occupation of the islands by Argentina showed how thin the British "
                      "garrison had become.")
    assert not [e for e in cited if e.root == "19"], describe_events(cited)
    reported = events_of("Argentine troops occupied the islands on Friday.")
    assert [e for e in reported if e.root == "19"], describe_events(reported)


# --------------------------------------------------------------------------- arguments (args)


def test_a_name_no_dictionary_knows_is_the_target_with_its_mention() -> None:
    text = "The FBI opened an investigation of Flynn on Tuesday."
    hits = [e for e in events_of(text) if e.root == "09"]
    assert hits, describe_events(events_of(text))
    e = hits[0]
    assert (e.source.code, e.target.code, e.target_text) == ("USASPY", "---", "Flynn")
    assert text[e.target_span.start:e.target_span.end] == "Flynn"


def test_only_names_no_dictionary_knows_code_no_event() -> None:
    events = events_of("Zorblax met Quenty Vell on Tuesday.")
    assert not [e for e in events if e.root == "04"], describe_events(events)


def test_the_place_of_talks_is_not_their_other_party() -> None:
    events = events_of("Lavrov held talks in Geneva with the Pakistani foreign minister.")
    hits = [e for e in events if e.root == "04"]
    assert hits and {e.target.code for e in hits if e.target} == {"PAKGOV"}, \
        describe_events(events)
    alone = [e for e in events_of("The foreign ministers of Russia and France met in Geneva.")
             if e.root == "04"]
    assert all(e.target is None or e.target.country != "CHE" for e in alone), \
        describe_events(alone)


def test_an_agentless_arrest_is_by_the_state_it_happened_in() -> None:
    events = events_of("A prominent journalist was arrested on Monday in Niger.")
    hits = [e for e in events if e.root == "17"]
    assert hits and hits[0].source is not None and hits[0].source.code == "NER", \
        describe_events(events)


def test_same_actor_tells_two_people_and_two_unknown_names_apart() -> None:
    from faultline.extract.events.arguments import same_actor
    from faultline.model import Actor, ActorMention, Span

    def m(text: str, code: str, kind: str, via: str = "dictionary") -> ActorMention:
        return ActorMention(span=Span("a", 0, len(text)), text=text, actor=Actor(
            code=code, name=text, kind=kind), token_start=0, token_end=1, via=via)

    assert not same_actor(m("Mbeki", "ZAFGOV", "person"), m("Zuma", "ZAFGOV", "person"))
    assert same_actor(m("Mbeki", "ZAFGOV", "person"), m("Mbeki", "ZAFGOV", "person"))
    assert not same_actor(m("lawyers", "---JUD", "group", "unknown"),
                          m("the court", "---JUD", "group", "unknown"))
    assert same_actor(m("Russia", "RUS", "country"), m("Moscow", "RUS", "country"))
    assert not same_actor(m("Romania's president", "ROUGOV", "person", "role"),
                          m("justice minister", "ROUGOV", "group", "unknown"))


def test_an_infinitive_that_spells_out_the_act_gives_its_target() -> None:
    events = events_of("Korea's cabinet has promised to work with Vietnam on joint port projects.")
    hits = [e for e in events if e.root == "03"]
    assert hits and hits[0].target is not None and hits[0].target.code == "VNM", \
        describe_events(events)
    events = events_of("The U.S. government donated a shipment of ventilators to assist "
                       "Ethiopia with its response.")
    hits = [e for e in events if e.root == "07"]
    assert hits and hits[0].target is not None and hits[0].target.code == "ETH", \
        describe_events(events)


def test_whose_the_thing_acted_on_is_gives_the_target_but_not_the_doers_own() -> None:
    events = events_of("South Africa's government has condemned a protest by white farmers.")
    hits = [e for e in events if e.root == "11"]
    assert hits and hits[0].target_text == "white farmers", describe_events(events)
    events = events_of("Canada last month lifted its trade embargo against Cuba.")
    hits = [e for e in events if e.root == "08"]
    assert hits and hits[0].target is not None and hits[0].target.code == "CUB", \
        describe_events(events)


@pytest.mark.parametrize(("text", "code"), [
    # an authority's order of a material act is the act (frames.order in verbs.yaml)
    ("A court in Minsk ordered the arrest of two opposition leaders.", "173"),
    ("The Israeli prime minister ordered air strikes on Hamas positions.", "195"),
    ("The junta ordered the newspaper to suspend publication for a month.", "1721"),
    # ... a spoken act it orders stays a demand
    ("The prime minister ordered his minister to apologize to Poland.", "102"),
])
def test_an_order_of_a_material_act_is_the_act(text: str, code: str) -> None:
    events = events_of(text)
    assert events and events[0].code == code, describe_events(events)


def test_a_sense_tests_the_direct_object_before_a_clause_of_cause() -> None:
    # "fighting" sits in "because of", not in the object: no ceasing of hostilities
    events = events_of("The European Union suspended aid to Gaza because of the fighting there.")
    assert [e.code for e in events if e.root in ("08", "16")] == ["162"], describe_events(events)


def test_a_sense_may_test_the_subject() -> None:
    events = events_of("Polish peacekeepers arrived in Lebanon on Monday.")
    assert [e.code for e in events] == ["074"], describe_events(events)
    events = events_of("Polish diplomats arrived in Lebanon on Monday.")
    assert [e.code for e in events] == ["042"], describe_events(events)


def test_a_preposition_that_only_dates_the_act_is_no_addressee() -> None:
    # "called ... on Saturday" is a phone call to the king, not a call on anyone to act
    events = events_of("The French president called King Abdullah on Saturday.")
    assert [e.code for e in events] == ["041"], describe_events(events)


@pytest.mark.parametrize(("text", "root"), [
    ("Hungary pledged its full support for the Polish proposal.", "05"),
    ("The minister offered sharp criticism of the Italian plan.", "11"),
    ("Germany and France agreed a new trade agreement on Friday.", "05"),
    ("Spain has called for sanctions against Venezuela.", "11"),
    ("Turkish troops captured the town of Afrin on Sunday.", "19"),
    ("The army has been holding villagers as human shields.", "18"),
    ("Sweden accepted two hundred Syrian refugees last year.", "07"),
    ("The Kremlin called the American warnings hysteria.", "11"),
])
def test_light_verbs_and_object_senses_take_the_reading_of_their_noun(text: str,
                                                                      root: str) -> None:
    events = events_of(text)
    assert events and events[0].root == root, describe_events(events)


def test_a_default_target_is_read_from_the_object_the_act_fell_on() -> None:
    from faultline.extract.events.arguments import _default_targets
    from faultline.extract.events.lexicon import lexicon
    from faultline.nlp import load_nlp
    from faultline.options import DEFAULT_MODEL

    text = "Italian police arrested the captain of a rescue ship."
    doc = load_nlp(DEFAULT_MODEL)(text)
    ann = _annotate(text, "2022-02-16")
    source = next(m for m in ann.actors if m.text == "Italian police")
    verb = next(t for t in doc if t.lemma_ == "arrest")
    plain = _default_targets("173", source, lexicon())
    read = _default_targets("173", source, lexicon(), tok=verb)
    assert [m.actor.code for m in plain] == [m.actor.code for m in read] == ["ITA"]
    assert plain[0].text == "Italian police"
    assert read[0].text == "the captain of a rescue ship"
    assert text[read[0].span.start:read[0].span.end] == read[0].text


def test_a_gerund_after_after_is_done_by_the_subject_not_the_object() -> None:
    events = events_of("The Taliban stormed a police station after striking it with car bombs.")
    assert not [e for e in events if e.source is not None and e.source.code == "---COP"
                or (e.source is not None and e.source.sector == "COP")], describe_events(events)
    events = events_of("Ukraine accused Russia of shelling a kindergarten.")
    hits = [e for e in events if e.root == "19"]
    assert hits and hits[0].source.code == "RUS", describe_events(events)


@pytest.mark.parametrize(("text", "code"), [
    ("The French president called Putin on Sunday.", "041"),  # a call to a person
    ("Biden called Putin a killer.", "111"),  # what he called him
])
def test_calling_a_person_is_a_phone_call_unless_it_names_him_something(text: str,
                                                                        code: str) -> None:
    events = events_of(text)
    assert [e.code for e in events] == [code], describe_events(events)


def test_targets_deeper_in_the_object_and_support_for() -> None:
    events = events_of("The US government returned dozens of artifacts to the Embassy of "
                       "El Salvador.")
    hits = [e for e in events if e.root == "08"]
    assert hits and hits[0].target is not None and hits[0].target.code == "SLVGOV", \
        describe_events(events)
    events = events_of("Turkey's president voiced his support for Nicolas Maduro on Thursday.")
    hits = [e for e in events if e.root == "05"]
    assert hits and hits[0].target is not None and hits[0].target.code == "VENGOV", \
        describe_events(events)
    events = events_of("Burmese troops captured part of a rebel stronghold on the Thai border.")
    assert all(e.target is None or e.target.country != "THA" for e in events), \
        describe_events(events)


def test_the_one_whose_request_is_refused_is_the_target() -> None:
    events = events_of("A Jerusalem court rejected Prime Minister Benjamin Netanyahu to delay "
                       "his trial.")
    hits = [e for e in events if e.root == "12"]
    assert hits and hits[0].target_text == "Prime Minister Benjamin Netanyahu", \
        describe_events(events)
    events = events_of("Palestinian officials demanded that the United States match the "
                       "European Union's support for Palestinian statehood.")
    hits = [e for e in events if e.root == "10"]
    assert hits and hits[0].target is not None and hits[0].target.code == "USA", \
        describe_events(events)


def test_an_object_of_no_ones_yields_to_a_named_place_or_party() -> None:
    events = events_of("The UN withdrew its observers from the Golan Heights.")
    hits = [e for e in events if e.target is not None]
    assert hits and hits[0].target.country == "SYR", describe_events(events)


def test_an_instrument_or_a_moved_force_names_the_doer() -> None:
    events = events_of("A car bombing by the Islamic State killed at least 75 people.")
    hits = [e for e in events if e.root in ("18", "19")]
    assert hits and hits[0].source is not None and hits[0].source.code == "IMGISL", \
        describe_events(events)
    events = events_of("About 2,000 Russian soldiers were deployed along the corridor.")
    hits = [e for e in events if e.source is not None]
    assert hits and hits[0].source.code == "RUSMIL", describe_events(events)
    events = events_of("Fighters loyal to Alassane Ouattara arrested his rival Laurent Gbagbo.")
    hits = [e for e in events if e.root == "17"]
    assert hits and hits[0].source_text == "Alassane Ouattara", describe_events(events)


def test_coordinated_parties_meet_each_other_even_under_one_code() -> None:
    events = events_of("Russia and Turkey's foreign ministers met briefly on Tuesday.")
    pairs = {(e.source.code, e.target.code) for e in events
             if e.root == "04" and e.source and e.target}
    assert ("RUSGOV", "TURGOV") in pairs or ("TURGOV", "RUSGOV") in pairs, \
        describe_events(events)
    events = events_of("Russian President Vladimir Putin and Russian Prime Minister Mikhail "
                       "Mishustin held a meeting in Moscow.")
    hits = [e for e in events if e.root == "04" and e.target is not None]
    assert hits and hits[0].source_text != hits[0].target_text, describe_events(events)


@pytest.mark.parametrize(("text", "code"), [
    ("Teachers struck across France on Monday.", "143"),  # no object: a walkout
    ("Israeli jets struck a Hamas base in Gaza.", "195"),  # a target: an air strike
])
def test_striking_with_no_object_is_a_walkout_and_with_a_target_an_attack(text: str,
                                                                          code: str) -> None:
    events = events_of(text)
    assert [e.code for e in events] == [code], describe_events(events)


def test_received_aid_is_done_by_the_giver_to_the_receiver() -> None:
    events = events_of("Georgia received military assistance from Japan in the spring, officials "
                       "said.")
    hits = [e for e in events if e.root == "07"]
    assert hits and hits[0].source is not None and hits[0].source.country == "JPN", \
        describe_events(events)
    assert hits[0].target is not None and hits[0].target.country == "GEO", describe_events(events)
    events = events_of("Moldova got a delivery of fuel from Romania on Friday.")
    hits = [e for e in events if e.root == "07"]
    assert hits and hits[0].source is not None and hits[0].source.country == "ROU", \
        describe_events(events)
    assert hits[0].target is not None and hits[0].target.country == "MDA", describe_events(events)


def test_they_after_a_reporting_verb_is_its_own_subject() -> None:
    events = events_of("Georgian police raided the market on Monday. Shopkeepers said they "
                       "would close their stores in protest against the raid.")
    assert not [e for e in events if e.root == "14" and e.source is not None
                and e.source.code == "GEOCOP"], describe_events(events)
    events = events_of("The Serbian government raised fuel prices. Fishermen on the coast said "
                       "they would block the harbour in protest.")
    assert all(e.source is None or e.source.sector != "GOV" for e in events
               if e.root in ("13", "14")), describe_events(events)
