"""An embedder for big benchmark corpora: the real model on a sample, fixed pseudo-random vectors elsewhere.

Encoding 200,000 passages takes hours on 2 cores, so above ``limit`` texts per call only an evenly spread
sample of ``limit`` texts is really encoded (and timed); every other text gets its nearest sampled
neighbour's vector plus fixed Gaussian noise (cosine ~0.9 to it), normalised. The index then has the
clustered structure of real embeddings, which is what approximate search and its recall depend on; the
dense ranking over the pseudo vectors means nothing, and the benchmark says so.
"""

from __future__ import annotations

import time

import numpy as np

from index.embedder import Embedder

NOISE = 0.025  # per dimension: |noise| ~0.49 in 384 dimensions, cosine ~0.9 to the sampled vector


class SampledEmbedder:
    """Wraps a real Embedder (same name, precision and dimension, so the index is the real model's)."""

    def __init__(self, embedder: Embedder, limit: int, seed: int = 5) -> None:
        self._embedder = embedder
        self.limit = limit
        self.name = embedder.name
        self.precision = embedder.precision
        self._rng = np.random.default_rng(seed)
        self.encoded = 0  # texts really encoded
        self.pseudo = 0  # texts given pseudo-random vectors
        self.encode_s = 0.0  # seconds spent really encoding

    @property
    def dimension(self) -> int:
        """The real model's dimension."""
        return self._embedder.dimension

    def encode(self, texts: list[str], **kwargs: object) -> np.ndarray:
        """Real vectors for up to ``limit`` texts; above that, a real sample and pseudo vectors."""
        step = max(1, -(-len(texts) // self.limit))  # ceil: at most ``limit`` real encodes
        sample = texts[::step]
        started = time.perf_counter()
        real = self._embedder.encode(sample, **kwargs)
        self.encode_s += time.perf_counter() - started
        self.encoded += len(sample)
        if step == 1:
            return real
        self.pseudo += len(texts) - len(sample)
        nearest = np.minimum(np.arange(len(texts)) // step, len(sample) - 1)
        vectors = real[nearest] + self._rng.normal(0.0, NOISE, size=(len(texts), real.shape[1]))
        vectors[::step] = real  # the sampled texts keep their real vectors
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors.astype(np.float32)
