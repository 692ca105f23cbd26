"""The answer as plain text: the answer, then a numbered 「出处」 list (terminal, chat clients)."""

from __future__ import annotations

from assistant.answer import Answer
from corpus.web import web_address

SOURCES_HEADING = "出处："


def render_text(answer: Answer) -> str:
    """The answer text (after its notice, if any), then its sources (``sources_text``)."""
    notice = f"（{answer.notice}）\n" if answer.notice else ""
    return notice + answer.answer + sources_text(answer)


def sources_text(answer: Answer) -> str:
    """「出处：」 and each citation: [n] 文号《标题》 公报期次 第N页 · 章节, then the quoted passage;
    empty without citations. Starts with a blank line, to follow the answer text. With several
    issues indexed, the issue tells a reader which PDF the page is in."""
    if not answer.citations:
        return ""
    lines = ["", "", SOURCES_HEADING]
    for c in answer.citations:
        # A web page's own address helps a reader; the service's relative viewer path does not.
        # A page counted from the text's page breaks, not printed in the source, says so (as the widget does).
        estimated = "（估算）" if c.page_source == "estimated" else ""
        page = f"第{c.page}页{estimated}" if c.page else (web_address(c.url) or "页码未知")
        where = f"{c.issue} {page}" if c.issue else page
        lines.append(f"[{c.n}] {c.doc_number}《{c.title}》{where}" + (f" · {c.section}" if c.section else ""))
        lines.append(f"    「{c.quote}」")
    return "\n".join(lines)
