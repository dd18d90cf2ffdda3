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

#endif /* WT_INHERIT_H */
