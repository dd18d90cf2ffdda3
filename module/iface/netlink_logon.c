// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - the generic netlink family "wintok": the logon sessions
 * (WT_CMD_GET_SESSION, WT_CMD_LIST_SESSIONS, WT_CMD_CREATE_SESSION).
 *
 * The family, its policy and what every command shares (who asks, the
 * checks a policy cannot express, building a reply) are in netlink.c.
 */
#include <net/genetlink.h>

#include "wintok.h"
#include "token.h"
#include "logon.h"
#include "genl.h"
#include "netlink_int.h"

/* ---- logon sessions ---- */

/**
 * struct wt_session_viewer - who asks for logon sessions
 * @all: SeDebugPrivilege or SeTcbPrivilege enabled for the sender and
 *	for the socket's opener: every session
 * @user: else only the sessions of this user (the sender's) ...
 * @opener: ... that are also the opener's
 */
struct wt_session_viewer {
	bool all;
	struct wt_sid user;
	struct wt_sid opener;
};

/* The caller's rights, from the tokens of the sender and of @sk's opener. */
static int wt_session_viewer(const struct sock *sk, struct wt_session_viewer *v,
			     struct netlink_ext_ack *extack)
{
	const u64 see_all = WT_NEED_TCB | BIT_ULL(WT_SE_DEBUG_PRIVILEGE);
	struct wt_genl_who sender, opener;
	int err;

	err = wt_genl_caller(sk, &sender, &opener, extack);
	if (err)
		return err;
	v->all = (sender.privileges & see_all) && (opener.privileges & see_all);
	v->user = sender.user;
	v->opener = opener.user;
	return 0;
}

static bool wt_session_visible(const struct wt_session_viewer *v,
			       const struct wt_logon_session *s)
{
	return v->all || (wt_sid_equal(&v->user, &s->user) &&
			  wt_sid_equal(&v->opener, &s->user));
}

static int wt_put_session(struct sk_buff *msg, const struct wt_logon_session *s)
{
	struct nlattr *nest = nla_nest_start(msg, WT_A_SESSION);
	struct wt_sid logon;

	wt_sid_logon(&logon, upper_32_bits(s->luid), lower_32_bits(s->luid));
	if (!nest ||
	    nla_put_u64_64bit(msg, WT_SESSION_A_LOGON_ID, s->luid, WT_SESSION_A_PAD) ||
	    nla_put_u32(msg, WT_SESSION_A_TYPE, s->type) ||
	    wt_put_sid(msg, WT_SESSION_A_USER, &s->user) ||
	    wt_put_sid(msg, WT_SESSION_A_LOGON_SID, &logon) ||
	    nla_put_u32(msg, WT_SESSION_A_TOKENS, s->tokens) ||
	    nla_put_u64_64bit(msg, WT_SESSION_A_START_TIME, s->start_time,
			      WT_SESSION_A_PAD))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

/* Reply to @info with session @s. */
static int wt_genl_reply_session(struct genl_info *info,
				 const struct wt_logon_session *s)
{
	struct wt_genl_reply r;
	int err;

	err = wt_genl_reply_start(&r, info, NLMSG_GOODSIZE, 0);
	if (!err)
		err = wt_put_session(r.msg, s);
	return wt_genl_reply_done(&r, info, err);
}

int wt_genl_get_session(struct sk_buff *skb, struct genl_info *info)
{
	struct wt_session_viewer viewer;
	struct wt_logon_session s;
	int err;

	err = wt_genl_need(info, WT_A_LOGON_ID,
			   "WT_A_LOGON_ID (the session) is required");
	if (!err)
		err = wt_session_viewer(NETLINK_CB(skb).sk, &viewer,
					info->extack);
	if (err)
		return err;
	if (!wt_logon_session_copy(nla_get_u64(info->attrs[WT_A_LOGON_ID]), &s)) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[WT_A_LOGON_ID],
				    "no such logon session");
		return -ENOENT;
	}
	if (!wt_session_visible(&viewer, &s)) {
		NL_SET_ERR_MSG(info->extack,
			       "another user's session needs SeDebugPrivilege or SeTcbPrivilege");
		return -EPERM;
	}
	return wt_genl_reply_session(info, &s);
}

/**
 * struct wt_session_dump - state of one step of a session dump
 * @skb: the message being filled
 * @cb: the dump
 * @viewer: who asks
 */
struct wt_session_dump {
	struct sk_buff *skb;
	struct netlink_callback *cb;
	struct wt_session_viewer viewer;
};

/* Under the session table's lock: never sleeps. */
static int wt_session_dump_one(const struct wt_logon_session *s, void *arg)
{
	struct wt_session_dump *d = arg;
	void *hdr;

	if (!wt_session_visible(&d->viewer, s))
		return 0;
	hdr = genlmsg_put(d->skb, NETLINK_CB(d->cb->skb).portid,
			  d->cb->nlh->nlmsg_seq, &wt_genl_family, NLM_F_MULTI,
			  WT_CMD_LIST_SESSIONS);
	if (!hdr)
		return -EMSGSIZE;
	if (wt_put_session(d->skb, s)) {
		genlmsg_cancel(d->skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(d->skb, hdr);
	return 0;
}

/*
 * cb->args[0] is how many sessions earlier steps covered. Sessions that
 * come or go between steps may be missed or seen twice, as with any
 * netlink dump of a changing table.
 */
int wt_genl_list_sessions(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct wt_session_dump d = { .skb = skb, .cb = cb };
	unsigned long pos = cb->args[0];
	int err;

	err = wt_session_viewer(NETLINK_CB(cb->skb).sk, &d.viewer, cb->extack);
	if (err)
		return err;
	wt_logon_session_walk(&pos, wt_session_dump_one, &d);
	cb->args[0] = pos;
	return skb->len;
}

/*
 * A logon session with no token yet, for a token made next by
 * WT_IOC_CREATE_TOKEN with its LUID as authentication id (logon.c says
 * how long it waits).
 */
int wt_genl_create_session(struct sk_buff *skb, struct genl_info *info)
{
	struct wt_logon_session s;
	struct wt_sid user;
	u64 luid;
	int err;

	err = wt_genl_require_tcb(skb, info);
	if (!err)
		err = wt_genl_need(info, WT_A_LOGON_TYPE,
				   "WT_A_LOGON_TYPE (the logon type, 2 to 5) is required");
	if (!err)
		err = wt_genl_need(info, WT_A_USER_SID,
				   "WT_A_USER_SID (the user) is required");
	if (!err)
		err = wt_genl_sid(info->attrs[WT_A_USER_SID], &user,
				  info->extack);
	if (err)
		return err;
	err = wt_logon_session_make(nla_get_u32(info->attrs[WT_A_LOGON_TYPE]),
				    &user, &luid);
	if (err == -EBUSY)
		NL_SET_ERR_MSG(info->extack,
			       "too many sessions wait for their first token");
	if (err)
		return err;
	/* The reply describes the session; it may have expired already. */
	memset(&s, 0, sizeof(s));
	if (!wt_logon_session_copy(luid, &s)) {
		s.luid = luid;
		s.type = nla_get_u32(info->attrs[WT_A_LOGON_TYPE]);
		s.user = user;
	}
	return wt_genl_reply_session(info, &s);
}
