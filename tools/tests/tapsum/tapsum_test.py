#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""TAP test of tools/tapsum.py's debug-kernel scanner (make check-debug):
each checker's report fails the run, is told apart as wintok's or the
kernel's, is named with the suite that was running, and only a known
report with a written reason is let through."""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TAPSUM = os.path.join(HERE, '..', '..', 'tapsum.py')

TAP_OK = """WT-VM-BOOTED 6.12.118-wtdebug
WT-SUITE-BEGIN token_test
1..1
ok 1 token.create
WT-SUITE-END token_test rc=0
WT-KMEMLEAK-BEGIN loaded
WT-KMEMLEAK-END loaded
WT-KMEMLEAK-MODULE wintok 65536 0 - Live 0xffffffffc0200000 (O)
WT-KMEMLEAK-BEGIN unloaded
WT-KMEMLEAK-END unloaded
WT-VM-DONE
"""

BOOT = """[    0.000000] Linux version 6.12.118-wtdebug
[    0.000000] Command line: console=ttyS0 panic=-1 oops=panic panic_on_warn=0
[    1.000000] wintok-check: begin token_test
"""

KASAN = """[    2.000000] ==================================================================
[    2.000001] BUG: KASAN: slab-use-after-free in wt_token_put+0x2a/0x80 [wintok]
[    2.000002] Read of size 4 at addr ffff888012345678 by task token_test/321
[    2.000003] Call Trace:
[    2.000004]  <TASK>
[    2.000005]  wt_token_put+0x2a/0x80 [wintok]
[    2.000006] ==================================================================
"""

LOCKDEP_KERNEL = """[    3.000000] ======================================================
[    3.000001] WARNING: possible circular locking dependency detected
[    3.000002] 6.12.118-wtdebug #1 Not tainted
[    3.000003] ------------------------------------------------------
[    3.000004] kworker/0:1/12 is trying to acquire lock:
[    3.000005]  p9_client_rpc+0x10/0x20
"""

UBSAN = """[    4.000000] ------------[ cut here ]------------
[    4.000001] UBSAN: shift-out-of-bounds in module/core/wt_sid.c:40:12
[    4.000002] shift exponent 64 is too large for 64-bit type
[    4.000003]  wt_sid_hash+0x1/0x2 [wintok]
[    4.000004] ---[ end trace 0000000000000000 ]---
"""

LEAK_OURS = """unreferenced object 0xffff888003a1b200 (size 64):
  comm "token_test", pid 321, jiffies 4294700000
  backtrace (crc 1a2b3c4d):
    [<ffffffff81300000>] __kmalloc_noprof+0x200/0x400
    [<ffffffffc0201234>] 0xffffffffc0201234
"""

LEAK_KERNEL = """unreferenced object 0xffff888003a1c000 (size 32):
  comm "swapper/0", pid 1, jiffies 4294670000
  backtrace (crc 5e6f7a8b):
    [<ffffffff81300000>] __kmalloc_noprof+0x200/0x400
    [<ffffffff81a00000>] acpi_os_map_iomem+0x20/0x80
"""

KNOWN_ACPI = """# reason: ACPI maps kept for the life of the system
kmemleak: acpi_os_map_iomem
"""


def run(tap, console, known):
    with tempfile.TemporaryDirectory() as d:
        paths = []
        for name, text in (('tap', tap), ('console', console),
                           ('known', known)):
            paths.append(os.path.join(d, name))
            with open(paths[-1], 'w') as f:
                f.write(text)
        res = subprocess.run([sys.executable, TAPSUM, 'vm-debug', paths[0],
                              paths[1], '0', paths[2]],
                             capture_output=True, text=True)
    lines = res.stdout.splitlines()
    counts = lines[0].split() if lines else ['?', '?', '?']
    return res.returncode, counts, lines[1:], res.stderr


def leak_tap(block):
    return TAP_OK.replace('WT-KMEMLEAK-END unloaded',
                          block + 'WT-KMEMLEAK-END unloaded')


CASES = []


def case(fn):
    CASES.append(fn)
    return fn


@case
def clean_run_passes():
    rc, counts, problems, _ = run(TAP_OK, BOOT, '')
    return rc == 0 and counts == ['1', '0', '0'] and not problems


@case
def kasan_in_wintok_fails_and_names_the_suite():
    rc, counts, problems, _ = run(TAP_OK, BOOT + KASAN, '')
    return counts[1] == '1' and len(problems) == 1 and \
        'kernel report (wintok) during token_test: BUG: KASAN' in problems[0]


@case
def lockdep_in_kernel_code_fails_as_the_kernels():
    rc, counts, problems, _ = run(TAP_OK, BOOT + LOCKDEP_KERNEL, '')
    return counts[1] == '1' and len(problems) == 1 and \
        'kernel report (kernel code)' in problems[0] and \
        'circular locking' in problems[0]


@case
def ubsan_fails():
    rc, counts, problems, _ = run(TAP_OK, BOOT + UBSAN, '')
    return counts[1] == '1' and 'UBSAN: shift-out-of-bounds' in problems[0] \
        and '(wintok)' in problems[0]


@case
def a_report_repeated_counts_once():
    rc, counts, problems, _ = run(TAP_OK, BOOT + KASAN + KASAN, '')
    return counts[1] == '1' and len(problems) == 1


@case
def leak_in_unloaded_module_range_is_wintoks():
    rc, counts, problems, _ = run(leak_tap(LEAK_OURS), BOOT, '')
    return counts[1] == '1' and len(problems) == 1 and \
        problems[0].startswith('kmemleak (wintok, wintok unloaded)')


@case
def kernel_leak_fails_unless_known_with_reason():
    rc, counts, problems, _ = run(leak_tap(LEAK_KERNEL), BOOT, '')
    if counts[1] != '1' or 'kmemleak (kernel code' not in problems[0]:
        return False
    rc, counts, problems, _ = run(leak_tap(LEAK_KERNEL), BOOT, KNOWN_ACPI)
    return counts[1] == '0' and not problems


@case
def known_entry_without_reason_is_refused():
    rc, counts, problems, err = run(leak_tap(LEAK_KERNEL), BOOT,
                                    'kmemleak: acpi_os_map_iomem\n')
    return rc != 0 and 'no "# reason:" line' in err


@case
def missing_final_kmemleak_scan_fails():
    tap = TAP_OK.replace('WT-KMEMLEAK-END unloaded\n', '')
    rc, counts, problems, _ = run(tap, BOOT, '')
    return counts[1] == '1' and \
        problems == ['kmemleak: the final scan did not run']


@case
def kmemleak_giving_up_fails():
    console = BOOT + '[    5.0] kmemleak: Kernel memory leak detector disabled\n'
    rc, counts, problems, _ = run(TAP_OK, console, '')
    return counts[1] == '1' and 'detector disabled' in problems[0]


def run_release(tap, console):
    with tempfile.TemporaryDirectory() as d:
        paths = []
        for name, text in (('tap', tap), ('console', console)):
            paths.append(os.path.join(d, name))
            with open(paths[-1], 'w') as f:
                f.write(text)
        res = subprocess.run([sys.executable, TAPSUM, 'vm', paths[0],
                              paths[1], '0'], capture_output=True, text=True)
    lines = res.stdout.splitlines()
    counts = lines[0].split() if lines else ['?', '?', '?']
    return counts, lines[1:]


@case
def release_kernel_reports_fail_make_check():
    # make check's scan of a release kernel's console: each first line a
    # kernel prints for a report fails the boot, a clean console does not.
    reports = ['BUG: unable to handle page fault for address: 0000',
               'kernel BUG at mm/slub.c:435!',
               'WARNING: CPU: 1 PID: 77 at kernel/rcu/tree.c:2000',
               'UBSAN: array-index-out-of-bounds in fs/namei.c:100:5',
               'Oops: 0000 [#1] PREEMPT SMP NOPTI']
    counts, problems = run_release(TAP_OK, BOOT)
    if counts[1] != '0' or problems:
        return False
    for report in reports:
        counts, problems = run_release(TAP_OK,
                                       BOOT + '[    2.0] ' + report + '\n')
        if counts[1] != '1' or report not in problems[0]:
            print('# not caught: ' + report)
            return False
    return True


def main():
    print('1..%d' % len(CASES))
    failed = 0
    for n, fn in enumerate(CASES, 1):
        try:
            ok = fn()
        except Exception as e:  # a crash of the scanner is a failure
            print('# %s: %r' % (fn.__name__, e))
            ok = False
        print('%s %d tapsum.%s' % ('ok' if ok else 'not ok', n, fn.__name__))
        failed += not ok
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
