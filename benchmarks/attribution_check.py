"""Direct-quote recall and speaker precision against PolNeAR gold attributions (train split).

    python benchmarks/attribution_check.py [N_ARTICLES]

Gold direct quote: a Content span that starts or ends at a quotation mark. Recall: share of gold
direct quotes that one predicted direct quote overlaps by >= 50% of the gold span. Speaker
precision: of predicted direct quotes with a speaker that match a gold Content (>= 50% of the
prediction inside it), share whose speaker head word (last word) is in that gold Source span;
quotes whose gold Source is only a pronoun ("he said") are counted apart, since our speaker is
the resolved name.
"""

from __future__ import annotations

import sys
from pathlib import Path

from storylens.analyze import analyze
from storylens.model import Article
from storylens.settings import Settings

ROOT = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "polnear" / "data" / "train"
MARKS = "\"'“”‘’«»"
PRONOUNS = {"he", "she", "they", "i", "we", "it", "you"}


def load_gold(ann: Path) -> list[tuple[list[tuple[int, int]], str]]:
    """(content ranges, source text) for each attribution of one annotator's file."""
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    events = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            tid, info, text = (line.split("\t") + [""])[:3]
            kind, ranges = info.split(" ", 1)
            pairs = [tuple(int(x) for x in r.split()) for r in ranges.split(";")]
            spans[tid] = (kind, pairs, text)
        elif line.startswith("E"):
            events.append(dict(p.split(":") for p in line.split("\t")[1].split()[1:]))
    gold = []
    for ev in events:
        if "Content" in ev and ev["Content"] in spans:
            source = spans[ev["Source"]][2] if ev.get("Source") in spans else ""
            gold.append((spans[ev["Content"]][1], source))
    return gold


def is_direct(text: str, ranges: list[tuple[int, int]]) -> bool:
    start, end = ranges[0][0], ranges[-1][1]
    inner = text[start:end].strip()
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return bool(inner) and (inner[0] in MARKS or inner[-1] in MARKS or before in MARKS or after in MARKS)


def overlap(a: tuple[int, int], ranges: list[tuple[int, int]]) -> int:
    return sum(max(0, min(a[1], e) - max(a[0], s)) for s, e in ranges)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    texts = sorted((ROOT / "text").glob("*.txt"))[:n]
    articles, golds = [], []
    for path in texts:
        anns = sorted((ROOT / "attributions").glob(f"{path.stem}_*.ann"))
        if anns:
            articles.append(Article(path.stem, str(path), "", path.read_text(encoding="utf-8")))
            golds.append(load_gold(anns[0]))
    found = matched = right = gold_total = hit = by_pronoun = 0
    for article, gold in zip(analyze(articles, Settings(n_process=1)), golds):
        text = article.text
        predicted = []
        for q in article.quotes:
            if q.direct:
                at = text.find(q.text, article.sentences[q.sentence].start)
                if at >= 0:
                    predicted.append(((at, at + len(q.text)), q.speaker))
        direct_gold = [g for g in gold if is_direct(text, g[0])]
        gold_total += len(direct_gold)
        for ranges, _ in direct_gold:
            size = sum(e - s for s, e in ranges)
            hit += any(overlap(p, ranges) >= 0.5 * size for p, _ in predicted)
        for span, speaker in predicted:
            found += 1
            match = [src for ranges, src in gold if overlap(span, ranges) >= 0.5 * (span[1] - span[0])]
            if speaker and match and all(src.strip().lower() in PRONOUNS for src in match):
                by_pronoun += 1  # resolved pronoun: no gold name to check against
            elif speaker and match:
                matched += 1
                right += any(speaker.split()[-1].lower() in src.lower() for src in match)
    print(f"{len(articles)} articles: {gold_total} gold direct quotes, {found} predicted")
    print(f"direct-quote recall: {hit / max(gold_total, 1):.2f}")
    print(f"speaker precision: {right / max(matched, 1):.2f} ({right}/{matched} with a gold match;"
          f" {by_pronoun} more whose gold source is a pronoun)")


if __name__ == "__main__":
    main()
