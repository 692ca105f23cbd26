"""Benchmark (not a test): cold and warm ingest of the shipped issue.

Run: ``python -m evals.bench_ingest [--out evals/out]``. Cold = empty data dir and empty
embedding cache; warm = the same ingest again (nothing changed, nothing embedded).
Writes ``ingest-bench.json``; ``gazette eval`` copies it into its report.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from assistant.cli import run_ingest
from assistant.settings import load_settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("evals/out"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(data_dir=Path(tmp))
        t0 = time.perf_counter()
        cold = run_ingest(settings)
        cold_s = time.perf_counter() - t0
        t1 = time.perf_counter()
        warm = run_ingest(settings)
        warm_s = time.perf_counter() - t1
    result = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "cold_seconds": round(cold_s, 1), "cold_chunks": cold.chunks, "cold_new_embeddings": cold.new_embeddings,
        "embeddings_per_second": round(cold.new_embeddings / cold_s, 2),
        "warm_seconds": round(warm_s, 2), "warm_new_embeddings": warm.new_embeddings,
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "ingest-bench.json").write_text(json.dumps(result, indent=1), "utf-8")
    sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
