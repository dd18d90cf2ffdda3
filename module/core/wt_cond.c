// SPDX-License-Identifier: GPL-2.0
/*
 * Conditional ACE evaluation ([MS-DTYP] 2.4.4.17). The expression is a
 * postfix token stream: operands are pushed on a small fixed stack,
 * operators pop them and push a three-valued result. Attribute operands
 * are resolved to claims (user, device) or resource attributes (the
 * object's SACL) when pushed; a name that resolves to nothing is NULL, and
 * every operator given NULL answers UNKNOWN (Exists excepted).
 *
 * Anything the evaluator cannot make sense of, bytes it does not know, a
 * stack overflow or running out of work ends the evaluation with UNKNOWN
 * as a whole (not just the operation), so an error can never be negated
 * or or-ed into TRUE.
 */
#include "wt_cond.h"
#include "wt_access.h"
#include "wt_sd_emit.h"

#define OP_EQ		0x80
#define OP_NE		0x81
#define OP_LT		0x82
#define OP_LE		0x83
#define OP_GT		0x84
#define OP_GE		0x85
#define OP_CONTAINS	0x86
#define OP_EXISTS	0x87
#define OP_ANY_OF	0x88
#define OP_MEMBER_OF	0x89
#define OP_DEV_MEMBER_OF 0x8a
#define OP_MEMBER_ANY	0x8b
#define OP_DEV_MEMBER_ANY 0x8c
#define OP_NOT_EXISTS	0x8d
#define OP_NOT_CONTAINS	0x8e
#define OP_NOT_ANY_OF	0x8f
#define OP_NOT_MEMBER_OF 0x90
#define OP_NOT_DEV_MEMBER_OF 0x91
#define OP_NOT_MEMBER_ANY 0x92
#define OP_NOT_DEV_MEMBER_ANY 0x93
#define OP_AND		0xa0
#define OP_OR		0xa1
#define OP_NOT		0xa2

/* Claim blob header: name, type, reserved, flags, count */
#define CLAIM_HDR	16

/* What a stack entry holds */
enum cv_kind {
	CV_RESULT,	/* @tv */
	CV_LITERAL,	/* one literal token or a composite at @p */
	CV_CLAIM,	/* a claim blob at @p, @len bytes */
	CV_NULL,	/* an attribute that resolved to nothing */
};

/* 16 bytes: the stack lives on the kernel stack */
struct cond_val {
	const u8 *p;
	u32 len;
	u8 kind;
	u8 tv;
};

/* One value, whatever it came from */
enum item_type { IT_INT, IT_STR, IT_OCT, IT_SID };

struct cond_item {
	u8 type;
	bool big;		/* IT_INT: an unsigned value above S64_MAX */
	bool case_sensitive;	/* IT_STR from a case-sensitive claim */
	s64 i;
	const u8 *p;		/* IT_STR (UTF-16LE), IT_OCT, IT_SID */
	u32 len;
};

/* A set of values: the elements of a literal or composite, or a claim. */
struct cond_set {
	const struct cond_val *v;
	u32 count;
};

struct cond_run {
	const struct wt_cond_env *env;
	bool failed;
};

static bool cond_spend(struct cond_run *r, u32 units)
{
	if (*r->env->work < units) {
		*r->env->work = 0;
		r->failed = true;
		return false;
	}
	*r->env->work -= units;
	return true;
}

static u64 get_le64(const u8 *p)
{
	return (u64)wt_get_le32(p) | (u64)wt_get_le32(p + 4) << 32;
}

/* Size of the literal token at @p (@end bounds it), 0 if malformed. */
static u32 literal_size(const u8 *p, const u8 *end)
{
	u32 n;

	if (*p >= WT_CT_INT8 && *p <= WT_CT_INT64)
		return end - p >= 11 ? 11 : 0;
	if (*p != WT_CT_STRING && *p != WT_CT_OCTETS && *p != WT_CT_SID &&
	    *p != WT_CT_COMPOSITE)
		return 0;
	if (end - p < 5)
		return 0;
	n = wt_get_le32(p + 1);
	if (n > (u32)(end - p - 5))
		return 0;
	if (*p == WT_CT_STRING && n % 2)
		return 0;
	return 5 + n;
}

/* A literal token (not a composite) as an item; false if malformed. */
static bool literal_item(const u8 *p, u32 size, struct cond_item *it)
{
	size_t sid_size;

	it->big = false;
	it->case_sensitive = false;
	if (*p >= WT_CT_INT8 && *p <= WT_CT_INT64) {
		it->type = IT_INT;
		it->i = (s64)get_le64(p + 1);
		/* no sign byte: the bit pattern of an unsigned number */
		it->big = p[9] == 3 && it->i < 0;
		return true;
	}
	it->p = p + 5;
	it->len = size - 5;
	switch (*p) {
	case WT_CT_STRING:
		it->type = IT_STR;
		return true;
	case WT_CT_OCTETS:
		it->type = IT_OCT;
		return true;
	case WT_CT_SID:
		it->type = IT_SID;
		return !wt_sid_validate(it->p, it->len, &sid_size) &&
		       sid_size == it->len;
	default:
		return false;
	}
}

/* Value @index of a claim blob as an item; false if malformed. */
static bool claim_item(const u8 *c, u32 len, u32 index, struct cond_item *it)
{
	u32 off, n, i;
	u16 type = wt_get_le16(c + 4);
	size_t sid_size;

	if (CLAIM_HDR + 4 * (index + 1) > len)
		return false;
	off = wt_get_le32(c + CLAIM_HDR + 4 * index);
	it->big = false;
	it->case_sensitive = wt_get_le32(c + 8) & WT_CLAIM_FLAG_CASE_SENSITIVE;
	switch (type) {
	case WT_CLAIM_TYPE_INT64:
	case WT_CLAIM_TYPE_UINT64:
	case WT_CLAIM_TYPE_BOOLEAN:
		if (off > len || len - off < 8)
			return false;
		it->type = IT_INT;
		it->i = (s64)get_le64(c + off);
		it->big = type == WT_CLAIM_TYPE_UINT64 && it->i < 0;
		return true;
	case WT_CLAIM_TYPE_STRING:
		/* NUL-terminated UTF-16LE */
		if (off > len)
			return false;
		for (i = off; i + 1 < len; i += 2) {
			if (!c[i] && !c[i + 1]) {
				it->type = IT_STR;
				it->p = c + off;
				it->len = i - off;
				return true;
			}
		}
		return false;
	case WT_CLAIM_TYPE_SID:
	case WT_CLAIM_TYPE_OCTET:
		if (off > len || len - off < 4)
			return false;
		n = wt_get_le32(c + off);
		if (n > len - off - 4)
			return false;
		it->p = c + off + 4;
		it->len = n;
		if (type == WT_CLAIM_TYPE_OCTET) {
			it->type = IT_OCT;
			return true;
		}
		it->type = IT_SID;
		return !wt_sid_validate(it->p, n, &sid_size) && sid_size == n;
	default:
		return false;
	}
}

/**
 * wt_claim_valid() - is this a claim blob the evaluator can read in full?
 * @data: CLAIM_SECURITY_ATTRIBUTE_RELATIVE_V1 bytes
 * @len: their length
 *
 * Return: true when the header, the NUL-terminated non-empty name and
 * every value are inside @len and of the declared type.
 */
bool wt_claim_valid(const u8 *data, u32 len)
{
	struct cond_item it;
	u32 name, count, i;

	if (len < CLAIM_HDR)
		return false;
	name = wt_get_le32(data);
	count = wt_get_le32(data + 12);
	if (count > (len - CLAIM_HDR) / 4 || name > len || len - name < 4 ||
	    (!data[name] && !data[name + 1]))
		return false;
	for (i = name; i + 1 < len; i += 2)
		if (!data[i] && !data[i + 1])
			break;
	if (i + 1 >= len)
		return false;
	for (i = 0; i < count; i++)
		if (!claim_item(data, len, i, &it))
			return false;
	return true;
}

static u16 fold(u16 c)
{
	return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

/*
 * Ordinal comparison of UTF-16LE strings, case-insensitive for ASCII
 * letters unless @cs.
 */
static int str_cmp(const u8 *a, u32 alen, const u8 *b, u32 blen, bool cs)
{
	u32 i;

	for (i = 0; i + 1 < alen && i + 1 < blen; i += 2) {
		u16 x = a[i] | a[i + 1] << 8, y = b[i] | b[i + 1] << 8;

		if (!cs) {
			x = fold(x);
			y = fold(y);
		}
		if (x != y)
			return x < y ? -1 : 1;
	}
	return alen == blen ? 0 : alen < blen ? -1 : 1;
}

/* Does the claim blob @c carry the UTF-16LE name @name (@n bytes)? */
static bool claim_named(const u8 *c, u32 len, const u8 *name, u32 n)
{
	u32 off, i;

	if (len < CLAIM_HDR)
		return false;
	off = wt_get_le32(c);
	if (off > len)
		return false;
	for (i = off; i + 1 < len; i += 2)
		if (!c[i] && !c[i + 1])
			return !str_cmp(c + off, i - off, name, n, false);
	return false;
}

/*
 * Compare two items: 0 equal, -1/1 ordered, 2 incomparable (types that
 * differ, or an order asked of SIDs: @ordered).
 */
static int item_cmp(const struct cond_item *a, const struct cond_item *b,
		    bool ordered)
{
	int rc;

	if (a->type != b->type)
		return 2;
	switch (a->type) {
	case IT_INT:
		if (a->big != b->big)
			return a->big ? 1 : -1;
		if (a->big)
			return (u64)a->i == (u64)b->i ? 0 :
			       (u64)a->i < (u64)b->i ? -1 : 1;
		return a->i == b->i ? 0 : a->i < b->i ? -1 : 1;
	case IT_STR:
		return str_cmp(a->p, a->len, b->p, b->len,
			       a->case_sensitive || b->case_sensitive);
	case IT_OCT:
		rc = memcmp(a->p, b->p, a->len < b->len ? a->len : b->len);
		if (rc)
			return rc < 0 ? -1 : 1;
		return a->len == b->len ? 0 : a->len < b->len ? -1 : 1;
	default:	/* IT_SID */
		/* SIDs are equal or not; they have no order */
		if (ordered)
			return 2;
		return a->len == b->len && !memcmp(a->p, b->p, a->len) ? 0 : 1;
	}
}

/*
 * Walk the values of @v: *@pos is the cursor (0 to start). Returns 1 with
 * the next item, 0 at the end, -1 on malformed data.
 */
static int val_next(const struct cond_val *v, u32 *pos, struct cond_item *it)
{
	const u8 *p, *end;
	u32 size;

	if (v->kind == CV_CLAIM) {
		if (*pos >= wt_get_le32(v->p + 12))
			return 0;
		return claim_item(v->p, v->len, (*pos)++, it) ? 1 : -1;
	}
	if (*v->p != WT_CT_COMPOSITE) {	/* a single literal */
		if (*pos)
			return 0;
		(*pos)++;
		return literal_item(v->p, v->len, it) ? 1 : -1;
	}
	end = v->p + v->len;
	p = v->p + 5 + *pos;
	if (p >= end)
		return 0;
	size = literal_size(p, end);
	if (!size || *p == WT_CT_COMPOSITE)	/* no nested composites */
		return -1;
	*pos += size;
	return literal_item(p, size, it) ? 1 : -1;
}

/* Number of values of @v, or -1 on malformed data. */
static int val_count(struct cond_run *r, const struct cond_val *v)
{
	struct cond_item it;
	u32 pos = 0;
	int n = 0, rc;

	if (v->kind == CV_CLAIM)
		return (int)wt_get_le32(v->p + 12);
	while ((rc = val_next(v, &pos, &it)) > 0) {
		if (!cond_spend(r, 1))
			return -1;
		n++;
	}
	return rc < 0 ? -1 : n;
}

/*
 * Is every value of @a equal to some value of @b? 1 yes, 0 no, -1 for
 * values that cannot be compared (UNKNOWN) or malformed data (failed).
 */
static int val_subset(struct cond_run *r, const struct cond_val *a,
		      const struct cond_val *b, bool any)
{
	struct cond_item x, y;
	u32 pa = 0, pb;
	int ra, rb, c;
	bool found, all = true, some = false;

	while ((ra = val_next(a, &pa, &x)) > 0) {
		found = false;
		pb = 0;
		while (!found && (rb = val_next(b, &pb, &y)) > 0) {
			if (!cond_spend(r, 1))
				return -1;
			c = item_cmp(&x, &y, false);
			if (c == 2)
				return -1;
			found = !c;
		}
		if (rb < 0) {
			r->failed = true;
			return -1;
		}
		all &= found;
		some |= found;
	}
	if (ra < 0) {
		r->failed = true;
		return -1;
	}
	return any ? some : all;
}

static u8 tv_not(u8 tv)
{
	return tv == WT_COND_UNKNOWN ? tv : !tv;
}

/* ==, !=, <, <=, >, >=, Contains, Any_of and their negations */
static u8 relational(struct cond_run *r, u8 op, const struct cond_val *lhs,
		     const struct cond_val *rhs)
{
	struct cond_item x, y;
	u32 pa = 0, pb = 0;
	int na, nb, c, s, t;

	if (lhs->kind == CV_NULL || rhs->kind == CV_NULL)
		return WT_COND_UNKNOWN;
	if (lhs->kind == CV_RESULT || rhs->kind == CV_RESULT) {
		r->failed = true;
		return WT_COND_UNKNOWN;
	}
	na = val_count(r, lhs);
	nb = val_count(r, rhs);
	if (na < 0 || nb < 0) {
		r->failed = true;
		return WT_COND_UNKNOWN;
	}
	switch (op) {
	case OP_CONTAINS:
	case OP_NOT_CONTAINS:
		s = val_subset(r, rhs, lhs, false);
		if (s < 0)
			return WT_COND_UNKNOWN;
		return op == OP_CONTAINS ? s : !s;
	case OP_ANY_OF:
	case OP_NOT_ANY_OF:
		s = val_subset(r, lhs, rhs, true);
		if (s < 0)
			return WT_COND_UNKNOWN;
		return op == OP_ANY_OF ? s : !s;
	case OP_EQ:
	case OP_NE:
		if (na != 1 || nb != 1) {
			/* sets: equal when each holds the other */
			s = val_subset(r, lhs, rhs, false);
			t = s > 0 ? val_subset(r, rhs, lhs, false) : s;
			if (t < 0)
				return WT_COND_UNKNOWN;
			return (op == OP_EQ) == (t > 0);
		}
		break;
	default:
		if (na != 1 || nb != 1)
			return WT_COND_UNKNOWN;
	}
	if (val_next(lhs, &pa, &x) != 1 || val_next(rhs, &pb, &y) != 1) {
		r->failed = true;
		return WT_COND_UNKNOWN;
	}
	if (!cond_spend(r, 1))
		return WT_COND_UNKNOWN;
	c = item_cmp(&x, &y, op != OP_EQ && op != OP_NE);
	if (c == 2)	/* values of different types: no answer */
		return WT_COND_UNKNOWN;
	switch (op) {
	case OP_EQ:
		return c == 0;
	case OP_NE:
		return c != 0;
	case OP_LT:
		return c < 0;
	case OP_LE:
		return c <= 0;
	case OP_GT:
		return c > 0;
	default:
		return c >= 0;
	}
}

/* Does the token (or its device) hold @sid, as the ACE kind requires? */
static bool token_has(struct cond_run *r, const struct cond_item *sid,
		      bool device)
{
	const struct wt_cond_env *env = r->env;
	const struct wt_token_view *tok = env->tok;
	const struct wt_sid_attr *list;
	u32 n, i;

	if (device) {
		list = tok->device_groups;
		n = tok->device_group_count;
	} else if (env->restricted) {
		list = tok->restricted;
		n = tok->restricted_count;
	} else {
		if (sid->len == wt_sid_size(&tok->user.sid) &&
		    !memcmp(&tok->user.sid, sid->p, sid->len) &&
		    (env->deny || !(tok->user.attributes &
				    WT_SE_GROUP_USE_FOR_DENY_ONLY)))
			return true;
		list = tok->groups;
		n = tok->group_count;
	}
	if (!cond_spend(r, n + 1))
		return false;
	for (i = 0; i < n; i++) {
		if (sid->len == wt_sid_size(&list[i].sid) &&
		    !memcmp(&list[i].sid, sid->p, sid->len) &&
		    wt_group_matches(list[i].attributes, env->deny,
				     env->restricted && !device))
			return true;
	}
	return false;
}

/* Member_of and its forms: @v holds SIDs (a SID, a composite, a claim). */
static u8 membership(struct cond_run *r, u8 op, const struct cond_val *v)
{
	bool device = op == OP_DEV_MEMBER_OF || op == OP_DEV_MEMBER_ANY ||
		      op == OP_NOT_DEV_MEMBER_OF || op == OP_NOT_DEV_MEMBER_ANY;
	bool any = op == OP_MEMBER_ANY || op == OP_DEV_MEMBER_ANY ||
		   op == OP_NOT_MEMBER_ANY || op == OP_NOT_DEV_MEMBER_ANY;
	bool negate = op >= OP_NOT_MEMBER_OF;
	bool all = true, some = false, has;
	struct cond_item it;
	u32 pos = 0;
	int rc;

	if (v->kind == CV_NULL)
		return WT_COND_UNKNOWN;
	if (v->kind == CV_RESULT) {
		r->failed = true;
		return WT_COND_UNKNOWN;
	}
	while ((rc = val_next(v, &pos, &it)) > 0) {
		if (it.type != IT_SID)
			return WT_COND_UNKNOWN;
		has = token_has(r, &it, device);
		if (r->failed)
			return WT_COND_UNKNOWN;
		all &= has;
		some |= has;
	}
	if (rc < 0 || !pos) {	/* malformed, or no SID at all */
		r->failed = rc < 0;
		return WT_COND_UNKNOWN;
	}
	has = any ? some : all;
	return negate ? !has : has;
}

/* An attribute used as a condition: TRUE when it has a non-zero value. */
static u8 truth(struct cond_run *r, const struct cond_val *v)
{
	struct cond_item it;
	u32 pos = 0;

	switch (v->kind) {
	case CV_RESULT:
		return v->tv;
	case CV_NULL:
		return WT_COND_UNKNOWN;
	case CV_CLAIM:
		if (wt_get_le32(v->p + 12) != 1)
			return WT_COND_UNKNOWN;
		break;
	default:
		r->failed = true;	/* a literal is not a condition */
		return WT_COND_UNKNOWN;
	}
	if (val_next(v, &pos, &it) != 1) {
		r->failed = true;
		return WT_COND_UNKNOWN;
	}
	switch (it.type) {
	case IT_INT:
		return it.i != 0;
	case IT_STR:
	case IT_OCT:
		return it.len != 0;
	default:
		return WT_COND_TRUE;
	}
}

/* Find the claim or resource attribute an attribute token names. */
static void resolve(struct cond_run *r, u8 code, const u8 *name, u32 n,
		    struct cond_val *out)
{
	const struct wt_token_view *tok = r->env->tok;
	const struct wt_claim_blob *set = NULL;
	u32 count = 0, i, off, index, size;
	size_t sid_size;
	const struct wt_acl_view *sacl = r->env->sacl;
	const u8 *p, *c;

	out->kind = CV_NULL;
	if (code == WT_CT_USER) {
		set = tok->user_claims;
		count = tok->user_claim_count;
	} else if (code == WT_CT_DEVICE) {
		set = tok->device_claims;
		count = tok->device_claim_count;
	}
	/* local attributes: this token model has no local claims: NULL */
	for (i = 0; i < count; i++) {
		if (!cond_spend(r, 1))
			return;
		if (!set[i].data || set[i].len < CLAIM_HDR ||
		    (wt_get_le32(set[i].data + 8) & WT_CLAIM_FLAG_DISABLED) ||
		    !claim_named(set[i].data, set[i].len, name, n))
			continue;
		out->kind = CV_CLAIM;
		out->p = set[i].data;
		out->len = set[i].len;
		return;
	}
	if (code != WT_CT_RESOURCE || !sacl || !sacl->acl)
		return;
	/* the first resource attribute ACE of that name, as Windows */
	off = WT_ACL_HEADER_SIZE;
	for (index = 0; index < sacl->count && off + 8 <= sacl->size; index++) {
		if (!cond_spend(r, 1))
			return;
		p = sacl->acl + off;
		size = wt_get_le16(p + 2);
		if (size < 8 || size > sacl->size - off)
			return;
		off += size;
		if (p[0] != WT_SYSTEM_RESOURCE_ATTRIBUTE_ACE_TYPE ||
		    (p[1] & WT_INHERIT_ONLY_ACE) ||
		    wt_sid_validate(p + 8, size - 8, &sid_size))
			continue;
		c = p + 8 + sid_size;
		if (!claim_named(c, size - 8 - sid_size, name, n) ||
		    (wt_get_le32(c + 8) & WT_CLAIM_FLAG_DISABLED))
			continue;
		out->kind = CV_CLAIM;
		out->p = c;
		out->len = size - 8 - sid_size;
		return;
	}
}

/* 0 when the claim at @v can be read in full (checked once, on push). */
static bool claim_ok(struct cond_run *r, const struct cond_val *v)
{
	u32 count;

	if (v->kind != CV_CLAIM)
		return true;
	count = wt_get_le32(v->p + 12);
	if (!cond_spend(r, count + 1))
		return false;
	return wt_claim_valid(v->p, v->len);
}

/**
 * wt_cond_eval() - evaluate a conditional expression
 * @data: the callback ACE's application data ("artx" + tokens + padding)
 * @len: its length
 * @env: token, SACL, ACE kind and the work budget
 *
 * Return: WT_COND_TRUE, WT_COND_FALSE or WT_COND_UNKNOWN (also for every
 * error; see wt_cond.h).
 */
enum wt_cond_result wt_cond_eval(const u8 *data, u32 len,
				 const struct wt_cond_env *env)
{
	struct cond_val st[WT_COND_STACK_MAX];
	struct cond_run r = { env, false };
	const u8 *p = data + 4, *end = data + len;
	struct cond_val *a, *b;
	u32 sp = 0, size;
	u8 op, tv;

	if (len < 4 || memcmp(data, "artx", 4))
		return WT_COND_UNKNOWN;
	while (!r.failed && p < end && *p != WT_CT_PAD) {
		if (!cond_spend(&r, 1))
			break;
		op = *p;
		if (op < 0x80 || op >= WT_CT_LOCAL) {	/* an operand */
			if (sp == WT_COND_STACK_MAX) {
				r.failed = true;
				break;
			}
			if (op >= WT_CT_LOCAL) {
				if (end - p < 5 ||
				    wt_get_le32(p + 1) > (u32)(end - p - 5) ||
				    wt_get_le32(p + 1) % 2) {
					r.failed = true;
					break;
				}
				size = 5 + wt_get_le32(p + 1);
				resolve(&r, op, p + 5, size - 5, &st[sp]);
				if (!claim_ok(&r, &st[sp])) {
					r.failed = true;
					break;
				}
			} else {
				size = literal_size(p, end);
				if (!size) {
					r.failed = true;
					break;
				}
				st[sp].kind = CV_LITERAL;
				st[sp].p = p;
				st[sp].len = size;
			}
			sp++;
			p += size;
			continue;
		}
		p++;
		switch (op) {
		case OP_NOT:
			if (!sp)
				goto bad;
			a = &st[sp - 1];
			tv = tv_not(truth(&r, a));
			break;
		case OP_AND:
		case OP_OR:
			if (sp < 2)
				goto bad;
			a = &st[sp - 2];
			b = &st[sp - 1];
			tv = truth(&r, a);
			{
				u8 tb = truth(&r, b);

				if (op == OP_AND)
					tv = (!tv || !tb) ? WT_COND_FALSE :
					     (tv == 1 && tb == 1) ? WT_COND_TRUE :
					     WT_COND_UNKNOWN;
				else
					tv = (tv == 1 || tb == 1) ? WT_COND_TRUE :
					     (!tv && !tb) ? WT_COND_FALSE :
					     WT_COND_UNKNOWN;
			}
			sp--;
			a = &st[sp - 1];
			break;
		case OP_EXISTS:
		case OP_NOT_EXISTS:
			if (!sp)
				goto bad;
			a = &st[sp - 1];
			if (a->kind != CV_CLAIM && a->kind != CV_NULL)
				goto bad;
			tv = (a->kind == CV_CLAIM) == (op == OP_EXISTS);
			break;
		case OP_MEMBER_OF ... OP_DEV_MEMBER_ANY:
		case OP_NOT_MEMBER_OF ... OP_NOT_DEV_MEMBER_ANY:
			if (!sp)
				goto bad;
			a = &st[sp - 1];
			tv = membership(&r, op, a);
			break;
		case OP_EQ ... OP_CONTAINS:
		case OP_ANY_OF:
		case OP_NOT_CONTAINS:
		case OP_NOT_ANY_OF:
			if (sp < 2)
				goto bad;
			a = &st[sp - 2];
			b = &st[sp - 1];
			/* the left operand is an attribute */
			if (a->kind != CV_CLAIM && a->kind != CV_NULL)
				goto bad;
			tv = relational(&r, op, a, b);
			sp--;
			break;
		default:
			goto bad;
		}
		a->kind = CV_RESULT;
		a->tv = tv;
	}
	/* only padding may follow */
	for (; !r.failed && p < end; p++)
		if (*p != WT_CT_PAD)
			goto bad;
	if (r.failed || sp != 1)
		return WT_COND_UNKNOWN;
	tv = truth(&r, &st[0]);
	return r.failed ? WT_COND_UNKNOWN : (enum wt_cond_result)tv;
bad:
	return WT_COND_UNKNOWN;
}
