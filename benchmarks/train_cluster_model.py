"""Train the pairwise same-event model that `storylens.cluster` uses (src/storylens/cluster_model.json).

Logistic regression on the per-view similarities of `cluster.pair_features`, fitted on every pair
of articles *within* an ECB+ tuning topic (odd topic numbers): half of those pairs report the same
event, half the other event of the same kind, which is exactly the decision clustering gets wrong.
Pairs from different topics are left out: every view already tells them apart. Reports ROC AUC on
the even topics' pairs, which it never saw. Topics 36-45 are never used.

    .venv/bin/python benchmarks/train_cluster_model.py
"""

from __future__ import annotations

import itertools
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

sys.path.insert(0, str(Path(__file__).parent))
from clustering import dev_articles, load_rows  # noqa: E402

from storylens.cluster import TermStatistics, pair_features, profile  # noqa: E402
from storylens.model import Article  # noqa: E402

MODEL = Path(__file__).resolve().parents[1] / "src" / "storylens" / "cluster_model.json"


def topic_pairs(rows: list[dict], articles: dict[str, Article]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Features and labels of all within-topic pairs; IDF from the given rows only."""
    stats = TermStatistics()
    for row in rows:
        stats.add(articles[row["id"]].terms)
    profiles = {row["id"]: profile(articles[row["id"]], stats) for row in rows}
    topics: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        topics[row["topic"]].append(row)
    features, labels = [], []
    for members in topics.values():
        for a, b in itertools.combinations(members, 2):
            features.append(pair_features(profiles[a["id"]], profiles[b["id"]]))
            labels.append(a["story"] == b["story"])
    names = list(features[0])
    return names, np.array([[f[n] for n in names] for f in features]), np.array(labels)


def main() -> None:
    rows = load_rows()
    articles = dev_articles(rows)
    tune = [r for r in rows if int(r["topic"]) % 2 == 1]
    held = [r for r in rows if int(r["topic"]) % 2 == 0]
    names, x_tune, y_tune = topic_pairs(tune, articles)
    _, x_held, y_held = topic_pairs(held, articles)
    model = LogisticRegression(C=1.0, max_iter=1000).fit(x_tune, y_tune)
    auc_tune = roc_auc_score(y_tune, model.decision_function(x_tune))
    auc_held = roc_auc_score(y_held, model.decision_function(x_held))
    MODEL.write_text(json.dumps({
        "about": "P(same event) from per-view similarities; benchmarks/train_cluster_model.py, ECB+ odd topics",
        "features": names,
        "coefficients": [round(float(c), 4) for c in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 4),
        "pairs": int(len(y_tune)),
        "roc_auc_tuning": round(auc_tune, 4),
        "roc_auc_held_out": round(auc_held, 4),
    }, indent=2) + "\n")
    print(f"{len(y_tune)} tuning pairs, AUC {auc_tune:.3f}; {len(y_held)} held-out pairs, AUC {auc_held:.3f}")
    print(dict(zip(names, model.coef_[0].round(2))), round(float(model.intercept_[0]), 2))


if __name__ == "__main__":
    main()
