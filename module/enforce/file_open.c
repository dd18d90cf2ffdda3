// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - the checks of opening, executing and mapping a file, of
 * the directories a path walk passes through and of socket files.
 *
 * Design: Documentation/design/enforcement.rst.
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
#include "file_int.h"
#include "subject.h"

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
bool wt_known_ungoverned(const struct inode *inode)
{
	return wt_fsd_known(inode) == WT_FSD_UNGOVERNED;
}

/**
 * wt_sd_decide() - the decision on one SD
 * @e: the SD, a published entry or a private one
 * @s: the subject, found at the top of the hook
 * @desired: rights wanted
 * @map: the generic mapping of the object's type
 * @g: with @g, the same access check also reports the maximum for the
 *	open file's record; or NULL
 * @what: names the check in logs and audit events
 * @obj: names the object for the audits the result asks for (the record's
 *	own MAXIMUM_ALLOWED check is no request: never audited)
 *
 * Context: under rcu_read_lock(), which keeps a published @e and the
 * subject's view alive.
 * Return: 0 (granted, nothing asked, not governed), -EACCES, or -EIO (an
 * internal error, counted; also a subject without a token).
 */
int wt_sd_decide(struct wt_fsd_entry *e, struct wt_subject *s,
		 u32 desired, const struct wt_generic_mapping *map,
		 struct wt_grant *g, const char *what,
		 const struct wt_audit_object *obj)
{
	struct wt_access_request req;
	const struct wt_token_view *v;
	struct wt_access_result res;
	enum wt_access_status status;

	if (!e->len || (!desired && !g))
		return 0;
	req = (struct wt_access_request){ .mapping = map, .flags = s->flags };
	v = wt_subject_view(s);
	if (!v) {
		wt_fsd_fail(what, s->err ? s->err : -ENOKEY);
		return -EIO;
	}
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
 * The miss of wt_inode_access(): one read of the SD, the decision on it,
 * and the entry cached when @lock allows.
 */
int wt_inode_access_miss(struct dentry *dentry, struct inode *inode,
			 struct wt_subject *s, u32 desired, enum wt_lock lock,
			 struct wt_grant *g, const char *what,
			 const struct path *path)
{
	const struct wt_audit_object obj = { .path = path, .dentry = dentry };
	struct wt_fsd_entry *e;
	bool locked;
	int ret;

	locked = lock == WT_LOCK_HELD ||
		 (lock == WT_LOCK_TRY && inode_trylock_shared(inode));
	e = wt_fsd_load(dentry, inode);
	if (IS_ERR(e)) {
		wt_fsd_fail(what, PTR_ERR(e));
		ret = -EIO;
		goto out;
	}
	rcu_read_lock();
	ret = wt_sd_decide(e, s, desired, wt_inode_mapping(inode), g, what,
			   &obj);
	rcu_read_unlock();
	if (locked)
		wt_fsd_insert(e, false);
	else
		kfree(e);
out:
	if (locked && lock == WT_LOCK_TRY)
		inode_unlock_shared(inode);
	return ret;
}

int wt_hook_file_open(struct file *file)
{
	struct inode *inode = file_inode(file);
	u32 desired = wt_open_desired(file);
	struct wt_grant g = {};
	struct wt_subject s;
	int ret;

	ret = wt_subject_find(&s);
	if (ret)
		return ret;
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
		ret = wt_inode_access(file->f_path.dentry, inode, &s, 0,
				      WT_LOCK_NONE, &g, "file_open",
				      &file->f_path);
		if (ret)
			ret = -EACCES;
		else if (g.governed)
			ret = wt_ofile_record(file, g.maximum | desired);
		goto out;
	}
	/*
	 * A miss publishes only while no writer can be in between: never
	 * wait for the lock.
	 */
	ret = wt_inode_access(file->f_path.dentry, inode, &s, desired,
			      WT_LOCK_TRY, &g, "file_open", &file->f_path);
	if (ret) {
		wt_audit_denied("file_open", &file->f_path, NULL, desired);
		ret = -EACCES;
		goto out;
	}
	/* Everything the SD grants now stays with the open file. */
	if (g.maximum)
		ret = wt_ofile_record(file, g.maximum);
out:
	wt_subject_put(&s);
	return ret;
}

/**
 * wt_check_dentry() - check rights of a subject on the object at @dentry
 * @s: the subject; a thread that may not use its token is refused here
 * @dentry: the object (negative: nothing to check)
 * @desired: rights wanted
 * @locked: the caller holds the inode's i_rwsem (a miss is then cached)
 * @what: names the check in logs and audit events
 *
 * Return: 0, -EACCES (denied or an internal error; a denial is audited)
 * or -%WT_EBADIMPLEVEL.
 */
int wt_check_dentry(struct wt_subject *s, struct dentry *dentry,
		    u32 desired, bool locked, const char *what)
{
	struct inode *inode = d_backing_inode(dentry);
	int ret;

	ret = wt_subject_refuse(s);
	if (ret || !inode)
		return ret;
	ret = wt_inode_access(dentry, inode, s, desired,
			      locked ? WT_LOCK_HELD : WT_LOCK_NONE, NULL, what,
			      NULL);
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
	struct wt_subject s;
	int ret;

	if (!inode || !(inode->i_opflags & IOP_XATTR))
		return 0;
	wt_subject_get(&s);
	if (s.err == -WT_EBADIMPLEVEL) {
		/* No token to check: only whether the directory is governed. */
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
		return known == WT_FSD_UNGOVERNED ? 0 : wt_subject_refuse(&s);
	}
	ret = wt_check_dentry(&s, dentry, desired, locked, what);
	wt_subject_put(&s);
	return ret;
}

int wt_check_path(struct wt_subject *s, const struct path *path,
		  u32 desired, bool locked, const char *what)
{
	return wt_check_dentry(s, path->dentry, desired, locked, what);
}

/*
 * @right on an open file: from the access the file was granted at open
 * when it was recorded (a Windows handle's granted access), else (opened
 * before the module was loaded, not governed then, no memory then) from
 * the subject's token now. @locked: as for wt_check_dentry().
 */
int wt_check_file(struct wt_subject *s, struct file *file, u32 right,
		  bool locked, const char *what)
{
	u32 granted;

	if (wt_ofile_granted(file, &granted)) {
		if (granted & right)
			return 0;
		wt_audit_denied(what, &file->f_path, NULL, right);
		return -EACCES;
	}
	return wt_check_path(s, &file->f_path, right, locked, what);
}

/*
 * A mapping of @file that may execute (@exec) needs FILE_EXECUTE of the
 * open file. One that writes the file's pages in place (@write: shared
 * and writable), at any offset, needs FILE_WRITE_DATA of the open file,
 * as a writable section of a Windows file handle does: FILE_APPEND_DATA
 * alone never allows it (the kernel refuses shared mappings of an
 * S_APPEND inode open for writing for the same reason). A file not open
 * for writing cannot be mapped so (the kernel refuses it): nothing to
 * check. Private mappings never write back. Both hooks run in process
 * context with the mm's lock at most.
 */
static int wt_check_mapping(struct file *file, bool exec, bool write,
			    const char *what)
{
	struct wt_subject s;
	int ret = 0;

	write = write && (file->f_mode & FMODE_WRITE);
	if (!exec && !write)
		return 0;
	wt_subject_get(&s);
	if (exec)
		ret = wt_check_file(&s, file, WT_FILE_EXECUTE, false, what);
	if (!ret && write)
		ret = wt_check_file(&s, file, WT_FILE_WRITE_DATA, false, what);
	wt_subject_put(&s);
	return ret;
}

static bool wt_map_shared(unsigned long flags)
{
	unsigned long type = flags & MAP_TYPE;

	return type == MAP_SHARED || type == MAP_SHARED_VALIDATE;
}

int wt_hook_mmap_file(struct file *file, unsigned long prot,
		      unsigned long flags)
{
	if (!file)
		return 0;
	return wt_check_mapping(file, prot & PROT_EXEC,
				(prot & PROT_WRITE) && wt_map_shared(flags),
				"mmap");
}

int wt_hook_file_mprotect(struct vm_area_struct *vma,
			  unsigned long reqprot, unsigned long prot)
{
	if (!vma->vm_file)
		return 0;
	return wt_check_mapping(vma->vm_file,
				(prot & PROT_EXEC) && !(vma->vm_flags & VM_EXEC),
				(prot & PROT_WRITE) &&
				(vma->vm_flags & VM_SHARED) &&
				!(vma->vm_flags & VM_WRITE),
				"mprotect");
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
int wt_hook_file_fcntl(struct file *file, unsigned int cmd,
		       unsigned long arg)
{
	struct wt_subject s;
	int ret;

	if (cmd != F_SETFL || (arg & O_APPEND) ||
	    !(READ_ONCE(file->f_flags) & O_APPEND) ||
	    !(file->f_mode & FMODE_WRITE))
		return 0;
	wt_subject_get(&s);
	ret = wt_check_file(&s, file, WT_FILE_WRITE_DATA, false, "fcntl");
	wt_subject_put(&s);
	return ret ? -EPERM : 0;
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
	bool hit, refuse = false;
	struct wt_fsd_entry *e;
	struct wt_subject s;
	int ret = 0;

	if (!(inode->i_opflags & IOP_XATTR))
		return 0;
	wt_subject_get(&s);
	rcu_read_lock();
	e = wt_fsd_lookup(inode);
	hit = e;
	/* Only a decision by an SD needs a token the thread may use. */
	if (e && e->len && desired) {
		if (s.err == -WT_EBADIMPLEVEL)
			refuse = true;
		else
			ret = wt_sd_decide(e, &s, desired,
					   wt_inode_mapping(inode), NULL, what,
					   &obj);
	}
	rcu_read_unlock();
	wt_subject_put(&s);
	if (!hit)
		return wt_fsd_fail(what, -ENOENT);
	if (refuse)
		return wt_subject_refuse(&s);
	return ret ? -EACCES : 0;
}
