"""Where inputs come from: files, folders, glob patterns and stdin, in a stable order."""

from __future__ import annotations

import glob
import logging
import os
import re
from collections.abc import Sequence
from pathlib import Path

from faultline.errors import InputError, UsageError
from faultline.model import Failure

log = logging.getLogger(__name__)

STDIN = "-"
SKIPPED = "skipped"  # the Failure stage of a file a folder walk does not read (not counted failed)
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


def expand_path(path: str, skipped: list[Failure] | None = None) -> list[str]:
    """The files one command-line path stands for, in order; InputError if there are none.
    Files and folders a walk leaves out are added to `skipped`, with the reason."""
    if os.path.isdir(path):
        return walk_folder(path, skipped)
    if os.path.exists(path):
        return [path]
    if is_glob(path):
        matches = sorted(glob.glob(path, recursive=True))
        if not matches:
            raise InputError("no files match the pattern", source=path)
        files: list[str] = []
        for match in matches:
            files.extend(walk_folder(match, skipped) if os.path.isdir(match) else [match])
        return files
    raise InputError("no such file or folder", source=path)


def walk_folder(folder: str, skipped: list[Failure] | None = None) -> list[str]:
    """Article files under `folder`, recursively, sorted by path; hidden entries left out.
    Each other file, and each folder that cannot be listed, goes into `skipped` with why."""
    found: list[tuple[tuple[str, ...], str]] = []
    left_out: list[tuple[tuple[str, ...], Failure]] = []

    def unlistable(error: OSError) -> None:
        where = str(error.filename or folder)
        left_out.append((Path(os.path.relpath(where, folder)).parts, Failure(
            source=where, reason=f"cannot list folder: {error.strerror or error}",
            stage=SKIPPED)))

    for root, dirs, files in os.walk(folder, onerror=unlistable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith("."):
                continue
            full = os.path.join(root, name)
            parts = Path(os.path.relpath(full, folder)).parts
            if not is_article_name(name):
                suffix = Path(name).suffix
                if suffix.lower() == ".gz":
                    suffix = Path(name[: -len(suffix)]).suffix + suffix
                left_out.append((parts, Failure(
                    source=full, reason=f"not an article format ({suffix})",
                    stage=SKIPPED)))
                continue
            found.append((parts, full))
    if left_out:
        log.info("%s: skipped %d file(s) that are not article formats", folder, len(left_out))
        if skipped is not None:
            skipped.extend(f for _, f in sorted(left_out, key=lambda x: x[0]))
    return [full for _, full in sorted(found)]


_RECORD_SUFFIXES = frozenset({".jsonl", ".ndjson", ".jsonlines"})
_UNCOUNTED_SUFFIXES = frozenset({".rss", ".atom", ".warc", ".gz"})


def count_inputs(paths: Sequence[str], limit_bytes: int = 200_000_000) -> int | None:
    """How many articles or records `paths` hold, counted up front for a progress bar: one
    per file, one per non-blank JSONL line, one per item of a JSON array. None when that
    cannot be known cheaply (stdin, URLs, feeds, crawls, gzip, more than `limit_bytes`)."""
    total, size = 0, 0
    seen: set[str] = set()
    for path in paths:
        if path == STDIN or path.lower().startswith(("http://", "https://")):
            return None
        try:
            files = expand_path(path)
        except InputError:
            continue
        for file in files:
            key = os.path.realpath(file)
            if key in seen:
                continue
            seen.add(key)
            suffix = Path(file).suffix.lower()
            if suffix in _UNCOUNTED_SUFFIXES:
                return None
            try:
                if suffix in _RECORD_SUFFIXES or suffix == ".json":
                    size += os.path.getsize(file)
                    if size > limit_bytes:
                        return None
                    total += _count_records(file, suffix)
                else:
                    total += 1
            except (OSError, ValueError):
                total += 1  # its reader reports the problem; it still counts as one input
    return total


def _count_records(file: str, suffix: str) -> int:
    import json

    with open(file, "rb") as fh:
        if suffix != ".json":
            return sum(1 for line in fh if line.strip())
        data = json.loads(fh.read())
    return len(data) if isinstance(data, list) else 1
