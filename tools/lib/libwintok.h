/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libwintok - a small C library over the wintok ioctls.
 *
 * Functions return 0 or a positive value on success and -1 with errno set
 * on failure, like the system calls they wrap.
 */
#ifndef LIBWINTOK_H
#define LIBWINTOK_H

#include <linux/wintok.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * wt_open_device() - open /dev/wintok
 *
 * Return: a file descriptor (O_CLOEXEC), or -1 with errno set.
 */
int wt_open_device(void);

/**
 * wt_get_version() - ask the loaded module for its ABI version
 * @devfd: a descriptor of /dev/wintok, or -1 to open and close one
 * @version: filled with the module's answer
 *
 * Return: 0, or -1 with errno set (ENOENT: module not loaded).
 */
int wt_get_version(int devfd, struct wt_version *version);

#ifdef __cplusplus
}
#endif

#endif /* LIBWINTOK_H */
