/* SPDX-License-Identifier: GPL-2.0 */
/*
 * UTF-8 encoding of one code point, for the JSON reader and the SDDL
 * conditional-expression formatter.
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

#endif /* WT_UTF8_H */
