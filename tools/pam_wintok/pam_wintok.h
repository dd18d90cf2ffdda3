/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pam_wintok - what its parts share: the options (pam_wintok.c), the
 * kernel's id map (idmap.c) and the logon's session, privileges, token
 * and assignment (token.c). The sources of the SIDs are in pw_source.h.
 */
#ifndef PAM_WINTOK_H
#define PAM_WINTOK_H

#include <pwd.h>
#include <stdint.h>
#include <sys/types.h>
#include <security/pam_modules.h>
#include <linux/wintok.h>

#include "pw_source.h"

struct wtnl;

enum pw_source_kind { PW_FILE, PW_WINBIND, PW_SSS };

/* assign=: now, at the next exec, or by service (exec for login, sshd) */
enum { PW_ASSIGN_AUTO, PW_ASSIGN_SELF, PW_ASSIGN_EXEC };

/**
 * struct pw_opts - the options of the PAM line
 * @source: where the SIDs come from (PW_FILE, PW_WINBIND, PW_SSS)
 * @map: the map file (source=file)
 * @logon: WT_LOGON_*, 0: by service and tty
 * @integrity: the token's integrity level (WT_INTEGRITY_*)
 * @derive: on_error=derive
 * @assign: PW_ASSIGN_*
 */
struct pw_opts {
	enum pw_source_kind source;
	const char *map;
	uint32_t logon;
	uint32_t integrity;
	int derive;
	int assign;
};

/*
 * idmap.c: add the user's and its groups' SIDs to the kernel's id map
 * where they are missing. PAM_SUCCESS, PAM_BUF_ERR or PAM_SESSION_ERR
 * (logged).
 */
int pw_sync_idmap(pam_handle_t *pamh, struct wtnl *nl,
		  const struct pw_ident *id);

/* token.c: a new logon session of @type for @user: its LUID, or 0. */
uint64_t pw_create_session(pam_handle_t *pamh, struct wtnl *nl,
			   uint32_t type, const struct pw_sid *user);
/*
 * Enable SeCreateTokenPrivilege, SeAssignPrimaryTokenPrivilege and
 * SeTcbPrivilege in the caller's token, @prev receiving what
 * pw_restore_privileges() puts back: 0, or -1 with errno (EPERM: the
 * token lacks one).
 */
int pw_enable_privileges(struct wt_luid_and_attributes *prev, uint32_t *nprev);
void pw_restore_privileges(const struct wt_luid_and_attributes *prev,
			   uint32_t nprev);
/*
 * The privilege policy's privileges for @pw, read from a token derived
 * for its ids in a child. PAM_SUCCESS, or an error (logged).
 */
int pw_policy_privileges(pam_handle_t *pamh, const struct passwd *pw,
			 struct wt_luid_and_attributes *out, uint32_t *n);
/* The token of session @luid of @type for @id: its fd, or -1 with errno. */
int pw_create_token(int dev, const struct pw_ident *id, uint64_t luid,
		    uint32_t type, const struct pw_opts *o,
		    const struct wt_luid_and_attributes *privs, uint32_t nprivs);
/*
 * Assign @tokfd to the caller now (@exec 0; its real uid becomes @uid)
 * or leave it pending for the next matching exec: 0, or -1 with errno.
 */
int pw_assign(int dev, int tokfd, uid_t uid, int exec);

#endif /* PAM_WINTOK_H */
