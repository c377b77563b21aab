from __future__ import annotations

from storylens.cluster import StoryClusterer, TermStatistics, publication_order
from storylens.model import Article
from storylens.settings import Settings


def article(article_id: str, terms: str, published: str | None = None) -> Article:
    counts: dict[str, int] = {}
    for term in terms.split():
        counts[term] = counts.get(term, 0) + 1
    return Article(id=article_id, source_path=article_id, title=article_id, text="", published=published, terms=counts)


# Two earthquakes: same vocabulary, different places, dates and people (the trap).
QUAKE_A = "earthquake magnitude rescue aftershock kill ent:valdora ent:elena_markovic date:march_3 collapse"
QUAKE_B = "earthquake magnitude rescue aftershock kill ent:kestria ent:tomas_ilic date:april_9 tsunami"
BUDGET = "council budget transport vote ent:harbour_city ent:mayor_lind date:monday fare"


def cluster(articles: list[Article], settings: Settings = Settings()) -> dict[str, str]:
    stats = TermStatistics()
    for a in articles:
        stats.add(a.terms)
    clusterer = StoryClusterer(settings, stats)
    return {a.id: clusterer.add(a) for a in publication_order(articles)}


def test_similar_events_stay_apart_same_event_joins() -> None:
    articles = [
        article("a1", QUAKE_A + " hospital"), article("a2", QUAKE_A + " school"),
        article("b1", QUAKE_B + " port"), article("b2", QUAKE_B + " ferry"),
        article("c1", BUDGET + " bus"), article("c2", BUDGET + " tram"),
    ]
    stories = cluster(articles)
    assert stories["a1"] == stories["a2"]
    assert stories["b1"] == stories["b2"]
    assert stories["c1"] == stories["c2"]
    assert len({stories["a1"], stories["b1"], stories["c1"]}) == 3


def test_quiet_story_takes_no_article_after_the_window() -> None:
    early = article("x1", QUAKE_A, "2026-03-03")
    late = article("x2", QUAKE_A, "2026-05-20")
    stories = cluster([early, late], Settings(story_window_days=7))
    assert stories["x1"] != stories["x2"]


def test_restored_story_takes_later_article() -> None:
    first, second = article("a1", QUAKE_A), article("a2", QUAKE_A + " hospital")
    stats = TermStatistics()
    for a in (first, second):
        stats.add(a.terms)
    clusterer = StoryClusterer(Settings(), stats)
    clusterer.restore("s-old", [first])
    assert clusterer.add(second) == "s-old"
