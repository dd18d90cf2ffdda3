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
struct genl_family;
struct inode;
struct path;
struct sock;

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

/**
 * struct wt_audit_subject - who raised an event (token/token_audit.c)
 * @user: user SID of the thread's primary token, with @has_user
 * @client: user SID of its impersonation token, with @has_client
 * @level: the impersonation level, with @has_client
 * @has_user: @user is known
 * @has_client: the thread impersonates
 *
 * The trail cannot read tokens, which live above it: each event a thread
 * raises is given its subject, found by token/token_audit.c.
 */
struct wt_audit_subject {
	struct wt_sid user;
	struct wt_sid client;
	u32 level;
	bool has_user;
	bool has_client;
};

/*
 * Events raised by a thread: opened by a wt_audit_ev_*() call, committed
 * with their subject by wt_audit_done() (token/token_audit.c does both).
 * Callable in any context but NMI, never sleep.
 */
struct wt_audit_rec;
struct wt_audit_rec *wt_audit_ev_object(u32 type, const char *op,
					const struct wt_audit_object *obj,
					u32 desired, u32 granted, u32 err,
					u32 luid);
struct wt_audit_rec *wt_audit_ev_imp(enum wt_imp_event event, u32 level);
struct wt_audit_rec *wt_audit_ev_privilege(const char *op, u32 luid);
struct wt_audit_rec *wt_audit_ev_token(const char *op, u64 token_id,
				       u64 logon_id, const struct wt_sid *user);
void wt_audit_done(struct wt_audit_rec *rec, const struct wt_audit_subject *who);

/* OR'ed into wt_audit_logon()'s @type: a made session ended unjoined */
#define WT_LOGON_EXPIRED 0x80000000u
void wt_audit_logon(bool logon, u64 luid, u32 type, const struct wt_sid *user);
void wt_audit_stats(u64 *sent, u64 *dropped);
void wt_audit_attach(const struct genl_family *family);
void wt_audit_detach(void);
int wt_audit_init(void);
void wt_audit_exit(void);

#endif /* WT_AUDIT_H */
