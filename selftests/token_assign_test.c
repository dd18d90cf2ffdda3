// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests: assigning a primary token to a process. Runs as root in
 * the VM; drops to alice, bob, wtsvc in forked children.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/wintok.h>

#include "kselftest_harness.h"
#include "libwintok.h"
#include "wt_test.h"
#include "token_common.h"

/* ---- assigning a primary token ---- */

/* Is @sid the user of the calling process's token? 1 if so. */
static int self_user_is(const char *sid)
{
	char user[192] = "";
	int fd = open_self();

	if (fd >= 0)
		single_sid(fd, WT_TOKEN_INFO_USER, user, sizeof(user), NULL);
	close(fd);
	return !strcmp(user, sid);
}

TEST_F(token, assign_primary_token_runs_the_process_as_the_token)
{
	struct test_token t;
	pid_t pid;
	int fd;

	test_token_init(&t, "S-1-22-1-1001");
	fd = assignable_token(self->dev, self->tok, &t);
	ASSERT_LE(0, fd);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct wt_token_statistics want, got;
		gid_t groups[8];
		uint64_t id_before;
		long pins;

		if (token_stats(fd, &want))
			_exit(2);
		pins = module_refcnt();
		/* The real uid first, the Linux way; then the token. */
		if (setresuid(1001, -1, -1))
			_exit(12);
		if (wt_assign_primary_token(self->dev, fd))
			_exit(3);
		/* A process with an assigned token pins the module. */
		if (pins < 0 || module_refcnt() != pins + 1)
			_exit(11);
		/* Linux ids follow the token; capabilities are gone. */
		if (getuid() != 1001 || geteuid() != 1001 || getgid() != 1001 ||
		    getegid() != 1001)
			_exit(4);
		if (getgroups(8, groups) != 1 || groups[0] != 2001)
			_exit(5);
		if (wt_cap_effective() != 0)
			_exit(6);
		/* The process token is that very token object. */
		id_before = self_token_id();
		if (id_before != want.token_id)
			_exit(7);
		if (!self_user_is("S-1-22-1-1001"))
			_exit(8);
		/* A new process gets a copy of it, with the same user. */
		{
			pid_t c = fork();

			if (c == 0)
				_exit(!self_user_is("S-1-22-1-1001") ||
				      self_token_id() == want.token_id);
			if (wt_reap(c))
				_exit(9);
		}
		if (token_stats(fd, &got) || got.token_id != want.token_id)
			_exit(10);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
	close(fd);
}

TEST_F(token, assigned_token_is_kept_across_id_changes)
{
	pid_t pid;

	ASSERT_EQ(0, enable_priv(self->tok, WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		char user[192], exe[256];
		uint64_t before, after, helper_id;
		unsigned int euid;
		ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
		int fd = open_self();

		if (n <= 0)
			_exit(8);
		exe[n] = '\0';

		/* The own (derived) token: the process gets a copy not derived. */
		before = self_token_id();
		if (fd < 0 || wt_assign_primary_token(self->dev, fd))
			_exit(2);
		after = self_token_id();
		if (!after || after == before)
			_exit(3);
		if (getuid() != 0 || wt_cap_effective() == 0)	/* root keeps its caps */
			_exit(4);
		/* setuid() no longer re-derives: the token stays root's. */
		if (setresuid(WT_UID_BOB, WT_UID_BOB, WT_UID_BOB))
			_exit(5);
		if (!self_user_is("S-1-22-1-0") || self_token_id() != after)
			_exit(6);
		/* Nor does an exec (the helper runs in a fork: a copy). */
		if (run_helper(exe, 0, &helper_id, user, sizeof(user), &euid) ||
		    strcmp(user, "S-1-22-1-0") || euid != WT_UID_BOB)
			_exit(7);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
}

TEST_F(token, assign_primary_token_errors)
{
	struct wt_assign_primary a;
	int fd, q, imp, closed;
	pid_t pid;

	ASSERT_EQ(0, assign_refused_tokens(self->dev, self->tok, &fd, &imp, &q));
	closed = open_self();
	close(closed);

	/* SeAssignPrimaryTokenPrivilege is held but not enabled. */
	EXPECT_EQ(-1, wt_assign_primary_token(self->dev, fd));
	EXPECT_EQ(EPERM, errno);
	ASSERT_EQ(0, enable_priv(self->tok, WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE));
	EXPECT_EQ(-1, wt_assign_primary_token(self->dev, q));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(-1, wt_assign_primary_token(self->dev, imp));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, wt_assign_primary_token(self->dev, closed));
	EXPECT_EQ(EBADF, errno);
	EXPECT_EQ(-1, wt_assign_primary_token(self->dev, self->dev));
	EXPECT_EQ(EBADFD, errno);
	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	a.fd = fd;
	a.flags = 0x2;	/* not a flag (0x1 is WT_ASSIGN_PRIMARY_AT_EXEC) */
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_ASSIGN_PRIMARY_TOKEN, &a));
	EXPECT_EQ(EINVAL, errno);
	a.flags = 0;
	a.reserved = 1;
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_ASSIGN_PRIMARY_TOKEN, &a));
	EXPECT_EQ(EINVAL, errno);
	a.reserved = 0;
	a.size = 8;
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_ASSIGN_PRIMARY_TOKEN, &a));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_ASSIGN_PRIMARY_TOKEN, &a));
	EXPECT_EQ(ENOTTY, errno);

	/* A process with a second thread is refused. */
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		pthread_t th;

		if (pthread_create(&th, NULL, wt_pause_thread, NULL))
			_exit(2);
		if (wt_assign_primary_token(self->dev, fd) != -1 || errno != EBUSY)
			_exit(3);
		if (getuid() != 0)
			_exit(4);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));

	/* alice cannot enable the privilege: EPERM. */
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int own;

		wt_become_user(WT_UID_ALICE, WT_UID_ALICE);
		own = open_self();
		enable_priv(own, WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE);
		if (wt_assign_primary_token(-1, fd) != -1 || errno != EPERM)
			_exit(3);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
	close(q);
	close(imp);
	close(fd);
}

TEST_F(token, assign_primary_token_other_sids_give_overflow_ids)
{
	struct test_token t;
	pid_t pid;
	int fd;

	test_token_init(&t, "S-1-5-21-7-7-7-1000");
	t.c.primary_group = sa_of("S-1-5-21-7-7-7-1000", 0);
	fd = assignable_token(self->dev, self->tok, &t);
	ASSERT_LE(0, fd);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		gid_t groups[8];

		if (setresuid(65534, -1, -1))
			_exit(6);
		if (wt_assign_primary_token(self->dev, fd))
			_exit(2);
		if (getuid() != 65534 || getgid() != 65534 || wt_cap_effective() != 0)
			_exit(3);
		/* S-1-22-2-2001 and S-1-22-2-1001 are enabled groups. */
		if (getgroups(8, groups) != 2)
			_exit(4);
		_exit(self_user_is("S-1-5-21-7-7-7-1000") ? 0 : 5);
	}
	EXPECT_EQ(0, wt_reap(pid));
	close(fd);
}

/*
 * The real uid owns the process's RLIMIT_NPROC count, which the module
 * cannot move: a token of another user needs the real uid set first.
 */
TEST_F(token, assign_primary_token_needs_the_tokens_real_uid)
{
	struct test_token t;
	pid_t pid;
	int fd;

	test_token_init(&t, "S-1-22-1-1001");
	fd = assignable_token(self->dev, self->tok, &t);
	ASSERT_LE(0, fd);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		/* Real uid 0, token of 1001: refused, nothing changed. */
		if (wt_assign_primary_token(self->dev, fd) != -1 || errno != EPERM)
			_exit(2);
		if (!self_user_is("S-1-22-1-0") || getuid() != 0 ||
		    geteuid() != 0)
			_exit(3);
		/* Another wrong real uid: still refused. */
		if (setresuid(1002, -1, -1))
			_exit(4);
		if (wt_assign_primary_token(self->dev, fd) != -1 || errno != EPERM)
			_exit(5);
		/* The token's uid: assigned. */
		if (setresuid(1001, -1, -1) || wt_assign_primary_token(self->dev, fd))
			_exit(6);
		_exit(!self_user_is("S-1-22-1-1001") || getuid() != 1001 ||
		      geteuid() != 1001 ? 7 : 0);
	}
	EXPECT_EQ(0, wt_reap(pid));
	close(fd);
}

/* Only a live second thread refuses an assignment (EBUSY), not a past one. */
TEST_F(token, assign_primary_token_refused_with_a_second_thread_only)
{
	struct test_token t;
	pid_t pid;
	int fd;

	/* Once the second thread is gone, the same process may assign. */
	test_token_init(&t, "S-1-22-1-1002");
	t.groups[6] = sa_of("S-1-22-2-1002", G_DEFAULT);
	t.c.primary_group = sa_of("S-1-22-2-1002", 0);
	fd = assignable_token(self->dev, self->tok, &t);
	ASSERT_LE(0, fd);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		uint64_t id = 0;
		int tries = 0, ret;
		pthread_t th;

		if (setresuid(1002, -1, -1) ||
		    pthread_create(&th, NULL, thread_token_id, &id) ||
		    pthread_join(th, NULL))
			_exit(2);
		/*
		 * pthread_join() returns when the thread's tid is cleared,
		 * a moment before the kernel stops counting the thread.
		 */
		while ((ret = wt_assign_primary_token(self->dev, fd)) &&
		       errno == EBUSY && ++tries < 200)
			usleep(10000);
		if (ret)
			_exit(3);
		_exit(getuid() == 1002 && getgid() == 1002 ? 0 : 4);
	}
	EXPECT_EQ(0, wt_reap(pid));
	close(fd);
}

TEST_HARNESS_MAIN
