"""Reading numbers, magnitudes and numbered names from text (values.py)."""

import pytest

from storylens.conflicts import load_parser
from storylens.settings import Settings
from storylens.values import date_value, magnitudes, numbered_by_name, numbered_names, parse_number, quantities, same_numbered_name


@pytest.mark.parametrize("text, value", [
    ("1,200", 1200), ("2.6 million", 2_600_000), ("twenty-one", 21), ("around 1,400", 1400),
    # a tokenised corpus spaces the separators of one number
    ("1, 400", 1400), ("31, 000", 31_000), ("6. 4", 6.4), ("1, 400, 000", 1_400_000),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text, values", [
    ("A 6.4-magnitude quake hit the town.", [6.4]),
    ("A magnitude 6.4 quake hit the town.", [6.4]),
    ("An earthquake with a magnitude of 6.2 hit.", [6.2]),
    ("A quake measuring 6. 4 on the Richter scale hit.", [6.4]),
    ("It registered 6.1 on the Richter scale, killing 10.", [6.1]),
    ("An earthquake measuring at least magnitude - 5. 9 hit the island.", [5.9]),
    ("A corner of the building measuring 5 m by 4 m collapsed.", []),  # no quake
])
def test_magnitudes(text, values):
    assert [m.value for m in magnitudes(text)] == values


def test_aftershock_magnitude_is_anchored_apart():
    [main] = magnitudes("The magnitude 6.4 tremor struck at dawn.")
    [after] = magnitudes("The largest aftershock, a magnitude 5.1 tremor, struck at noon.")
    assert main.anchor != after.anchor
    assert magnitudes("An earthquake measuring at least 5.9 hit.")[0].approx


@pytest.mark.parametrize("text, found", [
    ("Attacks directed at IE8 and 9 were reported.", [("IE", {"8", "9"})]),
    ("aimed at Internet Explorer 8 and 9, it appears", [("Internet Explorer", {"8", "9"})]),
    ("Malaysia Airlines Flight 370 vanished on March 8, 2014.", [("Malaysia Airlines Flight", {"370"})]),
    ("IE11 on Windows 8.", [("IE", {"11"}), ("Windows", {"8"})]),
    # not names: a date, a year after a first word, a score, a share, a count
    ("In 2003 the Sixers had a 43 - 39 record and Obama 52 percent.", []),
    ("He scored 25 points on Oct. 26.", []),
])
def test_numbered_names(text, found):
    assert [(n.name, set(n.numbers)) for n in numbered_names(text)] == found


def test_same_numbered_name():
    assert same_numbered_name("IE", "Internet Explorer")
    assert same_numbered_name("Explorer", "Internet Explorer")
    assert not same_numbered_name("Windows", "Internet Explorer")


@pytest.mark.parametrize("text, numbers", [
    ("attacks on IE 8 and IE 13 versions", {"8", "13"}),  # one name, listed twice
    ("from IE 6 through to the latest IE 11", {"6", "7", "8", "9", "10", "11"}),  # a range
    ("all versions of IE6 to 10", {"6", "7", "8", "9", "10"}),
    ("IE6, 7, 8, 9, 10, and 11 on Windows", {"6", "7", "8", "9", "10", "11"}),
])
def test_numbered_by_name(text, numbers):
    [found] = numbered_by_name(text)
    assert set(found.numbers) == numbers


def test_a_count_after_a_name_is_no_numbered_name():
    """With the sentence's parse, a number that counts the noun after it names nothing."""
    nlp = load_parser(Settings().spacy_model)
    text = "Sewage spilled into Kessler Bay 212 times, the trust found."
    assert numbered_names(text) and not numbered_names(text, nlp(text))
    versions = "Attacks hit IE 8 and IE 13 versions of the browser."  # what a version number numbers
    assert set(numbered_by_name(versions, nlp(versions))[0].numbers) == {"8", "13"}


@pytest.mark.parametrize("text, anchors", [
    # the sum in brackets is the same sum in another currency; each currency its own kind
    ("Robbers stole gems worth 85 million euros (74 million pounds) in Paris.", {"CARDINAL:euro"}),
    ("Robbers stole diamonds valued at $108 million from the store.", {"MONEY-usd:value"}),
    # a rank and a member of a set count nothing
    ("Felt, who was the No. 2 official at the FBI, died on Thursday.", set()),
    ("The official ended one of the most intriguing political mysteries.", set()),
    # wins by one means are some of all the wins, anchored apart; an agent qualifies nothing
    ("With it he improves to 58 - 3 with 51 wins coming by way of knockout.", {"CARDINAL:win|by knockout"}),
    ("He improves to a career record of 58 wins.", {"CARDINAL:win"}),
    ("The 23 pirates arrested by the navy were Somali.", {"CARDINAL:pirate"}),
])
def test_sums_ranks_and_members(text, anchors):
    nlp = load_parser(Settings().spacy_model)
    assert {q.anchor for q in quantities(nlp(text))} == anchors


def test_an_age_after_a_name_whose_closing_comma_is_missing():
    nlp = load_parser(Settings().spacy_model)
    assert {q.anchor for q in quantities(nlp("Andrew Lopez, 20 was found guilty in the murder."))} == {"AGE:lopez"}


@pytest.mark.parametrize("text, anchors", [
    ("W. Mark Felt died Thursday at the age of 95, sources told CNN.", {"AGE:felt"}),
    ("Smith, aged 75, died on Monday.", {"AGE:smith"}),
    ("The actor died on Monday aged 75.", {"AGE:age"}),
    ("Esther Williams, swimming star, dies at 91", {"AGE:williams"}),
    ("Mark Felt, Deep Throat of Watergate, dead at 95", {"AGE:felt"}),
    ("He joined the Blazers after serving five seasons as an assistant coach for the 76ers.", {"MEASURE:season:serve"}),
])
def test_ages_the_words_name_and_terms_served(text, anchors):
    nlp = load_parser(Settings().spacy_model)
    assert {q.anchor for q in quantities(nlp(text))} == anchors


def test_a_span_of_days_keeps_its_last_day():
    span = date_value("from October 26 to November 20")
    assert (span.month, span.day, span.end.month, span.end.day) == (10, 26, 11, 20)
    assert date_value("3 to 5 June").day == 3 and date_value("3 to 5 June").end.day == 5
    assert span.clashes(date_value("Oct. 26-Nov. 28")) and span.clashes(date_value("December 1"))
    assert not span.clashes(date_value("November 5")) and not span.clashes(date_value("November 20"))
    assert not date_value("Monday to Friday").clashes(date_value("Wednesday"))  # inside or not, unsaid
    dated = date_value("October 26 to November 20, 2011")  # the first day takes the last's year
    assert dated.clashes(date_value("November 5, 2012")) and not dated.clashes(date_value("November 5, 2011"))
    assert date_value("December 20 to January 5, 2012").year == 2011
