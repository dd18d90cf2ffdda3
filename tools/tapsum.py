#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Count TAP results for make check.

usage: tapsum.py host LOG RC          one host suite's output and exit code
       tapsum.py vm TAPLOG CONSOLELOG VM_RC
                                     a VM run: suites between WT-SUITE-BEGIN
                                     and WT-SUITE-END markers

Prints "pass fail skip" on the first line, then one line per problem found
(a failed test, a crashed suite, a kernel oops) for the report.
"""
import re
import sys

RESULT = re.compile(r'^\s*(not ok|ok)\s+\d+\b(.*)$')
PLAN = re.compile(r'^\s*1\.\.(\d+)\s*$')
DIAG_LINES = 6
KERNEL_TROUBLE = re.compile(r'BUG:|WARNING:|Oops|Call Trace|Kernel panic')


def count(lines, label):
    passed = failed = skipped = 0
    planned = None
    problems = []
    # The harness's "# file.c:line:test:Expected ..." lines come before
    # the result they explain; a failure carries the last few with it.
    notes = []
    for line in lines:
        m = PLAN.match(line)
        if m and planned is None:
            planned = int(m.group(1))
            continue
        m = RESULT.match(line)
        if not m:
            if line.lstrip().startswith('#'):
                notes = (notes + [line.strip()])[-DIAG_LINES:]
            continue
        why, notes = notes, []
        rest = m.group(2)
        if re.search(r'#\s*SKIP', rest, re.I):
            skipped += 1
        elif m.group(1) == 'ok':
            passed += 1
        else:
            failed += 1
            problems.append('%s: not ok%s' % (label, rest))
            problems += ['    ' + n for n in why if not RESULT.match(n)]
    seen = passed + failed + skipped
    if planned is not None and seen < planned:
        failed += planned - seen
        problems.append('%s: %d planned tests never reported' %
                        (label, planned - seen))
    return passed, failed, skipped, problems


def host(log, rc):
    with open(log, errors='replace') as f:
        lines = f.read().splitlines()
    p, f_, s, problems = count(lines, log)
    if int(rc) != 0 and f_ == 0:
        f_ += 1
        problems.append('%s: exited %s without a failing test' % (log, rc))
    if p + f_ + s == 0:
        f_ += 1
        problems.append('%s: ran no test' % log)
    return p, f_, s, problems


def vm(taplog, consolelog, vm_rc):
    try:
        with open(taplog, errors='replace') as f:
            lines = f.read().splitlines()
    except OSError:
        lines = []
    passed = failed = skipped = 0
    problems = []
    suite = None
    body = []
    for line in lines:
        if line.startswith('WT-SUITE-BEGIN '):
            suite = line.split()[1]
            body = []
        elif line.startswith('WT-SUITE-END ') and suite:
            rc = line.rsplit('rc=', 1)[-1].strip()
            p, f_, s, pr = count(body, suite)
            if rc != '0' and f_ == 0:
                f_ += 1
                pr.append('%s: exited rc=%s without a failing test' %
                          (suite, rc))
            if p + f_ + s == 0:
                f_ += 1
                pr.append('%s: ran no test' % suite)
            passed += p
            failed += f_
            skipped += s
            problems += pr
            suite = None
        elif suite:
            body.append(line)
    if suite:
        failed += 1
        problems.append('%s: never finished (VM died or timed out)' % suite)
    if not any(line.startswith('WT-SUITE-BEGIN ') for line in lines):
        failed += 1
        problems.append('no selftest ran (unknown name in T=?)')
    if not any(line.startswith('WT-VM-DONE') for line in lines):
        failed += 1
        problems.append('VM did not reach its end (rc=%s%s)' %
                        (vm_rc, ', timeout' if vm_rc == '124' else ''))
    if any(line.startswith('WT-VM-ERROR') for line in lines):
        failed += 1
        problems += [l for l in lines if l.startswith('WT-VM-ERROR')]
    try:
        with open(consolelog, errors='replace') as f:
            console = f.read().splitlines()
    except OSError:
        console = []
    trouble = [l for l in console if KERNEL_TROUBLE.search(l)]
    if trouble:
        failed += 1
        problems.append('kernel log: ' + trouble[0].strip())
    return passed, failed, skipped, problems


def main():
    if len(sys.argv) == 4 and sys.argv[1] == 'host':
        res = host(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 5 and sys.argv[1] == 'vm':
        res = vm(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.stderr.write(__doc__)
        return 2
    p, f_, s, problems = res
    print(p, f_, s)
    for line in problems:
        print(line)
    return 0


if __name__ == '__main__':
    sys.exit(main())
