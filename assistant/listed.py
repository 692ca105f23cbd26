"""The items of an answer's list: what an ordinal (「第三个」) and a count point at.

An answer lists things in one of a few ways: numbered (「（1）…（2）…」), as an enumeration joined
by 、 (「下设综合协调组、抢险救援组、…8个应急工作组」), one per claim, or as the lines of a member
list joined by ；. ``nth_item`` reads them back in that order of preference.
"""

from __future__ import annotations

import re

from corpus.text import cn_number, without_parentheses

_NUMBERED = re.compile(r"[（(](\d{1,2})[）)]\s*([^（(；;。\[\n]+)")


def numbered_items(answer: str) -> list[str]:
    """The items of the first numbered list in an answer (「（1）…；（2）…」), in order."""
    items: list[str] = []
    for number, text in _NUMBERED.findall(answer):
        if int(number) == len(items) + 1:
            items.append(text.strip())
        elif items:
            break
    return items if len(items) >= 2 else []


def _claims_text(answer: str) -> str:
    """What an answer claims: its text before 「依据：」, without a lead such as 「…汇总如下：」."""
    return answer.split("依据：")[0].rsplit("：\n", 1)[-1]


def _first_claim(answer: str) -> str:
    """The answer's first claim: its text up to the first citation marker."""
    return re.split(r"\[\d+\]", _claims_text(answer), maxsplit=1)[0]


# 「下设甲、乙」, 「设定为三级、二级」: the intro before the first item
_LIST_INTRO = re.compile(r"^.*?(?:下设|设立|设有|包括|包含|分为|设定为|划分为|确定为|分别为|依次为|：|:)")
# 「…专家指导组8个应急工作组」, 「…一级三个等级」: the count after the last item
_LIST_COUNT = re.compile(r"(?<=.)(?:等)?([\d一二两三四五六七八九十]+)(?:个|类|项|级|种|方面|大)[^、]*$")


def _longest_enumeration(text: str) -> list[str]:
    """The items of the longest 、-enumeration in ``text``, as written (one clause's). One that
    counts itself (「三级、二级、一级三个等级」) comes first: the text says it is the list."""
    best: list[str] = []
    best_key = (False, 0)
    for items in _raw_enumerations(text):
        key = (len(items) >= MIN_COUNTED and _counts_itself(items), len(items))
        if key > best_key:
            best, best_key = items, key
    return best


MAX_CLAIM_ITEM = 40  # characters: a claim this short, one of several, names an item of a list
MIN_COUNTED = 3  # 「建立三个机制、完善两项制度」 counts nothing: two pieces are no list that counts itself


def _counts_itself(items: list[str]) -> bool:
    """Whether the enumeration's last item ends with a count of the items (「…一级三个等级」,
    「…较大和一般四个级别」: the last two may be joined by 和)."""
    count = _LIST_COUNT.search(items[-1]) if items else None
    if count is None:
        return False
    number = cn_number(count.group(1))
    joined = re.search(r"(?:和|及|以及)", items[-1][:count.start()]) is not None
    return number == len(items) + joined


def _first_item(item: str) -> str:
    return _LIST_INTRO.sub("", item) or item


def _last_item(item: str) -> str:
    return _LIST_COUNT.sub("", item)


def _lead_enumeration(answer: str) -> list[str]:
    """The items of an enumeration of three or more that the answer's first claim makes
    (「…划分为特别重大、重大、较大和一般四个级别」 → 特别重大, 重大, 较大, 一般); [] if none."""
    items = _longest_enumeration(_first_claim(answer))
    items = _as_items(items) if len(items) >= 2 else []
    return items if len(items) >= 3 else []


def _claims(answer: str) -> list[str]:
    """The answer's claims: its text before 「依据：」 cut at the citation markers."""
    return [c.strip() for c in re.split(r"\[\d+\][。；]?", _claims_text(answer)) if c.strip()]


def _short_claims(answer: str) -> list[str]:
    """The claims, the first without the words that introduce a list, when every one is short
    enough to name an item (「…包括：甲[1]；乙[2]」); [] else."""
    claims = _claims(answer)
    short = [_first_item(claims[0]).lstrip("：:"), *claims[1:]] if claims else []
    return short if all(len(c) <= MAX_CLAIM_ITEM for c in short) else []


def lists_items(answer: str, n: int) -> bool:
    """Whether the answer itself lists ``n`` items or more (any list of three when ``n`` is -1,
    「最后一个」): numbered, as an enumeration that leads it, or as short cited claims. An answer
    of a sentence or two lists nothing an ordinal could count in."""
    need = MIN_COUNTED if n == -1 else max(n, 2)
    short = _short_claims(answer)
    return max(len(numbered_items(answer)), len(_lead_enumeration(answer)),
               len(short) if len(short) >= MIN_COUNTED else 0) >= need


def nth_item(answer: str, n: int, noun: str = "") -> str | None:
    """The ``n``-th item (1-based) of the answer's numbered list, or else of the longest
    enumeration in its text. Asked for the n-th of a ``noun`` (「第二个等级」), an enumeration that
    counts itself in that noun (「三级、二级、一级三个等级」) is the list meant."""
    counted = _counted_as(answer, noun) if noun else []
    if counted and (n == -1 or 1 <= n <= len(counted)):
        return counted[n - 1 if n > 0 else -1]
    numbered = numbered_items(answer)
    lead = _lead_enumeration(answer)
    if lead and not numbered_items(_first_claim(answer)) and (n == -1 or 1 <= n <= len(lead)):
        # 「划分为特别重大、重大、较大和一般四个级别[1]」 leads; the (1)…(4) of a quoted row come later
        return lead[n - 1 if n > 0 else -1]
    if numbered and (n == -1 or 1 <= n <= len(numbered)):
        return numbered[n - 1 if n > 0 else -1]
    best = _longest_enumeration(re.sub(r"\[\d+\]", "", answer))
    if n < 1 and n != -1:
        return None
    claims = _claims(answer)
    short = _short_claims(answer)
    if len(short) >= max(n, MIN_COUNTED):
        # 「…包括：甲[1]；乙[2]；丙[3]」: each cited claim is an item; a 、 inside one is its own detail
        return short[n - 1 if n > 0 else -1]
    # 「副组长：甲 …；乙 …；丙 …[1]」: a member list read as one claim, its lines joined by ；
    lines = [re.sub(r"^[^：]{1,8}：", "", p).strip() for p in re.split(r"[；;]", claims[0])] if claims else []
    lines = [line for line in lines if line]
    if len(best) < 2 and len(lines) >= max(n, 2):
        return lines[n - 1 if n > 0 else -1]
    if len(best) < 2 and len(claims) >= max(n, 2):  # 「副组长：甲[1]。副组长：乙[2]。」: each claim an item
        return claims[n - 1 if n > 0 else -1]
    n = len(best) if n == -1 else n  # 「最后一个」
    if n < 1 or len(best) < max(n, 2):
        return None
    item = best[n - 1]
    if n == 1:  # the first item follows the words that introduce the list (下设, 包括, ：)
        item = _first_item(item)
    elif n == len(best):  # the last one may run on (「专家指导组8个应急工作组」)
        item = _last_item(item)
    return re.sub(r"^(?:等|和|及|以及)", "", item).strip() or None


def _counted_as(text: str, noun: str) -> list[str]:
    """The items of the first enumeration of ``text`` that counts itself in ``noun`` (「…一级三个等级」)."""
    counts = re.compile(rf"[一二两三四五六七八九十\d]+[个项类条种大]?{re.escape(noun)}$")
    for items in _raw_enumerations(text):
        if counts.search(items[-1]):
            return _as_items(items)
    return []


def _raw_enumerations(text: str) -> list[list[str]]:
    """Every 、-enumeration of two items or more in ``text``, its pieces as written."""
    found = []
    for clause in re.split(r"[。；，,\n]", without_parentheses(re.sub(r"\[\d+\]", "", text))):
        items = [i.strip() for i in clause.split("、") if i.strip()]
        if len(items) >= 2:
            found.append(items)
    return found


_OFFICE_END = re.compile(r"(?:局|委|办|厅|院|部|中心|公司|委员会|支队|大队)$")


def enumerations(text: str) -> list[list[str]]:
    """Every 、-enumeration of two items or more in ``text`` (citation marks taken out), each item
    without the words that introduce the list or count it (「分为特别重大、重大、较大和一般四个级别」 →
    特别重大, 重大, 较大, 一般)."""
    return [_as_items(items) for items in _raw_enumerations(text)]


def _as_items(pieces: list[str]) -> list[str]:
    """The items of an enumeration cut at 、: the first without the words that introduce the list
    (下设, 包括, ：), the last without the count after it (「一般四个级别」), and the last two apart
    where 和/及/与 joins them (「较大和一般」) — but an office's own name keeps its 和 (市文化和旅游局)."""
    first, *middle = pieces
    first = _first_item(first).lstrip("：:")
    *head, last = [first, *middle]
    last = _last_item(last)
    tail = [last] if _OFFICE_END.search(last) else [part for part in re.split(r"以及|和|及|与", last) if part]
    return [i for i in head + tail if i]
