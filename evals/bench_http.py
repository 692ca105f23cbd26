"""Benchmark (not a test): answers per second over HTTP, with 1 and with N worker processes.

Run: ``python -m evals.bench_http [--workers 1 2] [--clients 1 8 16] [--seconds 20]``. For each
worker count it starts ``gazette serve`` on a free port over the configured data folder (the
index must exist: ``gazette ingest``), then for each client count keeps that many clients
asking held-out questions for the given time through one thread pool, on the same machine.
Appends the results, with the commit, date and machine, to ``evals/out/bench-http.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from evals.harness import HELDOUT_SET, load_gold


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8, 16])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--out", type=Path, default=Path("evals/out/bench-http.json"))
    args = parser.parse_args(argv)
    questions = [item.question for item in load_gold(HELDOUT_SET) if not item.history]
    runs = []
    for workers in args.workers:
        port = _free_port()
        env = {**os.environ, "GAZETTE_RATE_LIMIT_PER_MINUTE": "1000000", "HF_HUB_OFFLINE": "1"}
        server = subprocess.Popen([sys.executable, "-m", "assistant.cli", "serve", "--port", str(port),
                                   "--workers", str(workers)], env=env, start_new_session=True,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            url = f"http://127.0.0.1:{port}"
            _wait_healthy(url)
            for clients in args.clients:
                runs.append({"workers": workers, "clients": clients, **_load(url, questions, clients, args.seconds)})
                print(json.dumps(runs[-1]), flush=True)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=60)
    record = {"date": time.strftime("%Y-%m-%d %H:%M"), "commit": _commit(), "machine": _machine(), "runs": runs}
    history = json.loads(args.out.read_text("utf-8")) if args.out.is_file() else []
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(history + [record], ensure_ascii=False, indent=1), "utf-8")
    return 0


def _load(url: str, questions: list[str], clients: int, seconds: float) -> dict:
    deadline = time.perf_counter() + seconds

    def client(offset: int) -> tuple[list[float], int]:
        latencies, errors, i = [], 0, offset
        with httpx.Client(timeout=60) as http:
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                r = http.post(f"{url}/api/v1/ask", json={"question": questions[i % len(questions)]})
                latencies.append((time.perf_counter() - started) * 1000)
                errors += r.status_code != 200
                i += clients
        return latencies, errors

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        results = list(pool.map(client, range(clients)))
    elapsed = time.perf_counter() - started
    latencies = sorted(ms for lat, _ in results for ms in lat)
    pick = lambda q: round(latencies[min(len(latencies) - 1, int(q * len(latencies)))], 1)  # noqa: E731
    return {"answers_per_s": round(len(latencies) / elapsed, 1), "p50_ms": pick(0.5), "p95_ms": pick(0.95),
            "errors": sum(e for _, e in results), "answers": len(latencies)}


def _wait_healthy(url: str, timeout: float = 300) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise SystemExit(f"the server at {url} did not become healthy")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _commit() -> str:
    run = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return run.stdout.strip() or "unknown"


def _machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


if __name__ == "__main__":
    sys.exit(main())
