/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok - security descriptors on files: the security.wintok xattr, the
 * per-inode cache of parsed SDs, the get/set ioctls and the file hooks.
 *
 * Design: Documentation/design/enforcement.rst.
 */
#ifndef WT_FILE_SD_H
#define WT_FILE_SD_H

#include <linux/types.h>

struct wt_token;

struct wt_token *wt_effective_token(gfp_t gfp);

int wt_file_init(void);
void wt_file_exit(void);

long wt_ioctl_get_file_security(void __user *arg);
long wt_ioctl_set_file_security(void __user *arg);

#endif /* WT_FILE_SD_H */
