#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Every tool is documented where an admin looks, and completes in bash.

For each tool: ``--help`` exits 0 with a usage text that states the exit
status; the man page (tools/man/TOOL.1) and the page in
Documentation/tools/ exist, have an exit status section and name every
long option ``--help`` names; tools/completion/wintok registers the tool
and offers every such option after ``--``. A new option that reaches
neither the man page nor the completion fails here. One TAP line per
tool and check. Usage: tool_docs.py BINDIR HOSTBINDIR
"""
import os
import re
import subprocess
import sys

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))
COMPLETION = os.path.join(TOP, 'tools', 'completion', 'wintok')
# tool -> (its man page, its Documentation/tools page)
TOOLS = {
    'wtwhoami': ('wtwhoami.1', 'wtwhoami.rst'),
    'wtinfo': ('wtinfo.1', 'wtinfo.rst'),
    'wtpolicy': ('wtpolicy.1', 'wtpolicy.rst'),
    'wtaudit': ('wtaudit.1', 'wtaudit.rst'),
    'wtsessions': ('wtsessions.1', 'wtsessions.rst'),
    'wtrun': ('wtrun.1', 'wtrun.rst'),
    'wtfs': ('wtfs.1', 'wtfs.rst'),
    'wtfsd': ('wtfs.1', 'wtfs.rst'),
    'wtacl': ('wtacl.1', 'wtacl.rst'),
}
LONGOPT = re.compile(r'(?<![\w-])--([a-z][a-z-]*[a-z])')

results = []


def ok(good, name, why=''):
    results.append((good, name, why))


def read(path):
    try:
        with open(path, encoding='utf-8') as f:
            return f.read()
    except OSError:
        return None


def complete(tool, words):
    """What the completion offers for the command line @words (the last
    one being completed), with @tool's directory first on PATH."""
    script = ('source "$1"; shift; COMP_WORDS=("$@"); '
              'COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _wintok; '
              'printf "%s\\n" "${COMPREPLY[@]}"')
    env = dict(os.environ, PATH=os.path.dirname(tool) + ':' + os.environ['PATH'])
    out = subprocess.run(['bash', '-c', script, 'x', COMPLETION] + words,
                         capture_output=True, text=True, env=env, check=False)
    return set(out.stdout.split())


def check(name, binary):
    man_name, rst_name = TOOLS[name]
    try:
        run = subprocess.run([binary, '--help'], capture_output=True,
                             text=True, timeout=30, check=False)
    except OSError as e:
        ok(False, name + '.help', str(e))
        return
    text = run.stdout
    ok(run.returncode == 0 and text.startswith('usage:') and
       'Exit status' in text, name + '.help',
       'rc %d' % run.returncode)
    opts = set(LONGOPT.findall(text)) - {'help'}
    man = read(os.path.join(TOP, 'tools', 'man', man_name))
    rst = read(os.path.join(TOP, 'Documentation', 'tools', rst_name))
    for kind, doc, section in (('man', man, '.SH EXIT STATUS'),
                               ('rst', rst, 'Exit status')):
        if doc is None:
            ok(False, '%s.%s' % (name, kind), 'missing')
            continue
        plain = doc.replace('\\-', '-').replace('\\fB', '').replace('\\fR', '')
        missing = sorted(o for o in opts if '--' + o not in plain)
        ok(section in doc and not missing, '%s.%s' % (name, kind),
           'no exit status section' if section not in doc else
           'options not named: ' + ', '.join('--' + o for o in missing))
    offered = {o[2:] for o in complete(binary, [name, '--'])}
    missing = sorted(opts - offered)
    ok(not missing, name + '.completion',
       'not offered: ' + ', '.join('--' + o for o in missing))


def main():
    bindir, hostbindir = sys.argv[1], sys.argv[2]
    for name in TOOLS:
        d = hostbindir if name == 'wtacl' else bindir
        check(name, os.path.join(d, name))
    comp = read(COMPLETION) or ''
    reg = re.search(r"^complete -F _wintok ((?:\\\n|.)*)$", comp, re.M)
    names = set(reg.group(1).replace('\\\n', ' ').split()) if reg else set()
    ok(names == set(TOOLS), 'completion.registers_every_tool',
       'registered: ' + ' '.join(sorted(names)))
    fmt = complete(os.path.join(bindir, 'wtwhoami'), ['wtwhoami', '-f', 'c'])
    ok(fmt == {'csv'}, 'completion.wtwhoami_format_values', str(fmt))
    sub = complete(os.path.join(hostbindir, 'wtacl'), ['wtacl', 'g'])
    ok(sub == {'get', 'grant'}, 'completion.wtacl_subcommands', str(sub))
    print('TAP version 13')
    print('1..%d' % len(results))
    for i, (good, name, why) in enumerate(results, 1):
        print('%sok %d %s' % ('' if good else 'not ', i, name))
        if not good and why:
            print('# ' + why)
    return 0 if all(r[0] for r in results) else 1


if __name__ == '__main__':
    sys.exit(main())
