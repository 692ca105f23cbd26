"""What every benchmark shares: the record it appends (commit, date, machine, settings),
percentiles, memory readings and the question pool."""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import time
from pathlib import Path
from typing import Any

from assistant.settings import PROJECT_DIR

RESULTS_DIR = Path(__file__).resolve().parent / "results"
EVALS_DIR = PROJECT_DIR / "evals"
# The questions the latency and load benchmarks ask: both splits, first turns only.
QUESTION_SETS = (EVALS_DIR / "heldout.jsonl", EVALS_DIR / "tune.jsonl")


def without_query_cache() -> None:
    """Measure every question as a new one: no remembered query embeddings (``GAZETTE_QUERY_CACHE``
    = 0) unless the environment sets it. The benchmarks ask the same questions in their warm-up,
    their passes and their load steps, so the cache would otherwise answer most of them."""
    os.environ.setdefault("GAZETTE_QUERY_CACHE", "0")


def commit() -> str:
    """Short hash of HEAD, with ``+dirty`` when the working tree has changes."""
    def git(*args: str) -> str:
        run = subprocess.run(["git", *args], capture_output=True, text=True, cwd=PROJECT_DIR, check=False)
        return run.stdout.strip()
    head = git("rev-parse", "--short", "HEAD") or "unknown"
    return head + ("+dirty" if git("status", "--porcelain", "--untracked-files=no") else "")


def machine() -> dict[str, Any]:
    """Cores, RAM and CPU model of this machine (Linux /proc where available)."""
    info: dict[str, Any] = {"cores": os.cpu_count(), "arch": platform.machine(),
                            "python": platform.python_version(), "cpu": platform.processor() or None}
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        info["cpu"] = next((ln.split(":", 1)[1].strip() for ln in cpuinfo.splitlines()
                            if ln.startswith("model name")), info["cpu"])
        meminfo = Path("/proc/meminfo").read_text().split()
        info["ram_gb"] = round(int(meminfo[meminfo.index("MemTotal:") + 1]) / 1024 / 1024, 1)
    except (OSError, ValueError):
        pass
    info["load_avg_1m"] = round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None
    return info


def record(name: str, settings: dict[str, Any], results: dict[str, Any], out_dir: Path | None = None) -> dict:
    """Append ``{commit, date, machine, settings, results}`` to ``<out_dir>/<name>.json`` (a JSON list)."""
    entry = {"benchmark": name, "commit": commit(), "date": time.strftime("%Y-%m-%d %H:%M:%S"),
             "machine": machine(), "settings": settings, "results": results}
    path = (out_dir or RESULTS_DIR) / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    history = json.loads(path.read_text("utf-8")) if path.is_file() else []
    history.append(entry)
    path.write_text(json.dumps(history, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return entry


def percentiles(values: list[float]) -> dict[str, float | int | None]:
    """n, mean, p50, p95, p99 and max of millisecond timings (nearest-rank)."""
    if not values:
        return {"n": 0, "mean": None, "p50": None, "p95": None, "p99": None, "max": None}
    ordered = sorted(values)

    def rank(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))], 2)
    return {"n": len(ordered), "mean": round(sum(ordered) / len(ordered), 2), "p50": rank(0.50),
            "p95": rank(0.95), "p99": rank(0.99), "max": round(ordered[-1], 2)}


def rss_mb(pid: int | str = "self") -> float | None:
    """Resident memory now (Linux: VmRSS of /proc/<pid>/status), in MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def load_questions(paths: tuple[Path, ...] = QUESTION_SETS) -> list[str]:
    """First-turn questions of the gold sets, in file order, without duplicates."""
    questions: list[str] = []
    for path in paths:
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                if not item.get("history"):
                    questions.append(item["question"])
    return list(dict.fromkeys(questions))
