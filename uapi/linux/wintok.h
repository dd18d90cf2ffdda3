/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * wintok - Windows access tokens for Linux: user space ABI.
 *
 * This header is the only definition of the wintok ABI. The kernel module
 * and the tools both include it. Every structure passed through an ioctl
 * starts with a __u32 size field so it can grow: the kernel accepts any
 * size at least as large as the first published version, and requires
 * bytes it does not know to be zero (like copy_struct_from_user()).
 *
 * The security descriptor constants follow [MS-DTYP] 2.4; names keep the
 * Windows spelling with a WT_ prefix so that code reads like its model.
 */
#ifndef _UAPI_LINUX_WINTOK_H
#define _UAPI_LINUX_WINTOK_H

#include <linux/errno.h>
#include <linux/types.h>
#include <linux/ioctl.h>

/**
 * define WT_ABI_VERSION - version of the ABI described by this header
 *
 * Incremented whenever an ioctl, a structure field or a flag is added.
 * User space asks the running module with %WT_IOC_GET_VERSION and must
 * not use what a lower version does not have. Version 3 added the file
 * security descriptor ioctls (%WT_IOC_GET_FILE_SECURITY,
 * %WT_IOC_SET_FILE_SECURITY) and %WT_XATTR_NAME. Version 4 added
 * %WT_IOC_ADJUST_PRIVILEGES, and %WT_IOC_OPEN_PROCESS_TOKEN grants a
 * process any right within %WT_TOKEN_ALL_ACCESS on its own token.
 * Version 5 added impersonation (%WT_IOC_IMPERSONATE,
 * %WT_IOC_REVERT_TO_SELF, %WT_IOC_SET_CONNECT_QOS,
 * %WT_IOC_IMPERSONATE_PEER, %WT_IOC_OPEN_THREAD_TOKEN) and
 * %WT_IOC_DUPLICATE_TOKEN. Version 6 added %WT_IOC_ADJUST_GROUPS,
 * %WT_IOC_CREATE_RESTRICTED_TOKEN, %WT_IOC_SET_TOKEN_INFORMATION,
 * %WT_IOC_CREATE_TOKEN and %WT_IOC_ASSIGN_PRIMARY_TOKEN, and
 * %WT_IOC_OPEN_PROCESS_TOKEN opens another process's token by pid or pidfd
 * (%WT_OPEN_TOKEN_PID, %WT_OPEN_TOKEN_PIDFD).
 * Version 7 added security descriptors on SysV IPC objects
 * (%WT_IOC_GET_IPC_SECURITY, %WT_IOC_SET_IPC_SECURITY) and their
 * enforcement with the WT_IPC_* rights, and opens with backup intent
 * (%WT_IOC_OPEN_BACKUP). Version 8 added the generic netlink family
 * %WT_GENL_NAME (policy, id map, default level, statistics, token query,
 * logon sessions) and its multicast group %WT_GENL_MCGRP_AUDIT.
 * Version 9 lets %WT_IOC_GET_FILE_SECURITY and %WT_IOC_SET_FILE_SECURITY
 * take an AF_UNIX socket descriptor (the SD of an abstract socket), gives
 * abstract sockets an SD at bind by default and governs datagrams sent
 * to AF_UNIX sockets.
 * ABI 10 added %WT_CMD_CREATE_SESSION (%WT_A_LOGON_TYPE, %WT_A_USER_SID),
 * the audit events %WT_AUDIT_SACL_SUCCESS, %WT_AUDIT_SACL_FAILURE and
 * %WT_AUDIT_TOKEN_CREATED (%WT_A_EV_TOKEN_USER, %WT_A_EV_TOKEN_ID), denial
 * events for SysV IPC objects and AF_UNIX sockets, and privilege use
 * events for every privilege that decides an operation.
 * ABI 11 lets %WT_IOC_OPEN_BACKUP take a directory descriptor in
 * &wt_open_backup.dirfd (any directory, also an O_PATH one): a relative
 * path is resolved against it as openat(2) does.
 * ABI 12 added %WT_IOC_SET_BACKUP_INTENT: backup intent for every file
 * check of a thread.
 * ABI 13 added %WT_IMPERSONATE_RESTRICTED; %WT_IOC_OPEN_PROCESS_TOKEN of
 * another process checks access to the process first (Linux's ptrace
 * read rule and the token rule); the impersonation gate caps a same-user
 * token holding more than the caller; ids from a token take the primary
 * group only when it is enabled and not deny-only, and capabilities only
 * from an unrestricted root token of High integrity or above.
 * ABI 14 added user and device claims: &wt_create_token.user_claims and
 * .device_claims (%WT_CREATE_TOKEN_SIZE_VER1), the query classes
 * %WT_TOKEN_INFO_USER_CLAIMS and %WT_TOKEN_INFO_DEVICE_CLAIMS; conditional
 * ACEs are evaluated.
 * ABI 15 added %WT_ASSIGN_PRIMARY_AT_EXEC: a primary token assignment
 * deferred to the next execve() whose real uid is the token's.
 */
#define WT_ABI_VERSION 15

#include <linux/wintok/dtyp.h>
#include <linux/wintok/ioctl.h>
#include <linux/wintok/genl.h>

#endif /* _UAPI_LINUX_WINTOK_H */
