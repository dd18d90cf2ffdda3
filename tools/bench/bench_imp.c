// SPDX-License-Identifier: GPL-2.0
/*
 * Nanoseconds per impersonate+revert pair against a setresuid() pair, the
 * per-thread identity switch Samba uses, measured in the same run (a
 * benchmark, not a test: it prints figures and a ratio, it asserts
 * nothing). Run as root in the VM with wintok loaded.
 *
 * The client token is alice's: a child running as alice opens its
 * process token and passes the descriptor over SCM_RIGHTS; the service
 * (this process, root) duplicates it once into an impersonation token,
 * as a Windows service does, then impersonates and reverts in a loop.
 * The baseline switches the effective uid to alice's and back with raw
 * setresuid system calls (per thread, unlike glibc's setresuid()).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/wintok.h>

#include "bench_clock.h"

#define ALICE 1001
#define ROUNDS 20000
#define BATCHES 7

static void die(const char *what)
{
	fprintf(stderr, "bench_imp: %s: %s\n", what, strerror(errno));
	exit(1);
}

static int recv_fd(int sock)
{
	char cbuf[CMSG_SPACE(sizeof(int))], byte;
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *c;
	int fd;

	if (recvmsg(sock, &msg, 0) != 1)
		die("recvmsg");
	c = CMSG_FIRSTHDR(&msg);
	if (!c || c->cmsg_type != SCM_RIGHTS)
		die("no descriptor");
	memcpy(&fd, CMSG_DATA(c), sizeof(fd));
	return fd;
}

static void send_fd(int sock, int fd)
{
	char cbuf[CMSG_SPACE(sizeof(int))] = { 0 }, byte = 'T';
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);

	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(fd));
	if (sendmsg(sock, &msg, 0) != 1)
		die("sendmsg");
}

/* alice's primary token, opened by a child running as alice. */
static int alice_token(int dev)
{
	int sv[2], status, fd;
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		die("socketpair");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		struct wt_open_token ot = {
			.size = sizeof(ot),
			.desired_access = WT_TOKEN_QUERY | WT_TOKEN_DUPLICATE,
		};

		if (setgroups(0, NULL) || setresgid(100, 100, 100) ||
		    setresuid(ALICE, ALICE, ALICE))
			_exit(2);
		fd = ioctl(dev, WT_IOC_OPEN_PROCESS_TOKEN, &ot);
		if (fd < 0)
			_exit(3);
		send_fd(sv[1], fd);
		_exit(0);
	}
	fd = recv_fd(sv[0]);
	waitpid(pid, &status, 0);
	close(sv[0]);
	close(sv[1]);
	return fd;
}

/* Best ns per pair over BATCHES batches of ROUNDS pairs. */
static double best_of(int (*pair)(void *), void *arg)
{
	double best = 0;
	int b, i;

	for (b = 0; b < BATCHES; b++) {
		unsigned long long t0 = bench_now_ns();
		double ns;

		for (i = 0; i < ROUNDS; i++)
			if (pair(arg))
				die("pair");
		ns = (double)(bench_now_ns() - t0) / ROUNDS;
		if (!b || ns < best)
			best = ns;
	}
	return best;
}

struct imp_arg {
	int dev;
	int tok;
};

static int imp_pair(void *p)
{
	struct imp_arg *a = p;
	struct wt_impersonate im = { .size = sizeof(im), .fd = a->tok };

	if (ioctl(a->dev, WT_IOC_IMPERSONATE, &im) ||
	    im.level != WT_SECURITY_IMPERSONATION)
		return -1;
	return ioctl(a->dev, WT_IOC_REVERT_TO_SELF, 0);
}

static int setresuid_pair(void *unused)
{
	(void)unused;
	if (syscall(SYS_setresuid, -1, ALICE, -1))
		return -1;
	return syscall(SYS_setresuid, -1, 0, -1);
}

int main(void)
{
	struct wt_duplicate_token d = {
		.size = sizeof(d),
		.desired_access = WT_TOKEN_IMPERSONATE | WT_TOKEN_QUERY,
		.type = WT_TOKEN_IMPERSONATION,
		.level = WT_SECURITY_IMPERSONATION,
	};
	struct imp_arg a;
	double imp, base, again;
	int primary;

	if (geteuid() != 0) {
		fprintf(stderr, "bench_imp: run as root\n");
		return 1;
	}
	a.dev = open("/dev/wintok", O_RDWR);
	if (a.dev < 0)
		die("/dev/wintok");
	primary = alice_token(a.dev);
	a.tok = ioctl(primary, WT_IOC_DUPLICATE_TOKEN, &d);
	if (a.tok < 0)
		die("duplicate");

	/* Interleave so that both see the same machine state. */
	base = best_of(setresuid_pair, NULL);
	imp = best_of(imp_pair, &a);
	again = best_of(setresuid_pair, NULL);
	if (again < base)
		base = again;
	printf("impersonate+revert pair: %.0f ns\n", imp);
	printf("setresuid pair (baseline): %.0f ns\n", base);
	printf("ratio impersonate/setresuid: %.2fx (target <= 1.50x)\n",
	       imp / base);
	return 0;
}
