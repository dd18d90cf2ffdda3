// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests: CreateRestrictedToken: contents, errors, file access.
 * Runs as root in the VM; drops to alice, bob, wtsvc in forked children.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/wintok.h>

#include "kselftest_harness.h"
#include "libwintok.h"
#include "wt_test.h"
#include "token_common.h"

/* ---- CreateRestrictedToken ---- */

TEST_F(token, restricted_token_contents)
{
	struct wt_sid_and_attributes deny[2], res[2];
	struct wt_luid_and_attributes del = { .luid = WT_SE_TCB_PRIVILEGE };
	struct wt_token_statistics src, st;
	struct wt_token_linux l;
	uint32_t granted = 0;
	int fd, fd2, not_all = 0;
	char s[192];

	ASSERT_EQ(0, token_stats(self->tok, &src));
	deny[0] = sa_of("S-1-5-32-544", 0);
	deny[1] = sa_of("S-1-5-21-9-9-9", 0);	/* not held: ignored */
	res[0] = sa_of("S-1-1-0", 0);
	res[1] = sa_of("S-1-22-1-0", 0);
	fd = wt_create_restricted_token(self->tok, 0, deny, 2, &del, 1, res, 2,
					0, &granted);
	ASSERT_LE(0, fd) {
		TH_LOG("create restricted: %s", strerror(errno));
	}
	EXPECT_EQ(WT_TOKEN_ALL_ACCESS, granted);	/* the source handle's */
	ASSERT_EQ(0, token_stats(fd, &st));
	EXPECT_NE(src.token_id, st.token_id);
	EXPECT_EQ(src.authentication_id, st.authentication_id);
	EXPECT_EQ(WT_TOKEN_PRIMARY, st.token_type);
	/* Administrators is deny-only; no longer the owner. */
	EXPECT_EQ(WT_SE_GROUP_USE_FOR_DENY_ONLY, sid_group_attrs(fd, "S-1-5-32-544"));
	single_sid(fd, WT_TOKEN_INFO_OWNER, s, sizeof(s), NULL);
	EXPECT_STREQ("S-1-22-1-0", s);
	EXPECT_EQ(-1, wt_priv_attrs(fd, WT_SE_TCB_PRIVILEGE));
	EXPECT_EQ(priv_count(self->tok) - 1, priv_count(fd));
	EXPECT_EQ(1, token_u32(fd, WT_TOKEN_INFO_HAS_RESTRICTIONS));
	EXPECT_EQ(G_DEFAULT, group_attrs(fd, WT_TOKEN_INFO_RESTRICTED_SIDS, "S-1-1-0"));
	EXPECT_EQ(G_DEFAULT, group_attrs(fd, WT_TOKEN_INFO_RESTRICTED_SIDS,
					 "S-1-22-1-0"));
	/* Not derived from Linux ids. */
	ASSERT_EQ(0, wt_get_token_information(fd, WT_TOKEN_INFO_LINUX,
					      &l, sizeof(l), NULL));
	EXPECT_EQ(0, l.flags);
	/* A deleted privilege cannot be enabled: not all assigned. */
	EXPECT_EQ(0, adjust_one(fd, WT_SE_TCB_PRIVILEGE, WT_SE_PRIVILEGE_ENABLED,
				NULL, NULL, &not_all));
	EXPECT_EQ(1, not_all);
	/* Nor the deny-only group. */
	EXPECT_EQ(-EPERM, adjust_group(fd, "S-1-5-32-544", WT_SE_GROUP_ENABLED,
				       NULL));
	/* The source is unchanged. */
	EXPECT_EQ(G_DEFAULT | WT_SE_GROUP_OWNER,
		  sid_group_attrs(self->tok, "S-1-5-32-544"));
	EXPECT_EQ(0, token_u32(self->tok, WT_TOKEN_INFO_HAS_RESTRICTIONS));

	/* Restricting again narrows: only SIDs of the old list survive. */
	res[0] = sa_of("S-1-22-1-0", 0);
	res[1] = sa_of("S-1-5-32-545", 0);
	fd2 = wt_create_restricted_token(fd, 0, NULL, 0, NULL, 0, res, 2,
					 WT_TOKEN_QUERY, &granted);
	ASSERT_LE(0, fd2);
	EXPECT_EQ(WT_TOKEN_QUERY, granted);
	EXPECT_EQ(G_DEFAULT, group_attrs(fd2, WT_TOKEN_INFO_RESTRICTED_SIDS,
					 "S-1-22-1-0"));
	EXPECT_EQ(-1, group_attrs(fd2, WT_TOKEN_INFO_RESTRICTED_SIDS, "S-1-1-0"));
	EXPECT_EQ(-1, group_attrs(fd2, WT_TOKEN_INFO_RESTRICTED_SIDS,
				  "S-1-5-32-545"));
	close(fd2);
	/* Nothing left of a new list: refused rather than unrestricted. */
	res[0] = sa_of("S-1-5-32-545", 0);
	EXPECT_EQ(-1, wt_create_restricted_token(fd, 0, NULL, 0, NULL, 0, res, 1,
						 0, NULL));
	EXPECT_EQ(EPERM, errno);
	close(fd);

	/* DISABLE_MAX_PRIVILEGE keeps only SeChangeNotifyPrivilege. */
	fd = wt_create_restricted_token(self->tok, WT_DISABLE_MAX_PRIVILEGE, NULL,
					0, NULL, 0, NULL, 0, WT_MAXIMUM_ALLOWED,
					&granted);
	ASSERT_LE(0, fd);
	EXPECT_EQ(WT_TOKEN_ALL_ACCESS, granted);
	EXPECT_EQ(1, priv_count(fd));
	EXPECT_EQ(3, wt_priv_attrs(fd, WT_SE_CHANGE_NOTIFY_PRIVILEGE));
	EXPECT_EQ(0, token_u32(fd, WT_TOKEN_INFO_HAS_RESTRICTIONS));
	close(fd);
}

TEST_F(token, restricted_token_errors)
{
	struct wt_sid_and_attributes sa = sa_of("S-1-1-0", 0);
	struct wt_luid_and_attributes del = { .luid = WT_SE_TCB_PRIVILEGE };
	struct wt_create_restricted c;
	int fd, closed;

	memset(&c, 0, sizeof(c));
	c.size = sizeof(c);
	c.deny_count = 1;
	c.deny_sids = (uintptr_t)&sa;
	fd = ioctl(self->tok, WT_IOC_CREATE_RESTRICTED_TOKEN, &c);
	ASSERT_LE(0, fd);
	close(fd);

	closed = open_self();
	close(closed);
	EXPECT_EQ(-1, ioctl(closed, WT_IOC_CREATE_RESTRICTED_TOKEN, &c));
	EXPECT_EQ(EBADF, errno);
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_CREATE_RESTRICTED_TOKEN, &c));
	EXPECT_EQ(ENOTTY, errno);
	c.size = WT_CREATE_RESTRICTED_SIZE_VER0 - 8;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_CREATE_RESTRICTED_TOKEN, &c));
	EXPECT_EQ(EINVAL, errno);
	c.size = sizeof(c);
	c.flags = 0x2;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_CREATE_RESTRICTED_TOKEN, &c));
	EXPECT_EQ(EINVAL, errno);
	c.flags = 0;
	c.reserved = 1;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_CREATE_RESTRICTED_TOKEN, &c));
	EXPECT_EQ(EINVAL, errno);
	c.reserved = 0;
	c.restrict_count = 65;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_CREATE_RESTRICTED_TOKEN, &c));
	EXPECT_EQ(E2BIG, errno);
	c.restrict_count = 0;
	c.desired_access = 0x00400000;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_CREATE_RESTRICTED_TOKEN, &c));
	EXPECT_EQ(EINVAL, errno);
	c.desired_access = WT_ACCESS_SYSTEM_SECURITY;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_CREATE_RESTRICTED_TOKEN, &c));
	EXPECT_EQ(EACCES, errno);
	c.desired_access = 0;
	sa.attributes = WT_SE_GROUP_ENABLED;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_CREATE_RESTRICTED_TOKEN, &c));
	EXPECT_EQ(EINVAL, errno);
	sa.attributes = 0;
	c.deny_sids = 16;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_CREATE_RESTRICTED_TOKEN, &c));
	EXPECT_EQ(EFAULT, errno);
	c.deny_sids = (uintptr_t)&sa;
	c.delete_count = 1;
	c.delete_privileges = (uintptr_t)&del;
	del.luid = WT_SE_MAX_PRIVILEGE + 1;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_CREATE_RESTRICTED_TOKEN, &c));
	EXPECT_EQ(EINVAL, errno);
	del.luid = WT_SE_TCB_PRIVILEGE;
	del.attributes = WT_SE_PRIVILEGE_ENABLED;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_CREATE_RESTRICTED_TOKEN, &c));
	EXPECT_EQ(EINVAL, errno);
	del.attributes = 0;

	/* Needs TOKEN_DUPLICATE on the source handle. */
	fd = wt_open_process_token(self->dev, WT_TOKEN_QUERY, NULL);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, ioctl(fd, WT_IOC_CREATE_RESTRICTED_TOKEN, &c));
	EXPECT_EQ(EACCES, errno);
	close(fd);
	EXPECT_LE(0, wt_priv_attrs(self->tok, WT_SE_TCB_PRIVILEGE));
}

/*
 * In a child: assign a restricted copy of the own token (deny-only @deny,
 * restricting SID @restrict_sid, either may be NULL), then open @path.
 * Return 0 when the open succeeded, the errno when it failed, 100 + n on
 * a setup failure.
 */
static int open_as_restricted(int dev, int tok, const char *deny,
			      const char *restrict_sid, const char *path)
{
	struct wt_sid_and_attributes d, r;
	pid_t pid = fork();

	if (pid == 0) {
		int fd;

		if (deny)
			d = sa_of(deny, 0);
		if (restrict_sid)
			r = sa_of(restrict_sid, 0);
		fd = wt_create_restricted_token(tok, 0, &d, deny ? 1 : 0, NULL, 0,
						&r, restrict_sid ? 1 : 0, 0, NULL);
		if (fd < 0)
			_exit(101);
		if (wt_assign_primary_token(dev, fd))
			_exit(102);
		fd = open(path, O_RDONLY);
		_exit(fd < 0 ? errno : 0);
	}
	return pid < 0 ? 100 : wt_reap(pid);
}

TEST_F(token, restricted_token_applies_to_file_access)
{
	static const char *const sids[] = { "S-1-22-1-0", "S-1-5-32-544" };
	static const uint32_t masks[] = { WT_FILE_ALL_ACCESS, WT_FILE_ALL_ACCESS };
	char path[] = "/tmp/wt_restricted_XXXXXX";
	uint8_t acl[128], sd[256];
	size_t len;
	int fd;

	fd = mkstemp(path);
	ASSERT_LE(0, fd);
	/* root and Administrators may open it; nobody else. */
	len = make_sd(sd, "S-1-22-1-0", acl, make_acl(acl, sids, masks, 2,
						      WT_ACCESS_ALLOWED_ACE_TYPE));
	ASSERT_EQ(0, wt_set_file_security(self->dev, fd,
					  WT_OWNER_SECURITY_INFORMATION |
					  WT_GROUP_SECURITY_INFORMATION |
					  WT_DACL_SECURITY_INFORMATION, sd, len)) {
		TH_LOG("set SD: %s", strerror(errno));
	}
	close(fd);
	ASSERT_EQ(0, enable_priv(self->tok, WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE));

	/* Unrestricted copy: allowed. */
	EXPECT_EQ(0, open_as_restricted(self->dev, self->tok, NULL, NULL, path));
	/* Restricting SID Everyone: the second pass grants nothing. */
	EXPECT_EQ(EACCES, open_as_restricted(self->dev, self->tok, NULL,
					     "S-1-1-0", path));
	/* Restricting SID Administrators: both passes grant. */
	EXPECT_EQ(0, open_as_restricted(self->dev, self->tok, NULL,
					"S-1-5-32-544", path));
	/* The user deny-only: Administrators still grants. */
	EXPECT_EQ(0, open_as_restricted(self->dev, self->tok, "S-1-22-1-0",
					NULL, path));
	/* User and Administrators deny-only: nothing grants. */
	{
		struct wt_sid_and_attributes d[2] = {
			sa_of("S-1-22-1-0", 0), sa_of("S-1-5-32-544", 0),
		};
		pid_t pid = fork();

		ASSERT_LE(0, pid);
		if (pid == 0) {
			int r = wt_create_restricted_token(self->tok, 0, d, 2, NULL,
							   0, NULL, 0, 0, NULL);

			if (r < 0 || wt_assign_primary_token(self->dev, r))
				_exit(101);
			r = open(path, O_RDONLY);
			_exit(r < 0 ? errno : 0);
		}
		EXPECT_EQ(EACCES, wt_reap(pid));
	}
	unlink(path);
}

TEST_HARNESS_MAIN
