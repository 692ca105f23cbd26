"""Benchmark: cold and warm ingest of the shipped issue.

Run: ``python -m benchmarks.ingest [--no-shipped]``. Cold = an empty data dir and embedding
cache (the shipped vectors are used, as on a fresh install, unless ``--no-shipped``: then every
passage and sentence is embedded, as for a new issue); warm = the same ingest again (nothing
changed, nothing embedded). Appends to ``benchmarks/results/ingest.json``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

from benchmarks.common import peak_rss_mb, record


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-shipped", action="store_true", help="embed everything (the shipped vectors ignored)")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from assistant.ingest import run_ingest
    from assistant.settings import load_settings

    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(data_dir=Path(tmp))
        with mock.patch("embeddings.shipped.load_shipped", return_value={}) if args.no_shipped else _nothing():
            t0 = time.perf_counter()
            cold = run_ingest(settings)
            cold_s = time.perf_counter() - t0
        t1 = time.perf_counter()
        warm = run_ingest(settings)
        warm_s = time.perf_counter() - t1
    results = {
        "cold_seconds": round(cold_s, 1), "cold_chunks": cold.chunks, "cold_new_embeddings": cold.new_embeddings,
        "embeddings_per_second": round(cold.new_embeddings / cold_s, 2) if cold.new_embeddings else None,
        "warm_seconds": round(warm_s, 2), "warm_new_embeddings": warm.new_embeddings, "peak_rss_mb": peak_rss_mb(),
    }
    entry = record("ingest", {"shipped_vectors": not args.no_shipped, "backend": settings.embedding_backend,
                              "batch_size": settings.embedding_batch_size}, results)
    sys.stdout.write(f"{entry['results']}\n")
    return 0


class _nothing:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


if __name__ == "__main__":
    sys.exit(main())
