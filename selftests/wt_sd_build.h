/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Building and reading self-relative security descriptors in selftests,
 * without the security core: the bytes are written out field by field
 * from [MS-DTYP] 2.4, so a test compares the module against the format,
 * not against shared code.
 */
#ifndef WT_SD_BUILD_H
#define WT_SD_BUILD_H

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/wintok.h>

#include "libwintok.h"

/* The SIDs of the guest's users and groups (tools/vm/init.sh). */
#define WT_SID_EVERYONE	"S-1-1-0"
#define WT_SID_ALICE	"S-1-22-1-1001"
#define WT_SID_BOB	"S-1-22-1-1002"
#define WT_SID_MALLORY	"S-1-22-1-1003"
#define WT_SID_FINANCE	"S-1-22-2-2001"

/**
 * struct wt_rule - one ACE to build
 * @deny: an access-denied ACE (else access-allowed)
 * @flags: ACE flags (WT_OBJECT_INHERIT_ACE, ...)
 * @mask: access mask
 * @sid: "S-1-..." string
 */
struct wt_rule {
	int deny;
	uint8_t flags;
	uint32_t mask;
	const char *sid;
};

static inline void wt_le(uint8_t *p, uint32_t v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		p[i] = (v >> (8 * i)) & 0xff;
}

static inline uint32_t wt_get_le(const uint8_t *p, int n)
{
	uint32_t v = 0;
	int i;

	for (i = n - 1; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/* Binary form of "S-1-<authority>-<sub>..." at @out; its size. */
static inline size_t wt_sid_bytes(const char *str, uint8_t *out)
{
	unsigned long long auth;
	const char *p = str + 4;	/* past "S-1-" */
	char *end;
	int n = 0, i;

	auth = strtoull(p, &end, 10);
	out[0] = 1;
	for (i = 0; i < 6; i++)
		out[2 + i] = (auth >> (8 * (5 - i))) & 0xff;
	while (*end == '-' && n < 15) {
		wt_le(out + 8 + 4 * n, strtoul(end + 1, &end, 10), 4);
		n++;
	}
	out[1] = n;
	return 8 + 4 * n;
}

/*
 * A self-relative SD at @sd: owner @owner (NULL: none), a DACL of @n
 * rules (none when @n < 0) with @control bits added. Returns its size.
 */
static inline size_t wt_build_sd(uint8_t *sd, const char *owner,
				 const struct wt_rule *r, int n, uint16_t control)
{
	size_t off = 20, acl;
	int i;

	memset(sd, 0, off);
	sd[0] = 1;
	control |= WT_SE_SELF_RELATIVE;
	if (owner) {
		wt_le(sd + 4, off, 4);
		off += wt_sid_bytes(owner, sd + off);
	}
	if (n >= 0) {
		control |= WT_SE_DACL_PRESENT;
		acl = off;
		memset(sd + acl, 0, 8);
		wt_le(sd + 16, acl, 4);
		off += 8;
		for (i = 0; i < n; i++) {
			size_t at = off;

			sd[at] = r[i].deny ? WT_ACCESS_DENIED_ACE_TYPE :
					     WT_ACCESS_ALLOWED_ACE_TYPE;
			sd[at + 1] = r[i].flags;
			wt_le(sd + at + 4, r[i].mask, 4);
			off = at + 8 + wt_sid_bytes(r[i].sid, sd + at + 8);
			wt_le(sd + at + 2, off - at, 2);
		}
		sd[acl] = WT_ACL_REVISION;
		wt_le(sd + acl + 2, off - acl, 2);
		wt_le(sd + acl + 4, n, 2);
	}
	wt_le(sd + 2, control, 2);
	return off;
}

/*
 * Give the SD wt_build_sd() made at @sd (@len bytes, no SACL yet) a SACL
 * of one mandatory label ACE: integrity level RID @rid (S-1-16-@rid) with
 * the WT_SYSTEM_MANDATORY_LABEL_* policy bits @policy. Returns the new
 * size; the label part is set with WT_LABEL_SECURITY_INFORMATION.
 */
static inline size_t wt_sd_add_label(uint8_t *sd, size_t len, uint32_t rid,
				     uint32_t policy)
{
	size_t acl = len, ace = len + 8;
	uint8_t *sid = sd + ace + 8;

	memset(sd + acl, 0, 8);
	sd[ace] = WT_SYSTEM_MANDATORY_LABEL_ACE_TYPE;
	sd[ace + 1] = 0;
	wt_le(sd + ace + 2, 8 + 12, 2);
	wt_le(sd + ace + 4, policy, 4);
	/* S-1-16-<rid>: revision 1, one sub-authority, authority 16 */
	memset(sid, 0, 8);
	sid[0] = 1;
	sid[1] = 1;
	sid[7] = 16;
	wt_le(sid + 8, rid, 4);
	sd[acl] = WT_ACL_REVISION;
	wt_le(sd + acl + 2, 8 + 8 + 12, 2);
	wt_le(sd + acl + 4, 1, 2);
	wt_le(sd + 12, acl, 4);
	wt_le(sd + 2, wt_get_le(sd + 2, 2) | WT_SE_SACL_PRESENT, 2);
	return acl + 8 + 8 + 12;
}

/* Does the SD at @sd (@len bytes) have owner @owner? */
static inline int wt_sd_owner_is(const uint8_t *sd, size_t len, const char *owner)
{
	uint8_t want[68];
	size_t n = wt_sid_bytes(owner, want);
	uint32_t at;

	if (len < 20)
		return 0;
	at = wt_get_le(sd + 4, 4);
	return at && at + n <= len && !memcmp(sd + at, want, n);
}

/*
 * Find in the DACL of the SD at @sd the first ACE for @sid; fill its
 * type, flags and mask. Returns 1 when found.
 */
static inline int wt_sd_find_ace(const uint8_t *sd, size_t len, const char *sid,
				 uint8_t *type, uint8_t *flags, uint32_t *mask)
{
	uint8_t want[68];
	size_t n = wt_sid_bytes(sid, want);
	uint32_t acl, count, i, at, size;

	if (len < 20 || !(wt_get_le(sd + 2, 2) & WT_SE_DACL_PRESENT))
		return 0;
	acl = wt_get_le(sd + 16, 4);
	if (!acl || acl + 8 > len)
		return 0;
	count = wt_get_le(sd + acl + 4, 2);
	at = acl + 8;
	for (i = 0; i < count && at + 8 <= len; i++, at += size) {
		size = wt_get_le(sd + at + 2, 2);
		if (size < 8 || at + size > len)
			return 0;
		if (size - 8 == n && !memcmp(sd + at + 8, want, n)) {
			*type = sd[at];
			*flags = sd[at + 1];
			*mask = wt_get_le(sd + at + 4, 4);
			return 1;
		}
	}
	return 0;
}

/*
 * Set the parts @sel of the self-relative SD @sd (@len bytes) on @path,
 * opened O_PATH, through WT_IOC_SET_FILE_SECURITY (libwintok.h); 0 or
 * errno.
 */
static inline int wt_set_sd_bytes(const char *path, uint32_t sel,
				  const void *sd, size_t len)
{
	int fd = open(path, O_PATH | O_CLOEXEC), err = 0;

	if (fd < 0)
		return errno;
	if (wt_set_file_security(-1, fd, sel, sd, len))
		err = errno;
	close(fd);
	return err;
}

/*
 * Set the parts @sel of an SD with owner and group @owner (NULL: none)
 * and a DACL of @n rules on @path; 0 or errno.
 */
static inline int wt_set_sd_parts(const char *path, uint32_t sel,
				  const char *owner, const struct wt_rule *r,
				  int n)
{
	uint8_t sd[8192];

	return wt_set_sd_bytes(path, sel, sd, wt_build_sd(sd, owner, r, n, 0));
}

/* Give @path a DACL of @n rules, and the owner @owner unless NULL. */
static inline int wt_set_sd(const char *path, const char *owner,
			    const struct wt_rule *r, int n)
{
	return wt_set_sd_parts(path, WT_DACL_SECURITY_INFORMATION |
			       (owner ? WT_OWNER_SECURITY_INFORMATION : 0),
			       owner, r, n);
}

/* Give @path a DACL of @n rules, the owner as it is; 0 or errno. */
static inline int wt_set_dacl(const char *path, const struct wt_rule *r, int n)
{
	return wt_set_sd(path, NULL, r, n);
}

/*
 * Give @path a DACL that grants @sid all access to a file and nobody
 * else anything; the owner as it is. 0 or errno.
 */
static inline int wt_set_dacl_only(const char *path, const char *sid)
{
	const struct wt_rule r = { .mask = WT_FILE_ALL_ACCESS, .sid = sid };

	return wt_set_dacl(path, &r, 1);
}

/*
 * Give SysV message queue @id a DACL of @n rules through
 * WT_IOC_SET_IPC_SECURITY; 0 or errno.
 */
static inline int wt_set_msq_dacl(int id, const struct wt_rule *r, int n)
{
	uint8_t sd[8192];
	struct wt_ipc_security a = {
		.size = sizeof(a), .type = WT_IPC_TYPE_MSG_QUEUE, .id = id,
		.selectors = WT_DACL_SECURITY_INFORMATION,
		.length = wt_build_sd(sd, NULL, r, n, 0),
		.buffer = (uintptr_t)sd,
	};
	int dev = open("/dev/wintok", O_RDWR | O_CLOEXEC), err = 0;

	if (dev < 0)
		return errno;
	if (ioctl(dev, WT_IOC_SET_IPC_SECURITY, &a))
		err = errno;
	close(dev);
	return err;
}

#endif /* WT_SD_BUILD_H */
