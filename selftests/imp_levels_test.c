// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests, impersonation: impersonation levels: Anonymous and
 * Identification refuse every file operation, the default level, and
 * EffectiveOnly dropping disabled privileges.
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

/* ---- levels ---- */

TEST_F(imp, identification_anonymous_and_the_default_level)
{
	long deflevel = wt_read_param("default_connect_level");
	pid_t svc;

	long denials0 = wt_read_param("bad_level_denials");

	ASSERT_EQ(WT_SECURITY_IDENTIFICATION, deflevel);
	ASSERT_LT(0, spawn_client(WT_UID_ALICE, WT_SECURITY_IDENTIFICATION, 0,
				  CLIENT_STAY));
	svc = fork();
	ASSERT_LE(0, svc);
	if (svc == 0) {
		int dev = become_service(), conn;
		struct ids id;

		/* One client at a time, so each connection's client is known. */
		conn = serve_next_client(_metadata, dev, self->lfd,
					 WT_SECURITY_IDENTIFICATION, 0);
		get_ids(&id);
		expect_thread_user(_metadata, dev, 0, SID_ALICE);
		EXPECT_EQ(WT_SECURITY_IDENTIFICATION, thread_level(dev));
		EXPECT_EQ(EBADIMPLEVEL_ERRNO, wt_open_errno(self->public_file, O_RDONLY));
		/* Not even the device: libwintok callers keep one open. */
		EXPECT_EQ(EBADIMPLEVEL_ERRNO, wt_open_errno("/dev/" WT_DEVICE_NAME, O_RDONLY));
		EXPECT_EQ(0, wt_revert_to_self(dev));
		EXPECT_EQ(OVERFLOW_ID, id.e);
		EXPECT_EQ(OVERFLOW_ID, id.eg);
		EXPECT_EQ(0, id.ngroups);
		EXPECT_EQ(0, id.cap_eff);
		close(conn);
		CHILD_DONE();
	}
	EXPECT_EQ(0, wt_reap(svc));

	ASSERT_LT(0, spawn_client(WT_UID_ALICE, WT_SECURITY_ANONYMOUS, 0,
				  CLIENT_STAY));
	svc = fork();
	ASSERT_LE(0, svc);
	if (svc == 0) {
		int dev = become_service(), conn;

		conn = serve_next_client(_metadata, dev, self->lfd,
					 WT_SECURITY_ANONYMOUS, 0);
		expect_thread_user(_metadata, dev, 0, SID_ANONYMOUS);
		EXPECT_EQ(WT_SECURITY_ANONYMOUS, thread_level(dev));
		EXPECT_EQ(OVERFLOW_ID, thread_euid());
		EXPECT_EQ(EBADIMPLEVEL_ERRNO, wt_open_errno(self->public_file, O_RDONLY));
		EXPECT_EQ(0, wt_revert_to_self(dev));
		close(conn);
		CHILD_DONE();
	}
	EXPECT_EQ(0, wt_reap(svc));

	ASSERT_LT(0, spawn_client(WT_UID_ALICE, NO_QOS, 0, CLIENT_STAY));
	svc = fork();
	ASSERT_LE(0, svc);
	if (svc == 0) {
		int dev = become_service(), conn;

		conn = serve_next_client(_metadata, dev, self->lfd,
					 deflevel, 0);
		EXPECT_EQ(EBADIMPLEVEL_ERRNO, wt_open_errno(self->public_file, O_RDONLY));
		EXPECT_EQ(0, wt_revert_to_self(dev));
		close(conn);
		CHILD_DONE();
	}
	EXPECT_EQ(0, wt_reap(svc));
	/* Four opens refused for the level (the device's among them). */
	EXPECT_LE(0, denials0);
	EXPECT_LE(denials0 + 4, wt_read_param("bad_level_denials"));
}

/* -errno of a path operation, 0 on success. */
static int op_errno(int ret)
{
	return ret < 0 ? -errno : 0;
}

/*
 * Below Impersonation every file operation wintok checks is refused with
 * ENOKEY, in a world-writable directory without any SD too; Linux alone
 * would allow each of them (the thread runs as the overflow ids).
 */
TEST_F(imp, identification_refuses_every_file_operation)
{
	char d[120], f[140], sub[140], fifo[140], ln[140], moved[140];
	__u32 level, result;
	int prim, tok;

	snprintf(d, sizeof(d), "%s/open", self->dir);
	snprintf(f, sizeof(f), "%s/f", d);
	snprintf(sub, sizeof(sub), "%s/sub", d);
	snprintf(fifo, sizeof(fifo), "%s/fifo", d);
	snprintf(ln, sizeof(ln), "%s/ln", d);
	snprintf(moved, sizeof(moved), "%s/moved", d);
	ASSERT_EQ(0, mkdir(d, 0777));
	ASSERT_EQ(0, chmod(d, 0777));
	ASSERT_EQ(0, make_file(f, 0, 0666, NULL));
	prim = wt_open_process_token(self->dev, WT_TOKEN_ALL_ACCESS, NULL);
	ASSERT_LE(0, prim);
	tok = wt_duplicate_token(prim, 0, WT_TOKEN_IMPERSONATION,
				 WT_SECURITY_IDENTIFICATION, NULL);
	ASSERT_LE(0, tok);
	ASSERT_EQ(0, wt_impersonate_token(self->dev, tok, &level, &result));
	EXPECT_EQ(WT_SECURITY_IDENTIFICATION, level);
	EXPECT_EQ(-ENOKEY, op_errno(open(f, O_RDONLY | O_CLOEXEC)));
	EXPECT_EQ(-ENOKEY, op_errno(open(sub, O_CREAT | O_WRONLY | O_CLOEXEC, 0600)));
	EXPECT_EQ(-ENOKEY, op_errno(mkdir(sub, 0700)));
	EXPECT_EQ(-ENOKEY, op_errno(mkfifo(fifo, 0600)));
	EXPECT_EQ(-ENOKEY, op_errno(symlink(f, ln)));
	EXPECT_EQ(-ENOKEY, op_errno(rename(f, moved)));
	EXPECT_EQ(-ENOKEY, op_errno(unlink(f)));
	EXPECT_EQ(-ENOKEY, op_errno(chmod(f, 0600)));
	EXPECT_EQ(-ENOKEY, op_errno(truncate(f, 0)));
	EXPECT_EQ(0, wt_revert_to_self(self->dev));
	/* Nothing happened; as root again, all of it works. */
	EXPECT_EQ(0, access(f, F_OK));
	EXPECT_EQ(-1, access(sub, F_OK));
	EXPECT_EQ(0, op_errno(mkdir(sub, 0700)));
	EXPECT_EQ(0, op_errno(rename(f, moved)));
	EXPECT_EQ(0, op_errno(unlink(moved)));
	close(tok);
	close(prim);
}

/* WT_QOS_EFFECTIVE_ONLY passes on only enabled privileges. */
TEST_F(imp, effective_only_drops_disabled_privileges)
{
	__u32 level, result;
	uid_t who;
	int conn, tok;

	/* root serves root: same integrity, privilege held. */
	ASSERT_LT(0, spawn_client(0, WT_SECURITY_IMPERSONATION, 0, CLIENT_STAY));
	conn = accept_client(self->lfd, &who);
	ASSERT_LE(0, conn);
	ASSERT_EQ(0, peer(self->dev, conn, &level, &result));
	EXPECT_EQ(WT_SECURITY_IMPERSONATION, level);
	tok = wt_open_thread_token(self->dev, 0, 0, WT_TOKEN_QUERY, NULL);
	EXPECT_EQ(0, wt_revert_to_self(self->dev));
	ASSERT_LE(0, tok);
	EXPECT_EQ(0, wt_priv_attrs(tok, WT_SE_BACKUP_PRIVILEGE));
	EXPECT_LT(0, wt_priv_attrs(tok, WT_SE_CHANGE_NOTIFY_PRIVILEGE));
	close(tok);
	close(conn);

	ASSERT_LT(0, spawn_client(0, WT_SECURITY_IMPERSONATION,
				  WT_QOS_EFFECTIVE_ONLY, CLIENT_STAY));
	conn = accept_client(self->lfd, &who);
	ASSERT_LE(0, conn);
	ASSERT_EQ(0, peer(self->dev, conn, &level, &result));
	EXPECT_EQ(WT_SECURITY_IMPERSONATION, level);
	tok = wt_open_thread_token(self->dev, 0, 0, WT_TOKEN_QUERY, NULL);
	EXPECT_EQ(0, wt_revert_to_self(self->dev));
	ASSERT_LE(0, tok);
	EXPECT_EQ(-1, wt_priv_attrs(tok, WT_SE_BACKUP_PRIVILEGE));
	EXPECT_LT(0, wt_priv_attrs(tok, WT_SE_CHANGE_NOTIFY_PRIVILEGE));
	close(tok);
	close(conn);
}

TEST_HARNESS_MAIN
