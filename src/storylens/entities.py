"""Cross-article entity merging: one StoryEntity per real-world person, organisation or place.

People: full names merge when the surname matches and the first names are equal,
transliteration variants (Sergei/Sergey) or a name and its nickname (Katie/Kathryn), or one is
the other after a descriptor ("GM Ed Stefanski") or cut short before a surname the story uses
("Luis Gerardo"), nicknames in quotes aside; a surname-only (first-name-only) mention joins the one full name with that surname (first
name), and stays alone when two different people share it. Organisations and places: "the"
and possessives are stripped, and a name merges into a longer one it prefixes when the extra
words are generic ("NBC" -> "NBC News") or it is that name's acronym, and two names of several
words that differ in one word's spelling merge (Betty Ford Centre / Center); an organisation's
short name joins the one longer name of the story that ends in it ("Times" / "New York Times").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from nicknames import NickNamer
from rapidfuzz.distance import Levenshtein

from storylens.model import Article, Mention, StoryEntity
from storylens.sources import QUANTIFIERS
from storylens.speakers import without_lead_words

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC")
TITLES = {"mr", "mrs", "ms", "dr", "sir", "president", "minister", "gen", "general", "senator",
          "sen", "rep", "gov", "governor", "prime", "foreign", "secretary", "judge", "prof",
          "mayor", "councillor", "councilman", "councilwoman", "chancellor", "premier", "ambassador",
          "sheriff", "commissioner", "inspector", "captain", "lieutenant", "sergeant"}
# "(0717 GMT)": spaCy tags time zones organisations; they name no one in the story
TIME_ZONES = frozenset("GMT UTC BST CET CEST EET EEST EST EDT CST CDT MST MDT PST PDT IST JST AEST AEDT".split())
# Words an outlet or body may add to its short name without becoming something else.
ORG_SUFFIXES = {"news", "inc", "corp", "corporation", "co", "ltd", "llc", "group", "network",
                "agency", "company", "media", "plc", "tv", "online", "newspaper", "channel"}
_QUOTES = "\"'“”‘’«»"


def normalize_surface(text: str) -> str:
    """Strip quotes, possessives, a leading article ("the", "a"), stray punctuation and a bracket
    the span cut off before it closed ("Ministry of Trade (MOTIE")."""
    text = " ".join(text.strip().strip(_QUOTES + ".,;:").split())
    if "(" in text and ")" not in text[text.index("(") :]:
        text = text[: text.index("(")]
    text = re.sub(r"(?:'s|’s|'|’)$", "", text)
    text = re.sub(r"^(?:the|The|THE|a|an|A|An)\s+", "", text)
    return text.strip(_QUOTES + ".,;: ")


# AP-style state abbreviations ("Santa Rosa, Calif.") spelled out, so that "Calif" and "California"
# are one place; the two-letter ones and those that are also common words or names ("La", "Mo",
# "Miss", "Del", "Ind") are left out: "LA" is Los Angeles far more often than Louisiana.
STATE_ABBREVIATIONS = {
    "ala": "alabama", "ariz": "arizona", "ark": "arkansas", "calif": "california", "colo": "colorado",
    "conn": "connecticut", "fla": "florida", "ill": "illinois", "kan": "kansas", "mass": "massachusetts",
    "mich": "michigan", "minn": "minnesota", "mont": "montana", "neb": "nebraska", "nev": "nevada",
    "okla": "oklahoma", "ore": "oregon", "tenn": "tennessee", "wash": "washington", "wis": "wisconsin",
    "wyo": "wyoming",
}


# Abbreviated words of place names, spelled out where they stand: 'Mt Cook' / 'Mount Cook', 'St.
# Petersburg' / 'Saint Petersburg' open a name; 'Main St.' / 'Main Street' close one.
LEADING_ABBREVIATIONS = {"mt": "mount", "st": "saint", "ft": "fort"}
TRAILING_ABBREVIATIONS = {"st": "street", "ave": "avenue", "rd": "road", "blvd": "boulevard"}


# what the tagger takes for a name in a page's leftovers: links, handles, markup ('pic.twitter.com/…',
# 'https://…', '@Ilhan', 'Jo**', 'fall~', '—and', 'GA @')
MARKUP = re.compile(r"://|www\.|\.com/|pic\.twitter|^@|@$|[~*=<>{}|\\]|^[^\w\"'“‘(]")


def _plain(text: str) -> str:
    """Case and punctuation aside: 'U.S.' and 'US', 'TALCA' and 'Talca' are one text."""
    return re.sub(r"[^\w ]", "", text.casefold())


def _key(text: str) -> str:
    key = _plain(text).strip()
    key = STATE_ABBREVIATIONS.get(key, key)
    words = key.split()
    if len(words) >= 2:
        words[0] = LEADING_ABBREVIATIONS.get(words[0], words[0])
        words[-1] = TRAILING_ABBREVIATIONS.get(words[-1], words[-1])
    return " ".join(words)


def within_edits(a: str, b: str, limit: int) -> bool:
    """At most `limit` single-letter edits apart (Levenshtein distance)."""
    return Levenshtein.distance(a, b, score_cutoff=limit) <= limit


def name_variants(a: str, b: str) -> bool:
    """Same name or a transliteration variant: same initial, one or two letters apart."""
    a, b = a.casefold(), b.casefold()
    if a == b:
        return True
    shortest = min(len(a), len(b))
    limit = 2 if shortest >= 7 else 1 if shortest >= 5 else 0
    return a[0] == b[0] and within_edits(a, b, limit)


@cache
def _nicknamer() -> NickNamer:
    return NickNamer()


@cache
def _given_names() -> frozenset[str]:
    table = _nicknamer().nickname_lookup
    return frozenset(table) | frozenset(n for names in table.values() for n in names)


def given_name(word: str) -> bool:
    """A first name of the `nicknames` table (Carly, Harry, Bill; both sides of a pair)."""
    return word.casefold() in _given_names()


def nickname_pair(a: str, b: str) -> bool:
    """One first name is a nickname of the other (Katie / Kathryn, Bill / William), by the
    hand-curated table of the `nicknames` package. Two nicknames of one name are not enough: "Al"
    is short for Alan and for Albert, two people."""
    a, b = a.casefold(), b.casefold()
    return b in _nicknamer().nicknames_of(a) or a in _nicknamer().nicknames_of(b)


def _person_tokens(name: str) -> list[str]:
    """The name's words without titles and nicknames in quotes ("Vincent 'The Chin' Gigante",
    "Luis Gerardo "Jerry" Ortiz"): what is compared across mentions."""
    tokens = [t.strip(".,") for t in name.split()]
    while len(tokens) > 1 and tokens[0].casefold().rstrip(".") in TITLES:
        tokens = tokens[1:]
    named = [t for t in tokens if t and t[0] not in _QUOTES and t[-1] not in _QUOTES]
    return named if named else [t for t in tokens if t]


@dataclass
class _Surface:
    text: str
    label: str
    count: int = 0
    articles: set[str] = field(default_factory=set)
    spellings: set[str] = field(default_factory=set)  # every text of this key: 'Mt Cook', 'Mount Cook'


class EntityIndex:
    """The merged entities of a story and a lookup from any surface form to its canonical name."""

    def __init__(self, entities: list[StoryEntity]) -> None:
        self.entities = entities
        self._by_key = {_key(a): e for e in entities for a in (*e.aliases, e.name)}

    def canonical(self, surface: str | None) -> str | None:
        if not surface:
            return surface
        entity = self.entity(surface)
        return entity.name if entity else normalize_surface(surface) or surface

    def entity(self, surface: str) -> StoryEntity | None:
        """The story's entity a surface form names, titles and a lone surname allowed."""
        return self.lookup(surface) or self._person(surface)

    def lookup(self, surface: str) -> StoryEntity | None:
        return self._by_key.get(_key(normalize_surface(surface)))

    def _person(self, surface: str) -> StoryEntity | None:
        """A speaker written with a title ("Mayor Lucia Ferrandi") or by surname alone ("Ferrandi")
        that no mention spelled that way: the one person of the story it names, if exactly one."""
        tokens = _person_tokens(normalize_surface(surface))
        if not tokens:
            return None
        entity = self._by_key.get(_key(" ".join(tokens)))
        if entity is not None or len(tokens) > 1:
            return entity
        surname = tokens[0].casefold()
        people = [e for e in self.entities if e.type == "PERSON" and e.name.split()[-1].casefold() == surname]
        return people[0] if len(people) == 1 else None


def _collect(articles: Iterable[Article]) -> dict[str, _Surface]:
    """Surface forms keyed by normalised text; each takes its most frequent label."""
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    surfaces: dict[str, _Surface] = {}

    def add(text: str, label: str, article_id: str, weight: int = 1) -> None:
        text = normalize_surface(text)
        if label == "PERSON":
            text = without_lead_words(text)
        if not text or not any(c.isalpha() for c in text) or text.upper() in TIME_ZONES or MARKUP.search(text):
            return
        key = _key(text)
        labels[key][label] += weight
        surface = surfaces.setdefault(key, _Surface(text, label))
        if surface.text.isupper() and not text.isupper():
            surface.text = text  # "Talca", not the dateline's "TALCA"
        surface.count += 1
        surface.articles.add(article_id)
        surface.spellings.add(text)

    for article in articles:
        for m in article.mentions:
            if m.label in ENTITY_LABELS and not _first_word_of_organisation(m, article):
                add(m.text, m.label, article.id, weight=2)
        for c in article.citations:  # named sources only: "six sources", "officials" are no entity
            if _proper_name(c.name):
                add(c.name, "ORG", article.id)
        for q in article.quotes:  # speakers given as names only; "a spokesman" stays out
            if q.speaker and all(t[:1].isupper() for t in q.speaker.split()) and not _quantifier(q.speaker):
                add(q.speaker, "PERSON", article.id)
    for key, surface in surfaces.items():
        surface.label = labels[key].most_common(1)[0][0]
    return surfaces


NAME_PARTICLES = frozenset({"of", "the", "and", "for", "on", "de", "la", "du", "der", "von", "van", "al"})


def _first_word_of_organisation(mention: Mention, article: Article) -> bool:
    """'with Agenzia Nova reporting' read as the place 'Agenzia' and the organisation 'Nova': a
    one-word place no gazetteer knows that opens an organisation's name its own sentence gives (a
    cited source, or an organisation mention) is that name's first word; 'Los Angeles Lakers' and
    'U.S. Army' keep their places, and so does a town named alone elsewhere."""
    from storylens.gazetteer import areas  # here: the gazetteer reads this module's state names

    if mention.label not in ("GPE", "LOC") or " " in mention.text.strip() or areas(mention.text):
        return False
    names = [c.name for c in article.citations if c.sentence == mention.sentence]
    names += [m.text for m in article.mentions if m.label == "ORG" and m.sentence == mention.sentence]
    return any(normalize_surface(name).startswith(f"{mention.text.strip()} ") for name in names)


def _quantifier(text: str) -> bool:
    """'Few have been urging peace publicly': a group that opens a sentence, capitalised, is no one's name."""
    return all(w.lower() in QUANTIFIERS for w in text.split())


def _proper_name(text: str) -> bool:
    """Every word capitalised but the particles: "Agenzia Nova", "Council on Foreign Relations"."""
    words = normalize_surface(text).split()
    return bool(words) and all(w[:1].isupper() or w in NAME_PARTICLES for w in words)


class _Union:
    def __init__(self, keys: Iterable[str]) -> None:
        self.parent = {k: k for k in keys}

    def root(self, k: str) -> str:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def __call__(self, a: str, b: str) -> None:
        self.parent[self.root(a)] = self.root(b)


def _merge_people(keys: list[str], surfaces: dict[str, _Surface], union: _Union) -> None:
    full = [k for k in keys if len(_person_tokens(surfaces[k].text)) >= 2]
    # Words the story uses as someone's surname: what may end a name cut short ("Luis Gerardo" /
    # "Luis Gerardo Ortiz", with "Ortiz" alone elsewhere), unlike a mis-cut span ("Jon Owen Finally").
    surnames = Counter(_person_tokens(surfaces[k].text)[-1].casefold() for k in keys)
    nicknamed: list[tuple[str, str]] = []
    for i, a in enumerate(full):
        ta = _person_tokens(surfaces[a].text)
        for b in full[i + 1 :]:
            tb = _person_tokens(surfaces[b].text)
            same_surname = name_variants(ta[-1], tb[-1])
            if same_surname and name_variants(ta[0], tb[0]):
                union(a, b)
            elif same_surname and nickname_pair(ta[0], tb[0]):
                nicknamed.append((a, b))
            elif _ends_with(ta, tb) or _ends_with(tb, ta):
                union(a, b)
            elif (_starts_with(ta, tb) or _starts_with(tb, ta)) and surnames[max(ta, tb, key=len)[-1].casefold()] >= 2:
                union(a, b)
    # Katie / Kathryn Jenkin are one woman, unless "Al Jenkin" could be Alan or Albert Jenkin.
    partners = Counter(k for pair in nicknamed for k in pair)
    for a, b in nicknamed:
        if partners[a] == 1 and partners[b] == 1:
            union(a, b)
    _attach_surnames(keys, full, surfaces, union)
    _attach_first_names(keys, full, surfaces, union)


def _starts_with(longer: list[str], name: list[str]) -> bool:
    """A full name cut short: "Luis Gerardo" for "Luis Gerardo Ortiz"."""
    return len(longer) > len(name) >= 2 and [t.casefold() for t in longer[: len(name)]] == [t.casefold() for t in name]


def _attach_first_names(keys: list[str], full: list[str], surfaces: dict[str, _Surface], union: _Union) -> None:
    """A one-word name that no full name ends in joins the one person whose first name it is
    ("Olympia" for "Olympia Grippa"): never when two people share that first name."""
    surnames = {_person_tokens(surfaces[f].text)[-1].casefold() for f in full}
    for k in keys:
        tokens = _person_tokens(surfaces[k].text)
        if len(tokens) != 1 or tokens[0].casefold() in surnames or union.root(k) != k and any(
                union.root(k) == union.root(f) for f in full):
            continue
        owners = [f for f in full if _person_tokens(surfaces[f].text)[0].casefold() == tokens[0].casefold()]
        if owners and len({union.root(f) for f in owners}) > 1:
            # "Ellen DeGeneres" and a headline's "Ellen DeGeneres Returns": one name, cut long
            shortest = min(owners, key=lambda f: len(_person_tokens(surfaces[f].text)))
            short = [t.casefold() for t in _person_tokens(surfaces[shortest].text)]
            if all([t.casefold() for t in _person_tokens(surfaces[f].text)[: len(short)]] == short for f in owners):
                owners = [shortest]
        if len({union.root(f) for f in owners}) == 1:
            union(k, owners[0])


def _ends_with(longer: list[str], name: list[str]) -> bool:
    """A descriptor before a full name: "GM Ed Stefanski", "Creighton All-American Kyle Korver"."""
    return len(longer) > len(name) >= 2 and [t.casefold() for t in longer[-len(name):]] == [t.casefold() for t in name]


def _attach_surnames(
    keys: list[str], full: list[str], surfaces: dict[str, _Surface], union: _Union
) -> None:
    """A one-word name joins the full names with that surname only if they are one person."""
    for k in keys:
        tokens = _person_tokens(surfaces[k].text)
        if len(tokens) != 1:
            continue
        owners = [f for f in full if name_variants(_person_tokens(surfaces[f].text)[-1], tokens[0])]
        roots = {union.root(f) for f in owners}
        if len(roots) == 1:
            union(k, owners[0])


def _org_extends(short: list[str], long: list[str]) -> bool:
    """`long` is `short` plus generic words, `short` is the acronym of `long`, or the two differ
    in one word's spelling among several (Betty Ford Centre / Center)."""
    if len(short) == len(long) >= 2 and short != long:  # one-word names: Austria / Australia
        diffs = [(a, b) for a, b in zip(short, long) if a != b]
        if len(diffs) != 1:
            return False
        x, y = diffs[0]
        return min(len(x), len(y)) >= 5 and x[0] == y[0] and within_edits(x, y, 2)
    if len(short) < len(long) and long[: len(short)] == short:
        return all(t in ORG_SUFFIXES for t in long[len(short) :])
    if len(short) == 1 and len(long) >= 2 and len(short[0]) >= 2:
        initials = "".join(t[0] for t in long if t not in {"of", "on", "for", "and", "the"})
        return short[0] == initials
    return False


def _merge_orgs(keys: list[str], surfaces: dict[str, _Surface], union: _Union, label: str = "ORG") -> None:
    for a in keys:
        ta = _key(surfaces[a].text).split()
        targets = [b for b in keys if b != a and _org_extends(ta, _key(surfaces[b].text).split())]
        if not targets and label == "ORG":
            # A body's short name, the end of its full one ("Times" / "New York Times",
            # "Surgeon General" / "U. S. Surgeon General"), when exactly one name of the story ends so.
            targets = [b for b in keys if b != a and _org_tail(ta, _key(surfaces[b].text).split())]
        if len({union.root(b) for b in targets}) == 1:
            union(a, targets[0])


def _org_tail(short: list[str], long: list[str]) -> bool:
    return bool(short) and len(long) > len(short) and long[-len(short):] == short and len(short[-1]) >= 4


def _canonical(members: list[_Surface]) -> str:
    """The most complete form, then the most frequent; but a form that starts with a capital
    ('Civil Protection Department', not 'national Civil Protection Department'), no person's name
    with a headline's words after it nor a description before it (`_plausible`: 'Ellen DeGeneres', not
    'Comedian Ellen DeGeneres'), and a person without the title one mention put before the name
    ('Lucia Ferrandi', not 'Mayor Lucia Ferrandi': the roles list the title)."""
    forms = {tuple(_untitled(m).split()) for m in members}
    best = max(members, key=lambda s: (s.text[:1].isupper(), _plausible(s, forms), len(_untitled(s).split()),
                                       s.count, len(s.text)))
    return _untitled(best)


# A person's name grows at the front or in the middle ("Mark Heller" / "Mark Jay Heller"); words
# after a full name the story also uses are a headline's or a place's that spaCy took in ("Lindsay
# Lohan Checks Into Rehab", "Betty Ford Rehab"), unless they are a suffix.
NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def _plausible(surface: _Surface, forms: set[tuple[str, ...]]) -> bool:
    words = tuple(_untitled(surface).split())
    return surface.label != "PERSON" or not any(
        1 < len(f) < len(words) and (words[: len(f)] == f and words[len(f)].casefold() not in NAME_SUFFIXES
                                     or words[-len(f):] == f and _descriptor(words[: -len(f)]))
        for f in forms)


def _descriptor(words: tuple[str, ...]) -> bool:
    """Words before a full name the story uses that are no part of a name ("Comedian Ellen
    DeGeneres", "GM Ed Stefanski"): neither given names nor initials ("Mark Jay Heller", "W. Mark Felt")."""
    return not any(given_name(w) or len(w.rstrip(".")) == 1 for w in words)


def _untitled(surface: _Surface) -> str:
    words = surface.text.split()
    while surface.label == "PERSON" and len(words) > 1 and words[0].casefold().rstrip(".") in TITLES:
        words = words[1:]
    return " ".join(words)


def _relabel_surnames(surfaces: dict[str, _Surface]) -> None:
    """spaCy often tags a bare surname ORG or GPE; it is the person when a full name ends in it."""
    surnames = {
        _person_tokens(s.text)[-1]
        for s in surfaces.values()
        if s.label == "PERSON" and len(_person_tokens(s.text)) >= 2
    }
    for surface in surfaces.values():
        if surface.label != "PERSON" and surface.text in surnames:
            surface.label = "PERSON"


def _short_names(surfaces: dict[str, _Surface]) -> list[tuple[str, str]]:
    """spaCy tags a company's short name PERSON ('Castellan' for Castellan Airways): a one-word
    'person' that is no word of the story's full names and no given name is the organisation its
    name begins, when exactly one of the story's does. Relabels it ORG; returns (short, full) keys."""
    people = [s for s in surfaces.values() if s.label == "PERSON" and len(_person_tokens(s.text)) >= 2]
    name_words = {t.casefold() for s in people for t in _person_tokens(s.text)}
    orgs = [k for k, s in surfaces.items() if s.label == "ORG" and len(s.text.split()) >= 2]
    pairs = []
    for key, surface in surfaces.items():
        words = surface.text.split()
        if surface.label != "PERSON" or len(words) != 1 or words[0].casefold() in name_words or given_name(words[0]):
            continue
        heads = [k for k in orgs if surfaces[k].text.split()[0].casefold() == words[0].casefold()]
        if len(heads) == 1:
            surface.label = "ORG"
            pairs.append((key, heads[0]))
    return pairs


def _respellings(surface: _Surface) -> set[str]:
    """The other spellings of a surface that differ in words, not case or punctuation ('Mt Cook'
    beside 'Mount Cook'; not 'TALCA' beside 'Talca', 'U.S' beside 'U.S.')."""
    return {t for t in surface.spellings if _plain(t) != _plain(surface.text)}


def merge_entities(articles: list[Article]) -> EntityIndex:
    surfaces = _collect(articles)
    _relabel_surnames(surfaces)
    short_names = _short_names(surfaces)
    union = _Union(surfaces)
    for short, full in short_names:
        union(short, full)
    by_label: dict[str, list[str]] = defaultdict(list)
    for key, surface in surfaces.items():
        by_label[surface.label].append(key)
    for label, keys in by_label.items():
        if label == "PERSON":
            _merge_people(keys, surfaces, union)
        else:
            _merge_orgs(keys, surfaces, union, label)
    groups: dict[str, list[_Surface]] = defaultdict(list)
    for key in surfaces:
        groups[union.root(key)].append(surfaces[key])
    entities = [
        StoryEntity(
            name=_canonical(members),
            type=members[0].label,
            aliases=sorted({m.text for m in members} | {t for m in members for t in _respellings(m)}),
            article_ids=sorted({a for m in members for a in m.articles}),
        )
        for members in groups.values()
    ]
    entities.sort(key=lambda e: (-len(e.article_ids), -len(e.aliases), e.name))
    return EntityIndex(entities)
