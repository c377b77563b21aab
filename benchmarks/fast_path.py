"""Speed of the ingest -> clean -> dedup -> cluster path (analyze excluded: cluster consumes its terms).

300 PolNeAR train texts (plain text, ~700 words) are ingested, cleaned and deduplicated for real;
since analyze is excluded, each article gets the cached ECB+ analysis (terms, mentions) of two dev
articles merged, about a 600-word article's worth, and is clustered. One process.

    .venv/bin/python benchmarks/fast_path.py
"""

from __future__ import annotations

import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from clustering import dev_articles, load_rows  # noqa: E402
from results import markdown_table, write_section  # noqa: E402

from storylens.clean import clean_document  # noqa: E402
from storylens.cluster import StoryClusterer, TermStatistics  # noqa: E402
from storylens.dedup import Deduplicator  # noqa: E402
from storylens.ingest import ingest  # noqa: E402
from storylens.settings import Settings  # noqa: E402

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "data" / "train" / "text"


def main() -> None:
    settings = Settings()
    paths = sorted(POLNEAR.glob("*"))[:300]
    analyses = list(dev_articles(load_rows()).values())
    rng = random.Random(1)
    seconds = Counter()
    start = time.perf_counter()
    documents = list(ingest([str(p) for p in paths], settings, lambda error: None))
    seconds["ingest"] = time.perf_counter() - start
    start = time.perf_counter()
    articles = [clean_document(d) for d in documents]
    seconds["clean"] = time.perf_counter() - start
    dedup = Deduplicator(settings)
    start = time.perf_counter()
    for article in articles:
        dedup.fold(article)
    seconds["dedup"] = time.perf_counter() - start
    for article in articles:  # borrowed analysis (not timed): two dev articles' worth
        a, b = rng.sample(analyses, 2)
        article.terms = dict(Counter(a.terms) + Counter(b.terms))
        article.mentions = a.mentions + b.mentions
    stats = TermStatistics()
    start = time.perf_counter()
    for article in articles:
        stats.add(article.terms)
    clusterer = StoryClusterer(settings, stats)
    for article in articles:
        if not article.duplicate_of:
            clusterer.add(article)
    clusterer.merge_run()  # the second pass `storylens analyze` runs after streaming
    seconds["cluster"] = time.perf_counter() - start
    total = sum(seconds.values())
    words = sum(len(a.text.split()) for a in articles) / len(articles)
    rows = [[stage, f"{s:.2f}", f"{len(articles) / s:.0f}"] for stage, s in seconds.items()]
    rows.append(["**total**", f"{total:.2f}", f"**{len(articles) / total:.0f}**"])
    body = (
        "## Ingest -> clean -> dedup -> cluster speed (`benchmarks/fast_path.py`)\n\n"
        f"{len(articles)} PolNeAR plain-text articles ({words:.0f} words each after cleaning), one process; analyze "
        "excluded (cluster reuses cached ECB+ analyses, two per article). Goal: >= 100 articles/s.\n\n"
        + markdown_table(["stage", "seconds", "articles/s"], rows)
    )
    print(body)
    write_section("fast_path", body)


if __name__ == "__main__":
    main()
