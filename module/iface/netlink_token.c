// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - the generic netlink family "wintok": the token of any thread or
 * process (WT_CMD_GET_TOKEN).
 *
 * The family, its policy and what every command shares (who asks, the
 * checks a policy cannot express, building a reply) are in netlink.c.
 */
#include <linux/cred.h>
#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <net/genetlink.h>

#include "wintok.h"
#include "token.h"
#include "genl.h"
#include "netlink_int.h"

/* ---- the token of a process ---- */

/* Room for the attributes of a token whose state is @st. */
static size_t wt_token_msg_size(const struct wt_token_state *st)
{
	size_t group = nla_total_size(0) + nla_total_size(WT_SID_MAX_BYTES) +
		       nla_total_size(sizeof(u32));
	u32 nsids = st->view.group_count + st->view.restricted_count;

	return nla_total_size(0) +			/* WT_A_TOKEN */
	       3 * nla_total_size(WT_SID_MAX_BYTES) +	/* user, owner, group */
	       8 * nla_total_size(sizeof(u32)) +
	       8 * nla_total_size_64bit(sizeof(u64)) +
	       nla_total_size(8) +			/* source name */
	       nla_total_size(st->has_dacl ? st->dacl_sd.dacl.size : 0) +
	       2 * nla_total_size(0) + (size_t)nsids * group;
}

/* A list attribute @type of @n SIDs with attributes. */
static int wt_put_sid_list(struct sk_buff *msg, int type,
			   const struct wt_sid_attr *sids, u32 n)
{
	struct nlattr *list, *g;
	u32 i;

	list = nla_nest_start(msg, type);
	if (!list)
		return -EMSGSIZE;
	for (i = 0; i < n; i++) {
		g = nla_nest_start(msg, WT_TOKEN_A_GROUP);
		if (!g || wt_put_sid(msg, WT_TOKEN_A_SID, &sids[i].sid) ||
		    nla_put_u32(msg, WT_TOKEN_A_ATTRIBUTES, sids[i].attributes))
			return -EMSGSIZE;
		nla_nest_end(msg, g);
	}
	nla_nest_end(msg, list);
	return 0;
}

static int wt_put_token(struct sk_buff *msg, struct wt_token *tok,
			const struct wt_token_state *st)
{
	const struct wt_token_view *v = &st->view;
	struct nlattr *token;

	token = nla_nest_start(msg, WT_A_TOKEN);
	if (!token ||
	    wt_put_sid(msg, WT_TOKEN_A_USER, &v->user.sid) ||
	    nla_put_u32(msg, WT_TOKEN_A_USER_ATTRIBUTES, v->user.attributes) ||
	    nla_put_u64_64bit(msg, WT_TOKEN_A_PRIVILEGES_PRESENT,
			      st->privs_present, WT_TOKEN_A_PAD) ||
	    nla_put_u64_64bit(msg, WT_TOKEN_A_PRIVILEGES_ENABLED,
			      v->privileges, WT_TOKEN_A_PAD) ||
	    nla_put_u32(msg, WT_TOKEN_A_INTEGRITY, v->integrity_level) ||
	    nla_put_u32(msg, WT_TOKEN_A_TYPE, tok->type) ||
	    nla_put_u32(msg, WT_TOKEN_A_LEVEL, tok->level) ||
	    nla_put_u64_64bit(msg, WT_TOKEN_A_LOGON_ID, tok->auth_id,
			      WT_TOKEN_A_PAD) ||
	    nla_put_u64_64bit(msg, WT_TOKEN_A_TOKEN_ID, tok->token_id,
			      WT_TOKEN_A_PAD) ||
	    wt_put_sid(msg, WT_TOKEN_A_OWNER, wt_state_owner(st)) ||
	    wt_put_sid(msg, WT_TOKEN_A_PRIMARY_GROUP, &st->primary_group) ||
	    nla_put_u32(msg, WT_TOKEN_A_MANDATORY_POLICY, v->mandatory_policy) ||
	    nla_put_u32(msg, WT_TOKEN_A_SESSION_ID, st->session_id) ||
	    nla_put_u64_64bit(msg, WT_TOKEN_A_ORIGIN, tok->origin, WT_TOKEN_A_PAD) ||
	    nla_put_u32(msg, WT_TOKEN_A_ELEVATION_TYPE, tok->elevation_type) ||
	    nla_put(msg, WT_TOKEN_A_SOURCE_NAME, sizeof(tok->source_name),
		    tok->source_name) ||
	    nla_put_u64_64bit(msg, WT_TOKEN_A_SOURCE_LUID, tok->source_luid,
			      WT_TOKEN_A_PAD) ||
	    nla_put_u64_64bit(msg, WT_TOKEN_A_MODIFIED_ID, st->modified_id,
			      WT_TOKEN_A_PAD) ||
	    nla_put_u64_64bit(msg, WT_TOKEN_A_PRIVILEGES_DEFAULT,
			      st->privs_default, WT_TOKEN_A_PAD))
		return -EMSGSIZE;
	if (st->has_dacl &&
	    nla_put(msg, WT_TOKEN_A_DEFAULT_DACL, st->dacl_sd.dacl.size,
		    st->dacl_sd.dacl.acl))
		return -EMSGSIZE;
	if (wt_put_sid_list(msg, WT_TOKEN_A_GROUPS, v->groups, v->group_count))
		return -EMSGSIZE;
	if (v->restricted_count &&
	    wt_put_sid_list(msg, WT_TOKEN_A_RESTRICTED, v->restricted,
			    v->restricted_count))
		return -EMSGSIZE;
	nla_nest_end(msg, token);
	return 0;
}

/* The credentials of thread or process @nr (caller's pid namespace). */
static const struct cred *wt_genl_task_cred(u32 nr)
{
	struct task_struct *task;
	const struct cred *cred;
	struct pid *pid;

	if (nr > INT_MAX)
		return ERR_PTR(-ESRCH);
	pid = find_get_pid(nr);
	task = pid ? get_pid_task(pid, PIDTYPE_PID) : NULL;
	put_pid(pid);
	if (!task)
		return ERR_PTR(-ESRCH);
	cred = get_task_cred(task);
	put_task_struct(task);
	return cred;
}

/*
 * May the caller read @tok: the sender and the socket's opener are both
 * its user, or both have SeDebug/SeTcb enabled?
 */
static int wt_genl_may_query(struct sk_buff *skb, struct genl_info *info,
			     struct wt_token *tok)
{
	struct wt_genl_who sender, opener;
	bool same;
	int err;

	err = wt_genl_caller(NETLINK_CB(skb).sk, &sender, &opener,
			     info->extack);
	if (err)
		return err;
	rcu_read_lock();
	same = wt_sid_equal(&sender.user, &wt_token_state(tok)->view.user.sid) &&
	       wt_sid_equal(&opener.user, &wt_token_state(tok)->view.user.sid);
	rcu_read_unlock();
	if (same)
		return 0;
	return wt_genl_require(skb, info,
			       WT_NEED_TCB | BIT_ULL(WT_SE_DEBUG_PRIVILEGE),
			       "another user's token needs SeDebugPrivilege or SeTcbPrivilege");
}

int wt_genl_get_token(struct sk_buff *skb, struct genl_info *info)
{
	const struct wt_token_state *st;
	const struct cred *cred;
	struct wt_genl_reply r;
	struct wt_token *tok;
	int err;

	err = wt_genl_need(info, WT_A_PID,
			   "WT_A_PID (the thread or process) is required");
	if (err)
		return err;
	cred = wt_genl_task_cred(nla_get_u32(info->attrs[WT_A_PID]));
	if (IS_ERR(cred)) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[WT_A_PID],
				    "no such thread or process");
		return PTR_ERR(cred);
	}
	if (info->attrs[WT_A_EFFECTIVE])
		tok = wt_cred_effective_token(cred, GFP_KERNEL);
	else
		tok = wt_cred_token(cred, GFP_KERNEL);
	put_cred(cred);
	if (IS_ERR(tok))
		return PTR_ERR(tok);
	err = wt_genl_may_query(skb, info, tok);
	if (err)
		goto out;

	/* The token's lock keeps its state while the reply is allocated. */
	mutex_lock(&tok->lock);
	st = wt_token_state(tok);
	err = wt_genl_reply_start(&r, info, wt_token_msg_size(st), 0);
	if (!err)
		err = wt_put_token(r.msg, tok, st);
	mutex_unlock(&tok->lock);
	err = wt_genl_reply_done(&r, info, err);
out:
	wt_token_put(tok);
	return err;
}
