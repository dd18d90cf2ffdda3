/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libwbclient's SIDs as pam_wintok holds them (dir_sid_winbind.c), for
 * the files that include <wbclient.h>.
 */
#ifndef DIR_SID_WBC_H
#define DIR_SID_WBC_H

#include <stdbool.h>
#include <stddef.h>
#include <wbclient.h>

#include "dir_sid.h"

int dir_sid_wbc(const struct wbcDomainSid *w, struct pw_sid *s);

#endif /* DIR_SID_WBC_H */
