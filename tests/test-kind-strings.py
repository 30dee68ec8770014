#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Node kinds carry their behaviour (issue 13, STYLE.md Layout): each kind's
`type` string appears in at most two C files under src/ (its registry row
and its category file), so nothing else decides by comparing type strings.
Prints TAP."""
import os
import re
import sys

root = sys.argv[1]
src = os.path.join(root, "src")
with open(os.path.join(src, "core", "cairn-registry.c"), encoding="utf-8") as f:
    types = re.findall(r'^  KIND0? \("([\w.]+)"', f.read(), re.M)
texts = {}
for folder, _, names in os.walk(src):
    for name in names:
        if name.endswith(".c"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                texts[os.path.relpath(os.path.join(folder, name), root)] = f.read()
# "exit" is also a goal member and a timeline step: only the other kinds
types = [t for t in types if t != "exit"]
print(f"1..{len(types) + 1}")
print(f"{'ok' if len(types) >= 20 else 'not ok'} 1 - the registry's rows are read ({len(types)})")
failed = 0
for n, kind in enumerate(types, 2):
    files = sorted(path for path, text in texts.items() if f'"{kind}"' in text)
    if len(files) <= 2:
        print(f"ok {n} - {kind}: {', '.join(files)}")
    else:
        failed += 1
        print(f"not ok {n} - {kind} is written in {len(files)} files: {', '.join(files)}")
sys.exit(1 if failed else 0)
