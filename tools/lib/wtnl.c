// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * wtnl - the "wintok" generic netlink family over libmnl.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "wtnl.h"

struct nlmsghdr *wtnl_msg(struct wtnl *nl, void *buf, uint8_t cmd)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *g;

	nlh->nlmsg_type = nl->family;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = ++nl->seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = WT_GENL_VERSION;
	return nlh;
}

struct nlmsghdr *wtnl_dump_msg(struct wtnl *nl, void *buf, uint8_t cmd)
{
	struct nlmsghdr *nlh = wtnl_msg(nl, buf, cmd);

	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	return nlh;
}

/*
 * The extended ACK message of an NLMSG_ERROR (after struct nlmsgerr) or
 * of an NLMSG_DONE (after its int), if any, into @nl->errmsg.
 */
static void wtnl_ack_msg(struct wtnl *nl, const struct nlmsghdr *nlh)
{
	size_t off = nlh->nlmsg_type == NLMSG_DONE ? sizeof(int) :
		     sizeof(struct nlmsgerr);
	const struct nlattr *a;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	mnl_attr_for_each(a, nlh, off) {
		if (mnl_attr_get_type(a) == NLMSGERR_ATTR_MSG &&
		    mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0) {
			strncpy(nl->errmsg, mnl_attr_get_str(a), sizeof(nl->errmsg) - 1);
			nl->errmsg[sizeof(nl->errmsg) - 1] = '\0';
		}
	}
}

int wtnl_call(struct wtnl *nl, struct nlmsghdr *nlh, wtnl_reply_cb cb,
	      void *data)
{
	uint32_t seq = nlh->nlmsg_seq;

	nl->errmsg[0] = '\0';
	if (mnl_socket_sendto(nl->sock, nlh, nlh->nlmsg_len) < 0)
		return -1;
	for (;;) {
		ssize_t n = mnl_socket_recvfrom(nl->sock, nl->buf, WTNL_BUF_SIZE);
		const struct nlmsghdr *m;
		int len;

		if (n < 0)
			return -1;
		len = n;
		for (m = (const struct nlmsghdr *)nl->buf; mnl_nlmsg_ok(m, len);
		     m = mnl_nlmsg_next(m, &len)) {
			if (m->nlmsg_seq != seq)
				continue;	/* an event or an old answer */
			if (m->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *e = mnl_nlmsg_get_payload(m);

				if (!e->error)
					return 0;
				wtnl_ack_msg(nl, m);
				errno = -e->error;
				return -1;
			}
			if (m->nlmsg_type == NLMSG_DONE) {
				const int *err = mnl_nlmsg_get_payload(m);

				/* A dump that failed says so here. */
				if (mnl_nlmsg_get_payload_len(m) >= sizeof(*err) && *err < 0) {
					wtnl_ack_msg(nl, m);
					errno = -*err;
					return -1;
				}
				return 0;
			}
			if (cb && cb(m, data) != MNL_CB_OK) {
				errno = EPROTO;
				return -1;
			}
		}
	}
}

struct wtnl_family_info {
	struct wtnl *nl;
	int found;
};

static int wtnl_family_cb(const struct nlmsghdr *nlh, void *data)
{
	struct wtnl_family_info *fi = data;
	const struct nlattr *a, *g, *ga;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		switch (mnl_attr_get_type(a)) {
		case CTRL_ATTR_FAMILY_ID:
			fi->nl->family = mnl_attr_get_u16(a);
			fi->found = 1;
			break;
		case CTRL_ATTR_VERSION:
			fi->nl->version = mnl_attr_get_u32(a);
			break;
		case CTRL_ATTR_MCAST_GROUPS:
			mnl_attr_for_each_nested(g, a) {
				uint32_t id = 0;
				const char *name = NULL;

				mnl_attr_for_each_nested(ga, g) {
					if (mnl_attr_get_type(ga) == CTRL_ATTR_MCAST_GRP_ID)
						id = mnl_attr_get_u32(ga);
					else if (mnl_attr_get_type(ga) == CTRL_ATTR_MCAST_GRP_NAME)
						name = mnl_attr_get_str(ga);
				}
				if (name && !strcmp(name, WT_GENL_MCGRP_AUDIT))
					fi->nl->audit_group = id;
			}
			break;
		}
	}
	return MNL_CB_OK;
}

int wtnl_open(struct wtnl *nl)
{
	char req[MNL_SOCKET_BUFFER_SIZE];
	struct wtnl_family_info fi = { .nl = nl };
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;
	int one = 1, sndbuf = WTNL_SNDBUF_SIZE;

	memset(nl, 0, sizeof(*nl));
	nl->buf = malloc(WTNL_BUF_SIZE);
	if (!nl->buf)
		return -1;
	nl->sock = mnl_socket_open(NETLINK_GENERIC);
	if (!nl->sock)
		goto fail;
	/* Extended ACK messages, without the request echoed back. */
	mnl_socket_setsockopt(nl->sock, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl->sock, NETLINK_CAP_ACK, &one, sizeof(one));
	/* Large requests (a full id map); a smaller buffer only limits them. */
	setsockopt(mnl_socket_get_fd(nl->sock), SOL_SOCKET, SO_SNDBUF,
		   &sndbuf, sizeof(sndbuf));
	if (mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0)
		goto fail;
	nl->portid = mnl_socket_get_portid(nl->sock);
	nl->seq = time(NULL);

	nlh = mnl_nlmsg_put_header(req);
	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = ++nl->seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = CTRL_CMD_GETFAMILY;
	g->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, WT_GENL_NAME);
	if (wtnl_call(nl, nlh, wtnl_family_cb, &fi) < 0 || !fi.found) {
		if (!fi.found)
			errno = ENOENT;
		goto fail;
	}
	return 0;
fail:
	{
		int err = errno;

		wtnl_close(nl);
		errno = err;
	}
	return -1;
}

void wtnl_close(struct wtnl *nl)
{
	if (nl->sock)
		mnl_socket_close(nl->sock);
	nl->sock = NULL;
	free(nl->buf);
	nl->buf = NULL;
}

int wtnl_join_audit(struct wtnl *nl)
{
	int grp = nl->audit_group;

	if (!grp) {
		errno = ENOENT;
		return -1;
	}
	return mnl_socket_setsockopt(nl->sock, NETLINK_ADD_MEMBERSHIP, &grp,
				     sizeof(grp));
}

static int wtnl_keep(const struct nlattr *a, const struct nlattr **tb,
		     unsigned int max)
{
	unsigned int type = mnl_attr_get_type(a);

	if (type <= max)
		tb[type] = a;
	return MNL_CB_OK;
}

void wtnl_attrs(const struct nlmsghdr *nlh, const struct nlattr **tb)
{
	const struct nlattr *a;

	memset(tb, 0, (WT_A_MAX + 1) * sizeof(*tb));
	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr))
		wtnl_keep(a, tb, WT_A_MAX);
}

void wtnl_nested(const struct nlattr *nest, const struct nlattr **tb,
		 unsigned int max)
{
	const struct nlattr *a;

	memset(tb, 0, (max + 1) * sizeof(*tb));
	mnl_attr_for_each_nested(a, nest)
		wtnl_keep(a, tb, max);
}

int wtnl_object(const struct nlmsghdr *nlh, unsigned int outer,
		const struct nlattr **tb, unsigned int max,
		const unsigned int *required)
{
	const struct nlattr *top[WT_A_MAX + 1];

	wtnl_attrs(nlh, top);
	if (outer > WT_A_MAX || !top[outer])
		return -1;
	wtnl_nested(top[outer], tb, max);
	for (; *required; required++)
		if (*required > max || !tb[*required])
			return -1;
	return 0;
}

void wtnl_idmap_put(struct nlmsghdr *nlh, struct nlattr **list,
		    const void *sid, uint32_t len, uint32_t kind, uint32_t id)
{
	struct nlattr *nest;

	if (*list && (char *)mnl_nlmsg_get_payload_tail(nlh) - (char *)*list >
		     65535 - 128) {
		mnl_attr_nest_end(nlh, *list);
		*list = NULL;
	}
	if (!*list)
		*list = mnl_attr_nest_start(nlh, WT_A_IDMAP);
	nest = mnl_attr_nest_start(nlh, WT_A_IDMAP_ENTRY);
	mnl_attr_put(nlh, WT_IDMAP_A_SID, len, sid);
	mnl_attr_put_u32(nlh, WT_IDMAP_A_KIND, kind);
	mnl_attr_put_u32(nlh, WT_IDMAP_A_ID, id);
	mnl_attr_nest_end(nlh, nest);
}

void wtnl_idmap_end(struct nlmsghdr *nlh, struct nlattr *list)
{
	if (!list)
		list = mnl_attr_nest_start(nlh, WT_A_IDMAP);
	mnl_attr_nest_end(nlh, list);
}
