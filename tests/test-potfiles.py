#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every source with user-visible strings marked for translation is listed
in po/POTFILES.in, and every listed file exists. Prints TAP."""
import os
import re
import sys

root = sys.argv[1]
listed = set()
with open(os.path.join(root, "po", "POTFILES.in")) as f:
    for line in f:
        line = line.strip()
        if line and not line.startswith("#"):
            listed.add(line)

marked = set()
patterns = {
    ".c": re.compile(r'\b(N?_|C_|NC_|ngettext)\s*\(\s*"|\bg_dn?gettext\s*\(\s*\w+\s*,\s*"'),
    ".ui": re.compile(r'translatable="yes"'),
    ".in": re.compile(r'.'),
    ".xml": re.compile(r'<summary>|<description>'),
}
for top in ("src", "ui", "data"):
    for dirpath, _, files in os.walk(os.path.join(root, top)):
        for name in files:
            path = os.path.relpath(os.path.join(dirpath, name), root)
            ext = os.path.splitext(name)[1]
            if ext not in patterns or "schema" in dirpath.split(os.sep)[-1:]:
                continue
            if ext == ".in" and not (name.endswith(".desktop.in") or name.endswith(".metainfo.xml.in")):
                continue
            if ext == ".xml" and not name.endswith(".gschema.xml"):
                continue
            with open(os.path.join(root, path), encoding="utf-8") as f:
                if patterns[ext].search(f.read()):
                    marked.add(path)

missing = sorted(marked - listed)
stale = sorted(p for p in listed if not os.path.exists(os.path.join(root, p)))
print("1..2")
print(("ok" if not missing else "not ok") + " 1 - every file with marked strings is in po/POTFILES.in")
for p in missing:
    print(f"# missing: {p}")
print(("ok" if not stale else "not ok") + " 2 - every file in po/POTFILES.in exists")
for p in stale:
    print(f"# no such file: {p}")
sys.exit(1 if missing or stale else 0)
