"""Fit the answerer's two logistic models on the tune split and write ``assistant/answer_weights.json``.

Run: ``python -m evals.calibrate`` (uses the current index and settings; ``--dry-run``
prints without writing). Only the tune split is read — its questions, and the follow-up
turns of its dialogues played in context: the held-out split must stay unseen.

* ``unit`` model — one row per candidate unit of an answerable question; the label is
  whether the unit holds one of the question's answer keywords (in a gold document).
* ``answerable`` model — one row per question; the label is whether the gazette answers it.
  The answer threshold is the probability that best separates the two (most answerable
  questions answered plus unanswerable ones refused), and "nothing on-topic" is below
  ``ON_TOPIC_SHARE`` of it.
"""

from __future__ import annotations

import argparse
import logging
import sys

import numpy as np

from assistant.conversation import Turn
from assistant.evidence import QUESTION_FEATURES, UNIT_FEATURES, WEIGHTS_FILE, Weights, best_unit_features, logistic
from assistant.service import AskService
from assistant.settings import load_settings
from corpus.text import compact
from evals.dialogues import FOLLOWUP_KINDS, load_dialogues
from evals.harness import TUNE_SET, load_gold
from evals.metrics import GoldItem

log = logging.getLogger(__name__)

L2 = 1.0  # ridge penalty: a few hundred questions must not buy extreme weights
ON_TOPIC_SHARE = 0.3
NEAR_BEST = 0.01  # see best_threshold
# An answer to a question the gazette does not answer misleads; a refusal still shows the passages
# that come closest (often holding the answer). So a wrong answer costs more than a refusal.
WRONG_ANSWER_COST = 1.5
FOLDS, FOLD_SEED = 5, 20261129


def fit_logistic(x: np.ndarray, y: np.ndarray, names: tuple[str, ...], l2: float = L2,
                 sample_weight: np.ndarray | None = None) -> dict[str, float]:
    """Ridge-penalised, weighted logistic regression by Newton's method; returns {"bias": …, feature: …}."""
    sw = np.ones(len(x)) if sample_weight is None else sample_weight
    xb = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(xb.shape[1])
    penalty = np.eye(xb.shape[1]) * l2
    penalty[0, 0] = 0.0  # the bias is not shrunk
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ w, -30, 30)))
        grad = xb.T @ (sw * (p - y)) + penalty @ w
        hess = xb.T @ (xb * (sw * p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return {"bias": round(float(w[0]), 4), **{n: round(float(v), 4) for n, v in zip(names, w[1:])}}


def round_weights(items) -> np.ndarray:
    """Each writing round weighs the same in total: the first round used the gazette's own words,
    later blind rounds the words citizens use, and neither should drown the other."""
    counts: dict[str, int] = {}
    for item in items:
        counts[item.round] = counts.get(item.round, 0) + 1
    w = np.array([1.0 / counts[item.round] for item in items])
    return w * len(items) / w.sum()


def class_balanced(weights: np.ndarray, labels: list[bool]) -> np.ndarray:
    """The weights rescaled so that both classes weigh the same in total: the threshold is chosen
    for answered and refused shares alike, and follow-up turns (nearly all answerable) must not
    tilt the model towards answering."""
    labels_arr = np.array(labels, dtype=bool)
    out = weights.astype(float).copy()
    for value in (True, False):
        mask = labels_arr == value
        if mask.any():
            out[mask] *= 0.5 * weights.sum() / weights[mask].sum()
    return out


def best_threshold(probabilities: list[float], answerable: list[bool], weights: np.ndarray) -> float:
    """The cut that maximises (weighted share of answerable answered) + ``WRONG_ANSWER_COST`` ×
    (share of unanswerable refused).

    The maximum is a wide plateau (0.53 and 0.62 differ by a question or two of the tune
    set), and its edges move with every refit: the middle of the cuts within ``NEAR_BEST``
    of it is taken, which a question more or less does not move.
    """
    pos = [(p, w) for p, a, w in zip(probabilities, answerable, weights) if a]
    neg = [(p, w) for p, a, w in zip(probabilities, answerable, weights) if not a]
    values = {}
    for t in np.linspace(0.05, 0.95, 91):
        values[float(t)] = (sum(w for p, w in pos if p >= t) / max(sum(w for _, w in pos), 1e-9)
                            + WRONG_ANSWER_COST * sum(w for p, w in neg if p < t) / max(sum(w for _, w in neg), 1e-9))
    best = max(values.values())
    near = sorted(t for t, v in values.items() if v >= best - NEAR_BEST)
    return round(near[len(near) // 2], 3)


def out_of_fold(features: list[dict[str, float]], answerable: list[bool], weights: np.ndarray,
                folds: int = FOLDS) -> list[float]:
    """Each question's probability under the answerable model fitted without its fold."""
    x = np.array([[f[n] for n in QUESTION_FEATURES] for f in features])
    y = np.array(answerable, dtype=float)
    fold_of = np.random.default_rng(FOLD_SEED).permutation(len(x)) % folds
    out = np.zeros(len(x))
    for k in range(folds):
        train = fold_of != k
        w = fit_logistic(x[train], y[train], QUESTION_FEATURES,
                         sample_weight=class_balanced(weights[train], list(np.array(answerable)[train])))
        out[~train] = [logistic(w, f) for f, held in zip(features, ~train) if held]
    return [float(p) for p in out]


def collect(service: AskService, items, weights: np.ndarray) -> tuple[list, list, list, list, list]:
    unit_x, unit_y, unit_w, question_x, question_y = [], [], [], [], []
    for item, weight in zip(items, weights):
        # As the service retrieves: a follow-up that resolved to a document searches inside it.
        rewrite, retrieval = service.retrieve(item.question, item.history, None, False)
        assessment = service.extractive.assess(rewrite, retrieval)
        if item.answerable:
            keys = [compact(kw) for kw in item.answer_keywords]
            for unit in assessment.units:
                label = unit.chunk.doc_number in item.doc_numbers and any(kw in compact(unit.text) for kw in keys)
                unit_x.append([unit.features[n] for n in UNIT_FEATURES])
                unit_y.append(float(label))
                unit_w.append(weight)
        question_x.append(assessment)
        question_y.append(item.answerable)
    return unit_x, unit_y, unit_w, question_x, question_y


def followup_items(service: AskService) -> list[GoldItem]:
    """The follow-up turns of the tune dialogues, each with the conversation as the service
    answered it (their first and topic-switch turns are tune questions already)."""
    items = []
    for dialogue in load_dialogues():
        if dialogue.get("set") != "tune":
            continue
        history: list[Turn] = []
        for n, turn in enumerate(dialogue["turns"], start=1):
            if turn["kind"] in FOLLOWUP_KINDS and turn["kind"] != "clarify":
                items.append(GoldItem.from_dict({**turn, "id": f"{dialogue['id']}-t{n}", "history": list(history),
                                                 "round": "tune dialogues (follow-up turns)"}))
            history.append(Turn.from_answer(turn["question"], service.ask(turn["question"], history).model_dump()))
    return items


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="print the weights without writing them")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    service = AskService.from_settings(load_settings())
    items = load_gold(TUNE_SET) + followup_items(service)
    item_w = round_weights(items)
    unit_x, unit_y, unit_sw, assessments, answerable = collect(service, items, item_w)
    unit_w = fit_logistic(np.array(unit_x), np.array(unit_y), UNIT_FEATURES, sample_weight=np.array(unit_sw))
    # The question model sees the best unit's probability under the new unit weights.
    question_x = []
    for a in assessments:
        best = best_unit_features(a.units, lambda u: logistic(unit_w, u.features))
        question_x.append({**a.decision.features, **best, "english_unit": a.decision.features["english"] * best["unit"]})
    question_w = fit_logistic(np.array([[f[n] for n in QUESTION_FEATURES] for f in question_x]),
                              np.array(answerable, dtype=float), QUESTION_FEATURES,
                              sample_weight=class_balanced(item_w, answerable))
    # The cut is chosen on out-of-fold probabilities: a model scores the questions it was fitted
    # on too well, and the cut must suit questions it has not seen.
    probabilities = out_of_fold(question_x, answerable, item_w)
    answer_at = best_threshold(probabilities, answerable, item_w)
    weights = Weights(unit=unit_w, answerable=question_w, answer_at=answer_at,
                      on_topic_at=round(answer_at * ON_TOPIC_SHARE, 3),
                      fitted_on=f"{TUNE_SET.name}: {len(items)} questions, {len(unit_y)} units")
    log.info("unit: %s\nanswerable: %s\nanswer_at: %s", unit_w, question_w, answer_at)
    pos = [p for p, a in zip(probabilities, answerable) if a]
    neg = [p for p, a in zip(probabilities, answerable) if not a]
    log.info("tune: answerable answered %d/%d, unanswerable refused %d/%d", sum(p >= answer_at for p in pos), len(pos),
             sum(p < answer_at for p in neg), len(neg))
    if not args.dry_run:
        weights.save(WEIGHTS_FILE)
        log.info("wrote %s", WEIGHTS_FILE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
