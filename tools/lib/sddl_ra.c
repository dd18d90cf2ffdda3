// SPDX-License-Identifier: GPL-2.0
/*
 * Resource attribute ACEs ([MS-DTYP] 2.4.4.15, 2.4.10.1, 2.5.1.1): the
 * SDDL text of a claim to its binary form and back.
 */
#define _GNU_SOURCE	/* vasprintf() */
#include <stdio.h>
#include <stdarg.h>
#include <ctype.h>

#include "sddl_cond.h"
#include "wt_cond.h"
#include "wt_utf8.h"
#include "sddl_cond_int.h"

/* ---- resource attributes ([MS-DTYP] 2.4.4.15, 2.4.10.1, 2.5.1.1) ---- */

struct ra_type {
	const char *name;
	u16 code;
};

static const struct ra_type ra_types[] = {
	{ "TI", WT_CLAIM_TYPE_INT64 },
	{ "TU", WT_CLAIM_TYPE_UINT64 },
	{ "TS", WT_CLAIM_TYPE_STRING },
	{ "TD", WT_CLAIM_TYPE_SID },
	{ "TB", WT_CLAIM_TYPE_BOOLEAN },
	{ "TX", WT_CLAIM_TYPE_OCTET },
};

/* Room for the blob: header, offsets, name, values. */
#define RA_MAX_VALUES	4096

/* The quoted name: attr-char2 and %XXXX, as UTF-16 with a NUL. */
static int ra_name(struct cond_parser *ps)
{
	const char *begin;
	int rc = 0, v;
	u32 cp;

	if (*ps->p != '"')
		return cond_fail(ps, ps->p, "expected the attribute name in quotes");
	begin = ++ps->p;
	while (!rc && *ps->p != '"') {
		v = *ps->p == '%' ? cond_hex4(ps->p + 1) : -1;
		if (v == 0) {
			/* the name ends at its NUL: the rest would be lost */
			return cond_fail(ps, ps->p, "NUL in attribute name");
		} else if (v > 0) {
			rc = cond_emit_utf16(ps, v);
			ps->p += 5;
		} else if (cond_name_char(*ps->p) || cond_lit_char(*ps->p)) {
			rc = cond_emit_utf16(ps, (u8)*ps->p);
			ps->p++;
		} else if ((u8)*ps->p >= 0x80) {
			if (!cond_utf8(&ps->p, &cp))
				return cond_fail(ps, ps->p,
						 "invalid UTF-8 in attribute name");
			rc = cond_emit_codepoint(ps, cp);
		} else {
			return cond_fail(ps, ps->p,
					 "bad character in attribute name");
		}
	}
	if (rc)
		return rc;
	if (ps->p == begin)
		return cond_fail(ps, ps->p, "empty attribute name");
	ps->p++;
	return cond_emit_utf16(ps, 0);
}

/* An unsigned number: 0x hex, 0 octal or decimal; *@neg for a '-'. */
static int ra_number(struct cond_parser *ps, bool allow_sign, u64 *out,
		     bool *neg)
{
	unsigned int base = 10;
	const char *at = ps->p;
	u64 v = 0;
	int d, n = 0;

	*neg = false;
	if (allow_sign && (*ps->p == '-' || *ps->p == '+'))
		*neg = *ps->p++ == '-';
	if (ps->p[0] == '0' && (ps->p[1] == 'x' || ps->p[1] == 'X') &&
	    isxdigit((unsigned char)ps->p[2])) {
		base = 16;
		ps->p += 2;
	} else if (ps->p[0] == '0' && isdigit((unsigned char)ps->p[1])) {
		base = 8;
	}
	while ((d = cond_digit(*ps->p, base)) >= 0) {
		if (v > (~0ULL - d) / base)
			return cond_fail(ps, at, "number out of range");
		v = v * base + d;
		ps->p++;
		n++;
	}
	if (!n)
		return cond_fail(ps, at, "expected a number");
	*out = v;
	return 0;
}

/* Values go after the offsets and the name: collected here first. */
struct ra_values {
	u8 *buf;
	size_t len;
	size_t cap;
	u32 offsets[RA_MAX_VALUES];
	u32 count;
};

static int ra_put(struct ra_values *rv, const void *p, size_t n)
{
	return cond_append(&rv->buf, &rv->len, &rv->cap, p, n);
}

static int ra_value(struct cond_parser *ps, u16 type, struct ra_values *rv)
{
	struct sddl_error err = { 0, NULL };
	u8 b[8], lenb[4];
	struct wt_sid sid;
	size_t start = rv->len;
	u64 v;
	bool neg;
	int rc, hi, lo, n, i;
	u32 cp;

	if (rv->count == RA_MAX_VALUES)
		return cond_fail(ps, ps->p, "too many values");
	rv->offsets[rv->count++] = (u32)start;
	switch (type) {
	case WT_CLAIM_TYPE_INT64:
	case WT_CLAIM_TYPE_UINT64:
	case WT_CLAIM_TYPE_BOOLEAN:
		rc = ra_number(ps, type == WT_CLAIM_TYPE_INT64, &v, &neg);
		if (rc)
			return rc;
		if (type == WT_CLAIM_TYPE_INT64 &&
		    v > (neg ? 1ULL << 63 : (1ULL << 63) - 1))
			return cond_fail(ps, ps->p, "integer out of range");
		if (type == WT_CLAIM_TYPE_BOOLEAN && v > 1)
			return cond_fail(ps, ps->p, "a boolean is 0 or 1");
		if (neg)
			v = -v;
		for (i = 0; i < 8; i++)
			b[i] = (u8)(v >> (8 * i));
		return ra_put(rv, b, 8);
	case WT_CLAIM_TYPE_STRING:
		if (*ps->p != '"')
			return cond_fail(ps, ps->p, "expected a string");
		ps->p++;
		for (rc = 0; !rc && *ps->p != '"';) {
			if (!*ps->p)
				return cond_fail(ps, ps->p, "unterminated string");
			if (!cond_utf8(&ps->p, &cp) || !cp)
				return cond_fail(ps, ps->p, "invalid UTF-8 in string");
			if (cp >= 0x10000) {
				cp -= 0x10000;
				b[0] = (u8)(0xd800 | cp >> 10);
				b[1] = (u8)((0xd800 | cp >> 10) >> 8);
				b[2] = (u8)(0xdc00 | (cp & 0x3ff));
				b[3] = (u8)((0xdc00 | (cp & 0x3ff)) >> 8);
				rc = ra_put(rv, b, 4);
			} else {
				b[0] = (u8)cp;
				b[1] = (u8)(cp >> 8);
				rc = ra_put(rv, b, 2);
			}
		}
		ps->p++;
		memset(b, 0, 2);
		return rc ? rc : ra_put(rv, b, 2);
	case WT_CLAIM_TYPE_SID:
		n = sddl_parse_sid(ps->p, ps->dom, &sid, &err);
		if (n < 0)
			return cond_fail(ps, ps->p, err.message);
		ps->p += n;
		cond_put_le32(lenb, (u32)wt_sid_size(&sid));
		rc = ra_put(rv, lenb, 4);
		return rc ? rc : ra_put(rv, &sid, wt_sid_size(&sid));
	default:	/* octets: hex digits, no '#' */
		rc = ra_put(rv, lenb, 4);
		for (n = 0; !rc && (hi = cond_digit(ps->p[0], 16)) >= 0; n++) {
			lo = cond_digit(ps->p[1], 16);
			if (lo < 0)
				return cond_fail(ps, ps->p, "odd number of hex digits");
			b[0] = (u8)(hi << 4 | lo);
			rc = ra_put(rv, b, 1);
			ps->p += 2;
		}
		cond_put_le32(rv->buf + start, (u32)n);
		return rc;
	}
}

int sddl_ra_parse(const char *str, const struct sddl_domain *dom,
		  u8 **out, u16 *len, size_t *used, size_t *offset,
		  const char **msg)
{
	struct cond_parser ps = { .start = str, .p = str, .dom = dom };
	struct ra_values *rv = calloc(1, sizeof(*rv));
	const struct ra_type *type = NULL;
	u64 flags = 0;
	size_t name_end, i, base;
	bool neg;
	int rc = 0;

	if (!rv)
		return -ENOMEM;
	cond_ws(&ps);
	if (*ps.p != '(')
		rc = cond_fail(&ps, ps.p, "expected '(' before the attribute");
	if (!rc) {
		ps.p++;
		/* header and offsets are written once the count is known */
		rc = ra_name(&ps);
	}
	name_end = ps.len;
	if (!rc && *ps.p++ != ',')
		rc = cond_fail(&ps, ps.p - 1, "expected ',' after the name");
	for (i = 0; !rc && i < ARRAY_SIZE(ra_types); i++)
		if (!strncmp(ps.p, ra_types[i].name, 2))
			type = &ra_types[i];
	if (!rc && !type)
		rc = cond_fail(&ps, ps.p, "type must be TI, TU, TS, TD, TB or TX");
	if (!rc) {
		ps.p += 2;
		if (*ps.p++ != ',')
			rc = cond_fail(&ps, ps.p - 1, "expected ',' after the type");
	}
	if (!rc)
		rc = ra_number(&ps, false, &flags, &neg);
	if (!rc && flags > 0xffffffffULL)
		rc = cond_fail(&ps, ps.p, "flags out of range");
	while (!rc && *ps.p == ',') {
		ps.p++;
		cond_ws(&ps);
		rc = ra_value(&ps, type->code, rv);
		cond_ws(&ps);
	}
	if (!rc && *ps.p != ')')
		rc = cond_fail(&ps, ps.p, "expected ',' or ')'");
	if (!rc && !rv->count)
		rc = cond_fail(&ps, ps.p, "a resource attribute needs a value");
	if (!rc) {
		/* header (16) + offsets, then the name already in ps.buf */
		u8 hdr[16];
		size_t head = 16 + 4 * (size_t)rv->count;
		u8 *blob;

		ps.p++;
		base = head + name_end;
		blob = malloc(base + rv->len + 4);
		if (!blob) {
			rc = -ENOMEM;
		} else if (base + rv->len > SDDL_COND_MAX) {
			free(blob);
			rc = cond_fail(&ps, str, "resource attribute too long");
		} else {
			cond_put_le32(hdr, (u32)head);
			hdr[4] = (u8)type->code;
			hdr[5] = 0;
			hdr[6] = 0;
			hdr[7] = 0;
			cond_put_le32(hdr + 8, (u32)flags);
			cond_put_le32(hdr + 12, rv->count);
			memcpy(blob, hdr, 16);
			for (i = 0; i < rv->count; i++)
				cond_put_le32(blob + 16 + 4 * i,
					      (u32)(base + rv->offsets[i]));
			memcpy(blob + head, ps.buf, name_end);
			memcpy(blob + base, rv->buf, rv->len);
			free(ps.buf);
			ps.buf = blob;
			ps.len = base + rv->len;
		}
	}
	free(rv->buf);
	free(rv);
	if (rc) {
		free(ps.buf);
		*offset = (ps.at ? ps.at : ps.p) - str;
		*msg = ps.msg ? ps.msg : rc == -EINVAL ?
		       "resource attribute too long" : "out of memory";
		return rc;
	}
	*out = ps.buf;
	*len = (u16)ps.len;
	*used = ps.p - str;
	return 0;
}

/* The name of a claim blob, as Windows quotes it. */
static char *ra_format_name(const u8 *p, size_t n)
{
	char *s = malloc(5 * n / 2 + 3), *q = s;
	size_t i;
	u32 unit;

	if (!s)
		return NULL;
	*q++ = '"';
	for (i = 0; i + 1 < n; i += 2) {
		unit = p[i] | p[i + 1] << 8;
		if (unit < 0x80 && unit != '"' &&
		    (cond_name_char((char)unit) || cond_lit_char((char)unit)))
			*q++ = (char)unit;
		else
			q += sprintf(q, "%%%04x", unit);
	}
	*q++ = '"';
	*q = '\0';
	return s;
}

static int ra_append(char **s, const char *fmt, ...)
{
	va_list ap;
	char *add, *grown;
	int rc;

	va_start(ap, fmt);
	rc = vasprintf(&add, fmt, ap);
	va_end(ap);
	if (rc < 0)
		return -ENOMEM;
	grown = cond_strdup_printf("%s%s", *s, add);
	free(add);
	if (!grown)
		return -ENOMEM;
	free(*s);
	*s = grown;
	return 0;
}

int sddl_ra_format(const u8 *data, size_t len, const struct sddl_domain *dom,
		   char **out)
{
	const char *tname = NULL;
	u32 name, count, i, off, end, n;
	char *s, *item, sidtext[WT_SID_STRING_MAX];
	struct wt_sid sid;
	size_t k;
	u16 type;
	int rc = 0;
	u64 v;

	if (len < 16 || len > 0xffff || !wt_claim_valid(data, (u32)len))
		return -EOPNOTSUPP;
	name = cond_le32(data);
	type = data[4] | data[5] << 8;
	count = cond_le32(data + 12);
	for (i = 0; i < ARRAY_SIZE(ra_types); i++)
		if (ra_types[i].code == type)
			tname = ra_types[i].name;
	if (!tname || !count || data[6] || data[7])
		return -EOPNOTSUPP;
	for (end = name; data[end] || data[end + 1]; end += 2)
		;
	item = ra_format_name(data + name, end - name);
	if (!item)
		return -ENOMEM;
	s = cond_strdup_printf("(%s,%s,0x%x", item, tname,
			       cond_le32(data + 8));
	free(item);
	if (!s)
		return -ENOMEM;
	for (i = 0; !rc && i < count; i++) {
		off = cond_le32(data + 16 + 4 * i);
		switch (type) {
		case WT_CLAIM_TYPE_INT64:
		case WT_CLAIM_TYPE_UINT64:
		case WT_CLAIM_TYPE_BOOLEAN:
			for (v = 0, k = 8; k; k--)
				v = v << 8 | data[off + k - 1];
			if (type == WT_CLAIM_TYPE_BOOLEAN && v > 1)
				rc = -EOPNOTSUPP;
			else if (type == WT_CLAIM_TYPE_INT64)
				rc = ra_append(&s, ",%lld", (long long)v);
			else
				rc = ra_append(&s, ",%llu", (unsigned long long)v);
			break;
		case WT_CLAIM_TYPE_STRING:
			for (end = off; data[end] || data[end + 1]; end += 2)
				;
			item = cond_format_string(data + off, end - off);
			if (!item)
				return free(s), -EOPNOTSUPP;
			rc = ra_append(&s, ",%s", item);
			free(item);
			break;
		case WT_CLAIM_TYPE_SID:
			n = cond_le32(data + off);
			memcpy(&sid, data + off + 4, n);
			sddl_format_sid(&sid, dom, sidtext);
			rc = ra_append(&s, ",%s", sidtext);
			break;
		default:
			n = cond_le32(data + off);
			item = cond_format_octets(data + off + 4, n);
			if (!item)
				return free(s), -ENOMEM;
			rc = ra_append(&s, ",%s", item + 1);	/* no '#' */
			free(item);
			break;
		}
	}
	if (!rc)
		rc = ra_append(&s, ")");
	if (rc) {
		free(s);
		return rc;
	}
	*out = s;
	return 0;
}
