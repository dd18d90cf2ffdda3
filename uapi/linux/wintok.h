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

#include <linux/types.h>
#include <linux/ioctl.h>

/**
 * define WT_ABI_VERSION - version of the ABI described by this header
 *
 * Incremented whenever an ioctl, a structure field or a flag is added.
 * User space asks the running module with %WT_IOC_GET_VERSION and must
 * not use what a lower version does not have.
 */
#define WT_ABI_VERSION 1

/**
 * define WT_DEVICE_NAME - name of the misc device, under /dev
 */
#define WT_DEVICE_NAME "wintok"

/**
 * define WT_IOC_MAGIC - ioctl type number of /dev/wintok and token fds
 */
#define WT_IOC_MAGIC 0xB8

/**
 * struct wt_version - answer to %WT_IOC_GET_VERSION
 * @size: in: the size of this structure as the caller knows it
 *        (at least %WT_VERSION_SIZE_VER0)
 * @abi: out: the ABI version of the loaded module (%WT_ABI_VERSION)
 * @features: out: reserved for feature bits, zero in version 1
 */
struct wt_version {
	__u32 size;
	__u32 abi;
	__u64 features;
};

/**
 * define WT_VERSION_SIZE_VER0 - size of the first &struct wt_version
 */
#define WT_VERSION_SIZE_VER0 16

/**
 * define WT_IOC_GET_VERSION - query the ABI version
 *
 * Argument: pointer to &struct wt_version with @size set.
 * Errors: %EFAULT (bad pointer), %EINVAL (@size below
 * %WT_VERSION_SIZE_VER0), %E2BIG (@size larger than a page, or bytes past
 * the known structure are not zero).
 */
#define WT_IOC_GET_VERSION _IOWR(WT_IOC_MAGIC, 0x00, struct wt_version)

/* ---- [MS-DTYP] 2.4.3 ACCESS_MASK ---- */

#define WT_DELETE			0x00010000u
#define WT_READ_CONTROL			0x00020000u
#define WT_WRITE_DAC			0x00040000u
#define WT_WRITE_OWNER			0x00080000u
#define WT_SYNCHRONIZE			0x00100000u
#define WT_STANDARD_RIGHTS_REQUIRED	0x000F0000u
#define WT_STANDARD_RIGHTS_ALL		0x001F0000u
#define WT_SPECIFIC_RIGHTS_ALL		0x0000FFFFu
#define WT_ACCESS_SYSTEM_SECURITY	0x01000000u
#define WT_MAXIMUM_ALLOWED		0x02000000u
#define WT_GENERIC_ALL			0x10000000u
#define WT_GENERIC_EXECUTE		0x20000000u
#define WT_GENERIC_WRITE		0x40000000u
#define WT_GENERIC_READ			0x80000000u

/* File and directory specific rights ([MS-SMB2] 2.2.13.1) */
#define WT_FILE_READ_DATA		0x0001u
#define WT_FILE_LIST_DIRECTORY		0x0001u
#define WT_FILE_WRITE_DATA		0x0002u
#define WT_FILE_ADD_FILE		0x0002u
#define WT_FILE_APPEND_DATA		0x0004u
#define WT_FILE_ADD_SUBDIRECTORY	0x0004u
#define WT_FILE_READ_EA			0x0008u
#define WT_FILE_WRITE_EA		0x0010u
#define WT_FILE_EXECUTE			0x0020u
#define WT_FILE_TRAVERSE		0x0020u
#define WT_FILE_DELETE_CHILD		0x0040u
#define WT_FILE_READ_ATTRIBUTES		0x0080u
#define WT_FILE_WRITE_ATTRIBUTES	0x0100u
#define WT_FILE_ALL_ACCESS		0x001F01FFu
#define WT_FILE_GENERIC_READ		0x00120089u
#define WT_FILE_GENERIC_WRITE		0x00120116u
#define WT_FILE_GENERIC_EXECUTE		0x001200A0u

/* Token specific rights */
#define WT_TOKEN_ASSIGN_PRIMARY		0x0001u
#define WT_TOKEN_DUPLICATE		0x0002u
#define WT_TOKEN_IMPERSONATE		0x0004u
#define WT_TOKEN_QUERY			0x0008u
#define WT_TOKEN_QUERY_SOURCE		0x0010u
#define WT_TOKEN_ADJUST_PRIVILEGES	0x0020u
#define WT_TOKEN_ADJUST_GROUPS		0x0040u
#define WT_TOKEN_ADJUST_DEFAULT		0x0080u
#define WT_TOKEN_ADJUST_SESSIONID	0x0100u
#define WT_TOKEN_ALL_ACCESS		0x000F01FFu
#define WT_TOKEN_READ			0x00020008u
#define WT_TOKEN_WRITE			0x000200E0u
#define WT_TOKEN_EXECUTE		0x00020000u

/*
 * IPC object specific rights (wintok's own: Windows has no SysV IPC).
 * Modelled on section and semaphore objects.
 */
#define WT_IPC_READ			0x0001u	/* msgrcv, shm read, sem read */
#define WT_IPC_WRITE			0x0002u	/* msgsnd, shm write, semop */
#define WT_IPC_SET_ATTRIBUTES		0x0004u	/* IPC_SET */
#define WT_IPC_QUERY_ATTRIBUTES		0x0008u	/* IPC_STAT */
#define WT_IPC_ALL_ACCESS		0x000F000Fu
#define WT_IPC_GENERIC_READ		0x00020009u
#define WT_IPC_GENERIC_WRITE		0x00020006u
#define WT_IPC_GENERIC_EXECUTE		0x00020000u

/* ---- [MS-DTYP] 2.4.6 SECURITY_DESCRIPTOR control bits ---- */

#define WT_SE_OWNER_DEFAULTED		0x0001u
#define WT_SE_GROUP_DEFAULTED		0x0002u
#define WT_SE_DACL_PRESENT		0x0004u
#define WT_SE_DACL_DEFAULTED		0x0008u
#define WT_SE_SACL_PRESENT		0x0010u
#define WT_SE_SACL_DEFAULTED		0x0020u
#define WT_SE_SERVER_SECURITY		0x0040u
#define WT_SE_DACL_TRUSTED		0x0080u
#define WT_SE_DACL_AUTO_INHERIT_REQ	0x0100u
#define WT_SE_SACL_AUTO_INHERIT_REQ	0x0200u
#define WT_SE_DACL_AUTO_INHERITED	0x0400u
#define WT_SE_SACL_AUTO_INHERITED	0x0800u
#define WT_SE_DACL_PROTECTED		0x1000u
#define WT_SE_SACL_PROTECTED		0x2000u
#define WT_SE_RM_CONTROL_VALID		0x4000u
#define WT_SE_SELF_RELATIVE		0x8000u

/**
 * define WT_SD_MAX_SIZE - largest security descriptor wintok accepts
 */
#define WT_SD_MAX_SIZE 65536

/* ---- [MS-DTYP] 2.4.4.1 ACE types ---- */

#define WT_ACCESS_ALLOWED_ACE_TYPE			0x00
#define WT_ACCESS_DENIED_ACE_TYPE			0x01
#define WT_SYSTEM_AUDIT_ACE_TYPE			0x02
#define WT_SYSTEM_ALARM_ACE_TYPE			0x03
#define WT_ACCESS_ALLOWED_COMPOUND_ACE_TYPE		0x04
#define WT_ACCESS_ALLOWED_OBJECT_ACE_TYPE		0x05
#define WT_ACCESS_DENIED_OBJECT_ACE_TYPE		0x06
#define WT_SYSTEM_AUDIT_OBJECT_ACE_TYPE			0x07
#define WT_SYSTEM_ALARM_OBJECT_ACE_TYPE			0x08
#define WT_ACCESS_ALLOWED_CALLBACK_ACE_TYPE		0x09
#define WT_ACCESS_DENIED_CALLBACK_ACE_TYPE		0x0A
#define WT_ACCESS_ALLOWED_CALLBACK_OBJECT_ACE_TYPE	0x0B
#define WT_ACCESS_DENIED_CALLBACK_OBJECT_ACE_TYPE	0x0C
#define WT_SYSTEM_AUDIT_CALLBACK_ACE_TYPE		0x0D
#define WT_SYSTEM_ALARM_CALLBACK_ACE_TYPE		0x0E
#define WT_SYSTEM_AUDIT_CALLBACK_OBJECT_ACE_TYPE	0x0F
#define WT_SYSTEM_ALARM_CALLBACK_OBJECT_ACE_TYPE	0x10
#define WT_SYSTEM_MANDATORY_LABEL_ACE_TYPE		0x11
#define WT_SYSTEM_RESOURCE_ATTRIBUTE_ACE_TYPE		0x12
#define WT_SYSTEM_SCOPED_POLICY_ID_ACE_TYPE		0x13

/* ACE flags */
#define WT_OBJECT_INHERIT_ACE		0x01
#define WT_CONTAINER_INHERIT_ACE	0x02
#define WT_NO_PROPAGATE_INHERIT_ACE	0x04
#define WT_INHERIT_ONLY_ACE		0x08
#define WT_INHERITED_ACE		0x10
#define WT_SUCCESSFUL_ACCESS_ACE_FLAG	0x40
#define WT_FAILED_ACCESS_ACE_FLAG	0x80

/* Object ACE flags */
#define WT_ACE_OBJECT_TYPE_PRESENT		0x1
#define WT_ACE_INHERITED_OBJECT_TYPE_PRESENT	0x2

/* Mandatory label ACE mask bits */
#define WT_SYSTEM_MANDATORY_LABEL_NO_WRITE_UP	0x1
#define WT_SYSTEM_MANDATORY_LABEL_NO_READ_UP	0x2
#define WT_SYSTEM_MANDATORY_LABEL_NO_EXECUTE_UP	0x4

/* ACL revisions */
#define WT_ACL_REVISION		2
#define WT_ACL_REVISION_DS	4

/* ---- Token contents ---- */

/* Group attributes ([MS-DTYP] 2.5.2.1.1 / SID_AND_ATTRIBUTES) */
#define WT_SE_GROUP_MANDATORY		0x00000001u
#define WT_SE_GROUP_ENABLED_BY_DEFAULT	0x00000002u
#define WT_SE_GROUP_ENABLED		0x00000004u
#define WT_SE_GROUP_OWNER		0x00000008u
#define WT_SE_GROUP_USE_FOR_DENY_ONLY	0x00000010u
#define WT_SE_GROUP_INTEGRITY		0x00000020u
#define WT_SE_GROUP_INTEGRITY_ENABLED	0x00000040u
#define WT_SE_GROUP_RESOURCE		0x20000000u
#define WT_SE_GROUP_LOGON_ID		0xC0000000u

/* Privilege attributes */
#define WT_SE_PRIVILEGE_ENABLED_BY_DEFAULT	0x00000001u
#define WT_SE_PRIVILEGE_ENABLED			0x00000002u
#define WT_SE_PRIVILEGE_REMOVED			0x00000004u
#define WT_SE_PRIVILEGE_USED_FOR_ACCESS		0x80000000u

/* Token mandatory policy */
#define WT_TOKEN_MANDATORY_POLICY_OFF			0x0
#define WT_TOKEN_MANDATORY_POLICY_NO_WRITE_UP		0x1
#define WT_TOKEN_MANDATORY_POLICY_NEW_PROCESS_MIN	0x2

/* Integrity level RIDs (authority 16) */
#define WT_INTEGRITY_UNTRUSTED	0x0000
#define WT_INTEGRITY_LOW	0x1000
#define WT_INTEGRITY_MEDIUM	0x2000
#define WT_INTEGRITY_MEDIUM_PLUS 0x2100
#define WT_INTEGRITY_HIGH	0x3000
#define WT_INTEGRITY_SYSTEM	0x4000
#define WT_INTEGRITY_PROTECTED	0x5000

/*
 * Privileges, by their Windows LUID low part. A token keeps them as bits
 * (1ULL << luid) in a __u64.
 */
#define WT_SE_CREATE_TOKEN_PRIVILEGE			2
#define WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE		3
#define WT_SE_LOCK_MEMORY_PRIVILEGE			4
#define WT_SE_INCREASE_QUOTA_PRIVILEGE			5
#define WT_SE_MACHINE_ACCOUNT_PRIVILEGE			6
#define WT_SE_TCB_PRIVILEGE				7
#define WT_SE_SECURITY_PRIVILEGE			8
#define WT_SE_TAKE_OWNERSHIP_PRIVILEGE			9
#define WT_SE_LOAD_DRIVER_PRIVILEGE			10
#define WT_SE_SYSTEM_PROFILE_PRIVILEGE			11
#define WT_SE_SYSTEMTIME_PRIVILEGE			12
#define WT_SE_PROF_SINGLE_PROCESS_PRIVILEGE		13
#define WT_SE_INC_BASE_PRIORITY_PRIVILEGE		14
#define WT_SE_CREATE_PAGEFILE_PRIVILEGE			15
#define WT_SE_CREATE_PERMANENT_PRIVILEGE		16
#define WT_SE_BACKUP_PRIVILEGE				17
#define WT_SE_RESTORE_PRIVILEGE				18
#define WT_SE_SHUTDOWN_PRIVILEGE			19
#define WT_SE_DEBUG_PRIVILEGE				20
#define WT_SE_AUDIT_PRIVILEGE				21
#define WT_SE_SYSTEM_ENVIRONMENT_PRIVILEGE		22
#define WT_SE_CHANGE_NOTIFY_PRIVILEGE			23
#define WT_SE_REMOTE_SHUTDOWN_PRIVILEGE			24
#define WT_SE_UNDOCK_PRIVILEGE				25
#define WT_SE_SYNC_AGENT_PRIVILEGE			26
#define WT_SE_ENABLE_DELEGATION_PRIVILEGE		27
#define WT_SE_MANAGE_VOLUME_PRIVILEGE			28
#define WT_SE_IMPERSONATE_PRIVILEGE			29
#define WT_SE_CREATE_GLOBAL_PRIVILEGE			30
#define WT_SE_TRUSTED_CREDMAN_ACCESS_PRIVILEGE		31
#define WT_SE_RELABEL_PRIVILEGE				32
#define WT_SE_INC_WORKING_SET_PRIVILEGE			33
#define WT_SE_TIME_ZONE_PRIVILEGE			34
#define WT_SE_CREATE_SYMBOLIC_LINK_PRIVILEGE		35
#define WT_SE_DELEGATE_SESSION_USER_IMPERSONATE_PRIVILEGE 36
#define WT_SE_MIN_PRIVILEGE				2
#define WT_SE_MAX_PRIVILEGE				36

/* Impersonation levels (SECURITY_IMPERSONATION_LEVEL) */
#define WT_SECURITY_ANONYMOUS		0
#define WT_SECURITY_IDENTIFICATION	1
#define WT_SECURITY_IMPERSONATION	2
#define WT_SECURITY_DELEGATION		3

/* Token types */
#define WT_TOKEN_PRIMARY		1
#define WT_TOKEN_IMPERSONATION		2

/* Elevation types (TOKEN_ELEVATION_TYPE) */
#define WT_TOKEN_ELEVATION_TYPE_DEFAULT		1
#define WT_TOKEN_ELEVATION_TYPE_FULL		2
#define WT_TOKEN_ELEVATION_TYPE_LIMITED		3

#endif /* _UAPI_LINUX_WINTOK_H */
