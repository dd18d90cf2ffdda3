/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok - security descriptors on files: the security.wintok xattr, the
 * per-inode cache of parsed SDs, the get/set ioctls and the file hooks.
 *
 * Design: Documentation/design/enforcement.rst.
 */
#ifndef WT_FILE_SD_H
#define WT_FILE_SD_H

#include <linux/types.h>

#include "wt_access.h"
/* wt_effective_token(), the caller's token, for every check. */
#include "token_subject.h"

struct wt_token;

int wt_file_init(void);
void wt_file_exit(void);
long wt_file_errors(void);

long wt_ioctl_get_file_security(void __user *arg);
long wt_ioctl_set_file_security(void __user *arg);
long wt_ioctl_open_backup(void __user *arg);
long wt_ioctl_set_backup_intent(void __user *arg);

/* Shared with the IPC security descriptors (ipc_sd.c). */
u32 wt_sd_read_access(u32 sel);
int wt_sd_arg_out(const struct wt_sd_view *v, u32 sel, u64 ubuf, u32 *len);
long wt_sd_select(const struct wt_sd_view *v, u32 sel, u8 **out);
struct wt_audit_object;
long wt_sd_merge(struct wt_token *tok, const struct wt_sd_view *old,
		 const struct wt_sd_view *nv, u32 sel,
		 const struct wt_generic_mapping *map, u8 **out,
		 const struct wt_audit_object *obj);
int wt_sd_errno(enum wt_access_status status);
enum wt_access_status wt_sd_eval(const struct wt_sd_view *sd,
				 struct wt_token *tok,
				 const struct wt_access_request *req,
				 const char *what,
				 const struct wt_audit_object *obj);

/**
 * struct wt_sd_change - one set-security request (files, sockets, IPC)
 * @parts: the SD the caller gave, parsed; it points into @in
 * @selectors: the parts it sets (WT_*_SECURITY_INFORMATION)
 * @in: the copy of the caller's bytes
 * @tok: the caller's effective token (a reference): the subject of every
 *	check of the request
 * @out: the new SD, once wt_sd_change_merge() made it
 */
struct wt_sd_change {
	struct wt_sd_view parts;
	u32 selectors;
	u8 *in;
	struct wt_token *tok;
	u8 *out;
};

int wt_sd_change_begin(struct wt_sd_change *c, u64 ubuf, u32 len, u32 sel);
long wt_sd_change_merge(struct wt_sd_change *c, const struct wt_sd_view *old,
			const struct wt_generic_mapping *map,
			const struct wt_audit_object *obj);
void wt_sd_change_end(struct wt_sd_change *c);
u8 *wt_sd_new_object(struct wt_token *tok, const struct wt_generic_mapping *map,
		     gfp_t gfp, u32 *len);

/* Socket files (unix_sd.c): checks from atomic context. */
struct dentry;
struct inode;
int wt_file_prime(struct dentry *dentry);
int wt_file_cached_access(struct inode *inode, u32 desired, const char *what);

/* Directories a path walk passes through (traverse.c). */
int wt_file_walk_quick(struct inode *inode, u32 desired);
int wt_file_walk_check(struct dentry *dentry, u32 desired, bool locked,
		       const char *what);

#endif /* WT_FILE_SD_H */
