// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - assigning a primary token to the calling process (the
 * CreateProcessAsUser step): at once, or at the next execve()
 * (token_pending.c), with the Linux ids the token gives.
 *
 * Design: Documentation/design/tokens.rst.
 */
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/err.h>
#include <linux/file.h>
#include <linux/highuid.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/uaccess.h>

#include "wintok.h"
#include "token.h"
#include "token_ops.h"
#include "token_subject.h"
#include "token_audit.h"
#include "idmap.h"
#include "token_pending.h"

/**
 * wt_token_linux_ids() - the Linux ids a process with token @tok runs with
 * @tok: the token
 * @uid: out: from the user SID
 * @gid: out: from the primary group if the token holds it enabled and not
 *	deny-only
 * @gip: out: the supplementary gids, from the enabled, not deny-only
 *	groups (S-1-22 SIDs, or SIDs the id map gives an id); the caller
 *	puts it
 * @caps: out: whether uid 0 keeps its capabilities
 *	(wt_token_gives_capabilities())
 *
 * SIDs without a Linux id give the overflow ids.
 *
 * Context: process context (sleeps).
 * Return: 0 or -ENOMEM.
 */
int wt_token_linux_ids(struct wt_token *tok, kuid_t *uid, kgid_t *gid,
		       struct group_info **gip, bool *caps)
{
	const struct wt_token_state *st;
	u32 id;

	/* The token's lock keeps its state while groups_alloc() sleeps. */
	mutex_lock(&tok->lock);
	st = wt_token_state(tok);
	*uid = wt_sid_linux_uid(&st->view.user.sid, &id) ?
	       make_kuid(&init_user_ns, id) : INVALID_UID;
	if (!uid_valid(*uid))
		*uid = make_kuid(&init_user_ns, overflowuid);
	*gid = wt_token_linux_egid(&st->view);
	*caps = wt_token_gives_capabilities(&st->view, *uid);
	*gip = wt_token_linux_groups(&st->view, *gid);
	mutex_unlock(&tok->lock);
	return *gip ? 0 : -ENOMEM;
}

/**
 * wt_cred_set_token_ids() - give credentials being prepared a token's ids
 * @new: from prepare_creds() (or an exec's bprm->cred), not committed
 * @uid: the token's uid (the real uid is left alone: see tokens.rst)
 * @gid: the token's gid
 * @gi: the token's supplementary groups (@new takes its own reference)
 * @caps: whether @new keeps its capabilities
 *
 * Without @caps every capability goes; uid 0 would get them back at the
 * next execve() (the assigned token stays), so its bounding set is
 * emptied too, in this process and its children.
 */
static void wt_cred_set_token_ids(struct cred *new, kuid_t uid, kgid_t gid,
				  struct group_info *gi, bool caps)
{
	new->euid = uid;
	new->suid = uid;
	new->fsuid = uid;
	new->gid = gid;
	new->egid = gid;
	new->sgid = gid;
	new->fsgid = gid;
	set_groups(new, gi);
	if (caps)
		return;
	cap_clear(new->cap_inheritable);
	cap_clear(new->cap_permitted);
	cap_clear(new->cap_effective);
	cap_clear(new->cap_ambient);
	if (uid_eq(uid, GLOBAL_ROOT_UID))
		cap_clear(new->cap_bset);
}

/**
 * wt_cred_give_token() - give credentials being prepared a token and the
 *	Linux ids it runs with
 * @new: from prepare_creds() or an exec's bprm->cred, not committed
 * @tok: a token not derived from Linux ids; the caller's reference moves
 *	(it is dropped on failure)
 * @at_exec: @new is an exec's: there the capability code would give uid 0
 *	root's capabilities back, so a token that withholds them from uid 0
 *	is refused
 *
 * The token's uid must be @new's real uid. The real uid owns the
 * process's user_struct and RLIMIT_NPROC count (ucounts), which a module
 * cannot move (alloc_uid() and set_cred_ucounts() are not exported): the
 * launcher sets it first, the Linux way, setresuid(uid, -1, -1) while
 * still privileged.
 *
 * Context: process context (sleeps).
 * Return: 0, -EPERM (another uid; uid 0 without capabilities at an exec),
 * -EINVAL (@tok is derived) or -ENOMEM.
 */
int wt_cred_give_token(struct cred *new, struct wt_token *tok, bool at_exec)
{
	struct group_info *gi;
	kuid_t uid;
	kgid_t gid;
	bool caps;
	int err;

	err = wt_token_linux_ids(tok, &uid, &gid, &gi, &caps);
	if (err)
		goto out;
	err = -EPERM;
	if (!uid_eq(uid, new->uid) ||
	    (at_exec && !caps && uid_eq(uid, GLOBAL_ROOT_UID))) {
		put_group_info(gi);
		goto out;
	}
	wt_cred_set_token_ids(new, uid, gid, gi, caps);
	put_group_info(gi);
	return wt_cred_set_explicit_token(new, tok);
out:
	wt_token_put(tok);
	return err;
}

/*
 * Replace the calling process's credentials by ones carrying @tok (the
 * caller's reference moves) with the Linux ids of the token.
 */
static int wt_assign_creds(struct wt_token *tok)
{
	struct cred *new;
	int err;

	new = prepare_creds();
	if (!new) {
		wt_token_put(tok);
		return -ENOMEM;
	}
	err = wt_cred_give_token(new, tok, false);
	if (err) {
		abort_creds(new);
		return err;
	}
	return commit_creds(new);
}

/*
 * Credentials are per thread: the others would keep the old token. An
 * impersonating thread, or one running on overridden credentials, would
 * have its new credentials built from the client's: refused too.
 */
static bool wt_assign_busy(void)
{
	return get_nr_threads(current) > 1 ||
	       rcu_access_pointer(current->cred) !=
	       rcu_access_pointer(current->real_cred) ||
	       wt_cred_imp_level(current_cred()) >= 0;
}

/**
 * wt_ioctl_assign_primary_token() - %WT_IOC_ASSIGN_PRIMARY_TOKEN
 * @arg: user pointer to &struct wt_assign_primary
 *
 * Return: 0 or a negative errno.
 */
long wt_ioctl_assign_primary_token(void __user *arg)
{
	struct wt_assign_primary a;
	struct wt_token_handle *h;
	struct wt_token *tok;
	struct file *f;
	bool at_exec;
	u32 usize;
	int err;

	err = wt_copy_arg_in(&a, sizeof(a), arg, WT_ASSIGN_PRIMARY_SIZE_VER0,
			     &usize);
	if (err)
		return err;
	if ((a.flags & ~WT_ASSIGN_PRIMARY_AT_EXEC) || a.reserved)
		return -EINVAL;
	at_exec = a.flags & WT_ASSIGN_PRIMARY_AT_EXEC;
	/* Cancelling a pending assignment needs no right: it only drops. */
	if (at_exec && a.fd == -1)
		return wt_assign_busy() ? -EBUSY : wt_pending_set(NULL);
	h = wt_token_handle_fdget(a.fd, &f);
	if (IS_ERR(h))
		return PTR_ERR(h);
	if (!(h->granted & WT_TOKEN_ASSIGN_PRIMARY)) {
		err = -EACCES;
		goto out;
	}
	if (h->token->type != WT_TOKEN_PRIMARY) {
		err = -EINVAL;
		goto out;
	}
	err = wt_caller_privilege(WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE);
	if (err <= 0) {
		err = err ? err : -EPERM;
		goto out;
	}
	if (wt_assign_busy()) {
		err = -EBUSY;
		goto out;
	}
	/*
	 * A derived token would be re-derived at the next id change: the
	 * process gets a copy that is not derived. Any other token is
	 * assigned itself, as on Windows.
	 */
	if (h->token->flags & WT_TOKF_DERIVED) {
		tok = wt_token_duplicate(h->token, GFP_KERNEL);
		if (IS_ERR(tok)) {
			err = PTR_ERR(tok);
			goto out;
		}
		tok->flags &= ~WT_TOKF_DERIVED;	/* not visible to anyone yet */
	} else {
		tok = wt_token_get(h->token);
	}
	err = at_exec ? wt_pending_set(tok) : wt_assign_creds(tok);
	if (!err)
		wt_audit_privilege(at_exec ? "assign_primary_at_exec" :
				   "assign_primary",
				   WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE);
out:
	fput(f);
	return err;
}
