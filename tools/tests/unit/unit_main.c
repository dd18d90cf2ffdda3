// SPDX-License-Identifier: GPL-2.0
/*
 * Security core unit tests: TAP output, non-zero exit on any failure.
 */
#include "unit.h"

int unit_count;
int unit_failed;
int filter_disagreements;
int maximum_disagreements;

void ok(int cond, const char *fmt, ...)
{
	va_list ap;

	unit_count++;
	if (!cond)
		unit_failed++;
	printf("%sok %d - ", cond ? "" : "not ", unit_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

struct wt_sid S(const char *str)
{
	struct wt_sid sid;

	if (wt_sid_from_string(&sid, str)) {
		fprintf(stderr, "bad fixture SID %s\n", str);
		exit(2);
	}
	return sid;
}

unsigned char *unhex(const char *hex, size_t *len)
{
	size_t n = strlen(hex) / 2, i;
	unsigned char *out = malloc(n + 16);

	for (i = 0; i < n; i++) {
		unsigned int byte;

		if (sscanf(hex + 2 * i, "%2x", &byte) != 1) {
			fprintf(stderr, "bad hex fixture\n");
			exit(2);
		}
		out[i] = (unsigned char)byte;
	}
	*len = n;
	return out;
}

unsigned char *unhex_lines(const char *const *lines, size_t *len)
{
	char joined[4096] = "";
	size_t used = 0, n;

	for (; *lines; lines++) {
		n = strlen(*lines);
		if (used + n >= sizeof(joined)) {
			fprintf(stderr, "hex fixture too long\n");
			exit(2);
		}
		memcpy(joined + used, *lines, n + 1);
		used += n;
	}
	return unhex(joined, len);
}

struct wt_ace_spec ACE(unsigned char type, unsigned char flags,
		       unsigned int mask, const char *sid)
{
	struct wt_ace_spec a;

	memset(&a, 0, sizeof(a));
	a.type = type;
	a.flags = flags;
	a.mask = mask;
	a.sid = S(sid);
	return a;
}

static void set_acl(struct wt_acl_spec *acl, struct wt_ace_spec *aces, int n)
{
	memset(acl, 0, sizeof(*acl));
	if (n == -1)
		return;
	acl->present = true;
	if (n == -2) {
		acl->null_acl = true;
		return;
	}
	acl->count = (u16)n;
	acl->aces = aces;
}

void mk_sd(struct sd_fixture *f, const char *owner, const char *group,
	   unsigned short control, struct wt_ace_spec *dacl, int dacl_n,
	   struct wt_ace_spec *sacl, int sacl_n)
{
	struct wt_sd_spec spec;

	memset(&spec, 0, sizeof(spec));
	memset(f, 0, sizeof(*f));
	spec.control = control;
	if (owner) {
		spec.has_owner = true;
		spec.owner = S(owner);
	}
	if (group) {
		spec.has_group = true;
		spec.group = S(group);
	}
	set_acl(&spec.dacl, dacl, dacl_n);
	set_acl(&spec.sacl, sacl, sacl_n);
	f->len = wt_sd_build(&spec, NULL, 0);
	if (f->len <= 0) {
		fprintf(stderr, "fixture SD does not build: %ld\n", f->len);
		exit(2);
	}
	f->buf = malloc((size_t)f->len + 16);
	if (wt_sd_build(&spec, f->buf, (size_t)f->len) != f->len ||
	    wt_sd_parse(f->buf, (size_t)f->len, &f->v)) {
		fprintf(stderr, "fixture SD does not round-trip\n");
		exit(2);
	}
}

void free_sd(struct sd_fixture *f)
{
	free(f->buf);
	f->buf = NULL;
}

void mk_tok(struct tok_fixture *t, const char *user)
{
	memset(t, 0, sizeof(*t));
	t->v.user.sid = S(user);
	t->v.groups = t->groups;
	t->v.restricted = t->restricted;
	t->v.integrity_level = WT_INTEGRITY_MEDIUM;
	t->v.mandatory_policy = WT_TOKEN_MANDATORY_POLICY_NO_WRITE_UP;
	tok_group(t, "S-1-1-0", WT_SE_GROUP_ENABLED | WT_SE_GROUP_MANDATORY);
	tok_group(t, "S-1-5-11", WT_SE_GROUP_ENABLED | WT_SE_GROUP_MANDATORY);
	tok_group(t, "S-1-5-32-545", WT_SE_GROUP_ENABLED);
}

void tok_group(struct tok_fixture *t, const char *sid, unsigned int attr)
{
	t->groups[t->v.group_count].sid = S(sid);
	t->groups[t->v.group_count].attributes = attr;
	t->v.group_count++;
}

void tok_restrict(struct tok_fixture *t, const char *sid, unsigned int attr)
{
	t->restricted[t->v.restricted_count].sid = S(sid);
	t->restricted[t->v.restricted_count].attributes = attr;
	t->v.restricted_count++;
}

enum wt_access_status check(const struct sd_fixture *f,
			    struct tok_fixture *t, unsigned int desired,
			    unsigned int flags, const struct wt_sid *self,
			    struct wt_access_result *res)
{
	struct wt_access_request req = {
		.desired = desired,
		.mapping = &wt_file_mapping,
		.principal_self = self,
		.flags = flags,
	};
	struct wt_access_result other;
	struct wt_sd_view unhinted = f->v;

	/* Without the SID index and without the parser's hints: the slow ways. */
	unhinted.hints = 0;
	t->v.sid_index_ready = false;
	wt_access_check(&unhinted, &t->v, &req, &other);
	wt_token_prepare(&t->v);
	wt_access_check(&f->v, &t->v, &req, res);
	if (memcmp(&other, res, sizeof(other)) &&
	    (other.granted != res->granted || other.status != res->status ||
	     other.privileges_used != res->privileges_used ||
	     other.audit_success != res->audit_success ||
	     other.audit_failure != res->audit_failure))
		filter_disagreements++;
	/*
	 * The maximum reported along a check must leave the check's own
	 * result alone and equal what MAXIMUM_ALLOWED | desired grants.
	 */
	if (!(desired & WT_MAXIMUM_ALLOWED)) {
		struct wt_access_result rep, max;

		req.flags = flags | WT_AC_REPORT_MAXIMUM;
		wt_access_check(&f->v, &t->v, &req, &rep);
		req.flags = flags;
		req.desired = desired | WT_MAXIMUM_ALLOWED;
		wt_access_check(&f->v, &t->v, &req, &max);
		if (rep.status != res->status || rep.granted != res->granted ||
		    rep.privileges_used != res->privileges_used ||
		    rep.audit_success != res->audit_success ||
		    rep.audit_failure != res->audit_failure || res->maximum ||
		    rep.maximum != (res->status == WT_STATUS_OK ? max.granted : 0))
			maximum_disagreements++;
	}
	return res->status;
}

int main(void)
{
	printf("TAP version 13\n");
	test_sid();
	test_sd();
	test_sd_parts();
	test_access();
	test_inherit();
	test_privilege();
	test_cond();
	ok(filter_disagreements == 0,
	   "access check agrees with and without the SID prefilter and the SD hints (%d)",
	   filter_disagreements);
	ok(maximum_disagreements == 0,
	   "a reported maximum changes no decision and equals MAXIMUM_ALLOWED (%d)",
	   maximum_disagreements);
	printf("1..%d\n", unit_count);
	if (unit_failed)
		fprintf(stderr, "# %d of %d failed\n", unit_failed, unit_count);
	return unit_failed ? 1 : 0;
}
