"""Report: the JSON export and the self-contained HTML report, built from the same view data.

Article text is untrusted input: the HTML is rendered by Jinja2 with autoescaping on, so a
`<script>` inside an article is shown as text and never runs.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from jinja2 import Environment, select_autoescape

from storylens.store import Store

# Analysis internals a reader of the export does not need (clustering features).
PRIVATE_ARTICLE_FIELDS = ("terms",)


def export(store: Store) -> dict[str, Any]:
    """The JSON contract: {"articles": [...], "stories": [...]} for the whole database."""
    articles = [
        {k: v for k, v in article.to_json().items() if k not in PRIVATE_ARTICLE_FIELDS}
        for article in store.articles()
    ]
    copies_of: dict[str, list[str]] = {}
    for copy_id, original_id in store.duplicates().items():
        copies_of.setdefault(original_id, []).append(copy_id)
    stories = []
    for story in store.stories():
        data = story.to_json()
        data["duplicates"] = [c for a in story.article_ids for c in copies_of.get(a, [])]
        stories.append(data)
    return {"articles": articles, "stories": stories}


def render_html(data: dict[str, Any], title: str = "storylens report", home: str | None = None) -> str:
    """One HTML file, no external assets: every story with its articles side by side. The web app
    renders one story's page with it (`title` the story's, `home` the link back to the list)."""
    environment = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    template = environment.from_string(resources.files("storylens").joinpath("report.html").read_text("utf-8"))
    articles = {a["id"]: a for a in data["articles"]}
    flagged = {
        (e["article_id"], e["sentence"])
        for story in data["stories"]
        for e in story["opinion"]
    }
    return template.render(stories=data["stories"], articles=articles, opinion=flagged, title=title, home=home)
