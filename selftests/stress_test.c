// SPDX-License-Identifier: GPL-2.0
/*
 * Concurrency stress: many threads and processes use the module at once
 * for a bounded time, and the invariants that must hold whatever the
 * interleaving are checked throughout and at the end:
 *
 * - a denied open never succeeds (files, an IPC object, an abstract
 *   socket): the count of successful denied opens is 0;
 * - a thread never sees another thread's impersonation: while it
 *   impersonates, its thread token's user is the one it asked for, and
 *   after revert it has no thread token and its process token's user is
 *   its own;
 * - a process that execs with a token assigned runs as that token;
 * - the module's live counters (tokens, token states, credential entries,
 *   IPC and abstract socket SDs) return to their start values once
 *   everything is closed (RCU-deferred frees: polled for a while);
 * - no WARN/BUG in the kernel log (tools/vm/run.sh's caller scans it).
 *
 * Workers, as processes so that impersonations, exits and reaping also
 * cross process boundaries: NPROC processes of NIMP impersonating threads
 * plus one token-churn, one SD, one IPC and one socket thread each; one
 * process forks children that take alice's or bob's token as primary
 * token and exec this program as a probe; one process writes module
 * parameters. WT_STRESS_SECS sets the duration (default 30 s; the VM
 * takes it from wt.stress_secs=N on the kernel command line, which
 * `make check WT_STRESS_SECS=N` puts there).
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <time.h>

#include "kselftest_harness.h"
#include "wt_test.h"
#include "wt_sd_build.h"

#define PARAM_DIR	"/sys/module/wintok/parameters/"
#define DIR_PATH	"/tmp/wt_stress"
#define SID_ALICE	"S-1-22-1-1001"
#define SID_BOB		"S-1-22-1-1002"
#define SID_ROOT	"S-1-22-1-0"
#define NPROC		2
#define NIMP		4
#define PROBE_ENV	"WT_STRESS_PROBE"
#define DENIED_SOCK	"wt_stress_denied"

/* What every worker counts, shared between the processes (MAP_SHARED). */
struct shared {
	atomic_int stop;
	atomic_long imp_cycles;		/* impersonate + checks + revert */
	atomic_long wrong_user;		/* thread token of someone else */
	atomic_long wrong_after_revert;	/* thread token left, or not root */
	atomic_long own_open_fail;	/* an allowed open failed */
	atomic_long denied_opens;	/* denied opens tried */
	atomic_long denied_success;	/* ... that succeeded: must stay 0 */
	atomic_long api_fail;		/* a call that must work did not */
	atomic_long execs;		/* probes run */
	atomic_long probe_fail;		/* a probe saw a wrong token */
	atomic_long token_ops;		/* duplicate/adjust/restrict */
	atomic_long sd_ops;		/* file SD set + get */
	atomic_long ipc_ops;		/* IPC create, SD set/get, remove */
	atomic_long sock_ops;		/* bind, listen, connect, accept */
	atomic_long param_writes;
	char first[160];		/* the first failure, for the log */
	atomic_int have_first;
};

static struct shared *sh;
static int alice_tok = -1, bob_tok = -1;
static int denied_msq = -1;
/* WT_STRESS_ONLY: a mask of the workers to run (to find a culprit). */
enum { W_IMP = 1, W_TOKEN = 2, W_SD = 4, W_IPC = 8, W_SOCK = 16,
	W_EXEC = 32, W_PARAM = 64 };
static unsigned int only = ~0u;

static void fail_note(atomic_long *ctr, const char *what, int err)
{
	atomic_fetch_add(ctr, 1);
	if (!atomic_exchange(&sh->have_first, 1))
		snprintf(sh->first, sizeof(sh->first), "%s (errno %d)", what, err);
}

/* A denied open: counted, and a success is the failure we look for. */
static void try_denied(const char *path, const char *what)
{
	int e = wt_open_errno(path, O_RDONLY);

	atomic_fetch_add(&sh->denied_opens, 1);
	if (!e)
		fail_note(&sh->denied_success, what, 0);
}

/* ---- impersonating threads ---- */

struct imp_arg {
	int dev;
	int idx;
};

static void *imp_thread(void *p)
{
	struct imp_arg *a = p;
	int tok = a->idx % 2 ? bob_tok : alice_tok;
	const char *want = a->idx % 2 ? SID_BOB : SID_ALICE;
	const char *own = a->idx % 2 ? DIR_PATH "/bob" : DIR_PATH "/alice";
	const char *other = a->idx % 2 ? DIR_PATH "/alice" : DIR_PATH "/bob";
	char user[192];
	long i;

	for (i = 0; !atomic_load(&sh->stop); i++) {
		__u32 level = 0;
		int use = tok, dup = -1, fd;

		/* Every fourth cycle through a fresh duplicate. */
		if (i % 4 == 3) {
			dup = wt_duplicate_token(tok, WT_TOKEN_QUERY |
						 WT_TOKEN_IMPERSONATE,
						 WT_TOKEN_IMPERSONATION,
						 WT_SECURITY_IMPERSONATION, NULL);
			if (dup < 0) {
				fail_note(&sh->api_fail, "duplicate", errno);
				continue;
			}
			use = dup;
		}
		if (wt_impersonate_token(a->dev, use, &level, NULL)) {
			fail_note(&sh->api_fail, "impersonate", errno);
			if (dup >= 0)
				close(dup);
			continue;
		}
		if (dup >= 0)
			close(dup);
		if (level != WT_SECURITY_IMPERSONATION)
			fail_note(&sh->api_fail, "impersonation level", level);
		fd = wt_open_thread_token(a->dev, 0, 0, WT_TOKEN_QUERY, NULL);
		if (fd < 0 || wt_token_user(fd, user, sizeof(user)))
			fail_note(&sh->api_fail, "query thread token", errno);
		else if (strcmp(user, want))
			fail_note(&sh->wrong_user, "thread token of another user", 0);
		if (fd >= 0)
			close(fd);
		if (wt_open_errno(own, O_RDONLY))
			fail_note(&sh->own_open_fail, "own file while impersonating",
				  errno);
		try_denied(other, "other user's file while impersonating");
		try_denied(DIR_PATH "/denied", "denied file while impersonating");
		if (wt_revert_to_self(a->dev)) {
			fail_note(&sh->api_fail, "revert", errno);
			break;
		}
		fd = wt_open_thread_token(a->dev, 0, 0, WT_TOKEN_QUERY, NULL);
		if (fd >= 0 || errno != ENOENT) {
			fail_note(&sh->wrong_after_revert, "thread token after revert",
				  fd >= 0 ? 0 : errno);
			if (fd >= 0)
				close(fd);
		}
		fd = wt_open_process_token(a->dev, WT_TOKEN_QUERY, NULL);
		if (fd < 0 || wt_token_user(fd, user, sizeof(user)))
			fail_note(&sh->api_fail, "query process token", errno);
		else if (strcmp(user, SID_ROOT))
			fail_note(&sh->wrong_after_revert, "process token not root", 0);
		if (fd >= 0)
			close(fd);
		if (i % 8 == 0)
			try_denied(DIR_PATH "/denied", "denied file as root");
		atomic_fetch_add(&sh->imp_cycles, 1);
	}
	return NULL;
}

/* ---- token duplication and adjustment ---- */

static void *token_thread(void *p)
{
	struct wt_luid_and_attributes la = {
		.luid = WT_SE_SHUTDOWN_PRIVILEGE,
		.attributes = WT_SE_PRIVILEGE_ENABLED,
	};
	int dev = *(int *)p;

	(void)dev;
	while (!atomic_load(&sh->stop)) {
		int self, dup, restricted;
		void *info;
		__u32 len;

		self = wt_open_process_token(-1, WT_TOKEN_QUERY | WT_TOKEN_DUPLICATE,
					     NULL);
		if (self < 0) {
			fail_note(&sh->api_fail, "open process token", errno);
			continue;
		}
		dup = wt_duplicate_token(self, WT_TOKEN_ALL_ACCESS,
					 WT_TOKEN_IMPERSONATION,
					 WT_SECURITY_IMPERSONATION, NULL);
		if (dup < 0) {
			fail_note(&sh->api_fail, "duplicate own token", errno);
			close(self);
			continue;
		}
		/* Enable, disable all: only the duplicate changes. */
		if (wt_adjust_token_privileges(dup, 0, &la, 1, NULL, NULL, NULL) ||
		    wt_adjust_token_privileges(dup, 1, NULL, 0, NULL, NULL, NULL))
			fail_note(&sh->api_fail, "adjust privileges", errno);
		info = wt_get_token_information_alloc(dup, WT_TOKEN_INFO_PRIVILEGES,
						      &len);
		if (!info)
			fail_note(&sh->api_fail, "query privileges", errno);
		free(info);
		restricted = wt_create_restricted_token(dup, 0, NULL, 0, NULL, 0,
							NULL, 0, 0, NULL);
		if (restricted < 0)
			fail_note(&sh->api_fail, "restricted token", errno);
		else
			close(restricted);
		/* Another user's token too: alice's, as a primary token. */
		restricted = wt_duplicate_token(alice_tok, WT_TOKEN_QUERY,
						WT_TOKEN_PRIMARY,
						WT_SECURITY_IMPERSONATION, NULL);
		if (restricted < 0)
			fail_note(&sh->api_fail, "duplicate alice's token", errno);
		else
			close(restricted);
		close(dup);
		close(self);
		atomic_fetch_add(&sh->token_ops, 1);
	}
	return NULL;
}

/* ---- file SDs on tmpfs ---- */

static void *sd_thread(void *p)
{
	int idx = *(int *)p;
	char path[96];
	long i;

	snprintf(path, sizeof(path), DIR_PATH "/sd-%d-%d", getpid(), idx);
	for (i = 0; !atomic_load(&sh->stop); i++) {
		struct wt_rule r[2] = {
			{ 0, 0, WT_FILE_ALL_ACCESS, i % 2 ? SID_ALICE : SID_BOB },
			{ 0, 0, WT_FILE_ALL_ACCESS, SID_ROOT },
		};
		uint8_t type, flags;
		uint32_t mask;
		__u32 len;
		void *sd;
		int fd;

		fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0666);
		if (fd < 0) {
			fail_note(&sh->api_fail, "create SD file", errno);
			continue;
		}
		close(fd);
		if (wt_set_dacl(path, r, 2))
			fail_note(&sh->api_fail, "set file SD", errno);
		fd = open(path, O_PATH | O_CLOEXEC);
		sd = fd < 0 ? NULL :
		     wt_get_file_security_alloc(-1, fd,
						WT_DACL_SECURITY_INFORMATION, &len);
		if (!sd)
			fail_note(&sh->api_fail, "get file SD", errno);
		else if (!wt_sd_find_ace(sd, len, r[0].sid, &type, &flags, &mask) ||
			 type != WT_ACCESS_ALLOWED_ACE_TYPE)
			fail_note(&sh->api_fail, "SD read back", 0);
		free(sd);
		if (fd >= 0)
			close(fd);
		if (i % 4 == 3 && unlink(path))
			fail_note(&sh->api_fail, "unlink SD file", errno);
		atomic_fetch_add(&sh->sd_ops, 1);
	}
	unlink(path);
	return NULL;
}

/* ---- SysV IPC ---- */

static int ipc_sec(unsigned long cmd, int id, void *sd, __u32 *len)
{
	struct wt_ipc_security a = {
		.size = sizeof(a), .type = WT_IPC_TYPE_MSG_QUEUE, .id = id,
		.selectors = WT_DACL_SECURITY_INFORMATION, .length = *len,
		.buffer = (uintptr_t)sd,
	};
	int dev = open("/dev/wintok", O_RDWR | O_CLOEXEC), err = 0;

	if (dev < 0)
		return errno;
	if (ioctl(dev, cmd, &a))
		err = errno;
	close(dev);
	*len = a.length;
	return err;
}

static void *ipc_thread(void *p)
{
	struct wt_rule everyone = { 0, 0, WT_IPC_ALL_ACCESS, "S-1-1-0" };
	struct { long type; char text[8]; } m = { 1, "stress" };

	(void)p;
	while (!atomic_load(&sh->stop)) {
		uint8_t sd[256];
		__u32 len;
		int id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);

		if (id < 0) {
			fail_note(&sh->api_fail, "msgget", errno);
			continue;
		}
		len = wt_build_sd(sd, NULL, &everyone, 1, 0);
		if (ipc_sec(WT_IOC_SET_IPC_SECURITY, id, sd, &len))
			fail_note(&sh->api_fail, "set IPC SD", errno);
		len = sizeof(sd);
		if (ipc_sec(WT_IOC_GET_IPC_SECURITY, id, sd, &len))
			fail_note(&sh->api_fail, "get IPC SD", errno);
		if (msgsnd(id, &m, sizeof(m.text), IPC_NOWAIT) ||
		    msgrcv(id, &m, sizeof(m.text), 0, IPC_NOWAIT) < 0)
			fail_note(&sh->api_fail, "msgsnd/msgrcv", errno);
		if (msgctl(id, IPC_RMID, NULL))
			fail_note(&sh->api_fail, "IPC_RMID", errno);
		/* The queue whose DACL grants nothing. */
		atomic_fetch_add(&sh->denied_opens, 1);
		if (!msgsnd(denied_msq, &m, sizeof(m.text), IPC_NOWAIT))
			fail_note(&sh->denied_success, "send to denied queue", 0);
		atomic_fetch_add(&sh->ipc_ops, 1);
	}
	return NULL;
}

/* ---- abstract sockets ---- */

static socklen_t abstract_addr(struct sockaddr_un *sa, const char *name)
{
	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	strncpy(sa->sun_path + 1, name, sizeof(sa->sun_path) - 2);
	return offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name);
}

static void *sock_thread(void *p)
{
	int idx = *(int *)p;
	long i;

	for (i = 0; !atomic_load(&sh->stop); i++) {
		struct sockaddr_un sa;
		char name[64];
		socklen_t len;
		int l, c, s;

		snprintf(name, sizeof(name), "wt_stress-%d-%d-%ld", getpid(),
			 idx, i);
		len = abstract_addr(&sa, name);
		l = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		c = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (l < 0 || c < 0 || bind(l, (struct sockaddr *)&sa, len) ||
		    listen(l, 4) || connect(c, (struct sockaddr *)&sa, len)) {
			fail_note(&sh->api_fail, "abstract socket", errno);
		} else {
			s = accept4(l, NULL, NULL, SOCK_CLOEXEC);
			if (s < 0)
				fail_note(&sh->api_fail, "accept", errno);
			else
				close(s);
		}
		if (l >= 0)
			close(l);
		if (c >= 0)
			close(c);
		/* The listener whose DACL grants nothing. */
		len = abstract_addr(&sa, DENIED_SOCK);
		c = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		atomic_fetch_add(&sh->denied_opens, 1);
		if (c >= 0 && !connect(c, (struct sockaddr *)&sa, len))
			fail_note(&sh->denied_success, "connect to denied socket", 0);
		if (c >= 0)
			close(c);
		atomic_fetch_add(&sh->sock_ops, 1);
	}
	return NULL;
}

/* ---- the processes ---- */

static void worker_process(void)
{
	pthread_t th[NIMP + 4];
	struct imp_arg ia[NIMP];
	int idx[4] = { 0, 1, 2, 3 };
	int dev = open("/dev/wintok", O_RDWR | O_CLOEXEC);
	int i, n = 0;

	if (dev < 0)
		_exit(2);
	for (i = 0; i < NIMP && (only & W_IMP); i++) {
		ia[i].dev = dev;
		ia[i].idx = i;
		if (pthread_create(&th[n++], NULL, imp_thread, &ia[i]))
			_exit(3);
	}
	if (((only & W_TOKEN) &&
	     pthread_create(&th[n++], NULL, token_thread, &dev)) ||
	    ((only & W_SD) && pthread_create(&th[n++], NULL, sd_thread, &idx[0])) ||
	    ((only & W_IPC) && pthread_create(&th[n++], NULL, ipc_thread, NULL)) ||
	    ((only & W_SOCK) &&
	     pthread_create(&th[n++], NULL, sock_thread, &idx[1])))
		_exit(3);
	for (i = 0; i < n; i++)
		pthread_join(th[i], NULL);
	close(dev);
	_exit(0);
}

/*
 * Fork children that take alice's or bob's token as primary token (a
 * single-threaded child, as wt_assign_primary_token() wants) and exec
 * this program as a probe, which checks its token and opens.
 */
static void exec_process(void)
{
	char self[256];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	long i;

	if (n <= 0)
		_exit(2);
	self[n] = '\0';
	for (i = 0; !atomic_load(&sh->stop); i++) {
		pid_t pid = fork();
		int rc;

		if (pid == 0) {
			int tok = i % 2 ? bob_tok : alice_tok;
			char env[32];

			snprintf(env, sizeof(env), PROBE_ENV "=%ld", i % 2);
			/* The real uid first, as wt_assign_primary_token() wants. */
			if (wt_enable_privilege(WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE) ||
			    setresuid(i % 2 ? WT_UID_BOB : WT_UID_ALICE, -1, -1))
				_exit(100);
			/* The errno in the exit status, for the log. */
			if (wt_assign_primary_token(-1, tok))
				_exit(110 + (errno < 100 ? errno : 99));
			execle(self, self, (char *)NULL, (char *[]){ env, NULL });
			_exit(102);
		}
		rc = wt_reap(pid);
		atomic_fetch_add(&sh->execs, 1);
		if (rc >= 110)
			fail_note(&sh->api_fail, "assign primary token", rc - 110);
		else if (rc >= 100)
			fail_note(&sh->api_fail, "privilege or exec", rc);
		else if (rc)
			fail_note(&sh->probe_fail, "probe saw a wrong token or open",
				  rc);
	}
	_exit(0);
}

/*
 * The probe, before the harness's main: the process runs with alice's
 * (0) or bob's (1) token assigned. Exit bits: 1 wrong user, 2 own file
 * not opened, 4 the other user's file opened, 8 the denied file opened.
 */
__attribute__((constructor)) static void probe(void)
{
	const char *who = getenv(PROBE_ENV);
	char user[192];
	int rc = 0, fd, bob;

	if (!who)
		return;
	bob = who[0] == '1';
	fd = wt_open_process_token(-1, WT_TOKEN_QUERY, NULL);
	if (fd < 0 || wt_token_user(fd, user, sizeof(user)) ||
	    strcmp(user, bob ? SID_BOB : SID_ALICE))
		rc |= 1;
	if (wt_open_errno(bob ? DIR_PATH "/bob" : DIR_PATH "/alice", O_RDONLY))
		rc |= 2;
	if (!wt_open_errno(bob ? DIR_PATH "/alice" : DIR_PATH "/bob", O_RDONLY))
		rc |= 4;
	if (!wt_open_errno(DIR_PATH "/denied", O_RDONLY))
		rc |= 8;
	_exit(rc);
}

/* Module parameters anyone with root may write, flipped back and forth. */
struct param_flip {
	const char *name;
	char orig[32];
	const char *alt;
};

static struct param_flip flips[] = {
	{ "audit_kernel", "", "Y" },
	{ "abstract_socket_sd", "", "N" },
	{ "file_sd_cache_bytes", "", "8192" },
	{ "default_connect_level", "", "2" },
	{ "session_wait", "", "1" },
};

static void read_flips(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(flips); i++) {
		char path[128];
		FILE *f;

		snprintf(path, sizeof(path), PARAM_DIR "%s", flips[i].name);
		f = fopen(path, "r");
		flips[i].orig[0] = '\0';
		if (f && fgets(flips[i].orig, sizeof(flips[i].orig), f))
			flips[i].orig[strcspn(flips[i].orig, "\n")] = '\0';
		if (f)
			fclose(f);
	}
}

static void param_process(void)
{
	size_t n = ARRAY_SIZE(flips), i;
	long round;

	for (round = 0; !atomic_load(&sh->stop); round++) {
		for (i = 0; i < n; i++) {
			const char *v = round % 2 ? flips[i].orig : flips[i].alt;

			if (!flips[i].orig[0])
				continue;
			if (wt_write_param(flips[i].name, v))
				fail_note(&sh->api_fail, flips[i].name, errno);
			atomic_fetch_add(&sh->param_writes, 1);
		}
		usleep(20000);
	}
	for (i = 0; i < n; i++)
		if (flips[i].orig[0])
			wt_write_param(flips[i].name, flips[i].orig);
	_exit(0);
}

/* ---- setup ---- */

/* A primary token of @uid, opened with euid @uid (saved root). */
static int token_of(uid_t uid)
{
	int fd;

	if (setresuid(-1, uid, 0))
		return -1;
	fd = wt_open_process_token(-1, WT_TOKEN_QUERY | WT_TOKEN_DUPLICATE |
				   WT_TOKEN_IMPERSONATE |
				   WT_TOKEN_ASSIGN_PRIMARY, NULL);
	if (setresuid(-1, 0, -1))
		_exit(99);	/* never go on as someone else */
	return fd;
}

static int make_file(const char *path, const struct wt_rule *r, int n)
{
	int fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0666);

	if (fd < 0)
		return errno;
	fchmod(fd, 0666);
	close(fd);
	return wt_set_dacl(path, r, n);
}

/* The abstract listener nobody may connect to (an empty DACL). */
static int denied_listener(void)
{
	struct sockaddr_un sa;
	socklen_t len = abstract_addr(&sa, DENIED_SOCK);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	uint8_t sd[64];

	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, len) ||
	    wt_set_file_security(-1, fd, WT_DACL_SECURITY_INFORMATION, sd,
				 wt_build_sd(sd, NULL, NULL, 0, 0)) ||
	    listen(fd, 64)) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

static const char *const counters[] = {
	"live_tokens", "live_token_states", "live_cred_entries",
	"ipc_sd_objects", "unix_abstract_sds", "backup_intent_threads",
};

#define NCOUNTERS ARRAY_SIZE(counters)
/* The first three count tokens: wt_kthreads_scan() says why they may grow. */
#define NTOKEN_COUNTERS 3

/* Kernel threads alive at the baseline. */
static struct wt_kthreads *kthreads_at_start;

/*
 * Counters back where they started, but for the tokens of kernel threads
 * born or gone since: 1 if so.
 */
static int counters_back_but_kthreads(const long *start, const long *now)
{
	int i;

	for (i = 0; i < (int)NCOUNTERS; i++) {
		if (i < NTOKEN_COUNTERS ?
		    !wt_tokens_explained(kthreads_at_start, start[i], now[i]) :
		    now[i] != start[i])
			return 0;
	}
	return 1;
}

/* Poll the counters until they equal @want (up to @secs); 1 if they do. */
static int counters_back(const long *want, long *now, int secs)
{
	int t, i, same = 0;

	for (t = 0; t <= secs * 10 && !same; t++) {
		if (t)
			usleep(100000);
		same = 1;
		for (i = 0; i < (int)NCOUNTERS; i++) {
			now[i] = wt_read_param(counters[i]);
			if (now[i] != want[i])
				same = 0;
		}
	}
	return same;
}

static int stress_secs(void)
{
	const char *s = getenv("WT_STRESS_SECS");
	int v = s ? atoi(s) : 0;

	s = getenv("WT_STRESS_ONLY");
	if (s)
		only = strtoul(s, NULL, 0);
	return v > 0 ? v : 30;
}

static pid_t spawn(void (*fn)(void))
{
	pid_t pid = fork();

	if (pid == 0)
		fn();
	return pid;
}

FIXTURE(stress) {
	long start[NCOUNTERS];
};

FIXTURE_SETUP(stress)
{
	int i;

	/* Whatever an earlier suite left settling, let it settle. */
	ASSERT_EQ(0, wt_derive_live_tokens());
	kthreads_at_start = calloc(1, sizeof(*kthreads_at_start));
	ASSERT_NE(NULL, kthreads_at_start);
	wt_kthreads_scan(kthreads_at_start, NULL);
	for (i = 0; i < (int)NCOUNTERS; i++)
		self->start[i] = -2;
	counters_back(self->start, self->start, 0);
	for (i = 0; i < 30; i++) {
		long now[NCOUNTERS];

		usleep(200000);
		if (counters_back(self->start, now, 0))
			break;
		memcpy(self->start, now, sizeof(now));
	}
}

FIXTURE_TEARDOWN(stress)
{
	wt_rm_rf(DIR_PATH);
}

/*
 * Setup, all workers for @secs, cleanup: in a child of the test, so that
 * its id changes (token_of()) and whatever it holds are gone when the
 * test compares the module's counters. 0, or the step that failed.
 */
static int run_all(int secs)
{
	struct wt_rule alice = { 0, 0, WT_FILE_ALL_ACCESS, SID_ALICE };
	struct wt_rule bob = { 0, 0, WT_FILE_ALL_ACCESS, SID_BOB };
	struct wt_rule del = { 0, 0, WT_DELETE, "S-1-1-0" };
	pid_t pids[NPROC + 2];
	int i, n = 0, lsock, rc = 0;
	uint8_t sd[64];
	__u32 len;

	wt_rm_rf(DIR_PATH);
	if (mkdir(DIR_PATH, 0755) ||
	    make_file(DIR_PATH "/alice", &alice, 1) ||
	    make_file(DIR_PATH "/bob", &bob, 1) ||
	    make_file(DIR_PATH "/denied", NULL, 0))
		return 10;
	if (wt_open_errno(DIR_PATH "/denied", O_RDONLY) != EACCES)
		return 11;
	alice_tok = token_of(WT_UID_ALICE);
	bob_tok = token_of(WT_UID_BOB);
	if (alice_tok < 0 || bob_tok < 0)
		return 12;
	denied_msq = msgget(IPC_PRIVATE, IPC_CREAT | 0666);
	if (denied_msq < 0)
		return 13;
	/* DELETE only: no send, but the test can remove it at the end. */
	len = wt_build_sd(sd, NULL, &del, 1, 0);
	if (ipc_sec(WT_IOC_SET_IPC_SECURITY, denied_msq, sd, &len))
		return 14;
	lsock = denied_listener();
	if (lsock < 0)
		return 15;
	read_flips();

	for (i = 0; i < NPROC; i++)
		pids[n++] = spawn(worker_process);
	if (only & W_EXEC)
		pids[n++] = spawn(exec_process);
	if (only & W_PARAM)
		pids[n++] = spawn(param_process);
	for (i = 0; i < secs; i++) {
		sleep(1);
		if (atomic_load(&sh->denied_success))
			break;	/* no need to go on */
	}
	atomic_store(&sh->stop, 1);
	for (i = 0; i < n; i++)
		if (wt_reap(pids[i]))
			rc = 20 + i;

	if (msgctl(denied_msq, IPC_RMID, NULL))
		rc = 16;
	close(lsock);
	close(alice_tok);
	close(bob_tok);
	if (wt_rm_rf(DIR_PATH))
		rc = 17;
	return rc;
}

/*
 * All workers at once for WT_STRESS_SECS; then every invariant, and the
 * counts in TAP comments.
 */
TEST_F_TIMEOUT(stress, everything_at_once, 7200)
{
	long now[NCOUNTERS];
	int secs = stress_secs(), i, back;
	time_t waited;
	pid_t runner;

	for (i = 0; i < (int)NCOUNTERS; i++)
		ASSERT_LE(0, self->start[i]) TH_LOG("counter %d unreadable", i);
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, sh);
	memset(sh, 0, sizeof(*sh));
	runner = fork();
	ASSERT_LE(0, runner);
	if (runner == 0)
		_exit(run_all(secs));
	EXPECT_EQ(0, wt_reap(runner)) TH_LOG("setup, a worker or cleanup failed");
	/* RCU callbacks and deferred fput() run late on a loaded TCG host. */
	waited = time(NULL);
	back = counters_back(self->start, now, 60);
	waited = time(NULL) - waited;
	if (!back)
		back = counters_back_but_kthreads(self->start, now);

	printf("# stress: %d s, %d processes x %d impersonating threads, %ld CPUs online\n",
	       secs, NPROC, NIMP, sysconf(_SC_NPROCESSORS_ONLN));
	printf("# stress: impersonation cycles %ld, wrong user %ld, wrong after revert %ld\n",
	       atomic_load(&sh->imp_cycles), atomic_load(&sh->wrong_user),
	       atomic_load(&sh->wrong_after_revert));
	printf("# stress: denied opens %ld, of which succeeded %ld; allowed opens failed %ld\n",
	       atomic_load(&sh->denied_opens), atomic_load(&sh->denied_success),
	       atomic_load(&sh->own_open_fail));
	printf("# stress: exec probes %ld (failed %ld), token ops %ld, file SD ops %ld,",
	       atomic_load(&sh->execs), atomic_load(&sh->probe_fail),
	       atomic_load(&sh->token_ops), atomic_load(&sh->sd_ops));
	printf(" IPC ops %ld, socket ops %ld, parameter writes %ld, API failures %ld\n",
	       atomic_load(&sh->ipc_ops), atomic_load(&sh->sock_ops),
	       atomic_load(&sh->param_writes), atomic_load(&sh->api_fail));
	for (i = 0; i < (int)NCOUNTERS; i++)
		printf("# stress: %s %ld at start, %ld at end\n", counters[i],
		       self->start[i], now[i]);
	printf("# stress: counters %s after %ld s\n",
	       back ? "back" : "still not back", (long)waited);
	if (atomic_load(&sh->have_first))
		printf("# stress: first failure: %s\n", sh->first);
	fflush(stdout);
	/* Who is left, for a leak that is a process still alive. */
	if (!back && system("ps -o pid,ppid,stat,user,comm | sed 's/^/# /'"))
		printf("# stress: ps failed\n");

	EXPECT_EQ(0, atomic_load(&sh->denied_success));
	EXPECT_EQ(0, atomic_load(&sh->wrong_user));
	EXPECT_EQ(0, atomic_load(&sh->wrong_after_revert));
	EXPECT_EQ(0, atomic_load(&sh->own_open_fail));
	EXPECT_EQ(0, atomic_load(&sh->probe_fail));
	EXPECT_EQ(0, atomic_load(&sh->api_fail));
	if (only == ~0u) {
		EXPECT_LT(0, atomic_load(&sh->imp_cycles));
		EXPECT_LT(0, atomic_load(&sh->execs));
		EXPECT_LT(0, atomic_load(&sh->denied_opens));
	}
	EXPECT_EQ(1, back) TH_LOG("module counters did not return to their start");
}

TEST_HARNESS_MAIN
