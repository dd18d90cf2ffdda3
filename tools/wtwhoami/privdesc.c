// SPDX-License-Identifier: GPL-2.0
/*
 * What each privilege lets its holder do, in one line: the Description
 * column of "whoami /priv". Worded for wintok where the module gives the
 * privilege a meaning on Linux.
 */
#include "libwintok.h"
#include "privdesc.h"

static const char *const descriptions[WT_SE_MAX_PRIVILEGE + 1] = {
	[WT_SE_CREATE_TOKEN_PRIVILEGE] = "Create a token from scratch",
	[WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE] = "Give a process another primary token",
	[WT_SE_LOCK_MEMORY_PRIVILEGE] = "Lock pages in memory",
	[WT_SE_INCREASE_QUOTA_PRIVILEGE] = "Change the memory quotas of a process",
	[WT_SE_MACHINE_ACCOUNT_PRIVILEGE] = "Add machines to a domain",
	[WT_SE_TCB_PRIVILEGE] = "Act as part of the trusted computing base",
	[WT_SE_SECURITY_PRIVILEGE] = "Manage auditing and the SACL of objects",
	[WT_SE_TAKE_OWNERSHIP_PRIVILEGE] = "Take ownership of any object",
	[WT_SE_LOAD_DRIVER_PRIVILEGE] = "Load and unload kernel modules",
	[WT_SE_SYSTEM_PROFILE_PRIVILEGE] = "Profile the whole system",
	[WT_SE_SYSTEMTIME_PRIVILEGE] = "Set the system clock",
	[WT_SE_PROF_SINGLE_PROCESS_PRIVILEGE] = "Profile a single process",
	[WT_SE_INC_BASE_PRIORITY_PRIVILEGE] = "Raise the scheduling priority of processes",
	[WT_SE_CREATE_PAGEFILE_PRIVILEGE] = "Create a paging file",
	[WT_SE_CREATE_PERMANENT_PRIVILEGE] = "Create permanent shared objects",
	[WT_SE_BACKUP_PRIVILEGE] = "Read any file for a backup, whatever its DACL",
	[WT_SE_RESTORE_PRIVILEGE] = "Write any file and set any owner for a restore",
	[WT_SE_SHUTDOWN_PRIVILEGE] = "Shut the system down",
	[WT_SE_DEBUG_PRIVILEGE] = "Open and debug any process",
	[WT_SE_AUDIT_PRIVILEGE] = "Write security audit records",
	[WT_SE_SYSTEM_ENVIRONMENT_PRIVILEGE] = "Change firmware environment values",
	[WT_SE_CHANGE_NOTIFY_PRIVILEGE] = "Bypass traverse checking",
	[WT_SE_REMOTE_SHUTDOWN_PRIVILEGE] = "Shut the system down from the network",
	[WT_SE_UNDOCK_PRIVILEGE] = "Undock a laptop",
	[WT_SE_SYNC_AGENT_PRIVILEGE] = "Read directory data for synchronization",
	[WT_SE_ENABLE_DELEGATION_PRIVILEGE] = "Trust accounts for delegation",
	[WT_SE_MANAGE_VOLUME_PRIVILEGE] = "Perform maintenance tasks on volumes",
	[WT_SE_IMPERSONATE_PRIVILEGE] = "Impersonate a client after authentication",
	[WT_SE_CREATE_GLOBAL_PRIVILEGE] = "Create global objects",
	[WT_SE_TRUSTED_CREDMAN_ACCESS_PRIVILEGE] =
		"Access the credential manager as a trusted caller",
	[WT_SE_RELABEL_PRIVILEGE] = "Change the integrity label of objects",
	[WT_SE_INC_WORKING_SET_PRIVILEGE] = "Increase the working set of a process",
	[WT_SE_TIME_ZONE_PRIVILEGE] = "Change the time zone",
	[WT_SE_CREATE_SYMBOLIC_LINK_PRIVILEGE] = "Create symbolic links",
	[WT_SE_DELEGATE_SESSION_USER_IMPERSONATE_PRIVILEGE] =
		"Impersonate other users of the same session",
};

const char *wt_privilege_description(uint64_t luid)
{
	if (luid > WT_SE_MAX_PRIVILEGE || !descriptions[luid])
		return "";
	return descriptions[luid];
}
