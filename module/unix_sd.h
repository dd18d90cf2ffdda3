/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok - who may connect to an AF_UNIX socket: the SD of its socket
 * file, or for an abstract socket the SD it got at bind.
 *
 * Design: Documentation/design/enforcement.rst.
 */
#ifndef WT_UNIX_SD_H
#define WT_UNIX_SD_H

struct sock;

int wt_unix_init(void);
void wt_unix_exit(void);
int wt_unix_connect_check(struct sock *sk, struct sock *other);

#endif /* WT_UNIX_SD_H */
