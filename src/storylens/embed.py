"""Sentence encoder used by the compare stage to align sentences across articles.

`SentenceEncoder` is the small interface compare depends on; tests pass a fake. The default is
all-MiniLM-L6-v2, loaded from an installed model package (or a local path) on the first `encode`
call, never downloaded.

Speed: encoding is most of the compare stage's time, so
- the model runs in ONNX Runtime (`OnnxEncoder`): the default, `embedding_backend = "onnx"`,
  needs well under PyTorch's CPU time on news sentences for the same vectors (cosine > 0.9999);
  `"onnx-int8"` quantises the weights to int8 (per output channel) and encodes faster again,
  for vectors within cosine ~0.99 of PyTorch's and slightly lower alignment recall on the
  labelled ECB+ pairs (settings.py, benchmarks/RESULTS.md). The graphs are made from the
  installed weights once, checked against PyTorch, and kept in the user's cache folder
  (`STORYLENS_CACHE`, else `$XDG_CACHE_HOME/storylens`, else `~/.cache/storylens`);
  `embedding_backend = "torch"` runs sentence-transformers itself; ONNX Runtime encodes one
  sentence per run, one run per core, so a sentence's vector never depends on the others encoded
  with it (int8 quantises activations per tensor) and no padding is computed;
- `load_encoder` wraps the model in a per-run cache keyed by sentence text (a story recomputed
  after new articles arrive, wire copy repeated across outlets and benchmark reruns pay once per
  sentence), and inputs are cut at `MAX_TOKENS` word pieces.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import logging
import os
import tempfile
import time
import warnings
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from storylens.settings import Settings

BATCH_SIZE = 64
# News sentences are rarely longer; longer "sentences" are run-on lists or unsplit paragraphs whose
# meaning is set by their start, and attention cost grows with the square of the length.
MAX_TOKENS = 128
CACHE_SIZE = 50_000  # ~40 MB of 384-d float16 rows: one large run's worth of sentences


class SentenceEncoder(Protocol):
    def encode(self, sentences: list[str]) -> np.ndarray:
        """One L2-normalised row per sentence (float32, shape (n, dim))."""
        ...


def resolve_model_path(name: str) -> Path:
    """A local directory as given, else an installed package exposing `get_model_path()`."""
    path = Path(name).expanduser()
    if path.is_dir():
        return path
    module = importlib.import_module(name.replace("-", "_"))
    return Path(module.get_model_path())


class MiniLMEncoder:
    """sentence-transformers model, loaded lazily so building a pipeline stays cheap."""

    def __init__(self, model_path: Path, batch_size: int = BATCH_SIZE) -> None:
        self._path = model_path
        self._batch_size = batch_size
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            # Offline by construction: the model is a local directory; never reach the hub.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging

            transformers_logging.disable_progress_bar()  # a "Loading weights" bar per run is noise
            self._model = SentenceTransformer(str(self._path), device="cpu")
            self._model.max_seq_length = min(self._model.max_seq_length or MAX_TOKENS, MAX_TOKENS)
        return self._model

    def encode(self, sentences: list[str]) -> np.ndarray:
        if not sentences:
            return np.zeros((0, 0), dtype=np.float32)
        vectors = self._load().encode(
            sentences,
            batch_size=self._batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


log = logging.getLogger(__name__)
EXPORT_VERSION = 1  # bump when the exported graph changes, so cached exports are redone
CHECK_SENTENCES = [
    "Officials said 14 people died when the bridge collapsed on Monday.",
    "Short.",
    "The minister denied the report, calling it \"disinformation\" in a statement to NBC News on 3 April.",
]


def cache_dir() -> Path:
    if os.environ.get("STORYLENS_CACHE"):
        return Path(os.environ["STORYLENS_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "storylens"


class OnnxEncoder:
    """A mean-pooled, normalised sentence-transformers model run in ONNX Runtime.

    No library exports and runs an installed sentence-transformers folder offline without
    pulling in another transformers pin (optimum does), so the few steps are here: export with
    torch.onnx once, verify against sentence-transformers, tokenize with the model's own fast
    tokenizer, mean-pool and normalise as the model's Pooling and Normalize modules do.
    """

    def __init__(self, model_path: Path, *, quantized: bool = False, threads: int | None = None) -> None:
        self._path = model_path
        self._threads = threads or _cores()
        self._quantized = quantized
        self._session: Any = None
        self._tokenizer: Any = None
        self._fallback: MiniLMEncoder | None = None
        self._max_tokens = min(MAX_TOKENS, _max_seq_length(model_path))

    @staticmethod
    def supports(model_path: Path) -> bool:
        """Only the architecture this class reproduces: Transformer -> mean Pooling -> Normalize,
        with a fast tokenizer's tokenizer.json."""
        if not (model_path / "tokenizer.json").is_file():
            return False
        try:
            modules = json.loads((model_path / "modules.json").read_text())
            kinds = [m["type"].rsplit(".", 1)[-1] for m in modules]
            pooling = json.loads((model_path / modules[1]["path"] / "config.json").read_text())
        except (OSError, ValueError, KeyError, IndexError):
            return False
        return kinds == ["Transformer", "Pooling", "Normalize"] and pooling.get("pooling_mode_mean_tokens") is True and not any(
            pooling.get(k) for k in ("pooling_mode_cls_token", "pooling_mode_max_tokens", "pooling_mode_mean_sqrt_len_tokens")
        )

    def _open(self, graph: Path) -> None:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3  # warnings about unused initialisers are noise to a user
        options.intra_op_num_threads = 1  # one sentence per run, one run per core (`encode`)
        self._session = onnxruntime.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])
        self._tokenizer = load_tokenizer(self._path, self._max_tokens)

    def _graph(self) -> Path:
        """The int8 graph when asked for and it can be made, else the float one."""
        if self._quantized:
            try:
                return _exported_graph(self._path, quantized=True)
            except Exception as error:  # noqa: BLE001 - quantisation trouble: float vectors, slower
                log.warning("int8 ONNX graph unavailable (%s); encoding with the float graph", error)
        return _exported_graph(self._path)

    def encode(self, sentences: list[str]) -> np.ndarray:
        if not sentences:
            return np.zeros((0, 0), dtype=np.float32)
        if self._fallback is not None:
            return self._fallback.encode(sentences)
        if self._session is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            try:
                self._open(self._graph())
            except Exception as error:  # noqa: BLE001 - any export trouble: same vectors, slower
                log.warning("ONNX backend unavailable (%s); encoding with PyTorch", error)
                self._fallback = MiniLMEncoder(self._path)
                return self._fallback.encode(sentences)
        # One sentence per run, never a padded batch: the int8 graph quantises each layer's input
        # with one scale over the whole tensor, so in a batch a sentence's vector moved with its
        # batch-mates (cosine to itself down to 0.97; a pair near `align_threshold` aligned or not
        # depending on the other sentences of the run). Alone it is the same in every run, a little
        # closer to the float model's (mean cosine 0.9930 against 0.9923 batched, on 1,500 ECB+
        # sentences), and with one run per core no slower: no padding is computed (ECB+ sentences
        # on this 2-core machine: 315 against 178 sentences/s batched).
        if self._threads == 1 or len(sentences) == 1:
            rows = [self._encode_one(s) for s in sentences]
        else:
            with ThreadPoolExecutor(self._threads) as pool:  # onnxruntime releases the GIL in run()
                rows = list(pool.map(self._encode_one, sentences))
        return np.stack(rows).astype(np.float32)

    def _encode_one(self, sentence: str) -> np.ndarray:
        encoding = self._tokenizer.encode(sentence)
        feed = {
            "input_ids": np.array([encoding.ids], dtype=np.int64),
            "attention_mask": np.array([encoding.attention_mask], dtype=np.int64),
            "token_type_ids": np.array([encoding.type_ids], dtype=np.int64),
        }
        pooled = self._session.run(None, feed)[0][0].mean(axis=0)  # no padding: every token counts
        return pooled / max(float(np.linalg.norm(pooled)), 1e-12)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def load_tokenizer(model_path: Path, max_tokens: int) -> Any:
    """The model's fast tokenizer from its tokenizer.json, through `tokenizers` alone: importing
    transformers for it costs ~1.5 s a run. Truncated at `max_tokens`, padded to the batch's
    longest (the file may ask for a fixed length), as transformers' tokenizer does."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model_path / "tokenizer.json"))
    tokenizer.enable_truncation(max_tokens)
    padding = tokenizer.padding or {}
    tokenizer.enable_padding(pad_id=padding.get("pad_id", 0), pad_token=padding.get("pad_token", "[PAD]"))
    return tokenizer


def _max_seq_length(model_path: Path) -> int:
    try:
        return int(json.loads((model_path / "sentence_bert_config.json").read_text())["max_seq_length"])
    except (OSError, ValueError, KeyError):
        return MAX_TOKENS


def _exported_graph(model_path: Path, *, quantized: bool = False) -> Path:
    """The model's ONNX graph in the cache, exported now if this model and torch have none yet
    (with `quantized`, its int8 version, made from the float graph)."""
    from importlib.metadata import version

    weights = sorted(p for p in model_path.iterdir() if p.suffix in {".safetensors", ".bin"})
    # torch's version from its metadata: importing torch costs a second on every run
    key = json.dumps([str(model_path.resolve()), [(p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in weights],
                      version("torch"), EXPORT_VERSION])
    target = cache_dir() / f"{model_path.parent.name}-{model_path.name}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.onnx"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        _export(model_path, target)
        _forget_stale_exports(target, f"{model_path.parent.name}-{model_path.name}-")
    if not quantized:
        return target
    int8 = target.with_name(f"{target.stem}-int8-v{QUANTIZE_VERSION}.onnx")
    if not int8.exists():
        _quantize(target, int8, model_path)
    return int8


# A reinstalled model or another torch makes a new export (~110 MB with its int8 copy); older ones of
# the same model go once they are this old, not at once: two environments sharing the cache would
# otherwise delete each other's export on every run.
STALE_EXPORT_DAYS = 30


def _forget_stale_exports(current: Path, prefix: str) -> None:
    """Delete this model's exports made with another key over STALE_EXPORT_DAYS ago."""
    cutoff = time.time() - STALE_EXPORT_DAYS * 86400
    for old in current.parent.glob(f"{prefix}*.onnx"):
        if not old.name.startswith(current.stem):
            try:
                if old.stat().st_mtime < cutoff:
                    old.unlink()
            except OSError:
                pass  # another process removed it, or it is not ours to remove: the cache stays usable


QUANTIZE_VERSION = 1  # bump when the quantisation recipe changes
INT8_MIN_COSINE = 0.97  # int8 weights move a vector by cosine ~0.99 on news sentences; less is a broken graph


def _quantize(graph: Path, target: Path, model_path: Path) -> None:
    """Dynamic int8 quantisation of the float graph's weights, per output channel (per-tensor
    scales moved news sentences' vectors five times as far: mean cosine to the float vectors 0.958
    against 0.992), kept only if it still encodes close to sentence-transformers."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    log.info("quantising %s to int8 (once) in %s", model_path.name, target.parent)
    with _checked_graph(target, model_path, INT8_MIN_COSINE) as tmp:
        quantize_dynamic(str(graph), tmp, weight_type=QuantType.QInt8, per_channel=True)


@contextmanager
def _checked_graph(target: Path, model_path: Path, min_cosine: float = 0.9999) -> Iterator[str]:
    """A temporary file next to `target` for the body to write a graph into; the graph replaces
    `target` (atomically: same folder) only if it encodes like sentence-transformers."""
    handle, tmp = tempfile.mkstemp(dir=target.parent, suffix=".onnx.tmp")
    os.close(handle)
    try:
        yield tmp
        _check_export(Path(tmp), model_path, min_cosine)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def _export(model_path: Path, target: Path) -> None:
    """Export the transformer to ONNX and keep it only if it encodes like sentence-transformers."""
    import torch
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as transformers_logging

    class HiddenStates(torch.nn.Module):
        """Positional inputs and one tensor out: what the TorchScript exporter traces."""

        def __init__(self, model: Any) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.model(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).last_hidden_state

    log.info("exporting %s to ONNX (once) in %s", model_path.name, target.parent)
    transformers_logging.disable_progress_bar()
    tokenizer = AutoTokenizer.from_pretrained(str(model_path))
    # Eager attention traces to plain ops; SDPA's mask checks would be frozen into the graph.
    model = AutoModel.from_pretrained(str(model_path), attn_implementation="eager").eval()
    names = ["input_ids", "attention_mask", "token_type_ids"]
    sample = tokenizer(CHECK_SENTENCES, padding=True, return_tensors="pt")
    with _checked_graph(target, model_path) as tmp, torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer notes on the transformers code, not the user's concern
        torch.onnx.export(
            HiddenStates(model), tuple(sample[n] for n in names), tmp, input_names=names,
            output_names=["last_hidden_state"], opset_version=17, dynamo=False,
            dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*names, "last_hidden_state"]},
        )


def _check_export(graph: Path, model_path: Path, min_cosine: float = 0.9999) -> None:
    encoder = OnnxEncoder(model_path)
    encoder._open(graph)
    ours = encoder.encode(CHECK_SENTENCES)
    reference = MiniLMEncoder(model_path).encode(CHECK_SENTENCES)
    if float((ours * reference).sum(axis=1).min()) < min_cosine:
        raise RuntimeError(f"ONNX graph {graph.name} of {model_path.name} does not match sentence-transformers")


class CachedEncoder:
    """Any encoder, with its rows remembered by sentence text (oldest forgotten first).

    Rows are kept as float16 (half the memory; cosines move by ~1e-3) and handed out as float32,
    L2-normalised again, so the vectors are the same whichever layer below computed them."""

    def __init__(self, inner: SentenceEncoder, size: int = CACHE_SIZE) -> None:
        self._inner = inner
        self._size = size
        self._rows: dict[str, np.ndarray] = {}
        self.encoded = 0  # sentences actually sent to the model (for benchmarks)

    def encode(self, sentences: list[str]) -> np.ndarray:
        if not sentences:
            return np.zeros((0, 0), dtype=np.float32)
        todo = list(dict.fromkeys(s for s in sentences if s not in self._rows))
        if todo:
            self.encoded += len(todo)
            for text, row in zip(todo, self._inner.encode(todo)):
                self._rows[text] = row.astype(np.float16)
        out = np.stack([self._rows[s] for s in sentences]).astype(np.float32)
        out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
        while len(self._rows) > self._size:
            del self._rows[next(iter(self._rows))]
        return out


class VectorStore(Protocol):
    def vectors(self, keys: list[bytes]) -> dict[bytes, bytes]: ...
    def save_vectors(self, rows: dict[bytes, bytes], limit: int) -> None: ...


class StoredEncoder:
    """An encoder whose rows are kept in the database between runs: when a story grows, only the
    new articles' sentences are encoded. Rows are float16, as `CachedEncoder` keeps them, so a
    brief is the same whether its vectors were stored or just computed."""

    def __init__(self, inner: SentenceEncoder, store: VectorStore, model: str, limit: int) -> None:
        self._inner, self._store, self._model, self._limit = inner, store, model, limit

    def _key(self, sentence: str) -> bytes:
        return hashlib.blake2b(f"{self._model}\0{sentence}".encode(), digest_size=16).digest()

    def encode(self, sentences: list[str]) -> np.ndarray:
        if not sentences:
            return np.zeros((0, 0), dtype=np.float32)
        keys = [self._key(s) for s in sentences]
        stored = self._store.vectors(list(dict.fromkeys(keys)))
        todo = list(dict.fromkeys(s for s, k in zip(sentences, keys) if k not in stored))
        if todo:
            fresh = {self._key(s): row.astype(np.float16).tobytes() for s, row in zip(todo, self._inner.encode(todo))}
            self._store.save_vectors(fresh, self._limit)
            stored.update(fresh)
        return np.stack([np.frombuffer(stored[k], dtype=np.float16) for k in keys]).astype(np.float32)


def load_encoder(settings: Settings, store: VectorStore | None = None) -> SentenceEncoder:
    """The configured model, remembered per run and, given a store, across runs."""
    path = resolve_model_path(settings.embedding_model)
    onnx = settings.embedding_backend.startswith("onnx") and OnnxEncoder.supports(path)
    quantized = onnx and settings.embedding_backend == "onnx-int8"
    base: SentenceEncoder = OnnxEncoder(path, quantized=quantized) if onnx else MiniLMEncoder(path)
    if store is not None and settings.stored_vectors > 0:
        # float ONNX and PyTorch give the same vectors; int8 ones are kept apart
        model = f"{settings.embedding_model}#int8" if quantized else settings.embedding_model
        base = StoredEncoder(base, store, model, settings.stored_vectors)
    return CachedEncoder(base)
