"""Header, byline, credit, signature and dateline heuristics of plain-text articles."""

from __future__ import annotations

from faultline.ingest.plaintext import split_text

from .helpers import only_article, read_all

PROSE = ("Diplomats from both capitals met for five hours on Thursday and agreed to keep "
         "talking, although neither side gave ground on the central question of the alliance.")
PROSE2 = ("Officials in the border region said that convoys had been moving at night for a "
          "week, and that the roads into the exercise area were closed to civilians.")


# --- the three seed documents, read in place ----------------------------------------------


def test_seed_000_date_prefix(seeds_dir):
    article = only_article(read_all([seeds_dir / "000_a65c4eb0a4f8fe32.txt"]))
    assert article.published == "2022-02-16"
    assert article.text.startswith("As of 2.30 pm")


def test_seed_001_title_credit_author_date_header(seeds_dir):
    article = only_article(read_all([seeds_dir / "001_dbbbf4a16fd70257.txt"]))
    assert article.title == "Putin’s Post-Trump Tantrum"
    assert article.authors == ["Julia Ioffe"]
    assert article.published == "2021-12-17"
    assert "Photo by" not in article.text
    assert article.text.startswith("Several readers have written in")


def test_seed_002_signature_and_date_at_the_end(seeds_dir):
    article = only_article(read_all([seeds_dir / "002_3e80e31b1613b801.txt"]))
    assert article.authors == ["Russian Socialist Movement"]
    assert article.published == "2022-01-30"
    tail = article.text[-200:]
    assert "Russian Socialist Movement" not in tail
    assert "30 January 2022" not in tail
    assert article.text.endswith("democracy and justice.")


def test_seed_bodies_keep_every_paragraph(seeds_dir):
    """Only header lines leave: every paragraph of prose is still in the body."""
    for path in sorted(seeds_dir.glob("*.txt")):
        article = only_article(read_all([path]))
        raw = path.read_text(encoding="utf-8")
        prose = [p.strip() for p in raw.split("\n") if len(p.split()) > 25]
        assert prose, path
        for paragraph in prose[1:]:
            assert paragraph in article.text, (path.name, paragraph[:60])


# --- general layouts, written for these tests ----------------------------------------------


def test_inline_date_prefix_with_time():
    body, meta = split_text(" date 2022-02-16T09:30:00 " + PROSE)
    assert meta.published == "2022-02-16T09:30:00"
    assert body == PROSE


def test_byline_with_two_authors_and_a_date():
    text = f"Talks End Without a Deal\nBy Ana Costa and Lev Marek | 3 March 2022\n\n{PROSE}"
    body, meta = split_text(text)
    assert meta.title == "Talks End Without a Deal"
    assert meta.authors == ["Ana Costa", "Lev Marek"]
    assert meta.published == "2022-03-03"
    assert body == PROSE


def test_key_value_fields():
    text = ("Title: Convoys on the Move\nAuthor: Ines Berg\nDate: Feb 2, 2022\n"
            "Source: Harbour Dispatch\nURL: https://example.org/convoys\n\n" + PROSE)
    body, meta = split_text(text)
    assert (meta.title, meta.authors, meta.published) == ("Convoys on the Move", ["Ines Berg"],
                                                          "2022-02-02")
    assert (meta.publisher, meta.url) == ("Harbour Dispatch", "https://example.org/convoys")
    assert body == PROSE


def test_credit_lines_leave_the_body():
    for credit in ("Photo by Some Agency/Pool", "Photograph: A. Lens/Wire", "Image: Archive",
                   "Credit: Staff photographer"):
        body, meta = split_text(f"A Headline Here\n{credit}\nOlga Frank\n1 April 2022\n\n{PROSE}")
        assert body == PROSE, credit
        assert meta.authors == ["Olga Frank"]


def test_lone_headline_above_prose():
    body, meta = split_text(f"Border tension eases for now\n\n{PROSE}\n\n{PROSE2}")
    assert meta.title == "Border tension eases for now"
    assert body == f"{PROSE}\n\n{PROSE2}"


def test_dek_under_the_title_stays_in_the_body():
    dek = "Both sides say the door to diplomacy is open"
    body, meta = split_text(f"Talks Resume\n{dek}\nBy Ana Costa\n\n{PROSE}")
    assert meta.title == "Talks Resume" and meta.authors == ["Ana Costa"]
    assert body.startswith(dek)


def test_name_without_a_date_beside_it_is_not_taken_as_author():
    body, meta = split_text(f"Talks Resume\nKremlin Says Little\n\n{PROSE}")
    assert meta.authors == []
    assert "Kremlin Says Little" in body


def test_first_line_prose_means_no_header():
    text = f"{PROSE}\n\nShort line\n\n{PROSE2}"
    body, meta = split_text(text)
    assert body == text and meta.title is None


def test_short_opening_sentence_is_not_a_title():
    text = f"Russia has pulled back.\n\n{PROSE}"
    body, meta = split_text(text)
    assert meta.title is None and body == text


def test_list_of_short_lines_is_not_a_header():
    items = "\n".join(f"Item number {n}" for n in range(1, 11))
    text = f"{items}\n\n{PROSE}"
    body, meta = split_text(text)
    assert body == text and meta.title is None


def test_byline_word_starting_a_sentence_is_not_a_byline():
    text = f"By Tuesday the convoys had gone.\n\n{PROSE}"
    body, meta = split_text(text)
    assert meta.authors == [] and body == text


def test_dash_signature_at_the_end():
    body, meta = split_text(f"{PROSE}\n\n{PROSE2}\n— Marek Novak")
    assert meta.authors == ["Marek Novak"]
    assert body == f"{PROSE}\n\n{PROSE2}"


def test_signature_with_affiliation_and_place_date():
    body, meta = split_text(f"{PROSE}\n\nIda Holm, Northern Desk\nOslo, 5 March 2022")
    assert meta.authors == ["Ida Holm"] and meta.published == "2022-03-05"
    assert meta.publisher == "Northern Desk"
    assert body == PROSE


def test_signature_without_affiliation_names_no_publisher():
    body, meta = split_text(f"{PROSE}\n\nIda Holm\n5 March 2022")
    assert meta.authors == ["Ida Holm"] and meta.publisher is None


def test_closing_short_line_without_date_or_dash_stays():
    text = f"{PROSE}\n\nGlory to the Heroes"
    body, meta = split_text(text)
    assert body == text and meta.authors == []


def test_header_date_wins_over_footer_date():
    body, meta = split_text(f"Headline Words\nMarch 1, 2022\n\n{PROSE}\n\nLev Marek\n9 March 2022")
    assert meta.published == "2022-03-01"
    assert meta.authors == ["Lev Marek"]
    assert body == PROSE


def test_wire_dateline_names_the_publisher_and_stays_in_the_text():
    text = f"KYIV, Feb 15, 2022 (Harbour Dispatch) - {PROSE}"
    body, meta = split_text(text)
    assert body == text
    assert meta.publisher == "Harbour Dispatch"
    assert meta.published == "2022-02-15"


def test_all_metadata_and_no_body_keeps_the_text():
    text = "Some Title\nBy Ana Costa\n2 March 2022"
    body, meta = split_text(text)
    assert body == text



def test_header_above_hard_wrapped_prose():
    wrapped = ("Diplomats from both capitals met for five hours on\n"
               "Thursday and agreed to keep talking, although neither\n"
               "side gave ground on the central question of the\n"
               "alliance and its future members")
    body, meta = split_text(f"Talks Go On\nBy Ana Costa\n2 March 2022\n\n{wrapped}")
    assert (meta.title, meta.authors, meta.published) == ("Talks Go On", ["Ana Costa"],
                                                          "2022-03-02")
    assert body == wrapped


def test_hard_wrapped_prose_alone_is_left_alone():
    wrapped = ("Diplomats from both capitals met for five hours on\n"
               "Thursday and agreed to keep talking, although neither\n"
               "side gave ground on the central question of the\n"
               "alliance and its future members")
    body, meta = split_text(wrapped)
    assert body == wrapped and meta.title is None


def test_key_value_line_with_a_sentence_value_is_prose():
    text = f"Source: a senior official told reporters that the convoys had left.\n\n{PROSE}"
    body, meta = split_text(text)
    assert meta.publisher is None and body == text


def test_wire_credit_line_names_the_writers():
    text = (f"KYIV, March 2, 2022 (Harbour Dispatch) - {PROSE}\n\n{PROSE2}\n\n"
            "(Reporting by Ana Costa in Kyiv and Lev Marek in Moscow; Writing by Ida Holm; "
            "Editing by Olga Frank)")
    body, meta = split_text(text)
    assert meta.authors == ["Ana Costa", "Lev Marek", "Ida Holm"]
    assert body.endswith(PROSE2)
    assert meta.publisher == "Harbour Dispatch" and meta.published == "2022-03-02"


def test_parenthesised_prose_at_the_end_stays():
    text = f"{PROSE}\n\n(The ministry did not reply to a request for comment.)"
    body, meta = split_text(text)
    assert body == text and meta.authors == []


def test_section_label_over_the_headline_and_an_updated_timestamp():
    text = ("World\nRussia says some troops are returning to bases\nBy Ana Costa\n"
            "February 15, 2022 10:42 AM GMT Updated 2 hours ago\n\n" + PROSE)
    body, meta = split_text(text)
    assert meta.title == "Russia says some troops are returning to bases"
    assert meta.authors == ["Ana Costa"]
    assert meta.published == "2022-02-15T10:42:00+00:00"
    assert body == PROSE


def test_two_short_lines_without_metadata_are_not_a_kicker_and_title():
    text = f"World\nRussia says some troops are returning to bases\n\n{PROSE}"
    body, meta = split_text(text)
    assert meta.title is None and body == text
