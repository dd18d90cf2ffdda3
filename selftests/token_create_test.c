// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests: NtCreateToken: contents, privilege, errors, garbage
 * descriptions and the ABI 6 structure sizes. Runs as root in the VM; drops
 * to alice, bob, wtsvc in forked children.
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
	EXPECT_EQ(3, wt_priv_attrs(fd, WT_SE_CHANGE_NOTIFY_PRIVILEGE));
	EXPECT_EQ(0, wt_priv_attrs(fd, WT_SE_BACKUP_PRIVILEGE));
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
	ASSERT_EQ(0, wt_priv_attrs(self->tok, WT_SE_CREATE_TOKEN_PRIVILEGE));
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
	EXPECT_EQ(0, wt_reap(pid));
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

/* ---- ABI 6: garbage in ---- */

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
	EXPECT_GE(tokens_before, wt_settle_param("live_tokens", tokens_before));
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

TEST_HARNESS_MAIN
