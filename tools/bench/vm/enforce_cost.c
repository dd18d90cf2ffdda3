// SPDX-License-Identifier: GPL-2.0
/*
 * enforce_cost - what enforcement costs, module loaded vs not, in the
 * same VM run (a benchmark, not a test: it prints figures and asserts
 * nothing about them).
 *
 * Operations, each timed over OPS calls per round:
 *   open_plain    open()+close() of a file without an SD
 *   open_acl16    open()+close() of a file whose DACL has 16 ACEs, the
 *                 caller's last
 *   stat          stat() of the governed file
 *   create_unlink open(O_CREAT)+close()+unlink() in a governed directory
 *                 (inheritance on create, delete check)
 *   msgsnd_msgrcv one message sent and received on a SysV queue made
 *                 while the module is loaded (governed)
 *   pread_1       pread() of one byte of the file without an SD
 *   pwrite_1      pwrite() of one byte to it (not O_APPEND)
 * Rounds go through the states "loaded" (wintok), "unloaded" (rmmod,
 * insmod) and the optional ones below. In a round each operation runs
 * BATCHES batches of OPS calls; the fastest batch of any round is kept for
 * each state (the minimum filters out the preemptions and TCG stalls of a
 * shared machine) and printed with its ratio to "unloaded".
 *
 * Optional states, when their module is in the VM image:
 * - /lib/modules/hooktest.ko (`make hooktest-all`), the hook machinery's
 *   test module, alone: its sleepable security_file_open hook does next
 *   to nothing, so open_plain under it ("floor_open_plain") is the floor
 *   one such hook costs; stat under it ("control_stat", no hook on its
 *   path) shows the noise;
 * - /lib/modules/wintok-base.ko, another build of wintok (e.g. the main
 *   branch's), loaded instead of wintok.ko: before and after in one run.
 *
 * Two more states measure the traverse check (security_inode_permission),
 * which wintok attaches only once a token without SeChangeNotifyPrivilege
 * enabled exists (a child disables it in its own token and waits; the
 * hook stays while such a token exists): "traverse" runs the operations
 * as root (the privilege enabled: one credential map probe per
 * directory), "traverse without SeChangeNotify" in a child that disabled
 * it (every directory of every path checked, from the caches once warm). "loaded" never has the
 * hook: it shows the cost while no such token exists.
 *
 * Run as root; needs /lib/modules/wintok.ko. Output: "name: value" lines.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "libwintok.h"
#include "../bench_clock.h"
#include "../bench_profile.h"

#define ROUNDS	5
#define BATCHES	12
#define OPS	250
#define HOOKTEST "/lib/modules/hooktest.ko"
#define BASE	"/lib/modules/wintok-base.ko"
#define DIR_	"/tmp/wt_enforce_cost"

enum {
	OPEN_PLAIN, OPEN_ACL16, STAT, CREATE_UNLINK, MSG, READ_1, WRITE_1, NOPS
};

static const char *const names[NOPS] = {
	"open_plain", "open_acl16", "stat", "create_unlink", "msgsnd_msgrcv",
	"pread_1", "pwrite_1",
};

static void put_le(uint8_t *p, uint32_t v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		p[i] = (v >> (8 * i)) & 0xff;
}

/*
 * A DACL-only SD of @n allow ACEs for S-1-22-1-(5000 + i), the last one
 * for root (S-1-22-1-0) with full access, inheritable when @inherit.
 */
static size_t make_sd(uint8_t *sd, int n, int inherit)
{
	size_t off = 28;
	int i;

	memset(sd, 0, off);
	sd[0] = 1;
	put_le(sd + 2, 0x8004, 2);	/* SELF_RELATIVE | DACL_PRESENT */
	put_le(sd + 16, 20, 4);
	sd[20] = 2;
	for (i = 0; i < n; i++) {
		uint8_t *a = sd + off;

		a[0] = 0;	/* allow */
		a[1] = inherit ? 0x03 : 0;
		put_le(a + 2, 24, 2);
		put_le(a + 4, i == n - 1 ? 0x1f01ff : 0x120089, 4);
		a[8] = 1;
		a[9] = 2;
		memset(a + 10, 0, 5);
		a[15] = 22;
		put_le(a + 16, 1, 4);
		put_le(a + 20, i == n - 1 ? 0 : 5000 + i, 4);
		off += 24;
	}
	put_le(sd + 22, off - 20, 2);
	put_le(sd + 24, n, 2);
	return off;
}

static int set_sd(const char *path, int n, int inherit)
{
	uint8_t sd[1024];
	int fd = open(path, O_PATH | O_CLOEXEC), rc;

	if (fd < 0)
		return -1;
	rc = wt_set_file_security(-1, fd, 4 /* DACL */, sd,
				  make_sd(sd, n, inherit));
	close(fd);
	return rc;
}

/* The descriptor of pread_1 and pwrite_1 (security_file_permission). */
static int rw_fd = -1;

static uint64_t run_batch(int op, int qid)
{
	struct { long type; char text[8]; } m = { 1, "x" };
	char path[64];
	struct stat st;
	uint64_t t0 = bench_now_ns();
	int i, fd;

	for (i = 0; i < OPS; i++) {
		switch (op) {
		case OPEN_PLAIN:
		case OPEN_ACL16:
			fd = open(op == OPEN_PLAIN ? DIR_ "/plain" : DIR_ "/acl16",
				  O_RDONLY);
			if (fd >= 0)
				close(fd);
			break;
		case STAT:
			stat(DIR_ "/acl16", &st);
			break;
		case CREATE_UNLINK:
			snprintf(path, sizeof(path), DIR_ "/gov/f%d", i);
			fd = open(path, O_CREAT | O_WRONLY, 0600);
			if (fd >= 0)
				close(fd);
			unlink(path);
			break;
		case MSG:
			msgsnd(qid, &m, sizeof(m.text), 0);
			msgrcv(qid, &m, sizeof(m.text), 0, 0);
			break;
		case READ_1:
		case WRITE_1:
			/* one byte of the ungoverned file, kept open */
			if (rw_fd < 0)
				rw_fd = open(DIR_ "/plain", O_RDWR | O_CLOEXEC);
			if (op == READ_1)
				fd = pread(rw_fd, m.text, 1, 0);
			else
				fd = pwrite(rw_fd, m.text, 1, 0);
			break;
		}
	}
	return (bench_now_ns() - t0) / OPS;
}

/* The fastest batch of @op. */
static uint64_t run_op(int op, int qid)
{
	uint64_t best = UINT64_MAX, ns;
	int b;

	for (b = 0; b < BATCHES; b++) {
		ns = run_batch(op, qid);
		if (ns < best)
			best = ns;
	}
	return best;
}

/* open_plain and stat with only the test module's hooks installed. */
static int floor_round(uint64_t *open_ns, uint64_t *stat_ns)
{
	uint64_t ns;

	if (system("insmod " HOOKTEST))
		return -1;
	ns = run_op(OPEN_PLAIN, -1);
	if (ns < *open_ns)
		*open_ns = ns;
	ns = run_op(STAT, -1);
	if (ns < *stat_ns)
		*stat_ns = ns;
	return system("rmmod hooktest") ? -1 : 0;
}

enum { S_UNLOADED, S_LOADED, S_BASE, S_TRAVERSE, S_TRAVERSE_NOPRIV, NSTATES };

/* Disable SeChangeNotifyPrivilege in the caller's own token: 0 or -1. */
static int drop_change_notify(void)
{
	struct wt_luid_and_attributes la = {
		.luid = WT_SE_CHANGE_NOTIFY_PRIVILEGE,
	};
	int tok = wt_open_process_token(-1, WT_TOKEN_ADJUST_PRIVILEGES, NULL);
	int rc;

	if (tok < 0)
		return -1;
	rc = wt_adjust_token_privileges(tok, 0, &la, 1, NULL, NULL, NULL);
	close(tok);
	return rc;
}

/* The child that keeps the traverse check attached, or 0. */
static pid_t traverse_holder;

/*
 * Attach the traverse check: a child makes a token state without it and
 * keeps it (the check is detached once no such state is left).
 */
static int attach_traverse(void)
{
	int sync[2];
	char ok = 0;
	pid_t pid;

	if (pipe(sync))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(sync[0]);
		ok = !drop_change_notify();
		if (write(sync[1], &ok, 1) != 1 || !ok)
			_exit(1);
		pause();	/* until detach_traverse() */
		_exit(0);
	}
	close(sync[1]);
	if (pid < 0 || read(sync[0], &ok, 1) != 1 || !ok) {
		close(sync[0]);
		return -1;
	}
	close(sync[0]);
	traverse_holder = pid;
	return 0;
}

/* End the child of attach_traverse(), before the module is unloaded. */
static void detach_traverse(void)
{
	if (!traverse_holder)
		return;
	kill(traverse_holder, SIGKILL);
	waitpid(traverse_holder, NULL, 0);
	traverse_holder = 0;
}

/* Load the module of @state (wintok.ko, or BASE); S_UNLOADED is none. */
static int load(int state)
{
	if (state == S_UNLOADED)
		return 0;
	if (system(state == S_BASE ? "insmod " BASE :
		   "insmod /lib/modules/wintok.ko"))
		return -1;
	return state == S_TRAVERSE ? attach_traverse() : 0;
}

/* Every operation in a child without SeChangeNotify; fastest into @best. */
static int run_unprivileged(int qid, uint64_t *best)
{
	uint64_t ns[NOPS];
	int pipefd[2], op, status;
	pid_t pid;

	if (pipe(pipefd))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(pipefd[0]);
		if (drop_change_notify())
			_exit(1);
		for (op = 0; op < NOPS; op++)
			ns[op] = run_op(op, qid);
		_exit(write(pipefd[1], ns, sizeof(ns)) == sizeof(ns) ? 0 : 2);
	}
	close(pipefd[1]);
	op = read(pipefd[0], ns, sizeof(ns)) == sizeof(ns);
	close(pipefd[0]);
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) || !op)
		return -1;
	for (op = 0; op < NOPS; op++)
		if (ns[op] < best[op])
			best[op] = ns[op];
	return 0;
}

/*
 * Profile mode (make bench-profile): WT_PROFILE=OP:N:MODULE, MODULE one of
 * "none", "wintok" or "base", runs OP N times with that module loaded,
 * after printing the module's symbols (lines "WT-SYM address type name";
 * the kernel's, "WT-KSYM ...", in the runs "none") for the host,
 * which reads QEMU's instruction counts of the whole run
 * (tools/bench/insn_plugin.c). Nothing is timed.
 */
static int profile(const char *spec, int qid)
{
	char opname[32], mod[16];
	unsigned long n, i;
	int op;

	if (sscanf(spec, "%31[^:]:%lu:%15s", opname, &n, mod) != 3)
		return 1;
	for (op = 0; op < NOPS && strcmp(names[op], opname); op++)
		;
	if (op == NOPS || system("rmmod wintok"))
		return 1;
	if (!strcmp(mod, "wintok") ? load(S_LOADED) :
	    !strcmp(mod, "base") ? load(S_BASE) : strcmp(mod, "none"))
		return 1;
	if (strcmp(mod, "none") &&
	    system(BENCH_MODULE_SYMS))
		return 1;
	/*
	 * The kernel's own (nokaslr: the same in every boot), in both runs
	 * of "none", so that printing them cancels out.
	 */
	if (!strcmp(mod, "none") &&
	    system(BENCH_KERNEL_SYMS))
		return 1;
	/* a queue made while loaded is governed */
	qid = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	for (i = 0; i < n; i += OPS)
		run_batch(op, qid);
	msgctl(qid, IPC_RMID, NULL);
	printf("WT-PROFILE %s %lu %s\n", opname, n, mod);
	return 0;
}

int main(void)
{
	static const char *const state_names[NSTATES] = {
		"unloaded", "loaded", "base", "traverse",
		"traverse without SeChangeNotify",
	};
	/* Round order: loaded, base, traversal states, unloaded. */
	static const int order[NSTATES] = {
		S_LOADED, S_BASE, S_TRAVERSE, S_TRAVERSE_NOPRIV, S_UNLOADED,
	};
	uint64_t best[NSTATES][NOPS], floor_open = UINT64_MAX,
		 floor_stat = UINT64_MAX;
	int round, i, state, op, qid = -1, fd;
	int floor = !access(HOOKTEST, R_OK), base = !access(BASE, R_OK);

	for (state = 0; state < NSTATES; state++)
		for (op = 0; op < NOPS; op++)
			best[state][op] = UINT64_MAX;
	if (system("rm -rf " DIR_) || mkdir(DIR_, 0755) ||
	    mkdir(DIR_ "/gov", 0755))
		return 1;
	fd = open(DIR_ "/plain", O_CREAT | O_WRONLY, 0644);
	close(fd);
	fd = open(DIR_ "/acl16", O_CREAT | O_WRONLY, 0644);
	close(fd);
	if (set_sd(DIR_ "/acl16", 16, 0) || set_sd(DIR_ "/gov", 16, 1)) {
		perror("enforce_cost: setting the SDs");
		return 1;
	}
	if (getenv("WT_PROFILE"))
		return profile(getenv("WT_PROFILE"), qid);
	/* Loaded first: the module is in when the program starts. */
	if (system("rmmod wintok"))
		return 1;
	for (round = 0; round < ROUNDS; round++) {
		for (i = 0; i < NSTATES; i++) {
			int s = order[i];

			if (s == S_BASE && !base)
				continue;
			if (load(s == S_TRAVERSE_NOPRIV ? S_LOADED : s))
				return 1;
			/* a queue made while loaded is governed */
			qid = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
			if (s == S_TRAVERSE_NOPRIV) {
				if (run_unprivileged(qid, best[s]))
					return 1;
			} else {
				for (op = 0; op < NOPS; op++) {
					uint64_t ns = run_op(op, qid);

					if (ns < best[s][op])
						best[s][op] = ns;
				}
			}
			msgctl(qid, IPC_RMID, NULL);
			detach_traverse();
			if (s != S_UNLOADED && system("rmmod wintok"))
				return 1;
			if (s == S_UNLOADED && floor &&
			    floor_round(&floor_open, &floor_stat))
				return 1;
		}
	}
	if (load(S_LOADED))
		return 1;
	for (state = S_LOADED; state < NSTATES; state++) {
		if (state == S_BASE && !base)
			continue;
		for (op = 0; op < NOPS; op++)
			printf("%s%s: %s %llu ns, unloaded %llu ns, ratio %.3fx\n",
			       names[op], state == S_BASE ? " (base module)" : "",
			       state_names[state],
			       (unsigned long long)best[state][op],
			       (unsigned long long)best[S_UNLOADED][op],
			       (double)best[state][op] /
			       (double)best[S_UNLOADED][op]);
	}
	if (floor) {
		printf("floor_open_plain: hooktest %llu ns, unloaded %llu ns, ratio %.3fx\n",
		       (unsigned long long)floor_open,
		       (unsigned long long)best[0][OPEN_PLAIN],
		       (double)floor_open / (double)best[0][OPEN_PLAIN]);
		printf("control_stat: hooktest %llu ns, unloaded %llu ns, ratio %.3fx\n",
		       (unsigned long long)floor_stat,
		       (unsigned long long)best[0][STAT],
		       (double)floor_stat / (double)best[0][STAT]);
	}
	if (system("rm -rf " DIR_))
		return 1;
	return 0;
}
