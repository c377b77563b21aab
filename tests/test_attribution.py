"""Attribution on tiny inputs: quote marks glued to words, colon introductions, quote-only cue
verbs, and quotes nobody is named for."""

from __future__ import annotations

import json

import pytest

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
    # whoever expects it goes unnamed: an attribution to nobody, never to Trump (reported.py)
    assert [(q.speaker, q.sentence) for q in article.quotes] == [(None, 0)]


def test_phrasal_verbs_of_speech_cue_a_quote() -> None:
    quotes = _direct(
        "Jerry Brown criticized Bill Clinton during a debate, and Hillary Rodham shot back, “I could have chosen to bake cookies.”\n"
        "As The Post’s Dana Milbank puts it, “Senate Republicans are unmoved.”"
    )
    assert quotes == {"I could have chosen to bake cookies.": "Hillary Rodham", "Senate Republicans are unmoved.": "Dana Milbank"}


def test_imagined_words_inside_a_quote_are_the_outer_speakers() -> None:
    quotes = _quotes("“If they lose here, Sanders can say ‘I can win anywhere,’” said Jon Ralston.")
    assert "Bernie Sanders" not in quotes.values() and "Sanders" not in quotes.values()
    assert set(quotes.values()) == {"Jon Ralston"}


def test_speech_an_outer_speaker_recounts_is_the_outer_speakers() -> None:
    quotes = _quotes("Crawford spoke to reporters on Monday. Quite suddenly, after the divorce, Crawford said, "
                     "\"Marla called and said, 'Susan, I can't do it.' And that was the end of it.\"")
    assert "Marla" not in quotes.values()


def _indirect(text: str) -> set[tuple[str | None, str]]:
    return {(q.speaker, q.text) for q in _article(text).quotes if not q.direct}


def test_mislemmatised_cue_verb_still_cues() -> None:
    # the lookup lemmatises "hopes" and "hoping" to "hop"
    assert ("Anna Berg", "hopes to win Ohio") in _indirect("Anna Berg hopes to win Ohio.")
    assert {speaker for speaker, _ in _indirect("Anna Berg is hoping to win Ohio.")} == {"Anna Berg"}


def test_verbs_of_communication_and_evaluation_take_stances() -> None:
    found = _indirect("Anna Berg expressed concern about the bridge. Peter Hall mocked the plan.")
    assert {("Anna Berg", "expressed concern about the bridge"), ("Peter Hall", "mocked the plan")} <= found


def test_relative_who_is_its_antecedent() -> None:
    found = _indirect("The bridge was closed by Mark Ellis, who said that it would reopen in May.")
    assert ("Mark Ellis", "it would reopen in May") in found


def test_relative_who_after_a_predicate_noun_is_the_subject() -> None:
    # the noun is said of the subject: he is the one who said it
    found = _indirect("Mark Ellis is a veteran engineer and critic who has said that the bridge must close.")
    assert ("Mark Ellis", "the bridge must close") in found
    # a noun of its own: the farmer said it, not the senator
    found = _indirect("Senator Ann Hale met a farmer who said that the drought was the worst in memory.")
    assert ("Ann Hale", "the drought was the worst in memory") not in found


def test_passive_cues() -> None:
    # the one quoted says it; a passive conjunct keeps its subject
    assert _quotes('Mark Ellis was quoted as saying, "The bridge is a marvel of engineering."') == {
        "The bridge is a marvel of engineering.": "Mark Ellis"}
    quotes = _quotes('Ann Hale was asked about the bridge and said, "It is a marvel of engineering."')
    assert quotes["It is a marvel of engineering."] == "Ann Hale"
    # a passive without its 'by' names no speaker, not the subject of the clause it hangs on
    quotes = _quotes('The paper said Mark Ellis attended talks in what was described as "back-channel diplomacy."')
    assert quotes.get("back-channel diplomacy") != "Mark Ellis"


def test_show_title_with_the_sentence_period_is_not_a_quote() -> None:
    assert _quotes("Donald Trump said so on “Meet the Press.”") == {}


def test_a_person_verb_that_takes_the_quote_is_a_cue() -> None:
    article = _article("Anna Berg thanked the crowd and then boomed, “Today you proved there is no place like home.”")
    direct = {q.text: q.speaker for q in article.quotes if q.direct}
    assert direct == {"Today you proved there is no place like home.": "Anna Berg"}


def test_the_nearest_of_two_subjects_speaks() -> None:
    article = _article("Speaking at a town hall event in Salem, New Hampshire, Trump went after Bush, calling him “a total stiff.”")
    assert {q.text: q.speaker for q in article.quotes if q.direct} == {"a total stiff": "Trump"}
    assert {q.speaker for q in article.quotes} == {"Trump"}  # the stance 'calling him …' is his too


def test_as_if_to_say_is_nobodys_quote_and_eyes_are_nobody() -> None:
    text = (
        "Mark Ellis won the case. His face turned, his eyes gleaming, as if to say, “Did you see me pull that off?”\n"
        "Later, he replied, “This was one of my finest moments.”"
    )
    assert _quotes(text) == {"This was one of my finest moments.": "Mark Ellis"}


def test_according_to_a_preference_cites_no_one() -> None:
    article = _article("Most voters simply vote for “R” or “D” according to their instinctive preference.")
    assert article.citations == [] and article.quotes == []


def test_a_position_the_speaker_states_is_the_speakers() -> None:
    text = "The State Department spokesman Mark Ellis spoke. He emphasized the administration’s position that talks must involve Ukraine."
    speakers = {q.speaker for q in _article(text).quotes}
    assert speakers == {"Mark Ellis"}


def test_citing_sources_is_a_citation_not_a_stance() -> None:
    article = _article("Citing six sources familiar with the talks, NBC News disclosed that the talks began in April.")
    assert {(q.speaker, q.text) for q in article.quotes} == {("NBC News", "the talks began in April")}
    assert "NBC News" in {c.name for c in article.citations}


def test_a_parenthetical_cue_owns_the_quote_that_ends_its_clause() -> None:
    quotes = _quotes("Anna Berg runs a golf club. The golf industry, she said, is ''doing much better than it's looked since 2009.''")
    assert quotes == {"doing much better than it's looked since 2009": "Anna Berg"}


def test_a_conjunct_on_the_reported_clause_keeps_the_speaker() -> None:
    text = "Mike Pence spoke. Pence said it takes time to build trust but added, “I strongly support Paul Ryan.”"
    assert {q.text: q.speaker for q in _article(text).quotes if q.direct} == {"I strongly support Paul Ryan.": "Mike Pence"}


def test_a_preposition_parsed_as_subject_gives_way_to_its_object() -> None:
    quotes = _quotes("Of Carson, Levine, who has given money to Marco Rubio, said, “He’s flat-out scary.”")
    assert quotes == {"He’s flat-out scary.": "Levine"}


def test_a_role_owned_through_whose_gives_no_gender() -> None:
    quotes = _quotes(
        "Dorothy Woods, whose husband, Navy SEAL Ty Woods, was killed in the 2012 attack, discussed the "
        "controversy with radio host Hugh Hewitt on Thursday.\n\n“I would never wish this on anyone,” she said."
    )
    assert quotes == {"I would never wish this on anyone": "Dorothy Woods"}


def test_a_surname_before_its_namesake_is_another_bearer() -> None:
    quotes = _quotes(
        "Fiorina was still tussling with the merger in 2001.\n\nFlying home one night, she vented to her "
        "husband, Frank Fiorina.\n\n“It will be a fight from start to finish,” she said."
    )
    assert quotes == {"It will be a fight from start to finish": "Fiorina"}


def test_a_name_tagged_as_a_verb_is_still_a_referent() -> None:
    from spacy.tokens import Doc, Span

    from storylens.speakers import Referents

    words = ["Betsy", "Ebeling", "spoke", ".", "Later", ",", "Ebeling", "reminisced", "."]
    doc = Doc(
        load_nlp(SETTINGS).vocab,
        words=words,
        pos=["PROPN", "PROPN", "VERB", "PUNCT", "ADV", "PUNCT", "VERB", "VERB", "PUNCT"],
        heads=[1, 2, 2, 2, 7, 7, 7, 7, 7],
        deps=["compound", "nsubj", "ROOT", "punct", "advmod", "punct", "nsubj", "ROOT", "punct"],
        sent_starts=[True, False, False, False, True, False, False, False, False],
    )
    refs = Referents(doc, [Span(doc, 0, 2, label="PERSON")], [0] * 4 + [1] * 5, [False] * len(words))
    assert [(it.at, it.name) for it in refs.items] == [(0, "Betsy Ebeling"), (6, "Betsy Ebeling")]


def test_a_name_tagged_as_a_verb_still_speaks() -> None:
    quotes = _quotes('Donald Trump defended eminent domain on Saturday.\n\n"Jeb wants to be a tough guy tonight," Trump shot back.')
    assert quotes["Jeb wants to be a tough guy tonight"] == "Donald Trump"


def test_an_inverted_speaker_with_an_aside_speaks_whatever_the_parse() -> None:
    quotes = _quotes(
        '"What\'s shaping up is a battle for the ages," said David Brock, a Clinton confidant who heads '
        "the pro-Clinton super PAC Correct the Record."
    )
    assert quotes["What's shaping up is a battle for the ages"] == "David Brock"


def test_an_inverted_speaker_after_a_title_of_several_words() -> None:
    quotes = _quotes(
        '"I\'m not going to say it is a mistake, so forget about it," said retired neurosurgeon Ben Carson, '
        "asked about his claims that he had received a scholarship offer from West Point."
    )
    assert quotes["I'm not going to say it is a mistake, so forget about it"] == "Ben Carson"


# --- the benchmark's matching (benchmarks/attribution.py) ----------------------------------

import sys  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import attribution as bench  # noqa: E402


def test_benchmark_finds_an_indirect_quote_interrupted_after_one_word() -> None:
    text = "Survival, Mr. VandeHei says, depends on giving readers what they want."
    found = bench._find(text, "Survival depends on giving readers what they want", 0)
    assert found == (0, len(text) - 1)


def test_benchmark_matches_a_plural_possessive_source_with_a_curly_apostrophe() -> None:
    gold = bench.Attr([(0, 10)], "Sanders’")  # 'Sanders’ fundraising email notes that …'
    assert bench.speaker_ok(bench.Attr([(0, 10)], "Sanders"), gold)
    assert bench.speaker_ok(bench.Attr([(0, 10)], "Bernie Sanders"), bench.Attr([(0, 10)], "Sanders’s campaign,"))


def test_benchmark_resolves_who_to_its_antecedent() -> None:
    text = "The bill was opposed by Sen. Bernie Sanders, who said it was unfair."
    start = text.index("who")
    gold = [bench.Attr([(start + 9, len(text) - 1)], "who", source_start=start, antecedent=bench._antecedent(text, start))]
    bench.resolve_gold(gold, {"bernie", "sanders"})
    assert bench.speaker_ok(bench.Attr([(0, 1)], "Bernie Sanders"), gold[0])


def test_benchmark_he_may_mean_a_person_named_inside_a_common_noun_source() -> None:
    named = bench.Attr([(0, 1)], "Some defenders of globalization, like Gary Clyde Hufbauer,", source_start=0)
    he = bench.Attr([(50, 60)], "he", source_start=50)
    bench.resolve_gold([named, he], {"gary", "clyde", "hufbauer"})
    assert bench.speaker_ok(bench.Attr([(50, 60)], "Gary Clyde Hufbauer"), he)



def test_benchmark_hand_referent_replaces_the_nearest_source_rule() -> None:
    # 'Trump' is the nearest named source before 'she', so the rule gives her words to him
    named = bench.Attr([(0, 1)], "Trump", source_start=0)
    she = bench.Attr([(50, 60)], "she", source_start=50, direct=True)
    bench.resolve_gold([named, she], {"trump", "hillary", "clinton"})
    assert not bench.speaker_ok(bench.Attr([(50, 60)], "Hillary Clinton"), she)
    resolved = bench.apply_referents([named, she], {50: "Hillary Clinton"})
    assert bench.speaker_ok(bench.Attr([(50, 60)], "Hillary Clinton"), resolved[1])
    assert not bench.speaker_ok(bench.Attr([(50, 60)], "Trump"), resolved[1])
    assert resolved[0] is named and she.resolved == "Trump"  # the rule's gold is left as it was


def test_benchmark_hand_referents_point_at_pronoun_or_role_sources_of_the_corpus() -> None:
    rows = [json.loads(line) for line in bench.REFERENTS.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 800 and all(r["referent"].strip() for r in rows)
    for r in rows:
        text = (bench.DATA / r["split"] / "text" / f"{r['article']}.txt").read_text(encoding="utf-8")
        assert text[r["source_start"] : r["source_start"] + len(r["source"])] == r["source"]
        assert r["source"].lower() in bench.REFERRED or bench.role_phrase(r["source"])


def test_benchmark_role_phrase_referent_names_the_speaker() -> None:
    role = bench.Attr([(50, 60)], "the Florida senator", source_start=50, direct=True)
    assert bench.role_phrase(role.source) and not bench.role_phrase("the White House")
    assert not bench.speaker_ok(bench.Attr([(50, 60)], "Marco Rubio"), role)
    resolved = bench.apply_referents([role], {50: "Marco Rubio"})[0]
    assert bench.speaker_ok(bench.Attr([(50, 60)], "Marco Rubio"), resolved)
    unnamed = bench.apply_referents([role], {50: "UNNAMED"})[0]
    assert unnamed.resolved == "" and bench.speaker_ok(bench.Attr([(50, 60)], "senator"), unnamed)

@pytest.mark.parametrize(
    "source, head",
    [
        ("Polls there", "Polls"),
        ("GOP insiders across the four states", "insiders"),
        ("Hispanics here, including many who voted for Bush", "Hispanics"),
        ("Carson's allies outside the campaign", "allies"),
        ("traditionalists nationwide", "traditionalists"),
        ("Mr. Rubio himself", "Rubio"),
        # before a noun the same words are adjectives; capitalised, part of a name
        ("an outside group", "group"),
        ("a new nationwide poll", "poll"),
        ("USA Today", "Today"),
    ],
)
def test_benchmark_source_head_stops_before_a_place_or_emphatic_word(source: str, head: str) -> None:
    assert bench._source_head(source) == head


def test_benchmark_cited_sources_by_what_the_source_itself_is() -> None:
    article = next(analyze([Article(id="a", source_path="a.txt", title="", text=(
        "Michael Greenstone and Thomas Covert wrote the study. Oleg Voloshyn spoke for Ukraine's "
        "Foreign Ministry. Donald Trump and Marco Rubio met on Monday."))], SETTINGS))
    cited = {source: bench.is_cited_source(source, article) for source in (
        "A study by Michael Greenstone and Thomas Covert", "Rubio's press release", "the Obama administration",
        "his campaign", "the court", "Trump's", "Donald Trump",
        "a former spokesman for Ukraine's Foreign Ministry, Oleg Voloshyn,")}
    assert cited == {
        "A study by Michael Greenstone and Thomas Covert": True, "Rubio's press release": True,
        "the Obama administration": True, "his campaign": True, "the court": True,
        "Trump's": False, "Donald Trump": False,
        # an apposition after a comma names the source again: the spokesman, a person
        "a former spokesman for Ukraine's Foreign Ministry, Oleg Voloshyn,": False,
    }


def test_benchmark_a_relative_source_is_the_kind_of_its_antecedent() -> None:
    text = "The newspaper's answers came after a request by The Washington Post, which said the files were public."
    start = text.index("which")
    gold = bench.Attr([(start + 10, len(text) - 1)], "which", source_start=start, antecedent=bench._antecedent(text, start))
    assert bench.gold_cited_source(gold) == "The Washington Post"


def test_benchmark_source_kinds_are_labelled_sources_of_train() -> None:
    rows = [json.loads(line) for line in bench.SOURCE_KINDS.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 300 and {r["kind"] for r in rows} == {"CITED", "NOT_CITED", "UNCLEAR"}
    for r in rows[::10]:
        text = (bench.DATA / "train" / "text" / f"{r['article']}.txt").read_text(encoding="utf-8")
        assert text[r["source_start"] : r["source_start"] + len(r["source"])] == r["source"]


def test_a_verb_that_labels_governs_its_quoted_label_however_as_is_hung() -> None:
    quotes = _quotes('The New York Times characterized many Republicans\' view of Trump\'s path to the nomination '
                     'as a "journey from denial and resistance to grudging acceptance."')
    assert quotes == {"journey from denial and resistance to grudging acceptance": "New York Times"}


def test_a_text_the_tagger_took_for_an_adjective_reads_its_quote() -> None:
    quotes = _quotes("The Advocate published an editorial on Sunday. “If she wants to be the next president, "
                     "Hillary Clinton should act like one, and come to Louisiana,” the editorial read.")
    assert quotes["If she wants to be the next president, Hillary Clinton should act like one, and come to Louisiana"] == "editorial"


def test_the_noun_a_who_clause_describes_speaks_when_the_clause_is_parsed_as_reported() -> None:
    quotes = _quotes("One attendee, who like others spoke on the condition of anonymity to discuss the private meeting, "
                     'said the message was that "this is not going to be over in February or March."')
    assert quotes == {"this is not going to be over in February or March": "One attendee"}


def test_a_fronted_as_clause_cues_the_quote_of_its_sentence() -> None:
    quotes = _quotes("But as the nationalist Global Times tabloid noted in an op-ed Thursday, the leading GOP "
                     'candidate "has surprisingly earned himself a few fans in China."')
    assert quotes == {"has surprisingly earned himself a few fans in China": "Global Times"}


def test_the_cue_after_a_relative_clause_on_a_quoted_word() -> None:
    quotes = _quotes('Judicial Watch sued in May.\n\n"If State obtains additional records, it intends to search them '
                     'for records" that would respond to requests from Judicial Watch, Justice Department senior trial '
                     "counsel Caroline Lewis Wolverton wrote in a court filing.")
    assert quotes == {"If State obtains additional records, it intends to search them for records": "Caroline Lewis Wolverton"}


def test_a_participle_opening_the_next_sentence_is_not_the_quotes_cue() -> None:
    quotes = _quotes("Donald Trump spoke on Tuesday. On ABC's “Good Morning America” Tuesday, he said, “I never said I was "
                     "going to pay for fees.” Asked if it had appeared he was encouraging violence, Trump replied, “Well, maybe so.”")
    assert quotes.get("I never said I was going to pay for fees.") == "Donald Trump"


def test_a_message_sent_to_someone_saying_is_the_senders() -> None:
    quotes = _quotes("Bernie Sanders won the primary. Even before Sanders took the stage, his campaign sent out a text "
                     'message to supporters saying: "With your help, we were just declared the winner in New Hampshire!"')
    assert quotes == {"With your help, we were just declared the winner in New Hampshire!": "campaign"}


def test_an_age_used_as_a_noun_speaks_though_parsed_as_the_root() -> None:
    quotes = _quotes("Steve Smith posted a video on Monday.\n\n“What if Donald Trump had elocution lessons?” "
                     "the 43-year-old asked in the video’s description.")
    assert quotes["What if Donald Trump had elocution lessons?"] == "43-year-old"


def test_it_that_speaks_may_be_the_organisation_just_named_as_subject() -> None:
    quotes = _quotes('Apple opposed the new tax on Monday.\n\n"Keep the carbon tax in place at the current level," it said.')
    assert quotes["Keep the carbon tax in place at the current level"] == "Apple"


def test_riffed_cues_a_quote() -> None:
    quotes = _quotes('"Let me help you out - the answer\'s no," Mike Pence riffed.')
    assert quotes == {"Let me help you out - the answer's no": "Mike Pence"}


def test_a_cue_after_a_long_title_and_name_is_found() -> None:
    text = (
        "\"This is the same attack he made last week. It's fundamentally the same attack,\" "
        "Clinton press secretary Brian Fallon said, in the segment on Monday."
    )
    quotes = {q.text: q.speaker for q in _article(text).quotes if q.direct}
    assert quotes == {"This is the same attack he made last week. It's fundamentally the same attack": "Brian Fallon"}


def test_inverted_speaker_after_a_split_quote_says_both_halves() -> None:
    quotes = _quotes("“The risk,” said Edward Leamer, an economist at the forecast center, “is that we lose the jobs.”")
    assert quotes == {"The risk": "Edward Leamer", "is that we lose the jobs": "Edward Leamer"}


def test_a_conjunct_cue_after_the_quote_names_its_speaker() -> None:
    quotes = _quotes(
        "“Twitter works as a way to sell books, and it works as a way to sell murder,” James Comey, "
        "the director of the Federal Bureau of Investigation, said at a news conference."
    )
    assert set(quotes.values()) == {"James Comey"}


def test_a_spokeswoman_for_an_organisation_speaks_for_it() -> None:
    speakers = {s for s, _ in _indirect("A spokeswoman for YouTube said that the company removed the videos.")}
    assert speakers == {"spokeswoman for YouTube"}


def test_a_poll_finds_what_its_object_says() -> None:
    found = _indirect("A recent CNN survey found broad support for background checks.")
    assert any(s and s.endswith("survey") and "broad support" in t for s, t in found)


def test_coordinated_groups_speak_together() -> None:
    speakers = {s for s, _ in _indirect("Current and former officials said the committee had failed.")}
    assert speakers == {"Current and former officials"}


def test_the_officials_are_not_the_person_just_named() -> None:
    speakers = {s for s, _ in _indirect("Anna Berg met the envoys on Monday. The officials said the talks had failed.")}
    assert "Anna Berg" not in speakers and "officials" in speakers


def _direct(text: str) -> dict[str, str | None]:
    return {q.text: q.speaker for q in _article(text).quotes if q.direct}


def test_a_person_named_in_the_quote_before_a_colon_is_not_its_speaker() -> None:
    quotes = _direct(
        "Donald Trump spoke on Monday, after Hillary Clinton said she would win.\n"
        "“This is the legacy of Hillary Clinton: death and weakness,” he said."
    )
    assert quotes == {"This is the legacy of Hillary Clinton: death and weakness": "Donald Trump"}


def test_he_means_the_main_clause_subject_not_one_in_a_clause_inside() -> None:
    quotes = _direct(
        "Donald Trump was just as blunt, claiming that President Obama wanted to take in more refugees. "
        "“You would have to be insane,” he said."
    )
    assert quotes == {"You would have to be insane": "Donald Trump"}


def test_a_possessive_owner_is_not_left_as_a_bare_apostrophe() -> None:
    speakers = {s for s, _ in _indirect("Gowdy’s office said that the claims were false.")}
    assert speakers and not any(s.startswith("’") or s.startswith("'") for s in speakers)


def test_a_digest_line_names_its_source_after_a_dash() -> None:
    quotes = _direct("WHY THE POLLS MISSED IOWA - Philip Bump: “The polls were not wrong, just too early.”")
    assert quotes == {"The polls were not wrong, just too early.": "Philip Bump"}


def test_a_transcript_name_keeps_its_party_label_out() -> None:
    quotes = _direct("Rep. Trey Gowdy (R-S.C.): “I have not heard anyone other than you cite that figure.”")
    assert [s.split()[-1] for s in quotes.values()] == ["Gowdy"]


def test_a_quantified_group_speaks_as_a_whole() -> None:
    speakers = {s for s, _ in _indirect("Many in the crowd said the senator was the only candidate they trusted.")}
    assert speakers == {"Many in the crowd"}


def test_most_of_a_group_is_the_speaker_not_the_person_before() -> None:
    speakers = {s for s, _ in _indirect("Sen. Anna Berg spoke in Iowa. Most of the vulnerable senators said they would back her.")}
    assert "Most of the vulnerable senators" in speakers


def test_a_person_owned_in_an_aside_is_not_the_speaker() -> None:
    quotes = _direct(
        "Sen. Richard Durbin of Illinois, noting the size of Bernie Sanders's following, said, "
        "“Let me tell you, he has a heck of an email list.”"
    )
    assert set(quotes.values()) == {"Richard Durbin"}


def test_participle_on_a_reported_clause_speaks_for_the_reporter() -> None:
    """'X confirmed that the talks took place, saying …': the parse hangs 'saying' on 'took',
    whose subject ('the talks') cannot speak; X does. A clause whose subject can speak keeps it."""
    quotes = _quotes("The Ministry of Finance confirmed that the talks took place, saying its officials had met "
                     "the airline's representatives on 5 March.")
    assert quotes["its officials had met the airline's representatives on 5 March"] == "Ministry of Finance"
    quotes = _quotes("Police said residents fled, saying they heard shots.")
    assert quotes["they heard shots"] == "residents"


def test_wire_dateline_is_not_part_of_what_was_said() -> None:
    quotes = _quotes("TALCA, Chile, March 3 (CPA) – At least 14 people were killed when the quake struck, "
                     "the National Emergency Agency said.")
    assert quotes == {"At least 14 people were killed when the quake struck": "National Emergency Agency"}


def test_the_agency_is_the_agency_named_before() -> None:
    """Speakers are the entity they refer to: 'the agency' after the National Emergency Agency."""
    quotes = _quotes("At least 14 people were killed, the National Emergency Agency said. "
                     "The agency said the quake hit at 4:17 a.m. The trust said nine beaches failed.")
    assert quotes["the quake hit at 4:17"] == "National Emergency Agency"
    assert quotes["nine beaches failed"] == "trust"  # no trust named before: the words as written


def test_a_name_after_the_quote_with_a_long_title_speaks() -> None:
    quotes = _quotes(
        "''If Reagan had gone with Kemp, I would have been sitting in Siberia for a long time,'' "
        "Mr. Daniloff, now 81 and retired in Cambridge, Mass., said by telephone this week."
    )
    assert set(quotes.values()) == {"Daniloff"}


def test_a_role_word_the_tagger_took_for_a_verb_before_the_name() -> None:
    quotes = _quotes(
        'Critics said the image was offensive. "Just saw the tweet. '
        'I\'m impressed by his ability to insult literally every kind of human being," screenwriter Cole Haddon wrote on Twitter.'
    )
    assert "Cole Haddon" in quotes.values()


def test_inverted_titled_name_parsed_as_object_speaks() -> None:
    quotes = _quotes(
        "But the president's victory ushered in a thaw; he helped broker a truce to fighting in Gaza that fall "
        "and decided to make Israel the first foreign destination of his second term. ''Several of us were "
        "arguing we have to wait for the moment,'' recalled Mr. Rhodes. ''He said, 'I just need to go to Israel.' ''"
    )
    assert quotes["Several of us were arguing we have to wait for the moment"] == "Rhodes"


def test_a_group_inside_someones_quote_is_no_later_she() -> None:
    quotes = _quotes(
        "Ms. Carly Fiorina pressed ahead with the merger. "
        "\"An awful lot of analysts said, 'No, don't do this,' and she did it anyway,\" Mr. Verley remembered.\n"
        "\"If you are not leading, you are failing,\" she said."
    )
    assert quotes["If you are not leading, you are failing"] == "Carly Fiorina"


def test_a_definite_title_refers_back_to_the_person() -> None:
    quotes = _quotes(
        "Reporters asked Donald Trump about a database after an event in Iowa. "
        "“There should be a lot of systems, beyond databases,” the businessman replied."
    )
    assert quotes["There should be a lot of systems, beyond databases"] == "Donald Trump"


def test_she_after_a_surname_taken_for_her_husband() -> None:
    quotes = _quotes(
        "Hillary Clinton arrived on Monday with Bill Clinton. Mr. Clinton waved to the crowd. The crowd cheered. "
        "The band played. The sun set. The lights came on. The doors opened. The food arrived. The music stopped. "
        "The room went quiet.\nClinton said the economy was strong.\n\"We will win this state,\" she said."
    )
    assert quotes["We will win this state"] == "Hillary Clinton"


def test_he_goes_on_with_the_speaker_a_pronoun_was_resolved_to() -> None:
    quotes = _quotes(
        "Mr. Burman spoke on Monday. “We need revenue,” he said. The plan, which Mr. Gray designed, failed. "
        "“I think we will have a consumption tax,” he said."
    )
    assert quotes["I think we will have a consumption tax"] == "Burman"


def test_an_age_used_as_a_noun_is_a_speaker() -> None:
    quotes = _quotes("“Donald is, and always has been, an amazing leader,” said the 46-year-old.")
    assert quotes == {"Donald is, and always has been, an amazing leader": "46-year-old"}


def test_more_verbs_that_only_introduce_a_quotation() -> None:
    quotes = _quotes("“Grizzly Adams?” Rachel Maddow repeated. “I was seventeen,” Dinesh D'Souza confessed.")
    assert quotes == {"Grizzly Adams?": "Rachel Maddow", "I was seventeen": "Dinesh D'Souza"}


def test_whom_the_speaker_tells_is_not_the_speaker() -> None:
    quotes = _quotes(
        "Morton Blackwell endorsed Cruz last week.\n“Yes, I support Ted Cruz,” Brent Bozell III, founder of the "
        "Media Research Center, tells Breitbart News in an exclusive interview.\n"
        "Bozell was only five years old when the Sharon Statement was signed."
    )
    assert quotes["Yes, I support Ted Cruz"] == "Brent Bozell III"


def test_a_body_taking_a_stance_is_not_a_cited_source() -> None:
    # the endorsement is still a stance of the union's; the article learns nothing from it
    article = _article("The Teamsters Union endorsed Bernie Sanders on Monday.")
    assert "Teamsters Union" in {q.speaker for q in article.quotes}
    assert article.citations == []


def test_a_body_that_says_something_is_a_cited_source() -> None:
    article = _article("The Teamsters Union said the contract would be signed on Monday.")
    assert "Teamsters Union" in {c.name for c in article.citations}


def test_aides_are_named_by_the_person_they_serve() -> None:
    speakers = {q.speaker for q in _article("Aides to Clinton say she is shifting her tack toward Bernie Sanders.").quotes}
    assert speakers == {"Aides to Clinton"}


def test_people_close_to_someone_are_named_by_that_person() -> None:
    speakers = {q.speaker for q in _article("People close to the Clintons felt the attack was over the top.").quotes}
    assert speakers == {"People close to the Clintons"}


def test_a_person_the_model_tags_an_organisation_still_names_the_advisers() -> None:
    text = "Bernie Sanders spoke on Monday. Sanders's top advisers said the campaign would not concede."
    assert {q.speaker for q in _article(text).quotes} == {"Sanders's top advisers"}


def test_a_spokesman_for_an_organisation_keeps_the_organisation() -> None:
    speakers = {q.speaker for q in _article("A spokesman for the State Department said the talks were over.").quotes}
    assert speakers == {"spokesman for State Department"}


def test_a_study_is_named_by_the_organisation_that_made_it() -> None:
    text = "A projection by the consulting firm Oxford Economics predicted that workers would lose hours."
    assert {q.speaker for q in _article(text).quotes} == {"projection by Oxford Economics"}


def test_a_military_rank_keeps_the_name_after_it() -> None:
    quotes = _quotes("“We are at war with ISIL,” said Pentagon spokesman Navy Capt. Jeff Davis.")
    assert quotes == {"We are at war with ISIL": "Jeff Davis"}


def test_records_cited_in_an_aside_at_the_end() -> None:
    text = "In all, the Tampa host committee raised $57 million, Federal Election Commission records show."
    article = _article(text)
    assert {(q.speaker, q.text) for q in article.quotes} == {("Federal Election Commission records", "In all, the Tampa host committee raised $57 million")}
    assert "Federal Election Commission records" in {c.name for c in article.citations}


def test_records_cited_in_an_aside_inside_the_sentence() -> None:
    article = _article("During the same stretch, F.A.A. records show, the Cessna has flown roughly 216 hours.")
    assert {(q.speaker, q.text) for q in article.quotes} == {("F.A.A. records", "During the same stretch the Cessna has flown roughly 216 hours")}


def test_a_poll_the_parser_reads_right_is_found_once() -> None:
    quotes = _article("Clinton leads Trump by five points, the poll shows.").quotes
    assert [(q.speaker, q.text) for q in quotes] == [("poll", "Clinton leads Trump by five points")]


def test_results_of_a_poll_cite_the_poll() -> None:
    text = "According to early results of the exit poll conducted by Edison Research, Clinton led in both states."
    assert "exit poll" in {c.name for c in _article(text).citations}


def test_a_poll_a_lead_was_measured_in_is_cited() -> None:
    text = "In the fall of 2007, Hillary Clinton held a 24-point lead among black voters in a CNN national poll."
    assert "CNN national poll" in {c.name for c in _article(text).citations}


def test_a_poll_tells_its_finding_with_any_verb() -> None:
    quotes = _article("Wednesday's Quinnipiac poll has Clinton leading Trump by just six points.").quotes
    assert {(q.speaker, q.text) for q in quotes} == {("Quinnipiac poll", "has Clinton leading Trump by just six points")}


def test_how_a_poll_was_taken_is_no_finding() -> None:
    assert _article("The poll surveyed 1,000 registered voters.").quotes == []


def test_respondents_in_a_poll_speak_for_themselves() -> None:
    text = "One thing in Ayotte's favor is that 78 percent of voters in a recent CBS News poll said they think she is different."
    article = _article(text)
    assert "recent CBS News poll" not in {c.name for c in article.citations}
    assert ("78 percent", "they think she is different") in {(q.speaker, q.text) for q in article.quotes}


def test_a_polls_margin_of_error_is_no_finding() -> None:
    assert _article("The new poll has a margin of error of 3 percentage points.").quotes == []


def test_speaking_on_condition_of_anonymity_is_no_stance() -> None:
    assert _article("The official spoke on the condition of anonymity because of the sensitive nature of the issue.").quotes == []


def test_evidence_someone_cites_is_not_the_articles_source() -> None:
    assert _article("He cited reports of escalating cyberattacks against Americans.").citations == []
    assert "Wall Street Journal" in {c.name for c in _article("CNN reported the talks had failed, citing the Wall Street Journal.").citations}


def test_party_members_are_named_with_the_body_they_sit_in() -> None:
    speakers = {q.speaker for q in _article("Senior Democrats on the House Judiciary Committee urged the FBI to act.").quotes}
    assert speakers == {"Senior Democrats on House Judiciary Committee"}
    assert {q.speaker for q in _article("Democrats said the vote was rigged.").quotes} == {"Democrats"}


def test_spokesmen_opening_a_sentence_keep_their_organisation() -> None:
    quotes = _article("Spokesmen at the FBI and Justice Department declined to discuss the case.").quotes
    assert {q.speaker for q in quotes} == {"Spokesmen at FBI"}


def test_a_participle_aside_between_speaker_and_cue_is_skipped() -> None:
    quotes = _quotes(
        "But Sen. Richard J. Durbin (D-Ill.), noting the size of Sanders's following, said, "
        "\"Let me tell you, he's got a heck of an email list.\""
    )
    assert quotes["Let me tell you, he's got a heck of an email list."] == "Richard J. Durbin"


def test_as_a_speaker_put_it_names_the_speaker() -> None:
    quotes = _quotes(
        "As Akhil Amar, professor of constitutional law at Yale, put it, ''Senate Republicans should "
        "remember that a compromise candidate today may be far better for them.''"
    )
    assert set(quotes.values()) == {"Akhil Amar"}


def test_a_name_parsed_as_a_compound_of_the_cue_speaks() -> None:
    quotes = _quotes("Jorge Ramos asked a question. “Go back to Univision,” Trump barked and a guard escorted Ramos out.")
    assert quotes["Go back to Univision"] == "Trump"


def test_an_announced_cue_may_follow_a_long_apposition() -> None:
    quotes = _quotes(
        '"Is President Obama going to finally mention the words radical Islamic terrorism?" the presumptive GOP '
        "presidential nominee, Donald Trump, tweeted Sunday after a lone-wolf attack on an Orlando nightclub."
    )
    assert set(quotes.values()) == {"Donald Trump"}


def test_a_quoted_word_takes_no_cue_from_the_next_sentence() -> None:
    quotes = _quotes(
        "For now, the administration waves off the delay as having “minimal” impact. As White House press "
        "secretary Josh Earnest explained, three taxes were postponed."
    )
    assert "minimal" not in quotes


def test_an_inverted_name_tagged_as_another_word_still_speaks() -> None:
    quotes = _quotes("Bill Skelly vouched for them.\n\n“Having access to the file is valuable,” said Skelly, explaining he worked with them.")
    assert quotes["Having access to the file is valuable"] == "Bill Skelly"


def test_an_inverted_speaker_after_a_no_break_space() -> None:
    quotes = _quotes("Trey Gowdy spoke.\n\n“If anyone wonders why, ask them,”\xa0added Gowdy.")
    assert quotes["If anyone wonders why, ask them"] == "Trey Gowdy"


def test_a_quote_signed_with_a_dash_on_the_next_line() -> None:
    quotes = _quotes('Bernie Sanders spoke.\n\n"Boeing and GE pay zero taxes."\n\n- Sanders.\n\nThis is a complex issue.')
    assert quotes == {"Boeing and GE pay zero taxes.": "Bernie Sanders"}


def test_a_cue_verb_tagged_as_a_noun_after_an_announcing_comma() -> None:
    quotes = _quotes('"Friend, let me be blunt. I can beat her. Donald can\'t," the email read. It stated more.')
    assert set(quotes.values()) == {"email"}
    # 'heckles' tagged a noun is no cue there, nor does it make 'supporters' speak; read as a
    # headline (a name, then a verb in -s) the line quotes Silverman
    assert _quotes("Sarah Silverman heckles Sanders supporters: 'You're being ridiculous.'") == {
        "'You're being ridiculous.'": "Sarah Silverman"}


def test_one_word_between_commas_is_an_aside() -> None:
    quotes = _quotes('Clinton, exasperated, famously responded: "What difference does it make?"')
    assert quotes == {"What difference does it make?": "Clinton"}


def test_a_message_introduces_its_quote_and_its_owner_says_it() -> None:
    quotes = _quotes("After the attacks, Trump issued a statement, “Last night, our nation was attacked.”")
    assert quotes["Last night, our nation was attacked."] == "Trump"
    quotes = _quotes("Jeb Bush backs Cruz. From Bush's Facebook post: \"For the sake of our party, we must unite.\"")
    assert quotes["For the sake of our party, we must unite."] == "Jeb Bush"


def test_as_an_outlet_pointed_out_cues_the_quote() -> None:
    quotes = _quotes("But as The Hill pointed out, “Still, Trump has so far declined to release any tax returns.”")
    assert quotes == {"Still, Trump has so far declined to release any tax returns.": "Hill"}


def test_a_manner_verb_before_a_name_after_an_announced_quote_cues_it() -> None:
    assert _quotes("“This is fantastic!” beamed Donald Hartley of Madison, Alabama.") == {"This is fantastic!": "Donald Hartley"}
    article = _article("Kerry Washington, star of “Scandal,” thanked Obama for acting.")
    assert not [q for q in article.quotes if q.direct]


def test_a_quoted_name_is_no_apposition_naming_the_speaker() -> None:
    quotes = _quotes("Reid: 'Never, ever, ever underestimate Trump.'\n\nHarry Reid has some advice for Democrats.")
    assert set(quotes.values()) <= {"Reid", "Harry Reid"}


def test_an_inverted_name_the_model_did_not_tag_ends_the_title_words() -> None:
    quotes = _quotes('"Republicans are so frustrated," said Oversight ranking Democrat Elijah Cummings (D-Md.).')
    assert quotes["Republicans are so frustrated"].endswith("Elijah Cummings")


def test_an_untagged_capitalised_name_the_article_knows_is_a_person() -> None:
    from types import SimpleNamespace

    from storylens.attribution import _person

    doc = load_nlp(SETTINGS)("Later Tester said of the party that he is their guy.")
    ctx = SimpleNamespace(ent_of=[None] * len(doc), refs=SimpleNamespace(known={"tester"}))
    tester, party = doc[1], doc[5]
    assert tester.pos_ == "PROPN" and _person(ctx, tester)
    assert not _person(ctx, party)


def test_a_who_clause_between_speaker_and_cue_names_the_speaker() -> None:
    quotes = _quotes(
        'A White House official who spoke anonymously to discuss internal strategy said Wednesday, "Certainly there are discussions."'
    )
    assert quotes["Certainly there are discussions."] == "White House official"


def test_the_cue_right_after_a_quote_beats_a_later_governing_one() -> None:
    quotes = _quotes(
        '"I never said that. I never said that," Trump said, after CNBC\'s Becky Quick said the billionaire had called Rubio a puppet.'
    )
    assert quotes["I never said that. I never said that"] == "Trump"


def test_a_dash_signature_beats_the_subject_of_the_sentence_before() -> None:
    quotes = _quotes('Sanders voted for the ACA.\n\n"I will look into it."\n\n- Hillary Clinton.\n\nClinton has been looking into it.')
    assert quotes["I will look into it."] == "Hillary Clinton"


def test_a_document_cites_its_maker_only_when_it_tells_something() -> None:
    told = _article("A study by the Brookings Institution found that wages rose last year.")
    assert "Brookings Institution" in {c.name for c in told.citations}
    # the document as an event or a topic: whoever makes it is not a source of this sentence
    for text in ("The charity has been under investigation by the FBI since March.",
                 "Dana Lee posted a report from Greenpeace on her website.",
                 "(Additional reporting by Mark Hill in Paris; Editing by Anne Cole)"):
        assert _article(text).citations == [], text


def test_a_source_cited_inside_quoted_words_is_the_speakers() -> None:
    quoted = _article("Mayor Dana Lee wrote: “Turnout rose by a third, according to the Ohio Elections Commission.”")
    assert "Ohio Elections Commission" not in {c.name for c in quoted.citations}
    plain = _article("Turnout rose by a third, according to the Ohio Elections Commission.")
    assert "Ohio Elections Commission" in {c.name for c in plain.citations}


def test_an_as_clause_of_speech_reports_the_clause_it_hangs_on() -> None:
    quotes = _quotes("As Dana Lee told the Daily Courier, tax relief is given in exchange for creating jobs.")
    assert quotes == {"tax relief is given in exchange for creating jobs": "Dana Lee"}
    # an 'as' clause of time says nothing
    assert _quotes("As Dana Lee spoke, protesters shouted at the back of the hall.") == {}


def test_a_title_case_headline_name_ends_before_its_verb() -> None:
    article = _article("Leaked Documents Reveal Democratic Campaign Donors\n\nThe party denied it.")
    assert {q.speaker for q in article.quotes} == {"Leaked Documents"}


def test_a_poll_described_by_a_finding_participle_is_cited() -> None:
    article = _article("Despite polls showing her well behind, Dana Lee campaigned hard in the state.")
    assert "polls" in {c.name for c in article.citations}


def test_an_editorial_or_a_lawsuit_is_a_cited_source() -> None:
    article = _article("The editorial noted that the mayor had skipped three council meetings.")
    assert "editorial" in {c.name for c in article.citations}


def test_naming_something_is_a_stance() -> None:
    article = _article("Last year the Federal Bureau of Investigation named Cleveland the fifth most dangerous city in America.")
    assert [q.speaker for q in article.quotes] == ["Federal Bureau of Investigation"]


def test_what_a_legislature_or_court_decides_is_its_stance() -> None:
    assert [q.speaker for q in _article("The Supreme Court upheld the law in a 5-4 decision.").quotes] == ["Supreme Court"]
    assert _article("His father passed away in 2009 after a long illness.").quotes == []
    assert [q.speaker for q in _article("The Senate passed the bill on Tuesday.").quotes] == ["Senate"]
    # a player passing the ball decides nothing
    assert _article("Drew Brees passed for 364 yards and three touchdowns on Sunday.").quotes == []


def test_a_known_name_opening_its_sentence_introduces_a_colon_quote() -> None:
    quotes = _quotes(
        "Gary Booker spoke in Iowa on Friday. Booker gestured as if to stop the noise, then leaned in "
        "and boomed: “Let’s win this seat in November.”"
    )
    assert list(quotes.values()) == ["Booker"]


def test_a_common_noun_subject_named_by_its_apposition_introduces_a_colon_quote() -> None:
    quotes = _quotes(
        "One early backer, Representative Tom Nolan, Democrat of Maine, gave the idea a try in an "
        "interview on Monday: “You can easily say that the plan works.”"
    )
    assert quotes == {"You can easily say that the plan works.": "Tom Nolan"}


def test_a_name_after_a_digest_dash_says_the_quote_not_the_clause_before() -> None:
    quotes = _quotes("Forecasters agree - Lena Ortiz: “The storm will weaken before it reaches the coast.”")
    assert quotes == {"The storm will weaken before it reaches the coast.": "Lena Ortiz"}


def test_a_signature_dash_glued_to_the_name_or_before_a_title_still_signs() -> None:
    glued = _quotes('Delegates cheered.\n\n"It needs to stop now."\n\n-Lena Marks, Philadelphia.')
    titled = _quotes('Delegates cheered.\n\n"Great job tonight. He is ready."\n\n- Senator Mary Hale, tweeting after the speech.')
    assert glued == {"It needs to stop now.": "Lena Marks"}
    assert titled == {"Great job tonight. He is ready.": "Mary Hale"}


def test_a_participle_after_a_reported_clause_is_the_reporters() -> None:
    quotes = _quotes(
        "At the rally, Lena Marsh said that Tom Reyes “had a reckless plan for the farms which was cruel,” "
        "adding, “He lost every county … he lost every vote.”"
    )
    assert quotes["He lost every county … he lost every vote."] == "Lena Marsh"


def test_whom_a_participle_tells_is_not_inverted_into_its_speaker() -> None:
    quotes = _quotes("Lena Marsh seemed to be ready to joke about the delay in Ohio, telling the crowd, "
                     "“Some trains get a little lost, have you noticed that?”")
    assert quotes.get("Some trains get a little lost, have you noticed that?") != "crowd"


def test_a_participle_hung_on_the_quoted_verb_goes_with_the_clause_before_it() -> None:
    quotes = _quotes("Lena Marsh seemed to be ready to joke about the delay in Ohio, telling the crowd, "
                     "“Some trains get a little lost, have you noticed that?”")
    assert quotes["Some trains get a little lost, have you noticed that?"] == "Lena Marsh"


def test_a_capitalised_phrase_announcing_its_cue_is_said_not_a_title() -> None:
    quotes = _quotes("Mayor Lena Marsh spoke last. “Good Evening, Ohio,” Marsh said. The crowd cheered.")
    assert quotes == {"Good Evening, Ohio": "Lena Marsh"}
    # inside a sentence it is a title: 'on the show “Meet the Voters,” she said …'
    assert "Meet the Voters" not in _quotes("Speaking Sunday on the show “Meet the Voters,” Lena Marsh said she would run.")


def test_a_person_named_right_before_the_verb_speaks_not_the_title_heading_the_subject() -> None:
    titled = _quotes("Chairman of the Senate Finance Committee Sen. Tom Hale (R-Ohio) said “taxes will not rise this year.”")
    run_on = _quotes("Acme Radio Vice President for news and talk Tom Hale called the program “the best news show on the air.”")
    assert titled == {"taxes will not rise this year": "Tom Hale"}
    assert run_on == {"the best news show on the air": "Tom Hale"}


def test_after_a_verb_of_speech_and_a_colon_a_common_noun_subject_says_the_quote() -> None:
    quotes = _quotes("Earlier this month, the city council said about its inclusion of the new park in the latest "
                     'draft of its budget:\n\n"The budget goes further than previous budgets on parks. It adds three new playgrounds."')
    assert quotes["The budget goes further than previous budgets on parks. It adds three new playgrounds."] == "city council"


def test_a_quote_that_is_someones_slogan_or_dictum_is_theirs() -> None:
    assert _quotes("Lena Marsh’s campaign slogan is “Ohio first.”") == {"Ohio first.": "Lena Marsh"}
    quotes = _quotes("Tom Reyes ran the desk for years; Reyes’s dictum to his interns was, “It’s not a story if nobody is angry.”")
    assert quotes == {"It’s not a story if nobody is angry.": "Tom Reyes"}


def test_a_document_introduced_as_follows_is_the_source_of_the_quote() -> None:
    quotes = _quotes('Governor Lena Marsh spoke in Ohio on Monday.\n\nPartial transcript as follows:\n\n'
                     '"Tonight we arrived in Columbus, and we went to a diner to eat."')
    assert quotes == {"Tonight we arrived in Columbus, and we went to a diner to eat.": "Partial transcript"}


def test_a_shouting_participle_goes_with_the_clause_its_comma_closes() -> None:
    quotes = _quotes("The first incident came at the State University of Ohio at Akron, when striking nurses "
                     "interrupted her speech, shouting “we work, you profit!”")
    assert quotes == {"we work, you profit!": "striking nurses"}


def test_chants_of_a_quote_are_theirs_who_chant() -> None:
    assert _quotes("Union members responded with chants of “We want our jobs back”") == {"We want our jobs back": "Union members"}
    quotes = _quotes("Playing a judge in a mock trial, Mayor Lena Marsh roused the crowd to spontaneous chants of “Build the bridge!”")
    assert quotes == {"Build the bridge!": "crowd"}


def test_a_verb_of_speech_right_before_the_mark_cues_a_quote_parsed_apart() -> None:
    quotes = _quotes("Some in the crowd booed, and when Marsh thanked Akron and said it was great to be home, a man yelled “Stay there!”")
    assert quotes["Stay there!"] == "man"


def test_someone_unnamed_still_speaks() -> None:
    assert _quotes("When someone in the audience shouted, “Marsh,” the mayor laughed.") == {"Marsh": "someone"}


def test_what_a_report_found_in_quotation_marks_is_the_reports() -> None:
    quotes = _quotes('The claim has been rejected by a series of inquiries. A 2019 Senate Finance Committee report '
                     'found "no evidence that there was either fraud or a cover-up."')
    # (the first sentence is a stance of its own: the inquiries rejected the claim)
    assert quotes["no evidence that there was either fraud or a cover-up"] == "2019 Senate Finance Committee report"


def test_markup_attribute_values_are_not_quotes() -> None:
    quotes = _quotes("Lena Marsh, who is running for mayor, tweeted on Friday to say she had never suggested the city "
                     "should use a database to track drones.\n\n<tweet pic=\"\" author=\"lenamarsh\" timestamp=\"1448038800\" "
                     "tweet_id=\"667777348029292544\">I didn’t suggest a database - a reporter did.</tweet>.")
    assert not {"lenamarsh", "1448038800", "667777348029292544"} & set(quotes)


def test_a_capitalised_phrase_after_a_possessive_names_a_show() -> None:
    assert "Today" not in _quotes("“I was sitting in a house in Ohio, with a bad phone line,” Marsh told NBC’s “Today” show.")
    quotes = _quotes("Sunday on the Ohio News channel’s “Sunday Morning Politics,” Marsh said the vote was rigged.")
    assert "Sunday Morning Politics" not in quotes


def test_a_digest_dash_may_sign_two_names() -> None:
    quotes = _quotes("OHIO POLLS NOT WRONG, JUST TOO EARLY - Mark Lane and Jon Reyes: “Although the polls failed to predict the upset, they were close.”")
    assert quotes == {"Although the polls failed to predict the upset, they were close.": "Mark Lane and Jon Reyes"}


def test_a_group_that_can_speak_introduces_a_colon_quote_with_any_verb() -> None:
    quotes = _quotes("The Marsh campaign, in a Q&A on the bridge controversy, worded it even more carefully: "
                     "\"Marsh's practice was to email city officials on their city accounts.\"")
    assert quotes == {"Marsh's practice was to email city officials on their city accounts.": "Marsh campaign"}


def test_a_transcript_label_naming_a_person_introduces_the_quote() -> None:
    quotes = _quotes('The hearing went on for hours.\n\nFormer secretary of state Lena Rodham Marsh:\n'
                     '"We learned that from the State Department and their analysis."')
    assert quotes == {"We learned that from the State Department and their analysis.": "Lena Rodham Marsh"}


def test_went_so_far_as_to_say_is_the_subjects() -> None:
    quotes = _quotes("Investors fled, and critics piled on. The Acme technology columnist Lena Marsh went so far as to say: "
                     "“Twitter as we know it is over.”")
    assert quotes == {"Twitter as we know it is over.": "Lena Marsh"}


def test_an_unresolved_cue_pronoun_gives_way_to_the_colon_introducer() -> None:
    quotes = _quotes("But Acme Steel was far less bubbly: \"The market will hate this deal. They won't understand it,\" it recounted.")
    assert quotes == {"The market will hate this deal. They won't understand it": "Acme Steel"}


def test_a_quoted_name_inside_the_aside_does_not_hide_the_speaker() -> None:
    quotes = _quotes("Not everyone was claiming success.\n\n“We’ve had more successful conventions than this one,” Ohio delegate "
                     "Tom Reyes, wearing a cowboy hat and “Lena Marsh” campaign pins, said matter-of-factly as confetti fluttered down.")
    assert quotes["We’ve had more successful conventions than this one"] == "Tom Reyes"


def test_a_subjectless_participle_opening_the_next_sentence_goes_on_with_the_speaker() -> None:
    quotes = _quotes("After the interview concluded, Lena Marsh stated of the bridge scandal that the inspector’s report "
                     "“wasn’t good.” Adding, “Now, like with all such scandals, what they actually do is less bad than the cover-up.”")
    assert quotes["Now, like with all such scandals, what they actually do is less bad than the cover-up."] == "Lena Marsh"


def test_a_known_name_the_tagger_missed_right_before_the_verb_speaks() -> None:
    quotes = _quotes("State Rep. Tom Early said the county was changing. Informed of the local district’s anti-Reyes lean, "
                     "Early described it as “news to me.”")
    assert quotes["news to me"] == "Tom Early"


def test_a_known_name_tagged_as_a_modal_before_a_verb_misread_as_a_participle_speaks() -> None:
    quotes = _quotes("Columnist Ann Will spoke on Monday. “Rising prices in the capital are a reminder that voters will "
                     "punish every incumbent,” Will wrote.")
    assert list(quotes.values()) == ["Ann Will"]


def test_the_introducing_sentences_nearest_of_two_subjects_says_the_quote_after_it() -> None:
    quotes = _quotes('The front-runner may be Ann Marsh.\n\nOr maybe Tom Reyes, digital consultant Phil Hale says. '
                     '"Several surveys and direct feedback suggest a second look is occurring for Tom in Ohio."')
    assert quotes["Several surveys and direct feedback suggest a second look is occurring for Tom in Ohio."] == "Phil Hale"


def test_the_official_is_the_unnamed_source_not_the_person_just_named() -> None:
    quotes = _quotes(
        "Mexican leaders met Donald Trump on Tuesday. A senior Mexican official spoke on condition of "
        "anonymity. “We found young people have begun to adopt such arguments,” the official said."
    )
    assert quotes == {"We found young people have begun to adopt such arguments": "official"}
    # a person the article gave the role is still the one meant
    named = _quotes("Peter Hall, a State Department official, spoke on Monday. The official said the talks would resume.")
    assert named == {"the talks would resume": "Peter Hall"}


def test_the_newspaper_points_back_to_an_outlet_not_to_an_unnamed_source() -> None:
    quotes = _quotes("The emails were classified, according to a new poll. The newspaper said the poll was wrong.")
    assert quotes["the poll was wrong"] == "newspaper"
    quotes = _quotes("The emails were classified, according to a State Department official. The agency said it will drop more emails.")
    assert quotes["it will drop more emails"] == "agency"
    named = _quotes("The emails were classified, according to a report by The Miami Herald. The newspaper said the poll was wrong.")
    assert named["the poll was wrong"] == "Miami Herald"


def test_a_quoted_phrase_inside_a_clause_before_the_cue_is_still_reported() -> None:
    article = _article(
        "Democrats sued the state on Monday. It also wants to stop state policies that have a "
        "\"dramatic and disparate impact\" on minorities, the lawsuit says."
    )
    reported = [q for q in article.quotes if not q.direct]
    assert [q.speaker for q in reported] == ["lawsuit"]
    assert reported[0].text.startswith("It also wants to stop state policies")
    # a clause that opens inside the marks is the direct quote alone
    assert [(q.speaker, q.direct) for q in _article("“We will win this state,” Peter Hall said on Monday.").quotes] == [("Peter Hall", True)]


def test_an_outlet_noun_named_by_its_owner_is_no_anaphor() -> None:
    quotes = _quotes("CNN reported the story first. The Heritage Foundation website says the group was founded in 1960.")
    assert quotes["the group was founded in 1960"] == "Heritage Foundation"
    cited = {c.name for c in _article("CNN reported the story first. According to the Heritage Foundation website, the group was founded in 1960.").citations}
    assert "Heritage Foundation" in cited
    # a bare 'the network' still points back to the outlet cited last
    assert _quotes("CNN reported the story first. The network says the group was founded in 1960.")["the group was founded in 1960"] == "CNN"


def test_a_quote_in_the_that_clause_of_someones_remark_is_theirs() -> None:
    for text, quote, speaker in (
        ("Senator Lena Marsh toured Ohio. She drew fire for her remark that “the mills will never come back.”", "the mills will never come back", "Lena Marsh"),
        ("Tom Reyes runs the agency. He was challenged over his statement on Monday that “the bridge is safe,” but he held firm.", "the bridge is safe", "Tom Reyes"),
    ):
        assert {q.text: q.speaker for q in _article(text).quotes if q.direct} == {quote: speaker}


def test_a_pronoun_subject_goes_on_with_whom_it_means() -> None:
    # the first 'He says' is Reyes (the sentence before has him for subject); the next 'He' goes
    # on with him, not with the person his own quote happened to keep out
    quotes = _quotes(
        "Senator Tom Reyes spoke Thursday to a conference led by the Rev. Paul Hale. Reyes is outlining proposals on "
        "jobs and schools. He says if voters want “the status quo, they should not vote for Tom Reyes.” He adds, "
        "“In a campaign things get heated up.”"
    )
    assert quotes["In a campaign things get heated up."] == "Tom Reyes"


def test_the_owner_of_a_message_that_speaks_is_the_speaker() -> None:
    quotes = _quotes("Senator Lena Marsh was cleared on Monday. Marsh’s statement then declares “the matter is now concluded.”")
    assert quotes == {"the matter is now concluded": "Lena Marsh"}


def test_a_conjunct_of_a_passive_shares_its_subject_not_its_agent() -> None:
    quotes = _quotes("Lena Marsh was joined on stage by Senator Tom Reyes and joked, “You are being ridiculous.”")
    assert quotes == {"You are being ridiculous.": "Lena Marsh"}


def test_a_cue_announced_after_the_quote_beats_the_verb_before_it() -> None:
    text = (
        "If Russia is meddling — as researchers believe, but Moscow strongly denies — “why wouldn’t you "
        "want to raise the potential?” asked Pat Dunn, a partner at a communications firm."
    )
    assert _quotes(text) == {"why wouldn’t you want to raise the potential?": "Pat Dunn"}


def test_a_verb_before_the_quote_keeps_it_when_the_next_sentence_speaks() -> None:
    # '…?” Mills then writes back' opens a sentence of its own: the verb before the quote governs it
    quotes = _quotes("Lena Marsh responds to Tom Mills with, “Why now? Was that on my way to Libya?” Mills then writes back, “You look cute.”")
    assert quotes["Why now? Was that on my way to Libya?"] == "Lena Marsh"


def test_a_participle_right_before_the_quote_cues_it() -> None:
    quotes = _quotes("Band member Flea shared the news on social media last week, writing “Feels great to support someone I believe in.”")
    assert quotes["Feels great to support someone I believe in."] == "Flea"


def test_a_hyphenated_title_before_an_inverted_speaker() -> None:
    quotes = _quotes("“Imagine Brad Thor going up against both of them on the same stage,” mused Blaze co-host Stu Burguiere.")
    assert quotes == {"Imagine Brad Thor going up against both of them on the same stage": "Stu Burguiere"}


def test_a_who_clause_on_the_speaker_does_not_hide_the_cue_after_it() -> None:
    quotes = _quotes("“Clinton needs a strategy for targeting Stein voters,” Nate Silver, the polling guru who founded "
                     "fivethirtyeight.com tweeted on Wednesday.")
    assert quotes == {"Clinton needs a strategy for targeting Stein voters": "Nate Silver"}


def test_a_which_clause_on_the_quoted_words_cues_nothing() -> None:
    quotes = _quotes("She also avoided the term “radical Islam,” which some Republicans want U.S. leaders to use to describe the enemy.")
    assert "radical Islam" not in quotes


def test_quoted_as_saying_names_the_one_quoted() -> None:
    quotes = _quotes("“Our method succeeds where others fail,” Braynard is quoted as saying.")
    assert quotes == {"Our method succeeds where others fail": "Braynard"}


def test_a_message_sent_by_someone_is_their_words() -> None:
    quotes = _quotes("A fundraising email sent out by Sanders on Tuesday night warned of the fight ahead: "
                     "\"There are 14 primaries over the next three weeks.\"")
    assert quotes == {"There are 14 primaries over the next three weeks.": "Sanders"}


def test_according_to_a_group_owned_by_a_pronoun_when_a_conjunct_speaks() -> None:
    article = next(analyze([Article(id="a", source_path="a.txt", title="", text=(
        "According to their friends and advisers, the couple have worried for months about the campaign."))], SETTINGS))
    assert [c.name for c in article.citations] == ["friends and advisers"]


def test_a_speech_participle_on_a_time_clause_is_the_main_speakers() -> None:
    quotes = _quotes("\"Rubio won tonight and I was glad to see that,\" Hannity said during a panel after the first-term "
                     "senator easily won his primary, remarking that Rubio \"paid a very heavy political price.\"")
    assert quotes["paid a very heavy political price"] == "Hannity"


def test_it_that_speaks_is_the_text_named_just_before() -> None:
    text = (
        "A letter this month to the bank board from the staff association urged consideration of other nominees. "
        "\"We have accepted decades of back-room deals,\" it said. \"This must change.\"\n\n"
        "The company changed its plans on Monday. \"We will open the plant,\" it said."
    )
    quotes = {q.text: q.speaker for q in _article(text).quotes if q.direct}
    # no text named before the second 'it': a company is no document, and 'it' stays unresolved
    assert quotes == {"We have accepted decades of back-room deals": "letter", "This must change.": "letter"}


def test_it_that_goes_on_after_a_person_wrote_in_a_text_is_the_text() -> None:
    text = ("\"He grabbed her arm,\" Officer Dan Holt wrote in the affidavit. "
            "It continued: \"Probable cause exists to charge him with battery.\"")
    quotes = _quotes(text)
    # 'it' cannot be Holt: the affidavit he wrote in says the rest
    assert quotes == {"He grabbed her arm": "Dan Holt", "Probable cause exists to charge him with battery.": "affidavit"}


def test_a_quote_cue_in_its_plain_sense_leaves_the_quote_to_the_verb_above() -> None:
    quotes = _quotes("Senator Ted Cruz said he is certain Marco Rubio will continue to be “a champion for liberty.”")
    # 'continue to be' is no '“…,” he continued': Cruz says it, not Rubio
    assert quotes["a champion for liberty"] == "Ted Cruz"


def test_a_digest_item_quotes_the_article_its_credit_line_names() -> None:
    text = ("Tuesday’s Morning Email.\n\n"
            "HOW THE DROUGHT HITS FARMS “Farmers across the valley are selling their herds as wells run dry.” "
            "Read more about it. [WaPo.]\n\n"
            "‘RIVERS RUN LOW’ “The river fell two metres in a month.” [WSJ | Paywall.]\n\n"
            "A PLAIN PARAGRAPH “with a quote” and no credit line.")
    quotes = _quotes(text)
    assert quotes["Farmers across the valley are selling their herds as wells run dry."] == "WaPo article “HOW THE DROUGHT HITS FARMS”"
    assert quotes["The river fell two metres in a month."] == "WSJ article “RIVERS RUN LOW”"
    assert quotes.get("with a quote") is None  # nobody credited: nobody named for it


def test_a_fronted_verb_of_speech_or_more_from_names_who_the_colon_introduces() -> None:
    quotes = _quotes("Roger Stone spoke on Monday. Continued Stone: “So I think it is a very real problem.”\n\n"
                     "Signs of momentum were there all along -More from Blumenthal and Cohen: “Data collected by our "
                     "firm helps confirm that both issues were in play.”")
    assert quotes["So I think it is a very real problem."] == "Roger Stone"
    assert quotes["Data collected by our firm helps confirm that both issues were in play."] == "Blumenthal and Cohen"


def test_quotes_on_their_own_lines_after_a_sentence_where_one_person_speaks_are_that_persons() -> None:
    text = ("What that means is left to the voters, since Donald Trump spoke only in bromides during the interview.\n\n"
            "“We have to do something.”\n“We have to be a lot tougher.”\n\n"
            "“Nooooo!”")
    quotes = _quotes(text)
    assert quotes["We have to do something."] == "Donald Trump"
    assert quotes["We have to be a lot tougher."] == "Donald Trump"
    # after a blank line a lone quote may be anyone's (a crowd's reply): no run reaches it
    assert quotes.get("Nooooo!") is None


def test_it_that_speaks_may_be_a_text_named_as_an_object_just_before() -> None:
    quotes = _quotes("The campaign backtracked, putting out a statement contradicting his earlier comments. "
                     "In cases of abortion, it said, “the woman is a victim.”")
    assert quotes["the woman is a victim"] == "statement"


def test_a_no_break_space_does_not_cut_a_name_or_a_parse() -> None:
    # offsets stay the article's: the space is made plain for the parser only, one character for one
    text = "“Imagine Brad Thor on the same stage,” mused Blaze co-host Stu\xa0Burguiere."
    article = next(analyze([Article(id="a", source_path="a.txt", title="", text=text)], SETTINGS))
    assert [(q.text, q.speaker) for q in article.quotes] == [("Imagine Brad Thor on the same stage", "Stu Burguiere")]
    assert article.text == text


def test_a_verb_of_speech_conjoined_to_an_object_has_the_subject_of_that_objects_verb() -> None:
    quotes = _quotes("Glenn Beck spoke at the rally.\n\nHe then adopted a fake Southern accent and joked, "
                     "“But I am just going to make it easier for them to make fun of me.”")
    assert quotes["But I am just going to make it easier for them to make fun of me."] == "Glenn Beck"


def test_a_headline_opening_with_a_name_and_a_verb_in_s_quotes_that_person() -> None:
    body = "\n\nDonald Trump, Sarah Silverman and Barack Obama spoke on Monday. Ted Cruz did too."
    assert _quotes("Trump Slams Cruz: ‘He Is a Liar’" + body)["‘He Is a Liar’"] == "Donald Trump"
    assert _quotes("Sarah Silverman heckles Sanders supporters: ‘You’re being ridiculous.’" + body)[
        "‘You’re being ridiculous.’"] == "Sarah Silverman"
    # a name and no verb after it is a place or a body named after the person, as before
    assert _quotes("Trump Tower: ‘We are open’" + body).get("We are open") != "Donald Trump"


def test_a_speaker_behind_a_relative_clause_or_a_clause_opener_still_speaks() -> None:
    # the parser hangs the speaker on the relative clause's verb, or reads 'after' as a preposition
    quotes = _quotes("Mr. Slinker, whose latest start-up, Paradata, uses big data to help brands find "
                     "suppliers, said Mr. Trump was a good candidate: \"He is a start-up kind of guy.\"")
    assert quotes["He is a start-up kind of guy."] == "Slinker"
    quotes = _quotes("The remark came up after Mr. Trump, asked about the deaths of journalists, had said, "
                     "\"I think our country does plenty of killing also.\"")
    assert quotes["I think our country does plenty of killing also."] == "Trump"


def test_a_vox_pop_credits_each_quote_by_its_line() -> None:
    quotes = _quotes(
        "We asked voters what they think of the election.\n\n"
        "“My family is worried.” — Maria Lopez, 34, Phoenix\n\n"
        "Ana Torres, 28, Los Angeles: “I am voting for the first time this year.”\n\n"
        "Luis Garcia, 45, Houston\n“My parents came here with nothing.”\n\n"
        "“Make America Great Again” — the slogan of the campaign, 2016\n\n"
        "“Great debate tonight!” — Donald J. Trump (@realDonaldTrump) September 27, 2016\n"
    )
    assert quotes["My family is worried."] == "Maria Lopez"
    assert quotes["I am voting for the first time this year."] == "Ana Torres"
    assert quotes["My parents came here with nothing."] == "Luis Garcia"
    assert quotes["Great debate tonight!"] == "Donald J. Trump"  # an embedded tweet's credit
    assert quotes.get("Make America Great Again") is None  # a credit opens with a person's name


def test_according_to_an_organisations_average_cites_the_organisation() -> None:
    # the small model tags 'average' an adjective here; the organisation that makes it is the source
    cited = {c.name for c in _article("According to the Real Clear Politics average, Trump is up 15.6 points in Florida.").citations}
    assert cited == {"Real Clear Politics"}
    cited = {c.name for c in _article("Several newspapers reported that the FBI had reopened the case.").citations}
    assert cited == {"Several newspapers"}


def test_nobody_takes_no_stance_but_a_named_group_that_takes_none_does() -> None:
    assert not _indirect("No one knew what had become of the family.")
    assert not _indirect("No country has shared a credible strategy to cut emissions.")
    assert any(s == "None of the three candidates" for s, _ in _indirect("None of the three candidates has called for more troops."))


def test_a_person_entity_run_over_a_verb_names_the_person_after_it() -> None:
    quotes = _quotes("Dempsey picked up the phone and rang Taylor.\n\n"
                     "\"The steroids had a transformative effect within two days,\" Taylor wrote.")
    assert quotes["The steroids had a transformative effect within two days"] == "Taylor"


def test_whom_an_object_control_verb_prompts_to_speak_speaks() -> None:
    said = _indirect("The video prompted some Twitter users to argue that the campaign made it look as if the actors were on the drug.")
    assert {s for s, _ in said} == {"Twitter users"}


def test_what_a_company_or_a_thing_puts_out_cites_nothing() -> None:
    for text in ("Lowe’s reports earnings Wednesday.",  # its results
                 "In 2021, Tor will publish the unfinished novel, with an introduction by Neil Gaiman.",  # a book
                 "Her 12-inch MacBook from April 2015 was really starting to show its age.",  # a thing shows no finding
                 "While Buckley’s own story feels like a fairy tale come true, she drew a distinction.",  # a text feels nothing
                 'Benioff weighed in, telling Cook, "since he passed, you have been so true to him."'):  # whom he told
        assert not _article(text).citations, text
    cited = {c.name for c in _article("The New York Times published an investigation into the charity.").citations}
    assert cited == {"New York Times"}
    cited = {c.name for c in _article("Braun is unhappy with Borchetta, according to a new report by E! News.\n").citations}
    assert cited == {"E! News"}  # the letter the tokenizer split off the mark


def test_a_person_given_as_the_subjects_example_is_whom_he_means() -> None:
    quotes = _quotes(
        "David Autor, an economist, said the losses were real. “We were surprised,” he said.\n\n"
        "Some defenders of free trade, like Gary Hufbauer, a senior fellow at the Peterson Institute, also "
        "acknowledge that the government has failed displaced workers.\n\n"
        "But the benefit of free trade is “10 times the size of the losses,” he said."
    )
    assert quotes["10 times the size of the losses"] == "Gary Hufbauer"


def test_who_asks_in_a_side_clause_is_not_whom_the_next_he_said_quotes() -> None:
    quotes = _quotes(
        "Paul Ryan spoke to Jake Tapper on Sunday.\n\n"
        "Ryan also did not sound confident when Tapper asked whether Republicans would keep the House.\n\n"
        "“The one thing you can predict of this year is that it is going to be unpredictable,” he said."
    )
    assert quotes["The one thing you can predict of this year is that it is going to be unpredictable"] == "Paul Ryan"
