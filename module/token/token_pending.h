/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok - primary token assignments deferred to the next execve()
 * (token_pending.c, %WT_ASSIGN_PRIMARY_AT_EXEC), and what they share with
 * the immediate assignment (token_assign.c).
 * Design: Documentation/design/tokens.rst.
 */
#ifndef WT_TOKEN_PENDING_H
#define WT_TOKEN_PENDING_H

#include <linux/cred.h>
#include <linux/types.h>
#include <linux/uidgid.h>

#include "objmap.h"

struct file;
struct linux_binprm;
struct wt_token;

/* token_assign.c */
int wt_token_linux_ids(struct wt_token *tok, kuid_t *uid, kgid_t *gid,
		       struct group_info **gip, bool *caps);
int wt_cred_give_token(struct cred *new, struct wt_token *tok, bool at_exec);

/* token_pending.c */
int wt_pending_set(struct wt_token *tok);
int __wt_pending_copy(struct cred *new, const struct cred *old, gfp_t gfp);
void __wt_pending_forget(const struct cred *cred);
void wt_pending_init(void);
void wt_pending_exit(void);
int wt_hook_bprm_creds_from_file(struct linux_binprm *bprm,
				 const struct file *file);

/*
 * Every credential copy and free asks; almost never is a token pending on
 * any cred, and then one test of the map's count answers inline.
 */
extern const struct wt_objmap wt_pending_map;

/**
 * wt_pending_copy() - give credentials being prepared the pending token
 * @new: from prepare_creds() or a blank cred being filled
 * @old: the committed cred @new is made from
 * @gfp: allocation flags (the credential hooks are atomic)
 *
 * Return: 0 or -ENOMEM (the new credentials are refused).
 */
static inline int wt_pending_copy(struct cred *new, const struct cred *old,
				  gfp_t gfp)
{
	if (likely(!wt_objmap_count(&wt_pending_map)))
		return 0;
	return __wt_pending_copy(new, old, gfp);
}

/**
 * wt_pending_forget() - drop the pending token of @cred, if any
 * @cred: a cred being freed, or a blank one
 *
 * Context: any but NMI; never sleeps.
 */
static inline void wt_pending_forget(const struct cred *cred)
{
	if (unlikely(wt_objmap_count(&wt_pending_map)))
		__wt_pending_forget(cred);
}

#endif /* WT_TOKEN_PENDING_H */
