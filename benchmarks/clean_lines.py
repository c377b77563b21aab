"""Line-level quality of the plain-text cleaner on flattened AEB pages.

Each page of the Article Extraction Benchmark (../shared/data/aeb) is flattened to one line per
visible block (`storylens.clean.visible_blocks`), as a user pasting a page would, and cleaned with
`clean_text`. A line is gold body when the gold `articleBody` contains it (lines under 4 words
must equal a whole gold paragraph, so "Share" is not body because some sentence contains it).
Also shown: keeping every line, and the HTML path (`clean_document`, format="html", trafilatura)
scored on the same lines (kept when its text contains the line).

    .venv/bin/python benchmarks/clean_lines.py [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

from storylens.clean import clean_document, clean_text, parse_html, visible_blocks
from storylens.model import Document

from results import markdown_table, write_section

AEB = Path(__file__).resolve().parents[2] / "shared" / "data" / "aeb"


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def _is_gold(line: str, body: str, paragraphs: set[str]) -> bool:
    key = _key(line)
    return key in paragraphs or (len(key.split()) >= 4 and key in body)


def _score(lines: list[str], kept: list[bool], body: str, paragraphs: set[str]) -> tuple[int, int, int]:
    """(true positives, predicted, gold) over lines."""
    gold = [_is_gold(line, body, paragraphs) for line in lines]
    tp = sum(g and k for g, k in zip(gold, kept))
    return tp, sum(kept), sum(gold)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="pages to use (0 = all)")
    args = parser.parse_args()
    truth = json.loads((AEB / "ground-truth.json").read_text())
    pages = sorted(AEB.glob("html/*.html.gz"))[: args.limit or None]
    totals = {name: [0, 0, 0] for name in ("keep all", "clean_text", "html path")}
    for page in pages:
        content = gzip.decompress(page.read_bytes()).decode("utf-8", "replace")
        gold_body = truth[page.name.removesuffix(".html.gz")]["articleBody"].removesuffix("...")
        body, paragraphs = _key(gold_body), {_key(p) for p in gold_body.split("\n") if p.strip()}
        tree = parse_html(content)
        lines = visible_blocks(tree) if tree is not None else []
        kept = {_key(p) for p in clean_text(lines).paragraphs}
        html = Document(page.name, content, "html")
        html_text = _key(clean_document(html).text)
        runs = {
            "keep all": [True] * len(lines),
            "clean_text": [_key(line) in kept for line in lines],
            "html path": [_key(line) in html_text for line in lines],
        }
        for name, flags in runs.items():
            for i, value in enumerate(_score(lines, flags, body, paragraphs)):
                totals[name][i] += value
    rows = []
    for name, (tp, predicted, gold) in totals.items():
        p, r = tp / max(predicted, 1), tp / max(gold, 1)
        rows.append([name, f"{p:.3f}", f"{r:.3f}", f"{2 * p * r / max(p + r, 1e-9):.3f}"])
    table = markdown_table(["method", "precision", "recall", "F1"], rows)
    print(table)
    if not args.limit:  # only the full run is recorded
        write_section(
            "clean_lines",
            f"## Clean: body lines of flattened pages (benchmarks/clean_lines.py)\n\n"
            f"{len(pages)} AEB pages flattened to one line per visible block; a line is body when the "
            f"gold articleBody contains it.\n\n{table}",
        )

if __name__ == "__main__":
    main()
