"""The web server: REST API, SSE stream, widget script and the Gradio chat, on one FastAPI app.

``create_app(settings)`` is the app factory; nothing happens at import time. The index is
opened once when the app is created. Without an index the API answers 503 with a message
saying to run ``gazette ingest`` — unless ``ingest_if_missing`` (what ``gazette serve``
uses) builds it from the shipped gazette first. The request and response models, and what
the OpenAPI document says of each operation, are in ``assistant.api_schema``.
"""

# No ``from __future__ import annotations`` here: the body model of /ask is built per app (its
# question limit is a setting), and FastAPI must see that class itself in the route signature.
import hashlib
import html
import json
import logging
import re
import time
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path

from assistant.answer import Answer
from assistant.api_examples import example_values, fill_examples, load_api_examples
from assistant.api_schema import (
    API_VERSION,
    MAX_BODY_BYTES,
    AskRequest,
    DocumentDetail,
    DocumentSummary,
    FeedbackBody,
    FeedbackReceipt,
    Health,
    IssueSummary,
    answer_response,
    ask_body_model,
    errors,
    stream_response,
)
from assistant.errors import QuestionError, UserError, VectorStoreUnavailable
from assistant.feedback import FeedbackStore
from assistant.generations import follow_generations
from assistant.guards import BodyLimit, RateLimiter, origin_allowed
from assistant.openai_compat import openai_router
from assistant.request_log import RequestLog
from assistant.service import AskService
from assistant.settings import Settings
from corpus.docnumber import normalize_doc_number
from corpus.profile import GazetteProfile
from embeddings.index import GazetteIndexError

if TYPE_CHECKING:
    # What the type checker sees of the /ask body; at run time api_router builds the model itself.
    AskBody = AskRequest

log = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "static"
API_PREFIX = "/api/v1"
LEGACY_PREFIX = "/api"  # the unversioned paths of before 1.0, kept as aliases (not in the schema)
OPENAI_PREFIX = "/v1"  # the OpenAI-compatible endpoint (assistant.openai_compat)
RATE_LIMITED_PATHS = ("/ask", "/ask/stream", "/chat/completions", "/feedback")
API_PATHS = (LEGACY_PREFIX + "/", OPENAI_PREFIX + "/")  # /api/v1 too
_UNREADABLE = "请求内容无法解析：须为 UTF-8 编码的 JSON"
# Why the index could not be opened goes to the log (it names folders); callers get what to do.
NO_INDEX = "索引未就绪：请在服务器上运行 gazette ingest（详情见服务日志）"
INTERNAL_ERROR = "服务内部错误，请稍后再试"
UPLOAD_PATH = API_PREFIX + "/admin/issues"  # an uploaded issue (admin), which may be far larger than a question
MAX_UPLOAD_BYTES = 50 * 1024 * 1024 + 64 * 1024  # corpus.sources.MAX_SOURCE_BYTES and the form's own bytes
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin"}
# The pages this server serves (the chat page, the widget demo, /docs) load only its own scripts and
# styles, plus the inline ones Gradio and Swagger UI write; nothing may frame them elsewhere.
PAGE_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval' https://cdn.jsdelivr.net; "
            "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
            "img-src 'self' data: blob: https://fastapi.tiangolo.com; "
            "font-src 'self' data:; connect-src 'self'; frame-ancestors 'self'; base-uri 'self'; object-src 'none'")
# The API's description after the profile's first line (``api_description``).
DESCRIPTION = f"""
- 版本：路径带版本号（`{API_PREFIX}/…`）；不带版本号的旧路径（`/api/ask` 等）作为别名继续可用。
- 错误：所有错误都返回 `{{"error": "中文说明", "status": 状态码}}`。
- 限制：请求体不超过 {MAX_BODY_BYTES // 1024} KB；浏览器跨域调用须在 `GAZETTE_ALLOWED_ORIGINS` 中；\
提问按客户端地址限速。
"""


# The widget's defaults in widget.js, which the server replaces with the profile's.
_WIDGET_DEFAULTS = re.compile(r"var PROFILE = \{.*?\};")


def api_description(profile: GazetteProfile) -> str:
    """The OpenAPI description: which gazette it answers from, then the API's rules."""
    return profile.api_lead + "\n" + DESCRIPTION


def widget_script(profile: GazetteProfile) -> bytes:
    """widget.js with the profile's gazette name, widget colour and example questions as its defaults
    (a host page's data-color and data-examples still win)."""
    defaults = json.dumps({"gazette": profile.gazette, "color": profile.colours.widget,
                           "examples": profile.shown_widget_examples})
    text = (STATIC / "widget.js").read_text("utf-8")
    return _WIDGET_DEFAULTS.sub(lambda _: f"var PROFILE = {defaults};", text, count=1).encode("utf-8")


def widget_demo_page(profile: GazetteProfile) -> str:
    """The widget's demo page: a mock page of the city government's website in the widget's colour,
    listing the documents of the profile's ``[demo]`` table."""
    demo = profile.demo
    items = "".join(f"    <li>{html.escape(line, quote=False)}</li>\n" for line in demo.documents)
    issue = f" · {html.escape(demo.issue, quote=False)}" if demo.issue else ""
    return Template((STATIC / "widget-demo.html").read_text("utf-8")).substitute(
        government=html.escape(f"{profile.city}人民政府", quote=False), colour=profile.colours.widget,
        nav=demo.nav or profile.colours.heading, issue=issue, documents=f"  <ul>\n{items}  </ul>\n" if items else "")


def viewer_css(profile: GazetteProfile) -> bytes:
    """The source viewer's stylesheet with the profile's colours as its custom properties."""
    colours = profile.colours
    variables = f":root {{--link:{colours.link};--accent:{colours.accent};--heading:{colours.heading}}}\n"
    return (variables + (STATIC / "viewer.css").read_text("utf-8")).encode("utf-8")


def use_profile_examples(app: FastAPI, profile: GazetteProfile) -> None:
    """Make the app's OpenAPI document show the profile's examples (``assistant.api_examples``).
    The examples are read now, so that a broken example file stops start-up, not /docs."""
    values = example_values(load_api_examples(profile))

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = fill_examples(FastAPI.openapi(app), values)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


class EventStream(StreamingResponse):
    media_type = "text/event-stream"


def create_app(settings: Settings, service: AskService | None = None, ingest_if_missing: bool = False,
               with_ui: bool = True) -> FastAPI:
    """Build the app. Pass ``service`` to reuse an already opened index (tests, workers)."""
    service = _open_service(settings, service, ingest_if_missing)
    app = build_app(settings, service, FeedbackStore(settings.data_dir / "feedback.sqlite"),
                    RequestLog(settings.data_dir / "logs"))
    if with_ui and service is not None:
        from assistant.ui import mount_ui

        app = mount_ui(app, service, app.state.feedback)
    return app


def app_from_environment() -> FastAPI:
    """The app of one worker of ``gazette serve --workers N`` (settings from the environment)."""
    from assistant.settings import load_settings

    return create_app(load_settings())


def openapi_document(settings: Settings) -> dict:
    """The OpenAPI document the server serves, built without opening the index (``gazette openapi``)."""
    return build_app(settings, None, None, None).openapi()


def build_app(settings: Settings, service: AskService | None, feedback: FeedbackStore | None,
              request_log: RequestLog | None) -> FastAPI:
    """The API, health check and widget routes over ``service`` (503 saying what to do when None)."""
    profile = service.profile if service is not None else settings.gazette_profile()
    app = FastAPI(title="公报问答 API", version=API_VERSION, description=api_description(profile))
    app.state.service = service
    app.state.limiter = RateLimiter(settings.rate_limit_per_minute, settings.data_dir / "rate-limit.sqlite")
    app.state.feedback = feedback
    app.state.request_log = request_log
    app.state.api_keys = set(settings.api_keys)
    app.state.admin_token = settings.admin_token
    add_guards(app, settings)
    follow_generations(app, settings)
    add_error_handlers(app)
    add_health_route(app)
    routers = include_routers(app, settings)
    add_widget_routes(app, profile)
    use_profile_examples(app, profile)
    app.state.methods = _method_table(app, routers)
    return app


def add_guards(app: FastAPI, settings: Settings) -> None:
    """CORS, the body limit and the guard every request passes: foreign origins, oversized bodies,
    unknown paths and methods and too many questions are turned away before any route runs; every
    response gets the security headers, and every API request a line in the request log."""
    app.add_middleware(CORSMiddleware, allow_origins=settings.allowed_origins, allow_methods=["GET", "POST"],
                       allow_headers=["Content-Type"])
    larger = {UPLOAD_PATH: MAX_UPLOAD_BYTES} if settings.admin_token else {}
    app.add_middleware(BodyLimit, limit=MAX_BODY_BYTES, prefixes=API_PATHS, larger=larger)

    @app.middleware("http")
    async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        started = time.perf_counter()
        response = _turned_away(request, settings, larger) or await _too_often(app, request)
        if response is None:
            try:
                response = await call_next(request)
            except Exception:  # noqa: BLE001 - a bug: answered here, so it gets the headers and its log line
                log.exception("unhandled error on %s %s", request.method, request.url.path)
                response = _error(500, INTERNAL_ERROR, path=request.url.path)
        response.headers.update(SECURITY_HEADERS)
        if response.headers.get("content-type", "").startswith("text/html"):
            response.headers.setdefault("Content-Security-Policy", PAGE_CSP)
        request_log = app.state.request_log
        if request_log is not None and request.url.path.startswith(API_PATHS):
            request_log.write(request.url.path, request.method, response.status_code, started,
                      request.client.host if request.client else "?", **getattr(request.state, "log", {}))
        return response


def _turned_away(request: Request, settings: Settings, larger: dict[str, int]) -> Response | None:
    """The answer to a request the API does not take: a foreign origin, a body over the
    limit, no such path or method, too many questions; None for every other request."""
    path = request.url.path
    # The widget's API is gated by the host page's origin; the OpenAI endpoint by API keys.
    if path.startswith(LEGACY_PREFIX + "/"):
        host_url = f"{request.url.scheme}://{request.url.netloc}"
        if not origin_allowed(request.headers.get("origin"), host_url, settings.allowed_origins):
            return _error(403, "此网站未被允许调用公报问答接口")
    if path.startswith(API_PATHS):
        length = request.headers.get("content-length")
        limit = larger.get(path, MAX_BODY_BYTES)
        if length and length.isdigit() and int(length) > limit:
            return _error(413, f"请求内容过大（上限 {limit // 1024} KB）", path=path)
    allowed = _allowed_methods(request)
    if allowed is None and path.startswith(API_PATHS):
        return _error(404, "没有这个接口，请查看 /docs", path=path)  # not the chat page's own 404
    if allowed and "access-control-request-method" not in request.headers:  # CORS preflights pass
        if request.method == "OPTIONS":
            return Response(status_code=204, headers={"Allow": ", ".join(allowed)})
        return _error(405, f"该接口不支持 {request.method} 方法", {"Allow": ", ".join(allowed)}, path)
    return None


async def _too_often(app: FastAPI, request: Request) -> Response | None:
    """429 when this client asked (or sent feedback) too often in the last minute."""
    path = request.url.path
    if request.method != "POST" or not path.startswith(API_PATHS) or not path.endswith(RATE_LIMITED_PATHS):
        return None
    wait = await run_in_threadpool(app.state.limiter.check, request.client.host if request.client else "?")
    if wait:
        return _error(429, f"提问过于频繁，请 {wait} 秒后再试", {"Retry-After": str(wait)}, path)
    return None


def add_error_handlers(app: FastAPI) -> None:
    """Every error, FastAPI's own included, answered with the API's error body (``_error``)."""

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return _error(422, _invalid_message(exc.errors()), path=request.url.path)

    @app.exception_handler(UserError)
    async def user_error(request: Request, exc: UserError) -> Response:
        # Only errors meant for the user are translated (assistant.errors); the operator's details go to the log.
        log.warning("%s on %s: %s", type(exc).__name__, request.url.path, exc)
        return _error(exc.http_status, exc.public, path=request.url.path)

    @app.exception_handler(Exception)
    async def bug(request: Request, exc: Exception) -> Response:
        # Our own bug that escaped the guard middleware: the traceback to the log, a message to the caller.
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _error(500, INTERNAL_ERROR, path=request.url.path)

    @app.exception_handler(StarletteHTTPException)  # FastAPI's own and Starlette's (a body it cannot parse)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = _UNREADABLE if exc.detail == "There was an error parsing the body" else str(exc.detail)
        return _error(exc.status_code, detail, exc.headers, request.url.path)


def add_health_route(app: FastAPI) -> None:
    """``/healthz``: whether the index is open, for load balancers and the operator."""

    @app.get("/healthz", tags=["system"], response_model=Health, response_model_exclude_none=True,
             responses={503: {"model": Health, "description": "索引未就绪"}})
    def healthz() -> Health | JSONResponse:
        """Whether the index is open, and what it holds."""
        svc = app.state.service
        if svc is None:
            return JSONResponse({"status": "no-index", "detail": NO_INDEX}, status_code=503)
        problem = svc.index.vectors.problem()  # a Chroma server that stopped answering
        if problem:
            log.warning("unhealthy: %s", problem)
            return JSONResponse({"status": "vector-store-down", "detail": VectorStoreUnavailable(problem).public},
                                status_code=503)
        return Health(status="ok", documents=len(svc.index.documents), chunks=len(svc.index.chunks),
                      issues=[i["label"] for i in svc.index.manifest.issues], model=svc.index.manifest.model_id)


def include_routers(app: FastAPI, settings: Settings) -> list[tuple[str, APIRouter]]:
    """The API (versioned, and under the old prefix as aliases), the OpenAI-compatible endpoint and,
    with an admin token, the admin routes; returns each router with its prefix."""
    router = api_router(settings)
    app.include_router(router, prefix=API_PREFIX)
    app.include_router(router, prefix=LEGACY_PREFIX, include_in_schema=False)
    chat = openai_router(require_service)
    app.include_router(chat, prefix=OPENAI_PREFIX)
    routers = [(API_PREFIX, router), (LEGACY_PREFIX, router), (OPENAI_PREFIX, chat)]
    if settings.admin_token:  # without the setting the admin paths do not exist
        from assistant.admin import admin_page_router, admin_router

        admin = admin_router(settings)
        app.include_router(admin, prefix=API_PREFIX + "/admin")
        routers.append((API_PREFIX + "/admin", admin))
        app.include_router(admin_page_router(STATIC))
    return routers


def add_widget_routes(app: FastAPI, profile: GazetteProfile) -> None:
    """The widget script for host pages (with the profile's defaults), the source viewer's routes
    and the widget's demo page."""
    widget = widget_script(profile)
    widget_headers = {"Cache-Control": "public, max-age=300",
                      "ETag": f'"{hashlib.sha256(widget).hexdigest()[:32]}"'}

    @app.get("/widget.js", include_in_schema=False)
    def widget_js(request: Request) -> Response:
        # Every visit of every host page asks again after five minutes: unchanged, it costs a 304.
        if request.headers.get("if-none-match") == widget_headers["ETag"]:
            return Response(status_code=304, headers=widget_headers)
        return Response(widget, media_type="application/javascript; charset=utf-8", headers=widget_headers)

    add_viewer_routes(app, profile)
    demo = widget_demo_page(profile)

    @app.get("/widget-demo", include_in_schema=False)
    def widget_demo() -> HTMLResponse:
        return HTMLResponse(demo)


VIEWER_STATIC = {"viewer.css": "text/css; charset=utf-8", "viewer.js": "application/javascript; charset=utf-8",
                 "admin.js": "application/javascript; charset=utf-8", "favicon.svg": "image/svg+xml"}


def add_viewer_routes(app: FastAPI, profile: GazetteProfile) -> None:
    """The source viewer (``/documents/{文号}``), the original PDF of an indexed issue
    (``/files/{issue}.pdf``) and the viewer's own stylesheet (in the profile's colours) and script
    (``/static/…``)."""
    from assistant.viewer import document_page, message_page, not_found_page

    served = {"viewer.css": viewer_css(profile)}

    @app.get("/documents/{doc_number:path}", include_in_schema=False)  # :path: a slash in it gets the page too
    def view_document(doc_number: str, request: Request, quote: str | None = None) -> HTMLResponse:
        svc = request.app.state.service
        if svc is None:
            return HTMLResponse(message_page("索引未就绪", NO_INDEX), status_code=503)
        doc = svc.source_document(normalize_doc_number(doc_number) or doc_number)
        if doc is None:
            return HTMLResponse(not_found_page(doc_number), status_code=404)
        return HTMLResponse(document_page(doc, (quote or "")[:1000] or None))

    @app.get("/files/{name:path}", include_in_schema=False)
    def issue_file(name: str, request: Request) -> Response:
        # Only the PDF an indexed issue was read from, as the index keeps it: no path is ever taken from the URL.
        svc = request.app.state.service
        issue_id = name.removesuffix(".pdf")
        pdf = svc.issue_pdf(issue_id) if svc is not None and name.endswith(".pdf") else None
        if pdf is None:
            return HTMLResponse(message_page("未找到文件", f"没有期次为「{issue_id}」的原版 PDF。"), status_code=404)
        return FileResponse(pdf, media_type="application/pdf", filename=f"{issue_id}.pdf",
                            content_disposition_type="inline")

    @app.get("/static/{name}", include_in_schema=False)
    def static_file(name: str) -> Response:
        if name not in VIEWER_STATIC:
            return Response("未找到", status_code=404, media_type="text/plain; charset=utf-8")
        body = served[name] if name in served else (STATIC / name).read_bytes()
        return Response(body, media_type=VIEWER_STATIC[name],
                        headers={"Cache-Control": "public, max-age=300"})


def api_router(settings: Settings) -> APIRouter:
    """The API's operations; mounted under the versioned prefix and, as aliases, the old one."""
    router = APIRouter()
    if not TYPE_CHECKING:  # the model with this server's question limit: FastAPI reads it from the signatures
        AskBody = ask_body_model(settings.max_question_chars)
    gate = errors(403, 413, 503)

    @router.post("/ask", response_model=Answer, tags=["ask"], summary="提问",
                 responses={**answer_response(), **errors(400, 422, 429), **gate})
    def ask(body: AskBody, request: Request, svc: AskService = Depends(require_service)) -> Answer:
        """Answer a question with citations (文号 + 页码). `refused: true` means the gazette does not
        state the answer; `confidence` tells a confident answer (high) from related passages (low)."""
        request.state.log = {"question_chars": len(body.question)}
        try:
            answer = svc.ask(body.question, body.history, body.filters, body.mode)
        except QuestionError as exc:
            raise HTTPException(400, str(exc)) from exc
        request.state.log.update(mode=answer.mode, refused=answer.refused, confidence=answer.confidence)
        return answer

    @router.post("/ask/stream", response_class=EventStream, tags=["ask"], summary="提问（流式）",
                 responses={**stream_response(), **errors(400, 422, 429), **gate})
    def ask_stream(body: AskBody, request: Request,
                   svc: AskService = Depends(require_service)) -> EventStream:
        """The same answer as Server-Sent Events: text as it is written, then the answer object."""
        request.state.log = {"question_chars": len(body.question), "stream": True}
        try:
            svc.validate(body.question)
        except QuestionError as exc:
            raise HTTPException(400, str(exc)) from exc
        return EventStream(_sse(svc.stream(body.question, body.history, body.filters, body.mode)),
                           headers={"Cache-Control": "no-cache"})

    @router.get("/documents", response_model=list[DocumentSummary], tags=["documents"], summary="文件列表",
                responses={**errors(403, 503)})
    def documents(svc: AskService = Depends(require_service)) -> list[DocumentSummary]:
        """All indexed documents: 文号, title, issuer, date, pages."""
        return [DocumentSummary.model_validate(d, from_attributes=True) for d in svc.documents()]

    @router.get("/issues", response_model=list[IssueSummary], tags=["documents"], summary="期次列表",
                responses={**errors(403, 503)})
    def issues(svc: AskService = Depends(require_service)) -> list[dict]:
        """All indexed issues of the gazette; ``issue_id`` is the value of ``filters.issue``."""
        return svc.issues()

    @router.get("/documents/{doc_number}", response_model=DocumentDetail, tags=["documents"], summary="单个文件",
                responses={**errors(403, 404, 503)})
    def document(doc_number: str, svc: AskService = Depends(require_service)) -> dict:
        """One document and its sections. The 文号 may use any bracket form (〔〕, [], ())."""
        found = svc.document(normalize_doc_number(doc_number) or doc_number)
        if found is None:
            raise HTTPException(404, f"未找到文号为 {doc_number} 的文件")
        return found

    @router.post("/feedback", response_model=FeedbackReceipt, tags=["feedback"], summary="反馈",
                 responses={**errors(400, 403, 413, 422)})
    def feedback(body: FeedbackBody, request: Request) -> FeedbackReceipt:
        """Store 👍/👎 feedback on an answer."""
        fid = request.app.state.feedback.add(body.question, body.answer, body.citations, body.verdict, body.comment)
        return FeedbackReceipt(id=fid)

    return router


def require_service(request: Request) -> AskService:
    """The open index's service, or 503 saying how to build the index."""
    service = request.app.state.service
    if service is None:
        raise HTTPException(503, NO_INDEX)
    return service


def _open_service(settings: Settings, service: AskService | None, ingest_if_missing: bool) -> AskService | None:
    if service is not None:
        return service
    try:
        return AskService.from_settings(settings)
    except GazetteIndexError as exc:
        if not ingest_if_missing:
            log.error("no usable index: %s", exc)
            return None
        from assistant.ingest import run_ingest

        # The first start of a fresh install: expected, not an error.
        log.info("no usable index yet (%s); building it from %s", exc, settings.corpus_dir)
        try:
            run_ingest(settings, echo=True)
            return AskService.from_settings(settings)
        except GazetteIndexError as failed:  # a Chroma server that is down: serve 503s, do not crash-loop
            log.error("could not build the index: %s", failed)
            return None


def _invalid_message(problems: Sequence[Any]) -> str:
    """What is wrong with a request, in words: a text over its limit says the limit."""
    first = problems[0] if problems else {}
    where = ".".join(str(p) for p in first.get("loc", ())[1:]) or "请求"
    if first.get("type") == "string_too_long":
        return f"{where} 太长，请控制在 {first.get('ctx', {}).get('max_length')} 字以内"
    if first.get("type") == "too_long":
        return f"{where} 条目太多，最多 {first.get('ctx', {}).get('max_length')} 条"
    others = "、".join(".".join(str(p) for p in e.get("loc", ())[1:]) or "请求" for e in problems[:3])
    return f"请求格式不正确：{others}"


def _method_table(app: FastAPI, routers: list[tuple[str, APIRouter]]) -> list[tuple[re.Pattern[str], list[str]]]:
    """Each API path (as a pattern) with its methods: the chat page is mounted at /, so it
    would answer any other method on an API path with its own 404."""
    paths = [(prefix + r.path, r.methods) for prefix, router in routers
             for r in router.routes if isinstance(r, APIRoute)]
    paths += [(r.path, r.methods) for r in app.router.routes if isinstance(r, APIRoute)]
    return [(compile_path(path)[0], sorted(methods or ())) for path, methods in paths]  # an APIRoute has methods


def _allowed_methods(request: Request) -> list[str] | None:
    """The methods of the path asked for when the request's method is not one of them
    (405 with ``Allow``); empty when the method is allowed; None when no route has the path."""
    for pattern, methods in request.app.state.methods:
        if pattern.match(request.url.path):
            return [] if request.method in methods else methods
    return None


def _sse(events: Iterator[dict]) -> Iterator[str]:
    try:
        for event in events:
            yield f"event: {event['type']}\ndata: {json.dumps(event, ensure_ascii=False)}\n\n"
    except UserError as exc:  # the Chroma server went away mid-answer, …
        log.warning("stream stopped: %s", exc)
        yield f"event: error\ndata: {json.dumps({'type': 'error', 'message': exc.public}, ensure_ascii=False)}\n\n"
    except Exception as exc:  # noqa: BLE001 - a stream cannot change its status code any more
        log.exception("stream failed")
        yield f"event: error\ndata: {json.dumps({'type': 'error', 'message': f'回答失败：{type(exc).__name__}'})}\n\n"


def _error(status: int, message: str, headers: Mapping[str, str] | None = None, path: str = "") -> Response:
    """The error body: ``{"error", "status"}``, or OpenAI's ``{"error": {"message", "type"}}`` under /v1."""
    if path.startswith(OPENAI_PREFIX + "/"):
        kind = "authentication_error" if status == 401 else "invalid_request_error" if status < 500 else "server_error"
        body: dict = {"error": {"message": message, "type": kind, "code": str(status)}}
    else:
        body = {"error": message, "status": status}
    return JSONResponse(body, status_code=status, headers=headers)
