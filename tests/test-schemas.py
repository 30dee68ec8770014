#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the published JSON Schemas (data/schema/) against the samples and
the validator:

- every schema is a valid JSON Schema 2020-12;
- every sample journey, scenario and catalog in data/ (and the journeys and
  scenarios of tests/contract/) validates against its schema, and a
  scenario's catalog path names a catalog that does too;
- every document in tests/fixtures/schema-invalid/ is rejected both by the
  journey schema and by `cairn-cli validate` (exit status 1);
- `cairn-cli validate` accepts every sample journey without errors;
- a report from `cairn-cli simulate` on each sample validates against
  report.schema.json (skipped while the simulator is not built);
- the node types and their required config fields agree with the registry
  in src/core/cairn-registry.c.

Usage: test-schemas.py [SOURCE_ROOT]; CAIRN_CLI names the command line
tool. Prints TAP."""
import glob
import json
import os
import re
import subprocess
import sys

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

root = (sys.argv[1] if len(sys.argv) > 1 else os.environ.get("CAIRN_SOURCE_ROOT")
        or os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
cli = os.environ.get("CAIRN_CLI")
results = []


def check(name, ok, detail=""):
    results.append((name, ok, detail, None))


def skip(name, why):
    results.append((name, True, "", why))


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def rel(path):
    return os.path.relpath(path, root)


def errors_of(validator, document):
    out = []
    for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(p) for p in error.absolute_path) or "(root)"
        out.append(f"{where}: {error.message[:200]}")
    return out


schemas = {}
for kind in ("journey", "scenario", "catalog", "report", "portfolio", "portfolio-report"):
    path = os.path.join(root, "data", "schema", kind + ".schema.json")
    schemas[kind] = load(path)
    try:
        Draft202012Validator.check_schema(schemas[kind])
        check(f"{kind}.schema.json is a valid 2020-12 schema", True)
    except Exception as e:  # noqa: BLE001 - any failure is the test's
        check(f"{kind}.schema.json is a valid 2020-12 schema", False, str(e))

registry = Registry().with_resources(
    [(s["$id"], Resource.from_contents(s)) for s in schemas.values()])
validators = {kind: Draft202012Validator(s, registry=registry) for kind, s in schemas.items()}


def validate_file(kind, path):
    try:
        document = load(path)
    except (OSError, ValueError) as e:
        check(f"{rel(path)} is {kind} JSON", False, str(e))
        return None
    problems = errors_of(validators[kind], document)
    check(f"{rel(path)} matches {kind}.schema.json", not problems, "\n".join(problems))
    return document


def contract_case_is_valid(folder):
    expect = os.path.join(folder, "expect.json")
    return not os.path.exists(expect) or load(expect).get("_exit", 0) == 0


# Samples and contract documents.
journeys = sorted(glob.glob(os.path.join(root, "data", "journeys", "*.json")))
scenarios = sorted(glob.glob(os.path.join(root, "data", "scenarios", "*.json")))
check("data/ has sample journeys and scenarios", bool(journeys) and bool(scenarios))
for path in journeys:
    validate_file("journey", path)
for path in sorted(glob.glob(os.path.join(root, "data", "catalogs", "*.json"))):
    validate_file("catalog", path)
for path in scenarios:
    document = validate_file("scenario", path)
    if document and isinstance(document.get("catalog"), str):
        catalog = os.path.join(os.path.dirname(path), document["catalog"])
        check(f"{rel(path)}: catalog {document['catalog']} exists", os.path.isfile(catalog))
for path in sorted(glob.glob(os.path.join(root, "tests", "fixtures", "report", "*.json"))):
    report = validate_file("report", path)
    if report:
        # Broken copies are rejected: a missing section, a local time, a trailing zero.
        for what, edit in [("without totals", lambda r: r.pop("totals")),
                           ("with a local time", lambda r: r["window"].update(start="2026-11-02T01:00:00+01:00")),
                           ("with a trailing zero", lambda r: r["window"].update(end="2026-11-20T00:00:00.50Z")),
                           ("with an unknown outcome", lambda r: r["people"][0].update(outcome="done"))]:
            broken = json.loads(json.dumps(report))
            edit(broken)
            check(f"{rel(path)} {what} is rejected", bool(errors_of(validators["report"], broken)))
for folder in sorted(glob.glob(os.path.join(root, "tests", "contract", "*"))):
    if not contract_case_is_valid(folder):
        continue
    for kind in ("journey", "scenario"):
        path = os.path.join(folder, kind + ".json")
        if os.path.exists(path):
            validate_file(kind, path)


def run_cli(*args):
    return subprocess.run([cli, *args], capture_output=True, text=True, timeout=120)


# Documents a schema must reject, and so must the validator.
invalid = sorted(glob.glob(os.path.join(root, "tests", "fixtures", "schema-invalid", "*.json")))
check("tests/fixtures/schema-invalid/ has documents", len(invalid) >= 10)
for path in invalid:
    problems = errors_of(validators["journey"], load(path))
    check(f"{rel(path)} is rejected by journey.schema.json", bool(problems))
    if cli:
        run = run_cli("validate", path)
        check(f"{rel(path)} is rejected by cairn-cli validate (exit 1)", run.returncode == 1,
              f"exit {run.returncode}\n{run.stdout}{run.stderr}")
    else:
        skip(f"{rel(path)} is rejected by cairn-cli validate", "CAIRN_CLI not set")

# The samples are valid journeys for the validator too.
if cli and journeys:
    run = run_cli("validate", *journeys)
    check("cairn-cli validate accepts every sample journey", run.returncode == 0 and "error:" not in run.stderr + run.stdout,
          f"exit {run.returncode}\n{run.stdout}{run.stderr}")


# Reports of the samples match report.schema.json.
def journey_for(scenario_path):
    """data/journeys/JOURNEY.json for a scenario JOURNEY.json or JOURNEY-anything.json."""
    stem = os.path.basename(scenario_path)[:-len(".json")]
    names = [os.path.basename(j)[:-len(".json")] for j in journeys]
    names = [n for n in names if stem == n or stem.startswith(n + "-")]
    return os.path.join(root, "data", "journeys", max(names, key=len) + ".json") if names else None


for path in scenarios:
    journey = journey_for(path)
    name = f"report of {rel(path)} matches report.schema.json"
    if not cli or journey is None:
        skip(name, "no command line tool or no journey")
        continue
    run = run_cli("simulate", journey, "--scenario", path)
    if run.returncode != 0:
        if "not built" in run.stderr:
            skip(name, "the simulator is not built yet")
        else:
            check(name, False, f"exit {run.returncode}\n{run.stderr}")
        continue
    try:
        report = json.loads(run.stdout)
    except ValueError as e:
        check(name, False, f"not JSON: {e}")
        continue
    problems = errors_of(validators["report"], report)
    check(name, not problems, "\n".join(problems))

# Portfolios (DESIGN §13): the samples match portfolio.schema.json, are
# valid for the validator, and their reports match portfolio-report.schema.json.
portfolios = sorted(glob.glob(os.path.join(root, "data", "portfolios", "*.json")))
check("data/portfolios/ has a sample portfolio", bool(portfolios))
for path in portfolios:
    validate_file("portfolio", path)
    name = f"report of {rel(path)} matches portfolio-report.schema.json"
    scenario = os.path.join(root, "data", "scenarios", os.path.basename(path)[:-len(".json")] + "-portfolio.json")
    if not cli or not os.path.exists(scenario):
        skip(name, "no command line tool or no scenario")
        continue
    run = run_cli("validate", path)
    check(f"cairn-cli validate accepts {rel(path)}", run.returncode == 0, f"exit {run.returncode}\n{run.stderr}")
    run = run_cli("simulate", "--portfolio", path, "--scenario", scenario)
    if run.returncode != 0:
        check(name, False, f"exit {run.returncode}\n{run.stderr}")
        continue
    report = json.loads(run.stdout)
    problems = errors_of(validators["portfolio-report"], report)
    check(name, not problems, "\n".join(problems))
    broken = json.loads(json.dumps(report))
    for body in broken["journeys"].values():
        for channel in body["channels"].values():
            channel.pop("portfolio_capped")
    check(f"{name}: a body without portfolio_capped is rejected",
          bool(errors_of(validators["portfolio-report"], broken)))
for bad in [{"format": "cairn-portfolio", "version": 1, "id": "x", "journeys": []},
            {"format": "cairn-portfolio", "version": 1, "id": "x", "journeys": ["a.json"],
             "frequency_cap": {"max_messages": 0, "per": "P1D"}},
            {"format": "cairn-portfolio", "version": 1, "id": "x", "journeys": ["a.json"],
             "frequency_cap": {"max_messages": 1, "per": "PT0S"}},
            {"format": "cairn-portfolio", "version": 1, "id": "x", "journeys": ["a.json"],
             "frequency_cap": {"max_messages": 1, "per": "P1D", "channels": ["email", "email"]}}]:
    check(f"portfolio.schema.json rejects {json.dumps(bad)[60:]}", bool(errors_of(validators["portfolio"], bad)))

# The schema's node kinds agree with the registry.
registry_c = os.path.join(root, "src", "core", "cairn-registry.c")
if os.path.exists(registry_c):
    with open(registry_c, encoding="utf-8") as f:
        source = f.read()
    fields = {}
    for block, body in re.findall(r"static const CairnFieldSpec (\w+)\[\] = \{(.*?)\n\};", source, re.S):
        fields[block] = [m[0] for m in re.findall(r'(?<!ENUM_)FIELD \("(\w+)",\s*(?:\w+,\s*)?(TRUE)', body)] + \
                        [m for m in re.findall(r'ENUM_FIELD \("(\w+)",\s*TRUE', body)]
    kinds = {}
    # the rows: starters and flow, the channels, actions and exits
    table = source[source.index("static const CairnNodeKind kinds_before[]"):]
    starts = list(re.finditer(r'KIND0? \("([\w.]+)"', table))
    for m, following in zip(starts, starts[1:] + [None]):
        entry = table[m.end():following.start() if following else None]
        block = re.search(r"(\w+_fields)", entry)
        kinds[m.group(1)] = sorted(fields.get(block.group(1), [])) if block else []
    defs = schemas["journey"]["$defs"]
    schema_types = schemas["journey"]["$defs"]["node"]["properties"]["type"]["enum"]
    check("journey.schema.json lists the registry's node types", sorted(schema_types) == sorted(kinds),
          f"schema {sorted(schema_types)}\nregistry {sorted(kinds)}")
    for kind_type, required in sorted(kinds.items()):
        config = defs.get("config." + kind_type, {})
        check(f"journey.schema.json: {kind_type} requires {required}",
              sorted(config.get("required", [])) == required,
              f"schema requires {sorted(config.get('required', []))}")

print(f"1..{len(results)}")
failed = 0
for n, (name, ok, detail, why) in enumerate(results, 1):
    if why is not None:
        print(f"ok {n} - {name} # SKIP {why}")
        continue
    print(f"{'ok' if ok else 'not ok'} {n} - {name}")
    if not ok:
        failed += 1
        for line in detail.splitlines()[:20]:
            print(f"# {line}")
sys.exit(1 if failed else 0)
