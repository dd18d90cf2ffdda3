// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests: impersonation (ABI version 5). Per-thread impersonate
 * and revert, the client's connect QoS, peer impersonation over AF_UNIX,
 * the two gates (SeImpersonatePrivilege, integrity) and the same-user
 * rule, thread tokens, DuplicateTokenEx(), Linux ids following the token,
 * and what forks, threads and exec'd programs of an impersonating thread
 * get. Runs as root in the VM. The service is root itself or a forked
 * child running as wtsvc (uid 1100), which holds SeImpersonatePrivilege
 * through the privilege policy; clients are forked children running as
 * alice, bob, mallory or root that connect to an abstract AF_UNIX socket
 * the test listens on.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <unistd.h>

#include <linux/capability.h>
#include <linux/wintok.h>

#include "kselftest_harness.h"
#include "libwintok.h"
#include "wt_test.h"
#include "wt_sd_build.h"

#define PARAM_DIR	"/sys/module/wintok/parameters/"
#define SVC_POLICY	"uid:1100:SeImpersonatePrivilege"
#define OVERFLOW_ID	65534
#define SID_ALICE	"S-1-22-1-1001"
#define SID_BOB		"S-1-22-1-1002"
#define SID_SERVICE	"S-1-22-1-1100"
#define SID_ROOT	"S-1-22-1-0"
#define SID_ANONYMOUS	"S-1-5-7"
#define NO_QOS		(-1)
/* The errno of a refused level (WT_EBADIMPLEVEL): ENOKEY. */
#define EBADIMPLEVEL_ERRNO	WT_EBADIMPLEVEL

/*
 * In a forked child whose EXPECTs count: stop if one failed, or at the end.
 * Newer harnesses (those with FIXTURE_TEARDOWN_PARENT) keep the verdict in
 * exit_code, older ones in passed; Debian's linux-source has shipped both.
 */
#ifdef FIXTURE_TEARDOWN_PARENT
#define CHILD_FAILED() (_metadata->exit_code == KSFT_FAIL)
#else
#define CHILD_FAILED() (!_metadata->passed)
#endif
#define CHILD_BAIL_IF_FAILED() do { if (CHILD_FAILED()) _exit(1); } while (0)
#define CHILD_DONE() _exit(CHILD_FAILED() ? 1 : 0)

/* ---- parameters, processes ---- */

/* @name once it stops falling (what earlier tests freed has gone). */
static long steady(const char *name)
{
	long v = wt_read_param(name), prev;
	int i;

	for (i = 0; i < 50; i++) {
		usleep(100000);
		prev = v;
		v = wt_read_param(name);
		if (v >= prev)
			break;
	}
	return v;
}

/* The accounts clients run as: uid, primary gid, supplementary groups. */
struct account {
	uid_t uid;
	gid_t gid;
	int ngroups;
	gid_t groups[2];
};

static const struct account accounts[] = {
	{ WT_UID_ALICE, WT_UID_ALICE, 2, { WT_GID_USERS, WT_GID_FINANCE } },
	{ WT_UID_BOB, WT_UID_BOB, 2, { 50, WT_GID_USERS } },
	{ WT_UID_MALLORY, WT_UID_MALLORY, 1, { WT_GID_USERS } },
	{ WT_UID_SERVICE, WT_UID_SERVICE, 0, { 0 } },
};

static const struct account *account_of(uid_t uid)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(accounts); i++)
		if (accounts[i].uid == uid)
			return &accounts[i];
	return NULL;
}

/* In a forked child: become @uid with its groups (0: stay root). */
static void become_account(uid_t uid)
{
	const struct account *a = account_of(uid);

	if (!uid)
		return;
	if (!a || setgroups(a->ngroups, a->groups) ||
	    setresgid(a->gid, a->gid, a->gid) || setresuid(uid, uid, uid))
		_exit(99);
}

/* In a forked child: become the service account (its token is derived now). */
static int become_service(void)
{
	become_account(WT_UID_SERVICE);
	return wt_open_device();
}

/* ---- the calling thread's Linux ids, by raw system calls ---- */

struct ids {
	unsigned int r, e, s, fs;
	unsigned int rg, eg, sg, fsg;
	int ngroups;
	gid_t groups[64];
	uint64_t cap_eff, cap_prm;
};

static void get_ids(struct ids *id)
{
	struct __user_cap_header_struct h = {
		.version = _LINUX_CAPABILITY_VERSION_3,
		.pid = 0,
	};
	struct __user_cap_data_struct d[2];

	memset(id, 0, sizeof(*id));
	memset(d, 0, sizeof(d));
	syscall(SYS_getresuid, &id->r, &id->e, &id->s);
	syscall(SYS_getresgid, &id->rg, &id->eg, &id->sg);
	id->fs = syscall(SYS_setfsuid, -1);
	id->fsg = syscall(SYS_setfsgid, -1);
	id->ngroups = syscall(SYS_getgroups, 64, id->groups);
	syscall(SYS_capget, &h, d);
	id->cap_eff = d[0].effective | (uint64_t)d[1].effective << 32;
	id->cap_prm = d[0].permitted | (uint64_t)d[1].permitted << 32;
}

static bool has_group(const struct ids *id, gid_t g)
{
	int i;

	for (i = 0; i < id->ngroups; i++)
		if (id->groups[i] == g)
			return true;
	return false;
}

/*
 * The supplementary groups are @a's: each of its groups is there and
 * nothing else but (perhaps) the primary group.
 */
static bool groups_are(const struct ids *id, const struct account *a)
{
	int i, j;

	for (j = 0; j < a->ngroups; j++)
		if (!has_group(id, a->groups[j]))
			return false;
	for (i = 0; i < id->ngroups; i++) {
		bool known = id->groups[i] == a->gid;

		for (j = 0; j < a->ngroups; j++)
			known |= id->groups[i] == a->groups[j];
		if (!known)
			return false;
	}
	return true;
}

static long thread_euid(void)
{
	return syscall(SYS_geteuid);
}

static pid_t thread_id(void)
{
	return (pid_t)syscall(SYS_gettid);
}

/* ---- tokens ---- */

/* The user of thread @tid's token (0: the calling thread); 0 or -errno. */
static int thread_user(int dev, pid_t tid, char *buf, size_t size)
{
	int fd = wt_open_thread_token(dev, tid, 0, WT_TOKEN_QUERY, NULL);
	int err;

	buf[0] = '\0';
	if (fd < 0)
		return -errno;
	err = wt_token_user(fd, buf, size);
	close(fd);
	return err;
}

static int process_user(int dev, char *buf, size_t size)
{
	int fd = wt_open_process_token(dev, WT_TOKEN_QUERY, NULL);
	int err;

	buf[0] = '\0';
	if (fd < 0)
		return -errno;
	err = wt_token_user(fd, buf, size);
	close(fd);
	return err;
}

/* A __u32 class of token @fd, or -errno. */
static long fd_u32(int fd, __u32 cls)
{
	__u32 v;

	if (wt_get_token_information(fd, cls, &v, sizeof(v), NULL))
		return -errno;
	return v;
}

/* The level of the calling thread's token, or -errno. */
static long thread_level(int dev)
{
	int fd = wt_open_thread_token(dev, 0, 0, WT_TOKEN_QUERY, NULL);
	long v;

	if (fd < 0)
		return -errno;
	v = fd_u32(fd, WT_TOKEN_INFO_IMPERSONATION_LEVEL);
	close(fd);
	return v;
}

/* Enable (@on) or disable SeImpersonatePrivilege in our process token. */
static int set_impersonate_privilege(int dev, bool on)
{
	struct wt_luid_and_attributes la = {
		.luid = WT_SE_IMPERSONATE_PRIVILEGE,
		.attributes = on ? WT_SE_PRIVILEGE_ENABLED : 0,
	};
	int fd = wt_open_process_token(dev, WT_TOKEN_ADJUST_PRIVILEGES, NULL);
	int not_all = 0, err;

	if (fd < 0)
		return -errno;
	err = wt_adjust_token_privileges(fd, 0, &la, 1, NULL, NULL, &not_all) ?
	      -errno : 0;
	close(fd);
	return err ? err : not_all ? -ENOENT : 0;
}

/* ---- sockets ---- */

static socklen_t abstract_addr(struct sockaddr_un *addr, const char *name)
{
	memset(addr, 0, sizeof(*addr));
	addr->sun_family = AF_UNIX;
	/* sun_path[0] stays '\0': the abstract namespace. */
	snprintf(addr->sun_path + 1, sizeof(addr->sun_path) - 1, "%s", name);
	return offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name);
}

/*
 * Listen on the abstract @name as a service does: the socket's SD comes
 * from the binder's token and admits only that user and SYSTEM, so
 * between bind and listen the service gives it a DACL that admits every
 * client (FILE_WRITE_DATA for Everyone) and keeps full control for
 * itself. With @governed false the socket is bound with the module
 * parameter abstract_socket_sd cleared (as root) and has no SD at all.
 */
static int listen_abstract_sd(const char *name, bool governed)
{
	struct wt_rule admit[] = {
		{ 0, 0, WT_FILE_ALL_ACCESS, "S-1-3-4" },	/* OWNER RIGHTS */
		{ 0, 0, WT_FILE_WRITE_DATA, "S-1-1-0" },	/* Everyone */
	};
	struct sockaddr_un addr;
	socklen_t len = abstract_addr(&addr, name);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	uint8_t sd[256];
	int err;

	if (fd < 0)
		return -1;
	if (!governed && wt_write_param("abstract_socket_sd", "0"))
		goto fail;
	err = bind(fd, (struct sockaddr *)&addr, len);
	if (!governed && wt_write_param("abstract_socket_sd", "1"))
		goto fail;
	if (err)
		goto fail;
	if (governed &&
	    wt_set_file_security(-1, fd, WT_DACL_SECURITY_INFORMATION, sd,
				 wt_build_sd(sd, NULL, admit, 2, 0)))
		goto fail;
	if (listen(fd, 64))
		goto fail;
	return fd;
fail:
	err = errno;
	close(fd);
	errno = err;
	return -1;
}

static int listen_abstract(const char *name)
{
	return listen_abstract_sd(name, true);
}

/*
 * Connect to @name with QoS @level (NO_QOS: none) and @flags; the fd, or
 * -1 with errno set.
 */
static int connect_abstract(int dev, const char *name, int level, __u32 flags)
{
	struct sockaddr_un addr;
	socklen_t len = abstract_addr(&addr, name);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int err;

	if (fd < 0)
		return -1;
	if ((level != NO_QOS && wt_set_connect_qos(dev, fd, level, flags)) ||
	    connect(fd, (struct sockaddr *)&addr, len)) {
		err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	return fd;
}

/*
 * A handle to @uid's own process token with @desired rights, opened by a
 * child running as @uid (with its groups) and passed back over SCM_RIGHTS.
 */
static int user_token(uid_t uid, __u32 desired)
{
	int sv[2], fd;
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		become_account(uid);
		fd = wt_open_process_token(-1, desired, NULL);
		_exit(fd < 0 || wt_send_fd(sv[1], fd) ? 1 : 0);
	}
	close(sv[1]);
	fd = wt_recv_fd(sv[0]);
	close(sv[0]);
	if (wt_reap(pid) != 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

/* ---- the fixture: files, a listening socket, clients ---- */

enum client_mode {
	CLIENT_STAY,	/* send its uid, stay until the server closes */
	CLIENT_CLOSE,	/* close the connection at once */
	CLIENT_BECOME_BOB,	/* after connect: become bob, then as STAY */
};

FIXTURE(imp) {
	int dev;
	int lfd;
	char sock[64];
	char dir[64];
	char alice_file[96];	/* 0600 alice, SD: alice only */
	char bob_file[96];	/* 0600 bob, SD: bob only */
	char alice_plain[96];	/* 0600 alice, no SD: Linux alone decides */
	char public_file[96];	/* 0644 root, no SD */
	pid_t clients[64];
	int nclients;
};

static int make_file(const char *path, uid_t owner, mode_t mode,
		     const char *sddl)
{
	char cmd[300];
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, mode);

	if (fd < 0 || write(fd, "data\n", 5) != 5)
		return -1;
	close(fd);
	if (chown(path, owner, owner) || chmod(path, mode))
		return -1;
	if (!sddl)
		return 0;
	snprintf(cmd, sizeof(cmd), "wtacl set %s '%s'", path, sddl);
	return system(cmd) ? -1 : 0;
}

FIXTURE_SETUP(imp)
{
	self->nclients = 0;
	self->dev = wt_open_device();
	ASSERT_LE(0, self->dev);
	ASSERT_EQ(0, wt_set_privilege_policy(SVC_POLICY));
	snprintf(self->dir, sizeof(self->dir), "/tmp/wt_imp.XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->dir));
	ASSERT_EQ(0, chmod(self->dir, 0755));
	snprintf(self->alice_file, sizeof(self->alice_file), "%s/alice", self->dir);
	snprintf(self->bob_file, sizeof(self->bob_file), "%s/bob", self->dir);
	snprintf(self->alice_plain, sizeof(self->alice_plain), "%s/alice_plain",
		 self->dir);
	snprintf(self->public_file, sizeof(self->public_file), "%s/public",
		 self->dir);
	ASSERT_EQ(0, make_file(self->alice_file, WT_UID_ALICE, 0600,
			       "D:(A;;FA;;;" SID_ALICE ")"));
	ASSERT_EQ(0, make_file(self->bob_file, WT_UID_BOB, 0600,
			       "D:(A;;FA;;;" SID_BOB ")"));
	ASSERT_EQ(0, make_file(self->alice_plain, WT_UID_ALICE, 0600, NULL));
	ASSERT_EQ(0, make_file(self->public_file, 0, 0644, NULL));
	snprintf(self->sock, sizeof(self->sock), "wt_imp.%d", getpid());
	self->lfd = listen_abstract(self->sock);
	ASSERT_LE(0, self->lfd);
}

FIXTURE_TEARDOWN(imp)
{
	char cmd[100];
	int i;

	close(self->lfd);
	for (i = 0; i < self->nclients; i++) {
		kill(self->clients[i], SIGKILL);
		waitpid(self->clients[i], NULL, 0);
	}
	snprintf(cmd, sizeof(cmd), "rm -rf %s", self->dir);
	if (system(cmd))
		TH_LOG("cannot remove %s", self->dir);
	wt_set_privilege_policy("");
	wt_write_param("default_connect_level", "1");
	close(self->dev);
}

/*
 * Fork a client running as @uid (0: root) that connects to the fixture's
 * socket at QoS @level (NO_QOS: none) with @flags. CLIENT_STAY clients
 * send their uid and wait for the server to close the connection.
 */
static pid_t spawn_client_to(const char *sock, pid_t *slot, uid_t uid,
			     int level, __u32 flags, enum client_mode mode)
{
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		int32_t hello[2] = { (int32_t)uid, level };
		char byte;
		int fd;

		become_account(uid);
		fd = connect_abstract(-1, sock, level, flags);
		if (fd < 0)
			_exit(3);
		if (mode == CLIENT_CLOSE) {
			close(fd);
			_exit(0);
		}
		if (mode == CLIENT_BECOME_BOB)
			become_account(WT_UID_BOB);
		if (write(fd, hello, sizeof(hello)) != sizeof(hello))
			_exit(4);
		while (read(fd, &byte, 1) > 0)
			;
		_exit(0);
	}
	if (slot)
		*slot = pid;
	return pid;
}

#define spawn_client(uid, level, flags, mode) \
	spawn_client_to(self->sock, self->nclients < 64 ? \
			&self->clients[self->nclients++] : NULL, \
			uid, level, flags, mode)

/* accept4() that gives up (ETIMEDOUT) when no client comes within 20 s. */
static int accept_wait(int lfd)
{
	struct pollfd p = { .fd = lfd, .events = POLLIN };
	int n = poll(&p, 1, 20000);

	if (n <= 0) {
		errno = n ? errno : ETIMEDOUT;
		return -1;
	}
	return accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
}

/*
 * Accept a CLIENT_STAY client on @lfd; the connection, or -1. Its uid and
 * the QoS level it set (NO_QOS: none) in @uid and @qos when not NULL.
 */
static int accept_client_qos(int lfd, uid_t *uid, int *qos)
{
	int32_t hello[2];
	int fd = accept_wait(lfd);

	if (fd < 0)
		return -1;
	if (read(fd, hello, sizeof(hello)) != sizeof(hello)) {
		close(fd);
		return -1;
	}
	if (uid)
		*uid = (uid_t)hello[0];
	if (qos)
		*qos = hello[1];
	return fd;
}

static int accept_client(int lfd, uid_t *uid)
{
	return accept_client_qos(lfd, uid, NULL);
}

/* Impersonate the client of @conn; 0 or -errno; level and result out. */
static int peer(int dev, int conn, __u32 *level, __u32 *result)
{
	*level = 99;
	*result = 99;
	return wt_impersonate_peer(dev, conn, level, result) ? -errno : 0;
}

/* A raw ioctl with a caller-made argument; 0 or errno. */
static int raw_ioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) < 0 ? errno : 0;
}

/* Helper mode: see fork_thread_and_exec_get_the_service_identity. */
__attribute__((constructor)) static void exec_helper_mode(void)
{
	unsigned int r, e, s, eg, rg, sg;
	char user[192];
	int dev, tfd;

	if (!getenv("WT_IMP_HELPER"))
		return;
	dev = wt_open_device();
	syscall(SYS_getresuid, &r, &e, &s);
	syscall(SYS_getresgid, &rg, &eg, &sg);
	if (dev < 0 || process_user(dev, user, sizeof(user)))
		_exit(20);
	tfd = wt_open_thread_token(dev, 0, 0, WT_TOKEN_QUERY, NULL);
	printf("%u %u %u %u %u %u %s %d\n", r, e, s, rg, eg, sg, user,
	       tfd < 0 ? errno : 0);
	fflush(stdout);
	_exit(0);
}

/* ---- concurrency, isolation, no leak ---- */

#define N_THREADS	4
#define N_CYCLES	10000

struct worker {
	int dev;
	int conn;
	uid_t uid;
	const char *own_file;
	const char *other_file;
	pthread_barrier_t *barrier;
	pid_t tid;
	/* results */
	__u32 level, result;
	int err;
	long euid;
	char user[192];
	int own_errno, other_errno;
	long euid_after_revert;
	int thread_token_after;		/* errno of OPEN_THREAD_TOKEN after */
	int cycle_failures;
	char first_failure[128];
};

static void worker_fail(struct worker *w, int cycle, const char *what, long v)
{
	if (!w->cycle_failures++)
		snprintf(w->first_failure, sizeof(w->first_failure),
			 "cycle %d: %s (%ld)", cycle, what, v);
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	__u32 level, result;
	int i, fd;

	w->tid = thread_id();
	w->err = peer(w->dev, w->conn, &w->level, &w->result);
	w->euid = thread_euid();
	thread_user(w->dev, 0, w->user, sizeof(w->user));
	/* Everyone impersonates at once; the main thread looks around. */
	pthread_barrier_wait(w->barrier);
	w->own_errno = wt_open_errno(w->own_file, O_RDONLY);
	w->other_errno = wt_open_errno(w->other_file, O_RDONLY);
	pthread_barrier_wait(w->barrier);
	if (wt_revert_to_self(w->dev))
		worker_fail(w, -1, "revert", errno);
	w->euid_after_revert = thread_euid();

	for (i = 0; i < N_CYCLES; i++) {
		if (wt_impersonate_peer(w->dev, w->conn, &level, &result)) {
			worker_fail(w, i, "impersonate peer errno", errno);
			break;
		}
		if (level != WT_SECURITY_IMPERSONATION)
			worker_fail(w, i, "level", level);
		if (thread_euid() != (long)w->uid)
			worker_fail(w, i, "euid while impersonating", thread_euid());
		if (i % 1000 == 0) {
			int e = wt_open_errno(w->own_file, O_RDONLY);

			if (e)
				worker_fail(w, i, "open own file errno", e);
		}
		if (wt_revert_to_self(w->dev)) {
			worker_fail(w, i, "revert errno", errno);
			break;
		}
		if (thread_euid() != WT_UID_SERVICE)
			worker_fail(w, i, "euid after revert", thread_euid());
	}
	fd = wt_open_thread_token(w->dev, 0, 0, WT_TOKEN_QUERY, NULL);
	w->thread_token_after = fd < 0 ? errno : 0;
	if (fd >= 0)
		close(fd);
	return NULL;
}

TEST_F_TIMEOUT(imp, threads_impersonate_at_once_isolated_without_leaks, 600)
{
	static const char *const counters[] = {
		"live_tokens", "live_token_states", "live_cred_entries",
	};
	long before[3], after[3], peer0, rev0, imp0;
	struct wt_kthreads *kthreads = calloc(1, sizeof(*kthreads));
	pid_t svc;
	int i;

	ASSERT_NE(NULL, kthreads);
	/*
	 * Before the baseline: reading /proc/PID/stat is a ptrace access
	 * check, which derives that process's token.
	 */
	wt_kthreads_scan(kthreads, NULL);
	for (i = 0; i < 3; i++) {
		before[i] = steady(counters[i]);
		ASSERT_LT(0, before[i]) TH_LOG("%s unreadable", counters[i]);
	}
	peer0 = wt_read_param("peer_impersonations");
	rev0 = wt_read_param("reverts");
	imp0 = wt_read_param("impersonations");
	for (i = 0; i < N_THREADS; i++)
		ASSERT_LT(0, spawn_client(i % 2 ? WT_UID_BOB : WT_UID_ALICE,
					  WT_SECURITY_IMPERSONATION, 0, CLIENT_STAY));

	svc = fork();
	ASSERT_LE(0, svc);
	if (svc == 0) {
		struct worker w[N_THREADS];
		pthread_t th[N_THREADS];
		pthread_barrier_t barrier;
		struct ids mine;
		char user[192];
		int dev = become_service();

		EXPECT_LE(0, dev);
		CHILD_BAIL_IF_FAILED();
		pthread_barrier_init(&barrier, NULL, N_THREADS + 1);
		memset(w, 0, sizeof(w));
		for (i = 0; i < N_THREADS; i++) {
			w[i].dev = dev;
			w[i].barrier = &barrier;
			w[i].conn = accept_client(self->lfd, &w[i].uid);
			EXPECT_LE(0, w[i].conn);
			CHILD_BAIL_IF_FAILED();
			w[i].own_file = w[i].uid == WT_UID_ALICE ?
					self->alice_file : self->bob_file;
			w[i].other_file = w[i].uid == WT_UID_ALICE ?
					  self->bob_file : self->alice_file;
			EXPECT_EQ(0, pthread_create(&th[i], NULL, worker_main, &w[i]));
		}
		CHILD_BAIL_IF_FAILED();
		/* All threads impersonate now: the main thread is still the service. */
		pthread_barrier_wait(&barrier);
		get_ids(&mine);
		EXPECT_EQ(WT_UID_SERVICE, mine.e);
		EXPECT_EQ(WT_UID_SERVICE, mine.fs);
		EXPECT_EQ(-ENOENT, thread_user(dev, 0, user, sizeof(user)));
		EXPECT_EQ(0, process_user(dev, user, sizeof(user)));
		EXPECT_STREQ(SID_SERVICE, user);
		EXPECT_EQ(EACCES, wt_open_errno(self->alice_file, O_RDONLY));
		EXPECT_EQ(EACCES, wt_open_errno(self->bob_file, O_RDONLY));
		/* Another thread's token, by its tid: its client. */
		for (i = 0; i < N_THREADS; i++) {
			char want[32];

			snprintf(want, sizeof(want), "S-1-22-1-%u", w[i].uid);
			EXPECT_EQ(0, thread_user(dev, w[i].tid, user, sizeof(user)));
			EXPECT_STREQ(want, user);
		}
		pthread_barrier_wait(&barrier);
		for (i = 0; i < N_THREADS; i++)
			pthread_join(th[i], NULL);
		for (i = 0; i < N_THREADS; i++) {
			char want[32];

			snprintf(want, sizeof(want), "S-1-22-1-%u", w[i].uid);
			EXPECT_EQ(0, w[i].err);
			EXPECT_EQ(WT_SECURITY_IMPERSONATION, w[i].level);
			EXPECT_EQ(0, w[i].result);
			EXPECT_EQ(w[i].uid, w[i].euid);
			EXPECT_STREQ(want, w[i].user);
			EXPECT_EQ(0, w[i].own_errno);
			EXPECT_EQ(EACCES, w[i].other_errno);
			EXPECT_EQ(WT_UID_SERVICE, w[i].euid_after_revert);
			EXPECT_EQ(ENOENT, w[i].thread_token_after);
			EXPECT_EQ(0, w[i].cycle_failures)
				TH_LOG("thread %d (uid %u): %d failures, first: %s", i,
				       w[i].uid, w[i].cycle_failures, w[i].first_failure);
			close(w[i].conn);
		}
		CHILD_DONE();
	}
	EXPECT_EQ(0, wt_reap(svc));
	for (i = 0; i < self->nclients; i++)
		EXPECT_EQ(0, wt_reap(self->clients[i]));
	self->nclients = 0;

	TH_LOG("peer_impersonations +%ld, reverts +%ld, impersonations +%ld for %d cycles",
	       wt_read_param("peer_impersonations") - peer0,
	       wt_read_param("reverts") - rev0, wt_read_param("impersonations") - imp0,
	       N_THREADS * (N_CYCLES + 1));
	EXPECT_LE(N_THREADS * (N_CYCLES + 1),
		  wt_read_param("peer_impersonations") - peer0);
	EXPECT_LE(N_THREADS * (N_CYCLES + 1), wt_read_param("reverts") - rev0);
	for (i = 0; i < 3; i++) {
		after[i] = wt_settle_param(counters[i], before[i]);
		TH_LOG("%s: %ld before, %ld after", counters[i], before[i], after[i]);
		/* Busy workqueues start kernel threads: wt_test.h. */
		if (after[i] > before[i])
			EXPECT_TRUE(wt_tokens_explained(kthreads, before[i],
							after[i]));
	}
	free(kthreads);
}

/* A thread that ends while impersonating, never reverting. */
static void *exit_impersonating(void *arg)
{
	struct worker *w = arg;

	w->err = peer(w->dev, w->conn, &w->level, &w->result);
	w->euid = thread_euid();
	return NULL;
}

/*
 * Threads and a whole process that end while impersonating leave nothing
 * behind: the live counts return to their baseline.
 */
TEST_F_TIMEOUT(imp, exit_while_impersonating_leaves_nothing, 120)
{
	static const char *const counters[] = {
		"live_tokens", "live_token_states", "live_cred_entries",
	};
	long before[3], after;
	pid_t svc;
	int i;

	for (i = 0; i < 3; i++)
		before[i] = steady(counters[i]);
	for (i = 0; i < N_THREADS; i++)
		ASSERT_LT(0, spawn_client(i % 2 ? WT_UID_BOB : WT_UID_ALICE,
					  WT_SECURITY_IMPERSONATION, 0, CLIENT_STAY));
	svc = fork();
	ASSERT_LE(0, svc);
	if (svc == 0) {
		struct worker w[N_THREADS];
		pthread_t th;
		int dev = become_service();

		memset(w, 0, sizeof(w));
		for (i = 0; i < N_THREADS; i++) {
			w[i].dev = dev;
			w[i].conn = accept_client(self->lfd, &w[i].uid);
			EXPECT_LE(0, w[i].conn);
			CHILD_BAIL_IF_FAILED();
		}
		/* Half the connections: threads that exit impersonating. */
		for (i = 0; i < N_THREADS / 2; i++) {
			EXPECT_EQ(0, pthread_create(&th, NULL, exit_impersonating, &w[i]));
			pthread_join(th, NULL);
			EXPECT_EQ(0, w[i].err);
			EXPECT_EQ(w[i].uid, w[i].euid);
		}
		EXPECT_EQ(WT_UID_SERVICE, thread_euid());
		/* The other half: the main thread, then the process exits so. */
		for (; i < N_THREADS; i++) {
			EXPECT_EQ(0, peer(dev, w[i].conn, &w[i].level, &w[i].result));
			EXPECT_EQ(w[i].uid, thread_euid());
		}
		CHILD_DONE();
	}
	EXPECT_EQ(0, wt_reap(svc));
	for (i = 0; i < self->nclients; i++)
		EXPECT_EQ(0, wt_reap(self->clients[i]));
	self->nclients = 0;
	for (i = 0; i < 3; i++) {
		after = wt_settle_param(counters[i], before[i]);
		TH_LOG("%s: %ld before, %ld after", counters[i], before[i], after);
		EXPECT_GE(before[i], after);
	}
}

/* ---- the gates ---- */

/*
 * The service without SeImpersonatePrivilege: a client allowing
 * Impersonation is capped at Identification (WT_IMPERSONATE_NO_PRIVILEGE);
 * the thread knows who the client is but has no ids of hers and opens
 * nothing, even a world-readable file without an SD (ENOKEY).
 */
TEST_F(imp, no_privilege_caps_at_identification)
{
	long capped0 = wt_read_param("impersonation_capped");
	pid_t svc;

	ASSERT_EQ(0, wt_set_privilege_policy(""));
	ASSERT_LT(0, spawn_client(WT_UID_ALICE, WT_SECURITY_IMPERSONATION, 0,
				  CLIENT_STAY));
	svc = fork();
	ASSERT_LE(0, svc);
	if (svc == 0) {
		int dev = become_service(), tok, conn;
		__u32 level, result;
		char user[192];
		struct ids id;
		int fd;

		fd = wt_open_process_token(dev, WT_TOKEN_QUERY, NULL);
		EXPECT_EQ(-1, wt_priv_attrs(fd, WT_SE_IMPERSONATE_PRIVILEGE));
		close(fd);
		conn = accept_client(self->lfd, NULL);
		EXPECT_LE(0, conn);
		CHILD_BAIL_IF_FAILED();
		EXPECT_EQ(0, peer(dev, conn, &level, &result));
		EXPECT_EQ(WT_SECURITY_IDENTIFICATION, level);
		EXPECT_EQ(WT_IMPERSONATE_NO_PRIVILEGE, result);
		get_ids(&id);
		EXPECT_EQ(EBADIMPLEVEL_ERRNO, wt_open_errno(self->public_file, O_RDONLY));
		EXPECT_NE(0, wt_open_errno(self->alice_file, O_RDONLY));
		EXPECT_NE(0, wt_open_errno(self->alice_plain, O_RDONLY));
		EXPECT_EQ(0, thread_user(dev, 0, user, sizeof(user)));
		EXPECT_STREQ(SID_ALICE, user);
		EXPECT_EQ(WT_SECURITY_IDENTIFICATION, thread_level(dev));
		tok = wt_open_thread_token(dev, 0, 0, WT_TOKEN_QUERY, NULL);
		EXPECT_EQ(WT_TOKEN_IMPERSONATION, fd_u32(tok, WT_TOKEN_INFO_TYPE));
		close(tok);
		EXPECT_EQ(0, wt_revert_to_self(dev));
		/* At Identification: the overflow ids, no groups, no capabilities. */
		EXPECT_EQ(OVERFLOW_ID, id.e);
		EXPECT_EQ(OVERFLOW_ID, id.fs);
		EXPECT_EQ(OVERFLOW_ID, id.eg);
		EXPECT_EQ(OVERFLOW_ID, id.fsg);
		EXPECT_EQ(WT_UID_SERVICE, id.r);
		EXPECT_EQ(WT_UID_SERVICE, id.s);
		EXPECT_EQ(0, id.ngroups);
		EXPECT_EQ(0, id.cap_eff);
		EXPECT_EQ(WT_UID_SERVICE, thread_euid());
		EXPECT_EQ(0, wt_open_errno(self->public_file, O_RDONLY));
		close(conn);
		CHILD_DONE();
	}
	EXPECT_EQ(0, wt_reap(svc));
	EXPECT_LE(capped0 + 1, wt_read_param("impersonation_capped"));
}

/* Held but disabled counts as not held; enabled again, it allows. */
TEST_F(imp, disabled_privilege_caps_enabled_allows)
{
	pid_t svc;

	ASSERT_LT(0, spawn_client(WT_UID_ALICE, WT_SECURITY_IMPERSONATION, 0,
				  CLIENT_STAY));
	ASSERT_LT(0, spawn_client(WT_UID_ALICE, WT_SECURITY_IMPERSONATION, 0,
				  CLIENT_STAY));
	svc = fork();
	ASSERT_LE(0, svc);
	if (svc == 0) {
		int dev = become_service(), c1, c2, fd;
		__u32 level, result;

		fd = wt_open_process_token(dev, WT_TOKEN_QUERY, NULL);
		EXPECT_EQ(WT_SE_PRIVILEGE_ENABLED | WT_SE_PRIVILEGE_ENABLED_BY_DEFAULT,
			  wt_priv_attrs(fd, WT_SE_IMPERSONATE_PRIVILEGE));
		c1 = accept_client(self->lfd, NULL);
		c2 = accept_client(self->lfd, NULL);
		EXPECT_LE(0, c1);
		EXPECT_LE(0, c2);
		CHILD_BAIL_IF_FAILED();
		EXPECT_EQ(0, set_impersonate_privilege(dev, false));
		EXPECT_EQ(WT_SE_PRIVILEGE_ENABLED_BY_DEFAULT,
			  wt_priv_attrs(fd, WT_SE_IMPERSONATE_PRIVILEGE));
		EXPECT_EQ(0, peer(dev, c1, &level, &result));
		EXPECT_EQ(WT_SECURITY_IDENTIFICATION, level);
		EXPECT_EQ(WT_IMPERSONATE_NO_PRIVILEGE, result);
		EXPECT_EQ(EBADIMPLEVEL_ERRNO, wt_open_errno(self->public_file, O_RDONLY));
		EXPECT_EQ(0, wt_revert_to_self(dev));
		EXPECT_EQ(0, set_impersonate_privilege(dev, true));
		EXPECT_EQ(0, peer(dev, c2, &level, &result));
		EXPECT_EQ(WT_SECURITY_IMPERSONATION, level);
		EXPECT_EQ(0, result);
		EXPECT_EQ(0, wt_open_errno(self->alice_file, O_RDONLY));
		EXPECT_EQ(0, wt_revert_to_self(dev));
		close(fd);
		close(c1);
		close(c2);
		CHILD_DONE();
	}
	EXPECT_EQ(0, wt_reap(svc));
}

/* Impersonating one's own user needs no privilege (gate c). */
TEST_F(imp, same_user_needs_no_privilege)
{
	pid_t svc;

	ASSERT_EQ(0, wt_set_privilege_policy(""));
	ASSERT_LT(0, spawn_client(WT_UID_SERVICE, WT_SECURITY_DELEGATION, 0,
				  CLIENT_STAY));
	ASSERT_LT(0, spawn_client(WT_UID_ALICE, WT_SECURITY_DELEGATION, 0,
				  CLIENT_STAY));
	svc = fork();
	ASSERT_LE(0, svc);
	if (svc == 0) {
		int dev = become_service(), c1, c2, tok;
		__u32 level, result;
		uid_t u1 = 0, u2 = 0;

		c1 = accept_client(self->lfd, &u1);
		c2 = accept_client(self->lfd, &u2);
		EXPECT_LE(0, c1);
		EXPECT_LE(0, c2);
		CHILD_BAIL_IF_FAILED();
		if (u1 != WT_UID_SERVICE) {
			int t = c1;

			c1 = c2;
			c2 = t;
		}
		EXPECT_EQ(0, peer(dev, c1, &level, &result));
		EXPECT_EQ(WT_SECURITY_DELEGATION, level);
		EXPECT_EQ(0, result);
		EXPECT_EQ(0, wt_revert_to_self(dev));
		EXPECT_EQ(0, peer(dev, c2, &level, &result));
		EXPECT_EQ(WT_SECURITY_IDENTIFICATION, level);
		EXPECT_EQ(WT_IMPERSONATE_NO_PRIVILEGE, result);
		EXPECT_EQ(0, wt_revert_to_self(dev));
		/* Its own primary token: Impersonation level. */
		tok = wt_open_process_token(dev, WT_TOKEN_QUERY | WT_TOKEN_DUPLICATE,
					    NULL);
		EXPECT_EQ(0, wt_impersonate_token(dev, tok, &level, &result));
		EXPECT_EQ(WT_SECURITY_IMPERSONATION, level);
		EXPECT_EQ(0, result);
		EXPECT_EQ(0, wt_revert_to_self(dev));
		close(tok);
		close(c1);
		close(c2);
		CHILD_DONE();
	}
	EXPECT_EQ(0, wt_reap(svc));
}

/*
 * A client of higher integrity (root: System) than the service (Medium)
 * is capped at Identification with WT_IMPERSONATE_INTEGRITY, privilege or
 * not; root serving alice impersonates her.
 */
TEST_F(imp, integrity_above_the_service_caps)
{
	pid_t svc;

	ASSERT_LT(0, spawn_client(0, WT_SECURITY_IMPERSONATION, 0, CLIENT_STAY));
	svc = fork();
	ASSERT_LE(0, svc);
	if (svc == 0) {
		int dev = become_service(), conn;
		__u32 level, result;
		char user[192];

		conn = accept_client(self->lfd, NULL);
		EXPECT_LE(0, conn);
		CHILD_BAIL_IF_FAILED();
		EXPECT_EQ(0, peer(dev, conn, &level, &result));
		EXPECT_EQ(WT_SECURITY_IDENTIFICATION, level);
		EXPECT_EQ(WT_IMPERSONATE_INTEGRITY, result);
		EXPECT_EQ(0, thread_user(dev, 0, user, sizeof(user)));
		EXPECT_STREQ(SID_ROOT, user);
		EXPECT_EQ(OVERFLOW_ID, thread_euid());
		EXPECT_EQ(0, wt_revert_to_self(dev));
		close(conn);
		CHILD_DONE();
	}
	EXPECT_EQ(0, wt_reap(svc));

	/* Without the privilege too: the integrity rule comes first. */
	ASSERT_EQ(0, wt_set_privilege_policy(""));
	ASSERT_LT(0, spawn_client(0, WT_SECURITY_DELEGATION, 0, CLIENT_STAY));
	svc = fork();
	ASSERT_LE(0, svc);
	if (svc == 0) {
		int dev = become_service(), conn;
		__u32 level, result;

		conn = accept_client(self->lfd, NULL);
		EXPECT_LE(0, conn);
		CHILD_BAIL_IF_FAILED();
		EXPECT_EQ(0, peer(dev, conn, &level, &result));
		EXPECT_EQ(WT_SECURITY_IDENTIFICATION, level);
		EXPECT_EQ(WT_IMPERSONATE_INTEGRITY, result);
		EXPECT_EQ(0, wt_revert_to_self(dev));
		close(conn);
		CHILD_DONE();
	}
	EXPECT_EQ(0, wt_reap(svc));
}

/*
 * The administrator's default_connect_level applies to clients that set
 * nothing (0 to 3 only); the token is a snapshot taken at connect.
 */
TEST_F(imp, default_level_is_settable_and_the_token_a_snapshot)
{
	__u32 level, result;
	char user[192];
	uid_t who;
	int conn;

	EXPECT_EQ(-1, wt_write_param("default_connect_level", "4"));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(WT_SECURITY_IDENTIFICATION, wt_read_param("default_connect_level"));
	ASSERT_EQ(0, wt_write_param("default_connect_level", "2"));
	ASSERT_LT(0, spawn_client(WT_UID_ALICE, NO_QOS, 0, CLIENT_STAY));
	conn = accept_client(self->lfd, &who);
	ASSERT_LE(0, conn);
	ASSERT_EQ(0, wt_write_param("default_connect_level", "1"));
	/* The default in force at connect counts, not the one now. */
	ASSERT_EQ(0, peer(self->dev, conn, &level, &result));
	EXPECT_EQ(WT_SECURITY_IMPERSONATION, level);
	EXPECT_EQ(WT_UID_ALICE, thread_euid());
	EXPECT_EQ(0, wt_revert_to_self(self->dev));
	close(conn);

	/* root connects, then becomes bob: the server still sees root. */
	ASSERT_LT(0, spawn_client(0, WT_SECURITY_IMPERSONATION, 0,
				  CLIENT_BECOME_BOB));
	conn = accept_client(self->lfd, &who);
	ASSERT_LE(0, conn);
	ASSERT_EQ(0, peer(self->dev, conn, &level, &result));
	EXPECT_EQ(WT_SECURITY_IMPERSONATION, level);
	EXPECT_EQ(0, thread_user(self->dev, 0, user, sizeof(user)));
	EXPECT_STREQ(SID_ROOT, user);
	EXPECT_EQ(0, thread_euid());
	EXPECT_EQ(0, wt_revert_to_self(self->dev));
	close(conn);
}

/* ---- levels ---- */

TEST_F(imp, identification_anonymous_and_the_default_level)
{
	long deflevel = wt_read_param("default_connect_level");
	pid_t svc;

	long denials0 = wt_read_param("bad_level_denials");

	ASSERT_EQ(WT_SECURITY_IDENTIFICATION, deflevel);
	ASSERT_LT(0, spawn_client(WT_UID_ALICE, WT_SECURITY_IDENTIFICATION, 0,
				  CLIENT_STAY));
	svc = fork();
	ASSERT_LE(0, svc);
	if (svc == 0) {
		int dev = become_service(), conn;
		__u32 level, result;
		char user[192];
		struct ids id;

		/* One client at a time, so each connection's client is known. */
		conn = accept_client(self->lfd, NULL);
		EXPECT_LE(0, conn);
		CHILD_BAIL_IF_FAILED();
		EXPECT_EQ(0, peer(dev, conn, &level, &result));
		EXPECT_EQ(WT_SECURITY_IDENTIFICATION, level);
		EXPECT_EQ(0, result);
		get_ids(&id);
		EXPECT_EQ(0, thread_user(dev, 0, user, sizeof(user)));
		EXPECT_STREQ(SID_ALICE, user);
		EXPECT_EQ(WT_SECURITY_IDENTIFICATION, thread_level(dev));
		EXPECT_EQ(EBADIMPLEVEL_ERRNO, wt_open_errno(self->public_file, O_RDONLY));
		/* Not even the device: libwintok callers keep one open. */
		EXPECT_EQ(EBADIMPLEVEL_ERRNO, wt_open_errno("/dev/" WT_DEVICE_NAME, O_RDONLY));
		EXPECT_EQ(0, wt_revert_to_self(dev));
		EXPECT_EQ(OVERFLOW_ID, id.e);
		EXPECT_EQ(OVERFLOW_ID, id.eg);
		EXPECT_EQ(0, id.ngroups);
		EXPECT_EQ(0, id.cap_eff);
		close(conn);
		CHILD_DONE();
	}
	EXPECT_EQ(0, wt_reap(svc));

	ASSERT_LT(0, spawn_client(WT_UID_ALICE, WT_SECURITY_ANONYMOUS, 0,
				  CLIENT_STAY));
	svc = fork();
	ASSERT_LE(0, svc);
	if (svc == 0) {
		int dev = become_service(), conn;
		__u32 level, result;
		char user[192];

		conn = accept_client(self->lfd, NULL);
		EXPECT_LE(0, conn);
		CHILD_BAIL_IF_FAILED();
		EXPECT_EQ(0, peer(dev, conn, &level, &result));
		EXPECT_EQ(WT_SECURITY_ANONYMOUS, level);
		EXPECT_EQ(0, result);
		EXPECT_EQ(0, thread_user(dev, 0, user, sizeof(user)));
		EXPECT_STREQ(SID_ANONYMOUS, user);
		EXPECT_EQ(WT_SECURITY_ANONYMOUS, thread_level(dev));
		EXPECT_EQ(OVERFLOW_ID, thread_euid());
		EXPECT_EQ(EBADIMPLEVEL_ERRNO, wt_open_errno(self->public_file, O_RDONLY));
		EXPECT_EQ(0, wt_revert_to_self(dev));
		close(conn);
		CHILD_DONE();
	}
	EXPECT_EQ(0, wt_reap(svc));

	ASSERT_LT(0, spawn_client(WT_UID_ALICE, NO_QOS, 0, CLIENT_STAY));
	svc = fork();
	ASSERT_LE(0, svc);
	if (svc == 0) {
		int dev = become_service(), conn;
		__u32 level, result;

		conn = accept_client(self->lfd, NULL);
		EXPECT_LE(0, conn);
		CHILD_BAIL_IF_FAILED();
		EXPECT_EQ(0, peer(dev, conn, &level, &result));
		EXPECT_EQ(deflevel, level);
		EXPECT_EQ(0, result);
		EXPECT_EQ(EBADIMPLEVEL_ERRNO, wt_open_errno(self->public_file, O_RDONLY));
		EXPECT_EQ(0, wt_revert_to_self(dev));
		close(conn);
		CHILD_DONE();
	}
	EXPECT_EQ(0, wt_reap(svc));
	/* Four opens refused for the level (the device's among them). */
	EXPECT_LE(0, denials0);
	EXPECT_LE(denials0 + 4, wt_read_param("bad_level_denials"));
}

/* -errno of a path operation, 0 on success. */
static int op_errno(int ret)
{
	return ret < 0 ? -errno : 0;
}

/*
 * Below Impersonation every file operation wintok checks is refused with
 * ENOKEY, in a world-writable directory without any SD too; Linux alone
 * would allow each of them (the thread runs as the overflow ids).
 */
TEST_F(imp, identification_refuses_every_file_operation)
{
	char d[120], f[140], sub[140], fifo[140], ln[140], moved[140];
	__u32 level, result;
	int prim, tok;

	snprintf(d, sizeof(d), "%s/open", self->dir);
	snprintf(f, sizeof(f), "%s/f", d);
	snprintf(sub, sizeof(sub), "%s/sub", d);
	snprintf(fifo, sizeof(fifo), "%s/fifo", d);
	snprintf(ln, sizeof(ln), "%s/ln", d);
	snprintf(moved, sizeof(moved), "%s/moved", d);
	ASSERT_EQ(0, mkdir(d, 0777));
	ASSERT_EQ(0, chmod(d, 0777));
	ASSERT_EQ(0, make_file(f, 0, 0666, NULL));
	prim = wt_open_process_token(self->dev, WT_TOKEN_ALL_ACCESS, NULL);
	ASSERT_LE(0, prim);
	tok = wt_duplicate_token(prim, 0, WT_TOKEN_IMPERSONATION,
				 WT_SECURITY_IDENTIFICATION, NULL);
	ASSERT_LE(0, tok);
	ASSERT_EQ(0, wt_impersonate_token(self->dev, tok, &level, &result));
	EXPECT_EQ(WT_SECURITY_IDENTIFICATION, level);
	EXPECT_EQ(-ENOKEY, op_errno(open(f, O_RDONLY | O_CLOEXEC)));
	EXPECT_EQ(-ENOKEY, op_errno(open(sub, O_CREAT | O_WRONLY | O_CLOEXEC, 0600)));
	EXPECT_EQ(-ENOKEY, op_errno(mkdir(sub, 0700)));
	EXPECT_EQ(-ENOKEY, op_errno(mkfifo(fifo, 0600)));
	EXPECT_EQ(-ENOKEY, op_errno(symlink(f, ln)));
	EXPECT_EQ(-ENOKEY, op_errno(rename(f, moved)));
	EXPECT_EQ(-ENOKEY, op_errno(unlink(f)));
	EXPECT_EQ(-ENOKEY, op_errno(chmod(f, 0600)));
	EXPECT_EQ(-ENOKEY, op_errno(truncate(f, 0)));
	EXPECT_EQ(0, wt_revert_to_self(self->dev));
	/* Nothing happened; as root again, all of it works. */
	EXPECT_EQ(0, access(f, F_OK));
	EXPECT_EQ(-1, access(sub, F_OK));
	EXPECT_EQ(0, op_errno(mkdir(sub, 0700)));
	EXPECT_EQ(0, op_errno(rename(f, moved)));
	EXPECT_EQ(0, op_errno(unlink(moved)));
	close(tok);
	close(prim);
}

/* WT_QOS_EFFECTIVE_ONLY passes on only enabled privileges. */
TEST_F(imp, effective_only_drops_disabled_privileges)
{
	__u32 level, result;
	uid_t who;
	int conn, tok;

	/* root serves root: same integrity, privilege held. */
	ASSERT_LT(0, spawn_client(0, WT_SECURITY_IMPERSONATION, 0, CLIENT_STAY));
	conn = accept_client(self->lfd, &who);
	ASSERT_LE(0, conn);
	ASSERT_EQ(0, peer(self->dev, conn, &level, &result));
	EXPECT_EQ(WT_SECURITY_IMPERSONATION, level);
	tok = wt_open_thread_token(self->dev, 0, 0, WT_TOKEN_QUERY, NULL);
	EXPECT_EQ(0, wt_revert_to_self(self->dev));
	ASSERT_LE(0, tok);
	EXPECT_EQ(0, wt_priv_attrs(tok, WT_SE_BACKUP_PRIVILEGE));
	EXPECT_LT(0, wt_priv_attrs(tok, WT_SE_CHANGE_NOTIFY_PRIVILEGE));
	close(tok);
	close(conn);

	ASSERT_LT(0, spawn_client(0, WT_SECURITY_IMPERSONATION,
				  WT_QOS_EFFECTIVE_ONLY, CLIENT_STAY));
	conn = accept_client(self->lfd, &who);
	ASSERT_LE(0, conn);
	ASSERT_EQ(0, peer(self->dev, conn, &level, &result));
	EXPECT_EQ(WT_SECURITY_IMPERSONATION, level);
	tok = wt_open_thread_token(self->dev, 0, 0, WT_TOKEN_QUERY, NULL);
	EXPECT_EQ(0, wt_revert_to_self(self->dev));
	ASSERT_LE(0, tok);
	EXPECT_EQ(-1, wt_priv_attrs(tok, WT_SE_BACKUP_PRIVILEGE));
	EXPECT_LT(0, wt_priv_attrs(tok, WT_SE_CHANGE_NOTIFY_PRIVILEGE));
	close(tok);
	close(conn);
}

/* ---- Linux ids follow the token ---- */

/*
 * root serving alice: euid, fsuid, egid, fsgid and groups are hers, real
 * and saved ids stay root's, no capabilities; revert restores exactly.
 * root impersonating itself keeps its capabilities.
 */
TEST_F(imp, linux_ids_follow_the_token_root_service)
{
	const struct account *alice = account_of(WT_UID_ALICE);
	struct ids before, during, after;
	__u32 level, result;
	int conn, tok;

	ASSERT_LT(0, spawn_client(WT_UID_ALICE, WT_SECURITY_IMPERSONATION, 0,
				  CLIENT_STAY));
	conn = accept_client(self->lfd, NULL);
	ASSERT_LE(0, conn);
	get_ids(&before);
	ASSERT_NE(0, before.cap_eff);
	ASSERT_EQ(0, peer(self->dev, conn, &level, &result));
	get_ids(&during);
	EXPECT_EQ(0, wt_open_errno(self->alice_plain, O_RDONLY));
	EXPECT_EQ(0, wt_open_errno(self->alice_file, O_RDONLY));
	EXPECT_EQ(EACCES, wt_open_errno(self->bob_file, O_RDONLY));
	EXPECT_EQ(0, wt_revert_to_self(self->dev));
	get_ids(&after);
	EXPECT_EQ(WT_SECURITY_IMPERSONATION, level);
	EXPECT_EQ(0, result);
	EXPECT_EQ(0, during.r);
	EXPECT_EQ(WT_UID_ALICE, during.e);
	EXPECT_EQ(0, during.s);
	EXPECT_EQ(WT_UID_ALICE, during.fs);
	EXPECT_EQ(0, during.rg);
	EXPECT_EQ(alice->gid, during.eg);
	EXPECT_EQ(0, during.sg);
	EXPECT_EQ(alice->gid, during.fsg);
	EXPECT_TRUE(groups_are(&during, alice));
	EXPECT_EQ(0, during.cap_eff);
	EXPECT_EQ(0, during.cap_prm);
	EXPECT_EQ(0, memcmp(&before, &after, sizeof(before)));
	close(conn);

	/* root's own token: its capabilities stay. */
	tok = wt_open_process_token(self->dev, WT_TOKEN_QUERY | WT_TOKEN_DUPLICATE,
				    NULL);
	ASSERT_LE(0, tok);
	ASSERT_EQ(0, wt_impersonate_token(self->dev, tok, &level, &result));
	get_ids(&during);
	EXPECT_EQ(0, wt_revert_to_self(self->dev));
	EXPECT_EQ(WT_SECURITY_IMPERSONATION, level);
	EXPECT_EQ(0, during.e);
	EXPECT_EQ(before.cap_eff, during.cap_eff);
	get_ids(&after);
	EXPECT_EQ(0, memcmp(&before, &after, sizeof(before)));
	close(tok);
}

/* The service as wtsvc: the same, and revert gives back exactly wtsvc. */
TEST_F(imp, linux_ids_follow_the_token_service)
{
	pid_t svc;

	ASSERT_LT(0, spawn_client(WT_UID_BOB, WT_SECURITY_IMPERSONATION, 0,
				  CLIENT_STAY));
	svc = fork();
	ASSERT_LE(0, svc);
	if (svc == 0) {
		const struct account *bob = account_of(WT_UID_BOB);
		int dev = become_service(), conn;
		struct ids before, during, after;
		__u32 level, result;

		conn = accept_client(self->lfd, NULL);
		EXPECT_LE(0, conn);
		CHILD_BAIL_IF_FAILED();
		get_ids(&before);
		EXPECT_EQ(0, peer(dev, conn, &level, &result));
		get_ids(&during);
		EXPECT_EQ(0, wt_open_errno(self->bob_file, O_RDONLY));
		EXPECT_EQ(EACCES, wt_open_errno(self->alice_plain, O_RDONLY));
		EXPECT_EQ(0, wt_revert_to_self(dev));
		get_ids(&after);
		EXPECT_EQ(WT_SECURITY_IMPERSONATION, level);
		EXPECT_EQ(WT_UID_SERVICE, during.r);
		EXPECT_EQ(WT_UID_BOB, during.e);
		EXPECT_EQ(WT_UID_SERVICE, during.s);
		EXPECT_EQ(WT_UID_BOB, during.fs);
		EXPECT_EQ(WT_UID_SERVICE, during.rg);
		EXPECT_EQ(bob->gid, during.eg);
		EXPECT_EQ(WT_UID_SERVICE, during.sg);
		EXPECT_TRUE(groups_are(&during, bob));
		EXPECT_EQ(0, during.cap_eff);
		EXPECT_EQ(0, memcmp(&before, &after, sizeof(before)));
		EXPECT_EQ(WT_UID_SERVICE, after.e);
		EXPECT_EQ(EACCES, wt_open_errno(self->bob_file, O_RDONLY));
		close(conn);
		CHILD_DONE();
	}
	EXPECT_EQ(0, wt_reap(svc));
}

/* ---- fork, threads and exec of an impersonating thread ---- */

struct probe {
	int dev;
	long euid;
	int thread_token_errno;
	char user[192];
};

static void *probe_thread(void *arg)
{
	struct probe *p = arg;
	int fd;

	p->euid = thread_euid();
	fd = wt_open_thread_token(p->dev, 0, 0, WT_TOKEN_QUERY, NULL);
	p->thread_token_errno = fd < 0 ? errno : 0;
	if (fd >= 0)
		close(fd);
	process_user(p->dev, p->user, sizeof(p->user));
	return NULL;
}

/* In a fork of an impersonating thread: exit 0 when it is the service. */
static int forked_child_checks(int dev, const char *alice_plain)
{
	unsigned int r = 0, e = 0, s = 0, rg = 0, eg = 0, sg = 0;
	char user[192];

	syscall(SYS_getresuid, &r, &e, &s);
	syscall(SYS_getresgid, &rg, &eg, &sg);
	if (r != WT_UID_SERVICE || e != WT_UID_SERVICE || s != WT_UID_SERVICE)
		return 2;
	if (rg != WT_UID_SERVICE || eg != WT_UID_SERVICE || sg != WT_UID_SERVICE ||
	    syscall(SYS_getgroups, 0, NULL) != 0)
		return 6;
	if (wt_open_thread_token(dev, 0, 0, WT_TOKEN_QUERY, NULL) >= 0 ||
	    errno != ENOENT)
		return 3;
	if (process_user(dev, user, sizeof(user)) || strcmp(user, SID_SERVICE))
		return 4;
	if (wt_open_errno(alice_plain, O_RDONLY) != EACCES)
		return 5;
	return 0;
}

TEST_F(imp, fork_thread_and_exec_get_the_service_identity)
{
	char exe[256];
	ssize_t n;
	pid_t svc;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	ASSERT_LT(0, n);
	exe[n] = '\0';
	ASSERT_LT(0, spawn_client(WT_UID_ALICE, WT_SECURITY_IMPERSONATION, 0,
				  CLIENT_STAY));
	svc = fork();
	ASSERT_LE(0, svc);
	if (svc == 0) {
		int dev = become_service(), conn, pfd[2];
		struct probe p = { .dev = dev };
		__u32 level, result;
		char line[256] = "", want[256];
		pthread_t th;
		pid_t pid;

		conn = accept_client(self->lfd, NULL);
		EXPECT_LE(0, conn);
		CHILD_BAIL_IF_FAILED();
		EXPECT_EQ(0, peer(dev, conn, &level, &result));
		EXPECT_EQ(WT_SECURITY_IMPERSONATION, level);
		EXPECT_EQ(WT_UID_ALICE, thread_euid());
		CHILD_BAIL_IF_FAILED();

		/* A new thread runs as the service. */
		EXPECT_EQ(0, pthread_create(&th, NULL, probe_thread, &p));
		pthread_join(th, NULL);
		EXPECT_EQ(WT_UID_SERVICE, p.euid);
		EXPECT_EQ(ENOENT, p.thread_token_errno);
		EXPECT_STREQ(SID_SERVICE, p.user);

		/* So does a forked child. */
		fflush(stdout);
		pid = fork();
		if (pid == 0)
			_exit(forked_child_checks(dev, self->alice_plain));
		EXPECT_EQ(0, wt_reap(pid));

		/* And a program exec'd by an impersonating thread. */
		EXPECT_EQ(0, pipe(pfd));
		pid = fork();
		if (pid == 0) {
			__u32 l, r;

			close(pfd[0]);
			if (dup2(pfd[1], 1) != 1)
				_exit(10);
			if (wt_impersonate_peer(dev, conn, &l, &r) ||
			    l != WT_SECURITY_IMPERSONATION ||
			    thread_euid() != WT_UID_ALICE)
				_exit(11);
			setenv("WT_IMP_HELPER", "1", 1);
			execl(exe, exe, (char *)NULL);
			_exit(12);
		}
		close(pfd[1]);
		n = read(pfd[0], line, sizeof(line) - 1);
		close(pfd[0]);
		EXPECT_EQ(0, wt_reap(pid));
		line[n > 0 ? n : 0] = '\0';
		snprintf(want, sizeof(want), "%u %u %u %u %u %u %s %d\n",
			 WT_UID_SERVICE, WT_UID_SERVICE, WT_UID_SERVICE,
			 WT_UID_SERVICE, WT_UID_SERVICE, WT_UID_SERVICE,
			 SID_SERVICE, ENOENT);
		EXPECT_STREQ(want, line);

		/* The impersonating thread itself is unchanged by all this. */
		EXPECT_EQ(WT_UID_ALICE, thread_euid());
		EXPECT_EQ(0, wt_revert_to_self(dev));
		EXPECT_EQ(WT_UID_SERVICE, thread_euid());
		close(conn);
		CHILD_DONE();
	}
	EXPECT_EQ(0, wt_reap(svc));
}

/* ---- impersonating token handles ---- */

TEST_F(imp, impersonate_token_handles)
{
	int alice_q, alice_qd, bob_qd;
	pid_t svc;

	alice_q = user_token(WT_UID_ALICE, WT_TOKEN_QUERY);
	alice_qd = user_token(WT_UID_ALICE, WT_TOKEN_QUERY | WT_TOKEN_DUPLICATE);
	bob_qd = user_token(WT_UID_BOB, WT_TOKEN_QUERY | WT_TOKEN_DUPLICATE);
	ASSERT_LE(0, alice_q);
	ASSERT_LE(0, alice_qd);
	ASSERT_LE(0, bob_qd);
	svc = fork();
	ASSERT_LE(0, svc);
	if (svc == 0) {
		int dev = become_service(), t_query, t_imp, null_fd, closed_fd;
		__u32 level, result, granted = 0;
		char user[192];

		/* A primary token needs TOKEN_DUPLICATE as well as TOKEN_QUERY. */
		EXPECT_EQ(-1, wt_impersonate_token(dev, alice_q, &level, &result));
		EXPECT_EQ(EACCES, errno);
		EXPECT_EQ(-ENOENT, thread_user(dev, 0, user, sizeof(user)));
		EXPECT_EQ(0, wt_impersonate_token(dev, alice_qd, &level, &result));
		EXPECT_EQ(WT_SECURITY_IMPERSONATION, level);
		EXPECT_EQ(0, result);
		EXPECT_EQ(WT_UID_ALICE, thread_euid());
		EXPECT_EQ(0, wt_open_errno(self->alice_file, O_RDONLY));
		EXPECT_EQ(0, thread_user(dev, 0, user, sizeof(user)));
		EXPECT_STREQ(SID_ALICE, user);
		/* Handles to the impersonation token, with and without the right. */
		t_query = wt_open_thread_token(dev, 0, 0, WT_TOKEN_QUERY, &granted);
		EXPECT_LE(0, t_query);
		EXPECT_EQ(WT_TOKEN_QUERY, granted);
		t_imp = wt_open_thread_token(dev, 0, 0, WT_TOKEN_ALL_ACCESS, &granted);
		EXPECT_LE(0, t_imp);
		EXPECT_EQ(WT_TOKEN_ALL_ACCESS, granted);
		EXPECT_EQ(WT_TOKEN_IMPERSONATION, fd_u32(t_imp, WT_TOKEN_INFO_TYPE));
		EXPECT_EQ(WT_SECURITY_IMPERSONATION,
			  fd_u32(t_imp, WT_TOKEN_INFO_IMPERSONATION_LEVEL));

		/* Impersonating again replaces; one revert ends it. */
		EXPECT_EQ(0, wt_impersonate_token(dev, bob_qd, &level, &result));
		EXPECT_EQ(WT_UID_BOB, thread_euid());
		EXPECT_EQ(0, thread_user(dev, 0, user, sizeof(user)));
		EXPECT_STREQ(SID_BOB, user);
		EXPECT_EQ(EACCES, wt_open_errno(self->alice_file, O_RDONLY));
		EXPECT_EQ(0, wt_revert_to_self(dev));
		EXPECT_EQ(WT_UID_SERVICE, thread_euid());
		EXPECT_EQ(-ENOENT, thread_user(dev, 0, user, sizeof(user)));

		EXPECT_EQ(-1, wt_impersonate_token(dev, t_query, &level, &result));
		EXPECT_EQ(EACCES, errno);
		EXPECT_EQ(0, wt_impersonate_token(dev, t_imp, &level, &result));
		EXPECT_EQ(WT_SECURITY_IMPERSONATION, level);
		EXPECT_EQ(WT_UID_ALICE, thread_euid());
		EXPECT_EQ(0, wt_revert_to_self(dev));

		/* Not a token: EBADFD; not a descriptor: EBADF. */
		null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
		EXPECT_EQ(-1, wt_impersonate_token(dev, null_fd, &level, &result));
		EXPECT_EQ(EBADFD, errno);
		EXPECT_EQ(-1, wt_impersonate_token(dev, dev, &level, &result));
		EXPECT_EQ(EBADFD, errno);
		closed_fd = dup(null_fd);
		close(closed_fd);
		EXPECT_EQ(-1, wt_impersonate_token(dev, closed_fd, &level, &result));
		EXPECT_EQ(EBADF, errno);
		EXPECT_EQ(-1, wt_impersonate_token(dev, -1, &level, &result));
		EXPECT_EQ(EBADF, errno);
		EXPECT_EQ(WT_UID_SERVICE, thread_euid());
		close(null_fd);
		close(t_query);
		close(t_imp);
		CHILD_DONE();
	}
	EXPECT_EQ(0, wt_reap(svc));
	close(alice_q);
	close(alice_qd);
	close(bob_qd);
}

TEST_F(imp, impersonate_argument_errors)
{
	struct {
		struct wt_impersonate imp;
		__u64 extra;
	} big;
	struct wt_impersonate imp;
	int tok;

	tok = wt_open_process_token(self->dev, WT_TOKEN_QUERY | WT_TOKEN_DUPLICATE,
				    NULL);
	ASSERT_LE(0, tok);
	memset(&imp, 0, sizeof(imp));
	imp.size = sizeof(imp);
	imp.fd = tok;
	imp.flags = 1;
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_IMPERSONATE, &imp));
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_IMPERSONATE_PEER, &imp));
	imp.flags = 0;
	imp.reserved = 1;
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_IMPERSONATE, &imp));
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_IMPERSONATE_PEER, &imp));
	imp.reserved = 0;
	imp.level = WT_SECURITY_IMPERSONATION;
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_IMPERSONATE, &imp));
	imp.level = 0;
	imp.result = 1;
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_IMPERSONATE, &imp));
	imp.result = 0;
	imp.size = WT_IMPERSONATE_SIZE_VER0 - 4;
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_IMPERSONATE, &imp));
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_IMPERSONATE_PEER, &imp));
	/* Longer than known: the extra bytes must be zero. */
	memset(&big, 0, sizeof(big));
	big.imp.size = sizeof(big);
	big.imp.fd = tok;
	big.extra = 1;
	EXPECT_EQ(E2BIG, raw_ioctl(self->dev, WT_IOC_IMPERSONATE, &big));
	big.imp.size = 8192;
	EXPECT_EQ(E2BIG, raw_ioctl(self->dev, WT_IOC_IMPERSONATE, &big));
	EXPECT_EQ(-ENOENT, thread_level(self->dev));
	imp.size = sizeof(imp);
	EXPECT_EQ(0, raw_ioctl(self->dev, WT_IOC_IMPERSONATE, &imp));
	EXPECT_EQ(WT_SECURITY_IMPERSONATION, imp.level);
	EXPECT_EQ(0, imp.result);
	EXPECT_EQ(0, wt_revert_to_self(self->dev));
	close(tok);
}

TEST_F(imp, revert_rules)
{
	struct wt_version v;
	int tok;

	/* Not impersonating: success, nothing changes. */
	EXPECT_EQ(0, raw_ioctl(self->dev, WT_IOC_REVERT_TO_SELF, NULL));
	EXPECT_EQ(0, wt_revert_to_self(self->dev));
	EXPECT_EQ(0, thread_euid());
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_REVERT_TO_SELF, (void *)1));
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_REVERT_TO_SELF, &v));
	/* Impersonating: a bad argument leaves the impersonation in place. */
	tok = user_token(WT_UID_ALICE, WT_TOKEN_QUERY | WT_TOKEN_DUPLICATE);
	ASSERT_LE(0, tok);
	ASSERT_EQ(0, wt_impersonate_token(self->dev, tok, NULL, NULL));
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_REVERT_TO_SELF, (void *)1));
	EXPECT_EQ(WT_UID_ALICE, thread_euid());
	EXPECT_EQ(0, wt_revert_to_self(self->dev));
	EXPECT_EQ(0, thread_euid());
	EXPECT_EQ(0, wt_revert_to_self(self->dev));
	close(tok);
}

/* ---- peer impersonation errors ---- */

TEST_F(imp, impersonate_peer_errors)
{
	int unconnected, inet, pfd[2], conn, closed_fd, dgram, sv[2], client_end;
	__u32 level, result;
	char byte;

	unconnected = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, unconnected);
	EXPECT_EQ(-ENOTCONN, peer(self->dev, unconnected, &level, &result));
	EXPECT_EQ(-ENOTCONN, peer(self->dev, self->lfd, &level, &result));
	inet = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, inet);
	EXPECT_EQ(-EOPNOTSUPP, peer(self->dev, inet, &level, &result));
	ASSERT_EQ(0, pipe2(pfd, O_CLOEXEC));
	EXPECT_EQ(-ENOTSOCK, peer(self->dev, pfd[0], &level, &result));
	EXPECT_EQ(-ENOTSOCK, peer(self->dev, self->dev, &level, &result));
	closed_fd = dup(pfd[0]);
	close(closed_fd);
	EXPECT_EQ(-EBADF, peer(self->dev, closed_fd, &level, &result));
	EXPECT_EQ(-EBADF, peer(self->dev, -1, &level, &result));
	dgram = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, dgram);
	EXPECT_EQ(-EOPNOTSUPP, peer(self->dev, dgram, &level, &result));
	/* No client token bound: the client's own end, a socketpair. */
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
	EXPECT_EQ(-ENOENT, peer(self->dev, sv[0], &level, &result));
	client_end = connect_abstract(self->dev, self->sock,
				      WT_SECURITY_IMPERSONATION, 0);
	ASSERT_LE(0, client_end);
	EXPECT_EQ(-ENOENT, peer(self->dev, client_end, &level, &result));
	conn = accept_wait(self->lfd);
	ASSERT_LE(0, conn);
	EXPECT_EQ(0, peer(self->dev, conn, &level, &result));
	EXPECT_EQ(WT_SECURITY_IMPERSONATION, level);
	EXPECT_EQ(0, wt_revert_to_self(self->dev));
	close(conn);
	close(client_end);
	close(sv[0]);
	close(sv[1]);
	close(dgram);

	/* A client that is gone before the server impersonates it. */
	ASSERT_LT(0, spawn_client(WT_UID_ALICE, WT_SECURITY_IMPERSONATION, 0,
				  CLIENT_CLOSE));
	conn = accept_wait(self->lfd);
	ASSERT_LE(0, conn);
	EXPECT_EQ(0, read(conn, &byte, 1));	/* EOF: the client closed */
	EXPECT_EQ(-ENOTCONN, peer(self->dev, conn, &level, &result));
	EXPECT_EQ(-ENOENT, thread_level(self->dev));
	EXPECT_EQ(0, thread_euid());
	close(conn);
	close(unconnected);
	close(inet);
	close(pfd[0]);
	close(pfd[1]);
}

TEST_F(imp, set_connect_qos_errors)
{
	struct wt_socket_qos qos;
	int fd, pfd[2], closed_fd;
	__u32 level;

	for (level = WT_SECURITY_ANONYMOUS; level <= WT_SECURITY_DELEGATION; level++) {
		fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		ASSERT_LE(0, fd);
		EXPECT_EQ(0, wt_set_connect_qos(self->dev, fd, level, 0));
		EXPECT_EQ(0, wt_set_connect_qos(self->dev, fd, level,
						WT_QOS_EFFECTIVE_ONLY));
		close(fd);
	}
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, fd);
	EXPECT_EQ(0, wt_set_connect_qos(self->dev, fd, WT_SECURITY_IMPERSONATION, 0));
	close(fd);

	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, wt_set_connect_qos(self->dev, fd, WT_SECURITY_DELEGATION + 1, 0));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, wt_set_connect_qos(self->dev, fd, WT_SECURITY_IMPERSONATION, 2));
	EXPECT_EQ(EINVAL, errno);
	memset(&qos, 0, sizeof(qos));
	qos.size = sizeof(qos);
	qos.fd = fd;
	qos.level = WT_SECURITY_IMPERSONATION;
	qos.reserved = 1;
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_SET_CONNECT_QOS, &qos));
	qos.reserved = 0;
	qos.size = WT_SOCKET_QOS_SIZE_VER0 - 8;
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_SET_CONNECT_QOS, &qos));
	close(fd);

	/* Not for listening or datagram sockets. */
	EXPECT_EQ(-1, wt_set_connect_qos(self->dev, self->lfd,
					 WT_SECURITY_IMPERSONATION, 0));
	EXPECT_EQ(EINVAL, errno);
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, wt_set_connect_qos(self->dev, fd, WT_SECURITY_IMPERSONATION, 0));
	EXPECT_EQ(EOPNOTSUPP, errno);
	close(fd);

	/* Connected already: too late. */
	fd = connect_abstract(self->dev, self->sock, NO_QOS, 0);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, wt_set_connect_qos(self->dev, fd, WT_SECURITY_IMPERSONATION, 0));
	EXPECT_EQ(EISCONN, errno);
	close(fd);

	ASSERT_EQ(0, pipe2(pfd, O_CLOEXEC));
	EXPECT_EQ(-1, wt_set_connect_qos(self->dev, pfd[0], WT_SECURITY_IMPERSONATION, 0));
	EXPECT_EQ(ENOTSOCK, errno);
	closed_fd = dup(pfd[0]);
	close(closed_fd);
	EXPECT_EQ(-1, wt_set_connect_qos(self->dev, closed_fd,
					 WT_SECURITY_IMPERSONATION, 0));
	EXPECT_EQ(EBADF, errno);
	close(pfd[0]);
	close(pfd[1]);
}

/* ---- OpenThreadToken ---- */

struct imp_thread {
	int dev;
	int tok;	/* impersonate this, or -1 */
	pid_t tid;
	pthread_barrier_t *barrier;
};

static void *imp_thread_main(void *arg)
{
	struct imp_thread *t = arg;

	t->tid = thread_id();
	if (t->tok >= 0 && wt_impersonate_token(t->dev, t->tok, NULL, NULL))
		t->tid = -errno;
	pthread_barrier_wait(t->barrier);	/* the main thread looks */
	pthread_barrier_wait(t->barrier);
	if (t->tok >= 0)
		wt_revert_to_self(t->dev);
	return NULL;
}

TEST_F(imp, open_thread_token_rules)
{
	struct imp_thread a = { .dev = self->dev }, b = { .dev = self->dev };
	struct wt_open_thread_token ot;
	pthread_barrier_t barrier;
	pthread_t ta, tb;
	__u32 granted = 0;
	char user[192];
	int tok, fd;
	pid_t child;

	EXPECT_EQ(-ENOENT, thread_user(self->dev, 0, user, sizeof(user)));
	EXPECT_EQ(-ENOENT, thread_user(self->dev, thread_id(), user, sizeof(user)));

	tok = user_token(WT_UID_ALICE, WT_TOKEN_QUERY | WT_TOKEN_DUPLICATE);
	ASSERT_LE(0, tok);
	pthread_barrier_init(&barrier, NULL, 3);
	a.tok = tok;
	b.tok = -1;
	a.barrier = &barrier;
	b.barrier = &barrier;
	ASSERT_EQ(0, pthread_create(&ta, NULL, imp_thread_main, &a));
	ASSERT_EQ(0, pthread_create(&tb, NULL, imp_thread_main, &b));
	pthread_barrier_wait(&barrier);
	ASSERT_LT(0, a.tid);
	EXPECT_EQ(0, thread_user(self->dev, a.tid, user, sizeof(user)));
	EXPECT_STREQ(SID_ALICE, user);
	EXPECT_EQ(-ENOENT, thread_user(self->dev, b.tid, user, sizeof(user)));
	EXPECT_EQ(-ENOENT, thread_user(self->dev, 0, user, sizeof(user)));
	pthread_barrier_wait(&barrier);
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);

	/* Not a thread of this process, or no thread at all. */
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		pause();
		_exit(0);
	}
	EXPECT_EQ(-EPERM, thread_user(self->dev, child, user, sizeof(user)));
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	EXPECT_EQ(-ESRCH, thread_user(self->dev, child, user, sizeof(user)));
	EXPECT_EQ(-EINVAL, thread_user(self->dev, -1, user, sizeof(user)));

	/* Its own thread token: anything within TOKEN_ALL_ACCESS. */
	ASSERT_EQ(0, wt_impersonate_token(self->dev, tok, NULL, NULL));
	fd = wt_open_thread_token(self->dev, 0, 0, WT_TOKEN_ALL_ACCESS, &granted);
	EXPECT_LE(0, fd);
	EXPECT_EQ(WT_TOKEN_ALL_ACCESS, granted);
	EXPECT_EQ(FD_CLOEXEC, fcntl(fd, F_GETFD) & FD_CLOEXEC);
	close(fd);
	fd = wt_open_thread_token(self->dev, 0, WT_OPEN_AS_SELF, WT_TOKEN_QUERY,
				  &granted);
	EXPECT_LE(0, fd);
	EXPECT_EQ(WT_TOKEN_QUERY, granted);
	close(fd);
	EXPECT_EQ(-1, wt_open_thread_token(self->dev, 0, 2, WT_TOKEN_QUERY, NULL));
	EXPECT_EQ(EINVAL, errno);
	memset(&ot, 0, sizeof(ot));
	ot.size = sizeof(ot);
	ot.desired_access = WT_TOKEN_QUERY;
	ot.reserved = 1;
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_OPEN_THREAD_TOKEN, &ot));
	ot.reserved = 0;
	ot.size = WT_OPEN_THREAD_TOKEN_SIZE_VER0 - 4;
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_OPEN_THREAD_TOKEN, &ot));
	EXPECT_EQ(0, wt_revert_to_self(self->dev));
	close(tok);
}

/* ---- DuplicateTokenEx ---- */

TEST_F(imp, duplicate_token_rules)
{
	struct wt_duplicate_token dup;
	int prim, prim_q, imp[4], up, fd;
	__u32 level, result, granted = 0;

	prim = user_token(WT_UID_ALICE, WT_TOKEN_ALL_ACCESS);
	prim_q = user_token(WT_UID_ALICE, WT_TOKEN_QUERY);
	ASSERT_LE(0, prim);
	ASSERT_LE(0, prim_q);

	/* A primary token becomes an impersonation token at any level. */
	for (level = WT_SECURITY_ANONYMOUS; level <= WT_SECURITY_DELEGATION; level++) {
		imp[level] = wt_duplicate_token(prim, 0, WT_TOKEN_IMPERSONATION,
						level, &granted);
		ASSERT_LE(0, imp[level]) TH_LOG("level %u: %s", level, strerror(errno));
		EXPECT_EQ(WT_TOKEN_ALL_ACCESS, granted);
		EXPECT_EQ(WT_TOKEN_IMPERSONATION, fd_u32(imp[level], WT_TOKEN_INFO_TYPE));
		EXPECT_EQ(level, fd_u32(imp[level], WT_TOKEN_INFO_IMPERSONATION_LEVEL));
	}
	/* Never raised; lowered or kept is fine. */
	up = wt_duplicate_token(imp[WT_SECURITY_IDENTIFICATION], 0,
				WT_TOKEN_IMPERSONATION, WT_SECURITY_IMPERSONATION, NULL);
	EXPECT_EQ(-1, up);
	EXPECT_EQ(EBADIMPLEVEL_ERRNO, errno);
	up = wt_duplicate_token(imp[WT_SECURITY_IMPERSONATION], 0,
				WT_TOKEN_IMPERSONATION, WT_SECURITY_DELEGATION, NULL);
	EXPECT_EQ(-1, up);
	EXPECT_EQ(EBADIMPLEVEL_ERRNO, errno);
	up = wt_duplicate_token(imp[WT_SECURITY_ANONYMOUS], 0,
				WT_TOKEN_IMPERSONATION, WT_SECURITY_IDENTIFICATION, NULL);
	EXPECT_EQ(-1, up);
	EXPECT_EQ(EBADIMPLEVEL_ERRNO, errno);
	fd = wt_duplicate_token(imp[WT_SECURITY_IDENTIFICATION], WT_TOKEN_QUERY,
				WT_TOKEN_IMPERSONATION, WT_SECURITY_IDENTIFICATION,
				&granted);
	EXPECT_LE(0, fd);
	EXPECT_EQ(WT_TOKEN_QUERY, granted);
	close(fd);
	fd = wt_duplicate_token(imp[WT_SECURITY_DELEGATION], 0,
				WT_TOKEN_IMPERSONATION, WT_SECURITY_ANONYMOUS, NULL);
	EXPECT_LE(0, fd);
	EXPECT_EQ(WT_SECURITY_ANONYMOUS, fd_u32(fd, WT_TOKEN_INFO_IMPERSONATION_LEVEL));
	close(fd);

	/* A primary token only from Impersonation level up. */
	fd = wt_duplicate_token(imp[WT_SECURITY_IDENTIFICATION], 0, WT_TOKEN_PRIMARY,
				WT_SECURITY_IMPERSONATION, NULL);
	EXPECT_EQ(-1, fd);
	EXPECT_EQ(EBADIMPLEVEL_ERRNO, errno);
	fd = wt_duplicate_token(imp[WT_SECURITY_IMPERSONATION], 0, WT_TOKEN_PRIMARY,
				WT_SECURITY_IMPERSONATION, NULL);
	EXPECT_LE(0, fd);
	EXPECT_EQ(WT_TOKEN_PRIMARY, fd_u32(fd, WT_TOKEN_INFO_TYPE));
	close(fd);

	/* Impersonating a duplicate: at its own level. */
	ASSERT_EQ(0, wt_impersonate_token(self->dev, imp[WT_SECURITY_IDENTIFICATION],
					  &level, &result));
	EXPECT_EQ(WT_SECURITY_IDENTIFICATION, level);
	EXPECT_EQ(EBADIMPLEVEL_ERRNO, wt_open_errno(self->public_file, O_RDONLY));
	ASSERT_EQ(0, wt_impersonate_token(self->dev, imp[WT_SECURITY_DELEGATION],
					  &level, &result));
	EXPECT_EQ(WT_SECURITY_DELEGATION, level);
	EXPECT_EQ(0, wt_open_errno(self->alice_file, O_RDONLY));
	EXPECT_EQ(0, wt_revert_to_self(self->dev));

	/* Argument errors. */
	EXPECT_EQ(-1, wt_duplicate_token(prim_q, 0, WT_TOKEN_IMPERSONATION,
					 WT_SECURITY_IDENTIFICATION, NULL));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(-1, wt_duplicate_token(prim, 0, 0, WT_SECURITY_IDENTIFICATION, NULL));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, wt_duplicate_token(prim, 0, 3, WT_SECURITY_IDENTIFICATION, NULL));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, wt_duplicate_token(prim, 0, WT_TOKEN_IMPERSONATION,
					 WT_SECURITY_DELEGATION + 1, NULL));
	EXPECT_EQ(EINVAL, errno);
	memset(&dup, 0, sizeof(dup));
	dup.size = sizeof(dup);
	dup.type = WT_TOKEN_IMPERSONATION;
	dup.level = WT_SECURITY_IDENTIFICATION;
	dup.flags = 1;
	EXPECT_EQ(EINVAL, raw_ioctl(prim, WT_IOC_DUPLICATE_TOKEN, &dup));
	dup.flags = 0;
	dup.reserved = 1;
	EXPECT_EQ(EINVAL, raw_ioctl(prim, WT_IOC_DUPLICATE_TOKEN, &dup));
	dup.reserved = 0;
	dup.size = WT_DUPLICATE_TOKEN_SIZE_VER0 - 8;
	EXPECT_EQ(EINVAL, raw_ioctl(prim, WT_IOC_DUPLICATE_TOKEN, &dup));

	for (level = WT_SECURITY_ANONYMOUS; level <= WT_SECURITY_DELEGATION; level++)
		close(imp[level]);
	close(prim);
	close(prim_q);
}

/* ---- an impersonating service's own connection passes on its client ---- */

TEST_F(imp, chained_connection_carries_the_original_client)
{
	static const __u32 allowed[] = {
		WT_SECURITY_IMPERSONATION, WT_SECURITY_DELEGATION,
		WT_SECURITY_IDENTIFICATION,
	};
	char name[80];
	pid_t svc;
	int i, lb;

	/*
	 * B takes A's client at every level, Identification included, and a
	 * thread impersonating at Identification may connect only to a
	 * socket without an SD: B's has none (bound by root, inherited).
	 */
	snprintf(name, sizeof(name), "%s.b", self->sock);
	lb = listen_abstract_sd(name, false);
	ASSERT_LE(0, lb);
	for (i = 0; i < 3; i++)
		ASSERT_LT(0, spawn_client(WT_UID_ALICE, allowed[i], 0, CLIENT_STAY));
	svc = fork();
	ASSERT_LE(0, svc);
	if (svc == 0) {
		int dev = become_service(), conn, out, in, qos = -1;
		__u32 level, result, a_level;
		char user[192];

		for (i = 0; i < 3; i++) {
			conn = accept_client_qos(self->lfd, NULL, &qos);
			EXPECT_LE(0, conn);
			CHILD_BAIL_IF_FAILED();
			/* Service A impersonates alice, connects to B allowing Delegation. */
			EXPECT_EQ(0, peer(dev, conn, &a_level, &result));
			EXPECT_EQ(qos, a_level);
			out = connect_abstract(dev, name, WT_SECURITY_DELEGATION, 0);
			EXPECT_LE(0, out) TH_LOG("connect: %s", strerror(errno));
			EXPECT_EQ(0, wt_revert_to_self(dev));
			CHILD_BAIL_IF_FAILED();
			/* B sees alice, at no more than A had. */
			in = accept_wait(lb);
			EXPECT_LE(0, in);
			CHILD_BAIL_IF_FAILED();
			EXPECT_EQ(0, peer(dev, in, &level, &result));
			EXPECT_EQ(a_level, level) TH_LOG("alice allowed %d", qos);
			EXPECT_EQ(0, result);
			EXPECT_EQ(0, thread_user(dev, 0, user, sizeof(user)));
			EXPECT_STREQ(SID_ALICE, user);
			EXPECT_EQ(0, wt_revert_to_self(dev));
			close(in);
			close(out);
			close(conn);
		}
		/* A not impersonating: B sees the service itself. */
		out = connect_abstract(dev, name, WT_SECURITY_DELEGATION, 0);
		in = accept_wait(lb);
		EXPECT_LE(0, out);
		EXPECT_LE(0, in);
		EXPECT_EQ(0, peer(dev, in, &level, &result));
		EXPECT_EQ(WT_SECURITY_DELEGATION, level);
		EXPECT_EQ(0, thread_user(dev, 0, user, sizeof(user)));
		EXPECT_STREQ(SID_SERVICE, user);
		EXPECT_EQ(0, wt_revert_to_self(dev));
		close(in);
		close(out);
		close(lb);
		CHILD_DONE();
	}
	close(lb);
	EXPECT_EQ(0, wt_reap(svc));
}

/* ---- counters ---- */

TEST_F(imp, counters_are_read_only_and_count)
{
	static const char *const names[] = {
		"impersonations", "impersonation_capped", "reverts",
		"peer_impersonations",
	};
	long imp0, rev0;
	struct stat st;
	char path[128];
	size_t i;
	int tok;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		snprintf(path, sizeof(path), PARAM_DIR "%s", names[i]);
		ASSERT_EQ(0, stat(path, &st)) TH_LOG("%s: %s", path, strerror(errno));
		EXPECT_EQ(0, st.st_mode & 0222) TH_LOG("%s is writable", names[i]);
		EXPECT_LE(0, wt_read_param(names[i]));
	}
	imp0 = wt_read_param("impersonations");
	rev0 = wt_read_param("reverts");
	tok = wt_open_process_token(self->dev, WT_TOKEN_QUERY | WT_TOKEN_DUPLICATE,
				    NULL);
	ASSERT_LE(0, tok);
	ASSERT_EQ(0, wt_impersonate_token(self->dev, tok, NULL, NULL));
	ASSERT_EQ(0, wt_revert_to_self(self->dev));
	EXPECT_LE(imp0 + 1, wt_read_param("impersonations"));
	EXPECT_LE(rev0 + 1, wt_read_param("reverts"));
	close(tok);
}

TEST_HARNESS_MAIN
