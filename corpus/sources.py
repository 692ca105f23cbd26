"""Read a gazette issue from disk: decode its bytes and find its manifest.

Government text files are often GB18030 rather than UTF-8, so decoding tries UTF-8
first (strict), then GB18030, then whatever charset-normalizer guesses. A manifest
``<stem>.json`` beside the text gives the issue's title, year and number; when it is
missing they are read from the cover, and failing that from the file name.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

# SourceError: a file that cannot be read as an issue (a user error, kept with the others).
from assistant.errors import SourceError  # noqa: F401
from corpus.model import IssueManifest
from corpus.text import ISSUE_NUMBER, cn_number

if TYPE_CHECKING:
    from corpus.pdf import PageSpan

log = logging.getLogger(__name__)

MAX_SOURCE_BYTES = 50 * 1024 * 1024


# The kinds of file an issue can come from (``gazette ingest`` reads these suffixes).
ISSUE_SUFFIXES = (".txt", ".pdf", ".html", ".htm")


@dataclass(frozen=True)
class IssueSource:
    path: Path
    text: str
    encoding: str
    manifest: IssueManifest
    # Where each page begins in ``text`` and the number printed on it (PDF sources only);
    # empty for a text source, whose pages are estimated.
    pages: tuple[PageSpan, ...] = ()
    kind: str = "text"  # text | pdf
    warnings: tuple[str, ...] = ()  # for the user, e.g. scanned pages skipped without OCR


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode gazette bytes; returns (text, encoding). Raises SourceError when nothing fits."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    for enc in ("utf-8", "gb18030"):
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - charset-normalizer is a core dependency
        best = None
    else:
        best = from_bytes(data).best()
    if best is None:
        raise SourceError("无法识别文件编码（既不是 UTF-8 也不是 GB18030）/ cannot detect the file's encoding")
    return str(best), best.encoding


def load_manifest(path: Path, text: str) -> IssueManifest:
    """The manifest beside ``path``, or one inferred from the cover text."""
    side = path.with_suffix(".json")
    if side.is_file():
        try:
            data = json.loads(side.read_text(encoding="utf-8"))
            return IssueManifest(
                title=data["title"],
                year=int(data["year"]),
                issue=data["issue"],
                issue_total=data.get("issue_total"),
                date=data.get("date"),
                publisher=data.get("publisher"),
                last_page=data.get("last_page"),
            )
        except (ValueError, KeyError, TypeError) as exc:
            log.warning("manifest %s is unreadable (%s); inferring from the text", side, exc)
    return infer_manifest(path, text)


_TITLE_RE = re.compile(r"^\s*(\S{2,20}人民政府公报)\s*$", re.M)
_DATE_RE = re.compile(r"(20\d\d)年(\d{1,2})月(\d{1,2})日出版")


def infer_manifest(path: Path, text: str) -> IssueManifest:
    head = text[:3000]
    title_m = _TITLE_RE.search(head)
    cover_m = ISSUE_NUMBER.search(head)
    date_m = _DATE_RE.search(head)
    if cover_m:
        year, no = int(cover_m.group("year")), cn_number(cover_m.group("no") or cover_m.group("words")) or 0
    else:
        name_m = re.search(r"(20\d\d)[-_](\d{1,2})", path.stem)
        year, no = (int(name_m.group(1)), int(name_m.group(2))) if name_m else (0, 0)
    date = None
    if date_m:
        date = f"{int(date_m.group(1)):04d}-{int(date_m.group(2)):02d}-{int(date_m.group(3)):02d}"
    return IssueManifest(
        title=title_m.group(1) if title_m else path.stem,
        year=year,
        issue=f"第{no}期" if no else "未知期",
        date=date,
    )
