// SPDX-License-Identifier: GPL-2.0
/*
 * What a user makes the module hold is bounded or charged to that user:
 *
 * - the file SD cache is bounded in bytes (module parameter
 *   file_sd_cache_bytes, usage in file_sd_cache_used): large SDs on tmpfs
 *   fill it to the bound and no further, and every file is still decided
 *   right when it is not cached;
 * - the SD of a SysV IPC object, up to 64 KiB, is charged to the memory
 *   cgroup of the task that set it (memory.current of that cgroup grows
 *   by at least the SDs' size).
 *
 * Runs as root in the VM.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/msg.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/wintok.h>

#include "kselftest_harness.h"
#include "wt_test.h"
#include "wt_sd_build.h"

#define PARAMS		"/sys/module/wintok/parameters/"
#define DIR_PATH	"/tmp/wt_mem_bound"
#define NFILES		48
#define FILLER		330	/* ACEs of 24 bytes: SDs of about 8 KiB */
#define CGROOT		"/sys/fs/cgroup"
#define CG		CGROOT "/wt_mem_bound"
#define NQUEUES		24
#define IPC_ACES	2400	/* about 57 KiB */

static long read_long(const char *path)
{
	char buf[64] = "";
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return strtol(buf, NULL, 10);
}

static int write_str(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	int ok;

	if (fd < 0)
		return -1;
	ok = write(fd, s, strlen(s)) == (ssize_t)strlen(s);
	close(fd);
	return ok ? 0 : -1;
}

static int write_long(const char *path, long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%ld", v);
	return write_str(path, buf);
}

/*
 * A DACL of one rule for @first, then @filler rules for users nobody is
 * (S-1-22-1-50000...), to make the SD large. The caller frees the rules.
 */
static struct wt_rule *big_dacl(const struct wt_rule *first, int filler,
				char (**sids)[32])
{
	struct wt_rule *r = calloc(filler + 1, sizeof(*r));

	*sids = calloc(filler, sizeof(**sids));
	if (!r || !*sids)
		return NULL;
	r[0] = *first;
	for (int i = 0; i < filler; i++) {
		snprintf((*sids)[i], sizeof((*sids)[i]), "S-1-22-1-%d", 50000 + i);
		r[i + 1] = (struct wt_rule){ .mask = WT_FILE_GENERIC_READ,
					     .sid = (*sids)[i] };
	}
	return r;
}

/* ---- the file SD cache ---- */

static char *file_at(char *buf, int i)
{
	snprintf(buf, 64, DIR_PATH "/f%02d", i);
	return buf;
}

/* As @uid, open every file for reading: how many opens succeeded. */
static int opens_as(uid_t uid)
{
	char path[64];
	pid_t pid = fork();
	int ok = 0, fd;

	if (pid == 0) {
		wt_become_user(uid, WT_GID_USERS);
		for (int i = 0; i < NFILES; i++) {
			fd = open(file_at(path, i), O_RDONLY);
			if (fd >= 0) {
				ok++;
				close(fd);
			} else if (errno != EACCES) {
				_exit(200);
			}
		}
		_exit(ok);
	}
	return wt_reap(pid);
}

FIXTURE(cache) {
	long bound0;
};

FIXTURE_SETUP(cache)
{
	const struct wt_rule alice = { .mask = WT_FILE_GENERIC_READ,
				       .sid = "S-1-22-1-1001" };
	char (*sids)[32];
	struct wt_rule *r = big_dacl(&alice, FILLER, &sids);
	uint8_t *sd = malloc(WT_SD_MAX_SIZE);
	char path[64];
	size_t len;
	int fd;

	ASSERT_NE(NULL, r);
	ASSERT_NE(NULL, sd);
	self->bound0 = read_long(PARAMS "file_sd_cache_bytes");
	ASSERT_LT(0, self->bound0) {
		TH_LOG("no module parameter file_sd_cache_bytes");
	}
	wt_rm_rf(DIR_PATH);
	ASSERT_EQ(0, mkdir(DIR_PATH, 0755));
	len = wt_build_sd(sd, NULL, r, FILLER + 1, 0);
	ASSERT_LT(7000, len);
	for (int i = 0; i < NFILES; i++) {
		fd = open(file_at(path, i), O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
		ASSERT_LE(0, fd);
		close(fd);
		fd = open(path, O_PATH | O_CLOEXEC);
		ASSERT_EQ(0, wt_set_file_security(-1, fd, WT_DACL_SECURITY_INFORMATION,
						  sd, len)) {
			TH_LOG("set %s: %s", path, strerror(errno));
		}
		close(fd);
	}
	free(sd);
	free(r);
	free(sids);
}

FIXTURE_TEARDOWN(cache)
{
	if (self->bound0 > 0)
		write_long(PARAMS "file_sd_cache_bytes", self->bound0);
	wt_rm_rf(DIR_PATH);
}

TEST_F(cache, bounded_in_bytes)
{
	long used0 = read_long(PARAMS "file_sd_cache_used");
	long bound = used0 + 256 * 1024, used;

	ASSERT_LE(0, used0);
	ASSERT_EQ(0, write_long(PARAMS "file_sd_cache_bytes", bound));

	/* 48 SDs of 8 KiB do not fit in 256 KiB: decided right anyway. */
	for (int pass = 0; pass < 2; pass++) {
		EXPECT_EQ(NFILES, opens_as(WT_UID_ALICE));
		EXPECT_EQ(0, opens_as(WT_UID_MALLORY));
		used = read_long(PARAMS "file_sd_cache_used");
		EXPECT_GE(bound, used);
		EXPECT_LT(used0, used);		/* some are cached */
	}

	/* The bound was what kept them out: raised, they are all cached. */
	ASSERT_EQ(0, write_long(PARAMS "file_sd_cache_bytes", used + (1 << 20)));
	EXPECT_EQ(NFILES, opens_as(WT_UID_ALICE));
	EXPECT_LT(used0 + NFILES * 7000L, read_long(PARAMS "file_sd_cache_used"));
	EXPECT_EQ(0, opens_as(WT_UID_MALLORY));

	/* Lowered below use: nothing is dropped, nothing more is cached. */
	used = read_long(PARAMS "file_sd_cache_used");
	ASSERT_EQ(0, write_long(PARAMS "file_sd_cache_bytes", used0));
	EXPECT_EQ(NFILES, opens_as(WT_UID_ALICE));
	EXPECT_GE(used, read_long(PARAMS "file_sd_cache_used"));
}

TEST_F(cache, bad_values)
{
	EXPECT_EQ(-1, write_str(PARAMS "file_sd_cache_bytes", "lots"));
	EXPECT_EQ(-1, write_str(PARAMS "file_sd_cache_used", "0"));
	EXPECT_EQ(self->bound0, read_long(PARAMS "file_sd_cache_bytes"));
}

/* ---- IPC SDs and the memory cgroup ---- */

/* Make CG with the memory controller; 0, or -1 when there is none. */
static int memcg_make(void)
{
	if (access(CGROOT "/cgroup.controllers", F_OK) &&
	    mount("none", CGROOT, "cgroup2", 0, NULL))
		return -1;
	if (write_str(CGROOT "/cgroup.subtree_control", "+memory"))
		return -1;
	rmdir(CG);
	if (mkdir(CG, 0755))
		return -1;
	return access(CG "/memory.current", R_OK);
}

/*
 * In a child moved into CG: make NQUEUES message queues, give each an SD
 * of about 57 KiB, and report how much the cgroup's usage grew.
 */
static long ipc_sd_charge(void)
{
	/*
	 * Specific rights: an ACE's GENERIC_ALL is not mapped by the check
	 * (as on Windows), and root must be able to remove the queues.
	 */
	const struct wt_rule everyone = { .mask = WT_IPC_ALL_ACCESS, .sid = "S-1-1-0" };
	long *out = mmap(NULL, sizeof(long), PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	long result;
	pid_t pid;

	if (out == MAP_FAILED)
		return -1;
	*out = -1;
	pid = fork();
	if (pid == 0) {
		char (*sids)[32];
		struct wt_rule *r = big_dacl(&everyone, IPC_ACES, &sids);
		uint8_t *sd = malloc(WT_SD_MAX_SIZE);
		struct wt_ipc_security a = {
			.size = sizeof(a), .type = WT_IPC_TYPE_MSG_QUEUE,
			.selectors = WT_DACL_SECURITY_INFORMATION,
			.buffer = (uintptr_t)sd,
		};
		int ids[NQUEUES], dev, err = 0;
		long before;

		dev = open("/dev/wintok", O_RDWR | O_CLOEXEC);
		if (!r || !sd || dev < 0 || write_str(CG "/cgroup.procs", "0"))
			_exit(1);
		a.length = wt_build_sd(sd, NULL, r, IPC_ACES + 1, 0);
		before = read_long(CG "/memory.current");
		for (int i = 0; i < NQUEUES; i++) {
			ids[i] = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
			a.id = ids[i];
			if (ids[i] < 0 || ioctl(dev, WT_IOC_SET_IPC_SECURITY, &a))
				err = 1;
		}
		*out = read_long(CG "/memory.current") - before;
		/* the queues must go: a leftover holds its SD until reboot */
		for (int i = 0; i < NQUEUES; i++) {
			if (ids[i] >= 0 && msgctl(ids[i], IPC_RMID, NULL)) {
				fprintf(stderr, "# IPC_RMID of queue %d: %s\n",
					ids[i], strerror(errno));
				err = 2;
			}
		}
		_exit(err);
	}
	result = wt_reap(pid);
	result = result ? -result : *out;
	munmap(out, sizeof(long));
	return result;
}

TEST(ipc_sd_charged_to_its_setter)
{
	long grew;

	if (memcg_make())
		SKIP(return, "no cgroup2 memory controller: %s", strerror(errno));
	grew = ipc_sd_charge();
	rmdir(CG);
	ASSERT_NE(-2, grew) {
		TH_LOG("the queues could not be removed");
	}
	ASSERT_LE(0, grew);
	/* 24 SDs of 57 KiB: at least 1.3 MiB, whatever else was charged. */
	EXPECT_LE((long)NQUEUES * IPC_ACES * 24, grew) {
		TH_LOG("the cgroup grew by %ld bytes only", grew);
	}
}

TEST_HARNESS_MAIN
