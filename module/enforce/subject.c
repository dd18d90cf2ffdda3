// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - the subject of a check, found once at the top of a hook.
 *
 * A check evaluates the calling thread's effective token (its
 * impersonation token, else its primary token) with the request flags
 * the thread set (backup intent), unless the thread impersonates below
 * Impersonation and so may not use its token at all. All three are found
 * here, once, before the hook looks at any object, so the code below the
 * hook reads top to bottom: no check goes back for a token or asks for
 * the level a second time.
 *
 * The token itself is normally not referenced: the checks read it from
 * the credential map under the RCU read lock they hold anyway
 * (wt_cred_effective_view()). Only a cred the map cannot answer for yet
 * needs its token derived or checked, which may sleep: that happens here,
 * at the top, and the subject then holds that reference until
 * wt_subject_put().
 *
 * Design: Documentation/design/enforcement.rst, "The subject of a check".
 */
#include <linux/cred.h>
#include <linux/err.h>
#include <linux/rcupdate.h>

#include "wintok.h"
#include "token.h"
#include "impersonate.h"
#include "audit.h"
#include "file_int.h"
#include "subject.h"

/**
 * wt_subject_get() - find the subject of current's checks
 * @s: filled in; wt_subject_put() it
 * @gfp: how a token may be derived (GFP_KERNEL where the hook may sleep)
 *
 * Never fails: what keeps the subject from being evaluated is kept in
 * @s->err, for the hook to refuse with (wt_subject_refuse()) or for a
 * check of a governed object to fail closed on. An object that is not
 * governed needs no token, so a token that cannot be had refuses nothing
 * there.
 */
void wt_subject_get(struct wt_subject *s, gfp_t gfp)
{
	struct wt_token *tok;
	bool mapped;

	s->tok = NULL;
	s->err = 0;
	s->flags = wt_request_flags();
	s->level = wt_cred_imp_level(current_cred());
	if (s->level >= 0 && s->level < WT_SECURITY_IMPERSONATION) {
		s->err = -WT_EBADIMPLEVEL;
		return;
	}
	rcu_read_lock();
	mapped = wt_cred_effective_view(current_cred());
	rcu_read_unlock();
	if (mapped)
		return;
	tok = wt_cred_effective_token(current_cred(), gfp);
	if (IS_ERR(tok))
		s->err = PTR_ERR(tok);
	else
		s->tok = tok;
}

/**
 * wt_subject_refuse() - refuse a thread that may not use its token
 * @s: the subject
 *
 * For the hooks that refuse such a thread whatever the object; the others
 * call it once they know the object is governed. Call it once per check:
 * each refusal is counted and audited as an impersonation event.
 *
 * Return: 0, or -%WT_EBADIMPLEVEL when @s impersonates below
 * Impersonation.
 */
int wt_subject_refuse(const struct wt_subject *s)
{
	if (s->err != -WT_EBADIMPLEVEL)
		return 0;
	wt_imp_event(WT_IMP_LEVEL_DENIED, s->level);
	return -WT_EBADIMPLEVEL;
}

/**
 * wt_subject_find() - wt_subject_get(), then wt_subject_refuse()
 * @s: filled in; wt_subject_put() it when this returns 0
 * @gfp: as for wt_subject_get()
 *
 * Return: 0 or -%WT_EBADIMPLEVEL (@s then holds nothing).
 */
int wt_subject_find(struct wt_subject *s, gfp_t gfp)
{
	wt_subject_get(s, gfp);
	return wt_subject_refuse(s);
}

/**
 * wt_subject_put() - drop what wt_subject_get() took
 * @s: the subject
 */
void wt_subject_put(struct wt_subject *s)
{
	if (s->tok)
		wt_token_put(s->tok);
	s->tok = NULL;
}

/**
 * wt_subject_view() - the token view a check of @s evaluates
 * @s: a subject without an error
 *
 * Context: under rcu_read_lock(), which keeps the view alive.
 * Return: the view, or NULL when there is none (@s->err set, or the map
 * lost the entry of current's cred since wt_subject_get(), which a
 * committed cred does not do while its thread runs a hook): the caller
 * fails closed.
 */
const struct wt_token_view *wt_subject_view(const struct wt_subject *s)
{
	if (s->err)
		return NULL;
	if (s->tok)
		return &wt_token_state(s->tok)->view;
	return wt_cred_effective_view(current_cred());
}

/**
 * wt_subject_privilege() - does @s hold a privilege enabled?
 * @s: the subject
 * @luid: the privilege
 * @what: names the check in the audit event of its use
 *
 * A privilege found enabled is used: audited.
 *
 * Return: 0 when held, -EPERM when not, or @s->err (-%WT_EBADIMPLEVEL,
 * or why there is no token).
 */
int wt_subject_privilege(const struct wt_subject *s, unsigned int luid,
			 const char *what)
{
	const struct wt_token_view *v;
	bool held;

	if (s->err)
		return s->err;
	rcu_read_lock();
	v = wt_subject_view(s);
	held = v && wt_token_has_privilege(v, luid);
	rcu_read_unlock();
	if (!held)
		return -EPERM;
	wt_audit_privilege(what, luid);
	return 0;
}
