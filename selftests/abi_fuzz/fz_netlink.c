// SPDX-License-Identifier: GPL-2.0
/*
 * abi_fuzz: the "wintok" generic netlink family (see fz.h).
 */
#include "fz.h"

/* ---- generic netlink ---- */

struct nlb {
	uint8_t *b;
	size_t len, cap;
};

static size_t nla_put(struct nlb *m, uint16_t type, const void *p, size_t plen)
{
	size_t at = m->len, need = NLA_ALIGN(NLA_HDRLEN + plen);
	struct nlattr *a = (void *)(m->b + at);

	if (plen > 65000 || at + need > m->cap)
		return at;
	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + plen;
	if (p)
		memcpy(m->b + at + NLA_HDRLEN, p, plen);
	else
		memset(m->b + at + NLA_HDRLEN, 0, plen);
	memset(m->b + at + NLA_HDRLEN + plen, 0, need - NLA_HDRLEN - plen);
	m->len += need;
	return at;
}

static void nla_end(struct nlb *m, size_t at)
{
	((struct nlattr *)(m->b + at))->nla_len = m->len - at;
}

/* An attribute of @type holding a u32, mutated at times. */
static void put_u32(struct fz *t, struct nlb *m, uint16_t type, uint32_t v)
{
	uint64_t v64 = v;
	uint8_t junk[16];

	switch (below(t, 30)) {
	case 0:
		return;				/* missing */
	case 1:
		nla_put(m, type, &v, 4);	/* twice */
		break;
	case 2:
		nla_put(m, type, &v64, 8);	/* u64 */
		return;
	case 3:
		nla_put(m, type, &v, below(t, 4));	/* short */
		return;
	case 4:
		memset(junk, 0xee, sizeof(junk));
		nla_put(m, type | NLA_F_NESTED, junk, 4 * below(t, 4));
		return;
	case 5:
		v = fz_u32(t);
		break;
	}
	nla_put(m, type, &v, 4);
}

static void put_u64(struct fz *t, struct nlb *m, uint16_t type, uint64_t v)
{
	uint32_t v32 = v;

	switch (below(t, 25)) {
	case 0:
		return;
	case 1:
		nla_put(m, type, &v32, 4);
		return;
	case 2:
		nla_put(m, type, &v, 8);
		break;
	case 3:
		v = rnd(t);
		break;
	}
	nla_put(m, type, &v, 8);
}

static void put_sid(struct fz *t, struct nlb *m, uint16_t type)
{
	uint8_t sid[128];
	size_t n = fz_sid(t, sid);

	switch (below(t, 25)) {
	case 0:
		return;
	case 1:
		n = below(t, 8);
		break;
	case 2:
		memset(sid + n, 0, sizeof(sid) - n);
		n = 69 + below(t, 59);
		break;
	case 3:
		nla_put(m, type, sid, n);
		break;
	}
	nla_put(m, type, sid, n);
}

static void nl_body(struct fz *t, struct nlb *m, int cmd)
{
	size_t list, e;
	int i, n;

	switch (cmd) {
	case WT_CMD_SET_POLICY:
		if (chance(t, 5))
			break;
		list = nla_put(m, WT_A_POLICY | (chance(t, 95) ? NLA_F_NESTED : 0),
			       NULL, 0);
		n = chance(t, 3) ? WT_POLICY_MAX_RULES + 1 : below(t, 4);
		for (i = 0; i < n; i++) {
			e = nla_put(m, chance(t, 95) ? WT_A_POLICY_RULE :
				    below(t, 8), NULL, 0);
			put_u32(t, m, WT_RULE_A_KIND, below(t, 2));
			put_u32(t, m, WT_RULE_A_ID, chance(t, 50) ?
				WT_UID_BOB : 5000 + below(t, 10));
			/* Harmless privileges mostly: the workers run on. */
			put_u64(t, m, WT_RULE_A_PRIVILEGES,
				chance(t, 90) ? 1ULL << WT_SE_TIME_ZONE_PRIVILEGE :
				rnd(t));
			nla_end(m, e);
		}
		nla_end(m, list);
		break;
	case WT_CMD_SET_CONNECT_LEVEL:
		put_u32(t, m, WT_A_LEVEL, chance(t, 80) ? 1 : below(t, 6));
		break;
	case WT_CMD_GET_TOKEN:
		put_u32(t, m, WT_A_PID, chance(t, 70) ?
			sh->tid[below(t, NW)][below(t, NT)] :
			chance(t, 50) ? sh->pid[below(t, NW)] : fz_u32(t));
		if (chance(t, 40))
			nla_put(m, WT_A_EFFECTIVE, NULL,
				chance(t, 90) ? 0 : 4);
		break;
	case WT_CMD_SET_IDMAP:
		if (chance(t, 5))
			break;
		list = nla_put(m, WT_A_IDMAP | NLA_F_NESTED, NULL, 0);
		/*
		 * A long list now and then, well within one attribute and
		 * within BIG with the request echoed in an error's ACK. More
		 * than WT_IDMAP_MAX_ENTRIES takes several lists (64 KiB each):
		 * netlink_idmap_test's idmap_size_bound tests that E2BIG.
		 */
		n = chance(t, 3) ? 600 : below(t, 3);
		for (i = 0; i < n; i++) {
			uint8_t sid[WT_SID_MAX_BYTES];

			e = nla_put(m, WT_A_IDMAP_ENTRY | NLA_F_NESTED, NULL, 0);
			if (chance(t, 80)) {
				const char *str = chance(t, 50) ?
					"S-1-5-21-7-7-7-1000" : "S-1-5-21-7-7-7-1001";

				nla_put(m, WT_IDMAP_A_SID, sid,
					wt_sid_bytes(str, sid));
			} else {
				put_sid(t, m, WT_IDMAP_A_SID);
			}
			put_u32(t, m, WT_IDMAP_A_KIND, below(t, 2));
			put_u32(t, m, WT_IDMAP_A_ID, 6000 + below(t, 3));
			nla_end(m, e);
		}
		nla_end(m, list);
		break;
	case WT_CMD_GET_SESSION:
		put_u64(t, m, WT_A_LOGON_ID, chance(t, 50) ? below(t, 0x10000) :
			rnd(t));
		break;
	case WT_CMD_CREATE_SESSION:
		put_u32(t, m, WT_A_LOGON_TYPE, chance(t, 80) ? 2 + below(t, 4) :
			fz_u32(t));
		put_sid(t, m, WT_A_USER_SID);
		break;
	}
	/* Attributes nobody may send, unknown ones, a length past the end. */
	if (chance(t, 8))
		put_u64(t, m, WT_A_STAT_CHECKS + below(t, 10), 1);
	if (chance(t, 5))
		nla_put(m, WT_A_TOKEN | NLA_F_NESTED, NULL, 0);
	if (chance(t, 5))
		nla_put(m, WT_A_MAX + 1 + below(t, 100), "xxxxxxxx", 8);
	if (chance(t, 4))
		nla_put(m, below(t, WT_A_MAX + 1), NULL, below(t, 2000));
	if (chance(t, 3) && m->len >= GENL_HDRLEN + NLA_HDRLEN) {
		struct nlattr *a = (void *)(m->b + m->len - NLA_HDRLEN);

		a->nla_type = below(t, WT_A_MAX + 1);
		a->nla_len = NLA_HDRLEN + 8 + below(t, 1000);
	}
}

/*
 * Send one request on @s and read its answer: 0 (ACK or dump end), a
 * negative errno, or 1 when nothing came back in time.
 */
static int nl_request(struct fz *t, int s, void *msg, size_t len, uint32_t seq)
{
	struct pollfd pfd = { .fd = s, .events = POLLIN };
	int i;

	if (send(s, msg, len, 0) < 0)
		return -errno;
	for (i = 0; i < 64; i++) {
		struct nlmsghdr *h;
		ssize_t n;

		if (poll(&pfd, 1, s == t->nl[0] ? 5000 : 300) <= 0)
			return 1;
		n = recv(s, t->nlrx, BIG, MSG_DONTWAIT);
		if (n < 0)
			return errno == EAGAIN ? 1 : -errno;
		for (h = (void *)t->nlrx; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_seq != seq)
				continue;
			if (h->nlmsg_type == NLMSG_ERROR)
				return ((struct nlmsgerr *)NLMSG_DATA(h))->error;
			if (h->nlmsg_type == NLMSG_DONE)
				return *(int *)NLMSG_DATA(h);
		}
	}
	return 1;
}

void fz_netlink(struct fz *t)
{
	struct nlb m = { .b = t->nlmsg + NLMSG_HDRLEN, .cap = BIG - 64 };
	struct nlmsghdr *h = (void *)t->nlmsg;
	struct genlmsghdr *g = (void *)m.b;
	int cmd = chance(t, 95) ? below(t, WT_CMD_MAX + 1) : 1 + below(t, 255);
	int i = below(t, t->nnl), s = t->nl[i], ret, slot;

	m.len = GENL_HDRLEN;
	g->cmd = cmd;
	g->version = chance(t, 95) ? WT_GENL_VERSION : below(t, 256);
	g->reserved = chance(t, 95) ? 0 : 1 + below(t, 65535);
	if (cmd <= WT_CMD_MAX)
		nl_body(t, &m, cmd);
	h->nlmsg_len = NLMSG_HDRLEN + m.len;
	h->nlmsg_type = nl_family;
	h->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	if (cmd == WT_CMD_LIST_SESSIONS ? chance(t, 90) : chance(t, 5))
		h->nlmsg_flags |= NLM_F_DUMP;
	/* Unique across threads: a passed socket is read by two processes. */
	h->nlmsg_seq = (uint32_t)(t->w * NT + t->t) << 24 | (++t->nlseq & 0xffffff);
	h->nlmsg_pid = 0;
	ret = nl_request(t, s, h, h->nlmsg_len, h->nlmsg_seq);
	slot = cmd <= WT_CMD_MAX ? C_NL_FIRST + cmd : C_NL_UNKNOWN;
	if (ret == 1) {
		/* Another process reads a socket passed to it as well. */
		if (!i)
			fz_bug(t, "netlink %s: no answer", cmds[slot].name);
		return;
	}
	fz_result(t, slot, ret ? -1 : 0, -ret);
}
