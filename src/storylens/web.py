"""Web: a local web app over the database (`storylens serve`).

- `/` lists the stories, newest first, with a search box: a story matches when every word of
  the query is in its title, its facts, its people / organisations / places or its articles'
  titles and outlets;
- `/story/<id>` shows one story's brief with its articles side by side (the report's own page);
- `/api/stories` and `/api/story/<id>` give the same JSON as `storylens analyze --json`.

Written on the standard library's threading HTTP server: a local single-user app over SQLite
needs no framework, and its pages are the report's Jinja2 templates (autoescaped: article text
is untrusted input, a `<script>` in it is shown and never runs). Each request opens the database
on its own, so `storylens analyze` can add articles while the app runs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from jinja2 import Environment, select_autoescape

from storylens.model import Story
from storylens.report import PRIVATE_ARTICLE_FIELDS, render_html
from storylens.store import Store

_ENVIRONMENT = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes


class App:
    """The routes, as a function of the request path: testable without a socket."""

    def __init__(self, db: str) -> None:
        self.db = db
        self.routes: list[tuple[re.Pattern[str], Callable[..., Response]]] = [
            (re.compile(r"/"), self.index),
            (re.compile(r"/story/([\w-]+)"), self.story_page),
            (re.compile(r"/api/stories"), self.api_stories),
            (re.compile(r"/api/story/([\w-]+)"), self.api_story),
        ]

    def __call__(self, target: str) -> Response:
        url = urlsplit(target)
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        path = unquote(url.path).rstrip("/") or "/"
        for pattern, handler in self.routes:
            match = pattern.fullmatch(path)
            if match:
                return handler(*match.groups(), query=query)
        return _page(HTTPStatus.NOT_FOUND, f"No page at {path}.")

    # --- pages ------------------------------------------------------------------------------

    def index(self, query: dict[str, str]) -> Response:
        words = [w.casefold() for w in _WORD.findall(query.get("q", ""))]
        with _open(self.db) as store:
            stories, headers = store.stories(), store.article_headers()
        rows = [_summary(s, headers) for s in stories]
        shown = [row for row in rows if all(w in row["search"] for w in words)]
        template = _ENVIRONMENT.from_string(resources.files("storylens").joinpath("web_index.html").read_text("utf-8"))
        html = template.render(stories=shown, total=len(rows), query=query.get("q", ""), db=self.db)
        return Response(HTTPStatus.OK, "text/html; charset=utf-8", html.encode("utf-8"))

    def story_page(self, story_id: str, query: dict[str, str]) -> Response:
        data = self._story_data(story_id)
        if data is None:
            return _page(HTTPStatus.NOT_FOUND, f"No story {story_id} in {self.db}.")
        html = render_html(data, title=data["stories"][0]["title"], home="/")
        return Response(HTTPStatus.OK, "text/html; charset=utf-8", html.encode("utf-8"))

    def api_stories(self, query: dict[str, str]) -> Response:
        with _open(self.db) as store:
            stories, headers = store.stories(), store.article_headers()
        rows = [{k: v for k, v in _summary(s, headers).items() if k != "search"} for s in stories]
        return _json(rows)

    def api_story(self, story_id: str, query: dict[str, str]) -> Response:
        data = self._story_data(story_id)
        return _json(data) if data is not None else _json({"error": f"no story {story_id}"}, HTTPStatus.NOT_FOUND)

    def _story_data(self, story_id: str) -> dict[str, Any] | None:
        """The export's shape for one story: {"articles": its articles and copies, "stories": [it]}."""
        with _open(self.db) as store:
            story = store.story(story_id)
            if story is None:
                return None
            copies = [c for c, original in store.duplicates().items() if original in set(story.article_ids)]
            articles = store.articles(story.article_ids + copies)
        data = story.to_json()
        data["duplicates"] = copies
        return {
            "articles": [{k: v for k, v in a.to_json().items() if k not in PRIVATE_ARTICLE_FIELDS} for a in articles],
            "stories": [data],
        }


def _summary(story: Story, headers: dict[str, dict[str, str | None]]) -> dict[str, Any]:
    """One row of the story list, with the text a search looks through."""
    members = [headers[a] for a in story.article_ids if a in headers]
    outlets = sorted({m["outlet"] for m in members if m["outlet"]})
    dates = sorted(m["published"] for m in members if m["published"])
    brief = story.brief
    searchable = [story.title, *(f.text for f in brief.facts), *(e.name for e in brief.entities),
                  *(alias for e in brief.entities for alias in e.aliases), *(m["title"] or "" for m in members), *outlets]
    return {
        "id": story.id, "title": story.title, "articles": len(story.article_ids), "attached": len(story.attached_ids),
        "outlets": outlets,
        "conflicts": len(brief.conflicts), "first": dates[0] if dates else None, "last": dates[-1] if dates else None,
        "search": " ".join(searchable).casefold(),
    }


@contextmanager
def _open(db: str) -> Iterator[Store]:
    """A Store for one request, closed after it (SQLite connections are per thread)."""
    store = Store(db)
    try:
        yield store
    finally:
        store.close()


def _json(data: Any, status: int = HTTPStatus.OK) -> Response:
    return Response(status, "application/json", json.dumps(data, ensure_ascii=False).encode("utf-8"))


def _page(status: int, message: str) -> Response:
    html = _ENVIRONMENT.from_string(
        '<!doctype html><meta charset="utf-8"><title>storylens</title><p>{{ message }}</p><p><a href="/">All stories</a></p>'
    ).render(message=message)
    return Response(status, "text/html; charset=utf-8", html.encode("utf-8"))


# --- server --------------------------------------------------------------------------------------


def make_server(db: str, host: str = "127.0.0.1", port: int = 8765) -> ThreadingHTTPServer:
    """A server for the app (port 0 picks a free one); call `serve_forever()` on it."""
    app = App(db)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the standard library's name
            try:
                response = app(self.path)
            except Exception as error:  # noqa: BLE001 - one bad request must not stop the app
                response = _page(HTTPStatus.INTERNAL_SERVER_ERROR, f"Error: {error}")
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(response.body)))
            self.send_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
            self.end_headers()
            self.wfile.write(response.body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet: no line per request
            pass

    return ThreadingHTTPServer((host, port), Handler)
