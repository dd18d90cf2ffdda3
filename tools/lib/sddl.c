// SPDX-License-Identifier: GPL-2.0
/*
 * SDDL parse and format on top of the security core.
 *
 * Parsing fills a struct wt_sd_spec and leaves the binary layout to
 * wt_sd_build(); formatting walks a struct wt_sd_view from wt_sd_parse().
 * The accepted syntax follows what Windows accepts (see the oracle vectors
 * and Documentation/sddl.rst), including its tolerance for spaces in some
 * places and its intolerance in others.
 */
#include <stdio.h>
#include <ctype.h>

#include "sddl.h"
#include "sddl_cond.h"

/* ---- tables ---- */

enum sddl_sid_base {
	SDDL_ABSOLUTE,		/* a fixed SID */
	SDDL_DOMAIN,		/* domain SID + RID */
	SDDL_ROOT_DOMAIN,	/* forest root domain SID + RID */
};

struct sddl_alias {
	const char *name;
	enum sddl_sid_base base;
	u64 authority;		/* SDDL_ABSOLUTE only */
	unsigned int count;
	u32 subs[6];		/* the RID alone for domain aliases */
};

#define ABS(n, auth, cnt, ...) { n, SDDL_ABSOLUTE, auth, cnt, { __VA_ARGS__ } }
#define DOM(n, rid) { n, SDDL_DOMAIN, 0, 1, { rid } }
#define ROOT(n, rid) { n, SDDL_ROOT_DOMAIN, 0, 1, { rid } }
#define BUILTIN(n, rid) ABS(n, 5, 2, 32, rid)

/* [MS-DTYP] 2.4.2.4 SDDL aliases of well-known SIDs */
static const struct sddl_alias sddl_aliases[] = {
	BUILTIN("AA", 579),	/* access control assistance operators */
	ABS("AC", 15, 2, 2, 1),	/* all app packages */
	ABS("AN", 5, 1, 7),	/* anonymous */
	BUILTIN("AO", 548),	/* account operators */
	DOM("AP", 525),		/* protected users */
	ABS("AS", 18, 1, 1),	/* authentication authority asserted */
	ABS("AU", 5, 1, 11),	/* authenticated users */
	BUILTIN("BA", 544),	/* builtin administrators */
	BUILTIN("BG", 546),	/* builtin guests */
	BUILTIN("BO", 551),	/* backup operators */
	BUILTIN("BU", 545),	/* builtin users */
	DOM("CA", 517),		/* cert publishers */
	BUILTIN("CD", 574),	/* certificate service DCOM access */
	ABS("CG", 3, 1, 1),	/* creator group */
	DOM("CN", 522),		/* cloneable domain controllers */
	ABS("CO", 3, 1, 0),	/* creator owner */
	BUILTIN("CY", 569),	/* crypto operators */
	DOM("DA", 512),		/* domain admins */
	DOM("DC", 515),		/* domain computers */
	DOM("DD", 516),		/* domain controllers */
	DOM("DG", 514),		/* domain guests */
	DOM("DU", 513),		/* domain users */
	ROOT("EA", 519),	/* enterprise admins */
	ABS("ED", 5, 1, 9),	/* enterprise domain controllers */
	ROOT("EK", 527),	/* enterprise key admins */
	BUILTIN("ER", 573),	/* event log readers */
	BUILTIN("ES", 576),	/* RDS endpoint servers */
	BUILTIN("HA", 578),	/* Hyper-V administrators */
	ABS("HI", 16, 1, 12288),	/* high integrity */
	BUILTIN("IS", 568),	/* IIS users */
	ABS("IU", 5, 1, 4),	/* interactive */
	DOM("KA", 526),		/* key admins */
	DOM("LA", 500),		/* local administrator */
	DOM("LG", 501),		/* local guest */
	ABS("LS", 5, 1, 19),	/* local service */
	BUILTIN("LU", 559),	/* performance log users */
	ABS("LW", 16, 1, 4096),	/* low integrity */
	ABS("ME", 16, 1, 8192),	/* medium integrity */
	ABS("MP", 16, 1, 8448),	/* medium plus integrity */
	BUILTIN("MS", 577),	/* RDS management servers */
	BUILTIN("MU", 558),	/* performance monitor users */
	BUILTIN("NO", 556),	/* network configuration operators */
	ABS("NS", 5, 1, 20),	/* network service */
	ABS("NU", 5, 1, 2),	/* network */
	ABS("OW", 3, 1, 4),	/* owner rights */
	DOM("PA", 520),		/* group policy creator owners */
	BUILTIN("PO", 550),	/* printer operators */
	ABS("PS", 5, 1, 10),	/* principal self */
	BUILTIN("PU", 547),	/* power users */
	BUILTIN("RA", 575),	/* RDS remote access servers */
	ABS("RC", 5, 1, 12),	/* restricted code */
	BUILTIN("RD", 555),	/* remote desktop users */
	BUILTIN("RE", 552),	/* replicator */
	BUILTIN("RM", 580),	/* remote management users */
	ROOT("RO", 498),	/* enterprise read-only domain controllers */
	DOM("RS", 553),		/* RAS servers */
	BUILTIN("RU", 554),	/* pre-Windows 2000 compatible access */
	ROOT("SA", 518),	/* schema admins */
	ABS("SI", 16, 1, 16384),	/* system integrity */
	BUILTIN("SO", 549),	/* server operators */
	ABS("SS", 18, 1, 2),	/* service asserted */
	ABS("SU", 5, 1, 6),	/* service */
	ABS("SY", 5, 1, 18),	/* local system */
	ABS("UD", 5, 6, 84, 0, 0, 0, 0, 0),	/* user-mode drivers */
	ABS("WD", 1, 1, 0),	/* everyone */
	ABS("WR", 5, 1, 33),	/* write restricted code */
};

struct sddl_name {
	const char *name;
	u32 value;
};

/* ACE types; callback types need a conditional expression (unsupported) */
static const struct sddl_name sddl_ace_types[] = {
	{ "A",  WT_ACCESS_ALLOWED_ACE_TYPE },
	{ "D",  WT_ACCESS_DENIED_ACE_TYPE },
	{ "AU", WT_SYSTEM_AUDIT_ACE_TYPE },
	{ "AL", WT_SYSTEM_ALARM_ACE_TYPE },
	{ "OA", WT_ACCESS_ALLOWED_OBJECT_ACE_TYPE },
	{ "OD", WT_ACCESS_DENIED_OBJECT_ACE_TYPE },
	{ "OU", WT_SYSTEM_AUDIT_OBJECT_ACE_TYPE },
	{ "OL", WT_SYSTEM_ALARM_OBJECT_ACE_TYPE },
	{ "XA", WT_ACCESS_ALLOWED_CALLBACK_ACE_TYPE },
	{ "XD", WT_ACCESS_DENIED_CALLBACK_ACE_TYPE },
	{ "ZA", WT_ACCESS_ALLOWED_CALLBACK_OBJECT_ACE_TYPE },
	{ "XU", WT_SYSTEM_AUDIT_CALLBACK_ACE_TYPE },
	{ "ML", WT_SYSTEM_MANDATORY_LABEL_ACE_TYPE },
	{ "RA", WT_SYSTEM_RESOURCE_ATTRIBUTE_ACE_TYPE },
	{ "SP", WT_SYSTEM_SCOPED_POLICY_ID_ACE_TYPE },
};

/* ACE flags, in canonical (bit) order */
static const struct sddl_name sddl_ace_flags[] = {
	{ "OI", WT_OBJECT_INHERIT_ACE },
	{ "CI", WT_CONTAINER_INHERIT_ACE },
	{ "NP", WT_NO_PROPAGATE_INHERIT_ACE },
	{ "IO", WT_INHERIT_ONLY_ACE },
	{ "ID", WT_INHERITED_ACE },
	{ "SA", WT_SUCCESSFUL_ACCESS_ACE_FLAG },
	{ "FA", WT_FAILED_ACCESS_ACE_FLAG },
};

/* One-bit rights, in canonical (bit) order */
static const struct sddl_name sddl_rights_bits[] = {
	{ "CC", 0x00000001 },	/* ADS create child */
	{ "DC", 0x00000002 },	/* ADS delete child */
	{ "LC", 0x00000004 },	/* ADS list children */
	{ "SW", 0x00000008 },	/* ADS self write */
	{ "RP", 0x00000010 },	/* ADS read property */
	{ "WP", 0x00000020 },	/* ADS write property */
	{ "DT", 0x00000040 },	/* ADS delete tree */
	{ "LO", 0x00000080 },	/* ADS list object */
	{ "CR", 0x00000100 },	/* ADS control access */
	{ "SD", WT_DELETE },
	{ "RC", WT_READ_CONTROL },
	{ "WD", WT_WRITE_DAC },
	{ "WO", WT_WRITE_OWNER },
	{ "GA", WT_GENERIC_ALL },
	{ "GX", WT_GENERIC_EXECUTE },
	{ "GW", WT_GENERIC_WRITE },
	{ "GR", WT_GENERIC_READ },
};

/* Composite rights; written when the mask equals one exactly */
static const struct sddl_name sddl_rights_sets[] = {
	{ "FA", WT_FILE_ALL_ACCESS },
	{ "FR", WT_FILE_GENERIC_READ },
	{ "FW", WT_FILE_GENERIC_WRITE },
	{ "FX", WT_FILE_GENERIC_EXECUTE },
	{ "KA", 0x000F003F },	/* KEY_ALL_ACCESS */
	{ "KR", 0x00020019 },	/* KEY_READ */
	{ "KW", 0x00020006 },	/* KEY_WRITE */
	{ "KX", 0x00020019 },	/* KEY_EXECUTE, same bits as KEY_READ */
};

/* Mandatory label policy bits, in canonical (bit) order */
static const struct sddl_name sddl_label_bits[] = {
	{ "NW", WT_SYSTEM_MANDATORY_LABEL_NO_WRITE_UP },
	{ "NR", WT_SYSTEM_MANDATORY_LABEL_NO_READ_UP },
	{ "NX", WT_SYSTEM_MANDATORY_LABEL_NO_EXECUTE_UP },
};

/* ACL flags, in canonical order (P, AR, AI) */
struct sddl_acl_flag {
	const char *name;
	u16 dacl;
	u16 sacl;
};

static const struct sddl_acl_flag sddl_acl_flags[] = {
	{ "P",  WT_SE_DACL_PROTECTED, WT_SE_SACL_PROTECTED },
	{ "AR", WT_SE_DACL_AUTO_INHERIT_REQ, WT_SE_SACL_AUTO_INHERIT_REQ },
	{ "AI", WT_SE_DACL_AUTO_INHERITED, WT_SE_SACL_AUTO_INHERITED },
};

#define SDDL_NO_ACCESS_CONTROL "NO_ACCESS_CONTROL"

/* ---- SIDs ---- */

/* Build the SID an alias stands for; false if its domain is missing. */
static bool sddl_alias_sid(const struct sddl_alias *a,
			   const struct sddl_domain *dom, struct wt_sid *sid)
{
	const struct wt_sid *base = NULL;

	if (a->base == SDDL_ABSOLUTE)
		return wt_sid_init(sid, a->authority, a->count, a->subs) == 0;
	if (dom) {
		base = dom->domain;
		if (a->base == SDDL_ROOT_DOMAIN && dom->root_domain)
			base = dom->root_domain;
	}
	if (!base)
		return false;
	memcpy(sid, base, sizeof(*sid));
	return wt_sid_append(sid, a->subs[0]) == 0;
}

static const struct sddl_alias *sddl_find_alias(const char *two)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sddl_aliases); i++)
		if (toupper((unsigned char)two[0]) == sddl_aliases[i].name[0] &&
		    toupper((unsigned char)two[1]) == sddl_aliases[i].name[1])
			return &sddl_aliases[i];
	return NULL;
}

static void sddl_set_error(struct sddl_error *err, size_t offset,
			   const char *message)
{
	if (err) {
		err->offset = offset;
		err->message = message;
	}
}

/*
 * The value of the SID digit at @p, or -1 where the number ends. Windows
 * cuts the string at the next "D:" before it reads the SID, so in
 * "O:S-1-2-0x200D:" the 'D' is not a hex digit.
 */
static int sddl_sid_digit(const char *p, unsigned int base)
{
	char c = *p;

	if (c >= '0' && c <= '9')
		return c - '0' < (int)base ? c - '0' : -1;
	if (base != 16 || (c == 'D' && p[1] == ':'))
		return -1;
	c = tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/*
 * One number of a SID string: leading spaces, then decimal or 0x-hex
 * (either case); with @hex, hexadecimal with or without 0x. Above @max it
 * fails, or is @max when @clamp (Windows clamps sub-authorities).
 */
static int sddl_sid_number(const char *s, bool hex, u64 max, bool clamp,
			   u64 *value, bool *had_0x)
{
	const char *p = s;
	unsigned int base = hex ? 16 : 10;
	bool over = false;
	u64 v = 0;
	int d, n = 0;

	while (*p == ' ')
		p++;
	*had_0x = p[0] == '0' && (p[1] == 'x' || p[1] == 'X');
	if (*had_0x) {
		base = 16;
		p += 2;
	}
	while ((d = sddl_sid_digit(p, base)) >= 0) {
		if (over || v > (max - d) / base)
			over = true;
		else
			v = v * base + d;
		p++;
		n++;
	}
	if (!n || (over && !clamp))
		return -EINVAL;
	*value = over ? max : v;
	return p - s;
}

/*
 * "S-1-auth-sub-..." at @s; returns bytes consumed or -EINVAL. Windows
 * reads every number after a revision written "0x1" as hexadecimal
 * (S-0x1-0-0-579 is S-1-0-0-1401), and a sub-authority past 32 bits as
 * 4294967295; an authority past 48 bits is an error.
 */
static int sddl_parse_sid_string(const char *s, struct wt_sid *sid)
{
	const char *p = s;
	u64 rev, auth, sub;
	u32 subs[WT_SID_MAX_SUB_AUTHORITIES];
	unsigned int count = 0;
	bool hex, prefixed;
	int n;

	if ((p[0] != 'S' && p[0] != 's') || p[1] != '-')
		return -EINVAL;
	p += 2;
	n = sddl_sid_number(p, false, 0xff, false, &rev, &hex);
	if (n < 0 || rev != WT_SID_REVISION || p[n] != '-')
		return -EINVAL;
	p += n + 1;
	n = sddl_sid_number(p, hex, (1ULL << 48) - 1, false, &auth, &prefixed);
	if (n < 0)
		return -EINVAL;
	p += n;
	while (*p == '-') {
		if (count == WT_SID_MAX_SUB_AUTHORITIES)
			return -EINVAL;
		n = sddl_sid_number(p + 1, hex, 0xffffffffu, true, &sub,
				    &prefixed);
		if (n < 0)
			return -EINVAL;
		subs[count++] = (u32)sub;
		p += n + 1;
	}
	if (wt_sid_init(sid, auth, count, subs))
		return -EINVAL;
	return p - s;
}

int sddl_parse_sid(const char *str, const struct sddl_domain *dom,
		   struct wt_sid *sid, struct sddl_error *err)
{
	const struct sddl_alias *a;
	int n;

	if ((str[0] == 'S' || str[0] == 's') && str[1] == '-') {
		n = sddl_parse_sid_string(str, sid);
		if (n < 0)
			sddl_set_error(err, 0, "invalid SID string");
		return n;
	}
	if (!isalpha((unsigned char)str[0]) || !isalpha((unsigned char)str[1])) {
		sddl_set_error(err, 0, "expected a SID or a SID alias");
		return -EINVAL;
	}
	a = sddl_find_alias(str);
	if (!a) {
		sddl_set_error(err, 0, "unknown SID alias");
		return -EINVAL;
	}
	if (!sddl_alias_sid(a, dom, sid)) {
		sddl_set_error(err, 0,
			       "domain-relative SID alias needs a domain SID");
		return -EINVAL;
	}
	return 2;
}

void sddl_sid_string(const struct wt_sid *sid, char *buf)
{
	u64 auth = 0;
	size_t len;
	unsigned int i;

	for (i = 0; i < 6; i++)
		auth = (auth << 8) | sid->identifier_authority[i];
	if (auth >> 32)
		len = sprintf(buf, "S-%u-0x%llX", sid->revision,
			      (unsigned long long)auth);
	else
		len = sprintf(buf, "S-%u-%llu", sid->revision,
			      (unsigned long long)auth);
	for (i = 0; i < sid->sub_authority_count; i++)
		len += sprintf(buf + len, "-%u", (unsigned int)wt_sid_sub(sid, i));
}

void sddl_format_sid(const struct wt_sid *sid, const struct sddl_domain *dom,
		     char *buf)
{
	struct wt_sid alias;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sddl_aliases); i++) {
		if (sddl_alias_sid(&sddl_aliases[i], dom, &alias) &&
		    wt_sid_equal(&alias, sid)) {
			strcpy(buf, sddl_aliases[i].name);
			return;
		}
	}
	sddl_sid_string(sid, buf);
}

/* ---- parser ---- */

struct sddl_parser {
	const char *start;
	const char *p;
	const struct sddl_domain *dom;
	struct sddl_error *err;
	struct sddl_sd *out;
	u32 ace_capacity;
	u32 ace_used;
	u32 first_ace[2];	/* index of the first ACE of the DACL, SACL */
};

static int sddl_fail(struct sddl_parser *ps, const char *at, const char *msg)
{
	sddl_set_error(ps->err, at - ps->start, msg);
	return -EINVAL;
}

static void sddl_skip_spaces(struct sddl_parser *ps)
{
	while (*ps->p == ' ')
		ps->p++;
}

/* Case-insensitive match of @word at the cursor. */
static bool sddl_match(const char *p, const char *word)
{
	size_t n = strlen(word);

	return strncasecmp(p, word, n) == 0;
}

/* Two letters at @p that name an entry of @tab (case-insensitive). */
static const struct sddl_name *sddl_lookup2(const char *p,
					    const struct sddl_name *tab,
					    size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(tab[i].name) == 2 && sddl_match(p, tab[i].name))
			return &tab[i];
	return NULL;
}

static int sddl_parse_trustee(struct sddl_parser *ps, struct wt_sid *sid)
{
	struct sddl_error e = { 0, NULL };
	int n;

	n = sddl_parse_sid(ps->p, ps->dom, sid, &e);
	if (n < 0)
		return sddl_fail(ps, ps->p + e.offset, e.message);
	ps->p += n;
	return 0;
}

static int sddl_parse_ace_type(struct sddl_parser *ps, u8 *type)
{
	const char *p;
	size_t i, len;

	sddl_skip_spaces(ps);
	p = ps->p;
	while (isalpha((unsigned char)*p))
		p++;
	len = p - ps->p;
	for (i = 0; i < ARRAY_SIZE(sddl_ace_types); i++) {
		if (strlen(sddl_ace_types[i].name) == len &&
		    strncasecmp(ps->p, sddl_ace_types[i].name, len) == 0) {
			/* Windows rejects a space after the type: "(D ;" */
			*type = sddl_ace_types[i].value;
			ps->p = p;
			return 0;
		}
	}
	return sddl_fail(ps, ps->p, "unknown ACE type");
}

static int sddl_parse_ace_flags(struct sddl_parser *ps, u8 *flags)
{
	const struct sddl_name *f;

	*flags = 0;
	for (;;) {
		sddl_skip_spaces(ps);
		if (*ps->p == ';')
			return 0;
		f = sddl_lookup2(ps->p, sddl_ace_flags,
				 ARRAY_SIZE(sddl_ace_flags));
		if (!f)
			return sddl_fail(ps, ps->p, "unknown ACE flag");
		*flags |= f->value;
		ps->p += 2;
	}
}

/*
 * A number in a rights field, read as Windows reads it (as wcstoul() does):
 * an optional '-', then 0x hexadecimal, a leading 0 octal, or decimal, as
 * many digits as there are. A value past 32 bits is 0xffffffff, a negative
 * one wraps (-99 is 0xffffff9d). What follows is left to the caller.
 */
static int sddl_parse_mask_number(struct sddl_parser *ps, u32 *mask)
{
	const char *p = ps->p;
	unsigned int base = 10, d;
	bool negative = false, over = false;
	u64 v = 0;
	int n = 0;

	if (*p == '-') {
		negative = true;
		p++;
	}
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	} else if (p[0] == '0') {
		base = 8;
	}
	for (;; p++, n++) {
		if (*p >= '0' && *p <= '9')
			d = *p - '0';
		else if (base == 16 && isxdigit((unsigned char)*p))
			d = tolower((unsigned char)*p) - 'a' + 10;
		else
			break;
		if (d >= base)
			break;
		v = v * base + d;
		if (v > 0xffffffffu) {
			over = true;
			v = 0xffffffffu;	/* keeps v * base in range */
		}
	}
	if (!n)
		return sddl_fail(ps, p, "bad access mask number");
	if (*p == ' ')
		return sddl_fail(ps, p, "space after an access mask number");
	/*
	 * Only an octal number stops at a digit ("09"); whether Windows then
	 * reads 0 and 9 or refuses is not known, so refuse.
	 */
	if (isdigit((unsigned char)*p))
		return sddl_fail(ps, p, "digit 8 or 9 in an octal access mask");
	if (over)
		*mask = 0xffffffffu;
	else
		*mask = negative ? (u32)-(u32)v : (u32)v;
	ps->p = p;
	return 0;
}

static const struct sddl_name *sddl_find_right(const char *p)
{
	const struct sddl_name *r;

	r = sddl_lookup2(p, sddl_rights_bits, ARRAY_SIZE(sddl_rights_bits));
	if (!r)
		r = sddl_lookup2(p, sddl_rights_sets,
				 ARRAY_SIZE(sddl_rights_sets));
	if (!r)
		r = sddl_lookup2(p, sddl_label_bits,
				 ARRAY_SIZE(sddl_label_bits));
	return r;
}

/*
 * Rights: empty, or numbers and mnemonics in any mix, OR-ed together as
 * Windows does ("GR0x1", "0x1GR"); spaces may stand before each (but not
 * after the last one: Windows rejects "GA ;", nor after a number).
 */
static int sddl_parse_rights(struct sddl_parser *ps, u32 *mask)
{
	const struct sddl_name *r;
	u32 number;
	int rc;

	*mask = 0;
	if (*ps->p == ';')
		return 0;
	for (;;) {
		sddl_skip_spaces(ps);
		if (isdigit((unsigned char)*ps->p) || *ps->p == '-') {
			rc = sddl_parse_mask_number(ps, &number);
			if (rc)
				return rc;
			*mask |= number;
		} else {
			r = sddl_find_right(ps->p);
			if (!r)
				return sddl_fail(ps, ps->p,
						 "unknown access right");
			*mask |= r->value;
			ps->p += 2;
		}
		if (*ps->p == ';')
			return 0;
	}
}

static int sddl_hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/*
 * "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" to the 16 bytes of a GUID: the
 * first three groups little-endian, the last two as written.
 */
static bool sddl_parse_guid_text(const char *s, u8 *guid)
{
	static const int order[16] = { 3, 2, 1, 0, 5, 4, 7, 6,
				       8, 9, 10, 11, 12, 13, 14, 15 };
	int i, hi, lo, j = 0;

	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return false;
			continue;
		}
		hi = sddl_hex_value(s[i]);
		lo = sddl_hex_value(s[i + 1]);
		if (hi < 0 || lo < 0)
			return false;
		guid[order[j++]] = (u8)(hi << 4 | lo);
		i++;
	}
	return true;
}

/* An optional GUID field: blank (only spaces), or exactly a GUID. */
static int sddl_parse_guid_field(struct sddl_parser *ps, u8 *guid,
				 bool *present)
{
	const char *end = strchr(ps->p, ';');
	const char *q;

	if (!end)
		return sddl_fail(ps, ps->p, "missing ';' after GUID field");
	for (q = ps->p; q < end && *q == ' '; q++)
		;
	if (q == end) {
		*present = false;
		ps->p = end;
		return 0;
	}
	if (end - ps->p != 36 || !sddl_parse_guid_text(ps->p, guid))
		return sddl_fail(ps, ps->p, "invalid GUID");
	*present = true;
	ps->p = end;
	return 0;
}

static int sddl_expect(struct sddl_parser *ps, char c, const char *msg)
{
	if (*ps->p != c)
		return sddl_fail(ps, ps->p, msg);
	ps->p++;
	return 0;
}

static int sddl_parse_ace_guids(struct sddl_parser *ps,
				struct wt_ace_spec *ace)
{
	bool obj, inh;
	const char *at = ps->p;
	int rc;

	rc = sddl_parse_guid_field(ps, ace->object_type, &obj);
	if (!rc)
		rc = sddl_expect(ps, ';', "expected ';'");
	if (!rc)
		rc = sddl_parse_guid_field(ps, ace->inherited_object_type,
					   &inh);
	if (!rc)
		rc = sddl_expect(ps, ';', "expected ';'");
	if (rc)
		return rc;
	if ((obj || inh) && !wt_ace_type_is_object(ace->type))
		return sddl_fail(ps, at, "GUIDs need an object ACE type");
	ace->object_flags = (obj ? WT_ACE_OBJECT_TYPE_PRESENT : 0) |
			    (inh ? WT_ACE_INHERITED_OBJECT_TYPE_PRESENT : 0);
	return 0;
}

static bool sddl_type_has_application_data(u8 type)
{
	return wt_ace_type_is_callback(type) ||
	       type == WT_SYSTEM_RESOURCE_ATTRIBUTE_ACE_TYPE;
}

/*
 * The conditional expression of a callback ACE, or the attribute of a
 * resource attribute ACE, kept in ps->out->blobs.
 */
static int sddl_parse_condition(struct sddl_parser *ps,
				struct wt_ace_spec *ace)
{
	struct sddl_sd *out = ps->out;
	const char *msg = NULL;
	size_t used, offset;
	u8 **blobs, *blob;
	u16 len;
	int rc;

	blobs = realloc(out->blobs, (out->blob_count + 1) * sizeof(*blobs));
	if (!blobs)
		return -ENOMEM;
	out->blobs = blobs;
	if (ace->type == WT_SYSTEM_RESOURCE_ATTRIBUTE_ACE_TYPE)
		rc = sddl_ra_parse(ps->p, ps->dom, &blob, &len, &used, &offset,
				   &msg);
	else
		rc = sddl_cond_parse(ps->p, ps->dom, &blob, &len, &used,
				     &offset, &msg);
	if (rc == -ENOMEM)
		return rc;
	if (rc)
		return sddl_fail(ps, ps->p + offset, msg);
	out->blobs[out->blob_count++] = blob;
	ace->application_data = blob;
	ace->application_data_len = len;
	ps->p += used;
	return 0;
}

/* The trustee and what may follow it, up to and including ')'. */
static int sddl_parse_ace_tail(struct sddl_parser *ps,
			       struct wt_ace_spec *ace)
{
	bool alias;
	int rc;

	sddl_skip_spaces(ps);
	alias = !((ps->p[0] == 'S' || ps->p[0] == 's') && ps->p[1] == '-');
	rc = sddl_parse_trustee(ps, &ace->sid);
	if (rc)
		return rc;
	if (alias)
		sddl_skip_spaces(ps);
	if (*ps->p == ';') {
		ps->p++;
		if (wt_ace_type_is_callback(ace->type) ||
		    ace->type == WT_SYSTEM_RESOURCE_ATTRIBUTE_ACE_TYPE) {
			rc = sddl_parse_condition(ps, ace);
			if (rc)
				return rc;
		} else {
			return sddl_fail(ps, ps->p - 1,
					 "this ACE type takes no sixth field");
		}
	} else if (ace->type == WT_SYSTEM_RESOURCE_ATTRIBUTE_ACE_TYPE) {
		/* The attribute is what the ACE is for: an SD refuses it bare. */
		return sddl_fail(ps, ps->p,
				 "a resource attribute ACE needs its attribute");
	}
	return sddl_expect(ps, ')', "expected ')' after the ACE trustee");
}

static int sddl_parse_ace(struct sddl_parser *ps, struct wt_ace_spec *ace)
{
	int rc;

	memset(ace, 0, sizeof(*ace));
	rc = sddl_expect(ps, '(', "expected '('");
	if (!rc)
		rc = sddl_parse_ace_type(ps, &ace->type);
	if (!rc)
		rc = sddl_expect(ps, ';', "expected ';' after the ACE type");
	if (!rc)
		rc = sddl_parse_ace_flags(ps, &ace->flags);
	if (!rc)
		rc = sddl_expect(ps, ';', "expected ';' after the ACE flags");
	if (!rc)
		rc = sddl_parse_rights(ps, &ace->mask);
	if (!rc)
		rc = sddl_expect(ps, ';', "expected ';' after the rights");
	if (!rc)
		rc = sddl_parse_ace_guids(ps, ace);
	if (!rc)
		rc = sddl_parse_ace_tail(ps, ace);
	return rc;
}

static struct wt_ace_spec *sddl_new_ace(struct sddl_parser *ps)
{
	struct sddl_sd *out = ps->out;
	struct wt_ace_spec *aces;
	u32 cap;

	if (ps->ace_used == ps->ace_capacity) {
		cap = ps->ace_capacity ? 2 * ps->ace_capacity : 16;
		aces = realloc(out->aces, cap * sizeof(*aces));
		if (!aces)
			return NULL;
		out->aces = aces;
		ps->ace_capacity = cap;
	}
	return &out->aces[ps->ace_used++];
}

/* ACL flags: any of P, AR, AI (repeats allowed), or NO_ACCESS_CONTROL. */
static int sddl_parse_acl_flags(struct sddl_parser *ps, bool sacl,
				struct wt_acl_spec *acl)
{
	u16 *control = &ps->out->spec.control;
	size_t i;
	bool found;

	do {
		sddl_skip_spaces(ps);
		found = false;
		if (sddl_match(ps->p, SDDL_NO_ACCESS_CONTROL)) {
			acl->null_acl = true;
			ps->p += strlen(SDDL_NO_ACCESS_CONTROL);
			found = true;
			continue;
		}
		for (i = 0; i < ARRAY_SIZE(sddl_acl_flags); i++) {
			if (sddl_match(ps->p, sddl_acl_flags[i].name)) {
				*control |= sacl ? sddl_acl_flags[i].sacl :
						   sddl_acl_flags[i].dacl;
				ps->p += strlen(sddl_acl_flags[i].name);
				found = true;
				break;
			}
		}
	} while (found);
	return 0;
}

/* "D:" or "S:" content: flags then ACEs. */
static int sddl_parse_acl(struct sddl_parser *ps, bool sacl,
			  struct wt_acl_spec *acl)
{
	struct wt_ace_spec *ace;
	u32 first = ps->ace_used;
	int rc;

	acl->present = true;
	rc = sddl_parse_acl_flags(ps, sacl, acl);
	if (rc)
		return rc;
	for (;;) {
		sddl_skip_spaces(ps);
		if (*ps->p != '(')
			break;
		if (acl->null_acl)
			return sddl_fail(ps, ps->p,
					 "NO_ACCESS_CONTROL takes no ACEs");
		if (ps->ace_used - first == 0xffff)
			return sddl_fail(ps, ps->p, "too many ACEs");
		ace = sddl_new_ace(ps);
		if (!ace)
			return -ENOMEM;
		rc = sddl_parse_ace(ps, ace);
		if (rc)
			return rc;
	}
	acl->count = ps->ace_used - first;
	/* ACE storage may move while growing: pointers are set at the end */
	ps->first_ace[sacl] = first;
	return 0;
}

static int sddl_parse_component(struct sddl_parser *ps, unsigned int *seen)
{
	struct wt_sd_spec *spec = &ps->out->spec;
	const char *at = ps->p;
	const char *letters = "OGDS";
	const char *which = strchr(letters, *at);
	unsigned int bit;
	int rc;

	if (!*at || !which || at[1] != ':')
		return sddl_fail(ps, at, "expected O:, G:, D: or S:");
	bit = 1u << (which - letters);
	if (*seen & bit)
		return sddl_fail(ps, at, "component given twice");
	*seen |= bit;
	ps->p += 2;
	switch (*at) {
	case 'O':
	case 'G':
		sddl_skip_spaces(ps);
		rc = sddl_parse_trustee(ps, *at == 'O' ? &spec->owner :
							 &spec->group);
		if (*at == 'O')
			spec->has_owner = true;
		else
			spec->has_group = true;
		return rc;
	case 'D':
		return sddl_parse_acl(ps, false, &spec->dacl);
	default:
		return sddl_parse_acl(ps, true, &spec->sacl);
	}
}

/* Point both ACLs at their ACEs, now that the storage no longer moves. */
static void sddl_fix_ace_pointers(struct sddl_parser *ps)
{
	struct sddl_sd *out = ps->out;
	struct wt_acl_spec *acls[2] = { &out->spec.dacl, &out->spec.sacl };
	int i;

	for (i = 0; i < 2; i++)
		acls[i]->aces = acls[i]->count ?
				out->aces + ps->first_ace[i] : NULL;
}

int sddl_parse(const char *str, const struct sddl_domain *dom,
	       struct sddl_sd *out, struct sddl_error *err)
{
	struct sddl_parser ps = {
		.start = str, .p = str, .dom = dom, .err = err, .out = out,
	};
	unsigned int seen = 0;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	sddl_set_error(err, 0, NULL);
	sddl_skip_spaces(&ps);
	while (!rc && *ps.p) {
		rc = sddl_parse_component(&ps, &seen);
		sddl_skip_spaces(&ps);
	}
	if (rc) {
		sddl_sd_free(out);
		return rc;
	}
	sddl_fix_ace_pointers(&ps);
	return 0;
}

void sddl_sd_free(struct sddl_sd *sd)
{
	u32 i;

	for (i = 0; i < sd->blob_count; i++)
		free(sd->blobs[i]);
	free(sd->blobs);
	free(sd->aces);
	memset(sd, 0, sizeof(*sd));
}

int sddl_to_sd(const char *str, const struct sddl_domain *dom,
	       u8 **buf, size_t *len, struct sddl_error *err)
{
	struct sddl_sd sd;
	long size;
	int rc;

	rc = sddl_parse(str, dom, &sd, err);
	if (rc)
		return rc;
	size = wt_sd_build(&sd.spec, NULL, 0);
	if (size < 0) {
		sddl_set_error(err, 0, "descriptor cannot be encoded");
		goto out;
	}
	*buf = malloc(size ? size : 1);
	if (!*buf) {
		size = -ENOMEM;
		goto out;
	}
	size = wt_sd_build(&sd.spec, *buf, size);
	if (size < 0) {
		free(*buf);
		*buf = NULL;
		sddl_set_error(err, 0, "descriptor cannot be encoded");
		goto out;
	}
	*len = size;
	size = 0;
out:
	sddl_sd_free(&sd);
	return (int)size;
}

/* ---- formatter ---- */

struct sddl_buf {
	char *s;
	size_t len;
	size_t cap;
	bool failed;
};

static void sddl_put(struct sddl_buf *b, const char *text)
{
	size_t n = strlen(text);
	char *s;

	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;

		while (cap < b->len + n + 1)
			cap *= 2;
		s = realloc(b->s, cap);
		if (!s) {
			b->failed = true;
			return;
		}
		b->s = s;
		b->cap = cap;
	}
	memcpy(b->s + b->len, text, n + 1);
	b->len += n;
}

static const char *sddl_ace_type_name(u8 type)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sddl_ace_types); i++)
		if (sddl_ace_types[i].value == type)
			return sddl_ace_types[i].name;
	return NULL;
}

static int sddl_format_ace_flags(struct sddl_buf *b, u8 flags)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sddl_ace_flags); i++) {
		if (flags & sddl_ace_flags[i].value) {
			sddl_put(b, sddl_ace_flags[i].name);
			flags &= ~sddl_ace_flags[i].value;
		}
	}
	return flags ? -EOPNOTSUPP : 0;
}

/* Mnemonics of @tab covering @mask bit by bit, or false if some bit has none. */
static bool sddl_format_bits(struct sddl_buf *b, u32 mask,
			     const struct sddl_name *tab, size_t n)
{
	u32 covered = 0;
	size_t i;

	for (i = 0; i < n; i++)
		covered |= tab[i].value;
	if (mask & ~covered)
		return false;
	for (i = 0; i < n; i++)
		if (mask & tab[i].value)
			sddl_put(b, tab[i].name);
	return true;
}

/*
 * Canonical rights: nothing for 0; a composite mnemonic on an exact match;
 * else one mnemonic per bit in bit order; else 0x-hex.
 */
static void sddl_format_rights(struct sddl_buf *b, u32 mask, u8 type)
{
	char hex[16];
	size_t i;

	if (!mask)
		return;
	if (type == WT_SYSTEM_MANDATORY_LABEL_ACE_TYPE) {
		if (sddl_format_bits(b, mask, sddl_label_bits,
				     ARRAY_SIZE(sddl_label_bits)))
			return;
	} else {
		for (i = 0; i < ARRAY_SIZE(sddl_rights_sets); i++) {
			if (mask == sddl_rights_sets[i].value) {
				sddl_put(b, sddl_rights_sets[i].name);
				return;
			}
		}
		if (sddl_format_bits(b, mask, sddl_rights_bits,
				     ARRAY_SIZE(sddl_rights_bits)))
			return;
	}
	snprintf(hex, sizeof(hex), "0x%x", (unsigned int)mask);
	sddl_put(b, hex);
}

/* GUID bytes to lowercase text, the inverse of sddl_parse_guid_text(). */
static void sddl_format_guid(struct sddl_buf *b, const u8 *g)
{
	char text[40];

	snprintf(text, sizeof(text),
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 g[3], g[2], g[1], g[0], g[5], g[4], g[7], g[6],
		 g[8], g[9], g[10], g[11], g[12], g[13], g[14], g[15]);
	sddl_put(b, text);
}

static int sddl_format_ace(struct sddl_buf *b, const struct wt_ace_view *ace,
			   const struct sddl_domain *dom)
{
	const char *type = sddl_ace_type_name(ace->type);
	char sid[WT_SID_STRING_MAX], *condition = NULL;
	int rc;

	if (!type)
		return -EOPNOTSUPP;
	if (ace->application_data_len &&
	    sddl_type_has_application_data(ace->type)) {
		if (wt_ace_type_is_callback(ace->type))
			rc = sddl_cond_format(ace->application_data,
					      ace->application_data_len, dom,
					      &condition);
		else
			rc = sddl_ra_format(ace->application_data,
					    ace->application_data_len, dom,
					    &condition);
		if (rc)
			return rc;
	}
	sddl_put(b, "(");
	sddl_put(b, type);
	sddl_put(b, ";");
	if (sddl_format_ace_flags(b, ace->flags)) {
		free(condition);
		return -EOPNOTSUPP;
	}
	sddl_put(b, ";");
	sddl_format_rights(b, ace->mask, ace->type);
	sddl_put(b, ";");
	if (ace->object_type)
		sddl_format_guid(b, ace->object_type);
	sddl_put(b, ";");
	if (ace->inherited_object_type)
		sddl_format_guid(b, ace->inherited_object_type);
	sddl_put(b, ";");
	sddl_format_sid(ace->sid, dom, sid);
	sddl_put(b, sid);
	if (condition) {
		sddl_put(b, ";");
		sddl_put(b, condition);
		free(condition);
	}
	sddl_put(b, ")");
	return 0;
}

static int sddl_format_acl(struct sddl_buf *b, const struct wt_sd_view *sd,
			   bool sacl, const struct sddl_domain *dom)
{
	const struct wt_acl_view *acl = sacl ? &sd->sacl : &sd->dacl;
	u16 present = sacl ? WT_SE_SACL_PRESENT : WT_SE_DACL_PRESENT;
	struct wt_ace_iter it;
	struct wt_ace_view ace;
	bool more;
	size_t i;
	int rc;

	if (!(sd->control & present))
		return 0;
	sddl_put(b, sacl ? "S:" : "D:");
	for (i = 0; i < ARRAY_SIZE(sddl_acl_flags); i++)
		if (sd->control & (sacl ? sddl_acl_flags[i].sacl :
					  sddl_acl_flags[i].dacl))
			sddl_put(b, sddl_acl_flags[i].name);
	if (!acl->acl) {
		sddl_put(b, SDDL_NO_ACCESS_CONTROL);
		return 0;
	}
	for (more = wt_acl_first(acl, &it, &ace); more;
	     more = wt_acl_next(&it, &ace)) {
		rc = sddl_format_ace(b, &ace, dom);
		if (rc)
			return rc;
	}
	return 0;
}

int sddl_format(const struct wt_sd_view *sd, const struct sddl_domain *dom,
		char **out)
{
	struct sddl_buf b = { NULL, 0, 0, false };
	char sid[WT_SID_STRING_MAX];
	int rc;

	sddl_put(&b, "");
	if (sd->owner) {
		sddl_format_sid(sd->owner, dom, sid);
		sddl_put(&b, "O:");
		sddl_put(&b, sid);
	}
	if (sd->group) {
		sddl_format_sid(sd->group, dom, sid);
		sddl_put(&b, "G:");
		sddl_put(&b, sid);
	}
	rc = sddl_format_acl(&b, sd, false, dom);
	if (!rc)
		rc = sddl_format_acl(&b, sd, true, dom);
	if (!rc && b.failed)
		rc = -ENOMEM;
	if (rc) {
		free(b.s);
		return rc;
	}
	*out = b.s;
	return 0;
}

int sddl_from_sd(const void *buf, size_t len, const struct sddl_domain *dom,
		 char **out)
{
	struct wt_sd_view sd;

	if (wt_sd_parse(buf, len, &sd))
		return -EINVAL;
	return sddl_format(&sd, dom, out);
}
