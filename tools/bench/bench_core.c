// SPDX-License-Identifier: GPL-2.0
/*
 * Nanoseconds per wt_access_check() call (a benchmark, not a test):
 *  - 16-ACE DACL, token with 32 groups (target: <= 100 ns)
 *  - 200-ACE DACL, same token
 * Each with a plain request granted by the last ACE (the whole DACL is
 * walked) and with MAXIMUM_ALLOWED, with and without the token's SID
 * index; and wt_sd_parse() of the same SD. Each figure is the best of
 * BATCHES timed batches.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include "wt_access.h"
#include "bench_clock.h"

#define GROUPS 32
#define BATCHES 9

static struct wt_sid_attr groups[GROUPS];
/* Printed at the end so the compiler cannot drop the checks. */
static u32 sink;

static void domain_sid(struct wt_sid *sid, u32 domain, u32 rid)
{
	u32 subs[5] = { 21, 1111, 2222, domain, rid };

	wt_sid_init(sid, 5, 5, subs);
}

static u8 *make_sd(unsigned int aces, size_t *len)
{
	struct wt_ace_spec *a = calloc(aces, sizeof(*a));
	struct wt_sd_spec spec;
	unsigned int i;
	long n;
	u8 *buf;

	memset(&spec, 0, sizeof(spec));
	spec.has_owner = true;
	spec.has_group = true;
	domain_sid(&spec.owner, 9, 500);
	domain_sid(&spec.group, 9, 513);
	for (i = 0; i + 1 < aces; i++) {
		/* SIDs the token does not hold: a realistic miss each. */
		a[i].type = i % 4 ? WT_ACCESS_ALLOWED_ACE_TYPE :
				    WT_ACCESS_DENIED_ACE_TYPE;
		a[i].mask = i % 4 ? WT_FILE_ALL_ACCESS : WT_FILE_WRITE_DATA;
		domain_sid(&a[i].sid, 8, 3000 + i);
	}
	a[aces - 1].type = WT_ACCESS_ALLOWED_ACE_TYPE;
	a[aces - 1].mask = WT_FILE_GENERIC_READ | WT_FILE_GENERIC_EXECUTE;
	a[aces - 1].sid = groups[GROUPS - 1].sid;
	spec.dacl.present = true;
	spec.dacl.count = aces;
	spec.dacl.aces = a;
	n = wt_sd_build(&spec, NULL, 0);
	buf = malloc(n);
	wt_sd_build(&spec, buf, n);
	free(a);
	*len = n;
	return buf;
}

static double run(const struct wt_sd_view *sd, struct wt_token_view *tok,
		  u32 desired, unsigned int iterations)
{
	struct wt_access_request req = {
		.desired = desired,
		.mapping = &wt_file_mapping,
	};
	struct wt_access_result res;
	unsigned int i, batch;
	u64 start, end, best = 0;

	wt_access_check(sd, tok, &req, &res);
	if (res.status != WT_STATUS_OK) {
		fprintf(stderr, "bench: unexpected status %d\n", res.status);
		exit(1);
	}
	/*
	 * The best of several batches: the machine is shared, and the
	 * minimum is what the code costs when it is not preempted.
	 */
	for (batch = 0; batch < BATCHES; batch++) {
		start = bench_now_ns();
		for (i = 0; i < iterations; i++) {
			wt_access_check(sd, tok, &req, &res);
			sink += res.granted;
		}
		end = bench_now_ns();
		if (!batch || end - start < best)
			best = end - start;
	}
	return (double)best / iterations;
}

/* wt_sd_parse() of the same SD: what a check costs if the SD is not cached. */
static double parse_ns(const u8 *buf, size_t len, unsigned int iterations)
{
	struct wt_sd_view sd;
	unsigned int i, batch;
	u64 start, end, best = 0;

	for (batch = 0; batch < BATCHES; batch++) {
		start = bench_now_ns();
		for (i = 0; i < iterations; i++) {
			if (wt_sd_parse(buf, len, &sd))
				exit(1);
			sink += sd.len;
		}
		end = bench_now_ns();
		if (!batch || end - start < best)
			best = end - start;
	}
	return (double)best / iterations;
}

static void bench_one(const char *name, unsigned int aces, unsigned int iters)
{
	struct wt_token_view tok;
	struct wt_sd_view sd;
	size_t len;
	u8 *buf = make_sd(aces, &len);
	double plain, max, unfiltered;

	if (wt_sd_parse(buf, len, &sd)) {
		fprintf(stderr, "bench: SD does not parse\n");
		exit(1);
	}
	memset(&tok, 0, sizeof(tok));
	domain_sid(&tok.user.sid, 7, 1001);
	tok.groups = groups;
	tok.group_count = GROUPS;
	tok.integrity_level = WT_INTEGRITY_MEDIUM;
	tok.mandatory_policy = WT_TOKEN_MANDATORY_POLICY_NO_WRITE_UP;
	unfiltered = run(&sd, &tok, WT_FILE_GENERIC_READ, iters);
	wt_token_prepare(&tok);
	plain = run(&sd, &tok, WT_FILE_GENERIC_READ, iters);
	max = run(&sd, &tok, WT_MAXIMUM_ALLOWED, iters);
	printf("%-30s %6.1f ns/check (MAXIMUM_ALLOWED %.1f, ", name, plain,
	       max);
	printf("no SID index %.1f; wt_sd_parse %.1f ns)\n", unfiltered,
	       parse_ns(buf, len, iters));
	free(buf);
}

int main(void)
{
	unsigned int i;

	for (i = 0; i < GROUPS; i++) {
		domain_sid(&groups[i].sid, 7, 2000 + i);
		groups[i].attributes = WT_SE_GROUP_ENABLED;
	}
	bench_one("16-ACE DACL, 32-group token:", 16, 300000);
	bench_one("200-ACE DACL, 32-group token:", 200, 30000);
	printf("(checksum %u)\n", sink);
	return 0;
}
