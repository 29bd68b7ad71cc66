"""read_inputs / check_paths end to end: the bad inputs, folders, globs, stdin, ids."""

from __future__ import annotations

import json
import os

import pytest

from faultline.errors import UsageError
from faultline.ingest import check_paths, read_inputs, readers
from faultline.model import Article, Failure, article_id_for
from faultline.options import Options

from .helpers import only_article, only_failure, read_all

BODY = ("Ukraine's foreign minister said on Monday that talks with Moscow would resume "
        "next week, while NATO members promised more air defence systems.\n")


# --- one test per bad input -------------------------------------------------------------


def test_empty_file_is_a_failure(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    failure = only_failure(read_all([path]))
    assert failure.source == str(path)
    assert failure.reason == "empty file"


def test_whitespace_only_file_is_a_failure(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text(" \n\t\n  \n", encoding="utf-8")
    assert "only whitespace" in only_failure(read_all([path])).reason


def test_png_renamed_txt_is_a_binary_failure(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    failure = only_failure(read_all([path]))
    assert failure.reason == "binary file (PNG image), not text"


def test_undecodable_bytes_are_a_failure(tmp_path):
    # No NUL, no file signature, not UTF-8, and no legacy code page reads it as text.
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes((i * 37 + 11) % 255 + 1 for i in range(3000)))
    assert only_failure(read_all([path])).reason.startswith("undecodable bytes")


def test_jsonl_with_one_malformed_line_keeps_the_good_lines(tmp_path):
    path = tmp_path / "wire.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": "Russia moved tanks toward the border."}),
        '{"id": "a2", "text": "This line is cut off',
        json.dumps({"id": "a3", "text": "NATO ministers met in Brussels."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read_all([path])
    assert [type(x).__name__ for x in items] == ["Article", "Failure", "Article"]
    assert [items[0].id, items[2].id] == ["a1", "a3"]
    assert items[0].source == f"{path}:1" and items[2].source == f"{path}:3"
    bad = items[1]
    assert bad.line == 2 and bad.source == str(path)
    assert bad.reason.startswith("malformed JSON")


def test_html_without_article_text_is_a_failure(tmp_path):
    path = tmp_path / "menu.html"
    path.write_text(
        "<!DOCTYPE html><html><head><title>Front page</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/about'>About</a></nav>"
        "</body></html>", encoding="utf-8")
    assert only_failure(read_all([path])).reason == "no article text found in HTML"


def test_record_without_text_is_a_failure(tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text(
        json.dumps({"id": "x1", "title": "Only a headline"}) + "\n"
        + json.dumps({"id": "x2", "text": "   "}) + "\n", encoding="utf-8")
    first, second = read_all([path])
    assert isinstance(first, Failure) and first.line == 1
    assert first.reason == "record has no text (its keys: id, title)"
    assert isinstance(second, Failure) and second.line == 2
    assert second.reason == "record has empty text"


def test_file_over_the_size_cap_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(BODY * 50, encoding="utf-8")
    size = path.stat().st_size
    failure = only_failure(read_all([path], Options(max_bytes=1000)))
    assert failure.reason == f"file is {size} bytes, over the cap of 1000"


def test_text_over_the_character_cap_is_a_failure(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(BODY * 5, encoding="utf-8")
    failure = only_failure(read_all([path], Options(max_chars=200)))
    assert "over the cap of 200" in failure.reason


def test_missing_path_is_a_usage_error(tmp_path):
    missing = tmp_path / "nowhere.txt"
    with pytest.raises(UsageError, match=r"^no such file or folder: .*nowhere\.txt$"):
        check_paths([str(missing)])


def test_glob_matching_nothing_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="no files match"):
        check_paths([str(tmp_path / "*.jsonl")])


def test_check_paths_accepts_files_folders_globs_and_stdin(tmp_path):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    check_paths([str(tmp_path), str(tmp_path / "a.txt"), str(tmp_path / "*.txt"), "-"])


def test_missing_path_at_read_time_is_a_failure_not_an_exception(tmp_path):
    failure = only_failure(read_all([tmp_path / "gone.txt"]))
    assert failure.reason == "no such file or folder"


def test_unreadable_file_is_a_failure(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text(BODY, encoding="utf-8")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(readers, "open", refuse, raising=False)
    failure = only_failure(read_all([path]))
    assert failure.reason == "cannot read: Permission denied"


# --- folders, globs, several paths, stdin -------------------------------------------------


def _tree(root):
    (root / "b").mkdir()
    (root / ".git").mkdir()
    (root / "b" / "two.txt").write_text("Second. " + BODY, encoding="utf-8")
    (root / "a.txt").write_text("First. " + BODY, encoding="utf-8")
    (root / "c.jsonl").write_text(json.dumps({"id": "c", "text": "Third. " + BODY}) + "\n",
                                  encoding="utf-8")
    (root / ".hidden.txt").write_text("Hidden. " + BODY, encoding="utf-8")
    (root / ".git" / "HEAD.txt").write_text("Hidden too. " + BODY, encoding="utf-8")
    (root / "README.md").write_text("# Notes about this folder\n", encoding="utf-8")
    (root / "cover.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(40))


def test_folder_is_read_recursively_sorted_skipping_hidden_and_non_article_files(tmp_path):
    _tree(tmp_path)
    items = read_all([tmp_path])
    assert all(isinstance(x, Article) for x in items)
    assert [x.text.split(".")[0] for x in items] == ["First", "Second", "Third"]
    assert [x.source for x in items] == [str(tmp_path / "a.txt"),
                                         str(tmp_path / "b" / "two.txt"),
                                         f"{tmp_path / 'c.jsonl'}:1"]


def test_glob_and_several_paths_keep_input_order_and_read_each_file_once(tmp_path):
    _tree(tmp_path)
    items = read_all([tmp_path / "c.jsonl", tmp_path / "*.txt", tmp_path / "a.txt"])
    assert [x.text.split(".")[0] for x in items] == ["Third", "First"]


def test_stdin_plain_text():
    article = only_article(read_all(["-"], stdin=("Title Of A Piece\n\n" + BODY).encode()))
    assert article.source == "-"
    assert article.title == "Title Of A Piece"
    assert article.text == BODY.strip()


def test_stdin_jsonl_is_streamed_with_line_numbers():
    data = (json.dumps({"text": "One. " + BODY}) + "\n\n" + "not json\n"
            + json.dumps({"id": 7, "text": "Two. " + BODY}) + "\n").encode()
    items = read_all(["-"], stdin=data)
    assert [type(x).__name__ for x in items] == ["Article", "Failure", "Article"]
    assert items[0].source == "-:1" and items[1].line == 3 and items[2].source == "-:4"
    assert items[2].id == "7"


def test_stdin_html_is_sniffed():
    page = (f"<html><head><title>Talks resume</title></head><body><article>"
            f"<h1>Talks resume</h1><p>{BODY}</p><p>{BODY}</p></article></body></html>")
    article = only_article(read_all(["-"], stdin=page.encode()))
    assert article.title == "Talks resume"
    assert "foreign minister" in article.text and "<p>" not in article.text


def test_stdin_over_the_cap_is_a_failure():
    failure = only_failure(read_all(["-"], Options(max_bytes=100), stdin=BODY.encode() * 3))
    assert failure.source == "-" and "over the cap of 100" in failure.reason


def test_empty_stdin_is_a_failure():
    assert only_failure(read_all(["-"], stdin=b"")).reason == "empty file"


# --- ids ----------------------------------------------------------------------------------


def test_same_text_twice_gets_the_same_id(tmp_path):
    (tmp_path / "one.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "two.txt").write_bytes(BODY.replace("\n", "\r\n").encode("utf-16"))
    first, second = read_all([tmp_path / "one.txt", tmp_path / "two.txt"])
    assert first.id == second.id == article_id_for(BODY.strip())
    assert first.text == second.text


def test_jsonl_id_is_kept_as_a_string(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps({"id": 12345, "text": BODY}) + "\n"
                    + json.dumps({"id": "wire-1", "text": BODY}) + "\n", encoding="utf-8")
    first, second = read_all([path])
    assert (first.id, second.id) == ("12345", "wire-1")


def test_read_inputs_is_lazy(tmp_path):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    items = read_inputs([str(tmp_path / "a.txt"), str(tmp_path / "missing.txt")], Options())
    assert isinstance(next(items), Article)
    assert isinstance(next(items), Failure)


def test_stdin_jsonl_with_a_long_first_line():
    long_text = BODY * 800  # ~120 KB on one line
    data = (json.dumps({"id": "long", "text": long_text}) + "\n"
            + json.dumps({"id": "short", "text": BODY}) + "\n").encode()
    first, second = read_all(["-"], stdin=data)
    assert (first.id, second.id) == ("long", "short")
    assert first.text == long_text


def test_named_pipe_is_read_as_a_stream(tmp_path):
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def feed():
        with open(fifo, "wb") as writer:
            writer.write(BODY.encode())

    feeder = threading.Thread(target=feed)
    feeder.start()
    article = only_article(read_all([fifo]))
    feeder.join(timeout=5)
    assert article.text == BODY.strip() and article.source == str(fifo)
