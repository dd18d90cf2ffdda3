// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftest across a reboot of the ext4 disk (WT_PHASE 1, then 2):
 * an SD inherited at creation is on disk after the reboot and enforced,
 * and a malformed raw write refused in the first boot left the SD intact.
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

#define DIR_		"/mnt/disk/wt_inherit_reboot"
#define CHILD		DIR_ "/child"
#define EXPECTED	"/mnt/disk/wt_inherit_reboot.expected"

static int phase(void)
{
	const char *p = getenv("WT_PHASE");

	return p ? atoi(p) : 1;
}

/* Root with SeRestorePrivilege enabled writes garbage: the errno. */
static int malformed_write(const char *path)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct wt_luid_and_attributes la = {
			.luid = WT_SE_RESTORE_PRIVILEGE,
			.attributes = WT_SE_PRIVILEGE_ENABLED,
		};
		static const uint8_t junk[24] = { 1, 0, 0xff, 0xff, 9, 9 };
		int fd = wt_open_process_token(-1, WT_TOKEN_ADJUST_PRIVILEGES,
					       NULL);

		if (fd < 0 || wt_adjust_token_privileges(fd, 0, &la, 1, NULL,
							 NULL, NULL))
			_exit(200);
		_exit(setxattr(path, WT_XATTR_NAME, junk, sizeof(junk), 0) ?
		      errno : 0);
	}
	return wt_reap(pid);
}

TEST(inherited_sd_survives_reboot)
{
	const struct wt_rule rules[] = {
		{ 0, WT_OBJECT_INHERIT_ACE | WT_CONTAINER_INHERIT_ACE,
		  WT_FILE_ALL_ACCESS, "S-1-22-1-0" },
		{ 0, WT_OBJECT_INHERIT_ACE | WT_CONTAINER_INHERIT_ACE,
		  WT_FILE_ALL_ACCESS, "S-1-22-1-1001" },
		{ 0, WT_OBJECT_INHERIT_ACE, WT_FILE_GENERIC_READ, "S-1-22-1-1002" },
	};
	uint8_t sd[1024], want[1024];
	ssize_t len, wlen;
	int fd;

	if (phase() == 1) {
		if (wt_rm_rf(DIR_) || wt_rm_rf(EXPECTED))
			TH_LOG("cleanup failed");
		ASSERT_EQ(0, mkdir(DIR_, 0777));
		ASSERT_EQ(0, chmod(DIR_, 0777));
		fd = open(DIR_, O_PATH | O_CLOEXEC);
		ASSERT_LE(0, fd);
		len = wt_build_sd(sd, NULL, rules, 3, 0);
		ASSERT_EQ(0, wt_set_file_security(-1, fd, WT_DACL_SECURITY_INFORMATION,
						  sd, len));
		close(fd);
		/* alice creates the child; it inherits */
		{
			pid_t pid = fork();

			if (pid == 0) {
				wt_become_user(WT_UID_ALICE, WT_GID_USERS);
				fd = open(CHILD, O_CREAT | O_EXCL | O_WRONLY, 0644);
				_exit(fd < 0 ? errno : 0);
			}
			ASSERT_EQ(0, wt_reap(pid));
		}
		len = wt_raw_sd(CHILD, sd, sizeof(sd));
		ASSERT_LT(0, len);
		EXPECT_TRUE(wt_sd_owner_is(sd, len, "S-1-22-1-1001"));
		/* a malformed raw write is refused; the SD stays */
		EXPECT_EQ(EINVAL, malformed_write(CHILD));
		fd = open(EXPECTED, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0600);
		ASSERT_LE(0, fd);
		ASSERT_EQ(len, write(fd, sd, len));
		ASSERT_EQ(0, fsync(fd));
		close(fd);
	} else {
		fd = open(EXPECTED, O_RDONLY | O_CLOEXEC);
		ASSERT_LE(0, fd);
		wlen = read(fd, want, sizeof(want));
		close(fd);
		ASSERT_LT(0, wlen);
		len = wt_raw_sd(CHILD, sd, sizeof(sd));
		ASSERT_EQ(wlen, len);
		EXPECT_EQ(0, memcmp(sd, want, len));
		/* and enforced after the reboot */
		EXPECT_EQ(0, wt_read_as(WT_UID_BOB, CHILD));
		EXPECT_EQ(EACCES, wt_read_as(WT_UID_MALLORY, CHILD));
	}
	EXPECT_EQ(0, wt_read_as(WT_UID_ALICE, CHILD));
	EXPECT_EQ(EACCES, wt_read_as(WT_UID_MALLORY, CHILD));
}

TEST_HARNESS_MAIN
