"""Extractive answers on the real index: content, citations, pages, refusals, follow-ups."""

import re

import pytest

from assistant.answer import markers
from corpus.text import compact


def check_contract(service, answer):
    """Every [n] has a citation, every citation is used, quotes are verbatim, pages in range."""
    used = markers(answer.answer)
    assert sorted(used) == [c.n for c in answer.citations]
    source = compact(service.index.source_text("2022-05"))
    for c in answer.citations:
        assert compact(c.quote) in source, c.quote
        doc = service.index.document(c.doc_number)
        assert doc.start_page <= c.page <= doc.end_page


@pytest.mark.parametrize("question, doc_number, must", [
    ("谁负责地下水压采的技术指导和监督", "朔政办发〔2022〕27号", ["市水利局"]),
    ("导游证核发现在归哪个部门", "朔政发〔2022〕20号", ["市文旅局", "首次划转"]),
    ("应县的地下水压减目标是多少", "朔政办发〔2022〕27号", ["460"]),
    ("应县至繁峙高速公路项目建设工作专班组长是谁", "朔政办函〔2022〕74号", ["何向荣"]),
    ("市政府教育督导委员会主任是谁", "朔政办函〔2022〕79号", ["田东"]),
    ("到2025年市场主体要达到多少户", "朔政发〔2022〕40号", ["25 万户"]),
    ("校车使用许可还在行政审批局办吗", "朔政发〔2022〕20号", ["退回"]),
    # Citizen styles: 繁體, a colloquial table question, a pinyin typo (压菜 for 压采).
    ("公平競爭審查由誰來審", "朔政办函〔2022〕78号", ["起草部门"]),
    ("办导游证要找哪个部门？", "朔政发〔2022〕20号", ["市行政审批服务管理局"]),
    ("地下水压菜考核结果怎么用", "朔政办发〔2022〕27号", ["年度考核"]),
    ("网络货运平台的审批一般要多久能批下来啊", "朔政办发〔2022〕26号", ["20个工作日"]),
    # A task's responsible units printed after a page break in their parenthesis.
    ("网络货运企业融资支持由哪些单位负责", "朔政办发〔2022〕26号", ["市人民银行", "市交通局"]),
    # An item of a 专栏 box is a line with the form of a heading.
    ("智慧旅游平台会纳入文旅公共服务质量评价吗", "朔政发〔2022〕41号", ["融入智慧旅游平台"]),
    # The kind of document named (预案) picks the document, though a 文旅 plan ranks higher.
    ("文旅应急预案是哪天印发的", "朔政办发〔2022〕25号", ["2022年8月21日"]),
    # A document's own divisions, asked by the document's name alone.
    ("营商环境规划分几个部分", "朔政发〔2022〕40号", ["规划背景", "保障措施"]),
    # A section named with where it stands (最后的) is listed by its parts all the same.
    ("营商环境十四五规划最后的保障措施都有哪些？", "朔政发〔2022〕40号", ["加强组织领导", "注重宣传引导"]),
    # A document the gazette's document rests on, answered from the sentence that cites it.
    ("规范一枚印章管审批改革事项划转工作依据的是省政府哪个文件", "朔政发〔2022〕20号", ["晋政发〔2021〕47号"]),
    # Asked for a 文号, an answer from a passage names its document by it.
    ("为应县至繁峙高速公路成立专班的文件文号是多少", "朔政办函〔2022〕74号", ["朔政办函〔2022〕74号"]),
    # A part named by its place: a chapter of the plan, an item of the section the question names.
    ("文旅规划第二章讲的什么", "朔政发〔2022〕41号", ["指导思想", "空间布局"]),
    ("文旅规划最后一章讲的是啥", "朔政发〔2022〕41号", ["强化规划实施保障", "加强队伍建设"]),
    ("网络货运行动方案第十二项任务是什么", "朔政办发〔2022〕26号", ["做好助企纾困工作"]),
])
def test_answers_cite_the_right_document(service, question, doc_number, must):
    answer = service.ask(question)
    assert not answer.refused and answer.confidence == "high"
    assert answer.citations[0].doc_number == doc_number
    for word in must:
        assert word in answer.answer
    check_contract(service, answer)


def test_groundwater_answer_matches_the_contract_example(service):
    answer = service.ask("谁负责地下水压采的技术指导和监督")
    c = answer.citations[0]
    assert (c.doc_number, c.issuer, c.date, c.page) == ("朔政办发〔2022〕27号", "朔州市人民政府办公室", "2022-09-29", 125)
    assert c.section == "朔州市地下水超采综合治理行动方案 › 三、保障措施 › （一）提高认识，加强领导"
    assert "市水利局负责对各县（市、区）地下水压采的技术指导和监督管理工作" in c.quote
    assert answer.retrieved and answer.mode == "extractive"
    assert set(answer.timings_ms) == {"retrieve", "answer"}


def test_table_row_quote_is_the_source_row(service):
    answer = service.ask("导游证核发现在归哪个部门")
    quote = answer.citations[0].quote
    assert quote.startswith("152") and "市文旅局" in quote
    assert answer.citations[0].page == 10


def test_document_questions(service):
    answer = service.ask("朔政办发[2022]27号是什么文件")
    assert "地下水超采综合治理行动方案" in answer.answer and "2022年9月29日" in answer.answer
    assert answer.citations[0].page == 122
    interp = service.ask("网络货运行动方案由哪个部门解读")
    assert "市交通运输局" in interp.answer
    assert interp.citations[0].quote == "本文件由市交通运输局负责解读"
    check_contract(service, interp)


def test_short_route_name_finds_the_full_one(service):
    answer = service.ask("应繁高速计划什么时候开工")
    assert not answer.refused and "2023年一季度" in answer.answer
    assert answer.citations[0].doc_number == "朔政办函〔2022〕74号"


def test_departments_named_in_an_interpreter_question_get_their_documents(service):
    answer = service.ask("市水利局和市交通运输局分别负责解读哪些文件")
    assert [c.doc_number for c in answer.citations] == ["朔政办发〔2022〕26号", "朔政办发〔2022〕27号"]
    assert [c.quote for c in answer.citations] == ["本文件由市交通运输局负责解读", "本文件由市水利局负责解读"]
    check_contract(service, answer)


def test_documents_named_in_an_interpreter_question_get_their_departments_each(service):
    answer = service.ask("网络货运方案和地下水超采治理方案分别由哪个部门负责解读")
    assert [c.doc_number for c in answer.citations] == ["朔政办发〔2022〕26号", "朔政办发〔2022〕27号"]
    assert "市交通运输局" in answer.answer and "市水利局" in answer.answer
    check_contract(service, answer)


def check_refusal(answer):
    """A refusal never claims an answer: with nothing on topic it cites nothing; with on-topic
    passages (confidence low) it says the gazette does not state it and quotes where to look."""
    assert answer.refused and answer.confidence in ("low", "none")
    if answer.confidence == "none":
        assert answer.citations == [] and "公报中未找到" in answer.answer
    else:
        assert answer.answer.startswith("公报未直接说明") and 1 <= len(answer.citations) <= 3


@pytest.mark.parametrize("question", [
    "朔州市住房公积金贷款最高额度是多少", "怎么申请新生儿医保", "2023年朔州市最低工资标准是多少", "失业保险金每月能领多少",
    "《朔州市“十四五”卫生健康规划》的文号是多少",  # not the 营商环境 plan, the closest document
    "《中国教育现代化2035》是哪个部门发布的",  # cited by the education plan, not printed in the issue
])
def test_refuses_what_the_gazette_does_not_say(service, question):
    answer = service.ask(question)
    check_refusal(answer)
    assert len(answer.related) <= 3


@pytest.mark.parametrize(("question", "related"), [
    ("朔州市图书馆开放时间", "朔政发〔2022〕41号"),  # the plan names the library, never its hours
    ("朔州到太原的高铁什么时候通车", "朔政发〔2022〕41号"),  # it plans railways, gives no opening date
])
def test_refuses_when_the_gazette_names_the_subject_but_not_the_fact_asked(service, question, related):
    answer = service.ask(question)
    check_refusal(answer)
    shown = [c.doc_number for c in answer.citations] + [r.doc_number for r in answer.related]
    assert related in shown  # where to look, not an answer
    check_contract(service, answer)


def test_required_terms_skip_question_frames_and_glued_pieces(service):
    from assistant.analysis import analyse

    required = service.extractive.words.required_terms
    assert "时间" in required(analyse("朔州市图书馆开放时间"))
    assert "时间" not in required(analyse("应急预案什么时间开始施行"))
    assert "前要" not in required(analyse("各县年度地下水工作计划几号前要报备案"))
    # A frame word does not turn an answerable question into a refusal.
    answer = service.ask("文旅突发事件应急预案什么时间开始施行")
    assert not answer.refused and "自印发之日起施行" in answer.answer
    assert answer.citations[0].doc_number == "朔政办发〔2022〕25号"


def test_a_named_post_is_answered_from_the_personnel_list(service):
    answer = service.ask("请问市水利局局长是谁")
    assert answer.answer.startswith("李永强 市水利局局长")
    assert answer.citations[0].doc_number == "朔政办函〔2022〕74号" and answer.citations[0].page in (127, 128)
    # The gazette lists deputy mayors only: a deputy's post does not answer for the post.
    check_refusal(service.ask("朔州市市长是谁"))


def test_the_line_that_names_the_post_asked_leads_the_answer(service):
    # A sentence about the task force outranks its 「组 长：…」 line on words; the line has the post.
    answer = service.ask("打击危害药品安全违法犯罪那个工作专班，组长是谁？")
    assert not answer.refused and answer.confidence == "high"
    assert "魏元平" in answer.citations[0].quote and answer.citations[0].doc_number == "朔政办函〔2022〕82号"


def test_an_office_named_by_its_own_name_has_its_director_on_the_line_in_its_section(service):
    # 「综合协调办公室主任」 is the 「主 任：」 line under 二、综合协调办公室; a committee's 办公室主任 is its office's
    answer = service.ask("应县到繁峙高速那个工作专班，综合协调办公室主任是谁？")
    assert not answer.refused and "尚兴阳" in answer.citations[0].quote
    answer = service.ask("教育督导委员会办公室主任是谁")
    assert "市教育局局长兼任" in answer.answer and answer.citations[0].doc_number == "朔政办函〔2022〕79号"


def test_a_count_of_people_is_graded_by_the_row_whose_range_holds_it(service):
    answer = service.ask("文旅突发事件死3人算几级？")
    assert answer.answer.startswith("较大突发事件") and answer.citations[0].doc_number == "朔政办发〔2022〕25号"
    assert service.ask("如果有300名游客滞留超过24小时，属于哪一级？").answer.startswith("重大突发事件")
    # a count in a condition the table does not speak of grades nothing
    assert not service.ask("2000人以上的村算哪一级").answer.startswith("特别重大")


def test_a_section_asked_for_by_its_heading_lists_its_run_in_heads(service):
    answer = service.ask("地下水超采综合治理有哪些基本原则啊？")
    assert not answer.refused
    assert all(head in answer.answer for head in ("总量控制，计划开采", "科学规划，综合治理", "合理配置，加强调控"))
    assert {c.doc_number for c in answer.citations} == {"朔政办发〔2022〕27号"}
    source = service.index.source_text(service.index.document("朔政办发〔2022〕27号").issue_id)
    assert all(c.page is not None and c.quote in source for c in answer.citations)  # each head quoted verbatim


def test_letters_and_digits_stay_one_word(service):
    assert "5a" in service.index.keyword.tokens("朔州有哪些5A级景区")
    check_refusal(service.ask("朔州有哪些5A级景区"))
    answer = service.ask("朔州有哪些4A级景区")
    assert "清凉山景区" in answer.answer and answer.citations[0].doc_number == "朔政发〔2022〕41号"


def test_table_rows_read_as_sentences(service):
    from assistant.claims import render_row

    table = [c for c in service.index.chunks if c.doc_number == "朔政办发〔2022〕27号" and c.kind == "table_row"]
    yingxian = render_row(next(c for c in table if "应县" in c.text))
    assert "第4项 应县：压减目标：460万立方米；年度压减计划：2021年110、2022年40、2023年70、2024年220、2025年20（万立方米）" in yingxian
    total = render_row(next(c for c in table if c.row_key == "合计"))
    assert "」合计：压减目标：1490万立方米" in total


@pytest.mark.parametrize("question", ["你好", "你是谁", "  ", "谢谢！"])
def test_smalltalk_gets_a_short_reply_without_search(service, question):
    answer = service.ask(question)
    assert answer.mode == "smalltalk" and not answer.citations and not answer.retrieved
    assert answer.answer


def test_question_length_limit(service):
    from assistant.errors import QuestionError

    with pytest.raises(QuestionError, match="太长"):
        service.ask("地下水" * 300)


def test_answer_is_concise(service):
    for q in ["谁负责地下水压采考核", "网络货运企业的安全教育由谁负责", "学前教育普惠率目标是多少"]:
        answer = service.ask(q)
        sentences = [s for s in re.split(r"(?<=[。！？])", answer.answer) if s.strip()]
        assert 1 <= len(sentences) <= 4


def test_a_question_about_using_results_is_not_smalltalk(service):
    answer = service.ask("地下水压采考核结果如何使用")
    assert answer.mode == "extractive" and answer.citations[0].doc_number == "朔政办发〔2022〕27号"


def test_english_question_gets_a_note_that_the_gazette_is_chinese(service):
    answer = service.ask("Who is responsible for groundwater over-extraction assessment in Shuozhou?")
    assert answer.notice and "Chinese" in answer.notice
    assert answer.retrieved[0].doc_number == "朔政办发〔2022〕27号"


def test_a_named_person_is_found_on_every_list(service):
    answer = service.ask("李占山担任哪些职务")
    assert not answer.refused
    assert {c.doc_number for c in answer.citations} == {"朔政办函〔2022〕79号", "朔政办函〔2022〕82号"}
    assert all("李占山" in c.quote for c in answer.citations)
    check_contract(service, answer)


def test_only_words_of_the_language_count_as_unknown_subjects(service):
    from assistant.analysis import analyse

    unknown = service.extractive.words.unknown_nouns
    # 井应 is jieba's HMM gluing 井 to the modal 应: a mis-cut, not a subject the gazette lacks.
    assert unknown(analyse("对近年来新凿的农业灌溉井应如何处理")) == []
    assert "房价" in unknown(analyse("朔州市区房价现在多少"))
    # a noun made of the gazette's words (成员 + 名单) names nothing it lacks
    assert unknown(analyse("教育督导委员会成员名单")) == []
    assert "新生儿" in unknown(analyse("新生儿落户怎么办"))
    # jieba's cut, not the asker's word: 学生会 in 「要求学生会唱啥」, 库里 in 「重点项目库里」
    assert unknown(analyse("美育要求学生会唱啥歌")) == []
    assert "库里" not in unknown(analyse("文旅规划重点项目库里大剧院设计了多少个座位"))


def test_members_asked_for_are_the_member_lines_not_a_heading_with_the_word(service):
    answer = service.ask("药品安全专班成员有哪些人？")
    assert answer.citations and answer.citations[0].doc_number == "朔政办函〔2022〕82号"
    assert "霍秀锦" in answer.answer  # 成员：… the member lines, not 「各成员单位各负其责」


def test_who_carries_out_a_task_leads_the_answer(service):
    answer = service.ask("高速公路差异化收费优惠政策由哪个单位负责落实？")
    assert answer.citations and answer.citations[0].doc_number == "朔政办发〔2022〕26号"
    assert answer.answer.startswith("责任单位：朔州高速公路管理有限公司")


@pytest.mark.parametrize("question", [
    "《朔州市“十三五”教育事业发展规划》的文号是多少？",  # the issue holds the 十四五 plan, not this one
    "公报2023年第1期里的卫生健康规划是哪天印发的？",  # an issue that is not indexed
    "2021年朔州市政府公报第5期收录了哪些文件？",  # the issue's number is indexed, its year is not
    "2019年《朔州市人民政府公报》第三期都有哪些文件？",  # the gazette's name quoted, the number in words
    "What was the document number of the notice on fair competition review issued in 2020?",
])
def test_a_document_or_issue_the_index_lacks_is_not_answered_with_another(service, question):
    answer = service.ask(question)
    assert answer.refused and not answer.citations


def test_documents_of_a_day_are_listed_from_their_cards(service):
    answer = service.ask("2022年9月6日印发的文件有哪些？")
    assert not answer.refused
    assert {c.doc_number for c in answer.citations} == {d.doc_number for d in service.index.documents
                                                        if d.date == "2022-09-06"}
    # A day named in a question about one document picks the document of that day.
    answer = service.ask("9月6日印发的那个规划文号是多少")
    found = service.index.document(answer.citations[0].doc_number)
    assert found is not None and found.date == "2022-09-06"


def test_documents_of_a_day_without_its_year_and_of_two_issuers(service):
    answer = service.ask("我记得9月6日那天市里发了两个文件，一个是市政府发的、一个是市政府办公室发的，分别是什么文件？")
    assert {c.doc_number for c in answer.citations} == {d.doc_number for d in service.index.documents
                                                        if d.date == "2022-09-06"}
    assert answer.answer.startswith("共2份")
    # one issuer named inside the name of a body (市政府教育督导委员会) is no second issuer asked
    answer = service.ask("市政府办公室印发的文件有哪些，包括调整市政府教育督导委员会的那个")
    assert {c.doc_number for c in answer.citations} <= OFFICE


@pytest.mark.parametrize("question", [
    "山阴县2022年度土地征收成片开发方案的批复文号是多少",  # the issue holds the county's 2021 plan
    "山阴县2022年的土地征收成片开发方案批下来没有？",
    "朔州十四五交通运输规划是哪个文号啊",  # a plan of a subject no document has
])
def test_a_document_named_with_another_year_or_subject_is_not_answered_with_this_one(service, question):
    answer = service.ask(question)
    assert answer.refused and not answer.citations


def test_a_document_named_with_its_own_year_or_a_short_subject_is_found(service):
    assert service.ask("山阴县2021年土地征收成片开发方案的批复文号是多少").citations[0].doc_number == "朔政函〔2022〕90号"
    assert service.ask("朔州十四五文旅规划是哪个文号").citations[0].doc_number == "朔政发〔2022〕41号"
    assert service.ask("十四五教育规划哪天印发的").citations[0].doc_number == "朔政发〔2022〕34号"
    assert service.ask("“十四五”文化和旅游发展规划文号").citations[0].doc_number == "朔政发〔2022〕41号"
    assert service.ask("十四五时期的文旅规划文号").citations[0].doc_number == "朔政发〔2022〕41号"


def test_a_document_that_names_no_interpreting_department_is_not_answered_with_another_ones(service):
    without = [d for d in service.index.documents if not d.interpreter]
    assert any(d.doc_number == "朔政发〔2022〕40号" for d in without)
    answer = service.ask("营商环境规划谁负责解读")
    assert answer.refused and not answer.citations
    assert service.ask("地下水方案谁解读").citations[0].doc_number == "朔政办发〔2022〕27号"


def test_every_document_that_writes_a_name_is_listed_with_its_sentence(service):
    answer = service.ask("「一枚印章管審批」在本期哪幾份文件裡出現過？")
    writing = {d.doc_number for d in service.index.documents
               if "一枚印章管审批" in compact(service.index.source_text(d.issue_id)[d.start:d.end])}
    assert len(writing) >= 3 and {c.doc_number for c in answer.citations} == writing
    assert all("一枚印章管审批" in compact(c.quote) for c in answer.citations)
    # a person on two member lists: each list line, with the post
    answer = service.ask("吴军这个人出现在本期哪些文件里")
    assert {c.doc_number for c in answer.citations} == {"朔政办函〔2022〕74号", "朔政办函〔2022〕79号"}
    assert all("市规划和自然资源局副局长" in c.quote for c in answer.citations)


OFFICE = {"朔政办发〔2022〕25号", "朔政办发〔2022〕26号", "朔政办发〔2022〕27号", "朔政办函〔2022〕74号",
          "朔政办函〔2022〕78号", "朔政办函〔2022〕79号", "朔政办函〔2022〕82号"}
GOVERNMENT = {"朔政发〔2022〕20号", "朔政发〔2022〕34号", "朔政发〔2022〕40号", "朔政发〔2022〕41号", "朔政函〔2022〕90号"}


@pytest.mark.parametrize("question, expected", [
    ("9月份印发了哪些文件", {"朔政发〔2022〕34号", "朔政发〔2022〕40号", "朔政发〔2022〕41号", "朔政函〔2022〕90号",
                             "朔政办发〔2022〕26号", "朔政办发〔2022〕27号", "朔政办函〔2022〕78号", "朔政办函〔2022〕79号"}),
    ("哪些文件是市政府办公室印发的", OFFICE),
    ("这期公报收录了哪些文件", OFFICE | GOVERNMENT),
    ("2022年《朔州市人民政府公报》第五期都有哪些文件？", OFFICE | GOVERNMENT),  # no issuer: the gazette's name
])
def test_documents_of_a_month_an_issuer_or_the_issue_are_listed(service, question, expected):
    answer = service.ask(question)
    assert not answer.refused and {c.doc_number for c in answer.citations} == expected
    assert answer.answer.startswith(f"共{len(expected)}份")


@pytest.mark.parametrize("question", ["要求10月底前完成的通知有哪些", "有哪些文件"])
def test_a_deadline_or_no_issue_named_is_no_catalogue(service, question):
    assert not service.ask(question).answer.startswith("共")


def test_a_question_inside_one_part_is_not_answered_with_the_list_of_parts(service):
    answer = service.ask("文旅规划“10+N”IP体系里的十大重点IP是哪些？")
    assert "峙峪猎马人" in answer.answer and "玉龙赛马" in answer.answer  # the members of the part named
    assert not answer.answer.startswith("IP体系建设包括")


def test_an_english_pronoun_in_a_later_question_of_a_message_is_the_earlier_subject(service):
    answer = service.ask("Where will the Yingxian museum project be built, and which unit is responsible for it?")
    second = answer.answer.split("\n")[1]
    assert second.startswith("which unit is responsible for it") and "负责/实施单位：应县人民政府" in second


def test_a_later_question_of_a_message_asks_about_the_document_the_earlier_answer_cited(service):
    answer = service.ask("市里是不是专门为应县至繁峙高速公路项目成立了工作专班？是哪个文件？")
    assert {c.doc_number for c in answer.citations} == {"朔政办函〔2022〕74号"}
    assert "文号为朔政办函〔2022〕74号" in answer.answer


def test_the_clause_that_names_the_heading_when_the_asking_clause_names_nothing(service):
    answer = service.ask("网络货运那个方案里，说要降低企业运营成本，具体有啥措施？")
    assert answer.answer.startswith("降低企业运营成本包括")  # not 「保障措施…」, which only shares 措施
    assert "差异化收费" in answer.answer and {c.doc_number for c in answer.citations} == {"朔政办发〔2022〕26号"}


def test_two_documents_asked_of_in_turn_are_each_answered(service):
    answer = service.ask("教育规划和文旅规划分别由哪个部门负责解读")
    assert {c.doc_number for c in answer.citations} == {"朔政发〔2022〕34号", "朔政发〔2022〕41号"}
    assert "朔州市教育局" in answer.answer and "朔州市文化和旅游局" in answer.answer


def test_two_documents_named_in_a_long_question_are_each_answered_from_their_cards(service):
    answer = service.ask("我在文旅局工作，想把文旅突发事件应急预案和文旅十四五规划放在一起学习，两个文件的文号分别是多少？")
    assert [c.doc_number for c in answer.citations] == ["朔政办发〔2022〕25号", "朔政发〔2022〕41号"]
    answer = service.ask("应繁高速和药品专班通知的发文日期")
    assert "2022年8月26日" in answer.answer and "2022年10月9日" in answer.answer


def test_a_document_asked_for_by_what_it_says_shows_where_it_says_it(service):
    answer = service.ask("哪个文件讲了导游证划转到审批局的事？")
    assert answer.citations[0].doc_number == "朔政发〔2022〕20号" and "导游证核发" in answer.answer
    assert answer.citations[1].quote in service.index.source_text("2022-05")


def test_a_unit_of_measure_asked_in_must_be_stated(service):
    stated = service.ask("网络货运平台企业审批要多少个工作日")
    assert not stated.refused and "20个工作日" in stated.answer
    unstated = service.ask("教师资格认定划到审批局以后，办下来要几个工作日")
    assert unstated.refused and unstated.confidence == "low"  # the item is there, its duration is not
    assert service.ask("小微企业用电报装多少千瓦以下零投资").answer.count("160KW") >= 1  # KW is 千瓦


def test_where_an_office_sits_is_said_with_设在(service):
    assert "市市场监管局" in service.ask("药品安全工作专班的办公室设在哪个部门").answer
    unplaced = service.ask("营商环境建设领导小组办公室设在哪个部门？")  # set up, never placed
    assert unplaced.refused and unplaced.confidence == "low"


def test_whom_a_notice_is_addressed_to_is_its_addressee_line(service):
    answer = service.ask("土地成片开发那个批复的主送单位是哪个")
    assert "山阴县人民政府" in answer.answer and answer.citations[0].doc_number == "朔政函〔2022〕90号"
    assert answer.citations[0].quote == "山阴县人民政府："


def test_the_gazettes_own_notice_is_meant_unless_the_cited_ones_words_are_used(service):
    answer = service.ask("一枚印章管审批事项划转规范的那个通知，文号是啥？")
    assert "文号为朔政发〔2022〕20号" in answer.answer


def test_a_bare_question_after_a_question_asks_it_again(service):
    # 「都有哪些」 names no topic of its own: the message asks one question, answered once
    answer = service.ask("应急预案里现场指挥部分了几个组？都有哪些？")
    assert answer.answer.count("专家指导组") == 1 and "宣传报道组" in answer.answer
    assert {c.doc_number for c in answer.citations} == {"朔政办发〔2022〕25号"}
    # a later question with a topic of its own is still asked in turn, and so is a short one that
    # asks another thing of the same subject
    two = service.ask("药品安全工作专班组长是谁？办公室设在哪个部门？")
    assert "魏元平" in two.answer and "市市场监管局" in two.answer
    dated = service.ask("药品安全工作专班组长是谁？哪天印发？")
    assert "魏元平" in dated.answer and "2022年" in dated.answer


def test_a_person_asked_of_on_a_named_list_gets_the_post_on_that_list(service):
    # 郭建华 is 成员 on the education committee's list and 副组长 on the drug task force's
    answer = service.ask("郭建华在教育督导委员会里是啥身份？")
    assert "成员：郭建华" in answer.answer and "副组长" not in answer.answer
    assert {c.doc_number for c in answer.citations} == {"朔政办函〔2022〕79号"}
    both = service.ask("郭建华担任什么职务")
    assert {c.doc_number for c in both.citations} == {"朔政办函〔2022〕79号", "朔政办函〔2022〕82号"}
    assert "副组长：郭建华" in both.answer


def test_asked_a_name_the_post_alone_does_not_answer(service):
    # The plan names the commander by post only (「指挥长：市政府分管…的副市长」): no name is stated
    answer = service.ask("文旅突发事件应急指挥部的指挥长叫什么名字？")
    assert answer.refused and answer.confidence == "low" and "副市长" in answer.answer
    assert len({c.quote for c in answer.citations}) == len(answer.citations)  # each sentence shown once
    named = service.ask("药品安全工作专班的组长叫什么名字")
    assert not named.refused and "魏元平" in named.answer


def test_a_document_named_by_its_subject_or_a_short_form_of_it_gets_its_card(service):
    assert "朔政发〔2022〕41号" in service.ask("文旅规划是哪天印发的").answer  # 文旅: 文化 旅游
    assert "朔政办发〔2022〕25号" in service.ask("文旅预案哪天发").answer  # 文化和旅游
    assert "朔政办发〔2022〕27号" in service.ask("地下水压采方案的文号").answer


def test_a_year_the_question_names_must_be_in_the_answer_as_written(service):
    # the reply approves the county's 2021 plan: a 2024 plan is another one (2024 shares digits with 2021)
    other = service.ask("2024年市政府批复山阴县的土地征收成片开发方案，开发面积多少？")
    assert other.confidence != "high" and "366.8236" not in other.answer.split("可能相关")[0]
    this = service.ask("山阴县2021年土地征收成片开发方案的开发总面积是多少")
    assert not this.refused and "366.8236" in this.answer


def test_the_documents_own_year_is_in_its_number_and_date(service):
    answer = service.ask("2022年网络货运行动方案里平台企业审批时限是多久")
    assert not answer.refused and "20个工作日" in answer.answer


def test_a_sentence_of_clauses_is_a_unit_whole():
    from corpus.sentences import clause_lists

    text = "1.3 工作原则\n坚持以人为本、预防为主；统一领导、分级负责；科学高效、依法规范的原则。\n其他内容不分句。"
    assert clause_lists(text) == ["坚持以人为本、预防为主；统一领导、分级负责；科学高效、依法规范的原则。"]


def test_a_principles_question_is_answered_with_the_whole_sentence(service):
    answer = service.ask("文旅突发事件应急预案的工作原则是什么？")
    assert answer.confidence == "high" and answer.citations[0].doc_number == "朔政办发〔2022〕25号"
    assert all(p in answer.answer for p in ("以人为本", "统一领导、分级负责", "属地为主", "依法规范"))


def test_a_line_labelled_as_the_question_names_is_the_answer_itself():
    from assistant.asked import labelled_as_asked

    assert labelled_as_asked("中药材：白芍、连翘、柴胡、黄芪、黄芩。", "朔州中药材特产") == 1.0
    assert labelled_as_asked("中药材：白芍、连翘、柴胡、黄芪、黄芩。", "朔州有啥酒") == 0.0
    assert labelled_as_asked("丰富的中药材等资源。", "朔州中药材特产") == 0.0


def test_an_english_question_that_counts_things_gets_the_parts_the_gazette_names(service):
    answer = service.ask("What are the two belts of the culture and tourism plan's layout?")
    assert not answer.refused
    assert "长城文化旅游带" in answer.answer and "桑干河生态经济带" in answer.answer
    assert {c.doc_number for c in answer.citations} == {"朔政发〔2022〕41号"}
    # a counted name the gazette writes in a sentence, not as a heading (「…“四大工程”」)
    projects = service.ask("What are the four major projects of the culture and tourism plan?")
    assert "桑干河生态经济带打造" in projects.answer and "长城国家文化公园建设" in projects.answer
    # 「the five zones of the Guangwu park」 are not the plan's 五片区: no confident answer lists them
    park = service.ask("What five functional zones are planned for the Guangwu Great Wall National Cultural Park?")
    assert not (park.confidence == "high" and "工业体验旅游片区" in park.answer)


def test_words_of_the_documents_title_do_not_single_out_a_sentence_of_it(service):
    # every sentence of the groundwater plan writes 地下水; the one that states the total cut answers
    total = service.ask("地下水总压减量")
    assert "1490万立方米" in total.answer and total.citations[0].doc_number == "朔政办发〔2022〕27号"
    review = service.ask("公平竞争审查由谁审查")
    assert "谁起草、谁审查" in review.answer and review.citations[0].doc_number == "朔政办函〔2022〕78号"


def test_a_documents_card_gives_its_pages_and_publication_note_when_asked(service):
    pages = service.ask("文旅规划在公报第几页")
    assert pages.citations[0].doc_number == "朔政发〔2022〕41号" and "第71–103页" in pages.answer
    public = service.ask("Is the notice on further promoting the fair competition review system released to the public?")
    assert public.citations[0].doc_number == "朔政办函〔2022〕78号" and "此件公开发布" in public.answer
    # the reply of this issue is about 山阴县: a reply about another county is not in it
    assert service.ask("朔城区成片开发批复的文号").refused
    # a document the issue cites without its 文号: the gazette does not give it
    assert service.ask("《朔州市促进服务业提质增效二十条工作措施》的文号是多少").refused
    # pages asked as people ask: a search box, a full stop, an English question, and the other way round
    for question, number, pages in (("药品专班 页码", "朔政办函〔2022〕82号", "第132–133页"),
                                    ("网络货运行动方案在第几页。", "朔政办发〔2022〕26号", "第118–121页"),
                                    ("What page is the fair competition review notice on?", "朔政办函〔2022〕78号",
                                     "第129–130页"),
                                    ("本期公报第129页刊登的是哪份文件？", "朔政办函〔2022〕78号", "第129–130页")):
        answer = service.ask(question)
        assert answer.citations[0].doc_number == number and pages in answer.answer, question


def test_a_document_cited_is_found_by_the_verb_that_cites_it(service):
    for question, cited in (("网络货运行动方案援引了省政府办公厅的哪一份文件？请给出文号。", "晋政办发〔2022〕6号"),
                            ("公平竞争审查通知里提到的去年那个市政府办公室文件，文号是啥", "朔政办函〔2021〕93号"),
                            ("一枚印章管审批划转通知依据的省政府文件文号是多少", "晋政发〔2021〕47号")):
        answer = service.ask(question)
        assert answer.answer.startswith("所问文件为") and cited in answer.answer.split("[1]")[0], question


def test_a_day_named_from_today_is_no_news_of_a_gazette(service):
    assert service.ask("明天会下雨吗？").refused
    assert service.ask("这周天气咋样，适合去景区玩不？").refused


def test_a_post_of_a_body_is_read_from_a_member_line_wrapped_over_two_lines(service):
    answer = service.ask("市规划和自然资源局局长是谁？")
    assert "文建华" in answer.answer and answer.citations[0].doc_number == "朔政办函〔2022〕74号"
    chained = service.ask("朔州高速公路管理有限公司在网络货运行动方案中承担何项任务？其董事长在应县至繁峙高速公路"
                          "项目建设工作专班中系何人？")
    assert "赵寿基" in chained.answer
    assert {c.doc_number for c in chained.citations} >= {"朔政办发〔2022〕26号", "朔政办函〔2022〕74号"}


def test_where_in_a_document_a_thing_is_written_is_answered_by_its_headings(service):
    answer = service.ask("教育规划哪一章讲特殊教育")
    assert not answer.refused and "第六章 推动特殊教育公平融合发展" in answer.answer
    assert answer.citations[0].doc_number == "朔政发〔2022〕34号" and "特殊教育" in answer.citations[0].quote
    english = service.ask("Which boxed column in the culture and tourism plan lists the night food streets?")
    assert "夜游活动、场所规划" in english.answer and english.citations[0].doc_number == "朔政发〔2022〕41号"


def test_a_count_asked_for_a_year_is_stated_for_that_year(service):
    stated = service.ask("2019年旅游总收入")
    assert not stated.refused and "316.3亿元" in stated.answer
    other_years = service.ask("2021年游客接待量")  # the plan gives 2016, 2019 and 2020 only
    assert other_years.refused and other_years.confidence == "low"


def test_a_count_asked_by_its_noun_alone_is_answered_by_the_count(service):
    answer = service.ask("义务教育阶段学校数量")  # 数量 names the slot; the gazette writes 「211所」
    assert not answer.refused and "211所" in answer.answer
    assert service.ask("应繁高速的里程是多少").refused  # a length is stated in 公里, and is not


def test_papers_or_steps_asked_of_a_catalogued_matter_are_not_stated(service):
    answer = service.ask("办理排污许可要交哪些材料")  # the catalogue names the matter, not its papers
    assert answer.refused and answer.citations[0].doc_number == "朔政发〔2022〕20号"


def test_a_query_that_ends_with_a_post_is_answered_by_who_holds_it(service):
    answer = service.ask("文旅突发事件应急指挥部指挥长")
    assert not answer.refused and "分管文化和旅游、文物工作的副市长" in answer.answer


def test_a_county_the_answer_does_not_name_is_not_answered(service):
    # 怀仁市 is read as a person's name by the tagger, yet the gazette lists it with its counties
    answer = service.ask("怀仁市的土地征收成片开发方案市里批复了吗？")  # only 山阴县's is approved
    assert answer.refused and answer.confidence == "low"
    assert "480万立方米" in service.ask("怀仁的地下水压减目标是多少").answer


def test_a_post_asked_in_english_needs_that_post_not_its_deputy(service):
    answer = service.ask("Who is the mayor of Shuozhou?")  # the gazette names only vice mayors
    assert answer.refused
    assert "田东" in service.ask("Who is the director of the education supervision committee?").answer


def test_how_many_items_a_catalogue_holds_is_its_captions_count(service):
    answer = service.ask("调整回原行业主管部门实施的事项有多少项")  # 主管 in what is counted asks no one
    assert "（90项）" in answer.answer.split("[1]")[0] and answer.citations[0].doc_number == "朔政发〔2022〕20号"
