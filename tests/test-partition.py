#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`cairn-cli simulate --partition K/N` then `cairn-cli merge`, pass after
pass while autowinners are decided (docs/PARTITIONS.md): the merged report
equals the single-machine report byte for byte. Over the sample journeys
and scenarios, the contract cases, a replayed log, generated populations,
and the autowinner cases in tests/partition/, with --threads 1 and 2 and
N = 1, 2, 3, 5. Prints TAP."""
import json
import os
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from test_util import case_args, tap  # noqa: E402

here = os.path.dirname(os.path.abspath(__file__))
top = os.path.dirname(here)
cli = os.environ.get("CAIRN_CLI") or sys.argv[1]
quick = os.environ.get("CAIRN_PARTITION_QUICK")


def single(args):
    run = subprocess.run([cli, "simulate"] + args, capture_output=True)
    return run.returncode, run.stdout, run.stderr


def partitioned(args, n, tmp):
    """The driver of docs/PARTITIONS.md: (status, report, stderr, passes)."""
    decisions = None
    for npass in range(1, 100):
        parts = []
        for k in range(n):
            out = os.path.join(tmp, f"part-{k}.json")
            extra = ["--decisions", decisions] if decisions else []
            run = subprocess.run([cli, "simulate"] + args + ["--partition", f"{k}/{n}", "--report", out] + extra,
                                 capture_output=True)
            if run.returncode != 0:
                return run.returncode, b"", run.stderr, npass
            parts.append(out)
        following = os.path.join(tmp, f"decisions-{npass}.json")
        # The merge takes the partial reports in any order.
        order = parts[::-1] if n % 2 else parts
        run = subprocess.run([cli, "merge", "--decisions", following] + order, capture_output=True)
        if run.returncode == 3:
            decisions = following
            continue
        return run.returncode, run.stdout, run.stderr, npass
    return 99, b"", b"too many passes", npass


def cases():
    data = os.path.join(top, "data")
    pairs = {
        "advanced-cross-sell": "advanced-cross-sell", "flight-add-ons": "flight-add-ons",
        "furniture-cross-sell": "furniture-cross-sell", "furniture-follow-up": "furniture-follow-up",
        "laptop-accessories": "laptop-accessories", "rent-a-car-reminder": "rent-a-car-reminder",
    }
    for journey, scenario in sorted(pairs.items()):
        yield f"sample {journey}", [os.path.join(data, "journeys", journey + ".json"),
                                    "--scenario", os.path.join(data, "scenarios", scenario + ".json"), "--trace"]
    yield "sample furniture-cross-sell crowd", [os.path.join(data, "journeys", "furniture-cross-sell.json"), "--scenario",
                                                os.path.join(data, "scenarios", "furniture-cross-sell-crowd.json"),
                                                "--trace=7"]
    yield "sample weekend-promotion", [os.path.join(data, "journeys", "weekend-promotion.json"), "--scenario",
                                       os.path.join(data, "scenarios", "furniture-cross-sell.json")]
    yield "sample advanced-cross-sell, --seed, --start, --end", [
        os.path.join(data, "journeys", "advanced-cross-sell.json"), "--scenario",
        os.path.join(data, "scenarios", "advanced-cross-sell.json"), "--seed", "99", "--start", "2026-11-03T00:00:00Z",
        "--end", "2026-11-12T12:00:00Z", "--trace=2"]
    replay = os.path.join(here, "partition", "replay-autowinner-goal")
    for seed in ("4", "6"):
        # Orders on the hour reach goals at the instant the autowinner is
        # decided, from users of several partitions: ordered by input sequence.
        yield f"replay-autowinner-goal, --seed {seed}, successes at the deciding instant", [
            os.path.join(replay, "journey.json"), "--events", os.path.join(replay, "events.jsonl"),
            "--profiles", os.path.join(replay, "profiles.jsonl"), "--seed", seed, "--trace=5"]
    yield "portfolio home", ["--portfolio", os.path.join(data, "portfolios", "home.json"), "--scenario",
                             os.path.join(data, "scenarios", "home-portfolio.json"), "--trace"]
    contract = os.path.join(here, "contract")
    for case in sorted(os.listdir(contract)):
        folder = os.path.join(contract, case)
        if not os.path.isdir(folder):
            continue
        with open(os.path.join(folder, "expect.json")) as f:
            expect = json.load(f)
        if expect.get("_exit", 0) != 0:
            continue
        args = case_args(folder)
        yield f"contract {case}", args + expect.get("_args", []) + ["--trace"]
    mine = os.path.join(here, "partition")
    for case in sorted(os.listdir(mine)):
        folder = os.path.join(mine, case)
        if not os.path.isdir(folder):
            continue
        args = case_args(folder)
        extra = []
        refuse = os.path.join(folder, "refuse.txt")
        if os.path.exists(refuse):
            with open(refuse) as f:
                lines = f.read().splitlines()
            since = int(lines[1].split()[1]) if len(lines) > 1 else 1
            extra = [f"refuse:{since}:{lines[0].strip()}"]
        if os.path.exists(os.path.join(folder, "args.json")):
            with open(os.path.join(folder, "args.json")) as f:
                extra = json.load(f)
        yield f"partition {case}", args + extra


only_names = set()


def refusals(tmp):
    """Partial reports that are not one run's, and wrong decisions: refused."""
    data = os.path.join(top, "data")
    a = [os.path.join(data, "journeys", "furniture-cross-sell.json"), "--scenario",
         os.path.join(data, "scenarios", "furniture-cross-sell.json")]
    b = [os.path.join(data, "journeys", "furniture-cross-sell.json"), "--scenario",
         os.path.join(data, "scenarios", "furniture-cross-sell-crowd.json")]
    files = {}
    for name, args, k in (("a0", a, 0), ("a1", a, 1), ("b1", b, 1)):
        files[name] = os.path.join(tmp, f"refusal-{name}.json")
        subprocess.run([cli, "simulate"] + args + ["--partition", f"{k}/2", "--report", files[name]], check=True)
    report = os.path.join(tmp, "refusal-report.json")
    with open(report, "wb") as f:
        f.write(single(a)[1])
    # A partial changed by hand, and one with a made-up shape: refused
    # before any member is read (no criticals, no report).
    changed = os.path.join(tmp, "refusal-changed.json")
    with open(files["a1"]) as f:
        text = f.read()
    with open(changed, "w") as f:
        f.write(text.replace('"partition":1,', '"partition":1,"x":0,', 1))
    shapeless = os.path.join(tmp, "refusal-shapeless.json")
    with open(shapeless, "w") as f:
        json.dump({"format": "cairn-partial-report", "version": 1, "partition": 0, "partitions": 1,
                   "journeys": [{}]}, f)
    decisions = os.path.join(tmp, "refusal-decisions.json")
    with open(decisions, "w") as f:
        json.dump({"format": "cairn-partition-decisions", "version": 1,
                   "decisions": [{"journey": 0, "node": "w1", "winner": "A", "at": 0}]}, f)
    problems = []
    for what, command, status, text in (
            ("one partial of two", ["merge", files["a0"]], 2, "2 partitions, 1 partial"),
            ("a partition twice", ["merge", files["a1"], files["a1"]], 2, "given twice"),
            ("partials of different runs", ["merge", files["a0"], files["b1"]], 2, "different runs"),
            ("a report", ["merge", report], 2, "not a partial report"),
            ("a partial changed by hand", ["merge", files["a0"], changed], 2, "changed after cairn-cli wrote it"),
            ("a partial of no known shape", ["merge", shapeless], 2, "changed after cairn-cli wrote it"),
            ("decisions of another journey", ["simulate"] + a + ["--partition", "0/2", "--decisions", decisions],
             1, "do not match the journey"),
            ("a partition out of range", ["simulate"] + a + ["--partition", "2/2"], 2, "--partition takes K/N")):
        run = subprocess.run([cli] + command, capture_output=True)
        if run.returncode != status or text not in run.stderr.decode() or "CRITICAL" in run.stderr.decode():
            problems.append(f"{what}: exit {run.returncode}, {run.stderr.decode().strip()}")
    return problems


def main():
    all_cases = list(cases())
    if len(sys.argv) > 2:
        all_cases = [c for c in all_cases if any(word in c[0] for word in sys.argv[2:])]
    partitions = [1, 2, 3, 5]
    threads = [1, 2]
    if quick:
        # The sanitizer build: fewer runs of the same cases.
        partitions = [1, 3]
        threads = [2]
    print(f"1..{len(all_cases) + 1}")
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for number, (name, args) in enumerate(all_cases, 1):
            problems = []
            passes = set()
            refuse = [a[7:] for a in args if a.startswith("refuse:")]
            args = [a for a in args if not a.startswith("refuse:")]
            for t in threads:
                status, want, err = single(args + ["--threads", str(t)])
                if status != 0:
                    problems.append(f"threads {t}: simulate exits {status}: {err.decode().strip()}")
                    continue
                for n in partitions:
                    got_status, got, got_err, npass = partitioned(args + ["--threads", str(t)], n, tmp)
                    passes.add(npass)
                    since, _, text = refuse[0].partition(":") if refuse else ("0", "", "")
                    if refuse and n >= int(since):
                        if got_status != 2 or text not in got_err.decode():
                            problems.append(f"threads {t}, N={n}: expected a refusal ({text}), got exit "
                                            f"{got_status}: {got_err.decode().strip()}")
                    elif got_status != 0:
                        problems.append(f"threads {t}, N={n}: exit {got_status}: {got_err.decode().strip()}")
                    elif got != want:
                        problems.append(f"threads {t}, N={n}: the merged report differs")
            failed += tap(number, name, problems, f"passes: {', '.join(map(str, sorted(passes)))}")
        failed += tap(len(all_cases) + 1, "merge refuses what is not one run's partial reports", refusals(tmp))
    sys.exit(1 if failed else 0)


main()
