"""Calibrate `align_threshold` (cosine at which two sentences report the same fact) on ECB+.

ECB+ topics hold two different events of the same kind, so a sentence pair across two articles of
the *other* story of the same topic is "merely topical" (same vocabulary, different event), while
a pair across two articles of the *same* story may be a real paraphrase. For each cosine
threshold we report how many mutual-best cross-article pairs pass in same-story vs. other-story
article pairs, and print sample same-story pairs near each threshold to read by eye.

Usage: .venv/bin/python benchmarks/calibrate_align.py [--samples 4]
Only topics 1-35 are read (the file holds nothing else; 36-45 are held out).
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
from collections import defaultdict
from pathlib import Path

import numpy as np

from storylens.embed import load_encoder
from storylens.settings import Settings

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus" / "dev.jsonl"
THRESHOLDS = [0.5, 0.55, 0.6, 0.62, 0.65, 0.7, 0.75, 0.8]


def load_articles() -> list[dict]:
    rows = [json.loads(line) for line in DATA.open(encoding="utf-8")]
    rows = [r for r in rows if int(r["topic"]) <= 35]
    for r in rows:  # ECB+ text is one sentence per line; drop headlines/datelines
        r["sents"] = [s.strip() for s in r["text"].split("\n") if len(s.split()) >= 6]
    return [r for r in rows if r["sents"]]


def mutual_best(sim: np.ndarray) -> list[tuple[int, int, float]]:
    best_j, best_i = sim.argmax(axis=1), sim.argmax(axis=0)
    return [(i, int(j), float(sim[i, j])) for i, j in enumerate(best_j) if best_i[j] == i]


def article_pairs(rows: list[dict], same_story: bool, limit: int, rng: random.Random):
    by_topic = defaultdict(list)
    for idx, r in enumerate(rows):
        by_topic[r["topic"]].append(idx)
    pairs = [
        (a, b)
        for ids in by_topic.values()
        for a, b in itertools.combinations(ids, 2)
        if (rows[a]["story"] == rows[b]["story"]) == same_story
    ]
    rng.shuffle(pairs)
    return pairs[:limit]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=4)
    parser.add_argument("--pairs", type=int, default=3000)
    args = parser.parse_args()
    rng = random.Random(0)
    rows = load_articles()
    encoder = load_encoder(Settings())
    flat = [s for r in rows for s in r["sents"]]
    vecs = encoder.encode(flat)
    offset = 0
    for r in rows:
        r["vecs"] = vecs[offset : offset + len(r["sents"])]
        offset += len(r["sents"])

    found: dict[bool, list[tuple[float, str, str]]] = {}
    for same in (True, False):
        found[same] = []
        for a, b in article_pairs(rows, same, args.pairs, rng):
            sim = rows[a]["vecs"] @ rows[b]["vecs"].T
            for i, j, s in mutual_best(sim):
                found[same].append((s, rows[a]["sents"][i], rows[b]["sents"][j]))
        print(f"{'same' if same else 'other'}-story article pairs: {len(found[same])} mutual-best pairs")

    print("\nthreshold  same-story pairs kept  other-story (topical) pairs kept  share topical")
    for t in THRESHOLDS:
        kept_same = sum(s >= t for s, _, _ in found[True])
        kept_other = sum(s >= t for s, _, _ in found[False])
        share = kept_other / max(1, kept_same + kept_other)
        print(f"{t:9.2f}  {kept_same:21d}  {kept_other:32d}  {share:13.3f}")

    for lo, hi in zip(THRESHOLDS, THRESHOLDS[1:] + [1.01]):
        for label, same in (("SAME", True), ("OTHER", False)):
            band = [p for p in found[same] if lo <= p[0] < hi]
            print(f"\n--- {label} story, cosine [{lo:.2f}, {hi:.2f}): {len(band)} pairs")
            for s, x, y in rng.sample(band, min(args.samples, len(band))):
                print(f"  {s:.2f} | {x[:110]}\n       | {y[:110]}")


if __name__ == "__main__":
    main()
