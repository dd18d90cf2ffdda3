// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests: an open file granted FILE_APPEND_DATA without
 * FILE_WRITE_DATA (an O_APPEND open) may only append, whatever path the
 * write takes later: fcntl(F_SETFL) may not clear O_APPEND, no writable
 * shared mapping (mmap, mprotect), no fallocate that moves or zeroes
 * data, no pwritev2(RWF_NOAPPEND), no io_uring or AIO write (refused
 * whatever their flags: fail closed), no copy_file_range, splice or
 * sendfile into it. Plain appends (write, writev, pwrite, pwritev,
 * pwritev2 without RWF_NOAPPEND) still work, and an open file granted
 * FILE_WRITE_DATA can still do all of the above. After each refused path
 * the file still starts with its first bytes.
 *
 * Runs as root in the VM, on tmpfs and ext4; bob (append only) and alice
 * (write) in children. The file is mode 0666: Linux allows everything,
 * so what is refused is wintok's decision.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/aio_abi.h>
#include <linux/falloc.h>
#include <linux/io_uring.h>

#include "kselftest_harness.h"
#include "wt_test.h"
#include "wt_sd_build.h"

#ifndef RWF_NOAPPEND
#define RWF_NOAPPEND	0x00000020	/* 6.9 */
#endif

#define SID_ROOT	"S-1-22-1-0"
#define SID_ALICE	"S-1-22-1-1001"
#define SID_BOB		"S-1-22-1-1002"

#define HEAD		"AAAAAAAA"
#define HEAD_LEN	8

static const struct wt_rule dacl[] = {
	{ 0, 0, WT_FILE_ALL_ACCESS, SID_ROOT },
	{ 0, 0, WT_FILE_GENERIC_READ | WT_FILE_GENERIC_WRITE, SID_ALICE },
	{ 0, 0, WT_FILE_GENERIC_READ | WT_FILE_APPEND_DATA, SID_BOB },
};

/* Does @path still start with HEAD? 1, 0, or -1 when it cannot be read. */
static int head_intact(const char *path)
{
	char buf[HEAD_LEN];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = pread(fd, buf, sizeof(buf), 0);
	close(fd);
	return n == HEAD_LEN && !memcmp(buf, HEAD, HEAD_LEN);
}

/* Does @path start with the @n bytes at @want? 1, 0 or -1. */
static int starts_with(const char *path, const char *want, size_t n)
{
	char buf[64];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t got;

	if (fd < 0 || n > sizeof(buf))
		return -1;
	got = pread(fd, buf, n, 0);
	close(fd);
	return got == (ssize_t)n && !memcmp(buf, want, n);
}

static off_t size_of(const char *path)
{
	struct stat st;

	return stat(path, &st) ? -1 : st.st_size;
}

/*
 * One IORING_OP_WRITE of @len bytes at @off with @rw_flags, through raw
 * system calls. Returns the completion's result (bytes or -errno), or
 * -ENOSYS/-EPERM/... when no ring could be set up (*@setup set).
 */
static int uring_write(int fd, const void *buf, unsigned int len, __u64 off,
		       int rw_flags, int *setup)
{
	struct io_uring_params p;
	struct io_uring_sqe *sqes;
	struct io_uring_cqe *cqe;
	unsigned int *tail, *head;
	size_t sq_len, cq_len;
	void *sq, *cq;
	int ring, res;

	memset(&p, 0, sizeof(p));
	*setup = 0;
	ring = syscall(__NR_io_uring_setup, 4, &p);
	if (ring < 0) {
		*setup = 1;
		return -errno;
	}
	sq_len = p.sq_off.array + p.sq_entries * sizeof(__u32);
	cq_len = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
	sq = mmap(NULL, sq_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE,
		  ring, IORING_OFF_SQ_RING);
	cq = mmap(NULL, cq_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE,
		  ring, IORING_OFF_CQ_RING);
	sqes = mmap(NULL, p.sq_entries * sizeof(*sqes), PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_POPULATE, ring, IORING_OFF_SQES);
	if (sq == MAP_FAILED || cq == MAP_FAILED || sqes == MAP_FAILED) {
		*setup = 1;
		close(ring);
		return -ENOMEM;
	}
	memset(&sqes[0], 0, sizeof(sqes[0]));
	sqes[0].opcode = IORING_OP_WRITE;
	sqes[0].fd = fd;
	sqes[0].addr = (uintptr_t)buf;
	sqes[0].len = len;
	sqes[0].off = off;
	sqes[0].rw_flags = rw_flags;
	tail = (unsigned int *)((char *)sq + p.sq_off.tail);
	((unsigned int *)((char *)sq + p.sq_off.array))
		[*tail & *(unsigned int *)((char *)sq + p.sq_off.ring_mask)] = 0;
	__atomic_store_n(tail, *tail + 1, __ATOMIC_RELEASE);
	res = syscall(__NR_io_uring_enter, ring, 1, 1, IORING_ENTER_GETEVENTS,
		      NULL, 0);
	if (res < 0) {
		res = -errno;
	} else {
		head = (unsigned int *)((char *)cq + p.cq_off.head);
		cqe = (struct io_uring_cqe *)((char *)cq + p.cq_off.cqes);
		res = cqe[*head & *(unsigned int *)((char *)cq +
						    p.cq_off.ring_mask)].res;
	}
	munmap(sqes, p.sq_entries * sizeof(*sqes));
	munmap(cq, cq_len);
	munmap(sq, sq_len);
	close(ring);
	return res;
}

/* One AIO IOCB_CMD_PWRITE; the result (bytes or -errno). */
static long aio_write(int fd, const void *buf, size_t len, long long off,
		      int rw_flags)
{
	struct iocb cb, *cbs[1] = { &cb };
	aio_context_t ctx = 0;
	struct io_event ev;
	long res;

	if (syscall(__NR_io_setup, 1, &ctx))
		return -errno;
	memset(&cb, 0, sizeof(cb));
	cb.aio_fildes = fd;
	cb.aio_lio_opcode = IOCB_CMD_PWRITE;
	cb.aio_buf = (uintptr_t)buf;
	cb.aio_nbytes = len;
	cb.aio_offset = off;
	cb.aio_rw_flags = rw_flags;
	if (syscall(__NR_io_submit, ctx, 1, cbs) != 1)
		res = -errno;
	else if (syscall(__NR_io_getevents, ctx, 1, 1, &ev, NULL) != 1)
		res = -errno;
	else
		res = ev.res;
	syscall(__NR_io_destroy, ctx);
	return res;
}

FIXTURE(ao) {
	char dir[64];
	char file[96];
};

FIXTURE_VARIANT(ao) {
	const char *base;
};

FIXTURE_VARIANT_ADD(ao, tmpfs) {
	.base = "/tmp",
};

FIXTURE_VARIANT_ADD(ao, ext4) {
	.base = "/mnt/disk",
};

FIXTURE_SETUP(ao)
{
	int fd;

	snprintf(self->dir, sizeof(self->dir), "%s/wt_ao.%d", variant->base,
		 getpid());
	snprintf(self->file, sizeof(self->file), "%s/log", self->dir);
	ASSERT_EQ(0, mkdir(self->dir, 0777));
	ASSERT_EQ(0, chmod(self->dir, 0777));
	fd = open(self->file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	ASSERT_LE(0, fd);
	ASSERT_EQ(HEAD_LEN, write(fd, HEAD, HEAD_LEN));
	close(fd);
	ASSERT_EQ(0, chmod(self->file, 0666));
	ASSERT_EQ(0, wt_set_dacl(self->file, dacl, 3));
}

FIXTURE_TEARDOWN(ao)
{
	if (wt_rm_rf(self->dir))
		TH_LOG("cannot remove %s", self->dir);
}

/* In a child as @uid: open @path O_RDWR | O_APPEND; exits 100 if refused. */
static int open_as(uid_t uid, const char *path)
{
	int fd;

	wt_become_user(uid, WT_GID_USERS);
	fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC);
	if (fd < 0)
		_exit(100);
	return fd;
}

TEST_F(ao, plain_appends_still_work)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct iovec iov = { .iov_base = "DD", .iov_len = 2 };
		int fd = open_as(WT_UID_BOB, self->file), fails = 0;

		if (write(fd, "BB", 2) != 2)
			fails |= 1;
		/* with O_APPEND, Linux appends whatever the offset */
		if (pwrite(fd, "CC", 2, 0) != 2)
			fails |= 2;
		if (writev(fd, &iov, 1) != 2)
			fails |= 4;
		iov.iov_base = "EE";
		if (pwritev(fd, &iov, 1, 0) != 2)
			fails |= 8;
		iov.iov_base = "FF";
		if (pwritev2(fd, &iov, 1, 0, RWF_APPEND | RWF_DSYNC) != 2)
			fails |= 16;
		/* adding space only, as on an append-only inode */
		if (fallocate(fd, FALLOC_FL_KEEP_SIZE, 0, 4096))
			fails |= 32;
		/* O_APPEND may be set again and other flags changed */
		if (fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK))
			fails |= 64;
		_exit(fails);
	}
	EXPECT_EQ(0, wt_reap(pid));
	EXPECT_EQ(1, head_intact(self->file));
	EXPECT_EQ(HEAD_LEN + 10, size_of(self->file));
}

TEST_F(ao, fcntl_cannot_clear_append)
{
	pid_t pid = fork();

	if (pid == 0) {
		int fd = open_as(WT_UID_BOB, self->file), fails = 0;

		if (fcntl(fd, F_SETFL, 0) != -1 || errno != EPERM)
			fails |= 1;
		if (!(fcntl(fd, F_GETFL) & O_APPEND))
			fails |= 2;
		/* still an append */
		if (pwrite(fd, "XXYY", 4, 0) != 4)
			fails |= 4;
		_exit(fails);
	}
	EXPECT_EQ(0, wt_reap(pid));
	EXPECT_EQ(1, head_intact(self->file));
	EXPECT_EQ(HEAD_LEN + 4, size_of(self->file));
}

TEST_F(ao, shared_writable_mapping_refused)
{
	pid_t pid = fork();

	if (pid == 0) {
		int fd = open_as(WT_UID_BOB, self->file), fails = 0;
		char *p;

		p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (p != MAP_FAILED) {
			memcpy(p, "XXYY", 4);
			msync(p, 4096, MS_SYNC);
			fails |= 1;
		} else if (errno != EACCES) {
			fails |= 2;
		}
		p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			 MAP_SHARED_VALIDATE, fd, 0);
		if (p != MAP_FAILED || errno != EACCES)
			fails |= 4;
		/* read-only shared: fine, but it may not become writable */
		p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
		if (p == MAP_FAILED) {
			fails |= 8;
		} else {
			if (mprotect(p, 4096, PROT_READ | PROT_WRITE) != -1 ||
			    errno != EACCES)
				fails |= 16;
			munmap(p, 4096);
		}
		/* private: copy on write, the file is not written */
		p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
		if (p == MAP_FAILED) {
			fails |= 32;
		} else {
			memcpy(p, "XXYY", 4);
			munmap(p, 4096);
		}
		_exit(fails);
	}
	EXPECT_EQ(0, wt_reap(pid));
	EXPECT_EQ(1, head_intact(self->file));
}

TEST_F(ao, fallocate_refused)
{
	pid_t pid = fork();

	if (pid == 0) {
		static const int modes[] = {
			FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
			FALLOC_FL_ZERO_RANGE,
			FALLOC_FL_ZERO_RANGE | FALLOC_FL_KEEP_SIZE,
			FALLOC_FL_COLLAPSE_RANGE,
			FALLOC_FL_INSERT_RANGE,
		};
		int fd = open_as(WT_UID_BOB, self->file), fails = 0;
		unsigned int i;

		for (i = 0; i < ARRAY_SIZE(modes); i++)
			if (fallocate(fd, modes[i], 0, 4) != -1 ||
			    errno != EPERM)
				fails |= 1 << i;
		_exit(fails);
	}
	EXPECT_EQ(0, wt_reap(pid));
	EXPECT_EQ(1, head_intact(self->file));
}

/* 6.9 on: RWF_NOAPPEND; before, an unknown flag: refused either way. */
TEST_F(ao, pwritev2_noappend_refused)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct iovec iov = { .iov_base = "XXYY", .iov_len = 4 };
		int fd = open_as(WT_UID_BOB, self->file), fails = 0;

		if (pwritev2(fd, &iov, 1, 0, RWF_NOAPPEND) != -1 ||
		    errno != EPERM)
			fails |= 1;
		_exit(fails);
	}
	EXPECT_EQ(0, wt_reap(pid));
	EXPECT_EQ(1, head_intact(self->file));
	EXPECT_EQ(HEAD_LEN, size_of(self->file));
}

TEST_F(ao, io_uring_write_refused)
{
	int setup = 0, status;
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		int fd = open_as(WT_UID_BOB, self->file), fails = 0, res;

		/* 6.1 refuses the unknown flag itself (EOPNOTSUPP) */
		res = uring_write(fd, "XXYY", 4, 0, RWF_NOAPPEND, &setup);
		if (setup)
			_exit(98);
		if (res != -EPERM && res != -EOPNOTSUPP)
			fails |= 1;
		/* fail closed: refused even where it would append */
		if (uring_write(fd, "XXYY", 4, 0, 0, &setup) != -EPERM)
			fails |= 2;
		_exit(fails);
	}
	status = wt_reap(pid);
	if (status == 98)
		SKIP(return, "io_uring not available");
	EXPECT_EQ(0, status);
	EXPECT_EQ(1, head_intact(self->file));
	EXPECT_EQ(HEAD_LEN, size_of(self->file));
}

TEST_F(ao, aio_write_refused)
{
	pid_t pid = fork();

	if (pid == 0) {
		int fd = open_as(WT_UID_BOB, self->file), fails = 0;
		long res;

		/* 6.1 refuses the unknown flag itself (EOPNOTSUPP) */
		res = aio_write(fd, "XXYY", 4, 0, RWF_NOAPPEND);
		if (res != -EPERM && res != -EOPNOTSUPP)
			fails |= 1;
		/* fail closed: refused even where it would append */
		if (aio_write(fd, "XXYY", 4, 0, 0) != -EPERM)
			fails |= 2;
		_exit(fails);
	}
	EXPECT_EQ(0, wt_reap(pid));
	EXPECT_EQ(1, head_intact(self->file));
	EXPECT_EQ(HEAD_LEN, size_of(self->file));
}

/* The kernel itself refuses an O_APPEND file as these targets. */
TEST_F(ao, copy_splice_sendfile_refused)
{
	char src[128];
	pid_t pid;
	int fd;

	snprintf(src, sizeof(src), "%s/src", self->dir);
	fd = open(src, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	ASSERT_LE(0, fd);
	ASSERT_EQ(4, write(fd, "XXYY", 4));
	close(fd);
	pid = fork();
	if (pid == 0) {
		int out = open_as(WT_UID_BOB, self->file), fails = 0;
		int in = open(src, O_RDONLY | O_CLOEXEC), pipefd[2];
		loff_t pos_in = 0, pos_out = 0;

		if (in < 0 || pipe(pipefd))
			_exit(101);
		if (copy_file_range(in, &pos_in, out, &pos_out, 4, 0) != -1)
			fails |= 1;
		if (write(pipefd[1], "XXYY", 4) != 4)
			_exit(102);
		pos_out = 0;
		if (splice(pipefd[0], NULL, out, &pos_out, 4, 0) != -1)
			fails |= 2;
		pos_in = 0;
		if (sendfile(out, in, &pos_in, 4) != -1)
			fails |= 4;
		_exit(fails);
	}
	EXPECT_EQ(0, wt_reap(pid));
	EXPECT_EQ(1, head_intact(self->file));
	EXPECT_EQ(HEAD_LEN, size_of(self->file));
}

/* alice's open file was granted FILE_WRITE_DATA: every path is hers. */
TEST_F(ao, write_data_handle_may_do_all)
{
	int setup = 0, status;
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		int fd = open_as(WT_UID_ALICE, self->file), fails = 0;
		struct iovec iov = { .iov_base = "1", .iov_len = 1 };
		char *p;

		/* O_APPEND still set: io_uring and AIO append */
		if (uring_write(fd, "ab", 2, 0, 0, &setup) != 2 && !setup)
			fails |= 1;
		if (aio_write(fd, "cd", 2, 0, 0) != 2)
			fails |= 2;
		if (fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
			      0, 1))
			fails |= 4;
		if (fcntl(fd, F_SETFL, 0))
			fails |= 8;
		if (pwrite(fd, "X", 1, 1) != 1)
			fails |= 16;
		p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (p == MAP_FAILED) {
			fails |= 32;
		} else {
			p[2] = 'Y';
			msync(p, 4096, MS_SYNC);
			munmap(p, 4096);
		}
		if (pwritev2(fd, &iov, 1, 3, 0) != 1)
			fails |= 64;
		if (!setup && uring_write(fd, "2", 1, 4, 0, &setup) != 1)
			fails |= 128;
		if (aio_write(fd, "3", 1, 5, 0) != 1)
			fails |= 256;
		_exit(fails);
	}
	status = wt_reap(pid);
	EXPECT_EQ(0, status);
	EXPECT_EQ(0, head_intact(self->file));
	EXPECT_EQ(1, starts_with(self->file, "\0XY123AA", HEAD_LEN));
}

TEST_HARNESS_MAIN
