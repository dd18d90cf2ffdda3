// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests, generic netlink: every audit event type of ABI 10 on the
 * group: SysV IPC, abstract sockets, file SACLs, privileges that decide.
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

/*
 * SysV IPC denials: one event per refused operation, naming the object
 * "msg|sem|shm <id>", the caller and the rights; an IPC object's SACL
 * asks for a success audit of a read.
 */
TEST_F(nl, audit_ipc)
{
	static const uint32_t sec[] = { WT_SE_SECURITY_PRIVILEGE };
	struct evs *l = calloc(1, sizeof(*l));
	char shm_name[32], msg_name[32], sem_name[32];
	const struct ev *e;
	int shm, msq, sem;
	struct wtnl ev;
	pid_t pid, rd;

	fresh_rate_window();
	ASSERT_NE(NULL, l);
	ASSERT_EQ(0, wtnl_open(&ev));
	ASSERT_EQ(0, wtnl_join_audit(&ev));
	/* root's objects: its default DACL admits root and SYSTEM only. */
	shm = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0666);
	msq = msgget(IPC_PRIVATE, IPC_CREAT | 0666);
	sem = semget(IPC_PRIVATE, 1, IPC_CREAT | 0666);
	ASSERT_LE(0, shm);
	ASSERT_LE(0, msq);
	ASSERT_LE(0, sem);
	snprintf(shm_name, sizeof(shm_name), "shm %d", shm);
	snprintf(msg_name, sizeof(msg_name), "msg %d", msq);
	snprintf(sem_name, sizeof(sem_name), "sem %d", sem);

	pid = fork();
	if (pid == 0) {
		struct sembuf op = { 0, 1, IPC_NOWAIT };
		long m[2] = { 1, 0 };

		wt_become_user(WT_UID_BOB, WT_GID_USERS);
		if (shmat(shm, NULL, 0) != (void *)-1 || errno != EACCES)
			_exit(2);
		if (!msgsnd(msq, m, sizeof(long), IPC_NOWAIT) || errno != EACCES)
			_exit(3);
		if (!semop(sem, &op, 1) || errno != EACCES)
			_exit(4);
		_exit(0);
	}
	ASSERT_EQ(0, wt_reap(pid));

	/* A SACL on the segment: reads by anyone are audited. */
	rd = fork();
	if (rd == 0) {
		struct ace_spec d[] = {
			{ ALLOW_T, 0, WT_IPC_ALL_ACCESS, SID_ROOT },
			{ ALLOW_T, 0, WT_IPC_READ, SID_BOB },
		};
		struct ace_spec s[] = {
			{ AUDIT_T, WT_SUCCESSFUL_ACCESS_ACE_FLAG, WT_IPC_READ, "S-1-1-0" },
		};
		uint8_t sd[512];
		size_t len = sd_full(sd, SID_ROOT, "S-1-22-2-0", d, 2, s, 1);
		struct wt_ipc_security a = {
			.size = sizeof(a), .type = WT_IPC_TYPE_SHM, .id = shm,
			.selectors = WT_DACL_SECURITY_INFORMATION |
				     WT_SACL_SECURITY_INFORMATION,
			.length = len, .buffer = (uintptr_t)sd,
		};
		int dev;

		if (enable_privs(sec, 1))
			_exit(2);
		dev = open("/dev/wintok", O_RDWR);
		if (dev < 0 || ioctl(dev, WT_IOC_SET_IPC_SECURITY, &a))
			_exit(3);
		wt_become_user(WT_UID_BOB, WT_GID_USERS);
		if (shmat(shm, NULL, SHM_RDONLY) == (void *)-1)
			_exit(4);
		_exit(0);
	}
	ASSERT_EQ(0, wt_reap(rd));
	EXPECT_TRUE(collect(&ev, l, WT_AUDIT_SACL_SUCCESS, rd, "shmat", shm_name));

	EXPECT_EQ(1, count_ev(l, WT_AUDIT_ACCESS_DENIED, pid, NULL, shm_name, &e));
	if (e) {
		EXPECT_STREQ("ipc_permission", e->op);
		EXPECT_EQ(WT_IPC_READ | WT_IPC_WRITE, e->desired);
		EXPECT_EQ(0, e->granted);
		EXPECT_EQ(EACCES, e->err);
		EXPECT_EQ(pid, e->pid);
		EXPECT_TRUE(sid_is(e->user, e->user_len, SID_BOB));
		EXPECT_FALSE(e->has_client);
	}
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_ACCESS_DENIED, pid, NULL, msg_name, &e));
	if (e)
		EXPECT_EQ(WT_IPC_WRITE, e->desired);
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_ACCESS_DENIED, pid, NULL, sem_name, &e));
	if (e)
		EXPECT_EQ(WT_IPC_WRITE, e->desired);
	/* No SACL on them: no SACL event. */
	EXPECT_EQ(0, count_ev(l, WT_AUDIT_SACL_FAILURE, pid, NULL, NULL, NULL));

	/* The SACL's success audit, with the granted rights; setting it used SeSecurity. */
	/* ipcperms() and the shmat hook each check, each audits. */
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_SACL_SUCCESS, rd, "shmat", shm_name, NULL));
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_SACL_SUCCESS, rd, "ipc_permission",
			      shm_name, &e));
	if (e) {
		EXPECT_EQ(WT_IPC_READ, e->desired);
		EXPECT_EQ(WT_IPC_READ, e->granted);
		EXPECT_EQ(0, e->err);
		EXPECT_TRUE(sid_is(e->user, e->user_len, SID_BOB));
	}
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_PRIVILEGE_USE, rd, "set_security",
			      shm_name, &e));
	if (e)
		EXPECT_EQ(WT_SE_SECURITY_PRIVILEGE, e->priv);

	shmctl(shm, IPC_RMID, NULL);
	msgctl(msq, IPC_RMID, NULL);
	semctl(sem, 0, IPC_RMID);
	wtnl_close(&ev);
	free(l);
}

/* A child that connects to @sa as @uid: its pid, exit status the errno. */
static pid_t connect_as(uid_t uid, const struct sockaddr_un *sa, socklen_t sl)
{
	pid_t pid = fork();

	if (pid == 0) {
		int s;

		wt_become_user(uid, WT_GID_USERS);
		s = socket(AF_UNIX, SOCK_STREAM, 0);
		_exit(connect(s, (const struct sockaddr *)sa, sl) ? errno : 0);
	}
	return pid;
}

/* An abstract AF_UNIX socket with an SD: refused connects and SACL audits. */
TEST_F(nl, audit_unix_abstract)
{
	/* The socket's SD, set below: alice may connect, each audited. */
	static const struct ace_spec d[] = {
		{ ALLOW_T, 0, WT_FILE_ALL_ACCESS, SID_ROOT },
		{ ALLOW_T, 0, WT_FILE_WRITE_DATA, SID_ALICE },
	};
	static const struct ace_spec sacl[] = {
		{ AUDIT_T, WT_SUCCESSFUL_ACCESS_ACE_FLAG, WT_FILE_WRITE_DATA, "S-1-1-0" },
	};
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct evs *l = calloc(1, sizeof(*l));
	const char *name = "wt-nl-audit-abstract";
	socklen_t sl = offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name);
	char old[8], path[64];
	const struct ev *e;
	struct wtnl ev;
	int lfd, pfd;
	pid_t pid, setter, alice;

	fresh_rate_window();
	ASSERT_NE(NULL, l);
	wt_read_param_text("abstract_socket_sd", old, sizeof(old));
	pfd = open(WT_PARAM_DIR "abstract_socket_sd", O_WRONLY);
	ASSERT_LE(0, pfd);
	ASSERT_EQ(1, write(pfd, "1", 1));
	ASSERT_EQ(0, wtnl_open(&ev));
	ASSERT_EQ(0, wtnl_join_audit(&ev));
	memcpy(sa.sun_path + 1, name, strlen(name));
	lfd = socket(AF_UNIX, SOCK_STREAM, 0);
	ASSERT_EQ(0, bind(lfd, (struct sockaddr *)&sa, sl));
	ASSERT_EQ(0, listen(lfd, 1));
	pid = connect_as(WT_UID_BOB, &sa, sl);
	EXPECT_EQ(EACCES, wt_reap(pid));
	snprintf(path, sizeof(path), "unix @%s", name);
	EXPECT_TRUE(collect(&ev, l, WT_AUDIT_ACCESS_DENIED, pid, NULL, path));
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_ACCESS_DENIED, pid, "unix_connect", path, &e));
	if (e) {
		EXPECT_EQ(WT_FILE_WRITE_DATA, e->desired);
		EXPECT_TRUE(sid_is(e->user, e->user_len, SID_BOB));
		EXPECT_EQ(pid, e->pid);
	}

	/*
	 * The service admits alice and asks, in the socket's SACL, for a
	 * success audit of every connect: alice's gets one with the rights
	 * granted, bob's refusal none (no failure ACE), only its denial.
	 */
	setter = set_sacl_in_child(lfd, WT_DACL_SECURITY_INFORMATION |
				   WT_SACL_SECURITY_INFORMATION, d, 2, sacl, 1);
	ASSERT_EQ(0, wt_reap(setter));
	alice = connect_as(WT_UID_ALICE, &sa, sl);
	EXPECT_EQ(0, wt_reap(alice));
	pid = connect_as(WT_UID_BOB, &sa, sl);
	EXPECT_EQ(EACCES, wt_reap(pid));
	EXPECT_TRUE(collect(&ev, l, WT_AUDIT_ACCESS_DENIED, pid, NULL, path));
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_SACL_SUCCESS, alice, "unix_connect", path, &e));
	if (e) {
		EXPECT_EQ(WT_FILE_WRITE_DATA, e->desired);
		EXPECT_EQ(WT_FILE_WRITE_DATA, e->granted);
		EXPECT_TRUE(sid_is(e->user, e->user_len, SID_ALICE));
	}
	EXPECT_EQ(0, count_ev(l, WT_AUDIT_ACCESS_DENIED, alice, NULL, NULL, NULL));
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_ACCESS_DENIED, pid, "unix_connect", path, NULL));
	EXPECT_EQ(0, count_ev(l, WT_AUDIT_SACL_SUCCESS, pid, NULL, NULL, NULL));
	EXPECT_EQ(0, count_ev(l, WT_AUDIT_SACL_FAILURE, pid, NULL, NULL, NULL));
	close(lfd);
	ASSERT_EQ((ssize_t)strlen(old), write(pfd, old, strlen(old)));
	close(pfd);
	wtnl_close(&ev);
	free(l);
}

#define SACL_FILE "/tmp/nl_sacl"

/*
 * A file's SACL: a success audit for alice's read (with the granted
 * rights), a failure audit for her write (GENERIC_WRITE in the ACE, mapped
 * to the file rights), in addition to the denial event; none for bob,
 * whom no audit ACE names for the read he is refused.
 */
TEST_F(nl, audit_sacl_file)
{
	static const struct ace_spec d[] = {
		{ ALLOW_T, 0, WT_FILE_ALL_ACCESS, SID_ROOT },
		{ ALLOW_T, 0, WT_FILE_READ_DATA, SID_ALICE },
	};
	static const struct ace_spec s[] = {
		{ AUDIT_T, WT_SUCCESSFUL_ACCESS_ACE_FLAG, WT_FILE_READ_DATA, "S-1-1-0" },
		{ AUDIT_T, WT_FAILED_ACCESS_ACE_FLAG, WT_GENERIC_WRITE, SID_ALICE },
	};
	struct evs *l = calloc(1, sizeof(*l));
	const struct ev *e;
	pid_t setter, rd, wr, bob;
	struct wtnl ev;
	int fd;

	fresh_rate_window();
	ASSERT_NE(NULL, l);
	unlink(SACL_FILE);
	fd = open(SACL_FILE, O_CREAT | O_WRONLY, 0666);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, fchmod(fd, 0666));
	close(fd);
	ASSERT_EQ(0, wtnl_open(&ev));
	ASSERT_EQ(0, wtnl_join_audit(&ev));

	fd = open(SACL_FILE, O_RDONLY);
	ASSERT_LE(0, fd);
	setter = set_sacl_in_child(fd, WT_OWNER_SECURITY_INFORMATION |
				   WT_GROUP_SECURITY_INFORMATION |
				   WT_DACL_SECURITY_INFORMATION |
				   WT_SACL_SECURITY_INFORMATION, d, 2, s, 2);
	close(fd);
	ASSERT_EQ(0, wt_reap(setter));
	rd = open_as(WT_UID_ALICE, SACL_FILE, O_RDONLY);
	EXPECT_EQ(0, wt_reap(rd));
	wr = open_as(WT_UID_ALICE, SACL_FILE, O_WRONLY);
	EXPECT_EQ(EACCES, wt_reap(wr));
	bob = open_as(WT_UID_BOB, SACL_FILE, O_RDONLY);
	EXPECT_EQ(EACCES, wt_reap(bob));
	EXPECT_TRUE(collect(&ev, l, WT_AUDIT_ACCESS_DENIED, bob, NULL, SACL_FILE));

	/* Giving the file a SACL took SeSecurityPrivilege. */
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_PRIVILEGE_USE, setter, "set_security",
			      SACL_FILE, &e));
	if (e) {
		EXPECT_EQ(WT_SE_SECURITY_PRIVILEGE, e->priv);
		EXPECT_TRUE(sid_is(e->user, e->user_len, SID_ROOT));
	}
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_SACL_SUCCESS, rd, "file_open", SACL_FILE, &e));
	if (e) {
		EXPECT_EQ(WT_FILE_READ_DATA, e->desired);
		EXPECT_EQ(WT_FILE_READ_DATA, e->granted);
		EXPECT_EQ(0, e->err);
		EXPECT_EQ(rd, e->pid);
		EXPECT_TRUE(sid_is(e->user, e->user_len, SID_ALICE));
	}
	EXPECT_EQ(0, count_ev(l, WT_AUDIT_ACCESS_DENIED, rd, NULL, NULL, NULL));
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_SACL_FAILURE, wr, "file_open", SACL_FILE, &e));
	if (e) {
		EXPECT_EQ(WT_FILE_WRITE_DATA, e->desired);
		EXPECT_EQ(0, e->granted);
		EXPECT_EQ(EACCES, e->err);
	}
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_ACCESS_DENIED, wr, "file_open", SACL_FILE, NULL));
	EXPECT_EQ(0, count_ev(l, WT_AUDIT_SACL_SUCCESS, wr, NULL, NULL, NULL));
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_ACCESS_DENIED, bob, "file_open", SACL_FILE, NULL));
	EXPECT_EQ(0, count_ev(l, WT_AUDIT_SACL_FAILURE, bob, NULL, NULL, NULL));
	EXPECT_EQ(0, count_ev(l, WT_AUDIT_SACL_SUCCESS, bob, NULL, NULL, NULL));
	unlink(SACL_FILE);
	wtnl_close(&ev);
	free(l);
}

#define PRIVD_FILE "/tmp/nl_privd"
#define PRIVN_FILE "/tmp/nl_privn"

/* A child as root with privileges @luids enabled runs @fn(@arg). */
static pid_t privileged(const uint32_t *luids, int n, int (*fn)(void *), void *arg)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (enable_privs(luids, n))
			_exit(120);
		_exit(fn(arg));
	}
	return pid;
}

static int backup_open(void *arg)
{
	struct wt_open_backup a = {
		.size = sizeof(a), .dirfd = AT_FDCWD, .open_flags = O_RDONLY,
		.path = (uintptr_t)arg,
	};
	int dev = open("/dev/wintok", O_RDWR), fd;

	fd = dev < 0 ? -1 : ioctl(dev, WT_IOC_OPEN_BACKUP, &a);
	return fd < 0 ? errno : 0;
}

static int plain_open(void *arg)
{
	int fd = open(arg, O_RDONLY);

	return fd < 0 ? errno : 0;
}

static int set_owner(void *arg)
{
	uint8_t sd[128];
	size_t len = wt_build_sd(sd, arg, NULL, -1, 0);
	/* The DACL refuses root a read: open the file for its SD only. */
	int fd = open(PRIVD_FILE, O_PATH), r;

	if (fd < 0)
		return errno;
	r = wt_set_file_security(-1, fd, WT_OWNER_SECURITY_INFORMATION, sd, len);
	close(fd);
	return r ? errno : 0;
}

/*
 * Privileges are reported when they decided: SeBackup for a backup open
 * the DACL refuses (not for one it allows, nor without backup intent),
 * SeTakeOwnership for WRITE_OWNER the DACL does not grant, SeRestore for
 * an owner that is not the caller's own SID.
 */
TEST_F(nl, audit_privileges_decide)
{
	static const uint32_t bak[] = { WT_SE_BACKUP_PRIVILEGE };
	static const uint32_t own[] = { WT_SE_TAKE_OWNERSHIP_PRIVILEGE };
	static const uint32_t own_res[] = { WT_SE_TAKE_OWNERSHIP_PRIVILEGE,
					    WT_SE_RESTORE_PRIVILEGE };
	struct evs *l = calloc(1, sizeof(*l));
	pid_t b1, b2, b3, o1, o2;
	const struct ev *e;
	struct wtnl ev;
	int fd;

	fresh_rate_window();
	ASSERT_NE(NULL, l);
	/* alice's DACL on both; root may read PRIVN_FILE by its DACL too. */
	fd = open(PRIVD_FILE, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	ASSERT_LE(0, fd);
	close(fd);
	ASSERT_EQ(0, wt_set_dacl_only(PRIVD_FILE, SID_ALICE));
	fd = open(PRIVN_FILE, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	ASSERT_LE(0, fd);
	close(fd);
	ASSERT_EQ(0, wt_set_dacl_only(PRIVN_FILE, SID_ROOT));
	ASSERT_EQ(0, wtnl_open(&ev));
	ASSERT_EQ(0, wtnl_join_audit(&ev));

	b1 = privileged(bak, 1, backup_open, PRIVD_FILE);
	EXPECT_EQ(0, wt_reap(b1));
	b2 = privileged(bak, 1, plain_open, PRIVD_FILE);
	EXPECT_EQ(EACCES, wt_reap(b2));
	b3 = privileged(bak, 1, backup_open, PRIVN_FILE);
	EXPECT_EQ(0, wt_reap(b3));
	o1 = privileged(own, 1, set_owner, SID_ROOT);
	EXPECT_EQ(0, wt_reap(o1));
	o2 = privileged(own_res, 2, set_owner, SID_BOB);
	EXPECT_EQ(0, wt_reap(o2));
	EXPECT_TRUE(collect(&ev, l, WT_AUDIT_PRIVILEGE_USE, o2, "set_owner", NULL));

	EXPECT_EQ(1, count_ev(l, WT_AUDIT_PRIVILEGE_USE, b1, "file_open", PRIVD_FILE, &e));
	if (e) {
		EXPECT_EQ(WT_SE_BACKUP_PRIVILEGE, e->priv);
		EXPECT_EQ(WT_FILE_READ_DATA, e->desired);
		EXPECT_EQ(WT_FILE_READ_DATA, e->granted);
		EXPECT_TRUE(sid_is(e->user, e->user_len, SID_ROOT));
		EXPECT_EQ(b1, e->pid);
	}
	EXPECT_EQ(0, count_ev(l, WT_AUDIT_PRIVILEGE_USE, b2, NULL, NULL, NULL));
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_ACCESS_DENIED, b2, "file_open", PRIVD_FILE, NULL));
	EXPECT_EQ(0, count_ev(l, WT_AUDIT_PRIVILEGE_USE, b3, NULL, NULL, NULL));
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_PRIVILEGE_USE, o1, "set_security", PRIVD_FILE, &e));
	if (e) {
		EXPECT_EQ(WT_SE_TAKE_OWNERSHIP_PRIVILEGE, e->priv);
		EXPECT_EQ(WT_WRITE_OWNER, e->desired);
	}
	EXPECT_EQ(0, count_ev(l, WT_AUDIT_PRIVILEGE_USE, o1, "set_owner", NULL, NULL));
	/* root owns it now: WRITE_OWNER is still not in the DACL. */
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_PRIVILEGE_USE, o2, "set_security", PRIVD_FILE, &e));
	if (e)
		EXPECT_EQ(WT_SE_TAKE_OWNERSHIP_PRIVILEGE, e->priv);
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_PRIVILEGE_USE, o2, "set_owner", PRIVD_FILE, &e));
	if (e)
		EXPECT_EQ(WT_SE_RESTORE_PRIVILEGE, e->priv);
	unlink(PRIVD_FILE);
	unlink(PRIVN_FILE);
	wtnl_close(&ev);
	free(l);
}

TEST_HARNESS_MAIN
