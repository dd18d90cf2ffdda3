/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The SID a directory client on this machine (winbind, SSSD) gives a
 * Linux uid or gid: shared by pam_wintok's sources and by
 * `wtpolicy idmap sync`, without PAM.
 */
#ifndef DIR_SID_H
#define DIR_SID_H

#include <stdint.h>

#include "pw_source.h"

/*
 * Each returns 0 with @s filled (@s->has_id, @s->id: the id asked), or
 * ENOENT (the source answered and has no SID for the id), ENOMEM, or
 * another errno (the source cannot be reached).
 */
int dir_sid_winbind(int group, uint32_t id, struct pw_sid *s);
int dir_sid_sss(int group, uint32_t id, struct pw_sid *s);

/* pw_sid_parse() (pw_source.h) is in dir_sid.c. */

#endif /* DIR_SID_H */
