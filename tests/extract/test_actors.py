"""The actors stage and the actor dictionary's lookup, on real parses of short sentences."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from faultline.errors import DataFileError
from faultline.extract.actors import (
    DATA_DIR,
    actor_dictionary,
    load_actor_data,
    mention_at,
)
from faultline.model import Annotations
from faultline.pipeline import annotate_text
from tests.evaldata import seed_text


def actors(text: str, published: str | None = "2022-02-16") -> Annotations:
    return annotate_text(text, published=published, stages=["actors"])


def codes(ann: Annotations) -> dict[str, str]:
    """mention text -> code (the last one wins for repeated texts)."""
    return {m.text: m.actor.code for m in ann.actors}


def mention(ann: Annotations, text: str, nth: int = 0):
    found = [m for m in ann.actors if m.text == text]
    assert len(found) > nth, f"no mention {text!r} in {[m.text for m in ann.actors]}"
    return found[nth]


# --------------------------------------------------------------------------- composition


def test_country_adjective_and_sector_noun_compose():
    ann = actors("Russian troops massed near the border while Ukrainian civilians fled west.")
    assert codes(ann) == {"Russian troops": "RUSMIL", "Ukrainian civilians": "UKRCVL"}
    assert mention(ann, "Russian troops").actor.sector == "MIL"


def test_ministries_and_intelligence():
    ann = actors("The Russian Ministry of Defence denied it, and Russia's foreign ministry "
                 "called the US intelligence community biased.")
    got = codes(ann)
    assert got["Russian Ministry of Defence"] == "RUSMIL"
    assert got["Russia's foreign ministry"] == "RUSGOV"
    assert got["US intelligence community"] == "USASPY"


def test_media_academics_government_and_igo_members():
    ann = actors("Russian academics told state-owned RT that the Ukrainian government "
                 "had asked NATO members for help.")
    got = codes(ann)
    assert got["Russian academics"] == "RUSEDU"
    assert got["RT"] == "RUSMED"
    assert got["Ukrainian government"] == "UKRGOV"
    assert got["NATO members"] == "IGOWSTNAT"


def test_head_noun_decides_and_bare_country_keeps_country_code():
    ann = actors("Ukrainian government troops shelled a village, Russia said.")
    got = codes(ann)
    assert got["Ukrainian government troops"] == "UKRMIL"
    assert got["Russia"] == "RUS"
    assert mention(ann, "Russia").actor.kind == "country"


def test_metonyms():
    ann = actors("The Kremlin and the Pentagon disagreed; Downing Street and the State "
                 "Department kept quiet, and Kyiv waited.")
    got = codes(ann)
    assert got["Kremlin"] == "RUSGOV"
    assert got["Pentagon"] == "USAMIL"
    assert got["Downing Street"] == "GBRGOV"
    assert got["State Department"] == "USAGOV"
    assert got["Kyiv"] == "UKRGOV"


def test_compound_subject_gives_two_mentions():
    ann = actors("Russia and Belarus held joint drills near the Polish border.")
    got = [(m.text, m.actor.code) for m in ann.actors]
    assert ("Russia", "RUS") in got and ("Belarus", "BLR") in got


def test_coordinated_adjectives_share_the_head():
    ann = actors("Russian and American citizens do not want a war.")
    got = codes(ann)
    assert got["Russian"] == "RUSCVL"
    assert got["American citizens"] == "USACVL"


def test_stance_prefix_is_not_an_actor_but_location_composes():
    ann = actors("Pro-Russian separatists in Donbas fired on a checkpoint.")
    got = codes(ann)
    assert "Russian" not in got
    assert got["separatists in Donbas"] == "UKRREB"


def test_weak_head_yields_to_the_earlier_sector():
    ann = actors("Afghan rebel leaders met Russian officials.")
    assert codes(ann) == {"Afghan rebel leaders": "AFGREB", "Russian officials": "RUSGOV"}


def test_capital_is_the_government_unless_it_is_a_place():
    ann = actors("Moscow rejected the offer. Shelling continued in central Kyiv.")
    got = codes(ann)
    assert got["Moscow"] == "RUSGOV"
    assert got["Kyiv"] == "UKRCVL"


def test_the_west_needs_its_article():
    ann = actors("The talks with the West stalled. West Virginia voted, and so did "
                 "the West Bank.")
    assert [(m.text, m.actor.code) for m in ann.actors if m.via != "unknown"] == [
        ("the West", "WST"), ("West Bank", "PSE")]


def test_known_surname_inside_an_unknown_name_is_not_that_person():
    ann = actors("Hunter Biden declined to comment, and Joe Biden left.")
    assert [m.actor.name for m in ann.actors if m.actor.kind == "person"
            and m.via != "unknown"] == ["Joe Biden"]
    assert mention(ann, "Hunter Biden").actor.code == "---"  # someone we do not know


def test_led_composes_but_backed_does_not():
    ann = actors("Vietnamese-led forces advanced while Russian-backed militias held back.")
    got = codes(ann)
    assert got["Vietnamese-led forces"] == "VNMMIL"
    assert "Russian" not in got


def test_coordinated_names_share_the_head_and_links_reach_over_a_noun():
    ann = actors("US and British forces left. Opposition groups in Zimbabwe protested.")
    got = codes(ann)
    assert got["US"] == "USAMIL" and got["British forces"] == "GBRMIL"
    assert got["Opposition groups in Zimbabwe"] == "ZWEOPP"


def test_known_first_name_joins_a_known_surname():
    ann = actors("Francois Mitterand welcomed the plan.", published="1990-01-01")
    assert [(m.text, m.actor.code) for m in ann.actors] == [("Francois Mitterand", "FRAGOV")]


def test_unknown_organization_named_with_a_sector_word_keeps_only_the_country():
    ann = actors("The American Civil Liberties Union sued, and Serbian Labour Minister "
                 "Dragan Milovanovic answered.")
    got = codes(ann)
    assert got["American Civil Liberties Union"] == "USA"
    assert got["Serbian Labour Minister Dragan Milovanovic"] == "SRBGOV"


def test_mayor_of_a_city_is_not_the_capital_mayor():
    ann = actors("The mayor of Lviv and the mayor of Kyiv met.", published="2022-03-01")
    got = {m.text: m.actor for m in ann.actors}
    assert got["mayor of Lviv"].code == "UKRGOV" and got["mayor of Lviv"].kind != "person"
    assert got["mayor of Kyiv"].name == "Vitali Klitschko"


def test_acronym_case_matters():
    ann = actors("Let us talk about the US proposal.")
    assert [m.text for m in ann.actors] == ["US"]


# --------------------------------------------------------------------------- people


def test_person_with_title_is_one_mention():
    ann = actors("Russian President Vladimir Putin met Emmanuel Macron in Moscow.")
    putin = mention(ann, "Russian President Vladimir Putin")
    assert putin.actor.code == "RUSGOV"
    assert putin.actor.name == "Vladimir Putin"
    assert putin.actor.country == "RUS" and putin.actor.sector == "GOV"
    assert putin.actor.kind == "person" and putin.via == "person"
    assert mention(ann, "Emmanuel Macron").actor.code == "FRAGOV"


def test_biden_is_not_government_before_inauguration():
    before = actors("Joe Biden criticised the decision.", published="2020-06-01")
    after = actors("Joe Biden criticised the decision.", published="2022-02-16")
    assert mention(before, "Joe Biden").actor.code != "USAGOV"
    assert mention(after, "Joe Biden").actor.code == "USAGOV"


def test_scholz_and_the_german_chancellor_in_january_2022():
    ann = actors("Scholz spoke to reporters. Later the German chancellor flew to Kyiv.",
                 published="2022-01-20")
    assert mention(ann, "Scholz").actor.code == "DEUGOV"
    chancellor = mention(ann, "German chancellor")
    assert chancellor.actor.name == "Olaf Scholz" and chancellor.via == "role"
    earlier = actors("The German chancellor flew to Kyiv.", published="2020-01-20")
    assert mention(earlier, "German chancellor").actor.name == "Angela Merkel"


def test_generic_leader_title():
    ann = actors("The German leader met the Russian leader. Afghan rebel leaders watched. "
                 "Emmanuel Macron spoke, and the leader then left.", published="2022-02-10")
    got = {m.text: m.actor for m in ann.actors}
    assert got["German leader"].name == "Olaf Scholz"
    assert got["Russian leader"].name == "Vladimir Putin"
    assert got["Afghan rebel leaders"].code == "AFGREB"
    assert got["leader"].name == "Emmanuel Macron"


def test_role_phrases_resolve_to_office_holders():
    ann = actors("Ukraine's foreign minister and NATO's secretary general met the US "
                 "secretary of state.", published="2022-02-10")
    got = {m.text: m.actor.name for m in ann.actors}
    assert got["Ukraine's foreign minister"] == "Dmytro Kuleba"
    assert got["NATO's secretary general"] == "Jens Stoltenberg"
    assert got["US secretary of state"] == "Antony Blinken"
    assert mention(ann, "NATO's secretary general").actor.code == "IGOWSTNAT"


def test_former_office_is_not_the_current_holder():
    ann = actors("The former Ukrainian president criticised the deal.", published="2022-02-16")
    m = ann.actors[0]
    assert m.text == "Ukrainian president" and m.actor.code == "UKRELI"


def test_administration_official_codes_the_government():
    ann = actors("A senior Biden administration official said talks would continue.")
    assert [m.actor.code for m in ann.actors] == ["USAGOV"]


def test_shared_surname_follows_the_article_then_the_date():
    ann = actors("Hillary Clinton spoke first. Later Clinton said more.", published="1995-06-01")
    assert [m.actor.name for m in ann.actors] == ["Hillary Clinton", "Hillary Clinton"]
    alone = actors("Clinton said more.", published="1995-06-01")
    assert alone.actors[0].actor.name == "Bill Clinton"
    assert alone.actors[0].actor.code == "USAGOV"


def test_unknown_name_after_title_is_coded_by_the_title():
    ann = actors("Lithuanian Defence Minister Arvydas Anusauskas visited the troops.")
    m = ann.actors[0]
    assert m.actor.code == "LTUMIL" and m.actor.kind == "person"
    assert m.text.endswith("Anusauskas")


def test_unknown_person_after_a_sector_noun_is_coded_by_it():
    ann = actors("Ukrainian lawmaker Oleksiy Honcharenko said the vote would pass.")
    m = ann.actors[0]
    assert (m.text, m.actor.code, m.actor.name, m.actor.kind) == (
        "Ukrainian lawmaker Oleksiy Honcharenko", "UKRLEG", "Oleksiy Honcharenko", "person")


# --------------------------------------------------------------------------- coreference


def test_pronoun_resolves_to_last_named_person_of_that_gender():
    ann = actors("Maria Zakharova mocked the report. Joe Biden disagreed. "
                 "He said the troops were still there, and she laughed.")
    he = mention(ann, "He")
    she = mention(ann, "she")
    assert he.via == "coref" and he.actor.name == "Joe Biden"
    assert she.via == "coref" and she.actor.name == "Maria Zakharova"


def test_pronoun_not_resolved_past_an_unknown_person():
    ann = actors("Putin spoke with John Smith. He said nothing new.")
    assert "He" not in {m.text for m in ann.actors}


def test_bare_title_refers_back():
    ann = actors("Emmanuel Macron arrived late. The president then spoke for an hour.",
                 published="2022-02-07")
    president = mention(ann, "president")
    assert president.via == "coref" and president.actor.name == "Emmanuel Macron"


def test_bare_title_of_something_else_is_not_coreferent():
    ann = actors("Emmanuel Macron arrived. The president of the company complained.",
                 published="2022-02-07")
    assert [m.text for m in ann.actors if m.via != "unknown"] == ["Emmanuel Macron"]
    assert mention(ann, "company").actor.code == "---BUS"  # an unknown actor, not Macron


# --------------------------------------------------------------------------- shape


def test_offsets_round_trip_sorted_and_disjoint():
    text = ("On Tuesday, US President Joe Biden said Russian troops and the Kremlin's "
            "envoys were still near Ukraine. He urged Moscow to talk to NATO.")
    ann = actors(text)
    assert ann.actors
    last_end = -1
    for m in ann.actors:
        assert text[m.span.start : m.span.end] == m.text
        assert m.token_start >= last_end and m.token_end > m.token_start
        last_end = m.token_end


def test_works_on_a_doc_without_parse():
    import spacy

    from faultline.extract.actors import find_actors

    doc = spacy.blank("en")("Joe Biden spoke. He said Russian troops left.")
    got = [(doc[s:e].text, actor.code, via) for s, e, actor, via in
           find_actors(doc, "2022-02-16")]
    assert got == [("Joe Biden", "USAGOV", "person"), ("He", "USAGOV", "coref"),
                   ("Russian troops", "RUSMIL", "dictionary")]


def test_mention_at_finds_the_covering_mention():
    ann = actors("US President Joe Biden spoke.")
    m = mention_at(ann, 2)  # "Joe"
    assert m is not None and m.actor.name == "Joe Biden"
    assert mention_at(ann, 4) is None  # "spoke"


# --------------------------------------------------------------------------- lookup API


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Sergey Ryabkov", "RUSGOV"),
        ("Sergei Ryabkov", "RUSGOV"),
        ("the Kremlin", "RUSGOV"),
        ("Russian academics", "RUSEDU"),
        ("the Russian Ministry of Defence", "RUSMIL"),
        ("Margarita Simonyan", "RUSMED"),
        ("Zelenskyy", "UKRGOV"),
        ("the UN Security Council", "IGOUNO"),
        ("Reznikov", "UKRMIL"),
        ("Lloyd Austin", "USAMIL"),
        ("Kremlin spokesman Dmitry Peskov", "RUSGOV"),
    ],
)
def test_lookup(text: str, code: str):
    actor = actor_dictionary().lookup(text, "2022-02-16")
    assert actor is not None and actor.code == code


def test_lookup_best_effort_on_a_descriptive_phrase():
    actor = actor_dictionary().lookup(
        "a group of academics surveying Russian popular opinion", "2022-02-16")
    assert actor is None or actor.code == "RUSEDU"


def test_lookup_unknown_returns_none():
    assert actor_dictionary().lookup("a man on the street") is None


def test_person_undated_uses_latest_role_and_former_officials_are_eli():
    dic = actor_dictionary()
    assert dic.lookup("Jens Stoltenberg", "2020-01-01").code == "IGOWSTNAT"
    assert dic.lookup("Boris Johnson", "2023-03-01").code == "GBRELI"
    assert dic.lookup("Volodymyr Zelensky", "2015-01-01").code == "UKR"


# --------------------------------------------------------------------------- the loader


def _copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "actors"
    shutil.copytree(DATA_DIR, target)
    return target


def test_loader_accepts_a_copy_of_the_packaged_data(tmp_path):
    dic = load_actor_data(_copy_data(tmp_path))
    assert dic.lookup("the Pentagon").code == "USAMIL"


def test_loader_rejects_unknown_sector_with_file_and_line(tmp_path):
    root = _copy_data(tmp_path)
    inst = root / "institutions.tsv"
    inst.write_text(inst.read_text() + "RUSXYZ\tSome Agency\tagency\t\n")
    n_lines = len(inst.read_text().splitlines())
    with pytest.raises(DataFileError, match=rf"institutions\.tsv:{n_lines}: .*RUSXYZ"):
        load_actor_data(root)


def test_loader_rejects_malformed_date(tmp_path):
    root = _copy_data(tmp_path)
    people = root / "people.yaml"
    people.write_text(people.read_text().replace("start: 2019-05-20", "start: 20-05-2019", 1))
    with pytest.raises(DataFileError, match=r"people\.yaml:\d+: malformed date"):
        load_actor_data(root)


def test_loader_rejects_conflicting_duplicate_name(tmp_path):
    root = _copy_data(tmp_path)
    inst = root / "institutions.tsv"
    inst.write_text(inst.read_text() + "USAGOV\tthe Kremlin\tseat\t\n")
    with pytest.raises(DataFileError, match=r"Kremlin.*already means"):
        load_actor_data(root)


# --------------------------------------------------------------------------- the seeds


def test_seed_article_actors():
    text = seed_text("000")
    ann = actors(text, published="2022-02-16")
    assert not ann.failures
    got = {(m.text, m.actor.code) for m in ann.actors}
    assert ("Russian Ministry of Defence", "RUSMIL") in got
    assert ("Russian President Vladimir Putin", "RUSGOV") in got
    assert ("NATO", "IGOWSTNAT") in got
    assert ("US President Joe Biden", "USAGOV") in got
    assert ("Margarita Simonyan", "RUSMED") in got
    for m in ann.actors:
        assert text[m.span.start : m.span.end] == m.text


# --------------------------------------------------------------------------- context (context.yaml)


def test_dateline_is_not_an_actor():
    ann = actors("LONDON — Poland expelled two Russian diplomats on Tuesday.")
    assert "GBR" not in {m.actor.country for m in ann.actors}
    assert mention(ann, "Poland").actor.code == "POL"


def test_dateline_with_country_and_agency_keeps_the_story_actors():
    ann = actors("KYIV, Ukraine (Reuters) — The United States told Ukraine it would send aid.")
    ukraine = [m for m in ann.actors if m.actor.country == "UKR"]
    assert [m.text for m in ukraine] == ["Ukraine"] and ukraine[0].token_start > 5
    assert mention(ann, "United States").actor.code == "USA"


def test_capitalized_sentence_before_a_dash_is_no_dateline():
    ann = actors("NATO said Russia - which denies it - had moved more troops.")
    assert {m.actor.code for m in ann.actors} >= {"IGOWSTNAT", "RUS"}


def test_place_after_a_location_preposition_is_a_location():
    ann = actors("The foreign ministers met in Vienna on Friday.")
    vienna = mention(ann, "Vienna")
    assert vienna.via == "location" and vienna.actor.country == "AUT"
    ann = actors("Speaking to reporters in Geneva, the minister said the talks were hard.")
    assert mention(ann, "Geneva").via == "location"


def test_place_as_subject_or_in_a_located_phrase_is_not_a_location():
    ann = actors("Moscow rejected the offer. Separatists in Donbas fired on the village.")
    assert mention(ann, "Moscow").via == "dictionary"
    assert mention(ann, "Separatists in Donbas").actor.code == "UKRREB"


def test_russias_security_council_is_not_the_uns():
    assert mention(actors("Russia's Security Council met on Monday."),
                   "Russia's Security Council").actor.code == "RUSGOV"
    assert mention(actors("The Kremlin's Security Council backed the move."),
                   "Kremlin's Security Council").actor.code == "RUSGOV"
    assert mention(actors("The UN Security Council met on Monday."),
                   "UN Security Council").actor.code == "IGOUNO"
    assert mention(actors("The Security Council voted on the resolution."),
                   "Security Council").actor.code == "IGOUNO"


def test_possessive_pronoun_gives_a_qualified_name_its_owner():
    ann = actors("Putin convened his Security Council on Monday.")
    assert mention(ann, "Security Council").actor.code == "RUSGOV"


def test_lookup_reads_qualified_names_too():
    dic = actor_dictionary()
    assert dic.lookup("Russia's Security Council").code == "RUSGOV"
    assert dic.lookup("the Security Council").code == "IGOUNO"


def test_peoples_republics_are_separatist_entities_not_ukraine():
    ann = actors("Russia recognised the self-proclaimed Donetsk and Luhansk people's republics.")
    got = {m.text: m.actor.code for m in ann.actors}
    assert got["Donetsk"] == "UKRREB"
    assert got["Luhansk people's republics"] == "UKRREB"
    assert "UKR" not in got.values() and "UKRCVL" not in got.values()


def test_breakaway_modifier_makes_a_place_separatist():
    ann = actors("Authorities in the breakaway Donetsk region ordered an evacuation.")
    assert mention(ann, "Donetsk").actor.code == "UKRREB"
    ann = actors("Shelling was reported near Donetsk.")
    assert mention(ann, "Donetsk").actor.code == "UKR"


def test_regions_and_places_are_not_countries():
    ann = actors("Russian troops are based across Central Asia and in the Donbas.")
    assert mention(ann, "Central Asia").actor.kind == "region"
    assert mention(ann, "Donbas").actor.kind == "place"
    assert mention(ann, "Russian troops").actor.kind == "group"


@pytest.mark.parametrize(("text", "words", "code"), [
    ("A court ordered the closure of the rights group.", "court", "---JUD"),
    ("Students marched through the capital on Sunday.", "Students", "---EDU"),
    ("Opposition parties boycotted the vote.", "Opposition parties", "---OPP"),
    ("The company said it had suspended all shipments.", "company", "---BUS"),
    ("An unnamed official said the talks had failed.", "unnamed official", "---GOV"),
    ("Striking miners blocked the main highway.", "Striking miners", "---LAB"),
])
def test_unknown_actor_keeps_its_text_offsets_and_sector(text, words, code):
    ann = actors(text)
    m = mention(ann, words)
    assert (m.actor.code, m.actor.country, m.actor.sector, m.via) == (
        code, None, code[3:], "unknown")
    assert text[m.span.start:m.span.end] == words


@pytest.mark.parametrize(("text", "words", "code"), [
    ("A suicide bomber killed six worshippers.", "suicide bomber", "---UAF"),
    ("A suicide bomber killed six worshippers.", "six worshippers", "---CVL"),
    ("The rebels will release two homeguards on Monday.", "two homeguards", "---MIL"),
    ("Police detained the suspects overnight.", "suspects", "---CRM"),
])
def test_people_acted_on_are_unknown_actors_of_their_sector(text, words, code):
    assert mention(actors(text), words).actor.code == code


def test_unknown_actor_takes_the_country_a_modifier_ties_it_to():
    ann = actors("A court in Moscow ordered the closure of the country's oldest rights group.")
    assert mention(ann, "court in Moscow").actor.code == "RUSJUD"
    assert mention(ann, "oldest rights group").actor.code == "RUSNGO"
    ann = actors("A Chinese state-owned company signed the deal.")
    assert mention(ann, "Chinese state-owned company").actor.code == "CHNBUS"


def test_unknown_actor_takes_its_sentences_one_country():
    ann = actors("Riot police dispersed demonstrators in Monrovia.")
    assert mention(ann, "Riot police").actor.code == "LBRCOP"
    assert mention(ann, "demonstrators in Monrovia").actor.code == "LBRCVL"
    ann = actors("Israeli helicopters and tanks shelled the positions.")
    assert mention(ann, "tanks").actor.code == "ISRMIL"
    ann = actors("Poland said demonstrators had gathered at the border.")
    assert mention(ann, "demonstrators").actor.code == "POLCVL"
    ann = actors("Poland and Belarus said demonstrators had gathered at the border.")
    assert mention(ann, "demonstrators").actor.country is None  # two countries: unknown


@pytest.mark.parametrize("text", [
    "The United States sent military aid to Kyiv.",  # a sector word modifying a noun
    "Beijing recalled its ambassador from Lithuania.",  # someone's own: coreference
    "Doctors from two American aid groups delivered the goods.",  # the known actor inside
    "He said government proposed new talks.",  # a bare singular count noun
    "Fighting continued in the city.",  # a place after a preposition
])
def test_no_unknown_actor(text):
    assert [m.text for m in actors(text).actors if m.via == "unknown"] == []


@pytest.mark.parametrize(("text", "words", "code", "kind"), [
    ("The FBI had begun an inquiry into Kowalczyk.", "Kowalczyk", "---", "person"),
    ("Erdogan has accused Gulen of plotting a coup.", "Gulen", "---", "person"),
    ("The Ministry of Magic issued a statement.", "Ministry of Magic", "---GOV", "org"),
    ("President Dos Santos conceded to the demands.", "President Dos Santos", "---GOV",
     "person"),
])
def test_a_name_no_dictionary_knows_is_an_unknown_actor(text, words, code, kind):
    ann = actors(text)
    m = mention(ann, words)
    assert (m.actor.code, m.actor.country, m.actor.kind, m.via) == (code, None, kind, "unknown")
    assert text[m.span.start:m.span.end] == words


def test_an_unknown_organization_takes_its_sentences_one_country():
    ann = actors("The Bangladeshi government ordered an investigation of Grameen Bank.")
    assert mention(ann, "Grameen Bank").actor.country == "BGD"
    ann = actors("Investigators questioned Michael Flynn about the Russian government.")
    assert mention(ann, "Michael Flynn").actor.country is None  # a person: no country


@pytest.mark.parametrize("text", [
    "Inspectors visited the Esfahan Uranium Conversion Facilities.",  # a place
    "The Montenegro Municipality Association (AKK) demanded support.",  # a short form
    "Fighting continued on Monday in Kharkiv.",  # a date, and a place after "in"
])
def test_no_unknown_name(text):
    got = [m.text for m in actors(text).actors if m.via == "unknown" and m.actor.kind != "group"]
    assert "AKK" not in got and not any(w in " ".join(got) for w in (
        "State", "President", "Facilities", "Monday", "Kharkiv"))


def test_lookup_never_returns_an_unknown_actor():
    assert actor_dictionary().lookup("the company") is None


def test_context_loader_rejects_an_unknown_sector_with_its_line(tmp_path):
    root = _copy_data(tmp_path)
    ctx = root / "context.yaml"
    text = ctx.read_text().replace("{name: Security Council, bare: IGOUNO, sector: GOV}",
                                   "{name: Security Council, bare: IGOUNO, sector: XYZ}")
    ctx.write_text(text)
    line = next(k for k, ln in enumerate(text.splitlines(), 1) if "sector: XYZ" in ln)
    with pytest.raises(DataFileError, match=rf"context\.yaml:{line} .*unknown sector 'XYZ'"):
        load_actor_data(root)


def test_context_loader_rejects_a_region_that_is_no_country_code(tmp_path):
    root = _copy_data(tmp_path)
    ctx = root / "context.yaml"
    ctx.write_text(ctx.read_text().replace("regions: [EUR,", "regions: [QQQ, EUR,"))
    with pytest.raises(DataFileError, match=r"context\.yaml:\d+ \(regions\).*QQQ"):
        load_actor_data(root)


def test_separatist_republics_in_a_region_of_a_country():
    ann = actors("Moscow signed treaties with the two separatist republics in eastern Ukraine.")
    assert mention(ann, "separatist republics in eastern Ukraine").actor.code == "UKRREB"


def test_officials_meeting_abroad_do_not_take_the_host_country():
    ann = actors("The foreign ministers met in Vienna on Friday.")
    assert mention(ann, "foreign ministers").actor.code == "---GOV"
    ann = actors("Students protested in Vienna on Friday.")
    assert mention(ann, "Students").actor.code == "AUTEDU"  # locals take the place's country


def test_a_stance_or_a_location_inside_the_phrase_does_not_block_an_unknown_actor():
    ann = actors("Kyiv accused Russian-backed rebels of shelling a school in Luhansk region.")
    assert mention(ann, "Russian-backed rebels").actor.sector == "REB"
    ann = actors("Separatist leaders in Donetsk alleged that the army had opened fire.")
    assert mention(ann, "Separatist leaders in Donetsk").actor.code == "UKRREB"


def test_officials_in_a_capital_are_that_state_s() -> None:
    ann = actors("Officials in Manila said they were weighing a formal protest.")
    assert mention(ann, "Officials in Manila").actor.code == "PHLGOV"
    ann = actors("US officials in Kyiv said the embassy would stay open.")
    assert mention(ann, "US officials").actor.code == "USAGOV"


def test_the_title_before_a_name_picks_the_role_it_names():
    ann = actors("NATO Secretary General Jens Stoltenberg called for calm.", published=None)
    assert mention(ann, "NATO Secretary General Jens Stoltenberg").actor.code == "IGOWSTNAT"


@pytest.mark.parametrize("text", [
    "KABUL (Pajhwok) : The Taliban condemned the attack.",
    "Tehran, March 15, IRNA - The Taliban condemned the attack.",
])
def test_more_dateline_shapes_name_no_actor(text):
    assert [m.text for m in actors(text).actors] == ["Taliban"]


def test_a_bare_title_with_no_holder_is_an_unknown_actor_of_its_office():
    ann = actors("If Russia invades, it will face crippling sanctions, the president warned.")
    m = mention(ann, "president")
    assert (m.actor.code, m.actor.country, m.via) == ("---GOV", None, "unknown")
    ann = actors("The Secretary of State said the talks would go on.")
    assert [(m.text, m.actor.code) for m in ann.actors] == [("Secretary of State", "---GOV")]
    ann = actors("Vice-President Moody Awori declined to resign despite pressure from Kenya.")
    assert mention(ann, "Vice-President Moody Awori").actor.sector == "GOV"


def test_what_an_unknown_speaker_says_is_no_sign_of_its_country() -> None:
    from faultline.pipeline import annotate_text

    ann = annotate_text("Analysts said Tehran would struggle to pay its debts.",
                        published="2023-05-10")
    codes = {m.text: m.actor.code for m in ann.actors}
    assert codes.get("Analysts", "").startswith("---"), codes
    ann = annotate_text("Riot police dispersed protesters near the parliament in Tbilisi.",
                        published="2023-05-10")
    assert any(m.actor.code == "GEOCOP" for m in ann.actors), \
        [(m.text, m.actor.code) for m in ann.actors]
