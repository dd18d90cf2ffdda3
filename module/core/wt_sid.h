/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Security identifiers ([MS-DTYP] 2.4.2).
 *
 * A struct wt_sid is laid out exactly like the binary SID on the wire, with
 * room for the largest one: its first wt_sid_size() bytes ARE the MS-DTYP
 * encoding. That lets the access check compare a token's SIDs with the SIDs
 * inside a security descriptor with one memcmp(), without converting either.
 */
#ifndef WT_SID_H
#define WT_SID_H

#include "wt_compat.h"

#define WT_SID_REVISION 1
#define WT_SID_MAX_SUB_AUTHORITIES 15
#define WT_SID_HEADER_SIZE 8
#define WT_SID_MAX_SIZE (WT_SID_HEADER_SIZE + 4 * WT_SID_MAX_SUB_AUTHORITIES)
/* "S-1-" + 48-bit authority + 15 * "-4294967295" + NUL, rounded up */
#define WT_SID_STRING_MAX 192

/**
 * struct wt_sid - a SID in its MS-DTYP binary layout
 * @revision: always %WT_SID_REVISION
 * @sub_authority_count: number of valid entries in @sub_authority
 * @identifier_authority: 48-bit big-endian authority
 * @sub_authority: little-endian sub-authorities (RIDs)
 */
struct wt_sid {
	u8 revision;
	u8 sub_authority_count;
	u8 identifier_authority[6];
	__le32 sub_authority[WT_SID_MAX_SUB_AUTHORITIES];
};

static inline size_t wt_sid_size(const struct wt_sid *sid)
{
	return WT_SID_HEADER_SIZE + 4 * (size_t)sid->sub_authority_count;
}

/* Binary equality of two SIDs (either may point into an SD buffer). */
static inline bool wt_sid_equal(const struct wt_sid *a, const struct wt_sid *b)
{
	return a->sub_authority_count == b->sub_authority_count &&
	       memcmp(a, b, wt_sid_size(a)) == 0;
}

/* Total order: authority, then count, then sub-authorities numerically. */
int wt_sid_compare(const struct wt_sid *a, const struct wt_sid *b);

/* The 48-bit identifier authority as a number. */
u64 wt_sid_authority(const struct wt_sid *sid);

/* Sub-authority @i in host order; the caller checks @i < count. */
static inline u32 wt_sid_sub(const struct wt_sid *sid, unsigned int i)
{
	return le32_to_cpu(sid->sub_authority[i]);
}

/* The last sub-authority (the RID), or 0 for a SID without any. */
u32 wt_sid_rid(const struct wt_sid *sid);

/*
 * Build a SID from an authority and sub-authorities. Returns 0, or -EINVAL
 * for count > 15 or authority >= 2^48.
 */
int wt_sid_init(struct wt_sid *sid, u64 authority, unsigned int count,
		const u32 *subs);

/* Append one sub-authority; -EINVAL when the SID is full. */
int wt_sid_append(struct wt_sid *sid, u32 sub);

/*
 * Validate a binary SID at @buf of at most @len bytes and report its size.
 * Returns 0 (and *size) or -EINVAL (bad revision, > 15 sub-authorities,
 * truncated). Never reads past @len.
 */
int wt_sid_validate(const void *buf, size_t len, size_t *size);

/*
 * Parse "S-1-5-21-..." (decimal, or 0x-prefixed hex authority/sub-authorities
 * as Windows accepts). The whole string must be consumed; -EINVAL otherwise.
 * Well-known aliases ("WD", "BA") are SDDL's business, not this function's.
 */
int wt_sid_from_string(struct wt_sid *sid, const char *str);

/*
 * Parse a SID at the start of @str (same syntax) and return how many bytes
 * were consumed (> 0) or -EINVAL. For parsers embedding SIDs in other text.
 */
int wt_sid_parse_prefix(struct wt_sid *sid, const char *str, size_t len);

/*
 * The same with flags. WT_SID_TEXT_WINDOWS reads as Windows'
 * ConvertStringSidToSid does (SDDL): spaces before each number, the
 * revision as a number ("S-0x1-..." makes every later number hexadecimal),
 * sub-authorities past 32 bits read as 4294967295, and a hexadecimal number
 * ends before "D:".
 */
#define WT_SID_TEXT_WINDOWS 0x1
int wt_sid_parse_text(struct wt_sid *sid, const char *str, size_t len,
		      unsigned int flags);

/*
 * Format in canonical form: decimal, authority in unpadded upper-case hex
 * ("0x...") only when it is >= 2^32, as Windows does. Returns the string length, or -ENOSPC when
 * @size is too small (WT_SID_STRING_MAX is always enough).
 */
int wt_sid_to_string(const struct wt_sid *sid, char *buf, size_t size);

/* Well-known SIDs, built on demand. */
enum wt_well_known_sid {
	WT_SID_NULL,			/* S-1-0-0 */
	WT_SID_EVERYONE,		/* S-1-1-0 */
	WT_SID_LOCAL,			/* S-1-2-0 */
	WT_SID_CONSOLE_LOGON,		/* S-1-2-1 */
	WT_SID_CREATOR_OWNER,		/* S-1-3-0 */
	WT_SID_CREATOR_GROUP,		/* S-1-3-1 */
	WT_SID_CREATOR_OWNER_SERVER,	/* S-1-3-2 */
	WT_SID_CREATOR_GROUP_SERVER,	/* S-1-3-3 */
	WT_SID_OWNER_RIGHTS,		/* S-1-3-4 */
	WT_SID_NT_AUTHORITY,		/* S-1-5 */
	WT_SID_DIALUP,			/* S-1-5-1 */
	WT_SID_NETWORK,			/* S-1-5-2 */
	WT_SID_BATCH,			/* S-1-5-3 */
	WT_SID_INTERACTIVE,		/* S-1-5-4 */
	WT_SID_SERVICE,			/* S-1-5-6 */
	WT_SID_ANONYMOUS,		/* S-1-5-7 */
	WT_SID_ENTERPRISE_DCS,		/* S-1-5-9 */
	WT_SID_PRINCIPAL_SELF,		/* S-1-5-10 */
	WT_SID_AUTHENTICATED_USERS,	/* S-1-5-11 */
	WT_SID_RESTRICTED_CODE,		/* S-1-5-12 */
	WT_SID_TERMINAL_SERVER_USER,	/* S-1-5-13 */
	WT_SID_REMOTE_INTERACTIVE,	/* S-1-5-14 */
	WT_SID_THIS_ORGANIZATION,	/* S-1-5-15 */
	WT_SID_WRITE_RESTRICTED_CODE,	/* S-1-5-33 */
	WT_SID_LOCAL_SYSTEM,		/* S-1-5-18 */
	WT_SID_LOCAL_SERVICE,		/* S-1-5-19 */
	WT_SID_NETWORK_SERVICE,		/* S-1-5-20 */
	WT_SID_BUILTIN,			/* S-1-5-32 */
	WT_SID_BUILTIN_ADMINISTRATORS,	/* S-1-5-32-544 */
	WT_SID_BUILTIN_USERS,		/* S-1-5-32-545 */
	WT_SID_BUILTIN_GUESTS,		/* S-1-5-32-546 */
	WT_SID_BUILTIN_POWER_USERS,	/* S-1-5-32-547 */
	WT_SID_BUILTIN_BACKUP_OPERATORS, /* S-1-5-32-551 */
	WT_SID_ML_UNTRUSTED,		/* S-1-16-0 */
	WT_SID_ML_LOW,			/* S-1-16-4096 */
	WT_SID_ML_MEDIUM,		/* S-1-16-8192 */
	WT_SID_ML_MEDIUM_PLUS,		/* S-1-16-8448 */
	WT_SID_ML_HIGH,			/* S-1-16-12288 */
	WT_SID_ML_SYSTEM,		/* S-1-16-16384 */
	WT_SID_ML_PROTECTED,		/* S-1-16-20480 */
	WT_SID_UNIX_USERS,		/* S-1-22-1 (append the uid) */
	WT_SID_UNIX_GROUPS,		/* S-1-22-2 (append the gid) */
	WT_SID_WELL_KNOWN_COUNT
};

/* Fill @sid with a well-known SID; -EINVAL for an unknown value. */
int wt_sid_well_known(struct wt_sid *sid, enum wt_well_known_sid which);

/* Logon SID S-1-5-5-@hi-@lo. */
void wt_sid_logon(struct wt_sid *sid, u32 hi, u32 lo);
/* Returns true and the two halves when @sid is S-1-5-5-hi-lo. */
bool wt_sid_to_logon(const struct wt_sid *sid, u32 *hi, u32 *lo);

/* Samba's mapping of Unix ids: S-1-22-1-uid and S-1-22-2-gid. */
void wt_sid_from_uid(struct wt_sid *sid, u32 uid);
void wt_sid_from_gid(struct wt_sid *sid, u32 gid);
/* Returns true and the id when @sid is S-1-22-1-x (resp. S-1-22-2-x). */
bool wt_sid_to_uid(const struct wt_sid *sid, u32 *uid);
bool wt_sid_to_gid(const struct wt_sid *sid, u32 *gid);

/* S-1-16-x: true and the RID (level) when @sid is a mandatory label SID. */
bool wt_sid_is_integrity(const struct wt_sid *sid, u32 *level);

#endif /* WT_SID_H */
