// SPDX-License-Identifier: GPL-2.0
/*
 * Privilege names and LUIDs.
 */
#include "wt_privilege.h"

static const char * const wt_privilege_names[WT_SE_MAX_PRIVILEGE + 1] = {
	[WT_SE_CREATE_TOKEN_PRIVILEGE] = "SeCreateTokenPrivilege",
	[WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE] = "SeAssignPrimaryTokenPrivilege",
	[WT_SE_LOCK_MEMORY_PRIVILEGE] = "SeLockMemoryPrivilege",
	[WT_SE_INCREASE_QUOTA_PRIVILEGE] = "SeIncreaseQuotaPrivilege",
	[WT_SE_MACHINE_ACCOUNT_PRIVILEGE] = "SeMachineAccountPrivilege",
	[WT_SE_TCB_PRIVILEGE] = "SeTcbPrivilege",
	[WT_SE_SECURITY_PRIVILEGE] = "SeSecurityPrivilege",
	[WT_SE_TAKE_OWNERSHIP_PRIVILEGE] = "SeTakeOwnershipPrivilege",
	[WT_SE_LOAD_DRIVER_PRIVILEGE] = "SeLoadDriverPrivilege",
	[WT_SE_SYSTEM_PROFILE_PRIVILEGE] = "SeSystemProfilePrivilege",
	[WT_SE_SYSTEMTIME_PRIVILEGE] = "SeSystemtimePrivilege",
	[WT_SE_PROF_SINGLE_PROCESS_PRIVILEGE] = "SeProfileSingleProcessPrivilege",
	[WT_SE_INC_BASE_PRIORITY_PRIVILEGE] = "SeIncreaseBasePriorityPrivilege",
	[WT_SE_CREATE_PAGEFILE_PRIVILEGE] = "SeCreatePagefilePrivilege",
	[WT_SE_CREATE_PERMANENT_PRIVILEGE] = "SeCreatePermanentPrivilege",
	[WT_SE_BACKUP_PRIVILEGE] = "SeBackupPrivilege",
	[WT_SE_RESTORE_PRIVILEGE] = "SeRestorePrivilege",
	[WT_SE_SHUTDOWN_PRIVILEGE] = "SeShutdownPrivilege",
	[WT_SE_DEBUG_PRIVILEGE] = "SeDebugPrivilege",
	[WT_SE_AUDIT_PRIVILEGE] = "SeAuditPrivilege",
	[WT_SE_SYSTEM_ENVIRONMENT_PRIVILEGE] = "SeSystemEnvironmentPrivilege",
	[WT_SE_CHANGE_NOTIFY_PRIVILEGE] = "SeChangeNotifyPrivilege",
	[WT_SE_REMOTE_SHUTDOWN_PRIVILEGE] = "SeRemoteShutdownPrivilege",
	[WT_SE_UNDOCK_PRIVILEGE] = "SeUndockPrivilege",
	[WT_SE_SYNC_AGENT_PRIVILEGE] = "SeSyncAgentPrivilege",
	[WT_SE_ENABLE_DELEGATION_PRIVILEGE] = "SeEnableDelegationPrivilege",
	[WT_SE_MANAGE_VOLUME_PRIVILEGE] = "SeManageVolumePrivilege",
	[WT_SE_IMPERSONATE_PRIVILEGE] = "SeImpersonatePrivilege",
	[WT_SE_CREATE_GLOBAL_PRIVILEGE] = "SeCreateGlobalPrivilege",
	[WT_SE_TRUSTED_CREDMAN_ACCESS_PRIVILEGE] = "SeTrustedCredManAccessPrivilege",
	[WT_SE_RELABEL_PRIVILEGE] = "SeRelabelPrivilege",
	[WT_SE_INC_WORKING_SET_PRIVILEGE] = "SeIncreaseWorkingSetPrivilege",
	[WT_SE_TIME_ZONE_PRIVILEGE] = "SeTimeZonePrivilege",
	[WT_SE_CREATE_SYMBOLIC_LINK_PRIVILEGE] = "SeCreateSymbolicLinkPrivilege",
	[WT_SE_DELEGATE_SESSION_USER_IMPERSONATE_PRIVILEGE] =
		"SeDelegateSessionUserImpersonatePrivilege",
};

/**
 * wt_privilege_name() - the Windows name of a privilege
 * @luid: the privilege's LUID (WT_SE_*_PRIVILEGE)
 *
 * Return: the name, or NULL when @luid names no privilege.
 */
const char *wt_privilege_name(u64 luid)
{
	if (luid > WT_SE_MAX_PRIVILEGE)
		return NULL;
	return wt_privilege_names[luid];
}

/**
 * wt_privilege_lookup() - the LUID of a privilege name
 * @name: the name, e.g. "SeImpersonatePrivilege", not necessarily
 *	NUL-terminated
 * @len: its length in bytes
 *
 * Return: the LUID, or -EINVAL when no privilege has that name.
 */
int wt_privilege_lookup(const char *name, size_t len)
{
	unsigned int i;

	for (i = WT_SE_MIN_PRIVILEGE; i <= WT_SE_MAX_PRIVILEGE; i++)
		if (wt_privilege_names[i] &&
		    strlen(wt_privilege_names[i]) == len &&
		    !strncasecmp(wt_privilege_names[i], name, len))
			return i;
	return -EINVAL;
}
