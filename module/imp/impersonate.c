// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - impersonation: a thread adopts a client's token.
 *
 * Linux credentials are per thread, so an impersonation is a credential
 * change of the calling thread alone: prepare_creds(), set the client's
 * ids, attach the impersonation token and the credentials to restore to
 * the new cred's map entry (token_cred.c), commit_creds(). Every access
 * decision on the thread then sees the client, Linux DAC included; other
 * threads keep their own credentials. Revert commits the saved
 * credentials again: the exact previous cred, not a copy.
 *
 * Real and saved uids stay the service's (signals, process ownership,
 * RLIMIT_NPROC accounting stay with the service). Changing the effective
 * ids makes the process non-dumpable, as any setuid does; that is what
 * keeps a client's data out of a core dump of the service.
 *
 * The gates (the client's level is checked where the token was made: a
 * connection, a duplicate):
 * - Anonymous and Identification need nothing.
 * - Impersonation and Delegation are capped at Identification when the
 *   client's integrity level is above the caller's, when the caller's
 *   primary token is restricted and the client's is not restricted alike,
 *   or when the caller's primary token has no enabled
 *   SeImpersonatePrivilege and the client is another user or the same
 *   user with more privileges or groups. This is the order of Windows'
 *   SeTokenCanImpersonate.
 */
#include <linux/cred.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/highuid.h>
#include <linux/moduleparam.h>
#include <linux/pid.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <linux/uaccess.h>

#include "wintok.h"
#include "token.h"
#include "impersonate.h"
#include "process_access.h"
#include "token_ops.h"
#include "audit.h"
#include "idmap.h"

/* ---- the gates ---- */

/*
 * The level a caller whose primary token is @self may impersonate
 * @client at, given the level the token allows; the reason for a cap
 * goes to @result. *@by_privilege: SeImpersonatePrivilege made the
 * difference, for audit. wt_token_compare() is the comparison process
 * access uses too.
 */
static u32 wt_imp_gate(const struct wt_token_view *self,
		       const struct wt_token_view *client, u32 level,
		       u32 *result, bool *by_privilege)
{
	u32 why;

	if (level < WT_SECURITY_IMPERSONATION)
		return level;
	why = wt_token_compare(self, client);
	if (why & WT_CMP_INTEGRITY) {
		*result |= WT_IMPERSONATE_INTEGRITY;
		return WT_SECURITY_IDENTIFICATION;
	}
	/*
	 * A sandbox must not shed its restricting SIDs by impersonating a
	 * token without them, privilege or not (stricter than Windows,
	 * where SeImpersonatePrivilege would do).
	 */
	if (why & WT_CMP_RESTRICTED) {
		*result |= WT_IMPERSONATE_RESTRICTED;
		return WT_SECURITY_IDENTIFICATION;
	}
	/*
	 * One's own user, as long as the client token is not more
	 * privileged (a privilege or a group the caller does not hold, as
	 * the token of a setgid process has): Windows lets a process
	 * impersonate its user without the privilege only when nothing is
	 * gained.
	 */
	if (wt_sid_equal(&client->user.sid, &self->user.sid) &&
	    !(why & WT_CMP_PRIVILEGED))
		return level;
	if (wt_token_has_privilege(self, WT_SE_IMPERSONATE_PRIVILEGE)) {
		*by_privilege = true;
		return level;
	}
	*result |= WT_IMPERSONATE_NO_PRIVILEGE;
	return WT_SECURITY_IDENTIFICATION;
}

/* ---- the client's Linux identity ---- */

/*
 * Give @new (prepared, not committed) the Linux identity of the client
 * token @tok at @level: its mapped ids and groups at Impersonation and
 * above (egid and groups only from groups it holds enabled and not
 * deny-only), the overflow ids and no groups below; no capabilities
 * unless wt_token_gives_capabilities() says so. Real and saved ids are
 * left alone.
 */
static int wt_imp_set_ids(struct cred *new, struct wt_token *tok, u32 level)
{
	kuid_t uid = make_kuid(&init_user_ns, overflowuid);
	kgid_t gid = make_kgid(&init_user_ns, overflowgid);
	const struct wt_token_view *v;
	struct group_info *gi;
	bool caps = false;
	u32 id;

	/* The token's lock keeps its state while groups_alloc() sleeps. */
	mutex_lock(&tok->lock);
	v = &wt_token_state(tok)->view;
	if (level >= WT_SECURITY_IMPERSONATION) {
		if (wt_sid_linux_uid(&v->user.sid, &id))
			uid = KUIDT_INIT(id);
		gid = wt_token_linux_egid(v);
		caps = wt_token_gives_capabilities(v, uid);
		gi = wt_token_linux_groups(v, INVALID_GID);
	} else {
		gi = groups_alloc(0);
	}
	mutex_unlock(&tok->lock);
	if (!gi)
		return -ENOMEM;
	set_groups(new, gi);
	put_group_info(gi);
	if (!uid_valid(uid) || !gid_valid(gid))
		return -EINVAL;
	new->euid = uid;
	new->fsuid = uid;
	new->egid = gid;
	new->fsgid = gid;
	cap_clear(new->cap_inheritable);
	cap_clear(new->cap_ambient);
	if (caps) {
		new->cap_permitted = new->cap_bset;
		new->cap_effective = new->cap_bset;
	} else {
		cap_clear(new->cap_permitted);
		cap_clear(new->cap_effective);
	}
	return 0;
}

/* ---- impersonate and revert ---- */

/*
 * Make the calling thread impersonate @client (an impersonation token;
 * the caller's reference is consumed) at most at @level: apply the gates,
 * then switch the thread's credentials. Reports the level and the cap
 * reasons through @level and @result.
 */
static int wt_impersonate(struct wt_token *client, u32 *level, u32 *result)
{
	const struct cred *saved;
	struct wt_token *self, *cur_imp, *imp;
	struct cred *new;
	bool by_privilege = false;
	u32 granted;
	int err;

	*result = 0;
	/* Impersonating again keeps what the first impersonation saved. */
	self = wt_cred_self_token(current_cred(), GFP_KERNEL, &saved, &cur_imp);
	if (cur_imp)
		wt_token_put(cur_imp);
	if (IS_ERR(self)) {
		err = PTR_ERR(self);
		goto out_saved;
	}
	rcu_read_lock();
	granted = wt_imp_gate(&wt_token_state(self)->view,
			      &wt_token_state(client)->view, *level, result,
			      &by_privilege);
	rcu_read_unlock();
	wt_token_put(self);

	imp = client;
	if (granted == WT_SECURITY_ANONYMOUS) {
		/* Anonymous hides who the client is, too. */
		imp = wt_token_anonymous();
		if (IS_ERR(imp)) {
			err = PTR_ERR(imp);
			goto out_saved;
		}
		wt_token_put(client);
		client = imp;
	} else if (granted != client->level) {
		/* The thread's token carries the level it really got. */
		imp = wt_token_duplicate_as(client, WT_TOKEN_IMPERSONATION,
					    granted, GFP_KERNEL);
		if (IS_ERR(imp)) {
			err = PTR_ERR(imp);
			goto out_saved;
		}
		wt_token_put(client);
		client = imp;
	}

	new = prepare_creds();
	if (!new) {
		err = -ENOMEM;
		goto out_saved;
	}
	err = wt_imp_set_ids(new, imp, granted);
	if (!err)
		err = wt_cred_set_impersonation(new, imp, saved);
	if (err) {
		abort_creds(new);
		goto out_saved;
	}
	commit_creds(new);
	*level = granted;
	wt_imp_event(WT_IMP_STARTED, granted);
	if (by_privilege)
		wt_audit_privilege("impersonate", WT_SE_IMPERSONATE_PRIVILEGE);
	if (*result)
		wt_imp_event(WT_IMP_CAPPED, granted);
out_saved:
	put_cred(saved);
	wt_token_put(client);
	return err;
}

/**
 * wt_revert_to_self() - end the calling thread's impersonation
 *
 * Return: 0 (also when the thread does not impersonate).
 */
int wt_revert_to_self(void)
{
	const struct cred *saved;
	struct wt_token *imp;

	wt_cred_impersonation(current_cred(), &imp, &saved);
	if (!imp)
		return 0;
	wt_token_put(imp);
	/* Our reference to @saved becomes the thread's. */
	commit_creds((struct cred *)saved);
	wt_imp_event(WT_IMP_REVERTED, 0);
	return 0;
}

/* Copy in and check a struct wt_impersonate. */
static int wt_imp_arg_in(struct wt_impersonate *a, void __user *arg, u32 *usize)
{
	int err;

	err = wt_copy_arg_in(a, sizeof(*a), arg, WT_IMPERSONATE_SIZE_VER0, usize);
	if (err)
		return err;
	if (a->flags || a->reserved || a->level || a->result)
		return -EINVAL;
	return 0;
}

/*
 * Impersonate @client at @level and report the outcome in @a. Written
 * back after the switch: a bad pointer then leaves the thread
 * impersonating, as the ioctl's -EFAULT says.
 */
static long wt_imp_and_report(struct wt_token *client, u32 level,
			      struct wt_impersonate *a, void __user *arg,
			      u32 usize)
{
	int err = wt_impersonate(client, &level, &a->result);

	if (err)
		return err;
	a->level = level;
	return wt_copy_arg_out(a, sizeof(*a), arg, usize);
}

/**
 * wt_ioctl_impersonate() - %WT_IOC_IMPERSONATE
 * @arg: user pointer to &struct wt_impersonate
 *
 * Return: 0 or a negative errno.
 */
long wt_ioctl_impersonate(void __user *arg)
{
	struct wt_token_handle *h;
	struct wt_impersonate a;
	struct wt_token *client;
	struct file *f;
	u32 usize, level;
	int err;

	err = wt_imp_arg_in(&a, arg, &usize);
	if (err)
		return err;
	h = wt_token_handle_fdget(a.fd, &f);
	if (IS_ERR(h))
		return PTR_ERR(h);
	if (h->token->type == WT_TOKEN_IMPERSONATION) {
		err = h->granted & WT_TOKEN_IMPERSONATE ? 0 : -EACCES;
		client = wt_token_get(h->token);
		level = client->level;
	} else {
		/* ImpersonateLoggedOnUser(): an impersonation copy. */
		err = (h->granted & (WT_TOKEN_QUERY | WT_TOKEN_DUPLICATE)) ==
		      (WT_TOKEN_QUERY | WT_TOKEN_DUPLICATE) ? 0 : -EACCES;
		level = WT_SECURITY_IMPERSONATION;
		client = err ? NULL :
			 wt_token_duplicate_as(h->token, WT_TOKEN_IMPERSONATION,
					       level, GFP_KERNEL);
	}
	fput(f);
	if (err) {
		if (client)
			wt_token_put(client);
		return err;
	}
	if (IS_ERR(client))
		return PTR_ERR(client);
	return wt_imp_and_report(client, level, &a, arg, usize);
}

/**
 * wt_ioctl_impersonate_peer() - %WT_IOC_IMPERSONATE_PEER
 * @arg: user pointer to &struct wt_impersonate
 *
 * Return: 0 or a negative errno.
 */
long wt_ioctl_impersonate_peer(void __user *arg)
{
	struct wt_impersonate a;
	struct wt_token *client;
	u32 usize, level;
	int err;

	err = wt_imp_arg_in(&a, arg, &usize);
	if (err)
		return err;
	client = wt_connection_client(a.fd, &level);
	if (IS_ERR(client))
		return PTR_ERR(client);
	wt_imp_event(WT_IMP_PEER, level);
	return wt_imp_and_report(client, level, &a, arg, usize);
}

/**
 * wt_ioctl_revert_to_self() - %WT_IOC_REVERT_TO_SELF
 * @arg: the ioctl argument, which must be 0
 *
 * Return: 0 or -EINVAL.
 */
long wt_ioctl_revert_to_self(unsigned long arg)
{
	if (arg)
		return -EINVAL;
	return wt_revert_to_self();
}

/* ---- OpenThreadToken() ---- */

/* The credentials of thread @tid of the calling process, referenced. */
static const struct cred *wt_thread_cred(pid_t tid)
{
	struct task_struct *task;
	const struct cred *cred;
	struct pid *pid;

	if (!tid)
		return get_current_cred();
	if (tid < 0)
		return ERR_PTR(-EINVAL);
	pid = find_get_pid(tid);
	task = pid ? get_pid_task(pid, PIDTYPE_PID) : NULL;
	put_pid(pid);
	if (!task)
		return ERR_PTR(-ESRCH);
	if (!same_thread_group(task, current)) {
		put_task_struct(task);
		return ERR_PTR(-EPERM);
	}
	cred = get_task_cred(task);
	put_task_struct(task);
	return cred;
}

/**
 * wt_ioctl_open_thread_token() - %WT_IOC_OPEN_THREAD_TOKEN
 * @arg: user pointer to &struct wt_open_thread_token
 *
 * A thread of the calling process may be opened for any right within
 * %WT_TOKEN_ALL_ACCESS, with or without %WT_OPEN_AS_SELF: the process
 * already acts with that token. Other processes' threads are refused.
 *
 * Return: a new token file descriptor, or a negative errno.
 */
long wt_ioctl_open_thread_token(void __user *arg)
{
	struct wt_open_thread_token ot;
	const struct cred *cred, *saved;
	struct wt_new_handle nh;
	struct wt_token *imp;
	u32 usize, granted;
	int err;

	err = wt_copy_arg_in(&ot, sizeof(ot), arg, WT_OPEN_THREAD_TOKEN_SIZE_VER0,
			     &usize);
	if (err)
		return err;
	if ((ot.flags & ~WT_OPEN_AS_SELF) || ot.reserved || ot.granted_access)
		return -EINVAL;
	err = wt_token_grant(ot.desired_access, WT_TOKEN_ALL_ACCESS, &granted);
	if (err)
		return err;
	cred = wt_thread_cred(ot.tid);
	if (IS_ERR(cred))
		return PTR_ERR(cred);
	wt_cred_impersonation(cred, &imp, &saved);
	put_cred(cred);
	if (!imp)
		return -ENOENT;
	put_cred(saved);
	err = wt_token_handle_reply(imp, granted, &ot.granted_access, &ot,
				    sizeof(ot), arg, usize, &nh);
	return err ?: wt_token_handle_commit(&nh);
}

