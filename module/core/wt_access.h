/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The MS-DTYP access check ([MS-DTYP] 2.5.3.2) with Windows behaviour where
 * the specification is silent: mandatory integrity control, restricted
 * tokens, privileges, OWNER RIGHTS, PRINCIPAL_SELF.
 */
#ifndef WT_ACCESS_H
#define WT_ACCESS_H

#include "wt_compat.h"
#include "wt_sid.h"
#include "wt_sd.h"
#include "wt_cond.h"

/**
 * struct wt_generic_mapping - how GENERIC_* bits map to specific rights
 * @read: rights for GENERIC_READ
 * @write: rights for GENERIC_WRITE
 * @execute: rights for GENERIC_EXECUTE
 * @all: rights for GENERIC_ALL
 */
struct wt_generic_mapping {
	u32 read;
	u32 write;
	u32 execute;
	u32 all;
};

extern const struct wt_generic_mapping wt_file_mapping;
extern const struct wt_generic_mapping wt_directory_mapping;
extern const struct wt_generic_mapping wt_token_mapping;
extern const struct wt_generic_mapping wt_ipc_mapping;

/* Replace GENERIC_* bits in *@mask by the mapping's specific rights. */
void wt_map_generic(u32 *mask, const struct wt_generic_mapping *map);

/**
 * struct wt_sid_attr - a SID with its SE_GROUP_* attributes
 * @sid: the SID
 * @attributes: SE_GROUP_* bits (for the user: only USE_FOR_DENY_ONLY)
 */
struct wt_sid_attr {
	struct wt_sid sid;
	u32 attributes;
};

/**
 * struct wt_token_view - what the access check needs to know of a token
 * @user: the user SID; @user.attributes may hold USE_FOR_DENY_ONLY
 * @groups: group SIDs with attributes (logon SID, integrity SID included)
 * @group_count: entries in @groups
 * @restricted: restricting SIDs (a restricted token when non-zero count)
 * @restricted_count: entries in @restricted
 * @privileges: enabled privileges, bit (1ULL << luid)
 * @integrity_level: RID of the token's integrity SID (S-1-16-x)
 * @mandatory_policy: WT_TOKEN_MANDATORY_POLICY_* bits
 * @owner: the token's default owner SID (for inheritance; may be NULL,
 *	then the user SID is the owner)
 * @primary_group: the token's primary group (for inheritance; may be NULL)
 * @default_dacl: validated default DACL for new objects (may be NULL)
 * @device_groups: the device's group SIDs (Device_Member_of in conditional
 *	ACEs); may be NULL with @device_group_count 0
 * @device_group_count: entries in @device_groups
 * @user_claims: user claims (@USER. attributes), see struct wt_claim_blob
 * @user_claim_count: entries in @user_claims
 * @device_claims: device claims (@DEVICE. attributes)
 * @device_claim_count: entries in @device_claims
 * @sid_index: optional hash index over @user and @groups, filled by
 *	wt_token_prepare(): per bucket 0 (no SID), 1 (@user), 2 + i
 *	(@groups[i]) or 255 (several: search the list)
 * @sid_index_ready: @sid_index is valid; when false (the zeroed default)
 *	the check searches the lists (correct, only slower). Call
 *	wt_token_prepare() again after changing which SIDs @user or @groups
 *	hold or their order; changing only attributes (enabling, disabling)
 *	needs no refresh, as the index stores positions, not attributes.
 */
struct wt_token_view {
	struct wt_sid_attr user;
	const struct wt_sid_attr *groups;
	u32 group_count;
	const struct wt_sid_attr *restricted;
	u32 restricted_count;
	u64 privileges;
	u32 integrity_level;
	u32 mandatory_policy;
	const struct wt_sid *owner;
	const struct wt_sid *primary_group;
	const struct wt_acl_view *default_dacl;
	const struct wt_sid_attr *device_groups;
	u32 device_group_count;
	const struct wt_claim_blob *user_claims;
	u32 user_claim_count;
	const struct wt_claim_blob *device_claims;
	u32 device_claim_count;
	u8 sid_index[256];
	bool sid_index_ready;
};

/*
 * Does a token SID with SE_GROUP_* @attr count for an ACE? Deny-only SIDs
 * match deny ACEs only; disabled groups match nothing; restricting SIDs
 * (@restricted) count as enabled unless deny-only.
 */
static inline bool wt_group_matches(u32 attr, bool deny, bool restricted)
{
	if (attr & WT_SE_GROUP_USE_FOR_DENY_ONLY)
		return deny;
	return restricted || (attr & WT_SE_GROUP_ENABLED);
}

/*
 * Hash bucket of a SID for the token index: the RID (last sub-authority),
 * Fibonacci-hashed. Consecutive RIDs, the common case in a token, land far
 * apart. Equal RIDs in different domains collide, which costs a list
 * search or one extra compare, never a wrong answer. Kept to one load and
 * one multiply: it runs once per ACE.
 */
static __always_inline unsigned int wt_sid_bucket(const struct wt_sid *sid)
{
	u8 n = sid->sub_authority_count;
	u32 rid = n ? le32_to_cpu(sid->sub_authority[n - 1]) : 0xffffffffu;

	return ((rid + n) * 0x9E3779B1u) >> 24;
}

#define WT_SLOT_SEVERAL 255

/*
 * Fill @tok->sid_index from its user and group SIDs, so that
 * wt_access_check() finds the token's entry for an ACE's SID in one probe.
 */
void wt_token_prepare(struct wt_token_view *tok);

/* Request flags */
#define WT_AC_BACKUP_INTENT	0x1	/* caller opens with backup semantics */
/*
 * Also report in @maximum what MAXIMUM_ALLOWED | desired would grant. The
 * decision, @granted, @privileges_used and the audit flags stay those of
 * the check of desired alone: one walk answers "may it open?" and "what
 * does the open handle keep?".
 */
#define WT_AC_REPORT_MAXIMUM	0x2

/*
 * The privileges wt_access_check() may use (bits by LUID): with none of
 * them enabled, a check's outcome does not depend on privileges at all.
 */
#define WT_AC_PRIVILEGES					\
	((1ULL << WT_SE_SECURITY_PRIVILEGE) |			\
	 (1ULL << WT_SE_TAKE_OWNERSHIP_PRIVILEGE) |		\
	 (1ULL << WT_SE_BACKUP_PRIVILEGE) |			\
	 (1ULL << WT_SE_RESTORE_PRIVILEGE) |			\
	 (1ULL << WT_SE_RELABEL_PRIVILEGE))

/**
 * struct wt_access_request - one access check
 * @desired: the desired access mask (may hold GENERIC_* and MAXIMUM_ALLOWED)
 * @mapping: generic mapping for the object type
 * @principal_self: SID substituted for PRINCIPAL_SELF (S-1-5-10), or NULL
 * @flags: WT_AC_* flags
 * @withheld_privileges: privileges (bits by LUID) the check must not use
 *	even when enabled (0 normally; see wt_access_privileges_decided())
 */
struct wt_access_request {
	u32 desired;
	const struct wt_generic_mapping *mapping;
	const struct wt_sid *principal_self;
	u32 flags;
	u64 withheld_privileges;
};

enum wt_access_status {
	WT_STATUS_OK = 0,
	WT_STATUS_ACCESS_DENIED,
	WT_STATUS_PRIVILEGE_NOT_HELD,	/* ACCESS_SYSTEM_SECURITY without SeSecurity */
	WT_STATUS_INVALID_SD,		/* e.g. no owner where one is needed */
	WT_STATUS_INVALID_PARAMETER,
};

/**
 * struct wt_access_result - outcome of wt_access_check()
 * @granted: access granted (0 unless @status is OK)
 * @maximum: with %WT_AC_REPORT_MAXIMUM and a desired access without
 *	MAXIMUM_ALLOWED: what MAXIMUM_ALLOWED | desired grants (0 unless
 *	@status is OK); else 0
 * @status: a WT_STATUS_* value
 * @privileges_used: privileges that contributed to @granted (bits by LUID)
 * @audit_success: set when the SACL asks for a success audit of @granted
 * @audit_failure: set when the SACL asks for a failure audit of the denial
 */
struct wt_access_result {
	u32 granted;
	u32 maximum;
	enum wt_access_status status;
	u64 privileges_used;
	bool audit_success;
	bool audit_failure;
};

/*
 * Evaluate @tok against the validated @sd for @req. Never allocates and
 * never reads past the SD's buffer. Returns the status also in @res.
 */
enum wt_access_status wt_access_check(const struct wt_sd_view *sd,
				      const struct wt_token_view *tok,
				      const struct wt_access_request *req,
				      struct wt_access_result *res);

/*
 * Of @res->privileges_used of a granted check, those without which the
 * same check fails or grants less (see wt_access.c).
 */
u64 wt_access_privileges_decided(const struct wt_sd_view *sd,
				 const struct wt_token_view *tok,
				 const struct wt_access_request *req,
				 const struct wt_access_result *res);

/*
 * May @tok set a mandatory label of @new_level on an object? Windows lets a
 * token label up to its own level; higher needs SeRelabelPrivilege (then
 * *@used, if not NULL, gets that privilege's bit).
 */
bool wt_label_change_allowed(const struct wt_token_view *tok, u32 new_level,
			     u64 *used);

/*
 * May @tok make @sid an owner (of an object, or its default owner) without
 * a privilege? 0: its user, 1 + i: its group i, -1: no.
 */
int wt_owner_index(const struct wt_token_view *tok, const struct wt_sid *sid);

static inline bool wt_token_has_privilege(const struct wt_token_view *tok,
					  unsigned int luid)
{
	return luid < 64 && (tok->privileges >> luid) & 1;
}

#endif /* WT_ACCESS_H */
