// SPDX-License-Identifier: GPL-2.0
/*
 * Conditional ACE evaluation (wt_cond.c): every operator, three-valued
 * logic, claims of each type, resource attributes, membership, the bounds,
 * malformed input, and the access check's use of the result. Expressions
 * and claims are assembled byte by byte by cond_build.c.
 */
#include "cond_build.h"

/* @USER.n OP value for integer claims */
static void int_op(unsigned char op, long long claim, long long lit, int want,
		   const char *what)
{
	struct claim c;
	struct expr e;

	reset_token();
	c_init(&c, "n", WT_CLAIM_TYPE_INT64, 0, 1);
	c_int(&c, claim);
	add_claim(false, &c);
	e_init(&e);
	USER(&e, "n");
	INT(&e, lit);
	OP(&e, op);
	expect(&e, want, what);
}

static void test_relational(void)
{
	int_op(0x80, 5, 5, WT_COND_TRUE, "5 == 5");
	int_op(0x80, 5, 6, WT_COND_FALSE, "5 == 6");
	int_op(0x81, 5, 6, WT_COND_TRUE, "5 != 6");
	int_op(0x81, 5, 5, WT_COND_FALSE, "5 != 5");
	int_op(0x82, -7, 5, WT_COND_TRUE, "-7 < 5");
	int_op(0x82, 5, 5, WT_COND_FALSE, "5 < 5");
	int_op(0x83, 5, 5, WT_COND_TRUE, "5 <= 5");
	int_op(0x83, 6, 5, WT_COND_FALSE, "6 <= 5");
	int_op(0x84, 6, 5, WT_COND_TRUE, "6 > 5");
	int_op(0x84, 5, 5, WT_COND_FALSE, "5 > 5");
	int_op(0x85, 5, 5, WT_COND_TRUE, "5 >= 5");
	int_op(0x85, 4, 5, WT_COND_FALSE, "4 >= 5");
}

static void test_claim_types(void)
{
	struct claim c, d;
	struct expr e;
	unsigned long long big = 0xfffffffffffffff0ULL;

	/* uint64 above INT64_MAX orders above every int64 */
	reset_token();
	c_init(&c, "u", WT_CLAIM_TYPE_UINT64, 0, 1);
	c_int(&c, (long long)big);
	add_claim(false, &c);
	e_init(&e);
	USER(&e, "u");
	INT(&e, 1);
	OP(&e, 0x84);
	expect(&e, WT_COND_TRUE, "uint64 0xfffffffffffffff0 > 1");

	/* boolean: true alone is a TRUE condition, false a FALSE one */
	reset_token();
	c_init(&c, "b", WT_CLAIM_TYPE_BOOLEAN, 0, 1);
	c_int(&c, 1);
	add_claim(true, &c);
	c_init(&d, "f", WT_CLAIM_TYPE_BOOLEAN, 0, 1);
	c_int(&d, 0);
	add_claim(true, &d);
	e_init(&e);
	DEVICE(&e, "b");
	expect(&e, WT_COND_TRUE, "boolean device claim true as a condition");
	e_init(&e);
	DEVICE(&e, "F");
	expect(&e, WT_COND_FALSE, "boolean claim false (name case-insensitive)");

	/* strings: case-insensitive unless the claim says otherwise */
	reset_token();
	c_init(&c, "title", WT_CLAIM_TYPE_STRING, 0, 1);
	c_str(&c, "Manager");
	add_claim(false, &c);
	c_init(&d, "cs", WT_CLAIM_TYPE_STRING, WT_CLAIM_FLAG_CASE_SENSITIVE, 1);
	c_str(&d, "Manager");
	add_claim(false, &d);
	e_init(&e);
	USER(&e, "title");
	STR(&e, "MANAGER");
	OP(&e, 0x80);
	expect(&e, WT_COND_TRUE, "string == ignores case");
	e_init(&e);
	USER(&e, "cs");
	STR(&e, "MANAGER");
	OP(&e, 0x80);
	expect(&e, WT_COND_FALSE, "case-sensitive string claim");
	e_init(&e);
	USER(&e, "title");
	STR(&e, "N");
	OP(&e, 0x82);
	expect(&e, WT_COND_TRUE, "string order: Manager < N");

	/* SID claims: equality only */
	reset_token();
	c_init(&c, "s", WT_CLAIM_TYPE_SID, 0, 1);
	c_sid(&c, "S-1-5-32-544");
	add_claim(false, &c);
	e_init(&e);
	USER(&e, "s");
	SIDT(&e, "S-1-5-32-544");
	OP(&e, 0x80);
	expect(&e, WT_COND_TRUE, "SID claim == SID");
	e_init(&e);
	USER(&e, "s");
	SIDT(&e, "S-1-5-32-545");
	OP(&e, 0x81);
	expect(&e, WT_COND_TRUE, "SID claim != other SID");
	e_init(&e);
	USER(&e, "s");
	SIDT(&e, "S-1-5-32-545");
	OP(&e, 0x82);
	expect(&e, WT_COND_UNKNOWN, "SIDs have no order");

	/* octet strings */
	reset_token();
	c_init(&c, "o", WT_CLAIM_TYPE_OCTET, 0, 1);
	c_bytes(&c, "\x01\x02", 2);
	add_claim(false, &c);
	e_init(&e);
	USER(&e, "o");
	OCT(&e, "\x01\x02", 2);
	OP(&e, 0x80);
	expect(&e, WT_COND_TRUE, "octet claim == #0102");
	e_init(&e);
	USER(&e, "o");
	OCT(&e, "\x01\x03", 2);
	OP(&e, 0x82);
	expect(&e, WT_COND_TRUE, "octet order #0102 < #0103");

	/* values of different types compare to UNKNOWN */
	e_init(&e);
	USER(&e, "o");
	INT(&e, 1);
	OP(&e, 0x80);
	expect(&e, WT_COND_UNKNOWN, "octets == integer");

	/* a disabled claim is absent */
	reset_token();
	c_init(&c, "x", WT_CLAIM_TYPE_INT64, WT_CLAIM_FLAG_DISABLED, 1);
	c_int(&c, 1);
	add_claim(false, &c);
	e_init(&e);
	USER(&e, "x");
	OP(&e, 0x87);
	expect(&e, WT_COND_FALSE, "Exists on a disabled claim");

	/* a claim whose value offset points outside it is an error */
	reset_token();
	c_init(&c, "x", WT_CLAIM_TYPE_INT64, 0, 1);
	c_int(&c, 1);
	c_le32(c.b + 16, 500);
	add_claim(false, &c);
	e_init(&e);
	USER(&e, "x");
	OP(&e, 0x87);
	expect(&e, WT_COND_UNKNOWN, "malformed claim: UNKNOWN even for Exists");
	e_init(&e);
	USER(&e, "x");
	OP(&e, 0x8d);
	OP(&e, 0xa2);
	expect(&e, WT_COND_UNKNOWN, "malformed claim: !(Not_Exists) not TRUE");
}

static void test_sets(void)
{
	struct claim c;
	struct expr e;

	reset_token();
	c_init(&c, "p", WT_CLAIM_TYPE_STRING, 0, 3);
	c_str(&c, "a");
	c_str(&c, "b");
	c_str(&c, "c");
	add_claim(false, &c);

	e_init(&e);
	USER(&e, "p");
	COMP_BEGIN(&e);
	STR(&e, "a");
	STR(&e, "C");
	COMP_END(&e);
	OP(&e, 0x86);
	expect(&e, WT_COND_TRUE, "{a,b,c} Contains {a,C}");
	e.n -= 1;
	OP(&e, 0x8e);
	expect(&e, WT_COND_FALSE, "{a,b,c} Not_Contains {a,C}");

	e_init(&e);
	USER(&e, "p");
	COMP_BEGIN(&e);
	STR(&e, "a");
	STR(&e, "z");
	COMP_END(&e);
	OP(&e, 0x86);
	expect(&e, WT_COND_FALSE, "{a,b,c} Contains {a,z}");
	e.n -= 1;
	OP(&e, 0x88);
	expect(&e, WT_COND_TRUE, "{a,b,c} Any_of {a,z}");
	e.n -= 1;
	OP(&e, 0x8f);
	expect(&e, WT_COND_FALSE, "{a,b,c} Not_Any_of {a,z}");

	e_init(&e);
	USER(&e, "p");
	COMP_BEGIN(&e);
	STR(&e, "y");
	STR(&e, "z");
	COMP_END(&e);
	OP(&e, 0x88);
	expect(&e, WT_COND_FALSE, "{a,b,c} Any_of {y,z}");

	e_init(&e);
	USER(&e, "p");
	COMP_BEGIN(&e);
	STR(&e, "c");
	STR(&e, "b");
	STR(&e, "a");
	COMP_END(&e);
	OP(&e, 0x80);
	expect(&e, WT_COND_TRUE, "{a,b,c} == {c,b,a} (sets)");

	e_init(&e);
	USER(&e, "p");
	STR(&e, "a");
	OP(&e, 0x82);
	expect(&e, WT_COND_UNKNOWN, "< on a multi-valued claim");

	e_init(&e);
	USER(&e, "p");
	expect(&e, WT_COND_UNKNOWN, "multi-valued claim as a condition");
}

static void test_logic(void)
{
	struct claim t, f;
	struct expr e;
	/* T: @USER.t (true), F: @USER.f (false), U: @USER.missing */
	static const struct {
		const char *a, *b;
		int and, or;
	} table[] = {
		{ "t", "t", WT_COND_TRUE, WT_COND_TRUE },
		{ "t", "f", WT_COND_FALSE, WT_COND_TRUE },
		{ "f", "f", WT_COND_FALSE, WT_COND_FALSE },
		{ "t", "u", WT_COND_UNKNOWN, WT_COND_TRUE },
		{ "u", "t", WT_COND_UNKNOWN, WT_COND_TRUE },
		{ "f", "u", WT_COND_FALSE, WT_COND_UNKNOWN },
		{ "u", "f", WT_COND_FALSE, WT_COND_UNKNOWN },
		{ "u", "u", WT_COND_UNKNOWN, WT_COND_UNKNOWN },
	};
	char what[64];
	size_t i;

	reset_token();
	c_init(&t, "t", WT_CLAIM_TYPE_INT64, 0, 1);
	c_int(&t, 7);
	add_claim(false, &t);
	c_init(&f, "f", WT_CLAIM_TYPE_INT64, 0, 1);
	c_int(&f, 0);
	add_claim(false, &f);
	for (i = 0; i < ARRAY_SIZE(table); i++) {
		e_init(&e);
		USER(&e, table[i].a);
		USER(&e, table[i].b);
		OP(&e, 0xa0);
		snprintf(what, sizeof(what), "%s && %s", table[i].a, table[i].b);
		expect(&e, table[i].and, what);
		e.n--;
		OP(&e, 0xa1);
		snprintf(what, sizeof(what), "%s || %s", table[i].a, table[i].b);
		expect(&e, table[i].or, what);
	}
	e_init(&e);
	USER(&e, "t");
	OP(&e, 0xa2);
	expect(&e, WT_COND_FALSE, "!t");
	e_init(&e);
	USER(&e, "u");
	OP(&e, 0xa2);
	expect(&e, WT_COND_UNKNOWN, "!unknown");
	e_init(&e);
	USER(&e, "u");
	OP(&e, 0x87);
	expect(&e, WT_COND_FALSE, "Exists missing");
	e.n--;
	OP(&e, 0x8d);
	expect(&e, WT_COND_TRUE, "Not_Exists missing");
	e_init(&e);
	USER(&e, "t");
	OP(&e, 0x87);
	expect(&e, WT_COND_TRUE, "Exists present");
	e_init(&e);
	USER(&e, "u");
	INT(&e, 1);
	OP(&e, 0x80);
	expect(&e, WT_COND_UNKNOWN, "missing == 1");
	e_init(&e);
	LOCAL(&e, "t");
	OP(&e, 0x87);
	expect(&e, WT_COND_FALSE, "local attributes resolve to nothing");
}

static void member(unsigned char op, const char *const *sids, int n,
		   bool deny, int want, const char *what)
{
	struct expr e;
	u32 work = WT_COND_WORK_MAX;
	int i, got;

	reset_token();
	e_init(&e);
	if (n == 1) {
		SIDT(&e, sids[0]);
	} else {
		COMP_BEGIN(&e);
		for (i = 0; i < n; i++)
			SIDT(&e, sids[i]);
		COMP_END(&e);
	}
	OP(&e, op);
	got = eval_env(&e, &no_sacl, deny, &work);
	ok(got == want, "cond: %s%s is %s (got %s)", what,
	   deny ? " (deny ACE)" : "", tv_name(want), tv_name(got));
}

static void test_membership(void)
{
	static const char *const both[] = { "S-1-1-0", "S-1-5-21-1-2-3-513" };
	static const char *const one[] = { "S-1-1-0", "S-1-5-99" };
	static const char *const none[] = { "S-1-5-98", "S-1-5-99" };
	static const char *const user[] = { "S-1-5-21-1-2-3-1001" };
	static const char *const disabled[] = { "S-1-5-21-1-2-3-600" };
	static const char *const deny_only[] = { "S-1-5-21-1-2-3-700" };
	static const char *const dev[] = { "S-1-5-21-9-9-9-515" };
	struct expr e;

	member(0x89, both, 2, false, WT_COND_TRUE, "Member_of {both held}");
	member(0x89, one, 2, false, WT_COND_FALSE, "Member_of {one held}");
	member(0x8b, one, 2, false, WT_COND_TRUE, "Member_of_any {one held}");
	member(0x8b, none, 2, false, WT_COND_FALSE, "Member_of_any {none}");
	member(0x90, one, 2, false, WT_COND_TRUE, "Not_Member_of {one held}");
	member(0x90, both, 2, false, WT_COND_FALSE, "Not_Member_of {both}");
	member(0x92, none, 2, false, WT_COND_TRUE, "Not_Member_of_any {none}");
	member(0x92, one, 2, false, WT_COND_FALSE, "Not_Member_of_any {one}");
	member(0x89, user, 1, false, WT_COND_TRUE, "Member_of SID(user)");
	member(0x89, disabled, 1, false, WT_COND_FALSE,
	       "Member_of a disabled group");
	member(0x89, disabled, 1, true, WT_COND_FALSE,
	       "Member_of a disabled group");
	member(0x89, deny_only, 1, false, WT_COND_FALSE,
	       "Member_of a deny-only group");
	member(0x89, deny_only, 1, true, WT_COND_TRUE,
	       "Member_of a deny-only group");
	member(0x8a, dev, 1, false, WT_COND_TRUE, "Device_Member_of {device}");
	member(0x8a, user, 1, false, WT_COND_FALSE, "Device_Member_of {user}");
	member(0x8c, dev, 1, false, WT_COND_TRUE, "Device_Member_of_any");
	member(0x91, dev, 1, false, WT_COND_FALSE, "Not_Device_Member_of");
	member(0x93, user, 1, false, WT_COND_TRUE, "Not_Device_Member_of_any");

	reset_token();
	e_init(&e);
	COMP_BEGIN(&e);
	INT(&e, 1);
	COMP_END(&e);
	OP(&e, 0x89);
	expect(&e, WT_COND_UNKNOWN, "Member_of {1} (no SID)");
	e.n--;
	OP(&e, 0x90);
	expect(&e, WT_COND_UNKNOWN, "Not_Member_of {1} (no SID)");
}

static void test_resource(void)
{
	struct wt_ace_spec sacl[2];
	struct sd_fixture f;
	struct claim c;
	struct expr e;
	u32 work = WT_COND_WORK_MAX;

	reset_token();
	c_init(&c, "colour", WT_CLAIM_TYPE_STRING, 0, 2);
	c_str(&c, "blue");
	c_str(&c, "red");
	sacl[0] = ACE(WT_SYSTEM_RESOURCE_ATTRIBUTE_ACE_TYPE, 0, 0, "S-1-1-0");
	sacl[0].application_data = c.b;
	sacl[0].application_data_len = c.n;
	mk_sd(&f, "S-1-5-32-544", "S-1-5-18", 0, NULL, -1, sacl, 1);
	e_init(&e);
	RES(&e, "Colour");
	STR(&e, "red");
	OP(&e, 0x86);
	ok(eval_env(&e, &f.v.sacl, false, &work) == WT_COND_TRUE,
	   "cond: @RESOURCE.colour Contains \"red\" from the SACL");
	e.n--;
	OP(&e, 0x80);
	ok(eval_env(&e, &f.v.sacl, false, &work) == WT_COND_FALSE,
	   "cond: @RESOURCE.colour == \"red\" is FALSE (two values)");
	free_sd(&f);

	/* the SD parser refuses a resource attribute it could not read */
	{
		struct wt_sd_spec spec;
		struct wt_sd_view v;
		unsigned char buf[512], saved[4];
		long n;

		memset(&spec, 0, sizeof(spec));
		spec.sacl.present = true;
		spec.sacl.aces = sacl;
		spec.sacl.count = 1;
		memcpy(saved, c.b + 16, 4);
		c_le32(c.b + 16, 4000);	/* first value outside the blob */
		n = wt_sd_build(&spec, buf, sizeof(buf));
		ok(n > 0 && wt_sd_parse(buf, (size_t)n, &v) == -EINVAL,
		   "sd: a resource attribute with a value outside it is refused");
		memcpy(c.b + 16, saved, 4);
		n = wt_sd_build(&spec, buf, sizeof(buf));
		ok(n > 0 && !wt_sd_parse(buf, (size_t)n, &v),
		   "sd: the same attribute, mended, parses");
	}

	sacl[0].flags = WT_INHERIT_ONLY_ACE;
	mk_sd(&f, "S-1-5-32-544", "S-1-5-18", 0, NULL, -1, sacl, 1);
	ok(eval_env(&e, &f.v.sacl, false, &work) == WT_COND_UNKNOWN,
	   "cond: an inherit-only resource attribute does not count");
	free_sd(&f);
}

static void test_malformed(void)
{
	struct claim c;
	struct expr e;
	u32 work;
	int i;

	reset_token();
	c_init(&c, "t", WT_CLAIM_TYPE_INT64, 0, 1);
	c_int(&c, 1);
	add_claim(false, &c);

	e_init(&e);
	USER(&e, "t");
	OP(&e, 0xa3);
	expect(&e, WT_COND_UNKNOWN, "unknown operator");
	e_init(&e);
	USER(&e, "t");
	OP(&e, 0x03 + 0x20);
	expect(&e, WT_COND_UNKNOWN, "unknown operand token");
	e_init(&e);
	OP(&e, 0xa0);
	expect(&e, WT_COND_UNKNOWN, "&& with an empty stack");
	e_init(&e);
	USER(&e, "t");
	USER(&e, "t");
	expect(&e, WT_COND_UNKNOWN, "two values left on the stack");
	e_init(&e);
	INT(&e, 1);
	expect(&e, WT_COND_UNKNOWN, "a literal as the condition");
	e_init(&e);
	USER(&e, "t");
	e_byte(&e, 0);
	e_byte(&e, 0xa2);
	expect(&e, WT_COND_UNKNOWN, "an operator after the padding");
	e_init(&e);
	USER(&e, "t");
	e.b[5] = 0xff;	/* the name length runs past the end */
	expect(&e, WT_COND_UNKNOWN, "truncated attribute token");
	memcpy(e.b, "artX", 4);
	e.b[5] = 2;
	expect(&e, WT_COND_UNKNOWN, "bad signature");
	e_init(&e);
	INT(&e, 1);
	USER(&e, "t");
	OP(&e, 0x80);
	expect(&e, WT_COND_UNKNOWN, "literal on the left of ==");

	/* !(error) and (error || TRUE) stay UNKNOWN: errors end evaluation */
	e_init(&e);
	USER(&e, "t");
	INT(&e, 1);
	OP(&e, 0xa0);
	OP(&e, 0xa2);
	expect(&e, WT_COND_UNKNOWN, "!(t && 1): an error is not negated");
	e_init(&e);
	INT(&e, 1);
	USER(&e, "t");
	OP(&e, 0xa1);
	expect(&e, WT_COND_UNKNOWN, "(1 || t): an error is not or-ed away");

	/* stack depth: 32 operands fit, 33 do not */
	e_init(&e);
	for (i = 0; i < WT_COND_STACK_MAX; i++)
		USER(&e, "t");
	for (i = 1; i < WT_COND_STACK_MAX; i++)
		OP(&e, 0xa0);
	expect(&e, WT_COND_TRUE, "32 operands deep");
	e_init(&e);
	for (i = 0; i <= WT_COND_STACK_MAX; i++)
		USER(&e, "t");
	for (i = 0; i < WT_COND_STACK_MAX; i++)
		OP(&e, 0xa0);
	expect(&e, WT_COND_UNKNOWN, "33 operands deep overflows");

	/* work: a budget too small ends in UNKNOWN and is used up */
	e_init(&e);
	USER(&e, "t");
	USER(&e, "t");
	OP(&e, 0xa0);
	work = 3;
	ok(eval_env(&e, &no_sacl, false, &work) == WT_COND_UNKNOWN && !work,
	   "cond: out of work is UNKNOWN");
	work = 100;
	ok(eval_env(&e, &no_sacl, false, &work) == WT_COND_TRUE && work < 100,
	   "cond: the same with work to spare is TRUE and spends some");
}

/* The access check: XA grants only on TRUE, XD denies on TRUE/UNKNOWN. */
static void test_access_check(void)
{
	static const struct {
		unsigned char type;
		const char *claim;	/* user claim "c": "1", "0" or none */
		unsigned int want;
		const char *what;
	} cases[] = {
		{ WT_ACCESS_ALLOWED_CALLBACK_ACE_TYPE, "1", WT_FILE_READ_DATA,
		  "conditional allow, condition TRUE: granted" },
		{ WT_ACCESS_ALLOWED_CALLBACK_ACE_TYPE, "0", 0,
		  "conditional allow, condition FALSE: not granted" },
		{ WT_ACCESS_ALLOWED_CALLBACK_ACE_TYPE, NULL, 0,
		  "conditional allow, condition UNKNOWN: not granted" },
		{ WT_ACCESS_DENIED_CALLBACK_ACE_TYPE, "1", 0,
		  "conditional deny, condition TRUE: denied" },
		{ WT_ACCESS_DENIED_CALLBACK_ACE_TYPE, "0", WT_FILE_READ_DATA,
		  "conditional deny, condition FALSE: not denied" },
		{ WT_ACCESS_DENIED_CALLBACK_ACE_TYPE, NULL, 0,
		  "conditional deny, condition UNKNOWN: denied" },
	};
	struct wt_ace_spec dacl[2];
	struct wt_access_result res;
	struct sd_fixture f;
	struct claim c;
	struct expr e;
	size_t i;
	int n;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		reset_token();
		if (cases[i].claim) {
			c_init(&c, "c", WT_CLAIM_TYPE_INT64, 0, 1);
			c_int(&c, cases[i].claim[0] - '0');
			add_claim(false, &c);
		}
		e_init(&e);
		USER(&e, "c");
		dacl[0] = ACE(cases[i].type, 0, WT_FILE_READ_DATA, "S-1-1-0");
		dacl[0].application_data = e.b;
		dacl[0].application_data_len = e.n;
		dacl[1] = ACE(WT_ACCESS_ALLOWED_ACE_TYPE, 0, WT_FILE_READ_DATA,
			      "S-1-5-11");
		/* a deny needs an allow after it to have something to deny */
		n = 1;
		if (cases[i].type == WT_ACCESS_DENIED_CALLBACK_ACE_TYPE)
			n = 2;
		mk_sd(&f, "S-1-5-32-544", "S-1-5-18", 0, dacl, n, NULL, -1);
		check(&f, &tok, WT_FILE_READ_DATA, 0, NULL, &res);
		ok(res.granted == cases[i].want, "access: %s", cases[i].what);
		free_sd(&f);
	}
}

void test_cond(void)
{
	test_relational();
	test_claim_types();
	test_sets();
	test_logic();
	test_membership();
	test_resource();
	test_malformed();
	test_access_check();
}
