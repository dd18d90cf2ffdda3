/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Security descriptor of a new object from its parent's and the creator's
 * token ([MS-DTYP] 2.5.3.4 CreateSecurityDescriptor / ComputeACL).
 */
#ifndef WT_INHERIT_H
#define WT_INHERIT_H

#include "wt_access.h"

#define WT_INHERIT_IS_CONTAINER	0x1	/* the new object is a directory */

/*
 * Compute the SD of a new object created under @parent (may be NULL: no
 * parent SD) by @tok, optionally with an explicit @creator SD (may be NULL).
 * Owner = creator SD's owner, else the token's owner; group likewise with the
 * primary group. DACL: the creator's unless it is absent or defaulted, else
 * the inheritable ACEs of the parent (OI/CI/NP/IO rules, CREATOR OWNER/GROUP
 * substitution, INHERITED flag), else the token's default DACL. AI/P
 * control bits as Windows sets them. Writes canonical bytes to @buf;
 * returns their size, -ENOSPC when @size is too small (@buf NULL gives the
 * size), -EINVAL on invalid input.
 */
long wt_sd_inherit(const struct wt_sd_view *parent,
		   const struct wt_sd_view *creator,
		   const struct wt_token_view *tok,
		   const struct wt_generic_mapping *mapping,
		   u32 flags, u8 *buf, size_t size);

/* wt_sd_map_generic() @acls: which ACLs to map */
#define WT_MAP_DACL	0x1
#define WT_MAP_SACL	0x2

/*
 * Map the GENERIC_* bits of the effective ACEs of @sd (parsed from @buf,
 * which must be writable) with @mapping, in place: what Windows stores
 * when an SD is set or an object created with one. Inherit-only ACEs keep
 * their generic bits for the children's own mapping; label, resource
 * attribute and scoped policy ACEs have no rights to map. Only masks
 * change, so @sd stays valid.
 */
void wt_sd_map_generic(u8 *buf, const struct wt_sd_view *sd,
		       const struct wt_generic_mapping *mapping, u32 acls);

#endif /* WT_INHERIT_H */
