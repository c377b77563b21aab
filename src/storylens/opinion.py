"""Reporting vs opinion: flag the sentences where the author, not a source, passes judgement.

Precision first: a sentence is only scored when it is the author's own (not mostly quoted, no
speech or reporting cue, no "reportedly"), and it needs two points of evidence. Strong signals
(two points each): first person, a prescriptive modal, a question or exclamation, a loaded word.
Weak signals (one point): a strongly evaluative adjective or adverb in TextBlob's subjectivity
lexicon, an adjective of necessity ("necessary escalation").
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path
from typing import Sequence
from xml.etree import ElementTree

from spacy.tokens import Doc, Token

from .attribution import REPORT_CUES, SPEECH_CUES
from .model import Sentence

THRESHOLD = 2
FIRST_PERSON = frozenset("i me my mine myself we us our ours ourselves".split())
PRESCRIPTIVE = frozenset({"should", "ought", "must"})
REPORTING_WORDS = frozenset("reportedly allegedly according reported purportedly".split())
LOADED = frozenset(
    # nouns ("outrage" is not one: news reports others' outrage, "sparked outrage", far more often
    # than it calls something an outrage)
    "disgrace shame travesty farce fiasco debacle hypocrisy propaganda proclamation "
    "rant tirade scam hoax nonsense charade stunt folly absurdity lunacy madness idiocy "
    "cowardice arrogance incompetence betrayal grandstanding posturing pandering "
    # adjectives
    "shameful disgraceful outrageous absurd ridiculous pathetic reckless disastrous appalling "
    "deplorable despicable laughable ludicrous idiotic stupid foolish incompetent dishonest "
    "cowardly hypocritical shameless unhinged insane baseless egregious vile disgusting "
    "abhorrent unacceptable inexcusable unconscionable misguided delusional disingenuous "
    # adverbs
    "shamefully disgracefully absurdly ridiculously recklessly blatantly brazenly laughably "
    "predictably conveniently sadly unfortunately thankfully regrettably "
    # the author's stance on their own sentence
    "frankly honestly obviously surely arguably undoubtedly admittedly inexplicably".split()
)
CORE_CUES = frozenset("say tell report state claim add write announce reveal disclose".split())
NECESSITY = frozenset("necessary essential crucial vital imperative needed indispensable".split())
SPEECH_NOUNS = frozenset(
    "comment remark statement answer claim argument position view call demand suggestion "
    "proposal promise warning insistence belief message".split()
)
MOSTLY_QUOTED = 0.5


def flag_opinions(
    doc: Doc,
    sentences: list[Sentence],
    sent_of: Sequence[int],
    in_quote: Sequence[bool],
    attributed: set[int],
) -> None:
    """Set `Sentence.opinion` on the author's evaluative sentences."""
    buckets: list[list[Token]] = [[] for _ in sentences]
    for tok in doc:
        if not tok.is_space:
            buckets[sent_of[tok.i]].append(tok)
    for sentence, tokens in zip(sentences, buckets):
        if sentence.index not in attributed and tokens:
            sentence.opinion = opinion_score(tokens, in_quote) >= THRESHOLD


def opinion_score(tokens: list[Token], in_quote: Sequence[bool]) -> int:
    """Points of evidence that these tokens (one sentence) are the author's own judgement."""
    own = [t for t in tokens if not in_quote[t.i]]
    if len(own) < MOSTLY_QUOTED * len(tokens) or any(_reporting(t) for t in own):
        return 0
    score = 0
    if own[-1].text in ("?", "!") or (len(own) > 1 and own[-1].is_quote and own[-2].text in "?!"):
        score += 2
    for tok in own:
        points = _token_points(tok)
        if points and not _under_speech(tok):
            score += points
    return score


def _under_speech(tok: Token) -> bool:
    """Words governed by a verb of speech ("X emphasized … should …") are X's, not the author's;
    a coordinated clause ("Few have been urging …, and Z has made …") is not governed by it."""
    node = tok
    while node.head.i != node.i:
        if node.dep_ == "conj" and node.pos_ in ("VERB", "AUX"):
            return False
        node = node.head
        if _speech_verb(node) or node.pos_ == "NOUN" and node.lemma_.lower() in SPEECH_NOUNS:
            return True  # "his comments that Muslims should be banned" are his
    return False


def _reporting(tok: Token) -> bool:
    """A reporting adverb, or a verb of speech introducing what someone said."""
    if tok.lower_ in REPORTING_WORDS:
        return True
    if not _speech_verb(tok):
        return False
    return tok.lemma_.lower() in CORE_CUES or any(c.dep_ in ("ccomp", "xcomp") for c in tok.children)


def _speech_verb(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    return tok.pos_ == "VERB" and (lemma in SPEECH_CUES or lemma in REPORT_CUES)


def _token_points(tok: Token) -> int:
    lower, lemma = tok.lower_, tok.lemma_.lower()
    if (tok.pos_ == "PRON" and lower in FIRST_PERSON or lower in ("my", "our")) and not _in_name(tok):
        return 2
    if lower in PRESCRIPTIVE and tok.dep_ == "aux" and not _epistemic(tok):
        return 2
    if lower in LOADED or lemma in LOADED:
        return 2
    if tok.pos_ == "ADJ" and lower in NECESSITY:
        return 1
    if tok.pos_ in ("ADJ", "ADV") and _strongly_evaluative(lower):
        return 1
    return 0


def _in_name(tok: Token) -> bool:
    """A word of a proper name ("Our Revolution", "My Brother's Keeper"): inside an entity, or
    capitalised before capitalised words, one mid-sentence, two at a sentence's start ("Our
    Principles PAC"; "Our President" there stays the author's). The tagger's PROPN/NOUN call on
    such names is unreliable, their capitals are not."""
    if tok.ent_type_:
        return True
    words = 1 if not tok.is_sent_start else 2
    following = tok.doc[tok.i + 1 : tok.i + 1 + words]
    return tok.text[:1].isupper() and len(following) == words and all(t.text[:1].isupper() for t in following)


def _epistemic(modal: Token) -> bool:
    """'must have been' is a guess about facts, 'must be considered' usually states a rule."""
    return any(c.lower_ == "have" and c.dep_ == "aux" or c.dep_ == "auxpass" for c in modal.head.children)


def _strongly_evaluative(word: str) -> bool:
    entry = subjectivity_lexicon().get(word)
    if not entry:
        return False
    polarity, subjectivity = entry
    return subjectivity >= 0.9 and abs(polarity) >= 0.6


def _mean(values: Sequence[float]) -> float:
    return sum(values) / float(len(values) or 1)  # textblob's avg(), same float arithmetic


@functools.lru_cache(maxsize=1)
def subjectivity_lexicon() -> dict[str, tuple[float, float]]:
    """TextBlob's English lexicon, word -> (polarity, subjectivity), computed as `textblob.en`
    computes its word-level scores: senses averaged per part of speech, then over parts of speech,
    and "-ly" adverbs derived from the adjectives. Read here from the file textblob ships because
    importing textblob.en imports nltk and scipy, ~1.5 s on every run for one table."""
    spec = importlib.util.find_spec("textblob")  # finds the package without running its __init__
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("textblob is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "en" / "en-sentiment.xml"
    senses: dict[str, dict[str | None, list[tuple[float, float, float]]]] = {}
    for node in ElementTree.parse(path).getroot().findall("word"):
        form = node.attrib.get("form")
        if form:
            score = tuple(float(node.attrib.get(k, d)) for k, d in (("polarity", 0.0), ("subjectivity", 0.0), ("intensity", 1.0)))
            senses.setdefault(form, {}).setdefault(node.attrib.get("pos"), []).append(score)  # type: ignore[arg-type]
    by_pos = {w: {pos: [_mean(v) for v in zip(*scores)] for pos, scores in tags.items()} for w, tags in senses.items()}
    words = {w: [_mean(v) for v in zip(*tags.values())] for w, tags in by_pos.items()}
    for w, tags in list(by_pos.items()):  # "terrible" -> "terribly", as textblob.en does
        if "JJ" in tags:
            stem = w[:-1] + "i" if w.endswith("y") else w
            stem = stem[:-2] if stem.endswith("le") else stem
            words[stem + "ly"] = tags["JJ"]
    return {w: (scores[0], scores[1]) for w, scores in words.items()}
