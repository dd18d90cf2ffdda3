// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests: opening another process's token, token operations while
 * impersonating, no leak, and wtwhoami. Runs as root in the VM; drops to
 * alice, bob, wtsvc in forked children.
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

/* ---- opening another process's token ---- */

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif

/* A child running as @uid (if not 0) that waits until its pipe closes. */
static pid_t park_child(uid_t uid, int *wake)
{
	int p[2];
	pid_t pid;
	char c;

	if (pipe(p))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		if (uid) {
			wt_become_user(uid, uid);
			/*
			 * The uid change made it non-dumpable, which Linux
			 * (and so opening its token) treats as another
			 * principal; an exec'd program of the user is dumpable.
			 */
			prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
		} else {
			open_self();	/* make sure the token exists */
		}
		(void)!read(p[0], &c, 1);
		_exit(0);
	}
	close(p[0]);
	*wake = p[1];
	usleep(100000);
	return pid;
}

static void unpark(pid_t pid, int wake)
{
	/* Other children may hold the pipe too: do not wait for EOF. */
	close(wake);
	wt_kill_reap(pid);
}

TEST_F(token, open_other_process_token_by_pid_and_pidfd)
{
	uint32_t granted = 0;
	int wake, fd, pidfd;
	char s[192];
	pid_t pid;

	pid = park_child(WT_UID_ALICE, &wake);
	ASSERT_LT(0, pid);
	ASSERT_EQ(0, wt_priv_attrs(self->tok, WT_SE_DEBUG_PRIVILEGE) &
		  WT_SE_PRIVILEGE_USED_FOR_ACCESS);
	/* root has SeDebugPrivilege enabled: anything. */
	fd = wt_open_process_token_pid(self->dev, pid, WT_OPEN_TOKEN_PID,
				       WT_MAXIMUM_ALLOWED, &granted);
	ASSERT_LE(0, fd) {
		TH_LOG("open by pid: %s", strerror(errno));
	}
	EXPECT_EQ(WT_TOKEN_ALL_ACCESS, granted);
	/* The privilege is recorded as used for an access. */
	EXPECT_EQ(WT_SE_PRIVILEGE_USED_FOR_ACCESS,
		  wt_priv_attrs(self->tok, WT_SE_DEBUG_PRIVILEGE) &
		  WT_SE_PRIVILEGE_USED_FOR_ACCESS);
	single_sid(fd, WT_TOKEN_INFO_USER, s, sizeof(s), NULL);
	EXPECT_STREQ("S-1-22-1-1001", s);
	close(fd);
	pidfd = syscall(SYS_pidfd_open, pid, 0);
	ASSERT_LE(0, pidfd);
	fd = wt_open_process_token_pid(self->dev, pidfd, WT_OPEN_TOKEN_PIDFD,
				       WT_TOKEN_QUERY, &granted);
	ASSERT_LE(0, fd);
	EXPECT_EQ(WT_TOKEN_QUERY, granted);
	single_sid(fd, WT_TOKEN_INFO_USER, s, sizeof(s), NULL);
	EXPECT_STREQ("S-1-22-1-1001", s);
	close(fd);

	/* Without SeDebugPrivilege alice's default DACL decides: not root. */
	ASSERT_EQ(0, disable_priv(self->tok, WT_SE_DEBUG_PRIVILEGE));
	EXPECT_EQ(-1, wt_open_process_token_pid(self->dev, pid, WT_OPEN_TOKEN_PID,
						WT_TOKEN_QUERY, NULL));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(-1, wt_open_process_token_pid(self->dev, pidfd,
						WT_OPEN_TOKEN_PIDFD,
						WT_MAXIMUM_ALLOWED, NULL));
	EXPECT_EQ(EACCES, errno);
	/* The own process by pid: its DACL grants root everything. */
	fd = wt_open_process_token_pid(self->dev, getpid(), WT_OPEN_TOKEN_PID,
				       WT_MAXIMUM_ALLOWED, &granted);
	ASSERT_LE(0, fd);
	EXPECT_EQ(WT_TOKEN_ALL_ACCESS, granted);
	close(fd);
	close(pidfd);
	unpark(pid, wake);
}

TEST_F(token, open_other_process_token_follows_the_token_dacl)
{
	pid_t alice, bob;
	int wa, wb;
	pid_t pid;

	alice = park_child(WT_UID_ALICE, &wa);
	bob = park_child(WT_UID_BOB, &wb);
	ASSERT_LT(0, alice);
	ASSERT_LT(0, bob);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int fd;

		wt_become_user(WT_UID_ALICE, WT_UID_ALICE);
		/* Another process of alice's: her DACL grants her. */
		fd = wt_open_process_token_pid(-1, alice, WT_OPEN_TOKEN_PID,
					       WT_MAXIMUM_ALLOWED, NULL);
		if (fd < 0)
			_exit(2);
		close(fd);
		/* bob's token: no. */
		if (wt_open_process_token_pid(-1, bob, WT_OPEN_TOKEN_PID,
					      WT_TOKEN_QUERY, NULL) != -1 ||
		    errno != EACCES)
			_exit(3);
		/* root's (the parent): no. */
		if (wt_open_process_token_pid(-1, getppid(), WT_OPEN_TOKEN_PID,
					      WT_TOKEN_QUERY, NULL) != -1 ||
		    errno != EACCES)
			_exit(4);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));

	/* A restricted process: the restricting SIDs must grant too. */
	ASSERT_EQ(0, enable_priv(self->tok, WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct wt_sid_and_attributes res = sa_of("S-1-1-0", 0);
		int r, fd;

		r = wt_create_restricted_token(self->tok, WT_DISABLE_MAX_PRIVILEGE,
					       NULL, 0, NULL, 0, &res, 1, 0, NULL);
		if (r < 0 || wt_assign_primary_token(self->dev, r))
			_exit(2);
		/* The parent's DACL names root and SYSTEM, not Everyone. */
		if (wt_open_process_token_pid(self->dev, getppid(),
					      WT_OPEN_TOKEN_PID, WT_TOKEN_QUERY,
					      NULL) != -1 || errno != EACCES)
			_exit(3);
		fd = open_self();	/* the own token: no check */
		if (fd < 0)
			_exit(4);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
	unpark(alice, wa);
	unpark(bob, wb);
}

/* Publish the thread's id in *@arg, wait until it is cleared. */
static void *parked_thread(void *arg)
{
	pid_t *tid = arg;

	__atomic_store_n(tid, (pid_t)syscall(SYS_gettid), __ATOMIC_RELEASE);
	while (__atomic_load_n(tid, __ATOMIC_ACQUIRE))
		usleep(1000);
	return NULL;
}

TEST_F(token, open_other_process_token_errors)
{
	struct wt_open_token ot;
	pid_t tid = 0;
	pthread_t th;
	int closed;

	memset(&ot, 0, sizeof(ot));
	ot.size = sizeof(ot);
	ot.desired_access = WT_TOKEN_QUERY;
	ot.flags = WT_OPEN_TOKEN_PID | WT_OPEN_TOKEN_PIDFD;
	ot.process = getpid();
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_OPEN_PROCESS_TOKEN, &ot));
	EXPECT_EQ(EINVAL, errno);
	ot.flags = WT_OPEN_TOKEN_PID | 0x8;
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_OPEN_PROCESS_TOKEN, &ot));
	EXPECT_EQ(EINVAL, errno);
	ot.flags = WT_OPEN_TOKEN_PID;
	ot.desired_access = 0x00400000;
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_OPEN_PROCESS_TOKEN, &ot));
	EXPECT_EQ(EINVAL, errno);
	ot.desired_access = WT_ACCESS_SYSTEM_SECURITY;
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_OPEN_PROCESS_TOKEN, &ot));
	EXPECT_EQ(EACCES, errno);
	ot.desired_access = WT_TOKEN_QUERY;
	ot.process = 0x7ffffff0;
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_OPEN_PROCESS_TOKEN, &ot));
	EXPECT_EQ(ESRCH, errno);
	ot.process = 1ULL << 40;
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_OPEN_PROCESS_TOKEN, &ot));
	EXPECT_EQ(ESRCH, errno);
	/* A thread id is not a process id. */
	ASSERT_EQ(0, pthread_create(&th, NULL, parked_thread, &tid));
	while (!__atomic_load_n(&tid, __ATOMIC_ACQUIRE))
		usleep(1000);
	ot.process = tid;
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_OPEN_PROCESS_TOKEN, &ot));
	EXPECT_EQ(ESRCH, errno);
	__atomic_store_n(&tid, 0, __ATOMIC_RELEASE);
	pthread_join(th, NULL);
	ot.flags = WT_OPEN_TOKEN_PIDFD;
	closed = open_self();
	close(closed);
	ot.process = closed;
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_OPEN_PROCESS_TOKEN, &ot));
	EXPECT_EQ(EBADF, errno);
	ot.process = self->dev;		/* not a pidfd */
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_OPEN_PROCESS_TOKEN, &ot));
	EXPECT_EQ(EBADFD, errno);
	ot.process = self->tok;
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_OPEN_PROCESS_TOKEN, &ot));
	EXPECT_EQ(EBADFD, errno);
}

TEST(wtwhoami_p_prints_another_process)
{
	char out[8192];
	int rd, wake;
	pid_t pid, target;
	char arg[16];

	if (access("/usr/bin/wtwhoami", X_OK))
		SKIP(return, "wtwhoami not installed");
	target = park_child(WT_UID_BOB, &wake);
	ASSERT_LT(0, target);
	snprintf(arg, sizeof(arg), "%d", target);
	pid = wt_fork_stdout(&rd);
	ASSERT_LE(0, pid);
	if (pid == 0) {
		execl("/usr/bin/wtwhoami", "wtwhoami", "--json", "-p", arg,
		      (char *)NULL);
		_exit(98);
	}
	wt_read_all(rd, out, sizeof(out));
	EXPECT_EQ(0, wt_reap(pid));
	EXPECT_NE(NULL, strstr(out, "\"sid\": \"S-1-22-1-1002\""));
	/* alice may not look at bob's token. */
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int devnull = open("/dev/null", O_WRONLY);

		dup2(devnull, 1);
		dup2(devnull, 2);
		wt_become_user(WT_UID_ALICE, WT_UID_ALICE);
		execl("/usr/bin/wtwhoami", "wtwhoami", "-p", arg, (char *)NULL);
		_exit(98);
	}
	EXPECT_EQ(1, wt_reap(pid));
	unpark(target, wake);
}

TEST_F(token, restricted_handle_passes_over_scm_rights)
{
	struct wt_sid_and_attributes deny = sa_of("S-1-5-32-544", 0);
	int sv[2], fd;
	pid_t pid;

	fd = wt_create_restricted_token(self->tok, 0, &deny, 1, NULL, 0, NULL, 0,
					WT_TOKEN_QUERY, NULL);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct wt_sid_and_attributes sa = sa_of("S-1-22-1-0", 0);
		int got;

		close(sv[0]);
		wt_become_user(WT_UID_BOB, WT_UID_BOB);
		got = wt_recv_fd(sv[1]);
		if (got < 0)
			_exit(2);
		/* The rights travel with the handle: query, nothing more. */
		if (sid_group_attrs(got, "S-1-5-32-544") !=
		    WT_SE_GROUP_USE_FOR_DENY_ONLY)
			_exit(3);
		if (!wt_set_token_information(got, WT_TOKEN_INFO_OWNER, &sa,
					      sizeof(sa)) || errno != EACCES)
			_exit(4);
		if (wt_create_restricted_token(got, 0, NULL, 0, NULL, 0, NULL, 0,
					       0, NULL) != -1 || errno != EACCES)
			_exit(5);
		_exit(0);
	}
	close(sv[1]);
	ASSERT_EQ(0, wt_send_fd(sv[0], fd));
	close(sv[0]);
	EXPECT_EQ(0, wt_reap(pid));
	close(fd);
}

/* ---- ABI 6 with impersonation (ABI 5) ---- */

static int impersonate(int dev, int tokfd, uint32_t *level)
{
	struct wt_impersonate im;
	int ret;

	memset(&im, 0, sizeof(im));
	im.size = sizeof(im);
	im.fd = tokfd;
	ret = ioctl(dev, WT_IOC_IMPERSONATE, &im);
	if (!ret && level)
		*level = im.level;
	return ret ? -errno : 0;
}

TEST_F(token, token_operations_use_the_impersonation_token)
{
	struct test_token t;
	int ident, imp;
	pid_t pid;

	/* An Identification token and an Impersonation token of alice's. */
	test_token_init(&t, "S-1-22-1-1001");
	t.c.type = WT_TOKEN_IMPERSONATION;
	t.c.level = WT_SECURITY_IDENTIFICATION;
	ident = create_test_token(self->dev, self->tok, &t);
	ASSERT_LE(0, ident);
	test_token_init(&t, "S-1-22-1-1001");
	t.c.type = WT_TOKEN_IMPERSONATION;
	t.c.level = WT_SECURITY_IMPERSONATION;
	t.privs[1].luid = WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE;
	t.privs[1].attributes = WT_SE_PRIVILEGE_ENABLED;
	imp = wt_create_token(self->dev, &t.c);
	ASSERT_LE(0, imp);
	ASSERT_EQ(0, enable_priv(self->tok, WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE));

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct test_token c;
		uint32_t level = 99;
		int own = open_self(), fd;

		/* At Identification the token cannot be used at all. */
		if (impersonate(self->dev, ident, &level) ||
		    level != WT_SECURITY_IDENTIFICATION)
			_exit(2);
		test_token_init(&c, "S-1-22-1-1001");
		if (wt_create_token(self->dev, &c.c) != -1 || errno != ENOKEY)
			_exit(3);
		if (wt_open_process_token_pid(self->dev, getppid(),
					      WT_OPEN_TOKEN_PID, WT_TOKEN_QUERY,
					      NULL) != -1 || errno != ENOKEY)
			_exit(4);
		/* At Impersonation alice's token decides. */
		if (impersonate(self->dev, imp, &level) ||
		    level != WT_SECURITY_IMPERSONATION)
			_exit(5);
		if (wt_create_token(self->dev, &c.c) != -1 || errno != EPERM)
			_exit(6);
		if (wt_open_process_token_pid(self->dev, getppid(),
					      WT_OPEN_TOKEN_PID, WT_TOKEN_QUERY,
					      NULL) != -1 || errno != EACCES)
			_exit(7);
		/* The privilege is there, but an impersonating thread is refused. */
		if (wt_assign_primary_token(self->dev, own) != -1 || errno != EBUSY)
			_exit(8);
		/* Back to root: SeDebugPrivilege and SeCreateTokenPrivilege. */
		if (ioctl(self->dev, WT_IOC_REVERT_TO_SELF, 0))
			_exit(9);
		fd = wt_open_process_token_pid(self->dev, getppid(),
					       WT_OPEN_TOKEN_PID, WT_TOKEN_QUERY,
					       NULL);
		if (fd < 0)
			_exit(10);
		close(fd);
		fd = wt_create_token(self->dev, &c.c);
		_exit(fd < 0 ? 11 : 0);
	}
	EXPECT_EQ(0, wt_reap(pid));
	close(ident);
	close(imp);
}

/* ---- no leak ---- */

TEST(live_tokens_return_to_baseline)
{
	long tokens, entries, states;
	int i;

	tokens = wt_read_param("live_tokens");
	entries = wt_read_param("live_cred_entries");
	states = wt_read_param("live_token_states");
	ASSERT_LT(0, tokens);
	ASSERT_LT(0, entries);
	ASSERT_LT(0, states);
	EXPECT_EQ(0, wt_read_param("cred_alloc_failures"));

	for (i = 0; i < 40; i++) {
		pid_t pid = fork();

		ASSERT_LE(0, pid);
		if (pid == 0) {
			int fds[4], k;

			/*
			 * Half keep the copy of root's token fork gave them,
			 * half re-derive (a new token); all open handles and
			 * exit with them open.
			 */
			if (i % 2 &&
			    setresuid(1001 + i % 3, 1001 + i % 3, 1001 + i % 3))
				_exit(2);
			for (k = 0; k < 4; k++)
				fds[k] = open_self();
			_exit(fds[3] < 0 ? 3 : 0);
		}
		ASSERT_EQ(0, wt_reap(pid));
	}
	EXPECT_GE(tokens, wt_settle_param("live_tokens", tokens));
	EXPECT_GE(entries, wt_settle_param("live_cred_entries", entries));
	EXPECT_GE(states, wt_settle_param("live_token_states", states));
	TH_LOG("live tokens %ld -> %ld, states %ld -> %ld, cred entries %ld -> %ld",
	       tokens, wt_read_param("live_tokens"), states,
	       wt_read_param("live_token_states"), entries,
	       wt_read_param("live_cred_entries"));
}

TEST(open_handle_pins_the_module)
{
	long before = module_refcnt();
	int fd;

	ASSERT_LE(0, before);
	fd = open_self();
	ASSERT_LE(0, fd);
	EXPECT_EQ(before + 1, module_refcnt());
	/* rmmod refuses while a handle is open (no forced unload). */
	EXPECT_EQ(-1, syscall(SYS_delete_module, "wintok", O_NONBLOCK));
	EXPECT_EQ(EWOULDBLOCK, errno);
	close(fd);
	EXPECT_EQ(before, module_refcnt());
}

/*
 * Run wtwhoami --json as @uid with @tokfd (if >= 0) inherited as fd 5;
 * collect its output. Return its exit status.
 */
static int run_wtwhoami_fd(uid_t uid, int tokfd, char *out, size_t size)
{
	pid_t pid;
	int rd;

	pid = wt_fork_stdout(&rd);
	if (pid < 0)
		return -1;
	if (pid == 0) {
		/*
		 * dup2() clears FD_CLOEXEC: the handle survives the exec. It
		 * does nothing when @tokfd is 5 already: clear the flag then.
		 */
		if (tokfd >= 0 && dup2(tokfd, 5) != 5)
			_exit(97);
		if (tokfd == 5 && fcntl(5, F_SETFD, 0))
			_exit(97);
		wt_become_user(uid, uid);
		execl("/usr/bin/wtwhoami", "wtwhoami", "--json", "--fd",
		      tokfd >= 0 ? "5" : "0", (char *)NULL);
		_exit(98);
	}
	wt_read_all(rd, out, size);
	return wt_reap(pid);
}

TEST_F(token, wtwhoami_prints_an_inherited_handle)
{
	char out[8192];

	if (access("/usr/bin/wtwhoami", X_OK))
		SKIP(return, "wtwhoami not installed");
	/* bob, given root's handle, sees root's token. */
	EXPECT_EQ(0, run_wtwhoami_fd(WT_UID_BOB, self->tok, out, sizeof(out)));
	EXPECT_NE(NULL, strstr(out, "\"sid\": \"S-1-22-1-0\""));
	EXPECT_NE(NULL, strstr(out, "S-1-5-32-544"));
	EXPECT_EQ(NULL, strstr(out, "S-1-22-1-1002"));
	EXPECT_NE(NULL, strstr(out, "\"restricted_sids\": []"));
	/* stdin is not a token handle. */
	EXPECT_EQ(1, run_wtwhoami_fd(WT_UID_BOB, -1, out, sizeof(out)));
}

TEST_F(token, wtwhoami_shows_restricting_sids)
{
	struct wt_sid_and_attributes res = sa_of("S-1-5-32-545", 0);
	const char *list, *users, *privs;
	char out[8192];
	int fd;

	if (access("/usr/bin/wtwhoami", X_OK))
		SKIP(return, "wtwhoami not installed");
	fd = wt_create_restricted_token(self->tok, 0, NULL, 0, NULL, 0, &res, 1,
					WT_TOKEN_QUERY | WT_TOKEN_QUERY_SOURCE,
					NULL);
	ASSERT_LE(0, fd);
	EXPECT_EQ(0, run_wtwhoami_fd(WT_UID_BOB, fd, out, sizeof(out)));
	close(fd);
	/* BUILTIN\Users is listed between "restricted_sids" and "privileges". */
	list = strstr(out, "\"restricted_sids\": [\n");
	ASSERT_NE(NULL, list);
	users = strstr(list, "{\"name\": \"BUILTIN\\\\Users\", \"sid\": \"S-1-5-32-545\"}");
	privs = strstr(list, "\"privileges\"");
	ASSERT_NE(NULL, users);
	ASSERT_NE(NULL, privs);
	EXPECT_LT(users, privs);
}

TEST(wtwhoami_json_as_alice)
{
	char out[8192];
	pid_t pid;
	int rd;

	if (access("/usr/bin/wtwhoami", X_OK))
		SKIP(return, "wtwhoami not installed");
	pid = wt_fork_stdout(&rd);
	ASSERT_LE(0, pid);
	if (pid == 0) {
		gid_t g = WT_GID_FINANCE;

		if (setgroups(1, &g) || setresgid(WT_UID_ALICE, WT_UID_ALICE, WT_UID_ALICE) ||
		    setresuid(WT_UID_ALICE, WT_UID_ALICE, WT_UID_ALICE))
			_exit(99);
		execl("/usr/bin/wtwhoami", "wtwhoami", "--json", (char *)NULL);
		_exit(98);
	}
	wt_read_all(rd, out, sizeof(out));
	EXPECT_EQ(0, wt_reap(pid));
	EXPECT_NE(NULL, strstr(out, "\"sid\": \"S-1-22-1-1001\""));
	EXPECT_NE(NULL, strstr(out, "\"sid\": \"S-1-22-2-2001\""));
	EXPECT_NE(NULL, strstr(out, "Unix User\\\\alice"));
	EXPECT_NE(NULL, strstr(out, "\"name\": \"SeChangeNotifyPrivilege\""));
	EXPECT_NE(NULL, strstr(out, "\"type\": \"Primary\""));
	EXPECT_EQ(NULL, strstr(out, "S-1-5-32-544"));
}

TEST_HARNESS_MAIN
