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

