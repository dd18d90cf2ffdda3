// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftest: 0 fail-opens on the WT_HOOK_ATOMIC (IPMODIFY) hooks.
 * msgsnd(2) on a message queue whose SD denies the caller is tried in a
 * tight loop while a child toggles the function tracer and a kprobe event
 * on security_ipc_permission and security_msg_queue_msgsnd, the hooked
 * functions that decide it. Attempts, successes and toggles are printed
 * as TAP diagnostics. The file-open counterpart is failopen.sh.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "wt_test.h"
#include "wt_sd_build.h"

#define T "/sys/kernel/tracing/"

/* Write @s to tracefs file @name (appending with @append); errors ignored. */
static void tr(const char *name, const char *s, int append)
{
	int fd = open(name, O_WRONLY | O_CLOEXEC | (append ? O_APPEND : O_TRUNC));

	if (fd < 0)
		return;
	if (write(fd, s, strlen(s)) < 0)
		(void)0;	/* a toggle that did not take is only one fewer */
	close(fd);
}

/*
 * Toggle tracer and kprobe until *@stop (shared with the parent) is set;
 * the number of toggles goes to @report.
 */
static void churn(const int *stop, int report)
{
	unsigned long toggles = 0;

	while (!__atomic_load_n(stop, __ATOMIC_RELAXED)) {
		switch (toggles % 3) {
		case 0:
			tr(T "set_ftrace_filter", "security_ipc_permission\n", 0);
			tr(T "set_ftrace_filter", "security_msg_queue_msgsnd\n", 1);
			tr(T "current_tracer", "function\n", 0);
			break;
		case 1:
			tr(T "kprobe_events", "p:wtipc security_ipc_permission\n", 1);
			tr(T "kprobe_events", "p:wtsnd security_msg_queue_msgsnd\n", 1);
			tr(T "events/kprobes/enable", "1\n", 0);
			break;
		default:
			tr(T "current_tracer", "nop\n", 0);
			tr(T "events/kprobes/enable", "0\n", 0);
			tr(T "kprobe_events", "-:wtipc\n", 1);
			tr(T "kprobe_events", "-:wtsnd\n", 1);
		}
		toggles++;
	}
	tr(T "current_tracer", "nop\n", 0);
	tr(T "set_ftrace_filter", "\n", 0);
	tr(T "events/kprobes/enable", "0\n", 0);
	tr(T "kprobe_events", "\n", 0);
	if (write(report, &toggles, sizeof(toggles)) != sizeof(toggles))
		_exit(1);
	_exit(0);
}

TEST(msgsnd_never_fails_open_under_tracer_churn)
{
	const struct wt_rule alice_only[] = {
		{ 0, 0, WT_IPC_ALL_ACCESS, "S-1-22-1-1001" },
	};
	const struct wt_rule root_too[] = {
		{ 0, 0, WT_IPC_ALL_ACCESS, "S-1-22-1-0" },
	};
	struct { long type; char text[8]; } m = { 1, "x" };
	unsigned long attempts = 0, successes = 0, toggles = 0;
	const char *env = getenv("WT_FAILOPEN_SECS");
	int secs = env ? atoi(env) : 5, id, p[2];
	struct timespec start, now;
	int *stop;
	pid_t pid;

	id = msgget(IPC_PRIVATE, IPC_CREAT | 0666);
	ASSERT_LE(0, id);
	/* root made it and keeps WRITE_DAC as owner, but not IPC_WRITE */
	ASSERT_EQ(0, wt_set_msq_dacl(id, alice_only, 1));
	ASSERT_EQ(-1, msgsnd(id, &m, sizeof(m.text), IPC_NOWAIT));
	ASSERT_EQ(EACCES, errno);

	stop = mmap(NULL, sizeof(*stop), PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, stop);
	*stop = 0;
	ASSERT_EQ(0, pipe(p));
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		churn(stop, p[1]);
	}
	close(p[1]);
	clock_gettime(CLOCK_MONOTONIC, &start);
	do {
		int i;

		for (i = 0; i < 1000; i++) {
			attempts++;
			if (!msgsnd(id, &m, sizeof(m.text), IPC_NOWAIT))
				successes++;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while (now.tv_sec - start.tv_sec < secs);
	__atomic_store_n(stop, 1, __ATOMIC_RELAXED);
	if (read(p[0], &toggles, sizeof(toggles)) != sizeof(toggles))
		toggles = 0;
	close(p[0]);
	waitpid(pid, NULL, 0);

	ksft_print_msg("ipc failopen: attempts=%lu successes=%lu toggles=%lu seconds=%d\n",
		       attempts, successes, toggles, secs);
	EXPECT_EQ(0, successes);
	EXPECT_LT(0, attempts);
	EXPECT_LT(0, toggles);
	/* still denied, then let root remove it */
	EXPECT_EQ(-1, msgsnd(id, &m, sizeof(m.text), IPC_NOWAIT));
	ASSERT_EQ(0, wt_set_msq_dacl(id, root_too, 1));
	EXPECT_EQ(0, msgctl(id, IPC_RMID, NULL));
}

TEST_HARNESS_MAIN
