"""A worker follows the index generation another process switched to (``assistant.generations``)."""

from types import SimpleNamespace

from fastapi import FastAPI

from assistant.generations import GenerationFollower
from assistant.settings import load_settings


def _serving(generation: str) -> SimpleNamespace:
    return SimpleNamespace(index=SimpleNamespace(manifest=SimpleNamespace(generation=generation)))


def test_a_moved_pointer_is_followed_and_a_generation_that_does_not_open_is_tried_once(tmp_path, monkeypatch):
    import assistant.service

    settings = load_settings(data_dir=tmp_path)
    settings.index_dir.mkdir(parents=True)
    app = FastAPI()
    app.state.service = _serving("gen-a")
    follower = GenerationFollower(app, settings, every=0)
    (settings.index_dir / "CURRENT").write_text("gen-a", "utf-8")
    assert not follower.moved()

    opened: list[str] = []

    def open_current(s):
        name = (s.index_dir / "CURRENT").read_text("utf-8")
        opened.append(name)
        if name == "gen-broken":
            raise OSError("damaged")
        return _serving(name)

    monkeypatch.setattr(assistant.service.AskService, "from_settings", staticmethod(open_current))
    (settings.index_dir / "CURRENT").write_text("gen-broken", "utf-8")
    assert follower.moved()
    follower.reopen()
    assert app.state.service.index.manifest.generation == "gen-a"  # the old one still serves
    assert not follower.moved()  # and the broken one is not tried on every request
    (settings.index_dir / "CURRENT").write_text("gen-b", "utf-8")
    assert follower.moved()
    follower.reopen()
    assert app.state.service.index.manifest.generation == "gen-b" and opened == ["gen-broken", "gen-b"]


def test_a_worker_that_started_without_an_index_opens_the_first_one(tmp_path, monkeypatch):
    import assistant.service

    settings = load_settings(data_dir=tmp_path)
    settings.index_dir.mkdir(parents=True)
    app = FastAPI()
    app.state.service = None
    follower = GenerationFollower(app, settings, every=0)
    assert not follower.moved()
    monkeypatch.setattr(assistant.service.AskService, "from_settings", staticmethod(lambda s: _serving("gen-1")))
    (settings.index_dir / "CURRENT").write_text("gen-1", "utf-8")
    assert follower.moved()
    follower.reopen()
    assert app.state.service.index.manifest.generation == "gen-1"
