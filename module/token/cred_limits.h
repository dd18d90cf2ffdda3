/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok - what a credential that impersonates, or whose token is a
 * sandbox, may not do (cred_limits.c): its hooks, installed and removed
 * with the credential map's (token_cred.c), and what task_alloc there
 * asks of it.
 */
#ifndef WT_CRED_LIMITS_H
#define WT_CRED_LIMITS_H

#include <linux/binfmts.h>
#include <linux/cred.h>
#include <linux/sched.h>

/* Derivations and entries made from atomic hooks. */
#define WT_GFP_HOOK		(GFP_ATOMIC | __GFP_NOWARN)

int wt_task_drop_impersonation(struct task_struct *task);
int wt_cred_limits_init(void);
void wt_cred_limits_exit(void);

#endif /* WT_CRED_LIMITS_H */
