"""Attribution on tiny inputs: quote marks glued to words, colon introductions, quote-only cue
verbs, and quotes nobody is named for."""

from __future__ import annotations

from storylens.analyze import analyze, load_nlp
from storylens.model import Article
from storylens.settings import Settings

SETTINGS = Settings(n_process=1)


def _quotes(text: str) -> dict[str, str | None]:
    article = next(analyze([Article(id="a", source_path="a.txt", title="", text=text)], SETTINGS))
    return {q.text: q.speaker for q in article.quotes}


def test_quote_marks_are_their_own_tokens() -> None:
    tokens = [t.text for t in load_nlp(SETTINGS).tokenizer("the paranoia,”Clinton said,“Look.")]
    assert tokens == ["the", "paranoia", ",", "”", "Clinton", "said", ",", "“", "Look", "."]


def test_glued_closing_mark_still_finds_the_speaker() -> None:
    quotes = _quotes("Anna Berg visited Ohio on Monday. “We will win the state,”Berg said.")
    assert quotes == {"We will win the state": "Anna Berg"}


def test_colon_clause_introduces_the_quote() -> None:
    quotes = _quotes("Mayor Peter Hall went even further: “The bridge will reopen in May.”")
    assert quotes == {"The bridge will reopen in May.": "Peter Hall"}


def test_the_authors_colon_is_no_speaker() -> None:
    quotes = _quotes("The result was clear: “a landslide.”")
    assert quotes == {}


def test_quote_only_cue_verbs() -> None:
    quotes = _quotes("“We will never give up,” Anna Berg shouted. “It is over,” Peter Hall went on.")
    assert quotes == {"We will never give up": "Anna Berg", "It is over": "Peter Hall"}


def test_quote_nobody_is_named_for_is_dropped() -> None:
    assert _quotes("“Okay,” I said, attempting to regroup.") == {}


def _article(text: str) -> Article:
    return next(analyze([Article(id="a", source_path="a.txt", title="", text=text)], SETTINGS))


def test_standings_in_the_polls_cite_no_poll() -> None:
    cited = {c.name for c in _article("Rubio rose in the polls this week. Clinton leads, according to a new poll.").citations}
    assert "polls" not in cited and "new poll" in cited


def test_a_possessive_after_another_person_teaches_no_gender() -> None:
    quotes = _quotes(
        "Bernie Sanders attacked Hillary Clinton over her ties to Wall Street banks. "
        "Sanders later spoke in Iowa.\n“We will win this state,” he said."
    )
    assert quotes["We will win this state"] == "Bernie Sanders"


def test_agentless_passive_and_lists_are_no_speech() -> None:
    article = _article(
        "Donald Trump is expected to win the primary. "
        "Ted Cruz has 11 delegates, Marco Rubio has 10 and John Kasich has five."
    )
    assert article.quotes == []


def test_imagined_words_inside_a_quote_are_the_outer_speakers() -> None:
    quotes = _quotes("“If they lose here, Sanders can say ‘I can win anywhere,’” said Jon Ralston.")
    assert "Bernie Sanders" not in quotes.values() and "Sanders" not in quotes.values()
    assert set(quotes.values()) == {"Jon Ralston"}
