// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests: open_by_handle_at(2) is an open like any other. It
 * needs CAP_DAC_READ_SEARCH, which root has, and skips the path walk, but
 * the open itself still reaches security_file_open, so the file's SD
 * decides: root is refused a file whose SD leaves root out, unless it
 * opens with backup intent and SeBackupPrivilege enabled, exactly as by
 * name. On tmpfs and ext4 (both export file handles).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "wt_test.h"
#include "wt_sd_build.h"

#define SID_ALICE	"S-1-22-1-1001"
#define SID_OWNER_RIGHTS "S-1-3-4"

/* Everything for alice; root (the Linux owner) only READ_CONTROL. */
static const struct wt_rule alice_only[] = {
	{ 0, 0, WT_FILE_ALL_ACCESS, SID_ALICE },
	{ 0, 0, WT_READ_CONTROL, SID_OWNER_RIGHTS },
};

FIXTURE(fh) {
	char dir[64];
	char file[96];
	struct file_handle *h;
	int mount_fd;
};

FIXTURE_VARIANT(fh) {
	const char *base;
};

FIXTURE_VARIANT_ADD(fh, tmpfs) {
	.base = "/tmp",
};

FIXTURE_VARIANT_ADD(fh, ext4) {
	.base = "/mnt/disk",
};

FIXTURE_SETUP(fh)
{
	int fd, mount_id;

	snprintf(self->dir, sizeof(self->dir), "%s/wt_fh.%d", variant->base,
		 getpid());
	snprintf(self->file, sizeof(self->file), "%s/f", self->dir);
	ASSERT_EQ(0, mkdir(self->dir, 0755));
	fd = open(self->file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	ASSERT_LE(0, fd);
	ASSERT_EQ(4, write(fd, "data", 4));
	close(fd);
	self->h = calloc(1, sizeof(*self->h) + MAX_HANDLE_SZ);
	ASSERT_NE(NULL, self->h);
	self->h->handle_bytes = MAX_HANDLE_SZ;
	ASSERT_EQ(0, name_to_handle_at(AT_FDCWD, self->file, self->h,
				       &mount_id, 0));
	self->mount_fd = open(self->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ASSERT_LE(0, self->mount_fd);
	ASSERT_EQ(0, wt_set_dacl(self->file, alice_only, 2));
}

FIXTURE_TEARDOWN(fh)
{
	close(self->mount_fd);
	free(self->h);
	if (wt_rm_rf(self->dir))
		TH_LOG("cannot remove %s", self->dir);
}

/* 0 or the errno of open_by_handle_at(@flags), in a child. */
static int open_handle(int mount_fd, struct file_handle *h, int flags,
		       int intent)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct wt_backup_intent a = {
			.size = sizeof(a), .flags = WT_BACKUP_INTENT_ON,
		};
		int dev, fd;

		if (intent) {
			dev = open("/dev/wintok", O_RDWR | O_CLOEXEC);
			if (dev < 0 || ioctl(dev, WT_IOC_SET_BACKUP_INTENT, &a) ||
			    wt_enable_privilege(WT_SE_BACKUP_PRIVILEGE))
				_exit(100);
		}
		fd = open_by_handle_at(mount_fd, h, flags | O_CLOEXEC);
		_exit(fd < 0 ? errno : 0);
	}
	return wt_reap(pid);
}

TEST_F(fh, handle_open_is_decided_by_the_sd)
{
	/* by name, as a control */
	EXPECT_EQ(-1, open(self->file, O_RDONLY | O_CLOEXEC));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(EACCES, open_handle(self->mount_fd, self->h, O_RDONLY, 0));
	EXPECT_EQ(EACCES, open_handle(self->mount_fd, self->h, O_WRONLY, 0));
	/* backup intent and SeBackupPrivilege: reading is granted */
	EXPECT_EQ(0, open_handle(self->mount_fd, self->h, O_RDONLY, 1));
	/* SeBackupPrivilege does not grant writing */
	EXPECT_EQ(EACCES, open_handle(self->mount_fd, self->h, O_WRONLY, 1));
}

TEST_HARNESS_MAIN
