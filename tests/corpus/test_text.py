"""The one home of ``compact``: every layer compares layout-free text the same way."""

from corpus.text import compact


def test_compact_drops_every_kind_of_whitespace_and_nothing_else():
    printed = "朔政办发〔2022〕27号\n关于印发 朔州市\t地下水\u3000超采综合治理\r\n行动方案的通知。"
    assert compact(printed) == "朔政办发〔2022〕27号关于印发朔州市地下水超采综合治理行动方案的通知。"


def test_the_other_layers_use_the_same_function():
    from assistant import answer
    from evals import metrics

    assert answer.compact is compact and metrics.compact is compact
