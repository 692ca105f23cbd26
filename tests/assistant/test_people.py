"""Member lines by person (no index, no model)."""

from assistant.answer import Citation
from assistant.people import People
from corpus.model import Chunk


class Words:
    """A stand-in for the index's word statistics: two-character words, every one as rare."""

    def tokens(self, text: str) -> list[str]:
        return [text[i:i + 2] for i in range(len(text) - 1)]

    def idf(self, token: str) -> float:
        return 1.0 if token in ("关于", "通知") else 9.0


def chunk(doc: str, text: str, title: str = "t") -> Chunk:
    return Chunk(id=doc, issue_id="x", doc_number=doc, title=title, issuer=None, date=None, section="名单",
                 kind="text", text=text, start=0, end=len(text), page=1, end_page=1)


def cite(n: int, c: Chunk, quote: str) -> Citation:
    return Citation(n=n, doc_number=c.doc_number, title=c.title, page=c.page, quote=quote)


PEOPLE = People([
    chunk("A", "组 长：何向荣 副市长\n成 员：高 宇 市市场监管局局长\n第三章 总体思路\n路顺 市交通局副局长", "关于成立安全专班的通知"),
    chunk("B", "康宝红 市委宣传部新闻工作负责人\n高 宇 市市场监管局局长", "调整督导委员会组成人员的通知"),
], Words())


def test_names_come_from_member_lines_without_their_padding():
    assert [m.chunk.doc_number for m in PEOPLE.mentions["高宇"]] == ["A", "B"]
    assert PEOPLE.mentions["何向荣"][0].line == "组 长：何向荣 副市长"
    assert "第三章" not in PEOPLE.mentions  # a heading label is no name


def test_a_two_character_name_needs_a_question_about_persons():
    assert PEOPLE.asked_about("康宝红和高宇分别是哪两个机构的成员") == ["康宝红", "高宇"]
    assert PEOPLE.asked_about("道路顺畅的目标是什么") == []
    assert PEOPLE.asked_about("路顺是什么职务") == ["路顺"]
    assert PEOPLE.asked_about("路顺是干啥的") == ["路顺"]


def test_what_a_person_is_asked():
    from assistant.people import asks_role
    assert asks_role("路顺是干啥的") and asks_role("何向荣在哪个专班当组长")
    assert not asks_role("何向荣分管哪些工作") and not asks_role("在哪些方面任务比较重")


def test_a_members_role_is_the_label_of_the_run_of_lines_it_stands_in():
    people = People([chunk("C", "组 长：魏某 副市长\n副组长：李某 市政府办二级调研员\n郭某 市委政法委副书记\n二、工作职责\n"
                                "王某 市教育局局长")], Words())
    guo = people.mentions["郭某"][0]
    assert guo.role == "副组长" and guo.span == "副组长：李某 市政府办二级调研员\n郭某 市委政法委副书记"
    assert people.mentions["魏某"][0].role == "组长"  # its own line's label, written 「组 长」
    assert people.mentions["王某"][0].role == ""  # a line of another kind ends the run


def test_a_person_asked_of_on_a_named_list_is_answered_from_that_list_with_the_post_on_it():
    named = PEOPLE.answer("高宇在督导委员会是啥身份", ["高宇"], "高宇在督导委员会是啥身份", cite)
    assert [c.doc_number for c in named.citations] == ["B"] and "高 宇 市市场监管局局长" in named.answer
    every = PEOPLE.answer("高宇担任什么职务", ["高宇"], "高宇担任什么职务", cite)
    # 关于 is common (low idf): though only one title has it, it names no list
    assert [c.doc_number for c in PEOPLE.answer("关于高宇", ["高宇"], "关于高宇", cite).citations] == ["A", "B"]
    assert [c.doc_number for c in every.citations] == ["A", "B"] and "成 员：高 宇" in every.answer


def test_a_text_names_a_person_by_a_member_line_or_a_longer_name():
    assert PEOPLE.named_in("何向荣 副市长") and PEOPLE.named_in("由康宝红负责")
    assert not PEOPLE.named_in("确保道路顺畅。指挥长：市政府分管副市长")  # 路顺 inside 道路顺畅


def test_a_member_line_wrapped_at_a_narrow_column_is_one_line():
    wrapped = People([chunk("C", "成 员：石生华 市发改委主任\n文建华 市规划和自然资源局\n局长\n卢生权 市生态环境局局长")], Words())
    (mention,) = wrapped.mentions["文建华"]
    assert mention.line == "文建华 市规划和自然资源局局长" and mention.role == "成员"  # the run goes on past it
    assert wrapped.mentions["卢生权"][0].role == "成员"


def test_the_lists_that_name_a_body_whose_post_is_asked():
    assert [c.id for c in PEOPLE.chunks_listing(["市市场监管局"], {"A", "B"})] == ["A", "B"]
    assert [c.id for c in PEOPLE.chunks_listing(["市市场监管局"], {"B"})] == ["B"]  # the documents searched only
    assert PEOPLE.chunks_listing(["市水利局"], {"A", "B"}) == [] and PEOPLE.chunks_listing(["市局"], {"A", "B"}) == []
