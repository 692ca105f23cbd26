"""Entity swaps: 「那西山县呢」 asks the previous question of another member of its family.

A follow-up that only names a new thing (an ellipsis) keeps what was asked and swaps the thing:
a county for a county, a year for a year, a grade for a grade, an office for an office
(``swap_entity``); an item of an enumeration the last answer gave for its sibling
(``swap_sibling``: 「那一般的呢」 after 较大); a name with the same head and another modifier
(``swap_head``: 首次划转 after 二次划转), and the same in English (``swap_head_en``: 「And the
industrial zone?」 after 「…does the commerce zone cover?」). A field of the table row the last
answer quoted (``row_field``: 「建设期限呢」 after the row of a project) is asked of that row.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.listed import enumerations

# A topic's family members replace each other in an ellipsis (「那西山县呢」 after 东湖区).
# The four grades of an emergency (特别重大、重大、较大和一般 突发事件), and the stages of schooling
# (「小学呢」 after 「初中阶段的德育重点」): words, not names, so they swap only for a core that is
# nothing else (「九年义务教育的巩固率呢」 asks of another measure too, not of another stage alone).
_GRADES_OF_EMERGENCY = re.compile(r"特别重大|(?<!特别)重大|较大|一般(?=(?:突发)?事件|事故|的?$)")
_STAGES_OF_SCHOOLING = re.compile(r"学前教育|义务教育|特殊教育|职业教育|高等教育|幼儿园|中小学|(?<!中)小学|初中"
                                  r"|(?<!提)高中|中职|高职")
_WHOLE_CORE = (_GRADES_OF_EMERGENCY, _STAGES_OF_SCHOOLING)
FAMILIES = [
    re.compile(r"[\u4e00-\u9fff]{1,3}?(?:县|区)|[\u4e00-\u9fff]{2}市(?!场)"),  # counties and districts
    re.compile(r"20\d\d年|\b20\d\d\b"),
    re.compile(r"[一二三四五六七八九十]级"),  # grades: 一级响应, 三级馆, 二级旅游集散中心
    _GRADES_OF_EMERGENCY,
    _STAGES_OF_SCHOOLING,
    # offices: 市水利局, 应急管理局, 卫健委 (a short name ends in 委 as well)
    re.compile(r"(?:市|县)[\u4e00-\u9fff]{1,10}?(?:局|委员会|委|办)|[\u4e00-\u9fff]{2,10}?(?:局|委员会)"
               r"|[\u4e00-\u9fff]{2}委(?![员会])"),
    # the same in English: 「And the tax bureau?」 after 「…the municipal sports bureau…」
    re.compile(r"\bthe\s+(?:(?!the\b)[A-Za-z]+\s+){0,3}?(?:bureau|office|department|commission)\b", re.I),
    re.compile(r"\b[A-Z][a-z]+\s+(?:county|district)\b"),  # 「Dongshan county」, not 「the county」
    re.compile(r"(?<![A-Za-z0-9])[1-5]A(?![A-Za-z])"),  # scenic-area grades: 4A级景区, 「And for 3A?」
    re.compile(r"\blevel[- ]?[1-4]\b|\b[1-4](?:st|nd|rd|th)?[- ]level\b", re.I),  # 「What about level 1?」
    # the groups of a task force or command: 用地保障组 for 前期工作组 (not 组长, 组员, 组成)
    # the name starts the text or follows a particle, a demonstrative or a stop (「指挥部的综合协调组」)
    re.compile(r"(?:^|(?<=[的之里中那这其该、，,。：:？?\s]))(?:(?![的之和与及是哪几个些什么啥有每多])[\u4e00-\u9fff]){2,8}?"
               r"(?<!重)组(?![长员成织])"),
]
_CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")
_MAX_HEAD_NAME = 12  # characters of a name that a swap by its head (划转 of 首次划转) may take
_MODIFIER_SLACK = 2  # characters the other name's modifier may be longer or shorter by
_NAME_BOUNDARY = frozenset("的“”「」《》\"' ，,。？?、：:")
# A word of rank or age before a kind of area (主城区, 老城区) names no place; nor does a piece of a
# question (「些景区」). A particle swept into a match (「方案里东城区」) is no part of the name.
_AREA_PREFIXES = frozenset("主 老 新 旧 城 全 本 各 该 此 这 那 市 县 区".split())
_NOT_IN_NAMES = frozenset("哪些什么啥有是个每几多")
_PARTICLE = re.compile(r"^[里的在对向从把被给那这]")  # not 和 or 与: 和顺县 is a name
# Area nouns that end like a place name but name none (「负责景区」 is no county).
_NOT_PLACES = frozenset("景区 城区 市区 地区 园区 社区 辖区 片区 山区 矿区 林区 新区 郊区 县区 区县 "
                        "全区 全县 全市 本区 本县 本市 各区 各县 各市 该县 该区 该市 "
                        "开发区 服务区 保护区 示范区 功能区 试验区 超采区".split())
_LEVELS = "市县区省"  # the level a body's name opens with (市教育局, 县民政局)
_LEVEL = re.compile(rf"^[{_LEVELS}]")
# A gloss in brackets after a name (「the sports bureau (市体育局)」).
_GLOSS = r"(?:\s*[（(][^（）()]{1,20}[）)])?"
# English words that only point (the, ones, for): 「And the 3A ones?」 adds nothing to the swap.
_POINTING_EN = re.compile(r"(?:\s*\b(?:the|ones?|for|of|about|in|and|what)\b)*\s*[?？]?", re.I)


# Kinds of group, named by no modifier of their own: no name to swap.
_KIND_WORDS = frozenset({"工作组", "小组", "专项组", "领导组", "领导小组", "工作小组"})


def _is_name(match: str) -> bool:
    """A place's name, not a kind of area: 东城区 is a name (one character says which 城区), 主城区,
    老城区 and 负责景区 are not."""
    if match in _KIND_WORDS:
        return False
    for noun in _NOT_PLACES:
        if match.endswith(noun):
            before = match[:-len(noun)]
            if len(before) != 1 or before in _AREA_PREFIXES or before in _NOT_IN_NAMES:
                return False
    return True


def _name_in(match: str) -> str:
    """The name without a particle the match swept up before it (「方案里东城区」 → 东城区)."""
    return _PARTICLE.sub("", match) if len(match) > 3 else match


def swap_entity(previous: str, core: str) -> str | None:
    """The previous question with the core's entity put in place of its family member."""
    for family in FAMILIES:
        new = [m for m in map(_name_in, family.findall(core)) if _is_name(m)]
        # the one of the same kind first (卫健委 for 发改委, not 督导委员会)
        old = sorted((m for m in map(_name_in, family.findall(previous)) if _is_name(m)),
                     key=lambda m: bool(new) and m[-1] != new[0][-1])
        if new and old and new[0] != old[0]:
            # a gloss in brackets after the old name (「the sports bureau (市体育局)」) names it, not the new one
            swapped = re.sub(re.escape(old[0]) + _GLOSS, new[0].replace("\\", r"\\"), previous)
            # 「市教育局…调回教育局自己办」: the name said again without its 市 is the same one
            short_old, short_new = _LEVEL.sub("", old[0]), _LEVEL.sub("", new[0])
            if short_old != old[0] and len(short_old) >= 3 and short_old not in new[0]:
                # not where another level stands before it (「市教育局和县教育局」)
                swapped = re.sub(rf"(?<![{_LEVELS}]){re.escape(short_old)}", short_new.replace("\\", r"\\"), swapped)
            rest = core.replace(new[0], "").strip("的，, ")
            if family in _WHOLE_CORE:
                if _CJK_ONLY.search(re.sub(r"^那|(?:阶段|的|事件|突发)+", "", rest)):
                    continue
                # the core as written takes the place of the old word and the 阶段 after it
                # (「高中阶段」 for 义务教育 in 「全市义务教育学校几所」)
                whole = re.sub(r"^那|的$", "", core.strip("，, "))
                tail = whole[whole.find(new[0]) + len(new[0]):]  # 「重大事件」 for 「较大事件」: not 重大事件事件
                after = re.escape(tail) if tail and old[0] + tail in previous else "(?:阶段)?"
                at = re.search(re.escape(old[0]) + after, previous)
                if at is not None:
                    return previous[:at.start()] + whole + previous[at.end():]
            # 「And the 3A ones?」: English words that only point (the, ones, for) add nothing
            rest = "" if _POINTING_EN.fullmatch(rest) else rest
            return swapped if not rest else f"{swapped} {rest}"
    return None


def swap_sibling(previous: str, core: str, last_answer: str) -> str | None:
    """「那一般的呢」 after 「较大的死几个人算」, when the last answer enumerated 「特别重大、重大、
    较大和一般」: the core names an item of an enumeration of the last answer, and the previous
    question another item of it; the core's item takes that one's place."""
    name = re.sub(r"(?:那个|这个|那项|这项|的)$", "", core.strip("“”\"'「」，, "))
    if len(name) < 2:
        return None
    for items in enumerations(last_answer):
        new = next((i for i in items if i == name or (len(name) >= 3 and (i.startswith(name) or i.endswith(name)))),
                   None)
        if new is None:
            continue
        # the longest other item the previous question writes (重大 is also in 特别重大)
        old = max((i for i in items if i != new and i in previous), key=len, default=None)
        if old is not None:
            return previous.replace(old, new, 1)
    return None


def swap_head(previous: str, core: str) -> str | None:
    """「那“首次划转”呢」 after 「表里的“二次划转”是啥意思」: the core names a thing of the same head
    (划转) as a name of the previous question, with another modifier; it takes that name's place.
    The longest shared tail (two characters at least) decides."""
    name = core.strip("“”\"'「」《》的，, ")
    if not 3 <= len(name) <= _MAX_HEAD_NAME or not _CJK_ONLY.fullmatch(name):
        return None
    for k in range(len(name) - 1, 1, -1):
        tail, lead = name[-k:], len(name) - k
        at = previous.find(tail)
        while at >= 0:
            # the other name's modifier starts at a boundary (the start, 的, a quote mark) about as
            # far back as this one's is long: 「表里的二次划转」 swaps 二次划转 whole, for 第一次划转 too
            for start in range(max(0, at - lead - _MODIFIER_SLACK), max(0, at - lead + _MODIFIER_SLACK) + 1):
                if (start < at and (start == 0 or previous[start - 1] in _NAME_BOUNDARY)
                        and _CJK_ONLY.fullmatch(previous[start:at]) and "的" not in previous[start:at]
                        and previous[start:at + k] != name):
                    return previous[:start] + name + previous[at + k:]
            at = previous.find(tail, at + 1)
    return None


# English words that end a noun phrase read backwards from its head: articles, prepositions,
# question words and auxiliary verbs (not 「and」, which joins a name: 「the commerce and leisure zone」).
_EN_STOP = frozenset("the a an of for in on at to by with from under about what which who whose how "
                     "is are was were does do did its their this that these those".split())
_EN_ADMIN = frozenset({"county", "city", "district"})  # 「Xishan County」 for 「Dongshan City」
_EN_PRONOUNS = frozenset({"one", "ones", "it", "them", "that", "this"})
_EN_REST = re.compile(r"\s*(?:—|–|--|\s-\s|[?？;；,，])\s*")
_MAX_PHRASE_WORDS = 6
_EDGE = "'\"‘’“”()（）,.?!;:"
# The asker's own Chinese for the phrase swapped out (「Xishan County's (西山县) target」): it goes with it.
_GLOSS_AFTER = re.compile(r"^((?:['’]s)?)\s*[(（][^()（）]*[\u4e00-\u9fff][^()（）]*[)）]")


def _bare(token: str) -> str:
    """A token without quotes, brackets, punctuation and a possessive 's, in lower case."""
    word = token.strip(_EDGE).lower()
    return re.sub(r"['’]s$", "", word)


def swap_head_en(previous: str, core: str) -> str | None:
    """「And the industrial experience tourism zone?」 after 「…what area does the commerce and leisure
    tourism zone cover?」: the core's noun phrase takes the place of the previous question's phrase
    with the same head word (zone), or, for a place, the same kind of head (Xishan County for Dongshan
    City); what the core says after a dash or a comma is asked as well."""
    phrase, *rest = _EN_REST.split(re.sub(r"^(?:and|or|but)\s+", "", core.strip(), flags=re.I), maxsplit=1)
    words = phrase.split()
    stops = [i for i, w in enumerate(words) if _bare(w) in _EN_STOP]
    words = words[stops[-1] + 1:] if stops else words
    if not words or not re.search(r"[A-Za-z]", phrase) or _bare(words[-1]) in _EN_PRONOUNS:
        return None
    head = _bare(words[-1])
    heads = _EN_ADMIN if head in _EN_ADMIN else {head}
    tokens = list(re.finditer(r"\S+", previous))
    for j, token in enumerate(tokens):
        if _bare(token.group()) not in heads:
            continue
        i = j
        while i > j - _MAX_PHRASE_WORDS + 1 and i > 0:
            before = tokens[i - 1].group()
            if _bare(before) in _EN_STOP or re.search(r"['’]s$|[,.?!;:]$", before):
                break
            i -= 1
        start, end = tokens[i].start(), token.end()
        tail = len(token.group()) - len(token.group().rstrip(",.?!;:)）"))
        tail += 2 if re.search(r"['’]s$", token.group()[:len(token.group()) - tail]) else 0
        old = previous[start:end - tail].lstrip(_EDGE)
        start = end - tail - len(old)
        new = " ".join(words).lstrip(_EDGE)
        if old.lower() == new.lower():
            return None
        swapped = previous[:start] + new + _GLOSS_AFTER.sub(r"\1", previous[start + len(old):], count=1)
        extra = rest[0].strip() if rest else ""
        return f"{swapped} {extra}".strip()
    return None


def swap_place_en(previous: str, core: str, places_of: Callable[[str], list[str]]) -> str | None:
    """「And Xishan?」 after 「What is Dongshan's total target…?」: the place the core names takes
    the place of the previous question's word for another place; what the core says after a dash
    or a comma is asked as well. ``places_of`` gives the places (in the gazette's words) that
    English words name: an English place has no head word to match (``swap_head_en``) when it
    is written as one word or possessive. Only capitalised words are names: 「extraction」 is no
    place, whatever its gloss is written next to; and two words are one name only with a
    county's, district's or city's head (「Dongshan County」, not 「Dongshan Economic」)."""
    phrase, *rest = _EN_REST.split(re.sub(r"^(?:and|or|but|what about|how about)\s+", "", core.strip(), flags=re.I),
                                   maxsplit=1)
    phrase = phrase.strip(_EDGE + " ")
    extra = rest[0].strip() if rest else ""
    new = set(places_of(phrase)) if re.match(r"[A-Z]", phrase) else set()
    if not new:
        return None
    tokens = list(re.finditer(r"\S+", previous))
    for n in (2, 1):  # 「Xishan County」 before 「Xishan」
        for j in range(len(tokens) - n + 1):
            if n == 2 and _bare(tokens[j + 1].group()) not in _EN_ADMIN:
                continue
            start, end = tokens[j].start(), tokens[j + n - 1].end()
            word = re.sub(r"['’]s$", "", previous[start:end].strip(_EDGE))
            named = j > 0 and all(re.match(r"[A-Z]", t.group().strip(_EDGE)) for t in tokens[j:j + n])
            old = set(places_of(word)) if named and not re.search(r"['’]s\s", word) else set()
            if old and not old & new:
                at = previous.index(word, start)
                swapped = previous[:at] + phrase + _GLOSS_AFTER.sub(r"\1", previous[at + len(word):], count=1)
                return f"{swapped} {extra}".strip()
    return None


# A table row as an answer renders it: 「第3项 某遗址公园：建设地点：…；建设期限：2023-2025」.
_ROW_ITEM = re.compile(r"第\s*\d+\s*项\s*([^：:\s][^：:]{1,40}?)[：:]")
_ROW_LABEL = re.compile(r"(?:^|[：:；;。]\s*)([^\s：:；;。，,「」]{2,12})[：:]")


def row_field(core: str, last_answer: str) -> tuple[str, str] | None:
    """「建设期限呢」 after an answer that quoted a table row: the row's item and the field (a label
    of the row's cells) the core names, to ask that field of the same item; None when the last
    answer quoted no row or the core names none of its fields."""
    name = re.sub(r"^那|的$", "", core.strip("“”「」，,？? "))
    item = _ROW_ITEM.search(last_answer)
    if item is None or len(name) < 2:
        return None
    labels = dict.fromkeys(label for label in _ROW_LABEL.findall(last_answer[item.end():]) if label != "依据")
    label = next((label for label in labels if name == label or name in label.split("/")), None)
    return (item.group(1).strip(), label) if label else None
