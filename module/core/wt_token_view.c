// SPDX-License-Identifier: GPL-2.0
/*
 * The token side of the access check: the SID index of a token view and
 * the rules for what a token may name as an owner or a label.
 */
#include "wt_access.h"

static void index_add(u8 *index, const struct wt_sid *sid, u32 slot)
{
	unsigned int b = wt_sid_bucket(sid);

	if (index[b] || slot >= WT_SLOT_SEVERAL)
		index[b] = WT_SLOT_SEVERAL;
	else
		index[b] = (u8)slot;
}

/**
 * wt_token_prepare() - build the SID index of a token view
 * @tok: the token view
 */
void wt_token_prepare(struct wt_token_view *tok)
{
	u32 i;

	memset(tok->sid_index, 0, sizeof(tok->sid_index));
	index_add(tok->sid_index, &tok->user.sid, 1);
	for (i = 0; i < tok->group_count; i++)
		index_add(tok->sid_index, &tok->groups[i].sid, i + 2);
	tok->sid_index_ready = true;
}

/**
 * wt_label_change_allowed() - may a token set a label of this level?
 * @tok: the token
 * @new_level: integrity RID of the new label
 * @used: if not NULL, gets the SeRelabelPrivilege bit when it was needed
 *
 * Return: true when allowed.
 */
bool wt_label_change_allowed(const struct wt_token_view *tok, u32 new_level,
			     u64 *used)
{
	if (new_level <= tok->integrity_level)
		return true;
	if (!wt_token_has_privilege(tok, WT_SE_RELABEL_PRIVILEGE))
		return false;
	if (used)
		*used |= 1ULL << WT_SE_RELABEL_PRIVILEGE;
	return true;
}

/**
 * wt_owner_index() - may a token name this SID as an owner?
 * @tok: the token
 * @sid: the SID
 *
 * Without a privilege, a token may make owner of an object, or its own
 * default owner, only a SID it holds for that: its user, or a group with
 * SE_GROUP_OWNER, neither deny-only (a deny-only SID grants nothing, so it
 * may not stand for the token either). Every entry with the SID is looked
 * at, so a SID held twice counts if either entry may own.
 *
 * Return: 0 for the user, 1 + i for group i, -1 when the SID may not be
 * the owner.
 */
int wt_owner_index(const struct wt_token_view *tok, const struct wt_sid *sid)
{
	u32 i, attr;

	if (wt_sid_equal(&tok->user.sid, sid) &&
	    !(tok->user.attributes & WT_SE_GROUP_USE_FOR_DENY_ONLY))
		return 0;
	for (i = 0; i < tok->group_count; i++) {
		attr = tok->groups[i].attributes;
		if ((attr & WT_SE_GROUP_OWNER) &&
		    !(attr & WT_SE_GROUP_USE_FOR_DENY_ONLY) &&
		    wt_sid_equal(&tok->groups[i].sid, sid))
			return i + 1;
	}
	return -1;
}
