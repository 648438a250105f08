#!/usr/bin/env python3
"""The straightforward Python baseline of issue 16: the progress figures of
`okr status` (teams only), with PyYAML's C loader.

For every team file of the quarter: each key result's current value (its
latest check-in on or before AS_OF, else `current`), its progress
((current - baseline) / (target - baseline), clamped to 0..1), its score (the
grade when given, else the progress; none when dropped), each objective's
weighted mean and the team's mean. Every file is read and parsed, as okr does.

usage: bench/progress.py DIR QUARTER AS_OF
"""
import datetime
import os
import sys

import yaml


def key_result(kr, as_of):
    current = kr.get("current")
    dated = [c for c in kr.get("checkins") or [] if c["date"] <= as_of]
    if dated:
        current = max(dated, key=lambda c: c["date"])["value"]
    baseline, target = float(kr["baseline"]), float(kr["target"])
    span = target - baseline
    progress = 0.0
    if current is not None and span != 0:
        progress = min(1.0, max(0.0, (float(current) - baseline) / span))
    if kr.get("dropped"):
        return progress, None
    grade = kr.get("grade")
    return progress, (grade if grade is not None else progress)


def main():
    root, quarter, as_of = sys.argv[1], sys.argv[2], datetime.date.fromisoformat(sys.argv[3])
    files = []
    for folder, _, names in os.walk(root):
        files += [os.path.join(folder, n) for n in names if n.endswith(".yaml")]
    rows = []
    for path in sorted(files):
        with open(path, encoding="utf-8") as f:
            okr = yaml.load(f, Loader=yaml.CSafeLoader)
        if str(okr.get("quarter")) != quarter or "team" not in okr or "person" in okr:
            continue
        scores = []
        for objective in okr["objectives"]:
            pairs = []
            for kr in objective["key_results"]:
                _, score = key_result(kr, as_of)
                if score is not None:
                    pairs.append((score, float(kr.get("weight", 1.0))))
            weights = sum(w for _, w in pairs)
            if weights > 0:
                scores.append(sum(s * w for s, w in pairs) / weights)
        owner = sum(scores) / len(scores) if scores else None
        rows.append((okr["team"], owner))
    for team, score in rows:
        print(f"{team}\t{'-' if score is None else f'{score:.2f}'}")


if __name__ == "__main__":
    main()
