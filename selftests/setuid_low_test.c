// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests: set-id programs run by a lowered or restricted process.
 *
 * A set-id exec changes the Linux identity, so a derived token is derived
 * again for the new ids. A process that lowered its own token's integrity
 * level keeps the lowered level through that (as a Low process on Windows
 * cannot start a Medium one); a restricted token is not derived and is
 * kept whole. A process at its identity's own level is not capped: a
 * setuid-root program still gets root's System token, as with sudo. A
 * sandbox (restricted, or below Medium) execs with no_new_privs: the
 * set-id bit is ignored, so it gains neither uid 0 nor a new token.
 * Runs as root in the VM, with a setuid-root copy of this binary on tmpfs.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/wintok.h>

#include "kselftest_harness.h"
#include "libwintok.h"
#include "wt_test.h"

#define SUID_HELPER	"/tmp/wt_setuid_low_helper"

/*
 * Helper mode (WT_SETUID_HELPER set): print "<integrity rid> <restricted>
 * <euid>" for the token this exec got, and exit.
 */
__attribute__((constructor)) static void helper_mode(void)
{
	unsigned int rid = 0, restricted = 0;

	if (!getenv("WT_SETUID_HELPER"))
		return;
	if (wt_primary_state(-1, &rid, &restricted))
		_exit(20);
	printf("%u %u %u\n", rid, restricted, geteuid());
	fflush(stdout);
	_exit(0);
}

/* In the calling (child) process: exec the helper, parse its line. */
static int run_helper(unsigned int *rid, unsigned int *restricted,
		      unsigned int *euid)
{
	char line[128];

	if (wt_run_helper_line(SUID_HELPER, "WT_SETUID_HELPER", line,
			       sizeof(line)))
		return -1;
	return sscanf(line, "%u %u %u", rid, restricted, euid) == 3 ? 0 : -1;
}

FIXTURE(suid) {
	int unused;
};

FIXTURE_SETUP(suid)
{
	ASSERT_EQ(0, wt_copy_self(SUID_HELPER, 04755));
}

FIXTURE_TEARDOWN(suid)
{
	unlink(SUID_HELPER);
}

/* Not lowered: the setuid-root program gets root's own level, as sudo. */
TEST_F(suid, medium_caller_gets_root_token)
{
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (pid == 0) {
		unsigned int rid = 0, restricted = 9, euid = 9;

		wt_become_user(WT_UID_ALICE, WT_GID_USERS);
		if (run_helper(&rid, &restricted, &euid))
			_exit(10);
		if (euid != 0 || rid != WT_RID_SYSTEM || restricted)
			_exit(11);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
}

/*
 * alice lowered her own token to Low: the setuid-root program gets neither
 * uid 0 nor a token above Low.
 */
TEST_F(suid, lowered_caller_stays_low)
{
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (pid == 0) {
		unsigned int rid = 0, restricted = 9, euid = 9;

		wt_become_user(WT_UID_ALICE, WT_GID_USERS);
		if (wt_lower_own_token())
			_exit(9);
		if (run_helper(&rid, &restricted, &euid))
			_exit(10);
		if (euid != WT_UID_ALICE)
			_exit(11);	/* the set-id bit applied: uid 0 */
		if (rid != WT_RID_LOW)
			_exit(12);	/* re-derived at System: raised */
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
}

/* The same through setresuid() by a root process that lowered itself. */
TEST_F(suid, lowered_root_stays_low_after_setuid)
{
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (pid == 0) {
		unsigned int rid = 0, restricted = 9;

		if (wt_lower_own_token())
			_exit(9);
		wt_become_user(WT_UID_ALICE, WT_GID_USERS);
		if (wt_primary_state(-1, &rid, &restricted))
			_exit(10);
		if (rid != WT_RID_LOW)
			_exit(11);	/* re-derived at Medium */
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
}

/*
 * alice's own token, restricted and lowered to Low, assigned to her
 * process (the privilege by policy, as a launcher would hold it): the
 * token is kept whole, and the setuid-root program runs without its
 * set-id bit, as alice (it ran as uid 0 with root's capabilities before).
 */
TEST_F(suid, restricted_token_kept_whole)
{
	pid_t pid;

	ASSERT_EQ(0, wt_set_privilege_policy("uid:1001:SeAssignPrimaryTokenPrivilege"));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		unsigned int rid = 0, restricted = 0, euid = 9;
		int dev;

		wt_become_user(WT_UID_ALICE, WT_GID_USERS);
		dev = open("/dev/wintok", O_RDWR | O_CLOEXEC);
		if (dev < 0 || wt_assign_low_restricted(dev, "S-1-22-1-1001"))
			_exit(11);
		if (run_helper(&rid, &restricted, &euid))
			_exit(12);
		if (euid != WT_UID_ALICE)
			_exit(13);	/* the set-id bit applied: uid 0 */
		if (rid != WT_RID_LOW || restricted != 1)
			_exit(14);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
	ASSERT_EQ(0, wt_set_privilege_policy(""));
}

TEST_HARNESS_MAIN
