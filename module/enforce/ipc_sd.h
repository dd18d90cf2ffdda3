/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok - security descriptors on SysV IPC objects: the in-memory map
 * and the IPC hooks (ipc_sd.c), the get/set ioctls (ipc_ioctl.c).
 *
 * Design: Documentation/design/enforcement.rst.
 */
#ifndef WT_IPC_SD_H
#define WT_IPC_SD_H

#include <linux/types.h>

int wt_ipc_init(void);
void wt_ipc_exit(void);

long wt_ioctl_get_ipc_security(void __user *arg);
long wt_ioctl_set_ipc_security(void __user *arg);

#endif /* WT_IPC_SD_H */
