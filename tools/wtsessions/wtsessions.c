// SPDX-License-Identifier: GPL-2.0
/*
 * wtsessions - list wintok's logon sessions and how many tokens each has,
 * or start one for a token to be created in (WT_CMD_CREATE_SESSION).
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "libwintok.h"
#include "wt_tool.h"
#include "wtnl.h"

static int json;
static bool first = true;

static void print_usage(FILE *out)
{
	fprintf(out,
		"usage: wtsessions [--json] [--luid LUID] [--help]\n"
		"       wtsessions [--json] --create TYPE --user SID\n"
		"List the wintok logon sessions: LUID, logon type, user, logon SID,\n"
		"the number of tokens in the session and when it started. Without\n"
		"SeDebugPrivilege or SeTcbPrivilege only your own sessions are shown.\n"
		"  --luid LUID    only that session (hexadecimal, as listed)\n"
		"  --create TYPE  start a session (interactive, network, batch or\n"
		"                 service) for --user SID and print it; it waits for a\n"
		"                 token created with its LUID, then lives as long as its\n"
		"                 tokens (needs SeTcbPrivilege enabled)\n"
		"  --json         a JSON array instead of text\n"
		"Exit status: 0 success, 1 error (ENOENT: no such session, EPERM: no\n"
		"SeTcbPrivilege, EBUSY: too many sessions wait), 2 usage error.\n");
}

static const char *type_name(uint32_t type)
{
	switch (type) {
	case WT_LOGON_INTERACTIVE:
		return "Interactive";
	case WT_LOGON_NETWORK:
		return "Network";
	case WT_LOGON_BATCH:
		return "Batch";
	case WT_LOGON_SERVICE:
		return "Service";
	case WT_LOGON_LINUX_IDS:
		return "LinuxIds";
	default:
		return "Other";
	}
}

static int type_of(const char *s, uint32_t *type)
{
	static const struct { const char *name; uint32_t type; } types[] = {
		{ "interactive", WT_LOGON_INTERACTIVE },
		{ "network", WT_LOGON_NETWORK },
		{ "batch", WT_LOGON_BATCH },
		{ "service", WT_LOGON_SERVICE },
		{ NULL, 0 },
	};
	size_t i;

	for (i = 0; types[i].name; i++)
		if (!strcasecmp(s, types[i].name)) {
			*type = types[i].type;
			return 0;
		}
	return -1;
}

static int session_cb(const struct nlmsghdr *nlh, void *data)
{
	static const unsigned int need[] = {
		WT_SESSION_A_LOGON_ID, WT_SESSION_A_TYPE, WT_SESSION_A_USER,
		WT_SESSION_A_LOGON_SID, WT_SESSION_A_TOKENS,
		WT_SESSION_A_START_TIME, 0
	};
	const struct nlattr *t[WT_SESSION_A_MAX + 1];
	char user[192], name[256], logon[192], when[64];
	unsigned long long luid;
	struct tm tm;
	time_t sec;

	(void)data;
	if (wtnl_object(nlh, WT_A_SESSION, t, WT_SESSION_A_MAX, need))
		return MNL_CB_ERROR;
	luid = mnl_attr_get_u64(t[WT_SESSION_A_LOGON_ID]);
	if (wt_sid_string(mnl_attr_get_payload(t[WT_SESSION_A_USER]),
			  mnl_attr_get_payload_len(t[WT_SESSION_A_USER]),
			  user, sizeof(user)) < 0 ||
	    wt_sid_string(mnl_attr_get_payload(t[WT_SESSION_A_LOGON_SID]),
			  mnl_attr_get_payload_len(t[WT_SESSION_A_LOGON_SID]),
			  logon, sizeof(logon)) < 0)
		return MNL_CB_ERROR;
	if (wt_sid_name(mnl_attr_get_payload(t[WT_SESSION_A_USER]),
			mnl_attr_get_payload_len(t[WT_SESSION_A_USER]),
			name, sizeof(name)) < 0)
		snprintf(name, sizeof(name), "%s", user);
	sec = mnl_attr_get_u64(t[WT_SESSION_A_START_TIME]) / 1000000000ull;
	gmtime_r(&sec, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (json) {
		printf("%s{\"luid\": \"0x%llx\", \"type\": \"%s\", ", first ? "" : ",\n ",
		       luid, type_name(mnl_attr_get_u32(t[WT_SESSION_A_TYPE])));
		printf("\"user_sid\": \"%s\", \"user\": \"%s\", \"logon_sid\": \"%s\", ",
		       user, name, logon);
		printf("\"tokens\": %u, \"start\": \"%s\"}",
		       mnl_attr_get_u32(t[WT_SESSION_A_TOKENS]), when);
	} else {
		printf("0x%-10llx %-12s %-28s %-24s %6u  %s\n", luid,
		       type_name(mnl_attr_get_u32(t[WT_SESSION_A_TYPE])), name, logon,
		       mnl_attr_get_u32(t[WT_SESSION_A_TOKENS]), when);
	}
	first = false;
	return MNL_CB_OK;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "luid", required_argument, NULL, 'l' },
		{ "create", required_argument, NULL, 'c' },
		{ "user", required_argument, NULL, 'u' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char buf[MNL_SOCKET_BUFFER_SIZE];
	unsigned long long luid = 0;
	struct wt_sid_and_attributes user;
	bool one = false, create = false, have_user = false;
	uint32_t type = 0;
	struct nlmsghdr *nlh;
	struct wtnl nl;
	int opt, ret = 0;

	while ((opt = wt_getopt(argc, argv, "jl:c:u:h", options, print_usage)) != -1) {
		switch (opt) {
		case 'j':
			json = 1;
			break;
		case 'l':
			if (wt_parse_ull(optarg, 16, ULLONG_MAX, &luid))
				wt_usage_error(print_usage);
			one = true;
			break;
		case 'c':
			if (type_of(optarg, &type))
				wt_usage_error(print_usage);
			create = true;
			break;
		case 'u':
			if (wt_sid_parse(optarg, &user, 0)) {
				fprintf(stderr, "wtsessions: not a SID: %s\n", optarg);
				return 2;
			}
			have_user = true;
			break;
		}
	}
	if (optind != argc || create != have_user || (create && one))
		wt_usage_error(print_usage);
	if (wtnl_open(&nl)) {
		fprintf(stderr, "wtsessions: wintok netlink family: %s%s\n", strerror(errno),
			errno == ENOENT ? " (is the module loaded?)" : "");
		return 1;
	}
	if (create) {
		nlh = wtnl_msg(&nl, buf, WT_CMD_CREATE_SESSION);
		mnl_attr_put_u32(nlh, WT_A_LOGON_TYPE, type);
		mnl_attr_put(nlh, WT_A_USER_SID, user.sid_size, user.sid);
	} else if (one) {
		nlh = wtnl_msg(&nl, buf, WT_CMD_GET_SESSION);
		mnl_attr_put_u64(nlh, WT_A_LOGON_ID, luid);
	} else {
		nlh = wtnl_dump_msg(&nl, buf, WT_CMD_LIST_SESSIONS);
	}
	if (json)
		printf("[");
	else
		printf("%-12s %-12s %-28s %-24s %6s  %s\n", "LUID", "TYPE", "USER",
		       "LOGON SID", "TOKENS", "START");
	if (wtnl_call(&nl, nlh, session_cb, NULL)) {
		fprintf(stderr, "\nwtsessions: %s%s%s\n", strerror(errno),
			nl.errmsg[0] ? ": " : "", nl.errmsg);
		ret = 1;
	}
	if (json)
		printf("]\n");
	wtnl_close(&nl);
	return ret;
}
