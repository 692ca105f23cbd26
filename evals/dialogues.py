"""Multi-turn evaluation: each dialogue of ``dialogues.jsonl`` is played turn by turn.

Every turn is asked with the conversation so far, as the chat page sends it: each earlier
question with the service's own answer, the 文号 it cited and the question as understood.
A turn is scored like a single question (``evals.metrics``), except that a ``clarify`` turn
is right when the answer asks back with at least two choices. Topic-switch turns are also
asked alone, and the two scores compared: a self-contained question must not change because
of the turns before it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from assistant.conversation import Turn
from evals.metrics import GoldItem, mean, score_answer

DIALOGUES = Path(__file__).resolve().parent / "dialogues.jsonl"
FOLLOWUP_KINDS = ("entity_swap", "attribute", "document", "ordinal", "more", "clarify")


def load_dialogues(path: Path = DIALOGUES) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _item(dialogue: dict, n: int, turn: dict) -> GoldItem:
    return GoldItem.from_dict({**turn, "id": f"{dialogue['id']}-t{n}", "style": dialogue.get("style"),
                               "round": dialogue.get("set", "")})


def _ok(item: GoldItem, kind: str, answer: dict, ranges: dict, source: str) -> bool:
    if kind == "clarify":
        return len(answer.get("choices") or []) >= 2
    score = score_answer(item, answer, ranges, source)
    return score.correct if item.answerable else score.refused


def evaluate_dialogues(service, dialogues: list[dict], ranges: dict, source: str, mode: str = "extractive") -> dict:
    """Per-turn scores, by follow-up kind, for each ``set`` (heldout, tune) of dialogues."""
    by_set: dict[str, list[dict]] = defaultdict(list)
    for dialogue in dialogues:
        history: list[Turn] = []
        for n, turn in enumerate(dialogue["turns"], start=1):
            item, kind = _item(dialogue, n, turn), turn["kind"]
            answer = service.ask_item({"id": item.id, "question": item.question, "history": history}, mode)
            row = {"id": item.id, "kind": kind, "question": item.question, "ok": _ok(item, kind, answer, ranges, source),
                   "understood_as": answer.get("followup_kind"), "rewritten": answer.get("rewritten_question"),
                   "answer": answer["answer"][:200]}
            if kind == "topic_switch":
                alone = service.ask_item({"id": item.id, "question": item.question, "history": []}, mode)
                row["ok_alone"] = _ok(item, kind, alone, ranges, source)
            by_set[dialogue.get("set", "all")].append(row)
            history.append(Turn.from_answer(item.question, answer))
    return {name: summarise_turns(rows) for name, rows in sorted(by_set.items())}


def summarise_turns(rows: list[dict]) -> dict:
    kinds: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        kinds[r["kind"]].append(r)
    switches = kinds.get("topic_switch", [])
    follow = [r for r in rows if r["kind"] in FOLLOWUP_KINDS]
    return {
        "turns": len(rows),
        "turn_ok": mean([r["ok"] for r in rows]),
        "followup_ok": mean([r["ok"] for r in follow]) if follow else None,
        "topic_switch_ok": mean([r["ok"] for r in switches]) if switches else None,
        "topic_switch_alone_ok": mean([r["ok_alone"] for r in switches]) if switches else None,
        "by_kind": {k: {"n": len(v), "ok": mean([r["ok"] for r in v]),
                        "understood_as": dict(sorted(_count(r["understood_as"] for r in v).items()))}
                    for k, v in sorted(kinds.items())},
        "failures": [r for r in rows if not r["ok"]],
    }


def _count(values) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for v in values:
        out[str(v)] += 1
    return out


def render_dialogues(report: dict) -> str:
    """Markdown: one table of figures per set, then the failed turns."""
    names = list(report)
    lines = ["| 对话指标 dialogue metric | " + " | ".join(f"{n} ({report[n]['turns']} turns)" for n in names) + " |",
             "|---|" + "---|" * len(names)]

    def cell(value) -> str:
        return "–" if value is None else f"{value:.3f}"

    for key in ("turn_ok", "followup_ok", "topic_switch_ok", "topic_switch_alone_ok"):
        lines.append(f"| {key} | " + " | ".join(cell(report[n][key]) for n in names) + " |")
    kinds = sorted({k for n in names for k in report[n]["by_kind"]})
    for k in kinds:
        lines.append(f"| {k} | " + " | ".join(
            f"{report[n]['by_kind'][k]['ok']:.2f} (n={report[n]['by_kind'][k]['n']})" if k in report[n]["by_kind"]
            else "–" for n in names) + " |")
    return "\n".join(lines)
