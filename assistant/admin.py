"""Administrative operations, mounted only when ``GAZETTE_ADMIN_TOKEN`` is set (the token is
compared in constant time): ingest the corpus folder after a new issue was put there, and
export the feedback. Without the setting these paths do not exist at all."""

from __future__ import annotations

import fcntl
import hmac
import logging

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, Field

from assistant.api_schema import errors
from assistant.settings import Settings

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
        from assistant.cli import run_ingest
        from assistant.service import AskService

        settings.data_dir.mkdir(parents=True, exist_ok=True)
        # One ingest at a time across every worker process (a file lock, not a thread lock).
        with open(settings.data_dir / "ingest.lock", "w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise HTTPException(409, "已有一次建立索引正在进行") from None
            report = run_ingest(settings)
        if report.changed:  # this worker answers from the new index now; the others after a restart
            request.app.state.service = AskService.from_settings(settings)
            log.info("now serving index generation %s", report.generation)
        return IngestResult(changed=report.changed, issues=report.issues, documents=report.documents,
                            chunks=report.chunks, new_embeddings=report.new_embeddings,
                            seconds=round(report.seconds, 1), warnings=report.warnings)

    @router.get("/feedback", response_model=list[FeedbackRecord], summary="导出反馈（管理）", responses=errors(401))
    def feedback(request: Request) -> list[dict]:
        """Every 👍/👎 with its question, answer and citations, the newest first."""
        return request.app.state.feedback.rows()

    return router
