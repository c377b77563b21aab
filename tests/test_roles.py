"""Roles: titles and appositives bound to names, lone role phrases resolved in the article and
across a story's articles."""

from __future__ import annotations

import pytest

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


def test_a_role_in_advice_stays_unlinked() -> None:
    first, second = _analyzed(
        "Queens District Attorney Richard Brown filed charges.",
        "If the family sues, the attorney may negotiate a settlement.",
    )
    index = merge_entities([first, second])
    assert attach_roles(index, [first, second]) == []


def _links(*texts: str) -> list[tuple[str, str, str]]:
    articles = _analyzed(*texts)
    index = merge_entities(articles)
    return [(aid, role.text, entity.name) for aid, role, entity in attach_roles(index, articles)]


@pytest.mark.parametrize("texts, links", [
    # the story's one judge, however another article titles her
    (("Superior Court Judge James Dabney ordered the actress to rehab on Monday.",
      "The ruling by James Dabney gave her until Friday.",
      "Her lawyer told the judge on Tuesday that she had checked in."), [("a2", "judge", "James Dabney")]),
    # not someone one article mentions in passing
    (("Sen. Mazie Hirono endorsed Hillary Clinton on Monday.",
      "Bernie Sanders's campaign manager spoke to CNN after the senator spoke."), []),
    # nor either of two people who hold the role
    (("Superior Court Judge James Dabney sent the case to Judge Mary Fox on Monday.",
      "Her lawyer told the judge on Tuesday that she had checked in."), []),
])
def test_a_bare_role_links_to_the_one_holder_of_it_in_the_story(texts, links) -> None:
    assert _links(*texts) == links


def test_a_bare_role_does_not_link_to_a_holder_placed_where_its_article_never_goes() -> None:
    texts = ("Mexican President Vicente Fox met Donald Trump in Mexico City on Wednesday.",
             "Vicente Fox left on Thursday.",
             "The president said on Thursday that {} would not pay for the wall.")
    assert _links(texts[0], texts[1], texts[2].format("the country")) == []
    assert _links(texts[0], texts[1], texts[2].format("Mexico")) == [("a2", "president", "Vicente Fox")]


def test_an_age_or_an_allegation_does_not_make_another_role() -> None:
    assert ("a2", "26-year-old actress", "Lindsay Lohan") in _links(
        "The actress Lindsay Lohan left rehab on Monday.",
        "A lawyer for Lindsay Lohan spoke on Tuesday.",
        "Early Friday, the 26-year-old actress checked into the Betty Ford Center.",
    )
    assert ("a2", "alleged gunman", "Andrew Lopez") in _links(
        "The gunman, Andrew Lopez, fired from a rooftop in Brooklyn.",
        "Andrew Lopez was convicted on Tuesday.",
        "Of the alleged gunman, she said he was a menace.",
    )


def test_a_name_set_off_by_commas_after_the_role_binds_it() -> None:
    # the parser hangs the name on the verb, not on "driver"
    (article,) = _analyzed(
        "Police said they pulled over the driver, Anthony LaSalle, a few blocks away after he had struck two other vehicles."
    )
    assert ("driver", "Anthony LaSalle") in _bound(article)


def test_a_surname_tagged_otherwise_still_binds_its_role() -> None:
    (article,) = _analyzed(
        "Anthony LaSalle was arrested on Thursday.\nThe driver, LaSalle, then paused as Johnson's husband tried to stop him."
    )
    assert ("driver", "LaSalle") in _bound(article)


def test_identified_as_names_the_holder() -> None:
    (article,) = _analyzed(
        "The driver, who police identified as Vishwanand Subryan, fled the scene.\n"
        "They later apprehended the suspect, identified as 23 - year old Vishwanand Subryan of Schenectady, New York."
    )
    assert {("driver", "Vishwanand Subryan"), ("suspect", "Vishwanand Subryan")} <= _bound(article)


def test_becoming_the_role_binds_it() -> None:
    (article,) = _analyzed(
        "Doug McDermott scored 23 points to become Creighton's all - time scoring leader.\n"
        "Ethan Wragge put on a show, scoring 20 points and becoming the school's all - time leader in three-pointers.\n"
        "It struggled until Sarah Palin became Alaska's governor.\n"
        "Palin, who was also the Republican vice presidential candidate, apologized."
    )
    bound = _bound(article)
    assert ("Creighton's all - time scoring leader", "Doug McDermott") in bound
    assert ("school's all - time leader", "Ethan Wragge") in bound
    assert ("Alaska's governor", "Sarah Palin") in bound
    assert ("Republican vice presidential candidate", "Palin") in bound


def test_a_role_bound_by_its_clause_resolves_the_later_ones() -> None:
    (article,) = _analyzed(
        "The driver, LaSalle, paused as Johnson's husband tried to stop him. Anthony LaSalle is 36.\n"
        "She said the driver then gunned the car."
    )
    lone = [(r.text, r.person) for r in article.roles if not r.bound]
    assert lone == [("driver", "LaSalle")]


def test_role_matching_needs_the_same_head_and_no_new_description() -> None:
    assert role_matches("the foreign minister", "minister", "Russian Foreign Minister", "minister")
    assert role_matches("Russia's foreign minister", "minister", "Russian Foreign Minister", "minister")
    assert not role_matches("the defence minister", "minister", "Russian Foreign Minister", "minister")
    assert not role_matches("the foreign secretary", "secretary", "Russian Foreign Minister", "minister")


def test_a_short_title_holds_the_role_it_abbreviates() -> None:
    assert ("a2", "governor", "Sarah Palin") in _links(
        "Gov. Sarah Palin attended the church on Friday.",
        "Sarah Palin apologized to the pastor on Saturday.",
        "The governor has faith that good will come of it, a spokesman said.",
    )


def test_an_article_that_titles_the_person_itself_still_links_a_fuller_role() -> None:
    # "Gov." binds the head noun in the article; "the Alaska governor" says more than that title
    assert ("a0", "Alaska governor", "Sarah Palin") in _links(
        "Gov. Sarah Palin apologized on Saturday. Her spokesman said the Alaska governor told a pastor she was sorry.",
        "Alaska Governor Sarah Palin attends the church.",
    )


def test_a_lower_rank_is_another_role() -> None:
    assert not role_matches("the president", "president", "Vice President", "president")
    assert not role_matches("the foreign minister", "minister", "Russian Deputy Foreign Minister", "minister")
    assert role_matches("the deputy foreign minister", "minister", "Russian Deputy Foreign Minister", "minister")


def test_a_role_of_another_place_is_not_the_story_holders() -> None:
    links = _links(
        "Gov. Sarah Palin attended the church on Friday.",
        "Sarah Palin apologized to the pastor on Saturday.",
        "The governor of California did nothing, and the local fire chief said the fire was suspicious.",
    )
    assert not any(aid == "a2" and "governor" in role for aid, role, _ in links)


def test_local_describes_no_other_role() -> None:
    assert role_matches("the local fire chief", "chief", "Fire Chief", "chief")
