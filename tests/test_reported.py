"""Reported speech, stance and attributions that name nobody, on tiny sentences (reported.py,
cues.py, sources.py)."""

from __future__ import annotations

from storylens.analyze import analyze
from storylens.model import Article, Quote
from storylens.settings import Settings

SETTINGS = Settings(n_process=1)


def _quotes(text: str) -> list[Quote]:
    return next(analyze([Article(id="a", source_path="a.txt", title="", text=text)], SETTINGS)).quotes


def _found(text: str) -> set[tuple[str | None, str]]:
    return {(q.speaker, q.text) for q in _quotes(text)}


# --- stance verbs ---------------------------------------------------------------------------


def test_verbs_of_rebuke_take_a_stance() -> None:
    assert ("Anna Berg", "railed against the plan") in _found("Anna Berg railed against the plan.")


def test_speak_takes_a_stance_only_with_its_particle() -> None:
    found = _found("Anna Berg spoke out against the plan. Peter Hall spoke for an hour.")
    assert ("Anna Berg", "spoke out against the plan") in found
    assert not any(s == "Peter Hall" for s, _ in found)


def test_a_stance_inside_what_someone_believes_is_theirs() -> None:
    found = _found("Peter Hall believes the Senate will pass the bill. Anna Berg thinks the Ohio Democratic Party wants to raise taxes.")
    assert not any(s in ("Senate", "Ohio Democratic Party") for s, _ in found)


def test_a_stance_inside_a_parenthetical_speakers_clause_is_theirs() -> None:
    article = next(analyze([Article(id="a", source_path="a.txt", title="", text=(
        "As the Dayton Daily News reported, the Ohio Democratic Party agreed to raise the fee. "
        "The Ohio Senate, Peter Hall said, rejected the plan."))], SETTINGS))
    assert {q.speaker for q in article.quotes} == {"Dayton Daily News", "Peter Hall"}
    assert [c.name for c in article.citations] == ["Dayton Daily News"]


def test_a_stance_an_according_to_source_tells_is_that_sources_report() -> None:
    found = _found("According to the Dayton Daily News, the Ohio Democratic Party has refused to fund the convention. "
                   "The Ohio Senate backed the plan last week, according to the Toledo Blade.")
    assert not any(s in ("Ohio Democratic Party", "Ohio Senate") for s, _ in found)


def test_people_named_by_their_role_hold_attitudes() -> None:
    found = _found("Her advisers were optimistic that she would win in Ohio. City officials are wary of the new stadium plan.")
    assert ("advisers", "that she would win in Ohio") in found
    assert ("City officials", "the new stadium plan") in found


def test_a_passive_with_its_agent_is_the_agents_stance() -> None:
    found = _found("Her death was confirmed by the Eagle Forum, the group she founded. Governor Kasich was endorsed by the Boston Globe.")
    assert ("Eagle Forum", "Her death") in found
    assert ("Boston Globe", "Governor Kasich") in found


def test_a_passive_whose_agent_is_a_cause_takes_no_stance() -> None:
    assert not _found("The state was decided by less than one point in 2000. The attacks, which were claimed by the Islamic State, killed 130 people.")


def test_make_takes_a_stance_only_with_a_statement_object() -> None:
    found = _found("Anna Berg made the case for a new bridge. Peter Hall made a fortune in steel.")
    assert ("Anna Berg", "made the case for a new bridge") in found
    assert not any(s == "Peter Hall" for s, _ in found)


def test_calling_something_a_name_is_a_stance_but_a_phone_call_is_not() -> None:
    found = _found("Anna Berg called the plan a disaster. Peter Hall called him on Monday.")
    assert ("Anna Berg", "called the plan a disaster") in found
    assert not any(s == "Peter Hall" for s, _ in found)


def test_a_person_pronoun_object_completes_a_stance() -> None:
    assert ("Peter Hall", "endorsed her") in _found("Peter Hall endorsed her.")


def test_a_copula_with_an_attitude_adjective_is_a_stance() -> None:
    assert ("Anna Berg", "the plan") in _found("Anna Berg was critical of the plan.")


def test_quick_to_criticize_is_the_subjects_stance() -> None:
    assert ("Ted Cruz", "criticize the plan") in _found("Ted Cruz was quick to criticize the plan.")


def test_looks_to_is_an_aim_but_looking_at_is_not() -> None:
    found = _found("Anna Berg looks to ease tensions with the council. Peter Hall looked at the map.")
    assert ("Anna Berg", "looks to ease tensions with the council") in found
    assert not any(s == "Peter Hall" for s, _ in found)


def test_a_clause_parsed_onto_the_medium_is_still_what_was_said() -> None:
    # the parser hangs 'that …' on 'statement' as if it told which statement
    assert ("Peter Hall", "the bridge will now open in May") in _found("Mayor Peter Hall says in a statement that the bridge will now open in May.")
    found = _found("The spokeswoman for the council, Mary Tully, said in a statement that the vote would go ahead.")
    assert ("Mary Tully", "the vote would go ahead") in found


# --- who speaks -----------------------------------------------------------------------------


def test_a_bare_quantifier_is_the_group_that_speaks() -> None:
    assert ("Some", "the plan would fail") in _found("Some said the plan would fail.")


def test_a_quantity_of_a_group_speaks_as_that_group() -> None:
    assert ("A majority of Republicans", "the plan would fail") in _found("A majority of Republicans said the plan would fail.")


def test_which_after_a_name_is_that_name() -> None:
    found = _found("The union backed the Communications Workers of America, which endorsed Mr. Sanders in December.")
    assert ("Communications Workers of America", "endorsed Mr. Sanders in December") in found


def test_they_is_the_named_group_just_before() -> None:
    assert ("Democrats", "the plan would fail") in _found("Democrats met on Monday, and they said the plan would fail.")


def test_they_with_no_named_group_says_nothing() -> None:
    assert _found("They said the plan would fail.") == set()


def test_a_cue_after_by_has_the_main_verbs_subject() -> None:
    quotes = {q.text: q.speaker for q in _quotes("Mark Ellis ended his speech by saying “Too many.”")}
    assert quotes == {"Too many.": "Mark Ellis"}


# --- nobody named ---------------------------------------------------------------------------


def test_an_agentless_passive_of_belief_names_nobody() -> None:
    found = _found("Donald Trump is expected to win the primary.")
    assert found == {(None, "Donald Trump to win the primary")}


def test_seems_is_the_authors_reading() -> None:
    assert _found("The plan seemed unlikely to pass.") == {(None, "The plan unlikely to pass")}


def test_an_accusation_in_the_passive_names_nobody() -> None:
    assert (None, "Anna Berg of hiding the money") in _found("Anna Berg was accused of hiding the money.")


def test_reportedly_attributes_the_clause_to_unnamed_reports() -> None:
    assert (None, "Anna Berg wants a recount") in _found("Anna Berg reportedly wants a recount.")


def test_the_one_asked_is_not_the_asker() -> None:
    found = _found("Asked about the vote, Anna Berg said she would win.")
    assert ("Anna Berg", "she would win") in found and (None, "about the vote") in found
    assert not any(s == "Anna Berg" and "vote" in t for s, t in found)


def test_a_name_cut_off_by_a_comma_did_not_ask() -> None:
    found = _found("The union said it would strike. Anna Berg, asked about the strike, said she would wait.")
    assert not any(s == "Anna Berg" and "asked" in t for s, t in found)


# --- headlines and titles -------------------------------------------------------------------


def test_a_source_noun_before_a_colon_is_the_source_not_the_name_after_it() -> None:
    found = _found("Poll: Clinton and Sanders in dead heat in California.\nHillary Clinton and Bernie Sanders spoke.")
    assert ("Poll", "Clinton and Sanders in dead heat in California") in found


def test_a_headline_name_the_tagger_missed_is_still_the_source() -> None:
    found = _found("Sanders: Brexit’s message could draw Trump support in US.\nBernie Sanders spoke on Monday.")
    assert ("Sanders", "Brexit’s message could draw Trump support in US") in found


def test_a_place_before_a_colon_says_nothing() -> None:
    assert _found("Iowa: Tim Albrecht, Brad Anderson, Rob Barron.\nThey are on the list.") == set()


def test_a_headline_split_after_its_colon_says_what_follows_on_its_line() -> None:
    # the parser may end a sentence at the colon ('OK Gov …:' then the headline's claim)
    from storylens.analyze import fill, load_nlp

    text = "Gov Lena Marsh: Taxes Are ‘Going Down Next Year,’ ‘That Is The Plan.’"
    doc = load_nlp(SETTINGS).make_doc(text)
    doc[4].is_sent_start = True
    article = Article(id="a", source_path="a.txt", title="", text=text)
    fill(article, load_nlp(SETTINGS)(doc))
    assert [(q.speaker, q.text) for q in article.quotes] == [("Lena Marsh", "Taxes Are ‘Going Down Next Year,’ ‘That Is The Plan.’")]


def test_an_organisations_acronym_may_open_a_headline_name() -> None:
    found = _found("NBC Chairman On Debates: ‘We Will Not Change The Format.’")
    assert {s for s, _ in found} == {"NBC Chairman"}


def test_a_title_case_title_may_name_its_speaker_after_its_last_comma() -> None:
    found = _found("Bridges Are ‘The Ultimate Public Safety Crisis,’ Lena Marsh Tells City Council.\n\nMayor Lena Marsh spoke on Monday.")
    assert ("Lena Marsh", "Bridges Are ‘The Ultimate Public Safety Crisis") in found


def test_a_title_case_title_splits_at_its_cue_word() -> None:
    found = _found("Trump Says He Never Pledged To Kill Family Members.\nDonald Trump spoke.")
    assert ("Donald Trump", "He Never Pledged To Kill Family Members") in found


def test_a_title_passive_names_no_speaker() -> None:
    found = _found("Trump Is Expected To Win Ohio.\nDonald Trump spoke.")
    assert not any(s == "Donald Trump" and "Win Ohio" in t for s, t in found)


def test_a_sentence_case_title_keeps_its_parse() -> None:
    found = _found("Senator Mark Ellis endorsed Anna Berg for governor.\nEllis spoke on Monday.")
    assert ("Mark Ellis", "endorsed Anna Berg for governor") in found


def test_a_date_after_a_stance_verb_is_no_stance() -> None:
    """'a report published on Tuesday by the trust': when, not what anyone holds."""
    found = _found("The findings were in a report published on Tuesday by the Coastal Waters Monitoring Trust.")
    assert not any(text.startswith("published") for _, text in found), found
    assert ("Anna Berg", "called for a ban on Tuesday") in _found("Anna Berg called for a ban on Tuesday.")


def test_a_stance_inside_reported_speech_is_the_speakers() -> None:
    """'X said residents should expect more tremors': X speaks; the residents take no stance."""
    found = _found("Claudia Henriquez said residents should expect further tremors.")
    assert not any(speaker == "residents" for speaker, _ in found), found
    assert ("Claudia Henriquez", "residents should expect further tremors") in found


def test_reported_words_keep_an_abbreviation_s_period() -> None:
    """The sentence's full stop goes; the period of "a.m." or "U.S." is part of the words."""
    assert _found(
        "The girl was pulled alive from the ruins shortly before 5 a.m., the fire service said. "
        "The council approved the plan, officials said."
    ) == {("fire service", "The girl was pulled alive from the ruins shortly before 5 a.m."),
          ("officials", "The council approved the plan")}


# --- source names ---------------------------------------------------------------------------


def test_a_cited_name_stops_at_a_spaced_dash() -> None:
    article = next(analyze([Article(id="a", source_path="a.txt", title="", text="The plan would raise $2 trillion, according to the Urban Institute - a tenth of the economy.")], SETTINGS))
    assert [c.name for c in article.citations] == ["Urban Institute"]


def test_a_participle_after_a_name_is_no_verb_of_that_name() -> None:
    # 'the super PAC backing X' describes the PAC; the parse glues 'PAC' to 'backing' as if it
    # were 'Trump barked'
    assert not any(s == "PAC" for s, _ in _found("The super PAC backing Anna Berg is spending heavily in Iowa."))
