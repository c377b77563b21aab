"""Cluster: group articles into stories (one real-world event each), incrementally.

Each article is a TF-IDF vector over the `terms` analyze found (content lemmas, named
entities, dates), with named entities weighted up: two earthquakes share "magnitude" and
"rescue", but not the place, the date or the people. Articles arrive in publication order;
each joins the open story it is most similar to (average similarity to the story's members,
so one loose link cannot chain two events together) or opens a new one. A story takes no new
article once it has been quiet for `story_window_days`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from storylens.model import Article
from storylens.settings import Settings

Vector = dict[str, float]

# Entities and dates identify an event; shared vocabulary only says it is the same kind of event.
FEATURE_WEIGHTS = {"ent": 2.0, "date": 1.5}


def feature_weight(term: str) -> float:
    prefix, _, rest = term.partition(":")
    return FEATURE_WEIGHTS.get(prefix, 1.0) if rest else 1.0


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


def vectorize(terms: dict[str, int], stats: TermStatistics) -> Vector:
    """Sublinear TF x IDF x feature weight, L2-normalised."""
    vector = {t: (1.0 + math.log(c)) * stats.idf(t) * feature_weight(t) for t, c in terms.items() if c > 0}
    norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
    return {t: w / norm for t, w in vector.items()}


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


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
    id: str
    member_ids: list[str] = field(default_factory=list)
    vectors: list[Vector] = field(default_factory=list)
    last_seen: datetime | None = None

    def similarity(self, vector: Vector) -> float:
        return sum(cosine(vector, member) for member in self.vectors) / len(self.vectors)

    def add(self, article_id: str, vector: Vector, published: datetime | None) -> None:
        self.member_ids.append(article_id)
        self.vectors.append(vector)
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

    def restore(self, story_id: str, members: list[Article]) -> None:
        """Re-open a stored story so later articles can join it."""
        story = self.stories.setdefault(story_id, OpenStory(story_id))
        for article in members:
            story.add(article.id, vectorize(article.terms, self.stats), parse_date(article.published))

    def add(self, article: Article) -> str:
        vector = vectorize(article.terms, self.stats)
        published = parse_date(article.published)
        best_id, best = None, self.settings.cluster_threshold
        for story in self.stories.values():
            if not self._open_for(story, published):
                continue
            score = story.similarity(vector)
            if score >= best:
                best_id, best = story.id, score
        if best_id is None:
            best_id = story_id_for(article.id)
            self.stories[best_id] = OpenStory(best_id)
        self.stories[best_id].add(article.id, vector, published)
        return best_id

    def _open_for(self, story: OpenStory, published: datetime | None) -> bool:
        if published is None or story.last_seen is None:
            return True
        return abs((published - story.last_seen).total_seconds()) <= self.settings.story_window_days * 86400


def publication_order(articles: list[Article]) -> list[Article]:
    """Dated articles oldest first, then undated ones in the order they came."""
    dated = [a for a in articles if parse_date(a.published)]
    dated.sort(key=lambda a: parse_date(a.published))  # type: ignore[arg-type,return-value]
    return dated + [a for a in articles if not parse_date(a.published)]
