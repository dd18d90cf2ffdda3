// SPDX-License-Identifier: GPL-2.0
/*
 * Assembling an SD from parts of other, validated SDs: the SD a get
 * returns (the parts selected) and the SD a set stores (the new parts
 * merged into the old), for files, SysV IPC and sockets alike. Written
 * through the canonical encoder, so the result has the layout of
 * wt_sd_build() and the host fuzzers and unit tests cover it. Shared
 * unchanged by the kernel module and the host tools.
 */
#include "wt_sd.h"
#include "wt_sd_emit.h"

static bool part_has_acl(const struct wt_acl_view *acl)
{
	return acl && acl->acl;
}

static bool ace_kept(u8 type, enum wt_ace_keep keep)
{
	bool label = type == WT_SYSTEM_MANDATORY_LABEL_ACE_TYPE;

	return keep == WT_KEEP_ALL || (keep == WT_KEEP_LABEL) == label;
}

/*
 * One ACL of the kept ACEs of @n sources, in their order. Its revision is
 * the highest of the sources', even where none of a source's ACEs is kept:
 * what the old hand-written assembly gave, kept so stored bytes do not
 * change. Returns its offset.
 */
static u32 emit_parts_acl(struct wt_writer *w, const struct wt_acl_part *parts,
			  unsigned int n)
{
	struct wt_acl_mark mark;
	struct wt_ace_iter it;
	struct wt_ace_view ace;
	u8 revision = WT_ACL_REVISION;
	size_t at = w->pos;
	unsigned int i;
	bool more;

	wt_emit_acl_begin(w, &mark);
	for (i = 0; i < n; i++) {
		const struct wt_acl_view *acl = parts[i].acl;

		if (!part_has_acl(acl))
			continue;
		if (acl->revision > revision)
			revision = acl->revision;
		for (more = wt_acl_first(acl, &it, &ace); more && !w->err;
		     more = wt_acl_next(&it, &ace))
			if (ace_kept(ace.type, parts[i].keep))
				wt_emit_ace(w, &mark, &ace);
	}
	wt_emit_acl_end(w, &mark, revision);
	return (u32)at;
}

/**
 * wt_sd_assemble() - encode an SD from parts of validated SDs
 * @p: the parts
 * @buf: output, or NULL to get the size
 * @size: bytes available at @buf
 *
 * The SACL is present when @p->sacl_present says so; it is a NULL SACL
 * when neither source has an ACL, else the kept ACEs of both sources in
 * order. The DACL likewise from @p->dacl. Control is @p->control with the
 * *_PRESENT bits derived. Layout as wt_sd_build(): SACL, DACL, owner,
 * group, each ACE in minimal form.
 *
 * Return: the size, -ENOSPC or -EINVAL (an invalid part, or the result
 * would exceed WT_SD_MAX_SIZE).
 */
long wt_sd_assemble(const struct wt_sd_parts *p, u8 *buf, size_t size)
{
	struct wt_acl_part dacl;
	struct wt_writer w;
	u32 owner_off, group_off, sacl_off = 0, dacl_off = 0;
	u16 control;

	if (!p)
		return -EINVAL;
	control = p->control & ~(WT_SE_DACL_PRESENT | WT_SE_SACL_PRESENT);
	wt_emit_init(&w, buf, size);
	wt_emit_bytes(&w, NULL, WT_SD_HEADER_SIZE);
	if (p->sacl_present) {
		control |= WT_SE_SACL_PRESENT;
		if (part_has_acl(p->sacl[0].acl) || part_has_acl(p->sacl[1].acl))
			sacl_off = emit_parts_acl(&w, p->sacl, 2);
	}
	if (p->dacl_present) {
		control |= WT_SE_DACL_PRESENT;
		dacl.acl = p->dacl;
		dacl.keep = WT_KEEP_ALL;
		if (part_has_acl(p->dacl))
			dacl_off = emit_parts_acl(&w, &dacl, 1);
	}
	owner_off = (u32)wt_emit_sid(&w, p->owner);
	group_off = (u32)wt_emit_sid(&w, p->group);
	return wt_emit_sd_finish(&w, control, owner_off, group_off, sacl_off,
				 dacl_off);
}
