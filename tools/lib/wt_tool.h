/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every command-line tool does alike: its command line (options,
 * --help, usage errors with exit status 2) and numbers typed there.
 * Linked into the tools, not part of libwintok.
 */
#ifndef WT_TOOL_H
#define WT_TOOL_H

#include <getopt.h>
#include <stdio.h>
#include <stdnoreturn.h>

/* A tool's usage text, written to @out. */
typedef void (*wt_usage_fn)(FILE *out);

/**
 * wt_getopt() - getopt_long() with the tools' common answers
 * @argc: main()'s
 * @argv: main()'s
 * @optstring: as for getopt_long(); 'h' must be --help
 * @longopts: as for getopt_long()
 * @usage: prints the tool's usage
 *
 * --help prints the usage on standard output and exits 0; an unknown
 * option or a missing argument prints it on standard error and exits 2.
 *
 * Return: the next other option, or -1 after the last.
 */
int wt_getopt(int argc, char **argv, const char *optstring,
	      const struct option *longopts, wt_usage_fn usage);

/* A command line that is wrong as a whole: the usage on stderr, exit 2. */
noreturn void wt_usage_error(wt_usage_fn usage);

/**
 * wt_parse_ull() - a number typed on a command line or in a file
 * @s: the text: digits only in @base (16 takes an optional 0x); no sign,
 *	no white space, nothing after
 * @base: 10 or 16
 * @max: the largest value allowed
 * @out: the value
 *
 * Return: 0, or -1 when @s is not such a number or is above @max.
 */
int wt_parse_ull(const char *s, int base, unsigned long long max,
		 unsigned long long *out);

#endif /* WT_TOOL_H */
