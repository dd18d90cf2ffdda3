// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - the checks of namespace operations: create, link,
 * unlink, rename, and of attribute and POSIX ACL changes.
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

/*
 * Creating in a directory needs FILE_ADD_FILE (files, devices, FIFOs,
 * sockets, symlinks, hard links) or FILE_ADD_SUBDIRECTORY on it. The VFS
 * holds the directory's i_rwsem exclusively around these hooks.
 */
static int wt_check_add(const struct path *dir, u32 right, const char *what)
{
	struct wt_subject s;
	int ret;

	wt_subject_get(&s);
	ret = wt_check_path(&s, dir, right, true, what);
	wt_subject_put(&s);
	return ret;
}

int wt_hook_path_mknod(const struct path *dir, struct dentry *dentry,
		       umode_t mode, unsigned int dev)
{
	return wt_check_add(dir, WT_FILE_ADD_FILE, "create");
}

int wt_hook_path_mkdir(const struct path *dir, struct dentry *dentry,
		       umode_t mode)
{
	return wt_check_add(dir, WT_FILE_ADD_SUBDIRECTORY, "mkdir");
}

int wt_hook_path_symlink(const struct path *dir, struct dentry *dentry,
			 const char *old_name)
{
	return wt_check_add(dir, WT_FILE_ADD_FILE, "symlink");
}

int wt_hook_path_link(struct dentry *old_dentry,
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
static int wt_delete_access(struct wt_subject *s, struct inode *dir,
			    struct dentry *dentry, bool locked,
			    const char *what)
{
	struct inode *inode = d_backing_inode(dentry);
	int ret;

	if (!inode)
		return 0;
	ret = wt_inode_access(dentry, inode, s, WT_DELETE,
			      locked ? WT_LOCK_HELD : WT_LOCK_NONE, NULL, what,
			      NULL);
	if (ret == -EACCES)
		ret = wt_inode_access(dentry->d_parent, dir, s,
				      WT_FILE_DELETE_CHILD, WT_LOCK_HELD, NULL,
				      what, NULL);
	return ret;
}

/* vfs_unlink() and vfs_rmdir() hold both i_rwsems exclusively. */
static int wt_check_delete(struct inode *dir, struct dentry *dentry,
			   const char *what)
{
	struct wt_subject s;
	int ret;

	ret = wt_subject_find(&s);
	if (ret)
		return ret;
	ret = wt_delete_access(&s, dir, dentry, true, what);
	wt_subject_put(&s);
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
int wt_hook_inode_rename(struct inode *old_dir, struct dentry *old_dentry,
			 struct inode *new_dir, struct dentry *new_dentry,
			 unsigned int flags)
{
	struct inode *src = d_backing_inode(old_dentry);
	struct inode *dst = d_backing_inode(new_dentry);
	struct wt_subject s;
	int ret;

	if (!src)
		return 0;
	ret = wt_subject_find(&s);
	if (ret)
		return ret;
	ret = wt_delete_access(&s, old_dir, old_dentry, false, "rename");
	if (!ret)
		ret = wt_inode_access(new_dentry->d_parent, new_dir, &s,
				      wt_add_right(src), WT_LOCK_HELD, NULL,
				      "rename", NULL);
	if (!ret && dst)
		ret = wt_delete_access(&s, new_dir, new_dentry, false, "rename");
	if (!ret && dst && (flags & RENAME_EXCHANGE))
		ret = wt_inode_access(old_dentry->d_parent, old_dir, &s,
				      wt_add_right(dst), WT_LOCK_HELD, NULL,
				      "rename", NULL);
	wt_subject_put(&s);
	if (ret)
		wt_audit_denied("rename", NULL, old_dentry, WT_DELETE);
	return ret ? -EACCES : 0;
}

int wt_hook_inode_unlink(struct inode *dir, struct dentry *dentry)
{
	return wt_check_delete(dir, dentry, "unlink");
}

int wt_hook_inode_rmdir(struct inode *dir, struct dentry *dentry)
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
	struct wt_subject s;
	struct file *file;
	int ret;

	wt_subject_get(&s);
	file = wt_syscall_file(path, NULL, call);
	if (file) {
		ret = wt_check_file(&s, file, right, true, what);
		fput(file);
	} else {
		ret = wt_check_path(&s, path, right, true, what);
	}
	wt_subject_put(&s);
	return ret;
}

/*
 * Changing attributes: chmod needs WRITE_DAC and chown WRITE_OWNER (the
 * mode and the owner are the Linux side of the DACL and the owner).
 * chmod_common() and chown_common() hold the inode's i_rwsem.
 */
int wt_hook_path_chmod(const struct path *path, umode_t mode)
{
	return wt_check_attr(path, WT_WRITE_DAC, WT_CALL_FCHMOD, "chmod");
}

/*
 * security_path_chown() takes kuid_t and kgid_t by value: one-u32 structs,
 * passed in registers like a u32, which is how the check declares them
 * (the machinery supports integer and pointer arguments only). The values
 * are not needed: any chown needs WRITE_OWNER.
 */
int wt_hook_path_chown(const struct path *path, u32 uid, u32 gid)
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
int wt_hook_inode_setattr(struct wt_idmap *idmap, struct dentry *dentry,
			  struct iattr *attr)
{
	bool size = attr->ia_valid & ATTR_SIZE;
	bool times = attr->ia_valid &
		     (ATTR_ATIME_SET | ATTR_MTIME_SET | ATTR_TOUCH);
	struct wt_subject s;
	int ret = 0;

	if (!size && !times)
		return 0;
	wt_subject_get(&s);
	if (size && (attr->ia_valid & ATTR_FILE))
		ret = wt_check_file(&s, attr->ia_file, WT_FILE_WRITE_DATA,
				    true, "truncate");
	else if (size)
		ret = wt_check_dentry(&s, dentry, WT_FILE_WRITE_DATA, true,
				      "truncate");
	if (!ret && times)
		ret = wt_check_dentry(&s, dentry, WT_FILE_WRITE_ATTRIBUTES,
				      true, "setattr");
	wt_subject_put(&s);
	return ret;
}

/*
 * A POSIX ACL is, like the mode, the Linux side of the DACL: setting or
 * removing one (which may also change the mode) needs WRITE_DAC, as
 * chmod does; through the open file when fsetxattr(2) or fremovexattr(2)
 * names it, else of the thread's token. The VFS holds the inode's
 * i_rwsem exclusively around every caller (6.1: the xattr hooks; 6.2 on:
 * vfs_set_acl(), vfs_remove_acl()).
 */
int wt_check_acl_change(struct wt_subject *s, struct dentry *dentry,
			const char *what)
{
	struct file *file;
	int ret;

	file = wt_syscall_file(NULL, dentry, WT_CALL_FXATTR);
	if (!file)
		return wt_check_dentry(s, dentry, WT_WRITE_DAC, true, what);
	ret = wt_check_file(s, file, WT_WRITE_DAC, true, what);
	fput(file);
	return ret;
}

#ifdef WT_HAVE_INODE_SET_ACL
/* The POSIX ACL hooks of 6.2 on: the subject, then the check. */
static int wt_acl_hook(struct dentry *dentry, const char *what)
{
	struct wt_subject s;
	int ret;

	wt_subject_get(&s);
	ret = wt_check_acl_change(&s, dentry, what);
	wt_subject_put(&s);
	return ret;
}

int wt_hook_inode_set_acl(struct wt_idmap *idmap, struct dentry *dentry,
			  const char *acl_name, void *kacl)
{
	return wt_acl_hook(dentry, "set_acl");
}

int wt_hook_inode_remove_acl(struct wt_idmap *idmap,
			     struct dentry *dentry, const char *acl_name)
{
	return wt_acl_hook(dentry, "remove_acl");
}
#endif
