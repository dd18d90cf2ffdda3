/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok - the SID <-> id map for SIDs outside S-1-22 and the Linux ids
 * and capabilities a token's view stands for (idmap.c).
 *
 * See Documentation/design/audit.rst.
 */
#ifndef WT_IDMAP_H
#define WT_IDMAP_H

#include <linux/rcupdate.h>
#include <linux/types.h>
#include <linux/uidgid.h>

#include "wt_sid.h"

struct group_info;
struct wt_idmap;
struct wt_token_view;

bool wt_idmap_uid(const struct wt_sid *sid, u32 *uid);
bool wt_idmap_gid(const struct wt_sid *sid, u32 *gid);

/**
 * wt_sid_linux_uid() - the uid a user SID runs as
 * @sid: the SID
 * @uid: out: N for S-1-22-1-N, else the uid the map gives it
 *
 * Inline: most SIDs asked about are S-1-22 SIDs, answered without a call.
 *
 * Context: any but NMI.
 * Return: true when @sid has a uid.
 */
static inline bool wt_sid_linux_uid(const struct wt_sid *sid, u32 *uid)
{
	return wt_sid_to_uid(sid, uid) || wt_idmap_uid(sid, uid);
}

/**
 * wt_sid_linux_gid() - the gid a group SID stands for
 * @sid: the SID
 * @gid: out: N for S-1-22-2-N, else the gid the map gives it
 *
 * Context: any but NMI.
 * Return: true when @sid has a gid.
 */
static inline bool wt_sid_linux_gid(const struct wt_sid *sid, u32 *gid)
{
	return wt_sid_to_gid(sid, gid) || wt_idmap_gid(sid, gid);
}

struct group_info *wt_token_linux_groups(const struct wt_token_view *v,
					 kgid_t skip);
kgid_t wt_token_linux_egid(const struct wt_token_view *v);
bool wt_token_gives_capabilities(const struct wt_token_view *v, kuid_t uid);
bool wt_token_is_sandbox(const struct wt_token_view *v);
void wt_idmap_exit(void);

/* For derivation (token_derive.c) */
const struct wt_idmap *__wt_idmap_get(void);
void __wt_idmap_put(const struct wt_idmap *map);

/* The map's current version; NULL (no map) is the usual case. */
extern struct wt_idmap __rcu *wt_idmap;

/**
 * wt_idmap_get() - hold the current version of the map
 *
 * A derivation decides every id with one version, across allocations
 * that may sleep. Inline: every derivation asks, and there is seldom a
 * map.
 *
 * Context: any but NMI; never sleeps.
 * Return: the map with a reference for wt_idmap_put(), or NULL when the
 * map is empty.
 */
static inline const struct wt_idmap *wt_idmap_get(void)
{
	return rcu_access_pointer(wt_idmap) ? __wt_idmap_get() : NULL;
}

/**
 * wt_idmap_put() - drop a reference from wt_idmap_get()
 * @map: the map, or NULL
 *
 * Context: any but NMI; never sleeps.
 */
static inline void wt_idmap_put(const struct wt_idmap *map)
{
	if (map)
		__wt_idmap_put(map);
}

const struct wt_sid *wt_idmap_sid_of(const struct wt_idmap *map, u32 kind,
				     u32 id);

/* For netlink.c */
struct wt_idmap_entry;
int wt_idmap_replace(const struct wt_idmap_entry *entries, u32 n);
u32 wt_idmap_copy(struct wt_idmap_entry *out, u32 pos, u32 max, u64 *gen);

/**
 * struct wt_idmap_entry - one SID <-> id pair
 * @sid: the SID (not of the S-1-22 authority)
 * @kind: %WT_IDMAP_UID or %WT_IDMAP_GID
 * @id: the uid or gid (init user namespace)
 */
struct wt_idmap_entry {
	struct wt_sid sid;
	u32 kind;
	u32 id;
};

#endif /* WT_IDMAP_H */
