"""The API document's examples, the widget's demo page and the viewer's colours come from the
gazette profile: the made-up 临川市 profile (tests/profiles/) shows its own documents, the shipped
one shows its own, and a profile without an example file still gets a document with no
placeholder left in it. Built without an index (as ``gazette openapi`` builds the document)."""

from __future__ import annotations

import json

import pytest

from assistant.api import openapi_document, viewer_css, widget_demo_page
from assistant.api_examples import load_api_examples
from assistant.errors import ProfileError
from assistant.settings import load_settings
from corpus.profile import load_profile
from tests.profiles.linchuan import PLAN, PROFILE

SHIPPED_CITY = ("朔", "应县", "怀仁")


def document(tmp_path, profile) -> tuple[dict, str]:
    spec = openapi_document(load_settings(data_dir=tmp_path, profile=str(profile)))
    return spec, json.dumps(spec, ensure_ascii=False)


def test_the_other_citys_openapi_document_shows_its_own_examples(tmp_path):
    spec, text = document(tmp_path, PROFILE)
    assert "«example:" not in text and not [w for w in SHIPPED_CITY if w in text]
    schemas = spec["components"]["schemas"]
    ask = spec["paths"]["/api/v1/ask"]["post"]
    answer = ask["responses"]["200"]["content"]["application/json"]["example"]
    assert answer["question"] == "谁负责河道清淤的技术指导和监督检查" and answer["answer"].startswith("市水务局负责")
    assert [c["doc_number"] for c in answer["citations"]] == [PLAN]
    follow_up = schemas["AskBody"]["examples"][1]
    assert follow_up["question"] == "那西山县呢？" and follow_up["history"][0]["cited"] == [PLAN]
    assert schemas["AskBody"]["examples"][0] == {"question": answer["question"]}
    assert schemas["FeedbackBody"]["examples"][0]["answer"] == "市水务局负责……[1]。"
    assert schemas["DocumentSummary"]["properties"]["doc_number"]["description"] == f"文号，如 {PLAN}"
    assert schemas["IssueSummary"]["properties"]["label"]["description"] == "如 临川市人民政府公报2023年第2期"
    assert "临川市人民政府." in schemas["FilterSpec"]["properties"]["issuer"]["description"]
    missing = spec["paths"]["/api/v1/documents/{doc_number}"]["get"]["responses"]["404"]
    assert missing["content"]["application/json"]["example"]["error"] == "未找到文号为 临政发〔2021〕1号 的文件"
    chat = spec["paths"]["/v1/chat/completions"]["post"]["responses"]["200"]["content"]["application/json"]
    assert chat["example"]["gazette"] == answer
    assert chat["example"]["choices"][0]["message"]["content"].startswith("市水务局负责……[1]。")


def test_the_shipped_document_shows_the_shipped_gazettes_answer(tmp_path):
    spec, text = document(tmp_path, "shuozhou")
    assert "«example:" not in text and "临川" not in text and "东湖区" not in text
    answer = spec["paths"]["/api/v1/ask"]["post"]["responses"]["200"]["content"]["application/json"]["example"]
    assert answer["citations"][0]["doc_number"] == "朔政办发〔2022〕27号"
    assert answer["question"] == load_profile().examples[0]


def test_a_profile_without_an_example_file_gets_examples_of_its_own_questions(tmp_path):
    toml = tmp_path / "city.toml"
    toml.write_text(PROFILE.read_text("utf-8").replace('api_examples = "linchuan-api-examples.json"\n', ""), "utf-8")
    spec, text = document(tmp_path, toml)
    assert "«example:" not in text and not [w for w in SHIPPED_CITY if w in text]
    answer = spec["paths"]["/api/v1/ask"]["post"]["responses"]["200"]["content"]["application/json"]["example"]
    assert answer["question"] == "谁负责河道清淤的技术指导"  # the profile's first example question
    assert answer["citations"][0]["issuer"] == "临川市人民政府办公室"


@pytest.mark.parametrize("content, problem", [
    (None, "找不到"),
    ("{", "无效"),
    ('{"answer": {"question": "问", "answer": "答"}, "follow_up": {"question": "那呢"}, '
     '"unknown_doc_number": "X发〔2021〕1号"}', "至少有一条引用"),
    ('{"answer": {"question": "问"}, "follow_up": {"question": "那呢"}, "unknown_doc_number": "X发〔2021〕1号"}',
     "无效"),
])
def test_a_broken_example_file_stops_start_up_naming_the_file(tmp_path, content, problem):
    toml = tmp_path / "city.toml"
    toml.write_text(PROFILE.read_text("utf-8"), "utf-8")
    if content is not None:
        (tmp_path / "linchuan-api-examples.json").write_text(content, "utf-8")
    with pytest.raises(ProfileError, match=f"linchuan-api-examples.json.*{problem}|{problem}.*linchuan-api-examples"):
        load_api_examples(load_profile(toml))
    with pytest.raises(ProfileError):
        openapi_document(load_settings(data_dir=tmp_path, profile=str(toml)))


def test_the_demo_page_is_the_other_citys_website():
    page = widget_demo_page(load_profile(PROFILE))
    assert "<title>临川市人民政府 · 政府信息公开（演示页）</title>" in page
    assert "<h2>政府公报 · 2023年第2期</h2>" in page
    assert f"<li>临川市人民政府关于印发临川市河道清淤三年行动方案的通知（{PLAN}）</li>" in page
    assert "header{background:#0a7d5a;" in page and "nav{background:#07563e;" in page  # no nav colour: the heading's
    assert 'src="/widget.js"' in page and "$" not in page and not [w for w in SHIPPED_CITY if w in page]


def test_the_shipped_demo_page_lists_the_shipped_issue():
    page = widget_demo_page(load_profile())
    assert "<header>朔州市人民政府（演示页面）</header>" in page and "（朔政办发〔2022〕27号）</li>" in page
    assert "header{background:#b3261e;" in page and "nav{background:#8f1d17;" in page and "临川" not in page


def test_the_viewer_is_in_the_profiles_colours():
    css = viewer_css(load_profile(PROFILE)).decode("utf-8")
    assert css.startswith(":root {--link:#0a7d5a;--accent:#e07b00;--heading:#07563e}")
    assert "var(--heading)" in css and "#8c1d18" not in css
