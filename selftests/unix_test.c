// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests: connecting to AF_UNIX sockets. A pathname socket is
 * governed by the SD of its socket file (FILE_WRITE_DATA), on tmpfs and
 * on ext4; an abstract socket by the SD it got at bind from the binder's
 * token. Primary tokens and an impersonating thread. Runs as root in the
 * VM; the socket files are mode 0777, so Linux allows every connect and
 * each refusal is wintok's.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "wt_test.h"

#define PARAM_DIR "/sys/module/wintok/parameters/"

/* ---- a DACL-only SD: ACEs for Unix users (uid) or Everyone ---- */

#define EVERYONE 0xffffffffu

struct rule {
	int deny;
	uint32_t mask;
	uint32_t uid;
};

static void put_le(uint8_t *p, uint32_t v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		p[i] = (v >> (8 * i)) & 0xff;
}

/* The SID of @uid (S-1-22-1-uid) or Everyone (S-1-1-0) at @p; its size. */
static size_t rule_sid(uint8_t *p, uint32_t uid)
{
	memset(p, 0, 8);
	p[0] = 1;
	if (uid == EVERYONE) {
		p[1] = 1;
		p[7] = 1;
		put_le(p + 8, 0, 4);
		return 12;
	}
	p[1] = 2;
	p[7] = 22;
	put_le(p + 8, 1, 4);
	put_le(p + 12, uid, 4);
	return 16;
}

static size_t dacl_sd(uint8_t *sd, const struct rule *r, int n)
{
	size_t off = 28;
	int i;

	memset(sd, 0, off);
	sd[0] = 1;
	put_le(sd + 2, WT_SE_SELF_RELATIVE | WT_SE_DACL_PRESENT, 2);
	put_le(sd + 16, 20, 4);
	sd[20] = WT_ACL_REVISION;
	for (i = 0; i < n; i++) {
		size_t at = off;

		sd[at] = r[i].deny ? WT_ACCESS_DENIED_ACE_TYPE :
				     WT_ACCESS_ALLOWED_ACE_TYPE;
		sd[at + 1] = 0;
		put_le(sd + at + 4, r[i].mask, 4);
		off = at + 8 + rule_sid(sd + at + 8, r[i].uid);
		put_le(sd + at + 2, off - at, 2);
	}
	put_le(sd + 22, off - 20, 2);
	put_le(sd + 24, n, 2);
	return off;
}

/* 0 or the errno of setting the DACL of @path (as root). */
static int set_dacl(const char *path, const struct rule *r, int n)
{
	uint8_t sd[512];
	int fd = open(path, O_PATH | O_CLOEXEC), err = 0;

	if (fd < 0)
		return errno;
	if (wt_set_file_security(-1, fd, WT_DACL_SECURITY_INFORMATION, sd,
				 dacl_sd(sd, r, n)))
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

static int reap(pid_t pid)
{
	int status;

	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 255;
	return WEXITSTATUS(status);
}

/* 0 or the errno of a connect to @sa by @uid (0: root). */
static int connect_as(uid_t uid, int type, const struct sockaddr_un *sa,
		      socklen_t len)
{
	pid_t pid = fork();

	if (pid == 0) {
		wt_become_user(uid, WT_GID_USERS);
		_exit(try_connect(type, sa, len));
	}
	return reap(pid);
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

/*
 * In a child: bob impersonating alice (at Impersonation when @privileged,
 * else Identification) connects to @sa; then reverts and connects again.
 * Returns the two outcomes as ecode(first) + 4 * ecode(second), 250+ on
 * a setup failure.
 */
static int impersonated_connect(int privileged, const struct sockaddr_un *sa,
				socklen_t len)
{
	int want = privileged ? WT_SECURITY_IMPERSONATION :
				WT_SECURITY_IDENTIFICATION;
	int dev, first, second, s1, s2;
	pid_t pid;

	if (wt_set_privilege_policy(privileged ?
				    "uid:1002:SeImpersonatePrivilege" : ""))
		return 254;
	pid = fork();
	if (pid == 0) {
		/* sockets first: the thread may use nothing at Identification */
		s1 = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		s2 = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (s1 < 0 || s2 < 0)
			_exit(253);
		if (wt_bob_impersonates_alice(&dev) != want)
			_exit(252);
		first = connect(s1, (const struct sockaddr *)sa, len) ? errno : 0;
		if (ioctl(dev, WT_IOC_REVERT_TO_SELF, 0))
			_exit(251);
		second = connect(s2, (const struct sockaddr *)sa, len) ? errno : 0;
		_exit(ecode(first) + 4 * ecode(second));
	}
	first = reap(pid);
	wt_set_privilege_policy("");
	return first;
}

static long read_param(const char *name)
{
	char path[128], buf[32];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), PARAM_DIR "%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	return strtol(buf, NULL, 10);
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
	const struct rule r[] = {
		{ 0, WT_FILE_WRITE_DATA, WT_UID_ALICE },
		{ 0, WT_FILE_GENERIC_READ, WT_UID_BOB },
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
	const struct rule r[] = {
		{ 1, WT_FILE_WRITE_DATA, WT_UID_BOB },
		{ 0, WT_FILE_ALL_ACCESS, EVERYONE },
	};
	const struct rule open_all[] = {
		{ 0, WT_FILE_ALL_ACCESS, EVERYONE },
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
	const struct rule r[] = { { 0, WT_FILE_WRITE_DATA, WT_UID_ALICE } };
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
	const struct rule r[] = { { 0, WT_FILE_WRITE_DATA, WT_UID_ALICE } };

	ASSERT_EQ(0, set_dacl(self->sock, r, 1));
	/* as alice: allowed; reverted to bob: denied */
	EXPECT_EQ(C_OK + 4 * C_ACCES, impersonated_connect(1, &self->sa, self->len));
	/* at Identification the thread may not use the token at all */
	EXPECT_EQ(C_NOKEY + 4 * C_ACCES,
		  impersonated_connect(0, &self->sa, self->len));
}

/* ---- abstract sockets (module parameter abstract_socket_sd) ---- */

static int set_abstract_sd(const char *v)
{
	int fd = open(PARAM_DIR "abstract_socket_sd", O_WRONLY | O_CLOEXEC);
	int ok;

	if (fd < 0)
		return -1;
	ok = write(fd, v, 1) == 1;
	close(fd);
	return ok ? 0 : -1;
}

FIXTURE(abstract) {
	struct sockaddr_un sa;
	socklen_t len;
	pid_t listener;
};

FIXTURE_SETUP(abstract)
{
	char name[64], c = 0;
	int p[2];

	snprintf(name, sizeof(name), "wt_unix_test.%d", getpid());
	self->len = abstract_addr(&self->sa, name);
	ASSERT_EQ(0, set_abstract_sd("1"));
	ASSERT_EQ(0, pipe(p));
	/* alice binds and listens; her token makes the SD */
	self->listener = fork();
	if (self->listener == 0) {
		int s;

		close(p[0]);
		wt_become_user(WT_UID_ALICE, WT_GID_USERS);
		s = socket(AF_UNIX, SOCK_STREAM, 0);
		if (s < 0 || bind(s, (struct sockaddr *)&self->sa, self->len) ||
		    listen(s, 64))
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
}

FIXTURE_TEARDOWN(abstract)
{
	kill(self->listener, SIGKILL);
	reap(self->listener);
	set_abstract_sd("0");
}

TEST_F(abstract, binder_token_makes_the_sd)
{
	EXPECT_LE(1, read_param("unix_abstract_sds"));
	EXPECT_EQ(0, connect_as(WT_UID_ALICE, SOCK_STREAM, &self->sa, self->len));
	EXPECT_EQ(EACCES, connect_as(WT_UID_BOB, SOCK_STREAM, &self->sa,
				     self->len));
	EXPECT_EQ(EACCES, connect_as(0, SOCK_STREAM, &self->sa, self->len));
}

TEST_F(abstract, impersonating_thread)
{
	EXPECT_EQ(C_OK + 4 * C_ACCES, impersonated_connect(1, &self->sa, self->len));
	EXPECT_EQ(C_NOKEY + 4 * C_ACCES,
		  impersonated_connect(0, &self->sa, self->len));
}

/* A socket bound by root is root's: its default DACL leaves alice out. */
TEST(abstract_bound_by_root)
{
	struct sockaddr_un sa;
	socklen_t len;
	int s;

	ASSERT_EQ(0, set_abstract_sd("1"));
	len = abstract_addr(&sa, "wt_unix_test.root");
	s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, s);
	ASSERT_EQ(0, bind(s, (struct sockaddr *)&sa, len));
	ASSERT_EQ(0, listen(s, 8));
	EXPECT_EQ(0, connect_as(0, SOCK_STREAM, &sa, len));
	EXPECT_EQ(EACCES, connect_as(WT_UID_ALICE, SOCK_STREAM, &sa, len));
	close(s);
	ASSERT_EQ(0, set_abstract_sd("0"));
}

/* With the parameter off (the default) an abstract bind makes no SD. */
TEST(abstract_sd_off_by_default)
{
	struct sockaddr_un sa;
	socklen_t len;
	int s;

	ASSERT_EQ(0, set_abstract_sd("0"));
	len = abstract_addr(&sa, "wt_unix_test.off");
	s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, s);
	ASSERT_EQ(0, bind(s, (struct sockaddr *)&sa, len));
	ASSERT_EQ(0, listen(s, 8));
	EXPECT_EQ(0, connect_as(WT_UID_ALICE, SOCK_STREAM, &sa, len));
	close(s);
}

TEST(no_internal_errors)
{
	EXPECT_EQ(0, read_param("unix_errors"));
}

TEST_HARNESS_MAIN
