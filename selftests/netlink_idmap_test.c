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

TEST_HARNESS_MAIN
