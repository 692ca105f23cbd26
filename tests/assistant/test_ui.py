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


def test_chat_page_answers_with_source_cards(server, browser, artifacts):
    page = browser.new_page(viewport={"width": 1200, "height": 1000})
    page.goto(server.url + "/", wait_until="domcontentloaded"); page.wait_for_selector("#question textarea", timeout=60000)
    assert "朔州市人民政府公报" in page.content()
    # An unrelated question first: the next one must still be answered as itself.
    page.locator("#question textarea").fill("市政府教育督导委员会的主任是谁？")
    page.locator("#send").click()
    page.wait_for_function("document.querySelector('#chat').innerText.includes('田东')", timeout=30000)
    page.locator("#question textarea").fill(MISSION_EXAMPLE)
    page.locator("#send").click()
    page.wait_for_function("document.querySelector('#sources') && document.querySelector('#sources').innerText.includes('朔政办发')",
                           timeout=30000)
    chat = page.locator("#chat").inner_text()
    assert "地下水" in chat.split(MISSION_EXAMPLE, 1)[1]
    sources = page.locator("#sources").inner_text()
    assert "朔政办发〔2022〕27号" in sources and "第1" in sources
    page.screenshot(path=str(artifacts / "chat.png"), full_page=True)
    # A follow-up uses the visible history.
    page.locator("#question textarea").fill("那应县的地下水压减目标是多少")
    page.locator("#send").click()
    page.wait_for_function("document.querySelector('#chat').innerText.includes('460')", timeout=30000)
    page.locator("#clear").click()
    page.wait_for_function("!document.querySelector('#chat').innerText.includes('460')", timeout=10000)
    page.close()


def test_widget_on_demo_page(server, browser, artifacts):
    page = browser.new_page(viewport={"width": 390, "height": 844})  # phone width
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server.url + "/widget-demo", wait_until="networkidle")
    host_style_before = page.evaluate("getComputedStyle(document.querySelector('#host-button')).fontSize")
    widget = page.locator("[data-gazette-widget]")
    widget.locator(".fab").click()
    panel = widget.locator(".panel")
    assert panel.is_visible()
    box = panel.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    widget.locator("input").fill("导游证核发现在归哪个部门")
    widget.locator(".row button").click()
    page.wait_for_function(
        "document.querySelector('[data-gazette-widget]').shadowRoot.querySelector('.cite') !== null", timeout=30000)
    log = widget.locator(".log").inner_text()
    assert "市文旅局" in log and "朔政发〔2022〕20号 · 第10页" in log
    widget.locator(".cite").first.click()
    assert "导游证核发" in widget.locator(".quote.show").first.inner_text()
    # Markup in a question is shown as text, never run.
    widget.locator("input").fill("<img src=x onerror=alert(1)>")
    widget.locator(".row button").click()
    page.wait_for_timeout(1500)
    assert "<img src=x onerror=alert(1)>" in widget.locator(".q").last.inner_text()
    assert page.evaluate("document.querySelector('[data-gazette-widget]').shadowRoot.querySelectorAll('img').length") == 0
    assert dialogs == []
    assert page.evaluate("getComputedStyle(document.querySelector('#host-button')).fontSize") == host_style_before
    page.screenshot(path=str(artifacts / "widget-phone.png"))
    page.close()


def test_chat_page_shows_markup_as_text(server, browser):
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server.url + "/", wait_until="domcontentloaded"); page.wait_for_selector("#question textarea", timeout=60000)
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
    result = client.predict(Q, [], "全部", "全部", [], api_name=name)
    chat, sources = result[0], result[1]
    assert "市水利局" in str(chat[-1])
    assert "朔政办发〔2022〕27号" in sources
