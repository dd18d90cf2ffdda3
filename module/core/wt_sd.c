// SPDX-License-Identifier: GPL-2.0
/*
 * Self-relative security descriptors: the strict parser, ACE iteration,
 * and the canonical encoder shared by the builder, canonicalisation and
 * inheritance. Shared unchanged by the kernel module and the host tools.
 */
#include "wt_sd.h"
#include "wt_cond.h"
#include "wt_sd_emit.h"

#define get_le16 wt_get_le16
#define get_le32 wt_get_le32

static inline void put_le16(u8 *p, u16 v)
{
	p[0] = v & 0xff;
	p[1] = v >> 8;
}

static inline void put_le32(u8 *p, u32 v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = v >> 24;
}

/**
 * wt_ace_type_is_object() - does the ACE carry object GUIDs?
 * @type: AceType
 *
 * Return: true for the *_OBJECT_ACE types.
 */
bool wt_ace_type_is_object(u8 type)
{
	switch (type) {
	case WT_ACCESS_ALLOWED_OBJECT_ACE_TYPE:
	case WT_ACCESS_DENIED_OBJECT_ACE_TYPE:
	case WT_SYSTEM_AUDIT_OBJECT_ACE_TYPE:
	case WT_SYSTEM_ALARM_OBJECT_ACE_TYPE:
	case WT_ACCESS_ALLOWED_CALLBACK_OBJECT_ACE_TYPE:
	case WT_ACCESS_DENIED_CALLBACK_OBJECT_ACE_TYPE:
	case WT_SYSTEM_AUDIT_CALLBACK_OBJECT_ACE_TYPE:
	case WT_SYSTEM_ALARM_CALLBACK_OBJECT_ACE_TYPE:
		return true;
	default:
		return false;
	}
}

/**
 * wt_ace_type_is_callback() - is this a callback (possibly conditional) ACE?
 * @type: AceType
 *
 * Return: true for the *_CALLBACK_* ACE types.
 */
bool wt_ace_type_is_callback(u8 type)
{
	switch (type) {
	case WT_ACCESS_ALLOWED_CALLBACK_ACE_TYPE:
	case WT_ACCESS_DENIED_CALLBACK_ACE_TYPE:
	case WT_ACCESS_ALLOWED_CALLBACK_OBJECT_ACE_TYPE:
	case WT_ACCESS_DENIED_CALLBACK_OBJECT_ACE_TYPE:
	case WT_SYSTEM_AUDIT_CALLBACK_ACE_TYPE:
	case WT_SYSTEM_ALARM_CALLBACK_ACE_TYPE:
	case WT_SYSTEM_AUDIT_CALLBACK_OBJECT_ACE_TYPE:
	case WT_SYSTEM_ALARM_CALLBACK_OBJECT_ACE_TYPE:
		return true;
	default:
		return false;
	}
}

/**
 * wt_ace_type_has_trailer() - are the bytes after the SID meaningful?
 * @type: AceType
 *
 * Callback ACEs carry application data (conditional expressions) and
 * resource attribute ACEs carry the attribute there. For every other type
 * bytes after the SID are padding, which canonical encoding drops.
 *
 * Return: true when the trailer must be kept.
 */
bool wt_ace_type_has_trailer(u8 type)
{
	return wt_ace_type_is_callback(type) ||
	       type == WT_SYSTEM_RESOURCE_ATTRIBUTE_ACE_TYPE;
}

/*
 * The compound ACE (type 4) has a different layout that nothing uses;
 * types past SCOPED_POLICY_ID are unknown. Both are refused rather than
 * guessed at, because an ACE we cannot decode cannot be checked safely.
 */
static bool ace_type_known(u8 type)
{
	return type <= WT_SYSTEM_SCOPED_POLICY_ID_ACE_TYPE &&
	       type != WT_ACCESS_ALLOWED_COMPOUND_ACE_TYPE;
}

/* Decode one ACE of at most @avail bytes; the decoder of record. */
static int decode_ace(const u8 *p, size_t avail, struct wt_ace_view *ace)
{
	size_t size, pos, sid_size;

	if (avail < WT_ACE_HEADER_SIZE)
		return -EINVAL;
	size = get_le16(p + 2);
	if (size < WT_ACE_HEADER_SIZE + 4 || size > avail || size % 4)
		return -EINVAL;
	if (!ace_type_known(p[0]))
		return -EINVAL;
	ace->type = p[0];
	ace->flags = p[1];
	ace->size = (u16)size;
	ace->mask = get_le32(p + 4);
	ace->object_flags = 0;
	ace->object_type = NULL;
	ace->inherited_object_type = NULL;
	pos = 8;
	if (wt_ace_type_is_object(ace->type)) {
		if (pos + 4 > size)
			return -EINVAL;
		ace->object_flags = get_le32(p + pos);
		pos += 4;
		if (ace->object_flags & ~(u32)(WT_ACE_OBJECT_TYPE_PRESENT |
				WT_ACE_INHERITED_OBJECT_TYPE_PRESENT))
			return -EINVAL;
		if (ace->object_flags & WT_ACE_OBJECT_TYPE_PRESENT) {
			if (pos + WT_GUID_SIZE > size)
				return -EINVAL;
			ace->object_type = p + pos;
			pos += WT_GUID_SIZE;
		}
		if (ace->object_flags & WT_ACE_INHERITED_OBJECT_TYPE_PRESENT) {
			if (pos + WT_GUID_SIZE > size)
				return -EINVAL;
			ace->inherited_object_type = p + pos;
			pos += WT_GUID_SIZE;
		}
	}
	if (wt_sid_validate(p + pos, size - pos, &sid_size))
		return -EINVAL;
	ace->sid = (const struct wt_sid *)(p + pos);
	pos += sid_size;
	if (wt_ace_type_has_trailer(ace->type) && pos < size) {
		ace->application_data = p + pos;
		ace->application_data_len = (u16)(size - pos);
	} else {
		ace->application_data = NULL;
		ace->application_data_len = 0;
	}
	/*
	 * A resource attribute is read by conditional ACEs of every access
	 * check: it must be a claim the evaluator can read in full.
	 */
	if (ace->type == WT_SYSTEM_RESOURCE_ATTRIBUTE_ACE_TYPE &&
	    !wt_claim_valid(ace->application_data,
			    ace->application_data_len))
		return -EINVAL;
	return 0;
}

/* Validate the ACL at @off; on success fill @acl and its extent. */
static int parse_acl(const u8 *buf, size_t len, u32 off,
		     struct wt_acl_view *acl, size_t *end)
{
	const u8 *p;
	struct wt_ace_view ace;
	size_t size, pos;
	u32 i, count;

	if (off < WT_SD_HEADER_SIZE || off % 4 || off > len ||
	    len - off < WT_ACL_HEADER_SIZE)
		return -EINVAL;
	p = buf + off;
	if (p[0] != WT_ACL_REVISION && p[0] != WT_ACL_REVISION_DS)
		return -EINVAL;
	if (p[1] != 0 || get_le16(p + 6) != 0)
		return -EINVAL;
	size = get_le16(p + 2);
	count = get_le16(p + 4);
	if (size < WT_ACL_HEADER_SIZE || size % 4 || size > len - off)
		return -EINVAL;
	/* Each ACE needs at least 16 bytes: a cheap bound on count lies. */
	if (count > (size - WT_ACL_HEADER_SIZE) / 16)
		return -EINVAL;
	pos = WT_ACL_HEADER_SIZE;
	for (i = 0; i < count; i++) {
		if (decode_ace(p + pos, size - pos, &ace))
			return -EINVAL;
		pos += ace.size;
	}
	/*
	 * Windows writes ACLs whose AclSize exceeds their ACEs, with zeros
	 * after the last one; that slack is not part of any ACE and is read
	 * as nothing, as Windows reads it. Non-zero slack is refused: it may
	 * be an ACE that a reader trusting AclSize over AceCount would apply.
	 */
	for (; pos < size; pos++)
		if (p[pos])
			return -EINVAL;
	acl->acl = p;
	acl->revision = p[0];
	acl->size = (u16)size;
	acl->count = (u16)count;
	*end = off + size;
	return 0;
}

struct sd_extent {
	size_t start;
	size_t end;
};

static int parse_sid_at(const u8 *buf, size_t len, u32 off,
			const struct wt_sid **sid, struct sd_extent *ext)
{
	size_t size;

	if (off < WT_SD_HEADER_SIZE || off % 4 || off >= len)
		return -EINVAL;
	if (wt_sid_validate(buf + off, len - off, &size))
		return -EINVAL;
	*sid = (const struct wt_sid *)(buf + off);
	ext->start = off;
	ext->end = off + size;
	return 0;
}

/* The components must tile [20, len) exactly: no gaps, no overlap. */
static int check_tiling(struct sd_extent *ext, unsigned int n, size_t len)
{
	size_t expect = WT_SD_HEADER_SIZE;
	unsigned int i, j;

	for (i = 1; i < n; i++) {
		struct sd_extent key = ext[i];

		for (j = i; j > 0 && ext[j - 1].start > key.start; j--)
			ext[j] = ext[j - 1];
		ext[j] = key;
	}
	for (i = 0; i < n; i++) {
		if (ext[i].start != expect)
			return -EINVAL;
		expect = ext[i].end;
	}
	return expect == len ? 0 : -EINVAL;
}

static int parse_acl_field(const u8 *buf, size_t len, u16 control,
			   u16 present_bit, u32 off, struct wt_acl_view *acl,
			   struct sd_extent *ext, unsigned int *n)
{
	size_t end;

	memset(acl, 0, sizeof(*acl));
	if (!(control & present_bit))
		return off ? -EINVAL : 0;
	if (!off)
		return 0;	/* present but NULL */
	if (parse_acl(buf, len, off, acl, &end))
		return -EINVAL;
	ext[*n].start = off;
	ext[*n].end = end;
	(*n)++;
	return 0;
}

/* Does an effective (not inherit-only) ACE of @acl name OWNER RIGHTS? */
static bool dacl_names_owner_rights(const struct wt_acl_view *acl)
{
	struct wt_ace_iter it;
	struct wt_ace_view ace;
	bool ok;

	for (ok = wt_acl_first(acl, &it, &ace); ok; ok = wt_acl_next(&it, &ace)) {
		const struct wt_sid *sid = ace.sid;

		if (!(ace.flags & WT_INHERIT_ONLY_ACE) && sid &&
		    sid->revision == 1 && sid->sub_authority_count == 1 &&
		    !memcmp(sid->identifier_authority, "\0\0\0\0\0\3", 6) &&
		    wt_sid_sub(sid, 0) == 4)
			return true;
	}
	return false;
}

/**
 * wt_sd_parse() - strictly validate a self-relative security descriptor
 * @buf: the bytes
 * @len: their number
 * @sd: output view (pointers into @buf)
 *
 * See wt_sd.h for the list of rejected forms. Reads only inside @buf.
 *
 * Return: 0, or -EINVAL.
 */
int wt_sd_parse(const void *buf, size_t len, struct wt_sd_view *sd)
{
	const u8 *p = buf;
	struct sd_extent ext[4];
	unsigned int n = 0;
	u32 owner_off, group_off, sacl_off, dacl_off;
	u16 control;

	/*
	 * SIDs inside the buffer are used in place as struct wt_sid, so the
	 * buffer and every offset must be 4-byte aligned (Windows requires
	 * aligned offsets too; Samba always produces them).
	 */
	if (!buf || !sd || len < WT_SD_HEADER_SIZE || len > WT_SD_MAX_SIZE ||
	    ((uintptr_t)buf & 3))
		return -EINVAL;
	memset(sd, 0, sizeof(*sd));
	control = get_le16(p + 2);
	if (p[0] != 1 || !(control & WT_SE_SELF_RELATIVE))
		return -EINVAL;
	if (p[1] != 0 && !(control & WT_SE_RM_CONTROL_VALID))
		return -EINVAL;
	owner_off = get_le32(p + 4);
	group_off = get_le32(p + 8);
	sacl_off = get_le32(p + 12);
	dacl_off = get_le32(p + 16);
	if (owner_off) {
		if (parse_sid_at(p, len, owner_off, &sd->owner, &ext[n]))
			return -EINVAL;
		n++;
	}
	if (group_off) {
		if (parse_sid_at(p, len, group_off, &sd->group, &ext[n]))
			return -EINVAL;
		n++;
	}
	if (parse_acl_field(p, len, control, WT_SE_SACL_PRESENT, sacl_off,
			    &sd->sacl, ext, &n))
		return -EINVAL;
	if (parse_acl_field(p, len, control, WT_SE_DACL_PRESENT, dacl_off,
			    &sd->dacl, ext, &n))
		return -EINVAL;
	if (check_tiling(ext, n, len))
		return -EINVAL;
	sd->buf = p;
	sd->len = (u32)len;
	sd->control = control;
	sd->hints = WT_SD_HINT_VALID;
	if (dacl_names_owner_rights(&sd->dacl))
		sd->hints |= WT_SD_HINT_OWNER_RIGHTS;
	return 0;
}

/**
 * wt_acl_first() - start walking a validated ACL
 * @acl: the ACL (its @acl pointer may be NULL: then there is nothing)
 * @it: iterator state
 * @ace: output, the first ACE
 *
 * Return: false when the ACL has no ACE.
 */
bool wt_acl_first(const struct wt_acl_view *acl, struct wt_ace_iter *it,
		  struct wt_ace_view *ace)
{
	it->acl = acl;
	it->offset = WT_ACL_HEADER_SIZE;
	it->index = 0;
	if (!acl || !acl->acl || !acl->count)
		return false;
	return decode_ace(acl->acl + it->offset, acl->size - it->offset,
			  ace) == 0;
}

/**
 * wt_acl_next() - advance to the next ACE
 * @it: iterator state, from wt_acl_first()
 * @ace: in: the current ACE; out: the next one
 *
 * Return: false at the end of the ACL.
 */
bool wt_acl_next(struct wt_ace_iter *it, struct wt_ace_view *ace)
{
	const struct wt_acl_view *acl = it->acl;

	if (!acl || !acl->acl || it->index + 1 >= acl->count)
		return false;
	it->offset += ace->size;
	it->index++;
	if (it->offset >= acl->size)
		return false;
	return decode_ace(acl->acl + it->offset, acl->size - it->offset,
			  ace) == 0;
}

/* ---- canonical encoder ---- */

/**
 * wt_emit_init() - start emitting into a buffer
 * @w: the writer
 * @buf: destination, or NULL to only measure
 * @size: bytes available at @buf
 */
void wt_emit_init(struct wt_writer *w, u8 *buf, size_t size)
{
	w->buf = buf;
	w->size = buf ? size : 0;
	w->pos = 0;
	w->err = 0;
}

/**
 * wt_emit_bytes() - append bytes (zeros when @src is NULL)
 * @w: the writer
 * @src: the bytes, or NULL
 * @len: how many
 *
 * Writes only while everything fits; always advances the position, so the
 * final position is the size needed. Past 64 KiB the writer fails.
 */
void wt_emit_bytes(struct wt_writer *w, const void *src, size_t len)
{
	if (w->pos > WT_SD_MAX_SIZE || len > WT_SD_MAX_SIZE) {
		w->err = -EINVAL;
		return;
	}
	if (w->buf && w->pos + len <= w->size) {
		if (src)
			memcpy(w->buf + w->pos, src, len);
		else
			memset(w->buf + w->pos, 0, len);
	}
	w->pos += len;
}

static void emit_le32(struct wt_writer *w, u32 v)
{
	u8 b[4];

	put_le32(b, v);
	wt_emit_bytes(w, b, 4);
}

static bool writer_has(struct wt_writer *w, size_t at, size_t len)
{
	return w->buf && at + len <= w->size && at + len <= w->pos;
}

/**
 * wt_emit_sid() - append a SID
 * @w: the writer
 * @sid: the SID, or NULL
 *
 * Return: the SID's offset, or 0 when @sid is NULL.
 */
size_t wt_emit_sid(struct wt_writer *w, const struct wt_sid *sid)
{
	size_t at = w->pos;

	if (!sid)
		return 0;
	if (sid->revision != WT_SID_REVISION ||
	    sid->sub_authority_count > WT_SID_MAX_SUB_AUTHORITIES) {
		w->err = -EINVAL;
		return 0;
	}
	wt_emit_bytes(w, sid, wt_sid_size(sid));
	return at;
}

/**
 * wt_emit_acl_begin() - reserve an ACL header
 * @w: the writer
 * @mark: records where the ACL starts; wt_emit_acl_end() fills the header
 */
void wt_emit_acl_begin(struct wt_writer *w, struct wt_acl_mark *mark)
{
	mark->start = w->pos;
	mark->count = 0;
	mark->has_object = false;
	wt_emit_bytes(w, NULL, WT_ACL_HEADER_SIZE);
}

/**
 * wt_emit_ace() - append an ACE in minimal form
 * @w: the writer
 * @mark: the ACL being emitted (its count grows)
 * @ace: the ACE; padding after the SID is not kept, application data of
 *	callback and resource attribute ACEs is, zero-padded to 4 bytes
 */
void wt_emit_ace(struct wt_writer *w, struct wt_acl_mark *mark,
		 const struct wt_ace_view *ace)
{
	size_t at = w->pos, size, pad;
	u8 hdr[4];

	if (!ace_type_known(ace->type) || !ace->sid ||
	    (ace->application_data_len && !wt_ace_type_has_trailer(ace->type))) {
		w->err = -EINVAL;
		return;
	}
	wt_emit_bytes(w, NULL, WT_ACE_HEADER_SIZE);
	emit_le32(w, ace->mask);
	if (wt_ace_type_is_object(ace->type)) {
		u32 flags = ace->object_flags;

		if (flags & ~(u32)(WT_ACE_OBJECT_TYPE_PRESENT |
				   WT_ACE_INHERITED_OBJECT_TYPE_PRESENT)) {
			w->err = -EINVAL;
			return;
		}
		emit_le32(w, flags);
		if (flags & WT_ACE_OBJECT_TYPE_PRESENT)
			wt_emit_bytes(w, ace->object_type, WT_GUID_SIZE);
		if (flags & WT_ACE_INHERITED_OBJECT_TYPE_PRESENT)
			wt_emit_bytes(w, ace->inherited_object_type,
				      WT_GUID_SIZE);
		mark->has_object = true;
	} else if (ace->object_flags) {
		w->err = -EINVAL;
		return;
	}
	wt_emit_sid(w, ace->sid);
	if (ace->application_data_len) {
		if (!ace->application_data) {
			w->err = -EINVAL;
			return;
		}
		wt_emit_bytes(w, ace->application_data,
			      ace->application_data_len);
	}
	pad = (4 - (w->pos - at) % 4) % 4;
	wt_emit_bytes(w, NULL, pad);
	size = w->pos - at;
	if (size > 0xfffc) {
		w->err = -EINVAL;
		return;
	}
	hdr[0] = ace->type;
	hdr[1] = ace->flags;
	put_le16(hdr + 2, (u16)size);
	if (writer_has(w, at, 4))
		memcpy(w->buf + at, hdr, 4);
	mark->count++;
}

/**
 * wt_emit_acl_end() - write the header of an ACL begun with wt_emit_acl_begin()
 * @w: the writer
 * @mark: the ACL
 * @revision: ACL revision, or 0 for 2 (4 when an object ACE was emitted)
 */
void wt_emit_acl_end(struct wt_writer *w, struct wt_acl_mark *mark,
		     u8 revision)
{
	size_t size = w->pos - mark->start;
	u8 hdr[WT_ACL_HEADER_SIZE];

	if (!revision)
		revision = mark->has_object ? WT_ACL_REVISION_DS :
					      WT_ACL_REVISION;
	if (revision != WT_ACL_REVISION && revision != WT_ACL_REVISION_DS) {
		w->err = -EINVAL;
		return;
	}
	if (size > 0xfffc || mark->count > 0xffff) {
		w->err = -EINVAL;
		return;
	}
	hdr[0] = revision;
	hdr[1] = 0;
	put_le16(hdr + 2, (u16)size);
	put_le16(hdr + 4, (u16)mark->count);
	put_le16(hdr + 6, 0);
	if (writer_has(w, mark->start, WT_ACL_HEADER_SIZE))
		memcpy(w->buf + mark->start, hdr, WT_ACL_HEADER_SIZE);
}

/**
 * wt_emit_sd_finish() - write the header of an SD reserved at offset 0
 * @w: the writer
 * @control: Control field (SE_SELF_RELATIVE is added)
 * @owner_off: owner offset or 0
 * @group_off: group offset or 0
 * @sacl_off: SACL offset or 0
 * @dacl_off: DACL offset or 0
 *
 * Sbz1 is written as zero, as Samba's encoder does.
 *
 * Return: the SD's size, -ENOSPC, or the writer's error.
 */
long wt_emit_sd_finish(struct wt_writer *w, u16 control, u32 owner_off,
		       u32 group_off, u32 sacl_off, u32 dacl_off)
{
	u8 hdr[WT_SD_HEADER_SIZE];

	if (w->err)
		return w->err;
	if (w->pos > WT_SD_MAX_SIZE)
		return -EINVAL;
	if (!w->buf)
		return (long)w->pos;
	if (w->pos > w->size)
		return -ENOSPC;
	hdr[0] = 1;
	hdr[1] = 0;
	put_le16(hdr + 2, control | WT_SE_SELF_RELATIVE);
	put_le32(hdr + 4, owner_off);
	put_le32(hdr + 8, group_off);
	put_le32(hdr + 12, sacl_off);
	put_le32(hdr + 16, dacl_off);
	memcpy(w->buf, hdr, sizeof(hdr));
	return (long)w->pos;
}

/* Fill an ACE view from a builder spec (no copying of bytes). */
static void spec_to_view(const struct wt_ace_spec *spec,
			 struct wt_ace_view *ace)
{
	ace->type = spec->type;
	ace->flags = spec->flags;
	ace->size = 0;
	ace->mask = spec->mask;
	ace->sid = &spec->sid;
	ace->object_flags = spec->object_flags;
	ace->object_type = spec->object_type;
	ace->inherited_object_type = spec->inherited_object_type;
	ace->application_data = spec->application_data;
	ace->application_data_len = spec->application_data_len;
}

static u32 emit_spec_acl(struct wt_writer *w, const struct wt_acl_spec *acl)
{
	struct wt_acl_mark mark;
	struct wt_ace_view ace;
	size_t at;
	u32 i;

	if (!acl->present || acl->null_acl)
		return 0;
	if (acl->count && !acl->aces) {
		w->err = -EINVAL;
		return 0;
	}
	at = w->pos;
	wt_emit_acl_begin(w, &mark);
	for (i = 0; i < acl->count && !w->err; i++) {
		spec_to_view(&acl->aces[i], &ace);
		wt_emit_ace(w, &mark, &ace);
	}
	wt_emit_acl_end(w, &mark, acl->revision);
	return (u32)at;
}

/**
 * wt_sd_build() - encode a security descriptor from its parts
 * @spec: the parts
 * @buf: output, or NULL to get the size
 * @size: bytes available at @buf
 *
 * Components are laid out SACL, DACL, owner, group, each ACE in minimal
 * form padded to 4 bytes: the layout Windows writes (MakeSelfRelativeSD,
 * ConvertStringSecurityDescriptorToSecurityDescriptor), so that the bytes
 * of an SDDL string are Windows' bytes for it.
 *
 * Return: the size, -ENOSPC or -EINVAL.
 */
long wt_sd_build(const struct wt_sd_spec *spec, u8 *buf, size_t size)
{
	struct wt_writer w;
	u32 owner_off, group_off, sacl_off, dacl_off;
	u16 control;

	if (!spec)
		return -EINVAL;
	wt_emit_init(&w, buf, size);
	wt_emit_bytes(&w, NULL, WT_SD_HEADER_SIZE);
	sacl_off = emit_spec_acl(&w, &spec->sacl);
	dacl_off = emit_spec_acl(&w, &spec->dacl);
	owner_off = (u32)wt_emit_sid(&w, spec->has_owner ? &spec->owner : NULL);
	group_off = (u32)wt_emit_sid(&w, spec->has_group ? &spec->group : NULL);
	control = spec->control & ~(WT_SE_DACL_PRESENT | WT_SE_SACL_PRESENT);
	if (spec->dacl.present)
		control |= WT_SE_DACL_PRESENT;
	if (spec->sacl.present)
		control |= WT_SE_SACL_PRESENT;
	return wt_emit_sd_finish(&w, control, owner_off, group_off, sacl_off,
				 dacl_off);
}

static u32 emit_view_acl(struct wt_writer *w, const struct wt_acl_view *acl)
{
	struct wt_acl_mark mark;
	struct wt_ace_iter it;
	struct wt_ace_view ace;
	size_t at;
	bool more;

	if (!acl->acl)
		return 0;
	at = w->pos;
	wt_emit_acl_begin(w, &mark);
	for (more = wt_acl_first(acl, &it, &ace); more && !w->err;
	     more = wt_acl_next(&it, &ace))
		wt_emit_ace(w, &mark, &ace);
	wt_emit_acl_end(w, &mark, acl->revision);
	return (u32)at;
}

/**
 * wt_sd_canonicalize() - re-encode a validated SD canonically
 * @sd: the SD, from wt_sd_parse()
 * @buf: output, or NULL to get the size
 * @size: bytes available at @buf
 *
 * Return: the size, -ENOSPC or -EINVAL.
 */
long wt_sd_canonicalize(const struct wt_sd_view *sd, u8 *buf, size_t size)
{
	struct wt_writer w;
	u32 owner_off, group_off, sacl_off, dacl_off;

	if (!sd)
		return -EINVAL;
	wt_emit_init(&w, buf, size);
	wt_emit_bytes(&w, NULL, WT_SD_HEADER_SIZE);
	sacl_off = emit_view_acl(&w, &sd->sacl);
	dacl_off = emit_view_acl(&w, &sd->dacl);
	owner_off = (u32)wt_emit_sid(&w, sd->owner);
	group_off = (u32)wt_emit_sid(&w, sd->group);
	return wt_emit_sd_finish(&w, sd->control, owner_off, group_off,
				 sacl_off, dacl_off);
}
