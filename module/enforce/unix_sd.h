/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok - who may connect or send to an AF_UNIX socket: the SD of its
 * socket file, or for an abstract socket the SD it got at bind (read and
 * replaced through the file SD ioctls on the socket's descriptor).
 *
 * Design: Documentation/design/enforcement.rst.
 */
#ifndef WT_UNIX_SD_H
#define WT_UNIX_SD_H

#include <linux/types.h>

struct file;
struct sock;
struct wt_file_security;

void wt_unix_map_init(void);
int wt_unix_init(void);
void wt_unix_exit(void);
void wt_unix_map_exit(void);

bool wt_unix_is_socket(struct file *file);
long wt_unix_get_security(struct file *file, struct wt_file_security *a,
			  void __user *uarg, u32 usize);
long wt_unix_set_security(struct file *file, const struct wt_file_security *a);

#endif /* WT_UNIX_SD_H */
