#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""DESIGN §13 PF7 on the contract cases: for every case under
tests/contract/ that runs (exit 0) and where no draw decides anything
(every engagement probability 0 or 1, no split with two weighted variants),
a portfolio of that one journey without a cap gives, in
journeys.<id>, the single run's report (with --trace) but for the
portfolio_capped keys. CAIRN_CLI names the command line tool. Prints TAP."""
import glob
import json
import os
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
cli = os.environ.get("CAIRN_CLI") or sys.argv[1]


def draws_decide(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("deliver", "open", "click", "probability") and isinstance(value, (int, float)) \
                    and not isinstance(value, bool) and value not in (0, 1):
                return True
            if key == "variants" and isinstance(value, list) \
                    and sum(1 for v in value if isinstance(v, dict) and (v.get("weight") or 0) > 0) > 1:
                return True
            if draws_decide(value):
                return True
    elif isinstance(node, list):
        return any(draws_decide(v) for v in node)
    return False


def load_lines(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


cases = []
for folder in sorted(glob.glob(os.path.join(here, "contract", "*", ""))):
    with open(os.path.join(folder, "expect.json"), encoding="utf-8") as f:
        expect = json.load(f)
    if expect.get("_exit", 0) != 0:
        continue
    journey = os.path.join(folder, "journey.json")
    documents = [json.load(open(journey, encoding="utf-8"))]
    if os.path.exists(os.path.join(folder, "events.jsonl")):
        args = ["--events", os.path.join(folder, "events.jsonl")]
        if os.path.exists(os.path.join(folder, "profiles.jsonl")):
            args += ["--profiles", os.path.join(folder, "profiles.jsonl")]
            documents.append(load_lines(os.path.join(folder, "profiles.jsonl")))
    else:
        args = ["--scenario", os.path.join(folder, "scenario.json")]
        documents.append(json.load(open(os.path.join(folder, "scenario.json"), encoding="utf-8")))
    if any(draws_decide(d) for d in documents):
        continue
    cases.append((os.path.basename(os.path.dirname(folder)), journey, args + expect.get("_args", []) + ["--trace"]))

print(f"1..{len(cases)}")
failed = 0
with tempfile.TemporaryDirectory() as tmp:
    for n, (name, journey, args) in enumerate(cases, 1):
        portfolio = os.path.join(tmp, name + ".json")
        with open(portfolio, "w", encoding="utf-8") as f:
            json.dump({"format": "cairn-portfolio", "version": 1, "id": "p", "journeys": [journey]}, f)
        single = subprocess.run([cli, "simulate", journey, *args], capture_output=True, text=True)
        together = subprocess.run([cli, "simulate", "--portfolio", portfolio, *args], capture_output=True, text=True)
        problem = ""
        if single.returncode != 0 or together.returncode != 0:
            problem = f"exit {single.returncode} / {together.returncode}: {together.stderr}"
        else:
            expected = json.loads(single.stdout)
            body = json.loads(together.stdout)["journeys"][expected["journey"]]
            for channel in body["channels"].values():
                if channel.pop("portfolio_capped", None) != 0:
                    problem = "portfolio_capped is not 0"
            if body != expected:
                problem = "the body differs from the single run's report"
        print(f"{'not ok' if problem else 'ok'} {n} - {name}")
        if problem:
            failed += 1
            print(f"# {problem}")
sys.exit(1 if failed else 0)
