#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Bad input through cairn-cli validate and simulate: each gets exit status
2 and one clear message that names the file (and line:column where there
is one), never a crash or a hang. Prints TAP."""
import os
import subprocess
import sys
import tempfile

cli = os.environ.get("CAIRN_CLI") or sys.argv[1]
tmp = tempfile.mkdtemp(prefix="cairn-cli-input-")


def write(name, data):
    path = os.path.join(tmp, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


huge = os.path.join(tmp, "huge.json")
with open(huge, "wb") as f:
    f.truncate(300 * 1024 * 1024)   # sparse: nothing is written

cases = [
    ("missing file", os.path.join(tmp, "missing.json"), "missing.json: error: No such file"),
    ("directory", tmp, "is a directory"),
    ("NUL byte", write("nul.json", b'{"format": "cairn-journey",\n "id": "a\x00b"}'), "nul.json:2:10: error: the file contains a NUL byte"),
    ("invalid UTF-8", write("utf8.json", b'{"name": "\xff\xfe"}'), "utf8.json:1:11: error: invalid UTF-8"),
    ("deep nesting", write("deep.json", b"[" * 100000), "deep.json:1:257: error: nested more than 256 levels deep"),
    ("huge file", huge, "too large"),
    ("malformed JSON", write("bad.json", b'{\n  "format": "cairn-journey",\n  "nodes": [,]\n}'), "bad.json:3:13: error:"),
    ("empty file", write("empty.json", b""), "the file is empty"),
]

scenario = write("s.json", b'{"format": "cairn-scenario", "version": 1, "start": "2026-11-02T00:00:00Z", "end": "2026-11-03T00:00:00Z"}')
n = 0
failed = 0
print(f"1..{len(cases) * 2}")
for name, path, expected in cases:
    for command in (["validate", path], ["simulate", path, "--scenario", scenario]):
        n += 1
        try:
            run = subprocess.run([cli] + command, capture_output=True, text=True, timeout=60)
            ok = run.returncode == 2 and expected in run.stderr and "Traceback" not in run.stderr
            detail = f"exit {run.returncode}: {run.stderr.strip()}"
        except subprocess.TimeoutExpired:
            ok, detail = False, "timed out"
        print(f"{'ok' if ok else 'not ok'} {n} - {command[0]}: {name}")
        if not ok:
            failed += 1
            print(f"# expected exit 2 and “{expected}”; got {detail}")
os.remove(huge)
sys.exit(1 if failed else 0)
