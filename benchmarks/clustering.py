"""Story clustering quality on ECB+ dev topics (1-35), ours vs. the TF-IDF floor.

Each ECB+ topic holds two different events of the same kind (the trap). We analyse every
article with storylens's analyze stage (cached in benchmarks/.cache/), then:
- sweep `cluster_threshold` on the *tuning* topics (odd topic numbers) only,
- report B-cubed P/R/F1 of the chosen threshold on the *held-out* topics (even numbers) and on all,
- beside the floor: scikit-learn TF-IDF + average-linkage agglomerative clustering at its best
  cosine threshold (chosen the same way, on the tuning topics).
Topics 36-45 (the corpus's test split) are not in this file and are never used.

    .venv/bin/python benchmarks/clustering.py
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

sys.path.insert(0, str(Path(__file__).parent))
from results import markdown_table, write_section  # noqa: E402

from storylens.analyze import analyze  # noqa: E402
from storylens.cluster import StoryClusterer, TermStatistics  # noqa: E402
from storylens.model import Article  # noqa: E402
from storylens.settings import Settings  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "data" / "ecbplus" / "dev.jsonl"
CACHE = Path(__file__).with_name(".cache") / "ecbplus_terms.json"
THRESHOLDS = [round(0.05 * i, 2) for i in range(2, 9)]


def load_rows() -> list[dict]:
    rows = [json.loads(line) for line in DEV.read_text().splitlines() if line.strip()]
    assert all(int(r["topic"]) <= 35 for r in rows), "test topics 36-45 must never be used"
    return rows


def analysed_terms(rows: list[dict]) -> dict[str, dict[str, int]]:
    if CACHE.exists():
        return json.loads(CACHE.read_text())
    articles = [Article(id=r["id"], source_path=r["id"], title="", text=r["text"]) for r in rows]
    start = time.perf_counter()
    terms = {a.id: a.terms for a in analyze(articles, Settings(n_process=2))}
    print(f"analysed {len(rows)} articles in {time.perf_counter() - start:.0f}s", file=sys.stderr)
    CACHE.parent.mkdir(exist_ok=True)
    CACHE.write_text(json.dumps(terms))
    return terms


def bcubed(gold: dict[str, str], predicted: dict[str, str]) -> tuple[float, float, float]:
    by_gold, by_pred = defaultdict(set), defaultdict(set)
    for item, label in gold.items():
        by_gold[label].add(item)
        by_pred[predicted[item]].add(item)
    precision = recall = 0.0
    for item in gold:
        same_pred, same_gold = by_pred[predicted[item]], by_gold[gold[item]]
        overlap = len(same_pred & same_gold)
        precision += overlap / len(same_pred)
        recall += overlap / len(same_gold)
    p, r = precision / len(gold), recall / len(gold)
    return p, r, 2 * p * r / (p + r)


def storylens_clusters(rows: list[dict], terms: dict, threshold: float) -> dict[str, str]:
    """Streaming over all articles at once, in a fixed shuffled order (ECB+ has no dates)."""
    order = np.random.default_rng(7).permutation(len(rows))
    stats = TermStatistics()
    for row in rows:
        stats.add(terms[row["id"]])
    clusterer = StoryClusterer(Settings(cluster_threshold=threshold), stats)
    predicted = {}
    for index in order:
        row = rows[index]
        article = Article(id=row["id"], source_path="", title="", text="", terms=terms[row["id"]])
        predicted[row["id"]] = clusterer.add(article)
    return predicted


def tfidf_clusters(rows: list[dict], threshold: float) -> dict[str, str]:
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform([r["text"] for r in rows]).toarray()
    labels = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=1 - threshold
    ).fit_predict(matrix)
    return {r["id"]: str(label) for r, label in zip(rows, labels)}


def by_topic(rows: list[dict]) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        groups[row["topic"]].append(row)
    return groups


def f_beta(p: float, r: float, beta: float = 0.5) -> float:
    """F0.5: precision counts more, since a wrong merge is worse than a split."""
    return (1 + beta**2) * p * r / (beta**2 * p + r) if p + r else 0.0


def main() -> None:
    rows = load_rows()
    terms = analysed_terms(rows)
    tune = [r for r in rows if int(r["topic"]) % 2 == 1]
    held = [r for r in rows if int(r["topic"]) % 2 == 0]
    gold = lambda subset: {r["id"]: r["story"] for r in subset}  # noqa: E731
    sweep = []
    for threshold in THRESHOLDS:
        p, r, f = bcubed(gold(tune), storylens_clusters(tune, terms, threshold))
        sweep.append([threshold, f"{p:.3f}", f"{r:.3f}", f"{f:.3f}", f"{f_beta(p, r):.3f}"])
    floor_best = max(THRESHOLDS, key=lambda t: bcubed(gold(tune), tfidf_clusters(tune, t))[2])
    default = Settings().cluster_threshold
    systems = {
        f"storylens default (cluster_threshold={default})": lambda subset: storylens_clusters(subset, terms, default),
        f"floor: TF-IDF + average-link agglomerative (best on tuning: {floor_best})": lambda subset: tfidf_clusters(subset, floor_best),
    }
    table = []
    for name, system in systems.items():
        for label, subset in (("tuning (odd topics)", tune), ("held-out (even topics)", held), ("all dev", rows)):
            p, r, f = bcubed(gold(subset), system(subset))
            table.append([name, label, len(subset), f"{p:.3f}", f"{r:.3f}", f"{f:.3f}"])
    body = (
        "## Story clustering on ECB+ dev (`benchmarks/clustering.py`)\n\n"
        "B-cubed over articles; all articles of a split are clustered together, streaming in a fixed shuffled "
        "order (each topic holds two similar events). Settings are chosen on the odd topics only and reported "
        "on the even topics too. Reference points: one cluster per topic F1 ~0.68, singletons ~0.16.\n\n"
        + markdown_table(["system", "topics", "articles", "P", "R", "F1"], table)
        + "\n\nThreshold sweep on the tuning topics (the default is the best F0.5, since a wrong merge costs more "
        "than a split):\n\n"
        + markdown_table(["cluster_threshold", "P", "R", "F1", "F0.5"], sweep)
    )
    print(body)
    write_section("clustering", body)


if __name__ == "__main__":
    main()
