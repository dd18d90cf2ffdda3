// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - who may act on another process.
 *
 * Windows guards a process with the security descriptor of its object and
 * the mandatory label of its primary token (No-Read-Up for processes), and
 * guards a token with the token's own security descriptor. Linux guards a
 * process with ptrace_may_access(): the same ids and a dumpable process,
 * or CAP_SYS_PTRACE, plus what the LSMs say (Yama). wintok asks for both:
 *
 * - Linux's rule, that of ptrace_may_access() (restated in
 *   wt_linux_may_read(): the function is not exported). It is what makes
 *   a setuid or setgid process (ids that differ, or not dumpable) another
 *   principal than its caller.
 * - The token rule, wt_process_rule(): the caller's effective token must
 *   dominate the target's primary token (wt_token_compare()): integrity
 *   not below the target's; a caller with restricting SIDs reaches only a
 *   target restricted by the same SIDs; for the same user SID, the
 *   target holds no privilege and no usable group the caller lacks (a
 *   sandbox made with deny-only groups cannot take a sibling that still
 *   has them); another user SID needs CAP_SYS_PTRACE, because Linux ids
 *   do not tell unmapped users apart (all run with the overflow ids).
 *   SeDebugPrivilege enabled in the caller's effective token
 *   waives the token rule, as a debugger on Windows opens any process; it
 *   never waives Linux's rule, which CAP_SYS_PTRACE governs.
 *
 * Both apply to %WT_IOC_OPEN_PROCESS_TOKEN of another process
 * (wt_process_access_allowed(), before the token's own DACL), and the
 * token rule to every ptrace_may_access() of the kernel through
 * security_ptrace_access_check(): PTRACE_ATTACH and PTRACE_SEIZE,
 * /proc/<pid>/mem, environ, maps and fd, process_vm_readv/writev,
 * pidfd_getfd, kcmp, and the rest.
 *
 * The impersonation gate (impersonate.c) uses the same comparison.
 */
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/err.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/sched/coredump.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>

#include "wintok.h"
#include "hook.h"
#include "token.h"
#include "token_subject.h"
#include "process_access.h"

/* Token lookups from the atomic hook (under the target's task_lock). */
#define WT_PROCESS_GFP	(GFP_ATOMIC | __GFP_NOWARN)

/* Group attributes that say nothing of what the holder may do. */
#define WT_CMP_IGNORED_GROUP	(WT_SE_GROUP_LOGON_ID | WT_SE_GROUP_INTEGRITY)

/* Does @v hold @sid as a group it may use (enabled, or one it may enable)? */
static bool wt_view_has_usable_group(const struct wt_token_view *v,
				     const struct wt_sid *sid)
{
	u32 i;

	for (i = 0; i < v->group_count; i++)
		if (!(v->groups[i].attributes & WT_SE_GROUP_USE_FOR_DENY_ONLY) &&
		    wt_sid_equal(&v->groups[i].sid, sid))
			return true;
	return false;
}

static bool wt_view_has_restricting(const struct wt_token_view *v,
				    const struct wt_sid *sid)
{
	u32 i;

	for (i = 0; i < v->restricted_count; i++)
		if (wt_sid_equal(&v->restricted[i].sid, sid))
			return true;
	return false;
}

/* Do @a and @b carry the same set of restricting SIDs? */
static bool wt_same_restricting(const struct wt_token_view *a,
				const struct wt_token_view *b)
{
	u32 i;

	for (i = 0; i < b->restricted_count; i++)
		if (!wt_view_has_restricting(a, &b->restricted[i].sid))
			return false;
	for (i = 0; i < a->restricted_count; i++)
		if (!wt_view_has_restricting(b, &a->restricted[i].sid))
			return false;
	return true;
}

/**
 * wt_token_compare() - does token @a dominate token @b?
 * @a: the acting token's view (stable: under RCU or the token's lock)
 * @b: the view of the token it would act as, or on
 *
 * @a dominates @b when acting as @b could give @a nothing it does not
 * have: @b's integrity level is not above @a's; @a is not restricted, or
 * @b is restricted by the same SIDs; @b holds no privilege (present,
 * enabled or not: a holder may enable it) @a does not hold, no usable
 * group @a lacks or holds only for deny, and its user SID is not usable
 * where @a's is deny-only. Logon and integrity SIDs are not compared:
 * two processes of one user have different logon SIDs.
 *
 * Context: any but NMI; never sleeps.
 * Return: 0, or WT_CMP_* bits saying why not.
 */
u32 wt_token_compare(const struct wt_token_view *a,
		     const struct wt_token_view *b)
{
	u32 why = 0, i;

	if (a == b)
		return 0;
	if (b->integrity_level > a->integrity_level)
		why |= WT_CMP_INTEGRITY;
	if (a->restricted_count &&
	    (!b->restricted_count || !wt_same_restricting(a, b)))
		why |= WT_CMP_RESTRICTED;
	if (wt_view_state(b)->privs_present & ~wt_view_state(a)->privs_present)
		why |= WT_CMP_PRIVILEGED;
	if ((a->user.attributes & WT_SE_GROUP_USE_FOR_DENY_ONLY) &&
	    !(b->user.attributes & WT_SE_GROUP_USE_FOR_DENY_ONLY))
		why |= WT_CMP_PRIVILEGED;
	for (i = 0; i < b->group_count && !(why & WT_CMP_PRIVILEGED); i++) {
		const struct wt_sid_attr *g = &b->groups[i];

		if (g->attributes & (WT_CMP_IGNORED_GROUP |
				     WT_SE_GROUP_USE_FOR_DENY_ONLY))
			continue;
		if (!wt_view_has_usable_group(a, &g->sid))
			why |= WT_CMP_PRIVILEGED;
	}
	return why;
}

/*
 * The token rule of process access: may a caller whose effective token
 * is @caller act on a process whose primary token is @target? Another
 * user's process needs CAP_SYS_PTRACE (of the caller's subjective
 * credentials, as Linux asks it) on top of the comparison: Linux ids do
 * not tell users apart when several SIDs map to one id (every unmapped
 * SID runs with the overflow ids), and on Windows a process's default
 * DACL admits its user and SYSTEM only. SeDebugPrivilege enabled waives
 * the rule.
 */
static bool wt_process_rule(const struct wt_token_view *caller,
			    const struct wt_token_view *target)
{
	u32 why;

	if (wt_token_has_privilege(caller, WT_SE_DEBUG_PRIVILEGE))
		return true;
	why = wt_token_compare(caller, target);
	if (!wt_sid_equal(&caller->user.sid, &target->user.sid)) {
		why &= ~WT_CMP_PRIVILEGED;
		if (!ns_capable_noaudit(&init_user_ns, CAP_SYS_PTRACE))
			why |= WT_CMP_PRIVILEGED;
	}
	return !why;
}

/* The token rule for two referenced tokens. */
static bool wt_process_rule_tokens(struct wt_token *caller,
				   struct wt_token *target)
{
	bool ok;

	rcu_read_lock();
	ok = wt_process_rule(&wt_token_state(caller)->view,
			     &wt_token_state(target)->view);
	rcu_read_unlock();
	return ok;
}

/* The primary token of @task's objective credentials, referenced. */
static struct wt_token *wt_task_primary_token(struct task_struct *task,
					      gfp_t gfp)
{
	const struct cred *cred = get_task_cred(task);
	struct wt_token *tok = wt_cred_token(cred, gfp);

	put_cred(cred);
	return tok;
}

/*
 * Linux's rule for reading another process with the caller's file system
 * ids, as ptrace_may_access(@task, PTRACE_MODE_READ_FSCREDS) decides it
 * before asking the LSMs. That function is not exported to modules, so
 * the rule is restated here: the same process; or the caller's fsuid and
 * fsgid equal the target's real, effective and saved ids and the target
 * is dumpable; each of the two conditions may be replaced by
 * CAP_SYS_PTRACE in the namespace concerned. A setuid or setgid process
 * fails it (ids that differ, and not dumpable). The LSMs' part is not
 * asked (Yama restricts attaching only; AppArmor's ptrace rules are not
 * consulted here).
 */
static bool wt_linux_may_read(struct task_struct *task)
{
	const struct cred *cred = current_cred(), *tcred;
	struct mm_struct *mm;
	bool ok;

	if (same_thread_group(task, current))
		return true;
	rcu_read_lock();
	tcred = __task_cred(task);
	ok = (uid_eq(cred->fsuid, tcred->uid) &&
	      uid_eq(cred->fsuid, tcred->euid) &&
	      uid_eq(cred->fsuid, tcred->suid) &&
	      gid_eq(cred->fsgid, tcred->gid) &&
	      gid_eq(cred->fsgid, tcred->egid) &&
	      gid_eq(cred->fsgid, tcred->sgid)) ||
	     ns_capable(tcred->user_ns, CAP_SYS_PTRACE);
	rcu_read_unlock();
	if (!ok)
		return false;
	/* No mm: a kernel thread, or exiting; ids alone decide, as in Linux. */
	mm = get_task_mm(task);
	if (mm) {
		ok = get_dumpable(mm) == SUID_DUMP_USER ||
		     ns_capable(mm->user_ns, CAP_SYS_PTRACE);
		mmput(mm);
	}
	return ok;
}

/**
 * wt_process_token_rule() - the token rule of process access, for a hook
 * @cred: the caller's credentials (their effective token decides)
 * @task: the target process (its primary token)
 * @gfp: for token lookups (GFP_ATOMIC from atomic hooks)
 *
 * Context: any but NMI; never sleeps with an atomic @gfp.
 * Return: 0, -EPERM, or the error of a token lookup (fail closed).
 */
int wt_process_token_rule(const struct cred *cred, struct task_struct *task,
			  gfp_t gfp)
{
	struct wt_token *caller, *target;
	int err = 0;

	if (same_thread_group(task, current))
		return 0;
	caller = wt_cred_effective_token(cred, gfp);
	if (IS_ERR(caller))
		return PTR_ERR(caller);
	target = wt_task_primary_token(task, gfp);
	if (IS_ERR(target)) {
		wt_token_put(caller);
		return PTR_ERR(target);
	}
	if (!wt_process_rule_tokens(caller, target))
		err = -EPERM;
	wt_token_put(target);
	wt_token_put(caller);
	return err;
}

/**
 * wt_process_access_allowed() - may the caller read process @task?
 * @task: the target process
 *
 * The one rule of process access from process context: the token rule
 * (see the top of this file), then Linux's rule (wt_linux_may_read()).
 * The ptrace hook applies the token rule to the kernel's own
 * ptrace_may_access() calls, where Linux's rule has already been applied.
 *
 * Context: process context; may sleep.
 * Return: 0, -EACCES, or the error of wt_effective_token() (-ENOKEY for
 * a thread impersonating below Impersonation) or of a token lookup.
 */
int wt_process_access_allowed(struct task_struct *task)
{
	struct wt_token *caller, *target;
	int err = 0;

	caller = wt_effective_token(GFP_KERNEL);
	if (IS_ERR(caller))
		return PTR_ERR(caller);
	target = wt_task_primary_token(task, GFP_KERNEL);
	if (IS_ERR(target)) {
		wt_token_put(caller);
		return PTR_ERR(target);
	}
	if (!wt_process_rule_tokens(caller, target))
		err = -EACCES;
	wt_token_put(target);
	wt_token_put(caller);
	if (!err && !wt_linux_may_read(task))
		err = -EACCES;
	return err;
}

/*
 * security_ptrace_access_check(child, mode): called by
 * __ptrace_may_access() under task_lock(child) once Linux's own rule
 * allowed (WT_HOOK_ATOMIC: never sleeps, GFP_ATOMIC lookups). The caller's
 * credentials are those @mode names; an impersonating thread's real and
 * effective credentials are both the client's. Fail closed: a lookup
 * that fails denies with its error. -EPERM is what ptrace gives for a
 * refused attach.
 */
static int wt_hook_ptrace_access_check(struct task_struct *child,
				       unsigned int mode)
{
	const struct cred *cred = mode & PTRACE_MODE_REALCREDS ?
				  current_real_cred() : current_cred();

	return wt_process_token_rule(cred, child, WT_PROCESS_GFP);
}

static struct wt_hook wt_process_hooks[] = {
	{ .func = "security_ptrace_access_check",
	  .check = wt_hook_ptrace_access_check, .mode = WT_HOOK_ATOMIC },
};

/**
 * wt_process_init() - install the process access hook
 *
 * Return: 0 or a negative errno (the module must then refuse to load).
 */
int wt_process_init(void)
{
	return wt_hooks_install(wt_process_hooks, ARRAY_SIZE(wt_process_hooks));
}

/**
 * wt_process_exit() - remove the process access hook
 */
void wt_process_exit(void)
{
	wt_hooks_remove(wt_process_hooks, ARRAY_SIZE(wt_process_hooks));
}
