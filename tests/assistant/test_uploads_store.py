"""Upload jobs and file names: no folders, no dot files, the suffix kept; a job whose process ended is failed."""

from assistant.uploads import safe_filename


def test_names_are_tamed_and_keep_their_suffix():
    assert safe_filename("../../etc/passwd") == "passwd"
    assert safe_filename("..pdf") == "upload.pdf"
    assert safe_filename("C:\\公报\\2022 第6期.PDF") == "2022_第6期.pdf"
    assert safe_filename(".bashrc") == "bashrc"


def test_a_job_whose_process_ended_is_failed_not_left_running(tmp_path):
    import subprocess
    import sys

    from assistant.uploads import JobStore, UploadJob

    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    store = JobStore(tmp_path)
    store.save(UploadJob(id="a" * 32, filename="x.pdf", status="embedding", worker=int(ended.stdout)))
    job = store.get("a" * 32)
    assert job.status == "failed" and "重启" in job.error and store.get("a" * 32).status == "failed"
    store.save(UploadJob(id="b" * 32, filename="y.pdf", status="embedding"))  # this process: still running
    assert store.get("b" * 32).status == "embedding"
