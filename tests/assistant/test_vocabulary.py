"""Everyday words read as the gazette's words."""

import jieba

from assistant.vocabulary import Vocabulary

WORDS = jieba.lcut


def test_a_colloquial_word_becomes_the_word_the_gazette_writes():
    gazette = "保障义务教育教师平均工资不低于当地公务员平均工资。严禁收费。"
    words = Vocabulary({"老师": "教师", "花钱": "收费", "孩子": "儿童"}, gazette)
    assert words.formal("义务教育老师的工资有啥保障", WORDS) == "义务教育教师的工资有啥保障"
    assert words.formal("要花钱吗", WORDS) == "要收费吗"
    # 儿童 is not in this gazette: the pair is not used.
    assert words.formal("孩子上学", WORDS) == "孩子上学"


def test_a_word_the_gazette_writes_is_never_rewritten():
    words = Vocabulary({"老师": "教师"}, "老师和教师")
    assert words.formal("老师", WORDS) == "老师"


def test_the_shipped_list_loads_and_keeps_only_usable_pairs():
    words = Vocabulary.load("教师 收费 开办企业")
    assert words.pairs.get("老师") == "教师" and words.pairs.get("开公司") == "开办企业"
    assert all(formal in "教师 收费 开办企业" for formal in words.pairs.values())


def test_only_a_whole_word_is_replaced():
    words = Vocabulary({"的士": "出租汽车", "省水": "节水", "老师": "教师"}, "出租汽车 节水 教师")
    assert words.formal("退役的士兵", WORDS) == "退役的士兵"
    assert words.formal("山西省水利厅", WORDS) == "山西省水利厅"
    assert words.formal("老师傅", WORDS) == "老师傅"
