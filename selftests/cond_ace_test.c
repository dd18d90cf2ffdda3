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

#define G_MANDATORY	(WT_SE_GROUP_MANDATORY | WT_SE_GROUP_ENABLED_BY_DEFAULT | \
			 WT_SE_GROUP_ENABLED)

/*
 * In a child running as root: create an impersonation token for bob with
 * the user claim dept = @dept (none when NULL), check that the token
 * answers its claims back unchanged, impersonate it and open @path for
 * reading. Exit status: 0 or the open's errno; 90+ for a setup failure.
 */
static int open_with_claim(const char *path, const char *dept)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct wt_sid_and_attributes groups[2];
		struct wt_luid_and_attributes priv = {
			.luid = WT_SE_CHANGE_NOTIFY_PRIVILEGE,
			.attributes = WT_SE_PRIVILEGE_ENABLED,
		};
		struct wt_create_token c;
		void *claims = NULL, *back;
		__u32 len = 0, back_len;
		int dev, tok, fd;

		memset(&c, 0, sizeof(c));
		if (wt_sid_parse("S-1-22-1-1002", &c.user, 0) ||
		    wt_sid_parse("S-1-22-1-1002", &c.primary_group, 0) ||
		    wt_sid_parse("S-1-1-0", &groups[0], G_MANDATORY) ||
		    wt_sid_parse("S-1-16-8192", &groups[1],
				 WT_SE_GROUP_INTEGRITY |
				 WT_SE_GROUP_INTEGRITY_ENABLED))
			_exit(90);
		if (dept && wt_claims_append(&claims, &len, "dept",
					     WT_CLAIM_TYPE_STRING, 0, NULL,
					     &dept, 1))
			_exit(91);
		c.type = WT_TOKEN_IMPERSONATION;
		c.level = WT_SECURITY_IMPERSONATION;
		c.desired_access = WT_MAXIMUM_ALLOWED;
		memcpy(c.source.name, "wttest", 6);
		c.groups = (uintptr_t)groups;
		c.group_count = 2;
		c.privileges = (uintptr_t)&priv;
		c.privilege_count = 1;
		c.user_claims = (uintptr_t)claims;
		c.user_claims_length = len;
		dev = open("/dev/wintok", O_RDWR | O_CLOEXEC);
		if (dev < 0 || wt_enable_privilege(WT_SE_CREATE_TOKEN_PRIVILEGE))
			_exit(92);
		tok = wt_create_token(dev, &c);
		if (tok < 0)
			_exit(93);
		back = wt_get_token_information_alloc(tok, WT_TOKEN_INFO_USER_CLAIMS,
						      &back_len);
		if (!back || back_len != len || (len && memcmp(back, claims, len)))
			_exit(94);
		if (wt_impersonate_token(dev, tok, NULL, NULL))
			_exit(95);
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
			       "D:(XD;;FR;;;WD;(@User.dept == \"fin\"))(A;;FR;;;WD)", 0));
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
			       "D:(XA;;FR;;;WD;(@Resource.dept == \"fin\"))(A;;FA;;;S-1-22-1-0)S:(RA;;;;;WD;(\"dept\",TS,0,\"fin\"))",
			       WT_SE_SECURITY_PRIVILEGE));
	EXPECT_EQ(0, read_as(WT_UID_BOB, false, self->path));
	ASSERT_EQ(0, wtacl_set(self->path,
			       "S:(RA;;;;;WD;(\"dept\",TS,0,\"hr\"))",
			       WT_SE_SECURITY_PRIVILEGE));
	EXPECT_EQ(EACCES, read_as(WT_UID_BOB, false, self->path));
}

/* A created token's user claims decide an @User. condition. */
TEST_F(cond, user_claims_of_a_created_token)
{
	ASSERT_EQ(0, wtacl_set(self->path,
			       "D:(XA;;FR;;;WD;(@User.dept == \"fin\"))(A;;FA;;;S-1-22-1-0)", 0));
	EXPECT_EQ(0, open_with_claim(self->path, "fin"));
	EXPECT_EQ(0, open_with_claim(self->path, "FIN"));
	EXPECT_EQ(EACCES, open_with_claim(self->path, "hr"));
	EXPECT_EQ(EACCES, open_with_claim(self->path, NULL));
}

/* wtwhoami shows the claims of a token handle it inherits. */
TEST(wtwhoami_shows_claims)
{
	static const char *const values[] = { "fin", "ops" };
	__s64 level = 3;
	struct wt_sid_and_attributes groups[1];
	struct wt_create_token c;
	void *claims = NULL, *dclaims = NULL;
	__u32 len = 0, dlen = 0;
	char out[8192], arg[16];
	int dev, tok, rd;
	pid_t pid;

	ASSERT_EQ(0, wt_claims_append(&claims, &len, "dept",
				      WT_CLAIM_TYPE_STRING, 0, NULL, values, 2));
	ASSERT_EQ(0, wt_claims_append(&dclaims, &dlen, "level",
				      WT_CLAIM_TYPE_INT64, 0, &level, NULL, 1));
	dev = open("/dev/wintok", O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, dev);
	ASSERT_EQ(0, wt_enable_privilege(WT_SE_CREATE_TOKEN_PRIVILEGE));
	memset(&c, 0, sizeof(c));
	ASSERT_EQ(0, wt_sid_parse("S-1-22-1-1002", &c.user, 0));
	ASSERT_EQ(0, wt_sid_parse("S-1-22-1-1002", &c.primary_group, 0));
	ASSERT_EQ(0, wt_sid_parse("S-1-1-0", &groups[0], G_MANDATORY));
	c.groups = (uintptr_t)groups;
	c.group_count = 1;
	c.type = WT_TOKEN_PRIMARY;
	c.desired_access = WT_MAXIMUM_ALLOWED;
	c.user_claims = (uintptr_t)claims;
	c.user_claims_length = len;
	c.device_claims = (uintptr_t)dclaims;
	c.device_claims_length = dlen;
	tok = wt_create_token(dev, &c);
	ASSERT_LE(0, tok);
	pid = wt_fork_stdout(&rd);
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int fd = dup(tok);	/* without O_CLOEXEC: wtwhoami gets it */

		snprintf(arg, sizeof(arg), "%d", fd);
		execl("/usr/bin/wtwhoami", "wtwhoami", "--fd", arg,
		      (char *)NULL);
		_exit(127);
	}
	wt_read_all(rd, out, sizeof(out));
	EXPECT_EQ(0, wt_reap(pid));
	EXPECT_NE(NULL, strstr(out, "USER CLAIMS INFORMATION"));
	EXPECT_NE(NULL, strstr(out, "\"dept\" (string): \"fin\", \"ops\""));
	EXPECT_NE(NULL, strstr(out, "DEVICE CLAIMS INFORMATION"));
	EXPECT_NE(NULL, strstr(out, "\"level\" (int64): 3"));
	close(tok);
	close(dev);
	free(claims);
	free(dclaims);
}

/* Malformed claims are refused at creation. */
TEST(bad_claims_are_refused)
{
	struct wt_create_token c;
	unsigned char junk[24] = { 24, 0, 0, 0, 200, 0, 0, 0, 3, 0 };
	int dev = open("/dev/wintok", O_RDWR | O_CLOEXEC);

	ASSERT_LE(0, dev);
	ASSERT_EQ(0, wt_enable_privilege(WT_SE_CREATE_TOKEN_PRIVILEGE));
	memset(&c, 0, sizeof(c));
	ASSERT_EQ(0, wt_sid_parse("S-1-22-1-1002", &c.user, 0));
	ASSERT_EQ(0, wt_sid_parse("S-1-22-1-1002", &c.primary_group, 0));
	c.type = WT_TOKEN_PRIMARY;
	c.desired_access = WT_TOKEN_QUERY;
	c.user_claims = (uintptr_t)junk;	/* name offset 200: outside */
	c.user_claims_length = sizeof(junk);
	EXPECT_EQ(-1, wt_create_token(dev, &c));
	EXPECT_EQ(EINVAL, errno);
	c.user_claims_length = WT_CLAIMS_MAX_LENGTH + 4;
	EXPECT_EQ(-1, wt_create_token(dev, &c));
	EXPECT_EQ(E2BIG, errno);
	close(dev);
}

TEST_HARNESS_MAIN
