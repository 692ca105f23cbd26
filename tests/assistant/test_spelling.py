"""Pinyin typo repair against a small vocabulary."""

from assistant.evidence import pairs
from assistant.spelling import Homophones

VOCAB = {"压采": 5, "划转": 9, "审批": 30, "地下水": 12, "考核": 8}
USED = set(pairs("地下水压采考核 划转 审批"))


def test_homophone_typos_are_repaired():
    h = Homophones(VOCAB)
    assert h.repair("地下水压菜考核", ["地下水", "压菜", "考核"], USED) == "地下水压采考核"
    assert h.repair("没有化转的事项", ["化转", "事项"], USED) == "没有划转的事项"


def test_known_words_and_unrelated_words_stay():
    h = Homophones(VOCAB)
    assert h.correction("压采") is None
    assert h.correction("鸭菜") is None  # same sound, but no character in common: another word
    assert h.repair("导游证在哪办", ["导游证"], USED) == "导游证在哪办"
