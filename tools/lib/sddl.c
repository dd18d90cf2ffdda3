// SPDX-License-Identifier: GPL-2.0
/*
 * SDDL parse and format on top of the security core: the parser here,
 * SIDs in sddl_sid.c, the formatter in sddl_fmt.c.
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
#include "sddl_int.h"

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

bool sddl_type_has_application_data(u8 type)
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
