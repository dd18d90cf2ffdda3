/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok - traverse checking (SeChangeNotifyPrivilege) of governed
 * directories during path walks.
 *
 * Design: Documentation/design/enforcement.rst, "Traverse checking".
 */
#ifndef WT_TRAVERSE_H
#define WT_TRAVERSE_H

#include <linux/types.h>

struct wt_token_state;

int wt_traverse_require(struct wt_token_state *st);
void wt_traverse_state_copied(struct wt_token_state *copy);
void wt_traverse_state_gone(struct wt_token_state *st);
void wt_traverse_exit(void);

#endif /* WT_TRAVERSE_H */
