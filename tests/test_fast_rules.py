"""The stand-in for spaCy's attribute_ruler must annotate exactly as spaCy does."""

import pytest
import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from storylens.fast_rules import FastAttributeRuler, Unsupported, speed_up
from storylens.settings import Settings

TEXTS = [
    "Y'all gonna let's go, c'mon: it ain't nothin' and there is nothing she gets or got.",
    "Officials said 14 people died when the bridge collapsed on Monday.\n\nThe minister denied it.",
    "",
    "   \n  ",
]


def annotations(doc: Doc) -> list[tuple]:
    return [(t.text, t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in doc]


def test_stand_in_annotates_like_spacy() -> None:
    reference = spacy.load(Settings().spacy_model)
    fast = spacy.load(Settings().spacy_model)
    assert speed_up(fast) == ["attribute_ruler"]
    assert "attribute_ruler" not in fast.pipe_names
    for ours, theirs in zip(fast.pipe(TEXTS), reference.pipe(TEXTS)):
        assert annotations(ours) == annotations(theirs)


def blank_with_tags(words: list[str], tags: list[str]) -> Doc:
    nlp = spacy.blank("en")
    return Doc(nlp.vocab, words=words, tags=tags)


PATTERNS = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": {"NOT_IN": ["NN", ""]}}]], "attrs": {"POS": "X"}},
    {"patterns": [[{"LOWER": {"IN": ["the", "a"]}}, {"TAG": "NN"}]], "attrs": {"LEMMA": "noun"}, "index": -1},
    {"patterns": [[{"LOWER": {"REGEX": "^ca[tr]s?$"}}]], "attrs": {"POS": "PROPN"}},  # no fixed value: tried everywhere
]


def test_custom_patterns_match_spacys_ruler() -> None:
    words, tags = ["The", "cat", "saw", "a", "car", "cats"], ["DT", "NN", "VBD", "DT", "NN", "NNS"]
    theirs = blank_with_tags(words, tags)
    ruler = AttributeRuler(theirs.vocab)
    ruler.add_patterns(PATTERNS)
    ruler(theirs)
    ours = blank_with_tags(words, tags)
    FastAttributeRuler(ours.vocab, PATTERNS)(ours)
    assert annotations(ours) == annotations(theirs)
    assert [t.pos_ for t in ours] == ["X", "PROPN", "X", "X", "PROPN", "PROPN"]  # later patterns win


def test_patterns_with_operators_keep_spacys_ruler() -> None:
    nlp = spacy.blank("en")
    with pytest.raises(Unsupported):
        FastAttributeRuler(nlp.vocab, [{"patterns": [[{"LOWER": "a", "OP": "+"}]], "attrs": {"POS": "DET"}}])
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns([{"patterns": [[{"LOWER": "a", "OP": "+"}]], "attrs": {"POS": "DET"}}])
    assert speed_up(nlp) == []
    assert "attribute_ruler" in nlp.pipe_names
