"""Operators add an issue without a shell: an uploaded file (PDF, TXT or a web page's HTML) is
parsed and indexed in the background, with its progress in a job record, and served when done.

The index switch is atomic (``embeddings.index.build_index``): until the new generation is
complete the service answers from the old one, and a file that cannot be parsed never reaches
the index. Jobs are JSON files under ``data_dir/admin-jobs`` (written whole, then renamed), so
every worker process can report on a job; one ingest runs at a time (a file lock).
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import re
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Literal

from assistant.settings import Settings

log = logging.getLogger(__name__)

JobStatus = Literal["queued", "parsing", "embedding", "indexing", "done", "failed"]
STATUS_LABELS = {"queued": "排队中", "parsing": "正在解析文件", "embedding": "正在生成向量",
                 "indexing": "正在写入索引", "done": "已完成，新的一期已可检索", "failed": "失败"}
_SAFE_NAME = re.compile(r"[^0-9A-Za-z._\-\u4e00-\u9fff]")


@dataclass
class UploadJob:
    """One upload's progress, as ``GET /api/v1/admin/jobs/{id}`` returns it."""

    id: str
    filename: str
    status: JobStatus = "queued"
    message: str = STATUS_LABELS["queued"]
    progress: float = 0.0  # 0–1
    created: str = field(default_factory=lambda: time.strftime("%Y-%m-%dT%H:%M:%S"))
    finished: str | None = None
    issue_id: str | None = None
    label: str | None = None
    documents: int | None = None
    chunks: int | None = None
    new_embeddings: int | None = None
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    worker: int = field(default_factory=os.getpid)  # the server process that runs it


class JobStore:
    """Upload jobs as JSON files (one per job)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def save(self, job: UploadJob) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f"{job.id}.json.tmp"
        tmp.write_text(json.dumps(asdict(job), ensure_ascii=False), "utf-8")
        os.replace(tmp, self.folder / f"{job.id}.json")  # a reader never sees half a record

    def get(self, job_id: str) -> UploadJob | None:
        if not re.fullmatch(r"[0-9a-f]{32}", job_id):
            return None
        path = self.folder / f"{job_id}.json"
        if not path.is_file():
            return None
        job = UploadJob(**json.loads(path.read_text("utf-8")))
        if job.status not in ("done", "failed") and not _alive(job.worker):
            # Its process ended (a restart) in mid-job: the serving index was never switched.
            _fail(self, job, "服务在处理期间重启，任务已中断，已在服务的索引未受影响；请重新上传。")
        return job


def _alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def safe_filename(name: str) -> str:
    """The uploaded file's base name with only harmless characters (no folders, no dot files)."""
    path = Path(name.replace("\\", "/"))
    suffix = path.suffix.lower() if re.fullmatch(r"\.[a-z]{1,5}", path.suffix.lower()) else ""
    stem = _SAFE_NAME.sub("_", path.name[:len(path.name) - len(suffix)]).lstrip(".")
    return f"{stem[-100:] or 'upload'}{suffix}"  # the suffix says how to read it: keep it whatever the name


def start_upload(settings: Settings, store: JobStore, filename: str, data: bytes,
                 on_done: Callable[[], None]) -> UploadJob:
    """Keep the file under ``data_dir/uploads/<job>/`` and index it in a background thread;
    ``on_done`` is called after a successful switch (the app then answers from the new index)."""
    job = UploadJob(id=uuid.uuid4().hex, filename=safe_filename(filename))
    folder = settings.data_dir / "uploads" / job.id
    folder.mkdir(parents=True)
    path = folder / job.filename
    path.write_bytes(data)
    store.save(job)
    queued = replace(job, warnings=[])  # what the caller answers: the thread goes on changing ``job``
    threading.Thread(target=run_upload, args=(settings, store, job, path, on_done), daemon=True,
                     name=f"upload-{job.id[:8]}").start()
    return queued


def run_upload(settings: Settings, store: JobStore, job: UploadJob, path: Path,
               on_done: Callable[[], None]) -> None:
    """Parse, embed and index one uploaded file, recording each step in ``job``."""
    from assistant.ingest import index_issues
    from corpus.parse import parse_issue
    from corpus.sources import SourceError

    def step(status: JobStatus, progress: float, message: str | None = None) -> None:
        job.status, job.progress, job.message = status, round(progress, 3), message or STATUS_LABELS[status]
        store.save(job)

    try:
        with open(settings.data_dir / "ingest.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # after any other ingest: one at a time
            step("parsing", 0.05)
            profile = settings.gazette_profile()
            parsed = parse_issue(path, profile=profile)
            if not parsed.chunks:
                raise SourceError("文件中没有找到可检索的内容")
            job.issue_id, job.label, job.warnings = parsed.manifest.issue_id, parsed.manifest.label, parsed.warnings
            step("embedding", 0.1, f"正在生成向量（{job.label}）")

            def progress(stage: str, done: int, total: int) -> None:
                step("embedding", 0.1 + 0.8 * done / max(total, 1), f"正在生成向量 {done}/{total}")

            report = index_issues(settings, [parsed], progress, profile)  # what `gazette ingest` does after parsing
            step("indexing", 0.95)
    except SourceError as exc:
        _fail(store, job, f"文件无法作为公报读取：{str(exc).split(' / ')[0]}。已在服务的索引未受影响。")
        return
    except Exception as exc:  # noqa: BLE001 - a background job reports its failure instead of dying silently
        log.exception("upload %s failed", job.id)
        _fail(store, job, f"建立索引失败（{type(exc).__name__}），已在服务的索引未受影响；详情见服务日志。")
        return
    job.warnings = list(dict.fromkeys(job.warnings + report.warnings))
    if report.changed:
        # The new index is on disk and current: a failure to reload is this process's, not the index's.
        try:
            on_done()
        except Exception:  # noqa: BLE001
            log.exception("upload %s: the new index is built but this process could not reload it", job.id)
            job.warnings.append("新索引已建好，但本服务进程未能重新加载，请重启服务")
    job.documents, job.chunks, job.new_embeddings = len(parsed.documents), len(parsed.chunks), report.new_embeddings
    job.finished = time.strftime("%Y-%m-%dT%H:%M:%S")
    step("done", 1.0, f"{STATUS_LABELS['done']}：{job.label}，{job.documents} 个文件"
                      + ("" if report.changed else "（内容与已收录的相同，索引未变）"))


def _fail(store: JobStore, job: UploadJob, message: str) -> None:
    job.status, job.message, job.error = "failed", message, message
    job.finished = time.strftime("%Y-%m-%dT%H:%M:%S")
    store.save(job)
