// SPDX-License-Identifier: GPL-2.0
/*
 * Conditional ACE expressions ([MS-DTYP] 2.4.4.17 binary form, 2.5.1.1
 * text form). The text is compiled by recursive descent straight into the
 * postfix token stream; formatting runs that stream on a stack of strings
 * and parenthesises every operation, so the output parses back to the very
 * same tokens.
 */
#define _GNU_SOURCE	/* vasprintf() */
#include <stdio.h>
#include <stdarg.h>
#include <ctype.h>

#include "sddl_cond.h"
#include "wt_cond.h"
#include "wt_utf8.h"
#include "sddl_cond_int.h"

/* ---- compiler ---- */

int cond_fail(struct cond_parser *ps, const char *at, const char *msg)
{
	if (!ps->msg) {
		ps->msg = msg;
		ps->at = at;
	}
	return -EINVAL;
}

/*
 * Append @n bytes to a growing buffer of at most SDDL_COND_MAX bytes.
 * Returns 0, -EINVAL (too long) or -ENOMEM.
 */
int cond_append(u8 **buf, size_t *len, size_t *cap, const void *bytes,
		size_t n)
{
	size_t want;
	u8 *grown;

	if (*len + n > SDDL_COND_MAX)
		return -EINVAL;
	if (*len + n > *cap) {
		for (want = *cap ? 2 * *cap : 64; want < *len + n; want *= 2)
			;
		grown = realloc(*buf, want);
		if (!grown)
			return -ENOMEM;
		*buf = grown;
		*cap = want;
	}
	memcpy(*buf + *len, bytes, n);
	*len += n;
	return 0;
}

static int cond_emit(struct cond_parser *ps, const void *bytes, size_t n)
{
	int rc = cond_append(&ps->buf, &ps->len, &ps->cap, bytes, n);

	if (rc == -EINVAL)
		return cond_fail(ps, ps->p, "conditional expression too long");
	return rc;
}

static int cond_emit_byte(struct cond_parser *ps, u8 b)
{
	return cond_emit(ps, &b, 1);
}

void cond_put_le32(u8 *p, u32 v)
{
	p[0] = (u8)v;
	p[1] = (u8)(v >> 8);
	p[2] = (u8)(v >> 16);
	p[3] = (u8)(v >> 24);
}

static int cond_emit_le32(struct cond_parser *ps, u32 v)
{
	u8 b[4];

	cond_put_le32(b, v);
	return cond_emit(ps, b, 4);
}

int cond_emit_utf16(struct cond_parser *ps, u32 unit)
{
	u8 b[2] = { (u8)unit, (u8)(unit >> 8) };

	return cond_emit(ps, b, 2);
}

/* Reserve a token header (code + length), to be patched by cond_close(). */
static int cond_open(struct cond_parser *ps, u8 code, size_t *mark)
{
	int rc = cond_emit_byte(ps, code);

	*mark = ps->len;
	return rc ? rc : cond_emit_le32(ps, 0);
}

static void cond_close(struct cond_parser *ps, size_t mark)
{
	cond_put_le32(ps->buf + mark, (u32)(ps->len - mark - 4));
}

void cond_ws(struct cond_parser *ps)
{
	while (*ps->p == ' ' || *ps->p == '\t')
		ps->p++;
}

/*
 * A word operator, case-insensitive, not followed by a character that
 * would make it part of an attribute name.
 */
static bool cond_keyword(struct cond_parser *ps, const char *word)
{
	size_t n = strlen(word);

	if (strncasecmp(ps->p, word, n))
		return false;
	if (cond_word_char(word[n - 1]) &&
	    (cond_name_char(ps->p[n]) || ps->p[n] == '%'))
		return false;
	ps->p += n;
	return true;
}

static const struct cond_op *cond_find(struct cond_parser *ps,
				       const struct cond_op *ops, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (cond_keyword(ps, ops[i].name))
			return &ops[i];
	return NULL;
}

/* One UTF-8 character to a code point; false if invalid. */
bool cond_utf8(const char **s, u32 *cp)
{
	const unsigned char *p = (const unsigned char *)*s;
	unsigned int n, i;
	u32 v;

	if (p[0] < 0x80) {
		n = 0;
		v = p[0];
	} else if ((p[0] & 0xe0) == 0xc0) {
		n = 1;
		v = p[0] & 0x1f;
	} else if ((p[0] & 0xf0) == 0xe0) {
		n = 2;
		v = p[0] & 0x0f;
	} else if ((p[0] & 0xf8) == 0xf0) {
		n = 3;
		v = p[0] & 0x07;
	} else {
		return false;
	}
	for (i = 1; i <= n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return false;
		v = v << 6 | (p[i] & 0x3f);
	}
	if ((n == 1 && v < 0x80) || (n == 2 && v < 0x800) ||
	    (n == 3 && (v < 0x10000 || v > 0x10ffff)) ||
	    (v >= 0xd800 && v <= 0xdfff))
		return false;
	*s += n + 1;
	*cp = v;
	return true;
}

int cond_emit_codepoint(struct cond_parser *ps, u32 cp)
{
	int rc;

	if (cp < 0x10000)
		return cond_emit_utf16(ps, cp);
	cp -= 0x10000;
	rc = cond_emit_utf16(ps, 0xd800 | (cp >> 10));
	return rc ? rc : cond_emit_utf16(ps, 0xdc00 | (cp & 0x3ff));
}

int cond_hex4(const char *p)
{
	int v = 0, i;

	for (i = 0; i < 4; i++) {
		if (!isxdigit((unsigned char)p[i]))
			return -1;
		v = v * 16 + (isdigit((unsigned char)p[i]) ? p[i] - '0' :
			      tolower((unsigned char)p[i]) - 'a' + 10);
	}
	return v;
}

/*
 * Attribute name characters, with %XXXX escapes, as UTF-16. A local name
 * is attr-char1 only; a prefixed one (@USER. ...) may also hold lit-char
 * and any character from U+0080 ([MS-DTYP] 2.5.1.1 attr-char2).
 */
static int cond_name(struct cond_parser *ps, u8 code)
{
	const char *begin = ps->p;
	bool prefixed = code != WT_CT_LOCAL;
	size_t mark;
	int rc, v;
	u32 cp;

	rc = cond_open(ps, code, &mark);
	while (!rc) {
		v = *ps->p == '%' ? cond_hex4(ps->p + 1) : -1;
		if (v >= 0) {
			rc = cond_emit_utf16(ps, v);
			ps->p += 5;
		} else if (cond_name_char(*ps->p) ||
			   (prefixed && cond_lit_char(*ps->p))) {
			rc = cond_emit_utf16(ps, (u8)*ps->p);
			ps->p++;
		} else if (prefixed && (u8)*ps->p >= 0x80) {
			if (!cond_utf8(&ps->p, &cp))
				return cond_fail(ps, ps->p,
						 "invalid UTF-8 in attribute name");
			rc = cond_emit_codepoint(ps, cp);
		} else {
			break;
		}
	}
	if (rc)
		return rc;
	if (ps->p == begin)
		return cond_fail(ps, ps->p, "empty attribute name");
	cond_close(ps, mark);
	return 0;
}

/* attr-char1 starts a local name, digits included: "(123)" is a name. */
static bool cond_at_attribute(const char *p)
{
	return *p == '@' || isalnum((unsigned char)*p) || *p == '_' ||
	       *p == ':' || *p == '.' || *p == '/' ||
	       (*p == '%' && cond_hex4(p + 1) >= 0);
}

static int cond_attribute(struct cond_parser *ps)
{
	size_t i;

	if (*ps->p != '@')
		return cond_name(ps, WT_CT_LOCAL);
	for (i = 0; i < ARRAY_SIZE(cond_attr_prefixes); i++)
		if (cond_keyword(ps, cond_attr_prefixes[i].name))
			return cond_name(ps, cond_attr_prefixes[i].code);
	return cond_fail(ps, ps->p,
			 "attribute prefix must be @User., @Device. or @Resource.");
}

int cond_digit(char c, unsigned int base)
{
	int d;

	if (isdigit((unsigned char)c))
		d = c - '0';
	else if (isxdigit((unsigned char)c))
		d = tolower((unsigned char)c) - 'a' + 10;
	else
		return -1;
	return d < (int)base ? d : -1;
}

/*
 * [+-] then 0x hex, 0 octal or decimal, into a 64-bit token. Without a
 * sign the whole unsigned range is read (Windows takes 0xffffffffffffffff)
 * and kept as its bit pattern; the formatter writes such a token back
 * unsigned, so the text round-trips.
 */
static int cond_integer(struct cond_parser *ps)
{
	u8 tok[10] = { 0 }, sign = CT_SIGN_NONE, base_code = CT_BASE_DECIMAL;
	unsigned int base = 10;
	const char *at = ps->p;
	u64 v = 0, max;
	int d, n = 0, i;

	if (*ps->p == '+' || *ps->p == '-')
		sign = *ps->p++ == '+' ? CT_SIGN_PLUS : CT_SIGN_MINUS;
	if (ps->p[0] == '0' && (ps->p[1] == 'x' || ps->p[1] == 'X')) {
		base = 16;
		base_code = CT_BASE_HEX;
		ps->p += 2;
	} else if (ps->p[0] == '0' && isdigit((unsigned char)ps->p[1])) {
		base = 8;
		base_code = CT_BASE_OCTAL;
		ps->p++;
	}
	if (sign == CT_SIGN_NONE)
		max = ~0ULL;
	else
		max = sign == CT_SIGN_MINUS ? 1ULL << 63 : (1ULL << 63) - 1;
	while ((d = cond_digit(*ps->p, base)) >= 0) {
		if (v > (max - d) / base)
			return cond_fail(ps, at, "integer out of range");
		v = v * base + d;
		ps->p++;
		n++;
	}
	if (!n || cond_word_char(*ps->p))
		return cond_fail(ps, at, "bad integer");
	if (sign == CT_SIGN_MINUS)
		v = -v;
	for (i = 0; i < 8; i++)
		tok[i] = (u8)(v >> (8 * i));
	tok[8] = sign;
	tok[9] = base_code;
	d = cond_emit_byte(ps, WT_CT_INT64);
	return d ? d : cond_emit(ps, tok, sizeof(tok));
}

static int cond_string(struct cond_parser *ps)
{
	size_t mark;
	u32 cp;
	int rc;

	ps->p++;
	rc = cond_open(ps, WT_CT_STRING, &mark);
	while (!rc && *ps->p != '"') {
		if (!*ps->p)
			return cond_fail(ps, ps->p, "unterminated string");
		if (!cond_utf8(&ps->p, &cp))
			return cond_fail(ps, ps->p, "invalid UTF-8 in string");
		rc = cond_emit_codepoint(ps, cp);
	}
	if (rc)
		return rc;
	ps->p++;
	cond_close(ps, mark);
	return 0;
}

/* A hex digit of an octet string; '#' stands for '0' there. */
static int cond_octet_digit(char c)
{
	return c == '#' ? 0 : cond_digit(c, 16);
}

static int cond_octets(struct cond_parser *ps)
{
	size_t mark;
	int rc, hi, lo;

	ps->p++;
	rc = cond_open(ps, WT_CT_OCTETS, &mark);
	while (!rc && (hi = cond_octet_digit(ps->p[0])) >= 0) {
		lo = cond_octet_digit(ps->p[1]);
		if (lo < 0)
			return cond_fail(ps, ps->p, "odd number of hex digits");
		rc = cond_emit_byte(ps, (u8)(hi << 4 | lo));
		ps->p += 2;
	}
	if (rc)
		return rc;
	if (cond_word_char(*ps->p))
		return cond_fail(ps, ps->p, "bad octet string");
	cond_close(ps, mark);
	return 0;
}

static int cond_sid(struct cond_parser *ps)
{
	struct sddl_error err = { 0, NULL };
	struct wt_sid sid;
	int n, rc;

	cond_ws(ps);
	n = sddl_parse_sid(ps->p, ps->dom, &sid, &err);
	if (n < 0)
		return cond_fail(ps, ps->p, err.message);
	ps->p += n;
	cond_ws(ps);
	if (*ps->p != ')')
		return cond_fail(ps, ps->p, "expected ')' after the SID");
	ps->p++;
	rc = cond_emit_byte(ps, WT_CT_SID);
	if (!rc)
		rc = cond_emit_le32(ps, (u32)wt_sid_size(&sid));
	return rc ? rc : cond_emit(ps, &sid, wt_sid_size(&sid));
}

/* One literal; *@kind says whether it is a SID. */
static int cond_literal(struct cond_parser *ps, enum cond_kind *kind)
{
	*kind = CK_VALUE;
	if (*ps->p == '"')
		return cond_string(ps);
	if (*ps->p == '#')
		return cond_octets(ps);
	if (cond_keyword(ps, "SID(")) {
		*kind = CK_SID;
		return cond_sid(ps);
	}
	if (*ps->p == '+' || *ps->p == '-' || isdigit((unsigned char)*ps->p))
		return cond_integer(ps);
	return cond_fail(ps, ps->p, "expected a value");
}

/* "{" literal ("," literal)* "}" or "{}". */
static int cond_composite(struct cond_parser *ps, enum cond_kind *kind)
{
	enum cond_kind k;
	bool all_sids = true;
	size_t mark;
	int rc, n = 0;

	ps->p++;
	rc = cond_open(ps, WT_CT_COMPOSITE, &mark);
	cond_ws(ps);
	if (!rc && *ps->p == '}') {
		ps->p++;
		cond_close(ps, mark);
		*kind = CK_LIST;
		return 0;
	}
	while (!rc) {
		cond_ws(ps);
		rc = cond_literal(ps, &k);
		if (rc)
			return rc;
		all_sids &= k == CK_SID;
		n++;
		cond_ws(ps);
		if (*ps->p == '}')
			break;
		if (*ps->p != ',')
			return cond_fail(ps, ps->p, "expected ',' or '}'");
		ps->p++;
	}
	if (rc)
		return rc;
	ps->p++;
	cond_close(ps, mark);
	*kind = all_sids && n ? CK_SIDS : CK_LIST;
	return 0;
}

/* Right-hand side of a binary operator: attribute, literal or list. */
static int cond_operand(struct cond_parser *ps)
{
	enum cond_kind kind;

	cond_ws(ps);
	if (*ps->p == '{')
		return cond_composite(ps, &kind);
	if (!strncasecmp(ps->p, "SID(", 4) || *ps->p == '"' || *ps->p == '#' ||
	    *ps->p == '+' || *ps->p == '-' || isdigit((unsigned char)*ps->p))
		return cond_literal(ps, &kind);
	if (cond_at_attribute(ps->p))
		return cond_attribute(ps);
	return cond_fail(ps, ps->p, "expected an attribute or a value");
}

static int cond_sid_array(struct cond_parser *ps)
{
	const char *at;
	enum cond_kind kind;
	int rc;

	bool paren;

	cond_ws(ps);
	/* Windows also takes Member_of(SID(x)) and Member_of({...}) */
	paren = *ps->p == '(';
	if (paren) {
		ps->p++;
		cond_ws(ps);
	}
	at = ps->p;
	if (*ps->p == '{')
		rc = cond_composite(ps, &kind);
	else
		rc = cond_literal(ps, &kind);
	/*
	 * Windows stores {1, 2} here too (such a condition never matches:
	 * the evaluator finds no SID in it, an error, see wt_cond.c).
	 */
	if (!rc && kind != CK_SID && kind != CK_SIDS && kind != CK_LIST)
		return cond_fail(ps, at, "membership needs SID(...) or {...}");
	if (!rc && paren) {
		cond_ws(ps);
		if (*ps->p != ')')
			return cond_fail(ps, ps->p, "expected ')'");
		ps->p++;
	}
	return rc;
}

static int cond_or(struct cond_parser *ps, enum cond_kind *kind);

static int cond_term(struct cond_parser *ps, enum cond_kind *kind)
{
	const struct cond_op *op;
	int rc;

	*kind = CK_EXPR;
	op = cond_find(ps, cond_member_ops, ARRAY_SIZE(cond_member_ops));
	if (op) {
		rc = cond_sid_array(ps);
		return rc ? rc : cond_emit_byte(ps, op->code);
	}
	op = cond_find(ps, cond_exists_ops, ARRAY_SIZE(cond_exists_ops));
	if (op) {
		cond_ws(ps);
		if (!cond_at_attribute(ps->p))
			return cond_fail(ps, ps->p, "expected an attribute");
		rc = cond_attribute(ps);
		return rc ? rc : cond_emit_byte(ps, op->code);
	}
	if (!cond_at_attribute(ps->p))
		return cond_fail(ps, ps->p, "expected a condition");
	rc = cond_attribute(ps);
	if (rc)
		return rc;
	cond_ws(ps);
	op = cond_find(ps, cond_binary_ops, ARRAY_SIZE(cond_binary_ops));
	if (!op) {
		*kind = CK_ATTR;
		return 0;
	}
	rc = cond_operand(ps);
	return rc ? rc : cond_emit_byte(ps, op->code);
}

/* "!" unary | "(" or-expression ")" | term */
static int cond_unary(struct cond_parser *ps, enum cond_kind *kind)
{
	const char *at;
	int rc;

	cond_ws(ps);
	at = ps->p;
	if (++ps->depth > COND_MAX_NESTING)
		return cond_fail(ps, at, "conditional expression nested too deeply");
	if (*ps->p == '!' && ps->p[1] != '=') {
		ps->p++;
		rc = cond_unary(ps, kind);
		if (!rc && !cond_is_condition(*kind))
			rc = cond_fail(ps, at, "'!' needs a condition");
		if (!rc)
			rc = cond_emit_byte(ps, CT_NOT);
		*kind = CK_EXPR;
	} else if (*ps->p == '(') {
		ps->p++;
		rc = cond_or(ps, kind);
		cond_ws(ps);
		if (!rc && *ps->p != ')')
			rc = cond_fail(ps, ps->p, "expected ')'");
		if (!rc)
			ps->p++;
	} else {
		rc = cond_term(ps, kind);
	}
	ps->depth--;
	return rc;
}

/* Left-associative chains of one logical operator over @next. */
static int cond_chain(struct cond_parser *ps, enum cond_kind *kind,
		      const char *symbol, u8 code,
		      int (*next)(struct cond_parser *, enum cond_kind *))
{
	enum cond_kind rhs;
	int rc = next(ps, kind);

	for (;;) {
		cond_ws(ps);
		if (rc || strncmp(ps->p, symbol, 2))
			return rc;
		ps->p += 2;
		rc = next(ps, &rhs);
		if (!rc && (!cond_is_condition(*kind) || !cond_is_condition(rhs)))
			rc = cond_fail(ps, ps->p, "logical operator needs conditions");
		if (!rc)
			rc = cond_emit_byte(ps, code);
		*kind = CK_EXPR;
	}
}

static int cond_and(struct cond_parser *ps, enum cond_kind *kind)
{
	return cond_chain(ps, kind, "&&", CT_AND, cond_unary);
}

static int cond_or(struct cond_parser *ps, enum cond_kind *kind)
{
	return cond_chain(ps, kind, "||", CT_OR, cond_and);
}

int sddl_cond_parse(const char *str, const struct sddl_domain *dom,
		    u8 **out, u16 *len, size_t *used, size_t *offset,
		    const char **msg)
{
	struct cond_parser ps = { .start = str, .p = str, .dom = dom };
	enum cond_kind kind;
	int rc;

	cond_ws(&ps);		/* Windows allows "...;SID; (cond))" */
	if (*ps.p != '(') {
		rc = cond_fail(&ps, ps.p, "expected '(' before the condition");
	} else {
		rc = cond_emit(&ps, "artx", 4);
		if (!rc)
			rc = cond_unary(&ps, &kind);
	}
	if (!rc) {
		/* What we accept must be writable: this checks the tree depth. */
		char *text;

		rc = sddl_cond_format(ps.buf, ps.len, dom, &text);
		if (rc == -EOPNOTSUPP)
			rc = cond_fail(&ps, str, "condition nested too deeply");
		else if (!rc)
			free(text);
	}
	if (rc) {
		free(ps.buf);
		*offset = (ps.at ? ps.at : ps.p) - str;
		*msg = ps.msg ? ps.msg : "out of memory";
		return rc;
	}
	*out = ps.buf;
	*len = (u16)ps.len;
	*used = ps.p - str;
	return 0;
}
