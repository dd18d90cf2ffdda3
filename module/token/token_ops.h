/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok - operations that change tokens or make new ones: adjust groups
 * and set token information (token_adjust.c), restricted tokens
 * (token_restrict.c), creating a token from a description, assigning a
 * primary token and opening another process's token (token_create.c).
 * Design: Documentation/design/tokens.rst.
 */
#ifndef WT_TOKEN_OPS_H
#define WT_TOKEN_OPS_H

#include <linux/types.h>

struct cred;
struct wt_sid;
struct wt_sid_and_attributes;
struct wt_sid_attr;
struct wt_token;
struct wt_token_handle;
struct wt_token_state;
struct wt_open_token;

/* token_adjust.c: shared helpers */
int wt_sid_from_user(const struct wt_sid_and_attributes *sa, struct wt_sid *sid);
int wt_dacl_check(const u8 *acl, u32 len);
u32 wt_dacl_sd_size(u32 acl_len);
void wt_dacl_sd_write(u8 *dst, const u8 *acl, u32 acl_len);
struct wt_token_state *wt_state_rebuild(const struct wt_token_state *cur,
					u32 ngroups, u32 nrestricted,
					const u8 *dacl_sd, u32 dacl_sd_len);
int wt_caller_privilege(unsigned int luid);
const u8 *wt_state_dacl_sd(const struct wt_token_state *st, u32 *len);
struct wt_sid_attr *wt_sid_attrs_in(u64 uptr, u32 n);
int wt_prev_out(u64 uptr, const void *prev, u32 n, size_t size, u32 *count);

/* token_adjust.c: ioctls on token handles */
long wt_ioctl_adjust_groups(struct wt_token_handle *h, void __user *arg);
long wt_ioctl_set_token_information(struct wt_token_handle *h,
				    void __user *arg);

/* token_restrict.c */
long wt_ioctl_create_restricted_token(struct wt_token_handle *h,
				      void __user *arg);

/* token_create.c: ioctls on /dev/wintok */
long wt_ioctl_create_token(void __user *arg);
long wt_ioctl_assign_primary_token(void __user *arg);
long wt_open_other_process_token(struct wt_open_token *ot, void __user *arg,
				 u32 usize);
int wt_token_access_allowed(struct wt_token *tok, u32 *allowed);

/* token_cred.c: an explicit token for credentials being prepared */
int wt_cred_set_explicit_token(struct cred *new, struct wt_token *tok);

/* token_dup.c */
struct wt_token *wt_token_duplicate_as(struct wt_token *tok, u32 type,
				       u32 level, gfp_t gfp);
struct wt_token *wt_token_effective_only(struct wt_token *tok, u32 level);
long wt_ioctl_duplicate_token(struct wt_token_handle *h, void __user *arg);

/* token_derive.c */
struct wt_token *wt_token_anonymous(void);

/* token_derive.c: the privilege policy */

/**
 * struct wt_policy_rule - one privilege policy rule, as netlink sees it
 * @kind: %WT_POLICY_UID or %WT_POLICY_GID
 * @id: the uid or gid (init user namespace)
 * @privs: privileges added, bit (1ULL << luid)
 */
struct wt_policy_rule {
	u32 kind;
	u32 id;
	u64 privs;
};

u32 wt_policy_get_rules(struct wt_policy_rule *rules, u32 max);
int wt_policy_set_rules(const struct wt_policy_rule *rules, u32 n);

#endif /* WT_TOKEN_OPS_H */
