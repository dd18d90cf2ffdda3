// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests, impersonation: the Linux ids of an impersonating thread
 * follow its token, and what its forks, threads and exec'd programs get.
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

/* ---- Linux ids follow the token ---- */

/*
 * root serving alice: euid, fsuid, egid, fsgid and groups are hers, real
 * and saved ids stay root's, no capabilities; revert restores exactly.
 * root impersonating itself keeps its capabilities.
 */
TEST_F(imp, linux_ids_follow_the_token_root_service)
{
	const struct account *alice = account_of(WT_UID_ALICE);
	struct ids before, during, after;
	__u32 level, result;
	int conn, tok;

	ASSERT_LT(0, spawn_client(WT_UID_ALICE, WT_SECURITY_IMPERSONATION, 0,
				  CLIENT_STAY));
	conn = accept_client(self->lfd, NULL);
	ASSERT_LE(0, conn);
	get_ids(&before);
	ASSERT_NE(0, before.cap_eff);
	ASSERT_EQ(0, peer(self->dev, conn, &level, &result));
	get_ids(&during);
	EXPECT_EQ(0, wt_open_errno(self->alice_plain, O_RDONLY));
	EXPECT_EQ(0, wt_open_errno(self->alice_file, O_RDONLY));
	EXPECT_EQ(EACCES, wt_open_errno(self->bob_file, O_RDONLY));
	EXPECT_EQ(0, wt_revert_to_self(self->dev));
	get_ids(&after);
	EXPECT_EQ(WT_SECURITY_IMPERSONATION, level);
	EXPECT_EQ(0, result);
	EXPECT_EQ(0, during.r);
	EXPECT_EQ(WT_UID_ALICE, during.e);
	EXPECT_EQ(0, during.s);
	EXPECT_EQ(WT_UID_ALICE, during.fs);
	EXPECT_EQ(0, during.rg);
	EXPECT_EQ(alice->gid, during.eg);
	EXPECT_EQ(0, during.sg);
	EXPECT_EQ(alice->gid, during.fsg);
	EXPECT_TRUE(groups_are(&during, alice));
	EXPECT_EQ(0, during.cap_eff);
	EXPECT_EQ(0, during.cap_prm);
	EXPECT_EQ(0, memcmp(&before, &after, sizeof(before)));
	close(conn);

	/* root's own token: its capabilities stay. */
	tok = wt_open_process_token(self->dev, WT_TOKEN_QUERY | WT_TOKEN_DUPLICATE,
				    NULL);
	ASSERT_LE(0, tok);
	ASSERT_EQ(0, wt_impersonate_token(self->dev, tok, &level, &result));
	get_ids(&during);
	EXPECT_EQ(0, wt_revert_to_self(self->dev));
	EXPECT_EQ(WT_SECURITY_IMPERSONATION, level);
	EXPECT_EQ(0, during.e);
	EXPECT_EQ(before.cap_eff, during.cap_eff);
	get_ids(&after);
	EXPECT_EQ(0, memcmp(&before, &after, sizeof(before)));
	close(tok);
}

/* The service as wtsvc: the same, and revert gives back exactly wtsvc. */
TEST_F(imp, linux_ids_follow_the_token_service)
{
	pid_t svc;

	ASSERT_LT(0, spawn_client(WT_UID_BOB, WT_SECURITY_IMPERSONATION, 0,
				  CLIENT_STAY));
	svc = fork();
	ASSERT_LE(0, svc);
	if (svc == 0) {
		const struct account *bob = account_of(WT_UID_BOB);
		int dev = become_service(), conn;
		struct ids before, during, after;
		__u32 level, result;

		conn = accept_client(self->lfd, NULL);
		EXPECT_LE(0, conn);
		CHILD_BAIL_IF_FAILED();
		get_ids(&before);
		EXPECT_EQ(0, peer(dev, conn, &level, &result));
		get_ids(&during);
		EXPECT_EQ(0, wt_open_errno(self->bob_file, O_RDONLY));
		EXPECT_EQ(EACCES, wt_open_errno(self->alice_plain, O_RDONLY));
		EXPECT_EQ(0, wt_revert_to_self(dev));
		get_ids(&after);
		EXPECT_EQ(WT_SECURITY_IMPERSONATION, level);
		EXPECT_EQ(WT_UID_SERVICE, during.r);
		EXPECT_EQ(WT_UID_BOB, during.e);
		EXPECT_EQ(WT_UID_SERVICE, during.s);
		EXPECT_EQ(WT_UID_BOB, during.fs);
		EXPECT_EQ(WT_UID_SERVICE, during.rg);
		EXPECT_EQ(bob->gid, during.eg);
		EXPECT_EQ(WT_UID_SERVICE, during.sg);
		EXPECT_TRUE(groups_are(&during, bob));
		EXPECT_EQ(0, during.cap_eff);
		EXPECT_EQ(0, memcmp(&before, &after, sizeof(before)));
		EXPECT_EQ(WT_UID_SERVICE, after.e);
		EXPECT_EQ(EACCES, wt_open_errno(self->bob_file, O_RDONLY));
		close(conn);
		CHILD_DONE();
	}
	EXPECT_EQ(0, wt_reap(svc));
}

/* ---- fork, threads and exec of an impersonating thread ---- */

struct probe {
	int dev;
	long euid;
	int thread_token_errno;
	char user[192];
};

static void *probe_thread(void *arg)
{
	struct probe *p = arg;
	int fd;

	p->euid = thread_euid();
	fd = wt_open_thread_token(p->dev, 0, 0, WT_TOKEN_QUERY, NULL);
	p->thread_token_errno = fd < 0 ? errno : 0;
	if (fd >= 0)
		close(fd);
	process_user(p->dev, p->user, sizeof(p->user));
	return NULL;
}

/* In a fork of an impersonating thread: exit 0 when it is the service. */
static int forked_child_checks(int dev, const char *alice_plain)
{
	unsigned int r = 0, e = 0, s = 0, rg = 0, eg = 0, sg = 0;
	char user[192];

	syscall(SYS_getresuid, &r, &e, &s);
	syscall(SYS_getresgid, &rg, &eg, &sg);
	if (r != WT_UID_SERVICE || e != WT_UID_SERVICE || s != WT_UID_SERVICE)
		return 2;
	if (rg != WT_UID_SERVICE || eg != WT_UID_SERVICE || sg != WT_UID_SERVICE ||
	    syscall(SYS_getgroups, 0, NULL) != 0)
		return 6;
	if (wt_open_thread_token(dev, 0, 0, WT_TOKEN_QUERY, NULL) >= 0 ||
	    errno != ENOENT)
		return 3;
	if (process_user(dev, user, sizeof(user)) || strcmp(user, SID_SERVICE))
		return 4;
	if (wt_open_errno(alice_plain, O_RDONLY) != EACCES)
		return 5;
	return 0;
}

TEST_F(imp, fork_thread_and_exec_get_the_service_identity)
{
	char exe[256];
	ssize_t n;
	pid_t svc;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	ASSERT_LT(0, n);
	exe[n] = '\0';
	ASSERT_LT(0, spawn_client(WT_UID_ALICE, WT_SECURITY_IMPERSONATION, 0,
				  CLIENT_STAY));
	svc = fork();
	ASSERT_LE(0, svc);
	if (svc == 0) {
		int dev = become_service(), conn, rd;
		struct probe p = { .dev = dev };
		__u32 level, result;
		char line[256] = "", want[256];
		pthread_t th;
		pid_t pid;

		conn = accept_client(self->lfd, NULL);
		EXPECT_LE(0, conn);
		CHILD_BAIL_IF_FAILED();
		EXPECT_EQ(0, peer(dev, conn, &level, &result));
		EXPECT_EQ(WT_SECURITY_IMPERSONATION, level);
		EXPECT_EQ(WT_UID_ALICE, thread_euid());
		CHILD_BAIL_IF_FAILED();

		/* A new thread runs as the service. */
		EXPECT_EQ(0, pthread_create(&th, NULL, probe_thread, &p));
		pthread_join(th, NULL);
		EXPECT_EQ(WT_UID_SERVICE, p.euid);
		EXPECT_EQ(ENOENT, p.thread_token_errno);
		EXPECT_STREQ(SID_SERVICE, p.user);

		/* So does a forked child. */
		fflush(stdout);
		pid = fork();
		if (pid == 0)
			_exit(forked_child_checks(dev, self->alice_plain));
		EXPECT_EQ(0, wt_reap(pid));

		/* And a program exec'd by an impersonating thread. */
		pid = wt_fork_stdout(&rd);
		EXPECT_LE(0, pid);
		if (pid == 0) {
			__u32 l, r;

			if (wt_impersonate_peer(dev, conn, &l, &r) ||
			    l != WT_SECURITY_IMPERSONATION ||
			    thread_euid() != WT_UID_ALICE)
				_exit(11);
			setenv("WT_IMP_HELPER", "1", 1);
			execl(exe, exe, (char *)NULL);
			_exit(12);
		}
		if (pid > 0)
			wt_read_all(rd, line, sizeof(line));
		EXPECT_EQ(0, wt_reap(pid));
		snprintf(want, sizeof(want), "%u %u %u %u %u %u %s %d\n",
			 WT_UID_SERVICE, WT_UID_SERVICE, WT_UID_SERVICE,
			 WT_UID_SERVICE, WT_UID_SERVICE, WT_UID_SERVICE,
			 SID_SERVICE, ENOENT);
		EXPECT_STREQ(want, line);

		/* The impersonating thread itself is unchanged by all this. */
		EXPECT_EQ(WT_UID_ALICE, thread_euid());
		EXPECT_EQ(0, wt_revert_to_self(dev));
		EXPECT_EQ(WT_UID_SERVICE, thread_euid());
		close(conn);
		CHILD_DONE();
	}
	EXPECT_EQ(0, wt_reap(svc));
}

TEST_HARNESS_MAIN
