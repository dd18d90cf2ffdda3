// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - the SD a new file inherits from its directory
 * (security_inode_init_security).
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

/* The SD a child of @parent made by @s gets; kfree() *@out. */
static long wt_fsd_child_sd(const struct wt_sd_view *parent,
			    struct wt_subject *s, bool container,
			    u8 **out)
{
	const struct wt_generic_mapping *map =
		container ? &wt_directory_mapping : &wt_file_mapping;
	u32 flags = container ? WT_INHERIT_IS_CONTAINER : 0;
	const struct wt_token_view *v;
	struct wt_sd_view view;
	size_t size = 0;
	u8 *buf = NULL;
	long n = -EINVAL;
	int tries;

	/* The token may change between sizing and filling: size again. */
	for (tries = 0; tries < 3; tries++) {
		rcu_read_lock();
		v = wt_subject_view(s);
		n = v ? wt_sd_inherit(parent, NULL, v, map, flags, buf, size) :
			-ENOKEY;
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
 * creator's token as the subject has it, both read under RCU without
 * references, the child's SD computed straight into its cache entry
 * (sized, then filled from the same inputs). Return: the entry, ready to
 * write and publish; NULL when the slow path must do it (parent not
 * cached or not governed, inputs changed in between); or an ERR_PTR.
 */
static struct wt_fsd_entry *wt_inherit_fast(struct wt_subject *s,
					    struct inode *dir,
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
	v = parent && parent->len ? wt_subject_view(s) : NULL;
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
	v = parent && parent->len ? wt_subject_view(s) : NULL;
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
 * effective token, written here through the mount's SD store
 * (wt_sd_store_write(), a __vfs_setxattr()), so it is durable
 * exactly when the creation is. A failure fails the creation.
 *
 * The new inode has no dentry yet, so the write passes none: only file
 * systems whose handlers use the inode alone (ext4, tmpfs) are supported;
 * on others, creating in a governed directory is refused (-EOPNOTSUPP)
 * rather than leaving the new object ungoverned.
 */
int wt_hook_inode_init_security(struct inode *inode, struct inode *dir,
				const struct qstr *qstr, void *initxattrs,
				void *fs_data)
{
	const struct wt_sd_store *st = wt_mount_policy(inode->i_sb)->store;
	struct wt_fsd_entry *parent, *e;
	struct wt_subject s;
	u8 *sd = NULL;
	long len;
	int err;

	if (!dir || IS_PRIVATE(inode) || wt_known_ungoverned(dir))
		return 0;
	err = wt_subject_find(&s);
	if (err)
		return err;
	if (wt_fs_can_inherit(inode->i_sb) && (inode->i_opflags & IOP_XATTR)) {
		e = wt_inherit_fast(&s, dir, inode);
		if (IS_ERR(e)) {
			err = wt_fsd_fail("inherit", PTR_ERR(e));
			goto out_subject;
		}
		if (e) {
			err = wt_sd_store_write(st, WT_NOP_IDMAP, NULL, inode,
						e->sd, e->len);
			if (err) {
				wt_fsd_fail("inherit: write", err);
				kfree(e);
				goto out_subject;
			}
			/* Nobody else can reach the inode yet: publish it. */
			wt_fsd_insert(e, false);
			goto out_subject;
		}
	}
	parent = wt_fsd_copy(dir);
	if (IS_ERR(parent)) {
		err = wt_fsd_fail("inherit: parent SD", PTR_ERR(parent));
		goto out_subject;
	}
	err = 0;
	if (!parent->len)
		goto out_parent;
	err = -EOPNOTSUPP;
	if (!wt_fs_can_inherit(inode->i_sb) || !(inode->i_opflags & IOP_XATTR))
		goto out_parent;
	if (s.err) {
		err = wt_fsd_fail("inherit: no token", s.err);
		goto out_parent;
	}
	len = wt_fsd_child_sd(&parent->view, &s, S_ISDIR(inode->i_mode), &sd);
	if (len < 0) {
		err = wt_fsd_fail("inherit", len);
		goto out_parent;
	}
	err = wt_sd_store_write(st, WT_NOP_IDMAP, NULL, inode, sd, len);
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
out_subject:
	wt_subject_put(&s);
	return err;
}
