/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok - the policy of a mount: how its SDs combine with Linux DAC and
 * where they are stored (the SD store), found with one lookup per super
 * block by every file check and every write of a file's SD.
 *
 * Design: Documentation/design/enforcement.rst, "The policy of a mount
 * and the SD store".
 */
#ifndef WT_SD_STORE_H
#define WT_SD_STORE_H

#include <linux/fs.h>
#include <linux/types.h>

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

/**
 * enum wt_mount_mode - how the SDs of a mount combine with Linux DAC
 * @WT_MOUNT_ADDITIVE: both must allow: an SD can only take access away
 */
enum wt_mount_mode {
	WT_MOUNT_ADDITIVE,
};

/**
 * struct wt_sd_store - one way of keeping an SD with each file
 * @name: names the store in logs and documentation
 * @xattr: the extended attribute that holds a file's SD
 */
struct wt_sd_store {
	const char *name;
	const char *xattr;
};

/**
 * struct wt_mount_policy - how wintok governs the files of one mount
 * @mode: how their SDs combine with Linux DAC
 * @store: where their SDs are kept
 */
struct wt_mount_policy {
	enum wt_mount_mode mode;
	const struct wt_sd_store *store;
};

const struct wt_mount_policy *wt_mount_policy(const struct super_block *sb);
bool wt_sd_store_is(const struct wt_sd_store *st, const char *name);
ssize_t wt_sd_store_read(const struct wt_sd_store *st, struct dentry *dentry,
			 struct inode *inode, void *buf, size_t size);
int wt_sd_store_write(const struct wt_sd_store *st, struct wt_idmap *idmap,
		      struct dentry *dentry, struct inode *inode,
		      const void *sd, size_t len);

#endif /* WT_SD_STORE_H */
