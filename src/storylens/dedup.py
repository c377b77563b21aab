"""Dedup: fold exact and near-duplicate articles (syndicated wire copies, light edits).

MinHash over word shingles with an LSH index (datasketch), so each new article is checked
against candidates only, never against every stored article. Signatures are serialised to
bytes so the store can rebuild the index on the next run.
"""

from __future__ import annotations

import re

from datasketch import LeanMinHash, MinHash, MinHashLSH

from storylens.model import Article
from storylens.settings import Settings

WORD = re.compile(r"\w+")


def shingles(text: str, size: int) -> set[bytes]:
    words = WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(text: str, settings: Settings) -> LeanMinHash:
    minhash = MinHash(num_perm=settings.minhash_perm, seed=settings.minhash_seed)
    minhash.update_batch(list(shingles(text, settings.shingle_words)))
    return LeanMinHash(minhash)


def to_bytes(sig: LeanMinHash) -> bytes:
    buffer = bytearray(sig.bytesize())
    sig.serialize(buffer)
    return bytes(buffer)


def from_bytes(data: bytes) -> LeanMinHash:
    return LeanMinHash.deserialize(bytearray(data))


class Deduplicator:
    """Remembers every article seen and says which earlier article a new one copies."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lsh = MinHashLSH(threshold=settings.dedup_threshold, num_perm=settings.minhash_perm)
        self._signatures: dict[str, LeanMinHash] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def remember(self, article_id: str, sig: LeanMinHash) -> None:
        if article_id not in self._signatures:
            self._lsh.insert(article_id, sig)
            self._signatures[article_id] = sig

    def original_of(self, sig: LeanMinHash) -> str | None:
        """The most similar remembered article at or above the threshold, if any.

        LSH candidates are re-checked with the estimated Jaccard similarity, since banding lets
        some pairs below the threshold through.
        """
        best_id, best = None, self.settings.dedup_threshold
        for candidate in self._lsh.query(sig):
            similarity = self._signatures[candidate].jaccard(sig)
            if similarity >= best:
                best_id, best = candidate, similarity
        return best_id

    def fold(self, article: Article) -> bytes:
        """Set `article.duplicate_of` when it copies a remembered article; remember it either way.

        Returns the serialised signature for the store.
        """
        sig = signature(article.title + "\n" + article.text, self.settings)
        original = self.original_of(sig)
        if original is not None and original != article.id:
            article.duplicate_of = original
        self.remember(article.id, sig)
        return to_bytes(sig)
