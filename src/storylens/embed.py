"""Sentence encoder used by the compare stage to align sentences across articles.

`SentenceEncoder` is the small interface compare depends on; tests pass a fake. The default is
all-MiniLM-L6-v2, loaded from an installed model package (or a local path) on the first `encode`
call, never downloaded.

Speed: encoding is most of the compare stage's time, so
- the default backend runs the model in ONNX Runtime (`OnnxEncoder`), which needs about 0.6x
  PyTorch's CPU time on news sentences for the same vectors (cosine > 0.9999). The ONNX graph is
  exported from the installed weights once, checked against PyTorch, and kept in the user's cache
  folder (`STORYLENS_CACHE`, else `$XDG_CACHE_HOME/storylens`, else `~/.cache/storylens`);
  `embedding_backend = "torch"` runs sentence-transformers itself;
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
import warnings
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

    def __init__(self, model_path: Path, batch_size: int = BATCH_SIZE) -> None:
        self._path = model_path
        self._batch_size = batch_size
        self._session: Any = None
        self._tokenizer: Any = None
        self._fallback: MiniLMEncoder | None = None
        self._max_tokens = min(MAX_TOKENS, _max_seq_length(model_path))

    @staticmethod
    def supports(model_path: Path) -> bool:
        """Only the architecture this class reproduces: Transformer -> mean Pooling -> Normalize."""
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
        from transformers import AutoTokenizer

        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3  # warnings about unused initialisers are noise to a user
        self._session = onnxruntime.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])
        self._tokenizer = AutoTokenizer.from_pretrained(str(self._path))

    def encode(self, sentences: list[str]) -> np.ndarray:
        if not sentences:
            return np.zeros((0, 0), dtype=np.float32)
        if self._fallback is not None:
            return self._fallback.encode(sentences)
        if self._session is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            try:
                self._open(_exported_graph(self._path))
            except Exception as error:  # noqa: BLE001 - any export trouble: same vectors, slower
                log.warning("ONNX backend unavailable (%s); encoding with PyTorch", error)
                self._fallback = MiniLMEncoder(self._path, self._batch_size)
                return self._fallback.encode(sentences)
        # Shortest first, so each batch pads to about its own length.
        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
        rows: list[np.ndarray] = [np.empty(0)] * len(sentences)
        for start in range(0, len(order), self._batch_size):
            batch = order[start : start + self._batch_size]
            for i, row in zip(batch, self._encode_batch([sentences[i] for i in batch])):
                rows[i] = row
        return np.stack(rows).astype(np.float32)

    def _encode_batch(self, sentences: list[str]) -> np.ndarray:
        tokens = self._tokenizer(sentences, padding=True, truncation=True, max_length=self._max_tokens, return_tensors="np")
        feed = {name: tokens[name].astype(np.int64) for name in ("input_ids", "attention_mask", "token_type_ids")}
        hidden = self._session.run(None, feed)[0]
        mask = feed["attention_mask"][..., None].astype(np.float32)
        pooled = (hidden * mask).sum(axis=1) / np.maximum(mask.sum(axis=1), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


def _max_seq_length(model_path: Path) -> int:
    try:
        return int(json.loads((model_path / "sentence_bert_config.json").read_text())["max_seq_length"])
    except (OSError, ValueError, KeyError):
        return MAX_TOKENS


def _exported_graph(model_path: Path) -> Path:
    """The model's ONNX graph in the cache, exported now if this model and torch have none yet."""
    import torch

    weights = sorted(p for p in model_path.iterdir() if p.suffix in {".safetensors", ".bin"})
    key = json.dumps([str(model_path.resolve()), [(p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in weights],
                      torch.__version__, EXPORT_VERSION])
    target = cache_dir() / f"{model_path.parent.name}-{model_path.name}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.onnx"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        _export(model_path, target)
    return target


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
    handle, tmp = tempfile.mkstemp(dir=target.parent, suffix=".onnx.tmp")  # same folder: atomic rename
    os.close(handle)
    try:
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer notes on the transformers code, not the user's concern
            torch.onnx.export(
                HiddenStates(model), tuple(sample[n] for n in names), tmp, input_names=names,
                output_names=["last_hidden_state"], opset_version=17, dynamo=False,
                dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*names, "last_hidden_state"]},
            )
        _check_export(Path(tmp), model_path)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def _check_export(graph: Path, model_path: Path) -> None:
    encoder = OnnxEncoder(model_path)
    encoder._open(graph)
    ours = encoder.encode(CHECK_SENTENCES)
    reference = MiniLMEncoder(model_path).encode(CHECK_SENTENCES)
    if float((ours * reference).sum(axis=1).min()) < 0.9999:
        raise RuntimeError(f"ONNX export of {model_path.name} does not match sentence-transformers")


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
    base: SentenceEncoder = OnnxEncoder(path) if settings.embedding_backend == "onnx" and OnnxEncoder.supports(path) else MiniLMEncoder(path)
    if store is not None and settings.stored_vectors > 0:
        base = StoredEncoder(base, store, settings.embedding_model, settings.stored_vectors)
    return CachedEncoder(base)
