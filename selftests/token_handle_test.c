// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests: token handles and what they hold: contents, SIDs,
 * handles over SCM_RIGHTS, the errors of WT_IOC_OPEN_PROCESS_TOKEN and
 * WT_IOC_QUERY_TOKEN. Runs as root in the VM; drops to alice, bob, wtsvc in
 * forked children.
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

/* ---- handles ---- */

TEST_F(token, handle_is_cloexec_anon_inode_with_query_rights)
{
	char path[64], target[128];
	uint32_t granted = 0;
	ssize_t n;
	int fd;

	EXPECT_EQ(FD_CLOEXEC, fcntl(self->tok, F_GETFD) & FD_CLOEXEC);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", self->tok);
	n = readlink(path, target, sizeof(target) - 1);
	ASSERT_LT(0, n);
	target[n] = '\0';
	EXPECT_STREQ("anon_inode:[wintok-token]", target);

	/* Own token: anything within TOKEN_ALL_ACCESS. */
	fd = wt_open_process_token(self->dev, WT_MAXIMUM_ALLOWED, &granted);
	ASSERT_LE(0, fd);
	EXPECT_EQ(WT_TOKEN_ALL_ACCESS, granted);
	close(fd);
	fd = wt_open_process_token(self->dev, WT_TOKEN_QUERY, &granted);
	ASSERT_LE(0, fd);
	EXPECT_EQ(WT_TOKEN_QUERY, granted);
	close(fd);
	fd = wt_open_process_token(self->dev, WT_GENERIC_READ, &granted);
	ASSERT_LE(0, fd);
	EXPECT_EQ(WT_TOKEN_READ, granted);
	close(fd);
	fd = wt_open_process_token(self->dev, WT_TOKEN_ADJUST_PRIVILEGES |
				   WT_TOKEN_QUERY, &granted);
	ASSERT_LE(0, fd);
	EXPECT_EQ(WT_TOKEN_ADJUST_PRIVILEGES | WT_TOKEN_QUERY, granted);
	close(fd);
	/* ACCESS_SYSTEM_SECURITY needs SeSecurityPrivilege. */
	EXPECT_EQ(-1, wt_open_process_token(self->dev, WT_ACCESS_SYSTEM_SECURITY,
					    NULL));
	EXPECT_EQ(EACCES, errno);
}

TEST_F(token, root_token_contents)
{
	struct wt_token_statistics st;
	struct wt_token_source src;
	char s[192];
	uint32_t attrs = 0, v, len;
	uint64_t origin;
	uint8_t acl[256];

	ASSERT_EQ(0, geteuid());
	single_sid(self->tok, WT_TOKEN_INFO_USER, s, sizeof(s), &attrs);
	EXPECT_STREQ("S-1-22-1-0", s);
	EXPECT_EQ(0, attrs);
	single_sid(self->tok, WT_TOKEN_INFO_OWNER, s, sizeof(s), NULL);
	EXPECT_STREQ("S-1-5-32-544", s);
	single_sid(self->tok, WT_TOKEN_INFO_PRIMARY_GROUP, s, sizeof(s), NULL);
	EXPECT_STREQ("S-1-22-2-0", s);
	single_sid(self->tok, WT_TOKEN_INFO_INTEGRITY_LEVEL, s, sizeof(s), &attrs);
	EXPECT_STREQ("S-1-16-16384", s);
	EXPECT_EQ(WT_SE_GROUP_INTEGRITY | WT_SE_GROUP_INTEGRITY_ENABLED, attrs);

	EXPECT_EQ(0xf, group_attrs(self->tok, WT_TOKEN_INFO_GROUPS, "S-1-5-32-544"));
	EXPECT_EQ(7, group_attrs(self->tok, WT_TOKEN_INFO_GROUPS, "S-1-1-0"));
	EXPECT_EQ(7, group_attrs(self->tok, WT_TOKEN_INFO_GROUPS, "S-1-2-0"));
	EXPECT_EQ(7, group_attrs(self->tok, WT_TOKEN_INFO_GROUPS, "S-1-5-11"));
	EXPECT_EQ(7, group_attrs(self->tok, WT_TOKEN_INFO_GROUPS, "S-1-22-2-0"));
	EXPECT_EQ(0x60, group_attrs(self->tok, WT_TOKEN_INFO_GROUPS, "S-1-16-16384"));

	/* LocalSystem privileges: some enabled, some only present. */
	EXPECT_EQ(3, wt_priv_attrs(self->tok, WT_SE_TCB_PRIVILEGE));
	EXPECT_EQ(3, wt_priv_attrs(self->tok, WT_SE_CHANGE_NOTIFY_PRIVILEGE));
	EXPECT_EQ(3, wt_priv_attrs(self->tok, WT_SE_IMPERSONATE_PRIVILEGE));
	EXPECT_EQ(0, wt_priv_attrs(self->tok, WT_SE_BACKUP_PRIVILEGE));
	EXPECT_EQ(0, wt_priv_attrs(self->tok, WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE));
	EXPECT_EQ(-1, wt_priv_attrs(self->tok, WT_SE_RELABEL_PRIVILEGE));

	ASSERT_EQ(0, token_stats(self->tok, &st));
	EXPECT_NE(0, st.token_id);
	EXPECT_NE(0, st.authentication_id);
	EXPECT_EQ(INT64_MAX, st.expiration_time);
	EXPECT_EQ(WT_TOKEN_PRIMARY, st.token_type);
	EXPECT_EQ(priv_count(self->tok), st.privilege_count);
	EXPECT_LT(0, st.dynamic_charged);

	ASSERT_EQ(0, wt_get_token_information(self->tok, WT_TOKEN_INFO_SOURCE, &src,
					      sizeof(src), NULL));
	EXPECT_EQ(0, memcmp(src.name, "LinuxIds", 8));
	ASSERT_EQ(0, wt_get_token_information(self->tok, WT_TOKEN_INFO_TYPE, &v,
					      sizeof(v), NULL));
	EXPECT_EQ(WT_TOKEN_PRIMARY, v);
	ASSERT_EQ(0, wt_get_token_information(self->tok, WT_TOKEN_INFO_ELEVATION,
					      &v, sizeof(v), NULL));
	EXPECT_EQ(1, v);
	ASSERT_EQ(0, wt_get_token_information(self->tok, WT_TOKEN_INFO_ELEVATION_TYPE,
					      &v, sizeof(v), NULL));
	EXPECT_EQ(WT_TOKEN_ELEVATION_TYPE_DEFAULT, v);
	ASSERT_EQ(0, wt_get_token_information(self->tok, WT_TOKEN_INFO_SESSION_ID,
					      &v, sizeof(v), NULL));
	EXPECT_EQ(0, v);
	ASSERT_EQ(0, wt_get_token_information(self->tok, WT_TOKEN_INFO_MANDATORY_POLICY,
					      &v, sizeof(v), NULL));
	EXPECT_EQ(WT_TOKEN_MANDATORY_POLICY_NO_WRITE_UP |
		  WT_TOKEN_MANDATORY_POLICY_NEW_PROCESS_MIN, v);
	ASSERT_EQ(0, wt_get_token_information(self->tok, WT_TOKEN_INFO_HAS_RESTRICTIONS,
					      &v, sizeof(v), NULL));
	EXPECT_EQ(0, v);
	ASSERT_EQ(0, wt_get_token_information(self->tok, WT_TOKEN_INFO_ORIGIN,
					      &origin, sizeof(origin), NULL));

	/* Default DACL: ACL revision 2, two ACEs (user, SYSTEM: GENERIC_ALL). */
	ASSERT_EQ(0, wt_get_token_information(self->tok, WT_TOKEN_INFO_DEFAULT_DACL,
					      acl, sizeof(acl), &len));
	ASSERT_LE(8, len);
	EXPECT_EQ(WT_ACL_REVISION, acl[0]);
	EXPECT_EQ(len, acl[2] | acl[3] << 8);
	EXPECT_EQ(2, acl[4] | acl[5] << 8);

	/* A primary token has no impersonation level. */
	EXPECT_EQ(-1, wt_get_token_information(self->tok,
					       WT_TOKEN_INFO_IMPERSONATION_LEVEL,
					       &v, sizeof(v), NULL));
	EXPECT_EQ(ENODATA, errno);
}

TEST_F(token, logon_sid_matches_authentication_id)
{
	struct wt_token_statistics st;
	struct wt_token_groups *g;
	char want[64], s[192];
	uint32_t len = 0;

	ASSERT_EQ(0, token_stats(self->tok, &st));
	g = wt_get_token_information_alloc(self->tok, WT_TOKEN_INFO_LOGON_SID, &len);
	ASSERT_NE(NULL, g);
	ASSERT_EQ(1, g->count);
	EXPECT_EQ(sizeof(*g) + sizeof(g->groups[0]), len);
	EXPECT_EQ(WT_SE_GROUP_LOGON_ID | 7, g->groups[0].attributes);
	ASSERT_LT(0, sid_attr_string(&g->groups[0], s, sizeof(s)));
	snprintf(want, sizeof(want), "S-1-5-5-%u-%u",
		 (uint32_t)(st.authentication_id >> 32), (uint32_t)st.authentication_id);
	EXPECT_STREQ(want, s);
	free(g);
}

/* alice and bob, each in a child: their own SIDs, groups and no admin rights. */
static int check_user(uid_t uid, const gid_t *groups, int ngroups,
		      const char *user_sid, const char *const *group_sids)
{
	char s[192];
	int fd, i;

	if (setgroups(ngroups, groups) || setresgid(uid, uid, uid) ||
	    setresuid(uid, uid, uid))
		return 2;
	fd = open_self();
	if (fd < 0)
		return 3;
	single_sid(fd, WT_TOKEN_INFO_USER, s, sizeof(s), NULL);
	if (strcmp(s, user_sid))
		return 4;
	single_sid(fd, WT_TOKEN_INFO_OWNER, s, sizeof(s), NULL);
	if (strcmp(s, user_sid))
		return 5;
	for (i = 0; group_sids[i]; i++)
		if (group_attrs(fd, WT_TOKEN_INFO_GROUPS, group_sids[i]) != 7)
			return 10 + i;
	if (group_attrs(fd, WT_TOKEN_INFO_GROUPS, "S-1-5-32-544") != -1)
		return 6;
	if (group_attrs(fd, WT_TOKEN_INFO_GROUPS, "S-1-16-8192") != 0x60)
		return 7;
	if (priv_count(fd) != 1 ||
	    wt_priv_attrs(fd, WT_SE_CHANGE_NOTIFY_PRIVILEGE) != 3)
		return 8;
	return 0;
}

TEST(alice_and_bob_get_their_own_sids)
{
	static const gid_t alice_groups[] = { WT_GID_USERS, WT_GID_FINANCE };
	static const gid_t bob_groups[] = { 50, WT_GID_USERS };
	static const char *const alice_sids[] = {
		"S-1-22-2-1001", "S-1-22-2-100", "S-1-22-2-2001", "S-1-1-0",
		"S-1-2-0", "S-1-5-11", NULL };
	static const char *const bob_sids[] = {
		"S-1-22-2-1002", "S-1-22-2-50", "S-1-22-2-100", "S-1-1-0",
		"S-1-2-0", "S-1-5-11", NULL };
	pid_t pid;

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0)
		_exit(check_user(WT_UID_ALICE, alice_groups, 2, "S-1-22-1-1001",
				 alice_sids));
	EXPECT_EQ(0, wt_reap(pid));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0)
		_exit(check_user(WT_UID_BOB, bob_groups, 2, "S-1-22-1-1002", bob_sids));
	EXPECT_EQ(0, wt_reap(pid));
}

TEST(overflow_uid_is_not_authenticated)
{
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (pid == 0) {
		int fd;

		wt_become_user(65534, 65534);
		fd = open_self();
		if (fd < 0)
			_exit(2);
		if (group_attrs(fd, WT_TOKEN_INFO_GROUPS, "S-1-5-11") != -1)
			_exit(3);
		if (group_attrs(fd, WT_TOKEN_INFO_GROUPS, "S-1-1-0") != 7)
			_exit(4);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
}

/*
 * A derived token holds at most 1000 supplementary gids. Beyond that the
 * token is refused, not truncated, and the process cannot create new
 * credentials (fork fails): fail closed.
 */
static int groups_limit_child(int ngroups)
{
	gid_t *gids = calloc(ngroups, sizeof(gid_t));
	uint32_t count = 0;
	int fd, i;
	pid_t pid;

	if (!gids)
		return 2;
	for (i = 0; i < ngroups; i++)
		gids[i] = 30000 + i;
	if (setgroups(ngroups, gids))
		return 3;
	fd = open_self();
	if (ngroups <= 1000) {
		struct wt_token_groups *g;

		if (fd < 0)
			return 4;
		g = wt_get_token_information_alloc(fd, WT_TOKEN_INFO_GROUPS, NULL);
		if (!g)
			return 5;
		count = g->count;
		free(g);
		/* egid, the gids, Everyone, Admins, Local, AU, logon, integrity */
		if (count != (uint32_t)ngroups + 7)
			return 6;
		return 0;
	}
	if (fd >= 0 || errno != E2BIG)
		return 7;
	pid = fork();
	if (pid == 0)
		_exit(0);
	if (pid >= 0) {
		waitpid(pid, NULL, 0);
		return 8;
	}
	return errno == ENOMEM ? 0 : 9;
}

TEST(too_many_groups_fail_closed)
{
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (pid == 0)
		_exit(groups_limit_child(1000));
	EXPECT_EQ(0, wt_reap(pid));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0)
		_exit(groups_limit_child(1001));
	EXPECT_EQ(0, wt_reap(pid));
}

/* ---- SCM_RIGHTS ---- */

TEST_F(token, handle_passes_over_scm_rights)
{
	struct wt_token_statistics st;
	int sv[2];
	pid_t pid;

	ASSERT_EQ(0, token_stats(self->tok, &st));
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct wt_token_statistics got;
		char s[192];
		int fd;

		close(sv[0]);
		wt_become_user(WT_UID_BOB, WT_UID_BOB);
		fd = wt_recv_fd(sv[1]);
		if (fd < 0)
			_exit(2);
		/* The handle still names root's token, with its rights. */
		if (token_stats(fd, &got) || got.token_id != st.token_id)
			_exit(3);
		single_sid(fd, WT_TOKEN_INFO_USER, s, sizeof(s), NULL);
		if (strcmp(s, "S-1-22-1-0"))
			_exit(4);
		/* bob's own token is bob's. */
		close(fd);
		fd = open_self();
		single_sid(fd, WT_TOKEN_INFO_USER, s, sizeof(s), NULL);
		if (strcmp(s, "S-1-22-1-1002"))
			_exit(5);
		_exit(0);
	}
	close(sv[1]);
	ASSERT_EQ(0, wt_send_fd(sv[0], self->tok));
	close(sv[0]);
	EXPECT_EQ(0, wt_reap(pid));
}

/* ---- errors of WT_IOC_OPEN_PROCESS_TOKEN ---- */

TEST_F(token, open_errors)
{
	struct wt_open_token ot;
	int fd;
	struct {
		struct wt_open_token ot;
		uint8_t tail[16];
	} big;

	memset(&ot, 0, sizeof(ot));
	ot.size = WT_OPEN_TOKEN_SIZE_VER0 - 1;
	ot.desired_access = WT_TOKEN_QUERY;
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_OPEN_PROCESS_TOKEN, &ot));
	EXPECT_EQ(EINVAL, errno);
	ot.size = 1u << 20;
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_OPEN_PROCESS_TOKEN, &ot));
	EXPECT_EQ(E2BIG, errno);

	memset(&big, 0, sizeof(big));
	big.ot.size = sizeof(big);
	big.ot.desired_access = WT_TOKEN_QUERY;
	big.tail[3] = 1;
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_OPEN_PROCESS_TOKEN, &big));
	EXPECT_EQ(E2BIG, errno);
	big.tail[3] = 0;
	big.ot.granted_access = 0;
	{
		int fd = ioctl(self->dev, WT_IOC_OPEN_PROCESS_TOKEN, &big);

		EXPECT_LE(0, fd);
		EXPECT_EQ(sizeof(struct wt_open_token), big.ot.size);
		EXPECT_EQ(WT_TOKEN_QUERY, big.ot.granted_access);
		close(fd);
	}

	memset(&ot, 0, sizeof(ot));
	ot.size = sizeof(ot);
	ot.flags = 0x4;	/* unknown (0x1 and 0x2 name a process, ABI 6) */
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_OPEN_PROCESS_TOKEN, &ot));
	EXPECT_EQ(EINVAL, errno);
	ot.flags = 0;
	ot.reserved = 1;
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_OPEN_PROCESS_TOKEN, &ot));
	EXPECT_EQ(EINVAL, errno);
	ot.reserved = 0;
	ot.desired_access = 0x00400000;	/* not a token right */
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_OPEN_PROCESS_TOKEN, &ot));
	EXPECT_EQ(EINVAL, errno);
	/* Only what the own token's DACL cannot grant is refused. */
	ot.desired_access = WT_TOKEN_QUERY | WT_ACCESS_SYSTEM_SECURITY;
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_OPEN_PROCESS_TOKEN, &ot));
	EXPECT_EQ(EACCES, errno);
	ot.desired_access = WT_TOKEN_ALL_ACCESS;
	fd = ioctl(self->dev, WT_IOC_OPEN_PROCESS_TOKEN, &ot);
	EXPECT_LE(0, fd);
	EXPECT_EQ(WT_TOKEN_ALL_ACCESS, ot.granted_access);
	close(fd);

	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_OPEN_PROCESS_TOKEN, NULL));
	EXPECT_EQ(EFAULT, errno);

	/* The open command means nothing on a token fd. */
	ot.desired_access = WT_TOKEN_QUERY;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_OPEN_PROCESS_TOKEN, &ot));
	EXPECT_EQ(ENOTTY, errno);
}

/* ---- errors of WT_IOC_QUERY_TOKEN ---- */

TEST_F(token, query_on_wrong_or_bad_fd)
{
	struct wt_token_query q = { .size = sizeof(q),
				    .info_class = WT_TOKEN_INFO_TYPE };
	uint32_t v;
	int pfd[2], closed;

	q.length = sizeof(v);
	q.buffer = (uintptr_t)&v;
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_QUERY_TOKEN, &q));
	EXPECT_EQ(ENOTTY, errno);
	ASSERT_EQ(0, pipe(pfd));
	EXPECT_EQ(-1, ioctl(pfd[0], WT_IOC_QUERY_TOKEN, &q));
	EXPECT_EQ(ENOTTY, errno);
	close(pfd[0]);
	close(pfd[1]);
	closed = dup(self->tok);
	ASSERT_LE(0, closed);
	close(closed);
	EXPECT_EQ(-1, ioctl(closed, WT_IOC_QUERY_TOKEN, &q));
	EXPECT_EQ(EBADF, errno);
	/* Unknown command on a token fd. */
	EXPECT_EQ(-1, ioctl(self->tok, _IOWR(WT_IOC_MAGIC, 0x7f, struct wt_token_query), &q));
	EXPECT_EQ(ENOTTY, errno);
	/* A token fd cannot be read or written. */
	EXPECT_EQ(-1, read(self->tok, &v, sizeof(v)));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, write(self->tok, &v, sizeof(v)));
	EXPECT_EQ(EBADF, errno);
}

TEST_F(token, query_struct_errors)
{
	struct wt_token_query q;
	struct {
		struct wt_token_query q;
		uint8_t tail[8];
	} big;
	uint32_t v = 0;

	memset(&q, 0, sizeof(q));
	q.size = WT_TOKEN_QUERY_SIZE_VER0 - 1;
	q.info_class = WT_TOKEN_INFO_TYPE;
	q.length = sizeof(v);
	q.buffer = (uintptr_t)&v;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_QUERY_TOKEN, &q));
	EXPECT_EQ(EINVAL, errno);
	q.size = 1u << 20;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_QUERY_TOKEN, &q));
	EXPECT_EQ(E2BIG, errno);
	q.size = sizeof(q);
	q.flags = 1;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_QUERY_TOKEN, &q));
	EXPECT_EQ(EINVAL, errno);
	q.flags = 0;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_QUERY_TOKEN, NULL));
	EXPECT_EQ(EFAULT, errno);

	memset(&big, 0, sizeof(big));
	big.q = q;
	big.q.size = sizeof(big);
	big.tail[7] = 1;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_QUERY_TOKEN, &big));
	EXPECT_EQ(E2BIG, errno);
	big.tail[7] = 0;
	EXPECT_EQ(0, ioctl(self->tok, WT_IOC_QUERY_TOKEN, &big));
	EXPECT_EQ(sizeof(struct wt_token_query), big.q.size);
	EXPECT_EQ(sizeof(v), big.q.length);
	EXPECT_EQ(WT_TOKEN_PRIMARY, v);

	/* Unknown classes, including ones Windows has and wintok does not. */
	q.info_class = 0;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_QUERY_TOKEN, &q));
	EXPECT_EQ(EINVAL, errno);
	q.info_class = 13;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_QUERY_TOKEN, &q));
	EXPECT_EQ(EINVAL, errno);
	q.info_class = 0xffffffff;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_QUERY_TOKEN, &q));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(token, query_size_probe)
{
	struct wt_token_query q;
	uint8_t buf[4096];
	uint32_t need;

	memset(&q, 0, sizeof(q));
	q.size = sizeof(q);
	q.info_class = WT_TOKEN_INFO_GROUPS;
	/* Probe with no buffer. */
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_QUERY_TOKEN, &q));
	EXPECT_EQ(ERANGE, errno);
	need = q.length;
	EXPECT_LT(sizeof(struct wt_token_groups), need);
	EXPECT_EQ(0, (need - sizeof(struct wt_token_groups)) %
		     sizeof(struct wt_sid_and_attributes));
	ASSERT_GT(sizeof(buf), need);

	/* One byte short: ERANGE, nothing written, size reported again. */
	memset(buf, 0xa5, sizeof(buf));
	q.length = need - 1;
	q.buffer = (uintptr_t)buf;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_QUERY_TOKEN, &q));
	EXPECT_EQ(ERANGE, errno);
	EXPECT_EQ(need, q.length);
	EXPECT_EQ(0xa5, buf[0]);

	/* Exactly enough, and more than enough. */
	q.length = need;
	EXPECT_EQ(0, ioctl(self->tok, WT_IOC_QUERY_TOKEN, &q));
	EXPECT_EQ(need, q.length);
	q.length = sizeof(buf);
	EXPECT_EQ(0, ioctl(self->tok, WT_IOC_QUERY_TOKEN, &q));
	EXPECT_EQ(need, q.length);
	EXPECT_EQ(0xa5, buf[need]);

	/* A bad buffer address with enough length faults. */
	q.length = need;
	q.buffer = 16;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_QUERY_TOKEN, &q));
	EXPECT_EQ(EFAULT, errno);

	/* Fixed-size classes report their size the same way. */
	q.info_class = WT_TOKEN_INFO_STATISTICS;
	q.length = 0;
	q.buffer = 0;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_QUERY_TOKEN, &q));
	EXPECT_EQ(ERANGE, errno);
	EXPECT_EQ(sizeof(struct wt_token_statistics), q.length);
}

TEST_F(token, query_needs_handle_access)
{
	struct wt_token_source src;
	uint32_t v;
	int none, query, source;

	none = wt_open_process_token(self->dev, 0, NULL);
	ASSERT_LE(0, none);
	query = wt_open_process_token(self->dev, WT_TOKEN_QUERY, NULL);
	ASSERT_LE(0, query);
	source = wt_open_process_token(self->dev, WT_TOKEN_QUERY_SOURCE, NULL);
	ASSERT_LE(0, source);

	EXPECT_EQ(-1, wt_get_token_information(none, WT_TOKEN_INFO_TYPE, &v,
					       sizeof(v), NULL));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(-1, wt_get_token_information(query, WT_TOKEN_INFO_SOURCE, &src,
					       sizeof(src), NULL));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(0, wt_get_token_information(query, WT_TOKEN_INFO_TYPE, &v,
					      sizeof(v), NULL));
	EXPECT_EQ(-1, wt_get_token_information(source, WT_TOKEN_INFO_USER, &v,
					       sizeof(v), NULL));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(0, wt_get_token_information(source, WT_TOKEN_INFO_SOURCE, &src,
					      sizeof(src), NULL));
	/* An unknown class is EINVAL even without access. */
	EXPECT_EQ(-1, wt_get_token_information(none, 13, &v, sizeof(v), NULL));
	EXPECT_EQ(EINVAL, errno);
	close(none);
	close(query);
	close(source);
}

TEST_HARNESS_MAIN
