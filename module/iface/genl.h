/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok - the generic netlink family "wintok" (netlink.c).
 *
 * See Documentation/design/audit.rst and the "Generic netlink" section of
 * Documentation/userspace-api/wintok.rst.
 */
#ifndef WT_GENL_H
#define WT_GENL_H

#include <linux/types.h>

struct genl_family;

extern struct genl_family wt_genl_family;
int wt_genl_init(void);
void wt_genl_exit(void);

#endif /* WT_GENL_H */
