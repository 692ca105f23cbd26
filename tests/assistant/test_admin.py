"""The admin operations over real HTTP: absent without a token, closed without the right one,
and an ingest of a new issue that the API answers from at once."""

import shutil

import httpx

from assistant.api import create_app
from assistant.service import AskService
from corpus.parse import SAMPLE_ISSUE
from tests.conftest import ServerThread
from tests.embeddings.test_index import _second_issue

TOKEN = "t-0123456789"


def test_admin_paths_do_not_exist_without_a_token(server):
    assert httpx.get(server.url + "/api/v1/admin/feedback").status_code == 404


def test_token_feedback_export_and_ingest_of_a_new_issue(settings, built_index, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in (SAMPLE_ISSUE, SAMPLE_ISSUE.with_suffix(".json")):
        shutil.copy(path, corpus / path.name)
    data = tmp_path / "data"
    shutil.copytree(settings.data_dir / "index", data / "index")
    shutil.copy(settings.data_dir / "embedding-cache.sqlite", data / "embedding-cache.sqlite")
    local = settings.model_copy(update={"data_dir": data, "corpus_dir": corpus, "admin_token": TOKEN})
    with ServerThread(create_app(local, service=AskService.from_settings(local), with_ui=False)) as srv:
        admin = {"Authorization": f"Bearer {TOKEN}"}
        assert httpx.get(srv.url + "/api/v1/admin/feedback").status_code == 401
        wrong = {"Authorization": "Bearer wrong"}
        assert httpx.get(srv.url + "/api/v1/admin/feedback", headers=wrong).status_code == 401
        httpx.post(srv.url + "/api/v1/feedback",
                   json={"question": "q", "answer": "a", "verdict": "down", "comment": "c"})
        exported = httpx.get(srv.url + "/api/v1/admin/feedback", headers=admin).json()
        assert exported[0]["verdict"] == "down" and exported[0]["comment"] == "c"

        before = httpx.get(srv.url + "/api/v1/documents").json()
        _second_issue(corpus)
        report = httpx.post(srv.url + "/api/v1/admin/ingest", headers=admin, timeout=600).json()
        assert report["changed"] and "2022-06" in report["issues"] and report["new_embeddings"] < 40
        after = httpx.get(srv.url + "/api/v1/documents").json()  # answered from the new index
        assert len(after) == len(before) + 1 and "朔政办发〔2022〕27号" in {d["doc_number"] for d in after}
