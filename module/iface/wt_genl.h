/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok - the generic netlink family, the audit trail and the SID <-> id
 * map, and what they need from the other parts of the module.
 *
 * See Documentation/design/audit.rst and the "Generic netlink" section of
 * Documentation/userspace-api/wintok.rst.
 */
#ifndef WT_GENL_H
#define WT_GENL_H

#include <linux/gfp.h>
#include <linux/list.h>
#include <linux/rcupdate.h>
#include <linux/types.h>
#include <linux/uidgid.h>

#include "impersonate.h"
#include "wt_access.h"
#include "wt_sid.h"

struct dentry;
struct genl_family;
struct group_info;
struct inode;
struct path;
struct sock;
struct wt_token;
struct wt_token_view;

/**
 * struct wt_policy_rule - one privilege policy rule, as netlink sees it
 * @kind: %WT_POLICY_UID or %WT_POLICY_GID
 * @id: the uid or gid (init user namespace)
 * @privs: privileges added, bit (1ULL << luid)
 */
struct wt_policy_rule {
	u32 kind;
	u32 id;
	u64 privs;
};

/* token_derive.c */
u32 wt_policy_get_rules(struct wt_policy_rule *rules, u32 max);
int wt_policy_set_rules(const struct wt_policy_rule *rules, u32 n);

/* imp_connect.c */
u32 wt_connect_default_level(void);
void wt_connect_set_default_level(u32 level);

/* impersonate.c, file_sd.c, token_cred.c: counters (hook.h: the hooks') */
long wt_imp_count(enum wt_imp_event event);
long wt_file_errors(void);
long wt_cred_failures(void);

/* idmap.c: the SID <-> id map for SIDs outside S-1-22 */
bool wt_idmap_uid(const struct wt_sid *sid, u32 *uid);
bool wt_idmap_gid(const struct wt_sid *sid, u32 *gid);
bool wt_sid_linux_uid(const struct wt_sid *sid, u32 *uid);
bool wt_sid_linux_gid(const struct wt_sid *sid, u32 *gid);
struct group_info *wt_token_linux_groups(const struct wt_token_view *v,
					 kgid_t skip);
kgid_t wt_token_linux_egid(const struct wt_token_view *v);
bool wt_token_gives_capabilities(const struct wt_token_view *v, kuid_t uid);
bool wt_token_is_sandbox(const struct wt_token_view *v);
void wt_idmap_exit(void);

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

/* audit.c: events; callable in any context but NMI, never sleep */
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

/* idmap.c, for netlink.c */
struct wt_idmap_entry;
int wt_idmap_replace(struct wt_idmap_entry *entries, u32 n);
u32 wt_idmap_copy(struct wt_idmap_entry *out, u32 max);

/**
 * struct wt_idmap_entry - one SID <-> id pair
 * @sid: the SID (not of the S-1-22 authority)
 * @kind: %WT_IDMAP_UID or %WT_IDMAP_GID
 * @id: the uid or gid (init user namespace)
 */
struct wt_idmap_entry {
	struct wt_sid sid;
	u32 kind;
	u32 id;
};

/* logon.c: logon sessions, counted by the tokens that refer to them */

/**
 * struct wt_logon_session - a logon session
 * @node: hash table linkage
 * @luid: the session's LUID (the authentication id of its tokens)
 * @type: WT_LOGON_*
 * @tokens: tokens referring to it, under the table's lock
 * @start_time: CLOCK_REALTIME ns of the logon
 * @user: the user logged on
 * @made: made by %WT_CMD_CREATE_SESSION: only tokens of @user may join
 * @pending: made, and no token has joined yet
 * @expires: CLOCK_BOOTTIME ns when a pending session ends
 * @expired_next: the expiry worker's list of sessions to end
 * @rcu: frees the session after readers are done
 */
struct wt_logon_session {
	struct hlist_node node;
	u64 luid;
	u32 type;
	u32 tokens;
	u64 start_time;
	struct wt_sid user;
	bool made;
	bool pending;
	u64 expires;
	struct wt_logon_session *expired_next;
	struct rcu_head rcu;
};

int wt_logon_session_new(u64 luid, u32 type, const struct wt_sid *user,
			 gfp_t gfp);
int wt_logon_session_join(u64 luid, u32 type, const struct wt_sid *user,
			  gfp_t gfp);
int wt_logon_session_make(u32 type, const struct wt_sid *user, u64 *luid);
void wt_logon_session_get(u64 luid);
void wt_logon_session_put(u64 luid);
long wt_logon_sessions_live(void);
bool wt_logon_session_copy(u64 luid, struct wt_logon_session *out);
void wt_logon_session_walk(unsigned long *pos,
			   int (*fn)(const struct wt_logon_session *s, void *arg),
			   void *arg);
void wt_logon_exit(void);

/* netlink.c */
struct sk_buff;
extern struct genl_family wt_genl_family;
int wt_genl_init(void);
void wt_genl_exit(void);
bool wt_genl_audit_listeners(void);
void wt_genl_audit_send(struct sk_buff *skb);

#endif /* WT_GENL_H */
