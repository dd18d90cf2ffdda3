/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok - primary token assignments deferred to the next execve()
 * (token_pending.c, %WT_ASSIGN_PRIMARY_AT_EXEC), and what they share with
 * the immediate assignment (token_create.c).
 * Design: Documentation/design/tokens.rst.
 */
#ifndef WT_TOKEN_PENDING_H
#define WT_TOKEN_PENDING_H

#include <linux/cred.h>
#include <linux/types.h>
#include <linux/uidgid.h>

struct file;
struct linux_binprm;
struct wt_token;

/* token_create.c */
int wt_token_linux_ids(struct wt_token *tok, kuid_t *uid, kgid_t *gid,
		       struct group_info **gip, bool *caps);
void wt_cred_set_token_ids(struct cred *new, kuid_t uid, kgid_t gid,
			   struct group_info *gi, bool caps);

/* token_pending.c */
int wt_pending_set(struct wt_token *tok);
int wt_pending_copy(struct cred *new, const struct cred *old, gfp_t gfp);
void wt_pending_forget(const struct cred *cred);
void wt_pending_init(void);
void wt_pending_exit(void);
int wt_hook_bprm_creds_from_file(struct linux_binprm *bprm,
				 const struct file *file);

#endif /* WT_TOKEN_PENDING_H */
