// SPDX-License-Identifier: GPL-2.0
/*
 * wtacl eval and wtacl inherit: a request (SD, token, desired access) read
 * from JSON and options, run through the security core without the module.
 */
#define _GNU_SOURCE	/* O_PATH */
#include <stdio.h>
#include <ctype.h>
#include <fcntl.h>
#include <dirent.h>
#include <getopt.h>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libwintok.h"
#include "sddl.h"
#include "wt_access.h"
#include "wt_inherit.h"
#include "wt_json.h"
#include "wt_privilege.h"
#include "wt_sd_emit.h"
#include "wtacl.h"

static const struct {
	const char *name;
	u32 bits;
} group_attr_names[] = {
	{ "mandatory", WT_SE_GROUP_MANDATORY },
	{ "enabled_by_default", WT_SE_GROUP_ENABLED_BY_DEFAULT },
	{ "enabled", WT_SE_GROUP_ENABLED },
	{ "owner", WT_SE_GROUP_OWNER },
	{ "deny_only", WT_SE_GROUP_USE_FOR_DENY_ONLY },
	{ "integrity", WT_SE_GROUP_INTEGRITY },
	{ "integrity_enabled", WT_SE_GROUP_INTEGRITY_ENABLED },
	{ "resource", WT_SE_GROUP_RESOURCE },
	{ "logon_id", WT_SE_GROUP_LOGON_ID },
};

#define BARE_SID_ATTRS (WT_SE_GROUP_MANDATORY | WT_SE_GROUP_ENABLED_BY_DEFAULT | \
			WT_SE_GROUP_ENABLED)

/* ---- one request ---- */

void request_free(struct request *r)
{
	free(r->sd);
	free(r->groups);
	free(r->restricted);
	free(r->default_dacl_sd);
}

int fail(struct request *r, const char *msg)
{
	if (!r->error)
		r->error = msg;
	return -EINVAL;
}

int set_domain(struct request *r, const char *text)
{
	if (wt_sid_from_string(&r->domain_sid, text))
		return fail(r, "domain: not a SID");
	r->dom.domain = &r->domain_sid;
	return 0;
}

static int set_sd_sddl(struct request *r, const char *text)
{
	struct sddl_error err = { 0, NULL };
	int rc = sddl_to_sd(text, &r->dom, &r->sd, &r->sd_len, &err);

	if (rc) {
		r->bad_sd = true;
		return fail(r, err.message ? err.message : "sd: invalid SDDL");
	}
	return 0;
}

static int set_sd_hex(struct request *r, const char *text)
{
	if (parse_hex(text, &r->sd, &r->sd_len)) {
		r->bad_sd = true;
		return fail(r, "sd_hex: not an even-length hex string");
	}
	return 0;
}

static const struct json_value *expect_type(struct request *r,
					    const struct json_value *v,
					    enum json_type type,
					    const char *msg)
{
	if (!v || v->type != type) {
		fail(r, msg);
		return NULL;
	}
	return v;
}

static int parse_attrs(struct request *r, const struct json_value *list,
		       u32 *attrs)
{
	size_t i, j;

	if (!expect_type(r, list, JSON_ARRAY, "attrs: expected an array"))
		return -EINVAL;
	*attrs = 0;
	for (i = 0; i < list->count; i++) {
		if (list->items[i].type != JSON_STRING)
			return fail(r, "attrs: expected strings");
		for (j = 0; j < ARRAY_SIZE(group_attr_names); j++)
			if (!strcmp(list->items[i].text,
				    group_attr_names[j].name))
				break;
		if (j == ARRAY_SIZE(group_attr_names))
			return fail(r, "attrs: unknown attribute");
		*attrs |= group_attr_names[j].bits;
	}
	return 0;
}

/* A SID string, or {"sid": SID, "attrs": [...]}. */
static int parse_sid_attr(struct request *r, const struct json_value *v,
			  struct wt_sid_attr *out, u32 bare_attrs)
{
	const struct json_value *sid = v;
	size_t i;

	out->attributes = bare_attrs;
	if (v->type == JSON_OBJECT) {
		out->attributes = 0;	/* {"sid": ...} alone: no attribute */
		for (i = 0; i < v->count; i++)
			if (strcmp(v->keys[i], "sid") &&
			    strcmp(v->keys[i], "attrs"))
				return fail(r, "unknown key in a SID object");
		sid = json_get(v, "sid");
		if (json_get(v, "attrs") &&
		    parse_attrs(r, json_get(v, "attrs"), &out->attributes))
			return -EINVAL;
	}
	if (!expect_type(r, sid, JSON_STRING, "expected a SID string"))
		return -EINVAL;
	if (parse_sid_text(sid->text, &r->dom, &out->sid))
		return fail(r, "invalid SID");
	return 0;
}

static int parse_sid_list(struct request *r, const struct json_value *v,
			  struct wt_sid_attr **out, u32 *count)
{
	size_t i;

	if (!expect_type(r, v, JSON_ARRAY, "expected an array of SIDs"))
		return -EINVAL;
	*out = calloc(v->count + 1, sizeof(**out));
	if (!*out)
		return fail(r, "out of memory");
	for (i = 0; i < v->count; i++)
		if (parse_sid_attr(r, &v->items[i], &(*out)[i], BARE_SID_ATTRS))
			return -EINVAL;
	*count = v->count;
	return 0;
}

static int parse_privileges(struct request *r, const struct json_value *v)
{
	size_t i;
	int luid;

	if (!expect_type(r, v, JSON_ARRAY, "privileges: expected an array"))
		return -EINVAL;
	for (i = 0; i < v->count; i++) {
		if (v->items[i].type != JSON_STRING)
			return fail(r, "privileges: expected strings");
		luid = privilege_luid(v->items[i].text);
		if (luid < 0)
			return fail(r, "privileges: unknown privilege");
		r->tok.privileges |= 1ULL << luid;
	}
	return 0;
}

static int parse_integrity(struct request *r, const struct json_value *v)
{
	struct wt_sid sid;

	if (!expect_type(r, v, JSON_STRING, "integrity: expected a SID") ||
	    parse_sid_text(v->text, &r->dom, &sid) ||
	    !wt_sid_is_integrity(&sid, &r->tok.integrity_level))
		return fail(r, "integrity: expected S-1-16-x");
	return 0;
}

static int parse_policy(struct request *r, const struct json_value *v)
{
	size_t i;

	if (!expect_type(r, v, JSON_ARRAY,
			 "mandatory_policy: expected an array"))
		return -EINVAL;
	r->tok.mandatory_policy = 0;
	for (i = 0; i < v->count; i++) {
		if (v->items[i].type != JSON_STRING)
			return fail(r, "mandatory_policy: expected strings");
		if (!strcmp(v->items[i].text, "no_write_up"))
			r->tok.mandatory_policy |=
				WT_TOKEN_MANDATORY_POLICY_NO_WRITE_UP;
		else if (!strcmp(v->items[i].text, "new_process_min"))
			r->tok.mandatory_policy |=
				WT_TOKEN_MANDATORY_POLICY_NEW_PROCESS_MIN;
		else
			return fail(r, "mandatory_policy: unknown policy");
	}
	return 0;
}

static int parse_token_sid(struct request *r, const struct json_value *v,
			   struct wt_sid *out, const struct wt_sid **ptr)
{
	if (!expect_type(r, v, JSON_STRING, "expected a SID string") ||
	    parse_sid_text(v->text, &r->dom, out))
		return fail(r, "invalid SID");
	*ptr = out;
	return 0;
}

static int parse_default_dacl(struct request *r, const struct json_value *v)
{
	size_t len;

	if (!expect_type(r, v, JSON_STRING, "default_dacl: expected SDDL") ||
	    sddl_to_sd(v->text, &r->dom, &r->default_dacl_sd, &len, NULL) ||
	    wt_sd_parse(r->default_dacl_sd, len, &r->default_dacl_view))
		return fail(r, "default_dacl: invalid SDDL");
	if (r->default_dacl_view.dacl.acl)
		r->tok.default_dacl = &r->default_dacl_view.dacl;
	return 0;
}

/* Token defaults: Medium integrity, NO_WRITE_UP | NEW_PROCESS_MIN. */
static int parse_token(struct request *r, const struct json_value *t)
{
	const struct json_value *v;
	size_t i;
	int rc = 0;

	if (!expect_type(r, t, JSON_OBJECT, "token: expected an object"))
		return -EINVAL;
	r->tok.integrity_level = WT_INTEGRITY_MEDIUM;
	r->tok.mandatory_policy = WT_TOKEN_MANDATORY_POLICY_NO_WRITE_UP |
				  WT_TOKEN_MANDATORY_POLICY_NEW_PROCESS_MIN;
	v = json_get(t, "user");
	if (!v)
		return fail(r, "token: no user");
	if (parse_sid_attr(r, v, &r->tok.user, 0))
		return -EINVAL;
	for (i = 0; i < t->count && !rc; i++) {
		const char *key = t->keys[i];

		v = &t->items[i];
		if (!strcmp(key, "user"))
			continue;
		else if (!strcmp(key, "groups"))
			rc = parse_sid_list(r, v, &r->groups,
					    &r->tok.group_count);
		else if (!strcmp(key, "restricted"))
			rc = parse_sid_list(r, v, &r->restricted,
					    &r->tok.restricted_count);
		else if (!strcmp(key, "privileges"))
			rc = parse_privileges(r, v);
		else if (!strcmp(key, "integrity"))
			rc = parse_integrity(r, v);
		else if (!strcmp(key, "mandatory_policy"))
			rc = parse_policy(r, v);
		else if (!strcmp(key, "owner"))
			rc = parse_token_sid(r, v, &r->owner, &r->tok.owner);
		else if (!strcmp(key, "primary_group"))
			rc = parse_token_sid(r, v, &r->primary_group,
					     &r->tok.primary_group);
		else if (!strcmp(key, "default_dacl"))
			rc = parse_default_dacl(r, v);
		else
			rc = fail(r, "token: unknown key");
	}
	r->tok.groups = r->groups;
	r->tok.restricted = r->restricted;
	wt_token_prepare(&r->tok);
	return rc;
}

static int parse_desired(struct request *r, const struct json_value *v)
{
	if (!v || (v->type != JSON_STRING && v->type != JSON_NUMBER) ||
	    parse_u32(v->text, &r->req.desired))
		return fail(r, "desired: expected a 32-bit mask");
	return 0;
}

static int parse_object(struct request *r, const struct json_value *v)
{
	if (!expect_type(r, v, JSON_STRING, "object: expected a string"))
		return -EINVAL;
	r->req.mapping = object_mapping(v->text);
	return r->req.mapping ? 0 : fail(r, "object: unknown object type");
}

static int parse_self(struct request *r, const struct json_value *v)
{
	if (!expect_type(r, v, JSON_STRING, "principal_self: expected a SID") ||
	    parse_sid_text(v->text, &r->dom, &r->self))
		return fail(r, "principal_self: invalid SID");
	r->req.principal_self = &r->self;
	return 0;
}

static int parse_bool(struct request *r, const struct json_value *v,
		      bool *out)
{
	if (!v || (v->type != JSON_TRUE && v->type != JSON_FALSE))
		return fail(r, "expected true or false");
	*out = v->type == JSON_TRUE;
	return 0;
}

/* One batch line, already parsed as JSON. */
static int parse_request(struct request *r, const struct json_value *o)
{
	const struct json_value *v;
	bool intent = false;
	size_t i;
	int rc = 0;

	if (!expect_type(r, o, JSON_OBJECT, "expected a JSON object"))
		return -EINVAL;
	r->req.mapping = &wt_file_mapping;
	v = json_get(o, "domain");
	if (v && (v->type != JSON_STRING || set_domain(r, v->text)))
		return fail(r, "domain: expected a SID");
	if (json_get(o, "sd") && json_get(o, "sd_hex"))
		return fail(r, "give sd or sd_hex, not both");
	if (!json_get(o, "desired"))
		return fail(r, "no desired mask");
	for (i = 0; i < o->count && !rc; i++) {
		const char *key = o->keys[i];

		v = &o->items[i];
		if (!strcmp(key, "domain"))
			continue;
		else if (!strcmp(key, "sd"))
			rc = expect_type(r, v, JSON_STRING, "sd: expected SDDL") ?
			     set_sd_sddl(r, v->text) : -EINVAL;
		else if (!strcmp(key, "sd_hex"))
			rc = expect_type(r, v, JSON_STRING, "sd_hex: expected hex") ?
			     set_sd_hex(r, v->text) : -EINVAL;
		else if (!strcmp(key, "token"))
			rc = parse_token(r, v);
		else if (!strcmp(key, "desired"))
			rc = parse_desired(r, v);
		else if (!strcmp(key, "object"))
			rc = parse_object(r, v);
		else if (!strcmp(key, "backup_intent"))
			rc = parse_bool(r, v, &intent);
		else if (!strcmp(key, "principal_self"))
			rc = parse_self(r, v);
		else
			rc = fail(r, "unknown key");
	}
	if (rc)
		return rc;
	if (!r->sd)
		return fail(r, "no sd or sd_hex");
	if (!json_get(o, "token"))
		return fail(r, "no token");
	r->req.flags = intent ? WT_AC_BACKUP_INTENT : 0;
	return 0;
}

/* ---- eval ---- */

static const char *status_name(enum wt_access_status s)
{
	switch (s) {
	case WT_STATUS_OK:
		return "ok";
	case WT_STATUS_ACCESS_DENIED:
		return "access_denied";
	case WT_STATUS_PRIVILEGE_NOT_HELD:
		return "privilege_not_held";
	case WT_STATUS_INVALID_SD:
		return "invalid_sd";
	default:
		return "invalid_input";
	}
}

static void print_result(u32 granted, const char *status, const char *error)
{
	printf("{\"granted\": \"0x%x\", \"status\": \"%s\"", (unsigned int)granted,
	       status);
	if (error) {
		printf(", \"error\": ");
		json_write_string(stdout, error);
	}
	printf("}\n");
}

/* Run the check of a parsed request and print its result. */
static int evaluate(struct request *r)
{
	struct wt_access_result res;
	struct wt_sd_view sd;

	if (wt_sd_parse(r->sd, r->sd_len, &sd)) {
		print_result(0, "invalid_sd", "the SD does not validate");
		return EXIT_INPUT;
	}
	wt_access_check(&sd, &r->tok, &r->req, &res);
	switch (res.status) {
	case WT_STATUS_OK:
		print_result(res.granted, "ok", NULL);
		return EXIT_GRANTED;
	case WT_STATUS_ACCESS_DENIED:
	case WT_STATUS_PRIVILEGE_NOT_HELD:
		print_result(res.granted, status_name(res.status), NULL);
		return EXIT_DENIED;
	case WT_STATUS_INVALID_SD:
		print_result(0, "invalid_sd", "the core rejected the SD");
		return EXIT_INPUT;
	default:
		print_result(0, "invalid_input", "the core rejected the input");
		return EXIT_INPUT;
	}
}

static int eval_line(const char *line, size_t len)
{
	struct request r;
	struct json_value *o;
	const char *jerr = NULL;
	int rc;

	memset(&r, 0, sizeof(r));
	o = json_parse(line, len, &jerr);
	if (!o) {
		print_result(0, "invalid_input", jerr);
		return EXIT_INPUT;
	}
	if (parse_request(&r, o)) {
		print_result(0, r.bad_sd ? "invalid_sd" : "invalid_input",
			     r.error);
		rc = EXIT_INPUT;
	} else {
		rc = evaluate(&r);
	}
	json_free(o);
	request_free(&r);
	return rc;
}

static int eval_batch(void)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	while ((n = getline(&line, &cap, stdin)) >= 0) {
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			n--;
		eval_line(line, n);
	}
	free(line);
	return fflush(stdout) ? EXIT_INPUT : EXIT_GRANTED;
}

/* The parts eval and inherit share: domain, token, object type. */
int cli_common(struct request *r, const struct cli *c,
	       const char *default_object)
{
	struct json_value *t;
	const char *jerr = "token: invalid JSON";
	int rc;

	if (c->domain && set_domain(r, c->domain))
		return -EINVAL;
	r->req.mapping = object_mapping(c->object ? c->object : default_object);
	if (!r->req.mapping)
		return fail(r, "--object: unknown object type");
	if (!c->token)
		return fail(r, "--token is required");
	t = json_parse(c->token, strlen(c->token), &jerr);
	if (!t)
		return fail(r, jerr);
	rc = parse_token(r, t);
	json_free(t);
	return rc;
}

int cmd_eval(int argc, char **argv)
{
	struct request r;
	struct cli c;
	int started;
	int rc = EXIT_INPUT;

	started = begin_command(argc, argv, &c, 0, 0);
	if (started >= 0)
		return started;
	if (c.batch)
		return eval_batch();
	memset(&r, 0, sizeof(r));
	if (cli_common(&r, &c, "file"))
		goto out;
	if (!!c.sd == !!c.sd_hex) {
		fail(&r, "give exactly one of --sd and --sd-hex");
		goto out;
	}
	if ((c.sd && set_sd_sddl(&r, c.sd)) ||
	    (c.sd_hex && set_sd_hex(&r, c.sd_hex)))
		goto out;
	if (!c.desired || parse_u32(c.desired, &r.req.desired)) {
		fail(&r, "--desired: expected a 32-bit mask");
		goto out;
	}
	if (c.self && parse_sid_text(c.self, &r.dom, &r.self)) {
		fail(&r, "--principal-self: invalid SID");
		goto out;
	}
	if (c.self)
		r.req.principal_self = &r.self;
	r.req.flags = c.backup ? WT_AC_BACKUP_INTENT : 0;
	rc = evaluate(&r);
out:
	if (r.error)
		print_result(0, r.bad_sd ? "invalid_sd" : "invalid_input",
			     r.error);
	request_free(&r);
	return rc;
}

/* ---- inherit ---- */

static int load_view(struct request *r, const char *sddl, u8 **buf,
		     struct wt_sd_view *view)
{
	struct sddl_error err = { 0, NULL };
	size_t len;

	if (sddl_to_sd(sddl, &r->dom, buf, &len, &err))
		return fail(r, err.message ? err.message : "invalid SDDL");
	if (wt_sd_parse(*buf, len, view))
		return fail(r, "SD does not validate");
	return 0;
}

int cmd_inherit(int argc, char **argv)
{
	struct wt_sd_view parent, creator;
	u8 *pbuf = NULL, *cbuf = NULL, *out = NULL;
	struct request r;
	struct cli c;
	int started;
	char *text = NULL;
	long size;
	int rc = EXIT_INPUT;

	started = begin_command(argc, argv, &c, 0, 0);
	if (started >= 0)
		return started;
	memset(&r, 0, sizeof(r));
	if (cli_common(&r, &c, c.container ? "directory" : "file"))
		goto out;
	if (!c.parent) {
		fail(&r, "--parent is required ('' for none)");
		goto out;
	}
	if ((*c.parent && load_view(&r, c.parent, &pbuf, &parent)) ||
	    (c.creator && load_view(&r, c.creator, &cbuf, &creator)))
		goto out;
	size = wt_sd_inherit(*c.parent ? &parent : NULL,
			     c.creator ? &creator : NULL, &r.tok,
			     r.req.mapping,
			     c.container ? WT_INHERIT_IS_CONTAINER : 0,
			     NULL, 0);
	out = size > 0 ? malloc(size) : NULL;
	if (out)
		size = wt_sd_inherit(*c.parent ? &parent : NULL,
				     c.creator ? &creator : NULL, &r.tok,
				     r.req.mapping,
				     c.container ? WT_INHERIT_IS_CONTAINER : 0,
				     out, size);
	if (size <= 0 || !out) {
		fail(&r, "inheritance failed");
		goto out;
	}
	if (sddl_from_sd(out, size, &r.dom, &text)) {
		fail(&r, "the child SD cannot be written as SDDL");
		goto out;
	}
	print_text(c.json, "sddl", text);
	rc = EXIT_GRANTED;
out:
	if (rc)
		fprintf(stderr, "wtacl inherit: %s\n",
			r.error ? r.error : "failed");
	free(text);
	free(out);
	free(pbuf);
	free(cbuf);
	request_free(&r);
	return rc;
}
