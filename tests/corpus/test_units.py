"""Direct unit tests of the parser's parts and the request guards, over a tiny synthetic gazette
written here (a made-up city; no model, no index): the fast tier (``pytest -m "not real_model"``)."""

from __future__ import annotations

import json

import pytest

from assistant.guards import RateLimiter, origin_allowed
from corpus.headings import classify_heading
from corpus.pages import estimate_page_breaks
from corpus.paragraphs import Paragraph, split_paragraphs
from corpus.parse import parse_issue
from corpus.tables import parse_table

# A two-document issue of a made-up city's gazette: the 目录 gives each document's first page,
# the manifest the issue's last page.
TOC = """示例市人民政府公报

目 录

【市政府文件】

示例市人民政府关于加强河道保洁工作的通知

示政发〔2023〕7号 1

【市政府办公室文件】

示例市人民政府办公室关于印发示例市公园管理办法的通知

示政办发〔2023〕12号 3

"""
FIRST = """示例市人民政府 关于加强河道保洁工作的通知

示政发〔2023〕7号

各县（区）人民政府，市直各部门：

为改善河道环境，现就加强河道保洁工作通知如下。

一、明确责任。市水务局负责全市河道保洁的统筹协调和监督考核，各县（区）负责辖区内河道的日常保洁。

二、保障经费。河道保洁经费列入各级财政预算，专款专用。

示例市人民政府

2023年3月8日

（此件公开发布）

"""
SECOND = """示例市人民政府办公室 关于印发示例市公园管理办法的通知

示政办发〔2023〕12号

各县（区）人民政府，市直各部门：

《示例市公园管理办法》已经市人民政府同意，现印发给你们，请认真贯彻执行。

示例市人民政府办公室

2023年4月2日

（此件公开发布）

示例市公园管理办法

第一条 为加强公园管理，制定本办法。市园林局负责全市公园的监督管理。

第二条 公园开放时间由公园管理单位公示。

"""


@pytest.fixture
def tiny_issue(tmp_path):
    path = tmp_path / "shili-gazette-2023-02.txt"
    path.write_text(TOC + FIRST + SECOND, "utf-8")
    path.with_suffix(".json").write_text(json.dumps(
        {"title": "示例市人民政府公报", "year": 2023, "issue": "第2期", "last_page": 5}, ensure_ascii=False), "utf-8")
    return path


def test_a_tiny_synthetic_issue_is_parsed_into_its_documents(tiny_issue):
    parsed = parse_issue(tiny_issue)
    assert [d.doc_number for d in parsed.documents] == ["示政发〔2023〕7号", "示政办发〔2023〕12号"]
    first, second = parsed.documents
    assert "河道保洁" in first.title and first.date == "2023-03-08"
    assert (first.start_page, first.end_page) == (1, 2)  # up to the page before the next document
    assert (second.start_page, second.end_page) == (3, 5)  # the issue's last page
    assert first.public_status and "公开发布" in first.public_status
    # A passage is cited with its own document, and the department that the text names is in it.
    water = next(c for c in parsed.chunks if "统筹协调和监督考核" in c.text)
    assert water.doc_number == "示政发〔2023〕7号" and "市水务局" in water.text
    assert first.start_page <= water.page <= first.end_page
    parks = next(c for c in parsed.chunks if "监督管理" in c.text and "市园林局" in c.text)
    assert parks.doc_number == "示政办发〔2023〕12号" and 3 <= parks.page <= 5


@pytest.mark.parametrize("line, level, label, is_paragraph", [
    ("附件1", 0, "附件1", False),
    ("第二章 总体要求", 1, "第二章 总体要求", False),
    ("第一节 发展基础", 2, "第一节 发展基础", False),
    ("三、重点任务", 3, "三、重点任务", False),
    ("专栏2：重点工程", 3, "专栏2：重点工程", False),
    ("（四）加强督导，严格考核。各地要定期通报进展。", 4, "（四）加强督导，严格考核", True),
    ("1. 总体目标", 5, "1. 总体目标", False),
    ("(2) 工作要求", 6, "(2) 工作要求", False),
    ("2.3.1 综合协调组", 3, "2.3.1 综合协调组", False),
])
def test_classify_heading_levels_and_labels(line, level, label, is_paragraph):
    heading = classify_heading(line)
    assert heading is not None
    assert (heading.level, heading.label, heading.is_paragraph) == (level, label, is_paragraph)


@pytest.mark.parametrize("line", [
    "", "各县（区）人民政府，市直各部门：", "2023年3月8日", "序号\t项目\t责任单位",
    "1. 对于审批程序复杂、专业要求高、涉及部门多的事项，由牵头部门会同有关部门联合办理，" * 1,
])
def test_body_text_is_no_heading_or_a_numbered_paragraph(line):
    heading = classify_heading(line)
    assert heading is None or heading.is_paragraph


def _paras(*lines: str, repeated: tuple[int, ...] = ()) -> list[Paragraph]:
    out, pos = [], 0
    for i, line in enumerate(lines):
        out.append(Paragraph(start=pos, end=pos + len(line), text=line, is_table="\t" in line,
                             repeated=i in repeated))
        pos += len(line) + 1
    return out


def test_parse_table_merges_sub_items_and_drops_a_repeated_header():
    block = _paras("序号\t事项\t责任单位", "1\t河道保洁\t市水务局", "\t汛期巡查\t",
                   "序号\t事项\t责任单位", "2\t公园管理\t市园林局", repeated=(3,))
    table = parse_table(block, "重点任务分工表")
    assert table.header == ["序号", "事项", "责任单位"]
    assert [r.key for r in table.rows] == ["1", "2"]
    assert table.rows[0].subitems == 2  # the item and its 子项
    assert dict(table.rows[0].cells)["事项"] == "河道保洁、汛期巡查"
    assert table.rows[1].render(table.caption) == "重点任务分工表｜序号：2；事项：公园管理；责任单位：市园林局"


def test_parse_table_fills_down_a_group_column_and_merges_a_two_row_header():
    block = _paras("学段\t年度目标\t", "\t2024年\t2025年", "小学\t90%\t95%", "\t85%\t92%")
    table = parse_table(block, None)
    assert table.header == ["学段", "年度目标（2024年）", "年度目标（2025年）"]
    assert [dict(r.cells)["学段"] for r in table.rows] == ["小学", "小学"]
    assert dict(table.rows[1].cells)["年度目标（2025年）"] == "92%"


def test_estimate_page_breaks_prefers_repeated_headers_then_proportional_shares():
    # No signals: breaks at equal shares of the characters.
    plain = "甲" * 900
    assert estimate_page_breaks(split_paragraphs(plain, 0, 900), 0, 900, 2) == [300, 600]
    # Paragraphs cut mid-sentence (weak signals) within half a page draw the breaks to them.
    text = "甲" * 300 + "\n" + "乙" * 300 + "\n" + "丙" * 299
    paras = split_paragraphs(text, 0, len(text))
    assert estimate_page_breaks(paras, 0, len(text), 2) == [paras[1].start, paras[2].start] == [301, 602]
    # Strong signals (a header printed again) that number exactly the breaks are used as they are.
    signals = _paras("甲" * 300, "乙" * 300, "丙" * 299, repeated=(1, 2))
    assert estimate_page_breaks(signals, 0, 901, 2) == [signals[1].start, signals[2].start]
    # One strong signal near the expected place wins over the proportional offset.
    near = _paras("甲" * 250, "乙" * 650, repeated=(1,))
    assert estimate_page_breaks(near, 0, 901, 1)[0] == near[1].start
    assert estimate_page_breaks(paras, 0, len(text), 0) == []


def test_rate_limiter_counts_per_client_in_a_window(tmp_path):
    limiter = RateLimiter(2, tmp_path / "rate.sqlite")
    assert [limiter.check("a"), limiter.check("a")] == [0, 0]
    wait = limiter.check("a")
    assert 1 <= wait <= 60  # seconds until the oldest question leaves the window
    assert limiter.check("b") == 0  # another client has its own count
    # A second limiter on the same file (another worker process) counts in the same window.
    assert RateLimiter(2, tmp_path / "rate.sqlite").check("a") > 0


def test_origin_allowed():
    host = "http://127.0.0.1:7860/"
    assert origin_allowed(None, host, [])  # not a browser
    assert origin_allowed("http://127.0.0.1:7860", host, [])  # same origin
    assert origin_allowed("https://www.example.gov.cn/", host, ["https://www.example.gov.cn"])
    assert not origin_allowed("https://evil.example", host, ["https://www.example.gov.cn"])
    assert origin_allowed("https://any.example", host, ["*"])


def test_a_heading_name_is_its_words_without_its_number():
    from corpus.headings import heading_name
    assert [heading_name(h) for h in ("第二节 基本原则", "（二）基本原则。", "1.3 工作原则", "二、基本原则",
                                      "2.3.1 综合协调组", "(3) 西山")] == [
        "基本原则", "基本原则", "工作原则", "基本原则", "综合协调组", "西山"]
    assert heading_name("2021年目标") == "2021年目标"  # a year is no heading number
    assert heading_name("三无三可") == "三无三可"
    assert heading_name("专栏1：全面落实立德树人五大工程") == "全面落实立德树人五大工程"
    assert heading_name("专栏 3-17 夜游活动、场所规划") == "夜游活动、场所规划"


def test_a_box_holds_its_own_items_and_the_section_goes_on_after_it():
    from corpus.headings import HeadingPath
    path = HeadingPath()
    path.push(3, "三、打造营商环境品牌")
    path.push(4, "（一）打造无差别的营商环境")
    path.item("3. 推进改革。")
    path.open_box("专栏 1 证照分离改革")
    assert str(path) == "三、打造营商环境品牌 › （一）打造无差别的营商环境 › 专栏 1 证照分离改革"
    path.item("4. 强化市场公平竞争审查。")  # the section's item 4, not the box's first
    assert str(path) == "三、打造营商环境品牌 › （一）打造无差别的营商环境"
    path.open_box("专栏 2 改革工程")
    path.push(5, "1. 新时代师德师风建设工程")  # the box's own items, from 1 on
    path.push(5, "2. 创新师资队伍补充更新办法")
    assert str(path).endswith("专栏 2 改革工程 › 2. 创新师资队伍补充更新办法")
    path.push(4, "（二）打造无障碍的营商环境")  # the section's next part closes the box
    assert str(path) == "三、打造营商环境品牌 › （二）打造无障碍的营商环境"


def test_a_numbered_paragraph_opens_with_the_title_its_sentences_are_about():
    from corpus.headings import run_in_title
    paragraph = "38. 完善行政审批容缺受理制度。对基本条件具备的事项，窗口可先行受理。"
    assert run_in_title(paragraph) == "38. 完善行政审批容缺受理制度"
    assert run_in_title("（三）狠抓能力建设。各地各部门要配齐配强审查工作力量。") == "（三）狠抓能力建设"
    # a long first sentence is a paragraph, not a title; body text has none
    assert run_in_title("二、你县要坚持新发展理念，认真贯彻落实土地管理法相关法律法规有关规定，注重保护耕地。") == ""
    assert run_in_title("全面推进行政审批容缺受理制度。") == ""


def test_a_wrapped_member_line_is_one_sentence_and_other_lines_stay_apart():
    from corpus.sentences import sentences, unwrap_member_lines

    text = "赵某 临川高速公路管理公\n司董事长\n钱某 国网临川供电公司经理\n职 责：负责全面统筹。\n局长"
    assert sentences(text)[:2] == ["赵某 临川高速公路管理公司董事长", "钱某 国网临川供电公司经理"]
    assert unwrap_member_lines(text).endswith("统筹。\n局长")  # after prose, a short line is its own
    # a post that is whole, a heading read like a member line: the next line is a line of its own
    for kept in ("王某 市财政局局长\n成员", "组 长：张某 副市长\n副组长", "第三章 保障措施\n落实责任"):
        assert unwrap_member_lines(kept) == kept
