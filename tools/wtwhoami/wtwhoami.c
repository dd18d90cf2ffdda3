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
#include <unistd.h>

#include "libwintok.h"

struct token_info {
	struct wt_sid_and_attributes user;
	struct wt_token_groups *groups;
	struct wt_token_groups *restricted;
	struct wt_token_privileges *privs;
	struct wt_sid_and_attributes integrity;
	struct wt_token_statistics stats;
	struct wt_token_source source;
	uint32_t elevated;
	uint32_t session_id;
	uint64_t origin;
	void *claims[2];	/* user, device: claims buffers (may be empty) */
	uint32_t claims_len[2];
};

static void print_usage(FILE *out)
{
	fprintf(out,
		"usage: wtwhoami [--fd N | -p PID] [--json] [--help]\n"
		"Print the wintok primary token of this process: user, groups with\n"
		"their attributes, restricting SIDs, privileges with their state,\n"
		"integrity level, token type, impersonation level and logon id\n"
		"(like whoami /all).\n"
		"  --fd N   print the token of the token handle N instead (a handle\n"
		"           inherited from the parent or received over a socket;\n"
		"           it needs TOKEN_QUERY and TOKEN_QUERY_SOURCE)\n"
		"  -p, --pid PID  print the primary token of process PID (the\n"
		"           token's DACL must grant TOKEN_QUERY and\n"
		"           TOKEN_QUERY_SOURCE, or SeDebugPrivilege be enabled)\n"
		"  --json   one JSON object instead of text\n"
		"Exit status: 0 success, 1 error (module not loaded, query failed),\n"
		"2 usage error.\n");
}

static void sid_text(const struct wt_sid_and_attributes *sa, char *sid,
		     size_t sid_size, char *name, size_t name_size)
{
	if (wt_sid_string(sa->sid, sa->sid_size, sid, sid_size) < 0)
		snprintf(sid, sid_size, "(invalid)");
	if (wt_sid_name(sa->sid, sa->sid_size, name, name_size) < 0 &&
	    errno != ENOENT)
		snprintf(name, name_size, "%s", sid);
}

static const struct {
	uint32_t bit;
	const char *text;
	const char *json;
} group_flags[] = {
	{ WT_SE_GROUP_MANDATORY, "Mandatory group", "mandatory" },
	{ WT_SE_GROUP_ENABLED_BY_DEFAULT, "Enabled by default", "enabled_by_default" },
	{ WT_SE_GROUP_ENABLED, "Enabled group", "enabled" },
	{ WT_SE_GROUP_OWNER, "Group owner", "owner" },
	{ WT_SE_GROUP_USE_FOR_DENY_ONLY, "Group used for deny only", "deny_only" },
	{ WT_SE_GROUP_INTEGRITY, "Integrity", "integrity" },
	{ WT_SE_GROUP_INTEGRITY_ENABLED, "Integrity enabled", "integrity_enabled" },
	{ WT_SE_GROUP_RESOURCE, "Resource", "resource" },
	{ WT_SE_GROUP_LOGON_ID, "Logon id", "logon_id" },
};

#define WT_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define N_GROUP_FLAGS WT_ARRAY_SIZE(group_flags)

static void attr_text(uint32_t attrs, char *buf, size_t size)
{
	size_t len = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < N_GROUP_FLAGS; i++) {
		if ((attrs & group_flags[i].bit) != group_flags[i].bit)
			continue;
		len += snprintf(buf + len, size > len ? size - len : 0, "%s%s",
				len ? ", " : "", group_flags[i].text);
	}
}

static void json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			printf("\\u%04x", *s);
		else
			putchar(*s);
	}
	putchar('"');
}

static const char *type_name(uint32_t type)
{
	return type == WT_TOKEN_PRIMARY ? "Primary" :
	       type == WT_TOKEN_IMPERSONATION ? "Impersonation" : "Unknown";
}

static const char *level_name(uint32_t level)
{
	switch (level) {
	case WT_SECURITY_ANONYMOUS: return "Anonymous";
	case WT_SECURITY_IDENTIFICATION: return "Identification";
	case WT_SECURITY_IMPERSONATION: return "Impersonation";
	case WT_SECURITY_DELEGATION: return "Delegation";
	default: return "Unknown";
	}
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

static uint32_t le32(const unsigned char *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* UTF-16LE at @c + @off (NUL-terminated within @len) as printable ASCII. */
static bool claim_text(const unsigned char *c, uint32_t len, uint32_t off,
		       char *out, size_t size)
{
	size_t n = 0;
	unsigned int u;

	for (; off + 1 < len; off += 2) {
		u = c[off] | c[off + 1] << 8;
		if (!u) {
			out[n] = '\0';
			return true;
		}
		if (n + 7 >= size)
			return false;
		if (u >= 0x20 && u < 0x7f && u != '"' && u != '\\')
			out[n++] = (char)u;
		else
			n += snprintf(out + n, size - n, "\\u%04x", u);
	}
	return false;
}

static const char *claim_type_name(unsigned int type)
{
	switch (type) {
	case WT_CLAIM_TYPE_INT64: return "int64";
	case WT_CLAIM_TYPE_UINT64: return "uint64";
	case WT_CLAIM_TYPE_STRING: return "string";
	case WT_CLAIM_TYPE_SID: return "sid";
	case WT_CLAIM_TYPE_BOOLEAN: return "boolean";
	case WT_CLAIM_TYPE_OCTET: return "octets";
	default: return "unknown";
	}
}

/*
 * One claim as `"name" (type): v1, v2` (text) or a JSON object. The
 * module validated it when the token was made; every offset is still
 * checked here.
 */
static void print_claim(const unsigned char *c, uint32_t len, bool json)
{
	char name[512], text[512];
	uint32_t count, i, off, n;
	unsigned int type;
	uint64_t v;
	int k;

	if (len < 16 || !claim_text(c, len, le32(c), name, sizeof(name)))
		return;
	type = c[4] | c[5] << 8;
	count = le32(c + 12);
	if (json)
		printf("{\"name\": \"%s\", \"type\": \"%s\", \"values\": [",
		       name, claim_type_name(type));
	else
		printf("\"%s\" (%s):", name, claim_type_name(type));
	for (i = 0; i < count && 16 + 4 * (i + 1) <= len; i++) {
		off = le32(c + 16 + 4 * i);
		printf("%s", i ? ", " : json ? "" : " ");
		if (type == WT_CLAIM_TYPE_STRING) {
			if (claim_text(c, len, off, text, sizeof(text)))
				printf("\"%s\"", text);
			continue;
		}
		if (type == WT_CLAIM_TYPE_SID || type == WT_CLAIM_TYPE_OCTET) {
			if (off > len || len - off < 4 || le32(c + off) > len - off - 4)
				continue;
			n = le32(c + off);
			printf("\"");
			for (k = 0; k < (int)n; k++)
				printf("%02x", c[off + 4 + k]);
			printf("\"");
			continue;
		}
		if (off > len || len - off < 8)
			continue;
		for (v = 0, k = 7; k >= 0; k--)
			v = v << 8 | c[off + k];
		if (type == WT_CLAIM_TYPE_INT64)
			printf("%lld", (long long)v);
		else
			printf("%llu", (unsigned long long)v);
	}
	printf(json ? "]}" : "\n");
}

static void print_claims(const struct token_info *ti, int which, bool json)
{
	const unsigned char *c;
	uint32_t off = 0, len;
	bool first = true;

	while (wt_claims_next(ti->claims[which], ti->claims_len[which], &off,
			      &c, &len) == 1) {
		if (json)
			printf("%s\n  ", first ? "" : ",");
		print_claim(c, len, json);
		first = false;
	}
}

static void print_heading(const char *title)
{
	size_t n = strlen(title);

	printf("\n%s\n", title);
	while (n--)
		putchar('-');
	printf("\n\n");
}

static void print_rule(int width)
{
	while (width-- > 0)
		putchar('=');
}

static void print_text(const struct token_info *ti)
{
	char sid[192], name[256], attrs[256];
	int name_w = 10, sid_w = 3, priv_w = 14;
	uint32_t i;

	print_heading("USER INFORMATION");
	sid_text(&ti->user, sid, sizeof(sid), name, sizeof(name));
	name_w = strlen(name) > 9 ? strlen(name) : 9;
	printf("%-*s %s\n", name_w, "User Name", "SID");
	print_rule(name_w);
	putchar(' ');
	print_rule(strlen(sid));
	printf("\n%-*s %s\n", name_w, name, sid);

	print_heading("GROUP INFORMATION");
	name_w = 10;
	for (i = 0; i < ti->groups->count; i++) {
		sid_text(&ti->groups->groups[i], sid, sizeof(sid), name, sizeof(name));
		if ((int)strlen(name) > name_w)
			name_w = strlen(name);
		if ((int)strlen(sid) > sid_w)
			sid_w = strlen(sid);
	}
	printf("%-*s %-*s %s\n", name_w, "Group Name", sid_w, "SID", "Attributes");
	print_rule(name_w);
	putchar(' ');
	print_rule(sid_w);
	putchar(' ');
	print_rule(40);
	putchar('\n');
	for (i = 0; i < ti->groups->count; i++) {
		const struct wt_sid_and_attributes *g = &ti->groups->groups[i];

		sid_text(g, sid, sizeof(sid), name, sizeof(name));
		attr_text(g->attributes, attrs, sizeof(attrs));
		printf("%-*s %-*s %s\n", name_w, name, sid_w, sid, attrs);
	}

	if (ti->restricted->count) {
		print_heading("RESTRICTING SIDS");
		for (i = 0; i < ti->restricted->count; i++) {
			sid_text(&ti->restricted->groups[i], sid, sizeof(sid), name,
				 sizeof(name));
			printf("%-*s %s\n", name_w, name, sid);
		}
	}

	print_heading("PRIVILEGES INFORMATION");
	for (i = 0; i < ti->privs->count; i++) {
		const char *n = wt_privilege_name(ti->privs->privileges[i].luid);

		if (n && (int)strlen(n) > priv_w)
			priv_w = strlen(n);
	}
	printf("%-*s %s\n", priv_w, "Privilege Name", "State");
	print_rule(priv_w);
	putchar(' ');
	print_rule(8);
	putchar('\n');
	for (i = 0; i < ti->privs->count; i++) {
		const struct wt_luid_and_attributes *p = &ti->privs->privileges[i];
		const char *n = wt_privilege_name(p->luid);

		if (n)
			printf("%-*s ", priv_w, n);
		else
			printf("%-*llu ", priv_w, (unsigned long long)p->luid);
		printf("%s\n", p->attributes & WT_SE_PRIVILEGE_ENABLED ? "Enabled" : "Disabled");
	}

	print_heading("TOKEN INFORMATION");
	sid_text(&ti->integrity, sid, sizeof(sid), name, sizeof(name));
	printf("Token type:          %s\n", type_name(ti->stats.token_type));
	printf("Impersonation level: %s\n",
	       ti->stats.token_type == WT_TOKEN_PRIMARY ? "n/a (primary token)" :
	       level_name(ti->stats.impersonation_level));
	printf("Integrity level:     %s (%s)\n", name, sid);
	printf("Elevated:            %s\n", ti->elevated ? "Yes" : "No");
	printf("Logon id:            0x%x:0x%x\n",
	       (unsigned int)(ti->stats.authentication_id >> 32),
	       (unsigned int)ti->stats.authentication_id);
	printf("Token id:            0x%x:0x%x\n",
	       (unsigned int)(ti->stats.token_id >> 32), (unsigned int)ti->stats.token_id);
	printf("Session id:          %u\n", ti->session_id);
	printf("Source:              %.8s\n", ti->source.name);
	if (ti->claims_len[0]) {
		print_heading("USER CLAIMS INFORMATION");
		print_claims(ti, 0, false);
	}
	if (ti->claims_len[1]) {
		print_heading("DEVICE CLAIMS INFORMATION");
		print_claims(ti, 1, false);
	}
}

static void print_json(const struct token_info *ti)
{
	char sid[192], name[256];
	uint32_t i;
	unsigned int f;
	bool first;

	sid_text(&ti->user, sid, sizeof(sid), name, sizeof(name));
	printf("{\"user\": {\"name\": ");
	json_string(name);
	printf(", \"sid\": \"%s\"},\n \"groups\": [", sid);
	for (i = 0; i < ti->groups->count; i++) {
		const struct wt_sid_and_attributes *g = &ti->groups->groups[i];

		sid_text(g, sid, sizeof(sid), name, sizeof(name));
		printf("%s\n  {\"name\": ", i ? "," : "");
		json_string(name);
		printf(", \"sid\": \"%s\", \"attributes\": %u, \"flags\": [",
		       sid, g->attributes);
		first = true;
		for (f = 0; f < N_GROUP_FLAGS; f++) {
			if ((g->attributes & group_flags[f].bit) != group_flags[f].bit)
				continue;
			printf("%s\"%s\"", first ? "" : ", ", group_flags[f].json);
			first = false;
		}
		printf("]}");
	}
	printf("],\n \"restricted_sids\": [");
	for (i = 0; i < ti->restricted->count; i++) {
		sid_text(&ti->restricted->groups[i], sid, sizeof(sid), name,
			 sizeof(name));
		printf("%s\n  {\"name\": ", i ? "," : "");
		json_string(name);
		printf(", \"sid\": \"%s\"}", sid);
	}
	printf("],\n \"privileges\": [");
	for (i = 0; i < ti->privs->count; i++) {
		const struct wt_luid_and_attributes *p = &ti->privs->privileges[i];
		const char *n = wt_privilege_name(p->luid);

		printf("%s\n  {\"name\": ", i ? "," : "");
		json_string(n ? n : "");
		printf(", \"luid\": %llu, \"attributes\": %u, \"enabled\": %s}",
		       (unsigned long long)p->luid, p->attributes,
		       p->attributes & WT_SE_PRIVILEGE_ENABLED ? "true" : "false");
	}
	sid_text(&ti->integrity, sid, sizeof(sid), name, sizeof(name));
	printf("],\n \"user_claims\": [");
	print_claims(ti, 0, true);
	printf("],\n \"device_claims\": [");
	print_claims(ti, 1, true);
	printf("],\n \"integrity\": {\"name\": ");
	json_string(name);
	printf(", \"sid\": \"%s\"},\n", sid);
	printf(" \"token\": {\"type\": \"%s\", \"impersonation_level\": ",
	       type_name(ti->stats.token_type));
	if (ti->stats.token_type == WT_TOKEN_PRIMARY)
		printf("null");
	else
		printf("\"%s\"", level_name(ti->stats.impersonation_level));
	printf(", \"token_id\": %llu, \"logon_id\": %llu, \"origin\": %llu",
	       (unsigned long long)ti->stats.token_id,
	       (unsigned long long)ti->stats.authentication_id,
	       (unsigned long long)ti->origin);
	printf(", \"modified_id\": %llu, \"session_id\": %u, \"elevated\": %s, \"source\": ",
	       (unsigned long long)ti->stats.modified_id, ti->session_id,
	       ti->elevated ? "true" : "false");
	snprintf(name, sizeof(name), "%.8s", ti->source.name);
	json_string(name);
	printf("}}\n");
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "fd", required_argument, NULL, 'f' },
		{ "pid", required_argument, NULL, 'p' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct token_info ti;
	bool json = false;
	int opt, fd = -1, pid = -1;
	char *end;
	long v;

	while ((opt = getopt_long(argc, argv, "f:p:jh", options, NULL)) != -1) {
		switch (opt) {
		case 'f':
			errno = 0;
			v = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || v < 0 || v > 1000000) {
				fprintf(stderr, "wtwhoami: --fd wants a descriptor number\n");
				return 2;
			}
			fd = (int)v;
			break;
		case 'p':
			errno = 0;
			v = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || v <= 0 || v > 0x3fffffff) {
				fprintf(stderr, "wtwhoami: --pid wants a process id\n");
				return 2;
			}
			pid = (int)v;
			break;
		case 'j':
			json = true;
			break;
		case 'h':
			print_usage(stdout);
			return 0;
		default:
			print_usage(stderr);
			return 2;
		}
	}
	if (optind != argc || (fd >= 0 && pid > 0)) {
		print_usage(stderr);
		return 2;
	}
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
		return 1;
	}
	close(fd);
	if (json)
		print_json(&ti);
	else
		print_text(&ti);
	free(ti.groups);
	free(ti.restricted);
	free(ti.privs);
	free(ti.claims[0]);
	free(ti.claims[1]);
	return 0;
}
