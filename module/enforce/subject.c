// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - the subject of a check, found once at the top of a hook.
 *
 * A check evaluates the calling thread's effective token (its
 * impersonation token, else its primary token) with the request flags
 * the thread set (backup intent), unless the thread impersonates below
 * Impersonation and so may not use its token at all. The level and the
 * flags are found here, once, before the hook looks at any object, and
 * the subject is passed down: no check asks for the level a second time.
 *
 * The token is looked up only when a decision needs it
 * (wt_subject_view(), at most once per hook): most checks find an object
 * that is not governed, and a token lookup there would be wasted on every
 * open of every ungoverned file. It is normally not referenced: the
 * checks read it from the credential map under the RCU read lock they
 * hold anyway. Only a cred the map cannot answer for yet has its token
 * checked or derived, from atomic memory, and the subject then holds that
 * reference until wt_subject_put().
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

/*
 * wt_subject_view() when the map had no view of current's cred: the token
 * checked or derived now, kept in @s (or the error, kept in @s->err).
 */
const struct wt_token_view *wt_subject_take_token(struct wt_subject *s)
{
	struct wt_token *tok;

	tok = wt_cred_effective_token(current_cred(), GFP_ATOMIC | __GFP_NOWARN);
	if (IS_ERR(tok)) {
		s->err = PTR_ERR(tok);
		return NULL;
	}
	s->tok = tok;
	return &wt_token_state(tok)->view;
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
int wt_subject_privilege(struct wt_subject *s, unsigned int luid,
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
