"""Learned line classifier: is a line of page text article body or boilerplate?

Two gradient-boosted models share one feature set (`line_matrix`): the context-free signals of
`clean.line_features`, the rule cleaner's own decision, and the same signals of the neighbouring
lines (boilerplate comes in runs: menus, footers, related-link lists). The HTML model adds what
the page's markup says about the block a line came from (`BlockInfo`).

The models are plain JSON (tree arrays, no pickles), trained by `benchmarks/train_lines.py` on
the AEB pages with cross-validation by page, and loaded once from `storylens/data/`.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
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


def _own_features(lines: Sequence[str]) -> np.ndarray:
    english = clean.is_english(lines)
    drops = clean.classify_lines(lines) if lines else []
    counts = Counter(clean._key(line) for line in lines)
    rows = []
    for line, drop in zip(lines, drops):
        f = clean.line_features(line)
        kind = clean.line_kind(f, english=english)
        chars = max(len(line), 1)
        rows.append([
            math.log1p(f.words), math.log1p(len(line)), f.sentence_end, f.stop_density, f.title_case,
            f.reader_address > 0, f.personal, f.reporting, f.widget is not None, f.appeal, f.cta,
            kind is clean.Kind.PROSE, kind is clean.Kind.NEAR, kind is clean.Kind.SHORT,
            kind is clean.Kind.BOILER, sum(c.isdigit() for c in line) / chars,
            len(_SEPARATORS.findall(line)), drop, line.count(",") / max(f.words, 1),
            line[:1].islower(), counts[clean._key(line)] > 1,
        ])
    return np.asarray(rows, dtype=float).reshape(len(lines), len(_OWN))


def line_matrix(lines: Sequence[str], extra: np.ndarray | None = None) -> np.ndarray:
    """One feature row per line: own signals, neighbours' signals, place in the page, `extra`."""
    own = _own_features(lines)
    n = len(lines)
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
        np.full(n, float(clean.is_english(lines))),
        window / total,
        window / max(window.max(initial=0.0), 1.0),
        (np.cumsum(prose_words) - prose_words) / total,
        np.full(n, math.log1p(n)),
    ])
    parts = [own, *neighbours, page] + ([extra] if extra is not None else [])
    return np.hstack(parts) if n else np.zeros((0, len(feature_names()) + (0 if extra is None else extra.shape[1])))


# --- markup signals for the HTML model -----------------------------------------------------------

# Class/id words of containers that hold widgets rather than the article.
_BOILER_HINT = re.compile(
    r"share|social|related|recommend|comment|footer|nav|menu|promo|newsletter|subscri|sidebar|widget|"
    r"advert|\bads?\b|sponsor|cookie|consent|breadcrumb|caption|byline|author|tags?\b|meta|popular|trending",
    re.I,
)
_ARTICLE_HINT = re.compile(r"article|content|story|body|entry|post|text|main", re.I)
_HEADING = frozenset("h1 h2 h3 h4 h5 h6".split())
BLOCK_EXTRA = ("is_title", "matched", "link_ratio", "in_p", "in_heading", "in_li", "boiler_hint", "article_hint", "in_tables")


@dataclass(frozen=True, slots=True)
class BlockInfo:
    """What the markup says about one visible block."""

    link_ratio: float  # share of its text inside links
    tag: str  # the block element's tag
    boiler_hint: bool  # an ancestor's class/id names a widget container
    article_hint: bool  # an ancestor's class/id names article content
    in_table: bool


def block_infos(tree: HtmlElement) -> dict[str, BlockInfo]:
    """Key of each visible block's text -> its markup signals (first occurrence wins)."""
    return {clean._key(text): info for text, info in reversed(walk_blocks(tree))}


def walk_blocks(tree: HtmlElement) -> list[tuple[str, BlockInfo]]:
    """Each visible block's text (as `clean.visible_blocks` gives it) with its markup signals.

    One iterative pass (`iterwalk`, so deep pages do not hit the recursion limit); the ancestors'
    hints are counted on the way down rather than searched at every block.
    """
    etree.strip_elements(tree, *clean._INVISIBLE_TAGS, etree.Comment, with_tail=False)
    blocks: list[tuple[str, BlockInfo]] = []
    text: list[str] = []
    open_hints: list[tuple[bool, bool, bool]] = []  # (boiler, article, table) per open element
    counts = [0, 0, 0]  # open elements with each hint
    state = {"links": 0, "link_chars": 0}

    def flush(tag: str) -> None:
        joined = " ".join("".join(text).split())
        if joined:
            ratio = min(state["link_chars"] / len(joined), 1.0)
            blocks.append((joined, BlockInfo(ratio, tag, counts[0] > 0, counts[1] > 0, counts[2] > 0)))
        text.clear()
        state["link_chars"] = 0

    def add(chunk: str | None) -> None:
        if chunk:
            text.append(chunk)
            if state["links"]:
                state["link_chars"] += len(chunk.strip())

    for event, element in etree.iterwalk(tree, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in clean._BLOCK_TAGS:
                flush(tag)
            attrs = element.get("class"), element.get("id")
            hints = " ".join(a for a in attrs if a) if any(attrs) else ""
            flags = (bool(hints and _BOILER_HINT.search(hints)), bool(hints and _ARTICLE_HINT.search(hints)), tag == "table")
            open_hints.append(flags)
            counts = [c + f for c, f in zip(counts, flags)]
            state["links"] += tag == "a"
            add(element.text)
        else:
            if tag in clean._BLOCK_TAGS:
                flush(tag)
            flags = open_hints.pop()
            counts = [c - f for c, f in zip(counts, flags)]
            state["links"] -= tag == "a"
            add(element.tail)
    flush("")
    return blocks


def block_columns(lines: Sequence[str], infos: dict[str, BlockInfo], title: str | None) -> np.ndarray:
    """BLOCK_EXTRA columns for extracted lines, from the block whose text equals the line."""
    title_key = clean._key(title) if title else None
    rows = []
    for line in lines:
        key = clean._key(line)
        info = infos.get(key)
        if info is None:
            rows.append([key == title_key, 0, 0, 0, 0, 0, 0, 0, 0])
            continue
        rows.append([
            key == title_key, 1, info.link_ratio, info.tag == "p", info.tag in _HEADING, info.tag in ("li", "dd", "dt"),
            info.boiler_hint, info.article_hint, info.in_table,
        ])
    return np.asarray(rows, dtype=float).reshape(len(lines), len(BLOCK_EXTRA))


# --- the model ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TreeModel:
    """Gradient-boosted trees as arrays: score = init + rate * sum(leaf values); P = sigmoid(score)."""

    features: list[str]
    init: float
    rate: float
    threshold: float
    trees: list[dict[str, np.ndarray]]

    @classmethod
    def from_json(cls, data: dict) -> TreeModel:
        trees = [{key: np.asarray(value) for key, value in tree.items()} for tree in data["trees"]]
        return cls(data["features"], data["init"], data["rate"], data["threshold"], trees)

    def to_json(self) -> dict:
        trees = [{key: value.tolist() for key, value in tree.items()} for tree in self.trees]
        return {"features": self.features, "init": self.init, "rate": self.rate,
                "threshold": self.threshold, "trees": trees}

    def probability(self, matrix: np.ndarray) -> np.ndarray:
        """P(body) per row; every row walks each tree in step (vectorised over rows)."""
        score = np.full(len(matrix), self.init)
        rows = np.arange(len(matrix))
        for tree in self.trees:
            node = np.zeros(len(matrix), dtype=int)
            while True:
                feature = tree["feature"][node]
                inner = feature >= 0
                if not inner.any():
                    break
                value = matrix[rows, np.where(inner, feature, 0)]
                right = value > tree["threshold"][node]
                child = np.where(right, tree["right"][node], tree["left"][node])
                node = np.where(inner, child, node)
            score += self.rate * tree["value"][node]
        return 1.0 / (1.0 + np.exp(-score))

    def is_body(self, matrix: np.ndarray) -> np.ndarray:
        return self.probability(matrix) >= self.threshold


@cache
def load_model(name: str) -> TreeModel:
    """A model shipped in storylens/data (`text_lines` or `html_lines`)."""
    path = resources.files("storylens").joinpath("data", f"{name}.json")
    return TreeModel.from_json(json.loads(path.read_text(encoding="utf-8")))


def text_body_flags(lines: Sequence[str]) -> list[bool]:
    """Body flag per line of flattened page text, from the text-lines model."""
    if not lines:
        return []
    return load_model("text_lines").is_body(line_matrix(lines)).tolist()


def html_matrix(lines: Sequence[str], infos: dict[str, BlockInfo], title: str | None) -> np.ndarray:
    """Features of the lines an extractor returned: text signals plus the markup's."""
    return line_matrix(lines, block_columns(lines, infos, title))


def html_body_flags(matrix: np.ndarray) -> list[bool]:
    """Body flag per row of `html_matrix`, from the HTML model."""
    return load_model("html_lines").is_body(matrix).tolist() if len(matrix) else []
