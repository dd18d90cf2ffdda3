// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests: the long wtacl commands (grant -R, save -R, restore)
 * and wtpolicy load show a running count of the files or statements done
 * when standard error is a terminal (here a pseudo-terminal), and print
 * nothing there when it is a pipe. The count is checked against the number
 * of files in the tree or statements in the policy file.
 */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "wt_test.h"

/* Files below the tree's top: more than one step (64) of the count. */
#define NFILES	70

/*
 * Run `sh -c @cmd` with standard error on a new pseudo-terminal (@tty) or
 * a pipe, standard output to /dev/null; what reached standard error into
 * @out (NUL-terminated). Returns the exit status, or -1 when the setup
 * failed.
 */
static int run_stderr(const char *cmd, bool tty, char *out, size_t size)
{
	int rd = -1, wr = -1, p[2], null;
	size_t used = 0;
	ssize_t n;
	pid_t pid;

	if (tty) {
		rd = posix_openpt(O_RDWR | O_NOCTTY);
		if (rd < 0 || grantpt(rd) || unlockpt(rd))
			return -1;
		wr = open(ptsname(rd), O_RDWR | O_NOCTTY);
	} else if (!pipe(p)) {
		rd = p[0];
		wr = p[1];
	}
	if (rd < 0 || wr < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		null = open("/dev/null", O_WRONLY);
		if (null < 0 || dup2(null, 1) < 0 || dup2(wr, 2) < 0)
			_exit(126);
		close(rd);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	close(wr);
	/* Until the last writer is gone: EOF for a pipe, EIO for a pty. */
	while (used + 1 < size &&
	       (n = read(rd, out + used, size - 1 - used)) > 0)
		used += n;
	out[used] = '\0';
	close(rd);
	return wt_reap(pid);
}

FIXTURE(progress) {
	char dir[64];
	char cmd[512];
	char err[8192];
};

FIXTURE_SETUP(progress)
{
	char path[128];
	int i, fd;

	strcpy(self->dir, "/tmp/wtacl_progress.XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->dir));
	ASSERT_EQ(0, chmod(self->dir, 0755));
	snprintf(self->cmd, sizeof(self->cmd),
		 "wtacl set %s 'O:S-1-22-1-0G:S-1-22-2-0D:(A;OICI;FA;;;S-1-22-1-0)(A;OICI;FA;;;S-1-22-1-1001)'",
		 self->dir);
	ASSERT_EQ(0, system(self->cmd));
	/* They inherit an SD from the directory: each one is governed. */
	for (i = 0; i < NFILES; i++) {
		snprintf(path, sizeof(path), "%s/f%02d", self->dir, i);
		fd = open(path, O_CREAT | O_WRONLY, 0644);
		ASSERT_LE(0, fd);
		close(fd);
	}
}

FIXTURE_TEARDOWN(progress)
{
	wt_rm_rf(self->dir);
}

/* @cmd with a pty, then with a pipe: the count, then nothing. */
static void expect_count(struct __test_metadata *_metadata, const char *cmd,
			 char *err, size_t size, const char *first,
			 const char *last)
{
	ASSERT_EQ(0, run_stderr(cmd, true, err, size));
	TH_LOG("on a tty: %s", err);
	/* one step at 64 files, rewritten in place, then the total */
	EXPECT_NE(NULL, strstr(err, first));
	EXPECT_NE(NULL, strstr(err, last));
	ASSERT_EQ(0, run_stderr(cmd, false, err, size));
	EXPECT_STREQ("", err);
}

TEST_F(progress, grant_recursive)
{
	snprintf(self->cmd, sizeof(self->cmd), "wtacl grant -R %s bob:R",
		 self->dir);
	expect_count(_metadata, self->cmd, self->err, sizeof(self->err),
		     "\rwtacl grant: 64 changed, 0 failed",
		     "\rwtacl grant: 70 changed, 0 failed\r\n");
}

TEST_F(progress, save_and_restore)
{
	/* the top and its 70 files */
	snprintf(self->cmd, sizeof(self->cmd), "wtacl save -R %s/../acl.%s %s",
		 self->dir, strrchr(self->dir, '/') + 1, self->dir);
	expect_count(_metadata, self->cmd, self->err, sizeof(self->err),
		     "\rwtacl save: 64 saved, 0 failed",
		     "\rwtacl save: 71 saved, 0 failed\r\n");
	snprintf(self->cmd, sizeof(self->cmd), "wtacl restore %s/../acl.%s /tmp",
		 self->dir, strrchr(self->dir, '/') + 1);
	expect_count(_metadata, self->cmd, self->err, sizeof(self->err),
		     "\rwtacl restore: 64 restored, 0 failed",
		     "\rwtacl restore: 71 restored, 0 failed\r\n");
	snprintf(self->cmd, sizeof(self->cmd), "/tmp/acl.%s",
		 strrchr(self->dir, '/') + 1);
	unlink(self->cmd);
}

/* A failure leaves the count's line before it is named. */
TEST_F(progress, failure_on_its_own_line)
{
	char path[128];

	/* bob's, and only bob has access (owner first: root may still) */
	snprintf(path, sizeof(path), "%s/f69", self->dir);
	snprintf(self->cmd, sizeof(self->cmd),
		 "wtacl owner %s bob && wtacl set %s 'D:P(A;;FA;;;S-1-22-1-1002)'",
		 path, path);
	ASSERT_EQ(0, system(self->cmd));
	/* alice may change everything but f69 */
	snprintf(self->cmd, sizeof(self->cmd),
		 "su -s /bin/sh alice -c 'wtacl grant -R %s mallory:R'",
		 self->dir);
	ASSERT_EQ(3, run_stderr(self->cmd, true, self->err, sizeof(self->err)));
	TH_LOG("on a tty: %s", self->err);
	EXPECT_NE(NULL, strstr(self->err, "wtacl grant: 69 changed, 1 failed\r\n"));
	snprintf(self->cmd, sizeof(self->cmd), "wtacl grant: %s: Permission denied",
		 path);
	EXPECT_NE(NULL, strstr(self->err, self->cmd));
}

/* A policy file of @n id map entries (no map line is slow, but NSS may be). */
static void write_map_policy(struct __test_metadata *_metadata,
			     const char *path, int n, int bad_line)
{
	FILE *f = fopen(path, "w");
	int i;

	ASSERT_NE(NULL, f);
	for (i = 1; i <= n; i++) {
		if (i == bad_line)
			fprintf(f, "map S-1-5-x uid %d\n", 20000 + i);
		else
			fprintf(f, "map S-1-5-21-1-2-3-%d uid %d\n", 5000 + i,
				20000 + i);
	}
	ASSERT_EQ(0, fclose(f));
}

FIXTURE(policy) {
	char dir[64];
	char cmd[512];
	char err[4096];
	char conf[128];
};

/* The policy in force is saved and loaded back after each test. */
FIXTURE_SETUP(policy)
{
	strcpy(self->dir, "/tmp/wtpolicy_progress.XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->dir));
	snprintf(self->cmd, sizeof(self->cmd), "wtpolicy show >%s/saved",
		 self->dir);
	ASSERT_EQ(0, system(self->cmd));
	snprintf(self->conf, sizeof(self->conf), "%s/map.conf", self->dir);
}

FIXTURE_TEARDOWN(policy)
{
	snprintf(self->cmd, sizeof(self->cmd), "wtpolicy load %s/saved",
		 self->dir);
	EXPECT_EQ(0, system(self->cmd));
	wt_rm_rf(self->dir);
}

/* Statements read, then applied (100 entries: a step at 64 and the total). */
TEST_F(policy, load_counts_read_and_applied)
{
	write_map_policy(_metadata, self->conf, 100, 0);
	snprintf(self->cmd, sizeof(self->cmd), "wtpolicy load %s", self->conf);
	ASSERT_EQ(0, run_stderr(self->cmd, true, self->err, sizeof(self->err)));
	TH_LOG("on a tty: %s", self->err);
	EXPECT_NE(NULL, strstr(self->err, "\rwtpolicy load: 64 read, 0 failed\r"));
	EXPECT_NE(NULL, strstr(self->err, "\rwtpolicy load: 100 read, 0 failed\r\n"));
	EXPECT_NE(NULL, strstr(self->err, "\rwtpolicy load: 100 applied, 0 failed\r\n"));
	/* the entries reached the module */
	snprintf(self->cmd, sizeof(self->cmd),
		 "test $(wtpolicy show | grep -c '^map S-1-5-21-1-2-3-5') = 100");
	EXPECT_EQ(0, system(self->cmd));
	snprintf(self->cmd, sizeof(self->cmd), "wtpolicy load %s", self->conf);
	ASSERT_EQ(0, run_stderr(self->cmd, false, self->err, sizeof(self->err)));
	EXPECT_STREQ("", self->err);
}

/* A bad statement past the first step: the count's line ends before it. */
TEST_F(policy, load_error_on_its_own_line)
{
	write_map_policy(_metadata, self->conf, 100, 70);
	snprintf(self->cmd, sizeof(self->cmd), "wtpolicy load %s", self->conf);
	ASSERT_EQ(1, run_stderr(self->cmd, true, self->err, sizeof(self->err)));
	TH_LOG("on a tty: %s", self->err);
	snprintf(self->cmd, sizeof(self->cmd),
		 "\rwtpolicy load: 64 read, 0 failed\r\nwtpolicy: %s:70: bad SID\r\n",
		 self->conf);
	EXPECT_NE(NULL, strstr(self->err, self->cmd));
	EXPECT_EQ(NULL, strstr(self->err, "applied"));
}

TEST_HARNESS_MAIN
