"""A version's passage vectors in FAISS: exact inner-product search while small, HNSW past a size.

Both kinds are an ``IndexIDMap2`` keyed by chunk id, so callers see one interface. Flat search costs
about 0.1 ms per thousand vectors on one core (bench/RESULTS.md) and passes ~5 ms near 50,000 vectors;
from ANN_MIN_VECTORS on the builder stores an HNSW graph instead (recall@10 against flat measured by the
benchmark). HNSW cannot delete, so a build that drops vectors from one rebuilds the graph from the
vectors it keeps; adding only inserts. Filtered searches go to the exact vectors underneath either kind
(``exact_search``), so a narrow filter never loses recall.

A graph stores its vectors at fp16 (``hnsw_fp16``: half the memory of fp32, recall@10 against exact fp32
search measured by the benchmark); decoding fp16 and encoding it again gives the same values, so graphs
rebuilt after drops do not drift. Flat indexes stay fp32. Versions written with fp32 graphs (``hnsw``)
are still read and searched; the next build that changes one stores its graph at fp16.
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np

Kind = Literal["flat", "hnsw", "hnsw_fp16"]
GRAPH_KIND: Kind = "hnsw_fp16"  # the kind the builder stores from ANN_MIN_VECTORS on
ANN_MIN_VECTORS = 50_000
HNSW_M = 32
# 80 left recall@10 at 0.981 on 200,000 bench vectors (efSearch 512; 0.982 at 1024); 200 gives 0.993 at
# 1.1 ms per query, for 3.5x the graph's build time (bench/RESULTS.md, 2026-12-01 afternoon).
HNSW_EF_CONSTRUCTION = 200
# On 20,000 real passage embeddings efSearch 32-256 stayed under recall@10 0.99 of exact search and 512
# reached 0.999 at 0.75 ms per query (bench/RESULTS.md of 2026-11-22).
HNSW_EF_SEARCH = 512


def kind_of(index: Any) -> Kind:
    """ "hnsw_fp16" or "hnsw" for an index over an HNSW graph storing fp16 or fp32 vectors, else "flat";
    ValueError for any other storage."""
    import faiss

    inner = faiss.downcast_index(index.index) if hasattr(index, "id_map") else index
    if not isinstance(inner, faiss.IndexHNSW):
        return "flat"
    storage = faiss.downcast_index(inner.storage)
    if isinstance(storage, faiss.IndexFlat):
        return "hnsw"
    if isinstance(storage, faiss.IndexScalarQuantizer) and storage.sq.qtype == faiss.ScalarQuantizer.QT_fp16:
        return "hnsw_fp16"
    raise ValueError(f"unsupported HNSW storage {type(storage).__name__}")


def is_graph(index: Any) -> bool:
    """Whether ``index`` searches an HNSW graph (either storage)."""
    return kind_of(index) != "flat"


def new_index(dimension: int, kind: Kind = "flat") -> Any:
    """An empty ``IndexIDMap2`` over a flat index or an HNSW graph (fp16 or fp32 storage), inner product."""
    import faiss

    if kind == "flat":
        return faiss.IndexIDMap2(faiss.IndexFlatIP(dimension))
    if kind == "hnsw_fp16":
        fp16 = faiss.ScalarQuantizer.QT_fp16
        graph = faiss.IndexHNSWSQ(dimension, fp16, HNSW_M, faiss.METRIC_INNER_PRODUCT)
    else:
        graph = faiss.IndexHNSWFlat(dimension, HNSW_M, faiss.METRIC_INNER_PRODUCT)
    graph.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
    graph.hnsw.efSearch = HNSW_EF_SEARCH
    return faiss.IndexIDMap2(graph)


def ids_of(index: Any) -> np.ndarray:
    """The chunk id of each row of ``index``."""
    import faiss

    return faiss.vector_to_array(index.id_map)


def stored(index: Any) -> tuple[np.ndarray, np.ndarray]:
    """(vectors, chunk ids) held by ``index``, row by row, as fp32; the vectors are a read-only view of
    fp32 storage, a decoded copy of fp16 storage."""
    import faiss

    exact = _exact(index)
    if exact.ntotal == 0:
        return np.zeros((0, exact.d), dtype=np.float32), np.zeros(0, dtype=np.int64)
    if isinstance(exact, faiss.IndexFlat):
        vectors = faiss.rev_swig_ptr(exact.get_xb(), exact.ntotal * exact.d).reshape(exact.ntotal, exact.d)
    else:
        vectors = exact.reconstruct_n(0, exact.ntotal)
    vectors.setflags(write=False)
    return vectors, ids_of(index)


def update(index: Any | None, dimension: int, drop: np.ndarray, vectors: np.ndarray, ids: np.ndarray) -> Any:
    """``index`` (or a new one) without the ids in ``drop`` and with ``vectors`` under ``ids`` added, as
    the kind its new size calls for. May modify ``index`` in place or return another index."""
    if index is None:
        index = new_index(dimension)
    if is_graph(index) and (drop.size or (len(ids) and kind_of(index) != GRAPH_KIND)):
        kept, kept_ids = stored(index)  # HNSW cannot delete; an older fp32 graph is stored at fp16 now
        keep = ~np.isin(kept_ids, drop)
        index = _rebuilt(kept[keep], kept_ids[keep], GRAPH_KIND, dimension)
    elif drop.size:
        index.remove_ids(np.asarray(drop, dtype=np.int64))
    if len(ids):
        index.add_with_ids(vectors, np.asarray(ids, dtype=np.int64))
    wanted: Kind = GRAPH_KIND if index.ntotal >= ANN_MIN_VECTORS else "flat"
    graph = is_graph(index)
    if graph != (wanted != "flat") and not (wanted == "flat" and index.ntotal >= ANN_MIN_VECTORS // 2):
        index = _rebuilt(*stored(index), wanted, dimension)  # flat again only well below the threshold
    return index


def _rebuilt(vectors: np.ndarray, ids: np.ndarray, kind: Kind, dimension: int) -> Any:
    index = new_index(dimension, kind)
    if len(ids):
        index.add_with_ids(np.ascontiguousarray(vectors), ids)
    return index


def _exact(index: Any) -> Any:
    """The index holding the vectors themselves (the HNSW graph's fp32 or fp16 storage, or the flat index)."""
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
    if is_graph(index):
        params = faiss.SearchParametersHNSW(efSearch=max(HNSW_EF_SEARCH, k))
    scores, ids = index.search(query.reshape(1, -1), k, params=params)
    return scores[0], ids[0]
