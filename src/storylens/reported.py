"""Reported speech and stance: 'X said (that) …', '…, X said', 'a poll found that …', and
the positions people take: 'X endorsed Y', 'X called for …', 'X wants to …', 'X is wary of …'.
Also attributions whose source goes unnamed ('X is expected to win', 'X seems unlikely to …',
'Asked about Y, …', 'X reportedly …'), kept with no speaker, and title-case titles the parser
misreads ('Trump Says He Never …').

A stance is recorded as an indirect quote whose text runs from the cue verb to the end of its
complement ("endorsed Ted Cruz for president"), so a brief reads it as what X did, not as words
X said.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from .cues import CLAUSE_CUES, FINDING_CUES, MESSAGE_NOUNS, REPORT_CUES, SPEECH_CUES, STANCE_CUES, STANCE_PARTICLES, cue_lemma, cue_text, felt_by_a_text, record_speaker, speaker_token, subject
from .model import Citation, Quote
from .sources import ANONYMOUS_SOURCES, SOURCE_NOUNS, Attribution, Ctx, add_citation, common, resolve, spaced_dash
from .speakers import ROLE_NOUNS, clean_name, person_name

# Nouns that name a position or statement whose owner ("Clinton's", "his") holds it
STANCE_NOUNS = frozenset(
    "support criticism comment comments remark remarks call opposition endorsement claim statement "
    "promise pledge view position argument warning accusation praise defense demand vow threat "
    "insistence suggestion assertion denial belief hope fear concern".split()
)  # measured out: plan, proposal, decision, bid, push (mostly things others talk about)
# what 'make' or 'cast' does when it states a position: 'made the case', 'cast doubt on'
STATEMENT_OBJECTS = STANCE_NOUNS | frozenset("case pitch point argument appeal vote doubt aspersion".split())
STANCE_PREPS = frozenset("for about on to against of over".split())
# 'endorsed her', 'backs them' name whom the stance is for; 'said it', 'wants something' say nothing
VAGUE_OBJECTS = frozenset("it this that something anything nothing everything".split())
HEADLINE_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "PRODUCT"})
HEADLINE_WORDS = 6  # "Poll:", "NY Daily News:", "Kerry:" — a name, not a clause, before the colon
SOURCE_CUES = frozenset({"cite", "quote"})  # their object is whose words are used: a citation


def indirect_quotes(ctx: Ctx, result: Attribution) -> None:
    """'X said (that) …', '…, X said' and 'a poll found that …': the clause is what was said."""
    # sentences whose direct quotes already stand for their quoted words; elsewhere a quoted
    # phrase under a stance verb ('referred to him as “the most beautiful soul”') is kept here
    quoted = {q.sentence for q in result.quotes if q.direct and q.speaker}  # a quote nobody says is dropped later
    spoken: set[int] = set()  # tokens of the clauses verbs of speech report
    stances: list[tuple[int, Quote, list[Citation]]] = []  # cue token, quote and citations of each stance
    for tok in ctx.doc:
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in STANCE_NOUNS and not ctx.in_quote[tok.i]:
            _noun_stance(ctx, result, tok)
        if not _candidate(ctx, tok):
            continue
        lemma = cue_lemma(tok)
        if lemma == "ask" and _unasked_by(tok):
            continue  # 'Asked about X, Clinton said …': the one asked answers; who asked is unnamed
        found = _reported_clause(tok) if lemma in CLAUSE_CUES else (None, [])
        speech = found[0] is not None
        if not speech and _within_speech(tok):
            continue  # 'X said residents should expect more tremors': X's words, not the residents' stance
        if not speech and _under_according_to(tok):
            continue  # 'According to the Journal, Apple has refused to fund …': the Journal's report
        if not speech and (lemma in STANCE_CUES or (lemma in FINDING_CUES and _document_subject(tok)) or _poll_subject(tok)):
            found = _stance(tok) if _agent(tok) is None else _passive_stance(tok)
        elif not speech and tok.lemma_ in COPULAS and (_person_subject(ctx, tok, GROUP_LABELS) or _role_subject(tok)):
            found = _held_attitude(tok)
        elif not speech and _person_subject(ctx, tok, GROUP_LABELS):
            # any verb of a person's with a clause ('X insinuated that …'); not a known verb
            # of speech, so it does not shield the sentence from the opinion check, and no
            # aside ('Cruz has 11, Rubio has 10' is a list, not 'Cruz, he says, leads')
            found = _reported_clause(tok, parenthetical=False)
            if found[0] is not None and found[0].i < tok.i:
                found = (None, [])  # '…, X said' is for verbs of speech only
        clause, words = found
        if clause is None or ctx.in_quote[clause.i]:
            continue
        if clause.i < tok.i and _opens_quoted(ctx, words):
            # '"…," X said' is a direct quote, found as such; a clause of the author's words with
            # a quoted phrase inside ('It wants to stop policies that have a "disparate impact"
            # on minorities, the lawsuit says') is reported all the same
            continue
        if sum(ctx.in_quote[t.i] for t in words) * 2 > len(words) and ctx.sent_of[tok.i] in quoted:
            continue  # mostly quoted words: the direct quote stands for it
        quotes, citations = len(result.quotes), len(result.citations)
        _add(ctx, result, tok, words, speech)
        if speech:
            spoken.update(t.i for t in words)
        elif len(result.quotes) > quotes:
            stances.append((tok.i, result.quotes[quotes], result.citations[citations:]))
    _drop_nested(result, [(quote, cited) for cue, quote, cited in stances if cue in spoken])
    result.quotes.sort(key=lambda q: q.sentence)


def _drop_nested(result: Attribution, nested: list[tuple[Quote, list[Citation]]]) -> None:
    """'As POLITICO revealed, the RNC agreed to …', 'The Senate, Hall said, rejected the plan': a
    stance inside the clause a verb of speech reports is the speaker's words, not a stance of its
    own (an aside's clause comes before its cue, so this is known only once the sentence is read)."""
    quotes = {id(q) for q, _ in nested}
    citations = {id(c) for _, cited in nested for c in cited}
    result.quotes[:] = [q for q in result.quotes if id(q) not in quotes]
    result.citations[:] = [c for c in result.citations if id(c) not in citations]


def _under_according_to(verb: Token) -> bool:
    """The verb's clause, or one it lies in, is what an 'according to' source tells: a stance
    there is that source's report, as one in a clause of speech is the speaker's."""
    return any(c.lower_ == "according" and any(t.lower_ == "to" for t in c.children) for head in (verb, *verb.ancestors) for c in head.children)


def _opens_quoted(ctx: Ctx, words: list[Token]) -> bool:
    """The clause's first word lies inside quotation marks."""
    first = next((t for t in words if not (t.is_punct or t.is_space)), None)
    return first is not None and ctx.in_quote[first.i]


def _within_speech(tok: Token) -> bool:
    """Inside the clause a verb of speech or thought reports ('X wouldn't say when the Senate will
    vote', 'Hall believes the Senate will pass the bill'): whatever stance it states is the
    speaker's."""
    child = tok
    for head in tok.ancestors:
        if child.dep_ == "ccomp" and head.pos_ in ("VERB", "AUX") and cue_lemma(head) in CLAUSE_CUES:
            return True
        child = head
    return False


def _candidate(ctx: Ctx, tok: Token) -> bool:
    """A verb outside quotation marks; a copula only as its clause's own verb ('X is wary of …')."""
    if ctx.in_quote[tok.i]:
        return False
    return tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ in ("ROOT", "ccomp", "conj"))


COPULAS = frozenset({"be", "become", "remain"})
# the nouns of a person's allegiance: 'X was an early backer of Y', 'a pointed critic of Z'
ALLEGIANCE_NOUNS = frozenset(
    "backer supporter critic opponent advocate proponent fan booster champion defender ally foe "
    "skeptic sceptic admirer detractor".split()
)
ATTITUDE_PREPS = frozenset("of about on to with for against over in".split())


def _held_attitude(verb: Token) -> tuple[Token | None, list[Token]]:
    """'X is wary of steering left', 'X was concerned that …', 'X was an early backer of Y': a
    person's attitude stated with a copula; what it is about is the content."""
    pred = next((c for c in verb.children if c.dep_ in ("acomp", "attr") and c.i > verb.i), None)
    if pred is None or (pred.pos_ == "NOUN" and pred.lemma_.lower() not in ALLEGIANCE_NOUNS):
        return None, []
    if pred.pos_ not in ("ADJ", "NOUN"):
        return None, []
    for child in pred.children:
        if child.dep_ in ("ccomp", "xcomp") and child.i > pred.i:
            return child, list(child.subtree)
        if child.dep_ == "prep" and child.lower_ in ATTITUDE_PREPS and child.i > pred.i:
            obj = next((p for p in child.children if p.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                return obj, list(obj.subtree)
    return None, []


DOCUMENT_SUBJECTS = SOURCE_NOUNS | frozenset("poll polls survey surveys report reports study studies records review analysis examination paper projection".split())


def _poll_subject(verb: Token) -> bool:
    """'Wednesday's Quinnipiac poll has Clinton leading', 'The CBS poll gave Clinton a lead', 'The
    poll underscores …': whatever a poll does with an object, it tells its finding."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if verb.pos_ != "VERB" or verb.text.isupper() or subj is None or subj.lemma_.lower() not in POLL_SUBJECTS:
        return False  # 'IOWA POLLS NOT NECESSARILY WRONG': a capitals headline the tagger cannot read
    # one poll: 'polls have missed the results' judges the polls; 'polls show' is a finding anyway
    if any(c.dep_ == "dobj" and c.lemma_.lower() in POLL_METHOD_OBJECTS for c in verb.children):
        return False  # 'The poll has a margin of error of 3 points'
    return subj.tag_ in ("NN", "NNP") and verb.lemma_.lower() not in POLL_METHODS


POLL_SUBJECTS = frozenset("poll survey".split())
# how a poll was taken, not what it found: 'The poll surveyed 1,000 voters'
POLL_METHODS = frozenset("survey interview sample include reach contact poll question ask use weight cover".split())
POLL_METHOD_OBJECTS = frozenset("margin interval error sample".split())


def _document_subject(verb: Token) -> bool:
    """'A recent CNN survey found 90 percent support': a poll or document finds what its object says."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None and verb.dep_ == "acl" and verb.i > verb.head.i:
        subj = verb.head  # 'polls showing her well behind'
    return subj is not None and subj.lemma_.lower() in DOCUMENT_SUBJECTS


def _noun_stance(ctx: Ctx, result: Attribution, cue: Token) -> None:
    """'Clinton's support for the deal', 'his comments on trade', 'criticism from Sanders of
    the plan': the owner of the noun holds the position its complement states."""
    owner = next((c for c in cue.children if c.dep_ == "poss"), None)
    if owner is None:
        owner = next((p for c in cue.children if c.dep_ == "prep" and c.lower_ in ("from", "by") for p in c.children if p.dep_ == "pobj"), None)
    comp = next((c for c in cue.children if c.dep_ in ("acl", "ccomp")), None)
    if comp is None:
        prep = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ in STANCE_PREPS), None)
        comp = next((p for p in prep.children if p.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
    if owner is None or comp is None or comp.i < cue.i or _told(cue):
        return
    speaker = resolve(ctx, owner)
    if not speaker:
        return
    words = list(cue.doc[cue.i : comp.right_edge.i + 1])
    if sum(ctx.in_quote[t.i] for t in words) * 2 > len(words):
        return
    text = _words_text(ctx.text, words)
    if text:
        result.quotes.append(Quote(speaker, text, ctx.sent_of[cue.i], False, cue.text))


def _told(noun: Token) -> bool:
    """'He emphasized the administration's position that …': a position someone else states is
    part of what that speaker said, not a statement of its own."""
    head = noun.head
    return noun.dep_ == "dobj" and cue_lemma(head) in SPEECH_CUES and any(c.dep_ == "nsubj" for c in head.children)


GROUP_LABELS = frozenset({"PERSON", "NORP", "ORG"})  # 'Democrats are wary of …', 'the union was critical of …'


def _role_subject(verb: Token) -> bool:
    """'Her advisers were optimistic that …', 'city officials aren't sure how …': people named by
    their role hold attitudes as named people do."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj is not None and common(subj) and subj.lemma_.lower() in ROLE_NOUNS | ANONYMOUS_SOURCES


def _person_subject(ctx: Ctx, verb: Token, labels: frozenset[str] = frozenset({"PERSON"})) -> bool:
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return False
    ent = ctx.ent_of[subj.i]
    return (ent is not None and ent.label_ in labels) or subj.lower_ in ("he", "she")


def _add(ctx: Ctx, result: Attribution, tok: Token, words: list[Token], speech: bool) -> None:
    if _agentless_passive(tok):
        return  # 'Trump is expected to win': whoever expects it goes unnamed
    if not speech and tok.dep_ in ("pcomp", "acl") and subject(tok) is None:
        return  # "after praising X", "the plan supported by …": no one in reach takes the stance
    speaker_tok = speaker_token(ctx, tok)
    if speaker_tok is None or speaker_tok in words or felt_by_a_text(speaker_tok, tok):
        return
    speaker = resolve(ctx, speaker_tok)
    if speaker is None and speaker_tok.pos_ == "PRON":
        return
    text = _words_text(ctx.text, words)
    if text:
        result.quotes.append(Quote(speaker, text, ctx.sent_of[tok.i], False, cue_text(tok)))
        record_speaker(ctx, result, speaker_tok, speaker, tok, speech)


def _agentless_passive(verb: Token) -> bool:
    deps = {c.dep_ for c in verb.children}
    return bool(deps & {"nsubjpass", "auxpass"}) and "agent" not in deps


DECIDING_BODIES = frozenset("senate house congress parliament legislature assembly council committee court board "
                            "panel lawmakers legislators chamber".split())


def _deciding_body(subj: Token | None) -> bool:
    """A legislature, court or other body that votes ("the Senate", "the House Judiciary Committee")."""
    return subj is not None and (subj.lemma_.lower() in DECIDING_BODIES or subj.ent_type_ == "ORG")


def _stance(cue: Token) -> tuple[Token | None, list[Token]]:
    """The complement of a stance verb, with the verb: 'wants [to bring refugees]', 'endorsed
    [Cruz]', 'called for [a ban]'. A bare pronoun object says nothing on its own."""
    deps = {c.dep_: c for c in reversed(list(cue.children))}
    lemma = cue.lemma_.lower()
    if lemma == "call" and not any(_calls_for(cue, c) or c.dep_ in ("oprd", "ccomp", "xcomp") for c in cue.children):
        return None, []  # "called for a ban", "called X a liar" take a stance; "called him" is a phone call
    if lemma in STANCE_PARTICLES and not any(c.lower_ in STANCE_PARTICLES[lemma] or (lemma == "look" and c.dep_ == "xcomp") for c in cue.children):
        return None, []
    comp = deps.get("ccomp") or deps.get("xcomp") or deps.get("dobj")
    if comp is None:
        prep = next((c for c in cue.children if c.dep_ in ("prep", "prt") and c.lower_ in STANCE_PREPS), None)
        comp = next((p for p in prep.children if p.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
        if comp is not None and comp.ent_type_ in ("DATE", "TIME"):
            return None, []  # 'a report published on Tuesday', 'requested on Wednesday': when, not what
        if comp is not None and comp.lemma_.lower() == "condition":
            return None, []  # 'spoke on (the) condition of anonymity': how a source spoke, not about what
    if lemma == "pass" and not _deciding_body(subject(cue)):
        return None, []  # "the Senate passed the bill"; "Brees passed for 364 yards" takes no stance
    if lemma in ("make", "cast") and (comp is None or comp.lemma_.lower() not in STATEMENT_OBJECTS):
        return None, []  # 'made the case', 'cast doubt'; 'made a fortune' takes no stance
    if comp is None or comp.i < cue.i or (comp.pos_ == "PRON" and comp.lower_ in VAGUE_OBJECTS and comp.n_rights == 0):
        return None, []
    if cue.lemma_.lower() in SOURCE_CUES and comp.lemma_.lower() in SOURCE_NOUNS | ANONYMOUS_SOURCES:
        return None, []  # "citing six sources": whose words follow, a citation (see citations.py)
    # "endorsed Cruz [for president]": a prepositional phrase on the verb completes the stance
    # "called the plan [a disaster]": an object predicate completes it too
    end = max([comp.right_edge.i] + [c.right_edge.i for c in cue.rights if c.dep_ in ("prep", "oprd", "ccomp", "xcomp") and c.i > comp.i])
    words = [cue.doc[i] for i in range(cue.i, end + 1)]
    while words and words[-1].is_punct:
        words.pop()
    return comp, words


def _agent(verb: Token) -> Token | None:
    """The 'by' phrase of a passive verb ('was endorsed by the Times'), when it has a subject."""
    if not any(c.dep_ == "nsubjpass" for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "agent"), None)


# passives whose 'by' names a cause or a name, not a speaker: 'was made possible by its
# resources', 'was decided by less than one point', 'is known by the acronym ISIS'
NO_PASSIVE_STANCE = frozenset("make decide know".split())


def _passive_stance(cue: Token) -> tuple[Token | None, list[Token]]:
    """'Her death was confirmed by the Eagle Forum', 'Kasich was endorsed by the Times': the
    passive subject is what the agent said or took a stance on."""
    subj = next(c for c in cue.children if c.dep_ == "nsubjpass")
    if cue_lemma(cue) in NO_PASSIVE_STANCE or subj.tag_ in ("WDT", "WP"):
        return None, []  # 'which was denounced by …': the relative clause's noun is what is meant
    return subj, list(subj.subtree)


def _calls_for(cue: Token, child: Token) -> bool:
    """'called for a ban', 'called on leaders to …', 'called out Trump'; not 'called him on Monday'."""
    return child.lower_ in ("for", "out") or (child.lower_ == "on" and child.i == cue.i + 1)


def _words_text(text: str, words: list[Token]) -> str:
    """The text of `words`, which may skip an interrupting cue ('This campaign, he says, is …')."""
    runs: list[list[Token]] = []
    for tok in words:
        if runs and tok.i == runs[-1][-1].i + 1:
            runs[-1].append(tok)
        else:
            runs.append([tok])
    parts = [text[r[0].idx : r[-1].idx + len(r[-1])].strip(" ,") for r in runs]
    joined = " ".join(p for p in parts if p).strip(" ,")
    if joined.endswith(".") and not ABBREVIATION_END.search(joined):
        joined = joined[:-1].rstrip(" ,")  # the sentence's full stop, not an abbreviation's ("5 a.m.")
    return joined


# An abbreviation's own period ends the words: "a.m.", "U.S.", "Jr.".
ABBREVIATION_END = re.compile(r"(?:\b[A-Za-z]\.){2,}$|\b(?:Jr|Sr|Inc|Co|Corp|Ltd|St|No)\.$")


def _reported_clause(cue: Token, parenthetical: bool = True) -> tuple[Token | None, list[Token]]:
    """The clause a cue reports: its ccomp, or for a parenthetical cue ('This campaign, he
    says, is different') the clause it interrupts, without the cue's own words."""
    clause = next((c for c in cue.children if c.dep_ == "ccomp"), None) or _medium_clause(cue)
    if clause is not None:
        return clause, [t for t in clause.subtree if not (t.dep_ == "mark" and t.head == clause)]
    if parenthetical and cue.head.pos_ in ("VERB", "AUX") and (cue.dep_ == "parataxis" or _as_aside(cue)):
        inner = {t.i for t in cue.subtree}
        words = [t for t in cue.head.subtree if t.i not in inner]
        while words and words[-1].is_punct:
            words.pop()
        while words and words[0].is_punct:
            words.pop(0)
        return (cue.head, words) if words else (None, [])
    return None, []


# what a cue speaks through: 'said in a statement that …', 'wrote in an email that …'
MEDIUM_NOUNS = MESSAGE_NOUNS | frozenset("interview speech op-ed editorial call conference briefing".split())
MEDIUM_PREPS = frozenset({"in", "during", "on", "through", "via"})


def _medium_clause(cue: Token) -> Token | None:
    """'X said in a statement that the announcements were …' parsed with the that-clause on the
    noun (as if it told which statement): the clause of the medium the cue speaks through is what
    was said. Its 'that' is a complementizer, not the relative pronoun of 'a statement that she
    released', which is the clause's subject or object."""
    for prep in cue.children:
        if prep.dep_ != "prep" or prep.lower_ not in MEDIUM_PREPS:
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj" or noun.lemma_.lower() not in MEDIUM_NOUNS:
                continue
            for clause in noun.children:
                if clause.dep_ in ("acl", "relcl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children):
                    return clause
    return None


AS_CUES = SPEECH_CUES | REPORT_CUES


def _as_aside(cue: Token) -> bool:
    """'As Clinton told the New York Daily News, tax relief is given …', 'The plan, as X noted,
    is dead': an 'as' clause of a verb of speech or reporting says the clause it hangs on is X's
    words ('As Clinton spoke, …' is a time; 'as you know' no speech)."""
    if cue.dep_ != "advcl" or cue_lemma(cue) not in AS_CUES:
        return False
    return any(c.dep_ == "mark" and c.lower_ == "as" and c.i == cue.left_edge.i for c in cue.children)


def headline_attributions(ctx: Ctx, result: Attribution) -> None:
    """'Kerry: "By law, …"', 'Poll: Sanders leads Clinton': a name or source noun opening its
    sentence, then a colon, says what follows (headline and transcript style)."""
    taken = {q.sentence for q in result.quotes}
    doc, sent_of = ctx.doc, ctx.sent_of
    for found in re.finditer(":", ctx.text):  # colons are few: no pass over every token
        span = doc.char_span(found.start(), found.end(), alignment_mode="expand")  # '):' is one token
        if span is None or ctx.in_quote[span.start] or sent_of[span.start] in taken:
            continue
        colon, sent = span.start, sent_of[span.start]
        start = colon
        while start > 0 and sent_of[start - 1] == sent and colon - start <= HEADLINE_WORDS and not spaced_dash(doc, start - 1):
            start -= 1
        # 'WHY THE POLLS WERE WRONG - Philip Bump: “…”': a digest line names its source after a dash
        after_dash = start > 0 and sent_of[start - 1] == sent and spaced_dash(doc, start - 1)
        name = [t for t in doc[start:colon] if not t.is_space]
        if "(" in [t.text for t in name[1:]]:
            name = name[: [t.text for t in name].index("(")]  # 'Rep. Trey Gowdy (R-S.C.): …'
        if (start > 0 and sent_of[start - 1] == sent and not after_dash) or not name or len(name) > HEADLINE_WORDS:
            continue
        cut = next((k for k, t in enumerate(name) if k > 0 and t.lower_ in ("on", "about", "to", "for")), None)
        name = name[:cut]  # 'CNN President On Trump: …', 'Obama To Voters: …': the name before whom it addresses
        name = name[: _headline_verb(ctx, name) or len(name)]
        if not name or any(t.pos_ in ("VERB", "AUX") or ctx.in_quote[t.i] for t in name):
            continue
        head = name[-1]
        # a named entity or a source noun: a title-case headline ("Trump Addresses Munich
        # Attack: …") is all PROPN to the tagger, but its last word names no one; a name the
        # article gives a person elsewhere, or a name that opens a quotation, does
        quote_next = any(ctx.in_quote[i] for i in range(colon + 1, min(colon + 4, len(doc))))
        if (
            # 'Iowa: Tim Albrecht, …' lists; a place says nothing
            (head.pos_ == "PROPN" and ctx.ent_of[head.i] is not None and ctx.ent_of[head.i].label_ in HEADLINE_LABELS)
            or head.lemma_.lower() in SOURCE_NOUNS
            or (head.pos_ == "PROPN" and head.lower_ in ctx.refs.known)
            # a headline tags its names badly ('Issa' ADJ, 'Sanders' NOUN): a capitalised word
            # the article names a person, or a person entity, is one whatever its tag
            or (_capitalised(head) and (head.lower_ in ctx.refs.known or _person_ent(ctx, head)))
            or (quote_next and len(name) <= 4 and all(t.pos_ == "PROPN" and _name_word(ctx, t) for t in name))
        ):
            _add_headline(ctx, result, head, colon, sent, name)


def _headline_verb(ctx: Ctx, name: list[Token]) -> int | None:
    """'Trump Slams Cruz: …', 'Trump Addresses Munich Attack: …', 'Sarah Silverman heckles Sanders
    supporters: …': a headline opening with a person the article names (up to three capitalised
    words, the last a name it knows), then a word in -s, its present-tense verb; the tagger
    reads such a line as one name. Where the name ends, or None."""
    for k in range(1, min(HEADLINE_NAME + 1, len(name))):
        person, verb = name[:k], name[k]
        if not all(_capitalised(t) for t in person) or person[-1].lower_ not in ctx.refs.known:
            continue
        if verb.text[:1].isalpha() and verb.lower_.endswith("s") and not re.search(r"['’]", verb.text):
            return k
    return None


HEADLINE_NAME = 3


def _name_word(ctx: Ctx, tok: Token) -> bool:
    """A capitalised word of a name; in capitals only an organisation's ('CNN President On
    Trump: ‘…’'), not an all-caps headline ('UN: PEACEKEEPERS PAYING …')."""
    ent = ctx.ent_of[tok.i]
    return _capitalised(tok) or (tok.text.isupper() and ent is not None and ent.label_ == "ORG")


def _capitalised(tok: Token) -> bool:
    return tok.text[:1].isupper() and not tok.text.isupper()


def _person_ent(ctx: Ctx, tok: Token) -> bool:
    ent = ctx.ent_of[tok.i]
    return ent is not None and ent.label_ == "PERSON"


def _add_headline(ctx: Ctx, result: Attribution, head: Token, colon: int, sent: int, name: list[Token]) -> None:
    end = colon + 1
    while end < len(ctx.doc) and ctx.sent_of[end] == sent:
        end += 1
    if end < len(ctx.doc) and all(t.is_space for t in ctx.doc[colon + 1 : end]) and "\n" not in ctx.doc[colon : end + 1].text:
        # 'OK Gov Fallin: Trump Is …' split after the colon: what follows on its line is what is said
        end, sent = end + 1, ctx.sent_of[end]
        while end < len(ctx.doc) and ctx.sent_of[end] == sent:
            end += 1
    words = [t for t in ctx.doc[colon + 1 : end] if not t.is_space]
    text = _words_text(ctx.text, words).strip(' "“”')
    ent = ctx.ent_of[head.i]
    if ent is not None and ent.end > head.i + 1:
        # 'Trump Slams Cruz' tagged one name and cut before its verb (`_headline_verb`): the words kept
        speaker = ctx.refs.full_name(person_name(_words_text(ctx.text, name)), head.i)
    elif ent is None and (head.pos_ == "PROPN" or head.lemma_.lower() in SOURCE_NOUNS):
        # 'Poll: Clinton and Sanders …' ('Clinton' parses as its apposition) or a name the tagger
        # did not mark: its own words ('Philip Bump', not the headline before it)
        speaker = ctx.refs.full_name(clean_name(_words_text(ctx.text, name)), head.i)
    else:
        speaker = resolve(ctx, head)
    if text and speaker:
        direct = sum(ctx.in_quote[t.i] for t in words) * 2 > len(words)
        result.quotes.append(Quote(speaker, text, sent, direct, ":"))
        result.attributed.add(sent)


# --- attributions that name nobody ----------------------------------------------------------

# passives that report what unnamed people hold or say: 'X is expected to win', 'X is widely
# seen as …', 'it was reported that …'
HELD_PASSIVES = frozenset(
    "expect believe consider see know think say report view regard rumor rumour describe deem "
    "predict project estimate suspect understand thought accuse charge allege criticize blame "
    "praise".split()
)
# hedges that attribute a clause to unnamed reports: 'Trump reportedly wants Tyson at the convention'
HEARSAY = frozenset("reportedly allegedly purportedly supposedly".split())
RAISING = frozenset({"seem", "appear"})  # 'X seemed unlikely to …': the author's reading, no speaker
RELATIVES = frozenset("who which that what whom".split())
COMPLEMENTS = frozenset({"xcomp", "ccomp", "oprd", "acomp", "attr"})


def unattributed_quotes(ctx: Ctx, result: Attribution) -> None:
    """Attributions whose source the text leaves unnamed: agentless passives of belief or
    report, 'seems / appears to', and a question put to someone ('Asked about X, he …')."""
    taken = {(q.sentence, q.text) for q in result.quotes}
    for tok in ctx.doc:
        if tok.pos_ not in ("VERB", "AUX") or ctx.in_quote[tok.i] or tok.tag_ == "VBG":
            continue  # 'appearing on Fox'
        lemma = tok.lemma_.lower()
        if lemma in HELD_PASSIVES and _agentless_passive(tok):
            words = _subject_and_complement(tok)
        elif lemma in RAISING and tok.pos_ == "VERB":
            words = _subject_and_complement(tok)
        elif any(c.lower_ in HEARSAY for c in tok.children):
            words = [t for t in tok.subtree if t.lower_ not in HEARSAY and not (t.dep_ == "punct" and t.head == tok)]
        elif lemma == "ask" and _unasked_by(tok):
            words = [t for c in tok.rights if c.dep_ in ("prep", "ccomp", "dobj", "xcomp") for t in c.subtree]
        else:
            continue
        text = _words_text(ctx.text, words)
        if not text or sum(ctx.in_quote[t.i] for t in words) * 2 > len(words) or (ctx.sent_of[tok.i], text) in taken:
            continue
        result.unattributed.append(Quote(None, text, ctx.sent_of[tok.i], False, cue_text(tok)))


def _subject_and_complement(verb: Token) -> list[Token]:
    """'[Trump] is expected [to win Ohio]': the subject and what is held of it; nothing when the
    verb has no complement ('as expected', 'he appeared on Fox')."""
    # 'seen as …', 'accused of …', 'blamed for …'
    comp = next((c for c in verb.children if c.dep_ in COMPLEMENTS or (c.dep_ == "prep" and c.lower_ in ("as", "of", "for"))), None)
    if comp is None or comp.i < verb.i:
        return []
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("it", "there")), None)
    # 'who is expected to win': the relative pronoun is no part of what is held
    words = list(subj.subtree) if subj is not None and subj.lower_ not in RELATIVES else []
    return words + list(comp.subtree)


def _unasked_by(verb: Token) -> bool:
    """'Asked about the vote, Clinton said …', 'He was asked whether …': a question whose asker
    goes unnamed."""
    deps = {c.dep_ for c in verb.children}
    aside = verb.dep_ in ("advcl", "acl") and "nsubj" not in deps and verb.tag_ == "VBN"
    return "agent" not in deps and ("nsubjpass" in deps or aside or _comma_aside(verb))


def _comma_aside(verb: Token) -> bool:
    """'Anna Berg, asked about the strike, said …' parsed with Berg as the subject of 'asked':
    a subject cut off by a comma is the main verb's, and 'asked' an aside."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return verb.i > 0 and verb.doc[verb.i - 1].text == "," and subj is not None and subj.i < verb.i - 1 and verb.dep_ != "ROOT"



# --- the title ------------------------------------------------------------------------------

PASSIVE_AUX = frozenset("is are was were be been being".split())
TITLE_SPEAKER_WORDS = 5  # 'Benghazi Widow Dorothy Woods Defends Trump': a name with its title


def title_attribution(ctx: Ctx, result: Attribution) -> None:
    """'Trump Says He Never Pledged To Kill …', 'Sanders Promises Action On Immigration': a
    title-case headline the tagger reads as one long name. Its first cue word, by spelling,
    splits it into who (a name the article knows) and what."""
    if any(q.sentence == 0 and (q.direct or q.cue == ":") for q in result.quotes):
        return
    title = [t for t in ctx.doc if ctx.sent_of[t.i] == 0 and not t.is_space]
    if len(title) < 3 or "\n" in ctx.text[: title[-1].idx]:
        return
    # a sentence-case title the parser reads well keeps what it found; title case capitalises
    # every word but the short ones ('Trump Says He Never Pledged To Kill …')
    if any(t.is_alpha and len(t) > 3 and not t.text[:1].isupper() for t in title):
        return
    at = next((k for k, t in enumerate(title) if 0 < k <= TITLE_SPEAKER_WORDS and _spelled_cue(t)), None)
    trailing = _trailing_attribution(ctx, title) if at is None else None
    if trailing is not None:
        name, content, at = trailing
    elif at is None or any(ctx.in_quote[t.i] or t.is_punct for t in title[:at]) or title[at - 1].lower_ in PASSIVE_AUX:
        return  # 'Trump Is Expected To Win': no one named expects it
    else:
        name, content = title[:at], title[at + 1 :]
    person = [t for t in name if _person_ent(ctx, t) or (_capitalised(t) and t.lower_ in ctx.refs.known)]
    if not person and trailing is not None and (ent := ctx.ent_of[name[-1].i]) is not None and ent.label_ == "ORG":
        person = name  # 'Ted Cruz Is A ‘Natural Born Citizen,’ Board Of Election Finds'

    text = _words_text(ctx.text, content).strip(' "“”‘’')
    if not person or not text:
        return
    speaker = ctx.refs.full_name(clean_name(person[-1].text), person[-1].i) if len(person) == 1 else clean_name(_words_text(ctx.text, person))
    direct = sum(ctx.in_quote[t.i] for t in content) * 2 > len(content)
    # what the parse made of the title ('Trump Says He Never' as a name) gives way
    result.quotes = [q for q in result.quotes if q.sentence != 0]
    result.quotes.append(Quote(speaker, text, 0, direct, title[at].text))
    result.attributed.add(0)


def _trailing_attribution(ctx: Ctx, title: list[Token]) -> tuple[list[Token], list[Token], int] | None:
    """'Guns Are ‘The Ultimate Public Health Crisis,’ Howard Dean Tells Democratic Convention':
    the name and cue word after the title's last comma say what comes before it."""
    comma = max((k for k, t in enumerate(title) if t.text == ","), default=None)
    if comma is None:
        return None
    start = comma + 1 + (comma + 1 < len(title) and title[comma + 1].is_quote)
    at = next((k for k in range(start + 1, min(start + TITLE_SPEAKER_WORDS + 1, len(title))) if _spelled_cue(title[k])), None)
    if at is None or any(t.is_punct for t in title[start:at]):
        return None
    return title[start:at], title[:comma], at


def _spelled_cue(tok: Token) -> bool:
    """A verb of speech or stance by its spelling alone ('Says', 'Slams', 'Defends', 'Urged'),
    whatever the tagger made of a capitalised word."""
    word = tok.lower_
    stems = {word, word.removesuffix("s"), word.removesuffix("es"), word.removesuffix("d"), word.removesuffix("ed")}
    if word in ("says", "said"):
        return True
    return bool(stems & (SPEECH_CUES | STANCE_CUES)) and not tok.text.isupper()


# 'records show', 'the poll found': a document's finding told in an aside after a comma
ASIDE_FINDINGS = frozenset("show shows showed found finds indicate indicates indicated suggest suggests suggested".split())
ASIDE_DOCUMENTS = frozenset(
    "records documents data figures poll polls survey surveys report reports filings statistics "
    "estimates study studies analysis".split()
)
ASIDE_WORDS = 6  # words from the comma to the verb: 'campaign and corporate records show'


def aside_findings(ctx: Ctx, result: Attribution) -> None:
    """'…, Federal Election Commission records show.', 'During the same stretch, F.A.A. records
    show, the Cessna has flown …': a document cited in an aside. The parser often misreads it
    ('records' a verb, 'show' a noun), so the words decide: a document noun and a verb of finding
    between a comma and the end of the clause name the source; the rest of the sentence is what
    it shows."""
    doc = ctx.doc
    for tok in doc:
        if tok.lower_ not in ASIDE_FINDINGS or ctx.in_quote[tok.i] or not 0 < tok.i < len(doc) - 1:
            continue
        if doc[tok.i + 1].text not in (".", ",") or doc[tok.i - 1].lower_ not in ASIDE_DOCUMENTS:
            continue
        sent = ctx.sent_of[tok.i]
        start = _aside_start(ctx, tok)
        if start is None or any(q.sentence == sent and q.cue.split()[:1] == [tok.text] for q in result.quotes):
            continue  # no aside, or the parse already found it ('…, the poll shows' as the root)
        name = [t for t in doc[start : tok.i] if not (t.dep_ == "det" or t.lower_ in ("the", "a", "an"))]
        words = [t for t in doc if ctx.sent_of[t.i] == sent and not start - 1 <= t.i <= tok.i and not t.is_space]
        if doc[tok.i + 1].text == ",":
            words = [t for t in words if t.i != tok.i + 1]
        text = _words_text(ctx.text, words)
        if not name or not text:
            continue
        speaker = " ".join(ctx.text[name[0].idx : name[-1].idx + len(name[-1])].split())
        result.quotes.append(Quote(speaker, text, sent, False, tok.text))
        add_citation(ctx, result, speaker, sent, tok.text, tok.i - 1, outlet=False)
        result.attributed.add(sent)
    result.quotes.sort(key=lambda q: q.sentence)


def _aside_start(ctx: Ctx, verb: Token) -> int | None:
    """The first word after the comma that opens the aside ending at `verb`, if a short run of
    plain words (no quotation, pronoun or other verb of the sentence) leads up to it."""
    doc, sent = ctx.doc, ctx.sent_of[verb.i]
    for j in range(verb.i - 1, max(verb.i - 1 - ASIDE_WORDS, -1), -1):
        tok = doc[j]
        if ctx.sent_of[j] != sent or ctx.in_quote[j] or tok.pos_ in ("PRON", "AUX"):
            return None
        if j < verb.i - 1 and tok.tag_ in ("VBD", "VBZ", "MD"):
            return None  # a clause of its own ('…, he said records show'); the noun itself may be tagged 'VBZ'

        if j > 0 and doc[j - 1].text == "," and j < verb.i:
            return j if ctx.sent_of[j - 1] == sent else None
    return None
