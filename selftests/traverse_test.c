// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests: traverse checking. A path walk through a governed
 * directory needs FILE_TRAVERSE on it for the thread's effective token,
 * unless that token has SeChangeNotifyPrivilege enabled; ungoverned
 * directories are left to Linux. The tokens without the privilege come
 * from AdjustTokenPrivileges (disable, remove), CreateToken (assigned as
 * primary token) and an impersonated token on one thread. The check is
 * attached only while a token state without the privilege exists, and
 * detached again after the last one is gone (fresh.*, after reloading the
 * module). Runs as root in the VM, on tmpfs and ext4; alice in children.
 * Every directory is mode 0777 and every file 0666, so each refusal is
 * wintok's.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "wt_test.h"
#include "wt_sd_build.h"

#define SID_EVERYONE	"S-1-1-0"
#define SID_ALICE	"S-1-22-1-1001"
#define CHANGE_NOTIFY	WT_SE_CHANGE_NOTIFY_PRIVILEGE
#define ALL_BUT_TRAVERSE (WT_FILE_ALL_ACCESS & ~WT_FILE_TRAVERSE)

static const struct wt_rule no_traverse[] = {
	{ 0, 0, ALL_BUT_TRAVERSE, SID_EVERYONE },
};

static const struct wt_rule with_traverse[] = {
	{ 0, 0, WT_FILE_ALL_ACCESS, SID_EVERYONE },
};

static const struct wt_rule deny_first[] = {
	{ 1, 0, WT_FILE_TRAVERSE, SID_EVERYONE },
	{ 0, 0, WT_FILE_ALL_ACCESS, SID_EVERYONE },
};

/*
 * Is security_inode_permission attached by ftrace (enabled_functions)? 1,
 * 0, or -1 when tracefs is not mounted.
 */
static int hook_attached(void)
{
	char line[512];
	int found = 0;
	FILE *f;

	f = fopen("/sys/kernel/tracing/enabled_functions", "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "security_inode_permission ", 26))
			found = 1;
	fclose(f);
	return found;
}

/* Set @luid's attributes in the caller's own token: 0 or errno. */
static int own_privilege(uint64_t luid, uint32_t attrs, int *not_all)
{
	struct wt_luid_and_attributes la = { .luid = luid, .attributes = attrs };
	int tok, err = 0;

	tok = wt_open_process_token(-1, WT_TOKEN_ADJUST_PRIVILEGES, NULL);
	if (tok < 0)
		return errno;
	if (wt_adjust_token_privileges(tok, 0, &la, 1, NULL, NULL, not_all))
		err = errno;
	close(tok);
	return err;
}

FIXTURE(trav) {
	char dir[64];
	char gov[96];		/* governed, mode 0777 */
	char file[128];		/* gov/file, not governed itself */
	char sub[128];		/* gov/sub, not governed itself */
	char open_file[128];	/* dir/open/f: no governed directory on the way */
};

FIXTURE_VARIANT(trav) {
	const char *base;
};

FIXTURE_VARIANT_ADD(trav, tmpfs) {
	.base = "/tmp",
};

FIXTURE_VARIANT_ADD(trav, ext4) {
	.base = "/mnt/disk",
};

static void make_file(struct __test_metadata *_metadata, const char *path)
{
	int fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0666);

	ASSERT_LE(0, fd);
	close(fd);
	ASSERT_EQ(0, chmod(path, 0666));
}

static void make_dir(struct __test_metadata *_metadata, const char *path)
{
	ASSERT_EQ(0, mkdir(path, 0777));
	ASSERT_EQ(0, chmod(path, 0777));
}

/* The SD on gov comes last, so nothing below it inherits from it. */
FIXTURE_SETUP(trav)
{
	char p[128];

	snprintf(self->dir, sizeof(self->dir), "%s/wt_trav.%d", variant->base,
		 getpid());
	snprintf(self->gov, sizeof(self->gov), "%s/gov", self->dir);
	snprintf(self->file, sizeof(self->file), "%s/file", self->gov);
	snprintf(self->sub, sizeof(self->sub), "%s/sub", self->gov);
	snprintf(self->open_file, sizeof(self->open_file), "%s/open/f",
		 self->dir);
	make_dir(_metadata, self->dir);
	make_dir(_metadata, self->gov);
	make_dir(_metadata, self->sub);
	make_file(_metadata, self->file);
	snprintf(p, sizeof(p), "%s/open", self->dir);
	make_dir(_metadata, p);
	make_file(_metadata, self->open_file);
	ASSERT_EQ(0, wt_set_dacl(self->gov, no_traverse, 1));
}

FIXTURE_TEARDOWN(trav)
{
	if (wt_rm_rf(self->dir))
		TH_LOG("cannot remove %s", self->dir);
	/* Nothing a test did was denied on an internal error. */
	EXPECT_EQ(0, wt_read_param("traverse_errors"));
	EXPECT_EQ(0, wt_read_param("file_errors"));
}

enum op { OP_OPEN, OP_STAT, OP_MKDIR, OP_DEEP_MKDIR, OP_CHDIR, OP_FCHDIR,
	  OP_LIST, OP_UNGOVERNED, NR_OPS };

/* 0 or the errno of @op, done by the calling thread. */
static int do_op(const struct _test_data_trav *self, enum op op)
{
	static int seq;
	struct stat st;
	char p[160];
	int fd, err = 0;

	switch (op) {
	case OP_OPEN:
	case OP_UNGOVERNED:
		fd = open(op == OP_OPEN ? self->file : self->open_file,
			  O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return errno;
		close(fd);
		return 0;
	case OP_STAT:
		return stat(self->file, &st) ? errno : 0;
	case OP_MKDIR:
	case OP_DEEP_MKDIR:
		snprintf(p, sizeof(p), "%s/m%d.%d",
			 op == OP_MKDIR ? self->gov : self->sub, getpid(), ++seq);
		return mkdir(p, 0777) ? errno : 0;
	case OP_CHDIR:
		err = chdir(self->gov) ? errno : 0;
		break;
	case OP_FCHDIR:
	case OP_LIST:
		/* Opening gov itself is no traversal: its DACL lists. */
		fd = open(self->gov, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd < 0)
			return 100 + errno;
		if (op == OP_FCHDIR)
			err = fchdir(fd) ? errno : 0;
		close(fd);
		break;
	case NR_OPS:
		return 250;
	}
	if (chdir("/"))
		return 251;
	return err;
}

/*
 * Run every operation; 0 when each walk through gov ended in @want (0 or
 * EACCES) while listing gov itself and the ungoverned path worked, else
 * 10 + the first operation that did not.
 */
static int expect_walks(const struct _test_data_trav *self, int want)
{
	int op;

	for (op = 0; op < NR_OPS; op++) {
		int got = do_op(self, op);
		int exp = op == OP_LIST || op == OP_UNGOVERNED ? 0 : want;

		if (got != exp) {
			fprintf(stderr, "# op %d: got %d (%s), want %d\n", op,
				got, strerror(got), exp);
			return 10 + op;
		}
	}
	return 0;
}

/*
 * Wait up to 20 s (the detach is delayed by 2 s, then waits for grace
 * periods, slow under TCG) for the traverse hook to be in state @on; 1
 * when it is.
 */
static int hook_becomes(int on)
{
	/* 2 s of delay, grace periods and text patching on a slow host. */
	for (int i = 0; i < 400; i++) {
		if (wt_read_param("traverse_hook") == on)
			return 1;
		usleep(100 * 1000);
	}
	return 0;
}

/* A fixture of nothing, for a longer timeout than TEST() has. */
FIXTURE(fresh) {
	int unused;
};

FIXTURE_SETUP(fresh)
{
}

FIXTURE_TEARDOWN(fresh)
{
}

/*
 * On a fresh module (reloaded here, so the harness may run this test in
 * any order; it runs after the trav tests): nothing is attached until a
 * token state without SeChangeNotify enabled is made, then the check is,
 * and it is detached again once no such state is left. Reloading the
 * module and two detaches take longer than the default 30 s under TCG.
 */
TEST_F_TIMEOUT(fresh, attached_only_with_the_first_token_without_the_privilege,
	       180)
{
	int tracefs, sync[2];
	char byte;
	pid_t pid;

	ASSERT_EQ(0, wt_unload_module());
	ASSERT_EQ(0, system("insmod /lib/modules/wintok.ko"));
	tracefs = hook_attached();
	ASSERT_EQ(0, wt_read_param("traverse_hook"));
	if (tracefs >= 0)
		ASSERT_EQ(0, tracefs);

	/* Tokens with the privilege, enabling it again: still nothing. */
	pid = fork();
	if (pid == 0) {
		wt_become_user(WT_UID_ALICE, WT_GID_USERS);
		if (own_privilege(CHANGE_NOTIFY, WT_SE_PRIVILEGE_ENABLED, NULL))
			_exit(1);
		_exit(wt_read_param("traverse_hook") != 0 ? 2 : 0);
	}
	ASSERT_EQ(0, wt_reap(pid));
	ASSERT_EQ(0, wt_read_param("traverse_hook"));
	if (tracefs >= 0)
		ASSERT_EQ(0, hook_attached());

	/* Disabling it attaches the check before the ioctl returns. */
	pid = fork();
	if (pid == 0) {
		wt_become_user(WT_UID_ALICE, WT_GID_USERS);
		if (own_privilege(CHANGE_NOTIFY, 0, NULL))
			_exit(1);
		/* Only root reads enabled_functions: the parent looks below. */
		_exit(wt_read_param("traverse_hook") != 1 ? 2 : 0);
	}
	ASSERT_EQ(0, wt_reap(pid));

	/*
	 * That token is gone with the child: the check goes too, so one user
	 * cannot slow every path walk on the system until the module is
	 * unloaded.
	 */
	ASSERT_TRUE(hook_becomes(0));
	EXPECT_EQ(0, wt_read_param("traverse_states"));
	if (tracefs >= 0)
		EXPECT_EQ(0, hook_attached());

	/* A live process without the privilege keeps it, and only that. */
	ASSERT_EQ(0, pipe(sync));
	pid = fork();
	if (pid == 0) {
		close(sync[0]);
		wt_become_user(WT_UID_ALICE, WT_GID_USERS);
		if (own_privilege(CHANGE_NOTIFY, 0, NULL))
			_exit(1);
		if (write(sync[1], "x", 1) != 1)
			_exit(2);
		pause();	/* killed below */
		_exit(3);
	}
	close(sync[1]);
	ASSERT_EQ(1, read(sync[0], &byte, 1));
	close(sync[0]);
	EXPECT_EQ(1, wt_read_param("traverse_hook"));
	EXPECT_LT(0, wt_read_param("traverse_states"));
	sleep(4);	/* past the detach delay */
	EXPECT_EQ(1, wt_read_param("traverse_hook"));
	if (tracefs >= 0)
		EXPECT_EQ(1, hook_attached());
	kill(pid, SIGKILL);
	EXPECT_EQ(255, wt_reap(pid));
	EXPECT_TRUE(hook_becomes(0));
	if (tracefs >= 0)
		EXPECT_EQ(0, hook_attached());
}

/* alice disables SeChangeNotify in her token, then enables it again. */
TEST_F(trav, adjust_disable_and_enable)
{
	pid_t pid = fork();

	if (pid == 0) {
		int ret;

		wt_become_user(WT_UID_ALICE, WT_GID_USERS);
		ret = expect_walks(self, 0);
		if (ret)
			_exit(ret);
		if (own_privilege(CHANGE_NOTIFY, 0, NULL))
			_exit(1);
		ret = expect_walks(self, EACCES);
		if (ret)
			_exit(ret + 20);
		if (own_privilege(CHANGE_NOTIFY, WT_SE_PRIVILEGE_ENABLED, NULL))
			_exit(2);
		ret = expect_walks(self, 0);
		_exit(ret ? ret + 40 : 0);
	}
	EXPECT_EQ(0, wt_reap(pid));
}

/* Removed, it cannot be enabled again. */
TEST_F(trav, adjust_remove)
{
	pid_t pid = fork();

	if (pid == 0) {
		int ret, not_all = 0;

		wt_become_user(WT_UID_ALICE, WT_GID_USERS);
		if (own_privilege(CHANGE_NOTIFY, WT_SE_PRIVILEGE_REMOVED, NULL))
			_exit(1);
		ret = expect_walks(self, EACCES);
		if (ret)
			_exit(ret);
		if (own_privilege(CHANGE_NOTIFY, WT_SE_PRIVILEGE_ENABLED,
				  &not_all) || !not_all)
			_exit(2);
		ret = expect_walks(self, EACCES);
		_exit(ret ? ret + 20 : 0);
	}
	EXPECT_EQ(0, wt_reap(pid));
}

/* Run expect_walks(@want) as alice without SeChangeNotify. */
static int walks_without_privilege(const struct _test_data_trav *self,
				   int want)
{
	pid_t pid = fork();

	if (pid == 0) {
		wt_become_user(WT_UID_ALICE, WT_GID_USERS);
		if (own_privilege(CHANGE_NOTIFY, 0, NULL))
			_exit(1);
		_exit(expect_walks(self, want));
	}
	return wt_reap(pid);
}

TEST_F(trav, traverse_granted)
{
	ASSERT_EQ(0, wt_set_dacl(self->gov, with_traverse, 1));
	EXPECT_EQ(0, walks_without_privilege(self, 0));
}

/* A deny ACE for FILE_TRAVERSE before an allow of everything. */
TEST_F(trav, deny_ace_first)
{
	pid_t pid;

	ASSERT_EQ(0, wt_set_dacl(self->gov, deny_first, 2));
	EXPECT_EQ(0, walks_without_privilege(self, EACCES));
	/* The privilege bypasses the check, deny ACE or not. */
	pid = fork();
	if (pid == 0) {
		wt_become_user(WT_UID_ALICE, WT_GID_USERS);
		_exit(expect_walks(self, 0));
	}
	EXPECT_EQ(0, wt_reap(pid));
}

/*
 * Ungoverned directories are Linux's alone: gov without its SD is walked,
 * and a mode 0700 directory still refuses alice with the privilege.
 */
TEST_F(trav, ungoverned_directories_not_checked)
{
	char closed[128], inner[160];
	pid_t pid;

	ASSERT_EQ(0, wt_rm_rf(self->dir));
	make_dir(_metadata, self->dir);
	make_dir(_metadata, self->gov);
	make_dir(_metadata, self->sub);
	make_file(_metadata, self->file);
	snprintf(closed, sizeof(closed), "%s/open", self->dir);
	make_dir(_metadata, closed);
	make_file(_metadata, self->open_file);
	snprintf(closed, sizeof(closed), "%s/closed", self->dir);
	ASSERT_EQ(0, mkdir(closed, 0700));
	snprintf(inner, sizeof(inner), "%s/f", closed);
	make_file(_metadata, inner);
	EXPECT_EQ(0, walks_without_privilege(self, 0));
	pid = fork();
	if (pid == 0) {
		struct stat st;

		wt_become_user(WT_UID_ALICE, WT_GID_USERS);
		_exit(stat(inner, &st) == 0 ? 1 : errno == EACCES ? 0 : 2);
	}
	EXPECT_EQ(0, wt_reap(pid));
}

/*
 * The RCU walk meets gov with its SD not cached (wt_set_dacl() drops it) and
 * leaves it to ref-walk (-ECHILD), which reads it; after a grant the RCU
 * walk decides alone. On ext4, dropping the caches evicts gov's inode and
 * the walk looks gov up in ref-walk, where the check reads the SD itself.
 */
TEST_F(trav, rcu_walk_retry_and_ref_walk_read)
{
	pid_t pid;

	ASSERT_EQ(0, wt_set_dacl(self->gov, no_traverse, 1));
	pid = fork();
	if (pid == 0) {
		long retries, full;
		struct stat st;

		wt_become_user(WT_UID_ALICE, WT_GID_USERS);
		if (own_privilege(CHANGE_NOTIFY, 0, NULL))
			_exit(1);
		retries = wt_read_param("traverse_retries");
		full = wt_read_param("traverse_full_checks");
		if (retries < 0 || full < 0)
			_exit(2);
		if (!stat(self->file, &st) || errno != EACCES)
			_exit(3);
		if (wt_read_param("traverse_retries") <= retries)
			_exit(4);
		if (wt_read_param("traverse_full_checks") <= full)
			_exit(5);
		_exit(0);
	}
	EXPECT_EQ(0, wt_reap(pid));

	/* Granted: the decision is cached, the RCU walk needs no retry. */
	ASSERT_EQ(0, wt_set_dacl(self->gov, with_traverse, 1));
	pid = fork();
	if (pid == 0) {
		struct stat st;
		long retries;
		int i;

		wt_become_user(WT_UID_ALICE, WT_GID_USERS);
		if (own_privilege(CHANGE_NOTIFY, 0, NULL))
			_exit(1);
		for (i = 0; i < 3; i++)
			if (stat(self->file, &st))
				_exit(2);
		retries = wt_read_param("traverse_retries");
		if (stat(self->file, &st))
			_exit(3);
		_exit(wt_read_param("traverse_retries") != retries ? 4 : 0);
	}
	EXPECT_EQ(0, wt_reap(pid));

	if (strcmp(variant->base, "/mnt/disk"))
		return;	/* tmpfs keeps its inodes in memory */
	ASSERT_EQ(0, wt_set_dacl(self->gov, no_traverse, 1));
	sync();
	pid = fork();
	if (pid == 0) {
		struct stat st;
		long full;

		wt_become_user(WT_UID_ALICE, WT_GID_USERS);
		if (own_privilege(CHANGE_NOTIFY, 0, NULL))
			_exit(1);
		full = wt_read_param("traverse_full_checks");
		/* The parent (root) drops the caches while this one stops. */
		if (raise(SIGSTOP))
			_exit(2);
		if (!stat(self->file, &st) || errno != EACCES)
			_exit(3);
		_exit(wt_read_param("traverse_full_checks") <= full ? 4 : 0);
	}
	{
		int status;

		ASSERT_EQ(pid, waitpid(pid, &status, WUNTRACED));
		ASSERT_TRUE(WIFSTOPPED(status));
		ASSERT_EQ(0, system("echo 2 >/proc/sys/vm/drop_caches"));
		ASSERT_EQ(0, kill(pid, SIGCONT));
	}
	EXPECT_EQ(0, wt_reap(pid));
}

/* A token description without SeChangeNotify (alice, Everyone, Medium). */
struct bare_token {
	struct wt_create_token c;
	struct wt_sid_and_attributes groups[2];
	struct wt_luid_and_attributes privs[1];
};

static int bare_token(int dev, uint32_t type, int change_notify)
{
	struct bare_token t;

	memset(&t, 0, sizeof(t));
	if (wt_sid_parse(SID_ALICE, &t.c.user, 0) ||
	    wt_sid_parse(SID_ALICE, &t.c.primary_group, 0) ||
	    wt_sid_parse(SID_EVERYONE, &t.groups[0], WT_SE_GROUP_MANDATORY |
			 WT_SE_GROUP_ENABLED_BY_DEFAULT | WT_SE_GROUP_ENABLED) ||
	    wt_sid_parse("S-1-16-8192", &t.groups[1], WT_SE_GROUP_INTEGRITY |
			 WT_SE_GROUP_INTEGRITY_ENABLED))
		return -1;
	t.c.type = type;
	t.c.level = type == WT_TOKEN_IMPERSONATION ? WT_SECURITY_IMPERSONATION : 0;
	t.c.group_count = 2;
	t.c.groups = (uintptr_t)t.groups;
	t.privs[0].luid = CHANGE_NOTIFY;
	t.privs[0].attributes = WT_SE_PRIVILEGE_ENABLED;
	t.c.privilege_count = change_notify ? 1 : 0;
	t.c.privileges = (uintptr_t)t.privs;
	memcpy(t.c.source.name, "wttrav", 6);
	t.c.desired_access = WT_MAXIMUM_ALLOWED;
	if (own_privilege(WT_SE_CREATE_TOKEN_PRIVILEGE, WT_SE_PRIVILEGE_ENABLED,
			  NULL))
		return -1;
	return wt_create_token(dev, &t.c);
}

/* CreateToken without the privilege, run as the primary token. */
TEST_F(trav, created_primary_token)
{
	int dev = wt_open_device(), i;

	ASSERT_LE(0, dev);
	ASSERT_EQ(0, own_privilege(WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE,
				   WT_SE_PRIVILEGE_ENABLED, NULL));
	for (i = 0; i < 2; i++) {
		int tok = bare_token(dev, WT_TOKEN_PRIMARY, i);
		pid_t pid;

		ASSERT_LE(0, tok);
		pid = fork();
		if (pid == 0) {
			/* The real uid first, the Linux way; then the token. */
			if (setresuid(WT_UID_ALICE, -1, -1) ||
			    wt_assign_primary_token(dev, tok))
				_exit(1);
			if (getuid() != WT_UID_ALICE)
				_exit(2);
			_exit(expect_walks(self, i ? 0 : EACCES));
		}
		EXPECT_EQ(0, wt_reap(pid)) TH_LOG("with SeChangeNotify: %d", i);
		close(tok);
	}
	close(dev);
}

struct imp_thread {
	const struct _test_data_trav *self;
	int dev, tok;
	pthread_barrier_t barrier;
	int result;
};

static void *impersonating(void *arg)
{
	struct imp_thread *t = arg;
	__u32 level, result;

	if (wt_impersonate_token(t->dev, t->tok, &level, &result) ||
	    level != WT_SECURITY_IMPERSONATION) {
		t->result = 1;
		pthread_barrier_wait(&t->barrier);
		pthread_barrier_wait(&t->barrier);
		return NULL;
	}
	t->result = expect_walks(t->self, EACCES);
	/* The main thread walks while this one still impersonates. */
	pthread_barrier_wait(&t->barrier);
	pthread_barrier_wait(&t->barrier);
	if (!t->result && wt_revert_to_self(t->dev))
		t->result = 2;
	if (!t->result)
		t->result = expect_walks(t->self, 0);
	return NULL;
}

/* An impersonating thread is checked; the other thread of the process not. */
TEST_F(trav, impersonating_thread)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct imp_thread t = { .self = self };
		pthread_t th;
		int mine;

		t.dev = wt_open_device();
		if (t.dev < 0)
			_exit(1);
		t.tok = bare_token(t.dev, WT_TOKEN_IMPERSONATION, 0);
		if (t.tok < 0)
			_exit(2);
		pthread_barrier_init(&t.barrier, NULL, 2);
		if (pthread_create(&th, NULL, impersonating, &t))
			_exit(3);
		pthread_barrier_wait(&t.barrier);
		mine = expect_walks(self, 0);
		pthread_barrier_wait(&t.barrier);
		pthread_join(th, NULL);
		if (mine)
			_exit(100 + mine);
		_exit(t.result ? 50 + t.result : 0);
	}
	EXPECT_EQ(0, wt_reap(pid));
}

TEST_HARNESS_MAIN
