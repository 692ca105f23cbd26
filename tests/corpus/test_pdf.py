"""PDF issues: the printed page of every known sentence is exact, headers and footers are dropped,
tables keep their header across a page break. The PDF is rendered by the test (tests/pdf_fixture.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from corpus.parse import SAMPLE_ISSUE, parse_issue
from corpus.sources import SourceError
from tests.pdf_fixture import CHROMIUM, PdfIssue, make_pdf_issue

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def pdf_issue(tmp_path_factory) -> PdfIssue:
    return make_pdf_issue(tmp_path_factory.mktemp("pdf"))


@pytest.fixture(scope="module")
def pdf_parsed(pdf_issue):
    return parse_issue(pdf_issue.path)


def known_sentences(issue: PdfIssue, per_page: int = 2) -> list[tuple[str, int]]:
    """Sentences printed whole on one page (from the fixture's own layout), a few from every page."""
    out: list[tuple[str, int]] = []
    for page in issue.pages:
        taken = 0
        for block in page.blocks:
            if block.text.startswith("《朔州市人民政府公报》"):
                continue  # the back matter: no document's text
            for sentence in re.findall(r"[^。；]{12,}[。；]", block.text):
                if taken < per_page and issue.printed_page_of(sentence) == page.printed:
                    out.append((sentence, page.printed))
                    taken += 1
    return out


def locate(text: str, sentence: str) -> int:
    """Offset in ``text`` where ``sentence`` begins, whitespace ignored (-1 when absent)."""
    index = [i for i, ch in enumerate(text) if not ch.isspace()]
    compact = "".join(text[i] for i in index)
    at = compact.find(re.sub(r"\s+", "", sentence))
    return index[at] if at >= 0 else -1


def test_every_known_sentence_gets_its_printed_page(pdf_issue, pdf_parsed):
    sentences = known_sentences(pdf_issue)
    assert len(sentences) >= 20
    wrong = []
    for sentence, page in sentences:
        offset = locate(pdf_parsed.text, sentence)
        assert offset >= 0, sentence
        doc = next(d for d in pdf_parsed.documents if d.start <= offset < d.end)
        if doc.page_at(offset) != page:
            wrong.append((sentence, page, doc.page_at(offset)))
    assert wrong == [], wrong  # 100%


def test_pages_come_from_the_source_and_agree_with_the_toc(pdf_issue, pdf_parsed):
    assert pdf_parsed.warnings == []
    assert pdf_parsed.manifest.issue_id == "2022-06"
    assert [d.doc_number for d in pdf_parsed.documents] == list(pdf_issue.doc_numbers.values())
    for doc in pdf_parsed.documents:
        assert doc.page_source == "source"
        entry = next(e for e in pdf_parsed.toc if e.doc_number == doc.doc_number)
        assert doc.start_page == entry.start_page
        printed = [p.printed for p in pdf_issue.pages if re.sub(r"\s+", "", doc.title)[-10:] in p.text()]
        assert doc.start_page == printed[0]
    # The text issue's pages stay honest estimates.
    assert {d.page_source for d in parse_issue(SAMPLE_ISSUE).documents} == {"estimated"}


def test_running_headers_and_page_numbers_are_not_in_chunks(pdf_issue, pdf_parsed):
    for chunk in pdf_parsed.chunks:
        assert "公报 2022年第6期" not in chunk.text
        assert not re.search(r"^[-—]\s*\d+\s*[-—]$", chunk.text, re.M), chunk.text
    # A paragraph cut by a page break is one paragraph again.
    cuts = [(before.blocks[-1].text[-8:], after.blocks[0].text[:8])
            for before, after in zip(pdf_issue.pages, pdf_issue.pages[1:], strict=False)
            if after.blocks[0].kind == "cont"]
    assert cuts
    for head, tail in cuts:
        joined = re.sub(r"\s+", "", head + tail)  # spaces aside; a newline between would fail
        assert any(joined in re.sub(r"[ \t]+", "", c.text) for c in pdf_parsed.chunks), (head, tail)


def test_a_table_across_a_page_break_keeps_its_header(pdf_issue, pdf_parsed):
    rows = [c for c in pdf_parsed.chunks if c.kind == "table_row" and c.doc_number.endswith("〔2022〕127号")]
    assert [c.row_key for c in rows] == ["1", "2", "3", "4", "合计"]
    table_pages = sorted({p.printed for p in pdf_issue.pages for b in p.blocks if b.kind == "row"})
    assert len(table_pages) == 2  # the fixture's table does cross a page break
    assert rows[3].page == table_pages[0] and rows[4].page == table_pages[1]
    assert dict(rows[3].cells())["年度压减计划（2024年）"] == "220"
    assert dict(rows[4].cells()) == {"序号": "合计", "压减目标": "1490", "年度压减计划（2021年）": "700",
                                     "年度压减计划（2022年）": "350", "年度压减计划（2023年）": "120",
                                     "年度压减计划（2024年）": "260", "年度压减计划（2025年）": "60"}


def test_bare_page_numbers_in_the_corner_are_read_too(tmp_path):
    issue = make_pdf_issue(tmp_path, year=2023, number=1, docs=["朔政办函〔2022〕79号", "朔政办函〔2022〕82号"],
                           footer_style="plain", renumber_offset=200)
    parsed = parse_issue(issue.path)
    sentences = known_sentences(issue, per_page=3)
    assert len(sentences) >= 4
    for sentence, page in sentences:
        offset = locate(parsed.text, sentence)
        doc = next(d for d in parsed.documents if d.start <= offset < d.end)
        assert doc.page_at(offset) == page, sentence
    assert parsed.manifest.issue_id == "2023-01"


def test_a_broken_pdf_gets_a_clear_error(tmp_path):
    fake = tmp_path / "broken.pdf"
    fake.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 100)
    with pytest.raises(SourceError, match="PDF"):
        parse_issue(fake)
    not_pdf = tmp_path / "note.pdf"
    not_pdf.write_text("这不是 PDF", encoding="utf-8")
    with pytest.raises(SourceError, match="不是 PDF"):
        parse_issue(not_pdf)
