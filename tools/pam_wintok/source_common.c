// SPDX-License-Identifier: GPL-2.0
/*
 * pam_wintok - what the sources of a user's SIDs (source_*.c) share:
 * the Linux SIDs of unmapped ids, the group list, the user's Linux groups.
 */
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <security/pam_ext.h>
#include <security/pam_modules.h>

#include "pw_source.h"

/**
 * pw_sid_linux() - S-1-22-1-<uid> or S-1-22-2-<gid>
 * @s: filled
 * @group: a gid, else a uid
 * @id: the id
 */
void pw_sid_linux(struct pw_sid *s, int group, uint32_t id)
{
	char text[48];

	snprintf(text, sizeof(text), "S-1-22-%d-%u", group ? 2 : 1, id);
	pw_sid_parse(text, s);
	s->has_id = 1;
	s->id = id;
}

/**
 * pw_add_group() - add a group SID to @id once
 * @id: the identity
 * @s: the group
 *
 * Return: PAM_SUCCESS, or PAM_SESSION_ERR past PW_MAX_GROUPS.
 */
int pw_add_group(struct pw_ident *id, const struct pw_sid *s)
{
	unsigned int i;

	for (i = 0; i < id->ngroups; i++)
		if (id->groups[i].len == s->len &&
		    !memcmp(id->groups[i].sid, s->sid, s->len))
			return PAM_SUCCESS;
	if (id->ngroups == PW_MAX_GROUPS)
		return PAM_SESSION_ERR;
	id->groups[id->ngroups++] = *s;
	return PAM_SUCCESS;
}

/**
 * pw_user_groups() - the user's Linux groups (getgrouplist())
 * @c: the request
 * @gids: out: malloc()ed
 * @ngids: out: entries
 *
 * Return: PAM_SUCCESS, PAM_BUF_ERR, or PAM_SESSION_ERR for more than
 * PW_MAX_GROUPS groups.
 */
int pw_user_groups(const struct pw_ctx *c, gid_t **gids, int *ngids)
{
	int n = 64;
	gid_t *g = NULL, *ng;

	for (;;) {
		int want = n;

		ng = realloc(g, sizeof(*g) * n);
		if (!ng) {
			free(g);
			return PAM_BUF_ERR;
		}
		g = ng;
		if (getgrouplist(c->pw->pw_name, c->pw->pw_gid, g, &want) >= 0) {
			n = want;
			break;
		}
		if (want <= n || want > 65536) {
			free(g);
			return PAM_BUF_ERR;
		}
		n = want;
	}
	if (n > PW_MAX_GROUPS) {
		pam_syslog(c->pamh, LOG_ERR, "%s is in %d groups, more than %d",
			   c->pw->pw_name, n, PW_MAX_GROUPS);
		free(g);
		return PAM_SESSION_ERR;
	}
	*gids = g;
	*ngids = n;
	return PAM_SUCCESS;
}
