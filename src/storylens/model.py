"""The typed records shared by every pipeline stage.

One record per stage boundary:

    ingest  -> Document           (decoded input, metadata, still dirty)
    clean   -> Article            (clean text + removed lines)
    dedup   -> Article.duplicate_of
    analyze -> Article.sentences / mentions / quotes / citations / roles / terms
    cluster -> Story (article ids)
    compare -> Story.brief (Brief)

`to_json()` on each record gives the JSON contract documented in the README
("JSON output"); tests/test_model.py holds the code to that contract.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Format = Literal["text", "html"]


@dataclass(slots=True)
class Document:
    """One input item after ingest: decoded, with whatever metadata the file gave."""

    source_path: str
    content: str
    format: Format
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO 8601 date or datetime, as given


@dataclass(slots=True)
class Sentence:
    index: int  # position in Article.sentences
    text: str
    start: int  # character offsets into Article.text
    end: int
    opinion: bool = False  # True: the author's own judgement, not reporting


@dataclass(slots=True)
class Mention:
    """A named-entity mention in one article (spaCy label set)."""

    text: str
    label: str  # PERSON, ORG, GPE, LOC, NORP, DATE, CARDINAL, ...
    sentence: int


@dataclass(slots=True)
class Role:
    """A role phrase in one article and the person it names, when the text says who
    ("Russian Foreign Minister" -> "Sergei Lavrov"; a lone "the foreign minister" may stay None)."""

    text: str
    head: str  # the role's head noun, lower-cased lemma ("minister")
    person: str | None
    sentence: int
    bound: bool = True  # the text binds it to the name in one phrase; False: a lone role phrase


@dataclass(slots=True)
class Quote:
    """Something a speaker said, direct (in quotation marks) or reported."""

    speaker: str | None  # the speaker's name as resolved in this article
    text: str
    sentence: int
    direct: bool = True
    cue: str = ""  # the verb or phrase that attributes it ("said", "told a news conference")


@dataclass(slots=True)
class Citation:
    """A source the article says it relies on ("according to NBC News")."""

    name: str  # as written in the article, e.g. "NBC", "NBC News", "Reuters"
    sentence: int
    cue: str = ""  # "according to", "reported", "the outlet reports", ...


@dataclass(slots=True)
class Article:
    id: str
    source_path: str
    title: str
    text: str
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    removed: list[str] = field(default_factory=list)
    duplicate_of: str | None = None
    # Filled by analyze.
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    terms: dict[str, int] = field(default_factory=dict)  # content lemmas and entities -> count

    @property
    def analyzed(self) -> bool:
        return bool(self.sentences)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Article:
        data = dict(data)
        data["sentences"] = [Sentence(**s) for s in data.get("sentences", [])]
        data["mentions"] = [Mention(**m) for m in data.get("mentions", [])]
        data["quotes"] = [Quote(**q) for q in data.get("quotes", [])]
        data["citations"] = [Citation(**c) for c in data.get("citations", [])]
        data["roles"] = [Role(**r) for r in data.get("roles", [])]
        return cls(**data)


@dataclass(slots=True)
class Evidence:
    """A pointer to the sentence a statement came from."""

    article_id: str
    sentence: int  # index into that article's sentences
    text: str  # the sentence itself, so a reader needs no lookup


@dataclass(slots=True)
class Statement:
    """A summary line and the sentences that support it."""

    text: str
    evidence: list[Evidence]


@dataclass(slots=True)
class Fact:
    """One piece of information and the articles that report it (aligned sentences)."""

    text: str
    reported_by: list[str]
    evidence: list[Evidence]
    coverage: Literal["all", "some", "one"] = "one"


@dataclass(slots=True)
class Claim:
    article_id: str
    sentence: int
    text: str
    value: str


@dataclass(slots=True)
class Conflict:
    about: str  # what the claims disagree on, e.g. "number of people killed"
    kind: Literal["number", "date", "name", "place", "confirm_deny"]
    claims: list[Claim]


@dataclass(slots=True)
class StoryQuote:
    speaker: str | None  # canonical entity name after cross-article merging
    text: str
    article_id: str
    sentence: int
    direct: bool = True


@dataclass(slots=True)
class CitedSource:
    name: str  # canonical name ("NBC News" for NBC / NBC News / the US broadcaster 'NBC News')
    article_ids: list[str]
    common: bool = False  # cited by every article of the story: the primary source
    aliases: list[str] = field(default_factory=list)


@dataclass(slots=True)
class StoryEntity:
    name: str  # canonical (longest full form) name
    type: str  # PERSON, ORG, GPE, LOC, NORP, ...
    aliases: list[str]
    article_ids: list[str]
    roles: list[str] = field(default_factory=list)  # for people: "Russian Foreign Minister", "the foreign minister"


@dataclass(slots=True)
class Brief:
    summary: list[Statement] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    quotes: list[StoryQuote] = field(default_factory=list)
    cited_sources: list[CitedSource] = field(default_factory=list)
    entities: list[StoryEntity] = field(default_factory=list)
    opinion: list[Evidence] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # plain-language caveats, e.g. one primary source


@dataclass(slots=True)
class Story:
    id: str
    title: str
    article_ids: list[str]
    brief: Brief = field(default_factory=Brief)
    # articles shown here by attachment (cluster.StoryClusterer._attach): a small story that links
    # clearly to this one, on less evidence than a merge takes
    attached_ids: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data = {"id": self.id, "title": self.title, "article_ids": list(self.article_ids), "attached_ids": list(self.attached_ids)}
        data.update(asdict(self.brief))
        return data


def content_id(text: str) -> str:
    """Stable article id: the same content always gets the same id, whatever the file is called."""
    normalized = " ".join(text.split())
    return hashlib.sha1(normalized.encode("utf-8")).hexdigest()[:16]
