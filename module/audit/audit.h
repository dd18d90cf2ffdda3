/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok - the audit trail: events on the "audit" multicast group of the
 * generic netlink family and in the kernel audit log. Every part reports
 * here, so the audit folder sits below them all.
 *
 * See Documentation/design/audit.rst.
 */
#ifndef WT_AUDIT_H
#define WT_AUDIT_H

#include <linux/types.h>

#include "wt_access.h"
#include "wt_sid.h"

struct dentry;
struct inode;
struct path;
struct sock;
struct wt_token;
struct wt_token_view;

/**
 * enum wt_imp_event - what wt_imp_event() records
 * @WT_IMP_STARTED: a thread began impersonating (any level)
 * @WT_IMP_CAPPED: a gate capped the level at Identification
 * @WT_IMP_REVERTED: a thread reverted to itself
 * @WT_IMP_PEER: a server impersonated its connection's client
 * @WT_IMP_LEVEL_DENIED: an access was refused for the thread's level
 * @WT_IMP_EVENT_COUNT: number of events
 */
enum wt_imp_event {
	WT_IMP_STARTED,
	WT_IMP_CAPPED,
	WT_IMP_REVERTED,
	WT_IMP_PEER,
	WT_IMP_LEVEL_DENIED,
	WT_IMP_EVENT_COUNT
};

/**
 * struct wt_audit_object - what an audit event names as its object
 * @path: a file by path (best), or NULL
 * @dentry: a file by dentry, when @path is NULL
 * @inode: a file known only by its inode, when both are NULL
 * @kind: a SysV IPC object's kind ("msg", "sem", "shm"), when no file
 * @id: its id
 * @sk: an abstract AF_UNIX socket (named "unix @name"), when none of the
 *	above; its state lock held by the caller
 */
struct wt_audit_object {
	const struct path *path;
	const struct dentry *dentry;
	const struct inode *inode;
	const char *kind;
	int id;
	const struct sock *sk;
};

/* Events;  callable in any context but NMI, never sleep */
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

void wt_audit_imp(enum wt_imp_event event, u32 level);
void wt_audit_privilege(const char *op, u32 luid);
void wt_audit_privilege_obj(const char *op, u32 luid,
			    const struct wt_audit_object *obj);
void wt_audit_token(const char *op, struct wt_token *tok);
/* OR'ed into wt_audit_logon()'s @type: a made session ended unjoined */
#define WT_LOGON_EXPIRED 0x80000000u
void wt_audit_logon(bool logon, u64 luid, u32 type, const struct wt_sid *user);
void wt_audit_stats(u64 *sent, u64 *dropped);
int wt_audit_init(void);
void wt_audit_exit(void);

#endif /* WT_AUDIT_H */
