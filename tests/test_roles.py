"""Roles: titles and appositives bound to names, lone role phrases resolved in the article and
across a story's articles."""

from __future__ import annotations

from storylens.analyze import analyze
from storylens.entities import merge_entities
from storylens.model import Article
from storylens.roles import attach_roles, role_matches
from storylens.settings import Settings

SETTINGS = Settings(n_process=1)


def _analyzed(*texts: str) -> list[Article]:
    articles = [Article(id=f"a{i}", source_path=f"a{i}.txt", title="", text=t) for i, t in enumerate(texts)]
    return list(analyze(articles, SETTINGS))


def _bound(article: Article) -> set[tuple[str, str | None]]:
    return {(r.text, r.person) for r in article.roles if r.bound}


def test_title_before_a_name_is_bound() -> None:
    (article,) = _analyzed("Russian Foreign Minister Sergei Lavrov arrived in New York on Monday.")
    assert ("Russian Foreign Minister", "Sergei Lavrov") in _bound(article)


def test_appositive_in_either_order_is_bound() -> None:
    (article,) = _analyzed(
        "The deal was signed by Scott Russell, the city's police chief, on Friday.\n"
        "Woodburn's fire chief, Anna Berg, was not there."
    )
    roles = {person: head for text, person in _bound(article) for head in [text]}
    assert roles.get("Scott Russell") == "city's police chief"
    assert roles.get("Anna Berg") == "Woodburn's fire chief"


def test_an_appositive_that_is_not_a_person_is_no_role() -> None:
    (article,) = _analyzed("The Angels signed Mark Teixeira, an eight-year contract worth $180 million.")
    assert not _bound(article)


def test_a_plural_appositive_is_no_ones_role() -> None:
    (article,) = _analyzed("The report was written by Charles Kupchan and Thomas Graham, both former State Department officials.")
    assert not _bound(article)


def test_honorifics_and_kin_are_no_roles() -> None:
    (article,) = _analyzed("Mr. John Smith spoke first. His sister Mary Smith spoke next.")
    assert not _bound(article)


def test_lone_role_resolves_to_the_earlier_holder_in_the_article() -> None:
    (article,) = _analyzed(
        "Qeshm governor Mehdi Irannejad visited the villages.\nThe governor said 2,000 tents were ready."
    )
    lone = [r for r in article.roles if not r.bound]
    assert [(r.text, r.person) for r in lone] == [("governor", "Mehdi Irannejad")]


def test_a_described_role_links_another_article_to_the_person() -> None:
    first, second = _analyzed(
        "Russian Foreign Minister Sergei Lavrov met US officials in April.",
        "Talks were held in April. The Russian foreign minister denied it on Tuesday.",
    )
    index = merge_entities([first, second])
    links = attach_roles(index, [first, second])
    lavrov = next(e for e in index.entities if e.name == "Sergei Lavrov")
    assert second.id in lavrov.article_ids
    assert [(aid, role.text, entity.name) for aid, role, entity in links] == [
        (second.id, "Russian foreign minister", "Sergei Lavrov")
    ]


def test_a_bare_role_in_another_article_stays_unlinked() -> None:
    first, second = _analyzed(
        "Queens District Attorney Richard Brown filed charges.",
        "If the family sues, the attorney may negotiate a settlement.",
    )
    index = merge_entities([first, second])
    assert attach_roles(index, [first, second]) == []


def test_role_matching_needs_the_same_head_and_no_new_description() -> None:
    assert role_matches("the foreign minister", "minister", "Russian Foreign Minister", "minister")
    assert role_matches("Russia's foreign minister", "minister", "Russian Foreign Minister", "minister")
    assert not role_matches("the defence minister", "minister", "Russian Foreign Minister", "minister")
    assert not role_matches("the foreign secretary", "secretary", "Russian Foreign Minister", "minister")
