// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - the credential -> token map.
 *
 * A loadable module cannot grow cred->security, so the primary token of a
 * struct cred lives in an object map (module/lib/objmap.h) keyed by the
 * cred's address:
 *
 * The hooks that make, copy and drop entries are in cred_hooks.c, but for
 * the two every credential change runs (prepare_creds, cred_free): here.
 *
 * An entry may also carry an impersonation (module/impersonate.c): the
 * impersonation token and the credentials the thread had before it began
 * impersonating ("saved"), both referenced by the entry and copied (with
 * new references) by prepare_creds. Such an entry is "checked" from the
 * start: its cred's ids are the client's, not those its primary token
 * was derived from, and must not cause a re-derivation. While any entry
 * holds an impersonation the module holds a reference to itself, so it
 * cannot be unloaded under a thread that has yet to revert.
 *
 * Lookups (wt_cred_token()) walk a bucket under rcu_read_lock(). Writers
 * take the bucket's lock with interrupts disabled, the map being irqsafe
 * (cred_free runs in softirq context, sometimes directly from
 * put_cred()). An entry made by prepare_creds is "unchecked": the caller
 * of prepare_creds may still change the new cred's ids (setuid(),
 * setgroups(), a setuid exec) before committing it. The first lookup of
 * the committed cred compares its ids with those the token was derived
 * from and re-derives on a mismatch; later lookups are a hash probe.
 * Lookups must therefore only be done on committed credentials
 * (current_cred(), a task's creds, file->f_cred), which never change
 * again.
 */
#include <linux/binfmts.h>
#include <linux/cred.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/rculist.h>
#include <linux/security.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/sysfs.h>

#include "wintok.h"
#include "hook.h"
#include "token.h"
#include "idmap.h"
#include "process_access.h"
#include "cred_limits.h"
#include "objmap.h"
#include "token_pending.h"
#include "cred_map.h"

/**
 * struct wt_cred_entry - the token of one struct cred
 * @node: map linkage, keyed by the cred (never dereferenced by the map)
 * @token: the primary token (one reference held by the entry); NULL in
 *	the entry of a blank cred until security_transfer_creds() fills it
 * @checked: @cred's ids were compared with @token's since the entry was
 *	made (or @token was derived from this very cred)
 * @imp: the impersonation token (one reference), or NULL; set only while
 *	@cred is being prepared, then constant
 * @saved: with @imp: the credentials to restore on revert (one reference)
 * @pinned: @token is not derived from Linux ids (assigned, created,
 *	restricted): the entry holds a module reference, because after an
 *	unload and reload @cred would get a derived token instead, which may
 *	grant more than the one it had
 * @rcu: frees the entry after readers are done
 */
struct wt_cred_entry {
	struct wt_objmap_node node;
	struct wt_token __rcu *token;
	bool checked;
	struct wt_token *imp;
	const struct cred *saved;
	bool pinned;
	struct rcu_head rcu;
};

/*
 * cred_free runs in softirq: irqsafe. No bound of its own: one entry per
 * live cred, and a refusal would fail the cred (fail closed) anyway.
 */
WT_OBJMAP_DEFINE(wt_cred_map, 12, 8, 0, WT_OBJMAP_IRQSAFE);
static struct kmem_cache *wt_cred_cache;
static atomic_long_t wt_cred_alloc_failures = ATOMIC_LONG_INIT(0);
/* Entries holding an impersonation: lets hooks skip the lookup when 0. */
atomic_long_t wt_cred_imp_count = ATOMIC_LONG_INIT(0);

/* Under rcu_read_lock() or the bucket's lock. */
static struct wt_cred_entry *wt_cred_find(const struct cred *cred)
{
	struct wt_objmap_node *n = wt_objmap_first(&wt_cred_map, cred);

	return n ? container_of(n, struct wt_cred_entry, node) : NULL;
}

static void wt_cred_entry_free_rcu(struct rcu_head *head)
{
	kmem_cache_free(wt_cred_cache, container_of(head, struct wt_cred_entry, rcu));
}

/* Unlink @e (bucket lock held); the caller drops the token and the entry. */
static struct wt_token *wt_cred_unlink(struct wt_cred_entry *e)
{
	wt_objmap_del(&wt_cred_map, &e->node);
	return rcu_dereference_protected(e->token, 1);
}

/* Drop what an entry's impersonation holds. Never sleeps. */
static void wt_cred_imp_release(struct wt_token *imp, const struct cred *saved)
{
	if (!imp)
		return;
	wt_token_put(imp);
	put_cred(saved);
	atomic_long_dec(&wt_cred_imp_count);
	module_put(THIS_MODULE);
}

/*
 * Whether an entry holding @tok pins the module. Fixed for the entry's
 * life: re-derivation only replaces derived tokens, and a process's own
 * copy keeps the flags of what it copies.
 */
static void wt_cred_pin(struct wt_cred_entry *e, const struct wt_token *tok)
{
	e->pinned = tok && !(tok->flags & WT_TOKF_DERIVED);
	if (e->pinned)
		__module_get(THIS_MODULE);
}

static void wt_cred_unpin(struct wt_cred_entry *e)
{
	if (e->pinned)
		module_put(THIS_MODULE);
}

static void wt_cred_entry_release(struct wt_cred_entry *e, struct wt_token *tok)
{
	wt_token_put(tok);
	wt_cred_unpin(e);
	wt_cred_imp_release(e->imp, e->saved);
	call_rcu(&e->rcu, wt_cred_entry_free_rcu);
}

/* Give @e (not yet linked) a copy of an impersonation. */
static void wt_cred_imp_copy(struct wt_cred_entry *e, struct wt_token *imp,
			     const struct cred *saved)
{
	e->imp = imp ? wt_token_get(imp) : NULL;
	e->saved = imp ? get_cred(saved) : NULL;
	if (imp) {
		__module_get(THIS_MODULE);
		atomic_long_inc(&wt_cred_imp_count);
		e->checked = true;
	}
}

/*
 * Attach @tok (the caller's reference moves to the map) to @cred, with
 * a copy of the impersonation @imp/@saved when @imp is not NULL. With
 * @replace, an existing entry for @cred is a stale one (its free was
 * missed, the address was reused) and is replaced; without, an existing
 * entry wins, and its token is returned with a new reference instead of
 * @tok (whose reference is dropped).
 *
 * Return: the token now attached (referenced for the caller when
 * !@replace), or ERR_PTR(-ENOMEM) (then @tok's reference was dropped).
 */
struct wt_token *wt_cred_attach_imp(const struct cred *cred,
				    struct wt_token *tok, bool checked,
				    bool replace, struct wt_token *imp,
				    const struct cred *saved, gfp_t gfp)
{
	struct wt_cred_entry *e, *old;
	struct wt_token *old_tok = NULL, *ret = NULL;
	unsigned long flags;

	e = kmem_cache_alloc(wt_cred_cache, gfp);
	if (!e) {
		atomic_long_inc(&wt_cred_alloc_failures);
		wt_token_put(tok);
		return ERR_PTR(-ENOMEM);
	}
	e->checked = checked;
	RCU_INIT_POINTER(e->token, tok);
	wt_cred_pin(e, tok);
	wt_cred_imp_copy(e, imp, saved);

	wt_objmap_lock(&wt_cred_map, cred, &flags);
	old = wt_cred_find(cred);
	if (old && !replace) {
		struct wt_token *cur = rcu_dereference_protected(old->token, 1);

		ret = cur ? wt_token_tryget(cur) : NULL;
		wt_objmap_unlock(&wt_cred_map, cred, flags);
		wt_cred_unpin(e);
		wt_cred_imp_release(e->imp, e->saved);
		kmem_cache_free(wt_cred_cache, e);
		wt_token_put(tok);
		/* A blank entry: @cred may not get a token it cannot prove. */
		if (!cur)
			return ERR_PTR(-EACCES);
		/* A token in the map always has the map's reference. */
		return WARN_ON_ONCE(!ret) ? ERR_PTR(-ENOMEM) : ret;
	}
	if (old)
		old_tok = wt_cred_unlink(old);
	wt_objmap_add_unbounded(&wt_cred_map, &e->node, cred);
	if (!replace)
		ret = wt_token_get(tok);
	wt_objmap_unlock(&wt_cred_map, cred, flags);
	if (old)
		wt_cred_entry_release(old, old_tok);
	return replace ? tok : ret;
}

/*
 * The entry of @cred is unchecked and holds @cur (referenced by the
 * caller). Check the ids; re-derive when they no longer match.
 *
 * Return: the token to use, referenced, or an ERR_PTR; @cur's reference
 * is consumed.
 */
static struct wt_token *wt_cred_check(const struct cred *cred,
				      struct wt_token *cur, gfp_t gfp)
{
	struct wt_token *fresh = NULL, *dropped = NULL;
	struct wt_cred_entry *e;
	unsigned long flags;
	bool blank = false;

	if (!wt_token_matches_cred(cur, cred)) {
		/* A lowered integrity level survives the id change. */
		fresh = wt_token_derive_capped(cred, cur->auth_id,
					       wt_token_derived_cap(cur), gfp);
		if (IS_ERR(fresh)) {
			wt_token_put(cur);
			return fresh;
		}
	}

	wt_objmap_lock(&wt_cred_map, cred, &flags);
	e = wt_cred_find(cred);
	if (e && rcu_dereference_protected(e->token, 1) == cur) {
		if (fresh) {
			/*
			 * @fresh's reference moves into the map; the map's
			 * reference to @cur and ours go after the unlock.
			 */
			rcu_assign_pointer(e->token, fresh);
			dropped = cur;
			cur = wt_token_get(fresh);
			fresh = NULL;
		}
		WRITE_ONCE(e->checked, true);
	} else if (e) {
		/* Someone else checked first: use their result. */
		struct wt_token *now = rcu_dereference_protected(e->token, 1);

		wt_token_put(cur);
		cur = now ? wt_token_tryget(now) : NULL;
		blank = !now;
	}
	wt_objmap_unlock(&wt_cred_map, cred, flags);
	if (dropped) {
		wt_token_put(dropped);	/* the map's */
		wt_token_put(dropped);	/* the caller's */
	}
	if (fresh) {
		if (!e) {
			/* The cred lost its entry meanwhile (freed?): no map. */
			wt_token_put(cur);
			return fresh;
		}
		wt_token_put(fresh);
	}
	/* A blank entry has no token to prove (see wt_cred_token()). */
	return cur ? cur : ERR_PTR(blank ? -EACCES : -ENOMEM);
}

/**
 * wt_cred_token() - the primary token of a committed credential
 * @cred: a committed (never again modified) cred, e.g. current_cred()
 * @gfp: allocation flags for a first derivation (GFP_KERNEL in process
 *	context, GFP_ATOMIC from atomic hooks)
 *
 * A cred without an entry (made before the module was loaded: every cred
 * made since has one, or was never created) gets a derived token now; a
 * derived token whose ids no longer match the cred's is re-derived. A
 * blank entry (see wt_hook_cred_alloc_blank()) is never derived: the
 * task may have had a more restricted token than its ids give.
 *
 * Return: the token with a reference for the caller, or ERR_PTR(-ENOMEM),
 * ERR_PTR(-E2BIG) or ERR_PTR(-EACCES) (a blank cred nobody filled).
 * Callers must fail closed on error.
 */
struct wt_token *wt_cred_token(const struct cred *cred, gfp_t gfp)
{
	struct wt_cred_entry *e;
	struct wt_token *tok = NULL, *cur;
	bool checked = false;

	rcu_read_lock();
	e = wt_cred_find(cred);
	if (e) {
		checked = READ_ONCE(e->checked);
		cur = rcu_dereference(e->token);
		if (!cur) {
			rcu_read_unlock();
			return ERR_PTR(-EACCES);
		}
		tok = wt_token_tryget(cur);
	}
	rcu_read_unlock();
	if (tok && checked)
		return tok;
	if (tok)
		return wt_cred_check(cred, tok, gfp);

	tok = wt_token_derive(cred, 0, gfp);
	if (IS_ERR(tok))
		return tok;
	return wt_cred_attach(cred, tok, true, false, gfp);
}

/* ---- impersonation (see module/impersonate.c) ---- */

/**
 * wt_cred_impersonation() - the impersonation a credential carries
 * @cred: a live cred: committed, or being prepared by the caller
 * @imp: out: the impersonation token with a reference, or NULL
 * @saved: out: with @imp, the credentials to restore, with a reference;
 *	else NULL
 *
 * Context: any but NMI; never sleeps.
 */
void wt_cred_impersonation(const struct cred *cred, struct wt_token **imp,
			   const struct cred **saved)
{
	struct wt_cred_entry *e;

	*imp = NULL;
	*saved = NULL;
	if (!wt_cred_impersonating())
		return;
	rcu_read_lock();
	e = wt_cred_find(cred);
	/* A live cred's entry keeps its impersonation until it is freed. */
	if (e && READ_ONCE(e->imp)) {
		*imp = wt_token_get(e->imp);
		*saved = get_cred(e->saved);
	}
	rcu_read_unlock();
}

/**
 * wt_cred_self_token() - the primary token a thread acts for itself with
 * @cred: the thread's live cred
 * @gfp: allocation flags, as for wt_cred_token()
 * @saved: out: the credentials of the thread itself, referenced: those
 *	revert restores when @cred impersonates, else @cred
 * @imp: out: the impersonation token of @cred, referenced, or NULL
 *
 * wt_cred_impersonation() and wt_cred_token() of *@saved in one probe of
 * the map when @cred does not impersonate and its entry is checked, the
 * common case; otherwise as those two calls.
 *
 * Return: the primary token of *@saved, referenced, or an ERR_PTR (see
 * wt_cred_token()); *@saved and *@imp are set either way.
 */
struct wt_token *wt_cred_self_token(const struct cred *cred, gfp_t gfp,
				    const struct cred **saved,
				    struct wt_token **imp)
{
	struct wt_token *tok = NULL, *cur;
	struct wt_cred_entry *e;

	*imp = NULL;
	*saved = cred;
	rcu_read_lock();
	e = wt_cred_find(cred);
	if (e && READ_ONCE(e->imp)) {
		*imp = wt_token_get(e->imp);
		*saved = e->saved;
	} else if (e && READ_ONCE(e->checked)) {
		cur = rcu_dereference(e->token);
		tok = cur ? wt_token_tryget(cur) : NULL;
	}
	/* A live cred's entry keeps its impersonation until it is freed. */
	get_cred(*saved);
	rcu_read_unlock();
	return tok ?: wt_cred_token(*saved, gfp);
}

/**
 * wt_cred_imp_level() - the impersonation level of a credential
 * @cred: a live cred
 *
 * Return: the WT_SECURITY_* level of @cred's impersonation token, or -1
 * when @cred does not impersonate.
 */
int wt_cred_imp_level(const struct cred *cred)
{
	struct wt_cred_entry *e;
	struct wt_token *imp;
	int level = -1;

	if (!wt_cred_impersonating())
		return -1;
	rcu_read_lock();
	e = wt_cred_find(cred);
	imp = e ? READ_ONCE(e->imp) : NULL;
	if (imp)
		level = imp->level;
	rcu_read_unlock();
	return level;
}

/**
 * wt_cred_effective_token() - the token access checks use for a cred
 * @cred: a committed cred
 * @gfp: allocation flags, as for wt_cred_token()
 *
 * Return: the impersonation token when @cred carries one, else its
 * primary token (see wt_cred_token()); referenced, or an ERR_PTR.
 */
struct wt_token *wt_cred_effective_token(const struct cred *cred, gfp_t gfp)
{
	const struct cred *saved;
	struct wt_token *imp;

	wt_cred_impersonation(cred, &imp, &saved);
	if (!imp)
		return wt_cred_token(cred, gfp);
	put_cred(saved);
	return imp;
}

/**
 * wt_cred_effective_view() - the effective token of a cred, without a reference
 * @cred: a committed cred
 *
 * The hot path of the permission hooks: one probe of the map and no
 * reference count traffic. A token, like its states, is freed only a
 * grace period after its last reference is dropped (module/token.h), so a
 * token reached through a map entry under rcu_read_lock() stays allocated,
 * and its view usable, until the caller's rcu_read_unlock(), whatever
 * happens to the entry meanwhile.
 *
 * Context: under rcu_read_lock(); never sleeps.
 * Return: the view of the impersonation token when @cred carries one
 * (whatever its level: callers check the level first), else of the primary
 * token when the entry's ids were checked; NULL when the caller must take
 * the slow path, wt_cred_effective_token(), which may derive or re-derive.
 */
const struct wt_token_view *wt_cred_effective_view(const struct cred *cred)
{
	struct wt_cred_entry *e;
	struct wt_token *tok;

	e = wt_cred_find(cred);
	if (!e)
		return NULL;
	tok = READ_ONCE(e->imp);
	if (!tok) {
		if (!READ_ONCE(e->checked))
			return NULL;
		tok = rcu_dereference(e->token);
	}
	return &wt_token_state(tok)->view;
}

/*
 * Swap the impersonation of @cred's entry for @imp/@saved (NULL: none),
 * taking new references. Without an entry there is nothing to change.
 */
static int wt_cred_imp_swap(const struct cred *cred, struct wt_token *imp,
			    const struct cred *saved)
{
	struct wt_token *old_imp = NULL;
	const struct cred *old_saved = NULL;
	struct wt_cred_entry *e;
	unsigned long flags;

	wt_objmap_lock(&wt_cred_map, cred, &flags);
	e = wt_cred_find(cred);
	if (e) {
		old_imp = e->imp;
		old_saved = e->saved;
		e->imp = NULL;
		e->saved = NULL;
		wt_cred_imp_copy(e, imp, saved);
		/* Without an impersonation the ids must match the token again. */
		if (!imp)
			WRITE_ONCE(e->checked, false);
	}
	wt_objmap_unlock(&wt_cred_map, cred, flags);
	wt_cred_imp_release(old_imp, old_saved);
	return e ? 0 : -ENOENT;
}

/**
 * wt_cred_set_impersonation() - make a cred being prepared impersonate
 * @new: from prepare_creds(), not yet committed
 * @imp: the impersonation token (the entry takes its own reference)
 * @saved: the credentials revert restores (likewise)
 *
 * Return: 0, or -ENOENT when @new has no entry (it then must not be
 * committed).
 */
int wt_cred_set_impersonation(struct cred *new, struct wt_token *imp,
			      const struct cred *saved)
{
	return wt_cred_imp_swap(new, imp, saved);
}

/* ---- entries made and dropped by the hooks (cred_hooks.c) ---- */

/* Drop the map entry of @cred, if it has one. Never sleeps. */
static void wt_cred_forget(const struct cred *cred)
{
	struct wt_cred_entry *e;
	struct wt_token *tok = NULL;
	unsigned long flags;

	wt_objmap_lock(&wt_cred_map, cred, &flags);
	e = wt_cred_find(cred);
	if (e)
		tok = wt_cred_unlink(e);
	wt_objmap_unlock(&wt_cred_map, cred, flags);
	if (e)
		wt_cred_entry_release(e, tok);
}

/*
 * A new process gets its own copy of its creator's token: replace the
 * token of @cred's entry (the one prepare_creds gave it) by a duplicate.
 * Without an entry (@cred predates the module) there is nothing to copy:
 * the cred gets its own derived token on first use.
 */
int wt_cred_own_copy(const struct cred *cred)
{
	struct wt_token *tok = NULL, *dup, *dropped = NULL;
	struct wt_cred_entry *e;
	unsigned long flags;

	rcu_read_lock();
	e = wt_cred_find(cred);
	if (e)
		tok = rcu_dereference(e->token);
	/* A blank entry stays blank: its lookups fail closed. */
	if (tok)
		tok = wt_token_tryget(tok);
	rcu_read_unlock();
	if (!tok)
		return 0;
	dup = wt_token_duplicate(tok, WT_GFP_HOOK);
	if (IS_ERR(dup)) {
		atomic_long_inc(&wt_cred_alloc_failures);
		wt_token_put(tok);
		return PTR_ERR(dup);
	}

	wt_objmap_lock(&wt_cred_map, cred, &flags);
	e = wt_cred_find(cred);
	if (e && rcu_dereference_protected(e->token, 1) == tok) {
		/* The map's reference to @tok goes, @dup's moves in. */
		rcu_assign_pointer(e->token, dup);
		dropped = tok;
		dup = NULL;
	}
	wt_objmap_unlock(&wt_cred_map, cred, flags);
	wt_token_put(dropped);
	wt_token_put(dup);
	wt_token_put(tok);
	return 0;
}

/* ---- the hooks every credential change runs (table: cred_hooks.c) ---- */

int wt_hook_prepare_creds(struct cred *new, const struct cred *old,
			  gfp_t gfp)
{
	struct wt_token *tok, *imp = NULL;
	const struct cred *saved = NULL;
	int err;

	/* A failed prepare_creds() frees @new: cred_free drops the copy. */
	err = wt_pending_copy(new, old, WT_GFP_HOOK);
	if (err)
		return err;
	/* @old is committed; @new may still change until commit_creds(). */
	tok = wt_cred_token(old, WT_GFP_HOOK);
	if (IS_ERR(tok))
		return PTR_ERR(tok);
	wt_cred_impersonation(old, &imp, &saved);
	tok = wt_cred_attach_imp(new, tok, false, true, imp, saved, WT_GFP_HOOK);
	if (imp) {
		wt_token_put(imp);
		put_cred(saved);
	}
	return PTR_ERR_OR_ZERO(tok);
}

int wt_hook_cred_free(struct cred *cred)
{
	wt_cred_forget(cred);
	wt_pending_forget(cred);
	return 0;
}

/**
 * wt_cred_entries_live() - number of credentials with an attached token
 *
 * Return: the count.
 */
long wt_cred_entries_live(void)
{
	return wt_objmap_count(&wt_cred_map);
}

/* Credentials refused for lack of memory (also for netlink.c). */
long wt_cred_failures(void)
{
	return atomic_long_read(&wt_cred_alloc_failures);
}

static void wt_cred_node_release(struct wt_objmap_node *n)
{
	struct wt_cred_entry *e = container_of(n, struct wt_cred_entry, node);

	wt_cred_entry_release(e, rcu_dereference_protected(e->token, 1));
}

/**
 * wt_cred_map_setup() - make the map ready for the hooks
 *
 * Return: 0 or -ENOMEM.
 */
int wt_cred_map_setup(void)
{
	wt_objmap_init(&wt_cred_map);
	wt_cred_cache = KMEM_CACHE(wt_cred_entry, 0);
	return wt_cred_cache ? 0 : -ENOMEM;
}

/*
 * Free the entries left and the cache, once no hook can add entries: at
 * exit, and when a load fails after the credential hooks were live (a
 * fork in that window made entries, with their tokens).
 */
void wt_cred_map_free(void)
{
	wt_objmap_drain(&wt_cred_map, wt_cred_node_release);
	/* Every call_rcu() of ours runs module code: wait for all of them. */
	rcu_barrier();
	kmem_cache_destroy(wt_cred_cache);
}

/* ---- explicit tokens (assigned primary tokens) ---- */

#include "token_ops.h"

/**
 * wt_cred_set_explicit_token() - give credentials being prepared a token
 * @new: credentials from prepare_creds(), not committed yet
 * @tok: a token that is not derived from Linux ids; the caller's reference
 *	moves to the map (or is dropped on failure)
 *
 * Replaces the entry the prepare_creds hook made for @new. The entry is
 * checked, and as @tok is not derived, later credentials prepared from
 * @new keep it whatever their ids become.
 *
 * Context: process context (allocates with GFP_KERNEL).
 * Return: 0, -EINVAL (@tok is derived) or -ENOMEM.
 */
int wt_cred_set_explicit_token(struct cred *new, struct wt_token *tok)
{
	if (WARN_ON_ONCE(tok->flags & WT_TOKF_DERIVED)) {
		wt_token_put(tok);
		return -EINVAL;
	}
	return PTR_ERR_OR_ZERO(wt_cred_attach(new, tok, true, true, GFP_KERNEL));
}
