#!/usr/bin/env bash
# okr's history benchmark: how much reading git history adds to `okr grade`.
#
# Builds (once) a repository of the stress corpus (bench/gen_corpus.py: 1000
# teams + 10000 people, 11,000 files, ~99 MB) committed before 2026-Q4, then a
# quarter of weekly commits: 13 commits, each adding a check-in to every team
# file (1,000 files a week, every file `okr grade` shows), and in 10 of them
# moving a target after the planning weeks. Then times `okr grade` in the
# repository (history read) against the same files copied outside git.
#
# usage: bench/history.sh [DIR] [RUNS]     (default /tmp/okr-bench-history, 5)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
dir=${1:-/tmp/okr-bench-history}
runs=${2:-5}

target=${CARGO_TARGET_DIR:-$root/target}
(cd "$root" && cargo build --release --locked --quiet)
okr=$target/release/okr

git_() {
    git -C "$dir/repo" -c user.name=bench -c user.email=bench@example.com \
        -c commit.gpgsign=false "$@"
}

commit_at() {
    git_ add -A
    GIT_AUTHOR_DATE="$1T12:00:00+00:00" GIT_COMMITTER_DATE="$1T12:00:00+00:00" \
        git_ commit -q -m "week of $1"
}

if [ ! -f "$dir/repo/.built" ]; then
    echo "building the repository in $dir/repo …"
    rm -rf "$dir"
    mkdir -p "$dir/repo"
    git -C "$dir/repo" init -q
    python3 "$here/gen_corpus.py" "$dir/repo/okrs" 1000 10000 1
    commit_at 2026-09-28
    for week in $(seq 0 12); do
        day=$(python3 -c "import datetime as d; print(d.date(2026,10,5)+d.timedelta(weeks=$week))")
        python3 - "$dir/repo/okrs/2026-Q4/teams" "$week" <<'PY'
import datetime, os, sys
folder, week = sys.argv[1], int(sys.argv[2])
checkin_day = datetime.date(2026, 10, 6) + datetime.timedelta(weeks=week)
for name in sorted(os.listdir(folder)):
    i = int(name.split("-")[1].split(".")[0])
    path = os.path.join(folder, name)
    lines = open(path).read().split("\n")
    # A check-in for kr-0 of obj-0, after its last one (what `okr checkin` writes).
    at = next(n for n, l in enumerate(lines) if l.strip().startswith("grade:"))
    lines[at:at] = [
        f"          - date: {checkin_day.isoformat()}",
        f"            value: {100 + week + i % 7}",
        "            confidence: 0.6",
        "            note: weekly number from the dashboard",
    ]
    # Ten teams a week move a target once the planning weeks are over.
    if week >= 2 and i % 100 == week:
        t = next(n for n, l in enumerate(lines) if l.strip().startswith("target:"))
        value = float(lines[t].split(":")[1])
        lines[t] = f"        target: {value + 1:g}"
    open(path, "w").write("\n".join(lines))
PY
        commit_at "$day"
    done
    rm -rf "$dir/copy"
    mkdir -p "$dir/copy"
    cp -r "$dir/repo/okrs" "$dir/copy/okrs"
    touch "$dir/repo/.built"
fi

files=$(find "$dir/repo/okrs" -name '*.yaml' | wc -l)
commits=$(git -C "$dir/repo" rev-list --count HEAD)
echo "corpus: $files files, $commits commits; $(nproc) cores; $runs runs each"

# Median wall time and peak memory of `okr ARGS`, from `/usr/bin/time`.
measure() {
    local label=$1; shift
    local times=() peak=0
    for _ in $(seq "$runs"); do
        /usr/bin/time -f '%e %M' -o "$dir/time.txt" "$okr" "$@" >/dev/null 2>"$dir/stderr.txt" || true
        read -r seconds kib <"$dir/time.txt"
        times+=("$seconds")
        [ "$kib" -gt "$peak" ] && peak=$kib
    done
    local median
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
    printf '%-44s %6.2f s  %5d MiB\n' "$label" "$median" $((peak / 1024))
}

args=(grade --quarter 2026-Q4 --as-of 2027-01-05 --format json)
measure "okr grade, outside git (no history)" --dir "$dir/copy/okrs" "${args[@]}"
measure "okr grade, in the repository (history)" --dir "$dir/repo/okrs" "${args[@]}"
changes=$("$okr" --dir "$dir/repo/okrs" "${args[@]}" 2>/dev/null | grep -c '"direction"' || true)
echo "goal-post changes reported: $changes"
