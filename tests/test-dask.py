#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""tools/cairn-dask on a local Dask cluster of 3 worker processes: the report
equals the single-machine report byte for byte, on a replayed log and on a
generated population, both with autowinner splits decided by users of
several partitions (so with several passes); and on a cluster started
beforehand, given with --scheduler. Prints TAP."""
import os
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from test_util import tap  # noqa: E402

here = os.path.dirname(os.path.abspath(__file__))
top = os.path.dirname(here)
cli = os.environ.get("CAIRN_CLI") or sys.argv[1]
tool = os.path.join(top, "tools", "cairn-dask")
cases = os.path.join(here, "partition")

runs = [
    ("replayed log, autowinner on goal rate", [
        os.path.join(cases, "replay-autowinner-goal", "journey.json"),
        "--events", os.path.join(cases, "replay-autowinner-goal", "events.jsonl"),
        "--profiles", os.path.join(cases, "replay-autowinner-goal", "profiles.jsonl"), "--trace=20"]),
    ("generated population, two autowinners after wait.until_time", [
        os.path.join(cases, "autowinner-until-time", "journey.json"),
        "--scenario", os.path.join(cases, "autowinner-until-time", "scenario.json"), "--trace=12"]),
]

# A cluster of our own, given with --scheduler.
CLUSTER = '''
import logging, sys
from dask.distributed import LocalCluster
if __name__ == "__main__":
    cluster = LocalCluster(n_workers=3, threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=None, silence_logs=logging.ERROR)
    print(cluster.scheduler_address, flush=True)
    sys.stdin.read()
    cluster.close()
'''
runs.append(("a running cluster given with --scheduler, a log with a portfolio", [
    os.path.join(cases, "portfolio-autowinners", "journey.json"),
    "--events", os.path.join(cases, "portfolio-autowinners", "events.jsonl"),
    "--profiles", os.path.join(cases, "portfolio-autowinners", "profiles.jsonl"), "--trace=10", "--scheduler"]))


def python_with_dask():
    for python in (sys.executable, "/usr/bin/python3"):
        if subprocess.run([python, "-c", "import distributed"], capture_output=True).returncode == 0:
            return python
    return sys.executable


print(f"1..{len(runs)}")
failed = 0
for number, (name, args) in enumerate(runs, 1):
    cluster = None
    if args[-1] == "--scheduler":
        script = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"cairn-dask-cluster-{os.getpid()}.py")
        with open(script, "w") as f:
            f.write(CLUSTER)
        cluster = subprocess.Popen([python_with_dask(), script], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        address = cluster.stdout.readline().decode().strip()
        os.unlink(script)
        args = args + [address]
    single = subprocess.run([cli, "simulate"] + [a for a in args if a != "--scheduler" and not a.startswith("tcp:")],
                            capture_output=True)
    started = time.monotonic()
    env = dict(os.environ, CAIRN_CLI=cli)
    dask = subprocess.run([tool] + args + ["--partitions", "3"], capture_output=True, env=env)
    if cluster is not None:
        cluster.stdin.close()
        cluster.wait(timeout=60)
    seconds = time.monotonic() - started
    problems = []
    if single.returncode != 0:
        problems.append(f"simulate exits {single.returncode}: {single.stderr.decode().strip()}")
    elif dask.returncode != 0:
        problems.append(f"cairn-dask exits {dask.returncode}: {dask.stderr.decode().strip()[-2000:]}")
    elif dask.stdout != single.stdout:
        problems.append("the report of cairn-dask differs from the single-machine report")
    failed += tap(number, name, problems, f"{seconds:.1f} s")
sys.exit(1 if failed else 0)
