#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`cairn-cli test` contract (DESIGN §8, §12 O5) on tests/contract/expectations-fail:
exit 1 on a failed expectation, last line "N passed, N failed", and the report's
failure object {"user","key","expected","actual"}. Prints TAP."""
import json, os, subprocess, sys
here = os.path.dirname(os.path.abspath(__file__))
cli = os.environ.get("CAIRN_CLI") or sys.argv[1]
case = os.path.join(here, "contract", "expectations-fail")
j, s = os.path.join(case, "journey.json"), os.path.join(case, "scenario.json")
print("1..3")
bad = 0
run = subprocess.run([cli, "test", j, "--scenario", s], capture_output=True, text=True)
out = (run.stdout + run.stderr).strip().splitlines()
ok = run.returncode == 1
print(("ok" if ok else "not ok") + f" 1 - test exits 1 on a failed expectation (got {run.returncode})"); bad += not ok
ok = bool(out) and any(l.strip() == "2 passed, 1 failed" for l in out[-2:])
print(("ok" if ok else "not ok") + " 2 - test ends with '2 passed, 1 failed'"); bad += not ok
rep = json.loads(subprocess.run([cli, "simulate", j, "--scenario", s], capture_output=True, text=True).stdout)
want = {"user": "u2", "key": "outcome", "expected": "completed", "actual": "exit_node"}
vals = [v for v in rep["expectations"].values() if isinstance(v, list)]
ok = any(want in v for v in vals) and all(len(v) == 1 for v in vals)
print(("ok" if ok else "not ok") + " 3 - report has exactly the failure " + json.dumps(want)); bad += not ok
sys.exit(1 if bad else 0)
