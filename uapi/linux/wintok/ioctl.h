/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * wintok - the ioctl ABI of /dev/wintok and of token handles: the
 * commands and their argument structures.
 *
 * Part of <linux/wintok.h>: include that, not this.
 */
#ifndef _UAPI_LINUX_WINTOK_IOCTL_H
#define _UAPI_LINUX_WINTOK_IOCTL_H

#include <linux/types.h>
#include <linux/ioctl.h>

#include <linux/wintok/dtyp.h>

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
 * @features: out: reserved for feature bits, zero in versions 1 and 2
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

/* ---- Token handles and queries (ABI version 2) ---- */

/**
 * define WT_SID_MAX_BYTES - size in bytes of the largest binary SID
 */
#define WT_SID_MAX_BYTES 68

/**
 * struct wt_open_token - argument of %WT_IOC_OPEN_PROCESS_TOKEN
 * @size: in: the size of this structure as the caller knows it
 *        (at least %WT_OPEN_TOKEN_SIZE_VER0)
 * @flags: in: 0 (the calling process), %WT_OPEN_TOKEN_PID or
 *         %WT_OPEN_TOKEN_PIDFD (since version 6; not both)
 * @desired_access: in: TOKEN_* rights wanted on the handle; GENERIC_* bits
 *         are mapped with the token generic mapping and %WT_MAXIMUM_ALLOWED
 *         asks for everything the caller may have. Zero asks for nothing
 *         and yields a handle that can do nothing (as on Windows).
 * @granted_access: out: the rights the returned handle carries
 * @reserved: without a flag: must be zero
 * @process: the same field: with %WT_OPEN_TOKEN_PID a pid (of the
 *           caller's pid namespace), with %WT_OPEN_TOKEN_PIDFD a pidfd
 *
 * The ioctl returns the new token file descriptor (close-on-exec).
 */
struct wt_open_token {
	__u32 size;
	__u32 flags;
	__u32 desired_access;
	__u32 granted_access;
	union {
		__u64 reserved;
		__u64 process;
	};
};

/* wt_open_token.flags (ABI version 6) */
#define WT_OPEN_TOKEN_PID	0x1u	/* @process is a pid */
#define WT_OPEN_TOKEN_PIDFD	0x2u	/* @process is a pidfd */

/**
 * define WT_OPEN_TOKEN_SIZE_VER0 - size of the first &struct wt_open_token
 */
#define WT_OPEN_TOKEN_SIZE_VER0 24

/**
 * define WT_IOC_OPEN_PROCESS_TOKEN - open the calling process's primary token
 *
 * Issued on /dev/wintok. Argument: &struct wt_open_token. Returns a new
 * file descriptor referring to the token ("[wintok-token]", O_CLOEXEC),
 * like OpenProcessToken(GetCurrentProcess(), ...). Since version 4 a
 * process may open its own token for any right within
 * %WT_TOKEN_ALL_ACCESS (a token's default DACL grants its user
 * GENERIC_ALL), and %WT_MAXIMUM_ALLOWED yields %WT_TOKEN_ALL_ACCESS;
 * versions 2 and 3 granted only %WT_TOKEN_QUERY and
 * %WT_TOKEN_QUERY_SOURCE. %WT_ACCESS_SYSTEM_SECURITY fails with %EACCES.
 * Since version 6, %WT_OPEN_TOKEN_PID or %WT_OPEN_TOKEN_PIDFD opens the
 * primary token of the process @process names, like
 * OpenProcessToken(OpenProcess(pid), ...): the rights are decided by the
 * access check of the caller's token against the target token's security
 * descriptor (owner, primary group and DACL are the target token's default
 * owner, primary group and default DACL); SeDebugPrivilege enabled in the
 * caller's token grants any right within %WT_TOKEN_ALL_ACCESS. Since
 * version 13 the process is checked first, as OpenProcess() does: Linux's
 * rule for reading it (ptrace_may_access() with the caller's file system
 * ids: same ids and dumpable, or %CAP_SYS_PTRACE) and the caller's
 * effective token must dominate the target's (integrity, restricting
 * SIDs, and for the same user privileges and groups); %EACCES otherwise.
 * Errors: see Documentation/userspace-api/wintok.rst.
 */
#define WT_IOC_OPEN_PROCESS_TOKEN _IOWR(WT_IOC_MAGIC, 0x01, struct wt_open_token)

/*
 * Information classes of %WT_IOC_QUERY_TOKEN. The numbers are those of the
 * Windows TOKEN_INFORMATION_CLASS; classes not listed fail with EINVAL.
 */
#define WT_TOKEN_INFO_USER			1  /* struct wt_sid_and_attributes */
#define WT_TOKEN_INFO_GROUPS			2  /* struct wt_token_groups */
#define WT_TOKEN_INFO_PRIVILEGES		3  /* struct wt_token_privileges */
#define WT_TOKEN_INFO_OWNER			4  /* struct wt_sid_and_attributes */
#define WT_TOKEN_INFO_PRIMARY_GROUP		5  /* struct wt_sid_and_attributes */
#define WT_TOKEN_INFO_DEFAULT_DACL		6  /* ACL bytes, may be empty */
#define WT_TOKEN_INFO_SOURCE			7  /* struct wt_token_source */
#define WT_TOKEN_INFO_TYPE			8  /* __u32 WT_TOKEN_PRIMARY/IMPERSONATION */
#define WT_TOKEN_INFO_IMPERSONATION_LEVEL	9  /* __u32 WT_SECURITY_* */
#define WT_TOKEN_INFO_STATISTICS		10 /* struct wt_token_statistics */
#define WT_TOKEN_INFO_RESTRICTED_SIDS		11 /* struct wt_token_groups */
#define WT_TOKEN_INFO_SESSION_ID		12 /* __u32 */
#define WT_TOKEN_INFO_ORIGIN			17 /* __u64 LUID */
#define WT_TOKEN_INFO_ELEVATION_TYPE		18 /* __u32 WT_TOKEN_ELEVATION_TYPE_* */
#define WT_TOKEN_INFO_ELEVATION			20 /* __u32, 1 when elevated */
#define WT_TOKEN_INFO_HAS_RESTRICTIONS		21 /* __u32, 1 when restricted */
#define WT_TOKEN_INFO_INTEGRITY_LEVEL		25 /* struct wt_sid_and_attributes */
#define WT_TOKEN_INFO_MANDATORY_POLICY		27 /* __u32 WT_TOKEN_MANDATORY_POLICY_* */
#define WT_TOKEN_INFO_LOGON_SID			28 /* struct wt_token_groups */
#define WT_TOKEN_INFO_USER_CLAIMS		33 /* claims buffer, may be empty */
#define WT_TOKEN_INFO_DEVICE_CLAIMS		34 /* claims buffer, may be empty */
/* wintok's own classes start at 0x1000. */
#define WT_TOKEN_INFO_LINUX			0x1000 /* struct wt_token_linux */

/**
 * struct wt_token_query - argument of %WT_IOC_QUERY_TOKEN
 * @size: in: the size of this structure as the caller knows it
 *        (at least %WT_TOKEN_QUERY_SIZE_VER0)
 * @info_class: in: a WT_TOKEN_INFO_* class
 * @flags: in: must be zero
 * @length: in: bytes available at @buffer; out: bytes the answer needs.
 *          On success that many bytes were written; when @length was too
 *          small the call fails with %ERANGE, writes nothing to @buffer and
 *          still sets @length (a size probe, like GetTokenInformation()).
 * @buffer: in: user address of the answer buffer (8-byte aligned
 *          recommended; may be 0 when @length is 0)
 */
struct wt_token_query {
	__u32 size;
	__u32 info_class;
	__u32 flags;
	__u32 length;
	__aligned_u64 buffer;
};

/**
 * define WT_TOKEN_QUERY_SIZE_VER0 - size of the first &struct wt_token_query
 */
#define WT_TOKEN_QUERY_SIZE_VER0 24

/**
 * define WT_IOC_QUERY_TOKEN - read one information class of a token
 *
 * Issued on a token file descriptor. Argument: &struct wt_token_query.
 * Needs %WT_TOKEN_QUERY on the handle (%WT_TOKEN_QUERY_SOURCE for
 * %WT_TOKEN_INFO_SOURCE). Errors: see Documentation/userspace-api/wintok.rst.
 */
#define WT_IOC_QUERY_TOKEN _IOWR(WT_IOC_MAGIC, 0x40, struct wt_token_query)

/**
 * struct wt_sid_and_attributes - a SID with its attributes, fixed size
 * @attributes: SE_GROUP_* bits (user: 0 or %WT_SE_GROUP_USE_FOR_DENY_ONLY;
 *              owner and primary group: 0)
 * @sid_size: bytes of @sid in use
 * @sid: the binary SID ([MS-DTYP] 2.4.2.2), zero-padded
 */
struct wt_sid_and_attributes {
	__u32 attributes;
	__u32 sid_size;
	__u8 sid[WT_SID_MAX_BYTES];
};

/**
 * struct wt_token_groups - answer for groups, restricting SIDs, logon SID
 * @count: number of entries in @groups
 * @reserved: zero
 * @groups: the SIDs with their attributes, in token order
 */
struct wt_token_groups {
	__u32 count;
	__u32 reserved;
	struct wt_sid_and_attributes groups[];
};

/**
 * struct wt_luid_and_attributes - one privilege
 * @luid: the privilege's LUID (WT_SE_*_PRIVILEGE)
 * @attributes: WT_SE_PRIVILEGE_* bits
 * @reserved: zero
 */
struct wt_luid_and_attributes {
	__u64 luid;
	__u32 attributes;
	__u32 reserved;
};

/**
 * struct wt_token_privileges - answer for %WT_TOKEN_INFO_PRIVILEGES
 * @count: number of entries in @privileges
 * @reserved: zero
 * @privileges: the privileges the token holds, by increasing LUID
 */
struct wt_token_privileges {
	__u32 count;
	__u32 reserved;
	struct wt_luid_and_attributes privileges[];
};

/**
 * struct wt_token_source - answer for %WT_TOKEN_INFO_SOURCE
 * @name: eight characters, NUL-padded (not NUL-terminated when all eight
 *        are used)
 * @luid: the source identifier
 */
struct wt_token_source {
	char name[8];
	__u64 luid;
};

/**
 * struct wt_token_statistics - answer for %WT_TOKEN_INFO_STATISTICS
 * @token_id: unique id of this token object
 * @authentication_id: LUID of the logon session
 * @expiration_time: always INT64_MAX (tokens do not expire)
 * @token_type: %WT_TOKEN_PRIMARY or %WT_TOKEN_IMPERSONATION
 * @impersonation_level: WT_SECURITY_* (meaningful for impersonation tokens)
 * @dynamic_charged: bytes the token's current contents occupy
 * @dynamic_available: zero (wintok does not reserve room)
 * @group_count: number of groups (integrity and logon SID included)
 * @privilege_count: number of privileges held
 * @modified_id: changes whenever the contents are adjusted
 */
struct wt_token_statistics {
	__u64 token_id;
	__u64 authentication_id;
	__s64 expiration_time;
	__u32 token_type;
	__u32 impersonation_level;
	__u32 dynamic_charged;
	__u32 dynamic_available;
	__u32 group_count;
	__u32 privilege_count;
	__u64 modified_id;
};

/* wt_token_linux.flags */
#define WT_TOKEN_LINUX_DERIVED	0x1	/* derived from the Linux ids below */

/**
 * struct wt_token_linux - answer for %WT_TOKEN_INFO_LINUX
 * @flags: WT_TOKEN_LINUX_* bits
 * @uid: effective uid the token was derived from (init user namespace)
 * @gid: effective gid it was derived from
 * @ngroups: number of supplementary gids it was derived from
 */
struct wt_token_linux {
	__u32 flags;
	__u32 uid;
	__u32 gid;
	__u32 ngroups;
};

/* ---- Security descriptors on files (ABI version 3) ---- */

/**
 * define WT_XATTR_NAME - extended attribute holding a file's SD
 *
 * The value is an [MS-DTYP] self-relative security descriptor. A file
 * without it is not governed by wintok (Linux permissions alone decide).
 * Writing or removing it directly (setxattr(2), removexattr(2)) needs
 * SeRestorePrivilege enabled in the caller's token, and the bytes are
 * validated; the ioctls below are the normal interface.
 */
#define WT_XATTR_NAME "security.wintok"

/*
 * Selectors (SECURITY_INFORMATION bits, Windows values) of
 * %WT_IOC_GET_FILE_SECURITY and %WT_IOC_SET_FILE_SECURITY.
 */
#define WT_OWNER_SECURITY_INFORMATION	0x00000001u
#define WT_GROUP_SECURITY_INFORMATION	0x00000002u
#define WT_DACL_SECURITY_INFORMATION	0x00000004u
#define WT_SACL_SECURITY_INFORMATION	0x00000008u	/* audit ACEs */
#define WT_LABEL_SECURITY_INFORMATION	0x00000010u	/* mandatory label ACEs */

/**
 * struct wt_file_security - argument of the file security ioctls
 * @size: in: the size of this structure as the caller knows it
 *        (at least %WT_FILE_SECURITY_SIZE_VER0)
 * @flags: in: must be zero (no flags are defined in version 3)
 * @fd: in: file descriptor of the file or directory; an O_PATH descriptor
 *      will do (access is decided by the SD, not by the open mode). Since
 *      version 9 it may also be an AF_UNIX socket: the call then reads or
 *      replaces the SD the socket got at bind to an abstract name (a
 *      pathname socket's SD is its socket file's: pass an O_PATH
 *      descriptor of the file)
 * @selectors: in: WT_*_SECURITY_INFORMATION bits, at least one, no others
 * @length: get: in: bytes available at @buffer; out: bytes of the answer.
 *          When @length is too small the call fails with %ERANGE, writes
 *          nothing to @buffer and still sets @length (a size probe).
 *          set: in: bytes of the SD at @buffer (1 to %WT_SD_MAX_SIZE)
 * @reserved: must be zero
 * @buffer: in: user address of a self-relative security descriptor
 *          (get: receives it; set: holds the new parts)
 */
struct wt_file_security {
	__u32 size;
	__u32 flags;
	__s32 fd;
	__u32 selectors;
	__u32 length;
	__u32 reserved;
	__aligned_u64 buffer;
};

/**
 * define WT_FILE_SECURITY_SIZE_VER0 - size of the first &struct wt_file_security
 */
#define WT_FILE_SECURITY_SIZE_VER0 32

/**
 * define WT_IOC_GET_FILE_SECURITY - read parts of a file's SD
 *
 * Issued on /dev/wintok, like GetSecurityInfo(). Returns a self-relative
 * SD holding only the selected parts: owner, group and DACL need
 * %WT_READ_CONTROL on the file, the SACL %WT_ACCESS_SYSTEM_SECURITY (so
 * SeSecurityPrivilege), the label %WT_READ_CONTROL. A file that wintok
 * does not govern fails with %ENODATA, and so does an AF_UNIX socket
 * without an SD (ABI 9); another kind of socket fails with %EOPNOTSUPP.
 * Errors: see
 * Documentation/userspace-api/wintok.rst.
 */
#define WT_IOC_GET_FILE_SECURITY _IOWR(WT_IOC_MAGIC, 0x20, struct wt_file_security)

/**
 * define WT_IOC_SET_FILE_SECURITY - replace parts of a file's SD
 *
 * Issued on /dev/wintok, like SetSecurityInfo(). The selected parts of the
 * SD at @buffer replace those of the file's SD; the result is validated,
 * stored canonically in %WT_XATTR_NAME with one write and takes effect for
 * every later open. Needs %WT_WRITE_DAC for the DACL, %WT_WRITE_OWNER for
 * owner, group and label, %WT_ACCESS_SYSTEM_SECURITY for the SACL; the new
 * owner must be the caller's user SID or a group of its token with
 * %WT_SE_GROUP_OWNER, unless SeRestorePrivilege is enabled. On a file not
 * governed yet, the file's Linux owner (or CAP_FOWNER) may set the first
 * SD; its owner and group default to the token's. On an AF_UNIX socket
 * with an SD (ABI 9) the same rights and rules apply and the new SD
 * decides the next connect or datagram; a socket without one fails with
 * %ENODATA, another kind of socket with %EOPNOTSUPP. Errors: see
 * Documentation/userspace-api/wintok.rst.
 */
#define WT_IOC_SET_FILE_SECURITY _IOW(WT_IOC_MAGIC, 0x21, struct wt_file_security)

/* ---- AdjustTokenPrivileges ---- */

/* wt_adjust_privileges.flags */
#define WT_ADJUST_DISABLE_ALL		0x1u	/* disable every privilege; @privileges ignored */

/* wt_adjust_privileges.result */
#define WT_ADJUST_NOT_ALL_ASSIGNED	0x1u	/* a named privilege is not held */

/**
 * struct wt_adjust_privileges - argument of %WT_IOC_ADJUST_PRIVILEGES
 * @size: in: the size of this structure as the caller knows it
 *        (at least %WT_ADJUST_PRIVILEGES_SIZE_VER0)
 * @flags: in: %WT_ADJUST_DISABLE_ALL or 0
 * @count: in: number of entries at @privileges (at most 64; 0 with
 *         %WT_ADJUST_DISABLE_ALL)
 * @result: out: %WT_ADJUST_NOT_ALL_ASSIGNED when a privilege named in
 *         @privileges is not held by the token (the others are adjusted,
 *         as ERROR_NOT_ALL_ASSIGNED with success on Windows); else 0
 * @privileges: in: user pointer to @count &struct wt_luid_and_attributes;
 *         attributes %WT_SE_PRIVILEGE_ENABLED enables, 0 disables,
 *         %WT_SE_PRIVILEGE_REMOVED removes the privilege from the token
 * @previous: in: user pointer to room for @previous_count
 *         &struct wt_luid_and_attributes, or 0 for no previous state; out:
 *         the previous attributes of the privileges this call changed
 * @previous_count: in: entries of room at @previous; out: entries written
 *         there, or needed when the call failed with %ERANGE
 * @reserved: must be zero
 */
struct wt_adjust_privileges {
	__u32 size;
	__u32 flags;
	__u32 count;
	__u32 result;
	__u64 privileges;
	__u64 previous;
	__u32 previous_count;
	__u32 reserved;
};

/**
 * define WT_ADJUST_PRIVILEGES_SIZE_VER0 - size of the first &struct wt_adjust_privileges
 */
#define WT_ADJUST_PRIVILEGES_SIZE_VER0 40

/**
 * define WT_IOC_ADJUST_PRIVILEGES - enable, disable or remove privileges
 *
 * Issued on a token fd opened with %WT_TOKEN_ADJUST_PRIVILEGES, like
 * AdjustTokenPrivileges(). The change is all or nothing and every holder
 * of the token (the process and its threads, other handles) sees it; a
 * removed privilege can never be enabled again. Errors: see
 * Documentation/userspace-api/wintok.rst.
 */
#define WT_IOC_ADJUST_PRIVILEGES _IOWR(WT_IOC_MAGIC, 0x41, struct wt_adjust_privileges)

/* ---- Impersonation (ABI version 5) ---- */

/**
 * define WT_EBADIMPLEVEL - errno of an access refused for the thread's level
 *
 * A thread impersonating at %WT_SECURITY_IDENTIFICATION or
 * %WT_SECURITY_ANONYMOUS may ask who its client is, but every file open,
 * file operation or IPC access that wintok checks fails with this errno
 * (ENOKEY, "Required key not available"; Windows:
 * ERROR_BAD_IMPERSONATION_LEVEL). Linux's own checks, which run before
 * wintok's, see the overflow ids at these levels and may refuse first with
 * EACCES. %WT_IOC_DUPLICATE_TOKEN uses it for a refused level too.
 */
#define WT_EBADIMPLEVEL ENOKEY

/**
 * struct wt_impersonate - argument of %WT_IOC_IMPERSONATE and
 *	%WT_IOC_IMPERSONATE_PEER
 * @size: in: the size of this structure as the caller knows it
 *        (at least %WT_IMPERSONATE_SIZE_VER0)
 * @flags: in: must be zero
 * @fd: in: %WT_IOC_IMPERSONATE: a token fd; %WT_IOC_IMPERSONATE_PEER: an
 *      accepted (server side) AF_UNIX stream or seqpacket socket
 * @level: out: the level the calling thread now impersonates at
 *         (WT_SECURITY_*); lower than the token's when a gate capped it
 * @result: out: WT_IMPERSONATE_* bits saying why the level was capped
 * @reserved: must be zero
 */
struct wt_impersonate {
	__u32 size;
	__u32 flags;
	__s32 fd;
	__u32 level;
	__u32 result;
	__u32 reserved;
};

/**
 * define WT_IMPERSONATE_SIZE_VER0 - size of the first &struct wt_impersonate
 */
#define WT_IMPERSONATE_SIZE_VER0 24

/* wt_impersonate.result: why the level was capped at Identification */
#define WT_IMPERSONATE_NO_PRIVILEGE	0x1u	/* SeImpersonatePrivilege not enabled */
#define WT_IMPERSONATE_INTEGRITY	0x2u	/* client's integrity above the caller's */
#define WT_IMPERSONATE_RESTRICTED	0x4u	/* caller restricted, client not alike (ABI 13) */

/**
 * define WT_IOC_IMPERSONATE - impersonate a token on the calling thread
 *
 * Issued on /dev/wintok, like ImpersonateLoggedOnUser()/SetThreadToken().
 * An impersonation token needs %WT_TOKEN_IMPERSONATE on the handle and is
 * used at its own level; a primary token needs %WT_TOKEN_QUERY and
 * %WT_TOKEN_DUPLICATE and is used at %WT_SECURITY_IMPERSONATION. From now
 * on the thread's access checks use the token and its Linux ids become the
 * client's. Levels above Identification pass two gates (see
 * Documentation/userspace-api/wintok.rst) or are capped at
 * Identification. Replaces an earlier impersonation of the thread.
 * Errors: see Documentation/userspace-api/wintok.rst.
 */
#define WT_IOC_IMPERSONATE _IOWR(WT_IOC_MAGIC, 0x10, struct wt_impersonate)

/**
 * define WT_IOC_REVERT_TO_SELF - end the calling thread's impersonation
 *
 * Issued on /dev/wintok with argument 0, like RevertToSelf(): restores
 * exactly the credentials the thread had before it began impersonating.
 * Succeeds (and does nothing) when the thread is not impersonating.
 * Errors: %EINVAL (argument not 0).
 */
#define WT_IOC_REVERT_TO_SELF _IO(WT_IOC_MAGIC, 0x11)

/* wt_socket_qos.flags */
#define WT_QOS_EFFECTIVE_ONLY	0x1u	/* pass on only enabled groups and privileges */

/**
 * struct wt_socket_qos - argument of %WT_IOC_SET_CONNECT_QOS
 * @size: in: the size of this structure as the caller knows it
 *        (at least %WT_SOCKET_QOS_SIZE_VER0)
 * @flags: in: %WT_QOS_EFFECTIVE_ONLY or 0
 * @fd: in: an AF_UNIX stream or seqpacket socket, not yet connected
 * @level: in: the highest level (WT_SECURITY_*) the server may impersonate
 *         the caller at over this connection
 * @reserved: must be zero
 */
struct wt_socket_qos {
	__u32 size;
	__u32 flags;
	__s32 fd;
	__u32 level;
	__u64 reserved;
};

/**
 * define WT_SOCKET_QOS_SIZE_VER0 - size of the first &struct wt_socket_qos
 */
#define WT_SOCKET_QOS_SIZE_VER0 24

/**
 * define WT_IOC_SET_CONNECT_QOS - choose the level a server gets on connect
 *
 * Issued on /dev/wintok by a client before connect(2), like the security
 * quality of service of CreateFile() on a named pipe. At connect the
 * module copies the connecting thread's effective token (its impersonation
 * token if it has one, whose level then also caps this one) and binds the
 * copy to the connection for %WT_IOC_IMPERSONATE_PEER. A socket whose
 * owner set nothing gets the system default (module parameter
 * default_connect_level: Identification unless an administrator changed
 * it). Errors: see Documentation/userspace-api/wintok.rst.
 */
#define WT_IOC_SET_CONNECT_QOS _IOW(WT_IOC_MAGIC, 0x12, struct wt_socket_qos)

/**
 * define WT_IOC_IMPERSONATE_PEER - impersonate the client of a connection
 *
 * Issued on /dev/wintok, like ImpersonateNamedPipeClient(). @fd is an
 * accepted AF_UNIX socket whose client is still connected; the calling
 * thread impersonates the token the client's connect bound to it, at the
 * level the client chose, capped by the same gates as
 * %WT_IOC_IMPERSONATE. Errors: see Documentation/userspace-api/wintok.rst.
 */
#define WT_IOC_IMPERSONATE_PEER _IOWR(WT_IOC_MAGIC, 0x13, struct wt_impersonate)

/* wt_open_thread_token.flags */
#define WT_OPEN_AS_SELF		0x1u	/* check access as the process, not the thread */

/**
 * struct wt_open_thread_token - argument of %WT_IOC_OPEN_THREAD_TOKEN
 * @size: in: the size of this structure as the caller knows it
 *        (at least %WT_OPEN_THREAD_TOKEN_SIZE_VER0)
 * @flags: in: %WT_OPEN_AS_SELF or 0
 * @tid: in: a thread of the calling process, 0 for the calling thread
 * @desired_access: in: TOKEN_* rights wanted, as for
 *                  %WT_IOC_OPEN_PROCESS_TOKEN
 * @granted_access: out: the rights the returned handle carries
 * @reserved: must be zero
 */
struct wt_open_thread_token {
	__u32 size;
	__u32 flags;
	__s32 tid;
	__u32 desired_access;
	__u32 granted_access;
	__u32 reserved;
};

/**
 * define WT_OPEN_THREAD_TOKEN_SIZE_VER0 - size of the first &struct wt_open_thread_token
 */
#define WT_OPEN_THREAD_TOKEN_SIZE_VER0 24

/**
 * define WT_IOC_OPEN_THREAD_TOKEN - open a thread's impersonation token
 *
 * Issued on /dev/wintok, like OpenThreadToken(). Returns a token fd, or
 * fails with %ENOENT (ERROR_NO_TOKEN) when the thread is not
 * impersonating. Errors: see Documentation/userspace-api/wintok.rst.
 */
#define WT_IOC_OPEN_THREAD_TOKEN _IOWR(WT_IOC_MAGIC, 0x14, struct wt_open_thread_token)

/**
 * struct wt_duplicate_token - argument of %WT_IOC_DUPLICATE_TOKEN
 * @size: in: the size of this structure as the caller knows it
 *        (at least %WT_DUPLICATE_TOKEN_SIZE_VER0)
 * @flags: in: must be zero
 * @desired_access: in: TOKEN_* rights for the new handle; 0 asks for the
 *                  rights of the source handle
 * @granted_access: out: the rights the returned handle carries
 * @type: in: %WT_TOKEN_PRIMARY or %WT_TOKEN_IMPERSONATION
 * @level: in: WT_SECURITY_* of the new token; for a primary token it
 *         is what the source must at least have (use
 *         %WT_SECURITY_IMPERSONATION)
 * @reserved: must be zero
 */
struct wt_duplicate_token {
	__u32 size;
	__u32 flags;
	__u32 desired_access;
	__u32 granted_access;
	__u32 type;
	__u32 level;
	__u64 reserved;
};

/**
 * define WT_DUPLICATE_TOKEN_SIZE_VER0 - size of the first &struct wt_duplicate_token
 */
#define WT_DUPLICATE_TOKEN_SIZE_VER0 32

/**
 * define WT_IOC_DUPLICATE_TOKEN - make a new token with the same contents
 *
 * Issued on a token fd opened with %WT_TOKEN_DUPLICATE, like
 * DuplicateTokenEx(). The new token has a new token id, the logon session
 * and contents of the source. The level of an impersonation token is never
 * raised, and no primary token is made from an impersonation token below
 * %WT_SECURITY_IMPERSONATION (both fail with %WT_EBADIMPLEVEL). Returns
 * the new token fd. Errors: see Documentation/userspace-api/wintok.rst.
 */
#define WT_IOC_DUPLICATE_TOKEN _IOWR(WT_IOC_MAGIC, 0x42, struct wt_duplicate_token)

/* ---- Adjusting, restricting, creating and assigning tokens (ABI version 6) ---- */

/* wt_adjust_groups.flags */
#define WT_ADJUST_GROUPS_RESET		0x1u	/* back to the defaults; @groups ignored */

/* wt_adjust_groups.result */
#define WT_ADJUST_GROUPS_NOT_ALL_ASSIGNED	0x1u	/* a named group is not adjustable */
#define WT_ADJUST_GROUPS_MANDATORY		0x2u	/* EPERM: would disable a mandatory group */
#define WT_ADJUST_GROUPS_DENY_ONLY		0x4u	/* EPERM: would enable a deny-only group */

/**
 * struct wt_adjust_groups - argument of %WT_IOC_ADJUST_GROUPS
 * @size: in: the size of this structure as the caller knows it
 *        (at least %WT_ADJUST_GROUPS_SIZE_VER0)
 * @flags: in: %WT_ADJUST_GROUPS_RESET or 0
 * @count: in: number of entries at @groups (1 to 1024; 0 with
 *         %WT_ADJUST_GROUPS_RESET)
 * @result: in: must be zero; out: %WT_ADJUST_GROUPS_NOT_ALL_ASSIGNED on
 *         success when a SID named in @groups is not a group of the token
 *         (or is its integrity SID); on %EPERM, which rule refused the
 *         change (%WT_ADJUST_GROUPS_MANDATORY, %WT_ADJUST_GROUPS_DENY_ONLY)
 * @groups: in: user pointer to @count &struct wt_sid_and_attributes;
 *         attributes %WT_SE_GROUP_ENABLED enables the group, 0 disables it
 * @previous: in: user pointer to room for @previous_count
 *         &struct wt_sid_and_attributes, or 0; out: the previous attributes
 *         of the groups this call changed
 * @previous_count: in: entries of room at @previous; out: entries written
 *         there, or needed when the call failed with %ERANGE
 * @reserved: must be zero
 */
struct wt_adjust_groups {
	__u32 size;
	__u32 flags;
	__u32 count;
	__u32 result;
	__aligned_u64 groups;
	__aligned_u64 previous;
	__u32 previous_count;
	__u32 reserved;
};

/**
 * define WT_ADJUST_GROUPS_SIZE_VER0 - size of the first &struct wt_adjust_groups
 */
#define WT_ADJUST_GROUPS_SIZE_VER0 40

/**
 * define WT_IOC_ADJUST_GROUPS - enable or disable groups of a token
 *
 * Issued on a token fd opened with %WT_TOKEN_ADJUST_GROUPS, like
 * AdjustTokenGroups(). All or nothing: a mandatory group cannot be
 * disabled and a deny-only group cannot be enabled; either fails the
 * whole call with %EPERM (ERROR_CANT_DISABLE_MANDATORY,
 * ERROR_CANT_ENABLE_DENY_ONLY) and @result says which. Errors: see
 * Documentation/userspace-api/wintok.rst.
 */
#define WT_IOC_ADJUST_GROUPS _IOWR(WT_IOC_MAGIC, 0x43, struct wt_adjust_groups)

/* wt_create_restricted.flags */
#define WT_DISABLE_MAX_PRIVILEGE	0x1u	/* delete every privilege but SeChangeNotify */

/**
 * struct wt_create_restricted - argument of %WT_IOC_CREATE_RESTRICTED_TOKEN
 * @size: in: the size of this structure as the caller knows it
 *        (at least %WT_CREATE_RESTRICTED_SIZE_VER0)
 * @flags: in: %WT_DISABLE_MAX_PRIVILEGE or 0
 * @desired_access: in: TOKEN_* rights for the new handle (GENERIC_* and
 *        %WT_MAXIMUM_ALLOWED accepted); 0 asks for the rights of the
 *        source handle
 * @granted_access: out: the rights the returned handle carries
 * @deny_count: in: entries at @deny_sids (at most 1024)
 * @delete_count: in: entries at @delete_privileges (at most 64)
 * @restrict_count: in: entries at @restrict_sids (at most 64)
 * @reserved: must be zero
 * @deny_sids: in: user pointer to &struct wt_sid_and_attributes, attributes
 *        0: the user or groups of the token with these SIDs become deny-only
 * @delete_privileges: in: user pointer to &struct wt_luid_and_attributes,
 *        attributes 0: privileges removed from the new token
 * @restrict_sids: in: user pointer to &struct wt_sid_and_attributes,
 *        attributes 0: the restricting SIDs of the new token
 */
struct wt_create_restricted {
	__u32 size;
	__u32 flags;
	__u32 desired_access;
	__u32 granted_access;
	__u32 deny_count;
	__u32 delete_count;
	__u32 restrict_count;
	__u32 reserved;
	__aligned_u64 deny_sids;
	__aligned_u64 delete_privileges;
	__aligned_u64 restrict_sids;
};

/**
 * define WT_CREATE_RESTRICTED_SIZE_VER0 - size of the first &struct wt_create_restricted
 */
#define WT_CREATE_RESTRICTED_SIZE_VER0 56

/**
 * define WT_IOC_CREATE_RESTRICTED_TOKEN - make a restricted copy of a token
 *
 * Issued on a token fd opened with %WT_TOKEN_DUPLICATE, like
 * CreateRestrictedToken(). The new token has a new token id, the type,
 * level, logon session and contents of the source, minus what the call
 * restricts. When the source already has restricting SIDs, the new list is
 * the part of @restrict_sids that is also in the source's list (never
 * wider). Returns the new token fd. Errors: see
 * Documentation/userspace-api/wintok.rst.
 */
#define WT_IOC_CREATE_RESTRICTED_TOKEN _IOWR(WT_IOC_MAGIC, 0x44, struct wt_create_restricted)

/**
 * struct wt_token_set - argument of %WT_IOC_SET_TOKEN_INFORMATION
 * @size: in: the size of this structure as the caller knows it
 *        (at least %WT_TOKEN_SET_SIZE_VER0)
 * @info_class: in: %WT_TOKEN_INFO_OWNER, %WT_TOKEN_INFO_PRIMARY_GROUP,
 *        %WT_TOKEN_INFO_DEFAULT_DACL, %WT_TOKEN_INFO_SESSION_ID or
 *        %WT_TOKEN_INFO_INTEGRITY_LEVEL
 * @flags: in: must be zero
 * @length: in: bytes at @buffer: exactly the size of the class's structure
 *        (&struct wt_sid_and_attributes, __u32), or for the default DACL
 *        the ACL's size (0 removes the default DACL)
 * @buffer: in: user address of the new value, in the layout
 *        %WT_IOC_QUERY_TOKEN returns for the class
 */
struct wt_token_set {
	__u32 size;
	__u32 info_class;
	__u32 flags;
	__u32 length;
	__aligned_u64 buffer;
};

/**
 * define WT_TOKEN_SET_SIZE_VER0 - size of the first &struct wt_token_set
 */
#define WT_TOKEN_SET_SIZE_VER0 24

/**
 * define WT_IOC_SET_TOKEN_INFORMATION - change one information class
 *
 * Issued on a token fd, like SetTokenInformation(). Owner, primary group,
 * default DACL and integrity level need %WT_TOKEN_ADJUST_DEFAULT on the
 * handle; the owner must be the token's user or a group it holds with
 * %WT_SE_GROUP_OWNER, the primary group its user or a group it holds; the
 * integrity level can only be lowered. The session id needs
 * %WT_TOKEN_ADJUST_SESSIONID and SeTcbPrivilege enabled in the caller's
 * token. Errors: see Documentation/userspace-api/wintok.rst.
 */
#define WT_IOC_SET_TOKEN_INFORMATION _IOW(WT_IOC_MAGIC, 0x45, struct wt_token_set)

/**
 * struct wt_create_token - argument of %WT_IOC_CREATE_TOKEN
 * @size: in: the size of this structure as the caller knows it
 *        (at least %WT_CREATE_TOKEN_SIZE_VER0)
 * @flags: in: must be zero
 * @desired_access: in: TOKEN_* rights for the new handle (GENERIC_* and
 *        %WT_MAXIMUM_ALLOWED accepted)
 * @granted_access: out: the rights the returned handle carries
 * @type: in: %WT_TOKEN_PRIMARY or %WT_TOKEN_IMPERSONATION
 * @level: in: WT_SECURITY_* for an impersonation token, 0 for a primary one
 * @authentication_id: in: the logon session (LUID); 0 makes a new one
 * @source: in: the token source (name and LUID)
 * @user: in: the user SID; attributes 0 or %WT_SE_GROUP_USE_FOR_DENY_ONLY
 * @owner: in: the default owner: the user's SID or one of @groups with
 *        %WT_SE_GROUP_OWNER; @owner.sid_size 0 means the user; attributes 0
 * @primary_group: in: the user's SID or one of @groups; attributes 0
 * @group_count: in: entries at @groups (at most 1024)
 * @privilege_count: in: entries at @privileges (at most 35, no duplicates)
 * @restricted_count: in: entries at @restricted_sids (at most 64)
 * @groups: in: user pointer to &struct wt_sid_and_attributes: the groups,
 *        at most one of them the integrity SID (S-1-16-x, attributes
 *        %WT_SE_GROUP_INTEGRITY | %WT_SE_GROUP_INTEGRITY_ENABLED); without
 *        one the token is Untrusted
 * @privileges: in: user pointer to &struct wt_luid_and_attributes,
 *        attributes within %WT_SE_PRIVILEGE_ENABLED and
 *        %WT_SE_PRIVILEGE_ENABLED_BY_DEFAULT
 * @restricted_sids: in: user pointer to &struct wt_sid_and_attributes:
 *        restricting SIDs, attributes within %WT_SE_GROUP_MANDATORY,
 *        %WT_SE_GROUP_ENABLED_BY_DEFAULT and %WT_SE_GROUP_ENABLED
 * @default_dacl: in: user pointer to the default DACL ([MS-DTYP] ACL)
 * @dacl_length: in: bytes of the default DACL at @default_dacl (0: none;
 *        at most 8192)
 * @session_id: in: the terminal session id
 * @mandatory_policy: in: WT_TOKEN_MANDATORY_POLICY_* bits
 * @reserved: must be zero
 * @user_claims: in: user pointer to the user claims, a claims buffer (see
 *        %WT_CLAIMS_MAX_LENGTH) read by @USER. attributes of conditional
 *        ACEs (since %WT_CREATE_TOKEN_SIZE_VER1)
 * @device_claims: in: user pointer to the device claims (@DEVICE.)
 * @user_claims_length: in: bytes at @user_claims (0: none)
 * @device_claims_length: in: bytes at @device_claims (0: none)
 */
struct wt_create_token {
	__u32 size;
	__u32 flags;
	__u32 desired_access;
	__u32 granted_access;
	__u32 type;
	__u32 level;
	__u64 authentication_id;
	struct wt_token_source source;
	struct wt_sid_and_attributes user;
	struct wt_sid_and_attributes owner;
	struct wt_sid_and_attributes primary_group;
	__u32 group_count;
	__u32 privilege_count;
	__u32 restricted_count;
	__aligned_u64 groups;
	__aligned_u64 privileges;
	__aligned_u64 restricted_sids;
	__aligned_u64 default_dacl;
	__u32 dacl_length;
	__u32 session_id;
	__u32 mandatory_policy;
	__u32 reserved;
	__aligned_u64 user_claims;
	__aligned_u64 device_claims;
	__u32 user_claims_length;
	__u32 device_claims_length;
};

/**
 * define WT_CREATE_TOKEN_SIZE_VER0 - size of the first &struct wt_create_token
 */
#define WT_CREATE_TOKEN_SIZE_VER0 336

/**
 * define WT_CREATE_TOKEN_SIZE_VER1 - &struct wt_create_token with claims
 */
#define WT_CREATE_TOKEN_SIZE_VER1 360

/**
 * define WT_CLAIMS_MAX_LENGTH - longest claims buffer of a token
 *
 * A claims buffer (&wt_create_token.user_claims, %WT_TOKEN_INFO_USER_CLAIMS)
 * is a sequence of records, each a little-endian __u32 record length (a
 * multiple of 4, counting itself) followed by one
 * CLAIM_SECURITY_ATTRIBUTE_RELATIVE_V1 ([MS-DTYP] 2.4.10.1: name offset,
 * value type, reserved, flags, value count, one offset per value, all
 * offsets from the start of the claim) padded with zeros to the record
 * length. At most %WT_CLAIMS_MAX_COUNT records and this many bytes per
 * buffer; more fails with %E2BIG, a record that does not parse with
 * %EINVAL. A name given twice: the first claim of that name is the one
 * conditions read.
 */
#define WT_CLAIMS_MAX_LENGTH 65536

/**
 * define WT_CLAIMS_MAX_COUNT - most claims in one claims buffer
 */
#define WT_CLAIMS_MAX_COUNT 256

/* Claim value types (CLAIM_SECURITY_ATTRIBUTE_TYPE_*, [MS-DTYP] 2.4.10.1) */
#define WT_CLAIM_TYPE_INT64	0x0001
#define WT_CLAIM_TYPE_UINT64	0x0002
#define WT_CLAIM_TYPE_STRING	0x0003
#define WT_CLAIM_TYPE_SID	0x0005
#define WT_CLAIM_TYPE_BOOLEAN	0x0006
#define WT_CLAIM_TYPE_OCTET	0x0010

/* Claim flags the access check reads */
#define WT_CLAIM_FLAG_CASE_SENSITIVE	0x0002	/* strings compare with case */
#define WT_CLAIM_FLAG_DISABLED		0x0010	/* the claim is absent */

/**
 * define WT_IOC_CREATE_TOKEN - create a token from a full description
 *
 * Issued on /dev/wintok, like NtCreateToken(); needs SeCreateTokenPrivilege
 * enabled in the caller's token. Every field is validated and the limits
 * of a token apply (more than the limit fails with %E2BIG, never
 * truncated). The token is not derived from Linux ids: a process it is
 * assigned to keeps it whatever its ids become. Returns the new token fd.
 * Errors: see Documentation/userspace-api/wintok.rst.
 */
#define WT_IOC_CREATE_TOKEN _IOWR(WT_IOC_MAGIC, 0x02, struct wt_create_token)

/**
 * struct wt_assign_primary - argument of %WT_IOC_ASSIGN_PRIMARY_TOKEN
 * @size: in: the size of this structure as the caller knows it
 *        (at least %WT_ASSIGN_PRIMARY_SIZE_VER0)
 * @flags: in: 0 (assign now) or %WT_ASSIGN_PRIMARY_AT_EXEC (ABI 15)
 * @fd: in: a token fd opened with %WT_TOKEN_ASSIGN_PRIMARY, of a primary
 *      token; with %WT_ASSIGN_PRIMARY_AT_EXEC, -1 cancels the pending
 *      assignment of the calling process (no right or privilege needed)
 * @reserved: must be zero
 */
struct wt_assign_primary {
	__u32 size;
	__u32 flags;
	__s32 fd;
	__u32 reserved;
};

/**
 * define WT_ASSIGN_PRIMARY_SIZE_VER0 - size of the first &struct wt_assign_primary
 */
#define WT_ASSIGN_PRIMARY_SIZE_VER0 16

/**
 * define WT_ASSIGN_PRIMARY_AT_EXEC - assign the token at the next execve()
 *
 * Flag of &wt_assign_primary.flags (ABI 15). The checks are those of the
 * immediate assignment, but the token is left *pending* on the calling
 * process's credentials: inherited by fork() and kept across id changes
 * and execs, visible to nobody. The first execve() of a process carrying
 * it whose real uid is the uid the token maps to gives that process a
 * copy of the token as its primary token, with the token's ids and the
 * capability rule of the immediate assignment; the process's credentials
 * then have no pending token. An exec with another real uid keeps it
 * pending. The matching exec fails with %EPERM for a set-id program, a
 * token that no longer maps to the real uid, or a uid 0 token that gives
 * no capabilities. A second call replaces the pending token; fd -1
 * cancels it.
 */
#define WT_ASSIGN_PRIMARY_AT_EXEC 0x1u

/**
 * define WT_IOC_ASSIGN_PRIMARY_TOKEN - make a token the calling process's
 *
 * Issued on /dev/wintok by a single-threaded process, normally between
 * fork() and execve(), like the token argument of CreateProcessAsUser();
 * needs SeAssignPrimaryTokenPrivilege enabled in the caller's token. The
 * process's credentials are replaced: the token becomes its primary token
 * (kept across later id changes), its uids and gids follow the token's
 * user and groups (S-1-22-1-N and S-1-22-2-N; other SIDs give the overflow
 * ids) and it loses every capability unless the user is S-1-22-1-0.
 * Errors: see Documentation/userspace-api/wintok.rst.
 */
#define WT_IOC_ASSIGN_PRIMARY_TOKEN _IOW(WT_IOC_MAGIC, 0x03, struct wt_assign_primary)

/* ---- Security descriptors on SysV IPC objects (ABI version 7) ---- */

/* wt_ipc_security.type: the kind of SysV IPC object */
#define WT_IPC_TYPE_MSG_QUEUE	1	/* msgget(2) */
#define WT_IPC_TYPE_SEMAPHORE	2	/* semget(2) */
#define WT_IPC_TYPE_SHM		3	/* shmget(2) */

/**
 * struct wt_ipc_security - argument of the IPC security ioctls
 * @size: in: the size of this structure as the caller knows it
 *        (at least %WT_IPC_SECURITY_SIZE_VER0)
 * @flags: in: must be zero (no flags are defined in version 7)
 * @type: in: WT_IPC_TYPE_*
 * @id: in: the object's identifier in the caller's IPC namespace, as
 *      returned by msgget(2), semget(2) or shmget(2)
 * @selectors: in: WT_*_SECURITY_INFORMATION bits, at least one, no others
 * @length: as in &struct wt_file_security
 * @buffer: in: user address of a self-relative security descriptor
 *          (get: receives it; set: holds the new parts)
 * @reserved: must be zero
 */
struct wt_ipc_security {
	__u32 size;
	__u32 flags;
	__u32 type;
	__s32 id;
	__u32 selectors;
	__u32 length;
	__aligned_u64 buffer;
	__u64 reserved;
};

/**
 * define WT_IPC_SECURITY_SIZE_VER0 - size of the first &struct wt_ipc_security
 */
#define WT_IPC_SECURITY_SIZE_VER0 40

/**
 * define WT_IOC_GET_IPC_SECURITY - read parts of an IPC object's SD
 *
 * Issued on /dev/wintok, like GetSecurityInfo() on a section or semaphore
 * handle. A message queue, semaphore set or shared memory segment created
 * while wintok is loaded has an SD made from its creator's effective token
 * (owner, primary group, default DACL); every access to it is checked
 * against that SD with the WT_IPC_* rights. Same rights and selectors as
 * %WT_IOC_GET_FILE_SECURITY; an object without an SD (created before the
 * module was loaded) fails with %ENODATA. Errors: see
 * Documentation/userspace-api/wintok.rst.
 */
#define WT_IOC_GET_IPC_SECURITY _IOWR(WT_IOC_MAGIC, 0x22, struct wt_ipc_security)

/**
 * define WT_IOC_SET_IPC_SECURITY - replace parts of an IPC object's SD
 *
 * Issued on /dev/wintok, like SetSecurityInfo(). Same rights and merge
 * rules as %WT_IOC_SET_FILE_SECURITY; an object without an SD takes its
 * first one from its Linux owner or creator (or a process with
 * CAP_IPC_OWNER). The SD lives in memory with the object and goes away
 * with it. Errors: see Documentation/userspace-api/wintok.rst.
 */
#define WT_IOC_SET_IPC_SECURITY _IOW(WT_IOC_MAGIC, 0x23, struct wt_ipc_security)

/**
 * struct wt_open_backup - argument of %WT_IOC_OPEN_BACKUP
 * @size: in: the size of this structure as the caller knows it
 *        (at least %WT_OPEN_BACKUP_SIZE_VER0)
 * @flags: in: must be zero
 * @dirfd: in: the directory a relative @path starts from, as for
 *         openat(2): a descriptor of a directory (O_PATH ones too; since
 *         ABI 11) or AT_FDCWD (-100) for the current directory; ignored
 *         for an absolute @path
 * @open_flags: in: O_* flags as for open(2): the access mode and
 *         O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_DIRECTORY, O_NOFOLLOW,
 *         O_CLOEXEC, O_NONBLOCK, O_LARGEFILE; no others
 * @mode: in: the mode of a file O_CREAT makes
 * @reserved: must be zero
 * @path: in: user address of a NUL-terminated path
 */
struct wt_open_backup {
	__u32 size;
	__u32 flags;
	__s32 dirfd;
	__u32 open_flags;
	__u32 mode;
	__u32 reserved;
	__aligned_u64 path;
};

/**
 * define WT_OPEN_BACKUP_SIZE_VER0 - size of the first &struct wt_open_backup
 */
#define WT_OPEN_BACKUP_SIZE_VER0 32

/**
 * define WT_IOC_OPEN_BACKUP - open a file with backup intent
 *
 * Issued on /dev/wintok, like CreateFile() with FILE_FLAG_BACKUP_SEMANTICS.
 * wintok's checks of this open (and of the creation it may do) are made
 * with backup intent: an enabled SeBackupPrivilege grants every read
 * right, an enabled SeRestorePrivilege every write right, WRITE_DAC,
 * WRITE_OWNER and DELETE, whatever the SD says. Without either privilege
 * enabled it is a plain open. Linux's own permission checks still apply.
 * Returns the new file descriptor. Errors: see
 * Documentation/userspace-api/wintok.rst.
 */
#define WT_IOC_OPEN_BACKUP _IOW(WT_IOC_MAGIC, 0x24, struct wt_open_backup)

/**
 * struct wt_backup_intent - argument of %WT_IOC_SET_BACKUP_INTENT
 * @size: in: the size of this structure as the caller knows it
 *        (at least %WT_BACKUP_INTENT_SIZE_VER0)
 * @flags: in: %WT_BACKUP_INTENT_ON, or 0 to end the thread's backup intent
 * @previous: out: what @flags was for the calling thread before the call
 * @reserved: must be zero
 */
struct wt_backup_intent {
	__u32 size;
	__u32 flags;
	__u32 previous;
	__u32 reserved;
};

/**
 * define WT_BACKUP_INTENT_ON - &wt_backup_intent.flags: file checks of the
 * calling thread are made with backup intent
 */
#define WT_BACKUP_INTENT_ON	0x1u

/**
 * define WT_BACKUP_INTENT_SIZE_VER0 - size of the first
 * &struct wt_backup_intent
 */
#define WT_BACKUP_INTENT_SIZE_VER0 16

/**
 * define WT_IOC_SET_BACKUP_INTENT - backup intent for every file check of
 * the calling thread (ABI 12)
 *
 * Issued on /dev/wintok. While it is on, every wintok check of a file
 * operation by the calling thread (opens, creation, unlink, rename, link,
 * attribute, owner, DACL and xattr changes, executable mappings) is made
 * with backup intent, as if each were done through a handle opened with
 * FILE_FLAG_BACKUP_SEMANTICS: what an enabled SeBackupPrivilege or
 * SeRestorePrivilege of the thread's effective token grants is granted
 * (see %WT_IOC_OPEN_BACKUP). Without either privilege enabled nothing
 * changes. It lasts until turned off or until the thread exits, also
 * across execve(2) (so a wrapper can run a restore tool with it); new
 * threads and child processes start without it. Errors: see
 * Documentation/userspace-api/wintok.rst.
 */
#define WT_IOC_SET_BACKUP_INTENT _IOWR(WT_IOC_MAGIC, 0x25, struct wt_backup_intent)

#endif /* _UAPI_LINUX_WINTOK_IOCTL_H */
