#!/usr/bin/env python3
"""Fails when a locked dependency declares a `rust-version` above ours.

Only one toolchain may be on the machine, so the MSRV is checked from the
lock itself: `cargo metadata` gives every locked package's declared
`rust_version`; none may be newer than the `rust-version` of this package.
"""
import json
import subprocess
import sys


def version(text):
    parts = [int(p) for p in text.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


def main():
    meta = json.loads(
        subprocess.run(
            ["cargo", "metadata", "--format-version", "1", "--locked"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    members = set(meta["workspace_members"])
    ours = [p for p in meta["packages"] if p["id"] in members]
    msrv = min(version(p["rust_version"]) for p in ours)
    too_new = [
        (p["name"], p["version"], p["rust_version"])
        for p in meta["packages"]
        if p["id"] not in members
        and p.get("rust_version")
        and version(p["rust_version"]) > msrv
    ]
    shown = ".".join(map(str, msrv))
    if too_new:
        for name, ver, rv in sorted(too_new):
            print(f"msrv: {name} {ver} needs Rust {rv}, above our rust-version {shown}")
        print("msrv: lock versions that fit, e.g. `cargo update -p NAME --precise VERSION`")
        return 1
    print(f"msrv: every locked dependency builds with Rust {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
