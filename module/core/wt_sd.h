/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Security descriptors in the MS-DTYP self-relative format ([MS-DTYP] 2.4.6),
 * their ACLs (2.4.5) and ACEs (2.4.4).
 *
 * An SD is validated once, strictly, by wt_sd_parse(); the result is a
 * struct wt_sd_view of pointers into the caller's buffer. Everything after
 * that (the access check, inheritance, formatting) walks the validated bytes
 * and needs no allocation, which is what the kernel's permission hooks want.
 */
#ifndef WT_SD_H
#define WT_SD_H

#include "wt_compat.h"
#include "wt_sid.h"

#define WT_SD_HEADER_SIZE 20
#define WT_ACL_HEADER_SIZE 8
#define WT_ACE_HEADER_SIZE 4
#define WT_GUID_SIZE 16

/**
 * struct wt_acl_view - a validated ACL inside an SD buffer
 * @acl: the ACL header in the buffer
 * @revision: ACL revision (2 or 4)
 * @size: AclSize from the header
 * @count: AceCount from the header
 */
struct wt_acl_view {
	const u8 *acl;
	u8 revision;
	u16 size;
	u16 count;
};

/**
 * struct wt_ace_view - one decoded ACE (pointers into the buffer)
 * @type: AceType
 * @flags: AceFlags
 * @size: AceSize
 * @mask: access mask (for a mandatory label: the NO_*_UP policy bits)
 * @sid: the trustee SID, inside the buffer
 * @object_flags: for object ACEs, which GUIDs are present (else 0)
 * @object_type: the ObjectType GUID or NULL
 * @inherited_object_type: the InheritedObjectType GUID or NULL
 * @application_data: bytes after the SID (callback/conditional ACEs,
 *	resource attributes) and their length
 * @application_data_len: length of @application_data
 */
struct wt_ace_view {
	u8 type;
	u8 flags;
	u16 size;
	u32 mask;
	const struct wt_sid *sid;
	u32 object_flags;
	const u8 *object_type;
	const u8 *inherited_object_type;
	const u8 *application_data;
	u16 application_data_len;
};

/**
 * struct wt_sd_view - a validated self-relative SD
 * @buf: the SD bytes (owned by the caller)
 * @len: their length
 * @control: the Control field
 * @owner: owner SID or NULL
 * @group: primary group SID or NULL
 * @dacl: the DACL; @dacl.acl is NULL when absent (no SE_DACL_PRESENT, or a
 *	NULL DACL: present bit with offset 0)
 * @sacl: the SACL, same convention
 * @hints: WT_SD_HINT_* facts wt_sd_parse() found, so the access check
 *	need not look for them each time; 0 (a view made otherwise): unknown,
 *	the check looks itself
 */
struct wt_sd_view {
	const u8 *buf;
	u32 len;
	u16 control;
	const struct wt_sid *owner;
	const struct wt_sid *group;
	struct wt_acl_view dacl;
	struct wt_acl_view sacl;
	u8 hints;
};

#define WT_SD_HINT_VALID		0x1	/* the bits below are known */
#define WT_SD_HINT_OWNER_RIGHTS		0x2	/* an effective DACL ACE names OWNER RIGHTS */

/*
 * Strictly validate @len bytes at @buf as a self-relative SD and fill @sd.
 * @buf must be 4-byte aligned (SIDs are used in place). Rejects (-EINVAL):
 * a misaligned @buf or offset, len < 20 or > WT_SD_MAX_SIZE,
 * revision != 1, Sbz1 != 0
 * (unless RM_CONTROL_VALID), SE_SELF_RELATIVE clear, any offset or size
 * outside the buffer, overlapping components, bytes not covered by any
 * component (trailing garbage), a bad SID, an ACL whose size or count lies,
 * an ACE whose size is < its minimum, unaligned (not a multiple of 4) or
 * runs past its ACL, unknown ACL revision. Never reads past @len.
 */
int wt_sd_parse(const void *buf, size_t len, struct wt_sd_view *sd);

/*
 * Decode ACE number @index of a validated ACL. ACEs are walked in order with
 * wt_acl_first()/wt_acl_next(); both return false at the end.
 */
struct wt_ace_iter {
	const struct wt_acl_view *acl;
	u32 offset;
	u16 index;
};

bool wt_acl_first(const struct wt_acl_view *acl, struct wt_ace_iter *it,
		  struct wt_ace_view *ace);
bool wt_acl_next(struct wt_ace_iter *it, struct wt_ace_view *ace);

/* Is this ACE type one with object GUIDs / application data? */
bool wt_ace_type_is_object(u8 type);
bool wt_ace_type_is_callback(u8 type);

/*
 * Builder: describe an SD as parts and emit canonical self-relative bytes
 * with wt_sd_build().
 */
struct wt_ace_spec {
	u8 type;
	u8 flags;
	u32 mask;
	struct wt_sid sid;
	u32 object_flags;
	u8 object_type[WT_GUID_SIZE];
	u8 inherited_object_type[WT_GUID_SIZE];
	const u8 *application_data;	/* copied at build time */
	u16 application_data_len;
};

struct wt_acl_spec {
	bool present;		/* false: no ACL (no *_PRESENT bit) */
	bool null_acl;		/* present with offset 0: a NULL DACL */
	u8 revision;		/* 0: pick 2, or 4 when object ACEs exist */
	u16 count;
	struct wt_ace_spec *aces;	/* @count entries, caller-owned */
};

struct wt_sd_spec {
	u16 control;		/* *_PRESENT and SELF_RELATIVE are derived */
	bool has_owner;
	struct wt_sid owner;
	bool has_group;
	struct wt_sid group;
	struct wt_acl_spec dacl;
	struct wt_acl_spec sacl;
};

/*
 * Encode @spec as self-relative bytes in exactly the layout Windows writes:
 * SACL, DACL, owner, group (so the corpus test can compare bytes with
 * Windows'). Returns the size, or
 * -ENOSPC when @size is too small (call with @buf NULL to get the size;
 * after any error the contents of @buf are unspecified),
 * -EINVAL when the result would be invalid or exceed WT_SD_MAX_SIZE.
 */
long wt_sd_build(const struct wt_sd_spec *spec, u8 *buf, size_t size);

/*
 * Re-encode a validated SD canonically (same layout as wt_sd_build()).
 * Same return convention.
 */
long wt_sd_canonicalize(const struct wt_sd_view *sd, u8 *buf, size_t size);

/* Which ACEs of a source ACL an assembled ACL takes. */
enum wt_ace_keep {
	WT_KEEP_ALL,		/* every ACE */
	WT_KEEP_AUDIT,		/* all but mandatory labels */
	WT_KEEP_LABEL,		/* only mandatory labels */
};

/**
 * struct wt_acl_part - ACEs of one source ACL to put in an ACL
 * @acl: the source, a validated ACL (NULL or @acl->acl NULL: none)
 * @keep: which of its ACEs
 */
struct wt_acl_part {
	const struct wt_acl_view *acl;
	enum wt_ace_keep keep;
};

/**
 * struct wt_sd_parts - the parts of an SD to assemble with wt_sd_assemble()
 * @control: control bits besides *_PRESENT and SELF_RELATIVE
 * @owner: owner SID or NULL
 * @group: group SID or NULL
 * @dacl_present: emit SE_DACL_PRESENT
 * @dacl: the DACL (NULL or without ACL: a NULL DACL)
 * @sacl_present: emit SE_SACL_PRESENT
 * @sacl: audit and label sources of the SACL, in this order
 */
struct wt_sd_parts {
	u16 control;
	const struct wt_sid *owner;
	const struct wt_sid *group;
	bool dacl_present;
	const struct wt_acl_view *dacl;
	bool sacl_present;
	struct wt_acl_part sacl[2];
};

/*
 * Encode an SD from parts of validated SDs (a get's selection, a set's
 * merge), in wt_sd_build()'s layout. Same return convention.
 */
long wt_sd_assemble(const struct wt_sd_parts *p, u8 *buf, size_t size);

#endif /* WT_SD_H */
