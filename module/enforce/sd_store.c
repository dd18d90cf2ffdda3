// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - the policy of a mount and the SD store behind it.
 *
 * Every check of a file and every write of a file's SD asks the file's
 * super block for its policy here, once, and reads and writes the SD
 * through the store that policy names. The rest of the file code sees
 * only MS-DTYP self-relative SD bytes: the store turns them into what the
 * file system keeps and back, the per-inode cache (file_sd.c) holds the
 * bytes and their parsed view, inheritance on create (file_inherit.c)
 * computes the new file's SD and hands it to the store.
 *
 * Today every mount has one policy: additive (Linux DAC first, then the
 * SD), the SDs in the xattr security.wintok, kept as the bytes
 * themselves. A store keeping SDs in another format (Samba's
 * security.NTACL wraps them in an NDR blob) decodes in
 * wt_sd_store_read() and encodes in wt_sd_store_write(); a per-mount
 * setting replaces the one policy of wt_mount_policy(); an authoritative
 * mode is a new enum wt_mount_mode value the checks branch on.
 *
 * Design: Documentation/design/enforcement.rst, "The policy of a mount
 * and the SD store".
 */
#include <linux/fs.h>
#include <linux/string.h>
#include <linux/xattr.h>

#include "wintok.h"
#include "sd_store.h"

static const struct wt_sd_store wt_store_wintok = {
	.name = "wintok",
	.xattr = WT_XATTR_NAME,
};

static const struct wt_mount_policy wt_policy_default = {
	.mode = WT_MOUNT_ADDITIVE,
	.store = &wt_store_wintok,
};

/**
 * wt_mount_policy() - the policy of the files of a super block
 * @sb: the super block
 *
 * Context: any; never sleeps.
 * Return: the policy; never NULL. Today the same for every mount.
 */
const struct wt_mount_policy *wt_mount_policy(const struct super_block *sb)
{
	return &wt_policy_default;
}

/**
 * wt_sd_store_is() - is @name the attribute @st keeps SDs in?
 * @st: the store
 * @name: an xattr name
 *
 * The raw-xattr rules (file_xattr.c) apply to that name.
 */
bool wt_sd_store_is(const struct wt_sd_store *st, const char *name)
{
	return !strcmp(name, st->xattr);
}

/**
 * wt_sd_store_read() - read the SD of a file
 * @st: the store of the file's mount
 * @dentry: reaches @inode
 * @inode: the file
 * @buf: where the SD bytes go, or NULL to ask for their size
 * @size: bytes at @buf
 *
 * Straight from the file system (__vfs_getxattr()): no permission check,
 * no LSM hook. Context: process context; may sleep.
 * Return: the SD's size in bytes, -ENODATA when the file has none,
 * -EOPNOTSUPP when its file system keeps no xattrs, -ERANGE when @size is
 * too small, or another negative errno.
 */
ssize_t wt_sd_store_read(const struct wt_sd_store *st, struct dentry *dentry,
			 struct inode *inode, void *buf, size_t size)
{
	if (!(inode->i_opflags & IOP_XATTR))
		return -EOPNOTSUPP;
	return __vfs_getxattr(dentry, inode, st->xattr, buf, size);
}

/**
 * wt_sd_store_write() - store the SD of a file
 * @st: the store of the file's mount
 * @idmap: the mount's id mapping
 * @dentry: reaches @inode, or NULL for an inode being created (only file
 *	systems whose handlers use the inode alone, see file_inherit.c)
 * @inode: the file
 * @sd: a valid SD
 * @len: its size
 *
 * Straight to the file system (__vfs_setxattr()): the caller authorised
 * the write against the SD and holds @inode's i_rwsem, or @inode is not
 * reachable by anyone else yet. Context: process context; may sleep.
 * Return: 0 or a negative errno.
 */
int wt_sd_store_write(const struct wt_sd_store *st, struct wt_idmap *idmap,
		      struct dentry *dentry, struct inode *inode,
		      const void *sd, size_t len)
{
	return __vfs_setxattr(idmap, dentry, inode, st->xattr, sd, len, 0);
}
