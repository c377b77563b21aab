"""Cluster: group articles into stories (one real-world event each), incrementally.

Two earthquakes share "magnitude" and "rescue" but not the place, the date or the people, so
an article is described by several views, each an L2-normalised TF-IDF vector: content lemmas,
named entities, dates, the entities of its lead (the headline and first sentence say what
happened), people, places, organisations, numbers and years. A small logistic model
(`cluster_model.json`, trained by `benchmarks/train_cluster_model.py` on ECB+ odd topics) turns
the per-view similarities into the probability that two articles report the same event.

Streaming: articles arrive in publication order; each joins the open story it most probably
belongs to, or opens one. The model reads the *average* similarity to the story's members
(average link, so one loose link cannot chain two events together); since the vectors are
normalised, the average cosine over members equals the dot product with the members' mean
vector, so scoring a story costs the same whatever its size. Candidate stories come from an
inverted index over each article's most distinctive terms, never from all stories, and a
story quiet for `story_window_days` leaves the index.
"""

from __future__ import annotations

import heapq
import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from importlib import resources

from storylens.model import Article, Mention
from storylens.settings import Settings

Vector = dict[str, float]

# Views read from `terms` by prefix; the others come from the typed `mentions`.
TERM_VIEWS = ("lemma", "entity", "date")
MENTION_VIEWS: dict[str, frozenset[str]] = {
    "person": frozenset({"PERSON"}),
    "place": frozenset({"GPE", "LOC", "FAC"}),
    "org": frozenset({"ORG"}),
}
NAMED = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC", "PRODUCT"})
NUMBERS = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT"})
VIEWS = (*TERM_VIEWS, "lead", *MENTION_VIEWS, "number", "year")
# Entities in the headline and first sentence (ECB+ texts and most scraped pages start with the
# headline): who and where the story is about, not who is mentioned in passing.
LEAD_SENTENCES = 2
# Terms per article that index its story for candidate look-up: enough to find a story sharing
# any distinctive name or word, few enough that posting lists stay short.
KEY_TERMS = 12
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


@lru_cache(maxsize=1)
def load_model() -> tuple[list[str], list[float], float]:
    """(feature names, coefficients, intercept) of the committed pairwise model."""
    data = json.loads(resources.files("storylens").joinpath("cluster_model.json").read_text())
    return data["features"], data["coefficients"], data["intercept"]


class TermStatistics:
    """Document frequencies, for inverse document frequency; grows as articles arrive."""

    def __init__(self) -> None:
        self.df: Counter[str] = Counter()
        self.n_docs = 0

    def add(self, terms: Iterable[str]) -> None:
        self.df.update(set(terms))
        self.n_docs += 1

    def idf(self, term: str) -> float:
        return math.log((1 + self.n_docs) / (1 + self.df[term])) + 1.0


def normalise(vector: Vector) -> Vector:
    norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
    return {t: w / norm for t, w in vector.items()}


def tfidf(counts: dict[str, int], stats: TermStatistics) -> Vector:
    """Sublinear TF x IDF, L2-normalised."""
    return normalise({t: (1.0 + math.log(c)) * stats.idf(t) for t, c in counts.items() if c > 0})


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def term_view(term: str) -> str:
    prefix, _, rest = term.partition(":")
    return prefix if rest and prefix in ("ent", "date") else "lemma"


def years_of(terms: Iterable[str]) -> set[str]:
    return {y for t in terms if t.startswith("date:") for y in YEAR.findall(t)}


def mention_counts(mentions: list[Mention], labels: frozenset[str], lead: bool = False) -> dict[str, int]:
    """Entity mentions as `ent:` terms (the spelling analyze uses in `terms`, so IDF is shared)."""
    return dict(Counter(f"ent:{m.text.lower()}" for m in mentions if m.label in labels and (not lead or m.sentence < LEAD_SENTENCES)))


@dataclass(slots=True)
class Profile:
    """One article's views, its years and its key terms for the candidate index."""

    views: dict[str, Vector]
    years: frozenset[str]
    keys: list[str]


def profile(article: Article, stats: TermStatistics) -> Profile:
    split: dict[str, dict[str, int]] = {"lemma": {}, "ent": {}, "date": {}}
    for term, count in article.terms.items():
        split[term_view(term)][term] = count
    views = {"lemma": tfidf(split["lemma"], stats), "entity": tfidf(split["ent"], stats), "date": tfidf(split["date"], stats)}
    mentions = article.mentions
    views["lead"] = tfidf(mention_counts(mentions, NAMED, lead=True), stats)
    for view, labels in MENTION_VIEWS.items():
        views[view] = tfidf(mention_counts(mentions, labels), stats)
    # Numbers and years are not weighted by IDF: "10 killed" is as telling in any collection.
    views["number"] = normalise({m.text.lower(): 1.0 for m in mentions if m.label in NUMBERS})
    years = frozenset(years_of(article.terms))
    views["year"] = normalise(dict.fromkeys(years, 1.0))
    weighted = {**views["lemma"], **views["entity"]}
    keys = sorted(weighted, key=lambda t: -weighted[t])[:KEY_TERMS]
    return Profile(views, years, keys)


def pair_features(a: Profile, b: Profile) -> dict[str, float]:
    """Per-view cosines, plus 1.0 when both name years and none in common (different events)."""
    features = {view: cosine(a.views[view], b.views[view]) for view in VIEWS}
    features["year_conflict"] = 1.0 if a.years and b.years and not a.years & b.years else 0.0
    return features


def probability(features: dict[str, float]) -> float:
    names, coefficients, intercept = load_model()
    z = intercept + sum(c * features[n] for n, c in zip(names, coefficients))
    return 1.0 / (1.0 + math.exp(-z))


def parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=None)


@dataclass
class OpenStory:
    """A story's members and the sums of their view vectors (mean = sum / size)."""

    id: str
    member_ids: list[str] = field(default_factory=list)
    sums: dict[str, Vector] = field(default_factory=lambda: {view: {} for view in VIEWS})
    year_counts: Counter[str] = field(default_factory=Counter)
    with_years: int = 0
    last_seen: datetime | None = None

    def features(self, article: Profile) -> dict[str, float]:
        """Average of `pair_features` over the members, in time independent of the story's size."""
        n = len(self.member_ids)
        features = {view: cosine(article.views[view], self.sums[view]) / n for view in VIEWS}
        # Members sharing a year with the article: summing over its years over-counts a member
        # that shares two, hence the cap (articles rarely name more than one or two years).
        sharing = min(self.with_years, sum(self.year_counts[y] for y in article.years))
        features["year_conflict"] = (self.with_years - sharing) / n if article.years else 0.0
        return features

    def add(self, article_id: str, article: Profile, published: datetime | None) -> None:
        self.member_ids.append(article_id)
        for view in VIEWS:
            total = self.sums[view]
            for term, weight in article.views[view].items():
                total[term] = total.get(term, 0.0) + weight
        self.year_counts.update(article.years)
        self.with_years += bool(article.years)
        if published and (self.last_seen is None or published > self.last_seen):
            self.last_seen = published


def story_id_for(first_article_id: str) -> str:
    return "s" + first_article_id[:12]


class StoryClusterer:
    """Streaming clusterer: `add(article)` returns the id of the story it joined or opened."""

    def __init__(self, settings: Settings, stats: TermStatistics) -> None:
        self.settings = settings
        self.stats = stats
        self.stories: dict[str, OpenStory] = {}
        self._postings: dict[str, set[str]] = {}  # key term -> ids of open stories holding it
        # Key term -> ids of stories that went quiet: only an undated article (which the window
        # cannot place) looks there, so dated articles never pay for the stream's history.
        self._archive: dict[str, set[str]] = {}
        self._keys: dict[str, set[str]] = {}  # story id -> its key terms (to leave the index)
        self._expiry: list[tuple[datetime, str]] = []  # (last seen, story id), oldest first
        self._newest: datetime | None = None

    def restore(self, story_id: str, members: list[Article]) -> None:
        """Re-open a stored story so later articles can join it."""
        self.stories.setdefault(story_id, OpenStory(story_id))
        for article in members:
            self._join(story_id, article.id, profile(article, self.stats), parse_date(article.published))

    def add(self, article: Article) -> str:
        return self.add_profile(article.id, profile(article, self.stats), parse_date(article.published))

    def add_profile(self, article_id: str, article: Profile, published: datetime | None) -> str:
        self._expire(published)
        best_id, best = None, self.settings.cluster_threshold
        for story_id in self.candidates(article, undated=published is None):
            story = self.stories[story_id]
            if not self._open_for(story, published):
                continue
            score = probability(story.features(article))
            if score >= best:
                best_id, best = story_id, score
        if best_id is None:
            best_id = story_id_for(article_id)
            self.stories[best_id] = OpenStory(best_id)
        self._join(best_id, article_id, article, published)
        return best_id

    def candidates(self, article: Profile, undated: bool = False) -> set[str]:
        """Open stories sharing at least one key term with the article (any story, if undated)."""
        found: set[str] = set()
        for term in article.keys:
            found |= self._postings.get(term, set())
            if undated:
                found |= self._archive.get(term, set())
        return found

    def _join(self, story_id: str, article_id: str, article: Profile, published: datetime | None) -> None:
        story = self.stories[story_id]
        story.add(article_id, article, published)
        keys = self._keys.setdefault(story_id, set())
        for term in article.keys:
            if term not in keys:
                keys.add(term)
                self._postings.setdefault(term, set()).add(story_id)
        if story.last_seen is not None:
            heapq.heappush(self._expiry, (story.last_seen, story_id))

    def _expire(self, published: datetime | None) -> None:
        """Drop from the index the stories that have been quiet for the window (they stay in
        `stories`, so their members can still be read)."""
        if published is None:
            return
        self._newest = published if self._newest is None else max(self._newest, published)
        horizon = self.settings.story_window_days * 86400
        while self._expiry and (self._newest - self._expiry[0][0]).total_seconds() > horizon:
            seen, story_id = heapq.heappop(self._expiry)
            if self.stories[story_id].last_seen != seen:
                continue  # a stale entry: the story took an article since
            for term in self._keys.pop(story_id, set()):
                postings = self._postings[term]
                postings.discard(story_id)
                if not postings:
                    del self._postings[term]
                self._archive.setdefault(term, set()).add(story_id)

    def _open_for(self, story: OpenStory, published: datetime | None) -> bool:
        if published is None or story.last_seen is None:
            return True
        return abs((published - story.last_seen).total_seconds()) <= self.settings.story_window_days * 86400


def publication_order(articles: list[Article]) -> list[Article]:
    """Dated articles oldest first, then undated ones in the order they came."""
    dated = [a for a in articles if parse_date(a.published)]
    dated.sort(key=lambda a: parse_date(a.published))  # type: ignore[arg-type]
    return dated + [a for a in articles if not parse_date(a.published)]
