"""Reporting vs opinion: flag the sentences where the author, not a source, passes judgement.

Precision first: a sentence is only scored when it is the author's own (not mostly quoted, no
speech or reporting cue, no "reportedly"), and it needs two points of evidence. Strong signals
(two points each): first person, a prescriptive modal, a question or exclamation, a loaded word.
Weak signals (one point): a strongly evaluative adjective or adverb in TextBlob's subjectivity
lexicon, an adjective of necessity ("necessary escalation").
"""

from __future__ import annotations

from typing import Sequence

from spacy.tokens import Doc, Token
from textblob.en import sentiment as _textblob_lexicon

from .attribution import REPORT_CUES, SPEECH_CUES
from .model import Sentence

THRESHOLD = 2
FIRST_PERSON = frozenset("i me my mine myself we us our ours ourselves".split())
PRESCRIPTIVE = frozenset({"should", "ought", "must"})
REPORTING_WORDS = frozenset("reportedly allegedly according reported purportedly".split())
LOADED = frozenset(
    # nouns
    "disgrace shame outrage travesty farce fiasco debacle hypocrisy propaganda proclamation "
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
    if tok.pos_ == "PRON" and lower in FIRST_PERSON or lower in ("my", "our"):
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


def _epistemic(modal: Token) -> bool:
    """'must have been' is a guess about facts, 'must be considered' usually states a rule."""
    return any(c.lower_ == "have" and c.dep_ == "aux" or c.dep_ == "auxpass" for c in modal.head.children)


def _strongly_evaluative(word: str) -> bool:
    entry = _textblob_lexicon.get(word)
    if not entry:
        return False
    polarity, subjectivity, _ = entry.get(None) or next(iter(entry.values()))
    return subjectivity >= 0.9 and abs(polarity) >= 0.6
