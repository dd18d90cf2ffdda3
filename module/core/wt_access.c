// SPDX-License-Identifier: GPL-2.0
/*
 * The access check: [MS-DTYP] 2.5.3.2 plus the parts of Windows behaviour
 * the specification leaves out (mandatory integrity control, restricted
 * tokens, privileges). Documentation/security-core.rst describes the rules.
 *
 * Runs in permission hooks: no allocation, no recursion, small frames, and
 * every read of the SD is bounded by the ACL sizes even if the view was not
 * produced by wt_sd_parse().
 */
#include "wt_access.h"
#include "wt_sd_emit.h"

const struct wt_generic_mapping wt_file_mapping = {
	.read = WT_FILE_GENERIC_READ,
	.write = WT_FILE_GENERIC_WRITE,
	.execute = WT_FILE_GENERIC_EXECUTE,
	.all = WT_FILE_ALL_ACCESS,
};

/* NTFS maps directories exactly like files; the bits just read differently. */
const struct wt_generic_mapping wt_directory_mapping = {
	.read = WT_FILE_GENERIC_READ,
	.write = WT_FILE_GENERIC_WRITE,
	.execute = WT_FILE_GENERIC_EXECUTE,
	.all = WT_FILE_ALL_ACCESS,
};

const struct wt_generic_mapping wt_token_mapping = {
	.read = WT_TOKEN_READ,
	.write = WT_TOKEN_WRITE,
	.execute = WT_TOKEN_EXECUTE,
	.all = WT_TOKEN_ALL_ACCESS,
};

const struct wt_generic_mapping wt_ipc_mapping = {
	.read = WT_IPC_GENERIC_READ,
	.write = WT_IPC_GENERIC_WRITE,
	.execute = WT_IPC_GENERIC_EXECUTE,
	.all = WT_IPC_ALL_ACCESS,
};

#define WT_GENERIC_BITS (WT_GENERIC_ALL | WT_GENERIC_EXECUTE | \
			 WT_GENERIC_WRITE | WT_GENERIC_READ)
/* What an ACE can grant: ACCESS_SYSTEM_SECURITY needs the privilege. */
#define WT_DACL_GRANTABLE (WT_STANDARD_RIGHTS_ALL | WT_SPECIFIC_RIGHTS_ALL)
#define WT_OWNER_IMPLICIT (WT_READ_CONTROL | WT_WRITE_DAC)

/**
 * wt_map_generic() - replace GENERIC_* bits by specific rights
 * @mask: the mask to rewrite
 * @map: the object type's mapping
 */
void wt_map_generic(u32 *mask, const struct wt_generic_mapping *map)
{
	u32 m = *mask;

	if (m & WT_GENERIC_READ)
		m |= map->read;
	if (m & WT_GENERIC_WRITE)
		m |= map->write;
	if (m & WT_GENERIC_EXECUTE)
		m |= map->execute;
	if (m & WT_GENERIC_ALL)
		m |= map->all;
	*mask = m & ~WT_GENERIC_BITS;
}

/**
 * struct ac_ace - the fields of an ACE the check needs
 * @type: AceType
 * @flags: AceFlags
 * @mask: access mask
 * @sid: trustee, inside the ACL
 * @object_type: an ObjectType GUID is present
 */
struct ac_ace {
	u8 type;
	u8 flags;
	u32 mask;
	const struct wt_sid *sid;
	bool object_type;
};

#define AC_OBJECT_TYPES ((1u << WT_ACCESS_ALLOWED_OBJECT_ACE_TYPE) | \
			 (1u << WT_ACCESS_DENIED_OBJECT_ACE_TYPE) | \
			 (1u << WT_SYSTEM_AUDIT_OBJECT_ACE_TYPE) | \
			 (1u << WT_SYSTEM_ALARM_OBJECT_ACE_TYPE) | \
			 (1u << WT_ACCESS_ALLOWED_CALLBACK_OBJECT_ACE_TYPE) | \
			 (1u << WT_ACCESS_DENIED_CALLBACK_OBJECT_ACE_TYPE) | \
			 (1u << WT_SYSTEM_AUDIT_CALLBACK_OBJECT_ACE_TYPE) | \
			 (1u << WT_SYSTEM_ALARM_CALLBACK_OBJECT_ACE_TYPE))

#define AC_CALLBACK_TYPES ((1u << WT_ACCESS_ALLOWED_CALLBACK_ACE_TYPE) | \
			   (1u << WT_ACCESS_DENIED_CALLBACK_ACE_TYPE) | \
			   (1u << WT_ACCESS_ALLOWED_CALLBACK_OBJECT_ACE_TYPE) | \
			   (1u << WT_ACCESS_DENIED_CALLBACK_OBJECT_ACE_TYPE))

/*
 * Lean ACE walk for the hot path: it decodes only what the check uses, and
 * bounds every read by the ACL's size so a forged view cannot make it
 * overrun.
 */
static __always_inline bool ac_next(const struct wt_acl_view *acl,
				    u32 *off, u32 *index, struct ac_ace *a)
{
	const u8 *p;
	u32 size, sid_off = 8;

	if (*index >= acl->count || *off + 16 > acl->size)
		return false;
	p = acl->acl + *off;
	size = wt_get_le16(p + 2);
	if (size < 16 || size > acl->size - *off)
		return false;
	a->type = p[0];
	a->flags = p[1];
	a->mask = wt_get_le32(p + 4);
	a->object_type = false;
	if (unlikely(a->type < 32 && ((1u << a->type) & AC_OBJECT_TYPES))) {
		u32 oflags = wt_get_le32(p + 8);

		sid_off = 12;
		if (oflags & WT_ACE_OBJECT_TYPE_PRESENT) {
			sid_off += WT_GUID_SIZE;
			a->object_type = true;
		}
		if (oflags & WT_ACE_INHERITED_OBJECT_TYPE_PRESENT)
			sid_off += WT_GUID_SIZE;
		if (sid_off + WT_SID_HEADER_SIZE > size)
			return false;
	}
	/* Bounds the SID (and any memcmp of it) by the ACE's size. */
	a->sid = (const struct wt_sid *)(p + sid_off);
	if (sid_off + wt_sid_size(a->sid) > size)
		return false;
	*off += size;
	(*index)++;
	return true;
}

/*
 * A privilege of the token the check may use: wt_access_privileges_decided()
 * withholds one to learn whether the outcome depended on it.
 */
static inline bool tok_priv(const struct wt_token_view *tok,
			    const struct wt_access_request *req,
			    unsigned int luid)
{
	return wt_token_has_privilege(tok, luid) &&
	       !((req->withheld_privileges >> luid) & 1);
}

static inline bool sid_is(const struct wt_sid *sid, u8 authority, u32 rid)
{
	return sid->sub_authority_count == 1 &&
	       sid->identifier_authority[5] == authority &&
	       !sid->identifier_authority[0] && !sid->identifier_authority[1] &&
	       !sid->identifier_authority[2] && !sid->identifier_authority[3] &&
	       !sid->identifier_authority[4] && sid->revision == 1 &&
	       wt_sid_sub(sid, 0) == rid;
}

#define sid_is_owner_rights(s) sid_is((s), 3, 4)
#define sid_is_principal_self(s) sid_is((s), 5, 10)

/**
 * struct ac_ctx - state of one access check
 * @sd: the security descriptor
 * @tok: the token
 * @req: the request
 * @indexed: @tok->sid_index is usable
 * @owner_rights: the DACL names OWNER RIGHTS in an effective ACE
 * @owner: the token (normal SIDs) is the owner
 * @restricted_owner: a restricting SID is the owner
 * @cond_work: work left for conditional expressions in this check
 */
struct ac_ctx {
	const struct wt_sd_view *sd;
	const struct wt_token_view *tok;
	const struct wt_access_request *req;
	bool indexed;
	bool owner_rights;
	bool owner;
	bool restricted_owner;
	u32 *cond_work;
};

/*
 * SID equality for the hot path: count and RID first (where SIDs in one
 * token differ), then the rest; no out-of-line memcmp() call.
 */
static __always_inline bool sid_same(const struct wt_sid *a,
				     const struct wt_sid *b)
{
	u8 n = a->sub_authority_count;
	unsigned int i;

	if (n != b->sub_authority_count)
		return false;
	if (n && a->sub_authority[n - 1] != b->sub_authority[n - 1])
		return false;
	if (a->revision != b->revision ||
	    memcmp(a->identifier_authority, b->identifier_authority, 6))
		return false;
	for (i = 0; i + 1 < n; i++)
		if (a->sub_authority[i] != b->sub_authority[i])
			return false;
	return true;
}

/*
 * Does the token hold @sid for an ACE of this kind? Deny-only SIDs match
 * deny ACEs only; disabled groups match nothing. Restricting SIDs count as
 * enabled unless marked deny-only. The same SID may be listed twice with
 * different attributes, so a list search looks for any entry that matches.
 */
static __always_inline bool token_holds(const struct ac_ctx *c,
					const struct wt_sid *sid,
					bool deny, bool restricted)
{
	const struct wt_token_view *tok = c->tok;
	const struct wt_sid_attr *list;
	u32 i, n;

	if (restricted) {
		list = tok->restricted;
		n = tok->restricted_count;
	} else {
		if (c->indexed) {
			u8 slot = tok->sid_index[wt_sid_bucket(sid)];
			const struct wt_sid_attr *g;

			if (!slot)
				return false;
			if (slot != WT_SLOT_SEVERAL) {
				g = slot == 1 ? &tok->user : &tok->groups[slot - 2];
				if (!sid_same(&g->sid, sid))
					return false;
				if (slot == 1)
					return deny || !(g->attributes &
						WT_SE_GROUP_USE_FOR_DENY_ONLY);
				return wt_group_matches(g->attributes, deny, false);
			}
		}
		if (sid_same(&tok->user.sid, sid) &&
		    (deny || !(tok->user.attributes &
			       WT_SE_GROUP_USE_FOR_DENY_ONLY)))
			return true;
		list = tok->groups;
		n = tok->group_count;
	}
	for (i = 0; i < n; i++) {
		if (sid_same(&list[i].sid, sid) &&
		    wt_group_matches(list[i].attributes, deny, restricted))
			return true;
	}
	return false;
}

static bool token_is_owner(const struct ac_ctx *c, bool restricted)
{
	return token_holds(c, c->sd->owner, false, restricted);
}

enum ace_role { ROLE_IGNORE, ROLE_ALLOW, ROLE_DENY };

/*
 * What an ACE does in the DACL walk. A callback ACE does it only when its
 * condition says so (see cond_applies()). Object ACEs naming an object
 * type do not apply: a plain access check has no object type list.
 */
static const u8 dacl_roles[32] = {
	[WT_ACCESS_ALLOWED_ACE_TYPE] = ROLE_ALLOW,
	[WT_ACCESS_ALLOWED_CALLBACK_ACE_TYPE] = ROLE_ALLOW,
	[WT_ACCESS_ALLOWED_OBJECT_ACE_TYPE] = ROLE_ALLOW,
	[WT_ACCESS_ALLOWED_CALLBACK_OBJECT_ACE_TYPE] = ROLE_ALLOW,
	[WT_ACCESS_DENIED_ACE_TYPE] = ROLE_DENY,
	[WT_ACCESS_DENIED_CALLBACK_ACE_TYPE] = ROLE_DENY,
	[WT_ACCESS_DENIED_OBJECT_ACE_TYPE] = ROLE_DENY,
	[WT_ACCESS_DENIED_CALLBACK_OBJECT_ACE_TYPE] = ROLE_DENY,
};

static __always_inline enum ace_role dacl_role(const struct ac_ace *a)
{
	if (a->type >= ARRAY_SIZE(dacl_roles) || a->object_type)
		return ROLE_IGNORE;
	return (enum ace_role)dacl_roles[a->type];
}

static __always_inline bool ace_applies(const struct ac_ctx *c,
					const struct wt_sid *sid,
					bool deny, bool restricted, bool owner)
{
	if (sid->sub_authority_count == 1) {
		if (sid_is_owner_rights(sid))
			return owner;
		if (sid_is_principal_self(sid) && c->req->principal_self)
			sid = c->req->principal_self;
	}
	return token_holds(c, sid, deny, restricted);
}

/*
 * Does a callback ACE whose SID matched take effect? [MS-DTYP] 2.5.3.2:
 * an allow when its condition is TRUE, a deny when it is TRUE or UNKNOWN
 * (every error is UNKNOWN, so errors never grant).
 */
static bool cond_applies(const struct ac_ctx *c, const struct ac_ace *a,
			 const u8 *ace_end, bool deny, bool restricted)
{
	struct wt_cond_env env = {
		.tok = c->tok,
		.sacl = &c->sd->sacl,
		.deny = deny,
		.restricted = restricted,
		.work = c->cond_work,
	};
	/* The condition follows the SID, to the ACE's end (ac_next bounds). */
	const u8 *cond = (const u8 *)a->sid + wt_sid_size(a->sid);
	enum wt_cond_result r = wt_cond_eval(cond, (u32)(ace_end - cond), &env);

	return deny ? r != WT_COND_FALSE : r == WT_COND_TRUE;
}

/*
 * One walk of the DACL for the normal SIDs or for the restricting SIDs.
 * Returns the rights in @interest the walk grants. With @all false it stops
 * as soon as the outcome is known, which is what makes the common case fast.
 */
static u32 dacl_pass(const struct ac_ctx *c, u32 interest, bool all,
		     bool restricted)
{
	const struct wt_acl_view *acl = &c->sd->dacl;
	u32 granted = 0, denied = 0, off = WT_ACL_HEADER_SIZE, index = 0;
	bool owner = restricted ? c->restricted_owner : c->owner;
	struct ac_ace a;

	if (owner && !c->owner_rights)
		granted = WT_OWNER_IMPLICIT & interest;
	while (ac_next(acl, &off, &index, &a)) {
		enum ace_role role;
		u32 bits;

		if (a.flags & WT_INHERIT_ONLY_ACE)
			continue;
		bits = a.mask & interest & ~(granted | denied);
		if (!bits)
			continue;
		role = dacl_role(&a);
		if (role == ROLE_IGNORE ||
		    !ace_applies(c, a.sid, role == ROLE_DENY, restricted, owner))
			continue;
		/*
		 * Only for an ACE that matched, so a walk past ACEs of other
		 * SIDs pays nothing for conditions.
		 */
		if (unlikely((1u << a.type) & AC_CALLBACK_TYPES) &&
		    !cond_applies(c, &a, acl->acl + off, role == ROLE_DENY,
				  restricted))
			continue;
		if (role == ROLE_ALLOW) {
			granted |= bits;
			if (!all && granted == interest)
				break;
		} else {
			denied |= bits;
			if (!all)
				break;
		}
	}
	return granted;
}

static bool dacl_names_owner_rights(const struct wt_acl_view *acl)
{
	u32 off = WT_ACL_HEADER_SIZE, index = 0;
	struct ac_ace a;

	while (ac_next(acl, &off, &index, &a)) {
		if (!(a.flags & WT_INHERIT_ONLY_ACE) &&
		    sid_is_owner_rights(a.sid))
			return true;
	}
	return false;
}

/*
 * Rights mandatory integrity control withholds. The object's label comes
 * from the first effective label ACE of the SACL; an unlabelled object is
 * Medium with NO_WRITE_UP. A token below the object's level keeps only the
 * read and execute rights the policy does not forbid, and the write rights
 * unless NO_WRITE_UP applies (which needs the token's NO_WRITE_UP policy).
 */
static u32 mic_withheld(const struct ac_ctx *c)
{
	const struct wt_generic_mapping *map = c->req->mapping;
	u32 level = WT_INTEGRITY_MEDIUM;
	u32 policy = WT_SYSTEM_MANDATORY_LABEL_NO_WRITE_UP;
	u32 off = WT_ACL_HEADER_SIZE, index = 0, allowed, blocked;
	struct ac_ace a;

	if (c->sd->sacl.acl) {
		while (ac_next(&c->sd->sacl, &off, &index, &a)) {
			if (a.type != WT_SYSTEM_MANDATORY_LABEL_ACE_TYPE ||
			    (a.flags & WT_INHERIT_ONLY_ACE) ||
			    !wt_sid_is_integrity(a.sid, &level))
				continue;
			policy = a.mask;
			break;
		}
	}
	if (c->tok->integrity_level >= level)
		return 0;
	allowed = 0;
	if (!(policy & WT_SYSTEM_MANDATORY_LABEL_NO_READ_UP))
		allowed |= map->read;
	if (!(policy & WT_SYSTEM_MANDATORY_LABEL_NO_EXECUTE_UP))
		allowed |= map->execute;
	if ((policy & WT_SYSTEM_MANDATORY_LABEL_NO_WRITE_UP) &&
	    (c->tok->mandatory_policy & WT_TOKEN_MANDATORY_POLICY_NO_WRITE_UP))
		blocked = ~0u;
	else
		blocked = ((policy & WT_SYSTEM_MANDATORY_LABEL_NO_READ_UP) ?
			   map->read : 0) |
			  ((policy & WT_SYSTEM_MANDATORY_LABEL_NO_EXECUTE_UP) ?
			   map->execute : 0);
	return blocked & ~allowed;
}

static bool sacl_audit_role(const struct ac_ace *a)
{
	switch (a->type) {
	case WT_SYSTEM_AUDIT_ACE_TYPE:
	case WT_SYSTEM_AUDIT_CALLBACK_ACE_TYPE:
		return true;
	case WT_SYSTEM_AUDIT_OBJECT_ACE_TYPE:
	case WT_SYSTEM_AUDIT_CALLBACK_OBJECT_ACE_TYPE:
		return !a->object_type;
	default:
		return false;
	}
}

/*
 * Audit ACEs match like deny ACEs (deny-only SIDs count: they still
 * identify the caller). An unevaluable conditional audit ACE is taken as
 * applying: auditing too much is the safe side.
 */
static void sacl_audit(const struct ac_ctx *c, struct wt_access_result *res,
		       u32 requested)
{
	u32 off = WT_ACL_HEADER_SIZE, index = 0;
	bool success = res->status == WT_STATUS_OK;
	u32 bits = success ? res->granted : requested;
	u8 want = success ? WT_SUCCESSFUL_ACCESS_ACE_FLAG :
			    WT_FAILED_ACCESS_ACE_FLAG;
	struct ac_ace a;
	bool owner;
	u32 mask;

	if (!c->sd->sacl.acl)
		return;
	owner = c->owner;
	while (ac_next(&c->sd->sacl, &off, &index, &a)) {
		/*
		 * An audit ACE written with GENERIC_* rights (SDDL "GR" in a
		 * SACL set as is) covers what they stand for on this type.
		 */
		mask = a.mask;
		if (mask & WT_GENERIC_BITS)
			wt_map_generic(&mask, c->req->mapping);
		if (!(a.flags & want) || (a.flags & WT_INHERIT_ONLY_ACE) ||
		    !(mask & bits) || !sacl_audit_role(&a) ||
		    !ace_applies(c, a.sid, true, false, owner))
			continue;
		if (success)
			res->audit_success = true;
		else
			res->audit_failure = true;
		return;
	}
}

/* Rights privileges grant among @interest, beyond @have. */
static u32 privilege_rights(const struct ac_ctx *c, u32 interest, u32 have,
			    u64 *used)
{
	const struct wt_token_view *tok = c->tok;
	const struct wt_generic_mapping *map = c->req->mapping;
	u32 extra = 0, bits;

	if (tok_priv(tok, c->req, WT_SE_TAKE_OWNERSHIP_PRIVILEGE)) {
		bits = WT_WRITE_OWNER & interest & ~have;
		if (bits) {
			extra |= bits;
			*used |= 1ULL << WT_SE_TAKE_OWNERSHIP_PRIVILEGE;
		}
	}
	if (!(c->req->flags & WT_AC_BACKUP_INTENT))
		return extra;
	if (tok_priv(tok, c->req, WT_SE_BACKUP_PRIVILEGE)) {
		bits = (map->read | map->execute | WT_READ_CONTROL |
			WT_SYNCHRONIZE) & interest & ~(have | extra);
		if (bits) {
			extra |= bits;
			*used |= 1ULL << WT_SE_BACKUP_PRIVILEGE;
		}
	}
	if (tok_priv(tok, c->req, WT_SE_RESTORE_PRIVILEGE)) {
		bits = (map->write | WT_WRITE_DAC | WT_WRITE_OWNER |
			WT_DELETE | WT_SYNCHRONIZE) & interest &
		       ~(have | extra);
		if (bits) {
			extra |= bits;
			*used |= 1ULL << WT_SE_RESTORE_PRIVILEGE;
		}
	}
	return extra;
}

/* Drop privileges whose rights MIC took away again. */
static u64 surviving_privileges(const struct ac_ctx *c, u64 used, u32 kept)
{
	const struct wt_generic_mapping *map = c->req->mapping;
	u32 only_priv = kept;
	u64 out = 0;

	if ((used & (1ULL << WT_SE_TAKE_OWNERSHIP_PRIVILEGE)) &&
	    (only_priv & WT_WRITE_OWNER))
		out |= 1ULL << WT_SE_TAKE_OWNERSHIP_PRIVILEGE;
	if ((used & (1ULL << WT_SE_BACKUP_PRIVILEGE)) &&
	    (only_priv & (map->read | map->execute | WT_READ_CONTROL |
			  WT_SYNCHRONIZE)))
		out |= 1ULL << WT_SE_BACKUP_PRIVILEGE;
	if ((used & (1ULL << WT_SE_RESTORE_PRIVILEGE)) &&
	    (only_priv & (map->write | WT_WRITE_DAC | WT_WRITE_OWNER |
			  WT_DELETE | WT_SYNCHRONIZE)))
		out |= 1ULL << WT_SE_RESTORE_PRIVILEGE;
	return out;
}

static enum wt_access_status finish(const struct ac_ctx *c,
				    struct wt_access_result *res,
				    enum wt_access_status status, u32 requested)
{
	res->status = status;
	if (status != WT_STATUS_OK) {
		res->granted = 0;
		res->maximum = 0;
		res->privileges_used = 0;
	}
	sacl_audit(c, res, requested);
	return status;
}

/**
 * wt_access_check() - decide what a token may do to an object
 * @sd: the object's validated security descriptor
 * @tok: the caller's token
 * @req: what is asked for
 * @res: output
 *
 * Return: the status, also stored in @res->status.
 */
enum wt_access_status wt_access_check(const struct wt_sd_view *sd,
				      const struct wt_token_view *tok,
				      const struct wt_access_request *req,
				      struct wt_access_result *res)
{
	u32 cond_work = WT_COND_WORK_MAX;
	struct ac_ctx c;
	u32 desired, wanted, interest, dacl_interest, from_dacl, extra;
	u32 withheld, kept;
	u32 sys_sec = 0;
	bool all, report, walk_all;
	u64 used = 0;

	if (!res)
		return WT_STATUS_INVALID_PARAMETER;
	memset(res, 0, sizeof(*res));
	if (!sd || !tok || !req || !req->mapping) {
		res->status = WT_STATUS_INVALID_PARAMETER;
		return res->status;
	}
	if (!sd->owner || !sd->group) {
		res->status = WT_STATUS_INVALID_SD;
		return res->status;
	}
	c.sd = sd;
	c.tok = tok;
	c.req = req;
	c.indexed = tok->sid_index_ready;
	c.owner_rights = false;
	c.owner = token_is_owner(&c, false);
	c.restricted_owner = tok->restricted_count &&
			     token_is_owner(&c, true);
	c.cond_work = &cond_work;

	desired = req->desired;
	wt_map_generic(&desired, req->mapping);
	all = desired & WT_MAXIMUM_ALLOWED;
	desired &= ~WT_MAXIMUM_ALLOWED;
	/*
	 * Reporting the maximum walks as MAXIMUM_ALLOWED does. Every right
	 * is decided bit by bit (the first ACE naming it, the privileges,
	 * MIC), so the desired bits come out as a walk of them alone would
	 * decide them; only what is derived from the whole mask (privileges
	 * used, the granted mask) is computed for desired again.
	 */
	report = !all && (req->flags & WT_AC_REPORT_MAXIMUM);
	walk_all = all || report;
	if (desired & WT_ACCESS_SYSTEM_SECURITY) {
		if (!tok_priv(tok, req, WT_SE_SECURITY_PRIVILEGE))
			return finish(&c, res, WT_STATUS_PRIVILEGE_NOT_HELD,
				      desired);
		sys_sec = WT_ACCESS_SYSTEM_SECURITY;
	}
	wanted = desired & ~WT_ACCESS_SYSTEM_SECURITY;
	if (!wanted && !all && !sys_sec)
		return finish(&c, res, WT_STATUS_ACCESS_DENIED, desired);
	interest = walk_all ? WT_DACL_GRANTABLE | wanted : wanted;

	/*
	 * Privileges first, as Windows does: what they grant is taken out of
	 * the request before the DACL walk, so a deny ACE cannot end the walk
	 * early over a right a privilege supplies.
	 */
	extra = privilege_rights(&c, interest, 0, &used);
	/*
	 * Which privilege a desired right is credited to depends on what
	 * else was asked for (SYNCHRONIZE is in both the backup and the
	 * restore set): the privileges used are those of desired alone.
	 */
	if (report) {
		used = 0;
		privilege_rights(&c, wanted, 0, &used);
	}
	dacl_interest = walk_all ? interest : interest & ~extra;
	if (!dacl_interest) {
		from_dacl = 0;
	} else if (!sd->dacl.acl) {
		/*
		 * No DACL, or a NULL one: nothing is protected. As in Windows,
		 * MAXIMUM_ALLOWED then yields the type's GENERIC_ALL, plus
		 * whatever was asked for by name.
		 */
		from_dacl = (walk_all ? req->mapping->all | wanted : dacl_interest) &
			    (WT_DACL_GRANTABLE | req->mapping->all);
	} else {
		/*
		 * Only an owner cares whether OWNER RIGHTS is named; a parsed
		 * SD knows without another walk of the DACL.
		 */
		if (c.owner || c.restricted_owner)
			c.owner_rights = (sd->hints & WT_SD_HINT_VALID) ?
				!!(sd->hints & WT_SD_HINT_OWNER_RIGHTS) :
				dacl_names_owner_rights(&sd->dacl);
		from_dacl = dacl_pass(&c, dacl_interest, walk_all, false);
		/* A restricted token gets what both walks grant. */
		if (tok->restricted_count && from_dacl)
			from_dacl &= dacl_pass(&c, from_dacl, walk_all, true);
	}
	withheld = mic_withheld(&c);
	if (tok_priv(tok, req, WT_SE_RELABEL_PRIVILEGE) &&
	    (withheld & WT_WRITE_OWNER) &&
	    ((from_dacl | extra) & WT_WRITE_OWNER)) {
		withheld &= ~WT_WRITE_OWNER;
		if (!report || (wanted & WT_WRITE_OWNER))
			used |= 1ULL << WT_SE_RELABEL_PRIVILEGE;
	}
	kept = (from_dacl | extra) & ~withheld;
	res->privileges_used = surviving_privileges(&c, used,
						    report ? kept & wanted : kept);
	if (used & (1ULL << WT_SE_RELABEL_PRIVILEGE))
		res->privileges_used |= 1ULL << WT_SE_RELABEL_PRIVILEGE;
	if (sys_sec)
		res->privileges_used |= 1ULL << WT_SE_SECURITY_PRIVILEGE;

	if ((wanted & kept) != wanted)
		return finish(&c, res, WT_STATUS_ACCESS_DENIED, desired);
	res->granted = (all ? kept : wanted) | sys_sec;
	if (report)
		res->maximum = kept | sys_sec;
	if (!res->granted)
		return finish(&c, res, WT_STATUS_ACCESS_DENIED, desired);
	return finish(&c, res, WT_STATUS_OK, desired);
}

/**
 * wt_access_privileges_decided() - privileges a granted check depended on
 * @sd: as given to wt_access_check()
 * @tok: as given to wt_access_check()
 * @req: as given to wt_access_check()
 * @res: its result
 *
 * A privilege in @res->privileges_used may have granted rights the DACL
 * grants anyway (privileges are applied before the DACL walk). The check
 * is run again without each such privilege in turn: the privilege decided
 * the outcome when the check then fails or grants less. Meant for audit,
 * which reports a privilege use only when the privilege made the
 * difference; it costs a check per privilege used, and nothing when none
 * was.
 *
 * Return: bits (1ULL << luid) of the deciding privileges; 0 when @res is
 * not a success.
 */
u64 wt_access_privileges_decided(const struct wt_sd_view *sd,
				 const struct wt_token_view *tok,
				 const struct wt_access_request *req,
				 const struct wt_access_result *res)
{
	struct wt_access_request again;
	struct wt_access_result alt;
	u64 used, decided = 0;
	unsigned int luid;

	if (!res || res->status != WT_STATUS_OK || !req)
		return 0;
	used = res->privileges_used & ~req->withheld_privileges;
	for (luid = 0; luid < 64; luid++) {
		if (!((used >> luid) & 1))
			continue;
		again = *req;
		again.withheld_privileges |= 1ULL << luid;
		if (wt_access_check(sd, tok, &again, &alt) != WT_STATUS_OK ||
		    (alt.granted & res->granted) != res->granted)
			decided |= 1ULL << luid;
	}
	return decided;
}
