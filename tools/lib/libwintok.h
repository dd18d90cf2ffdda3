/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libwintok - a small C library over the wintok ioctls.
 *
 * Functions return 0 or a positive value on success and -1 with errno set
 * on failure, like the system calls they wrap.
 */
#ifndef LIBWINTOK_H
#define LIBWINTOK_H

#include <stddef.h>
#include <sys/types.h>

#include <linux/wintok.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * wt_open_device() - open /dev/wintok
 *
 * Return: a file descriptor (O_CLOEXEC), or -1 with errno set.
 */
int wt_open_device(void);

/**
 * wt_get_version() - ask the loaded module for its ABI version
 * @devfd: a descriptor of /dev/wintok, or -1 to open and close one
 * @version: filled with the module's answer
 *
 * Return: 0, or -1 with errno set (ENOENT: module not loaded).
 */
int wt_get_version(int devfd, struct wt_version *version);

/**
 * wt_open_process_token() - open the calling process's primary token
 * @devfd: a descriptor of /dev/wintok, or -1 to open and close one
 * @desired_access: WT_TOKEN_* rights (GENERIC_* and WT_MAXIMUM_ALLOWED
 *	accepted), like OpenProcessToken()'s DesiredAccess
 * @granted_access: if not NULL, receives the rights the handle carries
 *
 * Return: a token file descriptor (close-on-exec), or -1 with errno set.
 */
int wt_open_process_token(int devfd, __u32 desired_access,
			  __u32 *granted_access);

/**
 * wt_get_token_information() - GetTokenInformation() over a token fd
 * @tokfd: a token file descriptor with WT_TOKEN_QUERY (or QUERY_SOURCE)
 * @info_class: a WT_TOKEN_INFO_* class
 * @buf: the answer buffer (may be NULL when @len is 0)
 * @len: bytes at @buf
 * @return_length: if not NULL, receives the size of the answer, also when
 *	the call fails with ERANGE (buffer too small: a size probe)
 *
 * Return: 0, or -1 with errno set (ERANGE: @len too small).
 */
int wt_get_token_information(int tokfd, __u32 info_class, void *buf,
			     __u32 len, __u32 *return_length);

/**
 * wt_adjust_token_privileges() - AdjustTokenPrivileges() over a token fd
 * @tokfd: a token file descriptor with WT_TOKEN_ADJUST_PRIVILEGES
 * @disable_all: non-zero: disable every privilege (@new_state ignored)
 * @new_state: @count privileges; attributes WT_SE_PRIVILEGE_ENABLED
 *	enables, 0 disables, WT_SE_PRIVILEGE_REMOVED removes
 * @count: entries at @new_state (0 with @disable_all)
 * @previous: NULL, or room for *@previous_count entries that receive the
 *	previous attributes of the privileges the call changed
 * @previous_count: with @previous: in, its room; out, entries written (or
 *	needed, on ERANGE)
 * @not_all_assigned: if not NULL, set to 1 when a privilege named in
 *	@new_state is not held (ERROR_NOT_ALL_ASSIGNED), else 0
 *
 * Return: 0, or -1 with errno set.
 */
int wt_adjust_token_privileges(int tokfd, int disable_all,
			       const struct wt_luid_and_attributes *new_state,
			       __u32 count,
			       struct wt_luid_and_attributes *previous,
			       __u32 *previous_count, int *not_all_assigned);

/**
 * wt_get_token_information_alloc() - probe the size, allocate, query
 * @tokfd: a token file descriptor
 * @info_class: a WT_TOKEN_INFO_* class
 * @len: if not NULL, receives the size of the answer
 *
 * Return: a malloc()ed buffer the caller frees (never NULL on success,
 * even for an empty answer), or NULL with errno set.
 */
void *wt_get_token_information_alloc(int tokfd, __u32 info_class, __u32 *len);

/**
 * wt_sid_string() - format a binary SID as "S-1-..."
 * @sid: the SID bytes
 * @sid_size: their number
 * @buf: output
 * @size: bytes at @buf (192 always suffice)
 *
 * Numbers are decimal, but for an authority of 2^32 or more, which is
 * "0x" and upper-case hex digits, as Windows writes it.
 *
 * Return: the string length, or -1 with errno EINVAL (malformed SID) or
 * ERANGE (@buf too small).
 */
int wt_sid_string(const void *sid, size_t sid_size, char *buf, size_t size);

/**
 * wt_logon_default_dacl() - the default DACL of a logon's token
 * @user: the user's binary SID
 * @user_size: its bytes
 * @acl: output: the ACL
 * @size: bytes at @acl (%WT_LOGON_DACL_MAX always suffice)
 *
 * Grants GENERIC_ALL to the user and to SYSTEM (S-1-5-18), as the token of
 * a Windows logon has it: what wtrun and pam_wintok give the tokens they
 * create (%WT_IOC_CREATE_TOKEN's default_dacl).
 *
 * Return: the ACL's size, or -1 with errno EINVAL (malformed SID) or
 * ERANGE (@acl too small).
 */
#define WT_LOGON_DACL_MAX (8 + 2 * (8 + WT_SID_MAX_BYTES))
int wt_logon_default_dacl(const void *user, size_t user_size, void *acl,
			  size_t size);

/**
 * wt_sid_name() - a readable account name for a SID, like LookupAccountSid()
 * @sid: the SID bytes
 * @sid_size: their number
 * @buf: output
 * @size: bytes at @buf
 *
 * Well-known SIDs get their Windows names, S-1-22-1-uid and S-1-22-2-gid
 * "Unix User\name" and "Unix Group\name" (from the passwd and group
 * databases; the number when unknown), logon SIDs
 * "NT AUTHORITY\LogonSessionId_hi_lo".
 *
 * Return: 0 and a name, or -1 with errno ENOENT (no name known; @buf then
 * holds the S-1-... string) or ERANGE.
 */
int wt_sid_name(const void *sid, size_t sid_size, char *buf, size_t size);

/**
 * wt_privilege_name() - the Windows name of a privilege LUID
 * @luid: WT_SE_*_PRIVILEGE
 *
 * Return: e.g. "SeChangeNotifyPrivilege", or NULL for an unknown LUID.
 */
const char *wt_privilege_name(__u64 luid);

/**
 * wt_privilege_lookup() - the LUID of a privilege named as on Windows
 * @name: e.g. "SeBackupPrivilege" (case does not matter; no NUL needed)
 * @len: bytes of @name
 *
 * Return: the LUID (WT_SE_*_PRIVILEGE), or -1 for an unknown name.
 */
int wt_privilege_lookup(const char *name, size_t len);

/**
 * wt_get_file_security() - GetSecurityInfo() for an open file
 * @devfd: a descriptor of /dev/wintok, or -1 to open and close one
 * @fd: the file or directory, or an AF_UNIX socket (its abstract SD)
 * @selectors: WT_*_SECURITY_INFORMATION bits
 * @buf: receives a self-relative SD (may be NULL when @len is 0)
 * @len: bytes at @buf
 * @return_length: if not NULL, receives the size of the SD, also when the
 *	call fails with ERANGE (a size probe)
 *
 * Return: 0, or -1 with errno set (ENODATA: the file is not governed).
 */
int wt_get_file_security(int devfd, int fd, __u32 selectors, void *buf,
			 __u32 len, __u32 *return_length);

/**
 * wt_get_file_security_alloc() - probe the size, allocate, get
 * @devfd: a descriptor of /dev/wintok, or -1 to open and close one
 * @fd: the file or directory, or an AF_UNIX socket (its abstract SD)
 * @selectors: WT_*_SECURITY_INFORMATION bits
 * @len: if not NULL, receives the size of the SD
 *
 * Return: a malloc()ed SD the caller frees, or NULL with errno set.
 */
void *wt_get_file_security_alloc(int devfd, int fd, __u32 selectors,
				 __u32 *len);

/**
 * wt_set_backup_intent() - backup intent for the calling thread's file checks
 * @devfd: a descriptor of /dev/wintok, or -1 to open and close one
 * @on: non-zero: every file check of this thread is made with backup
 *	intent (enabled SeBackupPrivilege / SeRestorePrivilege grant as with
 *	FILE_FLAG_BACKUP_SEMANTICS) until turned off or the thread exits
 * @previous: if not NULL, receives 1 when it was on before, else 0
 *
 * Return: 0, or -1 with errno set.
 */
int wt_set_backup_intent(int devfd, int on, int *previous);

/**
 * wt_set_file_security() - SetSecurityInfo() for an open file
 * @devfd: a descriptor of /dev/wintok, or -1 to open and close one
 * @fd: the file or directory, or an AF_UNIX socket (its abstract SD)
 * @selectors: which parts of @sd to apply (WT_*_SECURITY_INFORMATION)
 * @sd: a self-relative SD
 * @len: its size
 *
 * Return: 0, or -1 with errno set.
 */
int wt_set_file_security(int devfd, int fd, __u32 selectors, const void *sd,
			 __u32 len);

/* ---- ABI version 6: adjusting, restricting, creating, assigning ---- */

/**
 * wt_sid_parse() - parse "S-1-<authority>-<sub>..." into a binary SID
 * @str: the string: numbers in decimal or "0x" hex, "S" in either case
 *	(so what wt_sid_string() writes reads back)
 * @sa: receives the SID in @sa->sid and its size in @sa->sid_size;
 *	@sa->attributes is set to @attributes
 * @attributes: attributes to store with the SID
 *
 * Return: 0, or -1 with errno EINVAL (not a SID).
 */
int wt_sid_parse(const char *str, struct wt_sid_and_attributes *sa,
		 __u32 attributes);

/**
 * wt_adjust_token_groups() - AdjustTokenGroups() over a token fd
 * @tokfd: a token file descriptor with WT_TOKEN_ADJUST_GROUPS
 * @reset_to_default: non-zero: every group back to its default state
 *	(@new_state ignored)
 * @new_state: @count groups; attributes WT_SE_GROUP_ENABLED enables, 0
 *	disables
 * @count: entries at @new_state (0 with @reset_to_default)
 * @previous: NULL, or room for *@previous_count entries receiving the
 *	previous attributes of the groups the call changed
 * @previous_count: with @previous: in, its room; out, entries written (or
 *	needed, on ERANGE)
 * @result: if not NULL, receives the WT_ADJUST_GROUPS_* result bits (also
 *	on EPERM: which rule refused the change)
 *
 * Return: 0, or -1 with errno set (EPERM: a mandatory group would be
 * disabled or a deny-only group enabled; nothing was changed).
 */
int wt_adjust_token_groups(int tokfd, int reset_to_default,
			   const struct wt_sid_and_attributes *new_state,
			   __u32 count, struct wt_sid_and_attributes *previous,
			   __u32 *previous_count, __u32 *result);

/**
 * wt_create_restricted_token() - CreateRestrictedToken() over a token fd
 * @tokfd: a token file descriptor with WT_TOKEN_DUPLICATE
 * @flags: WT_DISABLE_MAX_PRIVILEGE or 0
 * @deny: @deny_count SIDs to make deny-only (attributes 0)
 * @deny_count: entries at @deny
 * @del: @del_count privileges to delete (attributes 0)
 * @del_count: entries at @del
 * @restrict_sids: @restrict_count restricting SIDs (attributes 0)
 * @restrict_count: entries at @restrict_sids
 * @desired_access: rights for the new handle, 0 for those of @tokfd
 * @granted_access: if not NULL, receives the rights of the new handle
 *
 * Return: the new token fd, or -1 with errno set.
 */
int wt_create_restricted_token(int tokfd, __u32 flags,
			       const struct wt_sid_and_attributes *deny,
			       __u32 deny_count,
			       const struct wt_luid_and_attributes *del,
			       __u32 del_count,
			       const struct wt_sid_and_attributes *restrict_sids,
			       __u32 restrict_count, __u32 desired_access,
			       __u32 *granted_access);

/**
 * wt_set_token_information() - SetTokenInformation() over a token fd
 * @tokfd: a token fd with WT_TOKEN_ADJUST_DEFAULT (the session id:
 *	WT_TOKEN_ADJUST_SESSIONID)
 * @info_class: WT_TOKEN_INFO_OWNER, _PRIMARY_GROUP, _DEFAULT_DACL,
 *	_SESSION_ID or _INTEGRITY_LEVEL
 * @buf: the new value, laid out as WT_IOC_QUERY_TOKEN returns it
 * @len: its size
 *
 * Return: 0, or -1 with errno set.
 */
int wt_set_token_information(int tokfd, __u32 info_class, const void *buf,
			     __u32 len);

/**
 * wt_create_token() - NtCreateToken() on /dev/wintok
 * @devfd: a descriptor of /dev/wintok, or -1 to open and close one
 * @desc: the token's description; @desc->size is set here and
 *	@desc->granted_access receives the rights of the handle
 *
 * Needs SeCreateTokenPrivilege enabled in the caller's token.
 *
 * Return: the new token fd, or -1 with errno set.
 */
int wt_create_token(int devfd, struct wt_create_token *desc);

/**
 * wt_claims_append() - add one claim to a claims buffer
 * @buf: the buffer (malloc()ed; *@buf NULL to start one), grown here
 * @len: its length, updated
 * @name: the claim's name (ASCII)
 * @type: %WT_CLAIM_TYPE_INT64, _UINT64, _BOOLEAN (values in @ints) or
 *	%WT_CLAIM_TYPE_STRING (ASCII values in @strs)
 * @flags: WT_CLAIM_FLAG_* bits
 * @ints: the integer values, or NULL
 * @strs: the string values, or NULL
 * @count: number of values (at least 1)
 *
 * Appends one record in the format of %WT_CLAIMS_MAX_LENGTH, for
 * &wt_create_token.user_claims and .device_claims.
 *
 * Return: 0, or -1 with errno EINVAL (bad type, empty name or no value) or
 * ENOMEM.
 */
int wt_claims_append(void **buf, __u32 *len, const char *name, __u16 type,
		     __u32 flags, const __s64 *ints, const char *const *strs,
		     __u32 count);

/**
 * wt_claims_next() - walk a claims buffer (as %WT_IOC_QUERY_TOKEN answers)
 * @buf: the buffer
 * @len: its length
 * @off: cursor, 0 to start
 * @claim: out: the next CLAIM_SECURITY_ATTRIBUTE_RELATIVE_V1
 * @claim_len: out: its length
 *
 * Return: 1 with the next claim, 0 at the end, -1 on a malformed record.
 */
int wt_claims_next(const void *buf, __u32 len, __u32 *off,
		   const unsigned char **claim, __u32 *claim_len);

/**
 * wt_assign_primary_token() - make a token the calling process's primary
 *	token, like the token argument of CreateProcessAsUser()
 * @devfd: a descriptor of /dev/wintok, or -1 to open and close one
 * @tokfd: a primary token fd with WT_TOKEN_ASSIGN_PRIMARY
 *
 * Needs SeAssignPrimaryTokenPrivilege enabled, and a single-threaded
 * caller; the Linux ids of the process follow the token. Call it between
 * fork() and execve().
 *
 * Return: 0, or -1 with errno set.
 */
int wt_assign_primary_token(int devfd, int tokfd);

/**
 * wt_assign_primary_token_at_exec() - leave a token pending: the next
 *	execve() of this process or a child whose real uid is the token's
 *	gives the program that token (WT_ASSIGN_PRIMARY_AT_EXEC, ABI 15)
 * @devfd: a descriptor of /dev/wintok, or -1 to open and close one
 * @tokfd: a primary token fd with WT_TOKEN_ASSIGN_PRIMARY; -1 cancels the
 *	pending assignment
 *
 * Needs SeAssignPrimaryTokenPrivilege enabled (not to cancel) and a
 * single-threaded caller; the caller's ids and token do not change.
 *
 * Return: 0, or -1 with errno set.
 */
int wt_assign_primary_token_at_exec(int devfd, int tokfd);

/**
 * wt_open_process_token_pid() - OpenProcessToken(OpenProcess(pid))
 * @devfd: a descriptor of /dev/wintok, or -1 to open and close one
 * @pid: the process (WT_OPEN_TOKEN_PID), or a pidfd (WT_OPEN_TOKEN_PIDFD)
 * @flags: WT_OPEN_TOKEN_PID or WT_OPEN_TOKEN_PIDFD
 * @desired_access: as for wt_open_process_token()
 * @granted_access: if not NULL, receives the rights the handle carries
 *
 * Return: a token file descriptor, or -1 with errno set (EACCES: the
 * token's DACL does not grant the rights).
 */
int wt_open_process_token_pid(int devfd, int pid, __u32 flags,
			      __u32 desired_access, __u32 *granted_access);

/* ---- impersonation (ABI version 5) ---- */

/*
 * An ioctl on /dev/wintok acts on the calling thread. A thread
 * impersonating at Identification or Anonymous level cannot open files
 * that wintok checks, so it should pass a descriptor of /dev/wintok opened
 * beforehand rather than -1.
 */

/**
 * wt_impersonate_token() - ImpersonateLoggedOnUser() with a token fd
 * @devfd: a descriptor of /dev/wintok, or -1 to open and close one
 * @tokfd: a token fd: an impersonation token with WT_TOKEN_IMPERSONATE,
 *	or a primary token with WT_TOKEN_QUERY and WT_TOKEN_DUPLICATE (used
 *	at Impersonation level)
 * @level: if not NULL, receives the level the thread now impersonates at
 *	(WT_SECURITY_*), lower than asked for when a gate capped it
 * @result: if not NULL, receives WT_IMPERSONATE_* bits saying why the
 *	level was capped (0 when it was not)
 *
 * The calling thread impersonates the token until wt_revert_to_self();
 * an earlier impersonation is replaced. Being capped is not a failure.
 *
 * Return: 0, or -1 with errno set.
 */
int wt_impersonate_token(int devfd, int tokfd, __u32 *level, __u32 *result);

/**
 * wt_revert_to_self() - RevertToSelf()
 * @devfd: a descriptor of /dev/wintok, or -1 to open and close one
 *
 * Ends the calling thread's impersonation and restores exactly the
 * credentials it had before; succeeds when it was not impersonating.
 *
 * Return: 0, or -1 with errno set.
 */
int wt_revert_to_self(int devfd);

/**
 * wt_set_connect_qos() - choose what a server may do with this client
 * @devfd: a descriptor of /dev/wintok, or -1 to open and close one
 * @sockfd: an AF_UNIX stream or seqpacket socket, not yet connected
 * @level: the highest level (WT_SECURITY_*) the server may impersonate
 *	the caller at over this connection
 * @flags: WT_QOS_EFFECTIVE_ONLY (pass on only enabled groups and
 *	privileges) or 0
 *
 * Call before connect(2), like the SECURITY_SQOS_PRESENT flags of
 * CreateFile() on a named pipe. Without it the server gets the module's
 * default_connect_level (Identification unless an administrator changed
 * it).
 *
 * Return: 0, or -1 with errno set (EISCONN: already connected).
 */
int wt_set_connect_qos(int devfd, int sockfd, __u32 level, __u32 flags);

/**
 * wt_impersonate_peer() - ImpersonateNamedPipeClient() on a connection
 * @devfd: a descriptor of /dev/wintok, or -1 to open and close one
 * @sockfd: an accepted AF_UNIX stream or seqpacket socket whose client is
 *	still connected
 * @level: if not NULL, receives the level the thread now impersonates at
 * @result: if not NULL, receives the WT_IMPERSONATE_* bits of a cap
 *
 * The calling thread impersonates the token the client's connect bound
 * to the connection, at the level the client chose, capped by the same
 * gates as wt_impersonate_token().
 *
 * Return: 0, or -1 with errno set (ENOTCONN: not connected or the client
 * is gone).
 */
int wt_impersonate_peer(int devfd, int sockfd, __u32 *level, __u32 *result);

/**
 * wt_open_thread_token() - OpenThreadToken()
 * @devfd: a descriptor of /dev/wintok, or -1 to open and close one
 * @tid: a thread of the calling process, 0 for the calling thread
 * @flags: WT_OPEN_AS_SELF or 0
 * @desired_access: WT_TOKEN_* rights, as for wt_open_process_token()
 * @granted_access: if not NULL, receives the rights the handle carries
 *
 * Return: a token file descriptor (close-on-exec), or -1 with errno set
 * (ENOENT: the thread is not impersonating).
 */
int wt_open_thread_token(int devfd, pid_t tid, __u32 flags,
			 __u32 desired_access, __u32 *granted_access);

/**
 * wt_duplicate_token() - DuplicateTokenEx()
 * @tokfd: a token fd with WT_TOKEN_DUPLICATE
 * @desired_access: WT_TOKEN_* rights for the new handle, 0 for those of
 *	@tokfd
 * @type: WT_TOKEN_PRIMARY or WT_TOKEN_IMPERSONATION
 * @level: WT_SECURITY_* of the new token (for a primary token, what the
 *	source must at least have: WT_SECURITY_IMPERSONATION)
 * @granted_access: if not NULL, receives the rights the new handle carries
 *
 * Return: a new token file descriptor, or -1 with errno set
 * (WT_EBADIMPLEVEL: the level would be raised).
 */
int wt_duplicate_token(int tokfd, __u32 desired_access, __u32 type,
		       __u32 level, __u32 *granted_access);

/**
 * wt_impersonation_level_name() - the Windows name of a level
 * @level: WT_SECURITY_*
 *
 * Return: "Anonymous", "Identification", "Impersonation" or "Delegation",
 * or NULL for an unknown level.
 */
const char *wt_impersonation_level_name(__u32 level);

#ifdef __cplusplus
}
#endif

#endif /* LIBWINTOK_H */
