// SPDX-License-Identifier: GPL-2.0
/*
 * pam_wintok - the SSSD source (libsss_nss_idmap): the user's SID by its
 * uid and each of its groups' by gid. The groups are the user's Linux
 * groups as SSSD's NSS answers them (nested groups resolved); a group
 * SSSD has no SID for (a local group) is S-1-22-2-<gid>.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <security/pam_ext.h>
#include <security/pam_modules.h>

#include "dir_sid.h"

/**
 * pw_source_sss() - the user's SIDs from SSSD
 * @c: the request
 * @id: filled
 *
 * Return: a PAM result, see pw_source.h.
 */
int pw_source_sss(const struct pw_ctx *c, struct pw_ident *id)
{
	gid_t *gids = NULL;
	int ngids, i, rc, err;

	err = dir_sid_sss(0, c->pw->pw_uid, &id->user);
	if (err) {
		pam_syslog(c->pamh, LOG_ERR, "sssd: no SID for %s: %s",
			   c->pw->pw_name, strerror(err));
		/* ENOENT: SSSD answered and does not know the user. */
		return err == ENOENT ? PAM_USER_UNKNOWN :
		       err == ENOMEM ? PAM_BUF_ERR : PAM_AUTHINFO_UNAVAIL;
	}
	rc = pw_user_groups(c, &gids, &ngids);
	if (rc != PAM_SUCCESS)
		return rc;
	if (dir_sid_sss(1, c->pw->pw_gid, &id->primary))
		pw_sid_linux(&id->primary, 1, c->pw->pw_gid);
	rc = pw_add_group(id, &id->primary);
	for (i = 0; rc == PAM_SUCCESS && i < ngids; i++) {
		struct pw_sid g;

		if (dir_sid_sss(1, gids[i], &g))
			pw_sid_linux(&g, 1, gids[i]);
		rc = pw_add_group(id, &g);
	}
	free(gids);
	return rc;
}
