"""Server mode: the index in a real Chroma server started by the test (``chroma run``)."""

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import free_port


def start_chroma(folder: Path, port: int) -> subprocess.Popen:
    """``chroma run`` on ``folder`` at ``port``, once its heartbeat answers."""
    exe = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    if not Path(exe).exists():
        pytest.skip("chroma CLI not installed")
    proc = subprocess.Popen([exe, "run", "--path", str(folder), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1)
            return proc
        except OSError as exc:
            if time.time() > deadline or proc.poll() is not None:
                proc.kill()
                raise RuntimeError("chroma server did not start") from exc
            time.sleep(0.2)


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    port = free_port()
    proc = start_chroma(tmp_path_factory.mktemp("chroma-server"), port)
    yield f"http://127.0.0.1:{port}"
    stop(proc)


def test_ingest_and_search_through_chroma_server(settings, built_index, chroma_url, tmp_path):
    from assistant.ingest import run_ingest
    from assistant.service import AskService
    from assistant.settings import load_settings

    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(settings.data_dir / "embedding-cache.sqlite", data / "embedding-cache.sqlite")
    remote = load_settings(data_dir=data, chroma_url=chroma_url)
    report = run_ingest(remote)
    assert report.new_embeddings == 0  # vectors come from the content-hash cache
    service = AskService.from_settings(remote)
    assert service.index.manifest.collection.startswith("gazette-gen-")
    assert not (service.index.folder / "chroma").exists()  # nothing stored locally
    import chromadb

    client = chromadb.HttpClient(host="127.0.0.1", port=int(chroma_url.rsplit(":", 1)[1]))
    assert client.get_collection(service.index.manifest.collection).count() == len(service.index.chunks)
    answer = service.ask("谁负责地下水压采的技术指导和监督")
    assert "市水利局" in answer.answer
    assert answer.citations[0].doc_number == "朔政办发〔2022〕27号"


def test_chroma_server_down_at_start_and_gone_while_serving(settings, built_index, tmp_path):
    """`gazette serve` in server mode, as a real process: started while the Chroma server is down it
    stays up, with an unhealthy /healthz and a clear 503; it answers once Chroma is back, turns
    unhealthy again when Chroma goes away while serving, and recovers again — no restart."""
    import httpx

    from assistant.ingest import run_ingest
    from assistant.settings import load_settings

    chroma_dir, port = tmp_path / "chroma", free_port()
    url = f"http://127.0.0.1:{port}"
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(settings.data_dir / "embedding-cache.sqlite", data / "embedding-cache.sqlite")
    chroma = start_chroma(chroma_dir, port)
    run_ingest(load_settings(data_dir=data, chroma_url=url))
    stop(chroma)

    api = free_port()
    env = {**os.environ, "GAZETTE_DATA_DIR": str(data), "GAZETTE_CHROMA_URL": url, "HF_HUB_OFFLINE": "1"}
    server = subprocess.Popen([sys.executable, "-m", "assistant.cli", "serve", "--port", str(api)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{api}"
    question = {"question": "谁负责地下水压采的技术指导和监督"}
    try:
        health = _wait_for(lambda: httpx.get(base + "/healthz", timeout=5), server)
        assert health.status_code == 503 and health.json()["status"] == "vector-store-down"
        down = httpx.post(base + "/api/v1/ask", json=question, timeout=30)
        assert down.status_code == 503 and "检索服务暂时无法连接" in down.json()["error"]
        assert str(port) not in down.text  # the Chroma address is the operator's, in the log

        chroma = start_chroma(chroma_dir, port)  # back: answered without a restart
        assert httpx.get(base + "/healthz", timeout=5).json()["status"] == "ok"
        up = httpx.post(base + "/api/v1/ask", json=question, timeout=60)
        assert up.status_code == 200 and up.json()["citations"][0]["doc_number"] == "朔政办发〔2022〕27号"

        stop(chroma)  # gone while serving
        assert httpx.get(base + "/healthz", timeout=5).status_code == 503
        gone = httpx.post(base + "/api/v1/ask", json=question, timeout=30)
        assert gone.status_code == 503 and "检索服务暂时无法连接" in gone.json()["error"]
        stream = httpx.post(base + "/api/v1/ask/stream", json=question, timeout=30)
        assert "event: error" in stream.text and "检索服务暂时无法连接" in stream.text

        chroma = start_chroma(chroma_dir, port)
        again = httpx.post(base + "/api/v1/ask", json=question, timeout=60)
        assert again.status_code == 200 and again.json()["citations"][0]["doc_number"] == "朔政办发〔2022〕27号"
        assert server.poll() is None  # one process all along: no crash, no restart
    finally:
        if chroma.poll() is None:
            stop(chroma)
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert "Traceback" not in errors, errors[-2000:]


def _wait_for(call, server, seconds: float = 240):
    """The first answer of ``call`` once the server listens (it loads the model first)."""
    import httpx

    deadline = time.time() + seconds
    while time.time() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"the server exited: {server.stderr.read()[-2000:]}")
        try:
            return call()
        except httpx.TransportError:
            time.sleep(1)
    raise AssertionError("the server did not start")
