// SPDX-License-Identifier: GPL-2.0
/* SID parsing, formatting, binary validation, well-known SIDs. */
#include "unit.h"

static void roundtrip(const char *in, const char *want)
{
	struct wt_sid sid;
	char out[WT_SID_STRING_MAX];
	int rc = wt_sid_from_string(&sid, in);
	int n = rc ? -1 : wt_sid_to_string(&sid, out, sizeof(out));

	ok(rc == 0 && n == (int)strlen(want) && !strcmp(out, want),
	   "sid %s formats as %s", in, want);
}

static void rejects(const char *in)
{
	struct wt_sid sid;

	ok(wt_sid_from_string(&sid, in) == -EINVAL, "sid '%s' rejected", in);
}

static void binary_layout(void)
{
	/* S-1-5-21-1-2-3-1001 written out by hand (MS-DTYP 2.4.2.2). */
	static const u8 want[] = {
		1, 5, 0, 0, 0, 0, 0, 5,
		21, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0,
		0xe9, 0x03, 0, 0,
	};
	struct wt_sid sid = S("S-1-5-21-1-2-3-1001");
	size_t size = 0;

	ok(wt_sid_size(&sid) == sizeof(want) &&
	   !memcmp(&sid, want, sizeof(want)), "binary SID layout");
	ok(wt_sid_validate(want, sizeof(want), &size) == 0 &&
	   size == sizeof(want), "validate a good binary SID");
	ok(wt_sid_validate(want, sizeof(want) - 1, &size) == -EINVAL,
	   "validate rejects a SID one byte short");
	ok(wt_sid_validate(want, 7, &size) == -EINVAL,
	   "validate rejects a truncated header");
	{
		u8 bad[sizeof(want)];

		memcpy(bad, want, sizeof(want));
		bad[0] = 2;
		ok(wt_sid_validate(bad, sizeof(bad), &size) == -EINVAL,
		   "validate rejects revision 2");
		memcpy(bad, want, sizeof(want));
		bad[1] = 16;
		ok(wt_sid_validate(bad, sizeof(bad), &size) == -EINVAL,
		   "validate rejects 16 sub-authorities");
	}
	ok(wt_sid_rid(&sid) == 1001 && wt_sid_authority(&sid) == 5,
	   "rid and authority");
}

static void well_known(void)
{
	static const struct {
		enum wt_well_known_sid which;
		const char *str;
	} table[] = {
		{ WT_SID_NULL, "S-1-0-0" },
		{ WT_SID_EVERYONE, "S-1-1-0" },
		{ WT_SID_LOCAL, "S-1-2-0" },
		{ WT_SID_CONSOLE_LOGON, "S-1-2-1" },
		{ WT_SID_CREATOR_OWNER, "S-1-3-0" },
		{ WT_SID_CREATOR_GROUP, "S-1-3-1" },
		{ WT_SID_CREATOR_OWNER_SERVER, "S-1-3-2" },
		{ WT_SID_CREATOR_GROUP_SERVER, "S-1-3-3" },
		{ WT_SID_OWNER_RIGHTS, "S-1-3-4" },
		{ WT_SID_NT_AUTHORITY, "S-1-5" },
		{ WT_SID_DIALUP, "S-1-5-1" },
		{ WT_SID_NETWORK, "S-1-5-2" },
		{ WT_SID_BATCH, "S-1-5-3" },
		{ WT_SID_INTERACTIVE, "S-1-5-4" },
		{ WT_SID_SERVICE, "S-1-5-6" },
		{ WT_SID_ANONYMOUS, "S-1-5-7" },
		{ WT_SID_ENTERPRISE_DCS, "S-1-5-9" },
		{ WT_SID_PRINCIPAL_SELF, "S-1-5-10" },
		{ WT_SID_AUTHENTICATED_USERS, "S-1-5-11" },
		{ WT_SID_RESTRICTED_CODE, "S-1-5-12" },
		{ WT_SID_TERMINAL_SERVER_USER, "S-1-5-13" },
		{ WT_SID_REMOTE_INTERACTIVE, "S-1-5-14" },
		{ WT_SID_THIS_ORGANIZATION, "S-1-5-15" },
		{ WT_SID_WRITE_RESTRICTED_CODE, "S-1-5-33" },
		{ WT_SID_LOCAL_SYSTEM, "S-1-5-18" },
		{ WT_SID_LOCAL_SERVICE, "S-1-5-19" },
		{ WT_SID_NETWORK_SERVICE, "S-1-5-20" },
		{ WT_SID_BUILTIN, "S-1-5-32" },
		{ WT_SID_BUILTIN_ADMINISTRATORS, "S-1-5-32-544" },
		{ WT_SID_BUILTIN_USERS, "S-1-5-32-545" },
		{ WT_SID_BUILTIN_GUESTS, "S-1-5-32-546" },
		{ WT_SID_BUILTIN_POWER_USERS, "S-1-5-32-547" },
		{ WT_SID_BUILTIN_BACKUP_OPERATORS, "S-1-5-32-551" },
		{ WT_SID_ML_UNTRUSTED, "S-1-16-0" },
		{ WT_SID_ML_LOW, "S-1-16-4096" },
		{ WT_SID_ML_MEDIUM, "S-1-16-8192" },
		{ WT_SID_ML_MEDIUM_PLUS, "S-1-16-8448" },
		{ WT_SID_ML_HIGH, "S-1-16-12288" },
		{ WT_SID_ML_SYSTEM, "S-1-16-16384" },
		{ WT_SID_ML_PROTECTED, "S-1-16-20480" },
		{ WT_SID_UNIX_USERS, "S-1-22-1" },
		{ WT_SID_UNIX_GROUPS, "S-1-22-2" },
	};
	unsigned int i, good = 0;
	struct wt_sid sid, want;

	for (i = 0; i < ARRAY_SIZE(table); i++) {
		want = S(table[i].str);
		if (!wt_sid_well_known(&sid, table[i].which) &&
		    wt_sid_equal(&sid, &want))
			good++;
		else
			fprintf(stderr, "# well-known %s wrong\n",
				table[i].str);
	}
	ok(good == ARRAY_SIZE(table) &&
	   ARRAY_SIZE(table) == WT_SID_WELL_KNOWN_COUNT,
	   "all %u well-known SIDs", good);
	ok(wt_sid_well_known(&sid, WT_SID_WELL_KNOWN_COUNT) == -EINVAL,
	   "unknown well-known SID rejected");
}

static void special_forms(void)
{
	struct wt_sid sid, want;
	u32 id = 0, lo = 0;

	wt_sid_logon(&sid, 0, 999);
	want = S("S-1-5-5-0-999");
	ok(wt_sid_equal(&sid, &want), "logon SID S-1-5-5-0-999");
	ok(wt_sid_to_logon(&sid, &id, &lo) && id == 0 && lo == 999,
	   "logon SID round trip");
	want = S("S-1-5-5-1-2-3");
	ok(!wt_sid_to_logon(&want, &id, &lo), "S-1-5-5-1-2-3 is no logon SID");
	want = S("S-1-5-21-1-2");
	ok(!wt_sid_to_logon(&want, &id, &lo), "S-1-5-21-1-2 is no logon SID");
	wt_sid_from_uid(&sid, 1000);
	want = S("S-1-22-1-1000");
	ok(wt_sid_equal(&sid, &want) && wt_sid_to_uid(&sid, &id) &&
	   id == 1000, "uid SID round trip");
	ok(!wt_sid_to_gid(&sid, &id), "uid SID is not a gid SID");
	wt_sid_from_gid(&sid, 4294967295u);
	want = S("S-1-22-2-4294967295");
	ok(wt_sid_equal(&sid, &want) && wt_sid_to_gid(&sid, &id) &&
	   id == 4294967295u, "gid SID round trip (max gid)");
	want = S("S-1-22-1-5-6");
	ok(!wt_sid_to_uid(&want, &id), "S-1-22-1-5-6 is no uid SID");
	want = S("S-1-16-12288");
	ok(wt_sid_is_integrity(&want, &id) && id == 0x3000,
	   "integrity SID recognised");
	want = S("S-1-16-12288-1");
	ok(!wt_sid_is_integrity(&want, &id), "S-1-16-x-y is not a label");
}

static void compare_order(void)
{
	struct wt_sid a = S("S-1-5-32-544"), b = S("S-1-5-32-545");
	struct wt_sid c = S("S-1-5-32"), d = S("S-1-1-0");
	struct wt_sid e = S("S-1-5-21-4294967295"), f = S("S-1-5-21-1");

	ok(wt_sid_compare(&a, &b) < 0 && wt_sid_compare(&b, &a) > 0 &&
	   wt_sid_compare(&a, &a) == 0, "compare by RID");
	ok(wt_sid_compare(&c, &a) < 0, "compare: fewer sub-authorities first");
	ok(wt_sid_compare(&d, &c) < 0, "compare: authority first");
	ok(wt_sid_compare(&f, &e) < 0,
	   "compare: sub-authorities numerically, not bytewise");
}

static void builders(void)
{
	struct wt_sid sid;
	u32 subs[16] = { 0 };

	ok(wt_sid_init(&sid, 1ULL << 48, 0, NULL) == -EINVAL,
	   "init rejects authority 2^48");
	ok(wt_sid_init(&sid, 5, 16, subs) == -EINVAL,
	   "init rejects 16 sub-authorities");
	ok(wt_sid_init(&sid, 5, 15, subs) == 0 && wt_sid_append(&sid, 1) ==
	   -EINVAL, "append to a full SID rejected");
}

static void prefix_and_space(void)
{
	struct wt_sid sid, want = S("S-1-5-32-544");
	char small[8];
	const char *text = "S-1-5-32-544)(A;;";

	ok(wt_sid_parse_prefix(&sid, text, strlen(text)) == 12 &&
	   wt_sid_equal(&sid, &want), "parse_prefix stops at ')'");
	ok(wt_sid_parse_prefix(&sid, text, 9) == -EINVAL,
	   "parse_prefix refuses a dangling '-'");
	ok(wt_sid_parse_prefix(&sid, text, 11) == 11 &&
	   wt_sid_rid(&sid) == 54, "parse_prefix honours the length");
	ok(wt_sid_parse_prefix(&sid, "S-1-5-0x20-0X220;", 17) == 16 &&
	   wt_sid_equal(&sid, &want), "parse_prefix with hex sub-authorities");
	ok(wt_sid_to_string(&want, small, sizeof(small)) == -ENOSPC,
	   "to_string -ENOSPC");
	ok(wt_sid_to_string(&want, small, 0) == -ENOSPC,
	   "to_string with size 0");
}

/* Windows' reading of SID text (SDDL), through the one core parser. */
static void windows_text(void)
{
	struct wt_sid sid, want = S("S-1-5-32-544");
	const char *t;

	t = "S-1- 5- 32-  544)";
	ok(wt_sid_parse_text(&sid, t, strlen(t), WT_SID_TEXT_WINDOWS) == 16 &&
	   wt_sid_equal(&sid, &want), "windows: spaces before numbers");
	ok(wt_sid_parse_prefix(&sid, t, strlen(t)) == -EINVAL,
	   "strict: spaces refused");
	t = "S-0x1-5-20-220";
	ok(wt_sid_parse_text(&sid, t, strlen(t), WT_SID_TEXT_WINDOWS) == 14 &&
	   wt_sid_equal(&sid, &want), "windows: after S-0x1 all hexadecimal");
	ok(wt_sid_parse_prefix(&sid, t, strlen(t)) == -EINVAL,
	   "strict: revision must be 1");
	t = "S-01-5-32-544";
	ok(wt_sid_parse_text(&sid, t, strlen(t), WT_SID_TEXT_WINDOWS) == 13 &&
	   wt_sid_equal(&sid, &want), "windows: revision 01 is decimal");
	t = "S-2-5-32-544";
	ok(wt_sid_parse_text(&sid, t, strlen(t), WT_SID_TEXT_WINDOWS) == -EINVAL,
	   "windows: revision 2 refused");
	t = "S-1-5-99999999999";
	ok(wt_sid_parse_text(&sid, t, strlen(t), WT_SID_TEXT_WINDOWS) == 17 &&
	   wt_sid_rid(&sid) == 0xffffffffu,
	   "windows: sub-authority clamped to 4294967295");
	ok(wt_sid_parse_prefix(&sid, t, strlen(t)) == -EINVAL,
	   "strict: sub-authority overflow refused");
	t = "S-1-281474976710656";
	ok(wt_sid_parse_text(&sid, t, strlen(t), WT_SID_TEXT_WINDOWS) == -EINVAL,
	   "windows: authority past 48 bits refused");
	t = "S-0x1-5-20-0x22AD:";
	ok(wt_sid_parse_text(&sid, t, strlen(t), WT_SID_TEXT_WINDOWS) == 16 &&
	   wt_sid_rid(&sid) == 0x22a, "windows: a hex number ends before D:");
	t = "S-0x1-5-20-0x22AD";
	ok(wt_sid_parse_text(&sid, t, strlen(t), WT_SID_TEXT_WINDOWS) == 17 &&
	   wt_sid_rid(&sid) == 0x22ad, "windows: D at the end is a digit");
	t = "S-1-5-32-";
	ok(wt_sid_parse_text(&sid, t, strlen(t), WT_SID_TEXT_WINDOWS) == -EINVAL,
	   "windows: dangling '-' refused");
	ok(wt_sid_parse_text(&sid, "S-1-5", 5, 0x2) == -EINVAL,
	   "unknown flag refused");
}

void test_sid(void)
{
	roundtrip("S-1-5-21-1-2-3-1001", "S-1-5-21-1-2-3-1001");
	roundtrip("s-1-5-32-544", "S-1-5-32-544");
	roundtrip("S-1-5", "S-1-5");
	roundtrip("S-1-0x5-0x20-0x220", "S-1-5-32-544");
	roundtrip("S-1-4294967295-1", "S-1-4294967295-1");
	roundtrip("S-1-4294967296-1", "S-1-0x100000000-1");
	roundtrip("S-1-21474836480-32-579", "S-1-0x500000000-32-579");
	roundtrip("S-1-0x123456789abc-1", "S-1-0x123456789ABC-1");
	roundtrip("S-1-281474976710655", "S-1-0xFFFFFFFFFFFF");
	roundtrip("S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15",
		  "S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15");
	rejects("");
	rejects("S");
	rejects("S-1-");
	rejects("S-1-5-");
	rejects("S-2-5");
	rejects("S-1-x");
	rejects("S-1-5-x");
	rejects("S-1-5-4294967296");
	rejects("S-1-281474976710656");
	rejects("S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16");
	rejects("S-1-5--1");
	rejects("S-1-5-32 ");
	rejects("S-1-0x");
	binary_layout();
	well_known();
	special_forms();
	compare_order();
	builders();
	prefix_and_space();
	windows_text();
}
