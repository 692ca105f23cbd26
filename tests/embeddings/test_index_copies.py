"""A document copied on a web page does not displace the issue's copy (documents are looked up by 文号)."""

from corpus.model import Chunk, IndexedDocument
from embeddings.index import _one_copy_per_number


def chunk(issue_id, number):
    return Chunk(id=f"{issue_id}-{number}", issue_id=issue_id, doc_number=number, title="t", issuer=None, date=None,
                 section="s", kind="text", text="x", start=0, end=1, page=None, end_page=None)


def document(issue_id, number, page_source, issue_label=""):
    return IndexedDocument(doc_number=number, title="t", category=None, issuer=None, date=None, start_page=None,
                           end_page=None, start=0, end=1, page_source=page_source, issue_id=issue_id,
                           issue_label=issue_label)


def test_a_web_copy_gives_way_to_the_printed_one_whichever_comes_first():
    docs = [document("web-1", "朔政办函〔2022〕78号", "none"),
            document("2022-05", "朔政办函〔2022〕78号", "estimated", "第5期"),
            document("2022-05", "朔政办发〔2022〕27号", "estimated"),
            document("2022-06", "朔政办发〔2022〕27号", "source")]
    chunks = [chunk(d.issue_id, d.doc_number) for d in docs]
    warnings: list[str] = []
    kept_chunks, kept_docs = _one_copy_per_number(chunks, docs, warnings)
    assert [(d.issue_id, d.doc_number) for d in kept_docs] == [
        ("2022-05", "朔政办函〔2022〕78号"), ("2022-05", "朔政办发〔2022〕27号"), ("2022-06", "朔政办发〔2022〕27号")]
    assert [c.issue_id for c in kept_chunks] == ["2022-05", "2022-05", "2022-06"]  # two printed copies stay
    assert warnings and "第5期" in warnings[0] and "web-1" in warnings[0]
