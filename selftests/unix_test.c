// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests: connecting and sending to AF_UNIX sockets. A pathname
 * socket is governed by the SD of its socket file (FILE_WRITE_DATA), on
 * tmpfs and on ext4; an abstract socket by the SD it got at bind from the
 * binder's token, which its owner reads and replaces through the file SD
 * ioctls on the socket's descriptor and which goes with the socket.
 * Stream, seqpacket and datagram sockets; primary tokens and an
 * impersonating thread. Runs as root in the VM; the socket files are mode
 * 0777, so Linux allows every connect and send and each refusal is
 * wintok's.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "wt_test.h"
#include "wt_sd_build.h"

/* 0 or the errno of setting the DACL of @path (as root). */
static int set_dacl(const char *path, const struct wt_rule *r, int n)
{
	uint8_t sd[512];
	int fd = open(path, O_PATH | O_CLOEXEC), err = 0;

	if (fd < 0)
		return errno;
	if (wt_set_file_security(-1, fd, WT_DACL_SECURITY_INFORMATION, sd,
				 wt_build_sd(sd, NULL, r, n, 0)))
		err = errno;
	close(fd);
	return err;
}

/* ---- sockets ---- */

static socklen_t path_addr(struct sockaddr_un *sa, const char *path)
{
	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	snprintf(sa->sun_path, sizeof(sa->sun_path), "%s", path);
	return sizeof(*sa);
}

/* An abstract address "\0@name"; its exact length. */
static socklen_t abstract_addr(struct sockaddr_un *sa, const char *name)
{
	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	snprintf(sa->sun_path + 1, sizeof(sa->sun_path) - 1, "%s", name);
	return offsetof(struct sockaddr_un, sun_path) + 1 + strlen(sa->sun_path + 1);
}

/* 0 or the errno of connecting a new socket of @type to @sa. */
static int try_connect(int type, const struct sockaddr_un *sa, socklen_t len)
{
	int s = socket(AF_UNIX, type | SOCK_CLOEXEC, 0), err = 0;

	if (s < 0)
		return 200;
	if (connect(s, (const struct sockaddr *)sa, len))
		err = errno;
	close(s);
	return err;
}

/* 0 or the errno of a connect to @sa by @uid (0: root). */
static int connect_as(uid_t uid, int type, const struct sockaddr_un *sa,
		      socklen_t len)
{
	return wt_as_user(uid, WT_GID_USERS, try_connect(type, sa, len));
}

/* Small codes for the errnos a connect may give here. */
#define C_OK	0
#define C_ACCES	1
#define C_NOKEY	2
#define C_OTHER	3

static int ecode(int err)
{
	return !err ? C_OK : err == EACCES ? C_ACCES :
	       err == WT_EBADIMPLEVEL ? C_NOKEY : C_OTHER;
}

#define SENDTO		0	/* a datagram by sendto() with the address */
#define CONNECTED	1	/* a datagram by connect(), then send() */
#define STREAM		2	/* a stream socket's connect() */

/* In @s, of @how's type: 0 or the errno of reaching @sa by @how. */
static int send_one(int s, int how, const struct sockaddr_un *sa,
		    socklen_t len)
{
	if (how == CONNECTED || how == STREAM) {
		if (connect(s, (const struct sockaddr *)sa, len))
			return errno;
		if (how == STREAM)
			return 0;
		return send(s, "x", 1, 0) == 1 ? 0 : errno;
	}
	return sendto(s, "x", 1, 0, (const struct sockaddr *)sa, len) == 1 ?
	       0 : errno;
}

/*
 * In a child: bob impersonating alice (at Impersonation when @privileged,
 * else Identification) reaches @sa by @how (send_one()); then reverts and
 * does it again. Returns the two outcomes as ecode(first) +
 * 4 * ecode(second), 250+ on a setup failure.
 */
static int impersonated_op(int privileged, int how,
			   const struct sockaddr_un *sa, socklen_t len)
{
	int want = privileged ? WT_SECURITY_IMPERSONATION :
				WT_SECURITY_IDENTIFICATION;
	int type = how == STREAM ? SOCK_STREAM : SOCK_DGRAM;
	int dev, first, second, s1, s2;
	pid_t pid;

	if (wt_set_privilege_policy(privileged ?
				    "uid:1002:SeImpersonatePrivilege" : ""))
		return 254;
	pid = fork();
	if (pid == 0) {
		/* sockets first: the thread may use nothing at Identification */
		s1 = socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
		s2 = socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
		if (s1 < 0 || s2 < 0)
			_exit(253);
		if (wt_bob_impersonates_alice(&dev) != want)
			_exit(252);
		first = send_one(s1, how, sa, len);
		if (ioctl(dev, WT_IOC_REVERT_TO_SELF, 0))
			_exit(251);
		second = send_one(s2, how, sa, len);
		_exit(ecode(first) + 4 * ecode(second));
	}
	first = wt_reap(pid);
	wt_set_privilege_policy("");
	return first;
}

/* ---- pathname sockets, on tmpfs and on ext4 ---- */

FIXTURE(path) {
	char dir[64];
	char sock[96];
	struct sockaddr_un sa;
	socklen_t len;
	int listener;
};

FIXTURE_VARIANT(path) {
	const char *base;
};

FIXTURE_VARIANT_ADD(path, tmpfs) {
	.base = "/tmp",
};

FIXTURE_VARIANT_ADD(path, ext4) {
	.base = "/mnt/disk",
};

FIXTURE_SETUP(path)
{
	snprintf(self->dir, sizeof(self->dir), "%s/wt_unix.%d", variant->base,
		 getpid());
	snprintf(self->sock, sizeof(self->sock), "%s/s", self->dir);
	ASSERT_EQ(0, mkdir(self->dir, 0777));
	ASSERT_EQ(0, chmod(self->dir, 0777));
	self->len = path_addr(&self->sa, self->sock);
	self->listener = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, self->listener);
	ASSERT_EQ(0, bind(self->listener, (struct sockaddr *)&self->sa,
			  self->len));
	ASSERT_EQ(0, listen(self->listener, 64));
	ASSERT_EQ(0, chmod(self->sock, 0777));
}

FIXTURE_TEARDOWN(path)
{
	close(self->listener);
	unlink(self->sock);
	rmdir(self->dir);
}

TEST_F(path, ungoverned_socket_is_left_to_linux)
{
	EXPECT_EQ(0, connect_as(0, SOCK_STREAM, &self->sa, self->len));
	EXPECT_EQ(0, connect_as(WT_UID_ALICE, SOCK_STREAM, &self->sa, self->len));
	EXPECT_EQ(0, connect_as(WT_UID_BOB, SOCK_STREAM, &self->sa, self->len));
}

TEST_F(path, connect_needs_write_data)
{
	const struct wt_rule r[] = {
		{ 0, 0, WT_FILE_WRITE_DATA, WT_SID_ALICE },
		{ 0, 0, WT_FILE_GENERIC_READ, WT_SID_BOB },
	};

	ASSERT_EQ(0, set_dacl(self->sock, r, 2));
	EXPECT_EQ(0, connect_as(WT_UID_ALICE, SOCK_STREAM, &self->sa, self->len));
	EXPECT_EQ(EACCES, connect_as(WT_UID_BOB, SOCK_STREAM, &self->sa,
				     self->len));
	EXPECT_EQ(EACCES, connect_as(WT_UID_MALLORY, SOCK_STREAM, &self->sa,
				     self->len));
	/* root is not in the DACL either */
	EXPECT_EQ(EACCES, connect_as(0, SOCK_STREAM, &self->sa, self->len));
}

TEST_F(path, deny_before_allow_and_changes_at_once)
{
	const struct wt_rule r[] = {
		{ 1, 0, WT_FILE_WRITE_DATA, WT_SID_BOB },
		{ 0, 0, WT_FILE_ALL_ACCESS, WT_SID_EVERYONE },
	};
	const struct wt_rule open_all[] = {
		{ 0, 0, WT_FILE_ALL_ACCESS, WT_SID_EVERYONE },
	};

	ASSERT_EQ(0, set_dacl(self->sock, r, 2));
	EXPECT_EQ(EACCES, connect_as(WT_UID_BOB, SOCK_STREAM, &self->sa,
				     self->len));
	EXPECT_EQ(0, connect_as(WT_UID_MALLORY, SOCK_STREAM, &self->sa,
				self->len));
	ASSERT_EQ(0, set_dacl(self->sock, open_all, 1));
	EXPECT_EQ(0, connect_as(WT_UID_BOB, SOCK_STREAM, &self->sa, self->len));
}

TEST_F(path, seqpacket_too)
{
	const struct wt_rule r[] = { { 0, 0, WT_FILE_WRITE_DATA, WT_SID_ALICE } };
	struct sockaddr_un sa;
	socklen_t len;
	char name[96];
	int l;

	snprintf(name, sizeof(name), "%s/q", self->dir);
	len = path_addr(&sa, name);
	l = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, l);
	ASSERT_EQ(0, bind(l, (struct sockaddr *)&sa, len));
	ASSERT_EQ(0, listen(l, 8));
	ASSERT_EQ(0, chmod(name, 0777));
	ASSERT_EQ(0, set_dacl(name, r, 1));
	EXPECT_EQ(0, connect_as(WT_UID_ALICE, SOCK_SEQPACKET, &sa, len));
	EXPECT_EQ(EACCES, connect_as(WT_UID_BOB, SOCK_SEQPACKET, &sa, len));
	close(l);
	unlink(name);
}

TEST_F(path, impersonating_thread)
{
	const struct wt_rule r[] = { { 0, 0, WT_FILE_WRITE_DATA, WT_SID_ALICE } };

	ASSERT_EQ(0, set_dacl(self->sock, r, 1));
	/* as alice: allowed; reverted to bob: denied */
	EXPECT_EQ(C_OK + 4 * C_ACCES, impersonated_op(1, STREAM, &self->sa, self->len));
	/* at Identification the thread may not use the token at all */
	EXPECT_EQ(C_NOKEY + 4 * C_ACCES,
		  impersonated_op(0, STREAM, &self->sa, self->len));
}

/* ---- abstract sockets (module parameter abstract_socket_sd, default on) ---- */

/* Replace the DACL of the socket @fd; 0 or the errno. */
static int set_sock_dacl(int fd, const struct wt_rule *r, int n)
{
	uint8_t sd[512];

	return wt_set_file_security(-1, fd, WT_DACL_SECURITY_INFORMATION, sd,
				    wt_build_sd(sd, NULL, r, n, 0)) ? errno : 0;
}

/* A new socket of @type bound to the abstract @name, or -1. */
static int bind_abstract(int type, const char *name, struct sockaddr_un *sa,
			 socklen_t *len)
{
	int s = socket(AF_UNIX, type | SOCK_CLOEXEC, 0);

	*len = abstract_addr(sa, name);
	if (s < 0)
		return -1;
	if (bind(s, (struct sockaddr *)sa, *len)) {
		close(s);
		return -1;
	}
	return s;
}

FIXTURE(abstract) {
	struct sockaddr_un sa;
	socklen_t len;
	pid_t listener;
	int ready;	/* listener -> test: 1 bound and listening */
	int order;	/* test -> listener: a DACL to set */
};

/*
 * The listener, alice: binds with her token (the default), listens, and
 * on each byte from the test sets the DACL it names, then reports.
 */
static void abstract_listener(int ready, int order, const struct sockaddr_un *sa,
			      socklen_t len)
{
	const struct wt_rule admit_bob[] = {
		{ 0, 0, WT_FILE_ALL_ACCESS, WT_SID_ALICE },
		{ 0, 0, WT_FILE_WRITE_DATA, WT_SID_BOB },
	};
	char c = 1;
	int s;

	wt_become_user(WT_UID_ALICE, WT_GID_USERS);
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	if (s < 0 || bind(s, (const struct sockaddr *)sa, len) || listen(s, 64))
		_exit(1);
	if (write(ready, &c, 1) != 1)
		_exit(2);
	while (read(order, &c, 1) == 1) {
		c = set_sock_dacl(s, admit_bob, 2) ? 2 : 1;
		if (write(ready, &c, 1) != 1)
			_exit(3);
	}
	_exit(0);
}

FIXTURE_SETUP(abstract)
{
	int up[2], down[2];
	char name[64], on[4], c = 0;

	ASSERT_EQ(0, wt_read_param_text("abstract_socket_sd", on, sizeof(on)));
	ASSERT_STREQ("Y", on);
	snprintf(name, sizeof(name), "wt_unix_test.%d", getpid());
	self->len = abstract_addr(&self->sa, name);
	ASSERT_EQ(0, pipe(up));
	ASSERT_EQ(0, pipe(down));
	self->listener = fork();
	if (self->listener == 0) {
		close(up[0]);
		close(down[1]);
		abstract_listener(up[1], down[0], &self->sa, self->len);
	}
	close(up[1]);
	close(down[0]);
	self->ready = up[0];
	self->order = down[1];
	ASSERT_EQ(1, read(self->ready, &c, 1));
	ASSERT_EQ(1, c);
}

FIXTURE_TEARDOWN(abstract)
{
	close(self->order);
	close(self->ready);
	kill(self->listener, SIGKILL);
	wt_reap(self->listener);
}

TEST_F(abstract, binder_token_makes_the_sd)
{
	EXPECT_LE(1, wt_read_param("unix_abstract_sds"));
	EXPECT_EQ(0, connect_as(WT_UID_ALICE, SOCK_STREAM, &self->sa, self->len));
	EXPECT_EQ(EACCES, connect_as(WT_UID_BOB, SOCK_STREAM, &self->sa,
				     self->len));
	EXPECT_EQ(EACCES, connect_as(0, SOCK_STREAM, &self->sa, self->len));
}

/* On by default: bob is refused until the service admits him. */
TEST_F(abstract, service_admits_its_clients)
{
	char c = 1;

	EXPECT_EQ(EACCES, connect_as(WT_UID_BOB, SOCK_STREAM, &self->sa,
				     self->len));
	ASSERT_EQ(1, write(self->order, &c, 1));
	ASSERT_EQ(1, read(self->ready, &c, 1));
	ASSERT_EQ(1, c);
	EXPECT_EQ(0, connect_as(WT_UID_BOB, SOCK_STREAM, &self->sa, self->len));
	EXPECT_EQ(0, connect_as(WT_UID_ALICE, SOCK_STREAM, &self->sa, self->len));
	EXPECT_EQ(EACCES, connect_as(WT_UID_MALLORY, SOCK_STREAM, &self->sa,
				     self->len));
	EXPECT_EQ(EACCES, connect_as(0, SOCK_STREAM, &self->sa, self->len));
}

TEST_F(abstract, impersonating_thread)
{
	EXPECT_EQ(C_OK + 4 * C_ACCES, impersonated_op(1, STREAM, &self->sa, self->len));
	EXPECT_EQ(C_NOKEY + 4 * C_ACCES,
		  impersonated_op(0, STREAM, &self->sa, self->len));
}

/* A socket bound by root is root's: its default DACL leaves alice out. */
TEST(abstract_bound_by_root)
{
	struct sockaddr_un sa;
	socklen_t len;
	int s;

	s = bind_abstract(SOCK_STREAM, "wt_unix_test.root", &sa, &len);
	ASSERT_LE(0, s);
	ASSERT_EQ(0, listen(s, 8));
	EXPECT_EQ(0, connect_as(0, SOCK_STREAM, &sa, len));
	EXPECT_EQ(EACCES, connect_as(WT_UID_ALICE, SOCK_STREAM, &sa, len));
	close(s);
}

/* abstract_socket_sd=0 is the opt-out: a bind then makes no SD. */
TEST(abstract_sd_opt_out)
{
	uint8_t buf[256];
	struct sockaddr_un sa;
	socklen_t len;
	int s;

	ASSERT_EQ(0, wt_write_param("abstract_socket_sd", "0"));
	s = bind_abstract(SOCK_STREAM, "wt_unix_test.off", &sa, &len);
	ASSERT_EQ(0, wt_write_param("abstract_socket_sd", "1"));
	ASSERT_LE(0, s);
	ASSERT_EQ(0, listen(s, 8));
	EXPECT_EQ(0, connect_as(WT_UID_ALICE, SOCK_STREAM, &sa, len));
	EXPECT_EQ(-1, wt_get_file_security(-1, s, WT_DACL_SECURITY_INFORMATION,
					   buf, sizeof(buf), NULL));
	EXPECT_EQ(ENODATA, errno);
	close(s);
}

/* ---- the SD of an abstract socket: WT_IOC_{GET,SET}_FILE_SECURITY ---- */

/* The DACL ACE count of the SD at @sd, -1 when there is no DACL. */
static int dacl_count(const uint8_t *sd, size_t len)
{
	uint32_t off;

	if (len < 20 || !(sd[2] & WT_SE_DACL_PRESENT))
		return -1;
	off = sd[16] | sd[17] << 8 | sd[18] << 16 | (uint32_t)sd[19] << 24;
	if (!off || off + 8 > len)
		return -1;
	return sd[off + 4] | sd[off + 5] << 8;
}

/* The raw ioctl, to reach every field. 0 or the errno. */
static int sd_ioctl(unsigned long cmd, struct wt_file_security *a)
{
	int dev = open("/dev/wintok", O_RDWR | O_CLOEXEC), err = 0;

	if (dev < 0)
		return 200;
	if (ioctl(dev, cmd, a))
		err = errno;
	close(dev);
	return err;
}

FIXTURE(sockd) {
	struct sockaddr_un sa;
	socklen_t len;
	int s;		/* stream socket root bound to an abstract name */
};

FIXTURE_SETUP(sockd)
{
	char name[64];

	snprintf(name, sizeof(name), "wt_unix_sd.%d", getpid());
	self->s = bind_abstract(SOCK_STREAM, name, &self->sa, &self->len);
	ASSERT_LE(0, self->s);
	ASSERT_EQ(0, listen(self->s, 8));
}

FIXTURE_TEARDOWN(sockd)
{
	close(self->s);
}

TEST_F(sockd, round_trip)
{
	const struct wt_rule r[] = {
		{ 1, 0, WT_FILE_WRITE_DATA, WT_SID_BOB },
		{ 0, 0, WT_FILE_ALL_ACCESS, WT_SID_EVERYONE },
	};
	uint8_t in[512], out[512];
	size_t n = wt_build_sd(in, NULL, r, 2, 0);
	__u32 got = 0;

	/* root's default DACL: root and SYSTEM */
	ASSERT_EQ(0, wt_get_file_security(-1, self->s,
					  WT_OWNER_SECURITY_INFORMATION |
					  WT_DACL_SECURITY_INFORMATION,
					  out, sizeof(out), &got));
	EXPECT_EQ(2, dacl_count(out, got));
	ASSERT_EQ(0, wt_set_file_security(-1, self->s,
					  WT_DACL_SECURITY_INFORMATION, in, n));
	ASSERT_EQ(0, wt_get_file_security(-1, self->s,
					  WT_DACL_SECURITY_INFORMATION,
					  out, sizeof(out), &got));
	/* canonical bytes: what was set comes back as it was given */
	ASSERT_EQ(n, got);
	EXPECT_EQ(0, memcmp(in, out, n));
	/* and it decides */
	EXPECT_EQ(EACCES, connect_as(WT_UID_BOB, SOCK_STREAM, &self->sa,
				     self->len));
	EXPECT_EQ(0, connect_as(WT_UID_ALICE, SOCK_STREAM, &self->sa, self->len));
	EXPECT_EQ(0, connect_as(WT_UID_MALLORY, SOCK_STREAM, &self->sa,
				self->len));
}

TEST_F(sockd, size_probe_and_argument_errnos)
{
	struct wt_file_security a = { .size = sizeof(a), .fd = self->s,
				      .selectors = WT_DACL_SECURITY_INFORMATION };
	uint8_t buf[512];

	/* ERANGE: the size needed, nothing written */
	memset(buf, 0xa5, sizeof(buf));
	a.buffer = (uintptr_t)buf;
	a.length = 4;
	EXPECT_EQ(ERANGE, sd_ioctl(WT_IOC_GET_FILE_SECURITY, &a));
	EXPECT_LT(20, a.length);
	EXPECT_EQ(0xa5, buf[0]);
	EXPECT_EQ(0, sd_ioctl(WT_IOC_GET_FILE_SECURITY, &a));
	/* EFAULT: an unwritable buffer, an unreadable SD */
	a.buffer = 1;
	a.length = sizeof(buf);
	EXPECT_EQ(EFAULT, sd_ioctl(WT_IOC_GET_FILE_SECURITY, &a));
	EXPECT_EQ(EFAULT, sd_ioctl(WT_IOC_SET_FILE_SECURITY, &a));
	/* EINVAL: length 0 or too large, bad selectors, flags, reserved */
	a.buffer = (uintptr_t)buf;
	a.length = 0;
	EXPECT_EQ(EINVAL, sd_ioctl(WT_IOC_SET_FILE_SECURITY, &a));
	a.length = WT_SD_MAX_SIZE + 1;
	EXPECT_EQ(EINVAL, sd_ioctl(WT_IOC_SET_FILE_SECURITY, &a));
	a.length = sizeof(buf);
	a.selectors = 0;
	EXPECT_EQ(EINVAL, sd_ioctl(WT_IOC_GET_FILE_SECURITY, &a));
	a.selectors = 0x100;
	EXPECT_EQ(EINVAL, sd_ioctl(WT_IOC_SET_FILE_SECURITY, &a));
	a.selectors = WT_DACL_SECURITY_INFORMATION;
	a.flags = 1;
	EXPECT_EQ(EINVAL, sd_ioctl(WT_IOC_GET_FILE_SECURITY, &a));
	a.flags = 0;
	a.reserved = 1;
	EXPECT_EQ(EINVAL, sd_ioctl(WT_IOC_SET_FILE_SECURITY, &a));
	a.reserved = 0;
	/* EBADF */
	a.fd = 1000;
	EXPECT_EQ(EBADF, sd_ioctl(WT_IOC_GET_FILE_SECURITY, &a));
	EXPECT_EQ(EBADF, sd_ioctl(WT_IOC_SET_FILE_SECURITY, &a));
}

/* A malformed SD is refused and the socket keeps its SD. */
TEST_F(sockd, malformed_sd_keeps_the_old_one)
{
	const struct wt_rule r[] = { { 0, 0, WT_FILE_WRITE_DATA, WT_SID_ALICE } };
	uint8_t sd[512], before[512], after[512];
	__u32 nb = 0, na = 0;
	size_t n = wt_build_sd(sd, NULL, r, 1, 0);

	ASSERT_EQ(0, wt_get_file_security(-1, self->s,
					  WT_DACL_SECURITY_INFORMATION |
					  WT_OWNER_SECURITY_INFORMATION,
					  before, sizeof(before), &nb));
	/* the ACL claims more bytes than there are */
	wt_le(sd + 22, 400, 2);
	EXPECT_EQ(-1, wt_set_file_security(-1, self->s,
					   WT_DACL_SECURITY_INFORMATION, sd, n));
	EXPECT_EQ(EINVAL, errno);
	/* a revision the format does not have */
	wt_build_sd(sd, NULL, r, 1, 0);
	sd[0] = 2;
	EXPECT_EQ(-1, wt_set_file_security(-1, self->s,
					   WT_DACL_SECURITY_INFORMATION, sd, n));
	EXPECT_EQ(EINVAL, errno);
	/* owner selected, none given */
	wt_build_sd(sd, NULL, r, 1, 0);
	EXPECT_EQ(-1, wt_set_file_security(-1, self->s,
					   WT_OWNER_SECURITY_INFORMATION, sd, n));
	EXPECT_EQ(EINVAL, errno);
	ASSERT_EQ(0, wt_get_file_security(-1, self->s,
					  WT_DACL_SECURITY_INFORMATION |
					  WT_OWNER_SECURITY_INFORMATION,
					  after, sizeof(after), &na));
	ASSERT_EQ(nb, na);
	EXPECT_EQ(0, memcmp(before, after, na));
	/* still root's default DACL: alice refused */
	EXPECT_EQ(EACCES, connect_as(WT_UID_ALICE, SOCK_STREAM, &self->sa,
				     self->len));
}

/* In a child as @uid with the inherited socket: get (0) or set (1). */
static int sd_op_as(uid_t uid, int s, int set, __u32 sel)
{
	const struct wt_rule r[] = { { 0, 0, WT_FILE_ALL_ACCESS, WT_SID_EVERYONE } };
	pid_t pid = fork();

	if (pid == 0) {
		uint8_t buf[512];
		size_t n = wt_build_sd(buf, NULL, r, 1, 0);
		int rc;

		wt_become_user(uid, WT_GID_USERS);
		if (set)
			rc = wt_set_file_security(-1, s, sel, buf, n);
		else
			rc = wt_get_file_security(-1, s, sel, buf, sizeof(buf),
						  NULL);
		_exit(rc ? errno : 0);
	}
	return wt_reap(pid);
}

TEST_F(sockd, rights_are_checked)
{
	const struct wt_rule read_only[] = {
		{ 0, 0, WT_READ_CONTROL, WT_SID_BOB },
		{ 0, 0, WT_FILE_ALL_ACCESS, "S-1-22-1-0" },
	};

	/* root's default DACL: bob may neither read nor change it */
	EXPECT_EQ(EACCES, sd_op_as(WT_UID_BOB, self->s, 0,
				   WT_DACL_SECURITY_INFORMATION));
	EXPECT_EQ(EACCES, sd_op_as(WT_UID_BOB, self->s, 1,
				   WT_DACL_SECURITY_INFORMATION));
	ASSERT_EQ(0, set_sock_dacl(self->s, read_only, 2));
	/* READ_CONTROL but not WRITE_DAC */
	EXPECT_EQ(0, sd_op_as(WT_UID_BOB, self->s, 0,
			      WT_DACL_SECURITY_INFORMATION));
	EXPECT_EQ(EACCES, sd_op_as(WT_UID_BOB, self->s, 1,
				   WT_DACL_SECURITY_INFORMATION));
	EXPECT_EQ(EACCES, connect_as(WT_UID_BOB, SOCK_STREAM, &self->sa,
				     self->len));
	/* the SACL needs SeSecurityPrivilege, which nobody has enabled */
	EXPECT_EQ(EPERM, sd_op_as(0, self->s, 0, WT_SACL_SECURITY_INFORMATION));
	/* mallory is not in the DACL at all */
	EXPECT_EQ(EACCES, sd_op_as(WT_UID_MALLORY, self->s, 0,
				   WT_DACL_SECURITY_INFORMATION));
}

/* Sockets with no SD, and sockets of another kind. */
TEST(socket_without_sd)
{
	struct sockaddr_un sa;
	uint8_t buf[256];
	char path[64];
	int s;

	/* unbound */
	s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, s);
	EXPECT_EQ(ENODATA, sd_op_as(0, s, 0, WT_DACL_SECURITY_INFORMATION));
	EXPECT_EQ(ENODATA, sd_op_as(0, s, 1, WT_DACL_SECURITY_INFORMATION));
	/* bound to a pathname: its SD is the file's */
	snprintf(path, sizeof(path), "/tmp/wt_unix_nosd.%d", getpid());
	ASSERT_EQ(0, bind(s, (struct sockaddr *)&sa, path_addr(&sa, path)));
	EXPECT_EQ(ENODATA, sd_op_as(0, s, 0, WT_DACL_SECURITY_INFORMATION));
	EXPECT_EQ(ENODATA, sd_op_as(0, s, 1, WT_DACL_SECURITY_INFORMATION));
	close(s);
	unlink(path);
	/* not AF_UNIX */
	s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, s);
	EXPECT_EQ(-1, wt_get_file_security(-1, s, WT_DACL_SECURITY_INFORMATION,
					   buf, sizeof(buf), NULL));
	EXPECT_EQ(EOPNOTSUPP, errno);
	EXPECT_EQ(EOPNOTSUPP, sd_op_as(0, s, 1, WT_DACL_SECURITY_INFORMATION));
	close(s);
}

/* A second bind of a bound socket (refused) keeps the SD its owner set. */
TEST_F(sockd, rebind_keeps_the_sd)
{
	const struct wt_rule r[] = { { 0, 0, WT_FILE_ALL_ACCESS, WT_SID_EVERYONE } };
	struct sockaddr_un sa;
	socklen_t len = abstract_addr(&sa, "wt_unix_sd.again");

	ASSERT_EQ(0, set_sock_dacl(self->s, r, 1));
	EXPECT_EQ(-1, bind(self->s, (struct sockaddr *)&sa, len));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(0, connect_as(WT_UID_BOB, SOCK_STREAM, &self->sa, self->len));
}

/* Wait up to 5 s for unix_abstract_sds to be @want; its last value. */
static long wait_count(long want)
{
	long n = -1;
	int i;

	for (i = 0; i < 50; i++) {
		n = wt_read_param("unix_abstract_sds");
		if (n == want)
			break;
		poll(NULL, 0, 100);
	}
	return n;
}

/* The entry goes with the socket (security_sk_free). */
TEST(sd_freed_with_the_socket)
{
	struct sockaddr_un sa;
	socklen_t len;
	long before = wt_read_param("unix_abstract_sds");
	int s[3], i;

	ASSERT_LE(0, before);
	s[0] = bind_abstract(SOCK_STREAM, "wt_unix_free.0", &sa, &len);
	s[1] = bind_abstract(SOCK_DGRAM, "wt_unix_free.1", &sa, &len);
	s[2] = bind_abstract(SOCK_SEQPACKET, "wt_unix_free.2", &sa, &len);
	for (i = 0; i < 3; i++)
		ASSERT_LE(0, s[i]);
	EXPECT_EQ(before + 3, wt_read_param("unix_abstract_sds"));
	close(s[0]);
	EXPECT_EQ(before + 2, wait_count(before + 2));
	close(s[1]);
	close(s[2]);
	EXPECT_EQ(before, wait_count(before));
	/* the name can be bound again, by alice: her SD, not a stale one */
	s[0] = bind_abstract(SOCK_STREAM, "wt_unix_free.0", &sa, &len);
	ASSERT_LE(0, s[0]);
	ASSERT_EQ(0, listen(s[0], 8));
	EXPECT_EQ(EACCES, connect_as(WT_UID_ALICE, SOCK_STREAM, &sa, len));
	close(s[0]);
	EXPECT_EQ(before, wait_count(before));
}

/* ---- datagrams: pathname (tmpfs, ext4) and abstract receivers ---- */

FIXTURE(dgram) {
	char dir[64];
	char path[96];
	struct sockaddr_un sa;
	socklen_t len;
	int rx;
};

FIXTURE_VARIANT(dgram) {
	const char *base;	/* NULL: abstract */
};

FIXTURE_VARIANT_ADD(dgram, tmpfs) {
	.base = "/tmp",
};

FIXTURE_VARIANT_ADD(dgram, ext4) {
	.base = "/mnt/disk",
};

FIXTURE_VARIANT_ADD(dgram, abstract) {
	.base = NULL,
};

FIXTURE_SETUP(dgram)
{
	char name[64];

	if (!variant->base) {
		snprintf(name, sizeof(name), "wt_unix_dgram.%d", getpid());
		self->rx = bind_abstract(SOCK_DGRAM, name, &self->sa,
					 &self->len);
		ASSERT_LE(0, self->rx);
		return;
	}
	snprintf(self->dir, sizeof(self->dir), "%s/wt_dgram.%d",
		 variant->base, getpid());
	snprintf(self->path, sizeof(self->path), "%s/d", self->dir);
	ASSERT_EQ(0, mkdir(self->dir, 0777));
	ASSERT_EQ(0, chmod(self->dir, 0777));
	self->len = path_addr(&self->sa, self->path);
	self->rx = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, self->rx);
	ASSERT_EQ(0, bind(self->rx, (struct sockaddr *)&self->sa, self->len));
	ASSERT_EQ(0, chmod(self->path, 0777));
}

FIXTURE_TEARDOWN(dgram)
{
	close(self->rx);
	if (self->dir[0]) {
		unlink(self->path);
		rmdir(self->dir);
	}
}

/* Give the receiver the DACL @r: its socket file's or its own. */
static int rx_dacl(const char *path, int rx, const struct wt_rule *r, int n)
{
	return path[0] ? set_dacl(path, r, n) : set_sock_dacl(rx, r, n);
}

/* Datagrams waiting at @rx, taken off its queue. */
static int drain(int rx)
{
	char c;
	int n = 0;

	while (recv(rx, &c, 1, MSG_DONTWAIT) == 1)
		n++;
	return n;
}

/* 0 or the errno of a datagram to @sa by @uid in group @gid. */
static int send_as(uid_t uid, gid_t gid, int how, const struct sockaddr_un *sa,
		   socklen_t len)
{
	pid_t pid = fork();

	if (pid == 0) {
		int s;

		wt_become_user(uid, gid);
		s = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		if (s < 0)
			_exit(200);
		_exit(send_one(s, how, sa, len));
	}
	return wt_reap(pid);
}

#define RX_DACL(r, n) rx_dacl(self->path, self->rx, r, n)
#define SEND(uid, how) send_as(uid, WT_GID_USERS, how, &self->sa, self->len)

TEST_F(dgram, default_sd)
{
	int how;

	for (how = SENDTO; how <= CONNECTED; how++) {
		EXPECT_EQ(0, SEND(0, how));
		EXPECT_EQ(1, drain(self->rx));
		/* a socket file has no SD; an abstract socket root's DACL */
		EXPECT_EQ(variant->base ? 0 : EACCES, SEND(WT_UID_ALICE, how));
		EXPECT_EQ(variant->base ? 1 : 0, drain(self->rx));
	}
}

TEST_F(dgram, send_needs_write_data)
{
	const struct wt_rule r[] = {
		{ 0, 0, WT_FILE_WRITE_DATA, WT_SID_ALICE },
		{ 0, 0, WT_FILE_GENERIC_READ, WT_SID_BOB },
	};
	int how;

	ASSERT_EQ(0, RX_DACL(r, 2));
	for (how = SENDTO; how <= CONNECTED; how++) {
		EXPECT_EQ(0, SEND(WT_UID_ALICE, how));
		EXPECT_EQ(1, drain(self->rx));
		EXPECT_EQ(EACCES, SEND(WT_UID_BOB, how));
		EXPECT_EQ(EACCES, SEND(WT_UID_MALLORY, how));
		/* root is not in the DACL */
		EXPECT_EQ(EACCES, SEND(0, how));
		EXPECT_EQ(0, drain(self->rx));
	}
}

TEST_F(dgram, deny_before_allow_everyone_and_groups)
{
	const struct wt_rule deny_bob[] = {
		{ 1, 0, WT_FILE_WRITE_DATA, WT_SID_BOB },
		{ 0, 0, WT_FILE_ALL_ACCESS, WT_SID_EVERYONE },
	};
	const struct wt_rule finance[] = {
		{ 0, 0, WT_FILE_WRITE_DATA, WT_SID_FINANCE },
	};

	ASSERT_EQ(0, RX_DACL(deny_bob, 2));
	EXPECT_EQ(EACCES, SEND(WT_UID_BOB, SENDTO));
	EXPECT_EQ(0, SEND(WT_UID_MALLORY, SENDTO));
	EXPECT_EQ(0, SEND(WT_UID_ALICE, CONNECTED));
	EXPECT_EQ(2, drain(self->rx));
	ASSERT_EQ(0, RX_DACL(finance, 1));
	EXPECT_EQ(0, send_as(WT_UID_ALICE, WT_GID_FINANCE, SENDTO, &self->sa,
			     self->len));
	EXPECT_EQ(0, send_as(WT_UID_BOB, WT_GID_FINANCE, CONNECTED, &self->sa,
			     self->len));
	EXPECT_EQ(2, drain(self->rx));
	EXPECT_EQ(EACCES, SEND(WT_UID_ALICE, SENDTO));
	EXPECT_EQ(EACCES, SEND(WT_UID_BOB, CONNECTED));
	EXPECT_EQ(0, drain(self->rx));
}

/*
 * A connected sender is decided at each datagram: alice connects while
 * admitted; a new SD that still admits her (the cached SD dropped, so the
 * send must load it again) lets her next datagram through, one that
 * drops her refuses the one after.
 */
TEST_F(dgram, decided_at_every_send)
{
	const struct wt_rule alice[] = { { 0, 0, WT_FILE_WRITE_DATA, WT_SID_ALICE } };
	const struct wt_rule both[] = {
		{ 0, 0, WT_FILE_WRITE_DATA, WT_SID_BOB },
		{ 0, 0, WT_FILE_WRITE_DATA, WT_SID_ALICE },
	};
	const struct wt_rule bob[] = { { 0, 0, WT_FILE_WRITE_DATA, WT_SID_BOB } };
	int go[2], done[2];
	char c = 0;
	pid_t pid;

	ASSERT_EQ(0, RX_DACL(alice, 1));
	ASSERT_EQ(0, pipe(go));
	ASSERT_EQ(0, pipe(done));
	pid = fork();
	if (pid == 0) {
		int s, r[3], i;

		wt_become_user(WT_UID_ALICE, WT_GID_USERS);
		s = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		if (s < 0)
			_exit(200);
		r[0] = send_one(s, CONNECTED, &self->sa, self->len);
		for (i = 1; i < 3; i++) {
			if (write(done[1], &c, 1) != 1 || read(go[0], &c, 1) != 1)
				_exit(201);
			r[i] = send(s, "y", 1, 0) == 1 ? 0 : errno;
		}
		_exit(ecode(r[0]) + 4 * ecode(r[1]) + 16 * ecode(r[2]));
	}
	ASSERT_EQ(1, read(done[0], &c, 1));
	ASSERT_EQ(0, RX_DACL(both, 2));
	ASSERT_EQ(1, write(go[1], &c, 1));
	ASSERT_EQ(1, read(done[0], &c, 1));
	ASSERT_EQ(0, RX_DACL(bob, 1));
	ASSERT_EQ(1, write(go[1], &c, 1));
	EXPECT_EQ(C_OK + 4 * C_OK + 16 * C_ACCES, wt_reap(pid));
	EXPECT_EQ(2, drain(self->rx));
	close(go[0]);
	close(go[1]);
	close(done[0]);
	close(done[1]);
}

TEST_F(dgram, impersonating_thread)
{
	const struct wt_rule r[] = { { 0, 0, WT_FILE_WRITE_DATA, WT_SID_ALICE } };
	int how;

	ASSERT_EQ(0, RX_DACL(r, 1));
	for (how = SENDTO; how <= CONNECTED; how++) {
		EXPECT_EQ(C_OK + 4 * C_ACCES,
			  impersonated_op(1, how, &self->sa, self->len));
		EXPECT_EQ(1, drain(self->rx));
		EXPECT_EQ(C_NOKEY + 4 * C_ACCES,
			  impersonated_op(0, how, &self->sa, self->len));
		EXPECT_EQ(0, drain(self->rx));
	}
}

/* An abstract datagram socket bound by alice: her default DACL. */
TEST(dgram_abstract_bound_by_alice)
{
	struct sockaddr_un sa;
	socklen_t len;
	int p[2], rx;
	pid_t pid;
	char c = 0;

	ASSERT_EQ(0, pipe(p));
	len = abstract_addr(&sa, "wt_unix_dgram.alice");
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		wt_become_user(WT_UID_ALICE, WT_GID_USERS);
		rx = socket(AF_UNIX, SOCK_DGRAM, 0);
		if (rx < 0 || bind(rx, (struct sockaddr *)&sa, len))
			_exit(1);
		c = 1;
		if (write(p[1], &c, 1) != 1)
			_exit(2);
		pause();
		_exit(0);
	}
	close(p[1]);
	ASSERT_EQ(1, read(p[0], &c, 1));
	close(p[0]);
	ASSERT_EQ(1, c);
	EXPECT_EQ(0, send_as(WT_UID_ALICE, WT_GID_USERS, SENDTO, &sa, len));
	EXPECT_EQ(EACCES, send_as(WT_UID_BOB, WT_GID_USERS, SENDTO, &sa, len));
	EXPECT_EQ(EACCES, send_as(0, WT_GID_USERS, CONNECTED, &sa, len));
	kill(pid, SIGKILL);
	wt_reap(pid);
}

/* A socketpair has no name and no SD: not governed. */
TEST(dgram_socketpair_not_governed)
{
	int sv[2];
	char c;

	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sv));
	EXPECT_EQ(1, send(sv[0], "z", 1, 0));
	EXPECT_EQ(1, recv(sv[1], &c, 1, 0));
	close(sv[0]);
	close(sv[1]);
}

TEST(no_internal_errors)
{
	EXPECT_EQ(0, wt_read_param("unix_errors"));
}

TEST_HARNESS_MAIN
