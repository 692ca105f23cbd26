"""Which documents write a name: the name asked, and the sentence of each document that writes it."""

from assistant.mentions import asked_name


def test_the_name_asked_before_or_after_the_ask():
    assert asked_name("「一枚印章管审批」在本期哪几份文件里出现过？") == "一枚印章管审批"
    assert asked_name("吴军这个人出现在本期哪些文件里") == "吴军"
    assert asked_name("哪些文件提到了山西工学院") == "山西工学院"
    assert asked_name("本期有几份文件涉及地下水") == "地下水"
    assert asked_name("市水利局出现在哪些文件中？") == "市水利局"
    assert asked_name("哪个文件提到了夜经济") == "夜经济"
    # the name after the ask wins; a name ends at a stop
    assert asked_name("市政府在哪些文件里提到了地下水") == "地下水"
    assert asked_name("哪些文件涉及到地下水") == "地下水"
    assert asked_name("哪些文件提到了市水利局，它负责什么") == "市水利局"


def test_other_questions_about_documents_ask_no_name():
    assert asked_name("哪些文件是市政府办公室印发的") is None
    assert asked_name("哪些文件有附件") is None
    assert asked_name("9月6日印发了哪些文件") is None
    assert asked_name("应繁高速专班组长是谁") is None
