// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests: a primary token assignment deferred to the next
 * execve() (WT_ASSIGN_PRIMARY_AT_EXEC), as pam_wintok leaves it for the
 * shell login and sshd exec. Runs as root in the VM: a forked root child
 * leaves a token pending, then runs this binary (helper mode) under
 * other ids, the way login's child drops root and execs the shell.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/wintok.h>

#include "kselftest_harness.h"
#include "libwintok.h"
#include "wt_test.h"
#include "token_common.h"

/* A group of the test tokens (disabled), never in a derived one. */
#define MARK	"S-1-5-21-77-77-77-4000"

/*
 * Helper mode (WT_EXEC_CHAIN=n): print "<token id> <user> <uid> <euid>
 * <gid> <MARK held> <capeff>" and, while n > 1, exec this binary again: the
 * same process, so the same token unless something assigns another.
 */
__attribute__((constructor)) static void exec_chain_mode(void)
{
	struct wt_token_statistics st;
	const char *n = getenv("WT_EXEC_CHAIN");
	char user[192] = "", next[16];
	int fd;

	if (!n)
		return;
	fd = open_self();
	if (fd < 0 || token_stats(fd, &st))
		_exit(20);
	single_sid(fd, WT_TOKEN_INFO_USER, user, sizeof(user), NULL);
	printf("%llx %s %u %u %u %d %llx\n", (unsigned long long)st.token_id,
	       user, getuid(), geteuid(), getgid(),
	       group_attrs(fd, WT_TOKEN_INFO_GROUPS, MARK) >= 0, wt_cap_effective());
	fflush(stdout);
	close(fd);
	if (atoi(n) > 1) {
		snprintf(next, sizeof(next), "%d", atoi(n) - 1);
		setenv("WT_EXEC_CHAIN", next, 1);
		execl("/proc/self/exe", "token_assign_exec_test", NULL);
		_exit(21);
	}
	_exit(0);
}

struct seen {
	unsigned long long id;
	char user[192];
	unsigned int uid, euid, gid;
	int admins;
	long long caps;
};

/*
 * As login's child does: drop root to @uid (initgroups-like: gid @uid,
 * supplementary 100), then exec @path in helper mode with a chain of
 * @n execs; parse up to two lines into @s. Returns 0, the errno of a
 * failed execve() (the child reports it as exit code 100 + errno), or -1.
 */
static int run_as(uid_t uid, const char *path, int n, struct seen *s)
{
	char out[1024], chain[16], *line;
	gid_t groups[] = { 100 };
	int rd, i, rc;
	size_t got;
	pid_t pid;

	memset(s, 0, 2 * sizeof(*s));
	pid = wt_fork_stdout(&rd);
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (uid && (setgroups(1, groups) || setresgid(uid, uid, uid) ||
			    setresuid(uid, uid, uid)))
			_exit(99);
		snprintf(chain, sizeof(chain), "%d", n);
		setenv("WT_EXEC_CHAIN", chain, 1);
		execl(path, "token_assign_exec_test", NULL);
		_exit(errno < 100 ? 100 + errno : 99);
	}
	got = wt_read_all(rd, out, sizeof(out));
	rc = wt_reap(pid);
	if (rc >= 100 && rc < 200)
		return rc - 100;
	if (rc || !got)
		return -1;
	line = out;
	for (i = 0; i < n && i < 2 && line && *line; i++) {
		if (sscanf(line, "%llx %191s %u %u %u %d %llx", &s[i].id,
			   s[i].user, &s[i].uid, &s[i].euid, &s[i].gid,
			   &s[i].admins, &s[i].caps) != 7)
			return -1;
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	return 0;
}

static const char *self_exe(void)
{
	static char path[4096];
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);

	path[n > 0 ? n : 0] = '\0';
	return path;
}

/* A token for @user, SeAssignPrimaryTokenPrivilege enabled in @tok. */
static int pending_token(int dev, int tok, const char *user)
{
	struct test_token t;

	test_token_init(&t, user);
	t.groups[2] = sa_of(MARK, 0);
	return assignable_token(dev, tok, &t);
}

TEST_F(token, at_exec_errors)
{
	struct wt_assign_primary a;
	struct test_token t;
	int fd, q, imp, other;
	pid_t pid;

	ASSERT_EQ(0, assign_refused_tokens(self->dev, self->tok, &fd, &imp, &q));
	/* A user with no Linux uid (no id map entry): nothing to match. */
	test_token_init(&t, "S-1-5-21-7-8-9-4242");
	other = wt_create_token(self->dev, &t.c);
	ASSERT_LE(0, other);

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		/* Held, not enabled. */
		if (wt_assign_primary_token_at_exec(self->dev, fd) != -1 ||
		    errno != EPERM)
			_exit(2);
		/* A fork has its own copy: enable it there. */
		if (enable_priv(open_self(), WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE))
			_exit(3);
		if (wt_assign_primary_token_at_exec(self->dev, q) != -1 ||
		    errno != EACCES)
			_exit(4);
		if (wt_assign_primary_token_at_exec(self->dev, imp) != -1 ||
		    errno != EINVAL)
			_exit(5);
		if (wt_assign_primary_token_at_exec(self->dev, other) != -1 ||
		    errno != EINVAL)
			_exit(6);
		if (wt_assign_primary_token_at_exec(self->dev, -2) != -1 ||
		    errno != EBADF)
			_exit(7);
		memset(&a, 0, sizeof(a));
		a.size = sizeof(a);
		a.fd = fd;
		a.flags = WT_ASSIGN_PRIMARY_AT_EXEC | 0x2;
		if (ioctl(self->dev, WT_IOC_ASSIGN_PRIMARY_TOKEN, &a) != -1 ||
		    errno != EINVAL)
			_exit(8);
		a.flags = WT_ASSIGN_PRIMARY_AT_EXEC;
		a.reserved = 1;
		if (ioctl(self->dev, WT_IOC_ASSIGN_PRIMARY_TOKEN, &a) != -1 ||
		    errno != EINVAL)
			_exit(9);
		/* Cancelling what is not there is no error. */
		if (wt_assign_primary_token_at_exec(self->dev, -1))
			_exit(10);
		/* Nothing above changed the caller. */
		if (getuid() != 0 || geteuid() != 0 || wt_cap_effective() == 0)
			_exit(11);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));

	/* A second thread: EBUSY, to set and to cancel. */
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		pthread_t th;

		if (enable_priv(open_self(), WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE) ||
		    pthread_create(&th, NULL, wt_pause_thread, NULL))
			_exit(2);
		if (wt_assign_primary_token_at_exec(self->dev, fd) != -1 ||
		    errno != EBUSY)
			_exit(3);
		if (wt_assign_primary_token_at_exec(self->dev, -1) != -1 ||
		    errno != EBUSY)
			_exit(4);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));

	/* alice cannot enable the privilege: EPERM; she may cancel. */
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int own;

		wt_become_user(WT_UID_ALICE, WT_UID_ALICE);
		own = open_self();
		enable_priv(own, WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE);
		if (wt_assign_primary_token_at_exec(-1, fd) != -1 ||
		    errno != EPERM)
			_exit(3);
		if (wt_assign_primary_token_at_exec(-1, -1))
			_exit(4);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
	close(q);
	close(imp);
	close(other);
	close(fd);
}

/*
 * The token waits for the exec whose real uid is its user's: root's and
 * bob's execs keep their own tokens, alice's gets a copy of the token
 * with its ids and no capabilities, and a second exec of that process
 * keeps what the first gave (the pending token is gone).
 */
TEST_F(token, at_exec_applies_at_the_matching_exec_only)
{
	struct wt_token_statistics want;
	pid_t pid;
	int fd;

	fd = pending_token(self->dev, self->tok, "S-1-22-1-1001");
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, token_stats(fd, &want));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct seen s[2];
		uint64_t mine = self_token_id();

		if (wt_assign_primary_token_at_exec(self->dev, fd))
			_exit(2);
		/* The caller keeps its token, ids and capabilities. */
		if (self_token_id() != mine || getuid() || geteuid() ||
		    wt_cap_effective() == 0)
			_exit(3);
		if (run_as(0, self_exe(), 1, s) || strcmp(s[0].user, "S-1-22-1-0") ||
		    s[0].admins != 0 || s[0].caps == 0)
			_exit(4);
		if (run_as(WT_UID_BOB, self_exe(), 1, s) ||
		    strcmp(s[0].user, "S-1-22-1-1002") || s[0].admins)
			_exit(5);
		if (run_as(WT_UID_ALICE, self_exe(), 2, s))
			_exit(6);
		if (strcmp(s[0].user, "S-1-22-1-1001") || !s[0].admins ||
		    s[0].uid != 1001 || s[0].euid != 1001 || s[0].gid != 1001 ||
		    s[0].caps != 0)
			_exit(7);
		/* Its own copy, kept by the second exec. */
		if (s[0].id == want.token_id || s[1].id != s[0].id ||
		    !s[1].admins)
			_exit(8);
		/* Still pending here: the next of alice's execs gets it too. */
		if (run_as(WT_UID_ALICE, self_exe(), 1, s) || !s[0].admins)
			_exit(9);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
	close(fd);
}

/*
 * A fork inherits the pending token; cancelling it in the child leaves
 * the parent's; a second call replaces it.
 */
TEST_F(token, at_exec_fork_cancel_replace)
{
	int alice, bob;
	pid_t pid;

	alice = pending_token(self->dev, self->tok, "S-1-22-1-1001");
	ASSERT_LE(0, alice);
	bob = pending_token(self->dev, self->tok, "S-1-22-1-1002");
	ASSERT_LE(0, bob);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct seen s[2];
		pid_t c;

		if (wt_assign_primary_token_at_exec(self->dev, alice))
			_exit(2);
		c = fork();
		if (c == 0) {
			/* Inherited ... */
			if (run_as(WT_UID_ALICE, self_exe(), 1, s) || !s[0].admins)
				_exit(3);
			/* ... and cancelled here only. */
			if (wt_assign_primary_token_at_exec(self->dev, -1))
				_exit(4);
			if (run_as(WT_UID_ALICE, self_exe(), 1, s) || s[0].admins ||
			    strcmp(s[0].user, "S-1-22-1-1001"))
				_exit(5);
			_exit(0);
		}
		if (wt_reap(c))
			_exit(10 + wt_reap(c));
		if (run_as(WT_UID_ALICE, self_exe(), 1, s) || !s[0].admins)
			_exit(6);
		/* Replaced: alice's exec no longer matches, bob's does. */
		if (wt_assign_primary_token_at_exec(self->dev, bob))
			_exit(7);
		if (run_as(WT_UID_ALICE, self_exe(), 1, s) || s[0].admins)
			_exit(8);
		if (run_as(WT_UID_BOB, self_exe(), 1, s) || !s[0].admins ||
		    strcmp(s[0].user, "S-1-22-1-1002") || s[0].euid != 1002)
			_exit(9);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
	close(alice);
	close(bob);
}

/*
 * Fail closed at the matching exec: a set-user-ID program (its owner
 * would run with the token) and a uid 0 token that may not carry
 * capabilities (Low) refuse the exec with EPERM; the pending token
 * stays for the next exec.
 */
TEST_F(token, at_exec_refused_where_it_cannot_apply)
{
	static const char copy[] = "/tmp/wt_assign_exec_suid";
	struct test_token t;
	int alice, lowroot;
	pid_t pid;

	alice = pending_token(self->dev, self->tok, "S-1-22-1-1001");
	ASSERT_LE(0, alice);
	test_token_init(&t, "S-1-22-1-0");
	t.groups[5] = sa_of("S-1-16-4096", G_INTEGRITY);
	lowroot = wt_create_token(self->dev, &t.c);
	ASSERT_LE(0, lowroot);
	unlink(copy);
	ASSERT_EQ(0, wt_copy_self(copy, 04755));
	ASSERT_EQ(0, chown(copy, 0, 0));
	ASSERT_EQ(0, chmod(copy, 04755));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct seen s[2];

		if (wt_assign_primary_token_at_exec(self->dev, alice))
			_exit(2);
		if (run_as(WT_UID_ALICE, copy, 1, s) != EPERM)
			_exit(3);
		if (run_as(WT_UID_ALICE, self_exe(), 1, s) || !s[0].admins)
			_exit(4);
		if (wt_assign_primary_token_at_exec(self->dev, lowroot))
			_exit(5);
		if (run_as(0, self_exe(), 1, s) != EPERM)
			_exit(6);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
	unlink(copy);
	close(alice);
	close(lowroot);
}

TEST_HARNESS_MAIN
