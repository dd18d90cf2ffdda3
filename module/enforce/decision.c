// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - the decision cache of a parsed SD; see decision.h.
 */
#include <linux/compiler.h>
#include <linux/string.h>

#include "wintok.h"
#include "token.h"
#include "decision.h"

/*
 * Rights a cached decision can answer: standard and specific ones. Not
 * ACCESS_SYSTEM_SECURITY (only a privilege grants it, so a request for it
 * always takes the full check), nor MAXIMUM_ALLOWED or generic bits.
 */
#define WT_DECISION_RIGHTS	0x00ffffffu

/**
 * wt_sd_has_audit_aces() - does @v's SACL hold an ACE other than a label?
 * @v: a parsed SD
 *
 * Return: true when some check on the SD may have to raise an audit.
 */
bool wt_sd_has_audit_aces(const struct wt_sd_view *v)
{
	struct wt_ace_iter it;
	struct wt_ace_view ace;
	bool ok;

	for (ok = wt_acl_first(&v->sacl, &it, &ace); ok; ok = wt_acl_next(&it, &ace))
		if (ace.type != WT_SYSTEM_MANDATORY_LABEL_ACE_TYPE)
			return true;
	return false;
}

/**
 * wt_decision_cache_init() - an empty cache for the parsed SD @sd
 * @c: the cache, stored with @sd
 * @sd: the SD the decisions will be made from
 */
void wt_decision_cache_init(struct wt_decision_cache *c,
			    const struct wt_sd_view *sd)
{
	spin_lock_init(&c->lock);
	seqcount_spinlock_init(&c->seq, &c->lock);
	memset(c->slots, 0, sizeof(c->slots));
	c->next = 0;
	c->off = wt_sd_has_audit_aces(sd);
}

enum wt_decision_found {
	WT_DECISION_NONE,	/* no slot for the state */
	WT_DECISION_HIT,	/* its slot grants the request */
	WT_DECISION_SHORT,	/* its slot does not: ask the full check */
};

/*
 * What the slot of the state @serial says of @desired; on a hit *@maximum
 * is what MAXIMUM_ALLOWED gives with privileges. A slot being written is
 * as good as none.
 */
static enum wt_decision_found wt_decision_lookup(struct wt_decision_cache *c,
						 u64 serial, u32 desired,
						 u32 *maximum)
{
	enum wt_decision_found found = WT_DECISION_NONE;
	unsigned int seq;
	int i;

	seq = raw_read_seqcount(&c->seq);
	if (seq & 1)
		return WT_DECISION_NONE;
	smp_rmb();	/* the slots after the count, see read_seqcount_retry() */
	for (i = 0; i < WT_DECISIONS; i++) {
		const struct wt_decision *d = &c->slots[i];

		if (READ_ONCE(d->serial) == serial) {
			found = desired & ~READ_ONCE(d->plain) ?
				WT_DECISION_SHORT : WT_DECISION_HIT;
			*maximum = READ_ONCE(d->maximum);
			break;
		}
	}
	return read_seqcount_retry(&c->seq, seq) ? WT_DECISION_NONE : found;
}

/*
 * Remember what the state @serial gets: @plain without privileges,
 * @maximum with them. Never waits: when another thread is storing, this
 * one does not.
 */
static void wt_decision_store(struct wt_decision_cache *c, u64 serial,
			      u32 plain, u32 maximum)
{
	struct wt_decision *d;

	if (!spin_trylock(&c->lock))
		return;
	write_seqcount_begin(&c->seq);
	d = &c->slots[c->next];
	c->next = (c->next + 1) % WT_DECISIONS;
	WRITE_ONCE(d->serial, serial);
	WRITE_ONCE(d->plain, plain);
	WRITE_ONCE(d->maximum, maximum);
	write_seqcount_end(&c->seq);
	spin_unlock(&c->lock);
}

/**
 * wt_cached_access_check() - wt_access_check() answered from @c when it can
 * @c: the decision cache kept with @sd
 * @sd: the parsed SD
 * @tok: the token's view, of a published state (wt_view_state())
 * @req: the request; %WT_AC_REPORT_MAXIMUM is added when the request is
 *	one the cache can hold
 * @res: the outcome, as wt_access_check() gives it. A decision from the
 *	cache used no privilege and asks for no audit, so it has nothing
 *	for wt_audit_access() to report.
 *
 * Context: under the RCU read lock (or a reference) that keeps @sd and
 * @tok alive; never sleeps, takes no lock it could wait for.
 *
 * Return: the status of the check.
 */
enum wt_access_status wt_cached_access_check(struct wt_decision_cache *c,
					     const struct wt_sd_view *sd,
					     const struct wt_token_view *tok,
					     struct wt_access_request *req,
					     struct wt_access_result *res)
{
	enum wt_decision_found found = WT_DECISION_NONE;
	u64 serial = wt_view_state(tok)->serial;
	enum wt_access_status status;
	bool cacheable;
	u32 maximum;

	cacheable = !c->off && !(req->flags & ~WT_AC_REPORT_MAXIMUM) &&
		    !req->withheld_privileges && !req->principal_self &&
		    req->desired && !(req->desired & ~WT_DECISION_RIGHTS);
	if (cacheable)
		found = wt_decision_lookup(c, serial, req->desired, &maximum);
	if (found == WT_DECISION_HIT) {
		memset(res, 0, sizeof(*res));
		res->status = WT_STATUS_OK;
		res->granted = req->desired;
		if (req->flags & WT_AC_REPORT_MAXIMUM)
			res->maximum = maximum;
		return WT_STATUS_OK;
	}
	/* A state whose slot is there already has nothing new to store. */
	cacheable = cacheable && found == WT_DECISION_NONE;
	if (cacheable)
		req->flags |= WT_AC_REPORT_MAXIMUM;
	status = wt_access_check(sd, tok, req, res);
	if (cacheable && status == WT_STATUS_OK) {
		struct wt_access_request plain = {
			.desired = WT_MAXIMUM_ALLOWED, .mapping = req->mapping,
			.withheld_privileges = ~0ULL,
		};
		struct wt_access_result pres;

		/* Without privileges that count, the one walk said it all. */
		if (!(tok->privileges & WT_AC_PRIVILEGES))
			wt_decision_store(c, serial, res->maximum, res->maximum);
		else if (wt_access_check(sd, tok, &plain, &pres) == WT_STATUS_OK)
			wt_decision_store(c, serial, pres.granted, res->maximum);
	}
	return status;
}
