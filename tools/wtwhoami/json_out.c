// SPDX-License-Identifier: GPL-2.0
/*
 * wtwhoami - the token as one JSON object (--format json).
 */
#include <stdio.h>
#include <string.h>

#include "whoami.h"
#include "privdesc.h"
#include "wt_json.h"

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
		for (f = 0; f < n_group_flags; f++) {
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
void print_json(const struct token_info *ti, unsigned int sel)
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
