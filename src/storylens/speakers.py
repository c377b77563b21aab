"""Names of people and sources, and who "he" or "the spokeswoman" is.

`Referents` keeps the people an article has named (outside quotations), with a gender when a
title or role word tells it, so a pronoun or a definite role can be resolved to the most
recent compatible person; full names replace bare surnames ('Zelensky' -> 'Volodymyr Zelensky').
"""

from __future__ import annotations

import bisect
from typing import Iterator, NamedTuple, Sequence

import numpy as np
from spacy.attrs import DEP, LOWER, POS
from spacy.parts_of_speech import NOUN, PROPN, VERB
from spacy.tokens import Doc, Span, Token

FEMALE = frozenset(
    "mrs mrs. ms ms. madam spokeswoman chairwoman congresswoman businesswoman woman actress "
    "queen princess duchess wife mother daughter sister lady girl".split()
)
MALE = frozenset(
    "mr mr. sir spokesman chairman congressman businessman man actor king prince duke husband "
    "father son brother boy".split()
)
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
ROLE_NOUNS = frozenset(
    "spokesman spokeswoman spokesperson minister president senator official governor secretary "
    "chairman chairwoman director leader diplomat ambassador mayor lawmaker congressman "
    "congresswoman representative chancellor general commander chief premier candidate "
    "prosecutor judge lawyer attorney aide adviser advisor analyst expert professor executive "
    "founder officer envoy".split()
)
# roles that go with a name the article gives (unlike 'an official', 'an aide')
TITLED_ROLES = frozenset(
    "president senator governor secretary chairman chairwoman minister mayor candidate congressman "
    "congresswoman chancellor premier nominee businessman billionaire mogul".split()
)
# roles of the sources a story leaves unnamed ('a senior official', 'an aide'): 'the official'
# points back to a person only through that role
UNNAMED_ROLES = frozenset({"official", "aide"})
# singular nouns for one person, whom a later 'he' or 'she' may mean ('the spokeswoman said')
PERSON_ROLES = ROLE_NOUNS | TITLED_ROLES | FEMALE | MALE
TITLES = ROLE_NOUNS | FEMALE | MALE | frozenset("mr mrs ms dr prof rep sen gov gen".split())
PRONOUN_WINDOW = 8  # sentences back that a pronoun may reach


def clean_name(text: str) -> str:
    """Entity text as a name: no article, possessive, quotation marks or line breaks."""
    name = " ".join(text.split()).strip(" \"'“”‘’«».,;:")
    for suffix in ("'s", "’s"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    for article in ("the ", "The "):
        if name.startswith(article):
            name = name[len(article) :]
    return name.strip(" \"'“”‘’")


def person_name(text: str) -> str:
    """A PERSON entity without the titles the model sometimes includes ('Spokeswoman Laura Quinn')."""
    words = clean_name(text).split()
    while len(words) > 1 and words[0].lower().rstrip(".") in TITLES:
        words = words[1:]
    return " ".join(words)


SURNAME_PARTICLES = frozenset("de del della der di da du van von la le al el bin ibn".split())


def without_lead_words(name: str) -> str:
    """A person's name without the lowercase words the tagger ran it over from the left ('rang
    Taylor' in 'Dempsey picked up the phone and rang Taylor', 'hunt Jedi'); a particle opens a
    name ('van Gogh'). A lowercase word inside a span ('Pierre Thomas Placed on Injured Reserve')
    leaves it as it is: which side is the name is anyone's guess."""
    words = name.split()
    while len(words) > 1 and words[0][:1].islower() and words[0].lower() not in SURNAME_PARTICLES:
        words = words[1:]
    return " ".join(words)


def spoken_name(ent: Span) -> str:
    return without_lead_words(person_name(ent.text))


def norm_name(name: str) -> str:
    name = clean_name(name).lower()
    for suffix in (".com", ".co.uk", ".org", ".net"):
        name = name.removesuffix(suffix)
    return "".join(ch for ch in name if ch.isalnum())


SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
EXAMPLE_PREPS = frozenset({"like", "including"})
POSSESSIVE_GENDER = {"his": "m", "himself": "m", "her": "f", "hers": "f", "herself": "f"}


class _Item(NamedTuple):
    at: int  # token index of the mention
    name: str
    gender: str | None
    roles: frozenset[str]
    subject: bool  # the subject of its clause: what a later "he" most likely means
    speaker: bool = False  # the subject of a verb of speech: likelier still
    minor: bool = False  # the subject of a subordinate clause ('claiming that Obama wanted …'): less so
    bare: bool = False  # named by surname alone ('Clinton'), its full name a guess


class Referents:
    """People an article has named so far, for 'he said' / 'the spokeswoman said'."""

    def __init__(
        self, doc: Doc, ents: Sequence[Span], sent_of: Sequence[int], in_quote: list[bool], cues: frozenset[str] = frozenset()
    ):
        self.sent_of = sent_of
        self.items: list[_Item] = []
        self.full: dict[str, list[tuple[int, str]]] = {}
        persons = [e for e in ents if e.label_ == "PERSON"]
        for ent in persons:
            name = spoken_name(ent)
            if len(name.split()) > 1:
                self.full.setdefault(name.split()[-1].lower(), []).append((ent.start, name))
        learned: dict[str, str] = {}
        for ent in persons:
            if in_quote[ent.start]:
                continue
            if ent.root.dep_ == "compound" and not (ent.start <= ent.root.head.i < ent.end):
                continue  # "the Biden administration" names no one to refer back to
            surface = spoken_name(ent)
            name, roles = self.full_name(surface, ent.start), _roles(ent)
            verb = _subject_of(ent.root)
            speaker = verb is not None and _speaks(verb, cues)
            minor = verb is not None and not speaker and not _main_clause(verb)
            self.items.append(_Item(ent.start, name, _gender(roles), roles, verb is not None, speaker, minor, " " not in surface))
            subject = verb is not None
            # 'Clinton … her records' says nothing of Bill Clinton when Hillary is a Clinton too
            ambiguous = " " not in surface and len({n for _, n in self.full.get(surface.lower(), [])}) > 1
            if subject and name not in learned and not ambiguous:
                learned.update({name: g} if (g := possessive_gender(ent, in_quote)) else {})
        self._add_untagged(doc, persons, in_quote, cues)
        self.gender = learned | {it.name: it.gender for it in self.items if it.gender}
        self._add_pronoun_subjects(doc, in_quote, cues)

    def _add_pronoun_subjects(self, doc: Doc, in_quote: list[bool], cues: frozenset[str]) -> None:
        """'The actress said she was tired … She appeared to imply that Trump … than Clinton …
        “…,” she said': a he / she that is its clause's subject goes on with whom it means, so
        a later pronoun passes over the people its sentence only talks about."""
        for tok in doc:
            if tok.lower_ not in ("he", "she") or tok.dep_ not in SUBJECT_DEPS or in_quote[tok.i]:
                continue
            name = self.pronoun(tok)
            if name is None:
                continue
            verb = tok.head
            speaker = _speaks(verb, cues)
            minor = not speaker and not _main_clause(verb)
            bisect.insort(self.items, _Item(tok.i, name, PRONOUN_GENDER[tok.lower_], frozenset(), True, speaker, minor))

    def _add_untagged(self, doc: Doc, persons: list[Span], in_quote: list[bool], cues: frozenset[str]) -> None:
        """'Hewitt argued …' where the model tagged Hewitt nowhere this time: a subject that
        spells a person the article names elsewhere is that person (a later 'he' may mean him)."""
        known = set(self.full) | {spoken_name(e).lower() for e in persons}
        self.known = known  # surnames and one-word names of the article's people
        tagged = {i for e in persons for i in range(e.start, e.end)}
        strings = doc.vocab.strings
        # one array pass instead of a Token object per word: only name-spelled subjects matter
        rows = doc.to_array([LOWER, DEP, POS])
        hits = np.isin(rows[:, 0], [strings[n] for n in known]) & np.isin(rows[:, 1], [strings[d] for d in SUBJECT_DEPS])
        # the tagger sometimes takes a sentence-initial name for a common noun ('Sanders supports …'),
        # and a name in -ing for a verb ('…, Ebeling reminisced')
        for i in np.flatnonzero(hits & np.isin(rows[:, 2], [PROPN, NOUN, VERB])).tolist():
            if i in tagged or in_quote[i] or not doc[i].text[:1].isupper():
                continue
            if rows[i, 2] == VERB and doc[i].is_sent_start:
                continue  # 'Trailing …' opening a sentence is a verb whatever its spelling
            tok = doc[i]
            speaker = _speaks(tok.head, cues)
            # 'Ivanka Trump strode …' with 'Ivanka' tagged a product: the whole name, not the
            # full name of another Trump
            first = min([i] + [c.i for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN" and c.text[:1].isupper()])
            name = " ".join(doc[first : i + 1].text.split()) if first < i else self.full_name(tok.text, i)
            self.items.append(_Item(i, name, None, frozenset(), True, speaker, bare=first == i))
        self.items.sort()

    def full_name(self, name: str, at: int) -> str:
        """'Zelensky' -> 'Volodymyr Zelensky' (the closest full mention before, else after)."""
        if " " in name:
            return name
        options = self.full.get(name.lower(), [])
        before = [n for i, n in options if i <= at]
        return before[-1] if before else (options[0][1] if options else name)

    def add_unnamed(self, tok: Token, phrase: str) -> None:
        roles = frozenset({tok.lemma_.lower()})
        bisect.insort(self.items, _Item(tok.i, phrase, _gender(roles), roles, True, True))

    def add_resolved(self, tok: Token, name: str) -> None:
        """'…,” he said' resolved to X: a mention of X as a speaker here, so the next 'he' of a
        run of quotes goes on with X rather than someone named in between."""
        gender = PRONOUN_GENDER.get(tok.lower_)
        if gender is None or self.gender.get(name, gender) != gender:
            return
        bisect.insort(self.items, _Item(tok.i, name, gender, frozenset(), True, True))

    def pronoun(self, tok: Token, said: str = "") -> str | None:
        """The most salient compatible person before `tok`: in the nearest sentence that names
        one, its subject (Hobbs-style), else its first-named person. Someone named in the
        words `said` is talked about, not talking ('“Unlike Hillary Clinton, I …,” she said')."""
        gender = PRONOUN_GENDER.get(tok.lower_)
        if gender is None:
            return None  # "they", "it", "we": too often not a single named person
        fits = [fit for it in self._before(tok) if (fit := self._compatible(it, gender)) is not None]
        if said:
            # 'the legacy of Hillary Clinton: death, …' names her too: words without their punctuation
            words = {w.strip(".,:;!?\"“”()[]—-") for w in said.replace("’", " ").replace("'", " ").split()}
            fits = [it for it in fits if it.name.split()[-1] not in words]
        if not fits:
            return None
        here = self.sent_of[tok.i]
        return min(fits, key=lambda it: (self._distance(it, here), -it.at)).name

    def _compatible(self, it: _Item, gender: str) -> _Item | None:
        """The mention if its person can be 'he' / 'she'; a bare surname whose guessed full name
        cannot ('Clinton' taken for Bill Clinton, then 'she said') is the namesake who can."""
        if (it.gender or self.gender.get(it.name)) in (None, gender):
            return it
        if not it.bare or it.gender:
            return None
        surname = it.name.split()[-1]
        namesakes = self.full.get(surname.lower(), [])
        others = {n for _, n in namesakes if n != it.name and self.gender.get(n) in (None, gender)}
        if len(others) == 1:
            return it._replace(name=others.pop())
        # 'Fiorina was still tussling …, she vented to her husband, Frank Fiorina': a surname
        # met before any full name with it was guessed from a later mention; whom the pronoun
        # cannot mean is another bearer of the name, and the surname is all that names her
        return it._replace(name=surname) if not others and all(i > it.at for i, _ in namesakes) else None

    def _distance(self, it: _Item, here: int) -> float:
        """Sentences back, discounted for salience: a speaker two sentences back beats a
        passing mention in the sentence just before, which is a last resort."""
        return here - self.sent_of[it.at] + (0.0 if it.speaker else 1.5 if it.minor else 1.0 if it.subject else 5.0)

    def role(self, tok: Token) -> str | None:
        """'the spokeswoman' -> the person earlier called spokeswoman, else the one person just named."""
        lemma = tok.lemma_.lower()
        recent = list(self._before(tok))
        for it in recent:
            if lemma in it.roles and " " in it.name:
                return it.name
        if lemma in UNNAMED_ROLES:
            # 'A senior official spoke on condition of anonymity. “…,” the official said': news
            # writing calls an unnamed source 'the official' or 'the aide' again; the person
            # just named (often the one the story is about) is someone else unless the article
            # gave them that role above
            return None
        close = [it for it in recent if self.sent_of[tok.i] - self.sent_of[it.at] <= 2]
        near = {it.name for it in close}
        if len(near) == 1:
            return near.pop()
        if lemma in TITLED_ROLES:
            # 'Bill Clinton got in on the game, bashing Sanders … “…,” the former president said':
            # a title points back to the subject of the sentence before, when it has one
            here = self.sent_of[tok.i]
            subjects = {it.name for it in close if it.subject and not it.minor and here - self.sent_of[it.at] <= 1 and " " in it.name}
            if len(subjects) == 1:
                return subjects.pop()
        return None

    def _before(self, tok: Token) -> Iterator[_Item]:
        stop = self.sent_of[tok.i] - PRONOUN_WINDOW
        for item in reversed(self.items[: bisect.bisect_left(self.items, (tok.i,))]):
            if self.sent_of[item.at] < stop:
                return
            yield item


def _speaks(verb: Token, cues: frozenset[str]) -> bool:
    """A verb of speech whose subject a later 'he said' likely quotes: not one in a side clause
    ('Ryan did not exude confidence when Tapper asked whether …': the asker is not the answerer)."""
    return verb.lemma_.lower() in cues and verb.dep_ != "advcl"


def _main_clause(verb: Token) -> bool:
    """The sentence's own verb (or one conjoined with it), not a clause inside it."""
    return verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")


def _subject_of(root: Token) -> Token | None:
    """The verb whose subject the mention is, directly, as an apposition / title of it, or as
    its example ('Some defenders of globalization, like Gary Hufbauer, …, also acknowledge …')."""
    while root.head.i != root.i:
        if root.dep_ in ("appos", "compound", "conj"):
            root = root.head
        elif root.dep_ == "pobj" and _example_of(root.head):
            root = root.head.head
        else:
            break
    return root.head if root.dep_ in SUBJECT_DEPS else None


def _example_of(prep: Token) -> bool:
    """'like' / 'including' / 'such as' after a noun: what follows is one of the noun's members."""
    if prep.dep_ != "prep" or prep.head.pos_ not in ("NOUN", "PROPN"):
        return False
    return prep.lower_ in EXAMPLE_PREPS or prep.lower_ == "as" and prep.i > 0 and prep.nbor(-1).lower_ == "such"


def possessive_gender(ent: Span, in_quote: Sequence[bool] = (), own_clause: bool = False) -> str | None:
    """'Clinton released her records': a his/her in the subject's clause, outside quotation marks
    (where `in_quote` is given), tells the gender; with `own_clause`, only one that the subject's
    own verb governs, none in a clause inside it ('The Post ran a piece that noted his plan')."""
    verb = ent.root
    while verb.dep_ not in SUBJECT_DEPS and verb.head.i != verb.i:
        verb = verb.head
    verb = verb.head
    for tok in verb.subtree:
        if tok.i >= ent.end and tok.ent_type_ == "PERSON":
            return None  # 'Sanders attacked Clinton for her ties': her may be the other one's
        if tok.i > ent.end and not (in_quote and in_quote[tok.i]) and tok.lower_ in POSSESSIVE_GENDER:
            if not own_clause or _governed(tok, verb):
                return POSSESSIVE_GENDER[tok.lower_]
    return None


def _governed(tok: Token, verb: Token) -> bool:
    """No other verb between a word and the verb whose subtree it is in."""
    while tok.head.i != verb.i:
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            return False
    return True


def _roles(ent: Span) -> frozenset[str]:
    root = ent.root
    # 'Dorothy Woods, whose husband, Ty Woods, …': a role owned through 'whose' is someone else's
    words = {c.lower_ for c in root.children if c.dep_ in ("compound", "appos", "amod", "nmod") and not _whose(c)}
    # the words just before ('spokeswoman Laura Quinn', 'Mrs. Clinton'), but not across a
    # preposition: 'Katrina Pierson, a spokeswoman for Trump' makes no woman of Trump
    for tok in reversed(ent.doc[max(ent.start - 2, 0) : ent.start]):
        if tok.pos_ == "ADP":
            break
        words.add(tok.lower_)
    if root.dep_ == "appos":
        words.add(root.head.lower_)
    return frozenset(words)


def _whose(tok: Token) -> bool:
    return any(c.dep_ == "poss" and c.lower_ == "whose" for c in tok.children)


def _gender(words: frozenset[str]) -> str | None:
    if words & FEMALE:
        return "f"
    return "m" if words & MALE else None
