"""Clustering cost as the stream grows: 1k, 10k, 100k articles.

Streams are made from ECB+ dev articles' cached analysis (no spaCy): each simulated event is one
ECB+ story re-published in a later "epoch" (2 simulated days each), with its entity names suffixed
by the epoch so that every epoch's events are new ones, and each article's terms perturbed (a fifth
dropped). Articles arrive in date order, in runs of RUN_SIZE with the merge pass after each; stories
close after `story_window_days`. Each size runs in
its own process, so peak RSS is that of the run alone (Python, numpy and the data included).

    .venv/bin/python benchmarks/scaling.py [--sizes 1000 10000 100000]
"""

from __future__ import annotations

import argparse
import heapq
import json
import random
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from itertools import islice
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


RUN_SIZE = 1000  # articles per simulated `storylens analyze` run (merge pass after each)
SCALING_WINDOW_DAYS = 7.0


def stream(size: int) -> Iterator[Article]:
    """`size` articles in date order, generated epoch by epoch so the benchmark itself holds only
    a few epochs (an epoch's articles fall within 3 days of its start, so once epoch e is made,
    everything dated before epoch e's start is final)."""
    rng = random.Random(size)
    base = list(dev_articles(load_rows()).values())
    per_epoch = len(base) // 4  # a quarter of the dev articles per simulated two days
    pending: list[tuple[str, int, Article]] = []
    for n in range(size):
        epoch = n // per_epoch
        item = variant(rng.choice(base), epoch, rng, n)
        heapq.heappush(pending, (item.published, n, item))  # type: ignore[arg-type]
        final = (START + timedelta(days=2 * epoch)).isoformat()
        while pending and pending[0][0] < final:
            yield heapq.heappop(pending)[2]
    while pending:
        yield heapq.heappop(pending)[2]


AB_SIZE, AB_REPEATS = 10000, 3


def measure(size: int, attach: bool = True) -> dict:
    stats = TermStatistics()  # IDF grows with the stream, as in a long-running deployment
    # A week's window, wider than the default: more stories stay open, the harder case for cost.
    settings = Settings(story_window_days=SCALING_WINDOW_DAYS)
    clusterer = StoryClusterer(settings if attach else settings.with_overrides(attach_threshold=2.0), stats)
    seconds, merged = 0.0, 0
    articles = stream(size)
    while True:
        run = list(islice(articles, RUN_SIZE))
        if not run:
            break
        start = time.process_time()  # CPU time: the benchmark machine is shared
        clusterer.begin_run()
        for article in run:
            stats.add(article.terms)
            clusterer.add(article)
        merged += len(clusterer.merge_run())
        seconds += time.process_time() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    held = sum(1 for story_id in clusterer.stories if clusterer.is_open(story_id))
    attached = sum(1 for story_id in clusterer.stories if clusterer.home(story_id) != story_id)
    return {"size": size, "seconds": seconds, "peak_mb": peak_mb, "stories": len(clusterer.stories) - attached, "attached": attached,
            "open": held, "merged": merged, "terms": len(stats.df)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--one", type=int)
    parser.add_argument("--no-attach", action="store_true", help="with --one: no attachment of small stories")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, attach=not args.no_attach)))
        return

    def one(size: int, *extra: str) -> dict:
        done = subprocess.run([sys.executable, __file__, "--one", str(size), *extra], capture_output=True, text=True, check=True)
        return json.loads(done.stdout)

    # The attachments' own cost, measured side by side on this machine (the shared machine's speed
    # varies from day to day more than that cost)
    ab = [(one(AB_SIZE, "--no-attach")["seconds"], one(AB_SIZE)["seconds"]) for _ in range(AB_REPEATS)]
    without, with_ = (sorted(x)[len(x) // 2] for x in zip(*ab))
    rows = []
    for size in args.sizes:
        r = one(size)
        rows.append([r["size"], r["stories"], r["merged"], r["attached"], r["open"], f"{r['seconds']:.1f}", f"{r['size'] / r['seconds']:.0f}",
                     f"{1000 * r['seconds'] / r['size']:.2f}", f"{r['peak_mb']:.0f}", r["terms"]])
        print(rows[-1], flush=True)
    body = (
        "## Clustering cost as the stream grows (`benchmarks/scaling.py`)\n\n"
        "Streaming `StoryClusterer.add` (profile + candidate look-up + scoring) in runs of "
        f"{RUN_SIZE:,} articles, each followed by the merge pass (`merge_run`, attachments of small stories "
        "included), on streams sampled from "
        "ECB+ dev analyses with perturbed terms over simulated days (no spaCy; ~100 articles a simulated day, "
        f"`story_window_days` = {SCALING_WINDOW_DAYS:g}, wider than the default {Settings().story_window_days:g}); one process per size, generating its stream as it goes. Closed stories "
        "leave the index and free their vectors, so memory follows the open window; peak RSS includes "
        "Python, numpy and the ECB+ analyses the stream is made from (~400 MB) and the IDF table, which grows "
        "with the stream's vocabulary (every simulated epoch brings new names); `storylens analyze` rebuilds it per "
        "run from the open window. The first 1,000 articles are the ramp-up (the window is not yet full).\n\n"
        + f"Attachments' own cost (`StoryClusterer._attach`), side by side on this machine, median of {AB_REPEATS}: "
        f"{AB_SIZE:,} articles in {without:.1f} CPU s without, {with_:.1f} s with ({with_ / without:.2f}x).\n\n"
        + markdown_table(["articles", "stories (as shown)", "merged by the second pass", "attached at the end", "open at the end (vectors held)", "CPU seconds", "articles/s", "CPU s per 1,000", "peak RSS MB", "terms in the IDF table"], rows)
    )
    print(body)
    write_section("scaling", body)


if __name__ == "__main__":
    main()
