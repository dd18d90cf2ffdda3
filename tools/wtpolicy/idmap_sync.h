/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wtpolicy idmap sync (idmap_sync.c).
 */
#ifndef WTPOLICY_IDMAP_SYNC_H
#define WTPOLICY_IDMAP_SYNC_H

int idmap_sync_main(int argc, char **argv);

#endif /* WTPOLICY_IDMAP_SYNC_H */
