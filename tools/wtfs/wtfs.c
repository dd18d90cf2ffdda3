// SPDX-License-Identifier: GPL-2.0
/*
 * wtfs - client of the wtfsd file server: fetch a file that the server
 * reads on the caller's authority, at the impersonation level the caller
 * allows. See Documentation/tools/wtfs.rst.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "libwintok.h"
#include "wt_tool.h"
#include "wtfs_proto.h"

/* Exit status */
#define WTFS_OK		0
#define WTFS_REFUSED	1	/* the server answered with an error */
#define WTFS_USAGE	2
#define WTFS_FAILED	3	/* no answer: cannot connect, protocol error */

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static void print_usage(FILE *out)
{
	fprintf(out,
		"usage: wtfs [--socket PATH] [--level LEVEL | --no-qos] [--effective-only]\n"
		"            get PATH\n"
		"Ask the wtfsd server for a file; it reads the file as you. The content\n"
		"goes to standard output, the server's refusal to standard error.\n"
		"  --socket PATH     the server's socket (default " WTFS_DEFAULT_SOCKET ")\n"
		"  --level LEVEL     what the server may do with your identity:\n"
		"                    anonymous, identify, impersonate (default) or\n"
		"                    delegate\n"
		"  --no-qos          set no level: the module's default applies\n"
		"                    (default_connect_level, normally identify)\n"
		"  --effective-only  pass on only enabled groups and privileges\n"
		"Exit status: 0 success, 1 refused by the server, 2 usage error,\n"
		"3 no answer (cannot connect, bad reply).\n");
}

static int parse_level(const char *s, __u32 *level)
{
	static const char *const names[] = {
		[WT_SECURITY_ANONYMOUS] = "anonymous",
		[WT_SECURITY_IDENTIFICATION] = "identify",
		[WT_SECURITY_IMPERSONATION] = "impersonate",
		[WT_SECURITY_DELEGATION] = "delegate",
	};
	__u32 i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcmp(s, names[i])) {
			*level = i;
			return 0;
		}
	return -1;
}

/* Connect to @path, with the QoS unless @set_qos is 0; the fd or -1. */
static int connect_to(const char *path, int set_qos, __u32 level, __u32 flags)
{
	struct sockaddr_un addr;
	int fd;

	memset(&addr, 0, sizeof(addr));
	addr.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(addr.sun_path)) {
		fprintf(stderr, "wtfs: socket path too long: %s\n", path);
		return -1;
	}
	strcpy(addr.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		fprintf(stderr, "wtfs: socket: %s\n", strerror(errno));
		return -1;
	}
	if (set_qos && wt_set_connect_qos(-1, fd, level, flags)) {
		fprintf(stderr, "wtfs: cannot set the impersonation level: %s\n",
			strerror(errno));
		close(fd);
		return -1;
	}
	if (connect(fd, (struct sockaddr *)&addr, sizeof(addr))) {
		fprintf(stderr, "wtfs: cannot connect to %s: %s\n", path,
			strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* Copy @len bytes of content from @fd to standard output; 0 or -1. */
static int copy_content(int fd, unsigned long long len)
{
	char buf[8192];
	ssize_t n;

	while (len) {
		n = read(fd, buf, len < sizeof(buf) ? len : sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		if (fwrite(buf, 1, n, stdout) != (size_t)n)
			return -1;
		len -= n;
	}
	return fflush(stdout) ? -1 : 0;
}

static const char *level_text(int level)
{
	const char *name = level >= 0 ? wt_impersonation_level_name(level) : NULL;

	return name ? name : "none";
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "socket", required_argument, NULL, 's' },
		{ "level", required_argument, NULL, 'l' },
		{ "no-qos", no_argument, NULL, 'n' },
		{ "effective-only", no_argument, NULL, 'e' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *sock_path = WTFS_DEFAULT_SOCKET, *path;
	__u32 level = WT_SECURITY_IMPERSONATION, flags = 0;
	char line[WTFS_LINE_MAX], *client;
	unsigned long long size;
	int set_qos = 1, got_level = 0, opt, fd, err, server_level;
	ssize_t n;

	while ((opt = wt_getopt(argc, argv, "s:l:neh", options, print_usage)) != -1) {
		switch (opt) {
		case 's':
			sock_path = optarg;
			break;
		case 'l':
			if (parse_level(optarg, &level)) {
				fprintf(stderr, "wtfs: unknown level: %s\n", optarg);
				return WTFS_USAGE;
			}
			got_level = 1;
			break;
		case 'n':
			set_qos = 0;
			break;
		case 'e':
			flags |= WT_QOS_EFFECTIVE_ONLY;
			break;
		}
	}
	if (argc - optind != 2 || strcmp(argv[optind], "get") ||
	    argv[optind + 1][0] != '/' || (got_level && !set_qos) ||
	    (flags && !set_qos))
		wt_usage_error(print_usage);
	path = argv[optind + 1];
	if (strlen(path) + 6 > sizeof(line)) {
		fprintf(stderr, "wtfs: path too long\n");
		return WTFS_USAGE;
	}

	fd = connect_to(sock_path, set_qos, level, flags);
	if (fd < 0)
		return WTFS_FAILED;
	snprintf(line, sizeof(line), "GET %s\n", path);
	if (wtfs_write_all(fd, line, strlen(line))) {
		fprintf(stderr, "wtfs: cannot send the request: %s\n",
			strerror(errno));
		return WTFS_FAILED;
	}
	n = wtfs_read_line(fd, line, sizeof(line));
	if (n <= 0) {
		fprintf(stderr, "wtfs: no reply from the server\n");
		return WTFS_FAILED;
	}
	client = strchr(line, '\t');
	if (!client)
		goto bad;
	*client++ = '\0';
	if (sscanf(line, "OK %llu %d", &size, &server_level) == 2) {
		if (copy_content(fd, size)) {
			fprintf(stderr, "wtfs: short reply from the server\n");
			return WTFS_FAILED;
		}
		return WTFS_OK;
	}
	if (sscanf(line, "ERR %d %d", &err, &server_level) == 2) {
		fprintf(stderr, "wtfs: %s: refused: %s (%s); the server saw %s at level %s\n",
			path, strerrorname_np(err) ?: "?", strerror(err), client,
			level_text(server_level));
		return WTFS_REFUSED;
	}
bad:
	fprintf(stderr, "wtfs: bad reply from the server\n");
	return WTFS_FAILED;
}
