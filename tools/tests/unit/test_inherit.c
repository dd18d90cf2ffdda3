// SPDX-License-Identifier: GPL-2.0
/*
 * Inheritance: the computed SD is compared byte for byte with one built
 * from a hand-written list of the ACEs Windows would produce.
 */
#include "unit.h"

#define USER "S-1-5-21-1-2-3-1001"
#define PGROUP "S-1-5-21-1-2-3-513"
#define ADMINS "S-1-5-32-544"
#define EVERYONE "S-1-1-0"
#define CO "S-1-3-0"
#define CG "S-1-3-1"
#define OI WT_OBJECT_INHERIT_ACE
#define CI WT_CONTAINER_INHERIT_ACE
#define NP WT_NO_PROPAGATE_INHERIT_ACE
#define IO WT_INHERIT_ONLY_ACE
#define ID WT_INHERITED_ACE
#define AI WT_SE_DACL_AUTO_INHERITED
#define DIR WT_INHERIT_IS_CONTAINER
#define A WT_ACCESS_ALLOWED_ACE_TYPE
#define D WT_ACCESS_DENIED_ACE_TYPE
#define ML WT_SYSTEM_MANDATORY_LABEL_ACE_TYPE

static struct tok_fixture t;
static struct wt_sid pgroup;

static void hexdump(const char *what, const u8 *b, long n)
{
	long i;

	fprintf(stderr, "# %s:", what);
	for (i = 0; i < n; i++)
		fprintf(stderr, "%02x", b[i]);
	fprintf(stderr, "\n");
}

static void expect(const struct sd_fixture *parent,
		   const struct sd_fixture *creator, u32 flags,
		   const struct sd_fixture *want, const char *name)
{
	long n, m = -1;
	u8 *buf;
	struct wt_sd_view v;

	n = wt_sd_inherit(parent ? &parent->v : NULL,
			  creator ? &creator->v : NULL, &t.v, &wt_file_mapping,
			  flags, NULL, 0);
	buf = malloc(n > 0 ? (size_t)n + 16 : 16);
	if (n > 0)
		m = wt_sd_inherit(parent ? &parent->v : NULL,
				  creator ? &creator->v : NULL, &t.v,
				  &wt_file_mapping, flags, buf, (size_t)n);
	ok(n > 0 && m == n && n == want->len && !memcmp(buf, want->buf, n) &&
	   wt_sd_parse(buf, (size_t)n, &v) == 0, "inherit: %s", name);
	if (!(n > 0 && m == n && n == want->len && !memcmp(buf, want->buf, n))) {
		fprintf(stderr, "# n=%ld m=%ld want=%ld\n", n, m, want->len);
		if (m > 0)
			hexdump("got ", buf, m);
		hexdump("want", want->buf, want->len);
	}
	free(buf);
}

static void setup_token(void)
{
	mk_tok(&t, USER);
	pgroup = S(PGROUP);
	t.v.primary_group = &pgroup;
}

static void files_and_dirs(void)
{
	struct sd_fixture p, w;
	struct wt_ace_spec pa[8], wa[8];

	setup_token();
	pa[0] = ACE(A, OI | CI, WT_FILE_ALL_ACCESS, ADMINS);
	pa[1] = ACE(D, OI, WT_FILE_WRITE_DATA, EVERYONE);
	pa[2] = ACE(A, CI, WT_FILE_GENERIC_READ, EVERYONE);
	pa[3] = ACE(A, 0, WT_FILE_ALL_ACCESS, EVERYONE);
	mk_sd(&p, ADMINS, ADMINS, AI, pa, 4, NULL, -1);

	wa[0] = ACE(A, ID, WT_FILE_ALL_ACCESS, ADMINS);
	wa[1] = ACE(D, ID, WT_FILE_WRITE_DATA, EVERYONE);
	mk_sd(&w, USER, PGROUP, AI, wa, 2, NULL, -1);
	expect(&p, NULL, 0, &w, "file takes OI ACEs, flags cleared, ID set, AI");
	free_sd(&w);

	wa[0] = ACE(A, OI | CI | ID, WT_FILE_ALL_ACCESS, ADMINS);
	wa[1] = ACE(D, OI | IO | ID, WT_FILE_WRITE_DATA, EVERYONE);
	wa[2] = ACE(A, CI | ID, WT_FILE_GENERIC_READ, EVERYONE);
	mk_sd(&w, USER, PGROUP, AI, wa, 3, NULL, -1);
	expect(&p, NULL, DIR, &w,
	       "directory: CI effective, OI-only becomes inherit-only");
	free_sd(&w);
	free_sd(&p);

	/* no AI on the parent: none on the child */
	mk_sd(&p, ADMINS, ADMINS, 0, pa, 1, NULL, -1);
	wa[0] = ACE(A, ID, WT_FILE_ALL_ACCESS, ADMINS);
	mk_sd(&w, USER, PGROUP, 0, wa, 1, NULL, -1);
	expect(&p, NULL, 0, &w, "no AI on the parent, none on the child");
	free_sd(&w);
	free_sd(&p);
}

static void creator_owner(void)
{
	struct sd_fixture p, w;
	struct wt_ace_spec pa[4], wa[6];

	setup_token();
	pa[0] = ACE(A, OI | CI | IO, WT_GENERIC_ALL, CO);
	pa[1] = ACE(A, OI | CI | IO, WT_GENERIC_READ, CG);
	mk_sd(&p, ADMINS, ADMINS, AI, pa, 2, NULL, -1);

	wa[0] = ACE(A, ID, WT_FILE_ALL_ACCESS, USER);
	wa[1] = ACE(A, ID, WT_FILE_GENERIC_READ, PGROUP);
	mk_sd(&w, USER, PGROUP, AI, wa, 2, NULL, -1);
	expect(&p, NULL, 0, &w, "file: CREATOR OWNER/GROUP substituted, mapped");
	free_sd(&w);

	wa[0] = ACE(A, ID, WT_FILE_ALL_ACCESS, USER);
	wa[1] = ACE(A, OI | CI | IO | ID, WT_GENERIC_ALL, CO);
	wa[2] = ACE(A, ID, WT_FILE_GENERIC_READ, PGROUP);
	wa[3] = ACE(A, OI | CI | IO | ID, WT_GENERIC_READ, CG);
	mk_sd(&w, USER, PGROUP, AI, wa, 4, NULL, -1);
	expect(&p, NULL, DIR, &w,
	       "directory: effective ACE plus inherit-only original");
	free_sd(&w);
	free_sd(&p);

	/* generic bits alone also split on a directory */
	pa[0] = ACE(A, OI | CI, WT_GENERIC_READ | WT_GENERIC_EXECUTE, EVERYONE);
	mk_sd(&p, ADMINS, ADMINS, 0, pa, 1, NULL, -1);
	wa[0] = ACE(A, ID, WT_FILE_GENERIC_READ | WT_FILE_GENERIC_EXECUTE,
		    EVERYONE);
	wa[1] = ACE(A, OI | CI | IO | ID, WT_GENERIC_READ | WT_GENERIC_EXECUTE,
		    EVERYONE);
	mk_sd(&w, USER, PGROUP, 0, wa, 2, NULL, -1);
	expect(&p, NULL, DIR, &w, "directory: generic ACE split and mapped");
	free_sd(&w);
	free_sd(&p);

	/* creator owner with NP: effective ACE only */
	pa[0] = ACE(A, CI | NP, WT_GENERIC_ALL, CO);
	mk_sd(&p, ADMINS, ADMINS, 0, pa, 1, NULL, -1);
	wa[0] = ACE(A, ID, WT_FILE_ALL_ACCESS, USER);
	mk_sd(&w, USER, PGROUP, 0, wa, 1, NULL, -1);
	expect(&p, NULL, DIR, &w, "directory: NP gives one effective ACE");
	free_sd(&w);
	free_sd(&p);
}

static void nothing_inheritable(void)
{
	struct sd_fixture p, w, dd;
	struct wt_ace_spec pa[2], da[2];

	setup_token();
	da[0] = ACE(A, 0, WT_FILE_ALL_ACCESS, USER);
	da[1] = ACE(A, 0, WT_FILE_ALL_ACCESS, "S-1-5-18");
	mk_sd(&dd, NULL, NULL, 0, da, 2, NULL, -1);
	t.v.default_dacl = &dd.v.dacl;

	pa[0] = ACE(A, OI | NP, WT_FILE_ALL_ACCESS, EVERYONE);
	pa[1] = ACE(A, 0, WT_FILE_ALL_ACCESS, EVERYONE);
	mk_sd(&p, ADMINS, ADMINS, AI, pa, 2, NULL, -1);
	mk_sd(&w, USER, PGROUP, 0, da, 2, NULL, -1);
	expect(&p, NULL, DIR, &w,
	       "directory under OI|NP only: token default DACL");
	free_sd(&p);
	pa[0] = ACE(A, CI, WT_FILE_ALL_ACCESS, EVERYONE);
	mk_sd(&p, ADMINS, ADMINS, AI, pa, 1, NULL, -1);
	expect(&p, NULL, 0, &w, "file under CI only: token default DACL");
	free_sd(&p);
	expect(NULL, NULL, 0, &w, "no parent: token default DACL");
	mk_sd(&p, ADMINS, ADMINS, 0, NULL, -2, NULL, -1);
	expect(&p, NULL, 0, &w, "parent with NULL DACL: default DACL");
	free_sd(&p);
	free_sd(&w);

	t.v.default_dacl = NULL;
	mk_sd(&w, USER, PGROUP, 0, NULL, -1, NULL, -1);
	expect(NULL, NULL, 0, &w, "no parent, no default DACL: no DACL");
	free_sd(&w);
	free_sd(&dd);
}

static void creator_sd(void)
{
	struct sd_fixture p, c, w;
	struct wt_ace_spec pa[2], ca[2], wa[3];

	setup_token();
	pa[0] = ACE(A, OI | CI, WT_FILE_ALL_ACCESS, ADMINS);
	mk_sd(&p, ADMINS, ADMINS, AI, pa, 1, NULL, -1);

	ca[0] = ACE(A, 0, WT_FILE_GENERIC_READ, EVERYONE);
	mk_sd(&c, "S-1-5-18", NULL, WT_SE_DACL_PROTECTED, ca, 1, NULL, -1);
	mk_sd(&w, "S-1-5-18", PGROUP, WT_SE_DACL_PROTECTED, ca, 1, NULL, -1);
	expect(&p, &c, 0, &w, "explicit protected creator DACL wins, owner too");
	free_sd(&c);
	free_sd(&w);

	mk_sd(&c, NULL, NULL, WT_SE_DACL_AUTO_INHERIT_REQ, ca, 1, NULL, -1);
	wa[0] = ca[0];
	wa[1] = ACE(A, ID, WT_FILE_ALL_ACCESS, ADMINS);
	mk_sd(&w, USER, PGROUP, AI, wa, 2, NULL, -1);
	expect(&p, &c, 0, &w,
	       "creator DACL with AUTO_INHERIT_REQ: explicit then inherited");
	free_sd(&c);
	free_sd(&w);

	mk_sd(&c, NULL, NULL, WT_SE_DACL_DEFAULTED, ca, 1, NULL, -1);
	wa[0] = ACE(A, ID, WT_FILE_ALL_ACCESS, ADMINS);
	mk_sd(&w, USER, PGROUP, AI, wa, 1, NULL, -1);
	expect(&p, &c, 0, &w, "defaulted creator DACL loses to inheritance");
	free_sd(&c);
	free_sd(&w);

	mk_sd(&c, NULL, NULL, 0, NULL, -2, NULL, -1);
	mk_sd(&w, USER, PGROUP, 0, NULL, -2, NULL, -1);
	expect(&p, &c, 0, &w, "explicit NULL DACL kept");
	free_sd(&c);
	free_sd(&w);
	free_sd(&p);
}

static void sacl_and_label(void)
{
	struct sd_fixture p, w;
	struct wt_ace_spec pa[1], ps[2], ws[2];

	setup_token();
	pa[0] = ACE(A, OI | CI, WT_FILE_ALL_ACCESS, EVERYONE);
	ps[0] = ACE(ML, OI | CI, WT_SYSTEM_MANDATORY_LABEL_NO_WRITE_UP,
		    "S-1-16-4096");
	ps[1] = ACE(WT_SYSTEM_AUDIT_ACE_TYPE, OI | WT_FAILED_ACCESS_ACE_FLAG,
		    WT_GENERIC_WRITE, EVERYONE);
	mk_sd(&p, ADMINS, ADMINS, 0, pa, 1, ps, 2);
	{
		struct wt_ace_spec wa[1];

		wa[0] = ACE(A, ID, WT_FILE_ALL_ACCESS, EVERYONE);
		ws[0] = ACE(ML, ID, WT_SYSTEM_MANDATORY_LABEL_NO_WRITE_UP,
			    "S-1-16-4096");
		ws[1] = ACE(WT_SYSTEM_AUDIT_ACE_TYPE,
			    ID | WT_FAILED_ACCESS_ACE_FLAG,
			    WT_FILE_GENERIC_WRITE, EVERYONE);
		mk_sd(&w, USER, PGROUP, 0, wa, 1, ws, 2);
		expect(&p, NULL, 0, &w,
		       "SACL: label inherited unmapped, audit mapped");
		free_sd(&w);

		/* a low token creating where no label is inherited */
		t.v.integrity_level = WT_INTEGRITY_LOW;
		free_sd(&p);
		mk_sd(&p, ADMINS, ADMINS, 0, pa, 1, NULL, -1);
		ws[0] = ACE(ML, 0, WT_SYSTEM_MANDATORY_LABEL_NO_WRITE_UP,
			    "S-1-16-4096");
		mk_sd(&w, USER, PGROUP, 0, wa, 1, ws, 1);
		expect(&p, NULL, 0, &w, "low token: object labelled Low");
		free_sd(&w);
		free_sd(&p);

		/* ... unless the parent's label is inherited */
		ps[0] = ACE(ML, OI, WT_SYSTEM_MANDATORY_LABEL_NO_WRITE_UP,
			    "S-1-16-0");
		mk_sd(&p, ADMINS, ADMINS, 0, pa, 1, ps, 1);
		ws[0] = ACE(ML, ID, WT_SYSTEM_MANDATORY_LABEL_NO_WRITE_UP,
			    "S-1-16-0");
		mk_sd(&w, USER, PGROUP, 0, wa, 1, ws, 1);
		expect(&p, NULL, 0, &w, "low token: inherited label kept");
		free_sd(&w);
		/* a directory does not take an OI-only label as effective */
		{
			struct wt_ace_spec wd[2];

			wd[0] = ACE(A, OI | CI | ID, WT_FILE_ALL_ACCESS,
				    EVERYONE);
			ws[0] = ACE(ML, OI | IO | ID,
				    WT_SYSTEM_MANDATORY_LABEL_NO_WRITE_UP,
				    "S-1-16-0");
			ws[1] = ACE(ML, 0,
				    WT_SYSTEM_MANDATORY_LABEL_NO_WRITE_UP,
				    "S-1-16-4096");
			mk_sd(&w, USER, PGROUP, 0, wd, 1, ws, 2);
			expect(&p, NULL, DIR, &w,
			       "low token dir: inherit-only label + own label");
			free_sd(&w);
		}
		free_sd(&p);
	}
}

static void more_shapes(void)
{
	struct sd_fixture p, w;
	struct wt_ace_spec pa[3], wa[4];
	static const u8 cond[8] = { 'a', 'r', 't', 'x', 1, 2, 3, 4 };

	setup_token();
	/* CI|IO on the parent: effective on the child directory */
	pa[0] = ACE(A, CI | IO, WT_FILE_GENERIC_READ, EVERYONE);
	/* object ACE: GUIDs travel along */
	pa[1] = ACE(WT_ACCESS_ALLOWED_OBJECT_ACE_TYPE, OI | CI, 1, ADMINS);
	pa[1].object_flags = WT_ACE_OBJECT_TYPE_PRESENT |
			     WT_ACE_INHERITED_OBJECT_TYPE_PRESENT;
	memset(pa[1].object_type, 0x5a, 16);
	memset(pa[1].inherited_object_type, 0xa5, 16);
	/* conditional ACE: application data travels along */
	pa[2] = ACE(WT_ACCESS_DENIED_CALLBACK_ACE_TYPE, OI | CI, 2, EVERYONE);
	pa[2].application_data = cond;
	pa[2].application_data_len = sizeof(cond);
	mk_sd(&p, ADMINS, ADMINS, 0, pa, 3, NULL, -1);
	wa[0] = ACE(A, CI | ID, WT_FILE_GENERIC_READ, EVERYONE);
	wa[1] = pa[1];
	wa[1].flags = OI | CI | ID;
	wa[2] = pa[2];
	wa[2].flags = OI | CI | ID;
	mk_sd(&w, USER, PGROUP, 0, wa, 3, NULL, -1);
	expect(&p, NULL, DIR, &w,
	       "directory: CI|IO effective, object and callback ACEs intact");
	free_sd(&w);
	wa[0] = pa[1];
	wa[0].flags = ID;
	wa[1] = pa[2];
	wa[1].flags = ID;
	mk_sd(&w, USER, PGROUP, 0, wa, 2, NULL, -1);
	expect(&p, NULL, 0, &w, "file: object and callback ACEs, flags cleared");
	free_sd(&w);
	free_sd(&p);

	/* CREATOR GROUP without a primary group stays as it is */
	t.v.primary_group = NULL;
	pa[0] = ACE(A, OI, WT_FILE_GENERIC_READ, CG);
	mk_sd(&p, ADMINS, ADMINS, 0, pa, 1, NULL, -1);
	wa[0] = ACE(A, ID, WT_FILE_GENERIC_READ, CG);
	mk_sd(&w, USER, NULL, 0, wa, 1, NULL, -1);
	expect(&p, NULL, 0, &w, "no primary group: no group, CREATOR GROUP kept");
	free_sd(&w);
	free_sd(&p);

	/* the token's default owner wins over its user */
	{
		struct wt_sid owner = S(ADMINS);

		setup_token();
		t.v.owner = &owner;
		pa[0] = ACE(A, OI, WT_GENERIC_ALL, CO);
		mk_sd(&p, ADMINS, ADMINS, 0, pa, 1, NULL, -1);
		wa[0] = ACE(A, ID, WT_FILE_ALL_ACCESS, ADMINS);
		mk_sd(&w, ADMINS, PGROUP, 0, wa, 1, NULL, -1);
		expect(&p, NULL, 0, &w, "token default owner used for CO");
		free_sd(&w);
		free_sd(&p);
	}
}

static void creator_fallbacks(void)
{
	struct sd_fixture p, c, w;
	struct wt_ace_spec pa[1], ca[1], cs[1];

	setup_token();
	/* nothing inheritable: a defaulted creator DACL is used */
	pa[0] = ACE(A, 0, WT_FILE_ALL_ACCESS, EVERYONE);
	mk_sd(&p, ADMINS, ADMINS, 0, pa, 1, NULL, -1);
	ca[0] = ACE(A, 0, WT_FILE_GENERIC_READ, USER);
	mk_sd(&c, NULL, NULL, WT_SE_DACL_DEFAULTED, ca, 1, NULL, -1);
	mk_sd(&w, USER, PGROUP, 0, ca, 1, NULL, -1);
	expect(&p, &c, 0, &w, "nothing inheritable: defaulted creator DACL");
	free_sd(&w);
	free_sd(&c);

	/* a low token with an explicit labelled SACL: no extra label */
	t.v.integrity_level = WT_INTEGRITY_LOW;
	cs[0] = ACE(ML, 0, WT_SYSTEM_MANDATORY_LABEL_NO_WRITE_UP, "S-1-16-0");
	mk_sd(&c, NULL, NULL, 0, NULL, -1, cs, 1);
	mk_sd(&w, USER, PGROUP, 0, NULL, -1, cs, 1);
	expect(&p, &c, 0, &w, "low token, explicit label: kept as the only one");
	free_sd(&w);
	free_sd(&c);
	free_sd(&p);
}

/*
 * Generic rights of the ACEs a new object gets from the creator's SD or the
 * token's default DACL are stored mapped, as Windows stores them (issue
 * 22: a directory made with D:(A;OICI;GA;;;user)(A;OICI;GA;;;BA) has two
 * OI|CI ACEs of 0x1f01ff); inherit-only ones stay generic for children.
 */
static void generic_on_creation(void)
{
	struct sd_fixture p, c, w, dd;
	struct wt_ace_spec pa[1], ca[3], wa[3], da[1];

	setup_token();
	pa[0] = ACE(A, OI | CI, WT_FILE_ALL_ACCESS, EVERYONE);
	mk_sd(&p, ADMINS, ADMINS, AI, pa, 1, NULL, -1);
	ca[0] = ACE(A, OI | CI, WT_GENERIC_ALL, USER);
	ca[1] = ACE(A, OI | CI, WT_GENERIC_ALL, ADMINS);
	mk_sd(&c, NULL, NULL, 0, ca, 2, NULL, -1);
	wa[0] = ACE(A, OI | CI, WT_FILE_ALL_ACCESS, USER);
	wa[1] = ACE(A, OI | CI, WT_FILE_ALL_ACCESS, ADMINS);
	mk_sd(&w, USER, PGROUP, 0, wa, 2, NULL, -1);
	expect(&p, &c, DIR, &w,
	       "directory with an explicit GA DACL: two OI|CI 0x1f01ff ACEs");
	free_sd(&c);
	free_sd(&w);

	ca[0] = ACE(A, OI | CI | IO, WT_GENERIC_ALL, CO);
	ca[1] = ACE(A, 0, WT_GENERIC_READ | WT_DELETE, EVERYONE);
	ca[2] = ACE(D, 0, WT_GENERIC_WRITE, ADMINS);
	wa[0] = ca[0];
	wa[1] = ACE(A, 0, WT_FILE_GENERIC_READ | WT_DELETE, EVERYONE);
	wa[2] = ACE(D, 0, WT_FILE_GENERIC_WRITE, ADMINS);
	mk_sd(&c, NULL, NULL, WT_SE_DACL_PROTECTED, ca, 3, NULL, -1);
	mk_sd(&w, USER, PGROUP, WT_SE_DACL_PROTECTED, wa, 3, NULL, -1);
	expect(&p, &c, 0, &w,
	       "creator ACEs mapped, inherit-only one kept generic");
	free_sd(&c);
	free_sd(&w);
	free_sd(&p);

	da[0] = ACE(A, 0, WT_GENERIC_ALL, USER);
	mk_sd(&dd, NULL, NULL, 0, da, 1, NULL, -1);
	t.v.default_dacl = &dd.v.dacl;
	da[0].mask = WT_FILE_ALL_ACCESS;
	mk_sd(&w, USER, PGROUP, 0, da, 1, NULL, -1);
	expect(NULL, NULL, 0, &w, "token default DACL GA mapped");
	t.v.default_dacl = NULL;
	free_sd(&w);
	free_sd(&dd);
}

/* wt_sd_map_generic(): which ACLs, which ACEs. */
static void map_generic_in_place(void)
{
	struct wt_ace_spec da[3], sa[2], wd[3], ws[2];
	struct sd_fixture f, w;
	u8 *buf;

	da[0] = ACE(A, OI | CI, WT_GENERIC_ALL, USER);
	da[1] = ACE(A, OI | IO, WT_GENERIC_READ, CO);
	da[2] = ACE(D, 0, WT_GENERIC_EXECUTE | WT_READ_CONTROL, EVERYONE);
	sa[0] = ACE(WT_SYSTEM_AUDIT_ACE_TYPE, WT_FAILED_ACCESS_ACE_FLAG,
		    WT_GENERIC_WRITE, EVERYONE);
	sa[1] = ACE(ML, 0, WT_SYSTEM_MANDATORY_LABEL_NO_WRITE_UP, "S-1-16-4096");
	mk_sd(&f, USER, NULL, 0, da, 3, sa, 2);
	buf = malloc(f.len);
	memcpy(buf, f.buf, f.len);
	wd[0] = ACE(A, OI | CI, WT_FILE_ALL_ACCESS, USER);
	wd[1] = da[1];
	wd[2] = ACE(D, 0, WT_FILE_GENERIC_EXECUTE, EVERYONE);
	mk_sd(&w, USER, NULL, 0, wd, 3, sa, 2);
	wt_sd_map_generic(f.buf, &f.v, &wt_file_mapping, WT_MAP_DACL);
	ok(f.len == w.len && !memcmp(f.buf, w.buf, f.len),
	   "map generic: DACL only, inherit-only ACE kept");
	free_sd(&w);
	ws[0] = ACE(WT_SYSTEM_AUDIT_ACE_TYPE, WT_FAILED_ACCESS_ACE_FLAG,
		    WT_FILE_GENERIC_WRITE, EVERYONE);
	ws[1] = sa[1];
	mk_sd(&w, USER, NULL, 0, da, 3, ws, 2);
	memcpy(f.buf, buf, f.len);
	wt_sd_map_generic(f.buf, &f.v, &wt_file_mapping, WT_MAP_SACL);
	ok(f.len == w.len && !memcmp(f.buf, w.buf, f.len),
	   "map generic: SACL only, label untouched");
	free_sd(&w);
	free(buf);
	free_sd(&f);
}

static void sizes(void)
{
	struct sd_fixture p;
	struct wt_ace_spec pa[1];
	u8 small[16];
	long n;

	setup_token();
	pa[0] = ACE(A, OI | CI, WT_FILE_ALL_ACCESS, EVERYONE);
	mk_sd(&p, ADMINS, ADMINS, 0, pa, 1, NULL, -1);
	n = wt_sd_inherit(&p.v, NULL, &t.v, &wt_file_mapping, 0, NULL, 0);
	ok(n > 16 && wt_sd_inherit(&p.v, NULL, &t.v, &wt_file_mapping, 0,
				   small, sizeof(small)) == -ENOSPC,
	   "inherit: -ENOSPC on a small buffer");
	ok(wt_sd_inherit(&p.v, NULL, &t.v, &wt_file_mapping, 0x80, NULL, 0) ==
	   -EINVAL, "inherit: unknown flag rejected");
	ok(wt_sd_inherit(&p.v, NULL, NULL, &wt_file_mapping, 0, NULL, 0) ==
	   -EINVAL, "inherit: no token rejected");
	free_sd(&p);
}

void test_inherit(void)
{
	files_and_dirs();
	creator_owner();
	nothing_inheritable();
	creator_sd();
	sacl_and_label();
	more_shapes();
	creator_fallbacks();
	generic_on_creation();
	map_generic_in_place();
	sizes();
}
