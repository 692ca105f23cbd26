"""The per-gazette profile: the shipped one loads, a made-up second city's (tests/profiles/linchuan.toml)
drives the parser, and a profile that cannot be used says why."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import ProfileError
from corpus.docnumber import find_doc_numbers, normalize_doc_number
from corpus.parse import SAMPLE_ISSUE, parse_issue
from corpus.profile import load_profile, shipped_profiles
from embeddings.keyword import GAZETTE_TERMS, extract_vocabulary
from tests.profiles.linchuan import PLAN, PROFILE, WATER, write_issue

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def linchuan():
    return load_profile(PROFILE)


def test_the_shipped_profile_is_the_default_and_names_the_sample_issue():
    assert shipped_profiles() == ["shuozhou"]
    shipped = load_profile()
    assert shipped == load_profile("shuozhou")
    assert shipped.gazette == "朔州市人民政府公报" and shipped.city == "朔州市"
    assert shipped.sample_issue_path() == SAMPLE_ISSUE and SAMPLE_ISSUE.is_file()
    assert shipped.examples[0] in shipped.greeting
    # The issue's own subject words live in the profile, not in the code's general list.
    assert {"压采", "超采", "划转"} <= set(shipped.terms) and not {"压采", "超采", "划转"} & set(GAZETTE_TERMS)


def test_another_citys_issue_parses_with_its_profile(tmp_path, linchuan):
    parsed = parse_issue(write_issue(tmp_path), profile=linchuan)
    assert [(d.doc_number, d.issuer, d.date) for d in parsed.documents] == [
        (PLAN, "临川市人民政府", "2023-02-10"),
        (WATER, "临川市发展和改革委员会", "2023-03-01"),  # signed by a commission: the profile's own pattern
    ]
    assert parsed.manifest.label == "临川市人民政府公报2023年第2期"
    duty = next(c for c in parsed.chunks if "市水务局负责河道清淤" in c.text)
    assert duty.doc_number == PLAN and duty.section.endswith("二、责任分工") and duty.page in (1, 2)


def test_without_the_profile_a_commissions_signature_is_not_read(tmp_path):
    parsed = parse_issue(write_issue(tmp_path))
    assert {d.doc_number: d.issuer for d in parsed.documents} == {PLAN: "临川市人民政府", WATER: None}


def test_a_web_page_is_listed_under_the_profiles_site(tmp_path, linchuan):
    pytest.importorskip("selectolax")
    page = tmp_path / "t20230301_9.html"
    page.write_text(
        "<html><head><meta charset='utf-8'><meta name='ArticleTitle' content='临川市发展和改革委员会关于做好"
        "春季农村供水保障工作的通知'></head><body><div class='nav'>网站首页</div><h1>通知</h1><div id='zoom'>"
        f"<p>{WATER}</p><p>为保障春季农村群众饮水安全，现就有关事项通知如下。</p>"
        "<p>各县（区）要在4月底前完成农村供水工程的检修。</p><p>临川市发展和改革委员会</p><p>2023年3月1日</p>"
        "</div></body></html>", "utf-8")
    parsed = parse_issue(page, profile=linchuan)
    (doc,) = parsed.documents
    assert parsed.manifest.label == "临川市人民政府门户网站"
    assert (doc.doc_number, doc.issuer, doc.date) == (WATER, "临川市发展和改革委员会", "2023-03-01")


@pytest.mark.parametrize("text, number", [
    ("请问京政发〔2022〕3号", "京政发〔2022〕3号"),
    ("问下临政办发[2022]27号讲什么", "临政办发〔2022〕27号"),
    ("我想知道国发〔2021〕7号", "国发〔2021〕7号"),
    ("帮我查一下国办函（2021）1号是什么", "国办函〔2021〕1号"),
    ("关于印发临政发〔2023〕4号", "临政发〔2023〕4号"),
    ("这个文件沪府发〔2020〕5号", "沪府发〔2020〕5号"),
    # Organs' abbreviations of any length stay whole.
    ("临发改发〔2023〕9号", "临发改发〔2023〕9号"),
    ("国卫办医函〔2022〕1号", "国卫办医函〔2022〕1号"),
    ("晋发改投资发〔2022〕3号", "晋发改投资发〔2022〕3号"),
])
def test_the_users_words_are_not_part_of_a_doc_number_for_any_city(text, number):
    assert normalize_doc_number(text) == number


def test_several_cities_numbers_in_one_text():
    assert find_doc_numbers("根据京政发〔2022〕3号和临政发〔2023〕4号，请问临政发〔2023〕4号") == [
        "京政发〔2022〕3号", "临政发〔2023〕4号"]


def test_the_profiles_terms_are_kept_whole_by_the_keyword_index(linchuan):
    text = ["落实河长制，完成河道清淤"]
    assert {"清淤", "河长制"} <= set(extract_vocabulary(text, terms=linchuan.terms))
    assert "河长制" not in extract_vocabulary(text)


def test_a_profile_that_cannot_be_used_says_why(tmp_path):
    with pytest.raises(ProfileError, match="找不到公报配置.*shuozhou"):
        load_profile("no-such-city")
    bad = tmp_path / "bad.toml"
    bad.write_text(PROFILE.read_text("utf-8").replace('link = "#0a7d5a"', 'link = "red;}body{x"'), "utf-8")
    with pytest.raises(ProfileError, match="colours.link"):
        load_profile(bad)
    bad.write_text(PROFILE.read_text("utf-8") + 'slogan = "多余的键"\n', "utf-8")
    with pytest.raises(ProfileError, match="slogan"):
        load_profile(bad)
    bad.write_text("gazette = [", "utf-8")
    with pytest.raises(ProfileError, match="不是有效的 TOML"):
        load_profile(bad)


def test_the_files_a_profile_names_are_found_beside_its_toml(tmp_path):
    # A profile kept outside the package, with its sample issue in a folder of its own.
    home = tmp_path / "elsewhere"
    issue = write_issue(home / "issues")
    toml = home / "city.toml"
    text = PROFILE.read_text("utf-8").replace("[colours]", f'sample_issue = "issues/{issue.name}"\n\n[colours]')
    toml.write_text(text, "utf-8")
    profile = load_profile(toml)
    assert profile.folder == home.resolve()
    assert profile.sample_issue_path() == issue.resolve()
    assert profile.api_examples_path() == home.resolve() / "linchuan-api-examples.json"
    assert [d.doc_number for d in parse_issue(profile.sample_issue_path(), profile=profile).documents] == [PLAN, WATER]
    # The shipped profile's issue is the one in corpus/, the default corpus folder.
    shipped = load_profile()
    assert shipped.sample_issue_path() == (ROOT / "corpus" / "shuozhou-gazette-2022-05.txt").resolve()
    assert shipped.api_examples_path() == ROOT / "corpus" / "profiles" / "shuozhou-api-examples.json"


def test_the_demo_pages_colours_are_checked(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(PROFILE.read_text("utf-8") + 'nav = "red"\n', "utf-8")  # under [demo], the last table
    with pytest.raises(ProfileError, match="demo.nav"):
        load_profile(bad)
