"""Offsets back into the source text, through the anchors ingest stores with each article.

``Article.source_offsets`` (``articles.source_offsets``) is a list of ``[text offset, source
offset]`` anchors, sorted by text offset, written by ``faultline.ingest.normalize.
source_anchors``: inside the stretch that starts at an anchor, text and source advance
together. Readers of stored offsets (exports, the server) need only this module.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence


def to_source(anchors: Sequence[Sequence[int]], offset: int, *, end: bool = False) -> int:
    """An article-text offset as an offset into the source text.

    Where the source had characters the text dropped (a zero-width space, a BOM), two anchors
    share a text offset: a span's start maps past them (`end=False`), a span's end before
    them (`end=True`), so the source span never takes in what normalization removed."""
    if end:
        i = bisect.bisect_left(anchors, offset, key=lambda a: a[0])
        if i < len(anchors) and anchors[i][0] == offset:
            return int(anchors[i][1])
    i = bisect.bisect_right(anchors, offset, key=lambda a: a[0]) - 1
    if i < 0:
        return offset
    text_at, source_at = anchors[i]
    return int(source_at + (offset - text_at))
