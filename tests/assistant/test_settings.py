"""Every setting is documented (README table and the example config file) and loads from both."""

from pathlib import Path

from assistant.settings import PROJECT_DIR, Settings, load_settings

README = (PROJECT_DIR / "README.md").read_text("utf-8")
EXAMPLE = (PROJECT_DIR / "gazette.example.toml").read_text("utf-8")


def test_every_setting_is_documented():
    for name, field in Settings.model_fields.items():
        assert field.description, name
        assert f"GAZETTE_{name.upper()}" in README, f"README lacks GAZETTE_{name.upper()}"
        assert f"{name} =" in EXAMPLE or f"# {name} =" in EXAMPLE, f"gazette.example.toml lacks {name}"


def test_environment_beats_config_file(tmp_path, monkeypatch):
    config = tmp_path / "gazette.toml"
    config.write_text('retrieval_k = 7\nmax_question_chars = 300\nallowed_origins = ["https://a.example"]\n', "utf-8")
    monkeypatch.setenv("GAZETTE_CONFIG", str(config))
    monkeypatch.setenv("GAZETTE_RETRIEVAL_K", "9")
    s = load_settings()
    assert s.retrieval_k == 9 and s.max_question_chars == 300 and s.allowed_origins == ["https://a.example"]


def test_defaults_are_offline_and_local(monkeypatch):
    for key in ("GAZETTE_CHROMA_URL", "GAZETTE_LLM_BASE_URL", "GAZETTE_DATA_DIR", "GAZETTE_CONFIG"):
        monkeypatch.delenv(key, raising=False)
    s = Settings()
    assert s.embedding_backend == "e5" and s.chroma_url is None and s.answer_mode == "extractive"
    assert s.data_dir == PROJECT_DIR / "data" and s.corpus_dir == PROJECT_DIR / "corpus"
    assert Path(s.corpus_dir / "shuozhou-gazette-2022-05.txt").is_file()


def test_allowed_origins_as_operators_write_them(monkeypatch):
    for raw, expected in [("https://www.example.gov.cn", ["https://www.example.gov.cn"]),
                          ("https://a.gov.cn, https://b.gov.cn", ["https://a.gov.cn", "https://b.gov.cn"]),
                          ('["https://a.gov.cn"]', ["https://a.gov.cn"])]:
        monkeypatch.setenv("GAZETTE_ALLOWED_ORIGINS", raw)
        assert load_settings().allowed_origins == expected
