// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - WT_IOC_GET_FILE_SECURITY and WT_IOC_SET_FILE_SECURITY.
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
	err = wt_sd_store_write(wt_mount_policy(inode->i_sb)->store,
				wt_file_idmap(file), file->f_path.dentry, inode,
				out, len);
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
