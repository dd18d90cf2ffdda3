// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests, generic netlink: the audit group: a denied open by a
 * thread that impersonates produces exactly one event naming the service,
 * the thread, the client and the path; privilege use; a flood of denials.
 * Runs as root in the VM.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>
#include <linux/audit.h>
#include <linux/genetlink.h>
#include <linux/wintok.h>

#include "kselftest_harness.h"
#include "wt_test.h"
#include "wt_sd_build.h"
#include "libwintok.h"
#include "wtnl.h"
#include "nl_common.h"

/* ---- audit ---- */

struct svc_result {
	pid_t tid;
	int open_errno;
	int imp_errno;
	uint32_t level;
};

struct svc_thread {
	int dev, conn;
	struct svc_result res;
};

static void *svc_thread(void *arg)
{
	struct svc_thread *t = arg;
	struct wt_impersonate a = { .size = sizeof(a), .fd = t->conn };
	int fd;

	t->res.tid = syscall(SYS_gettid);
	if (ioctl(t->dev, WT_IOC_IMPERSONATE_PEER, &a)) {
		t->res.imp_errno = errno;
		return NULL;
	}
	t->res.level = a.level;
	fd = open(AUDIT_FILE, O_RDONLY);
	t->res.open_errno = fd < 0 ? errno : 0;
	if (fd >= 0)
		close(fd);
	ioctl(t->dev, WT_IOC_REVERT_TO_SELF, 0);
	return NULL;
}

/* The service: accept bob, impersonate him on a thread, report. */
static void service(int listener, int report)
{
	struct svc_thread t = { 0 };
	pthread_t th;
	char c;

	wt_become_user(WT_UID_SERVICE, WT_GID_USERS);
	t.dev = open("/dev/wintok", O_RDWR);
	t.conn = accept(listener, NULL, NULL);
	if (t.dev < 0 || t.conn < 0 || read(t.conn, &c, 1) != 1)
		_exit(2);
	pthread_create(&th, NULL, svc_thread, &t);
	pthread_join(th, NULL);
	if (write(report, &t.res, sizeof(t.res)) != sizeof(t.res))
		_exit(3);
	write(t.conn, "y", 1);
	_exit(0);
}

static void client_bob(void)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct wt_socket_qos q = { .size = sizeof(q), .level = WT_SECURITY_IMPERSONATION };
	int dev, s;
	char c = 'x';

	wt_become_user(WT_UID_BOB, WT_GID_USERS);
	dev = open("/dev/wintok", O_RDWR);
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	q.fd = s;
	if (dev < 0 || ioctl(dev, WT_IOC_SET_CONNECT_QOS, &q))
		_exit(2);
	strcpy(sa.sun_path, AUDIT_SOCK);
	if (connect(s, (struct sockaddr *)&sa, sizeof(sa)) || write(s, &c, 1) != 1)
		_exit(3);
	read(s, &c, 1);
	_exit(0);
}

struct events {
	pid_t tid;
	int denied;		/* access denials by @tid for AUDIT_FILE */
	int other_denied;	/* other denials by @tid */
	bool started, ended;
	bool user_ok, client_ok, level_ok, pid_ok, masks_ok;
	int imp_priv;		/* SeImpersonatePrivilege uses by @tid */
	bool imp_priv_ok;
	pid_t pid;
};

static int event_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[WT_A_MAX + 1];
	struct events *ev = data;
	uint32_t type;

	wtnl_attrs(nlh, tb);
	if (!tb[WT_A_EV_TYPE] || !tb[WT_A_EV_TID] || !tb[WT_A_EV_SEQ])
		return MNL_CB_ERROR;
	if ((pid_t)mnl_attr_get_u32(tb[WT_A_EV_TID]) != ev->tid)
		return MNL_CB_OK;
	type = mnl_attr_get_u32(tb[WT_A_EV_TYPE]);
	if (type == WT_AUDIT_IMP_START)
		ev->started = true;
	if (type == WT_AUDIT_IMP_END)
		ev->ended = true;
	/* Bob is another user: the service's privilege decided, and says so. */
	if (type == WT_AUDIT_PRIVILEGE_USE && tb[WT_A_EV_OP] &&
	    !strcmp(mnl_attr_get_str(tb[WT_A_EV_OP]), "impersonate")) {
		ev->imp_priv++;
		ev->imp_priv_ok = tb[WT_A_EV_PRIVILEGE] &&
			mnl_attr_get_u32(tb[WT_A_EV_PRIVILEGE]) == WT_SE_IMPERSONATE_PRIVILEGE &&
			attr_is_sid(tb[WT_A_EV_USER_SID], "S-1-22-1-1100") &&
			attr_is_sid(tb[WT_A_EV_CLIENT_SID], "S-1-22-1-1002") &&
			tb[WT_A_EV_LEVEL] &&
			mnl_attr_get_u32(tb[WT_A_EV_LEVEL]) == WT_SECURITY_IMPERSONATION;
	}
	if (type != WT_AUDIT_ACCESS_DENIED)
		return MNL_CB_OK;
	if (!tb[WT_A_EV_PATH] || strcmp(mnl_attr_get_str(tb[WT_A_EV_PATH]), AUDIT_FILE)) {
		ev->other_denied++;
		return MNL_CB_OK;
	}
	ev->denied++;
	ev->user_ok = attr_is_sid(tb[WT_A_EV_USER_SID], "S-1-22-1-1100");
	ev->client_ok = attr_is_sid(tb[WT_A_EV_CLIENT_SID], "S-1-22-1-1002");
	ev->level_ok = tb[WT_A_EV_LEVEL] &&
		       mnl_attr_get_u32(tb[WT_A_EV_LEVEL]) == WT_SECURITY_IMPERSONATION;
	ev->pid_ok = tb[WT_A_EV_PID] && (pid_t)mnl_attr_get_u32(tb[WT_A_EV_PID]) == ev->pid;
	ev->masks_ok = tb[WT_A_EV_DESIRED] && tb[WT_A_EV_GRANTED] &&
		       mnl_attr_get_u32(tb[WT_A_EV_DESIRED]) == WT_FILE_READ_DATA &&
		       mnl_attr_get_u32(tb[WT_A_EV_GRANTED]) == 0;
	return MNL_CB_OK;
}

TEST_F(nl, audit_denial_while_impersonating)
{
	struct rule r = { WT_POLICY_UID, WT_UID_SERVICE, P(IMPERSONATE) };
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct events ev = { 0 };
	struct svc_result res;
	int fd, l, pipefd[2], status;
	pid_t svc, cli;

	ASSERT_EQ(0, set_policy(&self->nl, &r, 1, OK));
	ASSERT_EQ(0, wtnl_join_audit(&self->nl));

	/* alice's file, readable by everyone for Linux, by alice for wintok. */
	unlink(AUDIT_FILE);
	fd = open(AUDIT_FILE, O_CREAT | O_WRONLY, 0644);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, fchown(fd, WT_UID_ALICE, WT_GID_USERS));
	close(fd);
	ASSERT_EQ(0, wt_set_dacl_only(AUDIT_FILE, WT_SID_ALICE)) {
		TH_LOG("set SD: %s", strerror(errno));
	}

	l = socket(AF_UNIX, SOCK_STREAM, 0);
	unlink(AUDIT_SOCK);
	strcpy(sa.sun_path, AUDIT_SOCK);
	ASSERT_EQ(0, bind(l, (struct sockaddr *)&sa, sizeof(sa)));
	ASSERT_EQ(0, listen(l, 2));
	ASSERT_EQ(0, chmod(AUDIT_SOCK, 0777));
	ASSERT_EQ(0, pipe(pipefd));
	svc = fork();
	if (svc == 0)
		service(l, pipefd[1]);
	cli = fork();
	if (cli == 0)
		client_bob();
	ASSERT_EQ((ssize_t)sizeof(res), read(pipefd[0], &res, sizeof(res)));
	ASSERT_EQ(cli, waitpid(cli, &status, 0));
	EXPECT_EQ(0, status);
	ASSERT_EQ(svc, waitpid(svc, &status, 0));
	EXPECT_EQ(0, status);
	ASSERT_EQ(0, res.imp_errno);
	ASSERT_EQ(WT_SECURITY_IMPERSONATION, res.level);
	ASSERT_EQ(EACCES, res.open_errno);

	/* Events arrive in order: read up to the thread's revert. */
	ev.tid = res.tid;
	ev.pid = svc;
	while (!ev.ended) {
		ASSERT_EQ(0, read_events(&self->nl, event_cb, &ev)) {
			TH_LOG("no revert event within 10 s");
		}
	}
	EXPECT_TRUE(ev.started);
	EXPECT_EQ(1, ev.imp_priv);
	EXPECT_TRUE(ev.imp_priv_ok);
	EXPECT_EQ(1, ev.denied);
	EXPECT_EQ(0, ev.other_denied);
	EXPECT_TRUE(ev.user_ok);
	EXPECT_TRUE(ev.client_ok);
	EXPECT_TRUE(ev.level_ok);
	EXPECT_TRUE(ev.pid_ok);
	EXPECT_TRUE(ev.masks_ok);
	close(l);
	unlink(AUDIT_SOCK);
	unlink(AUDIT_FILE);
}

/* ---- privilege use ---- */

#define PRIV_FILE "/tmp/nl_priv"

/* A child writes security.wintok raw, with SeRestore enabled or not. */
static pid_t raw_xattr_writer(bool enable, const uint8_t *sd, size_t len)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (enable && wt_enable_privilege(WT_SE_RESTORE_PRIVILEGE))
			_exit(2);
		if (setxattr(PRIV_FILE, WT_XATTR_NAME, sd, len, 0))
			_exit(errno == EPERM ? 3 : 4);
		_exit(0);
	}
	return pid;
}

struct priv_events {
	pid_t with, without;
	int with_seen, without_seen;
	bool ok;
};

static int priv_event_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[WT_A_MAX + 1];
	struct priv_events *pe = data;
	pid_t tid;

	wtnl_attrs(nlh, tb);
	if (!tb[WT_A_EV_TYPE] || !tb[WT_A_EV_TID])
		return MNL_CB_ERROR;
	if (mnl_attr_get_u32(tb[WT_A_EV_TYPE]) != WT_AUDIT_PRIVILEGE_USE)
		return MNL_CB_OK;
	tid = mnl_attr_get_u32(tb[WT_A_EV_TID]);
	if (tid == pe->without)
		pe->without_seen++;
	if (tid != pe->with)
		return MNL_CB_OK;
	pe->with_seen++;
	pe->ok = tb[WT_A_EV_PRIVILEGE] &&
		 mnl_attr_get_u32(tb[WT_A_EV_PRIVILEGE]) == WT_SE_RESTORE_PRIVILEGE &&
		 attr_is_sid(tb[WT_A_EV_USER_SID], "S-1-22-1-0") &&
		 !tb[WT_A_EV_CLIENT_SID] && tb[WT_A_EV_OP] &&
		 !strcmp(mnl_attr_get_str(tb[WT_A_EV_OP]), "xattr");
	return MNL_CB_OK;
}

TEST_F(nl, audit_privilege_use)
{
	struct priv_events pe = { 0 };
	uint8_t sd[192];
	size_t len = sd_allow_only("S-1-22-1-0", sd);
	int fd;

	ASSERT_EQ(0, wtnl_join_audit(&self->nl));
	fd = open(PRIV_FILE, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	ASSERT_LE(0, fd);
	close(fd);
	pe.without = raw_xattr_writer(false, sd, len);
	EXPECT_EQ(3, wt_reap(pe.without));	/* EPERM: not enabled */
	pe.with = raw_xattr_writer(true, sd, len);
	EXPECT_EQ(0, wt_reap(pe.with));
	while (!pe.with_seen) {
		ASSERT_EQ(0, read_events(&self->nl, priv_event_cb, &pe)) {
			TH_LOG("no privilege use event within 10 s");
		}
	}
	EXPECT_EQ(1, pe.with_seen);
	EXPECT_EQ(0, pe.without_seen);
	EXPECT_TRUE(pe.ok);
	/* Its owner (root) may delete it; an SD the check cannot read would refuse. */
	EXPECT_EQ(0, unlink(PRIV_FILE));
}

/*
 * A flood of denials: the system stays responsive, every event is either
 * sent or counted as dropped, and the rate limit drops most of them.
 */
#define FLOOD 100000
/* The flood stops here if it is not done (a debug kernel under TCG). */
#define FLOOD_SECS 60
#define FLOOD_FILE "/tmp/nl_flood"

/* Seconds since @t0; @t1 is set to now. */
static double flood_secs(const struct timespec *t0, struct timespec *t1)
{
	clock_gettime(CLOCK_MONOTONIC, t1);
	return (t1->tv_sec - t0->tv_sec) + (t1->tv_nsec - t0->tv_nsec) / 1e9;
}

/*
 * The flood is FLOOD opens or FLOOD_SECS seconds, whichever comes first;
 * the counts are checked against the denials it made.
 */
TEST_F(nl, audit_flood)
{
	int received = 0, gaps = 0, out_of_order = 0, rcvbuf = 64 << 20;
	int denials;
	double limit;
	uint64_t sent, dropped, last_seq = 0;
	struct stats a, b;
	struct wtnl ev;
	struct timespec t0, t1;
	int fd, i, tries;
	double secs;

	fd = open(FLOOD_FILE, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	ASSERT_LE(0, fd);
	close(fd);
	ASSERT_EQ(0, wt_set_dacl_only(FLOOD_FILE, WT_SID_ALICE));	/* not root */

	/* A listener: sequence numbers increase, with gaps for the drops. */
	ASSERT_EQ(0, wtnl_open(&ev));
	ASSERT_EQ(0, wtnl_join_audit(&ev));
	/* Room for every event that can pass the rate limit meanwhile. */
	ASSERT_EQ(0, setsockopt(mnl_socket_get_fd(ev.sock), SOL_SOCKET,
				SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)));
	ASSERT_EQ(0, call_u32(&self->nl, WT_CMD_GET_STATS, 0, 0, stats_cb, &a));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < FLOOD; i++) {
		fd = open(FLOOD_FILE, O_RDONLY);
		if (fd >= 0 || errno != EACCES)
			break;
		if (i % 1024 == 1023 && flood_secs(&t0, &t1) > FLOOD_SECS) {
			i++;
			break;
		}
	}
	ASSERT_TRUE(i == FLOOD || flood_secs(&t0, &t1) > FLOOD_SECS) {
		TH_LOG("open %d was not refused: %s", i, strerror(errno));
	}
	/*
	 * A flood shorter than the limit's one-second window ends with
	 * drops only; one denial in the next window is an event after them.
	 */
	usleep(1100000);
	fd = open(FLOOD_FILE, O_RDONLY);
	ASSERT_TRUE(fd < 0 && errno == EACCES);
	denials = i + 1;
	secs = flood_secs(&t0, &t1);
	/* What the limit lets through while the flood and the worker run. */
	limit = 1000 * (secs + 2) + 1000;
	TH_LOG("%d denials in %.1f s (at most %.0f events)", denials, secs,
	       limit);

	/* Wait for the worker to finish what it queued. */
	for (tries = 0; tries < 50; tries++) {
		ASSERT_EQ(0, call_u32(&self->nl, WT_CMD_GET_STATS, 0, 0, stats_cb, &b));
		sent = b.v[WT_A_STAT_AUDIT_EVENTS] - a.v[WT_A_STAT_AUDIT_EVENTS];
		dropped = b.v[WT_A_STAT_AUDIT_DROPPED] - a.v[WT_A_STAT_AUDIT_DROPPED];
		if (sent + dropped >= denials)
			break;
		usleep(100000);
	}
	TH_LOG("%llu events sent, %llu dropped", (unsigned long long)sent,
	       (unsigned long long)dropped);
	/*
	 * Every denial is counted once; the worker may also have handled a
	 * few logoffs of earlier tests' processes, whose last tokens go
	 * after an RCU grace period.
	 */
	EXPECT_LE(denials, sent + dropped);
	EXPECT_GE(denials + 32, sent + dropped);
	/* The limit is 1000 a second with a burst of as many ... */
	EXPECT_GE(limit, (double)sent);
	/* ... so every denial beyond it was dropped and counted. */
	EXPECT_LE(denials - limit, (double)dropped);
	EXPECT_LE(denials, b.v[WT_A_STAT_DENIALS] - a.v[WT_A_STAT_DENIALS]);

	/* The events that reached the listener (its buffer may overrun). */
	for (;;) {
		struct pollfd p = { .fd = mnl_socket_get_fd(ev.sock), .events = POLLIN };
		const struct nlmsghdr *m;
		ssize_t n;
		int len;

		if (poll(&p, 1, 500) != 1)
			break;
		n = mnl_socket_recvfrom(ev.sock, ev.buf, WTNL_BUF_SIZE);
		if (n < 0)
			continue;	/* ENOBUFS: some were lost on our side */
		len = n;
		for (m = (const struct nlmsghdr *)ev.buf; mnl_nlmsg_ok(m, len);
		     m = mnl_nlmsg_next(m, &len)) {
			const struct nlattr *tb[WT_A_MAX + 1];
			uint64_t seq;

			if (m->nlmsg_type != ev.family)
				continue;
			wtnl_attrs(m, tb);
			if (!tb[WT_A_EV_SEQ])
				continue;
			seq = mnl_attr_get_u64(tb[WT_A_EV_SEQ]);
			if (last_seq && seq <= last_seq)
				out_of_order++;
			if (last_seq && seq > last_seq + 1)
				gaps++;
			last_seq = seq;
			received++;
		}
	}
	wtnl_close(&ev);
	TH_LOG("listener got %d events, %d gaps", received, gaps);
	EXPECT_LT(0, received);
	EXPECT_EQ(0, out_of_order);
	/* The drops fall between the events the limit lets through. */
	if (dropped > 1000)
		EXPECT_LT(0, gaps);
	unlink(FLOOD_FILE);
}

TEST_HARNESS_MAIN
