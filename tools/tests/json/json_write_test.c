// SPDX-License-Identifier: GPL-2.0
/*
 * json_write_string() (tools/lib/wt_json.c) writes valid JSON for any C
 * string: each case is written, compared with the literal the tools'
 * documentation promises, and read back by the strict reader. TAP output.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wt_json.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

struct write_case {
	const char *name;
	const char *in;
	const char *want;	/* the literal, quotes included */
	const char *decoded;	/* what the reader must make of it */
};

static const struct write_case cases[] = {
	{ "ASCII as it is", "a b", "\"a b\"", "a b" },
	{ "quote and backslash escaped", "q\"b\\", "\"q\\\"b\\\\\"", "q\"b\\" },
	{ "control bytes as \\u00XX", "\t\x01\x1f", "\"\\u0009\\u0001\\u001f\"",
	  "\t\x01\x1f" },
	{ "two-, three- and four-byte UTF-8 kept",
	  "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80",
	  "\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"",
	  "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80" },
	{ "a Latin-1 file name byte", "caf\xe9.txt", "\"caf\\ufffd.txt\"",
	  "caf\xef\xbf\xbd.txt" },
	{ "a lone continuation byte", "\x80x", "\"\\ufffdx\"",
	  "\xef\xbf\xbdx" },
	{ "an overlong NUL", "\xc0\x80", "\"\\ufffd\\ufffd\"",
	  "\xef\xbf\xbd\xef\xbf\xbd" },
	{ "an overlong three-byte form", "\xe0\x80\xaf", "\"\\ufffd\\ufffd\\ufffd\"",
	  "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
	{ "a UTF-16 surrogate", "\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"",
	  "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
	{ "above U+10FFFF", "\xf4\x90\x80\x80",
	  "\"\\ufffd\\ufffd\\ufffd\\ufffd\"",
	  "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
	{ "a sequence cut short by the end", "ok\xe2\x82", "\"ok\\ufffd\\ufffd\"",
	  "ok\xef\xbf\xbd\xef\xbf\xbd" },
	/* \x61 is 'a' (a letter after \x9f would be read into the escape) */
	{ "a sequence cut short by ASCII", "\xf0\x9f\x61", "\"\\ufffd\\ufffda\"",
	  "\xef\xbf\xbd\xef\xbf\xbd\x61" },
};

/* Write @c->in, check the literal and read it back; true when all hold. */
static bool run_case(const struct write_case *c)
{
	const struct json_value *v;
	struct json_value *doc;
	char *text = NULL;
	size_t size = 0;
	bool ok = false;
	FILE *f;

	f = open_memstream(&text, &size);
	if (!f)
		return false;
	fputs("{\"k\": ", f);
	json_write_string(f, c->in);
	fputc('}', f);
	if (fclose(f) || size < 7)
		goto out;
	if (strlen(c->want) != size - 7 || memcmp(text + 6, c->want, size - 7)) {
		printf("# wrote %.*s\n", (int)(size - 7), text + 6);
		goto out;
	}
	doc = json_parse(text, size, NULL);
	v = doc ? json_get(doc, "k") : NULL;
	ok = v && v->type == JSON_STRING && !strcmp(v->text, c->decoded);
	json_free(doc);
out:
	free(text);
	return ok;
}

int main(void)
{
	unsigned int i, failed = 0, n = ARRAY_SIZE(cases);

	printf("1..%u\n", n);
	for (i = 0; i < n; i++) {
		bool ok = run_case(&cases[i]);

		if (!ok)
			failed++;
		printf("%sok %u json_write_string: %s\n", ok ? "" : "not ",
		       i + 1, cases[i].name);
	}
	return failed ? 1 : 0;
}
