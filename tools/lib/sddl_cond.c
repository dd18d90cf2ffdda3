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

/* Token bytes: WT_CT_* in wt_cond.h; the operators kept here */
#define CT_EXISTS	0x87
#define CT_NOT_EXISTS	0x8d
#define CT_AND		0xa0
#define CT_OR		0xa1
#define CT_NOT		0xa2

/* Integer sign and base bytes */
#define CT_SIGN_PLUS	0x01
#define CT_SIGN_MINUS	0x02
#define CT_SIGN_NONE	0x03
#define CT_BASE_OCTAL	0x01
#define CT_BASE_DECIMAL	0x02
#define CT_BASE_HEX	0x03

/*
 * Limits: nesting of '(' and '!' while parsing (stack safety), and depth
 * of the expression tree, which bounds the nesting of our own output far
 * below the first, so that whatever we write we can read again.
 */
#define COND_MAX_NESTING	1024
#define COND_MAX_TREE	512

struct cond_op {
	const char *name;
	u8 code;
};

/*
 * Longest first where one name is a prefix of another. Spelt as Windows
 * writes them ("_any"); read in any case.
 */
static const struct cond_op cond_member_ops[] = {
	{ "Not_Device_Member_of_any", 0x93 },
	{ "Not_Device_Member_of", 0x91 },
	{ "Device_Member_of_any", 0x8c },
	{ "Device_Member_of", 0x8a },
	{ "Not_Member_of_any", 0x92 },
	{ "Not_Member_of", 0x90 },
	{ "Member_of_any", 0x8b },
	{ "Member_of", 0x89 },
};

static const struct cond_op cond_exists_ops[] = {
	{ "Not_Exists", CT_NOT_EXISTS },
	{ "Exists", CT_EXISTS },
};

/* Symbols first, longest first; then the word operators. */
static const struct cond_op cond_binary_ops[] = {
	{ "==", 0x80 }, { "!=", 0x81 }, { "<=", 0x83 }, { ">=", 0x85 },
	{ "<", 0x82 }, { ">", 0x84 },
	{ "Not_Contains", 0x8e }, { "Not_Any_of", 0x8f },
	{ "Contains", 0x86 }, { "Any_of", 0x88 },
};

static const struct cond_op cond_attr_prefixes[] = {
	{ "@USER.", WT_CT_USER },
	{ "@DEVICE.", WT_CT_DEVICE },
	{ "@RESOURCE.", WT_CT_RESOURCE },
};

/* What a parsed piece is, for the operand checks. */
enum cond_kind {
	CK_EXPR,	/* a condition */
	CK_ATTR,	/* an attribute (also a condition on its own) */
	CK_VALUE,	/* a literal other than a SID */
	CK_SID,		/* SID(...) */
	CK_SIDS,	/* {SID(...), ...}: non-empty, SIDs only */
	CK_LIST,	/* any other {...} */
};

static bool cond_is_condition(enum cond_kind k)
{
	return k == CK_EXPR || k == CK_ATTR;
}

static bool cond_name_char(char c)
{
	return isalnum((unsigned char)c) || c == ':' || c == '.' || c == '/' ||
	       c == '_';
}

/*
 * [MS-DTYP] 2.5.1.1 lit-char: what a prefixed attribute name may hold
 * besides attr-char1 (and code points from 0x80, and %XXXX escapes).
 */
static bool cond_lit_char(char c)
{
	return c && strchr("#$'*+-./:;?@[\\]^_`{}~", c);
}

static bool cond_word_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* ---- compiler ---- */

struct cond_parser {
	const char *start;
	const char *p;
	const struct sddl_domain *dom;
	u8 *buf;
	size_t len;
	size_t cap;
	const char *msg;
	const char *at;
	unsigned int depth;
};

static int cond_fail(struct cond_parser *ps, const char *at, const char *msg)
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
static int cond_append(u8 **buf, size_t *len, size_t *cap, const void *bytes,
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

static void cond_put_le32(u8 *p, u32 v)
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

static int cond_emit_utf16(struct cond_parser *ps, u32 unit)
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

static void cond_ws(struct cond_parser *ps)
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
static bool cond_utf8(const char **s, u32 *cp)
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

static int cond_emit_codepoint(struct cond_parser *ps, u32 cp)
{
	int rc;

	if (cp < 0x10000)
		return cond_emit_utf16(ps, cp);
	cp -= 0x10000;
	rc = cond_emit_utf16(ps, 0xd800 | (cp >> 10));
	return rc ? rc : cond_emit_utf16(ps, 0xdc00 | (cp & 0x3ff));
}

static int cond_hex4(const char *p)
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

static int cond_digit(char c, unsigned int base)
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

static u32 cond_le32(const u8 *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24;
}

static char *cond_strdup_printf(const char *fmt, ...)
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
static char *cond_format_string(const u8 *p, u32 n)
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

static char *cond_format_octets(const u8 *p, u32 n)
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
		if (v >= 0) {
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
