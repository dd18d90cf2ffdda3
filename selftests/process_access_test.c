// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests: who may open, impersonate and act on another
 * principal's token or process (issue 13). Runs as root in the VM; the
 * attacks run as alice in forked children:
 *
 * - a setgid program's token opened by pid, then impersonated;
 * - a restricted or Low-integrity sandbox taking its unrestricted
 *   sibling's token, or ptracing, reading or taking descriptors of it;
 * - a restricted caller impersonating an unrestricted token;
 * - a deny-only primary group still becoming the thread's egid;
 * - a restricted or lowered root token keeping Linux capabilities.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/wintok.h>

#include "kselftest_harness.h"
#include "libwintok.h"
#include "wt_test.h"

#define SGID_HELPER	"/tmp/wt_pa_sgid_helper"
#define SECRET		"/tmp/wt_pa_secret"
#define FIN_FILE	"/tmp/wt_pa_finance"
/* Group mallory: alice is not in it. */
#define SECRET_GID	WT_UID_MALLORY
#define OVERFLOW_GID	65534
#define G_INTEGRITY	(WT_SE_GROUP_INTEGRITY | WT_SE_GROUP_INTEGRITY_ENABLED)

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_getfd
#define SYS_pidfd_getfd 438
#endif

/* Read by process_vm_readv() from a forked sibling (same address). */
static uint64_t marker = 0x5157414d4b4f5457ULL;

static struct wt_sid_and_attributes sa_of(const char *sid, uint32_t attrs)
{
	struct wt_sid_and_attributes sa;

	if (wt_sid_parse(sid, &sa, attrs))
		abort();
	return sa;
}

/*
 * Helper mode: run with WT_PA_PARK set, this binary says "r" on stdout
 * and sleeps until killed (the setgid program of the attack).
 */
__attribute__((constructor)) static void park_mode(void)
{
	if (!getenv("WT_PA_PARK"))
		return;
	if (write(1, "r", 1) != 1)
		_exit(1);
	for (;;)
		pause();
}

/* Wait for the "r" of a parked process on @fd, then close it; 0 if it came. */
static int wait_ready(int fd)
{
	char c = 0;
	ssize_t n = read(fd, &c, 1);

	close(fd);
	return n == 1 && c == 'r' ? 0 : -1;
}

/*
 * Fork a sibling that runs as @uid (unless 0: as the caller), lets any
 * process of its user trace it (Yama may be on) and sleeps. Returns its
 * pid once it is ready, -1 on failure.
 */
static pid_t park_sibling(uid_t uid)
{
	pid_t pid;
	int rd;

	/* It says "r" on stdout, as the parked setgid helper does. */
	pid = wt_fork_stdout(&rd);
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (uid)
			wt_become_user(uid, uid);
		/* Dumpable again, as a program of the user's after exec. */
		prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
		prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY, 0, 0, 0);
		if (write(1, "r", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	return wait_ready(rd) ? -1 : pid;
}

static void unpark(pid_t pid)
{
	wt_kill_reap(pid);
}

/*
 * Copy this binary to @path, owned root:@gid with @mode: the mode last,
 * since chown() would clear a set-id bit set before it.
 */
static int install_copy(const char *path, gid_t gid, mode_t mode)
{
	if (wt_copy_self(path, 0700) || chown(path, 0, gid) ||
	    chmod(path, mode))
		return -1;
	return 0;
}

static int make_file(const char *path, gid_t gid, mode_t mode)
{
	int fd;

	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	if (write(fd, "secret\n", 7) != 7 || fchown(fd, 0, gid) ||
	    fchmod(fd, mode)) {
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

/* Can the calling thread read @path? */
static int can_read(const char *path)
{
	char c;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int ok;

	if (fd < 0)
		return 0;
	ok = read(fd, &c, 1) == 1;
	close(fd);
	return ok;
}

/* Start the setgid helper as the caller; its pid, -1 on failure. */
static pid_t start_sgid_helper(void)
{
	pid_t pid;
	int rd;

	pid = wt_fork_stdout(&rd);
	if (pid < 0)
		return -1;
	if (pid == 0) {
		setenv("WT_PA_PARK", "1", 1);
		execl(SGID_HELPER, SGID_HELPER, (char *)NULL);
		_exit(30);
	}
	return wait_ready(rd) ? -1 : pid;
}

/* "CapBnd:" of /proc/self/status is all zero? */
static int bounding_set_empty(void)
{
	char line[256];
	int empty = 0;
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "CapBnd:", 7))
			empty = strtoull(line + 7, NULL, 16) == 0;
	fclose(f);
	return empty;
}

/*
 * How the calling process may act on sibling @pid: a bit per refused
 * operation, each refused with EPERM or EACCES (anything else: 0x80).
 * 1 open its token, 2 PTRACE_SEIZE, 4 process_vm_readv, 8 pidfd_getfd.
 */
static int refused_ops(pid_t pid)
{
	uint64_t val = 0;
	struct iovec local = { .iov_base = &val, .iov_len = sizeof(val) };
	struct iovec remote = { .iov_base = &marker,
				.iov_len = sizeof(val) };
	int refused = 0, fd, pidfd;

#define REFUSED(bit) do {						\
		if (errno == EPERM || errno == EACCES)			\
			refused |= (bit);				\
		else							\
			refused |= 0x80;				\
	} while (0)

	fd = wt_open_process_token_pid(-1, pid, WT_OPEN_TOKEN_PID,
				       WT_TOKEN_QUERY | WT_TOKEN_DUPLICATE, NULL);
	if (fd < 0)
		REFUSED(1);
	else
		close(fd);
	if (ptrace(PTRACE_SEIZE, pid, 0, 0))
		REFUSED(2);
	else
		ptrace(PTRACE_DETACH, pid, 0, 0);
	if (process_vm_readv(pid, &local, 1, &remote, 1, 0) != sizeof(val))
		REFUSED(4);
	else if (val != marker)
		refused |= 0x80;
	pidfd = syscall(SYS_pidfd_open, pid, 0);
	if (pidfd < 0) {
		refused |= 0x80;
	} else {
		fd = syscall(SYS_pidfd_getfd, pidfd, 0, 0);
		if (fd < 0)
			REFUSED(8);
		else
			close(fd);
		close(pidfd);
	}
#undef REFUSED
	return refused;
}

/* ---- item 1: the setgid program's token ---- */

/*
 * alice runs a setgid program (group mallory) and opens its token by pid
 * and by pidfd: refused, as Linux refuses her its memory (ids differ,
 * not dumpable). Before the fix she could, and impersonating it gave her
 * the group as her egid: she read a root:mallory 0640 file.
 */
TEST(setgid_process_token_cannot_be_opened)
{
	pid_t pid;

	ASSERT_EQ(0, install_copy(SGID_HELPER, SECRET_GID, 02755));
	ASSERT_EQ(0, make_file(SECRET, SECRET_GID, 0640));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		__u32 level = 0, result = 0;
		pid_t h;
		int fd, pidfd;

		wt_become_user(WT_UID_ALICE, WT_UID_ALICE);
		if (can_read(SECRET))
			_exit(2);
		h = start_sgid_helper();
		if (h < 0)
			_exit(3);
		fd = wt_open_process_token_pid(-1, h, WT_OPEN_TOKEN_PID,
					       WT_TOKEN_QUERY | WT_TOKEN_DUPLICATE,
					       NULL);
		if (fd >= 0) {
			/* The attack goes on: does it reach the file? */
			wt_impersonate_token(-1, fd, &level, &result);
			unpark(h);
			_exit(can_read(SECRET) ? 10 : 11);
		}
		if (errno != EACCES)
			_exit(12);
		pidfd = syscall(SYS_pidfd_open, h, 0);
		if (pidfd < 0)
			_exit(13);
		if (wt_open_process_token_pid(-1, pidfd, WT_OPEN_TOKEN_PIDFD,
					      WT_TOKEN_QUERY, NULL) != -1 ||
		    errno != EACCES)
			_exit(14);
		/* alice's own other process: still hers to open. */
		unpark(h);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
	unlink(SGID_HELPER);
	unlink(SECRET);
}

/* An ordinary process of alice's may still open her sibling's token. */
TEST(same_user_sibling_token_still_opens)
{
	pid_t sib, pid;

	sib = park_sibling(WT_UID_ALICE);
	ASSERT_LT(0, sib);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		wt_become_user(WT_UID_ALICE, WT_UID_ALICE);
		_exit(refused_ops(sib));
	}
	EXPECT_EQ(0, wt_reap(pid));
	unpark(sib);
}

/* ---- item 2: the impersonation gate ---- */

/*
 * root (SeDebugPrivilege) hands alice the token of her setgid process:
 * the token holds a group she does not, so without SeImpersonatePrivilege
 * she gets Identification (WT_IMPERSONATE_NO_PRIVILEGE), not the group.
 */
TEST(more_privileged_same_user_token_is_capped)
{
	pid_t pid, h;
	int fd, rd;

	ASSERT_EQ(0, install_copy(SGID_HELPER, SECRET_GID, 02755));
	ASSERT_EQ(0, make_file(SECRET, SECRET_GID, 0640));
	h = wt_fork_stdout(&rd);
	ASSERT_LE(0, h);
	if (h == 0) {
		wt_become_user(WT_UID_ALICE, WT_UID_ALICE);
		setenv("WT_PA_PARK", "1", 1);
		execl(SGID_HELPER, SGID_HELPER, (char *)NULL);
		_exit(30);
	}
	ASSERT_EQ(0, wait_ready(rd));
	fd = wt_open_process_token_pid(-1, h, WT_OPEN_TOKEN_PID,
				       WT_TOKEN_QUERY | WT_TOKEN_DUPLICATE, NULL);
	ASSERT_LE(0, fd);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		__u32 level = 0, result = 0;
		int dev = open("/dev/wintok", O_RDWR | O_CLOEXEC);

		wt_become_user(WT_UID_ALICE, WT_UID_ALICE);
		if (dev < 0 || wt_impersonate_token(dev, fd, &level, &result))
			_exit(2);
		if (can_read(SECRET))
			_exit(3);
		if (level != WT_SECURITY_IDENTIFICATION)
			_exit(4);
		if (result != WT_IMPERSONATE_NO_PRIVILEGE)
			_exit(5);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
	close(fd);
	unpark(h);
	unlink(SGID_HELPER);
	unlink(SECRET);
}

/* ---- items 1, 2, 5: a restricted sandbox and its sibling ---- */

/*
 * alice's sandbox: her own token restricted as wtrun --restrict does
 * (her SID, Everyone, RESTRICTED), assigned as the process's primary
 * token (the policy gives her SeAssignPrimaryTokenPrivilege for this).
 * Her unrestricted sibling's token, memory and descriptors are out of
 * reach, and impersonating her unrestricted token (a handle kept from
 * before) gets Identification with WT_IMPERSONATE_RESTRICTED.
 */
TEST(restricted_sandbox_cannot_reach_its_sibling)
{
	pid_t sib, pid;

	ASSERT_EQ(0, wt_set_privilege_policy("uid:1001:SeAssignPrimaryTokenPrivilege"));
	sib = park_sibling(WT_UID_ALICE);
	ASSERT_LT(0, sib);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct wt_sid_and_attributes rs[3];
		__u32 level = 0, result = 0;
		int dev, own, r, ops;

		wt_become_user(WT_UID_ALICE, WT_UID_ALICE);
		dev = open("/dev/wintok", O_RDWR | O_CLOEXEC);
		if (dev < 0 || wt_enable_privilege(WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE))
			_exit(2);
		own = wt_open_process_token(dev, WT_MAXIMUM_ALLOWED, NULL);
		rs[0] = sa_of("S-1-22-1-1001", 0);
		rs[1] = sa_of("S-1-1-0", 0);
		rs[2] = sa_of("S-1-5-12", 0);
		r = wt_create_restricted_token(own, 0, NULL, 0, NULL, 0, rs, 3,
					       WT_TOKEN_ASSIGN_PRIMARY |
					       WT_TOKEN_QUERY, NULL);
		if (own < 0 || r < 0 || wt_assign_primary_token(dev, r))
			_exit(3);
		ops = refused_ops(sib);
		if (ops != 0xf)
			_exit(0x40 | ops);
		if (wt_impersonate_token(dev, own, &level, &result))
			_exit(4);
		if (level != WT_SECURITY_IDENTIFICATION ||
		    result != WT_IMPERSONATE_RESTRICTED)
			_exit(5);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
	unpark(sib);
	ASSERT_EQ(0, wt_set_privilege_policy(""));
}

/*
 * A Low-integrity process of alice's (she lowered her own token) cannot
 * open, ptrace, read or take descriptors of her Medium sibling; its
 * Medium twin still can (same_user_sibling_token_still_opens).
 */
TEST(low_integrity_cannot_reach_its_sibling)
{
	pid_t sib, pid;

	sib = park_sibling(WT_UID_ALICE);
	ASSERT_LT(0, sib);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct wt_sid_and_attributes low = sa_of("S-1-16-4096", G_INTEGRITY);
		int own, ops;

		wt_become_user(WT_UID_ALICE, WT_UID_ALICE);
		own = wt_open_process_token(-1, WT_TOKEN_ADJUST_DEFAULT, NULL);
		if (own < 0)
			_exit(2);
		if (wt_set_token_information(own, WT_TOKEN_INFO_INTEGRITY_LEVEL,
					     &low, sizeof(low)))
			_exit(3);
		ops = refused_ops(sib);
		_exit(ops == 0xf ? 0 : 0x40 | ops);
	}
	EXPECT_EQ(0, wt_reap(pid));
	unpark(sib);
}

/* ---- item 3: Linux ids from usable groups only ---- */

/*
 * alice with primary group finance makes finance deny-only
 * (CreateRestrictedToken SidsToDisable) and impersonates the result: her
 * egid is the overflow gid and Linux DAC refuses the finance file.
 */
TEST(deny_only_primary_group_gives_no_egid)
{
	pid_t pid;

	ASSERT_EQ(0, make_file(FIN_FILE, WT_GID_FINANCE, 0640));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct wt_sid_and_attributes fin = sa_of("S-1-22-2-2001", 0);
		gid_t groups[64];
		__u32 level = 0, result = 0;
		int own, r, n, i;

		wt_become_user(WT_UID_ALICE, WT_GID_FINANCE);
		if (!can_read(FIN_FILE))
			_exit(2);
		own = wt_open_process_token(-1, WT_MAXIMUM_ALLOWED, NULL);
		r = wt_create_restricted_token(own, 0, &fin, 1, NULL, 0, NULL, 0,
					       WT_TOKEN_QUERY | WT_TOKEN_DUPLICATE,
					       NULL);
		if (own < 0 || r < 0)
			_exit(3);
		if (wt_impersonate_token(-1, r, &level, &result) ||
		    level != WT_SECURITY_IMPERSONATION)
			_exit(4);
		if (syscall(SYS_getegid) != OVERFLOW_GID)
			_exit(5);
		n = syscall(SYS_getgroups, 64, groups);
		for (i = 0; i < n; i++)
			if (groups[i] == WT_GID_FINANCE)
				_exit(6);
		if (can_read(FIN_FILE))
			_exit(7);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
	unlink(FIN_FILE);
}

/*
 * SetTokenInformation(TokenPrimaryGroup) takes the user or a group the
 * token holds (else EPERM, unchanged since ABI 6); a deny-only group is
 * accepted there but gives no egid (above).
 */
TEST(primary_group_must_be_held)
{
	struct wt_sid_and_attributes other = sa_of("S-1-22-2-4242", 0);
	struct wt_sid_and_attributes user = sa_of("S-1-22-1-0", 0);
	int tok = wt_open_process_token(-1, WT_TOKEN_ADJUST_DEFAULT |
					WT_TOKEN_DUPLICATE, NULL);
	int dup;

	ASSERT_LE(0, tok);
	dup = wt_duplicate_token(tok, WT_TOKEN_ADJUST_DEFAULT, WT_TOKEN_PRIMARY,
				 0, NULL);
	ASSERT_LE(0, dup);
	EXPECT_EQ(-1, wt_set_token_information(dup, WT_TOKEN_INFO_PRIMARY_GROUP,
					       &other, sizeof(other)));
	EXPECT_EQ(EPERM, errno);
	EXPECT_EQ(0, wt_set_token_information(dup, WT_TOKEN_INFO_PRIMARY_GROUP,
					      &user, sizeof(user)));
	close(dup);
	close(tok);
}

/* ---- item 4: capabilities only for a full root token ---- */

/*
 * root impersonating a restricted copy of its own token, or a copy
 * lowered to Medium, has no Linux capabilities; an unrestricted System
 * copy has them. Assigned as the primary token, a restricted root token
 * leaves no capability and an empty bounding set (an execve as uid 0
 * cannot bring them back).
 */
TEST(restricted_or_lowered_root_token_has_no_capabilities)
{
	pid_t pid;

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct wt_sid_and_attributes rs[2] = {
			sa_of("S-1-22-1-0", 0), sa_of("S-1-1-0", 0),
		};
		struct wt_sid_and_attributes med = sa_of("S-1-16-8192", G_INTEGRITY);
		int dev = open("/dev/wintok", O_RDWR | O_CLOEXEC);
		int own, r, dup;

		own = wt_open_process_token(dev, WT_MAXIMUM_ALLOWED, NULL);
		if (dev < 0 || own < 0)
			_exit(2);
		r = wt_create_restricted_token(own, 0, NULL, 0, NULL, 0, rs, 2,
					       WT_TOKEN_QUERY | WT_TOKEN_DUPLICATE,
					       NULL);
		if (r < 0 || wt_impersonate_token(dev, r, NULL, NULL))
			_exit(3);
		if (wt_cap_effective() != 0)
			_exit(4);
		if (wt_revert_to_self(dev) || wt_cap_effective() == 0)
			_exit(5);
		dup = wt_duplicate_token(own, WT_TOKEN_QUERY | WT_TOKEN_DUPLICATE |
					 WT_TOKEN_ADJUST_DEFAULT, WT_TOKEN_PRIMARY,
					 0, NULL);
		if (dup < 0 || wt_impersonate_token(dev, dup, NULL, NULL))
			_exit(6);
		if (wt_cap_effective() == 0)
			_exit(7);
		if (wt_revert_to_self(dev) ||
		    wt_set_token_information(dup, WT_TOKEN_INFO_INTEGRITY_LEVEL,
					     &med, sizeof(med)) ||
		    wt_impersonate_token(dev, dup, NULL, NULL))
			_exit(8);
		if (wt_cap_effective() != 0)
			_exit(9);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct wt_sid_and_attributes rs[2] = {
			sa_of("S-1-22-1-0", 0), sa_of("S-1-1-0", 0),
		};
		int dev = open("/dev/wintok", O_RDWR | O_CLOEXEC);
		int own, r;

		own = wt_open_process_token(dev, WT_MAXIMUM_ALLOWED, NULL);
		if (dev < 0 || own < 0 ||
		    wt_enable_privilege(WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE))
			_exit(2);
		r = wt_create_restricted_token(own, 0, NULL, 0, NULL, 0, rs, 2,
					       WT_TOKEN_ASSIGN_PRIMARY |
					       WT_TOKEN_QUERY, NULL);
		if (r < 0 || wt_assign_primary_token(dev, r))
			_exit(3);
		if (wt_cap_effective() != 0)
			_exit(4);
		if (!bounding_set_empty())
			_exit(5);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
}

TEST_HARNESS_MAIN
