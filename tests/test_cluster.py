from __future__ import annotations

import math

from storylens.cluster import OpenStory, StoryClusterer, TermStatistics, pair_features, profile, publication_order
from storylens.model import Article, Mention
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


def with_mentions(a: Article, people: list[str], places: list[str]) -> Article:
    """Typed mentions as analyze gives them (first sentence = the lead)."""
    a.mentions = [Mention(name, "PERSON", 0) for name in people] + [Mention(name, "GPE", 0) for name in places]
    return a


def test_trap_with_typed_lead_entities() -> None:
    # Same kind of event, shared vocabulary and even a shared background name ("unesco"): the
    # people and places of the lead keep the two apart.
    shared = "earthquake magnitude rescue aftershock kill collapse ent:unesco"
    a1 = with_mentions(article("a1", shared + " ent:valdora ent:elena_markovic hospital"), ["elena_markovic"], ["valdora"])
    a2 = with_mentions(article("a2", shared + " ent:valdora ent:elena_markovic school"), ["elena_markovic"], ["valdora"])
    b1 = with_mentions(article("b1", shared + " ent:kestria ent:tomas_ilic port"), ["tomas_ilic"], ["kestria"])
    b2 = with_mentions(article("b2", shared + " ent:kestria ent:tomas_ilic ferry"), ["tomas_ilic"], ["kestria"])
    stories = cluster([a1, b1, a2, b2])
    assert stories["a1"] == stories["a2"] and stories["b1"] == stories["b2"]
    assert stories["a1"] != stories["b1"]


def test_story_average_equals_mean_of_pair_features() -> None:
    arts = [article("a1", QUAKE_A + " hospital"), article("a2", QUAKE_A + " school"), article("b1", QUAKE_B)]
    stats = TermStatistics()
    for a in arts:
        stats.add(a.terms)
    p = [profile(a, stats) for a in arts]
    story = OpenStory("s")
    story.add("a1", p[0], None)
    story.add("a2", p[1], None)
    averaged = story.features(p[2])
    pairs = [pair_features(p[2], p[0]), pair_features(p[2], p[1])]
    for name in averaged:
        assert math.isclose(averaged[name], (pairs[0][name] + pairs[1][name]) / 2, abs_tol=1e-9)


def test_quiet_story_leaves_the_index_but_undated_article_can_still_join() -> None:
    early = article("x1", QUAKE_A, "2026-03-03")
    other = article("y1", BUDGET, "2026-05-20")
    undated = article("x2", QUAKE_A + " hospital")
    stats = TermStatistics()
    for a in (early, other, undated):
        stats.add(a.terms)
    clusterer = StoryClusterer(Settings(), stats)
    first = clusterer.add(early)
    clusterer.add(other)  # moves the stream two months on: the quake story is closed
    assert first not in clusterer.candidates(profile(early, stats))
    assert clusterer.add(undated) == first
