"""Format choice and sniffing, and the bundled example articles read end to end."""

from __future__ import annotations

import json
import re
from pathlib import Path

import faultline
from faultline.model import Article, Failure, article_id_for

from .helpers import only_article, read_all

EXAMPLES = Path(faultline.__file__).parent / "examples"
PROSE = ("Ministers said on Friday that the talks had been useful but that the main "
         "disagreements about the alliance remained unresolved.")


def test_file_without_suffix_holding_jsonl(tmp_path):
    path = tmp_path / "dump"
    path.write_text(json.dumps({"id": "n1", "text": PROSE}) + "\n"
                    + json.dumps({"id": "n2", "text": PROSE + " Again."}) + "\n", encoding="utf-8")
    assert [x.id for x in read_all([path])] == ["n1", "n2"]


def test_file_without_suffix_holding_one_pretty_printed_record(tmp_path):
    path = tmp_path / "record"
    path.write_text(json.dumps({"id": "p1", "text": PROSE}, indent=2), encoding="utf-8")
    assert only_article(read_all([path])).id == "p1"


def test_stdin_json_list():
    data = json.dumps([{"id": "s1", "text": PROSE}, {"text": ""}]).encode()
    first, second = read_all(["-"], stdin=data)
    assert isinstance(first, Article) and first.source == "-#1"
    assert isinstance(second, Failure) and second.reason == "record has empty text"


def test_stdin_text_starting_with_a_brace_is_text():
    text = "{Editor's note: updated.} " + PROSE
    assert only_article(read_all(["-"], stdin=text.encode())).text == text


def test_text_article_id_is_the_hash_of_the_body(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"A Short Headline\n\n{PROSE}\n", encoding="utf-8")
    article = only_article(read_all([path]))
    assert article.text == PROSE and article.id == article_id_for(PROSE)


# --- the bundled examples (written by the examples author; read here, never edited) -------


def test_examples_are_all_read_with_sensible_metadata():
    assert EXAMPLES.is_dir()
    items = read_all([EXAMPLES])
    failures = [x for x in items if isinstance(x, Failure)]
    assert not failures, failures
    assert len(items) >= 6
    for article in items:
        assert article.published, article.source
        assert article.text.strip() and not article.text[0].isspace()
        name = Path(article.source.split(":")[0]).name
        dated = re.match(r"(\d{4}-\d{2}-\d{2})_", name)
        if dated:
            assert article.published[:10] == dated.group(1), article.source
        if name.endswith(".html"):
            assert article.title and article.authors and article.publisher, article.source
            assert not article.text.startswith(article.title)
        if name.endswith(".jsonl"):
            assert article.id != article_id_for(article.text)  # the record's own id
            assert article.title and article.authors


def test_example_header_layouts():
    by_name = {Path(a.source).name: a for a in read_all([EXAMPLES / "*.txt"])}
    headed = [a for a in by_name.values() if a.title]
    assert headed, "no example with a title header"
    for article in headed:
        assert article.authors, article.source
        assert "Photo" not in article.text[:200]
