"""Scanned pages: a page of the test PDF is an image only (no text layer); it is OCR'd offline,
its printed page is read from its OCR'd footer, its chunks are marked ``ocr``, and the character
error rate against the text that was printed there is measured."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

import corpus.pdf
from corpus.ocr import OCR_MISSING, OcrUnavailable, fix_common_errors, ocr_available
from corpus.parse import parse_source, read_issue
from corpus.text import compact
from tests.pdf_fixture import CHROMIUM, PdfIssue, make_pdf_issue

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium not installed (apt-get install chromium)")

# The scanned page: its paragraphs continue from page 2 and into page 4 (joins across a scan).
SCANNED = 3
MAX_CER = 0.05


@pytest.fixture(scope="module")
def scanned_issue(tmp_path_factory) -> PdfIssue:
    return make_pdf_issue(tmp_path_factory.mktemp("scan"), year=2022, number=7, scanned=SCANNED)


@pytest.fixture(scope="module")
def read(scanned_issue):
    """The issue read once (one OCR pass), with the log of how its pages were numbered and the
    recogniser's boxes for the scanned page."""
    if not ocr_available():
        pytest.skip("the ocr extra is not installed (pip install 'gazette-qa[ocr]')")
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("corpus.pdf")
    logger.addHandler(handler)
    old = logger.level
    logger.setLevel(logging.INFO)
    boxes: list = []

    def recorded(page):
        boxes.append(real_ocr_page(page))
        return boxes[-1]

    real_ocr_page = corpus.pdf.ocr_page
    corpus.pdf.ocr_page = recorded  # kept for the ingest test, which needs the same page, not a second OCR run
    try:
        source = read_issue(scanned_issue.path)
    finally:
        corpus.pdf.ocr_page = real_ocr_page
        logger.removeHandler(handler)
        logger.setLevel(old)
    return source, parse_source(source), [r.getMessage() for r in records], boxes


def locate(text: str, sentence: str) -> int:
    """Offset in ``text`` where ``sentence`` begins, whitespace ignored (-1 when absent)."""
    index = [i for i, ch in enumerate(text) if not ch.isspace()]
    at = "".join(text[i] for i in index).find(compact(sentence))
    return index[at] if at >= 0 else -1


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        cur = [i]
        for j, cb in enumerate(b, start=1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def ocr_page_text(source) -> str:
    spans = list(source.pages)
    at = next(i for i, s in enumerate(spans) if s.ocr)
    end = spans[at + 1].offset if at + 1 < len(spans) else len(source.text)
    return source.text[spans[at].offset:end]


def test_the_scanned_page_is_read_by_ocr_with_its_printed_page(scanned_issue, read):
    source, parsed, log, _ = read
    assert [s.printed for s in source.pages if s.ocr] == [SCANNED]
    assert parsed.warnings == []
    # The number came from the OCR'd footer, not from filling the gap between pages 2 and 4.
    assert not any("has no printed number" in m for m in log), log
    doc = next(d for d in parsed.documents if d.start_page <= SCANNED <= d.end_page)
    assert doc.ocr_pages == [SCANNED]
    assert all(d.ocr_pages == [] for d in parsed.documents if d is not doc)


def test_known_sentences_of_the_scanned_page_are_found_on_their_page_and_marked_ocr(scanned_issue, read):
    _, parsed, _, _ = read
    page = scanned_issue.page(SCANNED)
    sentences = [s for b in page.blocks for s in re.findall(r"[^。；]{12,}[。；]", b.text)
                 if scanned_issue.printed_page_of(s) == SCANNED]
    assert len(sentences) >= 8
    found = 0
    for sentence in sentences:
        hits = [c for c in parsed.chunks if compact(sentence) in compact(c.text)]
        if not hits:
            continue
        found += 1
        chunk = hits[0]
        assert "ocr" in chunk.flags, sentence
        doc = parsed.document(chunk.doc_number)
        offset = locate(parsed.text, sentence)
        assert doc.page_at(offset) == SCANNED, sentence
    # A sentence with one misread character is not found verbatim; nearly all are.
    assert found >= len(sentences) - 1, (found, len(sentences))
    # Chunks wholly on text-layer pages are not marked.
    assert any("ocr" not in c.flags for c in parsed.chunks if c.page == SCANNED + 2)


def test_character_error_rate_of_the_scanned_page(scanned_issue, read):
    source, _, _, _ = read
    truth = compact(scanned_issue.page(SCANNED).text())
    got = compact(ocr_page_text(source))
    cer = edit_distance(got, truth) / len(truth)
    print(f"\nOCR character error rate on the scanned page: {cer:.4f} ({len(truth)} characters)")
    assert cer <= MAX_CER


def test_a_dash_read_as_one_between_digits_is_put_back():
    assert fix_common_errors("第二阶段（2026一2030年）") == "第二阶段（2026—2030年）"
    assert fix_common_errors("—3一") == "—3—"
    assert fix_common_errors("统一规划，一体推进") == "统一规划，一体推进"


def test_without_the_extra_a_scanned_page_is_skipped_with_a_warning(scanned_issue, monkeypatch):
    def missing(page):
        raise OcrUnavailable(OCR_MISSING)

    monkeypatch.setattr(corpus.pdf, "ocr_page", missing)  # as if rapidocr-onnxruntime were not installed
    source = read_issue(scanned_issue.path)
    parsed = parse_source(source)
    assert any("gazette-qa[ocr]" in w and f"第{SCANNED + 2}页" in w for w in parsed.warnings), parsed.warnings
    assert not any(s.ocr for s in source.pages)
    assert not any("ocr" in c.flags for c in parsed.chunks)
    # The other pages are read as usual, with their printed pages (the skipped one is filled in).
    assert [s.printed for s in source.pages[2:6]] == [1, 2, 3, 4]
    page4 = compact(scanned_issue.page(SCANNED + 1).blocks[1].text)
    assert any(page4[:20] in compact(c.text) and c.page == SCANNED + 1 for c in parsed.chunks)


def test_a_citation_from_the_scanned_page_is_marked_ocr_in_the_api_and_the_ui(scanned_issue, read, settings,
                                                                              two_issues, monkeypatch, tmp_path):
    """The scanned issue ingested beside the shipped one and asked over HTTP: the quote from the
    scanned page comes back with ``ocr: true``; the chat card and the viewer say it was OCR'd.

    The ingest gets the recogniser's boxes of the module's read (the OCR itself is tested above),
    and the session's embedding cache already holds the text the PDF issue of ``two_issues``
    shares with this one: only the scanned page's text is embedded here."""
    import httpx

    from assistant.answer import OCR_NOTE
    from assistant.api import create_app
    from assistant.chat_html import sources_html
    from assistant.ingest import run_ingest
    from assistant.service import AskService
    from tests.conftest import ServerThread, copy_data

    replay = list(read[3])
    monkeypatch.setattr(corpus.pdf, "ocr_page", lambda page: replay.pop(0))
    local = copy_data(settings, tmp_path / "data")
    run_ingest(local, [scanned_issue.path])
    assert replay == []  # the one scanned page was "recognised" again
    with ServerThread(create_app(local, service=AskService.from_settings(local), with_ui=False)) as srv:
        body = {"question": "推进农业节水增效要做哪些工作", "filters": {"issue": "2022-07"}}
        answer = httpx.post(srv.url + "/api/v1/ask", json=body, timeout=60).json()
        on_scan = [c for c in answer["citations"] if c["page"] == SCANNED]
        assert on_scan, answer["citations"]
        assert all(c["ocr"] for c in on_scan)
        assert not any(c["ocr"] for c in answer["citations"] if c["page"] != SCANNED)
        assert "高效节水灌溉" in "".join(c["quote"] for c in on_scan)
        assert OCR_NOTE in sources_html(answer, "t")
        viewer = httpx.get(srv.url + on_scan[0]["url"].split("#")[0]).text
        assert f"id='p{SCANNED}'" in viewer and f"第{SCANNED}页是扫描页" in viewer and OCR_NOTE in viewer
