/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok - token objects, their attachment to credentials and token handles.
 *
 * A token has two parts:
 *
 * - struct wt_token, the identity: what never changes for the life of the
 *   object (token id, logon session, type, level, source, origin, the
 *   Linux ids it was derived from), its reference count, and a mutex that
 *   serialises changes of the contents.
 * - struct wt_token_state, the contents (user, groups, privileges, owner,
 *   primary group, default DACL, integrity, restricting SIDs, session id,
 *   modified id). A state is immutable once published. Changing a token
 *   means building a new state and publishing it with rcu_assign_pointer()
 *   under wt_token.lock; the old one is freed after a grace period. Every
 *   holder of the token (credentials, handles) sees the change at once.
 *
 * Rules (see also Documentation/design/tokens.rst):
 *
 * - wt_token_get()/wt_token_put() manage the reference count. The last put
 *   frees the token and its state after an RCU grace period, so a reader
 *   in an RCU read-side section that found the token through the
 *   credential map may still look at it (and take a reference with
 *   wt_token_tryget()) even if the count just dropped to zero. Both are
 *   safe in any context but NMI: they never sleep.
 * - wt_token_state() must be called under rcu_read_lock() (or with
 *   wt_token.lock held) and the state used only within that section. The
 *   state's @view is ready for wt_access_check() and needs no allocation.
 * - Only wt_token_publish() replaces a state; it takes wt_token.lock and
 *   may sleep. A read-modify-write change holds the lock itself around
 *   reading the state, building the new one and wt_token_publish_locked().
 */
#ifndef WT_TOKEN_H
#define WT_TOKEN_H

#include <linux/atomic.h>
#include <linux/cred.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/types.h>

#include "hook_demand.h"
#include "wt_access.h"
#include "wt_sd.h"
#include "wt_sid.h"
/* The events a thread raises name it by its tokens: raised through here. */
#include "token_audit.h"

/*
 * Hard limits. A token larger than this is refused (-E2BIG) rather than
 * truncated: dropping a group could skip a deny ACE, i.e. grant more.
 */
#define WT_TOKEN_MAX_GROUPS		1024	/* groups incl. integrity and logon SID */
#define WT_TOKEN_MAX_RESTRICTED		64	/* restricting SIDs */
#define WT_TOKEN_MAX_DACL		8192	/* default DACL bytes */
#define WT_TOKEN_MAX_LINUX_GROUPS	1000	/* supplementary gids of a derived token */

/* wt_token.flags */
#define WT_TOKF_DERIVED		0x1	/* derived from Linux ids, re-derived on change */

/**
 * struct wt_token_state - immutable contents of a token (one version)
 * @rcu: frees the state after a grace period
 * @view: what the access check reads; its pointers point into this same
 *	allocation (@data, @primary_group, @dacl_sd)
 * @privs_present: privileges held, bit (1ULL << luid)
 * @privs_default: privileges enabled by default
 * @owner_index: default owner: 0 the user, 1 + i group i (which then has
 *	%WT_SE_GROUP_OWNER)
 * @session_id: terminal session id (0 for derived tokens)
 * @modified_id: LUID, new for every published state
 * @serial: unique among all states ever allocated, never reused: names
 *	these exact contents (a published state is never changed), so a
 *	decision computed from @view may be cached under it (file_sd.c)
 * @primary_group: the default primary group for new objects
 * @dacl_sd: a DACL-only self-relative SD in @data wrapping the default
 *	DACL; @dacl_sd.dacl is what @view.default_dacl points to
 * @has_dacl: a default DACL is present
 * @traverse_counted: counted among the states without SeChangeNotify
 *	enabled that keep the traverse check attached (traverse.c); set
 *	before the state is visible, kept by copies
 * @size: bytes of this allocation
 * @dacl_offset: where the default DACL SD starts in @data
 * @claims: user and device claims (shared by states derived from this one,
 *	the view points into them), or NULL
 * @data: groups, restricting SIDs and the default DACL SD, in that order
 *
 * @view.privileges holds the enabled privileges.
 */
struct wt_token_state {
	struct rcu_head rcu;
	struct wt_token_view view;
	u64 privs_present;
	u64 privs_default;
	u32 owner_index;
	u32 session_id;
	u64 modified_id;
	u64 serial;
	struct wt_sid primary_group;
	struct wt_sd_view dacl_sd;
	bool has_dacl;
	bool traverse_counted;
	u32 size;
	u32 dacl_offset;
	struct wt_claims *claims;
	u8 data[] __aligned(8);
};

/**
 * struct wt_token - a token object
 * @ref: references: one per credential map entry and per handle
 * @token_id: unique id (a LUID)
 * @auth_id: logon session (authentication id)
 * @origin: logon session of the token that caused this one (0: none)
 * @type: %WT_TOKEN_PRIMARY or %WT_TOKEN_IMPERSONATION
 * @level: impersonation level (WT_SECURITY_*), for impersonation tokens
 * @elevation_type: WT_TOKEN_ELEVATION_TYPE_*
 * @flags: WT_TOKF_* bits
 * @source_name: token source name, NUL-padded
 * @source_luid: token source id
 * @uid: for %WT_TOKF_DERIVED: the effective uid it was derived from
 * @gid: for %WT_TOKF_DERIVED: the effective gid
 * @ngroups: for %WT_TOKF_DERIVED: number of supplementary gids in @gids
 * @privs_used: privileges that ever contributed to a granted access
 * @lock: serialises wt_token_publish()
 * @state: the current contents, RCU-published
 * @rcu: frees the token after a grace period
 * @gids: for %WT_TOKF_DERIVED: the supplementary gids, in cred order
 */
struct wt_token {
	refcount_t ref;
	u64 token_id;
	u64 auth_id;
	u64 origin;
	u32 type;
	u32 level;
	u32 elevation_type;
	u32 flags;
	char source_name[8];
	u64 source_luid;
	kuid_t uid;
	kgid_t gid;
	u32 ngroups;
	atomic64_t privs_used;
	struct mutex lock;	/* serialises wt_token_publish() */
	struct wt_token_state __rcu *state;
	struct rcu_head rcu;
	kgid_t gids[];
};

/* Locally unique ids for tokens, logon sessions and modified ids. */
u64 wt_luid_alloc(void);

struct wt_token *wt_token_alloc(u32 ngids, gfp_t gfp);
struct wt_token_state *wt_state_alloc(u32 ngroups, u32 nrestricted,
				      u32 dacl_sd_len, gfp_t gfp);
u8 *wt_state_dacl_area(struct wt_token_state *st);
int wt_state_finish(struct wt_token_state *st, u32 dacl_sd_len);
void wt_state_free(struct wt_token_state *st);
int wt_state_require_traverse(struct wt_token_state *st);
struct wt_token *wt_token_install_new(struct wt_token *tok,
				      struct wt_token_state *st,
				      u32 dacl_len, int err);
extern struct wt_hook_demand wt_traverse_demand;
void wt_token_install_state(struct wt_token *tok, struct wt_token_state *st);
void wt_token_publish(struct wt_token *tok, struct wt_token_state *st);
void wt_token_publish_locked(struct wt_token *tok, struct wt_token_state *st);
struct wt_token_state *wt_state_copy(const struct wt_token_state *st, gfp_t gfp);

/* Claims (token_claims.c) */
struct wt_claims;
struct wt_claims *wt_claims_in(u64 uuser, u32 ulen, u64 udev, u32 dlen);
struct wt_claims *wt_claims_get(struct wt_claims *c);
void wt_claims_put(struct wt_claims *c);
void wt_state_set_claims(struct wt_token_state *st, struct wt_claims *c);
const u8 *wt_claims_bytes(const struct wt_claims *c, bool device, u32 *len);
void wt_token_put(struct wt_token *tok);
struct wt_token *wt_token_duplicate(struct wt_token *tok, gfp_t gfp);
long wt_tokens_live(void);
long wt_states_live(void);

static inline struct wt_token *wt_token_get(struct wt_token *tok)
{
	refcount_inc(&tok->ref);
	return tok;
}

/* Take a reference on a token found under RCU; NULL when it is dying. */
static inline struct wt_token *wt_token_tryget(struct wt_token *tok)
{
	return refcount_inc_not_zero(&tok->ref) ? tok : NULL;
}

/* The current state; under rcu_read_lock() or with @tok->lock held. */
static inline struct wt_token_state *wt_token_state(struct wt_token *tok)
{
	return rcu_dereference_check(tok->state, lockdep_is_held(&tok->lock));
}

/* Writable groups (then restricting SIDs) of a state being built. */
static inline struct wt_sid_attr *wt_state_groups(struct wt_token_state *st)
{
	return (struct wt_sid_attr *)st->data;
}

/* SID of the default owner of @st. */
static inline const struct wt_sid *wt_state_owner(const struct wt_token_state *st)
{
	if (st->owner_index == 0)
		return &st->view.user.sid;
	return &st->view.groups[st->owner_index - 1].sid;
}

/* token_derive.c: tokens for Linux identities and the privilege policy */
struct wt_token *wt_token_derive(const struct cred *cred, u64 origin, gfp_t gfp);
struct wt_token *wt_token_derive_capped(const struct cred *cred, u64 origin,
					u32 max_integrity, gfp_t gfp);
u32 wt_token_derived_cap(struct wt_token *tok);
bool wt_token_matches_cred(const struct wt_token *tok, const struct cred *cred);
int wt_policy_init(void);
void wt_policy_exit(void);

/* token_cred.c: the credential -> token map and its hooks */
int wt_cred_map_init(void);
void wt_cred_map_exit(void);
struct wt_token *wt_cred_token(const struct cred *cred, gfp_t gfp);
long wt_cred_entries_live(void);
long wt_cred_failures(void);
extern atomic_long_t wt_cred_imp_count;

/**
 * wt_cred_impersonating() - may any credential carry an impersonation?
 *
 * Inline: every hook asks it first.
 * Return: false when no entry holds one: hooks can skip the lookup.
 */
static inline bool wt_cred_impersonating(void)
{
	return atomic_long_read(&wt_cred_imp_count) != 0;
}

void wt_cred_impersonation(const struct cred *cred, struct wt_token **imp,
			   const struct cred **saved);
struct wt_token *wt_cred_self_token(const struct cred *cred, gfp_t gfp,
				    const struct cred **saved,
				    struct wt_token **imp);
int wt_cred_imp_level(const struct cred *cred);
struct wt_token *wt_cred_effective_token(const struct cred *cred, gfp_t gfp);
const struct wt_token_view *wt_cred_effective_view(const struct cred *cred);
int wt_cred_set_impersonation(struct cred *new, struct wt_token *imp,
			      const struct cred *saved);
void wt_cred_drop_impersonation(struct cred *c);

/* token_fd.c: token handles */

/**
 * struct wt_token_handle - what a token file descriptor refers to
 * @token: the token (one reference)
 * @granted: TOKEN_* access rights of this handle
 */
struct wt_token_handle {
	struct wt_token *token;
	u32 granted;
};

/**
 * struct wt_new_handle - a token handle being opened
 * @fd: the reserved descriptor
 * @file: the handle's file
 */
struct wt_new_handle {
	int fd;
	struct file *file;
};

/* Access bits a caller may name in a desired access mask for a token. */
#define WT_TOKEN_VALID_ACCESS						\
	(WT_TOKEN_ALL_ACCESS | WT_ACCESS_SYSTEM_SECURITY |		\
	 WT_MAXIMUM_ALLOWED | WT_GENERIC_ALL | WT_GENERIC_EXECUTE |	\
	 WT_GENERIC_WRITE | WT_GENERIC_READ)

extern const struct file_operations wt_token_fops;

int wt_token_handle_prepare(struct wt_token *tok, u32 granted,
			    struct wt_new_handle *nh);
int wt_token_handle_commit(struct wt_new_handle *nh);
void wt_token_handle_abort(struct wt_new_handle *nh);
int wt_token_handle_reply(struct wt_token *tok, u32 granted, u32 *granted_out,
			  void *karg, size_t ksize, void __user *uarg,
			  u32 usize, struct wt_new_handle *nh);
struct wt_token_handle *wt_token_handle_fdget(int fd, struct file **f);
int wt_token_grant(u32 desired, u32 allowed, u32 *granted);
long wt_ioctl_open_process_token(void __user *arg);

/* The state whose view @v is (checks only ever see views of states). */
static inline const struct wt_token_state *
wt_view_state(const struct wt_token_view *v)
{
	return container_of(v, struct wt_token_state, view);
}

#endif /* WT_TOKEN_H */
