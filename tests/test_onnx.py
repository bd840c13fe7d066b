"""The ONNX embedding path: the same vectors as sentence-transformers, a start-up without torch, the
export cached under the model's content hash, the fallback, and an index that refuses mixed precisions."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from index.builder import build_index
from index.embedder import DEFAULT_MODEL, MINILM_MODEL, Embedder, model_precision, resolve_model_path
from index.onnx_embedder import OnnxEncoder, OnnxUnavailable, check_supported, model_digest
from index.store import IndexVersion, ModelMismatchError, embedding_text, open_index

REPO_ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("torch", "sentence_transformers", "transformers")


def test_onnx_and_sentence_transformers_give_the_same_vectors_on_real_chunks(
    index_version: IndexVersion,
) -> None:
    texts = [embedding_text(c, index_version.documents[c.doc_id]) for c in index_version.chunks]
    texts += ["How many cases were filed for punishment in the fourth batch?", "Hebei"]
    onnx, reference = Embedder(backend="onnx"), Embedder(backend="torch")
    assert onnx.backend == "onnx" and reference.backend == "torch"
    fast, slow = onnx.encode(texts), reference.encode(texts)
    assert fast.shape == slow.shape == (len(texts), 384) and fast.dtype == np.float32
    cosines = np.sum(fast * slow, axis=1)
    assert cosines.min() >= 0.9999, f"lowest cosine {cosines.min():.6f}"
    for text, vector in zip(texts[:3], fast, strict=False):  # one at a time: the one-thread query session
        assert float(onnx.encode([text])[0] @ vector) >= 0.9999


def test_minilm_embeds_on_the_onnx_path(minilm: Embedder) -> None:
    assert minilm.backend == "onnx" and minilm.precision == "fp32"


def test_a_fresh_ask_process_imports_no_torch(built_index: Path) -> None:
    script = (
        "import json, sys\n"
        "from bot.cli import cli\n"
        "try:\n"
        "    cli.main(['ask', sys.argv[1], '--index', sys.argv[2], '--json'], standalone_mode=False)\n"
        "finally:\n"
        f"    print(json.dumps([name for name in {HEAVY!r} if name in sys.modules]))\n"
    )
    question = "How many cases were filed for punishment in the fourth batch of the second round?"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", script, question, str(built_index)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env=env,
        timeout=300,
        check=True,
    )
    *answer, imported = done.stdout.strip().splitlines()
    assert json.loads("\n".join(answer))["answered"] is True
    assert json.loads(imported) == []


def test_the_export_is_keyed_by_the_model_files_content(tmp_path: Path) -> None:
    (tmp_path / "weights.bin").write_bytes(b"one")
    first = model_digest(tmp_path)
    assert model_digest(tmp_path) == first
    (tmp_path / "weights.bin").write_bytes(b"two")
    assert model_digest(tmp_path) != first


def _model_copy(tmp_path: Path, pooling: dict[str, bool]) -> Path:
    """The packaged model's files linked into ``tmp_path``, with another pooling configuration."""
    source = Path(resolve_model_path(MINILM_MODEL))
    for path in source.rglob("*"):
        target = tmp_path / path.relative_to(source)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        elif path.name != "config.json" or path.parent.name != "1_Pooling":
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(path)
    config = json.loads((source / "1_Pooling" / "config.json").read_text())
    (tmp_path / "1_Pooling" / "config.json").write_text(json.dumps(config | pooling))
    return tmp_path


def test_a_model_the_export_cannot_express_falls_back_to_sentence_transformers(tmp_path: Path) -> None:
    cls_model = _model_copy(tmp_path, {"pooling_mode_cls_token": True, "pooling_mode_mean_tokens": False})
    with pytest.raises(OnnxUnavailable, match="mean pooling"):
        check_supported(cls_model)
    embedder = Embedder(str(cls_model))
    assert embedder.backend == "torch"
    vectors = embedder.encode(["1,158 cases were filed for punishment"])
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


class _Int8Fake:
    """An int8 embedder as far as the index can tell (no model is loaded)."""

    name = DEFAULT_MODEL
    precision = "int8"
    dimension = 384

    def encode(self, texts: list[str], **kwargs: object) -> np.ndarray:
        raise AssertionError("an index of another precision must be refused before embedding")


def test_the_index_records_the_precision_and_refuses_to_mix(
    built_index: Path, corpus_dir: Path, tmp_path: Path
) -> None:
    version = open_index(built_index, model=DEFAULT_MODEL)
    assert version.manifest.precision == model_precision(DEFAULT_MODEL)  # fp32 for MiniLM, q4 for e5
    assert version.manifest.faiss_index == "flat"
    with pytest.raises(ModelMismatchError, match=r"int8.*--rebuild"):
        open_index(built_index, model=DEFAULT_MODEL, precision="int8")
    index_dir = tmp_path / "index"
    shutil.copytree(built_index, index_dir)
    with pytest.raises(ModelMismatchError, match=r"int8"):
        build_index(corpus_dir, index_dir, _Int8Fake())  # type: ignore[arg-type]


def test_a_damaged_export_is_reported_as_unavailable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INSPECTBOT_CACHE", str(tmp_path))
    model_dir = Path(resolve_model_path(MINILM_MODEL))
    damaged = tmp_path / "onnx" / model_digest(model_dir) / "model-fp32.onnx"
    damaged.parent.mkdir(parents=True)
    damaged.write_bytes(b"not a model")
    with pytest.raises(OnnxUnavailable, match="cannot load"):
        OnnxEncoder(model_dir)
