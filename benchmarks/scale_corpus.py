"""A deterministic scale corpus: the shipped issue plus N generated distractor issues.

Each distractor issue has the shipped issue's twelve documents, in the same order and of about
the same size and style, written as a text issue in the shipped format (cover, 目录, bodies,
back matter, with a ``.json`` manifest), so ``gazette ingest`` parses it like a real one. They
look alike but answer differently:

* a new issue id, 期 and 总期 number, publication date;
* every document gets a new 文号 (same 机关代字, the issue's year, a new serial number) and
  a new signing date, so a citation of a distractor never equals a real one;
* a part of each document's top-level sections (「一、」…) is replaced by sections taken from
  other documents of the shipped issue (keeping the replaced section's number), so the same sentence stands under
  another 文号 and title;
* member lists (「姓名 职务」 lines) have their names shuffled, so 「谁任主任」 differs.

Sentences are copied verbatim wherever possible: the embedding cache is keyed by text, so the
sentence vectors of a distractor come from the cache (or the shipped vectors). Passage vectors
cannot be reused, because each passage is embedded with its title and 文号.

Run: ``python -m benchmarks.scale_corpus --issues 4 --out /tmp/scale-corpus``. The same
``--seed`` and issue number always give the same file, whatever ``--issues`` is.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from corpus.model import Document, ParsedIssue
from corpus.parse import SAMPLE_ISSUE, parse_issue

DEFAULT_SEED = 12
# Share of a document's inner sections replaced by a section of another document.
SWAP_SHARE = 0.4
_SECTION_HEAD = re.compile(r"^(?P<ord>[一二三四五六七八九十]{1,3})、", re.MULTILINE)
_SIGN_DATE_LINE = re.compile(r"^(\s*)20\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(\s*)$", re.MULTILINE)
# 「王悦 市教育局局长」: a name of two to four characters, a space, a post that starts with 市 or 团市.
_MEMBER_LINE = re.compile(r"^(?P<lead>(?:[^\s：:]{1,4}[：:])?)(?P<name>[\u4e00-\u9fff]{2,4}) (?P<post>(?:团)?市\S+)$")
_BACK_MATTER = "《朔州市人民政府公报》简介"


@dataclass(frozen=True)
class IssueSlot:
    """Where a distractor sits in the gazette's run of issues."""

    ordinal: int  # 1 = the first distractor
    year: int
    number: int  # 第N期 (six a year)
    total: int  # 总第N期

    @property
    def issue_id(self) -> str:
        return f"{self.year}-{self.number:02d}"

    @property
    def published(self) -> tuple[int, int, int]:
        """Publication date: the end of the issue's second month (a bimonthly)."""
        return self.year, 2 * self.number, 28


def slot(ordinal: int) -> IssueSlot:
    """The ``ordinal``-th issue after the shipped 2022年第5期（总第19期）."""
    position = 4 + ordinal  # 2022年第5期 is position 4 counted from 2022年第1期
    return IssueSlot(ordinal, 2022 + position // 6, position % 6 + 1, 19 + ordinal)


def _split_sections(body: str) -> tuple[str, list[str]]:
    """(preamble, top-level sections); each section starts with its 「一、」 line."""
    starts = [m.start() for m in _SECTION_HEAD.finditer(body)]
    if len(starts) < 2:
        return body, []
    return body[:starts[0]], [body[a:b] for a, b in zip(starts, starts[1:] + [len(body)], strict=False)]


def _new_number(doc_number: str, year: int, serial: int) -> str:
    return re.sub(r"〔\d{4}〕\d+号", f"〔{year}〕{serial}号", doc_number)


def _shift_years(text: str, year: int) -> str:
    """Years named in a title move with the issue (「山阴县2021年…」 → the year before the issue's)."""
    return re.sub(r"20\d\d年", lambda m: f"{int(m.group(0)[:4]) - 2022 + year}年", text)


def _shuffle_members(text: str, rng: random.Random) -> str:
    """Give the posts of a member list to other people of the same list."""
    lines = text.split("\n")
    hits = [(i, m) for i, line in enumerate(lines) if (m := _MEMBER_LINE.match(line.strip()))]
    names = [m.group("name") for _, m in hits]
    rng.shuffle(names)
    for (i, m), name in zip(hits, names, strict=True):
        lines[i] = f"{m.group('lead')}{name} {m.group('post')}"
    return "\n".join(lines)


def _similar_section(pool: list[tuple[int, str]], idx: int, size: int, rng: random.Random) -> str:
    """A section of another document of about ``size`` characters (keeps the issue's size)."""
    others = sorted((abs(len(s) - size), k) for k, (j, s) in enumerate(pool) if j != idx)
    near = [k for gap, k in others if gap <= 0.3 * size] or [k for _, k in others[:3]]
    return pool[rng.choice(near)][1]


def _document_body(real: ParsedIssue, idx: int, doc: Document, new_number: str, title: str,
                   signed: str, pool: list[tuple[int, str]], rng: random.Random, year: int) -> str:
    body = real.text[doc.start:doc.end]
    # The title block up to the 文号 line is rewritten: new years in the title, the new 文号.
    head_end = body.find(doc.doc_number)
    number_line = re.search(r"^[^\n]*号[ \t]*$", body, re.MULTILINE)
    if number_line is not None:
        head, rest = body[:number_line.start()], body[number_line.end():]
    else:  # pragma: no cover - every shipped document has its 文号 line
        head, rest = body[:max(head_end, 0)], body[max(head_end, 0):]
    head = _shift_years(head, year) if title != doc.title else head
    preamble, sections = _split_sections(rest)
    if len(sections) > 2:
        inner = list(range(1, len(sections) - 1))  # the first and last stay: the frame of the document
        for pos in rng.sample(inner, max(1, round(SWAP_SHARE * len(inner)))):
            ordinal = _SECTION_HEAD.match(sections[pos]).group("ord")  # numbering may restart per 章
            similar = _similar_section(pool, idx, len(sections[pos]), rng)
            sections[pos] = _SECTION_HEAD.sub(ordinal + "、", similar, count=1)
    text = preamble + "".join(sections)
    text = _SIGN_DATE_LINE.sub(lambda m: f"{m.group(1)}{signed}{m.group(2)}", text)
    return f"{head}{new_number}\n{_shuffle_members(text, rng)}"


def generate_issue(real: ParsedIssue, ordinal: int, seed: int = DEFAULT_SEED) -> tuple[str, dict]:
    """The text and manifest of distractor issue ``ordinal`` (1-based)."""
    where = slot(ordinal)
    rng = random.Random(f"{seed}:{ordinal}")
    pool = [(i, s) for i, d in enumerate(real.documents)
            for s in _split_sections(real.text[d.start:d.end])[1][1:-1]]
    year, month, day = where.published
    serials: dict[str, int] = {}
    docs = []
    for idx, doc in enumerate(real.documents):
        prefix = doc.doc_number.split("〔")[0]
        serials[prefix] = serials.get(prefix, (where.number - 1) * 20) + rng.randint(1, 4)
        number = _new_number(doc.doc_number, where.year, serials[prefix])
        title = _shift_years(doc.title, where.year)
        sign_month = max(1, month - rng.randint(1, 2))
        signed = f"{where.year}年{sign_month}月{rng.randint(1, 28)}日"
        body = _document_body(real, idx, doc, number, title, signed, pool, rng, where.year)
        docs.append((doc, number, title, body))
    start_page, pages = 1, []
    for doc, _, _, body in docs:
        real_pages = (doc.end_page or doc.start_page or 1) - (doc.start_page or 1) + 1
        size = max(1, round(real_pages * len(body) / max(1, doc.end - doc.start)))
        pages.append((start_page, size))
        start_page += size
    toc, category = [], None
    for (doc, number, title, _), (page, _) in zip(docs, pages, strict=True):
        if doc.category != category:
            category = doc.category
            toc.append(f"【{category}】\n")
        toc.append(f"{title}\n\n{number} {page}\n")
    label = f"{where.year}年第{where.number}期（总第{where.total}期）"
    cover = (f"朔州市人民政府公报\n\nSHUOZHOU SHI RENMIN ZHENG FU GONGBAO\n\n{where.year} 第{where.number}期\n\n"
             f"(总第{where.total}期)\n\n朔州市人民政府公报\n\nSHUOZHOU SHI RENMIN ZHENG FU GONGBAO\n\n{label}\n\n"
             f"朔州市人民政府办公室主管主办\n\n{year}年{month}月{day}日出版（双月刊）\n\n目 录\n\n")
    back = real.text[real.text.index(_BACK_MATTER):]
    text = cover + "\n".join(toc) + "\n" + "\n\n".join(body.strip("\n") for *_, body in docs) + "\n\n" + back
    manifest = {"title": "朔州市人民政府公报", "year": where.year, "issue": f"第{where.number}期",
                "issue_total": f"总第{where.total}期", "date": f"{year}-{month:02d}-{day:02d}",
                "publisher": "朔州市人民政府办公室", "source": f"shuozhou-gazette-{where.issue_id}.txt",
                "last_page": start_page - 1, "synthetic": True}
    return text, manifest


def write_corpus(out: Path, issues: int, seed: int = DEFAULT_SEED, real_path: Path = SAMPLE_ISSUE) -> list[Path]:
    """Write the shipped issue and distractors 1..``issues`` into ``out``; returns the text files.

    A distractor file already there with the same content is left untouched (its mtime too).
    """
    out.mkdir(parents=True, exist_ok=True)
    real = parse_issue(real_path)
    paths = []
    for src in (real_path, real_path.with_suffix(".json")):
        target = out / src.name
        if not target.is_file() or target.read_bytes() != src.read_bytes():
            shutil.copyfile(src, target)
    paths.append(out / real_path.name)
    for ordinal in range(1, issues + 1):
        text, manifest = generate_issue(real, ordinal, seed)
        path = out / manifest["source"]
        for target, content in ((path, text), (path.with_suffix(".json"),
                                                json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")):
            if not target.is_file() or target.read_text("utf-8") != content:
                target.write_text(content, "utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--issues", type=int, default=4, help="distractor issues to write (besides the real one)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    for path in write_corpus(args.out, args.issues, args.seed):
        sys.stdout.write(f"{path}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
