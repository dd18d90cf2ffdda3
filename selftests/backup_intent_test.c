// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests: WT_IOC_SET_BACKUP_INTENT, backup intent for every file
 * check of a thread (as if each operation went through a handle opened
 * with FILE_FLAG_BACKUP_SEMANTICS). Root runs the operations in a child,
 * in a tree whose SDs leave root out: Linux allows everything, so what is
 * denied is wintok's decision, and what backup intent grants comes from
 * SeBackupPrivilege and SeRestorePrivilege (present in root's token,
 * disabled until a test enables them). On tmpfs and on the ext4 disk.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "wt_test.h"
#include "wt_sd_build.h"

#define SID_ALICE	"S-1-22-1-1001"
#define SID_OWNER_RIGHTS "S-1-3-4"

/*
 * Everything for alice; root, the owner (the Linux owner gave the first
 * SD its owner), keeps only READ_CONTROL: OWNER RIGHTS replaces the
 * owner's implicit WRITE_DAC.
 */
static const struct wt_rule alice_only[] = {
	{ 0, 0, WT_FILE_ALL_ACCESS, SID_ALICE },
	{ 0, 0, WT_READ_CONTROL, SID_OWNER_RIGHTS },
};

static const struct wt_rule alice_only_inherited[] = {
	{ 0, WT_OBJECT_INHERIT_ACE | WT_CONTAINER_INHERIT_ACE,
	  WT_FILE_ALL_ACCESS, SID_ALICE },
};

/* The raw ioctl; 0 or errno. *@previous gets the answer. */
static int set_intent(uint32_t flags, uint32_t *previous)
{
	struct wt_backup_intent a = { .size = sizeof(a), .flags = flags };
	int dev = open("/dev/wintok", O_RDWR | O_CLOEXEC), err = 0;

	if (dev < 0)
		return errno;
	a.previous = 0xdead;
	if (ioctl(dev, WT_IOC_SET_BACKUP_INTENT, &a))
		err = errno;
	else if (previous)
		*previous = a.previous;
	close(dev);
	return err;
}

/* ---- operations ---- */

enum op { OP_READ, OP_WRITE, OP_CREATE, OP_MKDIR, OP_UNLINK, OP_RENAME,
	  OP_CHMOD, OP_SET_EA, NOPS };

static const char *const op_names[NOPS] = {
	"read", "write", "create", "mkdir", "unlink", "rename", "chmod",
	"setxattr",
};

/* 0 or the errno of @op in @dir (which holds the file "f"). */
static int do_op(enum op op, const char *dir, int n)
{
	char a[128], b[128];
	int fd, r = 0;

	snprintf(a, sizeof(a), "%s/f", dir);
	switch (op) {
	case OP_READ:
	case OP_WRITE:
		fd = open(a, (op == OP_READ ? O_RDONLY : O_WRONLY) | O_CLOEXEC);
		if (fd < 0)
			return errno;
		close(fd);
		return 0;
	case OP_CREATE:
		snprintf(b, sizeof(b), "%s/new%d", dir, n);
		fd = open(b, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0644);
		if (fd < 0)
			return errno;
		close(fd);
		return 0;
	case OP_MKDIR:
		snprintf(b, sizeof(b), "%s/sub%d", dir, n);
		r = mkdir(b, 0755);
		break;
	case OP_UNLINK:
		snprintf(b, sizeof(b), "%s/victim%d", dir, n);
		r = unlink(b);
		break;
	case OP_RENAME:
		snprintf(a, sizeof(a), "%s/mover%d", dir, n);
		snprintf(b, sizeof(b), "%s/moved%d", dir, n);
		r = rename(a, b);
		break;
	case OP_CHMOD:
		r = chmod(a, 0640 + (n & 1) * 4);
		break;
	case OP_SET_EA:
		r = setxattr(a, "user.wt", "x", 1, 0);
		break;
	default:
		return 250;
	}
	return r ? errno : 0;
}

/* Every operation's errno, as a bit per operation that failed. */
static unsigned int denied_ops(const char *dir, int round)
{
	unsigned int mask = 0;
	int op;

	for (op = 0; op < NOPS; op++)
		if (do_op(op, dir, round))
			mask |= 1u << op;
	return mask;
}

static const unsigned int all_ops = (1u << NOPS) - 1;
/* What SeBackupPrivilege alone gives with backup intent: the reads. */
static const unsigned int read_ops = 1u << OP_READ;

FIXTURE(intent) {
	char dir[64];
	int xattrs;	/* user.* xattrs work on this file system */
};

FIXTURE_VARIANT(intent) {
	const char *base;
};

FIXTURE_VARIANT_ADD(intent, tmpfs) {
	.base = "/tmp",
};

FIXTURE_VARIANT_ADD(intent, ext4) {
	.base = "/mnt/disk",
};

static void make_file(const char *dir, const char *name, int i)
{
	char path[128];
	int fd;

	snprintf(path, sizeof(path), "%s/%s%d", dir, name, i);
	fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0666);
	if (fd >= 0)
		close(fd);
}

/*
 * A directory with "f", victimN and moverN (N < 4), files and directory
 * all governed by alice_only: root may do nothing there.
 */
FIXTURE_SETUP(intent)
{
	char path[128];
	int i, fd;

	snprintf(self->dir, sizeof(self->dir), "%s/wt_intent.%d",
		 variant->base, getpid());
	ASSERT_EQ(0, mkdir(self->dir, 0777));
	snprintf(path, sizeof(path), "%s/f", self->dir);
	fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0666);
	ASSERT_LE(0, fd);
	close(fd);
	self->xattrs = !setxattr(path, "user.probe", "1", 1, 0);
	for (i = 0; i < 4; i++) {
		make_file(self->dir, "victim", i);
		make_file(self->dir, "mover", i);
	}
	ASSERT_EQ(0, wt_set_dacl(path, alice_only, 2));
	for (i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "%s/victim%d", self->dir, i);
		ASSERT_EQ(0, wt_set_dacl(path, alice_only, 2));
		snprintf(path, sizeof(path), "%s/mover%d", self->dir, i);
		ASSERT_EQ(0, wt_set_dacl(path, alice_only, 2));
	}
	ASSERT_EQ(0, wt_set_dacl(self->dir, alice_only_inherited, 1));
}

FIXTURE_TEARDOWN(intent)
{
	if (wt_rm_rf(self->dir))
		TH_LOG("cannot remove %s", self->dir);
}

/*
 * What a child as root is denied (a bit per operation) in each state,
 * reported through a pipe.
 */
struct outcome {
	unsigned int plain;		/* no intent, no privilege */
	unsigned int intent_only;	/* intent, no privilege enabled */
	unsigned int with_backup;	/* intent, SeBackup enabled */
	unsigned int with_restore;	/* intent, SeBackup and SeRestore */
	unsigned int turned_off;	/* privileges enabled, intent off */
	uint32_t previous[3];		/* what the ioctl said was there */
	int err;
};

static void run_states(const char *dir, struct outcome *o)
{
	memset(o, 0, sizeof(*o));
	o->plain = denied_ops(dir, 0);
	o->err = set_intent(WT_BACKUP_INTENT_ON, &o->previous[0]);
	if (o->err)
		return;
	o->intent_only = denied_ops(dir, 1);
	o->err = wt_enable_privilege(WT_SE_BACKUP_PRIVILEGE);
	if (o->err)
		return;
	o->with_backup = denied_ops(dir, 2);
	o->err = wt_enable_privilege(WT_SE_RESTORE_PRIVILEGE);
	if (o->err)
		return;
	/* on twice: still on, and said so */
	o->err = set_intent(WT_BACKUP_INTENT_ON, &o->previous[1]);
	if (o->err)
		return;
	o->with_restore = denied_ops(dir, 3);
	o->err = set_intent(0, &o->previous[2]);
	if (o->err)
		return;
	o->turned_off = denied_ops(dir, 0);
}

static int outcome_of_child(const char *dir, struct outcome *o)
{
	int p[2];
	pid_t pid;

	if (pipe(p))
		return -1;
	pid = fork();
	if (pid == 0) {
		struct outcome mine;

		close(p[0]);
		run_states(dir, &mine);
		_exit(write(p[1], &mine, sizeof(mine)) == sizeof(mine) ? 0 : 1);
	}
	close(p[1]);
	if (read(p[0], o, sizeof(*o)) != sizeof(*o)) {
		close(p[0]);
		wt_reap(pid);
		return -1;
	}
	close(p[0]);
	return wt_reap(pid);
}

static void log_mask(struct __test_metadata *_metadata, const char *what,
		     unsigned int mask)
{
	char buf[200] = "";
	int op;

	for (op = 0; op < NOPS; op++)
		if (mask & (1u << op)) {
			strncat(buf, " ", sizeof(buf) - strlen(buf) - 1);
			strncat(buf, op_names[op], sizeof(buf) - strlen(buf) - 1);
		}
	TH_LOG("%s denied:%s", what, buf);
}

TEST_F(intent, privileges_grant_only_with_intent)
{
	unsigned int ea = self->xattrs ? 0 : 1u << OP_SET_EA;
	struct outcome o;

	ASSERT_EQ(0, outcome_of_child(self->dir, &o));
	ASSERT_EQ(0, o.err);
	log_mask(_metadata, "with SeBackup", o.with_backup);
	log_mask(_metadata, "with SeRestore", o.with_restore);
	/* root is in no ACE: nothing without backup intent */
	EXPECT_EQ(all_ops, o.plain);
	EXPECT_EQ(all_ops, o.intent_only);
	/* SeBackup reads; writing needs SeRestore */
	EXPECT_EQ(all_ops & ~read_ops, o.with_backup);
	/* SeRestore writes, creates, deletes, renames, changes the DACL */
	EXPECT_EQ(ea, o.with_restore);
	/* the privileges alone do nothing once the intent is off */
	EXPECT_EQ(all_ops, o.turned_off | ea);
	EXPECT_EQ(0, o.previous[0]);
	EXPECT_EQ(WT_BACKUP_INTENT_ON, o.previous[1]);
	EXPECT_EQ(WT_BACKUP_INTENT_ON, o.previous[2]);
}

/* Another thread of a process with intent on makes plain checks. */
struct peer {
	const char *dir;
	int err;
};

static void *peer_thread(void *arg)
{
	struct peer *p = arg;

	p->err = do_op(OP_WRITE, p->dir, 0);
	return NULL;
}

/* In a child as root with both privileges enabled; a bit per failure. */
static int thread_checks(const char *dir)
{
	struct peer peer = { .dir = dir, .err = -1 };
	pthread_t t;
	int fails = 0;
	pid_t pid;

	if (wt_enable_privilege(WT_SE_BACKUP_PRIVILEGE) ||
	    wt_enable_privilege(WT_SE_RESTORE_PRIVILEGE))
		return 100;
	if (set_intent(WT_BACKUP_INTENT_ON, NULL))
		return 101;
	if (do_op(OP_WRITE, dir, 0))
		fails |= 1;
	if (pthread_create(&t, NULL, peer_thread, &peer) ||
	    pthread_join(t, NULL))
		return 102;
	if (peer.err != EACCES)
		fails |= 2;
	/* a child process starts without it */
	pid = fork();
	if (pid == 0)
		_exit(do_op(OP_WRITE, dir, 0));
	if (wt_reap(pid) != EACCES)
		fails |= 4;
	return fails;
}

TEST_F(intent, only_the_calling_thread)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(thread_checks(self->dir));
	EXPECT_EQ(0, wt_reap(pid));
}

/* A thread turning it on and exiting leaves nothing behind. */
static void *intent_and_exit(void *arg)
{
	int *err = arg;

	*err = set_intent(WT_BACKUP_INTENT_ON, NULL);
	return NULL;
}

TEST(ends_with_the_thread)
{
	long before = wt_read_param("backup_intent_threads");
	pthread_t t[4];
	int err[4], i;

	ASSERT_LE(0, before);
	for (i = 0; i < 4; i++)
		ASSERT_EQ(0, pthread_create(&t[i], NULL, intent_and_exit,
					    &err[i]));
	for (i = 0; i < 4; i++) {
		ASSERT_EQ(0, pthread_join(t[i], NULL));
		EXPECT_EQ(0, err[i]);
	}
	/* task structs are freed after an RCU grace period */
	for (i = 0; i < 50 && wt_read_param("backup_intent_threads") != before; i++)
		usleep(20000);
	EXPECT_EQ(before, wt_read_param("backup_intent_threads"));
	/* and this thread's own goes when it turns it off */
	ASSERT_EQ(0, set_intent(WT_BACKUP_INTENT_ON, NULL));
	EXPECT_EQ(before + 1, wt_read_param("backup_intent_threads"));
	ASSERT_EQ(0, set_intent(0, NULL));
	EXPECT_EQ(before, wt_read_param("backup_intent_threads"));
}

TEST(argument_errors)
{
	struct {
		struct wt_backup_intent a;
		uint8_t tail[8];
	} big = { .a = { .size = sizeof(big) } };
	struct wt_backup_intent a = { .size = sizeof(a) };
	int dev = open("/dev/wintok", O_RDWR | O_CLOEXEC);

	ASSERT_LE(0, dev);
	a.size = WT_BACKUP_INTENT_SIZE_VER0 - 1;
	EXPECT_EQ(-1, ioctl(dev, WT_IOC_SET_BACKUP_INTENT, &a));
	EXPECT_EQ(EINVAL, errno);
	a.size = sizeof(a);
	a.flags = 2;
	EXPECT_EQ(-1, ioctl(dev, WT_IOC_SET_BACKUP_INTENT, &a));
	EXPECT_EQ(EINVAL, errno);
	a.flags = 0;
	a.reserved = 1;
	EXPECT_EQ(-1, ioctl(dev, WT_IOC_SET_BACKUP_INTENT, &a));
	EXPECT_EQ(EINVAL, errno);
	a.reserved = 0;
	EXPECT_EQ(-1, ioctl(dev, WT_IOC_SET_BACKUP_INTENT, (void *)8));
	EXPECT_EQ(EFAULT, errno);
	/* a larger struct from a newer caller: its tail must be zero */
	big.tail[3] = 1;
	EXPECT_EQ(-1, ioctl(dev, WT_IOC_SET_BACKUP_INTENT, &big));
	EXPECT_EQ(E2BIG, errno);
	big.tail[3] = 0;
	big.a.flags = WT_BACKUP_INTENT_ON;
	EXPECT_EQ(0, ioctl(dev, WT_IOC_SET_BACKUP_INTENT, &big));
	EXPECT_EQ(0, big.a.previous);
	/* nothing changed by a refused call */
	a.flags = 0;
	EXPECT_EQ(0, ioctl(dev, WT_IOC_SET_BACKUP_INTENT, &a));
	EXPECT_EQ(WT_BACKUP_INTENT_ON, a.previous);
	EXPECT_EQ(0, ioctl(dev, WT_IOC_SET_BACKUP_INTENT, &a));
	EXPECT_EQ(0, a.previous);
	close(dev);
}

TEST_HARNESS_MAIN
