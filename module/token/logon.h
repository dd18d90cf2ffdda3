/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok - logon sessions (logon.c), counted by the tokens that refer to
 * them.
 *
 * See Documentation/design/audit.rst.
 */
#ifndef WT_LOGON_H
#define WT_LOGON_H

#include <linux/gfp.h>
#include <linux/list.h>
#include <linux/rcupdate.h>
#include <linux/types.h>

#include "wt_sid.h"

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

#endif /* WT_LOGON_H */
