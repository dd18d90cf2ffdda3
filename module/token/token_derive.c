// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - tokens derived from Linux credentials, and the privilege policy.
 *
 * A derived token describes a Linux identity the way Samba maps Unix ids
 * (S-1-22-1-uid, S-1-22-2-gid), or by the SID the id map gives an id (a
 * directory's user or group, which then keeps its S-1-22 SID as a group),
 * plus what every Windows logon carries (Everyone, Local, Authenticated
 * Users, a logon SID, an integrity level). See
 * Documentation/design/tokens.rst for the exact contents.
 */
#include <linux/cred.h>
#include <linux/ctype.h>
#include <linux/highuid.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uidgid.h>

#include "wintok.h"
#include "token.h"
#include "token_ops.h"
#include "idmap.h"
#include "logon.h"
#include "wt_privilege.h"

#define PRIV(n) (1ULL << WT_SE_##n##_PRIVILEGE)

/*
 * The privileges of the Windows LocalSystem account: those enabled by
 * default, and those present but disabled until the holder enables them.
 */
#define WT_SYSTEM_PRIVS_ENABLED						\
	(PRIV(LOCK_MEMORY) | PRIV(TCB) | PRIV(SYSTEM_PROFILE) |		\
	 PRIV(PROF_SINGLE_PROCESS) | PRIV(INC_BASE_PRIORITY) |		\
	 PRIV(CREATE_PAGEFILE) | PRIV(CREATE_PERMANENT) | PRIV(DEBUG) |	\
	 PRIV(AUDIT) | PRIV(CHANGE_NOTIFY) | PRIV(IMPERSONATE) |		\
	 PRIV(CREATE_GLOBAL) | PRIV(INC_WORKING_SET) | PRIV(TIME_ZONE) |	\
	 PRIV(CREATE_SYMBOLIC_LINK) |					\
	 PRIV(DELEGATE_SESSION_USER_IMPERSONATE))
#define WT_SYSTEM_PRIVS_DISABLED					\
	(PRIV(CREATE_TOKEN) | PRIV(ASSIGNPRIMARYTOKEN) |			\
	 PRIV(INCREASE_QUOTA) | PRIV(SECURITY) | PRIV(TAKE_OWNERSHIP) |	\
	 PRIV(LOAD_DRIVER) | PRIV(SYSTEMTIME) | PRIV(BACKUP) |		\
	 PRIV(RESTORE) | PRIV(SHUTDOWN) | PRIV(SYSTEM_ENVIRONMENT) |	\
	 PRIV(UNDOCK) | PRIV(MANAGE_VOLUME))
/* Granted by the policy, these start enabled (as Windows does). */
#define WT_PRIVS_ENABLED_WHEN_GRANTED					\
	(PRIV(CHANGE_NOTIFY) | PRIV(IMPERSONATE) | PRIV(CREATE_GLOBAL))

/* ---- the privilege policy (module parameter "privileges") ---- */

#define WT_POLICY_MAX_RULES 64

enum wt_rule_kind { WT_RULE_UID, WT_RULE_GID };

/**
 * struct wt_priv_rule - one rule of the privilege policy
 * @kind: %WT_RULE_UID (effective uid) or %WT_RULE_GID (effective or
 *	supplementary gid)
 * @id: the uid or gid, in the init user namespace
 * @privs: privileges added to matching derived tokens
 */
struct wt_priv_rule {
	enum wt_rule_kind kind;
	u32 id;
	u64 privs;
};

/**
 * struct wt_priv_policy - an immutable policy, replaced as a whole
 * @rcu: frees the policy after readers are done
 * @count: number of rules
 * @rules: the rules, in the order written
 */
struct wt_priv_policy {
	struct rcu_head rcu;
	u32 count;
	struct wt_priv_rule rules[];
};

static struct wt_priv_policy __rcu *wt_policy;
static DEFINE_MUTEX(wt_policy_lock);
static u64 wt_derive_source_luid;

/*
 * Parse one rule "uid:N:Priv[,Priv...]" or "gid:N:Priv[,Priv...]" of
 * @len bytes at @s (no surrounding blanks).
 */
static int wt_parse_rule(const char *s, size_t len, struct wt_priv_rule *rule)
{
	char num[12];
	const char *p, *end = s + len, *colon;
	size_t n;
	int luid;

	if (len > 4 && !strncmp(s, "uid:", 4))
		rule->kind = WT_RULE_UID;
	else if (len > 4 && !strncmp(s, "gid:", 4))
		rule->kind = WT_RULE_GID;
	else
		return -EINVAL;
	p = s + 4;
	colon = memchr(p, ':', end - p);
	if (!colon)
		return -EINVAL;
	n = colon - p;
	if (!n || n >= sizeof(num))
		return -EINVAL;
	memcpy(num, p, n);
	num[n] = '\0';
	/* Decimal digits only: no sign, no blanks, no 0x. */
	for (p = num; *p; p++)
		if (!isdigit(*p))
			return -EINVAL;
	if (kstrtou32(num, 10, &rule->id) || rule->id == (u32)-1)
		return -EINVAL;

	rule->privs = 0;
	p = colon + 1;
	if (p == end)
		return -EINVAL;
	while (p < end) {
		const char *comma = memchr(p, ',', end - p);

		n = (comma ? comma : end) - p;
		luid = wt_privilege_lookup(p, n);
		if (luid < 0)
			return -EINVAL;
		rule->privs |= 1ULL << luid;
		if (!comma)
			break;
		p = comma + 1;
		if (p == end)	/* trailing comma */
			return -EINVAL;
	}
	return 0;
}

static int wt_policy_parse(const char *val, struct wt_priv_policy **out)
{
	struct wt_priv_policy *pol;
	const char *s = skip_spaces(val);
	size_t len = strlen(s);
	int err;

	while (len && isspace(s[len - 1]))
		len--;
	pol = kzalloc(struct_size(pol, rules, WT_POLICY_MAX_RULES), GFP_KERNEL);
	if (!pol)
		return -ENOMEM;
	while (len) {
		const char *semi = memchr(s, ';', len);
		size_t n = semi ? (size_t)(semi - s) : len;

		if (pol->count == WT_POLICY_MAX_RULES) {
			err = -E2BIG;
			goto fail;
		}
		err = wt_parse_rule(s, n, &pol->rules[pol->count]);
		if (err)
			goto fail;
		pol->count++;
		if (!semi)
			break;
		s = semi + 1;
		len -= n + 1;
		if (!len) {	/* trailing ';' */
			err = -EINVAL;
			goto fail;
		}
	}
	*out = pol;
	return 0;
fail:
	kfree(pol);
	return err;
}

/*
 * Replace the policy with @pol (NULL: none); the old one is freed after
 * the derivations reading it under RCU are done.
 */
static void wt_policy_publish(struct wt_priv_policy *pol)
{
	struct wt_priv_policy *old;

	mutex_lock(&wt_policy_lock);
	old = rcu_replace_pointer(wt_policy, pol, lockdep_is_held(&wt_policy_lock));
	mutex_unlock(&wt_policy_lock);
	if (old)
		kfree_rcu(old, rcu);
}

static int wt_policy_set(const char *val, const struct kernel_param *kp)
{
	struct wt_priv_policy *pol;
	int err;

	err = wt_policy_parse(val, &pol);
	if (err)
		return err;
	wt_policy_publish(pol);
	return 0;
}

static int wt_policy_get(char *buf, const struct kernel_param *kp)
{
	const struct wt_priv_policy *pol;
	size_t len = 0;
	u32 i, luid;

	rcu_read_lock();
	pol = rcu_dereference(wt_policy);
	for (i = 0; pol && i < pol->count; i++) {
		const struct wt_priv_rule *r = &pol->rules[i];
		bool first = true;

		len += scnprintf(buf + len, PAGE_SIZE - len, "%s%s:%u:",
				 i ? ";" : "", r->kind == WT_RULE_UID ? "uid" : "gid",
				 r->id);
		for (luid = WT_SE_MIN_PRIVILEGE; luid <= WT_SE_MAX_PRIVILEGE; luid++) {
			if (!(r->privs & (1ULL << luid)))
				continue;
			len += scnprintf(buf + len, PAGE_SIZE - len, "%s%s",
					 first ? "" : ",", wt_privilege_name(luid));
			first = false;
		}
	}
	rcu_read_unlock();
	len += scnprintf(buf + len, PAGE_SIZE - len, "\n");
	return len;
}

static const struct kernel_param_ops wt_policy_ops = {
	.set = wt_policy_set,
	.get = wt_policy_get,
};

module_param_cb(privileges, &wt_policy_ops, NULL, 0644);
MODULE_PARM_DESC(privileges,
		 "privileges added to derived tokens: uid:N:Priv[,Priv...][;gid:N:Priv...] (see Documentation/design/tokens.rst)");

/**
 * wt_policy_get_rules() - copy the privilege policy out (netlink.c)
 * @rules: room for @max rules
 * @max: at least %WT_POLICY_MAX_RULES
 *
 * Return: the number of rules copied.
 */
u32 wt_policy_get_rules(struct wt_policy_rule *rules, u32 max)
{
	const struct wt_priv_policy *pol;
	u32 i, n = 0;

	rcu_read_lock();
	pol = rcu_dereference(wt_policy);
	for (i = 0; pol && i < pol->count && n < max; i++, n++) {
		rules[n].kind = pol->rules[i].kind == WT_RULE_UID ?
				WT_POLICY_UID : WT_POLICY_GID;
		rules[n].id = pol->rules[i].id;
		rules[n].privs = pol->rules[i].privs;
	}
	rcu_read_unlock();
	return n;
}

/**
 * wt_policy_set_rules() - replace the privilege policy (netlink.c)
 * @rules: @n rules, already validated by the caller
 * @n: at most %WT_POLICY_MAX_RULES; 0 clears the policy
 *
 * Return: 0, -E2BIG or -ENOMEM (the old policy then stays).
 */
int wt_policy_set_rules(const struct wt_policy_rule *rules, u32 n)
{
	struct wt_priv_policy *pol;
	u32 i;

	if (n > WT_POLICY_MAX_RULES)
		return -E2BIG;
	pol = kzalloc(struct_size(pol, rules, n), GFP_KERNEL);
	if (!pol)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		pol->rules[i].kind = rules[i].kind == WT_POLICY_UID ?
				     WT_RULE_UID : WT_RULE_GID;
		pol->rules[i].id = rules[i].id;
		pol->rules[i].privs = rules[i].privs;
	}
	pol->count = n;
	wt_policy_publish(pol);
	return 0;
}

/**
 * wt_policy_init() - set up what derivation needs
 *
 * Return: 0.
 */
int wt_policy_init(void)
{
	wt_derive_source_luid = wt_luid_alloc();
	return 0;
}

/**
 * wt_policy_exit() - free the privilege policy at unload
 */
void wt_policy_exit(void)
{
	wt_policy_publish(NULL);
}

static bool wt_cred_in_group(const struct cred *cred, u32 gid)
{
	const struct group_info *gi = cred->group_info;
	int i;

	if (from_kgid(&init_user_ns, cred->egid) == gid)
		return true;
	for (i = 0; i < gi->ngroups; i++)
		if (from_kgid(&init_user_ns, gi->gid[i]) == gid)
			return true;
	return false;
}

/* Privileges the policy grants to @cred: present and enabled-by-default. */
static void wt_policy_privs(const struct cred *cred, u32 uid, u64 *present,
			    u64 *enabled)
{
	const struct wt_priv_policy *pol;
	u64 extra = 0;
	u32 i;

	if (uid == 0) {
		*enabled = WT_SYSTEM_PRIVS_ENABLED;
		*present = WT_SYSTEM_PRIVS_ENABLED | WT_SYSTEM_PRIVS_DISABLED;
	} else {
		*enabled = PRIV(CHANGE_NOTIFY);
		*present = PRIV(CHANGE_NOTIFY);
	}
	rcu_read_lock();
	pol = rcu_dereference(wt_policy);
	for (i = 0; pol && i < pol->count; i++) {
		const struct wt_priv_rule *r = &pol->rules[i];

		if (r->kind == WT_RULE_UID ? r->id == uid : wt_cred_in_group(cred, r->id))
			extra |= r->privs;
	}
	rcu_read_unlock();
	*enabled |= extra & WT_PRIVS_ENABLED_WHEN_GRANTED & ~*present;
	*present |= extra;
}

/* ---- derivation ---- */

static void wt_add_group(struct wt_token_state *st, u32 *n,
			 const struct wt_sid *sid, u32 attributes)
{
	struct wt_sid_attr *g = &wt_state_groups(st)[*n];

	g->sid = *sid;
	g->attributes = attributes;
	(*n)++;
}

static void wt_add_well_known(struct wt_token_state *st, u32 *n,
			      enum wt_well_known_sid which, u32 attributes)
{
	struct wt_sid sid;

	wt_sid_well_known(&sid, which);
	wt_add_group(st, n, &sid, attributes);
}

/* The default DACL of derived tokens: user and SYSTEM get GENERIC_ALL. */
static long wt_build_default_dacl(const struct wt_sid *user, u8 *buf, size_t size)
{
	struct wt_ace_spec aces[2] = {};
	struct wt_sd_spec spec = {};

	aces[0].type = WT_ACCESS_ALLOWED_ACE_TYPE;
	aces[0].mask = WT_GENERIC_ALL;
	aces[0].sid = *user;
	aces[1].type = WT_ACCESS_ALLOWED_ACE_TYPE;
	aces[1].mask = WT_GENERIC_ALL;
	wt_sid_well_known(&aces[1].sid, WT_SID_LOCAL_SYSTEM);
	spec.dacl.present = true;
	spec.dacl.revision = WT_ACL_REVISION;
	spec.dacl.count = 2;
	spec.dacl.aces = aces;
	return wt_sd_build(&spec, buf, size);
}

#define WT_GROUP_DEFAULT_ATTRS \
	(WT_SE_GROUP_MANDATORY | WT_SE_GROUP_ENABLED_BY_DEFAULT | WT_SE_GROUP_ENABLED)

/*
 * The SID of Linux id @id of @kind (%WT_IDMAP_UID or %WT_IDMAP_GID): the
 * one @map gives it, or S-1-22-1-id / S-1-22-2-id. Return: true when
 * mapped (the S-1-22 SID then joins the groups too).
 */
static __always_inline bool wt_derive_sid(const struct wt_idmap *map,
					  u32 kind, u32 id, struct wt_sid *sid)
{
	const struct wt_sid *mapped = map ? wt_idmap_sid_of(map, kind, id) : NULL;

	if (mapped) {
		*sid = *mapped;
		return true;
	}
	if (kind == WT_IDMAP_UID)
		wt_sid_from_uid(sid, id);
	else
		wt_sid_from_gid(sid, id);
	return false;
}

/* Is @gi->gid[@i] a supplementary gid of its own (not the egid, not a repeat)? */
static bool wt_derive_supp(const struct group_info *gi, u32 i, u32 gid)
{
	return from_kgid(&init_user_ns, gi->gid[i]) != gid &&
	       (!i || !gid_eq(gi->gid[i], gi->gid[i - 1]));
}

/*
 * The groups of the Linux ids, from one version of the map: the primary
 * group, each supplementary gid, then the S-1-22 SIDs of the mapped ids
 * (user and groups). Returns the number added, or counts only when @st
 * is NULL (no SID is built then). Every re-derivation (each setuid())
 * runs this twice: inline, so that the counting call folds to a loop over
 * the gids, and without a map, the usual case, there is no second pass.
 */
static __always_inline u32
wt_derive_id_groups(struct wt_token_state *st, u32 *n,
		    const struct wt_idmap *map, const struct cred *cred,
		    u32 uid, u32 gid)
{
	const struct group_info *gi = cred->group_info;
	u32 i, count = 0, start = n ? *n : 0;
	struct wt_sid sid;

	/* The groups' own SIDs: the one the map gives, else S-1-22-2-gid. */
	for (i = 0; i <= gi->ngroups; i++) {
		u32 g = i ? from_kgid(&init_user_ns, gi->gid[i - 1]) : gid;

		if (i && !wt_derive_supp(gi, i - 1, gid))
			continue;
		count++;
		if (!st)
			continue;
		wt_derive_sid(map, WT_IDMAP_GID, g, &sid);
		wt_add_group(st, n, &sid, WT_GROUP_DEFAULT_ATTRS);
		if (!i)
			st->primary_group = sid;
	}
	if (!map)
		goto out;
	/* The S-1-22 SIDs of the mapped user and groups. */
	if (wt_idmap_sid_of(map, WT_IDMAP_UID, uid)) {
		if (st) {
			wt_sid_from_uid(&sid, uid);
			wt_add_group(st, n, &sid, WT_GROUP_DEFAULT_ATTRS);
		}
		count++;
	}
	for (i = 0; i <= gi->ngroups; i++) {
		u32 g = i ? from_kgid(&init_user_ns, gi->gid[i - 1]) : gid;

		if ((i && !wt_derive_supp(gi, i - 1, gid)) ||
		    !wt_idmap_sid_of(map, WT_IDMAP_GID, g))
			continue;
		if (st) {
			wt_sid_from_gid(&sid, g);
			wt_add_group(st, n, &sid, WT_GROUP_DEFAULT_ATTRS);
		}
		count++;
	}
out:
	WARN_ON_ONCE(st && *n - start != count);
	return count;
}

/**
 * wt_token_derive_capped() - build the token of a Linux identity, at most
 *	at an integrity level
 * @cred: the credentials (effective uid and gid, supplementary groups)
 * @origin: logon session of the token this one replaces, or 0
 * @max_integrity: the highest integrity level the token may have (the
 *	level of a token the caller lowered); U32_MAX: no cap
 * @gfp: allocation flags (GFP_ATOMIC from atomic hooks)
 *
 * The user, the primary group and the supplementary groups get the SIDs
 * the id map gives their ids, else their S-1-22 SIDs; one version of the
 * map decides all of them. A mapped id keeps its S-1-22 SID as a group,
 * so ACEs naming it (deny ACEs above all) still apply.
 *
 * Return: a new primary token with one reference, or ERR_PTR(-ENOMEM),
 * ERR_PTR(-E2BIG) (too many groups: refused rather than truncated).
 */
struct wt_token *wt_token_derive_capped(const struct cred *cred, u64 origin,
					u32 max_integrity, gfp_t gfp)
{
	const struct group_info *gi = cred->group_info;
	u32 uid = from_kuid(&init_user_ns, cred->euid);
	u32 gid = from_kgid(&init_user_ns, cred->egid);
	u32 ngids = gi->ngroups, ngroups, nids, n = 0, i, admin_index = 0;
	u32 integrity = uid == 0 ? WT_INTEGRITY_SYSTEM : WT_INTEGRITY_MEDIUM;
	const struct wt_idmap *map = NULL;
	struct wt_token_state *st = NULL;
	struct wt_token *tok;
	struct wt_sid sid;
	long dacl_len;
	int err = -ENOMEM;

	if (ngids > WT_TOKEN_MAX_LINUX_GROUPS)
		return ERR_PTR(-E2BIG);
	map = wt_idmap_get();
	nids = wt_derive_id_groups(NULL, NULL, map, cred, uid, gid);
	/* the ids' groups, Everyone, Local, AU, logon, integrity, admins */
	ngroups = nids + 5 + (uid == 0);
	if (ngroups > WT_TOKEN_MAX_GROUPS) {
		wt_idmap_put(map);
		return ERR_PTR(-E2BIG);
	}

	tok = wt_token_alloc(ngids, gfp);
	if (!tok)
		goto fail;
	tok->flags = WT_TOKF_DERIVED;
	tok->auth_id = wt_luid_alloc();
	tok->origin = origin;
	memcpy(tok->source_name, "LinuxIds", sizeof(tok->source_name));
	tok->source_luid = wt_derive_source_luid;
	tok->uid = cred->euid;
	tok->gid = cred->egid;
	tok->ngroups = ngids;
	for (i = 0; i < ngids; i++)
		tok->gids[i] = gi->gid[i];

	wt_derive_sid(map, WT_IDMAP_UID, uid, &sid);
	if (wt_logon_session_new(tok->auth_id, WT_LOGON_LINUX_IDS, &sid, gfp))
		goto fail;	/* err is -ENOMEM */
	dacl_len = wt_build_default_dacl(&sid, NULL, 0);
	if (dacl_len < 0) {
		err = dacl_len;
		goto fail;
	}
	st = wt_state_alloc(ngroups, 0, dacl_len, gfp);
	if (!st)
		goto fail;
	st->view.user.sid = sid;
	st->view.user.attributes = 0;
	if (wt_build_default_dacl(&sid, wt_state_dacl_area(st), dacl_len) != dacl_len) {
		err = -EINVAL;
		goto fail;
	}

	wt_add_well_known(st, &n, WT_SID_EVERYONE, WT_GROUP_DEFAULT_ATTRS);
	wt_derive_id_groups(st, &n, map, cred, uid, gid);
	wt_idmap_put(map);
	map = NULL;
	if (uid == 0) {
		wt_add_well_known(st, &n, WT_SID_BUILTIN_ADMINISTRATORS,
				  WT_GROUP_DEFAULT_ATTRS | WT_SE_GROUP_OWNER);
		admin_index = n;
	}
	wt_add_well_known(st, &n, WT_SID_LOCAL, WT_GROUP_DEFAULT_ATTRS);
	/* The overflow uid stands for "unmapped": not authenticated. */
	if (uid != (u32)overflowuid)
		wt_add_well_known(st, &n, WT_SID_AUTHENTICATED_USERS,
				  WT_GROUP_DEFAULT_ATTRS);
	wt_sid_logon(&sid, upper_32_bits(tok->auth_id), lower_32_bits(tok->auth_id));
	wt_add_group(st, &n, &sid, WT_GROUP_DEFAULT_ATTRS | WT_SE_GROUP_LOGON_ID);
	integrity = min(integrity, max_integrity);
	wt_sid_init(&sid, 16, 1, &integrity);
	wt_add_group(st, &n, &sid,
		     WT_SE_GROUP_INTEGRITY | WT_SE_GROUP_INTEGRITY_ENABLED);
	st->view.group_count = n;

	st->view.integrity_level = integrity;
	st->view.mandatory_policy = WT_TOKEN_MANDATORY_POLICY_NO_WRITE_UP |
				    WT_TOKEN_MANDATORY_POLICY_NEW_PROCESS_MIN;
	wt_policy_privs(cred, uid, &st->privs_present, &st->privs_default);
	st->view.privileges = st->privs_default;
	st->owner_index = admin_index;
	st->session_id = 0;
	/*
	 * The traverse requirement never attaches anything here: the policy
	 * only adds to a base that has SeChangeNotify enabled, so derivation
	 * in atomic hooks cannot need the traverse hook; a future change that
	 * breaks this fails in wt_token_install_new().
	 */
	return wt_token_install_new(tok, st, dacl_len, 0);

fail:
	wt_idmap_put(map);
	return wt_token_install_new(tok, st, 0, err);
}

/**
 * wt_token_derive() - build the token of a Linux identity
 * @cred: the credentials (effective uid and gid, supplementary groups)
 * @origin: logon session of the token this one replaces, or 0
 * @gfp: allocation flags (GFP_ATOMIC from atomic hooks)
 *
 * Return: as wt_token_derive_capped(), at the identity's own level
 * (System for root, Medium for anyone else).
 */
struct wt_token *wt_token_derive(const struct cred *cred, u64 origin, gfp_t gfp)
{
	return wt_token_derive_capped(cred, origin, U32_MAX, gfp);
}

/**
 * wt_token_derived_cap() - the integrity cap a re-derivation of @tok keeps
 * @tok: a derived token whose ids no longer match its cred
 *
 * A process that lowered the integrity level of its own derived token
 * (SetTokenInformation) keeps the lowered level when its ids change (a
 * setuid or setgid exec, setuid() by root): a Low process must not get a
 * Medium or System token back by running a set-id program. A token at its
 * identity's own level is not capped: sudo still gives root System.
 *
 * Return: the highest level the new token may have, U32_MAX for no cap.
 */
u32 wt_token_derived_cap(struct wt_token *tok)
{
	u32 own = uid_eq(tok->uid, GLOBAL_ROOT_UID) ? WT_INTEGRITY_SYSTEM :
						      WT_INTEGRITY_MEDIUM;
	u32 level;

	rcu_read_lock();
	level = wt_token_state(tok)->view.integrity_level;
	rcu_read_unlock();
	return level < own ? level : U32_MAX;
}

/**
 * wt_token_matches_cred() - was @tok derived from exactly these ids?
 * @tok: a token
 * @cred: credentials
 *
 * Return: true when @tok is a derived token whose effective uid, effective
 * gid and supplementary gids are those of @cred. Always true for a token
 * that was not derived (an assigned token is kept whatever the ids).
 */
bool wt_token_matches_cred(const struct wt_token *tok, const struct cred *cred)
{
	const struct group_info *gi = cred->group_info;
	int i;

	if (!(tok->flags & WT_TOKF_DERIVED))
		return true;
	if (!uid_eq(tok->uid, cred->euid) || !gid_eq(tok->gid, cred->egid) ||
	    tok->ngroups != gi->ngroups)
		return false;
	for (i = 0; i < gi->ngroups; i++)
		if (!gid_eq(tok->gids[i], gi->gid[i]))
			return false;
	return true;
}

/**
 * wt_token_anonymous() - the token of an anonymous client
 *
 * What a server impersonating at %WT_SECURITY_ANONYMOUS gets instead of
 * its client's token: ANONYMOUS LOGON (S-1-5-7) as user and primary group,
 * a logon SID of its own, untrusted integrity, no privileges. Everyone is
 * left out, as on Windows unless "everyone includes anonymous" is set.
 *
 * Return: a new impersonation token at %WT_SECURITY_ANONYMOUS with one
 * reference, or ERR_PTR(-ENOMEM).
 */
struct wt_token *wt_token_anonymous(void)
{
	struct wt_token_state *st = NULL;
	struct wt_token *tok;
	struct wt_sid sid;
	u32 n = 0;
	int err = -ENOMEM;

	tok = wt_token_alloc(0, GFP_KERNEL);
	if (!tok)
		return ERR_PTR(-ENOMEM);
	tok->type = WT_TOKEN_IMPERSONATION;
	tok->level = WT_SECURITY_ANONYMOUS;
	tok->auth_id = wt_luid_alloc();
	memcpy(tok->source_name, "Anonymou", sizeof(tok->source_name));
	tok->source_luid = wt_derive_source_luid;
	st = wt_state_alloc(2, 0, 0, GFP_KERNEL);
	if (!st)
		goto fail;
	wt_sid_well_known(&sid, WT_SID_ANONYMOUS);
	if (wt_logon_session_new(tok->auth_id, WT_LOGON_NETWORK, &sid, GFP_KERNEL))
		goto fail;	/* err is -ENOMEM */
	st->view.user.sid = sid;
	st->primary_group = sid;
	wt_sid_logon(&sid, upper_32_bits(tok->auth_id), lower_32_bits(tok->auth_id));
	wt_add_group(st, &n, &sid, WT_GROUP_DEFAULT_ATTRS | WT_SE_GROUP_LOGON_ID);
	wt_add_well_known(st, &n, WT_SID_ML_UNTRUSTED,
			  WT_SE_GROUP_INTEGRITY | WT_SE_GROUP_INTEGRITY_ENABLED);
	st->view.group_count = n;
	st->view.integrity_level = WT_INTEGRITY_UNTRUSTED;
	st->view.mandatory_policy = WT_TOKEN_MANDATORY_POLICY_NO_WRITE_UP;
	/* No privileges at all: this may be the first such state. */
	return wt_token_install_new(tok, st, 0, 0);
fail:
	return wt_token_install_new(tok, st, 0, err);
}
