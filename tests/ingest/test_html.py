"""HTML pages through trafilatura: text, title, author, date (with time), site name, url."""

from __future__ import annotations

import pytest

from faultline.errors import InputError
from faultline.ingest.html import extract_html, looks_like_html

from .helpers import only_article, read_all

PARA1 = ("Defence ministers of the alliance agreed on Wednesday to study new battlegroups for "
         "the south-east, a step they said was purely defensive.")
PARA2 = ("The ministers also asked their staff to report within a month on the readiness of "
         "forces already stationed in the region.")
PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Ministers weigh new battlegroups | Harbour Dispatch</title>
<meta property="og:title" content="Ministers weigh new battlegroups">
<meta property="og:site_name" content="Harbour Dispatch">
<meta name="author" content="Ana Costa">
<meta property="article:published_time" content="2022-02-16T18:20:00+01:00">
<link rel="canonical" href="https://example.org/world/battlegroups">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Ministers weigh new battlegroups</h1>
<p>{PARA1}</p><p>{PARA2}</p></article>
<footer>Subscribe to our newsletter for more.</footer>
</body></html>"""


def test_metadata_and_text_from_a_page():
    page = extract_html(PAGE)
    assert page.title == "Ministers weigh new battlegroups"
    assert page.authors == ["Ana Costa"]
    assert page.publisher == "Harbour Dispatch"
    assert page.url == "https://example.org/world/battlegroups"
    assert page.published == "2022-02-16T18:20:00+01:00"
    assert page.text == f"{PARA1}\n{PARA2}"


def test_html_file_becomes_an_article(tmp_path):
    path = tmp_path / "page.htm"
    path.write_text(PAGE, encoding="utf-8")
    article = only_article(read_all([path]))
    assert article.title == "Ministers weigh new battlegroups"
    assert "Subscribe" not in article.text and "Home" not in article.text
    assert article.text.startswith("Defence ministers")


def test_html_in_a_txt_file_is_recognised(tmp_path):
    path = tmp_path / "saved.txt"
    path.write_text(PAGE, encoding="utf-8")
    assert only_article(read_all([path])).authors == ["Ana Costa"]


def test_page_in_windows_1251_declared_in_meta(tmp_path):
    path = tmp_path / "ru.html"
    body = ("Министерство обороны сообщило, что часть подразделений возвращается в места "
            "постоянной дислокации после завершения учений.")
    page = (f'<html><head><meta charset="windows-1251"><title>Учения</title></head><body>'
            f"<article><p>{body}</p><p>{body}</p></article></body></html>")
    path.write_bytes(page.encode("cp1251"))
    article = only_article(read_all([path]))
    assert body in article.text and article.language == "ru"


def test_page_without_article_text():
    with pytest.raises(InputError, match="no article text found in HTML"):
        extract_html("<html><body><nav><a href='/'>Home</a> <a href='/a'>About us</a>"
                     "</nav></body></html>")


def test_looks_like_html():
    assert looks_like_html("  <!doctype html><html><body>x</body></html>")
    assert looks_like_html("<div><p>Only fragments</p></div>")
    assert not looks_like_html("Prices rose <5% in the <region>.")
