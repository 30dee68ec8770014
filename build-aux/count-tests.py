#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Counts one meson test run against the test programs meson knows.

Usage: count-tests.py TESTS.json SUITE TESTLOG.json
TESTS.json is `meson introspect BUILDDIR --tests`. Prints "LISTED PASSED
FAILED". Every program of SUITE counts once: as passed when its result in
the log is OK or EXPECTEDFAIL, as failed otherwise, and as failed when the
log does not have it at all (it did not run). Programs in the log that are
not of SUITE are not counted. Names of failed programs go to stderr."""
import json
import os
import sys


def in_suite(test, suite):
    return any(s == suite or s.endswith(":" + suite) for s in test.get("suite", []))


def count(tests_path, suite, log_path):
    listed = [t["name"] for t in json.load(open(tests_path)) if in_suite(t, suite)]
    results = {}
    if os.path.exists(log_path):
        for line in open(log_path):
            line = line.strip()
            if not line:
                continue
            try:
                r = json.loads(line)
            except ValueError:
                continue
            # meson writes "project:suite / name" in some versions, "name" in others
            name = (r.get("name") or "").split(" / ", 1)[-1].strip()
            results[name] = r.get("result")
    ok = bad = 0
    for name in listed:
        result = results.get(name)
        if result in ("OK", "EXPECTEDFAIL"):
            ok += 1
        else:
            bad += 1
            print("  %s: %s" % (name, result or "did not run"), file=sys.stderr)
    return len(listed), ok, bad


if __name__ == "__main__":
    print(*count(sys.argv[1], sys.argv[2], sys.argv[3]))
