from __future__ import annotations

import itertools
import math

from storylens.cluster import OpenStory, Profile, StoryClusterer, TermStatistics, pair_features, profile, publication_order
from storylens.model import Article, Brief, Mention, Story
from storylens.settings import Settings
from storylens.store import Store


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
    clusterer = StoryClusterer(settings, stats_for(articles))
    for a in publication_order(articles):
        clusterer.add(a)
    clusterer.merge_run()  # streaming then the merge pass, as `storylens analyze` runs
    return clusterer.assignments()  # the stories as shown, small ones attached


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


def test_default_window_keeps_a_days_later_report_apart() -> None:
    """Reports of one event come out within days; days later, the same words tell a new development."""
    next_day = cluster([article("x1", QUAKE_A + " hospital", "2026-03-03"), article("x2", QUAKE_A + " school", "2026-03-04")])
    assert next_day["x1"] == next_day["x2"]
    days_later = cluster([article("x1", QUAKE_A + " hospital", "2026-03-03"), article("x2", QUAKE_A + " school", "2026-03-07")])
    assert days_later["x1"] != days_later["x2"]


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
    assert averaged.pop("log_pairs") == math.log(2)  # the number of pairs averaged, not an average
    for name in averaged:
        assert math.isclose(averaged[name], (pairs[0][name] + pairs[1][name]) / 2, abs_tol=1e-9)


def test_quiet_story_leaves_the_index_but_undated_article_can_still_join() -> None:
    early = article("x1", QUAKE_A, "2026-03-03")
    other = article("y1", BUDGET, "2026-05-20")
    undated = article("x2", QUAKE_A + " hospital")
    stats = stats_for([early, other, undated])
    clusterer = StoryClusterer(Settings(), stats)
    first = clusterer.add(early)
    clusterer.add(other)  # moves the stream two months on: the quake story is closed
    assert first not in clusterer.candidates(profile(early, stats))
    assert clusterer.add(undated) == first


def test_archive_frees_the_oldest_closed_stories() -> None:
    early = article("x1", QUAKE_A, "2026-03-03")
    middle = article("z1", QUAKE_B, "2026-04-10")
    late = article("y1", BUDGET, "2026-05-20")
    undated = article("x2", QUAKE_A + " hospital")
    clusterer = StoryClusterer(Settings(), stats_for([early, middle, late, undated]), archive_stories=1)
    first = clusterer.add(early)
    clusterer.add(middle)  # closes the first quake story
    clusterer.add(late)  # closes the second: only it keeps its vectors
    closed = clusterer.stories[first]
    assert closed.member_ids == ["x1"] and not any(closed.sums.values()) and not closed.profiles
    assert clusterer.add(undated) != first


def stats_for(articles: list[Article]) -> TermStatistics:
    stats = TermStatistics()
    for a in articles:
        stats.add(a.terms)
    return stats


def test_story_pair_features_average_every_cross_pair() -> None:
    arts = [article("a1", QUAKE_A + " hospital"), article("a2", QUAKE_A + " school"), article("b1", QUAKE_B), article("b2", QUAKE_B + " port")]
    arts[0].terms["date:2024"] = 1
    arts[2].terms["date:2023"] = 1
    stats = stats_for(arts)
    p = [profile(a, stats) for a in arts]
    left, right = OpenStory("l"), OpenStory("r")
    for i, story in ((0, left), (1, left), (2, right), (3, right)):
        story.add(str(i), p[i], None)
    averaged = left.pair_features(right)
    pairs = [pair_features(p[i], p[j]) for i in (0, 1) for j in (2, 3)]
    assert averaged.pop("log_pairs") == math.log(4)
    for name in averaged:
        assert math.isclose(averaged[name], sum(f[name] for f in pairs) / 4, abs_tol=1e-9)


NEVER = 1.01  # a cluster_threshold no probability reaches: streaming alone never joins


def split_run(settings: Settings) -> tuple[StoryClusterer, dict[str, str]]:
    """Two articles of one event that streaming alone keeps apart (the joining threshold is out of
    reach), and an unrelated story."""
    arts = [article("a1", QUAKE_A + " hospital"), article("a2", QUAKE_A + " school"), article("c1", BUDGET)]
    clusterer = StoryClusterer(settings, stats_for(arts))
    return clusterer, {a.id: clusterer.add(a) for a in arts}


def test_merge_pass_joins_a_split_event_and_nothing_else() -> None:
    clusterer, first = split_run(Settings(cluster_threshold=NEVER, merge_threshold=0.5))
    assert first["a1"] != first["a2"]
    absorbed = clusterer.merge_run()
    assert absorbed == {first["a2"]: first["a1"]} or absorbed == {first["a1"]: first["a2"]}
    survivor = absorbed.get(first["a1"], first["a1"])
    assert sorted(clusterer.stories[survivor].member_ids) == ["a1", "a2"]
    assert set(clusterer.touched) == {survivor, first["c1"]} and first["c1"] in clusterer.stories


def test_new_story_merges_into_a_stored_one_which_keeps_its_id() -> None:
    old, new = article("a1", QUAKE_A + " hospital"), article("a2", QUAKE_A + " school")
    clusterer = StoryClusterer(Settings(cluster_threshold=NEVER, merge_threshold=0.5), stats_for([old, new]))
    clusterer.restore("s-stored", [old])
    clusterer.begin_run()
    opened = clusterer.add(new)
    assert opened != "s-stored"
    assert clusterer.merge_run() == {opened: "s-stored"}
    assert clusterer.stories["s-stored"].member_ids == ["a1", "a2"] and opened not in clusterer.stories


def test_stored_stories_the_run_did_not_both_touch_stay_apart() -> None:
    first, second = article("a1", QUAKE_A + " hospital"), article("a2", QUAKE_A + " school")
    clusterer = StoryClusterer(Settings(merge_threshold=0.5), stats_for([first, second]))
    clusterer.restore("s-one", [first])
    clusterer.restore("s-two", [second])
    clusterer.begin_run()
    assert clusterer.merge_run() == {}


def test_story_the_run_grew_absorbs_a_stored_piece_of_its_event() -> None:
    # An earlier run left the event in two stories; a new article joins one of them, and the merge
    # pass may now join the other to it (the run touched one of the two).
    first, second, third = article("a1", QUAKE_A + " hospital"), article("a2", QUAKE_A + " school"), article("a3", QUAKE_A + " bridge")
    clusterer = StoryClusterer(Settings(cluster_threshold=0.3, merge_threshold=0.5, merge_evidence=0.0), stats_for([first, second, third]))
    clusterer.restore("s-one", [first])
    clusterer.restore("s-two", [second])
    clusterer.begin_run()
    grown = clusterer.add(third)
    assert grown in ("s-one", "s-two")
    other = "s-two" if grown == "s-one" else "s-one"
    assert clusterer.merge_run() in ({other: grown}, {grown: other})


def test_merge_pass_keeps_similar_events_apart() -> None:
    arts = [
        article("a1", QUAKE_A + " hospital"), article("a2", QUAKE_A + " school"),
        article("b1", QUAKE_B + " port"), article("b2", QUAKE_B + " ferry"),
    ]
    final = cluster(arts, Settings())
    assert final["a1"] == final["a2"] and final["b1"] == final["b2"] and final["a1"] != final["b1"]


def test_common_terms_do_not_index_stories_once_the_stream_is_long() -> None:
    stats = TermStatistics()
    for i in range(1000):
        stats.add({"say": 1, f"ent:name{i}": 1})
    keys = profile(article("x", "say ent:name7"), stats).keys
    assert keys == ["ent:name7"]


def test_lead_names_index_a_round_up_post() -> None:
    """A round-up post names its first item in the lead, then weighs its other items' names more:
    the lead's names still index it, so it can meet the story of its first item."""
    items = " ".join(f"ent:item{i} ent:item{i}" for i in range(20))
    post = Article(id="p", source_path="p", title="p", text="", terms={**article("p", items).terms, "ent:tara reid": 1},
                   mentions=[Mention("Tara Reid", "PERSON", 0)] + [Mention(f"item{i}", "ORG", 5) for i in range(20)])
    stats = stats_for([post, article("q", "ent:tara reid rehab")])
    keys = profile(post, stats).keys
    assert "ent:tara reid" in keys and len(keys) == 13


def test_store_moves_members_and_deletes_the_absorbed_story_in_one_go() -> None:
    store = Store()
    for a in (article("a1", QUAKE_A), article("a2", QUAKE_A)):
        store.add_article(a, b"sig")
    one, two = (Story(id=i, title=i, article_ids=[m], brief=Brief()) for i, m in (("s1", "a1"), ("s2", "a2")))
    store.save_stories([one, two], {})
    merged = Story(id="s1", title="s1", article_ids=["a1", "a2"], brief=Brief())
    store.save_stories([merged], {}, ["s2"])
    assert store.story_members() == {"s1": ["a1", "a2"]} and [s.id for s in store.stories()] == ["s1"]


def test_merge_pass_never_joins_stories_without_a_shared_name() -> None:
    # Even at a merge bar any two quake stories pass, the merge pass keeps apart stories that
    # both name entities and share none, and still joins the split event.
    arts = [article(i, QUAKE_A + " " + extra) for i, extra in (("a1", "hospital"), ("a2", "school"))]
    arts += [article(i, QUAKE_B + " " + extra) for i, extra in (("b1", "port"), ("b2", "ferry"))]
    final = cluster(arts, Settings(cluster_threshold=NEVER, merge_threshold=0.0))
    assert final["a1"] == final["a2"] and final["b1"] == final["b2"] and final["a1"] != final["b1"]


def test_people_match_by_surname() -> None:
    # One outlet writes the full name, another only the surname: the people view sees one person.
    full = with_mentions(article("a1", QUAKE_A), ["Elena Markovic"], [])
    short = with_mentions(article("a2", QUAKE_A), ["Markovic"], [])
    other = with_mentions(article("b1", QUAKE_B), ["Tomas Ilic"], [])
    stats = stats_for([full, short, other])
    p = [profile(a, stats) for a in (full, short, other)]
    assert pair_features(p[0], p[1])["person"] > 0.99
    assert pair_features(p[0], p[2])["person"] == 0.0


def test_merge_pass_joins_stories_quoting_different_people() -> None:
    # Two reports of one quake that share the place but quote different officials: the people
    # differ, the entities do not, so the merge pass may join them.
    shared = "earthquake magnitude rescue aftershock kill collapse ent:valdora date:march_3"
    a1 = with_mentions(article("a1", shared + " ent:elena_markovic hospital"), ["elena_markovic"], ["valdora"])
    a2 = with_mentions(article("a2", shared + " ent:ivan_petrov school"), ["ivan_petrov"], ["valdora"])
    c1 = article("c1", BUDGET)
    final = cluster([a1, a2, c1], Settings(cluster_threshold=NEVER, merge_threshold=0.5))
    assert final["a1"] == final["a2"] != final["c1"]


def test_merge_pass_keeps_apart_stories_differing_in_who_and_where() -> None:
    # The trap at a merge bar any two quake stories pass: they share a background name (unesco)
    # but neither a person nor a place, so they stay apart; each event's two reports still join.
    shared = "earthquake magnitude rescue aftershock kill collapse ent:unesco"
    arts = [
        with_mentions(article("a1", shared + " ent:valdora ent:elena_markovic hospital"), ["elena_markovic"], ["valdora"]),
        with_mentions(article("a2", shared + " ent:valdora ent:elena_markovic school"), ["elena_markovic"], ["valdora"]),
        with_mentions(article("b1", shared + " ent:kestria ent:tomas_ilic port"), ["tomas_ilic"], ["kestria"]),
        with_mentions(article("b2", shared + " ent:kestria ent:tomas_ilic ferry"), ["tomas_ilic"], ["kestria"]),
    ]
    final = cluster(arts, Settings(cluster_threshold=NEVER, merge_threshold=0.0))
    assert final["a1"] == final["a2"] and final["b1"] == final["b2"] and final["a1"] != final["b1"]


def test_roundup_of_two_similar_events_does_not_chain_them() -> None:
    # A roundup naming both quakes passes the merge bar with each story: average link may put it
    # with one of them, but the story it joins is then, on average, unlike the other event.
    a = [with_mentions(article(f"a{i}", QUAKE_A + extra), ["elena_markovic"], ["valdora"]) for i, extra in ((1, " hospital"), (2, " school"))]
    b = [with_mentions(article(f"b{i}", QUAKE_B + extra), ["tomas_ilic"], ["kestria"]) for i, extra in ((1, " port"), (2, " ferry"))]
    roundup = with_mentions(article("r", QUAKE_A + " " + QUAKE_B), ["elena_markovic", "tomas_ilic"], ["valdora", "kestria"])
    arts = [*a, *b, roundup]
    final = cluster(arts, Settings(cluster_threshold=NEVER, merge_threshold=0.5))
    assert final["a1"] == final["a2"] and final["b1"] == final["b2"]
    assert final["a1"] != final["b1"]


def test_lead_words_view_reads_lead_terms_and_is_empty_for_old_articles() -> None:
    # What happened, in the lead's own words: a view of its own, not more weight in the lemma view.
    fresh = article("a1", QUAKE_A + " lead:earthquake lead:collapse")
    old = article("a2", QUAKE_A)  # stored before analyze emitted `lead:` terms
    stats = TermStatistics()
    for a in (fresh, old):
        stats.add(a.terms)
    new_profile, old_profile = profile(fresh, stats), profile(old, stats)
    assert set(new_profile.views["lead_words"]) == {"lead:earthquake", "lead:collapse"}
    assert not any(t.startswith("lead:") for t in new_profile.views["lemma"])
    assert new_profile.views["lemma"] == old_profile.views["lemma"]
    assert old_profile.views["lead_words"] == {}
    assert pair_features(new_profile, old_profile)["lead_words"] == 0.0
    assert pair_features(new_profile, new_profile)["lead_words"] > 0.99


def test_analyze_emits_lead_terms_for_the_first_sentences_only() -> None:
    from storylens.analyze import analyze
    from storylens.cluster import LEAD_SENTENCES

    lead = ["Earthquake hits the coast.", "Rescuers search collapsed buildings."]
    text = "\n".join(lead[:LEAD_SENTENCES] + ["Officials later praised the volunteers."])
    (done,) = analyze([Article(id="q", source_path="q", title="", text=text)], Settings(n_process=1))
    lead_terms = {t for t in done.terms if t.startswith("lead:")}
    assert "lead:earthquake" in lead_terms and "earthquake" in done.terms
    assert "volunteer" in done.terms and "lead:volunteer" not in lead_terms


def reference_average_link(profiles: dict[str, Profile], threshold: float) -> set[frozenset[str]]:
    """Batch average-link agglomeration over the model's pair probabilities (all pairs); a lone
    article's link is the mean over its LONE_ARTICLE_LINKS most probable pairs."""
    from storylens.cluster import LONE_ARTICLE_LINKS, probability

    clusters = [frozenset([i]) for i in profiles]

    def link(a: frozenset[str], b: frozenset[str]) -> float:
        scores = sorted((probability(pair_features(profiles[x], profiles[y])) for x in a for y in b), reverse=True)
        if min(len(a), len(b)) == 1:
            scores = scores[:LONE_ARTICLE_LINKS]
        return sum(scores) / len(scores)

    while len(clusters) > 1:
        score, a, b = max((link(a, b), a, b) for a, b in itertools.combinations(clusters, 2))
        if score < threshold:
            break
        clusters = [c for c in clusters if c not in (a, b)] + [a | b]
    return set(clusters)


# One quake reported in varied words (pair probabilities ~0.4-1.0), its twin, and a budget story.
VARIED = ["hospital school ent:ivan_petrov nurse doctor", "bridge mayor ent:elena_markovic road", "hospital ent:unesco tsunami wave coast",
          "school bridge date:march_3 pupil", "mayor ent:ivan_petrov port ship", "tsunami date:march_3 ferry harbour"]


def varied_quakes() -> list[Article]:
    shared = "earthquake magnitude rescue"
    arts = [with_mentions(article(f"a{i}", f"{shared} ent:valdora {extra}"), [], ["valdora"]) for i, extra in enumerate(VARIED)]
    arts += [
        with_mentions(article(f"b{i}", f"{shared} ent:kestria ent:tomas_ilic {extra}"), ["tomas_ilic"], ["kestria"])
        for i, extra in enumerate(("port ferry", "tsunami coast", "hospital nurse"))
    ]
    return arts + [article("c0", BUDGET), article("c1", BUDGET + " tram")]


def groups(final: dict[str, str]) -> set[frozenset[str]]:
    return {frozenset(i for i in final if final[i] == s) for s in set(final.values())}


def test_merge_pass_is_batch_average_link_over_article_pairs() -> None:
    # Streaming joins nothing here (the joining bar is out of reach), so the merge pass alone, with
    # a plain bar and no attachments, must build what batch average-link builds from the same pair
    # probabilities.
    arts = varied_quakes()
    settings = Settings(cluster_threshold=NEVER, merge_evidence=0.0, attach_threshold=NEVER)
    stats = stats_for(arts)
    expected = reference_average_link({a.id: profile(a, stats) for a in arts}, settings.merge_threshold)
    assert groups(cluster(arts, settings)) == expected
    assert {frozenset({"b0", "b1", "b2"}), frozenset({"c0", "c1"})} < expected  # the twin quake stays apart
    # average link left the first quake in pieces; attachments (at a margin these links clear) show
    # it whole, and at any margin the twin quake and the budget story stand apart
    first = frozenset(f"a{i}" for i in range(6))
    assert len([g for g in expected if g <= first]) > 1
    for margin in (0.15, Settings().attach_margin):
        shown = groups(cluster(arts, Settings(cluster_threshold=NEVER, merge_evidence=0.0, attach_margin=margin)))
        assert {frozenset({"b0", "b1", "b2"}), frozenset({"c0", "c1"})} < shown
        assert all(g <= first or not g & first for g in shown)
        assert margin != 0.15 or first in shown


def test_merge_bar_asks_more_of_a_link_over_few_pairs() -> None:
    # Two lone reports of one quake with a pair probability between the plain bar and the bar for
    # a single pair: only a plain average link joins them.
    from storylens.cluster import probability

    arts = [a for a in varied_quakes() if a.id in ("a0", "a1", "c0", "c1")]
    stats = stats_for(arts)
    pair = probability(pair_features(profile(arts[0], stats), profile(arts[1], stats)))
    settings = Settings(cluster_threshold=NEVER)
    assert settings.merge_threshold < pair < settings.merge_threshold + settings.merge_evidence
    assert cluster(arts, settings)["a0"] != cluster(arts, settings)["a1"]
    plain = cluster(arts, Settings(cluster_threshold=NEVER, merge_evidence=0.0))
    assert plain["a0"] == plain["a1"] != plain["c0"]


def test_merge_link_is_the_mean_probability_of_article_pairs() -> None:
    # Not the model over averaged features: the logistic of an average rates large, varied
    # stories lower than their articles do pairwise.
    from storylens.cluster import probability

    arts = [article("a1", QUAKE_A + " hospital"), article("a2", QUAKE_A + " school ent:unesco"), article("b1", QUAKE_A), article("b2", QUAKE_B)]
    stats = stats_for(arts)
    clusterer = StoryClusterer(Settings(cluster_threshold=NEVER), stats)
    ids = [clusterer.add(a) for a in arts]
    left, right = clusterer.stories[ids[0]], clusterer.stories[ids[2]]
    left.absorb(clusterer.stories[ids[1]])
    right.absorb(clusterer.stories[ids[3]])
    p = {a.id: profile(a, stats) for a in arts}
    expected = sum(probability(pair_features(p[x], p[y])) for x in ("a1", "a2") for y in ("b1", "b2")) / 4
    assert math.isclose(clusterer._link(left, right), expected, abs_tol=1e-12)
    assert not math.isclose(expected, probability(left.pair_features(right)), abs_tol=1e-3)


def _one_story_each(arts: list) -> tuple[StoryClusterer, dict[str, str], dict]:
    """A clusterer that put every article in a story of its own, the story ids and the profiles."""
    stats = stats_for(arts)
    profiles = {a.id: profile(a, stats) for a in arts}
    clusterer = StoryClusterer(Settings(cluster_threshold=NEVER), stats)
    return clusterer, {a.id: clusterer.add(a) for a in arts}, profiles


def test_lone_article_is_linked_by_its_closest_members() -> None:
    # A report close to three articles of a varied story and far from the others: its link is the
    # mean over those three, not over all members, which may clear a bar the plain mean misses.
    from storylens.cluster import LONE_ARTICLE_LINKS, probability

    clusterer, ids, p = _one_story_each(varied_quakes())
    story = clusterer.stories[ids["a1"]]
    for member in ("a2", "a3", "a4", "a5"):
        story.absorb(clusterer.stories[ids[member]])
    lone = clusterer.stories[ids["a0"]]
    pairs = sorted((probability(pair_features(p["a0"], p[m])) for m in story.member_ids), reverse=True)
    closest = sum(pairs[:LONE_ARTICLE_LINKS]) / LONE_ARTICLE_LINKS
    assert math.isclose(clusterer._link(lone, story), closest, abs_tol=1e-12)
    assert math.isclose(clusterer._link(story, lone), closest, abs_tol=1e-12)
    assert closest > sum(pairs) / len(pairs) + 0.05


def test_stories_of_several_articles_keep_the_mean_over_every_pair() -> None:
    # Only a lone article is linked by its closest members: a story of two is averaged over all its
    # pairs, so a loose member cannot pull two groups together.
    from storylens.cluster import probability

    clusterer, ids, p = _one_story_each(varied_quakes())
    pair, story = clusterer.stories[ids["a0"]], clusterer.stories[ids["a2"]]
    pair.absorb(clusterer.stories[ids["b0"]])
    for member in ("a3", "a4", "a5"):
        story.absorb(clusterer.stories[ids[member]])
    expected = sum(probability(pair_features(p[x], p[y])) for x in ("a0", "b0") for y in story.member_ids) / 8
    assert math.isclose(clusterer._link(pair, story), expected, abs_tol=1e-12)


# --- attachments: a small story shown in the larger story it clearly links to ---------------------

NO_MERGE = Settings(cluster_threshold=NEVER, merge_threshold=NEVER)


def links(monkeypatch, pairs: dict[tuple[str, str], float]) -> None:
    """Make the merge pass's link of two stories the mean of a table of article-pair scores."""

    def link(self, a: OpenStory, b: OpenStory) -> float:
        scores = [pairs.get((x, y), pairs.get((y, x), 0.0)) for x in a.member_ids for y in b.member_ids]
        return sum(scores) / len(scores)

    monkeypatch.setattr(StoryClusterer, "_link", link)


def quake_run(names: list[str], restored: dict[str, list[str]] | None = None) -> tuple[StoryClusterer, dict[str, str]]:
    """One run over articles of one vocabulary (they share key terms and names): `restored` stories
    first, then `names` each opening a story of its own (nothing joins or merges at NO_MERGE)."""
    arts = {n: article(n, QUAKE_A + " " + n) for n in names + [m for ms in (restored or {}).values() for m in ms]}
    clusterer = StoryClusterer(NO_MERGE, stats_for(list(arts.values())))
    for story_id, members in (restored or {}).items():
        clusterer.restore(story_id, [arts[m] for m in members])
    clusterer.begin_run()
    return clusterer, {n: clusterer.add(arts[n]) for n in names}


def test_small_story_is_shown_in_the_larger_story_it_clearly_links_to(monkeypatch) -> None:
    links(monkeypatch, {("x", "b1"): 0.7, ("x", "b2"): 0.6, ("x", "c1"): 0.3})
    clusterer, ids = quake_run(["x", "c1"], restored={"s-big": ["b1", "b2"]})
    assert clusterer.merge_run() == {}  # no merge: the link is below the merge bar
    assert clusterer.home(ids["x"]) == "s-big" and clusterer.home(ids["c1"]) == ids["c1"]
    assert clusterer.members("s-big") == ["b1", "b2", "x"]
    assert clusterer.parts("s-big") == {"s-big": ["b1", "b2"], ids["x"]: ["x"]}
    assert clusterer.assignments() == {"b1": "s-big", "b2": "s-big", "x": "s-big", "c1": ids["c1"]}
    assert set(clusterer.changed_homes()) == {"s-big", ids["c1"]}


def test_small_story_stays_apart_without_a_clear_winner(monkeypatch) -> None:
    # attach_margin (0.15) ahead of the runner-up, at attach_threshold (0.55) or more: a rival story
    # at 0.6 (margin 0.1) or a best link of 0.5 (margin 0.5) leaves it on its own; so does a best
    # story no larger than it.
    settings = Settings()
    assert settings.attach_margin > 0.1 and settings.attach_threshold > 0.5
    for pairs in ({("x", "b1"): 0.7, ("x", "b2"): 0.7, ("x", "c1"): 0.6}, {("x", "b1"): 0.5, ("x", "b2"): 0.5}):
        links(monkeypatch, pairs)
        clusterer, ids = quake_run(["x", "c1"], restored={"s-big": ["b1", "b2"]})
        clusterer.merge_run()
        assert clusterer.home(ids["x"]) == ids["x"] and clusterer.attached == {}
    links(monkeypatch, {("x", "c1"): 0.9})
    clusterer, ids = quake_run(["x", "c1"])
    clusterer.merge_run()
    assert clusterer.attached == {}


def test_attachment_is_decided_again_when_its_own_event_arrives(monkeypatch) -> None:
    # Run 1: the lone report of event Y has only the twin event's story to go to. Run 2 brings
    # Y's own reports (they merge): the lone report leaves the twin's story for theirs.
    links(monkeypatch, {("x", "b1"): 0.6, ("x", "b2"): 0.6, ("x", "y1"): 0.9, ("x", "y2"): 0.9, ("y1", "y2"): 0.99})
    arts = {n: article(n, QUAKE_A + " " + n) for n in ("b1", "b2", "x", "y1", "y2")}
    clusterer = StoryClusterer(Settings(cluster_threshold=NEVER), stats_for(list(arts.values())))
    clusterer.restore("s-twin", [arts["b1"], arts["b2"]])
    clusterer.begin_run()
    lone = clusterer.add(arts["x"])
    clusterer.merge_run()
    assert clusterer.home(lone) == "s-twin"
    clusterer.begin_run()
    first, second = clusterer.add(arts["y1"]), clusterer.add(arts["y2"])
    absorbed = clusterer.merge_run()
    own = absorbed.get(first, first) if first in absorbed else absorbed.get(second, first)
    assert clusterer.home(lone) == own and sorted(clusterer.members(own)) == ["x", "y1", "y2"]
    assert clusterer.members("s-twin") == ["b1", "b2"]
    assert {"s-twin", own} <= set(clusterer.changed_homes())


def test_pipeline_stores_attachments_and_moves_them_in_a_later_run(monkeypatch, tmp_path) -> None:
    """`storylens analyze` twice: the store keeps which story an attached one is (so the next run
    can restore it apart), and a later run moves it and rewrites both stories."""
    import storylens.pipeline as pipeline
    from storylens.pipeline import RunReport

    links(monkeypatch, {("x", "b1"): 0.6, ("x", "b2"): 0.6, ("b1", "b2"): 0.99, ("x", "y1"): 0.9, ("x", "y2"): 0.9, ("y1", "y2"): 0.99})
    monkeypatch.setattr(pipeline, "build_story", lambda story_id, arts, settings, encoder: Story(
        id=story_id, title=story_id, article_ids=[a.id for a in arts], brief=Brief()))
    settings = Settings(cluster_threshold=NEVER)
    store = Store(tmp_path / "db.sqlite")
    for name in ("b1", "b2", "x"):
        store.add_article(article(name, QUAKE_A + " " + name), b"sig")
    pipeline.update_stories(settings, store, RunReport())
    [story] = store.stories()
    assert sorted(story.article_ids) == ["b1", "b2", "x"]
    parts = store.story_parts()[story.id]
    assert len(parts) == 2 and sorted(parts[story.id]) == ["b1", "b2"]
    for name in ("y1", "y2"):
        store.add_article(article(name, QUAKE_A + " " + name), b"sig")
    pipeline.update_stories(settings, store, RunReport())
    members = {tuple(sorted(ids)) for ids in store.story_members().values()}
    assert members == {("b1", "b2"), ("x", "y1", "y2")}
    assert len(store.stories()) == 2
    store.close()


def test_attachment_needs_shared_words_not_only_shared_names(monkeypatch) -> None:
    # The same people and place, a clear link, but none of the story's words: another event of
    # the same people (political news), not shown in their story, unless the bar is off.
    links(monkeypatch, {("x", "b1"): 0.8, ("x", "b2"): 0.8})
    arts = [article("b1", QUAKE_A + " b1"), article("b2", QUAKE_A + " b2")]
    other_event = article("x", "ent:valdora ent:elena_markovic council budget fare vote")

    def shown_in(settings: Settings) -> str:
        clusterer = StoryClusterer(settings, stats_for(arts + [other_event]))
        clusterer.restore("s-big", arts)
        clusterer.begin_run()
        lone = clusterer.add(other_event)
        clusterer.merge_run()
        return clusterer.home(lone)

    assert shown_in(NO_MERGE) != "s-big"
    assert shown_in(NO_MERGE.with_overrides(attach_word_similarity=0.0)) == "s-big"
