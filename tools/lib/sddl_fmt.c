// SPDX-License-Identifier: GPL-2.0
/*
 * SDDL formatting: a struct wt_sd_view from wt_sd_parse() to its
 * canonical SDDL text.
 */
#include <stdio.h>
#include <ctype.h>

#include "sddl.h"
#include "sddl_cond.h"
#include "sddl_int.h"

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
