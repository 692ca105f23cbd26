"""A count of people read against a grading table's ranges (``assistant.grading``)."""

from assistant.grading import clause_fit, counts_of


def test_counts_are_people_not_hours():
    assert counts_of("文旅死3人几级") == [3]
    assert counts_of("如果有80名游客滞留超过24小时") == [80]
    assert counts_of("造成5个人死亡") == [5] and counts_of("100个游客滞留") == [100]


def test_a_range_holds_its_lower_bound_and_not_its_upper():
    asked = {"死"}
    assert clause_fit("造成 3 人以上、10 人以下死亡（含失踪）", [3], asked) == 1
    assert clause_fit("造成 3 人以上、10 人以下死亡（含失踪）", [10], asked) is None
    assert clause_fit("造成 3 人以下死亡（含失踪）", [3], asked) is None
    assert clause_fit("造成 30 人以上死亡（含失踪）", [300], asked) == 1
    assert clause_fit("一次参与人数达到 50 人以上、100 人以下", [80], asked) == 0  # holds it, shares no word
