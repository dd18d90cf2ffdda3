// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for the SD parser and SID strings:
 *  - the input as SD bytes: parsing must never read out of bounds; a valid
 *    SD must re-encode canonically, the canonical bytes must parse, and
 *    re-encoding them must be a fixed point; every ACE must iterate;
 *  - the input as SID text: whatever parses must format and parse back to
 *    the same SID.
 * Build: clang -fsanitize=fuzzer,address,undefined (see tools/core.mk).
 */
#include <stdio.h>
#include "wt_sd.h"

static void walk(const struct wt_acl_view *acl)
{
	struct wt_ace_iter it;
	struct wt_ace_view ace;
	unsigned int n = 0;
	bool more;

	for (more = wt_acl_first(acl, &it, &ace); more;
	     more = wt_acl_next(&it, &ace))
		n++;
	if (acl->acl && n != acl->count)
		__builtin_trap();
}

static void check_sd(const u8 *data, size_t size)
{
	struct wt_sd_view v, v2;
	u8 *buf, *out, *out2;
	long n, n2;

	buf = malloc(size ? size : 1);
	memcpy(buf, data, size);
	if (wt_sd_parse(buf, size, &v)) {
		free(buf);
		return;
	}
	walk(&v.dacl);
	walk(&v.sacl);
	n = wt_sd_canonicalize(&v, NULL, 0);
	if (n <= 0 || n > (long)size)
		__builtin_trap();	/* canonical is never larger */
	out = malloc(n);
	if (n > 1 && wt_sd_canonicalize(&v, out, n - 1) != -ENOSPC)
		__builtin_trap();
	if (wt_sd_canonicalize(&v, out, n) != n)
		__builtin_trap();
	if (wt_sd_parse(out, n, &v2))
		__builtin_trap();
	n2 = wt_sd_canonicalize(&v2, NULL, 0);
	out2 = malloc(n2 > 0 ? n2 : 1);
	if (n2 != n || wt_sd_canonicalize(&v2, out2, n2) != n ||
	    memcmp(out, out2, n))
		__builtin_trap();
	if (v.owner) {
		char text[WT_SID_STRING_MAX];
		struct wt_sid back;

		if (wt_sid_to_string(v.owner, text, sizeof(text)) <= 0 ||
		    wt_sid_from_string(&back, text) ||
		    !wt_sid_equal(&back, v.owner))
			__builtin_trap();
	}
	free(out2);
	free(out);
	free(buf);
}

static void check_text(const u8 *data, size_t size)
{
	char text[256], again[WT_SID_STRING_MAX];
	struct wt_sid sid, back;
	int used;

	if (size >= sizeof(text))
		size = sizeof(text) - 1;
	memcpy(text, data, size);
	text[size] = '\0';
	used = wt_sid_parse_prefix(&sid, text, size);
	if (used < 0)
		return;
	if ((size_t)used > size)
		__builtin_trap();
	if (wt_sid_to_string(&sid, again, sizeof(again)) <= 0 ||
	    wt_sid_from_string(&back, again) || !wt_sid_equal(&sid, &back))
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	check_sd(data, size);
	check_text(data, size);
	return 0;
}
