"""Read one document from its page on a government website (HTML).

Government article pages wrap the document in navigation, breadcrumbs, an information box
(索引号, 发文机关, 文号, 成文日期), share buttons and a footer. Only the document's own text
is kept: page furniture (``nav``, ``header``, ``footer``, ``aside``, elements whose class or id
says breadcrumb/nav/footer/share…) is removed, then the container whose paragraphs hold the
most text is the article. Metadata comes from the page's ``<meta>`` tags as Chinese
government sites publish them (ArticleTitle, PubDate, ContentSource, Url), else from the
information box and the text itself. A web page has no printed page: its chunks carry no page
(``page_source = "none"``) and the document keeps the page's URL for citations.

Parsed with selectolax's Lexbor engine (the ``pdf`` extra); the result is a ``ParsedIssue`` of one document,
chunked by the same chunker as a gazette issue.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from corpus.docnumber import normalize_doc_number
from corpus.model import IssueManifest, ParsedIssue
from corpus.profile import GazetteProfile
from corpus.sources import SourceError, decode_bytes
from corpus.text import iso_date

_FURNITURE_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "button")
_FURNITURE_NAMES = re.compile(r"breadcrumb|crumb|position|location|nav|menu|footer|foot|header|top|share|"
                              r"related|xgwj|print|search|sidebar|copyright", re.I)
# The label of web-page documents when no profile names the site.
GENERIC_SITE = "政府网站"
_INFO = re.compile(r"(文号|发文字号|发文机关|发布机构|成文日期|发布日期)[：:]\s*([^\s：:]+(?:\s[^\s：:]+)?)")


class WebPageError(SourceError):
    """An HTML page that holds no readable document. The message is for the user."""



def web_address(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) address; anything else (「javascript:…」, a relative
    path) is dropped, since it is shown to users as a link."""
    url = (url or "").strip()
    return url if re.match(r"https?://[^\s<>\"']+$", url, flags=re.IGNORECASE) else None

def _meta(tree, name: str) -> str | None:
    node = tree.css_first(f'meta[name="{name}"]')
    value = node.attributes.get("content") if node is not None else None
    return value.strip() if value else None


def _info_box(text: str) -> dict[str, str]:
    """「文号：临政办函〔2022〕78号」-style fields of the page's information box."""
    return {k: v for k, v in _INFO.findall(text)}


def _strip_furniture(root) -> None:
    for node in root.css(",".join(_FURNITURE_TAGS)):
        node.decompose()
    for node in root.css("[class], [id]"):
        names = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
        if _FURNITURE_NAMES.search(names) and not re.search(r"content|article|zoom|main", names, re.I):
            node.decompose()


def _article(root):
    """The element whose own paragraphs hold the most text."""
    best, best_len = None, 0
    for node in root.css("div, article, section, td"):
        length = sum(len(p.text(strip=True)) for p in node.css("p") if p.parent == node)
        if length > best_len:
            best, best_len = node, length
    return best


def _lines(article) -> list[str]:
    """The article as lines: one paragraph per line, table rows as tab-separated cells."""
    out: list[str] = []
    for node in article.traverse():
        if node.tag == "tr":
            out.append("\t".join(c.text(separator=" ", strip=True) for c in node.css("td, th")))
        elif node.tag in _BLOCKS and not any(_inside(node, tag) for tag in ("tr", *_BLOCKS)):
            # The outermost block only (「<li><p>…</p></li>」 is one paragraph); a <br> ends a line.
            text = re.sub(r"[ \t\u3000\xa0]+", " ", node.text(separator="", strip=False))
            out.extend(line.strip() for line in text.split("\n") if line.strip())
    return out


_BLOCKS = ("p", "h1", "h2", "h3", "h4", "li")


def with_line_breaks(html: str) -> str:
    """The page with each <br> as a line break in the text, so that 「乙<br>丙」 stays two lines."""
    return re.sub(r"<br\s*/?>", "\n", html, flags=re.IGNORECASE)


def _inside(node, tag: str) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag == tag:
            return True
        parent = parent.parent
    return False


def parse_web_page(path: str | Path, profile: GazetteProfile | None = None) -> ParsedIssue:
    """Parse one government article page into a one-document ``ParsedIssue`` (no pages, with its URL).
    The profile names the site (the documents' label) and the issuers' signatures."""
    try:
        from selectolax.lexbor import LexborHTMLParser as HTMLParser
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise WebPageError("读取网页需要安装可选组件 pdf：pip install 'gazette-qa[pdf]'") from exc
    from corpus.chunker import chunk_document
    from corpus.documents import build_document
    from corpus.model import TocEntry
    from corpus.paragraphs import split_paragraphs

    path = Path(path)
    html, _ = decode_bytes(path.read_bytes())
    tree = HTMLParser(with_line_breaks(html))
    body = tree.body
    if body is None:
        raise WebPageError(f"网页没有正文 / the page has no body: {path.name}")
    info = _info_box(body.text(separator=" "))
    canonical = tree.css_first('link[rel="canonical"]')
    url = web_address(_meta(tree, "Url") or (canonical.attributes.get("href") if canonical is not None else None))
    _strip_furniture(body)
    article = _article(body)
    if article is None:
        raise WebPageError(f"网页中没有找到文件正文 / no document text in the page: {path.name}")
    title_node = tree.css_first("h1")
    title = _meta(tree, "ArticleTitle") or (title_node.text(strip=True) if title_node is not None else path.stem)
    lines = _lines(article)
    text = "\n".join(lines) + "\n"
    number = normalize_doc_number(info.get("文号") or info.get("发文字号") or "") or normalize_doc_number(text[:2000])
    if number is None:
        raise WebPageError(f"网页中没有找到文号 / no 文号 in the page: {path.name}")
    issuers = profile.issuer_line() if profile else None
    doc = build_document(text, TocEntry("网页文件", title, number, 0), 0, len(text), issuers)
    doc.start_page = doc.end_page = None
    doc.page_source = "none"
    doc.url = url
    doc.issuer = doc.issuer or _meta(tree, "ContentSource") or info.get("发文机关") or info.get("发布机构")
    doc.date = (doc.date or iso_date(info.get("成文日期")) or iso_date(_meta(tree, "PubDate"))
                or iso_date(info.get("发布日期")))
    year = int(doc.date[:4]) if doc.date else 0
    slug = hashlib.sha1((url or path.name).encode("utf-8")).hexdigest()[:8]
    site = profile.site if profile else GENERIC_SITE
    manifest = IssueManifest(title=site, year=year, issue=f"网页{slug}", date=iso_date(_meta(tree, "PubDate")),
                             publisher=doc.issuer, kind="web", url=url)
    chunks = chunk_document(doc, split_paragraphs(text, 0, len(text), laid_out=True), manifest.issue_id)
    return ParsedIssue(manifest=manifest, source_name=path.name, text=text, toc=[], documents=[doc], chunks=chunks)
