import pytest

from corpus.docnumber import find_doc_numbers, normalize_doc_number


@pytest.mark.parametrize("text", [
    "朔政办发〔2022〕27号", "朔政办发[2022]27号", "朔政办发（2022）27号", "朔政办发(2022)27号",
    "朔政办发【2022】27号", "朔政办发(２０２２)２７号", "问一下朔政办发[2022]27号讲什么", "朔政办发2022年27号",
])
def test_bracket_and_digit_forms_normalise(text):
    assert normalize_doc_number(text) == "朔政办发〔2022〕27号"


def test_leading_zeros_and_other_organs():
    assert normalize_doc_number("晋政发〔2021〕047号") == "晋政发〔2021〕47号"
    assert find_doc_numbers("根据晋政发〔2021〕47号和朔政发〔2020〕7号，晋政发〔2021〕47号") == [
        "晋政发〔2021〕47号", "朔政发〔2020〕7号"]


def test_no_number():
    assert normalize_doc_number("谁负责地下水压采考核") is None


@pytest.mark.parametrize(("text", "number"), [
    ("请问京政发〔2022〕3号", "京政发〔2022〕3号"),
    ("根据省政府晋政发〔2022〕3号", "晋政发〔2022〕3号"),  # an organ's full name is no abbreviation
    ("市政府办公室临政办发〔2022〕27号", "临政办发〔2022〕27号"),
    ("你好国发〔2022〕1号", "国发〔2022〕1号"),
    ("搜临政办发〔2022〕27号", "临政办发〔2022〕27号"),
    ("国知办发〔2022〕1号", "国知办发〔2022〕1号"),  # 知 inside a national organ's abbreviation
    ("国卫办医函〔2022〕3号", "国卫办医函〔2022〕3号"),
    ("晋发改投资发〔2021〕12号", "晋发改投资发〔2021〕12号"),
])
def test_the_users_words_before_a_number_are_not_its_prefix(text, number):
    assert find_doc_numbers(text) == [number]
