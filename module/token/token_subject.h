/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok - the subject of a check: the caller's effective token, the
 * impersonation level check, and the impersonation event counters.
 */
#ifndef WT_TOKEN_SUBJECT_H
#define WT_TOKEN_SUBJECT_H

#include <linux/types.h>

#include "audit.h"

struct wt_token;

void wt_imp_event(enum wt_imp_event event, u32 level);
long wt_imp_count(enum wt_imp_event event);
int wt_imp_level_denies(void);
struct wt_token *wt_effective_token(gfp_t gfp);

#endif /* WT_TOKEN_SUBJECT_H */
