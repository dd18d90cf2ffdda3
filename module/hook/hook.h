/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok hook machinery: enforce at kernel functions (in practice the
 * security_*() LSM entry points) from a loadable module, using ftrace.
 *
 * Design and evidence: Documentation/design/hooks.rst.
 */
#ifndef WT_HOOK_H
#define WT_HOOK_H

#include <linux/types.h>
#include <linux/atomic.h>

/**
 * enum wt_hook_mode - how a check is attached to its kernel function
 * @WT_HOOK_ATOMIC: ftrace callback that redirects the saved instruction
 *	pointer to a deny stub (IPMODIFY). The check runs in ftrace callback
 *	context and must never sleep. Works on any traceable function.
 * @WT_HOOK_SLEEPABLE: ftrace direct call into a module trampoline that
 *	calls the check with the original arguments and either resumes the
 *	function or returns to its caller with the error. The check may
 *	sleep, so the function must be on the sleepable allowlist in hook.c
 *	(its callers never hold a spinlock or an RCU read lock).
 * @WT_HOOK_OBSERVE: plain ftrace callback for lifecycle functions that
 *	return void (security_cred_free, security_task_free): the check's
 *	return value is ignored and the function always runs. Must not sleep
 *	(security_cred_free runs from an RCU callback). Registered without
 *	SAVE_REGS: the check gets the argument registers only.
 */
enum wt_hook_mode {
	WT_HOOK_ATOMIC,
	WT_HOOK_SLEEPABLE,
	WT_HOOK_OBSERVE,
};

/*
 * wt_hook.flags: WT_HOOK_OWN_CONTEXT, for WT_HOOK_SLEEPABLE only: the
 * function is also called in atomic context (under rcu_read_lock(), with
 * preemption disabled), and its check finds out itself whether it may
 * sleep, from its arguments (e.g. MAY_NOT_BLOCK) and from preemptible()
 * and rcu_preempt_depth(), and never sleeps when it may not. The
 * dispatcher then does not deny atomic calls, and does not count -ECHILD
 * (a "retry where you may block" answer) as a denial. Allowed only for
 * the functions listed for it in hook.c.
 */
#define WT_HOOK_OWN_CONTEXT	0x1

/**
 * struct wt_hook - one entry of a hook table
 * @func: name of the kernel function to hook, e.g. "security_file_open".
 *	An exact symbol name: glob characters are refused.
 * @check: module function with the hooked function's prototype (at most six
 *	integer or pointer arguments) returning 0 to allow or a negative errno
 *	to deny. Any other non-zero value denies with -EACCES.
 * @mode: see &enum wt_hook_mode.
 * @flags: 0 or %WT_HOOK_OWN_CONTEXT.
 * @denied: number of calls denied so far (read-only for users).
 * @errors: number of calls denied because of an internal error, e.g. a
 *	sleepable check reached in atomic context (read-only for users).
 * @slot: private, index of the machinery slot, -1 when not installed.
 *
 * A table is typically a static array in the module; it must stay in place
 * between wt_hooks_install() and wt_hooks_remove().
 */
struct wt_hook {
	const char *func;
	void *check;
	enum wt_hook_mode mode;
	unsigned int flags;
	atomic_long_t denied;
	atomic_long_t errors;
	int slot;
};

/* Maximum number of hooks installed at once, over all tables. */
#define WT_HOOK_MAX 96

int wt_hooks_install(struct wt_hook *hooks, unsigned int n);
void wt_hooks_remove(struct wt_hook *hooks, unsigned int n);
void wt_hook_stats(u64 *checks, u64 *denied, u64 *errors);

/* Internal: shared between hook.c and hook_tramp.S only. */
int wt_hook_dispatch(const unsigned long *args, unsigned long slot);
extern const unsigned long wt_tramp_table[WT_HOOK_MAX];
extern const u32 wt_tramp_count;
void wt_deny_stub(void);

#endif /* WT_HOOK_H */
