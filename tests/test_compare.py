"""Compare stage: facts, summary, conflicts, entity merging, sources; plus the seed case."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np
import pytest

from storylens.compare import _about_other_known, _set_equal, _Unit, compare_story, is_named_source, is_party_statement, without_stray_marks
from storylens.conflicts import ConflictFinder, Statement as Stmt, load_parser
from storylens.entities import merge_entities
from storylens.model import Article, Citation, Mention, Quote, Sentence
from storylens.settings import Settings

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SETTINGS = Settings(n_process=1)


class BagOfWordsEncoder:
    """Deterministic stand-in for MiniLM: hashed word counts, L2-normalised."""

    def __init__(self) -> None:
        self.calls = 0

    def encode(self, sentences: list[str]) -> np.ndarray:
        self.calls += 1
        out = np.zeros((len(sentences), 256), dtype=np.float32)
        for row, text in enumerate(sentences):
            for word in re.findall(r"\w+", text.lower()):
                out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % 256] += 1
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def article(aid: str, *sentences: str, mentions=(), citations=(), quotes=(), opinion=()) -> Article:
    sents = [Sentence(i, s, 0, len(s), opinion=i in opinion) for i, s in enumerate(sentences)]
    return Article(
        id=aid, source_path=f"{aid}.txt", title=aid, text=" ".join(sentences), sentences=sents,
        mentions=[Mention(t, label, i) for t, label, i in mentions],
        citations=[Citation(*c) for c in citations],  # (name, sentence[, cue])
        quotes=[Quote(sp, text, i) for sp, text, i in quotes],
    )


@pytest.fixture(scope="module")
def finder() -> ConflictFinder:
    return ConflictFinder(load_parser(SETTINGS.spacy_model), lambda s: s)


# --- facts and summary -------------------------------------------------------------------------

SHARED = "The storm destroyed the old harbour bridge on the east side of town"


def test_facts_coverage_and_order():
    a = article("a", SHARED + ".", "The mayor visited the flooded school in the afternoon.", "Short line.")
    b = article("b", SHARED + " early today.", "The mayor visited the flooded school after lunch.")
    c = article("c", SHARED + ", officials said.", "Rescue teams pulled three fishermen from the sea.")
    brief = compare_story([a, b, c], SETTINGS, BagOfWordsEncoder())
    coverages = [f.coverage for f in brief.facts]
    assert coverages == sorted(coverages, key=["all", "some", "one"].index)
    top = brief.facts[0]
    assert top.coverage == "all" and sorted(top.reported_by) == ["a", "b", "c"]
    assert {(e.article_id, e.sentence) for e in top.evidence} == {("a", 0), ("b", 0), ("c", 0)}
    some = [f for f in brief.facts if f.coverage == "some"]
    assert len(some) == 1 and sorted(some[0].reported_by) == ["a", "b"]
    assert not any("Short line" in f.text for f in brief.facts)  # < 5 words, one article
    assert brief.summary[0].text == top.text
    assert len(brief.summary[0].evidence) == 3


def test_a_headline_and_the_lead_restating_it_are_one_fact():
    # Mutual best matches alone keep one of b's two wordings with a's sentence and drop the other.
    a = article("a", "Saints place Pierre Thomas on injured reserve list today.", "The weather was fine.")
    b = article("b", "Saints place Pierre Thomas on injured reserve list.",
                "The Saints place running back Pierre Thomas on injured reserve list today.",
                "Tickets for the next home game sold out.")
    brief = compare_story([a, b], SETTINGS, BagOfWordsEncoder())
    fact = next(f for f in brief.facts if ("a", 0) in {(e.article_id, e.sentence) for e in f.evidence})
    assert {(e.article_id, e.sentence) for e in fact.evidence} == {("a", 0), ("b", 0), ("b", 1)}
    assert fact.reported_by == ["a", "b"] and fact.coverage == "all"
    assert not any(("b", 2) in {(e.article_id, e.sentence) for e in f.evidence} for f in brief.facts if len(f.evidence) > 1)


def test_a_fact_holds_at_most_two_sentences_of_one_article():
    line = "Saints place Pierre Thomas on injured reserve list"
    a = article("a", line + " today.")
    b = article("b", line + ".", "The " + line + " today.", line + " on Wednesday.")
    brief = compare_story([a, b], SETTINGS, BagOfWordsEncoder())
    assert max(sum(e.article_id == "b" for e in f.evidence) for f in brief.facts) == 2
    assert sum(len(f.evidence) for f in brief.facts) == 4  # b's third wording is a fact of its own


def test_publication_stamps_of_different_days_are_no_fact():
    storm = "The storm destroyed the old harbour bridge on the east side of town."
    a = article("a", "Published July 28, 2004", storm)
    b = article("b", "Published July 29, 2004", storm)
    c = article("c", "Published July 28, 2004", storm)
    facts = [{(e.article_id, e.sentence) for e in f.evidence} for f in compare_story([a, b, c], SETTINGS, BagOfWordsEncoder()).facts]
    assert {("a", 0), ("c", 0)} in facts  # the same day twice: one stamp
    assert not any(("b", 0) in f and len(f) > 1 for f in facts)
    assert {("a", 1), ("b", 1), ("c", 1)} in facts


def test_summary_limit_and_evidence_point_at_sentences():
    a = article("a", *(f"Sentence number {w} talks about item {w} in detail." for w in "abcdefgh"))
    b = article("b", "Sentence number a talks about item a in detail.")
    brief = compare_story([a, b], SETTINGS, BagOfWordsEncoder())
    assert len(brief.summary) == SETTINGS.summary_sentences
    for statement in brief.summary:
        for e in statement.evidence:
            source = a if e.article_id == "a" else b
            assert source.sentences[e.sentence].text == e.text


def test_single_article_encodes_nothing():
    encoder = BagOfWordsEncoder()
    a = article("a", "The storm destroyed the old harbour bridge overnight.", "Wow.", opinion={1},
                citations=[("Reuters", 0)])
    brief = compare_story([a], SETTINGS, encoder)
    assert encoder.calls == 0
    assert [f.coverage for f in brief.facts] == ["one"]
    assert brief.opinion[0].sentence == 1
    assert brief.cited_sources[0].common is False and brief.conflicts == []


def test_common_source_note_and_speaker_names():
    a = article("a", "According to NBC News, the envoy met the minister in April.",
                mentions=[("Maria Zakharova", "PERSON", 0)], citations=[("NBC News", 0)],
                quotes=[("Maria Zakharova", "This is disinformation", 0)])
    b = article("b", "NBC reported that the envoy met the minister.", citations=[("NBC", 0)],
                mentions=[("Zakharova", "PERSON", 0)], quotes=[("Zakharova", "fake news", 0)])
    brief = compare_story([a, b], SETTINGS, BagOfWordsEncoder())
    (source,) = brief.cited_sources
    assert source.name == "NBC News" and source.common and sorted(source.article_ids) == ["a", "b"]
    assert any("NBC News" in n and "not independent" in n for n in brief.notes)
    assert {q.speaker for q in brief.quotes} == {"Maria Zakharova"}



def test_brief_quotes_have_speakers():
    a = article("a", "Smith is expected to win.", "Smith said he would win.",
                quotes=[(None, "Smith is expected to win", 0), ("John Smith", "he would win", 1)])
    brief = compare_story([a], SETTINGS, BagOfWordsEncoder())
    assert [(q.speaker, q.text) for q in brief.quotes] == [("John Smith", "he would win")]


def test_brief_quote_inside_a_longer_one_of_its_speaker_is_not_repeated():
    a = article("a", 'Vell said the cash position was "solid" and reports were "speculation".',
                quotes=[("Martin Vell", "the cash position was \"solid\" and reports were \"speculation\"", 0),
                        ("Martin Vell", "solid", 0), ("Martin Vell", "speculation", 0), ("Reuters", "solid", 0)])
    brief = compare_story([a], SETTINGS, BagOfWordsEncoder())
    assert [(q.speaker, q.text) for q in brief.quotes] == [
        ("Martin Vell", 'the cash position was "solid" and reports were "speculation"'), ("Reuters", "solid")]


def test_a_party_speaking_for_itself_in_every_article_is_not_a_primary_report():
    a = article("a", "The ministry confirmed that the talks took place.", "The airline denied it.",
                "According to the Herald, they met on 5 March.",
                citations=[("Ministry of Finance", 0, "confirmed"), ("Castellan Airways", 1, "denied"),
                           ("Harbour Herald", 2, "according to")])
    b = article("b", "The Ministry of Finance confirmed the meeting.", "Castellan Airways said at a briefing it held no talks.",
                "The Harbour Herald reported the talks on Tuesday.",
                citations=[("Ministry of Finance", 0, "confirmed"), ("Castellan Airways", 1, "said at a briefing"),
                           ("Harbour Herald", 2, "reported")])
    brief = compare_story([a, b], SETTINGS, BagOfWordsEncoder())
    assert [s.name for s in brief.cited_sources if s.common] == ["Harbour Herald"]
    assert sum("not independent" in n for n in brief.notes) == 1


def test_an_outlet_of_the_story_quoted_by_every_article_is_a_primary_report():
    a = article("a", "The Harbour Herald said the talks took place.", citations=[("Harbour Herald", 0, "said")])
    b = article("b", "The talks took place, the Harbour Herald said.", citations=[("Harbour Herald", 0, "said")])
    a.outlet = "Harbour Herald"
    brief = compare_story([a, b], SETTINGS, BagOfWordsEncoder())
    assert brief.cited_sources[0].common


def test_a_person_saying_something_is_a_quote_not_a_cited_source():
    a = article("a", "The bell tower fell onto a house, Ferrandi said.", "Rivadeneira said at a briefing that teams were out.",
                "According to the Herald, six died.",
                mentions=[("Lucia Ferrandi", "PERSON", 0), ("Tomás Rivadeneira", "PERSON", 1)],
                citations=[("Ferrandi", 0, "said"), ("Tomás Rivadeneira", 1, "said at a briefing"),
                           ("Harbour Herald", 2, "according to")])
    brief = compare_story([a], SETTINGS, BagOfWordsEncoder())
    assert {s.name for s in brief.cited_sources} == {"Tomás Rivadeneira", "Harbour Herald"}


def test_a_report_by_an_organisation_and_the_organisation_by_its_last_word_are_one_source():
    a = article("a", "A report by the Coastal Waters Monitoring Trust has concluded the beaches are polluted.",
                "Nine beaches failed, according to the trust.", "The council said work would start in autumn.",
                mentions=[("Coastal Waters Monitoring Trust", "ORG", 0), ("Port Ellery City Council", "ORG", 2)],
                citations=[("report by Coastal Waters Monitoring Trust", 0, "concluded"), ("trust", 1, "according to"),
                           ("council", 2, "said")])
    b = article("b", "The Coastal Waters Monitoring Trust found nine beaches failed.",
                mentions=[("Coastal Waters Monitoring Trust", "ORG", 0), ("Westmark Trust", "ORG", 0)],
                citations=[("Coastal Waters Monitoring Trust", 0, "found"), ("trust", 0, "said")])
    by_name = {s.name: s for s in compare_story([a], SETTINGS, BagOfWordsEncoder()).cited_sources}
    assert by_name["Coastal Waters Monitoring Trust"].aliases == ["report by Coastal Waters Monitoring Trust", "trust"]
    assert "Port Ellery City Council" in by_name
    two_trusts = {s.name for s in compare_story([a, b], SETTINGS, BagOfWordsEncoder()).cited_sources}
    assert "trust" in two_trusts  # which of two trusts is 'the trust' the words do not tell


def test_the_report_after_a_report_by_an_organisation_speaks_for_it():
    a = article("a", "The beaches failed, the report found.", "A report by the Coastal Waters Monitoring Trust was published.",
                "Most discharges came from storm overflows, the report said.",
                mentions=[("Coastal Waters Monitoring Trust", "ORG", 1)],
                citations=[("report", 0, "found"), ("report by Coastal Waters Monitoring Trust", 1, "published")],
                quotes=[("report", "The beaches failed", 0), ("report", "Most discharges came from storm overflows", 2)])
    brief = compare_story([a], SETTINGS, BagOfWordsEncoder())
    assert [q.speaker for q in brief.quotes] == ["report", "Coastal Waters Monitoring Trust"]  # none named before the first
    assert {s.name for s in brief.cited_sources} == {"report", "Coastal Waters Monitoring Trust"}


@pytest.mark.parametrize("cue, party", [
    ("denied", True), ("confirmed", True), ("said at a briefing", True), ("announced", True),
    ("according to", False), ("as reported by", False), ("reported", False), ("revealed", False),
    ("told", False), ("confirmed to", False), ("report by", False), ("found", False), ("", False),
])
def test_party_statement_cues(cue: str, party: bool):
    assert is_party_statement(cue) is party


def test_anonymous_sources_cited_by_all_are_not_a_common_primary_source():
    a = article("a", "Sources said the envoy met the minister in April.", citations=[("sources", 0)])
    b = article("b", "The envoy met the minister, sources told the paper.", citations=[("sources", 0)])
    brief = compare_story([a, b], SETTINGS, BagOfWordsEncoder())
    (source,) = brief.cited_sources
    assert sorted(source.article_ids) == ["a", "b"] and not source.common
    assert not any("not independent" in n for n in brief.notes)


@pytest.mark.parametrize(
    "name, named",
    [("NBC News", True), ("The Washington Post", True), ("Reuters", True), ("sources", False),
     ("US officials", False), ("a new poll", False), ("the report", False)],
)
def test_named_sources(name, named):
    assert is_named_source(name) is named


# --- conflicts ---------------------------------------------------------------------------------

NUMBER_CASES = [
    ("14 people were killed in the blast.", "21 people were killed in the blast.", True),
    ("Nearly 100 people were evacuated from the area.", "98 people were evacuated from the area.", False),
    ("Two soldiers died in the attack.", "2 soldiers died in the attack.", False),
    ("14 people were killed in the blast.", "Police said 14 people were killed in the blast.", False),
    ("The fire injured 30 people and destroyed 12 homes.", "The fire injured 30 people and destroyed 14 homes.", True),
    ("Three people were hurt and 40 homes were flooded.", "Three people were hurt, officials said.", False),
    ("Reid, 33, checked into rehab on Tuesday.", "Reid, 35, checked into rehab on Tuesday.", True),  # ages
    ("He was 75.", "He was 75.", False),
    ("Luck threw for 205 yards on Sunday.", "Luck threw for 274 yards on Sunday.", True),  # QUANTITY
    ("The new road is 5 km long.", "The new road is 5 miles long.", False),  # units never compared
]


@pytest.mark.parametrize("first, second, conflict", NUMBER_CASES)
def test_number_conflicts(finder, first, second, conflict):
    found = finder.find([[(Stmt("a", 0, first), Stmt("b", 0, second), 0.9)]], [], {})
    assert any(c.kind == "number" for c in found) is conflict


DATE_CASES = [
    ("The summit opened on March 3 in Geneva.", "The summit opened on March 5 in Geneva.", True),
    ("The summit opened on Monday in Geneva.", "The summit opened on March 5 in Geneva.", False),
    ("The summit opened on March 3 in Geneva.", "The summit opened on March 3, officials said.", False),
    ("He died on Saturday in Geneva.", "He died on Monday, July 24, in Geneva.", True),  # two weekdays
    ("His body was discovered on Tuesday.", "His body was found on Thursday.", True),  # main verbs
]


@pytest.mark.parametrize("first, second, conflict", DATE_CASES)
def test_date_conflicts(finder, first, second, conflict):
    found = finder.find([[(Stmt("a", 0, first), Stmt("b", 0, second), 0.9)]], [], {})
    assert any(c.kind == "date" for c in found) is conflict


def test_confirm_deny_conflict_names_both_sides(finder):
    stances = [
        Stmt("a", 0, "The ministry confirmed the meeting with the delegation."),
        Stmt("b", 3, "The embassy dismissed reports of the meeting as false."),
        Stmt("b", 4, "The weather was mild."),
    ]
    (conflict,) = finder.find([], stances, {})
    assert conflict.kind == "confirm_deny" and "meeting" in conflict.about
    values = sorted(c.value for c in conflict.claims)
    assert values == ["embassy: denied", "ministry: confirmed"]


@pytest.mark.parametrize("deny", [
    "The embassy did not deny the meeting with the delegation.",  # negated
    "The embassy denied the accusations of bribery.",  # about something else
])
def test_no_confirm_deny_conflict(finder, deny):
    stances = [Stmt("a", 0, "The ministry confirmed the meeting with the delegation."), Stmt("b", 0, deny)]
    assert finder.find([], stances, {}) == []


def test_near_copy_with_another_name_is_a_conflict():
    """An edited copy naming someone else is compared even though the names push MiniLM apart."""
    a = article("a", "Police said Harold Mbeki was arrested at the border crossing late on Sunday night.")
    b = article("b", "Police said Pieter Olsen was arrested at the border crossing late on Sunday night.")

    class NameHeavyEncoder(BagOfWordsEncoder):  # orthogonal rows: nothing aligns by cosine
        def encode(self, sentences):
            return np.eye(len(sentences), 256, dtype=np.float32)

    brief = compare_story([a, b], SETTINGS, NameHeavyEncoder())
    assert [c.kind for c in brief.conflicts] == ["name"]


def test_fragments_are_not_aligned():
    a = article("a", '"', "The storm destroyed the old harbour bridge on the east side of town.")
    b = article("b", '"', "Rescue teams pulled three fishermen from the sea.")
    brief = compare_story([a, b], SETTINGS, BagOfWordsEncoder())
    assert all(f.coverage == "one" for f in brief.facts)


def test_cached_encoder_encodes_each_sentence_once():
    from storylens.embed import CachedEncoder

    inner = BagOfWordsEncoder()
    encoder = CachedEncoder(inner, size=10)
    first = encoder.encode(["one sentence", "two sentence", "one sentence"])
    again = encoder.encode(["two sentence", "three"])
    assert encoder.encoded == 3 and inner.calls == 2
    assert np.allclose(first[1], again[0]) and np.allclose(first[0], first[2])


# --- entities ----------------------------------------------------------------------------------

def _entities(*mentions_per_article):
    arts = [article(f"a{i}", "x", mentions=[(t, label, 0) for t, label in ms])
            for i, ms in enumerate(mentions_per_article)]
    return merge_entities(arts)


@pytest.mark.parametrize("first, second, merged", [
    ([("Sergei Lavrov", "PERSON")], [("Sergey Lavrov", "PERSON"), ("Lavrov", "PERSON")], True),
    ([("John Smith", "PERSON")], [("Jane Smith", "PERSON")], False),
    ([("Katie Jenkin", "PERSON")], [("Kathryn Jenkin", "PERSON")], True),  # a nickname of the first name
    ([("Al Jenkin", "PERSON")], [("Alan Jenkin", "PERSON"), ("Albert Jenkin", "PERSON")], False),  # Al: Alan or Albert
    ([("NBC", "ORG")], [("NBC News", "ORG")], True),
    ([("the White House", "ORG")], [("White House's", "ORG")], True),
    ([("Lavrov", "ORG")], [("Sergei Lavrov", "PERSON")], True),  # spaCy label noise on a surname
    ([("Betty Ford Centre", "ORG")], [("Betty Ford Center", "ORG")], True),  # spelling variant
    ([("Mount Hood", "LOC")], [("Mount Cook", "LOC")], False),  # short words: not a variant
    ([("Vincent Gigante", "PERSON")], [("Vincent 'Chin' Gigante", "PERSON")], True),  # a nickname in quotes
    ([("Olympia Grippa", "PERSON")], [("Olympia", "PERSON")], True),  # the one person of that first name
    ([("Luis Gerardo Ortiz", "PERSON"), ("Ortiz", "PERSON")], [("Luis Gerardo", "PERSON")], True),  # cut short
    ([("Jon Owen", "PERSON")], [("Jon Owen Finally", "PERSON")], False),  # a mis-cut span: no surname
    ([("New York Times", "ORG")], [("Times", "ORG")], True),  # the one name ending so
    ([("New York Times", "ORG"), ("Los Angeles Times", "ORG")], [("Times", "ORG")], False),  # two of them
    ([("California", "GPE")], [("Calif.", "GPE")], True),  # an AP state abbreviation
    ([("Mount Cook", "LOC")], [("Mt Cook", "ORG")], True),  # an abbreviated word, whatever the tag
    ([("St. Petersburg", "GPE")], [("Saint Petersburg", "GPE")], True),
    ([("Main St.", "FAC")], [("Main Street", "FAC")], True),
])
def test_entity_merging(first, second, merged):
    index = _entities(first, second)
    names = {index.canonical(t) for t, _ in first + second}
    assert (len(names) == 1) is merged


def test_a_respelled_name_keeps_both_spellings_as_aliases():
    (entity,) = _entities([("Mount Cook", "LOC")], [("Mt Cook", "LOC"), ("MOUNT COOK", "LOC")]).entities
    assert set(entity.aliases) == {"Mount Cook", "Mt Cook"}  # not the dateline's capitals


def test_page_leftovers_are_no_entities_and_mis_cut_names_are_trimmed():
    index = _entities([("pic.twitter.com/4p7SXk7JPW", "PERSON"), ("@Ilhan", "ORG"), ("rang Taylor", "PERSON"),
                       ("Ministry of Trade, Industry and Energy (MOTIE", "ORG")], [("Tim Taylor", "PERSON")])
    names = {e.name for e in index.entities}
    assert names == {"Tim Taylor", "Ministry of Trade, Industry and Energy"}


def test_first_name_shared_by_two_people_stays_apart():
    index = _entities([("Olympia Grippa", "PERSON"), ("Olympia", "PERSON")], [("Olympia Esposito", "PERSON")])
    assert index.canonical("Olympia") == "Olympia"


def test_a_first_name_joins_its_person_though_a_headline_cut_the_name_long():
    index = _entities([("Ellen DeGeneres", "PERSON"), ("Ellen DeGeneres Returns", "PERSON")], [("Ellen", "PERSON")])
    assert index.canonical("Ellen") == "Ellen DeGeneres"


def test_a_person_is_named_without_the_words_one_mention_put_before_the_name():
    index = _entities([("Comedian Ellen DeGeneres", "PERSON")], [("Ellen DeGeneres", "PERSON"), ("DeGeneres", "PERSON")],
                      [("W. Mark Felt", "PERSON")], [("Mark Felt", "PERSON")])
    assert index.canonical("DeGeneres") == "Ellen DeGeneres"
    assert index.canonical("Mark Felt") == "W. Mark Felt"  # an initial is part of the name


def test_surname_shared_by_two_people_stays_apart():
    index = _entities([("John Smith", "PERSON"), ("Smith", "PERSON")], [("Jane Smith", "PERSON")])
    assert index.canonical("Smith") == "Smith"
    lavrov = _entities([("Sergei Lavrov", "PERSON")], [("Sergey Lavrov", "PERSON"), ("Lavrov", "PERSON")])
    (entity,) = lavrov.entities
    assert entity.name in {"Sergei Lavrov", "Sergey Lavrov"}
    assert set(entity.aliases) == {"Sergei Lavrov", "Sergey Lavrov", "Lavrov"}
    assert entity.article_ids == ["a0", "a1"]


# --- the seed case (real models) ---------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_brief():
    analyze = pytest.importorskip("storylens.analyze")
    from storylens.clean import clean_document
    from storylens.embed import load_encoder
    from storylens.ingest import ingest

    documents = list(ingest(sorted(SEEDS.glob("*.txt")), SETTINGS, on_error=_raise))
    articles = list(analyze.analyze([clean_document(d) for d in documents], SETTINGS))
    return articles, compare_story(articles, SETTINGS, load_encoder(SETTINGS))


def _raise(error: Exception) -> None:
    raise error


@pytest.mark.integration
def test_seed_brief(seed_brief):
    articles, brief = seed_brief
    ids = sorted(a.id for a in articles)
    assert len(ids) == 2
    lavrov = [e for e in brief.entities if e.name in {"Sergei Lavrov", "Sergey Lavrov"}]
    assert lavrov and {"Sergei Lavrov", "Sergey Lavrov"} <= set(lavrov[0].aliases)
    assert sorted(lavrov[0].article_ids) == ids
    zakharova = [q for q in brief.quotes if "disinformation" in q.text.lower() and q.speaker == "Maria Zakharova"]
    assert {q.article_id for q in zakharova} == set(ids)
    nbc = [s for s in brief.cited_sources if s.name == "NBC News"]
    assert nbc and nbc[0].common and sorted(nbc[0].article_ids) == ids
    assert any("NBC News" in n for n in brief.notes)
    assert any(f.coverage == "all" and "Haass" in f.text for f in brief.facts)
    assert any(f.coverage == "one" for f in brief.facts)
    assert any(c.kind == "confirm_deny" for c in brief.conflicts)


@pytest.mark.parametrize(
    "speaker, canonical",
    [("Mayor Lucia Ferrandi", "Lucia Ferrandi"), ("Ferrandi", "Lucia Ferrandi"), ("Dr. John Smith", "John Smith"),
     ("Smith", "Smith"), ("company spokesperson", "company spokesperson")],
)
def test_speaker_with_title_or_surname_names_the_one_person(speaker, canonical):
    from storylens.entities import EntityIndex
    from storylens.model import StoryEntity

    people = [StoryEntity(n, "PERSON", [n], ["a"]) for n in ("Lucia Ferrandi", "John Smith", "Jane Smith")]
    assert EntityIndex(people).canonical(speaker) == canonical  # two Smiths: "Smith" stays ambiguous


def test_entity_is_named_without_its_title_or_a_lowercase_lead_word():
    a = article("a", "x", mentions=[("Lucia Ferrandi", "PERSON", 0), ("national Civil Protection Department", "ORG", 0)],
                quotes=[("Mayor Lucia Ferrandi", "We are all safe", 0)])
    b = article("b", "x", mentions=[("Ferrandi", "PERSON", 0), ("Civil Protection Department", "ORG", 0)])
    names = {e.name for e in merge_entities([a, b]).entities}
    assert names == {"Lucia Ferrandi", "Civil Protection Department"}
    only_titled = article("c", "x", mentions=[("Councillor Graham Pettifer", "PERSON", 0), ("Pettifer", "PERSON", 1)])
    (councillor,) = merge_entities([only_titled]).entities
    assert councillor.name == "Graham Pettifer"


def test_an_unknown_place_opening_an_organisations_name_is_that_names_first_word():
    # 'with Agenzia Nova reporting' tagged the place 'Agenzia' and the organisation 'Nova'
    a = article("a", "x", mentions=[("Agenzia", "GPE", 0), ("Nova", "ORG", 0), ("Moscow", "GPE", 0),
                                    ("Los Angeles", "GPE", 1), ("Los Angeles Lakers", "ORG", 1)],
                citations=[("Agenzia Nova", 0, "reporting")])
    names = {(e.name, e.type) for e in merge_entities([a]).entities}
    assert ("Agenzia Nova", "ORG") in names and ("Moscow", "GPE") in names and ("Los Angeles", "GPE") in names
    assert not any(name == "Agenzia" for name, _ in names), names
    # a town the gazetteer lacks, named alone in another sentence, stays a place
    b = article("b", "x", "y", mentions=[("Zorbley", "GPE", 0), ("Zorbley Town Council", "ORG", 1)])
    assert ("Zorbley", "GPE") in {(e.name, e.type) for e in merge_entities([b]).entities}


def test_a_group_that_opens_a_sentence_is_no_speaker_entity():
    # 'Few have been urging peace publicly': the stance's speaker is capitalised, and no name
    a = article("a", "x", mentions=[("Zelensky", "PERSON", 0)], quotes=[("Few", "urging peace", 0), ("Zelensky", "We fight", 1)])
    assert {e.name for e in merge_entities([a]).entities} == {"Zelensky"}



def test_a_name_with_a_headline_s_words_after_it_is_not_the_entity_name():
    from storylens.entities import _canonical, _Surface

    forms = [_Surface("Lindsay Lohan Checks Into Rehab", "PERSON", 1), _Surface("Lindsay Lohan", "PERSON", 9),
             _Surface("Lohan", "PERSON", 5), _Surface("Lindsay", "PERSON", 2)]
    assert _canonical(forms) == "Lindsay Lohan"
    assert _canonical([_Surface("Mark Heller", "PERSON", 3), _Surface("Mark Jay Heller", "PERSON", 1)]) == "Mark Jay Heller"
    assert _canonical([_Surface("Cal Ripken", "PERSON", 3), _Surface("Cal Ripken Jr.", "PERSON", 1)]) == "Cal Ripken Jr."


def test_entity_takes_the_body_spelling_over_a_dateline_in_capitals_and_a_time_zone_is_none():
    a = article("a", "x", mentions=[("TALCA", "GPE", 0), ("Talca", "GPE", 3), ("GMT", "ORG", 3)])
    assert [e.name for e in merge_entities([a]).entities] == ["Talca"]


def test_company_short_name_tagged_person_joins_the_company_a_surname_does_not():
    a = article("a", "x", mentions=[("Castellan Airways", "ORG", 0), ("Castellan", "PERSON", 1), ("Helen Ashcombe", "PERSON", 2),
                                    ("Ashcombe", "PERSON", 3), ("Ashcombe Holdings", "ORG", 3)])
    by_name = {e.name: e for e in merge_entities([a]).entities}
    assert by_name["Castellan Airways"].aliases == ["Castellan", "Castellan Airways"]
    assert by_name["Helen Ashcombe"].type == "PERSON" and "Ashcombe Holdings" in by_name  # her surname stays hers


def test_named_cited_sources_are_entities_anonymous_ones_are_not():
    cited = article("a", "x", citations=[("Agenzia Nova", 0), ("six sources", 0), ("Four former officials", 0),
                                          ("Council on Foreign Relations", 0)])
    names = {e.name for e in merge_entities([cited]).entities}
    assert names == {"Agenzia Nova", "Council on Foreign Relations"}


# --- one differing name set equal --------------------------------------------------------------

HIRED = "Sources say Summit is about to hire Chris Weitz to direct the sequel."
HIRED_OTHER = "Summit is expected to hire Peter Olsen as director of the sequel, sources said on Monday."


def test_paraphrase_below_threshold_naming_another_person_is_a_name_conflict():
    """Cosine under 0.65 as written (the names differ), over it once b names a's person: one hire, two names."""
    a = article("a", HIRED, mentions=[("Chris Weitz", "PERSON", 0)])
    b = article("b", HIRED_OTHER, mentions=[("Peter Olsen", "PERSON", 0)])
    encoder = BagOfWordsEncoder()
    v = encoder.encode([HIRED, HIRED_OTHER, HIRED_OTHER.replace("Peter Olsen", "Chris Weitz")])
    assert float(v[0] @ v[1]) < SETTINGS.align_threshold <= float(v[0] @ v[2])
    brief = compare_story([a, b], SETTINGS, encoder)
    assert [(c.kind, [x.value for x in c.claims]) for c in brief.conflicts] == [("name", ["Chris Weitz", "Peter Olsen"])]


def _units(*texts: str) -> list[_Unit]:
    return [_Unit(k, str(k), 0, t) for k, t in enumerate(texts)]


@pytest.mark.parametrize("first, second, names, expected", [
    # the one unknown name of each side swapped
    ("Police arrested John Smith at the border crossing on Sunday.", "Border guards detained Peter Jones at the crossing.",
     ({"John Smith": "PERSON"}, {"Peter Jones": "PERSON"}), (1, "Border guards detained John Smith at the crossing.", True)),
    # a denial set to a confirmation
    ("Tara Reid checks into rehab at Promises.", 'It was denied: "Tara Reid has checked into Promises."', ({}, {}),
     (1, 'It was confirmed: "Tara Reid has checked into Promises."', False)),
    # the one side's plain negation dropped ("did not place" worded as the other side words it); a
    # hypothetical one is no stance
    ("The team did not place him on injured reserve.", "The team placed him on injured reserve on Monday.", ({}, {}),
     (0, "The team placed him on injured reserve.", False)),
    ("Payton said they placed Bush on injured reserve.", "Payton said they would not have placed Bush on injured reserve if still in the race.",
     ({}, {}), None),
    # a name only one side gives (here one spaCy took for a person) leaves the negation one statement ...
    ("Crews from Devon Fire have tackled a blaze at a supermarket.", "Dozens of firefighters did not tackle the blaze.",
     ({"Devon Fire": "PERSON"}, {}), (1, "Dozens of firefighters tackled the blaze.", False)),
    # ... but two people, one on each side, make it two statements
    ("John Smith did not sign the deal.", "Peter Jones signed the deal.",
     ({"John Smith": "PERSON"}, {"Peter Jones": "PERSON"}), None),
    # another value differs too: no copy with one value changed
    ("Police arrested John Smith at the border on Sunday.", "Guards detained Peter Jones at the border on Monday.",
     ({"John Smith": "PERSON"}, {"Peter Jones": "PERSON"}), None),
    # a place is not swapped: too many different facts of a story align then
    ("LaCalamita was arrested in Genesee County after a chase.", "Police chased LaCalamita before apprehending him near Bay City.",
     ({"Genesee County": "GPE"}, {"Bay City": "GPE"}), None),
    # a headline: spaCy's names there are unreliable ("Had Key Role")
    ("Frederick LaRue, 75; Had Key Role in Coverup With John Mitchell", "LaRue was at a meeting with John Smith about the coverup.",
     ({"John Mitchell": "PERSON"}, {"John Smith": "PERSON"}), None),
    # nothing else in common: a different fact about a different person
    ("Drew Brees is taking the snaps.", "The Saints signed DeShawn Wynn.", ({"Drew Brees": "PERSON"}, {"DeShawn Wynn": "PERSON"}), None),
])
def test_set_equal_rewrites_the_one_differing_name(first, second, names, expected):
    units = _units(first, second)
    known = {0: set(names[0]), 1: set(names[1])}
    assert _set_equal(0, 1, units, list(names), known, lambda s: None) == expected


@pytest.mark.parametrize("first, second, names, about_other", [
    # the same statement about two different players both articles know
    ("Smith rushed for 226 yards.", "Jones rushed for 101 yards.", ({"Smith": "PERSON"}, {"Jones": "PERSON"}), True),
    # both tell of the one person they open with; a known name in a side clause adds, not replaces
    ("W. Mark Felt, who leaked to reporters, died Thursday.", "W. Mark Felt, who helped bring down Richard Nixon, died on Tuesday.",
     ({"W. Mark Felt": "PERSON"}, {"W. Mark Felt": "PERSON", "Richard Nixon": "PERSON"}), False),
    # opening with different people: about another
    ("Richard Nixon resigned in 1974.", "W. Mark Felt, who helped bring down Richard Nixon, died on Tuesday.",
     ({"Richard Nixon": "PERSON"}, {"W. Mark Felt": "PERSON", "Richard Nixon": "PERSON"}), True),
])
def test_about_other_known_people(first, second, names, about_other):
    canon = {"Felt": "W. Mark Felt"}.get
    known = {0: {"Smith", "Jones", "W. Mark Felt", "Richard Nixon"}, 1: {"Smith", "Jones", "W. Mark Felt", "Richard Nixon"}}
    assert _about_other_known(0, 1, list(names), known, _units(first, second), canon) is about_other


def test_role_speaker_is_the_one_person_the_role_resolves_to() -> None:
    """"the president said" is Barack Obama where that article's lone role resolves to him; a quote
    then listed under both is listed once; a role two people hold, or another article's, stays."""
    from storylens.compare import _name_role_speakers
    from storylens.model import Role, StoryEntity, StoryQuote

    obama, earnest, kirby = (StoryEntity(n, "PERSON", [n], ["a"]) for n in ("Barack Obama", "Josh Earnest", "John Kirby"))
    links = [
        ("a", Role("the president", "president", None, 3, bound=False), obama),
        ("a", Role("the spokesman", "spokesman", None, 4, bound=False), earnest),
        ("a", Role("the spokesman", "spokesman", None, 6, bound=False), kirby),
    ]
    quotes = [
        StoryQuote("president", "We will act", "a", 3), StoryQuote("Barack Obama", "We will act", "a", 3),
        StoryQuote("spokesman", "No comment", "a", 4), StoryQuote("president", "Not now", "b", 1),
    ]
    named = _name_role_speakers(quotes, links)
    assert [(q.speaker, q.article_id) for q in named] == [("Barack Obama", "a"), ("spokesman", "a"), ("president", "b")]


def test_a_fact_read_out_of_a_longer_quotation_drops_its_stray_marks():
    assert without_stray_marks('"Sitting down with Lavrov were Richard Haass, officials said.') == (
        "Sitting down with Lavrov were Richard Haass, officials said.")
    assert without_stray_marks("'This is disinformation,' Zakharova told a news conference.\"") == (
        "'This is disinformation,' Zakharova told a news conference.")
    assert without_stray_marks("“It is over.") == "It is over."
    for paired in ("“It is over,” he said.", 'He said "no" twice.', "He said it was “over.”"):
        assert without_stray_marks(paired) == paired


class PlaceBlindEncoder:
    """A stand-in for MiniLM that weighs places as heavily as it does: a sentence with its names
    masked ("somewhere") is one meaning; any other sentence is its own."""

    def encode(self, sentences: list[str]) -> np.ndarray:
        out = np.zeros((len(sentences), 64), dtype=np.float32)
        for row, text in enumerate(sentences):
            out[row, 0 if "somewhere" in text else 1 + int(hashlib.md5(text.encode()).hexdigest(), 16) % 63] = 1.0
        return out


def test_leads_are_compared_on_the_event_with_their_places_masked():
    """'Voting … began in Turkmenistan' / 'The parliament election is over in Boston' (MiniLM 0.26 as
    written): whether two leads tell one event is asked apart from where each puts it."""
    a = article("a", "Voting for parliament began in Turkmenistan on Sunday.", mentions=[("Turkmenistan", "GPE", 0)])
    b = article("b", "The parliament election is over in Boston.", mentions=[("Boston", "GPE", 0)])
    found = [(c.kind, sorted(x.value for x in c.claims)) for c in compare_story([a, b], SETTINGS, PlaceBlindEncoder()).conflicts]
    assert found == [("place", ["Boston", "Turkmenistan"])]
