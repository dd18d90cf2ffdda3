// SPDX-License-Identifier: GPL-2.0
/*
 * wintok hook machinery: table-driven enforcement at kernel functions via
 * ftrace, from a loadable module. See Documentation/design/hooks.rst for
 * the design, the fail-closed and IBT arguments and the measured evidence.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": hook: " fmt

#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/ftrace.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/ptrace.h>
#include <linux/rcupdate.h>
#include <linux/srcu.h>
#include <linux/string.h>

#include "hook.h"
#include "hook_compat.h"

/*
 * Every check is called through this type. All hooked functions take at
 * most six integer or pointer arguments, which the x86_64 ABI passes in
 * the same six registers whatever their C types, so passing all six saved
 * registers to a check that declares fewer is well defined at the ABI
 * level (kCFI would object; hook_compat.h refuses CONFIG_CFI_CLANG).
 */
typedef int (*wt_check_fn)(unsigned long, unsigned long, unsigned long,
			   unsigned long, unsigned long, unsigned long);

/**
 * struct wt_slot - machinery state of one installed hook
 * @hook: the user's table entry, NULL when the slot is free. Set before
 *	the ftrace ops is registered and cleared only after the drain, so
 *	code reached through the ops always finds it.
 * @ops: the ftrace ops attaching @hook to its function.
 * @tramp: address of the slot's trampoline (WT_HOOK_SLEEPABLE only).
 */
struct wt_slot {
	struct wt_hook *hook;
	struct ftrace_ops ops;
	unsigned long tramp;
};

static struct wt_slot wt_slots[WT_HOOK_MAX];
static DEFINE_MUTEX(wt_hook_lock);
static DEFINE_PER_CPU(unsigned long, wt_hook_checks);

/*
 * Readers are every check in progress, atomic or sleeping. Removal waits
 * for them with synchronize_srcu(): RCU-tasks alone does not, because a
 * task sleeping inside a check has done a voluntary context switch and so
 * is quiescent for RCU-tasks while it still has to return through module
 * text. SRCU read-side counters are per CPU, so the hot path does not
 * bounce a shared cache line.
 */
DEFINE_STATIC_SRCU(wt_hook_srcu);

/*
 * Functions whose callers are known to allow sleeping in the LSM hook:
 * never under a spinlock, with preemption disabled or in an RCU read-side
 * section. Reviewed from the callers (syscall paths holding at most
 * sleeping locks: i_rwsem, mnt_want_write) and measured on 6.1 and 6.12
 * with sleeping checks, with and without other tracers on the function
 * (hooktest probe_all, see hooks.rst).
 * security_inode_permission (RCU path walk), security_ipc_permission (IPC
 * spinlock), security_task_kill (RCU) and security_ptrace_access_check
 * (task_lock) are deliberately absent.
 */
static const char * const wt_sleepable_allow[] = {
	"security_file_open",
	"security_path_mknod",
	"security_inode_unlink",
	"security_path_unlink",
	"security_path_mkdir",
	"security_path_rmdir",
	"security_path_symlink",
	"security_path_link",
	"security_path_rename",
	"security_path_truncate",
	"security_path_chmod",
	"security_path_chown",
	"security_inode_create",
	"security_inode_mkdir",
	"security_inode_rmdir",
	"security_inode_rename",
	"security_inode_setattr",
	"security_inode_setxattr",
	"security_inode_removexattr",
	"security_bprm_check",
	/*
	 * Called only from begin_new_exec() (execve(2), execveat(2), the
	 * kernel's usermode helpers), holding cred_guard_mutex (a mutex),
	 * before the point of no return; the exec then fails with the error.
	 */
	"security_bprm_creds_from_file",
	"security_mmap_file",
	"security_file_ioctl",
	/*
	 * Called only from the bind(2)/listen(2)/connect(2) system calls and
	 * io_uring's equivalents (__sys_*_file/socket, process context, no
	 * lock held); kernel_connect() and kernel_listen() skip the LSM.
	 */
	"security_socket_connect",
	"security_socket_listen",
	/*
	 * Not an LSM entry point: the datagram send of AF_UNIX, reached only
	 * through sock->ops->sendmsg (sock_sendmsg() and its callers) and
	 * unix_seqpacket_sendmsg(). It sleeps itself (it resolves pathname
	 * addresses with kern_path() and allocates the skb with the socket's
	 * GFP_KERNEL allocation, possibly waiting for memory or for a full
	 * receiver), so every caller already allows sleeping.
	 * security_socket_sendmsg() has callers that may not (UDP senders in
	 * drivers, e.g. mISDN's l1oip from its timers).
	 */
	"unix_dgram_sendmsg",
	/*
	 * Called by file systems while creating an inode, holding the
	 * directory's i_rwsem and their own sleeping locks or transaction
	 * (ext4 journal handle, btrfs/xfs transactions); the LSMs'
	 * inode_init_security hooks allocate with GFP_NOFS there.
	 */
	"security_inode_init_security",
	/*
	 * Called only from do_mprotect_pkey() (mprotect(2), pkey_mprotect(2))
	 * holding the mm's mmap_lock for writing, a sleeping lock.
	 */
	"security_file_mprotect",
	/*
	 * Called only from vfs_getxattr(), which goes on to read the
	 * attribute with __vfs_getxattr() (which may block), so every caller
	 * must already allow sleeping.
	 */
	"security_inode_getxattr",
	/*
	 * Called only by the fcntl(2) and fcntl64(2) system calls, before
	 * the command runs, holding no lock (the descriptor by fdget_raw()).
	 */
	"security_file_fcntl",
	/*
	 * Called by rw_verify_area(), remap_verify_area(), vfs_fallocate()
	 * and iterate_dir(). Right after the LSMs comes fsnotify's permission
	 * event (inside security_file_permission() before 6.8, in those
	 * callers from 6.8 on), which waits for a fanotify listener's
	 * answer: every caller must already allow sleeping.
	 */
	"security_file_permission",
	/*
	 * 6.2 on: called only from vfs_set_acl() and vfs_remove_acl(),
	 * holding the inode's i_rwsem exclusively.
	 */
	"security_inode_set_acl",
	"security_inode_remove_acl",
};

/*
 * Functions that may be hooked in WT_HOOK_SLEEPABLE mode with
 * WT_HOOK_OWN_CONTEXT: some of their callers are atomic, but those say so
 * in the arguments, so a check can tell when it may sleep.
 *
 * security_inode_permission: called only by inode_permission(). The RCU
 * path walk (may_lookup(), also through overlayfs's ->permission, which
 * passes the mask on) calls it with MAY_NOT_BLOCK under rcu_read_lock();
 * every caller without MAY_NOT_BLOCK was reviewed on 6.1 (fs/namei.c
 * ref-walk, lookup_one*() under the directory's i_rwsem, open, access,
 * chdir/fchdir/chroot, exec, xattr and attr changes, nfsd, ksmbd, btrfs
 * and ocfs2 ioctls, overlayfs, ecryptfs, configfs, mqueue, bpffs, cgroup,
 * prctl, madvise/mincore under mmap_lock, memcg): all in process context
 * holding at most sleeping locks, as they must be, since a file system's
 * ->permission may sleep there (NFS, FUSE). The check still tests
 * preemptible() and rcu_preempt_depth() and never sleeps when either says
 * no (traverse.c).
 */
static const char * const wt_own_context_allow[] = {
	"security_inode_permission",
};

static bool wt_listed(const char *func, const char * const *list,
		      unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!strcmp(func, list[i]))
			return true;
	return false;
}

static bool wt_sleepable_ok(const struct wt_hook *h)
{
	if (h->flags & WT_HOOK_OWN_CONTEXT)
		return wt_listed(h->func, wt_own_context_allow,
				 ARRAY_SIZE(wt_own_context_allow));
	return wt_listed(h->func, wt_sleepable_allow,
			 ARRAY_SIZE(wt_sleepable_allow));
}

/* Map a check's result onto what the hooked function returns. */
static __always_inline int wt_verdict(int ret)
{
	if (likely(!ret))
		return 0;
	if (ret < 0 && ret >= -MAX_ERRNO)
		return ret;
	/* Positive or out-of-range values are bugs in a check: still deny. */
	return -EACCES;
}

static __always_inline int wt_run_check(const struct wt_hook *h,
					const unsigned long *a)
{
	/*
	 * An indirect call, emitted as a retpoline thunk call. The target is
	 * an address-taken module function, so it keeps its ENDBR under IBT;
	 * kernel functions are never called this way.
	 */
	wt_check_fn fn = h->check;

	this_cpu_inc(wt_hook_checks);
	return fn(a[0], a[1], a[2], a[3], a[4], a[5]);
}

/**
 * wt_hook_stats() - counters summed over the installed hooks
 * @checks: out: checks run since load (per CPU, so no shared cache line)
 * @denied: out: calls the installed hooks denied
 * @errors: out: calls they denied on an internal error
 */
void wt_hook_stats(u64 *checks, u64 *denied, u64 *errors)
{
	unsigned long sum = 0;
	unsigned int i;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += per_cpu(wt_hook_checks, cpu);
	*checks = sum;
	*denied = 0;
	*errors = 0;
	mutex_lock(&wt_hook_lock);
	for (i = 0; i < WT_HOOK_MAX; i++) {
		const struct wt_hook *h = wt_slots[i].hook;

		if (!h)
			continue;
		*denied += atomic_long_read(&h->denied);
		*errors += atomic_long_read(&h->errors);
	}
	mutex_unlock(&wt_hook_lock);
}

/**
 * wt_hook_dispatch() - run the check of a WT_HOOK_SLEEPABLE slot
 * @args: the six argument registers saved by the trampoline
 * @slot: slot index hard-coded in the trampoline
 *
 * Called only from hook_tramp.S. Not traced: it must not recurse into
 * ftrace while the hooked function's arguments are parked on the stack.
 *
 * Return: 0 to let the hooked function run, else the error its caller sees.
 */
notrace int wt_hook_dispatch(const unsigned long *args, unsigned long slot)
{
	struct wt_hook *h;
	int idx, ret;

	if (unlikely(slot >= WT_HOOK_MAX))
		return -EACCES;

	idx = srcu_read_lock(&wt_hook_srcu);
	h = READ_ONCE(wt_slots[slot].hook);
	if (unlikely(!h)) {
		/* Cannot happen by the install/remove ordering; fail closed. */
		ret = -EACCES;
		goto out;
	}
	if (unlikely((!preemptible() || rcu_preempt_depth()) &&
		     !(h->flags & WT_HOOK_OWN_CONTEXT))) {
		/*
		 * The allowlist was wrong for some caller. Sleeping here would
		 * be a bug and skipping the check a fail-open: deny.
		 */
		WARN_ONCE(1, "%s: sleepable check reached in atomic context\n",
			  h->func);
		atomic_long_inc(&h->errors);
		ret = -EACCES;
		goto count;
	}
	ret = wt_verdict(wt_run_check(h, args));
	/* The caller retries where it may block: not a denial yet. */
	if (ret == -ECHILD && (h->flags & WT_HOOK_OWN_CONTEXT))
		goto out;
count:
	if (ret)
		atomic_long_inc(&h->denied);
out:
	srcu_read_unlock(&wt_hook_srcu, idx);
	return ret;
}

/*
 * ftrace callback of WT_HOOK_ATOMIC slots. It may run
 * with or without preemption disabled (with another tracer on the function
 * it is called from ftrace's list function, which disables preemption), so
 * checks must never sleep.
 */
static void notrace wt_ftrace_cb(unsigned long ip, unsigned long parent_ip,
				 struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	struct wt_hook *h = op->private;
	struct pt_regs *regs = ftrace_get_regs(fregs);
	unsigned long args[6];
	int idx, ret;

	/*
	 * Registered with SAVE_REGS, so ftrace always passes full regs.
	 * Without them the call could not be redirected: make the failure
	 * loud rather than silent.
	 */
	if (WARN_ON_ONCE(!regs))
		return;

	args[0] = regs->di;
	args[1] = regs->si;
	args[2] = regs->dx;
	args[3] = regs->cx;
	args[4] = regs->r8;
	args[5] = regs->r9;

	idx = srcu_read_lock(&wt_hook_srcu);
	ret = wt_verdict(wt_run_check(h, args));
	if (ret) {
		atomic_long_inc(&h->denied);
		/*
		 * Resume in the deny stub instead of the function body; the
		 * stub returns its first argument, which the caller receives
		 * as the function's return value.
		 */
		regs->di = (unsigned long)(long)ret;
		instruction_pointer_set(regs, (unsigned long)wt_deny_stub);
	}
	srcu_read_unlock(&wt_hook_srcu, idx);
}

/*
 * ftrace callback of WT_HOOK_OBSERVE slots: the same context rules, but
 * it never redirects, so it needs only the argument registers that ftrace
 * saves for every callback, not the full set (SAVE_REGS), which costs
 * every call of these frequent lifecycle functions (each close, each
 * cred put).
 */
static void notrace wt_observe_cb(unsigned long ip, unsigned long parent_ip,
				  struct ftrace_ops *op,
				  struct ftrace_regs *fregs)
{
	struct wt_hook *h = op->private;
	unsigned long args[6];
	unsigned int i;
	int idx;

	for (i = 0; i < ARRAY_SIZE(args); i++)
		args[i] = wt_fregs_arg(fregs, i);
	idx = srcu_read_lock(&wt_hook_srcu);
	wt_run_check(h, args);
	srcu_read_unlock(&wt_hook_srcu, idx);
}

/*
 * The guard: a PERMANENT ftrace ops on a never-called module function.
 * While a PERMANENT ops is registered, writing 0 to kernel.ftrace_enabled
 * fails with -EBUSY. That matters for WT_HOOK_SLEEPABLE: direct ops
 * cannot be PERMANENT, and with ftrace disabled their call sites become
 * NOPs, i.e. the checks would silently stop running. Registering the guard
 * first also makes install fail while ftrace is already disabled.
 */
static struct ftrace_ops wt_guard_ops;
static unsigned int wt_guard_users;

static noinline void wt_hook_anchor(void)
{
	/* Only its fentry site matters; keep the body from being merged. */
	barrier();
}

static void notrace wt_guard_cb(unsigned long ip, unsigned long parent_ip,
				struct ftrace_ops *op, struct ftrace_regs *fregs)
{
}

static int wt_guard_get(void)
{
	int err;

	if (wt_guard_users++)
		return 0;

	memset(&wt_guard_ops, 0, sizeof(wt_guard_ops));
	wt_guard_ops.func = wt_guard_cb;
	wt_guard_ops.flags = FTRACE_OPS_FL_PERMANENT;
	err = ftrace_set_filter_ip(&wt_guard_ops, (unsigned long)wt_hook_anchor,
				   0, 0);
	if (err) {
		pr_err("cannot pin ftrace: own anchor not traceable (%d)\n", err);
		goto fail;
	}
	err = register_ftrace_function(&wt_guard_ops);
	if (err) {
		pr_err("cannot pin ftrace: kernel.ftrace_enabled=0 or ftrace disabled (%d)\n",
		       err);
		ftrace_free_filter(&wt_guard_ops);
		goto fail;
	}
	return 0;
fail:
	wt_guard_users = 0;
	return err;
}

static void wt_guard_put(void)
{
	if (WARN_ON_ONCE(!wt_guard_users) || --wt_guard_users)
		return;
	if (unregister_ftrace_function(&wt_guard_ops)) {
		/* Still registered: keep the module (and its anchor) alive. */
		__module_get(THIS_MODULE);
		return;
	}
	ftrace_free_filter(&wt_guard_ops);
}

static bool wt_name_ok(const char *s)
{
	size_t len = 0;

	/* Exact names only: ftrace_set_filter() would expand globs. */
	for (; *s; s++, len++)
		if (!isalnum(*s) && *s != '_')
			return false;
	return len > 0 && len < KSYM_NAME_LEN;
}

static bool wt_func_in_use(const char *func)
{
	unsigned int i;

	for (i = 0; i < WT_HOOK_MAX; i++)
		if (wt_slots[i].hook && !strcmp(wt_slots[i].hook->func, func))
			return true;
	return false;
}

static int wt_validate(struct wt_hook *hooks, unsigned int n)
{
	unsigned int i, j, free_slots = 0;

	if (wt_tramp_count != WT_HOOK_MAX) {
		pr_err("trampoline table has %u entries, expected %u\n",
		       wt_tramp_count, WT_HOOK_MAX);
		return -EINVAL;
	}
	if (!n) {
		/* Nothing would tell remove that the guard was taken. */
		pr_err("empty hook table\n");
		return -EINVAL;
	}
	for (i = 0; i < WT_HOOK_MAX; i++)
		if (!wt_slots[i].hook)
			free_slots++;
	if (n > free_slots) {
		pr_err("%u hooks requested, only %u of %u slots free\n",
		       n, free_slots, WT_HOOK_MAX);
		return -ENOSPC;
	}

	for (i = 0; i < n; i++) {
		struct wt_hook *h = &hooks[i];

		if (!h->func || !wt_name_ok(h->func) || !h->check) {
			pr_err("hook %u: bad function name or missing check\n", i);
			return -EINVAL;
		}
		switch (h->mode) {
		case WT_HOOK_ATOMIC:
		case WT_HOOK_OBSERVE:
			if (h->flags) {
				pr_err("%s: flags are for WT_HOOK_SLEEPABLE only\n",
				       h->func);
				return -EINVAL;
			}
			break;
		case WT_HOOK_SLEEPABLE:
			if (h->flags & ~WT_HOOK_OWN_CONTEXT) {
				pr_err("%s: unknown hook flags %#x\n", h->func,
				       h->flags);
				return -EINVAL;
			}
			if (!wt_sleepable_ok(h)) {
				pr_err("%s: not on the %s allowlist, use WT_HOOK_ATOMIC\n",
				       h->func,
				       h->flags ? "own-context" : "sleepable");
				return -EINVAL;
			}
			break;
		default:
			pr_err("%s: unknown hook mode %d\n", h->func, h->mode);
			return -EINVAL;
		}
		for (j = 0; j < i; j++)
			if (!strcmp(hooks[j].func, h->func)) {
				pr_err("%s: hooked twice in one table\n", h->func);
				return -EINVAL;
			}
		if (wt_func_in_use(h->func)) {
			pr_err("%s: already hooked by this module\n", h->func);
			return -EBUSY;
		}
	}
	return 0;
}

static int wt_attach(struct wt_hook *h)
{
	char name[KSYM_NAME_LEN];
	struct wt_slot *s = NULL;
	unsigned int i;
	int err;

	for (i = 0; i < WT_HOOK_MAX; i++)
		if (!wt_slots[i].hook) {
			s = &wt_slots[i];
			break;
		}
	if (WARN_ON_ONCE(!s))	/* wt_validate() counted the free slots */
		return -ENOSPC;

	atomic_long_set(&h->denied, 0);
	atomic_long_set(&h->errors, 0);
	memset(&s->ops, 0, sizeof(s->ops));
	s->ops.private = h;
	s->tramp = wt_tramp_table[i];
	WRITE_ONCE(s->hook, h);
	h->slot = i;

	strscpy(name, h->func, sizeof(name));
	/*
	 * Must succeed before anything is registered: an ops with an empty
	 * filter would trace (or redirect) every function in the kernel.
	 */
	err = ftrace_set_filter(&s->ops, name, strlen(name), 1);
	if (err) {
		pr_err("cannot hook %s: no such traceable function (%d)\n",
		       h->func, err);
		goto fail;
	}

	if (h->mode == WT_HOOK_SLEEPABLE) {
		err = wt_direct_register(&s->ops, s->tramp);
	} else {
		/*
		 * No FTRACE_OPS_FL_RECURSION: its guard would skip the
		 * callback on recursion, which for a check is a fail-open
		 * (and for an observer a missed free).
		 */
		s->ops.flags = FTRACE_OPS_FL_PERMANENT;
		if (h->mode == WT_HOOK_ATOMIC) {
			s->ops.func = wt_ftrace_cb;
			s->ops.flags |= FTRACE_OPS_FL_SAVE_REGS |
					FTRACE_OPS_FL_IPMODIFY;
		} else {
			s->ops.func = wt_observe_cb;
		}
		err = register_ftrace_function(&s->ops);
	}
	if (err == -EBUSY) {
		/* IPMODIFY and direct calls are exclusive per function. */
		pr_err("cannot hook %s: already redirected by another user (module, BPF trampoline, kprobe with post handler) (%d)\n",
		       h->func, err);
		ftrace_free_filter(&s->ops);
		goto fail;
	}
	if (err) {
		pr_err("cannot hook %s: ftrace %s registration failed (%d)\n",
		       h->func,
		       h->mode == WT_HOOK_SLEEPABLE ? "direct call" : "ops", err);
		ftrace_free_filter(&s->ops);
		goto fail;
	}
	return 0;

fail:
	WRITE_ONCE(s->hook, NULL);
	h->slot = -1;
	return err;
}

/*
 * Detach the attached entries among the first @n of @hooks (an entry a
 * failed install did not reach has slot -1). The order is what
 * makes unloading safe with tasks inside checks:
 *  1. unregister every ops: no new entries into trampolines or callbacks;
 *  2. synchronize_rcu_tasks(): every task that was preempted inside a
 *     trampoline, callback or the deny stub outside a check has left it;
 *  3. synchronize_srcu(): every check in progress, including ones that
 *     sleep, has returned;
 *  4. synchronize_rcu_tasks() again: the tasks of step 3 have also run
 *     the few instructions left in the dispatcher and trampoline.
 * After that no task can be in module text on behalf of these hooks.
 *
 * Return: true if some ops could not be unregistered (module pinned).
 */
static bool wt_detach(struct wt_hook *hooks, unsigned int n)
{
	bool stuck[WT_HOOK_MAX] = { };
	bool any_stuck = false;
	unsigned int i;
	int err;

	for (i = 0; i < n; i++) {
		struct wt_hook *h = &hooks[i];
		struct wt_slot *s;

		if (h->slot < 0)	/* a failed install never attached it */
			continue;
		s = &wt_slots[h->slot];
		if (h->mode == WT_HOOK_SLEEPABLE)
			err = wt_direct_unregister(&s->ops, s->tramp);
		else
			err = unregister_ftrace_function(&s->ops);
		if (err) {
			pr_crit("%s: unregister failed (%d), module pinned\n",
				h->func, err);
			stuck[i] = true;
			any_stuck = true;
		}
	}

	synchronize_rcu_tasks();
	synchronize_srcu(&wt_hook_srcu);
	synchronize_rcu_tasks();

	for (i = 0; i < n; i++) {
		struct wt_hook *h = &hooks[i];
		struct wt_slot *s;

		if (h->slot < 0 || stuck[i])
			continue;
		s = &wt_slots[h->slot];
		ftrace_free_filter(&s->ops);
		WRITE_ONCE(s->hook, NULL);
		h->slot = -1;
	}
	/*
	 * A hook that could not be unregistered can still be entered: never
	 * let the module text and the table go away under it.
	 */
	if (any_stuck)
		__module_get(THIS_MODULE);
	return any_stuck;
}

/*
 * Install is all or nothing, so the first entry tells for the table; the
 * slot back-pointer also recognises a table never passed to install (its
 * slot fields are still zero).
 */
static bool wt_table_installed(const struct wt_hook *hooks, unsigned int n)
{
	return n && hooks[0].slot >= 0 && hooks[0].slot < WT_HOOK_MAX &&
	       wt_slots[hooks[0].slot].hook == &hooks[0];
}

/*
 * Attach the observers of @hooks first, then its checks. A table pairs
 * the hooks that create per-object state (an open, a bind, a connect, a
 * new IPC object) with the observer of the object's free that forgets it;
 * with the free observed before anything can create state, no object is
 * freed unseen while the table goes live, so no entry outlives its object
 * to be found again by a new object at the same address.
 */
static int wt_attach_all(struct wt_hook *hooks, unsigned int n)
{
	unsigned int i;
	int err;

	for (i = 0; i < n; i++) {
		if (hooks[i].mode != WT_HOOK_OBSERVE)
			continue;
		err = wt_attach(&hooks[i]);
		if (err)
			return err;
	}
	for (i = 0; i < n; i++) {
		if (hooks[i].mode == WT_HOOK_OBSERVE)
			continue;
		err = wt_attach(&hooks[i]);
		if (err)
			return err;
	}
	return 0;
}

/**
 * wt_hooks_install() - attach a table of checks to kernel functions
 * @hooks: table of hooks; @func, @check and @mode filled in by the caller
 * @n: number of entries
 *
 * All or nothing: on failure nothing from @hooks stays attached and one
 * line naming the function or feature at fault is logged. While any table
 * is installed, kernel.ftrace_enabled cannot be set to 0.
 *
 * Context: process context, may sleep.
 * Return: 0 or a negative errno (-EINVAL bad table or unknown function,
 * -EBUSY function already redirected, table already installed or ftrace
 * disabled, -ENOSPC).
 */
int wt_hooks_install(struct wt_hook *hooks, unsigned int n)
{
	unsigned int i;
	int err;

	mutex_lock(&wt_hook_lock);
	if (wt_table_installed(hooks, n)) {
		/* Resetting its slots would make it impossible to remove. */
		pr_err("%s: table already installed\n", hooks[0].func);
		err = -EBUSY;
		goto unlock;
	}
	for (i = 0; i < n; i++)
		hooks[i].slot = -1;
	err = wt_validate(hooks, n);
	if (err)
		goto unlock;
	err = wt_guard_get();
	if (err)
		goto unlock;

	err = wt_attach_all(hooks, n);
	if (err) {
		if (!wt_detach(hooks, n))
			wt_guard_put();
	} else {
		pr_info("%u hooks installed\n", n);
	}
unlock:
	mutex_unlock(&wt_hook_lock);
	return err;
}

/**
 * wt_hooks_remove() - detach a table installed by wt_hooks_install()
 * @hooks: the same table
 * @n: the same number of entries
 *
 * Returns only when no task is inside a check, a trampoline or a callback
 * of @hooks any more, so the caller may free what its checks use and the
 * module may be unloaded. A table that is not installed is left alone.
 *
 * Context: process context, sleeps (several RCU-tasks grace periods and
 * the longest check in progress).
 */
void wt_hooks_remove(struct wt_hook *hooks, unsigned int n)
{
	mutex_lock(&wt_hook_lock);
	if (wt_table_installed(hooks, n) && !wt_detach(hooks, n))
		wt_guard_put();
	mutex_unlock(&wt_hook_lock);
}
