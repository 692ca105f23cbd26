"""Claims built from table rows: the rendered row and the lead clause (no index, no model)."""

from assistant.analysis import analyse
from assistant.claims import lead_clause, render_row
from assistant.extractive import Unit
from corpus.model import Chunk


def row(caption: str, header: str, text: str, key: str) -> Chunk:
    return Chunk(id="r", issue_id="2022-05", doc_number="朔政办发〔2022〕27号", title="t", issuer=None, date=None,
                 section="附件", kind="table_row", text=text, start=0, end=1, page=126, end_page=126,
                 table_caption=caption, table_header=header, row_key=key)


def test_a_row_leads_with_its_name_and_the_cell_asked_even_when_the_caption_has_a_colon():
    caption = "各县（市、区）地下水压减目标和年度计划表（单位：万立方米）"
    chunk = row(caption, "序号 | 县(市、区) | 压减目标 | 年度压减计划（2021年） | 年度压减计划（2022年）",
                f"{caption}｜序号：4；县(市、区)：应县；压减目标：460；年度压减计划（2021年）：110；年度压减计划（2022年）：40", "4")
    rendered = render_row(chunk)
    unit = Unit(chunk, 0, rendered, rendered)
    lead = lead_clause(unit, analyse("应县地下水压减目标是多少"), lambda text: list(text))
    assert lead == "第4项 应县：压减目标：460万立方米"


def test_a_row_whose_caption_says_where_it_went_leads_with_that():
    caption = "（一）划转至市行政审批服务管理局实施的行政审批事项（213项）"
    chunk = row(caption, "序号 | 事项名称 | 事项类型 | 划转部门",
                f"{caption}｜序号：152；事项名称：导游证核发；事项类型：行政许可；划转部门：市文旅局", "152")
    rendered = render_row(chunk)
    lead = lead_clause(Unit(chunk, 0, rendered, rendered), analyse("办导游证要找哪个部门"), lambda text: list(text))
    assert lead == "导游证核发：划转至市行政审批服务管理局实施（划转部门：市文旅局）"


def test_who_is_responsible_leads_without_losing_a_nested_bracket():
    chunk = Chunk(id="t", issue_id="2022-05", doc_number="朔政办发〔2022〕26号", title="t", issuer=None, date=None,
                  section="s", kind="text", text="", start=0, end=1, page=118, end_page=118)
    text = "1. 优化收费政策。（责任单位：市发改委、市财政局（配合））"
    lead = lead_clause(Unit(chunk, 0, text, text), analyse("优化收费政策由哪个单位负责"), lambda t: list(t))
    assert lead == "责任单位：市发改委、市财政局（配合）"


def test_a_labelled_line_answers_whole_without_a_lead():
    chunk = Chunk(id="t", issue_id="2022-05", doc_number="朔政办发〔2022〕25号", title="t", issuer=None, date=None,
                  section="2.3.4 应急保障组", kind="text", text="", start=0, end=1, page=10, end_page=10)
    text = "牵头单位：市发展和改革委员会"  # 「牵头单位」 alone names an organisation too, and answers nothing
    assert lead_clause(Unit(chunk, 0, text, text), analyse("应急保障组是哪个部门牵头"), lambda t: list(t)) is None
