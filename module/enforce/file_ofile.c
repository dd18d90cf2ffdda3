// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - the access each open file was granted, kept for the
 * checks made later on the open file, and the writes an append-only
 * open file may make.
 *
 * Design: Documentation/design/enforcement.rst.
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

/**
 * struct wt_ofile - the granted access of one open file
 * @node: map linkage, keyed by the struct file (never dereferenced
 *	through the entry)
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
	struct wt_objmap_node node;
	const struct inode *inode;
	const struct cred *cred;
	u32 granted;
	bool append_only;
};

/* No bound of its own: one record per open file of a governed inode. */
WT_OBJMAP_DEFINE(wt_ofile_map, 10, 6, 0, WT_OBJMAP_PROCESS);
/* Records with @append_only: while 0, writes are not looked up at all. */
static atomic_long_t wt_ofile_appenders = ATOMIC_LONG_INIT(0);
/* One record per governed open: a slab of its own, not kmalloc's buckets. */
static struct kmem_cache *wt_ofile_cache;

/* Under the bucket's lock (records are freed without a grace period). */
static struct wt_ofile *wt_ofile_find(const struct file *file)
{
	struct wt_objmap_node *n = wt_objmap_first(&wt_ofile_map, file);

	return n ? container_of(n, struct wt_ofile, node) : NULL;
}

/* Drop @file's record, if it has one. */
static void wt_ofile_remove(const struct file *file)
{
	unsigned long flags;
	struct wt_ofile *o;

	wt_objmap_lock(&wt_ofile_map, file, &flags);
	o = wt_ofile_find(file);
	if (o) {
		wt_objmap_del(&wt_ofile_map, &o->node);
		if (o->append_only)
			atomic_long_dec(&wt_ofile_appenders);
	}
	wt_objmap_unlock(&wt_ofile_map, file, flags);
	if (o)
		kmem_cache_free(wt_ofile_cache, o);
}

/* Does an open file with @granted write without FILE_WRITE_DATA? */
bool wt_append_only(const struct file *file, u32 granted)
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
int wt_ofile_record(const struct file *file, u32 granted)
{
	bool append_only = wt_append_only(file, granted);
	struct wt_ofile *o, *old;
	unsigned long flags;

	o = kmem_cache_alloc(wt_ofile_cache, GFP_KERNEL | __GFP_NOWARN);
	if (!o) {
		wt_ofile_remove(file);
		return append_only ? -ENOMEM : 0;
	}
	o->inode = file_inode(file);
	o->cred = file->f_cred;
	o->granted = granted;
	o->append_only = append_only;
	/* Counted before it can be found: a reader never misses it. */
	if (append_only)
		atomic_long_inc(&wt_ofile_appenders);
	wt_objmap_lock(&wt_ofile_map, file, &flags);
	old = wt_ofile_find(file);
	if (old) {
		old->inode = o->inode;
		old->cred = o->cred;
		old->granted = granted;
		swap(old->append_only, o->append_only);
	} else {
		wt_objmap_add_unbounded(&wt_ofile_map, &o->node, file);
		o = NULL;
	}
	wt_objmap_unlock(&wt_ofile_map, file, flags);
	if (o) {
		/* @o now holds the replaced record's flag. */
		if (o->append_only)
			atomic_long_dec(&wt_ofile_appenders);
		kmem_cache_free(wt_ofile_cache, o);
	}
	return 0;
}

/* The rights recorded for @file; false when none were. */
bool wt_ofile_granted(const struct file *file, u32 *granted)
{
	unsigned long flags;
	struct wt_ofile *o;

	if (!wt_objmap_count(&wt_ofile_map))
		return false;
	wt_objmap_lock(&wt_ofile_map, file, &flags);
	o = wt_ofile_find(file);
	if (o && (o->inode != file_inode(file) || o->cred != file->f_cred))
		o = NULL;	/* another file's, whose free was missed */
	if (o)
		*granted = o->granted;
	wt_objmap_unlock(&wt_ofile_map, file, flags);
	return o;
}

int wt_hook_file_free(struct file *file)
{
	if (wt_objmap_count(&wt_ofile_map))
		wt_ofile_remove(file);
	return 0;
}

/* Before the file hooks are installed. */
int wt_ofile_init(void)
{
	wt_objmap_init(&wt_ofile_map);
	wt_ofile_cache = KMEM_CACHE(wt_ofile, 0);
	return wt_ofile_cache ? 0 : -ENOMEM;
}

static void wt_ofile_release(struct wt_objmap_node *n)
{
	struct wt_ofile *o = container_of(n, struct wt_ofile, node);

	if (o->append_only)
		atomic_long_dec(&wt_ofile_appenders);
	kmem_cache_free(wt_ofile_cache, o);
}

/* After the file hooks are removed: free the records left, and the cache. */
void wt_ofile_exit(void)
{
	wt_objmap_drain(&wt_ofile_map, wt_ofile_release);
	kmem_cache_destroy(wt_ofile_cache);
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
int wt_hook_file_permission(struct file *file, int mask)
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
