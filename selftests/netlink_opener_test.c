// SPDX-License-Identifier: GPL-2.0
/*
 * The "wintok" netlink family checks who OPENED the socket, not only who
 * sends on it (netlink_capable() semantics, the CVE-2014-0181 pattern).
 *
 * alice opens a socket and passes it (SCM_RIGHTS) to root, who plays a
 * privileged program that writes attacker-chosen bytes to a socket it was
 * given. Every command that changes a setting, and every query that
 * needs a privilege or "the same user", is refused on that socket and
 * changes nothing; the same root on a socket of its own still succeeds.
 * Runs as root in the VM.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/wintok.h>

#include "kselftest_harness.h"
#include "wt_test.h"
#include "wt_sd_build.h"
#include "wtnl.h"
#include "nl_common.h"

#define SNAP_MAX 16384
#define DOM_ALICE "S-1-5-21-7-8-9-1001"

/* ---- requests ---- */

/*
 * A copy of one attribute of a reply, to compare a setting before and
 * after a refused change byte for byte.
 */
struct snap {
	uint16_t type;
	size_t len;
	uint8_t data[SNAP_MAX];
};

static int snap_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[WT_A_MAX + 1];
	struct snap *s = data;

	wtnl_attrs(nlh, tb);
	s->len = 0;
	if (!tb[s->type])
		return MNL_CB_OK;
	s->len = mnl_attr_get_payload_len(tb[s->type]);
	if (s->len > SNAP_MAX)
		return MNL_CB_ERROR;
	memcpy(s->data, mnl_attr_get_payload(tb[s->type]), s->len);
	return MNL_CB_OK;
}

static int snapshot(struct wtnl *nl, uint8_t cmd, uint16_t type, struct snap *s)
{
	s->type = type;
	return call_u32(nl, cmd, 0, 0, snap_cb, s);
}

/*
 * Put back a list setting (WT_A_POLICY or WT_A_IDMAP) from its
 * snapshot: the reply's nest is a valid request as it is.
 */
static int restore(struct wtnl *nl, uint8_t cmd, const struct snap *s)
{
	static char buf[SNAP_MAX + 64];
	struct nlmsghdr *nlh = wtnl_msg(nl, buf, cmd);
	struct nlattr *list = mnl_attr_nest_start(nlh, s->type);

	memcpy(mnl_nlmsg_get_payload_tail(nlh), s->data, s->len);
	nlh->nlmsg_len += MNL_ALIGN(s->len);
	mnl_attr_nest_end(nlh, list);
	return wtnl_call(nl, nlh, NULL, NULL) ? -errno : 0;
}

/* A policy of one rule: uid @uid gets SeTcbPrivilege. */
static int set_policy_tcb(struct wtnl *nl, uint32_t uid)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = wtnl_msg(nl, buf, WT_CMD_SET_POLICY);
	struct nlattr *list, *rule;

	list = mnl_attr_nest_start(nlh, WT_A_POLICY);
	rule = mnl_attr_nest_start(nlh, WT_A_POLICY_RULE);
	mnl_attr_put_u32(nlh, WT_RULE_A_KIND, WT_POLICY_UID);
	mnl_attr_put_u32(nlh, WT_RULE_A_ID, uid);
	mnl_attr_put_u64(nlh, WT_RULE_A_PRIVILEGES, 1ULL << WT_SE_TCB_PRIVILEGE);
	mnl_attr_nest_end(nlh, rule);
	mnl_attr_nest_end(nlh, list);
	return wtnl_call(nl, nlh, NULL, NULL) ? -errno : 0;
}

/* An id map of one entry: @sid is uid @uid. */
static int set_idmap_one(struct wtnl *nl, const char *sid, uint32_t uid)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = wtnl_msg(nl, buf, WT_CMD_SET_IDMAP);
	struct nlattr *list, *entry;
	uint8_t bin[WT_SID_MAX_BYTES];

	list = mnl_attr_nest_start(nlh, WT_A_IDMAP);
	entry = mnl_attr_nest_start(nlh, WT_A_IDMAP_ENTRY);
	mnl_attr_put(nlh, WT_IDMAP_A_SID, wt_sid_bytes(sid, bin), bin);
	mnl_attr_put_u32(nlh, WT_IDMAP_A_KIND, WT_IDMAP_UID);
	mnl_attr_put_u32(nlh, WT_IDMAP_A_ID, uid);
	mnl_attr_nest_end(nlh, entry);
	mnl_attr_nest_end(nlh, list);
	return wtnl_call(nl, nlh, NULL, NULL) ? -errno : 0;
}

static int create_session(struct wtnl *nl)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = wtnl_msg(nl, buf, WT_CMD_CREATE_SESSION);
	uint8_t bin[WT_SID_MAX_BYTES];

	mnl_attr_put_u32(nlh, WT_A_LOGON_TYPE, WT_LOGON_INTERACTIVE);
	mnl_attr_put(nlh, WT_A_USER_SID, wt_sid_bytes("S-1-22-1-1003", bin), bin);
	return wtnl_call(nl, nlh, NULL, NULL) ? -errno : 0;
}

static int level_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[WT_A_MAX + 1];

	wtnl_attrs(nlh, tb);
	*(int *)data = tb[WT_A_LEVEL] ? (int)mnl_attr_get_u32(tb[WT_A_LEVEL]) : -1;
	return MNL_CB_OK;
}

static int get_level(struct wtnl *nl)
{
	int level = -1;

	if (call_u32(nl, WT_CMD_GET_CONNECT_LEVEL, 0, 0, level_cb, &level))
		return -1;
	return level;
}

static int count_cb(const struct nlmsghdr *nlh, void *data)
{
	(*(int *)data)++;
	return MNL_CB_OK;
}

/* How many sessions a dump on @nl lists, or -errno. */
static int count_sessions(struct wtnl *nl)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	int n = 0;

	if (wtnl_call(nl, wtnl_dump_msg(nl, buf, WT_CMD_LIST_SESSIONS),
		      count_cb, &n))
		return -errno;
	return n;
}

/* ---- alice's socket in root's hands ---- */

/* In a child as alice: open a socket and send it over @chan. */
static void alice_opens(int chan)
{
	char cbuf[CMSG_SPACE(sizeof(int))] = { 0 };
	struct iovec iov = { .iov_base = "s", .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
	struct wtnl nl;
	int fd;

	wt_become_user(WT_UID_ALICE, WT_GID_USERS);
	if (wtnl_open(&nl))
		_exit(120);
	fd = mnl_socket_get_fd(nl.sock);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	_exit(sendmsg(chan, &msg, 0) == 1 ? 0 : 121);
}

/*
 * A struct wtnl in @out around a socket alice opened and passed to us;
 * @own gives the family id. Return: 0 or -1.
 */
static int receive_alice_socket(const struct wtnl *own, struct wtnl *out)
{
	char cbuf[CMSG_SPACE(sizeof(int))] = { 0 };
	char byte;
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *c;
	int chan[2], fd = -1;
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, chan))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(chan[0]);
		alice_opens(chan[1]);
	}
	close(chan[1]);
	if (pid > 0 && recvmsg(chan[0], &msg, 0) == 1) {
		c = CMSG_FIRSTHDR(&msg);
		if (c && c->cmsg_type == SCM_RIGHTS)
			memcpy(&fd, CMSG_DATA(c), sizeof(int));
	}
	close(chan[0]);
	if (pid < 0 || wt_reap(pid) || fd < 0)
		return -1;
	memset(out, 0, sizeof(*out));
	out->buf = malloc(WTNL_BUF_SIZE);
	out->sock = mnl_socket_fdopen(fd);
	if (!out->buf || !out->sock)
		return -1;
	out->family = own->family;
	out->version = own->version;
	out->portid = mnl_socket_get_portid(out->sock);
	out->seq = own->seq + 1000;
	return 0;
}

FIXTURE(opener) {
	struct wtnl own;	/* opened by root */
	struct wtnl lent;	/* opened by alice, written by root */
	struct snap policy, idmap;
	int level;
};

FIXTURE_SETUP(opener)
{
	ASSERT_EQ(0, wtnl_open(&self->own)) {
		TH_LOG("cannot resolve the wintok family: %s", strerror(errno));
	}
	ASSERT_EQ(0, receive_alice_socket(&self->own, &self->lent));
	ASSERT_EQ(0, snapshot(&self->own, WT_CMD_GET_POLICY, WT_A_POLICY,
			      &self->policy));
	ASSERT_EQ(0, snapshot(&self->own, WT_CMD_GET_IDMAP, WT_A_IDMAP,
			      &self->idmap));
	self->level = get_level(&self->own);
	ASSERT_LE(0, self->level);
}

FIXTURE_TEARDOWN(opener)
{
	restore(&self->own, WT_CMD_SET_POLICY, &self->policy);
	restore(&self->own, WT_CMD_SET_IDMAP, &self->idmap);
	call_u32(&self->own, WT_CMD_SET_CONNECT_LEVEL, WT_A_LEVEL, self->level,
		 NULL, NULL);
	wtnl_close(&self->lent);
	wtnl_close(&self->own);
}

/* Reading a setting needs nothing: alice's socket works for root. */
TEST_F(opener, reads_still_work)
{
	EXPECT_EQ(self->level, get_level(&self->lent));
}

TEST_F(opener, set_policy)
{
	struct snap after;

	/* mallory (1003) would get SeTcbPrivilege: refused, unchanged. */
	EXPECT_EQ(-EPERM, set_policy_tcb(&self->lent, WT_UID_MALLORY));
	EXPECT_NE(0, strlen(self->lent.errmsg));
	ASSERT_EQ(0, snapshot(&self->own, WT_CMD_GET_POLICY, WT_A_POLICY, &after));
	ASSERT_EQ(self->policy.len, after.len);
	EXPECT_EQ(0, memcmp(self->policy.data, after.data, after.len));

	/* root on its own socket: accepted. */
	EXPECT_EQ(0, set_policy_tcb(&self->own, WT_UID_MALLORY));
	EXPECT_EQ(0, restore(&self->own, WT_CMD_SET_POLICY, &self->policy));
}

TEST_F(opener, set_idmap)
{
	struct snap after;

	/* A domain SID of alice's would become uid 0: refused, unchanged. */
	EXPECT_EQ(-EPERM, set_idmap_one(&self->lent, DOM_ALICE, 0));
	ASSERT_EQ(0, snapshot(&self->own, WT_CMD_GET_IDMAP, WT_A_IDMAP, &after));
	ASSERT_EQ(self->idmap.len, after.len);
	EXPECT_EQ(0, memcmp(self->idmap.data, after.data, after.len));

	EXPECT_EQ(0, set_idmap_one(&self->own, DOM_ALICE, WT_UID_ALICE));
	EXPECT_EQ(0, restore(&self->own, WT_CMD_SET_IDMAP, &self->idmap));
}

TEST_F(opener, set_connect_level)
{
	int other = self->level == 3 ? 2 : 3;

	EXPECT_EQ(-EPERM, call_u32(&self->lent, WT_CMD_SET_CONNECT_LEVEL,
				   WT_A_LEVEL, other, NULL, NULL));
	EXPECT_EQ(self->level, get_level(&self->own));

	EXPECT_EQ(0, call_u32(&self->own, WT_CMD_SET_CONNECT_LEVEL, WT_A_LEVEL,
			      other, NULL, NULL));
	EXPECT_EQ(other, get_level(&self->own));
}

TEST_F(opener, create_session)
{
	EXPECT_EQ(-EPERM, create_session(&self->lent));
	EXPECT_EQ(0, create_session(&self->own));
}

/* Privileged reads answer on the socket, to its opener: checked too. */
TEST_F(opener, privileged_queries)
{
	/* init's token is root's: "same user" must hold for alice too. */
	EXPECT_EQ(-EPERM, call_u32(&self->lent, WT_CMD_GET_TOKEN, WT_A_PID, 1,
				   NULL, NULL));
	EXPECT_EQ(0, call_u32(&self->own, WT_CMD_GET_TOKEN, WT_A_PID, 1,
			      NULL, NULL));

	/* root sees every session on its socket; on alice's, none of root's. */
	EXPECT_LT(0, count_sessions(&self->own));
	EXPECT_EQ(0, count_sessions(&self->lent));
}

TEST_HARNESS_MAIN
