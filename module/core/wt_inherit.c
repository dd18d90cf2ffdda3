// SPDX-License-Identifier: GPL-2.0
/*
 * The security descriptor of a new object ([MS-DTYP] 2.5.3.4), computed the
 * way Windows does for files and directories. Output goes through the
 * canonical encoder, so the result is in its layout (Windows').
 */
#include "wt_inherit.h"
#include "wt_sd_emit.h"

#define WT_INHERIT_FLAGS (WT_OBJECT_INHERIT_ACE | WT_CONTAINER_INHERIT_ACE | \
			  WT_NO_PROPAGATE_INHERIT_ACE | WT_INHERIT_ONLY_ACE)
#define WT_GENERIC_MASK_BITS (WT_GENERIC_ALL | WT_GENERIC_EXECUTE | \
			      WT_GENERIC_WRITE | WT_GENERIC_READ)

/**
 * struct inherit_ctx - what every inherited ACE needs
 * @owner: owner of the new object (replaces CREATOR OWNER)
 * @group: group of the new object (replaces CREATOR GROUP), may be NULL
 * @mapping: generic mapping of the new object's type
 * @container: the new object is a directory
 */
struct inherit_ctx {
	const struct wt_sid *owner;
	const struct wt_sid *group;
	const struct wt_generic_mapping *mapping;
	bool container;
};

static bool is_creator_sid(const struct wt_sid *sid, u32 rid)
{
	return sid->revision == 1 && sid->sub_authority_count == 1 &&
	       wt_sid_authority(sid) == 3 && wt_sid_sub(sid, 0) == rid;
}

/* Label and resource attribute masks are not access rights: never map. */
static bool mask_is_rights(u8 type)
{
	return type != WT_SYSTEM_MANDATORY_LABEL_ACE_TYPE &&
	       type != WT_SYSTEM_RESOURCE_ATTRIBUTE_ACE_TYPE &&
	       type != WT_SYSTEM_SCOPED_POLICY_ID_ACE_TYPE;
}

/*
 * The form an inherited ACE takes on the new object itself: CREATOR OWNER
 * and CREATOR GROUP replaced, GENERIC_* mapped. Returns whether anything
 * changed, which decides whether a container needs a separate inherit-only
 * copy to pass the original on.
 */
static bool effective_form(const struct inherit_ctx *ic,
			   struct wt_ace_view *ace)
{
	bool changed = false;

	if (is_creator_sid(ace->sid, 0)) {
		ace->sid = ic->owner;
		changed = true;
	} else if (is_creator_sid(ace->sid, 1) && ic->group) {
		ace->sid = ic->group;
		changed = true;
	}
	if (mask_is_rights(ace->type) && (ace->mask & WT_GENERIC_MASK_BITS)) {
		wt_map_generic(&ace->mask, ic->mapping);
		changed = true;
	}
	return changed;
}

static void inherit_one(struct wt_writer *w, struct wt_acl_mark *mark,
			const struct inherit_ctx *ic,
			const struct wt_ace_view *parent_ace)
{
	struct wt_ace_view ace = *parent_ace;
	u8 f = parent_ace->flags;
	u8 keep = f & ~(WT_INHERIT_FLAGS | WT_INHERITED_ACE);

	if (!ic->container) {
		if (!(f & WT_OBJECT_INHERIT_ACE))
			return;
		effective_form(ic, &ace);
		ace.flags = keep | WT_INHERITED_ACE;
		wt_emit_ace(w, mark, &ace);
		return;
	}
	if (!(f & WT_CONTAINER_INHERIT_ACE)) {
		/* OI only: not for the directory, but for files below it. */
		if (!(f & WT_OBJECT_INHERIT_ACE) ||
		    (f & WT_NO_PROPAGATE_INHERIT_ACE))
			return;
		ace.flags = (f & ~WT_INHERITED_ACE) | WT_INHERIT_ONLY_ACE |
			    WT_INHERITED_ACE;
		wt_emit_ace(w, mark, &ace);
		return;
	}
	if (f & WT_NO_PROPAGATE_INHERIT_ACE) {
		effective_form(ic, &ace);
		ace.flags = keep | WT_INHERITED_ACE;
		wt_emit_ace(w, mark, &ace);
		return;
	}
	if (!effective_form(ic, &ace)) {
		ace.flags = (f & ~WT_INHERIT_ONLY_ACE) | WT_INHERITED_ACE;
		wt_emit_ace(w, mark, &ace);
		return;
	}
	/*
	 * As Windows does: the substituted/mapped ACE for the directory
	 * itself, followed by the original as inherit-only for its children.
	 */
	ace.flags = keep | WT_INHERITED_ACE;
	wt_emit_ace(w, mark, &ace);
	ace = *parent_ace;
	ace.flags = f | WT_INHERIT_ONLY_ACE | WT_INHERITED_ACE;
	wt_emit_ace(w, mark, &ace);
}

/* Emit the inheritable part of @acl; returns how many ACEs that gave. */
static u32 emit_inherited(struct wt_writer *w, struct wt_acl_mark *mark,
			  const struct inherit_ctx *ic,
			  const struct wt_acl_view *acl)
{
	struct wt_ace_iter it;
	struct wt_ace_view ace;
	u32 before = mark->count;
	bool more;

	if (!acl || !acl->acl)
		return 0;
	for (more = wt_acl_first(acl, &it, &ace); more && !w->err;
	     more = wt_acl_next(&it, &ace))
		inherit_one(w, mark, ic, &ace);
	return mark->count - before;
}

/* Would wt_sd_map_generic() map this ACE's mask? */
static bool maps_generic(const struct wt_ace_view *ace)
{
	return !(ace->flags & WT_INHERIT_ONLY_ACE) && mask_is_rights(ace->type) &&
	       (ace->mask & WT_GENERIC_MASK_BITS);
}

/*
 * Copy @acl's ACEs, without the inherited ones when @explicit_only. The
 * creator's (or the token's default) ACEs land on the new object as they
 * are, with their generic rights mapped, as Windows stores them.
 */
static void emit_copy(struct wt_writer *w, struct wt_acl_mark *mark,
		      const struct inherit_ctx *ic,
		      const struct wt_acl_view *acl, bool explicit_only)
{
	struct wt_ace_iter it;
	struct wt_ace_view ace;
	bool more;

	for (more = wt_acl_first(acl, &it, &ace); more && !w->err;
	     more = wt_acl_next(&it, &ace)) {
		if (explicit_only && (ace.flags & WT_INHERITED_ACE))
			continue;
		if (maps_generic(&ace))
			wt_map_generic(&ace.mask, ic->mapping);
		wt_emit_ace(w, mark, &ace);
	}
}

/**
 * struct acl_choice - inputs for one of the two ACLs
 * @parent_acl: the parent's ACL of this kind, or NULL
 * @parent_auto: the parent has *_AUTO_INHERITED
 * @creator_acl: the creator's ACL (its @acl may be NULL: a NULL ACL)
 * @creator_present: the creator SD has this ACL
 * @creator_defaulted: ... flagged *_DEFAULTED
 * @creator_protected: ... flagged *_PROTECTED
 * @creator_auto_req: ... flagged *_AUTO_INHERIT_REQ
 * @fallback: used when nothing else gives an ACL (token default DACL)
 * @present_bit: SE_DACL_PRESENT or SE_SACL_PRESENT
 * @auto_bit: SE_DACL_AUTO_INHERITED or SE_SACL_AUTO_INHERITED
 * @protected_bit: SE_DACL_PROTECTED or SE_SACL_PROTECTED
 */
struct acl_choice {
	const struct wt_acl_view *parent_acl;
	bool parent_auto;
	const struct wt_acl_view *creator_acl;
	bool creator_present;
	bool creator_defaulted;
	bool creator_protected;
	bool creator_auto_req;
	const struct wt_acl_view *fallback;
	u16 present_bit;
	u16 auto_bit;
	u16 protected_bit;
};

static u8 merged_revision(const struct wt_acl_view *a,
			  const struct wt_acl_view *b)
{
	u8 rev = WT_ACL_REVISION;

	if (a && a->acl && a->revision > rev)
		rev = a->revision;
	if (b && b->acl && b->revision > rev)
		rev = b->revision;
	return rev;
}

/* Emit an ACL holding only @extra (a label the inputs did not give). */
static u32 emit_only(struct wt_writer *w, const struct wt_ace_view *extra,
		     const struct acl_choice *ch, u16 *control)
{
	struct wt_acl_mark mark;
	size_t at = w->pos;

	if (!extra)
		return 0;
	*control |= ch->present_bit;
	wt_emit_acl_begin(w, &mark);
	wt_emit_ace(w, &mark, extra);
	wt_emit_acl_end(w, &mark, 0);
	return (u32)at;
}

static u32 emit_copy_acl(struct wt_writer *w, const struct inherit_ctx *ic,
			 const struct wt_acl_view *acl,
			 const struct wt_ace_view *extra)
{
	struct wt_acl_mark mark;
	size_t at = w->pos;

	wt_emit_acl_begin(w, &mark);
	emit_copy(w, &mark, ic, acl, false);
	if (extra)
		wt_emit_ace(w, &mark, extra);
	wt_emit_acl_end(w, &mark, acl->revision);
	return (u32)at;
}

/*
 * Emit one ACL following ComputeACL: an explicit creator ACL wins (merged
 * with inherited ACEs when it asks for auto-inheritance and is not
 * protected); else inherited ACEs; else a defaulted creator ACL; else the
 * fallback. @extra, if not NULL, is appended to whatever results. Returns
 * the ACL's offset (0: none or NULL) and adds control bits to *@control.
 */
static u32 choose_acl(struct wt_writer *w, const struct inherit_ctx *ic,
		      const struct acl_choice *ch,
		      const struct wt_ace_view *extra, u16 *control)
{
	struct wt_acl_mark mark;
	size_t at = w->pos;
	bool explicit = ch->creator_present && !ch->creator_defaulted;

	if (explicit) {
		*control |= ch->present_bit;
		if (ch->creator_protected)
			*control |= ch->protected_bit;
		if (!ch->creator_acl->acl)
			return emit_only(w, extra, ch, control);
		wt_emit_acl_begin(w, &mark);
		if (ch->creator_auto_req && !ch->creator_protected) {
			emit_copy(w, &mark, ic, ch->creator_acl, true);
			emit_inherited(w, &mark, ic, ch->parent_acl);
			*control |= ch->auto_bit;
		} else {
			emit_copy(w, &mark, ic, ch->creator_acl, false);
		}
		if (extra)
			wt_emit_ace(w, &mark, extra);
		wt_emit_acl_end(w, &mark, merged_revision(ch->creator_acl,
							  ch->parent_acl));
		return (u32)at;
	}
	wt_emit_acl_begin(w, &mark);
	if (emit_inherited(w, &mark, ic, ch->parent_acl)) {
		if (extra)
			wt_emit_ace(w, &mark, extra);
		wt_emit_acl_end(w, &mark, merged_revision(ch->parent_acl,
							  NULL));
		*control |= ch->present_bit;
		if (ch->parent_auto || ch->creator_auto_req)
			*control |= ch->auto_bit;
		return (u32)at;
	}
	/* Nothing inheritable: take back the empty header. */
	w->pos = at;
	if (ch->creator_present) {
		*control |= ch->present_bit;
		if (!ch->creator_acl->acl)
			return emit_only(w, extra, ch, control);
		return emit_copy_acl(w, ic, ch->creator_acl, extra);
	}
	if (ch->fallback && ch->fallback->acl) {
		*control |= ch->present_bit;
		return emit_copy_acl(w, ic, ch->fallback, extra);
	}
	return emit_only(w, extra, ch, control);
}

static void fill_choice(struct acl_choice *ch, const struct wt_sd_view *parent,
			const struct wt_sd_view *creator, bool dacl)
{
	u16 pc = parent ? parent->control : 0;
	u16 cc = creator ? creator->control : 0;

	memset(ch, 0, sizeof(*ch));
	ch->present_bit = dacl ? WT_SE_DACL_PRESENT : WT_SE_SACL_PRESENT;
	ch->auto_bit = dacl ? WT_SE_DACL_AUTO_INHERITED :
			      WT_SE_SACL_AUTO_INHERITED;
	ch->protected_bit = dacl ? WT_SE_DACL_PROTECTED : WT_SE_SACL_PROTECTED;
	if (parent)
		ch->parent_acl = dacl ? &parent->dacl : &parent->sacl;
	ch->parent_auto = pc & ch->auto_bit;
	if (creator) {
		ch->creator_acl = dacl ? &creator->dacl : &creator->sacl;
		ch->creator_present = cc & ch->present_bit;
		ch->creator_defaulted = cc & (dacl ? WT_SE_DACL_DEFAULTED :
						     WT_SE_SACL_DEFAULTED);
		ch->creator_protected = cc & ch->protected_bit;
		ch->creator_auto_req = cc & (dacl ? WT_SE_DACL_AUTO_INHERIT_REQ :
						    WT_SE_SACL_AUTO_INHERIT_REQ);
	}
}

static bool acl_has_label(const struct wt_acl_view *acl)
{
	struct wt_ace_iter it;
	struct wt_ace_view ace;
	bool more;

	for (more = wt_acl_first(acl, &it, &ace); more;
	     more = wt_acl_next(&it, &ace)) {
		if (ace.type == WT_SYSTEM_MANDATORY_LABEL_ACE_TYPE &&
		    !(ace.flags & WT_INHERIT_ONLY_ACE))
			return true;
	}
	return false;
}

/* Does an inherited copy of @acl carry an effective label ACE? */
static bool label_inherits(const struct inherit_ctx *ic,
			   const struct wt_acl_view *acl)
{
	struct wt_ace_iter it;
	struct wt_ace_view ace;
	u8 need = ic->container ? WT_CONTAINER_INHERIT_ACE :
				  WT_OBJECT_INHERIT_ACE;
	bool more;

	for (more = wt_acl_first(acl, &it, &ace); more;
	     more = wt_acl_next(&it, &ace)) {
		if (ace.type == WT_SYSTEM_MANDATORY_LABEL_ACE_TYPE &&
		    (ace.flags & need))
			return true;
	}
	return false;
}

static bool inherits_anything(const struct inherit_ctx *ic,
			      const struct wt_acl_view *acl)
{
	struct wt_writer probe;
	struct wt_acl_mark mark;

	wt_emit_init(&probe, NULL, 0);
	wt_emit_acl_begin(&probe, &mark);
	return emit_inherited(&probe, &mark, ic, acl) != 0;
}

/* Will choose_acl() give the SACL an effective label ACE? */
static bool choice_has_label(const struct inherit_ctx *ic,
			     const struct acl_choice *ch)
{
	const struct wt_acl_view *cre = ch->creator_acl;

	if (ch->creator_present && !ch->creator_defaulted) {
		if (!cre->acl)
			return false;
		if (acl_has_label(cre))
			return true;
		return ch->creator_auto_req && !ch->creator_protected &&
		       ch->parent_acl && label_inherits(ic, ch->parent_acl);
	}
	if (ch->parent_acl && inherits_anything(ic, ch->parent_acl))
		return label_inherits(ic, ch->parent_acl);
	return ch->creator_present && cre->acl && acl_has_label(cre);
}

/*
 * Windows labels what a below-Medium token creates with the token's own
 * level when nothing else gives the object a label: otherwise a Low process
 * could not write the files it has just made (unlabelled means Medium).
 */
static u32 emit_sacl(struct wt_writer *w, const struct inherit_ctx *ic,
		     const struct acl_choice *ch,
		     const struct wt_token_view *tok, u16 *control)
{
	struct wt_ace_view label;
	struct wt_sid level_sid;

	if (tok->integrity_level >= WT_INTEGRITY_MEDIUM ||
	    choice_has_label(ic, ch))
		return choose_acl(w, ic, ch, NULL, control);
	wt_sid_init(&level_sid, 16, 1, &tok->integrity_level);
	memset(&label, 0, sizeof(label));
	label.type = WT_SYSTEM_MANDATORY_LABEL_ACE_TYPE;
	label.mask = WT_SYSTEM_MANDATORY_LABEL_NO_WRITE_UP;
	label.sid = &level_sid;
	return choose_acl(w, ic, ch, &label, control);
}

/**
 * wt_sd_inherit() - security descriptor of a new object
 * @parent: the parent directory's SD, or NULL
 * @creator: an SD passed explicitly by the creator, or NULL
 * @tok: the creating token
 * @mapping: generic mapping of the new object's type
 * @flags: %WT_INHERIT_IS_CONTAINER for a directory
 * @buf: output, or NULL to get the size
 * @size: bytes available at @buf
 *
 * Return: the size, -ENOSPC or -EINVAL.
 */
long wt_sd_inherit(const struct wt_sd_view *parent,
		   const struct wt_sd_view *creator,
		   const struct wt_token_view *tok,
		   const struct wt_generic_mapping *mapping,
		   u32 flags, u8 *buf, size_t size)
{
	struct inherit_ctx ic;
	struct acl_choice ch;
	struct wt_writer w;
	u32 owner_off, group_off, sacl_off, dacl_off;
	u16 control = 0;

	if (!tok || !mapping || (flags & ~(u32)WT_INHERIT_IS_CONTAINER))
		return -EINVAL;
	ic.container = flags & WT_INHERIT_IS_CONTAINER;
	ic.mapping = mapping;
	ic.owner = creator && creator->owner ? creator->owner :
		   tok->owner ? tok->owner : &tok->user.sid;
	ic.group = creator && creator->group ? creator->group :
		   tok->primary_group;

	wt_emit_init(&w, buf, size);
	wt_emit_bytes(&w, NULL, WT_SD_HEADER_SIZE);
	fill_choice(&ch, parent, creator, false);
	sacl_off = emit_sacl(&w, &ic, &ch, tok, &control);
	fill_choice(&ch, parent, creator, true);
	ch.fallback = tok->default_dacl;
	dacl_off = choose_acl(&w, &ic, &ch, NULL, &control);
	owner_off = (u32)wt_emit_sid(&w, ic.owner);
	group_off = (u32)wt_emit_sid(&w, ic.group);
	return wt_emit_sd_finish(&w, control, owner_off, group_off, sacl_off,
				 dacl_off);
}

/**
 * wt_sd_map_generic() - map the generic rights of an SD's ACEs in place
 * @buf: the bytes @sd was parsed from (writable)
 * @sd: the parsed SD
 * @mapping: the object type's generic mapping
 * @acls: %WT_MAP_DACL, %WT_MAP_SACL or both
 *
 * The access check, like Windows', ignores generic bits in ACE masks, so an
 * SD stored with them unmapped grants less than its author meant; Windows
 * maps them when the SD is set. See wt_inherit.h.
 */
void wt_sd_map_generic(u8 *buf, const struct wt_sd_view *sd,
		       const struct wt_generic_mapping *mapping, u32 acls)
{
	const struct wt_acl_view *acl;
	struct wt_ace_iter it;
	struct wt_ace_view ace;
	unsigned int i;
	bool more;
	u8 *p;

	for (i = 0; i < 2; i++) {
		if (!(acls & (i ? WT_MAP_SACL : WT_MAP_DACL)))
			continue;
		acl = i ? &sd->sacl : &sd->dacl;
		if (!acl->acl)
			continue;
		for (more = wt_acl_first(acl, &it, &ace); more;
		     more = wt_acl_next(&it, &ace)) {
			if (!maps_generic(&ace))
				continue;
			wt_map_generic(&ace.mask, mapping);
			/* the mask follows the 4-byte header in every ACE type */
			p = buf + (acl->acl - sd->buf) + it.offset + 4;
			p[0] = ace.mask & 0xff;
			p[1] = (ace.mask >> 8) & 0xff;
			p[2] = (ace.mask >> 16) & 0xff;
			p[3] = ace.mask >> 24;
		}
	}
}
