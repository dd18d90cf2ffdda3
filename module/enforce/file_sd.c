// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - security descriptors on files.
 *
 * The SD of a file lives in the xattr security.wintok (MS-DTYP
 * self-relative bytes); a file without it is not governed. Parsed SDs are
 * cached per inode in a hash table keyed by the inode's address (checked
 * against its superblock, number and generation) with RCU lookups; an
 * entry with len 0 records "not governed". The cache is changed only:
 *
 * - by a loader that holds the inode's i_rwsem shared (taken with a
 *   trylock in security_file_open, which must not wait for it), so it can
 *   never insert bytes older than a write: every writer of the xattr holds
 *   i_rwsem exclusively around its permission hook and the write, and
 *   invalidates in between;
 * - by invalidation in the setxattr/removexattr hooks and after our own
 *   writes (under i_rwsem held exclusively);
 * - by removal when the inode is freed (security_inode_free).
 *
 * Design and the list of what is checked: Documentation/design/enforcement.rst.
 */
#include <linux/compat.h>
#include <linux/cred.h>
#include <linux/falloc.h>
#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/magic.h>
#include <linux/moduleparam.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/mount.h>
#include <linux/namei.h>
#include <linux/rculist.h>
#include <linux/sched.h>
#include <linux/sched/task_stack.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <linux/uaccess.h>
#include <linux/xattr.h>
#include <asm/syscall.h>

#include "wintok.h"
#include "hook.h"
#include "token.h"
#include "file_sd.h"
#include "impersonate.h"
#include "wt_access.h"
#include "wt_inherit.h"
#include "audit.h"
#include "unix_sd.h"
#include "decision.h"
#include "file_int.h"

/*
 * Beyond this many cached inodes (the map's bound), or bytes of entries
 * (file_sd_cache_bytes), misses are evaluated without caching. Entries
 * hold SDs of up to WT_SD_MAX_SIZE bytes that any user can write on files
 * of their own, so the count alone would let one user pin gigabytes.
 */
#define WT_FSD_MAX_ENTRIES	65536
#define WT_FSD_MAX_BYTES	(32UL << 20)

/* security_inode_free may run from an RCU callback: irqsafe. */
WT_OBJMAP_DEFINE(wt_fsd_map, 12, 8, WT_FSD_MAX_ENTRIES, WT_OBJMAP_IRQSAFE);
static atomic_long_t wt_fsd_bytes = ATOMIC_LONG_INIT(0);
static unsigned long wt_fsd_max_bytes = WT_FSD_MAX_BYTES;
static atomic_long_t wt_fsd_errors = ATOMIC_LONG_INIT(0);

/* What @e counts against file_sd_cache_bytes (its len never changes). */
static long wt_fsd_entry_bytes(const struct wt_fsd_entry *e)
{
	return struct_size(e, sd, e->len);
}

/*
 * Reserve @bytes of the cache for an entry; false when that would pass
 * the bound. Adding first and backing out keeps concurrent inserts (under
 * different bucket locks) from passing it together.
 */
static bool wt_fsd_reserve(long bytes)
{
	if (atomic_long_add_return(bytes, &wt_fsd_bytes) <=
	    (long)READ_ONCE(wt_fsd_max_bytes))
		return true;
	atomic_long_sub(bytes, &wt_fsd_bytes);
	return false;
}

/* Parse @e's SD into its view, with an empty decision cache. */
int wt_fsd_parse_entry(struct wt_fsd_entry *e)
{
	int err = wt_sd_parse(e->sd, e->len, &e->view);

	if (err)
		return err;
	wt_decision_cache_init(&e->decisions, &e->view);
	return 0;
}

/* Count an internal error, log it (rate-limited) and deny. */
int wt_fsd_fail(const char *what, int err)
{
	atomic_long_inc(&wt_fsd_errors);
	pr_warn_ratelimited("%s: denied on internal error %d\n", what, err);
	return -EACCES;
}

/* Under rcu_read_lock() or the bucket's lock: the entry at @inode's address. */
static struct wt_fsd_entry *wt_fsd_find(const struct inode *inode)
{
	struct wt_objmap_node *n = wt_objmap_first(&wt_fsd_map, inode);

	return n ? container_of(n, struct wt_fsd_entry, node) : NULL;
}

/* Under rcu_read_lock(): @inode's valid entry or NULL. */
struct wt_fsd_entry *wt_fsd_lookup(const struct inode *inode)
{
	struct wt_fsd_entry *e = wt_fsd_find(inode);

	if (e && e->sb == inode->i_sb && e->ino == inode->i_ino &&
	    e->gen == inode->i_generation)
		return e;
	return NULL;
}

void wt_fsd_invalidate(const struct inode *inode)
{
	struct wt_fsd_entry *e;
	unsigned long flags;

	wt_objmap_lock(&wt_fsd_map, inode, &flags);
	e = wt_fsd_find(inode);
	if (e) {
		wt_objmap_del(&wt_fsd_map, &e->node);
		atomic_long_sub(wt_fsd_entry_bytes(e), &wt_fsd_bytes);
	}
	wt_objmap_unlock(&wt_fsd_map, inode, flags);
	if (e)
		kfree_rcu(e, rcu);
}

/*
 * Publish @e (consumed: inserted, or freed when the cache is full and not
 * @force). An entry it replaces is gone either way: when the new one does
 * not fit, the inode is left uncached. The caller holds the inode's
 * i_rwsem, at least shared.
 */
void wt_fsd_insert(struct wt_fsd_entry *e, bool force)
{
	const struct inode *inode = e->inode;
	long bytes = wt_fsd_entry_bytes(e);
	struct wt_fsd_entry *old, *drop = NULL;
	unsigned long flags;

	wt_objmap_lock(&wt_fsd_map, inode, &flags);
	old = wt_fsd_find(inode);
	if (old) {
		atomic_long_sub(wt_fsd_entry_bytes(old), &wt_fsd_bytes);
		if (force || wt_fsd_reserve(bytes)) {
			if (force)
				atomic_long_add(bytes, &wt_fsd_bytes);
			wt_objmap_replace(&wt_fsd_map, &old->node, &e->node);
		} else {
			wt_objmap_del(&wt_fsd_map, &old->node);
			drop = e;
		}
	} else if (force) {
		atomic_long_add(bytes, &wt_fsd_bytes);
		wt_objmap_add_unbounded(&wt_fsd_map, &e->node, inode);
	} else if (!wt_fsd_reserve(bytes)) {
		old = e;
	} else if (wt_objmap_add(&wt_fsd_map, &e->node, inode)) {
		atomic_long_sub(bytes, &wt_fsd_bytes);
		old = e;
	}
	wt_objmap_unlock(&wt_fsd_map, inode, flags);
	if (old)
		kfree_rcu(old, rcu);
	kfree(drop);	/* never published */
}

/*
 * Read and validate the SD of @inode, from the store of its mount, into a
 * new, unpublished entry. May sleep. Return: the entry (len 0 when not
 * governed), ERR_PTR(-EIO) when the stored bytes are not a valid SD, or
 * another ERR_PTR.
 */
struct wt_fsd_entry *wt_fsd_load(struct dentry *dentry,
				 struct inode *inode)
{
	const struct wt_sd_store *st = wt_mount_policy(inode->i_sb)->store;
	struct wt_fsd_entry *e;
	ssize_t size, got;
	int tries;

	for (tries = 0; tries < 3; tries++) {
		size = wt_sd_store_read(st, dentry, inode, NULL, 0);
		if (size == -ENODATA || size == -EOPNOTSUPP)
			size = 0;
		if (size < 0)
			return ERR_PTR(size);
		if (size > WT_SD_MAX_SIZE)
			return ERR_PTR(-EIO);
		e = kzalloc(struct_size(e, sd, size), GFP_KERNEL);
		if (!e)
			return ERR_PTR(-ENOMEM);
		e->inode = inode;
		e->sb = inode->i_sb;
		e->ino = inode->i_ino;
		e->gen = inode->i_generation;
		if (!size)
			return e;
		got = wt_sd_store_read(st, dentry, inode, e->sd, size);
		if (got == -ERANGE) {	/* grew in between */
			kfree(e);
			continue;
		}
		if (got == -ENODATA)
			return e;
		if (got < 0) {
			kfree(e);
			return ERR_PTR(got);
		}
		e->len = got;
		if (wt_fsd_parse_entry(e)) {
			kfree(e);
			return ERR_PTR(-EIO);
		}
		return e;
	}
	return ERR_PTR(-EAGAIN);
}

/**
 * wt_sd_eval() - access check of a token against an SD, audited
 * @sd: the SD
 * @tok: the subject's token (a reference the caller holds)
 * @req: what is asked
 * @what: names the check in audit events
 * @obj: the object, for audit events
 *
 * For the ioctls, which hold a token reference rather than a subject.
 * Context: any; takes rcu_read_lock() for the token's state.
 * Return: the core's status; the audits its result asks for are sent.
 */
enum wt_access_status wt_sd_eval(const struct wt_sd_view *sd,
				 struct wt_token *tok,
				 const struct wt_access_request *req,
				 const char *what,
				 const struct wt_audit_object *obj)
{
	const struct wt_token_view *view;
	struct wt_access_result res;
	enum wt_access_status status;

	rcu_read_lock();
	view = &wt_token_state(tok)->view;
	status = wt_access_check(sd, view, req, &res);
	wt_audit_access(what, obj, sd, view, req, &res);
	rcu_read_unlock();
	return status;
}

/* wt_sd_eval() of a file request: the thread's backup intent counts. */
enum wt_access_status wt_fsd_eval(const struct wt_sd_view *sd,
				  struct wt_token *tok, u32 desired,
				  const struct wt_generic_mapping *map,
				  const char *what,
				  const struct wt_audit_object *obj)
{
	struct wt_access_request req = { .desired = desired, .mapping = map,
					 .flags = wt_request_flags() };

	return wt_sd_eval(sd, tok, &req, what, obj);
}

static int wt_hook_inode_free(struct inode *inode)
{
	wt_fsd_invalidate(inode);
	return 0;
}

static struct wt_hook wt_file_hooks[] = {
	{ .func = "security_file_open", .check = wt_hook_file_open,
	  .mode = WT_HOOK_SLEEPABLE },
	{ .func = "security_inode_setxattr", .check = wt_hook_inode_setxattr,
	  .mode = WT_HOOK_SLEEPABLE },
	{ .func = "security_inode_removexattr",
	  .check = wt_hook_inode_removexattr, .mode = WT_HOOK_SLEEPABLE },
	{ .func = "security_inode_free", .check = wt_hook_inode_free,
	  .mode = WT_HOOK_OBSERVE },
	{ .func = "security_task_free", .check = wt_hook_task_free,
	  .mode = WT_HOOK_OBSERVE },
	{ .func = "security_path_mknod", .check = wt_hook_path_mknod,
	  .mode = WT_HOOK_SLEEPABLE },
	{ .func = "security_path_mkdir", .check = wt_hook_path_mkdir,
	  .mode = WT_HOOK_SLEEPABLE },
	{ .func = "security_path_symlink", .check = wt_hook_path_symlink,
	  .mode = WT_HOOK_SLEEPABLE },
	{ .func = "security_path_link", .check = wt_hook_path_link,
	  .mode = WT_HOOK_SLEEPABLE },
	{ .func = "security_inode_unlink", .check = wt_hook_inode_unlink,
	  .mode = WT_HOOK_SLEEPABLE },
	{ .func = "security_inode_rmdir", .check = wt_hook_inode_rmdir,
	  .mode = WT_HOOK_SLEEPABLE },
	{ .func = "security_inode_rename", .check = wt_hook_inode_rename,
	  .mode = WT_HOOK_SLEEPABLE },
	{ .func = "security_path_chmod", .check = wt_hook_path_chmod,
	  .mode = WT_HOOK_SLEEPABLE },
	{ .func = "security_path_chown", .check = wt_hook_path_chown,
	  .mode = WT_HOOK_SLEEPABLE },
	{ .func = "security_inode_init_security",
	  .check = wt_hook_inode_init_security, .mode = WT_HOOK_SLEEPABLE },
	{ .func = "security_file_free", .check = wt_hook_file_free,
	  .mode = WT_HOOK_OBSERVE },
	{ .func = "security_mmap_file", .check = wt_hook_mmap_file,
	  .mode = WT_HOOK_SLEEPABLE },
	{ .func = "security_file_mprotect", .check = wt_hook_file_mprotect,
	  .mode = WT_HOOK_SLEEPABLE },
	{ .func = "security_inode_setattr", .check = wt_hook_inode_setattr,
	  .mode = WT_HOOK_SLEEPABLE },
	{ .func = "security_inode_getxattr", .check = wt_hook_inode_getxattr,
	  .mode = WT_HOOK_SLEEPABLE },
	{ .func = "security_file_fcntl", .check = wt_hook_file_fcntl,
	  .mode = WT_HOOK_SLEEPABLE },
	{ .func = "security_file_permission",
	  .check = wt_hook_file_permission, .mode = WT_HOOK_SLEEPABLE },
#ifdef WT_HAVE_INODE_SET_ACL
	{ .func = "security_inode_set_acl", .check = wt_hook_inode_set_acl,
	  .mode = WT_HOOK_SLEEPABLE },
	{ .func = "security_inode_remove_acl",
	  .check = wt_hook_inode_remove_acl, .mode = WT_HOOK_SLEEPABLE },
#endif
};

/* ---- counters, init, exit ---- */

module_param_cb(file_sd_cached, &wt_atomic_counter_ops, &wt_fsd_map_counts.count, 0444);
MODULE_PARM_DESC(file_sd_cached, "inodes in the security descriptor cache");
module_param_cb(file_sd_cache_used, &wt_atomic_counter_ops, &wt_fsd_bytes, 0444);
MODULE_PARM_DESC(file_sd_cache_used,
		 "bytes of entries in the security descriptor cache");
module_param_named(file_sd_cache_bytes, wt_fsd_max_bytes, ulong, 0644);
MODULE_PARM_DESC(file_sd_cache_bytes,
		 "bound on file_sd_cache_used (default 32 MiB); lowering it keeps what is cached, caches nothing more until below");
module_param_cb(file_errors, &wt_atomic_counter_ops, &wt_fsd_errors, 0444);
MODULE_PARM_DESC(file_errors, "file accesses denied because of an internal error");

/* Internal errors so far (statistics, netlink.c). */
long wt_file_errors(void)
{
	return atomic_long_read(&wt_fsd_errors);
}

/**
 * wt_file_init() - set up the SD cache and install the file hooks
 *
 * Return: 0 or a negative errno (the module must then refuse to load).
 */
int wt_file_init(void)
{
	int err;

	wt_objmap_init(&wt_fsd_map);
	wt_intent_init();
	err = wt_ofile_init();
	if (err)
		return err;
	err = wt_hooks_install(wt_file_hooks, ARRAY_SIZE(wt_file_hooks));
	if (err)
		wt_ofile_exit();
	return err;
}

static void wt_fsd_release(struct wt_objmap_node *n)
{
	struct wt_fsd_entry *e = container_of(n, struct wt_fsd_entry, node);

	atomic_long_sub(wt_fsd_entry_bytes(e), &wt_fsd_bytes);
	kfree_rcu(e, rcu);
}

/**
 * wt_file_exit() - remove the file hooks, then empty the cache
 */
void wt_file_exit(void)
{
	wt_hooks_remove(wt_file_hooks, ARRAY_SIZE(wt_file_hooks));
	wt_intent_exit();
	wt_objmap_drain(&wt_fsd_map, wt_fsd_release);
	rcu_barrier();
	wt_ofile_exit();
}
