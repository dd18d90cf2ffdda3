// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - a primary token assignment deferred to the next execve()
 * (%WT_ASSIGN_PRIMARY_AT_EXEC of %WT_IOC_ASSIGN_PRIMARY_TOKEN).
 *
 * login and sshd open the PAM session in a privileged parent, then fork a
 * child that drops root with setgid()/initgroups()/setuid() and execs the
 * user's shell. The session's token cannot be assigned in the parent
 * (which must stay root) nor by PAM in the child (which never runs PAM
 * code). So the parent leaves it *pending* on its credentials:
 *
 * - a pending token is kept in a map keyed by the cred, beside the cred's
 *   primary token (token_cred.c), copied with every prepare_creds() and
 *   transfer_creds() (a fork, a setuid(), an exec inherit it), dropped
 *   with the cred. It is nobody's token: no handle or query reaches it.
 * - security_bprm_creds_from_file(), after the set-id bits were applied
 *   and before the capabilities are computed, is the last point where an
 *   exec may still fail: when the new credentials' real uid is the uid
 *   the token maps to, the program gets a copy of the token, the token's
 *   ids and the capability rule of the immediate assignment, and the
 *   pending token is dropped from its credentials. Any other real uid
 *   keeps it pending. Anything that cannot be done fails the exec.
 *
 * Design: Documentation/design/tokens.rst ("Assigning a primary token at
 * the next exec").
 */
#include <linux/binfmts.h>
#include <linux/cred.h>
#include <linux/err.h>
#include <linux/highuid.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/security.h>
#include <linux/slab.h>

#include "wintok.h"
#include "objmap.h"
#include "token.h"
#include "token_ops.h"
#include "token_pending.h"
#include "idmap.h"

/**
 * struct wt_pending - the token a cred's next matching exec assigns
 * @node: map linkage, keyed by the cred
 * @token: the token, not derived (one reference)
 * @uid: the uid @token mapped to when it was left pending
 * @rcu: frees the entry after readers are done
 */
struct wt_pending {
	struct wt_objmap_node node;
	struct wt_token *token;
	kuid_t uid;
	struct rcu_head rcu;
};

/* cred_free runs in softirq: irqsafe. One entry per cred that has one. */
WT_OBJMAP_DEFINE_SHARED(wt_pending_map, 8, 6, 0, WT_OBJMAP_IRQSAFE);

static void wt_pending_free_rcu(struct rcu_head *head)
{
	kfree(container_of(head, struct wt_pending, rcu));
}

static void wt_pending_release(struct wt_pending *p)
{
	wt_token_put(p->token);
	module_put(THIS_MODULE);
	call_rcu(&p->rcu, wt_pending_free_rcu);
}

static struct wt_pending *wt_pending_find(const struct cred *cred)
{
	struct wt_objmap_node *n = wt_objmap_first(&wt_pending_map, cred);

	return n ? container_of(n, struct wt_pending, node) : NULL;
}

/*
 * Make @p (may be NULL: none) the pending entry of @cred, replacing any
 * (a stale one: the address of a freed cred).
 */
static void wt_pending_put_entry(const struct cred *cred, struct wt_pending *p)
{
	struct wt_pending *old;
	unsigned long flags;

	wt_objmap_lock(&wt_pending_map, cred, &flags);
	old = wt_pending_find(cred);
	if (old)
		wt_objmap_del(&wt_pending_map, &old->node);
	if (p)
		wt_objmap_add_unbounded(&wt_pending_map, &p->node, cred);
	wt_objmap_unlock(&wt_pending_map, cred, flags);
	if (old)
		wt_pending_release(old);
}

static struct wt_pending *wt_pending_new(struct wt_token *tok, kuid_t uid,
					 gfp_t gfp)
{
	struct wt_pending *p = kmalloc(sizeof(*p), gfp);

	if (!p)
		return NULL;
	p->token = wt_token_get(tok);
	p->uid = uid;
	/* After a reload the exec would run with a derived token. */
	__module_get(THIS_MODULE);
	return p;
}

/* The pending token of @cred with a reference, and its uid; or NULL. */
static struct wt_token *wt_pending_get(const struct cred *cred, kuid_t *uid)
{
	struct wt_token *tok = NULL;
	struct wt_pending *p;

	rcu_read_lock();
	p = wt_pending_find(cred);
	if (p) {
		/* An entry being released may have dropped its reference. */
		tok = wt_token_tryget(p->token);
		*uid = p->uid;
	}
	rcu_read_unlock();
	return tok;
}

/**
 * __wt_pending_copy() - give credentials being prepared the pending token
 * @new: from prepare_creds() or a blank cred being filled
 * @old: the committed cred @new is made from
 * @gfp: allocation flags (the credential hooks are atomic)
 *
 * The out-of-line part of wt_pending_copy(), for when some cred has a
 * pending token. Fail closed: without memory the new credentials are
 * refused, never made without the assignment their owner asked for.
 *
 * Return: 0 or -ENOMEM.
 */
int __wt_pending_copy(struct cred *new, const struct cred *old, gfp_t gfp)
{
	struct wt_pending *p = NULL;
	struct wt_token *tok;
	kuid_t uid;

	tok = wt_pending_get(old, &uid);
	if (tok) {
		p = wt_pending_new(tok, uid, gfp);
		wt_token_put(tok);
		if (!p)
			return -ENOMEM;
	}
	wt_pending_put_entry(new, p);
	return 0;
}

/**
 * __wt_pending_forget() - drop the pending token of @cred, if any
 * @cred: a cred being freed, or a blank one
 *
 * The out-of-line part of wt_pending_forget().
 *
 * Context: any but NMI; never sleeps.
 */
void __wt_pending_forget(const struct cred *cred)
{
	wt_pending_put_entry(cred, NULL);
}

/**
 * wt_pending_set() - leave @tok pending on the caller's credentials
 * @tok: a token that is not derived, the caller's reference moves (it is
 *	dropped on failure); NULL cancels the pending assignment
 *
 * The caller checked the handle, the privilege and wt_assign_busy().
 *
 * Return: 0, -EINVAL (the token's user has no Linux uid) or -ENOMEM.
 */
int wt_pending_set(struct wt_token *tok)
{
	struct wt_pending *p = NULL;
	struct group_info *gi;
	struct cred *new;
	kuid_t uid;
	kgid_t gid;
	bool caps;
	int err;

	if (tok) {
		err = wt_token_linux_ids(tok, &uid, &gid, &gi, &caps);
		if (err)
			goto out;
		put_group_info(gi);
		err = -EINVAL;
		if (uid_eq(uid, make_kuid(&init_user_ns, overflowuid)))
			goto out;
		err = -ENOMEM;
		p = wt_pending_new(tok, uid, GFP_KERNEL);
		if (!p)
			goto out;
	}
	err = -ENOMEM;
	new = prepare_creds();
	if (!new) {
		if (p)
			wt_pending_release(p);
		goto out;
	}
	wt_pending_put_entry(new, p);
	err = commit_creds(new);
out:
	if (tok)
		wt_token_put(tok);
	return err;
}

/*
 * The exec of a process carrying a pending token. Runs after
 * bprm_fill_uid() (set-id bits) and before the capability code: the ids
 * set here are those the capabilities are computed from. Refused with
 * -EPERM: a set-id program (its owner would run with the token), a token
 * that no longer maps to the real uid (the id map changed), a uid 0
 * token that may not carry capabilities (the capability code would give
 * root's from the old bounding set). The pending token stays on the
 * failed exec's credentials, which the caller keeps.
 */
int wt_hook_bprm_creds_from_file(struct linux_binprm *bprm,
				 const struct file *file)
{
	const struct cred *old = current_cred();
	struct cred *new = bprm->cred;
	struct wt_token *pend, *tok;
	bool sandbox;
	kuid_t puid;
	int err;

	if (!wt_objmap_count(&wt_pending_map))
		return 0;
	pend = wt_pending_get(new, &puid);
	if (!pend || !uid_eq(new->uid, puid))
		goto keep;
	err = -EPERM;
	if (!uid_eq(new->euid, old->euid) || !gid_eq(new->egid, old->egid))
		goto out;
	/* Each process gets its own copy, as a fork gives. */
	tok = wt_token_duplicate(pend, GFP_KERNEL);
	if (IS_ERR(tok)) {
		err = PTR_ERR(tok);
		goto out;
	}
	tok->flags &= ~WT_TOKF_DERIVED;
	rcu_read_lock();
	sandbox = wt_token_is_sandbox(&wt_token_state(tok)->view);
	rcu_read_unlock();
	err = wt_cred_give_token(new, tok, true);
	if (err)
		goto out;
	wt_pending_put_entry(new, NULL);
	/* As wt_exec_sandbox() (cred_limits.c) for a sandbox's exec. */
	if (sandbox) {
		task_set_no_new_privs(current);
		bprm->unsafe |= LSM_UNSAFE_NO_NEW_PRIVS;
	}
out:
	wt_token_put(pend);
	return err;
keep:
	wt_token_put(pend);
	return 0;
}

/**
 * wt_pending_init() - prepare the map, before the hooks that use it
 *
 * The exec hook is in cred_limits.c's table: one table less to detach
 * (each costs RCU-tasks grace periods at unload).
 */
void wt_pending_init(void)
{
	wt_objmap_init(&wt_pending_map);
}

static void wt_pending_node_release(struct wt_objmap_node *n)
{
	wt_pending_release(container_of(n, struct wt_pending, node));
}

/**
 * wt_pending_exit() - drop what is left, after the exec hook is gone
 *
 * Entries pin the module: only a failed load can leave some.
 */
void wt_pending_exit(void)
{
	wt_objmap_drain(&wt_pending_map, wt_pending_node_release);
	rcu_barrier();
}
