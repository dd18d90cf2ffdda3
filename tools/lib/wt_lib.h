/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libwintok internals shared by its source files; not installed.
 */
#ifndef WT_LIB_H
#define WT_LIB_H

#include <string.h>
#include <linux/types.h>

/**
 * wt_device_ioctl() - issue an ioctl on /dev/wintok
 * @devfd: a descriptor of /dev/wintok, or -1 to open one for this call
 *	and close it again (keeping the ioctl's errno)
 * @cmd: the WT_IOC_* command
 * @arg: its argument
 *
 * Return: what ioctl(2) returned, or -1 with errno set when the device
 * could not be opened.
 */
int wt_device_ioctl(int devfd, unsigned long cmd, void *arg);

/*
 * Every WT_IOC_* argument starts zeroed with its own size in its first
 * member, __u32 size (the uapi's extensible structures): the module reads
 * the size to know which version of the structure the caller has.
 */
static inline void wt_arg_init(void *arg, __u32 size)
{
	memset(arg, 0, size);
	memcpy(arg, &size, sizeof(size));
}

/**
 * wt_handle_result() - the result of an ioctl that makes a token handle
 * @ret: what the ioctl returned (the new descriptor, or -1)
 * @got: the granted access the module wrote into the ioctl's argument
 * @granted: where the caller wants it, or NULL
 *
 * Return: @ret; *@granted is written only when a handle was made.
 */
static inline int wt_handle_result(int ret, const __u32 *got, __u32 *granted)
{
	if (ret >= 0 && granted)
		*granted = *got;
	return ret;
}

#endif /* WT_LIB_H */
