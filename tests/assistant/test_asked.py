"""What a question asks: the words beside its interrogative."""

from assistant.asked import anchor_words


def words(text):
    """Stand-in for the gazette tokenizer: a fixed vocabulary, everything else one character at a time."""
    vocabulary = ("注重", "方面", "坚持", "理念", "举办", "大讲堂", "规划", "核发", "现在", "部门", "要求", "批复",
                  "增效", "工作", "备案", "以后")
    out, i = [], 0
    while i < len(text):
        word = next((w for w in vocabulary if text.startswith(w, i)), text[i])
        out.append(word)
        i += len(word)
    return out


def known(word):
    return True


def test_the_words_beside_the_interrogative_that_say_what_is_asked():
    assert anchor_words("批复要求注重哪些方面？", words, known) == ("注重",)  # 要求 frames, 方面 says nothing
    assert anchor_words("市里批复让坚持啥理念？", words, known) == ("坚持", "理念")
    assert anchor_words("规划里说由谁来举办大讲堂？", words, known) == ("举办",)  # not as far back as 规划
    assert anchor_words("核发现在归哪个部门", words, known) == ("核发",)
    assert anchor_words("方案批了以后要向哪儿备案", words, known) == ("备案",)  # where: 哪儿, 哪里
    # a generic predicate (做) asks nothing specific; the words before it are the topic
    assert anchor_words("节水增效要做哪些工作", words, known) == ()


def test_only_words_the_gazette_uses():
    assert anchor_words("市里批复让坚持啥理念？", words, lambda w: w != "坚持") == ("理念",)
    assert anchor_words("没有疑问词的句子", words, known) == ()


def test_a_short_heading_counts_as_named_only_when_quoted():
    from assistant.asked import named_own_heading
    from corpus.model import Chunk
    chunk = Chunk(id="c1", issue_id="i", doc_number="某政发〔2023〕1号", title="某规划", issuer=None, date=None,
                  section="四、空间布局 › （一）一核", kind="text", text="以老城景区为核心。", start=0, end=9,
                  page=1, end_page=1, seq=1)
    assert named_own_heading(chunk, "规划里说的那个“一核”是以哪儿为核心") == "一核"
    assert named_own_heading(chunk, "规划里一核是以哪儿为核心") == ""


def test_the_documents_title_words_do_not_name_a_heading():
    from assistant.asked import named_own_heading
    from corpus.model import Chunk
    chunk = Chunk(id="c2", issue_id="i", doc_number="某政函〔2023〕2号", title="关于西山县土地征收开发方案的批复",
                  issuer=None, date=None, section="一、土地征收开发方案", kind="text",
                  text="一、土地征收开发方案经研究同意。", start=0, end=16, page=1, end_page=1, seq=1)

    def words(text):
        return [w for w in ("土地", "征收", "开发", "方案", "保障") if w in text]

    assert named_own_heading(chunk, "批复要求土地征收和开发方案注重哪些方面", words) == ""
    other = Chunk(**{**chunk.__dict__, "id": "c3", "section": "二、征收保障方案"})
    assert named_own_heading(other, "征收的保障方案要求哪些方面", words) == "征收保障方案"  # 保障 is its own


def test_a_part_named_by_its_number_places_the_passage_under_that_heading():
    from assistant.asked import numbered_as_asked
    from corpus.model import Chunk
    chunk = Chunk(id="c4", issue_id="i", doc_number="某政函〔2023〕3号", title="关于西山县开发方案的批复", issuer=None,
                  date=None, section="二、你县要坚持新发展理念，注重保护耕地", kind="text",
                  text="注重保护耕地，注重节约用地。", start=0, end=14, page=1, end_page=1, seq=1)
    assert numbered_as_asked(chunk, "批复第二条提了哪几个注重") == 1.0
    assert numbered_as_asked(chunk, "批复第三条提了哪几个注重") == 0.0
    assert numbered_as_asked(chunk, "目录第2项是什么") == 0.0  # a table's row, not a part of the text


def test_only_a_top_level_part_or_an_article_is_named_by_its_number():
    from assistant.asked import numbered_as_asked
    from corpus.model import Chunk
    sub_item = Chunk(id="c5", issue_id="i", doc_number="某政发〔2023〕4号", title="某规划", issuer=None, date=None,
                     section="一、总体要求 › （二）基本原则", kind="text", text="坚持统筹。", start=0, end=5,
                     page=1, end_page=1, seq=1)
    assert numbered_as_asked(sub_item, "规划第二条说了啥") == 0.0
    article = Chunk(**{**sub_item.__dict__, "id": "c6", "section": "第二条 本办法所称事项"})
    assert numbered_as_asked(article, "办法第二条说了啥") == 1.0
