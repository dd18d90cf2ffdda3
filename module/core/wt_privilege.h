/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Privilege names ([MS-LSAD] 3.1.1.2.1) and their LUIDs, for the policy
 * parser in the module and for the tools, from one table.
 */
#ifndef WT_PRIVILEGE_H
#define WT_PRIVILEGE_H

#include "wt_compat.h"

/* "SeBackupPrivilege" for WT_SE_BACKUP_PRIVILEGE; NULL for an unknown LUID. */
const char *wt_privilege_name(u64 luid);

/*
 * The LUID of the privilege called @name (@len bytes, no NUL needed; case
 * does not matter, as in LookupPrivilegeValue()), or -EINVAL.
 */
int wt_privilege_lookup(const char *name, size_t len);

#endif /* WT_PRIVILEGE_H */
