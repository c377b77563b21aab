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
                   "acting", "late", "'s", "’s", "top", "senior", "veteran", "longtime", "interim"})
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
MIN_STEM = 4  # "Russia" / "Russian", "Iran" / "Iranian": one word when one is the other's prefix


Found = tuple[Role, Span]  # a role and where it stands in the Doc


def find_roles(doc: Doc, ents: Sequence[Span], sent_of: Sequence[int]) -> list[Role]:
    """Roles bound to a named person, then definite role phrases resolved within the article,
    in the order they occur."""
    bound = [found for ent in ents if ent.label_ == "PERSON" for found in _bound(ent, sent_of)]
    taken = {i for _, span in bound for i in range(span.start, span.end)} | {
        i for ent in ents for i in range(ent.start, ent.end)}
    refs = [_resolve(found, bound) for found in _references(doc, sent_of, taken)]
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
    if tok.dep_ == "attr" and verb.lemma_ == "be":
        return _person_child(verb, {"nsubj"})
    if tok.dep_ == "dobj":  # identified the suspect as NAME
        as_ = next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ == "as"), None)
        return _person_child(as_, {"pobj"}) if as_ is not None else None
    if tok.dep_ == "pobj" and verb.lower_ == "as" and verb.head.pos_ == "VERB":  # NAME as the host
        return _person_child(verb.head, {"dobj", "nsubjpass"})
    return None


def _person_child(tok: Token, deps: set[str]) -> str | None:
    for child in tok.children:
        if child.dep_ in deps and child.ent_type_ == "PERSON":
            ent = next((e for e in tok.doc.ents if e.start <= child.i < e.end), None)
            if ent is not None:
                return person_name(ent.text)
    return None


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
        span = _trim(doc[tok.left_edge.i : tok.i + 1])
        if span is None or any(t.ent_type_ == "PERSON" for t in span):
            continue
        name = _named_by_appositive(tok) or _named_by_clause(tok)
        role = Role(text=span.text, head=tok.lemma_.lower(), person=name, sentence=sent_of[tok.i], bound=name is not None)
        yield role, span


def _role(span: Span, name: str, sent_of: Sequence[int]) -> Found:
    head = span[-1]  # a title ends in its role noun; an appositive's span ends at its head
    return Role(text=span.text, head=head.lemma_.lower(), person=name, sentence=sent_of[span.start]), span


def _resolve(ref: Found, bound: Sequence[Found]) -> Found:
    """The one person an earlier bound role of the article matches, else unresolved."""
    role, span = ref
    people = {b.person for b, where in bound
              if where.start < span.start and role_matches(role.text, role.head, b.text, b.head)}
    if len(people) == 1:
        role.person = people.pop()
    return ref


def role_words(text: str) -> set[str]:
    text = re.sub(r"['’]s\b", "", text.casefold())  # "Russia's" describes as "Russian" does
    return {w for w in re.findall(r"[\w-]+", text) if w not in LOOSE}


def _same_word(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return short == long or (len(short) >= MIN_STEM and long.startswith(short))


def role_matches(ref_text: str, ref_head: str, role_text: str, role_head: str) -> bool:
    """'the foreign minister' matches 'Russian Foreign Minister': same head noun, and every
    describing word of the reference is one of the role's (Russia's ~ Russian)."""
    if ref_head != role_head:
        return False
    held = role_words(role_text)
    return all(any(_same_word(w, h) for h in held) for w in role_words(ref_text))


def attach_roles(index: EntityIndex, articles: Sequence[Article]) -> list[tuple[str, Role, StoryEntity]]:
    """Give each person of a story the roles the articles bind to them, and count an article
    that names a person only by role ("the foreign minister") as mentioning that person.

    A role phrase left unresolved in its article resolves in the story when exactly one person
    holds a matching role there, and its own article binds that head noun to nobody else.
    Returns every lone role phrase resolved, in its article or in the story, with its person."""
    by_name = {e.name: e for e in index.entities}
    holders: list[tuple[StoryEntity, Role]] = []
    links: list[tuple[str, Role, StoryEntity]] = []
    for article in articles:
        for role in article.roles:
            entity = by_name.get(index.canonical(role.person) or "") if role.person else None
            if entity is not None and entity.type == "PERSON":
                _add_role(entity, role.text, article.id)
                if role.bound:
                    holders.append((entity, role))
                else:
                    links.append((article.id, role, entity))
    for article in articles:
        own_heads = {r.head for r in article.roles if r.bound}
        for role in article.roles:
            if role.person or role.head in own_heads:
                continue
            people = {id(e): e for e, held in holders if _links(role, held)}
            # a bare "the director" of a story with two directors is either of them
            bare = not role_words(role.text) - {role.head}
            if bare and len({id(e) for e, held in holders if held.head == role.head}) > 1:
                continue
            if len(people) == 1:
                entity = next(iter(people.values()))
                _add_role(entity, role.text, article.id)
                links.append((article.id, role, entity))
    return links


def _links(ref: Role, held: Role) -> bool:
    """A described role ("Lohan's attorney") links to any holder it matches; a bare one ("the
    judge") only to a holder bound with the bare role itself ("the suspect, Gary Gomes"): a bare
    role in another article is too often someone else, or anyone."""
    words = role_words(ref.text)
    if words - {ref.head}:
        return role_matches(ref.text, ref.head, held.text, held.head)
    return held.head == ref.head and role_words(held.text) == words


def _add_role(entity: StoryEntity, text: str, article_id: str) -> None:
    if text.casefold() not in {r.casefold() for r in entity.roles}:
        entity.roles.append(text)
    if article_id not in entity.article_ids:
        entity.article_ids.append(article_id)
        entity.article_ids.sort()
