"""Offsets back into the source round-trip through every kind of normalization, exactly.

Each case is a source text with one edit normalization makes, a word before it, the edited
stretch itself and a word after it. For each span found in the article text, the source
slice through the stored anchors must normalize back to exactly that span, and a span of
unchanged words must come back character for character.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from faultline.ingest import read_inputs
from faultline.ingest.normalize import normalize_text, source_anchors
from faultline.model import Article
from faultline.offsets import to_source
from faultline.options import Options

KINDS = {
    "crlf": "Kyiv said on Monday\r\nthat talks\r\nwould go on, officials said.",
    "lone cr": "Kyiv said on Monday\rthat talks\rwould go on, officials said.",
    "line separator": "Kyiv said on Monday\u2028that talks would go on, officials said.",
    "mojibake latin-1": "Kyiv said Russiaâ€™s troops and â€œtalksâ€\x9d would go on.",
    "mojibake cp1251": "Kyiv said the word Ð¼Ð¸Ñ€ and talks would go on.",
    "html entity": "Kyiv said Russia&#8217;s troops &amp; talks would go on.",
    "soft hyphen": "Kyiv said nego\u00adtiations and talks would go on.",
    "zero-width space": "Kyiv said Russia\u200b\u200b troops and talks would go on.",
    "word joiner": "Kyiv said Rus\u2060sia troops and talks would go on.",
    "bom inside": "Kyiv said\ufeff Russia troops and talks would go on.",
    "control character": "Kyiv said \x07Russia troops and talks\x1f would go on.",
    "decomposed accent": "Kyiv said the cafe\u0301 and the re\u0301sume\u0301 talks would go on.",
    "look-alike letters": "Kyiv said the \u0456nvasion and NАTO talks would go on.",
    "many edits in one line": ("Kyiv\u200b said Russiaâ€™s nego\u00adtiations &amp; "
                               "cafe\u0301 talks\r\nwould go on."),
}
WORDS_AFTER = ("talks", "would go on")


def _spans(text: str) -> list[tuple[int, int]]:
    """Every word of the text, and runs of three words across whatever was edited."""
    words, start = [], None
    for i, ch in enumerate(text + " "):
        if ch.isalnum() and start is None:
            start = i
        elif not ch.isalnum() and start is not None:
            words.append((start, i))
            start = None
    runs = [(words[i][0], words[i + 2][1]) for i in range(len(words) - 2)]
    return words + runs


def _check_round_trip(original: str, text: str, anchors: list[list[int]] | None) -> None:
    assert anchors is not None and anchors == sorted(anchors, key=lambda a: a[0])
    for start, end in _spans(text):
        o_start, o_end = to_source(anchors, start), to_source(anchors, end, end=True)
        assert 0 <= o_start <= o_end <= len(original), (text[start:end], o_start, o_end)
        piece = original[o_start:o_end]
        assert normalize_text(piece).strip() == text[start:end].strip(), (
            text[start:end], piece)
        if not any(not ch.isascii() or ch in "\r\x07\x1f&" for ch in piece):
            assert piece == text[start:end]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_normalization_kind_round_trips(kind: str) -> None:
    original = KINDS[kind]
    text = normalize_text(original)
    assert text != original, "the case must exercise normalization"
    _check_round_trip(original, text, source_anchors(original, text))


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_words_after_the_edit_are_exact(kind: str) -> None:
    original = KINDS[kind]
    text = normalize_text(original)
    anchors = source_anchors(original, text)
    assert anchors is not None
    for word in WORDS_AFTER:
        start = text.index(word)
        o_start = to_source(anchors, start)
        assert original[o_start:to_source(anchors, start + len(word), end=True)] == word


def test_a_span_never_takes_in_a_dropped_invisible_character() -> None:
    original = "Russia\u200b troops"
    text = normalize_text(original)
    anchors = source_anchors(original, text)
    assert anchors is not None
    end = text.index("Russia") + len("Russia")
    assert original[0:to_source(anchors, end, end=True)] == "Russia"
    start = text.index("troops")
    assert original[to_source(anchors, start):] == "troops"


def test_a_repaired_mojibake_quote_maps_to_its_three_source_characters() -> None:
    original = "He said â€œnoâ€\x9d today."
    text = normalize_text(original)
    assert "\u201cno\u201d" in text
    anchors = source_anchors(original, text)
    assert anchors is not None
    start = text.index("\u201c")
    end = text.index("\u201d") + 1
    assert original[to_source(anchors, start):to_source(anchors, end, end=True)] == \
        "â€œnoâ€\x9d"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_through_ingest_with_a_stripped_header(tmp_path: Path, kind: str) -> None:
    """The stored anchors of a real ingest (a date prefix removed, then normalized)."""
    raw = " date 2022-02-16 " + KINDS[kind] + "\n\nA second paragraph stays as it was."
    path = tmp_path / "a.txt"
    path.write_bytes(raw.encode("utf-8"))
    (article,) = [a for a in read_inputs([str(path)], Options()) if isinstance(a, Article)]
    assert article.published and article.published.startswith("2022-02-16")
    _check_round_trip(raw, article.text, article.source_offsets)
    stored = json.loads(json.dumps(article.source_offsets))  # what the database keeps
    start = article.text.index("A second paragraph")
    assert raw[to_source(stored, start):].startswith("A second paragraph")


def test_export_does_not_import_normalization() -> None:
    source = (Path(__file__).resolve().parents[2] / "faultline" / "export.py").read_text("utf-8")
    assert "ingest.normalize" not in source and "from faultline.offsets import" in source


def test_nfc_cases_are_really_decomposed() -> None:
    assert not unicodedata.is_normalized("NFC", KINDS["decomposed accent"])
