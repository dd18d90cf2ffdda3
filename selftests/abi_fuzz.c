// SPDX-License-Identifier: GPL-2.0
/*
 * abi_fuzz - a structured, seeded, time-bounded fuzzer of the whole wintok
 * ABI, run inside the test VM.
 *
 * What it calls, from five processes at once (root; alice; root lowered
 * to Low integrity; root on a restricted primary token; bob), each with
 * two threads:
 * - every ioctl of /dev/wintok and of token handles, from a valid
 *   argument that is then mutated: the size field (below the first
 *   version, larger with zero or non-zero tail, above a page), the
 *   placement of the argument (unaligned, across a page into a PROT_NONE
 *   page, NULL, unmapped, a kernel address), reserved fields, flags,
 *   counts, classes and the user pointers inside it; valid calls are
 *   mixed in so that handles are opened, duplicated, restricted and
 *   adjusted and threads impersonate, which reaches deeper states;
 * - every command of the "wintok" generic netlink family over raw netlink
 *   sockets, with attributes missing, duplicated, of the wrong size or
 *   type, oversized, unknown or only sent by the kernel, and bad headers;
 * - raw setxattr/getxattr/removexattr of security.wintok with mutated SD
 *   bytes on tmpfs and ext4 files owned by root, alice and bob;
 * - token handles (and netlink sockets) passed between the processes with
 *   SCM_RIGHTS; the receiver checks the handle kept its rights, then
 *   uses it.
 *
 * Invariants: every failed call returns an errno that
 * Documentation/userspace-api/wintok.rst documents for that command (the
 * tables below are taken from it); an argument that must be refused
 * (size below the first version or above a page, non-zero unknown tail,
 * non-zero reserved field, unknown flag bit) never succeeds; a too-small
 * buffer is left untouched; a handle keeps its rights across SCM_RIGHTS;
 * the module's live counters return to their start values and its
 * internal error counters do not move; no kernel report (the console is
 * scanned by tools/tapsum.py). The errno count of every command is
 * printed at the end.
 *
 * WT_FUZZ_SECS sets the duration (default 60; the VM takes it from
 * wt.fuzz_secs=N, which `make check WT_FUZZ_SECS=N` puts on the kernel
 * command line). WT_FUZZ_SEED (wt.fuzz_seed=) replays a run: every
 * thread draws from its own generator seeded from it, so a thread makes
 * the same calls as long as the kernel answers the same.
 * WT_FUZZ_WORKERS=<mask> runs only some of the processes.
 */
#include <errno.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/ipc.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <time.h>
#include <ucontext.h>

#include "wt_test.h"
#include "wt_sd_build.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif

#define FZ_DIR		"/tmp/wt_fuzz"
#define FZ_DISK_DIR	"/mnt/disk/wt_fuzz"
#define NT		2	/* threads per worker process */
#define POOL		12	/* token handles a thread keeps */
#define NPEER		3	/* connections a thread keeps */
#define PS		4096
#define BIG		(70 * 1024)
#define NERR		140
#define OUT_PAGES	24
#define KADDR		0xffff888000000000ULL
#define MAX_UNDOC	24
#define MAX_BUGS	16

enum { W_ROOT, W_ALICE, W_LOW, W_RESTRICTED, W_BOB, NW };
static const char *const wname[NW] = {
	"root", "alice", "low", "restricted", "bob",
};

/* ---- commands and the errnos Documentation/ gives for them ---- */

enum {
	K_DEV, K_TOKEN, K_NL, K_XATTR, NKIND
};

static const char *const kind_name[NKIND] = {
	"device_ioctls", "token_ioctls", "netlink", "xattr",
};

enum {
	C_GET_VERSION, C_OPEN_PROCESS_TOKEN, C_CREATE_TOKEN, C_ASSIGN_PRIMARY,
	C_GET_FILE_SECURITY, C_SET_FILE_SECURITY, C_IMPERSONATE, C_REVERT,
	C_SET_CONNECT_QOS, C_IMPERSONATE_PEER, C_OPEN_THREAD_TOKEN,
	C_GET_IPC_SECURITY, C_SET_IPC_SECURITY, C_OPEN_BACKUP,
	C_SET_BACKUP_INTENT, C_DEV_UNKNOWN,
	C_QUERY_TOKEN, C_ADJUST_PRIVILEGES, C_DUPLICATE_TOKEN,
	C_ADJUST_GROUPS, C_CREATE_RESTRICTED, C_SET_TOKEN_INFO,
	C_TOKEN_UNKNOWN, C_TOKEN_READ, C_TOKEN_WRITE,
	C_NL_FIRST,
	C_NL_LAST = C_NL_FIRST + WT_CMD_MAX,
	C_NL_UNKNOWN,
	C_XATTR_SET, C_XATTR_GET, C_XATTR_REMOVE,
	NCMD
};

struct cmdinfo {
	const char *name;
	int kind;
	int errs[24];		/* documented errnos, 0-terminated */
};

static const struct cmdinfo cmds[NCMD] = {
	[C_GET_VERSION] = { "GET_VERSION", K_DEV, { EFAULT, EINVAL, E2BIG } },
	[C_OPEN_PROCESS_TOKEN] = { "OPEN_PROCESS_TOKEN", K_DEV,
		{ EFAULT, EINVAL, E2BIG, EACCES, ENOMEM, EMFILE, ENFILE, ESRCH,
		  EBADF, EBADFD, ENOKEY } },
	[C_CREATE_TOKEN] = { "CREATE_TOKEN", K_DEV,
		{ EFAULT, EINVAL, E2BIG, EPERM, ENOKEY, EACCES, ENOMEM, EMFILE,
		  ENFILE, EBUSY } },
	[C_ASSIGN_PRIMARY] = { "ASSIGN_PRIMARY_TOKEN", K_DEV,
		{ EFAULT, EINVAL, E2BIG, EBADF, EBADFD, EACCES, EPERM, ENOKEY,
		  EBUSY, ENOMEM } },
	[C_GET_FILE_SECURITY] = { "GET_FILE_SECURITY", K_DEV,
		{ EFAULT, EINVAL, E2BIG, EBADF, ENODATA, EOPNOTSUPP, EACCES,
		  EPERM, ERANGE, EIO, ENOMEM, ENOKEY } },
	[C_SET_FILE_SECURITY] = { "SET_FILE_SECURITY", K_DEV,
		{ EFAULT, EINVAL, E2BIG, EBADF, ENODATA, EOPNOTSUPP, EACCES,
		  EPERM, EIO, EROFS, ENOMEM, ENOSPC, EDQUOT, ENOKEY } },
	[C_IMPERSONATE] = { "IMPERSONATE", K_DEV,
		{ EFAULT, EINVAL, E2BIG, EBADF, EBADFD, EACCES, ENOMEM,
		  EBUSY } },
	[C_REVERT] = { "REVERT_TO_SELF", K_DEV, { EINVAL } },
	[C_SET_CONNECT_QOS] = { "SET_CONNECT_QOS", K_DEV,
		{ EFAULT, E2BIG, EINVAL, EBADF, ENOTSOCK, EOPNOTSUPP, EISCONN,
		  ENOMEM } },
	[C_IMPERSONATE_PEER] = { "IMPERSONATE_PEER", K_DEV,
		{ EFAULT, EINVAL, E2BIG, EBADF, ENOTSOCK, EOPNOTSUPP, ENOTCONN,
		  ENOENT, ENOMEM, EBUSY } },
	[C_OPEN_THREAD_TOKEN] = { "OPEN_THREAD_TOKEN", K_DEV,
		{ EFAULT, E2BIG, EINVAL, EACCES, ESRCH, EPERM, ENOENT, ENOMEM,
		  EMFILE, ENFILE } },
	[C_GET_IPC_SECURITY] = { "GET_IPC_SECURITY", K_DEV,
		{ EFAULT, EINVAL, E2BIG, ENODATA, EACCES, EPERM, ERANGE, ENOKEY,
		  ENOMEM, EIO } },
	[C_SET_IPC_SECURITY] = { "SET_IPC_SECURITY", K_DEV,
		{ EFAULT, EINVAL, E2BIG, EACCES, EPERM, ENOKEY, ENOMEM, EIO } },
	[C_OPEN_BACKUP] = { "OPEN_BACKUP", K_DEV,
		{ EFAULT, EINVAL, E2BIG, ENAMETOOLONG, EBADF, ENOTDIR, ENOENT,
		  EOPNOTSUPP, EACCES, EMFILE, ENFILE, EISDIR, ELOOP, EEXIST,
		  ENOKEY, EPERM, ENOSPC, ENOMEM } },
	[C_SET_BACKUP_INTENT] = { "SET_BACKUP_INTENT", K_DEV,
		{ EFAULT, EINVAL, E2BIG, ENOMEM } },
	[C_DEV_UNKNOWN] = { "device:other_cmd", K_DEV, { ENOTTY } },
	[C_QUERY_TOKEN] = { "QUERY_TOKEN", K_TOKEN,
		{ EBADF, ENOTTY, EFAULT, EINVAL, E2BIG, EACCES, ERANGE, ENODATA,
		  ENOMEM } },
	[C_ADJUST_PRIVILEGES] = { "ADJUST_PRIVILEGES", K_TOKEN,
		{ EBADF, ENOTTY, EFAULT, EINVAL, E2BIG, EACCES, ERANGE, ENOMEM,
		  EBUSY } },
	[C_DUPLICATE_TOKEN] = { "DUPLICATE_TOKEN", K_TOKEN,
		{ EBADF, ENOTTY, EFAULT, E2BIG, EINVAL, EACCES, ENOKEY, ENOMEM,
		  EMFILE, ENFILE } },
	[C_ADJUST_GROUPS] = { "ADJUST_GROUPS", K_TOKEN,
		{ EBADF, ENOTTY, EFAULT, EINVAL, E2BIG, EACCES, EPERM, ERANGE,
		  ENOMEM } },
	[C_CREATE_RESTRICTED] = { "CREATE_RESTRICTED_TOKEN", K_TOKEN,
		{ EBADF, ENOTTY, EFAULT, EINVAL, E2BIG, EACCES, EPERM, ENOMEM, EMFILE,
		  ENFILE, EBUSY } },
	[C_SET_TOKEN_INFO] = { "SET_TOKEN_INFORMATION", K_TOKEN,
		{ EBADF, ENOTTY, EFAULT, EINVAL, E2BIG, EACCES, EPERM, ENOKEY,
		  ENOMEM } },
	[C_TOKEN_UNKNOWN] = { "token:other_cmd", K_TOKEN, { ENOTTY } },
	[C_TOKEN_READ] = { "token:read", K_TOKEN, { EINVAL } },
	[C_TOKEN_WRITE] = { "token:write", K_TOKEN, { EBADF } },
	[C_NL_FIRST + WT_CMD_UNSPEC] = { "nl:UNSPEC", K_NL,
		{ EOPNOTSUPP, EINVAL, ERANGE, EPERM, ENOKEY, ENOMEM } },
	[C_NL_FIRST + WT_CMD_GET_POLICY] = { "nl:GET_POLICY", K_NL,
		{ EOPNOTSUPP, EINVAL, ERANGE, EPERM, ENOKEY, ENOMEM } },
	[C_NL_FIRST + WT_CMD_SET_POLICY] = { "nl:SET_POLICY", K_NL,
		{ EOPNOTSUPP, EINVAL, ERANGE, EPERM, ENOKEY, ENOMEM,
		  E2BIG } },
	[C_NL_FIRST + WT_CMD_GET_CONNECT_LEVEL] = { "nl:GET_CONNECT_LEVEL",
		K_NL, { EOPNOTSUPP, EINVAL, ERANGE, EPERM, ENOKEY, ENOMEM } },
	[C_NL_FIRST + WT_CMD_SET_CONNECT_LEVEL] = { "nl:SET_CONNECT_LEVEL",
		K_NL, { EOPNOTSUPP, EINVAL, ERANGE, EPERM, ENOKEY, ENOMEM } },
	[C_NL_FIRST + WT_CMD_GET_STATS] = { "nl:GET_STATS", K_NL,
		{ EOPNOTSUPP, EINVAL, ERANGE, EPERM, ENOKEY, ENOMEM } },
	[C_NL_FIRST + WT_CMD_GET_TOKEN] = { "nl:GET_TOKEN", K_NL,
		{ EOPNOTSUPP, EINVAL, ERANGE, EPERM, ENOKEY, ENOMEM,
		  ESRCH, E2BIG } },
	[C_NL_FIRST + WT_CMD_GET_IDMAP] = { "nl:GET_IDMAP", K_NL,
		{ EOPNOTSUPP, EINVAL, ERANGE, EPERM, ENOKEY, ENOMEM } },
	[C_NL_FIRST + WT_CMD_SET_IDMAP] = { "nl:SET_IDMAP", K_NL,
		{ EOPNOTSUPP, EINVAL, ERANGE, EPERM, ENOKEY, ENOMEM,
		  E2BIG } },
	[C_NL_FIRST + WT_CMD_AUDIT_EVENT] = { "nl:AUDIT_EVENT", K_NL,
		{ EOPNOTSUPP, EINVAL, ERANGE, EPERM, ENOKEY, ENOMEM } },
	[C_NL_FIRST + WT_CMD_GET_SESSION] = { "nl:GET_SESSION", K_NL,
		{ EOPNOTSUPP, EINVAL, ERANGE, EPERM, ENOKEY, ENOMEM,
		  ENOENT } },
	/* EBUSY: a dump runs on the socket already (a passed socket). */
	[C_NL_FIRST + WT_CMD_LIST_SESSIONS] = { "nl:LIST_SESSIONS", K_NL,
		{ EOPNOTSUPP, EINVAL, ERANGE, EPERM, ENOKEY, ENOMEM, EBUSY } },
	[C_NL_FIRST + WT_CMD_CREATE_SESSION] = { "nl:CREATE_SESSION", K_NL,
		{ EOPNOTSUPP, EINVAL, ERANGE, EPERM, ENOKEY, ENOMEM,
		  EBUSY } },
	[C_NL_UNKNOWN] = { "nl:other_cmd", K_NL,
		{ EOPNOTSUPP, EINVAL, ERANGE, EPERM, ENOKEY, ENOMEM } },
	/* EACCES: path lookup through a directory that denies traverse. */
	[C_XATTR_SET] = { "setxattr", K_XATTR,
		{ EPERM, EINVAL, ENOKEY, EFAULT, EACCES } },
	[C_XATTR_GET] = { "getxattr", K_XATTR,
		{ EACCES, ENOKEY, ENODATA, ERANGE, EFAULT } },
	[C_XATTR_REMOVE] = { "removexattr", K_XATTR,
		{ EPERM, ENOKEY, ENODATA, EACCES } },
};

/* ---- state shared by every process ---- */

struct undoc {
	int cmd, err, worker, thread;
	long iter;
	unsigned long detail;	/* the ioctl command, where it varies */
};

struct shared {
	atomic_int stop;
	atomic_long cnt[NCMD][NERR];	/* [cmd][0]: successes */
	atomic_long execs;
	atomic_long scm_sent, scm_recv, scm_used, scm_bad_rights;
	atomic_long nundoc;
	struct undoc undoc[MAX_UNDOC];
	atomic_long nbugs;
	char bug[MAX_BUGS][200];
	atomic_long undoc_kind[NKIND];
	pid_t pid[NW];
	pid_t tid[NW][NT];
	int ipc[NW][3];			/* msq, sem, shm ids */
};

static struct shared *sh;
static uint64_t seed;
static uint32_t step_mask = ~0u;	/* WT_FUZZ_STEPS: steps to run */
static int secs = 60;
static int nl_family;
static char *paths[32];		/* files and directories of every worker */
static int npaths;

/* ---- random numbers: splitmix64, one generator per thread ---- */

static uint64_t splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* One fuzzing thread. */
struct fz {
	int w, t;
	uint64_t rng;
	long iter;
	int dev;
	int tok[POOL];
	int files[16], nfiles;	/* O_RDONLY, O_PATH, directories */
	int dirs[4], ndirs;
	int nl[4], nnl;		/* [0] this thread's only; others received */
	int nl_share;		/* a socket of this thread's to pass on */
	int scm_tx, scm_rx;
	int lsock;		/* listening abstract socket */
	struct sockaddr_un laddr;
	socklen_t laddr_len;
	int srv[NPEER], cli[NPEER];
	int pidfd;
	int imp;		/* impersonating */
	uint8_t *arg;		/* 2 RW pages + PROT_NONE page */
	uint8_t *buf;		/* 1 RW page + PROT_NONE page */
	uint8_t *big;		/* BIG bytes */
	uint8_t *sd;		/* BIG bytes: the SD being built */
	uint8_t *noacc;		/* PROT_NONE pages: "unmapped" */
	uint8_t *out;		/* OUT_PAGES RW pages + PROT_NONE page */
	uint8_t *nlmsg, *nlrx;
	uint32_t nlseq;
	int must_fail;		/* the mutations made the call invalid */
	unsigned long detail;	/* reported with an undocumented errno */
};

/* The calling thread's state and step, for the crash report. */
static __thread struct fz *cur;
static __thread int cur_step;

static uint64_t rnd(struct fz *t)
{
	return splitmix(&t->rng);
}

static uint32_t below(struct fz *t, uint32_t n)
{
	return n ? rnd(t) % n : 0;
}

static int chance(struct fz *t, int pct)
{
	return below(t, 100) < (uint32_t)pct;
}

static const uint32_t interesting[] = {
	0, 1, 2, 3, 4, 7, 8, 0x7f, 0x80, 0xff, 0x100, 0x3ff, 0x400, 0x401,
	0xfff, 0x1000, 0x1001, 0xffff, 0x10000, 0x7fffffff, 0x80000000,
	0xfffffffe, 0xffffffff,
};

static uint32_t fz_u32(struct fz *t)
{
	return chance(t, 70) ? interesting[below(t, ARRAY_SIZE(interesting))] : (uint32_t)rnd(t);
}

static const char *const sids[] = {
	"S-1-1-0", "S-1-22-1-0", "S-1-22-1-1001", "S-1-22-1-1002",
	"S-1-22-2-0", "S-1-22-2-100", "S-1-22-2-2001", "S-1-5-18", "S-1-5-11",
	"S-1-5-7", "S-1-3-4", "S-1-5-32-544", "S-1-16-4096", "S-1-16-8192",
	"S-1-16-12288", "S-1-16-16384", "S-1-5-21-1-2-3-1000", "S-1-2-0",
	"S-1-5-5-0-999",
};

static const char *const labels[] = {
	"S-1-16-0", "S-1-16-4096", "S-1-16-8192", "S-1-16-12288",
	"S-1-16-16384", "S-1-16-20480",
};

static const uint32_t masks[] = {
	0, WT_FILE_ALL_ACCESS, WT_GENERIC_ALL, WT_READ_CONTROL, WT_WRITE_DAC,
	WT_WRITE_OWNER, WT_FILE_GENERIC_READ, WT_FILE_GENERIC_WRITE, WT_DELETE,
	WT_MAXIMUM_ALLOWED, WT_ACCESS_SYSTEM_SECURITY, WT_GENERIC_READ,
	WT_IPC_ALL_ACCESS, WT_FILE_READ_DATA, 0xffffffff,
};

static const uint32_t token_access[] = {
	WT_MAXIMUM_ALLOWED, WT_TOKEN_ALL_ACCESS, WT_TOKEN_QUERY,
	WT_TOKEN_QUERY | WT_TOKEN_DUPLICATE | WT_TOKEN_IMPERSONATE,
	WT_GENERIC_READ, WT_GENERIC_ALL, WT_ACCESS_SYSTEM_SECURITY, 0,
	WT_TOKEN_ADJUST_PRIVILEGES | WT_TOKEN_ADJUST_GROUPS |
	WT_TOKEN_ADJUST_DEFAULT | WT_TOKEN_QUERY,
	WT_TOKEN_ASSIGN_PRIMARY | WT_TOKEN_DUPLICATE, 0x00400000,
};

/* ---- recording results ---- */

static void fz_bug(struct fz *t, const char *fmt, ...)
{
	long n = atomic_fetch_add(&sh->nbugs, 1);
	va_list ap;
	int off;

	if (n >= MAX_BUGS)
		return;
	off = snprintf(sh->bug[n], sizeof(sh->bug[n]), "%s/%d iter %ld: ",
		       wname[t->w], t->t, t->iter);
	va_start(ap, fmt);
	vsnprintf(sh->bug[n] + off, sizeof(sh->bug[n]) - off, fmt, ap);
	va_end(ap);
}

/*
 * Count the outcome of one call of @cmd: @ret < 0 failed with errno
 * @err. A failure must carry an errno documented for the command; a
 * call whose argument had to be refused must not succeed.
 */
static void fz_result(struct fz *t, int cmd, long ret, int err)
{
	const int *e;

	atomic_fetch_add(&sh->execs, 1);
	if (ret >= 0) {
		atomic_fetch_add(&sh->cnt[cmd][0], 1);
		if (t->must_fail)
			fz_bug(t, "%s accepted an invalid argument (%s)",
			       cmds[cmd].name, t->must_fail == 1 ? "size" :
			       t->must_fail == 2 ? "tail" : "field");
		return;
	}
	if (err <= 0 || err >= NERR)
		err = NERR - 1;
	atomic_fetch_add(&sh->cnt[cmd][err], 1);
	for (e = cmds[cmd].errs; *e; e++)
		if (*e == err)
			return;
	atomic_fetch_add(&sh->undoc_kind[cmds[cmd].kind], 1);
	{
		long n = atomic_fetch_add(&sh->nundoc, 1);

		if (n < MAX_UNDOC)
			sh->undoc[n] = (struct undoc){ cmd, err, t->w, t->t,
						       t->iter, t->detail };
	}
}

/* ---- user pointers ---- */

/*
 * Place @len bytes (@src, or zeros when NULL) where the kernel will read
 * or write them: mostly a valid buffer, sometimes NULL, a PROT_NONE page,
 * a buffer running into one, a kernel address. Sets *@ok to whether the
 * whole buffer is accessible.
 */
static uint64_t fz_ptr(struct fz *t, const void *src, size_t len, int *ok)
{
	uint32_t m = below(t, 100);
	uint8_t *p;

	*ok = 0;
	if (m < 4)
		return 0;
	if (m < 7)
		return (uint64_t)(uintptr_t)(t->noacc + below(t, PS));
	if (m < 9)
		return KADDR + below(t, 1 << 20);
	if (m < 13 && len > 1 && len <= PS) {
		/* Runs into the PROT_NONE page after the buffer page. */
		size_t in = 1 + below(t, len - 1);

		p = t->buf + PS - in;
		if (src)
			memcpy(p, src, in);
		else
			memset(p, 0, in);
		return (uint64_t)(uintptr_t)p;
	}
	*ok = 1;
	if (len + 8 <= PS) {
		p = t->buf + (chance(t, 20) ? below(t, 8) : 0);
		if (p + len > t->buf + PS)
			p = t->buf;
	} else {
		p = t->big;
		if (len > BIG)
			len = BIG;
	}
	if (src)
		memcpy(p, src, len);
	else
		memset(p, 0xa5, len);
	return (uint64_t)(uintptr_t)p;
}

/*
 * An ioctl argument: @s (@ssize bytes, the structure's known size, with
 * its size field first) with its size field chosen, placed in the
 * argument pages. @ver0 is the first version's size. Field mutations have
 * been made by the caller.
 */
static void *fz_arg(struct fz *t, void *s, size_t ssize, uint32_t ver0)
{
	uint32_t m = below(t, 100), usize = ssize;
	uint8_t *p;

	if (m < 8) {
		usize = below(t, ver0);
		t->must_fail = 1;
	} else if (m < 16) {
		usize = ssize + 1 + below(t, 64);
	} else if (m < 19) {
		usize = PS + 1 + below(t, 3) * 1000;
		t->must_fail = 1;
	} else if (m < 21) {
		usize = 0xffffffff;
		t->must_fail = 1;
	}
	memcpy(s, &usize, 4);
	m = below(t, 100);
	if (m < 3)
		return NULL;
	if (m < 6)
		return t->noacc + below(t, PS);
	if (m < 8)
		return (void *)(uintptr_t)(KADDR + below(t, 4096));
	if (m < 13) {
		/* Across the page boundary: the size field readable or not. */
		size_t in = 1 + below(t, ssize - 1);

		p = t->arg + 2 * PS - in;
		memcpy(p, s, in);
		t->must_fail = 0;	/* EFAULT comes first */
		return p;
	}
	p = t->arg + (chance(t, 15) ? 1 + below(t, 7) : 0);
	/* The size field itself is always there, whatever it says. */
	memset(p, 0, usize < 2 * PS - 8 ? (usize > 4 ? usize : 4) : 2 * PS - 8);
	memcpy(p, s, ssize < usize ? ssize : usize > 4 ? usize : 4);
	if (usize > ssize && usize <= PS && chance(t, 30)) {
		p[ssize + below(t, usize - ssize)] = 1 + below(t, 255);
		t->must_fail = 2;
	}
	return p;
}

/*
 * Mutate up to three 4-byte fields of @s (not its size at offset 0, not
 * the 8-byte pointer fields listed in @ptrs, nor 4-byte ones listed there
 * with bit 0 set). A reserved field listed in
 * @rsv made non-zero, or a flag outside @known in the flags field at
 * @flags_off, makes the call one that must fail.
 */
static void fz_mutate(struct fz *t, void *s, size_t ssize, const int *ptrs,
		      const int *rsv, int flags_off, uint32_t known)
{
	uint8_t *b = s;
	int n, i, off;
	const int *p;

	if (!chance(t, 35))
		return;
	n = 1 + below(t, 3);
	for (i = 0; i < n; i++) {
		uint32_t v;

		off = 4 * (1 + below(t, ssize / 4 - 1));
		for (p = ptrs; p && *p >= 0; p++)
			if (off == (*p & ~1) || (!(*p & 1) && off == *p + 4))
				break;
		if (p && *p >= 0)
			continue;
		v = fz_u32(t);
		memcpy(b + off, &v, 4);
	}
	for (p = rsv; p && *p >= 0; p++) {
		uint32_t v;

		memcpy(&v, b + *p, 4);
		if (v)
			t->must_fail = 3;
	}
	if (flags_off > 0) {
		uint32_t v;

		memcpy(&v, b + flags_off, 4);
		if (v & ~known)
			t->must_fail = 3;
	}
}

/* ---- security descriptors ---- */

static size_t fz_sid(struct fz *t, uint8_t *out)
{
	size_t n = wt_sid_bytes(sids[below(t, ARRAY_SIZE(sids))], out);

	if (chance(t, 4)) {
		out[1] = below(t, 20);	/* sub-authority count */
		n = 8 + 4 * (out[1] > 15 ? 15 : out[1]);
	}
	return n;
}

/* An ACL of random ACEs at @out; its size. @sacl: audit or label ACEs. */
static size_t fz_acl(struct fz *t, uint8_t *out, int sacl)
{
	int n = below(t, 6), i;
	size_t off = 8;

	memset(out, 0, 8);
	out[0] = chance(t, 90) ? WT_ACL_REVISION : below(t, 6);
	for (i = 0; i < n; i++) {
		uint8_t *ace = out + off;

		if (sacl)
			ace[0] = chance(t, 50) ? WT_SYSTEM_MANDATORY_LABEL_ACE_TYPE :
						 WT_SYSTEM_AUDIT_ACE_TYPE;
		else
			ace[0] = chance(t, 90) ? below(t, 2) : below(t, 0x15);
		ace[1] = chance(t, 60) ? 0 : below(t, 256);
		if (ace[0] == WT_SYSTEM_MANDATORY_LABEL_ACE_TYPE) {
			const char *sid = chance(t, 80) ?
				labels[below(t, ARRAY_SIZE(labels))] :
				sids[below(t, ARRAY_SIZE(sids))];

			wt_le(ace + 4, below(t, 8), 4);
			off += 8 + wt_sid_bytes(sid, ace + 8);
		} else {
			wt_le(ace + 4, masks[below(t, ARRAY_SIZE(masks))], 4);
			off += 8 + fz_sid(t, ace + 8);
		}
		wt_le(ace + 2, out + off - ace, 2);
	}
	wt_le(out + 2, off, 2);
	wt_le(out + 4, n, 2);
	return off;
}

/* A self-relative SD at @sd (room for BIG bytes), mutated at times. */
static size_t fz_sd(struct fz *t, uint8_t *sd)
{
	uint16_t control = WT_SE_SELF_RELATIVE;
	size_t off = 20;
	int i, n;

	memset(sd, 0, 20);
	sd[0] = 1;
	if (chance(t, 80)) {
		wt_le(sd + 4, off, 4);
		off += fz_sid(t, sd + off);
	}
	if (chance(t, 60)) {
		wt_le(sd + 8, off, 4);
		off += fz_sid(t, sd + off);
	}
	if (chance(t, 20)) {
		control |= WT_SE_SACL_PRESENT;
		wt_le(sd + 12, off, 4);
		off += fz_acl(t, sd + off, 1);
	}
	if (chance(t, 85)) {
		control |= WT_SE_DACL_PRESENT;
		wt_le(sd + 16, off, 4);
		off += fz_acl(t, sd + off, 0);
	}
	if (chance(t, 15))
		control ^= 1u << below(t, 16);
	if (chance(t, 10))
		control |= WT_SE_DACL_PROTECTED | WT_SE_DACL_AUTO_INHERITED;
	wt_le(sd + 2, control, 2);
	if (!chance(t, 30))
		return off;
	n = 1 + below(t, 4);
	for (i = 0; i < n; i++) {
		switch (below(t, 6)) {
		case 0:
			sd[below(t, off)] ^= 1u << below(t, 8);
			break;
		case 1:
			sd[below(t, off)] = below(t, 256);
			break;
		case 2:
			off = below(t, off + 1);
			break;
		case 3: {
			size_t more = below(t, 64);

			memset(sd + off, below(t, 2) ? 0 : 0xff, more);
			off += more;
			break;
		}
		case 4:
			wt_le(sd + 4 * (1 + below(t, 4)), fz_u32(t), 4);
			break;
		case 5:
			if (chance(t, 20) && off < WT_SD_MAX_SIZE) {
				size_t to = chance(t, 50) ? WT_SD_MAX_SIZE :
					    WT_SD_MAX_SIZE + 1;

				memset(sd + off, 0, to - off);
				off = to;
			}
			break;
		}
	}
	return off;
}

/* ---- the pool of token handles ---- */

static void pool_add(struct fz *t, int fd)
{
	int i = below(t, POOL);

	if (fd < 0)
		return;
	if (t->tok[i] >= 0)
		close(t->tok[i]);
	t->tok[i] = fd;
}

/* A token handle of the pool; sometimes another kind of descriptor. */
static int pool_fd(struct fz *t)
{
	int i;

	if (chance(t, 3))
		return t->dev;
	if (chance(t, 3))
		return t->files[below(t, t->nfiles)];
	if (chance(t, 2))
		return chance(t, 50) ? -1 : 100000 + below(t, 1000);
	for (i = 0; i < 4; i++) {
		int fd = t->tok[below(t, POOL)];

		if (fd >= 0)
			return fd;
	}
	return t->tok[0];
}

/* A descriptor for the fd field of a file or socket call. */
static int any_fd(struct fz *t)
{
	uint32_t m = below(t, 100);

	if (m < 55)
		return t->files[below(t, t->nfiles)];
	if (m < 65)
		return t->dirs[below(t, t->ndirs)];
	if (m < 75)
		return t->lsock;
	if (m < 82)
		return t->srv[below(t, NPEER)];
	if (m < 88)	/* a token handle; never /dev/wintok */
		return t->tok[below(t, POOL)];
	if (m < 92)
		return t->nl[0];
	return chance(t, 50) ? -1 : 100000 + below(t, 1000);
}

/* ---- /dev/wintok ioctls ---- */

static void sa_set(struct fz *t, struct wt_sid_and_attributes *sa,
		   const char *sid, uint32_t attrs)
{
	memset(sa, 0, sizeof(*sa));
	sa->sid_size = sid ? wt_sid_bytes(sid, sa->sid) : fz_sid(t, sa->sid);
	sa->attributes = attrs;
	if (chance(t, 3))
		sa->sid_size = below(t, 80);
}

/* @n entries of SIDs from the pool with @attrs (or random ones). */
static void fill_sids(struct fz *t, struct wt_sid_and_attributes *sa, int n,
		      uint32_t attrs)
{
	int i;

	for (i = 0; i < n; i++)
		sa_set(t, &sa[i], NULL, chance(t, 90) ? attrs : fz_u32(t));
}

static long do_ioctl(struct fz *t, int fd, unsigned long cmd, void *arg,
		     int *err)
{
	long ret = ioctl(fd, cmd, arg);

	*err = errno;
	return ret;
}

/*
 * Place the argument @s (@ssize bytes, first version @ver0) as fz_arg()
 * does, issue @ioc on @fd and count the outcome under @cmd.
 */
static long fz_ioctl(struct fz *t, int fd, unsigned long ioc, void *s,
		     size_t ssize, uint32_t ver0, int cmd)
{
	void *a = fz_arg(t, s, ssize, ver0);
	long ret = ioctl(fd, ioc, a);

	fz_result(t, cmd, ret, errno);
	return ret;
}

/* A new descriptor returned by a call: keep token handles, close others. */
static void take_fd(struct fz *t, long ret, int token)
{
	if (ret < 0)
		return;
	if (token)
		pool_add(t, ret);
	else
		close(ret);
}

/* Is @pid one of the fuzzer's processes? */
static int fuzz_pid(uint64_t pid)
{
	int w;

	for (w = 0; w < NW; w++)
		if (pid == (uint64_t)sh->pid[w])
			return 1;
	return 0;
}

static void fz_open_process_token(struct fz *t)
{
	static const int rsv[] = { -1 };
	struct wt_open_token o = { 0 };
	uint32_t m = below(t, 100);
	long ret;

	o.desired_access = token_access[below(t, ARRAY_SIZE(token_access))];
	if (m < 15) {
		o.flags = WT_OPEN_TOKEN_PID;
		o.process = chance(t, 80) ? sh->pid[below(t, NW)] :
			    chance(t, 50) ? 1 : fz_u32(t);
	} else if (m < 25) {
		o.flags = WT_OPEN_TOKEN_PIDFD;
		o.process = chance(t, 80) ? t->pidfd : (uint64_t)any_fd(t);
	} else if (m < 28) {
		o.flags = fz_u32(t);
	}
	fz_mutate(t, &o, sizeof(o), NULL, rsv, 4, 3);
	/*
	 * Handles that may change a token only for the fuzzer's own
	 * processes: adjusting init's token would change every later test
	 * (and its poweroff).
	 */
	if ((o.flags & WT_OPEN_TOKEN_PID) && !fuzz_pid(o.process))
		o.desired_access = WT_TOKEN_QUERY;
	if (o.flags & WT_OPEN_TOKEN_PIDFD && o.process != (uint64_t)t->pidfd)
		o.desired_access = WT_TOKEN_QUERY;
	if (!o.flags && o.reserved)
		t->must_fail = 3;
	if (o.flags == 3)
		t->must_fail = 3;
	ret = fz_ioctl(t, t->dev, WT_IOC_OPEN_PROCESS_TOKEN, &o, sizeof(o),
		       WT_OPEN_TOKEN_SIZE_VER0, C_OPEN_PROCESS_TOKEN);
	take_fd(t, ret, 1);
}

static void fz_create_token(struct fz *t)
{
	static const int ptrs[] = {
		offsetof(struct wt_create_token, groups),
		offsetof(struct wt_create_token, privileges),
		offsetof(struct wt_create_token, restricted_sids),
		offsetof(struct wt_create_token, default_dacl), -1,
	};
	static const int rsv[] = { offsetof(struct wt_create_token, reserved), -1 };
	struct wt_sid_and_attributes g[4], r[2];
	struct wt_luid_and_attributes p[3];
	struct wt_create_token c = { 0 };
	uint8_t acl[512];
	int ok, ng, np, nr;
	size_t al;
	long ret;

	c.desired_access = token_access[below(t, ARRAY_SIZE(token_access))];
	c.type = chance(t, 80) ? WT_TOKEN_PRIMARY : WT_TOKEN_IMPERSONATION;
	c.level = c.type == WT_TOKEN_PRIMARY ? 0 : below(t, 4);
	memcpy(c.source.name, "wtfuzz", 6);
	sa_set(t, &c.user, chance(t, 70) ? "S-1-22-1-1001" : NULL, 0);
	if (chance(t, 30))
		sa_set(t, &c.owner, NULL, 0);
	sa_set(t, &c.primary_group, chance(t, 70) ? "S-1-22-1-1001" : NULL, 0);
	ng = below(t, 5);
	if (ng > 0)
		sa_set(t, &g[0], "S-1-16-8192", WT_SE_GROUP_INTEGRITY |
		       WT_SE_GROUP_INTEGRITY_ENABLED);
	if (ng > 1)
		fill_sids(t, g + 1, ng - 1, WT_SE_GROUP_MANDATORY |
			  WT_SE_GROUP_ENABLED_BY_DEFAULT | WT_SE_GROUP_ENABLED);
	np = below(t, 4);
	memset(p, 0, sizeof(p));
	if (np > 0) {
		p[0].luid = WT_SE_CHANGE_NOTIFY_PRIVILEGE;
		p[0].attributes = WT_SE_PRIVILEGE_ENABLED |
				  WT_SE_PRIVILEGE_ENABLED_BY_DEFAULT;
	}
	if (np > 1) {
		p[1].luid = 2 + below(t, 36);
		p[1].attributes = below(t, 4);
	}
	if (np > 2) {
		p[2].luid = fz_u32(t);
		p[2].attributes = fz_u32(t);
	}
	nr = chance(t, 20) ? 1 + below(t, 2) : 0;
	fill_sids(t, r, nr, 0);
	c.group_count = ng;
	c.privilege_count = np;
	c.restricted_count = nr;
	c.groups = fz_ptr(t, g, ng * sizeof(g[0]), &ok);
	c.privileges = np ? fz_ptr(t, p, np * sizeof(p[0]), &ok) : 0;
	c.restricted_sids = nr ? fz_ptr(t, r, nr * sizeof(r[0]), &ok) : 0;
	if (chance(t, 30)) {
		al = fz_acl(t, acl, 0);
		c.dacl_length = al;
		c.default_dacl = fz_ptr(t, acl, al, &ok);
	}
	c.session_id = chance(t, 90) ? 0 : fz_u32(t);
	c.mandatory_policy = below(t, 4);
	/* Counts beyond the arrays: the kernel may read past them. */
	fz_mutate(t, &c, sizeof(c), ptrs, rsv, 4, 0);
	if (c.group_count > 4 && c.groups == (uintptr_t)t->buf)
		c.groups = (uintptr_t)t->noacc;
	if (c.privilege_count > 3 && c.privileges == (uintptr_t)t->buf)
		c.privileges = (uintptr_t)t->noacc;
	ret = fz_ioctl(t, t->dev, WT_IOC_CREATE_TOKEN, &c, sizeof(c),
		       WT_CREATE_TOKEN_SIZE_VER0, C_CREATE_TOKEN);
	take_fd(t, ret, 1);
}

/* Assign in a single-threaded child now and then, where it can succeed. */
static void fz_assign_primary(struct fz *t)
{
	static const int rsv[] = { offsetof(struct wt_assign_primary, reserved), -1 };
	struct wt_assign_primary ap = { 0 };
	int err, fork_it = chance(t, 10);
	pid_t pid = 0;
	void *a;
	long ret;

	ap.fd = pool_fd(t);
	fz_mutate(t, &ap, sizeof(ap), NULL, rsv, 4, 0);
	a = fz_arg(t, &ap, sizeof(ap), WT_ASSIGN_PRIMARY_SIZE_VER0);
	if (fork_it) {
		pid = fork();
		if (pid < 0)
			return;
	}
	if (fork_it && pid > 0) {
		wt_reap(pid);
		return;
	}
	if (fork_it && getuid() == 0 && chance(t, 50)) {
		struct wt_luid_and_attributes la = {
			.luid = WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE,
			.attributes = WT_SE_PRIVILEGE_ENABLED,
		};
		int own = wt_open_process_token(t->dev,
						WT_TOKEN_ADJUST_PRIVILEGES, NULL);

		if (own >= 0)
			wt_adjust_token_privileges(own, 0, &la, 1, NULL, NULL,
						   NULL);
	}
	ret = do_ioctl(t, t->dev, WT_IOC_ASSIGN_PRIMARY_TOKEN, a, &err);
	fz_result(t, C_ASSIGN_PRIMARY, ret, err);
	if (fork_it) {
		/* The new token decides the next calls. */
		struct wt_version v = { .size = sizeof(v) };

		t->must_fail = 0;
		ret = do_ioctl(t, t->dev, WT_IOC_GET_VERSION, &v, &err);
		fz_result(t, C_GET_VERSION, ret, err);
		_exit(0);
	}
}

static void fz_file_security(struct fz *t, int set)
{
	/* Never a random fd: it could be /dev/wintok or the console. */
	static const int ptrs[] = {
		offsetof(struct wt_file_security, buffer),
		offsetof(struct wt_file_security, fd) | 1, -1,
	};
	static const int rsv[] = { offsetof(struct wt_file_security, reserved), -1 };
	struct wt_file_security f = { 0 };
	uint32_t fill = 0;	/* bytes of 0xa5 at the buffer */
	int ok = 0, err, fd;
	size_t len = 0;
	long ret;

	fd = any_fd(t);
	f.fd = fd;
	f.selectors = chance(t, 85) ? 1 + below(t, 31) : fz_u32(t);
	if (set) {
		len = fz_sd(t, t->sd);
		f.length = len;
		f.buffer = fz_ptr(t, t->sd, len, &ok);
	} else {
		f.length = chance(t, 30) ? 0 : chance(t, 50) ? below(t, 64) :
			   PS - 8;
		f.buffer = f.length ? fz_ptr(t, NULL, f.length, &ok) : 0;
		fill = f.length;
	}
	fz_mutate(t, &f, sizeof(f), ptrs, rsv, 4, 0);
	if (f.selectors & ~0x1fu)
		t->must_fail = 3;
	ret = fz_ioctl(t, t->dev, set ? WT_IOC_SET_FILE_SECURITY :
		       WT_IOC_GET_FILE_SECURITY, &f, sizeof(f),
		       WT_FILE_SECURITY_SIZE_VER0,
		       set ? C_SET_FILE_SECURITY : C_GET_FILE_SECURITY);
	err = errno;
	/* A size probe leaves the buffer alone. */
	if (!set && ret < 0 && err == ERANGE && ok && f.length &&
	    f.buffer >= (uintptr_t)t->buf &&
	    f.buffer < (uintptr_t)t->buf + PS) {
		uint8_t *b = (uint8_t *)(uintptr_t)f.buffer;
		uint32_t i;

		for (i = 0; i < f.length && i < fill && b + i < t->buf + PS; i++)
			if (b[i] != 0xa5) {
				fz_bug(t, "GET_FILE_SECURITY ERANGE wrote the buffer");
				break;
			}
	}
}

static void fz_impersonate(struct fz *t, int peer)
{
	static const int rsv[] = { offsetof(struct wt_impersonate, reserved), -1 };
	struct wt_impersonate im = { 0 };
	long ret;

	im.fd = peer ? (chance(t, 80) ? t->srv[below(t, NPEER)] : any_fd(t)) :
		pool_fd(t);
	fz_mutate(t, &im, sizeof(im), NULL, rsv, 4, 0);
	if (im.level || im.result)
		t->must_fail = 3;
	ret = fz_ioctl(t, t->dev, peer ? WT_IOC_IMPERSONATE_PEER :
		       WT_IOC_IMPERSONATE, &im, sizeof(im),
		       WT_IMPERSONATE_SIZE_VER0,
		       peer ? C_IMPERSONATE_PEER : C_IMPERSONATE);
	if (ret >= 0 || errno == EFAULT)
		t->imp = 1;	/* EFAULT after the fact: revert anyway */
}

static void fz_revert(struct fz *t)
{
	unsigned long arg = chance(t, 90) ? 0 : fz_u32(t);
	int err;
	long ret;

	if (arg)
		t->must_fail = 3;
	ret = ioctl(t->dev, WT_IOC_REVERT_TO_SELF, arg);
	err = errno;
	fz_result(t, C_REVERT, ret, err);
	if (!arg)
		t->imp = 0;
}

/* Replace connection @i by a new one to the thread's listener. */
static void fz_connect(struct fz *t, int i, int level, int flags)
{
	struct wt_socket_qos q = { .size = sizeof(q) };
	int c = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int s;

	if (c < 0)
		return;
	q.fd = c;
	q.level = level;
	q.flags = flags;
	ioctl(t->dev, WT_IOC_SET_CONNECT_QOS, &q);
	if (connect(c, (struct sockaddr *)&t->laddr, t->laddr_len)) {
		close(c);
		return;
	}
	s = accept4(t->lsock, NULL, NULL, SOCK_CLOEXEC);
	if (s < 0) {
		close(c);
		return;
	}
	if (t->srv[i] >= 0)
		close(t->srv[i]);
	if (t->cli[i] >= 0)
		close(t->cli[i]);
	t->srv[i] = s;
	t->cli[i] = c;
}

static void fz_connect_qos(struct fz *t)
{
	static const int rsv[] = {
		offsetof(struct wt_socket_qos, reserved),
		offsetof(struct wt_socket_qos, reserved) + 4, -1,
	};
	struct wt_socket_qos q = { 0 };
	int fresh = -1;
	uint32_t m = below(t, 100);

	if (m < 60) {
		fresh = socket(AF_UNIX, (chance(t, 80) ? SOCK_STREAM :
			       chance(t, 50) ? SOCK_SEQPACKET : SOCK_DGRAM) |
			       SOCK_CLOEXEC, 0);
		q.fd = fresh;
	} else if (m < 70) {
		q.fd = t->cli[below(t, NPEER)];
	} else {
		q.fd = any_fd(t);
	}
	q.level = chance(t, 85) ? below(t, 4) : fz_u32(t);
	q.flags = chance(t, 70) ? 0 : chance(t, 80) ? WT_QOS_EFFECTIVE_ONLY :
		  fz_u32(t);
	fz_mutate(t, &q, sizeof(q), NULL, rsv, 4, WT_QOS_EFFECTIVE_ONLY);
	if (q.level > WT_SECURITY_DELEGATION)
		t->must_fail = 3;
	fz_ioctl(t, t->dev, WT_IOC_SET_CONNECT_QOS, &q, sizeof(q),
		 WT_SOCKET_QOS_SIZE_VER0, C_SET_CONNECT_QOS);
	if (fresh >= 0)
		close(fresh);
	if (chance(t, 50))
		fz_connect(t, below(t, NPEER), below(t, 4),
			   chance(t, 30) ? WT_QOS_EFFECTIVE_ONLY : 0);
}

static void fz_open_thread_token(struct fz *t)
{
	static const int rsv[] = { offsetof(struct wt_open_thread_token, reserved), -1 };
	struct wt_open_thread_token o = { 0 };
	uint32_t m = below(t, 100);
	long ret;

	if (m < 40)
		o.tid = 0;
	else if (m < 70)
		o.tid = sh->tid[t->w][below(t, NT)];
	else if (m < 85)
		o.tid = sh->tid[below(t, NW)][below(t, NT)];
	else
		o.tid = fz_u32(t);
	o.flags = chance(t, 80) ? below(t, 2) : fz_u32(t);
	o.desired_access = token_access[below(t, ARRAY_SIZE(token_access))];
	fz_mutate(t, &o, sizeof(o), NULL, rsv, 4, WT_OPEN_AS_SELF);
	if (o.granted_access)
		t->must_fail = 3;
	ret = fz_ioctl(t, t->dev, WT_IOC_OPEN_THREAD_TOKEN, &o, sizeof(o),
		       WT_OPEN_THREAD_TOKEN_SIZE_VER0, C_OPEN_THREAD_TOKEN);
	take_fd(t, ret, 1);
}

static void fz_ipc_security(struct fz *t, int set)
{
	static const int ptrs[] = { offsetof(struct wt_ipc_security, buffer), -1 };
	static const int rsv[] = {
		offsetof(struct wt_ipc_security, reserved),
		offsetof(struct wt_ipc_security, reserved) + 4, -1,
	};
	struct wt_ipc_security s = { 0 };
	int ok, w = below(t, NW);
	size_t len;

	s.type = chance(t, 90) ? 1 + below(t, 3) : fz_u32(t);
	s.id = chance(t, 85) && s.type >= 1 && s.type <= 3 ?
	       sh->ipc[w][s.type - 1] : (int)fz_u32(t);
	s.selectors = chance(t, 85) ? 1 + below(t, 31) : fz_u32(t);
	if (set) {
		len = fz_sd(t, t->sd);
		s.length = len;
		s.buffer = fz_ptr(t, t->sd, len, &ok);
	} else {
		s.length = chance(t, 30) ? 0 : chance(t, 50) ? below(t, 64) :
			   PS - 8;
		s.buffer = s.length ? fz_ptr(t, NULL, s.length, &ok) : 0;
	}
	fz_mutate(t, &s, sizeof(s), ptrs, rsv, 4, 0);
	if (s.selectors & ~0x1fu)
		t->must_fail = 3;
	fz_ioctl(t, t->dev, set ? WT_IOC_SET_IPC_SECURITY :
		 WT_IOC_GET_IPC_SECURITY, &s, sizeof(s),
		 WT_IPC_SECURITY_SIZE_VER0,
		 set ? C_SET_IPC_SECURITY : C_GET_IPC_SECURITY);
}

static void fz_open_backup(struct fz *t)
{
	static const int ptrs[] = { offsetof(struct wt_open_backup, path), -1 };
	static const int rsv[] = { offsetof(struct wt_open_backup, reserved), -1 };
	static const char *const names[] = {
		"f", "sub", "nonexistent", "", "sub/g", "f/x", ".", "new",
		FZ_DIR "/root_f", FZ_DISK_DIR "/root_f", FZ_DIR "/alice_f",
	};
	static const int oflags[] = {
		O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_DIRECTORY, O_NOFOLLOW,
		O_CLOEXEC, O_NONBLOCK, O_LARGEFILE,
	};
	struct wt_open_backup o = { 0 };
	char path[PATH_MAX + 64];
	int ok, i;
	long ret;

	o.dirfd = chance(t, 40) ? AT_FDCWD : chance(t, 70) ?
		  t->dirs[below(t, t->ndirs)] : any_fd(t);
	o.open_flags = below(t, 3);
	for (i = 0; i < 3; i++)
		if (chance(t, 30))
			o.open_flags |= oflags[below(t, ARRAY_SIZE(oflags))];
	o.open_flags |= O_CLOEXEC;
	if (chance(t, 5))
		o.open_flags |= 1u << below(t, 32);
	o.mode = chance(t, 90) ? 0600 : fz_u32(t);
	if (chance(t, 3)) {
		memset(path, 'a', sizeof(path) - 1);
		path[sizeof(path) - 1] = 0;
	} else {
		snprintf(path, sizeof(path), "%s", names[below(t, ARRAY_SIZE(names))]);
	}
	o.path = fz_ptr(t, path, strlen(path) + 1, &ok);
	fz_mutate(t, &o, sizeof(o), ptrs, rsv, 4, 0);
	if (o.mode & ~07777u)
		t->must_fail = 3;
	ret = fz_ioctl(t, t->dev, WT_IOC_OPEN_BACKUP, &o, sizeof(o),
		       WT_OPEN_BACKUP_SIZE_VER0, C_OPEN_BACKUP);
	take_fd(t, ret, 0);
}

static void fz_backup_intent(struct fz *t)
{
	static const int rsv[] = { offsetof(struct wt_backup_intent, reserved), -1 };
	struct wt_backup_intent b = { 0 };

	b.flags = chance(t, 90) ? below(t, 2) : fz_u32(t);
	fz_mutate(t, &b, sizeof(b), NULL, rsv, 4, WT_BACKUP_INTENT_ON);
	fz_ioctl(t, t->dev, WT_IOC_SET_BACKUP_INTENT, &b, sizeof(b),
		 WT_BACKUP_INTENT_SIZE_VER0, C_SET_BACKUP_INTENT);
}

/*
 * An ioctl type other than wintok's and those the VFS answers for every
 * file before the driver sees the call (FIONBIO, FIFREEZE, FICLONE, the
 * FS_IOC_* flags, FIGETBSZ...): those are not the module's to refuse.
 */
static unsigned int other_type(struct fz *t)
{
	static const unsigned int vfs[] = { 0, 0x12, 0x15, 'T', 'X', 'f', 0x94 };
	unsigned int type, i;

again:
	type = below(t, 256);
	if (type == WT_IOC_MAGIC)
		goto again;
	for (i = 0; i < ARRAY_SIZE(vfs); i++)
		if (type == vfs[i])
			goto again;
	return type;
}

/* Commands no handler knows: another number, type or encoded size. */
static void fz_unknown(struct fz *t, int token)
{
	static const unsigned long dev_cmds[] = {
		WT_IOC_GET_VERSION, WT_IOC_OPEN_PROCESS_TOKEN,
		WT_IOC_CREATE_TOKEN, WT_IOC_IMPERSONATE, WT_IOC_GET_FILE_SECURITY,
		WT_IOC_SET_BACKUP_INTENT,
	};
	static const unsigned long tok_cmds[] = {
		WT_IOC_QUERY_TOKEN, WT_IOC_ADJUST_PRIVILEGES,
		WT_IOC_DUPLICATE_TOKEN, WT_IOC_SET_TOKEN_INFORMATION,
	};
	unsigned long cmd;
	uint32_t m = below(t, 4);
	int err, fd;
	long ret;

	if (m == 0)
		cmd = token ? dev_cmds[below(t, ARRAY_SIZE(dev_cmds))] :
			      tok_cmds[below(t, ARRAY_SIZE(tok_cmds))];
	else if (m == 1)	/* known number, other encoded size */
		cmd = (token ? tok_cmds[below(t, ARRAY_SIZE(tok_cmds))] :
			       dev_cmds[below(t, ARRAY_SIZE(dev_cmds))]) ^
		      (1ul << (16 + below(t, 14)));
	else if (m == 2)	/* unused numbers of our type */
		cmd = _IOC(below(t, 4), WT_IOC_MAGIC, 0x26 + below(t, 0x19),
			   below(t, 512));
	else
		cmd = _IOC(below(t, 4), other_type(t), below(t, 256),
			   below(t, 512));
	memset(t->arg, 0, 512);
	t->detail = cmd;
	fd = token ? t->tok[below(t, POOL)] : t->dev;
	if (fd < 0)		/* an empty slot: not /dev/wintok instead */
		return;
	ret = do_ioctl(t, fd, cmd, t->arg, &err);
	fz_result(t, token ? C_TOKEN_UNKNOWN : C_DEV_UNKNOWN, ret, err);
}

/* ---- token handle ioctls ---- */

static const uint32_t classes[] = {
	1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 17, 18, 20, 21, 25, 27, 28,
	WT_TOKEN_INFO_LINUX,
};

static void fz_query(struct fz *t)
{
	static const int ptrs[] = { offsetof(struct wt_token_query, buffer), -1 };
	struct wt_token_query q = { 0 };
	uint32_t fill;		/* bytes of 0xa5 at the buffer */
	int ok = 0, err, fd = pool_fd(t);
	long ret;

	q.info_class = chance(t, 90) ? classes[below(t, ARRAY_SIZE(classes))] : fz_u32(t);
	q.length = chance(t, 20) ? 0 : chance(t, 30) ? below(t, 80) : PS - 8;
	q.buffer = q.length || chance(t, 50) ? fz_ptr(t, NULL, q.length, &ok) :
		   0;
	fill = q.length;
	fz_mutate(t, &q, sizeof(q), ptrs, NULL, 8, 0);
	ret = fz_ioctl(t, fd, WT_IOC_QUERY_TOKEN, &q, sizeof(q),
		       WT_TOKEN_QUERY_SIZE_VER0, C_QUERY_TOKEN);
	err = errno;	/* fz_result() makes no system call */
	if (ret < 0 && err == ERANGE && ok && q.length &&
	    q.buffer >= (uintptr_t)t->buf && q.buffer < (uintptr_t)t->buf + PS) {
		uint8_t *b = (uint8_t *)(uintptr_t)q.buffer;
		uint32_t i;

		for (i = 0; i < q.length && i < fill && b + i < t->buf + PS; i++)
			if (b[i] != 0xa5) {
				fz_bug(t, "QUERY_TOKEN ERANGE wrote the buffer");
				break;
			}
	}
}

static void fz_adjust_privileges(struct fz *t)
{
	static const int ptrs[] = {
		offsetof(struct wt_adjust_privileges, privileges),
		offsetof(struct wt_adjust_privileges, previous), -1,
	};
	static const int rsv[] = {
		offsetof(struct wt_adjust_privileges, result),
		offsetof(struct wt_adjust_privileges, reserved), -1,
	};
	struct wt_luid_and_attributes la[4];
	struct wt_adjust_privileges ap = { 0 };
	int ok, i, n = 1 + below(t, 4);

	memset(la, 0, sizeof(la));
	for (i = 0; i < n; i++) {
		la[i].luid = chance(t, 95) ? 2 + below(t, 35) : fz_u32(t);
		la[i].attributes = chance(t, 60) ? WT_SE_PRIVILEGE_ENABLED :
				   chance(t, 85) ? 0 : chance(t, 50) ?
				   WT_SE_PRIVILEGE_REMOVED : fz_u32(t);
		if (chance(t, 3))
			la[i].reserved = fz_u32(t);
	}
	if (chance(t, 8)) {
		ap.flags = WT_ADJUST_DISABLE_ALL;
	} else {
		ap.count = n;
		ap.privileges = fz_ptr(t, la, n * sizeof(la[0]), &ok);
	}
	if (chance(t, 50)) {
		ap.previous_count = chance(t, 80) ? 64 : below(t, 3);
		ap.previous = (uintptr_t)(t->out + OUT_PAGES * PS - 64 * 16);
		if (chance(t, 10))
			ap.previous = (uintptr_t)t->noacc;
	}
	fz_mutate(t, &ap, sizeof(ap), ptrs, rsv, 4, WT_ADJUST_DISABLE_ALL);
	if (ap.count > 64)
		t->must_fail = 3;
	if (ap.count > (uint32_t)n && ap.privileges == (uintptr_t)t->buf)
		ap.privileges = (uintptr_t)t->noacc;
	fz_ioctl(t, pool_fd(t), WT_IOC_ADJUST_PRIVILEGES, &ap, sizeof(ap),
		 WT_ADJUST_PRIVILEGES_SIZE_VER0, C_ADJUST_PRIVILEGES);
}

static void fz_duplicate(struct fz *t)
{
	static const int rsv[] = {
		offsetof(struct wt_duplicate_token, reserved),
		offsetof(struct wt_duplicate_token, reserved) + 4, -1,
	};
	struct wt_duplicate_token d = { 0 };
	long ret;

	d.desired_access = chance(t, 30) ? 0 : token_access[below(t, ARRAY_SIZE(token_access))];
	d.type = chance(t, 90) ? 1 + below(t, 2) : fz_u32(t);
	d.level = chance(t, 90) ? below(t, 4) : fz_u32(t);
	fz_mutate(t, &d, sizeof(d), NULL, rsv, 4, 0);
	if (d.level > 3 || d.type < 1 || d.type > 2 || d.granted_access)
		t->must_fail = 3;
	/* granted_access is an output: the kernel may ignore it. */
	if (t->must_fail == 3 && d.level <= 3 && d.type >= 1 && d.type <= 2 &&
	    !d.flags && !d.reserved)
		t->must_fail = 0;
	ret = fz_ioctl(t, pool_fd(t), WT_IOC_DUPLICATE_TOKEN, &d, sizeof(d),
		       WT_DUPLICATE_TOKEN_SIZE_VER0, C_DUPLICATE_TOKEN);
	take_fd(t, ret, 1);
}

static void fz_adjust_groups(struct fz *t)
{
	static const int ptrs[] = {
		offsetof(struct wt_adjust_groups, groups),
		offsetof(struct wt_adjust_groups, previous), -1,
	};
	static const int rsv[] = {
		offsetof(struct wt_adjust_groups, result),
		offsetof(struct wt_adjust_groups, reserved), -1,
	};
	struct wt_adjust_groups g = { 0 };
	int ok, n = 1 + below(t, 4);
	struct wt_sid_and_attributes *sa = (void *)(t->big + 4096);

	fill_sids(t, sa, n, chance(t, 50) ? WT_SE_GROUP_ENABLED : 0);
	if (chance(t, 10)) {
		g.flags = WT_ADJUST_GROUPS_RESET;
	} else {
		g.count = n;
		g.groups = fz_ptr(t, sa, n * sizeof(*sa), &ok);
	}
	if (chance(t, 50)) {
		g.previous_count = chance(t, 80) ? 16 : below(t, 2);
		/* Writes past the room run into the PROT_NONE page. */
		g.previous = (uintptr_t)(t->out + OUT_PAGES * PS -
					 16 * sizeof(*sa));
	}
	fz_mutate(t, &g, sizeof(g), ptrs, rsv, 4, WT_ADJUST_GROUPS_RESET);
	if (g.count > (uint32_t)n && g.groups == (uintptr_t)t->buf)
		g.groups = (uintptr_t)t->noacc;
	fz_ioctl(t, pool_fd(t), WT_IOC_ADJUST_GROUPS, &g, sizeof(g),
		 WT_ADJUST_GROUPS_SIZE_VER0, C_ADJUST_GROUPS);
}

static void fz_restrict(struct fz *t)
{
	static const int ptrs[] = {
		offsetof(struct wt_create_restricted, deny_sids),
		offsetof(struct wt_create_restricted, delete_privileges),
		offsetof(struct wt_create_restricted, restrict_sids), -1,
	};
	static const int rsv[] = { offsetof(struct wt_create_restricted, reserved), -1 };
	struct wt_sid_and_attributes deny[3], res[3];
	struct wt_luid_and_attributes del[3];
	struct wt_create_restricted r = { 0 };
	int ok, i;
	long ret;

	r.flags = chance(t, 20) ? WT_DISABLE_MAX_PRIVILEGE : 0;
	r.desired_access = chance(t, 40) ? 0 : token_access[below(t, ARRAY_SIZE(token_access))];
	r.deny_count = below(t, 4);
	r.delete_count = below(t, 3);
	r.restrict_count = chance(t, 40) ? 1 + below(t, 3) : 0;
	fill_sids(t, deny, r.deny_count, 0);
	fill_sids(t, res, r.restrict_count, 0);
	memset(del, 0, sizeof(del));
	for (i = 0; i < 3; i++)
		del[i].luid = chance(t, 90) ? 2 + below(t, 35) : fz_u32(t);
	if (r.deny_count)
		r.deny_sids = fz_ptr(t, deny, r.deny_count * sizeof(deny[0]), &ok);
	if (r.delete_count)
		r.delete_privileges = fz_ptr(t, del, r.delete_count *
					     sizeof(del[0]), &ok);
	if (r.restrict_count)
		r.restrict_sids = fz_ptr(t, res, r.restrict_count *
					 sizeof(res[0]), &ok);
	fz_mutate(t, &r, sizeof(r), ptrs, rsv, 4, WT_DISABLE_MAX_PRIVILEGE);
	/* The three arrays may share the buffer page: never read past it. */
	if (r.deny_count > 3)
		r.deny_sids = (uintptr_t)t->noacc;
	if (r.delete_count > 3)
		r.delete_privileges = (uintptr_t)t->noacc;
	if (r.restrict_count > 3)
		r.restrict_sids = (uintptr_t)t->noacc;
	if (t->must_fail == 3 && !(r.flags & ~WT_DISABLE_MAX_PRIVILEGE) &&
	    !r.reserved)
		t->must_fail = 0;	/* granted_access is an output */
	ret = fz_ioctl(t, pool_fd(t), WT_IOC_CREATE_RESTRICTED_TOKEN, &r,
		       sizeof(r), WT_CREATE_RESTRICTED_SIZE_VER0,
		       C_CREATE_RESTRICTED);
	take_fd(t, ret, 1);
}

static void fz_set_info(struct fz *t)
{
	static const int ptrs[] = { offsetof(struct wt_token_set, buffer), -1 };
	static const uint32_t set_classes[] = {
		WT_TOKEN_INFO_OWNER, WT_TOKEN_INFO_PRIMARY_GROUP,
		WT_TOKEN_INFO_DEFAULT_DACL, WT_TOKEN_INFO_INTEGRITY_LEVEL,
		WT_TOKEN_INFO_SESSION_ID,
	};
	struct wt_token_set s = { 0 };
	struct wt_sid_and_attributes sa;
	uint8_t val[1024];
	uint32_t len, v;
	int ok;

	s.info_class = chance(t, 90) ?
		set_classes[below(t, ARRAY_SIZE(set_classes))] :
		classes[below(t, ARRAY_SIZE(classes))];
	switch (s.info_class) {
	case WT_TOKEN_INFO_DEFAULT_DACL:
		len = chance(t, 10) ? 0 : fz_acl(t, val, 0);
		break;
	case WT_TOKEN_INFO_SESSION_ID:
		v = below(t, 3);
		memcpy(val, &v, 4);
		len = 4;
		break;
	case WT_TOKEN_INFO_INTEGRITY_LEVEL:
		sa_set(t, &sa, chance(t, 80) ? labels[below(t, ARRAY_SIZE(labels))] : NULL,
		       chance(t, 80) ? WT_SE_GROUP_INTEGRITY |
		       WT_SE_GROUP_INTEGRITY_ENABLED : 0);
		memcpy(val, &sa, sizeof(sa));
		len = sizeof(sa);
		break;
	default:
		sa_set(t, &sa, NULL, chance(t, 90) ? 0 : fz_u32(t));
		memcpy(val, &sa, sizeof(sa));
		len = sizeof(sa);
		break;
	}
	if (chance(t, 5))
		len = below(t, 200);
	s.length = len;
	s.buffer = len || chance(t, 50) ? fz_ptr(t, val, len, &ok) : 0;
	fz_mutate(t, &s, sizeof(s), ptrs, NULL, 8, 0);
	fz_ioctl(t, pool_fd(t), WT_IOC_SET_TOKEN_INFORMATION, &s, sizeof(s),
		 WT_TOKEN_SET_SIZE_VER0, C_SET_TOKEN_INFO);
}

static void fz_token_rw(struct fz *t)
{
	int fd = t->tok[below(t, POOL)], wr = chance(t, 50);
	char b[16] = { 0 };
	long ret;

	if (fd < 0)
		return;
	ret = wr ? write(fd, b, sizeof(b)) : read(fd, b, sizeof(b));
	fz_result(t, wr ? C_TOKEN_WRITE : C_TOKEN_READ, ret, errno);
}

/* ---- generic netlink ---- */

struct nlb {
	uint8_t *b;
	size_t len, cap;
};

static size_t nla_put(struct nlb *m, uint16_t type, const void *p, size_t plen)
{
	size_t at = m->len, need = NLA_ALIGN(NLA_HDRLEN + plen);
	struct nlattr *a = (void *)(m->b + at);

	if (plen > 65000 || at + need > m->cap)
		return at;
	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + plen;
	if (p)
		memcpy(m->b + at + NLA_HDRLEN, p, plen);
	else
		memset(m->b + at + NLA_HDRLEN, 0, plen);
	memset(m->b + at + NLA_HDRLEN + plen, 0, need - NLA_HDRLEN - plen);
	m->len += need;
	return at;
}

static void nla_end(struct nlb *m, size_t at)
{
	((struct nlattr *)(m->b + at))->nla_len = m->len - at;
}

/* An attribute of @type holding a u32, mutated at times. */
static void put_u32(struct fz *t, struct nlb *m, uint16_t type, uint32_t v)
{
	uint64_t v64 = v;
	uint8_t junk[16];

	switch (below(t, 30)) {
	case 0:
		return;				/* missing */
	case 1:
		nla_put(m, type, &v, 4);	/* twice */
		break;
	case 2:
		nla_put(m, type, &v64, 8);	/* u64 */
		return;
	case 3:
		nla_put(m, type, &v, below(t, 4));	/* short */
		return;
	case 4:
		memset(junk, 0xee, sizeof(junk));
		nla_put(m, type | NLA_F_NESTED, junk, 4 * below(t, 4));
		return;
	case 5:
		v = fz_u32(t);
		break;
	}
	nla_put(m, type, &v, 4);
}

static void put_u64(struct fz *t, struct nlb *m, uint16_t type, uint64_t v)
{
	uint32_t v32 = v;

	switch (below(t, 25)) {
	case 0:
		return;
	case 1:
		nla_put(m, type, &v32, 4);
		return;
	case 2:
		nla_put(m, type, &v, 8);
		break;
	case 3:
		v = rnd(t);
		break;
	}
	nla_put(m, type, &v, 8);
}

static void put_sid(struct fz *t, struct nlb *m, uint16_t type)
{
	uint8_t sid[128];
	size_t n = fz_sid(t, sid);

	switch (below(t, 25)) {
	case 0:
		return;
	case 1:
		n = below(t, 8);
		break;
	case 2:
		memset(sid + n, 0, sizeof(sid) - n);
		n = 69 + below(t, 59);
		break;
	case 3:
		nla_put(m, type, sid, n);
		break;
	}
	nla_put(m, type, sid, n);
}

static void nl_body(struct fz *t, struct nlb *m, int cmd)
{
	size_t list, e;
	int i, n;

	switch (cmd) {
	case WT_CMD_SET_POLICY:
		if (chance(t, 5))
			break;
		list = nla_put(m, WT_A_POLICY | (chance(t, 95) ? NLA_F_NESTED : 0),
			       NULL, 0);
		n = chance(t, 3) ? WT_POLICY_MAX_RULES + 1 : below(t, 4);
		for (i = 0; i < n; i++) {
			e = nla_put(m, chance(t, 95) ? WT_A_POLICY_RULE :
				    below(t, 8), NULL, 0);
			put_u32(t, m, WT_RULE_A_KIND, below(t, 2));
			put_u32(t, m, WT_RULE_A_ID, chance(t, 50) ?
				WT_UID_BOB : 5000 + below(t, 10));
			/* Harmless privileges mostly: the workers run on. */
			put_u64(t, m, WT_RULE_A_PRIVILEGES,
				chance(t, 90) ? 1ULL << WT_SE_TIME_ZONE_PRIVILEGE :
				rnd(t));
			nla_end(m, e);
		}
		nla_end(m, list);
		break;
	case WT_CMD_SET_CONNECT_LEVEL:
		put_u32(t, m, WT_A_LEVEL, chance(t, 80) ? 1 : below(t, 6));
		break;
	case WT_CMD_GET_TOKEN:
		put_u32(t, m, WT_A_PID, chance(t, 70) ?
			sh->tid[below(t, NW)][below(t, NT)] :
			chance(t, 50) ? sh->pid[below(t, NW)] : fz_u32(t));
		if (chance(t, 40))
			nla_put(m, WT_A_EFFECTIVE, NULL,
				chance(t, 90) ? 0 : 4);
		break;
	case WT_CMD_SET_IDMAP:
		if (chance(t, 5))
			break;
		list = nla_put(m, WT_A_IDMAP | NLA_F_NESTED, NULL, 0);
		n = chance(t, 3) ? WT_IDMAP_MAX_ENTRIES + 1 : below(t, 3);
		for (i = 0; i < n; i++) {
			uint8_t sid[WT_SID_MAX_BYTES];

			e = nla_put(m, WT_A_IDMAP_ENTRY | NLA_F_NESTED, NULL, 0);
			if (chance(t, 80)) {
				const char *str = chance(t, 50) ?
					"S-1-5-21-7-7-7-1000" : "S-1-5-21-7-7-7-1001";

				nla_put(m, WT_IDMAP_A_SID, sid,
					wt_sid_bytes(str, sid));
			} else {
				put_sid(t, m, WT_IDMAP_A_SID);
			}
			put_u32(t, m, WT_IDMAP_A_KIND, below(t, 2));
			put_u32(t, m, WT_IDMAP_A_ID, 6000 + below(t, 3));
			nla_end(m, e);
		}
		nla_end(m, list);
		break;
	case WT_CMD_GET_SESSION:
		put_u64(t, m, WT_A_LOGON_ID, chance(t, 50) ? below(t, 0x10000) :
			rnd(t));
		break;
	case WT_CMD_CREATE_SESSION:
		put_u32(t, m, WT_A_LOGON_TYPE, chance(t, 80) ? 2 + below(t, 4) :
			fz_u32(t));
		put_sid(t, m, WT_A_USER_SID);
		break;
	}
	/* Attributes nobody may send, unknown ones, a length past the end. */
	if (chance(t, 8))
		put_u64(t, m, WT_A_STAT_CHECKS + below(t, 10), 1);
	if (chance(t, 5))
		nla_put(m, WT_A_TOKEN | NLA_F_NESTED, NULL, 0);
	if (chance(t, 5))
		nla_put(m, WT_A_MAX + 1 + below(t, 100), "xxxxxxxx", 8);
	if (chance(t, 4))
		nla_put(m, below(t, WT_A_MAX + 1), NULL, below(t, 2000));
	if (chance(t, 3) && m->len >= GENL_HDRLEN + NLA_HDRLEN) {
		struct nlattr *a = (void *)(m->b + m->len - NLA_HDRLEN);

		a->nla_type = below(t, WT_A_MAX + 1);
		a->nla_len = NLA_HDRLEN + 8 + below(t, 1000);
	}
}

/*
 * Send one request on @s and read its answer: 0 (ACK or dump end), a
 * negative errno, or 1 when nothing came back in time.
 */
static int nl_request(struct fz *t, int s, void *msg, size_t len, uint32_t seq)
{
	struct pollfd pfd = { .fd = s, .events = POLLIN };
	int i;

	if (send(s, msg, len, 0) < 0)
		return -errno;
	for (i = 0; i < 64; i++) {
		struct nlmsghdr *h;
		ssize_t n;

		if (poll(&pfd, 1, s == t->nl[0] ? 5000 : 300) <= 0)
			return 1;
		n = recv(s, t->nlrx, BIG, MSG_DONTWAIT);
		if (n < 0)
			return errno == EAGAIN ? 1 : -errno;
		for (h = (void *)t->nlrx; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_seq != seq)
				continue;
			if (h->nlmsg_type == NLMSG_ERROR)
				return ((struct nlmsgerr *)NLMSG_DATA(h))->error;
			if (h->nlmsg_type == NLMSG_DONE)
				return *(int *)NLMSG_DATA(h);
		}
	}
	return 1;
}

static void fz_netlink(struct fz *t)
{
	struct nlb m = { .b = t->nlmsg + NLMSG_HDRLEN, .cap = BIG - 64 };
	struct nlmsghdr *h = (void *)t->nlmsg;
	struct genlmsghdr *g = (void *)m.b;
	int cmd = chance(t, 95) ? below(t, WT_CMD_MAX + 1) : 1 + below(t, 255);
	int i = below(t, t->nnl), s = t->nl[i], ret, slot;

	m.len = GENL_HDRLEN;
	g->cmd = cmd;
	g->version = chance(t, 95) ? WT_GENL_VERSION : below(t, 256);
	g->reserved = chance(t, 95) ? 0 : 1 + below(t, 65535);
	if (cmd <= WT_CMD_MAX)
		nl_body(t, &m, cmd);
	h->nlmsg_len = NLMSG_HDRLEN + m.len;
	h->nlmsg_type = nl_family;
	h->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	if (cmd == WT_CMD_LIST_SESSIONS ? chance(t, 90) : chance(t, 5))
		h->nlmsg_flags |= NLM_F_DUMP;
	/* Unique across threads: a passed socket is read by two processes. */
	h->nlmsg_seq = (uint32_t)(t->w * NT + t->t) << 24 | (++t->nlseq & 0xffffff);
	h->nlmsg_pid = 0;
	ret = nl_request(t, s, h, h->nlmsg_len, h->nlmsg_seq);
	slot = cmd <= WT_CMD_MAX ? C_NL_FIRST + cmd : C_NL_UNKNOWN;
	if (ret == 1) {
		/* Another process reads a socket passed to it as well. */
		if (!i)
			fz_bug(t, "netlink %s: no answer", cmds[slot].name);
		return;
	}
	fz_result(t, slot, ret ? -1 : 0, -ret);
}

/* ---- raw security.wintok ---- */

static void fz_xattr(struct fz *t)
{
	const char *path = paths[below(t, npaths)];
	uint32_t m = below(t, 100);
	long ret;
	int err;

	if (m < 50) {
		size_t len = fz_sd(t, t->sd);
		int ok, flags = chance(t, 90) ? 0 : below(t, 3);
		uint64_t p;

		if (chance(t, 5))
			len = 0;
		p = fz_ptr(t, t->sd, len, &ok);
		/* The VFS's own refusals are not wintok's to document. */
		if (!ok && p && chance(t, 80))
			p = (uintptr_t)(t->sd);
		if (len > WT_SD_MAX_SIZE || (flags && chance(t, 80)))
			flags = 0, len = len > WT_SD_MAX_SIZE ? WT_SD_MAX_SIZE : len;
		ret = setxattr(path, WT_XATTR_NAME, (void *)(uintptr_t)p, len,
			       flags);
		err = errno;
		if (flags && ret < 0 && (err == EEXIST || err == ENODATA))
			return;
		fz_result(t, C_XATTR_SET, ret, err);
	} else if (m < 85) {
		size_t len = chance(t, 30) ? 0 : chance(t, 30) ? below(t, 64) :
			     PS;
		int ok;
		uint64_t p = fz_ptr(t, NULL, len, &ok);

		ret = getxattr(path, WT_XATTR_NAME, (void *)(uintptr_t)p, len);
		fz_result(t, C_XATTR_GET, ret, errno);
	} else {
		ret = removexattr(path, WT_XATTR_NAME);
		fz_result(t, C_XATTR_REMOVE, ret, errno);
	}
}

/* ---- SCM_RIGHTS between the processes ---- */

/* The rights of token handle @fd from its fdinfo; -1 if none. */
static long fd_access(int fd)
{
	char p[64], line[128];
	long v = -1;
	FILE *f;

	snprintf(p, sizeof(p), "/proc/self/fdinfo/%d", fd);
	f = fopen(p, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "wt-access: %lx", &v) == 1)
			break;
	fclose(f);
	return v;
}

static void fz_scm(struct fz *t)
{
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct msghdr mh = { 0 };
	struct cmsghdr *c;
	struct iovec iov;
	long rights;		/* -1: a netlink socket; -2: not known */
	int fd;

	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = cbuf;
	mh.msg_controllen = sizeof(cbuf);
	iov.iov_base = &rights;
	iov.iov_len = sizeof(rights);
	if (chance(t, 50)) {
		int tok = chance(t, 90);

		fd = tok ? t->tok[below(t, POOL)] : t->nl_share;
		if (fd < 0)
			return;
		/* An impersonating thread may not read its fdinfo. */
		rights = tok ? fd_access(fd) : -1;
		if (tok && rights < 0)
			rights = -2;
		c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &fd, sizeof(int));
		if (sendmsg(t->scm_tx, &mh, MSG_DONTWAIT) > 0)
			atomic_fetch_add(&sh->scm_sent, 1);
		return;
	}
	if (recvmsg(t->scm_rx, &mh, MSG_DONTWAIT | MSG_CMSG_CLOEXEC) <= 0)
		return;
	c = CMSG_FIRSTHDR(&mh);
	if (!c || c->cmsg_type != SCM_RIGHTS)
		return;
	memcpy(&fd, CMSG_DATA(c), sizeof(int));
	atomic_fetch_add(&sh->scm_recv, 1);
	if (rights == -1) {		/* a netlink socket */
		if (t->nnl < 4) {
			t->nl[t->nnl++] = fd;
		} else {
			close(t->nl[3]);
			t->nl[3] = fd;
		}
		return;
	}
	{
		long now = fd_access(fd);

		if (rights >= 0 && now >= 0 && now != rights) {
			atomic_fetch_add(&sh->scm_bad_rights, 1);
			fz_bug(t, "handle sent with rights %#lx arrived with %#lx",
			       rights, now);
		}
	}
	atomic_fetch_add(&sh->scm_used, 1);
	pool_add(t, fd);
	/* Use it at once: query it, and impersonate it now and then. */
	if (chance(t, 30)) {
		struct wt_impersonate im = { .size = sizeof(im), .fd = fd };
		long ret = ioctl(t->dev, WT_IOC_IMPERSONATE, &im);

		fz_result(t, C_IMPERSONATE, ret, errno);
		if (ret >= 0)
			t->imp = 1;
	} else {
		struct wt_token_query q = {
			.size = sizeof(q), .info_class = WT_TOKEN_INFO_USER,
			.length = PS, .buffer = (uintptr_t)t->buf,
		};
		long ret = ioctl(fd, WT_IOC_QUERY_TOKEN, &q);

		fz_result(t, C_QUERY_TOKEN, ret, errno);
	}
}

/* ---- the threads ---- */

static void fz_get_file_security(struct fz *t) { fz_file_security(t, 0); }
static void fz_set_file_security(struct fz *t) { fz_file_security(t, 1); }
static void fz_impersonate_token(struct fz *t) { fz_impersonate(t, 0); }
static void fz_impersonate_peer(struct fz *t) { fz_impersonate(t, 1); }
static void fz_get_ipc_security(struct fz *t) { fz_ipc_security(t, 0); }
static void fz_set_ipc_security(struct fz *t) { fz_ipc_security(t, 1); }
static void fz_dev_unknown(struct fz *t) { fz_unknown(t, 0); }
static void fz_token_unknown(struct fz *t) { fz_unknown(t, 1); }

/* What a step does, with its weight in a thousand. */
static const struct {
	int weight;
	void (*fn)(struct fz *t);
} steps[] = {
	{ 40, fz_open_process_token }, { 20, fz_create_token },
	{ 10, fz_assign_primary }, { 40, fz_get_file_security },
	{ 50, fz_set_file_security }, { 30, fz_impersonate_token },
	{ 10, fz_revert }, { 30, fz_connect_qos }, { 20, fz_impersonate_peer },
	{ 25, fz_open_thread_token }, { 20, fz_get_ipc_security },
	{ 25, fz_set_ipc_security }, { 25, fz_open_backup },
	{ 15, fz_backup_intent }, { 10, fz_dev_unknown }, { 70, fz_query },
	{ 40, fz_adjust_privileges }, { 40, fz_duplicate },
	{ 30, fz_adjust_groups }, { 40, fz_restrict }, { 40, fz_set_info },
	{ 10, fz_token_unknown }, { 10, fz_token_rw }, { 150, fz_netlink },
	{ 120, fz_xattr }, { 80, fz_scm },
};

static void fz_step(struct fz *t)
{
	uint32_t m = below(t, 1000);
	size_t i;

	t->must_fail = 0;
	t->detail = 0;
	if (t->imp && chance(t, 15)) {
		fz_revert(t);
		return;
	}
	for (i = 0; i < ARRAY_SIZE(steps) - 1; i++) {
		if (m < (uint32_t)steps[i].weight)
			break;
		m -= steps[i].weight;
	}
	if (!(step_mask & (1u << i)))
		return;
	cur_step = i;
	steps[i].fn(t);
}

static int open_nl(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	int one = 1;

	if (s < 0)
		return -1;
	setsockopt(s, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	if (bind(s, (struct sockaddr *)&sa, sizeof(sa))) {
		close(s);
		return -1;
	}
	return s;
}

static int fz_setup(struct fz *t)
{
	char p[256];
	int i;

	t->dev = open("/dev/wintok", O_RDWR | O_CLOEXEC);
	t->arg = mmap(NULL, 3 * PS, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	t->buf = mmap(NULL, 2 * PS, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	t->noacc = mmap(NULL, 2 * PS, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
			-1, 0);
	t->out = mmap(NULL, (OUT_PAGES + 1) * PS, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	t->big = malloc(BIG);
	t->sd = malloc(BIG);
	t->nlmsg = malloc(BIG);
	t->nlrx = malloc(BIG);
	if (t->dev < 0 || t->arg == MAP_FAILED || t->buf == MAP_FAILED ||
	    t->noacc == MAP_FAILED || t->out == MAP_FAILED || !t->big ||
	    !t->sd || !t->nlmsg || !t->nlrx)
		return -1;
	mprotect(t->arg + 2 * PS, PS, PROT_NONE);
	mprotect(t->buf + PS, PS, PROT_NONE);
	mprotect(t->out + OUT_PAGES * PS, PS, PROT_NONE);
	for (i = 0; i < POOL; i++)
		t->tok[i] = -1;
	t->tok[0] = wt_open_process_token(t->dev, WT_MAXIMUM_ALLOWED, NULL);
	t->tok[1] = wt_open_process_token(t->dev, WT_TOKEN_QUERY |
					  WT_TOKEN_DUPLICATE, NULL);
	t->nl[t->nnl++] = open_nl();
	t->nl_share = open_nl();
	for (i = 0; i < npaths && t->nfiles < 14; i++) {
		int fd = open(paths[i], O_RDONLY | O_CLOEXEC);

		if (fd >= 0)
			t->files[t->nfiles++] = fd;
		fd = open(paths[i], O_PATH | O_CLOEXEC);
		if (fd >= 0 && t->nfiles < 16)
			t->files[t->nfiles++] = fd;
	}
	if (!t->nfiles)
		t->files[t->nfiles++] = open("/", O_RDONLY | O_CLOEXEC);
	snprintf(p, sizeof(p), "%s/w%d", FZ_DIR, t->w);
	t->dirs[t->ndirs++] = open(p, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	t->dirs[t->ndirs++] = open(p, O_PATH | O_DIRECTORY | O_CLOEXEC);
	snprintf(p, sizeof(p), "%s/w%d", FZ_DISK_DIR, t->w);
	t->dirs[t->ndirs++] = open(p, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	t->dirs[t->ndirs++] = open(FZ_DIR, O_PATH | O_DIRECTORY | O_CLOEXEC);
	t->lsock = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	t->laddr.sun_family = AF_UNIX;
	i = snprintf(t->laddr.sun_path + 1, sizeof(t->laddr.sun_path) - 1,
		     "wt_fuzz_%d_%d_%d", getpid(), t->w, t->t);
	t->laddr_len = offsetof(struct sockaddr_un, sun_path) + 1 + i;
	if (t->lsock >= 0) {
		struct wt_file_security f = { .size = sizeof(f) };
		uint8_t sd[256];
		struct wt_rule everyone = { 0, 0, WT_FILE_ALL_ACCESS, "S-1-1-0" };

		bind(t->lsock, (struct sockaddr *)&t->laddr, t->laddr_len);
		/* Let every worker's token connect. */
		f.fd = t->lsock;
		f.selectors = WT_DACL_SECURITY_INFORMATION;
		f.length = wt_build_sd(sd, NULL, &everyone, 1, 0);
		f.buffer = (uintptr_t)sd;
		ioctl(t->dev, WT_IOC_SET_FILE_SECURITY, &f);
		listen(t->lsock, 8);
	}
	for (i = 0; i < NPEER; i++) {
		t->srv[i] = -1;
		t->cli[i] = -1;
		fz_connect(t, i, i + 1, 0);
	}
	t->pidfd = syscall(SYS_pidfd_open, sh->pid[(t->w + 1) % NW], 0);
	return 0;
}

static void fz_teardown(struct fz *t)
{
	int i;

	if (t->imp)
		ioctl(t->dev, WT_IOC_REVERT_TO_SELF, 0);
	wt_set_backup_intent(t->dev, 0, NULL);
	for (i = 0; i < POOL; i++)
		if (t->tok[i] >= 0)
			close(t->tok[i]);
	for (i = 0; i < NPEER; i++) {
		if (t->srv[i] >= 0)
			close(t->srv[i]);
		if (t->cli[i] >= 0)
			close(t->cli[i]);
	}
	for (i = 0; i < t->nnl; i++)
		close(t->nl[i]);
	close(t->nl_share);
	for (i = 0; i < t->nfiles; i++)
		close(t->files[i]);
	for (i = 0; i < t->ndirs; i++)
		close(t->dirs[i]);
	if (t->lsock >= 0)
		close(t->lsock);
	if (t->pidfd >= 0)
		close(t->pidfd);
	close(t->dev);
}

/* Say where a worker died, for the replay. */
static void on_crash(int sig, siginfo_t *si, void *uc)
{
	char b[200];
	int n;

	n = snprintf(b, sizeof(b),
		     "# abi_fuzz: %s/%d: signal %d at %p, iter %ld step %d pc %#llx (fz_step %p)\n",
		     cur ? wname[cur->w] : "?", cur ? cur->t : -1, sig,
		     si->si_addr, cur ? cur->iter : -1L, cur_step,
		     (unsigned long long)((ucontext_t *)uc)->uc_mcontext.gregs[REG_RIP],
		     (void *)fz_step);
	if (write(1, b, n) < 0)
		_exit(128 + sig);
	_exit(128 + sig);
}

struct thread_arg {
	int w, t, scm_tx, scm_rx;
};

static void *fz_thread(void *p)
{
	struct thread_arg *ta = p;
	struct fz t = { .w = ta->w, .t = ta->t, .scm_tx = ta->scm_tx,
			.scm_rx = ta->scm_rx };
	uint64_t x = seed ^ (0x100ULL * (ta->w + 1) + ta->t);

	t.rng = splitmix(&x);
	sh->tid[t.w][t.t] = syscall(SYS_gettid);
	cur = &t;
	if (fz_setup(&t)) {
		fz_bug(&t, "thread setup failed: %s", strerror(errno));
		return NULL;
	}
	while (!atomic_load(&sh->stop)) {
		fz_step(&t);
		t.iter++;
	}
	fz_teardown(&t);
	return NULL;
}

/* ---- the worker processes ---- */

static int become(int w)
{
	gid_t finance = WT_GID_FINANCE;

	switch (w) {
	case W_ALICE:
		return setgroups(1, &finance) ||
		       setresgid(WT_GID_USERS, WT_GID_USERS, WT_GID_USERS) ||
		       setresuid(WT_UID_ALICE, WT_UID_ALICE, WT_UID_ALICE);
	case W_BOB:
		return setgroups(0, NULL) ||
		       setresgid(WT_GID_USERS, WT_GID_USERS, WT_GID_USERS) ||
		       setresuid(WT_UID_BOB, WT_UID_BOB, WT_UID_BOB);
	case W_LOW:
		return wt_lower_own_token();
	case W_RESTRICTED: {
		struct wt_sid_and_attributes r[3];
		int own, rt, ret;

		wt_sid_parse("S-1-1-0", &r[0], 0);
		wt_sid_parse("S-1-22-1-0", &r[1], 0);
		wt_sid_parse("S-1-22-2-0", &r[2], 0);
		own = wt_open_process_token(-1, WT_TOKEN_ALL_ACCESS, NULL);
		if (own < 0 || wt_enable_privilege(WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE))
			return -1;
		rt = wt_create_restricted_token(own, 0, NULL, 0, NULL, 0, r, 3,
						0, NULL);
		if (rt < 0)
			return -1;
		ret = wt_assign_primary_token(-1, rt);
		close(rt);
		close(own);
		return ret;
	}
	}
	return 0;
}

static void worker(int w, int tx, int rx)
{
	struct thread_arg ta[NT];
	pthread_t th[NT];
	int i;

	char dir[64];

	struct sigaction sa = { .sa_sigaction = on_crash,
				.sa_flags = SA_SIGINFO };

	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	snprintf(dir, sizeof(dir), "%s/w%d", FZ_DIR, w);
	if (become(w) || chdir(dir)) {
		printf("# abi_fuzz: %s cannot set up: %s\n", wname[w],
		       strerror(errno));
		_exit(2);
	}
	sh->ipc[w][0] = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	sh->ipc[w][1] = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
	sh->ipc[w][2] = shmget(IPC_PRIVATE, PS, IPC_CREAT | 0600);
	for (i = 0; i < NT; i++) {
		ta[i] = (struct thread_arg){ w, i, tx, rx };
		pthread_create(&th[i], NULL, fz_thread, &ta[i]);
	}
	for (i = 0; i < NT; i++)
		pthread_join(th[i], NULL);
	_exit(0);
}

/*
 * Run the workers in an IPC namespace of their own, so that the objects
 * they create (whatever SD the fuzz left on them) go with it. Returns 0
 * when every worker ran and exited cleanly.
 */
static int coordinate(int only, int sp[NW][2])
{
	int w, ok = 1;

	if (unshare(CLONE_NEWIPC)) {
		printf("# abi_fuzz: unshare(CLONE_NEWIPC): %s\n", strerror(errno));
		return 1;
	}
	/* A worker not started yet is named by this pid meanwhile. */
	for (w = 0; w < NW; w++)
		sh->pid[w] = getpid();
	for (w = 0; w < NW; w++) {
		pid_t pid;

		if (!(only & (1 << w)))
			continue;
		pid = fork();
		if (pid == 0)
			worker(w, sp[(w + 1) % NW][0], sp[w][1]);
		sh->pid[w] = pid;
	}
	sleep(secs);
	atomic_store(&sh->stop, 1);
	for (w = 0; w < NW; w++) {
		int st, waited;

		if (!(only & (1 << w)))
			continue;
		for (waited = 0; waited < 60; waited++) {
			if (waitpid(sh->pid[w], &st, WNOHANG) == sh->pid[w])
				break;
			sleep(1);
		}
		if (waited == 60) {
			printf("# abi_fuzz: worker %s hung; killed\n", wname[w]);
			kill(sh->pid[w], SIGKILL);
			waitpid(sh->pid[w], &st, 0);
			ok = 0;
		} else if (!WIFEXITED(st) || WEXITSTATUS(st)) {
			printf("# abi_fuzz: worker %s ended with status %#x\n",
			       wname[w], st);
			ok = 0;
		}
	}
	return !ok;
}

/* ---- setup, checks and the report ---- */

static const char *const counters[] = {
	"live_tokens", "live_token_states", "live_cred_entries",
	"backup_intent_threads", "unix_abstract_sds", "ipc_sd_objects",
};

static const char *const errors[] = {
	"cred_alloc_failures", "ipc_errors", "unix_errors", "traverse_errors",
	"file_errors",
};

static void make_file(const char *path, uid_t uid, int dir)
{
	if (dir)
		mkdir(path, 0777);
	else
		close(open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0666));
	chown(path, uid, WT_GID_USERS);
	chmod(path, dir ? 0777 : 0666);
	if (npaths < (int)ARRAY_SIZE(paths))
		paths[npaths++] = strdup(path);
}

static void make_tree(void)
{
	static const uid_t owner[NW] = {
		0, WT_UID_ALICE, 0, 0, WT_UID_BOB,
	};
	char p[256];
	int w, disk = !access("/mnt/disk", W_OK);

	wt_rm_rf(FZ_DIR);
	wt_rm_rf(FZ_DISK_DIR);
	mkdir(FZ_DIR, 0777);
	chmod(FZ_DIR, 0777);
	make_file(FZ_DIR "/root_f", 0, 0);
	make_file(FZ_DIR "/alice_f", WT_UID_ALICE, 0);
	make_file(FZ_DIR "/bob_f", WT_UID_BOB, 0);
	if (disk) {
		mkdir(FZ_DISK_DIR, 0777);
		chmod(FZ_DISK_DIR, 0777);
		make_file(FZ_DISK_DIR "/root_f", 0, 0);
		make_file(FZ_DISK_DIR "/alice_f", WT_UID_ALICE, 0);
	}
	for (w = 0; w < NW; w++) {
		snprintf(p, sizeof(p), "%s/w%d", FZ_DIR, w);
		make_file(p, owner[w], 1);
		snprintf(p, sizeof(p), "%s/w%d/f", FZ_DIR, w);
		make_file(p, owner[w], 0);
		snprintf(p, sizeof(p), "%s/w%d/sub", FZ_DIR, w);
		mkdir(p, 0777);
		chown(p, owner[w], WT_GID_USERS);
		if (!disk)
			continue;
		snprintf(p, sizeof(p), "%s/w%d", FZ_DISK_DIR, w);
		make_file(p, owner[w], 1);
		snprintf(p, sizeof(p), "%s/w%d/f", FZ_DISK_DIR, w);
		make_file(p, owner[w], 0);
	}
}

/*
 * Give every process and kernel thread alive now its token: the module
 * derives one when a credential is first asked for it, and the fuzz asks
 * for those of random pids (init, kernel threads), whose tokens then
 * live on with them. Asked here, they are in the baseline.
 */
static void touch_all_tokens(void)
{
	struct {
		struct nlmsghdr h;
		struct genlmsghdr g;
		struct nlattr a;
		uint32_t pid;
	} req = { 0 };
	static uint8_t rx[65536];
	struct dirent *de;
	int s = open_nl();
	DIR *d = opendir("/proc");

	while (s >= 0 && d && (de = readdir(d))) {
		struct pollfd pfd = { .fd = s, .events = POLLIN };
		int done = 0;

		req.pid = strtoul(de->d_name, NULL, 10);
		if (!req.pid)
			continue;
		req.h.nlmsg_len = sizeof(req);
		req.h.nlmsg_type = nl_family;
		req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
		req.h.nlmsg_seq++;
		req.g.cmd = WT_CMD_GET_TOKEN;
		req.g.version = WT_GENL_VERSION;
		req.a.nla_type = WT_A_PID;
		req.a.nla_len = NLA_HDRLEN + 4;
		if (send(s, &req, sizeof(req), 0) < 0)
			break;
		/* Up to the ACK, whatever the answer says. */
		while (!done && poll(&pfd, 1, 2000) > 0) {
			ssize_t n = recv(s, rx, sizeof(rx), MSG_DONTWAIT);
			struct nlmsghdr *h = (void *)rx;

			if (n <= 0)
				break;
			for (; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n))
				if (h->nlmsg_type == NLMSG_ERROR &&
				    h->nlmsg_seq == req.h.nlmsg_seq)
					done = 1;
		}
	}
	if (d)
		closedir(d);
	if (s >= 0)
		close(s);
}

static int resolve_family(void)
{
	uint8_t buf[4096];
	struct {
		struct nlmsghdr h;
		struct genlmsghdr g;
		char attrs[64];
	} req = { 0 };
	struct nlattr *a = (void *)req.attrs;
	struct nlmsghdr *h;
	int s = open_nl(), id = -1;
	ssize_t n;

	if (s < 0)
		return -1;
	a->nla_type = CTRL_ATTR_FAMILY_NAME;
	a->nla_len = NLA_HDRLEN + sizeof(WT_GENL_NAME);
	memcpy(req.attrs + NLA_HDRLEN, WT_GENL_NAME, sizeof(WT_GENL_NAME));
	req.h.nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN +
			  NLA_ALIGN(a->nla_len);
	req.h.nlmsg_type = GENL_ID_CTRL;
	req.h.nlmsg_flags = NLM_F_REQUEST;
	req.g.cmd = CTRL_CMD_GETFAMILY;
	req.g.version = 1;
	if (send(s, &req, req.h.nlmsg_len, 0) < 0)
		goto out;
	n = recv(s, buf, sizeof(buf), 0);
	h = (void *)buf;
	if (n <= 0 || !NLMSG_OK(h, n) || h->nlmsg_type != GENL_ID_CTRL)
		goto out;
	n = h->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
	for (a = (void *)(buf + NLMSG_HDRLEN + GENL_HDRLEN);
	     n >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= n;
	     n -= NLA_ALIGN(a->nla_len),
	     a = (void *)((uint8_t *)a + NLA_ALIGN(a->nla_len)))
		if (a->nla_type == CTRL_ATTR_FAMILY_ID)
			id = *(uint16_t *)((uint8_t *)a + NLA_HDRLEN);
out:
	close(s);
	return id;
}

/* What the fuzz may change globally, kept to be put back. */
struct saved {
	char privileges[4096], level[16], wait[16];
	uint8_t idmap[65536];
	size_t idmap_len;
};

/* GET_IDMAP (@set 0: keep the map in @sv) or SET_IDMAP of @sv's map. */
static int idmap_io(struct saved *sv, int set)
{
	static uint8_t msg[70000];
	struct nlmsghdr *h = (void *)msg;
	struct genlmsghdr *g = (void *)(msg + NLMSG_HDRLEN);
	int s = open_nl(), err = -1;
	ssize_t n;

	if (s < 0)
		return -1;
	memset(msg, 0, NLMSG_HDRLEN + GENL_HDRLEN);
	g->cmd = set ? WT_CMD_SET_IDMAP : WT_CMD_GET_IDMAP;
	g->version = WT_GENL_VERSION;
	h->nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN;
	if (set) {
		memcpy(msg + h->nlmsg_len, sv->idmap, sv->idmap_len);
		h->nlmsg_len += sv->idmap_len;
	}
	h->nlmsg_type = nl_family;
	h->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	h->nlmsg_seq = 1;
	if (send(s, msg, h->nlmsg_len, 0) < 0)
		goto out;
	while ((n = recv(s, msg, sizeof(msg), 0)) > 0) {
		for (h = (void *)msg; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type == NLMSG_ERROR) {
				err = ((struct nlmsgerr *)NLMSG_DATA(h))->error;
				goto out;
			}
			if (!set && h->nlmsg_type == nl_family) {
				struct nlattr *a = (void *)((uint8_t *)h +
					NLMSG_HDRLEN + GENL_HDRLEN);

				if (a->nla_len >= NLA_HDRLEN &&
				    (a->nla_type & NLA_TYPE_MASK) == WT_A_IDMAP) {
					sv->idmap_len = NLA_ALIGN(a->nla_len);
					memcpy(sv->idmap, a, sv->idmap_len);
					((struct nlattr *)sv->idmap)->nla_type =
						WT_A_IDMAP | NLA_F_NESTED;
				}
			}
		}
	}
out:
	close(s);
	return err;
}

static void save_settings(struct saved *sv)
{
	wt_read_param_text("privileges", sv->privileges, sizeof(sv->privileges));
	wt_read_param_text("default_connect_level", sv->level, sizeof(sv->level));
	wt_read_param_text("session_wait", sv->wait, sizeof(sv->wait));
	sv->idmap_len = 0;
	idmap_io(sv, 0);
	if (!sv->idmap_len) {
		struct nlattr *a = (void *)sv->idmap;

		a->nla_type = WT_A_IDMAP | NLA_F_NESTED;
		a->nla_len = NLA_HDRLEN;
		sv->idmap_len = NLA_HDRLEN;
	}
	/* Sessions the fuzz creates and never joins end soon. */
	wt_write_param("session_wait", "2");
}

static int restore_settings(struct saved *sv)
{
	int bad = 0;

	if (wt_set_privilege_policy(sv->privileges))
		bad = 1;
	if (wt_write_param("default_connect_level", sv->level) ||
	    wt_write_param("session_wait", sv->wait))
		bad = 1;
	if (idmap_io(sv, 1))
		bad = 1;
	return bad;
}

static const char *errname(int e)
{
	static char b[16];
	const char *n = e ? strerrorname_np(e) : "ok";

	if (n)
		return n;
	snprintf(b, sizeof(b), "E%d", e);
	return b;
}

static int tap_no;

static void tap(int ok, const char *name)
{
	printf("%s %d %s\n", ok ? "ok" : "not ok", ++tap_no, name);
}

static void print_table(void)
{
	int c, e;

	printf("# errno table (per command: outcome=count)\n");
	for (c = 0; c < NCMD; c++) {
		char line[1024];
		int off = 0;

		for (e = 0; e < NERR; e++) {
			long n = atomic_load(&sh->cnt[c][e]);

			if (n && off < (int)sizeof(line) - 40)
				off += snprintf(line + off, sizeof(line) - off,
						" %s=%ld", errname(e), n);
		}
		printf("#   %-24s%s\n", cmds[c].name, off ? line : " (not called)");
	}
}

int main(int argc, char **argv)
{
	long before[6] = { 0 }, after[6], ebefore[5], eafter[5];
	struct wt_kthreads *kthreads;
	int sp[NW][2], w, i, ok, only = (1 << NW) - 1, bad_settings;
	const char *s;
	struct timespec t0, t1;
	struct saved *sv;
	double elapsed;
	pid_t pid;

	setvbuf(stdout, NULL, _IOLBF, 0);
	s = getenv("WT_FUZZ_SEED");
	if (argc > 1)
		s = argv[1];
	if (s && *s) {
		seed = strtoull(s, NULL, 0);
	} else {
		clock_gettime(CLOCK_REALTIME, &t0);
		seed = t0.tv_nsec ^ ((uint64_t)t0.tv_sec << 20) ^ getpid();
	}
	s = getenv("WT_FUZZ_SECS");
	if (s && atoi(s) > 0)
		secs = atoi(s);
	s = getenv("WT_FUZZ_STEPS");
	if (s && strtoul(s, NULL, 0))
		step_mask = strtoul(s, NULL, 0);
	s = getenv("WT_FUZZ_WORKERS");
	if (s && strtol(s, NULL, 0) > 0)
		only = strtol(s, NULL, 0);
	printf("TAP version 13\n1..7\n");
	printf("# abi_fuzz: seed=%#llx secs=%d workers=%#x threads=%d (WT_FUZZ_SEED=%#llx)\n",
	       (unsigned long long)seed, secs, only, NT,
	       (unsigned long long)seed);
	if (access("/dev/wintok", F_OK)) {
		for (i = 0; i < 7; i++)
			printf("ok %d # SKIP wintok not loaded\n", i + 1);
		return 0;
	}
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	sv = malloc(sizeof(*sv));
	if (sh == MAP_FAILED || !sv)
		return 1;
	memset(sh->ipc, 0xff, sizeof(sh->ipc));
	nl_family = resolve_family();
	if (nl_family < 0)
		printf("# abi_fuzz: no wintok netlink family\n");
	make_tree();
	save_settings(sv);
	touch_all_tokens();
	kthreads = calloc(1, sizeof(*kthreads));
	if (kthreads)
		wt_kthreads_scan(kthreads, NULL);
	/* A baseline once the counters stand still (RCU-deferred frees). */
	for (w = 0; w < 20; w++) {
		int same = 1;

		for (i = 0; i < 6; i++) {
			long v = wt_read_param(counters[i]);

			if (v != before[i])
				same = 0;
			before[i] = v;
		}
		if (same && w)
			break;
		sleep(1);
	}
	for (i = 0; i < 5; i++)
		ebefore[i] = wt_read_param(errors[i]);
	for (w = 0; w < NW; w++)
		socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sp[w]);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid == 0)
		_exit(coordinate(only, sp));
	ok = 0;
	if (pid > 0) {
		int st;

		waitpid(pid, &st, 0);
		ok = WIFEXITED(st) && !WEXITSTATUS(st);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	elapsed = t1.tv_sec - t0.tv_sec + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	for (w = 0; w < NW; w++) {
		close(sp[w][0]);
		close(sp[w][1]);
	}
	bad_settings = restore_settings(sv);
	wt_rm_rf(FZ_DIR);
	wt_rm_rf(FZ_DISK_DIR);

	printf("# abi_fuzz: %ld calls in %.1f s: %.0f calls/s; scm %ld sent %ld got %ld used\n",
	       atomic_load(&sh->execs), elapsed,
	       atomic_load(&sh->execs) / elapsed, atomic_load(&sh->scm_sent),
	       atomic_load(&sh->scm_recv), atomic_load(&sh->scm_used));
	print_table();
	for (i = 0; i < MAX_UNDOC && i < atomic_load(&sh->nundoc); i++)
		printf("# undocumented: %s -> %s (worker %s thread %d iter %ld; %#lx)\n",
		       cmds[sh->undoc[i].cmd].name, errname(sh->undoc[i].err),
		       wname[sh->undoc[i].worker], sh->undoc[i].thread,
		       sh->undoc[i].iter, sh->undoc[i].detail);
	for (i = 0; i < MAX_BUGS && i < atomic_load(&sh->nbugs); i++)
		printf("# defect: %s\n", sh->bug[i]);

	tap(ok, "workers_ran_and_exited");
	for (i = 0; i < NKIND; i++) {
		char name[64];

		snprintf(name, sizeof(name), "%s_errnos_documented",
			 kind_name[i]);
		tap(!atomic_load(&sh->undoc_kind[i]), name);
	}
	tap(!atomic_load(&sh->nbugs) && !atomic_load(&sh->scm_bad_rights),
	    "invalid_input_refused_handles_keep_rights");
	/* Freed after RCU grace periods and deferred fputs: poll a while. */
	for (i = 0; i < 60; i++) {
		int j, same = 1;

		for (j = 0; j < 6; j++) {
			after[j] = wt_read_param(counters[j]);
			if (after[j] > before[j])
				same = 0;
		}
		if (same)
			break;
		sleep(1);
	}
	ok = !bad_settings && kthreads;
	for (i = 0; i < 6; i++) {
		printf("# %s: %ld before, %ld after\n", counters[i], before[i],
		       after[i]);
		/* Tokens of kernel threads born meanwhile (wt_test.h). */
		if (after[i] > before[i] &&
		    (i >= 3 || !kthreads ||
		     !wt_tokens_explained(kthreads, before[i], after[i])))
			ok = 0;
	}
	for (i = 0; i < 5; i++) {
		eafter[i] = wt_read_param(errors[i]);
		printf("# %s: %ld before, %ld after\n", errors[i], ebefore[i],
		       eafter[i]);
		if (eafter[i] != ebefore[i])
			ok = 0;
	}
	if (bad_settings)
		printf("# abi_fuzz: the settings could not be put back\n");
	tap(ok, "module_counters_back_settings_restored");
	return 0;
}
