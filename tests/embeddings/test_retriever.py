"""Hybrid retrieval on the real index."""

from langchain_core.embeddings import Embeddings

from embeddings.retriever import Filters, GazetteRetriever, HybridSearch


def top_docs(service, query, k=5):
    return [h.chunk.doc_number for h in service.search.search(query, k).hits]


def test_paraphrased_question_finds_the_groundwater_plan(service):
    hits = service.search.search("谁负责地下水压采考核", 5).hits
    assert hits[0].chunk.doc_number == "朔政办发〔2022〕27号"
    assert any("纳入本级政府考核的指标体系" in h.chunk.text for h in hits)


def test_keyword_question_finds_the_table_row(service):
    hits = service.search.search("导游证核发", 5).hits
    assert hits[0].chunk.kind == "table_row" and hits[0].chunk.row_key == "152"


def test_doc_number_in_any_brackets_restricts_search(service):
    for q in ["朔政办发[2022]27号的考核要求", "朔政办发（2022）27号 考核", "朔政办发〔2022〕27号"]:
        result = service.search.search(q, 5)
        assert result.named_documents == ["朔政办发〔2022〕27号"]
        assert set(h.chunk.doc_number for h in result.hits) == {"朔政办发〔2022〕27号"}


def test_a_document_cited_by_its_number_alone_restricts_search_when_one_has_it(service):
    result = service.search.search("按20号文的规定，事项划回原部门怎么走程序", 5)
    assert result.named_documents == ["朔政发〔2022〕20号"] and "20号文" in result.named_titles
    assert {h.chunk.doc_number for h in result.hits} == {"朔政发〔2022〕20号"}
    assert service.search.named_documents("3月20号文件下发后怎么办")[0] == []  # a date, not a number


def test_title_short_name_boosts_document(service):
    result = service.search.search("文化和旅游突发事件应急预案里的信息报告", 5)
    assert "朔政办发〔2022〕25号" in result.named_documents
    assert result.hits[0].chunk.doc_number == "朔政办发〔2022〕25号"


def test_document_coverage_weighs_the_rare_words_of_the_question(service):
    coverage = service.search.document_coverage("地下水压采的年度计划报给谁")
    assert max(coverage, key=coverage.get) == "朔政办发〔2022〕27号"
    assert 0 < coverage["朔政办发〔2022〕27号"] <= 1
    # Words used by every document weigh nothing, and words none uses leave every share lower.
    assert service.search.document_coverage("工作") == {}
    alone = service.search.document_coverage("压采")["朔政办发〔2022〕27号"]
    assert alone == 1.0
    assert service.search.document_coverage("压采 新生儿")["朔政办发〔2022〕27号"] < alone


def test_metadata_filters(service):
    office = service.search.search("工作专班组长", 5, Filters(issuer="朔州市人民政府办公室")).hits
    assert office and all(h.chunk.issuer == "朔州市人民政府办公室" for h in office)
    only = service.search.search("组长", 5, Filters(doc_numbers=["朔政办函〔2022〕82号"])).hits
    assert {h.chunk.doc_number for h in only} == {"朔政办函〔2022〕82号"}
    assert service.search.search("组长", 5, Filters(year=2019)).hits == []
    assert service.search.search("组长", 5, Filters(issue_id="2022-05")).hits


def test_langchain_retriever_interface(service):
    retriever = GazetteRetriever(search=service.search, k=3)
    docs = retriever.invoke("排污许可")
    assert len(docs) == 3
    assert docs[0].metadata["doc_number"] == "朔政发〔2022〕20号"
    assert "排污许可" in docs[0].page_content


def test_neighbours_stay_in_document(service):
    chunk = next(c for c in service.index.chunks if "纳入本级政府考核的指标体系" in c.text)
    prev, nxt = service.index.neighbours(chunk)
    assert prev is not None and prev.doc_number == chunk.doc_number
    assert nxt is None or nxt.doc_number == chunk.doc_number


def test_a_row_name_may_be_asked_without_its_bracketed_qualifier(service):
    from embeddings.retriever import names_a_cell

    row = next(c for c in service.index.chunks if c.kind == "table_row" and "食品(含保健食品)经营许可" in c.text)
    assert names_a_cell(row, "食品经营许可是从哪个部门划转过来的")
    assert not names_a_cell(row, "保健食品有哪些")
    hits = service.search.search("食品经营许可是从哪个部门划转过来的", 5).hits
    assert hits[0].chunk.id == row.id


def test_a_name_the_question_quotes_finds_the_passage_that_quotes_it(service):
    from embeddings.retriever import _quoted_in

    assert _quoted_in(["一核"], list(service.index.chunks)) == set()  # too short to name one passage
    hits = service.search.search("文旅规划里说要挖掘朔州市的“三大优势”，是哪三个？", 5).hits
    assert "独特的避暑环境“三大优势”" in hits[0].chunk.text
    # typed without the marks, a counted name is still one the gazette quotes
    from corpus.text import counted_name_candidates

    quoting = _quoted_in(counted_name_candidates("文旅规划的三大优势是什么"), list(service.index.chunks))
    assert quoting and all("“三大优势”" in service.index.chunk(cid).text for cid in quoting)
    hits = service.search.search("文旅规划的三大优势是什么", 5).hits
    assert any("独特的避暑环境“三大优势”" in h.chunk.text for h in hits[:3])


class CountingEmbeddings(Embeddings):
    """The service's real model, counting the queries it embeds."""

    def __init__(self, model: Embeddings) -> None:
        self.model, self.queries = model, []

    def embed_documents(self, texts):
        return self.model.embed_documents(texts)

    def embed_query(self, text):
        self.queries.append(text)
        return self.model.embed_query(text)


def test_a_remembered_query_vector_is_the_models_own(service):
    model = CountingEmbeddings(service.search.embeddings)
    search = HybridSearch(service.index, model, query_cache=2)
    first = search.search("谁负责地下水压采考核", 5)
    again = search.search("谁负责地下水压采考核", 5)
    assert model.queries == ["谁负责地下水压采考核"]  # asked again: no second pass of the model
    assert again.query_vector == first.query_vector == service.search.embeddings.embed_query("谁负责地下水压采考核")
    assert [h.chunk.id for h in again.hits] == [h.chunk.id for h in first.hits]
    search.query_vector("导游证核发")
    search.query_vector("组长")
    search.query_vector("谁负责地下水压采考核")  # the least recently used of three went out
    assert model.queries.count("谁负责地下水压采考核") == 2
    assert HybridSearch(service.index, model).query_vector("组长") and model.queries.count("组长") == 2  # 0: none


def test_queries_embedded_together_are_each_embedded_alone(service):
    queries = ["怀仁市要压减多少地下水", "应县要压减多少地下水", "导游证核发"]
    together = service.search.embed_queries(queries)
    assert together == [service.search.embeddings.embed_query(q) for q in queries]
