// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - new tokens made from existing ones: DuplicateTokenEx(), the
 * "effective only" copy a client may ask for, and the anonymous token.
 *
 * A duplicate is a new token object (new token id) with the logon session
 * and the current contents of its source; afterwards the two change
 * independently. Levels only ever go down: an impersonation token cannot
 * be copied at a higher level, and a primary token needs a source that was
 * allowed to act as its client (Impersonation or Delegation).
 */
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "wintok.h"
#include "token.h"
#include "token_ops.h"
#include "audit.h"

/**
 * wt_token_duplicate_as() - copy a token as a given type and level
 * @tok: the source
 * @type: %WT_TOKEN_PRIMARY or %WT_TOKEN_IMPERSONATION
 * @level: WT_SECURITY_* of the copy (kept for primary tokens too)
 * @gfp: allocation flags (GFP_ATOMIC from atomic hooks)
 *
 * The caller has checked that @level does not exceed what @tok allows.
 * The copy is not "derived": it keeps its contents whatever Linux ids
 * the credentials holding it get.
 *
 * Context: any but NMI; never sleeps.
 * Return: the copy with one reference, or ERR_PTR(-ENOMEM).
 */
struct wt_token *wt_token_duplicate_as(struct wt_token *tok, u32 type,
				       u32 level, gfp_t gfp)
{
	struct wt_token *dup = wt_token_duplicate(tok, gfp);

	if (IS_ERR(dup))
		return dup;
	dup->type = type;
	dup->level = level;
	dup->flags &= ~WT_TOKF_DERIVED;
	return dup;
}

/* Groups an "effective only" copy keeps: what can still decide access. */
static bool wt_group_effective(const struct wt_sid_attr *g)
{
	return g->attributes & (WT_SE_GROUP_ENABLED | WT_SE_GROUP_USE_FOR_DENY_ONLY |
				WT_SE_GROUP_INTEGRITY);
}

/*
 * A copy of @st without disabled groups and with only the enabled
 * privileges present. Deny-only groups stay (they only ever deny), as do
 * the integrity label and every restricting SID. The owner index follows
 * its group, or falls back to the user when that group goes.
 */
static struct wt_token_state *wt_state_effective_only(const struct wt_token_state *st)
{
	const struct wt_token_view *v = &st->view;
	u32 dacl_len = st->has_dacl ? st->dacl_sd.len : 0;
	struct wt_token_state *out;
	struct wt_sid_attr *groups;
	u32 i, n = 0, kept = 0;
	int err;

	for (i = 0; i < v->group_count; i++)
		kept += wt_group_effective(&v->groups[i]);
	out = wt_state_alloc(kept, v->restricted_count, dacl_len,
			     GFP_KERNEL_ACCOUNT);
	if (!out)
		return ERR_PTR(-ENOMEM);
	/* claims are kept by duplication, as Windows keeps them */
	wt_state_set_claims(out, wt_claims_get(st->claims));
	groups = wt_state_groups(out);
	out->view.user = v->user;
	out->owner_index = 0;
	for (i = 0; i < v->group_count; i++) {
		if (!wt_group_effective(&v->groups[i]))
			continue;
		groups[n] = v->groups[i];
		if (st->owner_index == i + 1)
			out->owner_index = n + 1;
		n++;
	}
	memcpy(groups + kept, v->restricted,
	       array_size(v->restricted_count, sizeof(*v->restricted)));
	if (dacl_len)
		memcpy(wt_state_dacl_area(out), st->dacl_sd.buf, dacl_len);
	out->view.privileges = v->privileges;
	out->view.integrity_level = v->integrity_level;
	out->view.mandatory_policy = v->mandatory_policy;
	out->privs_present = v->privileges;
	out->privs_default = st->privs_default & v->privileges;
	out->session_id = st->session_id;
	out->primary_group = st->primary_group;
	err = wt_state_finish(out, dacl_len);
	if (err) {
		wt_state_free(out);
		return ERR_PTR(err);
	}
	return out;
}

/**
 * wt_token_effective_only() - an impersonation copy of what is enabled
 * @tok: the source (typically a connection's snapshot)
 * @level: the level of the copy
 *
 * Context: process context; may sleep.
 * Return: a new impersonation token with one reference, or an ERR_PTR.
 */
struct wt_token *wt_token_effective_only(struct wt_token *tok, u32 level)
{
	struct wt_token_state *st;
	struct wt_token *dup;

	dup = wt_token_duplicate_as(tok, WT_TOKEN_IMPERSONATION, level,
				    GFP_KERNEL_ACCOUNT);
	if (IS_ERR(dup))
		return dup;
	mutex_lock(&dup->lock);
	st = wt_state_effective_only(wt_token_state(dup));
	if (!IS_ERR(st))
		wt_token_publish_locked(dup, st);
	mutex_unlock(&dup->lock);
	if (IS_ERR(st)) {
		wt_token_put(dup);
		return ERR_CAST(st);
	}
	return dup;
}

/**
 * wt_ioctl_duplicate_token() - %WT_IOC_DUPLICATE_TOKEN
 * @h: the handle the ioctl was issued on
 * @arg: user pointer to &struct wt_duplicate_token
 *
 * Return: the new token file descriptor, or a negative errno.
 */
long wt_ioctl_duplicate_token(struct wt_token_handle *h, void __user *arg)
{
	struct wt_token *src = h->token, *dup;
	struct wt_duplicate_token d;
	struct wt_new_handle nh;
	u32 usize, granted;
	int err;

	err = wt_copy_arg_in(&d, sizeof(d), arg, WT_DUPLICATE_TOKEN_SIZE_VER0, &usize);
	if (err)
		return err;
	if (d.flags || d.reserved || d.level > WT_SECURITY_DELEGATION ||
	    (d.type != WT_TOKEN_PRIMARY && d.type != WT_TOKEN_IMPERSONATION))
		return -EINVAL;
	if (!(h->granted & WT_TOKEN_DUPLICATE))
		return -EACCES;
	if (d.desired_access) {
		err = wt_token_grant(d.desired_access, WT_TOKEN_ALL_ACCESS, &granted);
		if (err)
			return err;
	} else {
		granted = h->granted;
	}
	if (src->type == WT_TOKEN_IMPERSONATION) {
		/* A level is a ceiling set by the client: never raised. */
		if (d.type == WT_TOKEN_IMPERSONATION && d.level > src->level)
			return -WT_EBADIMPLEVEL;
		if (d.type == WT_TOKEN_PRIMARY && src->level < WT_SECURITY_IMPERSONATION)
			return -WT_EBADIMPLEVEL;
	}
	dup = wt_token_duplicate_as(src, d.type, d.level, GFP_KERNEL_ACCOUNT);
	if (IS_ERR(dup))
		return PTR_ERR(dup);
	err = wt_token_handle_reply(dup, granted, &d.granted_access, &d,
				    sizeof(d), arg, usize, &nh);
	if (err)
		return err;
	wt_audit_token("duplicate", dup);
	return wt_token_handle_commit(&nh);
}
