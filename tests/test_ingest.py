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
