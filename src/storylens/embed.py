"""Sentence encoder used by the compare stage to align sentences across articles.

`SentenceEncoder` is the small interface compare depends on; tests pass a fake. The default is
all-MiniLM-L6-v2 through sentence-transformers, loaded from an installed model package (or a
local path) on the first `encode` call, never downloaded.

Speed: encoding is most of the compare stage's time, so `load_encoder` wraps the model in a
per-run cache keyed by sentence text (a story recomputed after new articles arrive, wire copy
repeated across outlets and benchmark reruns pay once per sentence), and inputs are cut at
`MAX_TOKENS` word pieces.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from storylens.settings import Settings

BATCH_SIZE = 64
# News sentences are rarely longer; longer "sentences" are run-on lists or unsplit paragraphs whose
# meaning is set by their start, and attention cost grows with the square of the length.
MAX_TOKENS = 128
CACHE_SIZE = 50_000  # ~75 MB of 384-d float32 rows: one large run's worth of sentences


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


class CachedEncoder:
    """Any encoder, with its rows remembered by sentence text (oldest forgotten first)."""

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
                self._rows[text] = row
        out = np.stack([self._rows[s] for s in sentences])
        while len(self._rows) > self._size:
            del self._rows[next(iter(self._rows))]
        return out


def load_encoder(settings: Settings) -> SentenceEncoder:
    return CachedEncoder(MiniLMEncoder(resolve_model_path(settings.embedding_model)))
