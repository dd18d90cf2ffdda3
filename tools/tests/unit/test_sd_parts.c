// SPDX-License-Identifier: GPL-2.0
/*
 * wt_sd_assemble(): the SD a get returns and a set stores, assembled from
 * parts of parsed SDs. Expectations are bytes written out by hand from
 * [MS-DTYP] 2.4.6 in Windows' layout (SACL, DACL, owner, group).
 */
#include <string.h>
#include "unit.h"

#define SID_SY "S-1-5-18"
#define SID_WD "S-1-1-0"

/* Owner and DACL of the source (mk_source()). */
static const char *const want_owner_dacl[] = {
	/* header: DACL_PRESENT, owner at 0x44, DACL at 0x14 */
	"0100048044000000000000000000000014000000",
	/* DACL: revision 2, 48 bytes, 2 ACEs */
	"0200300002000000",
	"00001400ff011f00010100000000000512000000",
	"0003140089001200010100000000000100000000",
	/* owner S-1-5-32-544 */
	"01020000000000052000000020020000",
	NULL,
};

/* Its label alone: SACL_PRESENT, SACL at 0x14, (ML;;NW;;;LW). */
static const char *const want_label[] = {
	"0100108000000000000000001400000000000000",
	"02001c0001000000",
	"1100140001000000010100000000001000100000",
	NULL,
};

/* SACL_PRESENT, SACL offset 0. */
static const char *const want_null_sacl[] = {
	"0100108000000000000000000000000000000000",
	NULL,
};

/* See merge_parts(). */
static const char *const want_merge[] = {
	/* header: PROTECTED, both present, DACL offset 0 */
	"0100149044000000540000001400000000000000",
	/* SACL: the audit ACE, then the new label */
	"0200300002000000",
	"0240140000000100010100000000000100000000",
	"1100140003000000010100000000001000200000",
	/* owner S-1-5-32-545, group S-1-5-18 */
	"01020000000000052000000021020000",
	"010100000000000512000000",
	NULL,
};

/* want_label with the ACL revision 4 of its source. */
static const char *const want_rev4[] = {
	"0100108000000000000000001400000000000000",
	"04001c0001000000",
	"1100140001000000010100000000001000100000",
	NULL,
};

/* Assemble @p and compare with @hex byte for byte; also the size query. */
static void expect_parts(const struct wt_sd_parts *p,
			 const char *const *hex, const char *what)
{
	size_t want_len;
	unsigned char *want = unhex_lines(hex, &want_len);
	long n = wt_sd_assemble(p, NULL, 0), m = -1;
	unsigned char *buf = NULL;
	struct wt_sd_view v;

	if (n > 0) {
		buf = calloc(1, n);
		m = wt_sd_assemble(p, buf, n);
	}
	ok(n == (long)want_len && m == n && !memcmp(buf, want, want_len) &&
	   wt_sd_parse(buf, n, &v) == 0, "assemble: %s", what);
	free(buf);
	free(want);
}

/* O:BAG:SY D:(A;;FA;;;SY)(A;OICI;FR;;;WD) S:(AU;SA;SD;;;WD)(ML;;NW;;;LW) */
static void mk_source(struct sd_fixture *a)
{
	struct wt_ace_spec dacl[2], sacl[2];

	dacl[0] = ACE(WT_ACCESS_ALLOWED_ACE_TYPE, 0, 0x1f01ff, SID_SY);
	dacl[1] = ACE(WT_ACCESS_ALLOWED_ACE_TYPE, 0x03, 0x120089, SID_WD);
	sacl[0] = ACE(WT_SYSTEM_AUDIT_ACE_TYPE, 0x40, 0x10000, SID_WD);
	sacl[1] = ACE(WT_SYSTEM_MANDATORY_LABEL_ACE_TYPE, 0, 1, "S-1-16-4096");
	mk_sd(a, "S-1-5-32-544", SID_SY, 0, dacl, 2, sacl, 2);
}

static void select_parts(const struct sd_fixture *a)
{
	struct wt_sd_parts p = {};

	/* Owner and DACL only: what a get of those two returns. */
	p.owner = a->v.owner;
	p.dacl_present = true;
	p.dacl = &a->v.dacl;
	expect_parts(&p, want_owner_dacl,
		     "owner and DACL, the DACL at 20, the owner after it");

	/* The label alone: audit ACEs are dropped. */
	memset(&p, 0, sizeof(p));
	p.sacl_present = true;
	p.sacl[0].acl = &a->v.sacl;
	p.sacl[0].keep = WT_KEEP_LABEL;
	expect_parts(&p, want_label, "the label alone");

	/* SACL present in the parts but no source ACL: a NULL SACL. */
	memset(&p, 0, sizeof(p));
	p.sacl_present = true;
	expect_parts(&p, want_null_sacl,
		     "a present SACL without ACL is a NULL SACL");
}

/*
 * A set of owner and label onto @a: audit ACEs kept from @a, the label
 * and owner from the new SD, @a's group, a NULL DACL, DACL_PROTECTED.
 */
static void merge_parts(const struct sd_fixture *a)
{
	struct wt_ace_spec sacl[1];
	struct sd_fixture b;
	struct wt_sd_parts p = {};

	sacl[0] = ACE(WT_SYSTEM_MANDATORY_LABEL_ACE_TYPE, 0, 3, "S-1-16-8192");
	mk_sd(&b, "S-1-5-32-545", NULL, 0, NULL, -1, sacl, 1);
	p.control = WT_SE_DACL_PROTECTED;
	p.owner = b.v.owner;
	p.group = a->v.group;
	p.dacl_present = true;
	p.sacl_present = true;
	p.sacl[0].acl = &a->v.sacl;
	p.sacl[0].keep = WT_KEEP_AUDIT;
	p.sacl[1].acl = &b.v.sacl;
	p.sacl[1].keep = WT_KEEP_LABEL;
	expect_parts(&p, want_merge,
		     "audit from the old SD, label and owner from the new, NULL DACL");
	free_sd(&b);
}

/* Every part, all ACEs: the same bytes as re-encoding the source. */
static void whole(const struct sd_fixture *a)
{
	struct wt_sd_parts p = {};
	unsigned char x[256], y[256];
	long n, m;

	p.owner = a->v.owner;
	p.group = a->v.group;
	p.dacl_present = true;
	p.dacl = &a->v.dacl;
	p.sacl_present = true;
	p.sacl[0].acl = &a->v.sacl;
	n = wt_sd_assemble(&p, x, sizeof(x));
	m = wt_sd_canonicalize(&a->v, y, sizeof(y));
	ok(n > 0 && n == m && !memcmp(x, y, n),
	   "assemble: every part equals the canonical source");
	ok(wt_sd_assemble(&p, x, n - 1) == -ENOSPC,
	   "assemble: -ENOSPC one byte short");
	ok(wt_sd_assemble(NULL, x, sizeof(x)) == -EINVAL,
	   "assemble: no parts is -EINVAL");
}

/* The ACL revision is the highest of its sources', kept ACEs or not. */
static void acl_revision(void)
{
	struct wt_ace_spec sacl[2];
	struct sd_fixture c;
	struct wt_sd_parts p = {};

	sacl[0] = ACE(WT_SYSTEM_AUDIT_OBJECT_ACE_TYPE, 0x40, 0x100, SID_WD);
	sacl[0].object_flags = WT_ACE_OBJECT_TYPE_PRESENT;
	memset(sacl[0].object_type, 0xab, WT_GUID_SIZE);
	sacl[1] = ACE(WT_SYSTEM_MANDATORY_LABEL_ACE_TYPE, 0, 1, "S-1-16-4096");
	mk_sd(&c, NULL, NULL, 0, NULL, -1, sacl, 2);
	p.sacl_present = true;
	p.sacl[0].acl = &c.v.sacl;
	p.sacl[0].keep = WT_KEEP_LABEL;
	expect_parts(&p, want_rev4, "a revision 4 SACL's label keeps revision 4");
	free_sd(&c);
}

static void invalid(void)
{
	struct wt_sd_parts p = {};
	struct wt_sid bad = S("S-1-5-18");
	unsigned char x[64];

	bad.revision = 2;
	p.owner = &bad;
	ok(wt_sd_assemble(&p, x, sizeof(x)) == -EINVAL,
	   "assemble: an owner of SID revision 2 is -EINVAL");
}

void test_sd_parts(void)
{
	struct sd_fixture a;

	mk_source(&a);
	select_parts(&a);
	merge_parts(&a);
	whole(&a);
	free_sd(&a);
	acl_revision();
	invalid();
}
