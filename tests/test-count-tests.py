#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""build-aux/count-tests.py, which makes build-aux/test's closing line,
counts every program meson lists exactly once: a program that did not run
or was skipped is a failure, never silence. Prints TAP."""
import json
import os
import subprocess
import sys
import tempfile

root = sys.argv[1]
counter = os.path.join(root, "build-aux", "count-tests.py")
tests = []


def run(listed, log_lines, suite="core"):
    with tempfile.TemporaryDirectory() as tmp:
        tpath = os.path.join(tmp, "tests.json")
        with open(tpath, "w") as f:
            json.dump([{"name": n, "suite": ["cairn:" + s]} for n, s in listed], f)
        log = os.path.join(tmp, "testlog.json")
        if log_lines is not None:
            with open(log, "w") as f:
                for i, (name, result) in enumerate(log_lines):
                    # meson's "project:suite / name", and the bare name of other versions
                    full = "cairn:core / " + name if i % 2 == 0 else name
                    f.write(json.dumps({"name": full, "result": result}) + "\n")
        out = subprocess.run([sys.executable, counter, tpath, suite, log], capture_output=True, text=True)
        return tuple(int(x) for x in out.stdout.split()), out.stderr


def core(*names):
    return [(n, "core") for n in names]


got, _ = run(core("a", "b"), [("a", "OK"), ("b", "OK")])
tests.append(("all listed and passed", got == (2, 2, 0), got))
got, err = run(core("a", "b", "c"), [("a", "OK"), ("b", "OK")])
tests.append(("a listed program that did not run is failed", got == (3, 2, 1) and "c: did not run" in err, got))
got, _ = run(core("a", "b"), [("a", "SKIP"), ("b", "EXPECTEDFAIL")])
tests.append(("a skipped program is failed", got == (2, 1, 1), got))
got, _ = run(core("a", "b"), [("a", "FAIL"), ("b", "TIMEOUT"), ("x", "OK")])
tests.append(("failures count, unlisted programs do not", got == (2, 0, 2), got))
got, _ = run(core("a", "b", "c"), None)
tests.append(("no log at all: every listed program failed", got == (3, 0, 3), got))
got, _ = run(core("a") + [("w", "ui"), ("v", "ui")], [("w", "OK")], suite="ui")
tests.append(("only the programs of the suite are listed", got == (2, 1, 1), got))

script = open(os.path.join(root, "build-aux", "test")).read()
tests.append(("build-aux/test counts with count-tests.py, the ui suite included",
              "run_suite _build core" in script and "run_suite _build ui" in script
              and "run_suite _build-asan core" in script and "count-tests.py" in script
              and "grep -q" not in script, None))

print("1..%d" % len(tests))
for i, (name, ok, detail) in enumerate(tests, 1):
    print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
    if not ok:
        print("# got %r" % (detail,))
