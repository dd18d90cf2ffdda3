// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - the pointer-keyed object map: changes and draining. Lookups
 * and locking are inline in objmap.h, where the rules are written.
 */
#include <linux/lockdep.h>

#include "objmap.h"

/**
 * __wt_objmap_init() - initialise the bucket locks (wt_objmap_init())
 * @map: the map
 * @name: its name for lockdep
 * @key: its lockdep class
 */
void __wt_objmap_init(const struct wt_objmap *map, const char *name,
		      struct lock_class_key *key)
{
	unsigned int i;

	for (i = 0; i < 1U << map->lock_bits; i++) {
		spin_lock_init(&map->locks[i]);
		lockdep_set_class_and_name(&map->locks[i], key, name);
	}
}

/**
 * wt_objmap_add() - link @n as a record of @key, within the map's bound
 * @map: the map
 * @n: the new record's node
 * @key: the object's address
 *
 * The count is raised before the bound is tested, and backed out on a
 * refusal, so concurrent additions under different locks never pass it
 * together.
 *
 * Context: under the lock of @key's bucket.
 * Return: 0, or -ENOSPC when the map is full (counted; @n is not linked).
 */
int wt_objmap_add(const struct wt_objmap *map, struct wt_objmap_node *n,
		  const void *key)
{
	if (map->max && atomic_long_inc_return(&map->counts->count) > map->max) {
		atomic_long_dec(&map->counts->count);
		atomic_long_inc(&map->counts->refused);
		return -ENOSPC;
	}
	if (!map->max)
		atomic_long_inc(&map->counts->count);
	wt_objmap_link(map, n, key);
	return 0;
}

/**
 * wt_objmap_replace() - put @n in the place of @old, under @old's key
 * @map: the map
 * @old: a linked record, unlinked here (the caller frees it)
 * @n: the new record's node
 *
 * Readers under RCU see one or the other, never neither.
 *
 * Context: under the lock of the key's bucket.
 */
void wt_objmap_replace(const struct wt_objmap *map, struct wt_objmap_node *old,
		       struct wt_objmap_node *n)
{
	lockdep_assert_held(wt_objmap_lock_of(map, wt_objmap_bucket(map, old->key)));
	n->key = old->key;
	hlist_replace_rcu(&old->link, &n->link);
}

/* Unlink some record, from bucket *@cursor on; NULL when the map is empty. */
static struct wt_objmap_node *wt_objmap_pop(const struct wt_objmap *map, u32 *cursor)
{
	struct wt_objmap_node *n = NULL;
	unsigned long flags;

	for (; *cursor < 1U << map->hash_bits; (*cursor)++) {
		spinlock_t *lock = wt_objmap_lock_of(map, *cursor);
		struct hlist_node *first;

		if (hlist_empty(&map->buckets[*cursor]))
			continue;
		spin_lock_irqsave(lock, flags);
		first = map->buckets[*cursor].first;
		if (first) {
			n = hlist_entry(first, struct wt_objmap_node, link);
			hlist_del_rcu(&n->link);
			atomic_long_dec(&map->counts->count);
		}
		spin_unlock_irqrestore(lock, flags);
		if (n)
			return n;
	}
	return NULL;
}

/**
 * wt_objmap_drain() - empty a map, for module exit
 * @map: the map; the hooks that add records are removed
 * @release: frees one unlinked record as a removal would (it may queue an
 *	RCU free: the caller then waits with rcu_barrier() before its caches
 *	or the module go)
 *
 * Takes the bucket locks itself and calls @release outside them.
 */
void wt_objmap_drain(const struct wt_objmap *map,
		     void (*release)(struct wt_objmap_node *n))
{
	struct wt_objmap_node *n;
	u32 cursor = 0;

	while ((n = wt_objmap_pop(map, &cursor)))
		release(n);
}
