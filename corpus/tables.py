"""Turn a tab-separated table block into rows of 列名：值 pairs.

Rules, learnt from how gazette tables are extracted:

* The first row is the header. When it has empty cells and the next row fills them
  (「年度压减计划」 over 「2021年 … 2025年」) the two rows make one header.
* A row equal to the header is the header printed again on a new page: not data.
* In a table keyed by a number column (序号), a row with an empty first cell continues
  the item above it (a 子项) and is merged into it. In a table whose first column is a
  group label (学段), an empty first cell repeats the group above (fill-down).
* A row one cell short, with a trailing empty cell where the header column is almost
  always filled, lost its empty first cell in extraction: it is shifted right.
* HTML paragraphs inside cells (``<p>…</p>``) are multi-line cells: joined with spaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from corpus.paragraphs import Paragraph

_TAG = re.compile(r"<[^>]+>")


@dataclass
class TableRow:
    cells: list[tuple[str, str]]  # (column, value) pairs, empty values dropped
    start: int
    end: int
    key: str | None
    subitems: int = 0
    flags: list[str] = field(default_factory=list)

    def render(self, caption: str | None) -> str:
        body = "；".join(f"{col}：{val}" for col, val in self.cells)
        return f"{caption}｜{body}" if caption else body


@dataclass
class Table:
    caption: str | None
    header: list[str]
    rows: list[TableRow]

    @property
    def header_text(self) -> str:
        return " | ".join(h for h in self.header if h)


def _cells(text: str) -> list[str]:
    return [re.sub(r"\s+", " ", _TAG.sub(" ", c)).strip() for c in text.split("\t")]


def parse_table(block: list[Paragraph], caption: str | None) -> Table:
    """Parse the table rows in ``block`` (all ``is_table`` paragraphs, in order)."""
    rows = [p for p in block if not p.repeated]
    header = _cells(rows[0].text)
    data = rows[1:]
    if data and "" in header[1:] and not _cells(data[0].text)[0]:
        header = _merge_header(header, _cells(data[0].text))
        data = data[1:]
    width = max(len(header), max((len(_cells(p.text)) for p in data), default=0))
    header = header + [""] * (width - len(header))
    raw = [(_pad(_cells(p.text), width), p) for p in data]
    raw = [(_realign(cells, raw, width), p) for cells, p in raw]
    keyed = _is_keyed(raw)
    table_rows: list[TableRow] = []
    group = ""
    for cells, para in raw:
        first = cells[0]
        if not first and keyed and table_rows:
            _merge_into(table_rows[-1], header, cells, para)
            continue
        if not first and not keyed:
            cells = [group] + cells[1:]
        group = cells[0]
        table_rows.append(_make_row(header, cells, para))
    return Table(caption=caption, header=header, rows=table_rows)


def _pad(cells: list[str], width: int) -> list[str]:
    return cells + [""] * (width - len(cells))


def _merge_header(top: list[str], sub: list[str]) -> list[str]:
    merged: list[str] = []
    parent = ""
    for i in range(max(len(top), len(sub))):
        name = top[i] if i < len(top) else ""
        parent = name or parent
        below = sub[i] if i < len(sub) else ""
        merged.append(f"{parent}（{below}）" if below else (name or parent))
    return merged


def _realign(cells: list[str], all_rows: list, width: int) -> list[str]:
    last_filled = sum(1 for c, _ in all_rows if c[width - 1]) / max(len(all_rows), 1)
    if cells[0] and not cells[-1] and last_filled > 0.8 and sum(1 for c in cells if c) == width - 1:
        return [""] + cells[:-1]
    return cells


def _is_keyed(raw: list) -> bool:
    """True when most non-empty first cells are numbers (a 序号 column)."""
    firsts = [cells[0] for cells, _ in raw if cells[0]]
    return bool(firsts) and sum(1 for f in firsts if f.isdigit()) / len(firsts) > 0.6


def _make_row(header: list[str], cells: list[str], para: Paragraph) -> TableRow:
    pairs = [(h or f"列{i + 1}", v) for i, (h, v) in enumerate(zip(header, cells, strict=False)) if v]
    flags = [v for h, v in zip(header, cells, strict=False) if v and h.replace(" ", "") == "备注" and len(v) <= 10]
    return TableRow(cells=pairs, start=para.start, end=para.end, key=cells[0] or None, flags=flags)


def _merge_into(row: TableRow, header: list[str], cells: list[str], para: Paragraph) -> None:
    """Add a continuation (子项) row's values to its parent item."""
    values = dict(row.cells)
    order = [c for c, _ in row.cells]
    for i, (h, v) in enumerate(zip(header, cells, strict=False)):
        col = h or f"列{i + 1}"
        if not v:
            continue
        if col not in values:
            values[col] = v
            order.append(col)
        elif v not in values[col].split("、"):
            values[col] = f"{values[col]}、{v}"
    row.cells = [(c, values[c]) for c in sorted(order, key=lambda c: _col_index(header, c))]
    row.end = para.end
    row.subitems = row.subitems + 1 if row.subitems else 2


def _col_index(header: list[str], col: str) -> int:
    return header.index(col) if col in header else len(header)
