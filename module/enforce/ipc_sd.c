// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - security descriptors on SysV IPC objects.
 *
 * A message queue, semaphore set or shared memory segment created while
 * the module is loaded gets an SD computed from its creator's effective
 * token (owner, primary group, default DACL, and a label for a token
 * below Medium), as CreateSecurityDescriptor does for an object without a
 * parent. Every later access is checked against it with the WT_IPC_*
 * rights: ipcperms() (security_ipc_permission), msgsnd, msgrcv, semop,
 * shmat and the msgctl/semctl/shmctl commands.
 *
 * A loadable module cannot grow kern_ipc_perm->security, so the SDs live
 * in a hash table keyed by the kern_ipc_perm address. Entries are added
 * by the alloc hooks, removed by the free hooks (which run from RCU
 * callbacks, hence irqsave bucket locks) and replaced by
 * %WT_IOC_SET_IPC_SECURITY; readers walk a bucket under RCU. Every hook
 * here is WT_HOOK_ATOMIC: ipcperms() and the operation hooks run under
 * rcu_read_lock() or the object's spinlock, so nothing here sleeps and
 * allocations are GFP_ATOMIC.
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
 * An SD kept with an object is charged to the memory cgroup of the task
 * that made it (the creator in the alloc hooks, which run in its context
 * even where they may not sleep; the setter in the ioctl), as the kernel
 * charges the object itself: up to 64 KiB each, so a user's SDs count
 * against that user's limits and not the system's.
 */
#define WT_IPC_ENTRY_GFP	(WT_IPC_GFP | __GFP_ACCOUNT)

/*
 * The SD of each governed object. The free hook runs from the object's
 * RCU callback (softirq): irqsafe. No bound of its own: one entry per
 * live object, whose number the IPC limits bound.
 */
WT_OBJMAP_DEFINE(wt_ipc_map, 10, 6, 0, WT_OBJMAP_IRQSAFE);
static atomic_long_t wt_ipc_errors = ATOMIC_LONG_INIT(0);
static atomic64_t wt_ipc_seq = ATOMIC64_INIT(0);

/*
 * Count an internal error, log it (rate-limited) and deny: -ENOMEM when
 * memory ran out, else -EACCES.
 */
static int wt_ipc_fail(const char *what, int err)
{
	atomic_long_inc(&wt_ipc_errors);
	pr_warn_ratelimited("ipc %s: denied on internal error %d\n", what, err);
	return err == -ENOMEM ? -ENOMEM : -EACCES;
}

/* Under rcu_read_lock() or the bucket's lock. */
struct wt_ipc_entry *wt_ipc_find(const struct kern_ipc_perm *perm)
{
	struct wt_objmap_node *n = wt_objmap_first(&wt_ipc_map, perm);

	return n ? container_of(n, struct wt_ipc_entry, node) : NULL;
}

/* Publish @e for @perm, replacing the object's entry if there is one. */
void wt_ipc_insert(const struct kern_ipc_perm *perm,
		   struct wt_ipc_entry *e)
{
	struct wt_ipc_entry *old;
	unsigned long flags;

	wt_objmap_lock(&wt_ipc_map, perm, &flags);
	old = wt_ipc_find(perm);
	if (old)
		wt_objmap_replace(&wt_ipc_map, &old->node, &e->node);
	else
		wt_objmap_add_unbounded(&wt_ipc_map, &e->node, perm);
	wt_objmap_unlock(&wt_ipc_map, perm, flags);
	if (old)
		kfree_rcu(old, rcu);
}

static void wt_ipc_remove(const struct kern_ipc_perm *perm)
{
	struct wt_ipc_entry *e;
	unsigned long flags;

	wt_objmap_lock(&wt_ipc_map, perm, &flags);
	e = wt_ipc_find(perm);
	if (e)
		wt_objmap_del(&wt_ipc_map, &e->node);
	wt_objmap_unlock(&wt_ipc_map, perm, flags);
	if (e)
		kfree_rcu(e, rcu);
}

/* A new, unpublished entry of @len bytes; @sd filled by the caller. */
struct wt_ipc_entry *wt_ipc_entry_alloc(u32 type, u32 len, gfp_t gfp)
{
	struct wt_ipc_entry *e = kzalloc(struct_size(e, sd, len), gfp);

	if (!e)
		return NULL;
	e->type = type;
	e->len = len;
	e->seq = atomic64_inc_return(&wt_ipc_seq);
	return e;
}

/* Parse @e's SD into its view, with an empty decision cache. */
int wt_ipc_parse_entry(struct wt_ipc_entry *e)
{
	int err = wt_sd_parse(e->sd, e->len, &e->view);

	if (!err)
		wt_decision_cache_init(&e->decisions, &e->view);
	return err;
}

/* ---- creation ---- */

/*
 * The SD of a new object from the creator's effective token: no parent,
 * so owner and primary group from the token and its default DACL. A
 * thread impersonating below Impersonation creates nothing.
 */
static int wt_ipc_create(struct kern_ipc_perm *perm, u32 type)
{
	struct wt_ipc_entry *e;
	struct wt_token *tok;
	u32 len;
	u8 *sd;
	int err;

	err = wt_imp_level_denies();
	if (err)
		return err;
	tok = wt_effective_token(WT_IPC_GFP);
	if (IS_ERR(tok))
		return wt_ipc_fail("create: no token", PTR_ERR(tok));
	sd = wt_sd_new_object(tok, &wt_ipc_mapping, WT_IPC_GFP, &len);
	wt_token_put(tok);
	if (IS_ERR(sd))
		return wt_ipc_fail("create", PTR_ERR(sd));
	e = wt_ipc_entry_alloc(type, len, WT_IPC_ENTRY_GFP);
	if (!e) {
		kfree(sd);
		return wt_ipc_fail("create", -ENOMEM);
	}
	memcpy(e->sd, sd, len);
	kfree(sd);
	if (wt_ipc_parse_entry(e)) {
		kfree(e);
		return wt_ipc_fail("create", -EINVAL);
	}
	wt_ipc_insert(perm, e);
	return 0;
}

static int wt_hook_msg_queue_alloc(struct kern_ipc_perm *perm)
{
	return wt_ipc_create(perm, WT_IPC_TYPE_MSG_QUEUE);
}

static int wt_hook_sem_alloc(struct kern_ipc_perm *perm)
{
	return wt_ipc_create(perm, WT_IPC_TYPE_SEMAPHORE);
}

static int wt_hook_shm_alloc(struct kern_ipc_perm *perm)
{
	return wt_ipc_create(perm, WT_IPC_TYPE_SHM);
}

/* Called from the object's RCU callback: no reader can still use it. */
static int wt_hook_ipc_free(struct kern_ipc_perm *perm)
{
	if (wt_objmap_count(&wt_ipc_map))
		wt_ipc_remove(perm);
	return 0;
}

/* ---- checks ---- */

/*
 * Check @desired on @perm for @cred's effective token, or the calling
 * thread's when @cred is NULL. Objects without an SD (created before the
 * module was loaded) are left to Linux.
 *
 * Return: 0, -EACCES (denied, or an internal error: counted and logged),
 * -ENOMEM or -%WT_EBADIMPLEVEL.
 */
static int wt_ipc_access(const struct kern_ipc_perm *perm,
			 const struct cred *cred, u32 desired, const char *what)
{
	struct wt_access_request req = { .desired = desired,
					 .mapping = &wt_ipc_mapping };
	enum wt_access_status status = WT_STATUS_OK;
	const struct wt_token_view *view;
	struct wt_audit_object obj;
	struct wt_access_result res;
	struct wt_ipc_entry *e;
	struct wt_token *tok;
	int level, err;

	if (cred) {
		level = wt_cred_imp_level(cred);
		if (level >= 0 && level < WT_SECURITY_IMPERSONATION)
			return -WT_EBADIMPLEVEL;
	} else {
		err = wt_imp_level_denies();
		if (err)
			return err;
	}
	if (!perm || !desired || !wt_objmap_count(&wt_ipc_map))
		return 0;
	/* perm->id is stable while the caller holds the object. */
	wt_ipc_audit_obj(&obj, 0, perm->id);
	/*
	 * The hot path: the credential map's view of the token, without a
	 * reference, in the same RCU section as the object's SD.
	 */
	rcu_read_lock();
	e = wt_ipc_find(perm);
	view = e ? wt_cred_effective_view(cred ? cred : current_cred()) : NULL;
	if (view) {
		wt_ipc_audit_obj(&obj, e->type, perm->id);
		status = wt_cached_access_check(&e->decisions, &e->view, view,
						&req, &res);
		wt_audit_access(what, &obj, &e->view, view, &req, &res);
	}
	rcu_read_unlock();
	if (!e)
		return 0;
	if (view)
		goto decided;

	tok = cred ? wt_cred_effective_token(cred, WT_IPC_GFP) :
		     wt_effective_token(WT_IPC_GFP);
	if (IS_ERR(tok))
		return wt_ipc_fail(what, PTR_ERR(tok));
	rcu_read_lock();
	/* Looked up again: a set may have replaced the entry meanwhile. */
	e = wt_ipc_find(perm);
	if (e) {
		wt_ipc_audit_obj(&obj, e->type, perm->id);
		view = &wt_token_state(tok)->view;
		status = wt_cached_access_check(&e->decisions, &e->view, view,
						&req, &res);
		wt_audit_access(what, &obj, &e->view, view, &req, &res);
	}
	rcu_read_unlock();
	wt_token_put(tok);
decided:
	if (status == WT_STATUS_OK)
		return 0;
	if (status == WT_STATUS_ACCESS_DENIED ||
	    status == WT_STATUS_PRIVILEGE_NOT_HELD) {
		wt_audit_denied_obj(what, &obj, desired);
		return -EACCES;
	}
	return wt_ipc_fail(what, -EINVAL);
}

/* Linux's requested mode bits (rwx for u, g or o) as WT_IPC_* rights. */
static u32 wt_ipc_mode_rights(unsigned int flag)
{
	u32 want = 0;

	/* Execute (shmat SHM_EXEC) reads the segment; there is no IPC execute right. */
	if (flag & (0444 | 0111))
		want |= WT_IPC_READ;
	if (flag & 0222)
		want |= WT_IPC_WRITE;
	return want;
}

/*
 * ipcperms(): every operation on an existing object passes here with the
 * mode bits it needs (msgget/semget/shmget of an existing key with the
 * mode asked for). @flag is a short in the kernel: only its low nine bits
 * are used.
 */
static int wt_hook_ipc_permission(struct kern_ipc_perm *perm, unsigned int flag)
{
	return wt_ipc_access(perm, NULL, wt_ipc_mode_rights(flag & 0777),
			     "ipc_permission");
}

static int wt_hook_msgsnd(struct kern_ipc_perm *perm, struct msg_msg *msg,
			  int msqflg)
{
	return wt_ipc_access(perm, NULL, WT_IPC_WRITE, "msgsnd");
}

/*
 * @target is the receiving thread. It is current when the receiver takes
 * the message itself; a sender handing a message straight to a waiting
 * receiver (pipelined_send(), under the queue's spinlock) asks on the
 * receiver's behalf, so its token is the one to check. Its objective
 * credentials carry its effective token: impersonation commits the
 * thread's credentials, so they are the ones it would check with itself.
 * get_task_cred() takes the reference under RCU without sleeping.
 * Denied, the sender queues the message instead (ipc/msg.c).
 */
static int wt_hook_msgrcv(struct kern_ipc_perm *perm, struct msg_msg *msg,
			  struct task_struct *target, long type, int mode)
{
	const struct cred *cred;
	int ret;

	if (target == current)
		return wt_ipc_access(perm, NULL, WT_IPC_READ, "msgrcv");
	cred = get_task_cred(target);
	ret = wt_ipc_access(perm, cred, WT_IPC_READ, "msgrcv");
	put_cred(cred);
	return ret;
}

static int wt_hook_semop(struct kern_ipc_perm *perm, struct sembuf *sops,
			 unsigned int nsops, int alter)
{
	return wt_ipc_access(perm, NULL, alter ? WT_IPC_WRITE : WT_IPC_READ,
			     "semop");
}

static int wt_hook_shmat(struct kern_ipc_perm *perm, char __user *shmaddr,
			 int shmflg)
{
	u32 want = WT_IPC_READ;

	if (!(shmflg & SHM_RDONLY))
		want |= WT_IPC_WRITE;
	return wt_ipc_access(perm, NULL, want, "shmat");
}

/* Rights of the control commands common to the three kinds. */
static u32 wt_ipc_ctl_common(int cmd)
{
	switch (cmd) {
	case IPC_STAT:
		return WT_IPC_QUERY_ATTRIBUTES;
	case IPC_SET:
		return WT_IPC_SET_ATTRIBUTES;
	case IPC_RMID:
		return WT_DELETE;
	default:
		return 0;	/* IPC_INFO and the like: no object */
	}
}

static int wt_hook_msgctl(struct kern_ipc_perm *perm, int cmd)
{
	u32 want;

	cmd &= ~IPC_64;
	switch (cmd) {
	case MSG_STAT:
	case MSG_STAT_ANY:
		want = WT_IPC_QUERY_ATTRIBUTES;
		break;
	default:
		want = wt_ipc_ctl_common(cmd);
	}
	return wt_ipc_access(perm, NULL, want, "msgctl");
}

static int wt_hook_shmctl(struct kern_ipc_perm *perm, int cmd)
{
	u32 want;

	cmd &= ~IPC_64;
	switch (cmd) {
	case SHM_STAT:
	case SHM_STAT_ANY:
		want = WT_IPC_QUERY_ATTRIBUTES;
		break;
	case SHM_LOCK:
	case SHM_UNLOCK:
		want = WT_IPC_SET_ATTRIBUTES;
		break;
	default:
		want = wt_ipc_ctl_common(cmd);
	}
	return wt_ipc_access(perm, NULL, want, "shmctl");
}

static int wt_hook_semctl(struct kern_ipc_perm *perm, int cmd)
{
	u32 want;

	cmd &= ~IPC_64;
	switch (cmd) {
	case SEM_STAT:
	case SEM_STAT_ANY:
		want = WT_IPC_QUERY_ATTRIBUTES;
		break;
	case GETPID:
	case GETVAL:
	case GETALL:
	case GETNCNT:
	case GETZCNT:
		want = WT_IPC_READ;
		break;
	case SETVAL:
	case SETALL:
		want = WT_IPC_WRITE;
		break;
	default:
		want = wt_ipc_ctl_common(cmd);
	}
	return wt_ipc_access(perm, NULL, want, "semctl");
}

/*
 * The free observers are attached before the alloc hooks (wt_hooks_install()
 * does so for every table), so that every object whose creation made an
 * entry has its free seen. The other way round, an object made and removed
 * while the hooks in between were being attached (a busy system at insmod)
 * left its entry in the map until unload (load_cycles.sh).
 */
static struct wt_hook wt_ipc_hooks[] = {
	{ .func = "security_msg_queue_free", .check = wt_hook_ipc_free,
	  .mode = WT_HOOK_OBSERVE },
	{ .func = "security_sem_free", .check = wt_hook_ipc_free,
	  .mode = WT_HOOK_OBSERVE },
	{ .func = "security_shm_free", .check = wt_hook_ipc_free,
	  .mode = WT_HOOK_OBSERVE },
	{ .func = "security_msg_queue_alloc", .check = wt_hook_msg_queue_alloc,
	  .mode = WT_HOOK_ATOMIC },
	{ .func = "security_sem_alloc", .check = wt_hook_sem_alloc,
	  .mode = WT_HOOK_ATOMIC },
	{ .func = "security_shm_alloc", .check = wt_hook_shm_alloc,
	  .mode = WT_HOOK_ATOMIC },
	{ .func = "security_ipc_permission", .check = wt_hook_ipc_permission,
	  .mode = WT_HOOK_ATOMIC },
	{ .func = "security_msg_queue_msgsnd", .check = wt_hook_msgsnd,
	  .mode = WT_HOOK_ATOMIC },
	{ .func = "security_msg_queue_msgrcv", .check = wt_hook_msgrcv,
	  .mode = WT_HOOK_ATOMIC },
	{ .func = "security_sem_semop", .check = wt_hook_semop,
	  .mode = WT_HOOK_ATOMIC },
	{ .func = "security_shm_shmat", .check = wt_hook_shmat,
	  .mode = WT_HOOK_ATOMIC },
	{ .func = "security_msg_queue_msgctl", .check = wt_hook_msgctl,
	  .mode = WT_HOOK_ATOMIC },
	{ .func = "security_shm_shmctl", .check = wt_hook_shmctl,
	  .mode = WT_HOOK_ATOMIC },
	{ .func = "security_sem_semctl", .check = wt_hook_semctl,
	  .mode = WT_HOOK_ATOMIC },
};

/* ---- counters, init, exit ---- */

module_param_cb(ipc_sd_objects, &wt_atomic_counter_ops, &wt_ipc_map_counts.count, 0444);
MODULE_PARM_DESC(ipc_sd_objects, "SysV IPC objects with a security descriptor");
module_param_cb(ipc_errors, &wt_atomic_counter_ops, &wt_ipc_errors, 0444);
MODULE_PARM_DESC(ipc_errors, "IPC accesses or creations denied because of an internal error");

/**
 * wt_ipc_init() - set up the IPC SD map and install its hooks
 *
 * Return: 0 or a negative errno (the module must then refuse to load).
 */
int wt_ipc_init(void)
{
	wt_objmap_init(&wt_ipc_map);
	return wt_hooks_install(wt_ipc_hooks, ARRAY_SIZE(wt_ipc_hooks));
}

static void wt_ipc_entry_release(struct wt_objmap_node *n)
{
	kfree_rcu(container_of(n, struct wt_ipc_entry, node), rcu);
}

/**
 * wt_ipc_exit() - remove the hooks, then empty the map
 *
 * Objects outlive the module; their SDs do not (a reload starts with every
 * existing object ungoverned).
 */
void wt_ipc_exit(void)
{
	wt_hooks_remove(wt_ipc_hooks, ARRAY_SIZE(wt_ipc_hooks));
	wt_objmap_drain(&wt_ipc_map, wt_ipc_entry_release);
	rcu_barrier();
}
