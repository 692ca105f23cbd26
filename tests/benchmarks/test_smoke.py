"""Smoke tests of the benchmarks package: no timing here (benchmarks run on demand, not in tests)."""

from __future__ import annotations

import json

import pytest

from benchmarks.common import percentiles, record
from benchmarks.scale_corpus import generate_issue, slot, write_corpus
from corpus.parse import parse_issue
from embeddings.index import indexed_sentences


def test_generator_is_deterministic_and_issues_differ(parsed):
    first, manifest = generate_issue(parsed, 1)
    again, _ = generate_issue(parsed, 1)
    other, other_manifest = generate_issue(parsed, 2)
    assert first == again
    assert first != other
    assert manifest["issue"] == "第6期" and manifest["issue_total"] == "总第20期"
    assert other_manifest["year"] == 2023 and other_manifest["issue"] == "第1期"


def test_distractor_parses_like_the_real_issue_with_new_numbers(parsed, tmp_path):
    paths = write_corpus(tmp_path, 2)
    assert [p.name for p in paths] == ["shuozhou-gazette-2022-05.txt", "shuozhou-gazette-2022-06.txt",
                                       "shuozhou-gazette-2023-01.txt"]
    fake = parse_issue(paths[1])
    assert fake.manifest.issue_id == slot(1).issue_id == "2022-06"
    assert fake.warnings == []
    assert len(fake.documents) == len(parsed.documents) == 12
    real_numbers = {d.doc_number for d in parsed.documents}
    # Same 机关代字 in the same order, every 文号 new.
    assert ([d.doc_number.split("〔")[0] for d in fake.documents]
            == [d.doc_number.split("〔")[0] for d in parsed.documents])
    assert not real_numbers & {d.doc_number for d in fake.documents}
    assert all("〔2022〕" in d.doc_number for d in fake.documents)
    assert all(d.date and d.date.startswith("2022-1") for d in fake.documents)
    # The same kind of document about another subject: the groundwater plan's subject words are gone
    # from the whole issue, its title keeps its frame.
    groundwater = next(i for i, d in enumerate(parsed.documents) if "地下水" in d.title)
    assert fake.documents[groundwater].title.endswith("综合治理行动方案的通知")
    assert "地下水" not in fake.text and "压采" not in fake.text and "导游证" not in fake.text
    assert fake.documents[groundwater].title != parsed.documents[groundwater].title
    # About the same size; sentences without a subject word are the real ones (vectors from the cache).
    assert 0.85 < len(fake.text) / len(parsed.text) < 1.15
    real_sentences = set(indexed_sentences(parsed.chunks))
    fake_sentences = indexed_sentences(fake.chunks)
    assert 0.05 < sum(s in real_sentences for s in fake_sentences) / len(fake_sentences) < 0.5
    # The member list of 朔政办函〔2022〕79号 is reshuffled: 王悦 no longer holds the same post everywhere.
    members_real = parsed.text[parsed.documents[10].start:parsed.documents[10].end]
    members_fake = fake.text[fake.documents[10].start:fake.documents[10].end]
    assert "王悦 市教育局局长" in members_real
    assert members_real != members_fake and "成员：" in members_fake
    # Writing again changes nothing.
    before = {p: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    write_corpus(tmp_path, 2)
    assert before == {p: p.stat().st_mtime_ns for p in tmp_path.iterdir()}


def test_replacements_are_words_no_question_or_the_real_issue_writes(parsed):
    from benchmarks.scale_corpus import Subjects, eval_questions, replacement_nouns

    subjects = Subjects.of(parsed)
    assert {"地下水", "压采", "货运"} <= set(subjects.words)
    assert "朔州" not in subjects.words and "市水利局" not in subjects.words  # shared by documents; a department
    assert "地下水" in eval_questions()  # the questions are read: their words are kept out of the replacements
    # a noun of the dictionary leaves the pool once the forbidden text writes it
    allowed = replacement_nouns("")
    word = allowed[3][0]
    assert word not in replacement_nouns(f"问：{word}在哪")[3]


def test_record_shape(tmp_path):
    record("demo", {"questions": 3}, {"answer_ms": percentiles([3.0, 1.0, 2.0])}, out_dir=tmp_path)
    entry = record("demo", {"questions": 4}, {}, out_dir=tmp_path)
    history = json.loads((tmp_path / "demo.json").read_text("utf-8"))
    assert len(history) == 2 and history[-1] == entry
    first = history[0]
    assert set(first) == {"benchmark", "commit", "date", "machine", "settings", "results"}
    assert first["machine"]["cores"] >= 1 and first["machine"]["cpu"]
    assert first["results"]["answer_ms"] == {"n": 3, "mean": 2.0, "p50": 2.0, "p95": 3.0, "p99": 3.0, "max": 3.0}


@pytest.mark.parametrize("values,p95", [([], None), ([5.0], 5.0), ([float(i) for i in range(1, 101)], 95.0)])
def test_percentiles_nearest_rank(values, p95):
    assert percentiles(values)["p95"] == p95


def test_bad_input_run_has_35_cases_and_sees_leaks_and_hangs():
    from benchmarks.bad_input import Case, cases, check

    assert len(cases()) >= 35 and len({c.name for c in cases()}) == len(cases())
    case = Case("x", "/api/v1/ask")
    assert check(case, 200, '{"answer": "ok"}', "application/json", 0.1, 60) == []
    assert check(case, 500, '{"error": "服务内部错误"}', "application/json", 0.1, 60) == ["status 500"]
    leaked = check(case, 400, '{"error": "Traceback (most recent"}', "application/json", 0.1, 60)
    assert any("Traceback" in p for p in leaked)
    assert check(case, None, "", "", 60.0, 60) == ["no answer in 60 s (hang)"]
    assert check(case, 422, '{"error": "bad"}', "application/json", 0.1, 60)[0].startswith("4xx without a Chinese")
