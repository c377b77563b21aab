"""Learned line classifier: is a line of page text article body or boilerplate?

Two gradient-boosted models share one feature set (`line_matrix`): the context-free signals of
`clean.line_features`, the rule cleaner's own decision, and the same signals of the neighbouring
lines (boilerplate comes in runs: menus, footers, related-link lists). The HTML model adds what
the page's markup says about the block a line came from (`BlockInfo`: tag, links, class hints,
which container holds it and how much of the extracted text shares that container), appeal and
contact cues, and whether the line was added to trafilatura's candidate; the plain-text model, which
has no markup, adds `TEXT_EXTRA` (`text_matrix`): template repeats, the page's own frequent short
words (function words in any language), wider windows and the run of non-prose lines around a line.

The models are plain JSON (tree arrays, no pickles), trained by `benchmarks/train_lines.py` on
the AEB pages with cross-validation by page, and loaded once from `storylens/data/`.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

import numpy as np
from lxml import etree
from lxml.html import HtmlElement

from storylens import clean

# --- features ----------------------------------------------------------------------------------

_OWN = (
    "log_words", "log_chars", "sentence_end", "stop_density", "title_case", "reader", "personal",
    "reporting", "widget", "appeal", "cta", "prose", "near", "short", "boiler", "digits",
    "separators", "rule_drop", "commas", "lower_start", "repeated",
)
# Neighbour columns: the few own signals that say most about a line's surroundings.
_NEIGHBOUR = ("log_words", "sentence_end", "stop_density", "prose", "boiler", "rule_drop")
_OFFSETS = (-3, -2, -1, 1, 2, 3)
_PAGE = ("position", "english", "window_prose", "density_vs_peak", "prose_before", "lines_log")
_SEPARATORS = re.compile(r"[|•·»«›‹/]|\s[-–—]\s")


def feature_names(extra: Sequence[str] = ()) -> list[str]:
    """Column names of `line_matrix` (with `extra` columns appended)."""
    names = list(_OWN)
    names += [f"{name}@{offset:+d}" for offset in _OFFSETS for name in _NEIGHBOUR]
    return names + list(_PAGE) + list(extra)


def _own_features(analysis: clean.LineAnalysis) -> np.ndarray:
    lines = analysis.lines
    keys = [clean._key(line) for line in lines]
    counts = Counter(keys)
    rows = []
    for line, key, f, kind, drop in zip(lines, keys, analysis.features, analysis.kinds, analysis.rule_drops):
        chars = max(len(line), 1)
        rows.append((
            math.log1p(f.words), math.log1p(len(line)), f.sentence_end, f.stop_density, f.title_case,
            f.reader_address > 0, f.personal, f.reporting, f.widget is not None, f.appeal, f.cta,
            kind is clean.Kind.PROSE, kind is clean.Kind.NEAR, kind is clean.Kind.SHORT,
            kind is clean.Kind.BOILER, sum(map(str.isdigit, line)) / chars,
            len(_SEPARATORS.findall(line)), drop, line.count(",") / max(f.words, 1),
            line[:1].islower(), counts[key] > 1,
        ))
    return np.asarray(rows, dtype=float).reshape(len(lines), len(_OWN))


def line_matrix(
    lines: Sequence[str], extra: np.ndarray | None = None, *, analysis: clean.LineAnalysis | None = None
) -> np.ndarray:
    """One feature row per line: own signals, neighbours' signals, place in the page, `extra`.

    `analysis` is `clean.analyse_lines(lines)` when the caller already has it.
    """
    n = len(lines)
    if not n:
        return np.zeros((0, len(feature_names()) + (0 if extra is None else extra.shape[1])))
    analysis = analysis or clean.analyse_lines(lines)
    own = _own_features(analysis)
    pick = [_OWN.index(name) for name in _NEIGHBOUR]
    # Beyond the page edge a neighbour reads -1 everywhere (no text, no decision).
    padded = np.vstack([np.full((3, len(pick)), -1.0), own[:, pick], np.full((3, len(pick)), -1.0)])
    neighbours = [padded[3 + offset : 3 + offset + n] for offset in _OFFSETS]
    prose_words = own[:, _OWN.index("prose")] * np.expm1(own[:, 0])
    total = max(prose_words.sum(), 1.0)
    # Article text is where prose is dense: a boilerplate run is far from the page's prose peak.
    sums = np.concatenate([[0.0], np.cumsum(prose_words)])
    window = sums[np.minimum(np.arange(n) + 4, n)] - sums[np.maximum(np.arange(n) - 3, 0)]  # lines i-3..i+3
    page = np.column_stack([
        np.arange(n) / max(n - 1, 1),
        np.full(n, float(analysis.english)),
        window / total,
        window / max(window.max(initial=0.0), 1.0),
        (np.cumsum(prose_words) - prose_words) / total,
        np.full(n, math.log1p(n)),
    ])
    parts = [own, *neighbours, page] + ([extra] if extra is not None else [])
    return np.hstack(parts)


# --- extra signals for the plain-text model -----------------------------------------------------

TEXT_EXTRA = (
    "shape_repeats", "time_like", "teaser_label", "question", "cap_ratio", "doc_word_density",
    "doc_word_density@-1", "doc_word_density@+1", "window10_prose", "window10_density", "window10_words",
    "long_prose_distance", "footer_marker_above", "title_case@-1", "title_case@+1", "widget@-1", "widget@+1",
    "run_length", "run_place", "run_prose_above", "run_prose_below",
    "doc_word_density@-2", "doc_word_density@+2", "window3_density", "density_sandwich",
    "colon_end", "window5_time_like", "window5_shape_repeats",
)
# Every word becomes its class, digits a 0: "Junho (227)" and "Abril (128)" share "A (0)", as the
# items of an archive list, a menu or a table of scores do.
_SHAPE_WORD = re.compile(r"[^\W\d_]+")
_SHAPE_DIGITS = re.compile(r"\d+")
# Comment and byline metadata: "2 days ago", "07:47 am", "Nov. 18, 2019".
_TIME_LIKE = re.compile(
    r"\b\d+\s+(?:second|minute|hour|day|week|month|year)s?\s+ago\b|\b\d{1,2}:\d{2}\b|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}\b",
    re.I,
)
# A label that introduces a link to another story ("Read more: ...", "Related: ...").
_TEASER_LABEL = re.compile(
    r"^(?:read (?:more|also|next)|also read|related|see also|watch|more|recommended|further reading)\b\s*[:|>»-]", re.I
)
_DOC_WORDS = 30  # a page's most frequent short words stand in for function words in any language
_SHAPE_CHARS = 40  # the opening of a line is enough to tell its template (and keeps this cheap)
_SHORT_LINE_WORDS = 12  # timestamps and "<name> says:" headers are short lines


def _shape(line: str) -> str:
    shape = _SHAPE_WORD.sub(_word_class, line[:_SHAPE_CHARS])
    return _SHAPE_DIGITS.sub("0", shape)


def _word_class(match: re.Match[str]) -> str:
    return "A" if match.group(0)[0].isupper() else "a"


def text_columns(analysis: clean.LineAnalysis, matrix: np.ndarray) -> np.ndarray:
    """TEXT_EXTRA columns: template repeats, the page's own frequent words, wider windows.

    `matrix` is the line's `line_matrix` (without extra columns); some columns reuse it.
    """
    lines, features = analysis.lines, analysis.features
    n = len(lines)
    if not n:
        return np.zeros((0, len(TEXT_EXTRA)))
    shapes = [_shape(line) for line in lines]
    shape_counts = Counter(shapes)
    # Short words only: content words (names, topics) repeat on a page too, but are long.
    tokens = [f.short_words for f in features]
    frequent = Counter(w for ws in tokens for w in ws)
    top = {w for w, _ in frequent.most_common(_DOC_WORDS)}
    words = np.array([f.words for f in features], dtype=float)
    density = np.array([sum(map(top.__contains__, ws)) for ws in tokens]) / np.maximum(words, 1)
    prose = matrix[:, _OWN.index("prose")]
    long_prose = np.flatnonzero((prose > 0) & (words >= 20))
    index = np.arange(n)
    if len(long_prose):
        nearest = np.abs(index[:, None] - long_prose[None, :]).min(axis=1)
    else:
        nearest = np.full(n, n)
    footer = np.zeros(n)
    seen_prose = seen_marker = False
    for i, f in enumerate(features):
        footer[i] = seen_marker
        seen_prose = seen_prose or analysis.kinds[i] is clean.Kind.PROSE
        seen_marker = seen_marker or (seen_prose and f.widget in clean.FOOTER_CATEGORIES)
    title_case = matrix[:, _OWN.index("title_case")]
    widget = matrix[:, _OWN.index("widget")]
    repeats = np.log1p([shape_counts[s] - 1 for s in shapes])
    time_like = np.array(
        [f.words <= _SHORT_LINE_WORDS and bool(_TIME_LIKE.search(line)) for line, f in zip(lines, features)],
        dtype=float,
    )
    return np.column_stack([
        repeats,
        time_like,
        [bool(_TEASER_LABEL.match(line)) for line in lines],
        [line.rstrip().endswith("?") for line in lines],
        [f.capitalised for f in features] / np.maximum(words, 1),
        density, _shift(density, 1), _shift(density, -1),
        _window_mean(prose, 10), _window_mean(density, 10), _window_mean(np.log1p(words), 10),
        np.log1p(nearest), footer,
        _shift(title_case, 1), _shift(title_case, -1), _shift(widget, 1), _shift(widget, -1),
        _runs(prose > 0, words),
        _shift(density, 2), _shift(density, -2), _window_mean(density, 3), _sandwich(density, 3),
        # User comments: "<name> says:" and a timestamp above each, repeated down the page.
        [line.rstrip().endswith(":") for line in lines], _window_mean(time_like, 5), _window_mean(repeats, 5),
    ]).astype(float)


def _sandwich(values: np.ndarray, reach: int) -> np.ndarray:
    """min(max of the `reach` lines above, max of the `reach` lines below): high inside a block of
    prose, even for a short line (a subheading), low at a block's edge or outside it."""
    padded = np.concatenate([np.full(reach, -1.0), values, np.full(reach, -1.0)])
    above = np.max([padded[reach - k : reach - k + len(values)] for k in range(1, reach + 1)], axis=0)
    below = np.max([padded[reach + k : reach + k + len(values)] for k in range(1, reach + 1)], axis=0)
    return np.minimum(above, below)


def _runs(prose: np.ndarray, words: np.ndarray) -> np.ndarray:
    """Per line, the run of consecutive non-prose lines it belongs to: log length, place in the
    run (0..1), and log words of the prose lines bounding it above and below (-1 at the page edge).

    A subheading or a short list sits in a short run between long paragraphs; a menu, an archive
    list or a footer is a long run, or one bounded by the page edge. Prose lines read 0, 0, 0, 0.
    """
    n = len(prose)
    out = np.zeros((n, 4))
    start = 0
    while start < n:
        if prose[start]:
            start += 1
            continue
        end = start
        while end < n and not prose[end]:
            end += 1
        length = end - start
        above = math.log1p(words[start - 1]) if start > 0 else -1.0
        below = math.log1p(words[end]) if end < n else -1.0
        out[start:end, 0] = math.log1p(length)
        out[start:end, 1] = (np.arange(length) + 0.5) / length
        out[start:end, 2], out[start:end, 3] = above, below
        start = end
    return out


def _shift(values: np.ndarray, by: int) -> np.ndarray:
    """`values` moved down by `by` rows (the line above when by=1), -1 beyond the page edge."""
    out = np.full(len(values), -1.0)
    if by > 0:
        out[by:] = values[:-by]
    elif by < 0:
        out[:by] = values[-by:]
    return out


def _window_mean(values: np.ndarray, radius: int) -> np.ndarray:
    """Mean of `values` over lines i-radius..i+radius (clipped at the page edges)."""
    n = len(values)
    sums = np.concatenate([[0.0], np.cumsum(values, dtype=float)])
    low, high = np.maximum(np.arange(n) - radius, 0), np.minimum(np.arange(n) + radius + 1, n)
    return (sums[high] - sums[low]) / (high - low)


def text_matrix(lines: Sequence[str], *, analysis: clean.LineAnalysis | None = None) -> np.ndarray:
    """Features of the plain-text model: `line_matrix` plus TEXT_EXTRA."""
    analysis = analysis or clean.analyse_lines(lines)
    base = line_matrix(lines, analysis=analysis)
    return np.hstack([base, text_columns(analysis, base)])


# --- markup signals for the HTML model -----------------------------------------------------------

# Class/id words of containers that hold widgets rather than the article.
_BOILER_HINT = re.compile(
    r"share|social|related|recommend|comment|footer|nav|menu|promo|newsletter|subscri|sidebar|widget|"
    r"advert|\bads?\b|sponsor|cookie|consent|breadcrumb|caption|byline|author|tags?\b|meta|popular|trending",
    re.I,
)
_ARTICLE_HINT = re.compile(r"article|content|story|body|entry|post|text|main", re.I)
_HEADING = frozenset("h1 h2 h3 h4 h5 h6".split())
BLOCK_EXTRA = (
    "is_title", "matched", "link_ratio", "in_p", "in_heading", "in_li", "boiler_hint", "article_hint", "in_tables",
    "container1", "container2", "container3", "appeal_cues", "contact", "words_below", "added",
)


@dataclass(frozen=True, slots=True)
class BlockInfo:
    """What the markup says about one visible block."""

    link_ratio: float  # share of its text inside links
    tag: str  # the block element's tag
    boiler_hint: bool  # an ancestor's class/id names a widget container
    article_hint: bool  # an ancestor's class/id names article content
    in_table: bool
    # The block element's parent as a chain of (serial number in document order, parent's chain),
    # None above the root: which containers the block sits in (`ancestors`). A chain shares its
    # tail with its siblings' and is built in constant time per element, so a deep page costs no
    # copy of its ancestry per block.
    chain: tuple | None = None
    # Levels up from the block element to the nearest element whose class/id names a widget
    # container (0: the block itself), -1 when there is none.
    boiler_level: int = -1

    def ancestors(self, levels: int | None = None) -> tuple[int, ...]:
        """Serial numbers of the block element's ancestors, innermost first (`levels` of them at
        most; all up to the root by default)."""
        out = []
        link = self.chain
        while link is not None and (levels is None or len(out) < levels):
            out.append(link[0])
            link = link[1]
        return tuple(out)


def walk_blocks(tree: HtmlElement) -> list[tuple[str, BlockInfo]]:
    """Each visible block's text (as `clean.visible_blocks` gives it) with its markup signals.

    One iterative pass (`iterwalk`, so deep pages do not hit the recursion limit); the ancestors'
    hints are counted on the way down rather than searched at every block. This runs on every
    element of every page, so it keeps to plain locals (it was a third of the HTML path's time).
    """
    etree.strip_elements(tree, *clean._INVISIBLE_TAGS, etree.Comment, with_tail=False)
    blocks: list[tuple[str, BlockInfo]] = []
    text: list[str] = []
    open_hints: list[tuple[bool, bool, bool]] = []  # (boiler, article, table) per open element
    path: list[tuple] = []  # per open element (root first): its chain (see `BlockInfo.chain`)
    owners: list[int] = []  # index in `path` of each open block element
    hinted: list[int] = []  # index in `path` of each open element with a widget hint
    serial = 0
    boiler = article = table = 0  # open elements with each hint
    links = link_chars = 0  # open <a> elements; characters of the current block inside links
    block_tags = clean._BLOCK_TAGS

    def flush(tag: str) -> None:
        if not text:  # most block boundaries close nothing (nested blocks)
            return
        joined = " ".join("".join(text).split())
        if joined:
            ratio = min(link_chars / len(joined), 1.0)
            # The text belongs to the innermost open block element; its ancestors name its container.
            owner = owners[-1] if owners else 0
            chain = path[owner - 1] if owner else None
            if not hinted:
                level = -1
            else:  # (an element opened inside the block, a <span class="share">, is not above it)
                nearest = hinted[-1] if hinted[-1] <= owner else next((i for i in reversed(hinted) if i <= owner), None)
                level = -1 if nearest is None else owner - nearest
            blocks.append((joined, BlockInfo(ratio, tag, boiler > 0, article > 0, table > 0, chain, level)))
        text.clear()

    for event, element in etree.iterwalk(tree, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in block_tags:
                flush(tag)
                link_chars = 0
            flags = _hints(element.get("class"), element.get("id"), tag == "table")
            open_hints.append(flags)
            path.append((serial, path[-1] if path else None))
            serial += 1
            if tag in block_tags:
                owners.append(len(path) - 1)
            if flags[0]:
                hinted.append(len(path) - 1)
            boiler, article, table = boiler + flags[0], article + flags[1], table + flags[2]
            links += tag == "a"
            chunk = element.text
        else:
            if tag in block_tags:
                flush(tag)
                link_chars = 0
                owners.pop()
            flags = open_hints.pop()
            if flags[0]:
                hinted.pop()
            path.pop()
            boiler, article, table = boiler - flags[0], article - flags[1], table - flags[2]
            links -= tag == "a"
            chunk = element.tail
        if chunk:
            text.append(chunk)
            if links:
                link_chars += len(chunk.strip())
    flush("")
    return blocks


@lru_cache(maxsize=4096)  # class and id values repeat across a page's elements
def _hints(css_class: str | None, css_id: str | None, is_table: bool) -> tuple[bool, bool, bool]:
    """(boiler hint, article hint, table) of one element from its class and id."""
    hints = " ".join(a for a in (css_class, css_id) if a)
    return bool(hints and _BOILER_HINT.search(hints)), bool(hints and _ARTICLE_HINT.search(hints)), is_table


def block_info(infos: dict[str, BlockInfo], line: str) -> BlockInfo | None:
    """The block an extracted line came from. trafilatura writes a list item as "- item" and a
    table row as "| cell | cell |": those are looked up by the item's text and the row's first cell
    (without this, list items and tables read as lines with no markup at all). trafilatura's text
    output keeps no link to its source elements, hence this lookup by text."""
    info = infos.get(clean._key(line))
    if info is not None:
        return info
    if line.startswith("- "):
        return infos.get(clean._key(line[2:]))
    if line.startswith("|"):
        cell = next((c for c in line.split("|") if c.strip()), "")
        return infos.get(clean._key(cell)) if cell else None
    return None


def block_columns(lines: Sequence[str], infos: dict[str, BlockInfo], title: str | None) -> np.ndarray:
    """BLOCK_EXTRA columns for extracted lines, from the block the line came from (`block_info`)."""
    title_key = clean._key(title) if title else None
    found = [block_info(infos, line) for line in lines]
    rows = []
    for line, info in zip(lines, found):
        key = clean._key(line)
        if info is None:
            rows.append([key == title_key, 0, 0, 0, 0, 0, 0, 0, 0])
            continue
        rows.append([
            key == title_key, 1, info.link_ratio, info.tag == "p", info.tag in _HEADING, info.tag in ("li", "dd", "dt"),
            info.boiler_hint, info.article_hint, info.in_table,
        ])
    base = np.asarray(rows, dtype=float).reshape(len(lines), 9)
    return np.hstack([base, _container_shares(lines, found), _cue_columns(lines)])


# An address to write to or follow: e-mail, @handle, web address.
_CONTACT = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|(?<![\w@])@\w{2,}|\bhttps?://|\bwww\.\w", re.I)


def _cue_columns(lines: Sequence[str]) -> np.ndarray:
    """Per line: appeal cues (subscribe, newsletter, inbox, ...) in any voice, a contact address,
    and the share of the candidate's words below the line (the extractor's candidate often ends in
    a newsletter box, a credit line or a "write to" line after the last paragraph)."""
    words = np.array([len(line.split()) for line in lines], dtype=float)
    total = max(words.sum(), 1.0)
    below = (words[::-1].cumsum()[::-1] - words) / total
    cues = [len({m.group(0).casefold() for m in clean._APPEAL_CUES.finditer(line)}) for line in lines]
    contact = [bool(_CONTACT.search(line)) for line in lines]
    return np.column_stack([cues, contact, below]).reshape(len(lines), 3).astype(float)


_CONTAINER_LEVELS = 3


def _container_shares(lines: Sequence[str], found: Sequence[BlockInfo | None]) -> np.ndarray:
    """Per line and ancestor level (parent, grandparent, ...): the share of the extracted words
    whose block sits under the same ancestor as this line's block (-1 for a line with no block).

    Article paragraphs are siblings in one container that holds most of the text; a gallery
    caption, a related-stories list or a company's "About us" box that the extractor let through
    sits in a container of its own, or under a different one.
    """
    words = np.array([len(line.split()) for line in lines], dtype=float)
    total = max(words.sum(), 1.0)
    out = np.full((len(lines), _CONTAINER_LEVELS), -1.0)
    chains = [info.ancestors(_CONTAINER_LEVELS) if info is not None else () for info in found]
    for level in range(_CONTAINER_LEVELS):
        sums: Counter = Counter()
        for chain, w in zip(chains, words):
            if len(chain) > level:
                sums[chain[level]] += w
        for i, chain in enumerate(chains):
            if len(chain) > level:
                out[i, level] = sums[chain[level]] / total
    return out


# --- the model ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TreeModel:
    """Gradient-boosted trees as arrays: score = init + rate * sum(leaf values); P = sigmoid(score)."""

    features: list[str]
    init: float
    rate: float
    threshold: float
    trees: list[dict[str, np.ndarray]]
    _packed: dict[str, np.ndarray] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_packed", _pack(self.trees))

    @classmethod
    def from_json(cls, data: dict) -> TreeModel:
        trees = [{key: np.asarray(value) for key, value in tree.items()} for tree in data["trees"]]
        return cls(data["features"], data["init"], data["rate"], data["threshold"], trees)

    def to_json(self) -> dict:
        trees = [{key: value.tolist() for key, value in tree.items()} for tree in self.trees]
        return {"features": self.features, "init": self.init, "rate": self.rate,
                "threshold": self.threshold, "trees": trees}

    def probability(self, matrix: np.ndarray) -> np.ndarray:
        """P(body) per row. All rows walk all trees at once, one tree level per step: a few numpy
        operations on a (rows, trees) array instead of a Python loop over the trees."""
        packed = self._packed
        # scikit-learn's trees split float32 features: a value that rounds across a threshold in
        # float32 must take the branch it took in training (the exported model agrees exactly).
        matrix = np.asarray(matrix, dtype=np.float32)
        rows = len(matrix)
        if not rows or not self.trees:
            return np.full(rows, 1.0 / (1.0 + np.exp(-self.init)))
        tree_index = np.arange(len(self.trees))[None, :]
        node = np.zeros((rows, len(self.trees)), dtype=np.intp)
        row_index = np.arange(rows)[:, None]
        for _ in range(packed["depth"]):
            value = matrix[row_index, packed["feature"][tree_index, node]]
            right = value > packed["threshold"][tree_index, node]
            node = np.where(right, packed["right"][tree_index, node], packed["left"][tree_index, node])
        score = self.init + self.rate * packed["value"][tree_index, node].sum(axis=1)
        return 1.0 / (1.0 + np.exp(-score))

    def is_body(self, matrix: np.ndarray) -> np.ndarray:
        return self.probability(matrix) >= self.threshold


def _pack(trees: list[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """The trees as (trees, nodes) arrays padded to one width. A leaf points to itself on both
    sides (and tests feature 0), so walking `depth` steps from the root ends on every leaf."""
    width = max((len(tree["feature"]) for tree in trees), default=1)
    feature = np.zeros((len(trees), width), dtype=np.intp)
    threshold = np.zeros((len(trees), width))
    left = np.tile(np.arange(width), (len(trees), 1))
    right = left.copy()
    value = np.zeros((len(trees), width))
    depth = 0
    for t, tree in enumerate(trees):
        n = len(tree["feature"])
        inner = np.asarray(tree["feature"]) >= 0
        feature[t, :n] = np.where(inner, tree["feature"], 0)
        threshold[t, :n] = tree["threshold"]
        left[t, :n] = np.where(inner, tree["left"], np.arange(n))
        right[t, :n] = np.where(inner, tree["right"], np.arange(n))
        value[t, :n] = tree["value"]
        depth = max(depth, _depth(tree))
    return {"feature": feature, "threshold": threshold, "left": left, "right": right, "value": value,
            "depth": depth}


def _depth(tree: dict[str, np.ndarray]) -> int:
    """Longest root-to-leaf path (in splits)."""
    deepest, stack = 0, [(0, 0)]
    while stack:
        node, level = stack.pop()
        if tree["feature"][node] < 0:
            deepest = max(deepest, level)
        else:
            stack += [(int(tree["left"][node]), level + 1), (int(tree["right"][node]), level + 1)]
    return deepest


@cache
def load_model(name: str) -> TreeModel:
    """A model shipped in storylens/data (`text_lines` or `html_lines`)."""
    path = resources.files("storylens").joinpath("data", f"{name}.json")
    return TreeModel.from_json(json.loads(path.read_text(encoding="utf-8")))


def text_body_probability(
    lines: Sequence[str], *, analysis: clean.LineAnalysis | None = None, rows: Sequence[int] | None = None
) -> np.ndarray:
    """P(body) per line of flattened page text (or per line of `rows`), from the text model.

    Features need the whole document (neighbours, page position); the trees only the rows asked.
    """
    if not lines:
        return np.zeros(0)
    matrix = text_matrix(lines, analysis=analysis)
    if rows is not None:
        matrix = matrix[list(rows)]
    return load_model("text_lines").probability(matrix)


def html_matrix(
    lines: Sequence[str], infos: dict[str, BlockInfo], title: str | None, added: Sequence[bool] | None = None
) -> np.ndarray:
    """Features of the lines an extractor returned: text signals plus the markup's. `added` flags
    the lines that the extractor left out and `clean._extend_candidate` added."""
    added_column = np.asarray(added if added is not None else [False] * len(lines), dtype=float)
    return line_matrix(lines, np.column_stack([block_columns(lines, infos, title), added_column]))


def html_body_flags(matrix: np.ndarray) -> list[bool]:
    """Body flag per row of `html_matrix`, from the HTML model."""
    return load_model("html_lines").is_body(matrix).tolist() if len(matrix) else []
