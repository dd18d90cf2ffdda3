// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - the generic netlink family "wintok".
 *
 * System-wide settings and queries that belong to no handle: the
 * privilege policy, the default connect level and statistics
 * (netlink_settings.c), the token of any process (netlink_token.c), the
 * SID <-> id map (netlink_idmap.c), logon sessions (netlink_logon.c), and
 * the multicast group "audit" that audit.c sends events to. This file
 * holds the family and what every command shares.
 *
 * The family uses struct genl_small_ops (present on 6.1 and 6.12; the
 * split ops of 6.2+ are not needed) with one family-wide policy, and
 * resv_start_op set to the first command, so the core validates every
 * command strictly: unknown attributes, wrong lengths and types, values
 * out of range and nonzero reserved header bytes fail with -EINVAL and an
 * extended ACK before a handler runs. Handlers then check what a policy
 * cannot express (required attributes, the contents of lists) with
 * messages of their own.
 *
 * Authorisation is by the caller's token, as for /dev/wintok: changing a
 * setting needs SeTcbPrivilege enabled in the caller's effective token
 * (root's tokens have it, enabled); reading the settings and statistics
 * needs nothing. Doit handlers run in the sender's context under the
 * genetlink mutex (the family is not parallel_ops), so "current" is the
 * caller and the handlers may sleep.
 *
 * Every decision that depends on who asks (a privilege, or "the same
 * user" for a token or a session) is made twice: for the sender and for
 * the credentials the socket was opened with, and both must pass. This is
 * what netlink_capable() does for capabilities: a privileged program that
 * only writes bytes to a netlink socket it inherited (or received) must
 * not lend its privileges to whoever opened the socket, who also reads
 * the replies (the CVE-2014-0181 pattern). See wt_genl_caller().
 */
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "wintok.h"
#include "token.h"
#include "file_sd.h"
#include "audit.h"
#include "genl.h"
#include "netlink_int.h"
#include "wt_privilege.h"

const struct nla_policy wt_rule_policy[WT_RULE_A_MAX + 1] = {
	[WT_RULE_A_KIND] = NLA_POLICY_MAX(NLA_U32, WT_POLICY_GID),
	[WT_RULE_A_ID] = { .type = NLA_U32 },
	[WT_RULE_A_PRIVILEGES] = { .type = NLA_U64 },
};

const struct nla_policy wt_idmap_policy[WT_IDMAP_A_MAX + 1] = {
	[WT_IDMAP_A_SID] = NLA_POLICY_RANGE(NLA_BINARY, WT_SID_HEADER_SIZE,
					    WT_SID_MAX_BYTES),
	[WT_IDMAP_A_KIND] = NLA_POLICY_MAX(NLA_U32, WT_IDMAP_GID),
	[WT_IDMAP_A_ID] = { .type = NLA_U32 },
};

/*
 * What a request may carry. Attributes only the kernel sends (statistics,
 * tokens, events) are left NLA_UNSPEC, which strict validation refuses.
 */
static const struct nla_policy wt_genl_policy[WT_A_MAX + 1] = {
	[WT_A_POLICY] = NLA_POLICY_NESTED_ARRAY(wt_rule_policy),
	[WT_A_LEVEL] = NLA_POLICY_MAX(NLA_U32, WT_SECURITY_DELEGATION),
	[WT_A_PID] = NLA_POLICY_MIN(NLA_U32, 1),
	[WT_A_EFFECTIVE] = { .type = NLA_FLAG },
	[WT_A_IDMAP] = NLA_POLICY_NESTED_ARRAY(wt_idmap_policy),
	[WT_A_LOGON_ID] = { .type = NLA_U64 },
	[WT_A_LOGON_TYPE] = NLA_POLICY_RANGE(NLA_U32, WT_LOGON_INTERACTIVE,
					     WT_LOGON_SERVICE),
	[WT_A_USER_SID] = NLA_POLICY_RANGE(NLA_BINARY, WT_SID_HEADER_SIZE,
					   WT_SID_MAX_BYTES),
};

/* ---- helpers ---- */

/* The operation name of a command that needs a privilege, for audit. */
static const char *wt_genl_cmd_op(u8 cmd)
{
	switch (cmd) {
	case WT_CMD_SET_POLICY:
		return "set_policy";
	case WT_CMD_SET_CONNECT_LEVEL:
		return "set_level";
	case WT_CMD_GET_TOKEN:
		return "get_token";
	case WT_CMD_SET_IDMAP:
		return "set_idmap";
	case WT_CMD_CREATE_SESSION:
		return "create_session";
	default:
		return "netlink";
	}
}

/*
 * The rights of @cred's effective token. A thread that impersonates
 * below Impersonation level cannot use its token for access, here as in
 * the hooks: -WT_EBADIMPLEVEL.
 */
static int wt_genl_who(const struct cred *cred, struct wt_genl_who *who)
{
	const struct wt_token_view *v;
	struct wt_token *tok;
	int level;

	if (cred == current_cred()) {
		tok = wt_effective_token(GFP_KERNEL);
	} else {
		level = wt_cred_imp_level(cred);
		if (level >= 0 && level < WT_SECURITY_IMPERSONATION)
			return -WT_EBADIMPLEVEL;
		tok = wt_cred_effective_token(cred, GFP_KERNEL);
	}
	if (IS_ERR(tok))
		return PTR_ERR(tok);
	rcu_read_lock();
	v = &wt_token_state(tok)->view;
	who->privileges = v->privileges;
	who->user = v->user.sid;
	rcu_read_unlock();
	wt_token_put(tok);
	return 0;
}

/*
 * The credentials @sk was opened with: those of the file that holds the
 * socket, as netlink_capable() uses. Handlers and dump steps run inside
 * sendmsg() or recvmsg() on that socket, whose caller holds a reference
 * on the file, so the file and its f_cred stay valid while we look.
 * NULL (a kernel socket, or one being released) is refused by the caller.
 */
static const struct cred *wt_genl_opener(const struct sock *sk)
{
	const struct socket *sock = sk ? sk->sk_socket : NULL;
	const struct file *file = sock ? sock->file : NULL;

	return file ? file->f_cred : NULL;
}

/**
 * wt_genl_caller() - the rights of a request: its sender and its socket's opener
 * @sk: the socket the request came on (NETLINK_CB(skb).sk)
 * @sender: filled with the sender's rights
 * @opener: filled with the opener's rights
 * @extack: for a message, or NULL
 *
 * Every check then asks both (wt_genl_require(), wt_genl_may_query(),
 * wt_session_visible()). Fails closed: no opener, or no token for
 * either side, refuses the request.
 *
 * Return: 0 or a negative errno.
 */
int wt_genl_caller(const struct sock *sk, struct wt_genl_who *sender,
		   struct wt_genl_who *opener,
		   struct netlink_ext_ack *extack)
{
	const struct cred *cred = wt_genl_opener(sk);
	int err;

	if (!cred) {
		NL_SET_ERR_MSG(extack, "the socket has no opener");
		return -EPERM;
	}
	err = wt_genl_who(current_cred(), sender);
	if (!err)
		err = wt_genl_who(cred, opener);
	if (err)
		NL_SET_ERR_MSG(extack, "cannot get the caller's token");
	return err;
}

/*
 * Do the sender's and the opener's effective tokens both hold one of the
 * privileges in @luids (bits 1ULL << luid), enabled? Return: 0, -EPERM
 * with @msg in the extended ACK, or the error of getting a token. A
 * privilege that admits the sender is audited (the lowest of @luids held
 * by both).
 */
int wt_genl_require(struct sk_buff *skb, struct genl_info *info,
		    u64 luids, const char *msg)
{
	struct wt_genl_who sender, opener;
	u64 held;
	int err;

	err = wt_genl_caller(NETLINK_CB(skb).sk, &sender, &opener,
			     info->extack);
	if (err)
		return err;
	held = sender.privileges & opener.privileges & luids;
	if (held) {
		wt_audit_privilege(wt_genl_cmd_op(info->genlhdr->cmd),
				   __ffs64(held));
		return 0;
	}
	if (info->extack)
		info->extack->_msg = msg;	/* a string literal of the caller */
	return -EPERM;
}

int wt_genl_require_tcb(struct sk_buff *skb, struct genl_info *info)
{
	return wt_genl_require(skb, info, WT_NEED_TCB,
			       "SeTcbPrivilege must be enabled in the tokens of the sender and of the socket's opener");
}

/*
 * Point the extended ACK at @attr with @msg, a string literal of the
 * caller (NL_SET_ERR_MSG_ATTR() wants the literal itself).
 */
void wt_genl_err(struct netlink_ext_ack *extack,
		 const struct nlattr *attr, const char *msg)
{
	if (!extack)
		return;
	extack->_msg = msg;
	extack->bad_attr = attr;
}

/* Is @attr in the request? Else -EINVAL with @msg in the extended ACK. */
int wt_genl_need(struct genl_info *info, int attr, const char *msg)
{
	if (!GENL_REQ_ATTR_CHECK(info, attr))
		return 0;
	wt_genl_err(info->extack, NULL, msg);
	return -EINVAL;
}

/**
 * wt_genl_list_begin() - start reading the list a setting command carries
 * @skb: the request
 * @info: its info
 * @l: the list
 *
 * The command replaces a setting, so the sender and the socket's opener
 * need SeTcbPrivilege, and the list is required.
 *
 * Return: zeroed room for @l->max items, for kvfree(), or an ERR_PTR().
 */
void *wt_genl_list_begin(struct sk_buff *skb, struct genl_info *info,
			 const struct wt_genl_list *l)
{
	void *items;
	int err;

	err = wt_genl_require_tcb(skb, info);
	if (!err)
		err = wt_genl_need(info, l->attr, l->required);
	if (err)
		return ERR_PTR(err);
	items = kvcalloc(l->max, l->size, GFP_KERNEL);
	return items ?: ERR_PTR(-ENOMEM);
}

/*
 * May @nla be item number @n (from 0) of a list as @l says? The policy
 * checks each item's contents but not the list's shape.
 */
int wt_genl_list_item(const struct wt_genl_list *l,
		      const struct nlattr *nla, u32 n,
		      struct netlink_ext_ack *extack)
{
	if (nla_type(nla) != l->item) {
		wt_genl_err(extack, nla, l->mixed);
		return -EINVAL;
	}
	if (n == l->max) {
		wt_genl_err(extack, nla, l->full);
		return -E2BIG;
	}
	return 0;
}

/* A binary SID attribute, whole and valid, into @sid (zero-padded). */
int wt_genl_sid(const struct nlattr *nla, struct wt_sid *sid,
		struct netlink_ext_ack *extack)
{
	size_t size;

	memset(sid, 0, sizeof(*sid));
	if (wt_sid_validate(nla_data(nla), nla_len(nla), &size) ||
	    size != nla_len(nla)) {
		wt_genl_err(extack, nla, "not a valid binary SID");
		return -EINVAL;
	}
	memcpy(sid, nla_data(nla), size);
	return 0;
}

/*
 * Start a reply of @size bytes to @info's command, with the list
 * attribute @list_attr open when it is not 0. Whatever it returns, the
 * caller ends with wt_genl_reply_done().
 */
int wt_genl_reply_start(struct wt_genl_reply *r, struct genl_info *info,
			size_t size, int list_attr)
{
	r->list = NULL;
	r->hdr = NULL;
	r->msg = genlmsg_new(size, GFP_KERNEL);
	if (!r->msg)
		return -ENOMEM;
	r->hdr = genlmsg_put_reply(r->msg, info, &wt_genl_family, 0,
				   info->genlhdr->cmd);
	if (!r->hdr) {
		nlmsg_free(r->msg);
		r->msg = NULL;
		return -ENOMEM;
	}
	if (!list_attr)
		return 0;
	r->list = nla_nest_start(r->msg, list_attr);
	return r->list ? 0 : -EMSGSIZE;
}

/* Send the reply when @err is 0, else drop it; returns the outcome. */
int wt_genl_reply_done(struct wt_genl_reply *r, struct genl_info *info,
		       int err)
{
	if (!r->msg)
		return err;
	if (err) {
		nlmsg_free(r->msg);
		return err;
	}
	if (r->list)
		nla_nest_end(r->msg, r->list);
	genlmsg_end(r->msg, r->hdr);
	return genlmsg_reply(r->msg, info);
}

int wt_put_sid(struct sk_buff *skb, int attr, const struct wt_sid *sid)
{
	return nla_put(skb, attr, wt_sid_size(sid), sid);
}

/* ---- the family ---- */

static const struct genl_small_ops wt_genl_ops[] = {
	{ .cmd = WT_CMD_GET_POLICY, .doit = wt_genl_get_policy },
	{ .cmd = WT_CMD_SET_POLICY, .doit = wt_genl_set_policy },
	{ .cmd = WT_CMD_GET_CONNECT_LEVEL, .doit = wt_genl_get_level },
	{ .cmd = WT_CMD_SET_CONNECT_LEVEL, .doit = wt_genl_set_level },
	{ .cmd = WT_CMD_GET_STATS, .doit = wt_genl_get_stats },
	{ .cmd = WT_CMD_GET_TOKEN, .doit = wt_genl_get_token },
	{ .cmd = WT_CMD_GET_IDMAP, .doit = wt_genl_get_idmap,
	  .dumpit = wt_genl_dump_idmap },
	{ .cmd = WT_CMD_SET_IDMAP, .doit = wt_genl_set_idmap },
	{ .cmd = WT_CMD_GET_SESSION, .doit = wt_genl_get_session },
	{ .cmd = WT_CMD_LIST_SESSIONS, .dumpit = wt_genl_list_sessions },
	{ .cmd = WT_CMD_CREATE_SESSION, .doit = wt_genl_create_session },
};

#ifdef WT_HAVE_GENL_MCAST_CAP
/* Joining "audit" needs CAP_SYS_ADMIN: events name other users' files. */
static const struct genl_multicast_group wt_genl_mcgrps[] = {
	{ .name = WT_GENL_MCGRP_AUDIT, .flags = GENL_MCAST_CAP_SYS_ADMIN },
};
#endif

struct genl_family wt_genl_family __ro_after_init = {
	.name = WT_GENL_NAME,
	.version = WT_GENL_VERSION,
	.maxattr = WT_A_MAX,
	.policy = wt_genl_policy,
	.netnsok = false,
	.module = THIS_MODULE,
	.small_ops = wt_genl_ops,
	.n_small_ops = ARRAY_SIZE(wt_genl_ops),
	.resv_start_op = WT_CMD_GET_POLICY,
#ifdef WT_HAVE_GENL_MCAST_CAP
	.mcgrps = wt_genl_mcgrps,
	.n_mcgrps = ARRAY_SIZE(wt_genl_mcgrps),
#endif
};

/**
 * wt_genl_init() - register the family
 *
 * Return: 0 or a negative errno.
 */
int wt_genl_init(void)
{
	int err = genl_register_family(&wt_genl_family);

	if (err)
		return err;
	/* The audit trail sits below this folder: hand it the family. */
	wt_audit_attach(&wt_genl_family);
	return 0;
}

/**
 * wt_genl_exit() - unregister the family
 *
 * After it returns no handler runs and no event is sent.
 */
void wt_genl_exit(void)
{
	wt_audit_detach();
	genl_unregister_family(&wt_genl_family);
}
