"""Question analysis, evidence features, the decision and the lead sentence: small inputs, no index."""

import pytest

from assistant.analysis import analyse, normalise, script_of, without_background
from assistant.evidence import CharPairs, Weights, coverage, decide, dense_feature, holds_slot, logistic, pairs
from assistant.questions import is_smalltalk


@pytest.mark.parametrize("question, script", [
    ("公平競爭審查由誰來審", "traditional"),
    ("公平竞争审查由谁来审", "simplified"),
    ("Who is responsible for groundwater assessment?", "english"),
    ("G55高速", "simplified"),
])
def test_script(question, script):
    assert script_of(question) == script


def test_normalise_converts_and_drops_the_lead_in():
    assert normalise("公平競爭審查由誰來審") == "公平竞争审查由谁来审"
    assert normalise("我想问一下哈，就是地下水压采归谁管，谢谢") == "地下水压采归谁管"
    assert normalise("请问：导游证找哪个部门") == "导游证找哪个部门"
    assert normalise("２０个工作日") == "20个工作日"  # full-width digits are made plain


def test_background_clauses_are_not_the_question():
    text = "我在朔州做房产中介，客户经常问办不动产登记要多久"
    assert without_background(text) == "客户经常问办不动产登记要多久"
    # A clause about the asker that asks something stays.
    assert without_background("我们县的压减目标是多少") == "我们县的压减目标是多少"
    # what the asker means to do with the answer is background too; what they want to know is not
    assert without_background("这个批复的文号是多少，我想去政府网站上查原文。") == "这个批复的文号是多少，"
    assert without_background("我想知道文号是多少") == "我想知道文号是多少"
    assert without_background("我要申请开办民办学校，需要什么条件") == "我要申请开办民办学校，需要什么条件"


@pytest.mark.parametrize("question, kind, slot", [
    ("这方案是那天印发的", "doc", "document"),  # 那天 for 哪天
    ("该规划由市人民政府于何日印发？", "doc", "document"),
    ("谁负责地下水压采考核", "who", "organisation"),
    ("市政府教育督导委员会主任是谁", "personnel", "person"),
    ("督导委员会里残联的代表是谁？", "personnel", "person"),  # 「是谁」 asks for a person…
    ("地下水压采的牵头单位是谁", "who", "organisation"),  # …unless it asks for a unit
    ("网络货运平台审批要几天", "date", "date"),
    ("应县要压减多少地下水", "number", "amount"),
    ("朔政办发〔2022〕27号是什么文件", "doc", "document"),
    ("文旅规划里有啥地方小吃啊？", "list", "list"),  # 啥 asks as 什么 does
    ("价格与工商业同价一项，责任单位为何？", "who", "organisation"),  # the formal 「…为何」
    ("该事项由何部门实施", "who", "organisation"),
    ("应急预案由哪几部分组成", "list", "list"),  # 由哪几 asks for parts, not who
    ("这个通知是谁印发的", "doc", "document"),
    ("货运那个方案是哪个部门发的", "doc", "document"),
    ("督导委员会里有没有卫健委的人", "personnel", "person"),  # a member from a unit
    ("应急保障组具体负责什么", "general", "statement"),  # what a body does, not who does a thing
    ("专班主要负责哪些工作", "list", "list"),
    ("谁负责什么", "who", "organisation"),
    ("什么部门负责哪些工作", "who", "organisation"),
    ("排污许可证由哪个部门核发的", "who", "organisation"),  # 核发 is no issuing of a document
    ("有没有针对残疾人的人才政策", "general", "statement"),  # 的人才 is no member
    ("专班里公安局的代表是谁", "personnel", "person"),
    ("地下水方案是以哪个机关的名义印发的", "doc", "document"),
    ("好几个部门咋协调解决", "general", "statement"),  # 好几个 is several, no count asked
    ("之前那个通知是几号文", "doc", "document"),
    ("系依据省政府哪一文件精神", "doc", "document"),
    ("副主任有哪几位", "personnel", "person"),  # persons asked by their post, not a list of things
    ("预警信息由谁发布", "who", "organisation"),  # 发布 is not only a document's
    ("第五章主要讲什么", "general", "statement"),
    ("教育规划第五章讲啥", "general", "statement"),  # a part's content, not the document card
    ("该通知的成文日期为何时？", "doc", "document"),  # the date it was signed: the card's
    ("这批复是啥时候下的？", "doc", "document"),
    ("成片开发方案是哪天批复的？", "doc", "document"),  # the day of the reply: the reply's date
    ("补偿款什么时候发到手", "date", "date"),  # money is paid out (发), not a document
    ("旅游业哪年发展成支柱产业", "date", "date"),  # 发展 is no 发 of a document
    ("前几年划转的事项现在该怎么办", "general", "statement"),  # 前几年: a few years ago, no count
    ("“一条热线管便民”这条热线要建成什么样", "general", "statement"),  # a quoted name asks nothing
    ("12345热线号码是多少", "contact", "contact"),
    ("“三无”“三可”营商环境的内涵是什么", "definition", "definition"),
    # where the issue prints a document: its card (not where a thing is written in it)
    ("北山行动方案在第几页。", "doc", "document"),
    ("西山县的批复印在公报哪几页", "doc", "document"),
    ("麻烦告诉我它的文号，以及在这期公报的第几页", "doc", "document"),
    ("东山专班 页码", "doc", "document"),
    ("特殊教育写在哪一页", "general", "statement"),
    ("北山规划在这期公报里大概占了哪几页？我只想打印这一部分", "doc", "document"),
    ("本期公报中，东山规划的印发通知自第几页起刊载？", "doc", "document"),
    ("西山专班的通知，是公开发布的吗？", "doc", "document"),
    ("东山应急预案是从什么时候开始施行的？", "doc", "document"),  # in force: the card and its sentence
    ("西山县成片开发那个批复是哪天批的？", "doc", "document"),
    ("零成本是在哪个文建里提的", "doc", "document"),  # 文建 for 文件
    ("调整回原行业主管部门实施的事项有多少项", "number", "amount"),  # 主管 in what is counted asks no one
])
def test_kind_and_slot(question, kind, slot):
    a = analyse(question)
    assert (a.kind, a.slot) == (kind, slot)


@pytest.mark.parametrize("question, polar", [
    ("方案批准以后可以随便调整吗", True), ("是否由市指挥办主任直接启动", True), ("小学一二年级还考不考书面试卷啊？", True),
    ("Is the school bus permit still handled by the bureau?", True),
    ("谁负责地下水压采考核", False), ("什么时候报吗", False),  # asks for a thing, however it ends
])
def test_a_question_that_asks_whether(question, polar):
    assert analyse(question).polar is polar


def test_role_and_measure():
    assert analyse("专班办公室主任是谁").role == "办公室主任"
    assert analyse("前期工作组组长是哪两位？").role == "组长"  # a post asked for two holders
    assert analyse("用地保障组副组长分别由何人担任").kind == "personnel"
    # 「哪几…」 asks which ones, 「哪几年」 when.
    assert (analyse("二级旅游集散中心设在哪几处").kind, analyse("第二阶段是哪几年").kind) == ("list", "date")
    assert analyse("办结要几天").measure == "天"
    # A unit of measure after 多少 is the measure, longest first.
    assert analyse("应繁高速全长多少公里").measure == "公里"
    assert analyse("接待游客多少万人次").measure == "万人次"
    # A measure word and 数 names a count: 「目标户数」 asks how many 户; 数据 and 分数 count nothing.
    assert (analyse("市场主体目标户数").kind, analyse("市场主体目标户数").measure) == ("number", "户")
    assert analyse("数据共享平台").kind != "number" and analyse("中考分数线").measure is None
    # the thing counted and 数, typed as the whole question: a count; 本数 and 多数 count nothing
    assert analyse("股改企业数").kind == "number" and analyse("“以上”含不含本数").kind != "number"
    assert analyse("说话算数").kind != "number"
    assert analyse("申报人数有哪些要求").kind == "list"  # it names a count, it asks for requirements
    assert analyse("每户人数超过5人的补助多少元").measure == "元"
    assert analyse("审批要几个工作日").measure == "工作日"


@pytest.mark.parametrize("message, smalltalk", [
    ("你好", True), ("你是谁？", True), ("怎么用", True), ("谢谢！", True),
    ("地下水压采考核结果如何使用", False), ("这个系统怎么用来查文号", False),
])
def test_only_a_whole_message_is_smalltalk(message, smalltalk):
    assert is_smalltalk(message) is smalltalk


def test_char_pairs_ignore_what_the_gazette_never_writes():
    index = CharPairs(["市水利局负责地下水压采", "市文旅局负责导游证核发"])
    weights = index.weights("地下水压菜咋样")  # 压菜 (a typo) and 咋样 are never written
    assert "地下" in weights and "咋样" not in weights and "压菜" not in weights
    assert coverage(weights, set(pairs("地下水压采"))) == 1.0
    assert coverage({"a": 1.0, "b": 1.0}, {"a"}, {"b"}) == 0.75  # placed words count half
    # a verb's aspect particle is no content: 「厕所建了几座」 is answered by 「新建…厕所」
    weights = CharPairs(["厕所建成", "新建厕所", "修建了"]).weights("厕所建了几座")
    assert "厕所" in weights and "所建" in weights and "建了" not in weights
    # An English phrase is covered by any one of the words it may stand for.
    assert coverage({("企业", "公司"): 2.0, ("审批",): 2.0}, {"公司"}) == 0.5


@pytest.mark.parametrize("text, slot, measure, held", [
    ("市水利局负责技术指导", "organisation", None, 1.0),
    ("加强技术指导", "organisation", None, 0.0),
    ("20个工作日内完成审批", "date", None, 1.0),
    ("大型商场营业时间延长至22:00", "date", None, 1.0),  # a time of day answers 「到几点」 too
    ("提出5点要求", "date", None, 0.0),  # a count of points, no hour
    ("比例尺1:50000", "date", None, 0.0),
    ("办结时限压减至0.5天", "amount", "天", 1.0),
    ("共有3项", "amount", "天", 0.5),
    ("审批时限压缩至20个工作日", "amount", "工作日", 1.0),
    ("全市共有幼儿园294所", "amount", "公里", 0.5),  # a number, but not in the unit asked
    ("清凉山景区、崇福寺、应县木塔", "list", None, 1.0),
    ("一、同意你县所报的方案", "list", None, 0.0),  # an item's number lists nothing
    ("注重保护耕地，注重维护农民合法权益，注重节约集约用地", "list", None, 1.0),  # the verb repeated
    ("建设期限：2022-2025", "date", None, 1.0),  # a span of years
    ("挖掘长城文化、生态资源、避暑环境“三大优势”", "definition", None, 1.0),  # things listed, then their name
    ("创办“三无”“三可”营商环境建设专刊", "definition", None, 0.0),
    ("到“十四五”末基本建成", "date", None, 1.0),
    ("第63项 砍伐城市树木审批：事项类型：行政许可", "amount", "项", 0.0),  # an ordinal counts nothing
    # a table cell that is a number alone: the unit is in the column's header
])
def test_holds_slot(text, slot, measure, held):
    assert holds_slot(text, slot, measure) == held


def test_a_number_alone_in_a_table_cell_is_an_amount_in_the_headers_unit():
    row = "职业教育：指标：职业能力训练基地总量；2020年：32；“十四五”目标：45"
    assert holds_slot(row, "amount", "个", row=True) == 1.0
    assert holds_slot(row, "amount", "个") == 0.5  # the same words in a sentence: a number, unit unknown
    assert holds_slot("热线电话：12345", "amount", "公里") == 0.5  # no table: no cell


def test_a_member_of_the_unit_asked_holds_the_answer_not_the_lists_label():
    asked = "教育督导委员会里市财政局的成员是谁"
    member = holds_slot("孟锋 市财政局副局长", "person", role="成员", question=asked)
    label = holds_slot("成员：李刚 市委组织部副部长", "person", role="成员", question=asked)
    assert member == 0.75 and label == 0.5  # a member line of any unit is still half of it
    # asked for the members of the body itself, the list's 「成员：」 line answers
    assert holds_slot("成员：李刚 市委组织部副部长", "person", role="成员",
                      question="市政府教育督导委员会的成员都有谁") == 1.0
    assert holds_slot("成员：李刚 市委组织部副部长", "person", role="成员", question="市安委会的成员有哪些") == 1.0


def test_how_often_is_held_by_an_interval_only_when_asked():
    assert holds_slot("市场监管部门每年牵头组织一次政策措施抽查", "date", question="抽查多久一次") == 1.0
    assert holds_slot("市场监管部门每年牵头组织一次政策措施抽查", "date", question="抽查什么时候开始") == 0.0
    assert holds_slot("定期组织应急演练", "date", question="演练多久一次") == 0.0  # 定期 states no interval


def test_person_slot_needs_the_post_asked():
    assert holds_slot("主任：田东 市委常委、副市长", "person", role="主任") == 1.0
    assert holds_slot("办公室主任由市教育局局长兼任", "person", role="主任") == 0.0  # the office's, not the committee's


def test_decision_thresholds():
    weights = Weights(unit={}, answerable={"bias": -2.0, "lexical": 4.0}, answer_at=0.6, on_topic_at=0.2)
    assert decide({"lexical": 1.0}, weights).confidence == "high"
    assert decide({"lexical": 0.3}, weights).confidence == "low"  # p ≈ 0.31
    assert decide({"lexical": 0.0}, weights).confidence == "none"
    assert logistic({"bias": 0.0}, {}) == 0.5
    # Most of the question's words in one passage: on topic, however unlikely an answer is.
    unlikely = Weights(unit={}, answerable={"bias": -6.0, "slot": 4.0}, answer_at=0.6, on_topic_at=0.2)
    assert decide({"lexical": 0.8, "slot": 0.0}, unlikely).confidence == "low"
    assert decide({"lexical": 0.8, "slot": 0.0, "unknown": 1.0}, unlikely).confidence == "none"
    assert decide({"lexical": 0.5, "slot": 0.0}, unlikely).confidence == "none"


def test_dense_feature_spreads_the_cosine_range():
    assert dense_feature(0.5) == 0.0 and dense_feature(0.99) == 1.0 and 0.4 < dense_feature(0.85) < 0.6


def test_shipped_weights_name_every_feature():
    from assistant.evidence import QUESTION_FEATURES, UNIT_FEATURES, default_weights

    weights = default_weights()
    assert set(weights.unit) == {"bias", *UNIT_FEATURES}
    assert set(weights.answerable) == {"bias", *QUESTION_FEATURES}
    assert 0 < weights.on_topic_at < weights.answer_at < 1


@pytest.mark.parametrize("question, slots", [
    ("我们县的年度计划应该什么时候之前报给谁", ("organisation", "date")),
    ("哪个部门负责，几个工作日内办完", ("organisation", "date")),
    ("导游证核发之前归哪个部门", ("organisation", None)),  # 「之前」 asks for no date
    ("网络货运平台审批要多久", ("date", None)),
])
def test_a_question_may_ask_for_two_slots(question, slots):
    a = analyse(question)
    assert (a.slot, a.second_slot) == slots


def test_a_member_whose_unit_the_question_names_fills_a_person_slot_without_a_post():
    assert holds_slot("王彦俐 市残联副理事长", "person", question="督导委员会里残联的代表是谁") == 0.75
    assert holds_slot("李刚 市委组织部副部长", "person", question="督导委员会里残联的代表是谁") == 0.5
    # With a post asked, only the holder of that post fills it.
    assert holds_slot("王彦俐 市残联副理事长", "person", role="主任", question="残联主任是谁") == 0.5


def test_an_english_question_is_read_from_its_own_words_not_its_glosses():
    written = "Can the price of groundwater be set lower than that of diverted Yellow River water?"
    glossed = f"{written} 多少钱 价格 地下水 降低 减少 压低 分流 河水 黄河 外调 水价 设定 规定 设置"
    assert not analyse(glossed).polar  # read with its glosses, it would ask 多少
    analysis = analyse(glossed, written)
    assert analysis.is_english
    assert analysis.polar  # 「Can …?」 asks whether; the glosses' 多少 does not make it ask an amount


def test_a_unit_of_measure_asked_in_is_stated_with_an_amount():
    from assistant.evidence import lacks_asked_form
    assert lacks_asked_form("奖励多少万元", "万元", "对品牌企业给予奖励，推动多元化发展")  # 元 in 多元 is no amount
    assert not lacks_asked_form("投资多少万元", "万元", "总投资1.2亿元")  # 亿元 states it
    assert not lacks_asked_form("压减多少万立方米", "万立方米", "压减目标和年度计划表（单位：万立方米）应县：220")
    assert not lacks_asked_form("多少千瓦以下", "千瓦", "160KW及以下") and not lacks_asked_form("几个月", "个月", "6个月内")
    assert lacks_asked_form("办公室设在哪个部门", None, "成立领导小组及其办公室")
    assert not lacks_asked_form("办公室设在哪个部门", None, "专班办公室设在市市场监管局")


def test_quoted_names_in_any_quotation_marks():
    from corpus.text import quoted_names
    assert quoted_names("规划里“一核”和「两带」，还有\"三龙头\"") == ["一核", "两带", "三龙头"]
    assert quoted_names("没有引号的问题") == []


@pytest.mark.parametrize("question", ["教育规划里提到的“四史”是指哪四个历史？", "学校说要管好“三瘾”，这三瘾到底说的是啥？",
                                      "治水思路是哪十六个字？", "六字要诀是啥"])
def test_a_quoted_name_or_a_motto_by_its_characters_is_asked_to_be_defined(question):
    assert analyse(question).kind == "definition"


@pytest.mark.parametrize("question", ["“十四五”规划是什么时候印发的", "“一网通办”是哪个部门牵头"])
def test_a_quoted_name_asked_when_or_who_is_no_definition(question):
    assert analyse(question).kind != "definition"


def test_sentences_that_tell_set_no_kind():
    from assistant.analysis import asked_sentences
    message = "有几项事项已经划到我们局，可其中一项不适合。想把它退回，需要什么程序？"
    assert asked_sentences(message) == "想把它退回，需要什么程序？"
    assert analyse(message).kind != "number"  # 几项 told of a few items
    assert asked_sentences("应县压减目标是多少。山阴县呢？") == "应县压减目标是多少。山阴县呢？"  # both ask


def test_what_a_unit_must_hold_for_a_motto_or_a_list_summed_up_by_a_quoted_count():
    assert holds_slot("坚持“节水优先、空间均衡、系统治理、两手发力”的治水思路", "statement", question="是哪十六个字") == 1.0
    assert holds_slot("按照“用足黄河水、用好地表水”的思路", "statement", question="是哪十六个字") == 0.0
    assert holds_slot("关注网瘾、游戏瘾和手机瘾“三瘾”管理和引导", "definition") == 1.0
    assert holds_slot("编制“十四五”规划", "definition") == 0.0


def test_an_english_ordinal_is_no_code():
    from assistant.identifiers import IDENTIFIER
    assert not IDENTIFIER.fullmatch("14th") and not IDENTIFIER.fullmatch("2nd")
    assert all(IDENTIFIER.fullmatch(t) for t in ("5a", "g55", "2023", "4a"))



def test_a_county_asked_about_must_be_named_by_the_answer():
    from assistant.identifiers import NamedThings
    answerer = NamedThings(None, None, lambda text: [p for p in ("平谷区", "西山县") if p in text])  # type: ignore[arg-type]
    asked = analyse("平谷区的地下水压减目标是多少")
    assert answerer.lacks_place(asked, "到2025年全市累计压减地下水开采量1490万立方米")
    assert not answerer.lacks_place(asked, "第2项 平谷：压减目标：480万立方米")
    assert not answerer.lacks_place(analyse("全市的压减目标是多少"), "全市累计压减1490万立方米")


def test_review_edge_cases_of_the_blind_round_rules():
    from assistant.evidence import organisations_in
    assert analyse("；。这个规划什么时候印发的？").kind == "doc"  # a sentence of punctuation alone
    assert analyse("申请表在哪写？").text == "申请表在哪写?"  # 哪写 is no slip here
    assert analyse("专班组长使谁").kind == "personnel"
    for question in ("“十四五”期间重点项目是哪些", "“一网通办”的办理地点是什么", "“双减”政策的目标是什么"):
        assert analyse(question).kind != "definition"
    assert holds_slot("深化改革、推进“一网通办”", "definition") == 0.0  # the count counts nothing listed
    assert holds_slot("围绕党史、新中国史、改革开放史和社会主义发展史“四史”", "definition") == 1.0
    assert holds_slot("项目投资500万元", "amount", question="申请书写500字够吗") == 1.0  # no motto asked
    assert organisations_in("收费政策由西山高速公路管理有限公司负责") == ["西山高速公路管理有限公司"]
    assert organisations_in("市水利局：负责全市地下水管理") == ["市水利局"]


def test_an_english_question_after_a_clause_that_sets_the_case_asks_whether():
    question = "When a driver has an invoice issued, is income tax still collected?"
    assert analyse(f"{question} 发票 所得税", question).polar
    assert not analyse("When is income tax collected? 什么时候 所得税", "When is income tax collected?").polar
    assert not analyse("When was it issued, and who signed it? 什么时候", "When was it issued, and who signed it?").polar
    assert analyse("If a driver has an invoice, was tax collected? 所得税", "If a driver has an invoice, was tax collected?").polar
    # 「when」 after a subject opens a clause of the case, anywhere in the question
    question = "Will drivers have tax withheld when they get invoices issued?"
    assert analyse(f"{question} 所得税", question).polar


def test_asking_where_in_a_document_a_thing_is_written():
    from assistant.questions import ASKS_WHICH_PART

    asks = ASKS_WHICH_PART.search
    assert asks("文旅规划里讲文旅IP那块是哪一部分？") and asks("教育规划哪一章讲特殊教育")
    assert asks("Which boxed column of the plan lists the night food streets?")
    # the parts themselves (「分哪几部分」), a part by its place, or several sections are not asked so
    assert not asks("规划分哪几部分") and not asks("第五章讲啥") and not asks("Which sections of society gain?")
    assert not asks("“文化休闲旅游片区”是哪块地方啊？")  # which place, not which part of the plan
    assert not asks("In the notice, what is Part Two about?")  # a part by its place
    assert not asks("项目哪个节点完成") and not asks("哪块区域划为禁养区")  # a milestone, a place
    assert not asks("Which section of the expressway opens first?") and not asks("What part does it play?")


def test_a_sum_of_money_is_asked_in_yuan_of_any_magnitude():
    from assistant.evidence import holds_slot
    from assistant.questions import measure_asked

    assert measure_asked("那某某小镇呢，投资多少？") == "万元"
    assert measure_asked("投资多少个项目") == "项"  # a count of projects, not money
    assert measure_asked("某高速总投资") == "万元"  # a search-box query ends with what it asks
    assert measure_asked("加大投资力度的措施") is None
    assert holds_slot("项目总投资4.2亿元", "amount", "万元") == 1.0
    assert holds_slot("一期规划占地 100 亩", "amount", "万元") == 0.5


def test_a_search_box_query_names_its_slot_with_a_noun():
    from assistant.evidence import lacks_asked_form
    from assistant.questions import SLOT_NOUNS, measure_asked

    # 「…数量」 is answered by the count, 「…日期」 by the date: the noun names the slot, not the subject
    assert analyse("高中阶段学校数量").slot == "amount" and "数量" in SLOT_NOUNS["amount"]
    assert analyse("项目的开工日期是什么时候").slot == "date" and "日期" in SLOT_NOUNS["date"]
    # a quantity typed as its noun is a count; 质量 and 力量 are none
    assert analyse("2022年游客接待量").kind == "number" and analyse("地下水开采量").kind == "number"
    assert analyse("教学质量").kind != "number" and analyse("传播正能量").kind != "number"
    # a length asked by its noun is stated in 公里
    assert measure_asked("应繁高速全长多少") == "公里" and measure_asked("这条路的里程") == "公里"
    assert not lacks_asked_form("隧道全长多少", "公里", "隧道全长1200米")  # a length in 米 is a length
    # a query that ends with a post asks who holds it; 增长 and 全长 are no posts
    assert analyse("教育督导委员会秘书长").kind == "personnel" and analyse("某派出所所长").kind == "personnel"
    assert analyse("旅游收入增长").kind != "personnel" and analyse("应繁高速全长").kind != "personnel"
    # a subsidy's standard asks for a price, as 收费标准 does
    assert analyse("网络货运奖补标准").kind == "price" and analyse("评价标准").kind != "price"


def test_a_figure_stated_for_other_years_does_not_say_what_the_year_asked_held():
    from assistant.identifiers import NamedThings

    asked = analyse("2022年游客接待量")
    assert NamedThings.states_other_years(asked, "接待游客量从2016年的1717万人次增长到2019年的3538.2万人次")
    assert not NamedThings.states_other_years(asked, "年度压减计划：2021年90、2022年50")
    assert not NamedThings.states_other_years(asked, "2021—2025年累计压减1490万立方米")  # a span covers it
    assert not NamedThings.states_other_years(asked, "全市共有高中阶段学校47所")  # no year stated
    # only a count is asked for a year: 「2022年的方案由谁负责」 names the document's year
    assert not NamedThings.states_other_years(analyse("2022年的行动方案谁负责"), "到2025年压减1490万立方米")
    # a year that names the document is not the year the count is asked for
    assert not NamedThings.states_other_years(analyse("2022年行动方案中学校数量目标是多少"), "到2025年学校达到50所")


def test_an_items_own_number_counts_nothing():
    assert holds_slot("2. 确保网络货运平台企业用电价格与工商业同价。", "amount") == 0.0
    assert holds_slot("（2）全市共有高中阶段学校47所", "amount") == 1.0
    assert holds_slot("第3项 山阴县：压减目标：170万立方米", "amount") == 1.0
    assert holds_slot("3. 网络货运企业要积极主动承运当地工矿企业货物", "amount") == 0.0


def test_papers_steps_or_a_year_asked_for_as_such_must_be_stated():
    from assistant.evidence import lacks_asked_form

    row = "第126项 取水许可：事项类型：行政许可；划转部门：市水利局"
    assert lacks_asked_form("想办取水许可，要交哪些材料啊？", None, row)
    assert lacks_asked_form("教师资格认定的申请步骤是什么", None, row)
    assert not lacks_asked_form("要交哪些材料", None, "申请人应当提交营业执照复印件")
    # steps are stated as steps, not by any 后 (此后, 最后一公里) in the passage
    assert lacks_asked_form("办理流程怎么走", None, "此后由市行政审批服务管理局实施")
    assert not lacks_asked_form("申请步骤是什么", None, "首先提交申请，然后现场核验")


def test_a_year_or_a_number_of_years_asked_for_must_be_in_the_units_own_words():
    from assistant.evidence import lacks_stated_year

    assert lacks_stated_year("交响乐团是哪一年成立的", "“十三五”期间，组建成立了交响乐团")
    assert not lacks_stated_year("哪一年开工", "确保项目于2023年一季度开工建设")
    assert not lacks_stated_year("建设期限是哪几年", "建设期限：2019-2023")
    assert analyse("交响乐团是那一年成立的？").slot == "date"  # 那 for 哪
    # how many years: a year of the calendar does not say; a count or a span of years does
    assert lacks_stated_year("方案的实施期限是几年", "同意你县所报的《2021年成片开发方案》")
    assert not lacks_stated_year("方案的实施期限是几年", "规划期为2021—2025年")
    assert not lacks_stated_year("几年内完成", "用三年时间完成")
    assert not lacks_stated_year("孩子过几年要上初中，乡镇学位达到多少个", "乡镇初中学位达到3.5万个")
    assert analyse("专项行动的起止时间为何？").slot == "date"
