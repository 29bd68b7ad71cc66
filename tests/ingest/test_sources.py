"""Path expansion: folders, globs, order, hidden and non-article files."""

from __future__ import annotations

import pytest

from faultline.errors import InputError, UsageError
from faultline.ingest.sources import check_paths, expand_path, walk_folder


def _touch(path, text="x"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_walk_is_recursive_sorted_and_skips_hidden(tmp_path):
    for rel in ["b.txt", "a/z.html", "a/y.jsonl", ".secret.txt", ".cache/c.txt", "c",
                "notes.md", "img.png"]:
        _touch(tmp_path / rel)
    found = [p[len(str(tmp_path)) + 1:] for p in walk_folder(str(tmp_path))]
    assert found == ["a/y.jsonl", "a/z.html", "b.txt", "c"]


def test_glob_expands_sorted_and_walks_matched_folders(tmp_path):
    for rel in ["d2/b.txt", "d1/a.txt", "d1/sub/c.txt"]:
        _touch(tmp_path / rel)
    found = [p[len(str(tmp_path)) + 1:] for p in expand_path(str(tmp_path / "d*"))]
    assert found == ["d1/a.txt", "d1/sub/c.txt", "d2/b.txt"]


def test_recursive_glob(tmp_path):
    for rel in ["x/one.jsonl", "x/y/two.jsonl", "x/y/three.txt"]:
        _touch(tmp_path / rel)
    found = expand_path(str(tmp_path / "**" / "*.jsonl"))
    assert [p.rsplit("/", 1)[1] for p in found] == ["one.jsonl", "two.jsonl"]


def test_explicit_file_is_read_whatever_its_suffix(tmp_path):
    _touch(tmp_path / "notes.md")
    assert expand_path(str(tmp_path / "notes.md")) == [str(tmp_path / "notes.md")]


def test_existing_file_with_glob_characters_in_its_name(tmp_path):
    _touch(tmp_path / "report[1].txt")
    path = str(tmp_path / "report[1].txt")
    check_paths([path])
    assert expand_path(path) == [path]


def test_missing(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        expand_path(str(tmp_path / "nope"))
    with pytest.raises(UsageError, match="no such file or folder"):
        check_paths(["-", str(tmp_path / "nope")])
