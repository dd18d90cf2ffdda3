// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests: primary tokens on credentials, token handles and the
 * query ioctl. Runs as root in the VM; drops to alice, bob, wtsvc in
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

#define PARAM_DIR "/sys/module/wintok/parameters/"
#define SUID_HELPER "/tmp/wt_token_suid_helper"

/* ---- helpers usable in any process ---- */

static int open_self(void)
{
	return wt_open_process_token(-1, WT_MAXIMUM_ALLOWED, NULL);
}

static int token_stats(int fd, struct wt_token_statistics *st)
{
	return wt_get_token_information(fd, WT_TOKEN_INFO_STATISTICS, st,
					sizeof(*st), NULL);
}

/* Token id of the calling process, 0 on any failure. */
static uint64_t self_token_id(void)
{
	struct wt_token_statistics st;
	int fd = open_self();
	uint64_t id = 0;

	if (fd < 0)
		return 0;
	if (!token_stats(fd, &st))
		id = st.token_id;
	close(fd);
	return id;
}

static int sid_attr_string(const struct wt_sid_and_attributes *sa, char *buf,
			   size_t size)
{
	return wt_sid_string(sa->sid, sa->sid_size, buf, size);
}

/* "S-1-..." of a single-SID class, or "" on failure. */
static void single_sid(int fd, uint32_t cls, char *buf, size_t size,
		       uint32_t *attrs)
{
	struct wt_sid_and_attributes sa;

	buf[0] = '\0';
	if (wt_get_token_information(fd, cls, &sa, sizeof(sa), NULL))
		return;
	if (attrs)
		*attrs = sa.attributes;
	if (sid_attr_string(&sa, buf, size) < 0)
		buf[0] = '\0';
}

/* Attributes of group @sid in class @cls (groups), or -1 when absent. */
static long long group_attrs(int fd, uint32_t cls, const char *sid)
{
	struct wt_token_groups *g;
	char s[192];
	long long ret = -1;
	uint32_t i;

	g = wt_get_token_information_alloc(fd, cls, NULL);
	if (!g)
		return -2;
	for (i = 0; i < g->count; i++) {
		if (sid_attr_string(&g->groups[i], s, sizeof(s)) < 0)
			continue;
		if (!strcmp(s, sid))
			ret = g->groups[i].attributes;
	}
	free(g);
	return ret;
}

/* Attributes of privilege @luid, or -1 when the token does not hold it. */
static long long priv_attrs(int fd, uint64_t luid)
{
	struct wt_token_privileges *p;
	long long ret = -1;
	uint32_t i;

	p = wt_get_token_information_alloc(fd, WT_TOKEN_INFO_PRIVILEGES, NULL);
	if (!p)
		return -2;
	for (i = 0; i < p->count; i++)
		if (p->privileges[i].luid == luid)
			ret = p->privileges[i].attributes;
	free(p);
	return ret;
}

static uint32_t priv_count(int fd)
{
	struct wt_token_privileges *p;
	uint32_t n;

	p = wt_get_token_information_alloc(fd, WT_TOKEN_INFO_PRIVILEGES, NULL);
	if (!p)
		return 0;
	n = p->count;
	free(p);
	return n;
}

static int write_policy(const char *val)
{
	int fd = open(PARAM_DIR "privileges", O_WRONLY | O_CLOEXEC);
	ssize_t n;
	int saved;

	if (fd < 0)
		return -1;
	n = write(fd, val, strlen(val));
	saved = errno;
	close(fd);
	errno = saved;
	return n == (ssize_t)strlen(val) ? 0 : -1;
}

static int wait_child(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/*
 * Helper mode: when the selftest binary is executed with WT_TOKEN_HELPER
 * set, it prints "<token id hex> <user sid> <euid>" and exits. Used to see
 * the token after exec (plain and setuid).
 */
__attribute__((constructor)) static void token_helper_mode(void)
{
	struct wt_token_statistics st;
	char user[192];
	int fd;

	if (!getenv("WT_TOKEN_HELPER"))
		return;
	fd = open_self();
	if (fd < 0 || token_stats(fd, &st))
		_exit(20);
	single_sid(fd, WT_TOKEN_INFO_USER, user, sizeof(user), NULL);
	printf("%llx %s %u\n", (unsigned long long)st.token_id, user, geteuid());
	fflush(stdout);
	_exit(0);
}

/* Run this binary in helper mode (@path) and parse its line. */
static int run_helper(const char *path, uid_t as_uid, uint64_t *id, char *user,
		      size_t user_size, unsigned int *euid)
{
	char *const argv[] = { (char *)path, NULL };
	char line[256], fmt[32];

	if (wt_run_as_line(as_uid, as_uid, "WT_TOKEN_HELPER", argv, line,
			   sizeof(line)))
		return -1;
	snprintf(fmt, sizeof(fmt), "%%llx %%%zus %%u", user_size - 1);
	if (sscanf(line, fmt, (unsigned long long *)id, user, euid) != 3)
		return -1;
	return 0;
}

/* ---- fixture ---- */

FIXTURE(token) {
	int dev;
	int tok;
};

FIXTURE_SETUP(token)
{
	self->dev = open("/dev/" WT_DEVICE_NAME, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->dev);
	self->tok = wt_open_process_token(self->dev, WT_MAXIMUM_ALLOWED, NULL);
	ASSERT_LE(0, self->tok) {
		TH_LOG("open process token: %s", strerror(errno));
	}
}

FIXTURE_TEARDOWN(token)
{
	close(self->tok);
	close(self->dev);
}

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
	EXPECT_EQ(3, priv_attrs(self->tok, WT_SE_TCB_PRIVILEGE));
	EXPECT_EQ(3, priv_attrs(self->tok, WT_SE_CHANGE_NOTIFY_PRIVILEGE));
	EXPECT_EQ(3, priv_attrs(self->tok, WT_SE_IMPERSONATE_PRIVILEGE));
	EXPECT_EQ(0, priv_attrs(self->tok, WT_SE_BACKUP_PRIVILEGE));
	EXPECT_EQ(0, priv_attrs(self->tok, WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE));
	EXPECT_EQ(-1, priv_attrs(self->tok, WT_SE_RELABEL_PRIVILEGE));

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
	    priv_attrs(fd, WT_SE_CHANGE_NOTIFY_PRIVILEGE) != 3)
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
	EXPECT_EQ(0, wait_child(pid));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0)
		_exit(check_user(WT_UID_BOB, bob_groups, 2, "S-1-22-1-1002", bob_sids));
	EXPECT_EQ(0, wait_child(pid));
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
	EXPECT_EQ(0, wait_child(pid));
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
	EXPECT_EQ(0, wait_child(pid));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0)
		_exit(groups_limit_child(1001));
	EXPECT_EQ(0, wait_child(pid));
}

/* ---- copies and sharing: children, threads, exec ---- */

/*
 * What a process's token looks like from a handle: its ids and the raw
 * answers of the user, groups, privileges and origin classes.
 */
struct token_snap {
	uint64_t token_id;
	uint64_t auth_id;
	uint32_t user_len, groups_len, privs_len;
	uint8_t user[256];
	uint8_t groups[4096];
	uint8_t privs[1024];
	uint64_t origin;
};

/* Fill @s from the calling process's token; 0 or -1. */
static int token_snap_self(struct token_snap *s)
{
	struct wt_token_statistics st;
	int fd = open_self(), err = -1;

	memset(s, 0, sizeof(*s));
	if (fd < 0)
		return -1;
	if (!token_stats(fd, &st) &&
	    !wt_get_token_information(fd, WT_TOKEN_INFO_USER, s->user,
				      sizeof(s->user), &s->user_len) &&
	    !wt_get_token_information(fd, WT_TOKEN_INFO_GROUPS, s->groups,
				      sizeof(s->groups), &s->groups_len) &&
	    !wt_get_token_information(fd, WT_TOKEN_INFO_PRIVILEGES, s->privs,
				      sizeof(s->privs), &s->privs_len) &&
	    !wt_get_token_information(fd, WT_TOKEN_INFO_ORIGIN, &s->origin,
				      sizeof(s->origin), NULL)) {
		s->token_id = st.token_id;
		s->auth_id = st.authentication_id;
		err = 0;
	}
	close(fd);
	return err;
}

/* @a and @b have the same contents, logon session and origin. */
static bool token_snap_same_contents(const struct token_snap *a,
				     const struct token_snap *b)
{
	return a->auth_id == b->auth_id && a->origin == b->origin &&
	       a->user_len == b->user_len && a->groups_len == b->groups_len &&
	       a->privs_len == b->privs_len &&
	       !memcmp(a->user, b->user, a->user_len) &&
	       !memcmp(a->groups, b->groups, a->groups_len) &&
	       !memcmp(a->privs, b->privs, a->privs_len);
}

static void *thread_token_id(void *arg)
{
	*(uint64_t *)arg = self_token_id();
	return NULL;
}

/* A thread of a child, inside the child: same token as the child. */
static int child_thread_shares(uint64_t child_id)
{
	uint64_t thread_id = 0;
	pthread_t th;

	if (pthread_create(&th, NULL, thread_token_id, &thread_id) ||
	    pthread_join(th, NULL))
		return -1;
	return thread_id == child_id ? 0 : -1;
}

TEST(children_get_a_copy_threads_share_exec_keeps)
{
	struct token_snap self_snap, snaps[2];
	uint64_t id = self_token_id(), thread_id = 0, exec_id = 0;
	uint64_t vfork_id = 0;
	unsigned int euid;
	char user[192];
	pthread_t th;
	int pfd[2];
	pid_t pid;

	ASSERT_NE(0, id);
	ASSERT_EQ(0, token_snap_self(&self_snap));
	/* Same process, second open: same token. */
	EXPECT_EQ(id, self_token_id());

	ASSERT_EQ(0, pthread_create(&th, NULL, thread_token_id, &thread_id));
	ASSERT_EQ(0, pthread_join(th, NULL));
	EXPECT_EQ(id, thread_id);

	/* A child and a grandchild: each its own copy; a thread shares. */
	ASSERT_EQ(0, pipe(pfd));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct token_snap out[2];
		pid_t grandchild;
		int gp[2];

		close(pfd[0]);
		if (token_snap_self(&out[0]) || pipe(gp))
			_exit(1);
		if (child_thread_shares(out[0].token_id))
			_exit(2);
		grandchild = fork();
		if (grandchild < 0)
			_exit(3);
		if (grandchild == 0) {
			struct token_snap g;

			if (token_snap_self(&g) ||
			    write(gp[1], &g, sizeof(g)) != sizeof(g))
				_exit(1);
			_exit(0);
		}
		if (read(gp[0], &out[1], sizeof(out[1])) != sizeof(out[1]) ||
		    wait_child(grandchild) != 0)
			_exit(4);
		/* The child's id is stable across opens. */
		if (self_token_id() != out[0].token_id)
			_exit(5);
		if (write(pfd[1], out, sizeof(out)) != sizeof(out))
			_exit(6);
		_exit(0);
	}
	close(pfd[1]);
	EXPECT_EQ(sizeof(snaps), read(pfd[0], snaps, sizeof(snaps)));
	close(pfd[0]);
	EXPECT_EQ(0, wait_child(pid));
	EXPECT_NE(0, snaps[0].token_id);
	EXPECT_NE(0, snaps[1].token_id);
	EXPECT_NE(id, snaps[0].token_id);
	EXPECT_NE(id, snaps[1].token_id);
	EXPECT_NE(snaps[0].token_id, snaps[1].token_id);
	EXPECT_TRUE(token_snap_same_contents(&self_snap, &snaps[0]));
	EXPECT_TRUE(token_snap_same_contents(&self_snap, &snaps[1]));
	EXPECT_EQ(self_snap.auth_id, snaps[0].auth_id);
	/* The parent still has its own token. */
	EXPECT_EQ(id, self_token_id());

	/* A vfork()ed child is a new process too. */
	ASSERT_EQ(0, pipe(pfd));
	pid = vfork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		uint64_t vid = self_token_id();

		_exit(write(pfd[1], &vid, sizeof(vid)) == sizeof(vid) ? 0 : 1);
	}
	close(pfd[1]);
	EXPECT_EQ(sizeof(vfork_id), read(pfd[0], &vfork_id, sizeof(vfork_id)));
	close(pfd[0]);
	EXPECT_EQ(0, wait_child(pid));
	EXPECT_NE(0, vfork_id);
	EXPECT_NE(id, vfork_id);

	/*
	 * A child that execs (no setuid bit) shows the child's copy: a new
	 * id, root's user. exec itself keeps the token: see
	 * exec_keeps_the_token.
	 */
	ASSERT_EQ(0, run_helper("/proc/self/exe", 0, &exec_id, user, sizeof(user),
				&euid));
	EXPECT_NE(0, exec_id);
	EXPECT_NE(id, exec_id);
	EXPECT_STREQ("S-1-22-1-0", user);
}

/*
 * exec keeps the token: a child notes its token id, then execs this
 * binary in helper mode, which prints the id it sees.
 */
TEST(exec_keeps_the_token)
{
	int pfd[2], ipfd[2];
	uint64_t before = 0, after = 0;
	char line[256];
	ssize_t n;
	pid_t pid;

	ASSERT_EQ(0, pipe(pfd));
	ASSERT_EQ(0, pipe(ipfd));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		uint64_t mine = self_token_id();

		close(pfd[0]);
		close(ipfd[0]);
		if (write(ipfd[1], &mine, sizeof(mine)) != sizeof(mine))
			_exit(31);
		dup2(pfd[1], 1);
		setenv("WT_TOKEN_HELPER", "1", 1);
		execl("/proc/self/exe", "/proc/self/exe", (char *)NULL);
		_exit(30);
	}
	close(pfd[1]);
	close(ipfd[1]);
	EXPECT_EQ(sizeof(before), read(ipfd[0], &before, sizeof(before)));
	n = read(pfd[0], line, sizeof(line) - 1);
	close(pfd[0]);
	close(ipfd[0]);
	EXPECT_EQ(0, wait_child(pid));
	ASSERT_LT(0, n);
	line[n] = '\0';
	after = strtoull(line, NULL, 16);
	EXPECT_NE(0, before);
	EXPECT_EQ(before, after);
	EXPECT_NE(self_token_id(), after);
}

/* ---- re-derivation ---- */

TEST(setuid_rederives_and_records_origin)
{
	struct wt_token_statistics root_st;
	int fd = open_self();
	pid_t pid;

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, token_stats(fd, &root_st));
	close(fd);

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct wt_token_statistics st;
		uint64_t origin = 0;
		char s[192];

		/* setuid() alone: uid changes, gid and groups stay root's. */
		if (setresuid(WT_UID_ALICE, WT_UID_ALICE, WT_UID_ALICE))
			_exit(2);
		fd = open_self();
		if (fd < 0 || token_stats(fd, &st))
			_exit(3);
		if (st.token_id == root_st.token_id ||
		    st.authentication_id == root_st.authentication_id)
			_exit(4);
		single_sid(fd, WT_TOKEN_INFO_USER, s, sizeof(s), NULL);
		if (strcmp(s, "S-1-22-1-1001"))
			_exit(5);
		if (group_attrs(fd, WT_TOKEN_INFO_GROUPS, "S-1-22-2-0") != 7 ||
		    group_attrs(fd, WT_TOKEN_INFO_GROUPS, "S-1-5-32-544") != -1)
			_exit(6);
		if (wt_get_token_information(fd, WT_TOKEN_INFO_ORIGIN, &origin,
					     sizeof(origin), NULL) ||
		    origin != root_st.authentication_id)
			_exit(7);
		/* Stable afterwards. */
		if (self_token_id() != st.token_id)
			_exit(8);
		_exit(0);
	}
	EXPECT_EQ(0, wait_child(pid));
}

TEST(setgroups_rederives)
{
	uint64_t id = self_token_id();
	pid_t pid;

	ASSERT_NE(0, id);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		uint64_t mine = self_token_id();
		gid_t g = WT_GID_FINANCE;
		int fd;

		/* The child's own copy, replaced by a new derivation. */
		if (!mine || mine == id)
			_exit(2);
		if (setgroups(1, &g))
			_exit(3);
		if (self_token_id() == mine)
			_exit(4);
		fd = open_self();
		if (group_attrs(fd, WT_TOKEN_INFO_GROUPS, "S-1-22-2-2001") != 7)
			_exit(5);
		_exit(0);
	}
	EXPECT_EQ(0, wait_child(pid));
}

TEST(setuid_exec_rederives_like_sudo)
{
	uint64_t id = 0, alice_id;
	unsigned int euid = 99;
	char user[192];
	int in, out;
	char buf[65536];
	ssize_t n;

	/* A setuid-root copy of this binary on tmpfs. */
	unlink(SUID_HELPER);
	in = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, in);
	out = open(SUID_HELPER, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0700);
	ASSERT_LE(0, out);
	while ((n = read(in, buf, sizeof(buf))) > 0)
		ASSERT_EQ(n, write(out, buf, n));
	close(in);
	close(out);
	ASSERT_EQ(0, chmod(SUID_HELPER, 04755));

	/* alice runs it: euid 0, so root's derived token, Administrators. */
	ASSERT_EQ(0, run_helper("/proc/self/exe", WT_UID_ALICE, &alice_id, user,
				sizeof(user), &euid));
	EXPECT_STREQ("S-1-22-1-1001", user);
	ASSERT_EQ(0, run_helper(SUID_HELPER, WT_UID_ALICE, &id, user, sizeof(user),
				&euid));
	EXPECT_EQ(0, euid);
	EXPECT_STREQ("S-1-22-1-0", user);
	EXPECT_NE(alice_id, id);
	EXPECT_NE(self_token_id(), id);
	unlink(SUID_HELPER);
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/*
 * Root inside a user namespace is still its global uid: ids are mapped
 * through the init user namespace, so alice mapped to root in her own
 * namespace keeps her token and does not become Administrators.
 */
TEST(user_namespace_root_is_not_administrators)
{
	int pfd[2];
	char r;
	pid_t pid;

	ASSERT_EQ(0, pipe(pfd));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		uint64_t id;
		char s[192];
		int fd;

		close(pfd[0]);
		wt_become_user(WT_UID_ALICE, WT_UID_ALICE);
		/* The uid change made us non-dumpable: /proc/self would be root's. */
		if (prctl(PR_SET_DUMPABLE, 1, 0, 0, 0))
			_exit(11);
		id = self_token_id();
		if (!id)
			_exit(2);
		if (unshare(CLONE_NEWUSER)) {
			r = 's';	/* user namespaces disabled: skip */
			if (write(pfd[1], &r, 1) != 1)
				_exit(3);
			_exit(0);
		}
		if (write_file("/proc/self/setgroups", "deny") ||
		    write_file("/proc/self/uid_map", "0 1001 1") ||
		    write_file("/proc/self/gid_map", "0 1001 1"))
			_exit(4);
		if (setresgid(0, 0, 0) || setresuid(0, 0, 0) || geteuid() != 0)
			_exit(5);
		fd = open_self();
		if (fd < 0)
			_exit(6);
		single_sid(fd, WT_TOKEN_INFO_USER, s, sizeof(s), NULL);
		if (strcmp(s, "S-1-22-1-1001"))
			_exit(7);
		if (group_attrs(fd, WT_TOKEN_INFO_GROUPS, "S-1-5-32-544") != -1)
			_exit(8);
		if (self_token_id() != id)
			_exit(9);
		r = 'o';
		if (write(pfd[1], &r, 1) != 1)
			_exit(10);
		_exit(0);
	}
	close(pfd[1]);
	r = 0;
	EXPECT_EQ(1, read(pfd[0], &r, 1));
	close(pfd[0]);
	EXPECT_EQ(0, wait_child(pid));
	if (r == 's')
		SKIP(return, "unprivileged user namespaces are disabled");
	EXPECT_EQ('o', r);
}

/* ---- SCM_RIGHTS ---- */

static int send_fd(int sock, int fd)
{
	char data = 'T';
	struct iovec iov = { .iov_base = &data, .iov_len = 1 };
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} u;
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = u.buf, .msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);

	memset(&u, 0, sizeof(u));
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	return sendmsg(sock, &msg, 0) == 1 ? 0 : -1;
}

static int recv_fd(int sock)
{
	char data;
	struct iovec iov = { .iov_base = &data, .iov_len = 1 };
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} u;
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = u.buf, .msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *c;
	int fd;

	if (recvmsg(sock, &msg, MSG_CMSG_CLOEXEC) != 1)
		return -1;
	c = CMSG_FIRSTHDR(&msg);
	if (!c || c->cmsg_type != SCM_RIGHTS)
		return -1;
	memcpy(&fd, CMSG_DATA(c), sizeof(int));
	return fd;
}

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
		fd = recv_fd(sv[1]);
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
	ASSERT_EQ(0, send_fd(sv[0], self->tok));
	close(sv[0]);
	EXPECT_EQ(0, wait_child(pid));
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

/* ---- privilege policy ---- */

TEST(privilege_policy_parameter)
{
	char buf[512];
	ssize_t n;
	pid_t pid;
	int fd;

	ASSERT_EQ(0, write_policy("uid:1100:SeImpersonatePrivilege,sebackupprivilege;"
				  "gid:2001:SeShutdownPrivilege\n"));
	fd = open(PARAM_DIR "privileges", O_RDONLY | O_CLOEXEC);
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
		if (priv_attrs(fd, WT_SE_IMPERSONATE_PRIVILEGE) != 3)
			_exit(3);
		if (priv_attrs(fd, WT_SE_BACKUP_PRIVILEGE) != 0)
			_exit(4);
		if (priv_attrs(fd, WT_SE_CHANGE_NOTIFY_PRIVILEGE) != 3)
			_exit(5);
		if (priv_attrs(fd, WT_SE_SHUTDOWN_PRIVILEGE) != -1)
			_exit(6);
		_exit(0);
	}
	EXPECT_EQ(0, wait_child(pid));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		gid_t g = WT_GID_FINANCE;

		if (setgroups(1, &g) || setresgid(WT_UID_ALICE, WT_UID_ALICE, WT_UID_ALICE) ||
		    setresuid(WT_UID_ALICE, WT_UID_ALICE, WT_UID_ALICE))
			_exit(2);
		fd = open_self();
		if (priv_attrs(fd, WT_SE_SHUTDOWN_PRIVILEGE) != 0 ||
		    priv_attrs(fd, WT_SE_IMPERSONATE_PRIVILEGE) != -1)
			_exit(3);
		_exit(0);
	}
	EXPECT_EQ(0, wait_child(pid));

	/* Strict validation: the old policy stays on a bad write. */
	EXPECT_EQ(-1, write_policy("uid:1100:SeNoSuchPrivilege"));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, write_policy("user:1100:SeBackupPrivilege"));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, write_policy("uid:-1:SeBackupPrivilege"));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, write_policy("uid:0x10:SeBackupPrivilege"));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, write_policy("uid:5:"));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, write_policy("uid:5:SeBackupPrivilege,"));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, write_policy("uid:5:SeBackupPrivilege;"));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, write_policy("uid:4294967295:SeBackupPrivilege"));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, write_policy("uid:99999999999:SeBackupPrivilege"));
	EXPECT_EQ(EINVAL, errno);
	fd = open(PARAM_DIR "privileges", O_RDONLY | O_CLOEXEC);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	ASSERT_LT(0, n);
	buf[n] = '\0';
	EXPECT_EQ(0, strncmp(buf, "uid:1100:", 9));

	/* Empty: back to the defaults. */
	ASSERT_EQ(0, write_policy("\n"));
	fd = open(PARAM_DIR "privileges", O_RDONLY | O_CLOEXEC);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	EXPECT_EQ(1, n);
}

/* ---- AdjustTokenPrivileges ---- */

/* Set one privilege's state; 0 or -errno; *@not_all as reported. */
static int adjust_one(int fd, uint64_t luid, uint32_t attrs,
		      struct wt_luid_and_attributes *prev, uint32_t *nprev,
		      int *not_all)
{
	struct wt_luid_and_attributes la = { .luid = luid, .attributes = attrs };

	return wt_adjust_token_privileges(fd, 0, &la, 1, prev, nprev, not_all) ?
	       -errno : 0;
}

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

	ASSERT_EQ(0, priv_attrs(self->tok, WT_SE_RESTORE_PRIVILEGE));
	ASSERT_EQ(0, adjust_one(self->tok, WT_SE_RESTORE_PRIVILEGE,
				WT_SE_PRIVILEGE_ENABLED, prev, &nprev, &not_all));
	EXPECT_EQ(0, not_all);
	ASSERT_EQ(1, nprev);
	EXPECT_EQ(WT_SE_RESTORE_PRIVILEGE, prev[0].luid);
	EXPECT_EQ(0, prev[0].attributes);
	EXPECT_EQ(WT_SE_PRIVILEGE_ENABLED,
		  priv_attrs(self->tok, WT_SE_RESTORE_PRIVILEGE));
	EXPECT_NE(mod, token_modified_id(self->tok));
	/* Another handle to the process token sees the change. */
	other = open_self();
	ASSERT_LE(0, other);
	EXPECT_EQ(WT_SE_PRIVILEGE_ENABLED,
		  priv_attrs(other, WT_SE_RESTORE_PRIVILEGE));
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
	EXPECT_EQ(0, priv_attrs(self->tok, WT_SE_RESTORE_PRIVILEGE));

	/* Disabling an enabled-by-default privilege keeps that flag. */
	ASSERT_EQ(0, adjust_one(self->tok, WT_SE_TCB_PRIVILEGE, 0, NULL, NULL,
				NULL));
	EXPECT_EQ(WT_SE_PRIVILEGE_ENABLED_BY_DEFAULT,
		  priv_attrs(self->tok, WT_SE_TCB_PRIVILEGE));
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
	EXPECT_EQ(-1, priv_attrs(self->tok, WT_SE_RESTORE_PRIVILEGE));
	EXPECT_EQ(count - 1, priv_count(self->tok));

	/* A removed privilege cannot be enabled: success, not all assigned. */
	nprev = 4;
	ASSERT_EQ(0, adjust_one(self->tok, WT_SE_RESTORE_PRIVILEGE,
				WT_SE_PRIVILEGE_ENABLED, prev, &nprev, &not_all));
	EXPECT_EQ(1, not_all);
	EXPECT_EQ(0, nprev);
	EXPECT_EQ(-1, priv_attrs(self->tok, WT_SE_RESTORE_PRIVILEGE));

	/* The held one of two is enabled, the other reported. */
	nprev = 4;
	ASSERT_EQ(0, wt_adjust_token_privileges(self->tok, 0, two, 2, prev,
						&nprev, &not_all));
	EXPECT_EQ(1, not_all);
	ASSERT_EQ(1, nprev);
	EXPECT_EQ(WT_SE_BACKUP_PRIVILEGE, prev[0].luid);
	EXPECT_EQ(WT_SE_PRIVILEGE_ENABLED,
		  priv_attrs(self->tok, WT_SE_BACKUP_PRIVILEGE));
}

TEST_F(token, adjust_privileges_disable_all)
{
	struct wt_luid_and_attributes prev[64];
	uint32_t nprev = 64;
	int not_all = -1;

	ASSERT_EQ(3, priv_attrs(self->tok, WT_SE_TCB_PRIVILEGE));
	ASSERT_EQ(0, wt_adjust_token_privileges(self->tok, 1, NULL, 0, prev,
						&nprev, &not_all));
	EXPECT_EQ(0, not_all);
	EXPECT_LT(0, nprev);
	EXPECT_EQ(1, priv_attrs(self->tok, WT_SE_TCB_PRIVILEGE));
	EXPECT_EQ(1, priv_attrs(self->tok, WT_SE_CHANGE_NOTIFY_PRIVILEGE));
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
	EXPECT_EQ(0, priv_attrs(self->tok, WT_SE_RESTORE_PRIVILEGE));

	/* Too little room for the previous state: ERANGE, nothing changed. */
	nprev = 0;
	EXPECT_EQ(-ERANGE, adjust_one(self->tok, WT_SE_RESTORE_PRIVILEGE,
				      WT_SE_PRIVILEGE_ENABLED, prev, &nprev,
				      NULL));
	EXPECT_EQ(1, nprev);
	EXPECT_EQ(0, priv_attrs(self->tok, WT_SE_RESTORE_PRIVILEGE));

	/* A handle without TOKEN_ADJUST_PRIVILEGES. */
	fd = wt_open_process_token(self->dev, WT_TOKEN_QUERY, NULL);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-EACCES, adjust_one(fd, WT_SE_RESTORE_PRIVILEGE,
				      WT_SE_PRIVILEGE_ENABLED, NULL, NULL, NULL));
	close(fd);
	EXPECT_EQ(0, priv_attrs(self->tok, WT_SE_RESTORE_PRIVILEGE));
}

TEST_F(token, adjust_privileges_in_a_child_leaves_the_parent)
{
	pid_t pid;

	ASSERT_EQ(0, priv_attrs(self->tok, WT_SE_RESTORE_PRIVILEGE));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int fd = open_self();

		if (fd < 0)
			_exit(2);
		if (adjust_one(fd, WT_SE_RESTORE_PRIVILEGE,
			       WT_SE_PRIVILEGE_ENABLED, NULL, NULL, NULL))
			_exit(3);
		if (priv_attrs(fd, WT_SE_RESTORE_PRIVILEGE) != WT_SE_PRIVILEGE_ENABLED)
			_exit(4);
		_exit(0);
	}
	EXPECT_EQ(0, wait_child(pid));
	EXPECT_EQ(0, priv_attrs(self->tok, WT_SE_RESTORE_PRIVILEGE));

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
		if (not_all != 1 || priv_attrs(fd, WT_SE_RESTORE_PRIVILEGE) != -1)
			_exit(4);
		_exit(0);
	}
	EXPECT_EQ(0, wait_child(pid));
}

/* ---- ABI 6: helpers ---- */

#define G_DEFAULT (WT_SE_GROUP_MANDATORY | WT_SE_GROUP_ENABLED_BY_DEFAULT | \
		   WT_SE_GROUP_ENABLED)
#define G_OPTIONAL_ON (WT_SE_GROUP_ENABLED_BY_DEFAULT | WT_SE_GROUP_ENABLED)
#define G_INTEGRITY (WT_SE_GROUP_INTEGRITY | WT_SE_GROUP_INTEGRITY_ENABLED)

static struct wt_sid_and_attributes sa_of(const char *sid, uint32_t attrs)
{
	struct wt_sid_and_attributes sa;

	if (wt_sid_parse(sid, &sa, attrs))
		abort();
	return sa;
}

static int enable_priv(int fd, uint64_t luid)
{
	return adjust_one(fd, luid, WT_SE_PRIVILEGE_ENABLED, NULL, NULL, NULL);
}

static int disable_priv(int fd, uint64_t luid)
{
	return adjust_one(fd, luid, 0, NULL, NULL, NULL);
}

/* An ACL of @n ACEs of @type granting @masks[i] to @sids[i]; its size. */
static uint16_t make_acl(uint8_t *buf, const char *const *sids,
			 const uint32_t *masks, int n, uint8_t type)
{
	uint16_t off = 8, count = (uint16_t)n, zero = 0;
	int i;

	for (i = 0; i < n; i++) {
		struct wt_sid_and_attributes sa = sa_of(sids[i], 0);
		uint16_t ace_size = (uint16_t)(8 + sa.sid_size);

		buf[off] = type;
		buf[off + 1] = 0;
		memcpy(buf + off + 2, &ace_size, 2);
		memcpy(buf + off + 4, &masks[i], 4);
		memcpy(buf + off + 8, sa.sid, sa.sid_size);
		off += ace_size;
	}
	buf[0] = WT_ACL_REVISION;
	buf[1] = 0;
	memcpy(buf + 2, &off, 2);
	memcpy(buf + 4, &count, 2);
	memcpy(buf + 6, &zero, 2);
	return off;
}

/* A token description for WT_IOC_CREATE_TOKEN (not to be copied). */
struct test_token {
	struct wt_create_token c;
	struct wt_sid_and_attributes groups[8];
	struct wt_luid_and_attributes privs[4];
	struct wt_sid_and_attributes restricted[2];
	uint8_t dacl[256];
};

/*
 * User @user; groups Everyone (mandatory), S-1-22-2-2001 (optional,
 * enabled), Users S-1-5-32-545 (optional, disabled), S-1-22-2-100
 * (deny-only), Administrators (mandatory, owner), Medium integrity, and
 * the primary group S-1-22-2-1001; SeChangeNotify enabled, SeBackup held.
 */
static void test_token_init(struct test_token *t, const char *user)
{
	static const char *const dacl_sids[] = { "S-1-5-18", "S-1-5-32-544" };
	static const uint32_t dacl_masks[] = { WT_GENERIC_ALL, WT_GENERIC_ALL };

	memset(t, 0, sizeof(*t));
	t->c.type = WT_TOKEN_PRIMARY;
	t->c.user = sa_of(user, 0);
	t->groups[0] = sa_of("S-1-1-0", G_DEFAULT);
	t->groups[1] = sa_of("S-1-22-2-2001", G_OPTIONAL_ON);
	t->groups[2] = sa_of("S-1-5-32-545", 0);
	t->groups[3] = sa_of("S-1-22-2-100", WT_SE_GROUP_USE_FOR_DENY_ONLY);
	t->groups[4] = sa_of("S-1-5-32-544", G_DEFAULT | WT_SE_GROUP_OWNER);
	t->groups[5] = sa_of("S-1-16-8192", G_INTEGRITY);
	t->groups[6] = sa_of("S-1-22-2-1001", G_DEFAULT);
	t->c.group_count = 7;
	t->privs[0].luid = WT_SE_CHANGE_NOTIFY_PRIVILEGE;
	t->privs[0].attributes = WT_SE_PRIVILEGE_ENABLED |
				 WT_SE_PRIVILEGE_ENABLED_BY_DEFAULT;
	t->privs[1].luid = WT_SE_BACKUP_PRIVILEGE;
	t->c.privilege_count = 2;
	t->c.primary_group = sa_of("S-1-22-2-1001", 0);
	t->c.dacl_length = make_acl(t->dacl, dacl_sids, dacl_masks, 2,
				    WT_ACCESS_ALLOWED_ACE_TYPE);
	memcpy(t->c.source.name, "wttest", 6);
	t->c.source.luid = 0x1234;
	t->c.session_id = 3;
	t->c.mandatory_policy = WT_TOKEN_MANDATORY_POLICY_NO_WRITE_UP;
	t->c.desired_access = WT_MAXIMUM_ALLOWED;
	t->c.groups = (uintptr_t)t->groups;
	t->c.privileges = (uintptr_t)t->privs;
	t->c.default_dacl = (uintptr_t)t->dacl;
	t->c.restricted_sids = (uintptr_t)t->restricted;
}

/* Create @t with SeCreateTokenPrivilege enabled in @tokfd (own token). */
static int create_test_token(int dev, int tokfd, struct test_token *t)
{
	if (enable_priv(tokfd, WT_SE_CREATE_TOKEN_PRIVILEGE))
		return -1;
	return wt_create_token(dev, &t->c);
}

static long long sid_group_attrs(int fd, const char *sid)
{
	return group_attrs(fd, WT_TOKEN_INFO_GROUPS, sid);
}

static int adjust_group(int fd, const char *sid, uint32_t attrs,
			uint32_t *result)
{
	struct wt_sid_and_attributes sa = sa_of(sid, attrs);

	return wt_adjust_token_groups(fd, 0, &sa, 1, NULL, NULL, result) ?
	       -errno : 0;
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
	EXPECT_EQ(0, wait_child(a));
	EXPECT_EQ(0, wait_child(b));
	EXPECT_EQ(0, wait_child(q));
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

/* ---- CreateRestrictedToken ---- */

static uint32_t token_u32(int fd, uint32_t cls)
{
	uint32_t v = 0xdeadbeef;

	if (wt_get_token_information(fd, cls, &v, sizeof(v), NULL))
		return 0xdeadbeef;
	return v;
}

TEST_F(token, restricted_token_contents)
{
	struct wt_sid_and_attributes deny[2], res[2];
	struct wt_luid_and_attributes del = { .luid = WT_SE_TCB_PRIVILEGE };
	struct wt_token_statistics src, st;
	struct wt_token_linux l;
	uint32_t granted = 0;
	int fd, fd2, not_all = 0;
	char s[192];

	ASSERT_EQ(0, token_stats(self->tok, &src));
	deny[0] = sa_of("S-1-5-32-544", 0);
	deny[1] = sa_of("S-1-5-21-9-9-9", 0);	/* not held: ignored */
	res[0] = sa_of("S-1-1-0", 0);
	res[1] = sa_of("S-1-22-1-0", 0);
	fd = wt_create_restricted_token(self->tok, 0, deny, 2, &del, 1, res, 2,
					0, &granted);
	ASSERT_LE(0, fd) {
		TH_LOG("create restricted: %s", strerror(errno));
	}
	EXPECT_EQ(WT_TOKEN_ALL_ACCESS, granted);	/* the source handle's */
	ASSERT_EQ(0, token_stats(fd, &st));
	EXPECT_NE(src.token_id, st.token_id);
	EXPECT_EQ(src.authentication_id, st.authentication_id);
	EXPECT_EQ(WT_TOKEN_PRIMARY, st.token_type);
	/* Administrators is deny-only; no longer the owner. */
	EXPECT_EQ(WT_SE_GROUP_USE_FOR_DENY_ONLY, sid_group_attrs(fd, "S-1-5-32-544"));
	single_sid(fd, WT_TOKEN_INFO_OWNER, s, sizeof(s), NULL);
	EXPECT_STREQ("S-1-22-1-0", s);
	EXPECT_EQ(-1, priv_attrs(fd, WT_SE_TCB_PRIVILEGE));
	EXPECT_EQ(priv_count(self->tok) - 1, priv_count(fd));
	EXPECT_EQ(1, token_u32(fd, WT_TOKEN_INFO_HAS_RESTRICTIONS));
	EXPECT_EQ(G_DEFAULT, group_attrs(fd, WT_TOKEN_INFO_RESTRICTED_SIDS, "S-1-1-0"));
	EXPECT_EQ(G_DEFAULT, group_attrs(fd, WT_TOKEN_INFO_RESTRICTED_SIDS,
					 "S-1-22-1-0"));
	/* Not derived from Linux ids. */
	ASSERT_EQ(0, wt_get_token_information(fd, WT_TOKEN_INFO_LINUX,
					      &l, sizeof(l), NULL));
	EXPECT_EQ(0, l.flags);
	/* A deleted privilege cannot be enabled: not all assigned. */
	EXPECT_EQ(0, adjust_one(fd, WT_SE_TCB_PRIVILEGE, WT_SE_PRIVILEGE_ENABLED,
				NULL, NULL, &not_all));
	EXPECT_EQ(1, not_all);
	/* Nor the deny-only group. */
	EXPECT_EQ(-EPERM, adjust_group(fd, "S-1-5-32-544", WT_SE_GROUP_ENABLED,
				       NULL));
	/* The source is unchanged. */
	EXPECT_EQ(G_DEFAULT | WT_SE_GROUP_OWNER,
		  sid_group_attrs(self->tok, "S-1-5-32-544"));
	EXPECT_EQ(0, token_u32(self->tok, WT_TOKEN_INFO_HAS_RESTRICTIONS));

	/* Restricting again narrows: only SIDs of the old list survive. */
	res[0] = sa_of("S-1-22-1-0", 0);
	res[1] = sa_of("S-1-5-32-545", 0);
	fd2 = wt_create_restricted_token(fd, 0, NULL, 0, NULL, 0, res, 2,
					 WT_TOKEN_QUERY, &granted);
	ASSERT_LE(0, fd2);
	EXPECT_EQ(WT_TOKEN_QUERY, granted);
	EXPECT_EQ(G_DEFAULT, group_attrs(fd2, WT_TOKEN_INFO_RESTRICTED_SIDS,
					 "S-1-22-1-0"));
	EXPECT_EQ(-1, group_attrs(fd2, WT_TOKEN_INFO_RESTRICTED_SIDS, "S-1-1-0"));
	EXPECT_EQ(-1, group_attrs(fd2, WT_TOKEN_INFO_RESTRICTED_SIDS,
				  "S-1-5-32-545"));
	close(fd2);
	/* Nothing left of a new list: refused rather than unrestricted. */
	res[0] = sa_of("S-1-5-32-545", 0);
	EXPECT_EQ(-1, wt_create_restricted_token(fd, 0, NULL, 0, NULL, 0, res, 1,
						 0, NULL));
	EXPECT_EQ(EPERM, errno);
	close(fd);

	/* DISABLE_MAX_PRIVILEGE keeps only SeChangeNotifyPrivilege. */
	fd = wt_create_restricted_token(self->tok, WT_DISABLE_MAX_PRIVILEGE, NULL,
					0, NULL, 0, NULL, 0, WT_MAXIMUM_ALLOWED,
					&granted);
	ASSERT_LE(0, fd);
	EXPECT_EQ(WT_TOKEN_ALL_ACCESS, granted);
	EXPECT_EQ(1, priv_count(fd));
	EXPECT_EQ(3, priv_attrs(fd, WT_SE_CHANGE_NOTIFY_PRIVILEGE));
	EXPECT_EQ(0, token_u32(fd, WT_TOKEN_INFO_HAS_RESTRICTIONS));
	close(fd);
}

TEST_F(token, restricted_token_errors)
{
	struct wt_sid_and_attributes sa = sa_of("S-1-1-0", 0);
	struct wt_luid_and_attributes del = { .luid = WT_SE_TCB_PRIVILEGE };
	struct wt_create_restricted c;
	int fd, closed;

	memset(&c, 0, sizeof(c));
	c.size = sizeof(c);
	c.deny_count = 1;
	c.deny_sids = (uintptr_t)&sa;
	fd = ioctl(self->tok, WT_IOC_CREATE_RESTRICTED_TOKEN, &c);
	ASSERT_LE(0, fd);
	close(fd);

	closed = open_self();
	close(closed);
	EXPECT_EQ(-1, ioctl(closed, WT_IOC_CREATE_RESTRICTED_TOKEN, &c));
	EXPECT_EQ(EBADF, errno);
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_CREATE_RESTRICTED_TOKEN, &c));
	EXPECT_EQ(ENOTTY, errno);
	c.size = WT_CREATE_RESTRICTED_SIZE_VER0 - 8;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_CREATE_RESTRICTED_TOKEN, &c));
	EXPECT_EQ(EINVAL, errno);
	c.size = sizeof(c);
	c.flags = 0x2;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_CREATE_RESTRICTED_TOKEN, &c));
	EXPECT_EQ(EINVAL, errno);
	c.flags = 0;
	c.reserved = 1;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_CREATE_RESTRICTED_TOKEN, &c));
	EXPECT_EQ(EINVAL, errno);
	c.reserved = 0;
	c.restrict_count = 65;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_CREATE_RESTRICTED_TOKEN, &c));
	EXPECT_EQ(E2BIG, errno);
	c.restrict_count = 0;
	c.desired_access = 0x00400000;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_CREATE_RESTRICTED_TOKEN, &c));
	EXPECT_EQ(EINVAL, errno);
	c.desired_access = WT_ACCESS_SYSTEM_SECURITY;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_CREATE_RESTRICTED_TOKEN, &c));
	EXPECT_EQ(EACCES, errno);
	c.desired_access = 0;
	sa.attributes = WT_SE_GROUP_ENABLED;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_CREATE_RESTRICTED_TOKEN, &c));
	EXPECT_EQ(EINVAL, errno);
	sa.attributes = 0;
	c.deny_sids = 16;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_CREATE_RESTRICTED_TOKEN, &c));
	EXPECT_EQ(EFAULT, errno);
	c.deny_sids = (uintptr_t)&sa;
	c.delete_count = 1;
	c.delete_privileges = (uintptr_t)&del;
	del.luid = WT_SE_MAX_PRIVILEGE + 1;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_CREATE_RESTRICTED_TOKEN, &c));
	EXPECT_EQ(EINVAL, errno);
	del.luid = WT_SE_TCB_PRIVILEGE;
	del.attributes = WT_SE_PRIVILEGE_ENABLED;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_CREATE_RESTRICTED_TOKEN, &c));
	EXPECT_EQ(EINVAL, errno);
	del.attributes = 0;

	/* Needs TOKEN_DUPLICATE on the source handle. */
	fd = wt_open_process_token(self->dev, WT_TOKEN_QUERY, NULL);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, ioctl(fd, WT_IOC_CREATE_RESTRICTED_TOKEN, &c));
	EXPECT_EQ(EACCES, errno);
	close(fd);
	EXPECT_LE(0, priv_attrs(self->tok, WT_SE_TCB_PRIVILEGE));
}

/* A self-relative SD: owner and group @owner, DACL @acl (@acl_len bytes). */
static size_t make_sd(uint8_t *sd, const char *owner, const uint8_t *acl,
		      uint16_t acl_len)
{
	struct wt_sid_and_attributes o = sa_of(owner, 0);
	uint16_t control = WT_SE_SELF_RELATIVE | WT_SE_DACL_PRESENT;
	uint32_t off = 20;

	memset(sd, 0, 20);
	sd[0] = 1;
	memcpy(sd + 2, &control, 2);
	memcpy(sd + 4, &off, 4);		/* owner */
	memcpy(sd + off, o.sid, o.sid_size);
	off += o.sid_size;
	memcpy(sd + 8, &off, 4);		/* group */
	memcpy(sd + off, o.sid, o.sid_size);
	off += o.sid_size;
	memcpy(sd + 16, &off, 4);		/* DACL */
	memcpy(sd + off, acl, acl_len);
	return off + acl_len;
}

/*
 * In a child: assign a restricted copy of the own token (deny-only @deny,
 * restricting SID @restrict_sid, either may be NULL), then open @path.
 * Return 0 when the open succeeded, the errno when it failed, 100 + n on
 * a setup failure.
 */
static int open_as_restricted(int dev, int tok, const char *deny,
			      const char *restrict_sid, const char *path)
{
	struct wt_sid_and_attributes d, r;
	pid_t pid = fork();

	if (pid == 0) {
		int fd;

		if (deny)
			d = sa_of(deny, 0);
		if (restrict_sid)
			r = sa_of(restrict_sid, 0);
		fd = wt_create_restricted_token(tok, 0, &d, deny ? 1 : 0, NULL, 0,
						&r, restrict_sid ? 1 : 0, 0, NULL);
		if (fd < 0)
			_exit(101);
		if (wt_assign_primary_token(dev, fd))
			_exit(102);
		fd = open(path, O_RDONLY);
		_exit(fd < 0 ? errno : 0);
	}
	return pid < 0 ? 100 : wait_child(pid);
}

TEST_F(token, restricted_token_applies_to_file_access)
{
	static const char *const sids[] = { "S-1-22-1-0", "S-1-5-32-544" };
	static const uint32_t masks[] = { WT_FILE_ALL_ACCESS, WT_FILE_ALL_ACCESS };
	char path[] = "/tmp/wt_restricted_XXXXXX";
	uint8_t acl[128], sd[256];
	size_t len;
	int fd;

	fd = mkstemp(path);
	ASSERT_LE(0, fd);
	/* root and Administrators may open it; nobody else. */
	len = make_sd(sd, "S-1-22-1-0", acl, make_acl(acl, sids, masks, 2,
						      WT_ACCESS_ALLOWED_ACE_TYPE));
	ASSERT_EQ(0, wt_set_file_security(self->dev, fd,
					  WT_OWNER_SECURITY_INFORMATION |
					  WT_GROUP_SECURITY_INFORMATION |
					  WT_DACL_SECURITY_INFORMATION, sd, len)) {
		TH_LOG("set SD: %s", strerror(errno));
	}
	close(fd);
	ASSERT_EQ(0, enable_priv(self->tok, WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE));

	/* Unrestricted copy: allowed. */
	EXPECT_EQ(0, open_as_restricted(self->dev, self->tok, NULL, NULL, path));
	/* Restricting SID Everyone: the second pass grants nothing. */
	EXPECT_EQ(EACCES, open_as_restricted(self->dev, self->tok, NULL,
					     "S-1-1-0", path));
	/* Restricting SID Administrators: both passes grant. */
	EXPECT_EQ(0, open_as_restricted(self->dev, self->tok, NULL,
					"S-1-5-32-544", path));
	/* The user deny-only: Administrators still grants. */
	EXPECT_EQ(0, open_as_restricted(self->dev, self->tok, "S-1-22-1-0",
					NULL, path));
	/* User and Administrators deny-only: nothing grants. */
	{
		struct wt_sid_and_attributes d[2] = {
			sa_of("S-1-22-1-0", 0), sa_of("S-1-5-32-544", 0),
		};
		pid_t pid = fork();

		ASSERT_LE(0, pid);
		if (pid == 0) {
			int r = wt_create_restricted_token(self->tok, 0, d, 2, NULL,
							   0, NULL, 0, 0, NULL);

			if (r < 0 || wt_assign_primary_token(self->dev, r))
				_exit(101);
			r = open(path, O_RDONLY);
			_exit(r < 0 ? errno : 0);
		}
		EXPECT_EQ(EACCES, wait_child(pid));
	}
	unlink(path);
}

/* ---- SetTokenInformation ---- */

static int set_sid(int fd, uint32_t cls, const char *sid, uint32_t attrs)
{
	struct wt_sid_and_attributes sa = sa_of(sid, attrs);

	return wt_set_token_information(fd, cls, &sa, sizeof(sa)) ? -errno : 0;
}

TEST_F(token, lowered_integrity_cannot_write_up)
{
	static const char *const sids[] = { "S-1-22-1-0" };
	static const uint32_t masks[] = { WT_FILE_ALL_ACCESS };
	char path[] = "/tmp/wt_integrity_XXXXXX";
	uint8_t acl[64], sd[128];
	size_t len;
	pid_t pid;
	int fd;

	fd = mkstemp(path);
	ASSERT_LE(0, fd);
	len = make_sd(sd, "S-1-22-1-0", acl, make_acl(acl, sids, masks, 1,
						      WT_ACCESS_ALLOWED_ACE_TYPE));
	ASSERT_EQ(0, wt_set_file_security(self->dev, fd,
					  WT_OWNER_SECURITY_INFORMATION |
					  WT_GROUP_SECURITY_INFORMATION |
					  WT_DACL_SECURITY_INFORMATION, sd, len));
	close(fd);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int w;

		/* Twice: the second open is decided from the file's cache. */
		if (open(path, O_WRONLY) < 0 || open(path, O_WRONLY) < 0)
			_exit(2);
		/*
		 * Low: an unlabelled file is Medium, no write up. The
		 * child's token is its own copy: open it, not self->tok.
		 */
		if (set_sid(open_self(), WT_TOKEN_INFO_INTEGRITY_LEVEL,
			    "S-1-16-4096", 0))
			_exit(3);
		w = open(path, O_WRONLY);
		if (w >= 0 || errno != EACCES)
			_exit(4);
		_exit(open(path, O_RDONLY) < 0 ? 5 : 0);
	}
	EXPECT_EQ(0, wait_child(pid));
	unlink(path);
}

TEST_F(token, set_owner_primary_group_integrity)
{
	char s[192];

	/* Owner: the user, or a group with SE_GROUP_OWNER. */
	EXPECT_EQ(0, set_sid(self->tok, WT_TOKEN_INFO_OWNER, "S-1-22-1-0", 0));
	single_sid(self->tok, WT_TOKEN_INFO_OWNER, s, sizeof(s), NULL);
	EXPECT_STREQ("S-1-22-1-0", s);
	EXPECT_EQ(0, set_sid(self->tok, WT_TOKEN_INFO_OWNER, "S-1-5-32-544", 0));
	single_sid(self->tok, WT_TOKEN_INFO_OWNER, s, sizeof(s), NULL);
	EXPECT_STREQ("S-1-5-32-544", s);
	EXPECT_EQ(-EPERM, set_sid(self->tok, WT_TOKEN_INFO_OWNER, "S-1-1-0", 0));
	EXPECT_EQ(-EPERM, set_sid(self->tok, WT_TOKEN_INFO_OWNER, "S-1-5-18", 0));
	EXPECT_EQ(-EINVAL, set_sid(self->tok, WT_TOKEN_INFO_OWNER, "S-1-22-1-0",
				   WT_SE_GROUP_OWNER));
	single_sid(self->tok, WT_TOKEN_INFO_OWNER, s, sizeof(s), NULL);
	EXPECT_STREQ("S-1-5-32-544", s);

	/* Primary group: the user or any group held. */
	EXPECT_EQ(0, set_sid(self->tok, WT_TOKEN_INFO_PRIMARY_GROUP, "S-1-1-0", 0));
	single_sid(self->tok, WT_TOKEN_INFO_PRIMARY_GROUP, s, sizeof(s), NULL);
	EXPECT_STREQ("S-1-1-0", s);
	EXPECT_EQ(0, set_sid(self->tok, WT_TOKEN_INFO_PRIMARY_GROUP, "S-1-22-1-0", 0));
	EXPECT_EQ(-EPERM, set_sid(self->tok, WT_TOKEN_INFO_PRIMARY_GROUP,
				  "S-1-22-2-4242", 0));
	single_sid(self->tok, WT_TOKEN_INFO_PRIMARY_GROUP, s, sizeof(s), NULL);
	EXPECT_STREQ("S-1-22-1-0", s);

	/* Integrity: lowering only. */
	EXPECT_EQ(0, set_sid(self->tok, WT_TOKEN_INFO_INTEGRITY_LEVEL,
			     "S-1-16-12288", G_INTEGRITY));
	single_sid(self->tok, WT_TOKEN_INFO_INTEGRITY_LEVEL, s, sizeof(s), NULL);
	EXPECT_STREQ("S-1-16-12288", s);
	EXPECT_EQ(G_INTEGRITY, sid_group_attrs(self->tok, "S-1-16-12288"));
	EXPECT_EQ(-1, sid_group_attrs(self->tok, "S-1-16-16384"));
	EXPECT_EQ(-EPERM, set_sid(self->tok, WT_TOKEN_INFO_INTEGRITY_LEVEL,
				  "S-1-16-16384", 0));
	EXPECT_EQ(-EINVAL, set_sid(self->tok, WT_TOKEN_INFO_INTEGRITY_LEVEL,
				   "S-1-5-32-544", 0));
	EXPECT_EQ(-EINVAL, set_sid(self->tok, WT_TOKEN_INFO_INTEGRITY_LEVEL,
				   "S-1-16-4096", WT_SE_GROUP_ENABLED));
	EXPECT_EQ(0, set_sid(self->tok, WT_TOKEN_INFO_INTEGRITY_LEVEL,
			     "S-1-16-4096", 0));
	single_sid(self->tok, WT_TOKEN_INFO_INTEGRITY_LEVEL, s, sizeof(s), NULL);
	EXPECT_STREQ("S-1-16-4096", s);
	EXPECT_EQ(-EPERM, set_sid(self->tok, WT_TOKEN_INFO_INTEGRITY_LEVEL,
				  "S-1-16-8192", 0));
}

TEST_F(token, set_default_dacl_and_session)
{
	static const char *const sids[] = { "S-1-22-1-0", "S-1-1-0" };
	static const uint32_t masks[] = { WT_GENERIC_ALL, WT_GENERIC_READ };
	uint8_t acl[256], big[8300], got[256];
	uint32_t len = 0, session = 7;
	uint16_t n, lie;
	int fd;

	n = make_acl(acl, sids, masks, 2, WT_ACCESS_ALLOWED_ACE_TYPE);
	ASSERT_EQ(0, wt_set_token_information(self->tok, WT_TOKEN_INFO_DEFAULT_DACL,
					      acl, n));
	ASSERT_EQ(0, wt_get_token_information(self->tok, WT_TOKEN_INFO_DEFAULT_DACL,
					      got, sizeof(got), &len));
	ASSERT_EQ(n, len);
	EXPECT_EQ(0, memcmp(acl, got, n));
	/* Empty: no default DACL. */
	ASSERT_EQ(0, wt_set_token_information(self->tok, WT_TOKEN_INFO_DEFAULT_DACL,
					      NULL, 0));
	ASSERT_EQ(0, wt_get_token_information(self->tok, WT_TOKEN_INFO_DEFAULT_DACL,
					      got, sizeof(got), &len));
	EXPECT_EQ(0, len);
	/* An ACL whose size lies, an audit ACE, one too large. */
	lie = n + 4;
	memcpy(acl + 2, &lie, 2);
	EXPECT_EQ(-1, wt_set_token_information(self->tok, WT_TOKEN_INFO_DEFAULT_DACL,
					       acl, n));
	EXPECT_EQ(EINVAL, errno);
	n = make_acl(acl, sids, masks, 2, WT_SYSTEM_AUDIT_ACE_TYPE);
	EXPECT_EQ(-1, wt_set_token_information(self->tok, WT_TOKEN_INFO_DEFAULT_DACL,
					       acl, n));
	EXPECT_EQ(EINVAL, errno);
	memset(big, 0, sizeof(big));
	EXPECT_EQ(-1, wt_set_token_information(self->tok, WT_TOKEN_INFO_DEFAULT_DACL,
					       big, 8193));
	EXPECT_EQ(E2BIG, errno);
	EXPECT_EQ(0, wt_get_token_information(self->tok, WT_TOKEN_INFO_DEFAULT_DACL,
					      got, sizeof(got), &len));
	EXPECT_EQ(0, len);

	/* Session id: TOKEN_ADJUST_SESSIONID and SeTcbPrivilege. */
	ASSERT_EQ(0, wt_set_token_information(self->tok, WT_TOKEN_INFO_SESSION_ID,
					      &session, sizeof(session)));
	EXPECT_EQ(7, token_u32(self->tok, WT_TOKEN_INFO_SESSION_ID));
	fd = wt_open_process_token(self->dev, WT_TOKEN_QUERY |
				   WT_TOKEN_ADJUST_DEFAULT, NULL);
	ASSERT_LE(0, fd);
	session = 8;
	EXPECT_EQ(-1, wt_set_token_information(fd, WT_TOKEN_INFO_SESSION_ID,
					       &session, sizeof(session)));
	EXPECT_EQ(EACCES, errno);
	close(fd);
	ASSERT_EQ(0, disable_priv(self->tok, WT_SE_TCB_PRIVILEGE));
	EXPECT_EQ(-1, wt_set_token_information(self->tok, WT_TOKEN_INFO_SESSION_ID,
					       &session, sizeof(session)));
	EXPECT_EQ(EPERM, errno);
	EXPECT_EQ(7, token_u32(self->tok, WT_TOKEN_INFO_SESSION_ID));
}

TEST_F(token, set_information_errors)
{
	struct wt_sid_and_attributes sa = sa_of("S-1-22-1-0", 0);
	struct wt_token_set s;
	int fd, closed;

	memset(&s, 0, sizeof(s));
	s.size = sizeof(s);
	s.info_class = WT_TOKEN_INFO_OWNER;
	s.length = sizeof(sa);
	s.buffer = (uintptr_t)&sa;
	ASSERT_EQ(0, ioctl(self->tok, WT_IOC_SET_TOKEN_INFORMATION, &s));

	closed = open_self();
	close(closed);
	EXPECT_EQ(-1, ioctl(closed, WT_IOC_SET_TOKEN_INFORMATION, &s));
	EXPECT_EQ(EBADF, errno);
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_SET_TOKEN_INFORMATION, &s));
	EXPECT_EQ(ENOTTY, errno);
	s.size = WT_TOKEN_SET_SIZE_VER0 - 8;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_SET_TOKEN_INFORMATION, &s));
	EXPECT_EQ(EINVAL, errno);
	s.size = sizeof(s);
	s.flags = 1;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_SET_TOKEN_INFORMATION, &s));
	EXPECT_EQ(EINVAL, errno);
	s.flags = 0;
	s.info_class = WT_TOKEN_INFO_USER;	/* not settable */
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_SET_TOKEN_INFORMATION, &s));
	EXPECT_EQ(EINVAL, errno);
	s.info_class = WT_TOKEN_INFO_OWNER;
	s.length = sizeof(sa) - 1;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_SET_TOKEN_INFORMATION, &s));
	EXPECT_EQ(EINVAL, errno);
	s.length = sizeof(sa);
	s.buffer = 8;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_SET_TOKEN_INFORMATION, &s));
	EXPECT_EQ(EFAULT, errno);
	s.buffer = (uintptr_t)&sa;
	sa.sid_size = 7;
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_SET_TOKEN_INFORMATION, &s));
	EXPECT_EQ(EINVAL, errno);
	sa = sa_of("S-1-22-1-0", 0);

	/* A handle without TOKEN_ADJUST_DEFAULT. */
	fd = wt_open_process_token(self->dev, WT_TOKEN_QUERY |
				   WT_TOKEN_ADJUST_SESSIONID, NULL);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, ioctl(fd, WT_IOC_SET_TOKEN_INFORMATION, &s));
	EXPECT_EQ(EACCES, errno);
	close(fd);
}

TEST(alice_lowers_her_integrity_but_cannot_raise_it)
{
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (pid == 0) {
		char s[192];
		int fd;

		wt_become_user(WT_UID_ALICE, WT_UID_ALICE);
		fd = open_self();
		if (fd < 0)
			_exit(2);
		if (set_sid(fd, WT_TOKEN_INFO_INTEGRITY_LEVEL, "S-1-16-4096", 0))
			_exit(3);
		single_sid(fd, WT_TOKEN_INFO_INTEGRITY_LEVEL, s, sizeof(s), NULL);
		if (strcmp(s, "S-1-16-4096"))
			_exit(4);
		if (set_sid(fd, WT_TOKEN_INFO_INTEGRITY_LEVEL, "S-1-16-8192", 0) != -EPERM)
			_exit(5);
		/* No SeTcbPrivilege: the session id stays. */
		{
			uint32_t session = 5;

			if (!wt_set_token_information(fd, WT_TOKEN_INFO_SESSION_ID,
						      &session, sizeof(session)) ||
			    errno != EPERM)
				_exit(6);
		}
		_exit(0);
	}
	EXPECT_EQ(0, wait_child(pid));
}

/* ---- NtCreateToken ---- */

TEST_F(token, create_token_contents)
{
	struct wt_token_statistics st;
	struct wt_token_source src;
	struct test_token t;
	uint32_t attrs = 99, len = 0;
	uint8_t acl[256];
	char s[192];
	int fd;

	test_token_init(&t, "S-1-22-1-1001");
	t.c.authentication_id = 0x777777;
	t.restricted[0] = sa_of("S-1-5-32-545", G_DEFAULT);
	t.c.restricted_count = 1;
	fd = create_test_token(self->dev, self->tok, &t);
	ASSERT_LE(0, fd) {
		TH_LOG("create token: %s", strerror(errno));
	}
	EXPECT_EQ(WT_TOKEN_ALL_ACCESS, t.c.granted_access);
	single_sid(fd, WT_TOKEN_INFO_USER, s, sizeof(s), &attrs);
	EXPECT_STREQ("S-1-22-1-1001", s);
	EXPECT_EQ(0, attrs);
	EXPECT_EQ(G_OPTIONAL_ON, sid_group_attrs(fd, "S-1-22-2-2001"));
	EXPECT_EQ(WT_SE_GROUP_USE_FOR_DENY_ONLY, sid_group_attrs(fd, "S-1-22-2-100"));
	EXPECT_EQ(3, priv_attrs(fd, WT_SE_CHANGE_NOTIFY_PRIVILEGE));
	EXPECT_EQ(0, priv_attrs(fd, WT_SE_BACKUP_PRIVILEGE));
	EXPECT_EQ(2, priv_count(fd));
	single_sid(fd, WT_TOKEN_INFO_OWNER, s, sizeof(s), NULL);
	EXPECT_STREQ("S-1-22-1-1001", s);
	single_sid(fd, WT_TOKEN_INFO_PRIMARY_GROUP, s, sizeof(s), NULL);
	EXPECT_STREQ("S-1-22-2-1001", s);
	single_sid(fd, WT_TOKEN_INFO_INTEGRITY_LEVEL, s, sizeof(s), NULL);
	EXPECT_STREQ("S-1-16-8192", s);
	EXPECT_EQ(3, token_u32(fd, WT_TOKEN_INFO_SESSION_ID));
	EXPECT_EQ(WT_TOKEN_MANDATORY_POLICY_NO_WRITE_UP,
		  token_u32(fd, WT_TOKEN_INFO_MANDATORY_POLICY));
	EXPECT_EQ(WT_TOKEN_PRIMARY, token_u32(fd, WT_TOKEN_INFO_TYPE));
	EXPECT_EQ(1, token_u32(fd, WT_TOKEN_INFO_HAS_RESTRICTIONS));
	ASSERT_EQ(0, token_stats(fd, &st));
	EXPECT_EQ(0x777777, st.authentication_id);
	ASSERT_EQ(0, wt_get_token_information(fd, WT_TOKEN_INFO_SOURCE, &src,
					      sizeof(src), NULL));
	EXPECT_EQ(0, memcmp(src.name, "wttest\0\0", 8));
	EXPECT_EQ(0x1234, src.luid);
	ASSERT_EQ(0, wt_get_token_information(fd, WT_TOKEN_INFO_DEFAULT_DACL,
					      acl, sizeof(acl), &len));
	EXPECT_EQ(t.c.dacl_length, len);
	EXPECT_EQ(0, memcmp(acl, t.dacl, len));
	close(fd);

	/* Owner Administrators; an impersonation token; no integrity SID. */
	test_token_init(&t, "S-1-5-21-1-2-3-1000");
	t.c.owner = sa_of("S-1-5-32-544", 0);
	t.c.type = WT_TOKEN_IMPERSONATION;
	t.c.level = WT_SECURITY_IMPERSONATION;
	t.c.group_count = 5;		/* drops the integrity SID and 1001 */
	t.c.primary_group = sa_of("S-1-5-21-1-2-3-1000", 0);
	t.c.desired_access = WT_TOKEN_QUERY;
	fd = wt_create_token(self->dev, &t.c);
	ASSERT_LE(0, fd);
	EXPECT_EQ(WT_TOKEN_QUERY, t.c.granted_access);
	single_sid(fd, WT_TOKEN_INFO_OWNER, s, sizeof(s), NULL);
	EXPECT_STREQ("S-1-5-32-544", s);
	EXPECT_EQ(WT_TOKEN_IMPERSONATION, token_u32(fd, WT_TOKEN_INFO_TYPE));
	EXPECT_EQ(WT_SECURITY_IMPERSONATION,
		  token_u32(fd, WT_TOKEN_INFO_IMPERSONATION_LEVEL));
	single_sid(fd, WT_TOKEN_INFO_INTEGRITY_LEVEL, s, sizeof(s), NULL);
	EXPECT_STREQ("S-1-16-0", s);
	close(fd);
}

TEST_F(token, create_token_needs_the_privilege)
{
	struct test_token t;
	pid_t pid;

	test_token_init(&t, "S-1-22-1-1001");
	/* Held by root but disabled. */
	ASSERT_EQ(0, priv_attrs(self->tok, WT_SE_CREATE_TOKEN_PRIVILEGE));
	EXPECT_EQ(-1, wt_create_token(self->dev, &t.c));
	EXPECT_EQ(EPERM, errno);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int fd;

		wt_become_user(WT_UID_ALICE, WT_UID_ALICE);
		fd = open_self();
		if (enable_priv(fd, WT_SE_CREATE_TOKEN_PRIVILEGE))
			_exit(2);
		if (wt_create_token(-1, &t.c) != -1 || errno != EPERM)
			_exit(3);
		_exit(0);
	}
	EXPECT_EQ(0, wait_child(pid));
}

/* The errno of WT_IOC_CREATE_TOKEN of @t (0: it worked); resets @t. */
static int create_errno(int dev, struct test_token *t)
{
	int fd = wt_create_token(dev, &t->c), err = errno;

	if (fd >= 0) {
		close(fd);
		err = 0;
	}
	test_token_init(t, "S-1-22-1-1001");
	return err;
}

TEST_F(token, create_token_errors)
{
	struct test_token t;
	uint8_t big[8300];
	int fd;

	ASSERT_EQ(0, enable_priv(self->tok, WT_SE_CREATE_TOKEN_PRIVILEGE));
	test_token_init(&t, "S-1-22-1-1001");
	fd = wt_create_token(self->dev, &t.c);
	ASSERT_LE(0, fd);
	close(fd);

	/* Structure. */
	t.c.flags = 1;
	EXPECT_EQ(EINVAL, create_errno(self->dev, &t));
	t.c.reserved = 1;
	EXPECT_EQ(EINVAL, create_errno(self->dev, &t));
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_CREATE_TOKEN, NULL));
	EXPECT_EQ(EFAULT, errno);
	t.c.size = WT_CREATE_TOKEN_SIZE_VER0 - 8;
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_CREATE_TOKEN, &t.c));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_CREATE_TOKEN, &t.c));
	EXPECT_EQ(ENOTTY, errno);
	/* Type, level, policy. */
	t.c.type = 3;
	EXPECT_EQ(EINVAL, create_errno(self->dev, &t));
	t.c.level = WT_SECURITY_IMPERSONATION;		/* primary */
	EXPECT_EQ(EINVAL, create_errno(self->dev, &t));
	t.c.type = WT_TOKEN_IMPERSONATION;
	t.c.level = WT_SECURITY_DELEGATION + 1;
	EXPECT_EQ(EINVAL, create_errno(self->dev, &t));
	t.c.mandatory_policy = 0x4;
	EXPECT_EQ(EINVAL, create_errno(self->dev, &t));
	/* User. */
	t.c.user.attributes = WT_SE_GROUP_ENABLED;
	EXPECT_EQ(EINVAL, create_errno(self->dev, &t));
	t.c.user.sid_size = 4;
	EXPECT_EQ(EINVAL, create_errno(self->dev, &t));
	/* Groups. */
	t.groups[1].attributes |= 0x100;
	EXPECT_EQ(EINVAL, create_errno(self->dev, &t));
	t.groups[3].attributes |= WT_SE_GROUP_ENABLED;	/* deny-only enabled */
	EXPECT_EQ(EINVAL, create_errno(self->dev, &t));
	t.groups[2].attributes = WT_SE_GROUP_MANDATORY;	/* mandatory, disabled */
	EXPECT_EQ(EINVAL, create_errno(self->dev, &t));
	t.groups[2] = sa_of("S-1-16-4096", G_INTEGRITY);	/* two labels */
	EXPECT_EQ(EINVAL, create_errno(self->dev, &t));
	t.groups[2] = sa_of("S-1-5-32-545", G_INTEGRITY);	/* not a label */
	EXPECT_EQ(EINVAL, create_errno(self->dev, &t));
	t.groups[5].attributes = G_DEFAULT;		/* label as a group */
	EXPECT_EQ(EINVAL, create_errno(self->dev, &t));
	t.groups[2].sid[0] = 3;
	EXPECT_EQ(EINVAL, create_errno(self->dev, &t));
	t.c.groups = 24;
	EXPECT_EQ(EFAULT, create_errno(self->dev, &t));
	/* Owner and primary group. */
	t.c.owner = sa_of("S-1-5-32-545", 0);	/* held, not an owner */
	EXPECT_EQ(EINVAL, create_errno(self->dev, &t));
	t.c.owner = sa_of("S-1-5-18", 0);		/* not held */
	EXPECT_EQ(EINVAL, create_errno(self->dev, &t));
	t.c.owner = sa_of("S-1-22-1-1001", WT_SE_GROUP_OWNER);
	EXPECT_EQ(EINVAL, create_errno(self->dev, &t));
	t.c.primary_group = sa_of("S-1-22-2-4242", 0);
	EXPECT_EQ(EINVAL, create_errno(self->dev, &t));
	t.c.primary_group = sa_of("S-1-16-8192", 0);	/* the label */
	EXPECT_EQ(EINVAL, create_errno(self->dev, &t));
	/* Privileges. */
	t.privs[1].luid = 1;
	EXPECT_EQ(EINVAL, create_errno(self->dev, &t));
	t.privs[1].luid = WT_SE_CHANGE_NOTIFY_PRIVILEGE;	/* twice */
	EXPECT_EQ(EINVAL, create_errno(self->dev, &t));
	t.privs[1].attributes = WT_SE_PRIVILEGE_REMOVED;
	EXPECT_EQ(EINVAL, create_errno(self->dev, &t));
	t.privs[1].reserved = 1;
	EXPECT_EQ(EINVAL, create_errno(self->dev, &t));
	/* Default DACL and restricting SIDs. */
	t.dacl[0] = 9;					/* ACL revision */
	EXPECT_EQ(EINVAL, create_errno(self->dev, &t));
	t.c.dacl_length -= 4;				/* AclSize lies */
	EXPECT_EQ(EINVAL, create_errno(self->dev, &t));
	t.restricted[0] = sa_of("S-1-1-0", WT_SE_GROUP_OWNER);
	t.c.restricted_count = 1;
	EXPECT_EQ(EINVAL, create_errno(self->dev, &t));
	/* Limits: refused, never truncated. */
	t.c.group_count = 1025;
	EXPECT_EQ(E2BIG, create_errno(self->dev, &t));
	t.c.restricted_count = 65;
	EXPECT_EQ(E2BIG, create_errno(self->dev, &t));
	t.c.privilege_count = 36;
	EXPECT_EQ(E2BIG, create_errno(self->dev, &t));
	memset(big, 0, sizeof(big));
	t.c.default_dacl = (uintptr_t)big;
	t.c.dacl_length = 8193;
	EXPECT_EQ(E2BIG, create_errno(self->dev, &t));
	/* Handle rights. */
	t.c.desired_access = 0x00400000;
	EXPECT_EQ(EINVAL, create_errno(self->dev, &t));
	t.c.desired_access = WT_ACCESS_SYSTEM_SECURITY;
	EXPECT_EQ(EACCES, create_errno(self->dev, &t));
}

/* ---- assigning a primary token ---- */

static long long cap_eff(void)
{
	char line[256];
	long long v = -1;
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "CapEff:", 7))
			v = strtoll(line + 7, NULL, 16);
	fclose(f);
	return v;
}

static void self_user(char *buf, size_t size)
{
	int fd = open_self();

	buf[0] = '\0';
	if (fd >= 0)
		single_sid(fd, WT_TOKEN_INFO_USER, buf, size, NULL);
	close(fd);
}

/* /sys/module/wintok/refcnt, or -1. */
static long module_refcnt(void)
{
	FILE *f = fopen("/sys/module/wintok/refcnt", "r");
	long n = -1;

	if (f) {
		if (fscanf(f, "%ld", &n) != 1)
			n = -1;
		fclose(f);
	}
	return n;
}

TEST_F(token, assign_primary_token_runs_the_process_as_the_token)
{
	struct test_token t;
	pid_t pid;
	int fd;

	test_token_init(&t, "S-1-22-1-1001");
	fd = create_test_token(self->dev, self->tok, &t);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, enable_priv(self->tok, WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct wt_token_statistics want, got;
		gid_t groups[8];
		uint64_t id_before;
		char user[192];

		long pins;

		if (token_stats(fd, &want))
			_exit(2);
		pins = module_refcnt();
		/* The real uid first, the Linux way; then the token. */
		if (setresuid(1001, -1, -1))
			_exit(12);
		if (wt_assign_primary_token(self->dev, fd))
			_exit(3);
		/* A process with an assigned token pins the module. */
		if (pins < 0 || module_refcnt() != pins + 1)
			_exit(11);
		/* Linux ids follow the token; capabilities are gone. */
		if (getuid() != 1001 || geteuid() != 1001 || getgid() != 1001 ||
		    getegid() != 1001)
			_exit(4);
		if (getgroups(8, groups) != 1 || groups[0] != 2001)
			_exit(5);
		if (cap_eff() != 0)
			_exit(6);
		/* The process token is that very token object. */
		id_before = self_token_id();
		if (id_before != want.token_id)
			_exit(7);
		self_user(user, sizeof(user));
		if (strcmp(user, "S-1-22-1-1001"))
			_exit(8);
		/* A new process gets a copy of it, with the same user. */
		{
			pid_t c = fork();

			if (c == 0) {
				self_user(user, sizeof(user));
				_exit(strcmp(user, "S-1-22-1-1001") ||
				      self_token_id() == want.token_id);
			}
			if (wait_child(c))
				_exit(9);
		}
		if (token_stats(fd, &got) || got.token_id != want.token_id)
			_exit(10);
		_exit(0);
	}
	EXPECT_EQ(0, wait_child(pid));
	close(fd);
}

TEST_F(token, assigned_token_is_kept_across_id_changes)
{
	pid_t pid;

	ASSERT_EQ(0, enable_priv(self->tok, WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		char user[192], exe[256];
		uint64_t before, after, helper_id;
		unsigned int euid;
		ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
		int fd = open_self();

		if (n <= 0)
			_exit(8);
		exe[n] = '\0';

		/* The own (derived) token: the process gets a copy not derived. */
		before = self_token_id();
		if (fd < 0 || wt_assign_primary_token(self->dev, fd))
			_exit(2);
		after = self_token_id();
		if (!after || after == before)
			_exit(3);
		if (getuid() != 0 || cap_eff() == 0)	/* root keeps its caps */
			_exit(4);
		/* setuid() no longer re-derives: the token stays root's. */
		if (setresuid(WT_UID_BOB, WT_UID_BOB, WT_UID_BOB))
			_exit(5);
		self_user(user, sizeof(user));
		if (strcmp(user, "S-1-22-1-0") || self_token_id() != after)
			_exit(6);
		/* Nor does an exec (the helper runs in a fork: a copy). */
		if (run_helper(exe, 0, &helper_id, user, sizeof(user), &euid) ||
		    strcmp(user, "S-1-22-1-0") || euid != WT_UID_BOB)
			_exit(7);
		_exit(0);
	}
	EXPECT_EQ(0, wait_child(pid));
}

static void *sleeper(void *arg)
{
	(void)arg;
	pause();
	return NULL;
}

TEST_F(token, assign_primary_token_errors)
{
	struct wt_assign_primary a;
	struct test_token t;
	int fd, q, imp, closed;
	pid_t pid;

	test_token_init(&t, "S-1-22-1-1001");
	fd = create_test_token(self->dev, self->tok, &t);
	ASSERT_LE(0, fd);
	t.c.type = WT_TOKEN_IMPERSONATION;
	t.c.level = WT_SECURITY_IMPERSONATION;
	imp = wt_create_token(self->dev, &t.c);
	ASSERT_LE(0, imp);
	q = wt_create_restricted_token(fd, 0, NULL, 0, NULL, 0, NULL, 0,
				       WT_TOKEN_QUERY, NULL);
	ASSERT_LE(0, q);
	closed = open_self();
	close(closed);

	/* SeAssignPrimaryTokenPrivilege is held but not enabled. */
	EXPECT_EQ(-1, wt_assign_primary_token(self->dev, fd));
	EXPECT_EQ(EPERM, errno);
	ASSERT_EQ(0, enable_priv(self->tok, WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE));
	EXPECT_EQ(-1, wt_assign_primary_token(self->dev, q));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(-1, wt_assign_primary_token(self->dev, imp));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, wt_assign_primary_token(self->dev, closed));
	EXPECT_EQ(EBADF, errno);
	EXPECT_EQ(-1, wt_assign_primary_token(self->dev, self->dev));
	EXPECT_EQ(EBADFD, errno);
	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	a.fd = fd;
	a.flags = 1;
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_ASSIGN_PRIMARY_TOKEN, &a));
	EXPECT_EQ(EINVAL, errno);
	a.flags = 0;
	a.reserved = 1;
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_ASSIGN_PRIMARY_TOKEN, &a));
	EXPECT_EQ(EINVAL, errno);
	a.reserved = 0;
	a.size = 8;
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_ASSIGN_PRIMARY_TOKEN, &a));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(self->tok, WT_IOC_ASSIGN_PRIMARY_TOKEN, &a));
	EXPECT_EQ(ENOTTY, errno);

	/* A process with a second thread is refused. */
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		pthread_t th;

		if (pthread_create(&th, NULL, sleeper, NULL))
			_exit(2);
		if (wt_assign_primary_token(self->dev, fd) != -1 || errno != EBUSY)
			_exit(3);
		if (getuid() != 0)
			_exit(4);
		_exit(0);
	}
	EXPECT_EQ(0, wait_child(pid));

	/* alice cannot enable the privilege: EPERM. */
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int own;

		wt_become_user(WT_UID_ALICE, WT_UID_ALICE);
		own = open_self();
		enable_priv(own, WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE);
		if (wt_assign_primary_token(-1, fd) != -1 || errno != EPERM)
			_exit(3);
		_exit(0);
	}
	EXPECT_EQ(0, wait_child(pid));
	close(q);
	close(imp);
	close(fd);
}

/* ---- opening another process's token ---- */

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif

/* A child running as @uid (if not 0) that waits until its pipe closes. */
static pid_t park_child(uid_t uid, int *wake)
{
	int p[2];
	pid_t pid;
	char c;

	if (pipe(p))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		if (uid) {
			wt_become_user(uid, uid);
			/*
			 * The uid change made it non-dumpable, which Linux
			 * (and so opening its token) treats as another
			 * principal; an exec'd program of the user is dumpable.
			 */
			prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
		} else {
			open_self();	/* make sure the token exists */
		}
		(void)!read(p[0], &c, 1);
		_exit(0);
	}
	close(p[0]);
	*wake = p[1];
	usleep(100000);
	return pid;
}

static void unpark(pid_t pid, int wake)
{
	/* Other children may hold the pipe too: do not wait for EOF. */
	close(wake);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

TEST_F(token, open_other_process_token_by_pid_and_pidfd)
{
	uint32_t granted = 0;
	int wake, fd, pidfd;
	char s[192];
	pid_t pid;

	pid = park_child(WT_UID_ALICE, &wake);
	ASSERT_LT(0, pid);
	ASSERT_EQ(0, priv_attrs(self->tok, WT_SE_DEBUG_PRIVILEGE) &
		  WT_SE_PRIVILEGE_USED_FOR_ACCESS);
	/* root has SeDebugPrivilege enabled: anything. */
	fd = wt_open_process_token_pid(self->dev, pid, WT_OPEN_TOKEN_PID,
				       WT_MAXIMUM_ALLOWED, &granted);
	ASSERT_LE(0, fd) {
		TH_LOG("open by pid: %s", strerror(errno));
	}
	EXPECT_EQ(WT_TOKEN_ALL_ACCESS, granted);
	/* The privilege is recorded as used for an access. */
	EXPECT_EQ(WT_SE_PRIVILEGE_USED_FOR_ACCESS,
		  priv_attrs(self->tok, WT_SE_DEBUG_PRIVILEGE) &
		  WT_SE_PRIVILEGE_USED_FOR_ACCESS);
	single_sid(fd, WT_TOKEN_INFO_USER, s, sizeof(s), NULL);
	EXPECT_STREQ("S-1-22-1-1001", s);
	close(fd);
	pidfd = syscall(SYS_pidfd_open, pid, 0);
	ASSERT_LE(0, pidfd);
	fd = wt_open_process_token_pid(self->dev, pidfd, WT_OPEN_TOKEN_PIDFD,
				       WT_TOKEN_QUERY, &granted);
	ASSERT_LE(0, fd);
	EXPECT_EQ(WT_TOKEN_QUERY, granted);
	single_sid(fd, WT_TOKEN_INFO_USER, s, sizeof(s), NULL);
	EXPECT_STREQ("S-1-22-1-1001", s);
	close(fd);

	/* Without SeDebugPrivilege alice's default DACL decides: not root. */
	ASSERT_EQ(0, disable_priv(self->tok, WT_SE_DEBUG_PRIVILEGE));
	EXPECT_EQ(-1, wt_open_process_token_pid(self->dev, pid, WT_OPEN_TOKEN_PID,
						WT_TOKEN_QUERY, NULL));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(-1, wt_open_process_token_pid(self->dev, pidfd,
						WT_OPEN_TOKEN_PIDFD,
						WT_MAXIMUM_ALLOWED, NULL));
	EXPECT_EQ(EACCES, errno);
	/* The own process by pid: its DACL grants root everything. */
	fd = wt_open_process_token_pid(self->dev, getpid(), WT_OPEN_TOKEN_PID,
				       WT_MAXIMUM_ALLOWED, &granted);
	ASSERT_LE(0, fd);
	EXPECT_EQ(WT_TOKEN_ALL_ACCESS, granted);
	close(fd);
	close(pidfd);
	unpark(pid, wake);
}

TEST_F(token, open_other_process_token_follows_the_token_dacl)
{
	pid_t alice, bob;
	int wa, wb;
	pid_t pid;

	alice = park_child(WT_UID_ALICE, &wa);
	bob = park_child(WT_UID_BOB, &wb);
	ASSERT_LT(0, alice);
	ASSERT_LT(0, bob);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int fd;

		wt_become_user(WT_UID_ALICE, WT_UID_ALICE);
		/* Another process of alice's: her DACL grants her. */
		fd = wt_open_process_token_pid(-1, alice, WT_OPEN_TOKEN_PID,
					       WT_MAXIMUM_ALLOWED, NULL);
		if (fd < 0)
			_exit(2);
		close(fd);
		/* bob's token: no. */
		if (wt_open_process_token_pid(-1, bob, WT_OPEN_TOKEN_PID,
					      WT_TOKEN_QUERY, NULL) != -1 ||
		    errno != EACCES)
			_exit(3);
		/* root's (the parent): no. */
		if (wt_open_process_token_pid(-1, getppid(), WT_OPEN_TOKEN_PID,
					      WT_TOKEN_QUERY, NULL) != -1 ||
		    errno != EACCES)
			_exit(4);
		_exit(0);
	}
	EXPECT_EQ(0, wait_child(pid));

	/* A restricted process: the restricting SIDs must grant too. */
	ASSERT_EQ(0, enable_priv(self->tok, WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct wt_sid_and_attributes res = sa_of("S-1-1-0", 0);
		int r, fd;

		r = wt_create_restricted_token(self->tok, WT_DISABLE_MAX_PRIVILEGE,
					       NULL, 0, NULL, 0, &res, 1, 0, NULL);
		if (r < 0 || wt_assign_primary_token(self->dev, r))
			_exit(2);
		/* The parent's DACL names root and SYSTEM, not Everyone. */
		if (wt_open_process_token_pid(self->dev, getppid(),
					      WT_OPEN_TOKEN_PID, WT_TOKEN_QUERY,
					      NULL) != -1 || errno != EACCES)
			_exit(3);
		fd = open_self();	/* the own token: no check */
		if (fd < 0)
			_exit(4);
		_exit(0);
	}
	EXPECT_EQ(0, wait_child(pid));
	unpark(alice, wa);
	unpark(bob, wb);
}

/* Publish the thread's id in *@arg, wait until it is cleared. */
static void *parked_thread(void *arg)
{
	pid_t *tid = arg;

	__atomic_store_n(tid, (pid_t)syscall(SYS_gettid), __ATOMIC_RELEASE);
	while (__atomic_load_n(tid, __ATOMIC_ACQUIRE))
		usleep(1000);
	return NULL;
}

TEST_F(token, open_other_process_token_errors)
{
	struct wt_open_token ot;
	pid_t tid = 0;
	pthread_t th;
	int closed;

	memset(&ot, 0, sizeof(ot));
	ot.size = sizeof(ot);
	ot.desired_access = WT_TOKEN_QUERY;
	ot.flags = WT_OPEN_TOKEN_PID | WT_OPEN_TOKEN_PIDFD;
	ot.process = getpid();
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_OPEN_PROCESS_TOKEN, &ot));
	EXPECT_EQ(EINVAL, errno);
	ot.flags = WT_OPEN_TOKEN_PID | 0x8;
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_OPEN_PROCESS_TOKEN, &ot));
	EXPECT_EQ(EINVAL, errno);
	ot.flags = WT_OPEN_TOKEN_PID;
	ot.desired_access = 0x00400000;
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_OPEN_PROCESS_TOKEN, &ot));
	EXPECT_EQ(EINVAL, errno);
	ot.desired_access = WT_ACCESS_SYSTEM_SECURITY;
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_OPEN_PROCESS_TOKEN, &ot));
	EXPECT_EQ(EACCES, errno);
	ot.desired_access = WT_TOKEN_QUERY;
	ot.process = 0x7ffffff0;
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_OPEN_PROCESS_TOKEN, &ot));
	EXPECT_EQ(ESRCH, errno);
	ot.process = 1ULL << 40;
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_OPEN_PROCESS_TOKEN, &ot));
	EXPECT_EQ(ESRCH, errno);
	/* A thread id is not a process id. */
	ASSERT_EQ(0, pthread_create(&th, NULL, parked_thread, &tid));
	while (!__atomic_load_n(&tid, __ATOMIC_ACQUIRE))
		usleep(1000);
	ot.process = tid;
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_OPEN_PROCESS_TOKEN, &ot));
	EXPECT_EQ(ESRCH, errno);
	__atomic_store_n(&tid, 0, __ATOMIC_RELEASE);
	pthread_join(th, NULL);
	ot.flags = WT_OPEN_TOKEN_PIDFD;
	closed = open_self();
	close(closed);
	ot.process = closed;
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_OPEN_PROCESS_TOKEN, &ot));
	EXPECT_EQ(EBADF, errno);
	ot.process = self->dev;		/* not a pidfd */
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_OPEN_PROCESS_TOKEN, &ot));
	EXPECT_EQ(EBADFD, errno);
	ot.process = self->tok;
	EXPECT_EQ(-1, ioctl(self->dev, WT_IOC_OPEN_PROCESS_TOKEN, &ot));
	EXPECT_EQ(EBADFD, errno);
}

TEST(wtwhoami_p_prints_another_process)
{
	char out[8192];
	size_t len = 0;
	ssize_t n;
	int pfd[2], wake;
	pid_t pid, target;
	char arg[16];

	if (access("/usr/bin/wtwhoami", X_OK))
		SKIP(return, "wtwhoami not installed");
	target = park_child(WT_UID_BOB, &wake);
	ASSERT_LT(0, target);
	snprintf(arg, sizeof(arg), "%d", target);
	ASSERT_EQ(0, pipe(pfd));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		close(pfd[0]);
		dup2(pfd[1], 1);
		execl("/usr/bin/wtwhoami", "wtwhoami", "--json", "-p", arg,
		      (char *)NULL);
		_exit(98);
	}
	close(pfd[1]);
	while (len < sizeof(out) - 1 &&
	       (n = read(pfd[0], out + len, sizeof(out) - 1 - len)) > 0)
		len += n;
	out[len] = '\0';
	close(pfd[0]);
	EXPECT_EQ(0, wait_child(pid));
	EXPECT_NE(NULL, strstr(out, "\"sid\": \"S-1-22-1-1002\""));
	/* alice may not look at bob's token. */
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int devnull = open("/dev/null", O_WRONLY);

		dup2(devnull, 1);
		dup2(devnull, 2);
		wt_become_user(WT_UID_ALICE, WT_UID_ALICE);
		execl("/usr/bin/wtwhoami", "wtwhoami", "-p", arg, (char *)NULL);
		_exit(98);
	}
	EXPECT_EQ(1, wait_child(pid));
	unpark(target, wake);
}

TEST_F(token, restricted_handle_passes_over_scm_rights)
{
	struct wt_sid_and_attributes deny = sa_of("S-1-5-32-544", 0);
	int sv[2], fd;
	pid_t pid;

	fd = wt_create_restricted_token(self->tok, 0, &deny, 1, NULL, 0, NULL, 0,
					WT_TOKEN_QUERY, NULL);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct wt_sid_and_attributes sa = sa_of("S-1-22-1-0", 0);
		int got;

		close(sv[0]);
		wt_become_user(WT_UID_BOB, WT_UID_BOB);
		got = recv_fd(sv[1]);
		if (got < 0)
			_exit(2);
		/* The rights travel with the handle: query, nothing more. */
		if (sid_group_attrs(got, "S-1-5-32-544") !=
		    WT_SE_GROUP_USE_FOR_DENY_ONLY)
			_exit(3);
		if (!wt_set_token_information(got, WT_TOKEN_INFO_OWNER, &sa,
					      sizeof(sa)) || errno != EACCES)
			_exit(4);
		if (wt_create_restricted_token(got, 0, NULL, 0, NULL, 0, NULL, 0,
					       0, NULL) != -1 || errno != EACCES)
			_exit(5);
		_exit(0);
	}
	close(sv[1]);
	ASSERT_EQ(0, send_fd(sv[0], fd));
	close(sv[0]);
	EXPECT_EQ(0, wait_child(pid));
	close(fd);
}

/* ---- ABI 6 with impersonation (ABI 5) ---- */

static int impersonate(int dev, int tokfd, uint32_t *level)
{
	struct wt_impersonate im;
	int ret;

	memset(&im, 0, sizeof(im));
	im.size = sizeof(im);
	im.fd = tokfd;
	ret = ioctl(dev, WT_IOC_IMPERSONATE, &im);
	if (!ret && level)
		*level = im.level;
	return ret ? -errno : 0;
}

TEST_F(token, token_operations_use_the_impersonation_token)
{
	struct test_token t;
	int ident, imp;
	pid_t pid;

	/* An Identification token and an Impersonation token of alice's. */
	test_token_init(&t, "S-1-22-1-1001");
	t.c.type = WT_TOKEN_IMPERSONATION;
	t.c.level = WT_SECURITY_IDENTIFICATION;
	ident = create_test_token(self->dev, self->tok, &t);
	ASSERT_LE(0, ident);
	test_token_init(&t, "S-1-22-1-1001");
	t.c.type = WT_TOKEN_IMPERSONATION;
	t.c.level = WT_SECURITY_IMPERSONATION;
	t.privs[1].luid = WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE;
	t.privs[1].attributes = WT_SE_PRIVILEGE_ENABLED;
	imp = wt_create_token(self->dev, &t.c);
	ASSERT_LE(0, imp);
	ASSERT_EQ(0, enable_priv(self->tok, WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE));

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct test_token c;
		uint32_t level = 99;
		int own = open_self(), fd;

		/* At Identification the token cannot be used at all. */
		if (impersonate(self->dev, ident, &level) ||
		    level != WT_SECURITY_IDENTIFICATION)
			_exit(2);
		test_token_init(&c, "S-1-22-1-1001");
		if (wt_create_token(self->dev, &c.c) != -1 || errno != ENOKEY)
			_exit(3);
		if (wt_open_process_token_pid(self->dev, getppid(),
					      WT_OPEN_TOKEN_PID, WT_TOKEN_QUERY,
					      NULL) != -1 || errno != ENOKEY)
			_exit(4);
		/* At Impersonation alice's token decides. */
		if (impersonate(self->dev, imp, &level) ||
		    level != WT_SECURITY_IMPERSONATION)
			_exit(5);
		if (wt_create_token(self->dev, &c.c) != -1 || errno != EPERM)
			_exit(6);
		if (wt_open_process_token_pid(self->dev, getppid(),
					      WT_OPEN_TOKEN_PID, WT_TOKEN_QUERY,
					      NULL) != -1 || errno != EACCES)
			_exit(7);
		/* The privilege is there, but an impersonating thread is refused. */
		if (wt_assign_primary_token(self->dev, own) != -1 || errno != EBUSY)
			_exit(8);
		/* Back to root: SeDebugPrivilege and SeCreateTokenPrivilege. */
		if (ioctl(self->dev, WT_IOC_REVERT_TO_SELF, 0))
			_exit(9);
		fd = wt_open_process_token_pid(self->dev, getppid(),
					       WT_OPEN_TOKEN_PID, WT_TOKEN_QUERY,
					       NULL);
		if (fd < 0)
			_exit(10);
		close(fd);
		fd = wt_create_token(self->dev, &c.c);
		_exit(fd < 0 ? 11 : 0);
	}
	EXPECT_EQ(0, wait_child(pid));
	close(ident);
	close(imp);
}

/* ---- ABI 6: garbage in ---- */

static long settle(const char *name, long baseline);

static uint32_t rnd_state = 0x12345678;

static uint32_t rnd(void)
{
	/* xorshift32: deterministic, so a failure can be replayed. */
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 17;
	rnd_state ^= rnd_state << 5;
	return rnd_state;
}

static void rnd_bytes(void *buf, size_t len)
{
	uint8_t *b = buf;

	while (len--)
		*b++ = (uint8_t)rnd();
}

/* Usually a valid SID, sometimes a damaged one. */
static struct wt_sid_and_attributes rnd_sid(void)
{
	static const char *const pool[] = {
		"S-1-1-0", "S-1-22-1-0", "S-1-22-2-2001", "S-1-5-32-544",
		"S-1-16-8192", "S-1-16-4096", "S-1-5-18", "S-1-5-21-1-2-3-4",
	};
	struct wt_sid_and_attributes sa = sa_of(pool[rnd() % 8], 0);

	sa.attributes = rnd() % 4 ? (rnd() & 0xff) : rnd();
	if (rnd() % 8 == 0)
		sa.sid_size = rnd() % 80;
	if (rnd() % 8 == 0)
		sa.sid[rnd() % 8] = (uint8_t)rnd();
	return sa;
}

static bool garbage_errno_ok(int err)
{
	return err == EINVAL || err == E2BIG || err == EPERM || err == EFAULT ||
	       err == EACCES;
}

TEST_F(token, garbage_descriptions_are_refused_cleanly)
{
	struct test_token t;
	long tokens_before = wt_read_param("live_tokens");
	int i, k, fd, made = 0, refused = 0;

	ASSERT_EQ(0, enable_priv(self->tok, WT_SE_CREATE_TOKEN_PRIVILEGE));
	for (i = 0; i < 3000; i++) {
		test_token_init(&t, "S-1-22-1-1001");
		switch (rnd() % 6) {
		case 0:
			t.c.user = rnd_sid();
			break;
		case 1:
			for (k = 0; k < 7; k++)
				if (rnd() % 3 == 0)
					t.groups[k] = rnd_sid();
			break;
		case 2:
			t.c.owner = rnd_sid();
			t.c.primary_group = rnd_sid();
			break;
		case 3:
			rnd_bytes(t.dacl + 8 * (rnd() % 4), 8);
			if (rnd() % 2)
				t.c.dacl_length = rnd() % sizeof(t.dacl);
			break;
		case 4:
			t.privs[rnd() % 2].luid = rnd() % 40;
			t.privs[rnd() % 2].attributes = rnd() % 8;
			break;
		default:
			t.restricted[0] = rnd_sid();
			t.restricted[1] = rnd_sid();
			t.c.restricted_count = rnd() % 3;
			break;
		}
		fd = wt_create_token(self->dev, &t.c);
		if (fd >= 0) {
			made++;
			/* Whatever was accepted must also adjust and restrict. */
			wt_adjust_token_groups(fd, 1, NULL, 0, NULL, NULL, NULL);
			k = wt_create_restricted_token(fd, 0, t.groups, 2, NULL, 0,
						       NULL, 0, 0, NULL);
			if (k >= 0)
				close(k);
			close(fd);
			continue;
		}
		refused++;
		EXPECT_TRUE(garbage_errno_ok(errno)) {
			TH_LOG("round %d: unexpected errno %d", i, errno);
		}
	}
	TH_LOG("%d tokens made, %d descriptions refused", made, refused);
	EXPECT_LT(0, made);
	EXPECT_LT(0, refused);
	/* Garbage for the token handle ioctls, on the own token. */
	for (i = 0; i < 2000; i++) {
		struct wt_sid_and_attributes sa = rnd_sid();
		uint8_t acl[64];
		static const uint32_t classes[] = {
			WT_TOKEN_INFO_OWNER, WT_TOKEN_INFO_PRIMARY_GROUP,
			WT_TOKEN_INFO_INTEGRITY_LEVEL,
		};
		uint32_t cls = classes[rnd() % 3];

		if (wt_adjust_token_groups(self->tok, 0, &sa, 1, NULL, NULL, NULL))
			EXPECT_TRUE(garbage_errno_ok(errno));
		if (wt_set_token_information(self->tok, cls, &sa, sizeof(sa)))
			EXPECT_TRUE(garbage_errno_ok(errno));
		rnd_bytes(acl, sizeof(acl));
		acl[0] = WT_ACL_REVISION;
		if (wt_set_token_information(self->tok, WT_TOKEN_INFO_DEFAULT_DACL,
					     acl, 8 + rnd() % 56))
			EXPECT_TRUE(garbage_errno_ok(errno));
	}
	/* Nothing made here is left behind. */
	EXPECT_GE(tokens_before, settle("live_tokens", tokens_before));
}

/* ---- ABI 6: structure sizes ---- */

TEST_F(token, abi6_structure_sizes)
{
	/* @cur: the latest size (ABI 14 grew wt_create_token to VER1) */
	static const struct {
		unsigned long cmd;
		uint32_t ver0, cur, size;
		int on_device;
	} cmds[] = {
		{ WT_IOC_ADJUST_GROUPS, WT_ADJUST_GROUPS_SIZE_VER0,
		  WT_ADJUST_GROUPS_SIZE_VER0, sizeof(struct wt_adjust_groups), 0 },
		{ WT_IOC_CREATE_RESTRICTED_TOKEN, WT_CREATE_RESTRICTED_SIZE_VER0,
		  WT_CREATE_RESTRICTED_SIZE_VER0,
		  sizeof(struct wt_create_restricted), 0 },
		{ WT_IOC_SET_TOKEN_INFORMATION, WT_TOKEN_SET_SIZE_VER0,
		  WT_TOKEN_SET_SIZE_VER0, sizeof(struct wt_token_set), 0 },
		{ WT_IOC_CREATE_TOKEN, WT_CREATE_TOKEN_SIZE_VER0,
		  WT_CREATE_TOKEN_SIZE_VER1, sizeof(struct wt_create_token), 1 },
		{ WT_IOC_ASSIGN_PRIMARY_TOKEN, WT_ASSIGN_PRIMARY_SIZE_VER0,
		  WT_ASSIGN_PRIMARY_SIZE_VER0, sizeof(struct wt_assign_primary), 1 },
	};
	uint32_t buf[128];
	unsigned int i;
	int fd;

	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		fd = cmds[i].on_device ? self->dev : self->tok;
		EXPECT_EQ(cmds[i].cur, cmds[i].size);
		memset(buf, 0, sizeof(buf));
		buf[0] = cmds[i].ver0 - 4;
		EXPECT_EQ(-1, ioctl(fd, cmds[i].cmd, buf));
		EXPECT_EQ(EINVAL, errno) {
			TH_LOG("ioctl %#lx, size below VER0", cmds[i].cmd);
		}
		buf[0] = 8192;
		EXPECT_EQ(-1, ioctl(fd, cmds[i].cmd, buf));
		EXPECT_EQ(E2BIG, errno) {
			TH_LOG("ioctl %#lx, size over a page", cmds[i].cmd);
		}
		buf[0] = cmds[i].cur + 8;
		((uint8_t *)buf)[cmds[i].cur + 3] = 1;
		EXPECT_EQ(-1, ioctl(fd, cmds[i].cmd, buf));
		EXPECT_EQ(E2BIG, errno) {
			TH_LOG("ioctl %#lx, unknown trailing bytes", cmds[i].cmd);
		}
		EXPECT_EQ(-1, ioctl(fd, cmds[i].cmd, NULL));
		EXPECT_EQ(EFAULT, errno) {
			TH_LOG("ioctl %#lx, NULL argument", cmds[i].cmd);
		}
		/* Token commands on the device, device commands on a token. */
		buf[0] = cmds[i].size;
		EXPECT_EQ(-1, ioctl(cmds[i].on_device ? self->tok : self->dev,
				    cmds[i].cmd, buf));
		EXPECT_EQ(ENOTTY, errno);
	}
}

/* A user and primary group without Linux ids give the overflow ids. */
TEST_F(token, assign_primary_token_other_sids_give_overflow_ids)
{
	struct test_token t;
	pid_t pid;
	int fd;

	test_token_init(&t, "S-1-5-21-7-7-7-1000");
	t.c.primary_group = sa_of("S-1-5-21-7-7-7-1000", 0);
	fd = create_test_token(self->dev, self->tok, &t);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, enable_priv(self->tok, WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		gid_t groups[8];
		char user[192];

		if (setresuid(65534, -1, -1))
			_exit(6);
		if (wt_assign_primary_token(self->dev, fd))
			_exit(2);
		if (getuid() != 65534 || getgid() != 65534 || cap_eff() != 0)
			_exit(3);
		/* S-1-22-2-2001 and S-1-22-2-1001 are enabled groups. */
		if (getgroups(8, groups) != 2)
			_exit(4);
		self_user(user, sizeof(user));
		_exit(strcmp(user, "S-1-5-21-7-7-7-1000") ? 5 : 0);
	}
	EXPECT_EQ(0, wait_child(pid));
	close(fd);
}

/*
 * The real uid owns the process's RLIMIT_NPROC count, which the module
 * cannot move: a token of another user needs the real uid set first.
 */
TEST_F(token, assign_primary_token_needs_the_tokens_real_uid)
{
	struct test_token t;
	pid_t pid;
	int fd;

	test_token_init(&t, "S-1-22-1-1001");
	fd = create_test_token(self->dev, self->tok, &t);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, enable_priv(self->tok, WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		char user[192];

		/* Real uid 0, token of 1001: refused, nothing changed. */
		if (wt_assign_primary_token(self->dev, fd) != -1 || errno != EPERM)
			_exit(2);
		self_user(user, sizeof(user));
		if (strcmp(user, "S-1-22-1-0") || getuid() != 0 || geteuid() != 0)
			_exit(3);
		/* Another wrong real uid: still refused. */
		if (setresuid(1002, -1, -1))
			_exit(4);
		if (wt_assign_primary_token(self->dev, fd) != -1 || errno != EPERM)
			_exit(5);
		/* The token's uid: assigned. */
		if (setresuid(1001, -1, -1) || wt_assign_primary_token(self->dev, fd))
			_exit(6);
		self_user(user, sizeof(user));
		_exit(strcmp(user, "S-1-22-1-1001") || getuid() != 1001 ||
		      geteuid() != 1001 ? 7 : 0);
	}
	EXPECT_EQ(0, wait_child(pid));
	close(fd);
}

/* Only a live second thread refuses an assignment (EBUSY), not a past one. */
TEST_F(token, assign_primary_token_refused_with_a_second_thread_only)
{
	struct test_token t;
	pid_t pid;
	int fd;

	/* Once the second thread is gone, the same process may assign. */
	test_token_init(&t, "S-1-22-1-1002");
	t.groups[6] = sa_of("S-1-22-2-1002", G_DEFAULT);
	t.c.primary_group = sa_of("S-1-22-2-1002", 0);
	fd = create_test_token(self->dev, self->tok, &t);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, enable_priv(self->tok, WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		uint64_t id = 0;
		int tries = 0, ret;
		pthread_t th;

		if (setresuid(1002, -1, -1) ||
		    pthread_create(&th, NULL, thread_token_id, &id) ||
		    pthread_join(th, NULL))
			_exit(2);
		/*
		 * pthread_join() returns when the thread's tid is cleared,
		 * a moment before the kernel stops counting the thread.
		 */
		while ((ret = wt_assign_primary_token(self->dev, fd)) &&
		       errno == EBUSY && ++tries < 200)
			usleep(10000);
		if (ret)
			_exit(3);
		_exit(getuid() == 1002 && getgid() == 1002 ? 0 : 4);
	}
	EXPECT_EQ(0, wait_child(pid));
	close(fd);
}

/* ---- no leak ---- */

static long settle(const char *name, long baseline)
{
	long v = wt_read_param(name);
	int i;

	/* Frees wait for RCU grace periods: give them time. */
	for (i = 0; i < 100 && v > baseline; i++) {
		usleep(50000);
		v = wt_read_param(name);
	}
	return v;
}

TEST(live_tokens_return_to_baseline)
{
	long tokens, entries, states;
	int i;

	tokens = wt_read_param("live_tokens");
	entries = wt_read_param("live_cred_entries");
	states = wt_read_param("live_token_states");
	ASSERT_LT(0, tokens);
	ASSERT_LT(0, entries);
	ASSERT_LT(0, states);
	EXPECT_EQ(0, wt_read_param("cred_alloc_failures"));

	for (i = 0; i < 40; i++) {
		pid_t pid = fork();

		ASSERT_LE(0, pid);
		if (pid == 0) {
			int fds[4], k;

			/*
			 * Half keep the copy of root's token fork gave them,
			 * half re-derive (a new token); all open handles and
			 * exit with them open.
			 */
			if (i % 2 &&
			    setresuid(1001 + i % 3, 1001 + i % 3, 1001 + i % 3))
				_exit(2);
			for (k = 0; k < 4; k++)
				fds[k] = open_self();
			_exit(fds[3] < 0 ? 3 : 0);
		}
		ASSERT_EQ(0, wait_child(pid));
	}
	EXPECT_GE(tokens, settle("live_tokens", tokens));
	EXPECT_GE(entries, settle("live_cred_entries", entries));
	EXPECT_GE(states, settle("live_token_states", states));
	TH_LOG("live tokens %ld -> %ld, states %ld -> %ld, cred entries %ld -> %ld",
	       tokens, wt_read_param("live_tokens"), states,
	       wt_read_param("live_token_states"), entries,
	       wt_read_param("live_cred_entries"));
}

TEST(open_handle_pins_the_module)
{
	long before = module_refcnt();
	int fd;

	ASSERT_LE(0, before);
	fd = open_self();
	ASSERT_LE(0, fd);
	EXPECT_EQ(before + 1, module_refcnt());
	/* rmmod refuses while a handle is open (no forced unload). */
	EXPECT_EQ(-1, syscall(SYS_delete_module, "wintok", O_NONBLOCK));
	EXPECT_EQ(EWOULDBLOCK, errno);
	close(fd);
	EXPECT_EQ(before, module_refcnt());
}

/*
 * Run wtwhoami --json as @uid with @tokfd (if >= 0) inherited as fd 5;
 * collect its output. Return its exit status.
 */
static int run_wtwhoami_fd(uid_t uid, int tokfd, char *out, size_t size)
{
	size_t len = 0;
	ssize_t n;
	int pfd[2];
	pid_t pid;

	if (pipe(pfd))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		close(pfd[0]);
		dup2(pfd[1], 1);
		/*
		 * dup2() clears FD_CLOEXEC: the handle survives the exec. It
		 * does nothing when @tokfd is 5 already: clear the flag then.
		 */
		if (tokfd >= 0 && dup2(tokfd, 5) != 5)
			_exit(97);
		if (tokfd == 5 && fcntl(5, F_SETFD, 0))
			_exit(97);
		wt_become_user(uid, uid);
		execl("/usr/bin/wtwhoami", "wtwhoami", "--json", "--fd",
		      tokfd >= 0 ? "5" : "0", (char *)NULL);
		_exit(98);
	}
	close(pfd[1]);
	while (len < size - 1 && (n = read(pfd[0], out + len, size - 1 - len)) > 0)
		len += n;
	out[len] = '\0';
	close(pfd[0]);
	return wait_child(pid);
}

TEST_F(token, wtwhoami_prints_an_inherited_handle)
{
	char out[8192];

	if (access("/usr/bin/wtwhoami", X_OK))
		SKIP(return, "wtwhoami not installed");
	/* bob, given root's handle, sees root's token. */
	EXPECT_EQ(0, run_wtwhoami_fd(WT_UID_BOB, self->tok, out, sizeof(out)));
	EXPECT_NE(NULL, strstr(out, "\"sid\": \"S-1-22-1-0\""));
	EXPECT_NE(NULL, strstr(out, "S-1-5-32-544"));
	EXPECT_EQ(NULL, strstr(out, "S-1-22-1-1002"));
	EXPECT_NE(NULL, strstr(out, "\"restricted_sids\": []"));
	/* stdin is not a token handle. */
	EXPECT_EQ(1, run_wtwhoami_fd(WT_UID_BOB, -1, out, sizeof(out)));
}

TEST_F(token, wtwhoami_shows_restricting_sids)
{
	struct wt_sid_and_attributes res = sa_of("S-1-5-32-545", 0);
	const char *list, *users, *privs;
	char out[8192];
	int fd;

	if (access("/usr/bin/wtwhoami", X_OK))
		SKIP(return, "wtwhoami not installed");
	fd = wt_create_restricted_token(self->tok, 0, NULL, 0, NULL, 0, &res, 1,
					WT_TOKEN_QUERY | WT_TOKEN_QUERY_SOURCE,
					NULL);
	ASSERT_LE(0, fd);
	EXPECT_EQ(0, run_wtwhoami_fd(WT_UID_BOB, fd, out, sizeof(out)));
	close(fd);
	/* BUILTIN\Users is listed between "restricted_sids" and "privileges". */
	list = strstr(out, "\"restricted_sids\": [\n");
	ASSERT_NE(NULL, list);
	users = strstr(list, "{\"name\": \"BUILTIN\\\\Users\", \"sid\": \"S-1-5-32-545\"}");
	privs = strstr(list, "\"privileges\"");
	ASSERT_NE(NULL, users);
	ASSERT_NE(NULL, privs);
	EXPECT_LT(users, privs);
}

TEST(wtwhoami_json_as_alice)
{
	char out[8192];
	size_t len = 0;
	ssize_t n;
	int pfd[2];
	pid_t pid;

	if (access("/usr/bin/wtwhoami", X_OK))
		SKIP(return, "wtwhoami not installed");
	ASSERT_EQ(0, pipe(pfd));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		gid_t g = WT_GID_FINANCE;

		close(pfd[0]);
		dup2(pfd[1], 1);
		if (setgroups(1, &g) || setresgid(WT_UID_ALICE, WT_UID_ALICE, WT_UID_ALICE) ||
		    setresuid(WT_UID_ALICE, WT_UID_ALICE, WT_UID_ALICE))
			_exit(99);
		execl("/usr/bin/wtwhoami", "wtwhoami", "--json", (char *)NULL);
		_exit(98);
	}
	close(pfd[1]);
	while (len < sizeof(out) - 1 &&
	       (n = read(pfd[0], out + len, sizeof(out) - 1 - len)) > 0)
		len += n;
	out[len] = '\0';
	close(pfd[0]);
	EXPECT_EQ(0, wait_child(pid));
	EXPECT_NE(NULL, strstr(out, "\"sid\": \"S-1-22-1-1001\""));
	EXPECT_NE(NULL, strstr(out, "\"sid\": \"S-1-22-2-2001\""));
	EXPECT_NE(NULL, strstr(out, "Unix User\\\\alice"));
	EXPECT_NE(NULL, strstr(out, "\"name\": \"SeChangeNotifyPrivilege\""));
	EXPECT_NE(NULL, strstr(out, "\"type\": \"Primary\""));
	EXPECT_EQ(NULL, strstr(out, "S-1-5-32-544"));
}

TEST_HARNESS_MAIN
