"""The question sets are sound, and the scoring code works on a quick subset (the full run is `gazette eval`)."""

import json

import pytest

from corpus.text import compact
from evals.dialogues import evaluate_dialogues, load_dialogues, render_dialogues
from evals.harness import HELDOUT_SET, TUNE_SET, evaluate, load_gold, page_ranges_and_source, render_table
from evals.metrics import GoldItem, score_answer, score_retrieval

ITEMS = load_gold(TUNE_SET)
HELDOUT = load_gold(HELDOUT_SET)


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


def test_heldout_split_shape():
    """At least 300 questions in all, 60 unanswerable, held-out at least 40%, every style held out."""
    everything = ITEMS + HELDOUT
    assert len(everything) >= 300 and len([i for i in everything if not i.answerable]) >= 60
    assert len(HELDOUT) >= 0.4 * len(everything)
    assert {"colloquial", "typo", "long", "short", "formal", "traditional", "english"} <= {i.style for i in HELDOUT}
    assert not {i.question for i in HELDOUT} & {i.question for i in ITEMS}
    assert len({i.id for i in everything}) == len(everything)


def test_split_is_by_section(parsed):
    """No held-out answer comes from a passage that a tune question's evidence stands in."""
    tune_evidence = {compact(e) for i in ITEMS if i.answerable for e in i.evidence if len(compact(e)) >= 8}
    for item in HELDOUT:
        for e in item.evidence:
            assert compact(e) not in tune_evidence, f"{item.id}: {e}"


@pytest.mark.parametrize("path", [TUNE_SET, HELDOUT_SET], ids=["tune", "heldout"])
def test_evidence_and_keywords_are_verbatim_in_the_listed_document(parsed, path):
    # Compared without whitespace: the printed title wraps (「改革 事项划转」) where a question writes it whole.
    docs = {d.doc_number: compact(parsed.text[d.start:d.end]) for d in parsed.documents}
    for item in load_gold(path):
        if not item.answerable:
            assert not item.doc_numbers and not item.evidence
            continue
        texts = [docs[d] for d in item.doc_numbers]
        assert 1 <= len(item.evidence) <= 3, item.id
        for s in item.evidence + item.answer_keywords:
            assert any(compact(s) in t for t in texts), f"{item.id}: {s}"


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
    assert report["answer"]["correct"] >= 0.75 and report["answer"]["refusal_recall"] == 1.0
    assert report["answer"]["quotes_verbatim"] == 1.0 and report["answer"]["pages_in_range"] == 1.0
    table = render_table({"tune": report})
    assert "| doc@5 | 1.000 |" in table
    json.dumps(report, default=str)


def test_dialogue_set_shape():
    """At least 40 dialogues of 2–5 turns, topic switches among follow-ups, 40 of them held out."""
    dialogues = load_dialogues()
    assert len(dialogues) >= 40 and all(2 <= len(d["turns"]) <= 5 for d in dialogues)
    assert len([d for d in dialogues if d["set"] == "heldout"]) >= 40
    kinds = {t["kind"] for d in dialogues for t in d["turns"]}
    assert {"first", "topic_switch", "entity_swap", "attribute", "document", "ordinal", "more", "clarify"} <= kinds
    assert {"colloquial", "english"} <= {d["style"] for d in dialogues}


def test_dialogue_turns_are_scored_in_context(service):
    """Two tune dialogues played for real: each turn sees the service's own earlier answers."""
    dialogues = [d for d in load_dialogues() if d["id"] in {"d-041", "d-046"}]
    ranges, source = page_ranges_and_source(service.index)
    report = evaluate_dialogues(service, dialogues, ranges, source)["tune"]
    assert report["turns"] == 8 and set(report["by_kind"]) >= {"first", "attribute", "topic_switch", "document"}
    # A topic switch is answered as if asked alone.
    assert report["topic_switch_ok"] == report["topic_switch_alone_ok"]
    assert "followup_ok" in render_dialogues({"tune": report})
