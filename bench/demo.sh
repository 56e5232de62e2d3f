#!/usr/bin/env bash
# make demo: replay a corpus on loopback through the real pipeline and serve the site.
# Usage: bench/demo.sh CORPUS LIMIT [SINCE]   (a separate database under data/demo;
# SINCE=YYYY-MM-DD starts the replay at that date)
set -euo pipefail
corpus=${1:-../shared/data/articles/baly2020/articles-2018-2020.jsonl.gz}
limit=${2:-3000}
since=${3:-}
port=${REPLAY_PORT:-8765}
if [ ! -e "$corpus" ]; then
  echo "demo: corpus $corpus not found; pass CORPUS=path/to/articles.jsonl[.gz]" >&2
  exit 2
fi
export NEWSPRISM_DATA_DIR=data/demo
export NEWSPRISM_ALLOW_HOSTS='["127.0.0.0/8"]'
export NEWSPRISM_PER_HOST_DELAY=0
np=.venv/bin/newsprism
mkdir -p data/demo
rm -f data/demo/replay-feeds.csv
$np replay "$corpus" --port "$port" --limit "$limit" ${since:+--since "$since"} --feeds-file data/demo/replay-feeds.csv &
replay_pid=$!
trap 'kill $replay_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do [ -s data/demo/replay-feeds.csv ] && break; sleep 1; done
$np init --replay-feeds data/demo/replay-feeds.csv
$np run
