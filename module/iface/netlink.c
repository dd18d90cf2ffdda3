// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - the generic netlink family "wintok".
 *
 * System-wide settings and queries that belong to no handle: the
 * privilege policy, the SID <-> id map, the default connect level,
 * statistics, the token of any process, and the multicast group "audit"
 * that audit.c sends events to.
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
#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "wintok.h"
#include "token.h"
#include "file_sd.h"
#include "hook.h"
#include "impersonate.h"
#include "token_ops.h"
#include "audit.h"
#include "idmap.h"
#include "logon.h"
#include "genl.h"
#include "wt_privilege.h"

#define WT_PRIVS_VALID \
	GENMASK_ULL(WT_SE_MAX_PRIVILEGE, WT_SE_MIN_PRIVILEGE)

static const struct nla_policy wt_rule_policy[WT_RULE_A_MAX + 1] = {
	[WT_RULE_A_KIND] = NLA_POLICY_MAX(NLA_U32, WT_POLICY_GID),
	[WT_RULE_A_ID] = { .type = NLA_U32 },
	[WT_RULE_A_PRIVILEGES] = { .type = NLA_U64 },
};

static const struct nla_policy wt_idmap_policy[WT_IDMAP_A_MAX + 1] = {
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

/* Serialises audit sends against unregistration (wt_genl_exit()). */
static DEFINE_MUTEX(wt_genl_send_lock);
static bool wt_genl_live;

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

/**
 * struct wt_genl_who - the rights of one side of a request
 * @privileges: LUID bits of the privileges enabled in its effective token
 * @user: the user SID of that token
 */
struct wt_genl_who {
	u64 privileges;
	struct wt_sid user;
};

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
static int wt_genl_caller(const struct sock *sk, struct wt_genl_who *sender,
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
static int wt_genl_require(struct sk_buff *skb, struct genl_info *info,
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

#define WT_NEED_TCB BIT_ULL(WT_SE_TCB_PRIVILEGE)

static int wt_genl_require_tcb(struct sk_buff *skb, struct genl_info *info)
{
	return wt_genl_require(skb, info, WT_NEED_TCB,
			       "SeTcbPrivilege must be enabled in the tokens of the sender and of the socket's opener");
}

/*
 * Point the extended ACK at @attr with @msg, a string literal of the
 * caller (NL_SET_ERR_MSG_ATTR() wants the literal itself).
 */
static void wt_genl_err(struct netlink_ext_ack *extack,
			const struct nlattr *attr, const char *msg)
{
	if (!extack)
		return;
	extack->_msg = msg;
	extack->bad_attr = attr;
}

/* Is @attr in the request? Else -EINVAL with @msg in the extended ACK. */
static int wt_genl_need(struct genl_info *info, int attr, const char *msg)
{
	if (!GENL_REQ_ATTR_CHECK(info, attr))
		return 0;
	wt_genl_err(info->extack, NULL, msg);
	return -EINVAL;
}

/**
 * struct wt_genl_list - what a list attribute of a request may hold
 * @item: the one attribute type of its items
 * @max: how many items at the most
 * @mixed: the message for an item of another type
 * @full: the message for one item too many
 */
struct wt_genl_list {
	int item;
	u32 max;
	const char *mixed;
	const char *full;
};

/*
 * May @nla be item number @n (from 0) of a list as @l says? The policy
 * checks each item's contents but not the list's shape.
 */
static int wt_genl_list_item(const struct wt_genl_list *l,
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
static int wt_genl_sid(const struct nlattr *nla, struct wt_sid *sid,
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

/**
 * struct wt_genl_reply - a reply being built
 * @msg: the message, NULL when it could not be had
 * @hdr: its generic netlink header
 * @list: the list attribute open in it, or NULL
 */
struct wt_genl_reply {
	struct sk_buff *msg;
	void *hdr;
	struct nlattr *list;
};

/*
 * Start a reply of @size bytes to @info's command, with the list
 * attribute @list_attr open when it is not 0. Whatever it returns, the
 * caller ends with wt_genl_reply_done().
 */
static int wt_genl_reply_start(struct wt_genl_reply *r, struct genl_info *info,
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
static int wt_genl_reply_done(struct wt_genl_reply *r, struct genl_info *info,
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

static int wt_put_sid(struct sk_buff *skb, int attr, const struct wt_sid *sid)
{
	return nla_put(skb, attr, wt_sid_size(sid), sid);
}

/* ---- the privilege policy ---- */

static int wt_put_rule(struct sk_buff *msg, const struct wt_policy_rule *r)
{
	struct nlattr *nest = nla_nest_start(msg, WT_A_POLICY_RULE);

	if (!nest ||
	    nla_put_u32(msg, WT_RULE_A_KIND, r->kind) ||
	    nla_put_u32(msg, WT_RULE_A_ID, r->id) ||
	    nla_put_u64_64bit(msg, WT_RULE_A_PRIVILEGES, r->privs,
			      WT_RULE_A_PAD))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

static int wt_genl_get_policy(struct sk_buff *skb, struct genl_info *info)
{
	struct wt_policy_rule *rules;
	struct wt_genl_reply r;
	u32 n, i;
	int err;

	rules = kcalloc(WT_POLICY_MAX_RULES, sizeof(*rules), GFP_KERNEL);
	if (!rules)
		return -ENOMEM;
	n = wt_policy_get_rules(rules, WT_POLICY_MAX_RULES);
	err = wt_genl_reply_start(&r, info, NLMSG_GOODSIZE, WT_A_POLICY);
	for (i = 0; !err && i < n; i++)
		err = wt_put_rule(r.msg, &rules[i]);
	kfree(rules);
	return wt_genl_reply_done(&r, info, err);
}

/* Parse and check one rule; the policy already checked the types. */
static int wt_genl_parse_rule(const struct nlattr *nla, struct wt_policy_rule *r,
			      struct netlink_ext_ack *extack)
{
	struct nlattr *tb[WT_RULE_A_MAX + 1];
	int err;

	err = nla_parse_nested(tb, WT_RULE_A_MAX, nla, wt_rule_policy, extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(extack, nla, tb, WT_RULE_A_KIND) ||
	    NL_REQ_ATTR_CHECK(extack, nla, tb, WT_RULE_A_ID) ||
	    NL_REQ_ATTR_CHECK(extack, nla, tb, WT_RULE_A_PRIVILEGES)) {
		NL_SET_ERR_MSG(extack, "a rule needs a kind, an id and privileges");
		return -EINVAL;
	}
	r->kind = nla_get_u32(tb[WT_RULE_A_KIND]);
	r->id = nla_get_u32(tb[WT_RULE_A_ID]);
	r->privs = nla_get_u64(tb[WT_RULE_A_PRIVILEGES]);
	if (r->id == U32_MAX) {
		NL_SET_ERR_MSG_ATTR(extack, tb[WT_RULE_A_ID],
				    "id 4294967295 is not a valid uid or gid");
		return -EINVAL;
	}
	if (!r->privs || (r->privs & ~WT_PRIVS_VALID)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[WT_RULE_A_PRIVILEGES],
				    "privileges must be a nonzero set of known privilege LUIDs");
		return -EINVAL;
	}
	return 0;
}

static const struct wt_genl_list wt_rule_list = {
	.item = WT_A_POLICY_RULE,
	.max = WT_POLICY_MAX_RULES,
	.mixed = "WT_A_POLICY holds only WT_A_POLICY_RULE",
	.full = "more than 64 rules",
};

static int wt_genl_set_policy(struct sk_buff *skb, struct genl_info *info)
{
	struct wt_policy_rule *rules;
	const struct nlattr *nla;
	u32 n = 0;
	int rem, err;

	err = wt_genl_require_tcb(skb, info);
	if (!err)
		err = wt_genl_need(info, WT_A_POLICY,
				   "WT_A_POLICY (the rules) is required");
	if (err)
		return err;
	rules = kcalloc(WT_POLICY_MAX_RULES, sizeof(*rules), GFP_KERNEL);
	if (!rules)
		return -ENOMEM;
	nla_for_each_nested(nla, info->attrs[WT_A_POLICY], rem) {
		err = wt_genl_list_item(&wt_rule_list, nla, n, info->extack);
		if (!err)
			err = wt_genl_parse_rule(nla, &rules[n], info->extack);
		if (err)
			goto out;
		n++;
	}
	err = wt_policy_set_rules(rules, n);
out:
	kfree(rules);
	return err;
}

/* ---- the default connect level ---- */

static int wt_genl_get_level(struct sk_buff *skb, struct genl_info *info)
{
	struct wt_genl_reply r;
	int err;

	err = wt_genl_reply_start(&r, info, NLMSG_GOODSIZE, 0);
	if (!err && nla_put_u32(r.msg, WT_A_LEVEL, wt_connect_default_level()))
		err = -EMSGSIZE;
	return wt_genl_reply_done(&r, info, err);
}

static int wt_genl_set_level(struct sk_buff *skb, struct genl_info *info)
{
	int err = wt_genl_require_tcb(skb, info);

	if (!err)
		err = wt_genl_need(info, WT_A_LEVEL,
				   "WT_A_LEVEL (0 to 3) is required");
	if (err)
		return err;
	wt_connect_set_default_level(nla_get_u32(info->attrs[WT_A_LEVEL]));
	return 0;
}

/* ---- statistics ---- */

static int wt_put_stats(struct sk_buff *msg)
{
	u64 checks, denied, errors, sent, dropped;

	wt_hook_stats(&checks, &denied, &errors);
	wt_audit_stats(&sent, &dropped);
	errors += wt_file_errors() + wt_cred_failures();
	if (nla_put_u64_64bit(msg, WT_A_STAT_CHECKS, checks, WT_A_PAD) ||
	    nla_put_u64_64bit(msg, WT_A_STAT_DENIALS, denied, WT_A_PAD) ||
	    nla_put_u64_64bit(msg, WT_A_STAT_IMPERSONATIONS,
			      wt_imp_count(WT_IMP_STARTED), WT_A_PAD) ||
	    nla_put_u64_64bit(msg, WT_A_STAT_IMP_CAPPED,
			      wt_imp_count(WT_IMP_CAPPED), WT_A_PAD) ||
	    nla_put_u64_64bit(msg, WT_A_STAT_IMP_REVERTS,
			      wt_imp_count(WT_IMP_REVERTED), WT_A_PAD) ||
	    nla_put_u64_64bit(msg, WT_A_STAT_IMP_LEVEL_DENIALS,
			      wt_imp_count(WT_IMP_LEVEL_DENIED), WT_A_PAD) ||
	    nla_put_u64_64bit(msg, WT_A_STAT_INTERNAL_ERRORS, errors, WT_A_PAD) ||
	    nla_put_u64_64bit(msg, WT_A_STAT_AUDIT_EVENTS, sent, WT_A_PAD) ||
	    nla_put_u64_64bit(msg, WT_A_STAT_AUDIT_DROPPED, dropped, WT_A_PAD) ||
	    nla_put_u64_64bit(msg, WT_A_STAT_LIVE_TOKENS, wt_tokens_live(),
			      WT_A_PAD) ||
	    nla_put_u64_64bit(msg, WT_A_STAT_LIVE_SESSIONS,
			      wt_logon_sessions_live(), WT_A_PAD))
		return -EMSGSIZE;
	return 0;
}

static int wt_genl_get_stats(struct sk_buff *skb, struct genl_info *info)
{
	struct wt_genl_reply r;
	int err;

	err = wt_genl_reply_start(&r, info, NLMSG_GOODSIZE, 0);
	if (!err)
		err = wt_put_stats(r.msg);
	return wt_genl_reply_done(&r, info, err);
}

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

static int wt_genl_get_token(struct sk_buff *skb, struct genl_info *info)
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

/* ---- the SID <-> id map ---- */

static int wt_put_idmap_entry(struct sk_buff *msg,
			      const struct wt_idmap_entry *e)
{
	struct nlattr *nest = nla_nest_start(msg, WT_A_IDMAP_ENTRY);

	if (!nest || wt_put_sid(msg, WT_IDMAP_A_SID, &e->sid) ||
	    nla_put_u32(msg, WT_IDMAP_A_KIND, e->kind) ||
	    nla_put_u32(msg, WT_IDMAP_A_ID, e->id))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

static int wt_genl_get_idmap(struct sk_buff *skb, struct genl_info *info)
{
	struct wt_idmap_entry *map;
	struct wt_genl_reply r;
	u32 n, i;
	int err;

	map = kcalloc(WT_IDMAP_MAX_ENTRIES, sizeof(*map), GFP_KERNEL);
	if (!map)
		return -ENOMEM;
	n = wt_idmap_copy(map, WT_IDMAP_MAX_ENTRIES);
	err = wt_genl_reply_start(&r, info, (size_t)n * 96 + NLMSG_GOODSIZE,
				  WT_A_IDMAP);
	for (i = 0; !err && i < n; i++)
		err = wt_put_idmap_entry(r.msg, &map[i]);
	kfree(map);
	return wt_genl_reply_done(&r, info, err);
}

static int wt_genl_parse_idmap(const struct nlattr *nla, struct wt_idmap_entry *e,
			       struct netlink_ext_ack *extack)
{
	struct nlattr *tb[WT_IDMAP_A_MAX + 1];
	int err;

	err = nla_parse_nested(tb, WT_IDMAP_A_MAX, nla, wt_idmap_policy, extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(extack, nla, tb, WT_IDMAP_A_SID) ||
	    NL_REQ_ATTR_CHECK(extack, nla, tb, WT_IDMAP_A_KIND) ||
	    NL_REQ_ATTR_CHECK(extack, nla, tb, WT_IDMAP_A_ID)) {
		NL_SET_ERR_MSG(extack, "an id map entry needs a SID, a kind and an id");
		return -EINVAL;
	}
	err = wt_genl_sid(tb[WT_IDMAP_A_SID], &e->sid, extack);
	if (err)
		return err;
	if (wt_sid_authority(&e->sid) == 22) {
		NL_SET_ERR_MSG_ATTR(extack, tb[WT_IDMAP_A_SID],
				    "S-1-22 SIDs map by number and cannot be mapped");
		return -EINVAL;
	}
	e->kind = nla_get_u32(tb[WT_IDMAP_A_KIND]);
	e->id = nla_get_u32(tb[WT_IDMAP_A_ID]);
	if (e->id == U32_MAX) {
		NL_SET_ERR_MSG_ATTR(extack, tb[WT_IDMAP_A_ID],
				    "id 4294967295 is not a valid uid or gid");
		return -EINVAL;
	}
	return 0;
}

/* Is @e's SID or id already in the first @n entries, for the same kind? */
static bool wt_idmap_duplicate(const struct wt_idmap_entry *map, u32 n,
			       const struct wt_idmap_entry *e)
{
	u32 i;

	for (i = 0; i < n; i++)
		if (map[i].kind == e->kind &&
		    (map[i].id == e->id || wt_sid_equal(&map[i].sid, &e->sid)))
			return true;
	return false;
}

static const struct wt_genl_list wt_idmap_list = {
	.item = WT_A_IDMAP_ENTRY,
	.max = WT_IDMAP_MAX_ENTRIES,
	.mixed = "WT_A_IDMAP holds only WT_A_IDMAP_ENTRY",
	.full = "more than 256 entries",
};

static int wt_genl_set_idmap(struct sk_buff *skb, struct genl_info *info)
{
	struct wt_idmap_entry *map;
	const struct nlattr *nla;
	u32 n = 0;
	int rem, err;

	err = wt_genl_require_tcb(skb, info);
	if (!err)
		err = wt_genl_need(info, WT_A_IDMAP,
				   "WT_A_IDMAP (the entries) is required");
	if (err)
		return err;
	map = kcalloc(WT_IDMAP_MAX_ENTRIES, sizeof(*map), GFP_KERNEL);
	if (!map)
		return -ENOMEM;
	nla_for_each_nested(nla, info->attrs[WT_A_IDMAP], rem) {
		err = wt_genl_list_item(&wt_idmap_list, nla, n, info->extack);
		if (!err)
			err = wt_genl_parse_idmap(nla, &map[n], info->extack);
		if (err)
			goto out;
		err = -EINVAL;
		if (wt_idmap_duplicate(map, n, &map[n])) {
			NL_SET_ERR_MSG_ATTR(info->extack, nla,
					    "a SID or an id is mapped twice");
			goto out;
		}
		n++;
	}
	err = wt_idmap_replace(map, n);
out:
	kfree(map);
	return err;
}

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

static int wt_genl_get_session(struct sk_buff *skb, struct genl_info *info)
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
static int wt_genl_list_sessions(struct sk_buff *skb, struct netlink_callback *cb)
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
static int wt_genl_create_session(struct sk_buff *skb, struct genl_info *info)
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

/* ---- the family ---- */

static const struct genl_small_ops wt_genl_ops[] = {
	{ .cmd = WT_CMD_GET_POLICY, .doit = wt_genl_get_policy },
	{ .cmd = WT_CMD_SET_POLICY, .doit = wt_genl_set_policy },
	{ .cmd = WT_CMD_GET_CONNECT_LEVEL, .doit = wt_genl_get_level },
	{ .cmd = WT_CMD_SET_CONNECT_LEVEL, .doit = wt_genl_set_level },
	{ .cmd = WT_CMD_GET_STATS, .doit = wt_genl_get_stats },
	{ .cmd = WT_CMD_GET_TOKEN, .doit = wt_genl_get_token },
	{ .cmd = WT_CMD_GET_IDMAP, .doit = wt_genl_get_idmap },
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
 * wt_genl_audit_listeners() - is anyone in the group "audit"?
 *
 * Return: true when an event would reach someone.
 */
bool wt_genl_audit_listeners(void)
{
#ifdef WT_HAVE_GENL_MCAST_CAP
	return READ_ONCE(wt_genl_live) &&
	       genl_has_listeners(&wt_genl_family, &init_net, 0);
#else
	return false;	/* no group offered: see features.mk */
#endif
}

/**
 * wt_genl_audit_send() - send an event to the group "audit"
 * @skb: the message (consumed)
 *
 * Context: process context (the audit worker).
 */
void wt_genl_audit_send(struct sk_buff *skb)
{
	mutex_lock(&wt_genl_send_lock);
	if (wt_genl_live)
		genlmsg_multicast(&wt_genl_family, skb, 0, 0, GFP_KERNEL);
	else
		nlmsg_free(skb);
	mutex_unlock(&wt_genl_send_lock);
}

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
	mutex_lock(&wt_genl_send_lock);
	wt_genl_live = true;
	mutex_unlock(&wt_genl_send_lock);
	return 0;
}

/**
 * wt_genl_exit() - unregister the family
 *
 * After it returns no handler runs and no event is sent.
 */
void wt_genl_exit(void)
{
	mutex_lock(&wt_genl_send_lock);
	wt_genl_live = false;
	mutex_unlock(&wt_genl_send_lock);
	genl_unregister_family(&wt_genl_family);
}
