"""Compare stage: the cross-source brief of one story.

Sentences of different articles are aligned by meaning (MiniLM cosine above
`settings.align_threshold`, each pair the best match of at least one of its two sentences) into
facts with at most `MAX_FACT_SENTENCES_PER_ARTICLE` sentences per article; the facts most
widely reported make the extractive summary. Entities, quotes and cited sources are merged across
articles by name; conflicts are left to `conflicts.py`, which compares the mutually matching
sentences of each fact and also near-copies whose name-free words match and pairs that align once
names and numbers are masked (MiniLM puts an edited copy naming someone else far apart, often
behind other sentences about the same person, so each sentence's few closest matches are
re-scored masked), or once their one differing person (a denial, a plain negation) is set equal
(one encoding per such pair, compared with the other sentence's vector already computed); pairs
that share enough words besides their one differing person are swapped too, however far apart
MiniLM puts them, and pairs that share enough words and each give a day or a count are handed
over as one act told twice. The cosine matrices of each pair of articles are computed once, for
alignment and conflicts alike.
One-article stories encode nothing, and opinion and fragments of under `MIN_ALIGN_WORDS` words (stray quotation marks,
bylines, "Comments") are neither encoded nor aligned: they are no facts, and two lone quotation
marks align at cosine 1.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from storylens.cluster import parse_date
from storylens.conflicts import (
    EVENT_PLACE_SENTENCES, UNKNOWN_NAME_MIN_SIMILARITY, ConflictFinder, SpokenQuote, Statement as Stmt, load_parser,
    speaker_conflicts,
)
from storylens.cues import PRESS_AUDIENCES, REPORT_CUES, SPEECH_CUES, STANCE_CUES
from storylens.embed import SentenceEncoder
from storylens.entities import EntityIndex, merge_entities
from storylens.model import (
    Article, Brief, Citation, CitedSource, Conflict, Evidence, Fact, Role, Statement, StoryEntity, StoryQuote,
)
from storylens.roles import attach_roles
from storylens.settings import Settings
from storylens.values import WORDS as NUMBER_WORDS
from storylens.values import stamp_date, stamps_disagree

MIN_FACT_WORDS = 5  # shorter one-article "facts" are datelines, bylines, captions
MIN_ALIGN_WORDS = 3  # shorter lines carry no checkable statement ("Colts win." is a headline)
# A headline and the lead that restates it are one fact: mutual best matches alone kept only one
# of them, and the other's pairs with every other article were lost. Labelled ECB+ pairs, tune
# half, P / R: 1 sentence 0.788 / 0.672, 2: 0.806 / 0.885, 3: 0.764 / 0.902, 4: 0.753 / 0.902.
MAX_FACT_SENTENCES_PER_ARTICLE = 2
COVERAGE_ORDER = {"all": 0, "some": 1, "one": 2}


@dataclass(slots=True)
class _Unit:
    """One sentence of the story, with its row in the embedding matrix."""

    article: int
    article_id: str
    sentence: int
    text: str


@dataclass(slots=True)
class _Group:
    members: list[int]  # unit indices, one per article
    centrality: float = 0.0
    central: int = 0  # the most representative member


def compare_story(articles: list[Article], settings: Settings, encoder: SentenceEncoder) -> Brief:
    index = merge_entities(articles)
    units = [
        _Unit(a, article.id, s.index, s.text)
        for a, article in enumerate(articles)
        for s in article.sentences
        if not s.opinion and _words(s.text) >= MIN_ALIGN_WORDS
    ]
    if len(articles) >= 2 and units:
        vectors = encoder.encode([u.text for u in units])
        sims = _similarities(units, vectors)
        groups, matched = _align(units, vectors, sims, settings.align_threshold)
    else:
        vectors, sims, matched = None, {}, []
        groups = [_Group([i], 1.0 / (1 + u.sentence), i) for i, u in enumerate(units)]
    facts = _facts(groups, units, len(articles))
    brief = Brief(
        summary=_summary(facts, settings.summary_sentences),
        facts=[f for f, _ in facts],
        quotes=_quotes(articles, index),
        cited_sources=_cited_sources(articles, index),
        entities=index.entities,
        opinion=[Evidence(a.id, s.index, s.text) for a in articles for s in a.sentences if s.opinion],
    )
    brief.notes = _notes(brief, len(articles))
    if vectors is not None:
        brief.conflicts = _conflicts(articles, units, vectors, sims, matched, index, settings, encoder, brief.quotes)
    # Only now: "the Russian foreign minister" counts as naming Lavrov in the brief's entities, but
    # a name conflict is about the names each article writes out ("the governor" of an article
    # naming another governor would hide the clash).
    brief.quotes = _name_role_speakers(brief.quotes, attach_roles(index, articles))
    return brief


def _name_role_speakers(quotes: list[StoryQuote], links: list[tuple[str, Role, StoryEntity]]) -> list[StoryQuote]:
    """A quote whose speaker is a role phrase ("the president said") is the person that role
    resolves to in the quote's article, when it resolves to exactly one ("Barack Obama"); a quote
    then listed twice under that name is listed once."""
    named: dict[tuple[str, str], set[str]] = {}
    for article_id, role, entity in links:
        named.setdefault((article_id, _bare_role(role.text)), set()).add(entity.name)
    seen: dict[tuple[str, int, str, str | None, bool], StoryQuote] = {}
    for quote in quotes:
        people = named.get((quote.article_id, _bare_role(quote.speaker or "")), set())
        if len(people) == 1:
            quote.speaker = next(iter(people))
        seen.setdefault((quote.article_id, quote.sentence, quote.text, quote.speaker, quote.direct), quote)
    return list(seen.values())


def _bare_role(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", text.strip().casefold())


def _words(text: str) -> int:
    return sum(any(c.isalnum() for c in w) for w in text.split())


# --- alignment ---------------------------------------------------------------------------------


# Per pair of articles (a < b): the unit indices of a's rows and b's columns and their cosines.
Similarities = dict[tuple[int, int], tuple[list[int], list[int], np.ndarray]]


def _similarities(units: list[_Unit], vectors: np.ndarray) -> Similarities:
    """The cosine matrix of every pair of articles, computed once for alignment and conflicts."""
    by_article: dict[int, list[int]] = {}
    for i, u in enumerate(units):
        by_article.setdefault(u.article, []).append(i)
    out: Similarities = {}
    for a, b in itertools.combinations(sorted(by_article), 2):
        rows, cols = by_article[a], by_article[b]
        out[a, b] = (rows, cols, vectors[rows] @ vectors[cols].T)
    return out


def _align(
    units: list[_Unit], vectors: np.ndarray, sims: Similarities, threshold: float,
) -> tuple[list[_Group], list[list[int]]]:
    """The facts, and within them the groups conflicts compare.

    First the mutual best pairs above threshold, strongest first, while no article repeats: each
    such group chains mutual best matches, one sentence per article (what conflicts compare, as
    before facts took second wordings). Then pairs above threshold that are the best match of
    only one of their sentences, and mutual ones left out, join these groups into facts while no
    article gives more than `MAX_FACT_SENTENCES_PER_ARTICLE` sentences: a headline and the lead
    restating it are one fact, but a chain through a second wording is no claim that every pair
    of its sentences agrees (on the labelled stories' tune half, comparing them all took the
    whole stories' conflicts 22 -> 27, each new one a false alarm: a game's '63 yards' against a
    season's '716 yards'). Mutual pairs first: joined in one pass with the others, a second
    wording took the place of a closer match (tune half recall 0.852 against 0.885)."""
    mutual, one_sided = [], []
    stamps = [stamp_date(u.text) for u in units]
    for rows, cols, sim in sims.values():
        row_best = sim >= sim.max(axis=1, keepdims=True)
        col_best = sim >= sim.max(axis=0, keepdims=True)
        for r, c in zip(*np.nonzero((sim >= threshold) & (row_best | col_best))):
            if stamps_disagree(stamps[rows[r]], stamps[cols[c]]):
                continue  # "March 20, 2007" / "June 25, 2005": two articles' days, near in MiniLM
            edge = (-float(sim[r, c]), rows[r], cols[c])
            (mutual if row_best[r, c] and col_best[r, c] else one_sided).append(edge)
    parent = list(range(len(units)))
    per_article = [Counter({u.article: 1}) for u in units]

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(edges: list[tuple[float, int, int]], limit: int) -> None:
        for _, i, j in sorted(edges):
            ri, rj = root(i), root(j)
            if len(per_article[ri]) < len(per_article[rj]):
                ri, rj = rj, ri  # the smaller group's articles are looked up in the larger's
            if ri != rj and all(per_article[ri][a] + n <= limit for a, n in per_article[rj].items()):
                parent[rj] = ri
                per_article[ri].update(per_article[rj])

    def members() -> list[list[int]]:
        out: dict[int, list[int]] = {}
        for i in range(len(units)):
            out.setdefault(root(i), []).append(i)
        return list(out.values())

    join(mutual, 1)
    matched = [m for m in members() if len(m) > 1]
    join(mutual + one_sided, MAX_FACT_SENTENCES_PER_ARTICLE)
    return [_centre(sorted(m), vectors) for m in members()], matched


def _centre(members: list[int], vectors: np.ndarray) -> _Group:
    """Centrality: mean cosine to the group (shared facts) or to the whole story (lone ones)."""
    pool = members if len(members) > 1 else list(range(len(vectors)))
    sims = vectors[members] @ vectors[pool].T
    scores = (sims.sum(axis=1) - 1.0) / max(1, len(pool) - 1)
    best = int(np.argmax(scores))
    return _Group(members, float(scores.mean()), members[best])


# --- facts and summary -------------------------------------------------------------------------


def _facts(groups: list[_Group], units: list[_Unit], n_articles: int) -> list[tuple[Fact, float]]:
    facts = []
    for g in groups:
        reported_by = sorted({units[i].article for i in g.members})
        coverage = "one" if len(reported_by) == 1 else "all" if len(reported_by) == n_articles else "some"
        text = without_stray_marks(units[g.central].text)
        if coverage == "one" and len(text.split()) < MIN_FACT_WORDS:
            continue
        evidence = [Evidence(units[i].article_id, units[i].sentence, units[i].text) for i in g.members]
        ids = list(dict.fromkeys(e.article_id for e in evidence))
        facts.append((Fact(text, ids, evidence, coverage), g.centrality))
    facts.sort(key=lambda f: (COVERAGE_ORDER[f[0].coverage], -len(f[0].reported_by), -f[1]))
    return facts


def without_stray_marks(sentence: str) -> str:
    """A sentence read out of a quotation that runs over several sentences opens or closes with a
    mark its own text does not pair ('"Sitting down with Lavrov were …', '… told a news
    conference."'); shown on its own, the fact drops it (its evidence keeps the sentence as is)."""
    text = sentence.strip()
    straight_odd = text.count('"') % 2 == 1
    if (text[:1] == '"' and straight_odd) or (text[:1] == "“" and text.count("“") > text.count("”")):
        text = text[1:].lstrip()
        straight_odd = False
    if (text[-1:] == '"' and straight_odd) or (text[-1:] == "”" and text.count("”") > text.count("“")):
        text = text[:-1].rstrip()
    return text or sentence


def _summary(facts: list[tuple[Fact, float]], limit: int) -> list[Statement]:
    """Widest coverage first, then most central; at most one statement per sentence."""
    used: set[tuple[str, int]] = set()
    out = []
    for fact, _ in facts:
        keys = {(e.article_id, e.sentence) for e in fact.evidence}
        if keys & used:
            continue
        used |= keys
        out.append(Statement(fact.text, list(fact.evidence)))
        if len(out) >= limit:
            break
    return out


# --- quotes, sources, notes --------------------------------------------------------------------


def _quotes(articles: list[Article], index: EntityIndex) -> list[StoryQuote]:
    """Quotes with their speakers. An article also keeps what it attributes to no one ('X is
    expected to win', 'X reportedly …'): hearsay, not a quote a brief can put in anyone's mouth."""
    documents = {a.id: _documents(a) for a in articles}
    quotes = [
        StoryQuote(_source_name(q.speaker, index, documents[a.id], q.sentence), q.text, a.id, q.sentence, q.direct)
        for a in articles
        for q in a.quotes
        if q.speaker
    ]
    by_sentence: dict[tuple[str, int, str | None], list[StoryQuote]] = {}
    for q in quotes:
        by_sentence.setdefault((q.article_id, q.sentence, q.speaker), []).append(q)
    # a quote inside a longer one of its speaker in its sentence repeats it: "solid" inside 'the
    # cash position was "solid"', a stance inside the reported speech that carries it
    return [q for q in quotes
            if not any(len(o.text) > len(q.text) and q.text in o.text for o in by_sentence[(q.article_id, q.sentence, q.speaker)])]


def _cited_sources(articles: list[Article], index: EntityIndex) -> list[CitedSource]:
    sources: dict[str, CitedSource] = {}
    reported_in: dict[str, set[str]] = {}  # source -> articles that cite it as a report
    outlets = {index.canonical(a.outlet) or a.outlet for a in articles if a.outlet}
    for article in articles:
        documents = _documents(article)
        for citation in article.citations:
            if _own_words(citation, index):
                continue
            name = _source_name(citation.name, index, documents, citation.sentence)
            source = sources.setdefault(name, CitedSource(name, []))
            if article.id not in source.article_ids:
                source.article_ids.append(article.id)
            alias = citation.name.strip()
            if alias not in source.aliases:
                source.aliases.append(alias)
            if name in outlets or not is_party_statement(citation.cue):
                reported_in.setdefault(name, set()).add(article.id)
    for source in sources.values():
        source.common = (len(articles) >= 2 and len(reported_in.get(source.name, ())) == len(articles)
                         and is_named_source(source.name))
    return sorted(sources.values(), key=lambda s: (-len(s.article_ids), s.name))


# "a report by the Trust": the document's maker is the source a reader looks up
DOCUMENT_BY = re.compile(
    r"^(?:(?:an?|the)\s+)?(?:[\w-]+\s+){0,2}?(?P<noun>report|study|survey|poll|analysis|review|investigation|count|audit)s?"
    r"\s+(?:by|from|of)\s+(?:the\s+)?(?P<maker>.+)$", re.I)


def _source_name(name: str, index: EntityIndex, documents: Sequence[tuple[int, str, str]] = (), sentence: int = 0) -> str:
    """The source as the story's entities name it: 'report by Coastal Waters Monitoring Trust' is
    the Trust's, and so is 'the report' after it in the article (`documents`), and 'the trust'
    when one organisation of the story is a Trust: one source is not listed three times."""
    made = DOCUMENT_BY.match(name.strip())
    if made and is_named_source(made["maker"]):
        name = made["maker"]
    else:
        name = _made_by(name, documents, sentence) or name
    entity = index.entity(name)
    return entity.name if entity else _the_one_organisation(name, index) or index.canonical(name) or name


def _documents(article: Article) -> list[tuple[int, str, str]]:
    """(sentence, document noun, maker) of the article's citations of 'a report by X', in order."""
    found = ((c.sentence, DOCUMENT_BY.match(c.name.strip())) for c in article.citations)
    return sorted((at, made["noun"].lower(), made["maker"]) for at, made in found if made and is_named_source(made["maker"]))


def _made_by(name: str, documents: Sequence[tuple[int, str, str]], sentence: int) -> str | None:
    """'the report said' after 'a report by the Trust' (in that sentence or before): the Trust."""
    noun = _bare_role(name)
    makers = [maker for at, kind, maker in documents if kind == noun and at <= sentence]
    return makers[-1] if makers else None


def _the_one_organisation(name: str, index: EntityIndex) -> str | None:
    """'the trust', 'the council': the story's one organisation whose name ends in that word."""
    words = name.lower().split()
    if len(words) != 1 or words[0] in GENERIC_SOURCE_HEADS:
        return None
    named = [e.name for e in index.entities if e.type == "ORG" and e.name.lower().split()[-1] == words[0]]
    return named[0] if len(named) == 1 else None


# Cue verbs of a party speaking for itself ("the ministry confirmed", "the airline denied",
# "Westmark Water said"): a side of the story, not the report the coverage comes from. Reporting
# verbs ("NBC reported", "revealed"), "according to", "as reported by", "told Reuters" and "a report
# by" are what make the one original report that every article may trace back to.
PARTY_CUES = (SPEECH_CUES | STANCE_CUES) - REPORT_CUES - {"tell", "cite", "publish", "release", "quote"}
IRREGULAR_PAST = {"said": "say", "says": "say", "told": "tell", "thought": "think", "wrote": "write",
                  "sought": "seek", "spoke": "speak", "felt": "feel", "knew": "know", "saw": "see"}
MEDIUM_WORDS = frozenset({"to", "by", "according"})  # "confirmed to NBC": NBC carried the words


def _own_words(citation: Citation, index: EntityIndex) -> bool:
    """A person of the story just saying something ("Ferrandi said", where the model tagged the
    surname an organisation): a quote, already among the quotes, not a source the article relies
    on. Said to the press ("said at a briefing", "told a news conference") it stays a source."""
    entity = index.entity(citation.name)
    words = set(citation.cue.lower().split())
    return (entity is not None and entity.type == "PERSON" and is_party_statement(citation.cue)
            and not words & PRESS_AUDIENCES)


def is_party_statement(cue: str) -> bool:
    """Whether a citation's cue ("denied", "said at a briefing") is a party's own statement."""
    words = cue.lower().split()
    if not words or MEDIUM_WORDS & set(words):
        return False  # no cue recorded (older data): counted as a report, as before
    return any(lemma in PARTY_CUES for lemma in _verb_lemmas(words[0]))


def _verb_lemmas(word: str) -> set[str]:
    """Candidate lemmas of an inflected verb form, without a tagger ("denied" -> deny)."""
    stems = {word, IRREGULAR_PAST.get(word, word), word[:-1], word[:-2], word[:-3], word[:-3] + "e"}
    if word.endswith(("ied", "ies")):
        stems.add(word[:-3] + "y")
    return stems


# Anonymous or generic sources ("sources", "US officials", "a new poll") are different people or
# documents in each article even when the words match, so they never make a common primary source.
GENERIC_SOURCE_HEADS = frozenset(
    "sources source officials official authorities experts analysts aides people insiders reports report "
    "documents document poll polls survey surveys statement statements spokesman spokeswoman spokesperson".split()
)
ARTICLES = frozenset({"the", "a", "an"})


def is_named_source(name: str) -> bool:
    """A source a reader could look up: a proper name, not a generic or anonymous reference."""
    words = [w.strip(".,;:'’\"") for w in name.split()]
    words = [w for w in words if w]
    if not words or words[-1].lower() in GENERIC_SOURCE_HEADS:
        return False
    return any(w[:1].isupper() and w.lower() not in ARTICLES for w in words)


def _notes(brief: Brief, n_articles: int) -> list[str]:
    notes = [
        f"Every article traces back to {s.name}: they are not independent confirmations."
        for s in brief.cited_sources
        if s.common
    ]
    if n_articles == 1:
        notes.append("Only one article reports this story: nothing in it is cross-checked.")
    return notes


# --- conflicts ---------------------------------------------------------------------------------

# A sentence whose words other than names and numbers are mostly another's is a near-copy (an
# edited wire story) even when MiniLM, which weighs names heavily, puts it below the threshold:
# "receiver Vincent Jackson was arrested" / "receiver John Smith was arrested" is 0.9 -> 0.5.
NEAR_COPY_OVERLAP = 0.6  # Jaccard of the name- and number-free content words
NEAR_COPY_MIN_WORDS = 4
# An abridged copy ("While five of them managed to get away, the Sukanya intercepted the remaining
# three and carried out …" of a longer sentence that goes on to the arrests) shares too few of
# the longer one's words for the Jaccard bar, but most of its own: that many, and that share.
ABRIDGED_MIN_WORDS = 10
ABRIDGED_OVERLAP = 0.75
NEAR_COPY = 1.0  # the similarity such a pair is compared with: a paraphrase
_STOP = frozenset("the a an and or of to in on at for with by from as that this was were is are be been has have had "
                  "he she it they his her its their who which after before said says will would "
                  # a negated copy is still a copy: its polarity is for conflicts.py to compare
                  "do does did not never".split())
# Paraphrases that differ in a name or number fall below the align threshold for the same reason
# (0.59 -> 0.82 for two outlets naming different receivers once names are masked): a sentence's
# best match in another article is re-scored with names and numbers masked on both sides.
MASK_MIN_COSINE = 0.4  # below this even a masked pair is not one fact (0.5 saves only 5% of the encoding)
# A paraphrase naming someone else is often not even the best match of either sentence (0.72 ->
# 0.44, behind two sentences about the same person), so each sentence's closest few are masked.
MASK_TOP_K = 3
MASK_LABELS = {"PERSON": "someone", "GPE": "somewhere", "LOC": "somewhere", "FAC": "somewhere"}
NUMBER = re.compile(r"\d[\d,.]*")
NAME_LABELS = ("PERSON", "GPE", "LOC", "FAC")


def _skeleton(text: str) -> frozenset[str]:
    """Lower-case content words: names (capitalised after the first word) and numbers, in
    figures or words ("five of them"), left out."""
    words = re.findall(r"[A-Za-z][\w'-]*", text)
    return frozenset(w.lower() for k, w in enumerate(words)
                     if (k == 0 or not w[0].isupper()) and w.lower() not in _STOP and w.lower() not in NUMBER_WORDS)


def _postings(word_sets: Iterable[Iterable[str]]) -> dict[str, list[int]]:
    """Inverted index: word -> the positions of the sets holding it, in order."""
    postings: dict[str, list[int]] = {}
    for i, words in enumerate(word_sets):
        for w in words:
            postings.setdefault(w, []).append(i)
    return postings


def _sharing_units(i: int, words: set[str], postings: dict[str, list[int]], units: list[_Unit]) -> list[tuple[int, int]]:
    """(j, words unit j shares with unit i) for the later units of other articles sharing any,
    in unit order: each pair once, never two sentences of one article."""
    shared: dict[int, int] = {}
    for w in words:
        for j in postings[w]:
            if j > i and units[j].article != units[i].article:
                shared[j] = shared.get(j, 0) + 1
    return sorted(shared.items())


def _near_copies(units: list[_Unit]) -> list[tuple[int, int]]:
    """Pairs of different articles sharing most skeleton words, via an inverted index over the
    words: only sentences sharing a word are ever compared."""
    skeletons = [_skeleton(u.text) for u in units]
    postings = _postings(skeletons)
    out = []
    for i, words in enumerate(skeletons):
        if len(words) < NEAR_COPY_MIN_WORDS:
            continue
        for j, n in _sharing_units(i, words, postings, units):
            if n >= NEAR_COPY_MIN_WORDS and n >= NEAR_COPY_OVERLAP * len(words | skeletons[j]) \
                    or n >= ABRIDGED_MIN_WORDS and n >= ABRIDGED_OVERLAP * min(len(words), len(skeletons[j])):
                out.append((i, j))
    return out


def _sentence_names(articles: list[Article], units: list[_Unit]) -> list[dict[str, str]]:
    """Per unit: the person and place mentions of its sentence, surface -> label."""
    by_sentence: dict[tuple[int, int], dict[str, str]] = {}
    for a, article in enumerate(articles):
        for m in article.mentions:
            if m.label in NAME_LABELS:
                by_sentence.setdefault((a, m.sentence), {})[m.text] = m.label
    return [by_sentence.get((u.article, u.sentence), {}) for u in units]


def _masked(text: str, names: dict[str, str]) -> str:
    """"Police arrested John Smith in Athens with 3 others" -> "... someone in somewhere with several"."""
    for surface in sorted(names, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(surface)}(?!\w)", MASK_LABELS[names[surface]], text)
    return NUMBER.sub("several", text)


def _differ(text_i: str, text_j: str, names_i: dict[str, str], names_j: dict[str, str]) -> bool:
    """Whether two sentences name different people or places or give different numbers: the only
    pairs masking can bring together (and the only ones worth encoding again)."""
    return names_i.keys() != names_j.keys() or set(NUMBER.findall(text_i)) != set(NUMBER.findall(text_j))


# --- one name set equal ------------------------------------------------------------------------

# A paraphrase whose one person an outlet named differently falls below the align threshold
# (0.80 -> 0.64 for "hire Chris Weitz" / "director X is expected to direct"), and masking both
# sides loses more than it gains ("someone" is no paraphrase of a name). So the one differing name
# is set equal instead: b's name becomes a's, and the rewritten sentence is compared with a's
# vector, already computed: one encoding per such pair. A denial is set to a confirmation the same
# way ("it was denied, 'X has checked in'" / "X checks into rehab"), and a plain negation is
# dropped ("did not place" / "placed"). Only these: swapping a place, a count, a date or a
# hypothetical negation ("would not have placed him if") brought together far more different
# facts of one story (ECB+ dev stories outside the benchmark) than edited copies of one fact
# ("arrested in Genesee County" / "apprehended near Bay City").
COUNT = re.compile(r"\b\d[\d,.]*\b|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                   r"twenty|thirty|forty|fifty|hundred|thousand|million)\b", re.IGNORECASE)
DATE_WORD = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
                       r"April|June|July|August|September|October|November|December)\b")
# A "not" that `_plain_negation` can take out to compare the two sides; narrower than
# conflicts.NEGATION_PATTERN ("none", "nobody" cannot be taken out; using that one here lowered
# name recall on the labelled pairs).
NEGATION = re.compile(r"\b(?:not|never)\b|n't\b", re.IGNORECASE)
DENY_TO_CONFIRM = {"denied": "confirmed", "denies": "confirms", "deny": "confirm", "denying": "confirming"}
DENY_WORD = re.compile(r"\b(?:" + "|".join(DENY_TO_CONFIRM) + r")\b", re.IGNORECASE)
PLACE_MENTIONS = {"GPE", "LOC", "FAC"}
# unit pair -> {"name"} when a swapped name aligns it, {"name", "by words"} when the pair was found
# by its shared words alone (`_swap_candidates`)
SwappedUnits = dict[tuple[int, int], frozenset[str]]
# Swapping a name makes many sentences of one story look alike ("Drew Brees taking the snaps" /
# "the Saints re-signed DeShawn Wynn"), so the pair must also share this many other content words.
SET_EQUAL_MIN_SHARED = 2
# One value set equal moves a pair only so far: below this cosine a rewrite costs an encoding for nothing.
SET_EQUAL_MIN_COSINE = 0.5
_SUFFIX = re.compile(r"(?:ing|ed|es|s|'s)$")


# A negation and the verb it negates ("did not place", "wasn't arrested", "has never checked").
NEGATED_VERB = re.compile(r"\b(?:not|never)\s+([a-z]+)|n't\s+([a-z]+)", re.IGNORECASE)
# Hypotheticals and side conditions: "would not have placed him if ...", "even when they are not
# downloading", "wouldn't point it": no stance on the fact either way.
HYPOTHETICAL = re.compile(r"\b(?:would|could|might|should|if|unless|whether|even|when|wo|ca)(?:n't)?\b", re.IGNORECASE)


# "did not surrender", "doesn't pull": the auxiliary goes with the negation.
DO_NEGATED = re.compile(r"\b(did|does|do)(?:\s+not\s+|n't\s+)([a-z]+)", re.IGNORECASE)
DO_ENDINGS = {"did": "ed", "does": "s"}


def _affirmed(text: str, other: str) -> str:
    """The negated sentence without its negation: "has not caused" -> "has caused"; "did not
    surrender" takes the other side's past form ("surrendered"), since "did surrender" reads less
    like "surrendered" ("A 61-year-old man surrendered to police": 0.65 against 0.68); where the
    other side has no such form ("her Oscar-hosting stint"), "did host" stays."""
    words = re.findall(r"[A-Za-z]+", other)

    def plain(m: re.Match[str]) -> str:
        aux, verb = m.group(1).casefold(), m.group(2)
        if aux == "do":
            return verb  # "do not endanger" -> "endanger"
        ending = DO_ENDINGS[aux]
        same = (w for w in words if len(w) >= 4 and w[:4].casefold() == verb[:4].casefold() and w.casefold().endswith(ending))
        return next(same, m.group(0))

    return NEGATED_VERB.sub(lambda m: m.group(1) or " " + m.group(2), DO_NEGATED.sub(plain, text))


def _plain_negation(text: str, other: str) -> bool:
    """One negated verb, stated plainly, that the other sentence also uses (a crude stem: "did
    not place" / "placed"): one statement with its polarity flipped."""
    verbs = [(m.group(1) or m.group(2)).casefold() for m in NEGATED_VERB.finditer(text)]
    stems = {w[:4] for w in re.findall(r"[a-z]+", other.casefold()) if len(w) >= 4}
    return len(verbs) == 1 and len(verbs[0]) >= 4 and verbs[0][:4] in stems and not HYPOTHETICAL.search(text)


def _title_case(text: str) -> bool:
    """A headline ("Had Key Role in Coverup"), where spaCy's names are unreliable."""
    words = re.findall(r"[A-Za-z]+", text)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _shared_words(text_i: str, text_j: str, dropped: set[str]) -> int:
    """Content words (case-folded, crudely stemmed) both sentences use, the swapped names' left out."""
    return len(_content_words(text_i, dropped) & _content_words(text_j, dropped))


def _only_each(values_i: list[str], values_j: list[str]) -> tuple[list[str], list[str]]:
    """The values only i gives and those only j gives."""
    return ([v for v in dict.fromkeys(values_i) if v not in values_j],
            [v for v in dict.fromkeys(values_j) if v not in values_i])


def _replace(text: str, old: str, new: str) -> str:
    return re.sub(rf"(?<!\w){re.escape(old)}(?!\w)", lambda _: new, text)


def _unknown(names: dict[str, str], labels: set[str], other: set[str], canon: Callable[[str], str | None]) -> list[str]:
    """Surfaces of the labels whose entity the other article never mentions."""
    return [n for n, label in names.items() if label in labels and (canon(n) or n) not in other]


def _set_equal(
    i: int, j: int, units: list[_Unit], names: list[dict[str, str]], known: dict[int, set[str]],
    canon: Callable[[str], str | None],
) -> tuple[int, str, bool] | None:
    """(unit, its text made to say what the other says, whether a name was swapped): j's one
    person neither article knows from the other set to i's, a denial j alone gives set to a
    confirmation, or the one side's plain negation dropped. None when nothing of the kind differs,
    or anything else does (a place, count or date: then it is no copy with one value changed)."""
    text_i, text_j = units[i].text, units[j].text
    people = _only_each(_unknown(names[i], {"PERSON"}, known[units[j].article], canon),
                        _unknown(names[j], {"PERSON"}, known[units[i].article], canon))
    places = _only_each(_unknown(names[i], PLACE_MENTIONS, known[units[j].article], canon),
                        _unknown(names[j], PLACE_MENTIONS, known[units[i].article], canon))
    others = [_only_each(p.findall(text_i), p.findall(text_j)) for p in (COUNT, DATE_WORD)]
    if any(only_i and only_j for only_i, only_j in [places, *others]):
        return None
    negated_i, negated_j = bool(NEGATION.search(text_i)), bool(NEGATION.search(text_j))
    if negated_i != negated_j:
        # One side negates: compare it without its "not", if nothing else differs. A person only
        # one side names still leaves one statement ("Crews from Devon ... tackled" / "firefighters
        # did not tackle", spaCy taking Devon for a person); one on each side makes two.
        text, other = (text_j, text_i) if negated_j else (text_i, text_j)
        if people[0] and people[1] or not _plain_negation(text, other):
            return None
        return (j if negated_j else i), _affirmed(text, other), False
    swap = len(people[0]) == 1 and len(people[1]) == 1
    if swap and (_title_case(text_i) or _title_case(text_j)):
        return None  # headlines: spaCy tags "Indy" or "Key Role" a name
    if people[0] and people[1] and not swap:
        return None
    if swap:
        if _shared_words(text_i, text_j, {people[0][0], people[1][0]}) < SET_EQUAL_MIN_SHARED:
            return None
        text_j = _replace(text_j, people[1][0], people[0][0])
    if DENY_WORD.search(text_j) and not DENY_WORD.search(text_i):
        text_j = DENY_WORD.sub(lambda m: DENY_TO_CONFIRM[m.group(0).lower()], text_j)
    return (j, text_j, swap) if text_j != units[j].text else None


def _equal_slot_scores(
    pairs: list[tuple[int, int]], units: list[_Unit], vectors: np.ndarray, names: list[dict[str, str]],
    known: dict[int, set[str]], canon: Callable[[str], str | None], encoder: SentenceEncoder,
    threshold: float, same_role: SwappedUnits, names_only: bool = False, role: frozenset[str] = frozenset({"name"}),
) -> dict[tuple[int, int], float]:
    """Cosine of each pair once its differing name (denial) is set equal (pairs with none left out;
    with `names_only`, pairs whose rewrite swaps no name). Pairs that reach the threshold once a
    name is swapped are entered in `same_role`: the two names play one part in one fact."""
    rewrites = {(i, j): r for i, j in pairs
                if (r := _set_equal(i, j, units, names, known, canon)) and (r[2] or not names_only)}
    if not rewrites:
        return {}
    encoded = encoder.encode([text for _, text, _ in rewrites.values()])
    out = {}
    for ((i, j), (side, _, swapped)), v in zip(rewrites.items(), encoded):
        out[i, j] = float(v @ vectors[j if side == i else i])
        if swapped and out[i, j] >= threshold:
            same_role[i, j] = role
    return out


def _top(sim: np.ndarray, k: int) -> list[tuple[int, int]]:
    """(row, column) of each row's and each column's k most similar partners."""
    k_rows, k_cols = min(k, sim.shape[1]), min(k, sim.shape[0])
    best = [(r, int(c)) for r, cs in enumerate(np.argsort(-sim, axis=1)[:, :k_rows]) for c in cs]
    best += [(int(r), c) for c, rs in enumerate(np.argsort(-sim, axis=0)[:k_cols].T) for r in rs]
    return best


def _masked_pairs(
    units: list[_Unit], vectors: np.ndarray, sims: Similarities, grouped: set[frozenset[int]],
    names: list[dict[str, str]], known: dict[int, set[str]], canon: Callable[[str], str | None],
    encoder: SentenceEncoder, threshold: float, same_role: SwappedUnits,
) -> list[tuple[int, int, float]]:
    """Pairs of different articles, not already one fact, that report one fact: above the align
    threshold without being mutual best, or one of a sentence's closest matches in another article
    that clears the threshold once names and numbers are masked on both sides, or once its one
    differing value is set equal; and pairs no cosine brings up that share enough words and clear
    the threshold once their one differing person is swapped (`_swap_candidates`)."""
    candidates: set[tuple[int, int]] = set()
    slotted: set[tuple[int, int]] = set()
    direct: dict[tuple[int, int], float] = {}
    for rows, cols, sim in sims.values():
        best = _top(sim, MASK_TOP_K)
        # Above the threshold but not mutual best: the fact's other wording in the same article
        # ("arrested early Tuesday" twice), compared as it is.
        above = [(int(r), int(c)) for r, c in zip(*np.nonzero(sim >= threshold))]
        for r, c in best + above:
            i, j = rows[r], cols[c]
            if frozenset((i, j)) in grouped:
                continue
            if sim[r, c] >= threshold:
                direct[(i, j)] = float(sim[r, c])
            elif sim[r, c] >= MASK_MIN_COSINE:
                if _differ(units[i].text, units[j].text, names[i], names[j]):
                    candidates.add((i, j))
                if _slot_differs(units[i].text, units[j].text):
                    slotted.add((i, j))
    slotted = {(i, j) for i, j in candidates | slotted if float(vectors[i] @ vectors[j]) >= SET_EQUAL_MIN_COSINE}
    masked = _masked_vectors({k for pair in candidates for k in pair}, units, names, encoder)
    scores = {(i, j): float(masked[i] @ masked[j]) for i, j in candidates}
    equal = _equal_slot_scores(sorted(slotted), units, vectors, names, known, canon, encoder, threshold, same_role)
    # Pairs the cosine paths already brought together, or swapped in vain, keep their verdict.
    seen = slotted | direct.keys() | {key for key, score in scores.items() if score >= threshold}
    far = [p for p in _swap_candidates(units, names, known, canon) if frozenset(p) not in grouped and p not in seen]
    # Found by words alone: conflicts.py then wants the two names in the same frame, not only function.
    equal.update(_equal_slot_scores(far, units, vectors, names, known, canon, encoder, threshold, same_role,
                                    names_only=True, role=frozenset({"name", "by words"})))
    for key, score in equal.items():
        scores[key] = max(score, scores.get(key, -1.0))
    for key, score in scores.items():
        if score >= threshold:
            direct[key] = score
    return sorted((i, j, s) for (i, j), s in direct.items())


# MiniLM puts a copy naming someone else far below any cosine bar ("placed Pierre Thomas on
# injured reserve Wednesday" / "placed X ...": 0.69 -> 0.23), so pairs are also found by their
# words: each names one person the other article never mentions, and they share this many other
# content words. Whether the one name swapped makes them one fact is then `_set_equal`'s test.
SWAP_MIN_SHARED = 3


def _content_words(text: str, drop: set[str]) -> set[str]:
    """Case-folded, crudely stemmed content words, those of the names in `drop` left out."""
    skip = {w.casefold() for value in drop for w in value.split()}
    return {_SUFFIX.sub("", w) for w in re.findall(r"[a-z][\w'-]+", text.casefold())
            if w not in _STOP and w not in skip and len(w) > 2}


def _swap_candidates(
    units: list[_Unit], names: list[dict[str, str]], known: dict[int, set[str]], canon: Callable[[str], str | None],
) -> list[tuple[int, int]]:
    """Pairs of different articles, each sentence naming exactly one person the other article
    never mentions, that share `SWAP_MIN_SHARED` content words besides people's names (an
    inverted index over the words: only sentences sharing a word are compared)."""
    people = [[n for n, label in ns.items() if label == "PERSON"] for ns in names]
    words = [_content_words(u.text, set(people[k])) if people[k] else set() for k, u in enumerate(units)]
    postings = _postings(words)
    out = []
    for i, ws in enumerate(words):
        for j, n in _sharing_units(i, ws, postings, units):
            if n >= SWAP_MIN_SHARED \
                    and len(_unknown(names[i], {"PERSON"}, known[units[j].article], canon)) == 1 \
                    and len(_unknown(names[j], {"PERSON"}, known[units[i].article], canon)) == 1:
                out.append((i, j))
    return out


# Two tellings of one act seldom align ("the man who killed four people … was sentenced
# Saturday" / "Brian Nichols was sentenced Wednesday morning"): sentences of different articles
# that share this many content words and each give a day or a count, or of which one only is
# negated, are handed to conflicts.py, which compares their dates, counts and polarity only, and
# only when their main verbs are one.
SAME_ACT_MIN_SHARED = 4


def _same_act_candidates(units: list[_Unit], names: list[dict[str, str]]) -> list[tuple[int, int]]:
    """Pairs of different articles sharing `SAME_ACT_MIN_SHARED` content words besides names,
    both naming a day or a month or giving a count, or with more negations on one side (an
    inverted index: only sentences sharing a word meet)."""
    dated = [bool(DATE_WORD.search(u.text) or COUNT.search(u.text)) for u in units]
    negated = [len(NEGATION.findall(u.text)) for u in units]  # counts: "not yet known" may stand on both sides
    words = [_content_words(u.text, set(names[k])) if dated[k] or negated[k] else set() for k, u in enumerate(units)]
    postings = _postings(words)
    return [(i, j) for i, ws in enumerate(words) for j, n in _sharing_units(i, ws, postings, units)
            if n >= SAME_ACT_MIN_SHARED and (dated[i] and dated[j] or negated[i] != negated[j])]


def _slot_differs(text_i: str, text_j: str) -> bool:
    """A denial or a negation on one side only (names are `_differ`'s)."""
    return (bool(DENY_WORD.search(text_i)) != bool(DENY_WORD.search(text_j))
            or bool(NEGATION.search(text_i)) != bool(NEGATION.search(text_j)))


def _fact_similarity(
    pairs: list[tuple[int, int]], units: list[_Unit], vectors: np.ndarray, names: list[dict[str, str]],
    known: dict[int, set[str]], canon: Callable[[str], str | None], encoder: SentenceEncoder,
    threshold: float, same_role: SwappedUnits,
) -> dict[tuple[int, int], float]:
    """Cosine of each aligned pair, or its cosine with names masked (or the one differing name set
    equal) when higher: a fact whose sentences name different people is a close paraphrase once
    the names are set aside."""
    out = {(i, j): float(vectors[i] @ vectors[j]) for i, j in pairs}
    differ = [(i, j) for i, j in pairs if names[i].keys() != names[j].keys()]
    masked = _masked_vectors({k for pair in differ for k in pair}, units, names, encoder)
    for i, j in differ:
        out[i, j] = max(out[i, j], float(masked[i] @ masked[j]))
    # Only a swapped name can matter to an aligned pair: it lets the one-unknown-name rule apply
    # below the paraphrase bar (above it, the rule applies anyway).
    loose = [(i, j) for i, j in differ if out[i, j] < UNKNOWN_NAME_MIN_SIMILARITY]
    equal = _equal_slot_scores(loose, units, vectors, names, known, canon, encoder, threshold, same_role, names_only=True)
    for key, score in equal.items():
        out[key] = max(out[key], score)
    return out


def _masked_vectors(
    keys: set[int], units: list[_Unit], names: list[dict[str, str]], encoder: SentenceEncoder
) -> dict[int, np.ndarray]:
    """Unit index -> vector of its sentence with names and numbers masked (nothing to encode: {})."""
    if not keys:
        return {}
    todo = sorted(keys)
    return dict(zip(todo, encoder.encode([_masked(units[k].text, names[k]) for k in todo])))


def _about_other_known(i: int, j: int, names: list[dict[str, str]], known: dict[int, set[str]],
                       units: list[_Unit], canon: Callable[[str], str | None]) -> bool:
    """Whether the two sentences name different people or places that both articles know: the
    same statement about two different players ("X rushed for 226 yards" / "Y rushed for 101").
    Not when both name the same person first: statements about that person, the others named
    beside ("W. Mark Felt, who leaked …, died Thursday" / "W. Mark Felt, who helped bring down
    Richard Nixon, …, died on Tuesday")."""
    ci = {canon(n) or n for n in names[i]}
    cj = {canon(n) or n for n in names[j]}
    differ = ci ^ cj
    both = known[units[i].article] & known[units[j].article]
    first = _first_person(names[i], canon)
    return bool(differ) and differ <= both and (first is None or first != _first_person(names[j], canon))


def _first_person(names: dict[str, str], canon: Callable[[str], str | None]) -> str | None:
    """The person a sentence names first (mentions are in the order of the text)."""
    first = next((n for n, label in names.items() if label == "PERSON"), None)
    return None if first is None else canon(first) or first


def _conflicts(
    articles: list[Article],
    units: list[_Unit],
    vectors: np.ndarray,
    sims: Similarities,
    matched: list[list[int]],
    index: EntityIndex,
    settings: Settings,
    encoder: SentenceEncoder,
    quotes: list[StoryQuote],
) -> list[Conflict]:
    """Compare the sentences of each matched group (`_align`) pairwise, the near-copies and
    masked matches that differ in a name or number, every confirm/deny cue in the story, and the
    speakers of each direct quote two articles give."""
    stmt = [Stmt(u.article_id, u.sentence, u.text) for u in units]
    names = _sentence_names(articles, units)
    fact_pairs = [list(itertools.combinations(group, 2)) for group in matched]
    known = {a: {index.canonical(m.text) or m.text for m in article.mentions} for a, article in enumerate(articles)}
    same_role: SwappedUnits = {}
    similarity = _fact_similarity([p for ps in fact_pairs for p in ps], units, vectors, names, known,
                                  index.canonical, encoder, settings.align_threshold, same_role)
    pairs = [[(stmt[i], stmt[j], similarity[i, j]) for i, j in ps] for ps in fact_pairs]
    grouped = {frozenset(p) for ps in fact_pairs for p in ps}
    near = [(i, j, NEAR_COPY) for i, j in _near_copies(units) if frozenset((i, j)) not in grouped]
    grouped |= {frozenset((i, j)) for i, j, _ in near}
    masked = [
        (i, j, s)
        for i, j, s in _masked_pairs(units, vectors, sims, grouped, names, known, index.canonical, encoder,
                                     settings.align_threshold, same_role)
        if not _about_other_known(i, j, names, known, units, index.canonical)
    ]
    pairs += [[(stmt[i], stmt[j], s)] for i, j, s in near + masked]
    article_names = {a.id: {e.name for e in index.entities if a.id in e.article_ids} for a in articles}
    people = [n for e in index.entities if e.type == "PERSON" for n in (e.name, *e.aliases)]
    person_mentions = {(u.article_id, u.sentence): {n for n, label in names[k].items() if label == "PERSON"}
                       for k, u in enumerate(units)}
    finder = ConflictFinder(load_parser(settings.spacy_model), index.canonical, people, person_mentions)
    roles = {((stmt[i].article_id, stmt[i].sentence), (stmt[j].article_id, stmt[j].sentence)): kinds
             for (i, j), kinds in same_role.items()}
    published = {a.id: day for a in articles if (day := parse_date(a.published))}
    unit_of = {(u.article_id, u.sentence): k for k, u in enumerate(units)}
    leads: dict[str, list[Stmt]] = {}
    for k, u in enumerate(units):
        if u.sentence < EVENT_PLACE_SENTENCES and {"GPE", "LOC"} & set(names[k].values()):
            leads.setdefault(u.article_id, []).append(stmt[k])
    places = {a.id: {m.text for m in a.mentions if m.label in PLACE_MENTIONS} for a in articles}

    masked_leads: dict[int, np.ndarray] = {}

    def similarity(x: Stmt, y: Stmt) -> float:
        """The leads' cosine, or their cosine with names and numbers masked where that is higher:
        whether two leads tell one event is asked apart from where each puts it ("Voting … began in
        Turkmenistan on Dec.14" / "The parliament election is over in Boston": 0.26 as written).
        Only each article's one lead sentence is encoded again."""
        i, j = unit_of[x.article_id, x.sentence], unit_of[y.article_id, y.sentence]
        for k in {i, j} - masked_leads.keys():
            masked_leads.update(_masked_vectors({k}, units, names, encoder))
        return max(float(vectors[i] @ vectors[j]), float(masked_leads[i] @ masked_leads[j]))

    compared = grouped | {frozenset((i, j)) for i, j, _ in masked}
    framed = [(stmt[i], stmt[j]) for i, j in _same_act_candidates(units, names) if frozenset((i, j)) not in compared]
    return finder.find(pairs, stmt, article_names, roles, published, places) \
        + speaker_conflicts(_spoken_quotes(quotes, articles, index), article_names) \
        + finder.event_places(leads, places, similarity) + finder.same_act(framed)


def _spoken_quotes(quotes: list[StoryQuote], articles: list[Article], index: EntityIndex) -> list[SpokenQuote]:
    """The direct quotes whose speaker is a person of the story, by name."""
    people = {e.name for e in index.entities if e.type == "PERSON"}
    sentences = {(a.id, s.index): s.text for a in articles for s in a.sentences}
    return [SpokenQuote(q.speaker, q.text, q.article_id, q.sentence, sentences.get((q.article_id, q.sentence), q.text))
            for q in quotes if q.direct and q.speaker in people]
