// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests, impersonation: concurrent impersonating threads stay
 * isolated and leak nothing, a thread that exits while impersonating leaves
 * nothing behind, and the counters are read-only and count.
 * Runs as root in the VM; the service is root or a forked child running as
 * wtsvc (uid 1100, SeImpersonatePrivilege by the privilege policy), the
 * clients forked children (imp_common.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <unistd.h>

#include <linux/capability.h>
#include <linux/wintok.h>

#include "kselftest_harness.h"
#include "libwintok.h"
#include "wt_test.h"
#include "wt_sd_build.h"
#include "imp_common.h"

/* ---- concurrency, isolation, no leak ---- */

#define N_THREADS	4
#define N_CYCLES	10000

struct worker {
	int dev;
	int conn;
	uid_t uid;
	const char *own_file;
	const char *other_file;
	pthread_barrier_t *barrier;
	pid_t tid;
	/* results */
	__u32 level, result;
	int err;
	long euid;
	char user[192];
	int own_errno, other_errno;
	long euid_after_revert;
	int thread_token_after;		/* errno of OPEN_THREAD_TOKEN after */
	int cycle_failures;
	char first_failure[128];
};

static void worker_fail(struct worker *w, int cycle, const char *what, long v)
{
	if (!w->cycle_failures++)
		snprintf(w->first_failure, sizeof(w->first_failure),
			 "cycle %d: %s (%ld)", cycle, what, v);
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	__u32 level, result;
	int i, fd;

	w->tid = thread_id();
	w->err = peer(w->dev, w->conn, &w->level, &w->result);
	w->euid = thread_euid();
	thread_user(w->dev, 0, w->user, sizeof(w->user));
	/* Everyone impersonates at once; the main thread looks around. */
	pthread_barrier_wait(w->barrier);
	w->own_errno = wt_open_errno(w->own_file, O_RDONLY);
	w->other_errno = wt_open_errno(w->other_file, O_RDONLY);
	pthread_barrier_wait(w->barrier);
	if (wt_revert_to_self(w->dev))
		worker_fail(w, -1, "revert", errno);
	w->euid_after_revert = thread_euid();

	for (i = 0; i < N_CYCLES; i++) {
		if (wt_impersonate_peer(w->dev, w->conn, &level, &result)) {
			worker_fail(w, i, "impersonate peer errno", errno);
			break;
		}
		if (level != WT_SECURITY_IMPERSONATION)
			worker_fail(w, i, "level", level);
		if (thread_euid() != (long)w->uid)
			worker_fail(w, i, "euid while impersonating", thread_euid());
		if (i % 1000 == 0) {
			int e = wt_open_errno(w->own_file, O_RDONLY);

			if (e)
				worker_fail(w, i, "open own file errno", e);
		}
		if (wt_revert_to_self(w->dev)) {
			worker_fail(w, i, "revert errno", errno);
			break;
		}
		if (thread_euid() != WT_UID_SERVICE)
			worker_fail(w, i, "euid after revert", thread_euid());
	}
	fd = wt_open_thread_token(w->dev, 0, 0, WT_TOKEN_QUERY, NULL);
	w->thread_token_after = fd < 0 ? errno : 0;
	if (fd >= 0)
		close(fd);
	return NULL;
}

TEST_F_TIMEOUT(imp, threads_impersonate_at_once_isolated_without_leaks, 600)
{
	static const char *const counters[] = {
		"live_tokens", "live_token_states", "live_cred_entries",
	};
	long before[3], after[3], peer0, rev0, imp0;
	struct wt_kthreads *kthreads = calloc(1, sizeof(*kthreads));
	pid_t svc;
	int i;

	ASSERT_NE(NULL, kthreads);
	/*
	 * Before the baseline: reading /proc/PID/stat is a ptrace access
	 * check, which derives that process's token.
	 */
	wt_kthreads_scan(kthreads, NULL);
	for (i = 0; i < 3; i++) {
		before[i] = steady(counters[i]);
		ASSERT_LT(0, before[i]) TH_LOG("%s unreadable", counters[i]);
	}
	peer0 = wt_read_param("peer_impersonations");
	rev0 = wt_read_param("reverts");
	imp0 = wt_read_param("impersonations");
	for (i = 0; i < N_THREADS; i++)
		ASSERT_LT(0, spawn_client(i % 2 ? WT_UID_BOB : WT_UID_ALICE,
					  WT_SECURITY_IMPERSONATION, 0, CLIENT_STAY));

	svc = fork();
	ASSERT_LE(0, svc);
	if (svc == 0) {
		struct worker w[N_THREADS];
		pthread_t th[N_THREADS];
		pthread_barrier_t barrier;
		struct ids mine;
		char user[192];
		int dev = become_service();

		EXPECT_LE(0, dev);
		CHILD_BAIL_IF_FAILED();
		pthread_barrier_init(&barrier, NULL, N_THREADS + 1);
		memset(w, 0, sizeof(w));
		for (i = 0; i < N_THREADS; i++) {
			w[i].dev = dev;
			w[i].barrier = &barrier;
			w[i].conn = accept_client(self->lfd, &w[i].uid);
			EXPECT_LE(0, w[i].conn);
			CHILD_BAIL_IF_FAILED();
			w[i].own_file = w[i].uid == WT_UID_ALICE ?
					self->alice_file : self->bob_file;
			w[i].other_file = w[i].uid == WT_UID_ALICE ?
					  self->bob_file : self->alice_file;
			EXPECT_EQ(0, pthread_create(&th[i], NULL, worker_main, &w[i]));
		}
		CHILD_BAIL_IF_FAILED();
		/* All threads impersonate now: the main thread is still the service. */
		pthread_barrier_wait(&barrier);
		get_ids(&mine);
		EXPECT_EQ(WT_UID_SERVICE, mine.e);
		EXPECT_EQ(WT_UID_SERVICE, mine.fs);
		EXPECT_EQ(-ENOENT, thread_user(dev, 0, user, sizeof(user)));
		EXPECT_EQ(0, process_user(dev, user, sizeof(user)));
		EXPECT_STREQ(SID_SERVICE, user);
		EXPECT_EQ(EACCES, wt_open_errno(self->alice_file, O_RDONLY));
		EXPECT_EQ(EACCES, wt_open_errno(self->bob_file, O_RDONLY));
		/* Another thread's token, by its tid: its client. */
		for (i = 0; i < N_THREADS; i++) {
			char want[32];

			snprintf(want, sizeof(want), "S-1-22-1-%u", w[i].uid);
			expect_thread_user(_metadata, dev, w[i].tid, want);
		}
		pthread_barrier_wait(&barrier);
		for (i = 0; i < N_THREADS; i++)
			pthread_join(th[i], NULL);
		for (i = 0; i < N_THREADS; i++) {
			char want[32];

			snprintf(want, sizeof(want), "S-1-22-1-%u", w[i].uid);
			EXPECT_EQ(0, w[i].err);
			EXPECT_EQ(WT_SECURITY_IMPERSONATION, w[i].level);
			EXPECT_EQ(0, w[i].result);
			EXPECT_EQ(w[i].uid, w[i].euid);
			EXPECT_STREQ(want, w[i].user);
			EXPECT_EQ(0, w[i].own_errno);
			EXPECT_EQ(EACCES, w[i].other_errno);
			EXPECT_EQ(WT_UID_SERVICE, w[i].euid_after_revert);
			EXPECT_EQ(ENOENT, w[i].thread_token_after);
			EXPECT_EQ(0, w[i].cycle_failures)
				TH_LOG("thread %d (uid %u): %d failures, first: %s", i,
				       w[i].uid, w[i].cycle_failures, w[i].first_failure);
			close(w[i].conn);
		}
		CHILD_DONE();
	}
	EXPECT_EQ(0, wt_reap(svc));
	for (i = 0; i < self->nclients; i++)
		EXPECT_EQ(0, wt_reap(self->clients[i]));
	self->nclients = 0;

	TH_LOG("peer_impersonations +%ld, reverts +%ld, impersonations +%ld for %d cycles",
	       wt_read_param("peer_impersonations") - peer0,
	       wt_read_param("reverts") - rev0, wt_read_param("impersonations") - imp0,
	       N_THREADS * (N_CYCLES + 1));
	EXPECT_LE(N_THREADS * (N_CYCLES + 1),
		  wt_read_param("peer_impersonations") - peer0);
	EXPECT_LE(N_THREADS * (N_CYCLES + 1), wt_read_param("reverts") - rev0);
	for (i = 0; i < 3; i++) {
		after[i] = wt_settle_param(counters[i], before[i]);
		TH_LOG("%s: %ld before, %ld after", counters[i], before[i], after[i]);
		/* Busy workqueues start kernel threads: wt_test.h. */
		if (after[i] > before[i])
			EXPECT_TRUE(wt_tokens_explained(kthreads, before[i],
							after[i]));
	}
	free(kthreads);
}

/* A thread that ends while impersonating, never reverting. */
static void *exit_impersonating(void *arg)
{
	struct worker *w = arg;

	w->err = peer(w->dev, w->conn, &w->level, &w->result);
	w->euid = thread_euid();
	return NULL;
}

/*
 * Threads and a whole process that end while impersonating leave nothing
 * behind: the live counts return to their baseline.
 */
TEST_F_TIMEOUT(imp, exit_while_impersonating_leaves_nothing, 120)
{
	static const char *const counters[] = {
		"live_tokens", "live_token_states", "live_cred_entries",
	};
	long before[3], after;
	pid_t svc;
	int i;

	for (i = 0; i < 3; i++)
		before[i] = steady(counters[i]);
	for (i = 0; i < N_THREADS; i++)
		ASSERT_LT(0, spawn_client(i % 2 ? WT_UID_BOB : WT_UID_ALICE,
					  WT_SECURITY_IMPERSONATION, 0, CLIENT_STAY));
	svc = fork();
	ASSERT_LE(0, svc);
	if (svc == 0) {
		struct worker w[N_THREADS];
		pthread_t th;
		int dev = become_service();

		memset(w, 0, sizeof(w));
		for (i = 0; i < N_THREADS; i++) {
			w[i].dev = dev;
			w[i].conn = accept_client(self->lfd, &w[i].uid);
			EXPECT_LE(0, w[i].conn);
			CHILD_BAIL_IF_FAILED();
		}
		/* Half the connections: threads that exit impersonating. */
		for (i = 0; i < N_THREADS / 2; i++) {
			EXPECT_EQ(0, pthread_create(&th, NULL, exit_impersonating, &w[i]));
			pthread_join(th, NULL);
			EXPECT_EQ(0, w[i].err);
			EXPECT_EQ(w[i].uid, w[i].euid);
		}
		EXPECT_EQ(WT_UID_SERVICE, thread_euid());
		/* The other half: the main thread, then the process exits so. */
		for (; i < N_THREADS; i++) {
			EXPECT_EQ(0, peer(dev, w[i].conn, &w[i].level, &w[i].result));
			EXPECT_EQ(w[i].uid, thread_euid());
		}
		CHILD_DONE();
	}
	EXPECT_EQ(0, wt_reap(svc));
	for (i = 0; i < self->nclients; i++)
		EXPECT_EQ(0, wt_reap(self->clients[i]));
	self->nclients = 0;
	for (i = 0; i < 3; i++) {
		after = wt_settle_param(counters[i], before[i]);
		TH_LOG("%s: %ld before, %ld after", counters[i], before[i], after);
		EXPECT_GE(before[i], after);
	}
}

/* ---- counters ---- */

TEST_F(imp, counters_are_read_only_and_count)
{
	static const char *const names[] = {
		"impersonations", "impersonation_capped", "reverts",
		"peer_impersonations",
	};
	long imp0, rev0;
	struct stat st;
	char path[128];
	size_t i;
	int tok;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		snprintf(path, sizeof(path), PARAM_DIR "%s", names[i]);
		ASSERT_EQ(0, stat(path, &st)) TH_LOG("%s: %s", path, strerror(errno));
		EXPECT_EQ(0, st.st_mode & 0222) TH_LOG("%s is writable", names[i]);
		EXPECT_LE(0, wt_read_param(names[i]));
	}
	imp0 = wt_read_param("impersonations");
	rev0 = wt_read_param("reverts");
	tok = wt_open_process_token(self->dev, WT_TOKEN_QUERY | WT_TOKEN_DUPLICATE,
				    NULL);
	ASSERT_LE(0, tok);
	ASSERT_EQ(0, wt_impersonate_token(self->dev, tok, NULL, NULL));
	ASSERT_EQ(0, wt_revert_to_self(self->dev));
	EXPECT_LE(imp0 + 1, wt_read_param("impersonations"));
	EXPECT_LE(rev0 + 1, wt_read_param("reverts"));
	close(tok);
}

TEST_HARNESS_MAIN
