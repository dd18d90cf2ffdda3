/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libwintok - a small C library over the wintok ioctls.
 *
 * Functions return 0 or a positive value on success and -1 with errno set
 * on failure, like the system calls they wrap.
 */
#ifndef LIBWINTOK_H
#define LIBWINTOK_H

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
 * Return: the string length, or -1 with errno EINVAL (malformed SID) or
 * ERANGE (@buf too small).
 */
int wt_sid_string(const void *sid, size_t sid_size, char *buf, size_t size);

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
 * wt_get_file_security() - GetSecurityInfo() for an open file
 * @devfd: a descriptor of /dev/wintok, or -1 to open and close one
 * @fd: the file or directory
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
 * @fd: the file or directory
 * @selectors: WT_*_SECURITY_INFORMATION bits
 * @len: if not NULL, receives the size of the SD
 *
 * Return: a malloc()ed SD the caller frees, or NULL with errno set.
 */
void *wt_get_file_security_alloc(int devfd, int fd, __u32 selectors,
				 __u32 *len);

/**
 * wt_set_file_security() - SetSecurityInfo() for an open file
 * @devfd: a descriptor of /dev/wintok, or -1 to open and close one
 * @fd: the file or directory
 * @selectors: which parts of @sd to apply (WT_*_SECURITY_INFORMATION)
 * @sd: a self-relative SD
 * @len: its size
 *
 * Return: 0, or -1 with errno set.
 */
int wt_set_file_security(int devfd, int fd, __u32 selectors, const void *sd,
			 __u32 len);

#ifdef __cplusplus
}
#endif

#endif /* LIBWINTOK_H */
