// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - the generic netlink family "wintok": the system-wide settings
 * (the privilege policy, the default connect level) and the statistics.
 *
 * The family, its policy and what every command shares (who asks, the
 * checks a policy cannot express, building a reply) are in netlink.c.
 */
#include <linux/slab.h>
#include <net/genetlink.h>

#include "wintok.h"
#include "token.h"
#include "file_sd.h"
#include "hook.h"
#include "impersonate.h"
#include "token_ops.h"
#include "audit.h"
#include "logon.h"
#include "genl.h"
#include "netlink_int.h"
#include "wt_privilege.h"

#define WT_PRIVS_VALID \
	GENMASK_ULL(WT_SE_MAX_PRIVILEGE, WT_SE_MIN_PRIVILEGE)

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

int wt_genl_get_policy(struct sk_buff *skb, struct genl_info *info)
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
	.attr = WT_A_POLICY,
	.required = "WT_A_POLICY (the rules) is required",
	.item = WT_A_POLICY_RULE,
	.size = sizeof(struct wt_policy_rule),
	.max = WT_POLICY_MAX_RULES,
	.mixed = "WT_A_POLICY holds only WT_A_POLICY_RULE",
	.full = "more than 64 rules",
};

int wt_genl_set_policy(struct sk_buff *skb, struct genl_info *info)
{
	struct wt_policy_rule *rules;
	const struct nlattr *nla;
	u32 n = 0;
	int rem, err;

	rules = wt_genl_list_begin(skb, info, &wt_rule_list);
	if (IS_ERR(rules))
		return PTR_ERR(rules);
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
	kvfree(rules);
	return err;
}

/* ---- the default connect level ---- */

int wt_genl_get_level(struct sk_buff *skb, struct genl_info *info)
{
	struct wt_genl_reply r;
	int err;

	err = wt_genl_reply_start(&r, info, NLMSG_GOODSIZE, 0);
	if (!err && nla_put_u32(r.msg, WT_A_LEVEL, wt_connect_default_level()))
		err = -EMSGSIZE;
	return wt_genl_reply_done(&r, info, err);
}

int wt_genl_set_level(struct sk_buff *skb, struct genl_info *info)
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

int wt_genl_get_stats(struct sk_buff *skb, struct genl_info *info)
{
	struct wt_genl_reply r;
	int err;

	err = wt_genl_reply_start(&r, info, NLMSG_GOODSIZE, 0);
	if (!err)
		err = wt_put_stats(r.msg);
	return wt_genl_reply_done(&r, info, err);
}
