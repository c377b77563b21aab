"""Scoring of role links ("the former attorney general" -> John N. Mitchell) against the
hand-labelled role phrases of `benchmarks/data/role_references.jsonl` (the report set, even topics)
and `role_references_dev.jsonl` (the development set, odd topics; see their README sections).

A labelled phrase is found again by its article, its text and its sentence; the prediction is the
person its own clause binds it to ("the suspect, Gary Gomes"), or that `roles.attach_roles` links
it to (in its article or across the story), or none. A link is
right when its surname is the gold person's (or it is the gold's lone given name). Recall is over the labelled phrases that name a
person of the story: phrases the extractor never finds are not in the set, so it is the
resolution's recall, not the extractor's.
"""

from __future__ import annotations

import json
from pathlib import Path

from storylens.entities import merge_entities
from storylens.model import Article
from storylens.roles import attach_roles

LABELS = Path(__file__).with_name("data") / "role_references.jsonl"  # even topics: the report set
DEV_LABELS = Path(__file__).with_name("data") / "role_references_dev.jsonl"  # odd topics: rules are read on it


def read_labels(path: Path = LABELS) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def predicted_links(articles: list[Article]) -> dict[tuple[str, str, str], str]:
    """(article id, role text, sentence text) -> linked person, for one story's articles."""
    index = merge_entities(articles)
    links = attach_roles(index, articles)
    by_id = {a.id: a for a in articles}
    found = {(a.id, r.text, a.sentences[r.sentence].text): index.canonical(r.person) or r.person
             for a in articles for r in a.roles if r.person}
    found.update({(aid, role.text, by_id[aid].sentences[role.sentence].text): entity.name for aid, role, entity in links})
    return found


def same_person(predicted: str, gold: str) -> bool:
    """Surnames agree, or a lone given name is the gold's ("Ellen" for Ellen DeGeneres)."""
    ours, theirs = predicted.casefold().split(), gold.casefold().split()
    return ours[-1] == theirs[-1] or (len(ours) == 1 and ours[0] in theirs)


def role_link_scores(stories: dict[str, list[Article]], path: Path = LABELS) -> tuple[int, int, int, int]:
    """(labelled phrases, naming a person, linked, linked right)."""
    labels = read_labels(path)
    links: dict[tuple[str, str, str], str] = {}
    for story in {row["story"] for row in labels}:
        links.update(predicted_links(stories[story]))
    named = [row for row in labels if row["person"]]
    predicted = [(row, _link_of(links, row)) for row in labels]
    linked = [(row, name) for row, name in predicted if name]
    right = sum(bool(row["person"]) and same_person(name, row["person"]) for row, name in linked)
    return len(labels), len(named), len(linked), right


def _link_of(links: dict[tuple[str, str, str], str], row: dict) -> str | None:
    """The link of a labelled phrase: the role of that text in that sentence, or one that the
    extractor now runs on past it ("the governor" labelled, "the governor of California" found)."""
    exact = links.get((row["article"], row["role"], row["sentence"]))
    if exact is not None:
        return exact
    return next((person for (article, text, sentence), person in links.items()
                 if article == row["article"] and sentence == row["sentence"] and text.startswith(row["role"] + " ")), None)
