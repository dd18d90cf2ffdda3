// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests: the privilege policy parameter, AdjustTokenPrivileges
 * and AdjustTokenGroups. Runs as root in the VM; drops to alice, bob, wtsvc
 * in forked children.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/wintok.h>

#include "kselftest_harness.h"
#include "libwintok.h"
#include "wt_test.h"
#include "token_common.h"

/* ---- privilege policy ---- */

TEST(privilege_policy_parameter)
{
	char buf[512];
	ssize_t n;
	pid_t pid;
	int fd;

	ASSERT_EQ(0, wt_set_privilege_policy("uid:1100:SeImpersonatePrivilege,sebackupprivilege;"
					     "gid:2001:SeShutdownPrivilege\n"));
	fd = open(WT_PARAM_DIR "privileges", O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	ASSERT_LT(0, n);
	buf[n] = '\0';
	EXPECT_STREQ("uid:1100:SeBackupPrivilege,SeImpersonatePrivilege;"
		     "gid:2001:SeShutdownPrivilege\n", buf);

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		wt_become_user(WT_UID_SERVICE, WT_UID_SERVICE);
		fd = open_self();
		if (fd < 0)
			_exit(2);
		if (wt_priv_attrs(fd, WT_SE_IMPERSONATE_PRIVILEGE) != 3)
			_exit(3);
		if (wt_priv_attrs(fd, WT_SE_BACKUP_PRIVILEGE) != 0)
			_exit(4);
		if (wt_priv_attrs(fd, WT_SE_CHANGE_NOTIFY_PRIVILEGE) != 3)
			_exit(5);
		if (wt_priv_attrs(fd, WT_SE_SHUTDOWN_PRIVILEGE) != -1)
			_exit(6);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		gid_t g = WT_GID_FINANCE;

		if (setgroups(1, &g) || setresgid(WT_UID_ALICE, WT_UID_ALICE, WT_UID_ALICE) ||
		    setresuid(WT_UID_ALICE, WT_UID_ALICE, WT_UID_ALICE))
			_exit(2);
		fd = open_self();
		if (wt_priv_attrs(fd, WT_SE_SHUTDOWN_PRIVILEGE) != 0 ||
		    wt_priv_attrs(fd, WT_SE_IMPERSONATE_PRIVILEGE) != -1)
			_exit(3);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));

	/* Strict validation: the old policy stays on a bad write. */
	EXPECT_EQ(-1, wt_set_privilege_policy("uid:1100:SeNoSuchPrivilege"));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, wt_set_privilege_policy("user:1100:SeBackupPrivilege"));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, wt_set_privilege_policy("uid:-1:SeBackupPrivilege"));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, wt_set_privilege_policy("uid:0x10:SeBackupPrivilege"));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, wt_set_privilege_policy("uid:5:"));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, wt_set_privilege_policy("uid:5:SeBackupPrivilege,"));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, wt_set_privilege_policy("uid:5:SeBackupPrivilege;"));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, wt_set_privilege_policy("uid:4294967295:SeBackupPrivilege"));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, wt_set_privilege_policy("uid:99999999999:SeBackupPrivilege"));
	EXPECT_EQ(EINVAL, errno);
	fd = open(WT_PARAM_DIR "privileges", O_RDONLY | O_CLOEXEC);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	ASSERT_LT(0, n);
	buf[n] = '\0';
	EXPECT_EQ(0, strncmp(buf, "uid:1100:", 9));

	/* Empty: back to the defaults. */
	ASSERT_EQ(0, wt_set_privilege_policy(""));
	fd = open(WT_PARAM_DIR "privileges", O_RDONLY | O_CLOEXEC);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	EXPECT_EQ(1, n);
}

/* ---- AdjustTokenPrivileges ---- */

static uint64_t token_modified_id(int fd)
{
	struct wt_token_statistics st;

	return token_stats(fd, &st) ? 0 : st.modified_id;
}

TEST_F(token, adjust_privileges_enable_disable)
{
	struct wt_luid_and_attributes prev[4];
	uint32_t nprev = 4;
	uint64_t mod = token_modified_id(self->tok);
	int not_all = -1, other;

	ASSERT_EQ(0, wt_priv_attrs(self->tok, WT_SE_RESTORE_PRIVILEGE));
	ASSERT_EQ(0, adjust_one(self->tok, WT_SE_RESTORE_PRIVILEGE,
				WT_SE_PRIVILEGE_ENABLED, prev, &nprev, &not_all));
	EXPECT_EQ(0, not_all);
	ASSERT_EQ(1, nprev);
	EXPECT_EQ(WT_SE_RESTORE_PRIVILEGE, prev[0].luid);
	EXPECT_EQ(0, prev[0].attributes);
	EXPECT_EQ(WT_SE_PRIVILEGE_ENABLED,
		  wt_priv_attrs(self->tok, WT_SE_RESTORE_PRIVILEGE));
	EXPECT_NE(mod, token_modified_id(self->tok));
	/* Another handle to the process token sees the change. */
	other = open_self();
	ASSERT_LE(0, other);
	EXPECT_EQ(WT_SE_PRIVILEGE_ENABLED,
		  wt_priv_attrs(other, WT_SE_RESTORE_PRIVILEGE));
	close(other);

	/* Enabling again changes nothing: no previous state. */
	nprev = 4;
	ASSERT_EQ(0, adjust_one(self->tok, WT_SE_RESTORE_PRIVILEGE,
				WT_SE_PRIVILEGE_ENABLED, prev, &nprev, &not_all));
	EXPECT_EQ(0, nprev);

	nprev = 4;
	ASSERT_EQ(0, adjust_one(self->tok, WT_SE_RESTORE_PRIVILEGE, 0, prev,
				&nprev, &not_all));
	EXPECT_EQ(0, not_all);
	ASSERT_EQ(1, nprev);
	EXPECT_EQ(WT_SE_PRIVILEGE_ENABLED, prev[0].attributes);
	EXPECT_EQ(0, wt_priv_attrs(self->tok, WT_SE_RESTORE_PRIVILEGE));

	/* Disabling an enabled-by-default privilege keeps that flag. */
	ASSERT_EQ(0, adjust_one(self->tok, WT_SE_TCB_PRIVILEGE, 0, NULL, NULL,
				NULL));
	EXPECT_EQ(WT_SE_PRIVILEGE_ENABLED_BY_DEFAULT,
		  wt_priv_attrs(self->tok, WT_SE_TCB_PRIVILEGE));
}

TEST_F(token, adjust_privileges_remove_and_not_all_assigned)
{
	struct wt_luid_and_attributes two[2] = {
		{ .luid = WT_SE_BACKUP_PRIVILEGE,
		  .attributes = WT_SE_PRIVILEGE_ENABLED },
		{ .luid = WT_SE_RESTORE_PRIVILEGE,
		  .attributes = WT_SE_PRIVILEGE_ENABLED },
	};
	struct wt_luid_and_attributes prev[4];
	uint32_t nprev = 4, count = priv_count(self->tok);
	int not_all = -1;

	ASSERT_EQ(0, adjust_one(self->tok, WT_SE_RESTORE_PRIVILEGE,
				WT_SE_PRIVILEGE_REMOVED, prev, &nprev, &not_all));
	EXPECT_EQ(0, not_all);
	EXPECT_EQ(1, nprev);
	EXPECT_EQ(-1, wt_priv_attrs(self->tok, WT_SE_RESTORE_PRIVILEGE));
	EXPECT_EQ(count - 1, priv_count(self->tok));

	/* A removed privilege cannot be enabled: success, not all assigned. */
	nprev = 4;
	ASSERT_EQ(0, adjust_one(self->tok, WT_SE_RESTORE_PRIVILEGE,
				WT_SE_PRIVILEGE_ENABLED, prev, &nprev, &not_all));
	EXPECT_EQ(1, not_all);
	EXPECT_EQ(0, nprev);
	EXPECT_EQ(-1, wt_priv_attrs(self->tok, WT_SE_RESTORE_PRIVILEGE));

	/* The held one of two is enabled, the other reported. */
	nprev = 4;
	ASSERT_EQ(0, wt_adjust_token_privileges(self->tok, 0, two, 2, prev,
						&nprev, &not_all));
	EXPECT_EQ(1, not_all);
	ASSERT_EQ(1, nprev);
	EXPECT_EQ(WT_SE_BACKUP_PRIVILEGE, prev[0].luid);
	EXPECT_EQ(WT_SE_PRIVILEGE_ENABLED,
		  wt_priv_attrs(self->tok, WT_SE_BACKUP_PRIVILEGE));
}

TEST_F(token, adjust_privileges_disable_all)
{
	struct wt_luid_and_attributes prev[64];
	uint32_t nprev = 64;
	int not_all = -1;

	ASSERT_EQ(3, wt_priv_attrs(self->tok, WT_SE_TCB_PRIVILEGE));
	ASSERT_EQ(0, wt_adjust_token_privileges(self->tok, 1, NULL, 0, prev,
						&nprev, &not_all));
	EXPECT_EQ(0, not_all);
	EXPECT_LT(0, nprev);
	EXPECT_EQ(1, wt_priv_attrs(self->tok, WT_SE_TCB_PRIVILEGE));
	EXPECT_EQ(1, wt_priv_attrs(self->tok, WT_SE_CHANGE_NOTIFY_PRIVILEGE));
}

TEST_F(token, adjust_privileges_errors)
{
	struct wt_luid_and_attributes la = { .luid = WT_SE_RESTORE_PRIVILEGE,
					     .attributes = WT_SE_PRIVILEGE_ENABLED };
	struct wt_luid_and_attributes prev[1];
	struct wt_adjust_privileges a;
	uint32_t nprev;
	int fd;

	/* Unknown LUIDs. */
	EXPECT_EQ(-EINVAL, adjust_one(self->tok, 0, WT_SE_PRIVILEGE_ENABLED,
				      NULL, NULL, NULL));
	EXPECT_EQ(-EINVAL, adjust_one(self->tok, WT_SE_MIN_PRIVILEGE - 1,
				      WT_SE_PRIVILEGE_ENABLED, NULL, NULL, NULL));
	EXPECT_EQ(-EINVAL, adjust_one(self->tok, WT_SE_MAX_PRIVILEGE + 1,
				      WT_SE_PRIVILEGE_ENABLED, NULL, NULL, NULL));
	/* Unknown or contradictory attributes. */
	EXPECT_EQ(-EINVAL, adjust_one(self->tok, WT_SE_RESTORE_PRIVILEGE, 0x8,
				      NULL, NULL, NULL));
	EXPECT_EQ(-EINVAL, adjust_one(self->tok, WT_SE_RESTORE_PRIVILEGE,
				      WT_SE_PRIVILEGE_ENABLED |
				      WT_SE_PRIVILEGE_REMOVED, NULL, NULL, NULL));
	/* Nothing to do. */
	EXPECT_EQ(-1, wt_adjust_token_privileges(self->tok, 0, &la, 0, NULL,
						 NULL, NULL));
	EXPECT_EQ(EINVAL, errno);

	/* Reserved fields, unknown flags, bad sizes. */
	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	a.count = 1;
	a.privileges = (uintptr_t)&la;
	a.reserved = 1;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_ADJUST_PRIVILEGES, &a));
	EXPECT_EQ(EINVAL, errno);
	a.reserved = 0;
	a.flags = 0x2;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_ADJUST_PRIVILEGES, &a));
	EXPECT_EQ(EINVAL, errno);
	a.flags = 0;
	la.reserved = 1;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_ADJUST_PRIVILEGES, &a));
	EXPECT_EQ(EINVAL, errno);
	la.reserved = 0;
	a.size = WT_ADJUST_PRIVILEGES_SIZE_VER0 - 8;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_ADJUST_PRIVILEGES, &a));
	EXPECT_EQ(EINVAL, errno);
	a.size = sizeof(a);
	a.privileges = 8;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_ADJUST_PRIVILEGES, &a));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(0, wt_priv_attrs(self->tok, WT_SE_RESTORE_PRIVILEGE));

	/* Too little room for the previous state: ERANGE, nothing changed. */
	nprev = 0;
	EXPECT_EQ(-ERANGE, adjust_one(self->tok, WT_SE_RESTORE_PRIVILEGE,
				      WT_SE_PRIVILEGE_ENABLED, prev, &nprev,
				      NULL));
	EXPECT_EQ(1, nprev);
	EXPECT_EQ(0, wt_priv_attrs(self->tok, WT_SE_RESTORE_PRIVILEGE));

	/* A handle without TOKEN_ADJUST_PRIVILEGES. */
	fd = wt_open_process_token(self->dev, WT_TOKEN_QUERY, NULL);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-EACCES, adjust_one(fd, WT_SE_RESTORE_PRIVILEGE,
				      WT_SE_PRIVILEGE_ENABLED, NULL, NULL, NULL));
	close(fd);
	EXPECT_EQ(0, wt_priv_attrs(self->tok, WT_SE_RESTORE_PRIVILEGE));
}

TEST_F(token, adjust_privileges_in_a_child_leaves_the_parent)
{
	pid_t pid;

	ASSERT_EQ(0, wt_priv_attrs(self->tok, WT_SE_RESTORE_PRIVILEGE));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int fd = open_self();

		if (fd < 0)
			_exit(2);
		if (adjust_one(fd, WT_SE_RESTORE_PRIVILEGE,
			       WT_SE_PRIVILEGE_ENABLED, NULL, NULL, NULL))
			_exit(3);
		if (wt_priv_attrs(fd, WT_SE_RESTORE_PRIVILEGE) != WT_SE_PRIVILEGE_ENABLED)
			_exit(4);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
	EXPECT_EQ(0, wt_priv_attrs(self->tok, WT_SE_RESTORE_PRIVILEGE));

	/* alice cannot enable a privilege she does not hold. */
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int fd, not_all = 0;

		wt_become_user(WT_UID_ALICE, WT_UID_ALICE);
		fd = open_self();
		if (fd < 0)
			_exit(2);
		if (adjust_one(fd, WT_SE_RESTORE_PRIVILEGE,
			       WT_SE_PRIVILEGE_ENABLED, NULL, NULL, &not_all))
			_exit(3);
		if (not_all != 1 || wt_priv_attrs(fd, WT_SE_RESTORE_PRIVILEGE) != -1)
			_exit(4);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
}

/* ---- AdjustTokenGroups ---- */

TEST_F(token, adjust_groups_enable_disable_reset)
{
	struct wt_sid_and_attributes two[2], prev[8];
	struct test_token t;
	uint32_t nprev = 8, result = 99;
	uint64_t mod;
	int fd;

	test_token_init(&t, "S-1-22-1-1001");
	fd = create_test_token(self->dev, self->tok, &t);
	ASSERT_LE(0, fd) {
		TH_LOG("create token: %s", strerror(errno));
	}
	mod = token_modified_id(fd);

	/* Disable an optional group: previous state reported. */
	two[0] = sa_of("S-1-22-2-2001", 0);
	ASSERT_EQ(0, wt_adjust_token_groups(fd, 0, two, 1, prev, &nprev, &result));
	EXPECT_EQ(0, result);
	ASSERT_EQ(1, nprev);
	EXPECT_EQ(G_OPTIONAL_ON, prev[0].attributes);
	EXPECT_EQ(WT_SE_GROUP_ENABLED_BY_DEFAULT,
		  sid_group_attrs(fd, "S-1-22-2-2001"));
	EXPECT_NE(mod, token_modified_id(fd));

	/* Enable a disabled one; an unknown SID: not all assigned. */
	two[0] = sa_of("S-1-5-32-545", WT_SE_GROUP_ENABLED);
	two[1] = sa_of("S-1-5-21-1-2-3-4", WT_SE_GROUP_ENABLED);
	nprev = 8;
	ASSERT_EQ(0, wt_adjust_token_groups(fd, 0, two, 2, prev, &nprev, &result));
	EXPECT_EQ(WT_ADJUST_GROUPS_NOT_ALL_ASSIGNED, result);
	EXPECT_EQ(1, nprev);
	EXPECT_EQ(WT_SE_GROUP_ENABLED, sid_group_attrs(fd, "S-1-5-32-545"));
	/* The integrity SID is not a group one can adjust. */
	EXPECT_EQ(0, adjust_group(fd, "S-1-16-8192", 0, &result));
	EXPECT_EQ(WT_ADJUST_GROUPS_NOT_ALL_ASSIGNED, result);
	EXPECT_EQ(G_INTEGRITY, sid_group_attrs(fd, "S-1-16-8192"));
	/* Mandatory groups may be "enabled" (they are): nothing changes. */
	nprev = 8;
	two[0] = sa_of("S-1-1-0", WT_SE_GROUP_ENABLED);
	ASSERT_EQ(0, wt_adjust_token_groups(fd, 0, two, 1, prev, &nprev, &result));
	EXPECT_EQ(0, nprev);

	/* Reset: back to the defaults. */
	nprev = 8;
	ASSERT_EQ(0, wt_adjust_token_groups(fd, 1, NULL, 0, prev, &nprev, &result));
	EXPECT_EQ(0, result);
	EXPECT_EQ(2, nprev);
	EXPECT_EQ(G_OPTIONAL_ON, sid_group_attrs(fd, "S-1-22-2-2001"));
	EXPECT_EQ(0, sid_group_attrs(fd, "S-1-5-32-545"));
	EXPECT_EQ(WT_SE_GROUP_USE_FOR_DENY_ONLY,
		  sid_group_attrs(fd, "S-1-22-2-100"));
	close(fd);
}

/* Toggle @sid on @fd @n times, ending enabled when @end_enabled. */
static int toggle_group(int fd, const char *sid, int n, int end_enabled)
{
	int i;

	for (i = 0; i < n; i++) {
		/* The last round (n - 1 - i == 0) sets the final state. */
		int on = (n - 1 - i) % 2 ? !end_enabled : end_enabled;

		if (adjust_group(fd, sid, on ? WT_SE_GROUP_ENABLED : 0, NULL))
			return -1;
	}
	return 0;
}

TEST_F(token, concurrent_adjustments_do_not_lose_each_other)
{
	struct test_token t;
	pid_t a, b, q;
	int fd;

	test_token_init(&t, "S-1-22-1-1001");
	fd = create_test_token(self->dev, self->tok, &t);
	ASSERT_LE(0, fd);
	/* Three processes, one token object (the handle is inherited). */
	a = fork();
	ASSERT_LE(0, a);
	if (a == 0)
		_exit(toggle_group(fd, "S-1-22-2-2001", 400, 0) ? 2 : 0);
	b = fork();
	ASSERT_LE(0, b);
	if (b == 0)
		_exit(toggle_group(fd, "S-1-5-32-545", 400, 1) ? 2 : 0);
	q = fork();
	ASSERT_LE(0, q);
	if (q == 0) {
		int i;

		for (i = 0; i < 400; i++) {
			struct wt_token_groups *g =
				wt_get_token_information_alloc(fd, WT_TOKEN_INFO_GROUPS,
							       NULL);

			if (!g || g->count != 7)
				_exit(3);
			free(g);
		}
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(a));
	EXPECT_EQ(0, wt_reap(b));
	EXPECT_EQ(0, wt_reap(q));
	/* Each process's last change stands. */
	EXPECT_EQ(WT_SE_GROUP_ENABLED_BY_DEFAULT,
		  sid_group_attrs(fd, "S-1-22-2-2001"));
	EXPECT_EQ(WT_SE_GROUP_ENABLED, sid_group_attrs(fd, "S-1-5-32-545"));
	close(fd);
}

TEST_F(token, adjust_groups_mandatory_and_deny_only_refused)
{
	struct wt_sid_and_attributes two[2];
	struct test_token t;
	uint32_t result = 0;
	uint64_t mod;
	int fd;

	test_token_init(&t, "S-1-22-1-1001");
	fd = create_test_token(self->dev, self->tok, &t);
	ASSERT_LE(0, fd);
	mod = token_modified_id(fd);

	EXPECT_EQ(-EPERM, adjust_group(fd, "S-1-1-0", 0, &result));
	EXPECT_EQ(WT_ADJUST_GROUPS_MANDATORY, result);
	EXPECT_EQ(-EPERM, adjust_group(fd, "S-1-22-2-100", WT_SE_GROUP_ENABLED,
				       &result));
	EXPECT_EQ(WT_ADJUST_GROUPS_DENY_ONLY, result);
	/* All or nothing: the allowed half of a refused request is not made. */
	two[0] = sa_of("S-1-5-32-545", WT_SE_GROUP_ENABLED);
	two[1] = sa_of("S-1-5-32-544", 0);
	EXPECT_EQ(-1, wt_adjust_token_groups(fd, 0, two, 2, NULL, NULL, &result));
	EXPECT_EQ(EPERM, errno);
	EXPECT_EQ(0, sid_group_attrs(fd, "S-1-5-32-545"));
	EXPECT_EQ(G_DEFAULT | WT_SE_GROUP_OWNER,
		  sid_group_attrs(fd, "S-1-5-32-544"));
	EXPECT_EQ(mod, token_modified_id(fd));
	close(fd);

	/* The derived token's groups are all mandatory. */
	EXPECT_EQ(-EPERM, adjust_group(self->tok, "S-1-5-32-544", 0, &result));
	EXPECT_EQ(WT_ADJUST_GROUPS_MANDATORY, result);
}

TEST_F(token, adjust_groups_errors)
{
	struct wt_sid_and_attributes sa = sa_of("S-1-1-0", WT_SE_GROUP_ENABLED);
	struct wt_sid_and_attributes prev[2];
	struct wt_adjust_groups a;
	struct test_token t;
	struct {
		struct wt_adjust_groups a;
		uint8_t tail[8];
	} big;
	uint32_t nprev;
	int fd, closed;

	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	a.count = 1;
	a.groups = (uintptr_t)&sa;
	ASSERT_EQ(0, ioctl(self->tok, WT_IOC_ADJUST_GROUPS, &a));

	/* Bad fd, wrong fd type. */
	closed = open_self();
	ASSERT_LE(0, closed);
	close(closed);
	EXPECT_EQ(-1, ioctl(closed, WT_IOC_ADJUST_GROUPS, &a));
	EXPECT_EQ(EBADF, errno);
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_ADJUST_GROUPS, &a));
	EXPECT_EQ(ENOTTY, errno);
	/* Sizes. */
	a.size = WT_ADJUST_GROUPS_SIZE_VER0 - 4;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_ADJUST_GROUPS, &a));
	EXPECT_EQ(EINVAL, errno);
	a.size = 8192;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_ADJUST_GROUPS, &a));
	EXPECT_EQ(E2BIG, errno);
	memset(&big, 0, sizeof(big));
	big.a = a;
	big.a.size = sizeof(big);
	big.tail[0] = 1;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_ADJUST_GROUPS, &big));
	EXPECT_EQ(E2BIG, errno);
	a.size = sizeof(a);
	/* Flags, reserved, result, counts. */
	a.flags = 0x2;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_ADJUST_GROUPS, &a));
	EXPECT_EQ(EINVAL, errno);
	a.flags = WT_ADJUST_GROUPS_RESET;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_ADJUST_GROUPS, &a));
	EXPECT_EQ(EINVAL, errno);
	a.flags = 0;
	a.reserved = 1;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_ADJUST_GROUPS, &a));
	EXPECT_EQ(EINVAL, errno);
	a.reserved = 0;
	a.result = 1;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_ADJUST_GROUPS, &a));
	EXPECT_EQ(EINVAL, errno);
	a.result = 0;
	a.count = 0;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_ADJUST_GROUPS, &a));
	EXPECT_EQ(EINVAL, errno);
	a.count = 1025;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_ADJUST_GROUPS, &a));
	EXPECT_EQ(E2BIG, errno);
	a.count = 1;
	/* Entries: attribute bits, a malformed SID, a bad pointer. */
	sa.attributes = WT_SE_GROUP_ENABLED | WT_SE_GROUP_MANDATORY;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_ADJUST_GROUPS, &a));
	EXPECT_EQ(EINVAL, errno);
	sa.attributes = WT_SE_GROUP_ENABLED;
	sa.sid_size = 9;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_ADJUST_GROUPS, &a));
	EXPECT_EQ(EINVAL, errno);
	sa.sid_size = 12;
	sa.sid[0] = 2;	/* revision */
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_ADJUST_GROUPS, &a));
	EXPECT_EQ(EINVAL, errno);
	sa = sa_of("S-1-1-0", WT_SE_GROUP_ENABLED);
	a.groups = 8;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_ADJUST_GROUPS, &a));
	EXPECT_EQ(EFAULT, errno);
	a.groups = (uintptr_t)&sa;

	/* A handle without TOKEN_ADJUST_GROUPS. */
	fd = wt_open_process_token(self->dev, WT_TOKEN_QUERY |
				   WT_TOKEN_ADJUST_PRIVILEGES, NULL);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, ioctl(fd, WT_IOC_ADJUST_GROUPS, &a));
	EXPECT_EQ(EACCES, errno);
	close(fd);

	/* Too little room for the previous state: nothing changed. */
	test_token_init(&t, "S-1-22-1-1001");
	fd = create_test_token(self->dev, self->tok, &t);
	ASSERT_LE(0, fd);
	/* Nothing to reset: no room is needed. */
	nprev = 0;
	EXPECT_EQ(0, wt_adjust_token_groups(fd, 1, NULL, 0, prev, &nprev, NULL));
	EXPECT_EQ(0, nprev);
	EXPECT_EQ(0, adjust_group(fd, "S-1-5-32-545", WT_SE_GROUP_ENABLED, NULL));
	nprev = 0;
	EXPECT_EQ(-1, wt_adjust_token_groups(fd, 1, NULL, 0, prev, &nprev, NULL));
	EXPECT_EQ(ERANGE, errno);
	EXPECT_EQ(1, nprev);
	EXPECT_EQ(WT_SE_GROUP_ENABLED, sid_group_attrs(fd, "S-1-5-32-545"));
	close(fd);
}

TEST_HARNESS_MAIN
