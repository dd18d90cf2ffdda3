#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The include rule of module/ (Documentation/design/overview.rst,
"Source layout"): each folder includes only its own headers and those of
the folders below it, module/wintok.h is the one header every folder but
the core may include, and no include circle spans two folders.

Kbuild puts every folder on the include path, so the compiler alone would
let any file include any header: this script is what keeps the layering.
It reads every #include "..." under module/, finds the header it names
and fails on an include that points up, a header name two folders share
(the include path would pick one silently), a header that is nowhere, a
file in a folder the rule does not know, and a circle of headers across
folders. The includes that point up today are listed in KNOWN_UP, each
with why; one that is no longer there fails too, so the list only
shrinks.

usage: check_includes.py [--root DIR]    (DIR: the tree, default the repo)
"""
import argparse
import os
import re
import sys

# The folders of module/, lowest first. The root folder (main.c) is
# above them all.
FOLDERS = ['core', 'lib', 'hook', 'audit', 'token', 'imp', 'enforce', 'iface']
ROOT_RANK = len(FOLDERS)
# Headers at module/'s root that every folder but the core may include.
BASE_HEADERS = {'wintok.h'}

# Includes that point up, tolerated: (including file, header, why). Empty
# since issue #15 inverted the last ones; an entry must say why the call
# cannot be handed down instead.
KNOWN_UP = []

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
SOURCE = re.compile(r'\.(c|h|S)$')


def folder_of(rel):
    """The folder of a path relative to module/ ('' for the root)."""
    return rel.split('/', 1)[0] if '/' in rel else ''


def rank_of(folder):
    if folder == '':
        return ROOT_RANK
    return FOLDERS.index(folder) if folder in FOLDERS else None


def scan(module):
    """Every source under module/, relative to it, with its includes."""
    files = {}
    for dirpath, dirnames, filenames in os.walk(module):
        dirnames.sort()
        for name in sorted(filenames):
            if not SOURCE.search(name):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, module)
            with open(path, encoding='utf-8') as f:
                files[rel] = INCLUDE.findall(f.read())
    return files


def check(top):
    module = os.path.join(top, 'module')
    if not os.path.isdir(module):
        return ['no module/ under %s' % top]
    files = scan(module)
    errors = []
    headers = {}
    for rel in files:
        if rel.endswith('.h'):
            headers.setdefault(os.path.basename(rel), []).append(rel)
    for name, where in sorted(headers.items()):
        if len(where) > 1:
            errors.append('header name %s in more than one folder: %s'
                          % (name, ', '.join(sorted(where))))

    known = {(f, h): why for f, h, why in KNOWN_UP}
    used = set()
    edges = {}
    for rel, incs in sorted(files.items()):
        src = folder_of(rel)
        src_rank = rank_of(src)
        if src_rank is None:
            errors.append('%s: folder module/%s/ is not in the include rule '
                          '(tools/check_includes.py FOLDERS)' % (rel, src))
            continue
        for inc in incs:
            if '/' in inc:
                target = os.path.normpath(os.path.join(os.path.dirname(rel),
                                                       inc))
                if target not in files:
                    errors.append('%s: #include "%s" is not a file under '
                                  'module/' % (rel, inc))
                    continue
            elif os.path.join(os.path.dirname(rel), inc) in files:
                target = os.path.join(os.path.dirname(rel), inc)
            elif len(headers.get(inc, [])) == 1:
                target = headers[inc][0]
            elif inc in headers:
                continue        # reported above
            else:
                errors.append('%s: #include "%s" names no header under '
                              'module/' % (rel, inc))
                continue
            edges.setdefault(rel, set()).add(target)
            dst = folder_of(target)
            dst_rank = rank_of(dst)
            if dst_rank is None:
                continue        # reported as its own file
            if dst == '' and os.path.basename(target) in BASE_HEADERS:
                if src == 'core':
                    errors.append('%s: #include "%s": the core is built on '
                                  'the host and includes only itself'
                                  % (rel, inc))
                continue
            if dst_rank <= src_rank:
                continue
            if (rel, inc) in known:
                used.add((rel, inc))
                continue
            errors.append('%s: #include "%s" points up, from module/%s/ to '
                          'module/%s/ (the rule: Documentation/design/'
                          'overview.rst, "Source layout")'
                          % (rel, inc, src or '.', dst or '.'))
    for f, h in sorted(set(known) - used):
        errors.append('%s: the known upward include of "%s" is gone: take '
                      'it out of KNOWN_UP in tools/check_includes.py'
                      % (f, h))
    errors.extend(circles(edges))
    return errors


def circles(edges):
    """Include circles whose files lie in more than one folder."""
    found = []
    seen = set()
    state = {}

    def visit(node, stack):
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                loop = stack[stack.index(nxt):]
                if len({folder_of(n) for n in loop}) > 1:
                    key = frozenset(loop)
                    if key not in seen:
                        seen.add(key)
                        found.append('include circle across folders: %s'
                                     % ' -> '.join(loop + [nxt]))
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [])
    return found


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--root', default=os.path.abspath(
        os.path.join(os.path.dirname(__file__), '..')))
    args = ap.parse_args()
    errors = check(args.root)
    for e in errors:
        print('check_includes: ' + e, file=sys.stderr)
    if errors:
        return 1
    print('check_includes: module/ includes follow the rule')
    return 0


if __name__ == '__main__':
    sys.exit(main())
