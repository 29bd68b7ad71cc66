"""Bytes to text: byte-order marks, binary sniffing, and a sensible guess for legacy encodings."""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from faultline.errors import InputError

# File signatures of formats people mistake for (or rename to) text.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"(\xb5/\xfd", "zstd archive"),
    (b"7z\xbc\xaf'\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "executable"),
    (b"MZ\x90\x00", "Windows executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document (DOC/XLS/PPT)"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
    (b"PAR1", "Parquet file"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
)
_RIFF_KINDS = {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Single-byte Latin code pages that charset-normalizer cannot tell apart on short texts;
# among these, Windows-1252 (a superset of printable Latin-1) is the sensible default and
# another wins only if it leaves fewer symbols stuck inside words.
_LATIN_FAMILY = {
    "cp1250", "cp1252", "cp1257", "latin_1", "iso8859_2", "iso8859_3", "iso8859_4",
    "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16",
    "cp437", "cp775", "cp850", "cp852", "cp858", "hp_roman8", "mac_roman",
    "mac_latin2", "mac_iceland", "mac_turkish", "cp860", "cp861", "cp863", "cp865",
}
_LATIN_CANDIDATES = ("cp1252", "cp1250", "iso8859_15")
# A symbol glued to a letter ("Ukrain¹", "¯o³nierze") is a letter read in the wrong code page.
_STRAY_CHAR = r"[^\w\s\x21-\x7e\u00a0\u00ab\u00bb\u2013\u2014\u2018-\u201e\u2026\u20ac]"
_STRAY = re.compile(rf"(?<=[^\W\d_]){_STRAY_CHAR}|{_STRAY_CHAR}(?=[^\W\d_])")
_SNIFF = 65536
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_ESCAPED = re.compile("[\udc80-\udcff]")
_HIGH_BYTES = bytes(range(0x80, 0x100))
_MAX_CONTROL_SHARE = 0.01


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    """Read bytes that are not UTF-8 as Windows-1252 (the usual stray in a UTF-8 file)."""
    assert isinstance(err, UnicodeDecodeError)
    bad = err.object[err.start : err.end]
    return bad.decode("cp1252", errors="replace"), err.end


codecs.register_error("faultline-cp1252", _cp1252_fallback)


def sniff_binary(head: bytes) -> str | None:
    """A reason if `head` (the first bytes of an input) is not text, else None."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return f"binary file ({kind}), not text"
    if head.startswith(b"RIFF") and head[8:12] in _RIFF_KINDS:
        return f"binary file ({_RIFF_KINDS[head[8:12]]}), not text"
    if len(head) > 8 and head[4:8] == b"ftyp":
        return "binary file (MP4/MOV media), not text"
    return None


def bom_encoding(head: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    return None


def declared_charset(head: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag, if any codec knows it."""
    m = _META_CHARSET.search(head[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", errors="ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Text from the bytes of one document; raises InputError with the reason it is not text.

    `declared` is an encoding the document names itself (an HTML meta charset); it is tried
    when the bytes are not UTF-8, before guessing.
    """
    if not data:
        raise InputError("empty file")
    reason = sniff_binary(data[:64])
    if reason:
        raise InputError(reason)
    encoding = bom_encoding(data[:4])
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as e:
            raise InputError(f"undecodable bytes: invalid {encoding} at byte {e.start} "
                             f"after its byte-order mark") from e
        return _check_printable(text.lstrip("\ufeff"), encoding)
    if b"\x00" in data:
        return _decode_with_nuls(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared and declared not in ("utf-8", "utf-16", "utf-32"):
        try:
            return _check_printable(data.decode(declared), declared)
        except (UnicodeDecodeError, InputError):
            pass
    if _mostly_utf8(data):
        return data.decode("utf-8", errors="faultline-cp1252")
    return _decode_legacy(data)


def _decode_with_nuls(data: bytes) -> str:
    """UTF-16 without a byte-order mark has a NUL in every other byte of ASCII text."""
    sample = data[:_SNIFF]
    half = max(1, len(sample) // 2)
    odd_nuls, even_nuls = sample[1::2].count(0), sample[0::2].count(0)
    for share, other, encoding in ((odd_nuls, even_nuls, "utf-16-le"),
                                   (even_nuls, odd_nuls, "utf-16-be")):
        if share / half > 0.3 and other / half < 0.05 and len(data) % 2 == 0:
            try:
                return _check_printable(data.decode(encoding), encoding)
            except (UnicodeDecodeError, InputError):
                break
    raise InputError("binary file (contains NUL bytes), not text")


def _mostly_utf8(data: bytes) -> bool:
    """True when the bytes of valid multi-byte UTF-8 outnumber the bytes that are not UTF-8."""
    sample = data[:_SNIFF]
    text = sample.decode("utf-8", errors="surrogateescape")
    invalid = len(_ESCAPED.findall(text))
    high = len(sample) - len(sample.translate(None, _HIGH_BYTES))
    return high - invalid > invalid


def _decode_legacy(data: bytes) -> str:
    best = from_bytes(data[:_SNIFF]).best()
    if best is None:
        raise InputError("undecodable bytes: not UTF-8, and no known text encoding fits")
    encoding = best.encoding
    if encoding in _LATIN_FAMILY:
        encoding = _best_latin(data[:_SNIFF])
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as e:
        raise InputError(f"undecodable bytes: not UTF-8, and not {encoding} either "
                         f"(byte {e.start})") from e
    except LookupError as e:
        raise InputError(f"undecodable bytes: unknown encoding {encoding}") from e
    return _check_printable(text, encoding)


def _best_latin(sample: bytes) -> str:
    scores = []
    for rank, encoding in enumerate(_LATIN_CANDIDATES):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        scores.append((len(_STRAY.findall(text)), rank, encoding))
    return min(scores)[2] if scores else "latin_1"


def _check_printable(text: str, encoding: str) -> str:
    sample = text[:_SNIFF]
    controls = sum(1 for ch in sample if unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs")
                   and ch not in "\t\n\r\f\v")
    if sample and controls / len(sample) > _MAX_CONTROL_SHARE:
        raise InputError(f"undecodable bytes: read as {encoding} it is mostly control "
                         f"characters, not text")
    return text
