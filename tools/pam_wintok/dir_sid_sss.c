// SPDX-License-Identifier: GPL-2.0
/*
 * The SID SSSD (libsss_nss_idmap) gives a uid or gid.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sss_nss_idmap.h>

#include "dir_sid.h"

/**
 * dir_sid_sss() - the SID SSSD gives uid (@group 0) or gid @id
 * @group: a gid, else a uid
 * @id: the id
 * @s: filled
 *
 * Return: 0 or an errno, see dir_sid.h (ENOENT: SSSD answered and has
 * none; libsss_nss_idmap's own errno otherwise).
 */
int dir_sid_sss(int group, uint32_t id, struct pw_sid *s)
{
	enum sss_id_type type;
	char *text = NULL;
	int err;

	err = group ? sss_nss_getsidbygid(id, &text, &type) :
		      sss_nss_getsidbyuid(id, &text, &type);
	if (!err && pw_sid_parse(text, s))
		err = ENOENT;
	free(text);
	if (err)
		return err;
	s->has_id = 1;
	s->id = id;
	return 0;
}
