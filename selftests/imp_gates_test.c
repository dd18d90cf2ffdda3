// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests, impersonation: the gates of impersonation:
 * SeImpersonatePrivilege (missing, disabled, enabled), the same-user rule,
 * the integrity cap, and the default level.
 * Runs as root in the VM; the service is root or a forked child running as
 * wtsvc (uid 1100, SeImpersonatePrivilege by the privilege policy), the
 * clients forked children (imp_common.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <unistd.h>

#include <linux/capability.h>
#include <linux/wintok.h>

#include "kselftest_harness.h"
#include "libwintok.h"
#include "wt_test.h"
#include "wt_sd_build.h"
#include "imp_common.h"

/* ---- the gates ---- */

/*
 * The service without SeImpersonatePrivilege: a client allowing
 * Impersonation is capped at Identification (WT_IMPERSONATE_NO_PRIVILEGE);
 * the thread knows who the client is but has no ids of hers and opens
 * nothing, even a world-readable file without an SD (ENOKEY).
 */
TEST_F(imp, no_privilege_caps_at_identification)
{
	long capped0 = wt_read_param("impersonation_capped");
	pid_t svc;

	ASSERT_EQ(0, wt_set_privilege_policy(""));
	ASSERT_LT(0, spawn_client(WT_UID_ALICE, WT_SECURITY_IMPERSONATION, 0,
				  CLIENT_STAY));
	svc = fork();
	ASSERT_LE(0, svc);
	if (svc == 0) {
		int dev = become_service(), tok, conn;
		struct ids id;
		int fd;

		fd = wt_open_process_token(dev, WT_TOKEN_QUERY, NULL);
		EXPECT_EQ(-1, wt_priv_attrs(fd, WT_SE_IMPERSONATE_PRIVILEGE));
		close(fd);
		conn = serve_next_client(_metadata, dev, self->lfd,
					 WT_SECURITY_IDENTIFICATION, WT_IMPERSONATE_NO_PRIVILEGE);
		get_ids(&id);
		EXPECT_EQ(EBADIMPLEVEL_ERRNO, wt_open_errno(self->public_file, O_RDONLY));
		EXPECT_NE(0, wt_open_errno(self->alice_file, O_RDONLY));
		EXPECT_NE(0, wt_open_errno(self->alice_plain, O_RDONLY));
		expect_thread_user(_metadata, dev, 0, SID_ALICE);
		EXPECT_EQ(WT_SECURITY_IDENTIFICATION, thread_level(dev));
		tok = wt_open_thread_token(dev, 0, 0, WT_TOKEN_QUERY, NULL);
		EXPECT_EQ(WT_TOKEN_IMPERSONATION, fd_u32(tok, WT_TOKEN_INFO_TYPE));
		close(tok);
		EXPECT_EQ(0, wt_revert_to_self(dev));
		/* At Identification: the overflow ids, no groups, no capabilities. */
		EXPECT_EQ(OVERFLOW_ID, id.e);
		EXPECT_EQ(OVERFLOW_ID, id.fs);
		EXPECT_EQ(OVERFLOW_ID, id.eg);
		EXPECT_EQ(OVERFLOW_ID, id.fsg);
		EXPECT_EQ(WT_UID_SERVICE, id.r);
		EXPECT_EQ(WT_UID_SERVICE, id.s);
		EXPECT_EQ(0, id.ngroups);
		EXPECT_EQ(0, id.cap_eff);
		EXPECT_EQ(WT_UID_SERVICE, thread_euid());
		EXPECT_EQ(0, wt_open_errno(self->public_file, O_RDONLY));
		close(conn);
		CHILD_DONE();
	}
	EXPECT_EQ(0, wt_reap(svc));
	EXPECT_LE(capped0 + 1, wt_read_param("impersonation_capped"));
}

/* Held but disabled counts as not held; enabled again, it allows. */
TEST_F(imp, disabled_privilege_caps_enabled_allows)
{
	pid_t svc;

	ASSERT_LT(0, spawn_client(WT_UID_ALICE, WT_SECURITY_IMPERSONATION, 0,
				  CLIENT_STAY));
	ASSERT_LT(0, spawn_client(WT_UID_ALICE, WT_SECURITY_IMPERSONATION, 0,
				  CLIENT_STAY));
	svc = fork();
	ASSERT_LE(0, svc);
	if (svc == 0) {
		int dev = become_service(), c1, c2, fd;
		__u32 level, result;

		fd = wt_open_process_token(dev, WT_TOKEN_QUERY, NULL);
		EXPECT_EQ(WT_SE_PRIVILEGE_ENABLED | WT_SE_PRIVILEGE_ENABLED_BY_DEFAULT,
			  wt_priv_attrs(fd, WT_SE_IMPERSONATE_PRIVILEGE));
		c1 = accept_client(self->lfd, NULL);
		c2 = accept_client(self->lfd, NULL);
		EXPECT_LE(0, c1);
		EXPECT_LE(0, c2);
		CHILD_BAIL_IF_FAILED();
		EXPECT_EQ(0, set_impersonate_privilege(dev, false));
		EXPECT_EQ(WT_SE_PRIVILEGE_ENABLED_BY_DEFAULT,
			  wt_priv_attrs(fd, WT_SE_IMPERSONATE_PRIVILEGE));
		EXPECT_EQ(0, peer(dev, c1, &level, &result));
		EXPECT_EQ(WT_SECURITY_IDENTIFICATION, level);
		EXPECT_EQ(WT_IMPERSONATE_NO_PRIVILEGE, result);
		EXPECT_EQ(EBADIMPLEVEL_ERRNO, wt_open_errno(self->public_file, O_RDONLY));
		EXPECT_EQ(0, wt_revert_to_self(dev));
		EXPECT_EQ(0, set_impersonate_privilege(dev, true));
		EXPECT_EQ(0, peer(dev, c2, &level, &result));
		EXPECT_EQ(WT_SECURITY_IMPERSONATION, level);
		EXPECT_EQ(0, result);
		EXPECT_EQ(0, wt_open_errno(self->alice_file, O_RDONLY));
		EXPECT_EQ(0, wt_revert_to_self(dev));
		close(fd);
		close(c1);
		close(c2);
		CHILD_DONE();
	}
	EXPECT_EQ(0, wt_reap(svc));
}

/* Impersonating one's own user needs no privilege (gate c). */
TEST_F(imp, same_user_needs_no_privilege)
{
	pid_t svc;

	ASSERT_EQ(0, wt_set_privilege_policy(""));
	ASSERT_LT(0, spawn_client(WT_UID_SERVICE, WT_SECURITY_DELEGATION, 0,
				  CLIENT_STAY));
	ASSERT_LT(0, spawn_client(WT_UID_ALICE, WT_SECURITY_DELEGATION, 0,
				  CLIENT_STAY));
	svc = fork();
	ASSERT_LE(0, svc);
	if (svc == 0) {
		int dev = become_service(), c1, c2, tok;
		__u32 level, result;
		uid_t u1 = 0, u2 = 0;

		c1 = accept_client(self->lfd, &u1);
		c2 = accept_client(self->lfd, &u2);
		EXPECT_LE(0, c1);
		EXPECT_LE(0, c2);
		CHILD_BAIL_IF_FAILED();
		if (u1 != WT_UID_SERVICE) {
			int t = c1;

			c1 = c2;
			c2 = t;
		}
		EXPECT_EQ(0, peer(dev, c1, &level, &result));
		EXPECT_EQ(WT_SECURITY_DELEGATION, level);
		EXPECT_EQ(0, result);
		EXPECT_EQ(0, wt_revert_to_self(dev));
		EXPECT_EQ(0, peer(dev, c2, &level, &result));
		EXPECT_EQ(WT_SECURITY_IDENTIFICATION, level);
		EXPECT_EQ(WT_IMPERSONATE_NO_PRIVILEGE, result);
		EXPECT_EQ(0, wt_revert_to_self(dev));
		/* Its own primary token: Impersonation level. */
		tok = wt_open_process_token(dev, WT_TOKEN_QUERY | WT_TOKEN_DUPLICATE,
					    NULL);
		EXPECT_EQ(0, wt_impersonate_token(dev, tok, &level, &result));
		EXPECT_EQ(WT_SECURITY_IMPERSONATION, level);
		EXPECT_EQ(0, result);
		EXPECT_EQ(0, wt_revert_to_self(dev));
		close(tok);
		close(c1);
		close(c2);
		CHILD_DONE();
	}
	EXPECT_EQ(0, wt_reap(svc));
}

/*
 * A client of higher integrity (root: System) than the service (Medium)
 * is capped at Identification with WT_IMPERSONATE_INTEGRITY, privilege or
 * not; root serving alice impersonates her.
 */
TEST_F(imp, integrity_above_the_service_caps)
{
	pid_t svc;

	ASSERT_LT(0, spawn_client(0, WT_SECURITY_IMPERSONATION, 0, CLIENT_STAY));
	svc = fork();
	ASSERT_LE(0, svc);
	if (svc == 0) {
		int dev = become_service(), conn;

		conn = serve_next_client(_metadata, dev, self->lfd,
					 WT_SECURITY_IDENTIFICATION, WT_IMPERSONATE_INTEGRITY);
		expect_thread_user(_metadata, dev, 0, SID_ROOT);
		EXPECT_EQ(OVERFLOW_ID, thread_euid());
		EXPECT_EQ(0, wt_revert_to_self(dev));
		close(conn);
		CHILD_DONE();
	}
	EXPECT_EQ(0, wt_reap(svc));

	/* Without the privilege too: the integrity rule comes first. */
	ASSERT_EQ(0, wt_set_privilege_policy(""));
	ASSERT_LT(0, spawn_client(0, WT_SECURITY_DELEGATION, 0, CLIENT_STAY));
	svc = fork();
	ASSERT_LE(0, svc);
	if (svc == 0) {
		int dev = become_service(), conn;

		conn = serve_next_client(_metadata, dev, self->lfd,
					 WT_SECURITY_IDENTIFICATION, WT_IMPERSONATE_INTEGRITY);
		EXPECT_EQ(0, wt_revert_to_self(dev));
		close(conn);
		CHILD_DONE();
	}
	EXPECT_EQ(0, wt_reap(svc));
}

/*
 * The administrator's default_connect_level applies to clients that set
 * nothing (0 to 3 only); the token is a snapshot taken at connect.
 */
TEST_F(imp, default_level_is_settable_and_the_token_a_snapshot)
{
	__u32 level, result;
	uid_t who;
	int conn;

	EXPECT_EQ(-1, wt_write_param("default_connect_level", "4"));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(WT_SECURITY_IDENTIFICATION, wt_read_param("default_connect_level"));
	ASSERT_EQ(0, wt_write_param("default_connect_level", "2"));
	ASSERT_LT(0, spawn_client(WT_UID_ALICE, NO_QOS, 0, CLIENT_STAY));
	conn = accept_client(self->lfd, &who);
	ASSERT_LE(0, conn);
	ASSERT_EQ(0, wt_write_param("default_connect_level", "1"));
	/* The default in force at connect counts, not the one now. */
	ASSERT_EQ(0, peer(self->dev, conn, &level, &result));
	EXPECT_EQ(WT_SECURITY_IMPERSONATION, level);
	EXPECT_EQ(WT_UID_ALICE, thread_euid());
	EXPECT_EQ(0, wt_revert_to_self(self->dev));
	close(conn);

	/* root connects, then becomes bob: the server still sees root. */
	ASSERT_LT(0, spawn_client(0, WT_SECURITY_IMPERSONATION, 0,
				  CLIENT_BECOME_BOB));
	conn = accept_client(self->lfd, &who);
	ASSERT_LE(0, conn);
	ASSERT_EQ(0, peer(self->dev, conn, &level, &result));
	EXPECT_EQ(WT_SECURITY_IMPERSONATION, level);
	expect_thread_user(_metadata, self->dev, 0, SID_ROOT);
	EXPECT_EQ(0, thread_euid());
	EXPECT_EQ(0, wt_revert_to_self(self->dev));
	close(conn);
}

TEST_HARNESS_MAIN
