// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for the access check. Input layout:
 *   [0]      token shape: integrity level, policy, restricted, user choice
 *   [1..8]   privileges (little-endian u64)
 *   [9..12]  desired access
 *   [13]     request flags, mapping choice, PRINCIPAL_SELF choice
 *   [14..]   the security descriptor
 * The token takes its SIDs from the SD itself (owner, ACE trustees) so
 * ACEs actually match. Checked: no out-of-bounds read (ASan), same answer
 * with and without the SID prefilter, and the result invariants.
 * Build: clang -fsanitize=fuzzer,address,undefined (see tools/core.mk).
 */
#include "wt_access.h"

#define HDR 14
#define MAX_GROUPS 24

static const u32 levels[4] = {
	WT_INTEGRITY_LOW, WT_INTEGRITY_MEDIUM, WT_INTEGRITY_HIGH,
	WT_INTEGRITY_SYSTEM,
};

static const struct wt_generic_mapping *const maps[4] = {
	&wt_file_mapping, &wt_directory_mapping, &wt_token_mapping,
	&wt_ipc_mapping,
};

static u32 take_sids(const struct wt_sd_view *sd, struct wt_sid_attr *g,
		     u32 max, u64 attr_bits)
{
	const struct wt_acl_view *acls[2] = { &sd->dacl, &sd->sacl };
	static const u32 attrs[4] = {
		WT_SE_GROUP_ENABLED, WT_SE_GROUP_USE_FOR_DENY_ONLY, 0,
		WT_SE_GROUP_ENABLED | WT_SE_GROUP_OWNER,
	};
	struct wt_ace_iter it;
	struct wt_ace_view ace;
	u32 n = 0, i;
	bool more;

	for (i = 0; i < 2; i++) {
		for (more = wt_acl_first(acls[i], &it, &ace); more && n < max;
		     more = wt_acl_next(&it, &ace)) {
			memcpy(&g[n].sid, ace.sid, wt_sid_size(ace.sid));
			g[n].attributes = attrs[(attr_bits >> (2 * (n % 32))) &
						3];
			n++;
		}
	}
	return n;
}

static bool same(const struct wt_access_result *a,
		 const struct wt_access_result *b)
{
	return a->granted == b->granted && a->status == b->status &&
	       a->privileges_used == b->privileges_used &&
	       a->audit_success == b->audit_success &&
	       a->audit_failure == b->audit_failure;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static struct wt_sid_attr groups[MAX_GROUPS], restricted[4];
	struct wt_token_view tok;
	struct wt_access_request req;
	struct wt_access_result r1, r2;
	struct wt_sd_view unhinted;
	struct wt_sd_view sd;
	u64 privs = 0;
	u32 desired = 0;
	u8 shape, rflags;
	u8 *buf;
	size_t len;
	int i;

	if (size < HDR)
		return 0;
	shape = data[0];
	for (i = 0; i < 8; i++)
		privs |= (u64)data[1 + i] << (8 * i);
	for (i = 0; i < 4; i++)
		desired |= (u32)data[9 + i] << (8 * i);
	rflags = data[13];
	len = size - HDR;
	buf = malloc(len ? len : 1);
	memcpy(buf, data + HDR, len);
	if (wt_sd_parse(buf, len, &sd)) {
		free(buf);
		return 0;
	}
	memset(&tok, 0, sizeof(tok));
	if ((shape & 0x10) && sd.owner)
		memcpy(&tok.user.sid, sd.owner, wt_sid_size(sd.owner));
	else
		wt_sid_from_uid(&tok.user.sid, 1000);
	tok.groups = groups;
	tok.group_count = take_sids(&sd, groups, MAX_GROUPS, privs);
	if (shape & 0x20) {
		wt_sid_well_known(&restricted[0].sid, WT_SID_EVERYONE);
		wt_sid_well_known(&restricted[1].sid, WT_SID_RESTRICTED_CODE);
		restricted[2] = groups[0];
		tok.restricted = restricted;
		tok.restricted_count = tok.group_count ? 3 : 2;
	}
	tok.privileges = privs;
	tok.integrity_level = levels[shape & 3];
	tok.mandatory_policy = (shape >> 2) & 3;
	if (shape & 0x40)
		tok.user.attributes = WT_SE_GROUP_USE_FOR_DENY_ONLY;

	memset(&req, 0, sizeof(req));
	req.desired = desired;
	req.mapping = maps[rflags & 3];
	req.flags = (rflags >> 2) & 1;
	if ((rflags & 8) && tok.group_count)
		req.principal_self = &groups[tok.group_count - 1].sid;

	wt_access_check(&sd, &tok, &req, &r1);
	wt_token_prepare(&tok);
	/* with the index, and without the parser's hints */
	unhinted = sd;
	unhinted.hints = 0;
	wt_access_check(&unhinted, &tok, &req, &r2);
	if (!same(&r1, &r2))
		__builtin_trap();
	if (r1.status != WT_STATUS_OK && (r1.granted || r1.privileges_used))
		__builtin_trap();
	if (r1.status == WT_STATUS_OK) {
		u32 mapped = desired;

		wt_map_generic(&mapped, req.mapping);
		if (!r1.granted || (r1.granted & 0xF2000000u) ||
		    (r1.granted & mapped & ~WT_MAXIMUM_ALLOWED) !=
		    (mapped & ~WT_MAXIMUM_ALLOWED))
			__builtin_trap();
		if (!(desired & WT_MAXIMUM_ALLOWED) && r1.granted != mapped)
			__builtin_trap();
		if ((r1.privileges_used & ~privs) != 0)
			__builtin_trap();
	}
	/* A reported maximum changes nothing else and equals MAXIMUM_ALLOWED. */
	if (!(desired & WT_MAXIMUM_ALLOWED)) {
		struct wt_access_result rep, max;

		req.flags |= WT_AC_REPORT_MAXIMUM;
		wt_access_check(&sd, &tok, &req, &rep);
		req.flags &= ~WT_AC_REPORT_MAXIMUM;
		req.desired = desired | WT_MAXIMUM_ALLOWED;
		wt_access_check(&sd, &tok, &req, &max);
		if (rep.status != r1.status || rep.granted != r1.granted ||
		    rep.privileges_used != r1.privileges_used ||
		    rep.audit_success != r1.audit_success ||
		    rep.audit_failure != r1.audit_failure ||
		    rep.maximum != (r1.status == WT_STATUS_OK ? max.granted : 0))
			__builtin_trap();
	}
	free(buf);
	return 0;
}
