// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for the conditional expression evaluator. Input:
 *   [0]       flags: deny ACE, restricted pass, device groups on/off
 *   [1..2]    length of the user claim region (little-endian)
 *   [3..]     user claim region: claims of (u16 length, bytes) each
 *   then      the expression (application data, "artx" forced in front)
 * The token's groups are taken from SID tokens inside the expression so
 * that Member_of can match. Checked: no read outside the buffers (ASan),
 * the result is one of the three values, the work budget never grows and
 * the same input gives the same answer.
 * Build: clang -fsanitize=fuzzer,address,undefined (see tools/core.mk).
 */
#include "wt_access.h"
#include "wt_cond.h"

#define MAX_CLAIMS 8
#define MAX_GROUPS 8

static u32 split_claims(const u8 *p, size_t n, struct wt_claim_blob *c)
{
	u32 count = 0;
	size_t len;

	while (n >= 2 && count < MAX_CLAIMS) {
		len = p[0] | p[1] << 8;
		p += 2;
		n -= 2;
		if (len > n)
			len = n;
		c[count].data = p;
		c[count].len = (u32)len;
		count++;
		p += len;
		n -= len;
	}
	return count;
}

/* SIDs after each 0x51 token byte become the token's groups. */
static u32 take_sids(const u8 *p, size_t n, struct wt_sid_attr *g)
{
	u32 count = 0;
	size_t i, size;

	for (i = 0; i + 5 < n && count < MAX_GROUPS; i++) {
		if (p[i] != 0x51 ||
		    wt_sid_validate(p + i + 5, n - i - 5, &size))
			continue;
		memcpy(&g[count].sid, p + i + 5, size);
		g[count].attributes = (i & 1) ? WT_SE_GROUP_ENABLED :
					       WT_SE_GROUP_USE_FOR_DENY_ONLY;
		count++;
	}
	return count;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct wt_claim_blob claims[MAX_CLAIMS];
	struct wt_sid_attr groups[MAX_GROUPS];
	struct wt_token_view tok;
	struct wt_acl_view sacl = { 0 };
	struct wt_cond_env env;
	size_t region;
	u32 work, work2;
	u8 *expr;
	int r1, r2;

	if (size < 3)
		return 0;
	region = data[1] | data[2] << 8;
	if (region > size - 3)
		region = size - 3;
	memset(&tok, 0, sizeof(tok));
	wt_sid_from_uid(&tok.user.sid, 1001);
	tok.user_claims = claims;
	tok.user_claim_count = split_claims(data + 3, region, claims);
	tok.device_claims = claims;
	tok.device_claim_count = data[0] & 4 ? tok.user_claim_count : 0;
	/* a private copy with the signature, sized exactly (ASan bounds) */
	expr = malloc(4 + size - 3 - region);
	if (!expr)
		return 0;
	memcpy(expr, "artx", 4);
	memcpy(expr + 4, data + 3 + region, size - 3 - region);
	tok.group_count = take_sids(expr, 4 + size - 3 - region, groups);
	tok.groups = groups;
	tok.restricted = groups;
	tok.restricted_count = tok.group_count;
	tok.device_groups = groups;
	tok.device_group_count = data[0] & 8 ? tok.group_count : 0;
	env.tok = &tok;
	env.sacl = &sacl;
	env.deny = data[0] & 1;
	env.restricted = data[0] & 2;
	work = WT_COND_WORK_MAX;
	env.work = &work;
	r1 = wt_cond_eval(expr, (u32)(4 + size - 3 - region), &env);
	work2 = WT_COND_WORK_MAX;
	env.work = &work2;
	r2 = wt_cond_eval(expr, (u32)(4 + size - 3 - region), &env);
	free(expr);
	if (r1 != r2 || work != work2 || work > WT_COND_WORK_MAX ||
	    (r1 != WT_COND_TRUE && r1 != WT_COND_FALSE &&
	     r1 != WT_COND_UNKNOWN))
		__builtin_trap();
	return 0;
}
