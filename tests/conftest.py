"""Shared fixtures. The real index is built once per session (real e5 model, real Chroma).

Embeddings are cached by content hash in ``GAZETTE_TEST_CACHE`` (default: the session's
temporary folder), so a developer can point it at a persistent file to make reruns fast.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from assistant.settings import Settings, load_settings  # noqa: E402
from corpus.parse import SAMPLE_ISSUE, parse_issue  # noqa: E402

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


# Fixtures that stand for the real index of the shipped issue (the real e5 model, a real Chroma
# store): a test that uses one is in the real-model tier.
REAL_MODEL_FIXTURES = {"built_index", "service", "server", "two_issues"}


def pytest_collection_modifyitems(config, items) -> None:
    """Mark the tiers from the fixtures a test uses:

    - ``real_model``: the test uses the real index (one of ``REAL_MODEL_FIXTURES``) or marks
      itself (a model of its own);
    - ``browser``: the test drives or prints with Chromium (its module imports ``CHROMIUM``).
    """
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & REAL_MODEL_FIXTURES:
            item.add_marker(pytest.mark.real_model)
        if "browser" in names or "CHROMIUM" in vars(item.module):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session", autouse=True)
def remembered_bm25_tokens():
    """Remember the BM25 tokens of each (vocabulary, text) for the whole session.

    Every ingest tokenises every passage of the index again with jieba (about 3 s a build on
    2 cores), and the tests build the index of the same issue a dozen times (copies they add an
    issue to, damage and repair, or serve from a Chroma server). ``Tokenizer._tokens`` is a pure
    function of the tokenizer's vocabulary and the text, so the indexes are the same; the first
    build of each vocabulary still runs jieba. Tests that start ``gazette`` as a process do not
    share this memory."""
    from embeddings.keyword import Tokenizer

    real = Tokenizer._tokens
    memory: dict[tuple[int, str], tuple[str, ...]] = {}

    def tokens(self, text: str) -> tuple[str, ...]:
        key = self.__dict__.get("_vocabulary_key")
        if key is None:
            key = self.__dict__["_vocabulary_key"] = hash(tuple(self.vocabulary))
        found = memory.get((key, text))
        if found is None:
            found = memory[(key, text)] = real(self, text)
        return found

    Tokenizer._tokens = tokens
    yield
    Tokenizer._tokens = real


@pytest.fixture(scope="session")
def parsed():
    return parse_issue(SAMPLE_ISSUE)


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("gazette-data")
    shared_cache = os.environ.get("GAZETTE_TEST_CACHE")
    if shared_cache and Path(shared_cache).is_file():
        shutil.copy(shared_cache, folder / "embedding-cache.sqlite")
    return folder


@pytest.fixture(scope="session")
def settings(data_dir) -> Settings:
    return load_settings(data_dir=data_dir, rate_limit_per_minute=100_000)


@pytest.fixture(scope="session")
def built_index(settings):
    """Ingest the shipped gazette into the session's data dir (once)."""
    from assistant.ingest import run_ingest

    report = run_ingest(settings)
    shared_cache = os.environ.get("GAZETTE_TEST_CACHE")
    if shared_cache:
        shutil.copy(settings.data_dir / "embedding-cache.sqlite", shared_cache)
    return report


@pytest.fixture(scope="session")
def service(settings, built_index):
    from assistant.service import AskService

    return AskService.from_settings(settings)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServeProcess:
    """`gazette serve` as its own process group over a copy of the session's index, until it answers
    /healthz; ``env`` adds settings (GAZETTE_…) to the environment."""

    def __init__(self, settings: Settings, data: Path, args: list[str], env: dict[str, str] | None = None) -> None:
        shutil.copytree(settings.data_dir / "index", data / "index")
        self.port = free_port()
        self.env = {**os.environ, "GAZETTE_DATA_DIR": str(data), "HF_HUB_OFFLINE": "1", **(env or {})}
        self.args = args

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        import subprocess
        import sys

        import httpx

        self.process = subprocess.Popen([sys.executable, "-m", "assistant.cli", "serve", "--port", str(self.port),
                                         *self.args], env=self.env, start_new_session=True,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline, health = time.time() + 240, None
        while time.time() < deadline and health is None and self.process.poll() is None:
            try:
                health = httpx.get(self.url + "/healthz", timeout=2).json()
            except httpx.HTTPError:
                time.sleep(1)
        if not health or health.get("status") != "ok":
            self.__exit__()
            raise RuntimeError(f"gazette serve {' '.join(self.args)} did not start")
        return self

    def processes(self) -> list[str]:
        """The pids of the server's process group: the supervisor and its workers."""
        import subprocess

        return subprocess.run(["pgrep", "-g", str(self.process.pid)], capture_output=True, text=True).stdout.split()

    def __exit__(self, *exc) -> None:
        import signal

        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


class ServerThread:
    """A real uvicorn server on a loopback port, in a thread."""

    def __init__(self, app) -> None:
        import uvicorn

        self.port = free_port()
        # A short graceful shutdown: a browser or Gradio client may keep a connection open, and
        # uvicorn would otherwise wait for it until the join below gives up (10 s a server).
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                timeout_graceful_shutdown=1)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        self.thread.start()
        deadline = time.time() + 30
        while not self.server.started:
            if time.time() > deadline:
                raise RuntimeError("server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def server(settings, service):
    from assistant.api import create_app

    with ServerThread(create_app(settings, service=service)) as srv:
        yield srv


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def copy_data(settings: Settings, data: Path, cache_from: Path | None = None) -> Settings:
    """Settings over a copy of the session's index (and of an embedding cache, the session's by
    default) in ``data``: for tests that add an issue to the index or damage it."""
    shutil.copytree(settings.data_dir / "index", data / "index")
    shutil.copy(cache_from or settings.data_dir / "embedding-cache.sqlite", data / "embedding-cache.sqlite")
    return settings.model_copy(update={"data_dir": data})


def share_embeddings(settings: Settings, local: Settings) -> None:
    """Add the vectors that ``local``'s ingest embedded to the session's embedding cache, so that
    later copies do not embed the same new text again (the rendered PDF issues share most of it)."""
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(settings.data_dir / "embedding-cache.sqlite")) as db:
        db.execute("ATTACH DATABASE ? AS other", (str(local.data_dir / "embedding-cache.sqlite"),))
        db.execute("INSERT OR IGNORE INTO embeddings SELECT * FROM other.embeddings")
        db.commit()


@pytest.fixture
def gazette_in_process(capsys, monkeypatch):
    """Run the ``gazette`` command in this process: ``gazette_in_process(data_dir, "ask", "--json", q)`` →
    (exit status, stdout, stderr). For steps whose subject is not the process itself (a test that
    kills a real process keeps its subprocess); it saves the ~4 s of a fresh interpreter."""
    from assistant.cli import main

    def run(data: Path, *args: str, **env: str) -> tuple[int, str, str]:
        capsys.readouterr()
        with monkeypatch.context() as patch:
            patch.setenv("GAZETTE_DATA_DIR", str(data))
            for name, value in env.items():
                patch.setenv(name, value)
            status = main(list(args))
        out, err = capsys.readouterr()
        return status, out, err

    return run


@pytest.fixture(scope="session")
def two_issues(settings, built_index, tmp_path_factory):
    """A copy of the session's index with a second issue added: a PDF rendered by Chromium
    (``tests.pdf_fixture``). Returns (settings of that copy, the PdfIssue, the ingest report).

    Under pytest-xdist the first worker that needs it builds it once (about 100 passages of the
    PDF are new text for the embedding model) in the run's shared temporary folder, under a lock;
    each worker then serves its own copy."""
    import fcntl
    import pickle

    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return _build_two_issues(settings, tmp_path_factory.mktemp("two-issues"))
    shared = tmp_path_factory.getbasetemp().parent / "two-issues"  # this run's folder, common to the workers
    shared.mkdir(exist_ok=True)
    with open(shared / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        built = shared / "built.pickle"
        if not built.exists():
            shared_local, pdf, first = _build_two_issues(settings, shared)
            built.write_bytes(pickle.dumps((pdf, first)))
        pdf, first = pickle.loads(built.read_bytes())
    local = settings.model_copy(update={"data_dir": tmp_path_factory.mktemp("two-issues") / "data"})
    shutil.copytree(shared / "data", local.data_dir)
    share_embeddings(settings, local)
    return local, pdf, first


def _build_two_issues(settings: Settings, root: Path):
    from assistant.ingest import run_ingest
    from tests.pdf_fixture import make_pdf_issue

    pdf = make_pdf_issue(root / "issue")
    local = copy_data(settings, root / "data")
    first = run_ingest(local, [root / "issue"])  # a folder: every issue file in it
    share_embeddings(settings, local)
    return local, pdf, first
