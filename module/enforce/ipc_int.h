/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok - what the IPC hooks (ipc_sd.c) and the IPC ioctls
 * (ipc_ioctl.c) share: the entry of the SD map and its operations.
 */
#ifndef WT_IPC_INT_H
#define WT_IPC_INT_H

#include <linux/ipc.h>
#include <linux/string.h>
#include <linux/types.h>

#include "audit.h"
#include "decision.h"
#include "objmap.h"
#include "wt_sd.h"

#define WT_IPC_GFP		(GFP_ATOMIC | __GFP_NOWARN)

/**
 * struct wt_ipc_entry - the SD of one IPC object
 * @node: map linkage, keyed by the kern_ipc_perm (never dereferenced
 *	through the entry)
 * @seq: unique per entry, tells a replaced entry from its successor
 * @type: WT_IPC_TYPE_* of the object
 * @len: bytes at @sd
 * @view: @sd parsed
 * @rcu: frees the entry after readers are done
 * @decisions: recent decisions on @view (decision.h)
 * @sd: canonical self-relative SD
 */
struct wt_ipc_entry {
	struct wt_objmap_node node;
	u64 seq;
	u32 type;
	u32 len;
	struct wt_sd_view view;
	struct rcu_head rcu;
	struct wt_decision_cache decisions;
	u8 sd[] __aligned(8);
};

struct wt_ipc_entry *wt_ipc_find(const struct kern_ipc_perm *perm);
void wt_ipc_insert(const struct kern_ipc_perm *perm, struct wt_ipc_entry *e);
struct wt_ipc_entry *wt_ipc_entry_alloc(u32 type, u32 len, gfp_t gfp);
int wt_ipc_parse_entry(struct wt_ipc_entry *e);
/*
 * How audit events name an IPC object of @type (0: unknown) with id @id.
 * Inline: every check of a governed object fills one, most never used.
 */
static inline void wt_ipc_audit_obj(struct wt_audit_object *obj, u32 type,
				    int id)
{
	static const char *const kinds[] = {
		[WT_IPC_TYPE_MSG_QUEUE] = "msg",
		[WT_IPC_TYPE_SEMAPHORE] = "sem",
		[WT_IPC_TYPE_SHM] = "shm",
	};

	memset(obj, 0, sizeof(*obj));
	obj->kind = type < ARRAY_SIZE(kinds) && kinds[type] ? kinds[type] : "ipc";
	obj->id = id;
}

#endif /* WT_IPC_INT_H */
