"""Store: the SQLite database that holds articles, their analysis and the stories.

One thin class. Schema changes are named migrations, each applied once in its own
transaction. Every write happens in a transaction, so a killed run leaves the database as it
was before the interrupted transaction: an article is stored whole (text, analysis, signature)
or not at all, and story updates land together.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from storylens.model import (
    Article,
    Brief,
    CitedSource,
    Claim,
    Conflict,
    Evidence,
    Fact,
    Statement,
    Story,
    StoryEntity,
    StoryQuote,
)


def _initial(db: sqlite3.Connection) -> None:
    _run_script(
        db,
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            source_path TEXT NOT NULL,
            title TEXT NOT NULL,
            outlet TEXT,
            url TEXT,
            published TEXT,
            text TEXT NOT NULL,
            removed TEXT NOT NULL,          -- JSON list of removed lines
            duplicate_of TEXT REFERENCES articles(id),
            analysis TEXT,                  -- JSON: sentences, mentions, quotes, citations, terms
            signature BLOB NOT NULL,        -- MinHash, for near-duplicate checks on later runs
            story_id TEXT REFERENCES stories(id),
            added_at TEXT NOT NULL DEFAULT (datetime('now'))
        );
        CREATE INDEX articles_story ON articles(story_id);
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            brief TEXT NOT NULL,            -- JSON Brief
            last_published TEXT,
            updated_at TEXT NOT NULL DEFAULT (datetime('now'))
        );
        """
    )


def _run_script(db: sqlite3.Connection, script: str) -> None:
    # Not executescript(): it commits first, which would split a migration across transactions.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _sentence_vectors(db: sqlite3.Connection) -> None:
    _run_script(
        db,
        """
        CREATE TABLE sentence_vectors (
            key BLOB PRIMARY KEY,           -- hash of the embedding model and the sentence text
            vector BLOB NOT NULL,           -- float16 row
            used_at REAL NOT NULL           -- run counter: the least recently used go first
        ) WITHOUT ROWID;
        CREATE INDEX sentence_vectors_used ON sentence_vectors(used_at)
        """
    )


def _story_parts(db: sqlite3.Connection) -> None:
    # The clusterer's own story an article belongs to when that story is shown as part of a larger
    # one (cluster.StoryClusterer._attach; NULL: the story it is shown in), so a later run can
    # decide the attachment again.
    db.execute("ALTER TABLE articles ADD COLUMN story_part TEXT")


MIGRATIONS: list[tuple[str, Callable[[sqlite3.Connection], None]]] = [
    ("0001_initial", _initial),
    ("0002_sentence_vectors", _sentence_vectors),
    ("0003_story_parts", _story_parts),
]
ANALYSIS_FIELDS = ("sentences", "mentions", "quotes", "citations", "roles", "terms")


class Store:
    def __init__(self, path: str | Path = ":memory:") -> None:
        self.path = str(path)
        # isolation_level=None: transactions are opened explicitly by `transaction()`.
        self.db = sqlite3.connect(self.path, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA foreign_keys = ON")
        if self.path != ":memory:":
            self.db.execute("PRAGMA journal_mode = WAL")
            # WAL's recommended sync level: a commit is not flushed to disk one by one (one fsync per
            # article was most of the store stage); a killed run still keeps every committed
            # article, and a power cut can lose only the last commits, never corrupt the file.
            self.db.execute("PRAGMA synchronous = NORMAL")
        self.migrate()

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def migrate(self) -> None:
        self.db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT DEFAULT (datetime('now')))")
        applied = {row["name"] for row in self.db.execute("SELECT name FROM migrations")}
        for name, step in MIGRATIONS:
            if name not in applied:
                with self.transaction() as db:
                    step(db)
                    db.execute("INSERT INTO migrations (name) VALUES (?)", (name,))

    # Articles -----------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def add_article(self, article: Article, signature: bytes) -> None:
        analysis = {name: value for name, value in article.to_json().items() if name in ANALYSIS_FIELDS}
        with self.transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO articles (id, source_path, title, outlet, url, published, text,"
                " removed, duplicate_of, analysis, signature) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    article.id, article.source_path, article.title, article.outlet, article.url,
                    article.published, article.text, json.dumps(article.removed), article.duplicate_of,
                    json.dumps(analysis), signature,
                ),
            )

    def _article(self, row: sqlite3.Row) -> Article:
        data = {key: row[key] for key in ("id", "source_path", "title", "outlet", "url", "published", "text", "duplicate_of")}
        data["removed"] = json.loads(row["removed"])
        data.update(json.loads(row["analysis"] or "{}"))
        return Article.from_json(data)

    def articles(self, ids: list[str] | None = None) -> list[Article]:
        """Articles in insertion order (all, or those with the given ids, in that order)."""
        if ids is None:
            rows = self.db.execute("SELECT * FROM articles ORDER BY rowid").fetchall()
            return [self._article(row) for row in rows]
        by_id = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(f"SELECT * FROM articles WHERE id IN ({marks})", chunk):
                by_id[row["id"]] = self._article(row)
        return [by_id[i] for i in ids if i in by_id]

    def article_headers(self) -> dict[str, dict[str, str | None]]:
        """id -> title, outlet, published of every article, without text or analysis (lists)."""
        rows = self.db.execute("SELECT id, title, outlet, published FROM articles ORDER BY rowid")
        return {row["id"]: {"title": row["title"], "outlet": row["outlet"], "published": row["published"]} for row in rows}

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        yield from self.db.execute("SELECT id, signature FROM articles ORDER BY rowid")

    def unclustered_ids(self) -> list[str]:
        rows = self.db.execute("SELECT id FROM articles WHERE story_id IS NULL AND duplicate_of IS NULL ORDER BY rowid")
        return [row["id"] for row in rows]

    def duplicates(self) -> dict[str, str]:
        rows = self.db.execute("SELECT id, duplicate_of FROM articles WHERE duplicate_of IS NOT NULL")
        return {row["id"]: row["duplicate_of"] for row in rows}

    # Sentence vectors (a cache: losing it costs only time) ---------------------------------

    def vectors(self, keys: list[bytes]) -> dict[bytes, bytes]:
        """The stored vectors among `keys`; those found count as used now."""
        found: dict[bytes, bytes] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update((row["key"], row["vector"]) for row in self.db.execute(
                f"SELECT key, vector FROM sentence_vectors WHERE key IN ({marks})", chunk))
        if found:
            with self.transaction() as db:
                now = self._clock()
                db.executemany("UPDATE sentence_vectors SET used_at = ? WHERE key = ?", [(now, k) for k in found])
        return found

    def save_vectors(self, rows: dict[bytes, bytes], limit: int) -> None:
        """Add vectors, then keep only the `limit` most recently used."""
        with self.transaction() as db:
            now = self._clock()
            db.executemany("INSERT OR REPLACE INTO sentence_vectors (key, vector, used_at) VALUES (?,?,?)",
                           [(k, v, now) for k, v in rows.items()])
            excess = db.execute("SELECT COUNT(*) FROM sentence_vectors").fetchone()[0] - limit
            if excess > 0:
                db.execute("DELETE FROM sentence_vectors WHERE key IN"
                           " (SELECT key FROM sentence_vectors ORDER BY used_at LIMIT ?)", (excess,))

    def _clock(self) -> float:
        # A counter, not the time: rows saved or read in one call tie, later calls sort after.
        row = self.db.execute("SELECT COALESCE(MAX(used_at), 0) FROM sentence_vectors").fetchone()
        return float(row[0]) + 1.0

    # Stories ------------------------------------------------------------------------------

    def _memberships(self) -> list[sqlite3.Row]:
        """(article id, story id, story part) of every article in a story, in insertion order."""
        return self.db.execute("SELECT id, story_id, story_part FROM articles WHERE story_id IS NOT NULL ORDER BY rowid").fetchall()

    def story_members(self, rows: list[sqlite3.Row] | None = None) -> dict[str, list[str]]:
        """story id -> ids of its (non-duplicate) articles, in insertion order."""
        members: dict[str, list[str]] = {}
        for row in self._memberships() if rows is None else rows:
            members.setdefault(row["story_id"], []).append(row["id"])
        return members

    def story_parts(self, rows: list[sqlite3.Row] | None = None) -> dict[str, dict[str, list[str]]]:
        """story id -> {the clusterer's own story (`parts`, the story itself first) -> article ids}."""
        out: dict[str, dict[str, list[str]]] = {}
        for row in self._memberships() if rows is None else rows:
            parts = out.setdefault(row["story_id"], {row["story_id"]: []})
            parts.setdefault(row["story_part"] or row["story_id"], []).append(row["id"])
        return out

    def save_stories(
        self,
        stories: list[Story],
        last_published: dict[str, str | None],
        absorbed: Iterable[str] = (),
        parts: dict[str, str] | None = None,
    ) -> None:
        """Write stories and their memberships, and delete the stored stories `absorbed` names
        (merged into or attached to one of `stories`), all in one transaction: a killed run leaves
        either the old stories or the new ones, never articles pointing at a deleted story.
        `parts`: article id -> the clusterer's own story, for articles of a story attached to the
        one they are shown in."""
        parts = parts or {}
        with self.transaction() as db:
            for story in stories:
                db.execute(
                    "INSERT INTO stories (id, title, brief, last_published) VALUES (?,?,?,?)"
                    " ON CONFLICT(id) DO UPDATE SET title=excluded.title, brief=excluded.brief,"
                    " last_published=excluded.last_published, updated_at=datetime('now')",
                    (story.id, story.title, json.dumps(asdict(story.brief)), last_published.get(story.id)),
                )
                db.executemany(
                    "UPDATE articles SET story_id = ?, story_part = ? WHERE id = ?",
                    [(story.id, parts.get(article_id), article_id) for article_id in story.article_ids],
                )
            # Memberships moved above; a member left behind would be a bug, and the foreign key
            # makes the DELETE fail (rolling everything back) rather than orphan it.
            db.executemany("DELETE FROM stories WHERE id = ?", [(story_id,) for story_id in absorbed])

    def story_last_published(self) -> dict[str, str | None]:
        """story id -> the publication date of its latest article (None when undated)."""
        return {row["id"]: row["last_published"] for row in self.db.execute("SELECT id, last_published FROM stories")}

    def stories(self) -> list[Story]:
        memberships = self._memberships()  # one read for both views of it
        members, parts = self.story_members(memberships), self.story_parts(memberships)
        rows = self.db.execute("SELECT * FROM stories ORDER BY last_published DESC, rowid").fetchall()
        return [
            Story(id=row["id"], title=row["title"], article_ids=members.get(row["id"], []), brief=brief_from_json(json.loads(row["brief"])),
                  attached_ids=[a for part, ids in parts.get(row["id"], {}).items() if part != row["id"] for a in ids])
            for row in rows
        ]

    def story(self, story_id: str) -> Story | None:
        for story in self.stories():
            if story.id == story_id or story.id.startswith(story_id):
                return story
        return None


def brief_from_json(data: dict) -> Brief:
    def evidence(items: list[dict]) -> list[Evidence]:
        return [Evidence(**e) for e in items]

    return Brief(
        summary=[Statement(text=s["text"], evidence=evidence(s["evidence"])) for s in data.get("summary", [])],
        facts=[Fact(**{**f, "evidence": evidence(f["evidence"])}) for f in data.get("facts", [])],
        conflicts=[Conflict(about=c["about"], kind=c["kind"], claims=[Claim(**x) for x in c["claims"]]) for c in data.get("conflicts", [])],
        quotes=[StoryQuote(**q) for q in data.get("quotes", [])],
        cited_sources=[CitedSource(**c) for c in data.get("cited_sources", [])],
        entities=[StoryEntity(**e) for e in data.get("entities", [])],
        opinion=evidence(data.get("opinion", [])),
        notes=list(data.get("notes", [])),
    )
