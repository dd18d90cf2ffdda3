// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - the SysV IPC ioctls: %WT_IOC_GET_IPC_SECURITY and
 * %WT_IOC_SET_IPC_SECURITY, on the SD map of ipc_sd.c.
 *
 * Design: Documentation/design/enforcement.rst.
 */
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/idr.h>
#include <linux/ipc.h>
#include <linux/ipc_namespace.h>
#include <linux/moduleparam.h>
#include <linux/msg.h>
#include <linux/mutex.h>
#include <linux/nsproxy.h>
#include <linux/rculist.h>
#include <linux/sched.h>
#include <linux/sem.h>
#include <linux/shm.h>
#include <uapi/linux/shm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/sysfs.h>
#include <linux/uaccess.h>

#include "wintok.h"
#include "hook.h"
#include "token.h"
#include "file_sd.h"
#include "impersonate.h"
#include "ipc_sd.h"
#include "audit.h"
#include "decision.h"
#include "objmap.h"
#include "ipc_int.h"

/*
 * Index of each object kind in ipc_namespace.ids[] (IPC_SEM_IDS,
 * IPC_MSG_IDS, IPC_SHM_IDS in ipc/util.h, not exported), and the widths
 * of the index part of an IPC id (IPCMNI_SHIFT, and IPCMNI_EXTEND_SHIFT
 * with the ipcmni_extend boot option).
 */
#define WT_IPC_SEM_IDS		0
#define WT_IPC_MSG_IDS		1
#define WT_IPC_SHM_IDS		2
static const unsigned int wt_ipcmni_shifts[] = { 15, 24 };

#define WT_SI_VALID							\
	(WT_OWNER_SECURITY_INFORMATION | WT_GROUP_SECURITY_INFORMATION |	\
	 WT_DACL_SECURITY_INFORMATION | WT_SACL_SECURITY_INFORMATION |	\
	 WT_LABEL_SECURITY_INFORMATION)

/* Serialises %WT_IOC_SET_IPC_SECURITY (read, merge, replace). */
static DEFINE_MUTEX(wt_ipc_set_lock);

/* ---- the ioctls ---- */

/**
 * struct wt_ipc_snap - an IPC object's SD copied out of the map
 * @perm: the object (a key only once the RCU section has ended)
 * @seq: the entry's @seq, 0 when the object has no SD
 * @sd: a copy of the SD (kfree() it), NULL when none
 * @len: bytes at @sd
 * @view: @sd parsed
 * @uid: the object's owner (Linux)
 * @cuid: its creator (Linux)
 */
struct wt_ipc_snap {
	const struct kern_ipc_perm *perm;
	u64 seq;
	u8 *sd;
	u32 len;
	struct wt_sd_view view;
	kuid_t uid;
	kuid_t cuid;
};

static int wt_ipc_ids_index(u32 type)
{
	switch (type) {
	case WT_IPC_TYPE_MSG_QUEUE:
		return WT_IPC_MSG_IDS;
	case WT_IPC_TYPE_SEMAPHORE:
		return WT_IPC_SEM_IDS;
	case WT_IPC_TYPE_SHM:
		return WT_IPC_SHM_IDS;
	default:
		return -1;
	}
}

/*
 * Under rcu_read_lock(): the live object @id of kind @type in the
 * caller's IPC namespace, or NULL. The same lookup as
 * ipc_obtain_object_check(), which is not exported: the index is the low
 * bits of the id; the full id must match (it holds the sequence number).
 */
static struct kern_ipc_perm *wt_ipc_lookup(u32 type, int id)
{
	struct ipc_namespace *ns = current->nsproxy->ipc_ns;
	int idx = wt_ipc_ids_index(type);
	struct kern_ipc_perm *perm;
	unsigned int i;

	if (idx < 0 || id < 0)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(wt_ipcmni_shifts); i++) {
		perm = idr_find(&ns->ids[idx].ipcs_idr,
				id & ((1 << wt_ipcmni_shifts[i]) - 1));
		if (perm && perm->id == id && !READ_ONCE(perm->deleted))
			return perm;
	}
	return NULL;
}

/*
 * Copy the SD of object (@type, @id) into @s.
 * Return: 0, -EINVAL (no such object, or its kind is not @type), -ENOMEM
 * or -EIO (the stored SD does not parse: cannot happen).
 */
static int wt_ipc_snapshot(u32 type, int id, struct wt_ipc_snap *s)
{
	struct kern_ipc_perm *perm;
	struct wt_ipc_entry *e;
	int err = 0;

	memset(s, 0, sizeof(*s));
	rcu_read_lock();
	perm = wt_ipc_lookup(type, id);
	if (!perm) {
		err = -EINVAL;
		goto out;
	}
	s->perm = perm;
	s->uid = perm->uid;
	s->cuid = perm->cuid;
	e = wt_ipc_find(perm);
	if (e) {
		s->seq = e->seq;
		s->len = e->len;
		s->sd = kmemdup(e->sd, e->len, WT_IPC_GFP);
		if (!s->sd)
			err = -ENOMEM;
	}
out:
	rcu_read_unlock();
	if (!err && s->sd && wt_sd_parse(s->sd, s->len, &s->view))
		err = -EIO;
	if (err) {
		kfree(s->sd);
		s->sd = NULL;
	}
	return err;
}

static int wt_ipc_arg_in(struct wt_ipc_security *a, void __user *uarg,
			 u32 *usize)
{
	int err;

	err = wt_copy_arg_in(a, sizeof(*a), uarg, WT_IPC_SECURITY_SIZE_VER0,
			     usize);
	if (err)
		return err;
	if (a->flags || a->reserved)
		return -EINVAL;
	if (!a->selectors || (a->selectors & ~WT_SI_VALID))
		return -EINVAL;
	if (wt_ipc_ids_index(a->type) < 0)
		return -EINVAL;
	return 0;
}

/* Access check of @tok on @sd for @desired, as an ioctl errno. */
static int wt_ipc_eval(const struct wt_sd_view *sd, struct wt_token *tok,
		       u32 desired, const struct wt_audit_object *obj)
{
	struct wt_access_request req = { .desired = desired,
					 .mapping = &wt_ipc_mapping };

	return wt_sd_errno(wt_sd_eval(sd, tok, &req, "get_security", obj));
}

/**
 * wt_ioctl_get_ipc_security() - %WT_IOC_GET_IPC_SECURITY
 * @arg: user pointer to &struct wt_ipc_security
 *
 * Return: 0 or a negative errno (see Documentation/userspace-api/wintok.rst).
 */
long wt_ioctl_get_ipc_security(void __user *arg)
{
	struct wt_audit_object obj;
	struct wt_ipc_security a;
	struct wt_ipc_snap s;
	struct wt_token *tok;
	u32 usize;
	int err;

	err = wt_ipc_arg_in(&a, arg, &usize);
	if (err)
		return err;
	tok = wt_effective_token(GFP_KERNEL);
	if (IS_ERR(tok))
		return PTR_ERR(tok);
	err = wt_ipc_snapshot(a.type, a.id, &s);
	if (err)
		goto out;
	err = -ENODATA;
	if (!s.sd)
		goto out;
	wt_ipc_audit_obj(&obj, a.type, a.id);
	err = wt_ipc_eval(&s.view, tok, wt_sd_read_access(a.selectors), &obj);
	if (err)
		goto out;
	err = wt_sd_arg_out(&s.view, a.selectors, a.buffer, &a.length);
	if (!err || err == -ERANGE)
		err = wt_copy_arg_out(&a, sizeof(a), arg, usize) ?: err;
out:
	kfree(s.sd);
	wt_token_put(tok);
	return err;
}

/* May the caller give an object without an SD its first one? */
static bool wt_ipc_may_adopt(const struct wt_ipc_snap *s)
{
	kuid_t euid = current_euid();

	return uid_eq(euid, s->uid) || uid_eq(euid, s->cuid) ||
	       ns_capable(current->nsproxy->ipc_ns->user_ns, CAP_IPC_OWNER);
}

/*
 * Publish @len bytes at @sd as the SD of the object of @s, unless the
 * object went away or its SD changed since the snapshot. The caller holds
 * wt_ipc_set_lock. Return: 0 or -EINVAL (object gone), -ENOMEM.
 */
static int wt_ipc_commit(const struct wt_ipc_security *a,
			 const struct wt_ipc_snap *s, const u8 *sd, u32 len)
{
	struct kern_ipc_perm *perm;
	struct wt_ipc_entry *e, *cur;
	int err = 0;

	e = wt_ipc_entry_alloc(a->type, len, GFP_KERNEL_ACCOUNT);
	if (!e)
		return -ENOMEM;
	memcpy(e->sd, sd, len);
	if (wt_ipc_parse_entry(e)) {
		kfree(e);
		return -EINVAL;
	}
	/*
	 * Inserting inside the RCU section that saw the object alive is what
	 * makes this safe against its removal: the free hook runs from an RCU
	 * callback, after this section, and deletes the new entry.
	 */
	rcu_read_lock();
	perm = wt_ipc_lookup(a->type, a->id);
	cur = perm ? wt_ipc_find(perm) : NULL;
	if (perm != s->perm || (cur ? cur->seq : 0) != s->seq)
		err = -EINVAL;
	else
		wt_ipc_insert(perm, e);
	rcu_read_unlock();
	if (err)
		kfree(e);
	return err;
}

/**
 * wt_ioctl_set_ipc_security() - %WT_IOC_SET_IPC_SECURITY
 * @arg: user pointer to &struct wt_ipc_security
 *
 * Return: 0 or a negative errno (see Documentation/userspace-api/wintok.rst).
 */
long wt_ioctl_set_ipc_security(void __user *arg)
{
	struct wt_audit_object obj;
	struct wt_ipc_security a;
	struct wt_ipc_snap s = {};
	struct wt_sd_change c;
	u32 usize;
	long len;
	int err;

	err = wt_ipc_arg_in(&a, arg, &usize);
	if (err)
		return err;
	err = wt_sd_change_begin(&c, a.buffer, a.length, a.selectors);
	if (err)
		return err;

	mutex_lock(&wt_ipc_set_lock);
	err = wt_ipc_snapshot(a.type, a.id, &s);
	if (err)
		goto out_unlock;
	err = -EPERM;
	if (!s.sd && !wt_ipc_may_adopt(&s))
		goto out_unlock;
	wt_ipc_audit_obj(&obj, a.type, a.id);
	len = wt_sd_change_merge(&c, s.sd ? &s.view : NULL, &wt_ipc_mapping,
				 &obj);
	if (len < 0) {
		err = len;
		goto out_unlock;
	}
	err = wt_ipc_commit(&a, &s, c.out, len);
out_unlock:
	mutex_unlock(&wt_ipc_set_lock);
	wt_sd_change_end(&c);
	kfree(s.sd);
	return err;
}
