"""The parser on the real shipped gazette."""

from corpus.model import Chunk

EXPECTED = [
    ("朔政发〔2022〕20号", "朔州市人民政府", "2022-08-09", 1, 19),
    ("朔政发〔2022〕34号", "朔州市人民政府", "2022-09-06", 20, 51),
    ("朔政发〔2022〕40号", "朔州市人民政府", "2022-09-19", 52, 70),
    ("朔政发〔2022〕41号", "朔州市人民政府", "2022-09-20", 71, 103),
    ("朔政函〔2022〕90号", "朔州市人民政府", "2022-09-20", 104, 104),
    ("朔政办发〔2022〕25号", "朔州市人民政府办公室", "2022-08-21", 105, 117),
    ("朔政办发〔2022〕26号", "朔州市人民政府办公室", "2022-09-06", 118, 121),
    ("朔政办发〔2022〕27号", "朔州市人民政府办公室", "2022-09-29", 122, 126),
    ("朔政办函〔2022〕74号", "朔州市人民政府办公室", "2022-08-26", 127, 128),
    ("朔政办函〔2022〕78号", "朔州市人民政府办公室", "2022-09-21", 129, 130),
    ("朔政办函〔2022〕79号", "朔州市人民政府办公室", "2022-09-21", 131, 131),
    ("朔政办函〔2022〕82号", "朔州市人民政府办公室", "2022-10-09", 132, 133),
]


def rows(parsed, doc_number: str, caption_part: str = "") -> list[Chunk]:
    return [c for c in parsed.chunks if c.doc_number == doc_number and c.kind == "table_row"
            and caption_part in (c.table_caption or "")]


def test_manifest(parsed):
    m = parsed.manifest
    assert (m.title, m.year, m.issue, m.issue_total, m.date) == (
        "朔州市人民政府公报", 2022, "第5期", "总第19期", "2022-10-31")
    assert m.issue_id == "2022-05"


def test_twelve_documents_with_metadata(parsed):
    got = [(d.doc_number, d.issuer, d.date, d.start_page, d.end_page) for d in parsed.documents]
    assert got == EXPECTED
    assert all(d.public_status == "此件公开发布" for d in parsed.documents)
    titles = {d.doc_number: d.title for d in parsed.documents}
    assert titles["朔政办发〔2022〕27号"] == "朔州市人民政府办公室关于印发朔州市地下水超采综合治理行动方案的通知"
    categories = {d.doc_number: d.category for d in parsed.documents}
    assert categories["朔政函〔2022〕90号"] == "市政府文件"
    assert categories["朔政办发〔2022〕25号"] == "市政府办公室文件"


def test_interpreters_and_attachments(parsed):
    docs = {d.doc_number: d for d in parsed.documents}
    assert docs["朔政办发〔2022〕27号"].interpreter == "市水利局"
    assert docs["朔政办发〔2022〕26号"].interpreter == "市交通运输局"
    assert docs["朔政发〔2022〕34号"].interpreter == "朔州市教育局"
    assert docs["朔政函〔2022〕90号"].interpreter is None
    assert docs["朔政办发〔2022〕27号"].attachments == ["各县（市、区）地下水压减目标和年度计划表"]
    assert docs["朔政办发〔2022〕25号"].attachments == [
        "朔州市文化和旅游突发事件分级标准", "朔州市文化和旅游突发事件应急响应流程图",
        "朔州市文化和旅游突发事件应急指挥部组成及职责"]


def test_documents_do_not_overlap_and_skip_front_and_back_matter(parsed):
    docs = parsed.documents
    assert parsed.text[docs[0].start:].startswith("朔州市人民政府\n\n关于进一步规范")
    for a, b in zip(docs, docs[1:], strict=False):
        assert a.end == b.start
    assert "《朔州市人民政府公报》简介" not in parsed.text[docs[-1].start:docs[-1].end]
    assert all(c.start >= docs[0].start for c in parsed.chunks)


def test_transfer_table_rows(parsed):
    first = rows(parsed, "朔政发〔2022〕20号", "（213项）")
    returned = rows(parsed, "朔政发〔2022〕20号", "（90项）")
    assert len(first) == 213 and [int(c.row_key) for c in first] == list(range(1, 214))
    assert len(returned) == 90
    item152 = next(c for c in first if c.row_key == "152")
    assert "主项名称：导游证核发" in item152.text and "划转部门：市文旅局" in item152.text
    assert "划转情况：首次划转" in item152.text
    assert item152.table_caption == "（一）划转至市行政审批服务管理局实施的行政审批事项（213项）"
    assert item152.table_header.startswith("序号 | 主项名称 | 子项名称")
    item202 = next(c for c in first if c.row_key == "202")
    assert "子项名称：新建民用建筑防空地下室同步建设审批、新建民用建筑防空地下室易地建设审批" in item202.text
    assert all("退回" in c.flags for c in returned)
    assert not any("退回" in c.flags for c in first)


def test_no_repeated_header_row_is_data(parsed):
    for c in parsed.chunks:
        if c.kind == "table_row":
            assert "序号：序号" not in c.text and "学段：学段" not in c.text
            assert c.row_key not in ("序号", "学段", "级别")


def test_groundwater_county_year_table(parsed):
    table = rows(parsed, "朔政办发〔2022〕27号")
    yingxian = next(c for c in table if "应县" in c.text)
    assert "压减目标：460" in yingxian.text
    assert "年度压减计划（2024年）：220" in yingxian.text
    assert "年度压减计划（2021年）：110" in yingxian.text
    total = next(c for c in table if c.row_key == "合计")
    assert "压减目标：1490" in total.text


def test_row_cells_keep_values_that_contain_semicolons(parsed):
    duties = next(c for c in rows(parsed, "朔政办发〔2022〕25号", "组成及职责") if c.row_key == "1")
    cells = dict(duties.cells())
    assert cells["部 门"] == "市指挥部"
    assert "(2) 制定文化和旅游安全应急总体规划" in cells["职 责"] and "(4) 启动、实施、终止应急响应" in cells["职 责"]


def test_fill_down_and_realigned_rows_in_education_table(parsed):
    table = rows(parsed, "朔政发〔2022〕34号", "教育发展指标")
    assert "学段：学前教育；指标：普惠率（%）；指标属性：约束性；2020年：75；“十四五”目标：88" in table[1].text
    shifted = next(c for c in table if "基础性课程量" in c.text)
    assert "学段：高等教育；指标：基础性课程量 (个)" in shifted.text and "“十四五”目标：90" in shifted.text


def test_multi_line_cells(parsed):
    grading = rows(parsed, "朔政办发〔2022〕25号", "分级标准")
    assert len(grading) == 4
    assert all("<p>" not in c.text for c in grading)
    assert "(1) 造成 3 人以下死亡" in grading[0].text and "(2)" in grading[0].text


def section_of(parsed, needle: str) -> str:
    return next(c.section for c in parsed.chunks if needle in c.text and c.kind == "text")


def test_heading_paths(parsed):
    assert section_of(parsed, "纳入本级政府考核的指标体系") == \
        "朔州市地下水超采综合治理行动方案 › 三、保障措施 › （四）加强督导，严格考核"
    assert section_of(parsed, "市水利局负责对各县（市、区）地下水压采的技术指导") == \
        "朔州市地下水超采综合治理行动方案 › 三、保障措施 › （一）提高认识，加强领导"
    assert section_of(parsed, "适龄儿童学前三年毛入园率93.56%") == \
        "朔州市“十四五”教育改革与发展规划 › 第一章 “十三五”改革发展成效 › 第一节 学前教育普及普惠水平大幅提高"
    assert section_of(parsed, "由市指挥办主任启动三级响应").endswith("5.3.1 三级响应 › 5.3.1.2 启动程序")
    assert section_of(parsed, "组 长：魏元平 副市长") == "二、组成人员"
    assert section_of(parsed, "成片开发总面积366.8236公顷").startswith("一、同意你县所报")
    assert section_of(parsed, "增强学校教育主阵地工程").endswith("专栏1：全面落实立德树人五大工程")
    row = rows(parsed, "朔政发〔2022〕20号", "（213项）")[0]
    assert row.section.startswith("附件：朔州市相对集中行政许可权改革市级划转事项调整目录")


def test_pages_in_range_and_monotonic(parsed):
    for doc in parsed.documents:
        chunks = [c for c in parsed.chunks if c.doc_number == doc.doc_number]
        pages = [c.page for c in sorted(chunks, key=lambda c: c.start)]
        assert all(doc.start_page <= p <= doc.end_page for p in pages), doc.doc_number
        assert pages == sorted(pages), doc.doc_number
        if doc.end_page > doc.start_page:
            assert pages[-1] == doc.end_page  # the last page is reached
        assert doc.page_source == "estimated"


def test_page_estimates_on_known_passages(parsed):
    """Pages checked against the printed issue (repeated table headers mark exact breaks)."""
    table = {c.row_key: c.page for c in rows(parsed, "朔政发〔2022〕20号", "（213项）")}
    assert table["1"] == 1 and table["9"] == 2  # header repeated before item 9
    returned = {c.row_key: c.page for c in rows(parsed, "朔政发〔2022〕20号", "（90项）")}
    assert returned["90"] == 19
    assert next(c.page for c in parsed.chunks if "纳入本级政府考核的指标体系" in c.text) in (125, 126)


def test_chunks_stay_inside_documents_and_ids_are_stable(parsed):
    from corpus.parse import SAMPLE_ISSUE, parse_issue

    bounds = {d.doc_number: (d.start, d.end) for d in parsed.documents}
    for c in parsed.chunks:
        lo, hi = bounds[c.doc_number]
        assert lo <= c.start <= c.end <= hi
    again = parse_issue(SAMPLE_ISSUE)
    assert [c.id for c in again.chunks] == [c.id for c in parsed.chunks]
    assert len({c.id for c in parsed.chunks}) == len(parsed.chunks)


def test_chunks_end_at_sentence_or_paragraph_ends(parsed):
    texts = [c for c in parsed.chunks if c.kind == "text"]
    assert max(len(c.text) for c in texts) <= 750
    for c in texts:
        at_sentence_end = parsed.text[c.end - 1] in "。；！？"
        at_line_end = c.end == len(parsed.text) or parsed.text[c.end] == "\n"
        assert at_sentence_end or at_line_end, c.text[-30:]


def test_labelled_list_items_are_not_cut_sentences():
    from corpus.paragraphs import split_paragraphs

    text = ("为加快推进应县至繁峙高速公路项目建设进度，确保项目于\n2023年一季度开工建设。\n"
            "4A 级景区（3 个）：清凉山景区、明海湖景区、广武旅游区\n3A 级景区（3 个）：羲光农丰生态园、长良生态园")
    paras = split_paragraphs(text, 0, len(text))
    assert [p.continues for p in paras] == [False, True, False, False]


def test_a_short_last_line_of_a_page_is_cut_when_it_holds_a_sentence_mark():
    from corpus.paragraphs import split_paragraphs

    text = ("合理配置，加强调控。按照“用足黄河水、用\n好地表水”的思路，严格限制开采地下水。\n"
            "王晋军 应县县委副书记、县长\n成 员：石生华 市发改委主任\n朔州市人民政府\n2022年9月20日")
    paras = split_paragraphs(text, 0, len(text))
    # Only the first line is a sentence cut by the page; a name, a post or a date is not prose.
    assert [p.continues for p in paras] == [False, True, False, False, False, False]


def test_a_sentence_cut_by_a_page_is_one_sentence_of_its_passage(parsed):
    from corpus.sentences import sentences

    passage = next(c for c in parsed.chunks if "计划开采" in c.text)
    assert any(s.startswith("按照“用足黄河水、用好地表水") for s in sentences(passage.text))
