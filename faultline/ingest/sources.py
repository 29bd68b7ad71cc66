"""Where inputs come from: files, folders, glob patterns and stdin, in a stable order."""

from __future__ import annotations

import glob
import logging
import os
import re
from collections.abc import Sequence
from pathlib import Path

from faultline.errors import InputError, UsageError

log = logging.getLogger(__name__)

STDIN = "-"
_GLOB_CHARS = re.compile(r"[*?[]")
# In a folder walk only these are read: a folder of articles also holds READMEs, images and
# notes, which are not articles. A file named on the command line is read whatever its name.
ARTICLE_SUFFIXES = frozenset({
    "", ".txt", ".text", ".html", ".htm", ".xhtml", ".shtml",
    ".json", ".jsonl", ".ndjson", ".jsonlines",
    ".rss", ".atom", ".warc",  # feeds and crawls (ingest/feeds.py, ingest/warc.py)
})


def is_article_name(name: str) -> bool:
    """An article format by its suffix; a gzipped file (`a.jsonl.gz`) by the suffix inside."""
    path = Path(name)
    if path.suffix.lower() == ".gz":
        path = path.with_suffix("")
    return path.suffix.lower() in ARTICLE_SUFFIXES


def is_glob(path: str) -> bool:
    return bool(_GLOB_CHARS.search(path))


def check_paths(paths: Sequence[str]) -> None:
    """Raise UsageError for a path that does not exist or a glob pattern that matches nothing."""
    for path in paths:
        if path == STDIN or os.path.exists(path) or path.lower().startswith(("http://",
                                                                             "https://")):
            continue
        if is_glob(path):
            if not glob.glob(path, recursive=True):
                raise UsageError(f"no files match the pattern: {path}")
            continue
        raise UsageError(f"no such file or folder: {path}")


def expand_path(path: str) -> list[str]:
    """The files one command-line path stands for, in order; InputError if there are none."""
    if os.path.isdir(path):
        return walk_folder(path)
    if os.path.exists(path):
        return [path]
    if is_glob(path):
        matches = sorted(glob.glob(path, recursive=True))
        if not matches:
            raise InputError("no files match the pattern", source=path)
        files: list[str] = []
        for match in matches:
            files.extend(walk_folder(match) if os.path.isdir(match) else [match])
        return files
    raise InputError("no such file or folder", source=path)


def walk_folder(folder: str) -> list[str]:
    """Article files under `folder`, recursively, sorted by path; hidden entries skipped."""
    found: list[tuple[tuple[str, ...], str]] = []
    skipped = 0
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith("."):
                continue
            full = os.path.join(root, name)
            if not is_article_name(name):
                skipped += 1
                continue
            found.append((Path(os.path.relpath(full, folder)).parts, full))
    if skipped:
        log.info("%s: skipped %d file(s) that are not article formats", folder, skipped)
    return [full for _, full in sorted(found)]
