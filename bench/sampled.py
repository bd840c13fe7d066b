"""An embedder for big benchmark corpora: the real model on a sample, fixed pseudo-random vectors elsewhere.

Encoding 200,000 passages takes hours on 2 cores, so above ``limit`` texts per call only an evenly spread
sample of ``limit`` texts is really encoded (and timed); every other text gets a fixed pseudo-random
vector near the real ones: a random mix of its nearest sampled neighbour's vector (its topic, weighing
most) and two other sampled vectors, plus Gaussian noise, normalised. The vectors then spread over the
region real embeddings occupy, as a real corpus's do, and no two are near-copies of one real vector: a
vector per real one plus noise made isolated tight clusters, where the exact top 10 was a near-tie inside
one cluster and an HNSW graph had few edges between clusters, so recall@10 measured nothing (0.06 at
200,000). The dense ranking over the pseudo vectors still means nothing, and the benchmark says so.
"""

from __future__ import annotations

import time

import numpy as np

from index.embedder import Embedder

NOISE = 0.01  # per dimension: |noise| ~0.2 in 384 dimensions
_BLOCK = 10_000
MIX = (4.0, 1.0, 1.0)  # Dirichlet weights of the topic and two other sampled vectors (topic ~2/3 on average)


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
        """Real vectors for up to ``limit`` distinct texts; above that, a real sample and pseudo vectors.
        The sample is spread over the distinct texts (a replicated corpus repeats its sources' passages),
        and each text's topic is the sampled text nearest its own distinct text."""
        distinct, where = np.unique(np.asarray(texts, dtype=object), return_inverse=True)
        step = max(1, -(-len(distinct) // self.limit))  # ceil: at most ``limit`` real encodes
        sample = [str(text) for text in distinct[::step]]
        started = time.perf_counter()
        real = self._embedder.encode(sample, **kwargs)
        self.encode_s += time.perf_counter() - started
        self.encoded += len(sample)
        if step == 1 and len(distinct) == len(texts):
            return real
        self.pseudo += len(texts) - len(sample)
        n = len(texts)
        nearest = np.minimum(where // step, len(sample) - 1)
        picks = np.column_stack([nearest, self._rng.integers(0, len(sample), size=(n, len(MIX) - 1))])
        weights = self._rng.dirichlet(MIX, size=n).astype(np.float32)
        vectors = np.empty((n, real.shape[1]), dtype=np.float32)
        for begin in range(0, n, _BLOCK):  # blocks: the gathered triples of 200,000 would take 1 GB
            rows = slice(begin, begin + _BLOCK)
            vectors[rows] = np.einsum("nk,nkd->nd", weights[rows], real[picks[rows]])
        vectors += self._rng.normal(0.0, NOISE, size=vectors.shape).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        first = np.unique(where, return_index=True)[1]  # where each distinct text first occurs
        vectors[first[::step]] = real  # a sampled text keeps its real vector there
        return vectors.astype(np.float32)
