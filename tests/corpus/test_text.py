"""The one home of text normalisation (``compact``, NFKC, 繁→简) and of sentence splitting:
every layer compares, folds and cuts text the same way."""

from corpus.sentences import sentences, split_sentences
from corpus.text import compact, nfkc, to_simplified


def test_compact_drops_every_kind_of_whitespace_and_nothing_else():
    printed = "朔政办发〔2022〕27号\n关于印发 朔州市\t地下水\u3000超采综合治理\r\n行动方案的通知。"
    assert compact(printed) == "朔政办发〔2022〕27号关于印发朔州市地下水超采综合治理行动方案的通知。"


def test_the_other_layers_use_the_same_function():
    from assistant import answer
    from evals import metrics

    assert answer.compact is compact and metrics.compact is compact


def test_width_and_script_are_folded_in_one_place():
    from assistant import analysis
    from corpus import docnumber

    assert nfkc("５Ａ级景区，ＰＭ２．５") == "5A级景区,PM2.5"
    assert to_simplified("公平競爭審查由誰來審") == "公平竞争审查由谁来审"
    assert analysis.to_simplified is to_simplified and analysis.nfkc is nfkc and docnumber.nfkc is nfkc


def test_one_sentence_splitter_with_named_options():
    text = "市水利局负责监督；市发改委配合。能打井吗？不能!见附件\n二、考核"
    assert "".join(split_sentences(text, clauses=True, half_width=True, lines=True)) == text  # lossless
    assert split_sentences(text) == ["市水利局负责监督；市发改委配合。", "能打井吗？", "不能!见附件\n二、考核"]
    assert split_sentences(text, clauses=True)[:2] == ["市水利局负责监督；", "市发改委配合。"]
    assert split_sentences(text, half_width=True, lines=True)[2:] == ["不能!", "见附件\n", "二、考核"]
    # The units an answer quotes: clauses and lines, stripped, without pieces too short to state anything.
    assert sentences(text) == ["市水利局负责监督；", "市发改委配合。", "能打井吗？", "不能!见附件", "二、考核"]
    assert sentences("附件\n二、\n（一）加强领导。") == ["（一）加强领导。"]


def test_the_chunker_the_answer_step_and_the_stream_use_that_splitter():
    from assistant import llm, service
    from corpus import chunker

    assert chunker.split_sentences is llm.split_sentences is service.split_sentences is split_sentences


def test_numerals_up_to_ninety_nine():
    from corpus.text import cn_number
    numerals = ("一", "两", "十", "十二", "二十", "九十九", "8", "12")
    assert [cn_number(n) for n in numerals] == [1, 2, 10, 12, 20, 99, 8, 12]
    assert cn_number("百") is None and cn_number("三十三十") is None and cn_number("") is None


def test_a_counted_name_may_be_typed_without_its_quotation_marks():
    from corpus.text import counted_name_candidates

    found = counted_name_candidates("文旅规划的三大优势是什么")
    assert "三大优势" in found and "三大" in found and all(f.startswith("三") for f in found)
    assert counted_name_candidates("第二章讲什么") == []  # an order, not a count
