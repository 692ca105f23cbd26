"""A list's introduction is read with its numbered items, verbatim."""

from assistant.listing import introduced_items, labelled_members

SOURCE = """8.1 预案修订
本预案有下列情形之一的，应由市文化和旅游局及时组织修订：

（1）有关法律、法规发生变化的；

（2）应急指挥机构及其职责发生重大调整的；
8.2 预案解释
本预案由市文化和旅游局负责解释。
"""


def test_the_items_after_an_introduction_join_it():
    sentence = "本预案有下列情形之一的，应由市文化和旅游局及时组织修订："
    listed = introduced_items(SOURCE, sentence, 0, len(SOURCE))
    assert listed is not None and listed.items == 2
    assert listed.text == sentence + "（1）有关法律、法规发生变化的；（2）应急指挥机构及其职责发生重大调整的；"
    assert all(line in SOURCE for line in listed.quote.split("\n"))  # each line verbatim, blank lines left out
    assert "8.2" not in listed.text  # the next heading ends the list


def test_no_items_no_list():
    assert introduced_items(SOURCE, "本预案由市文化和旅游局负责解释。", 0, len(SOURCE)) is None  # no colon
    assert introduced_items("各单位要求如下：\n请认真落实。", "各单位要求如下：", 0, 20) is None  # no numbered line


def test_bulleted_items():
    source = "开展先期处置：\n- (1) 抢救遇难、遇险人员；\n- (2) 保护现场；\n其他内容。"
    listed = introduced_items(source, "开展先期处置：", 0, len(source))
    assert listed is not None and listed.text == "开展先期处置：(1) 抢救遇难、遇险人员；(2) 保护现场；"


MEMBERS = ("二、组成人员\n组 长：魏某 副市长\n副组长：李某 市政府办二级调研员\n郭某某 市委政法委副书记\n"
           "高 宇 市市场监管局局长\n成 员：霍某 市法院专职委员\n梁某 市检察院副检察长\n")


def test_a_label_holds_for_the_member_lines_under_it():
    span = labelled_members(MEMBERS, "副组长：李某 市政府办二级调研员", 0, len(MEMBERS))
    assert span.items == 3 and span.text == "副组长：李某 市政府办二级调研员；郭某某 市委政法委副书记；高 宇 市市场监管局局长"
    assert span.quote in MEMBERS  # verbatim, line breaks and all


def test_a_label_with_one_line_is_no_block():
    assert labelled_members(MEMBERS, "组 长：魏某 副市长", 0, len(MEMBERS)) is None
    assert labelled_members(MEMBERS, "郭某某 市委政法委副书记", 0, len(MEMBERS)) is None  # no label of its own
