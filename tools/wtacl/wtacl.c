// SPDX-License-Identifier: GPL-2.0
/*
 * wtacl - the wintok security core on the command line, without the module:
 * access checks (one, or a JSON batch), inheritance, SDDL <-> binary.
 * Documentation/tools/wtacl.rst describes usage, the JSON schema and the
 * exit codes; `wtacl --help` prints a summary.
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

/* Exit codes */
#define EXIT_GRANTED	0	/* eval: access granted; others: success */
#define EXIT_DENIED	1	/* eval: access_denied or privilege_not_held */
#define EXIT_INPUT	2	/* bad usage or input */
#define EXIT_SYSTEM	3	/* get/set: the module refused or failed */

static const char usage_text[] =
"usage: wtacl eval  [options] --sd SDDL|--sd-hex HEX --token JSON --desired MASK\n"
"       wtacl eval  --batch                    (JSON lines on stdin)\n"
"       wtacl inherit [options] --parent SDDL [--creator SDDL] --token JSON\n"
"       wtacl sddl  to-hex SDDL | from-hex HEX | canon SDDL  [--domain SID]\n"
"       wtacl get   [--domain SID] FILE\n"
"       wtacl set   [--domain SID] FILE SDDL\n"
"       wtacl grant [-R] [--domain SID] FILE WHO:RIGHTS\n"
"\n"
"eval: run the Windows access check of the wintok core.\n"
"  --sd SDDL            security descriptor as SDDL\n"
"  --sd-hex HEX         security descriptor as self-relative bytes in hex\n"
"  --token JSON         the token, as in the batch schema below\n"
"  --desired MASK       desired access (0x hex or decimal)\n"
"  --object TYPE        file (default), directory, token or ipc: the\n"
"                       generic mapping\n"
"  --backup-intent      the open asks for backup/restore semantics\n"
"  --principal-self SID SID that replaces PRINCIPAL SELF (S-1-5-10)\n"
"  --domain SID         domain SID for domain aliases (DA, DU, LA, ...)\n"
"  prints one JSON result: {\"granted\": \"0x...\", \"status\": \"...\"}\n"
"  --batch              read one JSON object per line on stdin, write one\n"
"                       result per line, in order:\n"
"    {\"sd\": SDDL | \"sd_hex\": HEX,\n"
"     \"token\": {\"user\": SID | {\"sid\": SID, \"attrs\": [...]},\n"
"               \"groups\": [SID | {\"sid\": SID, \"attrs\": [ATTR...]}],\n"
"               \"privileges\": [\"SeBackupPrivilege\", ...],\n"
"               \"integrity\": \"S-1-16-8192\",\n"
"               \"mandatory_policy\": [\"no_write_up\", \"new_process_min\"],\n"
"               \"restricted\": [SID | {\"sid\": SID, \"attrs\": [...]}],\n"
"               \"owner\": SID, \"primary_group\": SID,\n"
"               \"default_dacl\": \"D:...\"},\n"
"     \"desired\": \"0x...\" | integer,\n"
"     \"object\": \"file\" | \"directory\" | \"token\" | \"ipc\",\n"
"     \"backup_intent\": bool, \"principal_self\": SID, \"domain\": SID}\n"
"    ATTR: mandatory enabled_by_default enabled owner deny_only integrity\n"
"          integrity_enabled resource logon_id. A bare SID means\n"
"          mandatory+enabled_by_default+enabled. Unknown keys are errors.\n"
"    status: ok access_denied privilege_not_held invalid_sd invalid_input\n"
"    (invalid_* results also carry \"error\": TEXT)\n"
"\n"
"inherit: the SD of a new object created under PARENT by TOKEN.\n"
"  --parent SDDL        the parent's SD ('' for none)\n"
"  --creator SDDL       an explicit SD given at creation (optional)\n"
"  --container          the new object is a directory\n"
"  --object TYPE        generic mapping (default: file, or directory with\n"
"                       --container)\n"
"  --token JSON, --domain SID as for eval; prints the child's SDDL\n"
"\n"
"sddl: convert.\n"
"  to-hex SDDL          canonical self-relative bytes, in hex\n"
"  from-hex HEX         the SD's canonical SDDL\n"
"  canon SDDL           canonical form of an SDDL string\n"
"  (an argument '-' is read from standard input, one line)\n"
"\n"
"get: print the SD wintok keeps for FILE (owner, group, DACL, label), as\n"
"  SDDL; needs READ_CONTROL on the file and the module loaded.\n"
"set: apply the parts SDDL names (O:, G:, D:, S: = audit and label ACEs)\n"
"  to FILE's SD, like SetSecurityInfo(); the others stay.\n"
"grant: add an allow ACE for WHO (a user or group name, a SID or an SDDL\n"
"  alias) to FILE's DACL, like icacls /grant. RIGHTS: optional inheritance\n"
"  flags (OI)(CI)(IO)(NP), then F (full), M (modify), RX (read and\n"
"  execute), R (read), W (write), D (delete), an SDDL right string (FR,\n"
"  FA, ...) or a 0x mask; several may be joined with ','.\n"
"  -R: FILE is a directory tree: the ACE is made inheritable ((OI)(CI)\n"
"  unless flags were given) and every file and directory below gets its\n"
"  inherited ACEs recomputed from its parent (auto-inheritance).\n"
"  get, set and grant exit 3 when the module refuses (the reason is printed:\n"
"  access denied, not governed, ...) and 2 on bad input.\n"
"\n"
"Exit status: 0 success (eval: access granted), 1 eval: access denied or\n"
"privilege not held, 2 bad usage or invalid input. eval --batch exits 0\n"
"once it has answered every line.\n";

/* ---- small parsers ---- */

static int parse_u32(const char *s, u32 *out)
{
	char *end;
	unsigned long long v;

	if (!*s || isspace((unsigned char)*s) || *s == '-' || *s == '+')
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || *end || v > 0xffffffffu)
		return -EINVAL;
	*out = (u32)v;
	return 0;
}

/* Hex text to a malloc()ed buffer (malloc keeps the SD 4-byte aligned). */
static int parse_hex(const char *s, u8 **buf, size_t *len)
{
	size_t n = strlen(s), i;
	unsigned int byte;
	u8 *out;

	if (n % 2 || n / 2 > WT_SD_MAX_SIZE)
		return -EINVAL;
	out = malloc(n / 2 + 1);
	if (!out)
		return -ENOMEM;
	for (i = 0; i < n / 2; i++) {
		if (!isxdigit((unsigned char)s[2 * i]) ||
		    !isxdigit((unsigned char)s[2 * i + 1]) ||
		    sscanf(s + 2 * i, "%2x", &byte) != 1) {
			free(out);
			return -EINVAL;
		}
		out[i] = (u8)byte;
	}
	*buf = out;
	*len = n / 2;
	return 0;
}

static void print_hex(const u8 *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		printf("%02x", buf[i]);
	printf("\n");
}

/* A whole string that is one SID (alias or S-1-...). */
static int parse_sid_text(const char *s, const struct sddl_domain *dom,
			  struct wt_sid *sid)
{
	int n = sddl_parse_sid(s, dom, sid, NULL);

	return n > 0 && s[n] == '\0' ? 0 : -EINVAL;
}

static const struct wt_generic_mapping *object_mapping(const char *name)
{
	if (!strcmp(name, "file"))
		return &wt_file_mapping;
	if (!strcmp(name, "directory"))
		return &wt_directory_mapping;
	if (!strcmp(name, "token"))
		return &wt_token_mapping;
	if (!strcmp(name, "ipc"))
		return &wt_ipc_mapping;
	return NULL;
}

static int privilege_luid(const char *name)
{
	int luid = wt_privilege_lookup(name, strlen(name));

	return luid < 0 ? -1 : luid;
}

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

/**
 * struct request - everything one access check or inheritance needs
 * @error: static text explaining an invalid input
 * @bad_sd: the input error is in the SD itself
 * @dom: domain for SID aliases
 * @domain_sid: storage for @dom.domain
 * @sd, @sd_len: the object's SD bytes (malloc()ed)
 * @tok: the token; its arrays point into @groups and @restricted
 * @groups, @restricted: token SIDs (malloc()ed)
 * @owner, @primary_group: token defaults for inheritance
 * @default_dacl_sd: bytes of the SD holding the default DACL
 * @default_dacl: view of it
 * @req: the access request
 * @self: storage for the PRINCIPAL SELF substitute
 */
struct request {
	const char *error;
	bool bad_sd;
	struct sddl_domain dom;
	struct wt_sid domain_sid;
	u8 *sd;
	size_t sd_len;
	struct wt_token_view tok;
	struct wt_sid_attr *groups;
	struct wt_sid_attr *restricted;
	struct wt_sid owner;
	struct wt_sid primary_group;
	u8 *default_dacl_sd;
	struct wt_sd_view default_dacl_view;
	struct wt_access_request req;
	struct wt_sid self;
};

static void request_free(struct request *r)
{
	free(r->sd);
	free(r->groups);
	free(r->restricted);
	free(r->default_dacl_sd);
}

static int fail(struct request *r, const char *msg)
{
	if (!r->error)
		r->error = msg;
	return -EINVAL;
}

static int set_domain(struct request *r, const char *text)
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

enum {
	OPT_SD = 256, OPT_SD_HEX, OPT_TOKEN, OPT_DESIRED, OPT_OBJECT,
	OPT_BACKUP, OPT_SELF, OPT_DOMAIN, OPT_BATCH, OPT_PARENT,
	OPT_CREATOR, OPT_CONTAINER, OPT_HELP,
};

/* Short options: -h for help, -R for grant's recursion. */
#define SHORT_OPTIONS "hR"

static const struct option long_options[] = {
	{ "sd", required_argument, NULL, OPT_SD },
	{ "sd-hex", required_argument, NULL, OPT_SD_HEX },
	{ "token", required_argument, NULL, OPT_TOKEN },
	{ "desired", required_argument, NULL, OPT_DESIRED },
	{ "object", required_argument, NULL, OPT_OBJECT },
	{ "backup-intent", no_argument, NULL, OPT_BACKUP },
	{ "principal-self", required_argument, NULL, OPT_SELF },
	{ "domain", required_argument, NULL, OPT_DOMAIN },
	{ "batch", no_argument, NULL, OPT_BATCH },
	{ "parent", required_argument, NULL, OPT_PARENT },
	{ "creator", required_argument, NULL, OPT_CREATOR },
	{ "container", no_argument, NULL, OPT_CONTAINER },
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 },
};

/**
 * struct cli - options of the eval and inherit commands
 */
struct cli {
	const char *sd, *sd_hex, *token, *desired, *object, *self, *domain;
	const char *parent, *creator;
	bool backup, batch, container, help, recursive;
};

static int parse_cli(int argc, char **argv, struct cli *c)
{
	int opt;

	memset(c, 0, sizeof(*c));
	while ((opt = getopt_long(argc, argv, SHORT_OPTIONS, long_options,
				  NULL)) != -1) {
		switch (opt) {
		case OPT_SD:
			c->sd = optarg;
			break;
		case OPT_SD_HEX:
			c->sd_hex = optarg;
			break;
		case OPT_TOKEN:
			c->token = optarg;
			break;
		case OPT_DESIRED:
			c->desired = optarg;
			break;
		case OPT_OBJECT:
			c->object = optarg;
			break;
		case OPT_BACKUP:
			c->backup = true;
			break;
		case OPT_SELF:
			c->self = optarg;
			break;
		case OPT_DOMAIN:
			c->domain = optarg;
			break;
		case OPT_BATCH:
			c->batch = true;
			break;
		case OPT_PARENT:
			c->parent = optarg;
			break;
		case OPT_CREATOR:
			c->creator = optarg;
			break;
		case OPT_CONTAINER:
			c->container = true;
			break;
		case 'h':
		case OPT_HELP:
			c->help = true;
			break;
		case 'R':
			c->recursive = true;
			break;
		default:
			return -EINVAL;
		}
	}
	return 0;
}

/* The parts eval and inherit share: domain, token, object type. */
static int cli_common(struct request *r, const struct cli *c,
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

/*
 * Parse the options of a subcommand that takes @operands operands and
 * answer --help. Returns -1 to go on, else the exit status to return.
 */
static int begin_command(int argc, char **argv, struct cli *c, int operands)
{
	if (parse_cli(argc, argv, c) ||
	    (!c->help && optind + operands != argc)) {
		fputs(usage_text, stderr);
		return EXIT_INPUT;
	}
	if (c->help) {
		fputs(usage_text, stdout);
		return EXIT_GRANTED;
	}
	return -1;
}

static int cmd_eval(int argc, char **argv)
{
	struct request r;
	struct cli c;
	int started;
	int rc = EXIT_INPUT;

	started = begin_command(argc, argv, &c, 0);
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

static int cmd_inherit(int argc, char **argv)
{
	struct wt_sd_view parent, creator;
	u8 *pbuf = NULL, *cbuf = NULL, *out = NULL;
	struct request r;
	struct cli c;
	int started;
	char *text = NULL;
	long size;
	int rc = EXIT_INPUT;

	started = begin_command(argc, argv, &c, 0);
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
	printf("%s\n", text);
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

/* ---- sddl ---- */

/* The argument, or for "-" the first line of standard input. */
static char *sddl_argument(const char *arg)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (strcmp(arg, "-"))
		return strdup(arg);
	n = getline(&line, &cap, stdin);
	if (n < 0) {
		free(line);
		return strdup("");
	}
	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return line;
}

static int cmd_sddl(int argc, char **argv)
{
	struct request r;
	struct cli c;
	int started;
	struct sddl_error err = { 0, NULL };
	const char *mode;
	char *text = NULL, *arg;
	u8 *buf = NULL;
	size_t len;
	int rc;

	started = begin_command(argc, argv, &c, 2);
	if (started >= 0)
		return started;
	memset(&r, 0, sizeof(r));
	if (c.domain && set_domain(&r, c.domain)) {
		fprintf(stderr, "wtacl sddl: %s\n", r.error);
		return EXIT_INPUT;
	}
	mode = argv[optind];
	arg = sddl_argument(argv[optind + 1]);
	if (!arg)
		return EXIT_INPUT;
	if (!strcmp(mode, "from-hex")) {
		rc = parse_hex(arg, &buf, &len);
		if (!rc)
			rc = sddl_from_sd(buf, len, &r.dom, &text);
		if (rc)
			fprintf(stderr, "wtacl sddl: %s\n", rc == -EOPNOTSUPP ?
				"the SD holds something SDDL output does not support" :
				"not a valid SD in hex");
	} else if (!strcmp(mode, "to-hex") || !strcmp(mode, "canon")) {
		rc = sddl_to_sd(arg, &r.dom, &buf, &len, &err);
		if (!rc && !strcmp(mode, "canon"))
			rc = sddl_from_sd(buf, len, &r.dom, &text);
		if (rc)
			fprintf(stderr, "wtacl sddl: at offset %zu: %s\n",
				err.offset, err.message ? err.message :
				"cannot format");
	} else {
		fputs(usage_text, stderr);
		free(arg);
		return EXIT_INPUT;
	}
	free(arg);
	if (!rc) {
		if (text)
			printf("%s\n", text);
		else
			print_hex(buf, len);
	}
	free(text);
	free(buf);
	return rc ? EXIT_INPUT : EXIT_GRANTED;
}

/* ---- files, through the module ---- */

static int file_error(const char *cmd, const char *file)
{
	if (errno == ENODATA)
		fprintf(stderr, "wtacl %s: %s: not governed by wintok (no SD)\n",
			cmd, file);
	else if (errno == ENOENT && access("/dev/" WT_DEVICE_NAME, F_OK))
		fprintf(stderr, "wtacl %s: /dev/%s: the module is not loaded\n",
			cmd, WT_DEVICE_NAME);
	else
		fprintf(stderr, "wtacl %s: %s: %s\n", cmd, file, strerror(errno));
	return EXIT_SYSTEM;
}

static int cmd_get(int argc, char **argv)
{
	const u32 sel = WT_OWNER_SECURITY_INFORMATION |
			WT_GROUP_SECURITY_INFORMATION |
			WT_DACL_SECURITY_INFORMATION |
			WT_LABEL_SECURITY_INFORMATION;
	struct request r;
	struct cli c;
	int started;
	const char *file;
	char *text = NULL;
	void *sd;
	__u32 len;
	int fd, rc;

	started = begin_command(argc, argv, &c, 1);
	if (started >= 0)
		return started;
	memset(&r, 0, sizeof(r));
	if (c.domain && set_domain(&r, c.domain)) {
		fprintf(stderr, "wtacl get: %s\n", r.error);
		return EXIT_INPUT;
	}
	file = argv[optind];
	fd = open(file, O_PATH | O_CLOEXEC);
	if (fd < 0)
		return file_error("get", file);
	sd = wt_get_file_security_alloc(-1, fd, sel, &len);
	close(fd);
	if (!sd)
		return file_error("get", file);
	rc = sddl_from_sd(sd, len, &r.dom, &text);
	free(sd);
	if (rc) {
		fprintf(stderr, "wtacl get: %s: the SD cannot be shown as SDDL\n",
			file);
		return EXIT_SYSTEM;
	}
	printf("%s\n", text);
	free(text);
	return EXIT_GRANTED;
}

static int cmd_set(int argc, char **argv)
{
	struct sddl_error err = { 0, NULL };
	struct wt_sd_view view;
	struct request r;
	struct cli c;
	int started;
	const char *file;
	u8 *buf = NULL;
	size_t len;
	u32 sel = 0;
	int fd, rc;

	started = begin_command(argc, argv, &c, 2);
	if (started >= 0)
		return started;
	memset(&r, 0, sizeof(r));
	if (c.domain && set_domain(&r, c.domain)) {
		fprintf(stderr, "wtacl set: %s\n", r.error);
		return EXIT_INPUT;
	}
	file = argv[optind];
	if (sddl_to_sd(argv[optind + 1], &r.dom, &buf, &len, &err) ||
	    wt_sd_parse(buf, len, &view)) {
		fprintf(stderr, "wtacl set: at offset %zu: %s\n", err.offset,
			err.message ? err.message : "not a valid SD");
		free(buf);
		return EXIT_INPUT;
	}
	if (view.owner)
		sel |= WT_OWNER_SECURITY_INFORMATION;
	if (view.group)
		sel |= WT_GROUP_SECURITY_INFORMATION;
	if (view.control & WT_SE_DACL_PRESENT)
		sel |= WT_DACL_SECURITY_INFORMATION;
	if (view.control & WT_SE_SACL_PRESENT)
		sel |= WT_SACL_SECURITY_INFORMATION |
		       WT_LABEL_SECURITY_INFORMATION;
	if (!sel) {
		fprintf(stderr, "wtacl set: the SDDL names no part to set\n");
		free(buf);
		return EXIT_INPUT;
	}
	rc = EXIT_GRANTED;
	fd = open(file, O_PATH | O_CLOEXEC);
	if (fd < 0 || wt_set_file_security(-1, fd, sel, buf, len))
		rc = file_error("set", file);
	if (fd >= 0)
		close(fd);
	free(buf);
	return rc;
}

/* ---- grant ---- */

/*
 * Look @who up in /etc/passwd (@group false) or /etc/group directly, for
 * systems without NSS modules (the test VM's initramfs).
 */
static bool grant_lookup_file(const char *who, bool group, unsigned int *id)
{
	FILE *f = fopen(group ? "/etc/group" : "/etc/passwd", "re");
	struct passwd *pw;
	struct group *gr;
	bool found = false;

	if (!f)
		return false;
	while (!found) {
		if (group) {
			gr = fgetgrent(f);
			if (!gr)
				break;
			found = !strcmp(gr->gr_name, who);
			*id = gr->gr_gid;
		} else {
			pw = fgetpwent(f);
			if (!pw)
				break;
			found = !strcmp(pw->pw_name, who);
			*id = pw->pw_uid;
		}
	}
	fclose(f);
	return found;
}

/*
 * The SID WHO names: a user name (S-1-22-1-uid), a group name
 * (S-1-22-2-gid), else a SID or alias in SDDL.
 */
static int grant_sid(const char *who, const struct sddl_domain *dom,
		     struct wt_sid *sid)
{
	struct sddl_error err = { 0, NULL };
	struct passwd *pw = getpwnam(who);
	struct group *gr = pw ? NULL : getgrnam(who);
	unsigned int id;
	char text[40];
	int n;

	if (pw) {
		snprintf(text, sizeof(text), "S-1-22-1-%u", (unsigned int)pw->pw_uid);
		who = text;
	} else if (gr) {
		snprintf(text, sizeof(text), "S-1-22-2-%u", (unsigned int)gr->gr_gid);
		who = text;
	} else if (grant_lookup_file(who, false, &id)) {
		snprintf(text, sizeof(text), "S-1-22-1-%u", id);
		who = text;
	} else if (grant_lookup_file(who, true, &id)) {
		snprintf(text, sizeof(text), "S-1-22-2-%u", id);
		who = text;
	}
	n = sddl_parse_sid(who, dom, sid, &err);
	/* The whole name, nothing after the SID. */
	return n > 0 && !who[n] ? 0 : -EINVAL;
}

/* icacls' simple rights, as SDDL right strings. */
static const struct {
	const char *name;
	const char *sddl;
} grant_rights[] = {
	{ "F", "FA" }, { "M", "0x1301bf" }, { "RX", "0x1200a9" },
	{ "R", "FR" }, { "W", "FW" }, { "D", "SD" },
};

/*
 * Parse RIGHTS ("(OI)(CI)RX" or "FR,WD" ...) into ACE flags and a mask,
 * through the SDDL parser (one ACE, any trustee).
 */
static int grant_rights_parse(const char *text, const struct sddl_domain *dom,
			      u8 *flags, u32 *mask)
{
	static const char *const flag_names[][2] = {
		{ "(OI)", "OI" }, { "(CI)", "CI" }, { "(IO)", "IO" },
		{ "(NP)", "NP" },
	};
	struct sddl_error err = { 0, NULL };
	char sddl[512], fl[16] = "", rights[256] = "";
	struct wt_sd_view view;
	struct wt_ace_iter it;
	struct wt_ace_view ace;
	const char *p = text, *tok;
	size_t len, i, n;
	u8 *buf = NULL;
	int rc = -EINVAL;

	for (;;) {
		for (i = 0; i < 4; i++)
			if (!strncmp(p, flag_names[i][0], 4))
				break;
		if (i == 4)
			break;
		strcat(fl, flag_names[i][1]);
		p += 4;
	}
	/* The rights: comma-separated names, SDDL strings or masks. */
	while (*p) {
		tok = p;
		n = strcspn(p, ",");
		p += n + (p[n] == ',');
		for (i = 0; i < ARRAY_SIZE(grant_rights); i++)
			if (strlen(grant_rights[i].name) == n &&
			    !strncmp(tok, grant_rights[i].name, n))
				break;
		if (i < ARRAY_SIZE(grant_rights)) {
			tok = grant_rights[i].sddl;
			n = strlen(tok);
		}
		/* SDDL allows one mask or a run of two-letter rights. */
		if (rights[0] && (!strncmp(tok, "0x", 2) || !strncmp(rights, "0x", 2)))
			return -EINVAL;
		if (strlen(rights) + n + 1 > sizeof(rights))
			return -EINVAL;
		strncat(rights, tok, n);
	}
	if (!rights[0])
		return -EINVAL;
	snprintf(sddl, sizeof(sddl), "D:(A;%s;%s;;;WD)", fl, rights);
	if (sddl_to_sd(sddl, dom, &buf, &len, &err) || wt_sd_parse(buf, len, &view))
		goto out;
	if (wt_acl_first(&view.dacl, &it, &ace)) {
		*flags = ace.flags;
		*mask = ace.mask;
		rc = 0;
	}
out:
	free(buf);
	return rc;
}

/*
 * A DACL-only SD: @dacl's ACEs with an allow ACE for @sid (@flags, @mask)
 * added after the explicit ACEs, or merged into an explicit allow ACE of
 * the same SID and flags. @control: the DACL's control bits to keep.
 */
static long grant_build(const struct wt_acl_view *dacl, u16 control,
			const struct wt_sid *sid, u8 flags, u32 mask, u8 *out,
			size_t size)
{
	struct wt_ace_view ace, add = { .type = WT_ACCESS_ALLOWED_ACE_TYPE,
					.flags = flags, .mask = mask,
					.sid = sid };
	struct wt_acl_mark mark;
	struct wt_ace_iter it;
	struct wt_writer w;
	bool ok, done = false;
	u32 dacl_off;

	wt_emit_init(&w, out, size);
	wt_emit_bytes(&w, NULL, WT_SD_HEADER_SIZE);
	dacl_off = (u32)w.pos;
	wt_emit_acl_begin(&w, &mark);
	for (ok = dacl->acl && wt_acl_first(dacl, &it, &ace); ok;
	     ok = wt_acl_next(&it, &ace)) {
		if (!done && (ace.flags & WT_INHERITED_ACE)) {
			wt_emit_ace(&w, &mark, &add);
			done = true;
		}
		if (!done && ace.type == WT_ACCESS_ALLOWED_ACE_TYPE &&
		    ace.flags == flags && wt_sid_equal(ace.sid, sid)) {
			ace.mask |= mask;
			done = true;
		}
		wt_emit_ace(&w, &mark, &ace);
	}
	if (!done)
		wt_emit_ace(&w, &mark, &add);
	wt_emit_acl_end(&w, &mark, dacl->acl ? dacl->revision : WT_ACL_REVISION);
	return wt_emit_sd_finish(&w, control | WT_SE_DACL_PRESENT, 0, 0, 0,
				 dacl_off);
}

#define GRANT_DACL_CONTROL						\
	(WT_SE_DACL_AUTO_INHERIT_REQ | WT_SE_DACL_AUTO_INHERITED |	\
	 WT_SE_DACL_PROTECTED | WT_SE_DACL_DEFAULTED)

/* Set the DACL of the SD at @sd on @file. 0 or the errno. */
static int grant_set_dacl(const char *file, const u8 *sd, size_t len)
{
	int fd = open(file, O_PATH | O_CLOEXEC), err = 0;

	if (fd < 0)
		return errno;
	if (wt_set_file_security(-1, fd, WT_DACL_SECURITY_INFORMATION, sd, len))
		err = errno;
	close(fd);
	return err;
}

/* @file's SD (the @sel parts) into *@buf/@view. 0 or the errno. */
static int grant_get(const char *file, u32 sel, u8 **buf,
		     struct wt_sd_view *view)
{
	int fd = open(file, O_PATH | O_NOFOLLOW | O_CLOEXEC), err = 0;
	__u32 len;

	if (fd < 0)
		return errno;
	*buf = wt_get_file_security_alloc(-1, fd, sel, &len);
	if (!*buf)
		err = errno;
	close(fd);
	if (!err && wt_sd_parse(*buf, len, view)) {
		free(*buf);
		*buf = NULL;
		err = EIO;
	}
	return err;
}

/*
 * Recompute the inherited ACEs of everything under the directory @dir,
 * whose SD is @parent: each child keeps its explicit ACEs and gets what
 * @parent passes on (a protected DACL keeps only its own), as Windows'
 * auto-inheritance does. Returns the number of failures (reported).
 */
static int grant_propagate(const char *dir, const struct wt_sd_view *parent)
{
	const u32 sel = WT_OWNER_SECURITY_INFORMATION |
			WT_GROUP_SECURITY_INFORMATION |
			WT_DACL_SECURITY_INFORMATION;
	struct wt_token_view tok;
	struct dirent *de;
	int failures = 0;
	DIR *d = opendir(dir);

	if (!d) {
		fprintf(stderr, "wtacl grant: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	/* Owner and group come from each child; no label is added. */
	memset(&tok, 0, sizeof(tok));
	tok.integrity_level = WT_INTEGRITY_MEDIUM;
	while ((de = readdir(d))) {
		const struct wt_generic_mapping *map;
		struct wt_sd_view child, next;
		char path[4096];
		struct stat st;
		u8 *cbuf, *nbuf;
		u32 flags;
		long n;
		int err;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", dir, de->d_name) >=
		    (int)sizeof(path) || lstat(path, &st) || S_ISLNK(st.st_mode))
			continue;
		err = grant_get(path, sel, &cbuf, &child);
		if (err == ENODATA)
			continue;	/* not governed: nothing to inherit into */
		if (err) {
			fprintf(stderr, "wtacl grant: %s: %s\n", path,
				strerror(err));
			failures++;
			continue;
		}
		child.control |= WT_SE_DACL_AUTO_INHERIT_REQ;
		map = S_ISDIR(st.st_mode) ? &wt_directory_mapping : &wt_file_mapping;
		flags = S_ISDIR(st.st_mode) ? WT_INHERIT_IS_CONTAINER : 0;
		n = wt_sd_inherit(parent, &child, &tok, map, flags, NULL, 0);
		nbuf = n > 0 ? malloc(n) : NULL;
		if (!nbuf ||
		    wt_sd_inherit(parent, &child, &tok, map, flags, nbuf, n) != n ||
		    wt_sd_parse(nbuf, n, &next)) {
			fprintf(stderr, "wtacl grant: %s: cannot compute the SD\n",
				path);
			failures++;
			goto next;
		}
		err = grant_set_dacl(path, nbuf, n);
		if (err) {
			fprintf(stderr, "wtacl grant: %s: %s\n", path,
				strerror(err));
			failures++;
		} else if (S_ISDIR(st.st_mode)) {
			failures += grant_propagate(path, &next);
		}
next:
		free(nbuf);
		free(cbuf);
	}
	closedir(d);
	return failures;
}

static int cmd_grant(int argc, char **argv)
{
	struct wt_sd_view view, top;
	struct request r;
	struct wt_sid sid;
	struct stat st;
	struct cli c;
	const char *file, *spec, *colon;
	char who[256];
	u8 *cur = NULL, *out = NULL, flags;
	long n;
	u32 mask;
	int started, err, rc = EXIT_GRANTED;

	started = begin_command(argc, argv, &c, 2);
	if (started >= 0)
		return started;
	memset(&r, 0, sizeof(r));
	if (c.domain && set_domain(&r, c.domain)) {
		fprintf(stderr, "wtacl grant: %s\n", r.error);
		return EXIT_INPUT;
	}
	file = argv[optind];
	spec = argv[optind + 1];
	colon = strrchr(spec, ':');
	if (!colon || colon == spec || (size_t)(colon - spec) >= sizeof(who)) {
		fprintf(stderr, "wtacl grant: expected WHO:RIGHTS, got '%s'\n",
			spec);
		return EXIT_INPUT;
	}
	memcpy(who, spec, colon - spec);
	who[colon - spec] = '\0';
	if (grant_sid(who, &r.dom, &sid)) {
		fprintf(stderr, "wtacl grant: '%s' is no user, group or SID\n",
			who);
		return EXIT_INPUT;
	}
	if (grant_rights_parse(colon + 1, &r.dom, &flags, &mask)) {
		fprintf(stderr, "wtacl grant: '%s' are not rights\n", colon + 1);
		return EXIT_INPUT;
	}
	if (stat(file, &st))
		return file_error("grant", file);
	if (c.recursive && S_ISDIR(st.st_mode) &&
	    !(flags & (WT_OBJECT_INHERIT_ACE | WT_CONTAINER_INHERIT_ACE)))
		flags |= WT_OBJECT_INHERIT_ACE | WT_CONTAINER_INHERIT_ACE;

	err = grant_get(file, WT_DACL_SECURITY_INFORMATION, &cur, &view);
	if (err) {
		errno = err;
		return file_error("grant", file);
	}
	n = grant_build(&view.dacl, view.control & GRANT_DACL_CONTROL, &sid,
			flags, mask, NULL, 0);
	out = n > 0 ? malloc(n) : NULL;
	if (!out || grant_build(&view.dacl, view.control & GRANT_DACL_CONTROL,
				&sid, flags, mask, out, n) != n) {
		fprintf(stderr, "wtacl grant: %s: the new DACL is too large\n",
			file);
		rc = EXIT_INPUT;
		goto out;
	}
	err = grant_set_dacl(file, out, n);
	if (err) {
		errno = err;
		rc = file_error("grant", file);
		goto out;
	}
	if (c.recursive && S_ISDIR(st.st_mode)) {
		free(cur);
		cur = NULL;
		/* The whole SD: the children need the parent's owner too. */
		err = grant_get(file, WT_OWNER_SECURITY_INFORMATION |
				WT_GROUP_SECURITY_INFORMATION |
				WT_DACL_SECURITY_INFORMATION, &cur, &top);
		if (err) {
			errno = err;
			rc = file_error("grant", file);
		} else if (grant_propagate(file, &top)) {
			rc = EXIT_SYSTEM;
		}
	}
out:
	free(out);
	free(cur);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage_text, stderr);
		return EXIT_INPUT;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		fputs(usage_text, stdout);
		return EXIT_GRANTED;
	}
	if (!strcmp(argv[1], "eval"))
		return cmd_eval(argc - 1, argv + 1);
	if (!strcmp(argv[1], "inherit"))
		return cmd_inherit(argc - 1, argv + 1);
	if (!strcmp(argv[1], "sddl"))
		return cmd_sddl(argc - 1, argv + 1);
	if (!strcmp(argv[1], "get"))
		return cmd_get(argc - 1, argv + 1);
	if (!strcmp(argv[1], "set"))
		return cmd_set(argc - 1, argv + 1);
	if (!strcmp(argv[1], "grant"))
		return cmd_grant(argc - 1, argv + 1);
	fputs(usage_text, stderr);
	return EXIT_INPUT;
}
