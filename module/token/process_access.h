/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok - who may act on another principal's process or token: the
 * comparison of two tokens shared by the impersonation gate and process
 * access, and the process access rule. Design:
 * Documentation/design/tokens.rst ("The token's security descriptor;
 * opening another process's token") and threat-model.rst.
 */
#ifndef WT_PROCESS_ACCESS_H
#define WT_PROCESS_ACCESS_H

#include <linux/gfp.h>
#include <linux/types.h>

struct cred;
struct task_struct;
struct wt_token_view;

/* wt_token_compare(): why @a does not dominate @b (0: it does) */
#define WT_CMP_INTEGRITY	0x1	/* @b's integrity level is above @a's */
#define WT_CMP_RESTRICTED	0x2	/* @a is restricted, @b is not restricted alike */
#define WT_CMP_PRIVILEGED	0x4	/* @b holds a privilege or group @a lacks */

u32 wt_token_compare(const struct wt_token_view *a,
		     const struct wt_token_view *b);
int wt_process_access_allowed(struct task_struct *task);
int wt_process_token_rule(const struct cred *cred, struct task_struct *task,
			  gfp_t gfp);
int wt_process_init(void);
void wt_process_exit(void);

#endif /* WT_PROCESS_ACCESS_H */
