// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - hook tables attached on demand.
 *
 * Some checks sit on the hottest hooks (security_inode_permission() runs
 * for every directory of every path walk) and are needed only while some
 * object asks for them, e.g. a token state without SeChangeNotifyPrivilege
 * enabled. Their table is attached when the first such object is counted
 * and detached by a work item a little after the last one is freed, so
 * without such an object the hooked function costs nothing. The owner of
 * the objects (token/) counts them; the owner of the checks (enforce/)
 * hands over the table; neither knows the other.
 *
 * Locking and ordering: see &struct wt_hook_demand.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>

#include "hook_demand.h"

/*
 * Delay before a detach: an object that drops and restores its want, or a
 * short-lived one, does not patch text twice. Also bounds how often a user
 * can make the kernel patch it.
 */
#define WT_DEMAND_DETACH_DELAY	(2 * HZ)

static void wt_demand_detach_work(struct work_struct *work);

/**
 * wt_demand_init() - set up a demand and hand over its table
 * @d: the demand, zeroed (static)
 * @what: what the table does, for the attach and detach messages
 * @why: why it is attached, for the attach message
 * @hooks: the table, static, in place until wt_demand_close() returns
 * @n: its entries
 *
 * Called once at module init, before anything can count an object.
 */
void wt_demand_init(struct wt_hook_demand *d, const char *what,
		    const char *why, struct wt_hook *hooks, unsigned int n)
{
	d->what = what;
	d->why = why;
	d->hooks = hooks;
	d->n = n;
	atomic_long_set(&d->wanted, 0);
	mutex_init(&d->lock);
	spin_lock_init(&d->work_lock);
	INIT_DELAYED_WORK(&d->detach, wt_demand_detach_work);
}

/**
 * wt_demand_count() - count one more object that wants the table
 * @d: the demand
 *
 * The caller then calls wt_demand_attach() before the object can be used,
 * and wt_demand_uncount() when the object is freed, whatever
 * wt_demand_attach() returned. Counting a copy of a counted object that
 * is alive needs no attach: the count cannot reach zero in between.
 *
 * Context: any; never sleeps.
 */
void wt_demand_count(struct wt_hook_demand *d)
{
	atomic_long_inc(&d->wanted);
}

/**
 * wt_demand_attach() - make sure the table is attached for a counted object
 * @d: the demand
 *
 * Context: process context, may sleep unless the table is attached (then
 * it never sleeps).
 * Return: 0, -EBUSY (the table cannot be attached: ftrace refused it,
 * e.g. another ftrace direct or IPMODIFY user of the function, such as a
 * BPF trampoline, or kernel.ftrace_enabled=0; called in atomic context;
 * or the module is unloading) or -ENOMEM.
 */
int wt_demand_attach(struct wt_hook_demand *d)
{
	int err = 0;

	/* The caller counted before: see the detach work. */
	smp_mb();
	/* Pairs with the release below: seen set, the table is attached. */
	if (smp_load_acquire(&d->on))
		return 0;
	if (!preemptible() || rcu_preempt_depth()) {
		/* Text patching sleeps: refuse the object rather than fail open. */
		WARN_ONCE(1, "%s wanted in atomic context\n", d->what);
		return -EBUSY;
	}
	mutex_lock(&d->lock);
	if (d->on)
		goto unlock;
	if (d->closed) {
		err = -EBUSY;
		goto unlock;
	}
	err = wt_hooks_install(d->hooks, d->n);
	if (err) {
		pr_err_ratelimited("cannot attach %s: %d\n", d->what, err);
		if (err != -ENOMEM)
			err = -EBUSY;
		goto unlock;
	}
	WRITE_ONCE(d->attached, true);
	pr_info("%s on: %s\n", d->what, d->why);
	/* Only once attached: an object used after this is checked. */
	smp_store_release(&d->on, true);
unlock:
	mutex_unlock(&d->lock);
	return err;
}

/*
 * The work item: detach the table if no counted object is left. Text
 * patching and the grace periods of wt_hooks_remove() sleep, which is why
 * this never runs where an object is freed (RCU callbacks).
 */
static void wt_demand_detach_work(struct work_struct *work)
{
	struct wt_hook_demand *d = container_of(to_delayed_work(work),
						struct wt_hook_demand, detach);

	mutex_lock(&d->lock);
	if (!d->on || d->closed || atomic_long_read(&d->wanted))
		goto unlock;
	WRITE_ONCE(d->on, false);
	/* Clear the flag before reading the count: see wt_demand_attach(). */
	smp_mb();
	if (atomic_long_read(&d->wanted)) {
		/* An object was counted meanwhile: its caller waits for the lock. */
		WRITE_ONCE(d->on, true);
		goto unlock;
	}
	wt_hooks_remove(d->hooks, d->n);
	WRITE_ONCE(d->attached, false);
	pr_info("%s off: nothing wants it any more\n", d->what);
unlock:
	mutex_unlock(&d->lock);
}

/**
 * wt_demand_uncount() - uncount an object being freed
 * @d: the demand
 *
 * The last counted object gone queues the detach.
 *
 * Context: any, RCU callbacks included; never sleeps.
 */
void wt_demand_uncount(struct wt_hook_demand *d)
{
	unsigned long flags;

	if (!atomic_long_dec_and_test(&d->wanted))
		return;
	spin_lock_irqsave(&d->work_lock, flags);
	if (!d->work_closed)
		mod_delayed_work(system_wq, &d->detach, WT_DEMAND_DETACH_DELAY);
	spin_unlock_irqrestore(&d->work_lock, flags);
}

/**
 * wt_demand_close() - detach the table for good, at unload
 * @d: the demand
 *
 * Returns when no check of the table is running any more and the detach
 * work is done; objects freed later no longer queue it, and no attach
 * succeeds.
 *
 * Context: process context; sleeps.
 */
void wt_demand_close(struct wt_hook_demand *d)
{
	unsigned long flags;

	spin_lock_irqsave(&d->work_lock, flags);
	d->work_closed = true;
	spin_unlock_irqrestore(&d->work_lock, flags);
	cancel_delayed_work_sync(&d->detach);
	mutex_lock(&d->lock);
	d->closed = true;
	if (d->on)
		wt_hooks_remove(d->hooks, d->n);
	WRITE_ONCE(d->on, false);
	WRITE_ONCE(d->attached, false);
	mutex_unlock(&d->lock);
}

/**
 * wt_demand_attached() - whether the table's text is patched now
 * @d: the demand
 *
 * Context: any; a snapshot.
 */
bool wt_demand_attached(struct wt_hook_demand *d)
{
	return READ_ONCE(d->attached);
}
