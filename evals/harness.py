"""``gazette eval``: run the question sets through the service and write report.md / report.json.

Two splits, by document section (paraphrases of one fact never straddle them):

* ``heldout.jsonl`` — written blind, from the gazette text alone, by someone who never saw
  the code, the tune split or its failures. Never read by ``evals.calibrate``; a held-out
  round whose failures were looked at joins the tune split and a new round is written.
* ``tune.jsonl`` — what the answerer's weights are fitted on.

Without a file, ``gazette eval`` scores both and reports the held-out figures first.
"""

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
from evals.dialogues import DIALOGUES, evaluate_dialogues, load_dialogues, render_dialogues
from evals.metrics import GoldItem, mean, percentile, score_answer, score_retrieval
from evals.twins import near_twins

TUNE_SET = Path(__file__).resolve().parent / "tune.jsonl"
HELDOUT_SET = Path(__file__).resolve().parent / "heldout.jsonl"
SPLITS = {"heldout": HELDOUT_SET, "tune": TUNE_SET}
# Held-out questions are measured, not studied: report.md does not list their failures (report.json
# keeps them for whoever retires a round into the tune split and writes a new one).
HELDOUT_FAILURES_NOTE = "Not listed: held-out failures are not looked at one by one (they are in report.json).\n"


def load_gold(path: Path) -> list[GoldItem]:
    items = []
    for lineno, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if line.strip():
            try:
                items.append(GoldItem.from_dict(json.loads(line)))
            except (ValueError, KeyError) as exc:
                raise ValueError(f"{path}:{lineno}: {exc}") from exc
    return items


def evaluate(service, items: list[GoldItem], mode: str = "extractive", baseline=None,
             twins: set[str] | None = None) -> dict:
    """Score every item; returns the report dict (no I/O). ``twins``: the ids of items with a near
    twin in the other split (``evals.twins``), reported apart.

    Retrieval is scored on the passages the answer object reports (``retrieved``), so each
    question is searched once, exactly as ``gazette ask --batch`` does.
    """
    ranges, source = page_ranges_and_source(service.index)
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
    return summarise(rows, retrieve_ms, answer_ms, mode, twins)


def page_ranges_and_source(index) -> tuple[dict[str, tuple[int, int]], str]:
    """Each document's page range, and the gazette text (for the verbatim-quote check)."""
    ranges = {d.doc_number: (d.start_page, d.end_page) for d in index.documents}
    return ranges, "\n".join(index.source_text(i["issue_id"]) for i in index.manifest.issues)


def summarise(rows: list[dict], retrieve_ms: list[float], answer_ms: list[float], mode: str,
              twins: set[str] | None = None) -> dict:
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
    # Precision of what the answer claims: quotes shown under 「公报未直接说明……可能相关」 are
    # pointers, not claims, so refused answers do not count (an unanswerable question that is
    # answered cites no gold document and counts 0).
    precisions = [a.citation_precision for a in all_answers if a.citation_precision is not None and not a.refused]
    pages = [a.pages_in_range for a in all_answers if a.pages_in_range is not None]
    quotes = [a.quotes_verbatim for a in all_answers if a.quotes_verbatim is not None]
    by_type: dict[str, list] = defaultdict(list)
    by_style: dict[str, list] = defaultdict(list)
    by_round: dict[str, list] = defaultdict(list)
    for r in rows:
        by_type[r["item"].type].append(r)
        by_style[r["item"].style].append(r)
        by_round[r["item"].round].append(r)
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
            # How long a given answer is to read: more quotes find more facts, and cost the reader.
            "answer_chars_p50": percentile([float(len(r["raw"]["answer"])) for r in answerable if not r["answer"].refused], 50),
        },
        "by_type": {t: _group(rs) for t, rs in sorted(by_type.items())},
        "by_style": {t: _group(rs) for t, rs in sorted(by_style.items())},
        # A later round is fresher: nothing was looked at when the answer step last changed.
        "by_round": {t: _group(rs) for t, rs in sorted(by_round.items())},
        **({"by_twin": _by_twin(rows, twins)} if twins is not None else {}),
        "latency_ms": {"retrieve_p50": percentile(retrieve_ms, 50), "retrieve_p95": percentile(retrieve_ms, 95),
                       "answer_p50": percentile(answer_ms, 50), "answer_p95": percentile(answer_ms, 95)},
        "failures": failures,
    }


def _by_twin(rows: list[dict], twins: set[str]) -> dict:
    """The rows with and without a near twin in the other split, each grouped as ``_group`` does."""
    parts = {"no near twin in tune": [r for r in rows if r["item"].id not in twins],
             "near twin in tune": [r for r in rows if r["item"].id in twins]}
    return {label: _group(rs) for label, rs in parts.items() if rs}


def _group(rows: list[dict]) -> dict:
    """Per type or style: n, answerable correct, unanswerable refused, and both together."""
    pos = [r for r in rows if r["item"].answerable]
    neg = [r for r in rows if not r["item"].answerable]
    return {"n": len(rows), "answerable": len(pos),
            "correct": mean([r["answer"].correct for r in pos]) if pos else None,
            "refused_unanswerable": mean([r["answer"].refused for r in neg]) if neg else None,
            "ok": mean([(r["answer"].correct if r["item"].answerable else r["answer"].refused) for r in rows]),
            "doc@5": mean([r["retrieval"].doc_at_5 for r in pos]) if pos else None}


def run_eval(settings: Settings, file: Path | None, mode: str = "extractive", baseline: bool = False,
             out: Path = Path("evals/out"), limit: int | None = None) -> int:
    from assistant.ingest import run_ingest
    from assistant.service import AskService
    from embeddings.index import GazetteIndexError

    only_dialogues = file is not None and file.resolve() == DIALOGUES
    sets = {} if only_dialogues else {file.stem: file} if file else SPLITS
    t0 = time.perf_counter()
    ingest = run_ingest(settings)  # warm: unchanged text embeds nothing
    ingest_seconds = time.perf_counter() - t0
    try:
        service = AskService.from_settings(settings)
    except GazetteIndexError as exc:
        print(f"错误: {exc}", file=sys.stderr)
        return 2
    base = _baseline(settings, service) if baseline else None
    whole = {name: load_gold(path) for name, path in sets.items()}
    gold = {name: items[:limit] for name, items in whole.items()}
    twins = near_twins(gold["heldout"], whole["tune"]) if {"heldout", "tune"} <= gold.keys() else None
    reports = {name: evaluate(service, items, mode, base, twins if name == "heldout" else None)
               for name, items in gold.items()}
    dialogues = None
    if file is None or only_dialogues:
        ranges, source = page_ranges_and_source(service.index)
        dialogues = evaluate_dialogues(service, load_dialogues()[:limit], ranges, source, mode)
    meta = {"commit": _commit(), "date": time.strftime("%Y-%m-%d %H:%M"), "python": platform.python_version(),
            "sets": {name: str(path) for name, path in sets.items()}, "limit": limit,
            "settings": settings.model_dump(mode="json", exclude={"llm_api_key"})}
    report = {"meta": meta, "mode": mode, "splits": reports, "dialogues": dialogues,
              "index": {"chunks": len(service.index.chunks), "documents": len(service.index.documents),
                        "size_mb": round(_size(service.index.folder) / 1e6, 2),
                        "ingest_seconds": round(ingest_seconds, 2), "ingest_new_embeddings": ingest.new_embeddings,
                        "model": service.index.manifest.model_id}}
    if {"heldout", "tune"} <= reports.keys():
        report["gap_correct"] = round(reports["tune"]["answer"]["correct"] - reports["heldout"]["answer"]["correct"], 3)
    if base is not None:
        report["baseline_build_seconds"] = round(base.build_seconds, 1)
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1, default=_json), "utf-8")
    table = "\n\n".join(([render_table(reports)] if reports else [])
                          + ([render_dialogues(dialogues)] if dialogues else []))
    (out / "report.md").write_text(render_markdown(report, table), "utf-8")
    print(table)
    if "gap_correct" in report:
        print(f"\ntune − heldout (correct): {report['gap_correct']:+.3f}")
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


def render_table(reports: dict[str, dict]) -> str:
    """One column per split (held-out first), plus the naive baseline's retrieval when measured."""
    names = list(reports)
    first = reports[names[0]]
    b = first.get("baseline") or {}
    lines = ["| 指标 metric | " + " | ".join(f"{n} (n={reports[n]['questions']})" for n in names) + " | 基线 naive |",
             "|---|" + "---|" * (len(names) + 1)]

    def cell(value) -> str:
        return "–" if value is None else f"{value:.3f}"

    for key in ("doc@1", "doc@5", "evidence@1", "evidence@5", "mrr"):
        lines.append(f"| {key} | " + " | ".join(cell(reports[n]["retrieval"].get(key)) for n in names)
                     + f" | {cell(b.get(key))} |")
    for key in ("correct", "false_refusal", "refusal_recall", "keyword_recall", "citation_precision",
                "citation_recall", "pages_in_range", "quotes_verbatim", "followup_correct"):
        lines.append(f"| {key} | " + " | ".join(cell(reports[n]["answer"][key]) for n in names) + " | – |")
    lines.append("| answer chars p50 | " + " | ".join(
        f"{reports[n]['answer'].get('answer_chars_p50') or 0:.0f}" for n in names) + " | – |")
    for key in ("retrieve", "answer"):
        lines.append(f"| {key} p50/p95 ms | " + " | ".join(
            f"{reports[n]['latency_ms'][key + '_p50']:.0f} / {reports[n]['latency_ms'][key + '_p95']:.0f}" for n in names)
            + " | – |")
    return "\n".join(lines)


def render_markdown(report: dict, table: str) -> str:
    meta = report["meta"]
    parts = [f"# 评测报告 / eval report\n\n{meta['date']} · commit `{meta['commit']}` · mode `{report['mode']}`\n"]
    for name, split in report["splits"].items():
        parts.append(f"- {name}: {split['questions']} questions ({split['answerable']} answerable, "
                     f"{split['unanswerable']} not, {split['followups']} follow-ups)")
    parts += ["", table]
    if "gap_correct" in report:
        parts.append(f"\nTune − held-out gap on answer correct: {report['gap_correct']:+.3f}\n")
    for name, split in report["splits"].items():
        for group in [g for g in ("by_round", "by_style", "by_type", "by_twin") if g in split]:
            parts += [f"\n## {name} · {group.replace('by_', 'by ')}\n",
                      "| | n | answerable correct | unanswerable refused | all ok | doc@5 |", "|---|---|---|---|---|---|"]
            for t, v in split[group].items():
                parts.append(f"| {t} | {v['n']} | " + " | ".join(
                    "–" if v[k] is None else f"{v[k]:.2f}" for k in ("correct", "refused_unanswerable", "ok", "doc@5"))
                    + " |")
    parts.append(f"\n## Index\n\n```\n{json.dumps(report['index'], ensure_ascii=False, indent=1)}\n```\n")
    for name, split in (report.get("dialogues") or {}).items():
        parts.append(f"## Failed dialogue turns · {name}\n")
        if name == "heldout":
            parts.append(HELDOUT_FAILURES_NOTE)
            continue
        parts += [f"- **{f['id']}** ({f['kind']}, understood as {f['understood_as']}) {f['question']} → "
                  f"{f['rewritten'] or ''} · {f['answer']}" for f in split["failures"]]
        parts.append("")
    for name, split in report["splits"].items():
        parts.append(f"## Failures · {name}\n")
        if name == "heldout":
            parts.append(HELDOUT_FAILURES_NOTE)
            continue
        for f in split["failures"]:
            parts.append(f"- **{f['id']}** {f['question']} (expected {', '.join(f['expected']) or '拒答'}; "
                         f"keywords {f['keywords']}) → cited {f['cited']}{' [refused]' if f['refused'] else ''}: "
                         f"{f['answer']}")
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
