// SPDX-License-Identifier: GPL-2.0
/*
 * openloop: open(2) PATH read-only as fast as possible until STOPFILE
 * exists, then print "<attempts> <successes>". Used by run.sh for the
 * fail-open churn test; a static build runs in the busybox VM.
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	unsigned long attempts = 0, successes = 0;
	int i, fd;

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
