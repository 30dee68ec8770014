#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Bad input through cairn-cli validate and simulate: each gets exit status
2 and one clear message that names the file (and line:column where there
is one), never a crash or a hang. Prints TAP."""
import os
import shutil
import subprocess
import sys
import tempfile

cli = os.environ.get("CAIRN_CLI") or sys.argv[1]
tmp = tempfile.mkdtemp(prefix="cairn-cli-input-")


def write(name, data):
    path = os.path.join(tmp, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


huge = os.path.join(tmp, "huge.json")
with open(huge, "wb") as f:
    f.truncate(300 * 1024 * 1024)   # sparse: nothing is written

cases = [
    ("missing file", os.path.join(tmp, "missing.json"), "missing.json: error: No such file"),
    ("directory", tmp, "is a directory"),
    ("NUL byte", write("nul.json", b'{"format": "cairn-journey",\n "id": "a\x00b"}'), "nul.json:2:10: error: the file contains a NUL byte"),
    ("invalid UTF-8", write("utf8.json", b'{"name": "\xff\xfe"}'), "utf8.json:1:11: error: invalid UTF-8"),
    ("deep nesting", write("deep.json", b"[" * 100000), "deep.json:1:257: error: nested more than 256 levels deep"),
    ("huge file", huge, "too large"),
    ("malformed JSON", write("bad.json", b'{\n  "format": "cairn-journey",\n  "nodes": [,]\n}'), "bad.json:3:13: error:"),
    ("empty file", write("empty.json", b""), "the file is empty"),
]

scenario = write("s.json", b'{"format": "cairn-scenario", "version": 1, "start": "2026-11-02T00:00:00Z", "end": "2026-11-03T00:00:00Z"}')
# Loaders and limits (issue 14): (name, arguments, exit status, text in stderr).
source = os.environ.get("CAIRN_SOURCE_ROOT") or os.path.join(os.path.dirname(__file__), "..")
journey = os.path.join(source, "data", "journeys", "furniture-cross-sell.json")
head = '{"format": "cairn-scenario", "version": 1, "start": "2026-11-02T00:00:00Z", "end": "2026-11-20T00:00:00Z"'
persona = '[{"name": "p", "events": [{"name": "purchase", "rate_per_day": 1}]}]'


def scenario_with(name, rest):
    return write(name, (head + ",\n  " + rest + "\n}\n").encode())


event = b'{"time": "2026-11-02T10:00:00Z", "user": "u1", "name": "purchase"}\n'
events = write("events.jsonl", event)
long_line = os.path.join(tmp, "long-line.jsonl")
with open(long_line, "wb") as f:
    f.write(b'{"time": "2026-11-02T10:00:00Z", "user": "u1", "name": "purchase", "params": {"x": "')
    f.write(b"a" * (70 * 1024 * 1024))
    f.write(b'"}}\n')
centuries = write("centuries.jsonl", b"".join(
    b'{"time": "%04d-01-01T00:00:00Z", "user": "u%d", "name": "purchase"}\n' % (y, y) for y in range(1000, 2000)))
limits = [
    ("/dev/zero as a journey", ["validate", "/dev/zero"], 2, "/dev/zero: error: the file is too large"),
    ("/dev/zero as a scenario's catalog", ["simulate", journey, "--scenario", scenario_with("zero.json", '"catalog": "/dev/zero"')],
     2, "zero.json:2:14: error: /dev/zero: the file is too large"),
    ("a missing catalog, located in the scenario", ["simulate", journey, "--scenario", scenario_with("nocat.json", '"catalog": "nope.json"')],
     2, "nocat.json:2:14: error: "),
    ("an inline catalog's error, located in the scenario", ["simulate", journey, "--scenario", scenario_with("inline.json",
     '"catalog": {"format": "cairn-catalog", "version": 1, "products": [{"id": 1}]}')],
     1, "inline.json:2:69: error: product 1 has no \"id\""),
    ("/dev/zero as events", ["simulate", journey, "--events", "/dev/zero"], 2, "/dev/zero:1: error: the line is longer than 64 MiB"),
    ("/dev/zero as profiles", ["simulate", journey, "--events", events, "--profiles", "/dev/zero"], 2, "/dev/zero: error: the file is too large"),
    ("/dev/zero as a token file", ["publish", journey, "--url", "http://127.0.0.1:9/j", "--token-file", "/dev/zero"], 2,
     "/dev/zero: error: the file is too large"),
    ("an event line over 64 MiB", ["simulate", journey, "--events", long_line], 2, "long-line.jsonl:1: error: the line is longer than 64 MiB"),
    ("a profile line over 64 MiB", ["simulate", journey, "--events", events, "--profiles", long_line], 2,
     "long-line.jsonl:1: error: the line is longer than 64 MiB"),
    ("a NUL byte in profiles", ["simulate", journey, "--events", events, "--profiles", write("nul.jsonl", b'{"id": "u1"}\x00{"id": "u2"}\n')],
     2, "nul.jsonl:1:13: error: the file contains a NUL byte"),
    ("a profile error located once", ["simulate", journey, "--events", events, "--profiles", write("p.jsonl", b'{"id": "u1"}\n{"id": "u2", "x": }\n')],
     2, "p.jsonl:2:19: error: unexpected character"),
    ("count 1e300", ["simulate", journey, "--scenario", scenario_with("c1.json", '"generate": {"count": 1e300, "personas": ' + persona + '}')],
     1, "c1.json:2:25: error: \"count\" is at most 100000000"),
    ("count 10^15", ["simulate", journey, "--scenario", scenario_with("c2.json", '"generate": {"count": 1000000000000000, "personas": ' + persona + '}')],
     1, "c2.json:2:25: error: \"count\" is at most 100000000"),
    ("rate_per_day 10^12", ["simulate", journey, "--scenario", scenario_with("r.json",
     '"generate": {"count": 10, "personas": [{"events": [{"name": "purchase", "rate_per_day": 1000000000000}]}]}')],
     1, "r.json:2:91: error: \"rate_per_day\" is at most 1000000"),
    ("10^9 events", ["simulate", journey, "--scenario", scenario_with("ev.json", '"generate": {"count": 100000000, "personas": ' + persona + '}')],
     1, "ev.json:2:25: error: the generated users would have about 1.8e+09 events"),
    ("uniform bounds near +-2^63", ["simulate", journey, "--trace", "--scenario", scenario_with("uniform.json",
     '"generate": {"count": 50, "personas": [{"attributes": {"a": {"uniform": [-9223372036854775808, 9223372036854775807]}, '
     '"b": {"uniform": [9223372036854775806, 9223372036854775807]}, "c": {"uniform": [-9223372036854775808, -9223372036854775807]}}}]}')],
     0, ""),
    ("\"users\": \"everyone\"", ["simulate", journey, "--scenario", scenario_with("everyone.json", '"users": "everyone"')],
     1, "everyone.json:2:12: error: \"users\" must be a list"),
    ("an event without a name", ["simulate", journey, "--scenario", scenario_with("noname.json", '"users": [{"id": "a", "events": [{"at": "PT1H"}]}]')],
     1, "noname.json:2:36: error: an event needs a \"name\""),
    ("a misspelled expectation", ["test", journey, "--scenario", scenario_with("expect.json",
     '"users": [{"id": "a", "events": [{"at": "PT1H", "name": "purchase"}], "expect": {"pathh": ["start"]}}]')],
     1, "expect.json:2:93: error: unknown expectation \"pathh\""),
    ("a window over 100 years", ["simulate", journey, "--scenario", write("window.json", b'{"format": "cairn-scenario", "version": 1, "start": "2026-11-02T00:00:00Z", '
                                                                     b'"end": "2227-01-01T00:00:00Z"}')],
     1, "window.json:1:84: error: the window is longer than 36525 days"),
    ("--start later than --end", ["simulate", journey, "--events", events, "--start", "2026-12-01T00:00:00Z", "--end", "2026-11-01T00:00:00Z"],
     2, "--start is later than the end"),
    ("--start and --end over 100 years apart", ["simulate", journey, "--events", events, "--start", "1900-01-01T00:00:00Z",
                                                "--end", "2026-11-01T00:00:00Z"], 2, "longer than 36525 days"),
    ("a replay log over 1,000 years", ["simulate", journey, "--events", centuries], 2,
     "centuries.jsonl: error: the log spans more than 36525 days"),
]

n = 0
failed = 0
print(f"1..{len(cases) * 2 + len(limits) + 5}")
for name, command, status, expected in limits:
    n += 1
    try:
        run = subprocess.run([cli] + command, capture_output=True, text=True, timeout=30)
        ok = run.returncode == status and expected in run.stderr and "runtime error" not in run.stderr
        detail = f"exit {run.returncode}: {run.stderr.strip()[:400]}"
    except subprocess.TimeoutExpired:
        ok, detail = False, "timed out"
    print(f"{'ok' if ok else 'not ok'} {n} - {name}")
    if not ok:
        failed += 1
        print(f"# expected exit {status} and “{expected}”; got {detail}")
os.remove(long_line)

# Rewriting files (format, layout -o) keeps the mode, writes through a
# symbolic link to its target, and keeps integers past 64 bits as written.
import stat
big = "123456789012345678901234567890"
with open(journey) as f:
    text = f.read().replace('"version": 1,', '"version": 1, "x-big": [' + big + ', -99999999999999999999999],', 1)
for command in ("format", "layout"):
    n += 1
    target = write(command + "-target.json", text.encode())
    os.chmod(target, 0o600)
    link = os.path.join(tmp, command + "-link.json")
    os.symlink(os.path.basename(target), link)
    args = [cli, "format", link] if command == "format" else [cli, "layout", journey, "-o", link]
    if command == "layout":
        shutil.copy(target, os.path.join(tmp, "layout-in.json"))
        args = [cli, "layout", os.path.join(tmp, "layout-in.json"), "-o", link]
    # Graphviz leaks a little on every layout: the suppressions of
    # test-layout for a sanitizer build (read there only).
    env = dict(os.environ)
    env["LSAN_OPTIONS"] = "suppressions=" + os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "lsan-graphviz.supp")
    env["ASAN_OPTIONS"] = (env["ASAN_OPTIONS"] + ":" if env.get("ASAN_OPTIONS") else "") + "fast_unwind_on_malloc=0"
    run = subprocess.run(args, capture_output=True, text=True, timeout=60, env=env)
    with open(target) as f:
        written = f.read()
    problems = []
    if run.returncode != 0:
        problems.append(f"exit {run.returncode}: {run.stderr.strip()}")
    if not os.path.islink(link):
        problems.append("the symbolic link was replaced")
    if stat.S_IMODE(os.stat(target).st_mode) != 0o600:
        problems.append(f"mode {oct(stat.S_IMODE(os.stat(target).st_mode))}")
    if big not in written or "-99999999999999999999999" not in written:
        problems.append("the big integers changed")
    if written == text:
        problems.append("the target was not rewritten")
    leftovers = [name for name in os.listdir(tmp) if name.startswith(".cairn-save-")]
    if leftovers:
        problems.append(f"left behind: {leftovers}")
    print(f"{'not ok' if problems else 'ok'} {n} - {command} rewrites through a link, keeps the mode and big integers")
    if problems:
        failed += 1
        print("# " + "; ".join(problems))
for name, path, expected in cases:
    for command in (["validate", path], ["simulate", path, "--scenario", scenario]):
        n += 1
        try:
            run = subprocess.run([cli] + command, capture_output=True, text=True, timeout=60)
            ok = run.returncode == 2 and expected in run.stderr and "Traceback" not in run.stderr
            detail = f"exit {run.returncode}: {run.stderr.strip()}"
        except subprocess.TimeoutExpired:
            ok, detail = False, "timed out"
        print(f"{'ok' if ok else 'not ok'} {n} - {command[0]}: {name}")
        if not ok:
            failed += 1
            print(f"# expected exit 2 and “{expected}”; got {detail}")
os.remove(huge)
# The run store: a seed up to 2^63 - 1 comes back exactly, and a store in a
# folder that cannot be written is listed all the same.
n += 1
# (As root the store is read as nobody, who must reach it: under /tmp.)
store_dir = tempfile.mkdtemp(prefix="cairn-store-", dir="/tmp" if os.geteuid() == 0 else tmp)
os.chmod(store_dir, 0o755)
store = os.path.join(store_dir, "runs.db")
scenario_file = os.path.join(source, "data", "scenarios", "furniture-cross-sell.json")
run = subprocess.run([cli, "simulate", journey, "--scenario", scenario_file, "--seed", "9223372036854775807", "--store", store],
                     capture_output=True, text=True, timeout=60)
listed = subprocess.run([cli, "runs", "list", "--store", store], capture_output=True, text=True, timeout=60)
ok = run.returncode == 0 and listed.returncode == 0 and " 9223372036854775807 " in listed.stdout
print(f"{'ok' if ok else 'not ok'} {n} - a seed of 2^63 - 1 is stored exactly")
if not ok:
    failed += 1
    print(f"# {run.stderr.strip()} {listed.stdout.strip()} {listed.stderr.strip()}")
n += 1
os.chmod(store_dir, 0o555)
for name in os.listdir(store_dir):
    os.chmod(os.path.join(store_dir, name), 0o644)
command = [cli, "runs", "list", "--store", store]
if os.geteuid() == 0:
    # root writes anywhere: read as nobody instead.
    command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + command
if os.geteuid() == 0 and not shutil.which("setpriv"):
    print(f"ok {n} - # SKIP running as root without setpriv")
else:
    listed = subprocess.run(command, capture_output=True, text=True, timeout=60)
    ok = listed.returncode == 0 and " 9223372036854775807 " in listed.stdout
    print(f"{'ok' if ok else 'not ok'} {n} - runs list in a folder that cannot be written")
    if not ok:
        failed += 1
        print(f"# exit {listed.returncode}: {listed.stderr.strip()}")
os.chmod(store_dir, 0o755)
shutil.rmtree(store_dir)
# Threads share one catalog: four take about the memory of one (each had
# a copy of its own, 3x the memory with 100,000 products).
n += 1
categories = ["furniture", "home-decor", "lighting", "rugs", "textiles"]
catalog = write("catalog.json", ('{"format": "cairn-catalog", "version": 1, "products": [' + ",".join(
    '{"id": "p%d", "name": "Product %d", "category": "%s", "price": %d, "rank": %d}' % (i, i, categories[i % 5], 10 + i % 900, i % 1000)
    for i in range(100000)) + "]}").encode())
crowd = write("crowd.json", (head + """,
  "catalog": "catalog.json",
  "generate": {"count": 20000, "personas": [{"name": "buyer", "events": [{"name": "purchase", "rate_per_day": 0.2,
    "params": {"category": {"choice": ["furniture", "home-decor"]}, "price": {"uniform": [20, 900]}}}]}]}
}""").encode())
peaks = {}
reports = {}
for threads in (1, 4):
    with open(os.path.join(tmp, f"report-{threads}.json"), "wb") as out:
        child = subprocess.Popen([cli, "simulate", journey, "--scenario", crowd, "--threads", str(threads)],
                                 stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
    peaks[threads] = usage.ru_maxrss
    with open(os.path.join(tmp, f"report-{threads}.json")) as f:
        reports[threads] = f.read() if status == 0 else None
ok = reports[1] is not None and reports[1] == reports[4] and peaks[4] < peaks[1] * 1.6
print(f"{'ok' if ok else 'not ok'} {n} - four threads share the catalog ({peaks[1]} KB at 1, {peaks[4]} KB at 4)")
if not ok:
    failed += 1
sys.exit(1 if failed else 0)
