import json
import logging
import os
import time
from pathlib import Path

import numpy as np
import pytest

from storylens.embed import CachedEncoder, MiniLMEncoder, OnnxEncoder, StoredEncoder, load_encoder, load_tokenizer, resolve_model_path
from storylens.settings import Settings

SENTENCES = [
    "Officials said 14 people died when the bridge collapsed.",
    "The bridge collapse killed fourteen people, officials said.",
    "Stocks rose on Tuesday.",
    "word " * 300,  # longer than MAX_TOKENS: both backends truncate it the same way
]


@pytest.fixture(scope="module")
def model_path() -> Path:
    return resolve_model_path(Settings().embedding_model)


def test_onnx_backend_gives_pytorchs_vectors(model_path: Path, onnx_cache: Path) -> None:
    onnx = OnnxEncoder(model_path).encode(SENTENCES)
    torch = MiniLMEncoder(model_path).encode(SENTENCES)
    assert onnx.shape == torch.shape == (4, 384)
    assert np.allclose(np.linalg.norm(onnx, axis=1), 1.0, atol=1e-5)
    assert (onnx * torch).sum(axis=1).min() > 0.9999
    assert list(onnx_cache.glob("*.onnx")), "the export is kept for the next run"


def test_int8_backend_stays_close_to_pytorchs_vectors(model_path: Path, onnx_cache: Path) -> None:
    int8 = OnnxEncoder(model_path, quantized=True).encode(SENTENCES)
    torch = MiniLMEncoder(model_path).encode(SENTENCES)
    assert int8.shape == (4, 384)
    assert (int8 * torch).sum(axis=1).min() > 0.97
    # a paraphrase still scores far above an unrelated sentence
    assert int8[0] @ int8[1] > 0.8 > 0.3 > int8[0] @ int8[2]
    assert list(onnx_cache.glob("*-int8-*.onnx")), "the int8 graph is kept for the next run"


def test_tokenizer_matches_transformers(model_path: Path) -> None:
    """The encoder tokenizes with `tokenizers` alone; transformers' tokenizer is the reference."""
    from transformers import AutoTokenizer

    got = load_tokenizer(model_path, 128).encode_batch(SENTENCES)
    reference = AutoTokenizer.from_pretrained(str(model_path))(SENTENCES, padding=True, truncation=True, max_length=128)
    assert [e.ids for e in got] == reference["input_ids"]
    assert [e.attention_mask for e in got] == reference["attention_mask"]
    assert [e.type_ids for e in got] == reference["token_type_ids"]


def test_default_settings_use_float_onnx(model_path: Path) -> None:
    default = load_encoder(Settings())._inner  # type: ignore[attr-defined]
    assert isinstance(default, OnnxEncoder) and not default._quantized
    assert load_encoder(Settings(embedding_backend="onnx-int8"))._inner._quantized  # type: ignore[attr-defined]
    assert isinstance(load_encoder(Settings(embedding_backend="torch"))._inner, MiniLMEncoder)  # type: ignore[attr-defined]


def test_failed_quantisation_falls_back_to_the_float_graph(model_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    from storylens import embed

    def broken(*args: object) -> None:
        raise RuntimeError("no quantiser")

    monkeypatch.setattr(embed, "_quantize", broken)
    monkeypatch.setattr(embed, "QUANTIZE_VERSION", 999)  # no cached int8 graph to find
    with caplog.at_level(logging.WARNING, logger="storylens.embed"):
        vectors = OnnxEncoder(model_path, quantized=True).encode(SENTENCES[:2])
    assert (vectors * MiniLMEncoder(model_path).encode(SENTENCES[:2])).sum(axis=1).min() > 0.9999
    assert "float graph" in caplog.text


def test_unknown_backend_is_a_settings_error() -> None:
    with pytest.raises(ValueError, match="embedding_backend"):
        Settings(embedding_backend="tensorflow")


def test_only_mean_pooled_models_run_in_onnx(model_path: Path, tmp_path: Path) -> None:
    assert OnnxEncoder.supports(model_path)
    (tmp_path / "1_Pooling").mkdir()
    (tmp_path / "modules.json").write_text((model_path / "modules.json").read_text())
    pooling = json.loads((model_path / "1_Pooling" / "config.json").read_text())
    (tmp_path / "1_Pooling" / "config.json").write_text(json.dumps({**pooling, "pooling_mode_mean_tokens": False, "pooling_mode_cls_token": True}))
    assert not OnnxEncoder.supports(tmp_path)
    assert not OnnxEncoder.supports(tmp_path / "missing")


def test_failed_export_falls_back_to_pytorch(model_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("STORYLENS_CACHE", str(blocker))  # the cache folder cannot be made
    with caplog.at_level(logging.WARNING, logger="storylens.embed"):
        vectors = OnnxEncoder(model_path).encode(SENTENCES[:2])
    assert vectors.shape == (2, 384)
    assert "encoding with PyTorch" in caplog.text


class CountingEncoder:
    """A fake model: a fixed random vector per text, and a log of what it was asked to encode."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def encode(self, sentences: list[str]) -> np.ndarray:
        self.calls.append(list(sentences))
        rows = np.stack([np.random.default_rng(abs(hash(s)) % 2**32).normal(size=8) for s in sentences])
        return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def test_stored_vectors_are_not_encoded_again(fresh_store) -> None:
    model = CountingEncoder()
    first = CachedEncoder(StoredEncoder(model, fresh_store, "m", limit=100)).encode(["a", "b", "a"])
    # A later run (a new in-memory cache) encodes only the sentence it has never seen.
    second = CachedEncoder(StoredEncoder(model, fresh_store, "m", limit=100)).encode(["b", "c", "a"])
    assert model.calls == [["a", "b"], ["c"]]
    assert np.array_equal(second[0], first[1]) and np.array_equal(second[2], first[0])
    # Stored or just computed, the same vector: what the brief sees does not depend on history.
    assert np.array_equal(second[1], CachedEncoder(CountingEncoder()).encode(["c"])[0])
    other_model = CountingEncoder()
    StoredEncoder(other_model, fresh_store, "another-model", limit=100).encode(["a"])
    assert other_model.calls == [["a"]]  # vectors are kept per model


def test_stored_vectors_keep_the_most_recently_used(fresh_store) -> None:
    model = CountingEncoder()
    encoder = StoredEncoder(model, fresh_store, "m", limit=2)
    encoder.encode(["old"])
    encoder.encode(["used"])
    encoder.encode(["used"])  # read again: now the most recently used
    encoder.encode(["new"])  # one over the limit: "old" goes
    model.calls.clear()
    encoder.encode(["used", "new", "old"])
    assert model.calls == [["old"]]


def test_a_new_export_forgets_old_exports_of_the_model(tmp_path: Path) -> None:
    from storylens import embed

    current = tmp_path / "pkg-model-new.onnx"
    old, recent, int8_of_current, other_model = (tmp_path / n for n in (
        "pkg-model-old.onnx", "pkg-model-recent-int8-v1.onnx", "pkg-model-new-int8-v1.onnx", "other-model-old.onnx"))
    for path in (current, old, recent, int8_of_current, other_model):
        path.write_text("")
    month_ago = time.time() - (embed.STALE_EXPORT_DAYS + 1) * 86400
    for path in (old, int8_of_current, other_model):
        os.utime(path, (month_ago, month_ago))
    embed._forget_stale_exports(current, "pkg-model-")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "other-model-old.onnx", "pkg-model-new-int8-v1.onnx", "pkg-model-new.onnx", "pkg-model-recent-int8-v1.onnx"]


def test_int8_vector_does_not_depend_on_the_other_sentences(model_path: Path, onnx_cache: Path) -> None:
    """int8 graphs quantise activations with one scale per input tensor: encoded in one padded
    batch, a sentence's vector moved with its batch-mates; alone, it is the same in every call."""
    encoder = OnnxEncoder(model_path, quantized=True, threads=2)
    alone = encoder.encode(SENTENCES[2:3])[0]
    for others in (SENTENCES[:2], SENTENCES[3:], SENTENCES):
        assert np.array_equal(encoder.encode([SENTENCES[2], *others])[0], alone)
