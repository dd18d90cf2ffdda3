// SPDX-License-Identifier: GPL-2.0
/*
 * Security identifiers: binary validation, string conversion, well-known
 * SIDs. Shared unchanged by the kernel module and the host tools.
 */
#include "wt_sid.h"

/* 2^48: identifier authorities are 48-bit */
#define WT_AUTHORITY_LIMIT 0x0001000000000000ULL

/**
 * wt_sid_authority() - the 48-bit identifier authority as a number
 * @sid: the SID
 *
 * Return: the authority, big-endian bytes assembled in host order.
 */
u64 wt_sid_authority(const struct wt_sid *sid)
{
	u64 value = 0;
	unsigned int i;

	for (i = 0; i < 6; i++)
		value = (value << 8) | sid->identifier_authority[i];
	return value;
}

/**
 * wt_sid_compare() - total order on SIDs
 * @a: first SID
 * @b: second SID
 *
 * Orders by authority, then sub-authority count, then each sub-authority
 * numerically, so sorted lists look the way Windows tools sort them.
 *
 * Return: negative, zero or positive like memcmp().
 */
int wt_sid_compare(const struct wt_sid *a, const struct wt_sid *b)
{
	u64 auth_a = wt_sid_authority(a);
	u64 auth_b = wt_sid_authority(b);
	unsigned int i;

	if (a->revision != b->revision)
		return a->revision < b->revision ? -1 : 1;
	if (auth_a != auth_b)
		return auth_a < auth_b ? -1 : 1;
	if (a->sub_authority_count != b->sub_authority_count)
		return a->sub_authority_count < b->sub_authority_count ? -1 : 1;
	for (i = 0; i < a->sub_authority_count; i++) {
		u32 sa = wt_sid_sub(a, i);
		u32 sb = wt_sid_sub(b, i);

		if (sa != sb)
			return sa < sb ? -1 : 1;
	}
	return 0;
}

/**
 * wt_sid_rid() - the relative identifier of a SID
 * @sid: the SID
 *
 * Return: the last sub-authority, or 0 when the SID has none.
 */
u32 wt_sid_rid(const struct wt_sid *sid)
{
	if (!sid->sub_authority_count)
		return 0;
	return wt_sid_sub(sid, sid->sub_authority_count - 1);
}

/**
 * wt_sid_init() - build a SID from its parts
 * @sid: output
 * @authority: identifier authority, below 2^48
 * @count: number of sub-authorities, at most 15
 * @subs: @count sub-authorities in host order (may be NULL when @count is 0)
 *
 * Return: 0, or -EINVAL when @count or @authority is out of range.
 */
int wt_sid_init(struct wt_sid *sid, u64 authority, unsigned int count,
		const u32 *subs)
{
	unsigned int i;

	if (count > WT_SID_MAX_SUB_AUTHORITIES ||
	    authority >= WT_AUTHORITY_LIMIT || (count && !subs))
		return -EINVAL;
	memset(sid, 0, sizeof(*sid));
	sid->revision = WT_SID_REVISION;
	sid->sub_authority_count = count;
	for (i = 0; i < 6; i++)
		sid->identifier_authority[i] = (authority >> (8 * (5 - i))) & 0xff;
	for (i = 0; i < count; i++)
		sid->sub_authority[i] = cpu_to_le32(subs[i]);
	return 0;
}

/**
 * wt_sid_append() - append one sub-authority
 * @sid: the SID to extend
 * @sub: the new last sub-authority
 *
 * Return: 0, or -EINVAL when @sid already has 15 sub-authorities.
 */
int wt_sid_append(struct wt_sid *sid, u32 sub)
{
	if (sid->sub_authority_count >= WT_SID_MAX_SUB_AUTHORITIES)
		return -EINVAL;
	sid->sub_authority[sid->sub_authority_count++] = cpu_to_le32(sub);
	return 0;
}

/**
 * wt_sid_validate() - check a binary SID inside a buffer
 * @buf: first byte of the SID
 * @len: bytes available at @buf
 * @size: output, the size of the SID
 *
 * Return: 0, or -EINVAL for a truncated SID, a revision other than 1 or
 * more than 15 sub-authorities. Reads at most @len bytes.
 */
int wt_sid_validate(const void *buf, size_t len, size_t *size)
{
	const u8 *bytes = buf;
	size_t need;

	if (!buf || len < WT_SID_HEADER_SIZE)
		return -EINVAL;
	if (bytes[0] != WT_SID_REVISION ||
	    bytes[1] > WT_SID_MAX_SUB_AUTHORITIES)
		return -EINVAL;
	need = WT_SID_HEADER_SIZE + 4 * (size_t)bytes[1];
	if (need > len)
		return -EINVAL;
	*size = need;
	return 0;
}

/**
 * struct sid_num_rules - how one number of a SID string is read
 * @windows: Windows' reading (%WT_SID_TEXT_WINDOWS): spaces may precede
 *	the number, and a 'D' followed by ':' ends a hexadecimal number
 *	(Windows cuts an SDDL string at the next "D:" before it reads the SID)
 * @hex: hexadecimal even without "0x" (Windows, after a revision "0x1")
 * @clamp: a value above the limit reads as the limit instead of failing
 *	(Windows, for sub-authorities)
 */
struct sid_num_rules {
	bool windows;
	bool hex;
	bool clamp;
};

/* The value of the digit at @str[@pos] in @base, or -1 where the number ends. */
static int sid_digit(const char *str, size_t len, size_t pos,
		     unsigned int base, bool windows)
{
	char c = str[pos];

	if (c >= '0' && c <= '9')
		return c - '0' < (int)base ? c - '0' : -1;
	if (base != 16)
		return -1;
	if (windows && c == 'D' && pos + 1 < len && str[pos + 1] == ':')
		return -1;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Read one number: decimal, or hexadecimal after "0x"/"0X" or under
 * @r->hex. Rejects empty numbers and anything above @limit (unless
 * @r->clamp), so overflow can never wrap silently. *@prefixed says whether
 * "0x" was written. Returns the bytes consumed or 0 on error.
 */
static size_t parse_number(const char *str, size_t len, u64 limit,
			   const struct sid_num_rules *r, u64 *out,
			   bool *prefixed)
{
	unsigned int base = r->hex ? 16 : 10;
	size_t pos = 0, digits = 0;
	bool over = false;
	u64 value = 0;
	int digit;

	while (r->windows && pos < len && str[pos] == ' ')
		pos++;
	*prefixed = len - pos >= 2 && str[pos] == '0' &&
		    (str[pos + 1] == 'x' || str[pos + 1] == 'X');
	if (*prefixed) {
		base = 16;
		pos += 2;
	}
	while (pos < len && (digit = sid_digit(str, len, pos, base,
					       r->windows)) >= 0) {
		if (over || value > (limit - digit) / base)
			over = true;
		else
			value = value * base + digit;
		pos++;
		digits++;
	}
	if (!digits || (over && !r->clamp))
		return 0;
	*out = over ? limit : value;
	return pos;
}

/**
 * wt_sid_parse_text() - parse a SID string at the start of a buffer
 * @sid: output
 * @str: text, not necessarily NUL-terminated
 * @len: bytes available at @str
 * @flags: 0 or %WT_SID_TEXT_WINDOWS
 *
 * Accepts "S-1-<authority>(-<sub>)*", "S" in either case, numbers in
 * decimal or 0x-hex. Stops before the first character that cannot continue
 * the SID, which lets SDDL embed SIDs in its own syntax. With
 * %WT_SID_TEXT_WINDOWS it reads as ConvertStringSidToSid does: spaces
 * before a number, a revision written as a number (after "0x1" every
 * number is hexadecimal), a sub-authority past 32 bits read as 4294967295.
 *
 * Return: bytes consumed (> 0), or -EINVAL.
 */
int wt_sid_parse_text(struct wt_sid *sid, const char *str, size_t len,
		      unsigned int flags)
{
	struct sid_num_rules r = { .windows = flags & WT_SID_TEXT_WINDOWS };
	u64 revision, authority, value;
	size_t pos, used;
	bool prefixed;

	if (!sid || !str || len < 4 || (str[0] != 'S' && str[0] != 's') ||
	    str[1] != '-' || (flags & ~WT_SID_TEXT_WINDOWS))
		return -EINVAL;
	pos = 2;
	if (r.windows) {
		used = parse_number(str + pos, len - pos, 0xff, &r, &revision,
				    &prefixed);
		r.hex = prefixed;
	} else {
		used = str[pos] == '1';
		revision = WT_SID_REVISION;
	}
	if (!used || revision != WT_SID_REVISION || pos + used >= len ||
	    str[pos + used] != '-')
		return -EINVAL;
	pos += used + 1;
	used = parse_number(str + pos, len - pos, WT_AUTHORITY_LIMIT - 1, &r,
			    &authority, &prefixed);
	if (!used)
		return -EINVAL;
	pos += used;
	wt_sid_init(sid, authority, 0, NULL);
	r.clamp = r.windows;
	/* A dangling '-' would silently drop a sub-authority: refused. */
	while (pos < len && str[pos] == '-') {
		used = parse_number(str + pos + 1, len - pos - 1, 0xffffffffu,
				    &r, &value, &prefixed);
		if (!used || wt_sid_append(sid, (u32)value))
			return -EINVAL;
		pos += 1 + used;
	}
	if (pos > 0x7fffffff)
		return -EINVAL;
	return (int)pos;
}

/**
 * wt_sid_parse_prefix() - parse a SID string at the start of a buffer
 * @sid: output
 * @str: text, not necessarily NUL-terminated
 * @len: bytes available at @str
 *
 * wt_sid_parse_text() without flags: the strict form.
 *
 * Return: bytes consumed (> 0), or -EINVAL.
 */
int wt_sid_parse_prefix(struct wt_sid *sid, const char *str, size_t len)
{
	return wt_sid_parse_text(sid, str, len, 0);
}

/**
 * wt_sid_from_string() - parse a complete SID string
 * @sid: output
 * @str: NUL-terminated "S-1-..." text
 *
 * Return: 0, or -EINVAL when the text is not exactly one SID.
 */
int wt_sid_from_string(struct wt_sid *sid, const char *str)
{
	size_t len;
	int used;

	if (!str)
		return -EINVAL;
	len = strlen(str);
	used = wt_sid_parse_prefix(sid, str, len);
	if (used < 0 || (size_t)used != len)
		return -EINVAL;
	return 0;
}

/* Append @value in @base (10 or 16, at least @width digits) at @pos. */
static size_t put_number(char *buf, size_t size, size_t pos, u64 value,
			 unsigned int base, unsigned int width)
{
	static const char digits[] = "0123456789ABCDEF";
	char tmp[24];
	unsigned int n = 0;

	do {
		tmp[n++] = digits[value % base];
		value /= base;
	} while (value && n < sizeof(tmp));
	while (n < width && n < sizeof(tmp))
		tmp[n++] = '0';
	while (n) {
		if (pos < size)
			buf[pos] = tmp[n - 1];
		pos++;
		n--;
	}
	return pos;
}

static size_t put_char(char *buf, size_t size, size_t pos, char c)
{
	if (pos < size)
		buf[pos] = c;
	return pos + 1;
}

/**
 * wt_sid_to_string() - format a SID the way Windows does
 * @sid: the SID
 * @buf: output buffer
 * @size: its size; %WT_SID_STRING_MAX always suffices
 *
 * Authorities of 2^32 and more are written as "0x" and upper-case hex
 * digits without leading zeros, everything else in decimal: what Windows
 * writes (ConvertSecurityDescriptorToStringSecurityDescriptor gives
 * "S-1-0x500000000-32-579"), not the twelve digits [MS-DTYP] 2.4.2.1's
 * grammar shows.
 *
 * Return: the string length (without NUL), or -ENOSPC.
 */
int wt_sid_to_string(const struct wt_sid *sid, char *buf, size_t size)
{
	u64 authority = wt_sid_authority(sid);
	size_t pos = 0;
	unsigned int i;

	if (!buf || sid->sub_authority_count > WT_SID_MAX_SUB_AUTHORITIES)
		return -EINVAL;
	pos = put_char(buf, size, pos, 'S');
	pos = put_char(buf, size, pos, '-');
	pos = put_number(buf, size, pos, sid->revision, 10, 1);
	pos = put_char(buf, size, pos, '-');
	if (authority >> 32) {
		pos = put_char(buf, size, pos, '0');
		pos = put_char(buf, size, pos, 'x');
		pos = put_number(buf, size, pos, authority, 16, 1);
	} else {
		pos = put_number(buf, size, pos, authority, 10, 1);
	}
	for (i = 0; i < sid->sub_authority_count; i++) {
		pos = put_char(buf, size, pos, '-');
		pos = put_number(buf, size, pos, wt_sid_sub(sid, i), 10, 1);
	}
	if (pos >= size) {
		if (size)
			buf[0] = '\0';
		return -ENOSPC;
	}
	buf[pos] = '\0';
	return (int)pos;
}

struct wt_well_known_def {
	u8 authority;
	u8 count;
	u32 subs[2];
};

static const struct wt_well_known_def wt_well_known[WT_SID_WELL_KNOWN_COUNT] = {
	[WT_SID_NULL] = { 0, 1, { 0 } },
	[WT_SID_EVERYONE] = { 1, 1, { 0 } },
	[WT_SID_LOCAL] = { 2, 1, { 0 } },
	[WT_SID_CONSOLE_LOGON] = { 2, 1, { 1 } },
	[WT_SID_CREATOR_OWNER] = { 3, 1, { 0 } },
	[WT_SID_CREATOR_GROUP] = { 3, 1, { 1 } },
	[WT_SID_CREATOR_OWNER_SERVER] = { 3, 1, { 2 } },
	[WT_SID_CREATOR_GROUP_SERVER] = { 3, 1, { 3 } },
	[WT_SID_OWNER_RIGHTS] = { 3, 1, { 4 } },
	[WT_SID_NT_AUTHORITY] = { 5, 0, { 0 } },
	[WT_SID_DIALUP] = { 5, 1, { 1 } },
	[WT_SID_NETWORK] = { 5, 1, { 2 } },
	[WT_SID_BATCH] = { 5, 1, { 3 } },
	[WT_SID_INTERACTIVE] = { 5, 1, { 4 } },
	[WT_SID_SERVICE] = { 5, 1, { 6 } },
	[WT_SID_ANONYMOUS] = { 5, 1, { 7 } },
	[WT_SID_ENTERPRISE_DCS] = { 5, 1, { 9 } },
	[WT_SID_PRINCIPAL_SELF] = { 5, 1, { 10 } },
	[WT_SID_AUTHENTICATED_USERS] = { 5, 1, { 11 } },
	[WT_SID_RESTRICTED_CODE] = { 5, 1, { 12 } },
	[WT_SID_TERMINAL_SERVER_USER] = { 5, 1, { 13 } },
	[WT_SID_REMOTE_INTERACTIVE] = { 5, 1, { 14 } },
	[WT_SID_THIS_ORGANIZATION] = { 5, 1, { 15 } },
	[WT_SID_WRITE_RESTRICTED_CODE] = { 5, 1, { 33 } },
	[WT_SID_LOCAL_SYSTEM] = { 5, 1, { 18 } },
	[WT_SID_LOCAL_SERVICE] = { 5, 1, { 19 } },
	[WT_SID_NETWORK_SERVICE] = { 5, 1, { 20 } },
	[WT_SID_BUILTIN] = { 5, 1, { 32 } },
	[WT_SID_BUILTIN_ADMINISTRATORS] = { 5, 2, { 32, 544 } },
	[WT_SID_BUILTIN_USERS] = { 5, 2, { 32, 545 } },
	[WT_SID_BUILTIN_GUESTS] = { 5, 2, { 32, 546 } },
	[WT_SID_BUILTIN_POWER_USERS] = { 5, 2, { 32, 547 } },
	[WT_SID_BUILTIN_BACKUP_OPERATORS] = { 5, 2, { 32, 551 } },
	[WT_SID_ML_UNTRUSTED] = { 16, 1, { WT_INTEGRITY_UNTRUSTED } },
	[WT_SID_ML_LOW] = { 16, 1, { WT_INTEGRITY_LOW } },
	[WT_SID_ML_MEDIUM] = { 16, 1, { WT_INTEGRITY_MEDIUM } },
	[WT_SID_ML_MEDIUM_PLUS] = { 16, 1, { WT_INTEGRITY_MEDIUM_PLUS } },
	[WT_SID_ML_HIGH] = { 16, 1, { WT_INTEGRITY_HIGH } },
	[WT_SID_ML_SYSTEM] = { 16, 1, { WT_INTEGRITY_SYSTEM } },
	[WT_SID_ML_PROTECTED] = { 16, 1, { WT_INTEGRITY_PROTECTED } },
	[WT_SID_UNIX_USERS] = { 22, 1, { 1 } },
	[WT_SID_UNIX_GROUPS] = { 22, 1, { 2 } },
};

/**
 * wt_sid_well_known() - fill in a well-known SID
 * @sid: output
 * @which: which one
 *
 * Return: 0, or -EINVAL for a value outside the enumeration.
 */
int wt_sid_well_known(struct wt_sid *sid, enum wt_well_known_sid which)
{
	const struct wt_well_known_def *def;

	if ((unsigned int)which >= WT_SID_WELL_KNOWN_COUNT)
		return -EINVAL;
	def = &wt_well_known[which];
	return wt_sid_init(sid, def->authority, def->count, def->subs);
}

/**
 * wt_sid_logon() - build a logon session SID S-1-5-5-@hi-@lo
 * @sid: output
 * @hi: high part of the logon id
 * @lo: low part of the logon id
 */
void wt_sid_logon(struct wt_sid *sid, u32 hi, u32 lo)
{
	u32 subs[3] = { 5, hi, lo };

	wt_sid_init(sid, 5, 3, subs);
}

/**
 * wt_sid_to_logon() - recognise a logon session SID S-1-5-5-hi-lo
 * @sid: the SID
 * @hi: output, the high part of the logon id when recognised
 * @lo: output, the low part
 *
 * Exactly three sub-authorities, as wt_sid_logon() builds them: a longer
 * S-1-5-5-... SID names no logon session.
 *
 * Return: true when @sid is a logon SID.
 */
bool wt_sid_to_logon(const struct wt_sid *sid, u32 *hi, u32 *lo)
{
	if (sid->revision != WT_SID_REVISION || wt_sid_authority(sid) != 5 ||
	    sid->sub_authority_count != 3 || wt_sid_sub(sid, 0) != 5)
		return false;
	*hi = wt_sid_sub(sid, 1);
	*lo = wt_sid_sub(sid, 2);
	return true;
}

/**
 * wt_sid_from_uid() - Samba's SID for a Unix user, S-1-22-1-@uid
 * @sid: output
 * @uid: the user id
 */
void wt_sid_from_uid(struct wt_sid *sid, u32 uid)
{
	u32 subs[2] = { 1, uid };

	wt_sid_init(sid, 22, 2, subs);
}

/**
 * wt_sid_from_gid() - Samba's SID for a Unix group, S-1-22-2-@gid
 * @sid: output
 * @gid: the group id
 */
void wt_sid_from_gid(struct wt_sid *sid, u32 gid)
{
	u32 subs[2] = { 2, gid };

	wt_sid_init(sid, 22, 2, subs);
}

static bool sid_is_unix(const struct wt_sid *sid, u32 kind, u32 *id)
{
	if (sid->revision != WT_SID_REVISION || wt_sid_authority(sid) != 22 ||
	    sid->sub_authority_count != 2 || wt_sid_sub(sid, 0) != kind)
		return false;
	*id = wt_sid_sub(sid, 1);
	return true;
}

/**
 * wt_sid_to_uid() - recognise S-1-22-1-uid
 * @sid: the SID
 * @uid: output, the uid when recognised
 *
 * Return: true when @sid is a Samba Unix user SID.
 */
bool wt_sid_to_uid(const struct wt_sid *sid, u32 *uid)
{
	return sid_is_unix(sid, 1, uid);
}

/**
 * wt_sid_to_gid() - recognise S-1-22-2-gid
 * @sid: the SID
 * @gid: output, the gid when recognised
 *
 * Return: true when @sid is a Samba Unix group SID.
 */
bool wt_sid_to_gid(const struct wt_sid *sid, u32 *gid)
{
	return sid_is_unix(sid, 2, gid);
}

/**
 * wt_sid_is_integrity() - recognise a mandatory label SID S-1-16-x
 * @sid: the SID
 * @level: output (may be NULL), the integrity RID
 *
 * Return: true when @sid has authority 16 and exactly one sub-authority.
 */
bool wt_sid_is_integrity(const struct wt_sid *sid, u32 *level)
{
	if (sid->revision != WT_SID_REVISION || wt_sid_authority(sid) != 16 ||
	    sid->sub_authority_count != 1)
		return false;
	if (level)
		*level = wt_sid_sub(sid, 0);
	return true;
}
