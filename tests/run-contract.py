#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Contract tests: each folder under tests/contract/ holds a journey, a
scenario (or an events.jsonl log with optional profiles.jsonl) and the report values worked out by hand from DESIGN.md
(expect.json). The report from `cairn-cli simulate` must contain every
value given there: objects are compared on the keys given, lists exactly.
Prints TAP."""
import json
import os
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from test_util import case_args, tap  # noqa: E402

here = os.path.dirname(os.path.abspath(__file__))
cli = os.environ.get("CAIRN_CLI") or sys.argv[1]
root = os.path.join(here, "contract")


def diff(expected, actual, path, out):
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            out.append(f"{path}: expected an object, got {json.dumps(actual)}")
            return
        for key, value in expected.items():
            if key not in actual:
                out.append(f"{path}.{key}: missing")
            else:
                diff(value, actual[key], f"{path}.{key}", out)
    elif isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            out.append(f"{path}: expected {json.dumps(expected)}, got {json.dumps(actual)}")
            return
        for i, (e, a) in enumerate(zip(expected, actual)):
            diff(e, a, f"{path}[{i}]", out)
    else:
        same = expected == actual and type(expected) is type(actual) or (
            isinstance(expected, float) and isinstance(actual, float) and abs(expected - actual) < 1e-12)
        if not same:
            out.append(f"{path}: expected {json.dumps(expected)}, got {json.dumps(actual)}")


cases = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
print(f"1..{len(cases)}")
failed = 0
for n, case in enumerate(cases, 1):
    folder = os.path.join(root, case)
    with open(os.path.join(folder, "expect.json")) as f:
        expect = json.load(f)
    args = [cli, "simulate"] + case_args(folder)
    args += expect.pop("_args", [])
    run = subprocess.run(args, capture_output=True, text=True)
    problems = []
    want_status = expect.pop("_exit", 0)
    # "_order": {"channels": [...]} checks the key order of report objects
    order = expect.pop("_order", {})
    if run.returncode != want_status:
        problems.append(f"exit status {run.returncode}, expected {want_status}: {run.stderr.strip()}")
    elif want_status == 0:
        try:
            report = json.loads(run.stdout)
        except ValueError as e:
            problems.append(f"report is not JSON: {e}")
        else:
            diff(expect, report, "report", problems)
            for key, keys in order.items():
                if list(report.get(key, {}).keys()) != keys:
                    problems.append(f"report.{key}: key order {list(report.get(key, {}).keys())}, expected {keys}")
    failed += tap(n, case, problems)
sys.exit(1 if failed else 0)
