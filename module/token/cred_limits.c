// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - what a credential that impersonates, or whose token is a
 * sandbox, may not do: start a task or exec as anyone but the process,
 * exec with more rights, enter or make a user namespace, take back the
 * service's ids with set*id(), or pass the impersonation on through
 * io_uring. The hooks are installed with the credential map's
 * (token_cred.c).
 */
#include <linux/binfmts.h>
#include <linux/cred.h>
#include <linux/sched.h>
#include <linux/security.h>

#include "wintok.h"
#include "hook.h"
#include "token.h"
#include "idmap.h"
#include "cred_limits.h"
#include "token_pending.h"

/*
 * Give @c, a cred nobody else uses yet, the identity of @from: the ids,
 * groups, capabilities and securebits. Both share user, user namespace
 * and ucounts (an impersonation never changes the real uid), which are
 * left alone. Never sleeps: the old group_info is shared with the cred
 * @c was prepared from, so this put does not free it.
 */
static void wt_cred_copy_identity(struct cred *c, const struct cred *from)
{
	struct group_info *old = c->group_info;

	c->uid = from->uid;
	c->euid = from->euid;
	c->suid = from->suid;
	c->fsuid = from->fsuid;
	c->gid = from->gid;
	c->egid = from->egid;
	c->sgid = from->sgid;
	c->fsgid = from->fsgid;
	c->securebits = from->securebits;
	c->cap_inheritable = from->cap_inheritable;
	c->cap_permitted = from->cap_permitted;
	c->cap_effective = from->cap_effective;
	c->cap_bset = from->cap_bset;
	c->cap_ambient = from->cap_ambient;
	c->group_info = get_group_info(from->group_info);
	put_group_info(old);
}

/**
 * wt_cred_drop_impersonation() - end the impersonation of a private cred
 * @c: a cred only the caller can see (being prepared, or of a task not
 *	yet running)
 *
 * If @c carries an impersonation, @c gets the identity of the saved
 * credentials and loses the impersonation. Never sleeps.
 */
void wt_cred_drop_impersonation(struct cred *c)
{
	const struct cred *saved;
	struct wt_token *imp;

	wt_cred_impersonation(c, &imp, &saved);
	if (!imp)
		return;
	wt_cred_copy_identity(c, saved);
	wt_cred_set_impersonation(c, NULL, NULL);
	wt_token_put(imp);
	put_cred(saved);
}

/*
 * Whether @cred, which impersonates and saved @saved, still shares the
 * process's user namespace and ucounts (the module refuses every way into
 * another user namespace while impersonating, see wt_hook_create_user_ns()).
 * Going back to @saved from anything else would move a task between
 * ucounts: copy_process() charged RLIMIT_NPROC to @cred's, release_task()
 * would uncharge @saved's (a WARN in dec_rlimit_ucounts, counts wrong).
 */
static bool wt_cred_same_ns(const struct cred *cred, const struct cred *saved)
{
	return cred->user_ns == saved->user_ns &&
	       cred->ucounts == saved->ucounts && uid_eq(cred->uid, saved->uid);
}

/*
 * A task being created shares or copies its creator's credentials. When
 * those impersonate, the new task must run as the process itself: a
 * shared cred (a thread) is replaced by the saved one, a private copy
 * (a process, a thread with its own keyring) gets the saved identity.
 * Return: 0, or -EPERM when the impersonation left the process's user
 * namespace (the task is then not created).
 */
int wt_task_drop_impersonation(struct task_struct *task)
{
	const struct cred *cred = rcu_access_pointer(task->cred);
	const struct cred *saved;
	struct wt_token *imp;

	wt_cred_impersonation(cred, &imp, &saved);
	if (!imp)
		return 0;
	if (!wt_cred_same_ns(cred, saved)) {
		wt_token_put(imp);
		put_cred(saved);
		return -EPERM;
	}
	if (cred == current_cred()) {
		/* @task is not running: nobody reads its pointers yet. */
		rcu_assign_pointer(task->real_cred, get_cred(saved));
		rcu_assign_pointer(task->cred, get_cred(saved));
		put_cred(cred);
		put_cred(cred);
	} else {
		wt_cred_drop_impersonation((struct cred *)cred);
	}
	wt_token_put(imp);
	put_cred(saved);
	return 0;
}

/*
 * A process whose primary token is a sandbox (wt_token_is_sandbox()) must
 * not gain rights by exec: a set-id program would give it another Linux
 * identity (uid 0 and its capabilities for a setuid-root one) while the
 * token, or a re-derived one, stays. no_new_privs makes the kernel ignore
 * the set-id bits and file capabilities of this exec and every later one
 * of the task and its children, as for a seccomp sandbox. Called before
 * bprm_creds_from_file() applies them. The primary token is that of the
 * objective credentials (an impersonating thread execs as its process).
 * Fail closed: a token that cannot be found refuses the exec.
 */
static int wt_exec_sandbox(struct linux_binprm *bprm)
{
	struct wt_token *tok;
	bool sandbox;

	tok = wt_cred_token(current_real_cred(), WT_GFP_HOOK);
	if (IS_ERR(tok))
		return PTR_ERR(tok);
	rcu_read_lock();
	sandbox = wt_token_is_sandbox(&wt_token_state(tok)->view);
	rcu_read_unlock();
	wt_token_put(tok);
	if (sandbox) {
		/*
		 * check_unsafe_exec() has already looked at the task's flag
		 * for this exec: bprm->unsafe makes the capability code
		 * leave file capabilities out of this one too.
		 */
		task_set_no_new_privs(current);
		bprm->unsafe |= LSM_UNSAFE_NO_NEW_PRIVS;
	}
	return 0;
}

/*
 * exec from an impersonating thread runs the program as the process:
 * bprm->cred, prepared from the thread's cred, gets the saved identity
 * before the binary's setuid bits and capabilities are applied. Only the
 * ids are copied, so an impersonation that left the process's user
 * namespace cannot exec (-EPERM).
 */
static int wt_hook_bprm_creds_for_exec(struct linux_binprm *bprm)
{
	const struct cred *saved;
	struct wt_token *imp;
	bool same;

	if (!wt_cred_impersonating())
		return wt_exec_sandbox(bprm);
	wt_cred_impersonation(bprm->cred, &imp, &saved);
	if (!imp)
		return wt_exec_sandbox(bprm);
	same = wt_cred_same_ns(bprm->cred, saved);
	wt_token_put(imp);
	put_cred(saved);
	if (!same)
		return -EPERM;
	wt_cred_drop_impersonation(bprm->cred);
	return wt_exec_sandbox(bprm);
}

/*
 * security_bprm_committing_creds(bprm): the new program's credentials are
 * final (set-id bits and capabilities applied by the kernel) and not yet
 * committed. An exec as uid 0 gives every capability of the bounding set
 * (computed from the old credentials, so nothing earlier can stop it). A
 * root process whose token may not carry capabilities (lowered below
 * High, restricted: wt_token_gives_capabilities()) starts the program
 * with none and an empty bounding set, as an assignment of such a token
 * does (wt_assign_creds()). The token is the one the program keeps: a
 * process that was root before the exec has the same ids after it (a
 * set-id exec only adds ids, and a sandbox has none). Fail closed: a
 * token that cannot be found clears them too. Runs in the task that
 * execs; WT_HOOK_ATOMIC, as its caller holds cred_guard_mutex and a new
 * mm is being installed.
 */
static int wt_hook_bprm_committing_creds(struct linux_binprm *bprm)
{
	const struct cred *old = current_real_cred();
	struct cred *new = bprm->cred;
	struct wt_token *tok;
	bool caps = false;

	if (!uid_eq(old->uid, GLOBAL_ROOT_UID) &&
	    !uid_eq(old->euid, GLOBAL_ROOT_UID) &&
	    !uid_eq(old->suid, GLOBAL_ROOT_UID))
		return 0;
	tok = wt_cred_token(old, WT_GFP_HOOK);
	if (!IS_ERR(tok)) {
		rcu_read_lock();
		caps = wt_token_gives_capabilities(&wt_token_state(tok)->view,
						   GLOBAL_ROOT_UID);
		rcu_read_unlock();
		wt_token_put(tok);
	}
	if (caps)
		return 0;
	cap_clear(new->cap_permitted);
	cap_clear(new->cap_effective);
	cap_clear(new->cap_inheritable);
	cap_clear(new->cap_ambient);
	cap_clear(new->cap_bset);
	return 0;
}

/*
 * No user namespace for an impersonation. The impersonating cred keeps
 * the process's real uid, user namespace and ucounts; a namespace made
 * now would be owned by the client (its euid) and hold the service's
 * tasks: clone(CLONE_NEWUSER) would start a process of the service that
 * the client administers (ptrace included), and threads created after
 * unshare(CLONE_NEWUSER) would be charged and uncharged to different
 * ucounts. Called by create_user_ns() on the cred being prepared, which
 * carries a copy of the impersonation: unshare(), clone(), clone3().
 */
static int wt_hook_create_user_ns(const struct cred *cred)
{
	if (!wt_cred_impersonating())
		return 0;
	if (wt_cred_imp_level(cred) >= 0 ||
	    wt_cred_imp_level(current_cred()) >= 0)
		return -EPERM;
	return 0;
}

/*
 * setns() into a user namespace: userns_install(nsset, ns), reached
 * through the namespace's ops (never inlined). The impersonating thread
 * would have the capabilities of the namespace's owner when the client
 * owns it, and would carry the impersonation into it. Refused like
 * creation; revert first.
 */
static int wt_hook_userns_install(void *nsset, void *ns)
{
	if (!wt_cred_impersonating())
		return 0;
	return wt_cred_imp_level(current_cred()) >= 0 ? -EPERM : 0;
}

/*
 * An impersonating thread keeps the service's real and saved ids, which
 * setuid() and friends let any thread take back as effective ids without
 * a capability: it would then act with the service's Linux ids and the
 * client's token at once. Refused: a thread reverts first.
 */
static int wt_hook_task_fix_setuid(struct cred *new, const struct cred *old,
				   int flags)
{
	return wt_cred_imp_level(old) >= 0 ? -EPERM : 0;
}

static int wt_hook_task_fix_setgid(struct cred *new, const struct cred *old,
				   int flags)
{
	return wt_cred_imp_level(old) >= 0 ? -EPERM : 0;
}

static int wt_hook_task_fix_setgroups(struct cred *new, const struct cred *old)
{
	return wt_cred_imp_level(old) >= 0 ? -EPERM : 0;
}

/*
 * io_uring: IORING_REGISTER_PERSONALITY keeps a reference to the
 * registering thread's cred, and io_init_req() runs a request naming it
 * under override_creds() after asking this hook. A cred registered while
 * impersonating keeps the impersonation after revert, and the ring can
 * be passed to other processes: such a personality is allowed only as
 * the submitting thread's own current cred (the thread impersonates that
 * very client now). Called in the submitting task or the ring's SQPOLL
 * thread, under the ring's mutex: never sleeps.
 */
static int wt_hook_uring_override_creds(const struct cred *new)
{
	if (!wt_cred_impersonating() || new == current_cred())
		return 0;
	return wt_cred_imp_level(new) >= 0 ? -EPERM : 0;
}

/*
 * An SQPOLL ring's kernel thread submits with the credentials of the
 * thread that set the ring up, for the ring's whole life: an
 * impersonating thread would give it the client's. Refused; revert first.
 */
static int wt_hook_uring_sqpoll(void)
{
	if (!wt_cred_impersonating())
		return 0;
	return wt_cred_imp_level(current_cred()) >= 0 ? -EPERM : 0;
}

static struct wt_hook wt_cred_limit_hooks[] = {
	{ .func = "security_bprm_creds_for_exec",
	  .check = wt_hook_bprm_creds_for_exec, .mode = WT_HOOK_ATOMIC },
	{ .func = "security_bprm_committing_creds",
	  .check = wt_hook_bprm_committing_creds, .mode = WT_HOOK_ATOMIC },
	/* The exec of a pending assignment (token_pending.c). */
	{ .func = "security_bprm_creds_from_file",
	  .check = wt_hook_bprm_creds_from_file, .mode = WT_HOOK_SLEEPABLE },
	{ .func = "security_task_fix_setuid",
	  .check = wt_hook_task_fix_setuid, .mode = WT_HOOK_ATOMIC },
	{ .func = "security_task_fix_setgid",
	  .check = wt_hook_task_fix_setgid, .mode = WT_HOOK_ATOMIC },
	{ .func = "security_task_fix_setgroups",
	  .check = wt_hook_task_fix_setgroups, .mode = WT_HOOK_ATOMIC },
	{ .func = "security_create_user_ns",
	  .check = wt_hook_create_user_ns, .mode = WT_HOOK_ATOMIC },
	{ .func = "userns_install",
	  .check = wt_hook_userns_install, .mode = WT_HOOK_ATOMIC },
	{ .func = "security_uring_override_creds",
	  .check = wt_hook_uring_override_creds, .mode = WT_HOOK_ATOMIC },
	{ .func = "security_uring_sqpoll",
	  .check = wt_hook_uring_sqpoll, .mode = WT_HOOK_ATOMIC },
};

/**
 * wt_cred_limits_init() - install these hooks, after the credential map's
 *
 * Return: 0 or a negative errno (the module must then refuse to load).
 */
int wt_cred_limits_init(void)
{
	wt_pending_init();
	return wt_hooks_install(wt_cred_limit_hooks,
				ARRAY_SIZE(wt_cred_limit_hooks));
}

/**
 * wt_cred_limits_exit() - remove these hooks, before the credential map's
 */
void wt_cred_limits_exit(void)
{
	wt_hooks_remove(wt_cred_limit_hooks, ARRAY_SIZE(wt_cred_limit_hooks));
	wt_pending_exit();
}
