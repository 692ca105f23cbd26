#!/usr/bin/env bash
# 公报问答: install what is missing, build the index from the shipped gazette if there is
# none, and serve the chat page, REST API and widget on http://127.0.0.1:7860/
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/install.sh
exec .venv/bin/gazette serve "$@"
