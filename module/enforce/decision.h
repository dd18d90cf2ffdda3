/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok - a small decision cache per security descriptor, as SELinux's
 * AVC caches decisions: a repeated check of one object by the same token
 * contents skips the walk of the DACL.
 *
 * A decision is named by the token state's serial (unique, never reused,
 * and a published state never changes) and lives with the parsed SD it
 * was made from (an SD change publishes a new parsed SD with an empty
 * cache): it cannot go stale. Only grants are cached, and only what the
 * check gives without any privilege, so no privilege use goes unreported;
 * SDs with audit ACEs and requests with flags (backup intent) always take
 * the full check.
 *
 * Readers take no lock (a sequence count, under the RCU read lock that
 * keeps the SD alive); writers never wait (a trylock), so both work in
 * atomic context.
 */
#ifndef WT_DECISION_H
#define WT_DECISION_H

#include <linux/seqlock.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include "wt_access.h"

#define WT_DECISIONS	4

/**
 * struct wt_decision - what one token's contents get from one SD
 * @serial: the token state's serial; 0: an empty slot
 * @plain: MAXIMUM_ALLOWED without any privilege
 * @maximum: MAXIMUM_ALLOWED with the token's enabled privileges
 */
struct wt_decision {
	u64 serial;
	u32 plain;
	u32 maximum;
};

/**
 * struct wt_decision_cache - recent decisions of one parsed SD
 * @off: the SD has audit ACEs: every check must run (and audit)
 * @next: the slot the next decision replaces
 * @lock: serialises writers of @slots (taken with trylock only)
 * @seq: lets lock-free readers of @slots see a consistent slot
 * @slots: the decisions
 */
struct wt_decision_cache {
	bool off;
	u8 next;
	spinlock_t lock;	/* writers of @slots, trylock only */
	seqcount_spinlock_t seq;
	struct wt_decision slots[WT_DECISIONS];
};

bool wt_sd_has_audit_aces(const struct wt_sd_view *v);
void wt_decision_cache_init(struct wt_decision_cache *c,
			    const struct wt_sd_view *sd);
enum wt_access_status wt_cached_access_check(struct wt_decision_cache *c,
					     const struct wt_sd_view *sd,
					     const struct wt_token_view *tok,
					     struct wt_access_request *req,
					     struct wt_access_result *res);

#endif /* WT_DECISION_H */
