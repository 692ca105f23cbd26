"""Render a gazette issue as a PDF from the shipped text, knowing where every paragraph is printed.

The tests make their own PDF (nothing is downloaded): documents of the shipped issue are laid
out page by page by this module (so the true printed page of every sentence is known), turned
into HTML, one fixed-size box per printed page, and printed to PDF by headless Chromium with
Debian's Noto CJK fonts. The issue has a cover and a 目录 without page numbers, a running
header, printed page numbers in the footers from the first page after the 目录 (「— 5 —」 on
odd pages, 「-6-」 on even ones, or a bare 「5」), a table that crosses a page break (its header
printed again on the next page) and paragraphs cut by a page break. One page can be turned into
a scan (``scanned``): it is rasterised at 200 dpi and put back as a JPEG image with no text
layer, as an older issue's scanned page is, for the OCR path.

Each document's 文号 can be renumbered (``renumber``) so that the PDF issue is a different issue
from the shipped one while its passages, and so their cached embeddings, stay the same.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from corpus.docnumber import normalize_doc_number
from corpus.parse import SAMPLE_ISSUE, parse_issue

CHROMIUM = "/usr/bin/chromium"
# Layout: A4 pages; the body box is 160 mm wide (≈ 37 characters of 16 px) and holds 30 lines.
CHARS_PER_LINE = 36
LINES_PER_PAGE = 26


@dataclass
class Block:
    kind: str  # title | center | p | cont | right | row | header_row
    text: str = ""
    cells: list[str] = field(default_factory=list)

    @property
    def lines(self) -> float:
        if self.kind in ("row", "header_row"):
            return 1.3
        if self.kind == "title":
            return math.ceil(len(self.text) / 22) * 1.6
        indent = 2 if self.kind == "p" else 0
        return max(1, math.ceil((len(self.text) + indent) / CHARS_PER_LINE))


@dataclass
class Page:
    printed: int | None
    blocks: list[Block]

    def text(self) -> str:
        """The page's text as printed, without whitespace: the truth a sentence is looked up in."""
        parts = [b.text if b.text else "".join(b.cells) for b in self.blocks]
        return re.sub(r"\s+", "", "".join(parts))


@dataclass
class PdfIssue:
    path: Path
    pages: list[Page]
    year: int
    number: int
    doc_numbers: dict[str, str]  # original 文号 → 文号 printed in this issue
    scanned: int | None = None  # the printed page that is an image only (no text layer)

    def page(self, printed: int) -> Page:
        return next(p for p in self.pages if p.printed == printed)

    def printed_page_of(self, sentence: str) -> int | None:
        """The printed page that holds ``sentence`` whole (None when it spans pages or is absent)."""
        key = re.sub(r"\s+", "", sentence)
        found = [p.printed for p in self.pages if key in p.text()]
        return found[0] if len(found) == 1 else None


def _blocks_of_document(text: str, start: int, end: int, number_line: str) -> list[Block]:
    """Blocks of one document: title block centred, 文号, paragraphs, tables, right-aligned signature."""
    lines = [ln for ln in text[start:end].split("\n")]
    blocks: list[Block] = []
    in_title = True
    table_rows = 0
    for i, raw in enumerate(lines):
        if not raw.strip():
            continue
        if "\t" in raw:
            cells = raw.split("\t")
            kind = "header_row" if table_rows == 0 or (table_rows == 1 and not cells[0].strip()) else "row"
            blocks.append(Block(kind, cells=[c.strip() for c in cells]))
            table_rows += 1
            continue
        table_rows = 0
        line = raw.strip()
        if in_title:
            if normalize_doc_number(line) and len(line) <= 20:
                blocks.append(Block("center", number_line))
                in_title = False
            else:
                blocks.append(Block("title", line))
            continue
        nxt = next((ln.strip() for ln in lines[i + 1:] if ln.strip()), "")
        prev = blocks[-1] if blocks else None
        if re.fullmatch(r"\S{2,20}人民政府(办公室)?", line) and re.fullmatch(r"20\d\d年\d{1,2}月\d{1,2}日", nxt):
            blocks.append(Block("right", line))
        elif re.fullmatch(r"20\d\d年\d{1,2}月\d{1,2}日", line) and prev is not None and prev.kind == "right":
            blocks.append(Block("right", line))
        else:
            blocks.append(Block("p", line))
    return blocks


def _paginate(blocks: list[Block], first_page: int) -> list[Page]:
    """Fill pages in order; a paragraph that does not fit is cut, a table repeats its header."""
    pages = [Page(first_page, [])]
    used = 0.0
    header: list[Block] = []
    prev_kind = ""
    for block in blocks:
        if block.kind == "header_row":
            header = header + [block] if prev_kind == "header_row" else [block]
        prev_kind = block.kind
        room = LINES_PER_PAGE - used
        if block.lines <= room:
            pages[-1].blocks.append(block)
            used += block.lines
            continue
        if block.kind == "p" and room >= 2:
            # Cut the paragraph: what fits stays, the rest continues unindented on the next page.
            keep = int(room) * CHARS_PER_LINE - 2 - 3  # a few characters of slack for line-breaking rules
            head, tail = block.text[:keep], block.text[keep:]
            pages[-1].blocks.append(Block("p", head))
            pages.append(Page(pages[-1].printed + 1, [Block("cont", tail)]))
            used = Block("cont", tail).lines
            continue
        pages.append(Page(pages[-1].printed + 1, []))
        used = 0.0
        if block.kind == "row" and header:
            for h in header:
                pages[-1].blocks.append(Block("header_row", cells=h.cells))
                used += h.lines
        pages[-1].blocks.append(block)
        used += block.lines
    return pages


_CSS = """
@page { size: 210mm 297mm; margin: 0; }
html, body { margin: 0; padding: 0; font-family: 'Noto Serif CJK SC', 'Noto Sans CJK SC', serif; }
.page { position: relative; box-sizing: border-box; width: 210mm; height: 297mm; overflow: hidden; \
page-break-after: always; }
.head { position: absolute; top: 12mm; left: 25mm; right: 25mm; font-size: 12px; text-align: center;
        border-bottom: 1px solid #900; padding-bottom: 2px; color: #900; }
.foot { position: absolute; bottom: 12mm; left: 25mm; right: 25mm; font-size: 14px; }
.body { position: absolute; top: 25mm; left: 25mm; width: 160mm; bottom: 22mm; font-size: 16px; line-height: 1.75; }
.body p { margin: 0; text-indent: 2em; }
.body p.cont { text-indent: 0; }
.body p.center { text-align: center; text-indent: 0; }
.body p.title { text-align: center; text-indent: 0; font-size: 20px; font-weight: bold; line-height: 1.6; }
.body p.right { text-align: right; text-indent: 0; padding-right: 2em; }
table { border-collapse: collapse; width: 100%; font-size: 11px; line-height: 1.6; }
td { border: 1px solid #000; padding: 1px 3px; vertical-align: top; white-space: nowrap; }
.cover { text-align: center; padding-top: 60mm; }
.cover .t { font-size: 40px; font-weight: bold; color: #b3261e; }
.cover p { font-size: 20px; margin: 8mm 0; }
.toc { position: absolute; top: 25mm; left: 25mm; width: 160mm; font-size: 14px; line-height: 1.7; }
.toc h1 { text-align: center; font-size: 24px; }
.toc .cat { margin-top: 4mm; font-weight: bold; }
.toc .entry { display: flex; justify-content: space-between; }
"""


def _footer(printed: int, style: str) -> str:
    if style == "plain":
        return f'<div class="foot" style="text-align:{"right" if printed % 2 else "left"}">{printed}</div>'
    label = f"— {printed} —" if printed % 2 else f"-{printed}-"
    return f'<div class="foot" style="text-align:center">{label}</div>'


def _render_block(block: Block) -> str:
    if block.kind in ("row", "header_row"):
        return "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in block.cells) + "</tr>"
    return f'<p class="{block.kind}">{html.escape(block.text)}</p>'


def _render_page_body(page: Page) -> str:
    out: list[str] = []
    in_table = False
    for block in page.blocks:
        is_row = block.kind in ("row", "header_row")
        if is_row and not in_table:
            out.append("<table>")
        if not is_row and in_table:
            out.append("</table>")
        in_table = is_row
        out.append(_render_block(block))
    if in_table:
        out.append("</table>")
    return "".join(out)


def build_pages(doc_numbers: list[str], renumber: dict[str, str], toc_pages: int = 1,
                include_back_matter: bool = True) -> tuple[list[Page], list[tuple[str, str, str, int]]]:
    """Lay out the chosen documents of the shipped issue; returns (pages, TOC entries)."""
    parsed = parse_issue(SAMPLE_ISSUE)
    text = parsed.text
    pages: list[Page] = []
    toc: list[tuple[str, str, str, int]] = []
    next_page = 1
    for number in doc_numbers:
        doc = parsed.document(number)
        assert doc is not None, number
        printed_number = renumber.get(number, number)
        blocks = _blocks_of_document(text, doc.start, doc.end, printed_number)
        doc_pages = _paginate(blocks, next_page)
        toc.append((doc.category or "", doc.title, printed_number, next_page))
        pages.extend(doc_pages)
        next_page = doc_pages[-1].printed + 1
    if include_back_matter:
        pages[-1].blocks.append(Block("center", "《朔州市人民政府公报》简介"))
        pages[-1].blocks.append(Block("p", "《朔州市人民政府公报》由朔州市人民政府办公室主管主办。"))
    return pages, toc


def render_html(pages: list[Page], toc: list[tuple[str, str, str, int]], year: int, number: int,
                footer_style: str = "dash") -> str:
    """The whole issue as one HTML document: cover, 目录, then one box per printed page."""
    running = f"朔州市人民政府公报 {year}年第{number}期"
    out = [f"<!doctype html><html><head><meta charset='utf-8'><style>{_CSS}</style></head><body>"]
    out.append('<div class="page cover"><p class="t">朔州市人民政府公报</p>'
               f"<p>{year}年第{number}期（总第{number + 14}期）</p><p>朔州市人民政府办公室主管主办</p>"
               f"<p>{year}年12月31日出版（双月刊）</p></div>")
    out.append('<div class="page"><div class="toc"><h1>目 录</h1>')
    category = None
    for cat, title, doc_number, page in toc:
        if cat != category:
            out.append(f'<div class="cat">【{html.escape(cat)}】</div>')
            category = cat
        out.append(f"<div>{html.escape(title)}</div>"
                   f'<div class="entry"><span>{html.escape(doc_number)}</span><span>{page}</span></div>')
    out.append("</div></div>")
    for page in pages:
        out.append(f'<div class="page"><div class="head">{running}</div>'
                   f'<div class="body">{_render_page_body(page)}</div>{_footer(page.printed, footer_style)}</div>')
    out.append("</body></html>")
    return "".join(out)


def print_pdf(html_text: str, out: Path) -> Path:
    """Print HTML to PDF with headless Chromium (Playwright)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.set_content(html_text, wait_until="load")
            page.pdf(path=str(out), width="210mm", height="297mm", print_background=True,
                     margin={"top": "0", "bottom": "0", "left": "0", "right": "0"})
        finally:
            browser.close()
    return out


# The documents of the test issue: the shipped issue's last five (a table in 27号, member lists).
DEFAULT_DOCS = ["朔政办发〔2022〕27号", "朔政办函〔2022〕74号", "朔政办函〔2022〕78号",
                "朔政办函〔2022〕79号", "朔政办函〔2022〕82号"]


def scan_page(path: Path, pdf_index: int, dpi: int = 200) -> None:
    """Replace one page of the PDF at ``path`` by a JPEG of itself: an image-only (scanned) page."""
    import io

    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(path))
    out = pdfium.PdfDocument.new()
    try:
        width, height = src[pdf_index].get_size()
        jpeg = io.BytesIO()
        src[pdf_index].render(scale=dpi / 72, grayscale=True).to_pil().save(jpeg, "JPEG", quality=80)
        jpeg.seek(0)
        out.import_pages(src, list(range(pdf_index)))
        page = out.new_page(width, height)
        image = pdfium.PdfImage.new(out)
        image.load_jpeg(jpeg, inline=True)
        image.set_matrix(pdfium.PdfMatrix().scale(width, height))
        page.insert_obj(image)
        page.gen_content()
        out.import_pages(src, list(range(pdf_index + 1, len(src))))
        buffer = io.BytesIO()
        out.save(buffer)
    finally:
        out.close()
        src.close()
    path.write_bytes(buffer.getvalue())


def make_pdf_issue(folder: Path, year: int = 2022, number: int = 6, docs: list[str] | None = None,
                   footer_style: str = "dash", renumber_offset: int = 100, scanned: int | None = None) -> PdfIssue:
    """Write ``folder/gazette-<year>-<number>.pdf`` and return what is printed on which page;
    ``scanned``: the printed page to turn into an image-only page."""
    docs = docs or DEFAULT_DOCS
    renumber = {d: re.sub(r"〕(\d+)号", lambda m: f"〕{int(m.group(1)) + renumber_offset}号", d) for d in docs}
    pages, toc = build_pages(docs, renumber)
    path = folder / f"gazette-{year}-{number:02d}.pdf"
    print_pdf(render_html(pages, toc, year, number, footer_style), path)
    if scanned is not None:
        front = 2  # the cover and the 目录 come before printed page 1
        scan_page(path, front + [p.printed for p in pages].index(scanned))
    return PdfIssue(path=path, pages=pages, year=year, number=number, doc_numbers=renumber, scanned=scanned)
