// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests, generic netlink: the "wintok" generic netlink family
 * itself and its bad input (unknown command, unknown or reply-only
 * attributes, reserved header bytes), the privilege policy, unprivileged
 * callers and the default connect level. Runs as root in the VM.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>
#include <linux/audit.h>
#include <linux/genetlink.h>
#include <linux/wintok.h>

#include "kselftest_harness.h"
#include "wt_test.h"
#include "wt_sd_build.h"
#include "libwintok.h"
#include "wtnl.h"
#include "nl_common.h"

TEST_F(nl, family)
{
	EXPECT_EQ(WT_GENL_VERSION, self->nl.version);
	EXPECT_NE(0, self->nl.audit_group);
}

TEST_F(nl, unknown_command)
{
	EXPECT_EQ(-EOPNOTSUPP, call_u32(&self->nl, WT_CMD_MAX + 1, 0, 0, NULL, NULL));
	EXPECT_EQ(-EOPNOTSUPP, call_u32(&self->nl, 200, 0, 0, NULL, NULL));
	/* Events go from the kernel to user space only. */
	EXPECT_EQ(-EOPNOTSUPP, call_u32(&self->nl, WT_CMD_AUDIT_EVENT, 0, 0, NULL, NULL));
	EXPECT_EQ(-EOPNOTSUPP, call_u32(&self->nl, WT_CMD_UNSPEC, 0, 0, NULL, NULL));
}

TEST_F(nl, unknown_and_reply_only_attributes)
{
	struct stats st;

	/* Past the highest attribute. */
	EXPECT_EQ(-EINVAL, call_u32(&self->nl, WT_CMD_GET_STATS, WT_A_MAX + 1, 1,
				    NULL, NULL));
	EXPECT_NE(0, strlen(self->nl.errmsg));
	/* Known, but only the kernel sends it. */
	EXPECT_EQ(-EINVAL, call_u32(&self->nl, WT_CMD_GET_STATS, WT_A_STAT_CHECKS, 1,
				    NULL, NULL));
	EXPECT_EQ(-EINVAL, call_u32(&self->nl, WT_CMD_GET_POLICY, WT_A_EV_PID, 1,
				    NULL, NULL));
	/* Without them the same command works. */
	EXPECT_EQ(0, call_u32(&self->nl, WT_CMD_GET_STATS, 0, 0, stats_cb, &st));
}

TEST_F(nl, reserved_header_byte)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = wtnl_msg(&self->nl, buf, WT_CMD_GET_STATS);
	struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);

	g->reserved = 1;
	EXPECT_EQ(-1, wtnl_call(&self->nl, nlh, NULL, NULL));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(nl, policy_roundtrip)
{
	struct rule r[2] = {
		{ WT_POLICY_UID, 1100, P(IMPERSONATE) | P(CREATE_GLOBAL) },
		{ WT_POLICY_GID, 50, P(BACKUP) },
	};
	struct rules got;
	struct token tok;
	char text[256];
	int status;
	pid_t pid;

	ASSERT_EQ(0, set_policy(&self->nl, r, 2, OK));
	ASSERT_EQ(0, get_policy(&self->nl, &got));
	ASSERT_EQ(2, got.n);
	for (int i = 0; i < 2; i++) {
		EXPECT_EQ(r[i].kind, got.r[i].kind);
		EXPECT_EQ(r[i].id, got.r[i].id);
		EXPECT_EQ(r[i].privs, got.r[i].privs);
	}
	/* The module parameter shows the same policy. */
	wt_read_param_text("privileges", text, sizeof(text));
	EXPECT_STREQ("uid:1100:SeImpersonatePrivilege,SeCreateGlobalPrivilege;"
		     "gid:50:SeBackupPrivilege", text);
	/* A token derived after the change has the privileges. */
	pid = fork();
	if (pid == 0) {
		wt_become_user(WT_UID_SERVICE, WT_GID_USERS);
		pause();
		_exit(0);
	}
	ASSERT_LT(0, pid);
	usleep(200000);
	EXPECT_EQ(0, get_token(&self->nl, pid, &tok));
	EXPECT_TRUE(tok.found);
	EXPECT_EQ(P(IMPERSONATE) | P(CREATE_GLOBAL) | P(CHANGE_NOTIFY), tok.present);
	EXPECT_EQ(tok.present, tok.enabled);	/* those three start enabled */
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);

	/* Empty clears. */
	ASSERT_EQ(0, set_policy(&self->nl, r, 0, OK));
	ASSERT_EQ(0, get_policy(&self->nl, &got));
	EXPECT_EQ(0, got.n);
	wt_read_param_text("privileges", text, sizeof(text));
	EXPECT_STREQ("", text);
}

TEST_F(nl, policy_bad_input)
{
	struct rule r[WT_POLICY_MAX_RULES + 1];
	static const enum rule_fault faults[] = {
		NO_KIND, NO_ID, NO_PRIVS, ID_MAX, PRIVS_0, PRIVS_BAD,
		KIND_U16, STRAY_ATTR, NOT_A_RULE,
	};
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct rules got;

	for (int i = 0; i <= WT_POLICY_MAX_RULES; i++)
		r[i] = (struct rule){ WT_POLICY_UID, 2000 + i, P(BACKUP) };
	ASSERT_EQ(0, set_policy(&self->nl, r, 1, OK));
	for (unsigned int i = 0; i < ARRAY_SIZE(faults); i++) {
		EXPECT_EQ(-EINVAL, set_policy(&self->nl, r, 2, faults[i])) {
			TH_LOG("fault %d", faults[i]);
		}
		EXPECT_NE(0, strlen(self->nl.errmsg)) {
			TH_LOG("fault %d: no extended ACK message", faults[i]);
		}
	}
	/* Out of the policy's range: the netlink core says ERANGE. */
	EXPECT_EQ(-ERANGE, set_policy(&self->nl, r, 2, KIND_2));
	EXPECT_EQ(-E2BIG, set_policy(&self->nl, r, WT_POLICY_MAX_RULES + 1, OK));
	EXPECT_EQ(0, set_policy(&self->nl, r, WT_POLICY_MAX_RULES, OK));
	/* Missing WT_A_POLICY altogether. */
	EXPECT_EQ(-1, wtnl_call(&self->nl, wtnl_msg(&self->nl, buf, WT_CMD_SET_POLICY),
				NULL, NULL));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_NE(0, strlen(self->nl.errmsg));
	/* WT_A_POLICY of the wrong type (not nested). */
	EXPECT_EQ(-EINVAL, call_u32(&self->nl, WT_CMD_SET_POLICY, WT_A_POLICY, 1,
				    NULL, NULL));
	/* Nothing failed halfway: the last good policy stands. */
	ASSERT_EQ(0, get_policy(&self->nl, &got));
	EXPECT_EQ(WT_POLICY_MAX_RULES, got.n);
}

static int unpriv_set_policy(void *arg)
{
	struct rule r = { WT_POLICY_UID, 1003, P(TCB) };
	struct wtnl nl;
	int err;

	if (wtnl_open(&nl))
		return 120;
	err = -set_policy(&nl, &r, 1, OK);
	wtnl_close(&nl);
	return err;
}

static int unpriv_set_level(void *arg)
{
	struct wtnl nl;
	int err;

	if (wtnl_open(&nl))
		return 120;
	err = -call_u32(&nl, WT_CMD_SET_CONNECT_LEVEL, WT_A_LEVEL, 3, NULL, NULL);
	wtnl_close(&nl);
	return err;
}

static int unpriv_set_idmap(void *arg)
{
	struct idmap_fault e = MAP("S-1-5-21-7-8-9-1001", WT_IDMAP_UID, 0);
	struct wtnl nl;
	int err;

	if (wtnl_open(&nl))
		return 120;
	err = -set_idmap(&nl, &e, 1);
	wtnl_close(&nl);
	return err;
}

/* Reads need no privilege; the read results are checked by the caller. */
static int unpriv_reads(void *arg)
{
	struct stats st;
	struct rules got;
	struct wtnl nl;
	int count, err;

	if (wtnl_open(&nl))
		return 120;
	err = -get_policy(&nl, &got);
	if (!err)
		err = -call_u32(&nl, WT_CMD_GET_STATS, 0, 0, stats_cb, &st);
	if (!err)
		err = -call_u32(&nl, WT_CMD_GET_IDMAP, 0, 0, idmap_count_cb, &count);
	if (!err)
		err = -call_u32(&nl, WT_CMD_GET_CONNECT_LEVEL, 0, 0, NULL, NULL);
	wtnl_close(&nl);
	return err;
}

static int unpriv_join_audit(void *arg)
{
	struct wtnl nl;
	int err = 0;

	if (wtnl_open(&nl))
		return 120;
	if (wtnl_join_audit(&nl))
		err = errno;
	wtnl_close(&nl);
	return err;
}

TEST_F(nl, unprivileged_callers)
{
	struct rules got;
	char level[16];

	EXPECT_EQ(EPERM, as_user(WT_UID_MALLORY, unpriv_set_policy, NULL));
	ASSERT_EQ(0, get_policy(&self->nl, &got));
	EXPECT_EQ(0, got.n);
	EXPECT_EQ(EPERM, as_user(WT_UID_MALLORY, unpriv_set_level, NULL));
	wt_read_param_text("default_connect_level", level, sizeof(level));
	EXPECT_STREQ(self->saved_level, level);
	EXPECT_EQ(EPERM, as_user(WT_UID_MALLORY, unpriv_set_idmap, NULL));
	EXPECT_EQ(0, as_user(WT_UID_MALLORY, unpriv_reads, NULL));
	EXPECT_EQ(EPERM, as_user(WT_UID_MALLORY, unpriv_join_audit, NULL));
}

static int level_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[WT_A_MAX + 1];

	wtnl_attrs(nlh, tb);
	*(int *)data = tb[WT_A_LEVEL] ? (int)mnl_attr_get_u32(tb[WT_A_LEVEL]) : -1;
	return MNL_CB_OK;
}

TEST_F(nl, connect_level)
{
	char buf[MNL_SOCKET_BUFFER_SIZE], text[16];
	struct nlmsghdr *nlh;
	int level = -1;

	ASSERT_EQ(0, call_u32(&self->nl, WT_CMD_GET_CONNECT_LEVEL, 0, 0, level_cb, &level));
	EXPECT_EQ(atoi(self->saved_level), level);
	for (int want = WT_SECURITY_ANONYMOUS; want <= WT_SECURITY_DELEGATION; want++) {
		ASSERT_EQ(0, call_u32(&self->nl, WT_CMD_SET_CONNECT_LEVEL, WT_A_LEVEL,
				      want, NULL, NULL));
		ASSERT_EQ(0, call_u32(&self->nl, WT_CMD_GET_CONNECT_LEVEL, 0, 0,
				      level_cb, &level));
		EXPECT_EQ(want, level);
		wt_read_param_text("default_connect_level", text, sizeof(text));
		EXPECT_EQ(want, atoi(text));
	}
	/* Out of range, missing, wrong length: the level stays. */
	EXPECT_EQ(-ERANGE, call_u32(&self->nl, WT_CMD_SET_CONNECT_LEVEL, WT_A_LEVEL,
				    WT_SECURITY_DELEGATION + 1, NULL, NULL));
	EXPECT_NE(0, strlen(self->nl.errmsg));
	EXPECT_EQ(-EINVAL, call_u32(&self->nl, WT_CMD_SET_CONNECT_LEVEL, 0, 0, NULL, NULL));
	EXPECT_NE(0, strlen(self->nl.errmsg));
	nlh = wtnl_msg(&self->nl, buf, WT_CMD_SET_CONNECT_LEVEL);
	mnl_attr_put_u8(nlh, WT_A_LEVEL, 1);
	EXPECT_EQ(-1, wtnl_call(&self->nl, nlh, NULL, NULL));
	EXPECT_EQ(EINVAL, errno);
	nlh = wtnl_msg(&self->nl, buf, WT_CMD_SET_CONNECT_LEVEL);
	mnl_attr_put_u64(nlh, WT_A_LEVEL, 1);
	EXPECT_EQ(-1, wtnl_call(&self->nl, nlh, NULL, NULL));
	EXPECT_EQ(EINVAL, errno);
	ASSERT_EQ(0, call_u32(&self->nl, WT_CMD_GET_CONNECT_LEVEL, 0, 0, level_cb, &level));
	EXPECT_EQ(WT_SECURITY_DELEGATION, level);
}

TEST_HARNESS_MAIN
