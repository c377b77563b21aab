from textblob.en import sentiment

from storylens.analyze import analyze
from storylens.model import Article
from storylens.opinion import subjectivity_lexicon
from storylens.settings import Settings


def test_lexicon_read_from_file_equals_textblobs() -> None:
    """opinion.py reads TextBlob's lexicon file itself (importing textblob.en costs ~1.5 s a run);
    its word-level (polarity, subjectivity) must be exactly what textblob.en computes."""
    theirs = {word: (entry[None][0], entry[None][1]) for word, entry in sentiment.items()}
    assert subjectivity_lexicon() == theirs
    assert "terribly" in theirs  # the derived "-ly" adverbs are included


def _opinions(text: str) -> list[bool]:
    article = next(analyze([Article(id="a", source_path="a.txt", title=None, text=text)], Settings()))
    return [s.opinion for s in article.sentences]


def test_first_person_inside_a_name_is_not_the_author() -> None:
    """"Our Revolution" is an organisation; "we" and "our" of the author still count."""
    assert _opinions(
        "One of the groups he will launch, Our Revolution, will help recruit and train progressive candidates. "
        "Our Principles PAC spent $1.3 million before the primary. "
        "Our city deserves better than this budget."
    ) == [False, False, True]


def test_reported_outrage_is_reporting() -> None:
    assert _opinions(
        "The nominee caused howls of outrage on Wednesday with a remark about the deleted emails. "
        "The remark was a disgrace."
    ) == [False, True]
