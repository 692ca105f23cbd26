"""The gold set is sound, and the scoring code works on a quick subset (the full run is `gazette eval`)."""

import json


import pytest

from evals.harness import DEFAULT_GOLD, HELDOUT_GOLD, evaluate, load_gold, render_table
from evals.metrics import GoldItem, score_answer, score_retrieval

ITEMS = load_gold(DEFAULT_GOLD)


def test_gold_set_shape():
    assert len([i for i in ITEMS if i.answerable]) >= 80
    assert len([i for i in ITEMS if not i.answerable]) >= 10
    assert len([i for i in ITEMS if i.history]) >= 10
    assert len({i.id for i in ITEMS}) == len(ITEMS)
    per_doc = {}
    for i in ITEMS:
        for d in i.doc_numbers:
            per_doc[d] = per_doc.get(d, 0) + 1
    assert len(per_doc) == 12
    long_docs = ["朔政发〔2022〕20号", "朔政发〔2022〕34号", "朔政发〔2022〕40号", "朔政发〔2022〕41号", "朔政办发〔2022〕25号"]
    assert all(per_doc[d] >= 3 for d in long_docs)


def test_heldout_set_shape():
    heldout = load_gold(HELDOUT_GOLD)
    assert len([i for i in heldout if i.answerable]) >= 20 and len([i for i in heldout if not i.answerable]) >= 20
    assert not {i.question for i in heldout} & {i.question for i in ITEMS}


@pytest.mark.parametrize("path", [DEFAULT_GOLD, HELDOUT_GOLD], ids=["gold", "heldout"])
def test_evidence_and_keywords_are_verbatim_in_the_listed_document(parsed, path):
    docs = {d.doc_number: parsed.text[d.start:d.end] for d in parsed.documents}
    for item in load_gold(path):
        if not item.answerable:
            assert not item.doc_numbers and not item.evidence
            continue
        texts = [docs[d] for d in item.doc_numbers]
        assert 1 <= len(item.evidence) <= 3, item.id
        for s in item.evidence + item.answer_keywords:
            assert any(s in t for t in texts), f"{item.id}: {s}"


def test_scoring_functions():
    item = GoldItem("x", "q", True, ["A号"], ["甲乙丙"], ["乙"], "who")
    r = score_retrieval(item, [("B号", "无关"), ("A号", "前甲乙丙后")])
    assert (r.doc_at_1, r.doc_at_5, r.evidence_at_1, r.evidence_at_5, r.reciprocal_rank) == (False, True, False, True, 0.5)
    answer = {"answer": "乙[1]", "refused": False,
              "citations": [{"doc_number": "A号", "page": 3, "quote": "甲乙丙"}, {"doc_number": "B号", "page": 9, "quote": "不在原文"}]}
    s = score_answer(item, answer, {"A号": (1, 5), "B号": (1, 5)}, "……甲乙丙……")
    assert s.correct and s.citation_precision == 0.5 and s.pages_in_range == 0.5 and s.quotes_verbatim == 0.5


def test_quick_eval_subset(service):
    subset = [i for i in ITEMS if i.id in {"q001", "q009", "q062", "q080", "q082", "q092"}]
    report = evaluate(service, subset)
    assert report["questions"] == 6 and report["unanswerable"] == 2 and report["followups"] == 1
    assert report["retrieval"]["doc@5"] == 1.0
    assert report["answer"]["correct"] == 1.0 and report["answer"]["refusal_recall"] == 1.0
    assert report["answer"]["quotes_verbatim"] == 1.0 and report["answer"]["pages_in_range"] == 1.0
    table = render_table(report)
    assert "| doc@5 | 1.000 |" in table
    json.dumps(report, default=str)
