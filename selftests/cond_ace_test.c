// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests: conditional ACEs evaluated by the module's access
 * check ([MS-DTYP] 2.4.4.17), on tmpfs and ext4. The SDs are set with
 * `wtacl set FILE SDDL`; the effect is checked by opens as alice (with and
 * without the finance group in her token) and bob.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "wt_test.h"

#define GID_FINANCE	2001
#define MEMBER_FINANCE	"(Member_of {SID(S-1-22-2-2001)})"

/* Exit status of `wtacl set @path @sddl` run by root (with @priv enabled). */
static int wtacl_set(const char *path, const char *sddl, unsigned int priv)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (priv && wt_enable_privilege(priv))
			_exit(98);
		execl("/usr/bin/wtacl", "wtacl", "set", path, sddl, (char *)NULL);
		_exit(127);
	}
	return wt_reap(pid);
}

/* 0 or the errno of opening @path for reading as @uid, in finance or not. */
static int read_as(uid_t uid, bool finance, const char *path)
{
	pid_t pid = fork();

	if (pid == 0) {
		gid_t g = GID_FINANCE;
		int fd;

		if (setgroups(finance ? 1 : 0, &g) ||
		    setresgid(WT_GID_USERS, WT_GID_USERS, WT_GID_USERS) ||
		    setresuid(uid, uid, uid))
			_exit(99);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		_exit(fd < 0 ? errno : 0);
	}
	return wt_reap(pid);
}

FIXTURE(cond) {
	char path[96];
};

FIXTURE_VARIANT(cond) {
	const char *base;
};

FIXTURE_VARIANT_ADD(cond, tmpfs) {
	.base = "/tmp",
};

FIXTURE_VARIANT_ADD(cond, ext4) {
	.base = "/mnt/disk",
};

FIXTURE_SETUP(cond)
{
	int fd;

	ASSERT_EQ(0, access("/usr/bin/wtacl", X_OK));
	snprintf(self->path, sizeof(self->path), "%s/wt_cond.%d",
		 variant->base, getpid());
	fd = open(self->path, O_CREAT | O_WRONLY | O_CLOEXEC, 0666);
	ASSERT_LE(0, fd);
	close(fd);
	/* Linux permissions let everyone read: the SD decides. */
	ASSERT_EQ(0, chmod(self->path, 0666));
}

FIXTURE_TEARDOWN(cond)
{
	unlink(self->path);
}

/* A conditional allow ACE grants when the token holds the group. */
TEST_F(cond, allow_member_of)
{
	ASSERT_EQ(0, wtacl_set(self->path,
			       "D:(XA;;FR;;;WD;" MEMBER_FINANCE ")", 0));
	EXPECT_EQ(0, read_as(WT_UID_ALICE, true, self->path));
	EXPECT_EQ(EACCES, read_as(WT_UID_ALICE, false, self->path));
	EXPECT_EQ(EACCES, read_as(WT_UID_BOB, false, self->path));
	/* The same ACE without a condition grants everyone. */
	ASSERT_EQ(0, wtacl_set(self->path, "D:(A;;FR;;;WD)", 0));
	EXPECT_EQ(0, read_as(WT_UID_BOB, false, self->path));
}

/* A conditional deny ACE denies the members only. */
TEST_F(cond, deny_member_of)
{
	ASSERT_EQ(0, wtacl_set(self->path,
			       "D:(XD;;FR;;;WD;" MEMBER_FINANCE
			       ")(A;;FR;;;WD)", 0));
	EXPECT_EQ(EACCES, read_as(WT_UID_ALICE, true, self->path));
	EXPECT_EQ(0, read_as(WT_UID_ALICE, false, self->path));
	EXPECT_EQ(0, read_as(WT_UID_BOB, false, self->path));
}

/*
 * A condition on a user claim the token does not have is UNKNOWN: an
 * allow ACE does not grant, a deny ACE denies.
 */
TEST_F(cond, unknown_fails_closed)
{
	ASSERT_EQ(0, wtacl_set(self->path,
			       "D:(XA;;FR;;;WD;(@User.dept == \"fin\"))",
			       0));
	EXPECT_EQ(EACCES, read_as(WT_UID_ALICE, true, self->path));
	ASSERT_EQ(0, wtacl_set(self->path,
			       "D:(XD;;FR;;;WD;(@User.dept == \"fin\"))"
			       "(A;;FR;;;WD)", 0));
	EXPECT_EQ(EACCES, read_as(WT_UID_BOB, false, self->path));
	/* ...but Not_Exists of that claim is TRUE */
	ASSERT_EQ(0, wtacl_set(self->path,
			       "D:(XA;;FR;;;WD;(Not_Exists @User.dept))",
			       0));
	EXPECT_EQ(0, read_as(WT_UID_BOB, false, self->path));
}

/* Resource attributes in the SACL feed @Resource. attributes. */
TEST_F(cond, resource_attribute)
{
	/* root keeps full access: setting the SACL again needs WRITE_OWNER */
	ASSERT_EQ(0, wtacl_set(self->path,
			       "D:(XA;;FR;;;WD;(@Resource.dept == \"fin\"))"
			       "(A;;FA;;;S-1-22-1-0)"
			       "S:(RA;;;;;WD;(\"dept\",TS,0,\"fin\"))",
			       WT_SE_SECURITY_PRIVILEGE));
	EXPECT_EQ(0, read_as(WT_UID_BOB, false, self->path));
	ASSERT_EQ(0, wtacl_set(self->path,
			       "S:(RA;;;;;WD;(\"dept\",TS,0,\"hr\"))",
			       WT_SE_SECURITY_PRIVILEGE));
	EXPECT_EQ(EACCES, read_as(WT_UID_BOB, false, self->path));
}

TEST_HARNESS_MAIN
