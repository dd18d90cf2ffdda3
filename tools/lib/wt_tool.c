// SPDX-License-Identifier: GPL-2.0
/*
 * The command line as every tool reads it (see wt_tool.h).
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>

#include "wt_tool.h"

int wt_getopt(int argc, char **argv, const char *optstring,
	      const struct option *longopts, wt_usage_fn usage)
{
	int opt = getopt_long(argc, argv, optstring, longopts, NULL);

	if (opt == 'h') {
		usage(stdout);
		exit(0);
	}
	if (opt == '?' || opt == ':')
		wt_usage_error(usage);
	return opt;
}

void wt_usage_error(wt_usage_fn usage)
{
	usage(stderr);
	exit(2);
}

int wt_parse_ull(const char *s, int base, unsigned long long max,
		 unsigned long long *out)
{
	unsigned long long v;
	char *end;

	/* strtoull() would take white space, a sign and wrap "-1" around. */
	if (!isxdigit((unsigned char)*s) || (base == 10 && !isdigit((unsigned char)*s)))
		return -1;
	errno = 0;
	v = strtoull(s, &end, base);
	if (errno || *end || v > max)
		return -1;
	*out = v;
	return 0;
}
