"""``gazette eval``: run the gold set through the service and write report.md / report.json."""

from __future__ import annotations

import json
import platform
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import asdict
from pathlib import Path

from assistant.settings import PROJECT_DIR, Settings
from evals.metrics import GoldItem, mean, percentile, score_answer, score_retrieval


DEFAULT_GOLD = Path(__file__).resolve().parent / "gold.jsonl"
# Questions kept out of tuning (gold.jsonl is what the rules were tuned on):
# `gazette eval evals/heldout.jsonl` shows how far the answerer carries to new questions.
HELDOUT_GOLD = Path(__file__).resolve().parent / "heldout.jsonl"


def load_gold(path: Path) -> list[GoldItem]:
    items = []
    for lineno, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if line.strip():
            try:
                items.append(GoldItem.from_dict(json.loads(line)))
            except (ValueError, KeyError) as exc:
                raise ValueError(f"{path}:{lineno}: {exc}") from exc
    return items


def evaluate(service, items: list[GoldItem], mode: str = "extractive", baseline=None) -> dict:
    """Score every item; returns the report dict (no I/O).

    Retrieval is scored on the passages the answer object reports (``retrieved``), so each
    question is searched once, exactly as ``gazette ask --batch`` does.
    """
    index = service.index
    ranges = {d["doc_number"]: (d["start_page"], d["end_page"]) for d in index.documents}
    source = "\n".join(index.source_text(i["issue_id"]) for i in index.manifest.issues)
    rows = []
    retrieve_ms, answer_ms = [], []
    for item in items:
        started = time.perf_counter()
        answer = service.ask_item({"id": item.id, "question": item.question, "history": item.history}, mode)
        answer_ms.append((time.perf_counter() - started) * 1000)
        retrieve_ms.append(answer.get("timings_ms", {}).get("retrieve", 0.0))
        ret = score_retrieval(item, [(p["doc_number"], p["text"]) for p in answer.get("retrieved", [])])
        ans = score_answer(item, answer, ranges, source)
        base = score_retrieval(item, baseline.search(item.question)) if baseline is not None else None
        rows.append({"item": item, "retrieval": ret, "answer": ans, "baseline": base, "raw": answer})
    return summarise(rows, retrieve_ms, answer_ms, mode)


def summarise(rows: list[dict], retrieve_ms: list[float], answer_ms: list[float], mode: str) -> dict:
    answerable = [r for r in rows if r["item"].answerable]
    unanswerable = [r for r in rows if not r["item"].answerable]
    followups = [r for r in answerable if r["item"].history]

    def retrieval_block(key: str) -> dict:
        scored = [r[key] for r in answerable if r[key] is not None]
        if not scored:
            return {}
        return {"doc@1": mean([s.doc_at_1 for s in scored]), "doc@5": mean([s.doc_at_5 for s in scored]),
                "evidence@1": mean([s.evidence_at_1 for s in scored]),
                "evidence@5": mean([s.evidence_at_5 for s in scored]),
                "mrr": mean([s.reciprocal_rank for s in scored])}

    answers = [r["answer"] for r in answerable]
    all_answers = [r["answer"] for r in rows]
    precisions = [a.citation_precision for a in all_answers if a.citation_precision is not None]
    pages = [a.pages_in_range for a in all_answers if a.pages_in_range is not None]
    quotes = [a.quotes_verbatim for a in all_answers if a.quotes_verbatim is not None]
    by_type: dict[str, list] = defaultdict(list)
    for r in rows:
        by_type[r["item"].type].append(r)
    failures = []
    for r in rows:
        a = r["answer"]
        ok = a.correct if r["item"].answerable else a.refused
        if not ok:
            failures.append({"id": r["item"].id, "question": r["item"].question, "type": r["item"].type,
                             "expected": r["item"].doc_numbers, "keywords": r["item"].answer_keywords,
                             "answer": r["raw"]["answer"][:300], "refused": a.refused,
                             "cited": [c["doc_number"] for c in r["raw"].get("citations", [])]})
    return {
        "mode": mode,
        "questions": len(rows), "answerable": len(answerable), "unanswerable": len(unanswerable),
        "followups": len(followups),
        "retrieval": retrieval_block("retrieval"),
        "baseline": retrieval_block("baseline"),
        "answer": {
            "correct": mean([a.correct for a in answers]),
            "keyword_recall": mean([a.keyword_recall for a in answers]),
            "citation_precision": mean(precisions),
            "citation_recall": mean([a.citation_recall for a in answers]),
            "pages_in_range": mean(pages),
            "quotes_verbatim": mean(quotes),
            # None, not 0, when the set has no such questions (shown as –).
            "refusal_recall": mean([r["answer"].refused for r in unanswerable]) if unanswerable else None,
            "false_refusal": mean([a.refused for a in answers]),
            "followup_correct": mean([r["answer"].correct for r in followups]) if followups else None,
        },
        "by_type": {t: {"n": len(rs), "correct": mean([(r["answer"].correct if r["item"].answerable
                                                        else r["answer"].refused) for r in rs]),
                        "doc@5": mean([r["retrieval"].doc_at_5 for r in rs if r["item"].answerable])}
                    for t, rs in sorted(by_type.items())},
        "latency_ms": {"retrieve_p50": percentile(retrieve_ms, 50), "retrieve_p95": percentile(retrieve_ms, 95),
                       "answer_p50": percentile(answer_ms, 50), "answer_p95": percentile(answer_ms, 95)},
        "failures": failures,
    }


def run_eval(settings: Settings, file: Path | None, mode: str = "extractive", baseline: bool = False,
             out: Path = Path("evals/out"), limit: int | None = None) -> int:
    from assistant.cli import run_ingest
    from assistant.service import AskService
    from embeddings.index import GazetteIndexError

    items = load_gold(file or DEFAULT_GOLD)[:limit]
    t0 = time.perf_counter()
    ingest = run_ingest(settings)  # warm: unchanged text embeds nothing
    ingest_seconds = time.perf_counter() - t0
    try:
        service = AskService.from_settings(settings)
    except GazetteIndexError as exc:
        print(f"错误: {exc}", file=sys.stderr)
        return 2
    base = None
    if baseline:
        base = _baseline(settings, service)
    report = evaluate(service, items, mode, base)
    report["index"] = {"chunks": len(service.index.chunks), "documents": len(service.index.documents),
                       "size_mb": round(_size(service.index.folder) / 1e6, 2),
                       "ingest_seconds": round(ingest_seconds, 2), "ingest_new_embeddings": ingest.new_embeddings,
                       "model": service.index.manifest.model_id}
    if base is not None:
        report["baseline_build_seconds"] = round(base.build_seconds, 1)
    bench = out / "ingest-bench.json"
    if bench.is_file():  # written by `python -m evals.bench_ingest`
        report["ingest_benchmark"] = json.loads(bench.read_text("utf-8"))
    report["meta"] = {"commit": _commit(), "date": time.strftime("%Y-%m-%d %H:%M"), "python": platform.python_version(),
                      "gold": str(file or DEFAULT_GOLD), "limit": limit,
                      "settings": settings.model_dump(mode="json", exclude={"llm_api_key"})}
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1, default=_json), "utf-8")
    table = render_table(report)
    (out / "report.md").write_text(render_markdown(report, table), "utf-8")
    print(table)
    print(f"\n报告 / report: {out / 'report.md'}")
    return 0


def _baseline(settings: Settings, service):
    from corpus.parse import parse_issue
    from embeddings.cache import EmbeddingCache
    from evals.baseline import NaiveBaseline

    paths = sorted(settings.corpus_dir.glob("*.txt"))
    cache = EmbeddingCache(settings.data_dir / "embedding-cache.sqlite")
    try:
        return NaiveBaseline(parse_issue(paths[0]), service.search.embeddings, cache)
    finally:
        cache.close()


def render_table(report: dict) -> str:
    r, b, a, lat = report["retrieval"], report.get("baseline") or {}, report["answer"], report["latency_ms"]
    lines = ["| 指标 metric | 本系统 ours | 基线 naive |", "|---|---|---|"]
    for key in ("doc@1", "doc@5", "evidence@1", "evidence@5", "mrr"):
        lines.append(f"| {key} | {r.get(key, 0):.3f} | {b[key]:.3f} |" if b else f"| {key} | {r.get(key, 0):.3f} | – |")
    for key in ("correct", "keyword_recall", "citation_precision", "citation_recall", "pages_in_range",
                "quotes_verbatim", "refusal_recall", "false_refusal", "followup_correct"):
        lines.append(f"| {key} | {'–' if a[key] is None else f'{a[key]:.3f}'} | – |")
    lines.append(f"| retrieve p50/p95 ms | {lat['retrieve_p50']:.0f} / {lat['retrieve_p95']:.0f} | – |")
    lines.append(f"| answer p50/p95 ms | {lat['answer_p50']:.0f} / {lat['answer_p95']:.0f} | – |")
    return "\n".join(lines)


def render_markdown(report: dict, table: str) -> str:
    meta = report["meta"]
    parts = [f"# 评测报告 / eval report\n\n{meta['date']} · commit `{meta['commit']}` · mode `{report['mode']}` · "
             f"{report['questions']} questions ({report['answerable']} answerable, {report['unanswerable']} not, "
             f"{report['followups']} follow-ups)\n", table, "\n## By type\n", "| type | n | correct | doc@5 |", "|---|---|---|---|"]
    for t, v in report["by_type"].items():
        parts.append(f"| {t} | {v['n']} | {v['correct']:.2f} | {v['doc@5']:.2f} |")
    parts.append(f"\n## Index\n\n```\n{json.dumps(report['index'], ensure_ascii=False, indent=1)}\n```\n")
    if "ingest_benchmark" in report:
        parts.append("## Ingest benchmark (`python -m evals.bench_ingest`)\n\n```\n"
                     f"{json.dumps(report['ingest_benchmark'], ensure_ascii=False, indent=1)}\n```\n")
    parts.append("## Failures\n")
    for f in report["failures"]:
        parts.append(f"- **{f['id']}** {f['question']} (expected {', '.join(f['expected']) or '拒答'}; "
                     f"keywords {f['keywords']}) → cited {f['cited']}{' [refused]' if f['refused'] else ''}: {f['answer']}")
    return "\n".join(parts) + "\n"


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_DIR, capture_output=True,
                              text=True, timeout=5).stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def _json(obj):
    if hasattr(obj, "__dataclass_fields__"):
        return asdict(obj)
    return str(obj)
