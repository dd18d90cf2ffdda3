// SPDX-License-Identifier: GPL-2.0
/*
 * SIDs as pam_wintok's sources and `wtpolicy idmap sync` hold them.
 */
#include <string.h>

#include "libwintok.h"
#include "dir_sid.h"

/**
 * pw_sid_parse() - "S-1-..." into @s (no Linux id)
 * @text: the SID
 * @s: filled
 *
 * Return: 0 or -1.
 */
int pw_sid_parse(const char *text, struct pw_sid *s)
{
	struct wt_sid_and_attributes sa;

	memset(s, 0, sizeof(*s));
	if (wt_sid_parse(text, &sa, 0))
		return -1;
	s->len = sa.sid_size;
	memcpy(s->sid, sa.sid, sa.sid_size);
	return 0;
}
