// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests: credentials the kernel builds without prepare_creds().
 *
 * keyctl(KEYCTL_SESSION_TO_PARENT) makes a blank credential in the child
 * (cred_alloc_blank()) and the parent installs it, filled with a copy of
 * its own ids, through security_transfer_creds(). The parent's token must
 * travel with it: a restricted, Low-integrity process must stay so, and an
 * impersonating thread must still impersonate (and revert to what it had).
 * Runs as root in the VM.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/keyctl.h>
#include <linux/wintok.h>

#include "kselftest_harness.h"
#include "libwintok.h"
#include "wt_test.h"

static long session_keyring(void)
{
	return syscall(SYS_keyctl, KEYCTL_GET_KEYRING_ID,
		       KEY_SPEC_SESSION_KEYRING, 0);
}

/*
 * The attack: a child joins a new session keyring and installs it in its
 * parent. Returns 0 when the parent's session keyring changed.
 */
static int session_to_parent(void)
{
	long before = session_keyring();
	pid_t pid = fork();

	if (pid == 0) {
		if (syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, NULL) < 0)
			_exit(1);
		if (syscall(SYS_keyctl, KEYCTL_SESSION_TO_PARENT) < 0)
			_exit(2);
		_exit(0);
	}
	if (wt_reap(pid))
		return -1;
	/* The new cred was installed on the way back from wait(). */
	return session_keyring() != before ? 0 : -1;
}

/*
 * A process with a restricted Low token (what wtrun --restrict --low
 * makes) gets a new session keyring from its child: the token stays.
 */
TEST(session_to_parent_keeps_restricted_low_token)
{
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (pid == 0) {
		unsigned int rid = 0, restricted = 0;
		int dev = open("/dev/wintok", O_RDWR | O_CLOEXEC);

		if (dev < 0 || wt_assign_low_restricted(dev, "S-1-22-1-0"))
			_exit(12);
		if (wt_primary_state(dev, &rid, &restricted) || rid != WT_RID_LOW ||
		    restricted != 1)
			_exit(13);
		if (session_to_parent())
			_exit(14);
		if (wt_primary_state(dev, &rid, &restricted))
			_exit(15);
		if (rid != WT_RID_LOW)
			_exit(16);
		if (restricted != 1)
			_exit(17);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
}

/*
 * The same from a thread that impersonates (its own Low token, the only
 * identity keyctl accepts for the parent): after the child installs the
 * keyring the thread still impersonates, and revert gives back the Low
 * primary token, not a fresh one.
 */
TEST(session_to_parent_keeps_impersonation)
{
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (pid == 0) {
		unsigned int rid = 0, restricted = 0;
		int dev = open("/dev/wintok", O_RDWR | O_CLOEXEC);
		int ttok;

		if (dev < 0 || wt_lower_own_token())
			_exit(10);
		if (wt_impersonate_own_token(dev, WT_SECURITY_IMPERSONATION))
			_exit(11);
		if (session_to_parent())
			_exit(12);
		ttok = wt_open_thread_token(dev, 0, WT_OPEN_AS_SELF,
					    WT_TOKEN_QUERY, NULL);
		if (ttok < 0)
			_exit(13);	/* the impersonation is gone */
		close(ttok);
		if (wt_revert_to_self(dev))
			_exit(14);
		ttok = wt_open_thread_token(dev, 0, WT_OPEN_AS_SELF,
					    WT_TOKEN_QUERY, NULL);
		if (ttok >= 0 || errno != ENOENT)
			_exit(15);
		if (wt_primary_state(dev, &rid, &restricted))
			_exit(16);
		if (rid != WT_RID_LOW)
			_exit(17);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
}

/* Without the module's involvement the keyring still changes hands. */
TEST(session_to_parent_still_works)
{
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (pid == 0) {
		unsigned int rid = 0, restricted = 0;

		wt_become_user(WT_UID_ALICE, WT_GID_USERS);
		if (session_to_parent())
			_exit(1);
		if (wt_primary_state(-1, &rid, &restricted) || rid != 8192 ||
		    restricted)
			_exit(2);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
}

TEST_HARNESS_MAIN
