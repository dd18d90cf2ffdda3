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

/* The slow path: a referenced effective token into *@tok. */
int wt_slow_token(struct wt_token **tok, gfp_t gfp, const char *what)
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
int wt_entry_check(struct wt_fsd_entry *e, struct wt_token *tok,
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
int wt_inode_access(struct dentry *dentry, struct inode *inode,
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

int wt_hook_file_open(struct file *file)
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
int wt_check_dentry(struct dentry *dentry, u32 desired, bool locked,
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

int wt_check_path(const struct path *path, u32 desired, bool locked,
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
int wt_check_file(struct file *file, u32 right, bool locked,
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

int wt_hook_mmap_file(struct file *file, unsigned long prot,
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

int wt_hook_file_mprotect(struct vm_area_struct *vma,
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
int wt_hook_file_fcntl(struct file *file, unsigned int cmd,
		       unsigned long arg)
{
	if (cmd != F_SETFL || (arg & O_APPEND) ||
	    !(READ_ONCE(file->f_flags) & O_APPEND) ||
	    !(file->f_mode & FMODE_WRITE))
		return 0;
	return wt_check_file(file, WT_FILE_WRITE_DATA, false, "fcntl") ?
	       -EPERM : 0;
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
