// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests, generic netlink: the records of the kernel audit log.
 * Runs as root in the VM.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>
#include <linux/audit.h>
#include <linux/genetlink.h>
#include <linux/wintok.h>

#include "kselftest_harness.h"
#include "wt_test.h"
#include "wt_sd_build.h"
#include "libwintok.h"
#include "wtnl.h"
#include "nl_common.h"

/* ---- the kernel audit log ---- */

#define KAUDIT_FILE "/tmp/nl_kaudit_alice"

/*
 * AUDIT_SET the enabled flag to @enabled through NETLINK_AUDIT; the old
 * value goes to @old (AUDIT_GET first). Return: 0 or an errno.
 */
static int audit_enable(int enabled, int *old)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct audit_status *st;
	struct mnl_socket *s;
	struct nlmsghdr *nlh;
	int err = 0, got = 0;
	ssize_t n;

	s = mnl_socket_open(NETLINK_AUDIT);
	if (!s)
		return errno;
	if (mnl_socket_bind(s, 0, MNL_SOCKET_AUTOPID) < 0) {
		err = errno;
		goto out;
	}
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = AUDIT_GET;
	nlh->nlmsg_flags = NLM_F_REQUEST;
	nlh->nlmsg_seq = 1;
	if (mnl_socket_sendto(s, nlh, nlh->nlmsg_len) < 0) {
		err = errno;
		goto out;
	}
	while (!got) {
		const struct nlmsghdr *m;
		int len;

		n = mnl_socket_recvfrom(s, buf, sizeof(buf));
		if (n < 0) {
			err = errno;
			goto out;
		}
		len = n;
		for (m = (const struct nlmsghdr *)buf; mnl_nlmsg_ok(m, len);
		     m = mnl_nlmsg_next(m, &len)) {
			if (m->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *e = mnl_nlmsg_get_payload(m);

				if (e->error) {
					err = -e->error;
					goto out;
				}
			} else if (m->nlmsg_type == AUDIT_GET) {
				st = mnl_nlmsg_get_payload(m);
				*old = st->enabled;
				got = 1;
			}
		}
	}
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = AUDIT_SET;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = 2;
	st = mnl_nlmsg_put_extra_header(nlh, sizeof(*st));
	st->mask = AUDIT_STATUS_ENABLED;
	st->enabled = enabled;
	if (mnl_socket_sendto(s, nlh, nlh->nlmsg_len) < 0) {
		err = errno;
		goto out;
	}
	for (;;) {
		const struct nlmsghdr *m;
		int len;

		n = mnl_socket_recvfrom(s, buf, sizeof(buf));
		if (n < 0) {
			err = errno;
			break;
		}
		len = n;
		m = (const struct nlmsghdr *)buf;
		if (mnl_nlmsg_ok(m, len) && m->nlmsg_type == NLMSG_ERROR) {
			err = -((const struct nlmsgerr *)mnl_nlmsg_get_payload(m))->error;
			break;
		}
	}
out:
	mnl_socket_close(s);
	return err;
}

/*
 * Without auditd, kauditd prints each record through printk_ratelimit():
 * 10 in a burst per 5 s, shared with every record of the tests before, so
 * a test reading its records from the kernel log lifts the burst while it
 * runs (and puts it back). Returns the old burst, -1 if it cannot.
 */
static int printk_burst(int burst)
{
	const char *path = "/proc/sys/kernel/printk_ratelimit_burst";
	int old = -1;
	FILE *f;

	f = fopen(path, "r");
	if (!f)
		return -1;
	if (fscanf(f, "%d", &old) != 1)
		old = -1;
	fclose(f);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "%d\n", burst);
	return fclose(f) ? -1 : old;
}

/*
 * With kernel auditing enabled (and no auditd, so kauditd prints the
 * records), a denial leaves an AUDIT_KERNEL_OTHER record in the kernel
 * log naming the event, the user, the masks and the path.
 */
TEST_F(nl, kernel_audit_record)
{
	char line[2048];
	bool found = false;
	int fd, kmsg, was = 0, tries, burst;
	ssize_t n;

	fd = open(KAUDIT_FILE, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	ASSERT_LE(0, fd);
	close(fd);
	ASSERT_EQ(0, wt_set_dacl_only(KAUDIT_FILE, WT_SID_ALICE));

	kmsg = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	ASSERT_LE(0, kmsg);
	lseek(kmsg, 0, SEEK_END);
	burst = printk_burst(1000);
	ASSERT_LE(0, burst);
	ASSERT_EQ(0, audit_enable(1, &was));
	usleep(100000);
	EXPECT_EQ(-1, open(KAUDIT_FILE, O_RDONLY));
	EXPECT_EQ(EACCES, errno);
	for (tries = 0; tries < 100 && !found; tries++) {
		n = read(kmsg, line, sizeof(line) - 1);
		if (n < 0) {
			if (errno == EAGAIN)
				usleep(50000);
			continue;
		}
		line[n] = '\0';
		if (!strstr(line, "wintok=access_denied") ||
		    !strstr(line, "path=\"" KAUDIT_FILE "\""))
			continue;
		found = true;
		EXPECT_NE(NULL, strstr(line, "type=1316"));
		EXPECT_NE(NULL, strstr(line, " user_sid=S-1-22-1-0 "));
		EXPECT_NE(NULL, strstr(line, " desired=0x1 granted=0x0"));
		EXPECT_NE(NULL, strstr(line, " op=file_open"));
		EXPECT_NE(NULL, strstr(line, " res=0"));
	}
	EXPECT_TRUE(found) {
		TH_LOG("no audit record in the kernel log");
	}
	audit_enable(was, &was);
	printk_burst(burst);
	close(kmsg);
	unlink(KAUDIT_FILE);
}

/*
 * Read kernel log lines from @kmsg (non-blocking) until one holds every
 * string of @need (NULL-terminated), for up to 5 s; it goes to @line.
 */
static bool kmsg_wait(int kmsg, const char *const *need, char *line, size_t size)
{
	int tries, i;
	ssize_t n;

	for (tries = 0; tries < 100; tries++) {
		n = read(kmsg, line, size - 1);
		if (n < 0) {
			if (errno == EAGAIN)
				usleep(50000);
			continue;
		}
		line[n] = '\0';
		for (i = 0; need[i] && strstr(line, need[i]); i++)
			;
		if (!need[i])
			return true;
	}
	return false;
}

#define KSACL_FILE "/tmp/nl_ksacl"

/*
 * The new event types as kernel audit records (what ausearch reads): an
 * IPC denial (its object name hex-encoded: it has a space), a SACL success
 * audit, a token created and a privilege use.
 */
TEST_F(nl, kernel_audit_records_abi10)
{
	/* A SACL asking to audit reads by anyone (below). */
	static const struct ace_spec ksacl_d[] = {
		{ ALLOW_T, 0, WT_FILE_ALL_ACCESS, SID_ROOT },
	};
	static const struct ace_spec ksacl_s[] = {
		{ AUDIT_T, WT_SUCCESSFUL_ACCESS_ACE_FLAG, WT_FILE_READ_DATA, "S-1-1-0" },
	};
	char line[2048], hex[64], name[32], id_text[48];
	int kmsg, was = 0, shm, fd, tok, dup, i, burst;
	uint64_t ids[2];
	pid_t pid;

	fresh_rate_window();
	kmsg = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	ASSERT_LE(0, kmsg);
	lseek(kmsg, 0, SEEK_END);
	burst = printk_burst(1000);
	ASSERT_LE(0, burst);
	ASSERT_EQ(0, audit_enable(1, &was));

	shm = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0666);
	ASSERT_LE(0, shm);
	pid = fork();
	if (pid == 0) {
		wt_become_user(WT_UID_BOB, WT_GID_USERS);
		_exit(shmat(shm, NULL, SHM_RDONLY) == (void *)-1 ? errno : 0);
	}
	EXPECT_EQ(EACCES, wt_reap(pid));
	snprintf(name, sizeof(name), "shm %d", shm);
	for (i = 0; name[i]; i++)
		sprintf(hex + 2 * i, "%02X", (unsigned char)name[i]);
	{
		char path_kv[80];
		const char *const need[] = { "wintok=access_denied", "op=ipc_permission",
				       path_kv, "user_sid=S-1-22-1-1002 ",
				       "desired=0x1 granted=0x0", " res=0", NULL };

		snprintf(path_kv, sizeof(path_kv), "path=%s ", hex);
		EXPECT_TRUE(kmsg_wait(kmsg, need, line, sizeof(line))) {
			TH_LOG("no IPC denial record for %s", name);
		}
	}
	shmctl(shm, IPC_RMID, NULL);

	/* A SACL asking to audit reads by anyone; root reads. */
	unlink(KSACL_FILE);
	fd = open(KSACL_FILE, O_CREAT | O_WRONLY, 0644);
	ASSERT_LE(0, fd);
	close(fd);
	fd = open(KSACL_FILE, O_PATH);
	ASSERT_LE(0, fd);
	pid = set_sacl_in_child(fd, WT_DACL_SECURITY_INFORMATION |
				WT_SACL_SECURITY_INFORMATION, ksacl_d, 1, ksacl_s, 1);
	close(fd);
	ASSERT_EQ(0, wt_reap(pid));
	fd = open(KSACL_FILE, O_RDONLY);
	EXPECT_LE(0, fd);
	if (fd >= 0)
		close(fd);
	{
		const char *const need[] = { "wintok=sacl_success", "op=file_open",
				       "path=\"" KSACL_FILE "\"", "desired=0x1 granted=0x1",
				       "user_sid=S-1-22-1-0 ", " res=1", NULL };

		EXPECT_TRUE(kmsg_wait(kmsg, need, line, sizeof(line))) {
			TH_LOG("no SACL success record");
		}
	}
	unlink(KSACL_FILE);

	/* A token duplicated: its id in the record. */
	tok = wt_open_process_token(-1, WT_TOKEN_DUPLICATE | WT_TOKEN_QUERY, NULL);
	ASSERT_LE(0, tok);
	dup = wt_duplicate_token(tok, 0, WT_TOKEN_PRIMARY, 0, NULL);
	ASSERT_LE(0, dup);
	token_ids(dup, ids);
	snprintf(id_text, sizeof(id_text), "token_id=0x%llx ", (unsigned long long)ids[0]);
	{
		const char *const need[] = { "wintok=token_created", "op=duplicate",
				       "token_sid=S-1-22-1-0 ", id_text, NULL };

		EXPECT_TRUE(kmsg_wait(kmsg, need, line, sizeof(line))) {
			TH_LOG("no token record with %s", id_text);
		}
	}
	close(dup);
	close(tok);
	audit_enable(was, &was);
	printk_burst(burst);
	close(kmsg);
}

TEST_HARNESS_MAIN
