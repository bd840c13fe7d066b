"""The fast embedding path: the sentence-transformers model exported once to ONNX, run with onnxruntime.

The graph holds the whole sentence-transformers pipeline (transformer, mean pooling, L2 normalisation), so
its output equals ``SentenceTransformer.encode(..., normalize_embeddings=True)``. Tokenising uses the model's
own ``tokenizer.json`` through the ``tokenizers`` package. Loading imports neither torch, transformers nor
sentence-transformers; only the one-time export does, in a child process, so no long-running process keeps
torch in memory.

Exports are cached under a content hash of the model's files::

    $INSPECTBOT_CACHE (default ~/.cache/inspectbot)/onnx/<sha256 of the model files>/model-fp32.onnx
                                                                                 .../model-int8.onnx

each beside its memory-mapped form (``model-fp32.mapped.onnx`` + ``model-fp32.mapped.data``), which the
sessions load.

    python -m index.onnx_embedder MODEL_DIR [--precision int8]   # export now (e.g. at install)
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

import numpy as np

Precision = Literal["fp32", "int8"]
PRECISIONS: tuple[Precision, ...] = ("fp32", "int8")
CACHE_ENV = "INSPECTBOT_CACHE"
_OPSET = 17
_SUPPORTED_MODULES = (
    ["sentence_transformers.models.Transformer", "sentence_transformers.models.Pooling"],
    [
        "sentence_transformers.models.Transformer",
        "sentence_transformers.models.Pooling",
        "sentence_transformers.models.Normalize",
    ],
)
_EXPORT_TIMEOUT_S = 900


class OnnxUnavailable(Exception):
    """The ONNX path cannot serve this model (onnxruntime missing, unsupported pipeline, failed export)."""


def cache_root() -> Path:
    """Where exported models are kept: $INSPECTBOT_CACHE, else ~/.cache/inspectbot."""
    configured = os.environ.get(CACHE_ENV)
    return Path(configured).expanduser() if configured else Path.home() / ".cache" / "inspectbot"


def model_digest(model_dir: Path) -> str:
    """sha256 over every file of the model directory (relative path and bytes), hex."""
    files = sorted(p for p in model_dir.rglob("*") if p.is_file() and not p.name.startswith("."))
    return files_digest(files, model_dir)


def files_digest(files: Sequence[Path], root: Path | None = None) -> str:
    """sha256 over ``files`` (each one's path relative to ``root``, else its name, and its bytes), hex.

    Remembered in the cache under the files' sizes and modification times, so that a start-up reads the
    model's weights only once per installation.
    """
    root = root or files[0].parent
    stats = [(str(p.relative_to(root)), p.stat().st_size, p.stat().st_mtime_ns) for p in files]
    stamp_key = hashlib.sha256(json.dumps([str(root.resolve()), stats]).encode()).hexdigest()
    stamp = cache_root() / "onnx" / "stamps" / stamp_key
    try:
        return stamp.read_text(encoding="ascii").strip()
    except OSError:
        pass
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        with path.open("rb") as handle:
            while block := handle.read(1 << 20):
                digest.update(block)
    value = digest.hexdigest()
    with contextlib.suppress(OSError):  # a read-only cache only costs the hashing next time
        write_atomically(stamp, value.encode("ascii"))
    return value


def check_supported(model_dir: Path) -> int:
    """The model's maximum sequence length, if its pipeline is transformer + mean pooling (+ normalise);
    raises OnnxUnavailable otherwise."""
    try:
        modules = json.loads((model_dir / "modules.json").read_text(encoding="utf-8"))
        kinds = [module["type"] for module in modules]
        pooling_dir = next(m["path"] for m in modules if m["type"].endswith("Pooling"))
        pooling = json.loads((model_dir / pooling_dir / "config.json").read_text(encoding="utf-8"))
        config = json.loads((model_dir / "sentence_bert_config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, StopIteration) as exc:
        raise OnnxUnavailable(f"{model_dir} is not a sentence-transformers model directory") from exc
    modes = {key for key, on in pooling.items() if key.startswith("pooling_mode_") and on}
    if kinds not in _SUPPORTED_MODULES or modes != {"pooling_mode_mean_tokens"}:
        raise OnnxUnavailable(f"{model_dir}: only transformer + mean pooling models are exported")
    if not (model_dir / "tokenizer.json").is_file():
        raise OnnxUnavailable(f"{model_dir} has no tokenizer.json")
    return int(config.get("max_seq_length") or 512)


def exported_model(model_dir: Path, precision: Precision = "fp32") -> Path:
    """The cached ONNX file for ``model_dir`` at ``precision``, exporting it first if needed (once: a child
    process imports torch, writes the file atomically and exits), in its memory-mapped form (``mapped``)."""
    target = cache_root() / "onnx" / model_digest(model_dir) / f"model-{precision}.onnx"
    if target.is_file():
        return mapped(target)
    command = [sys.executable, "-m", "index.onnx_embedder", str(model_dir), "--precision", precision]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=_EXPORT_TIMEOUT_S, env=env, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise OnnxUnavailable(f"ONNX export did not run: {exc}") from exc
    if done.returncode != 0 or not target.is_file():
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise OnnxUnavailable(f"ONNX export failed: {last}")
    return mapped(target)


def mapped(model: Path) -> Path:
    """``model`` with its weights in a file of their own beside it (``<name>.mapped.onnx`` and ``.data``),
    which onnxruntime memory-maps instead of copying them out of the graph's protobuf: a MiniLM session
    starts in 0.13 CPU s instead of 0.35, with the same outputs. Written once from ``model`` (with the onnx
    package); ``model`` itself where that fails (no onnx, a damaged export, an unwritable cache)."""
    graph = model.with_name(f"{model.stem}.mapped.onnx")
    if graph.is_file():
        return graph
    data = f"{graph.stem}.data"
    try:
        import onnx

        proto = onnx.load(str(model))
        with tempfile.TemporaryDirectory(dir=model.parent, prefix=".mapped-") as tmp:
            onnx.save_model(
                proto, str(Path(tmp) / graph.name), save_as_external_data=True,
                all_tensors_to_one_file=True, location=data, size_threshold=1024,
            )  # fmt: skip
            os.replace(Path(tmp) / data, graph.with_name(data))
            os.replace(Path(tmp) / graph.name, graph)  # last: the graph never appears without its weights
    except Exception:  # onnx's and protobuf's errors have no common base; the original still loads
        return model
    return graph


def export(model_dir: Path, precision: Precision = "fp32") -> Path:
    """Export ``model_dir`` to its cache file (imports torch and transformers; run in a child process)."""
    check_supported(model_dir)
    folder = cache_root() / "onnx" / model_digest(model_dir)
    fp32 = folder / "model-fp32.onnx"
    if not fp32.is_file():
        _export_fp32(model_dir, fp32)
    if precision == "fp32":
        return fp32
    int8 = folder / "model-int8.onnx"
    if not int8.is_file():
        from onnxruntime.quantization import QuantType, quantize_dynamic

        tmp = int8.with_name(f".{int8.name}.{os.getpid()}.tmp")
        quantize_dynamic(str(fp32), str(tmp), weight_type=QuantType.QInt8)
        os.replace(tmp, int8)
    return int8


def _export_fp32(model_dir: Path, target: Path) -> None:
    """torch.onnx.export of transformer + mean pooling + normalisation, with dynamic batch and length."""
    import torch
    from transformers import AutoModel

    class Pipeline(torch.nn.Module):
        def __init__(self, transformer: torch.nn.Module, names: list[str]) -> None:
            super().__init__()
            self.transformer, self.names = transformer, names

        def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
            kwargs = dict(zip(self.names, inputs, strict=True))
            hidden = self.transformer(**kwargs).last_hidden_state
            weights = kwargs["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2.0, dim=1)

    transformer = AutoModel.from_pretrained(str(model_dir)).eval()
    names = ["input_ids", "attention_mask"]
    if getattr(transformer.config, "type_vocab_size", 0):
        names.append("token_type_ids")
    example = tuple(torch.ones((2, 8), dtype=torch.long) for _ in names)
    axes = {name: {0: "batch", 1: "tokens"} for name in names} | {"embedding": {0: "batch"}}
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with torch.no_grad():
        torch.onnx.export(
            Pipeline(transformer, names),
            example,
            str(tmp),
            input_names=names,
            output_names=["embedding"],
            dynamic_axes=axes,
            opset_version=_OPSET,
            dynamo=False,
        )
    os.replace(tmp, target)


class OnnxEncoder:
    """Sentence embeddings from an exported model: tokenised with ``tokenizers``, run with onnxruntime.

    Texts are batched by token length (as sentence-transformers does) so little padding is computed. A
    few texts (a query) run on a one-thread session, batches on one thread per core; both load lazily.
    ``encode`` is safe to call from several threads.
    """

    def __init__(self, model_dir: str | Path, precision: Precision = "fp32") -> None:
        try:
            import onnxruntime  # noqa: F401
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise OnnxUnavailable("onnxruntime or tokenizers is not installed") from exc
        model_dir = Path(model_dir)
        max_length = check_supported(model_dir)
        self.precision = precision
        self.path = exported_model(model_dir, precision)
        self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(max_length)
        self._session = SessionPool(self.path)
        try:
            self._session(1)
        except Exception as exc:  # onnxruntime's errors (Fail, InvalidProtobuf, ...) derive from Exception
            raise OnnxUnavailable(f"cannot load {self.path}: {exc}".splitlines()[0]) from exc
        self.dimension = int(self.encode(["dimension"]).shape[1])

    def encode(
        self, texts: Sequence[str], *, batch_size: int = 64, small: int = 4, progress: bool = False
    ) -> np.ndarray:
        """Unit-length float32 embeddings of ``texts`` (len(texts), dimension), in order; up to ``small``
        texts run on one thread."""
        encodings = self._tokenizer.encode_batch(list(texts))
        cores = len(os.sched_getaffinity(0))
        session = self._session(1 if len(encodings) <= small else cores)
        wanted = {item.name for item in session.get_inputs()}
        if not encodings:
            return np.zeros((0, self.dimension), dtype=np.float32)
        order = np.argsort([-len(e.ids) for e in encodings], kind="stable")
        parts = []
        starts = range(0, len(order), batch_size)
        if progress:
            from tqdm import tqdm

            starts = tqdm(starts, desc="embedding", unit="batch")
        for start in starts:
            batch = [encodings[i] for i in order[start : start + batch_size]]
            width = max(len(e.ids) for e in batch)
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros_like(ids)
            types = np.zeros_like(ids)
            for row, encoding in enumerate(batch):
                n = len(encoding.ids)
                ids[row, :n], mask[row, :n], types[row, :n] = encoding.ids, 1, encoding.type_ids
            feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
            parts.append(session.run(None, {k: v for k, v in feed.items() if k in wanted})[0])
        out = np.empty((len(encodings), parts[0].shape[1]), dtype=np.float32)
        out[order] = np.concatenate(parts)
        return out


class SessionPool:
    """The onnxruntime sessions of one model, one per thread count, each made on first use (thread-safe)."""

    def __init__(self, model: Path | bytes) -> None:
        self.model = model
        self._sessions: dict[int, object] = {}
        self._lock = threading.Lock()

    def __call__(self, threads: int):  # -> onnxruntime.InferenceSession
        """The session on ``threads`` threads."""
        session = self._sessions.get(threads)
        if session is None:
            with self._lock:
                session = self._sessions.get(threads)
                if session is None:
                    session = self._sessions[threads] = new_session(self.model, threads)
        return session


def new_session(model: Path | bytes, threads: int):  # -> onnxruntime.InferenceSession
    """An onnxruntime CPU session of the model file (or its bytes) on ``threads`` threads."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    # Idle worker threads sleep instead of spinning: on a shared 2-core machine spinning steals the CPU
    # the other requests need.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.log_severity_level = 3
    source = model if isinstance(model, bytes) else str(model)
    return onnxruntime.InferenceSession(source, options, providers=["CPUExecutionProvider"])


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder (readers never see half)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def main() -> None:
    """``python -m index.onnx_embedder MODEL_DIR [--precision P]``: export now; prints the file."""
    import argparse

    parser = argparse.ArgumentParser(description="Export a sentence-transformers model to ONNX.")
    parser.add_argument("model_dir", type=Path)
    parser.add_argument("--precision", choices=PRECISIONS, default="fp32")
    args = parser.parse_args()
    try:
        print(export(args.model_dir.resolve(), args.precision))
    except OnnxUnavailable as exc:
        sys.exit(f"inspectbot: {exc}")


if __name__ == "__main__":
    main()
