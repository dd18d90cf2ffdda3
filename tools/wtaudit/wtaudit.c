// SPDX-License-Identifier: GPL-2.0
/*
 * wtaudit - follow the wintok audit events (the "audit" multicast group
 * of the wintok generic netlink family) and print one line per event.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "libwintok.h"
#include "wt_json.h"
#include "wt_tool.h"
#include "wtnl.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static void print_usage(FILE *out)
{
	fprintf(out,
		"usage: wtaudit [--json] [--count N] [--help]\n"
		"Follow the wintok audit events and print one line per event:\n"
		"access denials, impersonation starts, ends and refusals,\n"
		"privileges that decided an operation, logons and logoffs.\n"
		"  --json     one JSON object per line instead of text\n"
		"  --count N  exit after N events\n"
		"Needs CAP_SYS_ADMIN to join the audit group.\n"
		"Exit status: 0 success, 1 error, 2 usage error.\n");
}

static const char *type_name(uint32_t type)
{
	static const char * const names[] = WT_AUDIT_TYPE_NAMES;

	return type < ARRAY_SIZE(names) && names[type] ? names[type] : "unknown";
}

/* libwintok's name of an impersonation level, "?" for an unknown one. */
static const char *level_name(uint32_t level)
{
	return wt_impersonation_level_name(level) ?: "?";
}

/* A SID attribute as "S-1-..." (or "-" when absent or malformed). */
static void sid_of(const struct nlattr *a, char *buf, size_t size)
{
	snprintf(buf, size, "-");
	if (a && wt_sid_string(mnl_attr_get_payload(a),
			       mnl_attr_get_payload_len(a), buf, size) < 0)
		snprintf(buf, size, "(invalid)");
}

static uint32_t u32_or(const struct nlattr *a, uint32_t def)
{
	return a ? mnl_attr_get_u32(a) : def;
}

static const char *str_or(const struct nlattr *a, const char *def)
{
	return a ? mnl_attr_get_str(a) : def;
}

static void print_event(const struct nlattr **tb, int json)
{
	char user[192], client[192], token_user[192], when[64];
	uint64_t ns = tb[WT_A_EV_TIME] ? mnl_attr_get_u64(tb[WT_A_EV_TIME]) : 0;
	uint64_t seq = tb[WT_A_EV_SEQ] ? mnl_attr_get_u64(tb[WT_A_EV_SEQ]) : 0;
	uint32_t type = u32_or(tb[WT_A_EV_TYPE], 0);
	time_t sec = ns / 1000000000ull;
	struct tm tm;

	gmtime_r(&sec, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S", &tm);
	sid_of(tb[WT_A_EV_USER_SID], user, sizeof(user));
	sid_of(tb[WT_A_EV_CLIENT_SID], client, sizeof(client));
	sid_of(tb[WT_A_EV_TOKEN_USER], token_user, sizeof(token_user));
	if (json) {
		printf("{\"seq\": %llu, \"time\": \"%s.%09lluZ\", \"type\": \"%s\", ",
		       (unsigned long long)seq, when,
		       (unsigned long long)(ns % 1000000000ull), type_name(type));
		printf("\"pid\": %u, \"tid\": %u, \"comm\": ", u32_or(tb[WT_A_EV_PID], 0),
		       u32_or(tb[WT_A_EV_TID], 0));
		json_write_string(stdout, str_or(tb[WT_A_EV_COMM], ""));
		printf(", \"op\": ");
		json_write_string(stdout, str_or(tb[WT_A_EV_OP], ""));
		printf(", \"user_sid\": \"%s\"", user);
		if (tb[WT_A_EV_CLIENT_SID])
			printf(", \"client_sid\": \"%s\"", client);
		if (tb[WT_A_EV_LEVEL])
			printf(", \"level\": %u", mnl_attr_get_u32(tb[WT_A_EV_LEVEL]));
		if (tb[WT_A_EV_PATH]) {
			printf(", \"path\": ");
			json_write_string(stdout, mnl_attr_get_str(tb[WT_A_EV_PATH]));
		}
		if (tb[WT_A_EV_DESIRED])
			printf(", \"desired\": %u, \"granted\": %u",
			       mnl_attr_get_u32(tb[WT_A_EV_DESIRED]),
			       u32_or(tb[WT_A_EV_GRANTED], 0));
		if (tb[WT_A_EV_LOGON_ID])
			printf(", \"logon_id\": \"0x%llx\"",
			       (unsigned long long)mnl_attr_get_u64(tb[WT_A_EV_LOGON_ID]));
		if (tb[WT_A_EV_LOGON_TYPE])
			printf(", \"logon_type\": %u",
			       mnl_attr_get_u32(tb[WT_A_EV_LOGON_TYPE]));
		if (tb[WT_A_EV_TOKEN_USER])
			printf(", \"token_sid\": \"%s\"", token_user);
		if (tb[WT_A_EV_TOKEN_ID])
			printf(", \"token_id\": \"0x%llx\"",
			       (unsigned long long)mnl_attr_get_u64(tb[WT_A_EV_TOKEN_ID]));
		if (tb[WT_A_EV_PRIVILEGE])
			printf(", \"privilege\": \"%s\"",
			       wt_privilege_name(mnl_attr_get_u32(tb[WT_A_EV_PRIVILEGE])) ?: "?");
		printf(", \"errno\": %u}\n", u32_or(tb[WT_A_EV_ERRNO], 0));
	} else {
		printf("%s %s pid=%u tid=%u comm=%s op=%s user=%s",
		       when, type_name(type), u32_or(tb[WT_A_EV_PID], 0),
		       u32_or(tb[WT_A_EV_TID], 0), str_or(tb[WT_A_EV_COMM], "?"),
		       str_or(tb[WT_A_EV_OP], "?"), user);
		if (tb[WT_A_EV_CLIENT_SID])
			printf(" client=%s", client);
		if (tb[WT_A_EV_LEVEL])
			printf(" level=%s", level_name(mnl_attr_get_u32(tb[WT_A_EV_LEVEL])));
		if (tb[WT_A_EV_PATH])
			printf(" path=\"%s\"", mnl_attr_get_str(tb[WT_A_EV_PATH]));
		if (tb[WT_A_EV_DESIRED])
			printf(" desired=0x%x granted=0x%x",
			       mnl_attr_get_u32(tb[WT_A_EV_DESIRED]),
			       u32_or(tb[WT_A_EV_GRANTED], 0));
		if (tb[WT_A_EV_LOGON_ID])
			printf(" logon_id=0x%llx",
			       (unsigned long long)mnl_attr_get_u64(tb[WT_A_EV_LOGON_ID]));
		if (tb[WT_A_EV_LOGON_TYPE])
			printf(" logon_type=%u", mnl_attr_get_u32(tb[WT_A_EV_LOGON_TYPE]));
		if (tb[WT_A_EV_TOKEN_USER])
			printf(" token_sid=%s", token_user);
		if (tb[WT_A_EV_TOKEN_ID])
			printf(" token_id=0x%llx",
			       (unsigned long long)mnl_attr_get_u64(tb[WT_A_EV_TOKEN_ID]));
		if (tb[WT_A_EV_PRIVILEGE])
			printf(" privilege=%s",
			       wt_privilege_name(mnl_attr_get_u32(tb[WT_A_EV_PRIVILEGE])) ?: "?");
		if (u32_or(tb[WT_A_EV_ERRNO], 0))
			printf(" error=%s", strerror(mnl_attr_get_u32(tb[WT_A_EV_ERRNO])));
		printf("\n");
	}
	fflush(stdout);
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "count", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	long count = -1, seen = 0;
	uint64_t last_seq = 0;
	struct wtnl nl;
	int json = 0, opt;
	unsigned long long num;

	while ((opt = wt_getopt(argc, argv, "jc:h", options, print_usage)) != -1) {
		switch (opt) {
		case 'j':
			json = 1;
			break;
		case 'c':
			if (wt_parse_ull(optarg, 10, LONG_MAX, &num) || !num)
				wt_usage_error(print_usage);
			count = (long)num;
			break;
		}
	}
	if (optind != argc)
		wt_usage_error(print_usage);
	if (wtnl_open(&nl)) {
		fprintf(stderr, "wtaudit: wintok netlink family: %s%s\n", strerror(errno),
			errno == ENOENT ? " (is the module loaded?)" : "");
		return 1;
	}
	if (wtnl_join_audit(&nl)) {
		fprintf(stderr, "wtaudit: cannot join the audit group: %s\n",
			strerror(errno));
		wtnl_close(&nl);
		return 1;
	}
	signal(SIGPIPE, SIG_DFL);
	while (count < 0 || seen < count) {
		ssize_t n = mnl_socket_recvfrom(nl.sock, nl.buf, WTNL_BUF_SIZE);
		const struct nlmsghdr *m;
		int len;

		if (n < 0) {
			if (errno == ENOBUFS) {
				fprintf(stderr, "wtaudit: events lost (receive buffer overrun)\n");
				continue;
			}
			if (errno == EINTR)
				continue;
			fprintf(stderr, "wtaudit: %s\n", strerror(errno));
			break;
		}
		len = n;
		for (m = (const struct nlmsghdr *)nl.buf; mnl_nlmsg_ok(m, len);
		     m = mnl_nlmsg_next(m, &len)) {
			const struct genlmsghdr *g = mnl_nlmsg_get_payload(m);
			const struct nlattr *tb[WT_A_MAX + 1];
			uint64_t seq;

			if (m->nlmsg_type != nl.family || g->cmd != WT_CMD_AUDIT_EVENT)
				continue;
			wtnl_attrs(m, tb);
			seq = tb[WT_A_EV_SEQ] ? mnl_attr_get_u64(tb[WT_A_EV_SEQ]) : 0;
			if (last_seq && seq > last_seq + 1 && !json)
				fprintf(stderr, "wtaudit: %llu events dropped\n",
					(unsigned long long)(seq - last_seq - 1));
			last_seq = seq;
			print_event(tb, json);
			if (count > 0 && ++seen >= count)
				break;
		}
	}
	wtnl_close(&nl);
	return 0;
}
