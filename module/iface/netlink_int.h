/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok - what the parts of the generic netlink family share: the
 * checks of who asks, of what a policy cannot express, and the building
 * of a reply (netlink.c), and each part's command handlers
 * (netlink_settings.c, netlink_token.c, netlink_idmap.c, netlink_logon.c).
 */
#ifndef WT_NETLINK_INT_H
#define WT_NETLINK_INT_H

#include <net/genetlink.h>

#include "wt_sid.h"

/**
 * struct wt_genl_who - the rights of one side of a request
 * @privileges: LUID bits of the privileges enabled in its effective token
 * @user: the user SID of that token
 */
struct wt_genl_who {
	u64 privileges;
	struct wt_sid user;
};

/**
 * struct wt_genl_list - a list attribute that replaces a setting
 * @attr: the list's attribute type
 * @required: the message for a request without it
 * @item: the one attribute type of its items
 * @size: the size of an item once parsed
 * @max: how many items at the most
 * @mixed: the message for an item of another type
 * @full: the message for one item too many
 */
struct wt_genl_list {
	int attr;
	const char *required;
	int item;
	size_t size;
	u32 max;
	const char *mixed;
	const char *full;
};

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

#define WT_NEED_TCB BIT_ULL(WT_SE_TCB_PRIVILEGE)

extern const struct nla_policy wt_rule_policy[WT_RULE_A_MAX + 1];
extern const struct nla_policy wt_idmap_policy[WT_IDMAP_A_MAX + 1];

/* netlink.c */
int wt_genl_caller(const struct sock *sk, struct wt_genl_who *sender,
		   struct wt_genl_who *opener, struct netlink_ext_ack *extack);
int wt_genl_require(struct sk_buff *skb, struct genl_info *info, u64 luids,
		    const char *msg);
int wt_genl_require_tcb(struct sk_buff *skb, struct genl_info *info);
void wt_genl_err(struct netlink_ext_ack *extack, const struct nlattr *attr,
		 const char *msg);
int wt_genl_need(struct genl_info *info, int attr, const char *msg);
void *wt_genl_list_begin(struct sk_buff *skb, struct genl_info *info,
			 const struct wt_genl_list *l);
int wt_genl_list_item(const struct wt_genl_list *l, const struct nlattr *nla,
		      u32 n, struct netlink_ext_ack *extack);
int wt_genl_sid(const struct nlattr *nla, struct wt_sid *sid,
		struct netlink_ext_ack *extack);
int wt_genl_reply_start(struct wt_genl_reply *r, struct genl_info *info,
			size_t size, int list_attr);
int wt_genl_reply_done(struct wt_genl_reply *r, struct genl_info *info,
		       int err);
int wt_put_sid(struct sk_buff *skb, int attr, const struct wt_sid *sid);

/* netlink_settings.c */
int wt_genl_get_policy(struct sk_buff *skb, struct genl_info *info);
int wt_genl_set_policy(struct sk_buff *skb, struct genl_info *info);
int wt_genl_get_level(struct sk_buff *skb, struct genl_info *info);
int wt_genl_set_level(struct sk_buff *skb, struct genl_info *info);
int wt_genl_get_stats(struct sk_buff *skb, struct genl_info *info);

/* netlink_token.c */
int wt_genl_get_token(struct sk_buff *skb, struct genl_info *info);

/* netlink_idmap.c */
int wt_genl_get_idmap(struct sk_buff *skb, struct genl_info *info);
int wt_genl_dump_idmap(struct sk_buff *skb, struct netlink_callback *cb);
int wt_genl_set_idmap(struct sk_buff *skb, struct genl_info *info);

/* netlink_logon.c */
int wt_genl_get_session(struct sk_buff *skb, struct genl_info *info);
int wt_genl_list_sessions(struct sk_buff *skb, struct netlink_callback *cb);
int wt_genl_create_session(struct sk_buff *skb, struct genl_info *info);

#endif /* WT_NETLINK_INT_H */
