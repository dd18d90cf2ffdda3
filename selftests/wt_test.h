/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the wintok selftests. The VM's /etc/passwd and
 * /etc/group (tools/vm/mkinitramfs.sh) define these users and groups.
 */
#ifndef WT_TEST_H
#define WT_TEST_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <linux/wintok.h>

#include "libwintok.h"

/*
 * The debug kernel (make check-debug: KASAN, lockdep, kmemleak under TCG)
 * runs the same tests several times slower; its build of the selftests
 * gives every test without a timeout of its own WT_TEST_TIMEOUT seconds
 * instead of the harness's 30, so a slow kernel is not a failed test.
 * Every test includes the harness before this header.
 */
#if defined(WT_TEST_TIMEOUT) && defined(TEST_TIMEOUT_DEFAULT)
#undef TEST_TIMEOUT_DEFAULT
#define TEST_TIMEOUT_DEFAULT WT_TEST_TIMEOUT
#endif

#define WT_UID_ALICE	1001
#define WT_UID_BOB	1002
#define WT_UID_MALLORY	1003
#define WT_UID_SERVICE	1100
#define WT_GID_USERS	100
#define WT_GID_FINANCE	2001

/*
 * CapEff of the calling thread (an impersonating thread has its own),
 * from /proc/thread-self/status; -1 on failure.
 */
static inline long long wt_cap_effective(void)
{
	unsigned long long v;
	long long eff = -1;
	char line[256];
	FILE *f = fopen("/proc/thread-self/status", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "CapEff: %llx", &v) == 1) {
			eff = (long long)v;
			break;
		}
	fclose(f);
	return eff;
}

/* A pthread start routine that waits for ever: a second thread. */
static inline void *wt_pause_thread(void *arg)
{
	pause();
	return arg;
}

/*
 * Drop to an unprivileged user in a forked child; exits the child if the
 * switch fails, so a test can never go on as root by mistake.
 */
static inline void wt_become_user(uid_t uid, gid_t gid)
{
	if (setgroups(0, NULL) || setresgid(gid, gid, gid) ||
	    setresuid(uid, uid, uid))
		_exit(99);
}

/*
 * In a forked child running as root: become bob impersonating alice's
 * primary token, and keep *@dev, /dev/wintok opened before (at
 * Identification the thread may open nothing, not even the device, so
 * it reverts on this descriptor). Returns the level the thread got: bob
 * needs SeImpersonatePrivilege for Impersonation (module parameter
 * privileges), else he gets Identification; -1 on failure.
 */
static inline int wt_bob_impersonates_alice(int *dev)
{
	struct wt_impersonate a = { .size = sizeof(a) };
	int tok;

	*dev = open("/dev/wintok", O_RDWR | O_CLOEXEC);
	if (*dev < 0 || setgroups(0, NULL) ||
	    setresgid(WT_GID_USERS, WT_GID_USERS, WT_GID_USERS))
		return -1;
	/* Effective alice, saved root: open alice's token, then drop to bob. */
	if (setresuid(-1, WT_UID_ALICE, 0))
		return -1;
	tok = wt_open_process_token(*dev, WT_TOKEN_QUERY | WT_TOKEN_DUPLICATE |
				    WT_TOKEN_IMPERSONATE, NULL);
	if (tok < 0 || setresuid(-1, 0, -1) ||
	    setresuid(WT_UID_BOB, WT_UID_BOB, WT_UID_BOB))
		return -1;
	a.fd = tok;
	if (ioctl(*dev, WT_IOC_IMPERSONATE, &a))
		return -1;
	close(tok);
	return a.level;
}

/*
 * getxattr(2) of security.wintok as a backup tool reads it: the raw SD
 * needs READ_CONTROL on the file or SeBackupPrivilege enabled, which root
 * holds disabled; enabled around the read, then put back as it was.
 * Returns what getxattr() returned, with its errno.
 */
static inline ssize_t wt_raw_sd(const char *path, void *buf, size_t size)
{
	struct wt_luid_and_attributes la = {
		.luid = WT_SE_BACKUP_PRIVILEGE,
		.attributes = WT_SE_PRIVILEGE_ENABLED,
	}, prev[1];
	__u32 nprev = 1;
	int tok = wt_open_process_token(-1, WT_TOKEN_ADJUST_PRIVILEGES, NULL);
	ssize_t len;
	int err;

	if (tok >= 0 &&
	    wt_adjust_token_privileges(tok, 0, &la, 1, prev, &nprev, NULL))
		nprev = 0;
	len = getxattr(path, "security.wintok", buf, size);
	err = errno;
	if (tok >= 0 && nprev)
		wt_adjust_token_privileges(tok, 0, prev, nprev, NULL, NULL, NULL);
	if (tok >= 0)
		close(tok);
	errno = err;
	return len;
}

/* Exit status of child @pid; 255 when it did not exit normally. */
static inline int wt_reap(pid_t pid)
{
	int status;

	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 255;
	return WEXITSTATUS(status);
}

/*
 * Kill child @pid and reap it: 0, or -1 when it was no child to reap.
 * Refuses pid 0 and below, which kill() would take for a group.
 */
static inline int wt_kill_reap(pid_t pid)
{
	if (pid <= 0)
		return -1;
	kill(pid, SIGKILL);
	return waitpid(pid, NULL, 0) == pid ? 0 : -1;
}

/* Enable privilege @luid in the calling process's token; 0 or errno. */
static inline int wt_enable_privilege(unsigned int luid)
{
	struct wt_luid_and_attributes la = {
		.luid = luid, .attributes = WT_SE_PRIVILEGE_ENABLED,
	};
	int tok = wt_open_process_token(-1, WT_TOKEN_ADJUST_PRIVILEGES, NULL);
	int not_all = 1, err = 0;

	if (tok < 0)
		return errno;
	if (wt_adjust_token_privileges(tok, 0, &la, 1, NULL, NULL, &not_all))
		err = errno;
	else if (not_all)
		err = EPERM;
	close(tok);
	return err;
}

/* Remove security.wintok from @path and everything under it, depth last. */
static inline void wt_strip_sds(const char *path)
{
	struct dirent *de;
	struct stat st;
	char sub[4096];
	DIR *d;

	if (lstat(path, &st))
		return;
	lremovexattr(path, "security.wintok");
	if (!S_ISDIR(st.st_mode))
		return;
	d = opendir(path);
	if (!d)
		return;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name) <
		    (int)sizeof(sub))
			wt_strip_sds(sub);
	}
	closedir(d);
}

/*
 * rm -rf @path as root, whatever the SDs under it say: a child enables
 * SeRestorePrivilege, removes every SD (a directory's first, so it can be
 * listed), then removes the tree. Returns 0 when @path is gone.
 */
static inline int wt_rm_rf(const char *path)
{
	struct wt_luid_and_attributes la = {
		.luid = WT_SE_RESTORE_PRIVILEGE,
		.attributes = WT_SE_PRIVILEGE_ENABLED,
	};
	char cmd[4200];
	int status, fd;
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		fd = wt_open_process_token(-1, WT_TOKEN_ADJUST_PRIVILEGES, NULL);
		if (fd < 0 || wt_adjust_token_privileges(fd, 0, &la, 1, NULL,
							 NULL, NULL))
			_exit(1);
		wt_strip_sds(path);
		if (snprintf(cmd, sizeof(cmd), "rm -rf '%s'", path) >=
		    (int)sizeof(cmd))
			_exit(3);
		_exit(system(cmd) ? 2 : 0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return access(path, F_OK) ? 0 : -1;
}

/* "S-1-..." of the user of token @fd into @buf; 0 or -errno. */
static inline int wt_token_user(int fd, char *buf, size_t size)
{
	struct wt_sid_and_attributes sa;

	buf[0] = '\0';
	if (wt_get_token_information(fd, WT_TOKEN_INFO_USER, &sa, sizeof(sa),
				     NULL))
		return -errno;
	return wt_sid_string(sa.sid, sa.sid_size, buf, size) < 0 ? -errno : 0;
}

/* ---- descriptors ---- */

/* 0 or the errno of open(@path, @flags) (close-on-exec) by the caller. */
static inline int wt_open_errno(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

/*
 * The exit status of a child that runs as @uid, primary group @gid and no
 * supplementary groups, and exits with @expr (an int, 0 to 255, evaluated
 * in the child): the shape of every "what does this user get" check. 255
 * when the child did not exit normally or fork() failed.
 */
#define wt_as_user(uid, gid, expr) ({				\
	pid_t __wt_pid = fork();				\
								\
	if (__wt_pid == 0) {					\
		wt_become_user(uid, gid);			\
		_exit(expr);					\
	}							\
	wt_reap(__wt_pid);					\
})

/*
 * 0 or the errno of opening @path read-only as @uid (primary group users,
 * no supplementary groups), in a child; 255 if the child failed.
 */
static inline int wt_read_as(uid_t uid, const char *path)
{
	return wt_as_user(uid, WT_GID_USERS, wt_open_errno(path, O_RDONLY));
}

/* Pass descriptor @fd over the AF_UNIX socket @sock; 0 or -1. */
static inline int wt_send_fd(int sock, int fd)
{
	char data = 'T';
	struct iovec iov = { .iov_base = &data, .iov_len = 1 };
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} u;
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = u.buf, .msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);

	memset(&u, 0, sizeof(u));
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	return sendmsg(sock, &msg, 0) == 1 ? 0 : -1;
}

/* A descriptor passed over @sock (close-on-exec), or -1. */
static inline int wt_recv_fd(int sock)
{
	char data;
	struct iovec iov = { .iov_base = &data, .iov_len = 1 };
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} u;
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = u.buf, .msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *c;
	int fd;

	if (recvmsg(sock, &msg, MSG_CMSG_CLOEXEC) != 1)
		return -1;
	c = CMSG_FIRSTHDR(&msg);
	if (!c || c->cmsg_type != SCM_RIGHTS)
		return -1;
	memcpy(&fd, CMSG_DATA(c), sizeof(int));
	return fd;
}

/*
 * A backup-intent open (WT_IOC_OPEN_BACKUP) of @path relative to @dirfd:
 * the descriptor, or -errno.
 */
static inline int wt_open_backup_at(int dirfd, const char *path, int flags)
{
	struct wt_open_backup a = {
		.size = sizeof(a), .dirfd = dirfd, .open_flags = flags,
		.path = (uintptr_t)path,
	};
	int dev = open("/dev/wintok", O_RDWR | O_CLOEXEC), fd;

	if (dev < 0)
		return -errno;
	fd = ioctl(dev, WT_IOC_OPEN_BACKUP, &a);
	if (fd < 0)
		fd = -errno;
	close(dev);
	return fd;
}

/* ---- loading and unloading the module ---- */

static inline int wt_module_loaded(void)
{
	return !access("/sys/module/wintok", F_OK);
}

/*
 * Unload wintok, retrying while something still pins it: a process of an
 * earlier test still closing its /dev/wintok or token descriptor, or a
 * created token whose last credential is only freed after an RCU grace
 * period (seconds on a loaded TCG host). Return: 0 once unloaded, -1 if
 * it stayed loaded for 60 s.
 */
static inline int wt_unload_module(void)
{
	int i;

	/*
	 * delete_module() itself, not rmmod: a fork and exec of rmmod per
	 * try can cost more than the 100 ms wait on a loaded TCG host, and
	 * 600 tries then outlast the 90-s timeout of the tests that call
	 * this, which fail instead of skipping.
	 * O_NONBLOCK: refuse at once while pinned, as rmmod does.
	 */
	for (i = 0; i < 600 && wt_module_loaded(); i++)
		if (syscall(SYS_delete_module, "wintok", O_NONBLOCK) &&
		    wt_module_loaded())
			usleep(100000);
	return wt_module_loaded() ? -1 : 0;
}

/* ---- module parameters ---- */

#define WT_PARAM_DIR	"/sys/module/wintok/parameters/"

/* The value of numeric module parameter @name, or -1. */
static inline long wt_read_param(const char *name)
{
	char path[128], buf[64];
	long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), WT_PARAM_DIR "%s", name);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (fgets(buf, sizeof(buf), f))
		v = strtol(buf, NULL, 10);
	fclose(f);
	return v;
}

/* Write @val to module parameter @name; 0, or -1 with errno set. */
static inline int wt_write_param(const char *name, const char *val)
{
	char path[128];
	ssize_t n;
	int fd, err;

	snprintf(path, sizeof(path), WT_PARAM_DIR "%s", name);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = write(fd, val, strlen(val));
	err = errno;
	close(fd);
	errno = err;
	return n == (ssize_t)strlen(val) ? 0 : -1;
}

/*
 * Set the module's privilege policy; "" clears it. 0, or -1 with errno
 * set (EINVAL for a policy the module refuses).
 */
static inline int wt_set_privilege_policy(const char *v)
{
	/* A zero-length write never reaches the module: clear with "\n". */
	return wt_write_param("privileges", *v ? v : "\n");
}

/*
 * The text of module parameter @name into @buf, without its newline
 * ("" when unreadable). 0 or -1.
 */
static inline int wt_read_param_text(const char *name, char *buf, size_t size)
{
	char path[128];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), WT_PARAM_DIR "%s", name);
	buf[0] = '\0';
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	if (n && buf[n - 1] == '\n')
		buf[n - 1] = '\0';
	return 0;
}

/*
 * Live counter @name once it is back at @baseline, or its value after
 * 5 s: frees wait for RCU grace periods.
 */
static inline long wt_settle_param(const char *name, long baseline)
{
	long v = wt_read_param(name);
	int i;

	for (i = 0; i < 100 && v > baseline; i++) {
		usleep(50000);
		v = wt_read_param(name);
	}
	return v;
}

/* Attributes of privilege @luid in token @fd, -1 when absent, -2 on error. */
static inline long long wt_priv_attrs(int fd, uint64_t luid)
{
	struct wt_token_privileges *p;
	long long ret = -1;
	uint32_t i;

	p = wt_get_token_information_alloc(fd, WT_TOKEN_INFO_PRIVILEGES, NULL);
	if (!p)
		return -2;
	for (i = 0; i < p->count; i++)
		if (p->privileges[i].luid == luid)
			ret = p->privileges[i].attributes;
	free(p);
	return ret;
}

/*
 * Have the module derive the token of every process and kernel thread
 * alive now. It derives a credential's token the first time something
 * asks for it (a hook in a kernel thread, a query by pid), and those of
 * init and kernel threads live on: a test comparing the live counters
 * before and after takes its baseline after this. 0, or -1.
 */
static inline int wt_derive_live_tokens(void)
{
	/* A process gone meanwhile fails its query: only the tool must be. */
	static const char *const step[] = {
		"command -v wtpolicy >/dev/null || exit 1",
		"for p in /proc/[0-9]*; do",
		"wtpolicy token \"${p#/proc/}\" >/dev/null 2>&1; done",
		"exit 0",
	};
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "%s; %s %s; %s", step[0], step[1], step[2],
		 step[3]);
	return system(cmd) ? -1 : 0;
}

/*
 * Kernel threads come and go (a workqueue starts a worker when it is
 * busy), each with a credential of its own; one that runs a hooked call
 * gets a token that lives as long as it does. A test comparing the live
 * counters allows one token per kernel thread that was not there at its
 * baseline.
 */
#define WT_PID_BITS	4194304u	/* PID_MAX_LIMIT on 64-bit */

struct wt_kthreads {
	unsigned char seen[WT_PID_BITS / 8];
};

/* Is @pid a kernel thread (PF_KTHREAD in /proc/PID/stat's flags)? */
static inline int wt_is_kthread(unsigned long pid)
{
	char path[64], buf[512], *p;
	unsigned long flags = 0;
	int fd, i;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%lu/stat", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	p = strrchr(buf, ')');		/* the name may hold spaces */
	for (i = 0; p && i < 7; i++)	/* to field 9, flags */
		p = strchr(p + 1, ' ');
	if (p)
		flags = strtoul(p + 1, NULL, 10);
	return !!(flags & 0x00200000);	/* PF_KTHREAD */
}

/*
 * Note the kernel threads alive now in @k (@fresh NULL), or count into
 * @fresh those alive now that @k has not seen, printing their names.
 * Reading /proc/PID/stat is a ptrace access check, which derives every
 * process's token: take a counter baseline after the first scan.
 */
static inline void wt_kthreads_scan(struct wt_kthreads *k, long *fresh)
{
	DIR *d = opendir("/proc");
	struct dirent *de;

	while (d && (de = readdir(d))) {
		unsigned long pid = strtoul(de->d_name, NULL, 10);
		char path[64], comm[64] = "";
		FILE *f;

		if (!pid || pid >= WT_PID_BITS || !wt_is_kthread(pid))
			continue;
		if (!fresh) {
			k->seen[pid / 8] |= 1u << (pid % 8);
			continue;
		}
		if (k->seen[pid / 8] & (1u << (pid % 8)))
			continue;
		(*fresh)++;
		snprintf(path, sizeof(path), "/proc/%lu/comm", pid);
		f = fopen(path, "re");
		if (f) {
			if (!fgets(comm, sizeof(comm), f))
				comm[0] = '\0';
			fclose(f);
		}
		comm[strcspn(comm, "\n")] = '\0';
		printf("# new kernel thread %lu %s\n", pid, comm);
	}
	if (d)
		closedir(d);
}

/* How many kernel threads @k saw are gone now. */
static inline long wt_kthreads_gone(const struct wt_kthreads *k)
{
	unsigned long pid;
	long gone = 0;

	for (pid = 0; pid < WT_PID_BITS; pid++) {
		if (!k->seen[pid / 8]) {
			pid |= 7;	/* the whole byte */
			continue;
		}
		if ((k->seen[pid / 8] & (1u << (pid % 8))) &&
		    !wt_is_kthread(pid))
			gone++;
	}
	return gone;
}

/*
 * Does what kernel threads did since the scan @k explain a live token
 * counter going from @before to @now? Each one born may hold a token,
 * each one gone took its token away. 1 if so.
 */
static inline int wt_tokens_explained(struct wt_kthreads *k, long before,
				      long now)
{
	long fresh = 0;

	wt_kthreads_scan(k, &fresh);
	return now <= before + fresh && now >= before - wt_kthreads_gone(k);
}

/* ---- integrity levels, set-id and helper programs ---- */

#define WT_RID_LOW	4096
#define WT_RID_MEDIUM	8192
#define WT_RID_SYSTEM	16384

/* Set the integrity level of token @tok to Low. 0, or -1 with errno. */
static inline int wt_set_low(int tok)
{
	struct wt_sid_and_attributes sa;

	if (wt_sid_parse("S-1-16-4096", &sa, WT_SE_GROUP_INTEGRITY |
			 WT_SE_GROUP_INTEGRITY_ENABLED))
		return -1;
	return wt_set_token_information(tok, WT_TOKEN_INFO_INTEGRITY_LEVEL, &sa,
					sizeof(sa));
}

/* Lower the calling process's own primary token to Low. 0 or -1. */
static inline int wt_lower_own_token(void)
{
	int tok = wt_open_process_token(-1, WT_TOKEN_QUERY |
					WT_TOKEN_ADJUST_DEFAULT, NULL);
	int ret;

	if (tok < 0)
		return -1;
	ret = wt_set_low(tok);
	close(tok);
	return ret;
}

/*
 * Assign the calling process a restricted copy of its own primary token,
 * lowered to Low, whose restricting SIDs are Everyone and @user: what a
 * sandbox launcher (wtrun --restrict --low) makes. Through @dev, with
 * SeAssignPrimaryTokenPrivilege, enabled here. 0 or -1.
 */
static inline int wt_assign_low_restricted(int dev, const char *user)
{
	struct wt_sid_and_attributes rs[2];
	int tok, rtok = -1, ret = -1;

	tok = wt_open_process_token(dev, WT_TOKEN_ALL_ACCESS, NULL);
	if (tok < 0)
		return -1;
	if (!wt_sid_parse("S-1-1-0", &rs[0], 0) && !wt_sid_parse(user, &rs[1], 0))
		rtok = wt_create_restricted_token(tok, 0, NULL, 0, NULL, 0, rs,
						  2, 0, NULL);
	if (rtok >= 0 && !wt_set_low(rtok) &&
	    !wt_enable_privilege(WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE) &&
	    !wt_assign_primary_token(dev, rtok))
		ret = 0;
	if (rtok >= 0)
		close(rtok);
	close(tok);
	return ret;
}

/*
 * Make the calling thread impersonate a duplicate of its own primary
 * token at @level, through @dev. 0, or -1 when it could not or the
 * module gave another level.
 */
static inline int wt_impersonate_own_token(int dev, unsigned int level)
{
	unsigned int got = 0;
	int tok, itok = -1, ret = -1;

	tok = wt_open_process_token(dev, WT_TOKEN_QUERY | WT_TOKEN_DUPLICATE |
				    WT_TOKEN_IMPERSONATE, NULL);
	if (tok < 0)
		return -1;
	itok = wt_duplicate_token(tok, 0, WT_TOKEN_IMPERSONATION, level, NULL);
	if (itok >= 0 && !wt_impersonate_token(dev, itok, &got, NULL) &&
	    got == level)
		ret = 0;
	if (itok >= 0)
		close(itok);
	close(tok);
	return ret;
}

/*
 * Integrity RID and restricted flag of the calling process's primary
 * token (through @dev, or -1 to open the device). 0 or -1.
 */
static inline int wt_primary_state(int dev, unsigned int *rid,
				   unsigned int *restricted)
{
	struct wt_sid_and_attributes sa;
	char s[64];
	int tok = wt_open_process_token(dev, WT_TOKEN_QUERY, NULL);
	int ret = -1;

	if (tok < 0)
		return -1;
	if (!wt_get_token_information(tok, WT_TOKEN_INFO_INTEGRITY_LEVEL, &sa,
				      sizeof(sa), NULL) &&
	    wt_sid_string(sa.sid, sa.sid_size, s, sizeof(s)) > 0 &&
	    sscanf(s, "S-1-16-%u", rid) == 1 &&
	    !wt_get_token_information(tok, WT_TOKEN_INFO_HAS_RESTRICTIONS,
				      restricted, sizeof(*restricted), NULL))
		ret = 0;
	close(tok);
	return ret;
}

/* Copy the running test program to @path (new file) with @mode. 0 or -1. */
static inline int wt_copy_self(const char *path, mode_t mode)
{
	char buf[65536];
	int in, out, ret = 0;
	ssize_t n;

	unlink(path);
	in = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return -1;
	out = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0700);
	if (out < 0) {
		close(in);
		return -1;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			ret = -1;
	if (n < 0)
		ret = -1;
	close(in);
	close(out);
	return ret ? ret : chmod(path, mode);
}

/*
 * fork() with the child's standard output on a pipe to the parent: the
 * shape of every test that runs a program and reads what it prints. In
 * the child (0 returned) stdout is the pipe, in the parent (the child's
 * pid returned) *@rd is the pipe's read end. -1 when either failed.
 */
static inline pid_t wt_fork_stdout(int *rd)
{
	int pfd[2];
	pid_t pid;

	if (pipe(pfd))
		return -1;
	/* What the harness buffered must not reach the pipe too. */
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		close(pfd[0]);
		close(pfd[1]);
		return -1;
	}
	if (pid == 0) {
		close(pfd[0]);
		if (dup2(pfd[1], 1) != 1)
			_exit(96);
		close(pfd[1]);
		return 0;
	}
	close(pfd[1]);
	*rd = pfd[0];
	return pid;
}

/*
 * Read @fd to its end (the writer gone) into @buf, NUL-terminated, and
 * close it. Returns how many bytes it read (at most @size - 1).
 */
static inline size_t wt_read_all(int fd, char *buf, size_t size)
{
	size_t got = 0;
	ssize_t n;

	while (got + 1 < size && (n = read(fd, buf + got, size - 1 - got)) > 0)
		got += n;
	buf[got] = '\0';
	close(fd);
	return got;
}

/*
 * Run @argv (looked up in PATH) as @uid/@gid (0: as the caller) with the
 * environment variable @env set to 1 (NULL: none), and read what it prints
 * into @out (NUL-terminated). 0, or -1 when it could not run, failed or
 * printed nothing.
 */
static inline int wt_run_as_line(uid_t uid, gid_t gid, const char *env,
				 char *const argv[], char *out, size_t size)
{
	size_t got;
	pid_t pid;
	int rd;

	pid = wt_fork_stdout(&rd);
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (uid)
			wt_become_user(uid, gid);
		if (env)
			setenv(env, "1", 1);
		execvp(argv[0], argv);
		_exit(30);
	}
	got = wt_read_all(rd, out, size);
	return wt_reap(pid) || !got ? -1 : 0;
}

/*
 * Run @path with the environment variable @env set (a test program's
 * helper mode), and read the line it prints into @line (NUL-terminated).
 * 0, or -1 when it could not run, failed or printed nothing.
 */
static inline int wt_run_helper_line(const char *path, const char *env,
				     char *line, size_t size)
{
	char *const argv[] = { (char *)path, NULL };

	return wt_run_as_line(0, 0, env, argv, line, size);
}

#endif /* WT_TEST_H */
