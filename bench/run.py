"""`make bench`: index, update and query corpora of N synthetic articles; writes bench/RESULTS.md.

    python -m bench.run [--sizes 1000,10000] [--questions 100] [--output bench/RESULTS.md]
    python -m bench.run --sizes 100000 --output /tmp/bench-100k.md     # the big size alone (~1 h)

Settings (environment): BENCH_ENCODE_SAMPLE (default 2000) passages really embedded per build, the others
given pseudo vectors (bench/sampled.py); BENCH_REPLICATE_BASE (default 2000) articles really read for a
corpus over 20,000 articles, copies of them filling the rest. Smaller values make the big sizes quicker and
leave the serving figures as they are (e.g. BENCH_ENCODE_SAMPLE=64 BENCH_REPLICATE_BASE=300 for a serving
run at 100,000); the build throughput figures need the defaults.

Each size runs in three fresh processes (build, serve, cold start), so peak memory and start-up time
belong to that size alone. See bench/stages.py for what each stage measures. The encoders are compared
on the very texts the builder embeds (index.store.embedding_text: the article title, then the passage).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

BENCH_DIR = Path(__file__).resolve().parent
STAGES = ("build", "serve", "cold")
COLD_MAX = 20_000  # the cold-start stage (fresh processes opening the index) runs up to this size


def hardware() -> str:
    """CPU model, usable cores and RAM of this machine."""
    cpu = "unknown CPU"
    ram_gib = 0.0
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            ram_gib = int(line.split()[1]) / 1024**2
    return f"{cpu}, {len(os.sched_getaffinity(0))} cores, {ram_gib:.1f} GiB RAM"


def run_stage(stage: str, size: int, workdir: Path, n_questions: int) -> dict[str, Any]:
    """Run one stage in a fresh Python process and return what it measured."""
    result = workdir / f"{stage}.json"
    command = [sys.executable, "-m", "bench.run", "--stage", stage, "--size", str(size)]
    command += ["--workdir", str(workdir), "--questions", str(n_questions)]
    subprocess.run(command, check=True, cwd=BENCH_DIR.parent)
    return json.loads(result.read_text())


def measure(size: int, n_questions: int) -> dict[str, Any]:
    """All stages for one corpus size, in a temporary directory; exits with one line if a stage fails."""
    row: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix=f"inspectbot-bench-{size}-") as tmp:
        for stage in STAGES if size <= COLD_MAX else STAGES[:2]:
            try:
                row |= run_stage(stage, size, Path(tmp), n_questions)
            except subprocess.CalledProcessError as exc:
                sys.exit(
                    f"bench: the {stage} stage for {size} articles failed (exit {exc.returncode}); see above"
                )
    return row


def _cold(row: dict[str, Any]) -> str:
    """The cold-start cells of a serving row ("-" where the stage did not run)."""
    if "cold_ask_s" not in row:
        return "- | - | - | -"
    ask_cpu, import_cpu = row.get("cold_ask_cpu_s"), row.get("import_st_cpu_s")
    cpu_ratio = import_cpu / ask_cpu if ask_cpu and import_cpu else None
    return " | ".join(
        [
            _with_cpu(row["cold_ask_s"], ask_cpu),
            _with_cpu(row["import_st_s"], import_cpu),
            _with_cpu(row["import_st_s"] / row["cold_ask_s"], cpu_ratio, ".1f", "x"),
            _with_cpu(row["bot_first_poll_s"], row.get("bot_first_poll_cpu_s")),
        ]
    )


def _with_cpu(wall: float, cpu: float | None, fmt: str = ".2f", unit: str = "") -> str:
    """A wall-time figure with its CPU-time figure in brackets (where measured)."""
    return f"{wall:{fmt}}{unit}" + ("" if cpu is None else f" ({cpu:{fmt}}{unit})")


def _articles(row: dict[str, Any]) -> str:
    return f"{row['articles']:,}" + (" (replicated)" if row.get("replicated") else "")


def markdown(rows: list[dict[str, Any]], command: str, seconds: float) -> str:
    """The results as Markdown: building, serving, start-up, and exact against HNSW search."""
    from bench.stages import ENCODE_SAMPLE, REPLICATE_ABOVE, REPLICATE_BASE
    from index.vectors import ANN_MIN_VECTORS, HNSW_EF_CONSTRUCTION, HNSW_EF_SEARCH, HNSW_M

    lines = [
        "# Benchmark results",
        "",
        f"- Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        f"- Hardware: {hardware()}; Python {platform.python_version()}",
        f"- Command: `{command}` ({seconds / 60:.1f} min)",
        "- Corpus: synthetic articles from bench/synthetic.py (4-5 sentences each, dateline included), "
        "two passages each; questions answered by the answer engine.",
        f"- **Embeddings are sampled above {ENCODE_SAMPLE:,} passages**: the build really embeds an evenly "
        "spread sample of that many passages and gives every other passage its nearest sampled neighbour's "
        "vector plus fixed noise (bench/sampled.py), because embedding 200,000 passages takes hours on "
        "2 cores. *full build s* is the measured build plus the pseudo-embedded passages at the encode "
        "rate measured in that build; dense rankings over pseudo vectors mean nothing, their latency and "
        "the ANN recall do.",
        f"- **(replicated)**: above {REPLICATE_ABOVE:,} articles the corpus is not parsed article by article "
        f"(hours on 2 cores): {REPLICATE_BASE:,} articles go through the real reader and chunker, and copies "
        "of them, each made unique by a closing line and written to disk as such, fill the corpus; vectors, "
        "BM25, HNSW and the version are made with the builder's own functions. *build s* is that assembly; "
        "*full build s* projects a real build (every article at the measured per-article read cost, every "
        "passage at the measured encode rate). Adding one article is the real incremental build over the "
        "whole corpus. Cold start (fresh processes) is measured up to "
        f"{COLD_MAX:,} articles.",
        "",
        "## Building",
        "",
        "| articles | chunks | really embedded | build s (measured) | full build s | build chunks/s "
        "| index encoder chunks/s | bare sentence-transformers chunks/s | add 1 article s "
        "| add 1 / full build | peak MiB build |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {_articles(r)} | {r['chunks']:,} | {r['really_embedded']:,} | {r['build_s']:.1f} "
            f"| {r['full_build_s']:.0f} | {r['build_chunks_per_s']:.1f} | {r['index_encode_per_s']:.1f} "
            f"| {r['bare_chunks_per_s']:.1f} | {r['add_one_s']:.2f} "
            f"| {r['add_one_s'] / r['full_build_s']:.2%} | {r['build_peak_rss_mib']:.0f} |"
        )
    lines += [
        "",
        "Index encoder: the embedder the build uses (the ONNX path unless it is unavailable) on 256 of the "
        "passages; bare: `SentenceTransformer.encode` on the same passages, batch 64, in the same process "
        "right after (the faster of two runs each). Build chunks/s = chunks / full build s (reading, "
        "metadata, chunking, embedding, BM25 and writing the version).",
        "",
        "## Serving",
        "",
        "| articles | vector index | start-up s | open index s | p50 ms | p95 ms | search p50 ms "
        "| peak MiB serve | cold ask s | import sentence_transformers s | ratio | bot first getUpdates s |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {_articles(r)} | {r['index_kind']} | {r['startup_s']:.2f} | {r['open_index_s']:.2f} "
            f"| {_with_cpu(r['p50_ms'], r.get('cpu_p50_ms'), '.1f')} "
            f"| {_with_cpu(r['p95_ms'], r.get('cpu_p95_ms'), '.1f')} "
            f"| {_with_cpu(r['search_p50_ms'], r.get('search_cpu_p50_ms'), '.1f')} "
            f"| {r['serve_peak_rss_mib']:.0f} | {_cold(r)} |"
        )
    lines += [
        "",
        "Start-up = open the index + load the model + build the searcher and engine + answer a first "
        "question (in the serving process, after its imports). p50/p95: whole answers, query embedding "
        "included; search p50: the hybrid search alone (query embedding cached). Cold ask: "
        "`inspectbot ask` in a fresh process, imports included; beside it "
        "`python -c 'import sentence_transformers'`, alternated, the faster of two each. Bot: "
        "`inspectbot bot` started against the fake Bot API (tests/fake_telegram.py) "
        "until its first getUpdates. In brackets: CPU time of that process (user + system; for p50/p95 and "
        "search, the single-threaded answer's), which a busy machine disturbs far less than wall time.",
        "",
        "## Questions across inspections",
        "",
        "| articles | questions | p50 ms | p95 ms (target 80) |",
        "|---:|---:|---:|---:|",
        *(
            f"| {_articles(r)} | {r['questions']} | {r['cross_p50_ms']:.1f} "
            f"| {_with_cpu(r['cross_p95_ms'], r.get('cross_cpu_p95_ms'), '.1f')} |"
            for r in rows
            if "cross_p95_ms" in r
        ),
        "",
        "Totals, differences, the most, comparisons and rankings of batches (bench/synthetic.py "
        "`cross_questions`), answered from the facts table, in the serving process after the others.",
        "",
        "## Exact against approximate search",
        "",
        "| articles | vectors | stored | exact ms/query | HNSW ms/query | efSearch | HNSW build s "
        "| HNSW recall@10 vs exact |",
        "|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        ann = r["ann"]
        build = f"{ann['hnsw_build_s']:.1f}" if ann["stored"] == "flat" else "(stored)"
        lines.append(
            f"| {r['articles']:,} | {ann['vectors']:,} | {ann['stored']} | {ann['flat_ms']:.3f} "
            f"| {ann['hnsw_ms']:.3f} | {ann['ef_search']} | {build} | {ann['recall_at_k']:.3f} |"
        )
    lines += [
        "",
        f"The build stores HNSW with fp16 vectors (index/vectors.py: M={HNSW_M}, "
        f"efConstruction={HNSW_EF_CONSTRUCTION}, "
        f"efSearch={HNSW_EF_SEARCH}, at least the search depth) from {ANN_MIN_VECTORS:,} vectors on, where "
        "exact search passes ~5 ms per query; filtered searches stay exact over the allowed rows. Queries: "
        "the benchmark questions, one at a time, on one thread.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    """Run the stages for each size and write the report (or, with --stage, one stage)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated article counts")
    parser.add_argument("--questions", type=int, default=100, help="questions timed per size")
    parser.add_argument("--output", type=Path, default=BENCH_DIR / "RESULTS.md")
    parser.add_argument("--stage", choices=STAGES, help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.stage:
        from bench.stages import build_stage, cold_stage, serve_stage

        if args.stage == "build":
            measured = build_stage(args.size, args.workdir)
        elif args.stage == "serve":
            measured = serve_stage(args.size, args.workdir, args.questions)
        else:
            measured = cold_stage(args.size, args.workdir)
        (args.workdir / f"{args.stage}.json").write_text(json.dumps(measured))
        return

    try:
        sizes = [int(size.replace("_", "")) for size in args.sizes.split(",") if size.strip()]
    except ValueError:
        parser.error("--sizes takes comma-separated whole numbers, e.g. 100,1000")
    started = time.perf_counter()
    rows = []
    for size in sizes:
        rows.append(measure(size, args.questions))
        print(f"[bench {size}] done: {json.dumps(rows[-1])}", file=sys.stderr, flush=True)
    command = "python -m bench.run " + " ".join(sys.argv[1:])
    report = markdown(rows, command.strip(), time.perf_counter() - started)
    args.output.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
