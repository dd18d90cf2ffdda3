// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - the audit trail: one event per refused operation, per access
 * check an object's SACL asks to audit, per impersonation start, end and
 * refusal, per use of a privilege that decides an operation, per token
 * made on request and per logon and logoff, to the generic netlink group
 * "audit" and to the kernel audit subsystem.
 *
 * Events are raised where the decision is made, in any context but NMI
 * (some hooks are atomic), so raising one never sleeps and never
 * allocates: the event is written into a slot of a preallocated ring and
 * a work item sends it from process context. Reserving a slot takes the
 * ring's spinlock (irqsave) for a few instructions; the slot is then
 * filled without the lock and committed with a release store. The worker
 * takes slots in order and stops at one not committed yet (its committer
 * queues the work again). What does not fit is dropped and counted:
 *
 * - the rate limit (module parameter audit_rate, events per second,
 *   default 1000; a burst of that many is allowed),
 * - a full ring (%WT_AUDIT_RING slots waiting for the worker),
 * - no memory for the netlink message.
 *
 * Each event raised has a sequence number, dropped ones included, so a
 * reader sees where events were lost. See Documentation/design/audit.rst.
 *
 * The trail sits below the folders that raise events, so it reads
 * neither tokens nor the generic netlink family's code: who raised an
 * event (its subject) comes with the event from token/token_audit.c, and
 * the family the events leave through is handed over by iface/netlink.c
 * when it registers (wt_audit_attach()).
 */
#include <linux/audit.h>
#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/path.h>
#include <linux/ratelimit.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/workqueue.h>
#include <net/af_unix.h>
#include <net/genetlink.h>

#include "wintok.h"
#include "audit.h"
#include "wt_access.h"
#include "wt_privilege.h"

#define WT_AUDIT_RING		256	/* slots, a power of two */
#define WT_AUDIT_PATH_MAX	512	/* longer paths keep their end */
#define WT_AUDIT_OP_MAX		16

enum wt_slot_state { WT_SLOT_FREE, WT_SLOT_FILLING, WT_SLOT_READY };

/**
 * struct wt_audit_rec - one event waiting for the worker
 * @state: &enum wt_slot_state; READY is stored with release semantics
 * @type: WT_AUDIT_*
 * @seq: sequence number
 * @time: CLOCK_REALTIME ns
 * @pid: thread group id (initial pid namespace)
 * @tid: thread id
 * @level: impersonation level (valid with @has_level)
 * @desired: access asked for
 * @granted: access granted
 * @err: positive errno the caller got, 0 for success
 * @privilege: the LUID of a %WT_AUDIT_PRIVILEGE_USE
 * @logon_type: the logon type of a %WT_AUDIT_LOGON or %WT_AUDIT_LOGOFF
 * @logon_id: their logon session, or the new token's
 * @token_id: the id of a token made (%WT_AUDIT_TOKEN_CREATED)
 * @has_object: @path, @desired and @granted describe an access check
 * @has_user: @user is set
 * @has_client: @client is set (the thread impersonates)
 * @has_level: @level is set
 * @user: user SID of the primary token
 * @client: user SID of the impersonation token
 * @token_user: user SID of a token made
 * @op: operation name
 * @comm: the thread's name
 * @path: the object, NUL-terminated, empty for none
 */
struct wt_audit_rec {
	int state;
	u32 type;
	u64 seq;
	u64 time;
	u32 pid;
	u32 tid;
	u32 level;
	u32 desired;
	u32 granted;
	u32 err;
	u32 privilege;
	u32 logon_type;
	u64 logon_id;
	u64 token_id;
	bool has_object;
	bool has_user;
	bool has_client;
	bool has_level;
	struct wt_sid user;
	struct wt_sid client;
	struct wt_sid token_user;
	char op[WT_AUDIT_OP_MAX];
	char comm[TASK_COMM_LEN];
	char path[WT_AUDIT_PATH_MAX];
};

static struct wt_audit_rec *wt_audit_ring;
static DEFINE_SPINLOCK(wt_audit_lock);	/* head, tail */
static u32 wt_audit_head;		/* next slot to reserve */
static u32 wt_audit_tail;		/* next slot the worker sends */
/*
 * Every event raised takes a number, dropped ones too, so readers see a
 * gap where events were lost; events that get a slot take theirs under
 * the ring's lock, so they are sent in increasing order.
 */
static atomic64_t wt_audit_seq = ATOMIC64_INIT(0);
static bool wt_audit_ready;
static atomic64_t wt_audit_sent = ATOMIC64_INIT(0);
static atomic64_t wt_audit_dropped = ATOMIC64_INIT(0);

static unsigned int wt_audit_rate = 1000;
module_param_named(audit_rate, wt_audit_rate, uint, 0444);
MODULE_PARM_DESC(audit_rate, "audit events per second before events are dropped (set at load)");
static bool wt_audit_kernel = true;
module_param_named(audit_kernel, wt_audit_kernel, bool, 0644);
MODULE_PARM_DESC(audit_kernel, "also send audit events to the kernel audit subsystem (default on)");

static struct ratelimit_state wt_audit_rs;

/*
 * The generic netlink family events leave through, NULL while it is not
 * registered; the lock keeps it from going while the worker sends.
 */
static const struct genl_family *wt_audit_family;
static DEFINE_MUTEX(wt_audit_family_lock);

static void wt_audit_work_fn(struct work_struct *work);
static DECLARE_WORK(wt_audit_work, wt_audit_work_fn);

/* Take a free slot, or count a drop. Any context but NMI. */
static struct wt_audit_rec *wt_audit_reserve(u32 type)
{
	struct wt_audit_rec *rec = NULL;
	unsigned long flags;

	if (!READ_ONCE(wt_audit_ready))
		return NULL;
	if (!__ratelimit(&wt_audit_rs)) {
		atomic64_inc(&wt_audit_seq);
		atomic64_inc(&wt_audit_dropped);
		return NULL;
	}
	spin_lock_irqsave(&wt_audit_lock, flags);
	if (wt_audit_head - wt_audit_tail < WT_AUDIT_RING) {
		rec = &wt_audit_ring[wt_audit_head++ & (WT_AUDIT_RING - 1)];
		rec->state = WT_SLOT_FILLING;
		rec->seq = atomic64_inc_return(&wt_audit_seq);
	} else {
		atomic64_inc(&wt_audit_seq);
	}
	spin_unlock_irqrestore(&wt_audit_lock, flags);
	if (!rec) {
		atomic64_inc(&wt_audit_dropped);
		return NULL;
	}
	rec->type = type;
	rec->time = ktime_get_real_ns();
	/* In interrupt context "current" is whoever was interrupted. */
	rec->pid = in_task() ? task_tgid_nr(current) : 0;
	rec->tid = in_task() ? task_pid_nr(current) : 0;
	rec->level = 0;
	rec->desired = 0;
	rec->granted = 0;
	rec->err = 0;
	rec->privilege = 0;
	rec->logon_type = 0;
	rec->logon_id = 0;
	rec->token_id = 0;
	rec->has_object = false;
	rec->has_user = false;
	rec->has_client = false;
	rec->has_level = false;
	rec->op[0] = '\0';
	rec->path[0] = '\0';
	strscpy(rec->comm, in_task() ? current->comm : "", sizeof(rec->comm));
	return rec;
}

/*
 * The operation's name: spaces become underscores, so that the kernel
 * record's op=%s stays one key=value pair ("unix connect" is a log name).
 */
static void wt_audit_op(struct wt_audit_rec *rec, const char *op)
{
	char *p;

	strscpy(rec->op, op, sizeof(rec->op));
	for (p = rec->op; *p; p++)
		if (*p == ' ')
			*p = '_';
}

static void wt_audit_commit(struct wt_audit_rec *rec)
{
	/* Pairs with the worker's acquire: the contents before READY. */
	smp_store_release(&rec->state, WT_SLOT_READY);
	queue_work(system_unbound_wq, &wt_audit_work);
}

/* The object's name into @rec->path: the path, or the dentry's. */
static void wt_audit_path(struct wt_audit_rec *rec, const struct path *path,
			  const struct dentry *dentry)
{
	char *p = ERR_PTR(-EINVAL);

	if (path)
		p = d_path(path, rec->path, sizeof(rec->path));
	else if (dentry)
		p = dentry_path_raw(dentry, rec->path, sizeof(rec->path));
	if (IS_ERR(p)) {
		strscpy(rec->path, p == ERR_PTR(-ENAMETOOLONG) ? "(too long)" : "",
			sizeof(rec->path));
		return;
	}
	memmove(rec->path, p, strlen(p) + 1);
}

/* "unix @name" of an abstract socket, under its state lock. */
static void wt_audit_unix_name(struct wt_audit_rec *rec, const struct sock *sk)
{
	const struct unix_address *addr;
	int len, n, i;

	n = scnprintf(rec->path, sizeof(rec->path), "unix @");
	/* Bound with the address under the socket's state lock. */
	addr = smp_load_acquire(&unix_sk(sk)->addr);
	if (!addr)
		return;
	len = addr->len - (int)offsetof(struct sockaddr_un, sun_path) - 1;
	/* The name may hold any byte: stop at a NUL, as a C string. */
	for (i = 0; i < len && n + 1 < (int)sizeof(rec->path); i++) {
		char c = addr->name->sun_path[1 + i];

		if (!c)
			break;
		rec->path[n++] = c;
	}
	rec->path[n] = '\0';
}

/* Name any kind of object (see enum wt_audit_type in the uapi header). */
static void wt_audit_object_name(struct wt_audit_rec *rec,
				 const struct wt_audit_object *obj)
{
	if (!obj)
		return;
	if (obj->sk) {
		wt_audit_unix_name(rec, obj->sk);
		return;
	}
	if (obj->path || obj->dentry)
		wt_audit_path(rec, obj->path, obj->dentry);
	else if (obj->kind)
		scnprintf(rec->path, sizeof(rec->path), "%s %d", obj->kind,
			  obj->id);
	else if (obj->inode)
		scnprintf(rec->path, sizeof(rec->path), "inode %u:%lu",
			  obj->inode->i_sb->s_dev, obj->inode->i_ino);
}

/*
 * Raising an event takes two calls: one of the wt_audit_ev_*() below
 * takes a slot and fills in what the event is about, then
 * wt_audit_done() adds who raised it and commits it. The subject is
 * looked up between the two (token/token_audit.c) and only for an event
 * that got a slot, so a flood past the rate limit costs no lookup.
 */

/**
 * wt_audit_ev_object() - open an event about an operation on an object
 * @type: %WT_AUDIT_ACCESS_DENIED, %WT_AUDIT_SACL_SUCCESS,
 *	%WT_AUDIT_SACL_FAILURE or %WT_AUDIT_PRIVILEGE_USE
 * @op: the operation ("file_open", "ipc_permission", ...)
 * @obj: the object
 * @desired: the access mask asked for
 * @granted: the access mask granted
 * @err: the positive errno the caller gets, 0 for success
 * @luid: the privilege of a %WT_AUDIT_PRIVILEGE_USE
 *
 * Context: any but NMI; never sleeps.
 * Return: the event, for wt_audit_done(), or NULL when it was dropped.
 */
struct wt_audit_rec *wt_audit_ev_object(u32 type, const char *op,
					const struct wt_audit_object *obj,
					u32 desired, u32 granted, u32 err,
					u32 luid)
{
	struct wt_audit_rec *rec = wt_audit_reserve(type);

	if (!rec)
		return NULL;
	wt_audit_op(rec, op);
	rec->has_object = true;
	rec->desired = desired;
	rec->granted = granted;
	rec->err = err;
	rec->privilege = luid;
	wt_audit_object_name(rec, obj);
	return rec;
}

/**
 * wt_audit_ev_imp() - open an impersonation event
 * @event: what happened
 * @level: the level concerned
 *
 * Starts, reverts, caps and accesses refused for the level are recorded;
 * %WT_IMP_PEER is followed by its own start (or failure) and is not.
 *
 * Context: any but NMI; never sleeps.
 * Return: the event, for wt_audit_done(), or NULL when there is none.
 */
struct wt_audit_rec *wt_audit_ev_imp(enum wt_imp_event event, u32 level)
{
	struct wt_audit_rec *rec;
	u32 type;
	const char *op;

	switch (event) {
	case WT_IMP_STARTED:
		type = WT_AUDIT_IMP_START;
		op = "impersonate";
		break;
	case WT_IMP_REVERTED:
		type = WT_AUDIT_IMP_END;
		op = "revert";
		break;
	case WT_IMP_CAPPED:
		type = WT_AUDIT_IMP_REFUSED;
		op = "capped";
		break;
	case WT_IMP_LEVEL_DENIED:
		type = WT_AUDIT_IMP_REFUSED;
		op = "bad_level";
		break;
	default:
		return NULL;
	}
	rec = wt_audit_reserve(type);
	if (!rec)
		return NULL;
	wt_audit_op(rec, op);
	if (event == WT_IMP_LEVEL_DENIED)
		rec->err = WT_EBADIMPLEVEL;
	/* The level the event is about, not the one the thread has. */
	if (event != WT_IMP_REVERTED) {
		rec->level = level;
		rec->has_level = true;
	}
	return rec;
}

/**
 * wt_audit_ev_privilege() - open an event about an operation a privilege
 *	made possible, on no object
 * @op: the operation
 * @luid: the privilege (WT_SE_*_PRIVILEGE)
 *
 * Context: any but NMI; never sleeps.
 * Return: the event, for wt_audit_done(), or NULL when it was dropped.
 */
struct wt_audit_rec *wt_audit_ev_privilege(const char *op, u32 luid)
{
	struct wt_audit_rec *rec = wt_audit_reserve(WT_AUDIT_PRIVILEGE_USE);

	if (!rec)
		return NULL;
	wt_audit_op(rec, op);
	rec->privilege = luid;
	return rec;
}

/**
 * wt_audit_ev_token() - open an event about a token made on request
 * @op: "create", "restrict" or "duplicate"
 * @token_id: the new token's id
 * @logon_id: its logon session
 * @user: its user
 *
 * Context: any but NMI; never sleeps.
 * Return: the event, for wt_audit_done(), or NULL when it was dropped.
 */
struct wt_audit_rec *wt_audit_ev_token(const char *op, u64 token_id,
				       u64 logon_id, const struct wt_sid *user)
{
	struct wt_audit_rec *rec = wt_audit_reserve(WT_AUDIT_TOKEN_CREATED);

	if (!rec)
		return NULL;
	wt_audit_op(rec, op);
	rec->token_id = token_id;
	rec->logon_id = logon_id;
	rec->token_user = *user;
	return rec;
}

/**
 * wt_audit_done() - name who raised an event, and commit it
 * @rec: the event, from a wt_audit_ev_*() call
 * @who: who raised it
 *
 * An event that names a level of its own keeps it; any other takes the
 * level of the client the thread impersonates.
 *
 * Context: any but NMI; never sleeps.
 */
void wt_audit_done(struct wt_audit_rec *rec, const struct wt_audit_subject *who)
{
	if (who->has_user) {
		rec->user = who->user;
		rec->has_user = true;
	}
	if (who->has_client) {
		rec->client = who->client;
		rec->has_client = true;
		if (!rec->has_level) {
			rec->level = who->level;
			rec->has_level = true;
		}
	}
	wt_audit_commit(rec);
}

/**
 * wt_audit_logon() - record the start or end of a logon session
 * @logon: true for a logon, false for a logoff
 * @luid: the session
 * @type: its logon type
 * @user: its user
 *
 * The subject is the session's user, not the calling thread's token: a
 * logon happens while that token is being derived, so looking it up here
 * would recurse into the derivation.
 *
 * Context: any but NMI (logoffs come from RCU callbacks); never sleeps.
 */
void wt_audit_logon(bool logon, u64 luid, u32 type, const struct wt_sid *user)
{
	struct wt_audit_rec *rec;

	rec = wt_audit_reserve(logon ? WT_AUDIT_LOGON : WT_AUDIT_LOGOFF);
	if (!rec)
		return;
	strscpy(rec->op, logon ? "logon" : (type & WT_LOGON_EXPIRED) ?
		"expired" : "logoff", sizeof(rec->op));
	type &= ~WT_LOGON_EXPIRED;
	rec->logon_id = luid;
	rec->logon_type = type;
	rec->user = *user;
	rec->has_user = true;
	wt_audit_commit(rec);
}

/* ---- the worker: netlink and the kernel audit log ---- */

static int wt_audit_put_sid(struct sk_buff *skb, int attr,
			    const struct wt_sid *sid)
{
	return nla_put(skb, attr, wt_sid_size(sid), sid);
}

/* Is anyone in the group "audit" of @family? */
static bool wt_audit_listeners(const struct genl_family *family)
{
#ifdef WT_HAVE_GENL_MCAST_CAP
	return family && genl_has_listeners(family, &init_net, 0);
#else
	return false;	/* no group offered: see features.mk */
#endif
}

/* @rec as a message of @family; NULL when it had to be dropped. */
static struct sk_buff *wt_audit_msg(const struct genl_family *family,
				    const struct wt_audit_rec *rec)
{
	struct sk_buff *skb;
	void *hdr;

	skb = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!skb)
		return NULL;
	hdr = genlmsg_put(skb, 0, 0, family, 0, WT_CMD_AUDIT_EVENT);
	if (!hdr)
		goto drop_skb;
	if (nla_put_u32(skb, WT_A_EV_TYPE, rec->type) ||
	    nla_put_u64_64bit(skb, WT_A_EV_SEQ, rec->seq, WT_A_PAD) ||
	    nla_put_u64_64bit(skb, WT_A_EV_TIME, rec->time, WT_A_PAD) ||
	    nla_put_u32(skb, WT_A_EV_PID, rec->pid) ||
	    nla_put_u32(skb, WT_A_EV_TID, rec->tid) ||
	    nla_put_string(skb, WT_A_EV_COMM, rec->comm) ||
	    nla_put_string(skb, WT_A_EV_OP, rec->op) ||
	    nla_put_u32(skb, WT_A_EV_ERRNO, rec->err))
		goto drop_skb;
	if (rec->has_user && wt_audit_put_sid(skb, WT_A_EV_USER_SID, &rec->user))
		goto drop_skb;
	if (rec->has_client &&
	    wt_audit_put_sid(skb, WT_A_EV_CLIENT_SID, &rec->client))
		goto drop_skb;
	if (rec->has_level && nla_put_u32(skb, WT_A_EV_LEVEL, rec->level))
		goto drop_skb;
	if (rec->has_object &&
	    (nla_put_string(skb, WT_A_EV_PATH, rec->path) ||
	     nla_put_u32(skb, WT_A_EV_DESIRED, rec->desired) ||
	     nla_put_u32(skb, WT_A_EV_GRANTED, rec->granted)))
		goto drop_skb;
	if (rec->type == WT_AUDIT_PRIVILEGE_USE &&
	    nla_put_u32(skb, WT_A_EV_PRIVILEGE, rec->privilege))
		goto drop_skb;
	if ((rec->type == WT_AUDIT_LOGON || rec->type == WT_AUDIT_LOGOFF) &&
	    (nla_put_u64_64bit(skb, WT_A_EV_LOGON_ID, rec->logon_id, WT_A_PAD) ||
	     nla_put_u32(skb, WT_A_EV_LOGON_TYPE, rec->logon_type)))
		goto drop_skb;
	if (rec->type == WT_AUDIT_TOKEN_CREATED &&
	    (wt_audit_put_sid(skb, WT_A_EV_TOKEN_USER, &rec->token_user) ||
	     nla_put_u64_64bit(skb, WT_A_EV_TOKEN_ID, rec->token_id, WT_A_PAD) ||
	     nla_put_u64_64bit(skb, WT_A_EV_LOGON_ID, rec->logon_id, WT_A_PAD)))
		goto drop_skb;
	genlmsg_end(skb, hdr);
	return skb;
drop_skb:
	nlmsg_free(skb);
	return NULL;
}

/*
 * Send @rec to the group "audit"; false when it had to be dropped. The
 * family cannot be unregistered while the lock is held.
 */
static bool wt_audit_netlink(const struct wt_audit_rec *rec)
{
	struct sk_buff *skb;
	bool sent = true;

	mutex_lock(&wt_audit_family_lock);
	if (wt_audit_listeners(wt_audit_family)) {
		skb = wt_audit_msg(wt_audit_family, rec);
		if (skb)
			genlmsg_multicast(wt_audit_family, skb, 0, 0, GFP_KERNEL);
		else
			sent = false;
	}
	mutex_unlock(&wt_audit_family_lock);
	return sent;
}

static const char *wt_audit_type_name(u32 type)
{
	static const char * const names[] = WT_AUDIT_TYPE_NAMES;

	return type < ARRAY_SIZE(names) && names[type] ? names[type] : "unknown";
}

/*
 * Log @key=@str as the audit subsystem logs untrusted strings (its helper
 * is not exported): in quotes when plain, else as upper-case hex. Only
 * the worker calls this, one at a time, so one static buffer will do.
 */
static void wt_audit_log_str(struct audit_buffer *ab, const char *key,
			     const char *str)
{
	static char hex[2 * WT_AUDIT_PATH_MAX + 1];
	const unsigned char *p;
	size_t n = 0;

	for (p = str; *p; p++)
		if (*p == '"' || *p < 0x21 || *p > 0x7e)
			break;
	if (!*p) {
		audit_log_format(ab, " %s=\"%s\"", key, str);
		return;
	}
	for (p = str; *p && n + 2 < sizeof(hex); p++)
		n += scnprintf(hex + n, sizeof(hex) - n, "%02X", *p);
	audit_log_format(ab, " %s=%s", key, hex);
}

/* One AUDIT_KERNEL_OTHER record, in the key=value form ausearch reads. */
static void wt_audit_kernel_log(const struct wt_audit_rec *rec)
{
	char sid[WT_SID_STRING_MAX];
	struct audit_buffer *ab;

	if (!READ_ONCE(wt_audit_kernel) || !audit_enabled)
		return;
	/* Never wait for the audit backlog: a full one loses the record. */
	ab = audit_log_start(NULL, GFP_NOWAIT | __GFP_NOWARN, AUDIT_KERNEL_OTHER);
	if (!ab)
		return;
	audit_log_format(ab, "wintok=%s seq=%llu pid=%u tid=%u op=%s",
			 wt_audit_type_name(rec->type), rec->seq, rec->pid,
			 rec->tid, rec->op);
	if (rec->has_user && wt_sid_to_string(&rec->user, sid, sizeof(sid)) >= 0)
		audit_log_format(ab, " user_sid=%s", sid);
	if (rec->has_client &&
	    wt_sid_to_string(&rec->client, sid, sizeof(sid)) >= 0)
		audit_log_format(ab, " client_sid=%s", sid);
	if (rec->has_level)
		audit_log_format(ab, " level=%u", rec->level);
	if (rec->has_object) {
		audit_log_format(ab, " desired=0x%x granted=0x%x",
				 rec->desired, rec->granted);
		wt_audit_log_str(ab, "path", rec->path);
	}
	if (rec->type == WT_AUDIT_PRIVILEGE_USE)
		audit_log_format(ab, " privilege=%s",
				 wt_privilege_name(rec->privilege) ?: "?");
	if (rec->type == WT_AUDIT_LOGON || rec->type == WT_AUDIT_LOGOFF)
		audit_log_format(ab, " logon_id=0x%llx logon_type=%u",
				 rec->logon_id, rec->logon_type);
	if (rec->type == WT_AUDIT_TOKEN_CREATED) {
		if (wt_sid_to_string(&rec->token_user, sid, sizeof(sid)) >= 0)
			audit_log_format(ab, " token_sid=%s", sid);
		audit_log_format(ab, " token_id=0x%llx logon_id=0x%llx",
				 rec->token_id, rec->logon_id);
	}
	audit_log_format(ab, " res=%d", rec->err ? 0 : 1);
	wt_audit_log_str(ab, "comm", rec->comm);
	audit_log_end(ab);
}

static void wt_audit_work_fn(struct work_struct *work)
{
	struct wt_audit_rec *rec;
	unsigned long flags;

	for (;;) {
		spin_lock_irqsave(&wt_audit_lock, flags);
		rec = NULL;
		if (wt_audit_tail != wt_audit_head) {
			rec = &wt_audit_ring[wt_audit_tail & (WT_AUDIT_RING - 1)];
			/* Pairs with wt_audit_commit(): READY, then contents. */
			if (smp_load_acquire(&rec->state) != WT_SLOT_READY)
				rec = NULL;	/* its committer queues us again */
		}
		spin_unlock_irqrestore(&wt_audit_lock, flags);
		if (!rec)
			break;
		wt_audit_kernel_log(rec);
		if (wt_audit_netlink(rec))
			atomic64_inc(&wt_audit_sent);
		else
			atomic64_inc(&wt_audit_dropped);
		spin_lock_irqsave(&wt_audit_lock, flags);
		rec->state = WT_SLOT_FREE;
		wt_audit_tail++;
		spin_unlock_irqrestore(&wt_audit_lock, flags);
		cond_resched();
	}
}

/**
 * wt_audit_stats() - events sent and dropped since load
 * @sent: out: events the worker sent (to the group, when it has members,
 *	and to the audit log)
 * @dropped: out: events lost to the rate limit, a full ring or no memory
 *	for the netlink message
 *
 * Every event raised is counted in exactly one of the two once the
 * worker is done with it.
 */
void wt_audit_stats(u64 *sent, u64 *dropped)
{
	*sent = atomic64_read(&wt_audit_sent);
	*dropped = atomic64_read(&wt_audit_dropped);
}

/**
 * wt_audit_attach() - events leave through @family from now on
 * @family: the generic netlink family, registered, with the group "audit"
 *
 * Called by iface/netlink.c once it registered the family: the trail
 * sits below it and cannot name it.
 */
void wt_audit_attach(const struct genl_family *family)
{
	mutex_lock(&wt_audit_family_lock);
	wt_audit_family = family;
	mutex_unlock(&wt_audit_family_lock);
}

/**
 * wt_audit_detach() - events no longer leave through the family
 *
 * Called before the family is unregistered: after it returns no event
 * is being sent through it.
 */
void wt_audit_detach(void)
{
	mutex_lock(&wt_audit_family_lock);
	wt_audit_family = NULL;
	mutex_unlock(&wt_audit_family_lock);
}

/**
 * wt_audit_init() - allocate the ring; events flow from now on
 *
 * Return: 0 or -ENOMEM.
 */
int wt_audit_init(void)
{
	wt_audit_ring = kvcalloc(WT_AUDIT_RING, sizeof(*wt_audit_ring),
				 GFP_KERNEL);
	if (!wt_audit_ring)
		return -ENOMEM;
	ratelimit_state_init(&wt_audit_rs, HZ, max(wt_audit_rate, 1U));
	ratelimit_set_flags(&wt_audit_rs, RATELIMIT_MSG_ON_RELEASE);
	WRITE_ONCE(wt_audit_ready, true);
	return 0;
}

/**
 * wt_audit_exit() - stop events and free the ring
 *
 * Called when no hook and no ioctl can raise an event any more (all hooks
 * removed, the device gone), so no slot is being filled.
 */
void wt_audit_exit(void)
{
	WRITE_ONCE(wt_audit_ready, false);
	flush_work(&wt_audit_work);
	cancel_work_sync(&wt_audit_work);
	kvfree(wt_audit_ring);
	wt_audit_ring = NULL;
}
