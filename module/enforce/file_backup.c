// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - backup intent: the per-open and per-thread intent of
 * WT_IOC_OPEN_BACKUP and WT_IOC_SET_BACKUP_INTENT, the request flag it
 * gives a file check, and the security_task_free hook that drops a
 * thread's intent.
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
#include "objmap.h"

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

/**
 * struct wt_intent - a thread with backup intent
 * @node: map linkage, keyed by the thread (never dereferenced; a thread
 *	inside WT_IOC_OPEN_BACKUP with intent on has two entries)
 * @start: its start time: an entry whose free was missed (hooks.rst,
 *	"Known gaps") never applies to a later thread at the same address
 * @persistent: made by WT_IOC_SET_BACKUP_INTENT (freed after RCU readers)
 * @rcu: frees a persistent entry
 */
struct wt_intent {
	struct wt_objmap_node node;
	u64 start;
	bool persistent;
	struct rcu_head rcu;
};

/*
 * Few entries, rarely changed: one lock. No bound: entries per thread.
 * Shared: every file hook tests its count (wt_request_flags()).
 */
WT_OBJMAP_DEFINE_SHARED(wt_intent_map, 6, 0, 0, WT_OBJMAP_IRQSAFE);
/* Persistent entries: what the task_free hook has to look for. */
static atomic_long_t wt_intent_threads = ATOMIC_LONG_INIT(0);

/* Add @i as an entry of current. */
static void wt_intent_add(struct wt_intent *i)
{
	unsigned long flags;

	wt_objmap_lock(&wt_intent_map, current, &flags);
	wt_objmap_add_unbounded(&wt_intent_map, &i->node, current);
	if (i->persistent)
		atomic_long_inc(&wt_intent_threads);
	wt_objmap_unlock(&wt_intent_map, current, flags);
}

/* Unlink @i; a persistent one is freed after the readers. */
static void wt_intent_del(struct wt_intent *i)
{
	const void *task = i->node.key;
	unsigned long flags;

	wt_objmap_lock(&wt_intent_map, task, &flags);
	wt_objmap_del(&wt_intent_map, &i->node);
	if (i->persistent)
		atomic_long_dec(&wt_intent_threads);
	wt_objmap_unlock(&wt_intent_map, task, flags);
	if (i->persistent)
		kfree_rcu(i, rcu);
}

static struct wt_intent *wt_intent_of(struct wt_objmap_node *n)
{
	return n ? container_of(n, struct wt_intent, node) : NULL;
}

/* The persistent entry of @task, or NULL. Under RCU or the map's lock. */
static struct wt_intent *wt_intent_persistent(const struct task_struct *task)
{
	struct wt_intent *i;

	for (i = wt_intent_of(wt_objmap_first(&wt_intent_map, task)); i;
	     i = wt_intent_of(wt_objmap_next(&i->node)))
		if (i->start == task->start_time && i->persistent)
			return i;
	return NULL;
}

/* security_task_free: a thread's backup intent ends with it. */
int wt_hook_task_free(struct task_struct *task)
{
	struct wt_intent *i;
	unsigned long flags;

	if (!atomic_long_read(&wt_intent_threads))
		return 0;
	wt_objmap_lock(&wt_intent_map, task, &flags);
	i = wt_intent_persistent(task);
	if (i) {
		wt_objmap_del(&wt_intent_map, &i->node);
		atomic_long_dec(&wt_intent_threads);
	}
	wt_objmap_unlock(&wt_intent_map, task, flags);
	if (i)
		kfree_rcu(i, rcu);
	return 0;
}

/* wt_request_flags() when some thread has backup intent. */
u32 wt_intent_flags(void)
{
	struct wt_intent *i;
	u32 flags = 0;

	rcu_read_lock();
	for (i = wt_intent_of(wt_objmap_first(&wt_intent_map, current)); i;
	     i = wt_intent_of(wt_objmap_next(&i->node)))
		if (i->start == current->start_time)
			flags = WT_AC_BACKUP_INTENT;
	rcu_read_unlock();
	return flags;
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
	struct wt_intent intent = { .start = current->start_time };
	struct wt_open_backup a;
	struct file *file;
	u32 usize;
	char *name;
	int fd, err;

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
		new->start = current->start_time;
		new->persistent = true;
		wt_intent_add(new);
	} else if (!(a.flags & WT_BACKUP_INTENT_ON) && old) {
		wt_intent_del(old);
	}
	return 0;
}

module_param_cb(backup_intent_threads, &wt_atomic_counter_ops,
		&wt_intent_threads, 0444);
MODULE_PARM_DESC(backup_intent_threads,
		 "threads with backup intent on (WT_IOC_SET_BACKUP_INTENT)");

/* Before the file hooks are installed. */
void wt_intent_init(void)
{
	wt_objmap_init(&wt_intent_map);
}

/* A one-call intent lives on its thread's stack: only unlink it. */
static void wt_intent_release(struct wt_objmap_node *n)
{
	struct wt_intent *in = wt_intent_of(n);

	if (in->persistent) {
		atomic_long_dec(&wt_intent_threads);
		kfree_rcu(in, rcu);
	}
}

/* After the file hooks are removed: drop the intents of live threads. */
void wt_intent_exit(void)
{
	/* No ioctl runs (the device pins the module). */
	wt_objmap_drain(&wt_intent_map, wt_intent_release);
}
