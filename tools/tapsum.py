#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Count TAP results for make check.

usage: tapsum.py host LOG RC          one host suite's output and exit code
       tapsum.py vm TAPLOG CONSOLELOG VM_RC
                                     a VM run: suites between WT-SUITE-BEGIN
                                     and WT-SUITE-END markers
       tapsum.py vm-debug TAPLOG CONSOLELOG VM_RC KNOWN
                                     a run on the debug kernel (make
                                     check-debug): as vm, and every report of
                                     the kernel's checkers and every kmemleak
                                     suspect fails, unless KNOWN lists it with
                                     a reason

Prints "pass fail skip" on the first line, then one line per problem found
(a failed test, a crashed suite, a kernel oops) for the report.
"""
import re
import sys

RESULT = re.compile(r'^\s*(not ok|ok)\s+\d+\b(.*)$')
PLAN = re.compile(r'^\s*1\.\.(\d+)\s*$')
DIAG_LINES = 6
KERNEL_TROUBLE = re.compile(
    r'BUG:|kernel BUG at|WARNING:|UBSAN:|Oops|Call Trace|Kernel panic')


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


# What the debug kernel's checkers print first: KASAN, lockdep, RCU
# (suspicious usage, stalls), atomic sleep, UBSAN, debug objects, list
# and refcount checks, WARN/BUG, hung tasks, soft lockups, oopses.
DEBUG_REPORT = re.compile(
    r'BUG:|WARNING:|UBSAN:|ODEBUG:|kernel BUG at|Oops|Kernel panic|'
    r'general protection fault|refcount_t:|list_(add|del) corruption|'
    r'DEBUG_LOCKS_WARN_ON|INFO: task .* blocked for more than|'
    r'detected stall|stall on CPU|stack-protector:|'
    # kmemleak's suspects are read from the tap log (kmemleak_reports());
    # here only kmemleak giving up, which would leave that list empty.
    r'kmemleak: (Kernel memory leak detector disabled|Cannot|.*fail)')
# A report ends at KASAN's closing rule, the end of a WARN's trace, the
# start of the next one, or after this many lines (lockdep's have no end
# marker and list several stacks).
REPORT_END = re.compile(r'^={20,}|---\[ end trace|\[ cut here \]')
REPORT_LINES = 160
TIMESTAMP = re.compile(r'^\[\s*\d+\.\d+\]\s*')
MARK = re.compile(r'wintok-check: (begin|end) (\S+)')
OURS = re.compile(r'\[wintok\]|\[hooktest\]')


def load_known(path):
    """Known reports that are not the module's: "KIND: REGEX" lines (KIND
    console or kmemleak), each after a "# reason:" comment saying why it is
    not ours. An entry without a reason is an error, not a filter."""
    known = []
    reason = None
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            if line.startswith('# reason:'):
                reason = line[len('# reason:'):].strip()
                continue
            if line.startswith('#'):
                continue
            kind, _, rx = line.partition(':')
            if kind not in ('console', 'kmemleak') or not rx.strip():
                raise SystemExit('%s:%d: not "console: RE" or "kmemleak: RE"'
                                 % (path, n))
            if not reason:
                raise SystemExit('%s:%d: no "# reason:" line before it'
                                 % (path, n))
            known.append((kind, re.compile(rx.strip()), reason))
            reason = None
    return known


def is_known(known, kind, text):
    return any(k == kind and rx.search(text) for k, rx, _ in known)


def console_reports(console, known):
    """Every checker report of the console, once per first line, with the
    suite that was running and whether a wintok frame is in it."""
    lines = [TIMESTAMP.sub('', l) for l in console]
    seen = set()
    problems = []
    suite = '(boot)'
    for i, line in enumerate(lines):
        m = MARK.search(line)
        if m:
            suite = m.group(2) if m.group(1) == 'begin' else '(between)'
            continue
        if not DEBUG_REPORT.search(line):
            continue
        body = [line]
        for nxt in lines[i + 1:i + REPORT_LINES]:
            if REPORT_END.search(nxt) or MARK.search(nxt):
                break
            body.append(nxt)
        text = '\n'.join(body)
        head = re.sub(r'\b(PID|pid|CPU): ?\d+', r'\1', line.strip())
        head = re.sub(r'0x[0-9a-f]+|\b[0-9a-f]{8,}\b', 'ADDR', head)
        if head in seen:
            continue
        seen.add(head)
        if is_known(known, 'console', text):
            continue
        who = 'wintok' if OURS.search(text) else 'kernel code'
        problems.append('kernel report (%s) during %s: %s' %
                        (who, suite, line.strip()))
    return problems


def kmemleak_reports(lines, known):
    """Suspects between WT-KMEMLEAK-BEGIN/END, unless known with a reason.
    Frames of an unloaded wintok are bare addresses: the module's range
    printed before rmmod attributes them."""
    problems = []
    mod = None
    for line in lines:
        if line.startswith('WT-KMEMLEAK-MODULE wintok '):
            # "wintok SIZE REFS DEPS STATE 0xADDR (TAINTS)"
            f = line.split()[1:]
            base = [int(x, 16) for x in f if x.startswith('0x')]
            if len(f) > 1 and f[1].isdigit() and base and base[0]:
                mod = (base[0], base[0] + int(f[1]))
    blocks = []
    phase = None
    for line in lines:
        if line.startswith('WT-KMEMLEAK-BEGIN '):
            phase = line.split()[1]
        elif line.startswith('WT-KMEMLEAK-END '):
            phase = None
        elif phase and line.startswith('unreferenced object'):
            blocks.append((phase, [line]))
        elif phase and blocks and blocks[-1][0] == phase:
            blocks[-1][1].append(line)
    for phase, block in blocks:
        text = '\n'.join(block)
        if is_known(known, 'kmemleak', text):
            continue
        ours = OURS.search(text) is not None
        if mod and not ours:
            for a in re.findall(r'\[<([0-9a-f]+)>\]', text):
                if mod[0] <= int(a, 16) < mod[1]:
                    ours = True
        frames = [l.strip() for l in block
                  if re.match(r'\s*\[<[0-9a-f]+>\]', l)]
        where = next((f for f in frames if OURS.search(f)),
                     frames[0] if frames else '?')
        problems.append('kmemleak (%s, wintok %s): %s at %s' %
                        ('wintok' if ours else 'kernel code', phase,
                         block[0].strip(), where))
    return problems


def vm_debug(taplog, consolelog, vm_rc, knownfile):
    passed, failed, skipped, problems = vm(taplog, consolelog, vm_rc)
    # vm() counted the first kernel trouble line already; count reports
    # one by one here instead.
    trouble = [p for p in problems if p.startswith('kernel log: ')]
    if trouble:
        failed -= 1
        problems = [p for p in problems if not p.startswith('kernel log: ')]
    known = load_known(knownfile)
    try:
        with open(consolelog, errors='replace') as f:
            console = f.read().splitlines()
    except OSError:
        console = []
    try:
        with open(taplog, errors='replace') as f:
            tap = f.read().splitlines()
    except OSError:
        tap = []
    reports = console_reports(console, known) + kmemleak_reports(tap, known)
    if not any(l.startswith('WT-KMEMLEAK-END unloaded') for l in tap):
        reports.append('kmemleak: the final scan did not run')
    failed += len(reports)
    return passed, failed, skipped, problems + reports


def main():
    if len(sys.argv) == 4 and sys.argv[1] == 'host':
        res = host(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 5 and sys.argv[1] == 'vm':
        res = vm(sys.argv[2], sys.argv[3], sys.argv[4])
    elif len(sys.argv) == 6 and sys.argv[1] == 'vm-debug':
        res = vm_debug(*sys.argv[2:])
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
