/* SPDX-License-Identifier: GPL-2.0 */
/*
 * UTF-8 encoding of one code point, for the JSON reader and the SDDL
 * conditional-expression formatter, and the check of one sequence, for
 * the JSON writer and wtacl's path escaping.
 */
#ifndef WT_UTF8_H
#define WT_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Write @cp as UTF-8 to @out (room for 4 bytes); return the byte count. */
static inline size_t wt_utf8_encode(char *out, uint32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/*
 * The length of the well-formed UTF-8 sequence at @p (1 to 4 bytes), or 0
 * when the bytes there are not one: Unicode's table 3-7, so overlong forms,
 * surrogates and code points above U+10FFFF are not. A NUL ends the check
 * (it is no continuation byte), so @p may point into a C string's end.
 */
static inline size_t wt_utf8_len(const unsigned char *p)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t len, i;

	if (*p && *p < 0x80)
		return 1;
	if (*p >= 0xc2 && *p <= 0xdf)
		len = 2;
	else if (*p >= 0xe0 && *p <= 0xef)
		len = 3;
	else if (*p >= 0xf0 && *p <= 0xf4)
		len = 4;
	else
		return 0;
	if (*p == 0xe0)
		lo = 0xa0;
	else if (*p == 0xed)
		hi = 0x9f;
	else if (*p == 0xf0)
		lo = 0x90;
	else if (*p == 0xf4)
		hi = 0x8f;
	for (i = 1; i < len; i++) {
		if (p[i] < lo || p[i] > hi)
			return 0;
		lo = 0x80;
		hi = 0xbf;
	}
	return len;
}

#endif /* WT_UTF8_H */
