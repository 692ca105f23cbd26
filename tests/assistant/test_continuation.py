"""「还有吗」 continues the document after what the earlier answers quoted (``assistant.continuation``)."""

from __future__ import annotations

from dataclasses import replace

from assistant.answer import Citation
from assistant.continuation import ALL_LISTED_LEAD, CONTINUATION_LEAD, Continuation, find_shown, quotes
from corpus.model import Chunk

SECTION = "某市应急预案 › 四、先期处置"


def chunk(n: int, text: str, section: str = SECTION) -> Chunk:
    return Chunk(id=f"c{n}", issue_id="i", doc_number="某政发〔2023〕1号", title="某市应急预案", issuer=None,
                 date=None, section=section, kind="text", text=text, start=n * 1000, end=n * 1000 + len(text),
                 page=n, end_page=n, seq=n)


CHUNKS = [
    chunk(1, "事发地应立即开展先期处置：\n(1) 抢救遇险人员，控制事态蔓延；\n(2) 保护现场，维护现场秩序；\n"
             "(3) 对事件进行初期评估；\n(4) 预防次生灾害发生；"),
    chunk(2, "(5) 做好扩大应急准备；\n(6) 及时报告有关情况。"),
    chunk(3, "特色小吃：糖干炉、凉粉、油炸糕、莜面栲栳栳、右玉糖饼等。\n住宿多样化。", section="某市规划 › 美食"),
    chunk(4, "五、后期处置\n做好善后工作。", section="某市应急预案 › 五、后期处置"),
    chunk(5, "专栏 3-17 夜游活动\n夜间美食街：华宝小吃街、兰桂坊美食街、恢河小吃街、平朔\n美食城。\n"
             "合理配置。按照“用足黄河水、用好地表水、涵养地下水”的思路，严格限制开采。", section="某市规划 › 夜游"),
]


def cite(n: int, c: Chunk, quote: str) -> Citation:
    return Citation(n=n, doc_number=c.doc_number, title=c.title, page=c.page, quote=quote)


def continuation() -> Continuation:
    return Continuation(lambda number: CHUNKS, cite)


def test_quotes_are_the_findable_pieces_of_an_answer():
    assert quotes("抢救遇险人员，控制事态蔓延[1]。\n依据：(2) 保护现场，维护现场秩序[1]。") == [
        "抢救遇险人员，控制事态蔓延", "(2) 保护现场，维护现场秩序"]


def test_a_quote_is_found_whatever_its_spacing():
    shown = find_shown("(2)保护现场，维护现场秩序[1]。", CHUNKS)
    assert shown[0].chunk.id == "c1" and CHUNKS[0].text[:shown[0].end].endswith("维护现场秩序")


def test_more_gives_the_items_after_the_last_one_shown_across_chunks_and_pages():
    shown = "(1) 抢救遇险人员，控制事态蔓延[1]。(2) 保护现场，维护现场秩序[1]。(3) 对事件进行初期评估[1]。"
    answer = continuation().answer("还有吗", ["某政发〔2023〕1号"], [shown])
    assert answer.answer.startswith(CONTINUATION_LEAD)
    assert [c.quote for c in answer.citations] == [
        "(4) 预防次生灾害发生；", "(5) 做好扩大应急准备；", "(6) 及时报告有关情况。"]
    assert [c.page for c in answer.citations] == [1, 2, 2]


def test_a_second_more_skips_what_both_answers_showed():
    first = "(1) 抢救遇险人员，控制事态蔓延[1]。(2) 保护现场，维护现场秩序[1]。"
    second = CONTINUATION_LEAD + "(3) 对事件进行初期评估[1]。(4) 预防次生灾害发生[2]。"
    answer = continuation().answer("还有吗", ["某政发〔2023〕1号"], [second, first])
    assert [c.quote for c in answer.citations] == ["(5) 做好扩大应急准备；", "(6) 及时报告有关情况。"]


def test_the_section_ends_the_list():
    shown = "(5) 做好扩大应急准备[1]。(6) 及时报告有关情况[1]。"
    assert continuation().answer("还有吗", ["某政发〔2023〕1号"], [shown]) is None


def test_a_whole_enumeration_has_no_more_items():
    shown = "特色小吃：糖干炉、凉粉、油炸糕、莜面栲栳栳、右玉糖饼等[1]。"
    answer = continuation().answer("还有吗", ["某政发〔2023〕1号"], [shown], asked_list=True)
    assert answer.answer.startswith(ALL_LISTED_LEAD) and "莜面栲栳栳" in answer.answer
    assert "住宿" not in answer.answer


def test_parallel_clauses_opening_with_one_verb_are_a_list_in_one_sentence():
    from assistant.continuation import parallel_clauses

    assert parallel_clauses("你县要坚持新理念，注重保护耕地，注重维护农民合法权益，注重节约集约用地，妥善处理关系。")
    assert not parallel_clauses("注重保护耕地，注重维护农民合法权益，妥善处理保护与开发的关系。")  # two are no list
    assert not parallel_clauses("加强组织领导，强化资金保障，严格督查考核。")  # no verb repeated


def test_an_enumeration_cut_short_goes_on_where_it_stopped():
    shown = "特色小吃：糖干炉、凉粉、油炸糕……[1]"
    answer = continuation().answer("还有吗", ["某政发〔2023〕1号"], [shown], asked_list=True)
    assert answer.answer.startswith(CONTINUATION_LEAD)
    assert answer.citations[0].quote == "莜面栲栳栳、右玉糖饼等。"


def test_an_enumeration_is_read_across_wrapped_lines_but_not_across_a_heading():
    shown = "华宝小吃街、兰桂坊美食街、恢河小吃街、平朔美食城[1]。"
    answer = continuation().answer("还有吗", ["某政发〔2023〕1号"], [shown], asked_list=True)
    assert answer.citations[0].quote == "夜间美食街：华宝小吃街、兰桂坊美食街、恢河小吃街、平朔\n美食城。"  # verbatim
    assert "夜间美食街：华宝小吃街、兰桂坊美食街、恢河小吃街、平朔美食城[1]。" in answer.answer


def test_a_list_asked_for_that_ends_its_section_has_no_more():
    shown = "(4) 预防次生灾害发生[1]。(5) 做好扩大应急准备[1]。(6) 及时报告有关情况[2]。"
    answer = continuation().answer("还有吗", ["某政发〔2023〕1号"], [shown], asked_list=True)
    assert answer.answer.startswith(ALL_LISTED_LEAD) and [c.quote for c in answer.citations] == [
        "(4) 预防次生灾害发生；", "(5) 做好扩大应急准备；", "(6) 及时报告有关情况。"]
    # not asked as a list, the items shown are the end of one: items (1)-(3) were not shown
    assert continuation().answer("还有吗", ["某政发〔2023〕1号"], [shown]) is None


def test_an_enumeration_quoted_to_the_end_of_its_clause_is_a_whole_list():
    text = "支持甲学院、乙学院、丙学院和丁大学加强课程资源建设，鼓励社区统筹社会资源开展家庭教育。\n下一段。"
    chunks = [chunk(1, text, section="某市规划 › 终身教育")]
    shown = "支持甲学院、乙学院、丙学院和丁大学加强课程资源建设[1]。"
    answer = Continuation(lambda number: chunks, cite).answer("还有吗", ["某政发〔2023〕1号"], [shown], asked_list=True)
    assert answer.answer.startswith(ALL_LISTED_LEAD) and "丁大学" in answer.answer


def test_numbered_items_shown_from_the_first_to_the_end_are_a_whole_list_whatever_was_asked():
    shown = ("(1) 抢救遇险人员，控制事态蔓延[1]。(2) 保护现场，维护现场秩序[1]。(3) 对事件进行初期评估[1]。"
             "(4) 预防次生灾害发生[1]。(5) 做好扩大应急准备[1]。(6) 及时报告有关情况[2]。")
    answer = continuation().answer("还有吗", ["某政发〔2023〕1号"], [shown])
    assert answer.answer.startswith(ALL_LISTED_LEAD) and len(answer.citations) == 6


def test_more_gives_the_items_between_the_quotes_of_an_answer():
    # the answer quoted the list's head and a sentence after the list: the items between were not shown
    shown = "(1) 抢救遇险人员，控制事态蔓延[1]。(6) 及时报告有关情况[2]。"
    answer = continuation().answer("还有吗", ["某政发〔2023〕1号"], [shown])
    assert answer.answer.startswith(CONTINUATION_LEAD) and [c.quote for c in answer.citations] == [
        "(2) 保护现场，维护现场秩序；", "(3) 对事件进行初期评估；", "(4) 预防次生灾害发生；", "(5) 做好扩大应急准备；"]


def test_no_more_repeats_every_sentence_the_last_answer_showed():
    shown = ("夜间美食街：华宝小吃街、兰桂坊美食街、恢河小吃街、平朔美食城[1]。"
             "按照“用足黄河水、用好地表水、涵养地下水”的思路，严格限制开采[1]。")
    answer = continuation().answer("还有吗", ["某政发〔2023〕1号"], [shown], asked_list=True)
    assert answer.answer.startswith(ALL_LISTED_LEAD)
    assert "恢河小吃街" in answer.citations[0].quote and "严格限制开采" in answer.citations[1].quote


def test_no_more_after_a_parts_answer_names_every_part_however_short():
    shown = "先期处置包括：抢救遇险人员[1]；保护现场[2]；初期评估[3]。"
    answer = continuation().answer("还有吗", ["某政发〔2023〕1号"], [shown], asked_list=True)
    assert answer.answer.startswith(ALL_LISTED_LEAD)
    assert [c.quote for c in answer.citations] == ["抢救遇险人员", "保护现场", "初期评估"]


def test_one_sentence_shown_is_no_list_to_end():
    # the enumeration inside the sentence is not the list asked for, and one sentence is no list
    shown = "合理配置[1]。按照“用足黄河水……的思路，严格限制开采[1]。"
    assert continuation().answer("还有吗", ["某政发〔2023〕1号"], [shown], asked_list=True) is None


def test_a_title_before_a_quote_places_nothing():
    # the title also opens the document's first passage: found there, it would continue the preamble
    title = "某市文化和旅游突发事件应急预案"
    preamble = chunk(0, f"{title}\n为做好应急工作，制定本预案。", section="某市应急预案")
    chunks = [replace(c, title=title) for c in (preamble, *CHUNKS)]
    shown = f"{title}：(5) 做好扩大应急准备[1]。"
    answer = Continuation(lambda number: chunks, cite).answer("还有吗", ["某政发〔2023〕1号"], [shown])
    assert [c.quote for c in answer.citations] == ["(6) 及时报告有关情况。"]


def test_a_sentence_in_two_overlapping_chunks_is_shown_once():
    chunks = [chunk(1, "甲单位负责第一项工作。乙单位负责第二项工作。"),
              chunk(2, "乙单位负责第二项工作。丙单位负责第三项工作。")]
    answer = Continuation(lambda number: chunks, cite).answer("还有吗", ["某政发〔2023〕1号"],
                                                              ["甲单位负责第一项工作[1]。"])
    assert [c.quote for c in answer.citations] == ["乙单位负责第二项工作。", "丙单位负责第三项工作。"]


def test_an_answer_that_quotes_nothing_of_the_document_is_not_continued():
    assert continuation().answer("还有吗", ["某政发〔2023〕1号"], ["公报中未找到相关内容。"]) is None


def test_a_labelled_list_line_shown_whole_has_no_more_whatever_was_asked():
    # 「有啥小吃推荐」 asks for no list, but the line it was answered with is one: 「特色小吃：…」
    shown = "某市规划·美食：特色小吃：糖干炉、凉粉、油炸糕、莜面栲栳栳、右玉糖饼等[1]。"
    answer = continuation().answer("还有吗", ["某政发〔2023〕1号"], [shown])
    assert answer.answer.startswith(ALL_LISTED_LEAD) and "右玉糖饼" in answer.answer and "住宿" not in answer.answer
    # a sentence that enumerates in passing is continued, unless a list was asked for
    chunks = [chunk(1, "依托应县木塔、崇福寺、净土寺大力开发古建游。推出一批古建游线路。", section="某市规划 › 古建")]
    passing = "依托应县木塔、崇福寺、净土寺大力开发古建游[1]。"
    answer = Continuation(lambda number: chunks, cite).answer("还有吗", ["某政发〔2023〕1号"], [passing])
    assert answer.answer.startswith(CONTINUATION_LEAD) and "古建游线路" in answer.answer


def test_every_run_in_head_of_a_section_shown_has_no_more():
    section = "某市方案 › （二）基本原则"
    chunks = [chunk(1, "（二）基本原则。\n总量控制，计划开采。加强统一管理。\n科学规划，综合治理。明确目标任务。\n"
                       "突出重点，全面推进。加大投入力度。", section=section)]
    shown = "基本原则包括：总量控制，计划开采[1]；科学规划，综合治理[2]；突出重点，全面推进[3]。"
    more = Continuation(lambda number: chunks, cite)
    answer = more.answer("还有吗", ["某政发〔2023〕1号"], [shown], asked_list=True)
    assert answer.answer.startswith(ALL_LISTED_LEAD) and "突出重点，全面推进" in answer.answer
    assert "加大投入力度" not in answer.answer
    # two of the three shown: the third follows
    partial = "总量控制，计划开采[1]；科学规划，综合治理[2]。"
    assert more.answer("还有吗", ["某政发〔2023〕1号"], [partial], asked_list=True).answer.startswith(CONTINUATION_LEAD)


def test_an_item_that_is_a_heading_is_answered_with_its_section():
    chunks = [chunk(1, "二、重点任务", section="某市方案 › 二、重点任务"),
              chunk(2, "(二) 坚持“四水四定”\n1. 相关规划要以水而定。制定规划时应充分考虑水资源条件。",
                    section="某市方案 › 二、重点任务 › (二) 坚持“四水四定”"),
              chunk(3, "(三) 坚持多措并举\n推进水源置换。", section="某市方案 › 二、重点任务 › (三) 坚持多措并举")]
    sections = Continuation(lambda number: chunks, cite)
    answer = sections.section("第二项具体说了啥", "某政发〔2023〕1号", "坚持“四水四定”")
    assert [c.quote for c in answer.citations] == ["1. 相关规划要以水而定。", "制定规划时应充分考虑水资源条件。"]
    assert "推进水源置换" not in answer.answer  # the next section is another item's
    assert sections.section("第九项呢", "某政发〔2023〕1号", "不是标题的一句话") is None


def test_an_item_that_heads_a_paragraph_is_answered_with_the_paragraph():
    chunks = [chunk(1, "——**坚持公平法治**。强化法治思维，用好法治手段。保护各类市场主体的合法权益。\n"
                       "——**坚持协同联动**。强化顶层设计，打好政策“组合拳”。", section="某市规划 › （二）基本原则")]
    sections = Continuation(lambda number: chunks, cite)
    answer = sections.section("第五条具体咋说的", "某政发〔2023〕1号", "坚持协同联动")
    assert [c.quote for c in answer.citations] == ["强化顶层设计，打好政策“组合拳”。"]
    assert "法治" not in answer.answer  # the paragraph before is another item's
    assert sections.section("第一条呢", "某政发〔2023〕1号", "强化法治思维") is None  # a sentence inside, no head


def test_an_ordinal_counts_in_the_numbered_list_a_quote_stands_in():
    sections = continuation()
    shown = "事发地应立即开展先期处置：(3) 对事件进行初期评估[1]。"
    assert sections.numbered_list("某政发〔2023〕1号", shown) == [
        "抢救遇险人员，控制事态蔓延", "保护现场，维护现场秩序", "对事件进行初期评估", "预防次生灾害发生",
        "做好扩大应急准备", "及时报告有关情况"]  # the list runs on into the next passage
    assert sections.numbered_list("某政发〔2023〕1号", "住宿多样化，特色小吃很多[1]。") == []
    # two lists in one section: the one the quote stands in
    two = [chunk(1, "一级响应条件：\n(1) 甲情形较重；\n(2) 乙情形较重；\n二级响应条件：\n(1) 丙情形一般；\n"
                    "(2) 丁情形一般；\n(3) 戊情形一般。")]
    counted = Continuation(lambda number: two, cite).numbered_list("某政发〔2023〕1号", "(3) 戊情形一般[1]。")
    assert counted == ["丙情形一般", "丁情形一般", "戊情形一般"]


def test_an_ordinal_of_groups_counts_the_parts_named_so():
    chunks = [chunk(1, "（一）综合协调办公室\n主任：甲", section="某专班 › （一）综合协调办公室"),
              chunk(2, "（二）前期工作组\n组长：乙", section="某专班 › （二）前期工作组"),
              chunk(3, "（三）用地保障组\n组长：丙", section="某专班 › （三）用地保障组")]
    counted = Continuation(lambda number: chunks, cite).items_counted("某政发〔2023〕1号", "下设一办两组[1]。", "组")
    assert counted == ["前期工作组", "用地保障组"]


def test_prose_after_a_label_is_no_list_shown_whole():
    chunks = [chunk(1, "职 责：负责协调推进工程可行性研究、土地预审等前期工作进度，确保按期完成土地预审和规划选址。\n"
                       "负责完成工作专班交办的其他工作任务。", section="某专班 › 前期工作组")]
    shown = "职 责：负责协调推进工程可行性研究、土地预审等前期工作进度，确保按期完成土地预审和规划选址[1]。"
    answer = Continuation(lambda number: chunks, cite).answer("还有吗", ["某政发〔2023〕1号"], [shown])
    assert answer.answer.startswith(CONTINUATION_LEAD) and "交办的其他工作任务" in answer.answer


def test_more_stops_at_a_notices_closing_block():
    text = "（三）加大支持力度。给予相应的政策扶持。\n本文件由市交通运输局负责解读。\n某市人民政府办公室\n2022年9月7日"
    chunks = [chunk(1, text, section="某市方案 › 三、保障措施 › （三）加大支持力度")]
    shown = "给予相应的政策扶持[1]。"
    assert Continuation(lambda number: chunks, cite).answer("还有吗", ["某政发〔2023〕1号"], [shown]) is None
