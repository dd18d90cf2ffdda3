// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - changing tokens through their handles: AdjustTokenGroups and
 * SetTokenInformation, and the helpers the operations that build token
 * states share (token_create.c and token_restrict.c use them too).
 *
 * Every change follows the rule of token.h: under the token's mutex, build
 * a complete new state from the current one, validate it, then publish it
 * or throw it away; a failed call changes nothing.
 */
#include <linux/err.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "wintok.h"
#include "token.h"
#include "token_ops.h"
#include "token_subject.h"
#include "audit.h"
#include "logon.h"

/* ---- helpers shared with token_create.c ---- */

/**
 * wt_sid_from_user() - a SID of an ABI &struct wt_sid_and_attributes
 * @sa: the structure, already copied in
 * @sid: out: the SID
 *
 * Return: 0, or -EINVAL when @sa does not hold exactly one valid SID of
 * @sa->sid_size bytes.
 */
int wt_sid_from_user(const struct wt_sid_and_attributes *sa, struct wt_sid *sid)
{
	size_t size;

	if (sa->sid_size > WT_SID_MAX_SIZE ||
	    wt_sid_validate(sa->sid, sa->sid_size, &size) ||
	    size != sa->sid_size)
		return -EINVAL;
	memset(sid, 0, sizeof(*sid));
	memcpy(sid, sa->sid, size);
	return 0;
}

/**
 * wt_dacl_sd_size() - bytes of the DACL-only SD wrapping an ACL
 * @acl_len: bytes of the ACL
 *
 * Return: the SD's size.
 */
u32 wt_dacl_sd_size(u32 acl_len)
{
	return WT_SD_HEADER_SIZE + acl_len;
}

/**
 * wt_dacl_sd_write() - wrap an ACL in a self-relative, DACL-only SD
 * @dst: room for wt_dacl_sd_size(@acl_len) bytes, 4-byte aligned
 * @acl: the ACL bytes
 * @acl_len: their number
 *
 * This is the form a token state keeps its default DACL in.
 */
void wt_dacl_sd_write(u8 *dst, const u8 *acl, u32 acl_len)
{
	__le16 control = cpu_to_le16(WT_SE_DACL_PRESENT | WT_SE_SELF_RELATIVE);
	__le32 dacl_offset = cpu_to_le32(WT_SD_HEADER_SIZE);

	memset(dst, 0, WT_SD_HEADER_SIZE);
	dst[0] = 1;					/* Revision */
	memcpy(dst + 2, &control, sizeof(control));
	memcpy(dst + 16, &dacl_offset, sizeof(dacl_offset));
	memcpy(dst + WT_SD_HEADER_SIZE, acl, acl_len);
}

/* ACE types a default DACL may hold: the access allowed and denied kinds. */
static bool wt_dacl_ace_ok(u8 type)
{
	switch (type) {
	case WT_ACCESS_ALLOWED_ACE_TYPE:
	case WT_ACCESS_DENIED_ACE_TYPE:
	case WT_ACCESS_ALLOWED_OBJECT_ACE_TYPE:
	case WT_ACCESS_DENIED_OBJECT_ACE_TYPE:
	case WT_ACCESS_ALLOWED_CALLBACK_ACE_TYPE:
	case WT_ACCESS_DENIED_CALLBACK_ACE_TYPE:
	case WT_ACCESS_ALLOWED_CALLBACK_OBJECT_ACE_TYPE:
	case WT_ACCESS_DENIED_CALLBACK_OBJECT_ACE_TYPE:
		return true;
	default:
		return false;
	}
}

/**
 * wt_dacl_check() - validate an ACL given as a token's default DACL
 * @acl: the ACL bytes
 * @len: their number, at least 1
 *
 * The ACL must be exactly @len bytes (its AclSize), valid by the strict
 * rules of wt_sd_parse(), and hold only access allowed and denied ACEs.
 *
 * Return: 0, -E2BIG (over %WT_TOKEN_MAX_DACL), -EINVAL or -ENOMEM.
 */
int wt_dacl_check(const u8 *acl, u32 len)
{
	struct wt_sd_view sd;
	struct wt_ace_iter it;
	struct wt_ace_view ace;
	bool more;
	u8 *buf;
	int err;

	if (len > WT_TOKEN_MAX_DACL)
		return -E2BIG;
	buf = kmalloc(wt_dacl_sd_size(len), GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	wt_dacl_sd_write(buf, acl, len);
	err = wt_sd_parse(buf, wt_dacl_sd_size(len), &sd);
	if (!err && !sd.dacl.acl)
		err = -EINVAL;
	for (more = !err && wt_acl_first(&sd.dacl, &it, &ace); more;
	     more = wt_acl_next(&it, &ace)) {
		if (!wt_dacl_ace_ok(ace.type)) {
			err = -EINVAL;
			break;
		}
	}
	kfree(buf);
	return err ? -EINVAL : 0;
}

/**
 * wt_state_rebuild() - a new state with the contents of @cur, resized
 * @cur: the current state (the caller holds the token's lock or RCU)
 * @ngroups: room for groups; the first min(@ngroups, current) are copied
 * @nrestricted: room for restricting SIDs, copied likewise
 * @dacl_sd: the DACL-only SD of the new state, or NULL
 * @dacl_sd_len: its length, 0 for none
 *
 * The caller changes what it needs and calls wt_state_finish().
 *
 * Return: the state, or NULL (no memory, or a limit of token.h exceeded).
 */
struct wt_token_state *wt_state_rebuild(const struct wt_token_state *cur,
					u32 ngroups, u32 nrestricted,
					const u8 *dacl_sd, u32 dacl_sd_len)
{
	struct wt_token_state *st;
	struct wt_sid_attr *g;

	st = wt_state_alloc(ngroups, nrestricted, dacl_sd_len, GFP_KERNEL_ACCOUNT);
	if (!st)
		return NULL;
	wt_state_set_claims(st, wt_claims_get(cur->claims));
	g = wt_state_groups(st);
	memcpy(g, cur->view.groups,
	       array_size(min(ngroups, cur->view.group_count), sizeof(*g)));
	memcpy(g + ngroups, cur->view.restricted,
	       array_size(min(nrestricted, cur->view.restricted_count),
			  sizeof(*g)));
	st->view.user = cur->view.user;
	st->view.privileges = cur->view.privileges;
	st->view.integrity_level = cur->view.integrity_level;
	st->view.mandatory_policy = cur->view.mandatory_policy;
	st->privs_present = cur->privs_present;
	st->privs_default = cur->privs_default;
	st->owner_index = cur->owner_index;
	st->session_id = cur->session_id;
	st->primary_group = cur->primary_group;
	if (dacl_sd_len)
		memcpy(wt_state_dacl_area(st), dacl_sd, dacl_sd_len);
	return st;
}

/**
 * wt_caller_privilege() - is a privilege enabled in the caller's token?
 * @luid: WT_SE_*_PRIVILEGE
 *
 * The caller's token is the one its access checks use
 * (wt_effective_token()). A privilege found enabled is marked used.
 *
 * Return: 1 (enabled), 0 (not), or a negative errno (no token).
 */
int wt_caller_privilege(unsigned int luid)
{
	struct wt_token *tok = wt_effective_token(GFP_KERNEL);
	bool held;

	if (IS_ERR(tok))
		return PTR_ERR(tok);
	rcu_read_lock();
	held = wt_token_has_privilege(&wt_token_state(tok)->view, luid);
	rcu_read_unlock();
	if (held)
		atomic64_or(1ULL << luid, &tok->privs_used);
	wt_token_put(tok);
	return held;
}

/* The current default DACL SD of @st and its length (0: none). */
const u8 *wt_state_dacl_sd(const struct wt_token_state *st, u32 *len)
{
	*len = st->has_dacl ? st->dacl_sd.len : 0;
	return st->has_dacl ? st->dacl_sd.buf : NULL;
}

/*
 * An unfinished copy of @cur that the caller changes, then finishes with
 * wt_state_finish(st, *@dacl_sd_len).
 */
static struct wt_token_state *wt_state_clone(const struct wt_token_state *cur,
					     u32 *dacl_sd_len)
{
	const u8 *sd = wt_state_dacl_sd(cur, dacl_sd_len);

	return wt_state_rebuild(cur, cur->view.group_count,
				cur->view.restricted_count, sd, *dacl_sd_len);
}

/*
 * Copy @n SIDs with attributes in from @uptr as struct wt_sid_attr,
 * validating the SIDs; kvfree() the result. Return: the copy or an
 * ERR_PTR() (-EFAULT, -ENOMEM, -EINVAL for a SID that is not valid).
 */
struct wt_sid_attr *wt_sid_attrs_in(u64 uptr, u32 n)
{
	struct wt_sid_and_attributes *sa;
	struct wt_sid_attr *out;
	u32 i;

	sa = vmemdup_user(u64_to_user_ptr(uptr), array_size(n, sizeof(*sa)));
	if (IS_ERR(sa))
		return ERR_CAST(sa);
	out = kvcalloc(n, sizeof(*out), GFP_KERNEL);
	if (!out) {
		kvfree(sa);
		return ERR_PTR(-ENOMEM);
	}
	for (i = 0; i < n; i++) {
		if (wt_sid_from_user(&sa[i], &out[i].sid)) {
			kvfree(out);
			out = ERR_PTR(-EINVAL);
			break;
		}
		out[i].attributes = sa[i].attributes;
	}
	kvfree(sa);
	return out;
}

/**
 * wt_prev_out() - report what an adjust ioctl replaced
 * @uptr: the caller's array, or 0 for no report
 * @prev: the entries replaced
 * @n: how many
 * @size: the size of one
 * @count: out: @n, once the entries are copied
 *
 * The change is made before this runs: -EFAULT loses only the report.
 *
 * Return: 0 or -EFAULT.
 */
int wt_prev_out(u64 uptr, const void *prev, u32 n, size_t size, u32 *count)
{
	if (!uptr)
		return 0;
	if (copy_to_user(u64_to_user_ptr(uptr), prev, array_size(n, size)))
		return -EFAULT;
	*count = n;
	return 0;
}

/* ---- AdjustTokenGroups ---- */

/*
 * Apply the request to the groups of @st. Return the WT_ADJUST_GROUPS_*
 * refusal bits (0: allowed); *@not_all is set for SIDs not adjustable.
 */
static u32 wt_groups_apply(struct wt_token_state *st, bool reset,
			   const struct wt_sid_attr *req, u32 n,
			   bool *not_all)
{
	struct wt_sid_attr *g = wt_state_groups(st);
	u32 i, r, refused = 0;

	*not_all = false;
	for (i = 0; reset && i < st->view.group_count; i++) {
		u32 a = g[i].attributes;

		if (a & WT_SE_GROUP_INTEGRITY)
			continue;
		if ((a & WT_SE_GROUP_ENABLED_BY_DEFAULT) &&
		    !(a & WT_SE_GROUP_USE_FOR_DENY_ONLY))
			g[i].attributes = a | WT_SE_GROUP_ENABLED;
		else if (!(a & WT_SE_GROUP_MANDATORY))
			g[i].attributes = a & ~WT_SE_GROUP_ENABLED;
	}
	for (r = 0; !reset && r < n; r++) {
		bool enable = req[r].attributes & WT_SE_GROUP_ENABLED;
		bool found = false;

		for (i = 0; i < st->view.group_count; i++) {
			u32 a = g[i].attributes;

			if ((a & WT_SE_GROUP_INTEGRITY) ||
			    !wt_sid_equal(&g[i].sid, &req[r].sid))
				continue;
			found = true;
			if (enable && (a & WT_SE_GROUP_USE_FOR_DENY_ONLY))
				refused |= WT_ADJUST_GROUPS_DENY_ONLY;
			else if (!enable && (a & WT_SE_GROUP_MANDATORY))
				refused |= WT_ADJUST_GROUPS_MANDATORY;
			else if (enable)
				g[i].attributes = a | WT_SE_GROUP_ENABLED;
			else
				g[i].attributes = a & ~WT_SE_GROUP_ENABLED;
		}
		if (!found)
			*not_all = true;
	}
	return refused;
}

/**
 * wt_ioctl_adjust_groups() - %WT_IOC_ADJUST_GROUPS
 * @h: the token handle
 * @arg: user pointer to &struct wt_adjust_groups
 *
 * Return: 0 or a negative errno.
 */
long wt_ioctl_adjust_groups(struct wt_token_handle *h, void __user *arg)
{
	struct wt_sid_and_attributes *prev = NULL;
	struct wt_token *tok = h->token;
	struct wt_sid_attr *req = NULL;
	const struct wt_token_state *cur;
	struct wt_token_state *st = NULL;
	struct wt_adjust_groups a;
	u32 usize, nprev = 0, i, refused, dacl_len;
	bool reset, not_all;
	int err;

	err = wt_copy_arg_in(&a, sizeof(a), arg, WT_ADJUST_GROUPS_SIZE_VER0,
			     &usize);
	if (err)
		return err;
	if ((a.flags & ~WT_ADJUST_GROUPS_RESET) || a.result || a.reserved)
		return -EINVAL;
	reset = a.flags & WT_ADJUST_GROUPS_RESET;
	if (reset ? a.count != 0 : a.count == 0)
		return -EINVAL;
	if (a.count > WT_TOKEN_MAX_GROUPS)
		return -E2BIG;
	if (a.count) {
		req = wt_sid_attrs_in(a.groups, a.count);
		if (IS_ERR(req))
			return PTR_ERR(req);
		for (i = 0; i < a.count; i++) {
			if (req[i].attributes & ~WT_SE_GROUP_ENABLED) {
				err = -EINVAL;
				goto out;
			}
		}
	}
	/* A malformed request is EINVAL whatever the handle's rights. */
	if (!(h->granted & WT_TOKEN_ADJUST_GROUPS)) {
		err = -EACCES;
		goto out;
	}

	mutex_lock(&tok->lock);
	cur = wt_token_state(tok);
	st = wt_state_clone(cur, &dacl_len);
	prev = kvcalloc(cur->view.group_count, sizeof(*prev), GFP_KERNEL);
	if (!st || !prev) {
		err = -ENOMEM;
		goto unlock;
	}
	refused = wt_groups_apply(st, reset, req, a.count, &not_all);
	if (refused) {
		/* All or nothing: the copy is dropped, the token unchanged. */
		mutex_unlock(&tok->lock);
		a.result = refused;
		err = wt_copy_arg_out(&a, sizeof(a), arg, usize);
		err = err ? err : -EPERM;
		goto out;
	}
	for (i = 0; i < cur->view.group_count; i++) {
		const struct wt_sid_attr *old = &cur->view.groups[i];

		if (old->attributes == st->view.groups[i].attributes)
			continue;
		prev[nprev].attributes = old->attributes;
		prev[nprev].sid_size = wt_sid_size(&old->sid);
		memcpy(prev[nprev].sid, &old->sid, prev[nprev].sid_size);
		nprev++;
	}
	if (a.previous && nprev > a.previous_count) {
		mutex_unlock(&tok->lock);
		a.previous_count = nprev;
		err = wt_copy_arg_out(&a, sizeof(a), arg, usize);
		err = err ? err : -ERANGE;
		goto out;
	}
	if (nprev) {
		err = wt_state_finish(st, dacl_len);
		if (err)
			goto unlock;
		wt_token_publish_locked(tok, st);
		st = NULL;
	}
	mutex_unlock(&tok->lock);

	a.result = not_all ? WT_ADJUST_GROUPS_NOT_ALL_ASSIGNED : 0;
	err = wt_prev_out(a.previous, prev, nprev, sizeof(*prev),
			  &a.previous_count);
	if (!err)
		err = wt_copy_arg_out(&a, sizeof(a), arg, usize);
	goto out;
unlock:
	mutex_unlock(&tok->lock);
out:
	wt_state_free(st);
	kvfree(prev);
	kvfree(req);
	return err;
}

/* ---- SetTokenInformation ---- */

/* Index + 1 of the group of @st holding @sid (integrity SID excluded), or 0. */
static u32 wt_state_find_group(const struct wt_token_state *st,
			       const struct wt_sid *sid)
{
	u32 i;

	for (i = 0; i < st->view.group_count; i++)
		if (!(st->view.groups[i].attributes & WT_SE_GROUP_INTEGRITY) &&
		    wt_sid_equal(&st->view.groups[i].sid, sid))
			return i + 1;
	return 0;
}

/* Make @sid the default owner of @st: 0, or -EPERM when it may not be. */
static int wt_set_owner(struct wt_token_state *st, const struct wt_sid *sid)
{
	int i = wt_owner_index(&st->view, sid);

	if (i < 0)
		return -EPERM;
	st->owner_index = i;
	return 0;
}

/* Lower the integrity level of @st to that of @sid: 0, -EINVAL or -EPERM. */
static int wt_set_integrity(struct wt_token_state *st, const struct wt_sid *sid)
{
	struct wt_sid_attr *g = wt_state_groups(st);
	u32 level, i;

	if (!wt_sid_is_integrity(sid, &level))
		return -EINVAL;
	if (level > st->view.integrity_level)
		return -EPERM;
	for (i = 0; i < st->view.group_count; i++)
		if (g[i].attributes & WT_SE_GROUP_INTEGRITY)
			g[i].sid = *sid;
	st->view.integrity_level = level;
	return 0;
}

/* Expected @length of a class of %WT_IOC_SET_TOKEN_INFORMATION, 0: any. */
static int wt_set_class_length(u32 cls, u32 *len)
{
	switch (cls) {
	case WT_TOKEN_INFO_OWNER:
	case WT_TOKEN_INFO_PRIMARY_GROUP:
	case WT_TOKEN_INFO_INTEGRITY_LEVEL:
		*len = sizeof(struct wt_sid_and_attributes);
		return 0;
	case WT_TOKEN_INFO_SESSION_ID:
		*len = sizeof(u32);
		return 0;
	case WT_TOKEN_INFO_DEFAULT_DACL:
		*len = 0;
		return 0;
	default:
		return -EINVAL;
	}
}

/* Validate the new value of class @cls at @val (@len bytes). */
static int wt_set_value_check(u32 cls, const u8 *val, u32 len,
			      struct wt_sid *sid)
{
	const struct wt_sid_and_attributes *sa = (const void *)val;
	u32 level;

	switch (cls) {
	case WT_TOKEN_INFO_OWNER:
	case WT_TOKEN_INFO_PRIMARY_GROUP:
		if (sa->attributes)
			return -EINVAL;
		return wt_sid_from_user(sa, sid);
	case WT_TOKEN_INFO_INTEGRITY_LEVEL:
		if (sa->attributes & ~(WT_SE_GROUP_INTEGRITY |
				       WT_SE_GROUP_INTEGRITY_ENABLED))
			return -EINVAL;
		if (wt_sid_from_user(sa, sid) || !wt_sid_is_integrity(sid, &level))
			return -EINVAL;
		return 0;
	case WT_TOKEN_INFO_DEFAULT_DACL:
		return len ? wt_dacl_check(val, len) : 0;
	default:
		return 0;
	}
}

/*
 * Build the new state of @tok for class @cls (lock held) and publish it.
 */
static int wt_set_apply(struct wt_token *tok, u32 cls, const u8 *val, u32 len,
			const struct wt_sid *sid)
{
	const struct wt_token_state *cur = wt_token_state(tok);
	struct wt_token_state *st;
	u8 *dacl_sd = NULL;
	u32 dacl_len;
	int err = 0;

	if (cls == WT_TOKEN_INFO_DEFAULT_DACL) {
		dacl_len = len ? wt_dacl_sd_size(len) : 0;
		if (len) {
			dacl_sd = kmalloc(dacl_len, GFP_KERNEL);
			if (!dacl_sd)
				return -ENOMEM;
			wt_dacl_sd_write(dacl_sd, val, len);
		}
		st = wt_state_rebuild(cur, cur->view.group_count,
				      cur->view.restricted_count, dacl_sd,
				      dacl_len);
		kfree(dacl_sd);
	} else {
		st = wt_state_clone(cur, &dacl_len);
	}
	if (!st)
		return -ENOMEM;

	switch (cls) {
	case WT_TOKEN_INFO_OWNER:
		err = wt_set_owner(st, sid);
		break;
	case WT_TOKEN_INFO_PRIMARY_GROUP:
		if (!wt_sid_equal(&st->view.user.sid, sid) &&
		    !wt_state_find_group(st, sid))
			err = -EPERM;
		else
			st->primary_group = *sid;
		break;
	case WT_TOKEN_INFO_INTEGRITY_LEVEL:
		err = wt_set_integrity(st, sid);
		break;
	case WT_TOKEN_INFO_SESSION_ID:
		memcpy(&st->session_id, val, sizeof(st->session_id));
		break;
	}
	if (!err)
		err = wt_state_finish(st, dacl_len);
	if (err) {
		wt_state_free(st);
		return err;
	}
	wt_token_publish_locked(tok, st);
	return 0;
}

/**
 * wt_ioctl_set_token_information() - %WT_IOC_SET_TOKEN_INFORMATION
 * @h: the token handle
 * @arg: user pointer to &struct wt_token_set
 *
 * Return: 0 or a negative errno.
 */
long wt_ioctl_set_token_information(struct wt_token_handle *h,
				    void __user *arg)
{
	struct wt_token *tok = h->token;
	struct wt_token_set s;
	struct wt_sid sid;
	u32 usize, want;
	u8 *val = NULL;
	int err;

	err = wt_copy_arg_in(&s, sizeof(s), arg, WT_TOKEN_SET_SIZE_VER0, &usize);
	if (err)
		return err;
	if (s.flags || wt_set_class_length(s.info_class, &want))
		return -EINVAL;
	if (want && s.length != want)
		return -EINVAL;
	if (s.info_class == WT_TOKEN_INFO_DEFAULT_DACL &&
	    s.length > WT_TOKEN_MAX_DACL)
		return -E2BIG;
	if (s.length) {
		val = memdup_user(u64_to_user_ptr(s.buffer), s.length);
		if (IS_ERR(val))
			return PTR_ERR(val);
	}
	err = wt_set_value_check(s.info_class, val, s.length, &sid);
	if (err)
		goto out;

	if (s.info_class == WT_TOKEN_INFO_SESSION_ID) {
		if (!(h->granted & WT_TOKEN_ADJUST_SESSIONID)) {
			err = -EACCES;
			goto out;
		}
		err = wt_caller_privilege(WT_SE_TCB_PRIVILEGE);
		if (err <= 0) {
			err = err ? err : -EPERM;
			goto out;
		}
	} else if (!(h->granted & WT_TOKEN_ADJUST_DEFAULT)) {
		err = -EACCES;
		goto out;
	}

	mutex_lock(&tok->lock);
	err = wt_set_apply(tok, s.info_class, val, s.length, &sid);
	mutex_unlock(&tok->lock);
	if (!err && s.info_class == WT_TOKEN_INFO_SESSION_ID)
		wt_audit_privilege("set_session_id", WT_SE_TCB_PRIVILEGE);
out:
	kfree(val);
	return err;
}
