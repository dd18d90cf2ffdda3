/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The wtfs request protocol, shared by the server wtfsd and the client
 * wtfs. One AF_UNIX stream connection carries requests and replies, each
 * introduced by one line of text:
 *
 *   request  "GET <path>\n"
 *   reply    "OK <size> <level>\t<client>\n" and <size> bytes of content
 *            "ERR <errno> <level>\t<client>\n"
 *
 * <level> is the impersonation level the server's thread got
 * (WT_SECURITY_*, -1 when it could not impersonate), <client> the account
 * name the server saw (the user of its thread token, "-" when unknown).
 * Both ends run on the same machine, so errno numbers mean the same.
 */
#ifndef WTFS_PROTO_H
#define WTFS_PROTO_H

#include <errno.h>
#include <stddef.h>
#include <unistd.h>

#define WTFS_DEFAULT_SOCKET	"/run/wtfs.sock"
#define WTFS_LINE_MAX		4352	/* "GET " and a PATH_MAX path, with room */
#define WTFS_FILE_MAX		(1024 * 1024)	/* larger files: EFBIG */

/*
 * Read one line (up to and without its '\n') from @fd into @buf, a byte at
 * a time so that nothing after it is consumed. Returns its length, 0 at
 * end of file before any byte, or -1 with errno set (EMSGSIZE: too long,
 * EPROTO: an empty line, or end of file inside the line).
 */
static inline ssize_t wtfs_read_line(int fd, char *buf, size_t size)
{
	size_t len = 0;
	ssize_t n;
	char c;

	for (;;) {
		n = read(fd, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0) {
			if (len == 0)
				return 0;
			errno = EPROTO;
			return -1;
		}
		if (c == '\n' && len == 0) {
			errno = EPROTO;
			return -1;
		}
		if (c == '\n')
			break;
		if (len + 1 >= size) {
			errno = EMSGSIZE;
			return -1;
		}
		buf[len++] = c;
	}
	buf[len] = '\0';
	return (ssize_t)len;
}

/* Write all @len bytes of @buf; 0 or -1 with errno set. */
static inline int wtfs_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

#endif /* WTFS_PROTO_H */
