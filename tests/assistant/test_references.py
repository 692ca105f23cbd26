"""Documents a gazette document cites, and questions about them."""

from assistant.evidence import coverage, pairs
from assistant.references import CitedDocument, asked_reference, cited_documents
from corpus.model import Chunk

TEXT = ("为加强药品安全工作，根据《山西省人民政府办公厅关于成立药品安全工作领导小组的通知》"
        "（晋政办函〔2022〕123号）精神，决定成立工作专班。落实《关于促进服务业领域困难行业恢复发展的若干政策》（发改财金〔2022〕271号）。")
OWN = "朔州市人民政府办公室关于成立朔州市药品安全工作专班的通知"


def _chunk() -> Chunk:
    return Chunk(id="c1", issue_id="i", doc_number="朔政办函〔2022〕82号", title=OWN, issuer=None, date=None,
                 section="", kind="text", text=TEXT, start=0, end=len(TEXT), page=None, end_page=None)


def _cover(question):
    asked = set(pairs(question))
    return lambda text: coverage({p: 1.0 for p in asked}, set(pairs(text)))


def test_cited_documents_are_read_with_their_numbers():
    cited = cited_documents([_chunk()], {"朔政办函〔2022〕82号"})
    assert [(c.number, c.title[:6]) for c in cited] == [("晋政办函〔2022〕123号", "山西省人民政"),
                                                       ("发改财金〔2022〕271号", "关于促进服务")]
    assert all(c.sentence in TEXT for c in cited)  # the quote is verbatim
    assert cited_documents([_chunk()], {"晋政办函〔2022〕123号", "发改财金〔2022〕271号"}) == []


def _words(text):
    return set(pairs(text))


def test_a_question_about_the_cited_document_gets_it():
    cited = cited_documents([_chunk()], set())
    q = "要落实的《关于促进服务业领域困难行业恢复发展的若干政策》文号为何"
    assert asked_reference(q, OWN, cited, _cover(q), _words).number == "发改财金〔2022〕271号"
    q = "药品安全工作专班是根据省政府办公厅哪个文件成立的"
    assert asked_reference(q, OWN, cited, _cover(q), _words).number == "晋政办函〔2022〕123号"
    q = "药品安全工作专班的通知文号是多少"  # the document itself
    assert asked_reference(q, OWN, cited, _cover(q), _words) is None
    # a document cited, asked by the verb that cites it and the number asked
    for q in ("专班通知援引了省政府办公厅的哪一份文件", "专班通知依据的省政府文件文号是多少",
              "专班通知里提到的省里那个文件是几号文"):
        assert asked_reference(q, OWN, cited, _cover(q), _words).number == "晋政办函〔2022〕123号", q


def test_a_cited_title_must_be_named_by_a_word_the_own_title_lacks():
    own = "市政府 规范 印章 审批 事项 划转 通知"
    title = "省政府 规范 印章 审批 市县 事项 划转 通知"
    cited = [CitedDocument(_chunk(), "依据《省政府规范印章审批市县事项划转的通知》", title, "晋政发〔2021〕47号")]

    def cover(text):
        return 1.0 if "市县" in text else 0.5  # the cited title reads closer
    def words(text):
        return set(text.split())
    assert asked_reference("规范 印章 审批 事项 划转 通知 文号", own, cited, cover, words) is None
    assert asked_reference("省政府 印章 审批 通知 文号", own, cited, cover, words).number == "晋政发〔2021〕47号"


def test_a_basis_asked_of_the_province_is_a_document_of_the_province():
    city_title, province_title = "东山市人民政府关于首批划转事项目录的通知", "山西省人民政府关于规范事项划转工作的通知"
    city = CitedDocument(_chunk(), f"依据《{city_title}》", city_title, "东政发〔2020〕7号")
    province = CitedDocument(_chunk(), f"根据《{province_title}》精神", province_title, "晋政发〔2021〕47号")

    def cover(text):
        return 1.0 if "首批" in text else 0.4  # the city's notice reads closer to the question's words

    q = "首批划转事项调整是依据省政府哪个文件"
    assert asked_reference(q, OWN, [city, province], cover, _words).number == "晋政发〔2021〕47号"
    q = "首批划转事项调整是依据哪个文件"  # no province named: the closest citing sentence
    assert asked_reference(q, OWN, [city, province], cover, _words).number == "东政发〔2020〕7号"
