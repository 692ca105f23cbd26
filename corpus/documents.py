"""Find each TOC entry's body in the issue text and read its metadata.

A document's body starts with its title block (issuer line and title, sometimes broken
over lines) followed by a line holding only its 文号; it ends where the next document
starts, or at the issue's back matter (「《…公报》简介」).
"""

from __future__ import annotations

import re

from corpus.docnumber import normalize_doc_number
from corpus.model import Document, TocEntry
from corpus.profile import GOVERNMENT_SIGNATURE
from corpus.text import compact

_BACK_MATTER = re.compile(r"^\s*《[^》]*公报》\s*简介\s*$", re.M)
# A signature line: a government or its general office (临川市人民政府, 临川市人民政府办公室), unless
# the profile names other issuers (``GazetteProfile.issuer_line``).
_ISSUERS = re.compile(rf"^\s*({GOVERNMENT_SIGNATURE})\s*$")
_SIGN_DATE = re.compile(r"^\s*(20\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
_PUBLIC = re.compile(r"^\s*[（(]\s*(此件[^）)]*)[）)]\s*$", re.M)
_INTERPRETER = re.compile(r"本文件由\s*(\S+?)\s*负责解读")
_ATTACHMENTS = re.compile(r"^\s*附件[：:]\s*(.+)$", re.M)
# A notice's closing block: who interprets it, its attachments, 此件公开发布, the signing date.
_CLOSING = re.compile(rf"^\s*(?:{_INTERPRETER.pattern}|附件|[（(]?此件公开发布)|{_SIGN_DATE.pattern}")
_NUMBERED_ITEM = re.compile(r"^\d{1,2}[.．、]\s*")
_ISSUER_IN_TITLE = re.compile(r"^(\S+?(?:人民政府办公室|人民政府|办公厅|办公室))关于")


def closes_notice(line: str) -> bool:
    """Whether ``line`` begins a notice's closing block (「本文件由…负责解读」, 附件, 「此件公开发布」, the date)."""
    return bool(_CLOSING.match(line))


def locate_documents(text: str, entries: list[TocEntry],
                     body_start: int) -> tuple[list[tuple[TocEntry, int]], int, list[str]]:
    """Start offset of each entry's body; returns (found, end_of_last, warnings)."""
    found: list[tuple[TocEntry, int]] = []
    warnings: list[str] = []
    cursor = body_start
    for entry in entries:
        pos = _find_body(text, entry, cursor)
        if pos is None:
            warnings.append(f"目录中的 {entry.doc_number}《{entry.title}》在正文中未找到，已跳过")
            continue
        found.append((entry, pos))
        cursor = pos + 1
    back = _BACK_MATTER.search(text, cursor)
    end = back.start() if back else len(text)
    return found, end, warnings


def _find_body(text: str, entry: TocEntry, cursor: int) -> int | None:
    """The offset where the document's title block begins."""
    for m in re.finditer(r"^[^\n]*号[ \t]*$", text[cursor:], re.M):
        line = m.group(0).strip()
        if len(line) > 20 or normalize_doc_number(line) != entry.doc_number:
            continue
        number_at = cursor + m.start()
        return _title_block_start(text, number_at, entry.title, cursor)
    # No 文号 line: look for the title itself.
    compact_title = entry.title[-12:]
    idx = text.find(compact_title, cursor)
    return text.rfind("\n", 0, idx) + 1 if idx >= 0 else None


def _title_block_start(text: str, number_at: int, title: str, floor: int) -> int:
    """Walk back from the 文号 line over lines that together end the TOC title."""
    target = compact(title)
    collected = ""
    start = number_at
    line_end = number_at - 1
    while line_end > floor:
        line_start = text.rfind("\n", floor, line_end) + 1
        line = compact(text[line_start:line_end])
        line_end = line_start - 1
        if not line:
            continue
        if not target.endswith(line + collected):
            break
        collected = line + collected
        start = line_start
        if collected == target:
            break
    return start


def short_title(title: str) -> str:
    """What a title is about: 「…关于印发《临川市…规划》的通知」→「临川市…规划」,
    「…关于成立…专班的通知」→「成立…专班」."""
    m = re.search(r"关于(?:印发)?(.+?)的(?:通知|批复|意见|决定)$", title)
    return m.group(1).strip("《》") if m else title


def build_document(text: str, entry: TocEntry, start: int, end: int,
                   issuers: re.Pattern[str] | None = None) -> Document:
    """Read the metadata of one located document. ``issuers`` matches a signature line (group 1 the
    issuer); default: a government or its general office."""
    body = text[start:end]
    issuer, date = _signature(body, issuers or _ISSUERS)
    if issuer is None:
        m = _ISSUER_IN_TITLE.match(entry.title)
        issuer = m.group(1) if m else None
    public = _PUBLIC.search(body)
    interp = _INTERPRETER.search(body)
    return Document(
        doc_number=entry.doc_number,
        title=entry.title,
        category=entry.category or None,
        issuer=issuer,
        date=date,
        start_page=entry.start_page,
        end_page=None,
        start=start,
        end=end,
        public_status=public.group(1).strip() if public else None,
        interpreter=interp.group(1) if interp else None,
        attachments=_attachments(body),
    )


def _signature(body: str, issuers: re.Pattern[str]) -> tuple[str | None, str | None]:
    """The first issuer line that is followed by a date line: the document's signature."""
    lines = [ln for ln in body.split("\n") if ln.strip()]
    for i, line in enumerate(lines[:-1]):
        who = issuers.match(line)
        when = _SIGN_DATE.match(lines[i + 1])
        if who and when:
            y, mth, d = (int(g) for g in when.groups())
            return who.group(1), f"{y:04d}-{mth:02d}-{d:02d}"
    return None, None


def _attachments(body: str) -> list[str]:
    """Names listed after 「附件：」, including numbered lines that continue the list."""
    names: list[str] = []
    lines = [ln.strip() for ln in body.split("\n") if ln.strip()]
    for i, line in enumerate(lines):
        m = _ATTACHMENTS.match(line)
        if not m:
            continue
        items = [m.group(1)]
        for nxt in lines[i + 1:]:
            if not _NUMBERED_ITEM.match(nxt) or len(nxt) > 60:
                break
            items.append(nxt)
        for item in items:
            name = _NUMBERED_ITEM.sub("", item).strip()
            if name and name not in names:
                names.append(name)
    return names
