// SPDX-License-Identifier: GPL-2.0
/*
 * wtinfo - is wintok loaded, and which ABI does it speak?
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "libwintok.h"
#include "wt_tool.h"

static void print_usage(FILE *out)
{
	fprintf(out,
		"usage: wtinfo [--json] [--help]\n"
		"Print the ABI version of the loaded wintok module and the\n"
		"version these tools were built for.\n"
		"  --json   one JSON object instead of text\n"
		"Exit status: 0 loaded and compatible, 1 not loaded or error,\n"
		"2 usage error, 3 the module's ABI is older than the tools'.\n");
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct wt_version ver;
	int json = 0;
	int opt;

	while ((opt = wt_getopt(argc, argv, "jh", options, print_usage)) != -1) {
		switch (opt) {
		case 'j':
			json = 1;
			break;
		}
	}
	if (optind != argc)
		wt_usage_error(print_usage);
	if (wt_get_version(-1, &ver)) {
		int err = errno;

		if (json)
			printf("{\"loaded\": false, \"error\": \"%s\"}\n", strerror(err));
		else
			fprintf(stderr, "wtinfo: /dev/%s: %s%s\n", WT_DEVICE_NAME,
				strerror(err),
				err == ENOENT ? " (is the module loaded?)" : "");
		return 1;
	}
	if (json)
		printf("{\"loaded\": true, \"abi\": %u, \"tools_abi\": %u, \"features\": %llu}\n",
		       ver.abi, WT_ABI_VERSION, (unsigned long long)ver.features);
	else
		printf("wintok module loaded: ABI version %u (tools built for %u)\n",
		       ver.abi, WT_ABI_VERSION);
	return ver.abi < WT_ABI_VERSION ? 3 : 0;
}
