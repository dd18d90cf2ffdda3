// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests: user namespaces and impersonation.
 *
 * An impersonating thread keeps the process's real ids, user namespace
 * and ucounts, and threads it creates run as the process again. Entering
 * a user namespace while impersonating would give the impersonation a
 * namespace (owned by the client) the process does not have: new threads
 * would be charged to one ucounts and released from another (the kernel
 * warns in dec_rlimit_ucounts and counts go wrong), and a child would run
 * as the service inside a namespace its client owns. The module refuses
 * unshare(CLONE_NEWUSER), clone(CLONE_NEWUSER) and setns() into a user
 * namespace while the thread impersonates (EPERM). Runs as root in the VM;
 * the tests act as alice impersonating her own token, which needs no
 * privilege. The VM run fails on any kernel WARNING, which is what the
 * thread loop provoked before the fix.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/wintok.h>

#include "kselftest_harness.h"
#include "libwintok.h"
#include "wt_test.h"

/* In a forked child: become alice impersonating her own token at @level. */
static int alice_impersonates_self(unsigned int level, int *dev)
{
	wt_become_user(WT_UID_ALICE, WT_GID_USERS);
	*dev = open("/dev/wintok", O_RDWR | O_CLOEXEC);
	if (*dev < 0)
		return -1;
	return wt_impersonate_own_token(*dev, level);
}

/* clone(CLONE_NEWUSER) without a new stack; the child exits at once. */
static int clone_newuser(void)
{
	long pid = syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0);

	if (pid == 0)
		_exit(0);
	if (pid < 0)
		return -1;
	return wt_reap(pid) ? -2 : 0;
}

TEST(unshare_newuser_refused_while_impersonating)
{
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (pid == 0) {
		int dev;

		if (alice_impersonates_self(WT_SECURITY_IDENTIFICATION, &dev))
			_exit(10);
		if (unshare(CLONE_NEWUSER) == 0)
			_exit(11);
		if (errno != EPERM)
			_exit(12);
		if (wt_revert_to_self(dev))
			_exit(13);
		/* The process itself may (Debian allows unprivileged ones). */
		if (unshare(CLONE_NEWUSER))
			_exit(14);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
}

TEST(clone_newuser_refused_while_impersonating)
{
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (pid == 0) {
		int dev;

		if (alice_impersonates_self(WT_SECURITY_IMPERSONATION, &dev))
			_exit(10);
		if (clone_newuser() != -1)
			_exit(11);
		if (errno != EPERM)
			_exit(12);
		if (wt_revert_to_self(dev))
			_exit(13);
		if (clone_newuser())
			_exit(14);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
}

/*
 * setns() into a user namespace alice owns (a child of hers made it):
 * her impersonating thread has CAP_SYS_ADMIN there as its owner, and
 * would carry the impersonation into it.
 */
TEST(setns_user_refused_while_impersonating)
{
	int ready[2], hold[2];
	pid_t owner, pid;
	char c;

	ASSERT_EQ(0, pipe(ready));
	ASSERT_EQ(0, pipe(hold));
	owner = fork();
	ASSERT_LE(0, owner);
	if (owner == 0) {
		close(ready[0]);
		close(hold[1]);
		wt_become_user(WT_UID_ALICE, WT_GID_USERS);
		c = unshare(CLONE_NEWUSER) ? 'n' : 'y';
		if (write(ready[1], &c, 1) != 1)
			_exit(1);
		/* Hold the namespace until the test is done. */
		if (read(hold[0], &c, 1) < 0)
			_exit(2);
		_exit(0);
	}
	close(ready[1]);
	close(hold[0]);
	ASSERT_EQ(1, read(ready[0], &c, 1));
	ASSERT_EQ('y', c);

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		char path[64];
		int dev, ns;

		snprintf(path, sizeof(path), "/proc/%d/ns/user", owner);
		/* Opened as root; the thread becomes alice below. */
		ns = open(path, O_RDONLY | O_CLOEXEC);
		if (ns < 0)
			_exit(9);
		if (alice_impersonates_self(WT_SECURITY_IMPERSONATION, &dev))
			_exit(10);
		if (setns(ns, CLONE_NEWUSER) == 0)
			_exit(11);
		if (errno != EPERM)
			_exit(12);
		if (wt_revert_to_self(dev))
			_exit(13);
		/* Not impersonating: the owner may enter. */
		if (setns(ns, CLONE_NEWUSER))
			_exit(14);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
	close(hold[1]);
	EXPECT_EQ(0, wt_reap(owner));
}

static void *nothing(void *arg)
{
	return arg;
}

/*
 * The reproducer of the ucounts corruption: whatever unshare() answers,
 * 200 threads made and joined by an impersonating thread must leave the
 * counts as they were (no kernel WARNING in dec_rlimit_ucounts, checked
 * by the VM runner) and the user able to fork up to its limit.
 */
TEST(thread_loop_after_newuser_attempt)
{
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct rlimit rl = { .rlim_cur = 8, .rlim_max = 8 };
		pthread_t t;
		pid_t kids[4];
		int dev, i, unshared;

		if (alice_impersonates_self(WT_SECURITY_IDENTIFICATION, &dev))
			_exit(10);
		/* Judged after the loop, which is the reproducer. */
		unshared = unshare(CLONE_NEWUSER) == 0;
		for (i = 0; i < 200; i++) {
			if (pthread_create(&t, NULL, nothing, NULL))
				_exit(12);
			if (pthread_join(t, NULL))
				_exit(13);
		}
		if (wt_revert_to_self(dev))
			_exit(14);
		if (unshared)
			_exit(11);
		/* alice runs nothing else: 4 more processes fit under 8. */
		if (setrlimit(RLIMIT_NPROC, &rl))
			_exit(15);
		for (i = 0; i < 4; i++) {
			kids[i] = fork();
			if (kids[i] == 0) {
				pause();
				_exit(0);
			}
		}
		for (i = 0; i < 4; i++) {
			if (kids[i] < 0)
				_exit(16);
			wt_kill_reap(kids[i]);
		}
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
}

TEST_HARNESS_MAIN
