"""Near twins across the splits (evals.twins), on small inputs."""

from evals.metrics import GoldItem
from evals.twins import near_twins


def _item(id_: str, question: str) -> GoldItem:
    return GoldItem(id=id_, question=question, answerable=False, doc_numbers=[], evidence=[], answer_keywords=[],
                    type="unanswerable")


def test_a_question_that_nearly_repeats_another_splits_is_a_twin():
    tune = [_item("t1", "西山高速全长多少公里？"), _item("t2", "Who is the mayor of Linchuan?")]
    held = [_item("h1", "西山高速全长多少公里呀？"), _item("h2", "西山高速总投资多少亿元？"),
            _item("h3", "who is the mayor of linchuan"), _item("h4", "市水利局负责什么")]
    assert near_twins(held, tune) == {"h1", "h3"}
    assert near_twins(held, []) == set()


def test_the_shipped_splits_report_their_twins_apart(tmp_path):
    from evals.harness import render_markdown

    report = {"meta": {"date": "d", "commit": "c"}, "mode": "extractive", "index": {},
              "splits": {"heldout": {"questions": 2, "answerable": 1, "unanswerable": 1, "followups": 0,
                                     "by_round": {}, "by_style": {}, "by_type": {},
                                     "by_twin": {"near twin in tune": {"n": 1, "correct": None,
                                                                       "refused_unanswerable": 1.0, "ok": 1.0,
                                                                       "doc@5": None}}}}}
    assert "heldout · by twin" in render_markdown(report, "")
