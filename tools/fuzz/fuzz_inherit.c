// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for inheritance. Input layout:
 *   [0]     flags: container, integrity level, default DACL, creator SD
 *   [1..2]  length of the parent SD (little-endian)
 *   then the parent SD, then (optionally) the creator SD
 * Checked: no out-of-bounds access, the size query matches the real
 * output, -ENOSPC on a short buffer, and the output is a valid SD.
 * Build: clang -fsanitize=fuzzer,address,undefined (see tools/core.mk).
 */
#include "wt_inherit.h"

static u8 *copy(const u8 *data, size_t len)
{
	u8 *b = malloc(len ? len : 1);

	memcpy(b, data, len);
	return b;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static const u8 default_dacl[] = {
		1, 0, 0x04, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		20, 0, 0, 0,
		2, 0, 28, 0, 1, 0, 0, 0,
		0, 0, 20, 0, 0xff, 0x01, 0x1f, 0, 1, 1, 0, 0, 0, 0, 0, 5,
		18, 0, 0, 0,
	};
	struct wt_sd_view parent, creator, dflt, out_view;
	struct wt_token_view tok;
	struct wt_sid group;
	u8 *pbuf = NULL, *cbuf = NULL, *dbuf, *out;
	size_t plen, clen;
	bool have_parent, have_creator;
	long n;
	u8 shape;

	if (size < 3)
		return 0;
	shape = data[0];
	plen = data[1] | (data[2] << 8);
	if (plen > size - 3)
		plen = size - 3;
	clen = size - 3 - plen;
	pbuf = copy(data + 3, plen);
	cbuf = copy(data + 3 + plen, clen);
	have_parent = !wt_sd_parse(pbuf, plen, &parent);
	have_creator = (shape & 8) && !wt_sd_parse(cbuf, clen, &creator);
	dbuf = copy(default_dacl, sizeof(default_dacl));
	if (wt_sd_parse(dbuf, sizeof(default_dacl), &dflt))
		__builtin_trap();

	memset(&tok, 0, sizeof(tok));
	wt_sid_from_uid(&tok.user.sid, 1000);
	wt_sid_from_gid(&group, 100);
	tok.primary_group = (shape & 0x10) ? &group : NULL;
	tok.integrity_level = (shape & 2) ? WT_INTEGRITY_LOW :
					    WT_INTEGRITY_MEDIUM;
	tok.default_dacl = (shape & 4) ? &dflt.dacl : NULL;

	n = wt_sd_inherit(have_parent ? &parent : NULL,
			  have_creator ? &creator : NULL, &tok,
			  &wt_directory_mapping, shape & 1, NULL, 0);
	if (n > 0) {
		out = malloc(n);
		if (wt_sd_inherit(have_parent ? &parent : NULL,
				  have_creator ? &creator : NULL, &tok,
				  &wt_directory_mapping, shape & 1, out,
				  n - 1) != -ENOSPC)
			__builtin_trap();
		if (wt_sd_inherit(have_parent ? &parent : NULL,
				  have_creator ? &creator : NULL, &tok,
				  &wt_directory_mapping, shape & 1, out, n) != n)
			__builtin_trap();
		if (wt_sd_parse(out, n, &out_view))
			__builtin_trap();
		free(out);
	} else if (n != -EINVAL) {
		__builtin_trap();
	}
	free(dbuf);
	free(cbuf);
	free(pbuf);
	return 0;
}
