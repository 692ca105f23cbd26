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
* member lists (「姓名 职务」 lines) have their names shuffled, so 「谁任主任」 differs;
* each document's subject words (words the real issue writes almost only in that document:
  地下水 and 压采 in the groundwater plan, 导游证 in the transfer list) are replaced, in the
  title and the text, by other nouns of the same length from jieba's dictionary. A distractor
  is then a document of the same kind and wording about another subject, as the other issues
  of a real gazette are: it competes for questions on departments, deadlines and procedure,
  but does not state the real issue's facts under another 文号. Replacement nouns are
  never words that the real issue or any question of ``evals/`` writes, so a question stays
  answerable, or unanswerable, exactly as its gold says.

Sentences without a subject word are copied verbatim: the embedding cache is keyed by text,
so their vectors come from the cache (or the shipped vectors). Passage vectors cannot be
reused, because each passage is embedded with its title and 文号.

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
from embeddings.keyword import ORGANISATION, Tokenizer

DEFAULT_SEED = 12
# Share of a document's inner sections replaced by a section of another document.
SWAP_SHARE = 0.4
_SECTION_HEAD = re.compile(r"^(?P<ord>[一二三四五六七八九十]{1,3})、", re.MULTILINE)
_SIGN_DATE_LINE = re.compile(r"^(\s*)20\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(\s*)$", re.MULTILINE)
# 「王悦 市教育局局长」: a name of two to four characters, a space, a post that starts with 市 or 团市.
_MEMBER_LINE = re.compile(r"^(?P<lead>(?:[^\s：:]{1,4}[：:])?)(?P<name>[\u4e00-\u9fff]{2,4}) (?P<post>(?:团)?市\S+)$")
_BACK_MATTER = "《朔州市人民政府公报》简介"
# A subject word: the real issue writes it at least twice, and this share of the times in one document.
SUBJECT_SHARE = 0.8
SUBJECT_MIN = 2
# jieba's tags of nouns and of verbs used as nouns (vn: 治理, 压减), people's names (nr) aside
_SUBJECT_TAGS = frozenset({"n", "nz", "ns", "nt", "vn", "nl", "ng"})
_POST = re.compile(r"(?:长|主任|书记|委员)$")  # a post stays with its holder in a member list
_CJK_WORD = re.compile(r"[\u4e00-\u9fff]{2,6}")
# Replacement nouns: jieba's dictionary tags n (noun) and nz (other proper noun); counts in a band
# where words are ordinary but not function-like (a few dozen to a few thousand occurrences).
_NOUN_TAGS = frozenset({"n", "nz"})
_NOUN_FREQ = (30, 3000)
_EVAL_SETS = Path(__file__).resolve().parent.parent / "evals"


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


def subject_words(real: ParsedIssue) -> list[str]:
    """The words that the real issue writes almost only in one of its documents (longest first).

    Names of people (a member list's) and of organisations stay: a distractor's departments are
    the real ones, as in the other issues of a real gazette.
    """
    terms = frozenset(_profile_terms())
    tokenizer = Tokenizer(sorted({m.group(0) for m in ORGANISATION.finditer(real.text)} | terms))
    members = {m.group("name") for line in real.text.splitlines() if (m := _MEMBER_LINE.match(line.strip()))}
    counts: list[dict[str, int]] = []
    for doc in real.documents:
        body: dict[str, int] = {}
        for word in tokenizer.words(real.text[doc.start:doc.end]):
            if _CJK_WORD.fullmatch(word):
                body[word] = body.get(word, 0) + 1
        counts.append(body)
    total: dict[str, int] = {}
    for body in counts:
        for word, n in body.items():
            total[word] = total.get(word, 0) + n
    found: set[str] = set()
    for body in counts:
        found.update(w for w, n in body.items() if n >= SUBJECT_MIN and n >= SUBJECT_SHARE * total[w]
                     and w not in members and not ORGANISATION.fullmatch(w) and not _POST.search(w)
                     and _is_noun(w, terms))
    return sorted(found, key=lambda w: (-len(w), w))


def _is_noun(word: str, terms: frozenset[str]) -> bool:
    """A noun by jieba's tags (not a person's name), or one of the gazette's own terms (压采)."""
    import jieba.posseg

    if word in terms:
        return True
    tags = [tag for _, tag in jieba.posseg.lcut(word, HMM=False)]
    return len(tags) == 1 and tags[0] in _SUBJECT_TAGS


def _profile_terms() -> list[str]:
    from assistant.settings import load_settings

    return list(load_settings().gazette_profile().terms)


def replacement_nouns(forbidden: str) -> dict[int, list[str]]:
    """Nouns of jieba's dictionary by length that ``forbidden`` (the real issue and the eval
    questions) never writes, in a fixed order."""
    import jieba

    path = Path(jieba.__file__).resolve().parent / "dict.txt"
    nouns: dict[int, list[str]] = {}
    for line in path.read_text("utf-8").splitlines():
        word, freq, tag = (line.split(" ") + ["", ""])[:3]
        if (tag in _NOUN_TAGS and _NOUN_FREQ[0] <= int(freq or 0) <= _NOUN_FREQ[1]
                and _CJK_WORD.fullmatch(word) and len(word) <= 4 and word not in forbidden):
            nouns.setdefault(len(word), []).append(word)
    return nouns


def eval_questions() -> str:
    """Every question of the project's eval sets, one per line (what replacements must not write)."""
    lines = []
    for path in sorted(_EVAL_SETS.glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                lines.append(item.get("question", ""))
                lines.extend(t.get("question", "") if isinstance(t, dict) else str(t) for t in item.get("turns", []))
    return "\n".join(lines)


def subject_swap(words: list[str], nouns: dict[int, list[str]], rng: random.Random) -> dict[str, str]:
    """A replacement for every subject word: a noun of its length (the longest kept for longer words),
    each used once."""
    used: set[str] = set()
    swap: dict[str, str] = {}
    if not nouns:
        return swap
    for word in words:
        choices = nouns.get(min(len(word), max(nouns)), [])
        pick = next((c for c in rng.sample(choices, min(len(choices), 50)) if c not in used), None)
        if pick is not None:
            used.add(pick)
            swap[word] = pick
    return swap


def apply_swap(text: str, swap: dict[str, str]) -> str:
    """``text`` with each subject word replaced (longer words first, so 地下水 is not read as 地下)."""
    if not swap:
        return text
    pattern = re.compile("|".join(re.escape(w) for w in sorted(swap, key=len, reverse=True)))
    return pattern.sub(lambda m: swap[m.group(0)], text)


def _similar_section(pool: list[tuple[int, str]], idx: int, size: int, rng: random.Random) -> str:
    """A section of another document of about ``size`` characters (keeps the issue's size)."""
    others = sorted((abs(len(s) - size), k) for k, (j, s) in enumerate(pool) if j != idx)
    near = [k for gap, k in others if gap <= 0.3 * size] or [k for _, k in others[:3]]
    return pool[rng.choice(near)][1]


def _document_body(real: ParsedIssue, idx: int, doc: Document, new_number: str, title: str,
                   signed: str, pool: list[tuple[int, str]], rng: random.Random, year: int,
                   swap: dict[str, str]) -> str:
    body = real.text[doc.start:doc.end]
    # The title block up to the 文号 line is rewritten: new years in the title, the new 文号.
    head_end = body.find(doc.doc_number)
    number_line = re.search(r"^[^\n]*号[ \t]*$", body, re.MULTILINE)
    if number_line is not None:
        head, rest = body[:number_line.start()], body[number_line.end():]
    else:  # pragma: no cover - every shipped document has its 文号 line
        head, rest = body[:max(head_end, 0)], body[max(head_end, 0):]
    head = apply_swap(_shift_years(head, year) if _shift_years(doc.title, year) != doc.title else head, swap)
    preamble, sections = _split_sections(rest)
    if len(sections) > 2:
        inner = list(range(1, len(sections) - 1))  # the first and last stay: the frame of the document
        for pos in rng.sample(inner, max(1, round(SWAP_SHARE * len(inner)))):
            ordinal = _SECTION_HEAD.match(sections[pos]).group("ord")  # numbering may restart per 章
            similar = _similar_section(pool, idx, len(sections[pos]), rng)
            sections[pos] = _SECTION_HEAD.sub(ordinal + "、", similar, count=1)
    text = preamble + "".join(sections)
    text = _SIGN_DATE_LINE.sub(lambda m: f"{m.group(1)}{signed}{m.group(2)}", text)
    return f"{head}{new_number}\n{apply_swap(_shuffle_members(text, rng), swap)}"


@dataclass(frozen=True)
class Subjects:
    """The real issue's subject words and the nouns that may replace them (see ``subject_words``)."""

    words: list[str]
    nouns: dict[int, list[str]]

    @classmethod
    def of(cls, real: ParsedIssue) -> Subjects:
        return cls(subject_words(real), replacement_nouns(real.text + eval_questions()))


def generate_issue(real: ParsedIssue, ordinal: int, seed: int = DEFAULT_SEED,
                   subjects: Subjects | None = None) -> tuple[str, dict]:
    """The text and manifest of distractor issue ``ordinal`` (1-based)."""
    where = slot(ordinal)
    rng = random.Random(f"{seed}:{ordinal}")
    subjects = subjects or Subjects.of(real)
    swap = subject_swap(subjects.words, subjects.nouns, rng)
    pool = [(i, s) for i, d in enumerate(real.documents)
            for s in _split_sections(real.text[d.start:d.end])[1][1:-1]]
    year, month, day = where.published
    serials: dict[str, int] = {}
    docs = []
    for idx, doc in enumerate(real.documents):
        prefix = doc.doc_number.split("〔")[0]
        serials[prefix] = serials.get(prefix, (where.number - 1) * 20) + rng.randint(1, 4)
        number = _new_number(doc.doc_number, where.year, serials[prefix])
        title = apply_swap(_shift_years(doc.title, where.year), swap)
        sign_month = max(1, month - rng.randint(1, 2))
        signed = f"{where.year}年{sign_month}月{rng.randint(1, 28)}日"
        body = _document_body(real, idx, doc, number, title, signed, pool, rng, where.year, swap)
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
    subjects = Subjects.of(real)
    for ordinal in range(1, issues + 1):
        text, manifest = generate_issue(real, ordinal, seed, subjects)
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
