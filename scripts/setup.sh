#!/usr/bin/env bash
# Set up mtcheck on a fresh machine: a virtual environment in .venv with every extra,
# and (when run as root on Debian) Chromium + CJK fonts for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
# torch first and pinned here (not in pyproject.toml): this release installs the CPU build;
# an unpinned torch would pull a multi-GB CUDA build.
.venv/bin/python -m pip install --quiet "torch==${MTCHECK_TORCH_VERSION:-2.13.0}"
.venv/bin/python -m pip install --quiet -e ".[models,embeddings,dev]"

if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing chromium and fonts for the browser tests" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk fonts-noto-core >/dev/null
fi
