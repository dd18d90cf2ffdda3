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
#include <sss_nss_idmap.h>
#include <security/pam_ext.h>
#include <security/pam_modules.h>

#include "pw_source.h"

/* The SID SSSD gives uid (@group 0) or gid @n; an errno when it has none. */
static int sss_sid(int group, uint32_t n, struct pw_sid *s)
{
	enum sss_id_type type;
	char *text = NULL;
	int err;

	err = group ? sss_nss_getsidbygid(n, &text, &type) :
		      sss_nss_getsidbyuid(n, &text, &type);
	if (!err && pw_sid_parse(text, s))
		err = EINVAL;
	free(text);
	if (!err) {
		s->has_id = 1;
		s->id = n;
	}
	return err;
}

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

	err = sss_sid(0, c->pw->pw_uid, &id->user);
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
	if (sss_sid(1, c->pw->pw_gid, &id->primary))
		pw_sid_linux(&id->primary, 1, c->pw->pw_gid);
	rc = pw_add_group(id, &id->primary);
	for (i = 0; rc == PAM_SUCCESS && i < ngids; i++) {
		struct pw_sid g;

		if (sss_sid(1, gids[i], &g))
			pw_sid_linux(&g, 1, gids[i]);
		rc = pw_add_group(id, &g);
	}
	free(gids);
	return rc;
}
