/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the parts of the conditional expression code share: sddl_cond.c
 * (tables and the compiler), sddl_cond_fmt.c (the formatter) and sddl_ra.c
 * (resource attributes). Others include sddl_cond.h.
 */
#ifndef WT_TOOLS_SDDL_COND_INT_H
#define WT_TOOLS_SDDL_COND_INT_H

#include <ctype.h>
#include <string.h>

#include "sddl_cond.h"

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

/* What a parsed piece is, for the operand checks. */
enum cond_kind {
	CK_EXPR,	/* a condition */
	CK_ATTR,	/* an attribute (also a condition on its own) */
	CK_VALUE,	/* a literal other than a SID */
	CK_SID,		/* SID(...) */
	CK_SIDS,	/* {SID(...), ...}: non-empty, SIDs only */
	CK_LIST,	/* any other {...} */
};

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

static inline bool cond_is_condition(enum cond_kind k)
{
	return k == CK_EXPR || k == CK_ATTR;
}

static inline bool cond_name_char(char c)
{
	return isalnum((unsigned char)c) || c == ':' || c == '.' || c == '/' ||
	       c == '_';
}

/*
 * [MS-DTYP] 2.5.1.1 lit-char: what a prefixed attribute name may hold
 * besides attr-char1 (and code points from 0x80, and %XXXX escapes).
 */
static inline bool cond_lit_char(char c)
{
	return c && strchr("#$'*+-./:;?@[\\]^_`{}~", c);
}

static inline bool cond_word_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* sddl_cond.c */
int cond_fail(struct cond_parser *ps, const char *at, const char *msg);
int cond_hex4(const char *p);
int cond_emit_utf16(struct cond_parser *ps, u32 unit);
bool cond_utf8(const char **s, u32 *cp);
int cond_emit_codepoint(struct cond_parser *ps, u32 cp);
int cond_digit(char c, unsigned int base);
int cond_append(u8 **buf, size_t *len, size_t *cap, const void *bytes,
		size_t n);
void cond_put_le32(u8 *p, u32 v);
void cond_ws(struct cond_parser *ps);

/* sddl_cond_fmt.c */
char *cond_strdup_printf(const char *fmt, ...);
u32 cond_le32(const u8 *p);
char *cond_format_string(const u8 *p, u32 n);
char *cond_format_octets(const u8 *p, u32 n);

#endif /* WT_TOOLS_SDDL_COND_INT_H */
