"""Evidence features, their weights, and the answer-or-refuse decision.

Every candidate unit (a sentence of a retrieved passage, or a table row) is described by a
few named features, and so is the question as a whole. Two small logistic models turn
them into probabilities: ``unit`` (does this unit state the answer?) and ``answerable``
(does the gazette state an answer at all?). Their weights live in one data file,
``answer_weights.json``, fitted on the tune split by ``python -m evals.calibrate``; nothing
here is tuned to one question.

Features (all in [0, 1] unless said otherwise):

* ``lexical`` — IDF-weighted share of the question's words found in the unit (words only in
  its title or heading count half). Words the gazette never uses (咋样, 拍板) are left out:
  they cannot be evidence either way.
* ``chars`` — the same with character pairs, which survive paraphrase and typos (压菜 for 压采).
* ``dense`` — cosine similarity of the question and the passage (multilingual e5): the only
  signal an English question has.
* ``rank`` — 1 / (1 + retrieval rank) of the passage.
* ``slot`` — the unit holds what is asked: an organisation, a person in the post asked, an
  amount in the measure asked, a date or a duration, a list, a phone number or address, a price.
* ``both_slots`` — the question asks for two things (「什么时候之前报给谁」) and the unit holds both.
* ``role`` — the unit names the post asked and who holds it (「组 长：魏某 副市长」, 「王某 市教育局局长」),
  or, asked of anything but a person, it is a label the question names and what that label
  holds (「中药材：白芍、连翘…」): a list line shares few words with the question, but it is the
  answer itself.
* ``cue`` — the unit has the wording of an answer of that kind (负责, 牵头, 由…审查).
* ``slot`` (question) — the best few units hold the slot asked (1 when the question asks
  how, what or why: no particular kind of thing).
* ``missing`` — distinctive question words (rare in the gazette) the best passage lacks.
* ``unknown`` — nouns of the question the gazette never uses (电动自行车, 房价): a subject it
  does not cover. Other words it never uses (咋样, 批下来) are not counted.
* ``english`` — the question is in English (its words cannot match the Chinese text).
* ``margin`` — how far the best unit's probability stands above the next unit's: a passage
  that states the answer stands out; near a question the gazette does not answer, many
  passages are about equally close.
* ``unit_lexical``, ``unit_chars``, ``unit_dense``, ``unit_slot`` — the best unit's own
  ``lexical``, ``chars``, ``dense`` and ``slot``: the passage may be on the subject while the
  sentence that would answer is not, or holds no amount in the measure asked.
* ``conversation`` — the best unit stands in a document the conversation's last answer cited.
  A question asked in a conversation is most often about what the conversation is about, and
  its own words are fewer (「年度目标是多少？」 after a question on one plan):
  evidence found there is likelier to answer it than the same words found anywhere.
* ``asks_organisation`` … ``asks_price``, ``asks_whether`` — which kind of fact is asked (a
  statement is the baseline), and whether the question asks whether: a gazette states who is responsible and by when far more often than a price or a
  phone number.
* ``english_dense``, ``english_unit`` — ``dense`` and ``unit`` again for an English question
  (0 otherwise): its words reach the text only through glosses, so the multilingual
  embedding and the best unit weigh differently there than for a Chinese question. The unit
  model has ``english_dense`` and ``english_lexical`` for the same reason: a glossed word
  says less than a word the asker wrote, and the embedding says more.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from assistant.questions import MEASURE_UNITS, MOTTO_ASKED, WHICH_YEAR
from corpus.text import cn_number, compact, quoted_names

WEIGHTS_FILE = Path(__file__).resolve().parent / "answer_weights.json"

UNIT_FEATURES = ("lexical", "chars", "dense", "english_dense", "english_lexical", "rank", "slot", "both_slots", "role",
                 "cue", "short", "anchor")
ASKED_SLOTS = ("organisation", "person", "amount", "date", "list", "document", "definition", "contact", "price")
QUESTION_FEATURES = ("lexical", "chars", "dense", "unit", "margin", "unit_lexical", "unit_chars", "unit_dense",
                     "unit_slot", "unit_anchor", "slot",
                     "missing", "unknown", "unknown_verbs", "english", "english_dense", "english_unit", "conversation",
                     *(f"asks_{s}" for s in ASKED_SLOTS), "asks_whether")
# e5 cosines of related text sit between about 0.75 and 0.95: spread that range over [0, 1].
_DENSE_FLOOR, _DENSE_SPAN = 0.75, 0.2

_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_ALNUM = re.compile(r"[A-Za-z0-9]+")

# What fills each slot in Chinese government text.
_ORGANISATION = re.compile(r"(?:市|县|区|省|乡|镇)[\u4e00-\u9fff]{1,14}?(?:局|委员会|委|办公室|办|中心|政府|公司|支队|大队|院|所)"
                           r"|[\u4e00-\u9fff]{2,10}(?:部门|单位|机构)|各县（市、区）")
_DATE = re.compile(r"\d{4}年|\d{1,2}月(?:\d{1,2}日|底|末|份)?|年底|年末|年前|之前|以前|之日起|即日起|立即|第一时间"
                   # a table's span of years (「建设期限：2022-2025」) and a plan period's end (「“十四五”末」)
                   r"|(?:19|20)\d\d\s*[-—–~～至]\s*(?:19|20)\d\d|十[一二三四五六七八九]五”?末"
                   r"|\d+(?:\.\d+)?\s*(?:个)?(?:工作日|小时|日|天|周|个月|年)(?:内|以内)?"
                   # a time of day: 「延长至22:00」, 「晚上10点」 (not 1:50000, nor 「5点要求」)
                   r"|(?<![\d:：])\d{1,2}[:：][0-5]\d(?!\d)|(?:上午|下午|晚上|早上|凌晨|至|到)\d{1,2}(?:点|时)")
_AMOUNT = re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|万|亿|元|个|项|所|人|家|条|座|处|公里|平方|立方|吨|天|年|次|倍|名|户|张|分|小时)"
                     r"|[一二两三四五六七八九十百千万]+\s*(?:个|项|所|人|家|条|座|处|天|年|次|倍|名)")
_LIST = re.compile(r"[、；]")
# An item's number (「一、」「3、」) is no separator between listed things.
_ENUMERATOR = re.compile(r"(?:^|(?<=[。；;：:\s]))(?:[一二三四五六七八九十]+|\d+)、")
_CLAUSE_BREAK = re.compile(r"[，,；;。]")
# A table cell that is a number alone, after its column's label (「；“十四五”目标：45」), in a table
# row: not a clock time or a phone number in a sentence.
_BARE_CELL = re.compile(r"[：:]\d+(?:\.\d+)?(?:[；;。]|$)")
_ASKS_HOW_OFTEN = re.compile(r"(?:多久|多长时间|几年|几个月|多少天)[^，。？?]{0,4}一次|频次|频率|隔多久")
_HOW_OFTEN = re.compile(r"每(?:年|半年|季度|季|月|周|天|日)|一年[一两二]次")
# An item's own number (「2. 确保…」, 「（3）…」): it counts nothing; nor does a row's 「第3项」 (its
# table's caption may state how many rows there are: ``extractive._holds_slots`` reads that).
ENUM_PREFIX = re.compile(r"^\s*(?:\d{1,2}[.．、]|[（(]\d{1,2}[）)])\s*")
_ORDINAL = re.compile(r"第\s*(?:\d{1,4}|[一二三四五六七八九十百]{1,4})\s*[项条个批次章节]")
_YEAR_OR_DAY = re.compile(r"(?:19|20)\d\d年(?:\d{1,2}月)?(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日")
_DEFINES = re.compile(r"[”」》]?(?:是指|系指|指的是|即|是)(?!否)|[”」》]指|[”」]的[“「]")
# things listed, then a quoted name whose number counts them: 「网瘾、游戏瘾和手机瘾“三瘾”」,
# 「发挥山水资源、民俗文化、区位交通“三大优势”」 (see ``_sums_up_items``)
_SUMMED_UP = re.compile(r"([^。；，,“”]{2,80}?)[“「]([一二两三四五六七八九十\d]{1,2})[^\s”」]{1,6}[”」]")
_ITEM_BREAK = re.compile(r"、|和|及|与")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_CONTACT = re.compile(r"\d{3,4}-\d{7,8}|\d{7,}|1\d{4}热线|[路街道]\d+号|https?://|www\.|@[a-z0-9.-]+\.[a-z]{2,}", re.I)
_PRICE = re.compile(r"\d+(?:\.\d+)?\s*(?:元|万元|亿元|块)|免费|零成本|不收费|收费标准")
_ROLE_LINE = re.compile(r"^\s*[\u4e00-\u9fff（）]{2,12}\s*[：:]\s*[\u4e00-\u9fff]")
# Pieces of a member's unit and post that name no unit in particular.
_GENERIC_PAIRS = frozenset({"市委", "市政", "政府", "人民", "副局", "局长", "主任", "副主", "部长", "副部", "负责", "责人"})
# Being a member is no post: 「委员会里市财政局的成员是谁」 asks for the member that unit sends.
_MEMBERSHIP = frozenset({"成员", "成员单位"})
_ASKS_POST = re.compile(r"(?:长|主任|书记|委员|主席|专员)(?:是谁|是哪位|叫什么)")
_PERSON_LINE = re.compile(r"^(?:[^：]{1,8}：)?[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,3}\s+([\u4e00-\u9fff（）]{3,24})$")
_CUES: dict[str, re.Pattern[str]] = {
    "organisation": re.compile(r"负责|牵头|责任单位|主管|划转|承担|配合|实施|办理|审查|主体"
                               r"|由[^，。；]{1,20}?(?:审查|实施|承担|召集|兼任|担任|办理|启动|解读|负责)"),
    "amount": re.compile(r"\d|[一二两三四五六七八九十百千万]+[个项所家条人]"),
    "date": re.compile(r"\d{4}年|\d+月|\d+日|年底|年前|之前|以前|内"),
    "list": re.compile(r"[、；]"),
    "statement": re.compile(r"是指|指的是|包括|为|是"),
    "definition": re.compile(r"是指|系指|指的是|[”」》]指|即"),
    "person": re.compile(r"组\s*长|主\s*任|成\s*员|指挥长|召集人|[：:]"),
    "contact": re.compile(r"电话|热线|地址|网址|邮箱"),
    "price": re.compile(r"元|收费|免费|价格"),
}


@dataclass
class Weights:
    """The fitted weights: ``bias`` plus one weight per feature, for each of the two models."""

    unit: dict[str, float]
    answerable: dict[str, float]
    answer_at: float = 0.5  # P(answerable) from which the answer is given with high confidence
    on_topic_at: float = 0.15  # below this nothing on-topic was found: refuse without quotes
    fitted_on: str = ""

    @classmethod
    def load(cls, path: Path = WEIGHTS_FILE) -> "Weights":
        data = json.loads(path.read_text("utf-8"))
        return cls(**{k: data[k] for k in ("unit", "answerable", "answer_at", "on_topic_at", "fitted_on") if k in data})

    def save(self, path: Path = WEIGHTS_FILE) -> None:
        path.write_text(json.dumps(self.__dict__, ensure_ascii=False, indent=1) + "\n", "utf-8")


def best_unit_features(units: Sequence, score: Callable[[Any], float]) -> dict[str, float]:
    """The question features that describe its best unit: its probability (``unit``), how far it
    stands above the next unit with other text (``margin``; the same sentence in two overlapping
    passages is one candidate), and its own word, character-pair and embedding match."""
    ranked = sorted(units, key=score, reverse=True)
    if not ranked:
        return {"unit": 0.0, "margin": 0.0, "unit_lexical": 0.0, "unit_chars": 0.0, "unit_dense": 0.0, "unit_slot": 0.0,
                "unit_anchor": 0.0}
    best = score(ranked[0])
    text = compact(ranked[0].text)
    runner_up = next((score(u) for u in ranked[1:] if compact(u.text) != text), 0.0)
    own = ranked[0].features
    return {"unit": best, "margin": best - runner_up, "unit_lexical": own.get("lexical", 0.0),
            "unit_chars": own.get("chars", 0.0), "unit_dense": own.get("dense", 0.0), "unit_slot": own.get("slot", 0.0),
            "unit_anchor": own.get("anchor", 0.0)}


def slot_features(slot: str, polar: bool = False) -> dict[str, float]:
    """One indicator per kind of fact asked (and one for asking whether): a gazette states who is
    responsible and by when far more often than a price or a phone number, and the model learns
    that prior from the tune split."""
    return {**{f"asks_{s}": float(slot == s) for s in ASKED_SLOTS}, "asks_whether": float(polar)}


def dense_feature(cosine: float) -> float:
    """A cosine similarity on the [0, 1] scale of the other features."""
    return max(0.0, min(1.0, (cosine - _DENSE_FLOOR) / _DENSE_SPAN))


def logistic(weights: dict[str, float], features: dict[str, float]) -> float:
    z = weights.get("bias", 0.0) + sum(weights.get(k, 0.0) * v for k, v in features.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


class CharPairs:
    """Document frequency of character pairs over the index, for the ``chars`` feature."""

    def __init__(self, texts: list[str]) -> None:
        self.count = len(texts)
        self.doc_freq: Counter[str] = Counter()
        for text in texts:
            self.doc_freq.update(set(pairs(text)))

    def idf(self, pair: str) -> float:
        return math.log((self.count + 1) / (self.doc_freq.get(pair, 0) + 1)) + 1.0

    def weights(self, text: str) -> dict[str, float]:
        """The question's pairs the gazette uses anywhere, by IDF (pairs it never uses are not evidence,
        nor a verb with its aspect particle)."""
        return {p: self.idf(p) for p in set(pairs(text)) if self.doc_freq.get(p) and p[-1] not in _ASPECT}


# A verb's aspect particle: 「建了几座」 asks what 「新建…206座」 states (为了, 随着 are no content either).
_ASPECT = frozenset("了着")


def pairs(text: str) -> list[str]:
    """Character pairs inside runs of Chinese characters, plus letter/digit words (4A, G55)."""
    out = [run[i:i + 2] for run in _CJK_RUN.findall(text) for i in range(len(run) - 1)]
    out.extend(w.lower() for w in _ALNUM.findall(text))
    return out


Term = str | tuple[str, ...]  # a word, or the words any one of which renders it (an English phrase's senses)


ON_TOPIC_COVERAGE = 0.75  # share of the question's gazette words that puts a passage on topic


# A Mapping is invariant in its key: word weights and term weights are both taken.
def coverage(weights: Mapping[str, float] | Mapping[Term, float], own: AbstractSet[str] | str,
             placed: AbstractSet[str] | str = frozenset()) -> float:
    """Weighted share of ``weights``' keys in ``own`` (full credit) or ``placed`` (half credit).
    Given running text instead of a set of words, a term counts when it is written anywhere in
    it, inside a longer word too (绩效 in 绩效工资, which jieba keeps whole)."""
    total = sum(weights.values())
    if not total:
        return 0.0
    return sum(w if _in(k, own) else 0.5 * w if _in(k, placed) else 0.0 for k, w in weights.items()) / total


def _in(term: Term, words: AbstractSet[str] | str) -> bool:
    return term in words if isinstance(term, str) else any(t in words for t in term)


def holds_slot(text: str, slot: str, measure: str | None = None, role: str | None = None,
               question: str = "", row: bool = False) -> float:
    """How well ``text`` holds the slot asked: 1 holds it, 0.5 holds something of its kind, 0 not.
    ``row``: ``text`` is a table row, whose cells may be numbers alone (the unit in the header)."""
    flat = compact(text)
    motto = MOTTO_ASKED.search(question) if slot in ("definition", "statement") else None
    count = cn_number(motto.group(1) or motto.group(2)) if motto else None
    if count:  # 「治水思路是哪十六个字」: a quoted motto of that many characters
        return 1.0 if any(len(_HAN.findall(q)) == count for q in quoted_names(flat)) else 0.0
    if slot == "organisation":
        return 1.0 if _ORGANISATION.search(flat) else 0.0
    if slot == "person":
        named = names_role(text, role, question)
        if named:
            return named
        return 0.5 if _PERSON_LINE.match(text.strip()) or _ROLE_LINE.match(text) else 0.0
    if slot == "amount":
        # 「2021年」「9月6日」 date things, and 「第63项」 places one in a list: they count nothing
        flat = _ORDINAL.sub("", _YEAR_OR_DAY.sub("", ENUM_PREFIX.sub("", flat)))
        if row and _BARE_CELL.search(flat):  # a row's 「“十四五”目标：99」: the unit is in its header
            return 1.0
        if measure:
            # 「多少万元」 is stated as 1.2亿元 too: a unit of money or area in any of its magnitudes
            unit = rf"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]+)\s*(?:个)?[万亿]?{base_unit(measure)}"
            return 1.0 if re.search(unit, flat) else 0.5 if re.search(r"\d", flat) else 0.0
        return 1.0 if _AMOUNT.search(flat) else 0.5 if re.search(r"\d", flat) else 0.0
    if slot == "date":
        # 「抽查多久一次」 asks how often: 「每年牵头组织一次」 holds it, with no date in it
        if _ASKS_HOW_OFTEN.search(question) and _HOW_OFTEN.search(flat):
            return 1.0
        return 1.0 if _DATE.search(flat) else 0.0
    if slot == "list":
        return min(1.0, max(len(_LIST.findall(_ENUMERATOR.sub("", flat))), clauses_in_a_row(flat) - 1) / 2)
    if slot == "definition":  # 「“二次划转”指本次划转的事项」
        return 1.0 if _DEFINES.search(flat) or _sums_up_items(flat) else 0.0
    if slot == "contact":
        return 1.0 if _CONTACT.search(flat) else 0.0
    if slot == "price":
        return 1.0 if _PRICE.search(flat) else 0.0
    return 0.0


def _sums_up_items(flat: str) -> bool:
    """Whether ``flat`` lists things and then names them by their count in quotes (「关注网瘾、游戏瘾和
    手机瘾“三瘾”」): the count must be the number of things listed (「推进“一网通办”」 counts nothing)."""
    for m in _SUMMED_UP.finditer(flat):
        items = [i for i in _ITEM_BREAK.split(m.group(1)) if i]
        if len(items) >= 2 and len(items) == cn_number(m.group(2)):
            return True
    return False


def clauses_in_a_row(flat: str) -> int:
    """How many clauses in a row open with the same two characters: government text lists by
    repeating the verb (「注重保护耕地，注重维护农民合法权益，注重节约集约用地」)."""
    best = run = 0
    previous = ""
    for clause in _CLAUSE_BREAK.split(flat):
        opening = clause.strip()[:2]
        # (a year or number opening each clause, 「2022年…，2022年…」, is no verb repeated)
        run = run + 1 if len(opening) == 2 and opening == previous and not opening[0].isdigit() else 1
        previous = opening
        best = max(best, run)
    return best


def names_role(text: str, role: str | None, question: str) -> float:
    """1 when ``text`` states who holds the post the question asks about (see ``holds_slot``)."""
    flat = compact(text)
    # 「…里市财政局的成员是谁」: the member that unit sends, not the list's 「成员：」 line.
    unit_asked = role in _MEMBERSHIP and _names_member_unit(compact(question))
    if role and states_role(flat, role) and not unit_asked:
        return 1.0
    post = _PERSON_LINE.match(text.strip())
    if not post:
        return 0.0
    if post.group(1) in question:
        return 1.0
    # No post asked (「残联代表是谁」): the member whose unit the question names (王彦俐 市残联副理事长).
    unit = post.group(1)
    # Less than naming the whole unit and post (「市水利局局长是谁」 is 李永强 市水利局局长, not every
    # member from the 水利局).
    if (role is not None and role not in _MEMBERSHIP) or _ASKS_POST.search(question):
        return 0.0
    return 0.75 if any(unit[i:i + 2] in question and unit[i:i + 2] not in _GENERIC_PAIRS
                       for i in range(len(unit) - 1)) else 0.0


def _names_member_unit(question: str) -> bool:
    """「委员会里市财政局的成员」: an organisation named inside the body (after 里 or 中), or a second one
    after the body's own name; 「市安委会的成员有哪些」 names the body alone."""
    found = list(_ORGANISATION.finditer(question))
    return len(found) >= 2 or any(m.start() > 0 and question[m.start() - 1] in "里中" for m in found)


# a company's name, from where a name may start (after 由, 是, a colon or a comma) to 公司
_COMPANY = re.compile(r"(?:^|(?<=[由是：:，,、（(]))(?:(?![由是])[\u4e00-\u9fff]){2,14}?(?:有限公司|公司)")
_LABEL = re.compile(r"(?:责任|牵头|实施|负责|主管|配合|成员)?(?:单位|部门)[：:]")  # labels a body, and is none


def organisations_in(text: str) -> list[str]:
    """The bodies ``text`` names (市水利局, 各县（市、区）, …有限公司), in order."""
    flat = _LABEL.sub("，", compact(text))
    found = sorted({(m.start(), m.end()) for pattern in (_ORGANISATION, _COMPANY) for m in pattern.finditer(flat)})
    # one name matched by both patterns, or inside another, is one body
    outer = [(s, e) for s, e in found if not any(s2 <= s and e <= e2 and (s2, e2) != (s, e) for s2, e2 in found)]
    return [flat[s:e] for s, e in outer]


def has_cue(text: str, slot: str) -> float:
    cue = _CUES.get(slot)
    return 1.0 if cue and cue.search(text) else 0.0


def states_role(flat: str, role: str) -> bool:
    """「主任：田东」 or 「主任由…兼任」 for the role asked — not the office's or a deputy's 主任."""
    if flat.startswith(role + "：") or flat.startswith(role + ":"):
        return True
    qualified = "" if role.startswith("办公室") else "(?<!办公室)(?<!副)"
    return re.search(f"{qualified}{role}(?:由|：)", flat) is not None


@lru_cache(maxsize=1)
def default_weights() -> Weights:
    return Weights.load()


@dataclass
class Decision:
    """The answer-or-refuse decision for one question."""

    probability: float  # that the gazette states the answer
    confidence: str  # high / low / none
    features: dict[str, float] = field(default_factory=dict)

    @property
    def answers(self) -> bool:
        return self.confidence == "high"


def decide(features: dict[str, float], weights: Weights) -> Decision:
    """high: answer; low: on-topic passages but none states it; none: nothing on-topic.

    A passage with most of the question's words is on topic however unlikely an answer is
    (「图书馆开放时间」: the plan names the library, never its hours): the user sees where to look.
    """
    p = logistic(weights.answerable, features)
    on_topic = p >= weights.on_topic_at or (features.get("lexical", 0.0) >= ON_TOPIC_COVERAGE
                                            and not features.get("unknown"))
    confidence = "high" if p >= weights.answer_at else "low" if on_topic else "none"
    return Decision(p, confidence, features)


def base_unit(measure: str) -> str:
    """A unit without its magnitude (万元 → 元, 万立方米 → 立方米); a one-character measure as it is."""
    return re.sub(r"^[万亿]", "", measure) if len(measure) >= 2 else measure


# Units of measure a count is asked in (「几个工作日」, 「多少万元」), by their base unit: 1.2亿元
# states what 「多少万元」 asks.
_BASE_UNITS = frozenset(base_unit(u) for u in MEASURE_UNITS.split("|"))
# How the gazette also writes a unit (「160KW及以下」), compared without case.
_UNIT_SYMBOLS = {"千瓦": ("kw",), "公里": ("km", "千米", "米"), "千米": ("km", "公里"), "平方米": ("㎡", "m²"),
                 "立方米": ("m³",), "平方公里": ("km²",)}
# 「办公室设在哪个部门」: where an office sits, said with 设在 (「办公室设在市市场监管局」, 「设市水利局」).
_ASKS_SEAT = re.compile(r"(?:办公室|办事机构|秘书处|工作机构)(?:具体)?设(?:在|于)(?:哪|什么|何)")
_SEAT = re.compile(r"设在|设于|挂靠|设(?=[市县区省])")


# 「要交哪些材料」, 「申请步骤是什么」: the papers to hand in, or the steps of a procedure, are
# stated in those words or the like; a catalogue row that names the matter states neither.
_ASKS_MATERIALS = re.compile(r"(?:哪些|什么|啥|几样|几份)(?:申请|申报|证明)?材料|材料(?:有哪些|是什么|是啥|包括)")
_MATERIALS = re.compile(r"材料|证明|证件|提交|提供|出具")
_ASKS_STEPS = re.compile(r"(?:步骤|流程)(?:是|有|包括)?(?:什么|啥|哪些|哪几)|(?:步骤|流程)(?:怎么|如何)(?:走|办|进行|操作)?")
_STEPS = re.compile(r"步骤|流程|程序|环节|首先|其次|然后|之后|最后|第[一二三四五六七八九十]步|[（(]\d[）)]")
# A year of the calendar, or a span of years (「2021—2025年」, 「2019-2023」 in a table's cell).
_YEAR_SPAN = r"年?\s*[—\-－~～至到]\s*((?:19|20)\d{2})"
YEARS = re.compile(rf"((?:19|20)\d{{2}})\s*(?:{_YEAR_SPAN}\s*年?|年)")
# 「哪一年成立」 asks for a year: 「“十三五”期间」 does not say which (那 for 哪: the same pinyin).
_ASKS_YEAR = re.compile(rf"{WHICH_YEAR}|(?:什么|哪个)年份")
_A_YEAR = re.compile(rf"{YEARS.pattern}|[〇零一二三四五六七八九]{{4}}年")
# 「实施期限是几年」 asks how many years: a year of the calendar (2021年) does not say.
_ASKS_COUNT_OF_YEARS = re.compile(r"(?<![哪好十早前近这那过])(?:几|多少)个?年(?=[？?。]|$|时间|内|才|能|完成|到期)")
_COUNT_OF_YEARS = re.compile(r"(?<![\d〇零一二三四五六七八九])(?:\d{1,2}|[一二两三四五六七八九十]+)\s*个?年(?!级)"
                             rf"|(?:19|20)\d{{2}}\s*{_YEAR_SPAN}")  # a span counts its years


def lacks_stated_year(question: str, text: str) -> bool:
    """Whether ``text`` (a unit's own words) lacks the year, or the number of years, that the
    question asks for as such (「哪一年成立」, 「实施期限是几年」)."""
    flat = compact(text)
    return bool((_ASKS_YEAR.search(question) and not _A_YEAR.search(flat))
                or (_ASKS_COUNT_OF_YEARS.search(question) and not _COUNT_OF_YEARS.search(flat)))


def lacks_asked_form(question: str, measure: str | None, text: str) -> bool:
    """Whether ``text`` lacks what the question asks in a fixed form: the unit of measure it asks a
    count in (「几个工作日」: a passage without 工作日 does not say how many); the papers or the
    steps of a procedure, asked for as such; or, asked where an office sits, a 设在 (a sentence
    that only sets the office up does not place it)."""
    flat = compact(text).lower()
    base = base_unit(measure or "")
    if measure and len(measure) >= 2 and base in _BASE_UNITS:
        written = "|".join(re.escape(u) for u in (base, *_UNIT_SYMBOLS.get(base, ())))
        # after an amount, or as a table's unit (「（单位：万立方米）」 over bare numbers)
        if not re.search(rf"(?:[\d一二两三四五六七八九十百千]\s*个?|单位[：:])\s*[万亿]?\s*(?:{written})", flat):
            return True
    if _ASKS_MATERIALS.search(question) and not _MATERIALS.search(flat):
        return True
    if _ASKS_STEPS.search(question) and not _STEPS.search(flat):
        return True
    return bool(_ASKS_SEAT.search(question)) and not _SEAT.search(flat)
