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


SYNONYMS = {"said": "stated", "says": "states", "told": "informed", "troops": "soldiers",
            "officials": "authorities", "border": "frontier", "talks": "negotiations",
            "week": "period", "would": "will", "country": "nation", "against": "versus",
            "military": "armed", "government": "administration", "president": "leader",
            "meeting": "session", "new": "fresh", "warned": "cautioned", "large": "big"}


def spin(text: str) -> str:
    return " ".join(SYNONYMS.get(w, w) for w in text.split(" "))


def edit(text: str) -> str:
    paragraphs = [p for p in text.split("\n") if p.strip()]
    kept = paragraphs[:-1] if len(paragraphs) > 3 else paragraphs
    return "\n".join(kept) + "\nThis report first appeared elsewhere and is republished here.\n"


def example_families() -> tuple[list[tuple[str, str | None, str]], dict[str, str]]:
    """The bundled examples, each with an edited, a spun and a homoglyph copy."""
    from faultline import ingest
    from faultline.ingest.normalize import normalize_text
    from faultline.model import Article
    from faultline.options import Options
    from faultline.runner import bundled_examples
    from tests.link.corpus import disguise

    originals = [a for a in ingest.read_inputs([bundled_examples()], Options())
                 if isinstance(a, Article)]
    texts: list[tuple[str, str | None, str]] = []
    expected: dict[str, str] = {}
    for a in originals:
        texts.append((a.id, a.published, a.text))
        for kind, make in (("edited", edit), ("spun", spin), ("glyph", disguise)):
            copy_id = f"{kind}-{a.id}"
            texts.append((copy_id, "2099-01-01", normalize_text(make(a.text))))
            expected[copy_id] = a.id
    return texts, expected


def test_every_copy_of_every_bundled_example_is_found_and_nothing_else():
    texts, expected = example_families()
    assert len(expected) >= 15
    assert find_copies(texts) == expected


def test_a_database_from_before_copy_of_still_links_read_only(tmp_path):
    import duckdb

    from faultline.analysis import dyad_days
    from faultline.link import link_all
    from faultline.store import MIGRATIONS, Store

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations (name VARCHAR PRIMARY KEY, "
                "applied_at TIMESTAMP)")
    for name, statements in MIGRATIONS:
        if name == "0004_copy_of":
            break
        for sql in statements:
            con.execute(sql)
        con.execute("INSERT INTO schema_migrations VALUES (?, now())", [name])
    con.close()
    with Store.open(path, read_only=True) as store:
        assert "copy_of" not in store.columns("articles")
        assert link_all(store).clusters == [] and dyad_days(store) == []
