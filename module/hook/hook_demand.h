/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok - hook tables attached on demand: attached while some object
 * wants them, detached a little after the last one is gone.
 *
 * Design: Documentation/design/hooks.rst, "Hooks attached on demand".
 */
#ifndef WT_HOOK_DEMAND_H
#define WT_HOOK_DEMAND_H

#include <linux/atomic.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include "hook.h"

/**
 * struct wt_hook_demand - a hook table and the objects that want it
 * @what: what the table does, for the attach and detach messages
 * @why: why it is attached, for the attach message
 * @hooks: the table, handed over by its owner (wt_demand_init())
 * @n: entries in @hooks
 * @wanted: objects that want the table (wt_demand_count())
 * @lock: serialises attaching, detaching and closing
 * @on: set (release) once the table is attached, read without @lock
 * @attached: what wt_demand_attached() reports: set once the text is
 *	patched, cleared once it is restored (both under @lock)
 * @closed: set at unload: no attach after wt_demand_close()
 * @detach: the delayed work that detaches the table
 * @work_lock: queueing @detach vs wt_demand_close(); objects are freed
 *	from RCU callbacks too
 * @work_closed: set by wt_demand_close(): @detach is not queued any more
 *
 * The invariant: while @wanted is not zero, the table is attached. An
 * object is counted before the table is known to be attached for it, and
 * uncounted when it is freed; the last one gone queues @detach, which
 * detaches only if the count is still zero once it has cleared @on. The
 * count and @on are written then read in opposite orders by the two sides
 * with a full barrier in between (wt_demand_attach(), the detach work), so
 * either the new object's caller sees @on cleared and attaches again under
 * @lock, or the work item sees the count and keeps the table.
 */
struct wt_hook_demand {
	const char *what;
	const char *why;
	struct wt_hook *hooks;
	unsigned int n;
	atomic_long_t wanted;
	struct mutex lock;		/* attach, detach, close */
	bool on;
	bool attached;
	bool closed;
	struct delayed_work detach;
	spinlock_t work_lock;		/* @detach vs close */
	bool work_closed;
};

void wt_demand_init(struct wt_hook_demand *d, const char *what,
		    const char *why, struct wt_hook *hooks, unsigned int n);
void wt_demand_count(struct wt_hook_demand *d);
int wt_demand_attach(struct wt_hook_demand *d);
void wt_demand_uncount(struct wt_hook_demand *d);
void wt_demand_close(struct wt_hook_demand *d);
bool wt_demand_attached(struct wt_hook_demand *d);

#endif /* WT_HOOK_DEMAND_H */
