from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storylens.model import Article, Brief, CitedSource, Quote, Sentence, Story
from storylens.store import Store


def analysed(article_id: str) -> Article:
    return Article(
        id=article_id, source_path=f"{article_id}.txt", title="T", text="Kirby said no.",
        removed=["Share on X"], sentences=[Sentence(0, "Kirby said no.", 0, 14)],
        quotes=[Quote("Kirby", "no", 0, direct=False, cue="said")], terms={"kirby": 1},
    )


def test_article_round_trip_and_idempotent_add(fresh_store: Store) -> None:
    fresh_store.add_article(analysed("a1"), b"sig")
    fresh_store.add_article(analysed("a1"), b"sig")  # the same article twice adds nothing
    [back] = fresh_store.articles()
    assert back == analysed("a1")
    assert fresh_store.unclustered_ids() == ["a1"]


def test_stories_saved_together_and_read_back(fresh_store: Store) -> None:
    fresh_store.add_article(analysed("a1"), b"sig")
    brief = Brief(cited_sources=[CitedSource("NBC News", ["a1"], common=True)], notes=["one source"])
    fresh_store.save_stories([Story("s1", "Title", ["a1"], brief)], {"s1": "2026-04-01"})
    [story] = fresh_store.stories()
    assert story == Story("s1", "Title", ["a1"], brief)
    assert fresh_store.unclustered_ids() == []
    assert fresh_store.story("s") == story  # a unique prefix finds it


def test_failed_transaction_leaves_database_as_before(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite")
    store.add_article(analysed("a1"), b"sig")
    with pytest.raises(sqlite3.IntegrityError):
        # The second membership points at a missing story row: the whole batch must roll back.
        with store.transaction() as db:
            db.execute("INSERT INTO stories (id, title, brief) VALUES ('s1', 't', '{}')")
            db.execute("UPDATE articles SET story_id = 'missing' WHERE id = 'a1'")
    store.close()
    reopened = Store(tmp_path / "db.sqlite")
    assert reopened.stories() == [] and reopened.unclustered_ids() == ["a1"]
    reopened.close()
