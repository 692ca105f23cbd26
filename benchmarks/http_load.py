"""Benchmark: answers per second over HTTP with 1, 8, 16 and 32 clients (loopback only).

Run: ``python -m benchmarks.http_load [--workers 1 2] [--clients 1 8 16 32] [--seconds 20]``.
For each worker count it starts ``gazette serve`` on a free loopback port over the configured
data dir (``GAZETTE_DATA_DIR``; the index must exist), waits for ``/healthz``, then for each
client count keeps that many clients posting first-turn gold questions to ``/api/v1/ask`` for
the given time. The load is bounded: at most ``--max-seconds`` per step, one request in flight
per client, a request cap per step, and only ``127.0.0.1``. The load client runs on the same
machine (on 2 cores it takes CPU from the server: the figures are a floor). After each step
the server's RSS (all its processes) is read. Appends to ``benchmarks/results/http_load.json``.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchmarks.common import load_questions, percentiles, record, rss_mb

LOOPBACK = "127.0.0.1"
MAX_SECONDS = 120.0  # per step, whatever --seconds says
MAX_CLIENTS = 64


def load_step(url: str, questions: list[str], clients: int, seconds: float, max_requests: int) -> dict:
    """Keep ``clients`` clients busy for ``seconds`` (or until ``max_requests``); latency and errors."""
    import httpx

    deadline = time.perf_counter() + min(seconds, MAX_SECONDS)
    budget = threading.Semaphore(max_requests)

    def client(offset: int) -> tuple[list[float], int]:
        latencies, errors, i = [], 0, offset
        with httpx.Client(timeout=60) as http:
            while time.perf_counter() < deadline and budget.acquire(blocking=False):
                started = time.perf_counter()
                try:
                    r = http.post(f"{url}/api/v1/ask", json={"question": questions[i % len(questions)]})
                    errors += r.status_code != 200
                except httpx.HTTPError:
                    errors += 1
                latencies.append((time.perf_counter() - started) * 1000)
                i += clients
        return latencies, errors

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        results = list(pool.map(client, range(clients)))
    elapsed = time.perf_counter() - started
    latencies = [ms for lat, _ in results for ms in lat]
    return {"answers_per_s": round(len(latencies) / elapsed, 1), "seconds": round(elapsed, 1),
            "errors": sum(e for _, e in results), "latency_ms": percentiles(latencies)}


def tree_rss_mb(pid: int) -> float | None:
    """RSS of ``pid`` and its children (uvicorn workers), in MB."""
    total, found = 0.0, False
    for child in [pid, *_children(pid)]:
        value = rss_mb(child)
        if value is not None:
            total, found = total + value, True
    return round(total, 1) if found else None


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return out + [g for c in out for g in _children(c)]


def serve(workers: int, port: int, embedding_threads: int | None = None) -> subprocess.Popen:
    """``gazette serve`` on loopback with the rate limit lifted (it would answer 429 otherwise).

    ``embedding_threads`` sets ``GAZETTE_EMBEDDING_THREADS`` for the server: the e5 engine's threads per
    process (unset: the server's own choice, cores ÷ workers).
    """
    env = {"GAZETTE_QUERY_CACHE": "0", **os.environ, "GAZETTE_RATE_LIMIT_PER_MINUTE": "100000000",
           "HF_HUB_OFFLINE": "1", "GAZETTE_HOST": LOOPBACK}
    if embedding_threads:
        env["GAZETTE_EMBEDDING_THREADS"] = str(embedding_threads)
    return subprocess.Popen([sys.executable, "-m", "assistant.cli", "serve", "--host", LOOPBACK, "--port", str(port),
                             "--workers", str(workers)], env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_healthy(url: str, timeout: float = 300) -> float:
    """Seconds until ``/healthz`` answers 200 (SystemExit after ``timeout``)."""
    import httpx

    started = time.time()
    while time.time() - started < timeout:
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return time.time() - started
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"the server at {url} did not become healthy")


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8, 16, 32])
    parser.add_argument("--seconds", type=float, default=20.0, help=f"per step (at most {MAX_SECONDS:.0f})")
    parser.add_argument("--max-requests", type=int, default=5000, help="cap per step")
    parser.add_argument("--warm-up", type=int, default=20, help="questions asked before measuring")
    parser.add_argument("--embedding-threads", type=int, default=None,
                        help="e5 threads per server process (GAZETTE_EMBEDDING_THREADS); default: cores ÷ workers")
    args = parser.parse_args(argv)
    if any(c < 1 or c > MAX_CLIENTS for c in args.clients):
        parser.error(f"clients must be 1..{MAX_CLIENTS}")
    questions = load_questions()
    runs = []
    for workers in args.workers:
        port = free_port()
        server = serve(workers, port, args.embedding_threads)
        try:
            url = f"http://{LOOPBACK}:{port}"
            ready_s = wait_healthy(url)
            load_step(url, questions, min(workers, 2), 60, args.warm_up)  # every worker answers once or more
            rss_warm = tree_rss_mb(server.pid)
            for clients in args.clients:
                step = load_step(url, questions, clients, args.seconds, args.max_requests)
                runs.append({"workers": workers, "clients": clients, "ready_seconds": round(ready_s, 1),
                             "server_rss_mb_after_warm_up": rss_warm, "server_rss_mb": tree_rss_mb(server.pid), **step})
                sys.stdout.write(f"{runs[-1]}\n")
                sys.stdout.flush()
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=60)
    record("http_load", {"workers": args.workers, "clients": args.clients, "seconds": args.seconds,
                         "max_requests": args.max_requests,
                         "embedding_threads": args.embedding_threads or os.environ.get("GAZETTE_EMBEDDING_THREADS"),
                         "omp_threads": os.environ.get("OMP_NUM_THREADS"),
                         "questions": len(questions), "host": LOOPBACK,
                         "data_dir": os.environ.get("GAZETTE_DATA_DIR", "./data")}, {"runs": runs})
    return 0


if __name__ == "__main__":
    sys.exit(main())
