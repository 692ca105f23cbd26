"""What a question asks, as the answer step weighs it: a follow-up with its context, a long
question without the asker's background, and the document names it mentions left out."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.analysis import QuestionAnalysis
from assistant.conversation import Rewrite
from corpus.text import compact

LATIN_WORD = re.compile(r"\b[A-Za-z]+\b")


def without_names(analysis: QuestionAnalysis, names: list[str]) -> QuestionAnalysis:
    """The analysis without the document names the question mentions (《西山县…方案》批准后…):
    retrieval already went to that document, and every passage of it shares those words."""
    focus, asking = analysis.focus, analysis.asking
    for name in sorted(names, key=len, reverse=True):
        focus, asking = focus.replace(name, " "), asking.replace(name, " ")
    if len(compact(re.sub(r"[《》“”\s]", "", focus))) < 2:
        return analysis
    return replace(analysis, focus=focus, asking=asking)


def own_words(rewrite: Rewrite, analysis: QuestionAnalysis) -> str | None:
    """What weighs fully: a follow-up's own words, or the clauses of a long question that ask."""
    if rewrite.previous:
        return rewrite.focus
    return analysis.asking or None


def asked_text(rewrite: Rewrite, analysis: QuestionAnalysis) -> str:
    """What evidence must cover: the follow-up with its context, or the question without the asker's background.

    English words are left out: the gazette's few English words (「and」 in a sentence, a
    pinyin masthead) would match them by accident. Codes, numbers and any Chinese stay.
    """
    asked = asked_source(rewrite, analysis)
    return LATIN_WORD.sub(" ", asked) if analysis.is_english else asked


def asked_source(rewrite: Rewrite, analysis: QuestionAnalysis) -> str:
    """The follow-up with its context, or the question's focus, as written (English words too)."""
    # A reference resolved to a document is searched inside it: the title words place, the rest asks.
    return rewrite.query if rewrite.previous and not rewrite.documents else analysis.focus
