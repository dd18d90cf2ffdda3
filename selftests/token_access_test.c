// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests: what restricted tokens, integrity levels, OWNER RIGHTS
 * and privileges change in the checks of files and SysV IPC objects.
 *
 * Every operation class (open for read, write, append, truncate; exec and
 * PROT_EXEC mappings; create, mkdir, unlink, rename, link; times, chmod,
 * chown, the DACL and owner through the ioctl, user xattrs; message
 * queues, semaphores, shared memory) is run by a subject whose token is a
 * modified copy of its own: restricting SIDs, deny-only SIDs, integrity
 * lowered to Low, privileges deleted. Each denied case has a case next to
 * it with the same descriptors run by an unmodified copy of the same
 * token (or, for OWNER RIGHTS, the same token against the descriptor
 * without that ACE), which must be allowed: the refusal comes from the
 * restriction, not from the setup.
 *
 * The variants run everything on tmpfs and on the ext4 disk, with the
 * token on the thread (impersonating it: the same user, so the gate lets
 * the thread have Impersonation level) or as the primary token of the
 * process (assigned with SeAssignPrimaryTokenPrivilege, which root holds,
 * in a fresh single-threaded child). Files are mode 0666/0777 and owned
 * by alice, so Linux allows each operation and every refusal is wintok's
 * (but for a restricted root token, which has no capability: its chown
 * is Linux's to refuse).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "wt_test.h"
#include "wt_sd_build.h"

#define SID_ROOT	"S-1-22-1-0"
#define SID_ALICE	"S-1-22-1-1001"
#define SID_BOB		"S-1-22-1-1002"
#define SID_USERS	"S-1-22-2-100"
#define SID_EVERYONE	"S-1-1-0"
#define SID_OWNER_RIGHTS "S-1-3-4"
/* RESTRICTED (S-1-5-12): a SID no derived token holds as a group */
#define SID_X		"S-1-5-12"
#define SID_LOW		"S-1-16-4096"

#define ALL	WT_FILE_ALL_ACCESS
#define RD	WT_FILE_GENERIC_READ
#define RDX	(WT_FILE_GENERIC_READ | WT_FILE_EXECUTE)
#define WR_DATA	(WT_FILE_WRITE_DATA | WT_FILE_APPEND_DATA)
/* DELETE too, so that alice can remove the queue afterwards */
#define IPC_RWD	(WT_IPC_READ | WT_IPC_WRITE | WT_DELETE)

#define NO_WRITE_UP	WT_SYSTEM_MANDATORY_LABEL_NO_WRITE_UP
#define NO_READ_UP	WT_SYSTEM_MANDATORY_LABEL_NO_READ_UP
#define NO_EXECUTE_UP	WT_SYSTEM_MANDATORY_LABEL_NO_EXECUTE_UP

/* Setup failures in a child exit with these, far from any errno. */
#define SETUP_FAILED	200

/* ---- subjects: whose token, modified how ---- */

enum how {
	PLAIN,		/* an unmodified copy of the own token */
	RESTRICT,	/* restricting SIDs @sid */
	DENY_ONLY,	/* @sid made deny-only */
	LOW,		/* integrity lowered to Low */
	DEL_PRIV,	/* privilege @priv deleted */
	MAX_PRIV,	/* WT_DISABLE_MAX_PRIVILEGE */
};

/**
 * struct subject - who runs an operation
 * @name: for the log
 * @uid: WT_UID_ALICE or 0 (root)
 * @how: how the copy of the own token is modified
 * @sid: the restricting or deny-only SIDs (NULL-terminated, at most 2)
 * @priv: the privilege DEL_PRIV deletes
 * @enable: a privilege enabled in the copy before it is used (none: 0)
 */
struct subject {
	const char *name;
	uid_t uid;
	enum how how;
	const char *sid[3];
	unsigned int priv;
	unsigned int enable;
};

static const struct subject alice = {
	.name = "alice", .uid = WT_UID_ALICE, .how = PLAIN,
};

static const struct subject alice_rx = {
	.name = "alice restricted to X", .uid = WT_UID_ALICE, .how = RESTRICT,
	.sid = { SID_X },
};

static const struct subject alice_reveryone = {
	.name = "alice restricted to Everyone", .uid = WT_UID_ALICE, .how = RESTRICT,
	.sid = { SID_EVERYONE },
};

static const struct subject alice_ralice = {
	.name = "alice restricted to alice", .uid = WT_UID_ALICE, .how = RESTRICT,
	.sid = { SID_ALICE },
};

static const struct subject alice_dusers = {
	.name = "alice, users deny-only", .uid = WT_UID_ALICE, .how = DENY_ONLY,
	.sid = { SID_USERS },
};

static const struct subject alice_dalice = {
	.name = "alice, alice deny-only", .uid = WT_UID_ALICE, .how = DENY_ONLY,
	.sid = { SID_ALICE },
};

static const struct subject alice_low = {
	.name = "alice at Low", .uid = WT_UID_ALICE, .how = LOW,
};

static const struct subject root = {
	.name = "root", .uid = 0, .how = PLAIN,
};

static const struct subject root_take = {
	.name = "root, SeTakeOwnership enabled", .uid = 0, .how = PLAIN,
	.enable = WT_SE_TAKE_OWNERSHIP_PRIVILEGE,
};

static const struct subject root_no_take = {
	.name = "root, SeTakeOwnership deleted", .uid = 0, .how = DEL_PRIV,
	.priv = WT_SE_TAKE_OWNERSHIP_PRIVILEGE,
	.enable = WT_SE_TAKE_OWNERSHIP_PRIVILEGE,
};

static const struct subject root_reveryone_take = {
	.name = "root restricted to Everyone, SeTakeOwnership enabled", .uid = 0, .how = RESTRICT,
	.sid = { SID_EVERYONE }, .enable = WT_SE_TAKE_OWNERSHIP_PRIVILEGE,
};

static const struct subject root_backup = {
	.name = "root, SeBackup enabled", .uid = 0, .how = PLAIN, .enable = WT_SE_BACKUP_PRIVILEGE,
};

static const struct subject root_no_backup = {
	.name = "root, SeBackup deleted", .uid = 0, .how = DEL_PRIV, .priv = WT_SE_BACKUP_PRIVILEGE,
	.enable = WT_SE_BACKUP_PRIVILEGE,
};

static const struct subject root_max_backup = {
	.name = "root, DISABLE_MAX_PRIVILEGE", .uid = 0, .how = MAX_PRIV,
	.enable = WT_SE_BACKUP_PRIVILEGE,
};

static const struct subject root_restore = {
	.name = "root, SeRestore enabled", .uid = 0, .how = PLAIN,
	.enable = WT_SE_RESTORE_PRIVILEGE,
};

static const struct subject root_no_restore = {
	.name = "root, SeRestore deleted", .uid = 0, .how = DEL_PRIV,
	.priv = WT_SE_RESTORE_PRIVILEGE,
	.enable = WT_SE_RESTORE_PRIVILEGE,
};

static const struct subject root_reveryone_backup = {
	.name = "root restricted to Everyone, SeBackup enabled", .uid = 0, .how = RESTRICT,
	.sid = { SID_EVERYONE }, .enable = WT_SE_BACKUP_PRIVILEGE,
};

static const struct subject root_low_take = {
	.name = "root at Low, SeTakeOwnership enabled", .uid = 0, .how = LOW,
	.enable = WT_SE_TAKE_OWNERSHIP_PRIVILEGE,
};

static const struct subject root_low_backup = {
	.name = "root at Low, SeBackup enabled", .uid = 0, .how = LOW,
	.enable = WT_SE_BACKUP_PRIVILEGE,
};

static const struct subject root_low_restore = {
	.name = "root at Low, SeRestore enabled", .uid = 0, .how = LOW,
	.enable = WT_SE_RESTORE_PRIVILEGE,
};

#define TOKEN_RIGHTS (WT_TOKEN_QUERY | WT_TOKEN_DUPLICATE | \
		      WT_TOKEN_IMPERSONATE | WT_TOKEN_ASSIGN_PRIMARY | \
		      WT_TOKEN_ADJUST_DEFAULT | WT_TOKEN_ADJUST_PRIVILEGES)

/* Enable (or try to) privilege @luid in token @tok; 0 or -1. */
static int enable_priv(int tok, unsigned int luid, int *not_all)
{
	struct wt_luid_and_attributes la = {
		.luid = luid, .attributes = WT_SE_PRIVILEGE_ENABLED,
	};

	return wt_adjust_token_privileges(tok, 0, &la, 1, NULL, NULL, not_all);
}

/* The copy of the token @tok that @s describes; its fd, or -1. */
static int make_token(int tok, const struct subject *s)
{
	struct wt_luid_and_attributes del = { .luid = s->priv };
	struct wt_sid_and_attributes sa[2], low;
	int n = 0, nt = -1, not_all;

	while (n < 2 && s->sid[n]) {
		if (wt_sid_parse(s->sid[n], &sa[n], 0))
			return -1;
		n++;
	}
	switch (s->how) {
	case PLAIN:
	case LOW:
		nt = wt_duplicate_token(tok, 0, WT_TOKEN_PRIMARY,
					WT_SECURITY_IMPERSONATION, NULL);
		break;
	case RESTRICT:
		nt = wt_create_restricted_token(tok, 0, NULL, 0, NULL, 0, sa, n,
						0, NULL);
		break;
	case DENY_ONLY:
		nt = wt_create_restricted_token(tok, 0, sa, n, NULL, 0, NULL, 0,
						0, NULL);
		break;
	case DEL_PRIV:
		nt = wt_create_restricted_token(tok, 0, NULL, 0, &del, 1, NULL, 0,
						0, NULL);
		break;
	case MAX_PRIV:
		nt = wt_create_restricted_token(tok, WT_DISABLE_MAX_PRIVILEGE,
						NULL, 0, NULL, 0, NULL, 0, 0, NULL);
		break;
	}
	if (nt < 0)
		return -1;
	if (s->how == LOW &&
	    (wt_sid_parse(SID_LOW, &low, 0) ||
	     wt_set_token_information(nt, WT_TOKEN_INFO_INTEGRITY_LEVEL, &low,
				      sizeof(low))))
		return -1;
	/* a deleted privilege cannot be enabled: the call says NOT_ALL */
	if (s->enable && enable_priv(nt, s->enable, &not_all))
		return -1;
	return nt;
}

/*
 * In a forked child running as root: become @s's user and give the
 * thread (@primary 0: impersonation) or the process (@primary 1: the
 * primary token) the token @s describes. 0, or SETUP_FAILED + n.
 */
static int take_token(const struct subject *s, int primary)
{
	int dev, tok, nt, own;
	__u32 level;

	dev = open("/dev/wintok", O_RDWR | O_CLOEXEC);
	if (dev < 0)
		return SETUP_FAILED + 1;
	if (s->uid) {
		if (setgroups(0, NULL) ||
		    setresgid(WT_GID_USERS, WT_GID_USERS, WT_GID_USERS))
			return SETUP_FAILED + 2;
		/* the primary case needs root back to assign the token */
		if (primary ? setresuid(-1, s->uid, 0) :
			      setresuid(s->uid, s->uid, s->uid))
			return SETUP_FAILED + 3;
	}
	tok = wt_open_process_token(dev, TOKEN_RIGHTS, NULL);
	if (tok < 0)
		return SETUP_FAILED + 4;
	nt = make_token(tok, s);
	if (nt < 0)
		return SETUP_FAILED + 5;
	if (primary) {
		if (s->uid && setresuid(-1, 0, -1))
			return SETUP_FAILED + 6;
		own = wt_open_process_token(dev, WT_TOKEN_ADJUST_PRIVILEGES,
					    NULL);
		if (own < 0 ||
		    enable_priv(own, WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE, NULL))
			return SETUP_FAILED + 7;
		close(own);
		/*
		 * The real uid first, the Linux way, as wtrun does: the
		 * assignment needs it (see the test at the end).
		 */
		if (s->uid && setresuid(s->uid, -1, -1))
			return SETUP_FAILED + 11;
		if (wt_assign_primary_token(dev, nt))
			return SETUP_FAILED + 8;
		if (getuid() != s->uid || geteuid() != s->uid)
			return SETUP_FAILED + 9;
	} else {
		if (wt_impersonate_token(dev, nt, &level, NULL) ||
		    level != WT_SECURITY_IMPERSONATION)
			return SETUP_FAILED + 10;
	}
	close(nt);
	close(tok);
	return 0;
}

/* ---- descriptors ---- */

/**
 * struct sdspec - the SD given to a file or directory
 * @owner: the owner SID; NULL: the setter's default owner (root's token:
 *	Administrators)
 * @n: rules in the DACL; 0: no SD at all (not governed)
 * @r: the DACL
 * @label: integrity RID of a mandatory label (0: no label, so Medium)
 * @policy: the label's policy bits
 */
struct sdspec {
	const char *owner;
	int n;
	struct wt_rule r[4];
	uint32_t label;
	uint32_t policy;
};

#define A(m, s) { 0, 0, (m), (s) }
#define D(m, s) { 1, 0, (m), (s) }

/* Set @spec on @path; 0 or errno. SeRestorePrivilege must be enabled. */
static int apply_sd(const char *path, const struct sdspec *spec)
{
	uint32_t sel = WT_DACL_SECURITY_INFORMATION;
	uint8_t sd[1024];
	size_t len;

	if (!spec->n)
		return 0;
	len = wt_build_sd(sd, spec->owner, spec->r, spec->n, 0);
	if (spec->owner)
		sel |= WT_OWNER_SECURITY_INFORMATION;
	if (spec->label) {
		len = wt_sd_add_label(sd, len, spec->label, spec->policy);
		sel |= WT_LABEL_SECURITY_INFORMATION;
	}
	return wt_set_sd_bytes(path, sel, sd, len);
}

/* ---- operations ---- */

enum action {
	OPEN_R, OPEN_W, OPEN_APPEND, OPEN_TRUNC, TRUNCATE, EXEC, MAP_X,
	MAP_R_THEN_X, CREATE, MKDIR, SYMLINK, MKFIFO, UNLINK, RMDIR, RENAME,
	LINK, TOUCH, UTIMES, CHMOD, CHOWN, SET_DACL, SET_OWNER, GET_EA, SET_EA,
	DEL_EA, BACKUP_R, BACKUP_W,
	/* IPC operations last: is_ipc() */
	MSGSND, MSGRCV, Q_STAT, Q_SET, Q_RMID, Q_SET_DACL, SEM_ALTER,
	SEM_READ, SHM_RW, SHM_RO,
};

static const char *const op_names[] = {
	[OPEN_R] = "open O_RDONLY",
	[OPEN_W] = "open O_WRONLY",
	[OPEN_APPEND] = "open O_APPEND",
	[OPEN_TRUNC] = "open O_TRUNC",
	[TRUNCATE] = "truncate",
	[EXEC] = "execve",
	[MAP_X] = "mmap PROT_EXEC",
	[MAP_R_THEN_X] = "mprotect PROT_EXEC",
	[CREATE] = "create",
	[MKDIR] = "mkdir",
	[SYMLINK] = "symlink",
	[MKFIFO] = "mkfifo",
	[UNLINK] = "unlink",
	[RMDIR] = "rmdir",
	[RENAME] = "rename",
	[LINK] = "link",
	[TOUCH] = "touch",
	[UTIMES] = "utimensat with times",
	[CHMOD] = "chmod",
	[CHOWN] = "chown",
	[SET_DACL] = "set DACL",
	[SET_OWNER] = "set owner",
	[GET_EA] = "getxattr user.*",
	[SET_EA] = "setxattr user.*",
	[DEL_EA] = "removexattr user.*",
	[BACKUP_R] = "backup open O_RDONLY",
	[BACKUP_W] = "backup open O_WRONLY",
	[MSGSND] = "msgsnd",
	[MSGRCV] = "msgrcv",
	[Q_STAT] = "msgctl IPC_STAT",
	[Q_SET] = "msgctl IPC_SET",
	[Q_RMID] = "msgctl IPC_RMID",
	[Q_SET_DACL] = "set DACL of the queue",
	[SEM_ALTER] = "semop",
	[SEM_READ] = "GETVAL",
	[SHM_RW] = "shmat",
	[SHM_RO] = "shmat SHM_RDONLY",
};

static int is_ipc(enum action op)
{
	return op >= MSGSND;
}

static int is_ea(enum action op)
{
	return op == GET_EA || op == SET_EA || op == DEL_EA;
}

static int needs_prog(enum action op)
{
	return op == EXEC || op == MAP_X || op == MAP_R_THEN_X;
}

/* Paths and IPC ids a child works on. */
struct place {
	char dir[64];
	char file[96];
	char prog[96];
	char created[96];
	char subdir[96];
	char moved[96];
	char linked[96];
	char victim[96];
	int msq, sem, shm;
};

static int open_err(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC, 0666);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

/* 0 or the errno of @op at @p, in the calling child. */
static int do_op(enum action op, const struct place *p)
{
	static const struct wt_rule everyone = A(ALL, SID_EVERYONE);
	static const struct wt_rule everyone_ipc = A(WT_IPC_ALL_ACCESS,
						     SID_EVERYONE);
	struct { long mtype; char mtext[8]; } m = { .mtype = 1 };
	struct sembuf sb = { .sem_num = 0, .sem_op = 1, .sem_flg = IPC_NOWAIT };
	struct timespec ts[2] = { { .tv_sec = 1 }, { .tv_sec = 2 } };
	struct msqid_ds mds = { 0 };
	char buf[8], me[32];
	void *addr;
	int fd, err;

	switch (op) {
	case OPEN_R:
		return open_err(p->file, O_RDONLY);
	case OPEN_W:
		return open_err(p->file, O_WRONLY);
	case OPEN_APPEND:
		return open_err(p->file, O_WRONLY | O_APPEND);
	case OPEN_TRUNC:
		return open_err(p->file, O_WRONLY | O_TRUNC);
	case TRUNCATE:
		return truncate(p->file, 1) ? errno : 0;
	case EXEC:
		/* in this very thread: a fork would drop the impersonation */
		execl(p->prog, "true", (char *)NULL);
		return errno;
	case MAP_X:
	case MAP_R_THEN_X:
		fd = open(p->prog, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return errno;
		addr = mmap(NULL, 4096, op == MAP_X ? PROT_READ | PROT_EXEC :
			    PROT_READ, MAP_PRIVATE, fd, 0);
		err = addr == MAP_FAILED ? errno : 0;
		if (!err && op == MAP_R_THEN_X &&
		    mprotect(addr, 4096, PROT_READ | PROT_EXEC))
			err = errno;
		if (addr != MAP_FAILED)
			munmap(addr, 4096);
		close(fd);
		return err;
	case CREATE:
		return open_err(p->created, O_WRONLY | O_CREAT | O_EXCL);
	case MKDIR:
		return mkdir(p->subdir, 0777) ? errno : 0;
	case SYMLINK:
		return symlink("f", p->linked) ? errno : 0;
	case MKFIFO:
		return mkfifo(p->created, 0666) ? errno : 0;
	case UNLINK:
		return unlink(p->file) ? errno : 0;
	case RMDIR:
		return rmdir(p->victim) ? errno : 0;
	case RENAME:
		return rename(p->file, p->moved) ? errno : 0;
	case LINK:
		return link(p->file, p->linked) ? errno : 0;
	case TOUCH:
		return utimensat(AT_FDCWD, p->file, NULL, 0) ? errno : 0;
	case UTIMES:
		/* explicit times: Linux wants the owner, alice */
		return utimensat(AT_FDCWD, p->file, ts, 0) ? errno : 0;
	case CHMOD:
		return chmod(p->file, 0666) ? errno : 0;
	case CHOWN:
		/* to the caller itself: Linux lets the owner or root do it */
		return chown(p->file, geteuid(), -1) ? errno : 0;
	case SET_DACL:
		return wt_set_sd_parts(p->file, WT_DACL_SECURITY_INFORMATION, NULL,
				 &everyone, 1);
	case SET_OWNER:
		snprintf(me, sizeof(me), "S-1-22-1-%u", geteuid());
		return wt_set_sd_parts(p->file, WT_OWNER_SECURITY_INFORMATION, me,
				 NULL, -1);
	case GET_EA:
		return getxattr(p->file, "user.wt", buf, sizeof(buf)) < 0 ?
		       errno : 0;
	case SET_EA:
		return setxattr(p->file, "user.wt", "w", 1, 0) ? errno : 0;
	case DEL_EA:
		return removexattr(p->file, "user.wt") ? errno : 0;
	case BACKUP_R:
	case BACKUP_W:
		fd = wt_open_backup_at(AT_FDCWD, p->file, op == BACKUP_R ? O_RDONLY : O_WRONLY);
		if (fd < 0)
			return -fd;
		close(fd);
		return 0;
	case MSGSND:
		return msgsnd(p->msq, &m, sizeof(m.mtext), IPC_NOWAIT) ? errno : 0;
	case MSGRCV:
		/* an empty queue answers ENOMSG once access is granted */
		if (msgrcv(p->msq, &m, sizeof(m.mtext), 0, IPC_NOWAIT) < 0 &&
		    errno != ENOMSG)
			return errno;
		return 0;
	case Q_STAT:
		return msgctl(p->msq, IPC_STAT, &mds) ? errno : 0;
	case Q_SET:
		/* the creator's values: Linux lets the creator, alice, do it */
		mds.msg_perm.uid = WT_UID_ALICE;
		mds.msg_perm.gid = WT_GID_USERS;
		mds.msg_perm.mode = 0666;
		mds.msg_qbytes = 1024;
		return msgctl(p->msq, IPC_SET, &mds) ? errno : 0;
	case Q_RMID:
		return msgctl(p->msq, IPC_RMID, NULL) ? errno : 0;
	case Q_SET_DACL:
		return wt_set_msq_dacl(p->msq, &everyone_ipc, 1);
	case SEM_ALTER:
		return semop(p->sem, &sb, 1) ? errno : 0;
	case SEM_READ:
		return semctl(p->sem, 0, GETVAL) < 0 ? errno : 0;
	case SHM_RW:
	case SHM_RO:
		addr = shmat(p->shm, NULL, op == SHM_RO ? SHM_RDONLY : 0);
		if (addr == (void *)-1)
			return errno;
		shmdt(addr);
		return 0;
	}
	return SETUP_FAILED + 50;	/* no such operation: a bug in the test */
}

/* @op at @p by @s (token on the thread or, @primary, on the process). */
static int run_op(int primary, const struct subject *s, enum action op,
		  const struct place *p)
{
	pid_t pid = fork();
	int err;

	if (pid == 0) {
		err = take_token(s, primary);
		_exit(err ? err : do_op(op, p));
	}
	return wt_reap(pid);
}

/* ---- preparing the objects of a case ---- */

/* Set the SDs of a case (in a child with SeRestorePrivilege enabled). */
static int apply_sds(const struct place *p, const struct sdspec *obj,
		     const struct sdspec *dir, int prog)
{
	pid_t pid = fork();
	int tok, err;

	if (pid == 0) {
		tok = wt_open_process_token(-1, WT_TOKEN_ADJUST_PRIVILEGES, NULL);
		if (tok < 0 || enable_priv(tok, WT_SE_RESTORE_PRIVILEGE, NULL))
			_exit(SETUP_FAILED + 20);
		err = apply_sd(p->file, obj);
		if (!err)
			err = apply_sd(p->victim, obj);
		if (!err && prog)
			err = apply_sd(p->prog, obj);
		/* the directory last: its SD would govern the files' creation */
		if (!err)
			err = apply_sd(p->dir, dir);
		_exit(err);
	}
	return wt_reap(pid);
}

/*
 * A fresh directory (mode 0777) with the file (0666, "data", user.wt set
 * where the file system has user xattrs, alice's), an empty directory for
 * rmdir and for exec cases a copy of busybox (0777, alice's); then the
 * case's SDs. 0 or an error code.
 */
static int prepare(const struct place *p, const struct sdspec *obj,
		   const struct sdspec *dir, int prog)
{
	char cmd[200];
	int fd;

	if (!access(p->dir, F_OK) && wt_rm_rf(p->dir))
		return 1;
	if (mkdir(p->dir, 0777) || chmod(p->dir, 0777))
		return 2;
	fd = open(p->file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0)
		return 3;
	if (write(fd, "data", 4) != 4) {
		close(fd);
		return 4;
	}
	close(fd);
	if (chmod(p->file, 0666) ||
	    chown(p->file, WT_UID_ALICE, WT_GID_USERS))
		return 5;
	if (setxattr(p->file, "user.wt", "v", 1, 0) && errno != EOPNOTSUPP)
		return 6;
	if (mkdir(p->victim, 0777) || chmod(p->victim, 0777))
		return 8;
	if (prog) {
		snprintf(cmd, sizeof(cmd), "cp /bin/busybox %s", p->prog);
		if (system(cmd) || chmod(p->prog, 0777) ||
		    chown(p->prog, WT_UID_ALICE, WT_GID_USERS))
			return 7;
	}
	return apply_sds(p, obj, dir, prog);
}

/* Is IPC object @id gone (a case may have removed it already)? */
static int gone(int rmid_err)
{
	return !rmid_err || rmid_err == EINVAL || rmid_err == EIDRM;
}

/*
 * Remove the IPC objects of @p, as alice (root has no DELETE on them).
 * 0 when none is left.
 */
static int remove_ipc(struct place *p)
{
	pid_t pid;
	int left;

	if (p->msq < 0 && p->sem < 0 && p->shm < 0)
		return 0;
	pid = fork();
	if (pid == 0) {
		wt_become_user(WT_UID_ALICE, WT_GID_USERS);
		left = p->msq >= 0 &&
		       !gone(msgctl(p->msq, IPC_RMID, NULL) ? errno : 0);
		left += p->sem >= 0 &&
			!gone(semctl(p->sem, 0, IPC_RMID) ? errno : 0);
		left += p->shm >= 0 &&
			!gone(shmctl(p->shm, IPC_RMID, NULL) ? errno : 0);
		_exit(left);
	}
	left = wt_reap(pid);
	p->msq = -1;
	p->sem = -1;
	p->shm = -1;
	return left;
}

/*
 * A message queue, a semaphore set and a shared memory segment, mode 0666,
 * made by @creator impersonating its token: their SDs come from it (the
 * owner, its default DACL, a label when it is below Medium); the queue
 * then gets the DACL of @queue if it has one.
 */
static int create_ipc(struct place *p, const struct subject *creator,
		      const struct sdspec *queue)
{
	int fds[2], ids[3] = { -1, -1, -1 }, err;
	pid_t pid;

	if (remove_ipc(p) || pipe(fds))
		return 1;
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		err = take_token(creator, 0);
		if (err)
			_exit(err);
		ids[0] = msgget(IPC_PRIVATE, IPC_CREAT | 0666);
		ids[1] = semget(IPC_PRIVATE, 1, IPC_CREAT | 0666);
		ids[2] = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0666);
		/* the creator owns the queue: WRITE_DAC is implicit */
		if (ids[0] >= 0 && queue->n &&
		    wt_set_msq_dacl(ids[0], queue->r, queue->n))
			_exit(SETUP_FAILED + 31);
		if (write(fds[1], ids, sizeof(ids)) != sizeof(ids))
			_exit(SETUP_FAILED + 30);
		_exit(0);
	}
	close(fds[1]);
	if (read(fds[0], ids, sizeof(ids)) != sizeof(ids))
		memset(ids, 0xff, sizeof(ids));
	close(fds[0]);
	err = wt_reap(pid);
	p->msq = ids[0];
	p->sem = ids[1];
	p->shm = ids[2];
	if (err)
		return err;
	return ids[0] < 0 || ids[1] < 0 || ids[2] < 0 ? 2 : 0;
}

/* ---- cases ---- */

/**
 * struct tcase - one operation by one subject on freshly made objects
 * @what: the descriptors, for the log
 * @op: the operation
 * @obj: SD of the file, of the directory rmdir removes and of the
 *	program for exec and mmap; IPC cases: the DACL of the queue
 * @dir: SD of their directory
 * @who: the subject
 * @expect: 0 or the errno it must get
 * @creator: IPC cases: who makes the objects (NULL: alice)
 */
struct tcase {
	const char *what;
	enum action op;
	struct sdspec obj;
	struct sdspec dir;
	const struct subject *who;
	int expect;
	const struct subject *creator;
};

FIXTURE(ta) {
	struct place p;
	int user_xattr;
};

FIXTURE_VARIANT(ta) {
	const char *base;
	int primary;
};

FIXTURE_VARIANT_ADD(ta, tmpfs_thread) {
	.base = "/tmp",
	.primary = 0,
};

FIXTURE_VARIANT_ADD(ta, tmpfs_process) {
	.base = "/tmp",
	.primary = 1,
};

FIXTURE_VARIANT_ADD(ta, ext4_thread) {
	.base = "/mnt/disk",
	.primary = 0,
};

FIXTURE_VARIANT_ADD(ta, ext4_process) {
	.base = "/mnt/disk",
	.primary = 1,
};

FIXTURE_SETUP(ta)
{
	struct place *p = &self->p;

	snprintf(p->dir, sizeof(p->dir), "%s/wt_ta.%d", variant->base,
		 getpid());
	snprintf(p->file, sizeof(p->file), "%s/f", p->dir);
	snprintf(p->prog, sizeof(p->prog), "%s/prog", p->dir);
	snprintf(p->created, sizeof(p->created), "%s/new", p->dir);
	snprintf(p->subdir, sizeof(p->subdir), "%s/newdir", p->dir);
	snprintf(p->moved, sizeof(p->moved), "%s/g", p->dir);
	snprintf(p->linked, sizeof(p->linked), "%s/l", p->dir);
	snprintf(p->victim, sizeof(p->victim), "%s/d", p->dir);
	p->msq = -1;
	p->sem = -1;
	p->shm = -1;
	ASSERT_EQ(0, mkdir(p->dir, 0777));
	ASSERT_EQ(0, open_err(p->file, O_WRONLY | O_CREAT));
	/* tmpfs has no user.* attributes before 6.6 */
	self->user_xattr = !setxattr(p->file, "user.wt", "v", 1, 0) ||
			   errno != EOPNOTSUPP;
}

FIXTURE_TEARDOWN(ta)
{
	remove_ipc(&self->p);
	if (wt_rm_rf(self->p.dir))
		TH_LOG("cannot remove %s", self->p.dir);
}

static void run_cases(struct __test_metadata *_metadata, struct place *p,
		      int user_xattr, const char *base, int primary,
		      const struct tcase *c, int n)
{
	int i, err, got, skipped = 0;

	for (i = 0; i < n; i++, c++) {
		if (is_ea(c->op) && !user_xattr) {
			skipped++;
			continue;
		}
		if (is_ipc(c->op))
			err = create_ipc(p, c->creator ? c->creator : &alice,
					 &c->obj);
		else
			err = prepare(p, &c->obj, &c->dir, needs_prog(c->op));
		EXPECT_EQ(0, err) {
			TH_LOG("case %d (%s, %s by %s): setup failed: %d", i,
			       c->what, op_names[c->op], c->who->name, err);
			continue;
		}
		got = run_op(primary, c->who, c->op, p);
		EXPECT_EQ(c->expect, got) {
			TH_LOG("case %d: %s by %s, %s: expected %s, got %s (%d)",
			       i, op_names[c->op], c->who->name, c->what,
			       c->expect ? strerror(c->expect) : "success",
			       got ? strerror(got) : "success", got);
		}
	}
	EXPECT_EQ(0, remove_ipc(p));
	if (skipped)
		TH_LOG("%d user xattr cases skipped: none on %s", skipped, base);
}

/* descriptors used by several cases */
#define EVERYONE_ALL	{ .n = 1, .r = { A(ALL, SID_EVERYONE) } }
#define ALICE_ALL_X(m)	{ .n = 2, .r = { A(ALL, SID_ALICE), A((m), SID_X) } }
#define USERS(m)	{ .n = 1, .r = { A((m), SID_USERS) } }
#define OWNED(o, cnt, ...) { .owner = (o), .n = (cnt), .r = { __VA_ARGS__ } }
#define OWNED_BY_ALICE() OWNED(SID_ALICE, 1, A(RD, SID_EVERYONE))

/*
 * Restricting SIDs: a second walk of the DACL with only the restricting
 * SIDs, and the token gets what both walks grant. Alice may do anything;
 * X (which she holds only as a restricting SID) may read.
 */
static const struct tcase restricting_sid_cases[] = {
	{ "alice all, X read", OPEN_R, ALICE_ALL_X(RD), {}, &alice, 0, NULL },
	{ "alice all, X read", OPEN_R, ALICE_ALL_X(RD), {}, &alice_rx, 0, NULL },
	{ "alice all", OPEN_R, { .n = 1, .r = { A(ALL, SID_ALICE) } }, {},
	  &alice, 0, NULL },
	{ "alice all", OPEN_R, { .n = 1, .r = { A(ALL, SID_ALICE) } }, {},
	  &alice_rx, EACCES, NULL },
	{ "alice all, X read", OPEN_W, ALICE_ALL_X(RD), {}, &alice, 0, NULL },
	{ "alice all, X read", OPEN_W, ALICE_ALL_X(RD), {}, &alice_rx, EACCES, NULL },
	{ "alice all, X read", OPEN_APPEND, ALICE_ALL_X(RD), {}, &alice, 0, NULL },
	{ "alice all, X read", OPEN_APPEND, ALICE_ALL_X(RD), {}, &alice_rx,
	  EACCES, NULL },
	{ "alice all, X read", OPEN_TRUNC, ALICE_ALL_X(RD), {}, &alice, 0, NULL },
	{ "alice all, X read", OPEN_TRUNC, ALICE_ALL_X(RD), {}, &alice_rx,
	  EACCES, NULL },
	{ "alice all, X read", TRUNCATE, ALICE_ALL_X(RD), {}, &alice, 0, NULL },
	{ "alice all, X read", TRUNCATE, ALICE_ALL_X(RD), {}, &alice_rx, EACCES,
	  NULL },
	{ "alice all, X read+write", OPEN_W,
	  ALICE_ALL_X(RD | WT_FILE_GENERIC_WRITE), {}, &alice_rx, 0, NULL },
	{ "alice all, X read", EXEC, ALICE_ALL_X(RD), {}, &alice, 0, NULL },
	{ "alice all, X read", EXEC, ALICE_ALL_X(RD), {}, &alice_rx, EACCES, NULL },
	{ "alice all, X read+execute", EXEC, ALICE_ALL_X(RDX), {}, &alice_rx, 0, NULL },
	{ "alice all, X read", MAP_X, ALICE_ALL_X(RD), {}, &alice, 0, NULL },
	{ "alice all, X read", MAP_X, ALICE_ALL_X(RD), {}, &alice_rx, EACCES, NULL },
	{ "alice all, X read+execute", MAP_X, ALICE_ALL_X(RDX), {}, &alice_rx,
	  0, NULL },
	{ "alice all, X read", MAP_R_THEN_X, ALICE_ALL_X(RD), {}, &alice, 0,
	  NULL },
	{ "alice all, X read", MAP_R_THEN_X, ALICE_ALL_X(RD), {}, &alice_rx,
	  EACCES, NULL },
	{ "alice all, X read+execute", MAP_R_THEN_X, ALICE_ALL_X(RDX), {},
	  &alice_rx, 0, NULL },
	{ "dir: alice all, X read", CREATE, {}, ALICE_ALL_X(RD), &alice, 0, NULL },
	{ "dir: alice all, X read", CREATE, {}, ALICE_ALL_X(RD), &alice_rx,
	  EACCES, NULL },
	{ "dir: alice all, X add file", CREATE, {},
	  ALICE_ALL_X(WT_FILE_ADD_FILE), &alice_rx, 0, NULL },
	{ "dir: alice all, X read", MKDIR, {}, ALICE_ALL_X(RD), &alice, 0, NULL },
	{ "dir: alice all, X read", MKDIR, {}, ALICE_ALL_X(RD), &alice_rx,
	  EACCES, NULL },
	{ "dir: alice all, X add subdir", MKDIR, {},
	  ALICE_ALL_X(WT_FILE_ADD_SUBDIRECTORY), &alice_rx, 0, NULL },
	{ "dir: alice all, X read", SYMLINK, {}, ALICE_ALL_X(RD), &alice, 0,
	  NULL },
	{ "dir: alice all, X read", SYMLINK, {}, ALICE_ALL_X(RD), &alice_rx,
	  EACCES, NULL },
	{ "dir: alice all, X add file", SYMLINK, {},
	  ALICE_ALL_X(WT_FILE_ADD_FILE), &alice_rx, 0, NULL },
	{ "dir: alice all, X read", MKFIFO, {}, ALICE_ALL_X(RD), &alice, 0,
	  NULL },
	{ "dir: alice all, X read", MKFIFO, {}, ALICE_ALL_X(RD), &alice_rx,
	  EACCES, NULL },
	{ "dir: alice all, X add file", MKFIFO, {},
	  ALICE_ALL_X(WT_FILE_ADD_FILE), &alice_rx, 0, NULL },
	{ "dir and parent: alice all, X read", RMDIR, ALICE_ALL_X(RD),
	  ALICE_ALL_X(RD), &alice, 0, NULL },
	{ "dir and parent: alice all, X read", RMDIR, ALICE_ALL_X(RD),
	  ALICE_ALL_X(RD), &alice_rx, EACCES, NULL },
	{ "parent: X delete child", RMDIR, ALICE_ALL_X(RD),
	  ALICE_ALL_X(RD | WT_FILE_DELETE_CHILD), &alice_rx, 0, NULL },
	{ "file and dir: alice all, X read", UNLINK, ALICE_ALL_X(RD),
	  ALICE_ALL_X(RD), &alice, 0, NULL },
	{ "file and dir: alice all, X read", UNLINK, ALICE_ALL_X(RD),
	  ALICE_ALL_X(RD), &alice_rx, EACCES, NULL },
	{ "file: X delete too", UNLINK, ALICE_ALL_X(RD | WT_DELETE),
	  ALICE_ALL_X(RD), &alice_rx, 0, NULL },
	{ "file and dir: alice all, X read", RENAME, ALICE_ALL_X(RD),
	  ALICE_ALL_X(RD), &alice, 0, NULL },
	{ "file and dir: alice all, X read", RENAME, ALICE_ALL_X(RD),
	  ALICE_ALL_X(RD), &alice_rx, EACCES, NULL },
	{ "file: X delete, dir: X add file", RENAME,
	  ALICE_ALL_X(RD | WT_DELETE), ALICE_ALL_X(RD | WT_FILE_ADD_FILE),
	  &alice_rx, 0, NULL },
	{ "file and dir: alice all, X read", LINK, ALICE_ALL_X(RD),
	  ALICE_ALL_X(RD), &alice, 0, NULL },
	{ "file and dir: alice all, X read", LINK, ALICE_ALL_X(RD),
	  ALICE_ALL_X(RD), &alice_rx, EACCES, NULL },
	{ "alice all, X read", TOUCH, ALICE_ALL_X(RD), {}, &alice, 0, NULL },
	{ "alice all, X read", TOUCH, ALICE_ALL_X(RD), {}, &alice_rx, EACCES, NULL },
	{ "alice all, X read", UTIMES, ALICE_ALL_X(RD), {}, &alice, 0, NULL },
	{ "alice all, X read", UTIMES, ALICE_ALL_X(RD), {}, &alice_rx, EACCES,
	  NULL },
	{ "alice all, X read+write attributes", TOUCH,
	  ALICE_ALL_X(RD | WT_FILE_WRITE_ATTRIBUTES), {}, &alice_rx, 0, NULL },
	{ "alice all, X read", CHOWN, ALICE_ALL_X(RD), {}, &alice, 0, NULL },
	{ "alice all, X read", CHOWN, ALICE_ALL_X(RD), {}, &alice_rx, EACCES, NULL },
	{ "alice all, X read", SET_DACL, ALICE_ALL_X(RD), {}, &alice, 0, NULL },
	{ "alice all, X read", SET_DACL, ALICE_ALL_X(RD), {}, &alice_rx,
	  EACCES, NULL },
	{ "alice all, X read", SET_OWNER, ALICE_ALL_X(RD), {}, &alice, 0, NULL },
	{ "alice all, X read", SET_OWNER, ALICE_ALL_X(RD), {}, &alice_rx,
	  EACCES, NULL },
	{ "alice all, X read EA", GET_EA, ALICE_ALL_X(WT_FILE_READ_EA), {},
	  &alice_rx, 0, NULL },
	{ "alice all, X read data", GET_EA, ALICE_ALL_X(WT_FILE_READ_DATA), {},
	  &alice, 0, NULL },
	{ "alice all, X read data", GET_EA, ALICE_ALL_X(WT_FILE_READ_DATA), {},
	  &alice_rx, EACCES, NULL },
	{ "alice all, X read EA", SET_EA, ALICE_ALL_X(WT_FILE_READ_EA), {},
	  &alice, 0, NULL },
	{ "alice all, X read EA", SET_EA, ALICE_ALL_X(WT_FILE_READ_EA), {},
	  &alice_rx, EACCES, NULL },
	{ "alice all, X read EA", DEL_EA, ALICE_ALL_X(WT_FILE_READ_EA), {},
	  &alice, 0, NULL },
	{ "alice all, X read EA", DEL_EA, ALICE_ALL_X(WT_FILE_READ_EA), {},
	  &alice_rx, EACCES, NULL },
	/* the owner's implicit rights need the owner among the restricting SIDs */
	{ "owner alice, Everyone read", CHMOD, OWNED_BY_ALICE(), {}, &alice, 0, NULL },
	{ "owner alice, Everyone read", CHMOD, OWNED_BY_ALICE(), {},
	  &alice_reveryone, EACCES, NULL },
	{ "owner alice, Everyone read", CHMOD, OWNED_BY_ALICE(), {},
	  &alice_ralice, 0, NULL },
	{ "owner alice, Everyone read", OPEN_R, OWNED_BY_ALICE(), {},
	  &alice_reveryone, 0, NULL },
	/* a deny ACE for a restricting SID denies in the second walk only */
	{ "deny X write, allow alice and X all", OPEN_W,
	  { .n = 3, .r = { D(WR_DATA, SID_X), A(ALL, SID_ALICE),
			   A(ALL, SID_X) } }, {}, &alice, 0, NULL },
	{ "deny X write, allow alice and X all", OPEN_W,
	  { .n = 3, .r = { D(WR_DATA, SID_X), A(ALL, SID_ALICE),
			   A(ALL, SID_X) } }, {}, &alice_rx, EACCES, NULL },
	{ "deny X write, allow alice and X all", OPEN_R,
	  { .n = 3, .r = { D(WR_DATA, SID_X), A(ALL, SID_ALICE),
			   A(ALL, SID_X) } }, {}, &alice_rx, 0, NULL },
	/* IPC objects alice made: her default DACL names alice and SYSTEM */
	{ "alice's objects", MSGSND, {}, {}, &alice, 0, NULL },
	{ "alice's objects", MSGSND, {}, {}, &alice_reveryone, EACCES, NULL },
	{ "alice's objects", MSGSND, {}, {}, &alice_ralice, 0, NULL },
	{ "alice's objects", MSGRCV, {}, {}, &alice, 0, NULL },
	{ "alice's objects", MSGRCV, {}, {}, &alice_reveryone, EACCES, NULL },
	{ "alice's objects", Q_STAT, {}, {}, &alice, 0, NULL },
	{ "alice's objects", Q_STAT, {}, {}, &alice_reveryone, EACCES, NULL },
	{ "alice's objects", Q_SET, {}, {}, &alice, 0, NULL },
	{ "alice's objects", Q_SET, {}, {}, &alice_reveryone, EACCES, NULL },
	{ "alice's objects", Q_RMID, {}, {}, &alice, 0, NULL },
	{ "alice's objects", Q_RMID, {}, {}, &alice_reveryone, EACCES, NULL },
	{ "alice's objects", Q_RMID, {}, {}, &alice_ralice, 0, NULL },
	{ "alice's objects", SEM_ALTER, {}, {}, &alice, 0, NULL },
	{ "alice's objects", SEM_ALTER, {}, {}, &alice_reveryone, EACCES, NULL },
	{ "alice's objects", SEM_ALTER, {}, {}, &alice_ralice, 0, NULL },
	{ "alice's objects", SEM_READ, {}, {}, &alice_reveryone, EACCES, NULL },
	{ "alice's objects", SEM_READ, {}, {}, &alice_ralice, 0, NULL },
	{ "alice's objects", SHM_RO, {}, {}, &alice_reveryone, EACCES, NULL },
	{ "alice's objects", SHM_RW, {}, {}, &alice, 0, NULL },
	{ "alice's objects", SHM_RW, {}, {}, &alice_reveryone, EACCES, NULL },
	{ "alice's objects", SHM_RO, {}, {}, &alice_ralice, 0, NULL },
};

TEST_F(ta, restricting_sids)
{
	run_cases(_metadata, &self->p, self->user_xattr, variant->base,
		  variant->primary, restricting_sid_cases, ARRAY_SIZE(restricting_sid_cases));
}

/*
 * Deny-only SIDs match deny ACEs and nothing else: an allow ACE for
 * them grants nothing, a deny ACE still denies, and a deny-only user is
 * not the owner any more.
 */
static const struct tcase deny_only_cases[] = {
	{ "users read", OPEN_R, USERS(RD), {}, &alice, 0, NULL },
	{ "users read", OPEN_R, USERS(RD), {}, &alice_dusers, EACCES, NULL },
	{ "users all", OPEN_W, USERS(ALL), {}, &alice, 0, NULL },
	{ "users all", OPEN_W, USERS(ALL), {}, &alice_dusers, EACCES, NULL },
	{ "users all", OPEN_APPEND, USERS(ALL), {}, &alice, 0, NULL },
	{ "users all", OPEN_APPEND, USERS(ALL), {}, &alice_dusers, EACCES, NULL },
	{ "users all", OPEN_TRUNC, USERS(ALL), {}, &alice, 0, NULL },
	{ "users all", OPEN_TRUNC, USERS(ALL), {}, &alice_dusers, EACCES, NULL },
	{ "users all", TRUNCATE, USERS(ALL), {}, &alice, 0, NULL },
	{ "users all", TRUNCATE, USERS(ALL), {}, &alice_dusers, EACCES, NULL },
	{ "users read+execute", MAP_R_THEN_X, USERS(RDX), {}, &alice, 0, NULL },
	{ "users read+execute", MAP_R_THEN_X, USERS(RDX), {}, &alice_dusers,
	  EACCES, NULL },
	{ "users read+execute", EXEC, USERS(RDX), {}, &alice, 0, NULL },
	{ "users read+execute", EXEC, USERS(RDX), {}, &alice_dusers, EACCES, NULL },
	{ "users read+execute", MAP_X, USERS(RDX), {}, &alice, 0, NULL },
	{ "users read+execute", MAP_X, USERS(RDX), {}, &alice_dusers, EACCES, NULL },
	{ "dir: users all", CREATE, {}, USERS(ALL), &alice, 0, NULL },
	{ "dir: users all", CREATE, {}, USERS(ALL), &alice_dusers, EACCES, NULL },
	{ "dir: users all", MKDIR, {}, USERS(ALL), &alice, 0, NULL },
	{ "dir: users all", MKDIR, {}, USERS(ALL), &alice_dusers, EACCES, NULL },
	{ "dir: users all", SYMLINK, {}, USERS(ALL), &alice, 0, NULL },
	{ "dir: users all", SYMLINK, {}, USERS(ALL), &alice_dusers, EACCES,
	  NULL },
	{ "dir: users all", MKFIFO, {}, USERS(ALL), &alice, 0, NULL },
	{ "dir: users all", MKFIFO, {}, USERS(ALL), &alice_dusers, EACCES,
	  NULL },
	{ "dir and parent: users all", RMDIR, USERS(ALL), USERS(ALL), &alice, 0,
	  NULL },
	{ "dir and parent: users all", RMDIR, USERS(ALL), USERS(ALL),
	  &alice_dusers, EACCES, NULL },
	{ "file and dir: users all", UNLINK, USERS(ALL), USERS(ALL), &alice, 0, NULL },
	{ "file and dir: users all", UNLINK, USERS(ALL), USERS(ALL),
	  &alice_dusers, EACCES, NULL },
	{ "file and dir: users all", RENAME, USERS(ALL), USERS(ALL), &alice, 0, NULL },
	{ "file and dir: users all", RENAME, USERS(ALL), USERS(ALL),
	  &alice_dusers, EACCES, NULL },
	{ "file and dir: users all", LINK, USERS(ALL), USERS(ALL), &alice, 0, NULL },
	{ "file and dir: users all", LINK, USERS(ALL), USERS(ALL),
	  &alice_dusers, EACCES, NULL },
	{ "users all", TOUCH, USERS(ALL), {}, &alice, 0, NULL },
	{ "users all", TOUCH, USERS(ALL), {}, &alice_dusers, EACCES, NULL },
	{ "users all", UTIMES, USERS(ALL), {}, &alice, 0, NULL },
	{ "users all", UTIMES, USERS(ALL), {}, &alice_dusers, EACCES, NULL },
	{ "users all", CHOWN, USERS(ALL), {}, &alice, 0, NULL },
	{ "users all", CHOWN, USERS(ALL), {}, &alice_dusers, EACCES, NULL },
	{ "users all", SET_DACL, USERS(ALL), {}, &alice, 0, NULL },
	{ "users all", SET_DACL, USERS(ALL), {}, &alice_dusers, EACCES, NULL },
	{ "users all", GET_EA, USERS(ALL), {}, &alice, 0, NULL },
	{ "users all", GET_EA, USERS(ALL), {}, &alice_dusers, EACCES, NULL },
	{ "users all", SET_EA, USERS(ALL), {}, &alice, 0, NULL },
	{ "users all", SET_EA, USERS(ALL), {}, &alice_dusers, EACCES, NULL },
	{ "users all", DEL_EA, USERS(ALL), {}, &alice, 0, NULL },
	{ "users all", DEL_EA, USERS(ALL), {}, &alice_dusers, EACCES, NULL },
	/* a deny ACE still matches a deny-only SID; Everyone still grants */
	{ "deny users write, Everyone all", OPEN_W,
	  { .n = 2, .r = { D(WR_DATA, SID_USERS), A(ALL, SID_EVERYONE) } },
	  {}, &alice, EACCES, NULL },
	{ "deny users write, Everyone all", OPEN_W,
	  { .n = 2, .r = { D(WR_DATA, SID_USERS), A(ALL, SID_EVERYONE) } },
	  {}, &alice_dusers, EACCES, NULL },
	{ "deny users write, Everyone all", OPEN_R,
	  { .n = 2, .r = { D(WR_DATA, SID_USERS), A(ALL, SID_EVERYONE) } },
	  {}, &alice_dusers, 0, NULL },
	{ "Everyone all", OPEN_W, EVERYONE_ALL, {}, &alice_dusers, 0, NULL },
	/* the user SID deny-only: her own ACE is gone, a group's stays */
	{ "alice all", OPEN_R, { .n = 1, .r = { A(ALL, SID_ALICE) } }, {},
	  &alice, 0, NULL },
	{ "alice all", OPEN_R, { .n = 1, .r = { A(ALL, SID_ALICE) } }, {},
	  &alice_dalice, EACCES, NULL },
	{ "alice all, users read", OPEN_R,
	  { .n = 2, .r = { A(ALL, SID_ALICE), A(RD, SID_USERS) } }, {},
	  &alice_dalice, 0, NULL },
	{ "deny alice read, users read", OPEN_R,
	  { .n = 2, .r = { D(RD, SID_ALICE), A(RD, SID_USERS) } }, {},
	  &alice_dalice, EACCES, NULL },
	/* ... and she is no longer the owner: no implicit WRITE_DAC */
	{ "owner alice, Everyone read", CHMOD, OWNED_BY_ALICE(), {}, &alice, 0, NULL },
	{ "owner alice, Everyone read", CHMOD, OWNED_BY_ALICE(), {},
	  &alice_dalice, EACCES, NULL },
	{ "owner alice, Everyone read", SET_DACL, OWNED_BY_ALICE(), {},
	  &alice, 0, NULL },
	{ "owner alice, Everyone read", SET_DACL, OWNED_BY_ALICE(), {},
	  &alice_dalice, EACCES, NULL },
	/* IPC objects alice made (alice and SYSTEM in the DACL) */
	{ "alice's objects", MSGSND, {}, {}, &alice_dalice, EACCES, NULL },
	{ "alice's objects", MSGSND, {}, {}, &alice_dusers, 0, NULL },
	{ "alice's objects", MSGRCV, {}, {}, &alice, 0, NULL },
	{ "alice's objects", MSGRCV, {}, {}, &alice_dalice, EACCES, NULL },
	{ "alice's objects", Q_STAT, {}, {}, &alice, 0, NULL },
	{ "alice's objects", Q_STAT, {}, {}, &alice_dalice, EACCES, NULL },
	{ "alice's objects", Q_RMID, {}, {}, &alice, 0, NULL },
	{ "alice's objects", Q_RMID, {}, {}, &alice_dalice, EACCES, NULL },
	{ "alice's objects", SEM_ALTER, {}, {}, &alice, 0, NULL },
	{ "alice's objects", SEM_ALTER, {}, {}, &alice_dalice, EACCES, NULL },
	{ "alice's objects", SEM_READ, {}, {}, &alice, 0, NULL },
	{ "alice's objects", SEM_READ, {}, {}, &alice_dalice, EACCES, NULL },
	{ "alice's objects", SHM_RW, {}, {}, &alice, 0, NULL },
	{ "alice's objects", SHM_RW, {}, {}, &alice_dalice, EACCES, NULL },
	{ "alice's objects", SHM_RO, {}, {}, &alice_dalice, EACCES, NULL },
	{ "alice's objects", SHM_RO, {}, {}, &alice, 0, NULL },
};

TEST_F(ta, deny_only_sids)
{
	run_cases(_metadata, &self->p, self->user_xattr, variant->base,
		  variant->primary, deny_only_cases, ARRAY_SIZE(deny_only_cases));
}

#define LABELLED(rid, pol) { .n = 1, .r = { A(ALL, SID_EVERYONE) }, \
			     .label = (rid), .policy = (pol) }

/*
 * Mandatory integrity: an object without a label is Medium, no write up.
 * A Low token keeps read and execute on it and loses every other right
 * (write, append, DELETE, WRITE_DAC, WRITE_OWNER, attributes, EAs), even
 * where the DACL grants Everyone everything.
 */
static const struct tcase integrity_cases[] = {
	{ "Everyone all", OPEN_R, EVERYONE_ALL, {}, &alice, 0, NULL },
	{ "Everyone all", OPEN_R, EVERYONE_ALL, {}, &alice_low, 0, NULL },
	{ "Everyone all", OPEN_W, EVERYONE_ALL, {}, &alice, 0, NULL },
	{ "Everyone all", OPEN_W, EVERYONE_ALL, {}, &alice_low, EACCES, NULL },
	{ "Everyone all", OPEN_APPEND, EVERYONE_ALL, {}, &alice, 0, NULL },
	{ "Everyone all", OPEN_APPEND, EVERYONE_ALL, {}, &alice_low, EACCES, NULL },
	{ "Everyone all", OPEN_TRUNC, EVERYONE_ALL, {}, &alice, 0, NULL },
	{ "Everyone all", OPEN_TRUNC, EVERYONE_ALL, {}, &alice_low, EACCES, NULL },
	{ "Everyone all", TRUNCATE, EVERYONE_ALL, {}, &alice, 0, NULL },
	{ "Everyone all", TRUNCATE, EVERYONE_ALL, {}, &alice_low, EACCES, NULL },
	{ "Everyone all, Low label", OPEN_W, LABELLED(WT_INTEGRITY_LOW,
	  NO_WRITE_UP), {}, &alice_low, 0, NULL },
	{ "Everyone all, Medium label no read up", OPEN_R,
	  LABELLED(WT_INTEGRITY_MEDIUM, NO_WRITE_UP | NO_READ_UP), {},
	  &alice, 0, NULL },
	{ "Everyone all, Medium label no read up", OPEN_R,
	  LABELLED(WT_INTEGRITY_MEDIUM, NO_WRITE_UP | NO_READ_UP), {},
	  &alice_low, EACCES, NULL },
	/* Medium (alice's own level) cannot write up to a High label */
	{ "Everyone all, High label", OPEN_W, LABELLED(WT_INTEGRITY_HIGH,
	  NO_WRITE_UP), {}, &alice, EACCES, NULL },
	{ "Everyone all, High label", OPEN_R, LABELLED(WT_INTEGRITY_HIGH,
	  NO_WRITE_UP), {}, &alice, 0, NULL },
	{ "Everyone all", EXEC, EVERYONE_ALL, {}, &alice_low, 0, NULL },
	{ "Everyone all, Medium label no execute up", EXEC,
	  LABELLED(WT_INTEGRITY_MEDIUM, NO_WRITE_UP | NO_EXECUTE_UP), {},
	  &alice, 0, NULL },
	{ "Everyone all, Medium label no execute up", EXEC,
	  LABELLED(WT_INTEGRITY_MEDIUM, NO_WRITE_UP | NO_EXECUTE_UP), {},
	  &alice_low, EACCES, NULL },
	{ "Everyone all", MAP_X, EVERYONE_ALL, {}, &alice_low, 0, NULL },
	{ "Everyone all, Medium label no execute up", MAP_X,
	  LABELLED(WT_INTEGRITY_MEDIUM, NO_WRITE_UP | NO_EXECUTE_UP), {},
	  &alice, 0, NULL },
	{ "Everyone all, Medium label no execute up", MAP_X,
	  LABELLED(WT_INTEGRITY_MEDIUM, NO_WRITE_UP | NO_EXECUTE_UP), {},
	  &alice_low, EACCES, NULL },
	{ "dir: Everyone all", CREATE, {}, EVERYONE_ALL, &alice, 0, NULL },
	{ "dir: Everyone all", CREATE, {}, EVERYONE_ALL, &alice_low, EACCES, NULL },
	{ "dir: Everyone all, Low label", CREATE, {},
	  LABELLED(WT_INTEGRITY_LOW, NO_WRITE_UP), &alice_low, 0, NULL },
	{ "Everyone all", MAP_R_THEN_X, EVERYONE_ALL, {}, &alice_low, 0, NULL },
	{ "Everyone all, Medium label no execute up", MAP_R_THEN_X,
	  LABELLED(WT_INTEGRITY_MEDIUM, NO_WRITE_UP | NO_EXECUTE_UP), {},
	  &alice, 0, NULL },
	{ "Everyone all, Medium label no execute up", MAP_R_THEN_X,
	  LABELLED(WT_INTEGRITY_MEDIUM, NO_WRITE_UP | NO_EXECUTE_UP), {},
	  &alice_low, EACCES, NULL },
	{ "dir: Everyone all", SYMLINK, {}, EVERYONE_ALL, &alice, 0, NULL },
	{ "dir: Everyone all", SYMLINK, {}, EVERYONE_ALL, &alice_low, EACCES,
	  NULL },
	{ "dir: Everyone all, Low label", SYMLINK, {},
	  LABELLED(WT_INTEGRITY_LOW, NO_WRITE_UP), &alice_low, 0, NULL },
	{ "dir: Everyone all", MKFIFO, {}, EVERYONE_ALL, &alice, 0, NULL },
	{ "dir: Everyone all", MKFIFO, {}, EVERYONE_ALL, &alice_low, EACCES,
	  NULL },
	{ "dir: Everyone all, Low label", MKFIFO, {},
	  LABELLED(WT_INTEGRITY_LOW, NO_WRITE_UP), &alice_low, 0, NULL },
	{ "dir and parent: Everyone all", RMDIR, EVERYONE_ALL, EVERYONE_ALL,
	  &alice, 0, NULL },
	{ "dir and parent: Everyone all", RMDIR, EVERYONE_ALL, EVERYONE_ALL,
	  &alice_low, EACCES, NULL },
	{ "dir Medium, parent Low label", RMDIR, EVERYONE_ALL,
	  LABELLED(WT_INTEGRITY_LOW, NO_WRITE_UP), &alice_low, 0, NULL },
	{ "dir: Everyone all", MKDIR, {}, EVERYONE_ALL, &alice, 0, NULL },
	{ "dir: Everyone all", MKDIR, {}, EVERYONE_ALL, &alice_low, EACCES, NULL },
	{ "dir: Everyone all, Low label", MKDIR, {},
	  LABELLED(WT_INTEGRITY_LOW, NO_WRITE_UP), &alice_low, 0, NULL },
	{ "file and dir: Everyone all", UNLINK, EVERYONE_ALL, EVERYONE_ALL,
	  &alice, 0, NULL },
	{ "file and dir: Everyone all", UNLINK, EVERYONE_ALL, EVERYONE_ALL,
	  &alice_low, EACCES, NULL },
	/* FILE_DELETE_CHILD on a Low directory is enough */
	{ "file Medium, dir Low label", UNLINK, EVERYONE_ALL,
	  LABELLED(WT_INTEGRITY_LOW, NO_WRITE_UP), &alice_low, 0, NULL },
	{ "file and dir: Everyone all", RENAME, EVERYONE_ALL, EVERYONE_ALL,
	  &alice, 0, NULL },
	{ "file and dir: Everyone all", RENAME, EVERYONE_ALL, EVERYONE_ALL,
	  &alice_low, EACCES, NULL },
	{ "file Medium, dir Low label", RENAME, EVERYONE_ALL,
	  LABELLED(WT_INTEGRITY_LOW, NO_WRITE_UP), &alice_low, 0, NULL },
	{ "file and dir: Everyone all", LINK, EVERYONE_ALL, EVERYONE_ALL,
	  &alice, 0, NULL },
	{ "file and dir: Everyone all", LINK, EVERYONE_ALL, EVERYONE_ALL,
	  &alice_low, EACCES, NULL },
	{ "Everyone all", TOUCH, EVERYONE_ALL, {}, &alice, 0, NULL },
	{ "Everyone all", TOUCH, EVERYONE_ALL, {}, &alice_low, EACCES, NULL },
	{ "Everyone all", UTIMES, EVERYONE_ALL, {}, &alice, 0, NULL },
	{ "Everyone all", UTIMES, EVERYONE_ALL, {}, &alice_low, EACCES, NULL },
	{ "owner alice, Everyone all", CHMOD,
	  OWNED(SID_ALICE, 1, A(ALL, SID_EVERYONE)), {}, &alice, 0, NULL },
	{ "owner alice, Everyone all", CHMOD,
	  OWNED(SID_ALICE, 1, A(ALL, SID_EVERYONE)), {}, &alice_low,
	  EACCES, NULL },
	{ "Everyone all", CHOWN, EVERYONE_ALL, {}, &alice, 0, NULL },
	{ "Everyone all", CHOWN, EVERYONE_ALL, {}, &alice_low, EACCES, NULL },
	{ "Everyone all", SET_DACL, EVERYONE_ALL, {}, &alice, 0, NULL },
	{ "Everyone all", SET_DACL, EVERYONE_ALL, {}, &alice_low, EACCES, NULL },
	{ "Everyone all", GET_EA, EVERYONE_ALL, {}, &alice_low, 0, NULL },
	{ "Everyone all, Medium label no read up", GET_EA,
	  LABELLED(WT_INTEGRITY_MEDIUM, NO_WRITE_UP | NO_READ_UP), {},
	  &alice, 0, NULL },
	{ "Everyone all, Medium label no read up", GET_EA,
	  LABELLED(WT_INTEGRITY_MEDIUM, NO_WRITE_UP | NO_READ_UP), {},
	  &alice_low, EACCES, NULL },
	{ "Everyone all", SET_EA, EVERYONE_ALL, {}, &alice, 0, NULL },
	{ "Everyone all", SET_EA, EVERYONE_ALL, {}, &alice_low, EACCES, NULL },
	{ "Everyone all", DEL_EA, EVERYONE_ALL, {}, &alice, 0, NULL },
	{ "Everyone all", DEL_EA, EVERYONE_ALL, {}, &alice_low, EACCES, NULL },
	{ "Everyone all, Low label", SET_EA, LABELLED(WT_INTEGRITY_LOW,
	  NO_WRITE_UP), {}, &alice_low, 0, NULL },
	/* IPC objects made by alice at Medium (no label) and at Low */
	{ "alice's objects", MSGSND, {}, {}, &alice, 0, NULL },
	{ "alice's objects", MSGSND, {}, {}, &alice_low, EACCES, NULL },
	{ "alice's objects", MSGRCV, {}, {}, &alice_low, 0, NULL },
	{ "alice's objects", Q_STAT, {}, {}, &alice_low, 0, NULL },
	{ "alice's objects", Q_SET, {}, {}, &alice, 0, NULL },
	{ "alice's objects", Q_SET, {}, {}, &alice_low, EACCES, NULL },
	{ "alice's objects", Q_RMID, {}, {}, &alice, 0, NULL },
	{ "alice's objects", Q_RMID, {}, {}, &alice_low, EACCES, NULL },
	{ "alice's objects", SEM_ALTER, {}, {}, &alice, 0, NULL },
	{ "alice's objects", SEM_ALTER, {}, {}, &alice_low, EACCES, NULL },
	{ "alice's objects", SEM_READ, {}, {}, &alice_low, 0, NULL },
	{ "alice's objects", SHM_RW, {}, {}, &alice, 0, NULL },
	{ "alice's objects", SHM_RW, {}, {}, &alice_low, EACCES, NULL },
	{ "alice's objects", SHM_RO, {}, {}, &alice_low, 0, NULL },
	{ "made at Low", MSGSND, {}, {}, &alice_low, 0, &alice_low },
	{ "made at Low", Q_RMID, {}, {}, &alice_low, 0, &alice_low },
	{ "made at Low", SEM_ALTER, {}, {}, &alice_low, 0, &alice_low },
	{ "made at Low", SHM_RW, {}, {}, &alice_low, 0, &alice_low },
};

TEST_F(ta, low_integrity)
{
	run_cases(_metadata, &self->p, self->user_xattr, variant->base,
		  variant->primary, integrity_cases, ARRAY_SIZE(integrity_cases));
}

/*
 * OWNER RIGHTS (S-1-3-4): when an effective ACE names it, the owner's
 * implicit READ_CONTROL and WRITE_DAC are replaced by what those ACEs
 * say; an inherit-only one does not count.
 */
static const struct tcase owner_rights_cases[] = {
	{ "owner alice, Everyone read", CHMOD, OWNED_BY_ALICE(), {}, &alice, 0, NULL },
	{ "owner alice, OWNER RIGHTS read control, Everyone read", CHMOD,
	  OWNED(SID_ALICE, 2, A(WT_READ_CONTROL, SID_OWNER_RIGHTS),
		A(RD, SID_EVERYONE)), {}, &alice,
	  EACCES, NULL },
	{ "owner alice, Everyone read", SET_DACL, OWNED_BY_ALICE(), {},
	  &alice, 0, NULL },
	{ "owner alice, OWNER RIGHTS read control, Everyone read", SET_DACL,
	  OWNED(SID_ALICE, 2, A(WT_READ_CONTROL, SID_OWNER_RIGHTS),
		A(RD, SID_EVERYONE)), {}, &alice,
	  EACCES, NULL },
	{ "owner alice, inherit-only OWNER RIGHTS, Everyone read", CHMOD,
	  OWNED(SID_ALICE, 2,
		{ 0, WT_OBJECT_INHERIT_ACE | WT_INHERIT_ONLY_ACE,
		  WT_READ_CONTROL, SID_OWNER_RIGHTS },
		A(RD, SID_EVERYONE)), {}, &alice, 0, NULL },
	{ "owner alice, Everyone all", CHMOD,
	  OWNED(SID_ALICE, 1, A(ALL, SID_EVERYONE)), {}, &alice, 0, NULL },
	{ "owner alice, deny OWNER RIGHTS write DAC, Everyone all", CHMOD,
	  OWNED(SID_ALICE, 2, D(WT_WRITE_DAC, SID_OWNER_RIGHTS),
		A(ALL, SID_EVERYONE)), {}, &alice,
	  EACCES, NULL },
	/* an OWNER RIGHTS allow ACE grants the owner only */
	{ "owner alice, OWNER RIGHTS read+write", OPEN_W,
	  { .owner = SID_ALICE, .n = 1,
	    .r = { A(RD | WT_FILE_GENERIC_WRITE, SID_OWNER_RIGHTS) } }, {},
	  &alice, 0, NULL },
	{ "owner bob, OWNER RIGHTS read+write", OPEN_W,
	  { .owner = SID_BOB, .n = 1,
	    .r = { A(RD | WT_FILE_GENERIC_WRITE, SID_OWNER_RIGHTS) } }, {},
	  &alice, EACCES, NULL },
	/* the queue alice made: she owns it */
	{ "Everyone read+write+delete", Q_SET_DACL,
	  { .n = 1, .r = { A(IPC_RWD, SID_EVERYONE) } }, {},
	  &alice, 0, NULL },
	{ "OWNER RIGHTS read control, Everyone read+write+delete",
	  Q_SET_DACL,
	  { .n = 2, .r = { A(WT_READ_CONTROL, SID_OWNER_RIGHTS),
			   A(IPC_RWD, SID_EVERYONE) } }, {},
	  &alice, EACCES, NULL },
	{ "OWNER RIGHTS read+write+delete", MSGSND,
	  { .n = 1, .r = { A(IPC_RWD, SID_OWNER_RIGHTS) } },
	  {}, &alice, 0, NULL },
	{ "OWNER RIGHTS read+write+delete", MSGSND,
	  { .n = 1, .r = { A(IPC_RWD, SID_OWNER_RIGHTS) } },
	  {}, &alice_dalice, EACCES, NULL },
};

TEST_F(ta, owner_rights)
{
	run_cases(_metadata, &self->p, self->user_xattr, variant->base,
		  variant->primary, owner_rights_cases, ARRAY_SIZE(owner_rights_cases));
}

#define ALICE_ONLY { .owner = SID_ALICE, .n = 1, .r = { A(ALL, SID_ALICE) } }

/*
 * Privileges of root's token, on a file whose DACL leaves root out:
 * SeTakeOwnership grants WRITE_OWNER, SeBackup and SeRestore grant reading
 * and writing with backup intent; only when enabled, never once a
 * restricted token deleted them, and restricting SIDs do not take away
 * what a privilege grants.
 */
static const struct tcase privilege_cases[] = {
	{ "owner alice, alice all", CHOWN, ALICE_ONLY, {}, &root, EACCES, NULL },
	{ "owner alice, alice all", CHOWN, ALICE_ONLY, {}, &root_take, 0, NULL },
	{ "owner alice, alice all", CHOWN, ALICE_ONLY, {}, &root_no_take,
	  EACCES, NULL },
	/*
	 * wintok grants the chown, Linux then refuses it: a restricted root
	 * token gives uid 0 no capability, so no CAP_CHOWN (issue 13). The
	 * owner set through wintok alone shows the privilege still works.
	 */
	{ "owner alice, alice all", CHOWN, ALICE_ONLY, {},
	  &root_reveryone_take, EPERM, NULL },
	{ "owner alice, alice all", SET_OWNER, ALICE_ONLY, {},
	  &root_reveryone_take, 0, NULL },
	{ "owner alice, alice all", SET_OWNER, ALICE_ONLY, {}, &root, EACCES, NULL },
	{ "owner alice, alice all", SET_OWNER, ALICE_ONLY, {}, &root_take, 0, NULL },
	{ "owner alice, alice all", SET_OWNER, ALICE_ONLY, {}, &root_no_take,
	  EACCES, NULL },
	{ "owner alice, alice all", BACKUP_R, ALICE_ONLY, {}, &root, EACCES, NULL },
	{ "owner alice, alice all", BACKUP_R, ALICE_ONLY, {}, &root_backup, 0, NULL },
	{ "owner alice, alice all", BACKUP_R, ALICE_ONLY, {}, &root_no_backup,
	  EACCES, NULL },
	{ "owner alice, alice all", BACKUP_R, ALICE_ONLY, {},
	  &root_max_backup, EACCES, NULL },
	{ "owner alice, alice all", BACKUP_R, ALICE_ONLY, {},
	  &root_reveryone_backup, 0, NULL },
	/* the privilege works only with backup intent */
	{ "owner alice, alice all", OPEN_R, ALICE_ONLY, {}, &root_backup,
	  EACCES, NULL },
	{ "owner alice, alice all", BACKUP_W, ALICE_ONLY, {}, &root_backup,
	  EACCES, NULL },
	{ "owner alice, alice all", BACKUP_W, ALICE_ONLY, {}, &root_restore, 0, NULL },
	{ "owner alice, alice all", BACKUP_W, ALICE_ONLY, {}, &root_no_restore,
	  EACCES, NULL },
	/* what a privilege grants, integrity still withholds from Low */
	{ "owner alice, alice all", CHOWN, ALICE_ONLY, {}, &root_low_take,
	  EACCES, NULL },
	{ "owner alice, alice all", BACKUP_R, ALICE_ONLY, {}, &root_low_backup,
	  0, NULL },
	{ "owner alice, alice all", BACKUP_W, ALICE_ONLY, {}, &root_low_restore,
	  EACCES, NULL },
};

TEST_F(ta, privileges)
{
	run_cases(_metadata, &self->p, self->user_xattr, variant->base,
		  variant->primary, privilege_cases, ARRAY_SIZE(privilege_cases));
}

/*
 * Assigning alice's token while the real uid is still 0 used to set the
 * real uid without moving cred->user and the RLIMIT_NPROC count; an
 * execve (begin_new_exec() calls set_cred_ucounts()) then moved the cred
 * to alice's ucounts without the increment, and the exit took alice's
 * count below zero (WARNING at kernel/ucount.c:285). Now the assignment
 * is refused with EPERM until the real uid is the token's; set first, the
 * assignment and the exec leave no warning.
 */
TEST(assign_needs_the_real_uid_and_keeps_nproc_count)
{
	char line[512];
	int kmsg, found = 0;
	ssize_t n;
	pid_t pid;

	kmsg = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	ASSERT_LE(0, kmsg);
	lseek(kmsg, 0, SEEK_END);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int dev = open("/dev/wintok", O_RDWR | O_CLOEXEC), tok, own;

		if (dev < 0 || setgroups(0, NULL) ||
		    setresgid(WT_GID_USERS, WT_GID_USERS, WT_GID_USERS) ||
		    setresuid(-1, WT_UID_ALICE, 0))
			_exit(SETUP_FAILED + 1);
		tok = wt_open_process_token(dev, TOKEN_RIGHTS, NULL);
		if (tok < 0 || setresuid(-1, 0, -1))
			_exit(SETUP_FAILED + 2);
		own = wt_open_process_token(dev, WT_TOKEN_ADJUST_PRIVILEGES,
					    NULL);
		if (own < 0 ||
		    enable_priv(own, WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE, NULL))
			_exit(SETUP_FAILED + 3);
		if (!wt_assign_primary_token(dev, tok) || errno != EPERM)
			_exit(1);
		if (setresuid(WT_UID_ALICE, -1, -1) ||
		    wt_assign_primary_token(dev, tok))
			_exit(2);
		if (getuid() != WT_UID_ALICE || geteuid() != WT_UID_ALICE)
			_exit(3);
		execl("/bin/busybox", "true", (char *)NULL);
		_exit(SETUP_FAILED + 4);
	}
	EXPECT_EQ(0, wt_reap(pid));
	while ((n = read(kmsg, line, sizeof(line) - 1)) > 0) {
		line[n] = '\0';
		if (strstr(line, "dec_rlimit_ucounts") ||
		    strstr(line, "kernel/ucount.c"))
			found = 1;
	}
	close(kmsg);
	EXPECT_EQ(0, found);
}

TEST(no_internal_errors)
{
	static const char *const params[] = { "file_errors", "ipc_errors" };
	char path[96], buf[32];
	unsigned int i;
	int fd;

	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "/sys/module/wintok/parameters/%s",
			 params[i]);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		ASSERT_LE(0, fd);
		memset(buf, 0, sizeof(buf));
		ASSERT_LT(0, read(fd, buf, sizeof(buf) - 1));
		close(fd);
		EXPECT_EQ(0, atol(buf)) {
			TH_LOG("%s: %s", params[i], buf);
		}
	}
}

TEST_HARNESS_MAIN
