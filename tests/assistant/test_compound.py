"""Questions about two subjects: split, answered one by one, joined with renumbered citations."""

from assistant.answer import Answer, Citation
from assistant.compound import join_answers, split_compound, split_questions


def has_topic(text):
    """Stand-in for the gazette's vocabulary: a subject names a topic unless it is only a post."""
    return text not in ("副主任", "副组长")


def test_split_only_questions_about_two_subjects():
    assert split_compound("怀仁市和应县分别要压减多少地下水", has_topic) == [
        "怀仁市要压减多少地下水", "应县要压减多少地下水"]
    assert split_compound("何向荣与田东各自担任什么职务", has_topic) == ["何向荣担任什么职务", "田东担任什么职务"]
    assert split_compound("甲专班跟乙专班的组长各是谁", has_topic) == ["甲专班的组长是谁", "乙专班的组长是谁"]
    assert split_compound("应县、怀仁市和山阴县分别要压减多少", has_topic) == [
        "应县要压减多少", "怀仁市要压减多少", "山阴县要压减多少"]
    assert split_compound("谁负责地下水压采考核", has_topic) is None
    assert split_compound("市水利局和市发改委负责什么", has_topic) is None  # no 分别: one question about a group
    # posts of one body: the body is asked of each post
    assert split_compound("市安委会主任和副主任分别是谁", has_topic) == ["市安委会主任是谁", "市安委会副主任是谁"]
    assert split_compound("专班用地保障组的组长、副组长分别由何人担任？", has_topic) == [
        "专班用地保障组的组长由何人担任？", "专班用地保障组的副组长由何人担任？"]
    assert split_compound("组长、副组长分别是谁", has_topic) is None  # of no body named: one question
    assert split_compound("城区和农村各类学校有几所", has_topic) is None


def _answer(question, text, numbers, confidence="high"):
    cites = [Citation(n=i, doc_number=n, title="t", quote="q") for i, n in enumerate(numbers, start=1)]
    return Answer(question=question, answer=text, citations=cites, confidence=confidence, refused=confidence != "high")


def test_join_renumbers_citations_and_states_what_is_stated():
    a = _answer("怀仁市要压减多少地下水？", "480万立方米[1]。", ["甲号"])
    b = _answer("应县要压减多少地下水", "公报未直接说明这一问题，以下条文可能相关：…[1]。…[2]。",
                ["乙号", "丙号"], "low")
    joined = join_answers("怀仁市和应县分别要压减多少地下水", [a, b])
    assert joined.answer == ("怀仁市要压减多少地下水：480万立方米[1]。\n"
                             "应县要压减多少地下水：公报未直接说明这一问题，以下条文可能相关：…[2]。…[3]。")
    assert [(c.n, c.doc_number) for c in joined.citations] == [(1, "甲号"), (2, "乙号"), (3, "丙号")]
    assert joined.confidence == "high" and not joined.refused
    assert join_answers("q", [b, b]).refused
    # a part is labelled by its asking sentence, not by the asker's background before it
    c = _answer("我是县里的小学老师，听说要搞卓越教师培养工程。想问一下是哪几个“通”", "通国家政策[1]。", ["甲号"])
    assert join_answers("q", [c, a]).answer.startswith("想问一下是哪几个“通”：通国家政策[1]。")


def test_split_a_message_that_asks_in_turn():
    assert split_questions("教育规划对综合实践活动有什么要求？文旅规划里又打算建设什么研学基地？") == [
        "教育规划对综合实践活动有什么要求？", "文旅规划里又打算建设什么研学基地？"]
    # Context without a question goes with the question after it; 另外 starts the next one.
    assert split_questions("我是小学老师，想组织学生研学。教育规划有什么要求？另外文旅规划建设什么基地") == [
        "我是小学老师，想组织学生研学。教育规划有什么要求？", "文旅规划建设什么基地"]
    assert split_questions("What does the plan ask for? And who leads it?") == [
        "What does the plan ask for?", "And who leads it?"]
    assert split_questions("By what date must counties file their plans, and to which agency?") == [
        "By what date must counties file their plans", "to which agency?"]


def test_what_stands_before_在_is_asked_of_every_subject():
    assert split_compound("王某在教育督导委员会和药品安全工作专班里分别是啥身份？", lambda s: True) == [
        "王某在教育督导委员会是啥身份？", "王某在药品安全工作专班里是啥身份？"]
    assert split_compound("现在教育规划和文旅规划分别由哪个部门解读", lambda s: True) == [
        "现在教育规划由哪个部门解读", "文旅规划由哪个部门解读"]  # 现在 is no head


def test_a_new_subject_named_before_a_question_leads_it():
    assert split_questions("那用电这块呢？规划里对小微企业用电报装有没有优惠？") is None
    assert split_questions("那应县呢？我有亲戚在那边，想知道用什么水源？另外谁负责验收？") == [
        "那应县呢？我有亲戚在那边，想知道用什么水源？", "谁负责验收？"]
    assert split_questions("教育规划谁解读？那文旅规划呢？") == ["教育规划谁解读？", "那文旅规划呢？"]  # the last asks
    # after a question, the cue asks that question of its subject: it leads nothing after it
    assert split_questions("教育规划谁解读？那文旅规划呢？另外哪天印发的？") == [
        "教育规划谁解读？", "那文旅规划呢？", "哪天印发的？"]


def test_an_english_second_question_after_a_comma_and():
    assert split_questions("How many positions are offered each year, and what is the cap on the share?") == [
        "How many positions are offered each year", "what is the cap on the share?"]
    assert split_questions("Which schools and colleges are listed in the plan?") is None


def test_one_question_is_not_split():
    assert split_questions("谁负责地下水压采考核？") is None
    assert split_questions("我看预案里说主任由局长兼任，想问一下这位局长叫什么名字？") is None
    assert split_questions("二次划转啥意思？这个我不太懂。") is None  # the second part asks nothing
    assert split_questions("何向荣同志几乎都参加了；另外他任什么职务？") is None  # 何 and 几乎 ask nothing


def test_two_subjects_named_again_before_each_and_a_shared_attribute():
    assert split_compound("甲专班和乙专班这俩通知，分别是哪天发的？", lambda text: True) == [
        "甲专班是哪天发的？", "乙专班是哪天发的？"]
    assert split_compound("教育规划和文旅规划的文号分别是多少", lambda text: True) == [
        "教育规划的文号是多少", "文旅规划的文号是多少"]


def test_english_subjects_asked_respectively():
    parts = split_compound("Which bodies interpret the education plan and the tourism plan, respectively?",
                           lambda text: "plan" in text)
    assert parts == ["Which bodies interpret the education plan?", "Which bodies interpret the tourism plan?"]
    assert split_compound("Who heads the office and the group, respectively?", lambda text: "plan" in text) is None


def test_english_pieces_keep_a_space_between_them():
    assert split_questions("The plan is new; and who leads it? What does it cost?") == [
        "The plan is new who leads it?", "What does it cost?"]


def test_a_second_clause_that_asks_again_of_another_subject_is_a_question():
    assert split_questions("西山规划由谁解读，东湖规划又由谁解读？") == ["西山规划由谁解读", "东湖规划又由谁解读？"]
    assert split_questions("甲专班组长是谁，乙专班组长又是谁") == ["甲专班组长是谁", "乙专班组长又是谁"]
    # one subject asked two things: each is answered (the second as a follow-up of the first)
    assert split_questions("平台审批要多久，还要哪些材料") == ["平台审批要多久", "还要哪些材料"]
    # the same subject in another document: the subject before 在 goes with the second question
    assert split_questions("西山县在甲方案里压减多少，在乙规划里是什么片区") == [
        "西山县在甲方案里压减多少", "西山县在乙规划里是什么片区"]
    assert split_questions("Who leads the expressway task force and who leads the drug safety task force?") == [
        "Who leads the expressway task force", "who leads the drug safety task force?"]
    assert split_questions("Who approves the land plan and how?") is None


def test_what_both_subjects_are_asked_about_goes_with_each():
    assert split_compound("营商规划和货运方案对降低用电成本各有什么说法", lambda s: True) == [
        "营商规划对降低用电成本有什么说法", "货运方案对降低用电成本有什么说法"]
    assert split_compound("营商规划和促进就业规划各有什么目标", lambda s: True) == [
        "营商规划有什么目标", "促进就业规划有什么目标"]  # 就 inside a name is not what both are asked about


def test_two_documents_asked_of_after_a_comma_keep_their_names_whole():
    assert split_compound("甲县土地征收的批复和乙专班的通知，分别是哪天签发的？", lambda s: True) == [
        "甲县土地征收的批复是哪天签发的？", "乙专班的通知是哪天签发的？"]


def test_a_card_attribute_of_two_documents_needs_no_分别():
    assert split_compound("甲高速专班和乙专班通知的发文日期", lambda s: True) == [
        "甲高速专班的发文日期", "乙专班通知的发文日期"]
    # a 和 inside one document's title joins no two documents
    assert split_compound("文化和旅游突发事件应急预案的文号", lambda s: True,
                          lambda text: text in "西山市文化和旅游突发事件应急预案") is None
    assert split_compound("甲规划和乙方案的主要内容", lambda s: True) is None  # not a card attribute


def test_two_documents_named_before_they_are_asked_of():
    assert split_compound("我同时负责教育规划和文旅规划的宣传，想知道这两个“十四五”规划分别由哪个部门解读？",
                          lambda s: True) == ["教育规划由哪个部门解读？", "文旅规划由哪个部门解读？"]
    assert split_compound("想把甲预案和乙规划放在一起学，两个文件的文号分别是多少", lambda s: True) == [
        "甲预案的文号是多少", "乙规划的文号是多少"]


def test_english_card_attribute_of_two_documents():
    assert split_compound("When were the education plan and the tourism plan issued?", lambda s: True) == [
        "When was the education plan issued?", "When was the tourism plan issued?"]
    assert split_compound("What are the document numbers of the water plan and the freight notice?",
                          lambda s: True) == ["What is the document number of the water plan?",
                                              "What is the document number of the freight notice?"]


def test_同_and_跟_inside_words_join_nothing():
    assert split_compound("对不同规模企业分别给予多少补贴", lambda s: True) is None
    assert split_compound("小微企业同时享受的两项补贴分别是多少", lambda s: True) is None
    assert split_compound("甲专班和乙专班的通知分别是哪天发的", lambda s: True) == [
        "甲专班的通知是哪天发的", "乙专班的通知是哪天发的"]  # the kind after the second is both's


def test_english_card_attribute_asked_respectively():
    parts = split_compound("When were the education plan and the tourism plan issued, respectively?", lambda s: True)
    assert parts == ["When was the education plan issued?", "When was the tourism plan issued?"]


def test_a_clause_that_asks_after_one_that_asked_is_a_second_question():
    assert split_questions("应急预案是什么时候印发的，从什么时候开始施行？") == [
        "应急预案是什么时候印发的", "从什么时候开始施行？"]
    assert split_questions("When was the plan issued, and from when does it take effect?") == [
        "When was the plan issued", "from when does it take effect?"]
    # asked of each, offered as choices, several (好几个), or both on the document's card: one question
    for one in ("哪些部门参与，分别负责什么", "奖补资金按什么标准给，每吨或者每单补多少钱",
                "他在好几个机构里挂了名，都是哪些机构", "这个规划是哪年印发的，文号是多少？",
                "我们县想把年度计划报上去，应该什么时候之前报给谁",
                # a question word put to no one: 不知道找谁, 没什么钱
                "我不知道找谁，该怎么办", "没什么钱，低保怎么申请"):
        assert split_questions(one) is None, one


def test_a_question_word_in_a_sentence_closed_with_a_full_stop_tells_rather_than_asks():
    message = ("我在县审批局上班。有几项目录外的事项已经划到我们局，可其中一项不适合。"
               "想把它退回原部门，需要经过什么程序？")
    assert split_questions(message) is None
    assert split_questions("导游证归谁管，办理要几天？") == ["导游证归谁管", "办理要几天？"]


def test_what_is_asked_of_each_may_follow_the_comma():
    assert split_compound("甲高速那个专班和打击违法的专班，组长分别是谁呀？", lambda text: True) == [
        "甲高速那个专班的组长是谁呀？", "打击违法的专班的组长是谁呀？"]
