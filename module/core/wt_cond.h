/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Conditional ACE evaluation ([MS-DTYP] 2.4.4.17): the "artx" postfix
 * expression of a callback ACE, run against the token's SIDs, device
 * groups, user and device claims and the object's resource attributes.
 */
#ifndef WT_COND_H
#define WT_COND_H

#include "wt_compat.h"
#include "wt_sid.h"
#include "wt_sd.h"

struct wt_token_view;

/* Outcome of a condition, [MS-DTYP] 2.4.4.17.3 */
enum wt_cond_result {
	WT_COND_FALSE = 0,
	WT_COND_TRUE = 1,
	WT_COND_UNKNOWN = 2,
};

/*
 * Bounds of one evaluation: operand stack entries (the expression is
 * refused, i.e. UNKNOWN, beyond), and units of work (tokens read, values
 * compared, names looked up) one access check may spend on all its
 * conditions together.
 */
#define WT_COND_STACK_MAX	32
#define WT_COND_WORK_MAX	65536

/* WT_CLAIM_TYPE_* and WT_CLAIM_FLAG_* are in uapi/linux/wintok.h. */

/* Operand token bytes ([MS-DTYP] 2.4.4.17.4 - 2.4.4.17.8) */
#define WT_CT_PAD		0x00
#define WT_CT_INT8		0x01
#define WT_CT_INT64		0x04
#define WT_CT_STRING		0x10
#define WT_CT_OCTETS		0x18
#define WT_CT_COMPOSITE		0x50
#define WT_CT_SID		0x51
#define WT_CT_LOCAL		0xf8	/* attribute names: local, */
#define WT_CT_USER		0xf9	/* @USER. */
#define WT_CT_RESOURCE		0xfa	/* @RESOURCE. */
#define WT_CT_DEVICE		0xfb	/* @DEVICE. */

/**
 * struct wt_claim_blob - one claim or resource attribute
 * @data: a CLAIM_SECURITY_ATTRIBUTE_RELATIVE_V1 ([MS-DTYP] 2.4.10.1):
 *	name offset, value type, reserved, flags, value count, then one
 *	offset per value; all offsets from @data. Need not be valid: the
 *	evaluator checks every offset against @len.
 * @len: its length in bytes
 */
struct wt_claim_blob {
	const u8 *data;
	u32 len;
};

/**
 * struct wt_cond_env - what a condition is evaluated against
 * @tok: the token (SIDs; device groups and claims may be absent)
 * @sacl: the object's SACL, for its resource attribute ACEs (may be an
 *	empty view)
 * @deny: the ACE is a deny ACE (deny-only SIDs then count as members)
 * @restricted: the restricting-SID pass: Member_of looks at the
 *	restricting SIDs instead of the user and groups
 * @work: units of work left; decremented, shared by the checks' conditions
 */
struct wt_cond_env {
	const struct wt_token_view *tok;
	const struct wt_acl_view *sacl;
	bool deny;
	bool restricted;
	u32 *work;
};

/*
 * Evaluate the application data of a callback ACE (@data, @len bytes,
 * starting with "artx"). Malformed bytes, unknown tokens, a stack deeper
 * than WT_COND_STACK_MAX or work beyond *env->work give WT_COND_UNKNOWN
 * (fail closed: an allow ACE then does not apply, a deny ACE does).
 * Never allocates, never sleeps, reads nothing outside @data, the claims
 * and the SACL.
 */
enum wt_cond_result wt_cond_eval(const u8 *data, u32 len,
				 const struct wt_cond_env *env);

/* Is @data a well-formed claim blob? (For the SD validation of RA ACEs.) */
bool wt_claim_valid(const u8 *data, u32 len);

#endif /* WT_COND_H */
