#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Every page under Documentation/ is valid reStructuredText.

docutils reads each page as the kernel's Sphinx build would, with the
Sphinx-only roles and directives the pages use (``:doc:``, ``toctree``,
...) accepted as they are: a table whose text runs into a column margin,
an unindent that ends a block too early or a short title underline would
otherwise show only as a warning in a build nobody reads, and a wrong
table renders wrong. One TAP line per page; a failure lists docutils'
messages. Needs python3-docutils (make deps), so run with /usr/bin/python3.
"""
import io
import os
import sys

from docutils import nodes
from docutils.core import publish_doctree
from docutils.parsers.rst import Directive, directives, roles

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))
SPHINX_ROLES = ('doc', 'ref', 'c:func', 'c:type', 'c:macro', 'manpage')
SPHINX_DIRECTIVES = ('toctree', 'kernel-doc', 'c:function', 'c:type',
                     'c:macro')


def sphinx_role(name, rawtext, text, lineno, inliner, options=None,
                content=None):
    return [nodes.literal(rawtext, text)], []


class SphinxDirective(Directive):
    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = None

    def run(self):
        return []


def problems(path):
    stream = io.StringIO()
    with open(path, encoding='utf-8') as f:
        publish_doctree(f.read(), source_path=path, settings_overrides={
            'report_level': 2, 'halt_level': 5, 'warning_stream': stream,
            'file_insertion_enabled': False})
    return [line for line in stream.getvalue().splitlines() if line.strip()]


def main():
    for name in SPHINX_ROLES:
        roles.register_local_role(name, sphinx_role)
    for name in SPHINX_DIRECTIVES:
        directives.register_directive(name, SphinxDirective)
    pages = []
    for root, _, files in os.walk(os.path.join(TOP, 'Documentation')):
        pages += [os.path.join(root, f) for f in files if f.endswith('.rst')]
    pages.sort()
    print('TAP version 13')
    print('1..%d' % len(pages))
    failed = 0
    for n, path in enumerate(pages, 1):
        rel = os.path.relpath(path, TOP)
        found = problems(path)
        if found:
            failed += 1
            print('not ok %d %s' % (n, rel))
            for line in found:
                print('# ' + line)
        else:
            print('ok %d %s' % (n, rel))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
