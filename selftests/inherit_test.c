// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests: a file or directory created in a governed directory
 * gets the SD computed from the directory's inheritable ACEs and the
 * creator's effective token, on tmpfs and on ext4. Runs as root in the
 * VM; alice, bob and mallory in forked children. Reboot persistence is
 * in inherit_reboot_test.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "wt_test.h"
#include "wt_sd_build.h"

#define SID_ROOT	"S-1-22-1-0"
#define SID_ALICE	"S-1-22-1-1001"
#define SID_BOB		"S-1-22-1-1002"
#define SID_MALLORY	"S-1-22-1-1003"
#define SID_SYSTEM	"S-1-5-18"

#define OICI (WT_OBJECT_INHERIT_ACE | WT_CONTAINER_INHERIT_ACE)

/* Read the raw SD of @path (SeBackupPrivilege enabled for it) into @buf. */
static ssize_t raw_sd(const char *path, uint8_t *buf, size_t size)
{
	return wt_raw_sd(path, buf, size);
}

enum op { MK_FILE, MK_DIR, MK_FIFO, MK_SOCK, RD, WR };

/* 0 or the errno of @op on @path by the calling process. */
static int do_op(enum op op, const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd, r = 0;

	switch (op) {
	case MK_FILE:
		fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0666);
		if (fd < 0)
			return errno;
		close(fd);
		return 0;
	case MK_DIR:
		r = mkdir(path, 0777);
		break;
	case MK_FIFO:
		r = mkfifo(path, 0666);
		break;
	case MK_SOCK:
		fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd < 0)
			return errno;
		snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
		r = bind(fd, (struct sockaddr *)&sa, sizeof(sa));
		close(fd);
		break;
	case RD:
	case WR:
		fd = open(path, (op == RD ? O_RDONLY : O_WRONLY) | O_CLOEXEC);
		if (fd < 0)
			return errno;
		close(fd);
		return 0;
	}
	return r ? errno : 0;
}

static int op_as(uid_t uid, enum op op, const char *path)
{
	return wt_as_user(uid, WT_GID_USERS, do_op(op, path));
}

/* Check an ACE of the SD of @path: 0, or why not. */
static int ace_is(const char *path, const char *sid, int type, int flags,
		  uint32_t mask)
{
	uint8_t sd[8192], t, f;
	ssize_t len = raw_sd(path, sd, sizeof(sd));
	uint32_t m;

	if (len < 0)
		return 1;
	if (!wt_sd_find_ace(sd, len, sid, &t, &f, &m))
		return 2;
	if (t != type)
		return 3;
	if (f != flags)
		return 4;
	if (m != mask)
		return 5;
	return 0;
}

FIXTURE(inh) {
	char dir[64];
	char path[128];
};

FIXTURE_VARIANT(inh) {
	const char *base;
};

FIXTURE_VARIANT_ADD(inh, tmpfs) {
	.base = "/tmp",
};

FIXTURE_VARIANT_ADD(inh, ext4) {
	.base = "/mnt/disk",
};

/*
 * The governed directory: root and alice full control inherited by files
 * and directories, bob read inherited by files only.
 */
static const struct wt_rule dir_rules[] = {
	{ 0, OICI, WT_FILE_ALL_ACCESS, SID_ROOT },
	{ 0, OICI, WT_FILE_ALL_ACCESS, SID_ALICE },
	{ 0, WT_OBJECT_INHERIT_ACE, WT_FILE_GENERIC_READ, SID_BOB },
};

FIXTURE_SETUP(inh)
{
	snprintf(self->dir, sizeof(self->dir), "%s/wt_inh.%d", variant->base,
		 getpid());
	ASSERT_EQ(0, mkdir(self->dir, 0777));
	ASSERT_EQ(0, chmod(self->dir, 0777));
	ASSERT_EQ(0, wt_set_sd(self->dir, NULL, dir_rules, 3));
}

FIXTURE_TEARDOWN(inh)
{
	if (wt_rm_rf(self->dir))
		TH_LOG("cannot remove %s", self->dir);
}

static const char *in(struct _test_data_inh *self, const char *name)
{
	snprintf(self->path, sizeof(self->path), "%s/%s", self->dir, name);
	return self->path;
}

TEST_F(inh, file_gets_the_inheritable_aces)
{
	uint8_t sd[1024];
	const char *f = in(self, "f");
	ssize_t len;

	ASSERT_EQ(0, op_as(WT_UID_ALICE, MK_FILE, f));
	len = raw_sd(f, sd, sizeof(sd));
	ASSERT_LT(0, len);
	/* the creator's token owns it */
	EXPECT_TRUE(wt_sd_owner_is(sd, len, SID_ALICE));
	/* inherited, flags cleared but INHERITED, generic rights mapped */
	EXPECT_EQ(0, ace_is(f, SID_ALICE, WT_ACCESS_ALLOWED_ACE_TYPE,
			    WT_INHERITED_ACE, WT_FILE_ALL_ACCESS));
	EXPECT_EQ(0, ace_is(f, SID_BOB, WT_ACCESS_ALLOWED_ACE_TYPE,
			    WT_INHERITED_ACE, WT_FILE_GENERIC_READ));
	/* and it is enforced */
	EXPECT_EQ(0, op_as(WT_UID_BOB, RD, f));
	EXPECT_EQ(EACCES, op_as(WT_UID_BOB, WR, f));
	EXPECT_EQ(EACCES, op_as(WT_UID_MALLORY, RD, f));
	EXPECT_EQ(0, op_as(WT_UID_ALICE, WR, f));
}

TEST_F(inh, directory_and_grandchildren)
{
	const char *d, *g;
	char dpath[128];

	d = in(self, "d");
	snprintf(dpath, sizeof(dpath), "%s", d);
	ASSERT_EQ(0, op_as(WT_UID_ALICE, MK_DIR, dpath));
	/* OI|CI stays inheritable on a directory */
	EXPECT_EQ(0, ace_is(dpath, SID_ALICE, WT_ACCESS_ALLOWED_ACE_TYPE,
			    OICI | WT_INHERITED_ACE, WT_FILE_ALL_ACCESS));
	/* OI alone reaches a directory only to be passed on: inherit-only */
	EXPECT_EQ(0, ace_is(dpath, SID_BOB, WT_ACCESS_ALLOWED_ACE_TYPE,
			    WT_OBJECT_INHERIT_ACE | WT_INHERIT_ONLY_ACE |
			    WT_INHERITED_ACE, WT_FILE_GENERIC_READ));
	/* bob may not list it, but may read a file made in it */
	EXPECT_EQ(EACCES, op_as(WT_UID_BOB, RD, dpath));
	g = in(self, "d/g");
	ASSERT_EQ(0, op_as(WT_UID_ALICE, MK_FILE, g));
	EXPECT_EQ(0, ace_is(g, SID_BOB, WT_ACCESS_ALLOWED_ACE_TYPE,
			    WT_INHERITED_ACE, WT_FILE_GENERIC_READ));
	EXPECT_EQ(0, op_as(WT_UID_BOB, RD, g));
	EXPECT_EQ(EACCES, op_as(WT_UID_MALLORY, RD, g));
}

TEST_F(inh, fifo_and_socket_are_files)
{
	const char *p = in(self, "p");

	ASSERT_EQ(0, op_as(WT_UID_ALICE, MK_FIFO, p));
	EXPECT_EQ(0, ace_is(p, SID_BOB, WT_ACCESS_ALLOWED_ACE_TYPE,
			    WT_INHERITED_ACE, WT_FILE_GENERIC_READ));
	p = in(self, "s");
	ASSERT_EQ(0, op_as(WT_UID_ALICE, MK_SOCK, p));
	EXPECT_EQ(0, ace_is(p, SID_BOB, WT_ACCESS_ALLOWED_ACE_TYPE,
			    WT_INHERITED_ACE, WT_FILE_GENERIC_READ));
}

TEST_F(inh, default_dacl_when_nothing_is_inheritable)
{
	const struct wt_rule plain[] = {
		{ 0, 0, WT_FILE_ALL_ACCESS, SID_ROOT },
		{ 0, 0, WT_FILE_ADD_FILE | WT_FILE_LIST_DIRECTORY, SID_ALICE },
	};
	const char *f = in(self, "f");

	ASSERT_EQ(0, wt_set_sd(self->dir, NULL, plain, 2));
	ASSERT_EQ(0, op_as(WT_UID_ALICE, MK_FILE, f));
	/* alice's default DACL: her user and SYSTEM, GENERIC_ALL mapped */
	EXPECT_EQ(0, ace_is(f, SID_ALICE, WT_ACCESS_ALLOWED_ACE_TYPE, 0,
			    WT_FILE_ALL_ACCESS));
	EXPECT_EQ(0, ace_is(f, SID_SYSTEM, WT_ACCESS_ALLOWED_ACE_TYPE, 0,
			    WT_FILE_ALL_ACCESS));
	EXPECT_EQ(2, ace_is(f, SID_ROOT, 0, 0, 0));
	EXPECT_EQ(0, op_as(WT_UID_ALICE, RD, f));
	EXPECT_EQ(EACCES, op_as(WT_UID_BOB, RD, f));
	EXPECT_EQ(EACCES, op_as(0, RD, f));
}

TEST_F(inh, impersonating_creator)
{
	const char *f = in(self, "h");
	uint8_t sd[1024];
	ssize_t len;
	pid_t pid;

	ASSERT_EQ(0, wt_set_privilege_policy("uid:1002:SeImpersonatePrivilege"));
	pid = fork();
	if (pid == 0) {
		int dev, fails = 0;

		if (wt_bob_impersonates_alice(&dev) != WT_SECURITY_IMPERSONATION)
			_exit(100);
		if (do_op(MK_FILE, f))
			fails |= 1;
		if (ioctl(dev, WT_IOC_REVERT_TO_SELF, 0))
			fails |= 2;
		/* bob himself: the inherited read ACE, nothing more */
		if (do_op(RD, f))
			fails |= 4;
		if (do_op(WR, f) != EACCES)
			fails |= 8;
		_exit(fails);
	}
	EXPECT_EQ(0, wt_reap(pid));
	ASSERT_EQ(0, wt_set_privilege_policy(""));
	len = raw_sd(f, sd, sizeof(sd));
	ASSERT_LT(0, len);
	/* the effective (impersonation) token made it */
	EXPECT_TRUE(wt_sd_owner_is(sd, len, SID_ALICE));

	/* at Identification nothing can be created */
	f = in(self, "i");
	pid = fork();
	if (pid == 0) {
		int dev;

		if (wt_bob_impersonates_alice(&dev) != WT_SECURITY_IDENTIFICATION)
			_exit(100);
		_exit(do_op(MK_FILE, f) == WT_EBADIMPLEVEL ? 0 : 1);
	}
	EXPECT_EQ(0, wt_reap(pid));
	EXPECT_EQ(ENOENT, access(f, F_OK) ? errno : 0);
}

/* Root with SeRestorePrivilege enabled (in a child) removes the SD. */
static int remove_sd(const char *path)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct wt_luid_and_attributes la = {
			.luid = WT_SE_RESTORE_PRIVILEGE,
			.attributes = WT_SE_PRIVILEGE_ENABLED,
		};
		int fd = wt_open_process_token(-1, WT_TOKEN_ADJUST_PRIVILEGES,
					       NULL);

		if (fd < 0 || wt_adjust_token_privileges(fd, 0, &la, 1, NULL,
							 NULL, NULL))
			_exit(1);
		_exit(removexattr(path, WT_XATTR_NAME) ? 2 : 0);
	}
	return wt_reap(pid);
}

TEST_F(inh, ungoverned_directory_gives_nothing)
{
	char sub[128];
	uint8_t sd[1024];
	const char *f;

	/* a directory whose own SD was removed: not governed */
	snprintf(sub, sizeof(sub), "%s/plain", self->dir);
	ASSERT_EQ(0, mkdir(sub, 0777));
	ASSERT_EQ(0, chmod(sub, 0777));
	ASSERT_LT(0, raw_sd(sub, sd, sizeof(sd)));
	ASSERT_EQ(0, remove_sd(sub));
	f = in(self, "plain/f");
	ASSERT_EQ(0, op_as(WT_UID_ALICE, MK_FILE, f));
	EXPECT_EQ(-1, raw_sd(f, sd, sizeof(sd)));
	EXPECT_EQ(ENODATA, errno);
	/* Linux alone: mode 0644 lets bob read */
	EXPECT_EQ(0, op_as(WT_UID_BOB, RD, f));
}

/*
 * A large inheritable DACL (up to 120 ACEs, about 3 KiB inherited; fewer
 * when the file system cannot store that much in one xattr, as ext4 with
 * 1 KiB blocks): the child either gets all of it or is not created (ext4
 * may lack journal credits: ENOSPC); never an ungoverned child.
 */
TEST_F(inh, large_inherited_sd_or_nothing)
{
	static struct wt_rule many[120];
	static char sids[120][24];
	const char *f = in(self, "big");
	uint8_t sd[8192];
	ssize_t len;
	int i, n, err;

	for (i = 0; i < 120; i++) {
		snprintf(sids[i], sizeof(sids[i]), "S-1-22-1-%d", 5000 + i);
		many[i].flags = WT_OBJECT_INHERIT_ACE;
		many[i].mask = WT_FILE_GENERIC_READ;
		many[i].sid = sids[i];
	}
	many[0].sid = SID_ROOT;
	many[0].flags |= WT_CONTAINER_INHERIT_ACE;
	many[0].mask = WT_FILE_ALL_ACCESS;
	many[1].sid = SID_ALICE;
	many[1].mask = WT_FILE_ALL_ACCESS;
	for (n = 120; n > 10; n -= 10) {
		err = wt_set_sd(self->dir, NULL, many, n);
		if (err != ENOSPC)
			break;
	}
	ASSERT_EQ(0, err);
	err = op_as(WT_UID_ALICE, MK_FILE, f);
	len = raw_sd(f, sd, sizeof(sd));
	TH_LOG("%s: %d ACEs, create %s, child SD %zd bytes", variant->base, n,
	       err ? strerror(err) : "ok", len);
	if (err) {
		EXPECT_EQ(ENOSPC, err);
		EXPECT_EQ(ENOENT, access(f, F_OK) ? errno : 0);
	} else {
		EXPECT_EQ(0, ace_is(f, sids[n - 1], WT_ACCESS_ALLOWED_ACE_TYPE,
				    WT_INHERITED_ACE, WT_FILE_GENERIC_READ));
	}
}

TEST(no_internal_errors)
{
	char buf[32] = "";
	int fd = open("/sys/module/wintok/parameters/file_errors", O_RDONLY);

	ASSERT_LE(0, fd);
	ASSERT_LT(0, read(fd, buf, sizeof(buf) - 1));
	close(fd);
	EXPECT_EQ(0, atol(buf));
}

TEST_HARNESS_MAIN
