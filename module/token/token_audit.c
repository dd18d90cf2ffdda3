// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - the subject of an audit event: who the calling thread is,
 * read from its tokens, for the audit trail (audit/audit.c) that sits
 * below the tokens and cannot read them. Each event raised by a thread
 * is raised here: the trail opens it (a slot, unless the rate limit or a
 * full ring drops it), the subject is looked up, the trail commits it.
 *
 * Every function here may be called in any context but NMI (some hooks
 * are atomic): none sleeps, and what cannot be had without memory is
 * left out of the event rather than waited for.
 */
#include <linux/cred.h>
#include <linux/path.h>
#include <linux/rcupdate.h>
#include <net/af_unix.h>

#include "wintok.h"
#include "token.h"
#include "token_audit.h"

/*
 * Who the calling thread is: the user of its primary token and, when it
 * impersonates, its client and level.
 */
static void wt_audit_subject(struct wt_audit_subject *who)
{
	const struct cred *cred = current_cred(), *saved;
	struct wt_token *imp, *self;

	who->has_user = false;
	who->has_client = false;
	self = wt_cred_self_token(cred, GFP_NOWAIT | __GFP_NOWARN, &saved, &imp);
	rcu_read_lock();
	if (!IS_ERR(self)) {
		who->user = wt_token_state(self)->view.user.sid;
		who->has_user = true;
	}
	if (imp) {
		who->client = wt_token_state(imp)->view.user.sid;
		who->has_client = true;
		who->level = imp->level;
	}
	rcu_read_unlock();
	if (!IS_ERR(self))
		wt_token_put(self);
	if (imp)
		wt_token_put(imp);
	put_cred(saved);
}

/**
 * wt_audit_raise_rec() - find the subject of an event and commit it
 * @rec: an event the trail opened (not NULL)
 *
 * Out of line, and called only for an event the trail keeps (see
 * wt_audit_raise()).
 *
 * Context: any but NMI; never sleeps.
 */
noinline void wt_audit_raise_rec(struct wt_audit_rec *rec)
{
	struct wt_audit_subject who;

	wt_audit_subject(&who);
	wt_audit_done(rec, &who);
}

/**
 * wt_audit_denied() - record an access denial by an access check
 * @op: the operation ("file_open", "unlink", ...)
 * @path: the object, or NULL
 * @dentry: the object when @path is NULL, or NULL
 * @desired: the access mask asked for
 *
 * Context: any but NMI; never sleeps.
 */
void wt_audit_denied(const char *op, const struct path *path,
		     const struct dentry *dentry, u32 desired)
{
	const struct wt_audit_object obj = { .path = path, .dentry = dentry };

	wt_audit_denied_obj(op, &obj, desired);
}

/**
 * wt_audit_denied_obj() - record a refused operation on any object
 * @op: the operation ("ipc_permission", "unix_connect", ...)
 * @obj: the object
 * @desired: the access mask asked for
 *
 * Context: any but NMI; never sleeps.
 */
void wt_audit_denied_obj(const char *op, const struct wt_audit_object *obj,
			 u32 desired)
{
	wt_audit_raise(wt_audit_ev_object(WT_AUDIT_ACCESS_DENIED, op, obj,
					  desired, 0, EACCES, 0));
}

/**
 * wt_audit_unix_path() - record a refused write to a pathname socket
 * @ret: the check's result
 * @other: the receiver (listener, datagram peer), its state lock held by
 *	the caller
 * @op: the operation ("unix connect", "unix send")
 *
 * Context: any but NMI; never sleeps.
 * Return: @ret, so the deny point stays one call.
 */
int wt_audit_unix_path(int ret, const struct sock *other, const char *op)
{
	if (ret == -EACCES)
		wt_audit_denied(op, &unix_sk(other)->path, NULL,
				WT_FILE_WRITE_DATA);
	return ret;
}

/**
 * wt_audit_unix_denied() - record a refused write to an abstract socket
 * @other: the receiver, its state lock held by the caller
 * @desired: the access mask asked for
 * @op: the operation
 *
 * Context: any but NMI; never sleeps.
 * Return: -EACCES, what the caller gets, so the deny point stays one call.
 */
int wt_audit_unix_denied(const struct sock *other, u32 desired, const char *op)
{
	const struct wt_audit_object obj = { .sk = other };

	wt_audit_denied_obj(op, &obj, desired);
	return -EACCES;
}

/**
 * __wt_audit_access() - the audits an access check's result asks for
 * @op: the operation
 * @obj: the object
 * @sd: the object's SD, as checked
 * @tok: the token view, as checked (under RCU, as for the check)
 * @req: the request, as checked
 * @res: the result
 *
 * A success or failure audit the object's SACL asked for, and one
 * privilege use event per privilege that decided a granted check
 * (wt_access_privileges_decided()). Callers use wt_audit_access(), which
 * costs nothing when there is nothing to report.
 *
 * Context: any but NMI, RCU read side as for @tok; never sleeps.
 */
void __wt_audit_access(const char *op, const struct wt_audit_object *obj,
		       const struct wt_sd_view *sd,
		       const struct wt_token_view *tok,
		       const struct wt_access_request *req,
		       const struct wt_access_result *res)
{
	u64 decided;
	u32 luid;

	if (res->audit_success)
		wt_audit_raise(wt_audit_ev_object(WT_AUDIT_SACL_SUCCESS, op, obj,
						  req->desired, res->granted,
						  0, 0));
	if (res->audit_failure)
		wt_audit_raise(wt_audit_ev_object(WT_AUDIT_SACL_FAILURE, op, obj,
						  req->desired, 0, EACCES, 0));
	if (!res->privileges_used)
		return;
	decided = wt_access_privileges_decided(sd, tok, req, res);
	for (luid = 0; decided; luid++, decided >>= 1)
		if (decided & 1)
			wt_audit_raise(wt_audit_ev_object(WT_AUDIT_PRIVILEGE_USE,
							  op, obj, req->desired,
							  res->granted, 0,
							  luid));
}

/**
 * wt_audit_privilege_obj() - record a privilege that decided an operation
 *	on an object
 * @op: the operation
 * @luid: the privilege
 * @obj: the object
 *
 * Context: any but NMI; never sleeps.
 */
void wt_audit_privilege_obj(const char *op, u32 luid,
			    const struct wt_audit_object *obj)
{
	wt_audit_raise(wt_audit_ev_object(WT_AUDIT_PRIVILEGE_USE, op, obj, 0, 0,
					  0, luid));
}

/**
 * wt_audit_token() - record a token made on request
 * @op: "create", "restrict" or "duplicate"
 * @tok: the new token
 *
 * Context: process; never sleeps.
 */
void wt_audit_token(const char *op, struct wt_token *tok)
{
	struct wt_sid user;

	rcu_read_lock();
	user = wt_token_state(tok)->view.user.sid;
	rcu_read_unlock();
	wt_audit_raise(wt_audit_ev_token(op, tok->token_id, tok->auth_id,
					 &user));
}
