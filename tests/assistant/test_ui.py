"""The chat page and the widget in a real browser (Debian's Chromium driven by Playwright),
and the Gradio app through gradio_client. Screenshots go to test-artifacts/."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("GAZETTE_CHROMIUM", "/usr/bin/chromium")
Q = "谁负责地下水压采的技术指导和监督"
MISSION_EXAMPLE = "谁负责地下水压采考核"


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.skip("Chromium not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic"])
        yield b
        b.close()


@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)])
def test_chat_page_keeps_the_box_in_view_and_each_answer_its_cards(server, browser, artifacts, width, height):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(server.url + "/", wait_until="domcontentloaded")
    page.wait_for_selector("#question textarea", timeout=60000)
    assert page.title() == "公报问答 · 朔州市人民政府公报"
    assert "问" in page.request.get(server.url + "/favicon.ico").text()  # the service's own icon
    # An unrelated question first: the next one must still be answered as itself.
    ask(page, "市政府教育督导委员会的主任是谁？", 1)
    assert "田东" in page.locator("#chat .answer").nth(0).inner_text()
    ask(page, MISSION_EXAMPLE, 2)
    first, second = page.locator("#chat .answer").nth(0), page.locator("#chat .answer").nth(1)
    assert "地下水" in second.inner_text()
    # Each answer carries its own source cards (文号 · 页码 · 章节 · 原文).
    assert "朔政办发〔2022〕27号 · 第1" in second.locator(".source-card").first.inner_text()
    assert all("朔政办发" not in c for c in first.locator(".source-card").all_inner_texts())
    box = page.locator("#question textarea").bounding_box()
    assert box["y"] + box["height"] <= height, "the question box is pushed out of view"
    # 「[n]」 reaches its card.
    link = second.locator("a.cite").first
    target = link.get_attribute("href")[1:]
    assert target.startswith("src-2-")
    link.click()
    page.wait_for_function(f"(() => {{const r = document.getElementById('{target}').getBoundingClientRect();"
                           f"return r.top >= 0 && r.top < {height};}})()", timeout=5000)
    text = page.locator("body").inner_text()
    assert "Built with Gradio" not in text and "Use via API" not in text
    page.screenshot(path=str(artifacts / f"chat-{width}.png"))
    # A follow-up uses the visible history.
    ask(page, "那应县的地下水压减目标是多少", 3)
    assert "460" in page.locator("#chat .answer").nth(2).inner_text()
    page.locator("#clear").click()
    page.wait_for_function("document.querySelectorAll('#chat .answer').length === 0", timeout=10000)
    page.close()


def test_chat_page_on_two_worker_processes(settings, built_index, browser, tmp_path):
    """With `serve --workers 2` each question may reach either process (every page opens new
    connections, which the kernel spreads): every one is answered, a follow-up included, since
    the conversation lives in the page and no event waits on the other process's queue."""
    from tests.conftest import ServeProcess

    unlimited = {"GAZETTE_RATE_LIMIT_PER_MINUTE": "1000"}
    with ServeProcess(settings, tmp_path / "data", ["--workers", "2"], unlimited) as server:
        assert len(server.processes()) >= 3  # the supervisor and its two workers
        for _ in range(3):
            page = browser.new_page()
            page.goto(server.url + "/", wait_until="domcontentloaded")
            page.wait_for_selector("#question textarea", timeout=60000)
            ask(page, "市政府教育督导委员会的主任是谁？", 1)
            ask(page, "怀仁市的地下水压减目标是多少", 2)
            ask(page, "那应县呢", 3)
            answers = page.locator("#chat .answer").all_inner_texts()
            assert "田东" in answers[0] and "480" in answers[1] and "460" in answers[2]
            page.close()


def ask(page, question: str, answers: int) -> None:
    page.locator("#question textarea").fill(question)
    page.locator("#send").click()
    page.wait_for_function(f"document.querySelectorAll('#chat .answer').length >= {answers}", timeout=30000)
    page.wait_for_timeout(500)  # Gradio finishes the event (and redraws the chat) after the last message


def test_low_confidence_looks_different(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server.url + "/", wait_until="domcontentloaded")
    page.wait_for_selector("#question textarea", timeout=60000)
    ask(page, "朔州市图书馆开放时间", 1)  # the plan names the library, never its hours
    answer = page.locator("#chat .answer").first
    assert answer.get_attribute("class") in ("answer conf-low", "answer conf-none")
    assert "公报" in answer.locator(".conf-label").inner_text()
    assert answer.locator(".source-card").count() >= 1  # where to look, as cards
    page.close()


@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)])
def test_widget_on_demo_page(server, browser, artifacts, width, height):
    page = browser.new_page(viewport={"width": width, "height": height})
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server.url + "/widget-demo", wait_until="networkidle")
    host_style_before = page.evaluate("getComputedStyle(document.querySelector('#host-button')).fontSize")
    widget = page.locator("[data-gazette-widget]")
    widget.locator(".fab").click()
    panel = widget.locator(".panel")
    assert panel.is_visible() and not widget.locator(".fab").is_visible()  # no launcher under the open panel
    box = panel.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width and box["y"] > 100  # the host's header stays visible
    assert widget.locator(".chip").count() == 2  # example questions before the first question
    # Keyboard: focus is in the box, Enter sends.
    page.keyboard.type("导游证核发现在归哪个部门")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "document.querySelector('[data-gazette-widget]').shadowRoot.querySelector('.cite') !== null", timeout=30000)
    log = widget.locator(".log").inner_text()
    assert "市文旅局" in log and "朔政发〔2022〕20号 · 第10页" in log and widget.locator(".chip").count() == 0
    widget.locator(".cite").first.click()
    assert "导游证核发" in widget.locator(".quote.show").first.inner_text()
    # A table row reads as its name, then its values one a line.
    widget.locator("input").fill("应县的地下水压减目标是多少")
    widget.locator("input").press("Enter")
    page.wait_for_function("document.querySelector('[data-gazette-widget]').shadowRoot"
                           ".querySelectorAll('.a')[2].innerText.includes('· 压减目标')", timeout=30000)
    assert "第4项 应县[1]。\n  · 压减目标：460万立方米" in widget.locator(".a").nth(2).inner_text()
    page.screenshot(path=str(artifacts / f"widget-{width}.png"))
    # Markup in a question is shown as text, never run.
    widget.locator("input").fill("<img src=x onerror=alert(1)>")
    widget.locator(".row button").click()
    page.wait_for_timeout(1500)
    assert "<img src=x onerror=alert(1)>" in widget.locator(".q").last.inner_text()
    assert page.evaluate("document.querySelector('[data-gazette-widget]')"
                         ".shadowRoot.querySelectorAll('img').length") == 0
    assert dialogs == []
    assert page.evaluate("getComputedStyle(document.querySelector('#host-button')).fontSize") == host_style_before
    # Esc closes the panel and gives the focus back to the launcher.
    widget.locator("input").press("Escape")
    assert not panel.is_visible() and widget.locator(".fab").is_visible()
    assert page.evaluate("document.querySelector('[data-gazette-widget]').shadowRoot.activeElement.className") == "fab"
    page.close()


def test_widget_under_a_strict_host_csp(settings, service, browser, artifacts):
    """The host page allows scripts and connections only to the widget's origin, and no styles at all."""
    import http.server
    import threading

    from assistant.api import create_app
    from tests.conftest import ServerThread, free_port

    host_port = free_port()
    host_origin = f"http://127.0.0.1:{host_port}"
    local = settings.model_copy(update={"allowed_origins": [host_origin]})
    with ServerThread(create_app(local, service=service, with_ui=False)) as widget_server:
        policy = (f"default-src 'none'; script-src {widget_server.url}; connect-src {widget_server.url}; "
                  "style-src 'none'; img-src 'none'")
        body = (f"<!doctype html><html><head><meta charset='utf-8'><title>host</title></head><body><h1>宿主页</h1>"
                f"<script src='{widget_server.url}/widget.js' data-title='问公报' data-color='#1f4e8c' "
                "data-position='left' async></script></body></html>").encode()

        class Host(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the http.server interface
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Security-Policy", policy)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", host_port), Host)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            violations = []
            page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
            page.goto(host_origin + "/", wait_until="networkidle")
            widget = page.locator("[data-gazette-widget]")
            fab = widget.locator(".fab")
            assert fab.inner_text() == "问公报"
            assert page.evaluate("getComputedStyle(document.querySelector('[data-gazette-widget]').shadowRoot"
                                 ".querySelector('.fab')).position") == "fixed"  # its style sheet applies
            assert fab.bounding_box()["x"] < 640  # data-position='left'
            fab.click()
            widget.locator("input").fill(Q)
            widget.locator("input").press("Enter")
            widget.locator(".cite").first.wait_for(timeout=30000)  # (a locator: the page's CSP forbids eval)
            assert "朔政办发〔2022〕27号" in widget.locator(".log").inner_text()
            assert violations == []
            page.screenshot(path=str(artifacts / "widget-strict-csp.png"))
            page.close()
        finally:
            httpd.shutdown()


def test_chat_page_shows_markup_as_text(server, browser):
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server.url + "/", wait_until="domcontentloaded")
    page.wait_for_selector("#question textarea", timeout=60000)
    page.locator("#question textarea").fill("<img src=x onerror=alert(1)>")
    page.locator("#send").click()
    page.wait_for_function("document.querySelector('#chat').innerText.includes('onerror')", timeout=30000)
    assert dialogs == []
    assert page.locator("#chat img[src='x']").count() == 0
    page.close()


def test_gradio_client(server):
    gradio_client = pytest.importorskip("gradio_client")
    client = gradio_client.Client(server.url + "/", verbose=False)
    endpoints = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    name = next(n for n in endpoints if "respond" in n)
    result = client.predict(Q, [], "全部", "全部", "全部", [], api_name=name)
    chat = result[0]
    assert "市水利局" in str(chat[-1]) and "朔政办发〔2022〕27号" in str(chat[-1])  # the cards ride with the answer


def test_extractive_chat_events_need_no_queue_and_keep_no_state_in_the_process(service, tmp_path):
    """What lets several worker processes serve the chat page: no event of it waits on Gradio's
    queue (whose stream must reach the process that took the question) and nothing of the
    conversation is kept in one process (gr.State); streaming an LLM's answer uses the queue."""
    from assistant.feedback import FeedbackStore
    from assistant.ui import build_ui

    feedback = FeedbackStore(tmp_path / "feedback.sqlite")
    whole = build_ui(service, feedback)
    assert whole.fns and not any(fn.queue for fn in whole.fns.values())
    assert not [b for b in whole.blocks.values() if type(b).__name__ == "State"]
    streamed = build_ui(service, feedback, streaming=True)
    assert any(fn.queue for fn in streamed.fns.values())


def test_the_page_keeps_only_what_the_conversation_needs_and_checks_what_it_sends_back():
    from assistant.ui import _kept, _kept_shape

    answer = {"question": "谁负责", "answer": "市水利局负责[1]。", "retrieved": [{"text": "很长的段落"}],
              "timings_ms": {"answer": 3.0}, "rewritten_question": None,
              "citations": [{"n": 1, "doc_number": "某政办发〔2023〕1号", "page": 3, "quote": "市水利局负责",
                             "url": "/x"}]}
    kept = _kept(answer)
    assert "retrieved" not in kept and kept["citations"] == [
        {"doc_number": "某政办发〔2023〕1号", "page": 3, "quote": "市水利局负责"}]
    assert _kept_shape(kept)
    assert not _kept_shape({"question": "谁负责"}) and not _kept_shape("<script>")
    assert not _kept_shape({"question": "q", "answer": "a", "citations": [{"doc_number": 5}]})


def test_the_chat_page_counts_in_the_rate_limit(settings, service, tmp_path):
    gradio_client = pytest.importorskip("gradio_client")
    from assistant.api import create_app
    from tests.conftest import ServerThread

    local = settings.model_copy(update={"rate_limit_per_minute": 1, "data_dir": tmp_path})
    with ServerThread(create_app(local, service=service)) as srv:
        client = gradio_client.Client(srv.url + "/", verbose=False)
        name = next(n for n in client.view_api(print_info=False, return_format="dict")["named_endpoints"]
                    if "respond" in n)
        first = client.predict(Q, [], "全部", "全部", "全部", [], api_name=name)[0]
        second = client.predict(Q, [], "全部", "全部", "全部", [], api_name=name)[0]
    assert "市水利局" in str(first[-1]) and "提问过于频繁" in str(second[-1])
