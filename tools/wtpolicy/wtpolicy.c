// SPDX-License-Identifier: GPL-2.0
/*
 * wtpolicy - show and change wintok's system-wide settings over the
 * wintok generic netlink family: the privilege policy, the SID <-> id
 * map, the default connect level; apply /etc/wintok/policy.conf; print
 * the statistics and the token of a process.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <grp.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libwintok.h"
#include "wt_progress.h"
#include "wt_tool.h"
#include "wtnl.h"
#include "idmap_sync.h"

#define DEFAULT_CONF "/etc/wintok/policy.conf"
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const char * const level_names[] = {
	"anonymous", "identification", "impersonation", "delegation",
};

static void print_usage(FILE *out)
{
	fprintf(out,
		"usage: wtpolicy [--json] COMMAND [ARGS]\n"
		"Show and change wintok's privilege policy, SID <-> id map and\n"
		"default connect level (changes need SeTcbPrivilege: root).\n"
		"  show                   the policy, the id map and the default level\n"
		"  load [FILE]            apply a policy file (default " DEFAULT_CONF ")\n"
		"  check [FILE]           parse a policy file, change nothing\n"
		"  set-level LEVEL        anonymous, identification, impersonation,\n"
		"                         delegation or 0-3\n"
		"  clear                  empty the policy and the id map\n"
		"  idmap sync --source winbind|sss [--user NAME]... [--group NAME]...\n"
		"                         [--dry-run]  replace the id map with the SIDs\n"
		"                         the directory gives those users (and their\n"
		"                         groups) and groups; default: every passwd and\n"
		"                         group entry\n"
		"  stats                  the module's counters\n"
		"  token PID              the primary token of a process\n"
		"  --json                 JSON output (show, stats, token)\n"
		"Exit status: 0 success, 1 error, 2 usage error.\n");
}

/* ---- the policy file ---- */

struct config {
	struct { uint32_t kind, id; uint64_t privs; } rules[WT_POLICY_MAX_RULES];
	int nrules;
	struct { uint8_t sid[WT_SID_MAX_BYTES]; int sid_len; uint32_t kind, id; }
		map[WT_IDMAP_MAX_ENTRIES];
	int nmap;
	int level;	/* -1: not set */
};

static int parse_level(const char *s)
{
	for (int i = 0; i < 4; i++)
		if (!strcasecmp(s, level_names[i]) ||
		    (s[0] == '0' + i && !s[1]))
			return i;
	return -1;
}

/* Decimal u32 other than 4294967295. */
static int parse_u32(const char *s, uint32_t *out)
{
	unsigned long long v;

	if (wt_parse_ull(s, 10, 0xfffffffeull, &v))
		return -1;
	*out = v;
	return 0;
}

/*
 * "uid USER" or "gid GROUP" (@kind, @s), by number or by name (NSS), into
 * *@group and *@id. Return: NULL, or what is wrong.
 */
static const char *parse_id(const char *kind, const char *s, bool *group,
			    uint32_t *id)
{
	struct passwd *pw;
	struct group *gr;

	*group = !strcmp(kind, "gid");
	if (!*group && strcmp(kind, "uid"))
		return "expected uid or gid";
	if (!parse_u32(s, id))
		return NULL;
	if (*group) {
		gr = getgrnam(s);
		if (!gr)
			return "unknown user or group";
		*id = gr->gr_gid;
	} else {
		pw = getpwnam(s);
		if (!pw)
			return "unknown user or group";
		*id = pw->pw_uid;
	}
	return NULL;
}

/* "S-1-<authority>-<sub>..." into binary; returns its size or -1. */
static int parse_sid(const char *s, uint8_t *out)
{
	unsigned long long auth, sub;
	const char *p;
	char *end;
	int n = 0;

	if (strncasecmp(s, "S-1-", 4) || !isdigit((unsigned char)s[4]))
		return -1;
	errno = 0;
	auth = strtoull(s + 4, &end, 10);
	if (errno || auth >= (1ull << 48))
		return -1;
	out[0] = 1;
	for (int i = 0; i < 6; i++)
		out[2 + i] = (uint8_t)(auth >> (40 - 8 * i));
	p = end;
	while (*p == '-') {
		if (n == 15 || !isdigit((unsigned char)p[1]))
			return -1;
		sub = strtoull(p + 1, &end, 10);
		if (errno || sub > 0xffffffffull)
			return -1;
		for (int i = 0; i < 4; i++)
			out[8 + 4 * n + i] = (uint8_t)(sub >> (8 * i));
		n++;
		p = end;
	}
	if (*p)
		return -1;
	out[1] = n;
	return 8 + 4 * n;
}

static int parse_privileges(const char *s, uint64_t *privs)
{
	*privs = 0;
	while (*s) {
		const char *comma = strchr(s, ',');
		size_t n = comma ? (size_t)(comma - s) : strlen(s);
		int luid = wt_privilege_lookup(s, n);

		if (luid < 0)
			return -1;
		*privs |= 1ull << luid;
		if (!comma)
			break;
		s = comma + 1;
		if (!*s)
			return -1;
	}
	return *privs ? 0 : -1;
}

/*
 * wtpolicy load on a terminal: statements read, then statements applied
 * (a policy file may name hundreds of users and groups, each looked up
 * through NSS). Not started for the other commands: then it shows nothing.
 */
static struct progress prog;

static int conf_error(const char *file, int line, const char *what)
{
	progress_off_line(&prog);
	fprintf(stderr, "wtpolicy: %s:%d: %s\n", file, line, what);
	return -1;
}

/* Parse @file into @c. Return: 0, or -1 after a message. */
static int load_file(const char *file, struct config *c)
{
	char buf[1024], *words[5], *save, *p;
	int line = 0, n;
	const char *err;
	bool group;
	FILE *f;

	memset(c, 0, sizeof(*c));
	c->level = -1;
	f = fopen(file, "r");
	if (!f) {
		fprintf(stderr, "wtpolicy: %s: %s\n", file, strerror(errno));
		return -1;
	}
	while (fgets(buf, sizeof(buf), f)) {
		line++;
		if (!strchr(buf, '\n') && !feof(f)) {
			fclose(f);
			return conf_error(file, line, "line too long");
		}
		p = strchr(buf, '#');
		if (p)
			*p = '\0';
		n = 0;
		for (p = strtok_r(buf, " \t\r\n", &save); p && n < 5;
		     p = strtok_r(NULL, " \t\r\n", &save))
			words[n++] = p;
		if (!n)
			continue;
		if (p || n == 5) {
			fclose(f);
			return conf_error(file, line, "too many words");
		}
		if (!strcmp(words[0], "level") && n == 2) {
			c->level = parse_level(words[1]);
			if (c->level < 0) {
				fclose(f);
				return conf_error(file, line, "unknown level");
			}
		} else if (!strcmp(words[0], "privilege") && n == 4) {
			if (c->nrules == WT_POLICY_MAX_RULES) {
				fclose(f);
				return conf_error(file, line, "more than 64 privilege rules");
			}
			err = parse_id(words[1], words[2], &group, &c->rules[c->nrules].id);
			if (err) {
				fclose(f);
				return conf_error(file, line, err);
			}
			c->rules[c->nrules].kind = group ? WT_POLICY_GID : WT_POLICY_UID;
			if (parse_privileges(words[3], &c->rules[c->nrules].privs)) {
				fclose(f);
				return conf_error(file, line, "bad privilege list");
			}
			c->nrules++;
		} else if (!strcmp(words[0], "map") && n == 4) {
			if (c->nmap == WT_IDMAP_MAX_ENTRIES) {
				fclose(f);
				return conf_error(file, line, "more than 256 map entries");
			}
			c->map[c->nmap].sid_len = parse_sid(words[1], c->map[c->nmap].sid);
			if (c->map[c->nmap].sid_len < 0) {
				fclose(f);
				return conf_error(file, line, "bad SID");
			}
			err = parse_id(words[2], words[3], &group, &c->map[c->nmap].id);
			if (err) {
				fclose(f);
				return conf_error(file, line, err);
			}
			c->map[c->nmap].kind = group ? WT_IDMAP_GID : WT_IDMAP_UID;
			c->nmap++;
		} else {
			fclose(f);
			return conf_error(file, line, "unknown or incomplete statement");
		}
		progress_step(&prog);
	}
	fclose(f);
	progress_end(&prog, NULL);
	return 0;
}

/* ---- requests ---- */

static int fail(struct wtnl *nl, const char *what)
{
	progress_off_line(&prog);
	fprintf(stderr, "wtpolicy: %s: %s%s%s\n", what, strerror(errno),
		nl->errmsg[0] ? ": " : "", nl->errmsg);
	return 1;
}

static int send_rules(struct wtnl *nl, const struct config *c)
{
	static char buf[32768];
	struct nlmsghdr *nlh = wtnl_msg(nl, buf, WT_CMD_SET_POLICY);
	struct nlattr *list = mnl_attr_nest_start(nlh, WT_A_POLICY), *nest;

	for (int i = 0; i < c->nrules; i++) {
		nest = mnl_attr_nest_start(nlh, WT_A_POLICY_RULE);
		mnl_attr_put_u32(nlh, WT_RULE_A_KIND, c->rules[i].kind);
		mnl_attr_put_u32(nlh, WT_RULE_A_ID, c->rules[i].id);
		mnl_attr_put_u64(nlh, WT_RULE_A_PRIVILEGES, c->rules[i].privs);
		mnl_attr_nest_end(nlh, nest);
	}
	mnl_attr_nest_end(nlh, list);
	return wtnl_call(nl, nlh, NULL, NULL) ? fail(nl, "set the privilege policy") : 0;
}

static int send_map(struct wtnl *nl, const struct config *c)
{
	static char buf[WTNL_IDMAP_MSG_SIZE];
	struct nlmsghdr *nlh = wtnl_msg(nl, buf, WT_CMD_SET_IDMAP);
	struct nlattr *list = NULL;

	for (int i = 0; i < c->nmap; i++)
		wtnl_idmap_put(nlh, &list, c->map[i].sid, c->map[i].sid_len,
			       c->map[i].kind, c->map[i].id);
	wtnl_idmap_end(nlh, list);
	return wtnl_call(nl, nlh, NULL, NULL) ? fail(nl, "set the id map") : 0;
}

static int send_level(struct wtnl *nl, int level)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = wtnl_msg(nl, buf, WT_CMD_SET_CONNECT_LEVEL);

	mnl_attr_put_u32(nlh, WT_A_LEVEL, level);
	return wtnl_call(nl, nlh, NULL, NULL) ? fail(nl, "set the default level") : 0;
}

static int simple(struct wtnl *nl, uint8_t cmd, wtnl_reply_cb cb, void *data)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];

	return wtnl_call(nl, wtnl_msg(nl, buf, cmd), cb, data);
}

/* ---- show ---- */

static int json;

static void print_privs(uint64_t privs)
{
	bool first = true;

	for (int luid = WT_SE_MIN_PRIVILEGE; luid <= WT_SE_MAX_PRIVILEGE; luid++) {
		if (!(privs & (1ull << luid)))
			continue;
		printf(json ? "%s\"%s\"" : "%s%s", first ? "" : ",",
		       wt_privilege_name(luid));
		first = false;
	}
}

static int show_policy_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[WT_A_MAX + 1], *rt[WT_RULE_A_MAX + 1], *a;
	bool first = true;

	(void)data;
	wtnl_attrs(nlh, tb);
	printf(json ? "\"privileges\": [" : "");
	if (tb[WT_A_POLICY]) {
		mnl_attr_for_each_nested(a, tb[WT_A_POLICY]) {
			wtnl_nested(a, rt, WT_RULE_A_MAX);
			if (!rt[WT_RULE_A_KIND] || !rt[WT_RULE_A_ID] ||
			    !rt[WT_RULE_A_PRIVILEGES])
				return MNL_CB_ERROR;
			if (json)
				printf("%s{\"kind\": \"%s\", \"id\": %u, \"privileges\": [",
				       first ? "" : ", ",
				       mnl_attr_get_u32(rt[WT_RULE_A_KIND]) ? "gid" : "uid",
				       mnl_attr_get_u32(rt[WT_RULE_A_ID]));
			else
				printf("privilege %s %u ",
				       mnl_attr_get_u32(rt[WT_RULE_A_KIND]) ? "gid" : "uid",
				       mnl_attr_get_u32(rt[WT_RULE_A_ID]));
			print_privs(mnl_attr_get_u64(rt[WT_RULE_A_PRIVILEGES]));
			printf(json ? "]}" : "\n");
			first = false;
		}
	}
	printf(json ? "], " : "");
	return MNL_CB_OK;
}

/* One part of the map's dump; @data: bool, no entry printed yet. */
static int show_map_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *et[WT_IDMAP_A_MAX + 1], *l, *a;
	bool *first = data;
	char sid[192];

	/* Every entry of every WT_A_IDMAP list (a large map has several). */
	mnl_attr_for_each(l, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(l) != WT_A_IDMAP)
			continue;
		mnl_attr_for_each_nested(a, l) {
			wtnl_nested(a, et, WT_IDMAP_A_MAX);
			if (!et[WT_IDMAP_A_SID] || !et[WT_IDMAP_A_KIND] || !et[WT_IDMAP_A_ID] ||
			    wt_sid_string(mnl_attr_get_payload(et[WT_IDMAP_A_SID]),
					  mnl_attr_get_payload_len(et[WT_IDMAP_A_SID]),
					  sid, sizeof(sid)) < 0)
				return MNL_CB_ERROR;
			printf(json ? "%s{\"sid\": \"%s\", \"kind\": \"%s\", \"id\": %u}" :
			       "%smap %s %s %u\n", json && !*first ? ", " : "", sid,
			       mnl_attr_get_u32(et[WT_IDMAP_A_KIND]) ? "gid" : "uid",
			       mnl_attr_get_u32(et[WT_IDMAP_A_ID]));
			*first = false;
		}
	}
	return MNL_CB_OK;
}

static int show_level_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[WT_A_MAX + 1];
	uint32_t level;

	(void)data;
	wtnl_attrs(nlh, tb);
	if (!tb[WT_A_LEVEL])
		return MNL_CB_ERROR;
	level = mnl_attr_get_u32(tb[WT_A_LEVEL]);
	if (json)
		printf("\"level\": \"%s\"", level < 4 ? level_names[level] : "?");
	else
		printf("level %s\n", level < 4 ? level_names[level] : "?");
	return MNL_CB_OK;
}

static int cmd_show(struct wtnl *nl)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	bool first = true;

	printf(json ? "{" : "# wintok policy (wtpolicy load accepts this output)\n");
	if (simple(nl, WT_CMD_GET_CONNECT_LEVEL, show_level_cb, NULL))
		return fail(nl, "get the default level");
	printf(json ? ", " : "");
	if (simple(nl, WT_CMD_GET_POLICY, show_policy_cb, NULL))
		return fail(nl, "get the privilege policy");
	printf(json ? "\"idmap\": [" : "");
	/* A dump: a large map comes in parts. */
	if (wtnl_call(nl, wtnl_dump_msg(nl, buf, WT_CMD_GET_IDMAP), show_map_cb, &first))
		return fail(nl, "get the id map");
	printf(json ? "], " : "");
	printf(json ? "\"version\": %u}\n" : "", nl->version);
	return 0;
}

static const struct {
	int attr;
	const char *name;
} stat_names[] = {
	{ WT_A_STAT_CHECKS, "checks" },
	{ WT_A_STAT_DENIALS, "denials" },
	{ WT_A_STAT_IMPERSONATIONS, "impersonations" },
	{ WT_A_STAT_IMP_CAPPED, "impersonations_capped" },
	{ WT_A_STAT_IMP_REVERTS, "reverts" },
	{ WT_A_STAT_IMP_LEVEL_DENIALS, "bad_level_denials" },
	{ WT_A_STAT_INTERNAL_ERRORS, "internal_errors" },
	{ WT_A_STAT_AUDIT_EVENTS, "audit_events" },
	{ WT_A_STAT_AUDIT_DROPPED, "audit_dropped" },
	{ WT_A_STAT_LIVE_TOKENS, "live_tokens" },
};

static int stats_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[WT_A_MAX + 1];
	size_t i;

	(void)data;
	wtnl_attrs(nlh, tb);
	printf(json ? "{" : "");
	for (i = 0; i < ARRAY_SIZE(stat_names); i++) {
		const struct nlattr *a = tb[stat_names[i].attr];
		unsigned long long v = a ? mnl_attr_get_u64(a) : 0;

		printf(json ? "%s\"%s\": %llu" : "%s%-22s %llu\n",
		       json && i ? ", " : "", stat_names[i].name, v);
	}
	printf(json ? "}\n" : "");
	return MNL_CB_OK;
}

static int token_cb(const struct nlmsghdr *nlh, void *data)
{
	static const unsigned int need[] = {
		WT_TOKEN_A_USER, WT_TOKEN_A_GROUPS, WT_TOKEN_A_TYPE,
		WT_TOKEN_A_LOGON_ID, WT_TOKEN_A_INTEGRITY,
		WT_TOKEN_A_PRIVILEGES_PRESENT, WT_TOKEN_A_PRIVILEGES_ENABLED, 0
	};
	const struct nlattr *t[WT_TOKEN_A_MAX + 1];
	const struct nlattr *g[WT_TOKEN_A_MAX + 1], *a;
	char sid[192], name[256];
	bool first = true;

	(void)data;
	if (wtnl_object(nlh, WT_A_TOKEN, t, WT_TOKEN_A_MAX, need))
		return MNL_CB_ERROR;
	wt_sid_string(mnl_attr_get_payload(t[WT_TOKEN_A_USER]),
		      mnl_attr_get_payload_len(t[WT_TOKEN_A_USER]), sid, sizeof(sid));
	if (json)
		printf("{\"user\": \"%s\", \"type\": %u, \"integrity\": %u, ",
		       sid, mnl_attr_get_u32(t[WT_TOKEN_A_TYPE]),
		       mnl_attr_get_u32(t[WT_TOKEN_A_INTEGRITY]));
	if (json)
		printf("\"logon_id\": \"0x%llx\", \"groups\": [",
		       (unsigned long long)mnl_attr_get_u64(t[WT_TOKEN_A_LOGON_ID]));
	else
		printf("user       %s\ntype       %s\nintegrity  0x%x\nlogon id   0x%llx\ngroups\n",
		       sid, mnl_attr_get_u32(t[WT_TOKEN_A_TYPE]) == WT_TOKEN_PRIMARY ?
		       "primary" : "impersonation",
		       mnl_attr_get_u32(t[WT_TOKEN_A_INTEGRITY]),
		       (unsigned long long)mnl_attr_get_u64(t[WT_TOKEN_A_LOGON_ID]));
	mnl_attr_for_each_nested(a, t[WT_TOKEN_A_GROUPS]) {
		wtnl_nested(a, g, WT_TOKEN_A_MAX);
		if (!g[WT_TOKEN_A_SID] || !g[WT_TOKEN_A_ATTRIBUTES])
			return MNL_CB_ERROR;
		wt_sid_string(mnl_attr_get_payload(g[WT_TOKEN_A_SID]),
			      mnl_attr_get_payload_len(g[WT_TOKEN_A_SID]), sid, sizeof(sid));
		if (wt_sid_name(mnl_attr_get_payload(g[WT_TOKEN_A_SID]),
				mnl_attr_get_payload_len(g[WT_TOKEN_A_SID]),
				name, sizeof(name)) < 0)
			snprintf(name, sizeof(name), "%s", sid);
		if (json)
			printf("%s{\"sid\": \"%s\", \"attributes\": %u}", first ? "" : ", ",
			       sid, mnl_attr_get_u32(g[WT_TOKEN_A_ATTRIBUTES]));
		else
			printf("  %-40s %-24s 0x%08x\n", name, sid,
			       mnl_attr_get_u32(g[WT_TOKEN_A_ATTRIBUTES]));
		first = false;
	}
	printf(json ? "], \"privileges_present\": [" : "privileges present: ");
	print_privs(mnl_attr_get_u64(t[WT_TOKEN_A_PRIVILEGES_PRESENT]));
	printf(json ? "], \"privileges_enabled\": [" : "\nprivileges enabled: ");
	print_privs(mnl_attr_get_u64(t[WT_TOKEN_A_PRIVILEGES_ENABLED]));
	printf(json ? "]}\n" : "\n");
	return MNL_CB_OK;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd, *file = DEFAULT_CONF;
	struct config *c;
	struct wtnl nl;
	int opt, ret = 0, nargs;

	while ((opt = wt_getopt(argc, argv, "+jh", options, print_usage)) != -1) {
		switch (opt) {
		case 'j':
			json = 1;
			break;
		}
	}
	if (optind == argc)
		wt_usage_error(print_usage);
	cmd = argv[optind];
	nargs = argc - optind - 1;
	if ((!strcmp(cmd, "load") || !strcmp(cmd, "check")) && nargs <= 1) {
		if (nargs)
			file = argv[optind + 1];
	} else if ((!strcmp(cmd, "set-level") || !strcmp(cmd, "token")) && nargs == 1) {
		/* checked below */
	} else if (!strcmp(cmd, "idmap") && nargs >= 1 &&
		   !strcmp(argv[optind + 1], "sync")) {
		/* options checked by idmap_sync_main() */
	} else if ((!strcmp(cmd, "show") || !strcmp(cmd, "clear") ||
		    !strcmp(cmd, "stats")) && nargs == 0) {
		/* no arguments */
	} else {
		wt_usage_error(print_usage);
	}

	if (!strcmp(cmd, "idmap"))
		return idmap_sync_main(nargs - 1, argv + optind + 2);
	c = calloc(1, sizeof(*c));
	if (!c)
		return 1;
	c->level = -1;
	if (!strcmp(cmd, "load"))
		progress_start(&prog, "wtpolicy", "load", "read");
	if (!strcmp(cmd, "load") || !strcmp(cmd, "check")) {
		if (load_file(file, c)) {
			free(c);
			return 1;
		}
		if (!strcmp(cmd, "check")) {
			printf("%s: %d privilege rules, %d map entries%s%s\n", file,
			       c->nrules, c->nmap, c->level >= 0 ? ", level " : "",
			       c->level >= 0 ? level_names[c->level] : "");
			free(c);
			return 0;
		}
	}
	if (!strcmp(cmd, "set-level")) {
		c->level = parse_level(argv[optind + 1]);
		if (c->level < 0) {
			fprintf(stderr, "wtpolicy: unknown level %s\n", argv[optind + 1]);
			free(c);
			return 2;
		}
	}
	if (wtnl_open(&nl)) {
		fprintf(stderr, "wtpolicy: wintok netlink family: %s%s\n", strerror(errno),
			errno == ENOENT ? " (is the module loaded?)" : "");
		free(c);
		return 1;
	}
	if (!strcmp(cmd, "show")) {
		ret = cmd_show(&nl);
	} else if (!strcmp(cmd, "stats")) {
		if (simple(&nl, WT_CMD_GET_STATS, stats_cb, NULL))
			ret = fail(&nl, "get the statistics");
	} else if (!strcmp(cmd, "token")) {
		char buf[MNL_SOCKET_BUFFER_SIZE];
		struct nlmsghdr *nlh = wtnl_msg(&nl, buf, WT_CMD_GET_TOKEN);
		uint32_t pid;

		if (parse_u32(argv[optind + 1], &pid)) {
			fprintf(stderr, "wtpolicy: not a process id: %s\n", argv[optind + 1]);
			ret = 2;
		} else {
			mnl_attr_put_u32(nlh, WT_A_PID, pid);
			if (wtnl_call(&nl, nlh, token_cb, NULL))
				ret = fail(&nl, "get the token");
		}
	} else if (!strcmp(cmd, "set-level")) {
		ret = send_level(&nl, c->level);
	} else {
		/* load and clear: rules, then the map, then the level. */
		if (!strcmp(cmd, "load"))
			progress_start(&prog, "wtpolicy", "load", "applied");
		ret = send_rules(&nl, c);
		if (!ret) {
			progress_add(&prog, c->nrules);
			ret = send_map(&nl, c);
		}
		if (!ret) {
			progress_add(&prog, c->nmap);
			if (c->level >= 0)
				ret = send_level(&nl, c->level);
		}
		if (!ret && c->level >= 0)
			progress_add(&prog, 1);
		progress_end(&prog, NULL);
	}
	wtnl_close(&nl);
	free(c);
	return ret;
}
