"""`make bench`: index, update and query corpora of N synthetic articles; writes bench/RESULTS.md.

    python -m bench.run [--sizes 100,1000,10000] [--questions 100] [--output bench/RESULTS.md]

Each size runs in two fresh processes (build, then serve), so peak memory and start-up time belong to
that size alone. See bench/stages.py for what each stage measures. Bare encode runs on the very texts
the builder embeds (index.store.embedding_text: the article title, then the passage).
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
    """Both stages for one corpus size, in a temporary directory; exits with one line if a stage fails."""
    row: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix=f"inspectbot-bench-{size}-") as tmp:
        for stage in ("build", "serve"):
            try:
                row |= run_stage(stage, size, Path(tmp), n_questions)
            except subprocess.CalledProcessError as exc:
                sys.exit(
                    f"bench: the {stage} stage for {size} articles failed (exit {exc.returncode}); see above"
                )
    return row


def markdown(rows: list[dict[str, Any]], command: str, seconds: float) -> str:
    """The results as Markdown: one table for indexing and answering, one for flat against HNSW."""
    answered_by = rows[0]["answered_by"] if rows else "engine"
    lines = [
        "# Benchmark results",
        "",
        f"- Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        f"- Hardware: {hardware()}; Python {platform.python_version()}",
        f"- Command: `{command}` ({seconds / 60:.1f} min)",
        "- Corpus: synthetic articles from bench/synthetic.py (4-5 sentences each, dateline included); "
        f"questions answered by the {answered_by}; the model is loaded once per process.",
        "",
        "| articles | chunks | build s | build chunks/s | bare encode chunks/s | add 1 article s "
        "| chunks embedded | start-up s | p50 ms | p95 ms | search p50 ms "
        "| peak MiB build | peak MiB serve |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['articles']:,} | {r['chunks']:,} | {r['build_s']:.1f} | {r['build_chunks_per_s']:.1f} "
            f"| {r['bare_chunks_per_s']:.1f} | {r['add_one_s']:.2f} | {r['add_one_chunks']} "
            f"| {r['startup_s']:.2f} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | {r['search_p50_ms']:.1f} "
            f"| {r['build_peak_rss_mib']:.0f} | {r['serve_peak_rss_mib']:.0f} |"
        )
    lines += [
        "",
        "Start-up = open the index + load the model + build the searcher/engine + answer a first question "
        "(in a fresh process, imports included). Bare encode = SentenceTransformer.encode on the same chunk "
        "texts (all of them, or an evenly spread sample of 2,000 at the larger sizes), batch 64. "
        "p50/p95: whole answers, query embedding included; search p50: the hybrid search alone "
        "(query embedding cached).",
        "",
        "| articles | vectors | flat ms/query | HNSW ms/query | HNSW efSearch | HNSW build s "
        "| HNSW recall@10 vs flat |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        ann = r["ann"]
        lines.append(
            f"| {r['articles']:,} | {ann['vectors']:,} | {ann['flat_ms']:.3f} | {ann['hnsw_ms']:.3f} "
            f"| {ann['ef_search']} | {ann['hnsw_build_s']:.1f} | {ann['recall_at_k']:.3f} |"
        )
    lines += [
        "",
        "HNSW (faiss IndexHNSWFlat, inner product): M=32, efConstruction=80; efSearch is the smallest of "
        "32, 64, 128, 256, 512 reaching recall@10 >= 0.99 against the exact flat search (else 512). "
        "Queries: the benchmark questions, one at a time.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="comma-separated article counts")
    parser.add_argument("--questions", type=int, default=100, help="questions timed per size")
    parser.add_argument("--output", type=Path, default=BENCH_DIR / "RESULTS.md")
    parser.add_argument("--stage", choices=["build", "serve"], help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.stage:
        from bench.stages import build_stage, serve_stage

        measured = (
            build_stage(args.size, args.workdir)
            if args.stage == "build"
            else serve_stage(args.size, args.workdir, args.questions)
        )
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
