"""Bytes to text: BOMs, legacy code pages, binary sniffing, undecodable input."""

from __future__ import annotations

import codecs

import pytest

from faultline.errors import InputError
from faultline.ingest.decode import decode_bytes, sniff_binary

from .helpers import only_article, read_all

ENGLISH = "Kyiv’s mayor said the café on the square reopened — “for now”, he added.\n"
RUSSIAN = ("Министерство обороны сообщило, что часть войск возвращается в казармы после "
           "учений. Западные правительства пока не видят признаков отвода.\n")
FRENCH = ("Les ministres se sont réunis à Genève. Ils ont déclaré que les négociations "
          "continueraient la semaine prochaine, malgré les désaccords.\n")


def test_utf8_with_bom(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + ENGLISH.encode("utf-8"))
    article = only_article(read_all([path]))
    assert article.text == ENGLISH.strip()
    assert not article.text.startswith("\ufeff")


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes(ENGLISH.encode("utf-16"))  # the codec writes a BOM
    assert only_article(read_all([path])).text == ENGLISH.strip()


def test_utf16_big_endian_with_bom_in_jsonl(tmp_path):
    path = tmp_path / "wide.jsonl"
    path.write_bytes(codecs.BOM_UTF16_BE + '{"id": "w", "text": "Talks resumed."}\n'
                     .encode("utf-16-be"))
    article = only_article(read_all([path]))
    assert (article.id, article.text) == ("w", "Talks resumed.")


def test_windows_1251_russian(tmp_path):
    path = tmp_path / "ru.txt"
    path.write_bytes(RUSSIAN.encode("cp1251"))
    article = only_article(read_all([path]))
    assert article.text == RUSSIAN.strip()
    assert article.language == "ru"


def test_latin1_french(tmp_path):
    path = tmp_path / "fr.txt"
    path.write_bytes(FRENCH.encode("latin-1"))
    assert only_article(read_all([path])).text == FRENCH.strip()


def test_latin1_english_short():
    assert decode_bytes("The naïve café owner paid £5.".encode("latin-1")) == (
        "The naïve café owner paid £5.")


def test_cp1252_curly_quotes():
    text = "Russia’s envoy – in Geneva – said “no”."
    assert decode_bytes(text.encode("cp1252")) == text


def test_utf8_with_stray_cp1252_bytes_keeps_the_utf8():
    data = "Kyiv’s mayor — again".encode() + b" said \x93enough\x94."
    assert decode_bytes(data) == "Kyiv’s mayor — again said “enough”."


def test_html_meta_charset_is_honoured():
    page = '<html><head><meta charset="windows-1251"></head><body>Война</body></html>'
    assert "Война" in decode_bytes(page.encode("cp1251"), declared="cp1251")


def test_utf16_without_bom_is_recognised():
    assert decode_bytes("Plain words in UTF-16.".encode("utf-16-le")) == "Plain words in UTF-16."


@pytest.mark.parametrize("data, kind", [
    (b"\x89PNG\r\n\x1a\n" + bytes(32), "PNG image"),
    (b"\xff\xd8\xff\xe0" + bytes(32), "JPEG image"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "PDF document"),
    (b"PK\x03\x04" + bytes(32), "ZIP archive"),
    (b"\x1f\x8b\x08\x00" + bytes(16), "gzip archive"),
])
def test_binary_signatures(data, kind):
    reason = sniff_binary(data)
    assert reason is not None and kind in reason
    with pytest.raises(InputError, match="binary file"):
        decode_bytes(data)


def test_nul_bytes_mean_binary():
    with pytest.raises(InputError, match=r"binary file \(contains NUL bytes\)"):
        decode_bytes(b"some words\x00\x01\x02 and \x00\xff\xfe more " * 20)


def test_control_noise_is_undecodable():
    with pytest.raises(InputError, match="undecodable bytes"):
        decode_bytes(bytes(range(128, 256)) * 20)


def test_plain_text_is_not_binary():
    assert sniff_binary(b"PNG is a picture format.") is None
