"""Bad input: every case gives a clear message or a documented fallback, never a traceback."""

import json
import subprocess
import sys

import pytest

from corpus.parse import SAMPLE_ISSUE, parse_issue, read_issue
from corpus.sources import SourceError

TEXT = SAMPLE_ISSUE.read_text("utf-8")


def test_gb18030_is_detected_and_decoded(tmp_path):
    path = tmp_path / "issue-gb.txt"
    path.write_bytes(TEXT.encode("gb18030"))
    src = read_issue(path)
    assert src.encoding == "gb18030"
    parsed = parse_issue(path)
    assert len(parsed.documents) == 12
    assert parsed.documents[7].doc_number == "朔政办发〔2022〕27号"


def test_utf8_bom_and_crlf(tmp_path):
    path = tmp_path / "issue-bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + TEXT.replace("\n", "\r\n").encode("utf-8"))
    parsed = parse_issue(path)
    assert len(parsed.documents) == 12


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(SourceError, match="为空"):
        read_issue(path)


def test_binary_file(tmp_path):
    path = tmp_path / "bin.txt"
    path.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(SourceError):
        parse_issue(path)


def test_missing_file(tmp_path):
    with pytest.raises(SourceError, match="找不到"):
        read_issue(tmp_path / "nope.txt")


def test_no_toc_gives_one_document_with_null_pages(tmp_path):
    body = TEXT[TEXT.index("朔州市人民政府办公室 关于印发朔州市地下水超采综合治理"):
                TEXT.index("朔州市人民政府办公室 关于成立应县至繁峙")]
    path = tmp_path / "no-toc-2022-06.txt"
    path.write_text(body, "utf-8")
    parsed = parse_issue(path)
    assert len(parsed.documents) == 1
    assert parsed.documents[0].doc_number == "朔政办发〔2022〕27号"
    assert all(c.page is None for c in parsed.chunks)
    assert parsed.warnings and "目录" in parsed.warnings[0]
    assert any("市水利局负责对各县" in c.text for c in parsed.chunks)


def test_truncated_file_keeps_the_documents_it_has(tmp_path):
    cut = TEXT.index("朔州市人民政府办公室 关于深入推进公平竞争审查制度的通知")
    path = tmp_path / "truncated.txt"
    path.write_text(TEXT[:cut + 200], "utf-8")
    manifest = {"title": "朔州市人民政府公报", "year": 2022, "issue": "第5期"}
    (tmp_path / "truncated.json").write_text(json.dumps(manifest), "utf-8")
    parsed = parse_issue(path)
    numbers = [d.doc_number for d in parsed.documents]
    assert numbers[-1] == "朔政办函〔2022〕78号" and len(numbers) == 10
    assert any("截断" in w or "未找到" in w for w in parsed.warnings)
    last = parsed.documents[-1]
    assert last.start_page == 129 and last.end_page >= 129


def test_cli_reports_bad_file_without_traceback(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    proc = subprocess.run([sys.executable, "-m", "assistant.cli", "corpus", str(path)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "为空" in proc.stderr and "Traceback" not in proc.stderr
