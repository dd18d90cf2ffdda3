// SPDX-License-Identifier: GPL-2.0
/*
 * pam_wintok - the winbind source (libwbclient): the user's SID by its
 * uid, the whole nested set of its group SIDs (domain local groups too)
 * by wbcLookupUserSids(), and the SIDs of its Linux groups, which keep
 * their gids in the kernel's id map so the session's process keeps them.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <wbclient.h>
#include <security/pam_ext.h>
#include <security/pam_modules.h>

#include "dir_sid_wbc.h"

/* The PAM result of a failed winbind call. */
static int wb_result(const struct pw_ctx *c, wbcErr err, const char *what)
{
	pam_syslog(c->pamh, LOG_ERR, "winbind: %s for %s: %s", what,
		   c->pw->pw_name, wbcErrorString(err));
	switch (err) {
	case WBC_ERR_WINBIND_NOT_AVAILABLE:
	case WBC_ERR_DOMAIN_NOT_FOUND:
	case WBC_ERR_NOT_IMPLEMENTED:
		return PAM_AUTHINFO_UNAVAIL;
	case WBC_ERR_NO_MEMORY:
		return PAM_BUF_ERR;
	default:
		return PAM_USER_UNKNOWN;
	}
}

/**
 * pw_source_winbind() - the user's SIDs from winbind
 * @c: the request
 * @id: filled
 *
 * Return: a PAM result, see pw_source.h.
 */
int pw_source_winbind(const struct pw_ctx *c, struct pw_ident *id)
{
	struct wbcDomainSid usid, *sids = NULL;
	uint32_t nsids = 0, i;
	gid_t *gids = NULL;
	int ngids, j, rc;
	wbcErr err;

	err = wbcUidToSid(c->pw->pw_uid, &usid);
	if (!WBC_ERROR_IS_OK(err))
		return wb_result(c, err, "no SID of the uid");
	if (dir_sid_wbc(&usid, &id->user))
		return PAM_USER_UNKNOWN;
	id->user.has_id = 1;
	id->user.id = c->pw->pw_uid;
	err = wbcLookupUserSids(&usid, false, &nsids, &sids);
	if (!WBC_ERROR_IS_OK(err))
		return wb_result(c, err, "no groups");
	rc = pw_user_groups(c, &gids, &ngids);
	if (rc != PAM_SUCCESS)
		goto out;
	/* The Linux groups first: a SID met twice keeps its gid. */
	if (dir_sid_winbind(1, c->pw->pw_gid, &id->primary))
		pw_sid_linux(&id->primary, 1, c->pw->pw_gid);
	rc = pw_add_group(id, &id->primary);
	for (j = 0; rc == PAM_SUCCESS && j < ngids; j++) {
		struct pw_sid g;

		if (dir_sid_winbind(1, gids[j], &g))
			pw_sid_linux(&g, 1, gids[j]);
		rc = pw_add_group(id, &g);
	}
	for (i = 0; rc == PAM_SUCCESS && i < nsids; i++) {
		struct pw_sid g;

		/* The user's own SID comes back first in the list. */
		if (dir_sid_wbc(&sids[i], &g)) {
			rc = PAM_SESSION_ERR;
			break;
		}
		if (g.len == id->user.len && !memcmp(g.sid, id->user.sid, g.len))
			continue;
		rc = pw_add_group(id, &g);
	}
	if (rc == PAM_SESSION_ERR)
		pam_syslog(c->pamh, LOG_ERR, "%s has more than %d group SIDs",
			   c->pw->pw_name, PW_MAX_GROUPS);
out:
	free(gids);
	wbcFreeMemory(sids);
	return rc;
}
