// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - token objects: allocation, reference counting, RCU-published
 * state. The rules are in token.h and Documentation/design/tokens.rst.
 */
#include <linux/atomic.h>
#include <linux/err.h>
#include <linux/overflow.h>
#include <linux/slab.h>

#include "wintok.h"
#include "token.h"
#include "logon.h"
#include "wt_privilege.h"

/*
 * Windows reserves small LUIDs for well-known logon sessions (SYSTEM is
 * 0x3e7, LocalService 0x3e5, ...); ours start well above them.
 */
static atomic64_t wt_luid_next = ATOMIC64_INIT(0x10000);
static atomic_long_t wt_tokens_count = ATOMIC_LONG_INIT(0);
static atomic_long_t wt_states_count = ATOMIC_LONG_INIT(0);
static atomic64_t wt_states_serial = ATOMIC64_INIT(0);

/**
 * wt_luid_alloc() - a new locally unique id
 *
 * Return: a LUID never returned before while the module is loaded.
 */
u64 wt_luid_alloc(void)
{
	return atomic64_inc_return(&wt_luid_next);
}

/**
 * wt_tokens_live() - number of token objects not yet freed
 *
 * Return: the count (tokens whose RCU free is pending included).
 */
long wt_tokens_live(void)
{
	return atomic_long_read(&wt_tokens_count);
}

/**
 * wt_states_live() - number of token states not yet freed
 *
 * Return: the count.
 */
long wt_states_live(void)
{
	return atomic_long_read(&wt_states_count);
}

/**
 * wt_token_alloc() - allocate a token identity with one reference
 * @ngids: room for that many supplementary gids (derived tokens)
 * @gfp: allocation flags (GFP_ATOMIC from atomic hooks)
 *
 * The caller fills the identity fields and installs a state with
 * wt_token_install_state() before anyone else can see the token.
 *
 * Return: the token, or NULL.
 */
struct wt_token *wt_token_alloc(u32 ngids, gfp_t gfp)
{
	struct wt_token *tok;

	if (ngids > WT_TOKEN_MAX_LINUX_GROUPS)
		return NULL;
	tok = kzalloc(struct_size(tok, gids, ngids), gfp);
	if (!tok)
		return NULL;
	refcount_set(&tok->ref, 1);
	mutex_init(&tok->lock);
	atomic64_set(&tok->privs_used, 0);
	tok->token_id = wt_luid_alloc();
	tok->type = WT_TOKEN_PRIMARY;
	tok->level = WT_SECURITY_ANONYMOUS;
	tok->elevation_type = WT_TOKEN_ELEVATION_TYPE_DEFAULT;
	atomic_long_inc(&wt_tokens_count);
	return tok;
}

/**
 * wt_state_alloc() - allocate an empty state with room for its arrays
 * @ngroups: number of groups
 * @nrestricted: number of restricting SIDs
 * @dacl_sd_len: bytes of the SD wrapping the default DACL (0: none)
 * @gfp: allocation flags
 *
 * @view.groups and @view.restricted point into the allocation on return;
 * the caller fills them, then calls wt_state_finish().
 *
 * Return: the state, or NULL (also when a limit is exceeded).
 */
struct wt_token_state *wt_state_alloc(u32 ngroups, u32 nrestricted,
				      u32 dacl_sd_len, gfp_t gfp)
{
	struct wt_token_state *st;
	size_t groups_len, size;

	if (ngroups > WT_TOKEN_MAX_GROUPS || nrestricted > WT_TOKEN_MAX_RESTRICTED ||
	    dacl_sd_len > WT_SD_HEADER_SIZE + WT_TOKEN_MAX_DACL)
		return NULL;
	groups_len = (size_t)(ngroups + nrestricted) * sizeof(struct wt_sid_attr);
	size = sizeof(*st) + ALIGN(groups_len, 8) + ALIGN(dacl_sd_len, 8);
	st = kzalloc(size, gfp);
	if (!st)
		return NULL;
	st->size = size;
	st->dacl_offset = ALIGN(groups_len, 8);
	st->view.groups = (struct wt_sid_attr *)st->data;
	st->view.group_count = ngroups;
	st->view.restricted = (struct wt_sid_attr *)st->data + ngroups;
	st->view.restricted_count = nrestricted;
	st->serial = atomic64_inc_return(&wt_states_serial);
	atomic_long_inc(&wt_states_count);
	return st;
}

/* Where the default DACL SD bytes go in @st (fixed at allocation). */
static u8 *wt_state_dacl_buf(struct wt_token_state *st)
{
	return st->data + st->dacl_offset;
}

/**
 * wt_state_dacl_area() - where to build the default DACL SD of a state
 * @st: a state from wt_state_alloc() with a non-zero @dacl_sd_len
 *
 * Return: an 8-byte aligned buffer of the @dacl_sd_len given at allocation.
 */
u8 *wt_state_dacl_area(struct wt_token_state *st)
{
	return wt_state_dacl_buf(st);
}

/*
 * Parses the default DACL strictly, points the view's owner, primary group
 * and default DACL into the state and builds the SID index. Does not
 * allocate. Return: 0, or -EINVAL (bad owner index or DACL).
 */
static int wt_state_index(struct wt_token_state *st, u32 dacl_sd_len)
{
	struct wt_token_view *v = &st->view;
	int err;

	if (st->owner_index > v->group_count)
		return -EINVAL;
	if (st->owner_index &&
	    !(v->groups[st->owner_index - 1].attributes & WT_SE_GROUP_OWNER))
		return -EINVAL;
	v->owner = wt_state_owner(st);
	v->primary_group = &st->primary_group;
	v->default_dacl = NULL;
	st->has_dacl = false;
	if (dacl_sd_len) {
		err = wt_sd_parse(wt_state_dacl_buf(st), dacl_sd_len, &st->dacl_sd);
		if (err)
			return err;
		if (!st->dacl_sd.dacl.acl || st->dacl_sd.owner || st->dacl_sd.group ||
		    st->dacl_sd.sacl.acl)
			return -EINVAL;
		v->default_dacl = &st->dacl_sd.dacl;
		st->has_dacl = true;
	}
	v->privileges &= st->privs_present;
	st->privs_default &= st->privs_present;
	st->modified_id = wt_luid_alloc();
	wt_token_prepare(v);
	return 0;
}

/*
 * The traverse check (enforce/traverse.c) is attached while a token state
 * without SeChangeNotifyPrivilege enabled exists: such states are counted
 * here, the check's owner sets the demand up with its table at init.
 */
struct wt_hook_demand wt_traverse_demand;

/**
 * wt_state_require_traverse() - make traverse checking ready for a state
 * @st: a state about to be published or installed
 *
 * A state without SeChangeNotifyPrivilege enabled must not be usable
 * before its walks are checked, so the caller calls this after building
 * the state and before publishing it, and fails on an error. Such a state
 * is counted from now until it is freed (wt_state_free()); the first one
 * attaches the traverse check, which stays attached while any is counted.
 *
 * Context: process context, may sleep, unless @st has SeChangeNotify
 * enabled or the check is attached (then never sleeps).
 * Return: 0, -EBUSY or -ENOMEM (wt_demand_attach()). On an error @st
 * stays counted until the caller frees it.
 */
int wt_state_require_traverse(struct wt_token_state *st)
{
	if (st->view.privileges & BIT_ULL(WT_SE_CHANGE_NOTIFY_PRIVILEGE))
		return 0;
	if (!st->traverse_counted) {
		st->traverse_counted = true;
		wt_demand_count(&wt_traverse_demand);
	}
	return wt_demand_attach(&wt_traverse_demand);
}

/**
 * wt_state_finish() - validate and index a filled state, ready to publish
 * @st: the state; user, groups, restricting SIDs, privileges, integrity,
 *	owner index and primary group filled (the counts may be lowered
 *	below those given to wt_state_alloc(), never raised); the default
 *	DACL SD (if any) written at wt_state_dacl_area()
 * @dacl_sd_len: the length of that SD, 0 for none
 *
 * Parses the default DACL strictly, points the view's owner, primary group
 * and default DACL into the state, builds the SID index, and makes
 * traverse checking ready for it (wt_state_require_traverse()): a state is
 * not finished until the walks of a token holding it would be checked.
 *
 * Context: as wt_state_require_traverse().
 * Return: 0, -EINVAL (bad owner index or DACL), or an error of
 * wt_state_require_traverse(). On an error the caller frees @st.
 */
int wt_state_finish(struct wt_token_state *st, u32 dacl_sd_len)
{
	int err = wt_state_index(st, dacl_sd_len);

	if (err)
		return err;
	/* Most states have SeChangeNotify: no call to learn it. */
	if (st->view.privileges & BIT_ULL(WT_SE_CHANGE_NOTIFY_PRIVILEGE))
		return 0;
	return wt_state_require_traverse(st);
}

/**
 * wt_state_free() - free a state that was never published
 * @st: the state, or NULL
 */
void wt_state_free(struct wt_token_state *st)
{
	if (!st)
		return;
	atomic_long_dec(&wt_states_count);
	if (st->traverse_counted)
		wt_demand_uncount(&wt_traverse_demand);
	wt_claims_put(st->claims);
	kfree(st);
}

/**
 * wt_token_install_new() - the end of building a new token
 * @tok: the new token, not yet visible to anyone
 * @st: its filled state (NULL after an earlier failure)
 * @dacl_len: size of the default DACL SD already in @st's area
 * @err: 0, or the error of an earlier step
 *
 * On success so far finish @st (wt_state_finish()) and install it in
 * @tok; on @err or a failure to finish free both.
 *
 * Context: as wt_state_finish().
 * Return: @tok, or an ERR_PTR.
 */
struct wt_token *wt_token_install_new(struct wt_token *tok,
				      struct wt_token_state *st,
				      u32 dacl_len, int err)
{
	if (!err)
		err = wt_state_finish(st, dacl_len);
	if (err) {
		wt_state_free(st);
		wt_token_put(tok);
		return ERR_PTR(err);
	}
	wt_token_install_state(tok, st);
	return tok;
}

static void wt_state_free_rcu(struct rcu_head *head)
{
	wt_state_free(container_of(head, struct wt_token_state, rcu));
}

/*
 * A state without SeChangeNotify enabled must have been counted before it
 * becomes visible (wt_state_require_traverse(), or a copy of a counted
 * state):
 * the count is what keeps the traverse check attached. One that was not
 * is a bug; count it now, so at least the check is not detached under it.
 */
static noinline void wt_state_uncounted(struct wt_token_state *st)
{
	WARN_ONCE(1, "token state without SeChangeNotify not counted\n");
	st->traverse_counted = true;
	wt_demand_count(&wt_traverse_demand);
}

/* Inline: every new token passes here, and nearly all are counted or exempt. */
static __always_inline void wt_state_visible(struct wt_token_state *st)
{
	if (unlikely(!st->traverse_counted &&
		     !(st->view.privileges &
		       BIT_ULL(WT_SE_CHANGE_NOTIFY_PRIVILEGE))))
		wt_state_uncounted(st);
}

/**
 * wt_token_install_state() - give a new, unshared token its first state
 * @tok: the token, not yet visible to anyone else
 * @st: a finished state; the token owns it from now on
 */
void wt_token_install_state(struct wt_token *tok, struct wt_token_state *st)
{
	wt_state_visible(st);
	RCU_INIT_POINTER(tok->state, st);
}

/**
 * wt_token_publish() - replace the contents of a token
 * @tok: the token
 * @st: a finished state; the token owns it from now on
 *
 * Every holder of @tok sees @st from now on; readers still looking at the
 * old state keep it until their RCU read-side section ends.
 *
 * Context: process context, may sleep (takes @tok->lock).
 */
void wt_token_publish(struct wt_token *tok, struct wt_token_state *st)
{
	mutex_lock(&tok->lock);
	wt_token_publish_locked(tok, st);
	mutex_unlock(&tok->lock);
}

/**
 * wt_token_publish_locked() - wt_token_publish() with @tok->lock held
 * @tok: the token
 * @st: a finished state; the token owns it from now on
 *
 * For read-modify-write changes: the caller read the current state and
 * built @st from it under the same hold of the lock.
 */
void wt_token_publish_locked(struct wt_token *tok, struct wt_token_state *st)
{
	struct wt_token_state *old;

	old = rcu_dereference_protected(tok->state, lockdep_is_held(&tok->lock));
	wt_state_visible(st);
	rcu_assign_pointer(tok->state, st);
	if (old)
		call_rcu(&old->rcu, wt_state_free_rcu);
}

/* @p, a pointer into @from, moved to the same offset in @to. */
static void *wt_state_rebase(const void *p, const struct wt_token_state *from,
			     struct wt_token_state *to)
{
	return (u8 *)to + ((const u8 *)p - (const u8 *)from);
}

/*
 * Make @buf (at least @st->size bytes, from kmalloc) a copy of @st; see
 * wt_state_copy(). Never sleeps: it may run under rcu_read_lock(). On
 * failure @buf is freed.
 */
static struct wt_token_state *wt_state_copy_into(void *buf,
						 const struct wt_token_state *st)
{
	struct wt_token_state *copy = buf;
	struct wt_token_view *v;

	memcpy(copy, st, st->size);
	/* The view's claim pointers point into the shared claims object. */
	wt_claims_get(copy->claims);
	/* The copy may be changed before it is published: a name of its own. */
	copy->serial = atomic64_inc_return(&wt_states_serial);
	atomic_long_inc(&wt_states_count);
	/*
	 * A copy of a counted state is counted too; the source is counted
	 * and alive, so the count does not reach zero in between and the
	 * traverse check stays attached for the copy.
	 */
	if (copy->traverse_counted)
		wt_demand_count(&wt_traverse_demand);
	/* Every pointer of the view points into the state itself. */
	v = &copy->view;
	v->groups = wt_state_rebase(st->view.groups, st, copy);
	v->restricted = wt_state_rebase(st->view.restricted, st, copy);
	v->owner = wt_state_owner(copy);
	v->primary_group = &copy->primary_group;
	v->default_dacl = NULL;
	if (st->has_dacl) {
		if (wt_sd_parse(wt_state_dacl_buf(copy), st->dacl_sd.len,
				&copy->dacl_sd)) {
			wt_state_free(copy);
			return NULL;
		}
		v->default_dacl = &copy->dacl_sd.dacl;
	}
	return copy;
}

/**
 * wt_state_copy() - a private, unpublished copy of a state
 * @st: the state; the caller keeps it from being freed (RCU or the
 *	token's lock)
 * @gfp: allocation flags; under rcu_read_lock() they must not sleep
 *
 * The copy has the same modified id; a caller that changes it before
 * publishing gives it a new one. Its serial is new in any case.
 *
 * Return: the copy, or NULL.
 */
struct wt_token_state *wt_state_copy(const struct wt_token_state *st,
				     gfp_t gfp)
{
	void *buf = kmalloc(st->size, gfp);

	return buf ? wt_state_copy_into(buf, st) : NULL;
}

/* Tries before wt_state_copy_current() gives up on a growing state. */
#define WT_STATE_COPY_TRIES 4

/*
 * A copy of @tok's current state for a caller that may sleep but holds
 * neither RCU nor the token's lock (which a caller may hold already, so
 * it is not taken here): the buffer is allocated outside the read-side
 * section, and the state copied inside it if it still fits. A state only
 * outgrows the buffer if the token is adjusted meanwhile.
 */
static struct wt_token_state *wt_state_copy_current(struct wt_token *tok,
						    gfp_t gfp)
{
	const struct wt_token_state *st;
	struct wt_token_state *copy = NULL;
	size_t size;
	bool fits;
	void *buf;
	int i;

	for (i = 0; i < WT_STATE_COPY_TRIES; i++) {
		rcu_read_lock();
		size = wt_token_state(tok)->size;
		rcu_read_unlock();
		buf = kmalloc(size, gfp);
		if (!buf)
			return NULL;
		rcu_read_lock();
		st = wt_token_state(tok);
		fits = st->size <= size;
		if (fits)
			copy = wt_state_copy_into(buf, st);
		rcu_read_unlock();
		if (fits)
			return copy;
		kfree(buf);
	}
	return NULL;
}

/**
 * wt_token_duplicate() - a new token object with the contents of another
 * @tok: the token to copy
 * @gfp: allocation flags (GFP_ATOMIC from atomic hooks)
 *
 * The copy gets a new token id and keeps everything else: logon session
 * (authentication id), origin, type, level, source, the Linux ids a
 * derived token came from, and the current contents (same modified id).
 * Changing one of the two tokens afterwards does not change the other.
 *
 * Context: any but NMI; sleeps only if @gfp allows it. The caller may
 * hold @tok's lock.
 * Return: the copy with one reference, or ERR_PTR(-ENOMEM).
 */
struct wt_token *wt_token_duplicate(struct wt_token *tok, gfp_t gfp)
{
	struct wt_token_state *st = NULL;
	struct wt_token *dup;

	dup = wt_token_alloc(tok->ngroups, gfp);
	if (!dup)
		return ERR_PTR(-ENOMEM);
	dup->auth_id = tok->auth_id;
	wt_logon_session_get(dup->auth_id);
	dup->origin = tok->origin;
	dup->type = tok->type;
	dup->level = tok->level;
	dup->elevation_type = tok->elevation_type;
	dup->flags = tok->flags;
	memcpy(dup->source_name, tok->source_name, sizeof(dup->source_name));
	dup->source_luid = tok->source_luid;
	dup->uid = tok->uid;
	dup->gid = tok->gid;
	dup->ngroups = tok->ngroups;
	memcpy(dup->gids, tok->gids, flex_array_size(dup, gids, tok->ngroups));
	atomic64_set(&dup->privs_used, atomic64_read(&tok->privs_used));

	/* kmalloc() may sleep with such flags: not under rcu_read_lock(). */
	if (gfpflags_allow_blocking(gfp)) {
		st = wt_state_copy_current(tok, gfp);
	} else {
		rcu_read_lock();
		st = wt_state_copy(wt_token_state(tok), gfp);
		rcu_read_unlock();
	}
	if (!st) {
		/* No state installed: the plain free path is enough. */
		wt_token_put(dup);
		return ERR_PTR(-ENOMEM);
	}
	wt_token_install_state(dup, st);
	return dup;
}

static void wt_token_free_rcu(struct rcu_head *head)
{
	struct wt_token *tok = container_of(head, struct wt_token, rcu);

	/* Last reference gone a grace period ago: nobody can see @tok. */
	wt_logon_session_put(tok->auth_id);
	wt_state_free(rcu_dereference_protected(tok->state, 1));
	mutex_destroy(&tok->lock);
	kfree(tok);
	atomic_long_dec(&wt_tokens_count);
}

/**
 * wt_token_put() - drop a reference
 * @tok: the token, or NULL
 *
 * The last reference frees the token and its state after an RCU grace
 * period (RCU readers may still hold a pointer found in the credential
 * map).
 *
 * Context: any but NMI; never sleeps.
 */
void wt_token_put(struct wt_token *tok)
{
	if (tok && refcount_dec_and_test(&tok->ref))
		call_rcu(&tok->rcu, wt_token_free_rcu);
}
