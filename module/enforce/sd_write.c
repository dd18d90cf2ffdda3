// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - building SDs: the parts a caller selects, a merge of a
 * new SD into an old one as SetSecurityInfo does, and a new object's SD
 * from its creator's token; shared by files, SysV IPC and sockets.
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

/* ---- building SDs from parts (wt_sd_assemble() in the core) ---- */

/*
 * Assemble @p through the core's encoder into a new buffer (*@out,
 * kvfree() it) and validate the result: bytes that do not parse are never
 * stored or returned. Return: its size or -EINVAL/-ENOMEM.
 */
static long wt_parts_build(const struct wt_sd_parts *p, u8 **out)
{
	struct wt_sd_view view;
	long len;
	u8 *buf;

	len = wt_sd_assemble(p, NULL, 0);
	if (len <= 0)
		return -EINVAL;
	buf = kvmalloc(len, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	if (wt_sd_assemble(p, buf, len) != len || wt_sd_parse(buf, len, &view)) {
		kvfree(buf);
		return -EINVAL;
	}
	*out = buf;
	return len;
}

/**
 * wt_sd_read_access() - rights needed to read parts of an SD
 * @sel: WT_*_SECURITY_INFORMATION selectors
 *
 * Return: %WT_READ_CONTROL for owner, group, DACL and label,
 * %WT_ACCESS_SYSTEM_SECURITY for the SACL.
 */
u32 wt_sd_read_access(u32 sel)
{
	u32 desired = 0;

	if (sel & ~WT_SACL_SECURITY_INFORMATION)
		desired |= WT_READ_CONTROL;
	if (sel & WT_SACL_SECURITY_INFORMATION)
		desired |= WT_ACCESS_SYSTEM_SECURITY;
	return desired;
}

/**
 * wt_sd_select() - a new SD holding the selected parts of @v
 * @v: a parsed SD
 * @sel: WT_*_SECURITY_INFORMATION selectors
 * @out: out: the canonical bytes, kvfree() them
 *
 * Return: their size, or -EINVAL/-ENOMEM.
 */
long wt_sd_select(const struct wt_sd_view *v, u32 sel, u8 **out)
{
	struct wt_sd_parts parts = {};

	if (sel & WT_OWNER_SECURITY_INFORMATION) {
		parts.owner = v->owner;
		parts.control |= v->control & WT_SE_OWNER_DEFAULTED;
	}
	if (sel & WT_GROUP_SECURITY_INFORMATION) {
		parts.group = v->group;
		parts.control |= v->control & WT_SE_GROUP_DEFAULTED;
	}
	if (sel & WT_DACL_SECURITY_INFORMATION) {
		parts.dacl_present = v->control & WT_SE_DACL_PRESENT;
		parts.dacl = &v->dacl;
		parts.control |= v->control & WT_SE_DACL_BITS;
	}
	if (sel & (WT_SACL_SECURITY_INFORMATION | WT_LABEL_SECURITY_INFORMATION)) {
		parts.sacl_present = v->control & WT_SE_SACL_PRESENT;
		parts.sacl[0].acl = &v->sacl;
		if (!(sel & WT_LABEL_SECURITY_INFORMATION))
			parts.sacl[0].keep = WT_KEEP_AUDIT;
		else if (!(sel & WT_SACL_SECURITY_INFORMATION))
			parts.sacl[0].keep = WT_KEEP_LABEL;
		if (sel & WT_SACL_SECURITY_INFORMATION)
			parts.control |= v->control & WT_SE_SACL_BITS;
	}
	return wt_parts_build(&parts, out);
}

/**
 * wt_sd_new_object() - the SD of a new object that has no parent
 * @tok: the creator's effective token
 * @map: the object type's generic mapping
 * @gfp: allocation flags (never sleeps with GFP_ATOMIC)
 * @len: out: the SD's size
 *
 * Owner and group from the token, its default DACL with generic rights
 * mapped, a label for a token below Medium (wt_sd_inherit() without parent
 * or creator SD).
 *
 * Return: the SD (kfree() it), or an ERR_PTR (-ENOMEM, -EINVAL).
 */
u8 *wt_sd_new_object(struct wt_token *tok, const struct wt_generic_mapping *map,
		     gfp_t gfp, u32 *len)
{
	const struct wt_token_view *v;
	struct wt_sd_view view;
	u8 *buf = NULL;
	long n;
	int err = 0;

	rcu_read_lock();
	v = &wt_token_state(tok)->view;
	n = wt_sd_inherit(NULL, NULL, v, map, 0, NULL, 0);
	if (n <= 0 || n > WT_SD_MAX_SIZE)
		err = -EINVAL;
	else
		buf = kmalloc(n, gfp);
	if (!err && !buf)
		err = -ENOMEM;
	if (!err && wt_sd_inherit(NULL, NULL, v, map, 0, buf, n) != n)
		err = -EINVAL;
	rcu_read_unlock();
	if (!err && wt_sd_parse(buf, n, &view))
		err = -EINVAL;
	if (err) {
		kfree(buf);
		return ERR_PTR(err);
	}
	*len = n;
	return buf;
}

/**
 * wt_sd_errno() - errno of an access check's status for the SD ioctls
 * @status: what wt_access_check() returned
 *
 * Return: 0, -EACCES, -EPERM (privilege not held) or -EIO.
 */
int wt_sd_errno(enum wt_access_status status)
{
	switch (status) {
	case WT_STATUS_OK:
		return 0;
	case WT_STATUS_ACCESS_DENIED:
		return -EACCES;
	case WT_STATUS_PRIVILEGE_NOT_HELD:
		return -EPERM;
	default:
		return -EIO;
	}
}

/*
 * May the token make @sid the owner of an object? Any SID with
 * SeRestorePrivilege; *@by_restore says the privilege made the difference.
 */
static bool wt_owner_assignable(const struct wt_token_view *v,
				const struct wt_sid *sid, bool *by_restore)
{
	if (wt_owner_index(v, sid) >= 0)
		return true;
	*by_restore = wt_token_has_privilege(v, WT_SE_RESTORE_PRIVILEGE);
	return *by_restore;
}

/* May the token set the mandatory labels in @sacl? */
static bool wt_labels_allowed(const struct wt_token_view *v,
			      const struct wt_acl_view *sacl)
{
	struct wt_ace_iter it;
	struct wt_ace_view ace;
	u32 level;
	bool ok;

	for (ok = wt_acl_first(sacl, &it, &ace); ok; ok = wt_acl_next(&it, &ace)) {
		if (ace.type != WT_SYSTEM_MANDATORY_LABEL_ACE_TYPE)
			continue;
		if (!wt_sid_is_integrity(ace.sid, &level) ||
		    !wt_label_change_allowed(v, level, NULL))
			return false;
	}
	return true;
}

/*
 * Map the generic rights of the ACLs the caller set (@sel) in the merged SD
 * at @buf, as Windows stores them. ACLs kept from the old SD are left as
 * they are: an SD restored raw with generic bits (which grant nothing) must
 * not start granting because its owner or label changed.
 */
static void wt_sd_map_new_parts(u8 *buf, long len, u32 sel,
				const struct wt_generic_mapping *map)
{
	struct wt_sd_view v;
	u32 acls = 0;

	if (sel & WT_DACL_SECURITY_INFORMATION)
		acls |= WT_MAP_DACL;
	if (sel & WT_SACL_SECURITY_INFORMATION)
		acls |= WT_MAP_SACL;
	/* wt_parts_build() returns bytes it has just parsed */
	if (acls && !wt_sd_parse(buf, len, &v))
		wt_sd_map_generic(buf, &v, map, acls);
}

/**
 * wt_sd_merge() - decide a set and assemble the new SD
 * @tok: the caller's effective token
 * @old: the object's current SD, NULL for an object not governed yet
 * @nv: the SD passed by the caller
 * @sel: WT_*_SECURITY_INFORMATION selectors of the parts to take from @nv
 * @map: the object type's generic mapping
 * @out: out: the new SD's canonical bytes, kvfree() them
 * @obj: the object, for audit events
 *
 * The caller serialises changes of the object's SD (inode lock, IPC
 * mutex). May sleep.
 *
 * Return: the new SD's size, or -EACCES, -EPERM, -EINVAL or -ENOMEM.
 */
long wt_sd_merge(struct wt_token *tok, const struct wt_sd_view *old,
		 const struct wt_sd_view *nv, u32 sel,
		 const struct wt_generic_mapping *map, u8 **out,
		 const struct wt_audit_object *obj)
{
	const struct wt_sd_view *dsrc, *asrc, *lsrc;
	struct wt_sid def_owner, def_group;
	const struct wt_token_view *v;
	struct wt_sd_parts parts = {};
	bool by_restore = false, new_sacl = false;
	u32 desired = 0;
	int err = 0;
	long len;

	if (sel & WT_DACL_SECURITY_INFORMATION)
		desired |= WT_WRITE_DAC;
	if (sel & (WT_OWNER_SECURITY_INFORMATION | WT_GROUP_SECURITY_INFORMATION |
		   WT_LABEL_SECURITY_INFORMATION))
		desired |= WT_WRITE_OWNER;
	if (sel & WT_SACL_SECURITY_INFORMATION)
		desired |= WT_ACCESS_SYSTEM_SECURITY;
	if (old) {
		err = wt_sd_errno(wt_fsd_eval(old, tok, desired, map,
					      "set_security", obj));
		if (err)
			return err;
	}

	rcu_read_lock();
	v = &wt_token_state(tok)->view;
	new_sacl = !old && (sel & WT_SACL_SECURITY_INFORMATION);
	if (new_sacl && !wt_token_has_privilege(v, WT_SE_SECURITY_PRIVILEGE))
		err = -EPERM;
	else if ((sel & WT_OWNER_SECURITY_INFORMATION) &&
		 !wt_owner_assignable(v, nv->owner, &by_restore))
		err = -EPERM;
	else if ((sel & WT_LABEL_SECURITY_INFORMATION) &&
		 !wt_labels_allowed(v, &nv->sacl))
		err = -EPERM;
	memcpy(&def_owner, wt_state_owner(wt_token_state(tok)), sizeof(def_owner));
	memcpy(&def_group, &wt_token_state(tok)->primary_group, sizeof(def_group));
	rcu_read_unlock();
	if (err)
		return err;
	/* The privileges that decided (the old SD's check audits its own). */
	if (new_sacl)
		wt_audit_privilege_obj("set_security", WT_SE_SECURITY_PRIVILEGE, obj);
	if (by_restore)
		wt_audit_privilege_obj("set_owner", WT_SE_RESTORE_PRIVILEGE, obj);

	if (sel & WT_OWNER_SECURITY_INFORMATION)
		parts.owner = nv->owner;
	else
		parts.owner = old ? old->owner : &def_owner;
	if (sel & WT_GROUP_SECURITY_INFORMATION)
		parts.group = nv->group;
	else
		parts.group = old ? old->group : &def_group;
	parts.control |= ((sel & WT_OWNER_SECURITY_INFORMATION) ? nv->control :
			  old ? old->control : 0) & WT_SE_OWNER_DEFAULTED;
	parts.control |= ((sel & WT_GROUP_SECURITY_INFORMATION) ? nv->control :
			  old ? old->control : 0) & WT_SE_GROUP_DEFAULTED;

	dsrc = (sel & WT_DACL_SECURITY_INFORMATION) ? nv : old;
	if (dsrc) {
		parts.dacl_present = dsrc->control & WT_SE_DACL_PRESENT;
		parts.dacl = &dsrc->dacl;
		parts.control |= dsrc->control & WT_SE_DACL_BITS;
	}
	asrc = (sel & WT_SACL_SECURITY_INFORMATION) ? nv : old;
	lsrc = (sel & WT_LABEL_SECURITY_INFORMATION) ? nv : old;
	if (asrc) {
		parts.sacl_present |= asrc->control & WT_SE_SACL_PRESENT;
		parts.sacl[0].acl = &asrc->sacl;
		parts.sacl[0].keep = WT_KEEP_AUDIT;
		parts.control |= asrc->control & WT_SE_SACL_BITS;
	}
	if (lsrc) {
		parts.sacl_present |= lsrc->control & WT_SE_SACL_PRESENT;
		parts.sacl[1].acl = &lsrc->sacl;
		parts.sacl[1].keep = WT_KEEP_LABEL;
	}
	len = wt_parts_build(&parts, out);
	if (len > 0)
		wt_sd_map_new_parts(*out, len, sel, map);
	return len;
}
