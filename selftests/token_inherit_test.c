// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests: the token across fork, threads and exec, and its re-
 * derivation on id changes, setuid exec and user namespaces. Runs as root in
 * the VM; drops to alice, bob, wtsvc in forked children.
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

/* ---- copies and sharing: children, threads, exec ---- */

/*
 * What a process's token looks like from a handle: its ids and the raw
 * answers of the user, groups, privileges and origin classes.
 */
struct token_snap {
	uint64_t token_id;
	uint64_t auth_id;
	uint32_t user_len, groups_len, privs_len;
	uint8_t user[256];
	uint8_t groups[4096];
	uint8_t privs[1024];
	uint64_t origin;
};

/* Fill @s from the calling process's token; 0 or -1. */
static int token_snap_self(struct token_snap *s)
{
	struct wt_token_statistics st;
	int fd = open_self(), err = -1;

	memset(s, 0, sizeof(*s));
	if (fd < 0)
		return -1;
	if (!token_stats(fd, &st) &&
	    !wt_get_token_information(fd, WT_TOKEN_INFO_USER, s->user,
				      sizeof(s->user), &s->user_len) &&
	    !wt_get_token_information(fd, WT_TOKEN_INFO_GROUPS, s->groups,
				      sizeof(s->groups), &s->groups_len) &&
	    !wt_get_token_information(fd, WT_TOKEN_INFO_PRIVILEGES, s->privs,
				      sizeof(s->privs), &s->privs_len) &&
	    !wt_get_token_information(fd, WT_TOKEN_INFO_ORIGIN, &s->origin,
				      sizeof(s->origin), NULL)) {
		s->token_id = st.token_id;
		s->auth_id = st.authentication_id;
		err = 0;
	}
	close(fd);
	return err;
}

/* @a and @b have the same contents, logon session and origin. */
static bool token_snap_same_contents(const struct token_snap *a,
				     const struct token_snap *b)
{
	return a->auth_id == b->auth_id && a->origin == b->origin &&
	       a->user_len == b->user_len && a->groups_len == b->groups_len &&
	       a->privs_len == b->privs_len &&
	       !memcmp(a->user, b->user, a->user_len) &&
	       !memcmp(a->groups, b->groups, a->groups_len) &&
	       !memcmp(a->privs, b->privs, a->privs_len);
}

/* A thread of a child, inside the child: same token as the child. */
static int child_thread_shares(uint64_t child_id)
{
	uint64_t thread_id = 0;
	pthread_t th;

	if (pthread_create(&th, NULL, thread_token_id, &thread_id) ||
	    pthread_join(th, NULL))
		return -1;
	return thread_id == child_id ? 0 : -1;
}

TEST(children_get_a_copy_threads_share_exec_keeps)
{
	struct token_snap self_snap, snaps[2];
	uint64_t id = self_token_id(), thread_id = 0, exec_id = 0;
	uint64_t vfork_id = 0;
	unsigned int euid;
	char user[192];
	pthread_t th;
	int pfd[2];
	pid_t pid;

	ASSERT_NE(0, id);
	ASSERT_EQ(0, token_snap_self(&self_snap));
	/* Same process, second open: same token. */
	EXPECT_EQ(id, self_token_id());

	ASSERT_EQ(0, pthread_create(&th, NULL, thread_token_id, &thread_id));
	ASSERT_EQ(0, pthread_join(th, NULL));
	EXPECT_EQ(id, thread_id);

	/* A child and a grandchild: each its own copy; a thread shares. */
	ASSERT_EQ(0, pipe(pfd));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct token_snap out[2];
		pid_t grandchild;
		int gp[2];

		close(pfd[0]);
		if (token_snap_self(&out[0]) || pipe(gp))
			_exit(1);
		if (child_thread_shares(out[0].token_id))
			_exit(2);
		grandchild = fork();
		if (grandchild < 0)
			_exit(3);
		if (grandchild == 0) {
			struct token_snap g;

			if (token_snap_self(&g) ||
			    write(gp[1], &g, sizeof(g)) != sizeof(g))
				_exit(1);
			_exit(0);
		}
		if (read(gp[0], &out[1], sizeof(out[1])) != sizeof(out[1]) ||
		    wt_reap(grandchild) != 0)
			_exit(4);
		/* The child's id is stable across opens. */
		if (self_token_id() != out[0].token_id)
			_exit(5);
		if (write(pfd[1], out, sizeof(out)) != sizeof(out))
			_exit(6);
		_exit(0);
	}
	close(pfd[1]);
	EXPECT_EQ(sizeof(snaps), read(pfd[0], snaps, sizeof(snaps)));
	close(pfd[0]);
	EXPECT_EQ(0, wt_reap(pid));
	EXPECT_NE(0, snaps[0].token_id);
	EXPECT_NE(0, snaps[1].token_id);
	EXPECT_NE(id, snaps[0].token_id);
	EXPECT_NE(id, snaps[1].token_id);
	EXPECT_NE(snaps[0].token_id, snaps[1].token_id);
	EXPECT_TRUE(token_snap_same_contents(&self_snap, &snaps[0]));
	EXPECT_TRUE(token_snap_same_contents(&self_snap, &snaps[1]));
	EXPECT_EQ(self_snap.auth_id, snaps[0].auth_id);
	/* The parent still has its own token. */
	EXPECT_EQ(id, self_token_id());

	/* A vfork()ed child is a new process too. */
	ASSERT_EQ(0, pipe(pfd));
	pid = vfork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		uint64_t vid = self_token_id();

		_exit(write(pfd[1], &vid, sizeof(vid)) == sizeof(vid) ? 0 : 1);
	}
	close(pfd[1]);
	EXPECT_EQ(sizeof(vfork_id), read(pfd[0], &vfork_id, sizeof(vfork_id)));
	close(pfd[0]);
	EXPECT_EQ(0, wt_reap(pid));
	EXPECT_NE(0, vfork_id);
	EXPECT_NE(id, vfork_id);

	/*
	 * A child that execs (no setuid bit) shows the child's copy: a new
	 * id, root's user. exec itself keeps the token: see
	 * exec_keeps_the_token.
	 */
	ASSERT_EQ(0, run_helper("/proc/self/exe", 0, &exec_id, user, sizeof(user),
				&euid));
	EXPECT_NE(0, exec_id);
	EXPECT_NE(id, exec_id);
	EXPECT_STREQ("S-1-22-1-0", user);
}

/*
 * exec keeps the token: a child notes its token id, then execs this
 * binary in helper mode, which prints the id it sees.
 */
TEST(exec_keeps_the_token)
{
	int rd, ipfd[2];
	uint64_t before = 0, after = 0;
	char line[256];
	ssize_t n;
	pid_t pid;

	ASSERT_EQ(0, pipe(ipfd));
	pid = wt_fork_stdout(&rd);
	ASSERT_LE(0, pid);
	if (pid == 0) {
		uint64_t mine = self_token_id();

		close(ipfd[0]);
		if (write(ipfd[1], &mine, sizeof(mine)) != sizeof(mine))
			_exit(31);
		setenv("WT_TOKEN_HELPER", "1", 1);
		execl("/proc/self/exe", "/proc/self/exe", (char *)NULL);
		_exit(30);
	}
	close(ipfd[1]);
	EXPECT_EQ(sizeof(before), read(ipfd[0], &before, sizeof(before)));
	n = wt_read_all(rd, line, sizeof(line));
	close(ipfd[0]);
	EXPECT_EQ(0, wt_reap(pid));
	ASSERT_LT(0, n);
	after = strtoull(line, NULL, 16);
	EXPECT_NE(0, before);
	EXPECT_EQ(before, after);
	EXPECT_NE(self_token_id(), after);
}

/* ---- re-derivation ---- */

TEST(setuid_rederives_and_records_origin)
{
	struct wt_token_statistics root_st;
	int fd = open_self();
	pid_t pid;

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, token_stats(fd, &root_st));
	close(fd);

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct wt_token_statistics st;
		uint64_t origin = 0;
		char s[192];

		/* setuid() alone: uid changes, gid and groups stay root's. */
		if (setresuid(WT_UID_ALICE, WT_UID_ALICE, WT_UID_ALICE))
			_exit(2);
		fd = open_self();
		if (fd < 0 || token_stats(fd, &st))
			_exit(3);
		if (st.token_id == root_st.token_id ||
		    st.authentication_id == root_st.authentication_id)
			_exit(4);
		single_sid(fd, WT_TOKEN_INFO_USER, s, sizeof(s), NULL);
		if (strcmp(s, "S-1-22-1-1001"))
			_exit(5);
		if (group_attrs(fd, WT_TOKEN_INFO_GROUPS, "S-1-22-2-0") != 7 ||
		    group_attrs(fd, WT_TOKEN_INFO_GROUPS, "S-1-5-32-544") != -1)
			_exit(6);
		if (wt_get_token_information(fd, WT_TOKEN_INFO_ORIGIN, &origin,
					     sizeof(origin), NULL) ||
		    origin != root_st.authentication_id)
			_exit(7);
		/* Stable afterwards. */
		if (self_token_id() != st.token_id)
			_exit(8);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
}

TEST(setgroups_rederives)
{
	uint64_t id = self_token_id();
	pid_t pid;

	ASSERT_NE(0, id);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		uint64_t mine = self_token_id();
		gid_t g = WT_GID_FINANCE;
		int fd;

		/* The child's own copy, replaced by a new derivation. */
		if (!mine || mine == id)
			_exit(2);
		if (setgroups(1, &g))
			_exit(3);
		if (self_token_id() == mine)
			_exit(4);
		fd = open_self();
		if (group_attrs(fd, WT_TOKEN_INFO_GROUPS, "S-1-22-2-2001") != 7)
			_exit(5);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
}

TEST(setuid_exec_rederives_like_sudo)
{
	uint64_t id = 0, alice_id;
	unsigned int euid = 99;
	char user[192];
	int in, out;
	char buf[65536];
	ssize_t n;

	/* A setuid-root copy of this binary on tmpfs. */
	unlink(SUID_HELPER);
	in = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, in);
	out = open(SUID_HELPER, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0700);
	ASSERT_LE(0, out);
	while ((n = read(in, buf, sizeof(buf))) > 0)
		ASSERT_EQ(n, write(out, buf, n));
	close(in);
	close(out);
	ASSERT_EQ(0, chmod(SUID_HELPER, 04755));

	/* alice runs it: euid 0, so root's derived token, Administrators. */
	ASSERT_EQ(0, run_helper("/proc/self/exe", WT_UID_ALICE, &alice_id, user,
				sizeof(user), &euid));
	EXPECT_STREQ("S-1-22-1-1001", user);
	ASSERT_EQ(0, run_helper(SUID_HELPER, WT_UID_ALICE, &id, user, sizeof(user),
				&euid));
	EXPECT_EQ(0, euid);
	EXPECT_STREQ("S-1-22-1-0", user);
	EXPECT_NE(alice_id, id);
	EXPECT_NE(self_token_id(), id);
	unlink(SUID_HELPER);
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/*
 * Root inside a user namespace is still its global uid: ids are mapped
 * through the init user namespace, so alice mapped to root in her own
 * namespace keeps her token and does not become Administrators.
 */
TEST(user_namespace_root_is_not_administrators)
{
	int pfd[2];
	char r;
	pid_t pid;

	ASSERT_EQ(0, pipe(pfd));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		uint64_t id;
		char s[192];
		int fd;

		close(pfd[0]);
		wt_become_user(WT_UID_ALICE, WT_UID_ALICE);
		/* The uid change made us non-dumpable: /proc/self would be root's. */
		if (prctl(PR_SET_DUMPABLE, 1, 0, 0, 0))
			_exit(11);
		id = self_token_id();
		if (!id)
			_exit(2);
		if (unshare(CLONE_NEWUSER)) {
			r = 's';	/* user namespaces disabled: skip */
			if (write(pfd[1], &r, 1) != 1)
				_exit(3);
			_exit(0);
		}
		if (write_file("/proc/self/setgroups", "deny") ||
		    write_file("/proc/self/uid_map", "0 1001 1") ||
		    write_file("/proc/self/gid_map", "0 1001 1"))
			_exit(4);
		if (setresgid(0, 0, 0) || setresuid(0, 0, 0) || geteuid() != 0)
			_exit(5);
		fd = open_self();
		if (fd < 0)
			_exit(6);
		single_sid(fd, WT_TOKEN_INFO_USER, s, sizeof(s), NULL);
		if (strcmp(s, "S-1-22-1-1001"))
			_exit(7);
		if (group_attrs(fd, WT_TOKEN_INFO_GROUPS, "S-1-5-32-544") != -1)
			_exit(8);
		if (self_token_id() != id)
			_exit(9);
		r = 'o';
		if (write(pfd[1], &r, 1) != 1)
			_exit(10);
		_exit(0);
	}
	close(pfd[1]);
	r = 0;
	EXPECT_EQ(1, read(pfd[0], &r, 1));
	close(pfd[0]);
	EXPECT_EQ(0, wt_reap(pid));
	if (r == 's')
		SKIP(return, "unprivileged user namespaces are disabled");
	EXPECT_EQ('o', r);
}

TEST_HARNESS_MAIN
