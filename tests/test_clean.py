"""Clean stage: boilerplate lines go to `removed`, body lines stay verbatim."""

from __future__ import annotations

from pathlib import Path

import pytest

from storylens.clean import (
    LineContext,
    Kind,
    analyse_lines,
    clean_document,
    comment_thread_lines,
    clean_text,
    is_boilerplate_line,
    outlet_from_text,
)
from storylens.errors import InputError
from storylens.model import Document, content_id

SEEDS = Path(__file__).parents[2] / "shared" / "seeds"
BETWEEN_PROSE = LineContext(prev=Kind.PROSE, next=Kind.PROSE)
AFTER_ARTICLE = LineContext(prev=Kind.PROSE, next=Kind.EDGE)

DONATION = (
    "We’re independent and can’t be cancelled. Your support keeps our journalism free for "
    "everyone. Become a supporter today for as little as $1."
)
PRIVACY = "To find out what personal data we collect and how we use it, please visit our Privacy Policy"


@pytest.mark.parametrize(
    ("line", "context", "boilerplate"),
    [
        ("Share on facebook", BETWEEN_PROSE, True),
        ("Share this article", BETWEEN_PROSE, True),
        ("Follow us on Instagram", AFTER_ARTICLE, True),
        ("12 Comments", AFTER_ARTICLE, True),
        ("Leave a comment", AFTER_ARTICLE, True),
        ("Subscribe Now", AFTER_ARTICLE, True),
        ("Advertisement", BETWEEN_PROSE, True),
        ("© 2026 The Harbour Herald. All rights reserved.", AFTER_ARTICLE, True),
        (DONATION, AFTER_ARTICLE, True),
        ("Support independent journalism: donate now!", AFTER_ARTICLE, True),
        (PRIVACY, AFTER_ARTICLE, True),
        ("We use cookies to improve your experience. By using this site you accept our cookie policy.", BETWEEN_PROSE, True),
        ("Remind me next month", AFTER_ARTICLE, True),
        # Body: one-sentence paragraphs and reportage that merely mentions support or privacy.
        ("He declined to comment.", BETWEEN_PROSE, False),
        ("The minister resigned on Monday.", AFTER_ARTICLE, False),
        ("The White House said it would continue to support Ukraine.", BETWEEN_PROSE, False),
        ('"We updated our privacy policy last year," a Meta spokesman said.', BETWEEN_PROSE, False),
        ("Reaction in Washington", BETWEEN_PROSE, False),  # a subheading between paragraphs
        ("Former US officials met Lavrov in April, NBC reported.", AFTER_ARTICLE, False),
    ],
)
def test_is_boilerplate_line(line: str, context: LineContext, boilerplate: bool) -> None:
    assert is_boilerplate_line(line, context=context) is boilerplate


@pytest.mark.parametrize(
    ("lines", "outlet"),
    [
        (["Powered by The Post Millennial CMS™ Comments"], "The Post Millennial"),
        (["© 2026 The Harbour Herald"], "The Harbour Herald"),
        (["Copyright © 2019 Hawaii News Now. All rights reserved."], "Hawaii News Now"),
        (["The post Storm hits coast appeared first on Coast Daily."], "Coast Daily"),
        (["Powered by WordPress", "Comments"], None),  # a CMS vendor, not the publisher
    ],
)
def test_outlet_from_text(lines: list[str], outlet: str | None) -> None:
    assert outlet_from_text(lines) == outlet


def test_plain_text_keeps_one_sentence_paragraph_and_drops_widgets() -> None:
    text = "\n".join(
        [
            "Share on X",
            "Harbour bridge to close for repairs",
            "The city council voted on Tuesday to close the harbour bridge for six weeks of repairs.",
            "It reopens in May.",
            "Engineers found corrosion in two of the main cables during an inspection last autumn.",
            "Related articles",
            "Bridge tolls to rise",
            "Comments",
            "Great news, I drive over it every day and it shakes!",
        ]
    )
    result = clean_text(text)
    assert result.title == "Harbour bridge to close for repairs"
    assert result.paragraphs == text.splitlines()[2:5]
    assert result.removed == ["Share on X", *text.splitlines()[5:]]


HTML_PAGE = """<!doctype html><html><head><title>Storm closes harbour | Harbour Herald</title>
<meta property="og:site_name" content="Harbour Herald"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies</div>
<article><h1>Storm closes harbour for two days</h1>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
<p>A winter storm closed the harbour on Tuesday, stranding dozens of fishing boats and two ferries
that had been due to sail for the islands in the afternoon, the port authority said.</p>
<p>Wind gusts of up to 120 kilometres an hour were recorded at the pier, where waves broke over the
sea wall and flooded the car park, according to the national weather service.</p>
<p>The authority expects to reopen the harbour on Thursday once divers have inspected the moorings
and the channel has been cleared of debris washed in by the storm.</p></article>
<section class="comments"><h3>3 Comments</h3><p>Leave a comment</p></section>
<footer><p>© 2026 The Harbour Herald</p></footer></body></html>"""


def test_html_keeps_body_and_lists_removed_blocks() -> None:
    article = clean_document(Document("storm.html", HTML_PAGE, "html"))
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("A winter storm closed the harbour")
    assert paragraphs[2].endswith("washed in by the storm.")
    assert article.title == "Storm closes harbour for two days"
    assert article.outlet == "Harbour Herald"
    assert article.removed[:3] == ["Home", "News", "Sport"]
    for block in ["Share on Facebook Share on X", "3 Comments", "Leave a comment", "© 2026 The Harbour Herald"]:
        assert block in article.removed
        assert block not in article.text
    assert any(block.startswith("We use cookies") for block in article.removed)
    assert "Storm closes harbour for two days" not in article.removed  # the title is not lost


@pytest.mark.parametrize(
    "content",
    [
        "<html><body><div><p>Unclosed paragraph about the storm that closed the harbour on Tuesday.<div><span>",
        "<p>The port authority said the harbour would reopen on Thursday.</p></b></i></table>",
        '<?xml version="1.0" encoding="utf-8"?><html><body><p>The ferry resumed service on Friday.</p></body></html>',
    ],
)
def test_malformed_html_still_gives_text(content: str) -> None:
    article = clean_document(Document("bad.html", content, "html"))
    assert "harbour" in article.text or "ferry" in article.text


@pytest.mark.parametrize("content", ["", "  \n", "<html><body><nav>Home</nav><div>Share on X</div></body></html>"])
def test_no_article_text_is_an_input_error(content: str) -> None:
    with pytest.raises(InputError, match="no article text found"):
        clean_document(Document("empty.html", content, "html"))


def test_too_deep_html_is_at_worst_an_input_error() -> None:
    # Deeper than libxml2 keeps: the text may be lost, but only as a one-line input error.
    content = "<html><body>" + "<div>" * 3000 + "Deeply nested text." + "</div>" * 3000
    try:
        clean_document(Document("deep.html", content, "html"))
    except InputError as error:
        assert error.reason == "no article text found"


SEED_CASES = [
    (
        "000_b78857659bda7957.txt",
        "Lavrov Participated In Secret Talks With USA On Ending the War In Ukraine",
        None,
        [*range(1, 6), *range(9, 13), 30, 32],
    ),
    (
        "002_e6e8435fa05a6fb5.txt",
        "Lavrov was in town to chair the UN Security Council.",
        "The Post Millennial",
        list(range(13, 19)),
    ),
]


@pytest.mark.parametrize(("name", "title", "outlet", "boilerplate"), SEED_CASES)
def test_seed(name: str, title: str, outlet: str | None, boilerplate: list[int]) -> None:
    path = SEEDS / name
    content = path.read_text(encoding="utf-8")
    lines = content.splitlines()
    article = clean_document(Document(str(path), content, "text"))
    assert article.id == content_id(content)
    assert article.title == title
    assert article.outlet == outlet
    assert article.removed == [lines[n - 1] for n in boilerplate]
    body = [line for n, line in enumerate(lines, 1) if line.strip() and n not in boilerplate and line != title]
    assert article.text.split("\n\n") == body  # every body line, verbatim, nothing else
    for removed in article.removed:
        assert removed not in article.text.split("\n\n")


def test_plain_text_of_widgets_only_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no article text found"):
        clean_document(Document("widgets.txt", "Share on X\nSubscribe Now\nComments", "text"))


def test_decision_is_swappable() -> None:
    keep_all = clean_text("Share on X\nThe council met.\nComments", decide=lambda line, *, context: False)
    assert keep_all.paragraphs == ["Share on X", "The council met.", "Comments"]


def test_line_labels_count_gold_text_once() -> None:
    """The benchmarks' labelling (benchmarks/train_lines.py): a line matched only in part is body
    on gold text no verbatim line has taken. A teaser sharing most of a paragraph's shingles is
    not body; a body sentence with a widget glued on still is; "Share" between them is not."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from train_lines import gold_line_labels

    gold = (
        "Good morning! This is the tech news you need to know this Tuesday.\n\n"
        "The council met on Monday to vote on the harbour bridge."
    )
    lines = [
        "The tech news you need to know this week",
        "Good morning! This is the tech news you need to know this Tuesday.",
        "Share",
        "The council met on Monday to vote on the harbour bridge.Click To Tweet",
    ]
    assert gold_line_labels(lines, gold).tolist() == [False, True, False, True]


# --- the line model (boilerplate.py) -------------------------------------------------------------

ARTICLE_LINES = [
    "The city council voted on Tuesday to close the harbour bridge for six weeks of repairs, the mayor said.",
    "Engineers found corrosion in two of the main cables during an inspection last autumn, according to a report.",
    "Drivers will be diverted over the old ring road, which adds about 20 minutes to the trip at rush hour.",
]


def test_line_model_drops_share_line_between_paragraphs() -> None:
    lines = [ARTICLE_LINES[0], "Share on Facebook", *ARTICLE_LINES[1:]]
    result = clean_text(["Home", "News", "Harbour bridge to close", *lines, "Related stories", "Subscribe"])
    assert "Share on Facebook" in result.removed
    assert result.paragraphs == ARTICLE_LINES


def test_line_model_keeps_one_line_paragraph() -> None:
    lines = [*ARTICLE_LINES[:2], "It reopens in May.", ARTICLE_LINES[2]]
    result = clean_text(["Menu", "Harbour bridge to close", *lines, "Comments"])
    assert result.paragraphs == lines
    assert result.removed == ["Menu", "Comments"]


COMMENTS = [
    "2 thoughts on “Harbour bridge to close for repairs”",
    "Jan Smith",
    "May 3, 2026 at 7:21 pm",
    "I drive over that bridge every day and I have felt it shake for years, so this is long overdue.",
    "Reply",
    "harbourwatcher says:",
    "May 3, 2026 at 9:02 pm",
    "The council knew about the corrosion last autumn and waited until now to tell any of us about it.",
]


def test_comment_thread_after_the_article_goes_whole() -> None:
    """Comments read like prose; their heads ("<name> says:", a name over a timestamp) give them away."""
    result = clean_text(["Harbour bridge to close", *ARTICLE_LINES, *COMMENTS, "© 2026 The Harbour Herald"])
    assert result.paragraphs == ARTICLE_LINES
    assert set(COMMENTS) <= set(result.removed)


def test_one_comment_like_head_is_no_thread() -> None:
    """A single "<name> said:" may introduce a letter the article prints: it stays."""
    lines = [*ARTICLE_LINES, "Jan Smith, a reader, said:", "The council knew about the corrosion and waited to say so."]
    assert not any(comment_thread_lines(lines, analyse_lines(lines).kinds))


def test_comment_thread_lines_span_header_to_last_comment_text() -> None:
    lines = [*ARTICLE_LINES, *COMMENTS, "Related stories"]
    kinds = analyse_lines(lines).kinds
    thread = comment_thread_lines(lines, kinds)
    assert thread == [False] * len(ARTICLE_LINES) + [True] * len(COMMENTS) + [False]


def test_line_model_loads_from_package_data() -> None:
    from storylens import boilerplate

    model = boilerplate.load_model("text_lines")
    assert model.features == boilerplate.feature_names(boilerplate.TEXT_EXTRA)
    probability = model.probability(boilerplate.text_matrix(ARTICLE_LINES))
    assert ((probability >= 0) & (probability <= 1)).all()
    html = boilerplate.load_model("html_lines")
    assert html.features == boilerplate.feature_names(boilerplate.BLOCK_EXTRA)


def test_tree_walk_is_vectorised_without_changing_scores() -> None:
    """All trees at once (the shipped path) scores exactly as walking one tree after another."""
    import numpy as np

    from storylens import boilerplate

    model = boilerplate.load_model("text_lines")
    matrix = np.random.default_rng(0).normal(scale=2.0, size=(64, len(model.features))).astype(np.float32)
    score = np.full(len(matrix), model.init)
    for tree in model.trees:
        for row, values in enumerate(matrix):
            node = 0
            while tree["feature"][node] >= 0:
                go_right = values[tree["feature"][node]] > tree["threshold"][node]
                node = tree["right"][node] if go_right else tree["left"][node]
            score[row] += model.rate * tree["value"][node]
    assert np.allclose(model.probability(matrix), 1.0 / (1.0 + np.exp(-score)))


def test_tree_split_reads_features_as_scikit_learn_does() -> None:
    """scikit-learn's trees compare float32 features, and a split can sit exactly on a float32 value:
    0.1000000015 is float32 0.10000000149 and goes left of a split there, as in training, though
    it is larger in float64."""
    import numpy as np
    from sklearn.tree import DecisionTreeRegressor

    from storylens import boilerplate

    on_float32 = float(np.float32(0.1))
    reference = DecisionTreeRegressor(max_depth=1).fit(np.array([[0.0], [0.2]]), [-1.0, 1.0])
    reference.tree_.threshold[0] = on_float32
    split = {"feature": np.array([0, -1, -1]), "threshold": np.array([on_float32, 0.0, 0.0]),
             "left": np.array([1, -1, -1]), "right": np.array([2, -1, -1]), "value": np.array([0.0, -1.0, 1.0])}
    model = boilerplate.TreeModel(["x"], 0.0, 1.0, 0.5, [split])
    value = np.array([[0.1000000015]])
    assert reference.predict(value)[0] == -1.0
    assert model.probability(value)[0] < 0.5


@pytest.mark.parametrize("name", [case[0] for case in SEED_CASES])
def test_document_pass_matches_line_by_line_rules(name: str) -> None:
    """The one-pass rule decision (`analyse_lines`) equals asking `is_boilerplate_line` per line."""
    from storylens.clean import analyse_lines, classify_lines

    lines = [line.strip() for line in (SEEDS / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    one_by_one = classify_lines(lines, decide=lambda line, *, context: is_boilerplate_line(line, context=context))
    assert analyse_lines(lines).rule_drops == one_by_one


def test_html_metadata_from_the_single_parse() -> None:
    page = HTML_PAGE.replace(
        "</head>", '<meta property="article:published_time" content="2026-03-04T10:00:00Z"></head>'
    )
    article = clean_document(Document("storm.html", page, "html"))
    assert article.published == "2026-03-04"
    assert article.outlet == "Harbour Herald"


def test_line_model_drops_archive_list_and_keeps_subheading() -> None:
    """A run of same-shaped short lines after the article goes; a one-line subheading between
    paragraphs stays."""
    archive = [f"{month} ({count})" for month, count in
               [("January", 70), ("February", 77), ("March", 128), ("April", 209), ("May", 156), ("June", 227)]]
    lines = [*ARTICLE_LINES[:2], "Detours for drivers", ARTICLE_LINES[2]]
    result = clean_text(["Menu", "Harbour bridge to close", *lines, "Archives", *archive])
    assert result.paragraphs == lines
    assert set(archive) <= set(result.removed)


def test_japanese_paragraph_ends_like_a_sentence() -> None:
    from storylens.clean import Kind, line_features, line_kind

    line = (
        "さて、このソフトはあまり操作性がよくありません。"
        "設定で変更できる箇所も少なく、融通が効かない面も多々あります。"
    )
    assert line_features(line).sentence_end
    assert line_kind(line_features(line), english=False) is Kind.PROSE


def test_text_columns_describe_runs_and_template_repeats() -> None:
    import numpy as np

    from storylens import boilerplate

    lines = [ARTICLE_LINES[0], "Detours", ARTICLE_LINES[1], "May (3)", "June (4)", "July (5)"]
    matrix = boilerplate.text_matrix(lines)
    column = {name: matrix[:, i] for i, name in enumerate(boilerplate.feature_names(boilerplate.TEXT_EXTRA))}
    # The subheading is a run of one between prose lines; the archive items a run of three at the end.
    assert np.allclose(column["run_length"], np.log1p([0, 1, 0, 3, 3, 3]))
    assert column["run_prose_above"][1] > 0 and column["run_prose_below"][1] > 0
    assert column["run_prose_below"][4] == -1
    # "May (3)", "June (4)", "July (5)" share one shape: each has two look-alikes.
    assert np.allclose(column["shape_repeats"][3:], np.log1p(2))
    assert column["shape_repeats"][1] == 0


def _walk(content: str) -> list:
    from storylens import boilerplate
    from storylens.clean import parse_html

    return boilerplate.walk_blocks(parse_html(content))


def test_list_items_and_table_rows_find_their_block() -> None:
    """trafilatura writes "- item" and "| cell | cell |": the markup signals must still be found."""
    from storylens import boilerplate

    walked = _walk(
        "<html><body><ul class='related'><li><a href='/a'>Other story one</a></li></ul>"
        "<table><tr><td>Mayor</td><td>52%</td></tr></table></body></html>"
    )
    infos = {" ".join(text.casefold().split()): info for text, info in walked}
    item = boilerplate.block_info(infos, "- Other story one")
    assert item is not None and item.tag == "li" and item.link_ratio == 1.0
    row = boilerplate.block_info(infos, "| Mayor | 52% |")
    assert row is not None and row.in_table
    columns = boilerplate.block_columns(["- Other story one", "| Mayor | 52% |"], infos, None)
    names = list(boilerplate.BLOCK_EXTRA)
    assert columns[:, names.index("matched")].tolist() == [1.0, 1.0]
    assert columns[0, names.index("in_li")] == 1.0 and columns[1, names.index("in_tables")] == 1.0


def test_container_share_sets_apart_a_box_outside_the_article() -> None:
    from storylens import boilerplate

    body = [f"Paragraph {i} of the report on the harbour storm and what the port authority said." for i in range(4)]
    about = "Harbour Herald is an independent newspaper serving the coast since 1921."
    walked = _walk(
        "<html><body><div class='story'>" + "".join(f"<p>{p}</p>" for p in body) + "</div>"
        f"<aside><div><p>{about}</p></div></aside></body></html>"
    )
    infos = {" ".join(text.casefold().split()): info for text, info in walked}
    columns = boilerplate.block_columns([*body, about], infos, None)
    parent = columns[:, list(boilerplate.BLOCK_EXTRA).index("container1")]
    assert parent[:4].min() > 0.7 and parent[4] < 0.2


def test_candidate_is_extended_with_the_article_s_sibling_container() -> None:
    """An article split over two sibling elements: paragraphs of the second one that the extractor
    left out come back, in page order; a short line or a link list next to them does not."""
    from storylens.clean import _extend_candidate

    first = [f"The council met on Tuesday and voted on the budget for the harbour, item {i} of the day." for i in range(3)]
    second = [
        "After the break, the mayor said that the new sea wall would be finished well before the first of the winter storms arrive.",
        "Residents who attended the meeting asked whether the ferry timetable would change during the works, and were told it would not.",
    ]
    walked = _walk(
        "<html><body><nav><a href='/'>Home</a></nav><main><div class='part'>"
        + "".join(f"<p>{p}</p>" for p in first) + "</div>"
        "<div class='promo'><p><a href='/x'>Read our other stories about the harbour, the ferry and the storm today</a></p></div>"
        "<div class='part'>" + "".join(f"<p>{p}</p>" for p in second) + "<p>Short line.</p></div></main>"
        "<footer><div><p>About us: the Harbour Herald has covered the towns of the coast for more than a hundred years, "
        "and it is still owned by the families who founded it.</p></div></footer>"
        "</body></html>"
    )
    infos = {}
    for text, info in reversed(walked):
        infos[" ".join(text.casefold().split())] = info
    lines, added = _extend_candidate(list(first), walked, infos)
    assert lines == [*first, *second]
    assert added == [False] * 3 + [True] * 2


def test_candidate_is_not_extended_with_a_comment_section() -> None:
    """Long paragraphs under a container named as a widget (comments) are not article text."""
    from storylens.clean import _extend_candidate

    body = [f"The council met on Tuesday and voted on the budget for the harbour, item {i} of the day." for i in range(3)]
    comment = ("I have lived by the harbour for forty years and I can tell you that the council has never once "
               "listened to the people who actually use the ferry every single day.")
    walked = _walk(
        "<html><body><nav><a href='/'>Home</a></nav><main><div class='story'>"
        + "".join(f"<p>{p}</p>" for p in body)
        + f"</div><div class='comments'><p>{comment}</p></div></main><footer>Footer</footer></body></html>"
    )
    infos = {" ".join(text.casefold().split()): info for text, info in reversed(walked)}
    assert _extend_candidate(list(body), walked, infos) == (body, [False] * 3)


def test_html_cue_columns_flag_contact_lines_and_the_tail() -> None:
    from storylens import boilerplate

    lines = [
        "The council voted on the budget for the harbour on Tuesday evening after a long debate.",
        "Write to Jane Doe at jane.doe@example.com or follow her @janedoe.",
        "Sign up for our newsletter to get the news in your inbox.",
    ]
    columns = boilerplate.block_columns(lines, {}, None)
    names = list(boilerplate.BLOCK_EXTRA)
    assert columns[:, names.index("contact")].tolist() == [0.0, 1.0, 0.0]
    assert columns[2, names.index("appeal_cues")] >= 2 and columns[0, names.index("appeal_cues")] == 0
    below = columns[:, names.index("words_below")]
    assert below[0] > below[1] > below[2] == 0.0


def test_html_model_removing_nearly_everything_falls_back_to_the_candidate(monkeypatch) -> None:
    """A model that keeps under a quarter of the candidate's words has misread the page (a post
    written as short lines broken by <br>): the candidate, widgets removed, is kept instead."""
    from storylens import boilerplate

    lines = [
        "The storm closed the harbour on Tuesday",
        "and the ferries stayed in port until",
        "the wind dropped on Thursday morning,",
        "the port authority said in a statement",
        "issued late on Wednesday after the last",
        "of the inspections of the harbour wall.",
    ]
    page = "<html><body><article><p>" + "<br>".join(lines) + "</p></article></body></html>"
    monkeypatch.setattr(boilerplate, "html_body_flags", lambda matrix: [True] + [False] * (len(matrix) - 1))
    article = clean_document(Document("post.html", page, "html"))
    for line in lines:
        assert line in article.text
