// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests: SetTokenInformation: integrity, owner, primary group,
 * default DACL, session, errors. Runs as root in the VM; drops to alice,
 * bob, wtsvc in forked children.
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

/* ---- SetTokenInformation ---- */

static int set_sid(int fd, uint32_t cls, const char *sid, uint32_t attrs)
{
	struct wt_sid_and_attributes sa = sa_of(sid, attrs);

	return wt_set_token_information(fd, cls, &sa, sizeof(sa)) ? -errno : 0;
}

TEST_F(token, lowered_integrity_cannot_write_up)
{
	static const char *const sids[] = { "S-1-22-1-0" };
	static const uint32_t masks[] = { WT_FILE_ALL_ACCESS };
	char path[] = "/tmp/wt_integrity_XXXXXX";
	uint8_t acl[64], sd[128];
	size_t len;
	pid_t pid;
	int fd;

	fd = mkstemp(path);
	ASSERT_LE(0, fd);
	len = make_sd(sd, "S-1-22-1-0", acl, make_acl(acl, sids, masks, 1,
						      WT_ACCESS_ALLOWED_ACE_TYPE));
	ASSERT_EQ(0, wt_set_file_security(self->dev, fd,
					  WT_OWNER_SECURITY_INFORMATION |
					  WT_GROUP_SECURITY_INFORMATION |
					  WT_DACL_SECURITY_INFORMATION, sd, len));
	close(fd);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int w;

		/* Twice: the second open is decided from the file's cache. */
		if (open(path, O_WRONLY) < 0 || open(path, O_WRONLY) < 0)
			_exit(2);
		/*
		 * Low: an unlabelled file is Medium, no write up. The
		 * child's token is its own copy: open it, not self->tok.
		 */
		if (set_sid(open_self(), WT_TOKEN_INFO_INTEGRITY_LEVEL,
			    "S-1-16-4096", 0))
			_exit(3);
		w = open(path, O_WRONLY);
		if (w >= 0 || errno != EACCES)
			_exit(4);
		_exit(open(path, O_RDONLY) < 0 ? 5 : 0);
	}
	EXPECT_EQ(0, wt_reap(pid));
	unlink(path);
}

TEST_F(token, set_owner_primary_group_integrity)
{
	char s[192];

	/* Owner: the user, or a group with SE_GROUP_OWNER. */
	EXPECT_EQ(0, set_sid(self->tok, WT_TOKEN_INFO_OWNER, "S-1-22-1-0", 0));
	single_sid(self->tok, WT_TOKEN_INFO_OWNER, s, sizeof(s), NULL);
	EXPECT_STREQ("S-1-22-1-0", s);
	EXPECT_EQ(0, set_sid(self->tok, WT_TOKEN_INFO_OWNER, "S-1-5-32-544", 0));
	single_sid(self->tok, WT_TOKEN_INFO_OWNER, s, sizeof(s), NULL);
	EXPECT_STREQ("S-1-5-32-544", s);
	EXPECT_EQ(-EPERM, set_sid(self->tok, WT_TOKEN_INFO_OWNER, "S-1-1-0", 0));
	EXPECT_EQ(-EPERM, set_sid(self->tok, WT_TOKEN_INFO_OWNER, "S-1-5-18", 0));
	EXPECT_EQ(-EINVAL, set_sid(self->tok, WT_TOKEN_INFO_OWNER, "S-1-22-1-0",
				   WT_SE_GROUP_OWNER));
	single_sid(self->tok, WT_TOKEN_INFO_OWNER, s, sizeof(s), NULL);
	EXPECT_STREQ("S-1-5-32-544", s);

	/* Primary group: the user or any group held. */
	EXPECT_EQ(0, set_sid(self->tok, WT_TOKEN_INFO_PRIMARY_GROUP, "S-1-1-0", 0));
	single_sid(self->tok, WT_TOKEN_INFO_PRIMARY_GROUP, s, sizeof(s), NULL);
	EXPECT_STREQ("S-1-1-0", s);
	EXPECT_EQ(0, set_sid(self->tok, WT_TOKEN_INFO_PRIMARY_GROUP, "S-1-22-1-0", 0));
	EXPECT_EQ(-EPERM, set_sid(self->tok, WT_TOKEN_INFO_PRIMARY_GROUP,
				  "S-1-22-2-4242", 0));
	single_sid(self->tok, WT_TOKEN_INFO_PRIMARY_GROUP, s, sizeof(s), NULL);
	EXPECT_STREQ("S-1-22-1-0", s);

	/* Integrity: lowering only. */
	EXPECT_EQ(0, set_sid(self->tok, WT_TOKEN_INFO_INTEGRITY_LEVEL,
			     "S-1-16-12288", G_INTEGRITY));
	single_sid(self->tok, WT_TOKEN_INFO_INTEGRITY_LEVEL, s, sizeof(s), NULL);
	EXPECT_STREQ("S-1-16-12288", s);
	EXPECT_EQ(G_INTEGRITY, sid_group_attrs(self->tok, "S-1-16-12288"));
	EXPECT_EQ(-1, sid_group_attrs(self->tok, "S-1-16-16384"));
	EXPECT_EQ(-EPERM, set_sid(self->tok, WT_TOKEN_INFO_INTEGRITY_LEVEL,
				  "S-1-16-16384", 0));
	EXPECT_EQ(-EINVAL, set_sid(self->tok, WT_TOKEN_INFO_INTEGRITY_LEVEL,
				   "S-1-5-32-544", 0));
	EXPECT_EQ(-EINVAL, set_sid(self->tok, WT_TOKEN_INFO_INTEGRITY_LEVEL,
				   "S-1-16-4096", WT_SE_GROUP_ENABLED));
	EXPECT_EQ(0, set_sid(self->tok, WT_TOKEN_INFO_INTEGRITY_LEVEL,
			     "S-1-16-4096", 0));
	single_sid(self->tok, WT_TOKEN_INFO_INTEGRITY_LEVEL, s, sizeof(s), NULL);
	EXPECT_STREQ("S-1-16-4096", s);
	EXPECT_EQ(-EPERM, set_sid(self->tok, WT_TOKEN_INFO_INTEGRITY_LEVEL,
				  "S-1-16-8192", 0));
}

TEST_F(token, set_default_dacl_and_session)
{
	static const char *const sids[] = { "S-1-22-1-0", "S-1-1-0" };
	static const uint32_t masks[] = { WT_GENERIC_ALL, WT_GENERIC_READ };
	uint8_t acl[256], big[8300], got[256];
	uint32_t len = 0, session = 7;
	uint16_t n, lie;
	int fd;

	n = make_acl(acl, sids, masks, 2, WT_ACCESS_ALLOWED_ACE_TYPE);
	ASSERT_EQ(0, wt_set_token_information(self->tok, WT_TOKEN_INFO_DEFAULT_DACL,
					      acl, n));
	ASSERT_EQ(0, wt_get_token_information(self->tok, WT_TOKEN_INFO_DEFAULT_DACL,
					      got, sizeof(got), &len));
	ASSERT_EQ(n, len);
	EXPECT_EQ(0, memcmp(acl, got, n));
	/* Empty: no default DACL. */
	ASSERT_EQ(0, wt_set_token_information(self->tok, WT_TOKEN_INFO_DEFAULT_DACL,
					      NULL, 0));
	ASSERT_EQ(0, wt_get_token_information(self->tok, WT_TOKEN_INFO_DEFAULT_DACL,
					      got, sizeof(got), &len));
	EXPECT_EQ(0, len);
	/* An ACL whose size lies, an audit ACE, one too large. */
	lie = n + 4;
	memcpy(acl + 2, &lie, 2);
	EXPECT_EQ(-1, wt_set_token_information(self->tok, WT_TOKEN_INFO_DEFAULT_DACL,
					       acl, n));
	EXPECT_EQ(EINVAL, errno);
	n = make_acl(acl, sids, masks, 2, WT_SYSTEM_AUDIT_ACE_TYPE);
	EXPECT_EQ(-1, wt_set_token_information(self->tok, WT_TOKEN_INFO_DEFAULT_DACL,
					       acl, n));
	EXPECT_EQ(EINVAL, errno);
	memset(big, 0, sizeof(big));
	EXPECT_EQ(-1, wt_set_token_information(self->tok, WT_TOKEN_INFO_DEFAULT_DACL,
					       big, 8193));
	EXPECT_EQ(E2BIG, errno);
	EXPECT_EQ(0, wt_get_token_information(self->tok, WT_TOKEN_INFO_DEFAULT_DACL,
					      got, sizeof(got), &len));
	EXPECT_EQ(0, len);

	/* Session id: TOKEN_ADJUST_SESSIONID and SeTcbPrivilege. */
	ASSERT_EQ(0, wt_set_token_information(self->tok, WT_TOKEN_INFO_SESSION_ID,
					      &session, sizeof(session)));
	EXPECT_EQ(7, token_u32(self->tok, WT_TOKEN_INFO_SESSION_ID));
	fd = wt_open_process_token(self->dev, WT_TOKEN_QUERY |
				   WT_TOKEN_ADJUST_DEFAULT, NULL);
	ASSERT_LE(0, fd);
	session = 8;
	EXPECT_EQ(-1, wt_set_token_information(fd, WT_TOKEN_INFO_SESSION_ID,
					       &session, sizeof(session)));
	EXPECT_EQ(EACCES, errno);
	close(fd);
	ASSERT_EQ(0, disable_priv(self->tok, WT_SE_TCB_PRIVILEGE));
	EXPECT_EQ(-1, wt_set_token_information(self->tok, WT_TOKEN_INFO_SESSION_ID,
					       &session, sizeof(session)));
	EXPECT_EQ(EPERM, errno);
	EXPECT_EQ(7, token_u32(self->tok, WT_TOKEN_INFO_SESSION_ID));
}

TEST_F(token, set_information_errors)
{
	struct wt_sid_and_attributes sa = sa_of("S-1-22-1-0", 0);
	struct wt_token_set s;
	int fd, closed;

	memset(&s, 0, sizeof(s));
	s.size = sizeof(s);
	s.info_class = WT_TOKEN_INFO_OWNER;
	s.length = sizeof(sa);
	s.buffer = (uintptr_t)&sa;
	ASSERT_EQ(0, ioctl(self->tok, WT_IOC_SET_TOKEN_INFORMATION, &s));

	closed = open_self();
	close(closed);
	EXPECT_EQ(-1, ioctl(closed, WT_IOC_SET_TOKEN_INFORMATION, &s));
	EXPECT_EQ(EBADF, errno);
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_SET_TOKEN_INFORMATION, &s));
	EXPECT_EQ(ENOTTY, errno);
	s.size = WT_TOKEN_SET_SIZE_VER0 - 8;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_SET_TOKEN_INFORMATION, &s));
	EXPECT_EQ(EINVAL, errno);
	s.size = sizeof(s);
	s.flags = 1;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_SET_TOKEN_INFORMATION, &s));
	EXPECT_EQ(EINVAL, errno);
	s.flags = 0;
	s.info_class = WT_TOKEN_INFO_USER;	/* not settable */
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_SET_TOKEN_INFORMATION, &s));
	EXPECT_EQ(EINVAL, errno);
	s.info_class = WT_TOKEN_INFO_OWNER;
	s.length = sizeof(sa) - 1;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_SET_TOKEN_INFORMATION, &s));
	EXPECT_EQ(EINVAL, errno);
	s.length = sizeof(sa);
	s.buffer = 8;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_SET_TOKEN_INFORMATION, &s));
	EXPECT_EQ(EFAULT, errno);
	s.buffer = (uintptr_t)&sa;
	sa.sid_size = 7;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_SET_TOKEN_INFORMATION, &s));
	EXPECT_EQ(EINVAL, errno);
	sa = sa_of("S-1-22-1-0", 0);

	/* A handle without TOKEN_ADJUST_DEFAULT. */
	fd = wt_open_process_token(self->dev, WT_TOKEN_QUERY |
				   WT_TOKEN_ADJUST_SESSIONID, NULL);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, ioctl(fd, WT_IOC_SET_TOKEN_INFORMATION, &s));
	EXPECT_EQ(EACCES, errno);
	close(fd);
}

TEST(alice_lowers_her_integrity_but_cannot_raise_it)
{
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (pid == 0) {
		char s[192];
		int fd;

		wt_become_user(WT_UID_ALICE, WT_UID_ALICE);
		fd = open_self();
		if (fd < 0)
			_exit(2);
		if (set_sid(fd, WT_TOKEN_INFO_INTEGRITY_LEVEL, "S-1-16-4096", 0))
			_exit(3);
		single_sid(fd, WT_TOKEN_INFO_INTEGRITY_LEVEL, s, sizeof(s), NULL);
		if (strcmp(s, "S-1-16-4096"))
			_exit(4);
		if (set_sid(fd, WT_TOKEN_INFO_INTEGRITY_LEVEL, "S-1-16-8192", 0) != -EPERM)
			_exit(5);
		/* No SeTcbPrivilege: the session id stays. */
		{
			uint32_t session = 5;

			if (!wt_set_token_information(fd, WT_TOKEN_INFO_SESSION_ID,
						      &session, sizeof(session)) ||
			    errno != EPERM)
				_exit(6);
		}
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
}

TEST_HARNESS_MAIN
