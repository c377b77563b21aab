from __future__ import annotations

from storylens.dedup import Deduplicator, from_bytes, signature
from storylens.model import Article
from storylens.settings import Settings

WIRE = (
    "Rescue teams searched collapsed buildings on Tuesday after a magnitude 6.8 earthquake struck the "
    "northern province of Valdora, killing at least 14 people, officials said. The quake hit at 3:12 a.m. "
    "local time at a depth of ten kilometres, according to the national seismology institute. "
    "Governor Elena Markovic said more than 200 homes were damaged and schools would stay closed. "
    "Aftershocks continued through the morning, and hospitals in the provincial capital asked for blood donors."
)


def article(article_id: str, text: str, title: str = "Quake kills 14") -> Article:
    return Article(id=article_id, source_path=article_id, title=title, text=text)


def test_syndicated_copy_and_light_edit_fold_unrelated_stays() -> None:
    dedup = Deduplicator(Settings())
    original = article("a", WIRE)
    copy = article("b", "Editor's note: this story was first published by a wire agency.\n\n" + WIRE)
    edited = article("c", WIRE.replace("Tuesday", "Tuesday morning").replace("blood donors", "donors"))
    other = article("d", "The city council approved a new budget for public transport on Monday after a long debate.")
    for item in (original, copy, edited, other):
        dedup.fold(item)
    assert original.duplicate_of is None
    assert copy.duplicate_of == "a"
    assert edited.duplicate_of in {"a", "b"}
    assert other.duplicate_of is None


def test_signature_round_trips_through_bytes() -> None:
    settings = Settings()
    dedup = Deduplicator(settings)
    stored = dedup.fold(article("a", WIRE))
    assert from_bytes(stored).jaccard(signature("Quake kills 14\n" + WIRE, settings)) == 1.0
