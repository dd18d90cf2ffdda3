/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok - a map from a kernel object's address to records about it.
 *
 * A loadable module cannot grow an inode, a file, a cred, a task, a
 * socket or an IPC object by a security blob, so what wintok keeps about
 * one lives in a hash table keyed by the object's address. Every such
 * table is one struct wt_objmap: a fixed array of buckets (hlists) guarded
 * by a smaller array of spinlocks, bucket b by lock b mod the number of
 * locks.
 *
 * The rules, for every map:
 *
 * - Changes (wt_objmap_add(), wt_objmap_replace(), wt_objmap_del()) are
 *   made with the bucket's lock held: wt_objmap_lock() .. wt_objmap_unlock()
 *   for the key. A map made with WT_OBJMAP_IRQSAFE takes its locks with
 *   interrupts off: its users may change it from an RCU callback or softirq
 *   (security_task_free, security_sk_free). Never nest two bucket locks of
 *   one map; each map has its own lockdep class.
 * - Lookups (wt_objmap_first(), wt_objmap_next()) run under the bucket's
 *   lock or under rcu_read_lock(). A record found under RCU stays allocated
 *   until rcu_read_unlock() only if whoever unlinks it frees it after a
 *   grace period (kfree_rcu(), call_rcu()); a map whose readers all hold
 *   the lock may free a record as soon as it is unlinked.
 * - The key is compared, never dereferenced: a record whose object was
 *   freed without its record being removed (a missed free hook) is keyed by
 *   an address a new object may get, so a user that cannot rule that out
 *   checks more of the object (its inode number, its start time) on a hit.
 * - Bounded: a map made with a bound refuses wt_objmap_add() past it
 *   (-ENOSPC, counted in wt_objmap_refused()); its user decides what a
 *   refusal means (evaluate without caching, or deny). A map without a
 *   bound holds at most one record per live object of its kind, which the
 *   kernel bounds.
 * - Emptied by wt_objmap_drain() after the hooks that fill it are removed;
 *   a release function frees each record as it would on a removal, then the
 *   caller waits for the grace period (rcu_barrier()) before the module
 *   goes.
 *
 * Records embed a struct wt_objmap_node and are found with container_of().
 */
#ifndef WT_OBJMAP_H
#define WT_OBJMAP_H

#include <linux/atomic.h>
#include <linux/hash.h>
#include <linux/kernel.h>
#include <linux/lockdep.h>
#include <linux/log2.h>
#include <linux/rculist.h>
#include <linux/spinlock.h>
#include <linux/types.h>

/**
 * struct wt_objmap_node - the part of a record the map uses
 * @link: bucket linkage
 * @key: the object's address, set by wt_objmap_add()
 */
struct wt_objmap_node {
	struct hlist_node link;
	const void *key;
};

/**
 * struct wt_objmap_counts - the counters of a map, the part that changes
 * @count: records in the map
 * @refused: wt_objmap_add() calls refused at the bound
 */
struct wt_objmap_counts {
	atomic_long_t count;
	atomic_long_t refused;
};

/**
 * struct wt_objmap - a pointer-keyed map (WT_OBJMAP_DEFINE())
 * @buckets: 1 << @hash_bits lists
 * @locks: 1 << @lock_bits locks; bucket b is guarded by b's low bits
 * @counts: the map's counters
 * @hash_bits: log2 of the number of buckets
 * @lock_bits: log2 of the number of locks (at most @hash_bits)
 * @irqsafe: locks are taken with interrupts disabled
 * @max: the most records at once, or 0 for no bound of the map's own
 *
 * A map is a static const object and every lookup, lock and link is
 * inline: in the file that defines the map the compiler folds its
 * geometry and its lock kind into constants, so a lookup costs what a
 * hand-written table would (one multiply for the hash, no test of the
 * lock kind). Only the buckets, the locks and @counts change.
 */
struct wt_objmap {
	struct hlist_head *buckets;
	spinlock_t *locks;	/* each guards the buckets it is the lock of */
	struct wt_objmap_counts *counts;
	unsigned int hash_bits;
	unsigned int lock_bits;
	bool irqsafe;
	long max;
};

/* Flags of WT_OBJMAP_DEFINE(). */
#define WT_OBJMAP_IRQSAFE	true	/* changed from softirq or RCU callbacks */
#define WT_OBJMAP_PROCESS	false	/* changed in process context only */

/**
 * WT_OBJMAP_DEFINE() - define a static map
 * @name: the map's identifier
 * @hbits: log2 of the number of buckets
 * @lbits: log2 of the number of bucket locks (<= @hbits)
 * @bound: the most records at once; 0 for no bound of the map's own
 * @irq: %WT_OBJMAP_IRQSAFE or %WT_OBJMAP_PROCESS
 *
 * The map is usable after wt_objmap_init(). Its counters are @name_counts
 * (a module parameter may show &@name_counts.count).
 */
#define WT_OBJMAP_DEFINE(name, hbits, lbits, bound, irq)		\
	__WT_OBJMAP_DEFINE(static, name, hbits, lbits, bound, irq)

/**
 * WT_OBJMAP_DEFINE_SHARED() - define a map other files look up too
 * @name: the map's identifier, declared extern in a header
 * @hbits: log2 of the number of buckets
 * @lbits: log2 of the number of bucket locks (<= @hbits)
 * @bound: the most records at once; 0 for no bound of the map's own
 * @irq: %WT_OBJMAP_IRQSAFE or %WT_OBJMAP_PROCESS
 *
 * As WT_OBJMAP_DEFINE(), but the map has external linkage, for an inline
 * test of its count in another file (the compiler folds nothing there).
 */
#define WT_OBJMAP_DEFINE_SHARED(name, hbits, lbits, bound, irq)	\
	__WT_OBJMAP_DEFINE(, name, hbits, lbits, bound, irq)

#define __WT_OBJMAP_DEFINE(linkage, name, hbits, lbits, bound, irq)	\
	static struct hlist_head name##_buckets[1 << (hbits)];		\
	static spinlock_t name##_locks[1 << (lbits)];			\
	static struct wt_objmap_counts name##_counts;			\
	static_assert(ARRAY_SIZE(name##_locks) <=			\
		      ARRAY_SIZE(name##_buckets));			\
	linkage const struct wt_objmap name = {				\
		.buckets = name##_buckets,				\
		.locks = name##_locks,					\
		.counts = &name##_counts,				\
		.hash_bits = ilog2(ARRAY_SIZE(name##_buckets)),		\
		.lock_bits = ilog2(ARRAY_SIZE(name##_locks)),		\
		.irqsafe = (irq),					\
		.max = (bound),						\
	}

void __wt_objmap_init(const struct wt_objmap *map, const char *name,
		      struct lock_class_key *key);

/**
 * wt_objmap_init() - initialise the locks of @map, before its first use
 * @map: the map
 *
 * Each call site gives the map's locks a lockdep class of their own.
 */
#define wt_objmap_init(map)						\
	do {								\
		static struct lock_class_key __wt_objmap_key;		\
									\
		__wt_objmap_init(map, #map, &__wt_objmap_key);		\
	} while (0)

static inline u32 wt_objmap_bucket(const struct wt_objmap *map,
				   const void *key)
{
	return hash_ptr((void *)key, map->hash_bits);
}

static inline spinlock_t *wt_objmap_lock_of(const struct wt_objmap *map,
					    u32 bucket)
{
	return &map->locks[bucket & ((1U << map->lock_bits) - 1)];
}

/**
 * wt_objmap_lock() - take the lock of @key's bucket
 * @map: the map
 * @key: the object's address
 * @flags: saved interrupt state (used by an irqsafe map)
 */
static inline void wt_objmap_lock(const struct wt_objmap *map, const void *key,
				  unsigned long *flags)
	__acquires(wt_objmap_lock_of(map, wt_objmap_bucket(map, key)))
{
	spinlock_t *lock = wt_objmap_lock_of(map, wt_objmap_bucket(map, key));

	if (map->irqsafe) {
		spin_lock_irqsave(lock, *flags);
	} else {
		*flags = 0;
		spin_lock(lock);
	}
}

/**
 * wt_objmap_unlock() - release what wt_objmap_lock() took
 * @map: the map
 * @key: the key given to wt_objmap_lock()
 * @flags: what wt_objmap_lock() saved
 */
static inline void wt_objmap_unlock(const struct wt_objmap *map, const void *key,
				    unsigned long flags)
	__releases(wt_objmap_lock_of(map, wt_objmap_bucket(map, key)))
{
	spinlock_t *lock = wt_objmap_lock_of(map, wt_objmap_bucket(map, key));

	if (map->irqsafe)
		spin_unlock_irqrestore(lock, flags);
	else
		spin_unlock(lock);
}

/**
 * wt_objmap_first() - the first record of @key
 * @map: the map
 * @key: the object's address
 *
 * Context: under rcu_read_lock() or the bucket's lock.
 * Return: the node, or NULL.
 */
static inline struct wt_objmap_node *wt_objmap_first(const struct wt_objmap *map,
						     const void *key)
{
	u32 bucket = wt_objmap_bucket(map, key);
	struct wt_objmap_node *n;

	hlist_for_each_entry_rcu(n, &map->buckets[bucket], link,
				 lockdep_is_held(wt_objmap_lock_of(map, bucket)))
		if (n->key == key)
			return n;
	return NULL;
}

/**
 * wt_objmap_next() - the next record with the key of @n
 * @n: a record found by wt_objmap_first() or wt_objmap_next()
 *
 * For maps that hold several records of one object.
 *
 * Context: as for wt_objmap_first(), without a break in between.
 * Return: the node, or NULL.
 */
static inline struct wt_objmap_node *wt_objmap_next(struct wt_objmap_node *n)
{
	const void *key = n->key;

	hlist_for_each_entry_continue_rcu(n, link)
		if (n->key == key)
			return n;
	return NULL;
}

/* Inline: the open-file record adds and removes one at every open. */
static inline void wt_objmap_link(const struct wt_objmap *map,
				  struct wt_objmap_node *n, const void *key)
{
	u32 bucket = wt_objmap_bucket(map, key);

	lockdep_assert_held(wt_objmap_lock_of(map, bucket));
	n->key = key;
	hlist_add_head_rcu(&n->link, &map->buckets[bucket]);
}

/**
 * wt_objmap_add_unbounded() - link @n as a record of @key, past the bound
 * @map: the map
 * @n: the new record's node
 * @key: the object's address
 *
 * For a map without a bound, and for a record its user may not do
 * without in a bounded one (an SD it just wrote, which later checks must
 * see); it still counts against the bound.
 *
 * Context: under the lock of @key's bucket.
 */
static inline void wt_objmap_add_unbounded(const struct wt_objmap *map,
					   struct wt_objmap_node *n,
					   const void *key)
{
	atomic_long_inc(&map->counts->count);
	wt_objmap_link(map, n, key);
}

/**
 * wt_objmap_del() - unlink @n (the caller frees it)
 * @map: the map
 * @n: a linked record
 *
 * Context: under the lock of @n's bucket.
 */
static inline void wt_objmap_del(const struct wt_objmap *map,
				 struct wt_objmap_node *n)
{
	lockdep_assert_held(wt_objmap_lock_of(map, wt_objmap_bucket(map, n->key)));
	hlist_del_rcu(&n->link);
	atomic_long_dec(&map->counts->count);
}

int wt_objmap_add(const struct wt_objmap *map, struct wt_objmap_node *n,
		  const void *key);
void wt_objmap_replace(const struct wt_objmap *map, struct wt_objmap_node *old,
		       struct wt_objmap_node *n);
void wt_objmap_drain(const struct wt_objmap *map,
		     void (*release)(struct wt_objmap_node *n));

/**
 * wt_objmap_count() - the records in @map now
 * @map: the map
 *
 * Return: the count (a hint: it may change at once).
 */
static inline long wt_objmap_count(const struct wt_objmap *map)
{
	return atomic_long_read(&map->counts->count);
}

/**
 * wt_objmap_refused() - how many additions @map refused at its bound
 * @map: the map
 *
 * Return: the count since load.
 */
static inline long wt_objmap_refused(const struct wt_objmap *map)
{
	return atomic_long_read(&map->counts->refused);
}

#endif /* WT_OBJMAP_H */
