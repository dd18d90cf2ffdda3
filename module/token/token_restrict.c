// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - CreateRestrictedToken on a token handle: a new token made from
 * an existing one with deny-only SIDs, restricting SIDs and privileges
 * deleted. Design: Documentation/design/tokens.rst.
 *
 * As every change under the rule of token.h, the new state is built whole
 * from the current one and validated before the new token is published.
 */
#include <linux/err.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "wintok.h"
#include "token.h"
#include "token_ops.h"
#include "audit.h"
#include "logon.h"

/* ---- CreateRestrictedToken ---- */

#define WT_RESTRICTING_ATTRS \
	(WT_SE_GROUP_MANDATORY | WT_SE_GROUP_ENABLED_BY_DEFAULT | WT_SE_GROUP_ENABLED)

/* What a deny-only SID keeps of its attributes. */
#define WT_DENY_ONLY_KEEPS (WT_SE_GROUP_LOGON_ID | WT_SE_GROUP_RESOURCE)

static bool wt_sid_listed(const struct wt_sid_attr *list, u32 n,
			  const struct wt_sid *sid)
{
	u32 i;

	for (i = 0; i < n; i++)
		if (wt_sid_equal(&list[i].sid, sid))
			return true;
	return false;
}

/* The arrays of a restricted-token request, copied in and validated. */
struct wt_restrict_req {
	struct wt_sid_attr *deny, *rsids;
	struct wt_luid_and_attributes *del;
};

static void wt_restrict_req_free(struct wt_restrict_req *r)
{
	kvfree(r->deny);
	kvfree(r->rsids);
	kfree(r->del);
}

/* Copy @n SIDs in; deny-only and restricting SIDs carry no attributes. */
static int wt_restrict_sids_in(u64 uptr, u32 n, struct wt_sid_attr **out)
{
	struct wt_sid_attr *sa;
	u32 i;

	if (!n)
		return 0;
	sa = wt_sid_attrs_in(uptr, n);
	if (IS_ERR(sa))
		return PTR_ERR(sa);
	*out = sa;
	for (i = 0; i < n; i++)
		if (sa[i].attributes)
			return -EINVAL;
	return 0;
}

static int wt_restrict_req_in(const struct wt_create_restricted *c,
			      struct wt_restrict_req *r)
{
	u32 i;
	int err;

	err = wt_restrict_sids_in(c->deny_sids, c->deny_count, &r->deny);
	if (!err)
		err = wt_restrict_sids_in(c->restrict_sids, c->restrict_count,
					  &r->rsids);
	if (err)
		return err;
	if (c->delete_count) {
		r->del = memdup_user(u64_to_user_ptr(c->delete_privileges),
				     array_size(c->delete_count, sizeof(*r->del)));
		if (IS_ERR(r->del)) {
			err = PTR_ERR(r->del);
			r->del = NULL;
			return err;
		}
		for (i = 0; i < c->delete_count; i++)
			if (r->del[i].luid < WT_SE_MIN_PRIVILEGE ||
			    r->del[i].luid > WT_SE_MAX_PRIVILEGE ||
			    r->del[i].attributes || r->del[i].reserved)
				return -EINVAL;
	}
	return 0;
}

/*
 * The restricted state: @cur with the request applied. The restricting
 * SIDs are @r's (deduplicated), or when @cur already has some, those of
 * @r's that @cur has too (the list never widens).
 *
 * Return: the finished state, or an ERR_PTR (-EPERM: nothing of a new
 * list is left; -ENOMEM).
 */
static struct wt_token_state *
wt_restricted_state(const struct wt_token_state *cur,
		    const struct wt_create_restricted *c,
		    const struct wt_restrict_req *r)
{
	u32 i, nres = 0, dacl_len;
	struct wt_token_state *st;
	struct wt_sid_attr *g, *res;
	struct wt_sid_attr *picked = NULL;
	const u8 *sd;
	u64 keep;
	int err;

	if (c->restrict_count) {
		picked = kvcalloc(c->restrict_count, sizeof(*picked), GFP_KERNEL);
		if (!picked)
			return ERR_PTR(-ENOMEM);
		for (i = 0; i < c->restrict_count; i++) {
			const struct wt_sid *s = &r->rsids[i].sid;
			bool in_cur = false;
			u32 k;

			for (k = 0; k < cur->view.restricted_count; k++)
				if (wt_sid_equal(&cur->view.restricted[k].sid, s))
					in_cur = true;
			if (cur->view.restricted_count && !in_cur)
				continue;
			if (!wt_sid_listed(picked, nres, s))
				picked[nres++].sid = *s;
		}
		if (!nres) {
			kvfree(picked);
			return ERR_PTR(-EPERM);
		}
	} else {
		nres = cur->view.restricted_count;
	}

	sd = wt_state_dacl_sd(cur, &dacl_len);
	st = wt_state_rebuild(cur, cur->view.group_count, nres, sd, dacl_len);
	if (!st) {
		kvfree(picked);
		return ERR_PTR(-ENOMEM);
	}
	g = wt_state_groups(st);
	res = g + cur->view.group_count;
	for (i = 0; picked && i < nres; i++) {
		res[i].sid = picked[i].sid;
		res[i].attributes = WT_RESTRICTING_ATTRS;
	}
	kvfree(picked);

	/* Deny-only SIDs: the user, groups (not the integrity SID). */
	if (wt_sid_listed(r->deny, c->deny_count, &st->view.user.sid))
		st->view.user.attributes |= WT_SE_GROUP_USE_FOR_DENY_ONLY;
	for (i = 0; i < cur->view.group_count; i++) {
		if ((g[i].attributes & WT_SE_GROUP_INTEGRITY) ||
		    !wt_sid_listed(r->deny, c->deny_count, &g[i].sid))
			continue;
		g[i].attributes = (g[i].attributes & WT_DENY_ONLY_KEEPS) |
				  WT_SE_GROUP_USE_FOR_DENY_ONLY;
		if (st->owner_index == i + 1)
			st->owner_index = 0;
	}

	/* Deleted privileges are gone for good (not merely disabled). */
	keep = st->privs_present;
	if (c->flags & WT_DISABLE_MAX_PRIVILEGE)
		keep &= 1ULL << WT_SE_CHANGE_NOTIFY_PRIVILEGE;
	for (i = 0; i < c->delete_count; i++)
		keep &= ~(1ULL << r->del[i].luid);
	st->privs_present = keep;

	err = wt_state_finish(st, dacl_len);
	if (err) {
		wt_state_free(st);
		return ERR_PTR(err);
	}
	return st;
}

/**
 * wt_ioctl_create_restricted_token() - %WT_IOC_CREATE_RESTRICTED_TOKEN
 * @h: the token handle of the source
 * @arg: user pointer to &struct wt_create_restricted
 *
 * Return: the new token fd, or a negative errno.
 */
long wt_ioctl_create_restricted_token(struct wt_token_handle *h,
				      void __user *arg)
{
	struct wt_restrict_req r = {};
	struct wt_token *src = h->token, *tok;
	struct wt_token_state *st;
	struct wt_create_restricted c;
	struct wt_new_handle nh;
	u32 usize, granted;
	int err;

	err = wt_copy_arg_in(&c, sizeof(c), arg, WT_CREATE_RESTRICTED_SIZE_VER0,
			     &usize);
	if (err)
		return err;
	if ((c.flags & ~WT_DISABLE_MAX_PRIVILEGE) || c.reserved)
		return -EINVAL;
	if (c.deny_count > WT_TOKEN_MAX_GROUPS ||
	    c.restrict_count > WT_TOKEN_MAX_RESTRICTED ||
	    c.delete_count > 64)
		return -E2BIG;
	if (c.desired_access)
		err = wt_token_grant(c.desired_access, WT_TOKEN_ALL_ACCESS, &granted);
	else
		granted = h->granted;
	if (err)
		return err;
	err = wt_restrict_req_in(&c, &r);
	if (err)
		goto out;
	if (!(h->granted & WT_TOKEN_DUPLICATE)) {
		err = -EACCES;
		goto out;
	}

	tok = wt_token_alloc(0, GFP_KERNEL_ACCOUNT);
	if (!tok) {
		err = -ENOMEM;
		goto out;
	}
	/* Same logon session, type and level; not derived: never re-derived. */
	tok->auth_id = src->auth_id;
	wt_logon_session_get(tok->auth_id);
	tok->origin = src->origin;
	tok->type = src->type;
	tok->level = src->level;
	tok->elevation_type = src->elevation_type;
	memcpy(tok->source_name, src->source_name, sizeof(tok->source_name));
	tok->source_luid = src->source_luid;

	mutex_lock(&src->lock);
	st = wt_restricted_state(wt_token_state(src), &c, &r);
	mutex_unlock(&src->lock);
	if (IS_ERR(st)) {
		err = PTR_ERR(st);
		wt_token_put(tok);
		goto out;
	}
	wt_token_install_state(tok, st);

	err = wt_token_handle_reply(tok, granted, &c.granted_access, &c,
				    sizeof(c), arg, usize, &nh);
	if (err)
		goto out;
	wt_audit_token("restrict", tok);
	err = wt_token_handle_commit(&nh);
out:
	wt_restrict_req_free(&r);
	return err;
}
