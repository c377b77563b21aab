"""Ingest: turn paths (files, directories, globs) into decoded `Document`s.

Formats: plain text, HTML, JSON / JSON Lines records, RSS / Atom feeds (one document per item
that carries text; feedparser) and WARC web archives (one document per archived HTML page;
warcio). Every problem with one file, line, item or record becomes an `InputError` passed to
`on_error` and only that part is skipped; the rest still comes through.
"""

from __future__ import annotations

import glob
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import feedparser
from charset_normalizer import from_bytes
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from storylens.errors import InputError
from storylens.model import Document, Format
from storylens.settings import Settings

TEXT_SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html"}
JSON_SUFFIXES = {".json", ".jsonl"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
WARC_SUFFIXES = (".warc", ".warc.gz")
SUPPORTED = set(TEXT_SUFFIXES) | JSON_SUFFIXES | FEED_SUFFIXES | {".warc", ".gz"}
HTML_TYPES = ("text/html", "application/xhtml+xml")
METADATA_KEYS = ("title", "url", "outlet", "published")

ErrorHandler = Callable[[InputError], None]


def expand_paths(paths: Iterable[str | os.PathLike[str]], on_error: ErrorHandler) -> list[Path]:
    """Files named by `paths`: a file as given, a directory recursively, a glob pattern.

    Directory and glob listings keep only the supported suffixes (a README beside the articles is
    not an article); a file named explicitly is always tried.
    """
    found: dict[Path, None] = {}  # ordered set
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            found[path] = None
        elif path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if _supported(child):
                    found[child] = None
        elif glob.has_magic(str(raw)):
            matches = [Path(m) for m in sorted(glob.glob(str(raw), recursive=True))]
            files = [m for m in matches if m.is_file() and _supported(m)]
            if not files:
                on_error(InputError(str(raw), "pattern matches no supported files"))
            found.update(dict.fromkeys(files))
        else:
            on_error(InputError(str(raw), "no such file or directory"))
    return list(found)


def _supported(path: Path) -> bool:
    suffix = path.suffix.lower()
    return suffix in SUPPORTED and (suffix != ".gz" or _is_warc(path))


def _is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def ingest(
    paths: Iterable[str | os.PathLike[str]], settings: Settings, on_error: ErrorHandler
) -> Iterator[Document]:
    """Yield a Document for every readable article in `paths`."""
    for path in expand_paths(paths, on_error):
        try:
            yield from read_file(path, settings, on_error)
        except InputError as error:
            on_error(error)


def read_file(path: Path, settings: Settings, on_error: ErrorHandler) -> Iterator[Document]:
    """Documents in one file. Raises InputError when the whole file is unusable."""
    name = str(path)
    suffix = path.suffix.lower()
    if _is_warc(path):
        yield from documents_from_warc(path, settings, on_error)  # streamed: archives are large
        return
    try:
        size = path.stat().st_size
        if size > settings.max_file_bytes:
            raise InputError(name, f"file too large ({size} bytes, limit {settings.max_file_bytes})")
        data = path.read_bytes()
    except OSError as error:
        raise InputError(name, f"cannot read file ({error.strerror or error})") from None
    text = decode(data, name)
    if suffix in JSON_SUFFIXES:
        yield from documents_from_json(text, name, on_error)
    elif suffix in FEED_SUFFIXES or suffix not in TEXT_SUFFIXES and looks_like_feed(text):
        yield from documents_from_feed(text, name, on_error)
    else:
        fmt: Format = TEXT_SUFFIXES.get(suffix, "html" if looks_like_html(text) else "text")  # type: ignore[assignment]
        yield Document(source_path=name, content=text, format=fmt)


def decode(data: bytes, name: str) -> str:
    """Decode bytes: BOM-marked UTF-8/16, else UTF-8, else cp1252, else a detected charset.

    Raises InputError for empty, binary or undecodable content.
    """
    if not data.strip():
        raise InputError(name, "empty file")
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return _checked_text(data.decode(codec), name)
            except UnicodeDecodeError:
                raise InputError(name, f"undecodable bytes (invalid {codec})") from None
    if b"\x00" in data[:8192]:
        raise InputError(name, "binary file (contains NUL bytes)")
    for codec in ("utf-8", "cp1252"):
        try:
            return _checked_text(data.decode(codec), name)
        except UnicodeDecodeError:
            continue
    best = from_bytes(data).best()
    if best is None:
        raise InputError(name, "undecodable bytes (no text encoding fits)")
    return _checked_text(str(best), name)


def _checked_text(text: str, name: str) -> str:
    """Reject decoded text that is mostly control characters (a binary file that happened to decode)."""
    sample = text[:8192]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    if control > max(8, len(sample) // 100):
        raise InputError(name, "binary file (control characters)")
    if not text.strip():
        raise InputError(name, "empty file")
    return text


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1024].lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def looks_like_feed(text: str) -> bool:
    """An RSS (0.9x, 1.0 RDF, 2.0) or Atom document, by its root element."""
    head = text.lstrip()[:2048].lower()
    return "<rss" in head or "<rdf:rdf" in head or "<feed" in head and "xmlns" in head


# --- RSS / Atom --------------------------------------------------------------------------------


def documents_from_feed(text: str, name: str, on_error: ErrorHandler) -> Iterator[Document]:
    """One HTML document per feed item that carries text (full content, else the summary), with
    the item's title, link and date and the feed's title as outlet. storylens does not fetch the
    linked pages (no network at run time): a feed of titles and links alone is an input error."""
    if not looks_like_feed(text):
        raise InputError(name, "not an RSS or Atom feed")
    feed = feedparser.parse(text)  # tolerant: a feed with an XML error still gives its items
    if not feed.entries:
        reason = f"malformed feed ({feed.get('bozo_exception')})" if feed.bozo else "feed has no items"
        raise InputError(name, reason)
    outlet = _as_text(feed.feed.get("title"))
    found = [(f"{name}#{i}", entry, _entry_text(entry)) for i, entry in enumerate(feed.entries, start=1)]
    if not any(content for _, _, content in found):
        raise InputError(name, "feed items have titles and links but no text (storylens does not fetch pages)")
    for where, entry, content in found:
        if not content:
            on_error(InputError(where, "feed item has no text"))
            continue
        yield Document(
            source_path=where, content=content, format="html", title=_as_text(entry.get("title")),
            url=_as_text(entry.get("link")), outlet=outlet, published=_entry_date(entry),
        )


def _entry_text(entry: Any) -> str | None:
    """The item's longest content (RSS content:encoded, Atom content), else its summary."""
    contents = [c.get("value", "") for c in entry.get("content", [])]
    best = max(contents, key=len, default="")
    text = best if best.strip() else entry.get("summary", "")
    return text if text and text.strip() else None


def _entry_date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed) if parsed else None


# --- WARC --------------------------------------------------------------------------------------


def documents_from_warc(path: Path, settings: Settings, on_error: ErrorHandler) -> Iterator[Document]:
    """One HTML document per archived page: `response` records with HTTP 200 (and `resource`
    records) whose content type is HTML, with the record's target URI as URL. Other records
    (requests, images, scripts, redirects, crawl metadata) are not articles and pass silently.
    A truncated or corrupt archive keeps the whole pages read before the damage and reports the
    rest (warcio itself stops quietly at a cut record, so its lengths are checked here)."""
    name = str(path)
    pages = 0
    try:
        with open(path, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            records = ArchiveIterator(stream)
            for record in _records(records, name, lambda: pages):
                where = f"{name}#{record.rec_headers.get_header('WARC-Target-URI') or pages + 1}"
                content = _warc_page(record, where, settings, on_error)
                _drain(record, name, pages)
                if content is not None:
                    pages += 1
                    yield Document(source_path=where, content=content, format="html",
                                   url=record.rec_headers.get_header("WARC-Target-URI"))
            if records.offset < size:
                raise InputError(name, f"truncated or corrupt archive after {pages} pages (unreadable bytes at the end)")
    except OSError as error:
        raise InputError(name, f"cannot read file ({error.strerror or error})") from None
    if not pages:
        raise InputError(name, "no HTML pages in the archive")


def _records(records: ArchiveIterator, name: str, pages: Callable[[], int]) -> Iterator[Any]:
    """The archive's records; warcio's parse errors (of any type, on damaged headers) become one
    InputError naming the file."""
    iterator = iter(records)
    while True:
        try:
            record = next(iterator)
        except StopIteration:
            return
        except ArchiveLoadFailed as error:
            reason = "not a WARC archive" if not records.offset else f"truncated or corrupt archive after {pages()} pages"
            raise InputError(name, reason) from None
        except Exception:  # noqa: BLE001 - on a cut or damaged header warcio raises AttributeError, ValueError, zlib.error ...
            raise InputError(name, f"truncated or corrupt archive after {pages()} pages") from None
        yield record


def _drain(record: Any, name: str, pages: int) -> None:
    """Read the rest of the record's block; a block shorter than its declared length was cut."""
    while record.raw_stream.read(1 << 16):
        pass
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise InputError(name, f"truncated or corrupt archive after {pages} pages (a record is cut short)")


def _warc_page(record: Any, where: str, settings: Settings, on_error: ErrorHandler) -> str | None:
    """The decoded HTML of an archived page, or None when the record is not one."""
    if record.rec_type not in ("response", "resource"):
        return None
    headers = record.http_headers
    if record.rec_type == "response" and (headers is None or headers.get_statuscode() != "200"):
        return None
    content_type = (headers.get_header("Content-Type") if headers else None) or record.rec_headers.get_header("Content-Type") or ""
    if not content_type.lower().startswith(HTML_TYPES):
        return None
    data = record.content_stream().read(settings.max_file_bytes + 1)
    if getattr(record.raw_stream, "limit", 0) > 0 and len(data) <= settings.max_file_bytes:
        return None  # cut short: `_drain` reports the damage, no half page goes on
    if len(data) > settings.max_file_bytes:
        on_error(InputError(where, f"archived page too large (over {settings.max_file_bytes} bytes)"))
        return None
    try:
        return _decode_declared(data, content_type, where)
    except InputError as error:
        on_error(error)
        return None


def _decode_declared(data: bytes, content_type: str, where: str) -> str:
    """Decode with the charset the server declared, else as any file (`decode`)."""
    charset = next((p.split("=", 1)[1].strip(' "\'') for p in content_type.split(";") if p.strip().lower().startswith("charset=")), None)
    if charset:
        try:
            return _checked_text(data.decode(charset), where)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common: detect instead
    return decode(data, where)


# --- JSON --------------------------------------------------------------------------------------


def documents_from_json(text: str, name: str, on_error: ErrorHandler) -> Iterator[Document]:
    """Articles in a JSON document (object or list of objects) or in JSON Lines.

    A malformed line in JSON Lines is reported with its line number and skipped.
    """
    stripped = text.strip()
    try:
        records: list[tuple[str, Any]] = [(name, json.loads(stripped))]
    except json.JSONDecodeError:
        records = list(_json_lines(stripped, name, on_error))
        if not records:
            raise InputError(name, "malformed JSON (no valid line)") from None
    items = [
        (f"{where}#{i}" if isinstance(value, list) and len(value) > 1 else where, item)
        for where, value in records
        for i, item in enumerate(value if isinstance(value, list) else [value], start=1)
    ]
    if not items:
        raise InputError(name, "no article objects (expected objects with 'text' or 'html')")
    for where, item in items:
        document = _document_from_record(item, where)
        if isinstance(document, InputError):
            on_error(document)
        else:
            yield document


def _json_lines(text: str, name: str, on_error: ErrorHandler) -> Iterator[tuple[str, Any]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield f"{name}:{number}", json.loads(line)
        except json.JSONDecodeError as error:
            on_error(InputError(f"{name}:{number}", f"malformed JSON line ({error.msg})"))


def _document_from_record(item: Any, where: str) -> Document | InputError:
    if not isinstance(item, dict):
        return InputError(where, "JSON value is not an object")
    metadata = {key: _as_text(item.get(key)) for key in METADATA_KEYS}
    for key, fmt in (("html", "html"), ("text", "text")):
        content = item.get(key)
        if isinstance(content, str) and content.strip():
            return Document(source_path=where, content=content, format=fmt, **metadata)  # type: ignore[arg-type]
    return InputError(where, "object has no non-empty 'text' or 'html'")


def _as_text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return str(value)
