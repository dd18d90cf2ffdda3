// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests: a sandbox gains nothing by exec, by acting on another
 * user's process or by handing its parent a keyring (issue 13, found by
 * a hostile review of its first fixes). Each test failed while the
 * attack worked. Runs as root in the VM.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <linux/capability.h>
#include <linux/keyctl.h>
#include <sys/syscall.h>

#include <linux/wintok.h>

#include "kselftest_harness.h"
#include "libwintok.h"
#include "wt_test.h"

#define FCAP_HELPER	"/tmp/wt_esc_fcap_helper"
#define WT_INTEGRITY_ATTRS (WT_SE_GROUP_INTEGRITY | WT_SE_GROUP_INTEGRITY_ENABLED)

static char secret[64];

/* Helper mode: print "<CapEff hex> <no_new_privs>" and exit. */
__attribute__((constructor)) static void helper_mode(void)
{
	if (!getenv("WT_ESC_HELPER"))
		return;
	printf("%llx %d\n", (unsigned long long)wt_cap_effective(),
	       prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
	fflush(stdout);
	_exit(0);
}

static int run_helper(const char *path, unsigned long long *eff, int *nnp)
{
	char line[128];

	if (wt_run_helper_line(path, "WT_ESC_HELPER", line, sizeof(line)))
		return -1;
	return sscanf(line, "%llx %d", eff, nnp) == 2 ? 0 : -1;
}

FIXTURE(esc) {
	int unused;
};

FIXTURE_SETUP(esc)
{
	struct vfs_cap_data cd = { 0 };

	ASSERT_EQ(0, wt_copy_self(FCAP_HELPER, 0755));
	/* cap_dac_read_search=ep, as setcap writes it */
	cd.magic_etc = VFS_CAP_REVISION_2 | VFS_CAP_FLAGS_EFFECTIVE;
	cd.data[0].permitted = 1u << CAP_DAC_READ_SEARCH;
	ASSERT_EQ(0, setxattr(FCAP_HELPER, "security.capability", &cd,
			      XATTR_CAPS_SZ_2, 0));
}

FIXTURE_TEARDOWN(esc)
{
	unlink(FCAP_HELPER);
}

/* Control: a Medium alice gets the file capability (Linux semantics). */
TEST_F(esc, fcap_medium_control)
{
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (pid == 0) {
		unsigned long long eff = 0;
		int nnp = -1;

		wt_become_user(WT_UID_ALICE, WT_GID_USERS);
		if (run_helper(FCAP_HELPER, &eff, &nnp))
			_exit(10);
		if (!(eff & (1ULL << CAP_DAC_READ_SEARCH)))
			_exit(11);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
}

/*
 * A Low alice must not gain a file capability, not even at the first exec
 * (no_new_privs set by the exec hook came after check_unsafe_exec() had
 * decided this exec was safe).
 */
TEST_F(esc, fcap_sandbox_first_exec)
{
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (pid == 0) {
		unsigned long long eff = 0;
		int nnp = -1;

		wt_become_user(WT_UID_ALICE, WT_GID_USERS);
		if (wt_lower_own_token())
			_exit(9);
		if (run_helper(FCAP_HELPER, &eff, &nnp))
			_exit(10);
		fprintf(stderr, "# Low alice, file with cap_dac_read_search: CapEff=%llx nnp=%d\n",
			eff, nnp);
		if (eff & (1ULL << CAP_DAC_READ_SEARCH))
			_exit(20);	/* the sandbox gained a capability */
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
}

/*
 * Root that lowered its own token to Low keeps the capabilities it holds,
 * but an exec as uid 0 gives it none (before: every capability). The
 * program has no file capabilities: Linux refuses to start one whose
 * file capabilities cannot all be granted.
 */
TEST_F(esc, lowered_root_loses_capabilities_at_exec)
{
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (pid == 0) {
		unsigned long long eff = ~0ULL;
		int nnp = -1;

		if (wt_lower_own_token())
			_exit(9);
		if (run_helper("/proc/self/exe", &eff, &nnp))
			_exit(10);
		fprintf(stderr, "# root lowered to Low, after exec: CapEff=%llx nnp=%d\n",
			eff, nnp);
		if (eff)
			_exit(20);
		if (nnp != 1)
			_exit(21);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
}

/* Control: root at its own level still gets its capabilities at exec. */
TEST_F(esc, root_keeps_capabilities_at_exec)
{
	unsigned long long eff = 0;
	int nnp = -1;

	ASSERT_EQ(0, run_helper("/proc/self/exe", &eff, &nnp));
	EXPECT_NE(0, eff & (1ULL << CAP_SYS_ADMIN));
	EXPECT_EQ(0, nnp);
}

/*
 * Every unmapped SID runs with the overflow ids, so Linux's ptrace rule
 * cannot tell two unmapped users apart: a process assigned a token of the
 * unmapped user S-1-5-21-1-2-3-5001 (uid/gid 65534) must not be readable
 * by another nobody process (it was: process_vm_readv, /proc/PID/environ).
 */
TEST_F(esc, unmapped_users_are_not_each_other)
{
	struct wt_sid_and_attributes g[1];
	struct wt_create_token c = { 0 };
	int ready[2], stop[2], tok;
	pid_t victim, attacker;
	char b;

	ASSERT_EQ(0, wt_enable_privilege(WT_SE_CREATE_TOKEN_PRIVILEGE));
	ASSERT_EQ(0, wt_sid_parse("S-1-5-21-1-2-3-5001", &c.user, 0));
	ASSERT_EQ(0, wt_sid_parse("S-1-5-21-1-2-3-5001", &c.primary_group, 0));
	ASSERT_EQ(0, wt_sid_parse("S-1-16-8192", &g[0], WT_INTEGRITY_ATTRS));
	c.type = WT_TOKEN_PRIMARY;
	c.group_count = 1;
	c.groups = (uintptr_t)g;
	c.desired_access = WT_MAXIMUM_ALLOWED;
	memcpy(c.source.name, "esctest", 6);
	tok = wt_create_token(-1, &c);
	ASSERT_LE(0, tok);
	ASSERT_EQ(0, pipe(ready));
	ASSERT_EQ(0, pipe(stop));

	victim = fork();
	ASSERT_LE(0, victim);
	if (victim == 0) {
		int dev = open("/dev/wintok", O_RDWR | O_CLOEXEC);

		close(ready[0]);
		close(stop[1]);
		if (setresuid(65534, -1, -1) ||
		    wt_enable_privilege(WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE))
			_exit(9);
		if (wt_assign_primary_token(dev, tok)) {
			fprintf(stderr, "# assign: %s\n", strerror(errno));
			_exit(10);
		}
		/* What the launcher's execve() does: dumpable again. */
		prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
		prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY, 0, 0, 0);
		strcpy(secret, "S-1-5-21-1-2-3-5001's secret");
		if (write(ready[1], "r", 1) != 1)
			_exit(11);
		if (read(stop[0], &b, 1) < 0)
			_exit(12);
		_exit(0);
	}
	close(ready[1]);
	close(stop[0]);
	close(tok);
	ASSERT_EQ(1, read(ready[0], &b, 1));

	attacker = fork();
	ASSERT_LE(0, attacker);
	if (attacker == 0) {
		struct iovec l, r;
		char buf[64] = "", path[64];
		ssize_t n;
		int fd, ok = 0;

		wt_become_user(65534, 65534);
		l.iov_base = buf;
		l.iov_len = sizeof(buf);
		r.iov_base = secret;
		r.iov_len = sizeof(secret);
		n = process_vm_readv(victim, &l, 1, &r, 1, 0);
		fprintf(stderr, "# nobody process_vm_readv of the other user: %zd (%s) \"%s\"\n",
			n, n < 0 ? strerror(errno) : "ok", n > 0 ? buf : "");
		if (n > 0 && strstr(buf, "secret"))
			ok = 1;
		snprintf(path, sizeof(path), "/proc/%d/environ", victim);
		fd = open(path, O_RDONLY);
		fprintf(stderr, "# nobody open %s: %s\n", path,
			fd >= 0 ? "ok" : strerror(errno));
		if (fd >= 0)
			ok = 1;
		fd = wt_open_process_token_pid(-1, victim, WT_OPEN_TOKEN_PID, WT_TOKEN_QUERY, NULL);
		fprintf(stderr, "# nobody OPEN_PROCESS_TOKEN: %s\n",
			fd >= 0 ? "ok" : strerror(errno));
		_exit(ok ? 20 : 0);
	}
	EXPECT_EQ(0, wt_reap(attacker));
	close(stop[1]);
	EXPECT_EQ(0, wt_reap(victim));
}

/*
 * A Low child may not install its session keyring in its Medium parent
 * (keyctl(KEYCTL_SESSION_TO_PARENT)): it could read what the parent keeps
 * there afterwards. The credential the parent would get is refused
 * (cred_alloc_blank() fails: ENOMEM). cred_transfer_test shows a child of
 * the same token still may.
 */
TEST_F(esc, low_child_cannot_set_the_parents_keyring)
{
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (pid == 0) {
		pid_t kid;

		wt_become_user(WT_UID_ALICE, WT_GID_USERS);
		kid = fork();
		if (kid == 0) {
			long k;

			if (wt_lower_own_token())
				_exit(1);
			k = syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, NULL);
			if (k < 0)
				_exit(2);
			if (syscall(SYS_keyctl, KEYCTL_SESSION_TO_PARENT) == 0)
				_exit(20);	/* the parent takes the sandbox's keyring */
			_exit(errno == ENOMEM ? 0 : 3);
		}
		_exit(wt_reap(kid));
	}
	EXPECT_EQ(0, wt_reap(pid));
}

TEST_HARNESS_MAIN
