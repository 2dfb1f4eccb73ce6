#!/usr/bin/env bash
# Measure some commits one after the other with the same benchmark (the
# before/after tables of bench/README.md).
#
#   bash bench/experiments/commit_series.sh OUTDIR "--only startup,core --sizes 10000" COMMIT...
#
# For each COMMIT, src/ and content/ are taken from git (git archive) into a
# temporary snapshot and measured with `bench/run.py --code`; the benchmark
# itself is the working tree's bench/. Results: OUTDIR/COMMIT.json.
set -euo pipefail
out=$1; args=$2; shift 2
root=$(cd "$(dirname "$0")/../.." && pwd)
python=${PYTHON:-python}
mkdir -p "$out"
for commit in "$@"; do
    tmp=$(mktemp -d)
    mkdir -p "$tmp/snapshot"
    git -C "$root" archive "$commit" src content | tar -x -C "$tmp/snapshot"
    (cd "$root" && "$python" -m bench.common layout "$tmp/snapshot")  # as the wheel installs it
    "$python" -m compileall -q "$tmp/snapshot/src"
    # shellcheck disable=SC2086
    "$python" "$root/bench/run.py" --code "$tmp/snapshot" $args --out "$out/$commit.json" \
        > "$out/$commit.txt" 2> "$out/$commit.log"
    rm -rf "$tmp"
    echo "$commit done"
done
