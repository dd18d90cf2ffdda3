// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for tools/lib/sddl.c:
 *  - the input as SDDL text: parsing must not crash; whatever parses must
 *    format, and the formatted text must parse to the very same bytes and
 *    format to the same text (canonical form is a fixed point);
 *  - the input as SD bytes: validation and formatting must not crash, and
 *    a formatted valid SD must parse again;
 *  - the input as JSON (wtacl's reader): no crash, no leak.
 * Build: clang -fsanitize=fuzzer,address,undefined (see tools/sddl.mk).
 */
#include <stdio.h>

#include "sddl.h"
#include "wt_json.h"

static struct wt_sid fuzz_domain_sid;
static struct sddl_domain fuzz_domain = { &fuzz_domain_sid, NULL };

static void fuzz_check_text(const char *text)
{
	size_t len, len2;
	u8 *sd, *sd2;
	char *out, *out2;
	int rc;

	if (sddl_to_sd(text, &fuzz_domain, &sd, &len, NULL))
		return;
	rc = sddl_from_sd(sd, len, &fuzz_domain, &out);
	if (rc)
		__builtin_trap();	/* what we read we must write */
	if (sddl_to_sd(out, &fuzz_domain, &sd2, &len2, NULL))
		__builtin_trap();	/* canonical text must parse */
	if (len2 != len || memcmp(sd, sd2, len))
		__builtin_trap();	/* ... to the same bytes */
	if (sddl_from_sd(sd2, len2, &fuzz_domain, &out2) || strcmp(out, out2))
		__builtin_trap();	/* ... and format the same */
	free(out2);
	free(sd2);
	free(out);
	free(sd);
}

static void fuzz_check_bytes(const u8 *data, size_t size)
{
	size_t len;
	char *out;
	u8 *sd;

	if (sddl_from_sd(data, size, &fuzz_domain, &out))
		return;
	if (sddl_to_sd(out, &fuzz_domain, &sd, &len, NULL))
		__builtin_trap();	/* what we print we must read */
	free(sd);
	free(out);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	char *text;

	if (!fuzz_domain_sid.revision)
		wt_sid_from_string(&fuzz_domain_sid, "S-1-5-21-1-2-3");
	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	fuzz_check_text(text);
	free(text);
	fuzz_check_bytes(data, size);
	json_free(json_parse((const char *)data, size, NULL));
	return 0;
}
