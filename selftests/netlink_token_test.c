// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests, generic netlink: statistics and the token of a process
 * or thread, with the access a query needs. Runs as root in the VM.
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

TEST_F(nl, statistics)
{
	struct stats a, b;
	int fd;

	ASSERT_EQ(0, call_u32(&self->nl, WT_CMD_GET_STATS, 0, 0, stats_cb, &a));
	EXPECT_TRUE(a.have[WT_A_STAT_LIVE_SESSIONS]);
	EXPECT_LT(0, a.v[WT_A_STAT_LIVE_SESSIONS]);
	for (int i = WT_A_STAT_CHECKS; i <= WT_A_STAT_LIVE_TOKENS; i++) {
		EXPECT_TRUE(a.have[i]) {
			TH_LOG("statistic %d missing", i);
		}
	}
	/* Every open runs the file_open check. */
	for (int i = 0; i < 10; i++) {
		fd = open("/etc/passwd", O_RDONLY);
		ASSERT_LE(0, fd);
		close(fd);
	}
	ASSERT_EQ(0, call_u32(&self->nl, WT_CMD_GET_STATS, 0, 0, stats_cb, &b));
	EXPECT_LE(a.v[WT_A_STAT_CHECKS] + 10, b.v[WT_A_STAT_CHECKS]);
	EXPECT_LE(a.v[WT_A_STAT_DENIALS], b.v[WT_A_STAT_DENIALS]);
	EXPECT_LT(0, b.v[WT_A_STAT_LIVE_TOKENS]);
}

TEST_F(nl, token_of_self)
{
	uint8_t root[WT_SID_MAX_BYTES];
	struct token tok;
	size_t n;

	ASSERT_EQ(0, get_token(&self->nl, getpid(), &tok));
	ASSERT_TRUE(tok.found);
	n = wt_sid_bytes("S-1-22-1-0", root);
	EXPECT_EQ((int)n, tok.user_len);
	EXPECT_EQ(0, memcmp(root, tok.user, n));
	EXPECT_EQ(WT_TOKEN_PRIMARY, tok.type);
	EXPECT_EQ(WT_INTEGRITY_SYSTEM, tok.integrity);
	EXPECT_TRUE(tok.enabled & P(TCB));
	EXPECT_TRUE(tok.present & P(BACKUP));
	EXPECT_FALSE(tok.enabled & P(BACKUP));
	EXPECT_TRUE(tok.has_admins);
	EXPECT_TRUE(tok.has_logon_sid);
	EXPECT_NE(0, tok.logon_id);
	EXPECT_NE(0, tok.token_id);
	EXPECT_LE(6, tok.ngroups);
	EXPECT_TRUE(tok.owner_admins);
	EXPECT_TRUE(tok.group_root);
	EXPECT_TRUE(tok.has_dacl);
	EXPECT_FALSE(tok.has_restricted);
	EXPECT_TRUE(tok.source_ok);
	EXPECT_EQ(WT_TOKEN_MANDATORY_POLICY_NO_WRITE_UP |
		  WT_TOKEN_MANDATORY_POLICY_NEW_PROCESS_MIN, tok.policy);
	EXPECT_EQ(0, tok.session_id);
	EXPECT_EQ(WT_TOKEN_ELEVATION_TYPE_DEFAULT, tok.elevation);
	EXPECT_NE(0, tok.modified_id);
	EXPECT_EQ(tok.enabled & ~P(BACKUP), tok.privs_default & ~P(BACKUP));
	EXPECT_FALSE(tok.privs_default & P(BACKUP));
}

/* WT_A_EFFECTIVE: the impersonation token of a thread that has one. */
TEST_F(nl, token_effective)
{
	struct wt_impersonate a = { .size = sizeof(a) };
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct token prim, eff;
	struct nlmsghdr *nlh;
	pid_t tid = syscall(SYS_gettid);
	int dev, tokfd;

	dev = open("/dev/wintok", O_RDWR);
	ASSERT_LE(0, dev);
	tokfd = wt_open_process_token(dev, WT_TOKEN_QUERY | WT_TOKEN_DUPLICATE, NULL);
	ASSERT_LE(0, tokfd);
	a.fd = tokfd;
	ASSERT_EQ(0, ioctl(dev, WT_IOC_IMPERSONATE, &a));
	ASSERT_EQ(WT_SECURITY_IMPERSONATION, a.level);

	memset(&eff, 0, sizeof(eff));
	nlh = wtnl_msg(&self->nl, buf, WT_CMD_GET_TOKEN);
	mnl_attr_put_u32(nlh, WT_A_PID, tid);
	mnl_attr_put(nlh, WT_A_EFFECTIVE, 0, NULL);
	EXPECT_EQ(0, wtnl_call(&self->nl, nlh, token_cb, &eff));
	EXPECT_EQ(0, get_token(&self->nl, tid, &prim));
	EXPECT_EQ(WT_TOKEN_IMPERSONATION, eff.type);
	EXPECT_EQ(WT_SECURITY_IMPERSONATION, eff.level);
	EXPECT_EQ(WT_TOKEN_PRIMARY, prim.type);
	EXPECT_NE(prim.token_id, eff.token_id);
	/* A copy: the same logon session. */
	EXPECT_EQ(prim.logon_id, eff.logon_id);
	/* A flag carries no value (the core says ERANGE). */
	nlh = wtnl_msg(&self->nl, buf, WT_CMD_GET_TOKEN);
	mnl_attr_put_u32(nlh, WT_A_PID, tid);
	mnl_attr_put_u32(nlh, WT_A_EFFECTIVE, 1);
	EXPECT_EQ(-1, wtnl_call(&self->nl, nlh, token_cb, &eff));
	EXPECT_EQ(ERANGE, errno);
	EXPECT_EQ(0, ioctl(dev, WT_IOC_REVERT_TO_SELF, 0));
	close(tokfd);
	close(dev);
}

static int alice_queries(void *arg)
{
	struct token tok;
	struct wtnl nl;
	int err;

	if (wtnl_open(&nl))
		return 120;
	err = -get_token(&nl, *(pid_t *)arg, &tok);
	if (!err && !tok.found)
		err = 121;
	if (!err) {
		uint8_t sid[WT_SID_MAX_BYTES];
		size_t n = wt_sid_bytes("S-1-22-1-1001", sid);

		if (tok.user_len != (int)n || memcmp(sid, tok.user, n) ||
		    tok.integrity != WT_INTEGRITY_MEDIUM || tok.has_admins)
			err = 122;
	}
	wtnl_close(&nl);
	return err;
}

static int alice_queries_self(void *arg)
{
	pid_t me = getpid();

	return alice_queries(&me);
}

TEST_F(nl, token_access)
{
	pid_t init = 1, none = 0x3ffffff0;
	struct token tok;

	/* Same user: allowed. Another user's (root's): refused. */
	EXPECT_EQ(0, as_user(WT_UID_ALICE, alice_queries_self, NULL));
	EXPECT_EQ(EPERM, as_user(WT_UID_ALICE, alice_queries, &init));
	/* Root has SeTcb and SeDebug. */
	EXPECT_EQ(0, get_token(&self->nl, 1, &tok));
	EXPECT_EQ(-ESRCH, get_token(&self->nl, none, &tok));
	EXPECT_NE(0, strlen(self->nl.errmsg));
	/* pid 0 is out of the policy's range; no pid at all is missing. */
	EXPECT_EQ(-ERANGE, get_token(&self->nl, 0, &tok));
	EXPECT_EQ(-EINVAL, call_u32(&self->nl, WT_CMD_GET_TOKEN, 0, 0, token_cb, &tok));
	EXPECT_NE(0, strlen(self->nl.errmsg));
}

TEST_HARNESS_MAIN
