// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests: security descriptors on files (the security.wintok
 * xattr, WT_IOC_GET/SET_FILE_SECURITY) and their enforcement at open, on
 * tmpfs (/tmp) and on ext4 (/mnt/disk). Runs as root in the VM; drops to
 * alice, bob and mallory in forked children.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <linux/wintok.h>

#include "kselftest_harness.h"
#include "libwintok.h"
#include "wt_test.h"
#include "wt_sd_build.h"

#define SID_ALICE	"S-1-22-1-1001"
#define SID_BOB		"S-1-22-1-1002"
#define SID_EVERYONE	"S-1-1-0"
#define SID_FINANCE	"S-1-22-2-2001"

#define SI_OGD (WT_OWNER_SECURITY_INFORMATION | WT_GROUP_SECURITY_INFORMATION | \
		WT_DACL_SECURITY_INFORMATION)
#define SI_DACL WT_DACL_SECURITY_INFORMATION
#define SI_OWNER WT_OWNER_SECURITY_INFORMATION

/* ---- building self-relative SDs ---- */

/*
 * DACL entries are wt_rule (wt_sd_build.h); SACL entries carry an ACE type
 * of their own.
 */
#define ALLOW(m, s) { .mask = (m), .sid = (s) }
#define DENY(m, s) { .deny = 1, .mask = (m), .sid = (s) }

struct sacl_ace {
	uint8_t type;
	uint32_t mask;
	const char *sid;
};

/* ---- operations, as root or in a child as another user ---- */

static int set_dacl(const char *path, const struct wt_rule *aces, int n)
{
	uint8_t sd[1024];

	return wt_set_sd_bytes(path, SI_DACL, sd,
			       wt_build_sd(sd, NULL, aces, n, 0));
}

/* 0 or the errno of reading @sel of @path's SD into a malloc()ed buffer. */
static int get_sd(const char *path, uint32_t sel, uint8_t **out, uint32_t *len)
{
	int fd = open(path, O_PATH | O_CLOEXEC);
	int err = 0;
	void *buf;

	if (fd < 0)
		return errno;
	buf = wt_get_file_security_alloc(-1, fd, sel, len);
	if (!buf)
		err = errno;
	close(fd);
	if (out)
		*out = buf;
	else
		free(buf);
	return err;
}

/*
 * Drop to @uid with primary group users and @supp (0: none) as the only
 * supplementary group.
 */
static void become(uid_t uid, gid_t supp)
{
	gid_t g[1] = { supp };

	if (setgroups(supp ? 1 : 0, g) ||
	    setresgid(WT_GID_USERS, WT_GID_USERS, WT_GID_USERS) ||
	    setresuid(uid, uid, uid))
		_exit(99);
}

/* 0 or the errno of open(@path, @flags) by @uid (0: root itself). */
static int open_as(uid_t uid, gid_t supp, const char *path, int flags)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (uid)
			become(uid, supp);
		_exit(wt_open_errno(path, flags));
	}
	return wt_reap(pid);
}

static int get_as(uid_t uid, const char *path, uint32_t sel)
{
	pid_t pid = fork();

	if (pid == 0) {
		become(uid, 0);
		_exit(get_sd(path, sel, NULL, NULL));
	}
	return wt_reap(pid);
}

static int set_as(uid_t uid, const char *path, uint32_t sel, const void *sd,
		  size_t len)
{
	pid_t pid = fork();

	if (pid == 0) {
		become(uid, 0);
		_exit(wt_set_sd_bytes(path, sel, sd, len));
	}
	return wt_reap(pid);
}

static int setxattr_as(uid_t uid, const char *path, const void *v, size_t len)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (uid)
			become(uid, 0);
		_exit(setxattr(path, WT_XATTR_NAME, v, len, 0) ? errno : 0);
	}
	return wt_reap(pid);
}

static bool contains(const uint8_t *hay, size_t n, const uint8_t *needle,
		     size_t m)
{
	return memmem(hay, n, needle, m);
}

/* ---- fixture: a world-writable directory with a file f (0666) ---- */

FIXTURE(fsd) {
	char dir[128];
	char path[160];
	int dev;
};

FIXTURE_VARIANT(fsd) {
	const char *base;
};

FIXTURE_VARIANT_ADD(fsd, tmpfs) {
	.base = "/tmp",
};

FIXTURE_VARIANT_ADD(fsd, ext4) {
	.base = "/mnt/disk",
};

FIXTURE_SETUP(fsd)
{
	int fd;

	snprintf(self->dir, sizeof(self->dir), "%s/wt_fsd.XXXXXX", variant->base);
	ASSERT_NE(NULL, mkdtemp(self->dir));
	ASSERT_EQ(0, chmod(self->dir, 0777));
	snprintf(self->path, sizeof(self->path), "%s/f", self->dir);
	fd = open(self->path, O_CREAT | O_WRONLY | O_CLOEXEC, 0666);
	ASSERT_GE(fd, 0);
	ASSERT_EQ(5, write(fd, "hello", 5));
	close(fd);
	ASSERT_EQ(0, chmod(self->path, 0666));
	self->dev = wt_open_device();
	ASSERT_GE(self->dev, 0);
}

FIXTURE_TEARDOWN(fsd)
{
	close(self->dev);
	/* New files inherit SDs that may not let root delete them. */
	if (wt_rm_rf(self->dir))
		TH_LOG("cannot remove %s", self->dir);
}

/* A raw ioctl with a caller-made argument; 0 or errno. */
static int raw_ioctl(int dev, unsigned long cmd, void *arg)
{
	return ioctl(dev, cmd, arg) ? errno : 0;
}

TEST_F(fsd, ungoverned_file_is_left_to_linux)
{
	char buf[8];

	EXPECT_EQ(ENODATA, get_sd(self->path, SI_OGD, NULL, NULL));
	EXPECT_EQ(-1, wt_raw_sd(self->path, buf, sizeof(buf)));
	EXPECT_EQ(ENODATA, errno);
	EXPECT_EQ(0, open_as(0, 0, self->path, O_RDWR));
	EXPECT_EQ(0, open_as(WT_UID_ALICE, 0, self->path, O_RDWR));
	ASSERT_EQ(0, chmod(self->path, 0600));
	EXPECT_EQ(EACCES, open_as(WT_UID_ALICE, 0, self->path, O_RDONLY));
}

TEST_F(fsd, set_get_round_trip_and_size_probe)
{
	const struct wt_rule aces[] = {
		ALLOW(WT_FILE_READ_DATA, SID_ALICE),
		ALLOW(WT_FILE_ALL_ACCESS, SID_BOB),
	};
	uint8_t sd[512], *got = NULL, *got2 = NULL, small[8];
	uint32_t len = 0, len2 = 0, need = 0;
	char path2[200];
	size_t n = wt_build_sd(sd, NULL, aces, 2, 0);
	int fd;

	ASSERT_EQ(0, wt_set_sd_bytes(self->path, SI_DACL, sd, n));
	/* The stored xattr is the canonical SD; the DACL is what we gave. */
	ASSERT_EQ(0, get_sd(self->path, SI_DACL, &got, &len));
	EXPECT_TRUE(contains(got, len, sd + 20, n - 20));
	EXPECT_EQ(n, len);	/* DACL only: header + our ACL */
	free(got);
	ASSERT_EQ(0, get_sd(self->path, SI_OGD, &got, &len));
	EXPECT_GT(len, n);	/* owner and group defaulted from the token */
	EXPECT_NE(0, got[4] | got[5]);	/* owner offset */
	EXPECT_NE(0, got[8] | got[9]);	/* group offset */

	/* Size probe: ERANGE, nothing written, the size reported. */
	fd = open(self->path, O_PATH | O_CLOEXEC);
	ASSERT_GE(fd, 0);
	memset(small, 0xAA, sizeof(small));
	EXPECT_EQ(-1, wt_get_file_security(self->dev, fd, SI_OGD, small,
					   sizeof(small), &need));
	EXPECT_EQ(ERANGE, errno);
	EXPECT_EQ(len, need);
	EXPECT_EQ(0xAA, small[0]);
	EXPECT_EQ(-1, wt_get_file_security(self->dev, fd, SI_OGD, NULL, 0, &need));
	EXPECT_EQ(ERANGE, errno);
	EXPECT_EQ(len, need);
	close(fd);

	/* Setting what we got on another file gives the same bytes back. */
	snprintf(path2, sizeof(path2), "%s/g", self->dir);
	fd = open(path2, O_CREAT | O_WRONLY | O_CLOEXEC, 0666);
	ASSERT_GE(fd, 0);
	close(fd);
	ASSERT_EQ(0, wt_set_sd_bytes(path2, SI_OGD, got, len));
	ASSERT_EQ(0, get_sd(path2, SI_OGD, &got2, &len2));
	ASSERT_EQ(len, len2);
	EXPECT_EQ(0, memcmp(got, got2, len));
	/* The xattr holds the same self-relative bytes. */
	EXPECT_EQ((ssize_t)len2, wt_raw_sd(path2, sd, sizeof(sd)));
	EXPECT_EQ(0, memcmp(sd, got2, len2));
	free(got);
	free(got2);
}

TEST_F(fsd, ioctl_errors)
{
	const struct wt_rule aces[] = { ALLOW(WT_FILE_READ_DATA, SID_EVERYONE) };
	struct {
		struct wt_file_security a;
		uint64_t extra;
	} big;
	struct wt_file_security a;
	uint8_t sd[512], bad[512], before[512], after[512];
	size_t n = wt_build_sd(sd, NULL, aces, 1, 0);
	ssize_t blen, alen;
	int fd;

	fd = open(self->path, O_RDONLY | O_CLOEXEC);
	ASSERT_GE(fd, 0);
	/* Not governed yet. */
	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	a.fd = fd;
	a.selectors = SI_DACL;
	a.length = sizeof(before);
	a.buffer = (uintptr_t)before;
	EXPECT_EQ(ENODATA, raw_ioctl(self->dev, WT_IOC_GET_FILE_SECURITY, &a));
	ASSERT_EQ(0, wt_set_sd_bytes(self->path, SI_DACL, sd, n));
	EXPECT_EQ(0, raw_ioctl(self->dev, WT_IOC_GET_FILE_SECURITY, &a));
	EXPECT_EQ(n, a.length);

	/* Bad descriptors. */
	a.fd = -1;
	EXPECT_EQ(EBADF, raw_ioctl(self->dev, WT_IOC_GET_FILE_SECURITY, &a));
	a.fd = 9999;
	EXPECT_EQ(EBADF, raw_ioctl(self->dev, WT_IOC_SET_FILE_SECURITY, &a));
	a.fd = fd;
	/* Sizes. */
	a.size = WT_FILE_SECURITY_SIZE_VER0 - 1;
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_GET_FILE_SECURITY, &a));
	a.size = 8192;
	EXPECT_EQ(E2BIG, raw_ioctl(self->dev, WT_IOC_GET_FILE_SECURITY, &a));
	a.size = sizeof(a);
	big.a = a;
	big.a.size = sizeof(big);
	big.a.length = sizeof(before);
	big.extra = 1;
	EXPECT_EQ(E2BIG, raw_ioctl(self->dev, WT_IOC_GET_FILE_SECURITY, &big));
	big.extra = 0;
	EXPECT_EQ(0, raw_ioctl(self->dev, WT_IOC_GET_FILE_SECURITY, &big));
	EXPECT_EQ(sizeof(a), big.a.size);	/* what both sides know */
	EXPECT_EQ(EFAULT, raw_ioctl(self->dev, WT_IOC_GET_FILE_SECURITY, NULL));
	/* Reserved fields, unknown flags and selectors. */
	a.length = sizeof(before);
	a.flags = 1;
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_GET_FILE_SECURITY, &a));
	a.flags = 0x80000000u;
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_SET_FILE_SECURITY, &a));
	a.flags = 0;
	a.reserved = 1;
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_GET_FILE_SECURITY, &a));
	a.reserved = 0;
	a.selectors = 0;
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_GET_FILE_SECURITY, &a));
	a.selectors = 0x20;
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_GET_FILE_SECURITY, &a));
	a.selectors = 0x80000000u | SI_DACL;	/* PROTECTED_DACL: not yet */
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_SET_FILE_SECURITY, &a));
	a.selectors = SI_DACL;
	/* Bad user buffer. */
	a.buffer = 1;
	EXPECT_EQ(EFAULT, raw_ioctl(self->dev, WT_IOC_GET_FILE_SECURITY, &a));
	EXPECT_EQ(EFAULT, raw_ioctl(self->dev, WT_IOC_SET_FILE_SECURITY, &a));

	/* Malformed SDs are refused and the stored one stays. */
	blen = wt_raw_sd(self->path, before, sizeof(before));
	ASSERT_GT(blen, 0);
	a.buffer = (uintptr_t)bad;
	a.length = 0;
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_SET_FILE_SECURITY, &a));
	a.length = WT_SD_MAX_SIZE + 1;
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_SET_FILE_SECURITY, &a));
	memset(bad, 0x5A, sizeof(bad));
	a.length = 64;
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_SET_FILE_SECURITY, &a));
	memcpy(bad, sd, n);
	a.length = n - 4;	/* truncated ACE */
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_SET_FILE_SECURITY, &a));
	memset(bad + n, 0, 8);
	a.length = n + 8;	/* trailing garbage */
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_SET_FILE_SECURITY, &a));
	memcpy(bad, sd, n);
	bad[0] = 2;		/* revision */
	a.length = n;
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_SET_FILE_SECURITY, &a));
	memcpy(bad, sd, n);
	a.selectors = SI_OWNER;	/* asks for an owner the SD does not have */
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_SET_FILE_SECURITY, &a));
	alen = wt_raw_sd(self->path, after, sizeof(after));
	ASSERT_EQ(blen, alen);
	EXPECT_EQ(0, memcmp(before, after, blen));
	EXPECT_EQ(0, open_as(WT_UID_BOB, 0, self->path, O_RDONLY));
	close(fd);
}

TEST_F(fsd, read_control_and_write_dac)
{
	const struct wt_rule data_only[] = { ALLOW(WT_FILE_READ_DATA, SID_ALICE) };
	const struct wt_rule dac[] = {
		ALLOW(WT_READ_CONTROL | WT_WRITE_DAC | WT_FILE_READ_DATA, SID_ALICE),
	};
	uint8_t sd[512];
	size_t n = wt_build_sd(sd, NULL, data_only, 1, 0);

	ASSERT_EQ(0, set_dacl(self->path, data_only, 1));
	EXPECT_EQ(EACCES, get_as(WT_UID_ALICE, self->path, SI_DACL));
	EXPECT_EQ(EACCES, get_as(WT_UID_ALICE, self->path, SI_OWNER));
	EXPECT_EQ(EACCES, set_as(WT_UID_ALICE, self->path, SI_DACL, sd, n));
	EXPECT_EQ(0, open_as(WT_UID_ALICE, 0, self->path, O_RDONLY));

	ASSERT_EQ(0, set_dacl(self->path, dac, 1));
	EXPECT_EQ(0, get_as(WT_UID_ALICE, self->path, SI_OGD));
	EXPECT_EQ(0, set_as(WT_UID_ALICE, self->path, SI_DACL, sd, n));
	/* Alice gave away her own READ_CONTROL and WRITE_DAC. */
	EXPECT_EQ(EACCES, get_as(WT_UID_ALICE, self->path, SI_DACL));
	EXPECT_EQ(EACCES, get_as(WT_UID_BOB, self->path, SI_DACL));
	/* An SACL needs SeSecurityPrivilege enabled (root has it disabled). */
	EXPECT_EQ(EPERM, get_sd(self->path, WT_SACL_SECURITY_INFORMATION, NULL, NULL));
	EXPECT_EQ(EPERM, wt_set_sd_bytes(self->path, WT_SACL_SECURITY_INFORMATION, sd, n));
	/* The owner (root's default owner) keeps READ_CONTROL and WRITE_DAC. */
	EXPECT_EQ(0, get_sd(self->path, SI_OGD, NULL, NULL));
	EXPECT_EQ(0, set_dacl(self->path, dac, 1));
}

TEST_F(fsd, write_owner_only_to_own_sids)
{
	const struct wt_rule wo[] = {
		ALLOW(WT_READ_CONTROL | WT_WRITE_OWNER, SID_ALICE),
	};
	uint8_t sd[512], *got;
	uint8_t alice[68];
	size_t n, slen = wt_sid_bytes(SID_ALICE, alice);
	uint32_t len, off;

	ASSERT_EQ(0, set_dacl(self->path, wo, 1));
	n = wt_build_sd(sd, SID_BOB, NULL, -1, 0);
	EXPECT_EQ(EPERM, set_as(WT_UID_ALICE, self->path, SI_OWNER, sd, n));
	EXPECT_EQ(EACCES, set_as(WT_UID_BOB, self->path, SI_OWNER, sd, n));
	/* Root owns the SD (Administrators) but WRITE_OWNER is not implied. */
	EXPECT_EQ(EACCES, wt_set_sd_bytes(self->path, SI_OWNER, sd, n));
	n = wt_build_sd(sd, SID_ALICE, NULL, -1, 0);
	EXPECT_EQ(0, set_as(WT_UID_ALICE, self->path, SI_OWNER, sd, n));
	/* The stored SD names alice as owner (read raw: root lost READ_CONTROL). */
	got = malloc(512);
	ASSERT_NE(NULL, got);
	len = wt_raw_sd(self->path, got, 512);
	ASSERT_GT((int)len, 20);
	off = got[4] | got[5] << 8 | got[6] << 16 | (uint32_t)got[7] << 24;
	ASSERT_LE(off + slen, len);
	EXPECT_EQ(0, memcmp(got + off, alice, slen));
	free(got);
	EXPECT_EQ(EACCES, get_sd(self->path, SI_OWNER, NULL, NULL));
	EXPECT_EQ(0, get_as(WT_UID_ALICE, self->path, SI_OWNER));
	/* Alice owns it now, without WRITE_DAC in the DACL she may set it. */
	EXPECT_EQ(0, set_as(WT_UID_ALICE, self->path, SI_DACL, sd, n));
}

TEST_F(fsd, first_sd_needs_the_linux_owner)
{
	const struct wt_rule all[] = { ALLOW(WT_FILE_ALL_ACCESS, SID_EVERYONE) };
	uint8_t sd[512];
	size_t n = wt_build_sd(sd, NULL, all, 1, 0);

	/* root owns f: alice may not govern it, only root (or its owner). */
	EXPECT_EQ(EPERM, set_as(WT_UID_ALICE, self->path, SI_DACL, sd, n));
	ASSERT_EQ(0, chown(self->path, WT_UID_ALICE, WT_GID_USERS));
	EXPECT_EQ(0, set_as(WT_UID_ALICE, self->path, SI_DACL, sd, n));
	EXPECT_EQ(0, get_as(WT_UID_ALICE, self->path, SI_OGD));
}

TEST_F(fsd, raw_xattr_needs_restore_privilege)
{
	const struct wt_rule aces[] = { ALLOW(WT_FILE_READ_DATA, SID_EVERYONE) };
	uint8_t sd[512], before[512], after[512];
	size_t n = wt_build_sd(sd, NULL, aces, 1, 0);
	ssize_t blen;

	/* Ungoverned file: raw writes are refused as well. */
	EXPECT_EQ(EPERM, setxattr_as(0, self->path, sd, n));
	ASSERT_EQ(0, wt_set_sd_bytes(self->path, SI_DACL, sd, n));
	blen = wt_raw_sd(self->path, before, sizeof(before));
	ASSERT_GT(blen, 0);
	/* SeRestorePrivilege is present but not enabled in root's token. */
	EXPECT_EQ(EPERM, setxattr_as(0, self->path, sd, n));
	EXPECT_EQ(EPERM, setxattr_as(0, self->path, "garbage", 7));
	EXPECT_EQ(EPERM, setxattr_as(WT_UID_ALICE, self->path, sd, n));
	EXPECT_EQ(-1, removexattr(self->path, WT_XATTR_NAME));
	EXPECT_EQ(EPERM, errno);
	EXPECT_EQ(blen, wt_raw_sd(self->path, after, sizeof(after)));
	EXPECT_EQ(0, memcmp(before, after, blen));
	/* Other security.* names are none of wintok's business. */
	EXPECT_EQ(0, setxattr(self->path, "security.wt_other", "x", 1, 0));
	EXPECT_EQ(0, removexattr(self->path, "security.wt_other"));
}

static int enable_restore(void)
{
	return wt_enable_privilege(WT_SE_RESTORE_PRIVILEGE);
}

/*
 * Root with SeRestorePrivilege enabled (a child of its own, so the test's
 * token keeps it disabled) writes the raw attribute: a valid SD is
 * stored, malformed bytes are EINVAL and leave the old SD in place, and
 * it may remove the attribute.
 */
TEST_F(fsd, raw_xattr_with_restore_privilege_enabled)
{
	const struct wt_rule first[] = { ALLOW(WT_FILE_READ_DATA, SID_EVERYONE) };
	const struct wt_rule second[] = { ALLOW(WT_FILE_ALL_ACCESS, SID_EVERYONE) };
	uint8_t sd1[512], sd2[512], got[512];
	size_t n1 = wt_build_sd(sd1, NULL, first, 1, 0);
	size_t n2 = wt_build_sd(sd2, SID_ALICE, second, 1, 0);
	ssize_t len;
	pid_t pid;

	/* A raw SD needs an owner and a group (see below). */
	wt_le(sd2 + 8, n2, 4);
	n2 += wt_sid_bytes("S-1-22-2-100", sd2 + n2);
	ASSERT_EQ(0, wt_set_sd_bytes(self->path, SI_DACL, sd1, n1));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		uint8_t back[512];
		ssize_t blen;
		int err = enable_restore();

		if (err)
			_exit(2);
		if (setxattr(self->path, WT_XATTR_NAME, sd2, n2, 0))
			_exit(3);
		blen = wt_raw_sd(self->path, back, sizeof(back));
		if (blen != (ssize_t)n2 || memcmp(back, sd2, n2))
			_exit(4);
		/* Malformed: refused, the SD just written stays. */
		if (setxattr(self->path, WT_XATTR_NAME, "garbage", 7, 0) == 0 ||
		    errno != EINVAL)
			_exit(5);
		if (setxattr(self->path, WT_XATTR_NAME, sd2, n2 - 4, 0) == 0 ||
		    errno != EINVAL)
			_exit(6);
		blen = wt_raw_sd(self->path, back, sizeof(back));
		if (blen != (ssize_t)n2 || memcmp(back, sd2, n2))
			_exit(7);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
	len = wt_raw_sd(self->path, got, sizeof(got));
	EXPECT_EQ((ssize_t)n2, len);
	EXPECT_EQ(0, memcmp(got, sd2, n2));
	/* The test's own token still has the privilege disabled. */
	EXPECT_EQ(EPERM, setxattr_as(0, self->path, sd1, n1));

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		if (enable_restore())
			_exit(2);
		_exit(removexattr(self->path, WT_XATTR_NAME) ? 3 : 0);
	}
	EXPECT_EQ(0, wt_reap(pid));
	EXPECT_EQ(-1, wt_raw_sd(self->path, got, sizeof(got)));
	EXPECT_EQ(ENODATA, errno);
}

TEST_F(fsd, deny_before_allow_and_everyone)
{
	const struct wt_rule aces[] = {
		DENY(WT_FILE_READ_DATA, SID_ALICE),
		ALLOW(WT_FILE_READ_DATA | WT_FILE_WRITE_DATA, SID_EVERYONE),
	};

	ASSERT_EQ(0, set_dacl(self->path, aces, 2));
	EXPECT_EQ(EACCES, open_as(WT_UID_ALICE, 0, self->path, O_RDONLY));
	EXPECT_EQ(EACCES, open_as(WT_UID_ALICE, 0, self->path, O_RDWR));
	EXPECT_EQ(0, open_as(WT_UID_ALICE, 0, self->path, O_WRONLY));
	EXPECT_EQ(0, open_as(WT_UID_BOB, 0, self->path, O_RDWR));
	EXPECT_EQ(0, open_as(WT_UID_MALLORY, 0, self->path, O_RDONLY));
	EXPECT_EQ(0, open_as(0, 0, self->path, O_RDWR));
	/* Nothing grants append or execute. */
	EXPECT_EQ(EACCES, open_as(WT_UID_BOB, 0, self->path, O_WRONLY | O_APPEND));
}

TEST_F(fsd, per_user_allow)
{
	const struct wt_rule aces[] = { ALLOW(WT_FILE_READ_DATA, SID_ALICE) };

	ASSERT_EQ(0, set_dacl(self->path, aces, 1));
	EXPECT_EQ(0, open_as(WT_UID_ALICE, 0, self->path, O_RDONLY));
	EXPECT_EQ(EACCES, open_as(WT_UID_ALICE, 0, self->path, O_WRONLY));
	EXPECT_EQ(EACCES, open_as(WT_UID_BOB, 0, self->path, O_RDONLY));
	/* Root is not special to wintok: no ACE, no access. */
	EXPECT_EQ(EACCES, open_as(0, 0, self->path, O_RDONLY));
	/* An empty DACL grants nothing, a missing one everything. */
	ASSERT_EQ(0, set_dacl(self->path, NULL, 0));
	EXPECT_EQ(EACCES, open_as(WT_UID_ALICE, 0, self->path, O_RDONLY));
	ASSERT_EQ(0, set_dacl(self->path, NULL, -1));
	EXPECT_EQ(0, open_as(WT_UID_BOB, 0, self->path, O_RDWR));
}

TEST_F(fsd, group_membership)
{
	const struct wt_rule aces[] = { ALLOW(WT_FILE_READ_DATA, SID_FINANCE) };

	ASSERT_EQ(0, set_dacl(self->path, aces, 1));
	EXPECT_EQ(0, open_as(WT_UID_ALICE, WT_GID_FINANCE, self->path, O_RDONLY));
	EXPECT_EQ(0, open_as(WT_UID_BOB, WT_GID_FINANCE, self->path, O_RDONLY));
	EXPECT_EQ(EACCES, open_as(WT_UID_ALICE, 0, self->path, O_RDONLY));
	EXPECT_EQ(EACCES, open_as(WT_UID_BOB, 0, self->path, O_RDONLY));
}

TEST_F(fsd, owner_implicit_rights)
{
	const struct wt_rule mine[] = { ALLOW(WT_FILE_READ_DATA, SID_ALICE) };
	uint8_t sd[512];
	size_t n;
	pid_t pid;

	ASSERT_EQ(0, chown(self->path, WT_UID_ALICE, WT_GID_USERS));
	pid = fork();
	if (pid == 0) {
		become(WT_UID_ALICE, 0);
		/*
		 * Empty DACL: owner defaults to alice, who may still read
		 * and change the SD, but not the data.
		 */
		n = wt_build_sd(sd, NULL, NULL, 0, 0);
		if (wt_set_sd_bytes(self->path, SI_DACL, sd, n))
			_exit(1);
		if (wt_open_errno(self->path, O_RDONLY) != EACCES)
			_exit(2);
		if (get_sd(self->path, SI_OGD, NULL, NULL))
			_exit(3);
		n = wt_build_sd(sd, NULL, mine, 1, 0);
		if (wt_set_sd_bytes(self->path, SI_DACL, sd, n))
			_exit(4);
		if (wt_open_errno(self->path, O_RDONLY))
			_exit(5);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
	EXPECT_EQ(EACCES, get_as(WT_UID_BOB, self->path, SI_DACL));
	EXPECT_EQ(EACCES, open_as(WT_UID_BOB, 0, self->path, O_RDONLY));
}

TEST_F(fsd, append_and_truncate)
{
	const struct wt_rule aces[] = { ALLOW(WT_FILE_APPEND_DATA, SID_ALICE) };

	ASSERT_EQ(0, set_dacl(self->path, aces, 1));
	EXPECT_EQ(0, open_as(WT_UID_ALICE, 0, self->path, O_WRONLY | O_APPEND));
	EXPECT_EQ(EACCES, open_as(WT_UID_ALICE, 0, self->path, O_WRONLY));
	EXPECT_EQ(EACCES, open_as(WT_UID_ALICE, 0, self->path,
				  O_WRONLY | O_APPEND | O_TRUNC));
	EXPECT_EQ(EACCES, open_as(WT_UID_ALICE, 0, self->path, O_RDONLY));
	EXPECT_EQ(EACCES, open_as(WT_UID_ALICE, 0, self->path, O_RDONLY | O_TRUNC));
}

TEST_F(fsd, directory_list)
{
	const struct wt_rule aces[] = { ALLOW(WT_FILE_LIST_DIRECTORY, SID_ALICE) };
	char sub[200];

	snprintf(sub, sizeof(sub), "%s/d", self->dir);
	ASSERT_EQ(0, mkdir(sub, 0777));
	ASSERT_EQ(0, chmod(sub, 0777));
	ASSERT_EQ(0, set_dacl(sub, aces, 1));
	EXPECT_EQ(0, open_as(WT_UID_ALICE, 0, sub, O_RDONLY | O_DIRECTORY));
	EXPECT_EQ(EACCES, open_as(WT_UID_BOB, 0, sub, O_RDONLY | O_DIRECTORY));
	/* O_PATH opens are not access checks (as for Linux permissions). */
	EXPECT_EQ(0, open_as(WT_UID_BOB, 0, sub, O_PATH));
}

TEST_F(fsd, changes_take_effect_at_once)
{
	const struct wt_rule allow[] = { ALLOW(WT_FILE_READ_DATA, SID_ALICE) };
	const struct wt_rule deny[] = { DENY(WT_FILE_READ_DATA, SID_ALICE) };
	int i;

	ASSERT_EQ(0, set_dacl(self->path, allow, 1));
	for (i = 0; i < 3; i++)
		EXPECT_EQ(0, open_as(WT_UID_ALICE, 0, self->path, O_RDONLY));
	ASSERT_EQ(0, set_dacl(self->path, deny, 1));
	EXPECT_EQ(EACCES, open_as(WT_UID_ALICE, 0, self->path, O_RDONLY));
	ASSERT_EQ(0, set_dacl(self->path, allow, 1));
	EXPECT_EQ(0, open_as(WT_UID_ALICE, 0, self->path, O_RDONLY));
}

/*
 * In a child as alice: one process, one token, whose grants the module
 * may remember per SD. A new DACL is a new SD: nothing granted before may
 * be granted from memory after. 0, or a bit per wrong outcome.
 */
static int check_same_token_sees_changes(const char *path)
{
	const uint32_t manage = WT_READ_CONTROL | WT_WRITE_DAC;
	const struct wt_rule allow[] = {
		ALLOW(WT_FILE_READ_DATA | manage, SID_ALICE),
	};
	const struct wt_rule deny[] = {
		DENY(WT_FILE_READ_DATA, SID_ALICE),
		ALLOW(manage, SID_ALICE),
	};
	int fails = 0, i;

	become(WT_UID_ALICE, 0);
	for (i = 0; i < 3; i++)
		if (wt_open_errno(path, O_RDONLY))
			fails |= 1;
	if (set_dacl(path, deny, 2))
		fails |= 2;
	if (wt_open_errno(path, O_RDONLY) != EACCES)
		fails |= 4;
	if (set_dacl(path, allow, 1))
		fails |= 8;
	if (wt_open_errno(path, O_RDONLY))
		fails |= 16;
	return fails;
}

TEST_F(fsd, same_token_sees_sd_changes)
{
	const struct wt_rule allow[] = {
		ALLOW(WT_FILE_READ_DATA | WT_READ_CONTROL | WT_WRITE_DAC,
		      SID_ALICE),
	};
	pid_t pid;

	ASSERT_EQ(0, set_dacl(self->path, allow, 1));
	pid = fork();
	if (pid == 0)
		_exit(check_same_token_sees_changes(self->path));
	EXPECT_EQ(0, wt_reap(pid));
}

enum fs_op { OP_CREATE, OP_MKDIR, OP_SYMLINK, OP_MKFIFO, OP_LINK, OP_UNLINK,
	     OP_RMDIR, OP_RENAME, OP_CHMOD, OP_CHOWN, OP_TRUNCATE };

/* 0 or the errno of @op on @path (@arg: link target) by @uid. */
static int op_as(uid_t uid, enum fs_op op, const char *path, const char *arg)
{
	pid_t pid = fork();
	int r = -1;

	if (pid == 0) {
		if (uid)
			become(uid, 0);
		switch (op) {
		case OP_CREATE:
			r = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0666);
			if (r >= 0)
				close(r);
			break;
		case OP_MKDIR:
			r = mkdir(path, 0777);
			break;
		case OP_SYMLINK:
			r = symlink(arg, path);
			break;
		case OP_MKFIFO:
			r = mkfifo(path, 0666);
			break;
		case OP_LINK:
			r = link(arg, path);
			break;
		case OP_UNLINK:
			r = unlink(path);
			break;
		case OP_RMDIR:
			r = rmdir(path);
			break;
		case OP_RENAME:
			r = rename(arg, path);
			break;
		case OP_CHMOD:
			r = chmod(path, 0644);
			break;
		case OP_CHOWN:
			r = chown(path, -1, WT_GID_USERS);
			break;
		case OP_TRUNCATE:
			r = truncate(path, 1);
			break;
		}
		_exit(r < 0 ? errno : 0);
	}
	return wt_reap(pid);
}

TEST_F(fsd, create_needs_add_rights_on_the_directory)
{
	const struct wt_rule aces[] = {
		ALLOW(WT_FILE_ADD_FILE | WT_FILE_LIST_DIRECTORY, SID_ALICE),
		ALLOW(WT_FILE_ADD_SUBDIRECTORY, SID_BOB),
	};
	const struct wt_rule read_all[] = { ALLOW(WT_FILE_READ_DATA, SID_EVERYONE) };
	char d[200], p[240];
	uint8_t sd[256];

	snprintf(d, sizeof(d), "%s/d", self->dir);
	ASSERT_EQ(0, mkdir(d, 0777));
	ASSERT_EQ(0, chmod(d, 0777));
	ASSERT_EQ(0, set_dacl(d, aces, 2));
#define P(name) (snprintf(p, sizeof(p), "%s/%s", d, name), p)
	EXPECT_EQ(0, op_as(WT_UID_ALICE, OP_CREATE, P("a"), NULL));
	EXPECT_EQ(EACCES, op_as(WT_UID_BOB, OP_CREATE, P("b"), NULL));
	EXPECT_EQ(EACCES, op_as(0, OP_CREATE, P("r"), NULL));
	EXPECT_EQ(0, op_as(WT_UID_BOB, OP_MKDIR, P("bd"), NULL));
	EXPECT_EQ(EACCES, op_as(WT_UID_ALICE, OP_MKDIR, P("ad"), NULL));
	EXPECT_EQ(0, op_as(WT_UID_ALICE, OP_SYMLINK, P("as"), "a"));
	EXPECT_EQ(EACCES, op_as(WT_UID_BOB, OP_SYMLINK, P("bs"), "a"));
	EXPECT_EQ(0, op_as(WT_UID_ALICE, OP_MKFIFO, P("af"), NULL));
	EXPECT_EQ(EACCES, op_as(WT_UID_BOB, OP_MKFIFO, P("bf"), NULL));
	EXPECT_EQ(EACCES, op_as(WT_UID_BOB, OP_LINK, P("bl"), self->path));
	EXPECT_NE(0, access(P("b"), F_OK));
	/*
	 * The new file is governed: nothing in d is inheritable, so it has
	 * alice's default DACL (see inherit_test), which leaves bob out.
	 */
	EXPECT_EQ(0, get_as(WT_UID_ALICE, P("a"), SI_DACL));
	EXPECT_EQ(EACCES, open_as(WT_UID_BOB, 0, P("a"), O_RDONLY));
	/* Opening an existing file with O_CREAT creates nothing: no add check. */
	ASSERT_EQ(0, set_as(WT_UID_ALICE, P("a"), SI_DACL, sd,
			    wt_build_sd(sd, NULL, read_all, 1, 0)));
	EXPECT_EQ(0, open_as(WT_UID_BOB, 0, P("a"), O_CREAT | O_RDONLY));
#undef P
}

TEST_F(fsd, delete_needs_delete_or_delete_child)
{
	const struct wt_rule dir_aces[] = {
		ALLOW(WT_FILE_LIST_DIRECTORY | WT_FILE_ADD_FILE, SID_EVERYONE),
		ALLOW(WT_FILE_DELETE_CHILD, SID_BOB),
	};
	const struct wt_rule del_alice[] = { ALLOW(WT_DELETE, SID_ALICE) };
	const struct wt_rule read_all[] = { ALLOW(WT_FILE_READ_DATA, SID_EVERYONE) };
	char d[200], x[240], y[240], z[240], s[240], t[240];
	int fd;

	snprintf(d, sizeof(d), "%s/d", self->dir);
	snprintf(x, sizeof(x), "%s/x", d);
	snprintf(y, sizeof(y), "%s/y", d);
	snprintf(z, sizeof(z), "%s/z", d);
	snprintf(s, sizeof(s), "%s/s", d);
	snprintf(t, sizeof(t), "%s/t", d);
	ASSERT_EQ(0, mkdir(d, 0777));
	ASSERT_EQ(0, chmod(d, 0777));
	fd = open(x, O_CREAT | O_WRONLY | O_CLOEXEC, 0666);
	ASSERT_GE(fd, 0);
	close(fd);
	fd = open(y, O_CREAT | O_WRONLY | O_CLOEXEC, 0666);
	ASSERT_GE(fd, 0);
	close(fd);
	fd = open(z, O_CREAT | O_WRONLY | O_CLOEXEC, 0666);
	ASSERT_GE(fd, 0);
	close(fd);
	ASSERT_EQ(0, mkdir(s, 0777));
	ASSERT_EQ(0, mkdir(t, 0777));
	ASSERT_EQ(0, set_dacl(x, del_alice, 1));
	ASSERT_EQ(0, set_dacl(y, read_all, 1));
	ASSERT_EQ(0, set_dacl(s, NULL, 0));
	ASSERT_EQ(0, set_dacl(d, dir_aces, 2));

	EXPECT_EQ(EACCES, op_as(WT_UID_MALLORY, OP_UNLINK, x, NULL));
	EXPECT_EQ(0, op_as(WT_UID_ALICE, OP_UNLINK, x, NULL));
	EXPECT_EQ(EACCES, op_as(WT_UID_MALLORY, OP_UNLINK, y, NULL));
	EXPECT_EQ(EACCES, op_as(WT_UID_ALICE, OP_UNLINK, y, NULL));
	EXPECT_EQ(0, op_as(WT_UID_BOB, OP_UNLINK, y, NULL));
	/* Not governed itself: Linux decides. */
	EXPECT_EQ(0, op_as(WT_UID_MALLORY, OP_UNLINK, z, NULL));
	EXPECT_EQ(EACCES, op_as(WT_UID_MALLORY, OP_RMDIR, s, NULL));
	EXPECT_EQ(0, op_as(WT_UID_BOB, OP_RMDIR, s, NULL));
	EXPECT_EQ(0, op_as(WT_UID_MALLORY, OP_RMDIR, t, NULL));
}

/* Make @path a file (0666) with a DACL of @n ACEs (none when @n < 0). */
static int make_file(const char *path, const struct wt_rule *aces, int n)
{
	int fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0666);

	if (fd < 0)
		return errno;
	close(fd);
	if (chmod(path, 0666))
		return errno;
	return n < 0 ? 0 : set_dacl(path, aces, n);
}

#define PATH_LEN 240

/* @dir/@name in @buf (PATH_LEN bytes); returns @buf. */
static char *at(char *buf, const char *dir, const char *name)
{
	snprintf(buf, PATH_LEN, "%s/%s", dir, name);
	return buf;
}

TEST_F(fsd, rename_is_delete_plus_add)
{
	const struct wt_rule a_aces[] = {
		ALLOW(WT_FILE_LIST_DIRECTORY | WT_FILE_ADD_FILE, SID_EVERYONE),
		ALLOW(WT_FILE_DELETE_CHILD, SID_BOB),
	};
	const struct wt_rule c_aces[] = {
		ALLOW(WT_FILE_LIST_DIRECTORY, SID_EVERYONE),
	};
	const struct wt_rule f_aces[] = {
		ALLOW(WT_DELETE, SID_ALICE),
		ALLOW(WT_FILE_READ_DATA, SID_EVERYONE),
	};
	const struct wt_rule t_aces[] = { ALLOW(WT_FILE_READ_DATA, SID_EVERYONE) };
	char a[200], b[200], c[200], p1[PATH_LEN], p2[PATH_LEN];

	snprintf(a, sizeof(a), "%s/A", self->dir);
	snprintf(b, sizeof(b), "%s/B", self->dir);
	snprintf(c, sizeof(c), "%s/C", self->dir);
	ASSERT_EQ(0, mkdir(a, 0777));
	ASSERT_EQ(0, mkdir(b, 0777));
	ASSERT_EQ(0, mkdir(c, 0777));
	ASSERT_EQ(0, chmod(a, 0777));
	ASSERT_EQ(0, chmod(b, 0777));
	ASSERT_EQ(0, chmod(c, 0777));
	ASSERT_EQ(0, make_file(at(p1, a, "f"), f_aces, 2));
	ASSERT_EQ(0, make_file(at(p1, a, "t"), t_aces, 1));
	ASSERT_EQ(0, make_file(at(p1, b, "u"), NULL, -1));
	ASSERT_EQ(0, set_dacl(a, a_aces, 2));
	ASSERT_EQ(0, set_dacl(c, c_aces, 1));

	/* Delete side: DELETE on the file or DELETE_CHILD on A. */
	EXPECT_EQ(EACCES, op_as(WT_UID_MALLORY, OP_RENAME, at(p2, a, "g"),
				at(p1, a, "f")));
	EXPECT_EQ(0, op_as(WT_UID_ALICE, OP_RENAME, at(p2, a, "g"),
			   at(p1, a, "f")));
	/* Add side: C grants no FILE_ADD_FILE. */
	EXPECT_EQ(EACCES, op_as(WT_UID_ALICE, OP_RENAME, at(p2, c, "g"),
				at(p1, a, "g")));
	EXPECT_EQ(0, op_as(WT_UID_BOB, OP_RENAME, at(p2, b, "g"),
			   at(p1, a, "g")));
	/* Replacing A/t deletes it: only bob (DELETE_CHILD) may. */
	EXPECT_EQ(EACCES, op_as(WT_UID_MALLORY, OP_RENAME, at(p2, a, "t"),
				at(p1, b, "u")));
	EXPECT_EQ(0, op_as(WT_UID_BOB, OP_RENAME, at(p2, a, "t"),
			   at(p1, b, "u")));
	/* Within an ungoverned directory, an ungoverned file: Linux only. */
	EXPECT_EQ(0, make_file(at(p1, b, "v"), NULL, -1));
	EXPECT_EQ(0, op_as(WT_UID_MALLORY, OP_RENAME, at(p2, b, "w"),
			   at(p1, b, "v")));
}

TEST_F(fsd, chmod_chown_truncate)
{
	const struct wt_rule dac[] = {
		ALLOW(WT_WRITE_DAC | WT_FILE_WRITE_DATA, SID_ALICE),
		ALLOW(WT_WRITE_OWNER, SID_BOB),
	};

	/* Linux lets the owner chmod and chgrp: make alice and bob owners. */
	ASSERT_EQ(0, chown(self->path, WT_UID_ALICE, WT_GID_USERS));
	ASSERT_EQ(0, set_dacl(self->path, dac, 2));
	EXPECT_EQ(0, op_as(WT_UID_ALICE, OP_CHMOD, self->path, NULL));
	EXPECT_EQ(0, op_as(WT_UID_ALICE, OP_TRUNCATE, self->path, NULL));
	EXPECT_EQ(EACCES, op_as(WT_UID_ALICE, OP_CHOWN, self->path, NULL));
	/* Root passes Linux's checks everywhere; the SD still decides. */
	EXPECT_EQ(EACCES, op_as(0, OP_TRUNCATE, self->path, NULL));
	EXPECT_EQ(EACCES, op_as(0, OP_CHOWN, self->path, NULL));
	EXPECT_EQ(0, op_as(0, OP_CHMOD, self->path, NULL));	/* SD owner */
	ASSERT_EQ(0, chmod(self->path, 0666));
	EXPECT_EQ(EACCES, op_as(WT_UID_BOB, OP_TRUNCATE, self->path, NULL));
	/* No DACL at all: every right is granted. */
	ASSERT_EQ(0, set_dacl(self->path, NULL, -1));
	EXPECT_EQ(0, op_as(0, OP_CHOWN, self->path, NULL));
	EXPECT_EQ(0, op_as(0, OP_TRUNCATE, self->path, NULL));
}

/* Exit status of a shell command run as @uid (0: root itself). */
static int sh_as(uid_t uid, const char *cmd)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (uid)
			become(uid, 0);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	return wt_reap(pid);
}

TEST_F(fsd, wtacl_get_and_set)
{
	char cmd[400], out[400] = "";
	FILE *p;

	if (access("/usr/bin/wtacl", X_OK))
		SKIP(return, "wtacl is not installed");
	snprintf(cmd, sizeof(cmd), "wtacl get %s 2>/dev/null", self->path);
	EXPECT_EQ(3, sh_as(0, cmd));	/* not governed */
	snprintf(cmd, sizeof(cmd), "wtacl set %s 'D:(A;;FR;;;%s)(A;;FA;;;BA)'",
		 self->path, SID_ALICE);
	ASSERT_EQ(0, sh_as(0, cmd));
	snprintf(cmd, sizeof(cmd), "wtacl get %s", self->path);
	p = popen(cmd, "r");
	ASSERT_NE(NULL, p);
	EXPECT_NE(NULL, fgets(out, sizeof(out), p));
	EXPECT_EQ(0, pclose(p));
	EXPECT_NE(NULL, strstr(out, "D:(A;;FR;;;" SID_ALICE ")(A;;FA;;;BA)"));
	EXPECT_EQ(0, strncmp(out, "O:BA", 4));
	EXPECT_EQ(0, open_as(WT_UID_ALICE, 0, self->path, O_RDONLY));
	EXPECT_EQ(EACCES, open_as(WT_UID_ALICE, 0, self->path, O_WRONLY));
	EXPECT_EQ(EACCES, open_as(WT_UID_BOB, 0, self->path, O_RDONLY));
	/* Alice may read the SD (FR has READ_CONTROL) but not change it. */
	EXPECT_EQ(0, sh_as(WT_UID_ALICE, cmd));
	snprintf(cmd, sizeof(cmd), "wtacl set %s 'D:(A;;FA;;;WD)' 2>/dev/null",
		 self->path);
	EXPECT_EQ(3, sh_as(WT_UID_ALICE, cmd));
	snprintf(cmd, sizeof(cmd), "wtacl get %s 2>/dev/null", self->path);
	EXPECT_EQ(3, sh_as(WT_UID_BOB, cmd));
	snprintf(cmd, sizeof(cmd), "wtacl set %s 'D:(A;;FA;;WD)' 2>/dev/null",
		 self->path);
	EXPECT_EQ(2, sh_as(0, cmd));	/* bad SDDL */
}

/*
 * 0 when getxattr(2) of the raw SD by @uid (0: root itself; with @supp as
 * supplementary group) reads it, with privilege @priv (0: none) enabled
 * for it; else the errno.
 */
static int raw_as(uid_t uid, gid_t supp, const char *path, uint32_t priv)
{
	pid_t pid = fork();

	if (pid == 0) {
		uint8_t buf[1024];
		ssize_t len;

		if (uid)
			become(uid, supp);
		if (priv && wt_enable_privilege(priv))
			_exit(251);
		len = getxattr(path, WT_XATTR_NAME, buf, sizeof(buf));
		/* exit codes: 0 read something, else the errno */
		_exit(len > 0 ? 0 : len == 0 ? 250 : errno);
	}
	return wt_reap(pid);
}

/* 0 when @uid's listxattr(2) of @path names security.wintok, else 1. */
static int lists_sd_as(uid_t uid, const char *path)
{
	pid_t pid = fork();

	if (pid == 0) {
		char names[1024];
		ssize_t n, i;

		become(uid, 0);
		n = listxattr(path, names, sizeof(names));
		for (i = 0; n > 0 && i < n; i += strlen(names + i) + 1)
			if (!strcmp(names + i, WT_XATTR_NAME))
				_exit(0);
		_exit(1);
	}
	return wt_reap(pid);
}

/*
 * Reading the raw security.wintok is reading the SD, as GetSecurityInfo():
 * READ_CONTROL (the owner's implicit right, or an ACE), or root with
 * SeBackupPrivilege enabled; anyone may still list the name.
 */
TEST_F(fsd, raw_xattr_read_needs_read_control)
{
	const struct wt_rule aces[] = {
		ALLOW(WT_FILE_GENERIC_READ & ~WT_READ_CONTROL, SID_BOB),
		ALLOW(WT_READ_CONTROL, SID_FINANCE),
	};
	uint8_t sd[512];
	size_t n = wt_build_sd(sd, NULL, aces, 2, 0);

	/* not governed: nothing to read, for anyone */
	EXPECT_EQ(ENODATA, raw_as(WT_UID_BOB, 0, self->path, 0));
	/* alice governs her file: she is the SD's owner */
	ASSERT_EQ(0, chown(self->path, WT_UID_ALICE, WT_GID_USERS));
	ASSERT_EQ(0, set_as(WT_UID_ALICE, self->path, SI_DACL, sd, n));
	EXPECT_EQ(0, raw_as(WT_UID_ALICE, 0, self->path, 0));	/* owner */
	EXPECT_EQ(EACCES, raw_as(WT_UID_BOB, 0, self->path, 0));	/* no READ_CONTROL */
	EXPECT_EQ(0, open_as(WT_UID_BOB, 0, self->path, O_RDONLY));
	EXPECT_EQ(0, lists_sd_as(WT_UID_BOB, self->path));
	/* root: Administrators is not READ_CONTROL; SeBackupPrivilege is */
	EXPECT_EQ(EACCES, raw_as(0, 0, self->path, 0));
	EXPECT_EQ(0, raw_as(0, 0, self->path, WT_SE_BACKUP_PRIVILEGE));
	/* an ACE granting READ_CONTROL, through a group */
	EXPECT_EQ(0, raw_as(WT_UID_BOB, WT_GID_FINANCE, self->path, 0));
	/* the SD ioctl agrees */
	EXPECT_EQ(EACCES, get_as(WT_UID_BOB, self->path, SI_OGD));
}

#define SID_ADMINS	"S-1-5-32-544"
#define SID_USERS	"S-1-22-2-100"
#define AUDIT(m, s) { WT_SYSTEM_AUDIT_ACE_TYPE, (m), (s) }
#define ALARM(m, s) { WT_SYSTEM_ALARM_ACE_TYPE, (m), (s) }
#define LABEL(m, s) { WT_SYSTEM_MANDATORY_LABEL_ACE_TYPE, (m), (s) }
#define ATTRIBUTE(s) { WT_SYSTEM_RESOURCE_ATTRIBUTE_ACE_TYPE, 0, (s) }
#define SCOPE(s) { WT_SYSTEM_SCOPED_POLICY_ID_ACE_TYPE, 0, (s) }

/*
 * The attribute a resource attribute ACE carries after its SID (a
 * CLAIM_SECURITY_ATTRIBUTE_RELATIVE_V1): "a", one INT64 value 1. The
 * module refuses an SD whose attribute it cannot read. Returns its size.
 */
static size_t add_attribute(uint8_t *p)
{
	memset(p, 0, 32);
	wt_le(p, 20, 4);		/* name at 20 */
	wt_le(p + 4, 1, 2);	/* CLAIM_SECURITY_ATTRIBUTE_TYPE_INT64 */
	wt_le(p + 12, 1, 4);	/* one value */
	wt_le(p + 16, 24, 4);	/* at 24 */
	p[20] = 'a';		/* UTF-16LE "a", NUL-terminated */
	p[24] = 1;		/* the value, little-endian */
	return 32;
}

/*
 * Give the SD build_sd() made at @buf (@len bytes, no SACL) a SACL of @n
 * ACEs; audit and alarm ACEs are marked for failed accesses. Returns the
 * new size.
 */
static size_t add_sacl(uint8_t *buf, size_t len, const struct sacl_ace *aces, int n)
{
	size_t off = len + 8;
	int i;

	for (i = 0; i < n; i++) {
		size_t start = off;

		buf[off] = aces[i].type;
		buf[off + 1] = aces[i].type == WT_SYSTEM_AUDIT_ACE_TYPE ||
			       aces[i].type == WT_SYSTEM_ALARM_ACE_TYPE ?
			       WT_FAILED_ACCESS_ACE_FLAG : 0;
		wt_le(buf + off + 4, aces[i].mask, 4);
		off += 8 + wt_sid_bytes(aces[i].sid, buf + off + 8);
		if (aces[i].type == WT_SYSTEM_RESOURCE_ATTRIBUTE_ACE_TYPE)
			off += add_attribute(buf + off);
		wt_le(buf + start + 2, off - start, 2);
	}
	buf[len] = WT_ACL_REVISION;
	buf[len + 1] = 0;
	wt_le(buf + len + 2, off - len, 2);
	wt_le(buf + len + 4, n, 2);
	wt_le(buf + len + 6, 0, 2);
	wt_le(buf + 12, len, 4);
	wt_le(buf + 2, buf[2] | buf[3] << 8 | WT_SE_SACL_PRESENT, 2);
	return off;
}

/* Store @sd raw on @path as root with SeRestorePrivilege; 0 or errno. */
static int store_raw(const char *path, const void *sd, size_t n)
{
	pid_t pid = fork();

	if (pid == 0) {
		int err = enable_restore();

		if (!err && setxattr(path, WT_XATTR_NAME, sd, n, 0))
			err = errno;
		_exit(err);
	}
	return wt_reap(pid);
}

/*
 * A whole SD as a backup tool would store it: owner alice, group users,
 * a DACL of @n ACEs and, when @m > 0, a SACL of @m ACEs. Returns its size.
 */
static size_t whole_sd(uint8_t *buf, const struct wt_rule *dacl, int n,
		       const struct sacl_ace *sacl, int m)
{
	size_t len = wt_build_sd(buf, SID_ALICE, dacl, n, 0);

	wt_le(buf + 8, len, 4);
	len += wt_sid_bytes(SID_USERS, buf + len);
	return m > 0 ? add_sacl(buf, len, sacl, m) : len;
}

/*
 * The raw SD includes the SACL: audit ACEs there are read, as with
 * GetSecurityInfo(SACL_SECURITY_INFORMATION), only with
 * ACCESS_SYSTEM_SECURITY (SeSecurityPrivilege enabled) on top of
 * READ_CONTROL. Labels, resource attributes and scoped policy IDs need
 * READ_CONTROL alone; SeBackupPrivilege still reads everything.
 */
TEST_F(fsd, raw_xattr_read_of_audit_aces_needs_security_privilege)
{
	const struct wt_rule dacl[] = {
		ALLOW(WT_READ_CONTROL | WT_FILE_READ_DATA, SID_BOB),
		ALLOW(WT_READ_CONTROL, SID_ADMINS),
	};
	const struct wt_rule bob_only[] = {
		ALLOW(WT_READ_CONTROL | WT_FILE_READ_DATA, SID_BOB),
	};
	const struct sacl_ace label[] = {
		LABEL(WT_SYSTEM_MANDATORY_LABEL_NO_WRITE_UP, "S-1-16-8192"),
	};
	const struct sacl_ace readable[] = {
		LABEL(WT_SYSTEM_MANDATORY_LABEL_NO_WRITE_UP, "S-1-16-8192"),
		ATTRIBUTE(SID_EVERYONE),
		SCOPE(SID_EVERYONE),
	};
	const struct sacl_ace audit[] = {
		LABEL(WT_SYSTEM_MANDATORY_LABEL_NO_WRITE_UP, "S-1-16-8192"),
		AUDIT(WT_FILE_WRITE_DATA, SID_EVERYONE),
	};
	const struct sacl_ace alarm[] = { ALARM(WT_FILE_WRITE_DATA, SID_EVERYONE) };
	long errors = wt_read_param("file_errors");
	uint8_t sd[1024];
	size_t n;

	ASSERT_LE(0, errors);
	ASSERT_EQ(0, chown(self->path, WT_UID_ALICE, WT_GID_USERS));

	/* no SACL: READ_CONTROL */
	n = whole_sd(sd, dacl, 2, NULL, 0);
	ASSERT_EQ(0, store_raw(self->path, sd, n));
	EXPECT_EQ(0, raw_as(WT_UID_BOB, 0, self->path, 0));
	EXPECT_EQ(0, raw_as(WT_UID_ALICE, 0, self->path, 0));	/* owner */
	EXPECT_EQ(0, raw_as(0, 0, self->path, 0));
	EXPECT_EQ(EACCES, raw_as(WT_UID_MALLORY, 0, self->path, 0));

	/* a label-only SACL: READ_CONTROL still suffices */
	n = whole_sd(sd, dacl, 2, label, 1);
	ASSERT_EQ(0, store_raw(self->path, sd, n));
	EXPECT_EQ(0, raw_as(WT_UID_BOB, 0, self->path, 0));
	EXPECT_EQ(0, raw_as(WT_UID_ALICE, 0, self->path, 0));
	EXPECT_EQ(0, raw_as(0, 0, self->path, 0));
	EXPECT_EQ(EACCES, raw_as(WT_UID_MALLORY, 0, self->path, 0));

	/* label, resource attribute and scoped policy: READ_CONTROL */
	n = whole_sd(sd, dacl, 2, readable, 3);
	ASSERT_EQ(0, store_raw(self->path, sd, n));
	EXPECT_EQ(0, raw_as(WT_UID_BOB, 0, self->path, 0));
	EXPECT_EQ(0, raw_as(0, 0, self->path, 0));

	/* an audit ACE: READ_CONTROL and SeSecurityPrivilege */
	n = whole_sd(sd, dacl, 2, audit, 2);
	ASSERT_EQ(0, store_raw(self->path, sd, n));
	EXPECT_EQ(EACCES, raw_as(WT_UID_BOB, 0, self->path, 0));
	EXPECT_EQ(EACCES, raw_as(WT_UID_ALICE, 0, self->path, 0));
	EXPECT_EQ(EACCES, raw_as(0, 0, self->path, 0));
	EXPECT_EQ(0, raw_as(0, 0, self->path, WT_SE_SECURITY_PRIVILEGE));
	EXPECT_EQ(0, raw_as(0, 0, self->path, WT_SE_BACKUP_PRIVILEGE));
	/* the DACL is still the ioctl's to show without the privilege */
	EXPECT_EQ(0, get_as(WT_UID_BOB, self->path, SI_OGD));
	/* reading the file is not reading its SD */
	EXPECT_EQ(0, open_as(WT_UID_BOB, 0, self->path, O_RDONLY));

	/* an alarm ACE is no less private */
	n = whole_sd(sd, dacl, 2, alarm, 1);
	ASSERT_EQ(0, store_raw(self->path, sd, n));
	EXPECT_EQ(EACCES, raw_as(WT_UID_BOB, 0, self->path, 0));
	EXPECT_EQ(0, raw_as(0, 0, self->path, WT_SE_SECURITY_PRIVILEGE));

	/* the privilege is not READ_CONTROL: both are needed */
	n = whole_sd(sd, bob_only, 1, audit, 2);
	ASSERT_EQ(0, store_raw(self->path, sd, n));
	EXPECT_EQ(EACCES, raw_as(0, 0, self->path, WT_SE_SECURITY_PRIVILEGE));
	EXPECT_EQ(0, raw_as(0, 0, self->path, WT_SE_BACKUP_PRIVILEGE));
	/* every refusal above is a decision, not an internal error */
	EXPECT_EQ(errors, wt_read_param("file_errors"));
}

/*
 * Found by abi_fuzz: a raw write of an SD without owner or group was
 * stored, and every later check of the file (open, getxattr, the SD
 * ioctls) failed as an internal error (EIO/EACCES, file_errors counted):
 * the access check refuses such an SD as invalid. The write is refused.
 */
TEST_F(fsd, raw_sd_without_owner_or_group_refused)
{
	const struct wt_rule dacl[] = { ALLOW(WT_FILE_ALL_ACCESS, SID_EVERYONE) };
	long errors = wt_read_param("file_errors");
	uint8_t sd[512], got[512];
	size_t n;

	ASSERT_LE(0, errors);
	n = wt_build_sd(sd, NULL, dacl, 1, 0);		/* neither */
	EXPECT_EQ(EINVAL, store_raw(self->path, sd, n));
	n = wt_build_sd(sd, SID_ALICE, dacl, 1, 0);		/* owner only */
	EXPECT_EQ(EINVAL, store_raw(self->path, sd, n));
	n = wt_build_sd(sd, NULL, dacl, 1, 0);		/* group only */
	wt_le(sd + 8, n, 4);
	n += wt_sid_bytes(SID_USERS, sd + n);
	EXPECT_EQ(EINVAL, store_raw(self->path, sd, n));
	/* nothing was stored: the file is still not governed */
	EXPECT_EQ(-1, wt_raw_sd(self->path, got, sizeof(got)));
	EXPECT_EQ(ENODATA, errno);
	n = whole_sd(sd, dacl, 1, NULL, 0);		/* both */
	ASSERT_EQ(0, store_raw(self->path, sd, n));
	EXPECT_EQ(0, open_as(WT_UID_BOB, 0, self->path, O_RDONLY));
	EXPECT_EQ(0, get_as(WT_UID_BOB, self->path, SI_OGD));
	EXPECT_EQ(errors, wt_read_param("file_errors"));
}

TEST(no_internal_errors)
{
	char buf[32] = "";
	FILE *f = fopen("/sys/module/wintok/parameters/file_errors", "r");

	ASSERT_NE(NULL, f);
	ASSERT_NE(NULL, fgets(buf, sizeof(buf), f));
	fclose(f);
	EXPECT_STREQ("0\n", buf);
}

TEST_HARNESS_MAIN
