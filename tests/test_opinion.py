from textblob.en import sentiment

from storylens.opinion import subjectivity_lexicon


def test_lexicon_read_from_file_equals_textblobs() -> None:
    """opinion.py reads TextBlob's lexicon file itself (importing textblob.en costs ~1.5 s a run);
    its word-level (polarity, subjectivity) must be exactly what textblob.en computes."""
    theirs = {word: (entry[None][0], entry[None][1]) for word, entry in sentiment.items()}
    assert subjectivity_lexicon() == theirs
    assert "terribly" in theirs  # the derived "-ly" adverbs are included
