"""The REST API against its own OpenAPI document: the committed copy, the methods, and a
schemathesis run over real HTTP (every operation, every check, a fixed seed)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"
CONFIG = Path(__file__).resolve().with_name("schemathesis.toml")
# Generated examples an operation (besides schemathesis' coverage phase, which runs whatever this says):
# every operation still gets every check. 30 instead of 100 takes 23 s instead of 40 s on 2 cores;
# set GAZETTE_TEST_SCHEMATHESIS_EXAMPLES=100 (or more) for a deeper run after changing the API.
EXAMPLES = os.environ.get("GAZETTE_TEST_SCHEMATHESIS_EXAMPLES", "30")


def test_served_schema_is_the_committed_one(server):
    served = httpx.get(f"{server.url}/openapi.json").json()
    assert served == json.loads(DOCUMENT.read_text("utf-8")), \
        "the API changed: refresh the committed copy with `gazette openapi --out docs/openapi.json`"


def test_every_operation_declares_its_errors():
    paths = json.loads(DOCUMENT.read_text("utf-8"))["paths"]
    ask = paths["/api/v1/ask"]["post"]["responses"]
    assert {"200", "400", "403", "413", "422", "429", "503"} <= set(ask)
    assert ask["400"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody")
    stream = paths["/api/v1/ask/stream"]["post"]["responses"]["200"]["content"]
    assert list(stream) == ["text/event-stream"]
    assert stream["text/event-stream"]["schema"]["properties"]["event"]["enum"] == ["delta", "reset", "answer", "error"]
    assert "404" in paths["/api/v1/documents/{doc_number}"]["get"]["responses"]
    chat = paths["/v1/chat/completions"]["post"]["responses"]
    assert {"application/json", "text/event-stream"} <= set(chat["200"]["content"]) and "401" in chat


@pytest.mark.parametrize("method, path, allow", [
    ("TRACE", "/api/v1/ask", "POST"), ("GET", "/api/ask", "POST"), ("DELETE", "/api/v1/documents/x", "GET"),
    ("PUT", "/healthz", "GET"),
])
def test_other_methods_get_405_with_allow(server, method, path, allow):
    r = httpx.request(method, f"{server.url}{path}")
    assert r.status_code == 405 and r.headers["allow"] == allow
    assert r.json() == {"error": f"该接口不支持 {method} 方法", "status": 405}


def test_unversioned_paths_are_aliases(server):
    v1 = httpx.get(f"{server.url}/api/v1/documents/朔政办发〔2022〕27号").json()
    assert httpx.get(f"{server.url}/api/documents/朔政办发〔2022〕27号").json() == v1
    assert v1["start_page"] == 122


def test_schemathesis_finds_no_failure(server, tmp_path):
    cli = Path(sys.executable).with_name("schemathesis")
    run = subprocess.run(
        [str(cli), "--config-file", str(CONFIG), "run", f"{server.url}/openapi.json",
         "--checks", "all", "--max-examples", EXAMPLES,
         "--seed", "20261129", "--no-color", "--request-timeout", "30"],
        cwd=tmp_path, capture_output=True, text=True, timeout=600)
    summary = run.stdout[-3000:]
    assert run.returncode == 0, summary
    assert " passed" in summary and "failures" not in summary.split("Test cases:")[-1]
