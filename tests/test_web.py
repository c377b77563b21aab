"""The local web app: routes on a small database, and the pages as headless Chromium renders them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from storylens.model import Article, Brief, Conflict, Claim, Evidence, Fact, Sentence, Story, StoryEntity
from storylens.store import Store
from storylens.web import App, make_server

EVIL = '<script>document.title="pwned"</script><img src=x onerror="document.title=\'pwned\'">'


def _article(aid: str, title: str, outlet: str, published: str, *sentences: str) -> Article:
    text, spans, start = "", [], 0
    for i, sentence in enumerate(sentences):
        spans.append(Sentence(i, sentence, start, start + len(sentence)))
        text += sentence + " "
        start = len(text)
    return Article(id=aid, source_path=f"{aid}.txt", title=title, text=text.strip(), outlet=outlet,
                   published=published, sentences=spans)


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "web.db")
    store = Store(path)
    quake = [
        _article("a1", "Quake kills six in Italy", "Lantern Review", "2026-03-25", "Six people were killed.", EVIL),
        _article("a2", "Italian village wrecked", "Meridian Post", "2026-03-26", "Six people died in the quake."),
    ]
    ferry = [_article("b1", "Ferries resume", "Coast Wire", "2026-03-05", "Ferries sailed again on Thursday.")]
    for article in [*quake, *ferry]:
        store.add_article(article, article.id.encode())
    quake_brief = Brief(
        facts=[Fact("Six people were killed.", ["a1", "a2"], [Evidence("a1", 0, "Six people were killed."),
                                                            Evidence("a2", 0, "Six people died in the quake.")], "all")],
        conflicts=[Conflict("people killed", "number", [Claim("a1", 0, "Six people were killed.", "six"),
                                                          Claim("a2", 0, "Seven died.", "seven")])],
        entities=[StoryEntity("San Vitale", "GPE", ["San Vitale"], ["a1", "a2"])],
    )
    # a2 is shown in s1 by attachment (cluster.StoryClusterer._attach), not merged into it
    store.save_stories([Story("s1", "Quake kills six in Italy", ["a1", "a2"], quake_brief),
                        Story("s2", "Ferries resume", ["b1"], Brief())], {}, parts={"a2": "s-a2"})
    store.close()
    return path


def test_story_list_and_search(db: str) -> None:
    app = App(db)
    page = app("/").body.decode()
    assert 'href="/story/s1"' in page and 'href="/story/s2"' in page
    found = app("/?q=san+vitale").body.decode()  # an entity's name
    assert 'href="/story/s1"' in found and 'href="/story/s2"' not in found and "1 of 2 stories" in found
    assert page.count("(1 attached)") == 1  # s1 shows a2 by attachment, s2 nothing
    assert 'href="/story/s2"' in app("/?q=coast").body.decode()  # an outlet
    assert "No story matches" in app("/?q=volcano").body.decode()


def test_story_page_api_and_missing_pages(db: str) -> None:
    app = App(db)
    story = app("/story/s1")
    page = story.body.decode()
    assert story.status == 200 and "<title>Quake kills six in Italy</title>" in page and 'href="/"' in page
    assert 'id="a2-s0"' in page and "<script" not in page and "&lt;script&gt;" in page
    listed = json.loads(app("/api/stories").body)
    assert [(s["id"], s["articles"], s["attached"], s["conflicts"]) for s in listed] == [("s1", 2, 1, 1), ("s2", 1, 0, 0)]
    one = json.loads(app("/api/story/s1").body)
    assert [a["id"] for a in one["articles"]] == ["a1", "a2"] and one["stories"][0]["conflicts"][0]["kind"] == "number"
    assert app("/story/nope").status == 404 and app("/api/story/nope").status == 404 and app("/x").status == 404


# --- in a browser ---------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
# CI sets this (`.ci/run`; `make test` installs Debian's chromium where it can): there a missing
# browser fails the browser tests instead of skipping them.
BROWSER_REQUIRED = os.environ.get("STORYLENS_REQUIRE_BROWSER") == "1"
needs_browser = pytest.mark.skipif(CHROMIUM is None and not BROWSER_REQUIRED, reason="no Chromium on this machine")


@pytest.fixture
def server(db: str) -> Iterator[str]:
    httpd = make_server(db, port=0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def rendered(url: str, tmp_path: Path) -> str:
    """The DOM after Chromium loaded the page and ran whatever the page would run."""
    assert CHROMIUM is not None, "STORYLENS_REQUIRE_BROWSER=1 but no Chromium: `make test` installs Debian's chromium as root"
    # no background networking, updates or sync: the test machines have no internet
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'chromium'}",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
         "--disable-quic", "--virtual-time-budget=2000", "--dump-dom", url],
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr[-500:]
    return done.stdout


@needs_browser
def test_browser_lists_searches_and_opens_a_story(server: str, tmp_path: Path) -> None:
    listing = rendered(f"{server}/?q=quake", tmp_path)
    assert "1 of 2 stories match" in listing and 'href="/story/s1"' in listing
    story = rendered(f"{server}/story/s1", tmp_path)
    assert "<title>Quake kills six in Italy</title>" in story  # an article's script did not run
    assert "Six people died in the quake." in story and "pwned" not in story.split("<body")[0]
    assert "<img" not in story and "&lt;script&gt;" in story
    assert "2 articles · 1 of them attached" in story and story.count('class="badge attached"') == 1


@needs_browser
def test_browser_gets_a_page_for_a_missing_story(server: str, tmp_path: Path) -> None:
    assert "No story nope" in rendered(f"{server}/story/nope", tmp_path)
