"""The per-gazette profile: what makes the assistant one city's, kept out of the code.

A profile names the gazette and its city, the assistant's name and greeting, the chat
page's title, example questions and colours, how the gazette's issuers sign, the words of
its own domain that the keyword search must keep whole, the sample issue shipped with it,
the API document's examples and the widget's demo page. Profiles are TOML files; those
shipped with the package live in ``corpus/profiles/``. The files a profile names (its sample
issue, its API examples) are found relative to the folder of its TOML file.
The settings name the one to use (``profile``); the loaded profile is handed down to the
parser, the index builder, the answer service and the interfaces.

It lives in ``corpus`` because the parser is the lowest layer that needs it (the issuers'
signature lines, the site name of web-page documents).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from assistant.errors import ProfileError

PROFILES_DIR = Path(__file__).resolve().parent / "profiles"
# A signature line: a government or its general office, as every city's gazette signs.
GOVERNMENT_SIGNATURE = r"\S{2,20}?人民政府(?:办公室|办公厅)?"
_COLOUR = re.compile(r"^#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?$")


class Colours(BaseModel):
    """The branding colours of the chat page and the widget (CSS hex colours only: they go into
    style sheets, so nothing else may pass)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    link: str = Field("#1f4e8c", description="Links, citation markers and source-card titles.")
    accent: str = Field("#c0392b", description="Quote borders and the highlight of a jumped-to card.")
    widget: str = Field("#b3261e", description="The widget's button and header (a host page may override it).")
    heading: str = Field("#8c1d18", description="The source viewer's document title and its current page marker.")

    @field_validator("link", "accent", "widget", "heading")
    @classmethod
    def _hex(cls, value: str) -> str:
        return _hex_colour(value)


def _hex_colour(value: str) -> str:
    if not _COLOUR.fullmatch(value):
        raise ValueError(f"颜色须为 #RGB 或 #RRGGBB 形式：{value!r}")
    return value


class DemoPage(BaseModel):
    """What the widget's demo page (``/widget-demo``, a mock page of the city government's website)
    shows around the widget: its header and bar take the widget colour and ``nav`` colour."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    issue: str = Field("", description="The issue the mock page presents, e.g. 2023年第2期 (empty: none).")
    documents: list[str] = Field(default_factory=list, description="Lines listed on the page: documents of that "
                                                                   "issue, title and 文号.")
    nav: str | None = Field(None, description="The colour of the page's navigation bar (unset: the heading colour).")

    @field_validator("nav")
    @classmethod
    def _hex(cls, value: str | None) -> str | None:
        return None if value is None else _hex_colour(value)


class GazetteProfile(BaseModel):
    """One gazette's names, wording, vocabulary and branding (see the module docstring)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    gazette: str = Field(..., min_length=2, description="The gazette's name without 《》.")
    city: str = Field(..., min_length=2, description="The city (or county) that publishes it.")
    assistant_name: str = Field(..., min_length=2, description="What the assistant calls itself.")
    greeting: str = Field(..., min_length=2, description="The reply to a greeting or a question about the assistant.")
    site: str = Field(..., min_length=2,
                      description="The issuing government's website: the label of web-page documents.")
    title: str = Field(..., min_length=2, description="The chat page's title.")
    examples: list[str] = Field(..., min_length=1, description="Example questions of the chat page (the first is "
                                                               "also the example of the input box and of the empty-"
                                                               "question reply).")
    widget_examples: list[str] = Field(default_factory=list, description="The widget's default example questions "
                                                                         "(empty: the first three examples).")
    colours: Colours = Field(default_factory=Colours)
    issuer_patterns: list[str] = Field(default_factory=lambda: [GOVERNMENT_SIGNATURE], min_length=1, description=(
        "Regular expressions of a document's signature line (the issuer, a whole line followed by the date)."))
    terms: list[str] = Field(default_factory=list, description=(
        "Words of this gazette's own subjects that the keyword search must keep whole (jieba's general "
        "dictionary splits them)."))
    sample_issue: str | None = Field(None, description="The issue file shipped with the profile, relative to the "
                                                       "folder of its TOML file.")
    api_examples: str | None = Field(None, description=(
        "A JSON file (relative to the folder of the TOML file) with a real answer of this gazette and a follow-up "
        "question, shown as the examples of the API document (unset: examples made of the example questions)."))
    demo: DemoPage = Field(default_factory=DemoPage)
    # The folder of the TOML file the profile was read from (set by load_profile); a profile built in
    # code finds its files where the shipped profiles are.
    _folder: Path = PrivateAttr(default=PROFILES_DIR)

    @field_validator("issuer_patterns")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"发文机关的正则表达式无效：{pattern!r}（{exc}）") from None
        return patterns

    @property
    def cli_description(self) -> str:
        """The command line's one-line description."""
        return f"公报问答：{self.assistant_name}"

    @property
    def api_lead(self) -> str:
        """The first line of the API's description."""
        return f"根据《{self.gazette}》回答问题，每条回答注明文号和页码。"

    @property
    def shown_widget_examples(self) -> list[str]:
        return self.widget_examples or self.examples[:3]

    def issuer_line(self) -> re.Pattern[str]:
        """A whole line that is one of the issuers' signatures; group 1 is the issuer."""
        either = "|".join(f"(?:{p})" for p in self.issuer_patterns)
        return re.compile(rf"^\s*({either})\s*$")

    @property
    def folder(self) -> Path:
        """The folder of the profile's TOML file: where the files it names are."""
        return self._folder

    def sample_issue_path(self) -> Path:
        """The issue file shipped with the profile, beside its TOML file (``ProfileError`` when the
        profile names none). The issues the assistant answers from are the corpus folder's
        (``GAZETTE_CORPUS_DIR``), not this one."""
        if not self.sample_issue:
            raise ProfileError(f"公报配置《{self.gazette}》没有附带示例期刊（sample_issue）")
        return (self._folder / self.sample_issue).resolve()

    def api_examples_path(self) -> Path | None:
        """The profile's file of API examples, beside its TOML file (None when it names none)."""
        return (self._folder / self.api_examples).resolve() if self.api_examples else None


def example_placeholder(name: str) -> str:
    """The text that a description or example in the API's models holds where the profile's example
    ``name`` (a 文号, an issuer, …) goes; the API fills it in (``assistant.api_examples``)."""
    return f"«example:{name}»"


def shipped_profiles() -> list[str]:
    """The names of the profiles shipped with the package (``corpus/profiles/<name>.toml``)."""
    return sorted(p.stem for p in PROFILES_DIR.glob("*.toml"))


def profile_path(name: str | Path | None) -> Path:
    """The file of profile ``name``: a shipped profile's name, or a path to a TOML file.
    None: the one shipped profile (with several shipped, one must be named)."""
    if name is None or str(name) == "":
        shipped = shipped_profiles()
        if len(shipped) != 1:
            raise ProfileError("请用 GAZETTE_PROFILE 指定公报配置，可选：" + "、".join(shipped))
        return PROFILES_DIR / f"{shipped[0]}.toml"
    text = str(name)
    if text.endswith(".toml") or "/" in text or "\\" in text:
        return Path(text)
    return PROFILES_DIR / f"{text}.toml"


def load_profile(name: str | Path | None = None) -> GazetteProfile:
    """Read and check one profile; ``ProfileError`` names the file and the first problem."""
    path = profile_path(name)
    if not path.is_file():
        shipped = "、".join(shipped_profiles())
        raise ProfileError(f"找不到公报配置 {name}（{path}）；内置配置：{shipped}")
    try:
        data = tomllib.loads(path.read_text("utf-8"))
        profile = GazetteProfile(**data)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"公报配置 {path} 不是有效的 TOML：{exc}") from None
    except ValidationError as exc:
        problem = exc.errors()[0]
        where = ".".join(str(p) for p in problem.get("loc", ()))
        raise ProfileError(f"公报配置 {path} 中 {where} 无效：{problem.get('msg', '')}") from None
    profile._folder = path.resolve().parent
    return profile
