"""A second city's gazette runs on the same code: the made-up 临川市 issue and profile
(tests/profiles/) are ingested with the real model, and the API, the chat page, the widget, the
LLM prompt and the command line speak of 临川, with its examples and colours."""

from __future__ import annotations

import html
import json

import httpx
import pytest

from assistant.cli import main
from assistant.llm import build_messages
from assistant.settings import load_settings
from tests.conftest import ServerThread
from tests.profiles.linchuan import PLAN, PROFILE, WATER, write_issue


@pytest.fixture(scope="module")
def linchuan_settings(tmp_path_factory):
    from assistant.ingest import run_ingest

    folder = tmp_path_factory.mktemp("linchuan")
    write_issue(folder / "corpus")
    settings = load_settings(data_dir=folder / "data", corpus_dir=folder / "corpus", profile=str(PROFILE),
                             rate_limit_per_minute=100_000)
    report = run_ingest(settings)
    assert report.documents == 2
    return settings


@pytest.fixture(scope="module")
def linchuan_server(linchuan_settings):
    from assistant.api import create_app
    from assistant.service import AskService

    service = AskService.from_settings(linchuan_settings)
    with ServerThread(create_app(linchuan_settings, service=service)) as srv:
        yield srv


@pytest.mark.parametrize("question, said", [
    ("谁负责河道清淤的技术指导和监督检查", "市水务局"),
    ("东湖区要清淤多少公里", "40公里"),
    ("请问临政发〔2023〕4号是什么文件", "临川市人民政府关于印发临川市河道清淤三年行动方案的通知"),
])
def test_the_api_answers_from_the_other_citys_gazette(linchuan_server, question, said):
    r = httpx.post(f"{linchuan_server.url}/api/v1/ask", json={"question": question}, timeout=60)
    body = r.json()
    assert r.status_code == 200 and not body["refused"]
    assert said in body["answer"] and [c["doc_number"] for c in body["citations"]] == [PLAN]


def test_documents_are_listed_with_their_issuers(linchuan_server):
    docs = httpx.get(f"{linchuan_server.url}/api/v1/documents").json()
    issuers = {d["doc_number"]: d["issuer"] for d in (docs["documents"] if isinstance(docs, dict) else docs)}
    assert issuers == {PLAN: "临川市人民政府", WATER: "临川市发展和改革委员会"}


def test_greetings_and_empty_questions_use_the_profile(linchuan_server):
    hello = httpx.post(f"{linchuan_server.url}/api/v1/ask", json={"question": "你好"}).json()
    assert hello["answer"].startswith("您好！我是临川市政务公报小助手")
    empty = httpx.post(f"{linchuan_server.url}/api/v1/ask", json={"question": "   "}).json()
    assert "谁负责河道清淤的技术指导" in empty["answer"]


def test_chat_page_openapi_and_widget_carry_the_profile(linchuan_server):
    page = httpx.get(linchuan_server.url + "/").text
    assert "临川公报问答" in page and "朔州" not in page
    config = httpx.get(linchuan_server.url + "/config").json()
    shown = json.dumps(config, ensure_ascii=False)
    assert "临政发〔2023〕4号是什么文件" in shown and "#0a7d5a" in shown and "#e07b00" in shown
    assert "朔州" not in shown and "#1f4e8c" not in shown
    spec = httpx.get(linchuan_server.url + "/openapi.json").json()
    assert spec["info"]["description"].startswith("根据《临川市人民政府公报》回答问题")
    example = spec["paths"]["/api/v1/ask"]["post"]["responses"]["200"]["content"]["application/json"]["example"]
    assert example["citations"][0]["doc_number"] == PLAN and "朔" not in json.dumps(spec, ensure_ascii=False)
    widget = httpx.get(linchuan_server.url + "/widget.js").text
    defaults = json.loads(widget.split("var PROFILE = ", 1)[1].split(";\n", 1)[0])
    assert defaults == {"gazette": "临川市人民政府公报", "color": "#0a7d5a", "examples": ["东湖区要清淤多少公里"]}


def test_the_llm_is_told_whose_assistant_it_is():
    from corpus.profile import load_profile

    system = build_messages("问题", [], assistant_name=load_profile(PROFILE).assistant_name)[0]
    assert system[0] == "system" and system[1].startswith("你是临川市政务公报小助手。只根据下面编号的公报原文")


def test_the_command_line_names_the_profiles_assistant(linchuan_settings, monkeypatch, capsys):
    monkeypatch.setenv("GAZETTE_PROFILE", str(PROFILE))
    monkeypatch.setenv("GAZETTE_DATA_DIR", str(linchuan_settings.data_dir))
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "公报问答：临川市政务公报小助手" in capsys.readouterr().out
    assert main(["ask"]) == 2
    assert 'gazette ask "谁负责河道清淤的技术指导"' in capsys.readouterr().err
    assert main(["ask", "你好"]) == 0
    assert "临川市政务公报小助手" in html.unescape(capsys.readouterr().out)


def test_the_demo_page_and_the_viewer_are_the_other_citys(linchuan_server):
    demo = httpx.get(linchuan_server.url + "/widget-demo")
    assert demo.status_code == 200 and 'src="/widget.js"' in demo.text
    assert "临川市人民政府（演示页面）" in demo.text and f"（{PLAN}）</li>" in demo.text and "朔" not in demo.text
    css = httpx.get(linchuan_server.url + "/static/viewer.css")
    assert css.headers["content-type"].startswith("text/css") and "--link:#0a7d5a" in css.text
    # The viewer's page of the example answer's document links that stylesheet.
    page = httpx.get(linchuan_server.url + f"/documents/{PLAN}").text
    assert "/static/viewer.css" in page and "市水务局负责河道清淤的技术指导和监督检查" in page

