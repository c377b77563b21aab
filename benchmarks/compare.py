"""The compare stage measured on real articles (ECB+ dev, topics 1-35 only).

One run, one table (printed and written to benchmarks/RESULTS.md, section "compare"):

* alignment: P/R of the pipeline's aligner (`compare_story`, default `align_threshold`) on the
  hand-labelled sentence pairs of `benchmarks/data/alignment_pairs.jsonl`; a pair is predicted
  aligned when both sentences end up in the same fact of their gold story's brief. A threshold
  sweep is run on a tuning half of the stories and reported on the other half.
* conflicts: each labelled aligned pair becomes a two-article story. Unmodified, any conflict
  between the two sentences is a false conflict (precision side). Then one number, date, person,
  place or confirm->deny polarity of one side is changed and the conflict must be found (recall).
* entities: P/R of cross-article merges on the hand-labelled surface-form pairs of
  `benchmarks/data/entity_pairs.jsonl` (`merge_entities` over the story's analysed articles).
* speed: seconds for `compare_story` over the labelled stories with a fresh encoder.

    .venv/bin/python benchmarks/compare.py [--processes 2] [--show]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from results import markdown_table, write_section  # noqa: E402

from storylens.analyze import analyze  # noqa: E402
from storylens.compare import compare_story  # noqa: E402
from storylens.embed import load_encoder  # noqa: E402
from storylens.entities import merge_entities  # noqa: E402
from storylens.model import Article, Brief  # noqa: E402
from storylens.settings import Settings  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "ecbplus" / "dev.jsonl"
LABELS = Path(__file__).with_name("data")
SWEEP = [0.55, 0.6, 0.65, 0.7, 0.75]
KINDS = ["number", "date", "name", "place", "confirm_deny"]
CONFIRM_TO_DENY = {"confirmed": "denied", "confirms": "denies", "confirm": "deny",
                   "acknowledged": "denied", "admitted": "denied", "verified": "denied"}
NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve"]
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def load_articles(story_ids: set[str], settings: Settings) -> dict[str, list[Article]]:
    """Analysed articles of the given gold stories (ECB+ topics 1-35; 36-45 are never read)."""
    rows = [r for r in read_jsonl(DATA) if int(r["topic"]) <= 35 and r["story"] in story_ids]
    articles = [Article(id=r["id"], source_path=r["id"], title=r["text"].split("\n")[0], text=r["text"]) for r in rows]
    by_story: dict[str, list[Article]] = defaultdict(list)
    for row, article in zip(rows, analyze(articles, settings)):
        by_story[row["story"]].append(article)
    return by_story


def find_sentence(article: Article, hint: int, text: str) -> int | None:
    if hint < len(article.sentences) and article.sentences[hint].text == text:
        return hint
    return next((s.index for s in article.sentences if s.text == text), None)


def fact_of(brief: Brief) -> dict[tuple[str, int], int]:
    """(article id, sentence) -> index of the multi-article fact it belongs to."""
    return {(e.article_id, e.sentence): i for i, f in enumerate(brief.facts) if len(f.reported_by) > 1 for e in f.evidence}


def pr(tp: int, predicted: int, actual: int) -> tuple[str, str]:
    return (f"{tp / predicted:.3f}" if predicted else "-"), (f"{tp / actual:.3f}" if actual else "-")


# --- alignment ---------------------------------------------------------------------------------


def alignment_predictions(pairs: list[dict], stories: dict[str, list[Article]], settings: Settings, encoder) -> dict[int, bool]:
    predicted: dict[int, bool] = {}
    by_story: dict[str, list[dict]] = defaultdict(list)
    for p in pairs:
        by_story[p["story"]].append(p)
    for story, items in by_story.items():
        articles = {a.id: a for a in stories[story]}
        facts = fact_of(compare_story(stories[story], settings, encoder))
        for p in items:
            i = find_sentence(articles[p["a"]], p["a_sent"], p["a_text"])
            j = find_sentence(articles[p["b"]], p["b_sent"], p["b_text"])
            fa, fb = facts.get((p["a"], i)), facts.get((p["b"], j))
            predicted[p["id"]] = fa is not None and fa == fb
    return predicted


def score(pairs: list[dict], predicted: dict[int, bool]) -> tuple[int, str, str]:
    tp = sum(predicted[p["id"]] and p["aligned"] for p in pairs)
    return (len(pairs), *pr(tp, sum(predicted[p["id"]] for p in pairs), sum(p["aligned"] for p in pairs)))


# --- conflicts ---------------------------------------------------------------------------------


@dataclass
class Case:
    kind: str
    story: str
    a: Article
    a_sent: int
    b: Article  # the perturbed copy (analysed later)
    new_text: str  # the changed sentence, to find it after re-analysis
    change: str


def replace_once(text: str, old: str, new: str) -> str | None:
    pattern = re.compile(rf"(?<!\w){re.escape(old)}(?!\w)")
    return pattern.sub(new, text, count=1) if pattern.search(text) else None


def perturb_number(a_text: str, b_text: str, rng: random.Random) -> tuple[str, str] | None:
    for m in re.finditer(r"(?<![\w:/.,-])(\d{1,3}(?:,\d{3})*)(?![\w:/-]|\.\d| - \d)", b_text):
        value = int(m.group(1).replace(",", ""))
        if re.search(rf"(?<![\w:/.,-]){re.escape(m.group(1))}(?![\w:/-])", a_text) and value > 0:
            new = str(value + max(2, value // 3 + 1))
            return b_text[: m.start(1)] + new + b_text[m.end(1) :], f"{m.group(1)} -> {new}"
    for word in NUMBER_WORDS:
        if re.search(rf"\b{word}\b", a_text, re.I) and re.search(rf"\b{word}\b", b_text, re.I):
            new = rng.choice([w for w in NUMBER_WORDS if w != word])
            return re.sub(rf"\b{word}\b", new, b_text, count=1, flags=re.I), f"{word} -> {new}"
    return None


def perturb_date(a_text: str, b_text: str, rng: random.Random) -> tuple[str, str] | None:
    for i, month in enumerate(MONTH_NAMES):
        if re.search(rf"\b{month}\b", a_text) and re.search(rf"\b{month}\b", b_text):
            day = re.search(rf"\b{month} (\d{{1,2}})\b", b_text)
            if day and re.search(rf"\b{month} {day.group(1)}\b", a_text):
                new = f"{month} {int(day.group(1)) % 28 + 3}"
                return b_text.replace(day.group(0), new, 1), f"{day.group(0)} -> {new}"
            new = MONTH_NAMES[(i + 2) % 12]
            return re.sub(rf"\b{month}\b", new, b_text, count=1), f"{month} -> {new}"
    for i, day in enumerate(WEEKDAY_NAMES):
        if re.search(rf"\b{day}\b", a_text) and re.search(rf"\b{day}\b", b_text):
            new = WEEKDAY_NAMES[(i + 2) % 7]
            return re.sub(rf"\b{day}\b", new, b_text, count=1), f"{day} -> {new}"
    return None


def perturb_entity(labels: set[str], pool: list[str], b: Article, b_sent: int, a_text: str,
                   rng: random.Random) -> tuple[str, str, str] | None:
    """A person (place) named in both sentences becomes another, everywhere in article b: an outlet
    naming someone else names them throughout (surname-only mentions of a person included)."""
    for m in b.mentions:
        if m.sentence != b_sent or m.label not in labels or m.text not in a_text or m.text not in b.sentences[b_sent].text:
            continue
        words = m.text.split()
        choices = [p for p in pool if len(p.split()) == len(words) and p not in a_text and p not in b.text]
        if not choices:
            continue
        new = rng.choice(choices)
        text = re.sub(rf"(?<!\w){re.escape(m.text)}(?!\w)", new, b.text)
        if len(words) > 1 and "PERSON" in labels:  # later "Jackson said" for "Vincent Jackson"
            text = re.sub(rf"(?<!\w){re.escape(words[-1])}(?!\w)", new.split()[-1], text)
        return text, f"{m.text} -> {new}", new
    return None


def perturb_polarity(a_text: str) -> tuple[str, str] | None:
    for word, flipped in CONFIRM_TO_DENY.items():
        new = replace_once(a_text, word, flipped)
        if new:
            return new, f"{word} -> {flipped} (copy of the other side's sentence)"
    return None


def build_cases(pairs: list[dict], stories: dict[str, list[Article]], rng: random.Random) -> list[Case]:
    """One perturbed copy of article b per pair and kind that the pair's text allows."""
    pools = entity_pools(stories)
    cases = []
    for p in pairs:
        articles = {a.id: a for a in stories[p["story"]]}
        a, b = articles[p["a"]], articles[p["b"]]
        i, j = find_sentence(a, p["a_sent"], p["a_text"]), find_sentence(b, p["b_sent"], p["b_text"])
        if i is None or j is None:
            continue
        topic = p["story"].split("_")[0]
        sentence = b.sentences[j]
        changes = {
            "number": perturb_number(p["a_text"], p["b_text"], rng),
            "date": perturb_date(p["a_text"], p["b_text"], rng),
            "confirm_deny": perturb_polarity(p["a_text"]),
        }
        for kind, change in changes.items():
            if change:
                new_text, what = change
                text = b.text[: sentence.start] + new_text + b.text[sentence.end :]
                copy = Article(id=f"{b.id}~{kind}", source_path=b.id, title=b.title, text=text)
                cases.append(Case(kind, p["story"], a, i, copy, new_text, what))
        for kind, labels, pool in (("name", {"PERSON"}, "PERSON"), ("place", {"GPE", "LOC"}, "PLACE")):
            found = perturb_entity(labels, pools[pool, topic], b, j, p["a_text"], rng)
            if found:
                text, what, new = found
                copy = Article(id=f"{b.id}~{kind}", source_path=b.id, title=b.title, text=text)
                cases.append(Case(kind, p["story"], a, i, copy, new, what))
    return cases


def entity_pools(stories: dict[str, list[Article]]) -> dict[tuple[str, str], list[str]]:
    """Replacement names: people and places of *other* topics, so they are foreign to the story;
    only names tagged alike in at least two articles of their story (spaCy's label noise out)."""
    names: dict[tuple[str, str], set[str]] = defaultdict(set)
    for story, articles in stories.items():
        topic = story.split("_")[0]
        seen: dict[tuple[str, str], set[str]] = defaultdict(set)
        for a in articles:
            for m in a.mentions:
                kind = "PERSON" if m.label == "PERSON" else "PLACE" if m.label == "GPE" else None
                words = m.text.split()
                if kind and all(w[:1].isupper() and w.isalpha() for w in words) and (kind == "PLACE" or len(words) == 2):
                    seen[kind, m.text].add(a.id)
        for (kind, text), ids in seen.items():
            if len(ids) >= 2:
                names[kind, topic].add(text)
    topics = {t for _, t in names}
    return defaultdict(list, {
        (kind, topic): sorted(n for (k, t), ns in names.items() if k == kind and t != topic for n in ns)
        for kind in ("PERSON", "PLACE") for topic in topics
    })


def touches(conflict, a_id: str, i: int, b_id: str, j: int | None) -> bool:
    keys = {(c.article_id, c.sentence) for c in conflict.claims}
    return (a_id, i) in keys and (j is None or (b_id, j) in keys)


def false_conflicts(pairs: list[dict], stories: dict[str, list[Article]], settings: Settings, encoder
                    ) -> tuple[list[tuple[dict, object]], list[dict]]:
    """Conflicts flagged between the two sentences of each unmodified pair (as a two-article
    story), and the pairs that story aligns (the ones conflicts are looked for in)."""
    flagged, aligned = [], []
    for p in pairs:
        articles = {a.id: a for a in stories[p["story"]]}
        a, b = articles[p["a"]], articles[p["b"]]
        i, j = find_sentence(a, p["a_sent"], p["a_text"]), find_sentence(b, p["b_sent"], p["b_text"])
        brief = compare_story([a, b], settings, encoder)
        found = [c for c in brief.conflicts if touches(c, a.id, i, b.id, j) or touches(c, b.id, j, a.id, i)]
        flagged += [(p, c) for c in found]
        facts = fact_of(brief)
        if facts.get((a.id, i)) is not None and facts.get((a.id, i)) == facts.get((b.id, j)):
            aligned.append(p)
    return flagged, aligned


def detect(cases: list[Case], settings: Settings, encoder) -> list[bool]:
    analysed = {a.id: a for a in analyze([c.b for c in cases], settings)}
    hits = []
    for case in cases:
        b = analysed[case.b.id]
        j = next((s.index for s in b.sentences if case.new_text.strip() in s.text or s.text in case.new_text), None)
        if case.kind in {"name", "place"}:
            j = None  # the name changed throughout: any claim of b against the original sentence
        brief = compare_story([case.a, b], settings, encoder)
        hits.append(any(c.kind == case.kind and touches(c, case.a.id, case.a_sent, b.id, j) for c in brief.conflicts))
    return hits


# --- entities ----------------------------------------------------------------------------------


def entity_scores(pairs: list[dict], stories: dict[str, list[Article]]) -> tuple[int, str, str, list[dict]]:
    indexes = {s: merge_entities(stories[s]) for s in {p["story"] for p in pairs}}
    predicted = {p["id"]: indexes[p["story"]].canonical(p["a"]) == indexes[p["story"]].canonical(p["b"]) for p in pairs}
    tp = sum(predicted[p["id"]] and p["same"] for p in pairs)
    errors = [p for p in pairs if predicted[p["id"]] != p["same"]]
    return (len(pairs), *pr(tp, sum(predicted.values()), sum(p["same"] for p in pairs)), errors)


# --- main --------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--show", action="store_true", help="print every error and flagged conflict")
    args = parser.parse_args()
    settings = Settings(n_process=args.processes)
    pairs = read_jsonl(LABELS / "alignment_pairs.jsonl")
    entity_pairs = read_jsonl(LABELS / "entity_pairs.jsonl")
    align_stories = sorted({p["story"] for p in pairs})
    stories = load_articles(set(align_stories) | {p["story"] for p in entity_pairs}, settings)
    rows: list[list[object]] = []

    # Speed first, with a fresh (empty) cache, on exactly the stories the alignment numbers use.
    encoder = load_encoder(settings)
    encoder.encode(["load the model before timing"])
    compare_story(stories[align_stories[0]][:2], settings, encoder)  # loads the parser too
    encoder = load_encoder(settings)
    start, cpu = time.perf_counter(), time.process_time()
    story_conflicts = []
    for story in align_stories:
        story_conflicts += compare_story(stories[story], settings, encoder).conflicts
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    n_articles = sum(len(stories[s]) for s in align_stories)
    n_sentences = sum(len(a.sentences) for s in align_stories for a in stories[s])
    speed = (f"compare_story over {len(align_stories)} gold stories ({n_articles} articles, {n_sentences} sentences, "
             f"{getattr(encoder, 'encoded', '?')} encoded): {seconds:.1f} s wall, {cpu:.1f} s CPU")

    default = settings.align_threshold
    predicted = alignment_predictions(pairs, stories, settings, encoder)
    rows.append(["alignment, all labelled pairs", f"align_threshold={default}", *score(pairs, predicted)])
    tune_stories = set(align_stories[::2])
    halves = {"tune": [p for p in pairs if p["story"] in tune_stories], "report": [p for p in pairs if p["story"] not in tune_stories]}
    sweep = {t: alignment_predictions(pairs, stories, settings.with_overrides(align_threshold=t), encoder) for t in SWEEP}

    def f1(half: list[dict], t: float) -> float:
        _, p, r = score(half, sweep[t])
        return 0.0 if "-" in (p, r) or float(p) + float(r) == 0 else 2 * float(p) * float(r) / (float(p) + float(r))

    best = max(SWEEP, key=lambda t: f1(halves["tune"], t))
    for name, half in halves.items():
        for t in sorted({default, best}):
            rows.append([f"alignment, {name} half ({len({p['story'] for p in half})} stories)", f"align_threshold={t}" + (" (best F1 on tune)" if t == best else ""), *score(half, sweep[t])])

    aligned = [p for p in pairs if p["aligned"]]
    flagged, matched = false_conflicts(aligned, stories, settings, encoder)
    flagged_pairs = {p["id"] for p, _ in flagged}
    rows.append(["conflicts: false-conflict rate, unmodified labelled-aligned pairs", "share of pairs flagged",
                 len(aligned), f"{len(flagged_pairs) / len(aligned):.3f}", "-"])
    # Conflicts are looked for only between aligned sentences: recall is measured on the pairs the
    # aligner does align (alignment recall above bounds the end-to-end figure).
    rows.append([f"conflicts reported in the {len(align_stories)} whole gold stories (read them with --show)", "count",
                 len(story_conflicts), "-", "-"])
    cases = build_cases(matched, stories, random.Random(0))
    hits = detect(cases, settings, encoder)
    for kind in KINDS:
        done = [h for c, h in zip(cases, hits) if c.kind == kind]
        rows.append([f"conflicts: recall, one {kind} changed", "aligned pairs, share found", len(done), "-", f"{sum(done) / len(done):.3f}" if done else "-"])

    n, p, r, errors = entity_scores(entity_pairs, stories)
    rows.append(["entities: merges of labelled surface-form pairs", "merge_entities", n, p, r])

    table = markdown_table(["measure", "setting", "n", "P / rate", "R"], rows)
    body = "\n\n".join([
        "## Compare: alignment, conflicts, entities on ECB+ dev (`benchmarks/compare.py`)",
        "Labelled data and how it was sampled: `benchmarks/data/README.md`. Topics 1-35 only.",
        table,
        f"Speed: {speed}.",
    ])
    print(body)
    if args.show:
        for c in story_conflicts:
            print(f"\nSTORY CONFLICT {c.kind} {c.about}: " + " | ".join(f"{x.value}: {x.text}" for x in c.claims))
        for p_, c in flagged:
            print(f"\nFLAGGED {c.kind} {c.about}: {[x.value for x in c.claims]}\n  A: {p_['a_text']}\n  B: {p_['b_text']}")
        for c, h in zip(cases, hits):
            if not h:
                print(f"\nMISSED {c.kind} ({c.change}): {c.new_text}")
        for e in errors:
            print(f"\nENTITY {'missed merge' if e['same'] else 'wrong merge'}: {e['a']} | {e['b']}")
    write_section("compare", body)


if __name__ == "__main__":
    main()
