"""Near-duplicate articles: shingles, the copy test and families."""

from __future__ import annotations

from faultline.link.copies import families, find_copies, is_copy, shingles, similarity
from tests.link.corpus import EDITED, LEDGER, REVIEW, SPUN, WIRE


def test_shingles_are_word_pairs_without_case_or_accents():
    assert shingles("Kyiv SAID, café said") == {"kyiv said", "said cafe", "cafe said"}


def test_edited_and_spun_copies_pass_and_other_stories_on_the_day_do_not():
    wire = shingles(WIRE)
    assert is_copy(wire, shingles(EDITED)) and is_copy(wire, shingles(SPUN))
    assert not is_copy(wire, shingles(LEDGER)) and not is_copy(wire, shingles(REVIEW))
    assert similarity(wire, shingles(REVIEW))[1] < 0.3


def test_a_republished_first_half_is_a_copy():
    half = WIRE[: len(WIRE) // 2]
    assert is_copy(shingles(WIRE), shingles(half))


def test_short_texts_are_never_copies():
    line = "Russian officials met Ukrainian officials in Minsk on January 5, 2022."
    assert not is_copy(shingles(line), shingles(line))


def test_the_earliest_article_is_the_origin_of_its_family():
    texts = [("late", "2022-02-17", SPUN), ("early", "2022-02-15", WIRE),
             ("mid", "2022-02-16", EDITED), ("other", "2022-02-15", LEDGER),
             ("undated", None, WIRE)]
    copy_of = find_copies(texts)
    assert copy_of == {"late": "early", "mid": "early", "undated": "early"}
    (family,) = families(copy_of)
    assert family.origin == "early" and family.members == ["early", "late", "mid", "undated"]


def test_copy_of_is_stored_and_recomputed(tmp_path):
    from faultline.link.copies import mark_copies
    from faultline.model import Annotations, Article
    from faultline.store import Store

    anns = [Annotations(article=Article(id=i, text=t, published=d))
            for i, d, t in (("a", "2022-02-15", WIRE), ("b", "2022-02-16", EDITED),
                            ("c", "2022-02-15", LEDGER))]
    with Store.open(tmp_path / "db.duckdb") as store:
        store.write_batch(anns, store.start_run([], {}))
        assert mark_copies(store) == {"b": "a"}
        rows = dict(store.con.execute("SELECT id, copy_of FROM articles").fetchall())
        assert rows == {"a": None, "b": "a", "c": None}
        assert "0004_copy_of" in store.migrations()
        store.set_copy_of({})
        assert store.con.execute("SELECT count(copy_of) FROM articles").fetchone() == (0,)
