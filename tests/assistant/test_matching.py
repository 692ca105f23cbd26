"""Which question nouns are no subject the gazette lacks."""

from assistant.matching import DEFINITION, REDUPLICATED, abbreviates, addressee_names


def test_an_abbreviated_title_is_no_unknown_noun():
    title = "朔州市人民政府关于印发《朔州市“十四五”教育改革与发展规划》的通知"
    assert abbreviates("教育规划", title)
    assert not abbreviates("电动自行车", title) and not abbreviates("规划教育", title)
    assert REDUPLICATED.fullmatch("问问") and not REDUPLICATED.fullmatch("房价")



def test_a_line_of_addressees_states_nothing():
    from assistant.matching import addresses
    assert addresses("各县（市、区）人民政府，朔州经济开发区管委会，市直各有关单位：")
    assert addresses("应县人民政府，市直各有关单位：")
    assert not addresses("预警信息发布后，市、县（市、区）文化和旅游应急领导机构应采取以下措施：")
    assert not addresses("地方小吃：")


def test_a_short_name_of_a_name_the_vocabulary_keeps_whole():
    from assistant.matching import initials_of
    assert initials_of("卫健委", ["市卫生健康委员会", "职责"])
    assert not initials_of("健卫委", ["市卫生健康委员会"]) and not initials_of("生康委", ["市卫生健康委员会"])
    assert not initials_of("安全", ["安排全面部署工作"])  # two characters begin pieces of too many phrases


def test_a_term_is_defined_by_指_or_by_the_quoted_words_before_it():
    def terms(text):
        return [m.group(1) or m.group(2) for m in DEFINITION.finditer(text)]
    assert terms("“二次划转”指本次划转的事项") == ["二次划转"]
    assert terms("打造“无差别、无障碍”“可预期、可信赖”的“三无”“三可”营商环境") == ["三无"]
    assert terms("塑造“三无三可”建设品牌") == []


def test_the_bodies_a_line_addresses():
    assert addressee_names("山阴县人民政府：") == ["山阴县人民政府"]
    assert addressee_names("报告内容包括：") == [] and addressee_names("山阴县人民政府") == []
