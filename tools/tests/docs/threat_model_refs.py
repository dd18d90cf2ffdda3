#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Every selftest Documentation/design/threat-model.rst names must exist.

The threat model lists each boundary with the test that proves it, as
``file: test`` or ``file: fixture.test`` (the selftest program and the
kselftest-harness name), a script name such as ``fileserver.sh``, or a
script's TAP test as ``wtrun.sh: wtrun.wrong_password_fails``. A
renamed or removed test would leave a boundary with no proof while the
page still claims one: each reference is one TAP line here.
"""
import os
import re
import sys

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))
DOC = os.path.join(TOP, 'Documentation', 'design', 'threat-model.rst')
SELFTESTS = os.path.join(TOP, 'selftests')

# ``prog: name`` with the name possibly wrapped onto the next line.
REF = re.compile(r'``([a-z0-9_]+): *([a-z0-9_.]+)``')
SCRIPT = re.compile(r'``([a-z0-9_]+\.sh)``')
# ``script.sh: name``: the script reports a TAP test of that name.
SCRIPT_REF = re.compile(r'``([a-z0-9_]+\.sh): *([a-z0-9_.]+)``')
TEST_DEF = re.compile(r'^\s*TEST(?:_F)?(?:_TIMEOUT)?\(\s*([a-z0-9_]+)\s*'
                      r'(?:,\s*([a-z0-9_]+))?\s*[,)]', re.M)


def tests_of(prog):
    """Names a selftest program defines: 'test' and 'fixture.test'."""
    path = os.path.join(SELFTESTS, prog + '.c')
    if not os.path.exists(path):
        return None
    names = set()
    with open(path, encoding='utf-8') as f:
        for m in TEST_DEF.finditer(f.read()):
            if m.group(2):
                names.add(m.group(1) + '.' + m.group(2))
                names.add(m.group(2))
            else:
                names.add(m.group(1))
    return names


def script_path(script):
    """Where a named shell test lives: selftests/, selftests/ad/ (make
    check-ad) or tools/tests/*/ (a host suite); None when nowhere."""
    dirs = [SELFTESTS, os.path.join(SELFTESTS, 'ad')]
    tests = os.path.join(TOP, 'tools', 'tests')
    dirs += sorted(os.path.join(tests, d) for d in os.listdir(tests))
    for d in dirs:
        path = os.path.join(d, script)
        if os.path.isfile(path):
            return path
    return None


def main():
    with open(DOC, encoding='utf-8') as f:
        text = re.sub(r'\s*\n\s*', ' ', f.read())
    refs = []
    for m in REF.finditer(text):
        if (m.group(1), m.group(2)) not in refs:
            refs.append((m.group(1), m.group(2)))
    scripts = sorted(set(SCRIPT.findall(text)))
    script_refs = []
    for m in SCRIPT_REF.finditer(text):
        if (m.group(1), m.group(2)) not in script_refs:
            script_refs.append((m.group(1), m.group(2)))
    print('TAP version 13')
    print('1..%d' % (len(refs) + len(scripts) + len(script_refs) + 1))
    n = 0
    failed = 0
    n += 1
    if refs:
        print('ok %d threat-model names %d tests' % (n, len(refs)))
    else:
        failed += 1
        print('not ok %d threat-model names no test at all' % n)
    for prog, name in refs:
        n += 1
        have = tests_of(prog)
        if have is not None and name in have:
            print('ok %d %s: %s' % (n, prog, name))
        else:
            failed += 1
            why = 'no selftests/%s.c' % prog if have is None else 'no such test'
            print('not ok %d %s: %s (%s)' % (n, prog, name, why))
    for script in scripts:
        n += 1
        if script_path(script):
            print('ok %d %s' % (n, script))
        else:
            failed += 1
            print('not ok %d %s (no selftests/%s)' % (n, script, script))
    for script, name in script_refs:
        n += 1
        path = script_path(script)
        body = ''
        if path:
            with open(path, encoding='utf-8') as f:
                body = f.read()
        if '"%s"' % name in body:
            print('ok %d %s: %s' % (n, script, name))
        else:
            failed += 1
            print('not ok %d %s: %s (not reported by selftests/%s)'
                  % (n, script, name, script))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
