"""The fitting code of ``evals.calibrate`` on a toy problem."""

import numpy as np

from assistant.evidence import QUESTION_FEATURES
from evals.calibrate import best_threshold, class_balanced, fit_logistic, out_of_fold


def test_fit_logistic_finds_the_informative_feature():
    rng = np.random.default_rng(0)
    x = rng.random((400, 2))
    y = (x[:, 0] > 0.5).astype(float)
    w = fit_logistic(x, y, ("signal", "noise"))
    assert w["signal"] > 5 and abs(w["noise"]) < 1


def test_best_threshold_separates():
    t = best_threshold([0.9, 0.8, 0.7, 0.2, 0.1], [True, True, True, False, False], np.ones(5))
    assert 0.2 < t <= 0.7


def test_class_balanced_weights_make_both_classes_weigh_the_same():
    w = class_balanced(np.array([1.0, 1.0, 1.0, 2.0]), [True, True, True, False])
    assert abs(w[:3].sum() - w[3]) < 1e-9 and abs(w.sum() - 5.0) < 1e-9


def test_out_of_fold_probabilities_come_from_models_that_did_not_see_the_question():
    rng = np.random.default_rng(1)
    answerable = [bool(i % 2) for i in range(200)]
    features = [{n: 0.0 for n in QUESTION_FEATURES} | {"lexical": float(a) * 0.6 + rng.random() * 0.4}
                for a in answerable]
    p = out_of_fold(features, answerable, np.ones(200))
    assert len(p) == 200 and all(0.0 < x < 1.0 for x in p)
    mean = lambda flag: np.mean([x for x, a in zip(p, answerable, strict=True) if a == flag])  # noqa: E731
    assert mean(True) > 0.7 > 0.3 > mean(False)
