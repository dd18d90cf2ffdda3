// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests: every way to change a governed file's protection goes
 * through its SD. A POSIX ACL (system.posix_acl_access, and
 * system.posix_acl_default on a directory) is, like the mode, the Linux
 * side of the DACL: setting or removing one needs WRITE_DAC, as chmod
 * does, by name (setxattr, removexattr) and through an open file
 * (fsetxattr, fremovexattr: the access that open file was granted). The
 * fd-based xattr calls reach the same checks as the path-based ones for
 * security.wintok and user.* names too.
 *
 * Runs as root in the VM, on tmpfs and ext4. bob owns the files, so Linux
 * lets him change their ACLs; OWNER RIGHTS takes away the owner's
 * implicit WRITE_DAC, so what is refused is wintok's decision. The ACL
 * values are built by hand (setfacl is not in the VM).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "wt_test.h"
#include "wt_sd_build.h"

#define SID_ROOT	"S-1-22-1-0"
#define SID_BOB		"S-1-22-1-1002"
#define SID_OWNER_RIGHTS "S-1-3-4"

#define ACL_ACCESS	"system.posix_acl_access"
#define ACL_DEFAULT	"system.posix_acl_default"

/* Everything but WRITE_DAC (and WRITE_OWNER) for bob. */
static const struct wt_rule no_dac[] = {
	{ 0, 0, WT_FILE_ALL_ACCESS, SID_ROOT },
	{ 0, 0, WT_FILE_GENERIC_READ | WT_FILE_GENERIC_WRITE | WT_DELETE,
	  SID_BOB },
	{ 0, 0, WT_READ_CONTROL, SID_OWNER_RIGHTS },
};

/* The same with WRITE_DAC. */
static const struct wt_rule with_dac[] = {
	{ 0, 0, WT_FILE_ALL_ACCESS, SID_ROOT },
	{ 0, 0, WT_FILE_GENERIC_READ | WT_FILE_GENERIC_WRITE | WT_DELETE |
		WT_WRITE_DAC, SID_BOB },
	{ 0, 0, WT_READ_CONTROL, SID_OWNER_RIGHTS },
};

/*
 * A POSIX ACL xattr value (version 2, little endian as the host): owner
 * rwx, owning group and others @perm. Its size.
 */
static size_t acl_value(uint8_t *buf, unsigned int perm)
{
	static const uint16_t tags[3] = { 0x01, 0x04, 0x20 };
	unsigned int i;

	wt_le(buf, 2, 4);
	for (i = 0; i < 3; i++) {
		wt_le(buf + 4 + 8 * i, tags[i], 2);
		wt_le(buf + 6 + 8 * i, i ? perm : 7, 2);
		wt_le(buf + 8 + 8 * i, 0xffffffff, 4);
	}
	return 4 + 3 * 8;
}

static mode_t mode_of(const char *path)
{
	struct stat st;

	return stat(path, &st) ? (mode_t)-1 : st.st_mode & 07777;
}

enum acl_op { SET_ACCESS, DEL_ACCESS, SET_DEFAULT, DEL_DEFAULT,
	      FSET_ACCESS, FDEL_ACCESS, NOPS };

/* 0 or errno of @op on @path (by descriptor @fd for the f* ones). */
static int acl_op(enum acl_op op, const char *path, int fd)
{
	uint8_t v[64];
	size_t n = acl_value(v, 7);
	int r;

	switch (op) {
	case SET_ACCESS:
		r = setxattr(path, ACL_ACCESS, v, n, 0);
		break;
	case DEL_ACCESS:
		r = removexattr(path, ACL_ACCESS);
		break;
	case SET_DEFAULT:
		r = setxattr(path, ACL_DEFAULT, v, n, 0);
		break;
	case DEL_DEFAULT:
		r = removexattr(path, ACL_DEFAULT);
		break;
	case FSET_ACCESS:
		r = fsetxattr(fd, ACL_ACCESS, v, n, 0);
		break;
	case FDEL_ACCESS:
		r = fremovexattr(fd, ACL_ACCESS);
		break;
	default:
		return 250;
	}
	/* Removing an ACL that is not there gets past the checks. */
	if (r && errno == ENODATA)
		return 0;
	return r ? errno : 0;
}

static int chmod_as_bob(const char *path, mode_t mode)
{
	return wt_as_user(WT_UID_BOB, WT_GID_USERS, chmod(path, mode) ? errno : 0);
}

/* @op as bob; the f* ones on a descriptor he opens first. */
static int acl_op_as_bob(enum acl_op op, const char *path)
{
	pid_t pid = fork();

	if (pid == 0) {
		int fd = -1;

		wt_become_user(WT_UID_BOB, WT_GID_USERS);
		if (op == FSET_ACCESS || op == FDEL_ACCESS) {
			fd = open(path, O_RDONLY | O_CLOEXEC);
			if (fd < 0)
				_exit(100);
		}
		_exit(acl_op(op, path, fd));
	}
	return wt_reap(pid);
}

FIXTURE(acl) {
	char dir[64];
	char file[96];
	char sub[96];
};

FIXTURE_VARIANT(acl) {
	const char *base;
};

FIXTURE_VARIANT_ADD(acl, tmpfs) {
	.base = "/tmp",
};

FIXTURE_VARIANT_ADD(acl, ext4) {
	.base = "/mnt/disk",
};

FIXTURE_SETUP(acl)
{
	int fd;

	snprintf(self->dir, sizeof(self->dir), "%s/wt_acl.%d", variant->base,
		 getpid());
	snprintf(self->file, sizeof(self->file), "%s/f", self->dir);
	snprintf(self->sub, sizeof(self->sub), "%s/d", self->dir);
	ASSERT_EQ(0, mkdir(self->dir, 0755));
	fd = open(self->file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	ASSERT_LE(0, fd);
	close(fd);
	ASSERT_EQ(0, mkdir(self->sub, 0700));
	ASSERT_EQ(0, chown(self->file, WT_UID_BOB, WT_GID_USERS));
	ASSERT_EQ(0, chown(self->sub, WT_UID_BOB, WT_GID_USERS));
}

FIXTURE_TEARDOWN(acl)
{
	if (wt_rm_rf(self->dir))
		TH_LOG("cannot remove %s", self->dir);
}

/* Ungoverned: Linux alone decides, and lets the owner. */
TEST_F(acl, ungoverned_owner_may)
{
	EXPECT_EQ(0, acl_op_as_bob(SET_ACCESS, self->file));
	EXPECT_EQ(0777, mode_of(self->file));
	EXPECT_EQ(0, acl_op_as_bob(DEL_ACCESS, self->file));
	EXPECT_EQ(0, acl_op_as_bob(SET_DEFAULT, self->sub));
	EXPECT_EQ(0, acl_op_as_bob(DEL_DEFAULT, self->sub));
}

TEST_F(acl, set_and_remove_need_write_dac)
{
	ASSERT_EQ(0, wt_set_dacl(self->file, no_dac, 3));
	ASSERT_EQ(0, wt_set_dacl(self->sub, no_dac, 3));
	/* chmod is refused (as before), and so is each ACL path */
	EXPECT_EQ(EACCES, chmod_as_bob(self->file, 0777));
	EXPECT_EQ(EACCES, acl_op_as_bob(SET_ACCESS, self->file));
	EXPECT_EQ(0600, mode_of(self->file));
	EXPECT_EQ(EACCES, acl_op_as_bob(DEL_ACCESS, self->file));
	EXPECT_EQ(EACCES, acl_op_as_bob(FSET_ACCESS, self->file));
	EXPECT_EQ(0600, mode_of(self->file));
	EXPECT_EQ(EACCES, acl_op_as_bob(FDEL_ACCESS, self->file));
	EXPECT_EQ(EACCES, acl_op_as_bob(SET_ACCESS, self->sub));
	EXPECT_EQ(EACCES, acl_op_as_bob(SET_DEFAULT, self->sub));
	EXPECT_EQ(EACCES, acl_op_as_bob(DEL_DEFAULT, self->sub));
	EXPECT_EQ(0700, mode_of(self->sub));

	ASSERT_EQ(0, wt_set_dacl(self->file, with_dac, 3));
	ASSERT_EQ(0, wt_set_dacl(self->sub, with_dac, 3));
	EXPECT_EQ(0, acl_op_as_bob(SET_ACCESS, self->file));
	EXPECT_EQ(0777, mode_of(self->file));
	EXPECT_EQ(0, acl_op_as_bob(DEL_ACCESS, self->file));
	EXPECT_EQ(0, acl_op_as_bob(FSET_ACCESS, self->file));
	EXPECT_EQ(0, acl_op_as_bob(FDEL_ACCESS, self->file));
	EXPECT_EQ(0, acl_op_as_bob(SET_DEFAULT, self->sub));
	EXPECT_EQ(0, acl_op_as_bob(DEL_DEFAULT, self->sub));
}

/*
 * fsetxattr(2) decides by what the open file was granted, as fchmod(2):
 * a descriptor opened while bob had WRITE_DAC keeps it; by name he has
 * it no more.
 */
TEST_F(acl, fsetxattr_uses_the_open_file)
{
	int opened[2], changed[2];
	pid_t pid;
	char c;

	ASSERT_EQ(0, wt_set_dacl(self->file, with_dac, 3));
	ASSERT_EQ(0, pipe(opened));
	ASSERT_EQ(0, pipe(changed));
	pid = fork();
	if (pid == 0) {
		int fd, fails = 0;

		close(opened[0]);
		close(changed[1]);
		wt_become_user(WT_UID_BOB, WT_GID_USERS);
		fd = open(self->file, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			_exit(100);
		close(opened[1]);
		/* wait for root to take WRITE_DAC away */
		if (read(changed[0], &c, 1) != 0)
			_exit(101);
		if (acl_op(SET_ACCESS, self->file, -1) != EACCES)
			fails |= 1;
		if (acl_op(FSET_ACCESS, self->file, fd))
			fails |= 2;
		if (acl_op(FDEL_ACCESS, self->file, fd))
			fails |= 4;
		_exit(fails);
	}
	close(opened[1]);
	close(changed[0]);
	/* bob has opened the file (or exited) */
	ASSERT_EQ(0, read(opened[0], &c, 1));
	ASSERT_EQ(0, wt_set_dacl(self->file, no_dac, 3));
	close(changed[1]);
	EXPECT_EQ(0, wt_reap(pid));
	close(opened[0]);
}

/*
 * The descriptor-based calls on security.wintok and user.* reach the same
 * checks as the path-based ones: reading the SD needs READ_CONTROL (or
 * SeBackupPrivilege), writing or removing it SeRestorePrivilege, user.*
 * names FILE_READ_EA / FILE_WRITE_EA.
 */
TEST_F(acl, fd_xattr_calls_are_checked)
{
	static const struct wt_rule bob_no_ea[] = {
		{ 0, 0, WT_FILE_ALL_ACCESS, SID_ROOT },
		{ 0, 0, WT_FILE_READ_DATA | WT_FILE_WRITE_DATA, SID_BOB },
	};
	int user_xattrs = 1;
	pid_t pid;

	/* tmpfs has user.* names from 6.6 on */
	if (setxattr(self->file, "user.wt", "x", 1, 0)) {
		ASSERT_EQ(EOPNOTSUPP, errno);
		user_xattrs = 0;
	}
	ASSERT_EQ(0, wt_set_dacl(self->file, bob_no_ea, 2));
	pid = fork();
	if (pid == 0) {
		uint8_t buf[512];
		int fd, fails = 0;

		wt_become_user(WT_UID_BOB, WT_GID_USERS);
		fd = open(self->file, O_RDWR | O_CLOEXEC);
		if (fd < 0)
			_exit(100);
		if (fgetxattr(fd, "security.wintok", buf, sizeof(buf)) != -1 ||
		    errno != EACCES)
			fails |= 1;
		if (getxattr(self->file, "security.wintok", buf,
			     sizeof(buf)) != -1 || errno != EACCES)
			fails |= 2;
		if (fsetxattr(fd, "security.wintok", buf, 20, 0) != -1 ||
		    errno != EPERM)
			fails |= 4;
		if (fremovexattr(fd, "security.wintok") != -1 ||
		    errno != EPERM)
			fails |= 8;
		if (!user_xattrs)
			_exit(fails);
		if (fgetxattr(fd, "user.wt", buf, sizeof(buf)) != -1 ||
		    errno != EACCES)
			fails |= 16;
		if (fsetxattr(fd, "user.wt", "y", 1, 0) != -1 ||
		    errno != EACCES)
			fails |= 32;
		if (fremovexattr(fd, "user.wt") != -1 || errno != EACCES)
			fails |= 64;
		_exit(fails);
	}
	EXPECT_EQ(0, wt_reap(pid));
}

TEST_HARNESS_MAIN
