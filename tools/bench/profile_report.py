#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Print where one operation's guest instructions go, by function.

Reads what tools/bench/profile.sh left in --dir: for each case (none,
base, wintok) and each count (0 and --n), the plugin's block counts
(CASE-COUNT.blocks: "address instructions executions") and the VM's
output (CASE-COUNT.log, whose WT-SYM lines are the module's symbols in
that boot). The kernel's symbols are the WT-KSYM lines of none-0.log
(the VM boots with nokaslr, so they hold in every boot; Debian's
/boot/System.map is a stub).
"""
import argparse
import bisect
import os
import sys

# A block further than this past its nearest symbol belongs to no known
# function (an ftrace trampoline, another module's code, BPF).
MAX_FUNC_BYTES = {"kernel": 1 << 16, "module": 1 << 12}


def read_symbols(path, prefix="", kind="kernel"):
    syms = []
    with open(path) as f:
        for line in f:
            if prefix:
                if not line.startswith(prefix):
                    continue
                line = line[len(prefix):]
            parts = line.split()
            if len(parts) < 3 or parts[1] not in "tTwW":
                continue
            syms.append((int(parts[0], 16), parts[2], kind))
    return syms


class Symbolizer:
    def __init__(self, syms):
        syms.sort()
        self.addrs = [s[0] for s in syms]
        self.syms = syms

    def name(self, addr):
        i = bisect.bisect_right(self.addrs, addr) - 1
        if i < 0:
            return "[other]"
        start, name, kind = self.syms[i]
        if addr - start > MAX_FUNC_BYTES[kind]:
            return "[other]"
        return name if kind == "kernel" else name + " [wintok]"


def by_function(blocks_path, symbolizer):
    totals = {}
    with open(blocks_path) as f:
        for line in f:
            addr, insns, count = line.split()
            name = symbolizer.name(int(addr, 16))
            totals[name] = totals.get(name, 0) + int(insns) * int(count)
    return totals


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, required=True)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--min", type=float, default=1.0,
                    help="hide functions below this many per operation")
    ap.add_argument("cases", nargs="+")
    args = ap.parse_args()

    kernel = read_symbols(os.path.join(args.dir, "none-0.log"), "WT-KSYM ")
    per_op = {}
    for case in args.cases:
        counts = {}
        for n in (0, args.n):
            base = os.path.join(args.dir, "%s-%d" % (case, n))
            syms = list(kernel)
            if case != "none":
                syms += read_symbols(base + ".log", "WT-SYM ", "module")
            counts[n] = by_function(base + ".blocks", Symbolizer(syms))
        names = set(counts[0]) | set(counts[args.n])
        per_op[case] = {
            name: (counts[args.n].get(name, 0) - counts[0].get(name, 0)) /
            args.n for name in names}

    cases = args.cases
    names = set()
    for case in cases:
        names |= {k for k, v in per_op[case].items() if abs(v) >= args.min}
    diff = "base" in cases and "wintok" in cases

    def value(case, name):
        return per_op[case].get(name, 0.0)

    # The functions that differ most between the last case and the first
    # (wintok and none) first.
    order = sorted(names, key=lambda k: (-abs(value(cases[-1], k) -
                                              value(cases[0], k)), k))
    head = "".join("%12s" % c for c in cases)
    if diff:
        head += "%12s" % "wintok-base"
    print("%-44s%s" % ("function", head))
    for name in order:
        row = "".join("%12.1f" % value(c, name) for c in cases)
        if diff:
            row += "%12.1f" % (value("wintok", name) - value("base", name))
        print("%-44s%s" % (name[:44], row))
    row = "".join("%12.1f" % sum(per_op[c].values()) for c in cases)
    if diff:
        row += "%12.1f" % (sum(per_op["wintok"].values()) -
                           sum(per_op["base"].values()))
    print("%-44s%s" % ("total (all functions)", row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
