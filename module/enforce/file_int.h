/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok - what the parts of the file SD code (file_*.c, sd_write.c)
 * share among themselves; the rest of the module uses file_sd.h.
 */
#ifndef WT_FILE_INT_H
#define WT_FILE_INT_H

#include <linux/fs.h>
#include <linux/rcupdate.h>
#include <linux/types.h>

#include "audit.h"
#include "decision.h"
#include "objmap.h"
#include "sd_store.h"
#include "subject.h"
#include "wt_access.h"

#define WT_SI_VALID							\
	(WT_OWNER_SECURITY_INFORMATION | WT_GROUP_SECURITY_INFORMATION |	\
	 WT_DACL_SECURITY_INFORMATION | WT_SACL_SECURITY_INFORMATION |	\
	 WT_LABEL_SECURITY_INFORMATION)

#define WT_SE_DACL_BITS							\
	(WT_SE_DACL_DEFAULTED | WT_SE_DACL_TRUSTED |			\
	 WT_SE_DACL_AUTO_INHERIT_REQ | WT_SE_DACL_AUTO_INHERITED |	\
	 WT_SE_DACL_PROTECTED)
#define WT_SE_SACL_BITS							\
	(WT_SE_SACL_DEFAULTED | WT_SE_SACL_AUTO_INHERIT_REQ |		\
	 WT_SE_SACL_AUTO_INHERITED | WT_SE_SACL_PROTECTED)

/**
 * struct wt_fsd_entry - the parsed SD of one inode
 * @node: map linkage, keyed by @inode
 * @inode: the key; never dereferenced through the entry
 * @sb: superblock of @inode when the entry was made
 * @ino: inode number then
 * @gen: inode generation then
 * @len: bytes at @sd; 0: the inode is not governed
 * @view: @sd parsed (when @len is not 0)
 * @rcu: frees the entry after readers are done
 * @decisions: recent decisions on @view (decision.h)
 * @sd: the xattr value
 */
struct wt_fsd_entry {
	struct wt_objmap_node node;
	const struct inode *inode;
	const struct super_block *sb;
	unsigned long ino;
	u32 gen;
	u32 len;
	struct wt_sd_view view;
	struct rcu_head rcu;
	struct wt_decision_cache decisions;
	u8 sd[] __aligned(8);
};

/*
 * How a check that misses the SD cache may publish the SD it reads (see
 * the top of file_sd.c): the caller holds the inode's i_rwsem, the lock
 * is taken if free (never waited for), or the read is used once.
 */
enum wt_lock {
	WT_LOCK_NONE,
	WT_LOCK_HELD,
	WT_LOCK_TRY,
};

/* The generic mapping of @inode's type. Inline: every governed check. */
static inline const struct wt_generic_mapping *
wt_inode_mapping(const struct inode *inode)
{
	return S_ISDIR(inode->i_mode) ? &wt_directory_mapping : &wt_file_mapping;
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

struct task_struct;
struct vm_area_struct;
struct wt_token;

/* file_backup.c: init, exit */
void wt_intent_init(void);
void wt_intent_exit(void);

/* file_ofile.c: init, exit */
int wt_ofile_init(void);
void wt_ofile_exit(void);
/* file_sd.c */
enum wt_access_status wt_fsd_eval(const struct wt_sd_view *sd,
				  struct wt_token *tok, u32 desired,
				  const struct wt_generic_mapping *map,
				  const char *what,
				  const struct wt_audit_object *obj);
int wt_fsd_fail(const char *what, int err);
void wt_fsd_insert(struct wt_fsd_entry *e, bool force);
void wt_fsd_invalidate(const struct inode *inode);
struct wt_fsd_entry *wt_fsd_load(struct dentry *dentry,
				 struct inode *inode);
struct wt_fsd_entry *wt_fsd_lookup(const struct inode *inode);
int wt_fsd_parse_entry(struct wt_fsd_entry *e);

/* file_backup.c */
int wt_hook_task_free(struct task_struct *task);

/* file_ofile.c */
bool wt_append_only(const struct file *file, u32 granted);
int wt_hook_file_free(struct file *file);
int wt_hook_file_permission(struct file *file, int mask);
bool wt_ofile_granted(const struct file *file, u32 *granted);
int wt_ofile_record(const struct file *file, u32 granted);

/* file_open.c */
int wt_check_dentry(struct wt_subject *s, struct dentry *dentry,
		    u32 desired, bool locked, const char *what);
int wt_check_file(struct wt_subject *s, struct file *file, u32 right,
		  bool locked, const char *what);
int wt_check_path(struct wt_subject *s, const struct path *path,
		  u32 desired, bool locked, const char *what);
int wt_hook_file_fcntl(struct file *file, unsigned int cmd,
		       unsigned long arg);
int wt_hook_file_mprotect(struct vm_area_struct *vma,
			  unsigned long reqprot, unsigned long prot);
int wt_hook_file_open(struct file *file);
int wt_hook_mmap_file(struct file *file, unsigned long prot,
		      unsigned long flags);
int wt_inode_access_miss(struct dentry *dentry, struct inode *inode,
			 struct wt_subject *s, u32 desired, enum wt_lock lock,
			 struct wt_grant *g, const char *what,
			 const struct path *path);
bool wt_known_ungoverned(const struct inode *inode);
int wt_sd_decide(struct wt_fsd_entry *e, struct wt_subject *s,
		 u32 desired, const struct wt_generic_mapping *map,
		 struct wt_grant *g, const char *what,
		 const struct wt_audit_object *obj);

/* file_ns.c */
int wt_check_acl_change(struct wt_subject *s, struct dentry *dentry,
			const char *what);
int wt_hook_inode_remove_acl(struct wt_idmap *idmap,
			     struct dentry *dentry, const char *acl_name);
int wt_hook_inode_rename(struct inode *old_dir, struct dentry *old_dentry,
			 struct inode *new_dir, struct dentry *new_dentry,
			 unsigned int flags);
int wt_hook_inode_rmdir(struct inode *dir, struct dentry *dentry);
int wt_hook_inode_set_acl(struct wt_idmap *idmap, struct dentry *dentry,
			  const char *acl_name, void *kacl);
int wt_hook_inode_setattr(struct wt_idmap *idmap, struct dentry *dentry,
			  struct iattr *attr);
int wt_hook_inode_unlink(struct inode *dir, struct dentry *dentry);
int wt_hook_path_chmod(const struct path *path, umode_t mode);
int wt_hook_path_chown(const struct path *path, u32 uid, u32 gid);
int wt_hook_path_link(struct dentry *old_dentry,
		      const struct path *new_dir,
		      struct dentry *new_dentry);
int wt_hook_path_mkdir(const struct path *dir, struct dentry *dentry,
		       umode_t mode);
int wt_hook_path_mknod(const struct path *dir, struct dentry *dentry,
		       umode_t mode, unsigned int dev);
int wt_hook_path_symlink(const struct path *dir, struct dentry *dentry,
			 const char *old_name);

/* file_inherit.c */
int wt_hook_inode_init_security(struct inode *inode, struct inode *dir,
				const struct qstr *qstr, void *initxattrs,
				void *fs_data);

/* file_xattr.c */
int wt_hook_inode_getxattr(struct dentry *dentry, const char *name);
int wt_hook_inode_removexattr(struct wt_idmap *idmap,
			      struct dentry *dentry, const char *name);
int wt_hook_inode_setxattr(struct wt_idmap *idmap,
			   struct dentry *dentry, const char *name,
			   const void *value, size_t size, int flags);

/**
 * wt_inode_access() - check rights of a subject on an inode
 * @dentry: reaches @inode, to read its SD
 * @inode: the object
 * @s: the subject
 * @desired: rights wanted
 * @lock: how a miss may publish the SD it reads: %WT_LOCK_HELD, the caller
 *	holds @inode's i_rwsem (see the top of file_sd.c); %WT_LOCK_TRY,
 *	only if the lock is free now (never waited for); %WT_LOCK_NONE,
 *	never (the read is used once)
 * @g: see &struct wt_grant, or NULL
 * @what: names the check in logs and audit events
 * @path: when the caller has it, names the object in audit events better
 *	than @dentry (a full path rather than one within its file system)
 *
 * One lookup in the SD cache decides, or on a miss one read of the SD.
 * Inline in every file hook, as the subject is: a hook calls out of line
 * only to decide on an SD (wt_sd_decide()) or to read one, so the open of
 * a governed file pays one call for its decision, and that of a file
 * without an SD none.
 * Context: process context; a miss may sleep.
 * Return: 0 when granted or the inode is not governed, -EACCES when
 * denied, -EIO on an internal error (already counted and logged).
 */
static __always_inline int
wt_inode_access(struct dentry *dentry, struct inode *inode,
		struct wt_subject *s, u32 desired, enum wt_lock lock,
		struct wt_grant *g, const char *what, const struct path *path)
{
	struct wt_fsd_entry *e;
	int ret = 0;

	if (g) {
		g->governed = false;
		g->maximum = 0;
	}
	if (!(inode->i_opflags & IOP_XATTR))
		return 0;	/* cannot hold an SD */
	rcu_read_lock();
	e = wt_fsd_lookup(inode);
	if (e && e->len) {
		const struct wt_audit_object obj = { .path = path,
						     .dentry = dentry };

		ret = wt_sd_decide(e, s, desired, wt_inode_mapping(inode), g,
				   what, &obj);
	}
	rcu_read_unlock();
	if (e || (g && g->cached_only))
		return ret;
	return wt_inode_access_miss(dentry, inode, s, desired, lock, g, what,
				    path);
}

#endif /* WT_FILE_INT_H */
