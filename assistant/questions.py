"""Understand a question before searching: small talk, its kind, and the words that only frame it.

Whether a question leans on the conversation is decided in ``assistant.conversation``.
"""

from __future__ import annotations

import re
from typing import Literal

from assistant.matching import abbreviates
from corpus.text import QUOTED_NAME

Kind = Literal["doc", "interpreter", "personnel", "definition", "contact", "price", "who", "date", "number", "list",
               "general"]

# A plan period (十四五) names a plan, not a count of anything.
PLAN_PERIOD = re.compile(r"十[一二三四五六七八九]五")
# The kinds of document a gazette prints, by the word that ends their titles (文件: any of them).
DOC_WORDS = ("行动方案", "文件", "通知", "规划", "方案", "预案", "批复", "意见", "办法", "决定")
# The same kinds as an English question names them.
DOC_WORDS_EN = r"(?:plan|notice|reply|scheme|programme|program|document|circular|decision)"
# Asked of a document itself (its card says so): where the issue prints it (「教育规划在公报第几页」,
# 「从哪一页开始」, 「它在这期公报的第几页。」, or a search box's 「某专班 页码」; not 「第几页提到特殊教育」,
# which asks where a thing is written), or whether it is published (「这个通知是否公开」; not
# 「门票价格是否公开」, which asks of a thing in it).
_DOC_NAMED = rf"(?:{'|'.join(DOC_WORDS)}|该文|本文)[^，,。？?]{{0,8}}?"
# A search-box query: a few words that ask nothing outright (「某高速总投资」, 「某委员会秘书长」).
_SEARCH_BOX = r"^[^？?，,。什么啥哪谁几多怎如吗呢]"
# The words that ask for pages (a card question reads them anywhere: 「文号，以及在公报的第几页」).
PAGE_WORDS = re.compile(r"第几页|哪[一几]?页|页码")
# (an English question's frame 「该文件第几页」 stands before its glosses, after a space; what stands
# between the document and the page words tells nothing of a thing in it: 「规划中提到特殊教育的是第几页」)
ASKS_PAGE = re.compile(rf"(?:{'|'.join(DOC_WORDS)}|该文|本文)(?:(?!提到|提及|写|讲|说)[^，,。？?]){{0,12}}?"
                       r"(?:第几页|哪[一几]?页|页码)(?:开始|起)?(?:刊载|刊登|登载)?的?[呢啊吗]?(?:[？?。.！!]|\s|$)"
                       rf"|{_SEARCH_BOX}[^？?，,。]{{0,16}}?(?:{'|'.join(DOC_WORDS)}|专班)\s*页码[？?]*$")
# (「…专班的通知，是公开发布的吗」: a comma may stand before the question of whether it is published,
# when that is the whole question)
ASKS_PUBLIC = re.compile(rf"{_DOC_NAMED}(?:是否公开|公开发布|公开方式|公不公开|公开吗)"
                         rf"|{_DOC_NAMED}[，,](?:是否公开|是?公开发布的?吗|公开吗)[？?。]*$")
# 「预案是从什么时候开始施行的」: from when a document is in force (its card, and its sentence that says so).
ASKS_IN_FORCE = re.compile(rf"(?:{'|'.join(DOC_WORDS)})(?:是|将|会|要)?(?:从|自)?(?:什么时候|何时|哪天|哪一天|几号)"
                           r"(?:开始|起)?(?:施行|生效)")  # (实施 of a plan may be its period: 2021—2025年)
# 「第129页刊登的是哪份文件」: the document printed on a page of the issue (the page in group 1).
PAGE_ASKED = re.compile(r"第\s*(\d{1,4})\s*页[^，,。？?]{0,8}?(?:是|为)?(?:哪份|哪个|哪一份|什么|何)"
                        r"(?:文件|通知|文(?![\u4e00-\u9fff]))")
# A part of a document named by its place: 「第五章」, 「第三部分」, 「第十三项任务」 (its number, its
# unit), or 「最后一章」 (最后, its unit).
PLACED_PART = re.compile(r"(?:第\s*([一二两三四五六七八九十百]{1,3}|\d{1,2})|(最后)一?)\s*(章|节|部分|大块|项|条)")
# 「讲文旅IP的是哪一部分」, 「Which boxed column lists …」: asks where in a document a thing is written.
ASKS_WHICH_PART = re.compile(r"哪(?:一|个)?(?:部分|章|节(?![点假日课])|块(?![地区])|篇|个?专栏)|什么(?:部分|章节|专栏)"
                             # a part that covers a thing (not 「Part Two」, a part by its place, nor
                             # 「which section of the road opens first」)
                             r"|\b(?:which|what) (?:\w+ )?(?:part|section|chapter|column|box|heading)\b"
                             r"(?=[^?]{0,80}\b(?:covers?|lists?|deals? with|discuss(?:es)?|mentions?|talks? about"
                             r"|describes?|addresses|sets? out|is about)\b)", re.I)
# What a place's name ends in, or is: 西山县, 东城区; 县里, 村里.
AREA_KINDS = frozenset("省市县区旗乡镇村")
# Measure words a count is asked in: 几天, 多少项, 几所.
MEASURE_WORDS = "个天次所项人户家年名位种条座级倍号"
# A measure word and 数 names a count (户数, 人数, 次数): 「市场主体目标户数」 asks how many 户 when it
# ends the question or is what is asked of (是多少, 目标); 「申报人数有哪些要求」 asks no count.
COUNT_NOUN = re.compile(r"([户人个次家所项条座天名])数(?![据字码学])")
_COUNT_ASKED = re.compile(rf"{COUNT_NOUN.pattern}(?=是多少|为多少|有多少|多少|目标|达到|[？?。!！]*$)")
# Words that frame a question rather than name what it asks about (什么时间, 几个, 属于).
_FRAME = re.compile(r"什么时间|多长时间|哪个时间|啥时候|开始|期间|属于|原来|目前|当前|具体|主要|一般|分别|担任|名义"
                    rf"|几[{MEASURE_WORDS}]|哪[份家位种条天年]|多久|多长|多大|多高|多远")
# Nouns that frame a question about any subject (什么时候, 啥意思, 这期公报里): never its topic.
FRAME_NOUNS = frozenset("时候 时间 意思 名字 职务 职位 公报 本期 这期 文件 内容 情况 问题 东西 事儿 事情 件事 "
                        "地方 部门 单位 人 办法 流程 基数 数值 数字 "
                        # formal modal words the tagger reads as nouns (「须经何种程序方可退回」)
                        "方可 方能 即可".split())
# Nouns that name the kind of thing asked, not what it is asked about: 「高中学校数量」 is answered by
# 「高中阶段学校47所」, 「开工日期」 by 「2023年一季度开工」; a passage need not write them. (Not 时限 or
# 时间: the gazette names things with them, 审批时限, 开放时间.)
SLOT_NOUNS: dict[str, frozenset[str]] = {"amount": frozenset("数量 数目 个数 总数 总量 数额 比例 比重 占比".split()),
                                         "date": frozenset("期限 日期 时点 节点".split())}
# 「是哪十六个字」, 「八字方针」: a motto asked by its count of characters (the count in group 1 or 2)
MOTTO_ASKED = re.compile(r"[哪那]([一二两三四五六七八九十\d]+)个字|([一二两三四五六七八九十\d]+)字(?:方针|要诀|诀)")
# Units of measure written after 多少 (「全长多少公里」, 「投资多少亿元」), longest first.
MEASURE_UNITS = ("万人次|人次|万立方米|立方米|平方公里|平方米|公里|千米|万公顷|公顷|万亩|亩"
                 "|万吨|吨|万千瓦|千瓦|亿元|万元|亿|元"
                 "|课时|学时|小时|分钟|个月|工作日|百分点")
# 几 after these says a few, and asks nothing: 好几个, 十几个, 早几年, 前几天, 近几年, 这几项, 那几个.
INDEFINITE = "好十早前近这那过"
# 「哪一年」, and 「是那一年…的」 (那 for 哪, typed with the same pinyin): a year asked for.
WHICH_YEAR = r"(?:哪[一几]?|是那一?)年(?![级代度])"
# A sum of money asked by what it is (「总投资多少」, 「奖补资金有多少」), with no unit named.
_MONEY = r"(?:投资|资金|经费|预算|造价)(?:总额|金额|额度|规模)?"
_MONEY_ASKED = re.compile(rf"{_MONEY}(?:是|为|有|达到|要|需要|大概)?(?:多少|几)(?![个项年天次月号日批类种])")
# A search-box query that ends with the sum.
_MONEY_NAMED = re.compile(rf"{_SEARCH_BOX}{{2,14}}{_MONEY}[？?]?$")
# A length asked by its noun (「全长多少」, 「里程是多少」): a road's is stated in 公里.
_LENGTH_ASKED = re.compile(r"(?:全长|总长|长度|里程)(?:是|为|有|大概|大约)?(?:多少|几|[？?]*$)")
_MEASURE_ASKED = re.compile(rf"(?:(?<![{INDEFINITE}])几|多少)(?:个)?({MEASURE_UNITS}|[{MEASURE_WORDS}])")

_GREETING = re.compile(r"^(你好|您好|嗨|哈喽|hello|hi|在吗|早上好|下午好|晚上好|谢谢|多谢|感谢|再见|拜拜)"
                       r"[啊呀！!。，,~～]*$", re.I)
# Only a whole message about the assistant is small talk: 「地下水压采考核结果如何使用」 is a question.
_ABOUT_BOT = re.compile(r"^(?:请问)?(?:你是谁|你叫什么(?:名字)?|你能做什么|你会什么|你可以做什么|你能干什么"
                        r"|怎么用|如何使用|怎么使用"
                        r"|使用说明|帮助|help)[啊呀呢吗？?。！!~～]*$", re.I)

_ASKS_WHO_DOES = r"(?:谁|哪个部门|哪些部门|哪个单位|哪些单位|哪家|什么部门|什么单位|何部门|何单位)"
_KIND_RULES: list[tuple[Kind, re.Pattern[str]]] = [
    ("doc", ASKS_PAGE),
    ("doc", ASKS_PUBLIC),
    ("doc", ASKS_IN_FORCE),
    ("interpreter", re.compile(r"解读")),
    # 那天 for 哪天: the same pinyin, a slip nearly everyone makes.
    ("doc", re.compile(r"(哪天|那天|哪一天|什么时候|何时|何日|哪日|哪年哪月|哪一?年|什么日期|几号)"
                       # 发 of a document (「哪天发的」, 「什么时候发文」), not 发放, 发展, 发到手
                       r"(发(?=[的了布出下文呢吗？?。]|$)|印发|发布|签发|出台|下发)"
                       r"|文号|哪(?:一|个|份|一份|一个)文件|什么文件|几号文|哪号文|发文|(?:哪个(?:单位|机关|部门)[^，。？?]{0,6}?|谁)(印发|签发)|(?:哪个(?:单位|机关|部门)|谁)(?<!核)发的[呢啊吗？?。]*$|什么时候(印发|发布|签发|出台)"
                       r"|(印发|发布|签发|成文|落款)(时间|日期)|什么时候(?:下发|下的|发的)"
                       # 「方案是哪天批复的」: a reply (批复) is a document, and the day it was given is its date
                       r"|(?:哪天|那天|哪一天|哪一?年|什么时候|何时|何日|哪日|几号)批复的"
                       r"|批复[^，。？?]{0,8}?(?:哪天|那天|哪一天|什么时候|何时|几号)批的"
                       # 「这个文件讲什么」 asks what a document is about (「第五章讲什么」 asks of a part,
                       # see ``question_kind``)
                       r"|讲(的)?什么|主要内容|是关于什么")),
    ("personnel", re.compile(r"(长|成员|主任|委员|书记|总指挥|召集人|调研员|经理)(?:分别|各自|都)?"
                             r"(是谁|有哪些|有谁|都有谁|是哪些|由谁|由何人|是何人|是哪[两几三四]?位|叫什么)"
                             r"|谁(担任|任)|哪位|叫什么名字"
                             # a search-box query that ends with a post (「某委员会秘书长」) asks who holds it
                             rf"|{_SEARCH_BOX}{{2,16}}(?:[校院局县市区镇乡组处科厅部所队社馆站]长|秘书长|指挥长"
                             r"|主任|书记|总指挥|召集人|主席)[？?]*$"
                             # 「有没有卫健委的人」, 「公安局的代表是谁」: a member from a unit
                             r"|(?:有没有|有无)[^，。？?]{1,12}的(?:人(?![才员口民力])|代表|同志)|的(?:人|代表)(?:是谁|有谁|都有谁)"
                             # 「…代表是谁」 asks for a person; 「牵头单位是谁」 for an organisation.
                             r"|(?<!部门)(?<!单位)(?<!机关)(?<!机构)(?<!牵头)是谁[啊呀呢吗？?。!！]*$")),
    ("definition", re.compile(r"什么意思|是指什么|指的是什么|指什么|含义|内涵|定义|什么叫|何为|何谓"
                              # a quoted name asked after (「“四史”是指哪四个」, 「“三瘾”，这三瘾到底说的是啥」),
                              # not a thing of it (「“双减”政策的目标是什么」), nor when, who or which body
                              r"|[”」](?:[，,]?[这那][^。？?的，,]{0,4})?(?:到底|究竟|具体)?(?:说的是|指的是|讲的是|是指|指|是)"
                              r"(?:啥|什么(?!时候|时间|部门|单位|人)|[哪那](?:[些几]|[两二三四五六七八九十]+)(?!个?部门|个?单位))"
                              # a motto asked by its count of characters: 「是哪十六个字」, 「八字方针是啥」
                              rf"|{MOTTO_ASKED.pattern}")),
    # What citizens ask of any office, and a gazette seldom states: contact details and prices.
    # 「热线号码」 asks for a contact; 「这条热线要建成什么样」 asks about the hotline as a service.
    ("contact", re.compile(r"电话|热线(?:号码|是多少|多少|怎么打|怎么联系)|联系方式|号码是|地址|网址|网站|邮箱"
                           r"|邮编|邮政编码")),
    ("price", re.compile(r"多少钱|几块钱|多少元|费用是?多少|收费标准|怎么收费?|票价|学费|罚款多少|罚多少"
                         r"|工资标准|(?:补贴|奖补|奖励|补助|资助)(?:资金)?标准")),
    # 「应急保障组具体负责什么」, 「负责哪些工作」 ask what a body does, not who does a thing.
    ("list", re.compile(rf"^(?!.*{_ASKS_WHO_DOES}).*负责(?:干|做|办)?(?:哪些|哪几)(?!个?部门|个?单位)")),
    ("general", re.compile(rf"^(?!.*{_ASKS_WHO_DOES}).*负责(?:干|做|办)?什么(?!部门|单位|人)")),
    # 「责任单位为何」: a post of a plan's task (责任单位, 牵头部门) asked after, formally or not.
    # 负责, 牵头, 主管 ask who, unless a count is asked after them (「调整回原行业主管部门的事项有多少项」)
    ("who", re.compile(r"谁|哪个部门|哪些部门|哪个单位|哪些单位|什么部门|归哪|由哪(?!几)"
                       r"|(?:负责|牵头|主管)(?![^，,。？?]*(?:多少|几[个项条所家座次类种批]))"
                       r"|何(?:部门|单位|机关|机构)|(?:责任|主责|配合|实施|承办)(?:单位|部门|机关|主体)(?:为何|为|是|有)")),
    ("date", re.compile(rf"什么时候|什么时间|何时|哪一?天|{WHICH_YEAR}|几月|几号|期限|截止|之前|多久"
                        r"|时限|几天|多少天"
                        r"|几个工作日|多长时间"
                        r"|时间(?:是|为)?(?:多少|几点|什么)?[？?]?$|时间为何|起止(?:时间|日期)")),
    # 「哪几处」, 「哪几个县」 ask which ones (a list), not how many; 「好几个部门」, 「早几年」,
    # 「这几项」 say a few (see ``INDEFINITE``). 「一年查几次」, 「分几级」: a count in its measure word.
    # 「股改企业数」: a count typed as the thing counted and 数 (not 本数, 多数, 指数 …).
    ("number", re.compile(rf"多少|(?<![哪{INDEFINITE}])几[个项所家条人年次级类种批户座处]|比例|百分之|%|目标是"
                          rf"|数量|规模|{_COUNT_ASKED.pattern}|(?<=[\u4e00-\u9fff])(?<![本多少无半指系参分倍函变算有])数[？?。!！]*$"
                          # 「2022年游客接待量」: a search-box query that is a quantity's noun (not 质量, 力量)
                          r"|^[\u4e00-\u9fff\d]{2,16}(?<![质力考商思胆酒音衡测能])量[？?。!！]*$")),
    ("list", re.compile(r"哪些|哪几|有什么|包括|包含|都有|措施|任务")),
]

# What only a document's card states.
_DOC_CARD = re.compile(r"文号|印发|签发|发布|发文")


def document_kinds(text: str) -> list[str]:
    """The kinds of document ``text`` names (方案, 规划, 通知 …; 文件 names no kind)."""
    return [word for word in DOC_WORDS if word != "文件" and word in text]


def is_smalltalk(question: str) -> bool:
    q = question.strip()
    return bool(_GREETING.match(q) or _ABOUT_BOT.match(q))


def strip_frame(question: str) -> str:
    """The question without the words that only frame it (「应急预案什么时间开始施行」 → 应急预案 施行)."""
    return _FRAME.sub(" ", question)


def without_slot_nouns(words: dict[str, float], slot: str) -> dict[str, float]:
    """``words`` without the nouns that only name the ``slot`` asked (see ``SLOT_NOUNS``)."""
    naming = SLOT_NOUNS.get(slot, frozenset())
    return {w: v for w, v in words.items() if w not in naming}


def measure_asked(question: str) -> str | None:
    """The measure word or unit a count is asked in (「几天办结」 → 天, 「多少公里」 → 公里; 「投资多少」,
    a sum of money, → 万元, which 亿元 states as well; 「全长多少」 → 公里), if any."""
    m = _MEASURE_ASKED.search(question) or _COUNT_ASKED.search(question)
    if m:
        return m.group(1)
    if _LENGTH_ASKED.search(question):
        return "公里"
    return "万元" if _MONEY_ASKED.search(question) or _MONEY_NAMED.match(question) else None


# Colloquial interrogatives read as the written ones the rules name (「有啥小吃」 asks as 「有什么」 does).
_COLLOQUIAL_ASKING = (("啥", "什么"), ("咋", "怎么"))


def question_kind(question: str) -> Kind:
    # A quoted name is what is asked about, not how: its words (热线) ask for nothing.
    question = QUOTED_NAME.sub("“”", question)
    for spoken, written in _COLLOQUIAL_ASKING:
        question = question.replace(spoken, written)
    for kind, pattern in _KIND_RULES:
        if kind == "doc" and PLACED_PART.search(question) and not _DOC_CARD.search(question):
            continue  # 「第五章主要讲什么」: what a part says, not the document's card
        if pattern.search(question):
            return kind
    return "general"


# 「这个规划」, 「该通知」, 「它的」: a document the conversation is about, pointed at.
DOC_REFERENCE = re.compile(r"(?:这个|这份|这项|这一|该|此|本|上述|它的?|这)\s*(" + "|".join(DOC_WORDS) + ")")
# 「教育规划」, 「地下水方案」: a subject and a kind of document that is no common word of its own
# (办法, 意见 and 决定 are: 「有什么办法」), and not a part of an office's name (城乡规划局).
_NAMED_KINDS = "行动方案|规划|方案|预案|批复|通知"
_NAMED_DOCUMENT = re.compile(rf"(?<!什么)(?<!哪些)[\u4e00-\u9fff]{{2}}(?:{_NAMED_KINDS})(?![局院所处厅委室])")
# Where a question names a document: after the words that only ask (请问, 想了解一下, 关于).
_NAMED_SPAN = re.compile(r"(?:请问|我?想?(?:问问?|了解|知道|咨询|看看)(?:一下)?|问一?下|那么?|另外|还有|关于|对于|在)*"
                         rf"([\u4e00-\u9fff]{{2,12}}?(?:{_NAMED_KINDS}))")


def names_other_document(text: str, title: str) -> bool:
    """「文旅发展规划提出的空间发展格局是啥」 after an answer from the education plan: the question
    names a document by its subject, and that name does not shorten ``title``."""
    if not title or not names_document_by_subject(text):
        return False
    return not any(abbreviates(m.group(1), title) for m in _NAMED_SPAN.finditer(text))


_MIN_NAMED_SUBJECT = 4  # 「西山县成片开发方案」 names a document; 「看了批复」 names none


def names_kind_before(text: str, kind: str) -> bool:
    """Whether ``text`` names a document of ``kind`` by its subject (「西山县成片开发方案」): what a
    later 「这个方案」 in the same message points to."""
    return any(name.endswith(kind) and len(name) - len(kind) >= _MIN_NAMED_SUBJECT and "了" not in name
               for name in (m.group(1) for m in _NAMED_SPAN.finditer(text)))


def names_document_by_subject(text: str) -> bool:
    """「教育规划第五章讲啥」 names a document by what it is about and its kind (教育规划), not the
    last answer's list; a kind alone (「规划里说…」) or after a demonstrative (「这个规划第三条」)
    points back instead."""
    return bool(_NAMED_DOCUMENT.search(text)) and not DOC_REFERENCE.search(text)
