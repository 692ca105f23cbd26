"""How a unit reads in an answer: a table row as a claim, and the lead clause that answers first.

Both are built only from the words of the cited unit and its caption, so every word of an
answer still traces to the gazette.
"""

from __future__ import annotations

import re
from itertools import groupby
from typing import TYPE_CHECKING

from assistant.analysis import QuestionAnalysis
from assistant.evidence import ENUM_PREFIX, holds_slot
from assistant.tasks import RESPONSIBLE
from corpus.model import Chunk
from corpus.text import compact

if TYPE_CHECKING:
    from assistant.extractive import Unit

_CLAUSE = re.compile(r"[^，。；：！？]+")
_LABELLED_LINE = re.compile(r"^[^：:，。；\n]{1,8}[：:][^：:]+$")
_GROUP_COLUMN = re.compile(r"^(.+?)[（(]([^（）()]+)[）)]$")  # 年度压减计划（2021年）
_TABLE_UNIT = re.compile(r"[（(]单位[：:]\s*([^）)]+)[）)]")
_PLAIN_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
_MAX_ROW_NAME = 40
_ROW_COUNT = re.compile(r"[（(]\d+项[^）)]*[）)]$")  # 「（213项）」 after a caption
_WRAP_GAP = re.compile(r"(?<![章节条])(?<=[\u4e00-\u9fff”）]) (?=[\u4e00-\u9fff“（])")
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])")
_TOTALS = ("合计", "小计", "总计")
CN_ENUM = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])\s*")


def lead_clause(unit: Unit, analysis: QuestionAnalysis, tokens) -> str | None:
    """The clause of ``unit`` that fills the slot and shares most words with the question.

    Only a clause shorter than the unit leads (otherwise the unit itself is the answer); a
    table row leads with its name and the cell that fills the slot. A list read with its
    introduction has no lead: one item or the introduction alone would not answer.
    """
    if unit.items:
        return None
    if unit.chunk.kind == "table_row":
        name, cells = _row_parts(unit.text)
        clauses = [f"{name}：{v}" for v in cells.split("；")]
        # A caption that says where its rows go (「划转至市行政审批服务管理局实施的…事项」) answers for each row.
        caption = _ROW_COUNT.sub("", CN_ENUM.sub("", unit.chunk.table_caption or "")).strip()
        if caption and holds_slot(caption, analysis.slot) and name not in _TOTALS:  # a total is no item of it
            # 「导游证核发：划转至市行政审批服务管理局实施（划转部门：市文旅局）」: the caption's verb phrase
            # (without 「的行政审批事项」) said of the row, with the row's own organisation beside it.
            what = re.sub(r"^第\d+项\s*", "", name)
            where = re.sub(r"的[^的，。（）]*$", "", caption)
            own = next((c.strip() for c in cells.split("；") if holds_slot(c, "organisation")), "")
            clauses.insert(0, f"{what}：{where}" + (f"（{own}）" if own else ""))
    else:
        text = ENUM_PREFIX.sub("", unit.text)
        responsible = RESPONSIBLE.search(text)
        if responsible and "organisation" in (analysis.slot, analysis.second_slot):
            # The task is what the question names; who carries it out is the answer.
            return responsible.group(0).strip().rstrip("。；")[1:-1]  # without the outer brackets only
        if _LABELLED_LINE.match(text.strip()):
            return None  # 「牵头单位：市发改委」, 「主要任务：…」: a short label and its value answer together
        clauses = [c.strip() for c in _CLAUSE.findall(text) if len(compact(c)) >= 4]
    if len(clauses) < 2:
        return None
    asked = set(tokens(analysis.focus))
    # A row's cells all share its name: there the first clause that fills the slot leads.
    row = unit.chunk.kind == "table_row"
    scored = [(holds_slot(c, analysis.slot, analysis.measure, analysis.role, compact(analysis.text)),
               0 if row else len(asked & set(tokens(join_cjk(c)))), -i, c) for i, c in enumerate(clauses)]
    slot, shared, _, best = max(scored)
    shared = shared or row
    if not slot or not shared:
        return None
    return best.rstrip("。；;，,")


def _row_parts(rendered: str) -> tuple[str, str]:
    """「<caption>」第N项 <name>：<cells> → (第N项 <name>, <cells>); the caption may hold a colon
    of its own (单位：万立方米)."""
    rest = rendered.split("」", 1)[-1] if rendered.startswith("「") else rendered
    name, _, cells = rest.partition("：")
    return name.strip() or rest, cells


def render_row(chunk: Chunk) -> str:
    """A table row as a readable claim.

    「<caption>」第N项 <row name>：列：值；… — the row's first cell names it (a county, 导游证核发);
    columns that only differ by a bracketed part (年度压减计划（2021年）…（2025年）) are read
    as one list, and the caption's unit (单位：万立方米) goes with the numbers.
    """
    key = chunk.row_key
    cells = [(join_cjk(c), v.strip()) for c, v in chunk.cells() if not (c == "序号" and v == key)]
    unit_match = _TABLE_UNIT.search(chunk.table_caption or "")
    unit = unit_match.group(1).strip() if unit_match else ""
    name = row_name(chunk)
    if name:
        cells = cells[1:]
    if not name and key and not key.isdigit():  # 「合计」 stands in the 序号 column
        name = join_cjk(key)
    parts: list[str] = []
    for group, grouped in groupby(cells, key=lambda cell: _column_group(cell[0])):
        run = list(grouped)
        if group and len(run) > 1:  # every column of a group matches _GROUP_COLUMN
            items = "、".join(f"{m.group(2)}{v}" for c, v in run if (m := _GROUP_COLUMN.match(c)))
            parts.append(f"{group}：{items}" + (f"（{unit}）" if unit else ""))
        else:
            parts.extend(f"{c}：{v}{unit if unit and _PLAIN_NUMBER.match(v) else ''}" for c, v in run)
    where = f"「{chunk.table_caption}」" if chunk.table_caption else ""
    if key and key.isdigit():
        where += f"第{key}项"
    head = f"{where}{' ' if where.endswith('项') else ''}{name}" if name else where
    body = "；".join(parts)
    return f"{head}：{body}" if head else body


def row_name(chunk: Chunk) -> str:
    """The name a table row's first cell gives it (a county, 导游证核发), or "" when that cell holds
    a number; a 「合计」 row has its name in the 序号 column, and none here."""
    values = [v.strip() for c, v in chunk.cells() if not (c == "序号" and v == chunk.row_key)]
    if values and not _PLAIN_NUMBER.match(values[0]) and len(values[0]) <= _MAX_ROW_NAME:
        return join_cjk(values[0])
    return ""


def _column_group(column: str) -> str | None:
    m = _GROUP_COLUMN.match(column)
    return m.group(1) if m else None


def tidy_section(section: str) -> str:
    """A heading path without the spaces of a heading wrapped over two lines (「健康发展 行动方案」);
    the space after a numbered label stays (「第三章 总体思路」)."""
    return _WRAP_GAP.sub("", section)


def join_cjk(text: str) -> str:
    """「组 长」→「组长」: spaces that only pad Chinese characters apart."""
    return _CJK_GAP.sub("", text)
