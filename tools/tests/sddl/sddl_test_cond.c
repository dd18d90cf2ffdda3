// SPDX-License-Identifier: GPL-2.0
/*
 * Conditional expressions and resource attribute ACEs of tools/lib/sddl.c:
 * text to bytes against hand-assembled bytes, back to text, and the
 * limits. Part of sddl_test (sddl_test.h).
 */
#include <stdio.h>

#include "sddl_test.h"

/* The application data of the first DACL ACE of @in, as hex. */
static bool condition_hex(const char *in, char *hex, size_t size)
{
	struct wt_ace_view ace;
	struct wt_sd_view sd;
	size_t i, n = 0;
	u8 *buf;
	bool ok = first_ace(in, false, &ace, &buf, &sd);

	hex[0] = '\0';
	for (i = 0; ok && i < ace.application_data_len && n + 3 < size; i++)
		n += sprintf(hex + n, "%02x", ace.application_data[i]);
	free(buf);
	return ok;
}

static void expect_condition_bytes(const char *cond, const char *want,
				   const char *what)
{
	char in[512], hex[1024], packed[1024];
	size_t n = 0;
	bool ok;

	for (; *want && n + 1 < sizeof(packed); want++)	/* drop the spaces */
		if (*want != ' ')
			packed[n++] = *want;
	packed[n] = '\0';
	snprintf(in, sizeof(in), "D:(XA;;FA;;;WD;%s)", cond);
	ok = condition_hex(in, hex, sizeof(hex));
	tap(ok && !strcmp(hex, packed), "condition bytes, %s: %s", what, cond);
	if (ok && strcmp(hex, packed))
		printf("# want %s\n# got  %s\n", packed, hex);
}

/* The application data of the first SACL ACE of @in, as hex. */
static void expect_ra_bytes(const char *in, const char *want,
			    const char *what)
{
	char hex[1024], packed[1024];
	struct wt_ace_view ace;
	struct wt_sd_view sd;
	size_t i, n = 0;
	u8 *buf;
	bool ok = first_ace(in, true, &ace, &buf, &sd);

	for (; *want && n + 1 < sizeof(packed); want++)
		if (*want != ' ')
			packed[n++] = *want;
	packed[n] = '\0';
	n = 0;
	hex[0] = '\0';
	for (i = 0; ok && i < ace.application_data_len && n + 3 < sizeof(hex); i++)
		n += sprintf(hex + n, "%02x", ace.application_data[i]);
	if (ok)
		free(buf);
	tap(ok && !strcmp(hex, packed), "resource attribute bytes, %s: %s",
	    what, in);
	if (ok && strcmp(hex, packed))
		printf("# want %s\n# got  %s\n", packed, hex);
}

/*
 * Resource attribute ACEs: Windows' text (from its output in Samba's
 * corpus: flags in hex, octets without '#', names with %XXXX) and the
 * CLAIM_SECURITY_ATTRIBUTE_RELATIVE_V1 layout it writes: header, value
 * offsets, name, values packed.
 */
static void test_resource_attributes(void)
{
	expect_ra_bytes("S:(RA;;;;;WD;(\"a\",TI,0,-2,3))",
			"1800 0000 0100 0000 0000 0000 0200 0000 1c00 0000 2400 0000 6100 0000 feff ffff ffff ffff 0300 0000 0000 0000",
			"TI: header, offsets, name, packed int64");
	expect_format("S:(RA;;;;;WD;(\"a\",TI,0,-2,3))",
		      "S:(RA;;;;;WD;(\"a\",TI,0x0,-2,3))", &test_domain,
		      "TI text with flags in hex");
	expect_format("S:(RA;;;;;WD;(\"Colour\",TS,10,\"blue\", \"red\"))",
		      "S:(RA;;;;;WD;(\"Colour\",TS,0xa,\"blue\",\"red\"))",
		      &test_domain, "TS, two values");
	expect_format("S:(RA;;;;;WD;(\"u\",TU,0x3,18446744073709551615))",
		      "S:(RA;;;;;WD;(\"u\",TU,0x3,18446744073709551615))",
		      &test_domain, "TU up to 2^64-1");
	expect_format("S:(RA;;;;;WD;(\"x\",TX,0x0,0077,00))",
		      "S:(RA;;;;;WD;(\"x\",TX,0x0,0077,00))", &test_domain,
		      "TX octets without '#'");
	expect_ra_bytes("S:(RA;;;;;WD;(\"x\",TX,0,0077))",
			"1400 0000 1000 0000 0000 0000 0100 0000 1800 0000 7800 0000 0200 0000 0077 0000",
			"TX: length then bytes");
	expect_format("S:(RA;;;;;WD;(\"d\",TD,0,S-1-5-32-544,WD))",
		      "S:(RA;;;;;WD;(\"d\",TD,0x0,BA,WD))", &test_domain,
		      "TD SIDs as aliases");
	expect_format("S:(RA;;;;;WD;(\"b\",TB,0,1,0))",
		      "S:(RA;;;;;WD;(\"b\",TB,0x0,1,0))", &test_domain, "TB");
	expect_format("S:(RA;;;;;WD;(\"c%0016r\",TU,0,1))",
		      "S:(RA;;;;;WD;(\"c%0016r\",TU,0x0,1))", &test_domain,
		      "name with a control character escaped");
	expect_fail("S:(RA;;;;;WD;(\"x\",TI,0))", -EINVAL, &test_domain,
		    "resource attribute without a value");
	expect_fail("S:(RA;;;;;WD;(\"x\",TQ,0,1))", -EINVAL, &test_domain,
		    "unknown resource attribute type");
	expect_fail("S:(RA;;;;;WD;(\"x\",TB,0,2))", -EINVAL, &test_domain,
		    "boolean other than 0 or 1");
	expect_fail("S:(RA;;;;;WD;(\"x\",TI,0,9223372036854775808))", -EINVAL,
		    &test_domain, "TI above 2^63-1");
	expect_fail("S:(RA;;;;;WD;(\"\",TI,0,1))", -EINVAL, &test_domain,
		    "empty attribute name");
	expect_fail("S:(RA;;;;;WD;(\"x\",TX,0,123))", -EINVAL, &test_domain,
		    "odd octet string");
	/* fuzz_sddl: it parsed, then could not be written */
	expect_fail("S:(RA;;;;;WD)", -EINVAL, &test_domain,
		    "resource attribute ACE without its attribute");
	/* fuzz_sddl: %0000 ended the name early, the text did not round-trip */
	expect_fail("S:(RA;;;;;WD;(\"ab%0000cd\",TD,0,BA))", -EINVAL,
		    &test_domain, "NUL in attribute name");
}

/* What Windows Server 2022 reads (Samba's corpus) and how it writes it. */
static void test_windows_conditions(void)
{
	expect_format("D:(XA;;FA;;;WD;(@Device.a-b;c}[#'@ == 1))",
		      "D:(XA;;FA;;;WD;(@DEVICE.a-b;c}[#'@ == 1))", &test_domain,
		      "prefixed names hold lit-char as themselves");
	expect_condition_bytes("(@Resource.a-%d1d6)",
			       "61727478 fa060000006100 2d00 d6d1 00",
			       "%XXXX in a prefixed name");
	expect_fail("D:(XA;;FA;;;WD;(@Resource.a,))", -EINVAL, &test_domain,
		    "',' ends a prefixed name");
	expect_fail("D:(XA;;FA;;;WD;(@User.a\001))", -EINVAL, &test_domain,
		    "control characters end a prefixed name");
	expect_format("D:(XA;;FA;;;WD;(@User.\xc3\xa9))",
		      "D:(XA;;FA;;;WD;(@USER.%00e9))", &test_domain,
		      "non-ASCII name characters written as %XXXX");
	expect_format("D:(XA;;FA;;;WD;(777))", "D:(XA;;FA;;;WD;(777))",
		      &test_domain, "a bare number as the condition is a local name");
	expect_condition_bytes("(777)", "61727478 f806000000 370037003700 00",
			       "bare number compiles to a local attribute");
	expect_format("D:(XA;;FA;;;WD;(Member_of(SID(WD))))",
		      "D:(XA;;FA;;;WD;(Member_of SID(WD)))", &test_domain,
		      "Member_of(SID(x))");
	expect_format("D:(XA;;FA;;;WD; (Member_of {SID(WD)}))",
		      "D:(XA;;FA;;;WD;(Member_of {SID(WD)}))", &test_domain,
		      "space before the condition");
	expect_condition_bytes("(a == ##1#2#3##)",
			       "61727478 f8020000006100 180400000001020300 80 00 00 00",
			       "'#' stands for 0 in an octet string");
}

/*
 * Long chains are written nested, as Windows does, and read back; deep
 * trees are refused, not crashed on.
 */
static void test_condition_limits(void)
{
	char *flat = malloc(8 * 300 + 64), *nested = malloc(12 * 300 + 64);
	char *deep = malloc(8 * 600 + 64);
	char *p, *q;
	int i;

	p = flat + sprintf(flat, "D:(XA;;FA;;;WD;(a0");
	q = nested + sprintf(nested, "D:(XA;;FA;;;WD;");
	for (i = 1; i < 300; i++) {
		p += sprintf(p, " || a%d", i);
		*q++ = '(';
	}
	q += sprintf(q, "(a0)");
	for (i = 1; i < 300; i++)
		q += sprintf(q, " || (a%d))", i);
	sprintf(p, "))");
	sprintf(q, ")");
	expect_format(flat, nested, &test_domain,
		      "a chain of 300 || is written nested");
	expect_format(nested, nested, &test_domain,
		      "300 nested levels read back");
	p = deep + sprintf(deep, "D:(XA;;FA;;;WD;");
	for (i = 0; i < 600; i++)
		p += sprintf(p, "(a || ");
	p += sprintf(p, "b");
	for (i = 0; i < 600; i++)
		*p++ = ')';
	sprintf(p, ")");
	expect_fail(deep, -EINVAL, &test_domain, "600 nested levels");
	free(flat);
	free(nested);
	free(deep);
}

void test_conditions(void)
{
	/* "artx", then postfix tokens, zero padding to 4 bytes */
	expect_condition_bytes("(@User.a == 1)",
			       "61727478 f9020000006100 04010000000000000003 02 80 00",
			       "attribute, int64 with sign and base, ==");
	expect_condition_bytes("(x && !y)",
			       "61727478 f8020000007800 f8020000007900 a2 a0",
			       "local attributes, ! and && in postfix");
	expect_condition_bytes("(Member_of {SID(WD)})",
			       "61727478 5011000000 510c000000 010100000000000100000000 89 00",
			       "composite of SIDs, Member_of");
	expect_condition_bytes("(@Device.s Contains \"A\")",
			       "61727478 fb020000007300 10020000004100 86 00",
			       "device attribute, Unicode string, Contains");
	expect_condition_bytes("(@Resource.o != #0aFF)",
			       "61727478 fa020000006f00 18020000000aff 81 00",
			       "resource attribute, octet string");
	expect_condition_bytes("(@User.n < -0x10)",
			       "61727478 f9020000006e00 04f0ffffffffffffff 02 03 82 00",
			       "negative hex integer");
	expect_format("D:(XA;;FA;;;WD;(@User.a==1&&(b||!Exists c)))",
		      "D:(XA;;FA;;;WD;((@USER.a == 1) && ((b) || !(Exists c))))",
		      &test_domain, "canonical condition: operations in parentheses");
	expect_format("D:(XA;;FA;;;WD;(!!a))", "D:(XA;;FA;;;WD;(!(!(a))))",
		      &test_domain, "'!' parenthesises its operand as Windows does");
	expect_format("D:(XA;;FA;;;WD;(a && (b && c)))",
		      "D:(XA;;FA;;;WD;((a) && ((b) && (c))))", &test_domain,
		      "right-nested chain keeps its parentheses");
	expect_format("D:(XA;;FA;;;WD;(a && b && c))",
		      "D:(XA;;FA;;;WD;(((a) && (b)) && (c)))", &test_domain,
		      "left-deep chain parenthesised as Windows writes it");
	test_condition_limits();
	expect_format("D:(XA;;FA;;;WD;(a || b && c))",
		      "D:(XA;;FA;;;WD;((a) || ((b) && (c))))", &test_domain,
		      "&& binds tighter than ||");
	expect_format("D:(XA;;FA;;;WD;(@user.A any_of {1, 010, 0x10, +0, \"é\"}))",
		      "D:(XA;;FA;;;WD;(@USER.A Any_of {1, 010, 0x10, +0, \"é\"}))",
		      &test_domain, "keywords any case, integer bases kept, UTF-8");
	expect_format("D:(XA;;FA;;;WD;(Not_Member_of_Any {SID(DA), SID(S-1-5-32-544)}))",
		      "D:(XA;;FA;;;WD;(Not_Member_of_any {SID(DA), SID(BA)}))",
		      &test_domain, "SIDs in conditions use aliases");
	expect_format("D:(XA;;FA;;;WD;(%0045xists))", "D:(XA;;FA;;;WD;(%0045xists))",
		      &test_domain, "a local attribute named like a keyword stays escaped");
	/* fuzz_sddl: "8x" after an operator read back as a number */
	expect_format("S:(XU;SA;FA;;;WD;(!%0001>%0038x))",
		      "S:(XU;SA;FA;;;WD;(!(%0001 > %0038x)))", &test_domain,
		      "a local attribute operand starting with a digit stays escaped");
	expect_format("S:(XU;FA;FA;;;WD;(@Device.x <= @Resource.y))",
		      "S:(XU;FA;FA;;;WD;(@DEVICE.x <= @RESOURCE.y))", &test_domain,
		      "audit callback ACE");
	expect_fail("D:(XA;;FA;;;WD;@User.a)", -EINVAL, &test_domain,
		    "condition without parentheses");
	expect_fail("D:(XA;;FA;;;WD;(@Other.a))", -EINVAL, &test_domain,
		    "unknown attribute prefix");
	expect_fail("D:(XA;;FA;;;WD;(Member_of 1))", -EINVAL, &test_domain,
		    "Member_of needs SIDs or a list");
	expect_format("D:(XA;;FA;;;WD;(Member_of {1}))",
		      "D:(XA;;FA;;;WD;(Member_of {1}))", &test_domain,
		      "Member_of of a list without SIDs, as Windows stores it");
	expect_fail("D:(XA;;FA;;;WD;(@User.a == +9223372036854775808))", -EINVAL,
		    &test_domain, "signed integer above 2^63-1");
	expect_fail("D:(XA;;FA;;;WD;(@User.a == 18446744073709551616))", -EINVAL,
		    &test_domain, "integer above 2^64-1");
	expect_format("D:(XA;;FA;;;WD;(@User.a == 0xffffffffffffffff))",
		      "D:(XA;;FA;;;WD;(@USER.a == 0xffffffffffffffff))",
		      &test_domain, "unsigned 64-bit integer kept as written");
	expect_condition_bytes("(@User.a == 0xffffffffffffffff)",
			       "61727478 f9020000006100 04ffffffffffffffff 03 03 80 00",
			       "0xffffffffffffffff is the bit pattern");
	expect_format("D:(XA;;FA;;;WD;(@User.a == -9223372036854775808))",
		      "D:(XA;;FA;;;WD;(@USER.a == -9223372036854775808))",
		      &test_domain, "smallest integer");
	expect_fail("D:(XA;;FA;;;WD;(@User.a == \"x))", -EINVAL, &test_domain,
		    "unterminated string");
	expect_fail("D:(XA;;FA;;;WD;(@User.a == #abc))", -EINVAL, &test_domain,
		    "odd octet string");
	expect_fail("D:(XA;;FA;;;WD;((a))", -EINVAL, &test_domain,
		    "unbalanced parentheses");
	expect_fail("D:(XA;;FA;;;WD;(a && \"x\"))", -EINVAL, &test_domain,
		    "&& needs conditions");
	test_windows_conditions();
	test_resource_attributes();
}
