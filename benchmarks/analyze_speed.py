"""Articles/s of the analyze stage (spaCy + records) vs bare spaCy, on PolNeAR train texts.

    python benchmarks/analyze_speed.py [N] [N_PROCESS]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from storylens.analyze import analyze, load_nlp
from storylens.model import Article
from storylens.settings import Settings

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "polnear" / "data" / "train" / "text"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    n_process = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    texts = [p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.txt"))[:n]]
    settings = Settings(n_process=n_process)
    nlp = load_nlp(settings)
    tokens = sum(len(nlp.tokenizer(t)) for t in texts)
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=settings.batch_size, n_process=n_process):
        pass
    bare = time.perf_counter() - start
    articles = [Article(str(i), "", "", t) for i, t in enumerate(texts)]
    start = time.perf_counter()
    done = sum(1 for _ in analyze(articles, settings))
    full = time.perf_counter() - start
    print(f"{done} articles, {tokens / len(texts):.0f} tokens each, n_process={n_process}")
    print(f"bare spaCy: {len(texts) / bare:.1f} articles/s; analyze: {done / full:.1f} articles/s")


if __name__ == "__main__":
    main()
