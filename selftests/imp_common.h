/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the imp_*_test.c selftests share: the accounts, the calling
 * thread's Linux ids, token queries, the abstract AF_UNIX socket a service
 * listens on, and the fixture (files, a listening socket, clients). Each
 * test file includes the harness, libwintok.h, wt_test.h and wt_sd_build.h
 * first.
 */
#ifndef WT_IMP_COMMON_H
#define WT_IMP_COMMON_H

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
static inline long steady(const char *name)
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
static inline void become_account(uid_t uid)
{
	const struct account *a = account_of(uid);

	if (!uid)
		return;
	if (!a || setgroups(a->ngroups, a->groups) ||
	    setresgid(a->gid, a->gid, a->gid) || setresuid(uid, uid, uid))
		_exit(99);
}

/* In a forked child: become the service account (its token is derived now). */
static inline int become_service(void)
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

static inline void get_ids(struct ids *id)
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

static inline bool has_group(const struct ids *id, gid_t g)
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
static inline bool groups_are(const struct ids *id, const struct account *a)
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

static inline long thread_euid(void)
{
	return syscall(SYS_geteuid);
}

static inline pid_t thread_id(void)
{
	return (pid_t)syscall(SYS_gettid);
}

/* ---- tokens ---- */

/*
 * The user of the token @fd just opened (closed here; -1: the open
 * failed, errno set) into @buf; 0 or -errno.
 */
static inline int opened_token_user(int fd, char *buf, size_t size)
{
	int err;

	buf[0] = '\0';
	if (fd < 0)
		return -errno;
	err = wt_token_user(fd, buf, size);
	close(fd);
	return err;
}

/* The user of thread @tid's token (0: the calling thread); 0 or -errno. */
static inline int thread_user(int dev, pid_t tid, char *buf, size_t size)
{
	return opened_token_user(wt_open_thread_token(dev, tid, 0,
						      WT_TOKEN_QUERY, NULL),
				 buf, size);
}

/* The user of the calling process's primary token; 0 or -errno. */
static inline int process_user(int dev, char *buf, size_t size)
{
	return opened_token_user(wt_open_process_token(dev, WT_TOKEN_QUERY,
						       NULL), buf, size);
}

/* A __u32 class of token @fd, or -errno. */
static inline long fd_u32(int fd, __u32 cls)
{
	__u32 v;

	if (wt_get_token_information(fd, cls, &v, sizeof(v), NULL))
		return -errno;
	return v;
}

/* The level of the calling thread's token, or -errno. */
static inline long thread_level(int dev)
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
static inline int set_impersonate_privilege(int dev, bool on)
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

static inline socklen_t abstract_addr(struct sockaddr_un *addr, const char *name)
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
static inline int listen_abstract_sd(const char *name, bool governed)
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

static inline int listen_abstract(const char *name)
{
	return listen_abstract_sd(name, true);
}

/*
 * Connect to @name with QoS @level (NO_QOS: none) and @flags; the fd, or
 * -1 with errno set.
 */
static inline int connect_abstract(int dev, const char *name, int level, __u32 flags)
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
static inline int user_token(uid_t uid, __u32 desired)
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

static inline int make_file(const char *path, uid_t owner, mode_t mode,
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
static inline pid_t spawn_client_to(const char *sock, pid_t *slot,
				    uid_t uid, int level, __u32 flags,
				    enum client_mode mode)
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
static inline int accept_wait(int lfd)
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
static inline int accept_client_qos(int lfd, uid_t *uid, int *qos)
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

static inline int accept_client(int lfd, uid_t *uid)
{
	return accept_client_qos(lfd, uid, NULL);
}

/* Impersonate the client of @conn; 0 or -errno; level and result out. */
static inline int peer(int dev, int conn, __u32 *level, __u32 *result)
{
	*level = 99;
	*result = 99;
	return wt_impersonate_peer(dev, conn, level, result) ? -errno : 0;
}

/*
 * The service child's first steps, the same in every test of a gate:
 * accept the next client on @lfd and impersonate it through @dev, which
 * must give the thread @want_level with the gate's result @want_result.
 * Returns the connection; a child that could not accept exits failed.
 */
static inline int serve_next_client(struct __test_metadata *const _metadata,
				    int dev, int lfd, __u32 want_level,
				    __u32 want_result)
{
	__u32 level, result;
	int conn = accept_client(lfd, NULL);

	EXPECT_LE(0, conn);
	CHILD_BAIL_IF_FAILED();
	EXPECT_EQ(0, peer(dev, conn, &level, &result));
	EXPECT_EQ(want_level, level);
	EXPECT_EQ(want_result, result);
	return conn;
}

/* The token of thread @tid (0: the caller) on @dev must have user @sid. */
static inline void expect_thread_user(struct __test_metadata *const _metadata,
				      int dev, pid_t tid, const char *sid)
{
	char user[192];

	EXPECT_EQ(0, thread_user(dev, tid, user, sizeof(user)));
	EXPECT_STREQ(sid, user);
}

/* A raw ioctl with a caller-made argument; 0 or errno. */
static inline int raw_ioctl(int fd, unsigned long cmd, void *arg)
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

#endif /* WT_IMP_COMMON_H */
