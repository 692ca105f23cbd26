"""Member lines by person (no index, no model)."""

from assistant.people import People
from corpus.model import Chunk


def chunk(doc: str, text: str) -> Chunk:
    return Chunk(id=doc, issue_id="x", doc_number=doc, title="t", issuer=None, date=None, section="名单",
                 kind="text", text=text, start=0, end=len(text), page=1, end_page=1)


PEOPLE = People([
    chunk("A", "组 长：何向荣 副市长\n成 员：高 宇 市市场监管局局长\n第三章 总体思路\n路顺 市交通局副局长"),
    chunk("B", "康宝红 市委宣传部新闻工作负责人\n高 宇 市市场监管局局长"),
])


def test_names_come_from_member_lines_without_their_padding():
    assert [m.chunk.doc_number for m in PEOPLE.mentions["高宇"]] == ["A", "B"]
    assert PEOPLE.mentions["何向荣"][0].line == "组 长：何向荣 副市长"
    assert "第三章" not in PEOPLE.mentions  # a heading label is no name


def test_a_two_character_name_needs_a_question_about_persons():
    assert PEOPLE.asked_about("康宝红和高宇分别是哪两个机构的成员") == ["康宝红", "高宇"]
    assert PEOPLE.asked_about("道路顺畅的目标是什么") == []
    assert PEOPLE.asked_about("路顺是什么职务") == ["路顺"]


def test_a_members_role_is_the_label_of_the_run_of_lines_it_stands_in():
    people = People([chunk("C", "组 长：魏某 副市长\n副组长：李某 市政府办二级调研员\n郭某 市委政法委副书记\n二、工作职责\n"
                                "王某 市教育局局长")])
    guo = people.mentions["郭某"][0]
    assert guo.role == "副组长" and guo.span == "副组长：李某 市政府办二级调研员\n郭某 市委政法委副书记"
    assert people.mentions["魏某"][0].role == "组长"  # its own line's label, written 「组 长」
    assert people.mentions["王某"][0].role == ""  # a line of another kind ends the run
