"""Article assembly: caps, minimum length, metadata cleaning, language guess."""

from __future__ import annotations

import pytest

from faultline.errors import InputError
from faultline.ingest.build import clean_field, guess_language, make_article
from faultline.options import Options


def test_make_article_cleans_metadata():
    article = make_article("Text.", source="s", options=Options(), title="  Two\n lines ",
                           authors=["Ana Costa", "  ", "Lev\u00a0Marek"])
    assert article.title == "Two lines"
    assert article.authors == ["Ana Costa", "Lev Marek"]


def test_minimum_length():
    with pytest.raises(InputError, match="under the minimum of 10"):
        make_article("  short  ", source="s", options=Options(min_chars=10))


def test_empty_text():
    with pytest.raises(InputError, match="article text is empty"):
        make_article(" \n ", source="s", options=Options())


def test_clean_field_blank_is_none():
    assert clean_field("   ") is None and clean_field(None) is None


@pytest.mark.parametrize("text, language", [
    ("Troops moved to the border on Tuesday.", "en"),
    ("Войска двинулись к границе во вторник.", "ru"),
    ("Війська рушили до кордону у вівторок.", "uk"),
    ("Τα στρατεύματα κινήθηκαν προς τα σύνορα.", "el"),
])
def test_guess_language(text, language):
    assert guess_language(text) == language
