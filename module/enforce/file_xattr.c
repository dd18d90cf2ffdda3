// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - reads and writes of the security.wintok xattr through
 * the xattr system calls.
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

/* ---- raw xattr writes ---- */

static bool wt_is_posix_acl(const char *name)
{
	return !strcmp(name, XATTR_NAME_POSIX_ACL_ACCESS) ||
	       !strcmp(name, XATTR_NAME_POSIX_ACL_DEFAULT);
}

/* Extended attributes of the user namespace are a file's EAs. */
static bool wt_is_user_xattr(const char *name)
{
	return !strncmp(name, XATTR_USER_PREFIX, XATTR_USER_PREFIX_LEN);
}

/*
 * Does @v's SACL hold ACEs that GetSecurityInfo() returns only for
 * SACL_SECURITY_INFORMATION, which needs ACCESS_SYSTEM_SECURITY? Mandatory
 * labels, resource attributes and scoped policy IDs are read with
 * READ_CONTROL (LABEL_, ATTRIBUTE_ and SCOPE_SECURITY_INFORMATION); every
 * other SACL ACE is an audit or alarm ACE, which tells whoever reads it
 * what is being watched.
 */
static bool wt_sacl_needs_security_access(const struct wt_sd_view *v)
{
	struct wt_ace_iter it;
	struct wt_ace_view ace;
	bool ok;

	for (ok = wt_acl_first(&v->sacl, &it, &ace); ok; ok = wt_acl_next(&it, &ace))
		if (ace.type != WT_SYSTEM_MANDATORY_LABEL_ACE_TYPE &&
		    ace.type != WT_SYSTEM_RESOURCE_ATTRIBUTE_ACE_TYPE &&
		    ace.type != WT_SYSTEM_SCOPED_POLICY_ID_ACE_TYPE)
			return true;
	return false;
}

/*
 * getxattr(2) of security.wintok reads the whole SD: it needs READ_CONTROL,
 * as GetSecurityInfo() does for the owner, group, DACL and label, and also
 * ACCESS_SYSTEM_SECURITY (SeSecurityPrivilege enabled) when the SACL holds
 * audit ACEs; or SeBackupPrivilege enabled (backup tools copy the raw
 * bytes; also the way to read a stored SD that does not parse or lacks an
 * owner). The privilege comes first, as in an access check with backup
 * intent. A file without an SD has nothing to read. listxattr(2) still
 * shows the name.
 *
 * The SD checked is read from the xattr here, not taken from the cache:
 * the rights asked for depend on its SACL, so they are decided on the
 * bytes the read is about to return rather than on a copy that a
 * concurrent write may have made stale.
 */
static int wt_check_sd_read(struct wt_subject *s, struct dentry *dentry)
{
	struct inode *inode = d_backing_inode(dentry);
	const struct wt_audit_object obj = { .dentry = dentry };
	struct wt_fsd_entry *e;
	u32 desired;
	int ret;

	ret = wt_subject_refuse(s);
	if (ret)
		return ret;
	if (!inode || wt_known_ungoverned(inode))
		return 0;
	if (!wt_subject_privilege(s, WT_SE_BACKUP_PRIVILEGE, "xattr"))
		return 0;
	e = wt_fsd_load(dentry, inode);
	if (IS_ERR(e))
		return wt_fsd_fail("getxattr", PTR_ERR(e));
	if (!e->len) {
		kfree(e);
		return 0;
	}
	desired = WT_READ_CONTROL;
	if (wt_sacl_needs_security_access(&e->view))
		desired |= WT_ACCESS_SYSTEM_SECURITY;
	rcu_read_lock();
	ret = wt_sd_decide(e, s, desired, wt_inode_mapping(inode), NULL,
			   "getxattr", &obj);
	rcu_read_unlock();
	kfree(e);
	if (ret)
		wt_audit_denied("getxattr", NULL, dentry, desired);
	return ret ? -EACCES : 0;
}

/* getxattr(2) of a user.* name needs FILE_READ_EA. */
int wt_hook_inode_getxattr(struct dentry *dentry, const char *name)
{
	const struct wt_mount_policy *policy = wt_mount_policy(dentry->d_sb);
	bool user = wt_is_user_xattr(name);
	struct wt_subject s;
	int ret;

	if (!user && !wt_sd_store_is(policy->store, name))
		return 0;
	wt_subject_get(&s);
	if (user)
		ret = wt_check_dentry(&s, dentry, WT_FILE_READ_EA, false,
				      "getxattr");
	else
		ret = wt_check_sd_read(&s, dentry);
	wt_subject_put(&s);
	return ret;
}

/*
 * A raw write or removal of security.wintok needs SeRestorePrivilege
 * enabled (restore tools write the bytes they backed up), and a value
 * written (@set) must be a valid SD.
 *
 * Called with the inode's i_rwsem held exclusively by every VFS caller,
 * before the write; the cache entry is dropped here, and no loader can
 * publish again before the write is done (see the top of file_sd.c).
 */
static int wt_check_sd_write(struct wt_subject *s,
			     struct dentry *dentry, bool set,
			     const void *value, size_t size)
{
	struct wt_sd_view view;
	void *copy;
	int err;

	err = wt_subject_refuse(s);
	if (!err)
		err = wt_subject_privilege(s, WT_SE_RESTORE_PRIVILEGE, "xattr");
	if (err)
		return err;
	if (set) {
		if (!value || !size || size > WT_SD_MAX_SIZE)
			return -EINVAL;
		/* aligned for the parser */
		copy = kmemdup(value, size, GFP_KERNEL);
		if (!copy)
			return -ENOMEM;
		err = wt_sd_parse(copy, size, &view);
		/*
		 * An access check refuses an SD without owner or group as
		 * invalid (as Windows' AccessCheck does): stored, it would
		 * make the file an internal error for every caller, never an
		 * answer.
		 */
		if (!err && (!view.owner || !view.group))
			err = -EINVAL;
		kfree(copy);
		if (err)
			return -EINVAL;
	}
	if (d_backing_inode(dentry))
		wt_fsd_invalidate(d_backing_inode(dentry));
	return 0;
}

/*
 * setxattr(2) and removexattr(2): a user.* name needs FILE_WRITE_EA, a
 * POSIX ACL (set through here before 6.2) WRITE_DAC, the attribute the
 * mount's SD store keeps SDs in (security.wintok) the rules of
 * wt_check_sd_write().
 */
static int wt_xattr_change(struct dentry *dentry, const char *name, bool set,
			   const void *value, size_t size, const char *what)
{
	const struct wt_mount_policy *policy = wt_mount_policy(dentry->d_sb);
	bool user = wt_is_user_xattr(name), acl = wt_is_posix_acl(name);
	struct wt_subject s;
	int ret;

	if (!user && !acl && !wt_sd_store_is(policy->store, name))
		return 0;
	wt_subject_get(&s);
	if (user)
		ret = wt_check_dentry(&s, dentry, WT_FILE_WRITE_EA, true, what);
	else if (acl)
		ret = wt_check_acl_change(&s, dentry, what);
	else
		ret = wt_check_sd_write(&s, dentry, set, value, size);
	wt_subject_put(&s);
	return ret;
}

int wt_hook_inode_setxattr(struct wt_idmap *idmap,
			   struct dentry *dentry, const char *name,
			   const void *value, size_t size, int flags)
{
	return wt_xattr_change(dentry, name, true, value, size, "setxattr");
}

int wt_hook_inode_removexattr(struct wt_idmap *idmap,
			      struct dentry *dentry, const char *name)
{
	return wt_xattr_change(dentry, name, false, NULL, 0, "removexattr");
}
