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
#include <linux/hash.h>
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

/* The mount's id mapping: a struct mnt_idmap from 6.3, a namespace before. */
#ifdef WT_HAVE_MNT_IDMAP
#define wt_idmap mnt_idmap
#define wt_file_idmap(file) file_mnt_idmap(file)
#define WT_NOP_IDMAP (&nop_mnt_idmap)
#else
#define wt_idmap user_namespace
#define wt_file_idmap(file) file_mnt_user_ns(file)
#define WT_NOP_IDMAP (&init_user_ns)
#endif

#define WT_FSD_HASH_BITS	12
#define WT_FSD_LOCK_BITS	8
/*
 * Beyond this many cached inodes, or bytes of entries (file_sd_cache_bytes),
 * misses are evaluated without caching. Entries hold SDs of up to
 * WT_SD_MAX_SIZE bytes that any user can write on files of their own, so
 * the count alone would let one user pin gigabytes.
 */
#define WT_FSD_MAX_ENTRIES	65536
#define WT_FSD_MAX_BYTES	(32UL << 20)

#define WT_SI_VALID							\
	(WT_OWNER_SECURITY_INFORMATION | WT_GROUP_SECURITY_INFORMATION |	\
	 WT_DACL_SECURITY_INFORMATION | WT_SACL_SECURITY_INFORMATION |	\
	 WT_LABEL_SECURITY_INFORMATION)

#define WT_SE_DACL_BITS							\
	(WT_SE_DACL_DEFAULTED | WT_SE_DACL_TRUSTED |			\
	 WT_SE_DACL_AUTO_INHERIT_REQ | WT_SE_DACL_AUTO_INHERITED |	\
	 WT_SE_DACL_PROTECTED)
#define WT_SE_SACL_BITS							\
	(WT_SE_SACL_DEFAULTED | WT_SE_SACL_AUTO_INHERIT_REQ |		\
	 WT_SE_SACL_AUTO_INHERITED | WT_SE_SACL_PROTECTED)

/**
 * struct wt_fsd_entry - the parsed SD of one inode
 * @node: bucket linkage
 * @inode: the key; never dereferenced through the entry
 * @sb: superblock of @inode when the entry was made
 * @ino: inode number then
 * @gen: inode generation then
 * @len: bytes at @sd; 0: the inode is not governed
 * @view: @sd parsed (when @len is not 0)
 * @rcu: frees the entry after readers are done
 * @decisions: recent decisions on @view (decision.h)
 * @sd: the xattr value
 */
struct wt_fsd_entry {
	struct hlist_node node;
	const struct inode *inode;
	const struct super_block *sb;
	unsigned long ino;
	u32 gen;
	u32 len;
	struct wt_sd_view view;
	struct rcu_head rcu;
	struct wt_decision_cache decisions;
	u8 sd[] __aligned(8);
};

static struct hlist_head wt_fsd_hash[1 << WT_FSD_HASH_BITS];
static spinlock_t wt_fsd_locks[1 << WT_FSD_LOCK_BITS];
static atomic_long_t wt_fsd_count = ATOMIC_LONG_INIT(0);
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
static int wt_fsd_parse_entry(struct wt_fsd_entry *e)
{
	int err = wt_sd_parse(e->sd, e->len, &e->view);

	if (err)
		return err;
	wt_decision_cache_init(&e->decisions, &e->view);
	return 0;
}

/**
 * wt_effective_token() - the token access checks evaluate for current
 * @gfp: allocation flags, if a token has to be derived
 *
 * The thread's impersonation token if it has one, else the primary token
 * of current_cred(). A thread impersonating below Impersonation may not
 * use its token for access at all.
 *
 * Return: a token with a reference for the caller, or an ERR_PTR
 * (-%WT_EBADIMPLEVEL for that thread).
 */
struct wt_token *wt_effective_token(gfp_t gfp)
{
	int err = wt_imp_level_denies();

	if (err)
		return ERR_PTR(err);
	return wt_cred_effective_token(current_cred(), gfp);
}

/* Count an internal error, log it (rate-limited) and deny. */
static int wt_fsd_fail(const char *what, int err)
{
	atomic_long_inc(&wt_fsd_errors);
	pr_warn_ratelimited("%s: denied on internal error %d\n", what, err);
	return -EACCES;
}

static u32 wt_fsd_bucket(const struct inode *inode)
{
	return hash_ptr((void *)inode, WT_FSD_HASH_BITS);
}

static spinlock_t *wt_fsd_lock(u32 bucket)
{
	return &wt_fsd_locks[bucket & ((1 << WT_FSD_LOCK_BITS) - 1)];
}

/* Under rcu_read_lock() or the bucket's lock: the entry at @inode's address. */
static struct wt_fsd_entry *wt_fsd_find(const struct inode *inode, u32 bucket)
{
	struct wt_fsd_entry *e;

	hlist_for_each_entry_rcu(e, &wt_fsd_hash[bucket], node,
				 lockdep_is_held(wt_fsd_lock(bucket)))
		if (e->inode == inode)
			return e;
	return NULL;
}

/* Under rcu_read_lock(): @inode's valid entry or NULL. */
static struct wt_fsd_entry *wt_fsd_lookup(const struct inode *inode)
{
	struct wt_fsd_entry *e = wt_fsd_find(inode, wt_fsd_bucket(inode));

	if (e && e->sb == inode->i_sb && e->ino == inode->i_ino &&
	    e->gen == inode->i_generation)
		return e;
	return NULL;
}

static void wt_fsd_invalidate(const struct inode *inode)
{
	u32 bucket = wt_fsd_bucket(inode);
	struct wt_fsd_entry *e;
	unsigned long flags;

	spin_lock_irqsave(wt_fsd_lock(bucket), flags);
	e = wt_fsd_find(inode, bucket);
	if (e) {
		hlist_del_rcu(&e->node);
		atomic_long_dec(&wt_fsd_count);
		atomic_long_sub(wt_fsd_entry_bytes(e), &wt_fsd_bytes);
	}
	spin_unlock_irqrestore(wt_fsd_lock(bucket), flags);
	if (e)
		kfree_rcu(e, rcu);
}

/*
 * Publish @e (consumed: inserted, or freed when the cache is full and not
 * @force). An entry it replaces is gone either way: when the new one does
 * not fit, the inode is left uncached. The caller holds the inode's
 * i_rwsem, at least shared.
 */
static void wt_fsd_insert(struct wt_fsd_entry *e, bool force)
{
	u32 bucket = wt_fsd_bucket(e->inode);
	long bytes = wt_fsd_entry_bytes(e);
	struct wt_fsd_entry *old, *drop = NULL;
	unsigned long flags;

	spin_lock_irqsave(wt_fsd_lock(bucket), flags);
	old = wt_fsd_find(e->inode, bucket);
	if (old) {
		atomic_long_sub(wt_fsd_entry_bytes(old), &wt_fsd_bytes);
		if (force || wt_fsd_reserve(bytes)) {
			if (force)
				atomic_long_add(bytes, &wt_fsd_bytes);
			hlist_replace_rcu(&old->node, &e->node);
		} else {
			hlist_del_rcu(&old->node);
			atomic_long_dec(&wt_fsd_count);
			drop = e;
		}
	} else if (force ||
		   (atomic_long_read(&wt_fsd_count) < WT_FSD_MAX_ENTRIES &&
		    wt_fsd_reserve(bytes))) {
		if (force)
			atomic_long_add(bytes, &wt_fsd_bytes);
		hlist_add_head_rcu(&e->node, &wt_fsd_hash[bucket]);
		atomic_long_inc(&wt_fsd_count);
	} else {
		old = e;
	}
	spin_unlock_irqrestore(wt_fsd_lock(bucket), flags);
	if (old)
		kfree_rcu(old, rcu);
	kfree(drop);	/* never published */
}

/*
 * Read and validate the SD of @inode into a new, unpublished entry. May
 * sleep. Return: the entry (len 0 when not governed), ERR_PTR(-EIO) when
 * the stored bytes are not a valid SD, or another ERR_PTR.
 */
static struct wt_fsd_entry *wt_fsd_load(struct dentry *dentry,
					struct inode *inode)
{
	struct wt_fsd_entry *e;
	ssize_t size, got;
	int tries;

	for (tries = 0; tries < 3; tries++) {
		size = 0;
		if (inode->i_opflags & IOP_XATTR)
			size = __vfs_getxattr(dentry, inode, WT_XATTR_NAME, NULL, 0);
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
		got = __vfs_getxattr(dentry, inode, WT_XATTR_NAME, e->sd, size);
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

/* ---- backup intent (WT_IOC_OPEN_BACKUP, WT_IOC_SET_BACKUP_INTENT) ---- */

/*
 * Threads whose file checks are made with WT_AC_BACKUP_INTENT: for the
 * duration of one open inside WT_IOC_OPEN_BACKUP (an entry on that
 * ioctl's stack), or from WT_IOC_SET_BACKUP_INTENT on until it is turned
 * off or the thread exits (an allocated entry, @persistent). Only the
 * thread itself adds and removes its entries, except that
 * security_task_free drops a persistent one left at exit; that hook may
 * run from an RCU callback, so the lock is taken with interrupts off.
 * Readers (wt_request_flags()) walk a bucket under RCU.
 */
#define WT_INTENT_HASH_BITS	6

/**
 * struct wt_intent - a thread with backup intent
 * @node: bucket linkage
 * @task: the thread; never dereferenced
 * @start: its start time: an entry whose free was missed (hooks.rst,
 *	"Known gaps") never applies to a later thread at the same address
 * @persistent: made by WT_IOC_SET_BACKUP_INTENT (freed after RCU readers)
 * @rcu: frees a persistent entry
 */
struct wt_intent {
	struct hlist_node node;
	const struct task_struct *task;
	u64 start;
	bool persistent;
	struct rcu_head rcu;
};

static struct hlist_head wt_intent_hash[1 << WT_INTENT_HASH_BITS];
static DEFINE_SPINLOCK(wt_intent_lock);
static atomic_t wt_intent_count = ATOMIC_INIT(0);
/* Persistent entries: what the task_free hook has to look for. */
static atomic_long_t wt_intent_threads = ATOMIC_LONG_INIT(0);

static struct hlist_head *wt_intent_bucket(const struct task_struct *task)
{
	return &wt_intent_hash[hash_ptr((void *)task, WT_INTENT_HASH_BITS)];
}

static void wt_intent_add(struct wt_intent *i)
{
	unsigned long flags;

	spin_lock_irqsave(&wt_intent_lock, flags);
	hlist_add_head_rcu(&i->node, wt_intent_bucket(i->task));
	atomic_inc(&wt_intent_count);
	if (i->persistent)
		atomic_long_inc(&wt_intent_threads);
	spin_unlock_irqrestore(&wt_intent_lock, flags);
}

/* Unlink @i; a persistent one is freed after the readers. */
static void wt_intent_del(struct wt_intent *i)
{
	unsigned long flags;

	spin_lock_irqsave(&wt_intent_lock, flags);
	hlist_del_rcu(&i->node);
	atomic_dec(&wt_intent_count);
	if (i->persistent)
		atomic_long_dec(&wt_intent_threads);
	spin_unlock_irqrestore(&wt_intent_lock, flags);
	if (i->persistent)
		kfree_rcu(i, rcu);
}

/* The persistent entry of @task, or NULL. Under RCU or wt_intent_lock. */
static struct wt_intent *wt_intent_persistent(const struct task_struct *task)
{
	struct wt_intent *i;

	hlist_for_each_entry_rcu(i, wt_intent_bucket(task), node,
				 lockdep_is_held(&wt_intent_lock))
		if (i->task == task && i->start == task->start_time &&
		    i->persistent)
			return i;
	return NULL;
}

/* security_task_free: a thread's backup intent ends with it. */
static int wt_hook_task_free(struct task_struct *task)
{
	struct wt_intent *i;
	unsigned long flags;

	if (!atomic_long_read(&wt_intent_threads))
		return 0;
	spin_lock_irqsave(&wt_intent_lock, flags);
	i = wt_intent_persistent(task);
	if (i) {
		hlist_del_rcu(&i->node);
		atomic_dec(&wt_intent_count);
		atomic_long_dec(&wt_intent_threads);
	}
	spin_unlock_irqrestore(&wt_intent_lock, flags);
	if (i)
		kfree_rcu(i, rcu);
	return 0;
}

/* Request flags of a file check made by current. */
static u32 wt_request_flags(void)
{
	struct hlist_head *head;
	struct wt_intent *i;
	u32 flags = 0;

	if (!atomic_read(&wt_intent_count))
		return 0;
	head = wt_intent_bucket(current);
	rcu_read_lock();
	hlist_for_each_entry_rcu(i, head, node)
		if (i->task == current && i->start == current->start_time)
			flags = WT_AC_BACKUP_INTENT;
	rcu_read_unlock();
	return flags;
}

/*
 * Access check of @tok against @sd; returns the core's status. @what and
 * @obj name the check for the audits its result asks for (audit.c).
 */
static enum wt_access_status wt_fsd_eval(const struct wt_sd_view *sd,
					 struct wt_token *tok, u32 desired,
					 const struct wt_generic_mapping *map,
					 const char *what,
					 const struct wt_audit_object *obj)
{
	struct wt_access_request req = { .desired = desired, .mapping = map,
					 .flags = wt_request_flags() };
	const struct wt_token_view *view;
	struct wt_access_result res;
	enum wt_access_status status;

	rcu_read_lock();
	view = &wt_token_state(tok)->view;
	status = wt_access_check(sd, view, &req, &res);
	wt_audit_access(what, obj, sd, view, &req, &res);
	rcu_read_unlock();
	return status;
}

static const struct wt_generic_mapping *wt_inode_mapping(const struct inode *inode)
{
	return S_ISDIR(inode->i_mode) ? &wt_directory_mapping : &wt_file_mapping;
}

/* ---- what each open file was granted ---- */

/*
 * The access an open file was granted when it was opened, as a Windows
 * handle keeps its granted access: later checks on the open file (an
 * executable mapping, ftruncate, fchmod, fchown) use it, not whatever
 * token the thread has then. Kept for governed files only, in a hash
 * keyed by the struct file address; removed by security_file_free
 * (WT_HOOK_OBSERVE).
 *
 * Every open of a governed file adds a record and every close removes
 * one, while only those rarer later checks read them: so readers take the
 * bucket lock too, and a record is freed at once, without an RCU grace
 * period (whose callbacks cost more than the whole record otherwise).
 * All of it runs in process context: opens, the checks on open files,
 * and security_file_free(), which __fput() calls (6.12 also calls it from
 * fput() of a file that was never opened, in its opener's context). So
 * the bucket locks are taken without disabling interrupts.
 */
#define WT_OFILE_HASH_BITS	10
#define WT_OFILE_LOCK_BITS	6

/**
 * struct wt_ofile - the granted access of one open file
 * @node: bucket linkage
 * @file: the key; never dereferenced through the entry
 * @inode: the file's inode then, never dereferenced
 * @cred: the file's opener credentials then, never dereferenced
 * @granted: FILE_* rights granted at open
 * @append_only: the file is open for writing without FILE_WRITE_DATA
 *	(an O_APPEND open granted FILE_APPEND_DATA only): every later write
 *	path must append (wt_hook_file_permission())
 *
 * A record whose free was missed (hooks.rst, "Known gaps") stays keyed by
 * an address a later struct file may get: it only applies to a file of
 * the same inode opened with the same credentials.
 */
struct wt_ofile {
	struct hlist_node node;
	const struct file *file;
	const struct inode *inode;
	const struct cred *cred;
	u32 granted;
	bool append_only;
};

static struct hlist_head wt_ofile_hash[1 << WT_OFILE_HASH_BITS];
/* Each guards the buckets it is the lock of (wt_ofile_lock()). */
static spinlock_t wt_ofile_locks[1 << WT_OFILE_LOCK_BITS];
static atomic_long_t wt_ofile_count = ATOMIC_LONG_INIT(0);
/* Records with @append_only: while 0, writes are not looked up at all. */
static atomic_long_t wt_ofile_appenders = ATOMIC_LONG_INIT(0);
/* One record per governed open: a slab of its own, not kmalloc's buckets. */
static struct kmem_cache *wt_ofile_cache;

static u32 wt_ofile_bucket(const struct file *file)
{
	return hash_ptr((void *)file, WT_OFILE_HASH_BITS);
}

static spinlock_t *wt_ofile_lock(u32 bucket)
{
	return &wt_ofile_locks[bucket & ((1 << WT_OFILE_LOCK_BITS) - 1)];
}

/* Under the bucket's lock. */
static struct wt_ofile *wt_ofile_find(const struct file *file, u32 bucket)
{
	struct wt_ofile *o;

	lockdep_assert_held(wt_ofile_lock(bucket));
	hlist_for_each_entry(o, &wt_ofile_hash[bucket], node)
		if (o->file == file)
			return o;
	return NULL;
}

/* Drop @file's record, if it has one. */
static void wt_ofile_remove(const struct file *file)
{
	u32 bucket = wt_ofile_bucket(file);
	struct wt_ofile *o;

	spin_lock(wt_ofile_lock(bucket));
	o = wt_ofile_find(file, bucket);
	if (o) {
		hlist_del(&o->node);
		atomic_long_dec(&wt_ofile_count);
		if (o->append_only)
			atomic_long_dec(&wt_ofile_appenders);
	}
	spin_unlock(wt_ofile_lock(bucket));
	if (o)
		kmem_cache_free(wt_ofile_cache, o);
}

/* Does an open file with @granted write without FILE_WRITE_DATA? */
static bool wt_append_only(const struct file *file, u32 granted)
{
	return (file->f_mode & FMODE_WRITE) && !(granted & WT_FILE_WRITE_DATA);
}

/*
 * Record @granted for @file. Without memory nothing is recorded and later
 * checks on the file evaluate the thread's token instead: stricter for a
 * file opened while impersonating, never looser. That fallback cannot
 * bound the writes of an append-only open file (they are not checked by
 * token at all), so such an open fails instead: -ENOMEM. A record left
 * at this address by a struct file whose free was missed goes either
 * way: replaced, or dropped.
 *
 * Return: 0, or -ENOMEM for an append-only open file.
 */
static int wt_ofile_record(const struct file *file, u32 granted)
{
	bool append_only = wt_append_only(file, granted);
	u32 bucket = wt_ofile_bucket(file);
	struct wt_ofile *o, *old;

	o = kmem_cache_alloc(wt_ofile_cache, GFP_KERNEL | __GFP_NOWARN);
	if (!o) {
		wt_ofile_remove(file);
		return append_only ? -ENOMEM : 0;
	}
	o->file = file;
	o->inode = file_inode(file);
	o->cred = file->f_cred;
	o->granted = granted;
	o->append_only = append_only;
	/* Counted before it can be found: a reader never misses it. */
	if (append_only)
		atomic_long_inc(&wt_ofile_appenders);
	spin_lock(wt_ofile_lock(bucket));
	old = wt_ofile_find(file, bucket);
	if (old) {
		old->inode = o->inode;
		old->cred = o->cred;
		old->granted = granted;
		swap(old->append_only, o->append_only);
	} else {
		hlist_add_head(&o->node, &wt_ofile_hash[bucket]);
		atomic_long_inc(&wt_ofile_count);
		o = NULL;
	}
	spin_unlock(wt_ofile_lock(bucket));
	if (o) {
		/* @o now holds the replaced record's flag. */
		if (o->append_only)
			atomic_long_dec(&wt_ofile_appenders);
		kmem_cache_free(wt_ofile_cache, o);
	}
	return 0;
}

/* The rights recorded for @file; false when none were. */
static bool wt_ofile_granted(const struct file *file, u32 *granted)
{
	u32 bucket = wt_ofile_bucket(file);
	struct wt_ofile *o;

	if (!atomic_long_read(&wt_ofile_count))
		return false;
	spin_lock(wt_ofile_lock(bucket));
	o = wt_ofile_find(file, bucket);
	if (o && (o->inode != file_inode(file) || o->cred != file->f_cred))
		o = NULL;	/* another file's, whose free was missed */
	if (o)
		*granted = o->granted;
	spin_unlock(wt_ofile_lock(bucket));
	return o;
}

static int wt_hook_file_free(struct file *file)
{
	if (atomic_long_read(&wt_ofile_count))
		wt_ofile_remove(file);
	return 0;
}

/* ---- security_file_open ---- */

/* FILE_* rights an open asks for (the same bits serve directories). */
static u32 wt_open_desired(const struct file *file)
{
	u32 want = 0;

	/* execve() opens with the __FMODE_EXEC open flag; f_mode may lack it */
	if ((file->f_mode & FMODE_EXEC) || (file->f_flags & __FMODE_EXEC))
		return WT_FILE_EXECUTE;
	if (file->f_mode & FMODE_READ)
		want |= WT_FILE_READ_DATA;
	if (file->f_mode & FMODE_WRITE)
		want |= (file->f_flags & O_APPEND) ? WT_FILE_APPEND_DATA :
						     WT_FILE_WRITE_DATA;
	if (file->f_flags & O_TRUNC)
		want |= WT_FILE_WRITE_DATA;
	return want;
}

/* 0: granted; -EACCES: denied; -EIO: internal error (counted, logged). */
static int wt_check_status(enum wt_access_status status, const char *what)
{
	if (status == WT_STATUS_OK)
		return 0;
	if (status == WT_STATUS_ACCESS_DENIED ||
	    status == WT_STATUS_PRIVILEGE_NOT_HELD)
		return -EACCES;
	wt_fsd_fail(what, -EINVAL);
	return -EIO;
}

/* What the SD cache knows of @inode. */
enum wt_fsd_known {
	WT_FSD_UNKNOWN,		/* not cached */
	WT_FSD_UNGOVERNED,	/* no SD (or cannot hold one) */
	WT_FSD_GOVERNED,	/* its SD is cached */
};

static enum wt_fsd_known wt_fsd_known(const struct inode *inode)
{
	enum wt_fsd_known ret = WT_FSD_UNKNOWN;
	struct wt_fsd_entry *e;

	if (!(inode->i_opflags & IOP_XATTR))
		return WT_FSD_UNGOVERNED;
	rcu_read_lock();
	e = wt_fsd_lookup(inode);
	if (e)
		ret = e->len ? WT_FSD_GOVERNED : WT_FSD_UNGOVERNED;
	rcu_read_unlock();
	return ret;
}

/* Is @inode known not to be governed (no token needed to decide)? */
static bool wt_known_ungoverned(const struct inode *inode)
{
	return wt_fsd_known(inode) == WT_FSD_UNGOVERNED;
}

/*
 * The token of a check is current's effective token. Checks read it
 * through the credential map under RCU, without a reference
 * (wt_cred_effective_view()); only a cred the map has not checked yet
 * needs a referenced token from wt_effective_token(), which may sleep.
 */
#define WT_NEED_TOKEN	1

/* The slow path: a referenced effective token into *@tok. */
static int wt_slow_token(struct wt_token **tok, gfp_t gfp, const char *what)
{
	struct wt_token *t = wt_effective_token(gfp);

	if (IS_ERR(t)) {
		wt_fsd_fail(what, PTR_ERR(t));
		return -EIO;
	}
	*tok = t;
	return 0;
}

/**
 * struct wt_grant - what an open keeps, from its check
 * @cached_only: in: decide from the cache alone; a miss reads nothing and
 *	leaves @governed false
 * @governed: out: the inode has an SD
 * @maximum: out: what MAXIMUM_ALLOWED | desired grants (0: nothing)
 */
struct wt_grant {
	bool cached_only;
	bool governed;
	u32 maximum;
};

/*
 * Check @desired of current on the SD of @e, a published entry (under
 * rcu_read_lock(), held by the caller in any case) or a private one.
 * @tok: a referenced effective token, or NULL for the map's view. With
 * @g, the same access check also reports the maximum for the open file's
 * record. @obj names the object for the audits the result asks for (the
 * record's own MAXIMUM_ALLOWED check is no request: never audited).
 * Return: 0 (granted, nothing asked, not governed), -EACCES, -EIO
 * (counted) or WT_NEED_TOKEN (@tok NULL and the map has no view).
 */
static int wt_entry_check(struct wt_fsd_entry *e, struct wt_token *tok,
			  u32 desired, const struct wt_generic_mapping *map,
			  struct wt_grant *g, const char *what,
			  const struct wt_audit_object *obj)
{
	struct wt_access_request req = { .mapping = map };
	const struct wt_token_view *v;
	struct wt_access_result res;
	enum wt_access_status status;

	if (!e->len || (!desired && !g))
		return 0;
	v = tok ? &wt_token_state(tok)->view :
		  wt_cred_effective_view(current_cred());
	if (!v)
		return WT_NEED_TOKEN;
	req.flags = wt_request_flags();
	if (g) {
		g->governed = true;
		g->maximum = 0;
	}
	if (!desired) {
		/* Nothing asked for is granted; only the record needs a check. */
		req.desired = WT_MAXIMUM_ALLOWED;
		if (wt_access_check(&e->view, v, &req, &res) == WT_STATUS_OK)
			g->maximum = res.granted;
		return 0;
	}
	req.desired = desired;
	if (g)
		req.flags |= WT_AC_REPORT_MAXIMUM;
	status = wt_cached_access_check(&e->decisions, &e->view, v, &req, &res);
	wt_audit_access(what, obj, &e->view, v, &req, &res);
	if (g)
		g->maximum = res.maximum;
	return wt_check_status(status, what);
}

/*
 * Check @desired rights of current on @inode (reached through @dentry). A
 * miss reads the xattr, which may sleep; the entry is cached only when the
 * caller holds @inode's i_rwsem (@locked), see the top of the file. @g:
 * see &struct wt_grant, or NULL. @path, when the caller has it, names the
 * object in audit events better than @dentry (a full path rather than
 * one within its file system).
 *
 * Return: 0 when granted or the inode is not governed, -EACCES when
 * denied, -EIO on an internal error (already counted and logged).
 */
static int wt_inode_access(struct dentry *dentry, struct inode *inode,
			   u32 desired, bool locked, struct wt_grant *g,
			   const char *what, const struct path *path)
{
	const struct wt_audit_object obj = { .path = path, .dentry = dentry };
	const struct wt_generic_mapping *map;
	struct wt_token *tok = NULL;
	struct wt_fsd_entry *e;
	int ret;

	if (g) {
		g->governed = false;
		g->maximum = 0;
	}
	if (!(inode->i_opflags & IOP_XATTR))
		return 0;	/* cannot hold an SD */
	map = wt_inode_mapping(inode);
	/* At most twice: with a token, wt_entry_check() always decides. */
	for (;;) {
		rcu_read_lock();
		e = wt_fsd_lookup(inode);
		ret = e ? wt_entry_check(e, tok, desired, map, g, what, &obj) : 0;
		rcu_read_unlock();
		if (!e)
			break;
		if (ret != WT_NEED_TOKEN)
			goto out;
		ret = wt_slow_token(&tok, GFP_KERNEL, what);
		if (ret)
			goto out;
	}
	if (g && g->cached_only)
		goto out;

	e = wt_fsd_load(dentry, inode);
	if (IS_ERR(e)) {
		wt_fsd_fail(what, PTR_ERR(e));
		ret = -EIO;
		goto out;
	}
	rcu_read_lock();
	ret = wt_entry_check(e, tok, desired, map, g, what, &obj);
	rcu_read_unlock();
	if (ret == WT_NEED_TOKEN) {
		ret = wt_slow_token(&tok, GFP_KERNEL, what);
		if (!ret) {
			rcu_read_lock();
			ret = wt_entry_check(e, tok, desired, map, g, what, &obj);
			rcu_read_unlock();
		}
	}
	if (locked)
		wt_fsd_insert(e, false);
	else
		kfree(e);
out:
	if (tok)
		wt_token_put(tok);
	return ret;
}

/*
 * The open of a file whose SD (or lack of one) is cached, decided with the
 * credential map's view of the token: one SD lookup, no lock, no
 * reference. Return: WT_NEED_TOKEN when this cannot decide (not cached,
 * or no view), else as wt_inode_access().
 */
static int wt_open_cached(struct file *file, u32 desired, struct wt_grant *g)
{
	const struct wt_audit_object obj = { .path = &file->f_path };
	struct inode *inode = file_inode(file);
	struct wt_fsd_entry *e;
	int ret = WT_NEED_TOKEN;

	rcu_read_lock();
	e = wt_fsd_lookup(inode);
	if (e)
		ret = wt_entry_check(e, NULL, desired, wt_inode_mapping(inode),
				     g, "file_open", &obj);
	rcu_read_unlock();
	return ret;
}

static int wt_hook_file_open(struct file *file)
{
	struct inode *inode = file_inode(file);
	u32 desired = wt_open_desired(file);
	struct wt_grant g = {};
	bool locked;
	int ret;

	ret = wt_imp_level_denies();
	if (ret)
		return ret;
	if (!(inode->i_opflags & IOP_XATTR))
		return 0;	/* cannot hold an SD */
	/*
	 * This open created the file: as on Windows, the creator gets the
	 * access it asked for on the new object (the add right was checked
	 * on the directory), whatever the inherited DACL says; the SD the
	 * creation cached only tells what else the open file keeps.
	 */
	if (file->f_mode & FMODE_CREATED) {
		/*
		 * An append-only open file must have its record (its writes
		 * are bounded by it): read the SD if it was not cached.
		 */
		g.cached_only = !wt_append_only(file, desired);
		ret = wt_inode_access(file->f_path.dentry, inode, 0, false, &g,
				      "file_open", &file->f_path);
		if (ret)
			return -EACCES;
		return g.governed ? wt_ofile_record(file, g.maximum | desired) : 0;
	}
	ret = wt_open_cached(file, desired, &g);
	if (ret == WT_NEED_TOKEN) {
		/*
		 * A miss publishes only while no writer can be in between;
		 * never wait. (Cached after all, the entry dropped meanwhile:
		 * decided from a private read.)
		 */
		locked = wt_fsd_known(inode) == WT_FSD_UNKNOWN &&
			 inode_trylock_shared(inode);
		ret = wt_inode_access(file->f_path.dentry, inode, desired,
				      locked, &g, "file_open", &file->f_path);
		if (locked)
			inode_unlock_shared(inode);
	}
	if (ret) {
		wt_audit_denied("file_open", &file->f_path, NULL, desired);
		return -EACCES;
	}
	/* Everything the SD grants now stays with the open file. */
	return g.maximum ? wt_ofile_record(file, g.maximum) : 0;
}

/*
 * Check @desired on the object at @path for the effective token. @locked:
 * the caller holds the inode's i_rwsem (see wt_inode_access()).
 */
static int wt_check_dentry(struct dentry *dentry, u32 desired, bool locked,
			   const char *what)
{
	struct inode *inode = d_backing_inode(dentry);
	int ret;

	ret = wt_imp_level_denies();
	if (ret)
		return ret;
	if (!inode || wt_known_ungoverned(inode))
		return 0;
	ret = wt_inode_access(dentry, inode, desired, locked, NULL, what, NULL);
	if (ret)
		wt_audit_denied(what, NULL, dentry, desired);
	return ret ? -EACCES : 0;
}

/* Does current impersonate below Impersonation (no event, no count)? */
static bool wt_imp_level_low(void)
{
	int level = wt_cred_imp_level(current_cred());

	return level >= 0 && level < WT_SECURITY_IMPERSONATION;
}

/**
 * wt_file_walk_quick() - decide a path walk's check without side effects
 * @inode: a directory being walked through
 * @desired: rights wanted
 *
 * For the RCU path walk: no sleep, no audit, nothing recorded, so the walk
 * may take the full check of wt_file_walk_check() after it without
 * anything reported twice. A grant that some audit or privilege use would
 * have to report is not taken here either: it is left to the full check.
 * The check itself is answered from the SD's decision cache when it can
 * be, and a grant made here is cached for the next walk.
 *
 * Context: any but NMI; never sleeps.
 * Return: 0 when @inode is known not to be governed or current's
 * effective token is granted @desired with nothing to report, else
 * -EAGAIN.
 */
int wt_file_walk_quick(struct inode *inode, u32 desired)
{
	struct wt_access_request req = { .desired = desired };
	const struct wt_token_view *v;
	struct wt_access_result res;
	struct wt_fsd_entry *e;
	int ret = -EAGAIN;

	if (!(inode->i_opflags & IOP_XATTR))
		return 0;
	rcu_read_lock();
	e = wt_fsd_lookup(inode);
	if (e && !e->len) {
		ret = 0;
	} else if (e && !wt_request_flags() && !wt_imp_level_low()) {
		v = wt_cred_effective_view(current_cred());
		req.mapping = wt_inode_mapping(inode);
		if (v && wt_cached_access_check(&e->decisions, &e->view, v, &req,
						&res) == WT_STATUS_OK &&
		    !res.audit_success && !res.audit_failure &&
		    !res.privileges_used)
			ret = 0;
	}
	rcu_read_unlock();
	return ret;
}

/**
 * wt_file_walk_check() - the full check of a directory a path walk passes
 * @dentry: the directory
 * @desired: rights wanted
 * @locked: the caller holds the directory's i_rwsem (the SD read is then
 *	cached, see wt_inode_access())
 * @what: names the check in logs and audit events
 *
 * wt_check_dentry() (audits a denial), except that a thread impersonating
 * below Impersonation is refused only by a governed directory: an
 * ungoverned one is Linux DAC's alone, whoever walks through it.
 *
 * Context: process context, may sleep (reads the SD on a miss).
 * Return: 0, -EACCES (denied, or an internal error, counted) or
 * -%WT_EBADIMPLEVEL.
 */
int wt_file_walk_check(struct dentry *dentry, u32 desired, bool locked,
		       const char *what)
{
	struct inode *inode = d_backing_inode(dentry);
	enum wt_fsd_known known;
	struct wt_fsd_entry *e;

	if (!inode || !(inode->i_opflags & IOP_XATTR))
		return 0;
	if (wt_imp_level_low()) {
		known = wt_fsd_known(inode);
		if (known == WT_FSD_UNKNOWN) {
			e = wt_fsd_load(dentry, inode);
			if (IS_ERR(e))
				return wt_fsd_fail(what, PTR_ERR(e));
			known = e->len ? WT_FSD_GOVERNED : WT_FSD_UNGOVERNED;
			if (locked)
				wt_fsd_insert(e, false);
			else
				kfree(e);
		}
		if (known == WT_FSD_UNGOVERNED)
			return 0;
	}
	return wt_check_dentry(dentry, desired, locked, what);
}

static int wt_check_path(const struct path *path, u32 desired, bool locked,
			 const char *what)
{
	return wt_check_dentry(path->dentry, desired, locked, what);
}

/*
 * @right on an open file: from the access the file was granted at open
 * when it was recorded (a Windows handle's granted access), else (opened
 * before the module was loaded, not governed then, no memory then) from
 * the thread's token now. @locked: as for wt_check_dentry().
 */
static int wt_check_file(struct file *file, u32 right, bool locked,
			 const char *what)
{
	u32 granted;

	if (wt_ofile_granted(file, &granted)) {
		if (granted & right)
			return 0;
		wt_audit_denied(what, &file->f_path, NULL, right);
		return -EACCES;
	}
	return wt_check_path(&file->f_path, right, locked, what);
}

/*
 * An executable mapping of @file needs FILE_EXECUTE of the open file.
 * Both hooks run in process context with the mm's lock at most.
 */
static int wt_check_exec_mapping(struct file *file, const char *what)
{
	return wt_check_file(file, WT_FILE_EXECUTE, false, what);
}

/*
 * A writable shared mapping writes the file's pages in place, at any
 * offset: it needs FILE_WRITE_DATA of the open file, as a writable
 * section of a Windows file handle does. FILE_APPEND_DATA alone never
 * allows it (the kernel refuses shared mappings of an S_APPEND inode open
 * for writing for the same reason). A file not open for writing cannot be
 * mapped so (the kernel refuses it): nothing to check. Private mappings
 * never write back.
 */
static int wt_check_write_mapping(struct file *file, const char *what)
{
	if (!(file->f_mode & FMODE_WRITE))
		return 0;
	return wt_check_file(file, WT_FILE_WRITE_DATA, false, what);
}

static bool wt_map_shared(unsigned long flags)
{
	unsigned long type = flags & MAP_TYPE;

	return type == MAP_SHARED || type == MAP_SHARED_VALIDATE;
}

static int wt_hook_mmap_file(struct file *file, unsigned long prot,
			     unsigned long flags)
{
	int ret;

	if (!file)
		return 0;
	if (prot & PROT_EXEC) {
		ret = wt_check_exec_mapping(file, "mmap");
		if (ret)
			return ret;
	}
	if ((prot & PROT_WRITE) && wt_map_shared(flags))
		return wt_check_write_mapping(file, "mmap");
	return 0;
}

static int wt_hook_file_mprotect(struct vm_area_struct *vma,
				 unsigned long reqprot, unsigned long prot)
{
	int ret;

	if (!vma->vm_file)
		return 0;
	if ((prot & PROT_EXEC) && !(vma->vm_flags & VM_EXEC)) {
		ret = wt_check_exec_mapping(vma->vm_file, "mprotect");
		if (ret)
			return ret;
	}
	if ((prot & PROT_WRITE) && (vma->vm_flags & VM_SHARED) &&
	    !(vma->vm_flags & VM_WRITE))
		return wt_check_write_mapping(vma->vm_file, "mprotect");
	return 0;
}

/*
 * fcntl(F_SETFL) clearing O_APPEND from a file open for writing makes its
 * later writes land at any offset: it needs FILE_WRITE_DATA of the open
 * file. Refused with -EPERM, the kernel's own answer for an S_APPEND
 * inode. Called only by the fcntl(2) and fcntl64(2) system calls, before
 * the command runs, in process context without locks.
 *
 * This keeps O_APPEND on every append-only open file (wt_ofile): its
 * open asked for FILE_APPEND_DATA only because O_APPEND was given, and
 * F_SETFL is the only way to clear the flag afterwards.
 */
static int wt_hook_file_fcntl(struct file *file, unsigned int cmd,
			      unsigned long arg)
{
	if (cmd != F_SETFL || (arg & O_APPEND) ||
	    !(READ_ONCE(file->f_flags) & O_APPEND) ||
	    !(file->f_mode & FMODE_WRITE))
		return 0;
	return wt_check_file(file, WT_FILE_WRITE_DATA, false, "fcntl") ?
	       -EPERM : 0;
}

/* ---- writes through an append-only open file ---- */

/*
 * The system calls whose writes through an O_APPEND file always append
 * (Linux then ignores their offset), and fallocate(2), whose allocation
 * modes only add space (what the kernel allows on an S_APPEND inode).
 */
enum wt_append_call {
	WT_APPEND_NONE,
	WT_APPEND_WRITE,	/* write, writev, pwrite64, pwritev */
	WT_APPEND_PWRITEV2,	/* appends unless its flags say otherwise */
	WT_APPEND_FALLOCATE,
};

/*
 * pwritev2(2) flags that leave an append an append; RWF_NOAPPEND (6.9)
 * and any flag this module does not know are refused.
 */
#define WT_RWF_APPEND_SAFE \
	(RWF_HIPRI | RWF_DSYNC | RWF_SYNC | RWF_NOWAIT | RWF_APPEND)

static enum wt_append_call wt_append_call_of(int nr)
{
#ifdef CONFIG_IA32_EMULATION
	if (in_ia32_syscall()) {
		switch (nr) {
		case __NR_ia32_write:
		case __NR_ia32_writev:
		case __NR_ia32_pwrite64:
		case __NR_ia32_pwritev:
			return WT_APPEND_WRITE;
		case __NR_ia32_pwritev2:
			return WT_APPEND_PWRITEV2;
		case __NR_ia32_fallocate:
			return WT_APPEND_FALLOCATE;
		}
		return WT_APPEND_NONE;
	}
#endif
	if (in_compat_syscall())
		return WT_APPEND_NONE;	/* x32: refused, as for fchmod */
	switch (nr) {
	case __NR_write:
	case __NR_writev:
	case __NR_pwrite64:
	case __NR_pwritev:
		return WT_APPEND_WRITE;
	case __NR_pwritev2:
		return WT_APPEND_PWRITEV2;
	case __NR_fallocate:
		return WT_APPEND_FALLOCATE;
	}
	return WT_APPEND_NONE;
}

/*
 * Is the write to @file, an append-only open file, made by one of the
 * system calls above, through a descriptor naming @file, with arguments
 * that keep it an append? Everything else that writes (io_uring, AIO,
 * kernel threads, copy_file_range(2), splice(2), clone ranges, fallocate
 * modes that move or zero data) is refused: fail closed.
 *
 * The call is read from the task's saved user registers, as for fchmod.
 * Those also stay in place while the task runs work queued for it on its
 * way back to user space (io_uring issues requests there), so the call
 * must still be in its body: the entry code keeps -ENOSYS as the return
 * value until the body returns. A tracer can put -ENOSYS back at the
 * call's exit stop, before that work runs: a traced task with an io_uring
 * context is refused.
 */
static bool wt_append_write_ok(struct file *file)
{
	struct pt_regs *regs = task_pt_regs(current);
	enum wt_append_call call;
	unsigned long args[6];
	struct file *named;
	bool ok;

	if (current->flags & (PF_KTHREAD | PF_IO_WORKER))
		return false;
	if (syscall_get_error(current, regs) != -ENOSYS)
		return false;
#ifdef CONFIG_IO_URING
	if (current->ptrace && READ_ONCE(current->io_uring))
		return false;
#endif
	call = wt_append_call_of(syscall_get_nr(current, regs));
	if (call == WT_APPEND_NONE)
		return false;
	syscall_get_arguments(current, regs, args);
	if (call == WT_APPEND_PWRITEV2 &&
	    ((u32)args[5] & ~(__force u32)WT_RWF_APPEND_SAFE))
		return false;
	if (call == WT_APPEND_FALLOCATE &&
	    ((unsigned int)args[1] & ~FALLOC_FL_KEEP_SIZE))
		return false;
	named = fget((unsigned int)args[0]);
	ok = named == file;
	if (named)
		fput(named);
	return ok;
}

/*
 * security_file_permission(): every read and write of an open file
 * (rw_verify_area(), also for io_uring, AIO, splice, copy_file_range),
 * fallocate and clone/dedupe ranges. An open file granted
 * FILE_APPEND_DATA without FILE_WRITE_DATA may only append, as the
 * Windows handle it models; Linux lets O_APPEND be cleared or bypassed
 * (fcntl, pwritev2's RWF_NOAPPEND, fallocate's hole punching), so each
 * write through it is checked here: -EPERM unless wt_append_write_ok().
 *
 * Hot: files not opened O_APPEND for writing (an append-only open file
 * always keeps O_APPEND, see wt_hook_file_fcntl()) and reads return after
 * two tests, and nothing is looked up while no append-only file is open.
 */
static int wt_hook_file_permission(struct file *file, int mask)
{
	u32 granted;

	if (likely(!(mask & MAY_WRITE) ||
		   !(READ_ONCE(file->f_flags) & O_APPEND)))
		return 0;
	if (!atomic_long_read(&wt_ofile_appenders) ||
	    !wt_ofile_granted(file, &granted) ||
	    !wt_append_only(file, granted) || wt_append_write_ok(file))
		return 0;
	wt_audit_denied("write", &file->f_path, NULL, WT_FILE_WRITE_DATA);
	return -EPERM;
}

/*
 * Creating in a directory needs FILE_ADD_FILE (files, devices, FIFOs,
 * sockets, symlinks, hard links) or FILE_ADD_SUBDIRECTORY on it. The VFS
 * holds the directory's i_rwsem exclusively around these hooks.
 */
static int wt_check_add(const struct path *dir, u32 right, const char *what)
{
	return wt_check_path(dir, right, true, what);
}

static int wt_hook_path_mknod(const struct path *dir, struct dentry *dentry,
			      umode_t mode, unsigned int dev)
{
	return wt_check_add(dir, WT_FILE_ADD_FILE, "create");
}

static int wt_hook_path_mkdir(const struct path *dir, struct dentry *dentry,
			      umode_t mode)
{
	return wt_check_add(dir, WT_FILE_ADD_SUBDIRECTORY, "mkdir");
}

static int wt_hook_path_symlink(const struct path *dir, struct dentry *dentry,
				const char *old_name)
{
	return wt_check_add(dir, WT_FILE_ADD_FILE, "symlink");
}

static int wt_hook_path_link(struct dentry *old_dentry,
			     const struct path *new_dir,
			     struct dentry *new_dentry)
{
	return wt_check_add(new_dir, WT_FILE_ADD_FILE, "link");
}

/*
 * Deleting needs DELETE on the object or FILE_DELETE_CHILD on its
 * directory, as on Windows; a side that is not governed grants (as a NULL
 * DACL). The caller holds @dir's i_rwsem; @locked: the victim's too.
 * Return: as wt_inode_access().
 */
static int wt_delete_access(struct inode *dir, struct dentry *dentry,
			    bool locked, const char *what)
{
	struct inode *inode = d_backing_inode(dentry);
	int ret;

	if (!inode)
		return 0;
	ret = wt_inode_access(dentry, inode, WT_DELETE, locked, NULL, what,
			      NULL);
	if (ret == -EACCES)
		ret = wt_inode_access(dentry->d_parent, dir, WT_FILE_DELETE_CHILD,
				      true, NULL, what, NULL);
	return ret;
}

/* vfs_unlink() and vfs_rmdir() hold both i_rwsems exclusively. */
static int wt_check_delete(struct inode *dir, struct dentry *dentry,
			   const char *what)
{
	struct inode *inode = d_backing_inode(dentry);
	int ret;

	ret = wt_imp_level_denies();
	if (ret)
		return ret;
	if (!inode || wt_known_ungoverned(inode))
		return 0;
	ret = wt_delete_access(dir, dentry, true, what);
	if (ret)
		wt_audit_denied(what, NULL, dentry, WT_DELETE);
	return ret ? -EACCES : 0;
}

static u32 wt_add_right(const struct inode *inode)
{
	return S_ISDIR(inode->i_mode) ? WT_FILE_ADD_SUBDIRECTORY : WT_FILE_ADD_FILE;
}

/*
 * Rename = delete from the old directory + add to the new one, and, when
 * a target is replaced, its deletion (for RENAME_EXCHANGE: the target's
 * move the other way). vfs_rename() holds both directories' i_rwsems
 * (lock_rename()) but locks the moved inodes only after this hook, so
 * their entries are not published from here.
 */
static int wt_hook_inode_rename(struct inode *old_dir, struct dentry *old_dentry,
				struct inode *new_dir, struct dentry *new_dentry,
				unsigned int flags)
{
	struct inode *src = d_backing_inode(old_dentry);
	struct inode *dst = d_backing_inode(new_dentry);
	int ret;

	if (!src)
		return 0;
	ret = wt_imp_level_denies();
	if (ret)
		return ret;
	if (wt_known_ungoverned(old_dir) && wt_known_ungoverned(new_dir) &&
	    wt_known_ungoverned(src) && (!dst || wt_known_ungoverned(dst)))
		return 0;
	ret = wt_delete_access(old_dir, old_dentry, false, "rename");
	if (!ret)
		ret = wt_inode_access(new_dentry->d_parent, new_dir,
				      wt_add_right(src), true, NULL, "rename", NULL);
	if (!ret && dst)
		ret = wt_delete_access(new_dir, new_dentry, false, "rename");
	if (!ret && dst && (flags & RENAME_EXCHANGE))
		ret = wt_inode_access(old_dentry->d_parent, old_dir,
				      wt_add_right(dst), true, NULL, "rename", NULL);
	if (ret)
		wt_audit_denied("rename", NULL, old_dentry, WT_DELETE);
	return ret ? -EACCES : 0;
}

static int wt_hook_inode_unlink(struct inode *dir, struct dentry *dentry)
{
	return wt_check_delete(dir, dentry, "unlink");
}

static int wt_hook_inode_rmdir(struct inode *dir, struct dentry *dentry)
{
	return wt_check_delete(dir, dentry, "rmdir");
}

/*
 * fchmod(2) and fchown(2) pass the open file's own f_path to the path
 * hooks, without the file. The system call's descriptor names it: when
 * the file installed there now is the one whose f_path this is (its
 * address inside a file we hold a reference to), the change is made
 * through that open file. Any other case (chmod(2) by name, another
 * system call, an x32 task, a descriptor replaced meanwhile) is a check
 * of the thread's token. io_uring has no chmod or chown operation.
 *
 * A 32-bit task enters through the ia32 table, whose numbers differ:
 * fchmod, and fchown in both its 16-bit-id form and fchown32. The
 * *at() forms (also with AT_EMPTY_PATH, fchmodat2 on 6.12) resolve a
 * path of their own, never the open file's f_path, on either ABI.
 */
enum wt_attr_call {
	WT_CALL_FCHMOD,
	WT_CALL_FCHOWN,
	WT_CALL_FXATTR,		/* fsetxattr(2), fremovexattr(2) */
};

static bool wt_syscall_is(enum wt_attr_call call, int nr)
{
#ifdef CONFIG_IA32_EMULATION
	if (in_ia32_syscall()) {
		switch (call) {
		case WT_CALL_FCHMOD:
			return nr == __NR_ia32_fchmod;
		case WT_CALL_FCHOWN:
			return nr == __NR_ia32_fchown ||
			       nr == __NR_ia32_fchown32;
		case WT_CALL_FXATTR:
			return nr == __NR_ia32_fsetxattr ||
			       nr == __NR_ia32_fremovexattr;
		}
		return false;
	}
#endif
	if (in_compat_syscall())
		return false;	/* x32: its numbers are not looked at */
	switch (call) {
	case WT_CALL_FCHMOD:
		return nr == __NR_fchmod;
	case WT_CALL_FCHOWN:
		return nr == __NR_fchown;
	case WT_CALL_FXATTR:
		return nr == __NR_fsetxattr || nr == __NR_fremovexattr;
	}
	return false;
}

/*
 * The open file the current system call (@call) names by descriptor, when
 * its f_path is @path (or, @path NULL, its dentry is @dentry); else NULL.
 * The xattr calls pass only the dentry of the open file's f_path on.
 */
static struct file *wt_syscall_file(const struct path *path,
				    const struct dentry *dentry,
				    enum wt_attr_call call)
{
	struct pt_regs *regs = task_pt_regs(current);
	unsigned long args[6];
	struct file *file;

	if (!wt_syscall_is(call, syscall_get_nr(current, regs)))
		return NULL;
	/* The first argument, from the register the task's ABI puts it in. */
	syscall_get_arguments(current, regs, args);
	file = fget((unsigned int)args[0]);
	if (file && (path ? &file->f_path != path :
			    file->f_path.dentry != dentry)) {
		fput(file);
		file = NULL;
	}
	return file;
}

/* Check @right on @path, through the open file when a descriptor names it. */
static int wt_check_attr(const struct path *path, u32 right,
			 enum wt_attr_call call, const char *what)
{
	struct file *file;
	int ret;

	file = wt_syscall_file(path, NULL, call);
	if (!file)
		return wt_check_path(path, right, true, what);
	ret = wt_check_file(file, right, true, what);
	fput(file);
	return ret;
}

/*
 * Changing attributes: chmod needs WRITE_DAC and chown WRITE_OWNER (the
 * mode and the owner are the Linux side of the DACL and the owner).
 * chmod_common() and chown_common() hold the inode's i_rwsem.
 */
static int wt_hook_path_chmod(const struct path *path, umode_t mode)
{
	return wt_check_attr(path, WT_WRITE_DAC, WT_CALL_FCHMOD, "chmod");
}

/*
 * security_path_chown() takes kuid_t and kgid_t by value: one-u32 structs,
 * passed in registers like a u32, which is how the check declares them
 * (the machinery supports integer and pointer arguments only). The values
 * are not needed: any chown needs WRITE_OWNER.
 */
static int wt_hook_path_chown(const struct path *path, u32 uid, u32 gid)
{
	return wt_check_attr(path, WT_WRITE_OWNER, WT_CALL_FCHOWN, "chown");
}

/*
 * notify_change() holds the inode's i_rwsem for all of these.
 *
 * A size change needs FILE_WRITE_DATA: of the open file when the change
 * comes with one (ftruncate(2), an open with O_TRUNC: ATTR_FILE), as its
 * handle was granted at open, else (truncate(2) by name) of the thread's
 * token. Both kernels reach here from every truncate path, unlike the
 * path hooks (6.1 passes ftruncate(2) through security_path_truncate()
 * without the file, 6.12 through security_file_truncate()).
 *
 * Setting the times (utime(s), utimensat(2), futimens(3), touch) needs
 * FILE_WRITE_ATTRIBUTES. Mode and owner have their own rights (above);
 * the time updates the kernel makes along with a write or a truncate are
 * not attribute changes of the caller.
 */
static int wt_hook_inode_setattr(struct wt_idmap *idmap, struct dentry *dentry,
				 struct iattr *attr)
{
	int ret;

	if (attr->ia_valid & ATTR_SIZE) {
		if (attr->ia_valid & ATTR_FILE)
			ret = wt_check_file(attr->ia_file, WT_FILE_WRITE_DATA,
					    true, "truncate");
		else
			ret = wt_check_dentry(dentry, WT_FILE_WRITE_DATA, true,
					      "truncate");
		if (ret)
			return ret;
	}
	if (!(attr->ia_valid & (ATTR_ATIME_SET | ATTR_MTIME_SET | ATTR_TOUCH)))
		return 0;
	return wt_check_dentry(dentry, WT_FILE_WRITE_ATTRIBUTES, true, "setattr");
}

/*
 * A POSIX ACL is, like the mode, the Linux side of the DACL: setting or
 * removing one (which may also change the mode) needs WRITE_DAC, as
 * chmod does; through the open file when fsetxattr(2) or fremovexattr(2)
 * names it, else of the thread's token. The VFS holds the inode's
 * i_rwsem exclusively around every caller (6.1: the xattr hooks; 6.2 on:
 * vfs_set_acl(), vfs_remove_acl()).
 */
static int wt_check_acl_change(struct dentry *dentry, const char *what)
{
	struct file *file;
	int ret;

	file = wt_syscall_file(NULL, dentry, WT_CALL_FXATTR);
	if (!file)
		return wt_check_dentry(dentry, WT_WRITE_DAC, true, what);
	ret = wt_check_file(file, WT_WRITE_DAC, true, what);
	fput(file);
	return ret;
}

static bool wt_is_posix_acl(const char *name)
{
	return !strcmp(name, XATTR_NAME_POSIX_ACL_ACCESS) ||
	       !strcmp(name, XATTR_NAME_POSIX_ACL_DEFAULT);
}

#ifdef WT_HAVE_INODE_SET_ACL
static int wt_hook_inode_set_acl(struct wt_idmap *idmap, struct dentry *dentry,
				 const char *acl_name, void *kacl)
{
	return wt_check_acl_change(dentry, "set_acl");
}

static int wt_hook_inode_remove_acl(struct wt_idmap *idmap,
				    struct dentry *dentry, const char *acl_name)
{
	return wt_check_acl_change(dentry, "remove_acl");
}
#endif

/* Extended attributes of the user namespace are a file's EAs. */
static bool wt_is_user_xattr(const char *name)
{
	return !strncmp(name, XATTR_USER_PREFIX, XATTR_USER_PREFIX_LEN);
}

/* ---- socket files (AF_UNIX connect, see unix_sd.c) ---- */

/**
 * wt_file_prime() - make sure the SD of a file is in the cache
 * @dentry: the file
 *
 * For checks that run in atomic context and so cannot read an xattr
 * (connecting to an AF_UNIX socket file): the entry is published even when
 * the cache is full. Context: process context, no inode lock held; sleeps.
 *
 * Return: 0, or -EACCES on an internal error (counted, logged).
 */
int wt_file_prime(struct dentry *dentry)
{
	struct inode *inode = d_backing_inode(dentry);
	struct wt_fsd_entry *e;
	bool hit;

	if (!inode || !(inode->i_opflags & IOP_XATTR))
		return 0;
	rcu_read_lock();
	hit = wt_fsd_lookup(inode);
	rcu_read_unlock();
	if (hit)
		return 0;
	inode_lock_shared(inode);
	e = wt_fsd_load(dentry, inode);
	if (!IS_ERR(e))
		wt_fsd_insert(e, true);
	inode_unlock_shared(inode);
	return IS_ERR(e) ? wt_fsd_fail("prime", PTR_ERR(e)) : 0;
}

/**
 * wt_file_cached_access() - check rights on a file from the cache alone
 * @inode: the file
 * @desired: rights wanted
 * @what: names the operation in the log
 *
 * Never sleeps. A file whose SD is not cached is refused (fail closed):
 * callers prime it first with wt_file_prime(). A file known not to be
 * governed is allowed whatever the thread's impersonation level.
 *
 * Return: 0, -EACCES (denied, not cached, internal error) or
 * -%WT_EBADIMPLEVEL.
 */
int wt_file_cached_access(struct inode *inode, u32 desired, const char *what)
{
	const struct wt_audit_object obj = { .inode = inode };
	struct wt_token *tok = NULL;
	struct wt_fsd_entry *e;
	bool hit, governed;
	int ret;

	if (!(inode->i_opflags & IOP_XATTR))
		return 0;
	rcu_read_lock();
	e = wt_fsd_lookup(inode);
	hit = e;
	governed = e && e->len;
	rcu_read_unlock();
	if (!hit)
		return wt_fsd_fail(what, -ENOENT);
	if (!governed || !desired)
		return 0;
	/* Only a decision by an SD needs a token the thread may use. */
	ret = wt_imp_level_denies();
	if (ret)
		return ret;
	do {
		rcu_read_lock();
		e = wt_fsd_lookup(inode);
		ret = e ? wt_entry_check(e, tok, desired, wt_inode_mapping(inode),
					 NULL, what, &obj) : -ENOENT;
		rcu_read_unlock();
		if (ret == -ENOENT)
			ret = wt_fsd_fail(what, -ENOENT);
	} while (ret == WT_NEED_TOKEN &&
		 !wt_slow_token(&tok, GFP_ATOMIC | __GFP_NOWARN, what));
	if (tok)
		wt_token_put(tok);
	return ret ? -EACCES : 0;
}

/* ---- inheritance on create ---- */

/*
 * File systems whose xattr handlers work from the inode alone: the new
 * inode has no dentry yet when its SD is written (see below).
 */
static bool wt_fs_can_inherit(const struct super_block *sb)
{
	return sb->s_magic == EXT4_SUPER_MAGIC || sb->s_magic == TMPFS_MAGIC;
}

/*
 * A copy of @dir's SD: from the cache, else read (not cached: the caller
 * may not hold @dir's lock). Return: the entry (len 0: not governed; kfree
 * it) or an ERR_PTR.
 */
static struct wt_fsd_entry *wt_fsd_copy(struct inode *dir)
{
	struct wt_fsd_entry *e, *copy = NULL;
	struct dentry *alias;
	bool hit = false;

	rcu_read_lock();
	e = wt_fsd_lookup(dir);
	if (e) {
		hit = true;
		copy = kmemdup(e, struct_size(e, sd, e->len),
			       GFP_ATOMIC | __GFP_NOWARN);
	}
	rcu_read_unlock();
	if (hit) {
		if (!copy)
			return ERR_PTR(-ENOMEM);
		/* The view points into the original: parse the copy again. */
		if (copy->len && wt_fsd_parse_entry(copy)) {
			kfree(copy);
			return ERR_PTR(-EIO);
		}
		return copy;
	}
	alias = d_find_any_alias(dir);
	if (!alias)
		return ERR_PTR(-ENOENT);
	e = wt_fsd_load(alias, dir);
	dput(alias);
	return e;
}

/* The SD a child of @parent made by @tok gets; kfree() *@out. */
static long wt_fsd_child_sd(const struct wt_sd_view *parent, struct wt_token *tok,
			    bool container, u8 **out)
{
	const struct wt_generic_mapping *map =
		container ? &wt_directory_mapping : &wt_file_mapping;
	u32 flags = container ? WT_INHERIT_IS_CONTAINER : 0;
	struct wt_sd_view view;
	size_t size = 0;
	u8 *buf = NULL;
	long n = -EINVAL;
	int tries;

	/* The token may change between sizing and filling: size again. */
	for (tries = 0; tries < 3; tries++) {
		rcu_read_lock();
		n = wt_sd_inherit(parent, NULL, &wt_token_state(tok)->view, map,
				  flags, buf, size);
		rcu_read_unlock();
		if (n > 0 && buf && (size_t)n <= size)
			break;
		if (n == -ENOSPC || (n > 0 && !buf)) {
			kfree(buf);
			size = n > 0 ? n : size * 2;
			if (!size || size > WT_SD_MAX_SIZE)
				return -EINVAL;
			buf = kmalloc(size, GFP_KERNEL);
			if (!buf)
				return -ENOMEM;
			n = -EAGAIN;
			continue;
		}
		break;
	}
	if (n <= 0 || !buf || wt_sd_parse(buf, n, &view)) {
		kfree(buf);
		return n < 0 ? n : -EINVAL;
	}
	*out = buf;
	return n;
}

/*
 * Inheritance without copies: the parent's SD from the cache and the
 * creator's token from the credential map, both read under RCU without
 * references, the child's SD computed straight into its cache entry
 * (sized, then filled from the same inputs). Return: the entry, ready to
 * write and publish; NULL when the slow path must do it (parent not
 * cached or not governed, no view of the token, inputs changed in
 * between); or an ERR_PTR.
 */
static struct wt_fsd_entry *wt_inherit_fast(struct inode *dir,
					    struct inode *inode)
{
	bool container = S_ISDIR(inode->i_mode);
	const struct wt_generic_mapping *map =
		container ? &wt_directory_mapping : &wt_file_mapping;
	u32 flags = container ? WT_INHERIT_IS_CONTAINER : 0;
	const struct wt_token_view *v;
	struct wt_fsd_entry *parent, *e;
	long n = 0;

	rcu_read_lock();
	parent = wt_fsd_lookup(dir);
	v = parent && parent->len ? wt_cred_effective_view(current_cred()) : NULL;
	if (v)
		n = wt_sd_inherit(&parent->view, NULL, v, map, flags, NULL, 0);
	rcu_read_unlock();
	if (n <= 0 || n > WT_SD_MAX_SIZE)
		return NULL;
	e = kzalloc(struct_size(e, sd, n), GFP_KERNEL);
	if (!e)
		return ERR_PTR(-ENOMEM);
	rcu_read_lock();
	parent = wt_fsd_lookup(dir);
	v = parent && parent->len ? wt_cred_effective_view(current_cred()) : NULL;
	if (v && wt_sd_inherit(&parent->view, NULL, v, map, flags, e->sd, n) == n)
		e->len = n;
	rcu_read_unlock();
	if (!e->len) {
		kfree(e);
		return NULL;
	}
	if (wt_fsd_parse_entry(e)) {
		kfree(e);
		return ERR_PTR(-EINVAL);
	}
	e->inode = inode;
	e->sb = inode->i_sb;
	e->ino = inode->i_ino;
	e->gen = inode->i_generation;
	return e;
}

/*
 * security_inode_init_security(): every file system that supports
 * security xattrs calls it while creating an inode (file, directory,
 * symlink, device, FIFO, socket, O_TMPFILE), before the inode is visible,
 * inside the creation's transaction on ext4 (whose credits reserve room
 * for security xattrs). In a governed directory the new inode gets the SD
 * computed from the directory's inheritable ACEs and the creator's
 * effective token, written here with __vfs_setxattr(), so it is durable
 * exactly when the creation is. A failure fails the creation.
 *
 * The new inode has no dentry yet, so the write passes none: only file
 * systems whose handlers use the inode alone (ext4, tmpfs) are supported;
 * on others, creating in a governed directory is refused (-EOPNOTSUPP)
 * rather than leaving the new object ungoverned.
 */
static int wt_hook_inode_init_security(struct inode *inode, struct inode *dir,
				       const struct qstr *qstr, void *initxattrs,
				       void *fs_data)
{
	struct wt_fsd_entry *parent, *e;
	struct wt_token *tok;
	u8 *sd = NULL;
	long len;
	int err;

	if (!dir || IS_PRIVATE(inode) || wt_known_ungoverned(dir))
		return 0;
	err = wt_imp_level_denies();
	if (err)
		return err;
	if (wt_fs_can_inherit(inode->i_sb) && (inode->i_opflags & IOP_XATTR)) {
		e = wt_inherit_fast(dir, inode);
		if (IS_ERR(e))
			return wt_fsd_fail("inherit", PTR_ERR(e));
		if (e) {
			err = __vfs_setxattr(WT_NOP_IDMAP, NULL, inode,
					     WT_XATTR_NAME, e->sd, e->len, 0);
			if (err) {
				wt_fsd_fail("inherit: write", err);
				kfree(e);
				return err;
			}
			/* Nobody else can reach the inode yet: publish it. */
			wt_fsd_insert(e, false);
			return 0;
		}
	}
	parent = wt_fsd_copy(dir);
	if (IS_ERR(parent))
		return wt_fsd_fail("inherit: parent SD", PTR_ERR(parent));
	if (!parent->len) {
		kfree(parent);
		return 0;
	}
	err = -EOPNOTSUPP;
	if (!wt_fs_can_inherit(inode->i_sb) || !(inode->i_opflags & IOP_XATTR))
		goto out_parent;
	tok = wt_effective_token(GFP_KERNEL);
	if (IS_ERR(tok)) {
		err = wt_fsd_fail("inherit: no token", PTR_ERR(tok));
		goto out_parent;
	}
	len = wt_fsd_child_sd(&parent->view, tok, S_ISDIR(inode->i_mode), &sd);
	wt_token_put(tok);
	if (len < 0) {
		err = wt_fsd_fail("inherit", len);
		goto out_parent;
	}
	err = __vfs_setxattr(WT_NOP_IDMAP, NULL, inode, WT_XATTR_NAME, sd, len, 0);
	if (err) {
		wt_fsd_fail("inherit: write", err);
		goto out_sd;
	}
	/* Nobody else can reach the inode yet: publish its entry. */
	e = kzalloc(struct_size(e, sd, len), GFP_KERNEL);
	if (e) {
		e->inode = inode;
		e->sb = inode->i_sb;
		e->ino = inode->i_ino;
		e->gen = inode->i_generation;
		e->len = len;
		memcpy(e->sd, sd, len);
		if (wt_fsd_parse_entry(e))
			kfree(e);
		else
			wt_fsd_insert(e, false);
	}
out_sd:
	kfree(sd);
out_parent:
	kfree(parent);
	return err;
}

/* ---- raw xattr writes ---- */

static int wt_require_privilege(unsigned int luid)
{
	struct wt_token *tok = wt_effective_token(GFP_KERNEL);
	bool held;

	if (IS_ERR(tok))
		return PTR_ERR(tok);
	rcu_read_lock();
	held = wt_token_has_privilege(&wt_token_state(tok)->view, luid);
	rcu_read_unlock();
	wt_token_put(tok);
	if (held)
		wt_audit_privilege("xattr", luid);
	return held ? 0 : -EPERM;
}

/*
 * Does @v's SACL hold ACEs that GetSecurityInfo() returns only for
 * SACL_SECURITY_INFORMATION, which needs ACCESS_SYSTEM_SECURITY? Mandatory
 * labels, resource attributes and scoped policy IDs are read with
 * READ_CONTROL (LABEL_, ATTRIBUTE_ and SCOPE_SECURITY_INFORMATION); every
 * other SACL ACE is an audit or alarm ACE, which tells whoever reads it
 * what is being watched.
 */
static bool wt_sacl_needs_security_access(const struct wt_sd_view *v)
{
	struct wt_ace_iter it;
	struct wt_ace_view ace;
	bool ok;

	for (ok = wt_acl_first(&v->sacl, &it, &ace); ok; ok = wt_acl_next(&it, &ace))
		if (ace.type != WT_SYSTEM_MANDATORY_LABEL_ACE_TYPE &&
		    ace.type != WT_SYSTEM_RESOURCE_ATTRIBUTE_ACE_TYPE &&
		    ace.type != WT_SYSTEM_SCOPED_POLICY_ID_ACE_TYPE)
			return true;
	return false;
}

/*
 * getxattr(2) of security.wintok reads the whole SD: it needs READ_CONTROL,
 * as GetSecurityInfo() does for the owner, group, DACL and label, and also
 * ACCESS_SYSTEM_SECURITY (SeSecurityPrivilege enabled) when the SACL holds
 * audit ACEs; or SeBackupPrivilege enabled (backup tools copy the raw
 * bytes; also the way to read a stored SD that does not parse or lacks an
 * owner). The privilege comes first, as in an access check with backup
 * intent. A file without an SD has nothing to read. listxattr(2) still
 * shows the name.
 *
 * The SD checked is read from the xattr here, not taken from the cache:
 * the rights asked for depend on its SACL, so they are decided on the
 * bytes the read is about to return rather than on a copy that a
 * concurrent write may have made stale.
 */
static int wt_check_sd_read(struct dentry *dentry)
{
	struct inode *inode = d_backing_inode(dentry);
	const struct wt_audit_object obj = { .dentry = dentry };
	struct wt_token *tok = NULL;
	struct wt_fsd_entry *e;
	u32 desired;
	int ret;

	ret = wt_imp_level_denies();
	if (ret)
		return ret;
	if (!inode || wt_known_ungoverned(inode))
		return 0;
	if (!wt_require_privilege(WT_SE_BACKUP_PRIVILEGE))
		return 0;
	e = wt_fsd_load(dentry, inode);
	if (IS_ERR(e))
		return wt_fsd_fail("getxattr", PTR_ERR(e));
	if (!e->len) {
		kfree(e);
		return 0;
	}
	desired = WT_READ_CONTROL;
	if (wt_sacl_needs_security_access(&e->view))
		desired |= WT_ACCESS_SYSTEM_SECURITY;
	rcu_read_lock();
	ret = wt_entry_check(e, NULL, desired, wt_inode_mapping(inode), NULL,
			     "getxattr", &obj);
	rcu_read_unlock();
	if (ret == WT_NEED_TOKEN) {
		ret = wt_slow_token(&tok, GFP_KERNEL, "getxattr");
		if (!ret) {
			rcu_read_lock();
			ret = wt_entry_check(e, tok, desired,
					     wt_inode_mapping(inode), NULL,
					     "getxattr", &obj);
			rcu_read_unlock();
			wt_token_put(tok);
		}
	}
	kfree(e);
	if (ret)
		wt_audit_denied("getxattr", NULL, dentry, desired);
	return ret ? -EACCES : 0;
}

/* getxattr(2) of a user.* name needs FILE_READ_EA. */
static int wt_hook_inode_getxattr(struct dentry *dentry, const char *name)
{
	if (wt_is_user_xattr(name))
		return wt_check_dentry(dentry, WT_FILE_READ_EA, false,
				       "getxattr");
	if (strcmp(name, WT_XATTR_NAME))
		return 0;
	return wt_check_sd_read(dentry);
}

/*
 * Called with the inode's i_rwsem held exclusively by every VFS caller,
 * before the write; the cache entry is dropped here, and no loader can
 * publish again before the write is done (see the top of the file).
 */
static int wt_hook_inode_setxattr(struct wt_idmap *idmap,
				  struct dentry *dentry, const char *name,
				  const void *value, size_t size, int flags)
{
	struct wt_sd_view view;
	void *copy;
	int err;

	/* setxattr(2) of a user.* name needs FILE_WRITE_EA. */
	if (wt_is_user_xattr(name))
		return wt_check_dentry(dentry, WT_FILE_WRITE_EA, true, "setxattr");
	/* Before 6.2 POSIX ACLs are set through here. */
	if (wt_is_posix_acl(name))
		return wt_check_acl_change(dentry, "setxattr");
	if (strcmp(name, WT_XATTR_NAME))
		return 0;
	err = wt_require_privilege(WT_SE_RESTORE_PRIVILEGE);
	if (err)
		return err;
	if (!value || !size || size > WT_SD_MAX_SIZE)
		return -EINVAL;
	copy = kmemdup(value, size, GFP_KERNEL);	/* aligned for the parser */
	if (!copy)
		return -ENOMEM;
	err = wt_sd_parse(copy, size, &view);
	/*
	 * An access check refuses an SD without owner or group as invalid
	 * (as Windows' AccessCheck does): stored, it would make the file
	 * an internal error for every caller, never an answer.
	 */
	if (!err && (!view.owner || !view.group))
		err = -EINVAL;
	kfree(copy);
	if (err)
		return -EINVAL;
	if (d_backing_inode(dentry))
		wt_fsd_invalidate(d_backing_inode(dentry));
	return 0;
}

static int wt_hook_inode_removexattr(struct wt_idmap *idmap,
				     struct dentry *dentry, const char *name)
{
	int err;

	if (wt_is_user_xattr(name))
		return wt_check_dentry(dentry, WT_FILE_WRITE_EA, true,
				       "removexattr");
	if (wt_is_posix_acl(name))
		return wt_check_acl_change(dentry, "removexattr");
	if (strcmp(name, WT_XATTR_NAME))
		return 0;
	err = wt_require_privilege(WT_SE_RESTORE_PRIVILEGE);
	if (err)
		return err;
	if (d_backing_inode(dentry))
		wt_fsd_invalidate(d_backing_inode(dentry));
	return 0;
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

/* ---- building SDs from parts ---- */

enum wt_keep { WT_KEEP_ALL, WT_KEEP_AUDIT, WT_KEEP_LABEL };

/**
 * struct wt_acl_part - ACEs of one source ACL to put in an ACL
 * @acl: the source (NULL or @acl->acl NULL: none)
 * @keep: which ACEs: all, all but mandatory labels, only labels
 */
struct wt_acl_part {
	const struct wt_acl_view *acl;
	enum wt_keep keep;
};

/**
 * struct wt_sd_parts - the parts of an SD to assemble
 * @control: control bits besides *_PRESENT and SELF_RELATIVE
 * @owner: owner SID or NULL
 * @group: group SID or NULL
 * @dacl_present: emit SE_DACL_PRESENT
 * @dacl: the DACL (NULL or without ACL: a NULL DACL)
 * @sacl_present: emit SE_SACL_PRESENT
 * @sacl: audit and label sources of the SACL
 */
struct wt_sd_parts {
	u16 control;
	const struct wt_sid *owner;
	const struct wt_sid *group;
	bool dacl_present;
	const struct wt_acl_view *dacl;
	bool sacl_present;
	struct wt_acl_part sacl[2];
};

static void wt_put_le16(u16 v, u8 *p)
{
	__le16 x = cpu_to_le16(v);

	memcpy(p, &x, sizeof(x));
}

static void wt_put_le32(u32 v, u8 *p)
{
	__le32 x = cpu_to_le32(v);

	memcpy(p, &x, sizeof(x));
}

static bool wt_has_acl(const struct wt_acl_view *acl)
{
	return acl && acl->acl;
}

static size_t wt_parts_bound(const struct wt_sd_parts *p)
{
	size_t n = WT_SD_HEADER_SIZE + 2 * WT_SID_MAX_SIZE + 2 * WT_ACL_HEADER_SIZE;
	int i;

	if (wt_has_acl(p->dacl))
		n += p->dacl->size;
	for (i = 0; i < 2; i++)
		if (wt_has_acl(p->sacl[i].acl))
			n += p->sacl[i].acl->size;
	return n;
}

static bool wt_ace_kept(u8 type, enum wt_keep keep)
{
	bool label = type == WT_SYSTEM_MANDATORY_LABEL_ACE_TYPE;

	return keep == WT_KEEP_ALL || (keep == WT_KEEP_LABEL) == label;
}

/* Emit an ACL of the kept ACEs of @parts at @p; returns its size. */
static size_t wt_emit_acl(u8 *p, const struct wt_acl_part *parts, int n)
{
	size_t off = WT_ACL_HEADER_SIZE;
	struct wt_ace_iter it;
	struct wt_ace_view ace;
	u8 rev = WT_ACL_REVISION;
	u16 count = 0;
	bool ok;
	int i;

	for (i = 0; i < n; i++) {
		const struct wt_acl_view *acl = parts[i].acl;

		if (!wt_has_acl(acl))
			continue;
		rev = max(rev, acl->revision);
		for (ok = wt_acl_first(acl, &it, &ace); ok;
		     ok = wt_acl_next(&it, &ace)) {
			if (!wt_ace_kept(ace.type, parts[i].keep))
				continue;
			memcpy(p + off, acl->acl + it.offset, ace.size);
			off += ace.size;
			count++;
		}
	}
	p[0] = rev;
	p[1] = 0;
	wt_put_le16(min_t(size_t, off, U16_MAX), p + 2);
	wt_put_le16(count, p + 4);
	p[6] = 0;
	p[7] = 0;
	return off;
}

/*
 * Assemble @p, validate the result and re-encode it canonically into a
 * new buffer (*@out, kvfree() it). Return: its size or -EINVAL/-ENOMEM.
 */
static long wt_parts_build(const struct wt_sd_parts *p, u8 **out)
{
	u16 control = p->control | WT_SE_SELF_RELATIVE;
	u32 o_owner = 0, o_group = 0, o_sacl = 0, o_dacl = 0;
	struct wt_acl_part dpart = { .acl = p->dacl, .keep = WT_KEEP_ALL };
	struct wt_sd_view view;
	size_t off = WT_SD_HEADER_SIZE, n;
	long len;
	u8 *buf;

	buf = kvzalloc(wt_parts_bound(p), GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	if (p->owner) {
		o_owner = off;
		n = wt_sid_size(p->owner);
		memcpy(buf + off, p->owner, n);
		off += n;
	}
	if (p->group) {
		o_group = off;
		n = wt_sid_size(p->group);
		memcpy(buf + off, p->group, n);
		off += n;
	}
	if (p->sacl_present) {
		control |= WT_SE_SACL_PRESENT;
		if (wt_has_acl(p->sacl[0].acl) || wt_has_acl(p->sacl[1].acl)) {
			o_sacl = off;
			off += wt_emit_acl(buf + off, p->sacl, 2);
		}
	}
	if (p->dacl_present) {
		control |= WT_SE_DACL_PRESENT;
		if (wt_has_acl(p->dacl)) {
			o_dacl = off;
			off += wt_emit_acl(buf + off, &dpart, 1);
		}
	}
	buf[0] = 1;
	wt_put_le16(control, buf + 2);
	wt_put_le32(o_owner, buf + 4);
	wt_put_le32(o_group, buf + 8);
	wt_put_le32(o_sacl, buf + 12);
	wt_put_le32(o_dacl, buf + 16);

	len = -EINVAL;
	if (off > WT_SD_MAX_SIZE || wt_sd_parse(buf, off, &view))
		goto out;
	len = wt_sd_canonicalize(&view, NULL, 0);
	if (len <= 0) {
		len = -EINVAL;
		goto out;
	}
	*out = kvmalloc(len, GFP_KERNEL);
	if (!*out) {
		len = -ENOMEM;
		goto out;
	}
	if (wt_sd_canonicalize(&view, *out, len) != len) {
		kvfree(*out);
		len = -EINVAL;
	}
out:
	kvfree(buf);
	return len;
}

/**
 * wt_sd_read_access() - rights needed to read parts of an SD
 * @sel: WT_*_SECURITY_INFORMATION selectors
 *
 * Return: %WT_READ_CONTROL for owner, group, DACL and label,
 * %WT_ACCESS_SYSTEM_SECURITY for the SACL.
 */
u32 wt_sd_read_access(u32 sel)
{
	u32 desired = 0;

	if (sel & ~WT_SACL_SECURITY_INFORMATION)
		desired |= WT_READ_CONTROL;
	if (sel & WT_SACL_SECURITY_INFORMATION)
		desired |= WT_ACCESS_SYSTEM_SECURITY;
	return desired;
}

/**
 * wt_sd_select() - a new SD holding the selected parts of @v
 * @v: a parsed SD
 * @sel: WT_*_SECURITY_INFORMATION selectors
 * @out: out: the canonical bytes, kvfree() them
 *
 * Return: their size, or -EINVAL/-ENOMEM.
 */
long wt_sd_select(const struct wt_sd_view *v, u32 sel, u8 **out)
{
	struct wt_sd_parts parts = {};

	if (sel & WT_OWNER_SECURITY_INFORMATION) {
		parts.owner = v->owner;
		parts.control |= v->control & WT_SE_OWNER_DEFAULTED;
	}
	if (sel & WT_GROUP_SECURITY_INFORMATION) {
		parts.group = v->group;
		parts.control |= v->control & WT_SE_GROUP_DEFAULTED;
	}
	if (sel & WT_DACL_SECURITY_INFORMATION) {
		parts.dacl_present = v->control & WT_SE_DACL_PRESENT;
		parts.dacl = &v->dacl;
		parts.control |= v->control & WT_SE_DACL_BITS;
	}
	if (sel & (WT_SACL_SECURITY_INFORMATION | WT_LABEL_SECURITY_INFORMATION)) {
		parts.sacl_present = v->control & WT_SE_SACL_PRESENT;
		parts.sacl[0].acl = &v->sacl;
		if (!(sel & WT_LABEL_SECURITY_INFORMATION))
			parts.sacl[0].keep = WT_KEEP_AUDIT;
		else if (!(sel & WT_SACL_SECURITY_INFORMATION))
			parts.sacl[0].keep = WT_KEEP_LABEL;
		if (sel & WT_SACL_SECURITY_INFORMATION)
			parts.control |= v->control & WT_SE_SACL_BITS;
	}
	return wt_parts_build(&parts, out);
}

/**
 * wt_sd_new_object() - the SD of a new object that has no parent
 * @tok: the creator's effective token
 * @map: the object type's generic mapping
 * @gfp: allocation flags (never sleeps with GFP_ATOMIC)
 * @len: out: the SD's size
 *
 * Owner and group from the token, its default DACL with generic rights
 * mapped, a label for a token below Medium (wt_sd_inherit() without parent
 * or creator SD).
 *
 * Return: the SD (kfree() it), or an ERR_PTR (-ENOMEM, -EINVAL).
 */
u8 *wt_sd_new_object(struct wt_token *tok, const struct wt_generic_mapping *map,
		     gfp_t gfp, u32 *len)
{
	const struct wt_token_view *v;
	struct wt_sd_view view;
	u8 *buf = NULL;
	long n;
	int err = 0;

	rcu_read_lock();
	v = &wt_token_state(tok)->view;
	n = wt_sd_inherit(NULL, NULL, v, map, 0, NULL, 0);
	if (n <= 0 || n > WT_SD_MAX_SIZE)
		err = -EINVAL;
	else
		buf = kmalloc(n, gfp);
	if (!err && !buf)
		err = -ENOMEM;
	if (!err && wt_sd_inherit(NULL, NULL, v, map, 0, buf, n) != n)
		err = -EINVAL;
	rcu_read_unlock();
	if (!err && wt_sd_parse(buf, n, &view))
		err = -EINVAL;
	if (err) {
		kfree(buf);
		return ERR_PTR(err);
	}
	*len = n;
	return buf;
}

/* ---- the ioctls ---- */

/* Copy an extensible argument in (see Documentation/design/overview.rst). */
static int wt_fsd_arg_in(struct wt_file_security *a, void __user *uarg,
			 u32 *usize)
{
	int err;

	BUILD_BUG_ON(sizeof(struct wt_file_security) != WT_FILE_SECURITY_SIZE_VER0);
	BUILD_BUG_ON(offsetof(struct wt_file_security, fd) != 8);
	BUILD_BUG_ON(offsetof(struct wt_file_security, length) != 16);
	BUILD_BUG_ON(offsetof(struct wt_file_security, buffer) != 24);

	if (get_user(*usize, (u32 __user *)uarg))
		return -EFAULT;
	if (*usize < WT_FILE_SECURITY_SIZE_VER0)
		return -EINVAL;
	if (*usize > PAGE_SIZE)
		return -E2BIG;
	err = copy_struct_from_user(a, sizeof(*a), uarg, *usize);
	if (err)
		return err;
	if (a->flags || a->reserved)
		return -EINVAL;
	if (!a->selectors || (a->selectors & ~WT_SI_VALID))
		return -EINVAL;
	return 0;
}

static int wt_fsd_arg_out(struct wt_file_security *a, void __user *uarg,
			  u32 usize)
{
	a->size = min_t(u32, usize, sizeof(*a));
	return copy_to_user(uarg, a, a->size) ? -EFAULT : 0;
}

/**
 * wt_sd_errno() - errno of an access check's status for the SD ioctls
 * @status: what wt_access_check() returned
 *
 * Return: 0, -EACCES, -EPERM (privilege not held) or -EIO.
 */
int wt_sd_errno(enum wt_access_status status)
{
	switch (status) {
	case WT_STATUS_OK:
		return 0;
	case WT_STATUS_ACCESS_DENIED:
		return -EACCES;
	case WT_STATUS_PRIVILEGE_NOT_HELD:
		return -EPERM;
	default:
		return -EIO;
	}
}

/**
 * wt_ioctl_get_file_security() - %WT_IOC_GET_FILE_SECURITY
 * @arg: user pointer to &struct wt_file_security
 *
 * Return: 0 or a negative errno (see Documentation/userspace-api/wintok.rst).
 */
long wt_ioctl_get_file_security(void __user *arg)
{
	struct wt_file_security a;
	struct wt_fsd_entry *e;
	struct wt_token *tok;
	struct inode *inode;
	struct file *file;
	const struct wt_sd_view *v;
	u8 *out = NULL;
	u32 usize;
	long len;
	int err;

	err = wt_fsd_arg_in(&a, arg, &usize);
	if (err)
		return err;
	file = fget_raw(a.fd);
	if (!file)
		return -EBADF;
	if (wt_unix_is_socket(file)) {
		err = wt_unix_get_security(file, &a, arg, usize);
		fput(file);
		return err;
	}
	tok = wt_effective_token(GFP_KERNEL);
	if (IS_ERR(tok)) {
		fput(file);
		return PTR_ERR(tok);
	}
	inode = file_inode(file);
	inode_lock_shared(inode);
	e = wt_fsd_load(file->f_path.dentry, inode);
	inode_unlock_shared(inode);
	if (IS_ERR(e)) {
		err = PTR_ERR(e);
		goto out;
	}
	err = -ENODATA;
	if (!e->len)
		goto out_entry;

	v = &e->view;
	err = wt_sd_errno(wt_fsd_eval(v, tok, wt_sd_read_access(a.selectors),
				      wt_inode_mapping(inode), "get_security",
				      &(struct wt_audit_object){ .path = &file->f_path }));
	if (err)
		goto out_entry;

	len = wt_sd_select(v, a.selectors, &out);
	if (len < 0) {
		err = len == -ENOMEM ? -ENOMEM : -EIO;
		goto out_entry;
	}
	if (len > a.length) {
		a.length = len;
		err = wt_fsd_arg_out(&a, arg, usize);
		if (!err)
			err = -ERANGE;
		goto out_entry;
	}
	err = 0;
	if (copy_to_user(u64_to_user_ptr(a.buffer), out, len))
		err = -EFAULT;
	a.length = len;
	if (!err)
		err = wt_fsd_arg_out(&a, arg, usize);
out_entry:
	kvfree(out);
	kfree(e);
out:
	wt_token_put(tok);
	fput(file);
	return err;
}

/* May the token make @sid the owner of an object, without a privilege? */
static bool wt_owner_own_sid(const struct wt_token_view *v,
			     const struct wt_sid *sid)
{
	u32 i;

	if (wt_sid_equal(&v->user.sid, sid))
		return !(v->user.attributes & WT_SE_GROUP_USE_FOR_DENY_ONLY);
	for (i = 0; i < v->group_count; i++) {
		u32 attr = v->groups[i].attributes;

		if (wt_sid_equal(&v->groups[i].sid, sid))
			return (attr & WT_SE_GROUP_OWNER) &&
			       !(attr & WT_SE_GROUP_USE_FOR_DENY_ONLY);
	}
	return false;
}

/*
 * May the token make @sid the owner of an object? Any SID with
 * SeRestorePrivilege; *@by_restore says the privilege made the difference.
 */
static bool wt_owner_assignable(const struct wt_token_view *v,
				const struct wt_sid *sid, bool *by_restore)
{
	if (wt_owner_own_sid(v, sid))
		return true;
	*by_restore = wt_token_has_privilege(v, WT_SE_RESTORE_PRIVILEGE);
	return *by_restore;
}

/* May the token set the mandatory labels in @sacl? */
static bool wt_labels_allowed(const struct wt_token_view *v,
			      const struct wt_acl_view *sacl)
{
	struct wt_ace_iter it;
	struct wt_ace_view ace;
	u32 level;
	bool ok;

	for (ok = wt_acl_first(sacl, &it, &ace); ok; ok = wt_acl_next(&it, &ace)) {
		if (ace.type != WT_SYSTEM_MANDATORY_LABEL_ACE_TYPE)
			continue;
		if (!wt_sid_is_integrity(ace.sid, &level) ||
		    !wt_label_change_allowed(v, level, NULL))
			return false;
	}
	return true;
}

/*
 * Map the generic rights of the ACLs the caller set (@sel) in the merged SD
 * at @buf, as Windows stores them. ACLs kept from the old SD are left as
 * they are: an SD restored raw with generic bits (which grant nothing) must
 * not start granting because its owner or label changed.
 */
static void wt_sd_map_new_parts(u8 *buf, long len, u32 sel,
				const struct wt_generic_mapping *map)
{
	struct wt_sd_view v;
	u32 acls = 0;

	if (sel & WT_DACL_SECURITY_INFORMATION)
		acls |= WT_MAP_DACL;
	if (sel & WT_SACL_SECURITY_INFORMATION)
		acls |= WT_MAP_SACL;
	/* wt_parts_build() returns bytes it has just parsed */
	if (acls && !wt_sd_parse(buf, len, &v))
		wt_sd_map_generic(buf, &v, map, acls);
}

/**
 * wt_sd_merge() - decide a set and assemble the new SD
 * @tok: the caller's effective token
 * @old: the object's current SD, NULL for an object not governed yet
 * @nv: the SD passed by the caller
 * @sel: WT_*_SECURITY_INFORMATION selectors of the parts to take from @nv
 * @map: the object type's generic mapping
 * @out: out: the new SD's canonical bytes, kvfree() them
 * @obj: the object, for audit events
 *
 * The caller serialises changes of the object's SD (inode lock, IPC
 * mutex). May sleep.
 *
 * Return: the new SD's size, or -EACCES, -EPERM, -EINVAL or -ENOMEM.
 */
long wt_sd_merge(struct wt_token *tok, const struct wt_sd_view *old,
		 const struct wt_sd_view *nv, u32 sel,
		 const struct wt_generic_mapping *map, u8 **out,
		 const struct wt_audit_object *obj)
{
	const struct wt_sd_view *dsrc, *asrc, *lsrc;
	struct wt_sid def_owner, def_group;
	const struct wt_token_view *v;
	struct wt_sd_parts parts = {};
	bool by_restore = false, new_sacl = false;
	u32 desired = 0;
	int err = 0;
	long len;

	if (sel & WT_DACL_SECURITY_INFORMATION)
		desired |= WT_WRITE_DAC;
	if (sel & (WT_OWNER_SECURITY_INFORMATION | WT_GROUP_SECURITY_INFORMATION |
		   WT_LABEL_SECURITY_INFORMATION))
		desired |= WT_WRITE_OWNER;
	if (sel & WT_SACL_SECURITY_INFORMATION)
		desired |= WT_ACCESS_SYSTEM_SECURITY;
	if (old) {
		err = wt_sd_errno(wt_fsd_eval(old, tok, desired, map,
					      "set_security", obj));
		if (err)
			return err;
	}

	rcu_read_lock();
	v = &wt_token_state(tok)->view;
	new_sacl = !old && (sel & WT_SACL_SECURITY_INFORMATION);
	if (new_sacl && !wt_token_has_privilege(v, WT_SE_SECURITY_PRIVILEGE))
		err = -EPERM;
	else if ((sel & WT_OWNER_SECURITY_INFORMATION) &&
		 !wt_owner_assignable(v, nv->owner, &by_restore))
		err = -EPERM;
	else if ((sel & WT_LABEL_SECURITY_INFORMATION) &&
		 !wt_labels_allowed(v, &nv->sacl))
		err = -EPERM;
	memcpy(&def_owner, wt_state_owner(wt_token_state(tok)), sizeof(def_owner));
	memcpy(&def_group, &wt_token_state(tok)->primary_group, sizeof(def_group));
	rcu_read_unlock();
	if (err)
		return err;
	/* The privileges that decided (the old SD's check audits its own). */
	if (new_sacl)
		wt_audit_privilege_obj("set_security", WT_SE_SECURITY_PRIVILEGE, obj);
	if (by_restore)
		wt_audit_privilege_obj("set_owner", WT_SE_RESTORE_PRIVILEGE, obj);

	if (sel & WT_OWNER_SECURITY_INFORMATION)
		parts.owner = nv->owner;
	else
		parts.owner = old ? old->owner : &def_owner;
	if (sel & WT_GROUP_SECURITY_INFORMATION)
		parts.group = nv->group;
	else
		parts.group = old ? old->group : &def_group;
	parts.control |= ((sel & WT_OWNER_SECURITY_INFORMATION) ? nv->control :
			  old ? old->control : 0) & WT_SE_OWNER_DEFAULTED;
	parts.control |= ((sel & WT_GROUP_SECURITY_INFORMATION) ? nv->control :
			  old ? old->control : 0) & WT_SE_GROUP_DEFAULTED;

	dsrc = (sel & WT_DACL_SECURITY_INFORMATION) ? nv : old;
	if (dsrc) {
		parts.dacl_present = dsrc->control & WT_SE_DACL_PRESENT;
		parts.dacl = &dsrc->dacl;
		parts.control |= dsrc->control & WT_SE_DACL_BITS;
	}
	asrc = (sel & WT_SACL_SECURITY_INFORMATION) ? nv : old;
	lsrc = (sel & WT_LABEL_SECURITY_INFORMATION) ? nv : old;
	if (asrc) {
		parts.sacl_present |= asrc->control & WT_SE_SACL_PRESENT;
		parts.sacl[0].acl = &asrc->sacl;
		parts.sacl[0].keep = WT_KEEP_AUDIT;
		parts.control |= asrc->control & WT_SE_SACL_BITS;
	}
	if (lsrc) {
		parts.sacl_present |= lsrc->control & WT_SE_SACL_PRESENT;
		parts.sacl[1].acl = &lsrc->sacl;
		parts.sacl[1].keep = WT_KEEP_LABEL;
	}
	len = wt_parts_build(&parts, out);
	if (len > 0)
		wt_sd_map_new_parts(*out, len, sel, map);
	return len;
}

/**
 * wt_ioctl_set_file_security() - %WT_IOC_SET_FILE_SECURITY
 * @arg: user pointer to &struct wt_file_security
 *
 * Return: 0 or a negative errno (see Documentation/userspace-api/wintok.rst).
 */
long wt_ioctl_set_file_security(void __user *arg)
{
	struct wt_fsd_entry *old = NULL;
	struct wt_file_security a;
	struct wt_sd_view nv;
	struct wt_token *tok;
	struct inode *inode;
	struct file *file;
	u8 *in = NULL, *out = NULL;
	u32 usize;
	long len;
	int err;

	err = wt_fsd_arg_in(&a, arg, &usize);
	if (err)
		return err;
	file = fget_raw(a.fd);
	if (!file)
		return -EBADF;
	if (wt_unix_is_socket(file)) {
		err = wt_unix_set_security(file, &a);
		fput(file);
		return err;
	}
	err = -EINVAL;
	if (!a.length || a.length > WT_SD_MAX_SIZE)
		goto out_file;
	err = -ENOMEM;
	in = kvmalloc(a.length, GFP_KERNEL);
	if (!in)
		goto out_file;
	err = -EFAULT;
	if (copy_from_user(in, u64_to_user_ptr(a.buffer), a.length))
		goto out_file;
	err = -EINVAL;
	if (wt_sd_parse(in, a.length, &nv))
		goto out_file;
	if (((a.selectors & WT_OWNER_SECURITY_INFORMATION) && !nv.owner) ||
	    ((a.selectors & WT_GROUP_SECURITY_INFORMATION) && !nv.group))
		goto out_file;

	tok = wt_effective_token(GFP_KERNEL);
	if (IS_ERR(tok)) {
		err = PTR_ERR(tok);
		goto out_file;
	}
	err = mnt_want_write_file(file);
	if (err)
		goto out_tok;
	inode = file_inode(file);
	inode_lock(inode);
	err = -EPERM;
	if (IS_IMMUTABLE(inode) || IS_APPEND(inode))
		goto out_unlock;
	err = -EOPNOTSUPP;
	if (!(inode->i_opflags & IOP_XATTR))
		goto out_unlock;
	old = wt_fsd_load(file->f_path.dentry, inode);
	if (IS_ERR(old)) {
		err = PTR_ERR(old);
		old = NULL;
		goto out_unlock;
	}
	if (!old->len && !inode_owner_or_capable(wt_file_idmap(file), inode)) {
		err = -EPERM;
		goto out_unlock;
	}
	len = wt_sd_merge(tok, old->len ? &old->view : NULL, &nv, a.selectors,
			  wt_inode_mapping(inode), &out,
			  &(struct wt_audit_object){ .path = &file->f_path });
	if (len < 0) {
		err = len;
		out = NULL;
		goto out_unlock;
	}
	err = __vfs_setxattr(wt_file_idmap(file), file->f_path.dentry, inode,
			     WT_XATTR_NAME, out, len, 0);
	wt_fsd_invalidate(inode);
out_unlock:
	inode_unlock(inode);
	mnt_drop_write_file(file);
out_tok:
	wt_token_put(tok);
out_file:
	fput(file);
	kvfree(out);
	kfree(old);
	kvfree(in);
	return err;
}

/*
 * The name under which filp_open() finds @name relative to the directory
 * open as @dirfd, as openat() would: through the descriptor's magic link
 * in procfs, which the walk follows to the open directory itself (not to
 * a name it had), then goes on from there with the normal root, so ".."
 * and absolute symlinks behave as in openat(). The kernel's own openat()
 * entry points are not exported, and file_open_root() would make the
 * directory the walk's root. thread-self, not self: a thread may have
 * its own descriptor table. A /proc that is not procfs is refused: the
 * name would then mean something else (only to the caller, who controls
 * its own mounts and could name any file directly anyway).
 *
 * Return: the name to kfree(), or -EBADF (@dirfd is not open), -ENOTDIR
 * (not a directory), -EOPNOTSUPP (no procfs at /proc), -ENAMETOOLONG or
 * -ENOMEM.
 */
static char *wt_backup_name_at(int dirfd, const char *name)
{
	struct file *dir = dirfd >= 0 ? fget_raw(dirfd) : NULL;
	struct path proc;
	bool is_dir, is_proc;
	char *at;

	if (!dir)
		return ERR_PTR(-EBADF);
	is_dir = S_ISDIR(file_inode(dir)->i_mode);
	fput(dir);
	if (!is_dir)
		return ERR_PTR(-ENOTDIR);
	if (kern_path("/proc/thread-self/fd", LOOKUP_FOLLOW, &proc))
		return ERR_PTR(-EOPNOTSUPP);
	is_proc = proc.dentry->d_sb->s_magic == PROC_SUPER_MAGIC;
	path_put(&proc);
	if (!is_proc)
		return ERR_PTR(-EOPNOTSUPP);
	at = kasprintf(GFP_KERNEL, "/proc/thread-self/fd/%d/%s", dirfd, name);
	if (!at)
		return ERR_PTR(-ENOMEM);
	if (strlen(at) >= PATH_MAX) {
		kfree(at);
		return ERR_PTR(-ENAMETOOLONG);
	}
	return at;
}

#define WT_BACKUP_OPEN_FLAGS						\
	(O_ACCMODE | O_CREAT | O_EXCL | O_TRUNC | O_APPEND | O_DIRECTORY |	\
	 O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_LARGEFILE)

/**
 * wt_ioctl_open_backup() - %WT_IOC_OPEN_BACKUP
 * @arg: user pointer to &struct wt_open_backup
 *
 * Return: the new file descriptor, or a negative errno (see
 * Documentation/userspace-api/wintok.rst).
 */
long wt_ioctl_open_backup(void __user *arg)
{
	struct wt_intent intent = { .task = current,
				    .start = current->start_time };
	struct wt_open_backup a;
	struct file *file;
	u32 usize;
	char *name;
	int fd, err;

	BUILD_BUG_ON(sizeof(struct wt_open_backup) != WT_OPEN_BACKUP_SIZE_VER0);
	BUILD_BUG_ON(offsetof(struct wt_open_backup, dirfd) != 8);
	BUILD_BUG_ON(offsetof(struct wt_open_backup, open_flags) != 12);
	BUILD_BUG_ON(offsetof(struct wt_open_backup, mode) != 16);
	BUILD_BUG_ON(offsetof(struct wt_open_backup, path) != 24);

	err = wt_copy_arg_in(&a, sizeof(a), arg, WT_OPEN_BACKUP_SIZE_VER0,
			     &usize);
	if (err)
		return err;
	if (a.flags || a.reserved ||
	    (a.open_flags & ~WT_BACKUP_OPEN_FLAGS) || (a.mode & ~07777))
		return -EINVAL;
	name = strndup_user(u64_to_user_ptr(a.path), PATH_MAX);
	if (IS_ERR(name))
		return PTR_ERR(name) == -EINVAL ? -ENAMETOOLONG : PTR_ERR(name);
	if (!*name) {
		kfree(name);
		return -ENOENT;		/* as openat() without AT_EMPTY_PATH */
	}
	if (*name != '/' && a.dirfd != AT_FDCWD) {
		char *at = wt_backup_name_at(a.dirfd, name);

		kfree(name);
		if (IS_ERR(at))
			return PTR_ERR(at);
		name = at;
	}
	fd = get_unused_fd_flags(a.open_flags & O_CLOEXEC);
	if (fd < 0) {
		kfree(name);
		return fd;
	}

	wt_intent_add(&intent);
	file = filp_open(name, a.open_flags | O_LARGEFILE, a.mode);
	wt_intent_del(&intent);
	/* @intent lives on this stack: no reader may still see it. */
	synchronize_rcu();

	kfree(name);
	if (IS_ERR(file)) {
		put_unused_fd(fd);
		return PTR_ERR(file);
	}
	fd_install(fd, file);
	return fd;
}

/**
 * wt_ioctl_set_backup_intent() - %WT_IOC_SET_BACKUP_INTENT
 * @arg: user pointer to &struct wt_backup_intent
 *
 * Turns the calling thread's backup intent on or off and reports what it
 * was. The previous state is written back before anything changes, so a
 * fault leaves the thread as it was.
 *
 * Return: 0, -EFAULT, -EINVAL (size, flags, reserved), -E2BIG (non-zero
 * bytes past the known size) or -ENOMEM.
 */
long wt_ioctl_set_backup_intent(void __user *arg)
{
	struct wt_backup_intent __user *ua = arg;
	struct wt_intent *old, *new;
	struct wt_backup_intent a;
	u32 usize;
	int err;

	BUILD_BUG_ON(sizeof(struct wt_backup_intent) != WT_BACKUP_INTENT_SIZE_VER0);
	BUILD_BUG_ON(offsetof(struct wt_backup_intent, previous) != 8);

	err = wt_copy_arg_in(&a, sizeof(a), arg, WT_BACKUP_INTENT_SIZE_VER0,
			     &usize);
	if (err)
		return err;
	if ((a.flags & ~WT_BACKUP_INTENT_ON) || a.reserved)
		return -EINVAL;
	/* Only this thread changes its own entry: no lock needed to read it. */
	rcu_read_lock();
	old = wt_intent_persistent(current);
	rcu_read_unlock();
	if (put_user(old ? WT_BACKUP_INTENT_ON : 0, &ua->previous))
		return -EFAULT;
	if ((a.flags & WT_BACKUP_INTENT_ON) && !old) {
		new = kzalloc(sizeof(*new), GFP_KERNEL);
		if (!new)
			return -ENOMEM;
		new->task = current;
		new->start = current->start_time;
		new->persistent = true;
		wt_intent_add(new);
	} else if (!(a.flags & WT_BACKUP_INTENT_ON) && old) {
		wt_intent_del(old);
	}
	return 0;
}

/* ---- counters, init, exit ---- */

module_param_cb(file_sd_cached, &wt_atomic_counter_ops, &wt_fsd_count, 0444);
MODULE_PARM_DESC(file_sd_cached, "inodes in the security descriptor cache");
module_param_cb(file_sd_cache_used, &wt_atomic_counter_ops, &wt_fsd_bytes, 0444);
MODULE_PARM_DESC(file_sd_cache_used,
		 "bytes of entries in the security descriptor cache");
module_param_named(file_sd_cache_bytes, wt_fsd_max_bytes, ulong, 0644);
MODULE_PARM_DESC(file_sd_cache_bytes,
		 "bound on file_sd_cache_used (default 32 MiB); lowering it keeps what is cached, caches nothing more until below");
module_param_cb(file_errors, &wt_atomic_counter_ops, &wt_fsd_errors, 0444);
module_param_cb(backup_intent_threads, &wt_atomic_counter_ops,
		&wt_intent_threads, 0444);
MODULE_PARM_DESC(backup_intent_threads,
		 "threads with backup intent on (WT_IOC_SET_BACKUP_INTENT)");
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
	unsigned int i;
	int err;

	for (i = 0; i < ARRAY_SIZE(wt_fsd_locks); i++)
		spin_lock_init(&wt_fsd_locks[i]);
	for (i = 0; i < ARRAY_SIZE(wt_fsd_hash); i++)
		INIT_HLIST_HEAD(&wt_fsd_hash[i]);
	for (i = 0; i < ARRAY_SIZE(wt_ofile_locks); i++)
		spin_lock_init(&wt_ofile_locks[i]);
	for (i = 0; i < ARRAY_SIZE(wt_ofile_hash); i++)
		INIT_HLIST_HEAD(&wt_ofile_hash[i]);
	for (i = 0; i < ARRAY_SIZE(wt_intent_hash); i++)
		INIT_HLIST_HEAD(&wt_intent_hash[i]);
	wt_ofile_cache = KMEM_CACHE(wt_ofile, 0);
	if (!wt_ofile_cache)
		return -ENOMEM;
	err = wt_hooks_install(wt_file_hooks, ARRAY_SIZE(wt_file_hooks));
	if (err)
		kmem_cache_destroy(wt_ofile_cache);
	return err;
}

/**
 * wt_file_exit() - remove the file hooks, then empty the cache
 */
void wt_file_exit(void)
{
	struct wt_fsd_entry *e;
	struct hlist_node *tmp;
	unsigned long flags;
	unsigned int i;

	wt_hooks_remove(wt_file_hooks, ARRAY_SIZE(wt_file_hooks));
	/* Left by live threads; no ioctl runs (the device pins the module). */
	for (i = 0; i < ARRAY_SIZE(wt_intent_hash); i++) {
		struct hlist_node *next;
		struct wt_intent *in;

		spin_lock_irqsave(&wt_intent_lock, flags);
		hlist_for_each_entry_safe(in, next, &wt_intent_hash[i], node) {
			hlist_del_rcu(&in->node);
			atomic_dec(&wt_intent_count);
			if (in->persistent) {
				atomic_long_dec(&wt_intent_threads);
				kfree_rcu(in, rcu);
			}
		}
		spin_unlock_irqrestore(&wt_intent_lock, flags);
	}
	for (i = 0; i < ARRAY_SIZE(wt_fsd_hash); i++) {
		spin_lock_irqsave(wt_fsd_lock(i), flags);
		hlist_for_each_entry_safe(e, tmp, &wt_fsd_hash[i], node) {
			hlist_del_rcu(&e->node);
			atomic_long_dec(&wt_fsd_count);
			atomic_long_sub(wt_fsd_entry_bytes(e), &wt_fsd_bytes);
			kfree_rcu(e, rcu);
		}
		spin_unlock_irqrestore(wt_fsd_lock(i), flags);
	}
	for (i = 0; i < ARRAY_SIZE(wt_ofile_hash); i++) {
		struct wt_ofile *o;

		spin_lock(wt_ofile_lock(i));
		hlist_for_each_entry_safe(o, tmp, &wt_ofile_hash[i], node) {
			hlist_del(&o->node);
			atomic_long_dec(&wt_ofile_count);
			if (o->append_only)
				atomic_long_dec(&wt_ofile_appenders);
			kmem_cache_free(wt_ofile_cache, o);
		}
		spin_unlock(wt_ofile_lock(i));
	}
	rcu_barrier();
	kmem_cache_destroy(wt_ofile_cache);
}
