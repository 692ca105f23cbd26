"""Short route names (应繁高速) are found in the text and written out in questions."""

from corpus.aliases import expand_aliases, route_aliases


def test_route_aliases_from_the_gazette(parsed):
    aliases = route_aliases(parsed.text)
    assert aliases["应繁高速"] == "应县至繁峙高速公路"
    assert aliases["呼朔高铁"] == "呼和浩特至朔州高铁"


def test_expand_aliases_leaves_full_names_and_other_words_alone():
    aliases = {"应繁高速": "应县至繁峙高速公路"}
    assert expand_aliases("应繁高速计划什么时候开工", aliases) == "应县至繁峙高速公路计划什么时候开工"
    assert expand_aliases("应县至繁峙高速公路专班组长是谁", aliases) == "应县至繁峙高速公路专班组长是谁"
    assert expand_aliases("地下水压减目标", aliases) == "地下水压减目标"
