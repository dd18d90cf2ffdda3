// SPDX-License-Identifier: GPL-2.0
/*
 * wtwhoami - the sections of "whoami /all" as tables (table, list, csv).
 */
#include <stdio.h>
#include <string.h>

#include "privdesc.h"
#include "whoami.h"

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
static const char *const user_cols[] = { "User Name", "SID" };
static const char *const group_cols[] = { "Group Name", "Type", "SID", "Attributes" };
static const char *const restricted_cols[] = { "Restricting SID Name", "SID" };
static const char *const priv_cols[] = { "Privilege Name", "Description", "State" };
static const char *const logon_cols[] = { "Logon Id", "Logon SID Name", "Logon SID" };
static const char *const token_cols[] = {
	"Token type", "Impersonation level", "Integrity level", "Elevated",
	"Logon id", "Token id", "Session id", "Source",
};

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

int print_sections(const struct token_info *ti, unsigned int sel,
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
