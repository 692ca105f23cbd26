"""Which question nouns are no subject the gazette lacks."""

from assistant.matching import REDUPLICATED, abbreviates


def test_an_abbreviated_title_is_no_unknown_noun():
    title = "朔州市人民政府关于印发《朔州市“十四五”教育改革与发展规划》的通知"
    assert abbreviates("教育规划", title)
    assert not abbreviates("电动自行车", title) and not abbreviates("规划教育", title)
    assert REDUPLICATED.fullmatch("问问") and not REDUPLICATED.fullmatch("房价")

