"""Sub-headings of a section, in document order, from the chunks' section paths."""

from assistant.outline import ancestors, children, top_parts
from corpus.model import Chunk


def chunk(n, section, doc="甲号"):
    return Chunk(id=f"c{n}", doc_number=doc, title="规划", issuer="", date="", issue_id="i", kind="text",
                 section=section, text=section.rsplit(" › ", 1)[-1], start=n * 10, end=n * 10 + 9, page=1, end_page=1)


CHUNKS = [chunk(1, "规划 › （三）三龙头"),
          chunk(2, "规划 › （三）三龙头 › 1. 应县木塔"), chunk(3, "规划 › （三）三龙头 › 1. 应县木塔"),
          chunk(4, "规划 › （三）三龙头 › 2. 全景右玉景区 › （1）细则"),
          chunk(5, "规划 › （三）三龙头 › 3. 广武长城"), chunk(6, "规划 › （四）五片区 › 1. 文化休闲片区"),
          chunk(7, "规划 › （三）三龙头 › 9. 别的文件", doc="乙号")]


def test_children_are_the_next_level_in_order_once_each():
    names = [name for name, _ in children(CHUNKS, "甲号", "规划 › （三）三龙头")]
    assert names == ["1. 应县木塔", "2. 全景右玉景区", "3. 广武长城"]
    assert children(CHUNKS, "甲号", "规划 › （三）三龙头")[0][1].id == "c2"  # the first passage under it
    assert children(CHUNKS, "甲号", "规划 › （三）三龙头 › 3. 广武长城") == []


def test_ancestors_deepest_first():
    assert ancestors("a › b › c") == ["a › b › c", "a › b", "a"]


def test_a_heading_is_named_only_when_it_holds_most_of_the_question():
    from assistant.outline import named_heading, parents_by_document
    sections = parents_by_document(CHUNKS)["甲号"]
    assert sections == ["规划 › （三）三龙头", "规划 › （三）三龙头 › 2. 全景右玉景区", "规划 › （四）五片区"]
    def tokens(text: str) -> frozenset[str]:
        return frozenset({"三龙头", "龙头", "五片区", "片区"}
                         & {text[i:j] for i in range(len(text)) for j in range(i, len(text) + 1)})

    assert named_heading(sections, {"三龙头": 6.0, "三个": 6.0}, frozenset(), tokens) == "规划 › （三）三龙头"
    assert named_heading(sections, {"三龙头": 6.0, "资金": 4.0, "要求": 3.0}, frozenset(), tokens) is None
    # 「在三龙头部分提出了哪些方面」: 部分 and 方面 name parts of a document, not the heading's words
    asked = {"三龙头": 6.0, "部分": 6.3, "方面": 4.8}
    assert named_heading(sections, asked, frozenset(), tokens) == "规划 › （三）三龙头"
    # The heading that holds the most of the question wins over an earlier one that holds enough.
    boxed = ["规划 › （三）提升效能", "规划 › （三）提升效能 › 专栏 效能提升项目"]
    def box_tokens(text: str) -> frozenset[str]:
        return frozenset(w for w in ("效能", "提升", "项目") if w in text)

    asked_box = {"效能": 5.2, "提升": 3.0, "项目": 2.7}
    assert named_heading(boxed, asked_box, frozenset(), box_tokens) == "规划 › （三）提升效能 › 专栏 效能提升项目"


def text_chunk(n, section, text):
    return Chunk(id=f"t{n}", doc_number="丙号", title="方案", issuer="", date="", issue_id="i", kind="text",
                 section=section, text=text, start=n * 100, end=n * 100 + 99, page=1, end_page=1)


PRINCIPLES = "方案 › 一、总体要求 › （二）基本原则"


def test_run_in_heads_are_the_short_first_sentences_of_most_paragraphs():
    from assistant.outline import leaves_by_document, run_in_heads
    chunks = [text_chunk(1, PRINCIPLES, "（二）基本原则。\n总量控制，计划开采。加强统一管理，实行定额管理。\n"
                                        "——**坚持对表对标**。坚定不移贯彻落实到位。\n合理配置，加强调控。按照“用足黄河水、用"),
              text_chunk(2, PRINCIPLES, "好地表水”的思路，严格限制开采地下水。"),
              text_chunk(3, "方案 › 一、总体要求 › （三）治理目标", "（三）治理目标\n到2025年压减1490万立方米。")]
    assert leaves_by_document(chunks)["丙号"] == [PRINCIPLES, "方案 › 一、总体要求 › （三）治理目标"]
    heads = run_in_heads(chunks, PRINCIPLES)
    assert [h for h, _, _ in heads] == ["总量控制，计划开采", "坚持对表对标", "合理配置，加强调控"]
    assert heads[1][1] == "**坚持对表对标**。"  # the quote is verbatim
    # A section of ordinary paragraphs has none: their first sentences are not heads.
    plain = [text_chunk(4, PRINCIPLES, "第一段说明了很多的事情，内容很长很长很长很长很长很长很长。后面还有。\n"
                                       "第二段。\n第三段也只有一句话。")]
    assert run_in_heads(plain, PRINCIPLES) == []


def test_the_labelled_items_of_a_column_are_its_run_in_heads():
    from assistant.outline import run_in_heads
    box = "方案 › 四、产业 › 专栏 3-15 娱乐业规划"
    chunks = [text_chunk(1, box, "民俗娱乐：依托秧歌戏等非物质文化遗产，开发民俗娱乐活动。\n"
                                 "水上娱乐：依托河流，打造室内外水乐园。\n康养运动娱乐：依托森林公园，打造徒步、登山项目。")]
    heads = run_in_heads(chunks, box)
    assert [h for h, _, _ in heads] == ["民俗娱乐", "水上娱乐", "康养运动娱乐"]
    assert heads[0][1] == "民俗娱乐"
    # a member list labels posts, and a contact block its ways of contact: no items
    members = [text_chunk(2, box, "组长：魏某 副市长\n副组长：李某 市政府副秘书长\n成员：王某 市教育局局长")]
    assert run_in_heads(members, box) == []
    contact = [text_chunk(3, box, "联系人：张某某同志\n联系电话：0349-0000000\n电子邮箱：office@example.cn")]
    assert run_in_heads(contact, box) == []


def test_a_short_section_is_quoted_whole_without_its_heading():
    from assistant.outline import short_body
    section, body = "预案 › 1 总则 › 1.3 工作原则", "坚持以人为本、预防为主；统一领导、分级负责的原则。"
    assert short_body([text_chunk(1, section, "1.3 工作原则\n" + body)], section)[0] == body
    long = [text_chunk(2, "预案 › 2", "2\n" + "很长的一段话，" * 40)]
    assert short_body(long, "预案 › 2") is None


def test_reporting_verbs_do_not_have_to_be_in_the_heading():
    from assistant.outline import named_heading
    def tokens(text):
        return frozenset(w for w in ("基本原则", "原则", "基本", "资金") if w in text)
    assert named_heading([PRINCIPLES], {"确立": 5.0, "基本原则": 6.0}, frozenset(), tokens) == PRINCIPLES
    assert named_heading([PRINCIPLES], {"资金": 5.0, "基本原则": 6.0, "使用": 5.0}, frozenset(), tokens) is None


def test_a_notices_numbered_top_heading_is_a_part_with_parts():
    from assistant.outline import leaves_by_document, parents_by_document
    chunks = [text_chunk(1, "四、加强组织保障", "四、加强组织保障"),
              text_chunk(2, "四、加强组织保障 › (一) 强化组织领导", "(一) 强化组织领导。要高度重视。"),
              text_chunk(3, "一、划转原则和范围", "一、划转原则和范围\n1. 暂不划转。")]
    assert parents_by_document(chunks)["丙号"] == ["四、加强组织保障"]
    assert leaves_by_document(chunks)["丙号"] == ["四、加强组织保障 › (一) 强化组织领导", "一、划转原则和范围"]
    # a plan's own title at the root is not a part: it would list the whole plan
    assert parents_by_document(CHUNKS)["甲号"][0] == "规划 › （三）三龙头"


def test_what_a_counted_name_is_asks_for_its_parts():
    from assistant.outline import parts_asked
    assert parts_asked("文旅三龙头是啥", definition=True) is not None
    assert parts_asked("三无三可指什么意思？", definition=True) is not None
    assert parts_asked("三级响应由何人启动？", definition=True) is None  # asks something of it
    assert parts_asked("十四五规划是什么", definition=True) is None  # a plan period counts no parts
    assert parts_asked("有哪些基本原则") is not None
    assert parts_asked("这个规划一共分几章？") == 0  # how many chapters: the chapters, listed


def test_a_short_name_is_the_initials_of_consecutive_words():
    from assistant.matching import initials_of
    words = ["朔州市", "“", "十四五", "”", "文化", "旅游", "发展", "规划"]
    assert initials_of("文旅", words) and initials_of("文旅发", words)
    assert not initials_of("旅文", words) and not initials_of("文发", words)


def test_a_bare_counted_name_asks_for_its_parts():
    from assistant.outline import parts_asked
    assert parts_asked("立德树人五大工程", definition=True) is not None
    assert parts_asked("文旅规划三龙头？", definition=True) == 3  # a question mark asks nothing more
    assert parts_asked("立德树人五大工程怎么落实", definition=True) is None


def test_a_rank_or_a_count_that_does_not_match_is_no_counted_name():
    from assistant.outline import parts_asked
    assert parts_asked("三龙头是啥", definition=True) == 3 and parts_asked("三无三可指什么", definition=True) == 6
    assert parts_asked("立德树人五大工程", definition=True) == 5
    for question in ("三级响应是什么", "一级响应是什么", "统一社会信用代码是什么", "一站式服务是什么意思",
                     "我想了解一下保障措施"):
        assert parts_asked(question, definition=True) is None, question


def test_a_numbered_paragraph_heading_keeps_its_body_and_a_notice_ends_before_its_closing():
    from assistant.outline import short_body
    section = "四、加强组织保障 › （五）注重宣传，舆论引导"
    text = "（五）注重宣传，舆论引导。充分发挥新闻媒体作用。\n本文件由市水利局负责解读。\n附件：某表"
    assert short_body([text_chunk(1, section, text)], section)[0] == "充分发挥新闻媒体作用。"


def test_a_box_is_no_part_of_the_section_it_is_printed_in():
    chunks = [chunk(1, "规划 › (十一) 景区 › 1. 提升工程"), chunk(2, "规划 › (十一) 景区 › 专栏 3-7 名录"),
              chunk(3, "规划 › (十一) 景区 › 2. 新建工程")]
    assert [name for name, _ in children(chunks, "甲号", "规划 › (十一) 景区")] == ["1. 提升工程", "2. 新建工程"]


def test_which_one_is_not_which_parts():
    from assistant.outline import parts_asked
    assert parts_asked("属于哪一级突发事件") is None and parts_asked("是哪三个") == 0


def test_a_body_counted_by_the_kinds_of_its_parts():
    from assistant.outline import counted_units, headings_in_order
    label, units = counted_units("专班下设的“一办三组一机构”具体指什么")
    assert label == "“一办三组一机构”" and units == [(1, "办"), (3, "组"), (1, "机构")]
    assert counted_units("专班下设的三个组分别是什么") == ("下设的三个组", [(3, "组")])
    assert counted_units("三龙头是哪三个") == ("", [])
    assert counted_units("规划里说的那五个片区都是啥") == ("五片区", [(5, "片区")])  # a count of a kind, asked which
    # uncounted: every heading of the kind (0); 「几个」 asks how many, which a sentence states
    assert counted_units("专班下面都设了哪些组啊？") == ("下设的组", [(0, "组")])
    assert counted_units("现场指挥部下设哪几个工作组") == ("下设的工作组", [(0, "组")])
    assert counted_units("现场指挥部下设几个应急工作组") == ("", [])
    chunks = [text_chunk(n, f"通知 › {name}", name) for n, name in enumerate(
        ["一、组成人员及职责", "二、综合协调办公室", "三、前期工作组", "三、前期工作组", "四、用地保障组"])]
    assert [path for path, _ in headings_in_order(chunks)] == [
        "通知 › 一、组成人员及职责", "通知 › 二、综合协调办公室", "通知 › 三、前期工作组", "通知 › 四、用地保障组"]


def test_numbered_paragraphs_carry_their_heads_even_to_a_comma():
    from assistant.outline import in_order, run_in_heads
    box = "规划 › 专栏4：教师队伍提质建设工程"
    chunks = [text_chunk(1, box, "专栏4：教师队伍提质建设工程\n1. 师德师风建设工程。把师德师风作为第一标准。\n"
                                 "2. 教师专业发展计划。完善全员培训制度。\n"
                                 "3. 实施校长培养培训工程，建设一批各级各类学校校长政治素养、职业道德、"
                                 "办学治校能力等领域培养培训课程群。")]
    heads = run_in_heads(chunks, box)
    assert [h for h, _, _ in heads] == ["1. 师德师风建设工程", "2. 教师专业发展计划", "3. 实施校长培养培训工程"]
    assert all(quote in chunks[0].text for _, quote, _ in heads)  # quotes stay verbatim
    assert in_order(list(reversed(heads))) == heads


def test_an_answer_that_lists_every_part_is_known_by_its_form():
    from assistant.outline import lists_parts
    assert lists_parts("基本原则包括：总量控制，计划开采[1]；科学规划，综合治理[2]。")
    assert not lists_parts("基本原则包括：总量控制[1]。")  # one part is no list
    assert not lists_parts("公报在这里列出的就是上一回答中的这些，没有更多了：\n甲[1]。")


def test_a_documents_own_divisions_are_the_parts_of_the_plan_it_prints():
    plan = [chunk(1, "某某规划"), chunk(2, "某某规划 › 一、规划背景"), chunk(3, "某某规划 › 一、规划背景 › （一）成效"),
            chunk(4, "某某规划 › 二、总体要求"), chunk(5, "附件：某表")]
    name, parts = top_parts(plan, "甲号")
    assert name == "某某规划" and [p for p, _ in parts] == ["一、规划背景", "二、总体要求"]
    # A notice with no plan inside: its numbered top headings.
    notice = [chunk(1, "一、组成人员"), chunk(2, "一、组成人员 › （一）组长"), chunk(3, "二、工作职责")]
    assert [p for p, _ in top_parts(notice, "甲号")[1]] == ["一、组成人员", "二、工作职责"]


def test_a_question_that_names_one_of_the_parts_asks_inside_it():
    from assistant.outline import _names_part
    part = frozenset({"10", "n", "文旅", "ip", "体系"})
    assert _names_part(part, frozenset({"文旅", "10", "n", "ip", "体系", "十大", "重点"}))
    assert not _names_part(part, frozenset({"ip", "体系", "建设"}))  # the parent heading's words only
    assert not _names_part(frozenset({"木塔"}), frozenset({"木塔", "三龙头"}))  # one word names no part


def test_a_heading_quoted_whole_is_named_however_long_the_question():
    from assistant.outline import SEPARATOR, quoted_heading
    sections = [f"第五章 发展职业教育{SEPARATOR}第一节 优化布局", "第六章 推动特殊教育融合发展"]
    question = "我家孩子…想了解规划中“推动特殊教育融合发展”这一章分成了哪几个方面？"
    assert quoted_heading(sections, question) == sections[1]
    assert quoted_heading(sections, "规划中“第一节 优化布局”说了啥") is None  # a label is no part of the name
    assert quoted_heading(sections, "“优化布局”有哪些内容") == sections[0]
    assert quoted_heading(sections, "推动特殊教育融合发展分成哪几个方面") is None  # not quoted
