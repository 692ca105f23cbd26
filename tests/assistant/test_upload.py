"""Uploading an issue over real HTTP (``POST /api/v1/admin/issues``): closed without the token;
a PDF rendered by the test is indexed in the background and then served (searchable, filtered,
its file at /files); a corrupt PDF fails its job with a Chinese reason and leaves the serving
index exactly as it was."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import httpx
import pytest

from assistant.api import create_app
from assistant.service import AskService
from tests.conftest import ServerThread
from tests.pdf_fixture import CHROMIUM

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium not installed (apt-get install chromium)")

TOKEN = "t-upload-0123456789"
ADMIN = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def upload_server(settings, built_index, two_issues, tmp_path_factory):
    """A server over a copy of the one-issue index, with the admin token (the embedding cache of
    ``two_issues`` already holds the PDF issue's vectors, so indexing it is quick)."""
    data = tmp_path_factory.mktemp("upload") / "data"
    shutil.copytree(settings.data_dir / "index", data / "index")
    shutil.copy(two_issues[0].data_dir / "embedding-cache.sqlite", data / "embedding-cache.sqlite")
    local = settings.model_copy(update={"data_dir": data, "admin_token": TOKEN})
    with ServerThread(create_app(local, service=AskService.from_settings(local), with_ui=False)) as srv:
        yield srv, local, two_issues[1]


def wait_for(srv, job_id: str, seconds: float = 300) -> dict:
    deadline = time.time() + seconds
    while time.time() < deadline:
        # a poll may wait while the server builds the new index generation beside other test workers
        job = httpx.get(f"{srv.url}/api/v1/admin/jobs/{job_id}", headers=ADMIN, timeout=60).json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.5)
    raise AssertionError(f"job {job_id} did not finish: {job}")


def test_upload_needs_the_token(upload_server):
    srv, _, pdf = upload_server
    files = {"file": (pdf.path.name, pdf.path.read_bytes(), "application/pdf")}
    for headers in ({}, {"Authorization": "Bearer wrong"}):
        refused = httpx.post(srv.url + "/api/v1/admin/issues", files=files, headers=headers)
        assert refused.status_code == 401 and "管理令牌" in refused.json()["error"]
    assert httpx.get(srv.url + "/api/v1/admin/jobs/" + "0" * 32).status_code == 401
    wrong_kind = httpx.post(srv.url + "/api/v1/admin/issues", headers=ADMIN,
                            files={"file": ("issue.docx", b"PK\x03\x04", "application/octet-stream")})
    assert wrong_kind.status_code == 422 and ".pdf" in wrong_kind.json()["error"]
    page = httpx.get(srv.url + "/admin")
    assert page.status_code == 200 and "上传新一期公报" in page.text and TOKEN not in page.text


def test_a_corrupt_pdf_fails_with_a_reason_and_leaves_the_index(upload_server):
    srv, local, _ = upload_server
    generation = (local.index_dir / "CURRENT").read_text()
    before = httpx.get(srv.url + "/api/v1/issues").json()
    broken = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog" + bytes(range(256)) * 40  # cut off: no xref, no trailer
    started = httpx.post(srv.url + "/api/v1/admin/issues", headers=ADMIN,
                         files={"file": ("gazette-2022-09.pdf", broken, "application/pdf")})
    assert started.status_code == 202 and started.json()["status"] == "queued"
    job = wait_for(srv, started.json()["id"])
    assert job["status"] == "failed" and "PDF 文件已损坏" in job["error"] and "索引未受影响" in job["error"]
    assert httpx.get(srv.url + "/api/v1/issues").json() == before
    assert (local.index_dir / "CURRENT").read_text() == generation


def test_an_uploaded_pdf_is_indexed_and_served(upload_server):
    srv, local, pdf = upload_server
    assert [i["issue_id"] for i in httpx.get(srv.url + "/api/v1/issues").json()] == ["2022-05"]
    started = httpx.post(srv.url + "/api/v1/admin/issues", headers=ADMIN,
                         files={"file": (pdf.path.name, pdf.path.read_bytes(), "application/pdf")})
    assert started.status_code == 202
    job = wait_for(srv, started.json()["id"])
    assert job["status"] == "done" and job["progress"] == 1.0, job
    assert job["issue_id"] == "2022-06" and job["documents"] == 5 and "2022年第6期" in job["message"]
    issues = httpx.get(srv.url + "/api/v1/issues").json()
    assert [(i["issue_id"], i["documents"]) for i in issues] == [("2022-05", 12), ("2022-06", 5)]
    body = {"question": "谁负责地下水压采的技术指导和监督", "filters": {"issue": "2022-06"}}
    answer = httpx.post(srv.url + "/api/v1/ask", json=body, timeout=60).json()
    c = answer["citations"][0]
    assert c["doc_number"] == "朔政办发〔2022〕127号" and c["page_source"] == "source"
    head = c["quote"].split("，")[0]
    assert c["page"] == pdf.printed_page_of(head)
    assert httpx.get(srv.url + "/files/2022-06.pdf").content == pdf.path.read_bytes()
