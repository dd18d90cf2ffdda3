// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libwintok - device access and the version query.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "libwintok.h"

int wt_open_device(void)
{
	return open("/dev/" WT_DEVICE_NAME, O_RDWR | O_CLOEXEC);
}

int wt_get_version(int devfd, struct wt_version *version)
{
	int fd = devfd;
	int ret, saved;

	if (fd < 0) {
		fd = wt_open_device();
		if (fd < 0)
			return -1;
	}
	memset(version, 0, sizeof(*version));
	version->size = sizeof(*version);
	ret = ioctl(fd, WT_IOC_GET_VERSION, version);
	saved = errno;
	if (devfd < 0)
		close(fd);
	errno = saved;
	return ret;
}
