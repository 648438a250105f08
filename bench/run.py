#!/usr/bin/env python3
"""okr's benchmark, one command: `python3 bench/run.py`.

Builds the release binary and the parse-floor example (bench/parse_floor.rs),
generates its own corpora unless they are there already (bench/gen_corpus.py:
the large one, 1000 teams + 10000 people, 11,000 files, ~99 MB; the small one,
100 teams + 1000 people, 1,100 files; the years one, the small organisation
over 8 quarters, 8,800 files), then prints each figure of issues 16 and 25
next to its target (met / not met), the other main commands on the large
corpus, and `okr grade` with git history (bench/history.sh).

Wall time is the median of --runs runs; peak memory is the largest
`ru_maxrss` of those runs (each command measured from a Python process of its
own, since RUSAGE_CHILDREN is a maximum over every child waited for).

usage: bench/run.py [--corpus DIR] [--small DIR] [--years DIR] [--runs N] [--no-history]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
AS_OF = "2026-11-21"

MEASURE = """
import json, resource, subprocess, sys, time
cmd, runs = json.loads(sys.argv[1]), int(sys.argv[2])
times = []
for _ in range(runs):
    start = time.perf_counter()
    code = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    times.append(time.perf_counter() - start)
    if code not in (0, 1):
        sys.exit(f"exit status {code}")
print(json.dumps([times, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024]))
"""


def measure(cmd, runs):
    """(median seconds, min seconds, peak MiB) of `cmd`, or exits on failure."""
    out = subprocess.run([sys.executable, "-c", MEASURE, json.dumps(cmd), str(runs)],
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"{' '.join(cmd)}: FAILED {out.stderr.strip()[:300]}")
    times, peak = json.loads(out.stdout)
    return statistics.median(times), min(times), peak


def corpus(path, teams, people, quarters=1):
    if not os.path.isdir(os.path.join(path, "2026-Q4")):
        print(f"generating {path} …", flush=True)
        subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), path,
                        str(teams), str(people), str(quarters)], check=True)
    files = sum(len(f) for _, _, f in os.walk(path))
    size = sum(os.path.getsize(os.path.join(d, n)) for d, _, fs in os.walk(path) for n in fs)
    return files, size


def verdict(ok):
    return "met" if ok else "NOT MET"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default="/tmp/okr-bench-corpus")
    parser.add_argument("--small", default="/tmp/okr-bench-small")
    parser.add_argument("--years", default="/tmp/okr-bench-years")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-history", action="store_true")
    args = parser.parse_args()

    build = ["cargo", "build", "--release", "--locked", "--quiet"]
    subprocess.run(build + ["--bin", "okr", "--example", "parse_floor"], cwd=ROOT, check=True)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    okr = os.path.join(target, "release", "okr")
    floor = os.path.join(target, "release", "examples", "parse_floor")

    files, size = corpus(args.corpus, 1000, 10000)
    small_files, _ = corpus(args.small, 100, 1000)
    years_files, _ = corpus(args.years, 100, 1000, 8)
    load = os.getloadavg()[0]
    print(f"large corpus: {files} files, {size / 1e6:.0f} MB; small corpus: {small_files} files; "
          f"years corpus: {years_files} files (8 quarters); "
          f"{os.cpu_count()} cores, load {load:.2f}; {args.runs} runs each, median wall time")

    big = lambda *words: [okr, "--dir", args.corpus, *words]
    floor_t, _, floor_mem = measure([floor, args.corpus], args.runs)
    fast_t, _, _ = measure([floor, "--fast", args.corpus], args.runs)
    check_t, _, check_mem = measure(big("check"), args.runs)
    status_t, _, status_mem = measure(big("status", "--as-of", AS_OF), args.runs)
    small_t, _, _ = measure([okr, "--dir", args.small, "status", "--as-of", AS_OF], args.runs)
    python_t, _, _ = measure([sys.executable, os.path.join(HERE, "progress.py"), args.small,
                              "2026-Q4", AS_OF], args.runs)
    shipped_t, _, shipped_mem = measure([okr, "--dir", os.path.join(ROOT, "okrs"), "status"],
                                        max(args.runs, 21))
    # Issue 25: years of quarters. The same organisation with one quarter of
    # files (the small corpus) and with eight; one file checked, as pre-commit does.
    years = lambda *words: [okr, "--dir", args.years, *words]
    years_status_t, _, _ = measure(years("status", "--as-of", AS_OF), args.runs)
    years_check_t, _, _ = measure(years("check"), args.runs)
    one_file = os.path.join(args.years, "2026-Q4", "teams", "team-7.yaml")
    years_one_t, _, _ = measure(years("check", one_file), args.runs)

    rows = [
        ("parse floor (1 thread, serde_yaml → OkrFile)", f"{floor_t:.2f} s, {floor_mem:.0f} MiB", "-", ""),
        ("okr check, time / floor", f"{check_t:.2f} s = {check_t / floor_t:.2f}×",
         "≤ 0.55×", verdict(check_t <= 0.55 * floor_t)),
        ("fast-path floor (1 thread, okr's own parser)", f"{fast_t:.2f} s", "-", ""),
        ("okr check, time / fast-path floor", f"{check_t / fast_t:.2f}×", "(reported)", ""),
        ("okr check, peak memory", f"{check_mem:.0f} MiB", "≤ 64 MB",
         verdict(check_mem * 1.048576 <= 64)),
        ("okr status, time / check", f"{status_t:.2f} s = {status_t / check_t:.2f}×",
         "≤ 1.3×", verdict(status_t <= 1.3 * check_t)),
        ("okr status, peak memory", f"{status_mem:.0f} MiB", "(reported)", ""),
        ("Python+PyYAML(C) / okr status, 1,100 files",
         f"{python_t:.3f} s / {small_t:.3f} s = {python_t / small_t:.1f}×",
         "≥ 15×", verdict(python_t >= 15 * small_t)),
        ("okr status on the shipped okrs/", f"{shipped_t * 1000:.1f} ms, {shipped_mem:.0f} MiB",
         "< 15 ms", verdict(shipped_t < 0.015)),
        ("okr status, 8 quarters / 1 quarter",
         f"{years_status_t * 1000:.0f} ms / {small_t * 1000:.0f} ms = {years_status_t / small_t:.2f}×",
         "≤ 1.3×", verdict(years_status_t <= 1.3 * small_t)),
        ("okr check ONE-FILE / okr check, 8 quarters",
         f"{years_one_t * 1000:.0f} ms / {years_check_t * 1000:.0f} ms = {years_one_t / years_check_t:.2f}×",
         "≤ 0.5×", verdict(years_one_t <= 0.5 * years_check_t)),
    ]
    print()
    print(f"{'figure':46} {'measured':30} {'target':10} verdict")
    for label, measured, goal, ok in rows:
        print(f"{label:46} {measured:30} {goal:10} {ok}")

    print()
    others = [
        ["status", "--as-of", AS_OF, "--format", "json"],
        ["status", "person-42", "--as-of", AS_OF],
        ["grade", "--quarter", "2026-Q4", "--as-of", "2027-01-05"],
        ["grade", "--quarter", "2026-Q4", "--format", "json"],
        ["report", "--quarter", "2026-Q4", "--format", "html"],
    ]
    for words in others:
        median, fastest, peak = measure(big(*words), args.runs)
        label = "okr " + " ".join(words)
        print(f"{label:58} median {median:6.2f} s  min {fastest:6.2f} s  peak {peak:5.0f} MiB")
    if not args.no_history:
        print()
        subprocess.run(["bash", os.path.join(HERE, "history.sh"), "/tmp/okr-bench-history",
                        str(args.runs)], check=True)


if __name__ == "__main__":
    main()
