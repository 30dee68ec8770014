#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the partition test cases of this folder (kept in git; run again
after changing them). Each case: journey.json, scenario.json or
events.jsonl [+ profiles.jsonl], optional args.json (extra simulate
arguments) and refuse.txt (the merge must refuse with the text of its first
line; a second line "from N partitions": only from N partitions on)."""
import json
import os
import random

here = os.path.dirname(os.path.abspath(__file__))


def write(case, name, data):
    os.makedirs(os.path.join(here, case), exist_ok=True)
    with open(os.path.join(here, case, name), "w") as f:
        if name.endswith(".jsonl"):
            f.writelines(json.dumps(line, separators=(",", ":")) + "\n" for line in data)
        elif isinstance(data, str):
            f.write(data)
        else:
            json.dump(data, f, indent=1)
            f.write("\n")


def journey(id, nodes, edges, goals=None, entry=None):
    j = {"format": "cairn-journey", "version": 1, "id": id, "name": id, "nodes": nodes, "edges": edges}
    if goals:
        j["goals"] = goals
    if entry:
        j["entry"] = entry
    return j


def split(id, metric, min_entries, evaluate_after, variants=("A", "B")):
    return {"id": id, "type": "split.ab",
            "config": {"variants": [{"id": v, "name": v, "weight": 1} for v in variants],
                       "autowinner": {"metric": metric, "min_entries_per_variant": min_entries,
                                      "evaluate_after": evaluate_after}}}


behavior = {"channels": {"web_push": {"open": 0.6, "click": 0.3}, "email": {"open": 0.3, "click": 0.2},
                         "sms": {"open": 0.9, "click": 0.5, "open_delay": "PT10M"}}}

# 1. Two autowinners behind a wait.until_time: arrivals at 09:00 (and, at
# the second split, at 10:00 a day later) from users of every partition,
# decided one after the other; a generated population with fractional
# goal values.
write("autowinner-until-time", "journey.json", journey(
    "autowinner-until-time",
    [{"id": "start", "type": "starter.event", "config": {"event": "purchase"}},
     {"id": "morning", "type": "wait.until_time", "config": {"time": "09:00"}},
     split("split1", "open_rate", 5, "PT3H"),
     {"id": "pushA", "type": "message.web_push", "config": {"title": "A", "body": "A"}},
     {"id": "emailB", "type": "message.email", "config": {"subject": "B", "body": "B"}},
     {"id": "later", "type": "wait.duration", "config": {"duration": "P1DT1H"}},
     split("split2", "click_rate", 3, "PT2H", ("C", "D")),
     {"id": "smsC", "type": "message.sms", "config": {"text": "C"}},
     {"id": "pushD", "type": "message.web_push", "config": {"title": "D", "body": "D"}}],
    [{"from": "start", "port": "out", "to": "morning"},
     {"from": "morning", "port": "out", "to": "split1"},
     {"from": "split1", "port": "A", "to": "pushA"},
     {"from": "split1", "port": "B", "to": "emailB"},
     {"from": "pushA", "port": "out", "to": "later"},
     {"from": "emailB", "port": "out", "to": "later"},
     {"from": "later", "port": "out", "to": "split2"},
     {"from": "split2", "port": "C", "to": "smsC"},
     {"from": "split2", "port": "D", "to": "pushD"}],
    goals=[{"id": "order", "event": "purchase", "window": "P3D", "value_param": "amount"}],
    entry={"reentry": "after_exit"}))
write("autowinner-until-time", "scenario.json", {
    "format": "cairn-scenario", "version": 1, "name": "Mornings",
    "start": "2026-11-02T00:00:00Z", "end": "2026-11-09T00:00:00Z", "seed": 11,
    "generate": {"count": 240, "id_prefix": "m", "personas": [
        {"name": "shopper", "reachability": {"web_push": 0.8, "email": 0.9, "sms": 0.7}, "behavior": behavior,
         "events": [{"name": "purchase", "rate_per_day": 0.4,
                     "params": {"amount": {"uniform": [1.5, 99.5]}}}]}]}})
write("autowinner-until-time", "args.json", ["--trace=12"])

# 2. A replayed log: visits on the hour from users of every partition, an
# autowinner on goal rate, orders with amounts in cents (summed in log
# order), users first seen in the log (known by their first line).
rng = random.Random(15)
lines, profiles = [], []
users = [f"r{i:03d}" for i in range(150)]
for u in users[:100]:
    profiles.append({"id": u, "reachability": {"web_push": rng.random() < 0.8, "email": True},
                     "behavior": behavior})
for day in range(3):
    for hour in range(8, 20):
        for u in users:
            r = rng.random()
            minute = 0 if r < 0.6 else rng.choice([0, 15, 30])
            if r < 0.08:
                lines.append((day, hour, minute, 0, {"user": u, "name": "visit", "platform": "web"}))
            elif r < 0.11:
                amount = round(rng.uniform(1, 300), 2)
                lines.append((day, hour, minute, 1, {"user": u, "name": "order", "platform": "web",
                                                     "params": {"amount": amount}}))
lines.sort(key=lambda line: line[:3])
events = []
for day, hour, minute, _, e in lines:
    events.append(dict({"time": f"2026-11-{2 + day:02d}T{hour:02d}:{minute:02d}:00Z"}, **e))
write("replay-autowinner-goal", "events.jsonl", events)
write("replay-autowinner-goal", "profiles.jsonl", profiles)
write("replay-autowinner-goal", "journey.json", journey(
    "replay-autowinner-goal",
    [{"id": "start", "type": "starter.event", "config": {"event": "visit"}},
     split("split1", "goal_rate", 4, "PT4H"),
     {"id": "pushA", "type": "message.web_push", "config": {"title": "A", "body": "A"}},
     {"id": "emailB", "type": "message.email", "config": {"subject": "B", "body": "B"}},
     {"id": "wait", "type": "wait.until_event", "config": {"event": "order", "timeout": "PT5H"}},
     {"id": "done", "type": "exit", "config": {}}],
    [{"from": "start", "port": "out", "to": "split1"},
     {"from": "split1", "port": "A", "to": "pushA"},
     {"from": "split1", "port": "B", "to": "emailB"},
     {"from": "pushA", "port": "out", "to": "wait"},
     {"from": "emailB", "port": "out", "to": "wait"},
     {"from": "wait", "port": "event", "to": "done"}],
    goals=[{"id": "ordered", "event": "order", "window": "P1D", "value_param": "amount"}],
    entry={"reentry": "after_exit"}))
write("replay-autowinner-goal", "args.json", ["--trace=20"])

# 3. A generated population large enough for the threads to split it: goal
# values summed exactly (exact_sums) in the whole run and in the merge.
write("population-exact-sums", "journey.json", journey(
    "population-exact-sums",
    [{"id": "start", "type": "starter.event", "config": {"event": "purchase"}},
     {"id": "wait", "type": "wait.duration", "config": {"duration": "PT6H"}},
     {"id": "pushA", "type": "message.web_push", "config": {"title": "A", "body": "A"}}],
    [{"from": "start", "port": "out", "to": "wait"}, {"from": "wait", "port": "out", "to": "pushA"}],
    goals=[{"id": "again", "event": "purchase", "window": "P2D", "value_param": "amount"}],
    entry={"reentry": "after_exit"}))
write("population-exact-sums", "scenario.json", {
    "format": "cairn-scenario", "version": 1, "name": "Crowd",
    "start": "2026-11-02T00:00:00Z", "end": "2026-11-05T00:00:00Z", "seed": 3,
    "generate": {"count": 24000, "personas": [
        {"name": "a", "reachability": {"web_push": 0.5}, "behavior": behavior,
         "events": [{"name": "purchase", "rate_per_day": 0.3, "params": {"amount": {"uniform": [0.1, 9.9]}}}]}]}})
write("population-exact-sums", "args.json", ["--trace=3"])

# 4. Refused: evaluate_after PT0S, decided between arrivals at one instant.
write("refuse-same-instant", "journey.json", journey(
    "refuse-same-instant",
    [{"id": "start", "type": "starter.event", "config": {"event": "purchase"}},
     split("split1", "open_rate", 1, "PT0S"),
     {"id": "pushA", "type": "message.web_push", "config": {"title": "A", "body": "A"}},
     {"id": "emailB", "type": "message.email", "config": {"subject": "B", "body": "B"}}],
    [{"from": "start", "port": "out", "to": "split1"},
     {"from": "split1", "port": "A", "to": "pushA"},
     {"from": "split1", "port": "B", "to": "emailB"}]))
write("refuse-same-instant", "scenario.json", {
    "format": "cairn-scenario", "version": 1, "name": "One instant",
    "start": "2026-11-02T00:00:00Z", "end": "2026-11-03T00:00:00Z", "seed": 1,
    "users": [{"id": f"s{i}", "reachability": {"web_push": True, "email": True},
               "events": [{"at": "PT2H", "name": "purchase"}]} for i in range(12)]})
write("refuse-same-instant", "refuse.txt", "between arrivals at one instant")

# 5. A portfolio: an autowinner in each journey (decided in the journeys'
# order of priority, on shared users under a frequency cap), a replayed log.
write("portfolio-autowinners", "a.json", journey(
    "pa",
    [{"id": "start", "type": "starter.event", "config": {"event": "visit"}},
     split("splitA", "open_rate", 3, "PT2H"),
     {"id": "pushA", "type": "message.web_push", "config": {"title": "A", "body": "A"}},
     {"id": "emailB", "type": "message.email", "config": {"subject": "B", "body": "B"}}],
    [{"from": "start", "port": "out", "to": "splitA"},
     {"from": "splitA", "port": "A", "to": "pushA"},
     {"from": "splitA", "port": "B", "to": "emailB"}],
    entry={"reentry": "after_exit"}))
write("portfolio-autowinners", "b.json", journey(
    "pb",
    [{"id": "start", "type": "starter.event", "config": {"event": "order"}},
     {"id": "morning", "type": "wait.until_time", "config": {"time": "10:00"}},
     split("splitB", "click_rate", 2, "PT5H", ("C", "D")),
     {"id": "smsC", "type": "message.sms", "config": {"text": "C"}},
     {"id": "pushD", "type": "message.web_push", "config": {"title": "D", "body": "D"}}],
    [{"from": "start", "port": "out", "to": "morning"},
     {"from": "morning", "port": "out", "to": "splitB"},
     {"from": "splitB", "port": "C", "to": "smsC"},
     {"from": "splitB", "port": "D", "to": "pushD"}],
    entry={"reentry": "after_exit"}))
write("portfolio-autowinners", "journey.json", {
    "format": "cairn-portfolio", "version": 1, "id": "pab", "name": "Two autowinners",
    "journeys": ["a.json", "b.json"],
    "frequency_cap": {"max_messages": 2, "per": "P1D", "channels": ["email", "web_push"]}})
write("portfolio-autowinners", "events.jsonl", events)
write("portfolio-autowinners", "profiles.jsonl", profiles)
write("portfolio-autowinners", "args.json", ["--trace=10"])

# 6. Goal values of after_message events (generated), not whole numbers, at
# distinct instants and at one instant in several partitions: goal values
# are exact sums, so the order in which partitions add them does not matter.
def after_message_case(case, same_instant):
    write(case, "journey.json", journey(
        case,
        [{"id": "start", "type": "starter.event", "config": {"event": "purchase"}},
         {"id": "push1", "type": "message.web_push", "config": {"title": "P", "body": "P"}}],
        [{"from": "start", "port": "out", "to": "push1"}],
        goals=[{"id": "order", "event": "order", "window": "P1D", "value_param": "amount"}]))
    write(case, "scenario.json", {
        "format": "cairn-scenario", "version": 1, "name": case,
        "start": "2026-11-02T00:00:00Z", "end": "2026-11-03T00:00:00Z", "seed": 5,
        "users": [{"id": f"v{i}", "reachability": {"web_push": True},
                   "events": [{"at": "PT1H" if same_instant else f"PT{1 + i}H", "name": "purchase"},
                              {"after_message": "push1", "delay": "PT30M", "name": "order",
                               "params": {"amount": 0.1 + i * 1.37}}]} for i in range(9)]})


after_message_case("after-message-values", False)
after_message_case("generated-values-one-instant", True)

# 8. Two autowinners decided at one instant: every user passes both at
# 09:00; both are imposed at once, and the next pass confirms each was
# decided at an arrival of its own at that instant.
def two_splits(case, second_after_b_only):
    sure = {"channels": {"web_push": {"open": 1.0, "click": 0.5, "open_delay": "PT5M"},
                         "email": {"open": 0.0}, "sms": {"open": 0.5, "click": 0.5}}}
    write(case, "journey.json", journey(
        case,
        [{"id": "start", "type": "starter.event", "config": {"event": "purchase"}},
         {"id": "morning", "type": "wait.until_time", "config": {"time": "09:00"}},
         split("split1", "open_rate", 1, "PT1H"),
         {"id": "pushA", "type": "message.web_push", "config": {"title": "A", "body": "A"}},
         {"id": "emailB", "type": "message.email", "config": {"subject": "B", "body": "B"}},
         split("split2", "click_rate", 1, "PT1H", ("C", "D")),
         {"id": "smsC", "type": "message.sms", "config": {"text": "C"}},
         {"id": "pushD", "type": "message.web_push", "config": {"title": "D", "body": "D"}}],
        [{"from": "start", "port": "out", "to": "morning"},
         {"from": "morning", "port": "out", "to": "split1"},
         {"from": "split1", "port": "A", "to": "pushA"},
         {"from": "split1", "port": "B", "to": "emailB"}]
        + ([] if second_after_b_only else [{"from": "pushA", "port": "out", "to": "split2"}])
        + [{"from": "emailB", "port": "out", "to": "split2"},
           {"from": "split2", "port": "C", "to": "smsC"},
           {"from": "split2", "port": "D", "to": "pushD"}],
        entry={"reentry": "after_exit"}))
    write(case, "scenario.json", {
        "format": "cairn-scenario", "version": 1, "name": case,
        "start": "2026-11-02T00:00:00Z", "end": "2026-11-06T00:00:00Z", "seed": 8,
        "generate": {"count": 40, "id_prefix": "t", "personas": [
            {"name": "p", "reachability": {"web_push": 1, "email": 1, "sms": 1}, "behavior": sure,
             "events": [{"name": "purchase", "rate_per_day": 0.6}]}]}})


two_splits("two-autowinners-one-instant", False)
# 9. The same when the second split is behind variant B only: once the
# first is decided for A at that instant, nobody reaches the second there;
# its decision is taken back and another pass runs without it.
two_splits("two-autowinners-one-taken-back", True)
