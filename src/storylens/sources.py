"""What attribution knows while it walks one parse: the parse itself, the people and outlets
named so far, and how a subject or source token becomes a name.

Shared by direct quotes (`attribution`), reported speech and stance (`reported`) and cited
sources (`citations`).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Sequence

from spacy.tokens import Doc, Span, Token

from .model import Citation, Quote
from .speakers import ROLE_NOUNS, TITLED_ROLES, Referents, clean_name, norm_name, person_name

OUTLET_ANAPHORS = frozenset(
    "outlet newspaper paper broadcaster network agency magazine website site daily publication "
    "channel tabloid wire".split()
)
SOURCE_NOUNS = frozenset(
    "report news story article interview investigation analysis poll survey document "
    "statement dispatch broadcast reporting coverage poll survey count tally data record records "
    "study research estimate estimates figures documents memo email emails transcript "
    # opinion pieces, filings, letters and ads speak for their makers ('The editorial noted …',
    # 'the lawsuit alleges …', 'WSJ editorial: …', 'the ad says …')
    "editorial column lawsuit complaint indictment filing ad letter video".split()
)
ANONYMOUS_SOURCES = frozenset(
    "official officials source sources aide aides insider insiders authorities investigators "
    "prosecutors police".split()
)
# common nouns that can be a source or speaker: documents, anonymous officials, outlets, roles
SPEAKING_NOUNS = SOURCE_NOUNS | ANONYMOUS_SOURCES | OUTLET_ANAPHORS | ROLE_NOUNS
SOURCE_LABELS = frozenset({"ORG", "PERSON", "WORK_OF_ART", "LAW", "FAC", "PRODUCT"})
SPEAKER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
TIME_LABELS = frozenset({"DATE", "TIME", "MONEY", "QUANTITY"})


@dataclass(slots=True)
class Attribution:
    quotes: list[Quote] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    attributed: set[int] = field(default_factory=set)  # sentences carrying a cue: reporting
    in_quote: list[bool] = field(default_factory=list)  # token index -> inside quotation marks
    # reported with nobody named ('X is expected to win', 'X seemed unlikely', 'Asked about
    # Y, …'): kept apart so the rule that drops speakerless quotes leaves them be
    unattributed: list[Quote] = field(default_factory=list)


@dataclass(slots=True)
class Ctx:
    doc: Doc
    text: str  # doc.text, which spaCy rebuilds from every token on each access
    sent_of: Sequence[int]  # token index -> Sentence index
    ent_of: list[Span | None]  # token index -> (label-harmonised) entity
    in_quote: list[bool]
    refs: "Referents"
    outlets: list[tuple[int, str]] = field(default_factory=list)  # (token, name) cited so far
    own_outlet: str = ""

    def sentence_start(self, sent: int) -> int:
        """Character offset where sentence `sent` starts (its first token)."""
        i = bisect.bisect_left(self.sent_of, sent)
        return self.doc[i].idx if i < len(self.doc) else len(self.text)

    def last_outlet(self, before: int) -> str | None:
        """The outlet cited most recently before token `before` ("the outlet reports")."""
        named = [name for at, name in self.outlets if at < before]
        return named[-1] if named else None


def add_citation(ctx: Ctx, result: Attribution, name: str, sent: int, cue: str, at: int, outlet: bool = True) -> None:
    if ctx.own_outlet and norm_name(name) == ctx.own_outlet:
        return
    if any(c.name == name and c.sentence == sent for c in result.citations):
        return
    result.citations.append(Citation(name, sent, cue))
    ent = ctx.ent_of[at]
    if outlet and (ent is None or ent.label_ != "PERSON"):
        ctx.outlets.append((at, name))



# --- names and speakers --------------------------------------------------------------------


def resolve(ctx: Ctx, tok: Token, said: str = "") -> str | None:
    """The speaker's name for the subject token of a cue verb (None rather than a wild guess)."""
    if (noun := antecedent(tok)) is not None:
        return resolve(ctx, noun, said)
    if nobody(tok):
        return None  # 'No one knows …', 'no Republican has endorsed him': nobody said it
    quantity = tok.lemma_.lower() in QUANTITY_NOUNS and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
    if (tok.lower_ in QUANTIFIERS or quantity) and ctx.ent_of[tok.i] is None and (group := _quantified(ctx, tok)):
        return group
    if tok.lower_ == "they":
        return _plural_group(ctx, tok)
    if tok.lower_ in SOMEONE:
        return phrase(tok)  # 'someone in the audience shouted': nobody named, but someone speaks
    if tok.lower_ == "it" and (named := _text_or_body_before(ctx, tok)) is not None:
        return named
    if tok.pos_ == "PRON":
        return ctx.refs.pronoun(tok, said)
    ent = ctx.ent_of[tok.i]
    if ent is not None and ent.label_ == "NORP" and (members := _for_org(ctx, tok)):
        return members  # 'Democrats in Congress', 'senior Democrats on the House Judiciary Committee'
    if ent is not None and ent.label_ in SPEAKER_LABELS:
        return entity_name(ctx, tok, ent)
    if ent is not None and ent.label_ in TIME_LABELS:
        # 'said the 46-year-old': an age used as a noun is a person; 'Saturday', 'last year'
        # are a misparsed adverbial, never a speaker
        return phrase(tok) if _aged_person(tok) else None
    # the name in an apposition ('the nominee, Donald Trump,'); one inside quotation marks is
    # quoted words ('Reid: “Never underestimate Trump.”'), not the speaker's name
    named = next((c for c in tok.children if c.dep_ == "appos" and ctx.ent_of[c.i] is not None and not ctx.in_quote[c.i]), None)
    if named is not None:
        return resolve(ctx, named)
    if (both := coordinated(ctx, tok)) is not None:
        return both
    lemma = tok.lemma_.lower()
    if common(tok) and lemma in OUTLET_ANAPHORS and definite(tok):
        # "the newspaper" none was named before; "the agency" after the National Emergency Agency
        return owner_name(ctx, tok) or ctx.last_outlet(tok.i) or _named_before(ctx, tok) or phrase(tok)
    if common(tok) and lemma in ROLE_NOUNS | TITLED_ROLES and definite(tok):
        # 'the officials' are a group, not the one person just named
        return (None if tok.tag_ == "NNS" else ctx.refs.role(tok)) or _for_org(ctx, tok) or _for_person(ctx, tok) or phrase(tok)
    if tok.pos_ == "PROPN" and not common(tok):
        return propn_name(tok)
    if tok.pos_ == "NUM":  # "Six in 10 say …", "72 percent of Democrats said …"
        words = " ".join(tok.doc[tok.left_edge.i : tok.right_edge.i + 1].text.split())
        # A bare figure is an age or a count the parser took for the subject ("said Dell'Orso, 34"), not a speaker.
        return words if any(ch.isalpha() for ch in words) else None
    if tok.pos_ == "NOUN" and (named := _for_org(ctx, tok) or _for_person(ctx, tok) or _named_before(ctx, tok)):
        return named
    if tok.pos_ not in ("NOUN", "PROPN") and _spelled_person(ctx, tok):
        # '“…,” Trump shot back' with 'Trump' tagged a verb, 'said Skelly,' with 'Skelly' an adverb
        return ctx.refs.full_name(tok.text, tok.i)
    return phrase(tok) if tok.pos_ in ("NOUN", "PROPN") or noun_read_as_adjective(tok) else None


def noun_read_as_adjective(tok: Token) -> bool:
    """'the [editorial] read' with 'read' tagged a noun: the tagger then takes the noun before it
    for an adjective; a word that names a text is the subject all the same."""
    return tok.dep_ == "amod" and tok.lower_ in DOCUMENT_NOUNS


SOMEONE = frozenset({"someone", "somebody"})
NOBODY = frozenset({"nobody", "noone", "none"})


def nobody(tok: Token) -> bool:
    """A subject that names no one: 'nobody', 'no one', 'no country'. Not 'none of the three
    candidates', whose group is named and takes a stance by not taking one."""
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
        return False
    return tok.lower_ in NOBODY or any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)


# Nouns for texts: what 'it' may stand for when it speaks ('“…,” it said.', 'It continued: “…”'),
# with an organisation (`_text_or_body_before`; 'A letter … from the staff association …'); a
# person is never 'it'.
DOCUMENT_NOUNS = SOURCE_NOUNS | frozenset(
    "message release tweet post note text advertisement website site page affidavit petition listing sign book".split()
)


def _text_or_body_before(ctx: Ctx, tok: Token) -> str | None:
    """The nearest text or organisation named as a subject in the sentence before 'it' or its own,
    outside quotes ('the Business Council of British Columbia opposed an increase. “…,” it
    recommended')."""
    here = ctx.sent_of[tok.i]
    for i in range(tok.i - 1, -1, -1):
        if ctx.sent_of[i] < here - 1:
            return None
        cand = ctx.doc[i]
        if not ctx.in_quote[i] and _written_in_by_a_person(cand):
            return phrase(cand)
        if ctx.in_quote[i] or cand.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if cand.pos_ == "NOUN" and cand.lemma_.lower() in DOCUMENT_NOUNS:
            return phrase(cand)
        ent = ctx.ent_of[i]
        if ent is not None and ent.label_ == "ORG" and ent.root.i == i:
            return entity_name(ctx, cand, ent)
    return _text_named_before(ctx, tok)


TEXT_REACH = 2  # sentences back that an 'it' that speaks may mean a text named in any role


def _text_named_before(ctx: Ctx, tok: Token) -> str | None:
    """'… putting out a statement contradicting his comments. In cases of abortion, it said, “…”':
    failing a subject, the nearest text named in any role, in this sentence or the two before."""
    here = ctx.sent_of[tok.i]
    for i in range(tok.i - 1, -1, -1):
        if ctx.sent_of[i] < here - TEXT_REACH:
            return None
        cand = ctx.doc[i]
        if not ctx.in_quote[i] and cand.pos_ == "NOUN" and cand.lemma_.lower() in DOCUMENT_NOUNS and cand.tag_ == "NN":
            return phrase(cand)
    return None


def _written_in_by_a_person(tok: Token) -> bool:
    """'X wrote in the affidavit.', 'On his website, Sanders …': a text a person writes in or on;
    the 'it' that speaks next is the text, since it cannot be the person."""
    if not (tok.pos_ == "NOUN" and tok.lemma_.lower() in DOCUMENT_NOUNS and tok.dep_ == "pobj"
            and tok.head.lower_ in ("in", "on")):
        return False
    verb = tok.head.head
    subjects = [c for c in verb.children if c.dep_ == "nsubj"] if verb.pos_ in ("VERB", "AUX") else []
    return len(subjects) == 1 and (subjects[0].ent_type_ == "PERSON" or subjects[0].lower_ in ("he", "she"))


def _spelled_person(ctx: Ctx, tok: Token) -> bool:
    """A capitalised word inside its sentence that spells a person the article names."""
    return tok.text[:1].isupper() and not tok.is_sent_start and tok.lower_ in ctx.refs.known


def _aged_person(tok: Token) -> bool:
    """'the 46-year-old', 'a 70-year-old': 'old' heading a noun phrase of its own."""
    # the parser may make it the root, its verb a clause on it ('“…?” the 43-year-old asked')
    return tok.lower_ == "old" and tok.dep_ in ("nsubj", "nsubjpass", "ROOT") and any(c.dep_ == "det" for c in tok.children)


def _named_before(ctx: Ctx, tok: Token) -> str | None:
    """'the agency', 'the trust', 'the ministry' (singular, definite, bare): the one organisation
    named earlier in the article whose name has that word ('National Emergency Agency')."""
    if not (common(tok) and definite(tok) and tok.tag_ == "NN") or any(c.dep_ in ("amod", "compound") for c in tok.children):
        return None
    word = tok.lower_
    names = {entity_name(ctx, ent.root, ent) for i in range(tok.i) if (ent := ctx.ent_of[i]) is not None
             and ent.label_ == "ORG" and i == ent.start and word in ent.text.lower().split()}
    return names.pop() if len(names) == 1 else None


QUANTIFIERS = frozenset("many some most all few several those others both another none neither".split())
# 'a majority of voters', 'a lot of people', 'a third of Republicans': the group is the speaker
QUANTITY_NOUNS = frozenset("lot majority plurality minority number share half third quarter percent".split())
BARE_GROUPS = frozenset("many some most few several others another".split())  # not 'all', 'both', 'those': they point back
GROUP_WORDS = 6
NOT_PEOPLE = frozenset("whom which it that this attention".split())


def _quantified(ctx: Ctx, tok: Token) -> str | None:
    """'Many in the crowd', 'all but two', 'those surveyed': a group named by a quantifier and
    what it quantifies; the whole phrase is the speaker ('Some' alone as the subject: 'Some said …')."""
    words = list(tok.subtree)
    if len(words) == 1 and tok.dep_ == "nsubj" and tok.lower_ in BARE_GROUPS:
        return tok.text  # 'Some said …', 'Others argue …': the group as the text names it
    if not 2 <= len(words) <= GROUP_WORDS or words[-1].i - words[0].i + 1 != len(words):
        return None
    if any(ctx.in_quote[t.i] or t.tag_ in ("VBD", "VBZ", "VBP", "MD") or t.lower_ in NOT_PEOPLE for t in words):
        return None  # 'most of whom' points elsewhere, 'some of it' is no group of people
    return " ".join(ctx.doc[words[0].i : words[-1].i + 1].text.split()).strip(" ,")


GROUP_REACH = 1  # sentences back a 'they' may look for the group it means


def _plural_group(ctx: Ctx, tok: Token) -> str | None:
    """'Democrats … ; they say …': a plural group named as a subject just before, by a name
    ('Democrats', 'The Teamsters'); a common noun ('voters') is too often someone else's."""
    here = ctx.sent_of[tok.i]
    for i in range(tok.i - 1, -1, -1):
        if ctx.sent_of[i] < here - GROUP_REACH:
            return None
        cand = ctx.doc[i]
        ent = ctx.ent_of[i]
        if ctx.in_quote[i] or cand.dep_ not in ("nsubj", "nsubjpass") or ent is None or ent.label_ not in ("NORP", "ORG"):
            continue
        if cand.tag_ in ("NNPS", "NNS") or cand.text.endswith("s"):
            return entity_name(ctx, cand, ent)
        return None  # the nearest subject is one body, not a 'they'
    return None


CONJ_REACH = 6  # tokens from the first conjunct to the last: 'Current and former officials'


def coordinated(ctx: Ctx, tok: Token) -> str | None:
    """'Cyber security experts and U.S. officials', 'Current and former officials' (the parser
    takes the adjective for the subject): a group named by coordinated common nouns, all of it."""
    if tok.pos_ not in ("NOUN", "ADJ") or not common(tok) or ctx.ent_of[tok.i] is not None:
        return None
    conj = next((c for c in tok.children if c.dep_ == "conj" and c.pos_ == "NOUN" and common(c)), None)
    if conj is None or conj.i - tok.i > CONJ_REACH or any(ctx.in_quote[i] for i in range(tok.i, conj.i + 1)):
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in tok.doc[tok.i : conj.i]):
        return None
    start = phrase(tok)
    return " ".join(f"{start} {tok.doc[tok.i + 1 : conj.i + 1].text}".split())


ORG_PREPS = frozenset({"for", "at", "of", "with", "from", "in", "by"})
ORG_OF = frozenset({"ORG", "GPE", "NORP"})


def _for_org(ctx: Ctx, tok: Token) -> str | None:
    """'a spokeswoman for YouTube', 'officials at the State Department', 'a 2014 examination by
    the Better Government Association': a role, group or document named by the organisation it
    speaks for or comes from (the entity is who says it, the noun only how)."""
    if not (common(tok) or _capitalised_first(tok) or _party_members(ctx, tok)):
        return None
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in ORG_PREPS | _MEMBER_PREPS and prep.i == tok.i + 1:
            obj = next((p for p in prep.children if p.dep_ == "pobj"), None)
            if obj is not None and ctx.ent_of[obj.i] is None:
                # 'by the consulting firm Oxford Economics': the name is the apposition
                obj = next((a for a in obj.children if a.dep_ == "appos" and ctx.ent_of[a.i] is not None), obj)
            ent = ctx.ent_of[obj.i] if obj is not None else None
            if ent is not None and ent.label_ in ORG_OF and (obj.i == ent.end - 1 or obj == ent.root):
                # the entity's head may come before its end: 'the House Select Committee [on Benghazi]'
                return f"{phrase(tok)} {prep.text} {entity_name(ctx, obj, ent)}"
    return None


def _capitalised_first(tok: Token) -> bool:
    """'Spokesmen at the FBI …' opening a sentence: a common noun capitalised by its place."""
    return tok.is_sent_start and tok.pos_ == "NOUN" and tok.text[1:].islower()


_MEMBER_PREPS = frozenset({"on"})  # 'senior Democrats on the House Judiciary Committee'


def _party_members(ctx: Ctx, tok: Token) -> bool:
    """'Democrats', 'Republicans' (a plural NORP): members of a body the phrase may go on to name."""
    ent = ctx.ent_of[tok.i]
    return ent is not None and ent.label_ == "NORP" and tok.tag_ in ("NNPS", "NNS")


# the people around someone, who speak for or about them: 'aides to X', 'people close to X'
ENTOURAGE = ANONYMOUS_SOURCES | ROLE_NOUNS | frozenset(
    "people person ally friend associate confidant confidante staff staffer adviser advisor "
    "supporter loyalist".split()
)
ENTOURAGE_PREPS = frozenset({"to", "for", "of", "with"})
NEAR_WORDS = frozenset({"close", "familiar", "loyal", "near"})  # 'people close to X', 'sources familiar with X'


def _for_person(ctx: Ctx, tok: Token) -> str | None:
    """'Aides to Mr. Sanders', 'a spokesman for Trump', 'people close to the Clintons', 'Sanders's
    top advisers', 'a source familiar with Cruz's thinking': a group or role named by the person
    it is close to. Its noun alone ('aides') would read as an anonymous source of its own, and
    the person says whose camp is speaking. The words are kept as the article has them."""
    if not (common(tok) or tok.is_sent_start) or tok.lemma_.lower() not in ENTOURAGE:
        return None
    poss = next((c for c in tok.children if c.dep_ == "poss" and c.i < tok.i), None)
    if poss is not None and _person_at(ctx, poss):
        return _words(ctx, poss.left_edge.i, tok.i + 1)  # "Sanders's top advisers"
    prep = next((c for c in tok.children if c.dep_ == "prep" and c.i == tok.i + 1 and c.lower_ in ENTOURAGE_PREPS), None)
    if prep is None:  # 'people close to X': the adjective holds the preposition
        near = next((c for c in tok.children if c.i == tok.i + 1 and c.lower_ in NEAR_WORDS), None)
        prep = next((c for c in near.children if c.dep_ == "prep" and c.lower_ in ("to", "with")), None) if near is not None else None
    obj = next((p for p in prep.children if p.dep_ == "pobj"), None) if prep is not None else None
    if obj is None:
        return None
    # the person itself ('to Mr. Sanders') or the owner of what is meant ("with Cruz's thinking")
    owner = next((c for c in obj.children if c.dep_ == "poss"), None)
    if _person_at(ctx, obj):
        end = ctx.ent_of[obj.i].end
    elif owner is not None and _person_at(ctx, owner):
        end = obj.i + 1
    else:
        return None
    start = next((t.i for t in tok.subtree if t.i <= tok.i and t.dep_ not in ("det", "poss", "case", "punct")), tok.i)
    return _words(ctx, start, end)


def _person_at(ctx: Ctx, tok: Token) -> bool:
    """A person's name: a PERSON entity, or a name the article gives a person elsewhere (the
    model often tags "Sanders's" ORG)."""
    ent = ctx.ent_of[tok.i]
    if ctx.in_quote[tok.i] or ent is None:
        return False
    return ent.label_ == "PERSON" or (tok.pos_ == "PROPN" and tok.lower_ in ctx.refs.known and ent.end - ent.start == 1)


def _words(ctx: Ctx, start: int, end: int) -> str:
    return " ".join(ctx.doc[start:end].text.split())


def plausible_source(tok: Token) -> bool:
    """'according to their instinctive preference' tells how, not who: a noun owned by a
    pronoun cites no one unless it is a document or a group of people."""
    if tok.pos_ != "NOUN" or not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.children):
        return True
    # 'according to their friends and advisers': a group of people if any conjunct names one
    return any(t.lemma_.lower() in SPEAKING_NOUNS for t in (tok, *tok.conjuncts))


def antecedent(tok: Token) -> Token | None:
    """'Trump, who said …': a relative 'who' stands for the noun its clause modifies ('which' and
    'that' only after a name: after a common noun they are too often misparsed to trust)."""
    if tok.lower_ == "who" and tok.head.dep_ == "relcl" and tok.head.head.pos_ in ("NOUN", "PROPN"):
        return _described(tok.head.head)
    if tok.lower_ in ("which", "that") and tok.head.dep_ == "relcl" and tok.head.head.pos_ == "PROPN":
        return tok.head.head  # 'the Communications Workers of America, which endorsed …': a name is safe
    return None


def _described(noun: Token) -> Token:
    """'Smith is a veteran lawmaker who has said …', 'Trump is a serial liar, …, and bully who has
    pledged …': a common noun said of a subject (through its conjuncts) stands for that subject."""
    head = noun
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if not noun.ent_type_ and head.dep_ == "attr" and head.head.lemma_ == "be":  # a name is who it is
        return next((c for c in head.head.children if c.dep_ == "nsubj"), noun)
    return noun


OWNER_LABELS = frozenset({"ORG", "WORK_OF_ART"})


def owner_name(ctx: Ctx, tok: Token) -> str | None:
    """'the Heritage Foundation website', 'the Times's website': an outlet noun whose own phrase
    names the organisation it belongs to is no anaphor for the outlet cited last."""
    for child in tok.children:
        ent = ctx.ent_of[child.i]
        if child.dep_ in ("compound", "poss") and child.i < tok.i and ent is not None and ent.label_ in OWNER_LABELS and not ctx.in_quote[child.i]:
            return entity_name(ctx, child, ent)
    return None


def entity_name(ctx: Ctx, tok: Token, ent: Span) -> str:
    # a title-case headline runs the name into its verb ('Leaked Documents Reveal Democratic
    # Campaign Donors', 'Maria Hinojosa Explained Why …'): the subject's name ends before the
    # verb it is the subject of
    verb, start, end = tok.head, ent.start, ent.end
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.i < verb.i < ent.end:
        end = verb.i
    # an aside after a spaced dash is no part of the name, though the model runs the entity on:
    # 'the Tax Policy Center - half a percentage point …', 'the State Department - before, during …'
    dashes = [i for i in range(start + 1, end) if spaced_dash(ctx.doc, i)]
    start = max([start] + [i + 1 for i in dashes if i < tok.i])
    end = min([end] + [i for i in dashes if i > tok.i])
    if ent.label_ == "PERSON":
        return ctx.refs.full_name(person_name(ctx.doc[start:end].text), tok.i)
    doc = ctx.doc
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i in range(ent.start, ent.end):
        start -= 1  # "Agenzia Nova": one name the model split into two entities
    return clean_name(doc[_glued_start(doc, start) : end].text)


DASHES = frozenset({"-", "–", "—", "―"})


def spaced_dash(doc: Doc, i: int) -> bool:
    """' - ' between words, not the hyphen of 'R-S.C.'."""
    return doc[i].text in DASHES and i > 0 and bool(doc[i - 1].whitespace_)


def propn_name(tok: Token) -> str:
    start = min([tok.i] + [c.i for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"])
    return clean_name(tok.doc[_glued_start(tok.doc, start) : tok.i + 1].text)


def _glued_start(doc: Doc, start: int) -> int:
    """'E! News': a name that starts with a mark starts with the capital glued before it, which
    the tokenizer split off."""
    glued = start > 0 and not doc[start].text[:1].isalnum() and not doc[start - 1].whitespace_ and doc[start - 1].text[:1].isupper()
    return start - 1 if glued else start


def phrase(tok: Token, keep_det: bool = False) -> str:
    """The head noun with its left modifiers: 'a State Department spokesman' -> 'State Department spokesman'."""
    left = [t for t in tok.subtree if t.i <= tok.i]
    while left and not keep_det and (left[0].dep_ in ("det", "poss", "punct", "case") or left[0].is_punct):
        left = left[1:]  # "case": the 's of a possessive dropped before it ('Gowdy’s office' -> 'office')
    if not left:
        return tok.text
    return " ".join(tok.doc[left[0].i : tok.i + 1].text.split())


def common(tok: Token) -> bool:
    """A lowercase word: the small model sometimes tags 'outlet' or 'spokesman' PROPN."""
    return tok.text.islower()


def definite(tok: Token) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "its") for c in tok.children)
