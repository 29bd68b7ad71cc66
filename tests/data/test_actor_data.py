"""The packaged actor data: every code it uses exists, dates are sane, coverage is broad."""

from __future__ import annotations

import pytest

from faultline.extract.actors import IGO, OFFICE, PERSON, SECTOR, actor_dictionary

CAMEO_SECTORS = {"GOV", "MIL", "CVL", "MED", "EDU", "BUS", "JUD", "LEG", "COP", "OPP", "REB",
                 "REF", "LAB", "SPY", "ELI"}


@pytest.fixture(scope="module")
def dic():
    return actor_dictionary()


def test_core_sectors_present(dic):
    assert CAMEO_SECTORS <= set(dic.sectors)


def test_every_country_is_iso_alpha3_and_there_are_about_two_hundred(dic):
    assert len(dic.countries) >= 195
    assert all(len(c) == 3 and c.isupper() for c in dic.countries)
    for code in ("RUS", "UKR", "USA", "GBR", "DEU", "FRA", "CHN", "BLR", "POL", "TUR", "JPN",
                 "SUN"):
        assert code in dic.countries


def test_required_igo_codes(dic):
    assert {"IGOWSTNAT", "IGOUNO", "IGOEUREEC", "IGOEUROSC"} <= set(dic.igos)
    for name, code in [("NATO", "IGOWSTNAT"), ("European Union", "IGOEUREEC"),
                       ("UN Security Council", "IGOUNO"), ("OSCE", "IGOEUROSC")]:
        assert dic.lookup(name).code == code


def test_every_code_used_in_the_data_exists(dic):
    for pattern in dic.phrases.values():
        entry = pattern.entry
        if entry.kind in (SECTOR, OFFICE):
            assert entry.code in dic.sectors, pattern.tokens
        elif entry.kind == IGO:
            assert entry.code in dic.igos
        elif entry.kind == PERSON:
            assert all(pid in dic.people for pid in entry.persons)
        elif entry.qualified and not entry.code:
            assert entry.qualified in dic.sectors, pattern.tokens  # owner read from context
        elif entry.kind != "group":
            assert dic.valid_code(entry.code), (pattern.tokens, entry.code)
    for person in dic.people.values():
        for role in person.roles:
            assert dic.valid_code(role.code), (person.name, role.code)
            assert not role.office or role.office in dic.offices


def test_roles_do_not_overlap_within_a_person_with_different_codes(dic):
    for person in dic.people.values():
        roles = sorted(person.roles, key=lambda r: r.start or "")
        for a, b in zip(roles, roles[1:], strict=False):
            if a.end is not None and b.start is not None:
                assert a.end <= b.start or a.code == b.code, (person.name, a, b)


def test_every_person_has_gender_and_a_role(dic):
    for person in dic.people.values():
        assert person.gender in ("m", "f"), person.name
        assert person.roles, person.name


@pytest.mark.parametrize(
    ("name", "date", "code"),
    [
        ("Putin", "2010-01-01", "RUSGOV"),
        ("Putin", "2022-02-16", "RUSGOV"),
        ("Biden", "2016-06-01", "USAGOV"),  # vice president
        ("Biden", "2019-06-01", "USAELI"),
        ("Biden", "2022-02-16", "USAGOV"),
        ("Trump", "2018-01-01", "USAGOV"),
        ("Trump", "2022-02-16", "USAELI"),
        ("Zelensky", "2022-02-16", "UKRGOV"),
        ("Shoigu", "2022-02-16", "RUSMIL"),
        ("Gerasimov", "2022-02-16", "RUSMIL"),
        ("Stoltenberg", "2022-02-16", "IGOWSTNAT"),
        ("Rutte", "2022-02-16", "NLDGOV"),
        ("Rutte", "2025-01-01", "IGOWSTNAT"),
        ("Merkel", "2021-06-01", "DEUGOV"),
        ("Scholz", "2022-01-15", "DEUGOV"),
        ("Johnson", "2022-02-16", "GBRGOV"),
        ("Truss", "2022-02-16", "GBRGOV"),
        ("Wallace", "2022-02-16", "GBRMIL"),
        ("Blinken", "2022-02-16", "USAGOV"),
        ("Austin", "2022-02-16", "USAMIL"),
        ("Kuleba", "2022-02-16", "UKRGOV"),
        ("Reznikov", "2022-02-16", "UKRMIL"),
        ("Lukashenko", "2022-02-16", "BLRGOV"),
        ("Navalny", "2022-02-16", "RUSOPP"),
        ("Guterres", "2022-02-16", "IGOUNO"),
        ("von der Leyen", "2022-02-16", "IGOEUREEC"),
        ("Xi Jinping", "2022-02-16", "CHNGOV"),
        ("Erdogan", "2022-02-16", "TURGOV"),
        ("Bennett", "2022-02-16", "ISRGOV"),
        ("Draghi", "2022-02-16", "ITAGOV"),
        ("Orban", "2022-02-16", "HUNGOV"),
        ("Duda", "2022-02-16", "POLGOV"),
        ("the Israeli leader", "2023-01-01", "ISRGOV"),
        ("Herzog", "2023-01-01", "ISRGOV"),
        ("Olena Zelenska", "2022-02-16", "UKRELI"),
        ("Kirill Dmitriev", "2025-06-01", "RUSGOV"),
    ],
)
def test_dated_roles(dic, name, date, code):
    actor = dic.lookup(name, date)
    assert actor is not None and actor.code == code


def test_parliamentary_leader_is_the_head_of_government(dic):
    assert dic.lookup("the Israeli leader", "2023-01-01").name == "Benjamin Netanyahu"
    assert dic.lookup("the Russian leader", "2023-01-01").name == "Vladimir Putin"
