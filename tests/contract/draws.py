#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""u(key) of DESIGN.md §12 R, by hand: FNV-1a 64 then splitmix64, >> 11, x 2^-53.
Run with no arguments to check against /work/shared/rng_vectors.json (or the
path in $RNG_VECTORS); with keys as arguments, prints u for each."""
import json, os, sys
M = (1 << 64) - 1

def fnv1a64(s):
    h = 0xcbf29ce484222325
    for b in s.encode("utf-8"):
        h = ((h ^ b) * 0x100000001b3) & M
    return h

def splitmix64(z):
    z = (z + 0x9e3779b97f4a7c15) & M
    z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & M
    z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & M
    return z ^ (z >> 31)

def u(key):
    return (splitmix64(fnv1a64(key)) >> 11) * 2.0 ** -53

if __name__ == "__main__":
    if len(sys.argv) > 1:
        for k in sys.argv[1:]:
            print(f"{k}\t{u(k)!r}")
    else:
        path = os.environ.get("RNG_VECTORS", "/work/shared/rng_vectors.json")
        bad = 0
        for v in json.load(open(path))["vectors"]:
            if fnv1a64(v["key"]) != int(v["fnv1a64"]) or splitmix64(fnv1a64(v["key"])) != int(v["splitmix64"]) \
               or (splitmix64(fnv1a64(v["key"])) >> 11) != v["u53"]:
                bad += 1
                print("mismatch", v["key"])
        print("ok" if not bad else f"{bad} mismatches")
