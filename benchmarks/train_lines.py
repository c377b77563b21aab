"""Train the line classifiers shipped in src/storylens/data/ (text_lines.json, html_lines.json).

Data: the AEB pages (../shared/data/aeb). Two tasks, one page = one group:

- text: each page flattened to one line per visible block (`clean.visible_blocks`), as a user
  pasting a page would; a line is body when the gold articleBody contains it (lines under 4 words
  must equal a whole gold paragraph, as in benchmarks/clean_lines.py).
- html: the lines trafilatura returns with favor_recall; a line is body when at least half of its
  4-token shingles are in the gold body (the extraction metric's unit), plus markup signals.

Hyper-parameters are fixed here, not searched. The pages are split in two halves by a hash of their
id; each half is scored by a model trained on the other (reported by benchmarks/extraction.py and
clean_lines.py, which call `train`), and the shipped model is trained on all pages.

    .venv/bin/python benchmarks/train_lines.py
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import trafilatura
from sklearn.ensemble import GradientBoostingClassifier

from storylens import boilerplate, clean

AEB = Path(__file__).resolve().parents[2] / "shared" / "data" / "aeb"
DATA = Path(__file__).resolve().parents[1] / "src" / "storylens" / "data"
TOKEN = re.compile(r"\w+")
PARAMS = {"n_estimators": 150, "max_depth": 3, "learning_rate": 0.1, "subsample": 0.8, "random_state": 0}


@dataclass
class Page:
    id: str
    html: str
    gold: str


@dataclass
class Lines:
    page: str
    lines: list[str]
    matrix: np.ndarray
    labels: np.ndarray


def load_pages(limit: int = 0) -> list[Page]:
    truth = json.loads((AEB / "ground-truth.json").read_text())
    pages = []
    for path in sorted(AEB.glob("html/*.html.gz"))[: limit or None]:
        pid = path.name.removesuffix(".html.gz")
        html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        pages.append(Page(pid, html, truth[pid]["articleBody"]))
    return pages


def half(page_id: str) -> int:
    """0 or 1: a stable split that does not follow file order."""
    return hashlib.sha1(page_id.encode()).digest()[0] & 1


def is_gold_line(line: str, body: str, paragraphs: set[str]) -> bool:
    key = clean._key(line)
    return key in paragraphs or (len(key.split()) >= 4 and key in body)


def shingles(text: str) -> Counter:
    tokens = TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3))


def is_gold_shingles(line: str, gold: Counter, gold_tokens: str) -> bool:
    tokens = TOKEN.findall(line)
    if len(tokens) < 4:
        return bool(tokens) and f" {' '.join(tokens)} " in gold_tokens
    own = shingles(line)
    return sum(v for k, v in own.items() if k in gold) >= 0.5 * sum(own.values())


def text_lines(page: Page) -> Lines:
    tree = clean.parse_html(page.html)
    lines = clean.visible_blocks(tree) if tree is not None else []
    gold = page.gold.removesuffix("...")
    body, paragraphs = clean._key(gold), {clean._key(p) for p in gold.split("\n") if p.strip()}
    labels = np.array([is_gold_line(line, body, paragraphs) for line in lines], dtype=bool)
    return Lines(page.id, lines, boilerplate.line_matrix(lines), labels)


def html_lines(page: Page) -> Lines:
    lines, matrix = clean.html_candidates(page.html, None)
    gold, gold_tokens = shingles(page.gold), f" {' '.join(TOKEN.findall(page.gold))} "
    labels = np.array([is_gold_shingles(line, gold, gold_tokens) for line in lines], dtype=bool)
    return Lines(page.id, lines, matrix, labels)


def build(pages: list[Page], task: str) -> list[Lines]:
    with ProcessPoolExecutor() as pool:
        return list(pool.map(text_lines if task == "text" else html_lines, pages, chunksize=4))


def fit(data: list[Lines], names: list[str]) -> boilerplate.TreeModel:
    """Fit gradient boosting on the pages' lines and export it as a JSON-able tree model."""
    x = np.vstack([d.matrix for d in data])
    y = np.concatenate([d.labels for d in data])
    model = GradientBoostingClassifier(**PARAMS).fit(x, y)
    trees = []
    for estimator in model.estimators_[:, 0]:
        t = estimator.tree_
        trees.append({
            "feature": np.where(t.children_left >= 0, t.feature, -1), "threshold": t.threshold,
            "left": t.children_left, "right": t.children_right, "value": t.value[:, 0, 0],
        })
    prior = y.mean()
    exported = boilerplate.TreeModel(names, float(np.log(prior / (1 - prior))), PARAMS["learning_rate"], 0.5, trees)
    # The export must agree with scikit-learn's own probabilities.
    assert np.allclose(exported.probability(x[:200]), model.predict_proba(x[:200])[:, 1], atol=1e-6)
    return exported


def train(task: str, pages: list[Page]) -> tuple[boilerplate.TreeModel, dict[int, boilerplate.TreeModel], list[Lines]]:
    """The model on all pages, a model per held-out half (trained on the other), and the data."""
    data = build(pages, task)
    names = boilerplate.feature_names(boilerplate.BLOCK_EXTRA if task == "html" else ())
    per_half = {h: fit([d for d in data if half(d.page) != h], names) for h in (0, 1)}
    return fit(data, names), per_half, data


def main() -> None:
    pages = load_pages()
    DATA.mkdir(exist_ok=True)
    for task in ("text", "html"):
        model, per_half, data = train(task, pages)
        for h, held_out in per_half.items():
            test = [d for d in data if half(d.page) == h]
            pred = np.concatenate([held_out.is_body(d.matrix) for d in test])
            gold = np.concatenate([d.labels for d in test])
            tp = (pred & gold).sum()
            p, r = tp / max(pred.sum(), 1), tp / max(gold.sum(), 1)
            print(f"{task} half {h}: {len(test)} pages, body lines P {p:.3f} R {r:.3f} F1 {2 * p * r / (p + r):.3f}")
        path = DATA / f"{task}_lines.json"
        path.write_text(json.dumps(model.to_json(), separators=(",", ":")))
        print(f"wrote {path} ({path.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
