// SPDX-License-Identifier: GPL-2.0
/*
 * The SID winbind (libwbclient) gives a uid or gid.
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wbclient.h>

#include "dir_sid_wbc.h"

/* The errno of a failed winbind call (see dir_sid.h). */
static int wb_errno(wbcErr err)
{
	int e = ENOENT;

	if (err == WBC_ERR_WINBIND_NOT_AVAILABLE || err == WBC_ERR_DOMAIN_NOT_FOUND ||
	    err == WBC_ERR_NOT_IMPLEMENTED)
		e = EHOSTDOWN;
	else if (err == WBC_ERR_NO_MEMORY)
		e = ENOMEM;
	return e;
}

/**
 * dir_sid_wbc() - a libwbclient SID into a pw_sid
 * @w: the SID
 * @s: filled (no Linux id)
 *
 * Return: 0 or -1.
 */
int dir_sid_wbc(const struct wbcDomainSid *w, struct pw_sid *s)
{
	char text[WBC_SID_STRING_BUFLEN];

	if (wbcSidToStringBuf(w, text, sizeof(text)) <= 0 ||
	    pw_sid_parse(text, s))
		return -1;
	return 0;
}

/**
 * dir_sid_winbind() - the SID winbind gives uid (@group 0) or gid @id
 * @group: a gid, else a uid
 * @id: the id
 * @s: filled
 *
 * Return: 0 or an errno, see dir_sid.h.
 */
int dir_sid_winbind(int group, uint32_t id, struct pw_sid *s)
{
	struct wbcDomainSid w;
	wbcErr err;

	err = group ? wbcGidToSid(id, &w) : wbcUidToSid(id, &w);
	if (!WBC_ERROR_IS_OK(err))
		return wb_errno(err);
	if (dir_sid_wbc(&w, s))
		return wb_errno(WBC_ERR_INVALID_SID);
	s->has_id = 1;
	s->id = id;
	return 0;
}
