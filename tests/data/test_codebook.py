"""The CAMEO codebook (cameo.tsv) and the verb patterns (verbs.yaml): loaders and contents."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from faultline.errors import DataFileError
from faultline.eval import shared_eval_dir
from faultline.extract.events import DATA_DIR, codebook, event_codes_used, lexicon

ROOTS = [f"{n:02d}" for n in range(1, 21)]


def test_twenty_roots_and_every_level() -> None:
    book = codebook()
    assert [c for c in book if len(c) == 2] == ROOTS
    assert sum(1 for c in book if len(c) == 3) >= 140
    assert sum(1 for c in book if len(c) == 4) >= 140


@pytest.mark.eval_data
def test_goldstein_matches_the_icews_table() -> None:
    """Every code of the ICEWS table is here with the same Goldstein value (read in place)."""
    path = shared_eval_dir() / "events" / "cameo-codes.csv"
    with path.open(encoding="utf-8", errors="replace") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) > 300
    book = codebook()
    for row in rows:
        assert row["code"] in book, row["code"]
        assert book[row["code"]].goldstein == pytest.approx(float(row["goldstein"])), row["code"]


def test_pinned_values_where_tables_disagree() -> None:
    book = codebook()
    assert book["016"].goldstein == -5.0  # ICEWS, not GDELT's -2
    assert book["057"].goldstein == 8.0
    assert book["190"].goldstein == -10.0


def test_quad_classes_follow_the_root() -> None:
    book = codebook()
    expected = {1: ROOTS[0:5], 2: ROOTS[5:8], 3: ROOTS[8:13], 4: ROOTS[13:20]}
    for quad, roots in expected.items():
        for root in roots:
            assert book[root].quad_class == quad, root
    for code, info in book.items():
        assert info.quad_class == book[code[:2]].quad_class


def test_plover_categories() -> None:
    book = codebook()
    assert book["01"].plover is None and book["020"].plover is None  # dropped by PLOVER
    assert book["036"].plover == "AGREE"
    assert book["046"].plover == "CONSULT"
    assert book["0841"].plover == "RETREAT" and book["081"].plover == "CONCEDE"
    assert book["112"].plover == "ACCUSE" and book["100"].plover == "REQUEST"
    assert book["192"].plover == "COERCE" and book["193"].plover == "ASSAULT"
    assert book["154"].plover == "MOBILIZE"


def test_names_are_short_and_present() -> None:
    for code, info in codebook().items():
        assert 0 < len(info.name) <= 60, code


def test_every_pattern_code_is_in_the_codebook() -> None:
    assert event_codes_used() <= set(codebook())


def test_patterns_cover_every_root() -> None:
    roots = {code[:2] for code in event_codes_used()}
    assert set(ROOTS) <= roots
    assert len(event_codes_used()) > 150


def test_pattern_dictionary_is_large() -> None:
    lex = lexicon()
    assert sum(len(p) for p in lex.verbs.values()) + sum(len(p) for p in lex.nouns.values()) > 400
    assert lex.combine("intent", "046") == "036"
    assert lex.combine("threat", "163") == "1312"
    assert lex.combine("demand", "0841") == "1053"
    assert lex.combine("refuse", None) == "120"
    assert "on" in lex.verbs["insist"][1].prep  # YAML 1.1 booleans stay words


def _write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "cameo.tsv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_loader_rejects_a_bad_code(tmp_path: Path) -> None:
    good = (DATA_DIR / "cameo.tsv").read_text()
    with pytest.raises(DataFileError, match="bad CAMEO code"):
        codebook(_write(tmp_path, good + "99x\tnonsense\t0\t1\t\n"))


def test_loader_rejects_a_duplicate(tmp_path: Path) -> None:
    good = (DATA_DIR / "cameo.tsv").read_text()
    with pytest.raises(DataFileError, match="twice"):
        codebook(_write(tmp_path, good + "010\tagain\t0\t1\t\n"))


def test_loader_rejects_a_wrong_quad_class(tmp_path: Path) -> None:
    good = (DATA_DIR / "cameo.tsv").read_text()
    bad = good.replace("\n190\tmilitary force, not specified\t-10\t4\t",
                       "\n190\tmilitary force, not specified\t-10\t2\t")
    assert bad != good
    with pytest.raises(DataFileError, match="QuadClass"):
        codebook(_write(tmp_path, bad))


def test_lexicon_rejects_an_unknown_code(tmp_path: Path) -> None:
    path = tmp_path / "verbs.yaml"
    path.write_text("frames: {}\nverbs:\n  attack: '999'\n", encoding="utf-8")
    with pytest.raises(DataFileError):
        lexicon(str(path))


def test_lexicon_rejects_an_unknown_frame(tmp_path: Path) -> None:
    source = DATA_DIR / "verbs.yaml"
    text = source.read_text(encoding="utf-8") + "\n"
    path = tmp_path / "verbs.yaml"
    path.write_text(text.replace("  say: {frame: say}", "  say: {frame: gossip}"), encoding="utf-8")
    with pytest.raises(DataFileError, match="unknown frame"):
        lexicon(str(path))


def test_root_traits_are_codebook_data() -> None:
    from faultline.codebook import has_trait, roots_with

    assert roots_with("violent") == {"18", "19", "20"}
    assert has_trait("1823", "harm") and has_trait("180", "harm") and not has_trait("190", "harm")
    assert has_trait("0871", "moves")  # inherited from root 08
    assert not has_trait("112", "cooperative")


def test_loader_rejects_an_unknown_trait(tmp_path: Path) -> None:
    good = (DATA_DIR / "cameo.tsv").read_text()
    bad = good.replace("\tmaterial,violent,reciprocal,of_target", "\tmaterial,gentle", 1)
    assert bad != good
    with pytest.raises(DataFileError, match=r"line \d+: unknown trait"):
        codebook(_write(tmp_path, bad))


def test_frames_table_loads_and_reports_the_line_of_a_bad_entry(tmp_path: Path) -> None:
    from faultline.extract.frame_table import frame_table

    table = frame_table()
    assert "claim" in table.claim_nouns and "deny" in table.words("denied", "verb")
    bad = tmp_path / "frames.yaml"
    bad.write_text("frames:\n  - words: [claim]\n    pos: noun\n    reading: alleged\n"
                   "  - words: [rumour]\n    pos: noun\n    reading: gossip\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"frames\.yaml:5: reading must be one of"):
        frame_table(str(bad))
    bad.write_text("frames:\n  - words: [claim]\n    pos: noun\n    reading: alleged\n"
                   "  - words: [claim]\n    pos: noun\n    reading: denied\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"frames\.yaml:5: .*already an entry at line 2"):
        frame_table(str(bad))
    bad.write_text("frames:\n  - words: [claim]\n    pos: noun\n    reading: alleged\n"
                   "    code: '999'\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"frames\.yaml:2: code 999"):
        frame_table(str(bad))


def test_senses_table_loads_and_rejects_an_unknown_kind(tmp_path: Path) -> None:
    from faultline.extract.events.lexicon import senses

    table = senses()
    found = table.find("deliver", "verb", {"response"}, set())
    assert found is not None and found.code is None  # a written response is no aid
    assert table.find("deliver", "verb", {"aid"}, set()) is None
    back = table.find("order", "verb", {"unit"}, {"back"})
    assert back is not None and back.code == "087"
    bad = tmp_path / "senses.yaml"
    bad.write_text("kinds:\n  document: [letter]\nsenses:\n  - words: [send]\n    pos: verb\n"
                   "    obj: parcel\n    code: none\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"senses\.yaml:4: obj must name kinds"):
        senses(str(bad))
