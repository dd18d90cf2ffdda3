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

/* ---- the SD bytes of the get and set ioctls (files, sockets, IPC) ---- */

/**
 * wt_sd_arg_in() - copy in the SD a set-security ioctl gives
 * @ubuf: the caller's buffer
 * @len: its length
 * @sel: the parts the caller sets (WT_*_SECURITY_INFORMATION)
 * @nv: out: the SD, parsed; it points into the copy
 *
 * Return: the copy (kvfree() it) or an ERR_PTR(): -EINVAL (@len zero or
 * over %WT_SD_MAX_SIZE, not a valid SD, or an owner or group selected that
 * it does not hold), -ENOMEM or -EFAULT.
 */
static u8 *wt_sd_arg_in(u64 ubuf, u32 len, u32 sel, struct wt_sd_view *nv)
{
	u8 *in;
	int err;

	if (!len || len > WT_SD_MAX_SIZE)
		return ERR_PTR(-EINVAL);
	in = kvmalloc(len, GFP_KERNEL);
	if (!in)
		return ERR_PTR(-ENOMEM);
	err = -EFAULT;
	if (copy_from_user(in, u64_to_user_ptr(ubuf), len))
		goto fail;
	err = -EINVAL;
	if (wt_sd_parse(in, len, nv))
		goto fail;
	if (((sel & WT_OWNER_SECURITY_INFORMATION) && !nv->owner) ||
	    ((sel & WT_GROUP_SECURITY_INFORMATION) && !nv->group))
		goto fail;
	return in;
fail:
	kvfree(in);
	return ERR_PTR(err);
}

/**
 * wt_sd_change_begin() - start a set-security request: the caller's SD
 *	and the token that asks
 * @c: the request; on success wt_sd_change_end() releases it
 * @ubuf: the caller's buffer
 * @len: its length
 * @sel: the parts the caller sets (WT_*_SECURITY_INFORMATION)
 *
 * Files, AF_UNIX sockets and IPC objects set their SDs the same way: the
 * caller's bytes are copied and parsed before any lock is taken, and the
 * subject of the checks is the caller's effective token, taken once here.
 *
 * Return: 0, or the errors of wt_sd_arg_in() and wt_effective_token()
 * (then nothing is held).
 */
int wt_sd_change_begin(struct wt_sd_change *c, u64 ubuf, u32 len, u32 sel)
{
	memset(c, 0, sizeof(*c));
	c->selectors = sel;
	c->in = wt_sd_arg_in(ubuf, len, sel, &c->parts);
	if (IS_ERR(c->in))
		return PTR_ERR(c->in);
	c->tok = wt_effective_token(GFP_KERNEL);
	if (IS_ERR(c->tok)) {
		kvfree(c->in);
		return PTR_ERR(c->tok);
	}
	return 0;
}

/**
 * wt_sd_change_merge() - decide the request against the object's SD
 * @c: the request
 * @old: the object's current SD, NULL for an object not governed yet
 * @map: the object type's generic mapping
 * @obj: the object, for audit events
 *
 * As wt_sd_merge(), with the caller's serialisation of the object's SD
 * changes held; the new SD is left in @c->out.
 *
 * Return: the new SD's size, or the errors of wt_sd_merge().
 */
long wt_sd_change_merge(struct wt_sd_change *c, const struct wt_sd_view *old,
			const struct wt_generic_mapping *map,
			const struct wt_audit_object *obj)
{
	long len = wt_sd_merge(c->tok, old, &c->parts, c->selectors, map,
			       &c->out, obj);

	if (len < 0)
		c->out = NULL;
	return len;
}

/**
 * wt_sd_change_end() - release what a request holds
 * @c: a request that wt_sd_change_begin() started
 */
void wt_sd_change_end(struct wt_sd_change *c)
{
	wt_token_put(c->tok);
	kvfree(c->out);
	kvfree(c->in);
}

/**
 * wt_sd_arg_out() - copy the parts of an SD a get-security ioctl asks for
 * @v: the SD
 * @sel: the parts (WT_*_SECURITY_INFORMATION)
 * @ubuf: the caller's buffer
 * @len: in: its length; out: the length of the parts, on success and on
 *       -ERANGE, for the caller to write back with its argument
 *
 * Return: 0, -ERANGE (the buffer is too small), -ENOMEM, -EIO (the stored
 * SD could not be rewritten) or -EFAULT.
 */
int wt_sd_arg_out(const struct wt_sd_view *v, u32 sel, u64 ubuf, u32 *len)
{
	u8 *out = NULL;
	long n;
	int err = 0;

	n = wt_sd_select(v, sel, &out);
	if (n < 0)
		return n == -ENOMEM ? -ENOMEM : -EIO;
	if (n > *len)
		err = -ERANGE;
	else if (copy_to_user(u64_to_user_ptr(ubuf), out, n))
		err = -EFAULT;
	*len = n;
	kvfree(out);
	return err;
}

/* ---- the ioctls ---- */

/*
 * Copy the argument in, check what both ioctls take alike and return the
 * file it names (fput() it).
 */
static struct file *wt_fsd_arg_in(struct wt_file_security *a,
				  void __user *uarg, u32 *usize)
{
	struct file *file;
	int err;

	err = wt_copy_arg_in(a, sizeof(*a), uarg, WT_FILE_SECURITY_SIZE_VER0,
			     usize);
	if (err)
		return ERR_PTR(err);
	if (a->flags || a->reserved)
		return ERR_PTR(-EINVAL);
	if (!a->selectors || (a->selectors & ~WT_SI_VALID))
		return ERR_PTR(-EINVAL);
	file = fget_raw(a->fd);
	return file ?: ERR_PTR(-EBADF);
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
	u32 usize;
	int err;

	file = wt_fsd_arg_in(&a, arg, &usize);
	if (IS_ERR(file))
		return PTR_ERR(file);
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

	err = wt_sd_errno(wt_fsd_eval(&e->view, tok,
				      wt_sd_read_access(a.selectors),
				      wt_inode_mapping(inode), "get_security",
				      &(struct wt_audit_object){ .path = &file->f_path }));
	if (err)
		goto out_entry;
	err = wt_sd_arg_out(&e->view, a.selectors, a.buffer, &a.length);
	if (!err || err == -ERANGE)
		err = wt_copy_arg_out(&a, sizeof(a), arg, usize) ?: err;
out_entry:
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
	struct wt_sd_change c;
	struct inode *inode;
	struct file *file;
	u32 usize;
	long len;
	int err;

	file = wt_fsd_arg_in(&a, arg, &usize);
	if (IS_ERR(file))
		return PTR_ERR(file);
	if (wt_unix_is_socket(file)) {
		err = wt_unix_set_security(file, &a);
		goto out_file;
	}
	err = wt_sd_change_begin(&c, a.buffer, a.length, a.selectors);
	if (err)
		goto out_file;
	err = mnt_want_write_file(file);
	if (err)
		goto out_change;
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
	len = wt_sd_change_merge(&c, old->len ? &old->view : NULL,
				 wt_inode_mapping(inode),
				 &(struct wt_audit_object){ .path = &file->f_path });
	if (len < 0) {
		err = len;
		goto out_unlock;
	}
	err = wt_sd_store_write(wt_mount_policy(inode->i_sb)->store,
				wt_file_idmap(file), file->f_path.dentry, inode,
				c.out, len);
	wt_fsd_invalidate(inode);
out_unlock:
	inode_unlock(inode);
	mnt_drop_write_file(file);
	kfree(old);
out_change:
	wt_sd_change_end(&c);
out_file:
	fput(file);
	return err;
}
