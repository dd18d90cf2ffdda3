// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for the SD parser and SID strings:
 *  - the input as SD bytes: parsing must never read out of bounds; a valid
 *    SD must re-encode canonically, the canonical bytes must parse, and
 *    re-encoding them must be a fixed point; every ACE must iterate;
 *  - a valid SD assembled from its parts (wt_sd_assemble(), the get and
 *    set path of files, IPC and sockets): all of them give the canonical
 *    bytes, a label-only or audit-only selection gives an SD that parses;
 *  - the input as SID text (strict, and Windows' reading): whatever parses
 *    must format and parse back to the same SID.
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

/* Assemble @v's parts with @keep on the SACL; the result must parse. */
static long assemble(const struct wt_sd_view *v, enum wt_ace_keep keep,
		     u8 **out)
{
	struct wt_sd_parts p = {
		.control = v->control, .owner = v->owner, .group = v->group,
		.dacl_present = v->control & WT_SE_DACL_PRESENT,
		.dacl = &v->dacl,
		.sacl_present = v->control & WT_SE_SACL_PRESENT,
		.sacl = { { .acl = &v->sacl, .keep = keep } },
	};
	struct wt_sd_view back;
	long n = wt_sd_assemble(&p, NULL, 0);

	*out = malloc(n > 0 ? n : 1);
	if (n <= 0 || wt_sd_assemble(&p, *out, n) != n ||
	    wt_sd_parse(*out, n, &back))
		__builtin_trap();
	return n;
}

static void check_assemble(const struct wt_sd_view *v, const u8 *canon,
			   long len)
{
	u8 *out;
	long n;

	n = assemble(v, WT_KEEP_ALL, &out);
	if (n != len || memcmp(out, canon, n))
		__builtin_trap();
	free(out);
	assemble(v, WT_KEEP_AUDIT, &out);
	free(out);
	assemble(v, WT_KEEP_LABEL, &out);
	free(out);
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
	check_assemble(&v, out, n);
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

/*
 * The input as SID text, read strictly (@flags 0) or as Windows reads it
 * (WT_SID_TEXT_WINDOWS): what parses formats to a SID strict text reads.
 */
static void check_text(const u8 *data, size_t size, unsigned int flags)
{
	char text[256], again[WT_SID_STRING_MAX];
	struct wt_sid sid, back;
	int used;

	if (size >= sizeof(text))
		size = sizeof(text) - 1;
	memcpy(text, data, size);
	text[size] = '\0';
	used = wt_sid_parse_text(&sid, text, size, flags);
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
	check_text(data, size, 0);
	check_text(data, size, WT_SID_TEXT_WINDOWS);
	return 0;
}
