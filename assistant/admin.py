"""Administrative operations, mounted only when ``GAZETTE_ADMIN_TOKEN`` is set (the token is
compared in constant time): upload a new issue (indexed in the background, ``assistant.uploads``)
and follow its job, ingest the corpus folder after a new issue was put there, and export the
feedback; and the small upload page ``/admin``. Without the setting these paths do not exist at all."""

from __future__ import annotations

import fcntl
import hmac
import logging
from dataclasses import asdict
from pathlib import Path

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from assistant.api_schema import errors
from assistant.settings import Settings
from assistant.uploads import JobStore, UploadJob, start_upload

log = logging.getLogger(__name__)


class IngestResult(BaseModel):
    changed: bool = Field(..., description="索引是否更新（false：没有新的或改动的公报）")
    issues: list[str] = Field(default_factory=list, description="本次建立索引的期号")
    documents: int
    chunks: int
    new_embeddings: int
    seconds: float
    warnings: list[str] = Field(default_factory=list)


class FeedbackRecord(BaseModel):
    id: int
    time: str
    question: str
    answer: str
    citations: list[dict] = Field(default_factory=list)
    verdict: str
    comment: str = ""


def require_admin(request: Request) -> None:
    """The caller sends ``Authorization: Bearer <GAZETTE_ADMIN_TOKEN>``."""
    token = request.app.state.admin_token
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if not token or scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(401, "需要管理令牌（Authorization: Bearer …）", {"WWW-Authenticate": "Bearer"})


def admin_router(settings: Settings) -> APIRouter:
    """The admin operations over ``settings``' corpus and data folders."""
    router = APIRouter(dependencies=[Depends(require_admin)], tags=["admin"])

    @router.post("/ingest", response_model=IngestResult, summary="重建索引（管理）", responses=errors(401, 409))
    def ingest(request: Request) -> IngestResult:
        """Ingest every issue in the corpus folder (only new or changed ones are embedded), then
        answer from the new index. A failed ingest leaves the serving index as it was."""
        from assistant.ingest import run_ingest
        from assistant.service import AskService

        settings.data_dir.mkdir(parents=True, exist_ok=True)
        # One ingest at a time across every worker process (a file lock, not a thread lock).
        with open(settings.data_dir / "ingest.lock", "w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise HTTPException(409, "已有一次建立索引正在进行") from None
            report = run_ingest(settings)
        if report.changed:  # this worker answers from the new index now; the others on their next request
            request.app.state.service = AskService.from_settings(settings)
            log.info("now serving index generation %s", report.generation)
        return IngestResult(changed=report.changed, issues=report.issues, documents=report.documents,
                            chunks=report.chunks, new_embeddings=report.new_embeddings,
                            seconds=round(report.seconds, 1), warnings=report.warnings)

    jobs = JobStore(settings.data_dir / "admin-jobs")

    @router.post("/issues", status_code=202, response_model=UploadJob, summary="上传新一期（管理）",
                 responses=errors(400, 401, 413, 422), openapi_extra={"requestBody": {"required": True, "content": {
                     "multipart/form-data": {"schema": {"type": "object", "required": ["file"], "properties": {
                         "file": {"type": "string", "format": "binary",
                                  "description": "公报 PDF、TXT 或网页 HTML"}}}}}}})
    async def upload(request: Request) -> dict:
        """Upload one issue (form field ``file``: .pdf, .txt or .html). It is parsed and indexed in
        the background (follow ``GET /admin/jobs/{id}``) and served once complete; a file that
        cannot be read fails its job with the reason and leaves the serving index as it was."""
        from corpus.sources import ISSUE_SUFFIXES, MAX_SOURCE_BYTES

        async with request.form(max_files=1, max_fields=5) as form:  # closes the spooled upload
            upload = form.get("file")
            if not isinstance(upload, UploadFile) or not upload.filename:
                raise HTTPException(422, "请以 multipart/form-data 上传文件（字段名 file）")
            if Path(upload.filename).suffix.lower() not in ISSUE_SUFFIXES:
                raise HTTPException(422, "只能上传 .pdf、.txt 或 .html 格式的公报文件")
            filename, data = upload.filename, await upload.read()
        if not data:
            raise HTTPException(422, "上传的文件是空的")
        if len(data) > MAX_SOURCE_BYTES:
            raise HTTPException(413, f"文件过大（上限 {MAX_SOURCE_BYTES // 1024 // 1024} MB）")
        settings.data_dir.mkdir(parents=True, exist_ok=True)

        def serve_new_index() -> None:  # this worker answers from the new index now; the others follow
            from assistant.service import AskService

            request.app.state.service = AskService.from_settings(settings)
            log.info("serving the index with the uploaded issue")

        # Writing up to 50 MB to disk would hold up every other request on the event loop.
        return asdict(await run_in_threadpool(start_upload, settings, jobs, filename, data, serve_new_index))

    @router.get("/jobs/{job_id}", response_model=UploadJob, summary="上传进度（管理）", responses=errors(401, 404))
    def job(job_id: str) -> dict:
        """An upload's state: status (queued, parsing, embedding, indexing, done, failed), progress 0–1, message."""
        found = jobs.get(job_id)
        if found is None:
            raise HTTPException(404, "没有这个上传任务")
        return asdict(found)

    @router.get("/feedback", response_model=list[FeedbackRecord], summary="导出反馈（管理）", responses=errors(401))
    def feedback(request: Request) -> list[dict]:
        """Every 👍/👎 with its question, answer and citations, the newest first."""
        return request.app.state.feedback.rows()

    return router


def admin_page_router(static: Path) -> APIRouter:
    """``/admin``: the upload page. It holds no secret: the operator types the token, which the
    page's script sends with each request."""
    router = APIRouter(include_in_schema=False)

    @router.get("/admin")
    def admin_page() -> HTMLResponse:
        return HTMLResponse((static / "admin.html").read_text("utf-8"))

    return router
