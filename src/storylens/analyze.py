"""Analyze stage: one spaCy pass per article, turned into sentences, entities, quotes,
citations, opinion flags and clustering terms.

Speed: spaCy does the heavy work (in `settings.n_process` worker processes); turning a Doc
into records is a few linear passes over its tokens in the main process, so only plain texts
cross the process boundary and the articles never leave this process.
"""

from __future__ import annotations

import functools
import importlib.util
import itertools
import sys
from collections import Counter
from typing import Iterable, Iterator, Sequence


def _import_spacy_without_torch() -> None:
    """thinc imports torch when it is installed (about a second and 150 MB on every run) only to
    offer PyTorch layers, which CNN pipelines such as en_core_web_sm never use; storylens imports
    torch itself where it needs it (the ONNX export, the "torch" backend). Pipelines built on
    PyTorch (spacy-transformers installed) get torch as usual."""
    hide = "torch" not in sys.modules and importlib.util.find_spec("spacy_transformers") is None
    if hide:
        sys.modules["torch"] = None  # type: ignore[assignment]  # `import torch` raises ImportError
    try:
        import spacy  # noqa: F401
    finally:
        if hide and sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]


_import_spacy_without_torch()

import spacy  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.symbols import ORTH  # noqa: E402
from spacy.tokens import Doc, Span  # noqa: E402
from spacy.util import compile_infix_regex  # noqa: E402

from .attribution import attribute
from .cluster import LEAD_SENTENCES
from .fast_rules import speed_up
from .entities import ORG_SUFFIXES, given_name
from .speakers import PERSON_ROLES, TITLES, clean_name, person_name, possessive_gender
from .model import Article, Mention, Sentence
from .opinion import flag_opinions
from .quotemarks import QuoteSpan, find_quote_spans
from .roles import find_roles
from .settings import Settings
from .sources import QUANTIFIERS

PARAGRAPHS = "storylens_paragraph_breaks"
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
ENTITY_TERMS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC", "PRODUCT"})
RELABEL = frozenset({"ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "LOC", "FAC"})


@Language.component(PARAGRAPHS)
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: cleaned articles keep one paragraph per line."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


@functools.lru_cache(maxsize=2)
def _load(name: str) -> Language:
    nlp = spacy.load(name)  # every pipe is used: tagger/lemmatizer (terms), parser, ner
    speed_up(nlp)  # same annotations, a tenth less time (fast_rules.py)
    nlp.add_pipe(PARAGRAPHS, before="parser")
    # scraped text often glues a quotation mark to its neighbours ('paranoia,”Clinton said',
    # 'said,“Look'): a mark is always its own token, so quotes and speakers parse apart
    infixes = [*nlp.Defaults.infixes, r'(?:[,:;!?]|(?<![A-Z])\.)(?=["“”«»])', r'["“”«»]']
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    # the model's exceptions keep 'Gen.', 'Sen.', 'Gov.' whole but split 'Capt.' and 'Lt.', whose
    # period then ends the sentence: 'said Navy Capt. | Jeff Davis.' loses the speaker's name
    for abbr in RANK_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbr, [{ORTH: abbr}])
    return nlp


RANK_ABBREVIATIONS = ("Capt.", "Lt.", "Sgt.", "Cmdr.", "Maj.", "Col.", "Cpl.", "Pvt.", "Brig.", "Supt.", "Det.", "Amb.")


def load_nlp(settings: Settings) -> Language:
    return _load(settings.spacy_model)


def analyze(articles: Iterable[Article], settings: Settings) -> Iterator[Article]:
    """Fill the analysis fields of each article; yields each one as soon as it is done."""
    nlp = load_nlp(settings)
    ahead, behind = itertools.tee(articles)
    texts = (parse_text(article.text) for article in ahead)
    docs = nlp.pipe(texts, batch_size=settings.batch_size, n_process=settings.n_process)
    for article, doc in zip(behind, docs):
        fill(article, doc)
        yield article


# no-break and other fixed-width spaces, which spaCy keeps as tokens of their own inside a
# sentence ("Stu\xa0Burguiere", '…,”\xa0added Gowdy'): the models never saw them there, and they
# cut names and parses apart
WIDE_SPACES = str.maketrans({"\xa0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " "})


def parse_text(text: str) -> str:
    """The text the model parses: the article's own, those spaces made plain; one character for
    one, so every offset into it is an offset into the article's text."""
    return text.translate(WIDE_SPACES)


def fill(article: Article, doc: Doc) -> None:
    """Turn one parsed article into records (main process; the Doc never needs pickling)."""
    text = doc.text  # rebuilt from the tokens on every access: once is enough
    spans = find_quote_spans(text)
    sentences, sent_of = build_sentences(doc, spans, text)
    ents = harmonise_entities(doc)
    found = attribute(doc, sent_of, ents, spans, article.outlet, text)
    flag_opinions(doc, sentences, sent_of, found.in_quote, found.attributed)
    article.sentences = sentences
    article.mentions = [m for m in (_mention(e, sent_of) for e in _names(ents)) if m.text]
    article.quotes = found.quotes
    article.citations = found.citations
    article.roles = find_roles(doc, ents, sent_of)
    article.terms = extract_terms(doc, ents)


NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}


def _names(ents: Sequence[Span]) -> Iterator[Span]:
    """The entities a reader would call names. The small model tags common nouns ("the navy",
    "bell tower", "vineyards") and glues a following count to a place ("Kessler Bay 212 times"):
    the first are no names, the second loses the number (it counts "times", outside the name).
    Nor is a quantifier that opens a sentence ("Few have urged peace", tagged a person)."""
    for ent in ents:
        if ent.label_ not in NAME_LABELS:
            yield ent
            continue
        if all(t.pos_ in {"NOUN", "DET", "ADJ"} and not t.text[:1].isupper() or t.lower_ in QUANTIFIERS for t in ent):
            continue
        end = ent.end
        while end - 1 > ent.start and ent.doc[end - 1].pos_ == "NUM" and not (ent.start <= ent.doc[end - 1].head.i < end):
            end -= 1
        yield ent if end == ent.end else Span(ent.doc, ent.start, end, label=ent.label_)


def _mention(ent: Span, sent_of: Sequence[int]) -> Mention:
    name = person_name(ent.text) if ent.label_ == "PERSON" else clean_name(ent.text)
    return Mention(name, ent.label_, sent_of[ent.start])


def build_sentences(doc: Doc, spans: Sequence[QuoteSpan], text: str | None = None) -> tuple[list[Sentence], list[int]]:
    """Sentences with offsets into the text, and the sentence index of every token.

    spaCy tends to start the next sentence with the closing quotation mark of a quoted
    sentence ('…war."' / '"The …'); such a mark is moved back to the sentence it closes.
    """
    text = doc.text if text is None else text
    # closing mark -> its width ('' typed as two apostrophes is one mark); an opening mark by its
    # last character
    closers = {s.closing: 2 if text.startswith("''", s.closing) else 1 for s in spans if s.closing is not None}
    openers = {s.start - 1 for s in spans}
    bounds: list[list[int]] = []
    for sent in doc.sents:
        start, end = _strip(text, sent.start_char, sent.end_char)
        while bounds and start < end and start in closers:
            width = closers[start]
            bounds[-1][1] = start + width
            start, end = _strip(text, start + width, end)
        # and the opening mark of the next quote left at this one's end ('… said. '' ⏎ It's …'),
        # NYT style, goes with the quote it opens
        if bounds and start < end and bounds[-1][1] - 1 in openers:
            start = bounds[-1][1] - 1
            while start > bounds[-1][0] and text[start - 1] in "'‘":
                start -= 1  # "''": the mark is its second apostrophe
            bounds[-1][1] = _strip(text, bounds[-1][0], start)[1]
            if bounds[-1][1] <= bounds[-1][0]:
                bounds.pop()  # a "sentence" that was only the mark
        if start < end:
            bounds.append([start, end])
    sentences = [Sentence(i, text[s:e], s, e) for i, (s, e) in enumerate(bounds)]
    return sentences, _token_sentences(doc, bounds)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _token_sentences(doc: Doc, bounds: list[list[int]]) -> list[int]:
    sent_of, k = [0] * len(doc), 0
    for tok in doc:
        while k + 1 < len(bounds) and tok.idx >= bounds[k + 1][0]:
            k += 1
        sent_of[tok.i] = k
    return sent_of


def harmonise_entities(doc: Doc) -> list[Span]:
    """doc.ents with one label per person: the small model often tags a surname ORG or GPE
    ("Zakharova told …") after tagging the full name PERSON, and sometimes a full name ORG all
    through an article ("Carly Fiorina"); such mentions become PERSON."""
    places = _places_tagged_person(doc)
    persons = {person_name(e.text) for e in doc.ents if e.label_ == "PERSON"} - set(places)
    persons |= _people_tagged_otherwise(doc, persons)
    surnames = {name.split()[-1] for name in persons if " " in name}
    out = []
    for ent in doc.ents:
        name = clean_name(ent.text)
        if ent.label_ == "PERSON" and name in places:
            ent = Span(doc, ent.start, ent.end, label=places[name])
        elif ent.label_ in RELABEL and ent.root.pos_ == "PROPN" and (name in persons or name in surnames):
            ent = Span(doc, ent.start, ent.end, label="PERSON")
        out.append(ent)
    return out


PLACE_LABELS = ("GPE", "LOC", "FAC")


def _places_tagged_person(doc: Doc) -> dict[str, str]:
    """One-word names the model tags a place more often than a person in the article, with that
    place label: 'Clarkston became his home' among eight 'Clarkston' GPEs is the town (a later
    'he' never means it). Full names and ties stay as tagged."""
    labels: dict[str, Counter[str]] = {}
    for ent in doc.ents:
        if " " not in (name := clean_name(ent.text)):
            labels.setdefault(name, Counter())[ent.label_] += 1
    out = {}
    for name, counts in labels.items():
        place, n = max(((label, counts[label]) for label in PLACE_LABELS), key=lambda x: x[1])
        if counts["PERSON"] and n > counts["PERSON"]:
            out[name] = place
    return out


# words before a name that make it a person's: 'Mrs. Fiorina', 'candidate Carly Fiorina',
# 'Hewlett-Packard CEO Carly Fiorina', 'former rival Carly Fiorina'
PERSON_BEFORE = TITLES | frozenset("ceo hopeful rival".split())
FULL_NAME_WORDS = range(2, 5)
# last words of bodies and places named after people ('George Washington University', 'Melinda
# Gates Foundation', 'Washington Post'), besides the company suffixes of `entities`
BODY_WORDS = ORG_SUFFIXES | frozenset(
    "association university college school church foundation institute center centre council "
    "committee party post times journal herald tribune club union capital bank fund partners "
    "ministries ministry society trust airport park street avenue county city hospital".split()
)


def _people_tagged_otherwise(doc: Doc, persons: set[str]) -> set[str]:
    """Full names tagged ORG (or a place, a work) that name a person: a known first name and
    capitalised words only ('Carly Fiorina', never 'Johnson & Johnson' or 'Ford Motor Co.'), and
    some mention of the name or its surname reads as a person's. A first name alone is no proof:
    'Harry Winston' and 'Eli Lilly' are companies, 'Washington Post' a paper."""
    names = {clean_name(e.text) for e in doc.ents if e.label_ in RELABEL and _full_name(e)}
    found = set()
    for name in names - persons:
        surname = name.split()[-1]
        if surname in persons:  # 'Mrs. Fiorina' tagged a person elsewhere in the article
            found.add(name)
            continue
        mentions = [e for e in doc.ents if clean_name(e.text) in (name, surname)]
        if any(_reads_as_person(e) for e in mentions):
            found.add(name)
    return found


def _full_name(ent: Span) -> bool:
    words = [t for t in ent if not (t.is_punct or t.lower_ in ("'s", "’s", "the"))]
    return (
        len(words) in FULL_NAME_WORDS
        and given_name(words[0].text)
        and all(t.pos_ == "PROPN" and t.text[:1].isupper() and not t.text.isupper() for t in words)
        and not any(t.lower_.rstrip(".") in BODY_WORDS for t in words)
    )


def _reads_as_person(ent: Span) -> bool:
    """A title or role word just before it ('Mrs.', 'candidate'), a role or age in apposition
    ('Deb Kline, a leader of …', 'Fiorina, 61,'), or a his / her in its own clause ('Fiorina
    threw her support …'): what a company is never given."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.lower_.rstrip(".") in PERSON_BEFORE:
        return True
    if any(c.dep_ == "appos" and (c.lemma_.lower() in PERSON_ROLES or c.text.isdigit()) for c in ent.root.children):
        return True
    return ent.root.dep_ in ("nsubj", "nsubjpass") and possessive_gender(ent, own_clause=True) is not None


def extract_terms(doc: Doc, ents: Sequence[Span]) -> dict[str, int]:
    """Clustering features: content lemmas, 'ent:<name>' and 'date:<text>' with counts, and the
    content lemmas of the lead (headline and first sentence: what happened) again as 'lead:<lemma>'."""
    terms: Counter[str] = Counter()
    lead_end = 0
    for sent in itertools.islice(doc.sents, LEAD_SENTENCES):
        lead_end = sent.end
    for tok in doc:
        if tok.pos_ in CONTENT_POS and tok.is_alpha and not tok.is_stop:
            lemma = tok.lemma_.lower()
            if len(lemma) > 2 and lemma.isalpha():
                terms[lemma] += 1
                if tok.i < lead_end:
                    terms[f"lead:{lemma}"] += 1
    for ent in ents:
        name = (person_name if ent.label_ == "PERSON" else clean_name)(ent.text).lower()
        if not name:
            continue
        if ent.label_ in ENTITY_TERMS:
            terms[f"ent:{name}"] += 1
        elif ent.label_ == "DATE":
            terms[f"date:{' '.join(ent.text.lower().split())}"] += 1
    return dict(terms)

