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
