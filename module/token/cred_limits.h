/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok - what a credential that impersonates, or whose token is a
 * sandbox, may not do (cred_limits.c), for the credential map's hooks.
 */
#ifndef WT_CRED_LIMITS_H
#define WT_CRED_LIMITS_H

#include <linux/binfmts.h>
#include <linux/cred.h>
#include <linux/sched.h>

/* Derivations and entries made from atomic hooks. */
#define WT_GFP_HOOK		(GFP_ATOMIC | __GFP_NOWARN)

int wt_cred_imp_swap(const struct cred *cred, struct wt_token *imp,
		     const struct cred *saved);
int wt_task_drop_impersonation(struct task_struct *task);
int wt_hook_bprm_creds_for_exec(struct linux_binprm *bprm);
int wt_hook_bprm_committing_creds(struct linux_binprm *bprm);
int wt_hook_create_user_ns(const struct cred *cred);
int wt_hook_userns_install(void *nsset, void *ns);
int wt_hook_task_fix_setuid(struct cred *new, const struct cred *old,
			    int flags);
int wt_hook_task_fix_setgid(struct cred *new, const struct cred *old,
			    int flags);
int wt_hook_task_fix_setgroups(struct cred *new, const struct cred *old);
int wt_hook_uring_override_creds(const struct cred *new);
int wt_hook_uring_sqpoll(void);

#endif /* WT_CRED_LIMITS_H */
