"""Sub-headings of a section, in document order, from the chunks' section paths."""

from assistant.outline import ancestors, children
from corpus.model import Chunk


def chunk(n, section, doc="甲号"):
    return Chunk(id=f"c{n}", doc_number=doc, title="规划", issuer="", date="", issue_id="i", kind="text",
                 section=section, text=section.rsplit(" › ", 1)[-1], start=n * 10, end=n * 10 + 9, page=1, end_page=1)


CHUNKS = [chunk(1, "规划 › （三）三龙头"),
          chunk(2, "规划 › （三）三龙头 › 1. 应县木塔"), chunk(3, "规划 › （三）三龙头 › 1. 应县木塔"),
          chunk(4, "规划 › （三）三龙头 › 2. 全景右玉景区 › （1）细则"),
          chunk(5, "规划 › （三）三龙头 › 3. 广武长城"), chunk(6, "规划 › （四）五片区 › 1. 文化休闲片区"),
          chunk(7, "规划 › （三）三龙头 › 9. 别的文件", doc="乙号")]


def test_children_are_the_next_level_in_order_once_each():
    names = [name for name, _ in children(CHUNKS, "甲号", "规划 › （三）三龙头")]
    assert names == ["1. 应县木塔", "2. 全景右玉景区", "3. 广武长城"]
    assert children(CHUNKS, "甲号", "规划 › （三）三龙头")[0][1].id == "c2"  # the first passage under it
    assert children(CHUNKS, "甲号", "规划 › （三）三龙头 › 3. 广武长城") == []


def test_ancestors_deepest_first():
    assert ancestors("a › b › c") == ["a › b › c", "a › b", "a"]


def test_a_heading_is_named_only_when_it_holds_most_of_the_question():
    from assistant.outline import named_heading, parents_by_document
    sections = parents_by_document(CHUNKS)["甲号"]
    assert sections == ["规划 › （三）三龙头", "规划 › （三）三龙头 › 2. 全景右玉景区", "规划 › （四）五片区"]
    def tokens(text: str) -> frozenset[str]:
        return frozenset({"三龙头", "龙头", "五片区", "片区"}
                         & {text[i:j] for i in range(len(text)) for j in range(i, len(text) + 1)})

    assert named_heading(sections, {"三龙头": 6.0, "三个": 6.0}, frozenset(), tokens) == "规划 › （三）三龙头"
    assert named_heading(sections, {"三龙头": 6.0, "资金": 4.0, "要求": 3.0}, frozenset(), tokens) is None
