// SPDX-License-Identifier: GPL-2.0
/* The access check, rule by rule. */
#include "access_fix.h"

static void basics(void)
{
	struct sd_fixture f;
	struct wt_ace_spec a[4];

	mk_tok(&t, USER);
	a[0] = ACE(ALLOW, 0, R | X, USER);
	dacl_sd(&f, NULL, a, 1);
	ok(check(&f, &t, R, 0, NULL, &res) == OK && res.granted == R,
	   "allow ACE grants the requested bit");
	ok(check(&f, &t, R | X, 0, NULL, &res) == OK && res.granted == (R | X),
	   "allow ACE grants several bits");
	ok(check(&f, &t, R | W, 0, NULL, &res) == DENIED && res.granted == 0,
	   "a bit no ACE grants denies the whole request");
	mk_tok(&t, OTHER);
	ok(check(&f, &t, R, 0, NULL, &res) == DENIED,
	   "ACE for another SID does not apply");
	ok(check(&f, &t, WT_READ_CONTROL, 0, NULL, &res) == OK,
	   "... while the owner keeps READ_CONTROL");
	mk_tok(&t, "S-1-5-21-9-9-9-1");
	ok(check(&f, &t, R, 0, NULL, &res) == DENIED,
	   "SID not in DACL: denied");
	free_sd(&f);

	mk_tok(&t, USER);
	a[0] = ACE(DENY, 0, W, EVERYONE);
	a[1] = ACE(ALLOW, 0, R | W, USER);
	dacl_sd(&f, NULL, a, 2);
	ok(check(&f, &t, R | W, 0, NULL, &res) == DENIED,
	   "deny before allow wins");
	ok(check(&f, &t, R, 0, NULL, &res) == OK && res.granted == R,
	   "deny of an unrequested bit is irrelevant");
	free_sd(&f);
	a[0] = ACE(ALLOW, 0, R | W, USER);
	a[1] = ACE(DENY, 0, W, EVERYONE);
	dacl_sd(&f, NULL, a, 2);
	ok(check(&f, &t, R | W, 0, NULL, &res) == OK,
	   "allow before deny: already granted bits stay");
	free_sd(&f);

	a[0] = ACE(ALLOW, 0, R, USER);
	a[1] = ACE(ALLOW, 0, W, "S-1-5-32-545");
	a[2] = ACE(ALLOW, 0, X, "S-1-5-11");
	dacl_sd(&f, NULL, a, 3);
	ok(check(&f, &t, R | W | X, 0, NULL, &res) == OK,
	   "rights accumulate across ACEs of user and groups");
	free_sd(&f);
}

static void generic_and_max(void)
{
	struct sd_fixture f;
	struct wt_ace_spec a[4];
	u32 m;

	m = WT_GENERIC_READ | WT_GENERIC_EXECUTE | WT_DELETE;
	wt_map_generic(&m, &wt_file_mapping);
	ok(m == (0x00120089u | 0x001200A0u | 0x00010000u),
	   "file mapping of GR|GX|DELETE");
	m = WT_GENERIC_ALL;
	wt_map_generic(&m, &wt_ipc_mapping);
	ok(m == 0x000F000Fu, "IPC mapping of GENERIC_ALL");
	m = WT_GENERIC_WRITE;
	wt_map_generic(&m, &wt_token_mapping);
	ok(m == 0x000200E0u, "token mapping of GENERIC_WRITE");
	m = WT_GENERIC_READ;
	wt_map_generic(&m, &wt_directory_mapping);
	ok(m == 0x00120089u, "directory mapping of GENERIC_READ");

	mk_tok(&t, USER);
	a[0] = ACE(ALLOW, 0, 0x00120089u, USER);
	dacl_sd(&f, NULL, a, 1);
	ok(check(&f, &t, WT_GENERIC_READ, 0, NULL, &res) == OK &&
	   res.granted == 0x00120089u, "GENERIC_READ request mapped");
	ok(check(&f, &t, WT_GENERIC_WRITE, 0, NULL, &res) == DENIED,
	   "GENERIC_WRITE request mapped and denied");
	free_sd(&f);

	a[0] = ACE(ALLOW, 0, WT_GENERIC_ALL, USER);
	dacl_sd(&f, NULL, a, 1);
	ok(check(&f, &t, R, 0, NULL, &res) == DENIED,
	   "GENERIC bits in an effective ACE grant nothing (not mapped)");
	free_sd(&f);

	a[0] = ACE(DENY, 0, W, USER);
	a[1] = ACE(ALLOW, 0, R | W | X | WT_DELETE, EVERYONE);
	dacl_sd(&f, NULL, a, 2);
	ok(check(&f, &t, WT_MAXIMUM_ALLOWED, 0, NULL, &res) == OK &&
	   res.granted == (R | X | WT_DELETE),
	   "MAXIMUM_ALLOWED: union of allows minus earlier denies");
	ok(check(&f, &t, WT_MAXIMUM_ALLOWED | W, 0, NULL, &res) == DENIED,
	   "MAXIMUM_ALLOWED plus a denied explicit bit: denied");
	ok(check(&f, &t, WT_MAXIMUM_ALLOWED | R, 0, NULL, &res) == OK &&
	   res.granted == (R | X | WT_DELETE),
	   "MAXIMUM_ALLOWED plus a granted explicit bit");
	mk_tok(&t, "S-1-5-21-9-9-9-1");
	t.v.group_count = 0;
	ok(check(&f, &t, WT_MAXIMUM_ALLOWED, 0, NULL, &res) == DENIED,
	   "MAXIMUM_ALLOWED with nothing granted: denied");
	free_sd(&f);
	mk_tok(&t, USER);
	a[0] = ACE(ALLOW, 0, R, USER);
	dacl_sd(&f, NULL, a, 1);
	ok(check(&f, &t, 0, 0, NULL, &res) == DENIED,
	   "an empty request is denied");
	free_sd(&f);
}

static void owner_rules(void)
{
	struct sd_fixture f;
	struct wt_ace_spec a[4];
	u32 implicit = WT_READ_CONTROL | WT_WRITE_DAC;

	mk_tok(&t, USER);
	dacl_sd(&f, USER, a, 0);
	ok(check(&f, &t, implicit, 0, NULL, &res) == OK,
	   "empty DACL: owner gets READ_CONTROL|WRITE_DAC");
	ok(check(&f, &t, WT_MAXIMUM_ALLOWED, 0, NULL, &res) == OK &&
	   res.granted == implicit, "empty DACL: owner maximum is implicit");
	ok(check(&f, &t, R, 0, NULL, &res) == DENIED,
	   "empty DACL: owner gets nothing else");
	free_sd(&f);
	dacl_sd(&f, OTHER, a, 0);
	ok(check(&f, &t, WT_READ_CONTROL, 0, NULL, &res) == DENIED,
	   "empty DACL: non-owner denied");
	free_sd(&f);

	a[0] = ACE(DENY, 0, implicit, USER);
	dacl_sd(&f, USER, a, 1);
	ok(check(&f, &t, implicit, 0, NULL, &res) == OK,
	   "deny ACE cannot take the owner's implicit rights");
	free_sd(&f);

	a[0] = ACE(ALLOW, 0, R, "S-1-3-4");
	dacl_sd(&f, USER, a, 1);
	ok(check(&f, &t, WT_MAXIMUM_ALLOWED, 0, NULL, &res) == OK &&
	   res.granted == R,
	   "OWNER RIGHTS ACE replaces the implicit rights");
	ok(check(&f, &t, WT_READ_CONTROL, 0, NULL, &res) == DENIED,
	   "OWNER RIGHTS present: READ_CONTROL no longer implicit");
	ok(f.v.hints == (WT_SD_HINT_VALID | WT_SD_HINT_OWNER_RIGHTS),
	   "the parser notes an OWNER RIGHTS ACE");
	free_sd(&f);
	dacl_sd(&f, OTHER, a, 1);
	ok(check(&f, &t, R, 0, NULL, &res) == DENIED,
	   "OWNER RIGHTS ACE does not apply to a non-owner");
	free_sd(&f);
	a[0] = ACE(ALLOW, WT_INHERIT_ONLY_ACE | WT_CONTAINER_INHERIT_ACE, R,
		   "S-1-3-4");
	dacl_sd(&f, USER, a, 1);
	ok(check(&f, &t, implicit, 0, NULL, &res) == OK,
	   "inherit-only OWNER RIGHTS ACE does not suppress implicit rights");
	ok(f.v.hints == WT_SD_HINT_VALID,
	   "the parser does not note an inherit-only OWNER RIGHTS ACE");
	free_sd(&f);

	tok_group(&t, ADMINS, WT_SE_GROUP_ENABLED | WT_SE_GROUP_OWNER);
	dacl_sd(&f, ADMINS, a, 0);
	ok(check(&f, &t, WT_WRITE_DAC, 0, NULL, &res) == OK,
	   "owner through an enabled group");
	t.groups[t.v.group_count - 1].attributes =
		WT_SE_GROUP_USE_FOR_DENY_ONLY;
	ok(check(&f, &t, WT_WRITE_DAC, 0, NULL, &res) == DENIED,
	   "deny-only group is not the owner");
	free_sd(&f);
}

static void null_and_absent(void)
{
	struct sd_fixture f;

	mk_tok(&t, USER);
	mk_sd(&f, OTHER, ADMINS, 0, NULL, -2, NULL, -1);
	ok(check(&f, &t, R | W | WT_WRITE_OWNER, 0, NULL, &res) == OK,
	   "NULL DACL grants anything");
	ok(check(&f, &t, WT_MAXIMUM_ALLOWED, 0, NULL, &res) == OK &&
	   res.granted == WT_FILE_ALL_ACCESS,
	   "NULL DACL maximum: the type's GENERIC_ALL");
	ok(check(&f, &t, WT_MAXIMUM_ALLOWED | 0x8000u, 0, NULL, &res) == OK &&
	   res.granted == (WT_FILE_ALL_ACCESS | 0x8000u),
	   "NULL DACL maximum: plus rights asked for by name");
	ok(check(&f, &t, 0x00200000u, 0, NULL, &res) == DENIED,
	   "NULL DACL cannot grant a reserved bit");
	free_sd(&f);
	mk_sd(&f, OTHER, ADMINS, 0, NULL, -1, NULL, -1);
	ok(check(&f, &t, WT_MAXIMUM_ALLOWED, 0, NULL, &res) == OK &&
	   res.granted == WT_FILE_ALL_ACCESS,
	   "absent DACL behaves as NULL DACL");
	free_sd(&f);
	mk_sd(&f, NULL, ADMINS, 0, NULL, -2, NULL, -1);
	ok(check(&f, &t, R, 0, NULL, &res) == WT_STATUS_INVALID_SD,
	   "SD without owner: INVALID_SD");
	free_sd(&f);
	mk_sd(&f, OTHER, NULL, 0, NULL, -2, NULL, -1);
	ok(check(&f, &t, R, 0, NULL, &res) == WT_STATUS_INVALID_SD,
	   "SD without group: INVALID_SD");
	{
		struct wt_access_request req = { .desired = R };

		ok(wt_access_check(&f.v, &t.v, &req, &res) ==
		   WT_STATUS_INVALID_PARAMETER, "no mapping: INVALID_PARAMETER");
	}
	free_sd(&f);
}

static void group_attributes(void)
{
	struct sd_fixture f;
	struct wt_ace_spec a[2];

	mk_tok(&t, USER);
	tok_group(&t, ADMINS, WT_SE_GROUP_USE_FOR_DENY_ONLY);
	a[0] = ACE(ALLOW, 0, R, ADMINS);
	dacl_sd(&f, NULL, a, 1);
	ok(check(&f, &t, R, 0, NULL, &res) == DENIED,
	   "deny-only group does not match an allow ACE");
	free_sd(&f);
	a[0] = ACE(DENY, 0, R, ADMINS);
	a[1] = ACE(ALLOW, 0, R, USER);
	dacl_sd(&f, NULL, a, 2);
	ok(check(&f, &t, R, 0, NULL, &res) == DENIED,
	   "deny-only group matches a deny ACE");
	t.groups[t.v.group_count - 1].attributes = 0;
	ok(check(&f, &t, R, 0, NULL, &res) == OK,
	   "disabled group does not match a deny ACE");
	free_sd(&f);
	a[0] = ACE(ALLOW, 0, R, ADMINS);
	dacl_sd(&f, NULL, a, 1);
	ok(check(&f, &t, R, 0, NULL, &res) == DENIED,
	   "disabled group does not match an allow ACE");
	free_sd(&f);

	mk_tok(&t, USER);
	t.v.user.attributes = WT_SE_GROUP_USE_FOR_DENY_ONLY;
	a[0] = ACE(ALLOW, 0, R, USER);
	dacl_sd(&f, NULL, a, 1);
	ok(check(&f, &t, R, 0, NULL, &res) == DENIED,
	   "deny-only user SID does not match an allow ACE");
	free_sd(&f);
	a[0] = ACE(DENY, 0, R, USER);
	a[1] = ACE(ALLOW, 0, R, EVERYONE);
	dacl_sd(&f, NULL, a, 2);
	ok(check(&f, &t, R, 0, NULL, &res) == DENIED,
	   "deny-only user SID matches a deny ACE");
	free_sd(&f);

	mk_tok(&t, USER);
	tok_group(&t, "S-1-16-8192", WT_SE_GROUP_INTEGRITY |
		  WT_SE_GROUP_INTEGRITY_ENABLED);
	a[0] = ACE(ALLOW, 0, R, "S-1-16-8192");
	dacl_sd(&f, NULL, a, 1);
	ok(check(&f, &t, R, 0, NULL, &res) == DENIED,
	   "integrity group SID does not match DACL ACEs");
	free_sd(&f);
}

static void restricted_tokens(void)
{
	struct sd_fixture f;
	struct wt_ace_spec a[3];

	mk_tok(&t, USER);
	a[0] = ACE(ALLOW, 0, R | W, USER);
	a[1] = ACE(ALLOW, 0, R, "S-1-5-12");
	dacl_sd(&f, NULL, a, 2);
	tok_restrict(&t, "S-1-5-12", 0);
	ok(check(&f, &t, R, 0, NULL, &res) == OK,
	   "restricted token: both passes grant R");
	ok(check(&f, &t, W, 0, NULL, &res) == DENIED,
	   "restricted token: restricting SIDs do not grant W");
	ok(check(&f, &t, WT_MAXIMUM_ALLOWED, 0, NULL, &res) == OK &&
	   res.granted == R, "restricted token: maximum is the intersection");
	free_sd(&f);
	a[0] = ACE(ALLOW, 0, R, "S-1-5-12");
	dacl_sd(&f, NULL, a, 1);
	ok(check(&f, &t, R, 0, NULL, &res) == DENIED,
	   "restricted token: restricting SID alone does not grant");
	free_sd(&f);
	a[0] = ACE(DENY, 0, W, "S-1-5-12");
	a[1] = ACE(ALLOW, 0, R | W, EVERYONE);
	dacl_sd(&f, NULL, a, 2);
	ok(check(&f, &t, W, 0, NULL, &res) == DENIED,
	   "restricted token: deny on a restricting SID");
	tok_restrict(&t, EVERYONE, 0);
	ok(check(&f, &t, R, 0, NULL, &res) == OK,
	   "restricted token with Everyone restricting: R ok");
	free_sd(&f);
	mk_sd(&f, USER, ADMINS, 0, a, 0, NULL, -1);
	ok(check(&f, &t, WT_READ_CONTROL, 0, NULL, &res) == DENIED,
	   "restricted token: owner implicit needs the owner in restricting SIDs");
	tok_restrict(&t, USER, 0);
	ok(check(&f, &t, WT_READ_CONTROL, 0, NULL, &res) == OK,
	   "restricted token: owner in restricting SIDs gets implicit rights");
	free_sd(&f);
}

static void label_sd(struct sd_fixture *f, const char *level, u32 policy,
		     u8 flags, u32 allow)
{
	static struct wt_ace_spec d[1], s[1];

	d[0] = ACE(ALLOW, 0, allow, EVERYONE);
	if (level)
		s[0] = ACE(WT_SYSTEM_MANDATORY_LABEL_ACE_TYPE, flags, policy,
			   level);
	mk_sd(f, OTHER, ADMINS, 0, d, 1, s, level ? 1 : -1);
}

static void integrity(void)
{
	struct sd_fixture f;
	u32 rw = WT_FILE_GENERIC_READ | WT_FILE_GENERIC_WRITE;

	mk_tok(&t, USER);
	t.v.integrity_level = WT_INTEGRITY_LOW;
	label_sd(&f, NULL, 0, 0, WT_FILE_ALL_ACCESS);
	ok(check(&f, &t, WT_FILE_GENERIC_READ, 0, NULL, &res) == OK,
	   "low token reads an unlabelled (medium) object");
	ok(check(&f, &t, W, 0, NULL, &res) == DENIED,
	   "low token cannot write an unlabelled object (NO_WRITE_UP)");
	ok(check(&f, &t, WT_DELETE, 0, NULL, &res) == DENIED,
	   "low token cannot DELETE up");
	ok(check(&f, &t, WT_MAXIMUM_ALLOWED, 0, NULL, &res) == OK &&
	   res.granted == (WT_FILE_GENERIC_READ | WT_FILE_GENERIC_EXECUTE),
	   "low token maximum on medium object: read|execute");
	t.v.mandatory_policy = WT_TOKEN_MANDATORY_POLICY_OFF;
	ok(check(&f, &t, W | WT_DELETE, 0, NULL, &res) == OK,
	   "token policy without NO_WRITE_UP: write up allowed");
	free_sd(&f);

	mk_tok(&t, USER);
	label_sd(&f, "S-1-16-12288", WT_SYSTEM_MANDATORY_LABEL_NO_WRITE_UP |
		 WT_SYSTEM_MANDATORY_LABEL_NO_READ_UP, 0, WT_FILE_ALL_ACCESS);
	ok(check(&f, &t, R, 0, NULL, &res) == DENIED,
	   "NO_READ_UP: medium cannot read high");
	ok(check(&f, &t, X, 0, NULL, &res) == OK,
	   "NO_READ_UP without NO_EXECUTE_UP: execute allowed");
	t.v.integrity_level = WT_INTEGRITY_HIGH;
	ok(check(&f, &t, rw, 0, NULL, &res) == OK,
	   "same level: label does not restrict");
	free_sd(&f);

	mk_tok(&t, USER);
	label_sd(&f, "S-1-16-12288", WT_SYSTEM_MANDATORY_LABEL_NO_EXECUTE_UP,
		 0, WT_FILE_ALL_ACCESS);
	ok(check(&f, &t, X, 0, NULL, &res) == DENIED,
	   "NO_EXECUTE_UP: medium cannot execute high");
	ok(check(&f, &t, W | R, 0, NULL, &res) == OK,
	   "label without NO_WRITE_UP: write up allowed");
	free_sd(&f);

	mk_tok(&t, USER);
	label_sd(&f, "S-1-16-12288", WT_SYSTEM_MANDATORY_LABEL_NO_WRITE_UP,
		 WT_INHERIT_ONLY_ACE | WT_OBJECT_INHERIT_ACE,
		 WT_FILE_ALL_ACCESS);
	ok(check(&f, &t, W, 0, NULL, &res) == OK,
	   "inherit-only label ignored: medium object, medium token");
	free_sd(&f);

	mk_tok(&t, USER);
	t.v.integrity_level = WT_INTEGRITY_LOW;
	label_sd(&f, "S-1-16-0", WT_SYSTEM_MANDATORY_LABEL_NO_WRITE_UP, 0,
		 WT_FILE_ALL_ACCESS);
	ok(check(&f, &t, W, 0, NULL, &res) == OK,
	   "low token writes an untrusted-labelled object");
	free_sd(&f);
}

static void privileges(void)
{
	struct sd_fixture f;
	struct wt_ace_spec a[1];
	u64 bit;

	mk_tok(&t, USER);
	a[0] = ACE(ALLOW, 0, R, USER);
	dacl_sd(&f, NULL, a, 1);
	ok(check(&f, &t, WT_ACCESS_SYSTEM_SECURITY, 0, NULL, &res) ==
	   WT_STATUS_PRIVILEGE_NOT_HELD, "ACCESS_SYSTEM_SECURITY needs SeSecurity");
	ok(check(&f, &t, WT_ACCESS_SYSTEM_SECURITY | WT_MAXIMUM_ALLOWED, 0,
		 NULL, &res) == WT_STATUS_PRIVILEGE_NOT_HELD,
	   "... also alongside MAXIMUM_ALLOWED");
	t.v.privileges = 1ULL << WT_SE_SECURITY_PRIVILEGE;
	ok(check(&f, &t, WT_ACCESS_SYSTEM_SECURITY | R, 0, NULL, &res) == OK &&
	   res.granted == (WT_ACCESS_SYSTEM_SECURITY | R) &&
	   res.privileges_used == (1ULL << WT_SE_SECURITY_PRIVILEGE),
	   "SeSecurity grants ACCESS_SYSTEM_SECURITY and is reported");
	ok(check(&f, &t, WT_ACCESS_SYSTEM_SECURITY | W, 0, NULL, &res) ==
	   DENIED && res.privileges_used == 0,
	   "SeSecurity does not help the DACL part");

	bit = 1ULL << WT_SE_TAKE_OWNERSHIP_PRIVILEGE;
	t.v.privileges = 0;
	ok(check(&f, &t, WT_WRITE_OWNER, 0, NULL, &res) == DENIED,
	   "WRITE_OWNER denied without SeTakeOwnership");
	t.v.privileges = bit;
	ok(check(&f, &t, WT_WRITE_OWNER | R, 0, NULL, &res) == OK &&
	   res.privileges_used == bit, "SeTakeOwnership grants WRITE_OWNER");
	ok(check(&f, &t, WT_MAXIMUM_ALLOWED, 0, NULL, &res) == OK &&
	   res.granted == (R | WT_WRITE_OWNER),
	   "SeTakeOwnership adds WRITE_OWNER to the maximum");
	ok(check(&f, &t, R, 0, NULL, &res) == OK && res.privileges_used == 0,
	   "unused privilege not reported");
	free_sd(&f);

	/* privileges are applied before the walk: a deny of WRITE_OWNER
	 * must not stop it before the ACE that grants R
	 */
	{
		struct wt_ace_spec d[2];

		d[0] = ACE(DENY, 0, WT_WRITE_OWNER | W, USER);
		d[1] = ACE(ALLOW, 0, R, USER);
		dacl_sd(&f, NULL, d, 2);
		ok(check(&f, &t, WT_WRITE_OWNER | R, 0, NULL, &res) == OK &&
		   res.granted == (WT_WRITE_OWNER | R) &&
		   res.privileges_used == bit,
		   "SeTakeOwnership beats a deny ACE; walk continues for R");
		ok(check(&f, &t, WT_WRITE_OWNER | W, 0, NULL, &res) == DENIED,
		   "... while the denied W still denies");
		free_sd(&f);
	}

	mk_tok(&t, USER);
	dacl_sd(&f, NULL, a, 0);
	t.v.privileges = 1ULL << WT_SE_BACKUP_PRIVILEGE;
	ok(check(&f, &t, WT_FILE_GENERIC_READ, 0, NULL, &res) == DENIED,
	   "SeBackup without backup intent grants nothing");
	ok(check(&f, &t, WT_FILE_GENERIC_READ, WT_AC_BACKUP_INTENT, NULL,
		 &res) == OK && res.privileges_used ==
	   (1ULL << WT_SE_BACKUP_PRIVILEGE),
	   "SeBackup with backup intent grants read");
	ok(check(&f, &t, W, WT_AC_BACKUP_INTENT, NULL, &res) == DENIED,
	   "SeBackup does not grant write");
	t.v.privileges = 1ULL << WT_SE_RESTORE_PRIVILEGE;
	ok(check(&f, &t, W | WT_DELETE | WT_WRITE_DAC, WT_AC_BACKUP_INTENT,
		 NULL, &res) == OK && res.privileges_used ==
	   (1ULL << WT_SE_RESTORE_PRIVILEGE),
	   "SeRestore with backup intent grants write, DELETE, WRITE_DAC");
	ok(check(&f, &t, W, 0, NULL, &res) == DENIED,
	   "SeRestore without backup intent grants nothing");
	ok(check(&f, &t, R, WT_AC_BACKUP_INTENT, NULL, &res) == DENIED,
	   "SeRestore does not grant read data");
	free_sd(&f);

	/* relabel: WRITE_OWNER on a higher object */
	mk_tok(&t, USER);
	label_sd(&f, "S-1-16-12288", WT_SYSTEM_MANDATORY_LABEL_NO_WRITE_UP, 0,
		 WT_WRITE_OWNER | R);
	ok(check(&f, &t, WT_WRITE_OWNER, 0, NULL, &res) == DENIED,
	   "MIC withholds WRITE_OWNER on a higher object");
	t.v.privileges = 1ULL << WT_SE_RELABEL_PRIVILEGE;
	ok(check(&f, &t, WT_WRITE_OWNER, 0, NULL, &res) == OK &&
	   res.privileges_used == (1ULL << WT_SE_RELABEL_PRIVILEGE),
	   "SeRelabel lets WRITE_OWNER through MIC");
	free_sd(&f);
	{
		u64 used = 0;

		t.v.privileges = 0;
		ok(wt_label_change_allowed(&t.v, WT_INTEGRITY_MEDIUM, &used) &&
		   !wt_label_change_allowed(&t.v, WT_INTEGRITY_HIGH, &used) &&
		   used == 0, "label up to own level only");
		t.v.privileges = 1ULL << WT_SE_RELABEL_PRIVILEGE;
		ok(wt_label_change_allowed(&t.v, WT_INTEGRITY_SYSTEM, &used) &&
		   used == (1ULL << WT_SE_RELABEL_PRIVILEGE),
		   "SeRelabel allows raising a label");
	}
}

static void special_aces(void)
{
	struct sd_fixture f;
	struct wt_ace_spec a[3];
	struct wt_sid self = S(USER), other = S(OTHER);
	static const u8 cond[8] = { 'a', 'r', 't', 'x', 0, 0, 0, 0 };

	mk_tok(&t, USER);
	a[0] = ACE(ALLOW, 0, R, "S-1-5-10");
	dacl_sd(&f, NULL, a, 1);
	ok(check(&f, &t, R, 0, &self, &res) == OK,
	   "PRINCIPAL_SELF replaced by the token's user");
	ok(check(&f, &t, R, 0, &other, &res) == DENIED,
	   "PRINCIPAL_SELF replaced by another SID");
	ok(check(&f, &t, R, 0, NULL, &res) == DENIED,
	   "PRINCIPAL_SELF without substitution matches no one here");
	tok_group(&t, "S-1-5-10", WT_SE_GROUP_ENABLED);
	ok(check(&f, &t, R, 0, NULL, &res) == OK,
	   "PRINCIPAL_SELF without substitution matches the literal SID");
	free_sd(&f);

	mk_tok(&t, USER);
	a[0] = ACE(WT_ACCESS_ALLOWED_CALLBACK_ACE_TYPE, 0, R | W, EVERYONE);
	a[0].application_data = cond;
	a[0].application_data_len = sizeof(cond);
	a[1] = ACE(ALLOW, 0, W, USER);
	dacl_sd(&f, NULL, a, 2);
	ok(check(&f, &t, R, 0, NULL, &res) == DENIED,
	   "conditional allow (unevaluable) does not grant");
	ok(check(&f, &t, W, 0, NULL, &res) == OK,
	   "... and does not block later ACEs");
	free_sd(&f);
	a[0].type = WT_ACCESS_DENIED_CALLBACK_ACE_TYPE;
	a[1] = ACE(ALLOW, 0, R | W, USER);
	dacl_sd(&f, NULL, a, 2);
	ok(check(&f, &t, W, 0, NULL, &res) == DENIED,
	   "conditional deny (unevaluable) denies");
	free_sd(&f);
	a[0].type = WT_ACCESS_DENIED_CALLBACK_ACE_TYPE;
	a[0].sid = S("S-1-5-21-9-9-9-9");
	dacl_sd(&f, NULL, a, 2);
	ok(check(&f, &t, W, 0, NULL, &res) == OK,
	   "conditional deny for a SID the token lacks does nothing");
	free_sd(&f);

	a[0] = ACE(WT_ACCESS_ALLOWED_OBJECT_ACE_TYPE, 0, R, USER);
	a[0].object_flags = WT_ACE_OBJECT_TYPE_PRESENT;
	dacl_sd(&f, NULL, a, 1);
	ok(check(&f, &t, R, 0, NULL, &res) == DENIED,
	   "object ACE naming an object type does not apply");
	free_sd(&f);
	a[0].object_flags = WT_ACE_INHERITED_OBJECT_TYPE_PRESENT;
	dacl_sd(&f, NULL, a, 1);
	ok(check(&f, &t, R, 0, NULL, &res) == OK,
	   "object ACE without object type applies");
	free_sd(&f);
	a[0] = ACE(WT_ACCESS_DENIED_OBJECT_ACE_TYPE, 0, R, USER);
	a[1] = ACE(ALLOW, 0, R, USER);
	dacl_sd(&f, NULL, a, 2);
	ok(check(&f, &t, R, 0, NULL, &res) == DENIED,
	   "denied object ACE without object type denies");
	free_sd(&f);

	a[0] = ACE(ALLOW, WT_INHERIT_ONLY_ACE | WT_OBJECT_INHERIT_ACE, R, USER);
	dacl_sd(&f, NULL, a, 1);
	ok(check(&f, &t, R, 0, NULL, &res) == DENIED,
	   "inherit-only ACE ignored");
	free_sd(&f);
	a[0] = ACE(WT_SYSTEM_AUDIT_ACE_TYPE, 0, R, USER);
	dacl_sd(&f, NULL, a, 1);
	ok(check(&f, &t, R, 0, NULL, &res) == DENIED,
	   "audit ACE in a DACL grants nothing");
	free_sd(&f);
}

static void many_aces(void)
{
	static struct wt_ace_spec a[200];
	struct sd_fixture f;
	unsigned int i;
	char sid[64];

	mk_tok(&t, USER);
	for (i = 0; i < 40; i++) {
		snprintf(sid, sizeof(sid), "S-1-5-21-7-7-7-%u", 2000 + i);
		tok_group(&t, sid, WT_SE_GROUP_ENABLED);
	}
	for (i = 0; i < 199; i++) {
		snprintf(sid, sizeof(sid), "S-1-5-21-8-8-8-%u", 2000 + i);
		a[i] = ACE(i % 3 ? ALLOW : DENY, 0, 1u << (i % 9), sid);
	}
	a[199] = ACE(ALLOW, 0, R, "S-1-5-21-7-7-7-2039");
	dacl_sd(&f, NULL, a, 200);
	ok(check(&f, &t, R, 0, NULL, &res) == OK,
	   "200-ACE DACL, 43 token SIDs: last ACE matches the last group");
	ok(check(&f, &t, W, 0, NULL, &res) == DENIED,
	   "200-ACE DACL: unmatched right denied");
	free_sd(&f);
}

static void index_collisions(void)
{
	struct sd_fixture f;
	struct wt_ace_spec a[2];
	unsigned int i;
	char sid[64];

	/* the same SID twice: deny-only and enabled */
	mk_tok(&t, USER);
	tok_group(&t, ADMINS, WT_SE_GROUP_USE_FOR_DENY_ONLY);
	tok_group(&t, ADMINS, WT_SE_GROUP_ENABLED);
	a[0] = ACE(ALLOW, 0, R, ADMINS);
	dacl_sd(&f, NULL, a, 1);
	ok(check(&f, &t, R, 0, NULL, &res) == OK,
	   "SID listed deny-only and enabled: the enabled entry grants");
	free_sd(&f);

	/* more groups than index slots: later ones share buckets */
	mk_tok(&t, USER);
	t.v.groups = calloc(300, sizeof(struct wt_sid_attr));
	for (i = 0; i < 300; i++) {
		struct wt_sid_attr *g = (struct wt_sid_attr *)&t.v.groups[i];

		snprintf(sid, sizeof(sid), "S-1-5-21-4-4-4-%u", 5000 + i);
		g->sid = S(sid);
		g->attributes = i % 2 ? WT_SE_GROUP_ENABLED :
					WT_SE_GROUP_USE_FOR_DENY_ONLY;
	}
	t.v.group_count = 300;
	a[0] = ACE(ALLOW, 0, R, "S-1-5-21-4-4-4-5299");
	a[1] = ACE(ALLOW, 0, W, "S-1-5-21-4-4-4-5298");
	dacl_sd(&f, NULL, a, 2);
	ok(check(&f, &t, R, 0, NULL, &res) == OK,
	   "300 groups: enabled group 299 found");
	ok(check(&f, &t, W, 0, NULL, &res) == DENIED,
	   "300 groups: deny-only group 298 does not grant");
	free_sd(&f);
	free((void *)t.v.groups);
}

/* Direct checks with WT_AC_REPORT_MAXIMUM (check() also compares all). */
static enum wt_access_status report(const struct sd_fixture *f, u32 desired,
				    u32 flags)
{
	struct wt_access_request req = {
		.desired = desired,
		.mapping = &wt_file_mapping,
		.flags = flags | WT_AC_REPORT_MAXIMUM,
	};

	wt_token_prepare(&t.v);
	return wt_access_check(&f->v, &t.v, &req, &res);
}

static void report_maximum(void)
{
	struct sd_fixture f;
	struct wt_ace_spec a[2];
	u64 bit = 1ULL << WT_SE_TAKE_OWNERSHIP_PRIVILEGE;

	mk_tok(&t, USER);
	a[0] = ACE(DENY, 0, W, USER);
	a[1] = ACE(ALLOW, 0, R | W | X, EVERYONE);
	dacl_sd(&f, USER, a, 2);
	ok(report(&f, R, 0) == OK && res.granted == R &&
	   res.maximum == (R | X | WT_READ_CONTROL | WT_WRITE_DAC),
	   "reported maximum: the decision's granted mask stays the request");
	ok(report(&f, R | W, 0) == DENIED && res.granted == 0 &&
	   res.maximum == 0, "reported maximum: nothing on a denial");
	ok(report(&f, 0, 0) == DENIED && res.maximum == 0,
	   "reported maximum: an empty request is still denied");
	ok(report(&f, WT_MAXIMUM_ALLOWED, 0) == OK && res.maximum == 0 &&
	   res.granted == (R | X | WT_READ_CONTROL | WT_WRITE_DAC),
	   "reported maximum: ignored for a MAXIMUM_ALLOWED request");
	t.v.privileges = bit;
	ok(report(&f, R, 0) == OK && res.privileges_used == 0 &&
	   (res.maximum & WT_WRITE_OWNER),
	   "reported maximum: a privilege only the maximum needs is not used");
	ok(report(&f, R | WT_WRITE_OWNER, 0) == OK && res.privileges_used == bit,
	   "reported maximum: a privilege the request needs is used");
	free_sd(&f);

	/* SYNCHRONIZE is in the backup and the restore set: backup takes it */
	mk_tok(&t, USER);
	dacl_sd(&f, NULL, a, 0);
	t.v.privileges = (1ULL << WT_SE_BACKUP_PRIVILEGE) |
			 (1ULL << WT_SE_RESTORE_PRIVILEGE);
	ok(report(&f, WT_READ_CONTROL | WT_SYNCHRONIZE, WT_AC_BACKUP_INTENT) == OK &&
	   res.privileges_used == (1ULL << WT_SE_BACKUP_PRIVILEGE) &&
	   (res.maximum & WT_FILE_WRITE_DATA),
	   "reported maximum: privileges used are those of the request alone");
	free_sd(&f);
}

/* Which SIDs a token may name as an owner without a privilege. */
static void owner_index(void)
{
	const unsigned int own = WT_SE_GROUP_OWNER | WT_SE_GROUP_ENABLED;
	struct wt_sid sid;

	mk_tok(&t, USER);	/* groups 0-2: Everyone, AU, Users */
	tok_group(&t, ADMINS, own);
	tok_group(&t, "S-1-5-32-551", own | WT_SE_GROUP_USE_FOR_DENY_ONLY);
	sid = S(USER);
	ok(wt_owner_index(&t.v, &sid) == 0, "owner: the user is index 0");
	sid = S(ADMINS);
	ok(wt_owner_index(&t.v, &sid) == 4, "owner: a group with SE_GROUP_OWNER is 1 + its index");
	sid = S(EVERYONE);
	ok(wt_owner_index(&t.v, &sid) == -1, "owner: a group without SE_GROUP_OWNER may not");
	sid = S("S-1-5-32-551");
	ok(wt_owner_index(&t.v, &sid) == -1, "owner: a deny-only owner group may not");
	sid = S(OTHER);
	ok(wt_owner_index(&t.v, &sid) == -1, "owner: a SID the token does not hold may not");

	t.v.user.attributes = WT_SE_GROUP_USE_FOR_DENY_ONLY;
	sid = S(USER);
	ok(wt_owner_index(&t.v, &sid) == -1, "owner: a deny-only user may not");
	tok_group(&t, USER, own);
	ok(wt_owner_index(&t.v, &sid) == 6,
	   "owner: a deny-only user held again as an owner group is that group");

	mk_tok(&t, USER);
	tok_group(&t, OTHER, WT_SE_GROUP_ENABLED);
	tok_group(&t, OTHER, own);
	sid = S(OTHER);
	ok(wt_owner_index(&t.v, &sid) == 5,
	   "owner: a SID held twice counts by the entry that may own");
}

void test_access(void)
{
	basics();
	generic_and_max();
	owner_rules();
	null_and_absent();
	group_attributes();
	restricted_tokens();
	integrity();
	privileges();
	special_aces();
	test_access_audit();
	many_aces();
	index_collisions();
	report_maximum();
	owner_index();
}
