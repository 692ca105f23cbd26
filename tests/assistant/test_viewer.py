"""The source viewer over real HTTP: every citation's ``url`` opens the document with the quote
highlighted after the marker of the cited page; a PDF issue links to its original file at that
page; an unknown 文号 gets a Chinese 404 page."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import httpx
import pytest

from assistant.api import create_app
from assistant.service import AskService
from assistant.viewer import find_quote
from tests.assistant.test_ui import browser  # noqa: F401 - the Playwright fixture
from tests.conftest import ServerThread
from tests.pdf_fixture import CHROMIUM

QUESTION = "谁负责地下水压采的技术指导和监督"
PAGE_MARKER = re.compile(r"<a class='pg' id='p(\d+)'")


def marked(page: str) -> list[tuple[int | None, str]]:
    """Each highlight: (the page of the last marker before it, its text). A highlight crossing
    lines is in pieces; only its first piece has an id."""
    article = page[page.index("<article"):page.index("</article>")]
    found = []
    for m in re.finditer(r"<mark class='quote' id='q\d+'", article):
        markers = PAGE_MARKER.findall(article[:m.start()])
        rest = re.sub(r"<a class='pg'[^>]*>[^<]*</a>", "", article[m.start():])
        own = re.split(r"<mark class='quote' id=", rest[1:], maxsplit=1)[0]
        pieces = re.findall(r"<mark class='quote'[^>]*>(.*?)</mark>", "<" + own)
        found.append((int(markers[-1]) if markers else None, "".join(pieces)))
    return found


def compact(text: str) -> str:
    return re.sub(r"\s|<[^>]+>", "", text)


def test_citation_links_open_the_document_at_the_quote(server):
    answer = httpx.post(server.url + "/api/v1/ask", json={"question": QUESTION}, timeout=60).json()
    assert answer["citations"]
    for c in answer["citations"]:
        assert c["url"].startswith("/documents/") and c["url"].endswith(f"#p{c['page']}")
        assert unquote(c["url"].split("?")[0].rsplit("/", 1)[1]) == c["doc_number"]
        page = httpx.get(server.url + c["url"].split("#")[0])
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert "script-src 'self'" in page.headers["content-security-policy"]
        html = page.text
        assert f"<dd>{c['doc_number']}</dd>" in html and c["title"] in html
        assert "页码为估算" in html  # the shipped text issue has estimated pages
        highlights = marked(html)
        assert highlights, "the quote is not highlighted"
        # The highlight stands after the marker of the cited page, and is the quote itself.
        assert (c["page"], compact(c["quote"])) in [(p, compact(t)) for p, t in highlights]
    # No inline script or style: the page passes the served CSP.
    assert "<script>" not in html and " style=" not in html and "<style" not in html


def test_page_markers_headings_and_bracket_forms(server):
    html = httpx.get(server.url + "/documents/朔政办发[2022]27号").text
    pages = [int(p) for p in PAGE_MARKER.findall(html)]
    assert pages == list(range(122, 127))  # the document's pages, each once, in order
    assert "<h2 class='h3' id='h1'>一、总体要求" in html
    assert "<mark" not in html  # nothing highlighted without a quote
    assert httpx.get(server.url + "/documents/朔政办发（2022）27号").status_code == 200


def test_unknown_document_is_a_chinese_404(server):
    page = httpx.get(server.url + "/documents/朔政发〔1999〕1号")
    assert page.status_code == 404 and "未找到文件" in page.text and "朔政发〔1999〕1号" in page.text
    missing = httpx.get(server.url + "/documents/朔政办发〔2022〕27号", params={"quote": "公报里没有的一句话"})
    assert missing.status_code == 200 and "未在本文件中找到引文" in missing.text
    assert httpx.get(server.url + "/files/2022-05.pdf").status_code == 404  # a text issue has no PDF
    assert httpx.get(server.url + "/files/..%2F..%2Fmanifest.json").status_code == 404


def test_a_quote_in_the_address_is_text_not_markup(server):
    page = httpx.get(server.url + "/documents/朔政办发〔2022〕27号",
                     params={"quote": "<script>alert(1)</script><img src=x onerror=alert(1)>"})
    assert page.status_code == 200
    assert "<script>alert" not in page.text and "<img src=x" not in page.text
    assert "default-src" in page.headers.get("content-security-policy", "")


def test_find_quote_ignores_whitespace_and_ellipses():
    text = "第一行文字，\n第二行 继续。别处又有第一行文字。"
    assert find_quote(text, "第一行文字，第二行继续。") == [(0, 14)]
    assert find_quote(text, "……第一行文字") == [(0, 5), (18, 23)]
    assert find_quote(text, "没有") == []


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium not installed (apt-get install chromium)")
def test_pdf_issue_links_to_the_original_file_at_the_printed_page(two_issues):
    import pypdfium2

    local, pdf, _ = two_issues
    with ServerThread(create_app(local, service=AskService.from_settings(local), with_ui=False)) as srv:
        body = {"question": QUESTION, "filters": {"issue": "2022-06"}}
        answer = httpx.post(srv.url + "/api/v1/ask", json=body, timeout=60).json()
        c = answer["citations"][0]
        assert c["page_source"] == "source"
        html = httpx.get(srv.url + c["url"].split("#")[0]).text
        assert "页码为估算" not in html
        assert (c["page"], compact(c["quote"])) in [(p, compact(t)) for p, t in marked(html)]
        link = re.search(rf"id='p{c['page']}' href='#p{c['page']}' data-pdf='(/files/2022-06\.pdf)#page=(\d+)'", html)
        assert link, "the cited page's marker links to the PDF"
        served = httpx.get(srv.url + link.group(1))
        assert served.status_code == 200 and served.headers["content-type"] == "application/pdf"
        assert served.content == pdf.path.read_bytes()
        # The PDF page the link opens is the one that prints the quote's beginning.
        document = pypdfium2.PdfDocument(served.content)
        page_text = document[int(link.group(2)) - 1].get_textpage().get_text_range()
        head = re.split(r"……|，", c["quote"])[0]
        assert compact(head) in compact(page_text)
        assert "id='pdf-link' href='/files/2022-06.pdf#page=" in html
        assert httpx.get(srv.url + "/files/2022-07.pdf").status_code == 404


def test_clicking_a_citation_in_the_chat_shows_the_quote_on_its_page(server, browser, artifacts):  # noqa: F811 - the imported fixture
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server.url + "/", wait_until="domcontentloaded")
    page.wait_for_selector("#question textarea", timeout=60000)
    page.locator("#question textarea").fill(QUESTION)
    page.locator("#send").click()
    page.wait_for_function("document.querySelectorAll('#chat .answer a.view-source').length > 0", timeout=30000)
    page.wait_for_timeout(500)  # Gradio redraws the chat once the event ends
    card = page.locator("#chat .source-card").first
    cited_page = int(re.search(r"第(\d+)页", card.locator("summary").inner_text()).group(1))
    quote = card.locator("blockquote").inner_text()
    with page.context.expect_page() as opened:
        card.locator("a.view-source").click()
    viewer = opened.value
    viewer.wait_for_load_state("load")
    viewer.wait_for_selector("mark.quote.current", timeout=10000)
    shown = viewer.evaluate("""() => Array.from(document.querySelectorAll('mark.quote.current')).map(m => {
        const c = m.cloneNode(true); c.querySelectorAll('a.pg').forEach(a => a.remove()); return c.textContent;
    }).join('')""")  # the highlight without a page marker that stands inside it
    assert compact(shown) == compact(quote)
    # The highlight is in view, and the page marker shown as current is the cited page.
    viewer.wait_for_function("(() => { const r = document.querySelector('mark.quote.current').getBoundingClientRect();"
                             " return r.top >= 0 && r.bottom <= innerHeight; })()", timeout=5000)
    assert viewer.locator("a.pg.current").get_attribute("id") == f"p{cited_page}"
    assert viewer.evaluate("location.hash") == f"#p{cited_page}"
    viewer.screenshot(path=str(artifacts / "source-viewer.png"))
    viewer.close()
    page.close()
