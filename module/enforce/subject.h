/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok - the subject of a check: who asks, found once at the top of a
 * hook and passed down to the decision.
 *
 * Design: Documentation/design/enforcement.rst, "The subject of a check".
 */
#ifndef WT_SUBJECT_H
#define WT_SUBJECT_H

#include <linux/compiler.h>
#include <linux/gfp.h>
#include <linux/types.h>

#include "objmap.h"
#include "token.h"

/**
 * struct wt_subject - what a check needs to know of the calling thread
 * @tok: a referenced effective token, taken by wt_subject_view() only
 *	when the credential map had no view of it (a cred not used since it
 *	was made or changed); NULL: the checks read the map's view, without
 *	a reference
 * @err: 0; -%WT_EBADIMPLEVEL when the thread impersonates below
 *	Impersonation (wt_subject_refuse() reports it); else why no token
 *	could be had (an internal error a governed check fails closed on)
 * @level: the impersonation level, -1 when the thread does not impersonate
 * @flags: the request flags of its checks (%WT_AC_BACKUP_INTENT)
 */
struct wt_subject {
	struct wt_token *tok;
	int err;
	int level;
	u32 flags;
};

/* file_backup.c: threads with backup intent */
extern const struct wt_objmap wt_intent_map;
u32 wt_intent_flags(void);

/**
 * wt_request_flags() - the request flags of a file check made by current
 *
 * Inline: in every file hook, and nearly always no thread has backup
 * intent, which one test of the intent map's count tells.
 *
 * Return: %WT_AC_BACKUP_INTENT when current has backup intent, else 0.
 */
static inline u32 wt_request_flags(void)
{
	return unlikely(wt_objmap_count(&wt_intent_map)) ? wt_intent_flags() : 0;
}

int wt_subject_refuse(const struct wt_subject *s);

/*
 * wt_subject_get(), wt_subject_find() and wt_subject_put() run at the top
 * and the end of every file hook: inline, so a hook on an object that is
 * not governed pays no call for its subject.
 */

/**
 * wt_subject_get() - find the subject of current's checks
 * @s: filled in; wt_subject_put() it
 *
 * Never fails and never sleeps: what keeps the subject from being
 * evaluated is kept in @s->err, for the hook to refuse with
 * (wt_subject_refuse()) or for a check of a governed object to fail closed
 * on. The token is not looked up here: most checks find an object that is
 * not governed, which needs none; wt_subject_view() looks it up at the
 * first decision.
 */
static inline void wt_subject_get(struct wt_subject *s)
{
	s->tok = NULL;
	s->err = 0;
	s->flags = wt_request_flags();
	s->level = -1;
	if (unlikely(wt_cred_impersonating())) {
		s->level = wt_cred_imp_level(current_cred());
		if (s->level >= 0 && s->level < WT_SECURITY_IMPERSONATION)
			s->err = -WT_EBADIMPLEVEL;
	}
}

/**
 * wt_subject_find() - wt_subject_get(), then wt_subject_refuse()
 * @s: filled in; wt_subject_put() it when this returns 0
 *
 * Return: 0 or -%WT_EBADIMPLEVEL (@s then holds nothing).
 */
static inline int wt_subject_find(struct wt_subject *s)
{
	wt_subject_get(s);
	return unlikely(s->err) ? wt_subject_refuse(s) : 0;
}

/**
 * wt_subject_put() - drop what wt_subject_get() took
 * @s: the subject
 */
static inline void wt_subject_put(struct wt_subject *s)
{
	if (s->tok)
		wt_token_put(s->tok);
	s->tok = NULL;
}

const struct wt_token_view *wt_subject_take_token(struct wt_subject *s);

/**
 * wt_subject_view() - the token view a check of @s evaluates
 * @s: the subject
 *
 * The first call of a hook finds the view in the credential map
 * (wt_cred_effective_view()): no reference is taken, the map's entries,
 * tokens and states being freed only after a grace period. A cred the map
 * cannot answer for yet (made before the module was loaded, or prepared
 * and changed since, e.g. by setuid()) has its token checked or derived
 * (wt_subject_take_token()), from atomic memory since the caller holds the
 * RCU read lock, and @s keeps that reference until wt_subject_put().
 *
 * Context: under rcu_read_lock(), which keeps the view alive; never
 * sleeps.
 * Return: the view, or NULL when there is none (@s->err set, now or
 * before): the caller fails closed.
 */
static inline const struct wt_token_view *wt_subject_view(struct wt_subject *s)
{
	const struct wt_token_view *v;

	if (unlikely(s->err))
		return NULL;
	if (s->tok)
		return &wt_token_state(s->tok)->view;
	v = wt_cred_effective_view(current_cred());
	return likely(v) ? v : wt_subject_take_token(s);
}

int wt_subject_privilege(struct wt_subject *s, unsigned int luid,
			 const char *what);

#endif /* WT_SUBJECT_H */
