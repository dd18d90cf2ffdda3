// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - the generic netlink family "wintok": the SID <-> id map
 * (WT_CMD_GET_IDMAP, WT_CMD_SET_IDMAP).
 *
 * The family, its policy and what every command shares (who asks, the
 * checks a policy cannot express, building a reply) are in netlink.c.
 */
#include <linux/slab.h>
#include <net/genetlink.h>

#include "wintok.h"
#include "token.h"
#include "idmap.h"
#include "genl.h"
#include "netlink_int.h"

/* ---- the SID <-> id map ---- */

/*
 * A list attribute is at most 65535 bytes (nla_len): a reply's list must
 * end before one more entry (at most 92 bytes) could pass that.
 */
#define WT_IDMAP_LIST_BYTES (U16_MAX - 128)

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

/*
 * The reply of WT_CMD_GET_IDMAP without NLM_F_DUMP: one WT_A_IDMAP list,
 * which an attribute's 64 KiB bounds; a larger map answers EMSGSIZE
 * (dump it: wt_genl_dump_idmap()).
 */
int wt_genl_get_idmap(struct sk_buff *skb, struct genl_info *info)
{
	struct wt_idmap_entry *map;
	struct wt_genl_reply r;
	u32 n, i;
	u64 gen;
	int err;

	map = kvcalloc(WT_IDMAP_MAX_ENTRIES, sizeof(*map), GFP_KERNEL);
	if (!map)
		return -ENOMEM;
	n = wt_idmap_copy(map, 0, WT_IDMAP_MAX_ENTRIES, &gen);
	err = wt_genl_reply_start(&r, info, (size_t)n * 96 + NLMSG_GOODSIZE,
				  WT_A_IDMAP);
	for (i = 0; !err && i < n; i++) {
		if (skb_tail_pointer(r.msg) - (u8 *)r.list > WT_IDMAP_LIST_BYTES) {
			NL_SET_ERR_MSG(info->extack,
				       "the map is larger than one reply: dump it (NLM_F_DUMP)");
			err = -EMSGSIZE;
			break;
		}
		err = wt_put_idmap_entry(r.msg, &map[i]);
	}
	kvfree(map);
	return wt_genl_reply_done(&r, info, err);
}

/* Entries copied per part of a dump (a part is one skb, 16 KiB or more). */
#define WT_IDMAP_DUMP_CHUNK 128

/*
 * WT_CMD_GET_IDMAP with NLM_F_DUMP: the map in parts, each one message
 * with one WT_A_IDMAP list. cb->args[0] is the next entry, cb->args[1]
 * the version the dump started from: a map replaced meanwhile ends the
 * dump with EAGAIN (ask again) rather than mix two versions.
 */
int wt_genl_dump_idmap(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct wt_idmap_entry *map;
	struct nlattr *list;
	u32 pos = cb->args[0], n, i;
	void *hdr;
	u64 gen;

	map = kcalloc(WT_IDMAP_DUMP_CHUNK, sizeof(*map), GFP_KERNEL);
	if (!map)
		return -ENOMEM;
	n = wt_idmap_copy(map, pos, WT_IDMAP_DUMP_CHUNK, &gen);
	if (pos && gen != cb->args[1]) {
		kfree(map);
		NL_SET_ERR_MSG(cb->extack, "the id map changed during the dump");
		return -EAGAIN;
	}
	cb->args[1] = gen;
	if (!n) {
		kfree(map);
		return 0;
	}
	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &wt_genl_family, NLM_F_MULTI, WT_CMD_GET_IDMAP);
	list = hdr ? nla_nest_start(skb, WT_A_IDMAP) : NULL;
	if (!list) {
		kfree(map);
		return -EMSGSIZE;
	}
	for (i = 0; i < n; i++) {
		u8 *mark = skb_tail_pointer(skb);

		if (wt_put_idmap_entry(skb, &map[i])) {
			nlmsg_trim(skb, mark);
			break;
		}
	}
	kfree(map);
	if (!i) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, list);
	genlmsg_end(skb, hdr);
	cb->args[0] = pos + i;
	return skb->len;
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

static const struct wt_genl_list wt_idmap_list = {
	.attr = WT_A_IDMAP,
	.required = "WT_A_IDMAP (the entries) is required",
	.item = WT_A_IDMAP_ENTRY,
	.size = sizeof(struct wt_idmap_entry),
	.max = WT_IDMAP_MAX_ENTRIES,
	.mixed = "WT_A_IDMAP holds only WT_A_IDMAP_ENTRY",
	.full = "more than WT_IDMAP_MAX_ENTRIES (4096) entries",
};

/*
 * The map is every entry of every WT_A_IDMAP list of the request, in
 * order (a list holds at most 64 KiB; the policy checked each).
 */
int wt_genl_set_idmap(struct sk_buff *skb, struct genl_info *info)
{
	const struct nlattr *list, *nla;
	struct wt_idmap_entry *map;
	int lrem, rem, err = 0;
	u32 n = 0;

	map = wt_genl_list_begin(skb, info, &wt_idmap_list);
	if (IS_ERR(map))
		return PTR_ERR(map);
	nla_for_each_attr(list, genlmsg_data(info->genlhdr),
			  genlmsg_len(info->genlhdr), lrem) {
		if (nla_type(list) != WT_A_IDMAP)
			continue;
		nla_for_each_nested(nla, list, rem) {
			err = wt_genl_list_item(&wt_idmap_list, nla, n, info->extack);
			if (!err)
				err = wt_genl_parse_idmap(nla, &map[n], info->extack);
			if (err)
				goto out;
			n++;
		}
	}
	err = wt_idmap_replace(map, n);
	if (err == -EINVAL)
		NL_SET_ERR_MSG(info->extack, "a SID or an id is mapped twice");
out:
	kvfree(map);
	return err;
}
