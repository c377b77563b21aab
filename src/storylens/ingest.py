"""Ingest: turn paths (files, directories, globs) into decoded `Document`s.

Every problem with one file becomes an `InputError` passed to `on_error` and the file is
skipped; the other files still come through.
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

from storylens.errors import InputError
from storylens.model import Document, Format
from storylens.settings import Settings

TEXT_SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html"}
JSON_SUFFIXES = {".json", ".jsonl"}
SUPPORTED = set(TEXT_SUFFIXES) | JSON_SUFFIXES
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
                if child.suffix.lower() in SUPPORTED:
                    found[child] = None
        elif glob.has_magic(str(raw)):
            matches = [Path(m) for m in sorted(glob.glob(str(raw), recursive=True))]
            files = [m for m in matches if m.is_file() and m.suffix.lower() in SUPPORTED]
            if not files:
                on_error(InputError(str(raw), "pattern matches no supported files"))
            found.update(dict.fromkeys(files))
        else:
            on_error(InputError(str(raw), "no such file or directory"))
    return list(found)


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
