"""The whole path, once: ingest -> clean -> dedup -> analyze -> cluster -> compare -> store.

`run()` is what `storylens analyze` calls. It works in chunks so memory stays bounded, stores
each article in its own transaction as soon as it is analysed, then clusters everything not
yet in a story and recomputes the briefs of the stories that changed.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from itertools import islice

from tqdm import tqdm

from storylens.analyze import load_nlp
from storylens.clean import clean_document
from storylens.cluster import StoryClusterer, TermStatistics, parse_date, publication_order
from storylens.compare import compare_story
from storylens.dedup import Deduplicator, from_bytes
from storylens.embed import SentenceEncoder, load_encoder, resolve_model_path
from storylens.errors import InputError, StorylensError
from storylens.ingest import ingest
from storylens.model import Article, Story
from storylens.scaleout import analyze_articles
from storylens.settings import Settings
from storylens.store import Store

STAGES = ("ingest", "clean", "dedup", "analyze", "store", "cluster", "compare")
CHUNK = 512


@dataclass
class RunReport:
    added: list[str] = field(default_factory=list)  # ids of new articles (copies included)
    duplicates: list[str] = field(default_factory=list)  # ids of new articles folded as copies
    known: int = 0  # inputs already in the database
    skipped: list[InputError] = field(default_factory=list)
    stories: list[str] = field(default_factory=list)  # ids of the stories created or updated
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))

    @contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] += time.perf_counter() - start


def run(
    paths: Iterable[str | os.PathLike[str]],
    settings: Settings,
    store: Store,
    *,
    progress: bool = False,
    on_error: Callable[[InputError], None] | None = None,
    encoder: SentenceEncoder | None = None,
) -> RunReport:
    report = RunReport()
    with report.timed("analyze"):
        check_models(settings)

    def skip(error: InputError) -> None:
        report.skipped.append(error)
        if on_error:
            on_error(error)

    dedup = Deduplicator(settings)
    with report.timed("dedup"):
        for article_id, signature in store.signatures():
            dedup.remember(article_id, from_bytes(signature))
    documents = ingest(paths, settings, skip)
    bar = tqdm(desc="articles", unit="art", disable=not progress, leave=False)
    while True:
        with report.timed("ingest"):
            chunk = list(islice(documents, CHUNK))
        if not chunk:
            break
        articles = _clean(chunk, store, report, skip)
        _dedup_analyze_store(articles, settings, store, dedup, report)
        bar.update(len(chunk))
    bar.close()
    report.stories = update_stories(settings, store, report, encoder=encoder, progress=progress)
    return report


def check_models(settings: Settings) -> None:
    """Fail early, in one line, when a configured model is not installed (nothing is downloaded)."""
    try:
        load_nlp(settings)
    except OSError:
        raise StorylensError(f"spaCy pipeline {settings.spacy_model!r} is not installed (setting spacy_model)") from None
    try:
        resolve_model_path(settings.embedding_model)
    except (ImportError, AttributeError):
        raise StorylensError(
            f"sentence-embedding model {settings.embedding_model!r} is neither a folder nor an installed model package"
            " (setting embedding_model)"
        ) from None


def _clean(chunk: list, store: Store, report: RunReport, skip: Callable[[InputError], None]) -> list[Article]:
    """Clean a chunk of documents, dropping the ones already stored or seen twice in it."""
    articles: dict[str, Article] = {}
    with report.timed("clean"):
        for document in chunk:
            try:
                article = clean_document(document)
            except InputError as error:
                skip(error)
                continue
            if article.id in articles or store.has_article(article.id):
                report.known += 1
            else:
                articles[article.id] = article
    return publication_order(list(articles.values()))


def _dedup_analyze_store(
    articles: list[Article], settings: Settings, store: Store, dedup: Deduplicator, report: RunReport
) -> None:
    signatures: dict[str, bytes] = {}
    with report.timed("dedup"):
        for article in articles:
            signatures[article.id] = dedup.fold(article)
    stream = analyze_articles((a for a in articles if not a.duplicate_of), settings)
    while True:
        with report.timed("analyze"):
            article = next(stream, None)
        if article is None:
            break
        with report.timed("store"):
            store.add_article(article, signatures[article.id])
        report.added.append(article.id)
    # Copies are not analysed; they are stored after their originals, which they reference.
    with report.timed("store"):
        for article in articles:
            if article.duplicate_of:
                store.add_article(article, signatures[article.id])
                report.duplicates.append(article.id)
                report.added.append(article.id)


def update_stories(
    settings: Settings,
    store: Store,
    report: RunReport,
    *,
    encoder: SentenceEncoder | None = None,
    progress: bool = False,
) -> list[str]:
    """Cluster every stored article not yet in a story, merge the stories this run split, and
    recompute the briefs of touched stories (memberships, briefs and merges in one transaction)."""
    pending_ids = store.unclustered_ids()
    if not pending_ids:
        return []
    with report.timed("cluster"):
        pending = store.articles(pending_ids)
        stored = _stories_to_restore(store, pending, settings)
        known = store.articles([i for parts in stored.values() for ids in parts.values() for i in ids])
        # IDF over the restored stories and the new articles: what is distinctive in the window.
        stats = TermStatistics()
        for article in known + pending:
            stats.add(article.terms)
        clusterer = StoryClusterer(settings, stats)
        by_id = {a.id: a for a in known}
        for story_id, parts in stored.items():
            for part, ids in parts.items():
                if ids:
                    clusterer.restore(part, [by_id[i] for i in ids if i in by_id], attached_to=story_id)
        clusterer.begin_run()
        for article in publication_order(pending):
            clusterer.add(article)
        clusterer.merge_run()
    with report.timed("compare"):
        everything = {a.id: a for a in known + pending}
        stories, parts_of = [], {}
        for story_id in tqdm(clusterer.changed_homes(), desc="briefs", unit="story", disable=not progress, leave=False):
            parts = clusterer.parts(story_id)
            parts_of.update({article_id: part for part, ids in parts.items() if part != story_id for article_id in ids})
            articles = [everything[i] for ids in parts.values() for i in ids]
            if encoder is None and len(articles) > 1:
                encoder = load_encoder(settings, store)
            stories.append(build_story(story_id, articles, settings, encoder))
    with report.timed("store"):
        # stored rows of stories now merged into another or shown as part of one
        gone = [story_id for story_id in stored if story_id not in clusterer.stories or clusterer.home(story_id) != story_id]
        store.save_stories(stories, {s.id: _last_published(s, everything) for s in stories}, gone, parts_of)
    return [s.id for s in stories]


def _stories_to_restore(store: Store, pending: list[Article], settings: Settings) -> dict[str, dict[str, list[str]]]:
    """Stored stories the new articles may join or merge with, by part (`Store.story_parts`):
    those still open at the earliest new article's date (undated new articles arrive "now", at
    the latest stored date), and the undated ones. Older stories stay on disk, so a run costs the
    same however big the database."""
    last = {story_id: parse_date(value) for story_id, value in store.story_last_published().items()}
    dates = [d for d in (parse_date(a.published) for a in pending) if d]
    stored_dates = [d for d in last.values() if d]
    if dates:
        start = min(dates)
    elif stored_dates:
        start = max(stored_dates)
    else:
        start = None
    window = timedelta(days=settings.story_window_days)
    keep = {story_id for story_id, seen in last.items() if start is None or seen is None or seen >= start - window}
    return {story_id: parts for story_id, parts in store.story_parts().items() if story_id in keep}


def build_story(story_id: str, articles: list[Article], settings: Settings, encoder: SentenceEncoder | None) -> Story:
    """A story and its brief; the title is that of the earliest article."""
    ordered = publication_order(articles)
    brief = compare_story(ordered, settings, encoder)  # type: ignore[arg-type]  # unused for one article
    return Story(id=story_id, title=ordered[0].title, article_ids=[a.id for a in ordered], brief=brief)


def _last_published(story: Story, articles: dict[str, Article]) -> str | None:
    dates = [articles[i].published for i in story.article_ids if parse_date(articles[i].published)]
    return max(dates, key=parse_date, default=None)  # type: ignore[arg-type]
