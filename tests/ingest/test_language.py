"""Language detection at ingest, and articles the English extractors must not read."""

from __future__ import annotations

from faultline.ingest.language import detect_language, language_failure
from faultline.model import Article
from faultline.options import Options
from faultline.pipeline import process_batch

ITALIAN = ("Il governo ha detto ieri sera che le truppe torneranno nelle caserme entro la "
           "fine della settimana, ma molti osservatori restano scettici sulla notizia.")
ENGLISH = ("The government said last night that the troops would return to their barracks "
           "by the end of the week, but many observers remain doubtful about the news.")


def test_detects_languages_of_ordinary_paragraphs():
    assert detect_language(ITALIAN) == "it"
    assert detect_language(ENGLISH) == "en"
    assert detect_language("Войска вернутся в казармы к концу недели, заявило вчера "
                           "правительство, но многие наблюдатели сомневаются.") == "ru"


def test_short_text_falls_back_to_the_script():
    assert detect_language("Kyiv said no.") == "en"
    assert detect_language("Київ заявив.") == "uk"


def test_non_english_article_is_not_parsed_and_says_why():
    it = Article(id="it1", text=ITALIAN, language="it", source="it.txt")
    en = Article(id="en1", text=ENGLISH, language="en", source="en.txt")
    results = process_batch([it, en], Options())
    assert [r.article.id for r in results] == ["it1", "en1"]
    unread, read = results
    assert unread.n_words == 0 and not unread.actors and not unread.events
    assert [f.stage for f in unread.failures] == ["language"]
    assert "'it' is not analysed" in unread.failures[0].reason
    assert read.n_words > 10 and not read.failures


def test_the_analysed_languages_are_an_option():
    it = Article(id="it1", text=ITALIAN, language="it")
    assert language_failure(it, ("en",)) is not None
    assert language_failure(it, ("en", "it")) is None
