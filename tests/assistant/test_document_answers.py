"""How people write an issuer's name, and the attachments a notice lists (no index, no model)."""

from assistant.document_answers import (
    addressee_line,
    asked_attachment,
    asks_attachments,
    attachment_lines,
    issuer_forms,
)
from corpus.model import Chunk


def test_an_issuer_is_written_from_its_level_without_人民_and_with_办_for_办公室():
    office = issuer_forms("西山市人民政府办公室")
    assert {"西山市人民政府办公室", "市人民政府办公室", "市政府办公室", "市政府办", "政府办"} <= office
    government = issuer_forms("西山市人民政府")
    assert {"市人民政府", "市政府"} <= government and "政府" not in government  # two characters name no issuer
    assert not office & {"市政府"}  # the office is never named by the government's name alone


def _chunk(text: str) -> Chunk:
    return Chunk(id="c1", issue_id="i", doc_number="某政办发〔2023〕1号", title="某市应急预案", issuer=None, date=None,
                 section="", kind="text", text=text, start=0, end=len(text), page=3, end_page=3, seq=1)


def test_the_attachments_a_notice_lists_at_its_end():
    text = "本预案自印发之日起施行。\n\n附件：1. 某市突发事件分级标准\n\n2. 某市应急响应流程图\n\n附件1\n分级标准正文"
    assert [name for _, _, name in attachment_lines([_chunk(text)])] == ["某市突发事件分级标准", "某市应急响应流程图"]
    assert [line for _, line, _ in attachment_lines([_chunk("附件：某县压减目标表\n正文")])] == ["附件：某县压减目标表"]
    assert attachment_lines([_chunk("附件1里的标准另行规定。")]) == []
    assert asks_attachments("这方案附件叫啥？") and asks_attachments("该预案附有哪些附件")
    assert asks_attachments("What attachments come with the plan?")
    assert asks_attachments("那个通知，后面附件是个啥？") and asks_attachments("治理方案的附件是什么表？")
    assert not asks_attachments("附件1里特别重大事件的标准是什么")  # what one of them says
    assert not asks_attachments("附件是否需要盖章") and not asks_attachments("这个附件是什么意思")
    assert not asks_attachments("What do the attachments say about fees?")
    # one attachment asked by its number: which it is, not what it says inside
    assert asked_attachment("应急预案的附件3是个啥内容？") == 3 and asked_attachment("附件二叫什么") == 2
    assert asked_attachment("What is Annex 1 of the plan?") == 1
    assert asked_attachment("附件1里特别重大事件的标准是什么") is None
    assert asked_attachment("What does Annex 2 say about fees?") is None
    assert asked_attachment("附件10是啥呀？") == 10
    # 「附件：」 alone on its line heads the numbered lines below it
    alone = attachment_lines([_chunk("附件：\n1. 某市分级标准\n2. 某市流程图\n正文")])
    assert [name for _, _, name in alone] == ["某市分级标准", "某市流程图"]


def test_the_addressee_line_under_a_notices_number():
    head = _chunk("某市人民政府关于甲方案的批复某政函〔2023〕1号\n某县人民政府：\n你县请示收悉。现批复如下：")
    assert addressee_line([head]) == (head, "某县人民政府：")
    many = _chunk("关于乙的通知\n各县（市、区）人民政府，经济开发区管委会，市直各有关单位：\n现印发给你们。")
    assert addressee_line([many])[1] == "各县（市、区）人民政府，经济开发区管委会，市直各有关单位："
    assert addressee_line([_chunk("报告内容包括：\n时间、地点。")]) is None  # a label, not a body addressed


def test_a_target_year_is_no_year_of_issue_and_a_training_round_no_issue():
    from assistant.document_answers import _ASKS_ADDRESSEE, _ISSUED_YEAR
    from corpus.text import issue_numbers
    assert _ISSUED_YEAR.search("2020年印发的公平竞争审查通知") and _ISSUED_YEAR.search("notice issued in 2020")
    assert not _ISSUED_YEAR.search("到2025年出台实施细则") and not _ISSUED_YEAR.search("2025年前出台")
    assert issue_numbers("2021年西山市政府公报第5期") == [("2021", 5)]
    assert issue_numbers("2022年举办的第3期培训班") == []
    assert issue_numbers("2019年《西山市人民政府公报》第三期") == [("2019", 3)]
    assert issue_numbers("2022年第二期工程何时完工") == []  # a project's phase
    assert _ASKS_ADDRESSEE.search("这个通知是发给谁的") and _ASKS_ADDRESSEE.search("批复的主送单位")
    assert not _ASKS_ADDRESSEE.search("通知里补贴发给哪些人") and not _ASKS_ADDRESSEE.search("奖补资金发给谁")
    assert not _ASKS_ADDRESSEE.search("How will air pollution be addressed?")


def test_a_plan_asked_of_inside_a_sentence_asks_for_no_documents():
    from assistant.document_answers import _ASKS_DOCUMENTS
    assert _ASKS_DOCUMENTS.search("市政府印发了哪些规划") and _ASKS_DOCUMENTS.search("九月份有什么通知")
    assert not _ASKS_DOCUMENTS.search("要求方案和什么规划的编制工作做好衔接")
    assert _ASKS_DOCUMENTS.search("哪些文件里提到了低保")


def test_a_year_named_with_a_document_a_target_year_and_a_day_that_is_no_range():
    from assistant.document_answers import _DAY, _YEAR_BEFORE_NAME

    def named(text):
        return [m.groups() for m in _YEAR_BEFORE_NAME.finditer(text)]
    assert named("西山县2022年度土地征收成片开发方案的批复文号") == [("2022", "土地征收")]
    assert named("西山县2022年的土地征收成片开发方案批下来没有") == [("2022", "土地征收")]
    assert named("到2025年土地征收成片开发要完成哪些任务") == []  # a target year
    assert named("成片开发方案中2022年的土地征收面积是多少") == []  # a figure of a year, no document named
    assert [m.group(0) for m in _DAY.finditer("我记得9月6日那天发了两个文件")] == ["9月6日"]
    assert not _DAY.search("哪些文件是9月20日之后印发的")
    assert not list(_DAY.finditer("9月6日至9月20日印发了哪些文件"))  # a range
