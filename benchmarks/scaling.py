"""Clustering cost as the stream grows: 1k, 10k, 100k articles.

Streams are made from ECB+ dev articles' cached analysis (no spaCy): each simulated event is one
ECB+ story re-published in a later "epoch" (2 simulated days each), with its entity names suffixed
by the epoch so that every epoch's events are new ones, and each article's terms perturbed (a fifth
dropped). Articles arrive in date order; stories close after `story_window_days`. Each size runs in
its own process, so peak RSS is that of the run alone (Python, numpy and the data included).

    .venv/bin/python benchmarks/scaling.py [--sizes 1000 10000 100000]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from clustering import dev_articles, load_rows  # noqa: E402
from results import markdown_table, write_section  # noqa: E402

from storylens.cluster import StoryClusterer, TermStatistics, profile  # noqa: E402
from storylens.model import Article, Mention  # noqa: E402
from storylens.settings import Settings  # noqa: E402

START = datetime(2026, 1, 1)


def variant(article: Article, epoch: int, rng: random.Random, n: int) -> Article:
    def rename(term: str) -> str:
        return f"{term}~{epoch}" if term.startswith("ent:") else term

    terms = {rename(t): c for t, c in article.terms.items() if rng.random() > 0.2}
    mentions = [Mention(f"{m.text}~{epoch}", m.label, m.sentence) for m in article.mentions]
    published = START + timedelta(days=2 * epoch + rng.random() * 3)
    return Article(id=f"{n:08d}", source_path="", title="", text="", published=published.isoformat(), terms=terms, mentions=mentions)


def stream(size: int) -> list[Article]:
    rng = random.Random(size)
    base = list(dev_articles(load_rows()).values())
    per_epoch = len(base) // 4  # a quarter of the dev articles per simulated two days
    out = [variant(rng.choice(base), i // per_epoch, rng, i) for i in range(size)]
    return sorted(out, key=lambda a: a.published)  # type: ignore[arg-type,return-value]


def measure(size: int) -> dict:
    articles = stream(size)
    stats = TermStatistics()  # IDF grows with the stream, as in a long-running deployment
    clusterer = StoryClusterer(Settings(), stats)
    start = time.perf_counter()
    for article in articles:
        stats.add(article.terms)
        clusterer.add(article)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"size": size, "seconds": seconds, "peak_mb": peak_mb, "stories": len(clusterer.stories)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--one", type=int)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    rows = []
    for size in args.sizes:
        done = subprocess.run([sys.executable, __file__, "--one", str(size)], capture_output=True, text=True, check=True)
        r = json.loads(done.stdout)
        rows.append([r["size"], r["stories"], f"{r['seconds']:.1f}", f"{r['size'] / r['seconds']:.0f}",
                     f"{1000 * r['seconds'] / r['size']:.2f}", f"{r['peak_mb']:.0f}"])
        print(rows[-1], flush=True)
    body = (
        "## Clustering cost as the stream grows (`benchmarks/scaling.py`)\n\n"
        "Streaming `StoryClusterer.add` only (profile + candidate look-up + scoring), on streams sampled from "
        "ECB+ dev analyses with perturbed terms over simulated days (no spaCy); one process per size.\n\n"
        + markdown_table(["articles", "stories", "seconds", "articles/s", "s per 1,000", "peak RSS MB"], rows)
    )
    print(body)
    write_section("scaling", body)


if __name__ == "__main__":
    main()
