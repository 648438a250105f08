#!/usr/bin/env python3
"""Writes a synthetic OKR directory for okr's benchmark.

usage: gen_corpus.py OUT_DIR TEAMS PEOPLE QUARTERS

Each file holds 3 objectives x 3 key results x 6 check-ins (with confidence and
a note) and grades, like a busy organisation's real files. Deterministic (seed 42).
1000 teams + 10000 people over 1 quarter gives 11,000 files, about 99 MB.
"""
import datetime
import os
import random
import sys


def quarters_back(count):
    """The `count` quarters ending with 2026-Q4, oldest first."""
    out = []
    year, q = 2026, 4
    for _ in range(count):
        out.append((year, q))
        year, q = (year, q - 1) if q > 1 else (year - 1, 4)
    return list(reversed(out))


def file_text(rnd, quarter, start, head):
    lines = [f"quarter: {quarter}"] + head + ["objectives:"]
    for o in range(3):
        lines += [
            f"  - id: obj-{o}",
            f"    title: Improve outcome number {o} for our customers",
            "    key_results:",
        ]
        for k in range(3):
            base = rnd.randint(10, 500)
            target = base + rnd.choice([-1, 1]) * rnd.randint(5, 200)
            lines += [
                f"      - id: kr-{k}",
                f"        title: Move metric {k} from {base} to {target}",
                f"        baseline: {base}",
                f"        target: {target}",
                "        unit: events/week",
                "        checkins:",
            ]
            value = base
            for c in range(6):
                value += (target - base) * rnd.uniform(-0.05, 0.25)
                day = start + datetime.timedelta(days=14 * c + 3)
                lines += [
                    f"          - date: {day.isoformat()}",
                    f"            value: {value:.1f}",
                    f"            confidence: {rnd.randint(3, 9) / 10}",
                    "            note: steady progress, a few blockers cleared",
                ]
            lines.append(f"        grade: {rnd.randint(0, 10) / 10}")
    return "\n".join(lines) + "\n"


def main():
    out, teams, people, quarters = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    rnd = random.Random(42)
    for year, q in quarters_back(quarters):
        quarter = f"{year}-Q{q}"
        start = datetime.date(year, 3 * (q - 1) + 1, 1)
        folder = os.path.join(out, quarter)
        os.makedirs(os.path.join(folder, "teams"), exist_ok=True)
        os.makedirs(os.path.join(folder, "people"), exist_ok=True)
        for i in range(teams):
            with open(os.path.join(folder, "teams", f"team-{i}.yaml"), "w") as f:
                f.write(file_text(rnd, quarter, start, [f"team: team-{i}"]))
        for i in range(people):
            head = [f"person: person-{i}", f"team: team-{i % max(teams, 1)}"]
            with open(os.path.join(folder, "people", f"person-{i}.yaml"), "w") as f:
                f.write(file_text(rnd, quarter, start, head))


if __name__ == "__main__":
    main()
