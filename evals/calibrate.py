"""Print the evidence score of every gold question, to choose ``refusal_threshold``.

Run: ``python -m evals.calibrate`` (uses the current index and settings). The threshold
should sit between the answerable questions' scores and the unanswerable ones'.
"""

from __future__ import annotations

import sys

from assistant.service import AskService
from assistant.settings import load_settings
from evals.harness import DEFAULT_GOLD, load_gold


def main() -> int:
    settings = load_settings()
    service = AskService.from_settings(settings)
    rows = []
    for item in load_gold(DEFAULT_GOLD):
        rewrite = service.rewrite(item.question, item.history)
        hits = service.search.search(rewrite.query, settings.retrieval_k).hits
        rows.append((service.extractive.evidence_score(rewrite, hits), item.answerable, item.id, item.question))
    for score, answerable, qid, question in sorted(rows):
        sys.stdout.write(f"{score:.3f} {'A' if answerable else '-'} {qid} {question}\n")
    pos = sorted(s for s, a, *_ in rows if a)
    neg = sorted(s for s, a, *_ in rows if not a)
    for t in [x / 100 for x in range(30, 81, 5)]:
        sys.stdout.write(f"threshold {t:.2f}: refuse {sum(s < t for s in neg)}/{len(neg)} unanswerable, "
                         f"{sum(s < t for s in pos)}/{len(pos)} answerable\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
