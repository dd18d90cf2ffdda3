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
#include "wt_json.h"
#include "wt_tool.h"
#include "privdesc.h"
#include "table.h"

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
/*
 * One claim's values as text: strings in quotes, SIDs and octet strings as
 * quoted hex, integers bare; the same text is a JSON array's members. The
 * module validated the claim when the token was made; every offset is
 * still checked here. Returns false when the claim cannot be shown.
 */
static bool claim_fields(const unsigned char *c, uint32_t len, char *name,
			 size_t name_size, unsigned int *type, char *values,
			 size_t size)
{
	char text[512];
	uint32_t count, i, off, n;
	size_t used = 0;
	uint64_t v;
	int k;

	if (len < 16 || !claim_text(c, len, le32(c), name, name_size))
		return false;
	*type = c[4] | c[5] << 8;
	count = le32(c + 12);
	values[0] = '\0';
#define PUT(...) (used += snprintf(values + used, used < size ? size - used : 0, __VA_ARGS__))
	for (i = 0; i < count && 16 + 4 * (i + 1) <= len; i++) {
		off = le32(c + 16 + 4 * i);
		PUT("%s", i ? ", " : "");
		if (*type == WT_CLAIM_TYPE_STRING) {
			if (claim_text(c, len, off, text, sizeof(text)))
				PUT("\"%s\"", text);
			continue;
		}
		if (*type == WT_CLAIM_TYPE_SID || *type == WT_CLAIM_TYPE_OCTET) {
			if (off > len || len - off < 4 || le32(c + off) > len - off - 4)
				continue;
			n = le32(c + off);
			PUT("\"");
			for (k = 0; k < (int)n; k++)
				PUT("%02x", c[off + 4 + k]);
			PUT("\"");
			continue;
		}
		if (off > len || len - off < 8)
			continue;
		for (v = 0, k = 7; k >= 0; k--)
			v = v << 8 | c[off + k];
		if (*type == WT_CLAIM_TYPE_INT64)
			PUT("%lld", (long long)v);
		else
			PUT("%llu", (unsigned long long)v);
	}
#undef PUT
	/* a value list too long for the buffer is cut, never shown as whole */
	return used < size;
}

static const char *const claim_cols[] = { "Claim Name", "Type", "Values" };

static int claims_table(const struct token_info *ti, int which,
			struct wt_table *t)
{
	char name[512], values[4096];
	const unsigned char *c;
	uint32_t off = 0, len;
	unsigned int type;

	t->title = which ? "DEVICE CLAIMS INFORMATION" : "USER CLAIMS INFORMATION";
	t->cols = claim_cols;
	t->ncols = 3;
	while (wt_claims_next(ti->claims[which], ti->claims_len[which], &off,
			      &c, &len) == 1) {
		if (!claim_fields(c, len, name, sizeof(name), &type, values,
				  sizeof(values)))
			continue;
		if (wt_table_add(t, name, claim_type_name(type), values))
			return -1;
	}
	return 0;
}

/*
 * The type column of "whoami /groups", from the SID's authority: aliases
 * are BUILTIN (S-1-5-32), labels the mandatory levels (S-1-16), users and
 * groups the accounts of a domain or of the Unix id map (S-1-22-1, S-1-22-2);
 * the rest are well-known SIDs.
 */
static const char *sid_type(const char *sid)
{
	if (!strncmp(sid, "S-1-16-", 7))
		return "Label";
	if (!strncmp(sid, "S-1-5-32-", 9))
		return "Alias";
	if (!strncmp(sid, "S-1-22-1-", 9))
		return "User";
	if (!strncmp(sid, "S-1-22-2-", 9) || !strncmp(sid, "S-1-5-21-", 9))
		return "Group";
	return "Well-known group";
}

static const char *const user_cols[] = { "User Name", "SID" };
static const char *const group_cols[] = { "Group Name", "Type", "SID", "Attributes" };
static const char *const restricted_cols[] = { "Restricting SID Name", "SID" };
static const char *const priv_cols[] = { "Privilege Name", "Description", "State" };
static const char *const logon_cols[] = { "Logon Id", "Logon SID Name", "Logon SID" };
static const char *const token_cols[] = {
	"Token type", "Impersonation level", "Integrity level", "Elevated",
	"Logon id", "Token id", "Session id", "Source",
};

static void luid_text(uint64_t luid, char *buf, size_t size)
{
	snprintf(buf, size, "0x%x:0x%x", (unsigned int)(luid >> 32),
		 (unsigned int)luid);
}

static int user_table(const struct token_info *ti, struct wt_table *t)
{
	char sid[192], name[256];

	*t = (struct wt_table){ .title = "USER INFORMATION", .cols = user_cols, .ncols = 2 };
	sid_text(&ti->user, sid, sizeof(sid), name, sizeof(name));
	return wt_table_add(t, name, sid);
}

/*
 * The groups, with the mandatory label as whoami lists it: type Label. The
 * module keeps the label among the groups (SE_GROUP_INTEGRITY); a token
 * that has it only as its integrity level gets the row added.
 */
static int group_table(const struct token_info *ti, struct wt_table *t)
{
	char sid[192], name[256], attrs[256];
	bool label = false;
	uint32_t i;

	*t = (struct wt_table){ .title = "GROUP INFORMATION", .cols = group_cols, .ncols = 4 };
	for (i = 0; i < ti->groups->count; i++) {
		const struct wt_sid_and_attributes *g = &ti->groups->groups[i];

		sid_text(g, sid, sizeof(sid), name, sizeof(name));
		attr_text(g->attributes, attrs, sizeof(attrs));
		if (wt_table_add(t, name, sid_type(sid), sid, attrs))
			return -1;
		label |= !!(g->attributes & WT_SE_GROUP_INTEGRITY);
	}
	if (label)
		return 0;
	sid_text(&ti->integrity, sid, sizeof(sid), name, sizeof(name));
	attr_text(ti->integrity.attributes, attrs, sizeof(attrs));
	return wt_table_add(t, name, "Label", sid, attrs);
}

static int restricted_table(const struct token_info *ti, struct wt_table *t)
{
	char sid[192], name[256];
	uint32_t i;

	*t = (struct wt_table){ .title = "RESTRICTING SIDS", .cols = restricted_cols, .ncols = 2 };
	for (i = 0; i < ti->restricted->count; i++) {
		sid_text(&ti->restricted->groups[i], sid, sizeof(sid), name,
			 sizeof(name));
		if (wt_table_add(t, name, sid))
			return -1;
	}
	return 0;
}

static int priv_table(const struct token_info *ti, struct wt_table *t)
{
	char num[32];
	uint32_t i;

	*t = (struct wt_table){ .title = "PRIVILEGES INFORMATION", .cols = priv_cols, .ncols = 3 };
	for (i = 0; i < ti->privs->count; i++) {
		const struct wt_luid_and_attributes *p = &ti->privs->privileges[i];
		const char *n = wt_privilege_name(p->luid);

		snprintf(num, sizeof(num), "%llu", (unsigned long long)p->luid);
		if (wt_table_add(t, n ? n : num, wt_privilege_description(p->luid),
				 p->attributes & WT_SE_PRIVILEGE_ENABLED ?
				 "Enabled" : "Disabled"))
			return -1;
	}
	return 0;
}

/* The logon SID is the group the module marks SE_GROUP_LOGON_ID. */
static const struct wt_sid_and_attributes *logon_sid(const struct token_info *ti)
{
	uint32_t i;

	for (i = 0; i < ti->groups->count; i++)
		if (ti->groups->groups[i].attributes & WT_SE_GROUP_LOGON_ID)
			return &ti->groups->groups[i];
	return NULL;
}

static int logon_table(const struct token_info *ti, struct wt_table *t)
{
	const struct wt_sid_and_attributes *ls = logon_sid(ti);
	char sid[192] = "", name[256] = "", luid[40];

	*t = (struct wt_table){ .title = "LOGON INFORMATION", .cols = logon_cols, .ncols = 3 };
	luid_text(ti->stats.authentication_id, luid, sizeof(luid));
	if (ls)
		sid_text(ls, sid, sizeof(sid), name, sizeof(name));
	return wt_table_add(t, luid, name, sid);
}

static int token_table(const struct token_info *ti, struct wt_table *t)
{
	char sid[192], name[256], il[460], logon[40], id[40], sess[16], src[9];

	*t = (struct wt_table){ .title = "TOKEN INFORMATION", .cols = token_cols, .ncols = 8,
				.record = true };
	sid_text(&ti->integrity, sid, sizeof(sid), name, sizeof(name));
	snprintf(il, sizeof(il), "%s (%s)", name, sid);
	luid_text(ti->stats.authentication_id, logon, sizeof(logon));
	luid_text(ti->stats.token_id, id, sizeof(id));
	snprintf(sess, sizeof(sess), "%u", ti->session_id);
	snprintf(src, sizeof(src), "%.8s", ti->source.name);
	return wt_table_add(t, type_name(ti->stats.token_type),
			    ti->stats.token_type == WT_TOKEN_PRIMARY ?
			    "n/a (primary token)" :
			    level_name(ti->stats.impersonation_level),
			    il, ti->elevated ? "Yes" : "No", logon, id, sess, src);
}

/*
 * Claims in the table format keep one line per claim,
 * `"name" (type): v1, v2`, which reads better than a column of values.
 */
static void print_claim_lines(const struct wt_table *t, bool header)
{
	size_t i;

	if (header)
		printf("\n%s\n%.*s\n\n", t->title, (int)strlen(t->title),
		       "----------------------------------------");
	if (!t->nrows)
		printf("No %s claims.\n", t->title[0] == 'U' ? "user" : "device");
	for (i = 0; i < t->nrows; i++)
		printf("\"%s\" (%s): %s\n", t->cells[3 * i], t->cells[3 * i + 1],
		       t->cells[3 * i + 2]);
}

/* Which sections to print: the selectors. */
enum {
	SEL_USER = 1 << 0,
	SEL_GROUPS = 1 << 1,
	SEL_PRIV = 1 << 2,
	SEL_LOGONID = 1 << 3,
	SEL_TOKEN = 1 << 4,
	SEL_CLAIMS = 1 << 5,
	SEL_ALL = (1 << 6) - 1,
};

static int print_sections(const struct token_info *ti, unsigned int sel,
			  enum wt_format fmt, bool header)
{
	int (*const build[])(const struct token_info *, struct wt_table *) = {
		user_table, group_table, restricted_table, priv_table,
		logon_table, token_table,
	};
	static const unsigned int build_sel[] = {
		SEL_USER, SEL_GROUPS, SEL_GROUPS, SEL_PRIV, SEL_LOGONID, SEL_TOKEN,
	};
	struct wt_table t;
	bool first = true;
	unsigned int i;
	int which, ret = 0;

	for (i = 0; i < WT_ARRAY_SIZE(build) && !ret; i++) {
		if (!(sel & build_sel[i]))
			continue;
		memset(&t, 0, sizeof(t));
		ret = build[i](ti, &t);
		/* a token that is not restricted has no restricting SIDs to show */
		if (!ret && (t.nrows || build[i] != restricted_table)) {
			wt_table_print(stdout, &t, fmt, first, header);
			first = false;
		}
		wt_table_free(&t);
	}
	for (which = 0; which < 2 && !ret && (sel & SEL_CLAIMS); which++) {
		memset(&t, 0, sizeof(t));
		ret = claims_table(ti, which, &t);
		/*
		 * --all shows the claims a token has; --claims on its own says
		 * so when there are none, as "whoami /claims" does.
		 */
		if (!ret && (t.nrows || sel == SEL_CLAIMS)) {
			if (fmt == WT_FMT_TABLE)
				print_claim_lines(&t, header);
			else
				wt_table_print(stdout, &t, fmt, first, header);
			first = false;
		}
		wt_table_free(&t);
	}
	return ret;
}

static void print_json_claims(const struct token_info *ti, int which)
{
	char name[512], values[4096];
	const unsigned char *c;
	uint32_t off = 0, len;
	unsigned int type;
	bool first = true;

	while (wt_claims_next(ti->claims[which], ti->claims_len[which], &off,
			      &c, &len) == 1) {
		if (!claim_fields(c, len, name, sizeof(name), &type, values,
				  sizeof(values)))
			continue;
		printf("%s\n  {\"name\": \"%s\", \"type\": \"%s\", \"values\": [%s]}",
		       first ? "" : ",", name, claim_type_name(type), values);
		first = false;
	}
}

/* The next member of the top-level object: `{"key": ` or `,\n "key": `. */
static void json_key(bool *first, const char *key)
{
	printf("%s\"%s\": ", *first ? "{" : ",\n ", key);
	*first = false;
}

static void print_json_groups(const struct token_info *ti)
{
	char sid[192], name[256];
	unsigned int f;
	uint32_t i;
	bool first;

	printf("[");
	for (i = 0; i < ti->groups->count; i++) {
		const struct wt_sid_and_attributes *g = &ti->groups->groups[i];

		sid_text(g, sid, sizeof(sid), name, sizeof(name));
		printf("%s\n  {\"name\": ", i ? "," : "");
		json_write_string(stdout, name);
		printf(", \"sid\": \"%s\", \"type\": \"%s\", \"attributes\": %u, \"flags\": [",
		       sid, sid_type(sid), g->attributes);
		first = true;
		for (f = 0; f < N_GROUP_FLAGS; f++) {
			if ((g->attributes & group_flags[f].bit) != group_flags[f].bit)
				continue;
			printf("%s\"%s\"", first ? "" : ", ", group_flags[f].json);
			first = false;
		}
		printf("]}");
	}
	printf("]");
}

static void print_json_sid_list(const struct wt_token_groups *list)
{
	char sid[192], name[256];
	uint32_t i;

	printf("[");
	for (i = 0; i < list->count; i++) {
		sid_text(&list->groups[i], sid, sizeof(sid), name, sizeof(name));
		printf("%s\n  {\"name\": ", i ? "," : "");
		json_write_string(stdout, name);
		printf(", \"sid\": \"%s\"}", sid);
	}
	printf("]");
}

static void print_json_privs(const struct token_info *ti)
{
	uint32_t i;

	printf("[");
	for (i = 0; i < ti->privs->count; i++) {
		const struct wt_luid_and_attributes *p = &ti->privs->privileges[i];
		const char *n = wt_privilege_name(p->luid);

		printf("%s\n  {\"name\": ", i ? "," : "");
		json_write_string(stdout, n ? n : "");
		printf(", \"description\": ");
		json_write_string(stdout, wt_privilege_description(p->luid));
		printf(", \"luid\": %llu, \"attributes\": %u, \"enabled\": %s}",
		       (unsigned long long)p->luid, p->attributes,
		       p->attributes & WT_SE_PRIVILEGE_ENABLED ? "true" : "false");
	}
	printf("]");
}

static void print_json_sid(const struct wt_sid_and_attributes *sa)
{
	char sid[192], name[256];

	sid_text(sa, sid, sizeof(sid), name, sizeof(name));
	printf("{\"name\": ");
	json_write_string(stdout, name);
	printf(", \"sid\": \"%s\"}", sid);
}

static void print_json_token(const struct token_info *ti)
{
	char src[9];

	printf("{\"type\": \"%s\", \"impersonation_level\": ",
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
	snprintf(src, sizeof(src), "%.8s", ti->source.name);
	json_write_string(stdout, src);
	printf("}");
}

/* One object with the members the selectors ask for (all by default). */
static void print_json(const struct token_info *ti, unsigned int sel)
{
	const struct wt_sid_and_attributes *ls = logon_sid(ti);
	bool first = true;

	if (sel & SEL_USER) {
		json_key(&first, "user");
		print_json_sid(&ti->user);
	}
	if (sel & SEL_GROUPS) {
		json_key(&first, "groups");
		print_json_groups(ti);
		json_key(&first, "restricted_sids");
		print_json_sid_list(ti->restricted);
	}
	if (sel & SEL_PRIV) {
		json_key(&first, "privileges");
		print_json_privs(ti);
	}
	if (sel & SEL_CLAIMS) {
		json_key(&first, "user_claims");
		printf("[");
		print_json_claims(ti, 0);
		printf("]");
		json_key(&first, "device_claims");
		printf("[");
		print_json_claims(ti, 1);
		printf("]");
	}
	if (sel & (SEL_GROUPS | SEL_TOKEN)) {
		json_key(&first, "integrity");
		print_json_sid(&ti->integrity);
	}
	if (sel & SEL_LOGONID) {
		json_key(&first, "logon");
		printf("{\"logon_id\": %llu, \"logon_sid\": ",
		       (unsigned long long)ti->stats.authentication_id);
		if (ls)
			print_json_sid(ls);
		else
			printf("null");
		printf("}");
	}
	if (sel & SEL_TOKEN) {
		json_key(&first, "token");
		print_json_token(ti);
	}
	printf("}\n");
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
