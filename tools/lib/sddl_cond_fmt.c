// SPDX-License-Identifier: GPL-2.0
/*
 * Conditional ACE expressions: the postfix token stream back to SDDL
 * text, run on a stack of strings, every operation parenthesised so the
 * output parses back to the very same tokens.
 */
#define _GNU_SOURCE	/* vasprintf() */
#include <stdio.h>
#include <stdarg.h>
#include <ctype.h>

#include "sddl_cond.h"
#include "wt_cond.h"
#include "wt_utf8.h"
#include "sddl_cond_int.h"

/* ---- formatter ---- */

/**
 * struct cond_item - an operand or a formatted sub-expression
 * @kind: what it is
 * @op: the operator at its top (0 for operands)
 * @depth: depth of its tree, a chain of one logical operator counting once
 * @text: its text; an expression is parenthesised unless @op is '!'
 */
struct cond_item {
	enum cond_kind kind;
	u8 op;
	unsigned int depth;
	char *text;
};

struct cond_stack {
	struct cond_item *items;
	size_t count;
	size_t cap;
};

static int cond_push(struct cond_stack *st, enum cond_kind kind, char *text)
{
	struct cond_item *items;

	if (!text)
		return -ENOMEM;
	if (st->count == st->cap) {
		size_t cap = st->cap ? 2 * st->cap : 16;

		items = realloc(st->items, cap * sizeof(*items));
		if (!items) {
			free(text);
			return -ENOMEM;
		}
		st->items = items;
		st->cap = cap;
	}
	st->items[st->count].kind = kind;
	st->items[st->count].op = 0;
	st->items[st->count].depth = 0;
	st->items[st->count].text = text;
	st->count++;
	return 0;
}

u32 cond_le32(const u8 *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24;
}

char *cond_strdup_printf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	return s;
}

static char *cond_format_integer(const u8 *p)
{
	u64 v = 0;
	const char *sign;
	int i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	switch (p[8]) {
	case CT_SIGN_MINUS:
		if ((int64_t)v > 0)
			return NULL;
		v = -v;
		sign = "-";
		break;
	case CT_SIGN_PLUS:
		if ((int64_t)v < 0)
			return NULL;
		sign = "+";
		break;
	case CT_SIGN_NONE:	/* written unsigned, as the parser reads it */
		sign = "";
		break;
	default:
		return NULL;
	}
	switch (p[9]) {
	case CT_BASE_OCTAL:
		return cond_strdup_printf("%s0%llo", sign,
					  (unsigned long long)v);
	case CT_BASE_DECIMAL:
		return cond_strdup_printf("%s%llu", sign,
					  (unsigned long long)v);
	case CT_BASE_HEX:
		return cond_strdup_printf("%s0x%llx", sign,
					  (unsigned long long)v);
	default:
		return NULL;
	}
}

/* UTF-16LE string contents as "text"; NULL if '"', NUL or bad surrogates. */
char *cond_format_string(const u8 *p, u32 n)
{
	char *s = malloc(2 * (size_t)n + 3), *q = s;
	u32 i, cp, lo;

	if (!s)
		return NULL;
	*q++ = '"';
	for (i = 0; i < n; i += 2) {
		cp = p[i] | p[i + 1] << 8;
		if (cp >= 0xd800 && cp <= 0xdbff && i + 3 < n) {
			lo = p[i + 2] | p[i + 3] << 8;
			if (lo < 0xdc00 || lo > 0xdfff)
				goto bad;
			cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			i += 2;
		} else if (cp >= 0xd800 && cp <= 0xdfff) {
			goto bad;
		}
		if (cp == 0 || cp == '"')
			goto bad;
		q += wt_utf8_encode(q, cp);
	}
	*q++ = '"';
	*q = '\0';
	return s;
bad:
	free(s);
	return NULL;
}

char *cond_format_octets(const u8 *p, u32 n)
{
	char *s = malloc(2 * (size_t)n + 2);
	u32 i;

	if (!s)
		return NULL;
	s[0] = '#';
	for (i = 0; i < n; i++)
		sprintf(s + 1 + 2 * i, "%02x", p[i]);
	s[1 + 2 * n] = '\0';
	return s;
}

static char *cond_format_sid(const u8 *p, u32 n,
			     const struct sddl_domain *dom)
{
	char text[WT_SID_STRING_MAX];
	struct wt_sid sid;
	size_t size;

	if (n > sizeof(sid) || wt_sid_validate(p, n, &size) || size != n)
		return NULL;
	memcpy(&sid, p, n);
	sddl_format_sid(&sid, dom, text);
	return cond_strdup_printf("SID(%s)", text);
}

static bool cond_is_keyword(const char *name)
{
	static const char *const words[] = {
		"Exists", "Not_Exists", "Contains", "Not_Contains", "Any_of",
		"Not_Any_of", "Member_of", "Not_Member_of", "Member_of_Any",
		"Not_Member_of_Any", "Device_Member_of", "Not_Device_Member_of",
		"Device_Member_of_Any", "Not_Device_Member_of_Any",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(words); i++)
		if (!strcasecmp(name, words[i]))
			return true;
	return false;
}

/*
 * An attribute name as Windows writes it: attr-char1 (and, after a prefix,
 * lit-char) as themselves, every other UTF-16 unit as %XXXX.
 */
static char *cond_format_attr(u8 code, const u8 *p, u32 n)
{
	const char *prefix = "";
	char *s, *q, plain[256];
	size_t i, len = 0;
	u32 unit;
	bool escape;

	for (i = 0; i < ARRAY_SIZE(cond_attr_prefixes); i++)
		if (cond_attr_prefixes[i].code == code)
			prefix = cond_attr_prefixes[i].name;
	if (!n)
		return NULL;
	for (i = 0; i < n / 2 && i < sizeof(plain) - 1; i++)
		plain[len++] = (char)(p[2 * i] | p[2 * i + 1] << 8);
	plain[len] = '\0';
	s = malloc(strlen(prefix) + 5 * (size_t)n / 2 + 1);
	if (!s)
		return NULL;
	q = s + sprintf(s, "%s", prefix);
	for (i = 0; i < n / 2; i++) {
		unit = p[2 * i] | p[2 * i + 1] << 8;
		escape = unit > 0x7f ||
			 !(cond_name_char((char)unit) ||
			   (code != WT_CT_LOCAL && cond_lit_char((char)unit)));
		/* a local name must not read back as a keyword */
		if (i == 0 && code == WT_CT_LOCAL &&
		    n / 2 < sizeof(plain) && cond_is_keyword(plain))
			escape = true;
		if (escape)
			q += sprintf(q, "%%%04x", unit);
		else
			*q++ = (char)unit;
	}
	*q = '\0';
	return s;
}

/* A literal token at @p (@end bounds it); *@size gets its length. */
static char *cond_format_literal(const u8 *p, const u8 *end, size_t *size,
				 enum cond_kind *kind,
				 const struct sddl_domain *dom)
{
	u32 n;

	*kind = CK_VALUE;
	if (*p >= WT_CT_INT8 && *p <= WT_CT_INT64) {
		if (end - p < 11)
			return NULL;
		*size = 11;
		return cond_format_integer(p + 1);
	}
	if (*p != WT_CT_STRING && *p != WT_CT_OCTETS && *p != WT_CT_SID)
		return NULL;
	if (end - p < 5)
		return NULL;
	n = cond_le32(p + 1);
	if (n > (size_t)(end - p - 5))
		return NULL;
	*size = 5 + n;
	if (*p == WT_CT_STRING)
		return n % 2 ? NULL : cond_format_string(p + 5, n);
	if (*p == WT_CT_OCTETS)
		return cond_format_octets(p + 5, n);
	*kind = CK_SID;
	return cond_format_sid(p + 5, n, dom);
}

static char *cond_format_composite(const u8 *p, u32 n, enum cond_kind *kind,
				   const struct sddl_domain *dom)
{
	const u8 *end = p + n;
	char *s = strdup("{"), *item, *grown;
	enum cond_kind k;
	bool all_sids = true;
	size_t size, count = 0;

	while (s && p < end) {
		item = cond_format_literal(p, end, &size, &k, dom);
		if (!item)
			break;
		grown = cond_strdup_printf("%s%s%s", s, count ? ", " : "", item);
		free(item);
		free(s);
		s = grown;
		all_sids &= k == CK_SID;
		count++;
		p += size;
	}
	if (!s || p != end) {
		free(s);
		return NULL;
	}
	*kind = all_sids && count ? CK_SIDS : CK_LIST;
	grown = cond_strdup_printf("%s}", s);
	free(s);
	return grown;
}

static const char *cond_op_name(u8 code, const struct cond_op *ops, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ops[i].code == code)
			return ops[i].name;
	return NULL;
}

/* Apply operator @code to the stack; -EOPNOTSUPP on a malformed stream. */
static int cond_apply(struct cond_stack *st, u8 code)
{
	struct cond_item *a, *b;
	unsigned int depth;
	const char *name;
	char *text;
	int rc;

	name = cond_op_name(code, cond_binary_ops, ARRAY_SIZE(cond_binary_ops));
	if (name) {
		if (st->count < 2)
			return -EOPNOTSUPP;
		a = &st->items[st->count - 2];
		b = &st->items[st->count - 1];
		if (a->kind != CK_ATTR || b->kind == CK_EXPR)
			return -EOPNOTSUPP;
	} else if (code == CT_AND || code == CT_OR) {
		if (st->count < 2)
			return -EOPNOTSUPP;
		a = &st->items[st->count - 2];
		b = &st->items[st->count - 1];
		if (!cond_is_condition(a->kind) || !cond_is_condition(b->kind))
			return -EOPNOTSUPP;
		name = code == CT_AND ? "&&" : "||";
	} else {
		if (st->count < 1)
			return -EOPNOTSUPP;
		a = NULL;
		b = &st->items[st->count - 1];
		name = cond_op_name(code, cond_member_ops,
				    ARRAY_SIZE(cond_member_ops));
		if (name && b->kind != CK_SID && b->kind != CK_SIDS &&
		    b->kind != CK_LIST)
			return -EOPNOTSUPP;
		if (!name) {
			name = cond_op_name(code, cond_exists_ops,
					    ARRAY_SIZE(cond_exists_ops));
			if (name && b->kind != CK_ATTR)
				return -EOPNOTSUPP;
		}
		if (!name && code == CT_NOT && cond_is_condition(b->kind))
			name = "!";
		if (!name)
			return -EOPNOTSUPP;
	}
	/*
	 * Every operation gets its own parentheses, as Windows writes them:
	 * ((a) && (b)) && (c) is "(((a) && (b)) && (c))".
	 */
	depth = b->depth + 1;
	if (a)
		depth = depth > a->depth + 1 ? depth : a->depth + 1;
	if (code == CT_AND || code == CT_OR) {
		/* an attribute operand of && and || gets parentheses too */
		text = cond_strdup_printf("(%s%s%s %s %s%s%s)",
					  a->kind == CK_ATTR ? "(" : "", a->text,
					  a->kind == CK_ATTR ? ")" : "", name,
					  b->kind == CK_ATTR ? "(" : "", b->text,
					  b->kind == CK_ATTR ? ")" : "");
	} else if (a && b->kind == CK_ATTR && isdigit((unsigned char)b->text[0])) {
		/* after an operator a digit starts a number: escape it */
		text = cond_strdup_printf("(%s %s %%%04x%s)", a->text, name,
					  (unsigned int)b->text[0], b->text + 1);
	} else if (a) {
		text = cond_strdup_printf("(%s %s %s)", a->text, name, b->text);
	} else if (code == CT_NOT) {
		/* Windows: !(a), !(!(a)), !(a == 1) */
		text = cond_strdup_printf(b->text[0] == '(' ? "!%s" : "!(%s)",
					  b->text);
	} else {
		text = cond_strdup_printf("(%s %s)", name, b->text);
	}
	if (!text)
		return -ENOMEM;
	if (depth > COND_MAX_TREE) {
		free(text);
		return -EOPNOTSUPP;
	}
	if (a) {
		free(a->text);
		st->count--;
	}
	free(b->text);
	st->count--;
	rc = cond_push(st, CK_EXPR, text);
	if (!rc) {
		st->items[st->count - 1].op = code;
		st->items[st->count - 1].depth = depth;
	}
	return rc;
}

/* The token at @p: push an operand or apply an operator. */
static int cond_step(struct cond_stack *st, const u8 *p, const u8 *end,
		     size_t *size, const struct sddl_domain *dom)
{
	enum cond_kind kind;
	char *text;
	u32 n;

	if (*p >= WT_CT_LOCAL && *p <= WT_CT_DEVICE) {
		if (end - p < 5)
			return -EOPNOTSUPP;
		n = cond_le32(p + 1);
		if (n > (size_t)(end - p - 5) || n % 2)
			return -EOPNOTSUPP;
		*size = 5 + n;
		text = cond_format_attr(*p, p + 5, n);
		return text ? cond_push(st, CK_ATTR, text) : -EOPNOTSUPP;
	}
	if (*p == WT_CT_COMPOSITE) {
		if (end - p < 5)
			return -EOPNOTSUPP;
		n = cond_le32(p + 1);
		if (n > (size_t)(end - p - 5))
			return -EOPNOTSUPP;
		*size = 5 + n;
		text = cond_format_composite(p + 5, n, &kind, dom);
		return text ? cond_push(st, kind, text) : -EOPNOTSUPP;
	}
	if (*p >= 0x80) {
		*size = 1;
		return cond_apply(st, *p);
	}
	text = cond_format_literal(p, end, size, &kind, dom);
	return text ? cond_push(st, kind, text) : -EOPNOTSUPP;
}

int sddl_cond_format(const u8 *data, size_t len,
		     const struct sddl_domain *dom, char **out)
{
	struct cond_stack st = { NULL, 0, 0 };
	const u8 *p = data + 4, *end = data + len;
	size_t size, i;
	int rc = 0;

	if (len < 4 || memcmp(data, "artx", 4))
		return -EOPNOTSUPP;
	while (!rc && p < end && *p != WT_CT_PAD) {
		rc = cond_step(&st, p, end, &size, dom);
		p += size;
	}
	for (; !rc && p < end; p++)	/* only padding may follow */
		if (*p != WT_CT_PAD)
			rc = -EOPNOTSUPP;
	if (!rc && (st.count != 1 || !cond_is_condition(st.items[0].kind)))
		rc = -EOPNOTSUPP;
	if (!rc) {
		if (st.items[0].text[0] != '(')	/* an attribute, or !... */
			*out = cond_strdup_printf("(%s)", st.items[0].text);
		else
			*out = strdup(st.items[0].text);
		if (!*out)
			rc = -ENOMEM;
	}
	for (i = 0; i < st.count; i++)
		free(st.items[i].text);
	free(st.items);
	return rc;
}
