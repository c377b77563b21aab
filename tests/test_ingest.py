from __future__ import annotations

import json
from pathlib import Path

import pytest

from storylens.errors import InputError
from storylens.ingest import decode, ingest
from storylens.settings import Settings


def collect(paths, settings=Settings()):
    errors: list[InputError] = []
    documents = list(ingest(paths, settings, errors.append))
    return documents, errors


@pytest.mark.parametrize(
    "data, expected",
    [
        ("Zakharova said “no” — café".encode("utf-8"), "Zakharova said “no” — café"),
        ("\ufeffBOM text é".encode("utf-8"), "BOM text é"),
        ("UTF-16 text é".encode("utf-16"), "UTF-16 text é"),
        ("cp1252 “quotes” café".encode("cp1252"), "cp1252 “quotes” café"),
    ],
)
def test_decode_encodings(data: bytes, expected: str) -> None:
    assert decode(data, "f.txt") == expected


@pytest.mark.parametrize(
    "data, reason",
    [(b"", "empty file"), (b"  \n\n ", "empty file"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file")],
)
def test_decode_rejects(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        decode(data, "f.txt")


def test_directory_glob_and_formats(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("Title\n\nBody text here.")
    (tmp_path / "sub" / "b.html").write_text("<html><body><p>Hi</p></body></html>")
    (tmp_path / "notes.md").write_text("not an article")
    (tmp_path / "c.jsonl").write_text(
        json.dumps({"text": "One", "title": "T1", "url": "https://www.example.com/x", "outlet": "Ex"})
        + "\n{broken\n"
        + json.dumps({"html": "<p>Two</p>", "published": "2026-03-02"})
        + "\n"
    )
    documents, errors = collect([tmp_path])
    by_name = {Path(d.source_path).name: d for d in documents}
    assert set(by_name) == {"a.txt", "b.html", "c.jsonl:1", "c.jsonl:3"}
    assert by_name["b.html"].format == "html" and by_name["a.txt"].format == "text"
    assert by_name["c.jsonl:1"].outlet == "Ex" and by_name["c.jsonl:3"].published == "2026-03-02"
    assert [str(e) for e in errors] == [f"{tmp_path / 'c.jsonl'}:2: malformed JSON line (Expecting property name enclosed in double quotes)"]
    globbed, _ = collect([str(tmp_path / "**" / "*.html")])
    assert [Path(d.source_path).name for d in globbed] == ["b.html"]


def test_bad_files_are_reported_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Headline\n\nA sentence of body text.")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 2)
    (tmp_path / "big.txt").write_text("x" * 5000)
    (tmp_path / "bad.json").write_text("{not json")
    (tmp_path / "nothing.json").write_text(json.dumps([{"title": "no body"}]))
    documents, errors = collect([tmp_path], Settings(max_file_bytes=1000))
    assert [Path(d.source_path).name for d in documents] == ["good.txt"]
    reasons = {Path(e.path.split(":")[0]).name: e.reason for e in errors}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["binary.txt"].startswith("binary file")
    assert reasons["big.txt"].startswith("file too large")
    assert reasons["bad.json"].startswith("malformed JSON")
    assert "no non-empty 'text' or 'html'" in reasons["nothing.json"]


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    documents, errors = collect([tmp_path / "nope.txt"])
    assert documents == [] and errors[0].reason == "no such file or directory"


# --- RSS / Atom ----------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Harbour Herald</title><link>https://herald.example/</link>
<item><title>Storm closes harbour</title><link>https://herald.example/storm</link>
<pubDate>Tue, 03 Mar 2026 10:00:00 GMT</pubDate><description>Short teaser.</description>
<content:encoded><![CDATA[<p>A winter storm closed the harbour on Tuesday.</p><script>alert(1)</script>]]></content:encoded></item>
<item><title>Bridge to close</title><link>https://herald.example/bridge</link>
<description>The council voted to close the bridge for repairs.</description></item>
<item><title>Photo gallery</title><link>https://herald.example/photos</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Coast Wire</title>
<entry><title>Ferries resume</title><link href="https://wire.example/ferries"/>
<updated>2026-03-05T08:30:00Z</updated><summary type="html">&lt;p&gt;Ferries sailed again on Thursday.&lt;/p&gt;</summary></entry>
</feed>"""


def test_rss_items_become_documents_with_their_metadata(tmp_path: Path) -> None:
    (tmp_path / "herald.rss").write_text(RSS)
    documents, errors = collect([tmp_path])
    assert [d.title for d in documents] == ["Storm closes harbour", "Bridge to close"]
    storm, bridge = documents
    assert storm.format == "html" and "winter storm" in storm.content and "Short teaser" not in storm.content
    assert "<script" not in storm.content  # feedparser sanitises item HTML
    assert storm.url == "https://herald.example/storm" and storm.outlet == "Harbour Herald"
    assert storm.published == "2026-03-03T10:00:00Z" and storm.source_path.endswith("herald.rss#1")
    assert "close the bridge" in bridge.content  # no full content: the summary
    assert [(Path(e.path).name, e.reason) for e in errors] == [("herald.rss#3", "feed item has no text")]


def test_atom_feed_and_feed_sniffed_from_xml(tmp_path: Path) -> None:
    (tmp_path / "wire.xml").write_text(ATOM)
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?><urlset><url><loc>https://x.example/</loc></url></urlset>')
    documents, errors = collect([tmp_path])
    assert [(d.title, d.url, d.outlet, d.published) for d in documents] == [
        ("Ferries resume", "https://wire.example/ferries", "Coast Wire", "2026-03-05T08:30:00Z")]
    assert [(Path(e.path).name, e.reason) for e in errors] == [("sitemap.xml", "not an RSS or Atom feed")]


@pytest.mark.parametrize(
    "content, reason",
    [
        ('<rss version="2.0"><channel><title>x</title><item><title>y', "feed items have titles and links but no text"),
        ('<rss version="2.0"><<channel>>', "malformed feed"),
        ('<rss version="2.0"><channel><title>x</title></channel></rss>', "feed has no items"),
        ('<rss version="2.0"><channel><item><title>a</title><link>https://a.example/</link></item></channel></rss>',
         "feed items have titles and links but no text"),
    ],
)
def test_unusable_feeds_are_one_error(tmp_path: Path, content: str, reason: str) -> None:
    (tmp_path / "feed.rss").write_text(content)
    documents, errors = collect([tmp_path / "feed.rss"])
    assert documents == [] and len(errors) == 1 and errors[0].reason.startswith(reason)


# --- WARC ----------------------------------------------------------------------------------


def _warc(records: list[tuple[str, str, str, bytes]], gzip: bool = True) -> bytes:
    """A WARC of (uri, status, content type, body) response records, as a crawler writes it."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for uri, status, content_type, body in records:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))
    return buffer.getvalue()


PAGE = "<html><body><article><p>{} " + "The harbour stayed closed. " * 40 + "</p></article></body></html>"
CRAWL = [
    ("https://herald.example/storm", "200 OK", "text/html; charset=utf-8", PAGE.format("Storm café").encode("utf-8")),
    ("https://herald.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n"),
    ("https://herald.example/old", "301 Moved Permanently", "text/html", b"<html>moved</html>"),
    ("https://herald.example/bridge", "200 OK", "text/html; charset=windows-1252", PAGE.format("Bridge café").encode("cp1252")),
]


@pytest.mark.parametrize("gzip", [True, False])
def test_warc_html_pages_become_documents(tmp_path: Path, gzip: bool) -> None:
    name = "crawl.warc.gz" if gzip else "crawl.warc"
    (tmp_path / name).write_bytes(_warc(CRAWL, gzip=gzip))
    (tmp_path / "other.gz").write_bytes(b"not listed")  # a .gz that is not a WARC is no article file
    documents, errors = collect([tmp_path])
    assert errors == []
    assert [(d.url, d.format) for d in documents] == [
        ("https://herald.example/storm", "html"), ("https://herald.example/bridge", "html")]
    assert "Storm café" in documents[0].content and "Bridge café" in documents[1].content  # declared charsets
    assert documents[0].source_path == f"{tmp_path / name}#https://herald.example/storm"


@pytest.mark.parametrize("gzip", [True, False])
@pytest.mark.parametrize("keep", [0.45, 0.7, 0.97])
def test_truncated_warc_keeps_whole_pages_and_reports_the_cut(tmp_path: Path, gzip: bool, keep: float) -> None:
    pages = [(f"https://herald.example/{i}", "200 OK", "text/html", PAGE.format(f"Page {i}").encode()) for i in range(3)]
    data = _warc(pages, gzip=gzip)
    (tmp_path / "cut.warc").write_bytes(data[: int(len(data) * keep)])
    documents, errors = collect([tmp_path / "cut.warc"])
    assert len(errors) == 1 and errors[0].reason.startswith(("truncated or corrupt archive", "no HTML pages"))
    assert len(documents) < 3
    for number, document in enumerate(documents):
        assert document.content == PAGE.format(f"Page {number}")  # no half page goes on


def test_warc_with_padding_after_its_last_record_is_whole(tmp_path: Path) -> None:
    (tmp_path / "padded.warc").write_bytes(_warc(CRAWL, gzip=False) + b"\r\n\r\n\r\n")
    documents, errors = collect([tmp_path / "padded.warc"])
    assert errors == [] and len(documents) == 2


def test_file_that_is_not_a_warc(tmp_path: Path) -> None:
    (tmp_path / "random.warc.gz").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "header_only.warc").write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\n")
    documents, errors = collect([tmp_path])
    reasons = {Path(e.path).name: e.reason for e in errors}
    assert documents == []
    assert reasons["random.warc.gz"] == "not a WARC archive"
    assert reasons["header_only.warc"].startswith(("truncated or corrupt archive", "not a WARC archive"))
