"""Benchmark: resident memory of the service after start and after 1,000 questions.

Run: ``python -m benchmarks.memory [--questions 1000]`` over the configured data dir's index.
Reads VmRSS (Linux) before the service is built, after it starts and after answering the
question pool (first turns of both gold splits, cycled) that many times, and the process's
peak RSS. Appends to ``benchmarks/results/memory.json``. The server's RSS under load is in
``benchmarks.http_load``'s record.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time

from benchmarks.common import load_questions, peak_rss_mb, record, rss_mb, without_query_cache


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=int, default=1000)
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    without_query_cache()
    from assistant.service import AskService
    from assistant.settings import load_settings

    settings = load_settings()
    pool = load_questions()
    before = rss_mb()
    service = AskService.from_settings(settings)
    after_start = rss_mb()
    peak_start = peak_rss_mb()
    readings = []
    started = time.perf_counter()
    for n in range(args.questions):
        service.ask(pool[n % len(pool)])
        if (n + 1) % 250 == 0:
            readings.append({"questions": n + 1, "rss_mb": rss_mb()})
    seconds = time.perf_counter() - started
    gc.collect()
    results = {"rss_mb_before_start": before, "rss_mb_after_start": after_start, "peak_rss_mb_at_start": peak_start,
               "rss_mb_after_questions": rss_mb(), "peak_rss_mb": peak_rss_mb(), "readings": readings,
               "seconds": round(seconds, 1)}
    entry = record("memory", {"data_dir": str(settings.data_dir), "questions": args.questions, "pool": len(pool),
                              "chunks": len(service.index.chunks)}, results)
    sys.stdout.write(f"{entry['results']}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
