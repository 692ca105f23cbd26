"""The e5 engine's threads: settled before the model loads, the operator's choice first."""

from __future__ import annotations

import os

import pytest

from embeddings.models import openmp_threads, usable_cores


@pytest.fixture
def clean_openmp(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    monkeypatch.delenv("GOMP_SPINCOUNT", raising=False)
    return monkeypatch


def test_threads_asked_are_set_for_the_engine(clean_openmp: pytest.MonkeyPatch) -> None:
    assert openmp_threads(3) == 3
    assert os.environ["OMP_NUM_THREADS"] == "3"
    assert int(os.environ["GOMP_SPINCOUNT"]) > 0  # a short spin, not OpenMP's default of milliseconds


def test_zero_means_one_thread_per_core(clean_openmp: pytest.MonkeyPatch) -> None:
    assert openmp_threads(0) == usable_cores()


def test_the_operators_setting_wins(clean_openmp: pytest.MonkeyPatch) -> None:
    clean_openmp.setenv("OMP_NUM_THREADS", "1")
    assert openmp_threads(4) == 1
    clean_openmp.setenv("OMP_NUM_THREADS", "2,1")  # OpenMP's per-level list: the outer level counts
    assert openmp_threads(4) == 2


def test_a_setting_openmp_cannot_read_still_takes_every_core(clean_openmp: pytest.MonkeyPatch) -> None:
    clean_openmp.setenv("OMP_NUM_THREADS", "many")
    assert openmp_threads(1) == usable_cores()  # what OpenMP then does, so the one-pass lock stays


def test_usable_cores_are_this_process_share():
    assert 1 <= usable_cores() <= (os.cpu_count() or 1)
