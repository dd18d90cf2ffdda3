// SPDX-License-Identifier: GPL-2.0
/*
 * Self-relative SD parser (every malformed class), ACE iteration, builder
 * and canonical re-encoding: bytes Samba's ndr_pack() produced must parse,
 * and re-encode in Windows' layout (SACL, DACL, owner, group).
 */
#include "unit.h"

/* Samba 4.17 ndr_pack() of
 * O:BAG:SYD:(A;;FA;;;WD)(OA;;CC;bf967a86-0de6-11d0-a285-00aa003049e2;;AU)
 * S:(AU;SA;FA;;;WD) (its SDDL parser makes revision 4 ACLs).
 */
static const char *const samba_obj[] = {
	"010014801400000024000000300000004c000000010200000000000520000000",
	"2002000001010000000000051200000004001c000100000002401400ff010000",
	"010100000000000100000000040044000200000000001400ff01000001010000",
	"0000000100000000050028000100000001000000867a96bfe60dd011a28500aa",
	"003049e201010000000000050b000000",
	NULL,
};

/* Samba: O:S-1-5-21-1-2-3-1001 G:S-1-22-2-100
 * D:PAI(D;OICI;0x116;;;AN)(A;OICIIO;GA;;;CO)(A;;0x1200a9;;;<owner>)
 * plus a revision 2 SACL with (ML;OICI;NW;;;LW) added through the API.
 */
static const char *const samba_label[] = {
	"010014941400000030000000400000005c000000010500000000000515000000",
	"010000000200000003000000e903000001020000000000160200000064000000",
	"02001c0001000000110314000100000001010000000000100010000004005400",
	"030000000103140016010000010100000000000507000000000b140000000010",
	"01010000000000030000000000002400a9001200010500000000000515000000",
	"010000000200000003000000e9030000",
	NULL,
};

/* Samba: owner = group = SYSTEM, DACL_PRESENT with no DACL (NULL DACL). */
static const char *const samba_null_dacl[] = {
	"0100048014000000200000000000000000000000010100000000000512000000",
	"010100000000000512000000",
	NULL,
};

/* The same three SDs in Windows' layout: what the encoder writes. */
static const char *const windows_obj[] = {
	"010014807400000084000000140000003000000004001c000100000002401400",
	"ff010000010100000000000100000000040044000200000000001400ff010000",
	"010100000000000100000000050028000100000001000000867a96bfe60dd011",
	"a28500aa003049e201010000000000050b000000010200000000000520000000",
	"20020000010100000000000512000000",
	NULL,
};

static const char *const windows_label[] = {
	"0100149484000000a0000000140000003000000002001c000100000011031400",
	"0100000001010000000000100010000004005400030000000103140016010000",
	"010100000000000507000000000b140000000010010100000000000300000000",
	"00002400a9001200010500000000000515000000010000000200000003000000",
	"e9030000010500000000000515000000010000000200000003000000e9030000",
	"01020000000000160200000064000000",
	NULL,
};

/*
 * The base SD every malformed case starts from, written byte by byte:
 * header, owner S-1-5-32-544 @20, group S-1-5-18 @36, DACL @48 holding
 * (A;;0x1F01FF;;;S-1-1-0). 76 bytes.
 */
static const u8 base[76] = {
	/* header */
	1, 0, 0x04, 0x80, 20, 0, 0, 0, 36, 0, 0, 0, 0, 0, 0, 0, 48, 0, 0, 0,
	/* owner */
	1, 2, 0, 0, 0, 0, 0, 5, 32, 0, 0, 0, 0x20, 0x02, 0, 0,
	/* group */
	1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0,
	/* DACL: rev 2, size 28, count 1 */
	2, 0, 28, 0, 1, 0, 0, 0,
	/* ACE: allowed, flags 0, size 20, mask, S-1-1-0 */
	0, 0, 20, 0, 0xff, 0x01, 0x1f, 0, 1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0,
};

#define OFF_DACL 48
#define OFF_ACE 56

/* base re-encoded: DACL @20, owner @48, group @64 */
static const char *const base_canonical[] = {
	"010004803000000040000000000000001400000002001c000100000000001400",
	"ff011f0001010000000000010000000001020000000000052000000020020000",
	"010100000000000512000000",
	NULL,
};

static u32 aligned_buf[(WT_SD_MAX_SIZE + 64) / 4];

static int parse_bytes(const u8 *bytes, size_t len)
{
	struct wt_sd_view v;

	memcpy(aligned_buf, bytes, len);
	return wt_sd_parse(aligned_buf, len, &v);
}

/* Parse base with one byte changed. */
static int parse_poked(size_t at, u8 value)
{
	u8 b[sizeof(base)];

	memcpy(b, base, sizeof(base));
	b[at] = value;
	return parse_bytes(b, sizeof(b));
}

static void base_cases(void)
{
	struct wt_sd_view v;
	size_t n;
	int bad = 0;

	memcpy(aligned_buf, base, sizeof(base));
	ok(wt_sd_parse(aligned_buf, sizeof(base), &v) == 0 &&
	   v.owner && v.group && v.dacl.acl && !v.sacl.acl &&
	   v.dacl.count == 1 && v.dacl.size == 28 && v.control == 0x8004 &&
	   wt_sid_rid(v.owner) == 544 && wt_sid_rid(v.group) == 18,
	   "hand-built base SD parses with the right fields");

	/* truncated: every shorter prefix */
	for (n = 0; n < sizeof(base); n++)
		if (parse_bytes(base, n) != -EINVAL)
			bad++;
	ok(bad == 0, "every truncation of the base SD rejected (%d bad)", bad);
	ok(wt_sd_parse(NULL, 76, &v) == -EINVAL, "NULL buffer rejected");
	ok(wt_sd_parse(aligned_buf, 0, &v) == -EINVAL, "zero length rejected");
	memcpy((u8 *)aligned_buf + 1, base, sizeof(base));
	ok(wt_sd_parse((u8 *)aligned_buf + 1, sizeof(base), &v) == -EINVAL,
	   "misaligned buffer rejected");

	/* header */
	ok(parse_poked(0, 2) == -EINVAL, "SD revision 2 rejected");
	ok(parse_poked(3, 0x00) == -EINVAL, "SE_SELF_RELATIVE clear rejected");
	ok(parse_poked(1, 7) == -EINVAL, "Sbz1 without RM_CONTROL_VALID rejected");
	{
		u8 b[sizeof(base)];

		memcpy(b, base, sizeof(base));
		b[1] = 7;
		b[3] |= 0x40;
		ok(parse_bytes(b, sizeof(b)) == 0,
		   "Sbz1 with RM_CONTROL_VALID accepted");
	}
	ok(parse_poked(2, 0x00) == -EINVAL,
	   "DACL offset without SE_DACL_PRESENT rejected");

	/* bad offsets */
	ok(parse_poked(4, 200) == -EINVAL, "owner offset past the end");
	ok(parse_poked(4, 4) == -EINVAL, "owner offset inside the header");
	ok(parse_poked(4, 22) == -EINVAL, "misaligned owner offset");
	ok(parse_poked(16, 76) == -EINVAL, "DACL offset at the end");
	ok(parse_poked(7, 1) == -EINVAL, "owner offset 2^24+20");

	/* overlapping parts */
	ok(parse_poked(8, 20) == -EINVAL, "group = owner offset (overlap)");
	ok(parse_poked(16, 36) == -EINVAL, "DACL over the group (overlap)");
	ok(parse_poked(8, 24) == -EINVAL, "group inside the owner (overlap)");

	/* ACL header */
	ok(parse_poked(OFF_DACL, 3) == -EINVAL, "ACL revision 3 rejected");
	ok(parse_poked(OFF_DACL + 1, 1) == -EINVAL, "ACL Sbz1 != 0 rejected");
	ok(parse_poked(OFF_DACL + 6, 1) == -EINVAL, "ACL Sbz2 != 0 rejected");
	ok(parse_poked(OFF_DACL + 2, 32) == -EINVAL,
	   "ACL larger than the SD rejected");
	ok(parse_poked(OFF_DACL + 2, 24) == -EINVAL,
	   "ACL smaller than its ACE rejected");
	ok(parse_poked(OFF_DACL + 2, 4) == -EINVAL,
	   "ACL size below its header rejected");
	ok(parse_poked(OFF_DACL + 2, 30) == -EINVAL,
	   "ACL size not a multiple of 4 rejected");

	/* count lies */
	ok(parse_poked(OFF_DACL + 4, 2) == -EINVAL, "ACE count too high");
	ok(parse_poked(OFF_DACL + 4, 0) == -EINVAL,
	   "ACE count too low (uncovered ACE bytes)");
	ok(parse_poked(OFF_DACL + 5, 1) == -EINVAL, "ACE count 257");

	/* ACE size lies */
	ok(parse_poked(OFF_ACE + 2, 24) == -EINVAL, "ACE size past its ACL");
	ok(parse_poked(OFF_ACE + 2, 12) == -EINVAL, "ACE size below minimum");
	ok(parse_poked(OFF_ACE + 2, 18) == -EINVAL,
	   "ACE size not a multiple of 4");
	ok(parse_poked(OFF_ACE + 2, 16) == -EINVAL,
	   "ACE size too small for its SID");
	ok(parse_poked(OFF_ACE + 2, 0) == -EINVAL, "ACE size 0");
	ok(parse_poked(OFF_ACE + 9, 2) == -EINVAL,
	   "SID in ACE claiming 2 sub-authorities");
	ok(parse_poked(OFF_ACE + 8, 2) == -EINVAL, "SID in ACE revision 2");
	ok(parse_poked(OFF_ACE, 4) == -EINVAL, "compound ACE type rejected");
	ok(parse_poked(OFF_ACE, 0x14) == -EINVAL, "unknown ACE type rejected");
	ok(parse_poked(OFF_ACE, WT_SYSTEM_AUDIT_ACE_TYPE) == 0,
	   "audit ACE in a DACL parses (ignored by the check)");
	ok(parse_poked(21, 16) == -EINVAL, "owner SID with 16 sub-authorities");
}

/* base with its ACE turned into an object ACE with one GUID (40 bytes) */
static size_t object_sd(u8 *b)
{
	memcpy(b, base, OFF_ACE);
	b[OFF_DACL + 2] = 8 + 40;
	b[OFF_ACE] = WT_ACCESS_ALLOWED_OBJECT_ACE_TYPE;
	b[OFF_ACE + 1] = 0;
	b[OFF_ACE + 2] = 40;
	b[OFF_ACE + 3] = 0;
	memcpy(b + OFF_ACE + 4, base + OFF_ACE + 4, 4);
	memset(b + OFF_ACE + 8, 0, 4);
	b[OFF_ACE + 8] = WT_ACE_OBJECT_TYPE_PRESENT;
	memset(b + OFF_ACE + 12, 0x77, 16);
	memcpy(b + OFF_ACE + 28, base + OFF_ACE + 8, 12);
	return OFF_ACE + 40;
}

static void object_aces(void)
{
	u8 b[128];
	size_t n = object_sd(b);

	ok(parse_bytes(b, n) == 0, "hand-built object ACE parses");
	b[OFF_ACE + 8] = 4;
	ok(parse_bytes(b, n) == -EINVAL, "object ACE flag 4 rejected");
	n = object_sd(b);
	b[OFF_ACE + 8] = 3;
	ok(parse_bytes(b, n) == -EINVAL,
	   "object ACE claiming a second GUID it lacks rejected");
	n = object_sd(b);
	b[OFF_ACE + 2] = 12;
	ok(parse_bytes(b, n) == -EINVAL, "object ACE cut before its GUID");
}

/* Parse @len bytes of @b; true when it re-encodes as base_canonical with @rev. */
static bool canonical_is_base(const u8 *b, size_t len, u8 rev)
{
	struct wt_sd_view v;
	u8 out[128], *want;
	size_t want_len;
	bool same;
	long n = -1;

	want = unhex_lines(base_canonical, &want_len);
	want[WT_SD_HEADER_SIZE] = rev;
	memcpy(aligned_buf, b, len);
	if (!wt_sd_parse(aligned_buf, len, &v))
		n = wt_sd_canonicalize(&v, out, sizeof(out));
	same = n == (long)want_len && !memcmp(out, want, want_len);
	free(want);
	return same;
}

static void garbage_and_gaps(void)
{
	u8 b[sizeof(base) + 8];
	struct wt_sd_view v;

	memcpy(b, base, sizeof(base));
	memset(b + sizeof(base), 0, 8);
	ok(parse_bytes(b, sizeof(base) + 4) == -EINVAL,
	   "4 bytes of trailing garbage rejected");

	/* a 4-byte gap between group and DACL */
	memcpy(b, base, OFF_DACL);
	memset(b + OFF_DACL, 0xAA, 4);
	memcpy(b + OFF_DACL + 4, base + OFF_DACL, sizeof(base) - OFF_DACL);
	b[16] = OFF_DACL + 4;
	ok(parse_bytes(b, sizeof(base) + 4) == -EINVAL,
	   "gap between components rejected");

	/*
	 * ACL slack: AclSize 4 bigger than its ACE, SD grown to match. Zero
	 * slack is what Windows writes and is read as nothing; the canonical
	 * form drops it and keeps the ACL revision.
	 */
	memcpy(b, base, sizeof(base));
	memset(b + sizeof(base), 0, 4);
	b[OFF_DACL + 2] = 32;
	ok(parse_bytes(b, sizeof(base) + 4) == 0,
	   "zero ACL slack after the last ACE accepted");
	b[OFF_DACL] = WT_ACL_REVISION_DS;
	memcpy(aligned_buf, b, sizeof(base) + 4);
	ok(wt_sd_parse(aligned_buf, sizeof(base) + 4, &v) == 0 &&
	   v.dacl.count == 1 && v.dacl.size == 32,
	   "revision-4 ACL with slack: one ACE");
	ok(canonical_is_base(b, sizeof(base) + 4, WT_ACL_REVISION_DS),
	   "canonical form drops the slack, keeps revision 4");
	b[OFF_DACL] = WT_ACL_REVISION;
	b[sizeof(base) + 2] = 1;
	ok(parse_bytes(b, sizeof(base) + 4) == -EINVAL,
	   "non-zero ACL slack rejected");

	/* ACE padding inside AceSize is allowed and dropped canonically */
	memcpy(b, base, sizeof(base));
	memset(b + sizeof(base), 0xCC, 4);
	b[OFF_DACL + 2] = 32;
	b[OFF_ACE + 2] = 24;
	ok(parse_bytes(b, sizeof(base) + 4) == 0, "padded ACE accepted");
	ok(canonical_is_base(b, sizeof(base) + 4, WT_ACL_REVISION),
	   "canonical form drops ACE padding (as Samba does)");
}

/* An SD of exactly @total bytes: DACL of 20- and 24-byte ACEs. */
static size_t big_sd(u8 *b, size_t total)
{
	size_t acl = total - 48, body = acl - 8, pos;
	unsigned int n24 = 0, count = 0;

	while ((body - 24 * n24) % 20)
		n24++;
	memcpy(b, base, 48);
	b[OFF_DACL] = 2;
	b[OFF_DACL + 1] = 0;
	b[OFF_DACL + 2] = acl & 0xff;
	b[OFF_DACL + 3] = acl >> 8;
	b[OFF_DACL + 6] = 0;
	b[OFF_DACL + 7] = 0;
	pos = OFF_ACE;
	while (pos < total) {
		bool wide = n24 > 0;

		memcpy(b + pos, base + OFF_ACE, 20);
		if (wide) {
			b[pos + 2] = 24;
			memcpy(b + pos + 8, base + 20, 16);
			n24--;
		}
		pos += wide ? 24 : 20;
		count++;
	}
	b[OFF_DACL + 4] = count & 0xff;
	b[OFF_DACL + 5] = count >> 8;
	return pos;
}

static void size_limit(void)
{
	static u8 b[WT_SD_MAX_SIZE + 64];
	size_t n;

	n = big_sd(b, WT_SD_MAX_SIZE);
	ok(n == WT_SD_MAX_SIZE && parse_bytes(b, n) == 0,
	   "an SD of exactly 64 KiB accepted");
	memset(b + WT_SD_MAX_SIZE, 0, 1);
	ok(parse_bytes(b, WT_SD_MAX_SIZE + 1) == -EINVAL,
	   "64 KiB + 1 rejected");
	n = big_sd(b, WT_SD_MAX_SIZE + 4);
	ok(n == WT_SD_MAX_SIZE + 4 && parse_bytes(b, n) == -EINVAL,
	   "a well-formed SD of 64 KiB + 4 rejected");
}

static void samba_layouts(void)
{
	static const char *const *const samples[] = {
		samba_obj, samba_label, samba_null_dacl,
	};
	static const char *const *const windows[] = {
		windows_obj, windows_label, samba_null_dacl,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(samples); i++) {
		size_t len;
		u8 *b = unhex_lines(samples[i], &len);
		struct wt_sd_view v;
		u8 out[512];
		long n = -1;

		if (!wt_sd_parse(b, len, &v))
			n = wt_sd_canonicalize(&v, out, sizeof(out));
		free(b);
		b = unhex_lines(windows[i], &len);
		ok(n == (long)len && !memcmp(out, b, len),
		   "Samba sample %u parses and re-encodes in Windows' layout",
		   i);
		free(b);
	}
}

static void ace_iteration(void)
{
	size_t len;
	u8 *b = unhex_lines(samba_obj, &len);
	struct wt_sd_view v;
	struct wt_ace_iter it;
	struct wt_ace_view a;
	static const u8 guid[16] = {
		0x86, 0x7a, 0x96, 0xbf, 0xe6, 0x0d, 0xd0, 0x11,
		0xa2, 0x85, 0x00, 0xaa, 0x00, 0x30, 0x49, 0xe2,
	};
	int n = 0;
	bool more;

	wt_sd_parse(b, len, &v);
	ok(v.sacl.acl && v.sacl.count == 1 && v.dacl.count == 2 &&
	   v.dacl.revision == 4, "Samba sample: ACL headers");
	more = wt_acl_first(&v.dacl, &it, &a);
	/* Samba 4.17's SDDL "FA" is 0x1ff, not Windows' 0x1f01ff */
	ok(more && a.type == 0 && a.mask == 0x1ff && a.size == 20 &&
	   wt_sid_rid(a.sid) == 0 && !a.object_type, "first ACE decoded");
	more = wt_acl_next(&it, &a);
	ok(more && a.type == WT_ACCESS_ALLOWED_OBJECT_ACE_TYPE &&
	   a.mask == 1 && a.object_flags == 1 && a.object_type &&
	   !memcmp(a.object_type, guid, 16) && !a.inherited_object_type &&
	   wt_sid_rid(a.sid) == 11, "object ACE decoded");
	ok(!wt_acl_next(&it, &a), "iteration ends after AceCount");
	more = wt_acl_first(&v.sacl, &it, &a);
	ok(more && a.type == WT_SYSTEM_AUDIT_ACE_TYPE &&
	   a.flags == WT_SUCCESSFUL_ACCESS_ACE_FLAG, "SACL audit ACE");
	for (more = wt_acl_first(&v.dacl, &it, &a); more;
	     more = wt_acl_next(&it, &a))
		n++;
	ok(n == 2, "loop visits every ACE");
	free(b);
	b = unhex_lines(samba_null_dacl, &len);
	wt_sd_parse(b, len, &v);
	ok(!v.dacl.acl && (v.control & WT_SE_DACL_PRESENT) &&
	   !wt_acl_first(&v.dacl, &it, &a), "NULL DACL: present, no ACL");
	free(b);
	ok(wt_ace_type_is_object(WT_ACCESS_DENIED_CALLBACK_OBJECT_ACE_TYPE) &&
	   !wt_ace_type_is_object(WT_ACCESS_DENIED_CALLBACK_ACE_TYPE) &&
	   wt_ace_type_is_callback(WT_SYSTEM_AUDIT_CALLBACK_ACE_TYPE) &&
	   !wt_ace_type_is_callback(WT_ACCESS_ALLOWED_OBJECT_ACE_TYPE),
	   "ACE type classes");
}

static void builder(void)
{
	struct wt_ace_spec dacl[3], sacl[1];
	struct wt_sd_spec spec;
	size_t len;
	u8 *want = unhex_lines(windows_label, &len);
	u8 out[512];
	long n;

	memset(&spec, 0, sizeof(spec));
	spec.control = WT_SE_DACL_PROTECTED | WT_SE_DACL_AUTO_INHERITED;
	spec.has_owner = true;
	spec.owner = S("S-1-5-21-1-2-3-1001");
	spec.has_group = true;
	spec.group = S("S-1-22-2-100");
	dacl[0] = ACE(1, 3, 0x116, "S-1-5-7");
	dacl[1] = ACE(0, 0x0b, WT_GENERIC_ALL, "S-1-3-0");
	dacl[2] = ACE(0, 0, 0x1200a9, "S-1-5-21-1-2-3-1001");
	sacl[0] = ACE(WT_SYSTEM_MANDATORY_LABEL_ACE_TYPE, 3, 1, "S-1-16-4096");
	spec.dacl.present = true;
	spec.dacl.revision = 4;
	spec.dacl.count = 3;
	spec.dacl.aces = dacl;
	spec.sacl.present = true;
	spec.sacl.count = 1;
	spec.sacl.aces = sacl;
	n = wt_sd_build(&spec, NULL, 0);
	ok(n == (long)len, "build: size query (%ld)", n);
	ok(wt_sd_build(&spec, out, len - 1) == -ENOSPC,
	   "build: -ENOSPC one byte short");
	n = wt_sd_build(&spec, out, sizeof(out));
	ok(n == (long)len && !memcmp(out, want, len),
	   "build: byte-identical to Samba ndr_pack");
	free(want);

	/* callback ACE: application data kept and padded to 4 */
	{
		static const u8 app[5] = { 'a', 'r', 't', 'x', 0x00 };
		static const u8 expect[] = {
			1, 0, 0x04, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
			20, 0, 0, 0,
			2, 0, 36, 0, 1, 0, 0, 0,
			9, 0, 28, 0, 1, 0, 0, 0,
			1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0,
			'a', 'r', 't', 'x', 0, 0, 0, 0,
		};
		struct wt_sd_view v;
		struct wt_ace_iter it;
		struct wt_ace_view a;

		memset(&spec, 0, sizeof(spec));
		dacl[0] = ACE(WT_ACCESS_ALLOWED_CALLBACK_ACE_TYPE, 0, 1,
			      "S-1-1-0");
		dacl[0].application_data = app;
		dacl[0].application_data_len = sizeof(app);
		spec.dacl.present = true;
		spec.dacl.count = 1;
		spec.dacl.aces = dacl;
		memset(out, 0xee, sizeof(out));
		n = wt_sd_build(&spec, out, sizeof(out));
		ok(n == (long)sizeof(expect) && !memcmp(out, expect, n),
		   "build: callback ACE data kept, zero-padded");
		memcpy(aligned_buf, out, n);
		ok(wt_sd_parse(aligned_buf, n, &v) == 0 &&
		   wt_acl_first(&v.dacl, &it, &a) &&
		   a.application_data_len == 8 &&
		   !memcmp(a.application_data, "artx\0\0\0\0", 8),
		   "parse: callback application data exposed");
		dacl[0].type = 0;
		ok(wt_sd_build(&spec, out, sizeof(out)) == -EINVAL,
		   "build: application data on a plain ACE rejected");
	}

	/* NULL DACL and revision choice */
	memset(&spec, 0, sizeof(spec));
	spec.has_owner = true;
	spec.has_group = true;
	spec.owner = S("S-1-5-18");
	spec.group = spec.owner;
	spec.dacl.present = true;
	spec.dacl.null_acl = true;
	want = unhex_lines(samba_null_dacl, &len);
	n = wt_sd_build(&spec, out, sizeof(out));
	ok(n == (long)len && !memcmp(out, want, len),
	   "build: NULL DACL like Samba");
	free(want);

	memset(&spec, 0, sizeof(spec));
	dacl[0] = ACE(WT_ACCESS_ALLOWED_OBJECT_ACE_TYPE, 0, 1, "S-1-1-0");
	spec.dacl.present = true;
	spec.dacl.count = 1;
	spec.dacl.aces = dacl;
	n = wt_sd_build(&spec, out, sizeof(out));
	ok(n == 20 + 8 + 4 + 4 + 4 + 12 && out[20] == WT_ACL_REVISION_DS,
	   "build: revision 4 chosen for an object ACE");
	dacl[0].object_flags = 4;
	ok(wt_sd_build(&spec, out, sizeof(out)) == -EINVAL,
	   "build: unknown object flag rejected");

	/* too big: 4000 ACEs of 20 bytes > 64 KiB */
	{
		static struct wt_ace_spec many[4000];
		unsigned int i;

		for (i = 0; i < ARRAY_SIZE(many); i++)
			many[i] = ACE(0, 0, 1, "S-1-1-0");
		memset(&spec, 0, sizeof(spec));
		spec.dacl.present = true;
		spec.dacl.count = ARRAY_SIZE(many);
		spec.dacl.aces = many;
		ok(wt_sd_build(&spec, NULL, 0) == -EINVAL,
		   "build: an SD over 64 KiB rejected");
	}
}

void test_sd(void)
{
	base_cases();
	object_aces();
	garbage_and_gaps();
	size_limit();
	samba_layouts();
	ace_iteration();
	builder();
}
