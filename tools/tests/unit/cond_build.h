/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Builders for the conditional ACE tests (cond_build.c): an expression or a
 * claim is assembled byte by byte, independently of the SDDL compiler, and
 * evaluated against one shared token fixture.
 */
#ifndef WT_COND_BUILD_H
#define WT_COND_BUILD_H

#include "unit.h"
#include "wt_cond.h"

/* ---- expression builder ---- */

struct expr {
	unsigned char b[1024];
	size_t n;
	size_t comp;	/* start of an open composite, 0 if none */
};

void e_init(struct expr *e);
void e_byte(struct expr *e, unsigned char c);
/* An attribute token (0xf8 local .. 0xfb device) or a string literal. */
void e_utf16(struct expr *e, unsigned char code, const char *s);

#define USER(e, s) e_utf16(e, 0xf9, s)
#define DEVICE(e, s) e_utf16(e, 0xfb, s)
#define RES(e, s) e_utf16(e, 0xfa, s)
#define LOCAL(e, s) e_utf16(e, 0xf8, s)
#define STR(e, s) e_utf16(e, 0x10, s)

void INT(struct expr *e, long long v);
void OCT(struct expr *e, const char *bytes, unsigned int n);
void SIDT(struct expr *e, const char *str);
void COMP_BEGIN(struct expr *e);
void COMP_END(struct expr *e);

#define OP(e, c) e_byte(e, c)

/* ---- claim builder: CLAIM_SECURITY_ATTRIBUTE_RELATIVE_V1 ---- */

struct claim {
	unsigned char b[512];
	unsigned int n;
	unsigned int count;
};

void c_le32(unsigned char *p, unsigned int v);
/* Header and room for @count value offsets, then the name. */
void c_init(struct claim *c, const char *name, unsigned int type,
	    unsigned int flags, unsigned int count);
void c_int(struct claim *c, long long v);
void c_str(struct claim *c, const char *s);
void c_bytes(struct claim *c, const void *p, unsigned int n);
void c_sid(struct claim *c, const char *str);

/* ---- evaluation fixture ---- */

/* User 1001 with an enabled, a disabled and a deny-only group. */
extern struct tok_fixture tok;
extern struct wt_acl_view no_sacl;

void reset_token(void);
void add_claim(bool device, const struct claim *c);
int eval_env(const struct expr *e, const struct wt_acl_view *sacl,
	     bool deny, u32 *work);
const char *tv_name(int tv);
/* One TAP line: @e evaluates to @want. */
void expect(const struct expr *e, int want, const char *what);

#endif /* WT_COND_BUILD_H */
