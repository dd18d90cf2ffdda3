#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""TAP test of tools/check_includes.py, the include rule of module/: the
tree as it is passes, and each kind of breach, made in a copy of it,
fails with its own message."""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.abspath(os.path.join(HERE, '..', '..', '..'))
CHECK = os.path.join(TOP, 'tools', 'check_includes.py')


def add_line(path, line):
    with open(path, 'a', encoding='utf-8') as f:
        f.write(line + '\n')


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)


def tolerate(m, rel, header):
    """List module/@rel including @header in KNOWN_UP of the copy of the
    script beside the copied tree (the check run is that copy)."""
    script = os.path.join(os.path.dirname(m), 'check_includes.py')
    with open(script, encoding='utf-8') as f:
        text = f.read()
    assert 'KNOWN_UP = []' in text, 'KNOWN_UP is not empty in ' + CHECK
    write(script, text.replace('KNOWN_UP = []', 'KNOWN_UP = [(%r, %r, %r)]'
                               % (rel, header, 'the test says so')))


def circle(m):
    write(os.path.join(m, 'hook', 'ring_a.h'), '#include "ring_b.h"\n')
    write(os.path.join(m, 'token', 'ring_b.h'), '#include "ring_a.h"\n')


def adds(rel, line):
    """A change that appends @line to module/@rel."""
    return lambda m: add_line(os.path.join(m, rel), line)


def writes(rel, text):
    """A change that writes module/@rel."""
    return lambda m: write(os.path.join(m, rel), text)


CASES = [
    # name, change to a copy of the tree, message the check must print
    ('the tree as it is passes', None, None),
    ('an include from a lower folder to a higher one fails',
     adds('hook/hook.c', '#include "decision.h"'),
     'hook/hook.c: #include "decision.h" points up'),
    ('the core including the module-wide header fails',
     adds('core/wt_sid.c', '#include "wintok.h"'),
     'the core is built on the host'),
    ('a folder the rule does not name fails',
     writes('misc/misc.c', '#include "token.h"\n'),
     'folder module/misc/ is not in the include rule'),
    ('one header name in two folders fails',
     writes('iface/hook.h', '/* a second hook.h */\n'),
     'header name hook.h in more than one folder'),
    ('a tolerated upward include that is gone fails',
     lambda m: tolerate(m, 'token/token.c', 'traverse.h'),
     'the known upward include of "traverse.h" is gone'),
    ('a tolerated upward include that is there passes',
     lambda m: (adds('token/token.c', '#include "traverse.h"')(m),
                tolerate(m, 'token/token.c', 'traverse.h')),
     None),
    ('an include of no header fails',
     adds('token/token.c', '#include "nosuch.h"'),
     '#include "nosuch.h" names no header'),
    ('an include circle across two folders fails', circle,
     'include circle across folders'),
]


def main():
    print('1..%d' % len(CASES))
    failed = 0
    for n, (name, change, want) in enumerate(CASES, 1):
        tmp = tempfile.mkdtemp(prefix='include-rule-')
        try:
            shutil.copytree(os.path.join(TOP, 'module'),
                            os.path.join(tmp, 'module'),
                            ignore=shutil.ignore_patterns('*.o', '.*.cmd'))
            script = os.path.join(tmp, 'check_includes.py')
            shutil.copy(CHECK, script)
            if change:
                change(os.path.join(tmp, 'module'))
            p = subprocess.run([sys.executable, script, '--root', tmp],
                               capture_output=True, text=True, check=False)
            if want is None:
                ok = p.returncode == 0 and not p.stderr
            else:
                ok = p.returncode == 1 and want in p.stderr
        finally:
            shutil.rmtree(tmp)
        if not ok:
            failed += 1
            print('# rc=%d stderr:\n# %s' % (p.returncode,
                                             p.stderr.replace('\n', '\n# ')))
        print('%s %d %s' % ('ok' if ok else 'not ok', n, name))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
