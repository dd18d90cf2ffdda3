// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests: `wtacl grant FILE WHO:RIGHTS` and `wtacl grant -R`
 * against the module, on tmpfs and ext4. The effect is checked by the
 * ACEs stored (read with getxattr, not through wtacl) and by opens as
 * alice, bob and mallory.
 */
#include <errno.h>
#include <fcntl.h>
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
#define SID_ALICE	"S-1-22-1-1001"
#define SID_BOB		"S-1-22-1-1002"
#define SID_MALLORY	"S-1-22-1-1003"
#define SID_FINANCE	"S-1-22-2-2001"

/* Exit status of `sh -c CMD` run by @uid (0: root); stderr kept. */
static int run_as(uid_t uid, const char *fmt, const char *a, const char *b)
{
	char cmd[512];
	pid_t pid;

	snprintf(cmd, sizeof(cmd), fmt, a, b);
	pid = fork();
	if (pid == 0) {
		if (uid)
			wt_become_user(uid, WT_GID_USERS);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	return wt_reap(pid);
}

static int run(const char *fmt, const char *a, const char *b)
{
	return run_as(0, fmt, a, b);
}

/* 0 when @path's DACL has an ACE for @sid with @flags and @mask. */
static int has_ace(const char *path, const char *sid, int flags, uint32_t mask)
{
	uint8_t sd[2048], t, f;
	ssize_t len = wt_raw_sd(path, sd, sizeof(sd));
	uint32_t m;

	if (len < 0)
		return errno;
	if (!wt_sd_find_ace(sd, len, sid, &t, &f, &m))
		return 200;
	if (t != WT_ACCESS_ALLOWED_ACE_TYPE)
		return 201;
	if (f != flags)
		return 202;
	return m == mask ? 0 : 203;
}

FIXTURE(grant) {
	char dir[64];
	char file[96];
	char sub[96];
	char deep[128];
};

FIXTURE_VARIANT(grant) {
	const char *base;
};

FIXTURE_VARIANT_ADD(grant, tmpfs) {
	.base = "/tmp",
};

FIXTURE_VARIANT_ADD(grant, ext4) {
	.base = "/mnt/disk",
};

/* dir/{f, sub/{g}}, all governed by root only, mode 0777/0666. */
FIXTURE_SETUP(grant)
{
	const struct wt_rule root_only[] = {
		{ 0, WT_OBJECT_INHERIT_ACE | WT_CONTAINER_INHERIT_ACE,
		  WT_FILE_ALL_ACCESS, SID_ROOT },
	};
	int fd;

	ASSERT_EQ(0, access("/usr/bin/wtacl", X_OK));
	snprintf(self->dir, sizeof(self->dir), "%s/wt_grant.%d", variant->base,
		 getpid());
	snprintf(self->file, sizeof(self->file), "%s/f", self->dir);
	snprintf(self->sub, sizeof(self->sub), "%s/sub", self->dir);
	snprintf(self->deep, sizeof(self->deep), "%s/sub/g", self->dir);
	ASSERT_EQ(0, mkdir(self->dir, 0777));
	ASSERT_EQ(0, chmod(self->dir, 0777));
	ASSERT_EQ(0, wt_set_dacl(self->dir, root_only, 1));
	/* created under the governed directory: they inherit root's ACE */
	fd = open(self->file, O_CREAT | O_WRONLY | O_CLOEXEC, 0666);
	ASSERT_LE(0, fd);
	close(fd);
	ASSERT_EQ(0, chmod(self->file, 0666));
	ASSERT_EQ(0, mkdir(self->sub, 0777));
	ASSERT_EQ(0, chmod(self->sub, 0777));
	fd = open(self->deep, O_CREAT | O_WRONLY | O_CLOEXEC, 0666);
	ASSERT_LE(0, fd);
	close(fd);
	ASSERT_EQ(0, chmod(self->deep, 0666));
}

FIXTURE_TEARDOWN(grant)
{
	if (self->dir[0] && wt_rm_rf(self->dir))
		TH_LOG("cannot remove %s", self->dir);
}

TEST_F(grant, user_read)
{
	EXPECT_EQ(EACCES, wt_read_as(WT_UID_ALICE, self->file));
	ASSERT_EQ(0, run("wtacl grant %s alice:R%s", self->file, ""));
	EXPECT_EQ(0, has_ace(self->file, SID_ALICE, 0, WT_FILE_GENERIC_READ));
	EXPECT_EQ(0, wt_read_as(WT_UID_ALICE, self->file));
	EXPECT_EQ(EACCES, wt_read_as(WT_UID_BOB, self->file));
	/* the inherited root ACE is still there, after the new one */
	EXPECT_EQ(0, has_ace(self->file, SID_ROOT, WT_INHERITED_ACE,
			     WT_FILE_ALL_ACCESS));
	/* granting more to the same SID merges into its ACE */
	ASSERT_EQ(0, run("wtacl grant %s alice:FW%s", self->file, ""));
	EXPECT_EQ(0, has_ace(self->file, SID_ALICE, 0,
			     WT_FILE_GENERIC_READ | WT_FILE_GENERIC_WRITE));
}

TEST_F(grant, groups_sids_and_sddl_rights)
{
	ASSERT_EQ(0, run("wtacl grant %s finance:%s", self->file, "RX"));
	EXPECT_EQ(0, has_ace(self->file, SID_FINANCE, 0, 0x1200a9));
	ASSERT_EQ(0, run("wtacl grant %s %s:FR,FX", self->file, SID_BOB));
	EXPECT_EQ(0, has_ace(self->file, SID_BOB, 0,
			     WT_FILE_GENERIC_READ | WT_FILE_GENERIC_EXECUTE));
	EXPECT_EQ(0, wt_read_as(WT_UID_BOB, self->file));
	EXPECT_EQ(EACCES, wt_read_as(WT_UID_MALLORY, self->file));
}

TEST_F(grant, bad_input_and_refusals)
{
	EXPECT_EQ(2, run("wtacl grant %s nosuchuser:R%s 2>/dev/null",
			 self->file, ""));
	EXPECT_EQ(2, run("wtacl grant %s alice:QQ%s 2>/dev/null", self->file, ""));
	EXPECT_EQ(2, run("wtacl grant %s alice%s 2>/dev/null", self->file, ""));
	/* bob has no WRITE_DAC: the module refuses, wtacl exits 3 */
	EXPECT_EQ(3, run_as(WT_UID_BOB, "wtacl grant %s bob:F%s 2>/dev/null",
			    self->file, ""));
	EXPECT_EQ(EACCES, wt_read_as(WT_UID_BOB, self->file));
}

TEST_F(grant, inheritable_flags_on_a_directory)
{
	ASSERT_EQ(0, run("wtacl grant %s 'alice:(OI)(CI)%s'", self->sub, "R"));
	EXPECT_EQ(0, has_ace(self->sub, SID_ALICE, WT_OBJECT_INHERIT_ACE |
			     WT_CONTAINER_INHERIT_ACE, WT_FILE_GENERIC_READ));
	/* without -R the existing child keeps its SD */
	EXPECT_EQ(EACCES, wt_read_as(WT_UID_ALICE, self->deep));
}

TEST_F(grant, recursive)
{
	ASSERT_EQ(0, run("wtacl grant -R %s bob:%s", self->dir, "R"));
	/* the top gets an inheritable ACE, everything below inherits it */
	EXPECT_EQ(0, has_ace(self->dir, SID_BOB, WT_OBJECT_INHERIT_ACE |
			     WT_CONTAINER_INHERIT_ACE, WT_FILE_GENERIC_READ));
	EXPECT_EQ(0, has_ace(self->file, SID_BOB, WT_INHERITED_ACE,
			     WT_FILE_GENERIC_READ));
	EXPECT_EQ(0, has_ace(self->sub, SID_BOB, WT_OBJECT_INHERIT_ACE |
			     WT_CONTAINER_INHERIT_ACE | WT_INHERITED_ACE,
			     WT_FILE_GENERIC_READ));
	EXPECT_EQ(0, has_ace(self->deep, SID_BOB, WT_INHERITED_ACE,
			     WT_FILE_GENERIC_READ));
	EXPECT_EQ(0, wt_read_as(WT_UID_BOB, self->file));
	EXPECT_EQ(0, wt_read_as(WT_UID_BOB, self->deep));
	EXPECT_EQ(EACCES, wt_read_as(WT_UID_MALLORY, self->deep));
	/* explicit ACEs below survive the propagation */
	ASSERT_EQ(0, run("wtacl grant %s mallory:%s", self->deep, "R"));
	ASSERT_EQ(0, run("wtacl grant -R %s alice:%s", self->dir, "R"));
	EXPECT_EQ(0, wt_read_as(WT_UID_MALLORY, self->deep));
	EXPECT_EQ(0, wt_read_as(WT_UID_ALICE, self->deep));
	EXPECT_EQ(0, wt_read_as(WT_UID_BOB, self->deep));
}

TEST_HARNESS_MAIN
