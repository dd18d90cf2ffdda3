/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok - impersonation: the calling thread adopts a client's token, and
 * AF_UNIX connections carry the client's token to the server.
 */
#ifndef WT_IMPERSONATE_H
#define WT_IMPERSONATE_H

#include <linux/types.h>

struct wt_token;
struct wt_token_handle;

/**
 * enum wt_imp_event - what wt_imp_event() records
 * @WT_IMP_STARTED: a thread began impersonating (any level)
 * @WT_IMP_CAPPED: a gate capped the level at Identification
 * @WT_IMP_REVERTED: a thread reverted to itself
 * @WT_IMP_PEER: a server impersonated its connection's client
 * @WT_IMP_LEVEL_DENIED: an access was refused for the thread's level
 * @WT_IMP_EVENT_COUNT: number of events
 */
enum wt_imp_event {
	WT_IMP_STARTED,
	WT_IMP_CAPPED,
	WT_IMP_REVERTED,
	WT_IMP_PEER,
	WT_IMP_LEVEL_DENIED,
	WT_IMP_EVENT_COUNT
};

void wt_imp_event(enum wt_imp_event event, u32 level);
int wt_revert_to_self(void);
int wt_imp_level_denies(void);
long wt_ioctl_impersonate(void __user *arg);
long wt_ioctl_impersonate_peer(void __user *arg);
long wt_ioctl_revert_to_self(unsigned long arg);
long wt_ioctl_open_thread_token(void __user *arg);

/* token_dup.c */
struct wt_token *wt_token_duplicate_as(struct wt_token *tok, u32 type,
				       u32 level, gfp_t gfp);
struct wt_token *wt_token_effective_only(struct wt_token *tok, u32 level);
long wt_ioctl_duplicate_token(struct wt_token_handle *h, void __user *arg);

/* token_derive.c */
struct wt_token *wt_token_anonymous(void);

/* imp_connect.c: connections and their clients */
int wt_connect_init(void);
void wt_connect_exit(void);
long wt_ioctl_set_connect_qos(void __user *arg);
struct wt_token *wt_connection_client(int fd, u32 *level);

#endif /* WT_IMPERSONATE_H */
