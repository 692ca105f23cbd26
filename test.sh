#!/usr/bin/env bash
# Install the test dependencies (first run: a few minutes) and run the whole test suite.
# Extra arguments go to pytest, e.g. `bash test.sh tests/corpus -x`, or the fast tier alone:
# `bash test.sh -m "not real_model and not browser"`. Two worker processes (pytest-xdist; a
# file's tests in one worker, so its module fixtures are built once; `--dist loadgroup` does not
# group with pytest 9 here); GAZETTE_TEST_WORKERS=0 runs them in this process instead.
set -uo pipefail
cd "$(dirname "$0")"
bash scripts/install.sh --test || exit 1
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 ANONYMIZED_TELEMETRY=False GRADIO_ANALYTICS_ENABLED=False
workers=${GAZETTE_TEST_WORKERS:-2}
parallel=()
if [ "$workers" != 0 ]; then
  parallel=(-n "$workers" --dist loadfile)
fi
.venv/bin/python -m pytest "${parallel[@]}" "$@"
rc=$?
if [ $rc -eq 5 ]; then
  echo "没有运行任何测试 / no tests were collected" >&2
  exit 1
fi
exit $rc
