// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - the credential hooks: they give every struct cred an entry in
 * the credential map (token_cred.c) when it is made, and drop it when it
 * is freed.
 *
 * - security_prepare_creds(new, old): new gets a reference to old's token
 *   (old gets a derived token first if it had none). Fail closed: if the
 *   entry cannot be allocated the hook returns -ENOMEM and the cred is
 *   never created. WT_HOOK_ATOMIC: the check runs in ftrace callback
 *   context and must not sleep, so it allocates with GFP_ATOMIC.
 * - security_cred_alloc_blank(cred): a blank cred (keyctl's
 *   KEYCTL_SESSION_TO_PARENT makes one in the child for its parent) gets
 *   a "blank" entry without a token, replacing a stale entry at that
 *   address (one whose free was missed). No memory fails the allocation.
 * - security_transfer_creds(new, old): the parent fills the blank cred
 *   with a copy of its own ids; new gets old's token and impersonation,
 *   as from prepare_creds. A cred whose entry is still blank when looked
 *   up was installed by a path the module does not know: its lookups
 *   fail with -EACCES (every check denies) rather than derive a token
 *   that may grant more than the task had.
 * - security_task_alloc(task, clone_flags): a new process (no
 *   CLONE_THREAD) gets its own copy of the token prepare_creds gave its
 *   cred (wt_token_duplicate()); threads keep sharing. WT_HOOK_ATOMIC,
 *   GFP_ATOMIC; no memory fails the fork.
 * - security_cred_free(cred): WT_HOOK_OBSERVE, runs from an RCU callback:
 *   unlinks the entry and drops its reference, without sleeping.
 *
 * The map's own operations (attach, forget, a process's own copy) are in
 * token_cred.c, where the map's geometry is known at compile time, and so
 * are the two hooks every credential change runs (prepare_creds and
 * cred_free), so that they reach the map without a call.
 */
#include <linux/cred.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/task.h>

#include "wintok.h"
#include "hook.h"
#include "token.h"
#include "process_access.h"
#include "cred_limits.h"
#include "cred_map.h"
#include "token_pending.h"

/*
 * A blank cred has no ids yet and nothing says whose it will be: it gets
 * a blank entry (replacing a stale one at that address), which only
 * security_transfer_creds() fills. Were it left without an entry, its
 * first lookup would derive a token from the ids it ends up with, and a
 * restricted or lowered process would get a fresh, stronger token back.
 * Fail closed: no memory for the entry fails cred_alloc_blank().
 */
static int wt_hook_cred_alloc_blank(struct cred *cred, gfp_t gfp)
{
	struct task_struct *parent;
	int err;

	/*
	 * The only caller is keyctl(KEYCTL_SESSION_TO_PARENT): the child
	 * is about to give its parent its session keyring, after which the
	 * child reads what the parent keeps there. Linux asks for the same
	 * ids only; a sandbox (Low, restricted) may not do this to a parent
	 * whose token it does not dominate, as it may not ptrace it.
	 */
	rcu_read_lock();
	parent = get_task_struct(rcu_dereference(current->real_parent));
	rcu_read_unlock();
	err = wt_process_token_rule(current_cred(), parent, WT_GFP_HOOK);
	put_task_struct(parent);
	if (err)
		return err;
	wt_pending_forget(cred);
	return PTR_ERR_OR_ZERO(wt_cred_attach(cred, NULL, false, true,
					      WT_GFP_HOOK));
}

/*
 * key_change_session_keyring() gives the blank cred made by the child a
 * copy of the parent's ids and keyrings, then commits it on the parent:
 * the parent keeps its token, and an impersonating thread its
 * impersonation, exactly as prepare_creds() would have copied them. The
 * function returns void and runs just before commit_creds(): on failure
 * (no memory) the entry stays blank and the parent's lookups fail closed.
 * A blank cred allocated before the module was loaded has no entry: it
 * gets one here, and only if that allocation fails too is it derived on
 * first use like any cred the module never saw.
 */
static int wt_hook_transfer_creds(struct cred *new, const struct cred *old)
{
	struct wt_token *tok, *imp = NULL;
	const struct cred *saved = NULL;

	/* No memory for the pending token: the entry stays blank. */
	if (wt_pending_copy(new, old, WT_GFP_HOOK))
		return 0;
	tok = wt_cred_token(old, WT_GFP_HOOK);
	if (IS_ERR(tok))
		return 0;
	wt_cred_impersonation(old, &imp, &saved);
	/* @new's ids are @old's: nothing to check against the token. */
	if (IS_ERR(wt_cred_attach_imp(new, tok, true, true, imp, saved,
				      WT_GFP_HOOK)))
		pr_warn_ratelimited("wintok: no memory for a session keyring's credential: the process is refused every check\n");
	if (imp) {
		wt_token_put(imp);
		put_cred(saved);
	}
	return 0;
}

/*
 * security_task_alloc(task, clone_flags) runs in copy_process() after
 * copy_creds(). Without CLONE_THREAD copy_creds() always gave @task a
 * cred of its own (prepare_creds()), final by now (a CLONE_NEWUSER
 * change included) and not yet seen by anyone else: that cred's token
 * becomes a duplicate. Threads share the process's cred, or with a
 * thread keyring get their own cred sharing the token: both keep it.
 * Neither inherits an impersonation (see wt_task_drop_impersonation()).
 * Fail closed: no memory for the copy fails the fork, and so does an
 * impersonation that left the process's user namespace (-EPERM).
 */
static int wt_hook_task_alloc(struct task_struct *task,
			      unsigned long clone_flags)
{
	int err;

	if (wt_cred_impersonating()) {
		err = wt_task_drop_impersonation(task);
		if (err)
			return err;
	}
	if (clone_flags & CLONE_THREAD)
		return 0;
	/* @task is not running yet: its cred pointer cannot change. */
	return wt_cred_own_copy(rcu_access_pointer(task->cred));
}

static struct wt_hook wt_cred_hooks[] = {
	{ .func = "security_prepare_creds", .check = wt_hook_prepare_creds,
	  .mode = WT_HOOK_ATOMIC },
	{ .func = "security_cred_alloc_blank", .check = wt_hook_cred_alloc_blank,
	  .mode = WT_HOOK_ATOMIC },
	{ .func = "security_cred_free", .check = wt_hook_cred_free,
	  .mode = WT_HOOK_OBSERVE },
	/*
	 * Returns void and the check always allows; ATOMIC rather than
	 * OBSERVE so that the callback is as reliable as prepare_creds'.
	 */
	{ .func = "security_transfer_creds", .check = wt_hook_transfer_creds,
	  .mode = WT_HOOK_ATOMIC },
	{ .func = "security_task_alloc", .check = wt_hook_task_alloc,
	  .mode = WT_HOOK_ATOMIC },
};

/**
 * wt_cred_map_init() - create the map and install the credential hooks
 *
 * Return: 0 or a negative errno (the module must then refuse to load).
 */
int wt_cred_map_init(void)
{
	int err;

	err = wt_cred_map_setup();
	if (err)
		return err;
	err = wt_hooks_install(wt_cred_hooks, ARRAY_SIZE(wt_cred_hooks));
	if (err)
		goto out_cache;
	err = wt_cred_limits_init();
	if (err)
		goto out_hooks;
	return 0;
out_hooks:
	wt_hooks_remove(wt_cred_hooks, ARRAY_SIZE(wt_cred_hooks));
out_cache:
	wt_cred_map_free();
	return err;
}

/**
 * wt_cred_map_exit() - remove the hooks, then empty the map
 *
 * The hooks go first: once wt_hooks_remove() returns no hook runs any
 * more, so nothing adds or removes entries while the map is emptied.
 * Callers of wt_cred_token() (ioctls) are gone too: the device is
 * deregistered before and open files pin the module.
 */
void wt_cred_map_exit(void)
{
	wt_cred_limits_exit();
	wt_hooks_remove(wt_cred_hooks, ARRAY_SIZE(wt_cred_hooks));
	wt_cred_map_free();
}
