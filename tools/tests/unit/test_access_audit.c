// SPDX-License-Identifier: GPL-2.0
/* What the access check reports for audit: SACL matches, privileges used. */
#include "access_fix.h"

static void audit_flags(void)
{
	struct sd_fixture f;
	struct wt_ace_spec d[1], s[3];

	mk_tok(&t, USER);
	d[0] = ACE(ALLOW, 0, R, USER);
	s[0] = ACE(WT_SYSTEM_AUDIT_ACE_TYPE, WT_SUCCESSFUL_ACCESS_ACE_FLAG,
		   R, EVERYONE);
	s[1] = ACE(WT_SYSTEM_AUDIT_ACE_TYPE, WT_FAILED_ACCESS_ACE_FLAG,
		   W, USER);
	mk_sd(&f, OTHER, ADMINS, 0, d, 1, s, 2);
	ok(check(&f, &t, R, 0, NULL, &res) == OK && res.audit_success &&
	   !res.audit_failure, "success audit for a granted read");
	ok(check(&f, &t, W, 0, NULL, &res) == DENIED && res.audit_failure &&
	   !res.audit_success, "failure audit for a denied write");
	ok(check(&f, &t, X, 0, NULL, &res) == DENIED && !res.audit_failure,
	   "no failure audit when the mask does not cover the request");
	free_sd(&f);
	s[0].flags |= WT_INHERIT_ONLY_ACE;
	mk_sd(&f, OTHER, ADMINS, 0, d, 1, s, 1);
	ok(check(&f, &t, R, 0, NULL, &res) == OK && !res.audit_success,
	   "inherit-only audit ACE ignored");
	free_sd(&f);
	s[0] = ACE(WT_SYSTEM_AUDIT_ACE_TYPE, WT_SUCCESSFUL_ACCESS_ACE_FLAG,
		   R, "S-1-5-21-9-9-9-9");
	mk_sd(&f, OTHER, ADMINS, 0, d, 1, s, 1);
	ok(check(&f, &t, R, 0, NULL, &res) == OK && !res.audit_success,
	   "audit ACE for another SID ignored");
	free_sd(&f);
	s[0] = ACE(WT_SYSTEM_AUDIT_OBJECT_ACE_TYPE,
		   WT_SUCCESSFUL_ACCESS_ACE_FLAG, R, USER);
	s[0].object_flags = WT_ACE_OBJECT_TYPE_PRESENT;
	s[1] = ACE(WT_SYSTEM_AUDIT_OBJECT_ACE_TYPE,
		   WT_FAILED_ACCESS_ACE_FLAG, W, USER);
	mk_sd(&f, OTHER, ADMINS, 0, d, 1, s, 2);
	ok(check(&f, &t, R, 0, NULL, &res) == OK && !res.audit_success,
	   "object audit ACE with an object type ignored");
	ok(check(&f, &t, W, 0, NULL, &res) == DENIED && res.audit_failure,
	   "object audit ACE without object type audits");
	free_sd(&f);
	s[0] = ACE(WT_SYSTEM_AUDIT_ACE_TYPE, WT_FAILED_ACCESS_ACE_FLAG,
		   WT_ACCESS_SYSTEM_SECURITY, USER);
	mk_sd(&f, OTHER, ADMINS, 0, d, 1, s, 1);
	ok(check(&f, &t, WT_ACCESS_SYSTEM_SECURITY, 0, NULL, &res) ==
	   WT_STATUS_PRIVILEGE_NOT_HELD && res.audit_failure,
	   "failure audit for PRIVILEGE_NOT_HELD");
	free_sd(&f);
}

/* Generic rights, group attributes and restricted tokens in audit ACEs. */
static void audit_matching(void)
{
	struct sd_fixture f;
	struct wt_ace_spec d[1], s[2];

	mk_tok(&t, USER);
	d[0] = ACE(ALLOW, 0, WT_FILE_GENERIC_READ, USER);
	s[0] = ACE(WT_SYSTEM_AUDIT_ACE_TYPE, WT_SUCCESSFUL_ACCESS_ACE_FLAG,
		   R, USER);
	mk_sd(&f, OTHER, ADMINS, 0, d, 1, s, 1);
	ok(check(&f, &t, WT_GENERIC_READ, 0, NULL, &res) == OK &&
	   res.audit_success, "GENERIC_READ request mapped before the SACL");
	free_sd(&f);
	s[0] = ACE(WT_SYSTEM_AUDIT_ACE_TYPE, WT_SUCCESSFUL_ACCESS_ACE_FLAG |
		   WT_FAILED_ACCESS_ACE_FLAG, WT_GENERIC_WRITE, USER);
	mk_sd(&f, OTHER, ADMINS, 0, d, 1, s, 1);
	ok(check(&f, &t, W, 0, NULL, &res) == DENIED && res.audit_failure,
	   "GENERIC_WRITE in an audit ACE covers FILE_WRITE_DATA");
	ok(check(&f, &t, R, 0, NULL, &res) == OK && !res.audit_success,
	   "... but not FILE_READ_DATA");
	free_sd(&f);
	s[0] = ACE(WT_SYSTEM_AUDIT_ACE_TYPE, WT_SUCCESSFUL_ACCESS_ACE_FLAG |
		   WT_FAILED_ACCESS_ACE_FLAG, R | W, USER);
	mk_sd(&f, OTHER, ADMINS, 0, d, 1, s, 1);
	ok(check(&f, &t, R, 0, NULL, &res) == OK && res.audit_success &&
	   !res.audit_failure, "both flags: a success audits success");
	ok(check(&f, &t, W, 0, NULL, &res) == DENIED && res.audit_failure &&
	   !res.audit_success, "both flags: a failure audits failure");
	ok(check(&f, &t, WT_MAXIMUM_ALLOWED, 0, NULL, &res) == OK &&
	   res.audit_success, "MAXIMUM_ALLOWED audits what it granted");
	free_sd(&f);

	mk_tok(&t, USER);
	tok_group(&t, ADMINS, WT_SE_GROUP_USE_FOR_DENY_ONLY);
	s[0] = ACE(WT_SYSTEM_AUDIT_ACE_TYPE, WT_FAILED_ACCESS_ACE_FLAG, W,
		   ADMINS);
	mk_sd(&f, OTHER, ADMINS, 0, d, 1, s, 1);
	ok(check(&f, &t, W, 0, NULL, &res) == DENIED && res.audit_failure,
	   "a deny-only group still identifies the caller to the SACL");
	t.groups[t.v.group_count - 1].attributes = 0;
	ok(check(&f, &t, W, 0, NULL, &res) == DENIED && !res.audit_failure,
	   "a disabled group does not");
	free_sd(&f);

	mk_tok(&t, USER);
	tok_restrict(&t, "S-1-5-12", 0);
	s[0] = ACE(WT_SYSTEM_AUDIT_ACE_TYPE, WT_FAILED_ACCESS_ACE_FLAG, R,
		   "S-1-5-12");
	mk_sd(&f, OTHER, ADMINS, 0, d, 1, s, 1);
	ok(check(&f, &t, R, 0, NULL, &res) == DENIED && !res.audit_failure,
	   "restricting SIDs do not match audit ACEs");
	free_sd(&f);

	/* the first matching ACE of the right kind decides, a later one too */
	mk_tok(&t, USER);
	s[0] = ACE(WT_SYSTEM_AUDIT_ACE_TYPE, WT_FAILED_ACCESS_ACE_FLAG, R,
		   USER);
	s[1] = ACE(WT_SYSTEM_AUDIT_ACE_TYPE, WT_SUCCESSFUL_ACCESS_ACE_FLAG, R,
		   EVERYONE);
	mk_sd(&f, OTHER, ADMINS, 0, d, 1, s, 2);
	ok(check(&f, &t, R, 0, NULL, &res) == OK && res.audit_success &&
	   !res.audit_failure, "a failure-only ACE is passed over on success");
	free_sd(&f);
}

static enum wt_access_status decided(struct sd_fixture *f, u32 desired,
				     u32 flags, u64 *out)
{
	struct wt_access_request req = { .desired = desired,
					 .mapping = &wt_file_mapping,
					 .flags = flags };

	wt_token_prepare(&t.v);
	wt_access_check(&f->v, &t.v, &req, &res);
	*out = wt_access_privileges_decided(&f->v, &t.v, &req, &res);
	return res.status;
}

static void privileges_decided(void)
{
	struct sd_fixture f;
	struct wt_ace_spec a[1];
	u64 own = 1ULL << WT_SE_TAKE_OWNERSHIP_PRIVILEGE;
	u64 bak = 1ULL << WT_SE_BACKUP_PRIVILEGE;
	u64 sec = 1ULL << WT_SE_SECURITY_PRIVILEGE;
	u64 out;

	mk_tok(&t, USER);
	t.v.privileges = own | bak | sec;
	a[0] = ACE(ALLOW, 0, R | WT_WRITE_OWNER, USER);
	dacl_sd(&f, NULL, a, 1);
	ok(decided(&f, WT_WRITE_OWNER, 0, &out) == OK &&
	   res.privileges_used == own && out == 0,
	   "SeTakeOwnership used but the DACL grants WRITE_OWNER: not decisive");
	ok(decided(&f, R, WT_AC_BACKUP_INTENT, &out) == OK &&
	   res.privileges_used == bak && out == 0,
	   "SeBackup used but the DACL grants read: not decisive");
	ok(decided(&f, WT_ACCESS_SYSTEM_SECURITY, 0, &out) == OK && out == sec,
	   "SeSecurity for ACCESS_SYSTEM_SECURITY is always decisive");
	free_sd(&f);
	a[0] = ACE(ALLOW, 0, W, USER);
	dacl_sd(&f, NULL, a, 1);
	ok(decided(&f, WT_WRITE_OWNER | W, 0, &out) == OK && out == own,
	   "SeTakeOwnership decisive when the DACL lacks WRITE_OWNER");
	ok(decided(&f, R, WT_AC_BACKUP_INTENT, &out) == OK && out == bak,
	   "SeBackup decisive when the DACL lacks read");
	ok(decided(&f, R, 0, &out) == DENIED && out == 0,
	   "a denial decided no privilege");
	ok(decided(&f, WT_MAXIMUM_ALLOWED, WT_AC_BACKUP_INTENT, &out) == OK &&
	   out == (own | bak),
	   "MAXIMUM_ALLOWED: privileges that widened the grant are decisive");
	ok(decided(&f, W, 0, &out) == OK && out == 0 &&
	   res.privileges_used == 0, "no privilege used, none decisive");
	free_sd(&f);
	ok(wt_access_privileges_decided(NULL, &t.v, NULL, NULL) == 0,
	   "no result: nothing decided");
}

void test_access_audit(void)
{
	audit_flags();
	audit_matching();
	privileges_decided();
}
