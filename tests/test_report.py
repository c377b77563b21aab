from __future__ import annotations

from storylens.model import Article, Brief, Evidence, Fact, Sentence, Story, StoryEntity, StoryQuote
from storylens.report import export, render_html
from storylens.store import Store

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_report_escapes_untrusted_text_and_is_self_contained(fresh_store: Store) -> None:
    text = f"Officials met on Monday. {EVIL}"
    article = Article(
        id="a1", source_path="evil.html", title=f"Title {EVIL}", text=text, outlet=EVIL,
        removed=[EVIL], sentences=[Sentence(0, "Officials met on Monday.", 0, 24), Sentence(1, EVIL, 25, len(text))],
    )
    fresh_store.add_article(article, b"sig")
    brief = Brief(
        facts=[Fact(EVIL, ["a1"], [Evidence("a1", 1, EVIL)], "one")],
        quotes=[StoryQuote(EVIL, EVIL, "a1", 1)],
        entities=[StoryEntity(EVIL, "PERSON", [EVIL], ["a1"], roles=[EVIL])],
    )
    fresh_store.save_stories([Story("s1", EVIL, ["a1"], brief)], {})
    data = export(fresh_store)
    assert data["stories"][0]["facts"][0]["reported_by"] == ["a1"]
    page = render_html(data)
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;" in page
    assert "<link" not in page and ' src="' not in page and 'href="http' not in page  # no external assets
    assert 'id="a1-s1"' in page and 'href="#a1-s1"' in page  # evidence links to its sentence


def test_report_shows_quotes_apart_from_reported_statements(fresh_store: Store) -> None:
    article = Article(id="a1", source_path="a.txt", title="T", text="x", sentences=[Sentence(0, "x", 0, 1)])
    fresh_store.add_article(article, b"sig")
    brief = Brief(quotes=[
        StoryQuote("Maria Zakharova", "This is disinformation", "a1", 0, direct=True),
        StoryQuote("NBC News", "the talks took place in April", "a1", 0, direct=False),
    ])
    fresh_store.save_stories([Story("s1", "T", ["a1"], brief)], {})
    page = render_html(export(fresh_store))
    quotes, reported = page.split("<h3>Quotes</h3>")[1].split("<h3>Reported statements and positions</h3>")
    assert "“This is disinformation”" in quotes and "the talks took place" not in quotes
    assert "the talks took place in April" in reported and "“the talks" not in reported


def test_report_shows_a_persons_roles(fresh_store: Store) -> None:
    article = Article(id="a1", source_path="a.txt", title="T", text="x", sentences=[Sentence(0, "x", 0, 1)])
    fresh_store.add_article(article, b"sig")
    lavrov = StoryEntity("Sergei Lavrov", "PERSON", ["Sergei Lavrov", "Lavrov"], ["a1"], roles=["Russian Foreign Minister"])
    fresh_store.save_stories([Story("s1", "T", ["a1"], Brief(entities=[lavrov]))], {})
    data = export(fresh_store)
    assert data["stories"][0]["entities"][0]["roles"] == ["Russian Foreign Minister"]
    assert "<b>Sergei Lavrov</b> <span class=\"badge\">PERSON</span> — Russian Foreign Minister (also: Lavrov)" in render_html(data)


def test_report_marks_articles_shown_by_attachment(fresh_store: Store) -> None:
    """An article of a small story attached to a larger one (cluster.StoryClusterer._attach) is
    listed with the story and marked as attached, in the export and the HTML report."""
    for aid in ("a1", "a2", "a3"):
        fresh_store.add_article(Article(id=aid, source_path=f"{aid}.txt", title=f"T {aid}", text="x", sentences=[Sentence(0, "x", 0, 1)]), b"sig")
    fresh_store.save_stories([Story("s1", "T", ["a1", "a2", "a3"])], {}, parts={"a3": "s-small"})
    [story] = export(fresh_store)["stories"]
    assert story["article_ids"] == ["a1", "a2", "a3"] and story["attached_ids"] == ["a3"]
    assert fresh_store.story_parts() == {"s1": {"s1": ["a1", "a2"], "s-small": ["a3"]}}
    page = render_html(export(fresh_store))
    assert "3 articles · 1 of them attached" in page
    assert page.count('class="badge attached"') == 1 and page.index("T a3") < page.index('class="badge attached"')
