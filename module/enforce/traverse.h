/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok - traverse checking (SeChangeNotifyPrivilege) of governed
 * directories during path walks.
 *
 * Design: Documentation/design/enforcement.rst, "Traverse checking".
 */
#ifndef WT_TRAVERSE_H
#define WT_TRAVERSE_H

void wt_traverse_init(void);
void wt_traverse_exit(void);

#endif /* WT_TRAVERSE_H */
