"""The REST API's contract: request and response models, error responses and examples.

Everything the OpenAPI document says lives here, so that ``assistant.api`` holds only the
routes. The limits of the request models are the server's real limits: a request within
them is accepted, and the largest such request still fits under ``MAX_BODY_BYTES``
(a JSON body may escape each character as six bytes, or twelve for a surrogate pair).
The examples are placeholders that the app fills with its gazette profile's examples
(``assistant.api_examples``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Protocol

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from assistant.api_examples import placeholder
from assistant.service import FilterSpec, clean_text

API_VERSION = "1.0.0"
MAX_BODY_BYTES = 1024 * 1024
MAX_HISTORY = 10
EXAMPLE_QUESTION = placeholder("question")
EXAMPLE_ANSWER = placeholder("answer")
# The first words of the example answer: the example of an answer's text, cut short.
EXAMPLE_LEAD = placeholder("answer_lead")
EXAMPLE_DOC_NUMBER = placeholder("doc_number")


def Text(max_length: int) -> Any:  # noqa: N802 - a type, as it reads in the models
    """A string of at most ``max_length`` characters, cleaned of lone surrogates and control
    characters (a browser can send them; pydantic's own length check cannot read them).
    The length is checked as sent, before cleaning, as the schema's ``maxLength`` says."""

    def checked(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        if len(value) > max_length:
            raise PydanticCustomError("string_too_long", "String should have at most {max_length} characters",
                                      {"max_length": max_length})
        return clean_text(value)

    return Annotated[str, BeforeValidator(checked), Field(max_length=max_length)]


# The limited strings the models use. Text() builds them at run time, which a type checker cannot
# follow: to it they are plain strings.
if TYPE_CHECKING:
    Text40 = str
    Text500 = str
    Text1000 = str
    Text2000 = str
    Text4000 = str
    Text8000 = str
    Text20000 = str
else:
    Text40, Text500, Text1000, Text2000 = Text(40), Text(500), Text(1000), Text(2000)
    Text4000, Text8000, Text20000 = Text(4000), Text(8000), Text(20000)


class ErrorBody(BaseModel):
    """Every error the API sends has this body."""

    error: str = Field(..., description="给用户看的中文说明")
    status: int = Field(..., description="HTTP 状态码")


class HistoryTurn(BaseModel):
    """An earlier turn as the previous answer object gave it: with its cited 文号, 「这个文件」
    in the next question resolves to a document, not to words."""

    model_config = ConfigDict(extra="forbid")

    question: Text500
    answer: Text4000 = Field("", description="之前的回答（过长时截取前 4000 字）")
    cited: list[Text40] = Field(default_factory=list, max_length=10, description="回答引用的文号，按引用顺序")
    rewritten: Text1000 | None = Field(None, description="该问题被理解为（rewritten_question）")


# The older form of a turn, still accepted: [问题, 回答].
HistoryPair = tuple[Text500, Text4000]


class AskRequest(Protocol):
    """What the routes read from the body of ``/ask``: the fields of ``ask_body_model``'s model,
    for the type checker, which cannot see a model built at run time."""

    question: str
    history: list[HistoryTurn | HistoryPair]
    filters: FilterSpec | None
    mode: str | None


def ask_body_model(max_question_chars: int) -> type[BaseModel]:
    """The body of ``/ask``, with the question limit the server is configured with."""

    class AskBody(BaseModel):
        model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
            {"question": EXAMPLE_QUESTION}, placeholder("follow_up")]})

        # The limit is a setting, so this type is built at run time (see Text).
        question: Text(max_question_chars) = Field(..., description="问题（中文；繁体、英文也可）")  # type: ignore[valid-type]
        history: list[HistoryTurn | HistoryPair] = Field(
            default_factory=list, max_length=MAX_HISTORY,
            description="之前的问答（最近的在后），用于追问：[{question, answer, cited}, …] 或 [[问题, 回答], …]")
        filters: FilterSpec | None = Field(None, description="只在这些文件或期号中查找")
        mode: str | None = Field(None, pattern="^(extractive|llm)$", description="extractive（默认）或 llm")

    return AskBody


class FeedbackBody(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"question": EXAMPLE_QUESTION, "answer": f"{EXAMPLE_LEAD}……[1]。", "verdict": "up"}]})

    question: Text2000
    answer: Text20000
    citations: list[dict[str, Any]] = Field(default_factory=list, max_length=20,
                                            description="回答对象中的 citations（原样传回）")
    verdict: str = Field(..., pattern="^(up|down)$", description="up：有帮助；down：没有帮助")
    comment: Text2000 = ""


class FeedbackReceipt(BaseModel):
    id: int = Field(..., description="反馈编号")


class DocumentSummary(BaseModel):
    doc_number: str = Field(..., description=f"文号，如 {EXAMPLE_DOC_NUMBER}")
    title: str
    issuer: str | None = None
    date: str | None = Field(None, description="成文日期 YYYY-MM-DD")
    start_page: int | None = Field(None, description="在公报中的起始页码")
    end_page: int | None = None
    category: str | None = None
    issue_id: str | None = None
    issue_label: str | None = None
    interpreter: str | None = Field(None, description="政策解读部门")
    attachments: list[str] = Field(default_factory=list)
    public_status: str | None = None
    page_source: str | None = Field(
        None, description="source：页码印在来源（PDF）上；estimated：页码为估计；none：无页码（网页）")


class IssueSummary(BaseModel):
    issue_id: str = Field(..., description="期次编号 年-期，如 2022-05（作为 filters.issue 使用）")
    label: str = Field(..., description=f"如 {placeholder('issue_label')}")
    year: int
    date: str | None = Field(None, description="出版日期 YYYY-MM-DD")
    source: str | None = Field(None, description="来源文件名（.txt / .pdf）")
    documents: int = Field(..., description="本期文件数")


class DocumentSection(BaseModel):
    section: str = Field(..., description="章节路径")
    page: int
    chunks: int
    table_rows: int


class DocumentDetail(DocumentSummary):
    sections: list[DocumentSection] = Field(default_factory=list)


class Health(BaseModel):
    status: str = Field(..., description="ok，或 no-index（索引未就绪）")
    documents: int | None = None
    chunks: int | None = None
    issues: list[str] = Field(default_factory=list)
    model: str | None = None
    detail: str | None = None


_ERRORS = {
    400: ("请求无法处理（问题过长、JSON 格式错误等）", "问题太长（812 字），请控制在 500 字以内"),
    401: ("需要管理令牌或 API key", "需要管理令牌（Authorization: Bearer …）"),
    403: ("调用方网站未被允许（跨域来源不在 GAZETTE_ALLOWED_ORIGINS 中）", "此网站未被允许调用公报问答接口"),
    404: ("未找到", f"未找到文号为 {placeholder('unknown_doc_number')} 的文件"),
    405: ("该路径不支持此 HTTP 方法（见 Allow 响应头）", "该接口不支持 PUT 方法"),
    409: ("已有一次建立索引正在进行", "已有一次建立索引正在进行"),
    413: ("请求内容过大", f"请求内容过大（上限 {MAX_BODY_BYTES // 1024} KB）"),
    422: ("请求格式不正确（字段缺失、类型或长度不符）", "请求格式不正确：question"),
    429: ("提问过于频繁（见 Retry-After 响应头）", "提问过于频繁，请 12 秒后再试"),
    503: ("索引未就绪（尚未运行 gazette ingest）", "索引未就绪，请先运行 gazette ingest"),
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses`` entries of ``codes``, each with the shared error body and an example."""
    return {code: {"model": ErrorBody, "description": _ERRORS[code][0],
                   "content": {"application/json": {"example": {"error": _ERRORS[code][1], "status": code}}}}
            for code in codes}


def answer_response() -> dict[int | str, dict[str, Any]]:
    return {200: {"description": "回答对象：回答正文、引用（文号 + 页码 + 原文）、置信度",
                  "content": {"application/json": {"example": EXAMPLE_ANSWER}}}}


def stream_response() -> dict[int | str, dict[str, Any]]:
    """The SSE stream of ``/ask/stream``, described event by event."""
    example = (f"event: delta\ndata: {{\"type\": \"delta\", \"text\": \"{EXAMPLE_LEAD}……\"}}\n\n"
               "event: answer\ndata: {\"type\": \"answer\", \"answer\": "
               f"{{\"answer\": \"{EXAMPLE_LEAD}……[1]。\", …}}}}\n\n")
    return {200: {
        "description": "Server-Sent Events，依次为：\n"
                       "- `delta`：`{\"type\": \"delta\", \"text\": …}`，回答正文的一段；\n"
                       "- `reset`：`{\"type\": \"reset\"}`，丢弃已收到的正文（大模型回答失败、改用摘录回答时）；\n"
                       "- `answer`：`{\"type\": \"answer\", \"answer\": <回答对象，同 /ask>}`，最后一个事件；\n"
                       "- `error`：`{\"type\": \"error\", \"message\": …}`，回答中途失败（状态码已是 200）。",
        "content": {"text/event-stream": {"example": example, "schema": {
            "type": "object", "required": ["event", "data"], "description": "一个事件",
            "properties": {"event": {"type": "string", "enum": ["delta", "reset", "answer", "error"]},
                           "data": {"type": "string", "contentMediaType": "application/json",
                                    "description": "JSON：{\"type\": 与 event 相同, …}"}}}}},
    }}
