"""A version's passage vectors in FAISS: exact inner-product search while small, HNSW past a size.

Both kinds are an ``IndexIDMap2`` keyed by chunk id, so callers see one interface. Flat search costs
about 0.1 ms per thousand vectors on one core (bench/RESULTS.md) and passes ~5 ms near 50,000 vectors;
from ANN_MIN_VECTORS on the builder stores an HNSW graph instead (recall@10 against flat measured by the
benchmark). HNSW cannot delete, so a build that drops vectors from one rebuilds the graph from the
vectors it keeps; adding only inserts. Filtered searches go to the exact vectors underneath either kind
(``exact_search``), so a narrow filter never loses recall.
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np

Kind = Literal["flat", "hnsw"]
ANN_MIN_VECTORS = 50_000
HNSW_M = 32
# 80 left recall@10 at 0.981 on 200,000 bench vectors (efSearch 512; 0.982 at 1024); 200 gives 0.993 at
# 1.1 ms per query, for 3.5x the graph's build time (bench/RESULTS.md, 2026-12-01 afternoon).
HNSW_EF_CONSTRUCTION = 200
# On 20,000 real passage embeddings efSearch 32-256 stayed under recall@10 0.99 of exact search and 512
# reached 0.999 at 0.75 ms per query (bench/RESULTS.md of 2026-11-22).
HNSW_EF_SEARCH = 512


def kind_of(index: Any) -> Kind:
    """ "hnsw" for an index over an HNSW graph, else "flat"."""
    import faiss

    inner = faiss.downcast_index(index.index) if hasattr(index, "id_map") else index
    return "hnsw" if isinstance(inner, faiss.IndexHNSW) else "flat"


def new_index(dimension: int, kind: Kind = "flat") -> Any:
    """An empty ``IndexIDMap2`` over a flat or an HNSW inner-product index."""
    import faiss

    if kind == "flat":
        return faiss.IndexIDMap2(faiss.IndexFlatIP(dimension))
    graph = faiss.IndexHNSWFlat(dimension, HNSW_M, faiss.METRIC_INNER_PRODUCT)
    graph.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
    graph.hnsw.efSearch = HNSW_EF_SEARCH
    return faiss.IndexIDMap2(graph)


def stored(index: Any) -> tuple[np.ndarray, np.ndarray]:
    """(vectors, chunk ids) held by ``index``, row by row; the vectors are a read-only view, not a copy."""
    import faiss

    flat = _exact(index)
    if flat.ntotal == 0:
        return np.zeros((0, flat.d), dtype=np.float32), np.zeros(0, dtype=np.int64)
    vectors = faiss.rev_swig_ptr(flat.get_xb(), flat.ntotal * flat.d).reshape(flat.ntotal, flat.d)
    vectors.setflags(write=False)
    return vectors, faiss.vector_to_array(index.id_map)


def update(index: Any | None, dimension: int, drop: np.ndarray, vectors: np.ndarray, ids: np.ndarray) -> Any:
    """``index`` (or a new one) without the ids in ``drop`` and with ``vectors`` under ``ids`` added, as
    the kind its new size calls for. May modify ``index`` in place or return another index."""
    if index is None:
        index = new_index(dimension)
    if drop.size:
        if kind_of(index) == "hnsw":
            kept, kept_ids = stored(index)
            keep = ~np.isin(kept_ids, drop)
            index = _rebuilt(kept[keep], kept_ids[keep], "hnsw", dimension)
        else:
            index.remove_ids(np.asarray(drop, dtype=np.int64))
    if len(ids):
        index.add_with_ids(vectors, np.asarray(ids, dtype=np.int64))
    wanted: Kind = "hnsw" if index.ntotal >= ANN_MIN_VECTORS else "flat"
    if wanted != kind_of(index) and not (wanted == "flat" and index.ntotal >= ANN_MIN_VECTORS // 2):
        index = _rebuilt(*stored(index), wanted, dimension)  # flat again only well below the threshold
    return index


def _rebuilt(vectors: np.ndarray, ids: np.ndarray, kind: Kind, dimension: int) -> Any:
    index = new_index(dimension, kind)
    if len(ids):
        index.add_with_ids(np.ascontiguousarray(vectors), ids)
    return index


def _exact(index: Any) -> Any:
    """The flat index holding the vectors themselves (the HNSW graph's storage, or the flat index)."""
    import faiss

    inner = faiss.downcast_index(index.index)
    return faiss.downcast_index(inner.storage) if isinstance(inner, faiss.IndexHNSW) else inner


def exact_search(
    index: Any, query: np.ndarray, k: int, rows: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Exact inner-product search among all stored vectors, or the rows where ``rows`` (bool, one per
    stored vector) is True: (scores, row numbers), best first, -1 rows where fewer than ``k`` qualify."""
    import faiss

    params = None
    if rows is not None:
        bitmap = np.packbits(rows, bitorder="little")
        params = faiss.SearchParameters(sel=faiss.IDSelectorBitmap(len(rows), faiss.swig_ptr(bitmap)))
    scores, found = _exact(index).search(query.reshape(1, -1), k, params=params)
    return scores[0], found[0]


def search(index: Any, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` nearest chunk ids (and scores) among all; HNSW explores at least ``k`` candidates."""
    import faiss

    params = None
    if kind_of(index) == "hnsw":
        params = faiss.SearchParametersHNSW(efSearch=max(HNSW_EF_SEARCH, k))
    scores, ids = index.search(query.reshape(1, -1), k, params=params)
    return scores[0], ids[0]
