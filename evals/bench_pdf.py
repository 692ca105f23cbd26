"""Measure PDF text extraction: speed and CJK correctness of pypdfium2 and pdfplumber.

Renders the test PDF issue (tests/pdf_fixture.py, Chromium + Noto CJK), extracts every page
with each library and compares the page's characters (whitespace ignored) with what the
fixture printed there: the share of pages extracted exactly, and the character error rate
(edit distance / printed characters; no Unicode normalisation, so a library that returns
Kangxi radicals such as 「⼈」 U+2F08 for 「人」 is counted wrong, as a search would miss it).
Writes ``evals/out/bench_pdf.json``.

    python -m evals.bench_pdf [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
from pathlib import Path

from corpus.text import compact


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _pdfium_pages(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def _ours_pages(path: Path) -> list[str]:
    """The project's reader (pypdfium2 character boxes → lines, cells, paragraphs)."""
    from corpus.pdf import pdf_to_text

    out = pdf_to_text(path)
    spans = list(out.pages)
    ends = [s.offset for s in spans[1:]] + [len(out.text)]
    return [out.text[s.offset:e] for s, e in zip(spans, ends, strict=False)]


def _plumber_pages(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def main(argv: list[str] | None = None) -> None:
    from tests.pdf_fixture import make_pdf_issue

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("evals/out/bench_pdf.json"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        issue = make_pdf_issue(Path(tmp))
        truth = {i: p.text() for i, p in enumerate(issue.pages)}
        readers = {"pypdfium2 (get_text_range)": _pdfium_pages, "pypdfium2 (corpus.pdf, ours)": _ours_pages}
        try:
            import pdfplumber  # noqa: F401
            readers["pdfplumber (extract_text)"] = _plumber_pages
        except ImportError:
            pass
        results = {}
        for name, reader in readers.items():
            times = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                pages = reader(issue.path)
                times.append(time.perf_counter() - t0)
            errors = chars = exact = 0
            first_body = len(pages) - len(truth)  # the cover and the 目录 come first
            for i, printed in truth.items():
                got = compact(pages[first_body + i])
                if reader is not _ours_pages:
                    # Running header and page number are not body text (ours drops them itself).
                    got = re.sub(r"^朔州市人民政府公报\d{4}年第\d+期", "", got)
                    got = re.sub(r"[—-]?\d{1,3}[—-]?$", "", got)
                d = _edit_distance(got, printed)
                errors, chars, exact = errors + d, chars + len(printed), exact + (d == 0)
            results[name] = {"seconds_per_page": round(min(times) / len(pages), 5), "pages": len(pages),
                             "pages_exact": f"{exact}/{len(truth)}", "cer": round(errors / chars, 5)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
