/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the parts of abi_fuzz share. abi_fuzz.c runs the processes and
 * threads, checks and reports; fz_common.c draws random numbers, records
 * results and builds user pointers, SDs and the pool of token handles;
 * fz_dev.c fuzzes the ioctls of /dev/wintok, fz_token.c those of token
 * handles, fz_netlink.c the generic netlink family, fz_files.c the raw
 * security.wintok xattr and handles passed with SCM_RIGHTS.
 */
#ifndef WT_ABI_FUZZ_H
#define WT_ABI_FUZZ_H

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
extern const char *const wname[NW];

/* ---- commands and the errnos Documentation/ gives for them ---- */

enum {
	K_DEV, K_TOKEN, K_NL, K_XATTR, NKIND
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

extern const struct cmdinfo cmds[NCMD];

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

extern struct shared *sh;
extern int nl_family;
extern char *paths[32];
extern int npaths;

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

static const char *const labels[] = {
	"S-1-16-0", "S-1-16-4096", "S-1-16-8192", "S-1-16-12288",
	"S-1-16-16384", "S-1-16-20480",
};

static const uint32_t token_access[] = {
	WT_MAXIMUM_ALLOWED, WT_TOKEN_ALL_ACCESS, WT_TOKEN_QUERY,
	WT_TOKEN_QUERY | WT_TOKEN_DUPLICATE | WT_TOKEN_IMPERSONATE,
	WT_GENERIC_READ, WT_GENERIC_ALL, WT_ACCESS_SYSTEM_SECURITY, 0,
	WT_TOKEN_ADJUST_PRIVILEGES | WT_TOKEN_ADJUST_GROUPS |
	WT_TOKEN_ADJUST_DEFAULT | WT_TOKEN_QUERY,
	WT_TOKEN_ASSIGN_PRIMARY | WT_TOKEN_DUPLICATE, 0x00400000,
};

/* fz_common.c */
uint64_t splitmix(uint64_t *x);
uint64_t rnd(struct fz *t);
uint32_t below(struct fz *t, uint32_t n);
int chance(struct fz *t, int pct);
uint32_t fz_u32(struct fz *t);
void fz_bug(struct fz *t, const char *fmt, ...);
void fz_result(struct fz *t, int cmd, long ret, int err);
uint64_t fz_ptr(struct fz *t, const void *src, size_t len, int *ok);
void *fz_arg(struct fz *t, void *s, size_t ssize, uint32_t ver0);
void fz_mutate(struct fz *t, void *s, size_t ssize, const int *ptrs,
	       const int *rsv, int flags_off, uint32_t known);
size_t fz_sid(struct fz *t, uint8_t *out);
size_t fz_acl(struct fz *t, uint8_t *out, int sacl);
size_t fz_sd(struct fz *t, uint8_t *sd);
void pool_add(struct fz *t, int fd);
int pool_fd(struct fz *t);
int any_fd(struct fz *t);

/* fz_dev.c */
void sa_set(struct fz *t, struct wt_sid_and_attributes *sa,
	    const char *sid, uint32_t attrs);
void fill_sids(struct fz *t, struct wt_sid_and_attributes *sa, int n,
	       uint32_t attrs);
long fz_ioctl(struct fz *t, int fd, unsigned long ioc, void *s,
	      size_t ssize, uint32_t ver0, int cmd);
void take_fd(struct fz *t, long ret, int token);
void fz_open_process_token(struct fz *t);
void fz_create_token(struct fz *t);
void fz_assign_primary(struct fz *t);
void fz_file_security(struct fz *t, int set);
void fz_impersonate(struct fz *t, int peer);
void fz_revert(struct fz *t);
void fz_connect(struct fz *t, int i, int level, int flags);
void fz_connect_qos(struct fz *t);
void fz_open_thread_token(struct fz *t);
void fz_ipc_security(struct fz *t, int set);
void fz_open_backup(struct fz *t);
void fz_backup_intent(struct fz *t);
void fz_unknown(struct fz *t, int token);

/* fz_token.c */
void fz_query(struct fz *t);
void fz_adjust_privileges(struct fz *t);
void fz_duplicate(struct fz *t);
void fz_adjust_groups(struct fz *t);
void fz_restrict(struct fz *t);
void fz_set_info(struct fz *t);
void fz_token_rw(struct fz *t);

/* fz_netlink.c */
void fz_netlink(struct fz *t);

/* fz_files.c */
void fz_xattr(struct fz *t);
void fz_scm(struct fz *t);

#endif /* WT_ABI_FUZZ_H */
