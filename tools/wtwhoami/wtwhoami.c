// SPDX-License-Identifier: GPL-2.0
/*
 * wtwhoami - print the calling process's wintok token, like "whoami /all",
 * or the token behind an inherited token handle.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "libwintok.h"
#include "wt_tool.h"
#include "whoami.h"

static void print_usage(FILE *out)
{
	fprintf(out,
		"usage: wtwhoami [--fd N | -p PID] [SECTION...] [-f FORMAT] [--no-header]\n"
		"Print a wintok token like whoami /all: the primary token of this\n"
		"process unless --fd or --pid names another.\n"
		"  --fd N          the token of the token handle N (inherited or received\n"
		"                  over a socket; it needs TOKEN_QUERY and\n"
		"                  TOKEN_QUERY_SOURCE)\n"
		"  -p, --pid PID   the primary token of process PID (its DACL must grant\n"
		"                  TOKEN_QUERY and TOKEN_QUERY_SOURCE, or\n"
		"                  SeDebugPrivilege be enabled)\n"
		"Sections (any combination; all of them when none is given):\n"
		"  --user          the user name and SID\n"
		"  --groups        the groups with type and attributes, the mandatory\n"
		"                  label, the restricting SIDs of a restricted token\n"
		"  --priv          the privileges with description and state\n"
		"  --logonid       the logon id and the logon SID\n"
		"  --token         type, impersonation and integrity level, ids, source\n"
		"  --claims        the user and device claims\n"
		"  --all           every section\n"
		"Output:\n"
		"  -f, --format F  table (default), list, csv or json\n"
		"  --json          the same as --format json\n"
		"  --no-header     no headings or column names (table and csv)\n"
		"  -h, --help      this text\n"
		"Exit status: 0 success, 1 error (module not loaded, not a token handle,\n"
		"access denied, output not written), 2 usage error.\n");
}

static int load(int fd, struct token_info *ti)
{
	if (wt_get_token_information(fd, WT_TOKEN_INFO_USER, &ti->user,
				     sizeof(ti->user), NULL) ||
	    wt_get_token_information(fd, WT_TOKEN_INFO_INTEGRITY_LEVEL, &ti->integrity,
				     sizeof(ti->integrity), NULL) ||
	    wt_get_token_information(fd, WT_TOKEN_INFO_STATISTICS, &ti->stats,
				     sizeof(ti->stats), NULL) ||
	    wt_get_token_information(fd, WT_TOKEN_INFO_SOURCE, &ti->source,
				     sizeof(ti->source), NULL) ||
	    wt_get_token_information(fd, WT_TOKEN_INFO_ELEVATION, &ti->elevated,
				     sizeof(ti->elevated), NULL) ||
	    wt_get_token_information(fd, WT_TOKEN_INFO_SESSION_ID, &ti->session_id,
				     sizeof(ti->session_id), NULL) ||
	    wt_get_token_information(fd, WT_TOKEN_INFO_ORIGIN, &ti->origin,
				     sizeof(ti->origin), NULL))
		return -1;
	ti->groups = wt_get_token_information_alloc(fd, WT_TOKEN_INFO_GROUPS, NULL);
	if (!ti->groups)
		return -1;
	ti->privs = wt_get_token_information_alloc(fd, WT_TOKEN_INFO_PRIVILEGES, NULL);
	if (!ti->privs)
		return -1;
	ti->restricted = wt_get_token_information_alloc(fd, WT_TOKEN_INFO_RESTRICTED_SIDS,
							NULL);
	if (!ti->restricted)
		return -1;
	/* a module before ABI 14 knows no claims: EINVAL, shown as none */
	ti->claims[0] = wt_get_token_information_alloc(fd, WT_TOKEN_INFO_USER_CLAIMS,
						       &ti->claims_len[0]);
	ti->claims[1] = wt_get_token_information_alloc(fd, WT_TOKEN_INFO_DEVICE_CLAIMS,
						       &ti->claims_len[1]);
	if ((!ti->claims[0] || !ti->claims[1]) && errno != EINVAL)
		return -1;
	if (!ti->claims[0])
		ti->claims_len[0] = 0;
	if (!ti->claims[1])
		ti->claims_len[1] = 0;
	return 0;
}

static int parse_format(const char *arg, enum wt_format *fmt)
{
	static const char *const names[] = { "table", "list", "csv", "json" };
	unsigned int i;

	for (i = 0; i < WT_ARRAY_SIZE(names); i++)
		if (!strcasecmp(arg, names[i])) {
			*fmt = (enum wt_format)i;
			return 0;
		}
	return -1;
}

static int parse_number(const char *arg, unsigned long long min,
			unsigned long long max, int *out)
{
	unsigned long long v;

	if (wt_parse_ull(arg, 10, max, &v) || v < min)
		return -1;
	*out = (int)v;
	return 0;
}

/* A bad option value: say which and why; exit status 2. */
static int usage_error(const char *why, const char *arg)
{
	fprintf(stderr, "wtwhoami: %s: \"%s\"\n", why, arg);
	return 2;
}

static void free_token_info(struct token_info *ti)
{
	free(ti->groups);
	free(ti->restricted);
	free(ti->privs);
	free(ti->claims[0]);
	free(ti->claims[1]);
}

enum { OPT_FD = 256, OPT_USER, OPT_GROUPS, OPT_PRIV, OPT_LOGONID, OPT_TOKEN,
	OPT_CLAIMS, OPT_ALL, OPT_NO_HEADER };

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "fd", required_argument, NULL, OPT_FD },
		{ "pid", required_argument, NULL, 'p' },
		{ "user", no_argument, NULL, OPT_USER },
		{ "groups", no_argument, NULL, OPT_GROUPS },
		{ "priv", no_argument, NULL, OPT_PRIV },
		{ "logonid", no_argument, NULL, OPT_LOGONID },
		{ "token", no_argument, NULL, OPT_TOKEN },
		{ "claims", no_argument, NULL, OPT_CLAIMS },
		{ "all", no_argument, NULL, OPT_ALL },
		{ "format", required_argument, NULL, 'f' },
		{ "no-header", no_argument, NULL, OPT_NO_HEADER },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	enum wt_format fmt = WT_FMT_TABLE;
	unsigned int sel = 0;
	bool header = true;
	struct token_info ti;
	int opt, ret, fd = -1, pid = -1;

	while ((opt = wt_getopt(argc, argv, "f:p:jh", options, print_usage)) != -1) {
		switch (opt) {
		case OPT_FD:
			if (parse_number(optarg, 0, 1000000, &fd))
				return usage_error("--fd wants a descriptor number",
						   optarg);
			break;
		case 'p':
			if (parse_number(optarg, 1, 0x3fffffff, &pid))
				return usage_error("--pid wants a process id", optarg);
			break;
		case OPT_USER:
		case OPT_GROUPS:
		case OPT_PRIV:
		case OPT_LOGONID:
		case OPT_TOKEN:
		case OPT_CLAIMS:
			sel |= 1u << (opt - OPT_USER);
			break;
		case OPT_ALL:
			sel |= SEL_ALL;
			break;
		case 'f':
			if (parse_format(optarg, &fmt))
				return usage_error("unknown format (table, list, csv or json)",
						   optarg);
			break;
		case OPT_NO_HEADER:
			header = false;
			break;
		case 'j':
			fmt = WT_FMT_JSON;
			break;
		}
	}
	if (optind != argc || (fd >= 0 && pid > 0))
		wt_usage_error(print_usage);
	/* as "whoami /nh": only the table and csv formats have a header */
	if (!header && fmt != WT_FMT_TABLE && fmt != WT_FMT_CSV) {
		fprintf(stderr, "wtwhoami: --no-header goes with the table and csv formats only\n");
		return 2;
	}
	if (!sel)
		sel = SEL_ALL;
	memset(&ti, 0, sizeof(ti));
	if (pid > 0) {
		fd = wt_open_process_token_pid(-1, pid, WT_OPEN_TOKEN_PID,
					       WT_TOKEN_QUERY | WT_TOKEN_QUERY_SOURCE,
					       NULL);
		if (fd < 0) {
			fprintf(stderr, "wtwhoami: cannot open the token of process %d: %s\n",
				pid, strerror(errno));
			return 1;
		}
	}
	if (fd < 0)
		fd = wt_open_process_token(-1, WT_TOKEN_QUERY | WT_TOKEN_QUERY_SOURCE,
					   NULL);
	if (fd < 0) {
		fprintf(stderr, "wtwhoami: cannot open the process token: %s%s\n",
			strerror(errno),
			errno == ENOENT ? " (is the module loaded?)" : "");
		return 1;
	}
	if (load(fd, &ti)) {
		fprintf(stderr, "wtwhoami: cannot query the token: %s%s\n",
			strerror(errno),
			errno == ENOTTY || errno == EBADF ? " (not a token handle)" : "");
		close(fd);
		free_token_info(&ti);
		return 1;
	}
	close(fd);
	ret = 0;
	if (fmt == WT_FMT_JSON)
		print_json(&ti, sel);
	else if (print_sections(&ti, sel, fmt, header))
		ret = 1;
	free_token_info(&ti);
	if (ret) {
		fprintf(stderr, "wtwhoami: %s\n", strerror(errno));
		return 1;
	}
	/* a full disk or a closed pipe is an error, not a short listing */
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "wtwhoami: cannot write the output: %s\n",
			strerror(errno));
		return 1;
	}
	return 0;
}
