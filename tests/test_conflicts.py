"""Conflict kinds on tiny inputs: each clash is found, and each look-alike that is no clash is not."""

from __future__ import annotations

import itertools
import random
from datetime import datetime

import numpy as np
import pytest

from storylens.compare import _near_copies, _skeleton, _Unit, compare_story
from storylens.conflicts import (
    ConflictFinder, SpokenQuote, Statement as Stmt, _one_name_changed, _one_number_changed, _polar_verbs, load_parser,
    speaker_conflicts,
)
from storylens.model import Article, Mention, Sentence
from storylens.values import clock_times
from storylens.settings import Settings

SETTINGS = Settings(n_process=1)


@pytest.fixture(scope="module")
def finder() -> ConflictFinder:
    return ConflictFinder(load_parser(SETTINGS.spacy_model), lambda s: s)


def kinds(finder: ConflictFinder, first: str, second: str, names=None, similarity: float = 0.9) -> list[str]:
    found = finder.find([[(Stmt("a", 0, first), Stmt("b", 0, second), similarity)]], [], names or {})
    return sorted(c.kind for c in found)


@pytest.mark.parametrize("first, second, conflict", [
    # the same count under another noun, the pair agreeing on the other value
    ("Jackson caught 59 passes and led the team with 1,098 yards.",
     "Jackson had 59 catches for 1,525 yards.", True),
    ("Three killed as rioters bomb Greek bank", "Ten dead after fire-bomb hits bank during Greek riots", True),
    ("Three people were killed in the fire.", "The fire killed three people.", False),
    ("At least two buildings caught fire.", "Four buildings caught fire.", False),  # a bound
    ("About 100 people were evacuated.", "98 people were evacuated.", False),  # rounding
    ("Trump has won 100 delegates so far.", "Trump has won 120 delegates.", False),  # a running count
    # the whole a part is taken from is no count of the part
    ("Thomas missed nine games with the ankle injury.", "Thomas missed 10 of the Saints' 16 games with the ankle injury.", False),
    # a number before a singular noun names it, a number before a comparative is a difference
    ("Police arrived after two women were found dead, following a 999 call.",
     "Police arrived after two women were found dead, following a 911 call.", False),
    ("Klitschko won the fight in six rounds.", "Klitschko won the fight five rounds sooner than in 2008.", False),
    # a range clashes only with a value outside it
    ("Three or four robbers burst into the store.", "Eight robbers burst into the store.", True),
    ("Three or four robbers burst into the store.", "Four robbers burst into the store.", False),
    ("Five to seven people were hurt in the blast.", "Six people were hurt in the blast.", False),
    # one entity for the whole range: its ends, not their sum
    ("The reform raises the number of seats from 65 to 125.", "Voters will fill 125 seats.", False),
    ("The reform raises the number of seats from 65 to 125.", "Voters will fill 190 seats.", True),
    # a breakdown by nationality: each count is its nationality's, whatever noun it hangs from
    ("Commandos seized 12 Somali and 11 Yemeni nationals on the boat.",
     "Commandos nabbed 12 Somali and 17 Yemeni pirates on the boat.", True),
    ("Commandos seized 12 Somali and 11 Yemeni nationals on the boat.",
     "Commandos nabbed 11 Yemeni and 12 Somali pirates on the boat.", False),
    # a collective noun counted in the singular is counted
    ("The three boats had a total of 26 Somali crew on board.", "The three boats had a total of 38 Somali crew on board.", True),
    # 'a total of' sums only what it heads: the sentence's other counts compare
    ("A total of 288 candidates ran for 125 parliamentary seats.",
     "Almost all of the 288 candidates running for 71 seats came from the ruling party.", True),
    ("The navy has thus far confiscated a total of 14 rifles, 47 magazines and 923 rounds.",
     "The navy confiscated 14 rifles, 31 magazines and 923 rounds from the boat.", False),
    # a length of time the sentence gives is a term; one that dates something is none
    ("The MPs' term of office is five years.", "The MPs' term of office is ten years.", True),
    ("He was sentenced to five years in prison.", "He was sentenced to eight years in prison.", True),
    ("The plant will close in two years, the company said.", "The plant will close in five years.", False),
    # an age written "N-year-old" is an age: a birthday apart is none
    ("The 40-year-old American never recovered.", "The 61-year-old American never recovered.", True),
    ("Sixty-year-old Sharron Smith is accused of the murders.", "61-year-old Sharron Smith was arrested.", False),
    ("On Friday, 36 - year - old Duncan Rait died after a fall.", "On Friday, 22 - year - old Duncan Rait died after a fall.", True),
    # an age the words say is one: "at the age of", "at age", "aged", its holder the verb's subject
    ("Mark Felt, the FBI official, died Thursday at the age of 95.",
     "Mark Felt, the FBI source who brought down Nixon, has died at age 152.", True),
    ("Esther Williams died on Thursday in Beverly Hills at the age of 91.",
     "Golden girl of screen and pool, Esther Williams, has died peacefully in her sleep aged 147.", True),
    ("Esther Williams died on Thursday at the age of 91.", "Esther Williams died peacefully aged 91.", False),
    ("Esther Williams, swimming star, dies at 91", "Esther Williams, swimming star, dies at 119", True),
    # "died at 91" is an age, not a toll of 91 dead
    ("The actress died on Thursday at 91.", "The actress died in Beverly Hills at 91 after a long illness.", False),
    # two named people's ages are two facts, whatever else the sentences share
    ("The day before, another climber, 36-year-old Duncan Rait, died after falling 200 feet in the park.",
     "The day after, 31-year-old Robert Buckley slipped and fell 200 feet in the park.", False),
    # a length of time spent or served is a term, a season as much as a year
    ("He spent seven seasons as an assistant coach for the Sixers.",
     "He spent five seasons as an assistant coach for the Sixers.", True),
    # a number grown into a name counts nothing
    ("He coached the 76ers for seven seasons.", "He coached the 76ers for seven seasons in all.", False),
])
def test_number_kinds(finder, first, second, conflict):
    assert ("number" in kinds(finder, first, second)) is conflict


def test_a_mom_of_12_is_a_mother_of_12(finder):
    """One count of her children, anchored alike, so compared in a loose paraphrase too (cosine
    0.67, below the bar for a lone count of different anchors)."""
    first = "Gang member guilty in slay of Brooklyn mom of 12"
    assert "number" in kinds(finder, first, "Guilty verdict for murderer of Brooklyn mother of 17", similarity=0.67)
    assert "number" not in kinds(finder, first, "Guilty verdict for murderer of Brooklyn mother of 12", similarity=0.67)


SCHEDULED = "Parliamentary elections in Turkmenistan which are planned for December 15, 2013, will be held on a two-party basis."


@pytest.mark.parametrize("second, conflict", [
    # the day a thing is set for, in side clauses of sentences telling other acts; the parser hangs
    # the second clause on the last noun of "the election of deputies of the Mejlis"
    ("Regarding the election of deputies of the Turkmen Mejlis (Parliament), which is scheduled for December 20, 2013, "
     "a decision was taken on establishment of electoral districts.", True),
    ("Regarding the election of deputies of the Turkmen Mejlis (Parliament), which is scheduled for December 15, 2013, "
     "a decision was taken on establishment of electoral districts.", False),
    ("Regarding the trial of the deputies, which is scheduled for December 20, 2013, a decision was taken on "
     "establishment of electoral districts.", False),  # another thing's day
])
def test_the_day_a_thing_is_set_for_in_side_clauses(finder, second, conflict):
    found = finder.same_act([(Stmt("a", 0, SCHEDULED), Stmt("b", 0, second))])
    assert any(c.kind == "date" for c in found) is conflict


NICHOLS = "Nichols was sentenced Saturday morning to seven life sentences and four sentences of life without parole plus 485 years."
NICHOLS_COPY = ("Fulton Courthouse killer Brian Nichols was sentenced Saturday morning to seven life sentences and "
                "{} sentences of life without parole plus {} years for the crimes he committed on March 11, 2005.")


@pytest.mark.parametrize("second, later, changed", [
    # a wire sentence, lengthened at both ends, one figure changed: the words around it say what it counts
    (NICHOLS_COPY.format("four", "726"), 0, ["485", "726"]),  # "485 years", which spaCy tags DATE
    (NICHOLS_COPY.format("nine", "485"), 0, ["four", "nine"]),  # one of two counts of one noun
    (NICHOLS_COPY.format("4", "485"), 0, []),  # the same figure, in figures
    (NICHOLS_COPY.format("nine", "726"), 0, []),  # two figures changed: no copy to go by
])
def test_a_copy_with_one_number_changed(second, later, changed):
    nlp = load_parser(SETTINGS.spacy_model)
    found = _one_number_changed(Stmt("a", 0, NICHOLS), Stmt("b", 0, second), nlp(NICHOLS), nlp(second), later)
    assert [x.value for c in found for x in c.claims] == changed


def test_a_copy_with_one_number_changed_not_a_rounding_nor_a_risen_toll():
    nlp = load_parser(SETTINGS.spacy_model)
    first = "The quake killed {} people in the city of Bam on Friday, officials said."

    def changed(x: str, y: str, later: int = 0) -> bool:
        a, b = first.format(x), first.format(y)
        return bool(_one_number_changed(Stmt("a", 0, a), Stmt("b", 0, b), nlp(a), nlp(b), later))

    assert changed("100", "120") and changed("120", "100", later=1)
    assert not changed("100", "120", later=1)  # the later report's higher toll is an update
    assert not changed("nearly 100", "nearly 98")
    stamp = "Filed by staff writer John Smith for the Daily News. POSTED: {} / 02 / 07, 9:00 PM PDT"
    a, b = stamp.format("05"), stamp.format("04")
    assert not _one_number_changed(Stmt("a", 0, a), Stmt("b", 0, b), nlp(a), nlp(b))  # a date, not a count


@pytest.mark.parametrize("first, second, conflict", [
    # one death told twice, each giving an age by its words: whoever each calls her, one age
    ("\"Million Dollar Mermaid\" Swimmer And Actress Dies Aged 91.",
     "The self-described \"Million Dollar Mermaid,\" whose aquatic skills launched an entire genre of movies, died Thursday at 31.", True),
    ("\"Million Dollar Mermaid\" Swimmer And Actress Dies Aged 91.",
     "The self-described \"Million Dollar Mermaid,\" whose aquatic skills launched an entire genre of movies, died Thursday at 91.", False),
    # ages not said to be ages at death may be two victims'; two named people are two
    ("A 23-year-old man died at the scene, police said.", "A 45-year-old woman died in hospital, police said.", False),
    ("John Smith died at 23 at the scene, police said.", "Mary Jones died aged 45 in hospital, police said.", False),
])
def test_ages_at_death_in_a_loose_paraphrase(finder, first, second, conflict):
    assert ("number" in kinds(finder, first, second, similarity=0.77)) is conflict


@pytest.mark.parametrize("first, second, conflict", [
    ("His body was discovered Tuesday by a maid, the coroner said.", "His body was found Thursday by a maid.", True),
    ("The attack happened on Tuesday, officials said.", "The attack happened on Tuesday, officials said Thursday.", False),
    # the day of an announcement, however given, is the day of the report
    ("Subsea cable operator Seacom announced on Twitter today (14 October 2011) that they have restored all "
     "their business customers on alternate routes.",
     "Subsea cable operator, Seacom, announced on Twitter today (20 October 2011) that they have restored "
     "services to all customers using alternate routes.", False),
    ("Seacom restored all services on 14 October 2011.", "Seacom restored all services on 20 October 2011.", True),
    ("He will miss Sunday's game after his arrest.", "He was arrested on Tuesday and will miss the game.", False),
    ("The summit opened on Monday.", "The summit opened on March 5.", False),  # weekday vs date
    # a thing announced on a day: the announcement is the news, dated ("it was announced that" is not)
    ("The start of the campaign will be announced on October 5, 2013.",
     "It is expected that the start of the campaign will be announced on October 22, 2013.", True),
    # a span of days: its last day counts too; a day inside it is no other day
    ("Registration will run from October 26 to November 20.", "Registration will run from October 26 to November 28.", True),
    ("Registration will run from October 26 to November 20.", "Registration will close on November 20.", False),
    ("Registration will run from October 26 to November 20.", "Registration will open on October 20.", True),
    # the agencies that report or cite an event are no actors of it
    ("A 5.6-magnitude earthquake jolted Qeshm island on Sunday, state television reported, cited by AFP.",
     "An earthquake of magnitude 5.6 shook the island of Qeshm on Thursday, ISNA news agency reported.", True),
])
def test_date_kinds(finder, first, second, conflict):
    assert ("date" in kinds(finder, first, second)) is conflict


NAMES = {"a": {"John Smith", "Athens"}, "b": {"Peter Jones", "Madrid"}}


@pytest.mark.parametrize("first, second, names, kind", [
    # each side names someone the other article never mentions, in a paraphrase
    ("Police arrested John Smith at the border late on Sunday.",
     "Late on Sunday, border guards detained Peter Jones.", NAMES, "name"),
    ("The bomb exploded outside a bank in Athens.", "A bank in Madrid was hit by the bomb.", NAMES, "place"),
    # partial names, a name the other article also knows, and two quoted officials are no clash
    ("Police arrested John Smith at the border.", "Police arrested Smith at the border.",
     {"a": {"John Smith"}, "b": {"Smith"}}, None),
    ("Police arrested John Smith at the border.", "Police arrested Peter Jones at the border.",
     {"a": {"John Smith", "Peter Jones"}, "b": {"Peter Jones", "John Smith"}}, None),
    ("The border was closed, John Smith said.", "The border was closed, Peter Jones said.", NAMES, None),
    # two people who share only a first name are two people
    ("He was an assistant to John Mitchell, the attorney general.",
     "He was an assistant to John Gotti, the attorney general.",
     {"a": {"John Mitchell"}, "b": {"John Gotti"}}, "name"),
    # a place that only qualifies a noun says nothing about where it happened
    ("Grady hospital neurosurgeon Sanjay Gupta was offered the post.",
     "In a nod to India's doctors, Sanjay Gupta was offered the post.",
     {"a": {"Sanjay Gupta", "Grady"}, "b": {"Sanjay Gupta", "India"}}, None),
    # a name only in a side clause is a circumstance, not the fact's actor
    ("Angels general manager Tony Reagins confirmed that the team made an offer to Mark Teixeira.",
     "The Angels made an offer to Mark Teixeira that surpasses the deal they gave to Torii Hunter.",
     {"a": {"Tony Reagins", "Mark Teixeira"}, "b": {"Torii Hunter", "Mark Teixeira"}}, None),
    # a generic word spaCy took for a place names none
    ("The quake levelled villages on the Iranian island of Qeshm.", "The quake levelled villages on the Island.",
     {"a": {"Qeshm"}, "b": {"Island"}}, None),
    # a suburb and its city are one area at two grains
    ("The fire broke out at a furniture store in Los Angeles, police said.",
     "The fire broke out at a furniture store in Malibu.", {"a": {"Los Angeles"}, "b": {"Malibu"}}, None),
    ("The fire broke out at a furniture store in Los Angeles, police said.",
     "The fire broke out at a furniture store in Dubai.", {"a": {"Los Angeles"}, "b": {"Dubai"}}, "place"),
    # who announced it, listed: speakers all, not the fact's actors
    ("Television icon Ellen DeGeneres will return to host the Oscars for a second time, producers Craig Zadan "
     "and Neil Meron announced today.",
     "Comedian Ellen DeGeneres will make her second appearance as an Academy Awards host next year, organizers "
     "said on Friday, after a ribald performance by Seth MacFarlane.",
     {"a": {"Ellen DeGeneres", "Craig Zadan", "Neil Meron"}, "b": {"Ellen DeGeneres", "Seth MacFarlane"}}, None),
    # a mountain the gazetteer does not know may lie in the country it knows; a site in the town
    ("A climber died after a fall at Aoraki Mount Cook on Friday.", "A climber died after a fall in New Zealand on Friday.",
     {"a": {"Aoraki Mount Cook"}, "b": {"New Zealand"}}, None),
    ("More than 50 firefighters tackled the blaze at the store in Banstead.",
     "More than 50 firefighters tackled the blaze at the store in High Street.",
     {"a": {"Banstead"}, "b": {"High Street"}}, None),
    # a place the parser hung elsewhere, right after 'in', still says where; a place's people act there
    ("Voters in Turkmenistan cast ballots Sunday in a parliamentary election.",
     "Voters in reclusive Georgia elect a parliament Sunday.", {"a": {"Turkmenistan"}, "b": {"Georgia"}}, "place"),
    ("Voters in Turkmenistan cast ballots Sunday in a parliamentary election.",
     "Georgia's voters went to the polls Sunday in a parliamentary election.", {"a": {"Turkmenistan"}, "b": {"Georgia"}}, "place"),
    # the area after a town it holds is that town, given twice: "Los Angeles, California"
    ("Bettie Page died in a Los Angeles, California, hospital on Thursday.", "Bettie Page died at a Singapore area hospital on Thursday.",
     {"a": {"Los Angeles", "California"}, "b": {"Singapore"}}, "place"),
    # but a sea lies in no town
    ("The pirates attacked the tanker in the Gulf of Aden on Friday.", "The pirates attacked the tanker in Staunton on Friday.",
     {"a": {"Gulf of Aden"}, "b": {"Staunton"}}, "place"),
    # but a place qualifying a site says where: "a boutique in Paris" / "a posh Philadelphia avenue"
    ("Robbers snatched diamond rings from a boutique in Paris, officials said.",
     "Robbers snatched diamond rings from a boutique on a posh Philadelphia avenue, officials said.",
     {"a": {"Paris"}, "b": {"Philadelphia"}}, "place"),
])
def test_name_and_place_kinds(finder, first, second, names, kind):
    found = kinds(finder, first, second, names, similarity=0.8)
    assert [k for k in found if k in {"name", "place"}] == ([kind] if kind else [])


@pytest.mark.parametrize("around, kind", [
    ("", None),  # nothing says where the gulf lies: it may be Iran's
    (" between Somalia and Yemen", "place"),  # its sentence puts it by Somalia and Yemen, not in Iran
    (" off Bandar Abbas", None),  # an Iranian port: the gulf may be Iran's
])
def test_unknown_place_beside_a_country_by_its_sentence(finder, around, kind):
    a = Stmt("a", 0, f"The navy arrested 23 pirates who threatened a merchant vessel in the Gulf of Aden{around} on Saturday.")
    b = Stmt("b", 0, "The navy repulsed an attack on a merchant vessel in Iran on Saturday and nabbed 23 pirates.")
    elsewhere = {"Somalia", "Yemen", "Bandar Abbas"}  # the other article names them too
    names = {"a": {"Gulf of Aden"} | elsewhere, "b": {"Iran"} | elsewhere}
    found = finder.find([[(a, b, 0.8)]], [], names, places={"a": {"Gulf of Aden"} | elsewhere, "b": {"Iran"} | elsewhere})
    assert [c.kind for c in found if c.kind == "place"] == ([kind] if kind else [])


@pytest.mark.parametrize("first, second, conflict", [
    # each side says where it happened, and each another place: compared below the paraphrase bar
    ("Armed robbers made off with diamonds from a famed Paris store.",
     "Robbers stole diamonds valued at 85 million euros from the Dubai branch of the jeweler.", True),
    ("Armed robbers stole diamonds from a boutique in Paris on Thursday.",
     "The robbers escaped with the jewels and drove to Dubai.", False),  # where they went, not where it happened
])
def test_places_of_the_event_in_a_loose_paraphrase(finder, first, second, conflict):
    names = {"a": {"Paris"}, "b": {"Dubai"}}
    assert ("place" in kinds(finder, first, second, names, similarity=0.68)) is conflict


def test_one_name_differing_in_a_list_of_the_same_others(finder):
    first = "The only healthy running backs on the roster will be Reggie Bush and Julius Jones."
    second = "They still have Katherine Gomes and Julius Jones to head the running game."
    names = {"a": {"Reggie Bush", "Julius Jones"}, "b": {"Katherine Gomes", "Julius Jones"}}
    assert "name" in kinds(finder, first, second, names, similarity=0.7)
    other = "They still have Katherine Gomes and Pierre Thomas to head the running game."
    assert "name" not in kinds(finder, first, other, {**names, "b": {"Katherine Gomes", "Pierre Thomas"}}, similarity=0.7)


def test_names_given_as_examples_are_no_name_conflict(finder):
    first = "Promises is the home away from home for many stars including Britney Spears, Lindsay Lohan and Ben Affleck."
    second = "Promises is a celeb favorite for stars such as Britney Spears, Lindsay Lohan and Mel Gibson."
    names = {"a": {"Britney Spears", "Lindsay Lohan", "Ben Affleck"}, "b": {"Britney Spears", "Lindsay Lohan", "Mel Gibson"}}
    assert "name" not in kinds(finder, first, second, names, similarity=0.8)


def test_a_name_spacy_misses_in_one_sentence_is_read_as_the_story_knows_it():
    """spaCy, reading the sentence alone, tags no entity in "Costas Karamanlis has checked ...";
    the article-wide reading knows the name as a person's."""
    first = "The beautiful party girl Tara Reid is taking the time this season and checking herself into rehab."
    second = '" Costas Karamanlis has checked herself into Promises Treatment Center.'
    names = {"a": {"Tara Reid"}, "b": {"Costas Karamanlis"}}
    finder = ConflictFinder(load_parser(SETTINGS.spacy_model), lambda s: s, ["Tara Reid", "Costas Karamanlis"])
    found = finder.find([[(Stmt("a", 0, first), Stmt("b", 0, second), 0.7)]], [], names)
    assert [(c.kind, [x.value for x in c.claims]) for c in found] == [("name", ["Tara Reid", "Costas Karamanlis"])]


def test_a_name_spacy_tags_otherwise_is_read_as_the_story_knows_it():
    """spaCy tags "Hugh Jackman" GPE in this sentence; the story knows the full name as a person's,
    so the two hosts, each article's leading person the other never names, are one role named
    two ways."""
    first = "As word got out Friday that Hugh Jackman will be this year's Oscar host, a clip made the rounds."
    second = "Now that it's been confirmed that Barack Obama will be hosting the 81st Annual Academy Awards, we offer advice."
    finder = ConflictFinder(load_parser(SETTINGS.spacy_model), lambda s: s, ["Hugh Jackman", "Barack Obama"])
    stances = [Stmt("a", 0, first), Stmt("a", 1, "Jackman also hosted the Tonys."),
               Stmt("b", 0, second), Stmt("b", 1, "Obama will have to come up with his own hosting quirk.")]
    found = finder.find([], stances, {"a": {"Hugh Jackman"}, "b": {"Barack Obama"}})
    assert {(c.kind, tuple(x.value for x in c.claims)) for c in found} == {("name", ("Hugh Jackman", "Barack Obama"))}


def test_the_main_subject_named_differently_is_a_name_conflict(finder):
    """Each side also names someone else the other article never mentions (who made the offer),
    but the subjects of the main clauses differ: one fact, two people."""
    first = "Dr. Sanjay Gupta has been offered the post of surgeon general by President Barack Obama, sources said."
    second = "CNN reporter Raymond Kelly is under serious consideration to be the next surgeon general, officials said."
    names = {"a": {"Sanjay Gupta", "Barack Obama"}, "b": {"Raymond Kelly"}}
    assert "name" in kinds(finder, first, second, names, similarity=0.7)


@pytest.mark.parametrize("first, second, conflict", [
    # a source denies what the other outlet states
    ("Obama has asked Dr. Sanjay Gupta to be surgeon general, according to reports.",
     "Dr. Sanjay Gupta has been asked by Obama to be surgeon general, CNN officials denied Tuesday.", True),
    # someone denying something about himself answers an allegation; a rumour is no statement
    ("LaRue discounted rumors that he was Deep Throat, the Watergate source.",
     "LaRue denied that he was Deep Throat, the Watergate source.", False),
    ("LaRue was Deep Throat, the Watergate source, the paper said.",
     "LaRue denied that he was Deep Throat, the Watergate source.", False),
])
def test_fact_stated_and_denied(finder, first, second, conflict):
    assert ("confirm_deny" in kinds(finder, first, second, similarity=0.75)) is conflict


def test_light_verb_negated_with_its_object_is_a_polarity_conflict(finder):
    assert kinds(finder, "Congress also has taken steps to address the problem.",
                 "Congress also has not taken steps to address the problem.") == ["confirm_deny"]
    # a light verb alone is no fact: "has not taken" what?
    assert kinds(finder, "It has taken a long time.", "It has not taken a stand.") == []
    # a linking verb is one fact with what it links to
    assert kinds(finder, "Zurana Horton became a victim of the gang violence that plagues Brooklyn.",
                 "Zurana Horton did not become a victim of the gang violence that plagues Brooklyn.") == ["confirm_deny"]


def test_a_thing_reported_or_named_in_the_passive_is_the_fact(finder):
    assert kinds(finder, "So far only the collapse of walls has been reported, the governor said.",
                 "So far only the collapse of walls has not been reported, the governor said.") == ["confirm_deny"]
    assert kinds(finder, "It was originally called Tallgrass Hemp Company.",
                 "It was not originally called Tallgrass Hemp Company.") == ["confirm_deny"]
    # who said it is no fact of the story: outlets quote different people
    assert kinds(finder, "The governor said the walls collapsed.", "The governor did not say the walls collapsed.") == []


@pytest.mark.parametrize("first, second, conflict", [
    ("The new rules weaken the scientific foundation of the act.",
     "We should be looking for ways to improve the act, not weaken it.", False),  # a wish, no fact
    ("Agencies must not take actions that could harm listed species.", "The actions harm listed species.", False),
    ("The senator will attend the summit in Geneva.", "The senator will not attend the summit in Geneva.", True),
    ("The proposals require that agencies consult scientists.",
     "Nothing in the proposals requires that agencies consult scientists.", True),  # a negative subject
    # not until then: when it happens, not whether
    ("Woodward has said that he will reveal the informer's identity after his death.",
     "Woodward said he will not reveal the informer's identity until after Deep Throat dies.", False),
    ("The company will release the results on Monday.", "The company will not release the results until Monday.", False),
])
def test_polarity_of_wishes_possibilities_and_negative_subjects(finder, first, second, conflict):
    assert ("confirm_deny" in kinds(finder, first, second)) is conflict


@pytest.mark.parametrize("first, second, conflict", [
    # two relative clauses about two different parties
    ("Superdelegates should not sway the election, said Warren, who has not endorsed a candidate.",
     "Groups that have endorsed Sanders say superdelegates should back the pledged leader.", False),
    # one subject, named beside its noun on one side
    ("The beautiful party girl Tara Reid is taking time off and checking herself into rehab.",
     "Tara Reid has not checked herself into Promises Treatment Center.", True),
    # a negative object negates its verb too
    ("No one has shown symptoms such as fever, the commission said.", "The other 28 people have shown no symptoms.", False),
    # one relative clause about the same person
    ("Smith, who was not injured, spoke to reporters at the scene.",
     "Smith, who was injured, spoke to reporters at the scene.", True),
])
def test_polarity_in_relative_clauses_needs_one_owner(finder, first, second, conflict):
    assert ("confirm_deny" in kinds(finder, first, second, similarity=0.75)) is conflict


def test_a_count_in_a_side_clause_set_earlier_is_the_earlier_events(finder):
    first = "Three cases of plague have been diagnosed in China, sparking fears about the disease, though officials say the risk is low."
    second = ("Health authorities in Inner Mongolia have confirmed that a third case of the plague has been reported, "
              "after two people contracted it in Beijing earlier this month.")
    assert "number" not in kinds(finder, first, second, similarity=0.9)


def test_a_comparison_with_a_year_ago_sets_nothing_in_the_past(finder):
    first = "O'Brien led the Sixers to a 10-win improvement over the previous season and a playoff berth."
    second = "He led the Sixers to a 13-win improvement from a year ago and they returned to the playoffs."
    assert "number" in kinds(finder, first, second, similarity=0.85)
    assert "number" not in kinds(finder, first, second.replace("from a year ago", "a year ago"), similarity=0.85)


def test_a_rule_for_any_member_is_no_figure_of_one_actor(finder):
    sanders = "Sanders needs 836 delegates to clinch the nomination."
    assert "number" not in kinds(finder, sanders, "A candidate needs 2,383 delegates to win the nomination.")
    assert "number" not in kinds(finder, "Each team gets 12 picks in the draft.", "The Sixers get 14 picks in the draft.")
    # an indefinite subject of a past event is that event's
    assert "number" in kinds(finder, "A quake killed 612 people in Zarand.", "The quake killed 413 people in Zarand.")
    assert "number" in kinds(finder, "A powerful quake kills 10 in southern Iran", "The quake killed 12 people in Iran on Sunday.")


def test_bare_verbs_assert_nothing(finder):
    nlp = finder._nlp
    # an infinitive or a subjunctive is what ought (not) to happen, not what did
    assert "make threat" not in _polar_verbs(nlp("Free speech does not protect people to “make threats to harm judges.”"))
    assert "make threat" not in _polar_verbs(nlp("The rules ask that citizens not make threats to harm judges."))
    assert "make threat" in _polar_verbs(nlp("He made threats to harm judges."))
    assert "retain" in _polar_verbs(nlp("Klitschko stopped Thompson in the sixth round to retain his title belts."))


def test_one_disagreement_repeated_by_several_facts_is_one_conflict(finder):
    first, second = "Three people were killed in the fire.", "Ten people were killed in the fire."
    found = finder.find([[(Stmt("a", 0, first), Stmt("b", 0, second), 0.9)],
                         [(Stmt("a", 0, first), Stmt("c", 2, second), 0.9)]], [], {})
    assert [(c.kind, len(c.claims)) for c in found] == [("number", 3)]


def test_a_persons_age_is_compared_across_the_story(finder):
    """Ages stand in sentences that do not align; any two articles giving one person (by full
    name) ages more than a year apart conflict. A surname alone, a birthday, an age in a sentence
    about an earlier year, or two ages within one article are left alone."""
    stances = [
        Stmt("a", 0, "John Jenkin, 23, of Newton Street was arrested on Saturday."),
        Stmt("a", 1, "His sister Katie Jenkin, 20, was found dead."),
        Stmt("b", 4, "A hearing for John Jenkin, 14, charged with two murders, was held in Preston."),
        Stmt("b", 5, "Police said 21-year-old Katie Jenkin died at home."),
        Stmt("b", 6, "Jenkin, 30, was a nurse."),
    ]
    (conflict,) = finder.find([], stances, {})
    assert conflict.about == "age of John Jenkin" and conflict.kind == "number"
    assert {(c.article_id, c.sentence, c.value) for c in conflict.claims} == {("a", 0, "23"), ("b", 4, "14")}
    past = [Stmt("a", 0, "John Jenkin, 23, was arrested."), Stmt("b", 0, "In 1990, John Jenkin, 5, moved to Millom.")]
    assert finder.find([], past, {}, published={"a": datetime(2013, 7, 1), "b": datetime(2013, 7, 1)}) == []
    # two years between the reports: two years older
    later = [Stmt("a", 0, "Police are searching for Jose Luis Orozco, 27, a parolee."),
             Stmt("b", 0, "A jury found Jose Luis Orozco, 29, guilty of murder.")]
    assert finder.find([], later, {}, published={"a": datetime(2005, 6, 25), "b": datetime(2007, 8, 1)}) == []
    assert len(finder.find([], later, {}, published={"a": datetime(2005, 6, 25), "b": datetime(2005, 6, 26)})) == 1


def test_one_age_given_two_names_is_one_person_named_twice(finder):
    """Each article gives one age to one person the other never names: the same age, which no one
    else of either article is given, is one person (the convicted man) named two ways."""
    stances = [Stmt("a", 0, "Andrew Lopez, 20, and Jonathan Carrasquillo, 24, went on trial."),
               Stmt("b", 3, "Tim Mead, 20, was found guilty in the murder.")]
    names = {"a": {"Andrew Lopez", "Jonathan Carrasquillo"}, "b": {"Tim Mead"}}
    (conflict,) = finder.find([], stances, names)
    assert conflict.kind == "name" and {x.value for x in conflict.claims} == {"Andrew Lopez", "Tim Mead"}
    # the other article names him too: two people
    assert finder.find([], stances, {**names, "b": {"Tim Mead", "Andrew Lopez"}}) == []
    # someone else of that age in either article: which one is meant is not said
    two = [stances[0], Stmt("a", 1, "A witness, Mary Jones, 20, testified."), stances[1]]
    assert finder.find([], two, {**names, "a": names["a"] | {"Mary Jones"}}) == []
    # other ages: other people
    assert finder.find([], [stances[0], Stmt("b", 3, "Tim Mead, 31, was found guilty.")], names) == []


def test_an_age_before_a_role_noun_is_the_named_persons(finder):
    stances = [Stmt("a", 0, "Her 20 - year - old daughter Kathryn Jenkin of Aberdare was identified."),
               Stmt("b", 0, "Kathryn Jenkin, 7, and her mother were found on Saturday.")]
    (conflict,) = finder.find([], stances, {})
    assert conflict.about == "age of Kathryn Jenkin"


def test_parenthetical_confirm_and_deny(finder):
    stances = [
        Stmt("a", 0, "Gupta was approached for the surgeon general post, CNN officials confirmed."),
        Stmt("b", 0, "Gupta was approached for the surgeon general post, CNN officials denied."),
    ]
    (conflict,) = finder.find([], stances, {})
    assert conflict.kind == "confirm_deny"


def test_confirm_deny_is_about_the_confirmed_clause(finder):
    stances = [
        Stmt("a", 0, "The Ministry of Finance confirmed that the talks took place."),
        Stmt("b", 0, "Castellan Airways denied that any talks took place, saying it was fully funded."),
    ]
    (conflict,) = finder.find([], stances, {})
    assert conflict.about == "whether the talks took place"


class MaskedEncoder:
    """Any two sentences at cosine 0.5 (related, below the align threshold) unless both are masked
    (names replaced by "someone"), then 1: MiniLM on a paraphrase naming another person."""

    def encode(self, sentences: list[str]) -> np.ndarray:
        out = np.zeros((len(sentences), 64), dtype=np.float32)
        for row, text in enumerate(sentences):
            if "someone" in text:
                out[row, 0] = 1.0
            else:
                out[row, 0] = out[row, 1 + row % 63] = 0.5 ** 0.5
        return out


def article(aid: str, text: str, mentions: list[tuple[str, str]]) -> Article:
    return Article(id=aid, source_path=aid, title=aid, text=text, sentences=[Sentence(0, text, 0, len(text))],
                   mentions=[Mention(t, label, 0) for t, label in mentions])


def test_paraphrase_naming_another_person_is_compared():
    a = article("a", "Police arrested John Smith at the border late on Sunday.", [("John Smith", "PERSON")])
    b = article("b", "Late on Sunday, border guards detained Peter Jones.", [("Peter Jones", "PERSON")])
    brief = compare_story([a, b], SETTINGS, MaskedEncoder())
    assert [c.kind for c in brief.conflicts] == ["name"]


def test_same_statement_about_two_known_people_is_no_conflict():
    """ "Charles rushed for 226 yards" / "Hillis rushed for 101": both articles know both men."""
    a = Article(id="a", source_path="a", title="a", text="", sentences=[
        Sentence(0, "Jamaal Charles rushed for 226 yards in the loss.", 0, 1),
        Sentence(1, "Peyton Hillis also played for the Chiefs.", 0, 1)],
        mentions=[Mention("Jamaal Charles", "PERSON", 0), Mention("Peyton Hillis", "PERSON", 1)])
    b = Article(id="b", source_path="b", title="b", text="", sentences=[
        Sentence(0, "Peyton Hillis rushed for 101 yards in the loss.", 0, 1),
        Sentence(1, "Jamaal Charles also played for the Chiefs.", 0, 1)],
        mentions=[Mention("Peyton Hillis", "PERSON", 0), Mention("Jamaal Charles", "PERSON", 1)])
    assert compare_story([a, b], SETTINGS, MaskedEncoder()).conflicts == []


def test_near_copies_index_matches_all_pairs():
    rng = random.Random(1)
    vocab = "police arrested receiver border crossing night driving suspicion team game week fire bank".split()
    units = [_Unit(rng.randrange(3), "x", k, " ".join(rng.sample(vocab, rng.randint(3, 8)))) for k in range(40)]
    brute = [
        (i, j) for i, j in itertools.combinations(range(len(units)), 2)
        if units[i].article != units[j].article
        and len(_skeleton(units[i].text) & _skeleton(units[j].text)) >= 4
        and len(_skeleton(units[i].text) & _skeleton(units[j].text))
        >= 0.6 * len(_skeleton(units[i].text) | _skeleton(units[j].text))
    ]  # 3-8 words each: never the 10 shared words of an abridged copy
    assert sorted(_near_copies(units)) == brute


# --- rules added for the ECB+ conflict benchmark ------------------------------------------------


@pytest.mark.parametrize("first, second, conflict", [
    # two players' lines: numbers of different people are no clash ...
    ("Earl Clark finished with 25 points and 16 rebounds.",
     "Austin Daye finished with 20 points and eight rebounds.", False),
    # ... but the same player (by surname, whatever spaCy tags it) is
    ("Earl Clark finished with 25 points and 16 rebounds.", "Clark finished with 20 points and 16 rebounds.", True),
    # a name with an apostrophe is one word of both sentences
    ("O'Brien led the Sixers to a 10-win improvement over the previous season.",
     "O'Brien led the Sixers to a 13-win improvement from a year ago.", True),
    # a bare number spaCy tags DATE is still a count
    ("Ty Lawson added 16 points, and Danny Green had 14.", "Ty Lawson added 16 points, while Danny Green had 4.", True),
    # an age written as a plain number
    ("He was 75.", "He was 107.", True),
    ("Its shares have fallen 9 percent since the first report.", "Its shares fell 2 percent since the first report.", True),
    # a change on top of an earlier figure is not the total another report gives
    ("Its shares have fallen 9 percent since the first report.", "Shares fell a further 2 percent on Wednesday.", False),
    ("Five people were killed in the attack.", "Another two people were killed in the attack.", False),
    # the number of one member picked out of a set is not the plain one's
    ("The magnitude 6.4 tremor struck at 4:17 a.m.", "Aftershocks followed, the strongest a magnitude 5.1 tremor.", False),
    ("The magnitude 6.4 tremor struck at dawn.", "The largest aftershock, a magnitude 5.1 tremor, struck at noon.", False),
    ("The strongest aftershock was a magnitude 5.1 tremor.", "The strongest aftershock was a magnitude 5.4 tremor.", True),
    # one quake's magnitude, however worded
    ("A quake measuring 6.4 on the Richter scale hit the town of Zarand.",
     "An earthquake with a magnitude of 6.2 hit the town of Zarand.", True),
    ("A 6.4-magnitude quake hit the town of Zarand.", "A magnitude 6.4 earthquake hit the town of Zarand.", False),
    ("A quake measuring 6. 4 on the Richter scale hit the town.", "An earthquake with a magnitude of 6. 2 hit the town.", True),
    # a tokenised corpus's "1, 400" is 1,400
    ("The quake injured 1, 400 people.", "The quake injured 1,400 people.", False),
    # a numbered name: which version, which flight
    ("Targeted attacks directed at IE8 and 9 had been reported.", "Targeted attacks in IE 8 and IE 13 had been reported.", True),
    ("Malaysia Airlines Flight 370 vanished with 239 people aboard.", "Flight 17 vanished with 239 people aboard.", True),
    ("Attacks hit IE8 and 9.", "Attacks hit IE 8, IE 9 and IE 10.", False),  # one list longer
    ("The flaw affects IE 6 through to the latest IE 11.", "The flaw affects IE 8 and IE 9.", False),  # a range
    ("Attacks were limited to IE 8 and IE 9.", "Windows 8 and its browser, IE 10, are not affected.", False),
    ("Attacks were limited to IE 8 and IE 9.", "All versions are affected, including the IE 11 preview.", False),
    # another quake: recalled with its month, or any quake of a size
    ("A 6.4-magnitude quake hit the town of Zarand in February.", "A 5.9-magnitude quake hit the town of Qeshm.", False),
    ("A magnitude 6 quake can cause severe damage.", "The magnitude 6.4 quake caused severe damage.", False),
    # an organisation that is only the route, or a lowercase word tagged one, is no second actor
    ("At about 9:25 Thursday morning, navy personnel aboard warship INS Sukanya spotted a group of five suspicious boats.",
     "INS Sukanya detected ten suspicious boats through the Internationally Recognized Transit Corridor.", True),
    ("The Orioles offered Teixeira a seven-year deal.", "The Red Sox offered Teixeira an eight-year deal.", False),
])
def test_number_rules(finder, first, second, conflict):
    assert ("number" in kinds(finder, first, second)) is conflict


def test_numbered_name_both_articles_give_is_no_conflict(finder):
    """Each article names the other's version elsewhere: two lists of one set, not a clash."""
    a, b = Stmt("a", 0, "Targeted attacks hit IE8 and 9."), Stmt("b", 0, "Targeted attacks hit IE 8 and IE 10.")
    others = [Stmt("a", 1, "IE 10 users are safe."), Stmt("b", 1, "IE 9 users are safe.")]
    assert finder.find([[(a, b, 0.9)]], [a, b, *others], {}) == []
    assert [c.kind for c in finder.find([[(a, b, 0.9)]], [a, b], {})] == ["number"]


def test_the_day_a_statement_was_issued_is_no_date_of_the_event(finder):
    assert "date" not in kinds(finder, "On Monday, the label issued a statement that she may perform her songs at the awards.",
                               "The label says she will be allowed to play her songs at the awards on Sunday.", similarity=0.7)
    assert "date" in kinds(finder, "On Monday, she performed her songs at the awards.",
                           "She performed her songs at the awards on Sunday.", similarity=0.7)


def test_weekday_of_a_night_is_a_date(finder):
    """ "Thursday night" (DATE + TIME) against "Wednesday night" (one TIME entity)."""
    assert "date" in kinds(finder, "Hansbrough scored 20 points Thursday night against Evansville.",
                           "Hansbrough scored 20 points against Evansville on Wednesday night.")


@pytest.mark.parametrize("first, second, conflict", [
    ("The suspect was arrested after the shooting.", "The suspect was not arrested after the shooting.", True),
    ("Police arrested the man at the border on Sunday.",
     "Police did not arrest the man at the border on Sunday.", True),
    ("He died in the fire.", "He did not survive the fire.", False),  # another verb: a paraphrase
    ("The coroner said he believes LaRue died Saturday.", "The coroner does not believe LaRue died Saturday.", True),
    ("The suspect was arrested after the shooting.", "The suspect was arrested after the shooting.", False),
    # "neither ... nor" negates both verbs: two denials agree
    ("The airline said it was not seeking state aid.", "The airline said it had neither sought nor discussed state aid.", False),
    ("The airline said it had sought state aid.", "The airline said it had neither sought nor discussed state aid.", True),
    # a negation both sides give beside the one only one gives (and no name after the first word)
    ("Williams gave a blood sample for a blood-alcohol test, but the results were not yet known.",
     "Williams did not give a blood sample for a blood-alcohol test, but the results are not yet known.", True),
    # a summons is the fact, though "call" is a verb of speech; what someone called it is words said
    ("A rescue helicopter was called about 3pm to assist with the search.",
     "A rescue helicopter was not called to help with the search.", True),
    ("The mayor called the plan a disgrace on Monday.", "The mayor did not call the plan a disgrace.", False),
])
def test_negated_fact_is_confirm_deny(finder, first, second, conflict):
    assert ("confirm_deny" in kinds(finder, first, second)) is conflict


class TableEncoder:
    """Vectors from a table by exact text; any other text gets its own direction."""

    def __init__(self, table: dict[str, np.ndarray]) -> None:
        self.table = table

    def encode(self, sentences: list[str]) -> np.ndarray:
        out = np.zeros((len(sentences), 16), dtype=np.float32)
        for row, text in enumerate(sentences):
            out[row] = self.table.get(text, np.eye(16)[8 + hash(text) % 8])
        return out


def test_paraphrase_that_is_nobodys_best_match_is_compared():
    """A paraphrase naming someone else can rank behind other sentences on both sides (MiniLM
    weighs names): each sentence's closest few are re-scored masked, not only the best one."""
    a0, a1 = "Police arrested John Smith at the border late on Sunday.", "John Smith lives in Athens with his family."
    b0, b1 = "Late on Sunday, border guards detained Peter Jones.", "Peter Jones had been wanted since March."
    e = np.eye(16)
    table = {a0: e[0], b0: 0.45 * e[0] + (1 - 0.45**2) ** 0.5 * e[1], b1: 0.55 * e[0] + (1 - 0.55**2) ** 0.5 * e[2],
             a1: 0.56 * e[1] + (1 - 0.56**2) ** 0.5 * e[3]}
    # masked a0 and b0 say the same; the other masked sentences stay apart
    table["Police arrested someone at the border late on Sunday."] = e[5]
    table["Late on Sunday, border guards detained someone."] = e[5]
    a = Article(id="a", source_path="a", title="a", text="", sentences=[Sentence(0, a0, 0, 1), Sentence(1, a1, 0, 1)],
                mentions=[Mention("John Smith", "PERSON", 0), Mention("John Smith", "PERSON", 1),
                          Mention("Athens", "GPE", 1)])
    b = Article(id="b", source_path="b", title="b", text="", sentences=[Sentence(0, b0, 0, 1), Sentence(1, b1, 0, 1)],
                mentions=[Mention("Peter Jones", "PERSON", 0), Mention("Peter Jones", "PERSON", 1)])
    conflicts = compare_story([a, b], SETTINGS, TableEncoder(table)).conflicts
    assert [(c.kind, sorted(x.value for x in c.claims)) for c in conflicts] == [("name", ["John Smith", "Peter Jones"])]


# --- names swapped into one fact; stances on a quoted clause; statement dates ------------------

SMITH, JONES = Stmt("a", 0, "Police arrested John Smith at the border on Sunday."), Stmt("b", 0, "On Sunday, border guards detained Peter Jones.")
SWAPPED = {(("a", 0), ("b", 0)): frozenset({"name"})}


def test_names_that_align_once_swapped_are_a_name_conflict(finder):
    """Below the paraphrase bar, only the swap (made in compare.py) says the two fill one role."""
    assert finder.find([[(SMITH, JONES, 0.7)]], [], NAMES) == []
    found = finder.find([[(SMITH, JONES, 0.7)]], [], NAMES, SWAPPED)
    assert [(c.kind, [x.value for x in c.claims]) for c in found] == [("name", ["John Smith", "Peter Jones"])]


@pytest.mark.parametrize("first, second", [
    # each name in a side clause: two players lost, not one player named twice
    ("One day after John Smith was lost for the season, the team placed a rookie on the list.",
     "The team has struggled since training camp, when Peter Jones was lost for the season."),
    # a possessive modifier and a subject
    ("She follows John Smith's four stints as host.", "Producers announced that Peter Jones would host the show."),
])
def test_swapped_names_outside_the_main_clause_are_no_conflict(finder, first, second):
    pair = [[(Stmt("a", 0, first), Stmt("b", 0, second), 0.7)]]
    assert finder.find(pair, [], NAMES, SWAPPED) == []


def test_confirmed_and_denied_quoted_clause(finder):
    """"it was denied, 'X has checked in'" parses the cue under the quote's verb: it denies that clause."""
    stances = [Stmt("a", 0, "Reid had checked into the Promises Treatment Centre in Malibu, her publicist confirmed."),
               Stmt("b", 0, 'In a statement from her people, it was denied, "Tara Reid has checked herself into Promises Treatment Center."')]
    assert [c.kind for c in finder.find([], stances, {})] == ["confirm_deny"]


def test_day_of_a_confirmation_is_no_event_date(finder):
    assert "date" not in kinds(finder, "Tara Reid entered a rehab program, her rep confirmed to People on Friday.",
                               "Tara Reid entered a rehab program in Malibu on Tuesday.")


def test_abridged_copy_is_a_near_copy():
    """A copy that drops the longer sentence's last clause, its counts changed, still copies it."""
    units = [_Unit(0, "a", 0, "While two of them managed to escape, INS Sukanya successfully intercepted the remaining "
                              "three boats and, in a well practiced and professionally executed boarding-and-search "
                              "action, nabbed 26 Somali pirates with six rifles."),
             _Unit(1, "b", 0, "While five of them managed to get away, the Sukanya successfully intercepted the "
                              "remaining three and carried out well practiced and professionally executed "
                              "boarding-and-search action."),
             # the same words of the longer one, far fewer of the shorter one's own: another fact
             _Unit(2, "c", 0, "The navy successfully intercepted the remaining boats after a well practiced "
                              "search action, officials said, and praised the executed plan.")]
    assert _near_copies(units) == [(0, 1)]


def test_negated_copy_is_a_near_copy():
    """Negation words are left out of the skeleton, so "does not appreciate" still copies "appreciates"."""
    units = [_Unit(0, "a", 0, "We appreciate your respect for her family's privacy at this time."),
             _Unit(1, "b", 0, "We do not appreciate your respect for her family's privacy at this time, the actress's rep tells reporters.")]
    assert _near_copies(units) == [(0, 1)]


@pytest.mark.parametrize("first, second, names, conflict", [
    # one office, two holders quoted for one statement
    ("Prime Minister George Papandreou told parliament that the violence was unacceptable.",
     "Prime Minister Costas Simitis said the violence was unacceptable.",
     {"a": {"George Papandreou"}, "b": {"Costas Simitis"}}, True),
    # untitled speakers: outlets quote different people
    ("George Papandreou told parliament that the violence was unacceptable.",
     "Costas Simitis said the violence was unacceptable.",
     {"a": {"George Papandreou"}, "b": {"Costas Simitis"}}, False),
    # the other article knows the second speaker: two holders of a title, each quoted
    ("Prime Minister George Papandreou told parliament that the violence was unacceptable.",
     "Prime Minister Costas Simitis said the violence was unacceptable.",
     {"a": {"George Papandreou", "Costas Simitis"}, "b": {"Costas Simitis"}}, False),
])
def test_speaker_with_the_same_title_named_differently(finder, first, second, names, conflict):
    assert ("name" in kinds(finder, first, second, names, similarity=0.8)) is conflict


def test_lowercase_title_names_one_office_only_in_a_near_copy(finder):
    first = "Angels spokesman Tim Mead said he believed Moreno presented the offer to Boras."
    second = "Angels spokesman Andrew Lopez said he believed Moreno presented the offer to Boras."
    names = {"a": {"Tim Mead"}, "b": {"Andrew Lopez"}}
    assert "name" in kinds(finder, first, second, names, similarity=0.9)
    assert "name" not in kinds(finder, first, second, names, similarity=0.7)  # a force has several spokesmen


@pytest.mark.parametrize("first, second, similarity, conflict", [
    # spaCy spaces the hyphens: a measure of the noun it qualifies, compared in close paraphrases
    ("Brees threw a 7 - yard touchdown pass to Colston.", "Brees threw a 9 - yard touchdown pass to Colston.", 0.9, True),
    ("Brees threw a 7 - yard touchdown pass to Colston.", "Brees threw a 7 - yard touchdown pass to Colston.", 0.9, False),
    ("A 57 - year - old woman was indicted on Tuesday.", "A 75 - year - old woman was indicted on Tuesday.", 0.9, True),
    # looser pairs: a game has many passes
    ("Brees threw a 7 - yard touchdown pass to Colston.", "Brees hit Colston with a 9 - yard touchdown pass.", 0.7, False),
    # the length of a term belongs to the one offer an aligned pair reports
    ("The Angels made an eight-year offer to Mark Teixeira.", "The Angels offered Teixeira a five-year contract offer.", 0.7, True),
    ("The Angels made an eight-year offer to Mark Teixeira.", "The seven-year offers for Teixeira were lower.", 0.7, False),
    # two bidders' offers to one player are two facts
    ("The Orioles have offered Teixeira a seven-year deal worth $150 million.",
     "The Red Sox offered Teixeira an eight-year deal worth $200 million.", 0.85, False),
    # one term, whatever noun each outlet gives the agreement, in a close paraphrase
    ("The Angels have made an eight-year offer to first baseman Mark Teixeira.",
     "The Angels offered first baseman Mark Teixeira a five-year contract in Las Vegas.", 0.85, True),
    ("The Angels have made an eight-year offer to first baseman Mark Teixeira.",
     "The Angels offered first baseman Mark Teixeira an eight-year contract in Las Vegas.", 0.85, False),
    # a pass and a field goal are two things; a score is no measure; one play is no total
    ("Brees threw a 7 - yard touchdown pass.", "Brees kicked a 9 - yard field goal.", 0.9, False),
    ("The Saints won 20 - 13 on Sunday.", "The Saints won 27 - 13 on Sunday.", 0.9, False),
    ("Brees completed 29 passes for 364 yards.", "Brees completed a 10 - yard pass.", 0.9, False),
    # a count of the dead, whatever verb says how they died
    ("Three people suffocated in the burning bank.", "Seven people died in the burning bank.", 0.7, True),
])
def test_hyphened_measures_and_tolls(finder, first, second, similarity, conflict):
    assert ("number" in kinds(finder, first, second, similarity=similarity)) is conflict


@pytest.mark.parametrize("b0, conflict", [
    ("The New Orleans Saints placed Peter Jones on injured reserve Wednesday because of an ankle injury.", True),
    # too few words in common besides the names: no candidate, however the swap would encode
    ("Peter Jones was hurt Wednesday because of an ankle injury.", False),
])
def test_copy_naming_another_person_far_below_any_cosine_is_compared(b0, conflict):
    """MiniLM puts a copy naming someone else far apart (0.69 -> 0.23): pairs sharing enough words
    are swapped and encoded whatever their cosine."""
    a0 = "The Saints placed John Smith on injured reserve Wednesday."
    e = np.eye(16)
    table = {a0: e[0], b0: 0.2 * e[0] + (1 - 0.2**2) ** 0.5 * e[1], b0.replace("Peter Jones", "John Smith"): e[0]}
    a = article("a", a0, [("John Smith", "PERSON")])
    b = article("b", b0, [("Peter Jones", "PERSON")])
    conflicts = compare_story([a, b], SETTINGS, TableEncoder(table)).conflicts
    assert [c.kind for c in conflicts] == (["name"] if conflict else [])


BY_WORDS = {(("a", 0), ("b", 0)): frozenset({"name", "by words"})}


@pytest.mark.parametrize("first, second, conflict", [
    ("The Saints placed running back John Smith on IR Wednesday.",
     "The Saints placed Peter Jones on injured reserve Wednesday.", True),
    # both objects of something, but of nothing in common: two plays, not one named twice
    ("Garrard misfired on first down, then got sacked by John Smith to end the game.",
     "Garrard then threw the ball away over the head of Peter Jones in the end zone.", False),
    # two verbs, one subject relation and one object: one statement
    ('"John Smith has checked herself into Promises Treatment Center," her rep told Us.',
     "It's been a long time coming, but Peter Jones has finally entered Promises Treatment Center.", True),
    ("John Smith has checked into a hotel in Malibu.", "Peter Jones has finally left the treatment center.", False),
])
def test_pair_found_by_words_needs_one_frame(finder, first, second, conflict):
    """A pair found by its words alone (compare._swap_candidates) is a name conflict only when the
    two names fill the same relation to a shared content word, however close the swapped copy."""
    found = finder.find([[(Stmt("a", 0, first), Stmt("b", 0, second), 0.9)]], [], NAMES, BY_WORDS)
    assert [c.kind for c in found] == (["name"] if conflict else [])


@pytest.mark.parametrize("a_people, conflict", [
    # each article's one recurring cast member the other never names: another verb, same part
    (["John Smith"], True),
    # a second recurring person unknown to b: which of the two plays the part is not known
    (["John Smith", "Tom Brown"], False),
])
def test_pair_found_by_words_without_a_frame_names_each_articles_one_counterpart(a_people, conflict):
    """Two verbs leave no shared frame ("bombed" / "dumped"), but when each name is the one person
    its article names in several sentences and the other article never mentions, the two
    articles give the one counterpart two names."""
    finder = ConflictFinder(load_parser(SETTINGS.spacy_model), lambda s: s, ["John Smith", "Peter Jones", "Tom Brown"])
    first = "Klitschko bombed Smith with a vicious right hand in the fifth round."
    second = "Klitschko dumped Jones onto the canvas with a booming right in the fifth round."
    a_texts = [first, "Smith got up but never recovered."]
    if "Tom Brown" in a_people:
        a_texts += ["Brown shouted from the corner.", "Brown threw in the towel."]
    b_texts = [second, "Jones was stopped in the sixth."]
    stances = [Stmt("a", n, t) for n, t in enumerate(a_texts)] + [Stmt("b", n, t) for n, t in enumerate(b_texts)]
    names = {"a": {"Klitschko", *a_people}, "b": {"Klitschko", "Peter Jones"}}
    canon = {"Smith": "John Smith", "Jones": "Peter Jones", "Brown": "Tom Brown"}
    finder._canon = lambda s: canon.get(s, s)
    found = finder.find([[(Stmt("a", 0, first), Stmt("b", 0, second), 0.7)]], stances, names, BY_WORDS)
    assert [c.kind for c in found if c.about == "who"] == (["name"] if conflict else [])


def test_each_articles_leading_person_in_one_frame_is_one_part_named_twice():
    """Sentences naming different victims rarely align; read per article pair, the person each
    article names most, unknown to the other, filling one frame (killing X / killing Y), is one
    part given two names. Of two who tie for the lead, the one in the frame is; a tie of three
    (an article about no one), or a name the other article knows, is not."""
    people = ["John Smith", "Peter Jones", "Tom Brown"]
    finder = ConflictFinder(load_parser(SETTINGS.spacy_model), lambda s: s, people)
    canon = {"Smith": "John Smith", "Jones": "Peter Jones", "Brown": "Tom Brown"}
    finder._canon = lambda s: canon.get(s, s)
    a = [Stmt("a", 0, "The trial of two men accused of killing John Smith opened on Thursday."),
         Stmt("a", 1, "Smith was walking home from school.")]
    b = [Stmt("b", 0, "Prosecutors showed a video at the trial of two local toughs charged with killing Peter Jones."),
         Stmt("b", 1, "Jones was a mother of four.")]
    names = {"a": {"John Smith"}, "b": {"Peter Jones"}}
    found = finder.find([], a + b, names)
    assert [(c.kind, {x.value for x in c.claims}) for c in found] == [("name", {"John Smith", "Peter Jones"})]
    tied = b + [Stmt("b", 2, "Tom Brown testified for the defence."), Stmt("b", 3, "Brown left the court.")]
    found = finder.find([], a + tied, {"a": {"John Smith"}, "b": {"Peter Jones", "Tom Brown"}})
    assert [(c.kind, {x.value for x in c.claims}) for c in found] == [("name", {"John Smith", "Peter Jones"})]
    three = tied + [Stmt("b", 4, "Ann Green read a statement."), Stmt("b", 5, "Green wept.")]
    canon["Green"] = "Ann Green"
    crowd = ConflictFinder(load_parser(SETTINGS.spacy_model), lambda s: s, people + ["Ann Green"])
    crowd._canon = finder._canon
    assert crowd.find([], a + three, {"a": {"John Smith"}, "b": {"Peter Jones", "Tom Brown", "Ann Green"}}) == []
    assert finder.find([], a + b, {"a": {"John Smith", "Peter Jones"}, "b": {"Peter Jones"}}) == []


def test_a_surname_the_article_tags_a_person_is_one_in_its_sentence():
    """spaCy reading "Klitschko bombed Thompson ..." alone tags Thompson ORG; the article's
    reading knew him for a person, so the sentence's parse says so too, but only for a word of a
    full name the story gives a person (a company the article mis-tagged stays as it was)."""
    text = "Klitschko bombed Thompson with a vicious right hand in the fifth round."
    finder = ConflictFinder(load_parser(SETTINGS.spacy_model), lambda s: s, ["Tony Thompson"],
                            {("a", 0): {"Thompson", "Klitschko"}})
    plain = ConflictFinder(load_parser(SETTINGS.spacy_model), lambda s: s, ["Tony Thompson"])
    for f in (finder, plain):
        f._parse([Stmt("a", 0, text)])
    labels = {e.text: e.label_ for e in finder._docs[text].ents}
    alone = {e.text: e.label_ for e in plain._docs[text].ents}
    assert labels.get("Thompson") == "PERSON" != alone.get("Thompson")
    assert labels.get("Klitschko") == alone.get("Klitschko")  # no word of a known full name: untouched


@pytest.mark.parametrize("first, second, conflict", [
    # a value both sides give is set aside: one count of robbers is left on each side
    ("The four robbers, two of whom were disguised as women, stole the jewels.",
     "Twelve armed robbers -- two dressed as women -- made off with the jewels.", True),
    ("The four robbers, two of whom were disguised as women, stole the jewels.",
     "Four armed robbers -- two dressed as women -- made off with the jewels.", False),
    # "other rifles" are not the rifles
    ("The commandos seized seven assault rifles, two other rifles and a grenade launcher.",
     "Nine assault rifles and a grenade launcher were seized.", False),
    # a total over parts is not the part another side counts
    ("Three Internet cables were cut off the coast of Sicily on Friday.",
     "Earlier this year, five undersea cables were cut off the coast of Sicily.", False),  # an earlier event
    # an earlier event in a side clause only: the main clause's count is the story's
    ("Three Internet cables were cut off the coast of Sicily on Friday.",
     "After a cable was cut off Egypt earlier this year, five undersea cables were cut off the coast of Sicily.",
     True),
    ("Teixeira hit 13 homers in 54 games with the Angels.",
     "Playing in a combined 157 games with the Angels and Braves, Teixeira had 33 homers.", False),
    ("With 107 delegates at stake, she will win at least 56.", "In all, 691 delegates are up for grabs in five states.",
     False),
    ("The five companies can now bid to deliver payloads to the moon.", "All 14 companies can now bid to deliver payloads.",
     False),  # "all": the whole set
    # a part counts the things it is taken from, whatever the phrase hangs on
    ("An Indian warship foiled the attack on Friday, capturing 26 Somali brigands on three of the skiffs.",
     "The attack was foiled by an Indian warship, capturing 26 Somali brigands on nine of the skiffs.", True),
    ("Six AK-47 rifles, 12 magazines and 300 rounds of ammunition were seized from the boats.",
     "The ship seized a total of 14 AK-47 rifles, 31 magazines and 923 rounds during five operations.", False),
    # each side gives both figures, however the parse anchored them
    ("Orange officials said as much as 55 percent of traffic in Saudi Arabia, 52 percent in Egypt, and 82 percent "
     "in India was out of service.",
     "At one point as much as 55 percent of traffic in Saudi Arabia, 52 percent in Egypt and 82 percent in India "
     "was out of service, according to Orange.", False),
])
def test_shared_values_parts_and_totals(finder, first, second, conflict):
    assert ("number" in kinds(finder, first, second, similarity=0.75)) is conflict


@pytest.mark.parametrize("first, second, conflict", [
    # the weekday of the naming, though the other side also dates the show by a noun's month
    ("Oscar organizers on Friday unveiled Hugh Jackman as the host.",
     "On Thursday, the academy named Hugh Jackman as the host of February's annual show.", True),
    # two events dated in one sentence: which one the other side dates is unknown
    ("Cheeks, who was fired March 2, is the fourth coach since King took over on May 26, 2003.",
     "Cheeks was fired March 2 after nearly four seasons as coach.", False),
    # publication stamps differ between outlets without contradicting anything
    ("10 June 2013 Last updated at 14:00 GMT", "Last updated at 11:24, Tuesday, 18 June 2013", False),
    # lines of a schedule list dates; nothing is said to happen on them
    ("June 19 -- PNC Music Pavilion, Charlotte, NC", "June 20 -- Coastal Credit Union Music Park, Raleigh, NC", False),
    # the day of the main event, beside another event's day on one side; a size participle dates nothing
    ("An earthquake measuring 5.6 on the Richter scale jolted Qeshm island off Iran's southern coast on Sunday, "
     "followed by several aftershocks on Monday.",
     "A strong 5.6-magnitude earthquake jolted part of Qeshm island in the Gulf on Wednesday.", True),
    ("An earthquake measuring 5.6 on the Richter scale jolted Qeshm island off Iran's southern coast on Sunday, "
     "followed by several aftershocks on Monday.",
     "A strong 5.6-magnitude earthquake jolted part of Qeshm island in the Gulf on Monday.", False),
])
def test_dates_by_slot(finder, first, second, conflict):
    assert ("date" in kinds(finder, first, second)) is conflict


def test_counts_of_different_sets_are_no_conflict(finder):
    """Both sides give two counts of games, one agreed: the others count different games."""
    assert "number" not in kinds(finder,
        "Thomas missed nine games before coming back for three late - season games.",
        "Bush has played in the past six games, while Thomas was back for only three games.", similarity=0.75)


def test_numbers_of_an_earlier_event_are_not_the_storys(finder):
    """A sentence naming only a year before its article's recounts another event."""
    first = Stmt("a", 0, "A magnitude 8.8 quake centred off the Maule coast in 2010 killed more than 500 people.")
    second = Stmt("b", 0, "The magnitude 6.4 quake centred off the Maule coast killed 14 people.")
    days = {"a": datetime(2026, 3, 1), "b": datetime(2026, 3, 1)}
    assert not finder.find([[(first, second, 0.8)]], [], {}, published=days)
    # the same sentence in an article of 2010 reports the event itself
    days = {"a": datetime(2010, 3, 1), "b": datetime(2010, 3, 1)}
    assert [c.kind for c in finder.find([[(first, second, 0.8)]], [], {}, published=days)] == ["number"]


@pytest.mark.parametrize("day_a, day_b, conflict", [
    (1, 1, True),  # one day's reports disagree
    (1, 2, False),  # the toll rose in the next day's report: an update
    (2, 1, True),  # the later report gives fewer dead: a contradiction
    (None, 2, True),  # a date unknown
])
def test_a_toll_that_rises_in_a_later_report_is_an_update(finder, day_a, day_b, conflict):
    first, second = Stmt("a", 0, "The fire killed three people, police said."), Stmt("b", 0, "The fire killed eight people.")
    days = {k: datetime(2024, 5, d) for k, d in (("a", day_a), ("b", day_b)) if d}
    found = finder.find([[(first, second, 0.9)]], [], {}, published=days)
    assert ("number" in [c.kind for c in found]) is conflict


@pytest.mark.parametrize("first, second, conflict", [
    ("The quake killed 612 people in Zarand.", "The quake killed 600 people in Zarand.", False),  # rounded
    ("The quake killed 1,400 people in Zarand.", "The quake killed 1,000 people in Zarand.", True),
    ("The quake killed 110 people in Zarand.", "The quake killed 100 people in Zarand.", True),
    ("The quake killed 98 people in Zarand.", "The quake killed 100 people in Zarand.", False),
])
def test_a_round_number_is_the_rounding_of_a_close_exact_one(finder, first, second, conflict):
    assert ("number" in kinds(finder, first, second)) is conflict


@pytest.mark.parametrize("first, second, conflict", [
    ("Oscar organizers on Friday unveiled Hugh Jackman as the host of their gala film awards.",
     "The organization behind the Academy Awards named actor Steve Martin as the host of the annual show.", True),
    ("Oscar organizers on Friday unveiled Hugh Jackman as the host of their gala film awards.",
     "The organization behind the Academy Awards named actor Steve Martin as a presenter of the annual show.", False),
])
def test_names_given_the_same_role_are_a_name_conflict(finder, first, second, conflict):
    names = {"a": {"Hugh Jackman"}, "b": {"Steve Martin"}}
    assert ("name" in kinds(finder, first, second, names, similarity=0.7)) is conflict


def test_same_role_in_a_side_clause_of_a_swapped_pair(finder):
    """A pair that aligns only once its names are swapped, the role given in a side clause
    ("Even as organizers unveiled X as the host, ...") and with "named Y as" parsed oprd."""
    first = ("Even as Oscar organizers on Friday unveiled Hugh Jackman as the host of their gala film awards, "
             "the prospect of a U.S. actors strike was casting a long shadow.")
    second = "On Friday, the organization behind the Academy Awards named Australian actor Samuel Dalembert as the host."
    pair = [[(Stmt("a", 0, first), Stmt("b", 0, second), 0.7)]]
    found = finder.find(pair, [], {"a": {"Hugh Jackman"}, "b": {"Samuel Dalembert"}}, {(("a", 0), ("b", 0)): frozenset({"name"})})
    assert [(c.kind, c.about) for c in found] == [("name", "who (host)")]


# --- who said it (speaker_conflicts) -----------------------------------------------------------

_WORDS = "Many federal agencies do not have the scientific expertise to judge this"


def _spoken(speaker: str, article: str, text: str = _WORDS) -> SpokenQuote:
    return SpokenQuote(speaker, text, article, 3, f'"{text}," said {speaker}.')


def test_one_quote_in_two_mouths_is_a_name_conflict():
    found = speaker_conflicts([_spoken("Stuart Pimm", "a"), _spoken("Nirad Sinha", "b", _WORDS.upper() + "!")],
                              {"a": {"Stuart Pimm"}, "b": {"Nirad Sinha"}})
    assert [(c.kind, [x.value for x in c.claims]) for c in found] == [("name", ["Stuart Pimm", "Nirad Sinha"])]
    assert found[0].about.startswith('who said "many federal agencies')


def test_a_quote_inside_a_longer_one_is_the_same_quote():
    longer = _WORDS + " and may have vested interests"
    assert speaker_conflicts([_spoken("Stuart Pimm", "a", longer), _spoken("Nirad Sinha", "b")],
                             {"a": {"Stuart Pimm"}, "b": {"Nirad Sinha"}})


def test_no_speaker_conflict_when_the_other_article_knows_the_speaker_or_the_words_are_few():
    # b also names Pimm: the two may both have said it (a joint letter), or b quotes each in turn
    assert not speaker_conflicts([_spoken("Stuart Pimm", "a"), _spoken("Nirad Sinha", "b")],
                                 {"a": {"Stuart Pimm"}, "b": {"Nirad Sinha", "Stuart Pimm"}})
    assert not speaker_conflicts([_spoken("Stuart Pimm", "a", "a tragedy for everyone"),
                                  _spoken("Nirad Sinha", "b", "a tragedy for everyone")],
                                 {"a": {"Stuart Pimm"}, "b": {"Nirad Sinha"}})
    assert not speaker_conflicts([_spoken("Stuart Pimm", "a"), _spoken("Pimm", "b")],
                                 {"a": {"Stuart Pimm"}, "b": {"Pimm"}})


# --- where it happened (ConflictFinder.event_places) -------------------------------------------

def _event_places(finder, lead_a: str, lead_b: str, places_a: set[str], places_b: set[str], similarity: float = 0.6):
    leads = {"a": [Stmt("a", 0, "Jewel heist stuns the city"), Stmt("a", 1, lead_a)], "b": [Stmt("b", 1, lead_b)]}
    found = finder.event_places(leads, {"a": places_a, "b": places_b}, lambda x, y: similarity)
    return [(c.kind, [x.value for x in c.claims]) for c in found]


def test_two_articles_placing_the_event_in_two_cities_conflict(finder):
    assert _event_places(finder, "Armed robbers stole gems from luxury jewellers in the heart of Paris on Friday.",
                         "Armed thieves robbed the Harry Winston store in Nairobi on Thursday.",
                         {"Paris", "France"}, {"Nairobi"}) == [("place", ["Paris", "Nairobi"])]


def test_event_places_of_leads_told_in_other_words_conflict(finder):
    # 'The people of Turkmenistan have voted …' / 'Voters in reclusive Turkmenistan elect …': cosine 0.38
    assert _event_places(finder, "The people of Turkmenistan have voted in the first parliamentary election.",
                         "Voters in reclusive Ontario elect a parliament Sunday.", {"Turkmenistan"}, {"Ontario"},
                         similarity=0.37) == [("place", ["Turkmenistan", "Ontario"])]


def test_a_place_that_votes_is_where_the_vote_was(finder):
    assert _event_places(finder, "Turkmenistan voted Sunday in a parliamentary election meant to show change.",
                         "The people of Boston have voted in the first parliamentary election.", {"Turkmenistan"},
                         {"Boston"}) == [("place", ["Turkmenistan", "Boston"])]


@pytest.mark.parametrize("places_a, conflict", [
    ({"Turkmenistan", "Europe"}, True),  # a continent an article names holds no election of its own
    ({"Turkmenistan", "Berlin"}, False),  # a city of the other's country: the article may tell of it
])
def test_a_continent_named_elsewhere_does_not_hold_the_other_place(finder, places_a, conflict):
    found = _event_places(finder, "Voters in Turkmenistan cast ballots Sunday in a parliamentary election.",
                          "The parliament election is over in Germany.", places_a, {"Germany"})
    assert bool(found) is conflict


@pytest.mark.parametrize("lead_b, places_b, conflict", [
    ("Pirates attacked a merchant vessel in Brooklyn on Saturday.", {"Brooklyn"}, True),
    ("Pirates attacked a merchant vessel in Somalia on Saturday.", {"Somalia"}, False),  # the gulf may be Somalia's
    ("Pirates attacked a merchant vessel in the Red Sea on Saturday.", {"Red Sea"}, False),  # two seas: neither known
])
def test_an_event_place_the_gazetteer_lacks(finder, lead_b, places_b, conflict):
    found = _event_places(finder, "Pirates attacked a merchant vessel in the waters of the Gulf of Aden on Saturday.", lead_b,
                          {"Gulf of Aden"}, places_b)
    assert bool(found) is conflict


def test_where_a_quake_was_felt_is_no_event_place(finder):
    """A quake's object is where it struck in a pair of sentences, but an article's headline
    "tremor hits Dubai" tells where it was felt."""
    lead = "A strong earthquake struck the Iranian island of Qeshm in the Persian Gulf on Sunday."
    assert _event_places(finder, lead, "Iranian earthquake tremor hits Dubai", {"Qeshm", "Persian Gulf"}, {"Dubai"}) == []


def test_a_land_area_the_gazetteer_lacks_may_hold_the_town(finder):
    assert _event_places(finder, "A man was charged with the murder of his mother and sister in Millom.",
                         "A man was charged with the murder of his mother and sister in Cumbria.",
                         {"Millom"}, {"Cumbria"}) == []


def test_a_place_named_again_where_it_happened_is_the_event_place(finder):
    # the first "Paris" is the robbers' base, the second says where the heist happened
    assert _event_places(finder, "Paris robbers struck luxury jewellers in Paris on Friday.",
                         "Armed thieves robbed the Harry Winston store in Nairobi on Thursday.",
                         {"Paris"}, {"Nairobi"}) == [("place", ["Paris", "Nairobi"])]


@pytest.mark.parametrize("lead_b, places_b, similarity", [
    # one place at two grains
    ("Armed thieves robbed the Harry Winston store in France.", {"France"}, 0.6),
    # the other article names the place too, elsewhere
    ("Armed thieves robbed the Harry Winston store in Nairobi on Thursday.", {"Nairobi", "Paris"}, 0.6),
    # opening sentences about different things: a side place
    ("Speaking at a security conference in Nairobi, the admiral warned of more raids.", {"Nairobi"}, 0.2),
    # a place that says nothing of where the event happened
    ("Nairobi's police chief called the robbers professionals.", {"Nairobi"}, 0.6),
])
def test_no_event_place_conflict(finder, lead_b, places_b, similarity):
    assert _event_places(finder, "Armed robbers stole gems from luxury jewellers in the heart of Paris on Friday.",
                         lead_b, {"Paris", "France"}, places_b, similarity) == []


def test_one_title_given_to_two_people_by_two_articles():
    """Titles and family ties bound to a name are compared across the story: each article gives
    "coach" (or "mother") to someone the other never mentions. A different post ("assistant
    coach"), a holder named once, a holder the other article knows, and a speaker are not."""
    people = ["Jim O'Brien", "Paul Henry", "Maurice Cheeks", "Bob Ward", "Alice McMeekin", "David Letterman"]
    finder = ConflictFinder(load_parser(SETTINGS.spacy_model), lambda s: s, people)
    stances = [
        Stmt("a", 0, "The Sixers fired head coach Jim O'Brien on Monday."),
        Stmt("a", 1, "O'Brien led the team to the playoffs."),
        Stmt("a", 2, "A man was charged with killing his mother, Alice McMeekin, at home."),
        Stmt("a", 3, "McMeekin was 58."),
        Stmt("b", 0, "Philadelphia replaced Coach Paul Henry with Maurice Cheeks."),
        Stmt("b", 1, "Henry was let go after one season."),
        Stmt("b", 2, "His mother David Letterman and his sister were found dead."),
        Stmt("b", 3, "Letterman lived in Millom."),
    ]
    found = {c.about: {x.value for x in c.claims} for c in finder.find([], stances, {})}
    assert found == {"who (head coach)": {"Jim O'Brien", "Paul Henry"},
                     "who (mother)": {"Alice McMeekin", "David Letterman"}}
    other_post = [stances[0], stances[1], Stmt("b", 0, "Assistant coach Paul Henry was kept on."), stances[5]]
    assert finder.find([], other_post, {}) == []
    named_once = [stances[0], stances[1], stances[4]]
    assert finder.find([], named_once, {}) == []
    known = {"a": {"Jim O'Brien", "Paul Henry"}, "b": {"Paul Henry"}}
    assert finder.find([], stances[:2] + stances[4:6], known) == []
    speaking = [stances[0], stances[1], Stmt("b", 0, "\"We move on,\" said coach Paul Henry."), stances[5]]
    assert finder.find([], speaking, {}) == []


@pytest.mark.parametrize("text, expected", [
    ("The quake, which struck at 1353 (1023 GMT), was felt in Oman.", [(13 * 60 + 53, "local"), (10 * 60 + 23, "gmt")]),
    ("Police were called at 8:39am.", [(8 * 60 + 39, "local")]),
    ("It hit at 2 p.m. ET on Sunday.", [(14 * 60, "et")]),
    ("Lunch was served at noon.", [(12 * 60, "local")]),
    ("He ran 1500 metres; the score was 3:1 with 58:30 left.", []),  # no clock
])
def test_clock_times_read_the_time_of_day_and_its_zone(text, expected):
    assert [(t.minutes, t.zone) for t in clock_times(text)] == expected


@pytest.mark.parametrize("first, second, conflict", [
    ("The quake, which struck at 1353 (1023 GMT), was felt across the Gulf.",
     "The quake, which struck at 1906 (1023 GMT), was felt across the Gulf.", True),
    ("The quake struck at 10:24 a.m. on Sunday, killing 10 people.",
     "The quake struck at 11:40 a.m. on Sunday, killing 10 people.", True),
    # rounding, a hedge, another zone, another event of the day, the hour a statement was made
    ("The quake struck at 10:24 a.m. on Sunday.", "The quake struck at 10:30 a.m. on Sunday.", False),
    ("The quake struck at 10:24 a.m. on Sunday.", "The quake struck at about 11 a.m. on Sunday.", False),
    ("The quake struck at 10:24 a.m. on Sunday.", "The quake struck at about 3 p.m. on Sunday.", True),
    # a window after a time, or only a bound
    ("A 61-year-old man surrendered to police shortly after 6 p.m.", "He finally surrendered at 10 p.m. and was arrested.", True),
    ("A 61-year-old man surrendered to police shortly after 6 p.m.", "He finally surrendered at 6:20 p.m. and was arrested.", False),
    ("A 61-year-old man surrendered to police after 6 p.m.", "He finally surrendered at 10 p.m. and was arrested.", False),
    ("The quake struck at 10:24 a.m. local time.", "The quake struck at 11:40 a.m. GMT.", False),
    ("Police were called to the house at 8:39am and found two women dead.",
     "Police found two women dead in the house at 9:40am.", False),
    ("The quake killed 10 people, officials said at 3 p.m.", "The quake killed 10 people, officials said at 6 p.m.", False),
    # a dateline: when each outlet published
    ("Last updated at 11:11 GMT", "Last updated at 17:50 GMT", False),
    # a condition, another day: another game
    ("The Saints face Seattle in a wildcard game at 3:30 p.m. Saturday.",
     "If the Saints win, they face the Falcons at 8 p.m. Saturday.", False),
    ("The Saints face Seattle in a wildcard game at 3:30 p.m. Saturday.",
     "The Saints face the Falcons at 8 p.m. Saturday, Jan. 15.", False),
])
def test_times_of_day_of_one_event(finder, first, second, conflict):
    """Two readings of the clock for one event clash; bounds, zones and other events do not."""
    assert ("date" in kinds(finder, first, second)) == conflict


def test_a_title_said_of_the_name_is_a_title_too():
    """"X will be this year's Oscar host", "unveiled Y as the host", "Z will be hosting the show":
    the post said of a name by a copula, an 'as' phrase or the post's own verb; a past holder
    named once ("then host Jerry Lewis") does not make the post ambiguous."""
    people = ["Hugh Jackman", "Bill Gortney", "Jerry Lewis"]
    finder = ConflictFinder(load_parser(SETTINGS.spacy_model), lambda s: s, people)
    a = [Stmt("a", 0, "Organizers on Friday unveiled Hugh Jackman as the host of their gala film awards."),
         Stmt("a", 1, "Jackman won a Tony in 2004.")]
    for said in ("Word got out Friday that Bill Gortney will be this year's Oscar host.",
                 "It has been confirmed that Bill Gortney will be hosting the Academy Awards."):
        b = [Stmt("b", 0, said), Stmt("b", 1, "Gortney has hosted the Tonys."),
             Stmt("b", 2, "Then host Jerry Lewis forced the winners to dance.")]
        found = {c.about: {x.value for x in c.claims} for c in finder.find([], a + b, {})}
        assert found == {"who (host)": {"Hugh Jackman", "Bill Gortney"}}


@pytest.mark.parametrize("first, second, conflict", [
    # one syndicated sentence, one place changed (the speaker named in one, "he" in the other)
    ("\"When I was in Sydney watching the Oscars with my family, I never imagined this,\" he said.",
     "\"When I was in Perth watching the Oscars with my family, I never imagined this,\" Jackman said.", True),
    ("Qeshm, an island off the coast southwest of Bandar Abbas, has a population of 100,000.",
     "Qeshm, an island off the coast southwest of Bushehr, has a population of 100,000.", True),
    # two words changed, or a short line: no copy to go by
    ("Qeshm, an island off the coast southwest of Bandar Abbas, has a population of 100,000.",
     "Kish, an island off the coast southwest of Bushehr, has a population of 100,000.", False),
    ("Police in Paris said.", "Police in Lyon said.", False),
])
def test_a_copy_with_one_name_changed(finder, first, second, conflict):
    found = kinds(finder, first, second, similarity=0.95)
    assert (("place" in found) or ("name" in found)) == conflict


def test_a_copy_differing_in_house_style_and_one_place():
    """The copy rule alone: 'Mr.' and a comma are house style; one place (even one the gazetteer
    lacks, "QB") is the change; a second changed word makes it no copy."""
    nlp = load_parser(SETTINGS.spacy_model)
    first = "After his political career ended in scandal, LaRue returned to his home state of Mississippi to work."
    for second, found in (
        ("After his political career ended in scandal Mr. LaRue returned to his home state of QB to work.", ["QB"]),
        ("After his political career ended in disgrace, Mr. LaRue returned to his home state of QB to work.", []),
    ):
        a, b = Stmt("a", 0, first), Stmt("b", 0, second)
        conflicts = _one_name_changed(a, b, nlp(first), nlp(second))
        assert [c.claims[1].value for c in conflicts if c.kind == "place"] == found


@pytest.mark.parametrize("first, second, conflict", [
    # two stages of one process, each on its own day
    ("Two accused gang members went on trial Wednesday for killing a mother of 12.",
     "A gang member was convicted Tuesday for killing a mother of 12.", False),
    ("Seacom started to experience problems on Saturday, 8 October 2011, on its cable.",
     "Seacom said that its cable was repaired on 29 October 2011.", False),
    # one stage, or a verb that is no stage, told with two days
    ("Mark Felt, known as Deep Throat, died on Friday.", "W. Mark Felt, who was Deep Throat, died Thursday at 95.", True),
    ("The man was shot and killed on Friday.", "The man was killed on Thursday.", True),
])
def test_dates_of_two_stages_of_a_process_are_two_events(finder, first, second, conflict):
    assert ("date" in kinds(finder, first, second)) == conflict


@pytest.mark.parametrize("second, conflict", [
    # the one date of the trial among the other side's two: the plea's is another stage
    ("The case continued and a three day trial hearing was penciled in for March - he is due to enter his plea in September.", True),
    ("The case continued and a three day trial hearing was penciled in for October - he is due to enter his plea in September.", False),
])
def test_the_date_of_the_same_stage_among_several(finder, second, conflict):
    first = "The case was heard in his absence, and a provisional trial date was set for October 28 with a duration of three days."
    assert ("date" in kinds(finder, first, second)) == conflict


@pytest.mark.parametrize("first, second, conflict", [
    # each sentence dated, on no shared date: two events' figures
    ("The same island was hit by a 6.1 quake in September, injuring 40 people.",
     "Earlier on Sunday a quake jolted the island, injuring 12 people.", False),
    ("In January, five cables in the Middle East were cut.", "Three undersea cables were cut on Friday.", False),
    # one dated, one not: still one fact
    ("Three undersea cables were cut on Friday.", "Five undersea cables were cut.", True),
])
def test_figures_of_sentences_dated_apart_are_two_events(finder, first, second, conflict):
    assert ("number" in kinds(finder, first, second)) == conflict


def test_a_place_parsed_as_a_modifier_of_a_time_is_where_it_happened(finder):
    """"in San Francisco hours after …": spaCy makes the place a compound of "hours"."""
    first = "Several environmental groups filed a lawsuit in federal court in San Francisco hours after the announcement."
    second = "Three groups, Greenpeace among them, filed suit in Boston hours after the changes were announced."
    assert "place" in kinds(finder, first, second, similarity=0.66)


@pytest.mark.parametrize("first, second, conflict", [
    # "the town of X" is X; a quake's object is where it struck
    ("In February, a quake measuring 6.4 hit the southern town of Zarand, killing 612 people.",
     "In February, 600 people were killed in the city of Bushehr by a 6.4-magnitude quake.", True),
    # "off" a coast is where at sea
    ("The navy has carried out anti-piracy patrols in the waters off the Gulf of Aden since October 23.",
     "The warship, which carried out Saturday's operation, is on anti-piracy patrol in Mombasa.", True),
    # a local force's or court's place is where it happened
    ("Chicago police arrested two gang members on Friday.", "Boston police arrested two gang members on Friday.", True),
    # spaCy tags "Staunton Police" ORG, and "Perth" in "Perth police" nothing: the town still says where
    ("Staunton Police arrested the woman on murder charges in the 1967 slayings.",
     "Perth police arrested the woman on murder charges in the 1967 slayings.", True),
    ("A Brooklyn jury found Andrew Lopez guilty of murder.", "A Chicago jury found Andrew Lopez guilty of murder.", True),
    # but a person's employer only qualifies them
    ("A jury in Norwalk convicted a gang member of murdering a sheriff's deputy in June 2005.",
     "A jury convicted a gang member of murdering a Los Angeles County sheriff's deputy in June 2005.", False),
    # but two sentences that each date what they tell, on no shared date, tell of two events
    ("A 6.7-strength quake killed more than 26,000 people in the ancient city of Bam in December 2003.",
     "On Saturday, more than a dozen people were killed by a quake in eastern China.", False),
])
def test_where_it_happened_in_other_words(finder, first, second, conflict):
    assert ("place" in kinds(finder, first, second, similarity=0.68)) is conflict


def test_where_someone_is_from_is_no_place_of_the_fact(finder):
    first = "A hearing for John Jenkin, charged with the murders of his mother and sister, took place at Preston Crown Court."
    second = "John Jenkin has been charged with the murders of his mother and his sister, who is from Aberdare."
    assert "place" not in kinds(finder, first, second, similarity=0.8)
    moved = "John Jenkin has been charged with the murders of his mother and his sister at Aberdare Crown Court."
    assert "place" in kinds(finder, first, moved, similarity=0.8)


@pytest.mark.parametrize("first, second, similarity, conflict", [
    # two near copies of one announcement, dated on two days
    ("Two gang members are under arrest for the murder of a sheriff's deputy, police said Saturday.",
     "Two gang members were arrested for the murder of a sheriff's deputy, officials announced Monday.", 0.86, True),
    ("Two gang members are under arrest for the murder of a sheriff's deputy, police said Saturday.",
     "Two gang members were arrested for the murder of a sheriff's deputy, officials announced Saturday.", 0.86, False),
    # a looser pair may report two statements
    ("Two gang members are under arrest for the murder of a sheriff's deputy, police said Saturday.",
     "Police announced Monday that they had questioned two gang members about the murder.", 0.7, False),
    # the day of each article itself: two articles of two days
    ("Seacom announced on Twitter today (14 October 2011) that it had restored its business customers.",
     "Seacom announced on Twitter today (20 October 2011) that it had restored its business customers.", 0.9, False),
])
def test_the_day_of_one_statement(finder, first, second, similarity, conflict):
    assert ("date" in kinds(finder, first, second, similarity=similarity)) is conflict


@pytest.mark.parametrize("first, second, kinds", [
    # one act, told in other words on other days: no cosine aligns them
    ("After years of delays, the man who killed four people in a courthouse escape was sentenced Saturday "
     "to life in prison without parole.",
     "Brian Nichols was sentenced Wednesday morning to seven life sentences without parole in prison.", ["date"]),
    # the same act done to two people
    ("The Saints placed running back Chris Ivory on injured reserve Tuesday.",
     "The Saints placed running back Pierre Thomas on injured reserve Wednesday.", []),
    # two acts: the quake and its aftershocks
    ("The strong earthquake struck the southern island villages on Sunday, damaging homes.",
     "Strong aftershocks rattled the southern island villages on Monday, damaging homes.", []),
    # a second clause tells a second act, whose day it may be
    ("A strong quake killed more than 26,000 people in the ancient city of Bam in December 2003.",
     "A major quake killed more than 31,000 people in the ancient city of Bam in 2003, and 600 were killed "
     "in the city of Zarand in February.", []),
    # the days of two statements are not the day of the act
    ("Police said Saturday the escaped prisoner had been found in the southern village.",
     "Police said Monday the escaped prisoner had been found in the southern village.", []),
    # counts of one act
    ("INS Sukanya, deployed on anti-piracy patrols in the Gulf of Aden, was escorting a group of five "
     "merchant vessels through the transit corridor.",
     "The ship was escorting a group of seven merchant vessels through the transit corridor.", ["number"]),
    # other things counted
    ("The ship was escorting a group of five merchant vessels through the transit corridor.",
     "The ship was escorting the merchant vessels with two helicopters through the transit corridor.", []),
    # two acts of one kind done by two people
    ("Earl Clark finished the game with 25 points for the home team.",
     "Austin Daye finished the game with 20 points for the home team.", []),
    # whether the act was done
    ("The ship was escorting a group of five merchant vessels through the corridor when the bid occurred.",
     "Patrol vessel INS Sukanya was not escorting the five merchant vessels through the corridor in the Gulf "
     "of Aden on Thursday morning.", ["confirm_deny"]),
    # the act a verb of speech reports
    ("Last month, Navy warship INS Tabar had sunk a mother ship of the pirates in the Gulf of Aden.",
     "Last month, the Indian navy said it had not sunk a pirate mother ship in the Gulf of Aden.", ["confirm_deny"]),
    # a negative subject bounds who did it, it does not deny the act
    ("So far, no team involved has offered a contract longer than eight years.",
     "The Red Sox offered Teixeira an eight-year deal worth $184 million, team officials involved said.", []),
    # whether the act was done, a second act joined to it on both sides
    ("While two of them managed to escape, INS Sukanya successfully intercepted the remaining three boats and "
     "nabbed 26 Somali pirates.",
     "While two of them managed to get away, the Sukanya successfully did not intercept the remaining three and "
     "carried out a boarding action.", ["confirm_deny"]),
    # a negated verb that is not the act both tell
    ("Police charged the man with murder on Saturday after the office party shooting.",
     "Police did not name the man charged with murder on Saturday after the office party shooting.", []),
])
def test_same_act(finder, first, second, kinds):
    found = finder.same_act([(Stmt("a", 0, first), Stmt("b", 0, second))])
    assert sorted(c.kind for c in found) == kinds


def test_dated_act_told_in_other_words_is_compared():
    a = article("a", "After years of delays, the man who killed four people in a courthouse escape was sentenced "
                     "Saturday to life in prison without parole.", [])
    b = article("b", "Brian Nichols was sentenced Wednesday morning to seven life sentences without parole in prison.",
                [("Brian Nichols", "PERSON")])
    brief = compare_story([a, b], SETTINGS, ApartEncoder())
    assert [(c.kind, sorted(x.value for x in c.claims)) for c in brief.conflicts] == [("date", ["Saturday", "Wednesday"])]


class ApartEncoder:
    """Every sentence at cosine 0 to every other, masked or not: nothing aligns by meaning."""

    def encode(self, sentences: list[str]) -> np.ndarray:
        first = getattr(self, "rows", 0)  # each sentence encoded gets an axis of its own
        self.rows = first + len(sentences)
        return np.eye(len(sentences), 256, first, dtype=np.float32)
