"""The fitting code of ``evals.calibrate`` on a toy problem."""

import numpy as np

from evals.calibrate import best_threshold, class_balanced, fit_logistic


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
