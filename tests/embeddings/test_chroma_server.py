"""Server mode: the index in a real Chroma server started by the test (``chroma run``)."""

import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import free_port


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    exe = shutil.which("chroma") or str(Path(__import__("sys").executable).parent / "chroma")
    if not Path(exe).exists():
        pytest.skip("chroma CLI not installed")
    port = free_port()
    folder = tmp_path_factory.mktemp("chroma-server")
    proc = subprocess.Popen([exe, "run", "--path", str(folder), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1)
            break
        except OSError as exc:
            if time.time() > deadline or proc.poll() is not None:
                proc.kill()
                raise RuntimeError("chroma server did not start") from exc
            time.sleep(0.2)
    yield url
    proc.terminate()
    proc.wait(timeout=20)


def test_ingest_and_search_through_chroma_server(settings, built_index, chroma_url, tmp_path):
    from assistant.cli import run_ingest
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
