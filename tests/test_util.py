# SPDX-License-Identifier: GPL-3.0-or-later
"""What the contract and partition test scripts share."""
import os


def case_args(folder):
    """The simulate arguments of a case folder: its journey.json, then
    events.jsonl (and profiles.jsonl when there is one) or scenario.json."""
    args = [os.path.join(folder, "journey.json")]
    if os.path.exists(os.path.join(folder, "events.jsonl")):
        args += ["--events", os.path.join(folder, "events.jsonl")]
        if os.path.exists(os.path.join(folder, "profiles.jsonl")):
            args += ["--profiles", os.path.join(folder, "profiles.jsonl")]
    else:
        args += ["--scenario", os.path.join(folder, "scenario.json")]
    return args


def tap(number, name, problems, note=None):
    """Prints test @number's TAP line: "ok", with @note in brackets when
    given, or "not ok" and each problem as a comment. Returns 1 when it
    failed, else 0."""
    if problems:
        print(f"not ok {number} - {name}")
        for p in problems:
            print(f"# {p}")
        return 1
    print(f"ok {number} - {name}" + (f" ({note})" if note else ""))
    return 0
