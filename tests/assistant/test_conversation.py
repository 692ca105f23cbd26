"""Follow-up decisions: unit tests of the rules with a stand-in probe, then the real service."""

import pytest

from assistant.continuation import ALL_LISTED_LEAD, CONTINUATION_LEAD
from assistant.conversation import (
    FollowupResolver,
    Turn,
    as_turns,
    choice_lines,
    nth_item,
    reference_of,
)
from assistant.listed import lists_items
from assistant.pointing import body_answered, name_pointed, statement_pointed, subject_pointed
from assistant.swaps import row_field, swap_entity, swap_head, swap_head_en, swap_sibling

GROUPS = ("事发地县（市、区）长现场指挥部下设综合协调组、抢险救援组、医学救护组、应急保障组、社会稳定组、"
          "宣传报道组、人员安置组、专家指导组8个应急工作组[1]。")


@pytest.mark.parametrize("question, kind, core", [
    ("那应县呢？", "entity_swap", "应县"),
    ("And the tax bureau?", "entity_swap", "the tax bureau"),
    ("还有吗？", "more", ""),
    ("第三个组是谁牵头？", "ordinal", "是谁牵头？"),
    ("这个通知的文号是多少？", "document", "的文号是多少？"),
    ("它的组成人员要是有变动咋办？", "document", "组成人员要是有变动咋办？"),
    ("这条是哪个部门负责落实？", "document", "是哪个部门负责落实？"),
    ("最后那条说的是啥思路？", "ordinal", "说的是啥思路？"),
    ("When did the first one start enrolling students?", "ordinal", "When did start enrolling students?"),
    ("这项工作什么时候完成", "document", "这项工作什么时候完成"),
    # Only what a document card states, of no document named: the one the conversation is about.
    ("文号？", "document", "文号？"),
    ("谁印发的", "document", "谁印发的"),
    ("是哪个文件？", "document", "是哪个文件？"),
    ("这个通知那天发的", "document", "那天发的"),  # 那天 is 哪天 mistyped, not a lead-in
    ("第五节具体要干啥", "ordinal", "具体要干啥"),
    # an ellipsis that opens a longer message
    ("那应县呢？我有亲戚在那边，也想知道用什么水源。", "entity_swap", "应县"),
    ("西山县呢？咋感觉也挺多", "entity_swap", "西山县"),
    # the previous question asked again (又) of another thing
    ("普通高中方面又如何规定？", "entity_swap", "普通高中"),
    ("那它又是什么", "document", "又是什么"),  # a pronoun is no thing to swap in
    # a demonstrative before what a plan is made of: 该项措施, 这一条里
    ("该项任务的责任单位有哪些？", "document", "该项任务的责任单位有哪些？"),
    ("这一条里对山西工学院定的啥目标？", "document", "这一条里对山西工学院定的啥目标？"),
])
def test_references_to_the_conversation(question, kind, core):
    ref = reference_of(question)
    assert ref is not None and ref.kind == kind and ref.core == core


@pytest.mark.parametrize("question", ["谁负责地下水压采考核", "其他部门负责什么", "该怎么申请", "另外我们厂每年报税挺麻烦的，纳税次数要压到几次？",
                                      "这条路修到哪里", "这个月有什么活动"])
def test_no_reference(question):
    assert reference_of(question) is None


def test_a_document_named_by_its_subject_is_another_one_unless_it_shortens_the_title():
    from assistant.questions import names_other_document

    title = "朔州市人民政府关于印发《朔州市“十四五”教育改革与发展规划》的通知"
    assert names_other_document("文旅发展规划提出的空间发展格局是啥？", title)
    assert not names_other_document("请问教育规划第五章讲啥", title)
    assert not names_other_document("这个规划里还说了啥", title)  # a reference, not a name
    assert not names_other_document("我想问问教育规划第五章讲啥", title)  # the asking words are no name
    assert not names_other_document("文旅发展规划讲啥", "")  # no title to compare with


def test_an_ordinal_of_a_noun_counts_in_the_enumeration_that_counts_itself_so():
    from assistant.conversation import _ordinal_noun

    answer = "根据突发事件的严重程度、可控性、救援难易程度和影响范围[1]。依据：根据突发事件的严重程度、可控性、" \
             "救援难易程度和影响范围，应急响应由低到高设定为三级、二级、一级三个等级[1]。"
    assert _ordinal_noun("其中第二个等级的启动条件是什么？") == "等级"
    assert nth_item(answer, 2, "等级") == "二级"
    assert nth_item(answer, 2, "措施") == nth_item(answer, 2)  # no list of 措施: as before


def test_ordinal_items_come_from_the_last_answer():
    assert nth_item(GROUPS, 1) == "综合协调组"
    assert nth_item(GROUPS, 3) == "医学救护组"  # 「县（市、区）」 is not a list
    assert nth_item(GROUPS, 8) == "专家指导组"
    assert nth_item("只有一句话[1]。", 2) is None
    # each cited claim of a list answer is an item; a 、 inside one is the item's own detail
    listed = "丰富供给项目包括：群众文化惠民工程[1]；“群星奖”作品推广[2]；打造特色化、优质化、品牌化公共服务工程[3]。"
    assert [nth_item(listed, n) for n in (1, 2, 3)] == ["群众文化惠民工程", "“群星奖”作品推广",
                                                        "打造特色化、优质化、品牌化公共服务工程"]
    assert lists_items(listed, 3) and not lists_items(listed, 4)
    assert not lists_items("市指挥办立即通知各成员单位[1]。启动条件：(3) 市指挥部认为应当启动的[2]。", 2)
    listed = "应开展先期处置：（1）抢救遇难、遇险人员；（2）保护现场；（3）对事件进行初期评估[1]。"
    assert nth_item(listed, 3) == "对事件进行初期评估" and nth_item(listed, -1) == "对事件进行初期评估"


@pytest.mark.parametrize(("core", "previous", "named"), [
    ("这个组具体负责干啥", "应繁高速那个工作专班，用地保障组主任是谁？", "用地保障组具体负责干啥"),
    ("这个组的组长是谁？", "应繁高速的前期工作组，立项批复啥时候完成？", "前期工作组的组长是谁？"),
    ("这个组主要管啥？", "排污许可归哪个部门？", "这个组主要管啥？"),  # nothing to name it by
    ("该局的职责是什么", "市文化和旅游局局长是谁", "市文化和旅游局的职责是什么"),
    ("它应该会在什么时候完成", "市安委会主任是谁", "它应该会在什么时候完成"),  # 应该 points at nothing
    ("这个组有哪些成员", "应繁高速工作专班组长是谁", "这个组有哪些成员"),  # 组长 names no group
    ("这个部门还负责哪些事项", "导游证核发现在归哪个部门", "这个部门还负责哪些事项"),  # a question, no name
])
def test_a_demonstrative_takes_the_name_the_previous_question_gave(core, previous, named):
    assert name_pointed(core, previous) == named


def test_an_ordinal_counts_the_lines_of_a_member_list_answered_as_one_claim():
    listed = "副组长：甲某 市政府办二级调研员；乙某 市委政法委副书记；丙 某 市市场监管局局长[1]。"
    assert nth_item(listed, 3) == "丙 某 市市场监管局局长" and nth_item(listed, 1) == "甲某 市政府办二级调研员"


def test_groups_of_a_task_force_swap_and_a_demonstrative_is_no_part_of_a_place():
    assert swap_entity("专班的前期工作组，组长是谁？", "用地保障组") == "专班的用地保障组，组长是谁？"
    assert swap_entity("专班下设哪几个工作组？", "用地保障组") is None  # a kind of group names none
    assert swap_entity("那东湖区2022年计划压减多少？", "西山县") == "那西山县2022年计划压减多少？"
    # a group's name starts at a boundary: not 「急指挥部综合协调组」 out of 「市应急指挥部综合协调组」
    assert swap_entity("市应急指挥部综合协调组负责什么", "用地保障组") is None
    assert swap_entity("领导小组办公室设在哪", "前期工作组") is None and swap_entity("推进兼并重组", "前期工作组") is None


def test_an_english_place_swaps_the_place_it_glosses_alike():
    from assistant.swaps import swap_place_en
    places = {"Yingxian": ["应县"], "Ying County": ["应县"], "Huairen": ["怀仁"], "Ying": ["应县"]}.get

    def places_of(text: str) -> list[str]:
        return places(text) or []
    previous = "What is Huairen's total target for cutting groundwater extraction?"
    assert swap_place_en(previous, "And Yingxian?", places_of) == (
        "What is Yingxian's total target for cutting groundwater extraction?")
    assert swap_place_en(previous, "What about Ying County?", places_of) == (
        "What is Ying County's total target for cutting groundwater extraction?")
    assert swap_place_en(previous, "And Huairen?", places_of) is None  # the same place
    assert swap_place_en("What is the total target?", "And Yingxian?", places_of) is None  # no place to swap


def test_an_english_phrase_swaps_the_phrase_with_its_head():
    previous = "In the plan, what area does the commerce and leisure tourism zone cover?"
    assert swap_head_en(previous, "the industrial experience tourism zone") == (
        "In the plan, what area does the industrial experience tourism zone cover?")
    assert swap_head_en("What is Huairen City's total reduction target?", "Ying County") == (
        "What is Ying County's total reduction target?")  # a place for a place
    assert swap_head_en("What is Ying County's (应县) target?", "Shanyin County") == (
        "What is Shanyin County's target?")  # the asker's Chinese for the old place goes with it
    assert swap_head_en("Which bureau interprets the city's groundwater action plan?",
                        "the one for the online freight action plan") == (
        "Which bureau interprets the city's online freight action plan?")
    assert swap_head_en("What are the conditions for a Level III response?", "for a Level II response — who decides?") == (
        "What are the conditions for a Level II response? who decides?")
    assert swap_head_en("What is the target for the preschool enrollment rate?", "special education") is None
    assert swap_head_en("What about the zone?", "the ones") is None
    assert swap_head_en("What area does the commerce zone cover?", "And industrial zone") == (
        "What area does the industrial zone cover?")  # 「And」 opens the ellipsis, no part of the name


def test_entity_swap_within_a_family():
    assert swap_entity("怀仁市要压减多少地下水", "应县") == "应县要压减多少地下水"
    assert swap_entity("2023年压减多少", "2025年") == "2025年压减多少"
    assert swap_entity("交通局在预案里负责什么", "卫健委") == "卫健委在预案里负责什么"  # a short office name
    assert swap_entity("我想问问卫健委负责什么", "发改委") == "我想问问发改委负责什么"  # not 问卫健委
    assert swap_entity("督导委员会里有没有卫健委的人", "发改委") == "督导委员会里有没有发改委的人"  # the same kind
    assert swap_entity("怀仁市要压减多少地下水", "排污许可") is None
    # grades of an emergency and stages of schooling swap when the core is nothing else
    assert swap_entity("文旅突发事件里，死几个人算较大事件？", "重大") == "文旅突发事件里，死几个人算重大事件？"
    assert swap_entity("文旅突发事件里，死几个人算较大事件？", "重大事件") == "文旅突发事件里，死几个人算重大事件？"
    assert swap_entity("教育规划里，初中阶段的德育重点放在啥上面？", "小学") == "教育规划里，小学的德育重点放在啥上面？"
    assert swap_entity("全市义务教育学校几所？", "高中阶段") == "全市高中阶段学校几所？"
    assert swap_entity("特殊教育的入学率是多少", "九年义务教育的巩固率") is None  # another measure too
    assert swap_entity("提高中小学教师待遇", "幼儿园") == "提高幼儿园教师待遇"  # 中小学 is one stage, not 提高中
    assert swap_entity("Who represents the municipal sports bureau on the committee?", "the tax bureau") == (
        "Who represents the tax bureau on the committee?")
    assert swap_entity("What does the notice ask the county governments and the municipal water bureau to do?",
                       "the tax bureau") == "What does the notice ask the county governments and the tax bureau to do?"
    assert swap_entity("What must the people of the county do?", "the tax bureau") is None
    assert swap_entity("Which areas are listed as 4A-level scenic areas?", "the 3A ones") == (
        "Which areas are listed as 3A-level scenic areas?")  # a grade; the pointing words add nothing
    assert swap_entity("Who activates the level-3 response?", "level 1") == "Who activates the level 1 response?"
    # a gloss in brackets named the old entity, not the new one
    assert swap_entity("What is the city weather bureau (市气象局) responsible for?", "the water bureau") == (
        "What is the water bureau responsible for?")


def test_an_item_of_the_last_answers_enumeration_takes_the_place_of_its_sibling():
    levels = "等级由高到低划分为特别重大、重大、较大和一般四个级别（详见附件1）[1]。"
    assert swap_sibling("较大的死几个人算", "一般", levels) == "一般的死几个人算"
    assert swap_sibling("特别重大的死几个人算", "重大", levels) == "重大的死几个人算"  # the longest sibling written
    areas = "片区包括：文化休闲旅游片区、商贸休闲旅游片区、工业体验旅游片区[1]。"
    assert swap_sibling("工业体验旅游片区在哪", "商贸休闲那个", areas) == "商贸休闲旅游片区在哪"
    assert swap_sibling("工业体验旅游片区在哪", "排污许可", areas) is None


def test_a_name_of_the_same_head_takes_the_place_of_the_previous_one():
    assert swap_head("表里的“二次划转”是啥意思", "“首次划转”") == "表里的“首次划转”是啥意思"
    assert swap_head("一般债券规模有多少", "专项债券") == "专项债券规模有多少"
    assert swap_head("文旅规划里有啥地方小吃", "特色菜") is None  # no shared head: another kind of swap
    assert swap_head("表里的二次划转是啥意思", "第一次划转") == "表里的第一次划转是啥意思"  # a longer modifier
    assert swap_head("营商环境的基本情况", "旅游发展情况") == "营商环境的旅游发展情况"  # starts after 的
    assert swap_head("市政府教育督导委员会主任是谁", "副主任") is None  # no boundary where a modifier would start


def test_a_short_english_question_that_goes_on_leans_on_the_last_turn():
    turns = [Turn("Who heads the committee on education supervision?", "主任：田东", ["A号"])]
    assert resolver().resolve("And who is the deputy head?", turns).kind == "document"
    assert resolver().resolve("Who is the deputy head?", turns).kind != "document"
    # 「that」 standing for the thing asked before, whatever topic words the rest has
    plan = [Turn("How much must Shanyin County cut its groundwater extraction (压采)?", "170万立方米", ["A号"])]
    assert resolver().resolve("How much of that is planned for 2022 (压采)?", plan).kind != "standalone"
    from assistant.conversation import _ITS
    assert _ITS.search("How much of that is planned?") and not _ITS.search("What is the share of that county?")


def test_a_later_question_of_a_message_leans_on_the_earlier_one_through_an_english_pronoun():
    last = Turn("Where will the museum project (成片开发) be built", "木塔西侧", ["B号"])
    assert resolver().continue_message("which unit is responsible for it (考核)?", last).kind == "attribute"
    assert resolver().continue_message("which unit is responsible for 考核?", last).kind == "standalone"


TITLES = {"A号": "朔州市人民政府办公室关于调整市政府教育督导委员会组成人员的通知",
          "B号": "朔州市人民政府关于山阴县2021年土地征收成片开发方案的批复"}


def resolver(confident_in=("A号", "B号"), texts=None):
    """Topic words: the distinctive words of a tiny vocabulary; the probe answers in the given documents."""
    vocabulary = ("地下水", "压采", "考核", "督导委员会", "成片开发", "排污许可", "资格认定")

    def topic_terms(text, things_only=False):
        return [w for w in vocabulary if w in text]

    def probe(query, focus, documents, about=False):
        return bool(documents) and documents[0] in confident_in

    return FollowupResolver(topic_terms, probe, TITLES, lambda number: (texts or {}).get(number, ""))


def test_a_question_that_names_another_document_stands_alone_in_common_words():
    last = Turn("山阴县的成片开发方案是哪天批复的", "2022年9月20日", ["B号"])
    assert resolver().resolve("教育督导通知是哪个部门解读的", [last]).kind == "standalone"
    assert resolver().resolve("是哪个部门解读的", [last]).kind != "standalone"


def test_a_noun_straight_after_this_points_back():
    assert reference_of("这学院啥时候建好基础设施？").kind == "document"
    for not_pointing in ("这样做有什么好处", "这次调整了哪些人", "这几年有什么变化", "这段时间谁负责"):
        assert reference_of(not_pointing) is None, not_pointing


def test_a_body_named_again_without_its_level_is_swapped_too():
    assert (swap_entity("市教育局有哪些事项从审批局调回教育局自己办了？", "民政局")
            == "民政局有哪些事项从审批局调回民政局自己办了？")
    # another level's body of the same name stays
    assert swap_entity("市教育局和县教育局分别负责什么", "市民政局") == "市民政局和县教育局分别负责什么"


def test_a_question_with_its_own_topic_stands_alone_however_short():
    r = resolver().resolve("谁负责地下水压采考核", [Turn("市政府教育督导委员会的主任是谁？", "主任：田东", ["A号"])])
    assert r.kind == "standalone" and r.query == "谁负责地下水压采考核" and r.previous is None
    assert "地下水" in r.reason


def test_a_question_without_a_topic_leans_on_the_last_turn():
    r = resolver().resolve("副主任有谁？", [Turn("市政府教育督导委员会的主任是谁？", "主任：田东", ["A号"])])
    assert r.kind == "attribute" and r.query.startswith("市政府教育督导委员会的主任是谁？") and r.focus == "副主任有谁？"


def test_a_document_reference_resolves_to_the_cited_document():
    turns = [Turn("督导委员会主任是谁", "田东", ["A号"])]
    r = resolver().resolve("这个通知的文号是多少？", turns)
    assert r.kind == "document" and r.documents == ["A号"] and "调整市政府教育督导委员会组成人员" in r.query


def test_the_kind_of_document_picks_between_two():
    turns = [Turn("督导委员会主任是谁", "田东", ["A号"]), Turn("成片开发总面积多少", "366.8236公顷", ["B号"])]
    assert resolver().resolve("这个批复是针对哪份请示？", turns).documents == ["B号"]
    assert resolver().resolve("这个通知是哪天发的？", turns).documents == ["A号"]


def test_an_ambiguous_reference_asks_back():
    turns = [Turn("督导委员会主任是谁", "田东", ["A号"]), Turn("成片开发总面积多少", "366.8236公顷", ["B号"])]
    r = resolver().resolve("那它的文号是多少？", turns)
    assert r.kind == "clarify" and len(r.choices) == 2 and r.choices[0].startswith("《山阴县2021年土地征收成片开发方案》")
    # Only one of them answers it: no need to ask.
    assert resolver(confident_in=("A号",)).resolve("那它的文号是多少？", turns).documents == ["A号"]


def test_more_excludes_what_was_shown():
    r = resolver().resolve("还有吗？", [Turn("朔州都有哪些滑雪场", "右玉南山滑雪场[1]。", ["C号"])])
    assert r.kind == "more" and r.query == "朔州都有哪些滑雪场" and r.exclude == ["右玉南山滑雪场[1]。"]


def test_history_forms():
    turns = as_turns([["问", "答"], {"question": "问2", "answer": "答2", "cited": ["A号"]}, ["", ""]])
    assert [(t.question, t.cited) for t in turns] == [("问", []), ("问2", ["A号"])]


# -- the real service ------------------------------------------------------------
def test_mission_example_after_an_unrelated_question(service):
    first = service.ask("市政府教育督导委员会的主任是谁？")
    assert "田东" in first.answer
    history = [{"question": first.question, "answer": first.answer, "cited": [c.doc_number for c in first.citations]}]
    after = service.ask("谁负责地下水压采考核", history=history)
    alone = service.ask("谁负责地下水压采考核")
    assert after.followup_kind == "standalone" and after.rewritten_question is None
    assert after.citations[0].doc_number == "朔政办发〔2022〕27号" and after.answer == alone.answer


def test_followups_use_explicit_history(service):
    first = service.ask("怀仁市要压减多少地下水")
    assert "480" in first.answer
    follow = service.ask("那应县呢？", history=[("怀仁市要压减多少地下水", first.answer)])
    assert "460" in follow.answer and follow.followup_kind == "entity_swap" and follow.rewritten_question
    leader = service.ask("组长是谁", history=[("集中打击整治危害药品安全违法犯罪工作专班办公室设在哪", "市市场监管局")])
    assert "魏元平" in leader.answer and leader.followup_kind == "attribute"


def test_english_follow_ups_about_places_and_the_document(service):
    def turn(answer):
        return {"question": answer.question, "answer": answer.answer, "cited": [c.doc_number for c in answer.citations]}
    first = service.ask("Who heads the expressway task force for Yingxian to Fanshi?")
    when = service.ask("when was this notice issued?", history=[turn(first)])
    assert when.followup_kind == "document" and "2022年8月26日" in when.answer  # the document's card
    target = service.ask("How much must Shanyin County cut its groundwater extraction?")
    swapped = service.ask("And Yingxian?", history=[turn(target)])  # a place named without a head word
    assert swapped.followup_kind == "entity_swap"
    assert swapped.rewritten_question.startswith("How much must Yingxian cut")
    assert "460" in swapped.answer  # the county's row, not the city's total: the place named weighs


def test_who_interprets_asks_of_the_conversations_document(service):
    first = service.ask("這份教育規劃是用哪個文號印發的？")
    history = [{"question": first.question, "answer": first.answer, "cited": [c.doc_number for c in first.citations]}]
    after = service.ask("由哪個部門負責解讀？", history=history)  # 负责 and 解读 name no topic of their own
    assert after.followup_kind != "standalone" and after.citations[0].doc_number == "朔政发〔2022〕34号"


def test_an_english_question_on_a_new_body_is_not_pulled_into_the_last_document(service):
    def turn(answer):
        return {"question": answer.question, "answer": answer.answer, "cited": [c.doc_number for c in answer.citations]}

    first = service.ask("Who heads the task force on cracking down on crimes that endanger drug safety?")
    assert first.citations[0].doc_number == "朔政办函〔2022〕82号"
    second = service.ask("Who chairs the municipal government's education supervision committee?",
                         history=[turn(first)])
    assert second.followup_kind == "standalone"
    assert "朔政办函〔2022〕82号" not in [c.doc_number for c in second.citations]
    # 「it」 after two documents, both with a date of issue: the user is asked which one
    third = service.ask("When was it issued?", history=[turn(first), turn(second)])
    assert third.followup_kind == "clarify" and len(third.choices) == 2


def test_short_place_and_office_names_swap_in_a_conversation(service):
    first = service.ask("山阴县地下水压减目标是多少")
    history = [{"question": first.question, "answer": first.answer, "cited": [c.doc_number for c in first.citations]}]
    after = service.ask("右玉的呢", history=history)  # 右玉 is written 右玉县 in the gazette
    assert after.followup_kind == "entity_swap" and "右玉县" in (after.rewritten_question or "")


def test_an_item_asked_for_by_its_place_is_named_and_cited(service):
    first = service.ask("幼儿园评价聚焦哪些方面")
    history = [{"question": first.question, "answer": first.answer, "cited": [c.doc_number for c in first.citations]}]
    third = service.ask("其中第三项为何？", history=history)
    assert third.followup_kind == "ordinal" and third.answer.startswith("规范办园[1]")
    assert third.citations[0].doc_number == "朔政发〔2022〕34号" and "规范办园" in third.citations[0].quote


def test_document_reference_uses_the_cited_document(service):
    history = [{"question": "地下水超采综合治理行动方案是哪个部门解读的", "answer": "市水利局",
                "cited": ["朔政办发〔2022〕27号"]}]
    number = service.ask("这个文件的文号是多少", history=history)
    assert number.followup_kind == "document" and "朔政办发〔2022〕27号" in number.answer
    assert {c.doc_number for c in number.citations} == {"朔政办发〔2022〕27号"}


def test_evidence_in_the_conversations_document_weighs_more(service):
    question = "各县的年度工作计划哪天之前报"
    history = [{"question": "地下水超采综合治理行动方案是哪个部门解读的", "answer": "市水利局",
                "cited": ["朔政办发〔2022〕27号"]}]
    other = [{"question": "文旅应急预案谁负责解释", "answer": "市文化和旅游局", "cited": ["朔政办发〔2022〕25号"]}]
    decisions = {}
    for name, turns in (("about it", history), ("about another", other), ("alone", [])):
        rewrite, retrieval = service.retrieve(question, turns, None, False)
        decisions[name] = service.extractive.assess(rewrite, retrieval).decision
    assert decisions["about it"].features["conversation"] == 1.0
    assert decisions["about another"].features["conversation"] == decisions["alone"].features["conversation"] == 0.0
    assert decisions["about it"].probability > decisions["alone"].probability == decisions["about another"].probability


def test_a_question_that_names_another_document_is_not_a_follow_up(service):
    history = [{"question": "网络货运行动方案是哪个部门解读的", "answer": "市交通运输局", "cited": ["朔政办发〔2022〕26号"]}]
    answer = service.ask("教育规划的文号是多少", history=history)
    assert answer.followup_kind == "standalone" and "朔政发〔2022〕34号" in answer.answer
    assert {c.doc_number for c in answer.citations} == {"朔政发〔2022〕34号"}


def test_a_question_without_a_confident_answer_of_its_own_is_asked_within_the_conversations_document(service):
    question = "平台企业审批时限？"
    assert service.ask(question).confidence != "high"
    history = [{"question": "网络货运行动方案是哪个部门解读的", "answer": "市交通运输局", "cited": ["朔政办发〔2022〕26号"]}]
    answer = service.ask(question, history=history)
    assert answer.followup_kind == "document" and answer.confidence == "high" and "20个工作日" in answer.answer
    assert {c.doc_number for c in answer.citations} == {"朔政办发〔2022〕26号"}


@pytest.mark.parametrize("question", ["还有吗？", "还有别的吗", "其他的呢？", "还有没有", "And what else?", "more?",
                                      "还有不？", "除此之外，是否还有其他方面？", "Is there more?",
                                      "还有别的吗？后面几条也麻烦列一下，我想看全。", "还有嘛", "还有没？",
                                      "谢谢。除了你刚才提到的这几个学段以外，规划里还有讲到其他学段的吗？麻烦补充完整。",
                                      "还有俩呢？", "除此之外，尚有哪些？", "其余工程为何？", "还有那些节",
                                      "其他几个呢？", "剩下的呢", "剩下几项呢", "还有啥？", "还有一条是啥？"])
def test_asking_for_more(question):
    assert reference_of(question).kind == "more"


@pytest.mark.parametrize("question", ["还有吗？低保怎么申请", "还有没有别的办法申请低保", "还有吗？给我看一下申请条件",
                                      "除了低保以外还有什么救助", "还有哪些补贴", "还有什么政策"])
def test_more_with_a_question_of_its_own_is_not_more(question):
    ref = reference_of(question)
    assert ref is None or ref.kind != "more"


def test_the_last_item():
    ref = reference_of("最后一个组负责什么？")
    assert ref.kind == "ordinal" and ref.ordinal == -1 and nth_item(GROUPS, ref.ordinal) == "专家指导组"


def test_more_shows_what_the_last_answer_did_not(service):
    # The first answer shows the head of the member list and the office set up after it: the
    # members between, down to the last, are what more shows.
    first = service.ask("市政府教育督导委员会的成员都有谁")
    assert "王彦俐" not in first.answer
    more = service.ask("还有吗？", history=[{"question": first.question, "answer": first.answer,
                                          "cited": [c.doc_number for c in first.citations]}])
    assert more.followup_kind == "more" and more.answer.startswith(CONTINUATION_LEAD)
    assert "王彦俐" in more.answer and {c.doc_number for c in more.citations} == {"朔政办函〔2022〕79号"}
    assert not {c.quote for c in more.citations} & {c.quote for c in first.citations}


def test_more_after_a_whole_enumeration_says_there_is_no_more_and_repeats_it(service):
    first = service.ask("朔州都有哪些滑雪场")
    more = service.ask("还有别的吗", history=[{"question": first.question, "answer": first.answer,
                                            "cited": [c.doc_number for c in first.citations]}])
    assert more.answer.startswith(ALL_LISTED_LEAD) and not more.refused
    assert "怀仁清凉山滑雪场" in more.answer and more.citations[0].doc_number == first.citations[0].doc_number


def test_more_continues_the_document_when_the_history_has_no_citations(service):
    first = service.ask("朔州都有哪些滑雪场")
    more = service.ask("还有别的吗", history=[[first.question, first.answer]])  # a plain pair
    assert more.answer.startswith(ALL_LISTED_LEAD) and more.citations[0].doc_number == first.citations[0].doc_number


@pytest.mark.parametrize("question", ["谁负责地下水压采考核呢？", "该向哪个部门申请排污许可", "其次是什么"])
def test_what_only_looks_like_a_reference(question):
    assert reference_of(question) is None


def test_places_and_offices_are_named_things():
    assert swap_entity("谁负责景区门票", "应县") is None  # 景区 is no county
    assert swap_entity("市应急管理局的职责是什么", "怎么办理") is None
    assert swap_entity("文旅突发事件应急时，市无线电管理局负责干啥", "统计局") == "文旅突发事件应急时，统计局负责干啥"


def test_an_ordinal_in_a_question_with_its_own_topic_stands_alone():
    r = resolver().resolve("成片开发方案第五条是什么", [Turn("督导委员会主任是谁", "田东", ["A号"])])
    assert r.kind == "standalone"
    assert nth_item(GROUPS, 0) is None


def test_a_choice_after_a_question_back():
    back = "您问的可能是以下不同文件中的内容，请选择一项或把问题说得更具体些：\n1. 《甲》的文号是多少\n2. 《乙》的文号是多少"
    assert choice_lines(back) == ["《甲》的文号是多少", "《乙》的文号是多少"]
    r = resolver().resolve("第二个", [Turn("那它的文号是多少？", back, [])])
    assert r.kind == "ordinal" and r.query == "《乙》的文号是多少"
    assert resolver().resolve("最后一个", [Turn("那它的文号是多少？", back, [])]).query == "《乙》的文号是多少"


def test_a_subject_the_gazette_never_mentions_is_a_topic(service):
    history = [{"question": "导游证核发归哪个部门", "answer": "市文旅局", "cited": ["朔政发〔2022〕20号"]}]
    assert service.ask("北京今天天气怎么样", history=history).followup_kind == "standalone"


@pytest.mark.parametrize("question, kind", [
    ("除上述两项外，是否还有其他事项？", "more"),
    ("还有没有别的红色景点？", "more"),
    ("还有没有别的办法申请低保", None),  # a new subject after 「还有没有别的」
    ("这项目打算啥时候开工", None),  # 这项 is not 这项目
    ("这个月有什么活动", None),
])
def test_prefixes_that_refer_back_only_with_nothing_new_after_them(question, kind):
    ref = reference_of(question)
    assert (ref.kind if ref else None) == kind


def test_its_after_a_topic_of_its_own_is_no_reference():
    turns = [Turn("督导委员会主任是谁", "田东", ["A号"])]
    r = resolver().resolve("Who leads 地下水 压采 control and what are its targets?", turns)
    assert r.kind == "standalone"


def test_words_of_the_cited_document_lean_on_it_when_they_do_not_stand_alone():
    texts = {"B号": "成片开发总面积366.8236公顷"}
    last = Turn("山阴县土地征收成片开发方案是谁批复的？", "市政府[1]", ["B号"])

    def probe_in(confident):
        def probe(query, focus, documents):  # alone (all documents) nothing; with the last question, B号
            return documents == ["B号"] and "成片开发" in query and confident
        return probe

    r = FollowupResolver(lambda text, things_only=False: ["面积"] if "面积" in text else [], probe_in(True), TITLES,
                         texts.get).resolve("面积多大", [last])
    assert r.kind == "attribute" and r.documents == ["B号"] and r.query.startswith("山阴县土地征收")
    # Not answered there even with the last question's words: the question stands alone.
    r = FollowupResolver(lambda text, things_only=False: ["面积"], probe_in(False), TITLES, texts.get).resolve("面积多大", [last])
    assert r.kind == "standalone"
    # A word the cited document lacks is a topic of its own.
    r = FollowupResolver(lambda text, things_only=False: ["体育课"], probe_in(True), TITLES, texts.get).resolve("体育课几节", [last])
    assert r.kind == "standalone"


def test_an_ordinal_ellipsis_asks_what_the_last_ordinal_asked():
    answer = "下设综合协调组、抢险救援组、医学救护组、应急保障组、社会稳定组5个应急工作组[1]。"
    # The last answer still shows the list (as after a question about one of its items).
    last = Turn("第三个组是谁牵头的？", answer, ["A号"])
    r = resolver().resolve("那第五个组呢？", [Turn("现场指挥部下设哪些组？", answer, ["A号"]), last])
    assert r.kind == "ordinal" and r.item == "社会稳定组" and r.query == "社会稳定组 是谁牵头的？"


def test_a_body_swapped_in_is_asked_for_its_own_head_post():
    from assistant.conversation import with_head_post
    assert with_head_post("某专班,用地保障组主任是谁?", "用地保障组") == "某专班,用地保障组组长是谁?"
    assert with_head_post("综合协调办公室主任是谁", "综合协调办公室") == "综合协调办公室主任是谁"
    assert with_head_post("副主任是谁", "用地保障组") == "副主任是谁"  # a deputy is asked for as such


def test_an_ordinal_counts_in_the_enumeration_the_answer_leads_with():
    levels = ("划分为特别重大、重大、较大和一般四个级别[1]。「分级标准」一般突发事件：条件：(1) 造成 3 人以下死亡；"
              " (2) 形成群体性事件； (3) 旅游者 50 人以下滞留[2]。")
    assert nth_item(levels, 3) == "较大" and nth_item(levels, -1) == "一般"
    assert nth_item(GROUPS, 5) == "社会稳定组"  # a lead without numbers is read as before


def test_an_ordinal_after_an_ordinal_counts_in_the_list_answer():
    # the answer about the third group quotes that group's section, not the list of groups
    about_third = "「医学救护组」一节写道：\n牵头单位：市卫生健康委员会[1]。成员单位：甲[2]。职责：乙[3]。丙[4]。丁[5]。"
    turns = [Turn("现场指挥部下设哪些组？", GROUPS, ["A号"]), Turn("第三个组是谁牵头的？", about_third, ["A号"])]
    r = resolver().resolve("那第五个组呢？", turns)
    assert r.kind == "ordinal" and r.item == "社会稳定组" and r.query == "社会稳定组 是谁牵头的？"


def test_something_asked_of_a_short_item_is_not_answered_by_the_item_again():
    heads = "基本原则包括：总量控制，计划开采[1]；科学规划，综合治理[2]；合理配置，加强调控[3]。"
    r = resolver().resolve("最后那条说的是啥思路？", [Turn("有哪些基本原则", heads, ["A号"])])
    assert r.kind == "ordinal" and r.item == "合理配置，加强调控" and r.exclude == ["合理配置，加强调控"]
    # asking only which it is keeps the item as the answer
    assert resolver().resolve("最后一条是什么？", [Turn("有哪些基本原则", heads, ["A号"])]).exclude == []


def test_an_ellipsis_that_would_leave_only_the_question_word_adds_to_the_question():
    # The swap would give 「谁排污许可」: the earlier question is kept and the new subject added.
    r = resolver().resolve("那排污许可呢？", [Turn("谁考核地下水压采", "市水利局负责…[1]。", ["A号"])])
    assert r.kind == "attribute" and r.query.startswith("谁考核地下水压采") and "排污许可" in r.query


def test_an_ordinal_names_the_item_the_cited_document_labels_so():
    texts = {"A号": "治理分两个阶段：第一阶段（2021—2025年）：重点压减…第二阶段（2026—2030年）：地下水水位持续回升。"}
    last = Turn("地下水超采治理分几个阶段？", "第一阶段（2021—2025年）：重点压减[1]。", ["A号"])
    r = resolver(texts=texts).resolve("第二个阶段要达到啥目标？", [last])
    assert r.kind == "ordinal" and r.query.startswith("第二阶段要达到啥目标") and r.documents == ["A号"]
    # a label inside prose (「全省第一家启动」) or a longer name (「第二类精神药品」) is no label
    prose = {"A号": "2019年，全省第一家启动了该项目；第二类精神药品零售业务审批。"}
    assert "第一家" not in resolver(texts=prose).resolve("第一家是什么？", [last]).query
    assert "第二类" not in resolver(texts=prose).resolve("第二类有哪些？", [last]).query
    # a document without such a label: the ordinal counts the last answer's items, as before
    r = resolver(texts={"A号": "无标号"}).resolve("第二个阶段要达到啥目标？", [last])
    assert "第二阶段" not in r.query


def test_a_question_whose_only_topic_is_a_sibling_of_the_previous_ones_swaps_it():
    def topic_terms(text, things_only=False):
        return [w for w in ("二级", "一级响应", "启动", "旅游集散中心") if w in text]

    r = FollowupResolver(topic_terms, lambda *a: False, TITLES)
    last = Turn("朔州的一级旅游集散中心是哪个？", "朔城区旅游集散中心[1]。", ["A号"])
    swapped = r.resolve("二级的有哪些？", [last])
    assert swapped.kind == "entity_swap" and swapped.query.startswith("朔州的二级旅游集散中心")
    # a word of its own beside the grade: a question of its own
    assert r.resolve("一级响应由谁启动？", [last]).kind == "standalone"


def test_an_ordinal_naming_what_the_last_document_speaks_of_points_into_the_last_answer():
    last = Turn("排污许可有哪些考核", "甲考核[1]；乙考核[2]；丙考核[3]。", ["A号"])
    r = resolver(texts={"A号": "……排污许可……考核……"}).resolve("第二个考核怎么做", [last])
    assert r.kind == "ordinal" and r.item == "乙考核"
    # A topic the last document never writes is a question of its own.
    r = resolver(texts={"A号": "……排污许可……"}).resolve("第二条地下水压采考核怎么做", [last])
    assert r.kind == "standalone"


def test_an_enumeration_that_counts_itself_is_the_list():
    answer = ("根据突发事件的严重程度、可控性、救援难易程度和影响范围，应急响应由低到高设定为三级、二级、一级三个等级[1]。")
    assert nth_item(answer, 1) == "三级" and nth_item(answer, -1) == "一级"


def test_english_ordinals_past_ten():
    ref = reference_of("What is the thirteenth task?")
    assert ref.kind == "ordinal" and ref.ordinal == 13


def test_a_district_named_by_one_character_before_its_kind_is_swapped():
    swapped = swap_entity("地下水超采综合治理方案里朔城区的压减目标是多少", "怀仁市")
    assert swapped == "地下水超采综合治理方案里怀仁市的压减目标是多少"  # 里 is no part of the name
    assert swap_entity("主城区有哪些景区", "应县") is None  # a kind of area, not a place


def test_more_after_every_part_of_a_box_was_listed(service):
    first = service.ask("教师队伍提质建设工程有哪些？")
    assert "实施新时代校长培养培训工程" in first.answer  # a numbered paragraph's head, to its comma
    more = service.ask("还有别的吗", history=[{"question": first.question, "answer": first.answer,
                                            "cited": [c.doc_number for c in first.citations]}])
    assert more.answer.startswith(ALL_LISTED_LEAD)
    assert {c.doc_number for c in more.citations} == {"朔政发〔2022〕34号"}


def test_a_few_words_asking_a_predicate_of_the_subject_follow_the_last_document():
    # 开工 is written in the cited document and answered elsewhere too; the question names no thing.
    def topic_terms(text, things_only=False):
        return [] if things_only else [w for w in ("开工", "营商环境") if w in text]

    r = FollowupResolver(topic_terms, lambda query, focus, documents: True, TITLES,
                         lambda number: "确保项目于2023年一季度开工建设，营商环境")
    turns = [Turn("专班常务副组长是谁", "常务副组长：尚某", ["A号"])]
    assert r.resolve("啥时候开工？", turns).kind == "attribute"
    assert r.resolve("营商环境建设规划哪天开工的？", turns).kind == "standalone"  # too long to be only a predicate


def test_an_ordinal_of_a_document_named_by_its_subject_stands_alone():
    turns = [Turn("药品专班会议谁召集", "组长召集", ["A号"])]
    # not an item of the last answer: the question is read as any unmarked one (here it has no topic
    # word of the stand-in vocabulary, so it leans on the last turn)
    assert resolver().resolve("教育规划第五章讲啥？", turns).kind != "ordinal"
    assert reference_of("第五章讲啥？").kind == "ordinal"


def test_a_long_english_question_without_a_pronoun_stands_alone():
    turns = [Turn("Which scenic areas does the plan list for 4A-level?", "4A 级景区", ["A号"])]
    long = "In the notice on further standardising the transfer of items under the reform, what is Part Two about?"
    assert resolver().resolve(long, turns).kind == "standalone"
    assert resolver().resolve("What is Part Two about?", turns).kind != "standalone"  # short: leans on the last turn


def test_a_pointed_thing_that_only_one_document_is_titled_with_picks_it():
    titles = {"A号": "关于调整市政府教育督导委员会组成人员的通知", "C号": "关于成立药品安全工作专班的通知"}
    r = FollowupResolver(lambda text, things_only=False: [], lambda query, focus, documents: True, titles)
    turns = [Turn("督导委员会主任是谁", "田东", ["A号"]), Turn("郭某在哪些名单上", "…", ["C号"])]
    assert r.resolve("该专班的工作会议由谁召集？", turns).documents == ["C号"]


def test_a_document_named_by_its_subject():
    from assistant.questions import names_document_by_subject

    assert names_document_by_subject("教育规划第五章讲啥") and names_document_by_subject("地下水方案")
    assert not names_document_by_subject("有什么办法申请低保")  # 办法 here is a common word
    assert not names_document_by_subject("城乡规划局电话")  # a part of an office's name
    assert not names_document_by_subject("这个规划第三条")  # points back


def test_an_offices_own_name_keeps_its_and_in_an_enumeration():
    from assistant.listed import enumerations

    assert enumerations("成员单位：市应急管理局、市公安局、市文化和旅游局") == [["市应急管理局", "市公安局", "市文化和旅游局"]]
    assert enumerations("划分为特别重大、重大、较大和一般四个级别") == [["特别重大", "重大", "较大", "一般"]]


def test_an_ellipsis_that_opens_a_longer_message_swaps_the_subject():
    turns = [Turn("怀仁市要压减多少地下水？", "压减目标：480万立方米[1]。", ["B号"])]
    r = resolver().resolve("那应县呢？咋感觉也挺多", turns)
    assert r.kind == "entity_swap" and r.query.startswith("应县要压减多少地下水？")
    # a rest with a topic of its own is not forced into a loose swap of the subject
    r = resolver().resolve("那考核这块呢？排污许可谁负责？", [Turn("成片开发方案面积多大？", "…[1]。", ["B号"])])
    assert r.kind == "standalone"


@pytest.mark.parametrize("question", ["What are the other zones?", "And the rest?", "What about the others?"])
def test_asking_for_the_rest_in_english(question):
    assert reference_of(question).kind == "more"
    assert reference_of("What are the other requirements for schools in Pinglu District?") is None


@pytest.mark.parametrize("question, rest", [
    ("换一个完全不同的问题：市政府批复西山县开发方案时，要求这个方案和什么规划衔接？",
     "市政府批复西山县开发方案时，要求这个方案和什么规划衔接？"),
    ("Different topic: who leads the task force?", "who leads the task force?"),
])
def test_a_message_that_says_it_changes_the_subject_stands_alone(question, rest):
    last = Turn("督导委员会主任是谁", "主任：田东", ["A号"])
    rewrite = resolver().resolve(question, [last])
    assert rewrite.kind == "standalone" and rewrite.query == rest


def test_a_demonstrative_whose_document_the_message_names_points_to_no_earlier_turn():
    assert reference_of("批复西山县成片开发方案时，要求这个方案和什么规划衔接") is None
    assert reference_of("这个方案和什么规划衔接").kind == "document"


def test_this_department_after_which_department_is_the_body_the_answer_named():
    answer = "市水利局负责做好全市地下水统一监督管理工作[1]。依据：…市生态环境局负责…[1]"
    assert body_answered("这个部门的局长是谁？", "负责地下水统一监督管理的是哪个部门？", answer) == "市水利局的局长是谁？"
    assert body_answered("这个部门的局长是谁？", "地下水怎么管？", answer) is None  # no body was asked for
    assert body_answered("这个组具体负责啥", "负责地下水统一监督管理的是哪个部门？", answer) is None
    last = Turn("负责地下水统一监督管理的是哪个部门？", answer, ["B号"])
    rewrite = resolver().resolve("这个部门的局长是谁？", [last])
    assert rewrite.query == "市水利局的局长是谁？" and not rewrite.documents


def test_its_post_is_the_post_of_the_body_the_question_before_named():
    asked = "临川高速公路管理有限公司在货运行动方案中承担何项任务？"
    assert subject_pointed("其董事长在专班中系何人？", asked) == "临川高速公路管理有限公司董事长在专班中系何人？"
    for into_a_list in ("其中第二项是什么？", "其中组长是谁？", "其他委员是谁？", "其余成员是谁？"):
        assert subject_pointed(into_a_list, asked) is None  # 其中, 其他, 其余 point into a list
    assert subject_pointed("其董事长是谁？", "市水利局和市交通局各负责什么？") is None  # two bodies: which one?


def test_that_company_after_which_company_is_the_company_the_answer_named():
    answer = "责任单位：西山高速公路管理有限公司[1]。"
    assert body_answered("who chairs that company?", "Which company is responsible for toll policies?", answer) == (
        "who chairs 西山高速公路管理有限公司?")
    last = Turn("Which company is responsible for toll policies?", answer, ["B号"])
    assert resolver().resolve("Who chairs that company?", [last]).query == "Who chairs 西山高速公路管理有限公司?"


def test_a_follow_up_that_announces_itself_is_no_new_subject():
    from assistant.conversation import _NEW_TOPIC
    from assistant.questions import names_kind_before
    assert not _NEW_TOPIC.match("One more question: who chairs it?")
    assert not names_kind_before("我看了批复，", "批复")
    assert reference_of("我看了批复，这个批复要求什么").kind == "document"


def test_this_item_points_at_the_passage_the_last_answer_quoted():
    answer = "不再预征个人所得税[1]。 依据：对货运司机代开发票时，不再预征个人所得税，由司机自行申报[1]。"
    assert statement_pointed("这条是哪个部门负责落实？", answer) == (
        "对货运司机代开发票时，不再预征个人所得税，由司机自行申报", "是哪个部门负责落实？")
    assert statement_pointed("这条是哪个部门负责落实？", "优化货运司机个税征收环节和方式[1]。")[0] == "优化货运司机个税征收环节和方式"
    assert statement_pointed("这个方案是谁解读的", answer) is None  # a document, not a statement
    assert statement_pointed("那这个项目要求啥时候开工", answer) is None  # 项目 is no 项
    assert statement_pointed("这条路谁负责建设", answer) is None  # 条 counts a road here
    assert statement_pointed("这项任务谁牵头", answer)[1] == "任务谁牵头"
    assert statement_pointed("这条是谁负责的", "公报未直接说明这一问题，以下条文可能相关：…[1]。") is None


def test_a_field_of_the_row_the_last_answer_quoted_is_asked_of_that_row():
    answer = ("第3项 某某遗址公园：负责/实施单位：东城区文化和旅游局[1]。 依据：「重点项目库」第3项 某某遗址公园："
              "建设地点：东城区；项目性质：新谋划；负责/实施单位：东城区文化和旅游局；建设期限：2023-2025[1]。")
    assert row_field("建设期限", answer) == ("某某遗址公园", "建设期限")
    assert row_field("那项目性质的", answer) == ("某某遗址公园", "项目性质")
    assert row_field("实施单位", answer) == ("某某遗址公园", "负责/实施单位")
    assert row_field("西山县", answer) is None  # an entity, not a field
    assert row_field("建设期限", "办公室设在市教育局[1]。") is None  # no row quoted
    assert row_field("依据", answer) is None  # the answer's own 「依据：」 is no field


@pytest.mark.parametrize("question", ["西山县？", "那平谷区？", "市教育局？"])
def test_a_bare_name_of_a_place_or_an_office_asks_the_last_question_of_it(question):
    assert reference_of(question).kind == "entity_swap"
    assert reference_of("建设期限？") is None or reference_of("建设期限？").kind != "entity_swap"
