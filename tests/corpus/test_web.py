"""A document's page on a government website: only the document's text is kept, its 文号,
title, issuer and date are read, its chunks have no page but keep the page's URL."""

from __future__ import annotations

import html

import pytest

from corpus.parse import SAMPLE_ISSUE, parse_issue
from corpus.sources import SourceError

URL = "https://www.shuozhou.gov.cn/zwgk/zfgb/202210/t20221009_000078.shtml"
NUMBER = "朔政办函〔2022〕78号"
FURNITURE = ["网站首页", "政务公开", "您当前的位置", "打印本页", "关闭窗口", "主办单位：朔州市人民政府办公室",
             "晋ICP备05002578号", "相关文件", "分享到", "朔州市人民政府关于印发2023年十件民生实事的通知"]


def article_page(tmp_path):
    """A page built like the city's article pages around the text of 朔政办函〔2022〕78号."""
    parsed = parse_issue(SAMPLE_ISSUE)
    doc = parsed.document(NUMBER)
    lines = [ln.strip() for ln in parsed.text[doc.start:doc.end].split("\n") if ln.strip()]
    body_lines = lines[lines.index(NUMBER) + 1:]
    paragraphs = "".join(f"<p style='text-indent:2em'>{html.escape(ln)}</p>" for ln in body_lines)
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>{html.escape(doc.title)}_政府公报_朔州市人民政府</title>
<meta name="ArticleTitle" content="{html.escape(doc.title)}">
<meta name="PubDate" content="2022-10-12 09:30">
<meta name="ContentSource" content="朔州市人民政府办公室">
<meta name="Url" content="{URL}">
</head><body>
<div class="header"><div class="top">欢迎访问朔州市人民政府网站</div>
<ul class="nav"><li><a href="/">网站首页</a></li><li><a href="/zwgk">政务公开</a></li><li>政务服务</li></ul></div>
<div class="position">您当前的位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 政府公报</div>
<div class="main">
<table class="xxgk-info"><tr><td>索引号：</td><td>11140600012345678X/2022-00078</td>\
<td>发文机关：</td><td>朔州市人民政府办公室</td></tr>
<tr><td>文号：</td><td>{NUMBER}</td><td>成文日期：</td><td>2022年9月21日</td></tr></table>
<h1>{html.escape(doc.title)}</h1>
<div class="share">分享到：微信 微博 <span class="print">打印本页</span> <span>关闭窗口</span></div>
<div class="article-content" id="zoom">{paragraphs}</div>
<div class="xgwj"><h3>相关文件</h3><ul><li><p>朔州市人民政府关于印发2023年十件民生实事的通知</p></li></ul></div>
</div>
<div class="footer"><p>主办单位：朔州市人民政府办公室</p><p>晋ICP备05002578号</p></div>
</body></html>"""
    path = tmp_path / "t20221009_000078.html"
    path.write_text(page, encoding="utf-8")
    return path, body_lines, doc


def test_only_the_documents_text_is_kept_and_its_metadata_read(tmp_path):
    path, body_lines, original = article_page(tmp_path)
    parsed = parse_issue(path)
    (doc,) = parsed.documents
    assert doc.doc_number == NUMBER and doc.title == original.title
    assert doc.issuer == "朔州市人民政府办公室" and doc.date == "2022-09-21"  # the signing date, not the posting date
    assert doc.url == URL and doc.page_source == "none" and doc.start_page is None
    assert [ln for ln in parsed.text.split("\n") if ln] == body_lines  # the text, all of it, nothing else
    for junk in FURNITURE:
        assert junk not in parsed.text, junk
    assert parsed.manifest.kind == "web" and parsed.manifest.issue_id.startswith("web-")
    texts = [c for c in parsed.chunks if c.kind == "text"]
    assert texts and all(c.page is None for c in parsed.chunks)
    assert any("公平竞争审查" in c.text for c in texts)
    # The same paragraphs are chunked as in the gazette issue (whose first chunk also holds the
    # title block and 文号 that the web page prints outside the article).
    shipped = [c.text for c in parse_issue(SAMPLE_ISSUE).chunks if c.doc_number == NUMBER and c.kind == "text"]
    assert [c.text for c in texts[1:]] == shipped[1:]
    assert shipped[0].endswith(texts[0].text)


def test_a_page_without_a_document_gets_a_clear_error(tmp_path):
    path = tmp_path / "index.html"
    path.write_text("<html><body><div class='nav'>网站首页</div><div><p>欢迎访问</p></div></body></html>", "utf-8")
    with pytest.raises(SourceError, match="文号"):
        parse_issue(path)


def test_only_absolute_web_addresses_are_kept():
    from corpus.web import web_address
    assert web_address(" https://www.shuozhou.gov.cn/a/b.html ") == "https://www.shuozhou.gov.cn/a/b.html"
    for bad in ("javascript:alert(1)", "JAVASCRIPT:alert(1)", "/zwgk/a.html", "data:text/html,x", "https://a b", None):
        assert web_address(bad) is None


def test_nested_blocks_once_and_line_breaks_kept():
    from selectolax.lexbor import LexborHTMLParser

    from corpus.web import _lines, with_line_breaks
    page = with_line_breaks("<div><ul><li><p>一、甲项</p></li></ul><p>乙<br>丙</p></div>")
    article = LexborHTMLParser(page).css_first("div")
    assert _lines(article) == ["一、甲项", "乙", "丙"]
