#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Metamorphic tests of the engine (issue 13): for random journeys and
scenarios (gen_journey.py), the normative report (everything but each
person's `timeline`, O4) must not change when

  order    `nodes` and `edges` are listed in another order;
  rename   node ids are renamed everywhere (condition.interaction, after_message,
           params.node included) and the report's ids are mapped back; on a
           twin without deciding draws, since R keys hold the node id;
  users    the scenario's scripted users are listed in another order (people
           compared by id); skipped when a daily starter meets an autowinner,
           see below;
  threads  --threads 1, 2 and 7 (byte-identical, §8), on populations large
           enough to be split (20,000 users, no autowinner);
  replay   the scenario's input is written out as a replay log plus profiles
           (scenario-to-replay) and replayed with the same window and seed:
           same report but `scenario`, on the scenario without its
           after_message events, which a log cannot hold (they depend on
           the run), and with --trace so that people are listed in both.
           Profiles are written in known order (scripted, then generated,
           T7), so the known order is the same; once more with the profile
           lines shuffled and --threads 2 (people compared by id; skipped
           like users, below).
  split    the same replay without --trace, at --threads 1, 2 and 3
           (byte-identical): with nobody listed, users run in parts on
           threads of their own.
  noise    the same replay with events of a name nothing in the journey
           mentions, for users with profiles, at times among the log's:
           the report only counts more events (the engine passes such
           events over without reading their users' state).

Why users is skipped for a daily starter with an autowinner: the daily tick
visits known users in known order (T7), which is the scripted order, and the
arrivals at a split at one instant then come in that order; with an
autowinner, which arrival decides, and so who takes the winner, follows it.
For a journey with an autowinner the generator gives no two users' input
events the same instant; otherwise users share instants on purpose: nothing
else links users.

Usage: test-metamorphic.py SCENARIO_TO_REPLAY [--seeds A-B] [--keep DIR]
(cairn-cli from $CAIRN_CLI). Fewer seeds when $CAIRN_SANITIZER_BUILD is
set. Prints TAP, one line per seed."""
import copy
import datetime
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_journey  # noqa: E402

here = os.path.dirname(os.path.abspath(__file__))
source_root = os.environ.get("CAIRN_SOURCE_ROOT", os.path.dirname(here))
catalog = os.path.join(source_root, "data", "catalogs", "home.json")
cli = os.environ["CAIRN_CLI"]
env = dict(os.environ, CAIRN_MALLOC_AS_IS="1")


class Failure(Exception):
    pass


def write(path, doc):
    with open(path, "w") as f:
        json.dump(doc, f, indent=1)


def simulate(workdir, name, journey, scenario=None, replay=None, args=()):
    jpath = os.path.join(workdir, f"{name}.journey.json")
    write(jpath, journey)
    cmd = [cli, "simulate", jpath]
    if scenario is not None:
        spath = os.path.join(workdir, f"{name}.scenario.json")
        write(spath, scenario)
        cmd += ["--scenario", spath]
    else:
        cmd += ["--events", replay[0], "--profiles", replay[1], "--catalog", os.path.join(workdir, "catalog.json"),
                "--start", replay[2], "--end", replay[3], "--seed", str(replay[4])]
    cmd += list(args)
    run = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if run.returncode != 0:
        raise Failure(f"{name}: exit {run.returncode}: {run.stderr.strip()[:2000]}\n  {' '.join(cmd)}")
    return run.stdout


def instant(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def normalize(text, back=None):
    """The normative report as order-free maps; @back maps renamed node ids
    back to the originals."""
    r = json.loads(text)
    b = (lambda i: back.get(i, i)) if back else (lambda i: i)
    r["nodes"] = {b(k): v for k, v in r["nodes"].items()}
    r["edges"] = {f"{b(e['from'])} {e['port']}": [None if e["to"] is None else b(e["to"]), e["count"]]
                  for e in r["edges"]}
    if "splits" in r:
        r["splits"] = {b(k): v for k, v in r["splits"].items()}
    if "coverage" in r:
        r["coverage"]["untaken"] = sorted(f"{b(u['node'])} {u['port']}" for u in r["coverage"]["untaken"])
    people = {}
    for p in r.get("people", []):
        p.pop("timeline", None)
        if "path" in p:
            p["path"] = [b(n) for n in p["path"]]
        if "paths" in p:
            p["paths"] = [[b(n) for n in path] for path in p["paths"]]
        for m in p.get("messages", []):
            m["node"] = b(m["node"])
        people[p["id"]] = p
    r["people"] = people
    return r


def differences(a, b, path="report", out=None, limit=12):
    out = [] if out is None else out
    if len(out) >= limit:
        return out
    if isinstance(a, dict) and isinstance(b, dict):
        for k in list(a) + [k for k in b if k not in a]:
            if k not in a or k not in b:
                out.append(f"{path}.{k}: only in {'second' if k not in a else 'first'}")
            else:
                differences(a[k], b[k], f"{path}.{k}", out, limit)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            differences(x, y, f"{path}[{i}]", out, limit)
    elif a != b or type(a) is not type(b):
        out.append(f"{path}: {json.dumps(a)[:200]} != {json.dumps(b)[:200]}")
    return out


def expect_same(check, a, b):
    diff = differences(a, b)
    if diff:
        raise Failure(f"{check}: the report changed\n  " + "\n  ".join(diff))


def has_after_message(scenario):
    return any("after_message" in e for u in scenario["users"] for e in u["events"])


def check_seed(seed, big, workdir, counts):
    journey, scenario = gen_journey.gen_case(seed, big)
    rng = random.Random(seed * 7919 + 1)
    shutil.copy(catalog, os.path.join(workdir, "catalog.json"))
    trace = ["--trace"] if not big else ["--trace=40"]

    if big:
        reports = [simulate(workdir, f"threads{n}", journey, scenario, args=trace + ["--threads", str(n)])
                   for n in (1, 2, 7)]
        for n, text in zip((2, 7), reports[1:]):
            if text != reports[0]:
                expect_same(f"threads 1 / {n} (not byte-identical)", normalize(reports[0]), normalize(text))
                raise Failure(f"threads 1 / {n}: reports differ in bytes only (key order or number format)")
        counts["threads"] += 1
        return

    base_text = simulate(workdir, "base", journey, scenario, args=trace + ["--threads", "1"])
    base = normalize(base_text)
    counts["entered"] += base["totals"]["entered"]

    # order
    reordered = gen_journey.shuffled_document(journey, rng)
    expect_same("order of nodes and edges", base,
                normalize(simulate(workdir, "order", reordered, scenario, args=trace)))
    counts["order"] += 1

    # users
    kinds = {n["type"] for n in journey["nodes"]}
    autowinner = any("autowinner" in n.get("config", {}) for n in journey["nodes"] if n["type"] == "split.ab")
    users_order_free = not (kinds & gen_journey.DAILY_STARTERS and autowinner)
    if len(scenario["users"]) > 1 and users_order_free:
        s = copy.deepcopy(scenario)
        while [u["id"] for u in s["users"]] == [u["id"] for u in scenario["users"]]:
            rng.shuffle(s["users"])
        other = normalize(simulate(workdir, "users", journey, s, args=trace))
        expect_same("order of scenario users", base, other)
        counts["users"] += 1

    # rename: with every draw, the nodes that are in no draw's key; on the
    # twin without deciding draws, every node
    def renamed(ids):
        new_ids = [f"n{i}_{rng.randrange(1000)}" for i in range(len(ids))]
        rng.shuffle(new_ids)
        mapping = dict(zip(ids, new_ids))
        return mapping, {v: k for k, v in mapping.items()}

    mapping, back = renamed(gen_journey.draw_free_ids(journey))
    mapping.update({i: i for i in (n["id"] for n in journey["nodes"]) if i not in mapping})
    rj, rs = gen_journey.rename_nodes(journey, scenario, mapping)
    expect_same("renamed node ids (not splits or messages)", base,
                normalize(simulate(workdir, "renamed", rj, rs, args=trace), back))
    dj, ds = gen_journey.without_draws(journey, scenario)
    mapping, back = renamed([n["id"] for n in dj["nodes"]])
    rj, rs = gen_journey.rename_nodes(dj, ds, mapping)
    expect_same("renamed node ids (no deciding draws)", normalize(simulate(workdir, "twin", dj, ds, args=trace)),
                normalize(simulate(workdir, "twin-renamed", rj, rs, args=trace), back))
    counts["rename"] += 1

    # replay
    s = copy.deepcopy(scenario)
    for u in s["users"]:
        u["events"] = [e for e in u["events"] if "after_message" not in e]
    plain = base if not has_after_message(scenario) else \
        normalize(simulate(workdir, "plain", journey, s, args=trace + ["--threads", "1"]))
    spath = os.path.join(workdir, "plain.scenario.json")
    write(spath, s)
    events, profiles = os.path.join(workdir, "events.jsonl"), os.path.join(workdir, "profiles.jsonl")
    run = subprocess.run([sys.argv[1], spath, events, profiles], capture_output=True, text=True)
    if run.returncode != 0:
        raise Failure(f"scenario-to-replay: {run.stderr.strip()}")
    replay = (events, profiles, s["start"], s["end"], s["seed"])
    a = dict(plain)
    a.pop("scenario")
    b = normalize(simulate(workdir, "replay", journey, replay=replay, args=trace + ["--threads", "1"]))
    b.pop("scenario")
    expect_same("replay", a, b)
    if list(a["people"]) != list(b["people"]):
        raise Failure("replay: people in another order")
    if users_order_free:
        # profiles in another order: another known order (T7), the same
        # people; and the log read ahead on a thread of its own
        with open(profiles) as f:
            lines = f.readlines()
        rng.shuffle(lines)
        shuffled = os.path.join(workdir, "shuffled-profiles.jsonl")
        with open(shuffled, "w") as f:
            f.writelines(lines)
        b = normalize(simulate(workdir, "replay-shuffled", journey, replay=(events, shuffled) + replay[2:],
                               args=trace + ["--threads", "2"]))
        b.pop("scenario")
        expect_same("replay, profiles in another order (--threads 2)", a, b)
    counts["replay"] += 1

    # noise: events of a name the journey does not mention change nothing
    # but the count of events
    with open(events) as f:
        log = f.readlines()
    with open(profiles) as f:
        ids = [json.loads(line)["id"] for line in f if line.strip()]
    if log and ids:
        times = [json.loads(line)["time"] for line in log]
        noisy = list(log)
        added = 0
        start, end = (instant(t) for t in replay[2:4])
        for _ in range(1 + len(log) // 2):
            at = rng.randrange(len(noisy) + 1)
            # its time: the next line's, or the last one's at the end (the log stays sorted, T4)
            when = json.loads(noisy[at])["time"] if at < len(noisy) else times[-1]
            noisy.insert(at, json.dumps({"time": when, "user": rng.choice(ids), "name": "zz_noise",
                                         "params": {"node": "x", "channel": "email"}}) + "\n")
            # counted when in the window
            added += start <= instant(when) <= end
        npath = os.path.join(workdir, "noisy-events.jsonl")
        with open(npath, "w") as f:
            f.writelines(noisy)
        expected = copy.deepcopy(a)
        expected["events"] += added
        c = normalize(simulate(workdir, "noise", journey, replay=(npath,) + replay[1:],
                               args=trace + ["--threads", "1"]))
        c.pop("scenario")
        expect_same("replay with events of a name the journey does not mention", expected, c)
        counts["noise"] += 1

    # split: with nobody listed, the replay runs its users in parts on
    # threads of their own (unless an autowinner links them)
    one = simulate(workdir, "split1", journey, replay=replay, args=["--threads", "1"])
    for n in (2, 3):
        other = simulate(workdir, f"split{n}", journey, replay=replay, args=["--threads", str(n)])
        if other != one:
            expect_same(f"replay without --trace, --threads 1 / {n} (not byte-identical)",
                        normalize(one), normalize(other))
            raise Failure(f"replay without --trace, --threads 1 / {n}: reports differ in bytes only")
    counts["split"] += 1


def main():
    args = sys.argv[2:]
    sanitizer = bool(os.environ.get("CAIRN_SANITIZER_BUILD"))
    first, last = (1, 20) if sanitizer else (1, 250)
    keep = None
    while args:
        if args[0] == "--seeds":
            a, _, b = args[1].partition("-")
            first, last = int(a), int(b or a)
            args = args[2:]
        elif args[0] == "--keep":
            keep = args[1]
            args = args[2:]
        else:
            print(f"unknown argument {args[0]}", file=sys.stderr)
            return 2
    seeds = list(range(first, last + 1))
    # a population of 20,000 every 100 seeds (one under sanitizers)
    big = {s for s in seeds if s % 100 == 0} or {seeds[-1]} if len(seeds) >= 20 else set()
    counts = dict.fromkeys(["order", "users", "rename", "replay", "noise", "split", "threads", "entered"], 0)
    started = time.process_time()
    wall = time.time()
    print(f"1..{len(seeds)}")
    failed = 0
    for n, seed in enumerate(seeds, 1):
        workdir = tempfile.mkdtemp(prefix=f"cairn-meta-{seed}-")
        try:
            check_seed(seed, seed in big, workdir, counts)
            print(f"ok {n} - seed {seed}{' (20,000 users, threads)' if seed in big else ''}")
            shutil.rmtree(workdir)
        except Failure as e:
            failed += 1
            print(f"not ok {n} - seed {seed}")
            for line in str(e).splitlines():
                print(f"# {line}")
            if keep:
                dest = os.path.join(keep, f"seed-{seed}")
                shutil.rmtree(dest, ignore_errors=True)
                shutil.move(workdir, dest)
                print(f"# files kept in {dest}")
            else:
                shutil.rmtree(workdir)
    children = os.times()
    print(f"# {len(seeds)} journeys, checks: {', '.join(f'{k} {v}' for k, v in counts.items())}; "
          f"{time.time() - wall:.1f} s wall, {children.children_user + children.children_system:.1f} s CPU "
          f"in cairn-cli, {time.process_time() - started:.1f} s in Python")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
