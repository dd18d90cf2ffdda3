/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok - impersonation: the calling thread adopts a client's token, and
 * AF_UNIX connections carry the client's token to the server.
 */
#ifndef WT_IMPERSONATE_H
#define WT_IMPERSONATE_H

#include <linux/types.h>

#include "audit.h"
#include "token_subject.h"

struct sock;
struct wt_token;
struct wt_token_handle;

int wt_revert_to_self(void);
long wt_ioctl_impersonate(void __user *arg);
long wt_ioctl_impersonate_peer(void __user *arg);
long wt_ioctl_revert_to_self(unsigned long arg);
long wt_ioctl_open_thread_token(void __user *arg);

/* imp_connect.c: connections and their clients */
int wt_connect_init(void);
void wt_connect_exit(void);
long wt_ioctl_set_connect_qos(void __user *arg);
int wt_connect_record(struct sock *sock, struct sock *newsk);
void wt_connect_forget(struct sock *sk);
struct wt_token *wt_connection_client(int fd, u32 *level);
u32 wt_connect_default_level(void);
void wt_connect_set_default_level(u32 level);

#endif /* WT_IMPERSONATE_H */
