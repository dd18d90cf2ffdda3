/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the wintok selftests. The VM's /etc/passwd and
 * /etc/group (tools/vm/mkinitramfs.sh) define these users and groups.
 */
#ifndef WT_TEST_H
#define WT_TEST_H

#include <grp.h>
#include <stdlib.h>
#include <unistd.h>

#define WT_UID_ALICE	1001
#define WT_UID_BOB	1002
#define WT_UID_MALLORY	1003
#define WT_UID_SERVICE	1100
#define WT_GID_USERS	100
#define WT_GID_FINANCE	2001

/*
 * Drop to an unprivileged user in a forked child; exits the child if the
 * switch fails, so a test can never go on as root by mistake.
 */
static inline void wt_become_user(uid_t uid, gid_t gid)
{
	if (setgroups(0, NULL) || setresgid(gid, gid, gid) ||
	    setresuid(uid, uid, uid))
		_exit(99);
}

#endif /* WT_TEST_H */
