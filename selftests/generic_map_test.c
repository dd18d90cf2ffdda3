// SPDX-License-Identifier: GPL-2.0
/*
 * Generic rights are stored mapped, as Windows stores them (issue 22): an
 * SD set with GENERIC_ALL for the owner grants her full access, because the
 * access check, like Windows', ignores generic bits inside ACEs. Covers the
 * file set path through wtacl, a directory given an explicit inheritable
 * DACL, inherit-only ACEs (kept generic), the IPC set path, and an SD
 * restored raw with SeRestorePrivilege (kept byte for byte).
 */
#include <stdio.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/xattr.h>

#include "kselftest_harness.h"
#include "wt_test.h"
#include "wt_sd_build.h"

#define ALICE "S-1-22-1-1001"
#define ADMINS "S-1-5-32-544"

/* wtacl's output for @path, run as alice; 0 or -1. */
static int wtacl_get_as_alice(const char *path, char *out, size_t size)
{
	char *const argv[] = { "wtacl", "get", (char *)path, NULL };

	return wt_run_as_line(WT_UID_ALICE, WT_GID_USERS, NULL, argv, out, size);
}

/* `wtacl set PATH SDDL` as alice; its exit status. */
static int wtacl_set_as_alice(const char *path, const char *sddl)
{
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		wt_become_user(WT_UID_ALICE, WT_GID_USERS);
		execlp("wtacl", "wtacl", "set", path, sddl, (char *)NULL);
		_exit(30);
	}
	return wt_reap(pid);
}

/* open(@path, @flags) as alice: 0 or errno. */
static int open_as_alice(const char *path, int flags)
{
	pid_t pid = fork();
	int fd;

	if (pid < 0)
		return -1;
	if (pid == 0) {
		wt_become_user(WT_UID_ALICE, WT_GID_USERS);
		fd = open(path, flags | O_CLOEXEC, 0644);
		_exit(fd < 0 ? errno : 0);
	}
	return wt_reap(pid);
}

/* The DACL's ACE count and the ACE at @index; 1 when there is one. */
static int dacl_ace(const uint8_t *sd, size_t len, unsigned int index,
		    unsigned int *count, uint8_t *flags, uint32_t *mask)
{
	uint32_t acl, at, i;

	if (len < 20 || !(wt_get_le(sd + 2, 2) & WT_SE_DACL_PRESENT))
		return 0;
	acl = wt_get_le(sd + 16, 4);
	if (!acl || acl + 8 > len)
		return 0;
	*count = wt_get_le(sd + acl + 4, 2);
	at = acl + 8;
	for (i = 0; i < *count && at + 8 <= len; i++) {
		if (i == index) {
			*flags = sd[at + 1];
			*mask = wt_get_le(sd + at + 4, 4);
			return 1;
		}
		at += wt_get_le(sd + at + 2, 2);
	}
	return 0;
}

static void flush_inode_caches(void)
{
	int fd = open("/proc/sys/vm/drop_caches", O_WRONLY | O_CLOEXEC);

	if (fd >= 0) {
		sync();
		if (write(fd, "3", 1) != 1)
			perror("drop_caches");
		close(fd);
	}
}

FIXTURE(gmap) {
	char dir[64];
	char path[96];
};

FIXTURE_SETUP(gmap)
{
	int fd;

	snprintf(self->dir, sizeof(self->dir), "/tmp/gmap.%d", getpid());
	ASSERT_EQ(0, mkdir(self->dir, 0777));
	ASSERT_EQ(0, chmod(self->dir, 0777));
	snprintf(self->path, sizeof(self->path), "%s/f", self->dir);
	fd = open(self->path, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
	ASSERT_LE(0, fd);
	close(fd);
	ASSERT_EQ(0, chown(self->path, WT_UID_ALICE, WT_GID_USERS));
	wt_strip_sds(self->path);
}

FIXTURE_TEARDOWN(gmap)
{
	wt_rm_rf(self->dir);
}

/* A directory @name in the test's directory, owned by alice, no SD. */
static int alice_dir(const char *dir, const char *name, char *path,
		     size_t size)
{
	snprintf(path, size, "%s/%s", dir, name);
	if (mkdir(path, 0755) || chown(path, WT_UID_ALICE, WT_GID_USERS))
		return -1;
	wt_strip_sds(path);
	return 0;
}

/* The case: alice, owner of a 0644 file, grants herself GA. */
TEST_F(gmap, set_generic_all_on_file)
{
	uint8_t sd[512], flags;
	unsigned int count;
	uint32_t mask;
	char text[512];
	ssize_t len;

	ASSERT_EQ(0, wtacl_set_as_alice(self->path, "D:(A;;GA;;;" ALICE ")"));
	len = wt_raw_sd(self->path, sd, sizeof(sd));
	ASSERT_LT(0, len);
	ASSERT_EQ(1, dacl_ace(sd, len, 0, &count, &flags, &mask));
	EXPECT_EQ(1, count);
	EXPECT_EQ(WT_FILE_ALL_ACCESS, mask);
	ASSERT_EQ(0, wtacl_get_as_alice(self->path, text, sizeof(text)));
	EXPECT_NE(NULL, strstr(text, "D:(A;;FA;;;" ALICE ")")) {
		TH_LOG("wtacl get: %s", text);
	}
	EXPECT_EQ(0, open_as_alice(self->path, O_RDWR));
	flush_inode_caches();
	EXPECT_EQ(0, open_as_alice(self->path, O_RDWR));
}

/*
 * A directory given D:(A;OICI;GA;;;alice)(A;OICI;GA;;;BA) has exactly two
 * OI|CI ACEs of 0x1f01ff, as on Windows; a file made in it inherits them.
 */
TEST_F(gmap, explicit_inheritable_dacl_on_directory)
{
	uint8_t sd[512], flags, type;
	unsigned int count, i;
	uint32_t mask;
	char sub[128], file[160], text[512];
	ssize_t len;

	ASSERT_EQ(0, alice_dir(self->dir, "d", sub, sizeof(sub)));
	ASSERT_EQ(0, wtacl_set_as_alice(sub, "D:(A;OICI;GA;;;" ALICE
					")(A;OICI;GA;;;BA)"));
	len = wt_raw_sd(sub, sd, sizeof(sd));
	ASSERT_LT(0, len);
	ASSERT_EQ(1, dacl_ace(sd, len, 0, &count, &flags, &mask));
	ASSERT_EQ(2, count);
	for (i = 0; i < count; i++) {
		ASSERT_EQ(1, dacl_ace(sd, len, i, &count, &flags, &mask));
		EXPECT_EQ(WT_OBJECT_INHERIT_ACE | WT_CONTAINER_INHERIT_ACE, flags);
		EXPECT_EQ(WT_FILE_ALL_ACCESS, mask);
	}
	ASSERT_EQ(0, wtacl_get_as_alice(sub, text, sizeof(text)));
	EXPECT_NE(NULL, strstr(text, "D:(A;OICI;FA;;;" ALICE ")(A;OICI;FA;;;BA)")) {
		TH_LOG("wtacl get: %s", text);
	}
	snprintf(file, sizeof(file), "%s/g", sub);
	EXPECT_EQ(0, open_as_alice(file, O_CREAT | O_RDWR));
	len = wt_raw_sd(file, sd, sizeof(sd));
	ASSERT_LT(0, len);
	ASSERT_EQ(1, wt_sd_find_ace(sd, len, ALICE, &type, &flags, &mask));
	EXPECT_EQ(WT_INHERITED_ACE, flags);
	EXPECT_EQ(WT_FILE_ALL_ACCESS, mask);
}

/* Inherit-only ACEs keep their generic bits for the children's mapping. */
TEST_F(gmap, inherit_only_stays_generic)
{
	uint8_t sd[512], flags;
	unsigned int count;
	uint32_t mask;
	char sub[128];
	ssize_t len;

	ASSERT_EQ(0, alice_dir(self->dir, "d", sub, sizeof(sub)));
	ASSERT_EQ(0, wtacl_set_as_alice(sub, "D:(A;OICIIO;GR;;;" ADMINS
					")(A;;GA;;;" ALICE ")"));
	len = wt_raw_sd(sub, sd, sizeof(sd));
	ASSERT_LT(0, len);
	ASSERT_EQ(1, dacl_ace(sd, len, 0, &count, &flags, &mask));
	EXPECT_EQ(WT_GENERIC_READ, mask);
	ASSERT_EQ(1, dacl_ace(sd, len, 1, &count, &flags, &mask));
	EXPECT_EQ(WT_FILE_ALL_ACCESS, mask);
}

/* The IPC set path maps with the IPC mapping. */
TEST(ipc_set_maps_generic)
{
	/* root, the creator, keeps the right to remove the queue. */
	struct wt_rule r[] = { { 0, 0, WT_GENERIC_READ, ALICE },
			       { 0, 0, WT_GENERIC_ALL, "S-1-22-1-0" } };
	uint8_t sd[512], flags;
	struct wt_ipc_security a = { .size = sizeof(a),
				     .type = WT_IPC_TYPE_MSG_QUEUE };
	unsigned int count;
	uint32_t mask;
	int dev, id;

	id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	ASSERT_LE(0, id);
	dev = open("/dev/wintok", O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, dev);
	a.id = id;
	a.selectors = WT_DACL_SECURITY_INFORMATION;
	a.length = wt_build_sd(sd, NULL, r, 2, 0);
	a.buffer = (uintptr_t)sd;
	EXPECT_EQ(0, ioctl(dev, WT_IOC_SET_IPC_SECURITY, &a));
	memset(sd, 0, sizeof(sd));
	a.length = sizeof(sd);
	EXPECT_EQ(0, ioctl(dev, WT_IOC_GET_IPC_SECURITY, &a));
	ASSERT_EQ(1, dacl_ace(sd, a.length, 0, &count, &flags, &mask));
	EXPECT_EQ(WT_IPC_GENERIC_READ, mask);
	ASSERT_EQ(1, dacl_ace(sd, a.length, 1, &count, &flags, &mask));
	EXPECT_EQ(WT_IPC_ALL_ACCESS, mask);
	close(dev);
	EXPECT_EQ(0, msgctl(id, IPC_RMID, NULL));
}

/*
 * An SD restored raw (SeRestorePrivilege) is kept byte for byte, generic
 * bits included: a restore reproduces what was backed up. Those bits grant
 * nothing, as on Windows, until the DACL is set again.
 */
TEST_F(gmap, raw_restore_kept)
{
	uint8_t sd[512], back[512];
	uint32_t acl;
	ssize_t n, len;
	pid_t pid;

	/* a backup of alice's file, with its one ACE's mask made GA */
	ASSERT_EQ(0, wtacl_set_as_alice(self->path, "D:(A;;FA;;;" ALICE ")"));
	n = wt_raw_sd(self->path, sd, sizeof(sd));
	ASSERT_LT(20, n);
	acl = wt_get_le(sd + 16, 4);
	ASSERT_GE(n, acl + 8 + 8);
	ASSERT_EQ(WT_FILE_ALL_ACCESS, wt_get_le(sd + acl + 8 + 4, 4));
	wt_le(sd + acl + 8 + 4, WT_GENERIC_ALL, 4);

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		if (wt_enable_privilege(WT_SE_RESTORE_PRIVILEGE))
			_exit(2);
		_exit(setxattr(self->path, WT_XATTR_NAME, sd, n, 0) ? 3 : 0);
	}
	ASSERT_EQ(0, wt_reap(pid));
	len = wt_raw_sd(self->path, back, sizeof(back));
	ASSERT_EQ(n, len);
	EXPECT_EQ(0, memcmp(sd, back, n));
	EXPECT_EQ(EACCES, open_as_alice(self->path, O_RDWR));
	ASSERT_EQ(0, wtacl_set_as_alice(self->path, "D:(A;;GA;;;" ALICE ")"));
	EXPECT_EQ(0, open_as_alice(self->path, O_RDWR));
}

TEST_HARNESS_MAIN
