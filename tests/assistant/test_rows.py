"""A table answers for the rows it lists, and for nothing of their kind that it does not list."""

from dataclasses import dataclass

from assistant.rows import TableFamilies, about_the_item
from corpus.model import Chunk

CAPTION = "各县（市、区）压减目标表"
HEADER = "序号 | 县（市、区） | 压减目标"


def row(n, name, value, caption=CAPTION, key=None):
    key = key or str(n)
    cells = f"序号：{key}；县（市、区）：{name}；压减目标：{value}" if name else f"序号：{key}；压减目标：{value}"
    text = f"{caption}｜{cells}"
    return Chunk(id=f"r{n}", issue_id="i", doc_number="甲号", title="方案", issuer="", date="", section="附件",
                 kind="table_row", text=text, start=n, end=n + 1, page=1, end_page=1, table_caption=caption,
                 table_header=HEADER, row_key=key)


TABLE = [row(1, "东城区", "380"), row(2, "西山县", "480"), row(3, "临川市", "170"), row(4, "南县", "460"),
         row(5, "", "1490", key="合计")]
WRITTEN = {"东城区", "西山县", "临川市", "南县", "北山县", "各县", "地下水"}.__contains__


def test_a_member_of_the_kind_that_the_table_does_not_list_rules_it_out():
    families = TableFamilies(TABLE)
    assert families.rules_out(TABLE[4], ["北山县", "地下水"], WRITTEN)  # not even its 合计 row answers
    assert not families.rules_out(TABLE[1], ["西山县"], WRITTEN)  # a listed member
    assert not families.rules_out(TABLE[0], ["各县"], WRITTEN)  # no one member
    assert not families.rules_out(TABLE[0], ["外省县"], WRITTEN)  # a word the gazette never writes: a slip


def test_rows_named_as_items_described_are_no_family():
    items = [row(n, name, "1") for n, name in enumerate(["导游证核发", "旅行社设立许可", "校车使用许可"], 1)]
    assert not TableFamilies(items).rules_out(items[0], ["驾驶证核发"], {"驾驶证核发"}.__contains__)


@dataclass
class Scored:
    """A unit as ``about_the_item`` sees it."""

    chunk: Chunk
    text: str
    score: float


LEVELS = "等级由高到低划分为特别重大、重大、较大和一般四个级别"


def test_a_row_about_the_item_asked_answers_before_a_list_that_names_it_in_passing():
    listing = Scored(TABLE[0], LEVELS, 0.6)
    about = Scored(row(6, "较大", "10人"), "「表」较大：…", 0.2)
    other = Scored(row(7, "一般", "3人"), "「表」一般：…", 0.3)
    assert about_the_item([listing, other, about], "较大的死几个人算")[0] is about
    assert about_the_item([listing, other, about], "分几个级别")[0] is listing  # no item named: the list answers


def test_only_places_make_a_family_and_a_longer_siblings_row_is_not_about_the_item():
    offices = [row(n, name, "1") for n, name in enumerate(["市水利局", "市交通局", "市财政局"], 1)]
    assert not TableFamilies(offices).rules_out(offices[0], ["市教育局"], {"市教育局"}.__contains__)
    listing = Scored(TABLE[0], LEVELS, 0.6)
    gravest = Scored(row(8, "特别重大", "30人"), "「表」特别重大：…", 0.3)
    grave = Scored(row(9, "重大", "10人"), "「表」重大：…", 0.2)
    assert about_the_item([listing, gravest, grave], "重大的死几个人算")[0] is grave
