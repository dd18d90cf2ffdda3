// SPDX-License-Identifier: GPL-2.0
/*
 * wtwhoami - claims: decoding the claims buffers the module returns.
 */
#include <stdio.h>
#include <string.h>

#include "whoami.h"

static uint32_t le32(const unsigned char *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* UTF-16LE at @c + @off (NUL-terminated within @len) as printable ASCII. */
static bool claim_text(const unsigned char *c, uint32_t len, uint32_t off,
		       char *out, size_t size)
{
	size_t n = 0;
	unsigned int u;

	for (; off + 1 < len; off += 2) {
		u = c[off] | c[off + 1] << 8;
		if (!u) {
			out[n] = '\0';
			return true;
		}
		if (n + 7 >= size)
			return false;
		if (u >= 0x20 && u < 0x7f && u != '"' && u != '\\')
			out[n++] = (char)u;
		else
			n += snprintf(out + n, size - n, "\\u%04x", u);
	}
	return false;
}

const char *claim_type_name(unsigned int type)
{
	switch (type) {
	case WT_CLAIM_TYPE_INT64: return "int64";
	case WT_CLAIM_TYPE_UINT64: return "uint64";
	case WT_CLAIM_TYPE_STRING: return "string";
	case WT_CLAIM_TYPE_SID: return "sid";
	case WT_CLAIM_TYPE_BOOLEAN: return "boolean";
	case WT_CLAIM_TYPE_OCTET: return "octets";
	default: return "unknown";
	}
}

/*
 * One claim as `"name" (type): v1, v2` (text) or a JSON object. The
 * module validated it when the token was made; every offset is still
 * checked here.
 */
/*
 * One claim's values as text: strings in quotes, SIDs and octet strings as
 * quoted hex, integers bare; the same text is a JSON array's members. The
 * module validated the claim when the token was made; every offset is
 * still checked here. Returns false when the claim cannot be shown.
 */
bool claim_fields(const unsigned char *c, uint32_t len, char *name,
		  size_t name_size, unsigned int *type, char *values,
		  size_t size)
{
	char text[512];
	uint32_t count, i, off, n;
	size_t used = 0;
	uint64_t v;
	int k;

	if (len < 16 || !claim_text(c, len, le32(c), name, name_size))
		return false;
	*type = c[4] | c[5] << 8;
	count = le32(c + 12);
	values[0] = '\0';
#define PUT(...) (used += snprintf(values + used, used < size ? size - used : 0, __VA_ARGS__))
	for (i = 0; i < count && 16 + 4 * (i + 1) <= len; i++) {
		off = le32(c + 16 + 4 * i);
		PUT("%s", i ? ", " : "");
		if (*type == WT_CLAIM_TYPE_STRING) {
			if (claim_text(c, len, off, text, sizeof(text)))
				PUT("\"%s\"", text);
			continue;
		}
		if (*type == WT_CLAIM_TYPE_SID || *type == WT_CLAIM_TYPE_OCTET) {
			if (off > len || len - off < 4 || le32(c + off) > len - off - 4)
				continue;
			n = le32(c + off);
			PUT("\"");
			for (k = 0; k < (int)n; k++)
				PUT("%02x", c[off + 4 + k]);
			PUT("\"");
			continue;
		}
		if (off > len || len - off < 8)
			continue;
		for (v = 0, k = 7; k >= 0; k--)
			v = v << 8 | c[off + k];
		if (*type == WT_CLAIM_TYPE_INT64)
			PUT("%lld", (long long)v);
		else
			PUT("%llu", (unsigned long long)v);
	}
#undef PUT
	/* a value list too long for the buffer is cut, never shown as whole */
	return used < size;
}
