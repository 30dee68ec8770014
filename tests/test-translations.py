#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every language in po/LINGUAS is complete: msgfmt --check passes, and
against a template made fresh from the sources in po/POTFILES.in (as
`meson compile cairn-pot` would) no message is untranslated or fuzzy.
Prints TAP."""
import os
import subprocess
import sys
import tempfile

root = sys.argv[1]
po = os.path.join(root, "po")
langs = [l.strip() for l in open(os.path.join(po, "LINGUAS")) if l.strip() and not l.startswith("#")]

# The keywords of meson's 'glib' gettext preset.
XGETTEXT = ["xgettext", "--package-name=cairn", "--from-code=UTF-8", "--add-comments",
            "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
            "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
            "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format", "--flag=NC_:2:pass-c-format",
            "--flag=g_dngettext:2:pass-c-format", "--flag=g_strdup_printf:1:c-format",
            "--flag=g_string_printf:2:c-format", "--flag=g_string_append_printf:2:c-format",
            "--flag=g_error_new:3:c-format", "--flag=g_set_error:4:c-format",
            "--flag=g_markup_printf_escaped:1:c-format", "--flag=g_log:3:c-format",
            "--flag=g_print:1:c-format", "--flag=g_printerr:1:c-format",
            "--flag=g_printf:1:c-format", "--flag=g_fprintf:2:c-format",
            "--flag=g_sprintf:2:c-format", "--flag=g_snprintf:3:c-format"]

tests = []
with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, "cairn.pot")
    made = subprocess.run(XGETTEXT + ["--directory=" + root, "--files-from=" + os.path.join(po, "POTFILES.in"),
                                      "--output=" + pot], capture_output=True, text=True)
    tests.append(("a template can be made from po/POTFILES.in", made.returncode == 0, made.stderr))
    for lang in langs:
        path = os.path.join(po, lang + ".po")
        check = subprocess.run(["msgfmt", "--check", "--statistics", "-o", os.devnull, path],
                               capture_output=True, text=True)
        ok = check.returncode == 0 and "untranslated" not in check.stderr and "fuzzy" not in check.stderr
        tests.append((lang + ": msgfmt --check --statistics: " + check.stderr.strip(), ok, check.stderr))
        if made.returncode != 0:
            continue
        merged = os.path.join(tmp, lang + ".po")
        subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged, path, pot], check=True)
        stats = subprocess.run(["msgfmt", "--check", "--statistics", "-o", os.devnull, merged],
                               capture_output=True, text=True).stderr
        missing = subprocess.run(["msgattrib", "--untranslated", "--no-obsolete", merged],
                                 capture_output=True, text=True).stdout
        ok = "untranslated" not in stats and "fuzzy" not in stats
        tests.append((lang + ": every message of the sources is translated (" + stats.strip() + ")", ok,
                      missing[:2000]))

print("1..%d" % len(tests))
failed = 0
for i, (name, ok, detail) in enumerate(tests, 1):
    print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
    if not ok:
        failed += 1
        for line in (detail or "").splitlines():
            print("# " + line)
sys.exit(1 if failed else 0)
