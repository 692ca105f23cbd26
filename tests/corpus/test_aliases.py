"""Short route names (应繁高速) are found in the text and written out in questions."""

from corpus.aliases import expand_aliases, expand_places, place_aliases, route_aliases


def test_route_aliases_from_the_gazette(parsed):
    aliases = route_aliases(parsed.text)
    assert aliases["应繁高速"] == "应县至繁峙高速公路"
    assert aliases["呼朔高铁"] == "呼和浩特至朔州高铁"


def test_expand_aliases_leaves_full_names_and_other_words_alone():
    aliases = {"应繁高速": "应县至繁峙高速公路"}
    assert expand_aliases("应繁高速计划什么时候开工", aliases) == "应县至繁峙高速公路计划什么时候开工"
    assert expand_aliases("应县至繁峙高速公路专班组长是谁", aliases) == "应县至繁峙高速公路专班组长是谁"
    assert expand_aliases("地下水压减目标", aliases) == "地下水压减目标"


def test_place_aliases_name_places_people_shorten():
    text = ("平谷区、东城区和西山县。平谷区要压减。平谷区和东城区。东城区实施。"
            "实现市、县两级。实现市、县。实现市。西山县")
    aliases = place_aliases(text, lambda w: not w.startswith("实现"))
    assert aliases == {"平谷": "平谷区", "东城": "东城区"}  # 西山县 is named too seldom; 实现市 is no place


def test_a_name_the_tagger_misreads_is_a_place_when_listed_with_places():
    text = ("金川市、平谷区要压减。金川市实施。东城区、金川市完成。平谷区实施。东城区完成。东城区实施。"
            "开发区、平谷区。开发区实施。开发区完成。")
    aliases = place_aliases(text, lambda w: w in ("平谷区", "东城区"))  # 金川市 read as a person's name
    assert aliases == {"平谷": "平谷区", "东城": "东城区", "金川": "金川市"}  # 开发区 is listed beside one place only


def test_expand_places_only_where_the_short_name_stands_alone():
    aliases = {"平谷": "平谷区"}
    assert expand_places("那平谷的呢", aliases) == "那平谷区的呢"
    assert expand_places("平谷呢？", aliases) == "平谷区呢？"
    assert expand_places("平谷精神是什么", aliases) == "平谷精神是什么"  # part of a longer name
    assert expand_places("平谷区要压减多少", aliases) == "平谷区要压减多少"
