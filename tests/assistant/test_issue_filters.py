"""The issue filter with two issues in the index (the shipped text issue and a rendered PDF
issue): the chat page's 「限定期次」 dropdown (from GET /api/v1/issues) and the widget's
``data-issue`` each answer from the chosen issue only, in a real browser and over HTTP."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.api import create_app
from assistant.service import AskService
from tests.assistant.test_ui import browser  # noqa: F401 - the Playwright fixture
from tests.conftest import ServerThread
from tests.pdf_fixture import CHROMIUM

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium not installed (apt-get install chromium)")

Q = "谁负责地下水压采的技术指导和监督"
OLD, NEW = "朔政办发〔2022〕27号", "朔政办发〔2022〕127号"
LABELS = {"2022-05": "朔州市人民政府公报2022年第5期", "2022-06": "朔州市人民政府公报2022年第6期"}


@pytest.fixture(scope="module")
def two_issue_server(two_issues):
    local = two_issues[0]
    with ServerThread(create_app(local, service=AskService.from_settings(local))) as srv:
        yield srv


def test_chat_page_issue_filter(two_issue_server, browser):  # noqa: F811
    gradio_client = pytest.importorskip("gradio_client")
    client = gradio_client.Client(two_issue_server.url + "/", verbose=False)
    endpoints = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    name = next(n for n in endpoints if "respond" in n)
    for issue, number, other in (("2022-06", NEW, OLD), ("2022-05", OLD, NEW)):
        reply = str(client.predict(Q, [], "全部", "全部", LABELS[issue], [], api_name=name)[0][-1])
        assert number in reply and other not in reply, (issue, reply[:300])

    # The dropdown offers every indexed issue.
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(two_issue_server.url + "/", wait_until="domcontentloaded")
    page.wait_for_selector("#question textarea", timeout=60000)
    page.get_by_text("筛选（可选）").click()
    page.locator("#issue-filter input").click()
    page.wait_for_selector("ul[role='listbox'] li", timeout=10000)
    options = page.locator("ul[role='listbox'] li").all_inner_texts()
    assert [o.replace('✓', '').strip() for o in options] == ["全部", LABELS["2022-05"], LABELS["2022-06"]]
    page.close()


@pytest.mark.parametrize("issue, number, other", [("2022-06", NEW, OLD), ("2022-05", OLD, NEW)])
def test_widget_data_issue(two_issue_server, browser, issue, number, other):  # noqa: F811
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    demo = page.request.get(two_issue_server.url + "/widget-demo").text()
    assert '<script src="/widget.js"' in demo
    host = demo.replace('<script src="/widget.js"', f'<script src="/widget.js" data-issue="{issue}"')
    # The demo page as a host site would write it, with the attribute (same origin: allowed).
    page.route(two_issue_server.url + "/widget-demo",
               lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=host))
    page.goto(two_issue_server.url + "/widget-demo", wait_until="networkidle")
    widget = page.locator("[data-gazette-widget]")
    widget.locator(".fab").click()
    widget.locator("input").fill(Q)
    widget.locator("input").press("Enter")
    widget.locator(".cite").first.wait_for(timeout=30000)
    cites = widget.locator(".cite").all_inner_texts()
    assert cites and all(number in c for c in cites) and not any(other in c for c in cites), cites
    # Each citation links to the source viewer on the service's origin.
    href = widget.locator(".quote .view").first.get_attribute("href")
    assert href.startswith(two_issue_server.url + "/documents/") and "quote=" in href
    page.close()
