// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests: checks on governed files beyond open and the
 * namespace: executable mappings and exec (FILE_EXECUTE), the access an
 * open file keeps from its open (also across impersonation and revert, for
 * mappings, ftruncate, fchmod and fchown),
 * setting times (FILE_WRITE_ATTRIBUTES), user extended attributes
 * (FILE_READ_EA, FILE_WRITE_EA), SeTakeOwnershipPrivilege. Runs as root
 * in the VM, on tmpfs and ext4; alice, bob and mallory in children.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "wt_test.h"
#include "wt_sd_build.h"

#define SID_ROOT	"S-1-22-1-0"
#define SID_ALICE	"S-1-22-1-1001"
#define SID_BOB		"S-1-22-1-1002"

#define RX (WT_FILE_GENERIC_READ | WT_FILE_EXECUTE)

/* 0 or the errno of mapping @fd with @prot (then mprotect to @prot2). */
static int map_fd(int fd, int prot, int prot2)
{
	void *p = mmap(NULL, 4096, prot, MAP_PRIVATE, fd, 0);
	int err = 0;

	if (p == MAP_FAILED)
		return errno;
	if (prot2 && mprotect(p, 4096, prot2))
		err = errno;
	munmap(p, 4096);
	return err;
}

enum op { MAP_RX, MAP_R_THEN_X, MAP_R, EXEC, TOUCH, UTIMES, GET_EA, SET_EA,
	  DEL_EA, WRITE };

/* 0 when @path's owner (read through the ioctl) is @sid, else 1 or errno. */
static int owner_is(const char *path, const char *sid)
{
	int fd = open(path, O_PATH | O_CLOEXEC), ret;
	uint32_t len;
	void *sd;

	if (fd < 0)
		return errno;
	sd = wt_get_file_security_alloc(-1, fd, WT_OWNER_SECURITY_INFORMATION,
					&len);
	ret = sd ? !wt_sd_owner_is(sd, len, sid) : errno;
	free(sd);
	close(fd);
	return ret;
}

/* owner_is() as @uid. */
static int owner_is_as(uid_t uid, const char *path, const char *sid)
{
	return wt_as_user(uid, WT_GID_USERS, owner_is(path, sid));
}

/* 0 or the errno of @op on @path by the calling process. */
static int do_op(enum op op, const char *path)
{
	struct timespec ts[2] = { { .tv_sec = 1 }, { .tv_sec = 2 } };
	char buf[16];
	int fd, err;
	pid_t pid;

	switch (op) {
	case MAP_RX:
	case MAP_R_THEN_X:
	case MAP_R:
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return errno;
		err = map_fd(fd, op == MAP_RX ? PROT_READ | PROT_EXEC : PROT_READ,
			     op == MAP_R_THEN_X ? PROT_READ | PROT_EXEC : 0);
		close(fd);
		return err;
	case EXEC:
		pid = fork();
		if (pid == 0) {
			execl(path, "true", (char *)NULL);
			_exit(100 + errno);
		}
		err = wt_reap(pid);
		return err >= 100 ? err - 100 : err ? 254 : 0;
	case TOUCH:
		return utimensat(AT_FDCWD, path, NULL, 0) ? errno : 0;
	case UTIMES:
		return utimensat(AT_FDCWD, path, ts, 0) ? errno : 0;
	case GET_EA:
		return getxattr(path, "user.wt", buf, sizeof(buf)) < 0 ? errno : 0;
	case SET_EA:
		return setxattr(path, "user.wt", "v", 1, 0) ? errno : 0;
	case DEL_EA:
		return removexattr(path, "user.wt") ? errno : 0;
	case WRITE:
		fd = open(path, O_WRONLY | O_CLOEXEC);
		if (fd < 0)
			return errno;
		err = write(fd, "x", 1) == 1 ? 0 : errno;
		close(fd);
		return err;
	}
	return 250;	/* no such operation: a bug in the test */
}

static int op_as(uid_t uid, enum op op, const char *path)
{
	return wt_as_user(uid, WT_GID_USERS, do_op(op, path));
}

FIXTURE(ops) {
	char dir[64];
	char file[96];
};

FIXTURE_VARIANT(ops) {
	const char *base;
};

FIXTURE_VARIANT_ADD(ops, tmpfs) {
	.base = "/tmp",
};

FIXTURE_VARIANT_ADD(ops, ext4) {
	.base = "/mnt/disk",
};

/* An executable copy of busybox ("true" as argv[0]), mode 0777. */
FIXTURE_SETUP(ops)
{
	char cmd[200];

	snprintf(self->dir, sizeof(self->dir), "%s/wt_ops.%d", variant->base,
		 getpid());
	snprintf(self->file, sizeof(self->file), "%s/prog", self->dir);
	ASSERT_EQ(0, mkdir(self->dir, 0777));
	ASSERT_EQ(0, chmod(self->dir, 0777));
	snprintf(cmd, sizeof(cmd), "cp /bin/busybox %s", self->file);
	ASSERT_EQ(0, system(cmd));
	ASSERT_EQ(0, chmod(self->file, 0777));
}

FIXTURE_TEARDOWN(ops)
{
	if (wt_rm_rf(self->dir))
		TH_LOG("cannot remove %s", self->dir);
}

/* alice may read and execute, bob only read. */
static const struct wt_rule rx_alice[] = {
	{ 0, 0, WT_FILE_ALL_ACCESS, SID_ROOT },
	{ 0, 0, RX, SID_ALICE },
	{ 0, 0, WT_FILE_GENERIC_READ, SID_BOB },
};

TEST_F(ops, executable_mapping_needs_execute)
{
	ASSERT_EQ(0, wt_set_sd(self->file, NULL, rx_alice, 3));
	EXPECT_EQ(0, op_as(WT_UID_ALICE, MAP_RX, self->file));
	EXPECT_EQ(0, op_as(WT_UID_ALICE, MAP_R_THEN_X, self->file));
	EXPECT_EQ(0, op_as(WT_UID_BOB, MAP_R, self->file));
	EXPECT_EQ(EACCES, op_as(WT_UID_BOB, MAP_RX, self->file));
	EXPECT_EQ(EACCES, op_as(WT_UID_BOB, MAP_R_THEN_X, self->file));
}

TEST_F(ops, exec_needs_execute)
{
	EXPECT_EQ(0, op_as(WT_UID_BOB, EXEC, self->file));
	ASSERT_EQ(0, wt_set_sd(self->file, NULL, rx_alice, 3));
	EXPECT_EQ(0, op_as(WT_UID_ALICE, EXEC, self->file));
	EXPECT_EQ(EACCES, op_as(WT_UID_BOB, EXEC, self->file));
}

/*
 * An fd opened by bob while impersonating alice keeps alice's access
 * after the revert; one bob opens himself after it does not have it.
 */
TEST_F(ops, open_file_keeps_its_access)
{
	pid_t pid;

	ASSERT_EQ(0, wt_set_sd(self->file, NULL, rx_alice, 3));
	ASSERT_EQ(0, wt_set_privilege_policy("uid:1002:SeImpersonatePrivilege"));
	pid = fork();
	if (pid == 0) {
		int dev, fails = 0, mine, hers;

		if (wt_bob_impersonates_alice(&dev) != WT_SECURITY_IMPERSONATION)
			_exit(100);
		hers = open(self->file, O_RDONLY | O_CLOEXEC);
		if (hers < 0)
			_exit(101);
		if (map_fd(hers, PROT_READ | PROT_EXEC, 0))
			fails |= 1;
		if (ioctl(dev, WT_IOC_REVERT_TO_SELF, 0))
			fails |= 2;
		mine = open(self->file, O_RDONLY | O_CLOEXEC);
		if (mine < 0)
			_exit(102);
		if (map_fd(mine, PROT_READ | PROT_EXEC, 0) != EACCES)
			fails |= 4;
		if (map_fd(mine, PROT_READ, PROT_READ | PROT_EXEC) != EACCES)
			fails |= 8;
		if (map_fd(hers, PROT_READ | PROT_EXEC, 0))
			fails |= 16;
		if (map_fd(hers, PROT_READ, PROT_READ | PROT_EXEC))
			fails |= 32;
		_exit(fails);
	}
	EXPECT_EQ(0, wt_reap(pid));
	ASSERT_EQ(0, wt_set_privilege_policy(""));
}

/*
 * ftruncate(2), fchmod(2) and fchown(2) are decided by what the
 * descriptor was granted at open, as a Windows handle's access: not by
 * the token the thread has when it calls them. The SD: OWNER RIGHTS takes
 * root's implicit owner rights away; root may read and append, alice may
 * write, change the DACL and the owner, bob may read and append. The file
 * belongs to bob on the Linux side, so Linux lets him chmod and chgrp.
 */
TEST_F(ops, open_file_keeps_its_write_access)
{
	const struct wt_rule r[] = {
		{ 0, 0, WT_FILE_READ_DATA, "S-1-3-4" },
		{ 0, 0, WT_FILE_GENERIC_READ | WT_FILE_APPEND_DATA, SID_ROOT },
		{ 0, 0, WT_FILE_GENERIC_READ | WT_FILE_GENERIC_WRITE |
			WT_WRITE_DAC | WT_WRITE_OWNER, SID_ALICE },
		{ 0, 0, WT_FILE_GENERIC_READ | WT_FILE_APPEND_DATA, SID_BOB },
	};
	pid_t pid;

	ASSERT_EQ(0, chown(self->file, WT_UID_BOB, 0));
	ASSERT_EQ(0, wt_set_sd(self->file, NULL, r, 4));
	ASSERT_EQ(0, wt_set_privilege_policy("uid:1002:SeImpersonatePrivilege"));
	pid = fork();
	if (pid == 0) {
		int dev, fails = 0, mine, hers;

		/* root's descriptor may append, not write or change the DACL */
		mine = open(self->file, O_WRONLY | O_APPEND | O_CLOEXEC);
		if (mine < 0)
			_exit(100);
		if (wt_bob_impersonates_alice(&dev) != WT_SECURITY_IMPERSONATION)
			_exit(101);
		/* alice's token has the rights, root's descriptor does not */
		if (ftruncate(mine, 0) != -1 || errno != EACCES)
			fails |= 1;
		if (fchmod(mine, 0777) != -1 || errno != EACCES)
			fails |= 2;
		if (fchown(mine, -1, WT_GID_USERS) != -1 || errno != EACCES)
			fails |= 4;
		hers = open(self->file, O_WRONLY | O_CLOEXEC);
		if (hers < 0)
			_exit(102);
		if (ioctl(dev, WT_IOC_REVERT_TO_SELF, 0))
			_exit(103);
		/* bob's token has not, alice's descriptor has */
		if (ftruncate(hers, 1))
			fails |= 8;
		if (fchmod(hers, 0777))
			fails |= 16;
		if (fchown(hers, -1, WT_GID_USERS))
			fails |= 32;
		if (truncate(self->file, 0) != -1 || errno != EACCES)
			fails |= 64;
		if (chmod(self->file, 0777) != -1 || errno != EACCES)
			fails |= 128;
		_exit(fails);
	}
	EXPECT_EQ(0, wt_reap(pid));
	ASSERT_EQ(0, wt_set_privilege_policy(""));
}

/* The 32-bit helper, next to this program: its path into @buf. */
static const char *attr32_path(char *buf, size_t size)
{
	ssize_t n = readlink("/proc/self/exe", buf, size - 8);
	char *slash;

	if (n <= 0)
		return NULL;
	buf[n] = 0;
	slash = strrchr(buf, '/');
	if (!slash)
		return NULL;
	strcpy(slash + 1, "attr32");
	return buf;
}

/*
 * Bob opens @file for reading under the SD of @before (@nb rules); once
 * the SD is @after (@na rules) he runs the 32-bit helper's @op on that
 * descriptor. 0 or the errno it reports; 200 and up: the test failed.
 */
static int attr32_bob(const char *file, const struct wt_rule *before,
		      int nb, const struct wt_rule *after, int na, char op)
{
	char helper[256], arg[2] = { op, 0 }, c = 0;
	int ready[2], go[2];
	pid_t pid;

	if (!attr32_path(helper, sizeof(helper)) ||
	    wt_set_sd(file, NULL, before, nb) ||
	    pipe2(ready, O_CLOEXEC) || pipe2(go, O_CLOEXEC))
		return 200;
	pid = fork();
	if (pid == 0) {
		int fd;

		close(ready[0]);
		close(go[1]);
		wt_become_user(WT_UID_BOB, WT_GID_USERS);
		fd = open(file, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			_exit(201);
		if (write(ready[1], "r", 1) != 1 || read(go[0], &c, 1) != 1)
			_exit(202);
		/* only now: descriptor 5 may have been one of the pipes */
		if (dup2(fd, 5) != 5)
			_exit(205);
		execl(helper, "attr32", arg, (char *)NULL);
		_exit(203);
	}
	close(ready[1]);
	close(go[0]);
	if (read(ready[0], &c, 1) != 1 || wt_set_sd(file, NULL, after, na) ||
	    write(go[1], "g", 1) != 1)
		c = 0;
	close(ready[0]);
	close(go[1]);
	return c ? wt_reap(pid) : (wt_reap(pid), 204);
}

/*
 * A 32-bit task's fchmod(2), fchown(2) and fchown32(2) go through the ia32
 * system call table, with numbers of their own: they too are decided by
 * what the descriptor was granted at open, not by the token now. The SD
 * changes between bob's open and his call, so the two disagree.
 */
TEST_F(ops, ia32_fchmod_fchown_use_the_open_file)
{
	const struct wt_rule plain[] = {
		{ 0, 0, WT_FILE_ALL_ACCESS, SID_ROOT },
		{ 0, 0, WT_FILE_GENERIC_READ, SID_BOB },
	};
	const struct wt_rule dac_owner[] = {
		{ 0, 0, WT_FILE_ALL_ACCESS, SID_ROOT },
		{ 0, 0, WT_FILE_GENERIC_READ | WT_WRITE_DAC | WT_WRITE_OWNER,
		  SID_BOB },
	};
	static const char ops[] = "moO";
	char helper[256];
	pid_t pid;
	int i;

	ASSERT_NE(NULL, attr32_path(helper, sizeof(helper)));
	pid = fork();
	if (pid == 0) {
		execl(helper, "attr32", "n", (char *)NULL);
		_exit(errno == ENOEXEC ? 126 : 127);
	}
	i = wt_reap(pid);
	if (i == 126)
		SKIP(return, "no ia32 emulation in this kernel");
	ASSERT_EQ(0, i);
	/* Linux lets bob, the owner, change the mode and keep his ids. */
	ASSERT_EQ(0, chown(self->file, WT_UID_BOB, WT_GID_USERS));
	for (i = 0; ops[i]; i++) {
		/* the descriptor has WRITE_DAC and WRITE_OWNER, bob no more */
		EXPECT_EQ(0, attr32_bob(self->file, dac_owner, 2, plain, 2,
					ops[i])) TH_LOG("attr32 %c", ops[i]);
		/* bob has them now, his descriptor has not */
		EXPECT_EQ(EACCES, attr32_bob(self->file, plain, 2, dac_owner, 2,
					     ops[i])) TH_LOG("attr32 %c", ops[i]);
	}
}

TEST_F(ops, setting_times_needs_write_attributes)
{
	const struct wt_rule r[] = {
		{ 0, 0, WT_FILE_ALL_ACCESS, SID_ROOT },
		{ 0, 0, WT_FILE_GENERIC_WRITE, SID_ALICE },
		{ 0, 0, WT_FILE_WRITE_DATA | WT_FILE_READ_DATA, SID_BOB },
	};

	ASSERT_EQ(0, chmod(self->file, 0666));
	ASSERT_EQ(0, wt_set_sd(self->file, NULL, r, 3));
	EXPECT_EQ(0, op_as(WT_UID_ALICE, TOUCH, self->file));
	EXPECT_EQ(EACCES, op_as(WT_UID_BOB, TOUCH, self->file));
	/* explicit times: Linux wants the owner; root passes, alice does not */
	EXPECT_EQ(EPERM, op_as(WT_UID_ALICE, UTIMES, self->file));
	EXPECT_EQ(0, do_op(UTIMES, self->file));
	ASSERT_EQ(0, wt_set_sd(self->file, NULL, r + 1, 2));
	EXPECT_EQ(EACCES, do_op(UTIMES, self->file));
	/* writing data changes the times without the right */
	EXPECT_EQ(0, op_as(WT_UID_BOB, WRITE, self->file));
}

TEST_F(ops, user_xattrs_need_ea_rights)
{
	const struct wt_rule r[] = {
		{ 0, 0, WT_FILE_ALL_ACCESS, SID_ROOT },
		{ 0, 0, WT_FILE_READ_EA | WT_FILE_WRITE_EA, SID_ALICE },
		{ 0, 0, WT_FILE_READ_EA, SID_BOB },
	};

	/* tmpfs has no user.* attributes before 6.6 */
	if (do_op(SET_EA, self->file) == EOPNOTSUPP)
		SKIP(return, "no user xattrs on %s", variant->base);
	ASSERT_EQ(0, chmod(self->file, 0666));
	ASSERT_EQ(0, chown(self->file, WT_UID_ALICE, WT_GID_USERS));
	ASSERT_EQ(0, wt_set_sd(self->file, NULL, r, 3));
	EXPECT_EQ(0, op_as(WT_UID_ALICE, SET_EA, self->file));
	EXPECT_EQ(0, op_as(WT_UID_ALICE, GET_EA, self->file));
	EXPECT_EQ(0, op_as(WT_UID_BOB, GET_EA, self->file));
	/* the mode is 0666: Linux lets bob write, wintok does not */
	EXPECT_EQ(EACCES, op_as(WT_UID_BOB, SET_EA, self->file));
	EXPECT_EQ(EACCES, op_as(WT_UID_BOB, DEL_EA, self->file));
	EXPECT_EQ(EACCES, op_as(WT_UID_MALLORY, GET_EA, self->file));
	EXPECT_EQ(0, op_as(WT_UID_ALICE, DEL_EA, self->file));
}

/*
 * SeTakeOwnershipPrivilege grants WRITE_OWNER whatever the DACL says:
 * root, left out of the DACL, takes the file with it enabled.
 */
TEST_F(ops, take_ownership)
{
	const struct wt_rule r[] = { { 0, 0, WT_FILE_ALL_ACCESS, SID_ALICE } };
	uint8_t sd[128];
	size_t len;
	pid_t pid;

	/* alice, the Linux owner, gives the file its first SD: hers */
	ASSERT_EQ(0, chown(self->file, WT_UID_ALICE, WT_GID_USERS));
	pid = fork();
	if (pid == 0) {
		wt_become_user(WT_UID_ALICE, WT_GID_USERS);
		_exit(wt_set_sd(self->file, NULL, r, 1));
	}
	ASSERT_EQ(0, wt_reap(pid));
	ASSERT_EQ(0, owner_is_as(WT_UID_ALICE, self->file, SID_ALICE));
	len = wt_build_sd(sd, SID_ROOT, NULL, -1, 0);
	/* without the privilege enabled: WRITE_OWNER is refused */
	pid = fork();
	if (pid == 0) {
		int fd = open(self->file, O_PATH | O_CLOEXEC);

		_exit(wt_set_file_security(-1, fd, WT_OWNER_SECURITY_INFORMATION,
					   sd, len) ? errno : 0);
	}
	EXPECT_EQ(EACCES, wt_reap(pid));
	pid = fork();
	if (pid == 0) {
		struct wt_luid_and_attributes la = {
			.luid = WT_SE_TAKE_OWNERSHIP_PRIVILEGE,
			.attributes = WT_SE_PRIVILEGE_ENABLED,
		};
		int tok = wt_open_process_token(-1, WT_TOKEN_ADJUST_PRIVILEGES,
						NULL);
		int fd = open(self->file, O_PATH | O_CLOEXEC);

		if (tok < 0 || fd < 0 ||
		    wt_adjust_token_privileges(tok, 0, &la, 1, NULL, NULL, NULL))
			_exit(200);
		_exit(wt_set_file_security(-1, fd, WT_OWNER_SECURITY_INFORMATION,
					   sd, len) ? errno : 0);
	}
	EXPECT_EQ(0, wt_reap(pid));
	/* the new owner has READ_CONTROL: it reads itself as the owner */
	EXPECT_EQ(0, owner_is(self->file, SID_ROOT));
}

/*
 * In a child as root (left out of the DACL): 0 when a plain open and a
 * backup open without privileges fail, SeBackupPrivilege opens for reading
 * only, SeRestorePrivilege for writing too; else a bit per failed check.
 */
static int backup_checks(const char *path)
{
	int fails = 0, fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0 || errno != EACCES)
		fails |= 1;
	if (wt_open_backup_at(AT_FDCWD, path, O_RDONLY | O_CLOEXEC) != -EACCES)
		fails |= 2;
	if (wt_enable_privilege(WT_SE_BACKUP_PRIVILEGE))
		return 100;
	fd = wt_open_backup_at(AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		fails |= 4;
	close(fd);
	/* only the backup-intent open is special */
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0 || errno != EACCES)
		fails |= 8;
	if (wt_open_backup_at(AT_FDCWD, path, O_WRONLY | O_CLOEXEC) != -EACCES)
		fails |= 16;
	if (wt_enable_privilege(WT_SE_RESTORE_PRIVILEGE))
		return 101;
	fd = wt_open_backup_at(AT_FDCWD, path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		fails |= 32;
	close(fd);
	return fails;
}

TEST_F(ops, backup_intent)
{
	const struct wt_rule r[] = { { 0, 0, WT_FILE_ALL_ACCESS, SID_ALICE } };
	struct wt_open_backup a = { .size = sizeof(a), .dirfd = AT_FDCWD,
				    .path = (uintptr_t)self->file };
	int dev;
	pid_t pid;

	ASSERT_EQ(0, wt_set_sd(self->file, NULL, r, 1));
	pid = fork();
	if (pid == 0)
		_exit(backup_checks(self->file));
	EXPECT_EQ(0, wt_reap(pid));

	/* argument errors */
	dev = open("/dev/wintok", O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, dev);
	a.size = WT_OPEN_BACKUP_SIZE_VER0 - 1;
	EXPECT_EQ(-1, ioctl(dev, WT_IOC_OPEN_BACKUP, &a));
	EXPECT_EQ(EINVAL, errno);
	a.size = sizeof(a);
	a.flags = 1;
	EXPECT_EQ(-1, ioctl(dev, WT_IOC_OPEN_BACKUP, &a));
	EXPECT_EQ(EINVAL, errno);
	a.flags = 0;
	a.reserved = 1;
	EXPECT_EQ(-1, ioctl(dev, WT_IOC_OPEN_BACKUP, &a));
	EXPECT_EQ(EINVAL, errno);
	a.reserved = 0;
	a.open_flags = O_RDONLY | O_PATH;
	EXPECT_EQ(-1, ioctl(dev, WT_IOC_OPEN_BACKUP, &a));
	EXPECT_EQ(EINVAL, errno);
	a.open_flags = O_RDONLY;
	a.path = 8;
	EXPECT_EQ(-1, ioctl(dev, WT_IOC_OPEN_BACKUP, &a));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, ioctl(dev, WT_IOC_OPEN_BACKUP, (void *)8));
	EXPECT_EQ(EFAULT, errno);
	a.path = (uintptr_t)"/nonexistent/wt";
	EXPECT_EQ(-1, ioctl(dev, WT_IOC_OPEN_BACKUP, &a));
	EXPECT_EQ(ENOENT, errno);
	close(dev);
}

/* Is @fd (>= 0) the file at @path? Closes @fd. */
static int same_file(int fd, const char *path)
{
	struct stat a, b;
	int same = fd >= 0 && !fstat(fd, &a) && !stat(path, &b) &&
		   a.st_dev == b.st_dev && a.st_ino == b.st_ino;

	if (fd >= 0)
		close(fd);
	return same;
}

/*
 * In a child as root (left out of the DACL of @dir/prog): 0 when backup
 * opens relative to a directory descriptor behave as openat(2) and keep
 * their backup intent; else a bit per failed check.
 */
static int backup_at_checks(const char *dir, const char *file)
{
	const char *base = strrchr(dir, '/') + 1;
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int pfd = open(dir, O_PATH | O_CLOEXEC);
	int ffd = open(file, O_PATH | O_CLOEXEC);
	char up[128], moved[128];
	int fails = 0, err;
	pid_t pid;

	if (dfd < 0 || pfd < 0 || ffd < 0)
		return 100;
	/* the SD is checked with the dirfd too: no privilege, no open */
	if (wt_open_backup_at(dfd, "prog", O_RDONLY) != -EACCES)
		fails |= 1;
	if (wt_enable_privilege(WT_SE_BACKUP_PRIVILEGE))
		return 101;
	if (!same_file(wt_open_backup_at(dfd, "prog", O_RDONLY), file))
		fails |= 2;
	if (!same_file(wt_open_backup_at(pfd, "prog", O_RDONLY), file))
		fails |= 4;
	/* ".." leaves the directory, as in openat(2) */
	snprintf(up, sizeof(up), "../%s/prog", base);
	if (!same_file(wt_open_backup_at(dfd, up, O_RDONLY), file))
		fails |= 8;
	/* an absolute path ignores dirfd, even a bad one */
	if (!same_file(wt_open_backup_at(9999, file, O_RDONLY), file) ||
	    !same_file(wt_open_backup_at(-5, file, O_RDONLY), file) ||
	    !same_file(wt_open_backup_at(ffd, file, O_RDONLY), file))
		fails |= 16;
	if (wt_open_backup_at(9999, "prog", O_RDONLY) != -EBADF ||
	    wt_open_backup_at(-5, "prog", O_RDONLY) != -EBADF)
		fails |= 32;
	if (wt_open_backup_at(ffd, "prog", O_RDONLY) != -ENOTDIR)
		fails |= 64;
	if (wt_open_backup_at(dfd, "", O_RDONLY) != -ENOENT ||
	    wt_open_backup_at(AT_FDCWD, "", O_RDONLY) != -ENOENT ||
	    wt_open_backup_at(dfd, "missing", O_RDONLY) != -ENOENT)
		fails |= 128;
	/* the descriptor's directory, not its name: it follows a rename */
	snprintf(moved, sizeof(moved), "%s.moved", dir);
	if (rename(dir, moved))
		return 102;
	err = wt_open_backup_at(dfd, "prog", O_RDONLY);
	if (err < 0)
		fails |= 256;
	else
		close(err);
	if (rename(moved, dir))
		return 103;
	/* relative to the current directory still */
	if (chdir(dir) ||
	    !same_file(wt_open_backup_at(AT_FDCWD, "prog", O_RDONLY), file))
		fails |= 512;
	/* with something else than procfs at /proc, a dirfd is refused */
	pid = fork();
	if (pid == 0) {
		if (unshare(CLONE_NEWNS) ||
		    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
		    mount("tmpfs", "/proc", "tmpfs", 0, NULL))
			_exit(2);
		if (wt_open_backup_at(dfd, "prog", O_RDONLY) != -EOPNOTSUPP)
			_exit(3);
		_exit(same_file(wt_open_backup_at(dfd, file, O_RDONLY), file) ? 0 : 4);
	}
	if (wt_reap(pid))
		fails |= 1024;
	close(dfd);
	close(pfd);
	close(ffd);
	return fails;
}

TEST_F(ops, backup_intent_relative_to_dirfd)
{
	const struct wt_rule r[] = { { 0, 0, WT_FILE_ALL_ACCESS, SID_ALICE } };
	pid_t pid;

	ASSERT_EQ(0, wt_set_sd(self->file, NULL, r, 1));
	pid = fork();
	if (pid == 0)
		_exit(backup_at_checks(self->dir, self->file));
	EXPECT_EQ(0, wt_reap(pid));
}

TEST(no_internal_errors_or_records_left)
{
	char buf[32] = "";
	int fd = open("/sys/module/wintok/parameters/file_errors", O_RDONLY);

	ASSERT_LE(0, fd);
	ASSERT_LT(0, read(fd, buf, sizeof(buf) - 1));
	close(fd);
	EXPECT_EQ(0, atol(buf));
}

TEST_HARNESS_MAIN
