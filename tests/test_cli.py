"""The command line: exit codes, one-line errors, idempotent and incremental runs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES, SEEDS
from storylens.cli import app

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, [*args], catch_exceptions=False)


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    return folder


def test_bad_files_reported_one_line_each_rest_lands(seeds_copy: Path, tmp_path: Path) -> None:
    (seeds_copy / "empty.txt").write_bytes(b"")
    (seeds_copy / "binary.html").write_bytes(b"\x00\x01\x02" * 100)
    (seeds_copy / "feed.jsonl").write_text('{"text": "A short but real article body about a council vote."}\n{oops\n')
    db = tmp_path / "x.db"
    result = invoke("analyze", str(seeds_copy), "--db", str(db), "--n-process", "1", "--json", str(tmp_path / "b.json"))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("storylens: skipped")]
    assert len(errors) == 3
    assert any("empty.txt: empty file" in line for line in errors)
    assert any("binary.html: binary file" in line for line in errors)
    assert any("feed.jsonl:2: malformed JSON line" in line for line in errors)
    assert "Traceback" not in result.output + result.stderr
    data = json.loads((tmp_path / "b.json").read_text())
    assert len(data["articles"]) == 3  # both seeds and the good JSONL line landed


def test_same_files_twice_add_nothing_and_new_files_attach(seeds_copy: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    first = seeds_copy / "000_b78857659bda7957.txt"
    second = seeds_copy / "002_e6e8435fa05a6fb5.txt"
    assert invoke("analyze", str(first), "--db", db, "--n-process", "1").exit_code == 0
    result = invoke("analyze", str(seeds_copy), "--db", db, "--n-process", "1", "--json", str(tmp_path / "a.json"))
    assert result.exit_code == 0
    assert "1 new articles" in result.stderr and "1 already known" in result.stderr
    again = invoke("analyze", str(seeds_copy), "--db", db, "--n-process", "1", "--json", str(tmp_path / "b.json"))
    assert "0 new articles" in again.stderr and "2 already known" in again.stderr
    before, after = (json.loads((tmp_path / f).read_text()) for f in ("a.json", "b.json"))
    assert before == after
    [story] = after["stories"]  # the later article joined the story the first one opened
    assert len(story["article_ids"]) == 2 and second.exists()


def test_nothing_usable_fails_with_exit_2(tmp_path: Path) -> None:
    result = invoke("analyze", str(tmp_path / "missing"), "--db", str(tmp_path / "x.db"))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].endswith("missing: no such file or directory")


def test_stories_and_show_need_a_database(tmp_path: Path) -> None:
    result = invoke("stories", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 2 and "no database" in result.stderr
    served = invoke("serve", "--db", str(tmp_path / "none.db"))
    assert served.exit_code == 2 and "no database" in served.stderr


def test_show_story_in_terminal(seeds_copy: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    invoke("analyze", str(seeds_copy), "--db", db, "--n-process", "1")
    listing = invoke("stories", "--db", db)
    story_id = next(word for word in listing.stdout.split() if word.startswith("s") and len(word) == 13)
    shown = invoke("show", story_id[:6], "--db", db)
    assert shown.exit_code == 0
    for heading in ("Facts", "Quotes", "Reported statements and positions", "Cited sources", "NBC News", "Maria Zakharova",
                    "People", "Russian Foreign Minister"):
        assert heading in shown.stdout
    quotes = shown.stdout.split("Reported statements")[0].split("Quotes")[1]
    assert "disinformation" in quotes and "Citing six sources" not in quotes  # a paraphrase is no quote
    assert invoke("show", "nope", "--db", db).exit_code == 2


def test_clean_command_writes_jsonl(tmp_path: Path) -> None:
    out = tmp_path / "clean.jsonl"
    result = invoke("clean", str(SEEDS), str(EXAMPLES / "articles" / "cpa-2026-03-03-a.html"), "--jsonl", str(out))
    assert result.exit_code == 0
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == 3
    for record in records:
        assert {"source_path", "title", "text", "removed"} <= set(record)
    assert "Subscribe Now" in records[0]["removed"] + records[1]["removed"]


def test_bad_settings_file_is_one_line(tmp_path: Path) -> None:
    config = tmp_path / "s.toml"
    config.write_text("[storylens]\nno_such_setting = 1\n")
    result = invoke("analyze", str(SEEDS), "--config", str(config), "--db", str(tmp_path / "x.db"))
    assert result.exit_code == 2 and "unknown setting" in result.stderr


def test_clean_reads_feed_items_and_archived_pages(tmp_path: Path) -> None:
    """An RSS feed and a WARC crawl of an example page: one clean article per item / page, with the
    page's URL; a truncated archive is one skipped line and exit code 1, its whole pages land."""
    from test_ingest import RSS, _warc

    from storylens.clean import clean_document
    from storylens.model import Document

    def clean_page(data: bytes) -> str:
        return clean_document(Document("page.html", data.decode("utf-8"), "html")).text

    page = (EXAMPLES / "articles" / "cpa-2026-03-03-a.html").read_bytes()
    crawl = _warc([("https://cpa.example/quake", "200 OK", "text/html; charset=utf-8", page)] * 2)
    (tmp_path / "herald.rss").write_text(RSS)
    (tmp_path / "crawl.warc.gz").write_bytes(crawl[: len(crawl) - 40])
    out = tmp_path / "clean.jsonl"
    result = invoke("clean", str(tmp_path / "herald.rss"), str(tmp_path / "crawl.warc.gz"), "--jsonl", str(out))
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["title"] for r in records[:2]] == ["Storm closes harbour", "Bridge to close"]
    assert len(records) == 3 and records[2]["url"] == "https://cpa.example/quake"
    assert records[2]["removed"] and records[2]["text"] == clean_page(page)  # as the page itself
    errors = [line for line in result.stderr.splitlines() if line.startswith("storylens: skipped")]
    assert result.exit_code == 1 and len(errors) == 2  # the RSS item without text, the cut archive
    assert any("crawl.warc.gz: truncated or corrupt archive after 1 pages" in line for line in errors)
