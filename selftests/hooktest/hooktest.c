// SPDX-License-Identifier: GPL-2.0
/*
 * hooktest: exercises the wintok hook machinery (module/hook/hook.c) in a VM.
 *
 * Hooks, all driven by module parameters:
 *  - security_file_open, WT_HOOK_SLEEPABLE (or WT_HOOK_ATOMIC with
 *    open_atomic=1): deny opens of the inode named by deny_path; in
 *    sleepable mode sleep sleep_ms in the check for the inode named by
 *    sleep_path (unload-with-sleepers test).
 *  - security_path_mknod, WT_HOOK_SLEEPABLE: deny creating a node whose
 *    name is deny_mknod.
 *  - security_inode_unlink, WT_HOOK_ATOMIC: deny unlinking a name equal
 *    to deny_unlink.
 *  - security_cred_free, WT_HOOK_OBSERVE: count calls (RCU callback,
 *    must not sleep).
 *  - ht_target_fn (a function of this module), WT_HOOK_ATOMIC, always
 *    denies: writing 1 to recursion_demo nests calls to it from inside an
 *    ftrace callback to show where ftrace's list-function recursion guard
 *    skips every ops of a function (see hooks.rst).
 *  - with conflict=<function> an IPMODIFY ops of this module occupies that
 *    function first, so install must fail with -EBUSY and leave nothing.
 *  - with probe_all=1 a second table hooks every other function of the
 *    sleepable allowlist with a check that sleeps on its first calls, to
 *    measure that their callers allow sleeping (probe_report).
 *  - with double_install=1 the table is installed a second time, which
 *    must fail with -EBUSY and leave the first installation working.
 *  - with hold=<function> nothing is hooked: an IPMODIFY ops of this
 *    module occupies that function until unload, so that wintok's own
 *    install of a table holding it fails while this module stays.
 *  - with bogus_hook=1 a last entry names a function that does not exist,
 *    so install must fail and leave nothing attached.
 * Counters are read-only parameters in /sys/module/hooktest/parameters.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/cred.h>
#include <linux/delay.h>
#include <linux/ftrace.h>
#include <linux/fs.h>
#include <linux/kallsyms.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/namei.h>
#include <linux/path.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "../../module/hook/hook.h"

struct ht_target {
	spinlock_t lock;	/* keeps sb, ino and path consistent */
	const struct super_block *sb;	/* compared only, never dereferenced */
	unsigned long ino;
	char path[128];
};

static struct ht_target ht_deny = {
	.lock = __SPIN_LOCK_UNLOCKED(ht_deny.lock),
};

static struct ht_target ht_sleep = {
	.lock = __SPIN_LOCK_UNLOCKED(ht_sleep.lock),
};

static bool ht_match(struct ht_target *t, const struct inode *inode)
{
	unsigned long flags;
	bool hit;

	spin_lock_irqsave(&t->lock, flags);
	hit = t->sb && t->sb == inode->i_sb && t->ino == inode->i_ino;
	spin_unlock_irqrestore(&t->lock, flags);
	return hit;
}

static int ht_set_target(const char *val, const struct kernel_param *kp)
{
	struct ht_target *t = kp->arg;
	char buf[sizeof(t->path)];
	struct path p = { };
	unsigned long flags;
	int err;

	strscpy(buf, val, sizeof(buf));
	strim(buf);
	if (buf[0]) {
		err = kern_path(buf, LOOKUP_FOLLOW, &p);
		if (err)
			return err;
	}
	spin_lock_irqsave(&t->lock, flags);
	t->sb = p.dentry ? d_inode(p.dentry)->i_sb : NULL;
	t->ino = p.dentry ? d_inode(p.dentry)->i_ino : 0;
	strscpy(t->path, buf, sizeof(t->path));
	spin_unlock_irqrestore(&t->lock, flags);
	if (p.dentry)
		path_put(&p);
	return 0;
}

static int ht_get_target(char *buf, const struct kernel_param *kp)
{
	struct ht_target *t = kp->arg;

	return scnprintf(buf, PAGE_SIZE, "%s\n", t->path);
}

static const struct kernel_param_ops ht_target_ops = {
	.set = ht_set_target,
	.get = ht_get_target,
};

module_param_cb(deny_path, &ht_target_ops, &ht_deny, 0644);
MODULE_PARM_DESC(deny_path, "file whose opens are denied");
module_param_cb(sleep_path, &ht_target_ops, &ht_sleep, 0644);
MODULE_PARM_DESC(sleep_path, "file whose open check sleeps sleep_ms (sleepable mode)");

static unsigned int sleep_ms;
module_param(sleep_ms, uint, 0644);
MODULE_PARM_DESC(sleep_ms, "sleep in the open check for sleep_path");

static bool open_atomic;
module_param(open_atomic, bool, 0444);
MODULE_PARM_DESC(open_atomic, "hook security_file_open with WT_HOOK_ATOMIC");

static bool bogus_hook;
module_param(bogus_hook, bool, 0444);
MODULE_PARM_DESC(bogus_hook, "add a hook on a missing function: install must fail");

static char deny_mknod[NAME_MAX + 1] = "wt_nomknod";
module_param_string(deny_mknod, deny_mknod, sizeof(deny_mknod), 0444);
static char deny_unlink[NAME_MAX + 1] = "wt_nounlink";
module_param_string(deny_unlink, deny_unlink, sizeof(deny_unlink), 0444);

static atomic_long_t open_calls, open_denied, open_slept, sleepers_now;
static atomic_long_t open_atomic_ctx;
static atomic_long_t mknod_calls, mknod_denied;
static atomic_long_t unlink_calls, unlink_denied;
static atomic_long_t cred_free_calls;

static int ht_get_counter(char *buf, const struct kernel_param *kp)
{
	return scnprintf(buf, PAGE_SIZE, "%ld\n", atomic_long_read(kp->arg));
}

static const struct kernel_param_ops ht_counter_ops = {
	.get = ht_get_counter,
};

module_param_cb(open_calls, &ht_counter_ops, &open_calls, 0444);
module_param_cb(open_denied, &ht_counter_ops, &open_denied, 0444);
module_param_cb(open_slept, &ht_counter_ops, &open_slept, 0444);
module_param_cb(sleepers_now, &ht_counter_ops, &sleepers_now, 0444);
module_param_cb(open_atomic_ctx, &ht_counter_ops, &open_atomic_ctx, 0444);
module_param_cb(mknod_calls, &ht_counter_ops, &mknod_calls, 0444);
module_param_cb(mknod_denied, &ht_counter_ops, &mknod_denied, 0444);
module_param_cb(unlink_calls, &ht_counter_ops, &unlink_calls, 0444);
module_param_cb(unlink_denied, &ht_counter_ops, &unlink_denied, 0444);
module_param_cb(cred_free_calls, &ht_counter_ops, &cred_free_calls, 0444);

static int ht_check_open(struct file *file)
{
	const struct inode *inode = file_inode(file);

	atomic_long_inc(&open_calls);
	if (!preemptible())
		atomic_long_inc(&open_atomic_ctx);
	if (ht_match(&ht_deny, inode)) {
		atomic_long_inc(&open_denied);
		return -EACCES;
	}
	if (!open_atomic && sleep_ms && ht_match(&ht_sleep, inode)) {
		atomic_long_inc(&sleepers_now);
		msleep(READ_ONCE(sleep_ms));
		atomic_long_dec(&sleepers_now);
		atomic_long_inc(&open_slept);
	}
	return 0;
}

static int ht_check_mknod(const struct path *dir, struct dentry *dentry,
			  umode_t mode, unsigned int dev)
{
	atomic_long_inc(&mknod_calls);
	if (!strcmp(dentry->d_name.name, deny_mknod)) {
		atomic_long_inc(&mknod_denied);
		return -EPERM;
	}
	return 0;
}

static int ht_check_unlink(struct inode *dir, struct dentry *dentry)
{
	atomic_long_inc(&unlink_calls);
	if (!strcmp(dentry->d_name.name, deny_unlink)) {
		atomic_long_inc(&unlink_denied);
		return -EPERM;
	}
	return 0;
}

/* security_cred_free() returns void: the result is ignored (OBSERVE). */
static int ht_check_cred_free(struct cred *cred)
{
	atomic_long_inc(&cred_free_calls);
	return 0;
}

static int ht_check_never(void)
{
	return -EACCES;
}

/*
 * Recursion-guard demonstration. ht_target_fn() is hooked (always deny),
 * so its body runs only when the hook was skipped. A second, plain ftrace
 * ops on it makes ftrace call both through its list function, whose
 * per-task recursion guard admits one nested level (the "transition" bit)
 * and drops the callbacks of a second nested level altogether.
 */
static atomic_long_t target_checks, target_body_runs;
module_param_cb(target_checks, &ht_counter_ops, &target_checks, 0444);
module_param_cb(target_body_runs, &ht_counter_ops, &target_body_runs, 0444);
static int ht_demo_depth, ht_demo_max = 2;

/*
 * noipa: the symbol must stay exactly this function (no constprop/isra
 * clone for ftrace to miss) and its callers must not assume it returns 0.
 */
static __attribute__((__noipa__)) int ht_target_fn(int level)
{
	atomic_long_inc(&target_body_runs);
	return 0;
}

static int ht_check_target(int level)
{
	atomic_long_inc(&target_checks);
	return -EPERM;
}

/* Called by ftrace with preemption disabled; the depth is per call chain. */
static void notrace ht_nest_cb(unsigned long ip, unsigned long parent_ip,
			       struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	if (ht_demo_depth >= ht_demo_max)
		return;
	ht_demo_depth++;
	ht_target_fn(ht_demo_depth);
	ht_demo_depth--;
}

static struct ftrace_ops ht_nest_ops = {
	.func = ht_nest_cb,
};

static DEFINE_MUTEX(ht_demo_lock);
static char ht_demo_result[160];

static int ht_run_demo(const char *val, const struct kernel_param *kp)
{
	long checks0, body0;
	int err, ret;

	mutex_lock(&ht_demo_lock);
	err = ftrace_set_filter(&ht_nest_ops, "ht_target_fn",
				strlen("ht_target_fn"), 1);
	if (!err)
		err = register_ftrace_function(&ht_nest_ops);
	if (err) {
		ftrace_free_filter(&ht_nest_ops);
		goto out;
	}
	checks0 = atomic_long_read(&target_checks);
	body0 = atomic_long_read(&target_body_runs);
	ht_demo_depth = 0;
	ret = ht_target_fn(0);
	unregister_ftrace_function(&ht_nest_ops);
	ftrace_free_filter(&ht_nest_ops);
	scnprintf(ht_demo_result, sizeof(ht_demo_result),
		  "calls=%d checks=%ld unchecked_body_runs=%ld outer_ret=%d\n",
		  ht_demo_max + 1, atomic_long_read(&target_checks) - checks0,
		  atomic_long_read(&target_body_runs) - body0, ret);
out:
	mutex_unlock(&ht_demo_lock);
	return err;
}

static int ht_get_demo(char *buf, const struct kernel_param *kp)
{
	int len;

	mutex_lock(&ht_demo_lock);
	len = scnprintf(buf, PAGE_SIZE, "%s", ht_demo_result);
	mutex_unlock(&ht_demo_lock);
	return len;
}

static const struct kernel_param_ops ht_demo_ops = {
	.set = ht_run_demo,
	.get = ht_get_demo,
};
module_param_cb(recursion_demo, &ht_demo_ops, NULL, 0644);
MODULE_PARM_DESC(recursion_demo, "write to run the list-function recursion demo");

static struct wt_hook ht_hooks[] = {
	{ .func = "security_file_open", .check = ht_check_open,
	  .mode = WT_HOOK_SLEEPABLE },
	{ .func = "security_path_mknod", .check = ht_check_mknod,
	  .mode = WT_HOOK_SLEEPABLE },
	{ .func = "security_inode_unlink", .check = ht_check_unlink,
	  .mode = WT_HOOK_ATOMIC },
	{ .func = "security_cred_free", .check = ht_check_cred_free,
	  .mode = WT_HOOK_OBSERVE },
	{ .func = "ht_target_fn", .check = ht_check_target,
	  .mode = WT_HOOK_ATOMIC },
	/* Only with bogus_hook=1: must make the whole install fail. */
	{ .func = "wt_no_such_function", .check = ht_check_never,
	  .mode = WT_HOOK_ATOMIC },
};

static unsigned int ht_nhooks;

static int ht_get_hook_errors(char *buf, const struct kernel_param *kp)
{
	long sum = 0;
	unsigned int i;

	for (i = 0; i < ht_nhooks; i++)
		sum += atomic_long_read(&ht_hooks[i].errors);
	return scnprintf(buf, PAGE_SIZE, "%ld\n", sum);
}

static const struct kernel_param_ops ht_hook_errors_ops = {
	.get = ht_get_hook_errors,
};
module_param_cb(hook_errors, &ht_hook_errors_ops, NULL, 0444);

/*
 * Slots are taken lowest first, in attach order: "1" when every observer
 * of the table was attached before every check (wt_attach_all()).
 */
static int ht_get_observers_first(char *buf, const struct kernel_param *kp)
{
	int last_observer = -1, first_check = WT_HOOK_MAX;
	unsigned int i;

	for (i = 0; i < ht_nhooks; i++) {
		if (ht_hooks[i].slot < 0)
			continue;
		if (ht_hooks[i].mode == WT_HOOK_OBSERVE)
			last_observer = max(last_observer, ht_hooks[i].slot);
		else
			first_check = min(first_check, ht_hooks[i].slot);
	}
	return sysfs_emit(buf, "%d\n", last_observer < first_check);
}

static const struct kernel_param_ops ht_observers_first_ops = {
	.get = ht_get_observers_first,
};
module_param_cb(observers_first, &ht_observers_first_ops, NULL, 0444);

/*
 * Allowlist probe: the sleepable-allowlist functions not hooked above. The
 * dispatcher counts (in .errors) and denies any call that arrives in atomic
 * context, so errors == 0 after a workload means every call could sleep.
 */
static const char * const ht_probe_funcs[] = {
	"security_path_unlink", "security_path_mkdir", "security_path_rmdir",
	"security_path_symlink", "security_path_link", "security_path_rename",
	"security_path_truncate", "security_path_chmod", "security_path_chown",
	"security_inode_create", "security_inode_mkdir", "security_inode_rmdir",
	"security_inode_rename", "security_inode_setattr",
	"security_inode_setxattr", "security_inode_removexattr",
	"security_bprm_check", "security_mmap_file", "security_file_ioctl",
};

#define HT_NPROBE ARRAY_SIZE(ht_probe_funcs)
#define HT_PROBE_SLEEPS 16	/* calls per function that really sleep */

static bool probe_all;
module_param(probe_all, bool, 0444);
MODULE_PARM_DESC(probe_all, "hook the rest of the sleepable allowlist");

static atomic_long_t ht_probe_calls[HT_NPROBE];
static struct wt_hook ht_probe_hooks[HT_NPROBE];

static void ht_probe_hit(unsigned int i)
{
	if (atomic_long_inc_return(&ht_probe_calls[i]) <= HT_PROBE_SLEEPS)
		usleep_range(100, 200);
}

/* The checks ignore their arguments, so one prototype fits all. */
#define HT_PROBE_FN(i) \
static int ht_probe_##i(void) \
{ \
	ht_probe_hit(i); \
	return 0; \
}

HT_PROBE_FN(0) HT_PROBE_FN(1) HT_PROBE_FN(2) HT_PROBE_FN(3) HT_PROBE_FN(4)
HT_PROBE_FN(5) HT_PROBE_FN(6) HT_PROBE_FN(7) HT_PROBE_FN(8) HT_PROBE_FN(9)
HT_PROBE_FN(10) HT_PROBE_FN(11) HT_PROBE_FN(12) HT_PROBE_FN(13)
HT_PROBE_FN(14) HT_PROBE_FN(15) HT_PROBE_FN(16) HT_PROBE_FN(17)
HT_PROBE_FN(18)

static void * const ht_probe_checks[] = {
	ht_probe_0, ht_probe_1, ht_probe_2, ht_probe_3, ht_probe_4,
	ht_probe_5, ht_probe_6, ht_probe_7, ht_probe_8, ht_probe_9,
	ht_probe_10, ht_probe_11, ht_probe_12, ht_probe_13, ht_probe_14,
	ht_probe_15, ht_probe_16, ht_probe_17, ht_probe_18,
};

static int ht_get_probe_report(char *buf, const struct kernel_param *kp)
{
	unsigned int i;
	int len = 0;

	for (i = 0; i < HT_NPROBE; i++)
		len += scnprintf(buf + len, PAGE_SIZE - len, "%s calls=%ld atomic=%ld\n",
				 ht_probe_funcs[i],
				 atomic_long_read(&ht_probe_calls[i]),
				 atomic_long_read(&ht_probe_hooks[i].errors));
	return len;
}

static const struct kernel_param_ops ht_probe_report_ops = {
	.get = ht_get_probe_report,
};
module_param_cb(probe_report, &ht_probe_report_ops, NULL, 0444);

static int ht_install_probes(void)
{
	unsigned int i;

	BUILD_BUG_ON(ARRAY_SIZE(ht_probe_checks) != HT_NPROBE);
	for (i = 0; i < HT_NPROBE; i++) {
		ht_probe_hooks[i].func = ht_probe_funcs[i];
		ht_probe_hooks[i].check = ht_probe_checks[i];
		ht_probe_hooks[i].mode = WT_HOOK_SLEEPABLE;
	}
	return wt_hooks_install(ht_probe_hooks, HT_NPROBE);
}

static bool double_install;
module_param(double_install, bool, 0444);
MODULE_PARM_DESC(double_install, "install the table twice: the second must fail");

static char conflict[KSYM_NAME_LEN];
module_param_string(conflict, conflict, sizeof(conflict), 0444);
MODULE_PARM_DESC(conflict, "occupy this function with an IPMODIFY ops before install");

static void notrace ht_noop_cb(unsigned long ip, unsigned long parent_ip,
			       struct ftrace_ops *op, struct ftrace_regs *fregs)
{
}

static struct ftrace_ops ht_conflict_ops = {
	.func = ht_noop_cb,
	.flags = FTRACE_OPS_FL_SAVE_REGS | FTRACE_OPS_FL_IPMODIFY,
};

static char hold[KSYM_NAME_LEN];
module_param_string(hold, hold, sizeof(hold), 0444);
MODULE_PARM_DESC(hold, "occupy this function with an IPMODIFY ops until unload, hook nothing");

static struct ftrace_ops ht_hold_ops = {
	.func = ht_noop_cb,
	.flags = FTRACE_OPS_FL_SAVE_REGS | FTRACE_OPS_FL_IPMODIFY,
};

/* hold=: occupy the function for the module's life (see the top). */
static int ht_hold(void)
{
	int err = ftrace_set_filter(&ht_hold_ops, hold, strlen(hold), 1);

	if (!err)
		err = register_ftrace_function(&ht_hold_ops);
	if (err) {
		pr_err("hold: cannot occupy %s (%d)\n", hold, err);
		ftrace_free_filter(&ht_hold_ops);
	}
	return err;
}

static int __init ht_init(void)
{
	int err;

	if (hold[0])
		return ht_hold();

	ht_nhooks = ARRAY_SIZE(ht_hooks) - (bogus_hook ? 0 : 1);
	if (open_atomic)
		ht_hooks[0].mode = WT_HOOK_ATOMIC;
	if (!conflict[0]) {
		err = wt_hooks_install(ht_hooks, ht_nhooks);
		if (!err && double_install &&
		    wt_hooks_install(ht_hooks, ht_nhooks) != -EBUSY) {
			pr_err("second install of the same table not refused\n");
			wt_hooks_remove(ht_hooks, ht_nhooks);
			return -EINVAL;
		}
		if (err || !probe_all)
			return err;
		/* A second table: also exercises several tables at once. */
		err = ht_install_probes();
		if (err)
			wt_hooks_remove(ht_hooks, ht_nhooks);
		return err;
	}

	/* Conflict test: never loads; the install result is the answer. */
	err = ftrace_set_filter(&ht_conflict_ops, conflict, strlen(conflict), 1);
	if (!err)
		err = register_ftrace_function(&ht_conflict_ops);
	if (err) {
		pr_err("conflict: cannot occupy %s (%d)\n", conflict, err);
		ftrace_free_filter(&ht_conflict_ops);
		return err;
	}
	err = wt_hooks_install(ht_hooks, ht_nhooks);
	if (!err) {
		pr_err("conflict: install on occupied %s succeeded\n", conflict);
		wt_hooks_remove(ht_hooks, ht_nhooks);
		err = -EINVAL;
	}
	unregister_ftrace_function(&ht_conflict_ops);
	ftrace_free_filter(&ht_conflict_ops);
	return err;
}

static void __exit ht_exit(void)
{
	if (hold[0]) {
		unregister_ftrace_function(&ht_hold_ops);
		ftrace_free_filter(&ht_hold_ops);
		return;
	}
	wt_hooks_remove(ht_probe_hooks, HT_NPROBE);	/* no-op unless installed */
	wt_hooks_remove(ht_hooks, ht_nhooks);
}

module_init(ht_init);
module_exit(ht_exit);
MODULE_DESCRIPTION("wintok hook machinery self-test");
MODULE_LICENSE("GPL");
