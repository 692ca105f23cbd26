"""Read a gazette issue from its PDF: the text of every page and the page number printed on it.

The PDF's page index is not the gazette's page: the cover and the 目录 are unnumbered, and
the first page after them is printed 「1」. So each page's printed number is read from its
header or footer line (「— 5 —」, 「-5-」, 「5」), and running headers and footers are dropped
from the text. What comes out is the same kind of text the parser reads from a ``.txt``
issue — one paragraph per line, table rows as tab-separated cells — plus the offset at which
each page begins, so that every chunk gets its true printed page (``page_source = "source"``).

Text is extracted with pypdfium2 (PDFium): it measured fastest with correct CJK text on the
test issue (``python -m evals.bench_pdf``). Lines are rebuilt from character boxes:

* characters are grouped into lines by their vertical centre, and read left to right;
* a horizontal gap wider than 1.6 characters splits table cells (a tab); the cells of a
  table's consecutive rows are aligned to shared column positions, so empty cells survive;
* a line continues the paragraph above it when it starts at the left margin and the line
  above reached the right margin (Chinese paragraphs indent their first line); across a page
  break the same rule joins the last paragraph of a page to the first line of the next.

A page with no text layer (a scan) is OCR'd when the ``ocr`` extra is installed
(``corpus.ocr``): its recognised text boxes become character boxes and follow the same rules,
so its printed number is read from its OCR'd footer; the page is marked ``ocr``. Without the
extra the page is skipped with a warning.
"""

from __future__ import annotations

import logging
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from corpus.ocr import MIN_TEXT_CHARS, OCR_MISSING, OcrUnavailable, box_chars, ocr_page
from corpus.sources import IssueSource, SourceError, load_manifest
from corpus.text import compact

log = logging.getLogger(__name__)

# A printed page number: 「— 5 —」, 「-5-」, 「－5－」, 「5」, 「第5页」 (OCR may read a dash as 「一」).
_PAGE_NUMBER = re.compile(r"^[\s\-—–－·一]*(?:第\s*)?(\d{1,4})(?:\s*页)?[\s\-—–－·一]*$")
# Header and footer lines live in the outer part of the page (a fraction of its height).
_BAND = 0.12
# A gap this many character heights wide between two characters separates table cells.
_CELL_GAP = 1.6
# Character boxes are advance boxes (no gap between neighbours); a gap of a quarter character is a space.
_SPACE_GAP = 0.25
# A running header must repeat on this share of the numbered pages (and on at least 3).
_RUNNING_SHARE = 0.3


class PdfError(SourceError):
    """A PDF that cannot be read as a gazette issue. The message is for the user."""


@dataclass(frozen=True)
class PageSpan:
    """Where one PDF page's text begins in the issue text, and the page number printed on it."""

    offset: int
    pdf_index: int  # 0-based page of the PDF file
    printed: int | None  # None on the cover and the 目录
    ocr: bool = False  # the page's text was read by OCR (a scanned page)


@dataclass
class _Char:
    ch: str
    x0: float
    x1: float
    y0: float
    y1: float


@dataclass
class _Line:
    chars: list[_Char]
    cells: list[tuple[float, str]] = field(default_factory=list)  # (x0, text) of each cell

    @property
    def x0(self) -> float:
        return self.chars[0].x0

    @property
    def x1(self) -> float:
        return max(c.x1 for c in self.chars)

    @property
    def yc(self) -> float:
        return statistics.fmean((c.y0 + c.y1) / 2 for c in self.chars)

    @property
    def height(self) -> float:
        hs = [c.y1 - c.y0 for c in self.chars if ord(c.ch) > 0x2E80]
        return statistics.median(hs) if hs else max(c.y1 - c.y0 for c in self.chars)

    @property
    def text(self) -> str:
        return "\t".join(t for _, t in self.cells)

    @property
    def is_table(self) -> bool:
        return len(self.cells) > 1


@dataclass
class _PageLines:
    index: int
    height: float
    lines: list[_Line]
    printed: int | None = None
    ocr: bool = False  # the lines were read by OCR from the page's image
    skipped: bool = False  # a scanned page that could not be OCR'd (the extra is missing)


def read_pdf_pages(path: Path) -> list[_PageLines]:
    """Every page's text lines, with character positions."""
    try:
        import pypdfium2 as pdfium
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise PdfError("读取 PDF 需要安装可选组件 pdf：pip install 'gazette-qa[pdf]'") from exc
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise PdfError(f"PDF 文件已损坏或无法打开（{exc}）/ the PDF cannot be opened: {path.name}") from exc
    pages: list[_PageLines] = []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            chars = _text_layer_chars(page)
            lines = _PageLines(index, page.get_size()[1], _group_lines(chars))
            if len(chars) < MIN_TEXT_CHARS and _has_image(page):
                _ocr_into(page, lines)
            pages.append(lines)
    finally:
        pdf.close()
    return pages


def _text_layer_chars(page) -> list[_Char]:
    """The characters of a page's text layer with their advance boxes."""
    textpage = page.get_textpage()
    n = textpage.count_chars()
    text = textpage.get_text_range(0, n) if n else ""
    chars = []
    for i, ch in enumerate(text[:n]):
        if ch.isspace() or ch in "\ufffe\x02":  # PDFium's generated breaks and spaces
            continue
        x0, y0, x1, y1 = textpage.get_charbox(i, loose=True)  # the advance box: punctuation included
        chars.append(_Char(ch, x0, x1, y0, y1))
    return chars


def _has_image(page) -> bool:
    import pypdfium2.raw as pdfium_c

    return next(iter(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,))), None) is not None


def _ocr_into(page, lines: _PageLines) -> None:
    """Replace a scanned page's (empty) lines with its OCR'd text; mark it skipped without the extra."""
    try:
        boxes = ocr_page(page)
    except OcrUnavailable:
        lines.skipped = True
        return
    chars = [_Char(*c) for box in boxes for c in box_chars(box)]
    lines.lines = _group_lines(chars)
    lines.ocr = True


def _group_lines(chars: list[_Char]) -> list[_Line]:
    """Characters → lines (top to bottom), each read left to right and split into cells."""
    visible = [c for c in chars if not c.ch.isspace()]
    if not visible:
        return []
    visible.sort(key=lambda c: -(c.y0 + c.y1) / 2)
    groups: list[list[_Char]] = [[visible[0]]]
    for c in visible[1:]:
        line = groups[-1]
        yc = (c.y0 + c.y1) / 2
        ref = statistics.fmean((d.y0 + d.y1) / 2 for d in line[-8:])
        tall = max(d.y1 - d.y0 for d in line[-8:])
        if abs(yc - ref) <= max(tall, c.y1 - c.y0) * 0.45:
            line.append(c)
        else:
            groups.append([c])
    lines = []
    for group in groups:
        group.sort(key=lambda c: c.x0)
        row = _Line(group)
        row.cells = _cells(group, row.height)
        lines.append(row)
    return lines


def _cells(chars: list[_Char], height: float) -> list[tuple[float, str]]:
    """Split a line at wide gaps (table cells); a narrower gap is a space between words."""
    cells: list[tuple[float, list[str]]] = [(chars[0].x0, [chars[0].ch])]
    for prev, c in zip(chars, chars[1:], strict=False):
        gap = c.x0 - prev.x1
        if gap > _CELL_GAP * height:
            cells.append((c.x0, [c.ch]))
            continue
        if gap > _SPACE_GAP * height:
            cells[-1][1].append(" ")
        cells[-1][1].append(c.ch)
    return [(x, "".join(parts).strip()) for x, parts in cells]


def _band_lines(page: _PageLines) -> list[_Line]:
    """The page's first and last lines when they lie in the header or footer band."""
    out = []
    for line in (page.lines[:1] + page.lines[-1:]) if page.lines else []:
        y = line.yc
        if y > page.height * (1 - _BAND) or y < page.height * _BAND:
            if line not in out:
                out.append(line)
    return out


def _shape(text: str) -> str:
    """A header line with its numbers and spaces blanked: the same on every page it runs on
    (OCR may read 「公报 2022年」 as 「公报2022年」)."""
    return re.sub(r"\d+", "#", compact(text))


def _strip_headers_and_footers(pages: list[_PageLines]) -> list[str]:
    """Read each page's printed number and drop running headers/footers; returns the dropped texts."""
    shape: Counter[str] = Counter()
    for page in pages:
        for line in _band_lines(page):
            shape[_shape(line.text)] += 1
    for page in pages:
        for line in _band_lines(page):
            m = _PAGE_NUMBER.match(line.text)
            if m and page.printed is None:
                page.printed = int(m.group(1))
                page.lines.remove(line)
    numbered = sum(1 for p in pages if p.printed is not None)
    need = max(3, int(numbered * _RUNNING_SHARE))
    running = {s for s, n in shape.items() if n >= need and not _PAGE_NUMBER.match(s.replace("#", "1"))}
    for page in pages:
        for line in _band_lines(page):
            if _shape(line.text) in running:
                page.lines.remove(line)
    _fill_missing_numbers(pages)
    return sorted(running)


def _fill_missing_numbers(pages: list[_PageLines]) -> None:
    """A page without a readable number between numbered pages gets its place in the sequence."""
    numbered = [i for i, p in enumerate(pages) if p.printed is not None]
    if not numbered:
        return
    for i in range(numbered[0] + 1, len(pages)):
        before = pages[i - 1].printed
        if pages[i].printed is None and before is not None:
            pages[i].printed = before + 1
            log.info("PDF page %d has no printed number; taken as %d", i + 1, pages[i].printed)
    for a, b in zip(numbered, numbered[1:], strict=False):
        first, second = pages[a].printed, pages[b].printed
        assert first is not None and second is not None  # both are in `numbered`
        if second - first != b - a:
            log.warning("printed page numbers jump from %d (PDF page %d) to %d (PDF page %d)",
                        first, a + 1, second, b + 1)


def _align_table(block: list[_Line], height: float) -> None:
    """Give the rows of one table the same columns, so that empty cells keep their place."""
    starts = sorted(x for line in block for x, _ in line.cells)
    columns: list[float] = []
    for x in starts:
        if not columns or x - columns[-1] > height:
            columns.append(x)
    for line in block:
        row = [""] * len(columns)
        for x, text in line.cells:
            col = min(range(len(columns)), key=lambda k: abs(columns[k] - x))
            row[col] = f"{row[col]} {text}".strip()
        line.cells = list(zip(columns, row, strict=False))


@dataclass(frozen=True)
class _Margins:
    left: float
    right: float
    height: float  # a typical body character height


def _margins(pages: list[_PageLines]) -> _Margins:
    lines = [line for p in pages if p.printed is not None for line in p.lines if not line.is_table]
    if not lines:
        lines = [line for p in pages for line in p.lines]
    if not lines:
        return _Margins(0.0, 0.0, 10.0)
    height = statistics.median(line.height for line in lines)
    # The left margin: the leftmost start shared by a fair number of lines (wrapped lines start
    # there; first lines are indented, titles centred).
    starts = Counter(round(line.x0) for line in lines)
    common = [x for x, n in starts.items() if n >= max(3, len(lines) * 0.05)]
    left = min(common) if common else min(starts)
    right = sorted(line.x1 for line in lines)[int(len(lines) * 0.95) - 1 if len(lines) > 1 else 0]
    return _Margins(float(left), right, height)


def _continues(prev: _Line | None, line: _Line, m: _Margins) -> bool:
    """Whether ``line`` carries on the paragraph of ``prev`` (a wrapped line, not a new paragraph)."""
    if prev is None or prev.is_table or line.is_table:
        return False
    return line.x0 <= m.left + 0.5 * m.height and prev.x1 >= m.right - 2.5 * m.height


def _joiner(before: str, after: str) -> str:
    ascii_word_on_both_sides = (before[-1:].isascii() and before[-1:].isalnum()
                                and after[:1].isascii() and after[:1].isalnum())
    return " " if ascii_word_on_both_sides else ""


@dataclass(frozen=True)
class PdfText:
    text: str
    pages: tuple[PageSpan, ...]
    running: tuple[str, ...]  # running header/footer texts that were dropped
    warnings: tuple[str, ...] = ()  # for the user: scanned pages that were skipped


def pdf_to_text(path: Path) -> PdfText:
    """The issue's text (paragraph per line, tables tab-separated) and where each page begins."""
    pages = read_pdf_pages(path)
    skipped = [p.index + 1 for p in pages if p.skipped]
    if not any(p.lines for p in pages):
        why = OCR_MISSING if skipped else "可能是扫描件"
        raise PdfError(f"PDF 中没有可提取的文字（{why}）/ the PDF has no text layer: {path.name}")
    warnings = []
    if skipped:
        warnings.append(f"PDF 第{'、'.join(map(str, skipped))}页是扫描页，未识别文字（{OCR_MISSING}）"
                        f" / scanned pages skipped without OCR")
    running = _strip_headers_and_footers(pages)
    margins = _margins(pages)
    for page in pages:
        block: list[_Line] = []
        for line in page.lines + [None]:
            if line is not None and line.is_table:
                block.append(line)
                continue
            if len(block) > 1:
                _align_table(block, margins.height)
            block = []
    out: list[str] = []
    spans: list[PageSpan] = []
    length = 0
    prev: _Line | None = None
    for page in pages:
        spans.append(PageSpan(length, page.index, page.printed, page.ocr))
        for line in page.lines:
            text = line.text
            if not out:
                piece = text
            elif _continues(prev, line, margins):
                piece = _joiner(out[-1], text) + text
            else:
                piece = "\n" + text
            out.append(piece)
            if piece.startswith("\n") and spans[-1].offset == length:
                # The page begins with a new paragraph: it begins after the newline.
                spans[-1] = PageSpan(length + 1, page.index, page.printed, page.ocr)
            length += len(piece)
            prev = line
    return PdfText(text="".join(out) + "\n", pages=tuple(spans), running=tuple(running), warnings=tuple(warnings))


def read_pdf_issue(path: Path) -> IssueSource:
    """A PDF issue as a source: its text, its manifest (beside it, or read from the cover) and pages."""
    with path.open("rb") as fh:
        magic = fh.read(5)
    if magic != b"%PDF-":
        raise PdfError(f"文件不是 PDF（文件头不符）/ not a PDF file: {path.name}")
    extracted = pdf_to_text(path)
    manifest = load_manifest(path, extracted.text)
    return IssueSource(path=path, text=extracted.text, encoding="pdf", manifest=manifest,
                       pages=extracted.pages, kind="pdf", warnings=extracted.warnings)
