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
 */
#include <linux/hashtable.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/timekeeping.h>

#include "wintok.h"
#include "wt_genl.h"

#define WT_LOGON_HASH_BITS 10

static DEFINE_HASHTABLE(wt_sessions, WT_LOGON_HASH_BITS);
static DEFINE_SPINLOCK(wt_sessions_lock);
static atomic_long_t wt_sessions_count = ATOMIC_LONG_INIT(0);

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
 * @user: the user of a session started here
 * @gfp: allocation flags
 *
 * Return: 0 or -ENOMEM.
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
	if (s)
		s->tokens++;
	else
		hash_add_rcu(wt_sessions, &fresh->node, luid);
	spin_unlock_irqrestore(&wt_sessions_lock, flags);
	if (s) {
		kfree(fresh);
		return 0;
	}
	atomic_long_inc(&wt_sessions_count);
	wt_audit_logon(true, luid, type, user);
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
	if (s && !--s->tokens) {
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

	spin_lock_irqsave(&wt_sessions_lock, flags);
	hash_for_each_safe(wt_sessions, bkt, tmp, s, node) {
		hash_del_rcu(&s->node);
		atomic_long_dec(&wt_sessions_count);
		kfree_rcu(s, rcu);
	}
	spin_unlock_irqrestore(&wt_sessions_lock, flags);
}
