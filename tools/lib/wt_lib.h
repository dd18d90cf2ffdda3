/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libwintok internals shared by its source files; not installed.
 */
#ifndef WT_LIB_H
#define WT_LIB_H

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

#endif /* WT_LIB_H */
