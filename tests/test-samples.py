#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs `cairn-cli test` on every sample scenario in data/scenarios/ with
its journey from data/journeys/: the expectations in the scenarios were
worked out by hand from DESIGN.md, so a failure is a disagreement between
the engine and the design (or a mistake in the sample). A scenario named
JOURNEY.json or JOURNEY-anything.json belongs to data/journeys/JOURNEY.json
(the longest such name); one named PORTFOLIO-portfolio.json belongs to
data/portfolios/PORTFOLIO.json (DESIGN §13), and the messages its
`portfolio_losses` list says the portfolio's cap suppresses must be exactly
those. Usage: test-samples.py [SOURCE_ROOT]; CAIRN_CLI
names the command line tool. Prints TAP."""
import glob
import json
import os
import subprocess
import sys

root = (sys.argv[1] if len(sys.argv) > 1 else os.environ.get("CAIRN_SOURCE_ROOT")
        or os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
cli = os.environ.get("CAIRN_CLI")
journeys = {os.path.basename(p)[:-5]: p for p in glob.glob(os.path.join(root, "data", "journeys", "*.json"))}
scenarios = sorted(glob.glob(os.path.join(root, "data", "scenarios", "*.json")))


def journey_for(scenario):
    stem = os.path.basename(scenario)[:-5]
    portfolio = os.path.join(root, "data", "portfolios", stem[:-len("-portfolio")] + ".json")
    if stem.endswith("-portfolio") and os.path.exists(portfolio):
        return portfolio
    names = [n for n in journeys if stem == n or stem.startswith(n + "-")]
    return journeys[max(names, key=len)] if names else None


print(f"1..{len(scenarios)}")
failed = 0
for n, scenario in enumerate(scenarios, 1):
    name = os.path.relpath(scenario, root)
    journey = journey_for(scenario)
    if journey is None:
        print(f"not ok {n} - {name}: no journey")
        failed += 1
        continue
    if not cli:
        print(f"ok {n} - {name} # SKIP CAIRN_CLI not set")
        continue
    is_portfolio = os.path.basename(os.path.dirname(journey)) == "portfolios"
    run = subprocess.run([cli, "test", *(["--portfolio"] if is_portfolio else []), journey, "--scenario", scenario],
                         capture_output=True, text=True, timeout=300)
    if is_portfolio and run.returncode == 0:
        # Who loses which message to the portfolio's cap: [journey, user, node, time].
        with open(scenario, encoding="utf-8") as f:
            wanted = sorted(json.load(f).get("portfolio_losses", []))
        report = json.loads(subprocess.run([cli, "simulate", "--portfolio", journey, "--scenario", scenario],
                                           capture_output=True, text=True, timeout=300).stdout)
        lost = sorted([j, p["id"], t["node"], t["time"]] for j, body in report["journeys"].items()
                      for p in body["people"] for t in p["timeline"] if t["detail"] == "portfolio_capped")
        if lost != wanted:
            run = subprocess.CompletedProcess(run.args, 1, f"portfolio_capped: expected {wanted}, got {lost}\n", "")
    if run.returncode == 2 and "not built" in run.stderr:
        print(f"ok {n} - {name} # SKIP {run.stderr.strip()}")
        continue
    ok = run.returncode == 0
    print(f"{'ok' if ok else 'not ok'} {n} - {name} with {os.path.relpath(journey, root)}")
    if not ok:
        failed += 1
        for line in (run.stdout + run.stderr).splitlines()[:40]:
            print(f"# {line}")
sys.exit(1 if failed else 0)
