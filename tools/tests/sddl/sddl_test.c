// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of tools/lib/sddl.c, then the Windows oracle vectors found in
 * the directory given as argv[1] (skipped when it is absent). TAP output.
 */
#include <stdio.h>
#include <stdarg.h>

#include "sddl_test.h"
#include "wt_json.h"

static unsigned int test_count, test_failed, test_skipped;
/* Domain for aliases like LG in the oracle vectors: not one they spell out. */
static struct wt_sid test_domain_sid;
struct sddl_domain test_domain = { &test_domain_sid, NULL };

void tap(bool ok, const char *fmt, ...)
{
	va_list ap;

	test_count++;
	if (!ok)
		test_failed++;
	printf("%s %u ", ok ? "ok" : "not ok", test_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

static void tap_skip(const char *what, const char *why)
{
	printf("ok %u %s # SKIP %s\n", ++test_count, what, why);
	test_skipped++;
}

/* SDDL to bytes; NULL on failure. */
static u8 *to_bytes(const char *s, const struct sddl_domain *dom,
		    size_t *len, int *rc)
{
	struct sddl_error err;
	u8 *buf = NULL;
	int r;

	r = sddl_to_sd(s, dom, &buf, len, &err);
	if (rc)
		*rc = r;
	return r ? NULL : buf;
}

/* Parse and format; NULL on failure. */
static char *roundtrip(const char *s, const struct sddl_domain *dom)
{
	size_t len;
	u8 *buf = to_bytes(s, dom, &len, NULL);
	char *out = NULL;

	if (buf && sddl_from_sd(buf, len, dom, &out))
		out = NULL;
	free(buf);
	return out;
}

static bool same_bytes(const char *a, const char *b,
		       const struct sddl_domain *dom)
{
	size_t la, lb;
	u8 *ba = to_bytes(a, dom, &la, NULL);
	u8 *bb = to_bytes(b, dom, &lb, NULL);
	bool same = ba && bb && la == lb && !memcmp(ba, bb, la);

	free(ba);
	free(bb);
	return same;
}

void expect_format(const char *in, const char *want,
		   const struct sddl_domain *dom, const char *what)
{
	char *got = roundtrip(in, dom);

	tap(got && !strcmp(got, want), "%s: %s -> %s%s%s", what, in, want,
	    got && strcmp(got, want) ? " (got " : "",
	    got && strcmp(got, want) ? got : "");
	if (got && strcmp(got, want))
		printf("# got %s\n", got);
	free(got);
}

void expect_fail(const char *in, int want_rc,
		 const struct sddl_domain *dom, const char *what)
{
	struct sddl_error err = { 0, NULL };
	u8 *buf = NULL;
	size_t len;
	int rc = sddl_to_sd(in, dom, &buf, &len, &err);

	free(buf);
	tap(rc == want_rc && err.message, "%s: '%s' rejected (%d: %s)", what,
	    in, rc, err.message ? err.message : "no message");
}

/* Parse @in and look at one ACE of its DACL (or SACL). */
bool first_ace(const char *in, bool sacl, struct wt_ace_view *out,
	       u8 **keep, struct wt_sd_view *sd)
{
	struct wt_ace_iter it;
	size_t len;

	*keep = to_bytes(in, &test_domain, &len, NULL);
	if (!*keep || wt_sd_parse(*keep, len, sd))
		return false;
	return wt_acl_first(sacl ? &sd->sacl : &sd->dacl, &it, out);
}

static void expect_mask(const char *in, u32 mask)
{
	struct wt_ace_view ace;
	struct wt_sd_view sd;
	u8 *buf;
	bool ok = first_ace(in, false, &ace, &buf, &sd);

	tap(ok && ace.mask == mask, "mask of %s is 0x%x (got 0x%x)", in, mask,
	    ok ? ace.mask : 0);
	free(buf);
}

static void expect_sid(const char *alias, const char *want)
{
	char in[64], got[WT_SID_STRING_MAX] = "";
	struct wt_sd_view sd;
	size_t len;
	u8 *buf;

	snprintf(in, sizeof(in), "O:%s", alias);
	buf = to_bytes(in, &test_domain, &len, NULL);
	if (buf && !wt_sd_parse(buf, len, &sd) && sd.owner)
		sddl_sid_string(sd.owner, got);
	tap(!strcmp(got, want), "alias %s is %s (got %s)", alias, want, got);
	free(buf);
	expect_format(in, in, &test_domain, "alias round trip");
}

static void test_aliases(void)
{
	static const char *const fixed[][2] = {
		{ "AA", "S-1-5-32-579" }, { "AC", "S-1-15-2-1" },
		{ "AN", "S-1-5-7" }, { "AO", "S-1-5-32-548" },
		{ "AS", "S-1-18-1" }, { "AU", "S-1-5-11" },
		{ "BA", "S-1-5-32-544" }, { "BG", "S-1-5-32-546" },
		{ "BO", "S-1-5-32-551" }, { "BU", "S-1-5-32-545" },
		{ "CD", "S-1-5-32-574" }, { "CG", "S-1-3-1" },
		{ "CO", "S-1-3-0" }, { "CY", "S-1-5-32-569" },
		{ "ED", "S-1-5-9" }, { "ER", "S-1-5-32-573" },
		{ "ES", "S-1-5-32-576" }, { "HA", "S-1-5-32-578" },
		{ "HI", "S-1-16-12288" }, { "IS", "S-1-5-32-568" },
		{ "IU", "S-1-5-4" }, { "LS", "S-1-5-19" },
		{ "LU", "S-1-5-32-559" }, { "LW", "S-1-16-4096" },
		{ "ME", "S-1-16-8192" }, { "MP", "S-1-16-8448" },
		{ "MS", "S-1-5-32-577" }, { "MU", "S-1-5-32-558" },
		{ "NO", "S-1-5-32-556" }, { "NS", "S-1-5-20" },
		{ "NU", "S-1-5-2" }, { "OW", "S-1-3-4" },
		{ "PO", "S-1-5-32-550" }, { "PS", "S-1-5-10" },
		{ "PU", "S-1-5-32-547" }, { "RA", "S-1-5-32-575" },
		{ "RC", "S-1-5-12" }, { "RD", "S-1-5-32-555" },
		{ "RE", "S-1-5-32-552" }, { "RM", "S-1-5-32-580" },
		{ "RU", "S-1-5-32-554" }, { "SI", "S-1-16-16384" },
		{ "SO", "S-1-5-32-549" }, { "SS", "S-1-18-2" },
		{ "SU", "S-1-5-6" }, { "SY", "S-1-5-18" },
		{ "UD", "S-1-5-84-0-0-0-0-0" }, { "WD", "S-1-1-0" },
		{ "WR", "S-1-5-33" },
	};
	static const char *const domain[][2] = {
		{ "AP", "525" }, { "CA", "517" }, { "CN", "522" },
		{ "DA", "512" }, { "DC", "515" }, { "DD", "516" },
		{ "DG", "514" }, { "DU", "513" }, { "EA", "519" },
		{ "EK", "527" }, { "KA", "526" }, { "LA", "500" },
		{ "LG", "501" }, { "PA", "520" }, { "RO", "498" },
		{ "RS", "553" }, { "SA", "518" },
	};
	char want[WT_SID_STRING_MAX + 8], dom[WT_SID_STRING_MAX];
	char in[16];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fixed); i++)
		expect_sid(fixed[i][0], fixed[i][1]);
	sddl_sid_string(&test_domain_sid, dom);
	for (i = 0; i < ARRAY_SIZE(domain); i++) {
		snprintf(want, sizeof(want), "%s-%s", dom, domain[i][1]);
		expect_sid(domain[i][0], want);
		snprintf(in, sizeof(in), "O:%s", domain[i][0]);
		expect_fail(in, -EINVAL, NULL, "domain alias without domain");
	}
}

static void test_root_domain(void)
{
	struct wt_sid root;
	struct sddl_domain both = { &test_domain_sid, &root };

	wt_sid_from_string(&root, "S-1-5-21-7-8-9");
	expect_format("O:EAG:DA", "O:EAG:DA", &both, "root domain aliases");
	expect_format("O:S-1-5-21-7-8-9-519G:S-1-5-21-7-8-9-512",
		      "O:EAG:S-1-5-21-7-8-9-512", &both,
		      "EA from the root domain, DA only from the domain");
}

static void test_rights(void)
{
	expect_mask("D:(A;;GA;;;WD)", WT_GENERIC_ALL);
	expect_mask("D:(A;;GRGWGX;;;WD)", WT_GENERIC_READ | WT_GENERIC_WRITE |
		    WT_GENERIC_EXECUTE);
	expect_mask("D:(A;;RCSDWDWO;;;WD)", 0x000F0000);
	expect_mask("D:(A;;RPWPCCDCLCSWLODTCR;;;WD)", 0x1ff);
	expect_mask("D:(A;;FA;;;WD)", 0x1f01ff);
	expect_mask("D:(A;;FR;;;WD)", 0x120089);
	expect_mask("D:(A;;FW;;;WD)", 0x120116);
	expect_mask("D:(A;;FX;;;WD)", 0x1200a0);
	expect_mask("D:(A;;KA;;;WD)", 0xf003f);
	expect_mask("D:(A;;KR;;;WD)", 0x20019);
	expect_mask("D:(A;;KW;;;WD)", 0x20006);
	expect_mask("D:(A;;KX;;;WD)", 0x20019);
	expect_mask("D:(A;;FAGX;;;WD)", 0x201f01ff);
	expect_mask("D:(A;;0x10;;;WD)", 0x10);
	expect_mask("D:(A;;0XFFFFFFFF;;;WD)", 0xffffffff);
	expect_mask("D:(A;;4294967295;;;WD)", 0xffffffff);
	expect_mask("D:(A;;010;;;WD)", 8);
	expect_mask("D:(A;;0;;;WD)", 0);
	expect_mask("D:(A;;;;;WD)", 0);
	/* Windows clamps numbers past 32 bits and wraps negative ones */
	expect_mask("D:(A;;4294967296;;;WD)", 0xffffffff);
	expect_mask("D:(A;;0x123456789;;;WD)", 0xffffffff);
	expect_mask("D:(A;;100000000000000000000000;;;WD)", 0xffffffff);
	expect_mask("D:(A;;-99;;;WD)", 0xffffff9d);
	expect_mask("D:(A;;-0x10;;;WD)", 0xfffffff0);
	expect_mask("D:(A;;-4294967296;;;WD)", 0xffffffff);
	expect_format("D:(A;;-99;;;WD)", "D:(A;;0xffffff9d;;;WD)", &test_domain,
		      "negative mask written as hex");
	/* mnemonics and numbers mixed, OR-ed */
	expect_mask("D:(A;;GR0xFFFFFFFF;;;WD)", 0xffffffff);
	expect_mask("D:(A;;0xFFFFFFFFGR;;;WD)", 0xffffffff);
	expect_mask("D:(A;;0x1GA;;;WD)", 0x10000001);
	expect_mask("D:(A;;GA 16RC;;;WD)", 0x10020010);
	expect_mask("D:(A;;0x1FA;;;WD)", 0x1fa);	/* hex reads on */
	expect_fail("D:(A;;09;;;WD)", -EINVAL, &test_domain, "bad octal");
	expect_fail("D:(A;;0x1 GA;;;WD)", -EINVAL, &test_domain,
		    "space after a number");
	expect_fail("D:(A;;-;;;WD)", -EINVAL, &test_domain, "sign alone");
	expect_fail("D:(A;;0x;;;WD)", -EINVAL, &test_domain, "0x alone");
	expect_fail("D:(D ;;GA;;;WD)", -EINVAL, &test_domain,
		    "space after the ACE type");
	expect_format("D:( D;;GA;;;WD)", "D:(D;;GA;;;WD)", &test_domain,
		      "space before the ACE type");
	expect_format("D:(A;;KA;;;WD)", "D:(A;;KA;;;WD)", &test_domain,
		      "key rights");
	expect_format("D:(A;;KX;;;WD)", "D:(A;;KR;;;WD)", &test_domain,
		      "KX has KR's bits");
	expect_format("D:(A;;0x100000;;;WD)", "D:(A;;0x100000;;;WD)",
		      &test_domain, "SYNCHRONIZE alone is hex");
	expect_format("D:(A;;GAGR;;;WD)", "D:(A;;GAGR;;;WD)", &test_domain,
		      "generic bits in bit order");
}

static void test_labels(void)
{
	struct wt_ace_view ace;
	struct wt_sd_view sd;
	u8 *buf;
	bool ok;

	ok = first_ace("S:(ML;;NWNRNX;;;LW)", true, &ace, &buf, &sd);
	tap(ok && ace.type == WT_SYSTEM_MANDATORY_LABEL_ACE_TYPE &&
	    ace.mask == 7, "mandatory label ACE type and policy");
	free(buf);
	expect_format("S:(ML;;NW;;;LW)", "S:(ML;;NW;;;LW)", &test_domain,
		      "label no-write-up");
	expect_format("S:(ML;CIOI;NRNWNX;;;HI)", "S:(ML;OICI;NWNRNX;;;HI)",
		      &test_domain, "label policy and flags in bit order");
	expect_format("S:(ML;;0x11;;;SI)", "S:(ML;;0x11;;;SI)", &test_domain,
		      "label with other bits is hex");
}

static void test_ace_types_and_flags(void)
{
	static const char *const types[] = {
		"A", "D", "AU", "AL", "OA", "OD", "OU", "OL", "XA", "XD",
		"ZA", "XU", "ML", "SP",
	};
	static const u8 values[] = { 0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 13,
				     17, 19 };
	struct wt_ace_view ace;
	struct wt_sd_view sd;
	char in[64], want[64];
	size_t i;
	u8 *buf;
	bool ok;

	for (i = 0; i < ARRAY_SIZE(types); i++) {
		snprintf(in, sizeof(in), "S:(%s;;0x10000;;;WD)", types[i]);
		snprintf(want, sizeof(want), "S:(%s;;%s;;;WD)", types[i],
			 values[i] == WT_SYSTEM_MANDATORY_LABEL_ACE_TYPE ?
			 "0x10000" : "SD");
		ok = first_ace(in, true, &ace, &buf, &sd);
		tap(ok && ace.type == values[i], "ACE type %s is %u",
		    types[i], values[i]);
		free(buf);
		expect_format(in, want, &test_domain, "ACE type round trip");
	}
	ok = first_ace("D:(A;FAOIIDNPSACIIO;;;;WD)", false, &ace, &buf, &sd);
	tap(ok && ace.flags == 0xdf, "all ACE flags");
	free(buf);
	expect_format("D:(A;FAOIIDNPSACIIO;;;;WD)",
		      "D:(A;OICINPIOIDSAFA;;;;WD)", &test_domain,
		      "ACE flags in bit order");
	expect_fail("D:(A;XX;;;;WD)", -EINVAL, &test_domain, "bad ACE flag");
	expect_fail("D:(A;;FA;;;WD;x)", -EINVAL, &test_domain,
		    "sixth field on a plain ACE");
}

static void test_guids(void)
{
	static const u8 want[16] = {
		0xbe, 0x3b, 0x0e, 0xf3, 0xf0, 0x9f, 0xd1, 0x11,
		0xb6, 0x03, 0x00, 0x00, 0xf8, 0x03, 0x67, 0xc1,
	};
	const char *in = "D:(OA;;CR;f30e3bbe-9ff0-11d1-b603-0000f80367c1;"
			 "BF967AA5-0DE6-11D0-A285-00AA003049E2;WD)";
	struct wt_ace_view ace;
	struct wt_sd_view sd;
	u8 *buf;
	bool ok = first_ace(in, false, &ace, &buf, &sd);

	tap(ok && ace.object_type && !memcmp(ace.object_type, want, 16) &&
	    ace.inherited_object_type && sd.dacl.revision == WT_ACL_REVISION_DS,
	    "object ACE GUID byte order and ACL revision 4");
	free(buf);
	expect_format(in, "D:(OA;;CR;f30e3bbe-9ff0-11d1-b603-0000f80367c1;"
		      "bf967aa5-0de6-11d0-a285-00aa003049e2;WD)", &test_domain,
		      "GUIDs in lowercase");
	expect_format("D:(OA;;CR;;bf967aa5-0de6-11d0-a285-00aa003049e2;WD)",
		      "D:(OA;;CR;;bf967aa5-0de6-11d0-a285-00aa003049e2;WD)",
		      &test_domain, "inherited object type alone");
	expect_fail("D:(A;;CR;f30e3bbe-9ff0-11d1-b603-0000f80367c1;;WD)",
		    -EINVAL, &test_domain, "GUID on a non-object ACE");
	expect_fail("D:(OA;;CR;f30e3bbe-9ff0-11d1-b603_0000f80367c1;;WD)",
		    -EINVAL, &test_domain, "GUID with a bad separator");
}

static void test_acls(void)
{
	struct wt_sd_view sd;
	size_t len;
	u8 *buf;

	buf = to_bytes("D:NO_ACCESS_CONTROL", &test_domain, &len, NULL);
	tap(buf && !wt_sd_parse(buf, len, &sd) && !sd.dacl.acl &&
	    (sd.control & WT_SE_DACL_PRESENT), "NULL DACL");
	free(buf);
	expect_format("D:NO_ACCESS_CONTROL", "D:NO_ACCESS_CONTROL",
		      &test_domain, "NULL DACL round trip");
	expect_format("D:PNO_ACCESS_CONTROLS:AIARP", "D:PNO_ACCESS_CONTROLS:PARAI",
		      &test_domain, "NULL DACL with flags, SACL flags");
	expect_fail("D:NO_ACCESS_CONTROL(A;;GA;;;WD)", -EINVAL, &test_domain,
		    "NULL DACL with ACEs");
	buf = to_bytes("S:PARAI", &test_domain, &len, NULL);
	tap(buf && !wt_sd_parse(buf, len, &sd) &&
	    (sd.control & 0x2a10) == 0x2a10 && sd.sacl.acl && !sd.dacl.acl,
	    "SACL flags set the SACL control bits");
	free(buf);
	expect_format("G:BAO:SY", "O:SYG:BA", &test_domain,
		      "component order");
	expect_fail("O:SYO:SY", -EINVAL, &test_domain, "owner twice");
	expect_format("", "", &test_domain, "empty string: empty SD");
	expect_format("   ", "", &test_domain, "only spaces: empty SD");
}

static void test_sids(void)
{
	expect_format("O:S-1-5-21-1-2-3-4-5-6-7-8-9-10-11-12-13-14",
		      "O:S-1-5-21-1-2-3-4-5-6-7-8-9-10-11-12-13-14",
		      &test_domain, "15 sub-authorities");
	expect_fail("O:S-1-5-21-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15",
		    -EINVAL, &test_domain, "16 sub-authorities");
	expect_format("O:S-1-281474976710655", "O:S-1-0xFFFFFFFFFFFF",
		      &test_domain, "largest authority");
	expect_fail("O:S-1-281474976710656", -EINVAL, &test_domain,
		    "authority above 48 bits");
	/* Windows clamps sub-authorities, and reads S-0x1- as all hex */
	expect_format("O:S-1-5-4294967296", "O:S-1-5-4294967295", &test_domain,
		      "sub-authority past 32 bits clamped");
	expect_format("O:S-1-5-0x100000000-99999999999", "O:S-1-5-4294967295-4294967295",
		      &test_domain, "hex sub-authority past 32 bits clamped");
	expect_format("O:S-0x1-0-0-579", "O:S-1-0-0-1401", &test_domain,
		      "after S-0x1 every number is hexadecimal");
	expect_format("O:S-0x1-5-20-0x21", "O:S-1-5-32-33", &test_domain,
		      "hex mode takes 0x prefixes too");
	expect_format("O:S-1-5-21-0x1-0x2-0x3-513", "O:S-1-5-21-1-2-3-513",
		      &test_domain, "0x in a sub-authority is for that number only");
	expect_fail("O:S-0x1-0x1000000000000", -EINVAL, &test_domain,
		    "hex authority above 48 bits");
	expect_format("O:S-1-5", "O:S-1-5", &test_domain,
		      "no sub-authority");
	expect_format("O:s-1-5-32-544", "O:BA", &test_domain,
		      "lowercase s-");
	expect_format("O:S-1-5-21-3623811015-3361044348-30300820-512",
		      "O:DA", &test_domain, "domain SID formats as its alias");
	expect_format("O:S-1-5-21-3623811015-3361044348-30300820-512",
		      "O:S-1-5-21-3623811015-3361044348-30300820-512", NULL,
		      "no domain: no domain alias");
}

/* ---- the JSON reader wtacl uses ---- */

static void expect_json(const char *text, bool valid)
{
	const char *err = NULL;
	struct json_value *v = json_parse(text, strlen(text), &err);

	tap(!!v == valid, "JSON %s: %s%s%s", valid ? "accepts" : "rejects",
	    text, err ? " -- " : "", err ? err : "");
	json_free(v);
}

static void test_json(void)
{
	static const char *const good[] = {
		"{}", "[]", " {\"a\": [1, -2.5e3, true, false, null]} ",
		"\"\\u00e9\\ud83d\\ude00\"", "{\"a\":{\"b\":{\"c\":[]}}}", "0",
	};
	static const char *const bad[] = {
		"", "{", "{\"a\":1,}", "[1,]", "{\"a\":1,\"a\":2}", "01",
		"1.", "-", "tru", "\"\\x\"", "\"a\tb\"", "\"\\ud800\"",
		"\"\\u0000\"", "{} {}", "{a:1}", "'a'", "[1 2]", "+1",
	};
	const char *err, *text;
	struct json_value *v;
	char deep[2 * JSON_MAX_DEPTH + 8];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(good); i++)
		expect_json(good[i], true);
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		expect_json(bad[i], false);
	memset(deep, '[', JSON_MAX_DEPTH + 1);
	memset(deep + JSON_MAX_DEPTH + 1, ']', JSON_MAX_DEPTH + 1);
	deep[2 * JSON_MAX_DEPTH + 2] = '\0';
	expect_json(deep, false);
	text = "{\"k\": \"a\\\"b\\u00e9\", \"n\": 12}";
	v = json_parse(text, strlen(text), &err);
	tap(v && json_get(v, "k") && !strcmp(json_get(v, "k")->text, "a\"b\xc3\xa9") &&
	    json_get(v, "n") && !strcmp(json_get(v, "n")->text, "12") &&
	    !json_get(v, "x"), "JSON decodes escapes and keeps number text");
	json_free(v);
}

/* ---- oracle vectors ---- */

static void oracle_line(const char *file, unsigned int lineno, char *left,
			char *right)
{
	bool expect_ok = strcmp(file, "should_fail.txt") != 0;
	char *got;

	if (!expect_ok) {
		size_t len;
		int rc;
		u8 *buf = to_bytes(left, &test_domain, &len, &rc);

		tap(!buf, "%s:%u rejected (%d)", file, lineno, rc);
		free(buf);
		return;
	}
	got = roundtrip(left, &test_domain);
	tap(got && !strcmp(got, right), "%s:%u formats as Windows does", file,
	    lineno);
	if (!got)
		printf("# did not parse: %.200s\n", left);
	else if (strcmp(got, right))
		printf("# want %.300s\n# got  %.300s\n", right, got);
	if (got && strcmp(got, left)) {
		char *again = roundtrip(got, &test_domain);

		tap(again && !strcmp(again, got) &&
		    same_bytes(left, got, &test_domain),
		    "%s:%u output round-trips", file, lineno);
		free(again);
	}
	free(got);
}

static void oracle_file(const char *dir, const char *file)
{
	char path[4096];
	char *line = NULL, *sep;
	size_t cap = 0;
	ssize_t n;
	unsigned int lineno = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	f = fopen(path, "r");
	if (!f) {
		tap_skip(file, "oracle vectors not present");
		return;
	}
	while ((n = getline(&line, &cap, f)) > 0) {
		lineno++;
		if (line[n - 1] == '\n')
			line[--n] = '\0';
		sep = strstr(line, " -> ");
		if (!sep) {
			tap(false, "%s:%u has no ' -> '", file, lineno);
			continue;
		}
		*sep = '\0';
		oracle_line(file, lineno, line, sep + 4);
	}
	tap(lineno > 0, "%s has cases (%u)", file, lineno);
	free(line);
	fclose(f);
}

int main(int argc, char **argv)
{
	static const char *const files[] = {
		"canonical.txt", "non_canonical.txt", "should_fail.txt",
		"windows_is_less_fussy.txt",
	};
	size_t i;

	wt_sid_from_string(&test_domain_sid,
			   "S-1-5-21-3623811015-3361044348-30300820");
	test_aliases();
	test_root_domain();
	test_rights();
	test_labels();
	test_ace_types_and_flags();
	test_guids();
	test_acls();
	test_sids();
	test_conditions();
	test_json();
	for (i = 0; i < ARRAY_SIZE(files); i++) {
		if (argc > 1)
			oracle_file(argv[1], files[i]);
		else
			tap_skip(files[i], "no oracle directory given");
	}
	printf("1..%u\n", test_count);
	printf("# %u passed, %u failed, %u skipped\n",
	       test_count - test_failed - test_skipped, test_failed,
	       test_skipped);
	return test_failed ? 1 : 0;
}
