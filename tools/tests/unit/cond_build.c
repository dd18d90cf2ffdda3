// SPDX-License-Identifier: GPL-2.0
/*
 * Builders for the conditional ACE tests: expressions and claims assembled
 * byte by byte from [MS-DTYP] 2.4.4.17 and 2.4.10.1, and the token they are
 * evaluated against.
 */
#include "cond_build.h"

/* ---- expression builder ---- */

void e_init(struct expr *e)
{
	memcpy(e->b, "artx", 4);
	e->n = 4;
	e->comp = 0;
}

void e_byte(struct expr *e, unsigned char c)
{
	e->b[e->n++] = c;
}

static void e_le32(struct expr *e, unsigned int v)
{
	e_byte(e, v & 0xff);
	e_byte(e, (v >> 8) & 0xff);
	e_byte(e, (v >> 16) & 0xff);
	e_byte(e, v >> 24);
}

/* An attribute token (0xf8 local .. 0xfb device) or a string literal. */
void e_utf16(struct expr *e, unsigned char code, const char *s)
{
	size_t i, n = strlen(s);

	e_byte(e, code);
	e_le32(e, 2 * n);
	for (i = 0; i < n; i++) {
		e_byte(e, (unsigned char)s[i]);
		e_byte(e, 0);
	}
}

void INT(struct expr *e, long long v)
{
	int i;

	e_byte(e, 0x04);
	for (i = 0; i < 8; i++)
		e_byte(e, (unsigned char)((unsigned long long)v >> (8 * i)));
	e_byte(e, v < 0 ? 0x02 : 0x03);	/* sign */
	e_byte(e, 0x02);			/* decimal */
}

void OCT(struct expr *e, const char *bytes, unsigned int n)
{
	e_byte(e, 0x18);
	e_le32(e, n);
	memcpy(e->b + e->n, bytes, n);
	e->n += n;
}

void SIDT(struct expr *e, const char *str)
{
	struct wt_sid sid = S(str);
	size_t n = wt_sid_size(&sid);

	e_byte(e, 0x51);
	e_le32(e, n);
	memcpy(e->b + e->n, &sid, n);
	e->n += n;
}

void COMP_BEGIN(struct expr *e)
{
	e_byte(e, 0x50);
	e->comp = e->n;
	e_le32(e, 0);
}

void COMP_END(struct expr *e)
{
	unsigned int n = e->n - e->comp - 4;

	e->b[e->comp] = n & 0xff;
	e->b[e->comp + 1] = (n >> 8) & 0xff;
	e->b[e->comp + 2] = 0;
	e->b[e->comp + 3] = 0;
	e->comp = 0;
}

/* ---- claim builder: CLAIM_SECURITY_ATTRIBUTE_RELATIVE_V1 ---- */

void c_le32(unsigned char *p, unsigned int v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = v >> 24;
}

/* Header and room for @count value offsets, then the name. */
void c_init(struct claim *c, const char *name, unsigned int type,
	    unsigned int flags, unsigned int count)
{
	size_t i;

	memset(c, 0, sizeof(*c));
	c->n = 16 + 4 * count;
	c_le32(c->b, c->n);
	c->b[4] = type & 0xff;
	c->b[5] = type >> 8;
	c_le32(c->b + 8, flags);
	c_le32(c->b + 12, count);
	for (i = 0; i <= strlen(name); i++) {
		c->b[c->n++] = (unsigned char)name[i];
		c->b[c->n++] = 0;
	}
}

static void c_off(struct claim *c)
{
	c->n = (c->n + 3) & ~3u;
	c_le32(c->b + 16 + 4 * c->count++, c->n);
}

void c_int(struct claim *c, long long v)
{
	c_off(c);
	memcpy(c->b + c->n, &v, 8);	/* the host is little-endian */
	c->n += 8;
}

void c_str(struct claim *c, const char *s)
{
	size_t i;

	c_off(c);
	for (i = 0; i <= strlen(s); i++) {
		c->b[c->n++] = (unsigned char)s[i];
		c->b[c->n++] = 0;
	}
}

void c_bytes(struct claim *c, const void *p, unsigned int n)
{
	c_off(c);
	c_le32(c->b + c->n, n);
	memcpy(c->b + c->n + 4, p, n);
	c->n += 4 + n;
}

void c_sid(struct claim *c, const char *str)
{
	struct wt_sid sid = S(str);

	c_bytes(c, &sid, wt_sid_size(&sid));
}

/* ---- evaluation fixture ---- */

struct tok_fixture tok;
static struct wt_claim_blob user_claims[8], device_claims[8];
static struct wt_sid_attr device_groups[4];
struct wt_acl_view no_sacl;

void reset_token(void)
{
	mk_tok(&tok, "S-1-5-21-1-2-3-1001");
	tok_group(&tok, "S-1-5-21-1-2-3-513", WT_SE_GROUP_ENABLED);
	tok_group(&tok, "S-1-5-21-1-2-3-600", 0);	/* disabled */
	tok_group(&tok, "S-1-5-21-1-2-3-700", WT_SE_GROUP_USE_FOR_DENY_ONLY);
	tok.v.user_claims = user_claims;
	tok.v.user_claim_count = 0;
	tok.v.device_claims = device_claims;
	tok.v.device_claim_count = 0;
	device_groups[0].sid = S("S-1-5-21-9-9-9-515");
	device_groups[0].attributes = WT_SE_GROUP_ENABLED;
	tok.v.device_groups = device_groups;
	tok.v.device_group_count = 1;
}

void add_claim(bool device, const struct claim *c)
{
	struct wt_claim_blob *b = device ?
		&device_claims[tok.v.device_claim_count++] :
		&user_claims[tok.v.user_claim_count++];

	b->data = c->b;
	b->len = c->n;
}

int eval_env(const struct expr *e, const struct wt_acl_view *sacl,
	     bool deny, u32 *work)
{
	struct wt_cond_env env = {
		.tok = &tok.v, .sacl = sacl, .deny = deny, .work = work,
	};

	return wt_cond_eval(e->b, e->n, &env);
}

static int eval(const struct expr *e)
{
	u32 work = WT_COND_WORK_MAX;

	return eval_env(e, &no_sacl, false, &work);
}

const char *tv_name(int tv)
{
	return tv == WT_COND_TRUE ? "TRUE" : tv == WT_COND_FALSE ? "FALSE" :
	       tv == WT_COND_UNKNOWN ? "UNKNOWN" : "?";
}

void expect(const struct expr *e, int want, const char *what)
{
	int got = eval(e);

	ok(got == want, "cond: %s is %s (got %s)", what, tv_name(want),
	   tv_name(got));
}
