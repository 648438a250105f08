#!/usr/bin/env python3
"""okr's benchmark: builds the release binary, generates the stress corpus
(1000 teams + 10000 people, one quarter: 11,000 files, ~99 MB) unless it is
there already, and reports wall time and peak memory of the main commands.

usage: bench/run.py [--corpus DIR] [--runs N]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


# Peak RSS of children is a maximum over every child waited for, so each
# command is measured from a fresh Python process of its own.
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default="/tmp/okr-bench-corpus")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    subprocess.run(["cargo", "build", "--release", "--locked", "--quiet"], cwd=ROOT, check=True)
    okr = os.path.join(ROOT, "target", "release", "okr")
    if not os.path.isdir(os.path.join(args.corpus, "2026-Q4")):
        print(f"generating corpus in {args.corpus} …", flush=True)
        subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), args.corpus, "1000", "10000", "1"], check=True)
    files = sum(len(f) for _, _, f in os.walk(args.corpus))
    size = sum(os.path.getsize(os.path.join(d, n)) for d, _, fs in os.walk(args.corpus) for n in fs)
    print(f"corpus: {files} files, {size / 1e6:.0f} MB; {os.cpu_count()} cores; {args.runs} runs each")
    commands = [
        ["check"],
        ["status", "--as-of", "2026-11-21", "--format", "json"],
        ["status", "--as-of", "2026-11-21"],
        ["status", "person-42", "--as-of", "2026-11-21"],
        ["grade", "--quarter", "2026-Q4", "--format", "json"],
    ]
    for words in commands:
        cmd = [okr, "--dir", args.corpus] + words
        out = subprocess.run([sys.executable, "-c", MEASURE, json.dumps(cmd), str(args.runs)],
                             capture_output=True, text=True)
        label = "okr " + " ".join(words)
        if out.returncode != 0:
            print(f"{label:50} FAILED {out.stderr.strip()[:200]}")
            continue
        times, peak = json.loads(out.stdout)
        print(f"{label:50} median {statistics.median(times):6.2f} s  "
              f"min {min(times):6.2f} s  peak RSS {peak:6.0f} MiB")


if __name__ == "__main__":
    main()
