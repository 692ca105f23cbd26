"""The REST API over real HTTP, against the app with the real index."""

import json

import httpx
import pytest

from assistant.api import create_app
from tests.conftest import ServerThread

Q = "谁负责地下水压采的技术指导和监督"


def test_healthz(server):
    r = httpx.get(f"{server.url}/healthz")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok" and body["documents"] == 12
    assert body["issues"] == ["朔州市人民政府公报2022年第5期"]


def test_ask_returns_the_answer_object(server):
    r = httpx.post(f"{server.url}/api/ask", json={"question": Q}, timeout=30)
    assert r.status_code == 200
    body = r.json()
    assert "市水利局" in body["answer"] and body["refused"] is False
    cite = body["citations"][0]
    assert cite["doc_number"] == "朔政办发〔2022〕27号" and cite["page"] == 125
    assert set(body) >= {"question", "answer", "refused", "citations", "retrieved", "mode", "timings_ms"}


def test_ask_with_history_and_filters(server):
    r = httpx.post(f"{server.url}/api/ask", json={
        "question": "那应县呢？", "history": [["怀仁市要压减多少地下水", "480"]]}, timeout=30)
    assert "460" in r.json()["answer"]
    # A history item may carry the 文号 its answer cited: 「这个文件」 is that document.
    r = httpx.post(f"{server.url}/api/ask", json={"question": "这个文件的文号是多少", "history": [
        {"question": "地下水超采综合治理行动方案是哪个部门解读的", "answer": "市水利局",
         "cited": ["朔政办发〔2022〕27号"]}]},
        timeout=30)
    assert r.json()["followup_kind"] == "document" and "朔政办发〔2022〕27号" in r.json()["answer"]
    r = httpx.post(f"{server.url}/api/ask", json={
        "question": "组长是谁", "filters": {"doc_number": "朔政办函[2022]82号"}}, timeout=30)
    body = r.json()
    assert "魏元平" in body["answer"]
    assert {c["doc_number"] for c in body["citations"]} == {"朔政办函〔2022〕82号"}


def test_stream_is_server_sent_events(server):
    with httpx.stream("POST", f"{server.url}/api/ask/stream", json={"question": Q}, timeout=30) as r:
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
        raw = "".join(r.iter_text())
    events = [json.loads(line[5:]) for line in raw.splitlines() if line.startswith("data:")]
    assert events[0]["type"] == "delta" and events[-1]["type"] == "answer"
    assert "".join(e["text"] for e in events if e["type"] == "delta") == events[-1]["answer"]["answer"]
    assert events[-1]["answer"]["citations"][0]["doc_number"] == "朔政办发〔2022〕27号"


def test_documents(server):
    docs = httpx.get(f"{server.url}/api/documents").json()
    assert len(docs) == 12
    ground = next(d for d in docs if d["doc_number"] == "朔政办发〔2022〕27号")
    assert (ground["start_page"], ground["end_page"], ground["date"]) == (122, 126, "2022-09-29")
    one = httpx.get(f"{server.url}/api/documents/朔政办发(2022)27号").json()
    assert one["title"].endswith("地下水超采综合治理行动方案的通知")
    assert any("三、保障措施" in s["section"] for s in one["sections"])
    missing = httpx.get(f"{server.url}/api/documents/朔政办发〔2099〕1号")
    assert missing.status_code == 404 and "未找到" in missing.json()["error"]


@pytest.mark.parametrize("body, status, text", [
    ({"question": "地" * 501}, 422, "question 太长，请控制在 500 字以内"),
    ({"question": "那应县呢", "history": [["问", "答"]] * 11}, 422, "history 条目太多"),
    ({"question": "你好", "filters": {"year": False}}, 422, "filters.year"),
    ({"question": 42}, 422, "请求格式不正确"),
    ({}, 422, "question"),
    ({"question": "你好", "mode": "magic"}, 422, "mode"),
])
def test_bad_input_gets_a_clear_4xx(server, body, status, text):
    r = httpx.post(f"{server.url}/api/ask", json=body, timeout=30)
    assert r.status_code == status and text in r.json()["error"]


def test_broken_json_and_huge_body(server):
    r = httpx.post(f"{server.url}/api/ask", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422
    r = httpx.post(f"{server.url}/api/ask", content=b"x" * 2_000_000, headers={"content-type": "application/json"})
    assert r.status_code == 413 and "过大" in r.json()["error"]


def test_empty_question_is_a_polite_reply(server):
    r = httpx.post(f"{server.url}/api/ask", json={"question": "  "})
    assert r.status_code == 200 and r.json()["mode"] == "smalltalk"


def test_feedback_is_stored(server, settings):
    r = httpx.post(f"{server.url}/api/feedback", json={
        "question": Q, "answer": "市水利局…[1]", "citations": [{"doc_number": "朔政办发〔2022〕27号"}],
        "verdict": "down", "comment": "想看原文"})
    assert r.status_code == 200
    import sqlite3

    rows = sqlite3.connect(settings.data_dir / "feedback.sqlite").execute(
        "SELECT question, verdict, comment, citations FROM feedback WHERE id = ?", (r.json()["id"],)).fetchall()
    assert rows[0][:3] == (Q, "down", "想看原文") and "27号" in rows[0][3]


def test_widget_script_and_demo(server):
    js = httpx.get(f"{server.url}/widget.js")
    assert js.status_code == 200 and "attachShadow" in js.text and "innerHTML" not in js.text
    demo = httpx.get(f"{server.url}/widget-demo")
    assert demo.status_code == 200 and 'src="/widget.js"' in demo.text


def test_openapi_docs(server):
    spec = httpx.get(f"{server.url}/openapi.json").json()
    assert "/api/v1/ask" in spec["paths"] and "/api/v1/ask/stream" in spec["paths"]
    assert httpx.get(f"{server.url}/docs").status_code == 200


def test_origins_and_rate_limit(settings, service, tmp_path):
    # Its own data folder: the rate-limit window is shared by every app over one data folder.
    local = settings.model_copy(update={"allowed_origins": ["https://www.shuozhou.gov.cn"], "rate_limit_per_minute": 3,
                                        "data_dir": tmp_path})
    with ServerThread(create_app(local, service=service, with_ui=False)) as srv:
        ok = httpx.post(f"{srv.url}/api/ask", json={"question": "你好"}, headers={"Origin": "https://www.shuozhou.gov.cn"})
        assert ok.status_code == 200
        assert ok.headers["access-control-allow-origin"] == "https://www.shuozhou.gov.cn"
        bad = httpx.post(f"{srv.url}/api/ask", json={"question": "你好"}, headers={"Origin": "https://evil.example"})
        assert bad.status_code == 403 and "未被允许" in bad.json()["error"]
        codes = [httpx.post(f"{srv.url}/api/ask", json={"question": "你好"}).status_code for _ in range(3)]
        assert codes[-1] == 429
        limited = httpx.post(f"{srv.url}/api/ask", json={"question": "你好"})
        assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
        assert "频繁" in limited.json()["error"]


def test_missing_index_gives_503_with_advice(tmp_path):
    from assistant.settings import load_settings

    empty = load_settings(data_dir=tmp_path)
    with ServerThread(create_app(empty, with_ui=False)) as srv:
        r = httpx.post(f"{srv.url}/api/ask", json={"question": Q})
        assert r.status_code == 503 and "gazette ingest" in r.json()["error"]
        assert httpx.get(f"{srv.url}/healthz").status_code == 503


def test_lone_surrogates_and_control_characters_are_cleaned_not_fatal(server):
    raw = b'{"question": "\\ud800\\u0000\\u5bfc\\u6e38\\u8bc1\\u6838\\u53d1\\u73b0\\u5728' \
          b'\\u5f52\\u54ea\\u4e2a\\u90e8\\u95e8", ' \
          b'"history": [["\\udfff\\u95ee", "\\u7b54\\u0007"]]}'
    r = httpx.post(f"{server.url}/api/ask", content=raw, headers={"Content-Type": "application/json"}, timeout=30)
    assert r.status_code == 200 and r.json()["citations"][0]["doc_number"] == "朔政发〔2022〕20号"
