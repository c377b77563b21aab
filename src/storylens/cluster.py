"""Cluster: group articles into stories (one real-world event each), incrementally.

Two earthquakes share "magnitude" and "rescue" but not the place, the date or the people, so
an article is described by several views, each an L2-normalised TF-IDF vector: content lemmas,
named entities, dates, the entities of its lead (the headline and first sentence say what
happened), the content lemmas of its lead (`lead:` terms: "earthquake", "rehab", "arrested", what
happened in the article's own words; empty for articles stored before analyze emitted them),
people (by surname, so "Tara Reid" and a later "Reid" match), places, organisations, numbers and
years. A small logistic model (`cluster_model.json`, trained by
`benchmarks/train_cluster_model.py` on ECB+ odd topics, on article pairs and on the
article-vs-story decisions streaming runs meet) turns the per-view similarities
into the probability that two articles (stories) report the same event.

Streaming: articles arrive in publication order; each joins the open story it most probably
belongs to, or opens one. The model reads the *average* similarity to the story's members
(average link, so one loose link cannot chain two events together); since the vectors are
normalised, the average cosine over members equals the dot product with the members' mean
vector, so scoring a story costs the same whatever its size. Candidate stories come from an
inverted index over each article's most distinctive terms and the names of its lead, never from
all stories, and a story quiet for `story_window_days` leaves the index. Closed stories go to an
archive that only undated articles search (the window cannot place them); the archive keeps the
vectors of the `ARCHIVE_STORIES` most recently closed stories and frees the older ones, so memory
and time per article are bounded by the active window, not by the stream's history.

Second pass: streaming decides each article once, against the stories as they were when it
arrived, so one event often ends up split in two when its first articles disagreed. After a
run, `merge_run` is average-link agglomeration over the run's stories, as batch clustering is:
the link of two stories is the mean of the model's probability over every cross pair of their
articles (pair scores memoised for the pass; a lone article is linked to a story by its
`LONE_ARTICLE_LINKS` closest members), and the best pair merges first while its link
reaches `merge_threshold` (raised for links over few pairs: `merge_evidence`). Candidates are
the open stories sharing a key term (never all pairs of the history: the open window bounds the
cost), and stories that share no entity, or neither a person nor a place, never merge
(`OpenStory.names_conflict`): vocabulary alone rates two events of one kind alike. A pair merges
only when the run touched one of its stories.

Attachments: average link leaves a story of one or two articles apart when its link to its event's
story, a mean over few pairs, stays under the merge bar, though it is often far closer to that
story than to any other. After the merge pass such a small story is *shown* as part of the larger
story it links to best when that link is clear (`attach_threshold`) and beats the runner-up by
`attach_margin` (`_attach`). It is not merged: it keeps its own vectors and the choice is made
again whenever a run touches it or a story near it, since a clear winner may only be the twin of
an event whose own reports have not arrived yet. `home`, `members` and `assignments` give the
stories as shown; the store keeps each article's own story (`story_part`) so later runs restore
attachments as such.
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
VIEWS = (*TERM_VIEWS, "lead", "lead_words", *MENTION_VIEWS, "number", "year")
# No view of the lead's sentence embedding (MiniLM, the compare stage's encoder): on ECB+ dev odd
# topics it lifted pair ROC AUC 0.946 -> 0.958 and the mean F0.5 of the clustering sweep 0.951 ->
# 0.959 (one run recall 0.850 -> 0.901), but only through the date lines ("May 03, 2013") near the
# top of 77% of the odd topics' ECB+ articles and of none of their ECB ones (the two events of a
# topic): the headline with the first line of six words or more, or the headline alone, gave AUC
# 0.947 / 0.946 and no better clustering (0.949).
# It also cost the fast path about half its speed (encoding) and chained more undated PolNeAR news.
# Stories that share no entity, or neither a person nor a place, never merge
# (`OpenStory.names_conflict`). Disjoint people alone are not enough: reports of one event often
# quote different officials (on ECB+ dev, blocking on them kept apart ~8% of the same-event article
# pairs; blocking on disjoint entities, <0.5%).
WHO_WHERE = ("person", "place")
# Entities and content lemmas (`lead:` terms, from analyze) in the headline and first sentence (ECB+
# texts and most scraped pages start with the headline): who and where the story is about and what
# happened, not who or what is mentioned in passing.
LEAD_SENTENCES = 2
# Terms per article that index its story for candidate look-up: enough to find a story sharing
# any distinctive name or word, few enough that posting lists stay short.
KEY_TERMS = 12
# A term found in more than this share of the articles seen (once there are enough of them to
# tell) names no particular event ("said", "police"): it does not index stories, so posting
# lists stay short however long the stream runs. ECB+ topics are ~3% of a collection each.
KEY_MAX_DF_SHARE = 0.02
KEY_DF_MIN_DOCS = 500
# Closed stories whose vectors are kept for undated articles: a batch of undated pages usually
# belongs to recent events; a few thousand stories are a few weeks of a busy feed.
ARCHIVE_STORIES = 2000
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# A lone article is linked to a story by the mean probability of its this-many closest members, not
# of all: a report of an event is close to the reports that tell it from the same angle, not to
# every article of a large, varied story, and one article cannot chain two groups together (what
# the average over all pairs guards against). ECB+ dev odd topics, mean F0.5 of one run and five runs
# (benchmarks/clustering.py), each at its best merge_threshold: all members 0.9435, closest 2: 0.948,
# 3: 0.951, 5: 0.949; the same for two-article stories too: 0.949; the closest members for every
# story lets stories chain (precision 0.94, F0.5 0.91). The closest third of a story (at least 3)
# scored 0.954 on the tuning topics but not better held out (one run F1 0.900, five runs 0.904).
LONE_ARTICLE_LINKS = 3
# Stories of at most this many articles may be shown as part of a larger one (`StoryClusterer._attach`).
ATTACH_MAX_ARTICLES = 2


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

    def discriminative(self, term: str) -> bool:
        """Rare enough to index stories by (see KEY_MAX_DF_SHARE)."""
        return self.n_docs < KEY_DF_MIN_DOCS or self.df[term] <= KEY_MAX_DF_SHARE * self.n_docs


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
    return prefix if rest and prefix in ("ent", "date", "lead") else "lemma"


def years_of(terms: Iterable[str]) -> set[str]:
    return {y for t in terms if t.startswith("date:") for y in YEAR.findall(t)}


def mention_counts(mentions: list[Mention], labels: frozenset[str], lead: bool = False) -> dict[str, int]:
    """Entity mentions as `ent:` terms (the spelling analyze uses in `terms`, so IDF is shared)."""
    return dict(Counter(f"ent:{m.text.lower()}" for m in mentions if m.label in labels and (not lead or m.sentence < LEAD_SENTENCES)))


def surname_counts(mentions: list[Mention]) -> dict[str, int]:
    """People by the last word of their name, as `ent:` terms: an article names "Tara Reid" once and
    then "Reid", another outlet only "Reid"; full names alone would see different people."""
    surnames = (m.text.lower().split()[-1] for m in mentions if m.label == "PERSON" and m.text.strip())
    return dict(Counter(f"ent:{name}" for name in surnames))


@dataclass(slots=True)
class Profile:
    """One article's views, its years and its key terms for the candidate index."""

    views: dict[str, Vector]
    years: frozenset[str]
    keys: list[str]


def profile(article: Article, stats: TermStatistics) -> Profile:
    split: dict[str, dict[str, int]] = {"lemma": {}, "ent": {}, "date": {}, "lead": {}}
    for term, count in article.terms.items():
        split[term_view(term)][term] = count
    views = {"lemma": tfidf(split["lemma"], stats), "entity": tfidf(split["ent"], stats), "date": tfidf(split["date"], stats)}
    mentions = article.mentions
    views["lead"] = tfidf(mention_counts(mentions, NAMED, lead=True), stats)
    # Content lemmas of the lead ("earthquake", "rehab", "arrested"); empty for articles stored
    # before analyze emitted `lead:` terms.
    views["lead_words"] = tfidf(split["lead"], stats)
    views["person"] = tfidf(surname_counts(mentions), stats)
    for view in ("place", "org"):
        views[view] = tfidf(mention_counts(mentions, MENTION_VIEWS[view]), stats)
    # Numbers and years are not weighted by IDF: "10 killed" is as telling in any collection.
    views["number"] = normalise({m.text.lower(): 1.0 for m in mentions if m.label in NUMBERS})
    years = frozenset(years_of(article.terms))
    views["year"] = normalise(dict.fromkeys(years, 1.0))
    weighted = {t: w for t, w in {**views["lemma"], **views["entity"]}.items() if stats.discriminative(t)}
    keys = sorted(weighted, key=lambda t: -weighted[t])[:KEY_TERMS]
    # The lead's names too: a round-up post ('Tara Reid has checked into Promises …' and then three
    # other items) weighs its other items' names highest, and would never meet its own story.
    keys += [t for t in views["lead"] if t not in keys and stats.discriminative(t)]
    return Profile(views, years, keys)


def pair_features(a: Profile, b: Profile) -> dict[str, float]:
    """Per-view cosines, plus 1.0 when both name years and none in common (different events), and
    `log_pairs`, the log of the number of article pairs the features average (0 for one pair): an
    average over a large story is lower than one pair's similarity, and the model corrects for it."""
    features = {view: cosine(a.views[view], b.views[view]) for view in VIEWS}
    features["year_conflict"] = 1.0 if a.years and b.years and not a.years & b.years else 0.0
    features["log_pairs"] = 0.0
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
    # Members' profiles, for the merge pass's article-pair scores; freed when the story closes.
    profiles: list[Profile] = field(default_factory=list)
    sums: dict[str, Vector] = field(default_factory=lambda: {view: {} for view in VIEWS})
    year_counts: Counter[str] = field(default_factory=Counter)
    with_years: int = 0
    first_seen: datetime | None = None
    last_seen: datetime | None = None

    def features(self, article: Profile) -> dict[str, float]:
        """Average of `pair_features` over the members, in time independent of the story's size."""
        n = len(self.member_ids)
        features = {view: cosine(article.views[view], self.sums[view]) / n for view in VIEWS}
        # Members sharing a year with the article: summing over its years over-counts a member
        # that shares two, hence the cap (articles rarely name more than one or two years).
        sharing = min(self.with_years, sum(self.year_counts[y] for y in article.years))
        features["year_conflict"] = (self.with_years - sharing) / n if article.years else 0.0
        features["log_pairs"] = math.log(n)
        return features

    def add(self, article_id: str, article: Profile, published: datetime | None) -> None:
        self.member_ids.append(article_id)
        self.profiles.append(article)
        for view in VIEWS:
            total = self.sums[view]
            for term, weight in article.views[view].items():
                total[term] = total.get(term, 0.0) + weight
        self.year_counts.update(article.years)
        self.with_years += bool(article.years)
        self._seen(published, published)

    def _seen(self, first: datetime | None, last: datetime | None) -> None:
        if first and (self.first_seen is None or first < self.first_seen):
            self.first_seen = first
        if last and (self.last_seen is None or last > self.last_seen):
            self.last_seen = last

    def pair_features(self, other: OpenStory) -> dict[str, float]:
        """Average of `pair_features` over every (member of self, member of other) pair: the dot
        product of the two sums divided by the number of pairs."""
        pairs = len(self.member_ids) * len(other.member_ids)
        features = {view: cosine(self.sums[view], other.sums[view]) / pairs for view in VIEWS}
        both = self.with_years * other.with_years
        sharing = min(both, sum(c * other.year_counts[y] for y, c in self.year_counts.items()))
        features["year_conflict"] = (both - sharing) / pairs
        features["log_pairs"] = math.log(pairs)
        return features

    def names_conflict(self, other: OpenStory) -> bool:
        """Both stories name entities and share none, or name people and places and share neither
        (who and where both differ).

        The merge pass compares whole stories at a lower bar than streaming, and vocabulary alone
        (two earthquakes, two primaries) rates two events of one kind alike; ECB+ barely has such
        pairs of different events, so the model cannot learn it. Names are what tell them apart.
        """
        return _disjoint(self.sums["entity"], other.sums["entity"]) or all(
            _disjoint(self.sums[view], other.sums[view]) for view in WHO_WHERE
        )

    def absorb(self, other: OpenStory) -> None:
        self.member_ids.extend(other.member_ids)
        self.profiles.extend(other.profiles)
        for view in VIEWS:
            total = self.sums[view]
            for term, weight in other.sums[view].items():
                total[term] = total.get(term, 0.0) + weight
        self.year_counts.update(other.year_counts)
        self.with_years += other.with_years
        self._seen(other.first_seen, other.last_seen)

    def close(self) -> None:
        """Free the vectors of a story that can take no more articles (its members stay listed)."""
        self.sums = {view: {} for view in VIEWS}
        self.year_counts = Counter()
        self.profiles = []


def _disjoint(a: Vector, b: Vector) -> bool:
    """Both name something and nothing in common."""
    if len(a) > len(b):
        a, b = b, a
    return bool(a) and not any(t in b for t in a)


def story_id_for(first_article_id: str) -> str:
    return "s" + first_article_id[:12]


class StoryClusterer:
    """Streaming clusterer: `add(article)` returns the id of the story it joined or opened;
    `merge_run()` then merges the stories the run split (see the module docstring)."""

    def __init__(self, settings: Settings, stats: TermStatistics, archive_stories: int = ARCHIVE_STORIES) -> None:
        self.settings = settings
        self.stats = stats
        self.archive_stories = archive_stories
        self.stories: dict[str, OpenStory] = {}  # open, archived, and closed ones (members only)
        self._postings: dict[str, set[str]] = {}  # key term -> ids of open stories holding it
        self._keys: dict[str, set[str]] = {}  # open story id -> its key terms (to leave the index)
        # The same for archived stories, which only undated articles search; oldest first.
        self._archive: dict[str, set[str]] = {}
        self._archived: dict[str, set[str]] = {}
        self._expiry: list[tuple[datetime, str]] = []  # (last seen, story id), oldest first
        self._newest: datetime | None = None
        self.touched: dict[str, None] = {}  # stories that took articles this run, in order
        self.opened: set[str] = set()  # stories this run opened
        self._pair_scores: dict[tuple[str, str], float] = {}  # article pair -> P, during merge_run
        # small story -> the larger story it is shown in (`_attach`), and the reverse
        self.attached: dict[str, str] = {}
        self._satellites: dict[str, set[str]] = {}
        self._regrouped: dict[str, None] = {}  # shown stories an attachment changed this run

    def begin_run(self) -> None:
        """Start a run: `merge_run` looks only at stories touched after this."""
        self.touched, self.opened, self._regrouped = {}, set(), {}

    def restore(self, story_id: str, members: list[Article], attached_to: str | None = None) -> None:
        """Re-open a stored story so later articles can join it; `attached_to`: the story it was
        shown in (its attachment is decided again when a run touches it or a story near it)."""
        self.stories.setdefault(story_id, OpenStory(story_id))
        for article in members:
            self._join(story_id, article.id, profile(article, self.stats), parse_date(article.published))
        if attached_to is not None and attached_to != story_id:
            self._set_attachment(story_id, attached_to)

    # Stories as shown: a story and the small ones attached to it --------------------------------

    def home(self, story_id: str) -> str:
        """The story this one is shown in: itself, or the one it is attached to (attachments go to
        stories with more articles of their own, so the chain ends; the guard is for safety)."""
        seen = {story_id}
        while story_id in self.attached and self.attached[story_id] not in seen:
            story_id = self.attached[story_id]
            seen.add(story_id)
        return story_id

    def parts(self, story_id: str) -> dict[str, list[str]]:
        """The stories shown as `story_id` (itself first, then what is attached to it, however
        deep) -> their article ids."""
        out, pending = {}, [story_id]
        while pending:
            part = pending.pop(0)
            if part in out or part not in self.stories:
                continue
            out[part] = list(self.stories[part].member_ids)
            pending += sorted(self._satellites.get(part, ()))
        return out

    def members(self, story_id: str) -> list[str]:
        """Article ids of the story as shown (its own, then those of the stories attached to it)."""
        return [article_id for ids in self.parts(story_id).values() for article_id in ids]

    def assignments(self) -> dict[str, str]:
        """Article id -> the story it is shown in, for every article seen."""
        return {article_id: self.home(story_id) for story_id, story in self.stories.items() for article_id in story.member_ids}

    def changed_homes(self) -> list[str]:
        """The stories as shown that this run changed: those holding a story it touched, and those
        an attachment joined or left."""
        return list(dict.fromkeys(self.home(s) for s in [*self.touched, *self._regrouped] if s in self.stories))

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
            self.opened.add(best_id)
        self._join(best_id, article_id, article, published)
        self.touched[best_id] = None
        return best_id

    def candidates(self, article: Profile, undated: bool = False) -> set[str]:
        """Open stories sharing at least one key term with the article (and archived ones, if undated)."""
        found: set[str] = set()
        for term in article.keys:
            found |= self._postings.get(term, set())
            if undated:
                found |= self._archive.get(term, set())
        return found

    def is_open(self, story_id: str) -> bool:
        return story_id in self._keys

    # Second pass ----------------------------------------------------------------------------

    def merge_run(self) -> dict[str, str]:
        """Average-link agglomeration over this run's stories: merge the pair with the highest
        mean article-pair probability (`_link`) while it reaches the merge bar (`_merge_bar`).

        A pair may merge when the run touched one of them (a story it opened or grew may join any
        open stored story); two stored stories the run did not touch are left as they were.
        Returns absorbed story id -> surviving story id.
        """
        heap: list[tuple[float, str, str, int, int]] = []
        version: Counter[str] = Counter()
        for story_id in list(self.touched):
            for other, score in self._merge_partners(story_id):
                if other in self.touched and other < story_id:
                    continue  # the pair is scored from the other side
                heapq.heappush(heap, (-score, story_id, other, 0, 0))
        absorbed: dict[str, str] = {}
        while heap:
            _, a, b, version_a, version_b = heapq.heappop(heap)
            if a in absorbed or b in absorbed or (version[a], version[b]) != (version_a, version_b):
                continue  # one of them changed since the pair was scored
            keep, gone = sorted((a, b), key=self._survivor_rank)
            self._merge(keep, gone)
            absorbed[gone] = keep
            version[keep] += 1
            for other, score in self._merge_partners(keep):
                heapq.heappush(heap, (-score, keep, other, version[keep], version[other]))
        self._attach()
        self._pair_scores.clear()
        return {gone: self._resolve(gone, absorbed) for gone in absorbed}

    def _attach(self) -> None:
        """Show each small story near this run's stories as part of the larger story it links to
        best, when that link reaches `attach_threshold` and beats its second best (any other
        story, 0 when none) by `attach_margin`.

        Average link leaves a story of one or two articles apart when its link to its event's
        story is a noisy mean below the merge bar; yet it is often far closer to that story than to
        any other. A clear winner is not proof when the small story's own event has not arrived
        yet (in a later run, its twin event's story would win by default), so an attachment is not
        a merge: the small story keeps its own vectors and is decided again whenever a run touches
        it or a story sharing a key term with it (ECB+ dev, benchmarks/clustering.py: attaching
        for good cost five runs 0.03 of precision, deciding again costs none of it)."""
        near: set[str] = set()
        for story_id in self.touched:
            if self.is_open(story_id):
                near |= {story_id, *self._neighbours(story_id)}
        for story_id in sorted(near, key=lambda s: (len(self.stories[s].member_ids), s)):
            before = self.home(story_id)
            small = len(self.stories[story_id].member_ids) <= ATTACH_MAX_ARTICLES
            self._set_attachment(story_id, self._best_home(story_id) if small else None)
            after = self.home(story_id)
            if after != before:
                self._regrouped.update({story_id: None, before: None, after: None})

    def _best_home(self, story_id: str) -> str | None:
        """The larger story a small one is shown in (see `_attach`), or None."""
        self._set_attachment(story_id, None)  # its own satellites are no rivals
        story = self.stories[story_id]
        best: dict[str, tuple[float, str]] = {}  # shown story -> best link to one of its parts
        for other_id in sorted(self._neighbours(story_id)):
            shown = self.home(other_id)
            other = self.stories[other_id]
            if shown == story_id or story.names_conflict(other):
                continue
            link = self._link(story, other)
            if link > best.get(shown, (-1.0, ""))[0]:
                best[shown] = (link, other_id)
        ranked = sorted(best.values(), reverse=True)
        if not ranked:
            return None
        link, part = ranked[0]
        second = ranked[1][0] if len(ranked) > 1 else 0.0
        larger = len(self.stories[part].member_ids) > len(story.member_ids)  # no cycles, no pairs of lone articles
        settings = self.settings
        clear = larger and link >= settings.attach_threshold and link - second >= settings.attach_margin
        return part if clear and self._shared_words(story, self.stories[part]) >= settings.attach_word_similarity else None

    def _shared_words(self, a: OpenStory, b: OpenStory) -> float:
        """Mean cosine of the content-lemma vectors over the article pairs `_link` averages. The
        model learned on ECB+, where sharing people says much; in political news the same people
        are in every story, so an attachment, a decision on little evidence, also needs the words."""
        pairs = self._linked_pairs(a, b)
        return sum(cosine(left.views["lemma"], right.views["lemma"]) for _, left, right in pairs) / len(pairs)

    def _set_attachment(self, story_id: str, parent: str | None) -> None:
        old = self.attached.pop(story_id, None)
        if old is not None:
            self._satellites[old].discard(story_id)
            if not self._satellites[old]:
                del self._satellites[old]
        if parent is not None:
            self.attached[story_id] = parent
            self._satellites.setdefault(parent, set()).add(story_id)

    def _merge_partners(self, story_id: str) -> list[tuple[str, float]]:
        """Open stories sharing a key term that may merge with this one, with their link, where
        the link reaches the merge bar for the number of article pairs it averages."""
        size = len(self.stories[story_id].member_ids)
        return [
            (other, score)
            for other, score in self._linked(story_id)
            if score >= self._merge_bar(size * len(self.stories[other].member_ids))
        ]

    def _merge_bar(self, pairs: int) -> float:
        """`merge_threshold`, raised by `merge_evidence` / sqrt(pairs): a link over few article pairs
        is a noisy mean, and a run holding one article of an event often finds it a story of the
        event's twin, which later articles would have shown apart (two lone articles: 0.9 at the
        defaults; 3 x 3: 0.77; in five runs on the ECB+ tuning topics precision 0.94 -> 0.97)."""
        return self.settings.merge_threshold + self.settings.merge_evidence / math.sqrt(pairs)

    def _linked(self, story_id: str) -> list[tuple[str, float]]:
        """Open stories sharing a key term that may merge with this one and do not conflict in
        names, with their link."""
        if not self.is_open(story_id):
            return []
        story = self.stories[story_id]
        return [
            (other_id, self._link(story, self.stories[other_id]))
            for other_id in sorted(self._neighbours(story_id))
            if self._may_merge(story_id, other_id) and not story.names_conflict(self.stories[other_id])
        ]

    def _neighbours(self, story_id: str) -> set[str]:
        """The other open stories sharing a key term with this open one."""
        found: set[str] = set()
        for term in self._keys[story_id]:
            found |= self._postings.get(term, set())
        found.discard(story_id)
        return found

    def _link(self, a: OpenStory, b: OpenStory) -> float:
        """Mean probability over every cross pair of articles (average link, as batch clustering
        does), or for a lone article over its `LONE_ARTICLE_LINKS` closest members of the other
        story. The model over the stories' averaged features (`OpenStory.pair_features`) is not
        the same: the logistic of an average rates a story pair lower the larger and more varied
        the stories, so merges stalled once stories grew (ECB+ dev, benchmarks/clustering.py)."""
        pairs = self._linked_pairs(a, b)
        return sum(score for score, _, _ in pairs) / len(pairs)

    def _linked_pairs(self, a: OpenStory, b: OpenStory) -> list[tuple[float, Profile, Profile]]:
        """The article pairs `_link` averages, with their probability: every cross pair, or a
        lone article's `LONE_ARTICLE_LINKS` most probable ones."""
        pairs = [
            (self._pair_score(left_id, left, right_id, right), left, right)
            for left_id, left in zip(a.member_ids, a.profiles)
            for right_id, right in zip(b.member_ids, b.profiles)
        ]
        if min(len(a.member_ids), len(b.member_ids)) == 1:
            pairs = heapq.nlargest(LONE_ARTICLE_LINKS, pairs, key=lambda pair: pair[0])
        return pairs

    def _pair_score(self, left_id: str, left: Profile, right_id: str, right: Profile) -> float:
        """P(same event) of two articles, memoised for the merge pass (merged stories rescore the
        same pairs)."""
        key = (left_id, right_id) if left_id < right_id else (right_id, left_id)
        score = self._pair_scores.get(key)
        if score is None:
            score = self._pair_scores[key] = probability(pair_features(left, right))
        return score

    def _may_merge(self, a: str, b: str) -> bool:
        """The run touched one of them: a story that grew may now absorb a stored piece of its
        event that an earlier run, on less evidence, left apart."""
        in_run = a in self.touched or b in self.touched
        return in_run and self._close_in_time(self.stories[a], self.stories[b])

    def _close_in_time(self, a: OpenStory, b: OpenStory) -> bool:
        """Dated stories merge only when the gap between their spans is within the window."""
        if None in (a.first_seen, a.last_seen, b.first_seen, b.last_seen):
            return True
        gap = max(a.first_seen, b.first_seen) - min(a.last_seen, b.last_seen)  # type: ignore[type-var,operator]
        return gap.total_seconds() <= self.settings.story_window_days * 86400

    def _survivor_rank(self, story_id: str) -> tuple[bool, int, str]:
        """A stored story keeps its id (its row and links stay valid), else the larger one."""
        return (story_id in self.opened, -len(self.stories[story_id].member_ids), story_id)

    def _merge(self, keep: str, gone: str) -> None:
        story = self.stories[keep]
        story.absorb(self.stories.pop(gone))
        # the gone story's articles are keep's own now; what was attached to it is attached to keep
        self._set_attachment(gone, None)
        for small in list(self._satellites.get(gone, ())):
            self._set_attachment(small, keep if small != keep else None)
        for term in self._keys.pop(gone, set()):
            postings = self._postings[term]
            postings.discard(gone)
            postings.add(keep)
            self._keys[keep].add(term)
        if story.last_seen is not None:
            heapq.heappush(self._expiry, (story.last_seen, keep))
        self.touched.pop(gone, None)
        self.touched[keep] = None
        self.opened.discard(gone)

    @staticmethod
    def _resolve(story_id: str, absorbed: dict[str, str]) -> str:
        while story_id in absorbed:
            story_id = absorbed[story_id]
        return story_id

    # Index upkeep -----------------------------------------------------------------------------

    def _join(self, story_id: str, article_id: str, article: Profile, published: datetime | None) -> None:
        if story_id in self._archived:
            self._reopen(story_id)  # an undated article joined it: it is open again until it expires
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
        """Close the stories that have been quiet for the window: they leave the index for the
        archive (they stay in `stories` with their members, so callers can read them)."""
        if published is None:
            return
        self._newest = published if self._newest is None else max(self._newest, published)
        horizon = self.settings.story_window_days * 86400
        while self._expiry and (self._newest - self._expiry[0][0]).total_seconds() > horizon:
            seen, story_id = heapq.heappop(self._expiry)
            story = self.stories.get(story_id)
            if story is None or story.last_seen != seen or not self.is_open(story_id):
                continue  # merged away, took an article since, or already closed
            keys = self._keys.pop(story_id)
            _unindex(self._postings, story_id, keys)
            self._archived[story_id] = keys
            for term in keys:
                self._archive.setdefault(term, set()).add(story_id)
            while len(self._archived) > self.archive_stories:
                self._forget(next(iter(self._archived)))

    def _reopen(self, story_id: str) -> None:
        keys = self._archived.pop(story_id)
        _unindex(self._archive, story_id, keys)
        self._keys[story_id] = keys
        for term in keys:
            self._postings.setdefault(term, set()).add(story_id)

    def _forget(self, story_id: str) -> None:
        """Drop the oldest archived story's vectors: no article can join it any more."""
        _unindex(self._archive, story_id, self._archived.pop(story_id))
        self.stories[story_id].close()

    def _open_for(self, story: OpenStory, published: datetime | None) -> bool:
        if published is None or story.last_seen is None:
            return True
        return abs((published - story.last_seen).total_seconds()) <= self.settings.story_window_days * 86400


def _unindex(postings: dict[str, set[str]], story_id: str, keys: Iterable[str]) -> None:
    for term in keys:
        holders = postings[term]
        holders.discard(story_id)
        if not holders:
            del postings[term]


def publication_order(articles: list[Article]) -> list[Article]:
    """Dated articles oldest first, then undated ones in the order they came."""
    dated = [a for a in articles if parse_date(a.published)]
    dated.sort(key=lambda a: parse_date(a.published))  # type: ignore[arg-type]
    return dated + [a for a in articles if not parse_date(a.published)]
