"""OCR of a PDF page that has no text layer (a scanned page), offline.

The page is rendered with PDFium at ``SCALE`` and read by RapidOCR (PP-OCRv4 models run by
ONNX Runtime; the models ship inside the ``rapidocr-onnxruntime`` wheel, so nothing is
downloaded). It is the optional extra ``ocr``: without it a scanned page is skipped with a
warning (``OcrUnavailable``), never a crash.

What comes back are character boxes in PDF coordinates, like the text layer's, so that the
scanned page goes through the same line, cell, header/footer and paragraph rules as the
others (``corpus.pdf``). OCR gives one box per run of text; its characters are spread evenly
across the box (a CJK line is monospaced, so that is close to where they were printed). A dash
read as 「一」 between digits (「2026一2030年」) is put back.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from typing import Any

from corpus.sources import SourceError

log = logging.getLogger(__name__)

# Render scale: body text (12 pt) becomes ~30 px high, which the recogniser (48 px lines) reads
# well; RapidOCR shrinks an image whose long side passes 2000 px, so A4 at 2.4× (1428×2021) stays near it.
SCALE = 2.4
# A page with fewer extractable characters than this, and an image on it, is a scanned page.
MIN_TEXT_CHARS = 10

OCR_MISSING = "需要安装 OCR 组件：pip install 'gazette-qa[ocr]'"


class OcrUnavailable(SourceError):
    """The ``ocr`` extra is not installed. The message names it."""


@dataclass(frozen=True)
class OcrBox:
    """One run of recognised text and its box in PDF points (origin bottom-left, as PDFium's)."""

    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    score: float


@functools.lru_cache(maxsize=1)
def _engine() -> Any:
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as exc:
        raise OcrUnavailable(OCR_MISSING) from exc
    # The angle classifier is off: gazette scans are upright, and it costs a pass per line.
    return RapidOCR(use_cls=False)


def ocr_available() -> bool:
    """Whether the ``ocr`` extra is installed (without loading the models)."""
    import importlib.util

    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


def ocr_page(page: Any, scale: float = SCALE) -> list[OcrBox]:
    """Recognise the text of one ``pypdfium2.PdfPage``; boxes in PDF points.

    Raises ``OcrUnavailable`` when the extra is not installed."""
    engine = _engine()
    height = page.get_size()[1]
    # Grey levels: a single channel needs no guess about RGB/BGR order.
    image = page.render(scale=scale, grayscale=True).to_numpy()
    if image.ndim == 3 and image.shape[2] == 1:
        image = image[:, :, 0]
    result, _ = engine(image, use_cls=False)
    boxes: list[OcrBox] = []
    for quad, text, score in result or []:
        text = str(text).strip()
        if not text:
            continue
        xs = [p[0] / scale for p in quad]
        ys = [height - p[1] / scale for p in quad]  # image rows grow downwards, PDF y upwards
        boxes.append(OcrBox(text, min(xs), max(xs), min(ys), max(ys), float(score)))
    log.info("OCR: %d text boxes on a %.0f-point-high page", len(boxes), height)
    return boxes


def box_chars(box: OcrBox) -> list[tuple[str, float, float, float, float]]:
    """The box's characters as (ch, x0, x1, y0, y1), spread evenly across its width."""
    chars = [ch for ch in fix_common_errors(box.text) if not ch.isspace()]
    if not chars:
        return []
    step = (box.x1 - box.x0) / len(chars)
    return [(ch, box.x0 + i * step, box.x0 + (i + 1) * step, box.y0, box.y1) for i, ch in enumerate(chars)]


# A dash read as 「一」 (one) between digits: 「2026一2030年」, a footer 「—3一」.
_DASH_AS_ONE = re.compile(r"(?<=\d)一(?=\d)|(?<=[—\-－]\d)一|(?<=[—\-－]\d\d)一|(?<=[—\-－]\d\d\d)一")


def fix_common_errors(text: str) -> str:
    """Repair what the recogniser gets wrong on gazette print in a way that is unambiguous."""
    return _DASH_AS_ONE.sub("—", text)
