// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests: io_uring and impersonation.
 *
 * IORING_REGISTER_PERSONALITY keeps the registering thread's credentials
 * in the ring; a request naming the personality runs with them. One
 * registered while impersonating would keep the client's identity after
 * revert, in any process the ring reaches. The module refuses such a
 * personality unless it is the submitting thread's current credentials
 * (the request then gets EPERM in its completion), and refuses an SQPOLL
 * ring to an impersonating thread (its kernel thread would submit with
 * the client's credentials for the ring's life). Raw system calls, no
 * liburing. Runs as root in the VM: bob impersonates alice, with
 * SeImpersonatePrivilege from the privilege policy.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/io_uring.h>
#include <linux/wintok.h>

#include "kselftest_harness.h"
#include "libwintok.h"
#include "wt_test.h"

#define ALICE_FILE	"/tmp/wt_uring_alice"
#define PUBLIC_FILE	"/tmp/wt_uring_public"

struct ring {
	int fd;
	unsigned int *sq_tail, *sq_mask, *sq_array;
	unsigned int *cq_head, *cq_tail, *cq_mask;
	struct io_uring_sqe *sqes;
	struct io_uring_cqe *cqes;
};

/* A 4-entry ring; -1 with errno on failure. */
static int ring_init(struct ring *r, unsigned int flags)
{
	struct io_uring_params p;
	size_t sq_size, cq_size;
	void *sq, *cq;

	memset(&p, 0, sizeof(p));
	p.flags = flags;
	p.sq_thread_idle = 100;
	r->fd = syscall(__NR_io_uring_setup, 4, &p);
	if (r->fd < 0)
		return -1;
	sq_size = p.sq_off.array + p.sq_entries * sizeof(unsigned int);
	cq_size = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
	if (cq_size > sq_size)
		sq_size = cq_size;
	sq = mmap(NULL, sq_size, PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_POPULATE, r->fd, IORING_OFF_SQ_RING);
	if (sq == MAP_FAILED)
		return -1;
	cq = sq;
	if (!(p.features & IORING_FEAT_SINGLE_MMAP)) {
		cq = mmap(NULL, cq_size, PROT_READ | PROT_WRITE,
			  MAP_SHARED | MAP_POPULATE, r->fd, IORING_OFF_CQ_RING);
		if (cq == MAP_FAILED)
			return -1;
	}
	r->sqes = mmap(NULL, p.sq_entries * sizeof(struct io_uring_sqe),
		       PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, r->fd,
		       IORING_OFF_SQES);
	if (r->sqes == MAP_FAILED)
		return -1;
	r->sq_tail = sq + p.sq_off.tail;
	r->sq_mask = sq + p.sq_off.ring_mask;
	r->sq_array = sq + p.sq_off.array;
	r->cq_head = cq + p.cq_off.head;
	r->cq_tail = cq + p.cq_off.tail;
	r->cq_mask = cq + p.cq_off.ring_mask;
	r->cqes = cq + p.cq_off.cqes;
	return 0;
}

/*
 * Submit one IORING_OP_OPENAT of @path (read-only) with @personality and
 * wait for it. Return: the completion's result (an fd or -errno).
 */
static int ring_openat(struct ring *r, const char *path,
		       unsigned short personality)
{
	unsigned int tail = *r->sq_tail, idx = tail & *r->sq_mask, head;
	struct io_uring_sqe *sqe = &r->sqes[idx];
	int ret;

	memset(sqe, 0, sizeof(*sqe));
	sqe->opcode = IORING_OP_OPENAT;
	sqe->fd = AT_FDCWD;
	sqe->addr = (unsigned long)path;
	sqe->open_flags = O_RDONLY;
	sqe->personality = personality;
	r->sq_array[idx] = idx;
	__atomic_store_n(r->sq_tail, tail + 1, __ATOMIC_RELEASE);
	ret = syscall(__NR_io_uring_enter, r->fd, 1, 1,
		      IORING_ENTER_GETEVENTS, NULL, 0);
	head = __atomic_load_n(r->cq_head, __ATOMIC_ACQUIRE);
	if (head == __atomic_load_n(r->cq_tail, __ATOMIC_ACQUIRE))
		return ret < 0 ? -errno : -EIO;
	ret = r->cqes[head & *r->cq_mask].res;
	__atomic_store_n(r->cq_head, head + 1, __ATOMIC_RELEASE);
	return ret;
}

static int register_personality(struct ring *r)
{
	return syscall(__NR_io_uring_register, r->fd,
		       IORING_REGISTER_PERSONALITY, NULL, 0);
}

FIXTURE(uring) {
	int skip;
};

FIXTURE_SETUP(uring)
{
	struct ring r;
	int fd;

	/* io_uring may be disabled (6.12's kernel.io_uring_disabled). */
	self->skip = ring_init(&r, 0) ? errno : 0;
	if (!self->skip)
		close(r.fd);
	fd = open(ALICE_FILE, O_WRONLY | O_CREAT | O_TRUNC, 0400);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, fchown(fd, WT_UID_ALICE, WT_GID_USERS));
	close(fd);
	fd = open(PUBLIC_FILE, O_WRONLY | O_CREAT | O_TRUNC, 0444);
	ASSERT_LE(0, fd);
	close(fd);
	ASSERT_EQ(0, wt_set_privilege_policy("uid:1002:SeImpersonatePrivilege"));
}

FIXTURE_TEARDOWN(uring)
{
	wt_set_privilege_policy("");
	unlink(ALICE_FILE);
	unlink(PUBLIC_FILE);
}

/*
 * A personality registered while bob impersonates alice opens alice's
 * file while he still does; after revert, from him or from a process the
 * ring was passed to, it is refused. One registered as himself works.
 */
TEST_F(uring, personality_of_an_impersonation_ends_with_it)
{
	pid_t pid;

	if (self->skip)
		SKIP(return, "io_uring unavailable: %s", strerror(self->skip));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct ring r;
		int dev, id, own, fd;
		pid_t kid;

		if (wt_bob_impersonates_alice(&dev) != WT_SECURITY_IMPERSONATION)
			_exit(10);
		if (ring_init(&r, 0))
			_exit(11);
		id = register_personality(&r);
		if (id <= 0)
			_exit(12);
		/* The thread is that client now: allowed. */
		fd = ring_openat(&r, ALICE_FILE, id);
		if (fd < 0)
			_exit(13);
		close(fd);
		if (wt_revert_to_self(dev))
			_exit(14);
		if (open(ALICE_FILE, O_RDONLY) >= 0 || errno != EACCES)
			_exit(15);
		fd = ring_openat(&r, ALICE_FILE, id);
		if (fd >= 0)
			_exit(16);	/* alice's identity outlived revert */
		if (fd != -EPERM)
			_exit(17);
		/* Passed on (inherited here): refused there too. */
		kid = fork();
		if (kid == 0)
			_exit(ring_openat(&r, ALICE_FILE, id) == -EPERM ? 0 : 1);
		if (wt_reap(kid))
			_exit(18);
		/* Registered while not impersonating: works. */
		own = register_personality(&r);
		if (own <= 0)
			_exit(19);
		fd = ring_openat(&r, PUBLIC_FILE, own);
		if (fd < 0)
			_exit(20);
		close(fd);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
}

TEST_F(uring, sqpoll_refused_while_impersonating)
{
	pid_t pid;

	if (self->skip)
		SKIP(return, "io_uring unavailable: %s", strerror(self->skip));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct ring r;
		int dev;

		if (wt_bob_impersonates_alice(&dev) != WT_SECURITY_IMPERSONATION)
			_exit(10);
		if (ring_init(&r, IORING_SETUP_SQPOLL) == 0)
			_exit(11);
		if (errno != EPERM)
			_exit(12);
		if (wt_revert_to_self(dev))
			_exit(13);
		if (ring_init(&r, IORING_SETUP_SQPOLL))
			_exit(14);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
}

TEST_HARNESS_MAIN
