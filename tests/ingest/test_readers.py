"""Format choice and sniffing, and the bundled example articles read end to end."""

from __future__ import annotations

import json
import re
from pathlib import Path

import faultline
from faultline.model import Article, Failure, article_id_for
from faultline.options import Options

from .helpers import only_article, only_failure, read_all

EXAMPLES = Path(faultline.__file__).parent / "examples"
PROSE = ("Ministers said on Friday that the talks had been useful but that the main "
         "disagreements about the alliance remained unresolved.")


def test_file_without_suffix_holding_jsonl(tmp_path):
    path = tmp_path / "dump"
    path.write_text(json.dumps({"id": "n1", "text": PROSE}) + "\n"
                    + json.dumps({"id": "n2", "text": PROSE + " Again."}) + "\n", encoding="utf-8")
    assert [x.id for x in read_all([path])] == ["n1", "n2"]


def test_file_without_suffix_holding_one_pretty_printed_record(tmp_path):
    path = tmp_path / "record"
    path.write_text(json.dumps({"id": "p1", "text": PROSE}, indent=2), encoding="utf-8")
    assert only_article(read_all([path])).id == "p1"


def test_stdin_json_list():
    data = json.dumps([{"id": "s1", "text": PROSE}, {"text": ""}]).encode()
    first, second = read_all(["-"], stdin=data)
    assert isinstance(first, Article) and first.source == "-#1"
    assert isinstance(second, Failure) and second.reason == "record has empty text"


def test_stdin_text_starting_with_a_brace_is_text():
    text = "{Editor's note: updated.} " + PROSE
    assert only_article(read_all(["-"], stdin=text.encode())).text == text


def test_text_article_id_is_the_hash_of_the_body(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"A Short Headline\n\n{PROSE}\n", encoding="utf-8")
    article = only_article(read_all([path]))
    assert article.text == PROSE and article.id == article_id_for(PROSE)


# --- the bundled examples (written by the examples author; read here, never edited) -------


def test_examples_are_all_read_with_sensible_metadata():
    assert EXAMPLES.is_dir()
    items = read_all([EXAMPLES])
    failures = [x for x in items if isinstance(x, Failure)]
    assert not failures, failures
    assert len(items) >= 6
    for article in items:
        assert article.published, article.source
        assert article.text.strip() and not article.text[0].isspace()
        name = Path(article.source.split(":")[0]).name
        dated = re.match(r"(\d{4}-\d{2}-\d{2})_", name)
        if dated:
            assert article.published[:10] == dated.group(1), article.source
        if name.endswith(".html"):
            assert article.title and article.authors and article.publisher, article.source
            assert not article.text.startswith(article.title)
        if name.endswith(".jsonl"):
            assert article.id != article_id_for(article.text)  # the record's own id
            assert article.title and article.authors


def test_example_header_layouts():
    by_name = {Path(a.source).name: a for a in read_all([EXAMPLES / "*.txt"])}
    headed = [a for a in by_name.values() if a.title]
    assert headed, "no example with a title header"
    for article in headed:
        assert article.authors, article.source
        assert "Photo" not in article.text[:200]


# --- inputs at scale: gzipped JSONL, WARC crawls, RSS/Atom feeds, URLs ------------------

LONG_PROSE = (
    "The harbour authority said on Tuesday that two patrol boats had been moved to the "
    "northern pier after a week of protests by fishing crews.\n\n"
    "Officials from both ports described the talks as tense but said a second round would "
    "take place in the capital before the end of the month."
)


def _page(title: str, body: str, published: str | None = None) -> str:
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (f"<!doctype html><html><head><title>{title}</title>{meta}</head><body>"
            f"<nav>Home | World | Sport</nav><article><h1>{title}</h1>{paras}</article>"
            f"</body></html>")


def test_gzipped_jsonl_is_streamed_with_ids_and_line_numbers(tmp_path):
    import gzip

    path = tmp_path / "wire.jsonl.gz"
    lines = [json.dumps({"id": "g1", "text": PROSE, "published": "2022-02-20"}),
             "{not json",
             json.dumps({"id": "g2", "text": LONG_PROSE})]
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    first, bad, second = read_all([path])
    assert isinstance(first, Article) and first.id == "g1"
    assert first.published == "2022-02-20" and first.source.endswith("wire.jsonl.gz:1")
    assert isinstance(bad, Failure) and bad.line == 2 and "malformed JSON" in bad.reason
    assert isinstance(second, Article) and second.text == LONG_PROSE


def test_gzipped_jsonl_in_a_folder_walk_and_a_broken_gzip(tmp_path):
    import gzip

    with gzip.open(tmp_path / "a.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": "w1", "text": PROSE}) + "\n")
    (tmp_path / "b.jsonl.gz").write_bytes(b"\x1f\x8b\x08\x00 this is not deflate data")
    (tmp_path / "photos.tar.gz").write_bytes(b"ignored: not an article format")
    items = read_all([tmp_path])
    assert [type(x).__name__ for x in items] == ["Article", "Failure"]
    assert items[0].id == "w1"
    assert items[1].source.endswith("b.jsonl.gz") and "gzip" in items[1].reason


def _write_warc(path, records, gzipped=True):
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzipped)
        for uri, content_type, body, date in records:
            http = StatusAndHeaders("200 OK", [("Content-Type", content_type)],
                                    protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri, "response", payload=BytesIO(body.encode("utf-8")), http_headers=http,
                warc_headers_dict={"WARC-Date": date})
            writer.write_record(record)
            request = BytesIO(b"GET / HTTP/1.1\r\n\r\n")
            writer.write_record(writer.create_warc_record(uri, "request", payload=request))


def test_warc_html_responses_become_articles(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    _write_warc(path, [
        ("https://news.example/harbour", "text/html; charset=utf-8",
         _page("Boats moved to the pier", LONG_PROSE, "2022-02-21T09:30:00+00:00"),
         "2022-02-22T01:00:00Z"),
        ("https://news.example/logo.png", "image/png", "not html", "2022-02-22T01:00:01Z"),
        ("https://news.example/menu", "text/html", "<html><body><p>Home</p></body></html>",
         "2022-02-22T01:00:02Z"),
        ("https://news.example/undated", "text/html", _page("Second round of talks",
                                                            LONG_PROSE.replace("Tuesday",
                                                                               "Monday")),
         "2022-02-23T04:05:06Z"),
    ])
    items = read_all([path])
    assert [type(x).__name__ for x in items] == ["Article", "Failure", "Article"]
    first, menu, undated = items
    assert first.url == "https://news.example/harbour" and first.title == "Boats moved to the pier"
    assert first.published.startswith("2022-02-21T09:30")
    assert "patrol boats" in first.text and "Home | World" not in first.text
    assert "https://news.example/menu" in menu.reason
    assert undated.published.startswith("2022-02-23")  # the crawl time, as the page has none
    assert undated.url == "https://news.example/undated"


def test_plain_warc_and_a_file_that_is_not_warc(tmp_path):
    plain = tmp_path / "one.warc"
    _write_warc(plain, [("https://news.example/a", "text/html",
                         _page("Talks", LONG_PROSE), "2022-02-22T01:00:00Z")], gzipped=False)
    assert only_article(read_all([plain])).url == "https://news.example/a"
    bogus = tmp_path / "bogus.warc"
    bogus.write_text("just some words, not a crawl\n", encoding="utf-8")
    assert "WARC" in only_failure(read_all([bogus])).reason


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Gazette</title><link>{base}/</link>
<item><title>Boats moved to the pier</title><link>{base}/harbour</link>
<guid>{base}/harbour</guid><pubDate>Mon, 21 Feb 2022 09:30:00 +0100</pubDate>
<description>&lt;p&gt;Two patrol boats were moved on Monday.&lt;/p&gt;&lt;p&gt;Crews kept
protesting.&lt;/p&gt;</description></item>
<item><title>Nothing here</title><link>{base}/missing</link><description></description></item>
<item><title>Talks resume</title><link>{base}/talks</link>
<pubDate>Tue, 22 Feb 2022 10:00:00 GMT</pubDate>
<description>Officials said the second round of talks would resume in the capital.</description>
</item></channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Border Monitor</title>
<entry><title>Convoy seen near the crossing</title><id>urn:monitor:1</id>
<link href="https://monitor.example/convoy"/><updated>2022-02-19T06:00:00Z</updated>
<author><name>Ana Petrova</name></author>
<summary>Short version.</summary>
<content type="html">&lt;p&gt;A convoy of trucks was seen near the crossing early on Saturday,
residents said.&lt;/p&gt;</content>
</entry></feed>"""


def test_rss_file_items_become_articles(tmp_path):
    path = tmp_path / "gazette.rss"
    path.write_text(RSS.format(base="https://gazette.example"), encoding="utf-8")
    first, empty, third = read_all([path])
    assert isinstance(first, Article) and first.title == "Boats moved to the pier"
    assert first.url == "https://gazette.example/harbour" and first.publisher == "Harbour Gazette"
    assert first.published == "2022-02-21T08:30:00+00:00"
    assert first.text == "Two patrol boats were moved on Monday.\n\nCrews kept protesting."
    assert first.id == article_id_for("https://gazette.example/harbour")  # the guid, stable
    assert isinstance(empty, Failure) and empty.source.endswith("gazette.rss#2")
    assert isinstance(third, Article) and third.published.startswith("2022-02-22T10:00")


def test_atom_file_prefers_content_over_summary(tmp_path):
    path = tmp_path / "monitor.xml"  # .xml is sniffed: a feed root makes it a feed
    path.write_text(ATOM, encoding="utf-8")
    entry = only_article(read_all([path]))
    assert entry.text.startswith("A convoy of trucks") and entry.authors == ["Ana Petrova"]
    assert entry.url == "https://monitor.example/convoy" and entry.published.startswith(
        "2022-02-19T06:00")
    assert entry.id == article_id_for("urn:monitor:1")


class _Site:
    """A loopback HTTP server (127.0.0.1 only) serving fixed bodies by path."""

    def __init__(self, pages):
        import http.server
        import threading

        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the http.server hook name
                site.hits.append(self.path)
                found = site.pages.get(self.path)
                if found is None:
                    self.send_error(404)
                    return
                content_type, body = found
                data = body.encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.pages = pages
        self.hits: list[str] = []
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def test_rss_over_loopback_http_fetches_linked_pages():
    with _Site({}) as site:
        site.pages["/feed.rss"] = ("application/rss+xml", RSS.format(base=site.base))
        site.pages["/harbour"] = ("text/html", _page("Boats moved to the pier", LONG_PROSE))
        # /missing answers 404 and /talks is not served: their items keep the feed's text
        items = read_all([f"{site.base}/feed.rss"])
        assert {"/feed.rss", "/harbour", "/missing", "/talks"} <= set(site.hits)
    first, empty, third = items
    assert first.text.split() == LONG_PROSE.split()  # the linked page, longer than the summary
    assert first.published == "2022-02-21T08:30:00+00:00"  # the item's date, not the page's
    assert isinstance(empty, Failure) and "no text" in empty.reason
    assert third.text.startswith("Officials said the second round")


def test_feed_url_without_fetching_links_and_a_page_url():
    with _Site({}) as site:
        site.pages["/feed"] = ("text/xml", RSS.format(base=site.base))
        site.pages["/harbour"] = ("text/html", _page("Boats moved to the pier", LONG_PROSE))
        items = read_all([f"{site.base}/feed"], Options(fetch_links=False))
        assert site.hits == ["/feed"]
        assert items[0].text.startswith("Two patrol boats")
        page = only_article(read_all([f"{site.base}/harbour"]))
        assert page.title == "Boats moved to the pier" and page.url == f"{site.base}/harbour"
        gone = only_failure(read_all([f"{site.base}/nowhere"]))
        assert gone.source == f"{site.base}/nowhere" and "404" in gone.reason


def test_unreachable_url_is_one_failure():
    import socket

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    failure = only_failure(read_all([f"http://127.0.0.1:{port}/feed"], Options(fetch_timeout=2)))
    assert "cannot fetch" in failure.reason
