/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal to the security core: a bounded byte writer used to emit
 * canonical self-relative SDs (wt_sd_build(), wt_sd_canonicalize(),
 * wt_sd_inherit()). Every emitter writes through it so the "how big would
 * it be" pass and the real pass are the same code.
 */
#ifndef WT_SD_EMIT_H
#define WT_SD_EMIT_H

#include "wt_sd.h"

static inline u16 wt_get_le16(const u8 *p)
{
	return (u16)(p[0] | (p[1] << 8));
}

static inline u32 wt_get_le32(const u8 *p)
{
	return (u32)p[0] | ((u32)p[1] << 8) | ((u32)p[2] << 16) |
	       ((u32)p[3] << 24);
}

/**
 * struct wt_writer - output cursor
 * @buf: destination, or NULL to only measure
 * @size: bytes available at @buf
 * @pos: bytes emitted so far (may exceed @size: then nothing is written)
 * @err: sticky error (-EINVAL for a field that cannot be encoded)
 */
struct wt_writer {
	u8 *buf;
	size_t size;
	size_t pos;
	int err;
};

/**
 * struct wt_acl_mark - an ACL being emitted
 * @start: offset of its header
 * @count: ACEs emitted
 * @has_object: an object ACE was emitted (decides revision 4 when unset)
 */
struct wt_acl_mark {
	size_t start;
	u32 count;
	bool has_object;
};

void wt_emit_init(struct wt_writer *w, u8 *buf, size_t size);
void wt_emit_bytes(struct wt_writer *w, const void *src, size_t len);
size_t wt_emit_sid(struct wt_writer *w, const struct wt_sid *sid);
void wt_emit_acl_begin(struct wt_writer *w, struct wt_acl_mark *mark);
void wt_emit_ace(struct wt_writer *w, struct wt_acl_mark *mark,
		 const struct wt_ace_view *ace);
void wt_emit_acl_end(struct wt_writer *w, struct wt_acl_mark *mark,
		     u8 revision);
long wt_emit_sd_finish(struct wt_writer *w, u16 control, u32 owner_off,
		       u32 group_off, u32 sacl_off, u32 dacl_off);

/* Does this ACE type carry bytes after the SID that must be preserved? */
bool wt_ace_type_has_trailer(u8 type);

#endif /* WT_SD_EMIT_H */
