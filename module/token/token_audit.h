/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok - audit events raised by the thread that asks: they name it by
 * its tokens (token_audit.c), which only this folder can read, and hand
 * the event to the audit trail below (audit/audit.c) with the subject
 * filled in. Every folder above token/ raises its events here.
 */
#ifndef WT_TOKEN_AUDIT_H
#define WT_TOKEN_AUDIT_H

#include "audit.h"
#include "wt_access.h"

struct wt_token;

/* Events; callable in any context but NMI, never sleep */
void wt_audit_denied(const char *op, const struct path *path,
		     const struct dentry *dentry, u32 desired);
void wt_audit_denied_obj(const char *op, const struct wt_audit_object *obj,
			 u32 desired);
int wt_audit_unix_denied(const struct sock *other, u32 desired, const char *op);
int wt_audit_unix_path(int ret, const struct sock *other, const char *op);
void __wt_audit_access(const char *op, const struct wt_audit_object *obj,
		       const struct wt_sd_view *sd,
		       const struct wt_token_view *tok,
		       const struct wt_access_request *req,
		       const struct wt_access_result *res);

/*
 * After an access check: the SACL's audits and the privileges that
 * decided it. Inline so the common case (nothing to report) costs a test.
 */
static inline void wt_audit_access(const char *op,
				   const struct wt_audit_object *obj,
				   const struct wt_sd_view *sd,
				   const struct wt_token_view *tok,
				   const struct wt_access_request *req,
				   const struct wt_access_result *res)
{
	if (unlikely(res->audit_success || res->audit_failure ||
		     res->privileges_used))
		__wt_audit_access(op, obj, sd, tok, req, res);
}

void wt_audit_raise_rec(struct wt_audit_rec *rec);

/*
 * Commit @rec, or nothing when the trail dropped it (NULL: the rate limit,
 * a full ring). Most events of a busy thread are dropped: that case is a
 * test, inline, without the frame of the subject's copy, which the
 * kernel's stack initialisation would otherwise zero at every call.
 */
static inline void wt_audit_raise(struct wt_audit_rec *rec)
{
	if (rec)
		wt_audit_raise_rec(rec);
}

/**
 * wt_audit_imp() - record an impersonation event (from wt_imp_event())
 * @event: what happened
 * @level: the level concerned
 *
 * Context: any but NMI; never sleeps.
 */
static inline void wt_audit_imp(enum wt_imp_event event, u32 level)
{
	wt_audit_raise(wt_audit_ev_imp(event, level));
}

/**
 * wt_audit_privilege() - record an operation a privilege made possible
 * @op: the operation
 * @luid: the privilege (WT_SE_*_PRIVILEGE)
 *
 * Context: any but NMI; never sleeps.
 */
static inline void wt_audit_privilege(const char *op, u32 luid)
{
	wt_audit_raise(wt_audit_ev_privilege(op, luid));
}

void wt_audit_privilege_obj(const char *op, u32 luid,
			    const struct wt_audit_object *obj);
void wt_audit_token(const char *op, struct wt_token *tok);

#endif /* WT_TOKEN_AUDIT_H */
