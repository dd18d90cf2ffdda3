// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests, impersonation: impersonating token handles, argument
 * errors, the revert rules, OpenThreadToken() and DuplicateTokenEx().
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

/* ---- impersonating token handles ---- */

TEST_F(imp, impersonate_token_handles)
{
	int alice_q, alice_qd, bob_qd;
	pid_t svc;

	alice_q = user_token(WT_UID_ALICE, WT_TOKEN_QUERY);
	alice_qd = user_token(WT_UID_ALICE, WT_TOKEN_QUERY | WT_TOKEN_DUPLICATE);
	bob_qd = user_token(WT_UID_BOB, WT_TOKEN_QUERY | WT_TOKEN_DUPLICATE);
	ASSERT_LE(0, alice_q);
	ASSERT_LE(0, alice_qd);
	ASSERT_LE(0, bob_qd);
	svc = fork();
	ASSERT_LE(0, svc);
	if (svc == 0) {
		int dev = become_service(), t_query, t_imp, null_fd, closed_fd;
		__u32 level, result, granted = 0;
		char user[192];

		/* A primary token needs TOKEN_DUPLICATE as well as TOKEN_QUERY. */
		EXPECT_EQ(-1, wt_impersonate_token(dev, alice_q, &level, &result));
		EXPECT_EQ(EACCES, errno);
		EXPECT_EQ(-ENOENT, thread_user(dev, 0, user, sizeof(user)));
		EXPECT_EQ(0, wt_impersonate_token(dev, alice_qd, &level, &result));
		EXPECT_EQ(WT_SECURITY_IMPERSONATION, level);
		EXPECT_EQ(0, result);
		EXPECT_EQ(WT_UID_ALICE, thread_euid());
		EXPECT_EQ(0, wt_open_errno(self->alice_file, O_RDONLY));
		expect_thread_user(_metadata, dev, 0, SID_ALICE);
		/* Handles to the impersonation token, with and without the right. */
		t_query = wt_open_thread_token(dev, 0, 0, WT_TOKEN_QUERY, &granted);
		EXPECT_LE(0, t_query);
		EXPECT_EQ(WT_TOKEN_QUERY, granted);
		t_imp = wt_open_thread_token(dev, 0, 0, WT_TOKEN_ALL_ACCESS, &granted);
		EXPECT_LE(0, t_imp);
		EXPECT_EQ(WT_TOKEN_ALL_ACCESS, granted);
		EXPECT_EQ(WT_TOKEN_IMPERSONATION, fd_u32(t_imp, WT_TOKEN_INFO_TYPE));
		EXPECT_EQ(WT_SECURITY_IMPERSONATION,
			  fd_u32(t_imp, WT_TOKEN_INFO_IMPERSONATION_LEVEL));

		/* Impersonating again replaces; one revert ends it. */
		EXPECT_EQ(0, wt_impersonate_token(dev, bob_qd, &level, &result));
		EXPECT_EQ(WT_UID_BOB, thread_euid());
		expect_thread_user(_metadata, dev, 0, SID_BOB);
		EXPECT_EQ(EACCES, wt_open_errno(self->alice_file, O_RDONLY));
		EXPECT_EQ(0, wt_revert_to_self(dev));
		EXPECT_EQ(WT_UID_SERVICE, thread_euid());
		EXPECT_EQ(-ENOENT, thread_user(dev, 0, user, sizeof(user)));

		EXPECT_EQ(-1, wt_impersonate_token(dev, t_query, &level, &result));
		EXPECT_EQ(EACCES, errno);
		EXPECT_EQ(0, wt_impersonate_token(dev, t_imp, &level, &result));
		EXPECT_EQ(WT_SECURITY_IMPERSONATION, level);
		EXPECT_EQ(WT_UID_ALICE, thread_euid());
		EXPECT_EQ(0, wt_revert_to_self(dev));

		/* Not a token: EBADFD; not a descriptor: EBADF. */
		null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
		EXPECT_EQ(-1, wt_impersonate_token(dev, null_fd, &level, &result));
		EXPECT_EQ(EBADFD, errno);
		EXPECT_EQ(-1, wt_impersonate_token(dev, dev, &level, &result));
		EXPECT_EQ(EBADFD, errno);
		closed_fd = dup(null_fd);
		close(closed_fd);
		EXPECT_EQ(-1, wt_impersonate_token(dev, closed_fd, &level, &result));
		EXPECT_EQ(EBADF, errno);
		EXPECT_EQ(-1, wt_impersonate_token(dev, -1, &level, &result));
		EXPECT_EQ(EBADF, errno);
		EXPECT_EQ(WT_UID_SERVICE, thread_euid());
		close(null_fd);
		close(t_query);
		close(t_imp);
		CHILD_DONE();
	}
	EXPECT_EQ(0, wt_reap(svc));
	close(alice_q);
	close(alice_qd);
	close(bob_qd);
}

TEST_F(imp, impersonate_argument_errors)
{
	struct {
		struct wt_impersonate imp;
		__u64 extra;
	} big;
	struct wt_impersonate imp;
	int tok;

	tok = wt_open_process_token(self->dev, WT_TOKEN_QUERY | WT_TOKEN_DUPLICATE,
				    NULL);
	ASSERT_LE(0, tok);
	memset(&imp, 0, sizeof(imp));
	imp.size = sizeof(imp);
	imp.fd = tok;
	imp.flags = 1;
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_IMPERSONATE, &imp));
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_IMPERSONATE_PEER, &imp));
	imp.flags = 0;
	imp.reserved = 1;
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_IMPERSONATE, &imp));
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_IMPERSONATE_PEER, &imp));
	imp.reserved = 0;
	imp.level = WT_SECURITY_IMPERSONATION;
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_IMPERSONATE, &imp));
	imp.level = 0;
	imp.result = 1;
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_IMPERSONATE, &imp));
	imp.result = 0;
	imp.size = WT_IMPERSONATE_SIZE_VER0 - 4;
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_IMPERSONATE, &imp));
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_IMPERSONATE_PEER, &imp));
	/* Longer than known: the extra bytes must be zero. */
	memset(&big, 0, sizeof(big));
	big.imp.size = sizeof(big);
	big.imp.fd = tok;
	big.extra = 1;
	EXPECT_EQ(E2BIG, raw_ioctl(self->dev, WT_IOC_IMPERSONATE, &big));
	big.imp.size = 8192;
	EXPECT_EQ(E2BIG, raw_ioctl(self->dev, WT_IOC_IMPERSONATE, &big));
	EXPECT_EQ(-ENOENT, thread_level(self->dev));
	imp.size = sizeof(imp);
	EXPECT_EQ(0, raw_ioctl(self->dev, WT_IOC_IMPERSONATE, &imp));
	EXPECT_EQ(WT_SECURITY_IMPERSONATION, imp.level);
	EXPECT_EQ(0, imp.result);
	EXPECT_EQ(0, wt_revert_to_self(self->dev));
	close(tok);
}

TEST_F(imp, revert_rules)
{
	struct wt_version v;
	int tok;

	/* Not impersonating: success, nothing changes. */
	EXPECT_EQ(0, raw_ioctl(self->dev, WT_IOC_REVERT_TO_SELF, NULL));
	EXPECT_EQ(0, wt_revert_to_self(self->dev));
	EXPECT_EQ(0, thread_euid());
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_REVERT_TO_SELF, (void *)1));
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_REVERT_TO_SELF, &v));
	/* Impersonating: a bad argument leaves the impersonation in place. */
	tok = user_token(WT_UID_ALICE, WT_TOKEN_QUERY | WT_TOKEN_DUPLICATE);
	ASSERT_LE(0, tok);
	ASSERT_EQ(0, wt_impersonate_token(self->dev, tok, NULL, NULL));
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_REVERT_TO_SELF, (void *)1));
	EXPECT_EQ(WT_UID_ALICE, thread_euid());
	EXPECT_EQ(0, wt_revert_to_self(self->dev));
	EXPECT_EQ(0, thread_euid());
	EXPECT_EQ(0, wt_revert_to_self(self->dev));
	close(tok);
}

/* ---- OpenThreadToken ---- */

struct imp_thread {
	int dev;
	int tok;	/* impersonate this, or -1 */
	pid_t tid;
	pthread_barrier_t *barrier;
};

static void *imp_thread_main(void *arg)
{
	struct imp_thread *t = arg;

	t->tid = thread_id();
	if (t->tok >= 0 && wt_impersonate_token(t->dev, t->tok, NULL, NULL))
		t->tid = -errno;
	pthread_barrier_wait(t->barrier);	/* the main thread looks */
	pthread_barrier_wait(t->barrier);
	if (t->tok >= 0)
		wt_revert_to_self(t->dev);
	return NULL;
}

TEST_F(imp, open_thread_token_rules)
{
	struct imp_thread a = { .dev = self->dev }, b = { .dev = self->dev };
	struct wt_open_thread_token ot;
	pthread_barrier_t barrier;
	pthread_t ta, tb;
	__u32 granted = 0;
	char user[192];
	int tok, fd;
	pid_t child;

	EXPECT_EQ(-ENOENT, thread_user(self->dev, 0, user, sizeof(user)));
	EXPECT_EQ(-ENOENT, thread_user(self->dev, thread_id(), user, sizeof(user)));

	tok = user_token(WT_UID_ALICE, WT_TOKEN_QUERY | WT_TOKEN_DUPLICATE);
	ASSERT_LE(0, tok);
	pthread_barrier_init(&barrier, NULL, 3);
	a.tok = tok;
	b.tok = -1;
	a.barrier = &barrier;
	b.barrier = &barrier;
	ASSERT_EQ(0, pthread_create(&ta, NULL, imp_thread_main, &a));
	ASSERT_EQ(0, pthread_create(&tb, NULL, imp_thread_main, &b));
	pthread_barrier_wait(&barrier);
	ASSERT_LT(0, a.tid);
	expect_thread_user(_metadata, self->dev, a.tid, SID_ALICE);
	EXPECT_EQ(-ENOENT, thread_user(self->dev, b.tid, user, sizeof(user)));
	EXPECT_EQ(-ENOENT, thread_user(self->dev, 0, user, sizeof(user)));
	pthread_barrier_wait(&barrier);
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);

	/* Not a thread of this process, or no thread at all. */
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		pause();
		_exit(0);
	}
	EXPECT_EQ(-EPERM, thread_user(self->dev, child, user, sizeof(user)));
	wt_kill_reap(child);
	EXPECT_EQ(-ESRCH, thread_user(self->dev, child, user, sizeof(user)));
	EXPECT_EQ(-EINVAL, thread_user(self->dev, -1, user, sizeof(user)));

	/* Its own thread token: anything within TOKEN_ALL_ACCESS. */
	ASSERT_EQ(0, wt_impersonate_token(self->dev, tok, NULL, NULL));
	fd = wt_open_thread_token(self->dev, 0, 0, WT_TOKEN_ALL_ACCESS, &granted);
	EXPECT_LE(0, fd);
	EXPECT_EQ(WT_TOKEN_ALL_ACCESS, granted);
	EXPECT_EQ(FD_CLOEXEC, fcntl(fd, F_GETFD) & FD_CLOEXEC);
	close(fd);
	fd = wt_open_thread_token(self->dev, 0, WT_OPEN_AS_SELF, WT_TOKEN_QUERY,
				  &granted);
	EXPECT_LE(0, fd);
	EXPECT_EQ(WT_TOKEN_QUERY, granted);
	close(fd);
	EXPECT_EQ(-1, wt_open_thread_token(self->dev, 0, 2, WT_TOKEN_QUERY, NULL));
	EXPECT_EQ(EINVAL, errno);
	memset(&ot, 0, sizeof(ot));
	ot.size = sizeof(ot);
	ot.desired_access = WT_TOKEN_QUERY;
	ot.reserved = 1;
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_OPEN_THREAD_TOKEN, &ot));
	ot.reserved = 0;
	ot.size = WT_OPEN_THREAD_TOKEN_SIZE_VER0 - 4;
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_OPEN_THREAD_TOKEN, &ot));
	EXPECT_EQ(0, wt_revert_to_self(self->dev));
	close(tok);
}

/* ---- DuplicateTokenEx ---- */

TEST_F(imp, duplicate_token_rules)
{
	struct wt_duplicate_token dup;
	int prim, prim_q, imp[4], up, fd;
	__u32 level, result, granted = 0;

	prim = user_token(WT_UID_ALICE, WT_TOKEN_ALL_ACCESS);
	prim_q = user_token(WT_UID_ALICE, WT_TOKEN_QUERY);
	ASSERT_LE(0, prim);
	ASSERT_LE(0, prim_q);

	/* A primary token becomes an impersonation token at any level. */
	for (level = WT_SECURITY_ANONYMOUS; level <= WT_SECURITY_DELEGATION; level++) {
		imp[level] = wt_duplicate_token(prim, 0, WT_TOKEN_IMPERSONATION,
						level, &granted);
		ASSERT_LE(0, imp[level]) TH_LOG("level %u: %s", level, strerror(errno));
		EXPECT_EQ(WT_TOKEN_ALL_ACCESS, granted);
		EXPECT_EQ(WT_TOKEN_IMPERSONATION, fd_u32(imp[level], WT_TOKEN_INFO_TYPE));
		EXPECT_EQ(level, fd_u32(imp[level], WT_TOKEN_INFO_IMPERSONATION_LEVEL));
	}
	/* Never raised; lowered or kept is fine. */
	up = wt_duplicate_token(imp[WT_SECURITY_IDENTIFICATION], 0,
				WT_TOKEN_IMPERSONATION, WT_SECURITY_IMPERSONATION, NULL);
	EXPECT_EQ(-1, up);
	EXPECT_EQ(EBADIMPLEVEL_ERRNO, errno);
	up = wt_duplicate_token(imp[WT_SECURITY_IMPERSONATION], 0,
				WT_TOKEN_IMPERSONATION, WT_SECURITY_DELEGATION, NULL);
	EXPECT_EQ(-1, up);
	EXPECT_EQ(EBADIMPLEVEL_ERRNO, errno);
	up = wt_duplicate_token(imp[WT_SECURITY_ANONYMOUS], 0,
				WT_TOKEN_IMPERSONATION, WT_SECURITY_IDENTIFICATION, NULL);
	EXPECT_EQ(-1, up);
	EXPECT_EQ(EBADIMPLEVEL_ERRNO, errno);
	fd = wt_duplicate_token(imp[WT_SECURITY_IDENTIFICATION], WT_TOKEN_QUERY,
				WT_TOKEN_IMPERSONATION, WT_SECURITY_IDENTIFICATION,
				&granted);
	EXPECT_LE(0, fd);
	EXPECT_EQ(WT_TOKEN_QUERY, granted);
	close(fd);
	fd = wt_duplicate_token(imp[WT_SECURITY_DELEGATION], 0,
				WT_TOKEN_IMPERSONATION, WT_SECURITY_ANONYMOUS, NULL);
	EXPECT_LE(0, fd);
	EXPECT_EQ(WT_SECURITY_ANONYMOUS, fd_u32(fd, WT_TOKEN_INFO_IMPERSONATION_LEVEL));
	close(fd);

	/* A primary token only from Impersonation level up. */
	fd = wt_duplicate_token(imp[WT_SECURITY_IDENTIFICATION], 0, WT_TOKEN_PRIMARY,
				WT_SECURITY_IMPERSONATION, NULL);
	EXPECT_EQ(-1, fd);
	EXPECT_EQ(EBADIMPLEVEL_ERRNO, errno);
	fd = wt_duplicate_token(imp[WT_SECURITY_IMPERSONATION], 0, WT_TOKEN_PRIMARY,
				WT_SECURITY_IMPERSONATION, NULL);
	EXPECT_LE(0, fd);
	EXPECT_EQ(WT_TOKEN_PRIMARY, fd_u32(fd, WT_TOKEN_INFO_TYPE));
	close(fd);

	/* Impersonating a duplicate: at its own level. */
	ASSERT_EQ(0, wt_impersonate_token(self->dev, imp[WT_SECURITY_IDENTIFICATION],
					  &level, &result));
	EXPECT_EQ(WT_SECURITY_IDENTIFICATION, level);
	EXPECT_EQ(EBADIMPLEVEL_ERRNO, wt_open_errno(self->public_file, O_RDONLY));
	ASSERT_EQ(0, wt_impersonate_token(self->dev, imp[WT_SECURITY_DELEGATION],
					  &level, &result));
	EXPECT_EQ(WT_SECURITY_DELEGATION, level);
	EXPECT_EQ(0, wt_open_errno(self->alice_file, O_RDONLY));
	EXPECT_EQ(0, wt_revert_to_self(self->dev));

	/* Argument errors. */
	EXPECT_EQ(-1, wt_duplicate_token(prim_q, 0, WT_TOKEN_IMPERSONATION,
					 WT_SECURITY_IDENTIFICATION, NULL));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(-1, wt_duplicate_token(prim, 0, 0, WT_SECURITY_IDENTIFICATION, NULL));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, wt_duplicate_token(prim, 0, 3, WT_SECURITY_IDENTIFICATION, NULL));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, wt_duplicate_token(prim, 0, WT_TOKEN_IMPERSONATION,
					 WT_SECURITY_DELEGATION + 1, NULL));
	EXPECT_EQ(EINVAL, errno);
	memset(&dup, 0, sizeof(dup));
	dup.size = sizeof(dup);
	dup.type = WT_TOKEN_IMPERSONATION;
	dup.level = WT_SECURITY_IDENTIFICATION;
	dup.flags = 1;
	EXPECT_EQ(EINVAL, raw_ioctl(prim, WT_IOC_DUPLICATE_TOKEN, &dup));
	dup.flags = 0;
	dup.reserved = 1;
	EXPECT_EQ(EINVAL, raw_ioctl(prim, WT_IOC_DUPLICATE_TOKEN, &dup));
	dup.reserved = 0;
	dup.size = WT_DUPLICATE_TOKEN_SIZE_VER0 - 8;
	EXPECT_EQ(EINVAL, raw_ioctl(prim, WT_IOC_DUPLICATE_TOKEN, &dup));

	for (level = WT_SECURITY_ANONYMOUS; level <= WT_SECURITY_DELEGATION; level++)
		close(imp[level]);
	close(prim);
	close(prim_q);
}

TEST_HARNESS_MAIN
