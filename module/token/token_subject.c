// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - the subject of a check: the token the calling thread acts with
 * (its impersonation token or its primary token) and the impersonation
 * level that may forbid using it, with the counters of impersonation
 * events those checks and impersonate.c record.
 *
 * Design: Documentation/design/impersonation.rst.
 */
#include <linux/cred.h>
#include <linux/moduleparam.h>
#include <linux/sysfs.h>

#include "wintok.h"
#include "token.h"
#include "token_subject.h"
#include "audit.h"

/* ---- counters (the audit issue will publish these events) ---- */

atomic_long_t wt_imp_counts[WT_IMP_EVENT_COUNT];

/* How many @event there were (statistics, netlink.c). */
long wt_imp_count(enum wt_imp_event event)
{
	return atomic_long_read(&wt_imp_counts[event]);
}

static int wt_imp_count_get(char *buf, const struct kernel_param *kp)
{
	enum wt_imp_event ev = (enum wt_imp_event)(unsigned long)kp->arg;

	return sysfs_emit(buf, "%ld\n", atomic_long_read(&wt_imp_counts[ev]));
}

static const struct kernel_param_ops wt_imp_count_ops = {
	.get = wt_imp_count_get,
};

module_param_cb(impersonations, &wt_imp_count_ops,
		(void *)WT_IMP_STARTED, 0444);
MODULE_PARM_DESC(impersonations, "impersonations started (any level)");
module_param_cb(impersonation_capped, &wt_imp_count_ops,
		(void *)WT_IMP_CAPPED, 0444);
MODULE_PARM_DESC(impersonation_capped,
		 "impersonations capped at Identification by a gate");
module_param_cb(reverts, &wt_imp_count_ops, (void *)WT_IMP_REVERTED, 0444);
MODULE_PARM_DESC(reverts, "impersonations ended by RevertToSelf");
module_param_cb(peer_impersonations, &wt_imp_count_ops,
		(void *)WT_IMP_PEER, 0444);
MODULE_PARM_DESC(peer_impersonations, "impersonations of a connection's client");
module_param_cb(bad_level_denials, &wt_imp_count_ops,
		(void *)WT_IMP_LEVEL_DENIED, 0444);
MODULE_PARM_DESC(bad_level_denials,
		 "accesses refused to threads impersonating below Impersonation");

/**
 * wt_imp_level_denies() - may the calling thread use its token for access?
 *
 * Return: 0, or -%WT_EBADIMPLEVEL when the thread impersonates below
 * Impersonation (counted).
 */
int wt_imp_level_denies(void)
{
	int level;

	if (!wt_cred_impersonating())
		return 0;
	level = wt_cred_imp_level(current_cred());
	if (level < 0 || level >= WT_SECURITY_IMPERSONATION)
		return 0;
	wt_imp_event(WT_IMP_LEVEL_DENIED, level);
	return -WT_EBADIMPLEVEL;
}

/**
 * wt_effective_token() - the token access checks evaluate for current
 * @gfp: allocation flags, if a token has to be derived
 *
 * The thread's impersonation token if it has one, else the primary token
 * of current_cred(). A thread impersonating below Impersonation may not
 * use its token for access at all.
 *
 * Return: a token with a reference for the caller, or an ERR_PTR
 * (-%WT_EBADIMPLEVEL for that thread).
 */
struct wt_token *wt_effective_token(gfp_t gfp)
{
	int err = wt_imp_level_denies();

	if (err)
		return ERR_PTR(err);
	return wt_cred_effective_token(current_cred(), gfp);
}
