"""The web server: REST API, SSE stream, widget script and the Gradio chat, on one FastAPI app.

``create_app(settings)`` is the app factory; nothing happens at import time. The index is
opened once when the app is created. Without an index the API answers 503 with a message
saying to run ``gazette ingest`` — unless ``ingest_if_missing`` (what ``gazette serve``
uses) builds it from the shipped gazette first.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, Field

from assistant.answer import Answer
from assistant.feedback import FeedbackStore
from assistant.guards import RateLimiter, origin_allowed
from assistant.service import AskService, FilterSpec, QuestionError
from assistant.settings import Settings
from corpus.docnumber import normalize_doc_number
from embeddings.index import GazetteIndexError

log = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "static"
MAX_BODY_BYTES = 32 * 1024
EXAMPLE_QUESTION = "谁负责地下水压采的技术指导和监督"


class HistoryTurn(BaseModel):
    """An earlier turn as the previous answer object gave it: with its cited 文号, 「这个文件」
    in the next question resolves to a document, not to words."""

    question: str = Field(..., max_length=2000)
    answer: str = Field("", max_length=20000)
    cited: list[str] = Field(default_factory=list, max_length=20, description="回答引用的文号，按引用顺序")
    rewritten: str | None = Field(None, max_length=4000, description="该问题被理解为（rewritten_question）")


class AskBody(BaseModel):
    question: str = Field(..., description="问题（中文）", examples=[EXAMPLE_QUESTION])
    history: list[HistoryTurn | tuple[str, str]] = Field(
        default_factory=list, max_length=20,
        description="之前的问答，用于追问：[{question, answer, cited}, …] 或 [[问题, 回答], …]")
    filters: FilterSpec | None = None
    mode: str | None = Field(None, pattern="^(extractive|llm)$", description="extractive（默认）或 llm")


class FeedbackBody(BaseModel):
    question: str = Field(..., max_length=2000)
    answer: str = Field(..., max_length=20000)
    citations: list[dict] = Field(default_factory=list, max_length=20)
    verdict: str = Field(..., pattern="^(up|down)$")
    comment: str = Field("", max_length=2000)


def create_app(settings: Settings, service: AskService | None = None, ingest_if_missing: bool = False,
               with_ui: bool = True) -> FastAPI:
    """Build the app. Pass ``service`` to reuse an already opened index (tests, workers)."""
    startup_error: str | None = None
    if service is None:
        try:
            service = AskService.from_settings(settings)
        except GazetteIndexError as exc:
            if ingest_if_missing:
                from assistant.cli import run_ingest

                log.warning("no usable index (%s); building it from %s", exc, settings.corpus_dir)
                run_ingest(settings, echo=True)
                service = AskService.from_settings(settings)
            else:
                startup_error = str(exc)
    app = FastAPI(title="公报问答 API", version="0.1.0",
                  description="根据《朔州市人民政府公报》回答问题，每条回答注明文号和页码。")
    app.state.service = service
    app.state.limiter = RateLimiter(settings.rate_limit_per_minute)
    app.state.feedback = FeedbackStore(settings.data_dir / "feedback.sqlite")
    app.add_middleware(CORSMiddleware, allow_origins=settings.allowed_origins, allow_methods=["GET", "POST"],
                       allow_headers=["Content-Type"])

    @app.middleware("http")
    async def guard(request: Request, call_next):
        if request.url.path.startswith("/api/"):
            host_url = f"{request.url.scheme}://{request.url.netloc}"
            if not origin_allowed(request.headers.get("origin"), host_url, settings.allowed_origins):
                return _error(403, "此网站未被允许调用公报问答接口")
            length = request.headers.get("content-length")
            if length and length.isdigit() and int(length) > MAX_BODY_BYTES:
                return _error(413, f"请求内容过大（上限 {MAX_BODY_BYTES // 1024} KB）")
            if request.method == "POST" and request.url.path.startswith("/api/ask"):
                wait = app.state.limiter.check(request.client.host if request.client else "?")
                if wait:
                    return _error(429, f"提问过于频繁，请 {wait} 秒后再试", {"Retry-After": str(wait)})
        return await call_next(request)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        where = "、".join(".".join(str(p) for p in e.get("loc", ())[1:]) or "请求" for e in exc.errors()[:3])
        return _error(422, f"请求格式不正确：{where}")

    def require_service() -> AskService:
        if app.state.service is None:
            raise HTTPException(503, startup_error or "索引未就绪，请先运行 gazette ingest")
        return app.state.service

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        return _error(exc.status_code, str(exc.detail), exc.headers)

    @app.get("/healthz", tags=["system"])
    def healthz() -> dict:
        svc = app.state.service
        if svc is None:
            return JSONResponse({"status": "no-index", "detail": startup_error}, status_code=503)
        return {"status": "ok", "documents": len(svc.index.documents), "chunks": len(svc.index.chunks),
                "issues": [i["label"] for i in svc.index.manifest.issues], "model": svc.index.manifest.model_id}

    @app.post("/api/ask", response_model=Answer, tags=["ask"])
    def ask(body: AskBody) -> Answer:
        """Answer a question with citations (文号 + 页码)."""
        svc = require_service()
        try:
            return svc.ask(body.question, body.history, body.filters, body.mode)
        except QuestionError as exc:
            raise HTTPException(400, str(exc)) from exc

    @app.post("/api/ask/stream", tags=["ask"])
    def ask_stream(body: AskBody) -> StreamingResponse:
        """Server-Sent Events: `delta` events with text, then one `answer` event with the answer object."""
        svc = require_service()
        try:
            svc.validate(body.question)
        except QuestionError as exc:
            raise HTTPException(400, str(exc)) from exc
        return StreamingResponse(_sse(svc.stream(body.question, body.history, body.filters, body.mode)),
                                 media_type="text/event-stream", headers={"Cache-Control": "no-cache"})

    @app.get("/api/documents", tags=["documents"])
    def documents() -> list[dict]:
        """All indexed documents: 文号, title, issuer, date, pages."""
        return require_service().documents()

    @app.get("/api/documents/{doc_number}", tags=["documents"])
    def document(doc_number: str) -> dict:
        """One document and its sections. The 文号 may use any bracket form."""
        found = require_service().document(normalize_doc_number(doc_number) or doc_number)
        if found is None:
            raise HTTPException(404, f"未找到文号为 {doc_number} 的文件")
        return found

    @app.post("/api/feedback", tags=["feedback"])
    def feedback(body: FeedbackBody) -> dict:
        """Store 👍/👎 feedback on an answer."""
        fid = app.state.feedback.add(body.question, body.answer, body.citations, body.verdict, body.comment)
        return {"id": fid}

    @app.get("/widget.js", include_in_schema=False)
    def widget_js() -> FileResponse:
        return FileResponse(STATIC / "widget.js", media_type="application/javascript; charset=utf-8",
                            headers={"Cache-Control": "public, max-age=300"})

    @app.get("/widget-demo", include_in_schema=False)
    def widget_demo() -> HTMLResponse:
        return HTMLResponse((STATIC / "widget-demo.html").read_text("utf-8"))

    if with_ui and service is not None:
        import gradio as gr

        from assistant.ui import build_ui

        app = gr.mount_gradio_app(app, build_ui(service, app.state.feedback), path="/")
    return app


def _sse(events: Iterator[dict]) -> Iterator[str]:
    try:
        for event in events:
            yield f"event: {event['type']}\ndata: {json.dumps(event, ensure_ascii=False)}\n\n"
    except Exception as exc:  # noqa: BLE001 - a stream cannot change its status code any more
        log.exception("stream failed")
        yield f"event: error\ndata: {json.dumps({'type': 'error', 'message': f'回答失败：{type(exc).__name__}'})}\n\n"


def _error(status: int, message: str, headers: dict | None = None) -> Response:
    return JSONResponse({"error": message, "status": status}, status_code=status, headers=headers)
