// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests: the /dev/wintok device and the ABI-version ioctl.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/wintok.h>

#include "kselftest_harness.h"
#include "wt_test.h"

FIXTURE(device) {
	int fd;
};

FIXTURE_SETUP(device)
{
	self->fd = open("/dev/" WT_DEVICE_NAME, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->fd) {
		TH_LOG("open /dev/wintok: %s", strerror(errno));
	}
}

FIXTURE_TEARDOWN(device)
{
	close(self->fd);
}

TEST(device_node_is_world_rw_char_device)
{
	struct stat st;

	ASSERT_EQ(0, stat("/dev/" WT_DEVICE_NAME, &st));
	EXPECT_TRUE(S_ISCHR(st.st_mode));
	EXPECT_EQ(0666, st.st_mode & 07777);
}

TEST(unprivileged_user_opens_device)
{
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct wt_version ver = { .size = sizeof(ver) };
		int fd;

		wt_become_user(WT_UID_ALICE, WT_UID_ALICE);
		if (geteuid() != WT_UID_ALICE)
			_exit(10);
		fd = open("/dev/" WT_DEVICE_NAME, O_RDWR | O_CLOEXEC);
		if (fd < 0)
			_exit(11);
		if (ioctl(fd, WT_IOC_GET_VERSION, &ver))
			_exit(12);
		_exit(ver.abi == WT_ABI_VERSION ? 0 : 13);
	}
	EXPECT_EQ(0, wt_reap(pid));
}

TEST_F(device, version_reports_abi)
{
	struct wt_version ver = { .size = sizeof(ver) };

	ASSERT_EQ(0, ioctl(self->fd, WT_IOC_GET_VERSION, &ver));
	EXPECT_EQ(WT_ABI_VERSION, ver.abi);
	EXPECT_EQ(sizeof(ver), ver.size);
	EXPECT_EQ(0, ver.features);
}

TEST_F(device, version_accepts_larger_zeroed_struct)
{
	struct {
		struct wt_version ver;
		uint8_t future[48];
	} big;

	memset(&big, 0, sizeof(big));
	big.ver.size = sizeof(big);
	ASSERT_EQ(0, ioctl(self->fd, WT_IOC_GET_VERSION, &big));
	EXPECT_EQ(WT_ABI_VERSION, big.ver.abi);
	/* The kernel writes back only what it knows. */
	EXPECT_EQ(sizeof(struct wt_version), big.ver.size);
}

TEST_F(device, version_rejects_nonzero_unknown_tail)
{
	struct {
		struct wt_version ver;
		uint8_t future[8];
	} big;

	memset(&big, 0, sizeof(big));
	big.ver.size = sizeof(big);
	big.future[5] = 1;
	ASSERT_EQ(-1, ioctl(self->fd, WT_IOC_GET_VERSION, &big));
	EXPECT_EQ(E2BIG, errno);
}

TEST_F(device, version_rejects_short_size)
{
	struct wt_version ver = { .size = WT_VERSION_SIZE_VER0 - 1 };

	ASSERT_EQ(-1, ioctl(self->fd, WT_IOC_GET_VERSION, &ver));
	EXPECT_EQ(EINVAL, errno);
	ver.size = 0;
	ASSERT_EQ(-1, ioctl(self->fd, WT_IOC_GET_VERSION, &ver));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(device, version_rejects_huge_size)
{
	struct wt_version ver = { .size = 1u << 20 };

	ASSERT_EQ(-1, ioctl(self->fd, WT_IOC_GET_VERSION, &ver));
	EXPECT_EQ(E2BIG, errno);
}

TEST_F(device, version_rejects_bad_pointers)
{
	ASSERT_EQ(-1, ioctl(self->fd, WT_IOC_GET_VERSION, NULL));
	EXPECT_EQ(EFAULT, errno);
	ASSERT_EQ(-1, ioctl(self->fd, WT_IOC_GET_VERSION, (void *)16));
	EXPECT_EQ(EFAULT, errno);
}

TEST_F(device, version_size_past_mapping_faults)
{
	long page = sysconf(_SC_PAGESIZE);
	uint8_t *map;
	struct wt_version *ver;

	/* A size claiming bytes that run into an unmapped page. */
	map = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, map);
	ASSERT_EQ(0, munmap(map + page, page));
	ver = (struct wt_version *)(map + page - sizeof(*ver));
	memset(ver, 0, sizeof(*ver));
	ver->size = sizeof(*ver) + 64;
	ASSERT_EQ(-1, ioctl(self->fd, WT_IOC_GET_VERSION, ver));
	EXPECT_EQ(EFAULT, errno);
	munmap(map, page);
}

TEST_F(device, unknown_ioctls_give_enotty)
{
	struct wt_version ver = { .size = sizeof(ver) };

	ASSERT_EQ(-1, ioctl(self->fd, _IOWR(WT_IOC_MAGIC, 0x7f, struct wt_version), &ver));
	EXPECT_EQ(ENOTTY, errno);
	/* Right number, wrong size encoded in the command. */
	ASSERT_EQ(-1, ioctl(self->fd, _IOWR(WT_IOC_MAGIC, 0x00, uint64_t), &ver));
	EXPECT_EQ(ENOTTY, errno);
	/* Another driver's magic. */
	ASSERT_EQ(-1, ioctl(self->fd, _IO('T', 0x01), 0));
	EXPECT_EQ(ENOTTY, errno);
	ASSERT_EQ(-1, ioctl(self->fd, 0, 0));
	EXPECT_EQ(ENOTTY, errno);
}

TEST_F(device, read_and_write_are_not_supported)
{
	char buf[8];

	EXPECT_EQ(-1, read(self->fd, buf, sizeof(buf)));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, write(self->fd, buf, sizeof(buf)));
	EXPECT_EQ(EINVAL, errno);
}

TEST_HARNESS_MAIN
