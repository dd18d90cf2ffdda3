/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok - operations that change tokens or make new ones: adjust groups,
 * set token information, restricted tokens (token_adjust.c), creating a
 * token from a description, assigning a primary token and opening another
 * process's token (token_create.c). Design: Documentation/design/tokens.rst.
 */
#ifndef WT_TOKEN_OPS_H
#define WT_TOKEN_OPS_H

#include <linux/types.h>

struct cred;
struct wt_sid;
struct wt_sid_and_attributes;
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

/* token_adjust.c: ioctls on token handles */
long wt_ioctl_adjust_groups(struct wt_token_handle *h, void __user *arg);
long wt_ioctl_set_token_information(struct wt_token_handle *h,
				    void __user *arg);
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

#endif /* WT_TOKEN_OPS_H */
