"""Documents a gazette document cites: 「根据《山西省人民政府办公厅关于…的通知》（晋政办函〔2022〕123号）精神」.

A question about 文号 is usually about the gazette's own document, answered from its card. But
government text cites the documents it rests on or carries out, title and 文号 together, and
people ask for those too (「是根据省政府哪个文件成立的」, 「要落实的《…若干政策》文号为何」). Such a
question either names the cited title better than the citing document's own, or asks what the
document is based on; it is answered from the sentence that cites it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from assistant.questions import DOC_WORDS
from corpus.docnumber import find_doc_numbers
from corpus.model import Chunk
from corpus.sentences import sentences

# 《title》 then, in brackets, what holds its 文号 (the bracket may also hold a date or 以下简称).
_CITED = re.compile(r"《([^《》]{4,120})》\s*[（(]([^（）()]{4,60})[）)]")
# A 文号 inside that bracket: any issuing organ's abbreviation (发改财金, 晋政办函), not only the ones
# ``corpus.docnumber`` reads in running text, where the bracket itself says what it is.
_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}〔\d{4}〕\d{1,4}号")
# What a question says when it asks for the document another rests on, carries out or cites
# (「援引了省里哪一份文件」, 「依据的省政府文件文号是多少」, 「通知里提到的那个文件是几号文」).
# A document must stand before 提到 or 援引: 「提到某事的是哪个文件」 asks which document writes it.
ASKS_BASIS = re.compile(r"(?:根据|依据|按照|依照|参照|贯彻|落实)[^，。？?]{0,16}?(?:哪|什么|何|啥|多少|几号)"
                        rf"|(?:{'|'.join(DOC_WORDS)})[^，。？?]{{0,8}}?(?:援引|引用|引述|提到|提及)"
                        r"[^。？?]{0,20}?(?:哪|什么|何|啥|多少|几号)"
                        r"|(?:哪|什么|何)[^，。？?]{0,16}?(?:精神|依据)|上位(?:文件|政策)")


@dataclass(frozen=True)
class CitedDocument:
    chunk: Chunk
    sentence: str  # verbatim, the quote
    title: str
    number: str


def cited_documents(chunks: Iterable[Chunk], own_numbers: AbstractSet[str]) -> list[CitedDocument]:
    """The documents other than ``own_numbers`` that the passages cite with title and 文号."""
    found: list[CitedDocument] = []
    for chunk in chunks:
        if chunk.kind != "text":
            continue
        for sentence in sentences(chunk.text):
            for m in _CITED.finditer(sentence):
                numbers = [n for n in find_doc_numbers(m.group(2)) or _NUMBER.findall(m.group(2))
                           if n not in own_numbers]
                if numbers:
                    found.append(CitedDocument(chunk, sentence.strip(), m.group(1), numbers[0]))
    return found


_PROVINCE_NAMED = re.compile(r"省(?:政府|里|级|人民政府|委|办公厅|厅)")


def names_province(question: str) -> bool:
    """Whether the question asks after a document of the province (「依据省政府哪个文件」)."""
    return bool(_PROVINCE_NAMED.search(question))


def asked_reference(question: str, own_title: str, cited: list[CitedDocument],
                    cover: Callable[[str], float], words: Callable[[str], set[str]]) -> CitedDocument | None:
    """The cited document the question asks about, if it asks about one rather than ``own_title``.

    ``cover(text)`` is the share of the question's words that ``text`` holds; ``words(text)`` its
    words. The cited title must cover the question better than the own title does and the
    question must use a word of the cited title that the own title lacks (a notice that carries
    out the province's notice of the same name is asked about unless the province is named), or
    the question must ask for a basis or a document cited (and then the best-covered citing
    sentence answers).
    """
    if not cited:
        return None
    # 「依据省政府哪个文件」: a document of the province, when the question says so and one is cited
    if names_province(question):
        cited = [c for c in cited if "省" in c.title] or cited
    best = max(cited, key=lambda c: (cover(c.title), cover(c.sentence)))
    if cover(best.title) > cover(own_title) and words(question) & (words(best.title) - words(own_title)):
        return best
    if ASKS_BASIS.search(question):
        return max(cited, key=lambda c: cover(c.sentence))
    return None
