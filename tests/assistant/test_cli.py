"""The ``gazette`` command, run as a user would (subprocesses on the session's index); a second
form of a command whose output the test compares (``--dry-run``, ``--json``) runs in-process."""

import json
import os
import subprocess
import sys

import pytest


def gazette(settings, *args, input_text=None):
    env = {**os.environ, "GAZETTE_DATA_DIR": str(settings.data_dir)}
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], capture_output=True, text=True,
                          env=env, input=input_text, timeout=300)


def test_corpus_summary_table(settings, gazette_in_process):
    proc = gazette(settings, "corpus")
    assert proc.returncode == 0
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("朔州市人民政府公报2022年第5期")
    row = next(line for line in lines if line.startswith("朔政发〔2022〕20号"))
    assert "1–19" in row and " 303 " in row  # 213 + 90 table rows
    assert sum(1 for line in lines if line.startswith("朔政")) == 12
    status, out, _ = gazette_in_process(settings.data_dir, "ingest", "--dry-run")  # the same code: no second process
    assert status == 0 and out == proc.stdout


def test_ingest_twice_reports_zero_new_embeddings(settings, built_index):
    proc = gazette(settings, "ingest")
    assert proc.returncode == 0
    assert "新嵌入 0 条" in proc.stdout and "索引无变化" in proc.stdout


def test_ask_text_and_json(settings, built_index, gazette_in_process):
    text = gazette(settings, "ask", "导游证核发现在归哪个部门")
    assert text.returncode == 0
    assert "市文旅局" in text.stdout and "出处：" in text.stdout and "朔政发〔2022〕20号" in text.stdout
    assert "页（估算）" in text.stdout  # the text issue's pages are counted from its page breaks
    status, out, _ = gazette_in_process(settings.data_dir, "ask", "--json", "谁负责地下水压采的技术指导和监督")
    assert status == 0
    body = json.loads(out)
    assert body["citations"][0]["doc_number"] == "朔政办发〔2022〕27号"


def test_ask_batch(settings, built_index, tmp_path):
    batch = tmp_path / "q.jsonl"
    batch.write_text("\n".join([
        json.dumps({"id": "a", "question": "应县的地下水压减目标是多少", "extra": 1}, ensure_ascii=False),
        json.dumps({"id": "b", "question": "那山阴县呢", "history": [["朔城区要压减多少地下水", "380"]]},
                   ensure_ascii=False),
        "not json",
        json.dumps({"id": "c", "question": "怎么申请新生儿医保"}, ensure_ascii=False),
    ]), "utf-8")
    proc = gazette(settings, "ask", "--batch", str(batch))
    assert proc.returncode == 0
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o.get("id") for o in out] == ["a", "b", None, "c"]
    assert "460" in out[0]["answer"] and "170" in out[1]["answer"]
    assert "第 3 行" in out[2]["error"]
    assert out[3]["refused"] is True


def test_ask_without_index_says_what_to_do(tmp_path):
    env = {**os.environ, "GAZETTE_DATA_DIR": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-m", "assistant.cli", "ask", "你好"],
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 2 and "gazette ingest" in proc.stderr and "Traceback" not in proc.stderr


def test_a_bug_is_not_reported_as_a_user_error(monkeypatch):
    """Only failures meant for the user become 「错误」 without a traceback; other ValueErrors surface."""
    import assistant.cli as cli

    def broken(args, settings):
        raise ValueError("a bug, not a user error")

    monkeypatch.setattr(cli, "cmd_corpus", broken)
    with pytest.raises(ValueError):
        cli.main(["corpus"])


def test_ingest_progress_is_plain_lines_off_a_terminal():
    import io

    from assistant.ingest import EmbedProgress

    out = io.StringIO()
    progress = EmbedProgress(out)
    for done in range(0, 1001, 50):
        progress("embed", done, 1000)
    lines = out.getvalue().splitlines()
    assert 8 <= len(lines) <= 12 and lines[-1].startswith("嵌入 1000/1000") and "\r" not in out.getvalue()


def test_serve_with_two_workers(settings, built_index, tmp_path):
    """`gazette serve --workers 2` starts two processes over the index and answers; one origin
    written plainly starts it; the workers share one rate limit over HTTP."""
    import httpx

    from tests.conftest import ServeProcess

    env = {"GAZETTE_ALLOWED_ORIGINS": "https://www.example.gov.cn", "GAZETTE_RATE_LIMIT_PER_MINUTE": "5"}
    with ServeProcess(settings, tmp_path / "data", ["--workers", "2"], env) as server:
        r = httpx.post(server.url + "/api/v1/ask", json={"question": "导游证核发现在归哪个部门"}, timeout=60)
        assert r.json()["citations"][0]["doc_number"] == "朔政发〔2022〕20号"
        assert len(server.processes()) >= 3  # the supervisor and its two workers
        site = httpx.get(server.url + "/api/v1/issues", headers={"Origin": "https://www.example.gov.cn"})
        assert site.headers["access-control-allow-origin"] == "https://www.example.gov.cn"
        evil = httpx.get(server.url + "/api/v1/issues", headers={"Origin": "https://evil.example"})
        assert evil.status_code == 403
        # One question above; twelve more on fresh connections (the kernel spreads them over both
        # workers): four more get through in all, not four per worker.
        statuses = [httpx.post(server.url + "/api/v1/ask", json={"question": "你好"}, timeout=60).status_code
                    for _ in range(12)]
        assert statuses.count(200) == 4 and statuses.count(429) == 8, statuses


def test_every_worker_follows_a_generation_another_process_switched_to(settings, built_index, tmp_path):
    """An ingest in one process (here: a new generation written beside the served one and
    ``CURRENT`` pointed at it, as ``gazette ingest`` does) is served by every worker on its next
    request, without a restart."""
    import json
    import shutil
    import time

    import httpx

    from tests.conftest import ServeProcess

    with ServeProcess(settings, tmp_path / "data", ["--workers", "2"]) as server:
        index = tmp_path / "data" / "index"
        served = (index / "CURRENT").read_text("utf-8").strip()
        shutil.copytree(index / served, index / "gen-next")
        manifest = json.loads((index / "gen-next" / "manifest.json").read_text("utf-8"))
        manifest.update(generation="gen-next", issues=[{**manifest["issues"][0], "label": "新的一期"}])
        (index / "gen-next" / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
        (index / "CURRENT.tmp").write_text("gen-next", "utf-8")
        (index / "CURRENT.tmp").replace(index / "CURRENT")
        time.sleep(1.5)  # each worker looks at the pointer once a second at most
        labels = []
        for _ in range(12):  # fresh connections: the kernel spreads them over both workers
            labels.append(httpx.get(server.url + "/healthz", timeout=60).json()["issues"])
            time.sleep(0.2)
        assert all(label == ["新的一期"] for label in labels[4:]), labels


def test_two_processes_share_one_rate_limit(tmp_path):
    """Each worker process counts in the same window: two processes asking 6 times each get 5 through."""
    import subprocess
    import sys

    script = ("import sys; from pathlib import Path; from assistant.guards import RateLimiter; "
              "limiter = RateLimiter(5, Path(sys.argv[1])); "
              "print(sum(limiter.check('127.0.0.1') == 0 for _ in range(6)))")
    runs = [subprocess.Popen([sys.executable, "-c", script, str(tmp_path / "rate.sqlite")], stdout=subprocess.PIPE,
                             text=True) for _ in range(2)]
    allowed = [int(run.communicate(timeout=60)[0]) for run in runs]
    assert sum(allowed) == 5, allowed


def test_a_bad_setting_stops_serve_with_one_line(tmp_path):
    env = {**os.environ, "GAZETTE_DATA_DIR": str(tmp_path), "GAZETTE_RATE_LIMIT_PER_MINUTE": "lots"}
    proc = subprocess.run([sys.executable, "-m", "assistant.cli", "serve"], capture_output=True, text=True, env=env,
                          timeout=120)
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert "GAZETTE_RATE_LIMIT_PER_MINUTE" in proc.stderr and "整数（≥1）" in proc.stderr and "lots" not in proc.stderr
