"""Benchmark: in-process latency of retrieval and of the whole answer, and of the first question.

Run: ``python -m benchmarks.latency [--repeat 1] [--limit N]`` over the index of the configured
data dir (``GAZETTE_DATA_DIR``; build it with ``gazette ingest``). It starts the service, times the
start and the first question (cold: the first jieba, ONNX and Chroma calls), then asks every
first-turn question of ``evals/heldout.jsonl`` and ``evals/tune.jsonl`` once to warm up and
``--repeat`` more times measured: retrieval alone (``HybridSearch.search``) and the whole answer
(``AskService.ask``, extractive). Appends p50/p95/p99 to ``benchmarks/results/latency.json``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from benchmarks.common import load_questions, percentiles, record, without_query_cache


def run(repeat: int, limit: int | None, warm_up: bool = True) -> tuple[dict, dict]:
    """Measure; returns (settings of the run, results)."""
    from assistant.service import AskService
    from assistant.settings import load_settings

    settings = load_settings()
    questions = load_questions()[:limit] if limit else load_questions()
    started = time.perf_counter()
    service = AskService.from_settings(settings)
    start_ms = (time.perf_counter() - started) * 1000
    t0 = time.perf_counter()
    service.ask(questions[0])
    first_ms = (time.perf_counter() - t0) * 1000
    if warm_up:
        for q in questions:
            service.ask(q)
    retrieve_ms, answer_ms = [], []
    for _ in range(repeat):
        for q in questions:
            t0 = time.perf_counter()
            service.search.search(q, settings.retrieval_k)
            retrieve_ms.append((time.perf_counter() - t0) * 1000)
        for q in questions:
            t0 = time.perf_counter()
            service.ask(q)
            answer_ms.append((time.perf_counter() - t0) * 1000)
    run_settings = {"data_dir": str(settings.data_dir), "questions": len(questions), "repeat": repeat,
                    "warm_up": warm_up, "mode": settings.answer_mode, "backend": settings.embedding_backend,
                    "issues": [i["issue_id"] for i in service.index.manifest.issues],
                    "chunks": len(service.index.chunks), "omp_threads": os.environ.get("OMP_NUM_THREADS")}
    results = {"start_ms": round(start_ms, 1), "first_question_ms": round(first_ms, 1),
               "retrieve_ms": percentiles(retrieve_ms), "answer_ms": percentiles(answer_ms)}
    return run_settings, results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=1, help="measured passes over the questions")
    parser.add_argument("--limit", type=int, default=None, help="first N questions only")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    without_query_cache()
    run_settings, results = run(args.repeat, args.limit)
    entry = record("latency", run_settings, results)
    sys.stdout.write(f"{entry['results']}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
