// SPDX-License-Identifier: GPL-2.0
/*
 * openloop: open(2) PATH read-only as fast as possible until STOPFILE
 * exists, then print "<attempts> <successes>". Used by run.sh for the
 * fail-open churn test; a static build runs in the busybox VM.
 *
 * openloop -x PATH: set and remove a trusted.* xattr and truncate(2) the
 * file by path once (busybox has no setfattr, and its truncate uses
 * ftruncate), for the sleepable-allowlist probe.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/xattr.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	unsigned long attempts = 0, successes = 0;
	int i, fd;

	if (argc == 3 && !strcmp(argv[1], "-x")) {
		if (setxattr(argv[2], "trusted.wintok_probe", "1", 1, 0))
			perror("setxattr");
		if (removexattr(argv[2], "trusted.wintok_probe"))
			perror("removexattr");
		if (truncate(argv[2], 0))
			perror("truncate");
		return 0;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: %s PATH STOPFILE\n", argv[0]);
		return 2;
	}
	for (;;) {
		for (i = 0; i < 1000; i++) {
			fd = open(argv[1], O_RDONLY);
			attempts++;
			if (fd >= 0) {
				successes++;
				close(fd);
			}
		}
		if (access(argv[2], F_OK) == 0)
			break;
	}
	printf("%lu %lu\n", attempts, successes);
	return 0;
}
