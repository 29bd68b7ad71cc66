"""Normalization: mojibake repair, NFC, look-alike letters, line endings, invisible junk."""

from __future__ import annotations

import unicodedata

import ftfy.bad_codecs  # noqa: F401 - registers the "sloppy-windows-1252" codec

from faultline.ingest.normalize import fold_confusables, normalize_text

from .helpers import only_article, read_all


def test_mojibake_from_utf8_read_as_cp1252_is_repaired():
    # What Windows software shows for UTF-8 read as cp1252 (undefined bytes kept as C1).
    broken = "Russia’s “red lines” — again".encode().decode("sloppy-windows-1252")
    assert "â€" in broken
    assert normalize_text(broken) == "Russia’s “red lines” — again"


def test_mojibake_in_a_file_is_repaired(tmp_path):
    path = tmp_path / "moji.txt"
    path.write_text("Russiaâ€™s envoy said the talks would continue next week in Vienna.\n",
                    encoding="utf-8")
    assert only_article(read_all([path])).text.startswith("Russia’s envoy")


def test_cyrillic_mojibake_is_repaired():
    broken = "Переговоры продолжатся".encode().decode("cp1251")
    assert normalize_text(broken) == "Переговоры продолжатся"


def test_curly_quotes_dashes_and_ligatures_are_kept():
    text = "He said “no” — and ‘never’ – twice; the ﬁnal ﬁgure was ５."
    assert normalize_text(text) == text


def test_clean_text_is_unchanged():
    text = "Talks in Geneva: 100,000 troops, “de-escalation”, Київ and NATO.\n\nSecond paragraph."
    assert normalize_text(text) == text


def test_nfc_composes_decomposed_accents():
    decomposed = unicodedata.normalize("NFD", "café Zelenskyy’s señor")
    assert normalize_text(decomposed) == "café Zelenskyy’s señor"


def test_cyrillic_homoglyph_inside_a_latin_word_is_folded():
    text = "The \u0456nvasion of Ukr\u0430ine"  # Cyrillic і and а
    folded = normalize_text(text)
    assert folded == "The invasion of Ukraine"
    assert len(folded) == len(text)


def test_greek_homoglyph_inside_a_latin_word_is_folded():
    assert fold_confusables("N\u0391TO and \u039cinsk") == "NATO and Minsk"


def test_whole_cyrillic_and_greek_words_stay():
    text = "Київ, Москва, СССР and Αθήνα"
    assert fold_confusables(text) == text


def test_latin_letter_inside_a_cyrillic_word_is_folded_to_cyrillic():
    assert fold_confusables("Kиїв") == "Київ"  # Latin K in a Ukrainian word


def test_folding_keeps_length_and_offsets():
    text = "Troops ne\u0430r the b\u043erder; \u0421rimea and Київ"
    folded = fold_confusables(text)
    assert len(folded) == len(text)
    assert folded == "Troops near the border; Crimea and Київ"


def test_line_endings_become_newlines():
    assert normalize_text("one\r\ntwo\rthree\u2028four") == "one\ntwo\nthree\nfour"


def test_invisible_characters_that_split_words_are_removed():
    assert normalize_text("in\u00advasion\u200b of\x00 Crimea\ufeff") == "invasion of Crimea"


def test_tabs_and_nonbreaking_spaces_are_kept():
    text = "Column\tvalue and 100\u00a0000 troops"
    assert normalize_text(text) == text


def test_html_entities_left_by_scrapers_are_unescaped():
    assert normalize_text("AT&amp;T said &quot;no&quot; &#8212; Kyiv&#39;s view") == (
        "AT&T said \"no\" — Kyiv's view")


def test_entities_beside_tags_are_left_alone():
    text = "Use <b> and &amp; in markup."
    assert normalize_text(text) == text


def test_source_anchors_map_back_through_crlf_mojibake_and_a_stripped_prefix():
    from faultline.ingest.normalize import normalize_text, source_anchors, to_source

    original = (" date 2022-02-15 Kyiv said on Monday.\r\n\r\n"
                "Russiaâ€™s troops stayed.\r\nNATO agreed.\r\n")
    text = normalize_text(original)[len(" date 2022-02-15 "):].strip()
    anchors = source_anchors(original, text)
    assert anchors is not None
    for word in ("Kyiv", "Monday", "NATO agreed"):
        i = text.index(word)
        assert original[to_source(anchors, i):].startswith(word)
    i = text.index("troops")  # on a line normalization rewrote: the line start at worst
    assert original.rfind("\n", 0, to_source(anchors, i)) == original.index("Russia") - 1
    assert source_anchors(text, text) is None


def test_lookalikes_from_other_blocks_are_folded_in_latin_words():
    # Cherokee A, d with hook, Roman numerals d c l, Latin alpha, Cyrillic ge / omega / dze.
    text = "N\u13aaTO said on Wednes\u0257ay that the \u217eeal was \u217dlose to a \u217cine"
    assert fold_confusables(text) == ("NATO said on Wednesday that the deal was close to "
                                      "a line")
    assert fold_confusables("the \u0251lliance \u0433eports \u0461ar \u0455oon") == (
        "the alliance reports war soon")


def test_folding_comes_from_the_unicode_confusables_data():
    from faultline.ingest.confusables import tables

    to_latin = tables().to_latin
    assert len(to_latin) > 300  # the whole UTS #39 list, not a hand table of a few dozen
    assert to_latin["\u0406"] == "I" and to_latin["\u0456"] == "i"  # capitals stay capitals
    assert all(len(k) == 1 and len(v) == 1 and v.isascii() for k, v in to_latin.items())


def test_real_letters_with_diacritics_and_full_width_forms_are_not_folded():
    text = ("\u0141ukaszenka in Gda\u0144sk, M\u00fcller, gar\u00e7on, \u00d8resund, "
            "K\u0131l\u0131\u00e7")
    assert fold_confusables(text) == text
    assert fold_confusables("\uff21\uff22\uff23 and \u0437\u0430\u044f\u0432\u0438\u043b") == (
        "\uff21\uff22\uff23 and \u0437\u0430\u044f\u0432\u0438\u043b")


def test_a_wholly_lookalike_word_folds_only_beside_disguised_words():
    # A lone Cyrillic "а" used as the English article, in a paragraph of disguised words.
    assert fold_confusables("Russi\u0430 s\u0430id \u0430 new \u0430rmy") == (
        "Russia said a new army")
    plain = "Soviet posters read \u0421\u0421\u0421\u0420 in red."
    assert fold_confusables(plain) == plain


def test_a_homoglyph_copy_of_every_bundled_example_codes_like_the_original():
    from faultline import ingest
    from faultline.model import Article
    from faultline.options import Options
    from faultline.pipeline import process_batch
    from faultline.runner import bundled_examples
    from tests.link.corpus import disguise

    originals = [a for a in ingest.read_inputs([bundled_examples()], Options())
                 if isinstance(a, Article)]
    assert len(originals) >= 5
    copies = []
    for article in originals:
        disguised = disguise(article.text)
        assert disguised != article.text
        folded = normalize_text(disguised)
        assert folded == article.text, article.id
        copies.append(Article(id=f"copy-{article.id}", text=folded,
                              published=article.published))
    results = process_batch(originals + copies, Options())
    n = len(originals)

    def coded(ann):
        return ([(e.span.start, e.span.end, e.code, e.modality, e.source and e.source.code,
                  e.target and e.target.code) for e in ann.events],
                [(m.span.start, m.span.end, m.actor.code) for m in ann.actors],
                [(q.span.start, q.span.end, q.speaker and q.speaker.name) for q in ann.quotes])

    for original, copy in zip(results[:n], results[n:], strict=True):
        assert original.events, original.article.id
        assert coded(copy) == coded(original), original.article.id
