// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - the SID <-> id map for SIDs outside S-1-22.
 *
 * A SID of the S-1-22 authority carries its uid or gid; any other SID (a
 * domain account S-1-5-21-..., a token made by a logon) has no Linux
 * identity unless an administrator maps it here (WT_CMD_SET_IDMAP). The
 * map is used in both directions:
 *
 * - SID to id, when a thread impersonates such a token: its user SID
 *   gives the thread's effective uid and its primary group the effective
 *   gid (impersonate.c, wt_imp_set_ids()) and its enabled groups the
 *   supplementary gids; a process assigned such a primary token gets the
 *   same (token_create.c). An unmapped SID gets the overflow ids, and an
 *   unmapped group no gid.
 * - id to SID, when a token is derived from a process's ids
 *   (token_derive.c): a uid or gid with a mapped SID gets that SID, and
 *   keeps its S-1-22 SID as a group (Documentation/design/tokens.rst).
 *
 * A SID and an id appear at most once per kind, so the two directions
 * agree: SID -> id -> SID gives the SID back.
 *
 * The map is an immutable version replaced as a whole under wt_idmap_lock
 * and read under RCU; lookups never sleep. A version holds its entries
 * sorted by kind and id (id to SID: binary search) and an index sorted by
 * kind and SID (SID to id: binary search), so a derivation costs
 * O(log n) per id whatever the map's size (at most WT_IDMAP_MAX_ENTRIES).
 */
#include <linux/cred.h>
#include <linux/highuid.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/slab.h>
#include <linux/sort.h>

#include "wintok.h"
#include "idmap.h"
#include "token.h"

/**
 * struct wt_idmap - one version of the map
 * @rcu: frees it after readers are done
 * @ref: the map's own reference, and one per derivation using it
 * @gen: which version (a dump that sees it change starts again)
 * @count: entries in @entries
 * @by_sid: indexes into @entries, sorted by kind and SID
 * @entries: the pairs, sorted by kind and id
 */
struct wt_idmap {
	struct rcu_head rcu;
	refcount_t ref;
	u64 gen;
	u32 count;
	u16 *by_sid;
	struct wt_idmap_entry entries[];
};

/* by_sid holds u16 indexes */
#define WT_IDMAP_INDEX_LIMIT (U16_MAX + 1)

struct wt_idmap __rcu *wt_idmap;
static DEFINE_MUTEX(wt_idmap_lock);
static u64 wt_idmap_gen;	/* under wt_idmap_lock */

static int wt_idmap_cmp_id(u32 kind_a, u32 id_a, u32 kind_b, u32 id_b)
{
	if (kind_a != kind_b)
		return kind_a < kind_b ? -1 : 1;
	if (id_a != id_b)
		return id_a < id_b ? -1 : 1;
	return 0;
}

static int wt_idmap_cmp_sid(u32 kind_a, const struct wt_sid *a, u32 kind_b,
			    const struct wt_sid *b)
{
	if (kind_a != kind_b)
		return kind_a < kind_b ? -1 : 1;
	return wt_sid_compare(a, b);
}

/*
 * The id of @sid in one version of the map. Callers test for no map
 * first: without one (the usual case) a token's groups cost no call.
 */
static bool wt_idmap_find(const struct wt_idmap *map, const struct wt_sid *sid,
			  u32 kind, u32 *id)
{
	u32 lo = 0, hi = map->count;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;
		const struct wt_idmap_entry *e = &map->entries[map->by_sid[mid]];
		int c = wt_idmap_cmp_sid(kind, sid, e->kind, &e->sid);

		if (!c) {
			*id = e->id;
			return true;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}

/**
 * wt_idmap_sid_of() - the SID an id is mapped to, in one version of the map
 * @map: from wt_idmap_get(), or NULL (no map)
 * @kind: %WT_IDMAP_UID or %WT_IDMAP_GID
 * @id: the uid or gid (init user namespace)
 *
 * Context: any but NMI, holding @map (wt_idmap_get()); never sleeps.
 * Return: the mapped SID (valid while @map is held), or NULL.
 */
const struct wt_sid *wt_idmap_sid_of(const struct wt_idmap *map, u32 kind,
				     u32 id)
{
	u32 lo = 0, hi = map ? map->count : 0;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;
		const struct wt_idmap_entry *e = &map->entries[mid];
		int c = wt_idmap_cmp_id(kind, id, e->kind, e->id);

		if (!c)
			return &e->sid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/**
 * __wt_idmap_get() - hold the current version of the map
 *
 * The part of wt_idmap_get() for when a map is set.
 *
 * Context: any but NMI; never sleeps.
 * Return: the map with a reference for wt_idmap_put(), or NULL when the
 * map is empty.
 */
const struct wt_idmap *__wt_idmap_get(void)
{
	struct wt_idmap *map;

	rcu_read_lock();
	do {
		map = rcu_dereference(wt_idmap);
	} while (map && !refcount_inc_not_zero(&map->ref));
	rcu_read_unlock();
	return map;
}

/**
 * __wt_idmap_put() - drop a reference from wt_idmap_get()
 * @map: the map (not NULL)
 *
 * Context: any but NMI; never sleeps (the last one frees after a grace
 * period).
 */
void __wt_idmap_put(const struct wt_idmap *map)
{
	struct wt_idmap *m = (struct wt_idmap *)map;

	if (refcount_dec_and_test(&m->ref))
		kvfree_rcu(m, rcu);
}

static bool wt_idmap_lookup(const struct wt_sid *sid, u32 kind, u32 *id)
{
	const struct wt_idmap *map;
	bool found;

	if (!rcu_access_pointer(wt_idmap))
		return false;
	rcu_read_lock();
	map = rcu_dereference(wt_idmap);
	found = map && wt_idmap_find(map, sid, kind, id);
	rcu_read_unlock();
	return found;
}

/**
 * wt_idmap_uid() - the uid an administrator mapped a user SID to
 * @sid: the SID
 * @uid: out: the uid
 *
 * Context: any but NMI.
 * Return: true when @sid is mapped.
 */
bool wt_idmap_uid(const struct wt_sid *sid, u32 *uid)
{
	return wt_idmap_lookup(sid, WT_IDMAP_UID, uid);
}

/**
 * wt_idmap_gid() - the gid an administrator mapped a group SID to
 * @sid: the SID
 * @gid: out: the gid
 *
 * Context: any but NMI.
 * Return: true when @sid is mapped.
 */
bool wt_idmap_gid(const struct wt_sid *sid, u32 *gid)
{
	return wt_idmap_lookup(sid, WT_IDMAP_GID, gid);
}

/* Does @g give a Linux supplementary group? Deny-only has no Linux form. */
static bool wt_group_has_linux_form(const struct wt_sid_attr *g)
{
	return (g->attributes & WT_SE_GROUP_ENABLED) &&
	       !(g->attributes & WT_SE_GROUP_USE_FOR_DENY_ONLY);
}

/**
 * wt_token_linux_groups() - the supplementary groups of a token
 * @v: the token's view, kept stable by the caller
 * @skip: a gid to leave out (the primary group's), or INVALID_GID
 *
 * The gids of the enabled, not deny-only groups: S-1-22-2-N and the SIDs
 * the map gives a gid. One version of the map decides all of them: the
 * list is sized for every group, filled under one RCU read section and
 * trimmed.
 *
 * Context: may sleep (the allocation).
 * Return: a sorted group list, or NULL when out of memory.
 */
struct group_info *wt_token_linux_groups(const struct wt_token_view *v,
					 kgid_t skip)
{
	const struct wt_idmap *map;
	struct group_info *gi;
	u32 i, n = 0, id;

	gi = groups_alloc(v->group_count);
	if (!gi)
		return NULL;
	rcu_read_lock();
	map = rcu_dereference(wt_idmap);
	for (i = 0; i < v->group_count; i++) {
		const struct wt_sid_attr *g = &v->groups[i];
		kgid_t gid;

		if (!wt_group_has_linux_form(g))
			continue;
		if (!wt_sid_to_gid(&g->sid, &id) &&
		    !(map && wt_idmap_find(map, &g->sid, WT_IDMAP_GID, &id)))
			continue;
		gid = make_kgid(&init_user_ns, id);
		if (gid_valid(gid) && !gid_eq(gid, skip))
			gi->gid[n++] = gid;
	}
	rcu_read_unlock();
	gi->ngroups = n;
	groups_sort(gi);
	return gi;
}

/**
 * wt_token_linux_egid() - the effective gid of a token
 * @v: the token's view, kept stable by the caller
 *
 * The gid of the token's primary group, if the token holds that group
 * enabled and not deny-only: a Linux group gives access, so one the token
 * may not use (disabled, or made deny-only by CreateRestrictedToken) must
 * give none, however the primary group was set. Otherwise, and for a
 * primary group without a gid (the user SID, an unmapped SID), the
 * overflow gid.
 *
 * Context: any but NMI.
 * Return: a valid gid.
 */
kgid_t wt_token_linux_egid(const struct wt_token_view *v)
{
	kgid_t gid;
	u32 i, id;

	for (i = 0; v->primary_group && i < v->group_count; i++) {
		const struct wt_sid_attr *g = &v->groups[i];

		if ((g->attributes & WT_SE_GROUP_INTEGRITY) ||
		    !wt_sid_equal(&g->sid, v->primary_group))
			continue;
		if (!wt_group_has_linux_form(g) || !wt_sid_linux_gid(&g->sid, &id))
			break;
		gid = make_kgid(&init_user_ns, id);
		if (gid_valid(gid))
			return gid;
		break;
	}
	return make_kgid(&init_user_ns, overflowgid);
}

/**
 * wt_token_gives_capabilities() - may ids from this token carry root's capabilities?
 * @v: the token's view, kept stable by the caller
 * @uid: the effective uid the token gives
 *
 * The one rule for impersonation and primary token assignment: uid 0
 * gets Linux capabilities only from an unrestricted token whose user SID
 * is not deny-only and whose integrity level is High or above (a token
 * derived for root is System). A restricted or lowered root token must
 * not bypass Linux's DAC and everything else a capability bypasses.
 *
 * Context: any but NMI.
 * Return: true when the capabilities may be given.
 */
bool wt_token_gives_capabilities(const struct wt_token_view *v, kuid_t uid)
{
	return uid_eq(uid, GLOBAL_ROOT_UID) && !v->restricted_count &&
	       !(v->user.attributes & WT_SE_GROUP_USE_FOR_DENY_ONLY) &&
	       v->integrity_level >= WT_INTEGRITY_HIGH;
}

/**
 * wt_token_is_sandbox() - does this primary token keep its process from gaining rights?
 * @v: the token's view, kept stable by the caller
 *
 * A restricted token (restricting SIDs), a deny-only user SID or an
 * integrity level below Medium is a sandbox: Windows never lets such a
 * process start one that is stronger. On Linux a set-id exec would, so
 * its process runs with no_new_privs (see wt_hook_bprm_creds_for_exec()).
 *
 * Return: true for a sandbox token.
 */
bool wt_token_is_sandbox(const struct wt_token_view *v)
{
	return v->restricted_count ||
	       (v->user.attributes & WT_SE_GROUP_USE_FOR_DENY_ONLY) ||
	       v->integrity_level < WT_INTEGRITY_MEDIUM;
}

static int wt_idmap_sort_id(const void *a, const void *b)
{
	const struct wt_idmap_entry *x = a, *y = b;

	return wt_idmap_cmp_id(x->kind, x->id, y->kind, y->id);
}

static int wt_idmap_sort_sid(const void *a, const void *b, const void *priv)
{
	const struct wt_idmap_entry *e = priv;
	const struct wt_idmap_entry *x = &e[*(const u16 *)a], *y = &e[*(const u16 *)b];

	return wt_idmap_cmp_sid(x->kind, &x->sid, y->kind, &y->sid);
}

/*
 * Sort a new version's entries and build its SID index; -EINVAL when an
 * id or a SID appears twice for one kind (the two directions would not
 * agree).
 */
static int wt_idmap_index(struct wt_idmap *map)
{
	u32 i, n = map->count;

	BUILD_BUG_ON(WT_IDMAP_MAX_ENTRIES > WT_IDMAP_INDEX_LIMIT);
	sort(map->entries, n, sizeof(map->entries[0]), wt_idmap_sort_id, NULL);
	for (i = 0; i < n; i++)
		map->by_sid[i] = i;
	sort_r(map->by_sid, n, sizeof(map->by_sid[0]), wt_idmap_sort_sid,
	       NULL, map->entries);
	for (i = 1; i < n; i++) {
		const struct wt_idmap_entry *a = &map->entries[i - 1];
		const struct wt_idmap_entry *b = &map->entries[i];
		const struct wt_idmap_entry *sa = &map->entries[map->by_sid[i - 1]];
		const struct wt_idmap_entry *sb = &map->entries[map->by_sid[i]];

		if (!wt_idmap_cmp_id(a->kind, a->id, b->kind, b->id) ||
		    !wt_idmap_cmp_sid(sa->kind, &sa->sid, sb->kind, &sb->sid))
			return -EINVAL;
	}
	return 0;
}

/**
 * wt_idmap_replace() - install a new map
 * @entries: @n validated entries (copied)
 * @n: at most %WT_IDMAP_MAX_ENTRIES; 0 clears the map
 *
 * Tokens derived before keep their SIDs (Documentation/design/tokens.rst,
 * "Derived tokens and the id map").
 *
 * Context: process context; may sleep.
 * Return: 0, -E2BIG, -EINVAL (a SID or an id mapped twice for one kind)
 * or -ENOMEM; on error the old map stays.
 */
int wt_idmap_replace(const struct wt_idmap_entry *entries, u32 n)
{
	struct wt_idmap *map, *old;
	int err;

	if (n > WT_IDMAP_MAX_ENTRIES)
		return -E2BIG;
	map = kvzalloc(struct_size(map, entries, n) + n * sizeof(u16), GFP_KERNEL);
	if (!map)
		return -ENOMEM;
	memcpy(map->entries, entries, n * sizeof(*entries));
	map->count = n;
	refcount_set(&map->ref, 1);
	map->by_sid = (u16 *)&map->entries[n];
	err = wt_idmap_index(map);
	if (err) {
		kvfree(map);
		return err;
	}
	mutex_lock(&wt_idmap_lock);
	map->gen = ++wt_idmap_gen;
	old = rcu_replace_pointer(wt_idmap, n ? map : NULL,
				  lockdep_is_held(&wt_idmap_lock));
	mutex_unlock(&wt_idmap_lock);
	if (!n)
		kvfree(map);
	wt_idmap_put(old);
	return 0;
}

/**
 * wt_idmap_copy() - copy part of the map out
 * @out: room for @max entries
 * @pos: the first entry to copy (entries are sorted by kind and id)
 * @max: how many at most
 * @gen: out: the version copied from (0: the map is empty)
 *
 * Return: the number of entries copied.
 */
u32 wt_idmap_copy(struct wt_idmap_entry *out, u32 pos, u32 max, u64 *gen)
{
	const struct wt_idmap *map;
	u32 n = 0;

	*gen = 0;
	rcu_read_lock();
	map = rcu_dereference(wt_idmap);
	if (map) {
		*gen = map->gen;
		if (pos < map->count)
			n = min(map->count - pos, max);
		memcpy(out, &map->entries[pos], n * sizeof(*out));
	}
	rcu_read_unlock();
	return n;
}

/**
 * wt_idmap_exit() - free the map at unload (no user is left)
 */
void wt_idmap_exit(void)
{
	struct wt_idmap *map;

	mutex_lock(&wt_idmap_lock);
	map = rcu_replace_pointer(wt_idmap, NULL, lockdep_is_held(&wt_idmap_lock));
	mutex_unlock(&wt_idmap_lock);
	wt_idmap_put(map);
}
