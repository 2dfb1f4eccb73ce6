#!/usr/bin/env bash
# Measure issue 14's rows on the base commit and on the working tree, side by
# side (base then working tree for each group), then print the README table.
#
#   bash bench/issue14.sh                 # base d3f9047 and the working tree (~15-25 min)
#   SKIP_BASE=1 bash bench/issue14.sh     # the working tree only (the base JSON is kept)
#   ONLY="quick large" bash bench/issue14.sh
#
# Groups: quick (every row, scaled down), large (the large-folder rows on the
# whole folder), core10k (core query p95 at 10,000 synthetic entries).
# Results: bench/results-14/{base,main}-GROUP.json; the table: python -m bench.compare.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-python}
base=${BASE:-d3f9047}
out=$root/bench/results-14
mkdir -p "$out"
declare -A args=(
    [quick]="--quick"
    [large]="--quick --only large --large-pages 0"
    [core10k]="--quick --only core --sizes 10000"
)
snap=""
if [ -z "${SKIP_BASE:-}" ]; then
    snap=$(mktemp -d)
    mkdir -p "$snap/snapshot"
    git -C "$root" archive "$base" src content | tar -x -C "$snap/snapshot"
    (cd "$root" && "$python" -m bench.common layout "$snap/snapshot")  # as the wheel installs it
    "$python" -m compileall -q "$snap/snapshot/src"
fi
for group in ${ONLY:-quick large core10k}; do
    if [ -n "$snap" ]; then
        echo "== $group: base $base"
        # shellcheck disable=SC2086
        "$python" "$root/bench/run.py" --code "$snap/snapshot" ${args[$group]} \
            --out "$out/base-$group.json" > "$out/base-$group.txt" 2> "$out/base-$group.log"
    fi
    echo "== $group: working tree"
    # shellcheck disable=SC2086
    "$python" "$root/bench/run.py" ${args[$group]} --out "$out/main-$group.json" \
        > "$out/main-$group.txt" 2> "$out/main-$group.log"
done
[ -n "$snap" ] && rm -rf "$snap"
cd "$root" && "$python" -m bench.compare --base "$base" "$out"
