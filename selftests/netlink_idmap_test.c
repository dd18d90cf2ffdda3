// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests, generic netlink: the id map and the ids it gives
 * impersonating threads and assigned tokens. Runs as root in the VM.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>
#include <linux/audit.h>
#include <linux/genetlink.h>
#include <linux/wintok.h>

#include "kselftest_harness.h"
#include "wt_test.h"
#include "wt_sd_build.h"
#include "libwintok.h"
#include "wtnl.h"
#include "nl_common.h"

TEST_F(nl, idmap)
{
	struct idmap_fault map[3] = {
		MAP("S-1-5-21-7-8-9-1001", WT_IDMAP_UID, 1001),
		MAP("S-1-5-21-7-8-9-1002", WT_IDMAP_UID, 1002),
		MAP("S-1-5-21-7-8-9-513", WT_IDMAP_GID, 1003),
	};
	struct idmap_fault bad;
	int count = -1;

	ASSERT_EQ(0, set_idmap(&self->nl, map, 3));
	ASSERT_EQ(0, call_u32(&self->nl, WT_CMD_GET_IDMAP, 0, 0, idmap_count_cb, &count));
	EXPECT_EQ(3, count);

	/* S-1-22 maps by number. */
	bad = (struct idmap_fault)MAP("S-1-22-1-5", WT_IDMAP_UID, 5);
	EXPECT_EQ(-EINVAL, set_idmap(&self->nl, &bad, 1));
	/* Too short, too long (ERANGE), or length not that of the SID. */
	bad = (struct idmap_fault)MAP("S-1-5-21-7-8-9-1001", WT_IDMAP_UID, 5);
	bad.sid_len = 4;
	EXPECT_EQ(-ERANGE, set_idmap(&self->nl, &bad, 1));
	bad.sid_len = WT_SID_MAX_BYTES + 4;
	EXPECT_EQ(-ERANGE, set_idmap(&self->nl, &bad, 1));
	bad.sid_len = 28 + 4;
	EXPECT_EQ(-EINVAL, set_idmap(&self->nl, &bad, 1));
	/* Kind out of range, id 4294967295, missing parts. */
	bad = (struct idmap_fault)MAP("S-1-5-21-7-8-9-1001", 2, 5);
	EXPECT_EQ(-ERANGE, set_idmap(&self->nl, &bad, 1));
	bad = (struct idmap_fault)MAP("S-1-5-21-7-8-9-1001", WT_IDMAP_UID, 0xffffffffu);
	EXPECT_EQ(-EINVAL, set_idmap(&self->nl, &bad, 1));
	bad = (struct idmap_fault)MAP(NULL, WT_IDMAP_UID, 5);
	EXPECT_EQ(-EINVAL, set_idmap(&self->nl, &bad, 1));
	bad = (struct idmap_fault)MAP("S-1-5-21-7-8-9-1001", WT_IDMAP_UID, 5);
	bad.no_kind = true;
	EXPECT_EQ(-EINVAL, set_idmap(&self->nl, &bad, 1));
	bad = (struct idmap_fault)MAP("S-1-5-21-7-8-9-1001", WT_IDMAP_UID, 5);
	bad.no_id = true;
	EXPECT_EQ(-EINVAL, set_idmap(&self->nl, &bad, 1));
	EXPECT_NE(0, strlen(self->nl.errmsg));
	/* The same SID or the same id twice for one kind. */
	map[1].sid = map[0].sid;
	EXPECT_EQ(-EINVAL, set_idmap(&self->nl, map, 2));
	map[1].sid = "S-1-5-21-7-8-9-1002";
	map[1].id = 1001;
	EXPECT_EQ(-EINVAL, set_idmap(&self->nl, map, 2));
	/* Missing WT_A_IDMAP. */
	EXPECT_EQ(-EINVAL, call_u32(&self->nl, WT_CMD_SET_IDMAP, 0, 0, NULL, NULL));
	/* Nothing changed; then empty clears. */
	ASSERT_EQ(0, call_u32(&self->nl, WT_CMD_GET_IDMAP, 0, 0, idmap_count_cb, &count));
	EXPECT_EQ(3, count);
	ASSERT_EQ(0, set_idmap(&self->nl, map, 0));
	ASSERT_EQ(0, call_u32(&self->nl, WT_CMD_GET_IDMAP, 0, 0, idmap_count_cb, &count));
	EXPECT_EQ(0, count);
}

/* ---- the id map at impersonation ---- */

struct imp_ids {
	int tokfd, dev;
	long euid, egid;
	int ngroups;
	gid_t groups[8];
	int err;
};

/* On a thread of its own: impersonate, read the ids, revert. */
static void *imp_ids_thread(void *arg)
{
	struct wt_impersonate a = { .size = sizeof(a) };
	struct imp_ids *r = arg;

	a.fd = r->tokfd;
	if (ioctl(r->dev, WT_IOC_IMPERSONATE, &a)) {
		r->err = errno;
		return NULL;
	}
	r->euid = syscall(SYS_geteuid);
	r->egid = syscall(SYS_getegid);
	/* The raw call: glibc's getgroups() would ask for the process's. */
	r->ngroups = syscall(SYS_getgroups, 8, r->groups);
	if (a.level != WT_SECURITY_IMPERSONATION)
		r->err = 1000 + a.level;
	ioctl(r->dev, WT_IOC_REVERT_TO_SELF, 0);
	return NULL;
}

static struct imp_ids impersonate_ids(int dev, int tokfd)
{
	struct imp_ids r = { .tokfd = tokfd, .dev = dev, .euid = -1, .egid = -1 };
	pthread_t th;

	pthread_create(&th, NULL, imp_ids_thread, &r);
	pthread_join(th, NULL);
	return r;
}

/* The domain SIDs of the id map tests and the ids they map to. */
#define DOM_USER	"S-1-5-21-7-8-9-1001"
#define DOM_USERS	"S-1-5-21-7-8-9-513"
#define DOM_STAFF	"S-1-5-21-7-8-9-1105"	/* mapped to gid 2005 */
#define DOM_DENY_ONLY	"S-1-5-21-7-8-9-1106"	/* mapped to gid 2006 */
#define DOM_UNMAPPED	"S-1-5-21-7-8-9-1107"

static const struct idmap_fault domain_map[4] = {
	MAP(DOM_USER, WT_IDMAP_UID, WT_UID_ALICE),
	MAP(DOM_USERS, WT_IDMAP_GID, WT_GID_USERS),
	MAP(DOM_STAFF, WT_IDMAP_GID, 2005),
	MAP(DOM_DENY_ONLY, WT_IDMAP_GID, 2006),
};

/*
 * A token of domain SIDs only (made with SeCreateTokenPrivilege): user
 * DOM_USER, primary group DOM_USERS, groups DOM_USERS, DOM_STAFF,
 * DOM_DENY_ONLY (deny-only), DOM_UNMAPPED, S-1-22-2-2007 and Medium.
 */
static int create_domain_token(int dev, uint32_t type, uint32_t access)
{
	const uint32_t on = WT_SE_GROUP_MANDATORY | WT_SE_GROUP_ENABLED_BY_DEFAULT |
			    WT_SE_GROUP_ENABLED;
	struct wt_luid_and_attributes la = {
		.luid = WT_SE_CREATE_TOKEN_PRIVILEGE,
		.attributes = WT_SE_PRIVILEGE_ENABLED,
	};
	struct wt_create_token c = { .size = sizeof(c) };
	struct wt_sid_and_attributes groups[6];
	int own, fd, not_all = 1;

	own = wt_open_process_token(dev, WT_TOKEN_ADJUST_PRIVILEGES, NULL);
	if (own < 0 || wt_adjust_token_privileges(own, 0, &la, 1, NULL, NULL, &not_all) ||
	    not_all)
		return -1;
	close(own);
	c.type = type;
	c.level = type == WT_TOKEN_PRIMARY ? 0 : WT_SECURITY_IMPERSONATION;
	if (wt_sid_parse(DOM_USER, &c.user, 0) ||
	    wt_sid_parse(DOM_USERS, &c.primary_group, 0) ||
	    wt_sid_parse(DOM_USERS, &groups[0], on) ||
	    wt_sid_parse(DOM_STAFF, &groups[1], on) ||
	    wt_sid_parse(DOM_DENY_ONLY, &groups[2], WT_SE_GROUP_USE_FOR_DENY_ONLY) ||
	    wt_sid_parse(DOM_UNMAPPED, &groups[3], on) ||
	    wt_sid_parse("S-1-22-2-2007", &groups[4], on) ||
	    wt_sid_parse("S-1-16-8192", &groups[5],
			 WT_SE_GROUP_INTEGRITY | WT_SE_GROUP_INTEGRITY_ENABLED))
		return -1;
	c.group_count = 6;
	c.groups = (uintptr_t)groups;
	memcpy(c.source.name, "nltest", 6);
	c.desired_access = access;
	fd = wt_create_token(dev, &c);
	return fd < 0 ? -1 : fd;
}

static bool has_gid(const gid_t *groups, int n, gid_t gid)
{
	while (n-- > 0)
		if (groups[n] == gid)
			return true;
	return false;
}

/*
 * A token whose user and groups are not S-1-22 SIDs: an impersonating
 * thread gets the mapped ids and supplementary groups (enabled, not
 * deny-only), or the overflow ids and the S-1-22 groups alone.
 */
TEST_F(nl, idmap_gives_impersonation_ids)
{
	struct imp_ids r;
	int dev, tokfd;

	dev = open("/dev/wintok", O_RDWR);
	ASSERT_LE(0, dev);
	tokfd = create_domain_token(dev, WT_TOKEN_IMPERSONATION,
				    WT_TOKEN_IMPERSONATE | WT_TOKEN_QUERY);
	ASSERT_LE(0, tokfd) {
		TH_LOG("create token: %s", strerror(errno));
	}

	ASSERT_EQ(0, set_idmap(&self->nl, domain_map, 4));
	r = impersonate_ids(dev, tokfd);
	EXPECT_EQ(0, r.err);
	EXPECT_EQ(WT_UID_ALICE, r.euid);
	EXPECT_EQ(WT_GID_USERS, r.egid);
	EXPECT_EQ(3, r.ngroups);
	EXPECT_TRUE(has_gid(r.groups, r.ngroups, WT_GID_USERS));
	EXPECT_TRUE(has_gid(r.groups, r.ngroups, 2005));
	EXPECT_TRUE(has_gid(r.groups, r.ngroups, 2007));

	ASSERT_EQ(0, set_idmap(&self->nl, domain_map, 0));
	r = impersonate_ids(dev, tokfd);
	EXPECT_EQ(0, r.err);
	EXPECT_EQ(65534, r.euid);
	EXPECT_EQ(65534, r.egid);
	EXPECT_EQ(1, r.ngroups);
	EXPECT_TRUE(has_gid(r.groups, r.ngroups, 2007));
	close(tokfd);
	close(dev);
}

/*
 * Assigning such a primary token: the process runs with the mapped uid
 * (its real uid set first), the mapped primary gid and groups.
 */
TEST_F(nl, idmap_gives_assigned_token_ids)
{
	struct wt_luid_and_attributes la = {
		.luid = WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE,
		.attributes = WT_SE_PRIVILEGE_ENABLED,
	};
	int dev, tokfd, own, not_all = 1;
	pid_t pid;

	dev = open("/dev/wintok", O_RDWR);
	ASSERT_LE(0, dev);
	tokfd = create_domain_token(dev, WT_TOKEN_PRIMARY,
				    WT_TOKEN_ASSIGN_PRIMARY | WT_TOKEN_QUERY);
	ASSERT_LE(0, tokfd);
	own = wt_open_process_token(dev, WT_TOKEN_ADJUST_PRIVILEGES, NULL);
	ASSERT_LE(0, own);
	ASSERT_EQ(0, wt_adjust_token_privileges(own, 0, &la, 1, NULL, NULL, &not_all));
	close(own);
	ASSERT_EQ(0, set_idmap(&self->nl, domain_map, 4));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		gid_t groups[8];
		int n;

		/* Not yet the mapped uid: refused. */
		if (wt_assign_primary_token(dev, tokfd) != -1 || errno != EPERM)
			_exit(2);
		if (setresuid(WT_UID_ALICE, -1, -1) || wt_assign_primary_token(dev, tokfd))
			_exit(3);
		if (getuid() != WT_UID_ALICE || geteuid() != WT_UID_ALICE ||
		    getgid() != WT_GID_USERS)
			_exit(4);
		/* The primary group is not repeated among the supplementary. */
		n = getgroups(8, groups);
		if (n != 2 || !has_gid(groups, n, 2005) || !has_gid(groups, n, 2007))
			_exit(5);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));
	ASSERT_EQ(0, set_idmap(&self->nl, domain_map, 0));
	close(tokfd);
	close(dev);
}

/* ---- the id map at derivation (issue #18) ---- */

/* How often token @fd's groups hold @sid enabled; -1 on error. */
static int token_sid_count(int fd, const char *sid)
{
	struct wt_token_groups *g;
	char text[192];
	uint32_t i;
	int n = 0;

	g = wt_get_token_information_alloc(fd, WT_TOKEN_INFO_GROUPS, NULL);
	if (!g)
		return -1;
	for (i = 0; i < g->count; i++) {
		wt_sid_string(g->groups[i].sid, g->groups[i].sid_size, text,
			      sizeof(text));
		if (!strcmp(text, sid) &&
		    (g->groups[i].attributes & WT_SE_GROUP_ENABLED))
			n++;
	}
	free(g);
	return n;
}

/* "S-1-..." of a wt_sid_and_attributes class of token @fd; 0 or -1. */
static int token_sid_of(int fd, uint32_t cls, char *buf, size_t size)
{
	struct wt_sid_and_attributes *sa;

	buf[0] = '\0';
	sa = wt_get_token_information_alloc(fd, cls, NULL);
	if (!sa)
		return -1;
	wt_sid_string(sa->sid, sa->sid_size, buf, size);
	free(sa);
	return 0;
}

/* Is the process's token's @cls the SID @want? */
static bool own_sid_is(uint32_t cls, const char *want)
{
	char text[192];
	int fd = wt_open_process_token(-1, WT_TOKEN_QUERY, NULL);
	bool ok;

	if (fd < 0)
		return false;
	ok = !token_sid_of(fd, cls, text, sizeof(text)) && !strcmp(text, want);
	close(fd);
	return ok;
}

/* How often the process's token holds group @sid, enabled. */
static int own_group(const char *sid)
{
	int fd = wt_open_process_token(-1, WT_TOKEN_QUERY, NULL), n;

	if (fd < 0)
		return -1;
	n = token_sid_count(fd, sid);
	close(fd);
	return n;
}

#define DERIVE_DIR "/tmp/wt_idmap_derive"

/* Files on tmpfs whose SDs name a domain SID, an S-1-22 SID, or deny one. */
static int derive_files(void)
{
	const struct wt_rule staff[] = { { 0, 0, WT_FILE_ALL_ACCESS, DOM_STAFF } };
	const struct wt_rule user[] = { { 0, 0, WT_FILE_ALL_ACCESS, DOM_USER } };
	const struct wt_rule s22[] = { { 0, 0, WT_FILE_ALL_ACCESS, WT_SID_ALICE } };
	const struct wt_rule deny[] = {
		{ 1, 0, WT_FILE_ALL_ACCESS, WT_SID_ALICE },
		{ 0, 0, WT_FILE_ALL_ACCESS, WT_SID_EVERYONE },
	};
	static const char *const names[] = { "staff", "user", "s22", "deny" };
	char path[64];
	int i, fd, err = 0;

	wt_rm_rf(DERIVE_DIR);
	if (mkdir(DERIVE_DIR, 0755))
		return errno;
	for (i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), DERIVE_DIR "/%s", names[i]);
		fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
		if (fd < 0)
			return errno;
		close(fd);
	}
	err = err ?: wt_set_dacl(DERIVE_DIR "/staff", staff, 1);
	err = err ?: wt_set_dacl(DERIVE_DIR "/user", user, 1);
	err = err ?: wt_set_dacl(DERIVE_DIR "/s22", s22, 1);
	err = err ?: wt_set_dacl(DERIVE_DIR "/deny", deny, 2);
	return err;
}

/*
 * In a child: alice (uid 1001), primary group users (100), supplementary
 * 2005 (mapped: DOM_STAFF) and 2008 (unmapped). Her derived token holds
 * the mapped SIDs, the S-1-22 SIDs of the mapped ids as groups, the
 * unmapped gid as S-1-22; the SDs decide by both.
 */
static int alice_domain_child(void)
{
	const gid_t groups[] = { 2005, 2008 };

	if (setgroups(2, groups) || setresgid(WT_GID_USERS, WT_GID_USERS, WT_GID_USERS) ||
	    setresuid(WT_UID_ALICE, WT_UID_ALICE, WT_UID_ALICE))
		return 99;
	if (!own_sid_is(WT_TOKEN_INFO_USER, DOM_USER))
		return 10;
	if (!own_sid_is(WT_TOKEN_INFO_PRIMARY_GROUP, DOM_USERS))
		return 11;
	if (!own_sid_is(WT_TOKEN_INFO_OWNER, DOM_USER))
		return 12;
	if (own_group(DOM_USERS) != 1 || own_group(DOM_STAFF) != 1)
		return 13;
	/* The S-1-22 SIDs of the mapped ids stay, once each. */
	if (own_group(WT_SID_ALICE) != 1 || own_group("S-1-22-2-100") != 1 ||
	    own_group("S-1-22-2-2005") != 1)
		return 14;
	/* An unmapped gid: S-1-22 only. */
	if (own_group("S-1-22-2-2008") != 1 || own_group(DOM_UNMAPPED) != 0)
		return 15;
	if (wt_open_errno(DERIVE_DIR "/staff", O_RDONLY))
		return 20;
	if (wt_open_errno(DERIVE_DIR "/user", O_RDONLY))
		return 21;
	if (wt_open_errno(DERIVE_DIR "/s22", O_RDONLY))
		return 22;
	/* A deny ACE on her S-1-22 SID still denies. */
	if (wt_open_errno(DERIVE_DIR "/deny", O_RDONLY) != EACCES)
		return 23;
	return 0;
}

/* bob (unmapped uid, gid users mapped): S-1-22 user, DOM_USERS group. */
static int bob_child(void)
{
	if (!own_sid_is(WT_TOKEN_INFO_USER, WT_SID_BOB))
		return 10;
	if (!own_sid_is(WT_TOKEN_INFO_PRIMARY_GROUP, DOM_USERS))
		return 11;
	if (own_group(WT_SID_BOB) != 0 || own_group("S-1-22-2-100") != 1)
		return 12;
	if (wt_open_errno(DERIVE_DIR "/staff", O_RDONLY) != EACCES ||
	    wt_open_errno(DERIVE_DIR "/user", O_RDONLY) != EACCES)
		return 13;
	return 0;
}

/* Without a map: alice's derived token is S-1-22 only, the domain SD refuses. */
static int alice_plain_child(void)
{
	if (!own_sid_is(WT_TOKEN_INFO_USER, WT_SID_ALICE) ||
	    !own_sid_is(WT_TOKEN_INFO_PRIMARY_GROUP, "S-1-22-2-100"))
		return 10;
	if (own_group(DOM_USERS) != 0 || own_group(WT_SID_ALICE) != 0)
		return 11;
	if (wt_open_errno(DERIVE_DIR "/user", O_RDONLY) != EACCES ||
	    wt_open_errno(DERIVE_DIR "/s22", O_RDONLY))
		return 12;
	return 0;
}

TEST_F(nl, idmap_derives_domain_sids)
{
	pid_t pid;

	ASSERT_EQ(0, derive_files());
	ASSERT_EQ(0, set_idmap(&self->nl, domain_map, 4));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0)
		_exit(alice_domain_child());
	EXPECT_EQ(0, wt_reap(pid));
	EXPECT_EQ(0, wt_as_user(WT_UID_BOB, WT_GID_USERS, bob_child()));

	ASSERT_EQ(0, set_idmap(&self->nl, domain_map, 0));
	EXPECT_EQ(0, wt_as_user(WT_UID_ALICE, WT_GID_USERS, alice_plain_child()));
	wt_rm_rf(DERIVE_DIR);
}

/*
 * A map change leaves tokens already derived as they are (a token keeps
 * its SIDs, as a Windows logon does); the next derivation follows it.
 */
TEST_F(nl, idmap_change_keeps_derived_tokens)
{
	int go[2], done[2], status;
	char c = 0;
	pid_t pid;

	ASSERT_EQ(0, set_idmap(&self->nl, domain_map, 4));
	ASSERT_EQ(0, pipe(go));
	ASSERT_EQ(0, pipe(done));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int rc = 0;

		/* Saved uid 0: the child can derive again after the change. */
		if (setgroups(0, NULL) || setresgid(WT_GID_USERS, WT_GID_USERS, 0) ||
		    setresuid(-1, WT_UID_ALICE, 0))
			_exit(99);
		if (!own_sid_is(WT_TOKEN_INFO_USER, DOM_USER))
			rc = 10;
		if (write(go[1], &c, 1) != 1 || read(done[0], &c, 1) != 1)
			_exit(98);
		/* The map is empty now: this token keeps DOM_USER. */
		if (!rc && !own_sid_is(WT_TOKEN_INFO_USER, DOM_USER))
			rc = 11;
		/* New ids, new derivation: S-1-22. */
		if (!rc && (seteuid(0) || seteuid(WT_UID_ALICE)))
			rc = 12;
		if (!rc && !own_sid_is(WT_TOKEN_INFO_USER, WT_SID_ALICE))
			rc = 13;
		_exit(rc);
	}
	ASSERT_EQ(1, read(go[0], &c, 1));
	ASSERT_EQ(0, set_idmap(&self->nl, domain_map, 0));
	ASSERT_EQ(1, write(done[1], &c, 1));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	close(go[0]);
	close(go[1]);
	close(done[0]);
	close(done[1]);
}

/*
 * Impersonating alice's derived token gives her uid back through the
 * map: SID -> id -> SID agree.
 */
TEST_F(nl, idmap_round_trip)
{
	struct imp_ids r;
	int dev, pipefd[2], tokfd, status;
	pid_t pid;

	ASSERT_EQ(0, set_idmap(&self->nl, domain_map, 4));
	dev = open("/dev/wintok", O_RDWR);
	ASSERT_LE(0, dev);
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, pipefd));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int own, dup;

		wt_become_user(WT_UID_ALICE, WT_GID_USERS);
		own = wt_open_process_token(dev, WT_TOKEN_DUPLICATE | WT_TOKEN_QUERY, NULL);
		if (own < 0)
			_exit(10);
		dup = wt_duplicate_token(own, WT_TOKEN_IMPERSONATE | WT_TOKEN_QUERY,
					 WT_TOKEN_IMPERSONATION,
					 WT_SECURITY_IMPERSONATION, NULL);
		if (dup < 0 || wt_send_fd(pipefd[1], dup))
			_exit(11);
		_exit(0);
	}
	tokfd = wt_recv_fd(pipefd[0]);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_EQ(0, WEXITSTATUS(status));
	ASSERT_LE(0, tokfd);
	r = impersonate_ids(dev, tokfd);
	EXPECT_EQ(0, r.err);
	EXPECT_EQ(WT_UID_ALICE, r.euid);
	EXPECT_EQ(WT_GID_USERS, r.egid);
	close(tokfd);
	close(pipefd[0]);
	close(pipefd[1]);
	close(dev);
}

/* ---- the size bound: WT_IDMAP_MAX_ENTRIES (4096) ---- */

/*
 * Set @n entries of the longest SIDs (15 sub-authorities):
 * S-1-5-21-1-...-12-i, a uid (200000 + i) for even i, a gid for odd i;
 * entry @dup_sid (if >= 0) repeats entry 1's SID and kind, entry @dup_id
 * repeats entry 1's id and kind. -errno or 0.
 */
static int set_big_idmap(struct wtnl *nl, int n, int dup_sid, int dup_id,
			 uint32_t alice_at)
{
	static char buf[WTNL_IDMAP_MSG_SIZE + 8192];
	struct nlmsghdr *nlh = wtnl_msg(nl, buf, WT_CMD_SET_IDMAP);
	struct nlattr *list = NULL;
	uint8_t sid[WT_SID_MAX_BYTES + 8];
	char text[128];

	for (int i = 0; i < n; i++) {
		int s = i == dup_sid ? 1 : i, d = i == dup_id ? 1 : i;
		uint32_t kind = s & 1 ? WT_IDMAP_GID : WT_IDMAP_UID;
		uint32_t id = 200000 + d;
		size_t len;

		if (i == dup_id)
			kind = WT_IDMAP_GID;
		if ((uint32_t)i == alice_at) {
			snprintf(text, sizeof(text), "%s", DOM_USER);
			kind = WT_IDMAP_UID;
			id = WT_UID_ALICE;
		} else {
			snprintf(text, sizeof(text),
				 "S-1-5-21-1-2-3-4-5-6-7-8-9-10-11-12-%d", s);
		}
		len = wt_sid_bytes(text, sid);
		wtnl_idmap_put(nlh, &list, sid, len, kind, id);
	}
	wtnl_idmap_end(nlh, list);
	return wtnl_call(nl, nlh, NULL, NULL) ? -errno : 0;
}

/* One part of a dump of the map: counts entries and parts in @data. */
struct dump_count {
	int entries, parts;
};

static int idmap_dump_cb(const struct nlmsghdr *nlh, void *data)
{
	struct dump_count *c = data;
	const struct nlattr *l, *a;

	c->parts++;
	mnl_attr_for_each(l, nlh, sizeof(struct genlmsghdr))
		if (mnl_attr_get_type(l) == WT_A_IDMAP)
			mnl_attr_for_each_nested(a, l)
				c->entries++;
	return MNL_CB_OK;
}

static int dump_idmap(struct wtnl *nl, struct dump_count *c)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];

	*c = (struct dump_count){ 0 };
	return wtnl_call(nl, wtnl_dump_msg(nl, buf, WT_CMD_GET_IDMAP), idmap_dump_cb, c) ?
	       -errno : 0;
}

TEST_F(nl, idmap_size_bound)
{
	struct dump_count c;

	ASSERT_EQ(4096, WT_IDMAP_MAX_ENTRIES);
	/* A full map of the longest SIDs, alice's entry in the middle. */
	ASSERT_EQ(0, set_big_idmap(&self->nl, 4096, -1, -1, 2049)) {
		TH_LOG("%s", self->nl.errmsg);
	}
	/* Dumped in parts; not one reply (an attribute is at most 64 KiB). */
	ASSERT_EQ(0, dump_idmap(&self->nl, &c));
	EXPECT_EQ(4096, c.entries);
	EXPECT_LT(1, c.parts);
	EXPECT_EQ(-EMSGSIZE, call_u32(&self->nl, WT_CMD_GET_IDMAP, 0, 0, NULL, NULL));
	/* One more: E2BIG; a repeat far from its twin: EINVAL; the map stays. */
	EXPECT_EQ(-E2BIG, set_big_idmap(&self->nl, 4097, -1, -1, 2049));
	EXPECT_NE(0, strlen(self->nl.errmsg));
	EXPECT_EQ(-EINVAL, set_big_idmap(&self->nl, 4000, 3999, -1, 2049));
	EXPECT_NE(0, strlen(self->nl.errmsg));
	EXPECT_EQ(-EINVAL, set_big_idmap(&self->nl, 4000, -1, 3997, 2049));
	ASSERT_EQ(0, dump_idmap(&self->nl, &c));
	EXPECT_EQ(4096, c.entries);
	/* A small map: one reply, and a dump of the same. */
	ASSERT_EQ(0, set_big_idmap(&self->nl, 300, -1, -1, 2049));
	ASSERT_EQ(0, dump_idmap(&self->nl, &c));
	EXPECT_EQ(300, c.entries);
	ASSERT_EQ(0, set_big_idmap(&self->nl, 4096, -1, -1, 2049));
	/* Derivation finds alice among them. */
	EXPECT_EQ(0, wt_as_user(WT_UID_ALICE, WT_GID_USERS,
				own_sid_is(WT_TOKEN_INFO_USER, DOM_USER) ? 0 : 1));
	EXPECT_EQ(0, wt_as_user(WT_UID_BOB, WT_GID_USERS,
				own_sid_is(WT_TOKEN_INFO_USER, WT_SID_BOB) ? 0 : 1));
	ASSERT_EQ(0, set_idmap(&self->nl, domain_map, 0));
}

/*
 * One SID may be both a uid and a gid (winbind's ID_TYPE_BOTH): the
 * kinds are separate. A derivation that would exceed the token's 1024
 * groups (every supplementary gid mapped adds its S-1-22 SID too) fails
 * E2BIG rather than drop a group.
 */
TEST_F(nl, idmap_derive_limits)
{
	const struct idmap_fault both[2] = {
		MAP(DOM_USER, WT_IDMAP_UID, WT_UID_ALICE),
		MAP(DOM_USER, WT_IDMAP_GID, WT_UID_ALICE),
	};
	static struct idmap_fault many[600];
	static char sids[600][48];
	static gid_t gids[600];
	pid_t pid;

	EXPECT_EQ(0, set_idmap(&self->nl, both, 2));
	EXPECT_EQ(0, wt_as_user(WT_UID_ALICE, WT_UID_ALICE,
				own_sid_is(WT_TOKEN_INFO_USER, DOM_USER) &&
				own_sid_is(WT_TOKEN_INFO_PRIMARY_GROUP, DOM_USER) ? 0 : 1));
	for (int i = 0; i < 600; i++) {
		snprintf(sids[i], sizeof(sids[i]), "S-1-5-21-7-8-9-%d", 30000 + i);
		many[i] = (struct idmap_fault)MAP(sids[i], WT_IDMAP_GID, 30000 + i);
		gids[i] = 30000 + i;
	}
	ASSERT_EQ(0, set_idmap(&self->nl, many, 600));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int fd;

		/* 600 mapped groups: 1200 group SIDs, over 1024. */
		if (setgroups(600, gids))
			_exit(99);
		fd = wt_open_process_token(-1, WT_TOKEN_QUERY, NULL);
		_exit(fd < 0 && errno == E2BIG ? 0 : 1);
	}
	EXPECT_EQ(0, wt_reap(pid));
	/* 400 of them: 800 fit. */
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		if (setgroups(400, gids))
			_exit(99);
		_exit(own_group("S-1-5-21-7-8-9-30399") == 1 &&
		      own_group("S-1-22-2-30399") == 1 ? 0 : 1);
	}
	EXPECT_EQ(0, wt_reap(pid));
	ASSERT_EQ(0, set_idmap(&self->nl, domain_map, 0));
}

TEST_HARNESS_MAIN
