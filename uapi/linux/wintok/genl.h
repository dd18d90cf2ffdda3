/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * wintok - the generic netlink ABI: the family "wintok", its commands,
 * attributes and audit events.
 *
 * Part of <linux/wintok.h>: include that, not this.
 */
#ifndef _UAPI_LINUX_WINTOK_GENL_H
#define _UAPI_LINUX_WINTOK_GENL_H

/* ---- Generic netlink (ABI version 8) ---- */

/*
 * The generic netlink family "wintok" (version %WT_GENL_VERSION) carries
 * what is system-wide rather than per handle: the privilege policy, the
 * SID <-> id map, the default connect level, statistics, the token of any
 * process, and the audit events (multicast group "audit"). Requests carry
 * no family header besides struct genlmsghdr. Every attribute is checked
 * strictly: an unknown attribute, a wrong length or type or a missing
 * required attribute fails with EINVAL, a value outside its range with
 * ERANGE, both with an extended ACK message. Errors of each command: see
 * Documentation/userspace-api/wintok.rst.
 */

/**
 * define WT_GENL_NAME - name of the generic netlink family
 */
#define WT_GENL_NAME "wintok"

/**
 * define WT_GENL_VERSION - version of the family's commands and attributes
 *
 * Incremented with every command or attribute added; the kernel reports it
 * in the family's CTRL_ATTR_VERSION. Version 2: %WT_A_IDMAP may appear
 * more than once in %WT_CMD_SET_IDMAP (an attribute holds at most 64 KiB,
 * the map up to %WT_IDMAP_MAX_ENTRIES = 4096 entries) and
 * %WT_CMD_GET_IDMAP can be dumped (NLM_F_DUMP); version 1 took one list
 * of at most 256 entries.
 */
#define WT_GENL_VERSION 2

/**
 * define WT_GENL_MCGRP_AUDIT - multicast group of the audit events
 *
 * Joining it needs CAP_SYS_ADMIN (the events name other users' files).
 */
#define WT_GENL_MCGRP_AUDIT "audit"

/**
 * enum wt_genl_cmd - commands of the "wintok" family
 * @WT_CMD_UNSPEC: unused
 * @WT_CMD_GET_POLICY: reply: %WT_A_POLICY, the privilege policy
 * @WT_CMD_SET_POLICY: replace the privilege policy with %WT_A_POLICY
 *	(required; empty clears). Needs SeTcbPrivilege enabled.
 * @WT_CMD_GET_CONNECT_LEVEL: reply: %WT_A_LEVEL, the default connect level
 * @WT_CMD_SET_CONNECT_LEVEL: set the default connect level to %WT_A_LEVEL
 *	(required). Needs SeTcbPrivilege enabled.
 * @WT_CMD_GET_STATS: reply: the counters, %WT_A_STAT_* attributes
 * @WT_CMD_GET_TOKEN: reply: %WT_A_TOKEN, the token of thread or process
 *	%WT_A_PID (required); its primary token, or with %WT_A_EFFECTIVE the
 *	token its access checks use (an impersonation token if it has one).
 *	Needs the same user SID as the target's token, or SeDebugPrivilege
 *	or SeTcbPrivilege enabled.
 * @WT_CMD_GET_IDMAP: reply: %WT_A_IDMAP, the SID <-> id map
 * @WT_CMD_SET_IDMAP: replace the SID <-> id map with %WT_A_IDMAP
 *	(required; empty clears). Needs SeTcbPrivilege enabled.
 * @WT_CMD_AUDIT_EVENT: an audit event (kernel to user, group "audit"),
 *	attributes %WT_A_EV_*
 * @WT_CMD_GET_SESSION: reply: %WT_A_SESSION, the logon session
 *	%WT_A_LOGON_ID (required). The caller's own sessions (same user SID),
 *	or any with SeDebugPrivilege or SeTcbPrivilege enabled.
 * @WT_CMD_LIST_SESSIONS: dump (NLM_F_DUMP): one message with a
 *	%WT_A_SESSION per logon session the caller may see (as above)
 * @WT_CMD_CREATE_SESSION: start a logon session of type %WT_A_LOGON_TYPE
 *	(required; %WT_LOGON_INTERACTIVE, %WT_LOGON_NETWORK, %WT_LOGON_BATCH
 *	or %WT_LOGON_SERVICE) for user %WT_A_USER_SID (required); reply:
 *	%WT_A_SESSION, the new session (its LUID, a fresh one, and logon
 *	SID). Needs SeTcbPrivilege enabled. The session holds no token: it
 *	is kept for %WT_SESSION_PENDING_SECONDS for a %WT_IOC_CREATE_TOKEN
 *	with that authentication id and the same user to join it, then
 *	lives as long as its tokens; unjoined, it ends by itself. At most
 *	%WT_SESSION_PENDING_MAX sessions wait at once.
 * @__WT_CMD_MAX: internal
 * @WT_CMD_MAX: highest command
 */
enum wt_genl_cmd {
	WT_CMD_UNSPEC,
	WT_CMD_GET_POLICY,
	WT_CMD_SET_POLICY,
	WT_CMD_GET_CONNECT_LEVEL,
	WT_CMD_SET_CONNECT_LEVEL,
	WT_CMD_GET_STATS,
	WT_CMD_GET_TOKEN,
	WT_CMD_GET_IDMAP,
	WT_CMD_SET_IDMAP,
	WT_CMD_AUDIT_EVENT,
	WT_CMD_GET_SESSION,
	WT_CMD_LIST_SESSIONS,
	WT_CMD_CREATE_SESSION,
	__WT_CMD_MAX,
	WT_CMD_MAX = __WT_CMD_MAX - 1
};

/**
 * enum wt_genl_attr - attributes of the "wintok" family
 * @WT_A_UNSPEC: unused
 * @WT_A_POLICY: nested: zero to %WT_POLICY_MAX_RULES %WT_A_POLICY_RULE
 * @WT_A_POLICY_RULE: nested in %WT_A_POLICY: one rule, &enum wt_rule_attr
 * @WT_A_LEVEL: u32, WT_SECURITY_* (0 to 3)
 * @WT_A_PID: u32, a thread or process id in the caller's pid namespace
 * @WT_A_EFFECTIVE: flag: %WT_CMD_GET_TOKEN reports the effective token
 * @WT_A_TOKEN: nested: a token, &enum wt_token_attr
 * @WT_A_IDMAP: nested: %WT_A_IDMAP_ENTRY items; in %WT_CMD_SET_IDMAP
 *	repeated when they pass 64 KiB, the map being every item of every
 *	list in order (zero to %WT_IDMAP_MAX_ENTRIES in all)
 * @WT_A_IDMAP_ENTRY: nested in %WT_A_IDMAP: &enum wt_idmap_attr
 * @WT_A_STAT_CHECKS: u64, checks run by the hooks
 * @WT_A_STAT_DENIALS: u64, checks that denied
 * @WT_A_STAT_IMPERSONATIONS: u64, impersonations started
 * @WT_A_STAT_IMP_CAPPED: u64, impersonations capped at Identification
 * @WT_A_STAT_IMP_REVERTS: u64, impersonations ended by RevertToSelf
 * @WT_A_STAT_IMP_LEVEL_DENIALS: u64, accesses refused for the thread's level
 * @WT_A_STAT_INTERNAL_ERRORS: u64, checks denied on an internal error
 *	(hook errors, file errors, credentials refused for lack of memory)
 * @WT_A_STAT_AUDIT_EVENTS: u64, audit events delivered
 * @WT_A_STAT_AUDIT_DROPPED: u64, audit events dropped (rate limit, full
 *	queue, no memory)
 * @WT_A_STAT_LIVE_TOKENS: u64, token objects alive
 * @WT_A_PAD: padding for 64-bit attributes
 * @WT_A_EV_TYPE: u32, WT_AUDIT_* (what happened)
 * @WT_A_EV_SEQ: u64, sequence number of the event (gaps: dropped events)
 * @WT_A_EV_TIME: u64, CLOCK_REALTIME nanoseconds
 * @WT_A_EV_PID: u32, process (thread group) id, initial pid namespace
 * @WT_A_EV_TID: u32, thread id, initial pid namespace
 * @WT_A_EV_USER_SID: binary SID: the user of the primary token
 * @WT_A_EV_CLIENT_SID: binary SID: the client a thread impersonates
 * @WT_A_EV_LEVEL: u32, the impersonation level (with %WT_A_EV_CLIENT_SID,
 *	and for impersonation events)
 * @WT_A_EV_OP: string: the operation ("file_open", "unlink", ...)
 * @WT_A_EV_PATH: string: the object (a path, which may be truncated, or
 *	another object's name: see %WT_AUDIT_ACCESS_DENIED)
 * @WT_A_EV_DESIRED: u32, access mask asked for
 * @WT_A_EV_GRANTED: u32, access mask granted (0 for a denial)
 * @WT_A_EV_ERRNO: u32, the error the caller got (positive), 0 on success
 * @WT_A_EV_COMM: string: the thread's command name
 * @WT_A_LOGON_ID: u64, a logon session (its LUID, a token's authentication
 *	id)
 * @WT_A_SESSION: nested: a logon session, &enum wt_session_attr
 * @WT_A_STAT_LIVE_SESSIONS: u64, logon sessions alive
 * @WT_A_EV_PRIVILEGE: u32, the LUID of the privilege a
 *	%WT_AUDIT_PRIVILEGE_USE event reports
 * @WT_A_EV_LOGON_ID: u64, the logon session of a %WT_AUDIT_LOGON or
 *	%WT_AUDIT_LOGOFF event
 * @WT_A_EV_LOGON_TYPE: u32, its logon type (WT_LOGON_*)
 * @WT_A_LOGON_TYPE: u32, WT_LOGON_*: the type of a session to create
 * @WT_A_USER_SID: binary SID, 8 to %WT_SID_MAX_BYTES bytes: the user of a
 *	session to create
 * @WT_A_EV_TOKEN_USER: binary SID: the user of the token a
 *	%WT_AUDIT_TOKEN_CREATED event reports
 * @WT_A_EV_TOKEN_ID: u64, that token's id
 * @__WT_A_MAX: internal
 * @WT_A_MAX: highest attribute
 */
enum wt_genl_attr {
	WT_A_UNSPEC,
	WT_A_POLICY,
	WT_A_POLICY_RULE,
	WT_A_LEVEL,
	WT_A_PID,
	WT_A_EFFECTIVE,
	WT_A_TOKEN,
	WT_A_IDMAP,
	WT_A_IDMAP_ENTRY,
	WT_A_STAT_CHECKS,
	WT_A_STAT_DENIALS,
	WT_A_STAT_IMPERSONATIONS,
	WT_A_STAT_IMP_CAPPED,
	WT_A_STAT_IMP_REVERTS,
	WT_A_STAT_IMP_LEVEL_DENIALS,
	WT_A_STAT_INTERNAL_ERRORS,
	WT_A_STAT_AUDIT_EVENTS,
	WT_A_STAT_AUDIT_DROPPED,
	WT_A_STAT_LIVE_TOKENS,
	WT_A_PAD,
	WT_A_EV_TYPE,
	WT_A_EV_SEQ,
	WT_A_EV_TIME,
	WT_A_EV_PID,
	WT_A_EV_TID,
	WT_A_EV_USER_SID,
	WT_A_EV_CLIENT_SID,
	WT_A_EV_LEVEL,
	WT_A_EV_OP,
	WT_A_EV_PATH,
	WT_A_EV_DESIRED,
	WT_A_EV_GRANTED,
	WT_A_EV_ERRNO,
	WT_A_EV_COMM,
	WT_A_LOGON_ID,
	WT_A_SESSION,
	WT_A_STAT_LIVE_SESSIONS,
	WT_A_EV_PRIVILEGE,
	WT_A_EV_LOGON_ID,
	WT_A_EV_LOGON_TYPE,
	WT_A_LOGON_TYPE,
	WT_A_USER_SID,
	WT_A_EV_TOKEN_USER,
	WT_A_EV_TOKEN_ID,
	__WT_A_MAX,
	WT_A_MAX = __WT_A_MAX - 1
};

/**
 * define WT_POLICY_MAX_RULES - most rules a privilege policy holds
 */
#define WT_POLICY_MAX_RULES 64

/* wt_rule_attr WT_RULE_A_KIND values */
#define WT_POLICY_UID	0	/* matches the effective uid */
#define WT_POLICY_GID	1	/* matches the effective or a supplementary gid */

/**
 * enum wt_rule_attr - attributes of a %WT_A_POLICY_RULE
 * @WT_RULE_A_UNSPEC: unused
 * @WT_RULE_A_KIND: u32, %WT_POLICY_UID or %WT_POLICY_GID (required)
 * @WT_RULE_A_ID: u32, the uid or gid, init user namespace, not
 *	4294967295 (required)
 * @WT_RULE_A_PRIVILEGES: u64, privileges added, bit (1 << LUID) for LUIDs
 *	%WT_SE_MIN_PRIVILEGE to %WT_SE_MAX_PRIVILEGE, at least one (required)
 * @WT_RULE_A_PAD: padding
 * @__WT_RULE_A_MAX: internal
 * @WT_RULE_A_MAX: highest attribute
 */
enum wt_rule_attr {
	WT_RULE_A_UNSPEC,
	WT_RULE_A_KIND,
	WT_RULE_A_ID,
	WT_RULE_A_PRIVILEGES,
	WT_RULE_A_PAD,
	__WT_RULE_A_MAX,
	WT_RULE_A_MAX = __WT_RULE_A_MAX - 1
};

/**
 * define WT_IDMAP_MAX_ENTRIES - most entries the SID to id map holds
 *
 * 256 before the map was used for derivation too. A full map of the
 * longest SIDs is a request and a reply of about 380 KiB: a sender needs
 * SO_SNDBUF above the default (wtnl_open() asks for it) and a receiver a
 * buffer that large (%WTNL_BUF_SIZE).
 */
#define WT_IDMAP_MAX_ENTRIES 4096

/* wt_idmap_attr WT_IDMAP_A_KIND values */
#define WT_IDMAP_UID	0	/* the SID is a user: maps to a uid */
#define WT_IDMAP_GID	1	/* the SID is a group: maps to a gid */

/**
 * enum wt_idmap_attr - attributes of a %WT_A_IDMAP_ENTRY
 * @WT_IDMAP_A_UNSPEC: unused
 * @WT_IDMAP_A_SID: binary SID, 8 to %WT_SID_MAX_BYTES bytes, not of the
 *	S-1-22 authority (those map by number) (required)
 * @WT_IDMAP_A_KIND: u32, %WT_IDMAP_UID or %WT_IDMAP_GID (required)
 * @WT_IDMAP_A_ID: u32, the uid or gid, init user namespace, not
 *	4294967295 (required)
 * @__WT_IDMAP_A_MAX: internal
 * @WT_IDMAP_A_MAX: highest attribute
 *
 * A SID appears at most once per kind, and an id at most once per kind.
 */
enum wt_idmap_attr {
	WT_IDMAP_A_UNSPEC,
	WT_IDMAP_A_SID,
	WT_IDMAP_A_KIND,
	WT_IDMAP_A_ID,
	__WT_IDMAP_A_MAX,
	WT_IDMAP_A_MAX = __WT_IDMAP_A_MAX - 1
};

/**
 * enum wt_token_attr - attributes of a %WT_A_TOKEN
 * @WT_TOKEN_A_UNSPEC: unused
 * @WT_TOKEN_A_USER: binary SID: the user
 * @WT_TOKEN_A_USER_ATTRIBUTES: u32, the user's WT_SE_GROUP_* attributes
 * @WT_TOKEN_A_GROUPS: nested: one %WT_TOKEN_A_GROUP per group, in order
 * @WT_TOKEN_A_GROUP: nested: %WT_TOKEN_A_SID and %WT_TOKEN_A_ATTRIBUTES
 * @WT_TOKEN_A_SID: binary SID (in a %WT_TOKEN_A_GROUP)
 * @WT_TOKEN_A_ATTRIBUTES: u32, WT_SE_GROUP_* (in a %WT_TOKEN_A_GROUP)
 * @WT_TOKEN_A_PRIVILEGES_PRESENT: u64, privileges held, bit (1 << LUID)
 * @WT_TOKEN_A_PRIVILEGES_ENABLED: u64, privileges enabled
 * @WT_TOKEN_A_INTEGRITY: u32, integrity level RID (WT_INTEGRITY_*)
 * @WT_TOKEN_A_TYPE: u32, %WT_TOKEN_PRIMARY or %WT_TOKEN_IMPERSONATION
 * @WT_TOKEN_A_LEVEL: u32, WT_SECURITY_* (impersonation tokens)
 * @WT_TOKEN_A_LOGON_ID: u64, the logon session (authentication id)
 * @WT_TOKEN_A_TOKEN_ID: u64, the token id
 * @WT_TOKEN_A_PAD: padding
 * @WT_TOKEN_A_OWNER: binary SID: the default owner of new objects
 * @WT_TOKEN_A_PRIMARY_GROUP: binary SID: the default primary group
 * @WT_TOKEN_A_RESTRICTED: nested: the restricting SIDs, one
 *	%WT_TOKEN_A_GROUP each (absent when there are none)
 * @WT_TOKEN_A_DEFAULT_DACL: binary: the default DACL, an [MS-DTYP] ACL
 *	(absent when the token has none)
 * @WT_TOKEN_A_MANDATORY_POLICY: u32, WT_TOKEN_MANDATORY_POLICY_*
 * @WT_TOKEN_A_SESSION_ID: u32, the terminal session id
 * @WT_TOKEN_A_ORIGIN: u64, the logon session that caused this one (0: none)
 * @WT_TOKEN_A_ELEVATION_TYPE: u32, WT_TOKEN_ELEVATION_TYPE_*
 * @WT_TOKEN_A_SOURCE_NAME: binary, 8 bytes: the token source's name,
 *	NUL-padded
 * @WT_TOKEN_A_SOURCE_LUID: u64, the token source's id
 * @WT_TOKEN_A_MODIFIED_ID: u64, changes whenever the contents change
 * @WT_TOKEN_A_PRIVILEGES_DEFAULT: u64, privileges enabled by default
 * @__WT_TOKEN_A_MAX: internal
 * @WT_TOKEN_A_MAX: highest attribute
 */
enum wt_token_attr {
	WT_TOKEN_A_UNSPEC,
	WT_TOKEN_A_USER,
	WT_TOKEN_A_USER_ATTRIBUTES,
	WT_TOKEN_A_GROUPS,
	WT_TOKEN_A_GROUP,
	WT_TOKEN_A_SID,
	WT_TOKEN_A_ATTRIBUTES,
	WT_TOKEN_A_PRIVILEGES_PRESENT,
	WT_TOKEN_A_PRIVILEGES_ENABLED,
	WT_TOKEN_A_INTEGRITY,
	WT_TOKEN_A_TYPE,
	WT_TOKEN_A_LEVEL,
	WT_TOKEN_A_LOGON_ID,
	WT_TOKEN_A_TOKEN_ID,
	WT_TOKEN_A_PAD,
	WT_TOKEN_A_OWNER,
	WT_TOKEN_A_PRIMARY_GROUP,
	WT_TOKEN_A_RESTRICTED,
	WT_TOKEN_A_DEFAULT_DACL,
	WT_TOKEN_A_MANDATORY_POLICY,
	WT_TOKEN_A_SESSION_ID,
	WT_TOKEN_A_ORIGIN,
	WT_TOKEN_A_ELEVATION_TYPE,
	WT_TOKEN_A_SOURCE_NAME,
	WT_TOKEN_A_SOURCE_LUID,
	WT_TOKEN_A_MODIFIED_ID,
	WT_TOKEN_A_PRIVILEGES_DEFAULT,
	__WT_TOKEN_A_MAX,
	WT_TOKEN_A_MAX = __WT_TOKEN_A_MAX - 1
};

/*
 * Logon types (Windows SECURITY_LOGON_TYPE values, and wintok's own from
 * 0x100).
 */
#define WT_LOGON_INTERACTIVE	2
#define WT_LOGON_NETWORK	3	/* also the anonymous logon */
#define WT_LOGON_BATCH		4
#define WT_LOGON_SERVICE	5
#define WT_LOGON_LINUX_IDS	0x100	/* a token derived from Linux ids */

/**
 * define WT_SESSION_PENDING_SECONDS - how long a session made by
 * %WT_CMD_CREATE_SESSION waits for its first token
 */
#define WT_SESSION_PENDING_SECONDS 60

/**
 * define WT_SESSION_PENDING_MAX - most sessions waiting for their first
 * token at once
 */
#define WT_SESSION_PENDING_MAX 64

/**
 * enum wt_session_attr - attributes of a %WT_A_SESSION
 * @WT_SESSION_A_UNSPEC: unused
 * @WT_SESSION_A_LOGON_ID: u64, the session's LUID
 * @WT_SESSION_A_TYPE: u32, WT_LOGON_*
 * @WT_SESSION_A_USER: binary SID: the user logged on
 * @WT_SESSION_A_LOGON_SID: binary SID: the logon SID, S-1-5-5-hi-lo
 * @WT_SESSION_A_TOKENS: u32, tokens referring to the session now
 * @WT_SESSION_A_START_TIME: u64, CLOCK_REALTIME nanoseconds of the logon
 * @WT_SESSION_A_PAD: padding
 * @__WT_SESSION_A_MAX: internal
 * @WT_SESSION_A_MAX: highest attribute
 *
 * A session lives as long as a token refers to it: it goes with the last
 * token of its logon.
 */
enum wt_session_attr {
	WT_SESSION_A_UNSPEC,
	WT_SESSION_A_LOGON_ID,
	WT_SESSION_A_TYPE,
	WT_SESSION_A_USER,
	WT_SESSION_A_LOGON_SID,
	WT_SESSION_A_TOKENS,
	WT_SESSION_A_START_TIME,
	WT_SESSION_A_PAD,
	__WT_SESSION_A_MAX,
	WT_SESSION_A_MAX = __WT_SESSION_A_MAX - 1
};

/**
 * enum wt_audit_type - %WT_A_EV_TYPE values
 * @WT_AUDIT_ACCESS_DENIED: an operation was refused by an access check, one
 *	event per refused operation (%WT_A_EV_OP, %WT_A_EV_PATH,
 *	%WT_A_EV_DESIRED, %WT_A_EV_GRANTED 0). %WT_A_EV_PATH names the
 *	object: a path for files, "msg <id>", "sem <id>" or "shm <id>" for
 *	SysV IPC objects, "unix @<name>" for abstract AF_UNIX sockets (the
 *	name's bytes after the leading NUL), "inode <dev>:<ino>" where no
 *	path is known
 * @WT_AUDIT_IMP_START: a thread began impersonating (%WT_A_EV_LEVEL: the
 *	level it got)
 * @WT_AUDIT_IMP_END: a thread reverted to itself
 * @WT_AUDIT_IMP_REFUSED: an impersonation was capped at Identification
 *	(%WT_A_EV_OP "capped"), or an access was refused for the thread's
 *	level (%WT_A_EV_OP "bad_level")
 * @WT_AUDIT_PRIVILEGE_USE: an operation succeeded because a privilege
 *	(%WT_A_EV_PRIVILEGE) was enabled, and would have failed without it:
 *	an access check a privilege decided (SeBackupPrivilege,
 *	SeRestorePrivilege, SeTakeOwnershipPrivilege, SeSecurityPrivilege,
 *	SeRelabelPrivilege; %WT_A_EV_OP the check, %WT_A_EV_PATH,
 *	%WT_A_EV_DESIRED and %WT_A_EV_GRANTED as for a denial), a raw write
 *	or removal of %WT_XATTR_NAME (SeRestorePrivilege, "xattr"), an
 *	impersonation past the gate (SeImpersonatePrivilege, "impersonate"),
 *	a token created (SeCreateTokenPrivilege, "create_token"), a primary
 *	token assigned (SeAssignPrimaryTokenPrivilege, "assign_primary"), a
 *	setting changed or a session created over netlink (SeTcbPrivilege,
 *	the command's name, e.g. "set_policy")
 * @WT_AUDIT_LOGON: a logon session began (a token was derived for a Linux
 *	identity, or made for an anonymous client): %WT_A_EV_LOGON_ID,
 *	%WT_A_EV_LOGON_TYPE, and %WT_A_EV_USER_SID is the session's user;
 *	pid, tid and comm are those of the thread that caused it
 * @WT_AUDIT_LOGOFF: a logon session ended with its last token: as
 *	%WT_AUDIT_LOGON, with pid and tid 0 (tokens are freed in no task's
 *	context); also when a session made by %WT_CMD_CREATE_SESSION was
 *	never joined (%WT_A_EV_OP "expired")
 * @WT_AUDIT_SACL_SUCCESS: an access check granted, and the object's SACL
 *	has a matching SYSTEM_AUDIT ACE with SUCCESSFUL_ACCESS_ACE_FLAG whose
 *	mask meets the granted rights: one event per such check, with
 *	%WT_A_EV_OP, %WT_A_EV_PATH, %WT_A_EV_DESIRED and %WT_A_EV_GRANTED
 * @WT_AUDIT_SACL_FAILURE: an access check denied, and the SACL has a
 *	matching ACE with FAILED_ACCESS_ACE_FLAG whose mask meets the desired
 *	rights: one event per such check (as above, %WT_A_EV_GRANTED 0), in
 *	addition to the operation's %WT_AUDIT_ACCESS_DENIED
 * @WT_AUDIT_TOKEN_CREATED: a token was made by %WT_IOC_CREATE_TOKEN ("create"),
 *	%WT_IOC_CREATE_RESTRICTED_TOKEN ("restrict") or
 *	%WT_IOC_DUPLICATE_TOKEN ("duplicate"): %WT_A_EV_TOKEN_USER,
 *	%WT_A_EV_TOKEN_ID and %WT_A_EV_LOGON_ID of the new token
 */
enum wt_audit_type {
	WT_AUDIT_ACCESS_DENIED = 1,
	WT_AUDIT_IMP_START,
	WT_AUDIT_IMP_END,
	WT_AUDIT_IMP_REFUSED,
	WT_AUDIT_PRIVILEGE_USE,
	WT_AUDIT_LOGON,
	WT_AUDIT_LOGOFF,
	WT_AUDIT_SACL_SUCCESS,
	WT_AUDIT_SACL_FAILURE,
	WT_AUDIT_TOKEN_CREATED,
};

/**
 * define WT_AUDIT_TYPE_NAMES - the name of each &enum wt_audit_type
 *
 * An initialiser for an array of strings indexed by the type: the names
 * the kernel's audit records (``wintok=<name>``) and wtaudit print, kept
 * here so both print the same. Index 0 has none; a reader names a type
 * without a name (0, or one newer than itself) "unknown".
 */
#define WT_AUDIT_TYPE_NAMES {					\
	[WT_AUDIT_ACCESS_DENIED] = "access_denied",		\
	[WT_AUDIT_IMP_START] = "impersonate",			\
	[WT_AUDIT_IMP_END] = "revert",				\
	[WT_AUDIT_IMP_REFUSED] = "impersonation_refused",	\
	[WT_AUDIT_PRIVILEGE_USE] = "privilege_use",		\
	[WT_AUDIT_LOGON] = "logon",				\
	[WT_AUDIT_LOGOFF] = "logoff",				\
	[WT_AUDIT_SACL_SUCCESS] = "sacl_success",		\
	[WT_AUDIT_SACL_FAILURE] = "sacl_failure",		\
	[WT_AUDIT_TOKEN_CREATED] = "token_created",		\
}

#endif /* _UAPI_LINUX_WINTOK_GENL_H */
