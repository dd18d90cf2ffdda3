// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - logon sessions.
 *
 * Every token belongs to a logon session, named by the token's
 * authentication id (a LUID): a derived token starts a session of its own
 * (WT_LOGON_LINUX_IDS), an anonymous token a network one, and a duplicate
 * (fork, DuplicateToken, a connection's copy) joins its source's. A session
 * records its LUID, logon type, user SID and start time (its logon SID is
 * S-1-5-5-hi-lo of the LUID) and counts the tokens that refer to it; the
 * token free path drops the count, and the last token takes the session
 * with it, as on Windows.
 *
 * Sessions are keyed by LUID in a hash table. Changes take the table's
 * spinlock with interrupts disabled: tokens are freed from RCU callbacks
 * (softirq) and created from atomic hooks, so nothing here sleeps or
 * allocates except wt_logon_session_new() with its caller's flags.
 * Readers (netlink) walk the table under the same lock; entries are freed
 * after a grace period. A LUID without a session (its creation failed, or
 * the token was made some other way) is ignored by get and put.
 *
 * A session made over netlink (WT_CMD_CREATE_SESSION, SeTcbPrivilege)
 * starts with no token: it is "pending" until a token created with its
 * LUID as authentication id (WT_IOC_CREATE_TOKEN) joins it, and that token
 * must be of the session's user. From then on it lives and dies with its
 * tokens like any other. A pending session that nobody joins within
 * WT_SESSION_PENDING_SECONDS is ended by a delayed work item, so a caller
 * that dies between the two steps leaves nothing behind for long, and at
 * most WT_SESSION_PENDING_MAX wait at once. This keeps the Windows
 * invariant that a session is kept alive by its tokens, with no handle
 * to manage, and fits how wtrun already makes its sessions (one
 * WT_IOC_CREATE_TOKEN naming the LUID).
 */
#include <linux/hashtable.h>
#include <linux/moduleparam.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/timekeeping.h>
#include <linux/workqueue.h>

#include "wintok.h"
#include "token.h"
#include "audit.h"
#include "logon.h"

#define WT_LOGON_HASH_BITS 10

static DEFINE_HASHTABLE(wt_sessions, WT_LOGON_HASH_BITS);
static DEFINE_SPINLOCK(wt_sessions_lock);
static atomic_long_t wt_sessions_count = ATOMIC_LONG_INIT(0);
static unsigned int wt_sessions_pending;	/* under wt_sessions_lock */
/* CLOCK_BOOTTIME ns the expiry work is armed for, 0: not armed. Same lock. */
static u64 wt_sessions_next_expiry;

/*
 * Seconds a made session waits for its first token; the uapi constant is
 * the default. Tests shorten it to see an expiry happen.
 */
static unsigned int wt_session_wait = WT_SESSION_PENDING_SECONDS;

static int wt_session_wait_set(const char *val, const struct kernel_param *kp)
{
	unsigned int v;
	int err = kstrtouint(val, 0, &v);

	if (err)
		return err;
	if (v < 1 || v > 3600)
		return -EINVAL;
	WRITE_ONCE(wt_session_wait, v);
	return 0;
}

static const struct kernel_param_ops wt_session_wait_ops = {
	.set = wt_session_wait_set,
	.get = param_get_uint,
};
module_param_cb(session_wait, &wt_session_wait_ops, &wt_session_wait, 0644);
MODULE_PARM_DESC(session_wait,
		 "seconds a session made over netlink waits for its first token (1 to 3600)");

static void wt_logon_expire_fn(struct work_struct *work);
static DECLARE_DELAYED_WORK(wt_logon_expire_work, wt_logon_expire_fn);

/* Under wt_sessions_lock. */
static struct wt_logon_session *wt_logon_find(u64 luid)
{
	struct wt_logon_session *s;

	hash_for_each_possible(wt_sessions, s, node, luid)
		if (s->luid == luid)
			return s;
	return NULL;
}

/**
 * wt_logon_session_new() - start a logon session for a new token
 * @luid: the token's authentication id (new, unique)
 * @type: WT_LOGON_*
 * @user: the user SID
 * @gfp: allocation flags (GFP_ATOMIC from atomic hooks)
 *
 * The new session counts one token: the caller's, whose free path drops it.
 *
 * Context: any but NMI.
 * Return: 0 or -ENOMEM (the caller must then fail the token).
 */
int wt_logon_session_new(u64 luid, u32 type, const struct wt_sid *user,
			 gfp_t gfp)
{
	struct wt_logon_session *s;
	unsigned long flags;

	s = kzalloc(sizeof(*s), gfp);
	if (!s)
		return -ENOMEM;
	s->luid = luid;
	s->type = type;
	s->user = *user;
	s->tokens = 1;
	s->start_time = ktime_get_real_ns();
	spin_lock_irqsave(&wt_sessions_lock, flags);
	hash_add_rcu(wt_sessions, &s->node, luid);
	spin_unlock_irqrestore(&wt_sessions_lock, flags);
	atomic_long_inc(&wt_sessions_count);
	wt_audit_logon(true, luid, type, user);
	return 0;
}

/**
 * wt_logon_session_join() - a created token joins session @luid, or starts it
 * @luid: the authentication id the token's creator chose
 * @type: WT_LOGON_* of a session started here
 * @user: the token's user, and the user of a session started here
 * @gfp: allocation flags
 *
 * A session made by wt_logon_session_make() admits only tokens of its
 * user; joining ends its wait for a first token.
 *
 * Return: 0, -ENOMEM, or -EINVAL (a made session of another user).
 */
int wt_logon_session_join(u64 luid, u32 type, const struct wt_sid *user,
			  gfp_t gfp)
{
	struct wt_logon_session *s, *fresh;
	unsigned long flags;

	fresh = kzalloc(sizeof(*fresh), gfp);
	if (!fresh)
		return -ENOMEM;
	fresh->luid = luid;
	fresh->type = type;
	fresh->user = *user;
	fresh->tokens = 1;
	fresh->start_time = ktime_get_real_ns();
	spin_lock_irqsave(&wt_sessions_lock, flags);
	s = wt_logon_find(luid);
	if (s && s->made && !wt_sid_equal(&s->user, user)) {
		spin_unlock_irqrestore(&wt_sessions_lock, flags);
		kfree(fresh);
		return -EINVAL;
	}
	if (s) {
		if (s->pending) {
			s->pending = false;
			wt_sessions_pending--;
		}
		s->tokens++;
	} else {
		hash_add_rcu(wt_sessions, &fresh->node, luid);
	}
	spin_unlock_irqrestore(&wt_sessions_lock, flags);
	if (s) {
		kfree(fresh);
		return 0;
	}
	atomic_long_inc(&wt_sessions_count);
	wt_audit_logon(true, luid, type, user);
	return 0;
}

/*
 * End the pending sessions whose time is up, and come back for the next
 * one. Unlinked under the lock, so a join cannot find them any more.
 */
static void wt_logon_expire_fn(struct work_struct *work)
{
	u64 now = ktime_get_boottime_ns(), next = 0;
	struct wt_logon_session *s, *gone = NULL;
	struct hlist_node *tmp;
	unsigned long flags;
	unsigned int bkt;

	spin_lock_irqsave(&wt_sessions_lock, flags);
	hash_for_each_safe(wt_sessions, bkt, tmp, s, node) {
		if (!s->pending)
			continue;
		if (s->expires > now) {
			if (!next || s->expires < next)
				next = s->expires;
			continue;
		}
		hash_del_rcu(&s->node);
		s->pending = false;
		wt_sessions_pending--;
		s->expired_next = gone;
		gone = s;
	}
	wt_sessions_next_expiry = next;
	if (next)
		mod_delayed_work(system_wq, &wt_logon_expire_work,
				 nsecs_to_jiffies(next - now) + 1);
	spin_unlock_irqrestore(&wt_sessions_lock, flags);
	while (gone) {
		s = gone;
		gone = s->expired_next;
		atomic_long_dec(&wt_sessions_count);
		wt_audit_logon(false, s->luid, s->type | WT_LOGON_EXPIRED,
			       &s->user);
		kfree_rcu(s, rcu);
	}
}

/**
 * wt_logon_session_make() - start a logon session that has no token yet
 * @type: WT_LOGON_INTERACTIVE, _NETWORK, _BATCH or _SERVICE
 * @user: the user logged on
 * @luid: out: the session's LUID (a fresh one)
 *
 * The session waits WT_SESSION_PENDING_SECONDS (module parameter
 * session_wait) for a token to join it
 * (wt_logon_session_join()), then ends. Context: process.
 *
 * Return: 0, -ENOMEM, or -EBUSY when WT_SESSION_PENDING_MAX sessions wait
 * already.
 */
int wt_logon_session_make(u32 type, const struct wt_sid *user, u64 *luid)
{
	struct wt_logon_session *s;
	unsigned long flags;
	unsigned int wait;
	bool full;

	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	s->luid = wt_luid_alloc();
	*luid = s->luid;
	s->type = type;
	s->user = *user;
	s->made = true;
	s->pending = true;
	s->start_time = ktime_get_real_ns();
	wait = READ_ONCE(wt_session_wait);
	s->expires = ktime_get_boottime_ns() + (u64)wait * NSEC_PER_SEC;
	spin_lock_irqsave(&wt_sessions_lock, flags);
	full = wt_sessions_pending >= WT_SESSION_PENDING_MAX;
	if (!full) {
		wt_sessions_pending++;
		atomic_long_inc(&wt_sessions_count);
		hash_add_rcu(wt_sessions, &s->node, s->luid);
		/* Arm the expiry work unless it runs before this one is due. */
		if (!wt_sessions_next_expiry ||
		    s->expires < wt_sessions_next_expiry) {
			wt_sessions_next_expiry = s->expires;
			mod_delayed_work(system_wq, &wt_logon_expire_work,
					 (unsigned long)wait * HZ + 1);
		}
	}
	spin_unlock_irqrestore(&wt_sessions_lock, flags);
	if (full) {
		kfree(s);
		return -EBUSY;
	}
	/* @s may be joined and gone already: only the copy is used. */
	wt_audit_logon(true, *luid, type, user);
	return 0;
}

/**
 * wt_logon_session_get() - a new token joins session @luid
 * @luid: the token's authentication id
 *
 * Context: any but NMI; never sleeps.
 */
void wt_logon_session_get(u64 luid)
{
	struct wt_logon_session *s;
	unsigned long flags;

	spin_lock_irqsave(&wt_sessions_lock, flags);
	s = wt_logon_find(luid);
	if (s)
		s->tokens++;
	spin_unlock_irqrestore(&wt_sessions_lock, flags);
}

/**
 * wt_logon_session_put() - a token of session @luid is freed
 * @luid: the token's authentication id
 *
 * The last token ends the session.
 *
 * Context: any but NMI (RCU callbacks included); never sleeps.
 */
void wt_logon_session_put(u64 luid)
{
	struct wt_logon_session *s;
	unsigned long flags;
	bool gone = false;

	spin_lock_irqsave(&wt_sessions_lock, flags);
	s = wt_logon_find(luid);
	/* A pending session has no token to lose: only expiry ends it. */
	if (s && s->tokens && !--s->tokens) {
		hash_del_rcu(&s->node);
		gone = true;
	}
	spin_unlock_irqrestore(&wt_sessions_lock, flags);
	if (gone) {
		atomic_long_dec(&wt_sessions_count);
		/* Unlinked: only this context sees @s until the grace period. */
		wt_audit_logon(false, s->luid, s->type, &s->user);
		kfree_rcu(s, rcu);
	}
}

/**
 * wt_logon_sessions_live() - number of logon sessions
 *
 * Return: the count.
 */
long wt_logon_sessions_live(void)
{
	return atomic_long_read(&wt_sessions_count);
}

/**
 * wt_logon_session_copy() - a copy of session @luid
 * @luid: the LUID
 * @out: the copy (@out->node and @out->rcu are meaningless)
 *
 * Return: true when the session exists.
 */
bool wt_logon_session_copy(u64 luid, struct wt_logon_session *out)
{
	struct wt_logon_session *s;
	unsigned long flags;

	spin_lock_irqsave(&wt_sessions_lock, flags);
	s = wt_logon_find(luid);
	if (s)
		*out = *s;
	spin_unlock_irqrestore(&wt_sessions_lock, flags);
	return s;
}

/**
 * wt_logon_session_walk() - call @fn for sessions from a position on
 * @pos: in: how many sessions to skip; out: the position after the last
 *	one @fn accepted
 * @fn: returns 0 to go on, nonzero to stop (the session is not counted)
 * @arg: for @fn
 *
 * @fn runs under the table's spinlock with interrupts disabled: it must not
 * sleep. The order is stable while no session comes or goes.
 */
void wt_logon_session_walk(unsigned long *pos,
			   int (*fn)(const struct wt_logon_session *s, void *arg),
			   void *arg)
{
	struct wt_logon_session *s;
	unsigned long flags, i = 0;
	unsigned int bkt;

	spin_lock_irqsave(&wt_sessions_lock, flags);
	hash_for_each(wt_sessions, bkt, s, node) {
		if (i++ < *pos)
			continue;
		if (fn(s, arg))
			break;
		(*pos)++;
	}
	spin_unlock_irqrestore(&wt_sessions_lock, flags);
}

/**
 * wt_logon_exit() - free what is left at unload
 *
 * Called after every token is gone (wt_cred_map_exit() waited for the
 * callbacks that free them), so the table is normally empty already.
 */
void wt_logon_exit(void)
{
	struct wt_logon_session *s;
	struct hlist_node *tmp;
	unsigned long flags;
	unsigned int bkt;

	/* No netlink handler can make a session any more. */
	cancel_delayed_work_sync(&wt_logon_expire_work);
	spin_lock_irqsave(&wt_sessions_lock, flags);
	wt_sessions_pending = 0;
	wt_sessions_next_expiry = 0;
	hash_for_each_safe(wt_sessions, bkt, tmp, s, node) {
		hash_del_rcu(&s->node);
		atomic_long_dec(&wt_sessions_count);
		kfree_rcu(s, rcu);
	}
	spin_unlock_irqrestore(&wt_sessions_lock, flags);
}
