/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok - the subject of a check: the caller's effective token, the
 * impersonation level check, and the impersonation event counters.
 */
#ifndef WT_TOKEN_SUBJECT_H
#define WT_TOKEN_SUBJECT_H

#include <linux/atomic.h>
#include <linux/types.h>

#include "audit.h"
#include "token_audit.h"

struct wt_token;

extern atomic_long_t wt_imp_counts[WT_IMP_EVENT_COUNT];

/**
 * wt_imp_event() - record an impersonation event
 * @event: what happened
 * @level: the level concerned (the level granted, or asked for)
 *
 * The one place impersonation start, end and refusals pass through;
 * inline, as every impersonation and revert records one.
 *
 * Context: any but NMI; never sleeps.
 */
static inline void wt_imp_event(enum wt_imp_event event, u32 level)
{
	atomic_long_inc(&wt_imp_counts[event]);
	wt_audit_imp(event, level);
}

long wt_imp_count(enum wt_imp_event event);
int wt_imp_level_denies(void);
struct wt_token *wt_effective_token(gfp_t gfp);

#endif /* WT_TOKEN_SUBJECT_H */
