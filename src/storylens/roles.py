"""Roles of people: "Russian Foreign Minister Sergei Lavrov", "Lavrov, Russia's top diplomat,"
and later "the foreign minister" - so a story knows that an article which says only "the
Russian foreign minister" is talking about Sergei Lavrov.

No library links role descriptions to names (spaCy's small pipeline has no coreference), so
this is written by hand over the dependency parse: a role is *bound* to a person where the text
says so in one phrase or clause (a title before the name, an appositive on either side, "X was
the victim", "identified the suspect as X"), and a definite role phrase elsewhere ("the foreign
minister", "Russia's top diplomat") *refers* to the person when exactly one person of the
article, or later of the story, holds a matching role.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Span, Token

from .entities import EntityIndex
from .model import Article, Role, StoryEntity
from .speakers import FEMALE, MALE, ROLE_NOUNS, TITLES, person_name

# Left modifiers of a name that make up its title ("former", "Russian", "Foreign", "Minister").
TITLE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case", "npadvmod", "nummod"})
# Words that describe but do not identify: "the former minister" is still a minister.
LOOSE = frozenset({"the", "a", "an", "former", "then", "current", "new", "outgoing", "incoming",
                   "acting", "late", "'s", "’s", "top", "senior", "veteran", "longtime", "interim",
                   # what the holder is said to be, not which role: "the alleged gunman" is the gunman
                   "alleged", "accused", "suspected", "local", "of"})
# Words for a person that are not a role: "the man", "his wife" say too little to name anyone.
NOT_ROLES = frozenset("man woman boy girl lady gentleman person child wife husband mother father son "
                      "daughter sister brother mrs mr ms sir madam".split())
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "miss", "sir", "madam"})  # polite, not a role
# Heads an appositive may have that name a group, not a person ("Grifo, an activist group").
GROUPS = frozenset("group organization organisation company firm agency team party committee "
                   "association union coalition council department office frontcourt backcourt".split())
# Role nouns beyond speakers.ROLE_NOUNS, for phrases like "the actress" with no name nearby.
OCCUPATIONS = frozenset("actress actor star singer rapper musician coach player manager owner pastor "
                        "priest bishop pope queen king prince princess duke duchess captain sergeant "
                        "detective sheriff trooper chief inspector commissioner doctor surgeon nurse "
                        "scientist researcher economist journalist reporter editor anchor host "
                        "producer director ceo chairman president quarterback pitcher striker "
                        "goalkeeper driver pilot suspect victim defendant gunman hostage".split())
REFERENCE_HEADS = (ROLE_NOUNS | OCCUPATIONS | (TITLES - FEMALE - MALE)) - NOT_ROLES
# An appositive describes a person when its head is a role noun or has a person-noun ending
# ("Bob Currie, a resident", "Noah Greenwald, an economist"), not "Teixeira, eight-year contract".
PEOPLE_NOUNS = REFERENCE_HEADS | frozenset("aide friend girlfriend boyfriend heir tycoon colleague partner "
                                           "veteran member official figure ex fan".split())
PERSON_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman", "person", "ee", "ive")
# An age before the role ("36-year-old", ECB+'s tokenised "26 - year - old"): it describes the
# holder, it does not name another role.
AGE = re.compile(r"\b\d+\s*-?\s*years?\s*-?\s*old\b")
# Words that make a role a rank below the one it names ("Vice President", "Deputy Foreign Minister").
RANKS = frozenset({"vice", "deputy", "assistant", "associate", "under"})
MIN_STEM = 4  # "Russia" / "Russian", "Iran" / "Iranian": one word when one is the other's prefix


Found = tuple[Role, Span]  # a role and where it stands in the Doc


def find_roles(doc: Doc, ents: Sequence[Span], sent_of: Sequence[int]) -> list[Role]:
    """Roles bound to a named person, then definite role phrases resolved within the article,
    in the order they occur."""
    bound = [found for ent in ents if ent.label_ == "PERSON" for found in _bound(ent, sent_of)]
    taken = {i for _, span in bound for i in range(span.start, span.end)} | {
        i for ent in ents for i in range(ent.start, ent.end)}
    refs: list[Found] = []
    for found in _references(doc, sent_of, taken):
        refs.append(found if found[0].bound else _resolve(found, bound + refs))
    return [role for role, span in sorted(bound + refs, key=lambda found: found[1].start)]


def _bound(ent: Span, sent_of: Sequence[int]) -> Iterable[Found]:
    name = person_name(ent.text)
    title = _title_before(ent)
    if title is not None and title[-1].lower_.rstrip(".") not in NOT_ROLES | HONORIFICS:
        yield _role(title, name, sent_of)
    for tok in ent.root.rights:
        # plural: "Kupchan and Graham, both former officials" describes two people at once
        if tok.dep_ == "appos" and tok.pos_ == "NOUN" and tok.tag_ != "NNS" and _person_noun(tok):
            span = _trim(tok.doc[tok.left_edge.i : tok.i + 1])
            if span is not None:
                yield _role(span, name, sent_of)


def _person_noun(tok: Token) -> bool:
    return person_noun(tok.lemma_.lower())


def person_noun(lemma: str) -> bool:
    """A noun for a person's role (not a group, not a bare "man" or "wife"): "economist",
    "resident", "coach"."""
    if lemma in GROUPS or lemma in NOT_ROLES:
        return False
    return lemma in PEOPLE_NOUNS or lemma.endswith(PERSON_ENDINGS)


def _named_by_appositive(tok: Token) -> str | None:
    """'Woodburn's police chief, Scott Russell, ...': a role noun whose appositive is a name."""
    return _person_child(tok, {"appos"})


def _named_by_clause(tok: Token) -> str | None:
    """'Robyn Mendes was the victim', 'identified the suspect as Jose Luis Orozco', 'welcome
    back Ellen DeGeneres as the host': the clause itself says who holds the role."""
    verb = tok.head
    if tok.dep_ == "attr" and verb.lemma_ in LINKING_VERBS:
        # 'Palin, who was also the Republican vice presidential candidate,': who is the name
        if verb.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ in {"who", "that"} for c in verb.children):
            return _person_name_at(verb.head)
        for _ in range(SUBJECT_HOPS):
            # 'McDermott scored 23 points to become the all-time leader', 'put on a show, scoring
            # 23 points and becoming the school's all-time leader': the scorer
            if not (verb.dep_ in {"advcl", "xcomp", "conj"} and not any(c.dep_ == "nsubj" for c in verb.children)
                    and (verb.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children))):
                break
            verb = verb.head
        return _person_child(verb, {"nsubj"})
    if tok.dep_ == "dobj":  # identified the suspect as NAME
        return _named_as(verb)
    if tok.dep_ == "pobj" and verb.lower_ == "as" and verb.head.pos_ == "VERB":  # NAME as the host
        return _person_child(verb.head, {"dobj", "nsubjpass"})
    return None


LINKING_VERBS = frozenset({"be", "become"})  # 'Sarah Palin became Alaska's governor'
SUBJECT_HOPS = 3  # subject-less clauses up to the one whose subject holds the role


def _person_name_at(tok: Token) -> str | None:
    """The person a token names: its PERSON entity, or a surname the document tags so elsewhere."""
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None) if tok.ent_type_ == "PERSON" else None
    if ent is not None:
        return person_name(ent.text)
    return tok.text if tok.pos_ == "PROPN" and _surname_of_person(tok) else None


def _person_child(tok: Token, deps: set[str]) -> str | None:
    """The person a child of `tok` in one of `deps` names ('The driver, LaSalle,' with 'LaSalle'
    tagged a place here and a person elsewhere still names him)."""
    return next((name for child in tok.children if child.dep_ in deps and (name := _person_name_at(child))), None)


def _surname_of_person(tok: Token) -> bool:
    """A lone proper noun that ends a name the document tags PERSON elsewhere."""
    return any(e.label_ == "PERSON" and len(e) > 1 and e[-1].text == tok.text for e in tok.doc.ents)


def _named_after_comma(tok: Token) -> str | None:
    """'pulled over the driver, Anthony LaSalle, a few blocks away': a name set off by commas
    right after the role, which the parser hung elsewhere than on the role."""
    doc = tok.doc
    at = tok.i + 2
    if at >= len(doc) or doc[tok.i + 1].text != "," or doc[at].ent_type_ != "PERSON" or doc[at].ent_iob_ != "B":
        return None
    ent = next(e for e in doc.ents if e.start == at)
    closing = doc[ent.end] if ent.end < len(doc) else None
    if (closing is not None and closing.text not in {",", ".", ";"}) or (ent.end + 1 < len(doc) and doc[ent.end + 1].lower_ == "and"):
        return None  # 'the driver, Anthony LaSalle and …': a list, not a name for the role
    return person_name(ent.text)


IDENTIFYING_VERBS = frozenset({"identify", "name"})


def _identified_as(tok: Token) -> str | None:
    """'The driver, who police identified as Vishwanand Subryan,', 'apprehended the suspect,
    identified as Vishwanand Subryan': a clause on the role, or right after it, names its holder."""
    clauses = [c for c in tok.children if c.dep_ in {"relcl", "acl"}]
    clauses += [c for c in tok.head.children if c.dep_ == "advcl" and c.i > tok.i and c.tag_ == "VBN"
                and all(t.is_punct for t in tok.doc[tok.i + 1 : c.i])]
    return next((name for verb in clauses if verb.lemma_.lower() in IDENTIFYING_VERBS and (name := _named_as(verb))), None)


def _named_as(verb: Token) -> str | None:
    """The person an 'as' after the verb names ('identified … as Jose Luis Orozco')."""
    as_ = next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ == "as"), None)
    return _person_child(as_, {"pobj"}) if as_ is not None else None


def _title_before(ent: Span) -> Span | None:
    """'Russian Foreign Minister' in 'Russian Foreign Minister Sergei Lavrov': the left modifiers
    of the name's head, ending in a role noun right before the name."""
    doc = ent.doc
    if ent.start == 0:
        return None
    last = doc[ent.start - 1]
    if last.lower_.rstrip(".") not in TITLES and not _role_noun(last):
        return None
    start = ent.start - 1
    while start > 0 and doc[start - 1].dep_ in TITLE_DEPS and start - 1 <= doc[start - 1].head.i < ent.end:
        start -= 1  # a modifier of the title or the name, not of something before it
    span = _trim(doc[start : ent.start])
    return span if span is not None and any(t.pos_ in {"NOUN", "PROPN"} for t in span) else None


def _role_noun(tok: Token) -> bool:
    return tok.pos_ in {"NOUN", "PROPN"} and tok.dep_ == "compound" and tok.is_alpha and tok.lower_ in TITLES


def _trim(span: Span) -> Span | None:
    """Without leading determiners and surrounding punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].lower_ in {"the", "a", "an"}):
        start += 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    return doc[start:end] if end > start else None


def _references(doc: Doc, sent_of: Sequence[int], taken: set[int]) -> Iterable[Found]:
    """Definite role phrases without a name: 'the foreign minister', "Russia's top diplomat"."""
    for tok in doc:
        if tok.i in taken or tok.pos_ != "NOUN" or tok.lower_ not in REFERENCE_HEADS or tok.ent_type_:
            continue
        # "the sheriff's department", "the director's chair": a modifier, not the person;
        # a capitalised head mid-sentence is part of a name ("The Hollywood Reporter")
        if tok.dep_ == "poss" or (tok.text[:1].isupper() and not tok.is_sent_start):
            continue
        if any(c.dep_ == "compound" and c.ent_type_ == "PERSON" for c in tok.children):
            continue
        # "the minister", "Russia's minister"; not "his brother" (whose?) nor "a minister"
        definite = any(c.lower_ == "the" or (c.dep_ == "poss" and c.pos_ != "PRON") for c in tok.lefts)
        if not definite or tok.tag_ == "NNS":
            continue
        span = _trim(doc[tok.left_edge.i : _of_place_end(tok)])
        if span is None or any(t.ent_type_ == "PERSON" for t in span) or _generic(tok):
            continue
        name = _named_by_appositive(tok) or _named_by_clause(tok) or _named_after_comma(tok) or _identified_as(tok)
        role = Role(text=span.text, head=tok.lemma_.lower(), person=name, sentence=sent_of[tok.i], bound=name is not None)
        yield role, span


OF_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP", "ORG"})


def _of_place_end(tok: Token) -> int:
    """End of the role phrase: after an 'of' naming its place or body ("the governor of
    California", "the mayor of Paris"), which says whose role it is as "California's" would."""
    of = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if obj is None or obj.ent_type_ not in OF_PLACE_LABELS:
        return tok.i + 1
    return obj.right_edge.i + 1


MODALS = frozenset({"may", "might", "can", "could", "should", "would", "must"})


def _generic(tok: Token) -> bool:
    """'the attorney may negotiate a settlement', 'the judge could award damages': what anyone in
    the role may do, in advice or explanation, not what someone did ('argued that the actress
    should be allowed to stay' reports what someone asked for her)."""
    verb = tok.head
    return tok.dep_ in {"nsubj", "nsubjpass"} and verb.dep_ != "ccomp" \
        and any(c.dep_ == "aux" and c.lower_ in MODALS for c in verb.children)


# A title's short form is its role: "Sen. Bernie Sanders" holds what "the senator" refers to.
SHORT_TITLES = {"sen": "senator", "rep": "representative", "gov": "governor", "gen": "general",
                "lt": "lieutenant", "sgt": "sergeant", "pres": "president", "atty": "attorney", "supt": "superintendent"}


def _role(span: Span, name: str, sent_of: Sequence[int]) -> Found:
    head = span[-1].lemma_.lower()  # a title ends in its role noun; an appositive's span ends at its head
    head = SHORT_TITLES.get(head.rstrip("."), head)
    return Role(text=span.text, head=head, person=name, sentence=sent_of[span.start]), span


def _resolve(ref: Found, bound: Sequence[Found]) -> Found:
    """The one person an earlier bound role of the article matches, else unresolved."""
    role, span = ref
    people = {b.person for b, where in bound  # a phrase bound in its own clause binds later ones too
              if b.bound and b.person and where.start < span.start and role_matches(role.text, role.head, b.text, b.head)}
    if len(people) == 1:
        role.person = people.pop()
    return ref


def role_words(text: str) -> set[str]:
    text = re.sub(r"['’]s\b", "", text.casefold())  # "Russia's" describes as "Russian" does
    text = AGE.sub(" ", text)  # "the 26-year-old actress" is still the actress
    return {SHORT_TITLES.get(w, w) for w in re.findall(r"[\w-]+", text) if w not in LOOSE and w != "-"}


def _same_word(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return short == long or (len(short) >= MIN_STEM and long.startswith(short))


def role_matches(ref_text: str, ref_head: str, role_text: str, role_head: str) -> bool:
    """'the foreign minister' matches 'Russian Foreign Minister': same head noun, and every
    describing word of the reference is one of the role's (Russia's ~ Russian)."""
    if ref_head != role_head:
        return False
    held = role_words(role_text)
    if (held & RANKS) - role_words(ref_text):
        return False  # the vice president is not "the president", the assistant coach not "the coach"
    return all(any(_same_word(w, h) for h in held) for w in role_words(ref_text))


def attach_roles(index: EntityIndex, articles: Sequence[Article]) -> list[tuple[str, Role, StoryEntity]]:
    """Give each person of a story the roles the articles bind to them, and count an article
    that names a person only by role ("the foreign minister") as mentioning that person.

    A role phrase left unresolved in its article resolves in the story when exactly one person
    holds a matching role there (`_may_mean`), and its own article binds that head noun to nobody
    else. Returns every lone role phrase resolved, in its article or in the story, with its person."""
    by_name = {e.name: e for e in index.entities}
    holders: list[tuple[StoryEntity, Role]] = []
    held_places: dict[int, set[str]] = {}  # id(role) -> the places and peoples its words name
    links: list[tuple[str, Role, StoryEntity]] = []
    for article in articles:
        for role in article.roles:
            entity = by_name.get(index.canonical(role.person) or "") if role.person else None
            if entity is not None and entity.type == "PERSON":
                _add_role(entity, role.text, article.id)
                if role.bound:
                    holders.append((entity, role))
                    held_places[id(role)] = _place_words(role, article)
                else:
                    links.append((article.id, role, entity))
    for article in articles:
        own_holders: dict[str, set[str]] = {}  # head -> whom the article itself binds it to
        for r in article.roles:
            if r.bound and r.person:
                own_holders.setdefault(r.head, set()).add(index.canonical(r.person) or r.person)
        mentioned = _place_mention_words(article)
        for role in article.roles:
            if role.person:
                continue
            people = {id(e): e for e, held in holders if _may_mean(role, e, held, held_places[id(held)], mentioned)}
            # a bare "the director" of a story with two directors is either of them
            bare = not role_words(role.text) - {role.head}
            if bare and len({id(e) for e, held in holders if held.head == role.head}) > 1:
                continue
            if len(people) == 1:
                entity = next(iter(people.values()))
                if own_holders.get(role.head, {entity.name}) != {entity.name}:
                    continue  # its own article gives the role to someone else
                _add_role(entity, role.text, article.id)
                links.append((article.id, role, entity))
    return links


def _may_mean(ref: Role, holder: StoryEntity, held: Role, held_places: set[str], mentioned: set[str]) -> bool:
    """Whether a lone role phrase may name the holder of `held`: the roles match; a bare one
    ("the judge") is the story's judge however another article titles them ("Superior Court Judge
    James Dabney"), if more than one article names that person (not someone one article mentions in
    passing) and the title places them nowhere this article never goes ("Mexican President X" is
    not the "the president" of an article that names no Mexico). A role in advice ("the attorney
    may …") was never taken for a reference (`_generic`)."""
    if not role_matches(ref.text, ref.head, held.text, held.head):
        return False
    if role_words(ref.text) - {ref.head}:
        return True
    return len(holder.article_ids) > 1 and not _placed_elsewhere(held_places, mentioned)


PLACE_LABELS = frozenset({"GPE", "NORP", "LOC"})


def _place_words(role: Role, article: Article) -> set[str]:
    """Words of the role that name a place or a people its article tags in that sentence
    ("Mexican" in "Mexican President", "Queens" in "Queens District Attorney")."""
    return _words(role.text) & _place_mention_words(article, role.sentence)


def _place_mention_words(article: Article, sentence: int | None = None) -> set[str]:
    """Words of the places and peoples an article names (in one sentence, when given)."""
    return {w for m in article.mentions if m.label in PLACE_LABELS and sentence in (None, m.sentence)
            for w in _words(m.text)}


def _words(text: str) -> set[str]:
    return set(re.findall(r"[\w-]+", text.casefold()))


def _placed_elsewhere(places: set[str], mentioned: set[str]) -> bool:
    """A place of the role that the article never mentions, in any form (Mexican ~ Mexico)."""
    return any(not any(_same_word(p[:MIN_STEM + 1], m[:MIN_STEM + 1]) for m in mentioned) for p in places)


def _add_role(entity: StoryEntity, text: str, article_id: str) -> None:
    if text.casefold() not in {r.casefold() for r in entity.roles}:
        entity.roles.append(text)
    if article_id not in entity.article_ids:
        entity.article_ids.append(article_id)
        entity.article_ids.sort()
