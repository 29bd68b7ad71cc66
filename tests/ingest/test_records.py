"""JSON records: fields, ids, authors, published, and one Failure per bad record."""

from __future__ import annotations

import json

import pytest

from faultline.errors import InputError
from faultline.ingest.records import article_from_record, read_json, read_jsonl
from faultline.model import Article, Failure, article_id_for
from faultline.options import Options

from .helpers import read_all

TEXT = "The alliance said it would send more aircraft to the eastern flank."


def _one(record, **kw):
    return article_from_record(record, source="r", options=Options(**kw))


def test_all_fields_are_carried():
    article = _one({"id": "x-1", "text": TEXT, "title": "Aircraft East", "url": "https://e.org/a",
                    "publisher": "Harbour Dispatch", "authors": ["Ana Costa", "Lev Marek"],
                    "published": "2022-02-10T08:00:00Z", "language": "en"})
    assert (article.id, article.text, article.title) == ("x-1", TEXT, "Aircraft East")
    assert (article.url, article.publisher) == ("https://e.org/a", "Harbour Dispatch")
    assert article.authors == ["Ana Costa", "Lev Marek"]
    assert article.published == "2022-02-10T08:00:00+00:00"


def test_missing_id_is_the_hash_of_the_text():
    assert _one({"text": TEXT}).id == article_id_for(TEXT)


def test_authors_as_a_string():
    assert _one({"text": TEXT, "authors": "Ana Costa"}).authors == ["Ana Costa"]
    assert _one({"text": TEXT, "authors": "Ana Costa; Lev Marek"}).authors == ["Ana Costa",
                                                                               "Lev Marek"]


def test_date_only_published_stays_a_date():
    assert _one({"text": TEXT, "published": "2022-02-10"}).published == "2022-02-10"


def test_unparseable_published_is_dropped_not_fatal():
    assert _one({"text": TEXT, "published": "sometime soon"}).published is None


def test_record_text_is_normalized_but_not_stripped_of_header_lines():
    text = "Headline Words\nMarch 1, 2022\n\nThe ministers met in Vienna on Tuesday evening."
    article = _one({"text": text.replace("Vienna", "Vi\u0435nna")})  # Cyrillic е
    assert article.text == text
    assert article.title is None


@pytest.mark.parametrize("record, reason", [
    ({"title": "x"}, "record has no text (its keys: title)"),
    ({"text": ""}, "record has empty text"),
    ({"text": 42}, "record text is a JSON int, not a string"),
    (["text"], "record is a JSON list, not an object"),
])
def test_bad_records(record, reason):
    with pytest.raises(InputError) as err:
        _one(record)
    assert err.value.reason == reason


def test_record_over_the_character_cap():
    with pytest.raises(InputError, match="over the cap of 10"):
        _one({"text": TEXT}, max_chars=10)


def test_jsonl_line_over_the_byte_cap_is_skipped_with_its_line_number():
    lines = [json.dumps({"text": TEXT}).encode(), json.dumps({"text": TEXT * 20}).encode()]
    items = list(read_jsonl(lines, name="f.jsonl", options=Options(max_bytes=500)))
    assert isinstance(items[0], Article)
    assert isinstance(items[1], Failure) and items[1].line == 2
    assert "over the cap of 500" in items[1].reason


def test_jsonl_line_in_a_legacy_encoding_is_still_read():
    items = list(read_jsonl([b'{"text": "The caf\xe9 in Kyiv reopened on Monday."}'],
                            name="f", options=Options()))
    assert items[0].text == "The café in Kyiv reopened on Monday."


def test_jsonl_line_of_binary_noise_is_a_failure():
    items = list(read_jsonl([b'{"text": "ok"}', b"\x89PNG\r\n\x1a\n\x00\x00"], name="f",
                            options=Options()))
    assert isinstance(items[0], Article)
    assert items[1].line == 2 and items[1].reason == "binary file (PNG image), not text"


def test_jsonl_with_only_blank_lines_is_a_failure():
    items = list(read_jsonl([b"", b"  "], name="f", options=Options()))
    assert [x.reason for x in items] == ["empty file: no JSONL records"]


def test_json_list_file(tmp_path):
    path = tmp_path / "batch.json"
    path.write_text(json.dumps([{"id": "a", "text": TEXT}, {"id": "b"}, {"id": "c", "text": TEXT}]),
                    encoding="utf-8")
    items = read_all([path])
    assert [type(x).__name__ for x in items] == ["Article", "Failure", "Article"]
    assert items[0].source == f"{path}#1" and items[1].source == f"{path}#2"


def test_json_single_record_file(tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"id": "solo", "text": TEXT}, indent=2), encoding="utf-8")
    (article,) = read_all([path])
    assert (article.id, article.source) == ("solo", str(path))


def test_malformed_json_file():
    (failure,) = read_json('[{"text": "x"', name="bad.json", options=Options())
    assert failure.reason.startswith("malformed JSON") and "line 1" in failure.reason


def test_json_scalar_is_a_failure():
    (failure,) = read_json("42", name="n.json", options=Options())
    assert failure.reason == "JSON holds a int, not a record or a list of records"
