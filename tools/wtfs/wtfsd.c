// SPDX-License-Identifier: GPL-2.0
/*
 * wtfsd - a tiny file server that acts only on its clients' authority.
 *
 * It runs as an unprivileged service account whose token holds
 * SeImpersonatePrivilege, listens on an AF_UNIX stream socket and serves
 * each client in a thread of its own. For every request the thread
 * impersonates the client of the connection (WT_IOC_IMPERSONATE_PEER),
 * opens and reads the file as the client, reverts and replies. It logs one
 * line per request: who asked, as whom the thread ran, the level and the
 * outcome. See Documentation/tools/wtfs.rst.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <pthread.h>
#include <pwd.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

#include "libwintok.h"
#include "wt_tool.h"
#include "wtfs_proto.h"

/* /dev/wintok, opened once: an impersonating thread may not open it. */
static int wtfsd_dev = -1;
/* Serialises the log and the passwd lookups (getpwuid() is not MT-safe). */
static pthread_mutex_t wtfsd_log_lock = PTHREAD_MUTEX_INITIALIZER;

/* What one request came to, gathered while impersonating. */
struct wtfsd_outcome {
	int impersonated;		/* 1 once the thread impersonated */
	__u32 level;
	__u32 result;			/* WT_IMPERSONATE_* bits of a cap */
	long euid;			/* the thread's euid while impersonating */
	struct wt_sid_and_attributes user;	/* the thread token's user */
	int have_user;
	int err;			/* 0 or the errno of the request */
	char *data;
	size_t len;
};

static void print_usage(FILE *out)
{
	fprintf(out,
		"usage: wtfsd [--socket PATH] [--user NAME] [--help]\n"
		"Serve files over an AF_UNIX socket, reading each one as the client\n"
		"who asked for it (wintok impersonation). One log line per request.\n"
		"  --socket PATH  where to listen (default " WTFS_DEFAULT_SOCKET ")\n"
		"  --user NAME    started as root: bind the socket, make it\n"
		"                 connectable by everyone, then run as NAME\n"
		"Exit status: 1 error (cannot listen, cannot become NAME, a revert\n"
		"failed), 2 usage error; it serves until killed.\n");
}

/* Short account name of a uid: its passwd name, else the number. */
static void uid_name(uid_t uid, char *buf, size_t size)
{
	struct passwd *pw = getpwuid(uid);

	if (pw)
		snprintf(buf, size, "%s", pw->pw_name);
	else
		snprintf(buf, size, "%u", (unsigned int)uid);
}

/*
 * Short name of a token user: S-1-22-1-N is the passwd name of uid N,
 * other SIDs get their Windows name (or the S-1-... string).
 */
static void sid_short_name(const struct wt_sid_and_attributes *sa, char *buf,
			   size_t size)
{
	char str[192];
	unsigned long uid;
	char tail;

	if (wt_sid_string(sa->sid, sa->sid_size, str, sizeof(str)) < 0) {
		snprintf(buf, size, "(invalid SID)");
		return;
	}
	if (sscanf(str, "S-1-22-1-%lu%c", &uid, &tail) == 1) {
		uid_name((uid_t)uid, buf, size);
		return;
	}
	if (wt_sid_name(sa->sid, sa->sid_size, buf, size) < 0)
		snprintf(buf, size, "%s", str);
}

static const char *errno_name(int err)
{
	const char *name = strerrorname_np(err);

	return name ? name : "?";
}

/*
 * Read @path into a new buffer as the calling thread now is. 0 or a
 * negative errno; files over WTFS_FILE_MAX give -EFBIG.
 */
static int read_file(const char *path, char **data, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *buf, *bigger;
	ssize_t got;
	int fd, err = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -errno;
	buf = malloc(cap);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	for (;;) {
		if (n == cap) {
			if (cap >= WTFS_FILE_MAX) {
				err = -EFBIG;
				break;
			}
			cap *= 2;
			bigger = realloc(buf, cap);
			if (!bigger) {
				err = -ENOMEM;
				break;
			}
			buf = bigger;
		}
		got = read(fd, buf + n, cap - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			err = -errno;
			break;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	close(fd);
	if (err) {
		free(buf);
		return err;
	}
	*data = buf;
	*len = n;
	return 0;
}

/*
 * Serve one request for @path on connection @conn: impersonate the client,
 * look, read, revert. Never returns while impersonating.
 */
static void serve_request(int conn, const char *path, struct wtfsd_outcome *o)
{
	int tok;

	memset(o, 0, sizeof(*o));
	o->euid = -1;
	if (wt_impersonate_peer(wtfsd_dev, conn, &o->level, &o->result)) {
		o->err = errno;
		return;
	}
	o->impersonated = 1;
	/* The thread's own ids: glibc's geteuid() would do too, but be explicit. */
	o->euid = syscall(SYS_geteuid);
	tok = wt_open_thread_token(wtfsd_dev, 0, 0, WT_TOKEN_QUERY, NULL);
	if (tok >= 0) {
		o->have_user = !wt_get_token_information(tok, WT_TOKEN_INFO_USER,
							 &o->user,
							 sizeof(o->user), NULL);
		close(tok);
	}
	o->err = -read_file(path, &o->data, &o->len);
	if (wt_revert_to_self(wtfsd_dev)) {
		/* Going on as the client would be a hole: stop everything. */
		fprintf(stderr, "wtfsd: cannot revert to self: %s\n",
			strerror(errno));
		abort();
	}
}

/* Log one transcript line and send the reply; 0 or -1 (drop the client). */
static int report(int conn, const char *path, struct wtfsd_outcome *o)
{
	char client[200] = "-", ran_as[64] = "-", head[256], cap[96] = "";
	char outcome[128];
	int level = o->impersonated ? (int)o->level : -1;
	int ret;

	pthread_mutex_lock(&wtfsd_log_lock);
	if (o->have_user)
		sid_short_name(&o->user, client, sizeof(client));
	if (o->euid >= 0)
		uid_name((uid_t)o->euid, ran_as, sizeof(ran_as));
	if (o->result)
		snprintf(cap, sizeof(cap), " (capped:%s%s%s)",
			 o->result & WT_IMPERSONATE_NO_PRIVILEGE ?
			 " no SeImpersonatePrivilege" : "",
			 o->result & WT_IMPERSONATE_INTEGRITY ?
			 " client integrity above ours" : "",
			 o->result & WT_IMPERSONATE_RESTRICTED ?
			 " we are restricted" : "");
	if (o->err)
		snprintf(outcome, sizeof(outcome), "refused: %s (%s)",
			 errno_name(o->err), strerror(o->err));
	else
		snprintf(outcome, sizeof(outcome), "OK, %zu bytes", o->len);
	if (!o->impersonated)
		printf("wtfsd: request for %s | cannot impersonate the client | %s\n",
		       path, outcome);
	else
		printf("wtfsd: request from %s: get %s | thread: euid %ld (%s), level %s%s | %s\n",
		       client, path, o->euid, ran_as,
		       wt_impersonation_level_name(o->level) ?: "?", cap,
		       outcome);
	fflush(stdout);
	pthread_mutex_unlock(&wtfsd_log_lock);

	if (o->err)
		snprintf(head, sizeof(head), "ERR %d %d\t%s\n", o->err, level,
			 client);
	else
		snprintf(head, sizeof(head), "OK %zu %d\t%s\n", o->len, level,
			 client);
	ret = wtfs_write_all(conn, head, strlen(head));
	if (!ret && !o->err && o->len)
		ret = wtfs_write_all(conn, o->data, o->len);
	return ret;
}

static void *client_thread(void *arg)
{
	int conn = (int)(intptr_t)arg;
	struct wtfsd_outcome o;
	char line[WTFS_LINE_MAX];
	ssize_t n;

	for (;;) {
		n = wtfs_read_line(conn, line, sizeof(line));
		if (n <= 0)
			break;
		if (strncmp(line, "GET ", 4) || line[4] != '/') {
			char bad[32];

			snprintf(bad, sizeof(bad), "ERR %d -1\t-\n", EPROTO);
			wtfs_write_all(conn, bad, strlen(bad));
			break;
		}
		serve_request(conn, line + 4, &o);
		n = report(conn, line + 4, &o);
		free(o.data);
		if (n)
			break;
	}
	close(conn);
	return NULL;
}

/* Bind and listen on @path, replacing a stale socket; the fd or -1. */
static int listen_on(const char *path)
{
	struct sockaddr_un addr;
	struct stat st;
	int fd;

	memset(&addr, 0, sizeof(addr));
	addr.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(addr.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(addr.sun_path, path);
	if (!lstat(path, &st) && S_ISSOCK(st.st_mode))
		unlink(path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) ||
	    listen(fd, 64)) {
		int err = errno;

		close(fd);
		errno = err;
		return -1;
	}
	return fd;
}

/* Become @name for good (ids and groups); 0 or -1 with a message. */
static int drop_to_user(const char *name)
{
	struct passwd *pw = getpwnam(name);

	if (!pw) {
		fprintf(stderr, "wtfsd: no such user: %s\n", name);
		return -1;
	}
	if (initgroups(pw->pw_name, pw->pw_gid) ||
	    setresgid(pw->pw_gid, pw->pw_gid, pw->pw_gid) ||
	    setresuid(pw->pw_uid, pw->pw_uid, pw->pw_uid)) {
		fprintf(stderr, "wtfsd: cannot run as %s: %s\n", name,
			strerror(errno));
		return -1;
	}
	return 0;
}

/* "enabled", "disabled" or "not held": SeImpersonatePrivilege of our token. */
static const char *impersonate_privilege_state(void)
{
	struct wt_token_privileges *p;
	const char *state = "not held";
	int tok;
	__u32 i;

	tok = wt_open_process_token(wtfsd_dev, WT_TOKEN_QUERY, NULL);
	if (tok < 0)
		return "unknown";
	p = wt_get_token_information_alloc(tok, WT_TOKEN_INFO_PRIVILEGES, NULL);
	close(tok);
	if (!p)
		return "unknown";
	for (i = 0; i < p->count; i++)
		if (p->privileges[i].luid == WT_SE_IMPERSONATE_PRIVILEGE)
			state = p->privileges[i].attributes & WT_SE_PRIVILEGE_ENABLED ?
				"enabled" : "disabled";
	free(p);
	return state;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "socket", required_argument, NULL, 's' },
		{ "user", required_argument, NULL, 'u' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *sock_path = WTFS_DEFAULT_SOCKET, *user = NULL;
	char me[64];
	pthread_attr_t attr;
	int lfd, opt;

	while ((opt = wt_getopt(argc, argv, "s:u:h", options, print_usage)) != -1) {
		switch (opt) {
		case 's':
			sock_path = optarg;
			break;
		case 'u':
			user = optarg;
			break;
		}
	}
	if (optind != argc)
		wt_usage_error(print_usage);
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IOLBF, 0);

	wtfsd_dev = wt_open_device();
	if (wtfsd_dev < 0) {
		fprintf(stderr, "wtfsd: /dev/%s: %s\n", WT_DEVICE_NAME,
			strerror(errno));
		return 1;
	}
	lfd = listen_on(sock_path);
	if (lfd < 0) {
		fprintf(stderr, "wtfsd: cannot listen on %s: %s\n", sock_path,
			strerror(errno));
		return 1;
	}
	if (user) {
		/* Every user may connect: the client's token decides. */
		if (chmod(sock_path, 0666) || drop_to_user(user))
			return 1;
	}
	uid_name(geteuid(), me, sizeof(me));
	printf("wtfsd: serving %s as %s (uid %u), SeImpersonatePrivilege %s\n",
	       sock_path, me, (unsigned int)geteuid(),
	       impersonate_privilege_state());

	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	for (;;) {
		pthread_t th;
		int conn = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);

		if (conn < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			if (errno == EMFILE || errno == ENFILE) {
				/* Out of descriptors: let some clients finish. */
				usleep(100000);
				continue;
			}
			fprintf(stderr, "wtfsd: accept: %s\n", strerror(errno));
			return 1;
		}
		if (pthread_create(&th, &attr, client_thread,
				   (void *)(intptr_t)conn)) {
			fprintf(stderr, "wtfsd: cannot start a thread\n");
			close(conn);
		}
	}
}
