"""Held-out questions with a near twin in the tune split.

Blind writers of different rounds ask the same near-misses (「某高速全长多少公里」 twice, in two
rounds); evidence overlap, which keeps the paraphrases of one fact in one split, cannot catch a
question that has no evidence. A held-out question whose words nearly repeat a tune question's
(difflib ratio ≥ ``TWIN_RATIO``) is reported apart, so the held-out figure without such questions
can be read on its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from difflib import SequenceMatcher

from assistant.evidence import pairs
from evals.metrics import GoldItem

TWIN_RATIO = 0.8
_SHARED_PAIRS = 0.5  # only questions sharing this share of their character pairs are compared in full


def near_twins(items: Sequence[GoldItem], others: Sequence[GoldItem], ratio: float = TWIN_RATIO) -> set[str]:
    """The ids of ``items`` whose question nearly repeats one of ``others``' questions."""
    pairs_of = [set(pairs(o.question)) for o in others]  # Chinese character pairs, and Latin words
    holding: dict[str, set[int]] = defaultdict(set)  # character pair → the others that have it
    for k, held in enumerate(pairs_of):
        for pair in held:
            holding[pair].add(k)
    twins = set()
    for item in items:
        mine = set(pairs(item.question))
        shared: dict[int, int] = defaultdict(int)
        for pair in mine:
            for k in holding.get(pair, ()):
                shared[k] += 1
        if any(n / max(1, len(mine | pairs_of[k])) >= _SHARED_PAIRS
               and SequenceMatcher(None, others[k].question, item.question).ratio() >= ratio
               for k, n in shared.items()):
            twins.add(item.id)
    return twins
