// SPDX-License-Identifier: GPL-2.0
/*
 * Impersonation smoke test: a service impersonates a connected client,
 * sees the client's Linux ids, and reverts.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/wintok.h>

#include "kselftest_harness.h"
#include "wt_test.h"

#define SOCK_PATH "/tmp/imp_smoke.sock"
#define ALICE_FILE "/tmp/imp_smoke_alice"

/* A client child: connect as @uid at @level (-1: set nothing), wait. */
static pid_t client(uid_t uid, int level)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct sockaddr_un sa = { .sun_family = AF_UNIX };
		int dev, s;
		char c;

		wt_become_user(uid, WT_GID_USERS);
		dev = open("/dev/wintok", O_RDWR);
		s = socket(AF_UNIX, SOCK_STREAM, 0);
		if (level >= 0) {
			struct wt_socket_qos q = { .size = sizeof(q), .fd = s,
						   .level = level };

			if (ioctl(dev, WT_IOC_SET_CONNECT_QOS, &q)) {
				fprintf(stderr, "# qos: %s\n", strerror(errno));
				_exit(2);
			}
		}
		strcpy(sa.sun_path, SOCK_PATH);
		if (connect(s, (struct sockaddr *)&sa, sizeof(sa))) {
			fprintf(stderr, "# connect: %s\n", strerror(errno));
			_exit(3);
		}
		c = 'x';
		if (write(s, &c, 1) != 1)
			_exit(4);
		read(s, &c, 1);
		_exit(0);
	}
	return pid;
}

static void *thread_euid(void *arg)
{
	*(long *)arg = syscall(SYS_geteuid);
	return NULL;
}

/* Runs as the service on listener @l; returns a bitmask of failed checks. */
static int service(int l)
{
	struct wt_impersonate a = { .size = sizeof(a) };
	int dev, c, fails = 0, fd;
	uid_t r, e, s;
	pthread_t th;
	long teuid = -1;
	pid_t child;
	char ch;

	wt_become_user(WT_UID_SERVICE, WT_GID_USERS);
	dev = open("/dev/wintok", O_RDWR);

	/* alice at Impersonation */
	c = accept(l, NULL, NULL);
	fprintf(stderr, "# accepted %d\n", c);
	read(c, &ch, 1);
	a.fd = c;
	if (ioctl(dev, WT_IOC_IMPERSONATE_PEER, &a)) {
		fprintf(stderr, "# impersonate peer: %s\n", strerror(errno));
		return 2;
	}
	fprintf(stderr, "# impersonating at %u result %u\n", a.level, a.result);
	if (a.level != WT_SECURITY_IMPERSONATION)
		fails |= 4;
	getresuid(&r, &e, &s);
	if (r != WT_UID_SERVICE || e != WT_UID_ALICE || s != WT_UID_SERVICE)
		fails |= 8;
	fd = open(ALICE_FILE, O_RDONLY);
	if (fd < 0)
		fails |= 16;
	close(fd);
	fprintf(stderr, "# opened: %d\n", fd);
	pthread_create(&th, NULL, thread_euid, &teuid);
	pthread_join(th, NULL);
	if (teuid != WT_UID_SERVICE)
		fails |= 32;
	fprintf(stderr, "# thread euid %ld\n", teuid);
	child = fork();
	if (child == 0)
		_exit(syscall(SYS_geteuid) == WT_UID_SERVICE ? 0 : 1);
	if (wt_reap(child))
		fails |= 64;
	fprintf(stderr, "# forked\n");
	/* The real uid is the service's, but taking it back is refused. */
	if (syscall(SYS_setresuid, -1, WT_UID_SERVICE, -1) != -1 || errno != EPERM)
		fails |= 1 << 14;
	/* The process token is opened as alice, whom its SD does not admit. */
	{
		struct wt_open_token ot = { .size = sizeof(ot),
					    .desired_access = WT_TOKEN_QUERY };
		int t = ioctl(dev, WT_IOC_OPEN_PROCESS_TOKEN, &ot);

		if (t >= 0 || errno != EACCES)
			fails |= 1 << 16;
	}
	if (ioctl(dev, WT_IOC_REVERT_TO_SELF, 0))
		fails |= 128;
	fprintf(stderr, "# reverted\n");
	if (geteuid() != WT_UID_SERVICE)
		fails |= 256;
	{
		struct wt_open_token ot = { .size = sizeof(ot),
					    .desired_access = WT_TOKEN_QUERY };
		int t = ioctl(dev, WT_IOC_OPEN_PROCESS_TOKEN, &ot);

		if (t < 0)
			fails |= 1 << 17;
		close(t);
	}
	if (open(ALICE_FILE, O_RDONLY) >= 0 || errno != EACCES)
		fails |= 512;
	write(c, "y", 1);
	close(c);

	/* alice setting nothing: Identification, opens refused */
	c = accept(l, NULL, NULL);
	read(c, &ch, 1);
	a.fd = c;
	a.level = 0;
	a.result = 0;
	if (ioctl(dev, WT_IOC_IMPERSONATE_PEER, &a))
		return 1024;
	if (a.level != WT_SECURITY_IDENTIFICATION)
		fails |= 2048;
	if (open("/etc/passwd", O_RDONLY) >= 0 || errno != ENOKEY)
		fails |= 4096;
	ioctl(dev, WT_IOC_REVERT_TO_SELF, 0);
	if (open("/etc/passwd", O_RDONLY) < 0)
		fails |= 8192;
	write(c, "y", 1);
	close(c);
	return fails;
}

TEST(peer_impersonation)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd, l;
	pid_t pid, c1, c2;

	ASSERT_EQ(0, wt_set_privilege_policy("uid:1100:SeImpersonatePrivilege"));
	fd = open(ALICE_FILE, O_CREAT | O_WRONLY | O_TRUNC, 0600);
	ASSERT_LE(0, fd);
	close(fd);
	ASSERT_EQ(0, chown(ALICE_FILE, WT_UID_ALICE, WT_GID_USERS));
	l = socket(AF_UNIX, SOCK_STREAM, 0);
	strcpy(sa.sun_path, SOCK_PATH);
	unlink(SOCK_PATH);
	ASSERT_EQ(0, bind(l, (struct sockaddr *)&sa, sizeof(sa)));
	ASSERT_EQ(0, listen(l, 4));
	ASSERT_EQ(0, chmod(SOCK_PATH, 0777));
	pid = fork();
	if (pid == 0) {
		int fails = service(l);

		if (fails)
			fprintf(stderr, "# service checks failed: %#x\n", fails);
		_exit(fails ? 1 : 0);
	}
	c1 = client(WT_UID_ALICE, WT_SECURITY_IMPERSONATION);
	EXPECT_EQ(0, wt_reap(c1));
	c2 = client(WT_UID_ALICE, -1);
	EXPECT_EQ(0, wt_reap(c2));
	EXPECT_EQ(0, wt_reap(pid));
	wt_set_privilege_policy("");
}

TEST_HARNESS_MAIN
