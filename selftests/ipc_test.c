// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests: security descriptors on SysV IPC objects (message
 * queues, semaphore sets, shared memory) and their enforcement, for the
 * primary token and for an impersonating thread; WT_IOC_GET/SET_IPC_SECURITY
 * and every errno they document. Runs as root in the VM; the objects are
 * made by alice (mode 0666, so Linux allows everything and what is denied
 * is wintok's decision) and used by alice, bob and mallory in children.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/wintok.h>

#include "kselftest_harness.h"
#include "libwintok.h"
#include "wt_test.h"
#include "wt_sd_build.h"

/* ---- the ioctls ---- */

/* 0 or the errno of @cmd with @a on /dev/wintok. */
static int ipc_ioctl(unsigned long cmd, struct wt_ipc_security *a)
{
	int dev = open("/dev/wintok", O_RDWR | O_CLOEXEC);
	int err = 0;

	if (dev < 0)
		return errno;
	if (ioctl(dev, cmd, a))
		err = errno;
	close(dev);
	return err;
}

static int get_sec(int type, int id, uint32_t sel, void *buf, uint32_t *len)
{
	struct wt_ipc_security a = {
		.size = sizeof(a), .type = type, .id = id, .selectors = sel,
		.length = *len, .buffer = (uintptr_t)buf,
	};
	int err = ipc_ioctl(WT_IOC_GET_IPC_SECURITY, &a);

	*len = a.length;
	return err;
}

static int set_sec(int type, int id, uint32_t sel, const void *sd, size_t len)
{
	struct wt_ipc_security a = {
		.size = sizeof(a), .type = type, .id = id, .selectors = sel,
		.length = len, .buffer = (uintptr_t)sd,
	};

	return ipc_ioctl(WT_IOC_SET_IPC_SECURITY, &a);
}

static int set_dacl(int type, int id, const struct wt_rule *r, int n)
{
	uint8_t sd[512];

	return set_sec(type, id, WT_DACL_SECURITY_INFORMATION, sd,
		       wt_build_sd(sd, NULL, r, n, 0));
}

/* ---- the objects and what can be done with them ---- */

enum op { OP_READ, OP_WRITE, OP_STAT, OP_SET, OP_RMID };

struct msgbuf1 {
	long mtype;
	char mtext[8];
};

static int create_obj(int type)
{
	switch (type) {
	case WT_IPC_TYPE_MSG_QUEUE:
		return msgget(IPC_PRIVATE, IPC_CREAT | 0666);
	case WT_IPC_TYPE_SEMAPHORE:
		return semget(IPC_PRIVATE, 1, IPC_CREAT | 0666);
	default:
		return shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0666);
	}
}

/* 0 or the errno of @op on object @id of @type by the calling process. */
static int do_op(int type, int id, enum op op)
{
	struct msgbuf1 m = { .mtype = 1 };
	struct sembuf sb = { .sem_num = 0, .sem_op = 1, .sem_flg = IPC_NOWAIT };
	struct msqid_ds mds = { 0 };
	struct semid_ds sds = { 0 };
	struct shmid_ds hds = { 0 };
	union { int val; struct semid_ds *buf; } arg;
	void *p;
	int r = 0;

	switch (type * 8 + op) {
	case WT_IPC_TYPE_MSG_QUEUE * 8 + OP_READ:
		r = msgrcv(id, &m, sizeof(m.mtext), 0, IPC_NOWAIT);
		if (r < 0 && errno == ENOMSG)
			r = 0;
		break;
	case WT_IPC_TYPE_MSG_QUEUE * 8 + OP_WRITE:
		r = msgsnd(id, &m, sizeof(m.mtext), IPC_NOWAIT);
		break;
	case WT_IPC_TYPE_MSG_QUEUE * 8 + OP_STAT:
		r = msgctl(id, IPC_STAT, &mds);
		break;
	case WT_IPC_TYPE_MSG_QUEUE * 8 + OP_SET:
		mds.msg_perm.uid = WT_UID_ALICE;
		mds.msg_perm.gid = WT_GID_USERS;
		mds.msg_perm.mode = 0666;
		mds.msg_qbytes = 1024;
		r = msgctl(id, IPC_SET, &mds);
		break;
	case WT_IPC_TYPE_MSG_QUEUE * 8 + OP_RMID:
		r = msgctl(id, IPC_RMID, NULL);
		break;
	case WT_IPC_TYPE_SEMAPHORE * 8 + OP_READ:
		r = semctl(id, 0, GETVAL);
		break;
	case WT_IPC_TYPE_SEMAPHORE * 8 + OP_WRITE:
		r = semop(id, &sb, 1);
		break;
	case WT_IPC_TYPE_SEMAPHORE * 8 + OP_STAT:
		arg.buf = &sds;
		r = semctl(id, 0, IPC_STAT, arg);
		break;
	case WT_IPC_TYPE_SEMAPHORE * 8 + OP_SET:
		sds.sem_perm.uid = WT_UID_ALICE;
		sds.sem_perm.gid = WT_GID_USERS;
		sds.sem_perm.mode = 0666;
		arg.buf = &sds;
		r = semctl(id, 0, IPC_SET, arg);
		break;
	case WT_IPC_TYPE_SEMAPHORE * 8 + OP_RMID:
		r = semctl(id, 0, IPC_RMID);
		break;
	case WT_IPC_TYPE_SHM * 8 + OP_READ:
	case WT_IPC_TYPE_SHM * 8 + OP_WRITE:
		p = shmat(id, NULL, op == OP_READ ? SHM_RDONLY : 0);
		if (p == (void *)-1)
			return errno;
		shmdt(p);
		return 0;
	case WT_IPC_TYPE_SHM * 8 + OP_STAT:
		r = shmctl(id, IPC_STAT, &hds);
		break;
	case WT_IPC_TYPE_SHM * 8 + OP_SET:
		hds.shm_perm.uid = WT_UID_ALICE;
		hds.shm_perm.gid = WT_GID_USERS;
		hds.shm_perm.mode = 0666;
		r = shmctl(id, IPC_SET, &hds);
		break;
	case WT_IPC_TYPE_SHM * 8 + OP_RMID:
		r = shmctl(id, IPC_RMID, NULL);
		break;
	default:
		return 250;	/* no such operation: a bug in the test */
	}
	return r < 0 ? errno : 0;
}

static void become(uid_t uid)
{
	wt_become_user(uid, WT_GID_USERS);
}

/* 0 or the errno of @op done by @uid. */
static int op_as(uid_t uid, int type, int id, enum op op)
{
	return wt_as_user(uid, WT_GID_USERS, do_op(type, id, op));
}

/* The errno of setting a DACL of @n rules, done by @uid. */
static int set_dacl_as(uid_t uid, int type, int id, const struct wt_rule *r, int n)
{
	return wt_as_user(uid, WT_GID_USERS, set_dacl(type, id, r, n));
}

/* 0 or the errno of reading the parts @sel of the SD (thrown away). */
static int get_sec_errno(int type, int id, uint32_t sel)
{
	uint8_t buf[512];
	uint32_t len = sizeof(buf);

	return get_sec(type, id, sel, buf, &len);
}

static int get_as(uid_t uid, int type, int id, uint32_t sel)
{
	return wt_as_user(uid, WT_GID_USERS, get_sec_errno(type, id, sel));
}

/* Id of a new object of @type made by @uid, or -1. */
static int create_as(uid_t uid, int type)
{
	int p[2], id = -1;
	pid_t pid;

	if (pipe(p))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		become(uid);
		id = create_obj(type);
		if (write(p[1], &id, sizeof(id)) != sizeof(id))
			_exit(1);
		_exit(0);
	}
	close(p[1]);
	if (read(p[0], &id, sizeof(id)) != sizeof(id))
		id = -1;
	close(p[0]);
	wt_reap(pid);
	return id;
}

/* The child's /dev/wintok, opened before it impersonates. */
static int child_dev = -1;

static int bob_impersonates_alice(void)
{
	return wt_bob_impersonates_alice(&child_dev);
}

/* Revert on the descriptor opened before impersonating. */
static int revert(void)
{
	return ioctl(child_dev, WT_IOC_REVERT_TO_SELF, 0);
}

/* ---- the tests, once per kind of object ---- */

FIXTURE(ipc) {
	int id;
};

FIXTURE_VARIANT(ipc) {
	int type;
};

FIXTURE_VARIANT_ADD(ipc, msg_queue) {
	.type = WT_IPC_TYPE_MSG_QUEUE,
};

FIXTURE_VARIANT_ADD(ipc, semaphore) {
	.type = WT_IPC_TYPE_SEMAPHORE,
};

FIXTURE_VARIANT_ADD(ipc, shm) {
	.type = WT_IPC_TYPE_SHM,
};

FIXTURE_SETUP(ipc)
{
	self->id = create_as(WT_UID_ALICE, variant->type);
	ASSERT_LE(0, self->id);
}

FIXTURE_TEARDOWN(ipc)
{
	static const struct wt_rule all[] = { { 0, 0, WT_IPC_ALL_ACCESS, WT_SID_ALICE } };

	/* The owner may always rewrite the DACL, then remove the object. */
	set_dacl_as(WT_UID_ALICE, variant->type, self->id, all, 1);
	op_as(WT_UID_ALICE, variant->type, self->id, OP_RMID);
}

/*
 * In a child as alice: 0 when the SD is owned by alice and has a DACL,
 * else a bit per failed check or the errno + 100 of the get.
 */
static int check_creator_sd(int type, int id)
{
	uint8_t buf[512], alice[16];
	uint32_t len = sizeof(buf), owner_off;
	int err;

	become(WT_UID_ALICE);
	err = get_sec(type, id, WT_OWNER_SECURITY_INFORMATION |
		      WT_DACL_SECURITY_INFORMATION, buf, &len);
	if (err)
		return 100 + err;
	if (len < 20)
		return 1;
	owner_off = buf[4] | buf[5] << 8 | buf[6] << 16 | (uint32_t)buf[7] << 24;
	if (!owner_off || owner_off + 16 > len)
		return 2;
	wt_sid_bytes(WT_SID_ALICE, alice);
	if (memcmp(buf + owner_off, alice, sizeof(alice)))
		return 4;
	if (!((buf[2] | buf[3] << 8) & WT_SE_DACL_PRESENT))
		return 8;
	return 0;
}

TEST_F(ipc, creator_token_makes_the_sd)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(check_creator_sd(variant->type, self->id));
	EXPECT_EQ(0, wt_reap(pid));
	/* root is neither the owner nor in alice's default DACL */
	EXPECT_EQ(EACCES, get_as(0, variant->type, self->id,
				 WT_DACL_SECURITY_INFORMATION));
}

TEST_F(ipc, default_dacl_owner_allowed_others_denied)
{
	EXPECT_EQ(0, op_as(WT_UID_ALICE, variant->type, self->id, OP_WRITE));
	EXPECT_EQ(0, op_as(WT_UID_ALICE, variant->type, self->id, OP_READ));
	EXPECT_EQ(0, op_as(WT_UID_ALICE, variant->type, self->id, OP_STAT));
	EXPECT_EQ(EACCES, op_as(WT_UID_BOB, variant->type, self->id, OP_READ));
	EXPECT_EQ(EACCES, op_as(WT_UID_BOB, variant->type, self->id, OP_WRITE));
	EXPECT_EQ(EACCES, op_as(WT_UID_BOB, variant->type, self->id, OP_STAT));
	EXPECT_EQ(EACCES, get_as(WT_UID_BOB, variant->type, self->id,
				 WT_DACL_SECURITY_INFORMATION));
}

TEST_F(ipc, read_and_write_are_separate_rights)
{
	const struct wt_rule r[] = {
		{ 0, 0, WT_IPC_ALL_ACCESS, WT_SID_ALICE },
		{ 0, 0, WT_IPC_READ, WT_SID_BOB },
		{ 0, 0, WT_IPC_WRITE, WT_SID_MALLORY },
	};

	ASSERT_EQ(0, set_dacl_as(WT_UID_ALICE, variant->type, self->id, r, 3));
	EXPECT_EQ(0, op_as(WT_UID_BOB, variant->type, self->id, OP_READ));
	EXPECT_EQ(EACCES, op_as(WT_UID_BOB, variant->type, self->id, OP_WRITE));
	if (variant->type != WT_IPC_TYPE_SHM) {
		/* shmat without SHM_RDONLY maps for reading too */
		EXPECT_EQ(0, op_as(WT_UID_MALLORY, variant->type, self->id,
				   OP_WRITE));
	} else {
		EXPECT_EQ(EACCES, op_as(WT_UID_MALLORY, variant->type,
					self->id, OP_WRITE));
	}
	EXPECT_EQ(EACCES, op_as(WT_UID_MALLORY, variant->type, self->id,
				OP_READ));
	EXPECT_EQ(EACCES, op_as(WT_UID_BOB, variant->type, self->id, OP_STAT));
}

TEST_F(ipc, deny_before_allow_and_everyone)
{
	const struct wt_rule r[] = {
		{ 0, 0, WT_IPC_ALL_ACCESS, WT_SID_ALICE },
		{ 1, 0, WT_IPC_READ, WT_SID_BOB },
		{ 0, 0, WT_IPC_GENERIC_READ | WT_IPC_GENERIC_WRITE, WT_SID_EVERYONE },
	};

	ASSERT_EQ(0, set_dacl_as(WT_UID_ALICE, variant->type, self->id, r, 3));
	EXPECT_EQ(EACCES, op_as(WT_UID_BOB, variant->type, self->id, OP_READ));
	EXPECT_EQ(0, op_as(WT_UID_MALLORY, variant->type, self->id, OP_READ));
	EXPECT_EQ(0, op_as(WT_UID_MALLORY, variant->type, self->id, OP_STAT));
	/* GENERIC_READ maps to QUERY_ATTRIBUTES as well */
	EXPECT_EQ(0, get_as(WT_UID_MALLORY, variant->type, self->id,
			    WT_DACL_SECURITY_INFORMATION));
}

TEST_F(ipc, control_commands_need_their_rights)
{
	const struct wt_rule rw[] = {
		{ 0, 0, WT_IPC_READ | WT_IPC_WRITE, WT_SID_ALICE },
	};
	const struct wt_rule all[] = {
		{ 0, 0, WT_IPC_ALL_ACCESS, WT_SID_ALICE },
	};

	ASSERT_EQ(0, set_dacl_as(WT_UID_ALICE, variant->type, self->id, rw, 1));
	EXPECT_EQ(0, op_as(WT_UID_ALICE, variant->type, self->id, OP_READ));
	EXPECT_EQ(EACCES, op_as(WT_UID_ALICE, variant->type, self->id, OP_STAT));
	EXPECT_EQ(EACCES, op_as(WT_UID_ALICE, variant->type, self->id, OP_SET));
	EXPECT_EQ(EACCES, op_as(WT_UID_ALICE, variant->type, self->id, OP_RMID));
	/* the owner keeps WRITE_DAC: she can give herself the rights back */
	ASSERT_EQ(0, set_dacl_as(WT_UID_ALICE, variant->type, self->id, all, 1));
	EXPECT_EQ(0, op_as(WT_UID_ALICE, variant->type, self->id, OP_STAT));
	EXPECT_EQ(0, op_as(WT_UID_ALICE, variant->type, self->id, OP_SET));
}

TEST_F(ipc, changes_take_effect_at_once)
{
	const struct wt_rule open_all[] = {
		{ 0, 0, WT_IPC_ALL_ACCESS, WT_SID_EVERYONE },
	};

	EXPECT_EQ(EACCES, op_as(WT_UID_BOB, variant->type, self->id, OP_READ));
	ASSERT_EQ(0, set_dacl_as(WT_UID_ALICE, variant->type, self->id,
				 open_all, 1));
	EXPECT_EQ(0, op_as(WT_UID_BOB, variant->type, self->id, OP_READ));
	/* an empty DACL grants nothing, a NULL DACL everything */
	ASSERT_EQ(0, set_dacl_as(WT_UID_ALICE, variant->type, self->id, NULL, 0));
	EXPECT_EQ(EACCES, op_as(WT_UID_BOB, variant->type, self->id, OP_READ));
	ASSERT_EQ(0, set_dacl_as(WT_UID_ALICE, variant->type, self->id, NULL, -1));
	EXPECT_EQ(0, op_as(WT_UID_BOB, variant->type, self->id, OP_READ));
}

/*
 * In a child as bob, whose DACL rights come from @all: one process, so
 * one token, whose grants the module may remember per SD. A new DACL is a
 * new SD: what was granted before must not be granted from memory after.
 * 0, or a bit per wrong outcome.
 */
static int check_same_token_sees_changes(int type, int id)
{
	const struct wt_rule all[] = { { 0, 0, WT_IPC_ALL_ACCESS, WT_SID_BOB } };
	const struct wt_rule no_read[] = {
		{ 1, 0, WT_IPC_READ, WT_SID_BOB },
		{ 0, 0, WT_IPC_ALL_ACCESS, WT_SID_BOB },
	};
	int fails = 0, i;

	become(WT_UID_BOB);
	for (i = 0; i < 3; i++)
		if (do_op(type, id, OP_READ))
			fails |= 1;
	if (set_dacl(type, id, no_read, 2))
		fails |= 2;
	if (do_op(type, id, OP_READ) != EACCES)
		fails |= 4;
	if (type != WT_IPC_TYPE_SHM && do_op(type, id, OP_WRITE))
		fails |= 8;
	if (set_dacl(type, id, all, 1))
		fails |= 16;
	if (do_op(type, id, OP_READ))
		fails |= 32;
	return fails;
}

TEST_F(ipc, same_token_sees_sd_changes)
{
	const struct wt_rule r[] = {
		{ 0, 0, WT_IPC_ALL_ACCESS, WT_SID_ALICE },
		{ 0, 0, WT_IPC_ALL_ACCESS, WT_SID_BOB },
	};
	pid_t pid;

	ASSERT_EQ(0, set_dacl_as(WT_UID_ALICE, variant->type, self->id, r, 2));
	pid = fork();
	if (pid == 0)
		_exit(check_same_token_sees_changes(variant->type, self->id));
	EXPECT_EQ(0, wt_reap(pid));
}

TEST_F(ipc, dacl_needs_write_dac)
{
	const struct wt_rule r[] = { { 0, 0, WT_IPC_ALL_ACCESS, WT_SID_EVERYONE } };

	EXPECT_EQ(EACCES, set_dacl_as(WT_UID_BOB, variant->type, self->id, r, 1));
	EXPECT_EQ(EACCES, op_as(WT_UID_BOB, variant->type, self->id, OP_READ));
}

TEST_F(ipc, impersonating_thread_uses_the_client_token)
{
	pid_t pid;

	ASSERT_EQ(0, wt_set_privilege_policy("uid:1002:SeImpersonatePrivilege"));
	pid = fork();
	if (pid == 0) {
		int fails = 0;

		if (bob_impersonates_alice() != WT_SECURITY_IMPERSONATION)
			_exit(100);
		if (do_op(variant->type, self->id, OP_WRITE))
			fails |= 1;
		if (do_op(variant->type, self->id, OP_READ))
			fails |= 2;
		if (revert())
			fails |= 4;
		if (do_op(variant->type, self->id, OP_READ) != EACCES)
			fails |= 8;
		_exit(fails);
	}
	EXPECT_EQ(0, wt_reap(pid));
	ASSERT_EQ(0, wt_set_privilege_policy(""));
}

TEST_F(ipc, identification_level_may_not_use_or_create)
{
	pid_t pid;

	ASSERT_EQ(0, wt_set_privilege_policy(""));
	pid = fork();
	if (pid == 0) {
		int fails = 0, level;

		/* without SeImpersonatePrivilege: capped at Identification */
		level = bob_impersonates_alice();
		if (level != WT_SECURITY_IDENTIFICATION)
			_exit(100 + level);
		/* ipcperms() turns every refusal into EACCES */
		if (do_op(variant->type, self->id, OP_READ) != EACCES)
			fails |= 1;
		/* creation passes the hook's errno on */
		if (create_obj(variant->type) >= 0 || errno != WT_EBADIMPLEVEL)
			fails |= 2;
		if (revert())
			fails |= 4;
		if (do_op(variant->type, self->id, OP_READ) != EACCES)
			fails |= 8;
		_exit(fails);
	}
	EXPECT_EQ(0, wt_reap(pid));
}

TEST_F(ipc, owner_rules)
{
	uint8_t sd[64];
	size_t len;
	pid_t pid;

	/* alice may not give the object to bob (no SeRestorePrivilege) */
	len = wt_build_sd(sd, WT_SID_BOB, NULL, -1, 0);
	pid = fork();
	if (pid == 0) {
		become(WT_UID_ALICE);
		_exit(set_sec(variant->type, self->id,
			      WT_OWNER_SECURITY_INFORMATION, sd, len));
	}
	EXPECT_EQ(EPERM, wt_reap(pid));
	/* but may name herself */
	len = wt_build_sd(sd, WT_SID_ALICE, NULL, -1, 0);
	pid = fork();
	if (pid == 0) {
		become(WT_UID_ALICE);
		_exit(set_sec(variant->type, self->id,
			      WT_OWNER_SECURITY_INFORMATION, sd, len));
	}
	EXPECT_EQ(0, wt_reap(pid));
	/* the SACL needs SeSecurityPrivilege */
	EXPECT_EQ(EPERM, get_as(WT_UID_ALICE, variant->type, self->id,
				WT_SACL_SECURITY_INFORMATION));
}

/*
 * ipc_sd_objects once it has not changed for 100 ms: objects removed
 * earlier lose their SD in an RCU callback, a little later.
 */
static long settled_count(void)
{
	long prev = wt_read_param("ipc_sd_objects"), cur = prev;
	int i;

	for (i = 0; i < 50; i++) {
		usleep(100000);
		cur = wt_read_param("ipc_sd_objects");
		if (cur == prev)
			break;
		prev = cur;
	}
	return cur;
}

TEST_F(ipc, sd_goes_with_the_object)
{
	long before = settled_count();
	int id = create_as(WT_UID_ALICE, variant->type);
	long during = wt_read_param("ipc_sd_objects");
	long after = -1;
	int i;

	ASSERT_LE(0, before);
	ASSERT_LE(0, id);
	EXPECT_EQ(before + 1, during);
	ASSERT_EQ(0, op_as(WT_UID_ALICE, variant->type, id, OP_RMID));
	/* the free hook runs from an RCU callback: give it time */
	for (i = 0; i < 100; i++) {
		after = wt_read_param("ipc_sd_objects");
		if (after == before)
			break;
		usleep(20000);
	}
	EXPECT_EQ(before, after);
	/* the id is gone for the ioctls as well */
	EXPECT_EQ(EINVAL, get_as(WT_UID_ALICE, variant->type, id,
				 WT_DACL_SECURITY_INFORMATION));
}

/* ---- argument errors, once ---- */

/* ---- a message handed straight to a waiting receiver ---- */

/*
 * Is @pid asleep in msgrcv(2)? Its /proc syscall file names the system
 * call it is in; asleep there means it waits on the queue's receivers.
 */
static int in_msgrcv(pid_t pid)
{
	char path[64], buf[128], state = 0;
	FILE *f;
	long nr;
	int ok;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	f = fopen(path, "r");
	if (!f)
		return 0;
	ok = fscanf(f, "%*d (%*[^)]) %c", &state) == 1 && state == 'S';
	fclose(f);
	snprintf(path, sizeof(path), "/proc/%d/syscall", pid);
	f = fopen(path, "r");
	if (!f)
		return 0;
	/* "<nr> <args...>" while in a system call, "running" or "-1" else */
	if (ok && fgets(buf, sizeof(buf), f)) {
		char *end;

		nr = strtol(buf, &end, 10);
		ok = end != buf && *end == ' ' && nr == SYS_msgrcv;
	} else {
		ok = 0;
	}
	fclose(f);
	return ok;
}

/* Wait up to 10 s for @pid to sleep in msgrcv(2); 0 or -1. */
static int wait_in_msgrcv(pid_t pid)
{
	int i;

	for (i = 0; i < 1000; i++) {
		if (in_msgrcv(pid))
			return 0;
		usleep(10000);
	}
	return -1;
}

/*
 * Exit status of @pid within @ms milliseconds, or -1 when it is still
 * running then (it is left running).
 */
static int reap_within(pid_t pid, int ms)
{
	int status, i;

	for (i = 0; i < ms / 10; i++) {
		pid_t r = waitpid(pid, &status, WNOHANG);

		if (r == pid)
			return WIFEXITED(status) ? WEXITSTATUS(status) : 255;
		if (r < 0)
			return 254;
		usleep(10000);
	}
	return -1;
}

/*
 * The receiver: bob impersonating alice (Impersonation level), waiting in
 * msgrcv() on @id. Exits 0 when it got the message "hand", else non-zero.
 */
static pid_t start_receiver(int id)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct msgbuf1 m = { 0 };
		ssize_t n;

		if (bob_impersonates_alice() != WT_SECURITY_IMPERSONATION)
			_exit(100);
		n = msgrcv(id, &m, sizeof(m.mtext), 0, 0);
		if (n < 0)
			_exit(errno);
		_exit(n == 5 && !memcmp(m.mtext, "hand", 5) ? 0 : 101);
	}
	return pid;
}

/* 0 or the errno of sending "hand" on @id without waiting. */
static int send_hand(int id)
{
	struct msgbuf1 m = { .mtype = 1, .mtext = "hand" };

	return msgsnd(id, &m, 5, IPC_NOWAIT) ? errno : 0;
}

/* 0 or the errno of taking a message from @id without waiting. */
static int take_one(int id)
{
	struct msgbuf1 m = { 0 };

	return msgrcv(id, &m, sizeof(m.mtext), 0, IPC_NOWAIT) < 0 ? errno : 0;
}

/* 0 or the errno of mallory sending "hand" on @id without waiting. */
static int mallory_sends(int id)
{
	return wt_as_user(WT_UID_MALLORY, WT_GID_USERS, send_hand(id));
}

/* 0 when @uid takes a message from @id without waiting, else the errno. */
static int takes_as(uid_t uid, int id)
{
	return wt_as_user(uid, WT_GID_USERS, take_one(id));
}

FIXTURE(handover) {
	int id;
};

FIXTURE_SETUP(handover)
{
	static const struct wt_rule open_to_all[] = {
		{ 0, 0, WT_IPC_READ | WT_IPC_WRITE, WT_SID_EVERYONE },
	};

	ASSERT_EQ(0, wt_set_privilege_policy("uid:1002:SeImpersonatePrivilege"));
	self->id = create_as(WT_UID_ALICE, WT_IPC_TYPE_MSG_QUEUE);
	ASSERT_LE(0, self->id);
	ASSERT_EQ(0, set_dacl_as(WT_UID_ALICE, WT_IPC_TYPE_MSG_QUEUE, self->id,
				 open_to_all, 1));
}

FIXTURE_TEARDOWN(handover)
{
	static const struct wt_rule all[] = { { 0, 0, WT_IPC_ALL_ACCESS, WT_SID_ALICE } };

	set_dacl_as(WT_UID_ALICE, WT_IPC_TYPE_MSG_QUEUE, self->id, all, 1);
	op_as(WT_UID_ALICE, WT_IPC_TYPE_MSG_QUEUE, self->id, OP_RMID);
	wt_set_privilege_policy("");
}

/*
 * A receiver already waiting in msgrcv() when the message is sent is
 * handed it by the sender (ipc/msg.c pipelined_send()), whose thread asks
 * security_msg_queue_msgrcv() on the receiver's behalf: the receiver's
 * effective token decides. Here the queue's DACL changes while it waits
 * so that its token (alice, impersonated) may not receive, while the
 * sender (mallory) and the receiver's own primary token (bob) may: the
 * message is not handed over, stays queued, and the receiver goes on
 * waiting.
 */
TEST_F(handover, waiting_receiver_denied_is_not_handed_the_message)
{
	const struct wt_rule not_alice[] = {
		{ 0, 0, WT_IPC_READ | WT_IPC_WRITE, WT_SID_BOB },
		{ 0, 0, WT_IPC_READ | WT_IPC_WRITE, WT_SID_MALLORY },
	};
	pid_t rcv = start_receiver(self->id);

	ASSERT_LT(0, rcv);
	ASSERT_EQ(0, wait_in_msgrcv(rcv));
	ASSERT_EQ(0, set_dacl_as(WT_UID_ALICE, WT_IPC_TYPE_MSG_QUEUE, self->id,
				 not_alice, 2));
	EXPECT_EQ(0, mallory_sends(self->id));
	/* not handed over: the receiver still waits */
	EXPECT_EQ(-1, reap_within(rcv, 500));
	EXPECT_EQ(1, in_msgrcv(rcv));
	/* the message was queued instead */
	EXPECT_EQ(0, takes_as(WT_UID_MALLORY, self->id));
	EXPECT_EQ(ENOMSG, takes_as(WT_UID_MALLORY, self->id));
	kill(rcv, SIGKILL);
	EXPECT_EQ(255, wt_reap(rcv));
}

/*
 * The reverse: the receiver's token (alice) may receive, the sender
 * (mallory) may only send and the receiver's primary token (bob) nothing:
 * the waiting receiver is handed the message.
 */
TEST_F(handover, waiting_receiver_allowed_is_handed_the_message)
{
	const struct wt_rule alice_reads[] = {
		{ 0, 0, WT_IPC_READ, WT_SID_ALICE },
		{ 0, 0, WT_IPC_WRITE, WT_SID_MALLORY },
	};
	pid_t rcv = start_receiver(self->id);
	int got;

	ASSERT_LT(0, rcv);
	ASSERT_EQ(0, wait_in_msgrcv(rcv));
	ASSERT_EQ(0, set_dacl_as(WT_UID_ALICE, WT_IPC_TYPE_MSG_QUEUE, self->id,
				 alice_reads, 2));
	EXPECT_EQ(0, mallory_sends(self->id));
	got = reap_within(rcv, 10000);
	EXPECT_EQ(0, got);
	if (got < 0) {
		kill(rcv, SIGKILL);
		wt_reap(rcv);
	}
	/* nothing was left queued */
	EXPECT_EQ(ENOMSG, takes_as(WT_UID_ALICE, self->id));
}

TEST(ioctl_errors)
{
	struct wt_ipc_security a;
	uint8_t buf[512], big[8192] = { 0 };
	uint32_t len;
	int id, dev;

	id = create_as(0, WT_IPC_TYPE_MSG_QUEUE);
	ASSERT_LE(0, id);
	dev = open("/dev/wintok", O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, dev);

#define A0 { .size = sizeof(a), .type = WT_IPC_TYPE_MSG_QUEUE, .id = id, \
	     .selectors = WT_DACL_SECURITY_INFORMATION, .length = sizeof(buf), \
	     .buffer = (uintptr_t)buf }
	a = (struct wt_ipc_security)A0;
	EXPECT_EQ(0, ioctl(dev, WT_IOC_GET_IPC_SECURITY, &a));

	a = (struct wt_ipc_security)A0;
	a.size = WT_IPC_SECURITY_SIZE_VER0 - 1;
	EXPECT_EQ(-1, ioctl(dev, WT_IOC_GET_IPC_SECURITY, &a));
	EXPECT_EQ(EINVAL, errno);

	memcpy(big, &(struct wt_ipc_security)A0, sizeof(a));
	((struct wt_ipc_security *)big)->size = sizeof(big);
	EXPECT_EQ(-1, ioctl(dev, WT_IOC_GET_IPC_SECURITY, big));
	EXPECT_EQ(E2BIG, errno);
	((struct wt_ipc_security *)big)->size = 64;
	big[60] = 1;
	EXPECT_EQ(-1, ioctl(dev, WT_IOC_GET_IPC_SECURITY, big));
	EXPECT_EQ(E2BIG, errno);
	big[60] = 0;
	EXPECT_EQ(0, ioctl(dev, WT_IOC_GET_IPC_SECURITY, big));

	a = (struct wt_ipc_security)A0;
	a.flags = 1;
	EXPECT_EQ(-1, ioctl(dev, WT_IOC_GET_IPC_SECURITY, &a));
	EXPECT_EQ(EINVAL, errno);

	a = (struct wt_ipc_security)A0;
	a.reserved = 1;
	EXPECT_EQ(-1, ioctl(dev, WT_IOC_SET_IPC_SECURITY, &a));
	EXPECT_EQ(EINVAL, errno);

	a = (struct wt_ipc_security)A0;
	a.selectors = 0;
	EXPECT_EQ(-1, ioctl(dev, WT_IOC_GET_IPC_SECURITY, &a));
	EXPECT_EQ(EINVAL, errno);
	a.selectors = 0x20;
	EXPECT_EQ(-1, ioctl(dev, WT_IOC_GET_IPC_SECURITY, &a));
	EXPECT_EQ(EINVAL, errno);

	a = (struct wt_ipc_security)A0;
	a.type = 4;
	EXPECT_EQ(-1, ioctl(dev, WT_IOC_GET_IPC_SECURITY, &a));
	EXPECT_EQ(EINVAL, errno);
	/* the id of a message queue is not a semaphore set's */
	a.type = WT_IPC_TYPE_SEMAPHORE;
	a.id = id;
	EXPECT_EQ(-1, ioctl(dev, WT_IOC_GET_IPC_SECURITY, &a));
	EXPECT_EQ(EINVAL, errno);

	a = (struct wt_ipc_security)A0;
	a.id = -1;
	EXPECT_EQ(-1, ioctl(dev, WT_IOC_GET_IPC_SECURITY, &a));
	EXPECT_EQ(EINVAL, errno);

	/* size probe */
	a = (struct wt_ipc_security)A0;
	a.length = 4;
	EXPECT_EQ(-1, ioctl(dev, WT_IOC_GET_IPC_SECURITY, &a));
	EXPECT_EQ(ERANGE, errno);
	EXPECT_LT(4, a.length);
	len = a.length;
	a.length = len;
	EXPECT_EQ(0, ioctl(dev, WT_IOC_GET_IPC_SECURITY, &a));
	EXPECT_EQ(len, a.length);

	a = (struct wt_ipc_security)A0;
	a.buffer = 8;
	EXPECT_EQ(-1, ioctl(dev, WT_IOC_GET_IPC_SECURITY, &a));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, ioctl(dev, WT_IOC_GET_IPC_SECURITY, (void *)8));
	EXPECT_EQ(EFAULT, errno);

	/* set: length, malformed SD, owner selected but absent */
	a = (struct wt_ipc_security)A0;
	a.length = 0;
	EXPECT_EQ(-1, ioctl(dev, WT_IOC_SET_IPC_SECURITY, &a));
	EXPECT_EQ(EINVAL, errno);
	a.length = WT_SD_MAX_SIZE + 1;
	EXPECT_EQ(-1, ioctl(dev, WT_IOC_SET_IPC_SECURITY, &a));
	EXPECT_EQ(EINVAL, errno);
	memset(buf, 0xff, 32);
	a.length = 32;
	EXPECT_EQ(-1, ioctl(dev, WT_IOC_SET_IPC_SECURITY, &a));
	EXPECT_EQ(EINVAL, errno);
	a.length = wt_build_sd(buf, NULL, NULL, -1, 0);
	a.selectors = WT_OWNER_SECURITY_INFORMATION;
	EXPECT_EQ(-1, ioctl(dev, WT_IOC_SET_IPC_SECURITY, &a));
	EXPECT_EQ(EINVAL, errno);
	a.buffer = 8;
	EXPECT_EQ(-1, ioctl(dev, WT_IOC_SET_IPC_SECURITY, &a));
	EXPECT_EQ(EFAULT, errno);

	close(dev);
	EXPECT_EQ(0, do_op(WT_IPC_TYPE_MSG_QUEUE, id, OP_RMID));
#undef A0
}

TEST_HARNESS_MAIN
