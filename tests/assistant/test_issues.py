"""Two issues in one index: the shipped text issue and a PDF issue rendered by the test.
Both are searchable over HTTP, the issue filter works, citations name their issue and give the
PDF's printed page, and re-ingesting the unchanged PDF embeds nothing."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from assistant.answer import Answer
from assistant.api import create_app
from assistant.ingest import run_ingest
from assistant.plain import render_text
from assistant.service import AskService
from tests.conftest import ServerThread
from tests.pdf_fixture import CHROMIUM

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium not installed (apt-get install chromium)")

QUESTION = "谁负责地下水压采的技术指导和监督"


def test_both_issues_are_listed_and_searchable_with_a_filter(two_issues):
    local, pdf, first = two_issues
    assert first.changed and first.issues == ["2022-06"]
    with ServerThread(create_app(local, service=AskService.from_settings(local), with_ui=False)) as srv:
        issues = httpx.get(srv.url + "/api/v1/issues").json()
        assert [(i["issue_id"], i["label"], i["documents"]) for i in issues] == [
            ("2022-05", "朔州市人民政府公报2022年第5期", 12), ("2022-06", "朔州市人民政府公报2022年第6期", 5)]
        assert issues[1]["source"] == pdf.path.name

        answers = {}
        for issue in ("2022-05", "2022-06"):
            body = {"question": QUESTION, "filters": {"issue": issue}}
            answers[issue] = httpx.post(srv.url + "/api/v1/ask", json=body, timeout=60).json()
        old, new = answers["2022-05"], answers["2022-06"]
        assert old["citations"] and new["citations"]
        assert {c["doc_number"] for c in old["citations"]} == {"朔政办发〔2022〕27号"}
        assert {c["doc_number"] for c in new["citations"]} == {"朔政办发〔2022〕127号"}
        assert {c["issue"] for c in new["citations"]} == {"朔州市人民政府公报2022年第6期"}
        assert {c["page_source"] for c in old["citations"]} == {"estimated"}
        for c in new["citations"]:
            # The cited page is the page the PDF prints the quote on.
            head = re.split(r"……|，", c["quote"])[0]
            assert c["page_source"] == "source" and c["page"] == pdf.printed_page_of(head), c
        text = render_text(Answer.model_validate(new))
        assert re.search(r"\[1\] 朔政办发〔2022〕127号《[^》]+》朔州市人民政府公报2022年第6期 第\d+页", text), text

        # Without a filter both issues are searched: the same passage is found in each.
        both = httpx.post(srv.url + "/api/v1/ask", json={"question": QUESTION}, timeout=60).json()
        found = {r["doc_number"] for r in both["retrieved"]}
        assert {"朔政办发〔2022〕27号", "朔政办发〔2022〕127号"} <= found


def test_reingesting_an_unchanged_pdf_embeds_nothing(two_issues):
    local, pdf, _ = two_issues
    again = run_ingest(local, [pdf.path])
    assert not again.changed and again.new_embeddings == 0
