// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - traverse checking of governed directories.
 *
 * Windows checks FILE_TRAVERSE on every directory an open passes through,
 * unless the thread's effective token has SeChangeNotifyPrivilege enabled
 * ("bypass traverse checking"), which almost every token has. Here the
 * check sits on security_inode_permission(), which link_path_walk()'s
 * may_lookup() calls with MAY_EXEC on each directory of a path. That is
 * the hottest LSM hook of all, so it is attached only while some token
 * state without SeChangeNotify enabled exists: the states are counted,
 * and when the last one is freed the hook is detached again (from a work
 * item, a little later). Without such a state a path walk costs nothing.
 *
 * The RCU path walk calls the check with MAY_NOT_BLOCK under
 * rcu_read_lock(): there it decides only what needs no sleep and nothing
 * reported (a known ungoverned directory, or a cached SD granting the
 * traversal with no audit and no privilege), and otherwise answers
 * -ECHILD, so the VFS walks again in ref-walk mode, where the full check
 * may read the SD, derive a token and audit. Reporting nothing under RCU
 * means nothing is ever audited twice for one walk.
 *
 * Design: Documentation/design/enforcement.rst, "Traverse checking".
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": traverse: " fmt

#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/moduleparam.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/sysfs.h>

#include "wintok.h"
#include "hook.h"
#include "token.h"
#include "file_sd.h"
#include "traverse.h"
#include "audit.h"

#define WT_CHANGE_NOTIFY	BIT_ULL(WT_SE_CHANGE_NOTIFY_PRIVILEGE)
/* Access bits of a mask; a lookup asks for MAY_EXEC alone. */
#define WT_MAY_ACCESS		(MAY_READ | MAY_WRITE | MAY_EXEC | MAY_APPEND)

static atomic_long_t wt_traverse_retries = ATOMIC_LONG_INIT(0);
static atomic_long_t wt_traverse_full = ATOMIC_LONG_INIT(0);
static atomic_long_t wt_traverse_errors = ATOMIC_LONG_INIT(0);

static int wt_traverse_fail(const char *why, long err)
{
	atomic_long_inc(&wt_traverse_errors);
	pr_warn_ratelimited("denied on internal error: %s (%ld)\n", why, err);
	return -EACCES;
}

/*
 * Does current's effective token have SeChangeNotify enabled? 1 yes, 0
 * no, -1 unknown without the slow path (the credential map has no
 * checked entry for current's cred yet). Never sleeps.
 */
static int wt_traverse_bypass_cached(void)
{
	const struct wt_token_view *v;
	int ret;

	rcu_read_lock();
	v = wt_cred_effective_view(current_cred());
	ret = v ? !!(v->privileges & WT_CHANGE_NOTIFY) : -1;
	rcu_read_unlock();
	return ret;
}

/*
 * The same through a referenced token, which may be derived: may sleep.
 * No token (none can be derived: too many groups, no memory) is no
 * bypass: the full check then needs no token for an ungoverned directory
 * and fails closed, counted, on a governed one.
 */
static bool wt_traverse_bypass_slow(void)
{
	struct wt_token *tok = wt_cred_effective_token(current_cred(),
						       GFP_KERNEL);
	bool ret;

	if (IS_ERR(tok))
		return false;
	rcu_read_lock();
	ret = !!(wt_token_state(tok)->view.privileges & WT_CHANGE_NOTIFY);
	rcu_read_unlock();
	wt_token_put(tok);
	return ret;
}

/*
 * Not preemptible although the caller did not pass MAY_NOT_BLOCK: no
 * caller does that (hook.c, wt_own_context_allow), but if one did, decide
 * from the cache alone and deny on a miss (counted) rather than sleep.
 */
static int wt_traverse_atomic(struct inode *inode)
{
	const struct wt_audit_object obj = { .inode = inode };
	int ret;

	WARN_ONCE(1, "path walk check in atomic context without MAY_NOT_BLOCK\n");
	ret = wt_file_cached_access(inode, WT_FILE_TRAVERSE, "traverse");
	if (ret)
		wt_audit_denied_obj("traverse", &obj, WT_FILE_TRAVERSE);
	return ret;
}

/* Ref-walk: the full check, which may read the SD. */
static int wt_traverse_full_check(struct inode *inode, int bypass)
{
	struct dentry *dentry;
	bool locked;
	int ret;

	if (bypass < 0 && wt_traverse_bypass_slow())
		return 0;
	atomic_long_inc(&wt_traverse_full);
	/*
	 * The SD is read through a dentry; a directory being walked has its
	 * one alias (a directory never has more).
	 */
	dentry = d_find_alias(inode);
	if (!dentry)
		return wt_traverse_fail("directory without a dentry", -ENOENT);
	/*
	 * As in file_open: a read is cached only under i_rwsem, never waited
	 * for (lookup_one_len() callers hold it exclusively already).
	 */
	locked = inode_trylock_shared(inode);
	ret = wt_file_walk_check(dentry, WT_FILE_TRAVERSE, locked, "traverse");
	if (locked)
		inode_unlock_shared(inode);
	dput(dentry);
	return ret;
}

/*
 * security_inode_permission(inode, mask): only a lookup through a
 * directory (MAY_EXEC alone; MAY_CHDIR with it for chdir, fchdir and
 * chroot) is a traversal. may_create()/may_delete() ask for MAY_WRITE |
 * MAY_EXEC on a directory the walk to it has already traversed; an open,
 * exec or access of the last component is not a traversal and is
 * checked, if at all, by its own hook.
 */
static int wt_hook_inode_permission(struct inode *inode, int mask)
{
	int bypass;

	if ((mask & WT_MAY_ACCESS) != MAY_EXEC || !S_ISDIR(inode->i_mode) ||
	    !(inode->i_opflags & IOP_XATTR))
		return 0;
	bypass = wt_traverse_bypass_cached();
	if (bypass > 0)
		return 0;
	if (!wt_file_walk_quick(inode, WT_FILE_TRAVERSE))
		return 0;
	if (mask & MAY_NOT_BLOCK) {
		atomic_long_inc(&wt_traverse_retries);
		return -ECHILD;
	}
	if (!preemptible() || rcu_preempt_depth())
		return wt_traverse_atomic(inode);
	return wt_traverse_full_check(inode, bypass);
}

/*
 * WT_HOOK_SLEEPABLE, so the full check may sleep in ref-walk, and
 * WT_HOOK_OWN_CONTEXT because the RCU walk calls it too: the check tells
 * the two apart (MAY_NOT_BLOCK, preemptible(), rcu_preempt_depth()).
 */
static struct wt_hook wt_traverse_hooks[] = {
	{ .func = "security_inode_permission",
	  .check = wt_hook_inode_permission, .mode = WT_HOOK_SLEEPABLE,
	  .flags = WT_HOOK_OWN_CONTEXT },
};

/**
 * wt_traverse_init() - hand the traverse check to the token states' demand
 *
 * Before any token state can be built (wt_cred_map_init()): a state
 * without SeChangeNotifyPrivilege attaches this table (token/token.c).
 */
void wt_traverse_init(void)
{
	wt_demand_init(&wt_traverse_demand, "traverse checking",
		       "a token without SeChangeNotifyPrivilege enabled exists",
		       wt_traverse_hooks, ARRAY_SIZE(wt_traverse_hooks));
}

/**
 * wt_traverse_exit() - detach the traverse check at unload
 *
 * Before the SD cache and the credential map go: the check uses both.
 * Returns when no check is running any more and the detach work is done;
 * states freed later no longer queue it.
 */
void wt_traverse_exit(void)
{
	wt_demand_close(&wt_traverse_demand);
}

static int wt_traverse_hook_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%d\n", wt_demand_attached(&wt_traverse_demand));
}

static const struct kernel_param_ops wt_traverse_hook_ops = {
	.get = wt_traverse_hook_get,
};

module_param_cb(traverse_hook, &wt_traverse_hook_ops, NULL, 0444);
MODULE_PARM_DESC(traverse_hook,
		 "1 while the traverse check is attached (a token without SeChangeNotifyPrivilege exists)");
module_param_cb(traverse_states, &wt_atomic_counter_ops,
		&wt_traverse_demand.wanted, 0444);
MODULE_PARM_DESC(traverse_states,
		 "token states without SeChangeNotifyPrivilege enabled (they keep the traverse check attached)");
module_param_cb(traverse_retries, &wt_atomic_counter_ops, &wt_traverse_retries, 0444);
MODULE_PARM_DESC(traverse_retries, "traverse checks the RCU path walk left to ref-walk");
module_param_cb(traverse_full_checks, &wt_atomic_counter_ops, &wt_traverse_full, 0444);
MODULE_PARM_DESC(traverse_full_checks, "traverse checks made in full (ref-walk)");
module_param_cb(traverse_errors, &wt_atomic_counter_ops, &wt_traverse_errors, 0444);
MODULE_PARM_DESC(traverse_errors, "traverse checks denied because of an internal error");
