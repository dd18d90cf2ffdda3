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
 *
 * States, in this order, in the same VM run: "loaded" (wintok.ko),
 * "base" (/lib/modules/wintok-base.ko, another build of wintok, when the
 * image has one: before and after in one run) and "unloaded" (the
 * setresuid pair alone, Linux without either module).
 *
 * Profile mode (make bench-profile OP=imp_revert or OP=setresuid):
 * WT_PROFILE=OP:N:MODULE, MODULE "none", "wintok" or "base", runs the pair
 * N times with that module loaded after printing its symbols, as
 * enforce_cost does (see there). With "none", imp_revert's two ioctls go
 * to /dev/null (ENOTTY): the system calls' own cost, without the module.
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
#include "bench_profile.h"

#define ALICE 1001
#define ROUNDS 20000
#define BATCHES 7
#define BASE "/lib/modules/wintok-base.ko"

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
	int none;	/* profile without a module: the ioctls fail */
};

static int imp_pair(void *p)
{
	struct imp_arg *a = p;
	struct wt_impersonate im = { .size = sizeof(im), .fd = a->tok };

	if (a->none) {
		(void)!ioctl(a->dev, WT_IOC_IMPERSONATE, &im);
		(void)!ioctl(a->dev, WT_IOC_REVERT_TO_SELF, 0);
		return 0;
	}
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

enum { S_LOADED, S_BASE, S_UNLOADED, NSTATES };

/* Load the module of @state (wintok.ko, BASE, none): 0 or -1. */
static int load(int state)
{
	if (state == S_UNLOADED)
		return 0;
	return system(state == S_BASE ? "insmod " BASE :
		      "insmod /lib/modules/wintok.ko") ? -1 : 0;
}

/*
 * Open the device and make the impersonation token of alice's into @a;
 * the caller closes both before the module is unloaded.
 */
static void imp_setup(struct imp_arg *a)
{
	struct wt_duplicate_token d = {
		.size = sizeof(d),
		.desired_access = WT_TOKEN_IMPERSONATE | WT_TOKEN_QUERY,
		.type = WT_TOKEN_IMPERSONATION,
		.level = WT_SECURITY_IMPERSONATION,
	};
	int primary;

	a->none = 0;
	a->dev = open("/dev/wintok", O_RDWR | O_CLOEXEC);
	if (a->dev < 0)
		die("/dev/wintok");
	primary = alice_token(a->dev);
	a->tok = ioctl(primary, WT_IOC_DUPLICATE_TOKEN, &d);
	if (a->tok < 0)
		die("duplicate");
	close(primary);
}

static void imp_teardown(struct imp_arg *a)
{
	close(a->tok);
	close(a->dev);
}

/* WT_PROFILE=OP:N:MODULE (see the top): 0, or 1 on a bad spec. */
static int profile(const char *spec)
{
	char opname[32], mod[16];
	struct imp_arg a = { .dev = -1, .tok = -1 };
	unsigned long n, i;
	int state, imp;

	if (sscanf(spec, "%31[^:]:%lu:%15s", opname, &n, mod) != 3)
		return 1;
	imp = !strcmp(opname, "imp_revert");
	state = !strcmp(mod, "wintok") ? S_LOADED :
		!strcmp(mod, "base") ? S_BASE :
		!strcmp(mod, "none") ? S_UNLOADED : -1;
	if ((!imp && strcmp(opname, "setresuid")) || state < 0 ||
	    system("rmmod wintok") || load(state))
		return 1;
	if (system(state == S_UNLOADED ? BENCH_KERNEL_SYMS : BENCH_MODULE_SYMS))
		return 1;
	if (imp && state != S_UNLOADED) {
		imp_setup(&a);
	} else if (imp) {
		a.none = 1;
		a.dev = open("/dev/null", O_RDWR | O_CLOEXEC);
	}
	for (i = 0; i < n; i++)
		if (imp ? imp_pair(&a) : setresuid_pair(NULL))
			die("pair");
	printf("WT-PROFILE %s %lu %s\n", opname, n, mod);
	return 0;
}

int main(void)
{
	static const char *const state_names[NSTATES] = {
		"", " (base module)", " (unloaded)",
	};
	double imp[NSTATES], base[NSTATES], again;
	struct imp_arg a;
	int s, have_base = !access(BASE, R_OK);

	if (geteuid() != 0) {
		fprintf(stderr, "bench_imp: run as root\n");
		return 1;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (getenv("WT_PROFILE"))
		return profile(getenv("WT_PROFILE"));
	/* The module is in when the program starts. */
	if (system("rmmod wintok"))
		return 1;
	for (s = 0; s < NSTATES; s++) {
		if (s == S_BASE && !have_base)
			continue;
		if (load(s))
			die("insmod");
		if (s != S_UNLOADED)
			imp_setup(&a);
		/* Interleave so that both see the same machine state. */
		base[s] = best_of(setresuid_pair, NULL);
		if (s != S_UNLOADED)
			imp[s] = best_of(imp_pair, &a);
		again = best_of(setresuid_pair, NULL);
		if (again < base[s])
			base[s] = again;
		if (s != S_UNLOADED) {
			imp_teardown(&a);
			if (system("rmmod wintok"))
				die("rmmod");
		}
	}
	if (load(S_LOADED))
		die("insmod");
	for (s = 0; s < S_UNLOADED; s++) {
		if (s == S_BASE && !have_base)
			continue;
		printf("impersonate+revert pair%s: %.0f ns\n", state_names[s],
		       imp[s]);
	}
	for (s = 0; s < NSTATES; s++) {
		if (s == S_BASE && !have_base)
			continue;
		printf("setresuid pair (baseline)%s: %.0f ns\n", state_names[s],
		       base[s]);
	}
	for (s = 0; s < S_UNLOADED; s++) {
		if (s == S_BASE && !have_base)
			continue;
		printf("ratio impersonate/setresuid%s: %.2fx (target <= 1.50x)\n",
		       state_names[s], imp[s] / base[s]);
	}
	if (have_base)
		printf("impersonate+revert, module - base: %+.0f ns\n",
		       imp[S_LOADED] - imp[S_BASE]);
	return 0;
}
